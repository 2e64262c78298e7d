"""What each candidate who is not hired is told: the structured content of a letter and a call.

`compose` turns one row of `toolkit.analytics.candidate_summary` into a
`Feedback`: the letter's parts (greeting, thanks, strength, decision,
reason with a growth tip, stay-in-touch paragraph, closing, sender) and the
caller's notes (talking points in order, phrases to avoid, the follow-up
promised). Rendering to HTML, text and ``.eml`` is `toolkit.render.letters`.

How the letter is chosen (GUIDANCE rules 4-10):

- **Withdrawn** candidates get thanks and respect for their decision, with
  no verdict: no strength, no reason.
- A **close runner-up** (a runner-up by the scores, see
  `toolkit.analytics.runners_up`) hears that the decision was close, their
  strength, the one criterion that tipped the balance, and that we want to
  stay in touch; "one of the strongest applications we received" only when
  they rank in the top half of a field of three or more.
- Otherwise the **reason** is one of:
  ``below_bar`` (the most important criterion they were below the bar on,
  with the criterion's growth tip), ``shortfall`` (the criterion that
  tipped the balance, with its tip), ``thin_evidence`` ("our interviews
  did not give us enough detail on X": used only when the scores give no
  evidenced growth area, so that a real, evidenced reason is never replaced
  by "we do not know"), ``overall`` (the growth area is a soft criterion such as team fit, by its
  ``soft`` field or else its name (`SOFT_CRITERION`):
  the letter says the overall picture decided, never "you did not fit",
  and gives the workbook's tip only if there is one), ``none`` (the scores
  give no honest growth area: the letter says it was no single weakness and
  invents nothing) and ``not_interviewed`` (no scores at all: thanks and
  the decision only). Only ranks 1-3 are called important; a less
  important criterion is named without a rank claim.
- The **strength** is the analytics' strength. It is praised warmly ("we
  were particularly impressed") only when the candidate's mean on it is at
  least `CLEAR_STRENGTH_POINTS` above the pool median; otherwise it is
  named with a milder "we appreciated".
- The **call notes** follow the letter; when an important criterion (rank
  1-3) had too little evidence and the letter gives another reason, they
  also say what to answer if the candidate asks about it (not a weakness).
- **Stay in touch** for runners-up and for anyone marked stay_in_touch =
  yes; never when it is explicitly no. A follow-up date on or after the
  letter date is promised in the letter.

The candidate never sees a score, a rank or anything about another
candidate. Criterion names and growth tips come from the workbook (the tip
in the letter's language, else the English tip, else an honest generic
sentence that names the criterion; never for a soft criterion). Notes for
the committee are in the letter's language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..analytics.scoring import scale_points
from ..coerce import is_blank as _blank
from ..coerce import parse_as_of, valid_email
from ..validate import shared_emails
from ..errors import ToolkitError
from ..model import HiringRound, takes_round
from ..schema import LANGUAGES, STATUSES, normalise_header
from . import phrases
from .language import as_date, choose_language, format_date, format_number

NO_LETTER_STATUSES = ("hired", "offered")
"""Candidates with these statuses get no rejection letter (`compose` raises)."""

LETTER_STATUSES = ("rejected", "withdrawn")
"""Statuses `compose_round` writes letters for by default (pending: pass ``statuses``)."""

REASON_KINDS = ("below_bar", "shortfall", "thin_evidence", "overall", "none", "not_interviewed", "withdrawn")

CLEAR_STRENGTH_POINTS = 0.5
"""A strength is praised warmly from this many points above the pool median (1-5 scale; scaled to others)."""

SMALL_GAP_POINTS = 1.0
"""A close runner-up's letter says "just a little more" on the criterion that tipped the balance only when they were at
most this many points behind the person chosen on it (1-5 scale; scaled: 4 against 5 is a little); further behind, it
says "we would have liked to see more" (3 against 5 is no little)."""

SOFT_CRITERION = re.compile(
    r"(?<![^\W\d_])(?<!market-)(?<!market )(?:team)?fit\b|passung|kultur|^\s*culture\s*$|\bcultur(?:e|al)[\s-]+(?:fit|add)\b"
    r"|\b(?:company|team|work|workplace)\s+culture\b|teamkänsla|teamgeist|team spirit|personlig|persönlich|personality"
    r"|(?<!data )\bvalues\b|\bwerte\b|värderingar|\b(?:team|personal|interpersonal)\s*chemistry\b|teamchemie|personkemi|teamkemi|gruppkemi",
    re.IGNORECASE,
)
"""Criterion names that are about how someone would fit in rather than a skill ("Team fit", "Teamfit", "Teamkänsla",
"Personkemi"), for a criterion whose ``soft`` field is blank. Skills whose names share a word are not matched ("Organic
chemistry", "Kemi", "Agriculture", "Cell culture", "Product-market fit"); ``soft`` = yes or no on the Criteria sheet
decides where a name does not say."""



@dataclass(frozen=True)
class Feedback:
    """Everything one candidate is told, and what the caller needs, in one language.

    ``name`` and ``first_name`` are None for a candidate without a name (an
    export of ids): the letter greets them without one, and the notes use
    the id and say so.

    Letter parts (plain text, already in the letter's language; None when
    left out): ``greeting``, ``thanks``, ``strength``, ``withdrawn_ack``,
    ``decision``, ``reason``, ``tip``, ``stay_in_touch``, ``follow_up_promise``,
    ``closing``, ``sign_off``, ``sender_name``, ``sender_title``, ``company``,
    ``subject`` and ``date_text`` (the letter date, Babel long format).
    ``paragraphs`` and ``text`` assemble them.

    For the caller: ``talking_points`` (in the order to say them),
    ``phrases_to_avoid``, ``follow_up`` (what was promised and by when, or
    None), ``notes`` (notes for the committee in the letter's language:
    fallbacks used, missing data, what to consider).

    What the letter is based on: ``reason_kind`` (see `REASON_KINDS`),
    ``is_close_runner_up``, ``strength_criterion`` (the strength named, or
    None), ``growth_area``, ``growth_kind`` and ``thin_evidence_on`` (the
    analytics' values, criterion names as in the workbook; all None for a
    withdrawn candidate, whose letter gives no verdict).
    """

    round_id: str
    candidate_id: str
    name: str | None
    first_name: str | None
    email: str | None
    language: str
    status: str
    role: str
    company: str | None
    date: dt.date
    date_text: str
    subject: str
    greeting: str
    thanks: str
    strength: str | None
    withdrawn_ack: str | None
    decision: str | None
    reason: str | None
    tip: str | None
    stay_in_touch: str | None
    follow_up_promise: str | None
    closing: str
    sign_off: str
    sender_name: str
    sender_title: str | None
    reason_kind: str
    is_close_runner_up: bool
    strength_criterion: str | None
    growth_area: str | None
    growth_kind: str
    thin_evidence_on: str | None
    sender_email: str | None = None
    """The signer's address (Role ``sender_email``): under the signature, and the .eml draft's sender."""
    sender_phone: str | None = None
    """The signer's phone number (Role ``sender_phone``), under the signature."""
    stage_reached: str | None = None
    weighted_total_text: str | None = None
    scale_text: str | None = None
    follow_up_on: dt.date | None = None
    follow_up: str | None = None
    talking_points: tuple[str, ...] = ()
    phrases_to_avoid: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    told_on: dt.date | None = None
    """The day the candidate was told the decision (``notified_on``), when they have been: the letter is then the written
    feedback, not the news (a note says so, and the mail merge has it)."""
    told_by: str | None = None
    """How they were told (``channel``), when recorded."""
    role_label: str | None = None
    """The job title as the committee wrote it, for a heading ("Enhetschef hemtjänst"); ``role`` is the title as a
    sentence of the letter puts it ("tjänsten som enhetschef hemtjänst")."""
    draft_mark: str | None = None
    """For a candidate whose status is pending: "DRAFT - no decision yet, do not send" in the letter's language, at the
    top of the letter and in front of the subject, so that the draft cannot go out unnoticed before the decision is
    recorded (and the letter is made again). None otherwise."""

    @property
    def shown_name(self) -> str:
        """The name, or the candidate id where none is given: how pickers and pages label the candidate (as
        `model.shown_names`); tables keep ``name`` blank, and the letter itself never shows the id."""
        return self.name or self.candidate_id

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body of the letter between greeting and sign-off, one string per paragraph."""
        def join(*parts: str | None) -> str:
            return " ".join(p for p in parts if p)

        out = [join(self.thanks, self.strength, self.withdrawn_ack)]
        if self.decision:
            out.append(join(self.decision, self.reason, self.tip))
        if self.stay_in_touch:
            out.append(join(self.stay_in_touch, self.follow_up_promise))
        out.append(self.closing)
        return tuple(p for p in out if p)

    @property
    def signature(self) -> tuple[str, ...]:
        """Sign-off, sender, title, company, phone and email, one line each (blank parts left out): the letter offers to
        answer questions, so it says how to reach the one who offers."""
        lines = [self.sign_off, self.sender_name, self.sender_title or "", self.company or "", self.sender_phone or "",
                 self.sender_email or ""]
        seen: list[str] = []
        for line in lines:
            if line and line not in seen:
                seen.append(line)
        return tuple(seen)

    @property
    def text(self) -> str:
        """The whole letter as plain text (greeting, paragraphs, signature)."""
        return "\n\n".join([self.greeting, *self.paragraphs, "\n".join(self.signature)]) + "\n"

    @property
    def word_count(self) -> int:
        return len(self.text.split())


# ---------------------------------------------------------------------------
# helpers




def _why_shortfall(focus: str, standing: dict, criteria: dict, lang: str) -> str | None:
    """For the call notes: why ``focus`` is the reason (its gap to the selected candidate times its weight is the largest),
    and, when another criterion is further behind, that it weighs less. None when a number is missing."""
    def gap(c):
        mean, _, _, hire_mean = standing.get(c, (float("nan"),) * 4)
        return hire_mean - mean

    from babel.numbers import format_percent

    def w_of(c):
        return (criteria.get(c) or {}).get("weight")

    def weight(c):  # as the call notes' table beside it writes a weight (33%, 33 %)
        return format_percent(w_of(c), locale=lang)

    here = gap(focus)
    if not here == here or w_of(focus) is None:
        return None
    text = phrases.text(lang, "note_why_shortfall", crit=phrases.quote(focus, lang), gap=format_number(here, lang), weight=weight(focus))
    # further behind, and behind less once weighted: what the weights explain (a criterion left out for thin evidence,
    # or as the strength, is not one of them)
    others = [c for c in standing if c != focus and gap(c) == gap(c) and gap(c) - here > 1e-9 and w_of(c) is not None
              and w_of(c) * gap(c) < w_of(focus) * here - 1e-9]
    if others:
        other = max(others, key=gap)
        text += " " + phrases.text(lang, "note_why_not_other", crit=phrases.quote(other, lang), gap=format_number(gap(other), lang),
                                weight=weight(other))
    return text


def _clean(value: object) -> str | None:
    """A one-line string (line breaks and control characters become spaces) or None for blanks."""
    if _blank(value):
        return None
    text = "".join(" " if (ord(ch) < 32 or ord(ch) == 127 or ch in "\u2028\u2029\x85") else ch for ch in str(value))
    text = " ".join(text.split())
    return text or None


def first_name(name: str) -> str:
    """The first word of a full name ("Anna-Karin Lindqvist" -> "Anna-Karin"); the full name when the first word is a title ("Dr.")."""
    words = name.split()
    if not words:
        return name
    return name if words[0].endswith(".") or len(words) == 1 else words[0]


def _opt(value: object) -> str | None:
    return None if _blank(value) else str(value)


@dataclass(frozen=True)
class _RoundFacts:
    final_stage_key: str | None
    final_stage: str | None
    finalists: frozenset
    interviewed: frozenset
    several_interviews: frozenset  # candidates scored in more than one stage: "our interviews"; the others had one
    criteria: dict
    standing: dict  # candidate_id -> criterion -> (mean, pool median, floor, the hire's mean): floor = bar, else the middle of the scale
    clear_margin: float  # CLEAR_STRENGTH_POINTS on the round's scale
    small_gap: float  # SMALL_GAP_POINTS on the round's scale
    n_errors: int  # data errors in the round's workbook (its problems of severity "error")
    n_ranked: int = 0  # candidates with a rank: "one of the strongest" is said in the top half of them only
    shared_email: frozenset = frozenset()  # candidates whose address another candidate of the round has too (`validate.shared_emails`)


_FACTS: dict[int, tuple[HiringRound, object, _RoundFacts]] = {}  # id of the round -> (round, the summary given with it, facts)


def _criteria_origin(round: HiringRound) -> str:
    """Where the round's criteria were written: "sheet" (a Criteria sheet), "mapping" (``[[criteria]]`` in a mapping file)
    or "derived" (from the score columns' headings; `readers.assemble.build_criteria`)."""
    source = str(round.details.get("criteria_source") or "sheet")
    return "mapping" if source == "mapping" else "derived" if source.startswith("derived") else "sheet"


def _facts(round: HiringRound, profiles: pd.DataFrame | None = None, *, summary=None) -> _RoundFacts:
    """Per-round facts every letter needs (``profiles``: its `criterion_profiles`, if at hand). Kept for letters composed
    one by one with the same ``summary`` object (`compose(..., summary=...)`); anything else works them out again, since
    a table of the round may have been changed in place (a notebook's ``rnd.candidates.loc[...] = ...``), which the
    round object does not show, and a new summary says the round may have changed."""
    hit = _FACTS.get(id(round))
    if summary is not None and hit is not None and hit[0] is round and hit[1] is summary:
        return hit[2]
    from ..analytics.timelines import final_stage

    scores = round.scores
    final = final_stage(round)
    key = normalise_header(final) if final else None
    interviewed = frozenset(scores["candidate_id"].astype("str")) if len(scores) else frozenset()
    several = _several_stages(scores)
    if key:
        in_final = scores.loc[_is_stage(scores["stage"], key), "candidate_id"]
        reached = round.candidates.loc[_is_stage(round.candidates["stage_reached"], key), "candidate_id"]
        finalists = frozenset(in_final.astype("str")) | frozenset(reached.astype("str"))
    else:
        finalists = frozenset()
    crit = {}
    for row in round.criteria.itertuples(index=False):
        crit[str(row.criterion)] = {
            "rank": int(row.rank),
            "weight": float(row.weight) if not _blank(row.weight) else None,  # normalised (the totals' weight)
            "must_have": bool(row.must_have) if not _blank(row.must_have) else False,
            "soft": _is_soft(row),
            "en": _clean(getattr(row, "growth_tip", None)),
            "de": _clean(getattr(row, "growth_tip_de", None)),
            "sv": _clean(getattr(row, "growth_tip_sv", None)),
            "names": {lang: _clean(getattr(row, f"criterion_{lang}", None)) for lang in LANGUAGES},  # the name in letters of each language
        }
    from ..analytics.scoring import weighted_totals

    facts = _RoundFacts(key, final, finalists, interviewed, several, crit, _standing(round, profiles), scale_points(round, CLEAR_STRENGTH_POINTS),
                        scale_points(round, SMALL_GAP_POINTS),
                        len(round.errors), int(weighted_totals(round)["rank"].notna().sum()),
                        frozenset(round.candidates["candidate_id"].astype("str")[shared_emails(round.candidates)]))
    if summary is not None:
        if len(_FACTS) >= 16:
            _FACTS.pop(next(iter(_FACTS)))
        _FACTS[id(round)] = (round, summary, facts)
    return facts


def _is_soft(criterion_row) -> bool:
    """Whether a criterion is soft: its ``soft`` field when the committee filled it in, else what its name says
    (`SOFT_CRITERION`)."""
    flag = getattr(criterion_row, "soft", None)
    return bool(flag) if not _blank(flag) else bool(SOFT_CRITERION.search(str(criterion_row.criterion)))


def _several_stages(scores: pd.DataFrame) -> frozenset:
    """The candidates scored in more than one stage (a blank stage is one stage of its own, named as headers are compared:
    "Final interview" and "final  interview" are one): they are thanked for "our interviews", the others for "our interview"."""
    if not len(scores):
        return frozenset()
    codes, names = pd.factorize(scores["stage"], use_na_sentinel=False)  # each distinct stage name once, not per score
    keys = [normalise_header(v) if isinstance(v, str) else "" for v in names]
    stage = pd.factorize(pd.Series(keys, dtype=object))[0][codes]
    cand, ids = pd.factorize(scores["candidate_id"].astype("str"))
    width = int(stage.max()) + 1
    pairs = np.unique(cand.astype(np.int64) * width + stage)  # each candidate x stage once
    per_candidate = np.bincount(pairs // width, minlength=len(ids))
    return frozenset(np.asarray(ids, dtype=object)[per_candidate > 1].tolist())


def _is_stage(stages: pd.Series, key: str) -> pd.Series:
    """Which rows name the stage `key` (compared as headers are: `normalise_header`), looking at each distinct name once."""
    names = [v for v in stages.dropna().unique() if isinstance(v, str) and normalise_header(v) == key]
    return stages.isin(names)


def _standing(round: HiringRound, profiles: pd.DataFrame | None = None) -> dict:
    """candidate_id -> criterion -> (their mean, the pool median, the floor: the bar, else the middle of the scale, and the
    selected candidate's mean: NaN when there is none)."""
    from ..analytics.summary import criterion_profiles

    p = criterion_profiles(round) if profiles is None else profiles
    lo, hi = float(round.role.scale_min), float(round.role.scale_max)
    bar = p["bar"].astype("float64").to_numpy(na_value=float("nan"))
    floor = [lo + (hi - lo) / 2 if b != b else b for b in bar]
    out: dict[str, dict[str, tuple[float, float, float, float]]] = {}
    for c, k, m, med, f, h in zip(p["candidate_id"].astype("str"), p["criterion"].astype("str"),
                                  p["mean_score"].astype("float64").to_numpy(na_value=float("nan")),
                                  p["pool_median"].astype("float64").to_numpy(na_value=float("nan")), floor,
                                  p["hire_mean"].astype("float64").to_numpy(na_value=float("nan"))):
        out.setdefault(c, {})[k] = (float(m), float(med), float(f), float(h))
    return out


SUMMARY_NEEDED = ("candidate_id", "strength", "growth_area", "growth_kind", "thin_evidence_on", "rank", "weighted_total",
                  "is_runner_up", "ranked_above_selected")
"""The `candidate_summary` columns a letter is composed from: a table without one would change what the letter says."""


def _check_summary(round: HiringRound, summary) -> None:
    missing = [c for c in SUMMARY_NEEDED if not isinstance(summary, pd.DataFrame) or c not in summary.columns]
    if missing:
        raise ToolkitError(f"summary is not a candidate summary: it has no column {', '.join(map(repr, missing))}", file=round.source,
                           allowed="toolkit.analytics.candidate_summary(round) of this round",
                           hint="Pass candidate_summary(round), or leave summary=None to have it computed")


def _summary_row(round: HiringRound, candidate_id: str, summary: pd.DataFrame) -> pd.Series:
    rows = summary[summary["candidate_id"].astype("str") == candidate_id]
    if "round_id" in summary.columns:
        rows = rows[rows["round_id"].astype("str") == round.round_id]
    if rows.empty:
        raise ToolkitError(
            "the candidate is not in the candidate summary passed to compose",
            file=round.source,
            value=candidate_id,
            hint="Pass toolkit.analytics.candidate_summary(round) of this round, or leave summary=None",
        )
    return rows.iloc[0]


def _among_the_strongest(rank, n_ranked: int) -> bool:
    """Whether "one of the strongest applications we received" is true of a candidate ranked ``rank`` of ``n_ranked``: in
    the top half of a field of three or more. A close runner-up at the bottom of a small field that scored alike hears
    that the committee would like to stay in touch, without the claim."""
    return not _blank(rank) and n_ranked >= 3 and int(rank) <= -(-n_ranked // 2)


def _close_runner_up(row, stay: object) -> bool:
    """A runner-up because the scores say so (not only because the committee ticked stay in touch). `row`: a Series or a dict."""
    if not bool(row.get("is_runner_up", False)):
        return False
    if "runner_up_by_scores" in row:
        return bool(row["runner_up_by_scores"])
    if "runner_up_basis" in row and not _blank(row["runner_up_basis"]):
        basis = str(row["runner_up_basis"])
        if basis in ("close", "next best"):
            return True
    reason = "" if _blank(row.get("runner_up_reason")) else str(row["runner_up_reason"])
    if stay is True:
        # committee choice; close only if the scores agree (see runner_up_assessment's reason)
        return "scores agree" in reason
    return True


# ---------------------------------------------------------------------------
# compose


@takes_round
def compose(
    round: HiringRound,
    candidate_id: str,
    *,
    language: str | None = None,
    summary: pd.DataFrame | None = None,
    as_of: dt.date | str | None = None,
) -> Feedback:
    """The feedback for one candidate who was not hired.

    ``language`` overrides the candidate's language (else the round's, else
    English; an unknown language gives English and a note). ``summary`` is
    `toolkit.analytics.candidate_summary` of the round, computed here when
    not given (pass it when composing many letters). ``as_of`` is the letter
    date (default today). Without ``summary`` everything is worked out from
    the round as it is now, so a table changed in place (``rnd.candidates.loc
    [...] = ...``) is seen; with it, what the letters share is worked out once
    per summary object, so make a new summary after changing a table (or
    change rounds with ``rnd.with_(...)``, which gives a new round).
    `compose_round` always works from the round as it is.

    Raises `ToolkitError` for an unknown candidate, and for a candidate with
    status hired or offered (they get no rejection letter). A candidate whose
    status is pending gets a draft, marked as one at the top of the letter and
    in front of the subject (``draft_mark``).
    """
    candidate_id = str(candidate_id)
    cand = round.candidate(candidate_id)
    _check_statuses(round)
    status = _status(round, cand)
    if status in NO_LETTER_STATUSES:
        raise ToolkitError(
            f"no rejection letter for a candidate with status {status!r}",
            file=round.source,
            sheet="Candidates",
            value=candidate_id,
            allowed=f"letters for candidates with status {', '.join(s for s in ('rejected', 'withdrawn', 'pending'))}",
            hint="Check the status column; the hired candidate is told in person, not by this letter",
        )
    letter_date = parse_as_of(as_of).date()  # as everywhere: 2026-03-20 or a date; "04/03/2026" is refused, not guessed
    given = summary  # letters composed one by one with the round's summary: the round is taken as unchanged since it was made
    if summary is None:
        from ..analytics import candidate_summary

        summary = candidate_summary(round)
    _check_summary(round, summary)
    row = _summary_row(round, candidate_id, summary)
    return _compose(round, cand, row, _facts(round, summary=given), language=language, letter_date=letter_date)


@takes_round
def compose_round(
    round: HiringRound,
    *,
    language: str | None = None,
    summary: pd.DataFrame | None = None,
    as_of: dt.date | str | None = None,
    statuses: tuple[str, ...] = LETTER_STATUSES,
    profiles: pd.DataFrame | None = None,
) -> list[Feedback]:
    """Feedback for every candidate of the round whose status is in ``statuses``, in Candidates-sheet order.

    The analytics (``summary``; ``profiles``, `toolkit.analytics.criterion_profiles` of the round) are
    computed once for the whole round, here when not given. Statuses hired and offered are never included.
    """
    letter_date = parse_as_of(as_of).date()
    if isinstance(statuses, str):  # one status
        statuses = (statuses,)
    unknown = [s for s in statuses if s not in LETTER_STATUSES + ("pending",) + NO_LETTER_STATUSES]
    if unknown:
        raise ToolkitError(f"unknown status {unknown[0]!r} in statuses", value=unknown[0],
                           allowed="rejected, withdrawn, pending (as the status column is read: lower case)",
                           hint="Pass statuses=('rejected', 'withdrawn') or add 'pending' for drafts")
    if summary is None:
        from ..analytics import candidate_summary

        summary = candidate_summary(round)
    _check_summary(round, summary)
    facts = _facts(round, profiles)  # worked out for this call: the round as it is now
    # rows as plain dicts: a pandas Series per row costs more than composing the letter from it
    by_id = {str(r["candidate_id"]): r for r in summary.to_dict("records") if str(r.get("round_id", round.round_id)) == round.round_id}
    out = []
    for cand in round.candidates.to_dict("records"):
        status = _status(round, cand)
        if status in NO_LETTER_STATUSES or status not in statuses:
            continue
        cid = str(cand["candidate_id"])
        row = by_id.get(cid)
        if row is None:
            row = _summary_row(round, cid, summary)
        out.append(_compose(round, cand, row, facts, language=language, letter_date=letter_date))
    return out


def _check_statuses(round: HiringRound) -> None:
    """Every candidate's status is one the loader gives (or blank): another row's 'Hired' would make every letter compare
    with the wrong person, so it is refused before any letter is written (`_status` says what is wrong)."""
    status = round.candidates["status"].astype("object")
    odd = status.notna().to_numpy(dtype=bool) & ~status.isin(STATUSES).to_numpy(dtype=bool)
    for cand in round.candidates.loc[odd, ["candidate_id", "status"]].to_dict("records"):  # usually none
        _status(round, cand)  # a blank (spaces) counts as pending; the first other value is said, with its candidate


def _status(round: HiringRound, cand) -> str:
    """The candidate's status as the loader reads it (blank: pending). A table changed in pandas can hold what the
    loader never gives ("Hired", "declined"): refused, so that the hire never gets a rejection letter."""
    status = cand["status"]
    if _blank(status):
        return "pending"
    if status not in STATUSES:
        raise ToolkitError(f"candidate {str(cand['candidate_id'])!r} has the status {str(status)!r}, which is not one the "
                           "letters know", file=round.source, sheet="Candidates", column="status", value=status,
                           allowed=", ".join(STATUSES),
                           hint="Write the status as the loader gives it (lower case), or build the round with "
                                "toolkit.round_from_frames, which reads 'Hired', 'abgelehnt' ... as the loader does")
    return str(status)


def _compose(round: HiringRound, cand, row, facts: _RoundFacts, *, language, letter_date: dt.date) -> Feedback:
    """One letter from the candidate's row and summary row (each a pandas Series or a dict of the same)."""
    role = round.role
    notes: list[str] = []
    cid = str(cand["candidate_id"])
    status = _status(round, cand)
    withdrawn = status == "withdrawn"

    lang, language_note = choose_language(language, cand.get("language"), role.language)
    round_lang = role.language

    named = _clean(cand.get("name"))
    name = named or cid  # no name (an export of ids): the notes use the id, the letter greets without a name
    given = first_name(name) if named else cid
    role_name = _clean(role.role_in(lang)) or ""
    if lang == "sv":  # Swedish writes job titles in lower case mid-sentence ("tjänsten som projektledare")
        role_name = phrases.sentence_case(role_name, lang)
    company = _clean(role.company)
    sender = _clean(role.sender_name) or _clean(role.hiring_manager)
    sender_title = _clean(role.in_language("sender_title", lang)) if _clean(role.sender_name) else None
    personal = sender is not None
    if not personal:
        sender = phrases.text(lang, "team")  # the company follows on its own line

    on_criteria = phrases.text(lang, f"on_criteria_{_criteria_origin(round)}")  # where the call notes send the committee to add a name or tip

    one_interview = cid in facts.interviewed and cid not in facts.several_interviews

    def t(key: str, **kw) -> str:
        if not personal and phrases.has(lang, f"{key}_we"):
            key = f"{key}_we"
        if one_interview and phrases.has(lang, f"{key}_one"):
            key = f"{key}_one"
        return phrases.text(lang, key, role=role_name, company=phrases.short_company(company) or "", name=name, first_name=given,
                            on_criteria=on_criteria, **kw)

    as_written: list[str] = []  # criteria the letter names in the round's language, for want of a name in its own

    def crit_text(criterion: str) -> str:
        own = ((info(criterion) or {}).get("names") or {}).get(lang)
        if not own and round_lang and lang != round_lang and criterion not in as_written:
            as_written.append(criterion)
        return phrases.criterion_text(criterion, lang, round_lang, own)

    def label(criterion: str) -> str:  # a criterion as the committee wrote it, for the notes
        return phrases.quote(" ".join(str(criterion).split()), lang)

    def info(criterion: str | None) -> dict | None:
        return facts.criteria.get(criterion) if criterion else None

    def tip_of(criterion_info: dict) -> str | None:
        return criterion_info.get(lang) or criterion_info.get("en")

    if not named:  # first: the notes below call them by their id, which is nothing to read out on the call
        notes.append(t("note_name_missing"))
    if facts.n_errors:  # a letter from a workbook with errors may rest on quarantined rows or a guessed job title
        notes.append(t("note_round_errors", n=facts.n_errors))
    if status == "pending":
        notes.append(t("note_pending"))
    told_on, told_by = as_date(cand.get("notified_on")), cand.get("channel")
    told_by = None if _blank(told_by) else str(told_by)
    if told_on is not None and status == "rejected":  # told already: the letter is the written feedback, not the news again
        how = "" if not told_by else (" " + t(f"told_by_{told_by}") if phrases.has(lang, f"told_by_{told_by}") else f" ({told_by})")
        notes.append(t("note_told", date=format_date(told_on, lang), how=how))
    asked_on = as_date(cand.get("feedback_requested_on"))
    if asked_on is not None and as_date(cand.get("feedback_sent_on")) is None:
        notes.append(t("note_feedback_open", date=format_date(asked_on, lang)))
    if language_note:
        notes.append(language_note)
    raw_email = cand.get("email")
    email = valid_email(raw_email)
    if email is not None and cid in facts.shared_email:  # which of the two is right is not known: neither draft is addressed
        email = None
        notes.append(t("note_email_shared", value=phrases.quote(str(raw_email).strip(), lang)))
    elif email is None and not _blank(raw_email):
        notes.append(t("note_email_invalid", value=phrases.quote(str(raw_email), lang)))
    elif email is None:
        notes.append(t("note_email_missing"))
    if not personal:
        notes.append(t("note_no_sender"))

    strength_c = _opt(row.get("strength"))
    growth_c = _opt(row.get("growth_area"))
    growth_kind = str(row.get("growth_kind")) if not _blank(row.get("growth_kind")) else "none"
    if growth_c is None or growth_kind not in ("below_bar", "shortfall"):
        growth_c, growth_kind = None, "none"
    thin_c = _opt(row.get("thin_evidence_on"))
    interviewed = cid in facts.interviewed
    stay_flag = cand.get("stay_in_touch")
    stay = None if _blank(stay_flag) else bool(stay_flag)
    close = (not withdrawn) and _close_runner_up(row, stay)

    # --- the reason -------------------------------------------------------
    if withdrawn:
        reason_kind = "withdrawn"
    elif not interviewed:
        reason_kind = "not_interviewed"
    elif growth_c and info(growth_c):  # an evidenced growth area is the reason, whatever else the interviews left open
        reason_kind = "overall" if info(growth_c)["soft"] else growth_kind
    elif thin_c and info(thin_c):
        reason_kind = "thin_evidence"
    else:
        reason_kind = "none"
    if strength_c in (growth_c, thin_c) or not interviewed:
        strength_c = None
    if withdrawn:  # no verdict: nothing from the scores is used
        strength_c = growth_c = thin_c = None
        growth_kind = "none"

    draft_mark = t("draft_mark") if status == "pending" else None
    subject = f"[{draft_mark}] {t('subject')}" if draft_mark else t("subject")
    greeting = t("greeting") if named else t("greeting_no_name")
    thanks_key = "thanks_interviewed" if interviewed else "thanks_applied"
    thanks = t(f"{thanks_key}_company" if company and phrases.has(lang, f"{thanks_key}_company") else thanks_key)

    strength = None
    if not withdrawn:
        if close:
            strength = t("strength_close", crit=crit_text(strength_c)) if strength_c else t("strength_close_plain")
        elif strength_c:
            mean, median, _, _ = facts.standing.get(cid, {}).get(strength_c, (float("nan"),) * 4)
            clear = round_clear(mean, median, facts.clear_margin)
            strength = t("strength" if clear else "strength_mild", crit=crit_text(strength_c))

    decision = reason = tip = None
    no_weakness = False  # the scores show no weakness: every criterion at or above its floor (reason "none")
    withdrawn_ack = t("withdrawn_ack") if withdrawn else None
    told_before = status == "rejected" and told_on is not None and told_on <= letter_date  # they know: the letter says so
    told_day = format_date(told_on, lang, with_year=told_on.year != letter_date.year) if told_before else None
    if not withdrawn:
        key = "decision_close" if close else "decision"
        decision = t(f"{key}_told", date=told_day) if told_before else t(key)
    focus = thin_c if reason_kind == "thin_evidence" else growth_c if reason_kind in ("below_bar", "shortfall", "overall") else None
    focus_info = info(focus)
    rnp = phrases.rank_np(lang, focus_info["rank"]) if focus_info else None
    plain = "" if rnp else "_plain"
    values = dict(crit=crit_text(focus), rank_np=rnp or "", Rank_np=phrases.capitalise(rnp or "")) if focus else {}
    if reason_kind == "below_bar":
        reason = t("reason_below_bar_must", **values) if focus_info["must_have"] else t("reason_below_bar" + plain, **values)
    elif reason_kind == "shortfall":
        mean, _, _, hire_mean = facts.standing.get(cid, {}).get(focus, (float("nan"),) * 4)
        a_little = not hire_mean - mean - facts.small_gap > 1e-9  # at most small_gap behind (or unknown): "just a little more"
        reason = t(("reason_shortfall_close" if close and a_little else "reason_shortfall") + plain, **values)
        why = _why_shortfall(focus, facts.standing.get(cid, {}), facts.criteria, lang)
        if why:  # the caller is asked "why that one?": the weighted gap decides, and a larger gap elsewhere weighs less
            notes.append(why)
    elif reason_kind == "thin_evidence":
        reason = t("reason_thin" + plain, **values)
    elif reason_kind == "overall":
        reason = t("reason_overall")
    elif reason_kind == "none":
        mine = facts.standing.get(cid, {}).values()
        met = bool(mine) and all(m == m and round_at_least(m, floor) for m, _, floor, _ in mine)
        reason = t("reason_none" if met else "reason_overall")
        no_weakness = met
    tip_text = tip_of(focus_info) if reason_kind in ("below_bar", "shortfall", "overall") else None
    if tip_text:
        if lang != "en" and not focus_info.get(lang):
            notes.append(t("note_tip_english", crit=label(focus)))
        if phrases.tip_stands_alone(tip_text, lang):  # no second colon; no name put in lower case
            tip = t("tip_sentence", tip=phrases.as_sentence(tip_text, lang, after_colon=False))
        else:
            tip = t("tip", tip=phrases.as_sentence(tip_text, lang))
    elif reason_kind == "overall":
        notes.append(t("note_soft_no_tip", crit=label(focus)))
    elif reason_kind in ("below_bar", "shortfall"):
        notes.append(t("note_tip_generic", crit=label(focus)))
        tip = t("tip_fallback", crit=crit_text(focus))

    # --- stay in touch and the follow-up promised -------------------------
    follow_day = as_date(cand.get("follow_up_on"))
    stay_text = None
    if stay is not False:
        if withdrawn:
            stay_text = t("stay_withdrawn") if stay else None
        elif close and _among_the_strongest(row.get("rank"), facts.n_ranked):
            stay_text = t("stay_close")
        elif stay or bool(row.get("is_runner_up", False)):
            stay_text = t("stay_committee")
    promise = follow_up = None
    if stay_text and not withdrawn:
        if follow_day is not None and follow_day >= letter_date:
            promise = t("follow_up_promise", date=format_date(follow_day, lang, with_year=follow_day.year != letter_date.year))
            follow_up = t("follow_up", date=format_date(follow_day, lang))
        else:
            if follow_day is not None:
                notes.append(t("note_follow_up_past", date=format_date(follow_day, lang)))
            follow_up = t("follow_up_missing")
    elif follow_day is not None and stay is False:
        notes.append(t("note_follow_up_unused"))
    elif stay_text and withdrawn and follow_day is not None and follow_day >= letter_date:  # the talent pool counts on it
        notes.append(t("note_follow_up_withdrawn", date=format_date(follow_day, lang)))
    if no_weakness and cid in facts.finalists and stay is None and stay_text is None:
        notes.append(t("note_consider_stay"))
    if not withdrawn and bool(row.get("ranked_above_selected", False)):  # the committee decided on more than the scores
        notes.append(t("note_above_selected"))

    closing = t("closing_withdrawn" if withdrawn else "closing")

    # --- for the caller -----------------------------------------------------
    stage = _opt(cand.get("stage_reached"))
    points = []
    if not withdrawn and cid in facts.finalists:
        points.append(t("tp_call", stage=stage or facts.final_stage or ""))
    points.append(t("tp_thanks"))
    if withdrawn:
        points.append(t("tp_withdrawn"))
    else:
        points.append(t("tp_decision_told", date=told_day) if told_before else t("tp_decision_close" if close else "tp_decision"))
        if strength_c:
            points.append(t("tp_strength", crit=crit_text(strength_c)))
        rank_paren = f" ({rnp})" if rnp else ""
        if reason_kind in ("below_bar", "shortfall"):
            key = "tp_below_bar_must" if reason_kind == "below_bar" and focus_info["must_have"] else f"tp_{reason_kind}"
            points.append(t(key, crit=crit_text(focus), rank_paren=rank_paren))
        elif reason_kind == "overall":
            points.append(t("tp_soft", crit=crit_text(focus)))
        elif reason_kind == "thin_evidence":
            points.append(t("tp_thin", crit=crit_text(focus)))
        elif reason_kind == "none":
            points.append(t("tp_none"))
        elif reason_kind == "not_interviewed":
            points.append(t("tp_not_interviewed"))
        if tip_text:
            points.append(t("tp_tip", tip=phrases.as_sentence(tip_text, lang, after_colon=False)))
        thin_info = info(thin_c)
        if reason_kind in ("below_bar", "shortfall", "overall") and thin_info and thin_c != focus and thin_info["rank"] <= phrases.RANKED_UP_TO:
            points.append(t("tp_thin_aside", crit=crit_text(thin_c)))  # an important criterion the letter is silent on: if asked
    if stay_text and not withdrawn:
        points.append(t("tp_stay"))
        points.append(t("tp_follow_up", date=format_date(follow_day, lang)) if promise else t("tp_follow_up_missing"))
    if not withdrawn:
        points.append(t("tp_questions"))
    points.append(t("tp_close"))

    avoid = [t("avoid_generic"), t("avoid_fit"), t("avoid_scores"), t("avoid_others"), t("avoid_protected")]
    if reason_kind == "thin_evidence":
        avoid.append(t("avoid_thin", crit=crit_text(focus)))
    elif reason_kind == "none":
        avoid.append(t("avoid_none"))
    elif withdrawn:
        avoid.append(t("avoid_withdrawn"))

    notes += [t("note_criterion_as_written", crit=label(c)) for c in as_written]
    if round_lang and lang != round_lang:  # the job title and the signer's title, as for the criteria above
        for role_field, shown in (("role", role_name), ("sender_title", sender_title)):
            if shown and not _clean(getattr(role, f"{role_field}_{lang}", None)):
                notes.append(t(f"note_{role_field}_as_written", value=phrases.quote(shown, lang)))

    total = row.get("weighted_total")
    total_text = None if _blank(total) else format_number(total, lang, 1)
    scale_text = f"{format_number(role.scale_min, lang, 0)}–{format_number(role.scale_max, lang, 0)}"

    return Feedback(
        round_id=round.round_id,
        candidate_id=cid,
        name=named,
        first_name=first_name(named) if named else None,
        email=email,
        language=lang,
        status=status,
        role=role_name,
        company=company,
        date=letter_date,
        date_text=format_date(letter_date, lang),
        subject=subject,
        greeting=greeting,
        thanks=thanks,
        strength=strength,
        withdrawn_ack=withdrawn_ack,
        decision=decision,
        reason=reason,
        tip=tip,
        stay_in_touch=stay_text,
        follow_up_promise=promise,
        closing=closing,
        sign_off=phrases.text(lang, "sign_off"),
        sender_name=sender,
        sender_title=sender_title,
        sender_email=_clean(role.sender_email),
        sender_phone=_clean(role.sender_phone),
        reason_kind=reason_kind,
        is_close_runner_up=close,
        strength_criterion=strength_c,
        growth_area=growth_c,
        growth_kind=growth_kind,
        thin_evidence_on=thin_c,
        stage_reached=stage,
        weighted_total_text=total_text,
        scale_text=scale_text,
        follow_up_on=follow_day,
        follow_up=follow_up,
        talking_points=tuple(points),
        phrases_to_avoid=tuple(avoid),
        told_on=told_on,
        told_by=told_by,
        role_label=_clean(role.role_in(lang)) or None,
        draft_mark=draft_mark,
        notes=tuple(notes),
    )


def round_at_least(value: float, floor: float) -> bool:
    """``value >= floor``, forgiving floating-point noise (3.9999999 counts as 4)."""
    return round(value - floor, 9) >= 0


def round_clear(mean: float, pool_median: float, margin: float) -> bool:
    """Whether a strength stands clearly above the pool: ``mean >= pool_median + margin`` (False when either is missing)."""
    if mean != mean or pool_median != pool_median:
        return False
    return round_at_least(mean, pool_median + margin)



LETTERS_TABLE_COLUMNS = [
    "round_id", "candidate_id", "name", "status", "language", "reason_kind", "is_close_runner_up", "strength_criterion",
    "growth_area", "thin_evidence_on", "stay_in_touch", "follow_up_on", "email", "word_count", "notes",
]


def letters_table(feedbacks: "list[Feedback] | Feedback") -> pd.DataFrame:
    """One row per letter, to review a round's letters at a glance.

    Columns: round_id, candidate_id, name (<NA> where none is given), status, language, reason_kind
    (see `REASON_KINDS`), is_close_runner_up (bool), strength_criterion,
    growth_area, thin_evidence_on (criterion names or <NA>), stay_in_touch
    (bool: the letter invites them to stay in touch), follow_up_on (date
    promised, datetime64[s]), email, word_count (Int64) and notes (the
    committee notes joined with " | ", "" when none). One Feedback gives its one row.
    """
    if isinstance(feedbacks, Feedback):
        feedbacks = [feedbacks]
    rows = [
        {
            "round_id": fb.round_id, "candidate_id": fb.candidate_id, "name": fb.name, "status": fb.status,
            "language": fb.language, "reason_kind": fb.reason_kind, "is_close_runner_up": fb.is_close_runner_up,
            "strength_criterion": fb.strength_criterion, "growth_area": fb.growth_area, "thin_evidence_on": fb.thin_evidence_on,
            "stay_in_touch": fb.stay_in_touch is not None, "follow_up_on": fb.follow_up_on if fb.follow_up_promise else None,
            "email": fb.email, "word_count": fb.word_count, "notes": " | ".join(fb.notes),
        }
        for fb in feedbacks
    ]
    out = pd.DataFrame(rows, columns=LETTERS_TABLE_COLUMNS)
    str_cols = ["round_id", "candidate_id", "name", "status", "language", "reason_kind", "strength_criterion", "growth_area",
                "thin_evidence_on", "email", "notes"]
    out = out.astype({c: "str" for c in str_cols})
    out["is_close_runner_up"] = out["is_close_runner_up"].astype(bool)
    out["stay_in_touch"] = out["stay_in_touch"].astype(bool)
    out["follow_up_on"] = pd.to_datetime(out["follow_up_on"]).astype("datetime64[s]")
    out["word_count"] = out["word_count"].astype("Int64")
    return out


@takes_round
def default_candidate(round: HiringRound) -> str:
    """The candidate to show first: the first rejected one on the Candidates sheet, else the first who gets a letter.

    Raises `ToolkitError` when everyone is hired or offered.
    """
    c = round.candidates
    for wanted in (("rejected",), (*LETTER_STATUSES, "pending")):
        rows = c[c["status"].isin(wanted)]
        if len(rows):
            return str(rows["candidate_id"].iloc[0])
    raise ToolkitError("no candidate in this round gets a letter", file=round.source, sheet="Candidates",
                       hint="Letters are for candidates with status rejected, withdrawn or pending")
