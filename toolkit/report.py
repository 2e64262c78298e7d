"""`debrief report`: build the whole output tree in memory, then write it safely.

`build_report` is pure: rounds in, ``{relative path: bytes}`` out.
`write_report` is the only writer: it refuses a folder that holds inputs,
writes everything into a staging folder beside the output and swaps it in,
so an interrupted run leaves the previous report intact. The same inputs
and as-of date give byte-identical files.

Output tree::

    index.html  process-health.html  process-health.xlsx  talent-pool.xlsx  summary.json
    assets/plotly.min.js
    <round>/committee.html  <round>/mail-merge.xlsx
    <round>/candidates/<candidate>/letter.html letter.txt letter.eml call-notes.html
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .analytics.health import share_within_target
from .coerce import is_blank as _blank
from .errors import OutputError
from .model import HiringRound, Rounds, as_rounds
from .render.pages import Table, figure_div, fmt, render_page, table
from .render.write import safe_name
from .render.xlsx import tables_workbook_bytes

PLOTLY_ASSET = "assets/plotly.min.js"


# ---------------------------------------------------------------------------
# names and pseudonyms


KEY_FILE = ".debrief-key"
"""The report folder's secret for pseudonyms (`pseudonym_key`), kept from run to run like the report's own files."""


def pseudonym_key(out_dir=None) -> bytes:
    """The secret the pseudonyms of ``--anonymize`` are made with: the environment variable ``DEBRIEF_PSEUDONYM_KEY``
    (the same pseudonyms across report folders; never written into one), else the one kept in ``out_dir``
    (`KEY_FILE`), else a new random one.

    Without a secret, a pseudonym made from the round and candidate ids could be undone by anyone holding the shared
    file: try C001, C002 ... and compare. With it, only someone who also has the key (the report folder, which holds the
    letters and names anyway) can."""
    import secrets

    if given := _env_key():
        return given
    if out_dir is not None:
        path = Path(out_dir) / KEY_FILE
        try:
            kept = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            kept = ""
        except (OSError, UnicodeDecodeError) as exc:  # a new key would change every pseudonym without a word
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is not a key debrief wrote"
            raise OutputError(f"the pseudonym key of this report folder cannot be read ({why}); a new one would give every "
                              "candidate a new pseudonym, so that pseudonyms already shared could no longer be traced to a person",
                              file=str(path), hint="Ask the folder's owner to let you read it (chmod g+r on a folder shared with "
                              "your team), or set DEBRIEF_PSEUDONYM_KEY to the team's key; see docs/data-protection.md") from None
        if kept:
            return kept.encode("ascii")
    return secrets.token_hex(32).encode("ascii")


MIN_KEY_LENGTH = 16
"""The fewest characters a DEBRIEF_PSEUDONYM_KEY may have: a short one can be found by trying keys against a shared file."""


def _env_key() -> bytes | None:
    given = os.environ.get("DEBRIEF_PSEUDONYM_KEY", "").strip()
    if given and len(given) < MIN_KEY_LENGTH:
        raise OutputError(f"DEBRIEF_PSEUDONYM_KEY is {len(given)} characters long; a key that short can be found by trying "
                          "keys against a shared summary, which undoes every pseudonym", allowed=f"at least {MIN_KEY_LENGTH} characters",
                          hint='Make one with: python -c "import secrets; print(secrets.token_hex(32))"')
    return given.encode("utf-8") if given else None


_kept_or_new_key = pseudonym_key  # for `build_report`, whose argument of that name hides the function


def pseudonym(round_id: str, candidate_id: str, key: bytes) -> str:
    """A stable pseudonym: the same candidate of the same round gets the same one with the same key (HMAC-SHA256).
    One report's pseudonyms are `Pseudonyms`, which lengthens the few that would clash."""
    return f"Candidate {_digest(key, round_id, candidate_id)[:Pseudonyms.WIDTHS[0]]}"


def _digest(key: bytes, round_id, candidate_id) -> str:
    import hmac

    return hmac.new(key, f"{round_id}\x00{candidate_id}".encode(), hashlib.sha256).hexdigest().upper()


class Pseudonyms:
    """The pseudonyms of one report: `pseudonym` of each candidate, 8 hex digits as a rule, and more (12, then 16) for
    the candidates whose 8 digits another candidate of the same report shares, so that no two people of one report are
    one pseudonym (with 8 digits two of 10,000 candidates share one about once in a hundred reports, two of 50,000 in one
    report of four). A longer pseudonym begins with the shorter one it had before."""

    WIDTHS = (8, 12, 16, 64)

    def __init__(self, key: bytes, pairs) -> None:
        self.key = key
        pending = {(str(r), str(c)): None for r, c in pairs}  # an ordered set
        digests = {p: _digest(key, *p) for p in pending}
        self._code: dict[tuple[str, str], str] = {}
        for width in self.WIDTHS:
            by_code: dict[str, list] = {}
            for p in pending:
                by_code.setdefault(digests[p][:width], []).append(p)
            pending = {}
            for code, same in by_code.items():
                if len(same) == 1:
                    self._code[same[0]] = code
                else:
                    pending.update(dict.fromkeys(same))
            if not pending:
                break

    def __call__(self, round_id, candidate_id) -> str:
        pair = (str(round_id), str(candidate_id))
        code = self._code.get(pair)
        return f"Candidate {code}" if code else pseudonym(*pair, self.key)  # a row of no loaded candidate (set aside)


def _anonymize(df: pd.DataFrame, pseudonyms: Pseudonyms | None) -> pd.DataFrame:
    """``df`` with pseudonyms instead of names and ids, and no emails, notes or evidence; as it is when ``pseudonyms`` is None."""
    if not pseudonyms or df.empty or "candidate_id" not in df.columns:
        return df
    df = df.copy()
    # a row without an id (set aside for it) is no one the key can name: two such rows would share one pseudonym
    alias = [None if _blank(c) else pseudonyms(r, c) for r, c in zip(df["round_id"], df["candidate_id"])]
    if "name" in df.columns:
        df["name"] = pd.Series(alias, index=df.index, dtype="str")
    df["candidate_id"] = pd.Series([a and a.split(" ")[1] for a in alias], index=df.index, dtype="str")
    for col in ("email", "notes", "evidence"):
        if col in df.columns:
            df = df.drop(columns=col)
    return df


# ---------------------------------------------------------------------------
# build


@dataclass
class Report:
    files: dict[str, bytes]
    summary: dict
    details: dict = field(default_factory=dict)


def _plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode("utf-8")


TARGET_STATUS_WORDS = {"pending": "within target"}
"""target_status as the pages say it: "pending" is also a candidate status (no decision yet), so a candidate still within
the response target reads "within target" beside a Status column of pending candidates."""


def target_status_text(status: str) -> str:
    """A target_status as the pages and workbooks say it ("within target", "on time")."""
    return TARGET_STATUS_WORDS.get(status, status.replace("_", " "))


def _status_tag(status: str) -> dict:
    cls = {"overdue": "bad", "late": "bad", "on_time": "good"}.get(status, "")
    return {"text": target_status_text(status), "cls": cls}


def build_report(rounds, *, as_of=None, anonymize: bool = False, templates_dir=None, progress=None, on_files=None,
                 unreadable=(), pseudonym_key: bytes | None = None) -> Report:
    """Build every output file in memory. `progress(n)` is called after each candidate's files.

    ``unreadable``: (file, reason) of inputs that could not be loaded at all; index.html and summary.json list
    them, so that a report over a folder says which rounds it lacks.

    ``pseudonym_key`` is the secret of the pseudonyms (`pseudonym_key`; a new one when not given and ``anonymize``);
    it is written as `KEY_FILE`, so that the folder's next report gives the same pseudonyms (not when it is the
    environment's ``DEBRIEF_PSEUDONYM_KEY``: a secret shared by several folders is not copied into each).

    `on_files(files)`, if given, is called with each part of the report as soon as it is built (the shared
    plotly.js, then each candidate's four files) so that a writer can start on them (`report_to_folder`);
    the returned report holds every file either way.
    """
    from .analytics import candidate_summary, runner_up_pairs
    from .analytics.timelines import parse_as_of, timelines

    rounds = as_rounds(rounds)
    if isinstance(pseudonym_key, str):  # a secret typed as text
        pseudonym_key = pseudonym_key.encode("utf-8")
    if not len(rounds):  # as `debrief report` says when no input could be read
        from .errors import ToolkitError

        why = f": {len(unreadable)} input(s) could not be read, the first {unreadable[0][0]} ({unreadable[0][1]})" if unreadable else ""
        raise ToolkitError(f"there is no round to report on{why}", hint="Load at least one round (load_rounds names why a file "
                                                                        "cannot be read) and build the report from it")
    key = pseudonym_key if pseudonym_key is not None else (_kept_or_new_key() if anonymize else None)
    # what the cross-round outputs are made with: the report's pseudonyms, or None for names
    secret = Pseudonyms(key, zip(rounds.candidates["round_id"], rounds.candidates["candidate_id"])) if anonymize else None
    as_of_ts = parse_as_of(as_of)
    as_of_text = as_of_ts.date().isoformat()
    summaries = {rnd.round_id: candidate_summary(rnd) for rnd in rounds}
    tl = timelines(rounds, as_of=as_of_ts, runners_up=runner_up_pairs(rounds, summaries))
    files: dict[str, bytes] = {PLOTLY_ASSET: _plotly_js()}
    if on_files:
        on_files(dict(files))
    round_summaries, candidate_rows, talent_rows, lint_frames = [], [], [], []
    for rnd in rounds:
        built = _build_round(rnd, summaries[rnd.round_id], tl[tl["round_id"] == rnd.round_id], as_of_text, templates_dir, progress,
                             on_files)
        files.update(built["files"])
        round_summaries.append(built["summary"])
        candidate_rows.append(built["candidates"])
        talent_rows.append(built["talent"])
        lint_frames.append(built["lint"])
    candidates = pd.concat(candidate_rows, ignore_index=True) if candidate_rows else pd.DataFrame()
    talent = pd.concat(talent_rows, ignore_index=True) if talent_rows else pd.DataFrame()
    lint = pd.concat(lint_frames, ignore_index=True) if lint_frames else pd.DataFrame()
    health = _health_tables(rounds, tl, secret)
    files["process-health.xlsx"] = tables_workbook_bytes(health["sheets"], labels=HEALTH_WORKBOOK_LABELS)
    files["process-health.html"] = _process_health_page(rounds, tl, health, as_of_text, secret).encode()
    talent_out = _anonymize(talent, secret)
    files["talent-pool.xlsx"] = tables_workbook_bytes({"Talent pool": talent_out})
    summary = _summary_json(rounds, candidates, health, lint, as_of_text, secret)
    summary["totals"]["letters_without_recipient"] = sum(r["letters_without_recipient"] for r in round_summaries)
    summary["unreadable"] = [{"file": str(f), "reason": str(r)} for f, r in unreadable]
    files["summary.json"] = (json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True, default=str) + "\n").encode()
    files["index.html"] = _index_page(rounds, tl, round_summaries, as_of_text, secret, unreadable,
                                      n_left_out=len(health["left_out"])).encode()
    if key is not None and key != _env_key():
        files[KEY_FILE] = key + b"\n"
    return Report(files, summary, {"as_of": as_of_text, "rounds": rounds.round_ids, "sources": _round_sources(rounds)})


# -- per round ---------------------------------------------------------------


def candidate_files(rnd: HiringRound, feedbacks, profiles: pd.DataFrame, *, templates_dir=None, progress=None,
                    on_files=None) -> dict:
    """Every letter candidate's four files, in memory.

    Returns ``{"files": {relative path: bytes}, "letters": [...], "merge": [...]}``:
    ``<round>/candidates/<id>/letter.html``, ``letter.txt``, ``letter.eml`` and
    ``call-notes.html`` (with the candidate's profile chart, `charts.comparison.candidate_profile`
    in the letter's language and without the selected candidate) per feedback, the
    committee page's letter rows and the mail-merge rows. ``profiles`` is
    `analytics.criterion_profiles` of the round. `progress(1)` and `on_files({path: bytes})` (that
    candidate's four files) after each candidate.
    """
    from .render import letters as rl
    from .render.figures import ProfileDivs

    rid = safe_name(rnd.round_id)
    files: dict[str, bytes] = {}
    js_from_candidate = "../../../" + PLOTLY_ASSET
    letter_rows, merge_rows = [], []
    # the call notes show the candidate's own chart in the letter's language, without the selected candidate's scores
    profile_divs = ProfileDivs(profiles, show_selected=False)
    for fb in feedbacks:
        cid = fb.candidate_id
        folder = f"{rid}/candidates/{safe_name(cid)}"
        profile_div = profile_divs.div(f"profile-{safe_name(cid)}", cid, fb.language)
        text = rl.render_letter_text(fb, templates_dir=templates_dir)
        own = {
            f"{folder}/letter.html": rl.render_letter_html(fb, templates_dir=templates_dir).encode(),
            f"{folder}/letter.txt": text.encode(),
            f"{folder}/letter.eml": rl.render_eml(fb, templates_dir=templates_dir, body=text, from_address=fb.sender_email).encode(),
            f"{folder}/call-notes.html": rl.render_call_notes_html(fb, profile_div, plotly_js=js_from_candidate, templates_dir=templates_dir,
                                                                   figure_table=profile_divs.table(cid, fb.language)).encode(),
        }
        files.update(own)
        if on_files:
            on_files(own)
        letter_rows.append({"candidate_id": cid, "name": fb.name, "language": fb.language, "status": fb.status,
                            "letter": f"candidates/{safe_name(cid)}/letter.html", "notes": f"candidates/{safe_name(cid)}/call-notes.html"})
        merge_rows.append({"candidate_id": cid, "name": fb.name, "email": fb.email, "language": fb.language, "status": fb.status,
                           "told_on": fb.told_on, "told_by": fb.told_by, "subject": fb.subject, "body": text})
        if progress:
            progress(1)
    return {"files": files, "letters": letter_rows, "merge": merge_rows}


def _build_round(rnd: HiringRound, summary: pd.DataFrame, tl: pd.DataFrame, as_of: str, templates_dir, progress, on_files=None) -> dict:
    """A round's pages and files; ``summary`` is its `candidate_summary`."""
    from . import analytics as an
    from .feedback import compose_round
    from .feedback.lint import lint_round

    rid = safe_name(rnd.round_id)
    totals = an.weighted_totals(rnd)
    ev = an.evidence(rnd)
    calibration = an.interviewer_calibration(rnd)
    robustness = an.rank_robustness(rnd)
    profiles = an.criterion_profiles(rnd)
    feedbacks = compose_round(rnd, summary=summary, as_of=as_of, profiles=profiles)
    built = candidate_files(rnd, feedbacks, profiles, templates_dir=templates_dir, progress=progress, on_files=on_files)
    files, letter_rows, merge_rows = built["files"], built["letters"], built["merge"]
    lint = lint_round(rnd, feedbacks)
    files[f"{rid}/mail-merge.xlsx"] = tables_workbook_bytes({"Mail merge": pd.DataFrame(merge_rows, columns=[
        "candidate_id", "name", "email", "language", "status", "told_on", "told_by", "subject", "body"])})
    # status tells a "no" from a thank-you; told_on, who was told already (their letter is the written feedback, not the news)
    files[f"{rid}/committee.html"] = _committee_page(rnd, summary, totals, ev, calibration, robustness, tl, lint, letter_rows,
                                                     as_of).encode()
    cand_rows = summary.merge(tl[["candidate_id", "business_days_to_tell", "target_status", "channel", "channel_kind", "due_on"]],
                              on="candidate_id", how="left")
    talent = summary[summary["is_runner_up"].fillna(False).astype(bool)].merge(
        tl[["candidate_id", "email" if "email" in tl.columns else "candidate_id", "follow_up_on", "follow_up_status", "stay_in_touch"]
           ].loc[:, lambda d: ~d.columns.duplicated()], on="candidate_id", how="left")
    talent = talent.assign(role=rnd.role.role, department=rnd.role.department, hiring_manager=rnd.role.hiring_manager)
    if "email" not in talent.columns:
        talent["email"] = talent["candidate_id"].map(rnd.candidates.set_index("candidate_id")["email"])
    talent = talent[["round_id", "candidate_id", "name", "email", "role", "department", "hiring_manager", "weighted_total", "rank",
                     "strength", "growth_area", "runner_up_reason", "stay_in_touch", "follow_up_on", "follow_up_status"]]
    talent = talent.rename(columns={"role": "role_they_fit", "growth_area": "missed_on"})
    round_summary = {
        "round_id": rnd.round_id, "role": rnd.role.role, "department": rnd.role.department,
        "hiring_manager": rnd.role.hiring_manager, "committee": f"{rid}/committee.html",
        "candidates": len(rnd.candidates), "errors": len(rnd.errors), "warnings": len(rnd.warnings),
        "letters_without_recipient": sum(1 for row in merge_rows if row["email"] is None),
    }
    return {"files": files, "summary": round_summary, "candidates": cand_rows, "talent": talent, "lint": lint}


def _means_table(rnd: HiringRound, summary: pd.DataFrame, ev: pd.DataFrame, labels: dict, own: str | None = None) -> Table:
    """The heatmap "Candidates by criterion" in numbers, for a screen reader or a printout: a row per candidate in the
    ranking's order (``labels``: candidate id -> name as the heatmap shows it), a column per criterion most important
    first, "?" after a mean with thin evidence, "–" not assessed."""
    crits = [str(c) for c in rnd.criterion_order]
    cells = {(str(c), str(k)): "–" if pd.isna(m) else f"{float(m):.1f}" + (" ?" if bool(t) else "")
             for c, k, m, t in zip(ev["candidate_id"], ev["criterion"], ev["mean_score"], ev["insufficient"].fillna(False))}
    rows = pd.DataFrame([{"name": labels.get(str(cid), n), **{f"c{i}": cells.get((str(cid), k), "–") for i, k in enumerate(crits)}}
                         for cid, n in zip(summary["candidate_id"], summary["name"])], columns=["name", *[f"c{i}" for i in range(len(crits))]])
    return table(rows, {"name": "Candidate", **{f"c{i}": f"{i + 1}. {k}" for i, k in enumerate(crits)}},
                 kinds={f"c{i}": "figures" for i in range(len(crits))},  # right-aligned, as numbers are read down a column
                 label_lang={f"c{i}": own for i in range(len(crits))} if own else None)  # the criteria in the round's language


def _committee_page(rnd, summary, totals, ev, calibration, robustness, tl, lint, letter_rows, as_of) -> str:
    from .analytics.evidence import disagreement_threshold
    from .charts import comparison as ch

    figures = {
        "contributions": figure_div(ch.contribution_bars(rnd), "contributions"),
        "heatmap": figure_div(ch.criterion_heatmap(rnd), "heatmap"),
        "robustness": figure_div(ch.robustness_chart(rnd), "robustness"),
        "spread": figure_div(ch.interviewer_spread(rnd), "spread"),
        "calibration": figure_div(ch.interviewer_calibration_chart(rnd), "calibration"),
    }
    # the committee's own words (criteria, the role) are in the round's language; the page is English (WCAG 3.1.2)
    own = None if rnd.role.language in (None, "", "en") else str(rnd.role.language)
    in_own = (lambda *cols: {c: own for c in cols}) if own else (lambda *cols: None)
    order = {"overdue": 0, "pending": 1}
    to_tell = tl[tl["target_status"].isin(["overdue", "pending"])].copy()
    to_tell["order"] = to_tell["target_status"].map(order)
    to_tell = to_tell.sort_values(["order", "business_days_waiting"], ascending=[True, False])
    to_tell_t = table(to_tell, {"name": "Candidate", "status": "Status", "target_status": "Target", "decided_on": "Decided", "due_on": "Tell by",
                                "business_days_waiting": "Business days waiting", "stage_reached": "Stage reached"},
                      kinds={"business_days_waiting": "int"}, empty="Everyone who was decided on has been told.",
                      cell=lambda r, c, t: _status_tag(r[c]) if c == "target_status" else t)
    ranking = summary.merge(totals[["candidate_id", "coverage", "criteria_below_bar"]], on="candidate_id", how="left")
    ranking_t = table(ranking, {"rank": "Rank", "name": "Candidate", "status": "Status", "weighted_total": "Weighted total",
                                "meets_must_haves": "Meets must-haves", "criteria_below_bar": "Below the bar on",
                                "strength": "Strongest on", "growth_area": "Growth area", "thin_evidence_on": "Thin evidence on"},
                      kinds={"rank": "int", "weighted_total": "num"}, lang=in_own("criteria_below_bar", "strength", "growth_area", "thin_evidence_on"))
    rob_t = table(robustness, {"scenario": "Scenario", "top_names": "Top order", "winner_name": "Winner",
                               "winner_unchanged": "Winner unchanged", "top_order_unchanged": "Top order unchanged"})
    names = rnd.candidates.set_index("candidate_id")["name"]  # a blank one is shown as the id (render.pages.table)
    conflicts = ev[ev["spread"].astype("Float64").fillna(0) >= disagreement_threshold(rnd)].copy()
    conflicts["name"] = conflicts["candidate_id"].map(names)
    dis_t = table(conflicts, {"name": "Candidate", "criterion": "Criterion", "min_score": "Lowest", "max_score": "Highest",
                              "spread": "Spread", "n_scores": "Scores"}, empty="No criterion had interviewers far apart.", lang=in_own("criterion"))
    from .charts.comparison import _labels

    # each candidate as the heatmap names them: two namesakes with their ids, in its table and in the letter links
    labels = dict(zip(rnd.candidates["candidate_id"].astype("str"), _labels(rnd.candidates["name"], rnd.candidates["candidate_id"])))
    means_t = _means_table(rnd, summary, ev, labels, own)
    thin = ev[ev["insufficient"].fillna(False).astype(bool)].copy()
    thin["name"] = thin["candidate_id"].map(names)
    thin_t = table(thin, {"name": "Candidate", "criterion": "Criterion", "n_scores": "Scores", "reason": "Why"},
                   empty="Every criterion of every candidate had enough evidence.", lang=in_own("criterion"))
    cal_t = table(calibration, {"interviewer": "Interviewer", "n_scores": "Scores", "mean_offset": "Offset from panel",
                                "share_blank": "Left blank", "halo": "Halo", "halo_reading": "Halo reading", "label": "Reading"},
                  kinds={"share_blank": "share", "mean_offset": "num", "halo": "num"})
    ru = summary[summary["is_runner_up"].fillna(False).astype(bool)]
    ru_t = table(ru, {"name": "Candidate", "rank": "Rank", "weighted_total": "Weighted total", "strength": "Strongest on",
                      "runner_up_reason": "Why"}, empty="No candidate is close enough to the hire to count as a runner-up.",
                 lang=in_own("strength"))
    letters_df = pd.DataFrame(letter_rows, columns=["candidate_id", "name", "language", "status", "letter", "notes"])
    letters_df["name"] = letters_df["candidate_id"].astype("str").map(labels).fillna(letters_df["name"])
    letters_t = table(letters_df, {"name": "Candidate", "status": "Status", "language": "Language", "letter": "Letter",
                                   "notes": "Call notes"},
                      cell=lambda r, c, t: {"href": t, "text": "letter" if c == "letter" else "call notes",
                                            "label": f"{'Letter to' if c == 'letter' else 'Call notes for'} {r['name']}"}
                      if c in ("letter", "notes") else t)
    if not lint.empty:
        lint = lint.assign(name=lint["candidate_id"].map(names))
    lint_t = table(lint, {"name": "Candidate", "source": "Where", "rule": "Finding", "excerpt": "Text", "message": "What to do"},
                   empty="No findings: no generic reasons, no protected characteristics, no overlong letters.")
    prob_t = table(rnd.problems, {"severity": "Severity", "location": "Where", "value": "Value", "message": "Problem", "hint": "What to do"})
    cards = [
        {"value": len(rnd.candidates), "label": "candidates"},
        {"value": int((tl["target_status"] == "overdue").sum()), "label": "overdue now"},
        {"value": _within_target(tl), "label": "told within target"},
        {"value": int(ru.shape[0]), "label": "runner(s)-up"},
    ]
    weight_note = "given by the committee" if (rnd.criteria["weight_source"] == "given").all() else "derived from the ranks"
    return render_page("committee.html", role=rnd.role, cards=cards, to_tell=to_tell_t, ranking=ranking_t, robustness=rob_t, means=means_t,
                       disagreements=dis_t, thin=thin_t, calibration=cal_t, runners_up=ru_t, letters=letters_t, lint=lint_t,
                       problems=prob_t, figures=figures, weight_note=weight_note,
                       disagreement_points=fmt(disagreement_threshold(rnd)), as_of=as_of, plotly_js="../" + PLOTLY_ASSET, own_lang=own)


# -- across rounds -------------------------------------------------------------

HEALTH_LABELS = {"round_id": "round", "department": "department", "hiring_manager": "hiring manager", "month": "month"}


def _health_tables(rounds: Rounds, tl: pd.DataFrame, anonymize: bool) -> dict:
    from .analytics.health import left_out, process_health, scorecard_completeness
    from .analytics.timelines import overdue_now

    completeness = scorecard_completeness(rounds)  # once, not once per grouping
    by = {key: process_health(tl, by=key, scores=completeness) for key in HEALTH_LABELS}
    overdue = _anonymize(overdue_now(tl), anonymize)
    timeline_rows = _anonymize(tl, anonymize)
    missing = _anonymize(left_out(rounds), anonymize)
    sheets = {
        "By round": by["round_id"], "By department": by["department"], "By hiring manager": by["hiring_manager"],
        "By month": by["month"], "Overdue now": overdue, "Left out": missing, "Scorecard completeness": completeness,
        # in words, as the pages say it: "pending" beside a Status column of pending candidates would mean two things
        "Timelines": timeline_rows.assign(target_status=timeline_rows["target_status"].map(target_status_text)),
    }
    return {"by": by, "overdue": overdue, "left_out": missing, "completeness": completeness, "sheets": sheets,
            "timelines": timeline_rows}


HEALTH_COLUMNS = {
    "n_candidates": "Candidates", "n_rejected": "Rejected", "n_to_tell": "To tell", "n_told": "Told",
    "n_waiting_within_target": "Waiting, within target", "median_business_days_to_tell": "Median business days to tell",
    "p90_business_days_to_tell": "90th percentile", "share_within_target": "Within target", "overdue_now": "Overdue now",
    "share_finalists_told_personally": "Finalists told personally", "feedback_requests": "Feedback requests",
    "share_feedback_answered": "Feedback answered", "share_scores_missing": "Scores missing",
}
HEALTH_WORKBOOK_LABELS = {**HEALTH_COLUMNS, "row": "Candidates row", "why": "Why left out"}
"""process-health.xlsx's headings: the page's words where the page shows the column (other columns: their names)."""
HEALTH_KINDS = {"share_within_target": "share", "share_finalists_told_personally": "share", "share_feedback_answered": "share",
                "share_scores_missing": "share", "median_business_days_to_tell": "num", "p90_business_days_to_tell": "num"}


def _process_health_page(rounds, tl, health, as_of, anonymize) -> str:
    from .charts import response_times as rt

    tl_view = health["timelines"]
    figures = {
        "histogram": figure_div(rt.days_to_tell_histogram(tl_view), "days-to-tell"),
        "timeline": figure_div(rt.timeline_chart(tl_view, as_of), "timeline"),
        "by_month": figure_div(rt.within_target_by_month(tl_view), "by-month"),
        "channels": figure_div(rt.channel_mix(tl_view), "channels"),
    }
    sections = []
    for key, label in HEALTH_LABELS.items():
        frame, cols = health["by"][key], {key: label.capitalize()}
        if key == "round_id":  # what "within target" means in each round, and whether the committee chose it
            frame = frame.assign(target=target_words(frame["target_days"], frame["target_given"]))
            cols["target"] = "Target"
        sections.append({"label": label, "table": table(frame, {**cols, **HEALTH_COLUMNS}, kinds=HEALTH_KINDS)})
    missing = health["left_out"]
    overdue_t = table(health["overdue"], {"round_id": "Round", "role": "Role", "name": "Candidate", "status": "Status",
                                          "business_days_waiting": "Business days waiting", "due_on": "Was due",
                                          "hiring_manager": "Owner"}, kinds={"business_days_waiting": "int"},
                      empty=(f"Nobody else is overdue among the candidates these figures can see; {len(missing)} candidate(s) "
                             "are left out of them (below), and any of them may be." if len(missing) else
                             "Nobody is overdue: everyone decided on has been told within the target or is still within it."))
    left_t = table(_left_out_shown(missing), {"round_id": "Round", "candidate_id": "Candidate id", "name": "Candidate", "row": "Candidates row",
                             "why": "Why left out"}, kinds={"row": "int"}, limit=100,
                   empty="Nobody: every candidate decided on is in these figures.")
    comp = health["completeness"]
    comp_t = table(comp, {c: c.replace("_", " ").capitalize() for c in comp.columns}, kinds={"share_missing": "share"})
    cards = _headline_cards(tl)
    from .analytics.business_days import WEEKENDS_ONLY, calendar_name

    calendars = {r.round_id: calendar_name(r.role.country) for r in rounds}  # "weekends only (no country given)", "DE" ...
    weekends_only = [f"{rid} ({name.removeprefix(WEEKENDS_ONLY).strip(' ()')})" for rid, name in calendars.items()
                     if name.startswith(WEEKENDS_ONLY)]
    return render_page("process-health.html", cards=cards, overdue=overdue_t, left_out=left_t, n_left_out=len(missing),
                       weekends_only=weekends_only,
                       figures=figures, sections=sections, completeness=comp_t, as_of=as_of, plotly_js=PLOTLY_ASSET)


def target_words(days: pd.Series, given: pd.Series) -> pd.Series:
    """A round's response target as the pages say it: "3 business days", or "3 business days (default)" where the
    round gave none."""
    words = days.map(lambda d: "–" if pd.isna(d) else f"{int(d)} business day{'' if int(d) == 1 else 's'}").astype(object)
    return words.where(given.fillna(True).astype(bool), words + " (default)")


UNTIMED_LISTED = 5
"""A round with more rejections without a decision date than this shows them on the page as one row (the workbook lists each)."""


def _left_out_shown(missing: pd.DataFrame) -> pd.DataFrame:
    """The left-out table as the page shows it: a round's many rejections without a decision date (an export without
    dates: a thousand rows of the same reason) as one row that counts them; set-aside rows each as they are."""
    from .analytics.health import UNTIMED

    untimed = missing["why"] == UNTIMED
    counts = missing[untimed].groupby("round_id", sort=False).size()
    many = set(counts[counts > UNTIMED_LISTED].index)
    if not many:
        return missing
    folded = untimed & missing["round_id"].isin(many)
    summary = pd.DataFrame({"round_id": list(many), "candidate_id": "", "name": [f"{counts[r]} candidates" for r in many],
                            "row": pd.array([None] * len(many), dtype="Int64"),
                            "why": f"{UNTIMED} (each is listed in the workbook)"})
    return pd.concat([missing[~folded], summary], ignore_index=True).sort_values("round_id", kind="stable")


def _within_target(tl: pd.DataFrame) -> str:
    """The told-within-target card: on time / (told + overdue now), as `analytics.health.share_within_target`."""
    share = share_within_target(tl)
    return fmt(share, "share") if share is not None else "–"


def _headline_cards(tl: pd.DataFrame) -> list[dict]:
    """The four figures at the top of the index and process-health pages: `analytics.process_health` over all rounds, so
    that a card never says what the tables below it do not (finalists are the rejected finalists told, not an offered
    or withdrawn one)."""
    from .analytics.health import process_health

    if tl.empty:
        return [{"value": "–", "label": "median business days to tell"}, {"value": "–", "label": "told within target"},
                {"value": 0, "label": "overdue now"}, {"value": "–", "label": "finalists told personally"}]
    row = process_health(tl, by="all").iloc[0]
    return [
        {"value": fmt(row["median_business_days_to_tell"], "num"), "label": "median business days to tell"},
        {"value": fmt(row["share_within_target"], "share"), "label": "told within target"},
        {"value": int(row["overdue_now"]), "label": "overdue now"},
        {"value": fmt(row["share_finalists_told_personally"], "share"), "label": "finalists told personally"},
    ]


def _index_page(rounds, tl, round_summaries, as_of, anonymize, unreadable=(), n_left_out: int = 0) -> str:
    from .analytics.timelines import overdue_now

    rs = pd.DataFrame(round_summaries)
    overdue_counts = tl[tl["target_status"] == "overdue"].groupby("round_id").size()
    rs["overdue"] = rs["round_id"].map(overdue_counts).fillna(0).astype(int)
    round_t = table(rs, {"role": "Role", "round_id": "Round", "department": "Department", "hiring_manager": "Hiring manager",
                         "candidates": "Candidates",
                         "overdue": "Overdue now", "errors": "Data errors", "committee": "Committee report"},
                    kinds={"candidates": "int", "overdue": "int", "errors": "int"},
                    cell=lambda r, c, t: {"href": t, "text": "open", "label": f"Open the committee report: {r['role']}"}
                    if c == "committee" else t)
    overdue = _anonymize(overdue_now(tl), anonymize)
    overdue_t = table(overdue, {"role": "Role", "name": "Candidate", "status": "Status", "business_days_waiting": "Business days waiting",
                                "due_on": "Was due", "hiring_manager": "Owner"}, kinds={"business_days_waiting": "int"})
    probs = rounds.problems
    if anonymize:  # a message quotes cells, and a cell can be a name (scores keyed by name): the kind of problem only
        probs = probs.assign(message=probs["rule"].astype("str").str.replace("_", " "),
                             hint="Read the message on the round's committee page (it may name a candidate)")
    prob_t = table(probs, {"round_id": "Round", "severity": "Severity", "location": "Where", "message": "Problem", "hint": "What to do"},
                   limit=100) if len(probs) else Table([], [])
    prob_t.more_where = "each round's committee page lists its own; debrief validate lists them all"
    unread_t = table(pd.DataFrame([{"file": str(f), "reason": str(r)} for f, r in unreadable], columns=["file", "reason"]),
                     {"file": "File", "reason": "Why it could not be read"}) if unreadable else Table([], [])
    return render_page("index.html", rounds=rounds.round_ids, cards=_headline_cards(tl), round_table=round_t, overdue=overdue_t,
                       problems=prob_t, unreadable=unread_t, as_of=as_of, plotly_js=None, n_left_out=n_left_out,
                       n_problem_errors=int((probs["severity"] == "error").sum()) if len(probs) else 0)


def _records(df: pd.DataFrame) -> list[dict]:
    out = []
    for rec in df.astype(object).to_dict(orient="records"):
        clean = {}
        for k, v in rec.items():
            if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
                clean[k] = None
            elif isinstance(v, (pd.Timestamp, dt.date)):
                clean[k] = v.strftime("%Y-%m-%d")
            elif hasattr(v, "item"):
                clean[k] = v.item()
            else:
                clean[k] = v
        out.append(clean)
    return out


SUMMARY_CANDIDATE_COLUMNS = ["round_id", "candidate_id", "name", "status", "rank", "weighted_total", "strength", "growth_area",
                             "growth_kind", "thin_evidence_on", "is_runner_up", "business_days_to_tell", "target_status", "channel",
                             "channel_kind", "due_on"]


def _summary_json(rounds, candidates, health, lint, as_of, anonymize) -> dict:
    cands = _anonymize(candidates[[c for c in SUMMARY_CANDIDATE_COLUMNS if c in candidates.columns]], anonymize)
    lint_counts = lint.groupby(["round_id", "candidate_id"]).size() if len(lint) else pd.Series(dtype=int)
    per_round = {}
    for rec in _records(health["by"]["round_id"]):
        rid = rec["round_id"]
        per_round[rid] = rec
    cand_records = []
    for rec in _records(cands):
        key = (rec["round_id"], rec["candidate_id"])
        rec["lint_findings"] = int(lint_counts.get(key, 0)) if not anonymize else None
        cand_records.append(rec)
    if anonymize:
        # lint counts per pseudonymised candidate are recomputed from the original ids
        orig = candidates[["round_id", "candidate_id"]].astype(str).to_records(index=False)
        for rec, (r, c) in zip(cand_records, orig):
            rec["lint_findings"] = int(lint_counts.get((r, c), 0))
    # anonymized: no excerpt and no message either (a message quotes the word it found, which may be a name or a note)
    lint_records = _records(_anonymize(lint, anonymize).drop(columns=[c for c in ("excerpt", "message") if anonymize and c in lint.columns])) \
        if len(lint) else []
    return {
        "as_of": as_of,
        "anonymized": bool(anonymize),
        "rounds": per_round,
        "candidates": cand_records,
        "overdue_now": _records(health["overdue"]),
        "left_out_of_response_times": _records(health["left_out"]),
        "lint_findings": lint_records,
        "totals": {"rounds": len(rounds), "candidates": len(candidates),
                   "overdue_now": len(health["overdue"]), "left_out_of_response_times": len(health["left_out"]),
                   "lint_findings": len(lint)},
    }


# ---------------------------------------------------------------------------
# write


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


WRITER_THREADS = 2
"""Threads of the process that creates the report's files (`render.write.TreeWriter`)."""


def _round_sources(rounds: Rounds) -> list[str]:
    """The files (or export folders) the rounds were loaded from: a report is never written over or among them, whatever
    ``inputs`` the caller names. A round made from frames has none."""
    return [r.source for r in rounds if r.source and Path(r.source).exists()]


def _refuse_inputs(out: Path, inputs) -> None:
    for p in inputs:
        p = Path(p)
        if _inside(p, out) or (p.is_dir() and _inside(out, p)) or out.resolve() == p.resolve():
            raise OutputError("the output folder holds or overlaps the input files", file=str(out), value=str(p),
                              hint="Write the report into a separate folder, e.g. --out reports")


def _relative_parts(rel: str) -> tuple[str, ...]:
    """The parts of an output path; refuses one that could leave the output folder."""
    path = Path(rel)
    parts = path.parts
    if not parts or path.is_absolute() or path.drive or ".." in parts:
        raise OutputError("an output path would leave the output folder", value=rel, hint="Report this as a bug")
    return parts


OWNED = ".debrief-report"
"""A report folder's list of the top-level files and folders the report wrote, one name a line: the next report removes
those it does not write again (the folder of a round no longer among the inputs) and keeps everything else."""


def _owned(out: Path) -> set[str]:
    """The names `OWNED` lists in ``out``. A report written before that list existed has none: its round folders are
    the folders holding a committee.html, the page every report writes per round."""
    try:
        return {line for line in (out / OWNED).read_text(encoding="utf-8").splitlines() if line and "/" not in line and line != ".."}
    except FileNotFoundError:
        return {p.name for p in out.iterdir() if p.is_dir() and (p / "committee.html").is_file()}
    except (OSError, UnicodeDecodeError):
        return set()


class ReportFolder:
    """A report being written: files go into a staging folder beside `out_dir` as they are built, `commit` swaps it in.

    ``with ReportFolder(out, inputs=paths) as folder: folder.add(files) ... folder.commit(report.files)``.
    Opening it refuses an output folder that holds (or is inside the folder of) an input, before anything is
    built, and undoes what a run that died left behind (`recover_previous`). `add` hands files to the writer
    process (`render.write.TreeWriter`) and returns at once; `commit` writes what is still missing, waits for
    every write, keeps the files in `out_dir` that no report wrote (a README, a .git folder; the previous report's
    own files and folders are listed in `OWNED`, so the folder of a round no longer among the inputs goes), moves the old report
    aside, moves the new one in and removes the old one.
    Leaving the ``with`` block without `commit` (an error, Ctrl-C) removes the staging folder and leaves the
    previous report as it was. A write that fails raises `OutputError` at `commit`.
    """

    def __init__(self, out_dir, *, inputs=(), threads: int = WRITER_THREADS):
        from .render.write import TreeWriter

        self.given = Path(out_dir)
        # a link to a folder is followed: the folder it points at is the one replaced, and the link stays
        self.out = self.given.resolve() if self.given.is_symlink() else self.given
        _refuse_inputs(self.out, inputs)
        if self.out.exists() and not self.out.is_dir():
            raise OutputError("the output path is a file, not a folder", file=str(self.given),
                              hint="Give a folder for the report (it is made if missing)")
        if self.out.is_dir() and not os.access(self.out, os.W_OK | os.X_OK):
            raise OutputError("the output folder is read-only, so the report cannot replace what is in it", file=str(self.given),
                              hint="Make the folder writable, or give another --out folder")
        parent = self.out.resolve().parent
        if self.out.is_dir() and parent.is_dir() and parent.stat().st_mode & stat.S_ISVTX and os.geteuid() not in (0, self.out.stat().st_uid):
            raise OutputError("the report folder is someone else's, in a folder with the sticky bit (chmod +t): only its owner "
                              "may replace it, which is how a report is written", file=str(self.given),
                              hint=f"Remove the sticky bit (chmod -t {parent}), ask the folder's owner to run the report, or "
                                   "give an --out folder of your own")
        self.staging = parent / f".{self.out.name}.staging-{os.getpid()}"
        self.backup = parent / f".{self.out.name}.previous"
        try:
            parent.mkdir(parents=True, exist_ok=True)
            recover_previous(self.out)
            if self.out.exists():
                self._remove_backup()  # one a run could not remove: said now, before anything is built
            if self.staging.exists():
                shutil.rmtree(self.staging)
            self.staging.mkdir()
            # the staging folder is the writer's alone while letters are written into it; `commit` gives it the access
            # the report folder has (or, for a new one, `_new_folder_access`) just before it is swapped in
            os.chmod(self.staging, 0o700)
            self._access = _folder_access(self.out) if self.out.is_dir() else _new_folder_access(parent)
        except PermissionError:
            raise OutputError(f"the folder that holds the output folder ({parent}) is not writable: the report is written "
                              "beside the output folder first and then swapped in, so that a run that stops half-way leaves "
                              "the previous report whole", file=str(self.given),
                              hint=f"Make {parent} writable, or give an --out folder inside a writable one") from None
        except OSError as exc:
            raise self._error(exc) from None
        self._written: dict[str, bytes] = {}  # what was handed over per path (the bytes object itself)
        self._writer = TreeWriter(self.staging, threads=threads)
        self._open = True

    def __enter__(self) -> ReportFolder:
        return self

    def __exit__(self, *exc) -> None:
        if self._open:
            self.abort()

    def _error(self, exc: OSError) -> OutputError:
        return OutputError(f"the report could not be written ({exc})", file=str(self.out), hint="Check free disk space and permissions")

    def add(self, files: dict[str, bytes]) -> None:
        """Hand files (relative path -> bytes) to the writer; a path handed over before with the same bytes object is skipped."""
        by_folder: dict[str, list[tuple[str, bytes]]] = {}
        for rel, data in files.items():
            if self._written.get(rel) is data:
                continue
            parts = _relative_parts(rel)
            self._written[rel] = data
            by_folder.setdefault(os.path.join(*parts[:-1]) if len(parts) > 1 else "", []).append((parts[-1], data))
        try:
            for folder, items in by_folder.items():
                self._writer.add(folder, items)
        except OSError as exc:
            raise self._error(exc) from None

    def commit(self, files: dict[str, bytes]) -> Path:
        """Write what of `files` is not written yet, wait, and swap the new report in; the path of its index.html.

        `files` is the whole report: a file queued earlier with other bytes is written again, one queued
        earlier that `files` does not hold is removed.
        """
        try:
            self.add(files)
            self._writer.close()
            for rel in set(self._written) - set(files):
                os.remove(os.path.join(self.staging, *_relative_parts(rel)))
            out, staging, backup = self.out, self.staging, self.backup
            produced_top = {Path(rel).parts[0] for rel in files}
            (staging / OWNED).write_text("".join(f"{name}\n" for name in sorted(produced_top)), encoding="utf-8")
            if out.exists():
                self._remove_backup()
                owned_before = _owned(out)
                for entry in out.iterdir():  # keep what no report wrote (README.md, notes, .git), as it is; a round no longer read goes
                    if entry.name not in produced_top and (entry.name not in owned_before or entry.name == KEY_FILE) and entry.name != OWNED:
                        dest = staging / entry.name
                        if entry.is_dir():
                            shutil.copytree(entry, dest)
                        else:
                            shutil.copy2(entry, dest)
            _give_access(staging, *self._access, keep=produced_top | {OWNED, KEY_FILE})
            if out.exists():
                out.rename(backup)
            staging.rename(out)
            self._open = False
            self._remove_backup(swapped=True)
        except OSError as exc:
            raise self._error(exc) from None
        finally:
            if self._open:
                self.abort()
        return self.given / "index.html"

    def _remove_backup(self, swapped: bool = False) -> None:
        """Remove the previous report moved aside (`backup`); an OutputError saying where it is when that fails: it holds
        the earlier run's letters, so it must not stay unseen (and the next run could not move the report aside)."""
        if not self.backup.exists():
            return
        failed: list[str] = []

        def note(_func, path, _exc_info):  # the full path of what could not be removed (the error itself may name it relatively)
            failed.append(path)
            raise _exc_info[1]

        try:
            shutil.rmtree(self.backup, onerror=note)
        except OSError as exc:
            done = "The new report is in place, but the" if swapped else "The"
            named = getattr(exc, "filename", None)
            blocked = Path(failed[0]) if failed else Path(named) if named and os.path.isabs(named) else self.backup
            try:
                inside = blocked.relative_to(self.backup)
            except ValueError:
                inside = None
            kept = inside is not None and inside.parts and inside.parts[0] not in _owned(self.backup) | {KEY_FILE, OWNED}
            what = (f"{blocked.parent} (kept in the report folder, not written by a report) is not writable by you"
                    if kept else f"{blocked} could not be removed ({exc.strerror or exc})")
            raise OutputError(f"{done} previous report, moved aside to {self.backup}, could not be removed: {what}; "
                              "it holds that run's letters and candidates' data", file=str(self.given),
                              hint=f"Ask whoever owns it to make it writable for the group (chmod -R g+w) or to remove {self.backup}; "
                                   "give the report folder to a team with chmod 2770 (no sticky bit) before anyone writes "
                                   "into it (docs/data-protection.md)") from None

    def abort(self) -> None:
        """Stop writing and remove the staging folder; the previous report stays as it was."""
        self._open = False
        self._writer.abort()
        shutil.rmtree(self.staging, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _folder_access(folder: Path) -> tuple[int, int]:
    """(mode, group) of an existing report folder, which the new report keeps (a folder shared with a team stays so)."""
    st = folder.stat()
    return stat.S_IMODE(st.st_mode), st.st_gid


def _new_folder_access(parent: Path) -> tuple[int, int]:
    """(mode, group) of a new report folder: its owner's alone (it holds applicants' letters and data), unless it is made
    in a team's folder: one writable by its group but not by everyone and without the sticky bit (not a /tmp), whose
    group the writer is in. Then it is that group's too, as the team's other folders are."""
    st = parent.stat()
    mode = stat.S_IMODE(st.st_mode)
    member = st.st_gid == os.getegid() or st.st_gid in os.getgroups()
    team = mode & 0o020 and not mode & 0o002 and not mode & stat.S_ISVTX and member
    return (0o2770 if mode & stat.S_ISGID else 0o770) if team else 0o700, st.st_gid


def _give_access(folder: Path, mode: int, gid: int, *, keep: set[str]) -> None:
    """The report folder's access (``mode`` and group ``gid``, kept as they are) on ``folder``, and what follows from it
    on everything the report wrote in it (the top-level names in ``keep``). What is kept from the old folder, a README
    or .git, keeps its permissions; in a team's folder it takes the folder's group.

    A folder given to a team (group-writable, chmod 2770) gives the group its bits whatever the writer's umask, so that
    a colleague's run can replace what this one wrote. Otherwise the group, and others always, get no more than both
    the folder and the writer's umask allow; others never write and never get the pseudonym key; files have no execute
    bits.
    """
    umask = _umask()
    group = mode & 0o070 if mode & 0o020 else mode & 0o050 & ~umask
    others = mode & 0o005 & ~umask
    dir_mode = (mode & 0o2000) | 0o700 | group | others
    file_mode = (dir_mode & 0o666) | 0o600
    key_mode = 0o600 | (0o040 if mode & 0o020 else 0)  # the team's runs give the same pseudonyms
    _set_access(str(folder), mode & ~stat.S_ISVTX, gid)  # as its owner set it, but a sticky bit would let nobody else replace it
    if mode & 0o020:  # a team's folder: what is kept (a README, notes, .git) stays the team's, with its own permissions
        for entry in folder.iterdir():
            if entry.name not in keep:
                _set_group(entry, gid)
    for name in keep:
        top = folder / name
        if not top.exists():
            continue
        if top.is_dir():
            for root, dirs, names in os.walk(top):
                _set_access(root, dir_mode, gid)
                for n in names:
                    _set_access(os.path.join(root, n), file_mode, gid)
        else:
            _set_access(str(top), key_mode if name == KEY_FILE else file_mode, gid)


def _set_group(path: Path, gid: int) -> None:
    """``path`` and, for a folder, everything in it get group ``gid`` where allowed; their permissions stay as they are
    (a copy made by a colleague's run is the colleague's, but still the team's)."""
    for p in [path] if path.is_symlink() or not path.is_dir() else [path, *path.rglob("*")]:
        if not p.is_symlink():
            _chgrp(p, gid)


def _set_access(path: str, mode: int, gid: int) -> None:
    _chgrp(path, gid)
    os.chmod(path, mode)


def _chgrp(path, gid: int) -> None:
    if os.stat(path).st_gid != gid:
        try:
            os.chown(path, -1, gid)
        except OSError:
            pass  # not a member of that group: the permissions still keep others out


def write_report(report: Report | dict, out_dir, *, inputs=()) -> Path:
    """Write the files under `out_dir` all at once; returns the path of index.html.

    Refuses an output folder that holds (or is inside the folder of) an input.
    Files are written to a staging folder next to `out_dir`, which then
    replaces the old report; files in `out_dir` that no report wrote (e.g. a
    README) are kept, a previous report's round folders that this one does
    not write are not (see `ReportFolder`).
    """
    files = report.files if isinstance(report, Report) else report
    sources = report.details.get("sources", []) if isinstance(report, Report) else []  # the rounds' own files, always
    with ReportFolder(out_dir, inputs=[*inputs, *sources]) as folder:
        return folder.commit(files)


def report_to_folder(rounds, out_dir, *, inputs=(), as_of=None, anonymize: bool = False, templates_dir=None,
                     progress=None, unreadable=()) -> tuple[Report, Path]:
    """`build_report` and `write_report` at once: each candidate's files are written while the next ones are built.

    The same files and the same safety as building, then writing: the output folder is checked against
    `inputs` before anything is built, and the new report replaces the old one only when every file is
    written. Returns the report and the path of its index.html.
    """
    with ReportFolder(out_dir, inputs=[*inputs, *_round_sources(as_rounds(rounds))]) as folder:
        report = build_report(rounds, as_of=as_of, anonymize=anonymize, templates_dir=templates_dir, progress=progress,
                              on_files=folder.add, unreadable=unreadable, pseudonym_key=pseudonym_key(out_dir) if anonymize else None)
        return report, folder.commit(report.files)


def recover_previous(out_dir) -> None:
    """Undo what a run that died left behind: if it died between moving the old report aside and moving
    the new one in, put the old one back; remove the staging folders of runs that are no longer running
    (half-written copies of the candidates' letters and data)."""
    out = Path(out_dir)
    backup = out.resolve().parent / f".{out.name}.previous"
    if backup.exists() and not out.exists():
        backup.rename(out)
    for staging in out.resolve().parent.glob(f".{out.name}.staging-*"):
        pid = staging.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True
