"""Sample hiring rounds: a seeded synthetic generator and three curated rounds.

- `generate_round(seed, n_candidates)` builds a realistic synthetic round
  (latent ability per criterion, lenient and strict interviewers, blanks,
  one hire, mixed notification delays) fast enough for 100,000+ score rows.
- `curated_rounds()` returns three hand-written rounds (Berlin, Stockholm,
  Manchester) whose story is documented in ``data/sample/README.md``.

Both return the four canonical tables of `toolkit.schema` with the loaded
dtypes: str ids and text, ``Float64``/``Int64`` numbers, ``boolean`` flags
and ``datetime64[s]`` dates; ``criterion`` in scores is plain str.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import OutputError
from .schema import CANDIDATE_FIELDS, CRITERIA_FIELDS, KIND_DTYPES, SCORE_FIELDS
from .workbook import write_scorecard_workbook

# -- shared helpers -------------------------------------------------------------


def _typed(frame: pd.DataFrame, fields) -> pd.DataFrame:
    """Columns in schema order with the loaded dtypes (see `toolkit.schema.KIND_DTYPES`)."""
    out = {}
    for f in fields:
        values = frame[f.name] if f.name in frame.columns else pd.Series([None] * len(frame), index=frame.index)
        dtype = KIND_DTYPES[f.kind]
        if f.kind == "date":
            out[f.name] = pd.to_datetime(values).astype("datetime64[s]")
        elif f.kind in ("int", "float"):
            out[f.name] = pd.array(pd.to_numeric(values), dtype=dtype)
        elif f.kind == "bool":
            out[f.name] = pd.array(values.astype(object).where(values.notna(), None), dtype="boolean")
        else:
            out[f.name] = values.astype(object).where(values.notna(), None).astype("str")
    return pd.DataFrame(out).reset_index(drop=True)


def _round_tables(role: dict, criteria, candidates, scores) -> dict:
    return {
        "role": role,
        "criteria": _typed(pd.DataFrame(criteria), CRITERIA_FIELDS),
        "candidates": _typed(pd.DataFrame(candidates), CANDIDATE_FIELDS),
        "scores": _typed(pd.DataFrame(scores), SCORE_FIELDS),
    }


# -- synthetic generator ----------------------------------------------------------

_PRESETS = {
    "en": {
        "first": ["Olivia", "Amelia", "Isla", "Ava", "Priya", "Grace", "Zainab", "Chloe", "Megan", "Niamh", "Oliver",
                  "George", "Harry", "Noah", "Jack", "Arjun", "Kwame", "Tom", "Rhys", "Callum", "Yusuf", "Ewan"],
        "last": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Patel", "Khan", "Okafor",
                 "Murphy", "Hughes", "Walsh", "Campbell", "Ali", "Nowak", "Clarke", "Wright", "Chen", "Morgan"],
        "criteria": ["Technical skills", "Problem solving", "Communication", "Stakeholder management", "Ownership",
                     "Domain knowledge", "Planning"],
        "soft": "Team fit",
        "role": "Operations Analyst", "company": "Northgate Services Ltd", "department": "Operations",
        "country": "GB", "sender_title": "Head of Operations",
        "evidence": {1: "No relevant examples.", 2: "Examples thin; needed a lot of prompting.",
                     3: "Adequate; examples from assisting others.", 4: "Good, specific examples from own work.",
                     5: "Excellent; led this end to end and showed the results."},
        "domain": "example.com",
    },
    "de": {
        "first": ["Anna", "Lea", "Mia", "Emma", "Hannah", "Elif", "Sofia", "Marie", "Lukas", "Leon", "Paul", "Jonas",
                  "Felix", "Emre", "Niklas", "Milan", "Tim", "Jana", "Katharina", "Can"],
        "last": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                 "Hoffmann", "Koch", "Yılmaz", "Kaya", "Nowak", "Richter", "Wolf", "Neumann", "Schwarz", "Krüger"],
        "criteria": ["Fachwissen", "Problemlösung", "Kommunikation", "Stakeholder-Management", "Eigenverantwortung",
                     "Branchenkenntnis", "Planung"],
        "soft": "Teamfit",
        "role": "Projektmanager:in", "company": "Spreetal Software GmbH", "department": "Projekte",
        "country": "DE", "sender_title": "Bereichsleitung Projekte",
        "evidence": {1: "Keine passenden Beispiele.", 2: "Wenig Belege, brauchte viele Nachfragen.",
                     3: "Ausreichend; Beispiele eher aus Zuarbeit.", 4: "Gute, konkrete Beispiele aus eigener Arbeit.",
                     5: "Sehr stark; selbst verantwortet und Ergebnisse gezeigt."},
        "domain": "example.org",
    },
    "sv": {
        "first": ["Alice", "Maja", "Elsa", "Astrid", "Ebba", "Saga", "Amira", "Linnea", "Wilma", "Oskar", "Erik",
                  "Hugo", "Lucas", "William", "Adam", "Ali", "Nils", "Johan", "Mohammed", "Vera"],
        "last": ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
                 "Lindberg", "Svensson", "Berg", "Holm", "Ahmed", "Haddad", "Lindqvist", "Sjöberg", "Nyström"],
        "criteria": ["Fackkunskap", "Problemlösning", "Kommunikation", "Intressenthantering", "Eget ansvar",
                     "Branschkunskap", "Planering"],
        "soft": "Teamkänsla",
        "role": "Projektledare", "company": "Mälarsund Data AB", "department": "Leverans",
        "country": "SE", "sender_title": "Leveranschef",
        "evidence": {1: "Inga relevanta exempel.", 2: "Tunna exempel, behövde mycket stöd.",
                     3: "Godkänt; exemplen mest från att ha stöttat andra.", 4: "Bra, konkreta exempel från eget arbete.",
                     5: "Mycket starkt; har drivit detta själv och visat resultat."},
        "domain": "example.net",
    },
}
GENERATED_AS_OF = "2026-03-20"  # no past event in a generated round is later than this
_GENERATED_CHANNELS = np.array(["phone", "video", "email", "form_letter", "letter", "in_person"])
_CHANNEL_P = np.array([0.30, 0.20, 0.28, 0.14, 0.05, 0.03])


def _criterion_names(preset: dict, n: int) -> list[str]:
    hard = list(preset["criteria"])
    if n <= 0:
        return []
    names = hard[: n - 1] + [preset["soft"]]
    while len(names) < n:  # more criteria than the preset knows: numbered extras before the soft one
        names.insert(-1, f"{hard[0]} {len(names)}")
    return names


def _days(base: np.datetime64, offsets) -> np.ndarray:
    return base + np.asarray(offsets).astype("timedelta64[D]")


_FOLD = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe", "þ": "th", "ð": "d"})


def _mailbox(name: str) -> str:
    """A name as the local part of a plain ASCII address: "Maja.Nyström" -> "maja.nystrom", "Niklas.Yılmaz" -> "niklas.yilmaz"."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
    return "".join(c for c in folded if c.isascii() and (c.isalnum() or c in ".-"))


def generate_round(
    seed: int,
    n_candidates: int = 8,
    *,
    n_interviewers: int = 3,
    n_criteria: int = 5,
    stages=("Screening", "Panel"),
    preset: str = "en",
) -> dict:
    """Return a synthetic round ``{"role", "criteria", "candidates", "scores"}``, the same for the same seed.

    Every candidate meets every interviewer at every stage, so ``scores`` has exactly
    ``n_candidates * n_interviewers * n_criteria * len(stages)`` rows (about 3 % with a
    blank score = not assessed). Scores come from a latent ability per candidate and
    criterion, plus an interviewer leniency offset and noise, rounded onto the 1-5 scale.
    The candidate of the highest latent ability (weighted by the ranks) who did not withdraw is ``hired``: as in
    life, not always the one with the best observed scores. About 8 % withdrew, about 10 % are ``pending`` (not
    decided on; once the round has decided they count as waiting to be told, `toolkit.analytics.timelines`), the
    rest ``rejected``. The decision
    falls between mid-January and 2026-03-06 and no past event is after
    `GENERATED_AS_OF` (2026-03-20). Of those told, most hear within 3 business days,
    some after 4-10, and about 15 % are not told yet;
    about 20 % of rejected candidates asked for feedback. The runner-up has
    ``stay_in_touch`` yes and a ``follow_up_on`` date. Growth tips are left blank.
    """
    from .errors import ToolkitError
    from .feedback.language import normalise_language

    preset = preset if preset in _PRESETS else normalise_language(preset) or preset  # 'de-DE', 'Svenska'
    if preset not in _PRESETS:
        raise ToolkitError("unknown preset", value=preset, allowed=", ".join(sorted(_PRESETS)), hint="Pass preset='en', 'de' or 'sv'")
    if n_candidates < 1 or n_interviewers < 1 or n_criteria < 1 or not stages:
        raise ToolkitError("n_candidates, n_interviewers, n_criteria and stages must all be at least 1",
                           value=(n_candidates, n_interviewers, n_criteria, stages))
    p = _PRESETS[preset]
    rng = np.random.default_rng(seed)
    n, n_int, n_crit, n_stage = n_candidates, n_interviewers, n_criteria, len(stages)
    stages = [str(s) for s in stages]

    # Role and dates: decision on a weekday between mid-January and 2026-03-06, so that every
    # past event (told, feedback) falls on or before GENERATED_AS_OF.
    decided = np.busday_offset(np.datetime64("2026-03-06"), -int(rng.integers(0, 35)), roll="backward")
    criteria_names = _criterion_names(p, n_crit)
    interviewers = [f"{f} {l}" for f, l in zip(rng.choice(p["first"], n_int), rng.choice(p["last"], n_int))]
    interviewers = [name if interviewers.index(name) == i else f"{name} {i + 1}" for i, name in enumerate(interviewers)]
    role = {
        "role": p["role"], "requisition": f"SYN-{seed:04d}", "department": p["department"],
        "hiring_manager": interviewers[0], "country": p["country"], "language": preset,
        "response_target_days": 3, "decided_on": pd.Timestamp(decided).date(), "scale": "1-5",
        "company": p["company"], "sender_name": interviewers[0], "sender_title": p["sender_title"],
    }
    ranks = np.arange(1, n_crit + 1)
    criteria = {
        "criterion": criteria_names, "rank": ranks, "weight": [None] * n_crit,
        "must_have": ranks == 1, "bar": np.full(n_crit, 3.0),
    }

    # Candidates: ability, outcome, dates.
    width = max(3, len(str(n)))
    ids = np.char.add("C", np.char.zfill(np.arange(1, n + 1).astype(str), width))
    first = rng.choice(p["first"], n)
    last = rng.choice(p["last"], n)
    names = np.char.add(np.char.add(first.astype(str), " "), last.astype(str))
    local = np.char.add(np.char.add(first.astype(str), "."), last.astype(str))
    ascii_of = {name: _mailbox(name) for name in np.unique(local).tolist()}  # Yılmaz -> yilmaz: a plain address everyone's mail accepts
    emails = np.char.add(np.char.add(np.array([ascii_of[x] for x in local.tolist()]), np.char.add("+", ids)), "@" + p["domain"])
    general = rng.normal(0, 0.8, n)
    ability = general[:, None] + rng.normal(0, 0.5, (n, n_crit))  # candidate x criterion
    weights = (n_crit + 1 - ranks) / ranks.sum()
    total = ability @ weights

    u = rng.random(n)
    status = np.where(u < 0.08, "withdrawn", np.where(u < 0.18, "pending", "rejected")).astype(object)
    order = np.argsort(-total, kind="stable")
    eligible = order[status[order] != "withdrawn"]
    hired = eligible[0] if len(eligible) else order[0]
    status[hired] = "hired"
    runner_up = eligible[1] if len(eligible) > 1 else None

    applied = _days(decided, -rng.integers(35, 70, n))
    interview_days = np.stack(
        [np.busday_offset(_days(decided, -(25 - 20 * s / max(n_stage - 1, 1)) - rng.integers(0, 5, n)), 0, roll="backward")
         for s in range(n_stage)], axis=1)  # candidate x stage
    withdrawn = status == "withdrawn"
    pending = status == "pending"
    decided_on = np.where(withdrawn | pending, np.datetime64("NaT"), decided).astype("datetime64[D]")
    r = rng.random(n)
    delay = np.where(r < 0.6, rng.integers(0, 4, n), rng.integers(4, 11, n))
    told = ~(withdrawn | pending) & (rng.random(n) >= 0.15)
    told[hired] = True
    delay[hired] = 0
    notified = np.where(told, np.busday_offset(decided, delay, roll="forward"), np.datetime64("NaT")).astype("datetime64[D]")
    channel = np.where(told, rng.choice(_GENERATED_CHANNELS, n, p=_CHANNEL_P), None)
    channel[hired] = "phone"
    asked = told & (status == "rejected") & (rng.random(n) < 0.2)
    as_of = np.datetime64(GENERATED_AS_OF)
    requested = np.where(asked, notified + rng.integers(1, 4, n).astype("timedelta64[D]"), np.datetime64("NaT"))
    requested = np.where(requested > as_of, np.datetime64("NaT"), requested).astype("datetime64[D]")
    answered = ~np.isnat(requested) & (rng.random(n) < 0.6)
    sent = np.where(answered, requested + rng.integers(1, 6, n).astype("timedelta64[D]"), np.datetime64("NaT"))
    sent = np.where(sent > as_of, np.datetime64("NaT"), sent).astype("datetime64[D]")  # not answered yet
    stay = np.full(n, None, dtype=object)
    follow_up = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    if runner_up is not None:
        stay[runner_up] = True
        follow_up[runner_up] = decided + np.timedelta64(90, "D")
    candidates = {
        "candidate_id": ids, "name": names, "email": emails, "language": np.full(n, preset),
        "status": status, "stage_reached": np.full(n, stages[-1]), "applied_on": applied,
        "last_interview_on": interview_days[:, -1], "decided_on": decided_on, "notified_on": notified,
        "channel": channel, "feedback_requested_on": requested, "feedback_sent_on": sent,
        "stay_in_touch": stay, "follow_up_on": follow_up, "notes": np.full(n, None, dtype=object),
    }

    # Scores: full grid candidate x stage x interviewer x criterion, vectorised.
    per_candidate = n_stage * n_int * n_crit
    cand_idx = np.repeat(np.arange(n), per_candidate)
    stage_idx = np.tile(np.repeat(np.arange(n_stage), n_int * n_crit), n)
    int_idx = np.tile(np.repeat(np.arange(n_int), n_crit), n * n_stage)
    crit_idx = np.tile(np.arange(n_crit), n * n_stage * n_int)
    leniency = rng.normal(0, 0.35, n_int)
    raw = 3.2 + ability[cand_idx, crit_idx] + leniency[int_idx] + rng.normal(0, 0.55, len(cand_idx))
    score = np.clip(np.rint(raw), 1, 5)
    blank = rng.random(len(score)) < 0.03
    evidence_bank = np.array([p["evidence"][k] for k in range(1, 6)], dtype=object)
    evidence = evidence_bank[score.astype(int) - 1]
    evidence[blank | (rng.random(len(score)) < 0.4)] = None
    scores = {
        "candidate_id": ids[cand_idx], "interviewer": np.array(interviewers, dtype=object)[int_idx],
        "criterion": np.array(criteria_names, dtype=object)[crit_idx],
        "score": np.where(blank, np.nan, score), "stage": np.array(stages, dtype=object)[stage_idx],
        "interviewed_on": interview_days[cand_idx, stage_idx], "evidence": evidence,
    }
    tables = _round_tables(role, criteria, candidates, scores)
    return tables


def write_sample(out_dir, rounds: int = 3, candidates: int = 8, seed: int = 0, *, overwrite: bool = False) -> list[Path]:
    """Write ``rounds`` synthetic rounds as ``round-01.xlsx``, ... into ``out_dir``; return the paths.

    Round k (1-based) uses seed ``seed * 1000 + k`` and cycles the presets en, de, sv,
    so the same arguments always give the same files. Creates ``out_dir`` if needed;
    refuses to replace existing files unless ``overwrite=True`` (raises `OutputError`).
    """
    folder = Path(out_dir)
    if rounds < 1 or candidates < 1:
        raise OutputError("nothing to write", file=str(folder), value=(rounds, candidates),
                          allowed="rounds >= 1 and candidates >= 1", hint="Pass --rounds and --candidates of at least 1")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError("cannot create the output folder", file=str(folder), value=str(exc)) from exc
    width = max(2, len(str(rounds)))
    presets = ("en", "de", "sv")
    paths = [folder / f"round-{k:0{width}d}.xlsx" for k in range(1, rounds + 1)]
    existing = [p for p in paths if p.exists()]
    if existing and not overwrite:
        raise OutputError("sample files already exist", file=str(existing[0]),
                          hint=f"{len(existing)} of the files are there already; choose an empty folder, or replace them: overwrite=True (debrief sample --force)")
    for k, path in enumerate(paths, 1):
        tables = generate_round(seed * 1000 + k, candidates, preset=presets[(k - 1) % 3])
        write_scorecard_workbook(path, **tables, overwrite=overwrite)
    return paths


# -- curated rounds ------------------------------------------------------------------
#
# Scores are written per candidate as "criterion | criterion | ...", each criterion
# as "first-stage scores / second-stage scores", one score per interviewer of that
# stage in the order of STAGES; "." = row present but not assessed (blank score).
# A candidate without a second part stopped after the first stage.

_BERLIN = {
    "slug": "berlin-social-media-lead",
    "role": {
        "role": "Social-Media-Lead", "requisition": "BER-2026-014", "department": "Marketing und Kommunikation",
        "hiring_manager": "Katrin Vogel", "country": "DE", "language": "de", "response_target_days": 3,
        "decided_on": "2026-03-06", "scale": "1-5", "company": "Havelberg Naturkost GmbH",
        "sender_name": "Katrin Vogel", "sender_title": "Leiterin Marketing und Kommunikation", "role_en": "Social Media Lead",
        "sender_title_en": "Head of Marketing and Communications", "sender_email": "katrin.vogel@example.com",
        "sender_phone": "+49 30 555 0142",
    },
    # the names in English letters (Emily Carter applied in English): criterion_en on the Criteria sheet
    "criterion_names": {"en": {"Social-Media-Strategie": "Social media strategy", "Content und Storytelling": "Content and storytelling",
                               "Community-Management": "Community management", "Analyse und Reporting": "Analysis and reporting",
                               "Teamfit": "Team fit"}},
    "stages": (("Erstgespräch", ("Jonas Brandt", "Katrin Vogel")),
               ("Fachgespräch", ("Katrin Vogel", "Deniz Aydın", "Jonas Brandt"))),
    # criterion, rank, weight, must_have, bar, description, growth_tip (en), growth_tip_de, growth_tip_sv
    "criteria": [
        ("Social-Media-Strategie", 1, None, True, 3,
         "Direkte Erfahrung darin, Social-Media-Pläne aufzubauen: Ziele, Zielgruppen, Kanäle, Redaktionsplan, "
         "Budget und Auswertung.",
         "Lead a quarterly content plan end to end yourself: set the goals, choose audiences and channels, "
         "build the editorial calendar and report on the results.",
         "Verantworten Sie selbst einen Social-Media-Quartalsplan von Anfang bis Ende: Ziele festlegen, Zielgruppen "
         "und Kanäle auswählen, den Redaktionsplan aufbauen und die Ergebnisse auswerten.",
         "Ta helhetsansvar för en kvartalsplan för sociala medier: sätt målen, välj målgrupper och kanaler, bygg "
         "publiceringskalendern och följ upp resultaten."),
        ("Content und Storytelling", 2, None, False, 3,
         "Formate und Geschichten entwickeln, die zur Marke passen, und sie kanalgerecht umsetzen: Text, Bild, Video.",
         "Put together a small portfolio of three to five pieces for different channels, each with a few lines on "
         "the idea behind it and how it was received.",
         "Stellen Sie ein kleines Portfolio aus drei bis fünf Beiträgen für verschiedene Kanäle zusammen – jeweils "
         "mit ein paar Sätzen zur Idee dahinter und dazu, wie der Beitrag angekommen ist.",
         "Sätt ihop en liten portfolio med tre till fem inlägg för olika kanaler och skriv några rader om idén "
         "bakom varje inlägg och hur det togs emot."),
        ("Community-Management", 3, None, False, 3,
         "Mit der Community im Gespräch bleiben: Kommentare und Nachrichten beantworten, Kritik aufnehmen, "
         "Krisen ruhig steuern.",
         "Look after the comments and messages on one channel for a few months and write down simple guidelines "
         "for tone, response times and when to escalate.",
         "Betreuen Sie für ein paar Monate die Kommentare und Nachrichten eines Kanals selbst und halten Sie fest, "
         "wie Sie vorgehen: Tonalität, Reaktionszeiten und wann Sie eine Anfrage an andere weitergeben.",
         "Ta hand om kommentarer och meddelanden i en kanal under några månader och skriv ner enkla riktlinjer "
         "för tonläge, svarstider och när något ska lyftas vidare."),
        ("Analyse und Reporting", 4, None, False, 3,
         "Kennzahlen sinnvoll wählen, Ergebnisse auswerten und daraus Entscheidungen für den Plan ableiten.",
         "Set up a monthly report for one channel with two or three metrics tied to a goal, and note each month "
         "what you will change because of the numbers.",
         "Bauen Sie für einen Kanal einen monatlichen Bericht mit zwei, drei Kennzahlen auf, die an ein Ziel "
         "geknüpft sind, und notieren Sie jeden Monat, was Sie aufgrund der Zahlen ändern.",
         "Bygg en månadsrapport för en kanal med två eller tre nyckeltal som hänger ihop med ett mål, och skriv "
         "varje månad ner vad du ändrar utifrån siffrorna."),
        ("Teamfit", 5, None, False, None,
         "Wie die Zusammenarbeit mit uns aussehen würde: offen für Feedback, verlässlich in Absprachen, "
         "teilt Wissen.",
         "After your next joint project, ask colleagues from other teams for feedback and agree on one thing you "
         "will do differently next time.",
         "Holen Sie nach dem nächsten gemeinsamen Projekt Rückmeldungen von Kolleginnen und Kollegen aus anderen "
         "Teams ein und nehmen Sie sich einen Punkt vor, den Sie beim nächsten Mal anders machen.",
         "Be kollegor i andra team om återkoppling efter nästa gemensamma projekt och bestäm en sak som du gör "
         "annorlunda nästa gång."),
    ],
    # candidate_id, name, email, language, status, applied_on, interview dates, decided_on, notified_on,
    # channel, feedback_requested_on, feedback_sent_on, stay_in_touch, follow_up_on, notes, scores
    "candidates": [
        ("B01", "Sophie Becker", "sophie.becker@example.net", "de", "rejected", "2026-01-19",
         ("2026-02-16", "2026-02-26"), "2026-03-06", "2026-03-10", "video", None, None, None, None,
         "Durchweg solide, in keinem Bereich auffällig schwächer.",
         "4 4 / 5 4 4 | 4 4 / 4 3 4 | 4 4 / 3 4 4 | 4 3 / 4 4 4 | 4 4 / 4 4 4"),
        ("B02", "Paul Neumann", "p.neumann@example.com", "de", "rejected", "2026-01-21",
         ("2026-02-16",), "2026-03-02", "2026-03-03", "form_letter", None, None, False, None,
         "Nach dem Erstgespräch abgesagt.",
         "2 2 | 3 2 | 2 3 | 2 2 | 3 3"),
        ("B03", "Lena Hoffmann", "lena.hoffmann@example.org", "de", "hired", "2026-01-26",
         ("2026-02-17", "2026-02-26"), "2026-03-06", "2026-03-06", "phone", None, None, None, None,
         "Vertrag am 2026-03-17 unterschrieben, Start am 2026-05-01.",
         "5 5 / 5 5 4 | 4 4 / 4 5 4 | 4 5 / 5 4 4 | 4 4 / 5 4 4 | 4 5 / 5 5 4"),
        ("B04", "Emily Carter", "emily.carter@example.com", "en", "rejected", "2026-01-27",
         ("2026-02-17", "2026-02-27"), "2026-03-06", None, None, None, None, None, None,
         "Absage noch offen.",
         "2 3 / 2 3 2 | 5 4 / 5 4 5 | 4 4 / 4 5 4 | 3 3 / 3 4 4 | 4 4 / 4 4 5"),
        ("B05", "Murat Yılmaz", "murat.yilmaz@example.org", "de", "rejected", "2026-01-28",
         ("2026-02-18", "2026-02-27"), "2026-03-06", "2026-03-09", "phone", "2026-03-10", "2026-03-12", True,
         "2026-06-01",
         "Knapp auf Platz zwei, sehr starke Arbeitsproben. Bei der nächsten Content-Stelle direkt ansprechen.",
         "3 4 / 3 4 3 | 5 5 / 5 5 5 | 4 5 / 5 4 4 | 4 4 / 4 4 4 | 5 4 / 5 5 5"),
        ("B06", "Aylin Kaya", "aylin.kaya@example.net", "de", "withdrawn", "2026-02-02",
         ("2026-02-18",), None, None, None, None, None, None, None,
         "Hat am 2026-02-24 zurückgezogen: anderes Angebot angenommen.",
         "4 3 | 4 4 | 4 4 | 3 3 | 4 4"),
        ("B07", "Tobias Schmitt", "tobias.schmitt@example.com", "de", "rejected", "2026-02-03",
         ("2026-02-19", "2026-03-02"), "2026-03-06", "2026-03-17", "email", "2026-03-18", None, None, None,
         "Feedback-Anfrage vom 2026-03-18 noch nicht beantwortet.",
         "3 4 / 3 4 3 | 4 4 / 4 4 3 | 3 3 / 4 3 3 | . . / 4 . . | 4 4 / 4 3 4"),
        ("B08", "Hannah Schulz", "hannah.schulz@example.org", "de", "rejected", "2026-02-05",
         ("2026-02-20", "2026-03-04"), "2026-03-18", None, None, None, None, None, None,
         "Als Reserve gehalten, bis der Vertrag der Neueinstellung unterschrieben war.",
         "4 3 / 3 4 4 | 4 4 / 4 4 4 | 3 4 / 4 4 3 | 4 4 / 4 5 4 | 4 4 / 4 4 4"),
    ],
    # Evidence by criterion rank and score: two or three notes per score, each used at most once
    # per candidate and criterion (so interviewers who agree do not read identically); "na" is
    # written on rows left blank (not assessed).
    "evidence": {
        1: {5: ("Hat für eine Marke mit drei Kanälen den Jahresplan selbst aufgebaut, von den Zielen bis zum "
                "Reporting; Beispiele schlüssig.",
                "Stellt im Case einen Quartalsplan mit klaren Zielen, Zielgruppen und Budgetverteilung vor, "
                "sehr strukturiert."),
            4: ("Hat Redaktionspläne verantwortet, die Ziele aber meist vom Team übernommen; Vorgehen gut begründet.",
                "Case-Plan solide, Kanalwahl begründet; bei Budget und KPIs noch etwas vage.",
                "Kampagnenplanung mit klaren Zielen belegt; die Jahresplanung lief bisher gemeinsam mit der Leitung."),
            3: ("Plant bisher vor allem einzelne Kampagnen; einen Plan über mehrere Monate noch nicht selbst "
                "verantwortet.",
                "Kennt die Bausteine eines Plans, bleibt bei der Priorisierung der Kanäle aber allgemein.",
                "Beispiele zeigen eher Umsetzung als Planung; Zielgruppen nur grob beschrieben."),
            2: ("Kaum eigene Planung: Inhalte nach Vorgabe umgesetzt, Ziele und Auswertung lagen bei der Agentur.",
                "Im Case kein erkennbarer Plan, eher eine Ideensammlung ohne Ziele.")},
        2: {5: ("Arbeitsproben stark: eigene Reels-Serie, klar auf die Zielgruppe zugeschnitten.",
                "Entwickelt im Gespräch spontan zwei Formatideen für unsere Produkte, beide gut umsetzbar."),
            4: ("Gute Arbeitsproben, Tonalität passt; Videoformate eher Standard.",
                "Erzählt gut, Beispiele aus bisherigen Kampagnen überzeugend.",
                "Starke Texte und eigene Ideen für Serienformate; Bewegtbild bisher über Dienstleister."),
            3: ("Solide Texte, aber wenig eigene Formatideen.",
                "Arbeitsproben ordentlich, wirken aber austauschbar.",
                "Handwerklich sauber, aber die Beiträge erzählen wenig über die Marke."),
            2: ("Arbeitsproben vor allem Produktfotos mit kurzen Texten, kaum Storytelling.",
                "Tonalität trifft die Marke nicht; kaum Beispiele für Bewegtbild.")},
        3: {5: ("Schildert souverän einen Shitstorm rund um eine Rückrufaktion: Ablauf, Abstimmung mit der "
                "Rechtsabteilung, Nachbereitung.",
                "Hat Community-Richtlinien für ein Team von fünf Leuten geschrieben und eingeführt."),
            4: ("Beantwortet die Beschwerde im Rollenspiel freundlich und lösungsorientiert.",
                "Gute Beispiele für den Dialog mit der Community, Krisenerfahrung begrenzt.",
                "Kennt Moderationsregeln und Eskalationswege; Krisen bisher nur begleitet, nicht geführt."),
            3: ("Hat Kommentare moderiert, eigene Regeln oder Abläufe aber nicht entwickelt.",
                "Rollenspiel in Ordnung, Antwort auf die Beschwerde etwas defensiv.",
                "Antwortet freundlich, aber ohne klaren Ablauf für kritische Fälle."),
            2: ("Community-Arbeit lag bisher bei anderen; kaum eigene Beispiele.",
                "Reagiert im Rollenspiel auf Kritik eher abwehrend.")},
        4: {5: ("Zeigt ein selbst gebautes Dashboard und erklärt, welche Kampagne daraufhin gestoppt wurde.",
                "Unterscheidet sauber zwischen Reichweite und Wirkung, argumentiert mit Zahlen."),
            4: ("Arbeitet regelmäßig mit Insights und Monatsberichten, leitet daraus konkrete Anpassungen ab.",
                "Solides Verständnis der Kennzahlen; Attribution noch nicht vertieft.",
                "Leitet aus den Zahlen nachvollziehbare Änderungen am Redaktionsplan ab."),
            3: ("Kennt die gängigen Kennzahlen, nutzt sie aber eher zum Berichten als zum Steuern.",
                "Berichte bisher nach Vorlage erstellt; eigene Schlüsse erst auf Nachfrage.",
                "Nennt Reichweite als wichtigste Kennzahl; Ziele und Messung passen nicht ganz zusammen."),
            2: ("Kann im Case nicht sagen, woran Erfolg gemessen würde.",
                "Zahlen kaum genutzt; das Reporting lief über die Agentur.")},
        5: {5: ("Fragt aktiv nach, wie das Team arbeitet; erzählt, wie im alten Team Wissen geteilt wurde.",
                "Sehr offen für Feedback im Case, greift Hinweise sofort auf."),
            4: ("Angenehm im Gespräch, gute Beispiele für die Zusammenarbeit mit Vertrieb und Design.",
                "Klar in der Abstimmung, geht gut auf Rückfragen ein.",
                "Bringt sich im Case ein, lässt andere ausreden und fragt gut nach."),
            3: ("Beschreibt die Arbeit eher aus einer Einzelrolle; wenig Beispiele für Teamarbeit.",
                "Freundlich, bei Rückfragen zum eigenen Feedback etwas zurückhaltend.",
                "Zusammenarbeit mit anderen Teams erst auf Nachfrage beschrieben."),
            2: ("Schildert Konflikte mit früheren Teams ohne eigenen Anteil.",
                "Geht auf Einwände im Case kaum ein.")},
        "na": ("Aus Zeitgründen nicht besprochen.", "Im Gespräch nicht abgedeckt."),
    },
    # (candidate_id, criterion rank, stage index, interviewer) -> evidence written by hand
    "overrides": {
        ("B07", 4, 1, "Katrin Vogel"): "Nur kurz angesprochen: nennt einen Monatsbericht mit Reichweite und "
                                       "Engagement-Rate. Für Nachfragen blieb keine Zeit.",
        ("B05", 1, 1, "Katrin Vogel"): "Hat Redaktionspläne gefüllt, den Quartalsplan selbst aber nie aufgestellt; "
                                       "Ziele kamen von der Agentur.",
        ("B03", 1, 1, "Deniz Aydın"): "Quartalsplan im Case mit Zielen, Zielgruppen, Kanälen und Reporting-Rhythmus; "
                                      "hat genau das im letzten Job zwei Jahre verantwortet.",
    },
}

_STOCKHOLM = {
    "slug": "stockholm-ux-designer",
    "role": {
        "role": "UX-designer", "requisition": "STH-2026-007", "department": "Digitala tjänster",
        "hiring_manager": "Karin Lindqvist", "country": "SE", "language": "sv", "response_target_days": 5,
        "decided_on": "2026-03-10", "scale": "1-5", "company": "Saltsjö Resor AB",
        "sender_name": "Karin Lindqvist", "sender_title": "Designchef", "role_en": "UX designer", "sender_title_en": "Head of Design",
    },
    # the names in English letters (Daniel Kowalski applied in English): criterion_en on the Criteria sheet
    "criterion_names": {"en": {"Användarresearch": "User research", "Interaktionsdesign": "Interaction design",
                               "Tillgänglighet": "Accessibility", "Designsystem": "Design systems", "Teamkänsla": "Team spirit"}},
    "stages": (("Första intervju", ("Sara Nyström", "Karin Lindqvist")),
               ("Caseintervju", ("Karin Lindqvist", "Erik Johansson", "Amira Haddad", "Sara Nyström"))),
    "criteria": [
        ("Användarresearch", 1, 30, True, 3,
         "Planera och genomföra intervjuer, användbarhetstester och enkäter, och omsätta insikterna i designbeslut.",
         "Plan and run a small study of your own – five user interviews or usability tests – and present what you "
         "learned and which design decisions it changed.",
         "Planen Sie eine kleine eigene Studie mit fünf Nutzerinterviews oder Usability-Tests, führen Sie sie durch "
         "und stellen Sie vor, was Sie gelernt haben und welche Designentscheidungen sich dadurch geändert haben.",
         "Planera och genomför en egen liten studie – fem användarintervjuer eller användbarhetstester – och "
         "presentera vad du har lärt dig och vilka designbeslut det har lett till."),
        ("Interaktionsdesign", 2, 25, True, 3,
         "Skissa flöden och gränssnitt, ta fram klickbara prototyper och kunna motivera sina designval.",
         "Redesign one complete flow, such as a booking or a sign-up, as a clickable prototype, and write down why "
         "you chose as you did at the key steps.",
         "Gestalten Sie einen kompletten Ablauf – etwa eine Buchung oder eine Registrierung – als klickbaren "
         "Prototyp neu und halten Sie fest, warum Sie sich an den entscheidenden Stellen so entschieden haben.",
         "Bygg om ett helt flöde, till exempel en bokning eller en registrering, som en klickbar prototyp och skriv "
         "ner varför du valde som du gjorde i de viktigaste stegen."),
        ("Tillgänglighet", 3, 20, False, 3,
         "Designa för alla: kontrast, tangentbordsnavigering, skärmläsare och begripligt språk; god kännedom om "
         "WCAG 2.1.",
         "Review a product you have worked on against WCAG 2.1 AA, fix the three most serious problems and test "
         "the result with a screen reader.",
         "Prüfen Sie ein Produkt, an dem Sie mitgearbeitet haben, anhand der WCAG 2.1 (Konformitätsstufe AA), beheben Sie die drei "
         "gravierendsten Mängel und testen Sie das Ergebnis mit einem Screenreader.",
         "Granska en produkt du har arbetat med utifrån WCAG 2.1 AA, åtgärda de tre allvarligaste bristerna och "
         "testa resultatet med en skärmläsare."),
        ("Designsystem", 4, 15, False, 3,
         "Arbeta i och bidra till ett gemensamt designsystem: komponenter, mönster och dokumentation tillsammans "
         "med utvecklarna.",
         "Contribute one component to a design system all the way: design it with all its states, write the "
         "guidance on when to use it and follow it through with a developer until it ships.",
         "Bringen Sie eine Komponente vollständig in ein Designsystem ein: mit allen Zuständen gestalten, die "
         "Nutzungshinweise schreiben und sie gemeinsam mit der Entwicklung bis zur Auslieferung begleiten.",
         "Bidra med en komponent till ett designsystem hela vägen: designa den med alla lägen, skriv riktlinjerna "
         "för när den ska användas och följ den tillsammans med en utvecklare tills den är i produktion."),
        ("Teamkänsla", 5, 10, False, None,
         "Hur personen skulle fungera hos oss: delar med sig, ger och tar emot återkoppling, håller vad hen lovar.",
         "After your next project, ask two colleagues from other disciplines what it was like to work with you, "
         "and pick one thing to try differently.",
         "Fragen Sie nach Ihrem nächsten Projekt zwei Kolleginnen oder Kollegen aus anderen Disziplinen, wie die "
         "Zusammenarbeit mit Ihnen war, und nehmen Sie sich einen Punkt vor, den Sie anders angehen.",
         "Fråga efter nästa projekt två kollegor med andra yrkesroller hur det var att arbeta med dig, och välj en "
         "sak som du provar att göra annorlunda."),
    ],
    "candidates": [
        ("S01", "Oskar Lindberg", "oskar.lindberg@example.com", "sv", "rejected", "2026-01-26",
         ("2026-02-23", "2026-03-02"), "2026-03-10", "2026-03-19", "email", None, None, None, None,
         "Jämnt och stabilt, men ingen del riktigt i nivå med den vi anställde.",
         "4 4 / 4 4 4 4 | 4 4 / 4 4 4 3 | 4 4 / 4 4 4 4 | 4 4 / 4 4 3 4 | 4 4 / 4 4 4 4"),
        ("S02", "Maja Eriksson", "maja.eriksson@example.net", "sv", "rejected", "2026-01-27",
         ("2026-02-23",), "2026-03-03", "2026-03-04", "email", None, None, None, None,
         "Avböjd efter första intervjun.",
         "2 2 | 2 3 | 2 2 | 3 2 | 3 3"),
        ("S03", "Elin Andersson", "elin.andersson@example.org", "sv", "hired", "2026-01-29",
         ("2026-02-24", "2026-03-03"), "2026-03-10", "2026-03-10", "phone", None, None, None, None,
         "Har tackat ja, börjar den 2026-04-20.",
         "5 4 / 5 5 4 5 | 4 5 / 5 4 5 4 | 4 4 / 4 5 4 4 | 4 4 / 4 4 5 4 | 5 4 / 4 5 5 5"),
        ("S04", "Daniel Kowalski", "daniel.kowalski@example.com", "en", "rejected", "2026-02-02",
         ("2026-02-24", "2026-03-04"), "2026-03-10", "2026-03-18", "form_letter", "2026-03-19", None, None, None,
         "Har bett om återkoppling, inte besvarad än.",
         "2 3 / 2 2 3 2 | 4 4 / 5 4 4 4 | 4 3 / 4 4 4 3 | 4 4 / 4 5 4 4 | 4 4 / 4 4 3 4"),
        ("S05", "Fatima Warsame", "fatima.warsame@example.net", "sv", "rejected", "2026-02-03",
         ("2026-02-25", "2026-03-04"), "2026-03-10", "2026-03-12", "phone", None, None, None, None,
         "Designsystem hann vi knappt prata om; Karin och Erik fick helt olika bild.",
         "4 4 / 4 4 5 4 | 4 3 / 4 3 3 4 | 4 4 / 5 4 4 4 | . . / 2 5 . . | 4 4 / 4 4 4 4"),
        ("S06", "Linnea Holm", "linnea.holm@example.org", "sv", "withdrawn", "2026-02-04",
         ("2026-02-25",), None, None, None, None, None, None, None,
         "Drog tillbaka sin ansökan 2026-03-02, har fått en annan tjänst.",
         "4 4 | 4 3 | 3 3 | 4 4 | 4 4"),
        ("S07", "Johan Berg", "johan.berg@example.com", "sv", "rejected", "2026-02-05",
         ("2026-02-26", "2026-03-05"), "2026-03-10", "2026-03-11", "video", "2026-03-12", "2026-03-13", True,
         "2026-05-04",
         "Mycket nära. Hör av oss när nästa UX-tjänst öppnar; bjud in till vårt designmeetup i april.",
         "4 4 / 4 5 4 4 | 5 5 / 5 5 4 5 | 3 3 / 3 3 3 3 | 4 5 / 5 4 4 5 | 4 4 / 4 4 5 4"),
        ("S08", "Ali Rahimi", "ali.rahimi@example.net", "sv", "rejected", "2026-02-09",
         ("2026-02-27", "2026-03-06"), "2026-03-10", None, None, None, None, None, None,
         "Beskedet är inte lämnat än.",
         "3 3 / 3 4 3 3 | 3 4 / 3 3 4 3 | 3 3 / 3 3 2 3 | 4 3 / 3 3 4 3 | 4 4 / 4 4 4 3"),
        ("S09", "Ebba Sjöberg", "ebba.sjoberg@example.org", "sv", "rejected", "2026-02-10",
         ("2026-02-27", "2026-03-06"), "2026-03-10", "2026-03-16", "video", None, None, None, None,
         None,
         "3 4 / 4 3 4 4 | 3 3 / 3 4 3 3 | 4 4 / 4 4 4 4 | 3 3 / 3 3 3 4 | 4 5 / 4 4 5 4"),
    ],
    "evidence": {
        1: {5: ("Visar en egen intervjustudie från rekrytering av deltagare till syntes, med tydlig koppling till "
                "besluten.",
                "Resonerar skarpt om val av metod och urval i caset."),
            4: ("Har gjort användbarhetstester på egen hand; bra syntes men lite tunn på prioritering.",
                "Bra exempel på insikter som ändrade ett bokningsflöde.",
                "Har planerat och lett kundintervjuer; analysen är strukturerad."),
            3: ("Har mest deltagit i research som andra har lett; förstår metoderna.",
                "Rimlig testplan i caset, men otydligt vad som ska mätas.",
                "Kan beskriva metoderna men har få egna exempel på genomförd research."),
            2: ("Ingen egen research; designbesluten motiveras med egen erfarenhet.",
                "Blandar ihop intervju och test i caset, svag på urval.")},
        2: {5: ("Stark portfolio: bokningsflöde i tre iterationer, varje steg väl motiverat.",
                "Löser caset elegant; prototypen går att klicka igenom efter 20 minuter."),
            4: ("Tydliga flöden och bra prototyper, motiverar valen väl.",
                "Bra i caset, några kantfall saknas.",
                "Genomtänkt flöde i caset, bra resonemang om felhantering."),
            3: ("Snygga skisser, men svårt att följa resonemanget bakom flödet.",
                "Prototypen täcker bara huvudflödet.",
                "Flödet fungerar, men motiveringarna stannar vid tycke och smak."),
            2: ("Portfolion är mest visuell design, lite interaktion.",
                "Caset stannar vid skisser, inget sammanhängande flöde.")},
        3: {5: ("Har drivit tillgänglighetsarbetet i ett designsystem och testar själv med skärmläsare.",
                "Hittar direkt kontrast- och fokusproblem i caset och föreslår lösningar."),
            4: ("God koll på WCAG, exempel från eget arbete.",
                "Tänker på tangentbordsnavigering och kontrast utan att vi frågar.",
                "Nämner skärmläsartester och begripligt språk som en självklar del av arbetet."),
            3: ("Känner till WCAG men har inte arbetat aktivt med det.",
                "Tar upp kontrast när vi frågar, i övrigt inte.",
                "Kontrast och textstorlek finns med, tangentbord och skärmläsare inte."),
            2: ("Tillgängligheten har skötts av utvecklarna; osäker på grunderna.",
                "Missar i caset att formuläret inte går att använda med tangentbord.")},
        4: {5: ("Har byggt upp komponentbiblioteket i Figma och dokumentationen tillsammans med frontend.",
                "Mycket konkret om hur komponenter versioneras och förvaltas."),
            4: ("Van att arbeta i ett designsystem och har bidragit med egna komponenter.",
                "Bra samarbete med utvecklare kring komponenter.",
                "Har dokumenterat komponenter och skrivit riktlinjer för hur de används."),
            3: ("Har använt ett designsystem men inte bidragit till det.",
                "Förstår nyttan, få egna exempel.",
                "Har följt ett befintligt system; osäker på hur nya mönster kommer in i det."),
            2: ("Ingen erfarenhet av designsystem; designar varje vy för sig.",
                "Oklart hur designen lämnas över till utvecklingen.")},
        5: {5: ("Ger och tar emot återkoppling på ett fint sätt i caset; nyfiken på hur vi arbetar.",
                "Berättar konkret om hur hen har stöttat juniora kollegor."),
            4: ("Lätt att prata med, bra exempel på samarbete med produktägare.",
                "Lyssnar in frågorna och bygger vidare på dem.",
                "Bjuder in till diskussion i caset och tar till sig invändningar."),
            3: ("Beskriver mest sitt eget arbete, lite om teamet.",
                "Trevlig men något avvaktande i diskussionen.",
                "Mest fokus på egna lösningar, lite om hur teamet fattar beslut."),
            2: ("Tar lite hänsyn till invändningar i caset.",
                "Otydligt hur hen samarbetar med andra roller.")},
        "na": ("Hann inte tas upp.", "Togs inte upp i intervjun."),
    },
    "overrides": {
        ("S05", 4, 1, "Karin Lindqvist"): "Kunde inte visa något eget arbete i ett designsystem; svaren blev allmänna.",
        ("S05", 4, 1, "Erik Johansson"): "Berättar detaljerat om komponentbiblioteket hen byggde med frontend på "
                                         "förra jobbet.",
        ("S07", 3, 1, "Amira Haddad"): "Känner till WCAG men har inte testat med skärmläsare; missade fokusordningen "
                                       "i caset.",
        ("S03", 1, 1, "Amira Haddad"): "Har själv lett en intervjustudie med tolv resenärer och visar hur den "
                                       "ändrade ombokningsflödet.",
    },
}

_MANCHESTER = {
    "slug": "manchester-data-analyst",
    "role": {
        "role": "Data Analyst", "requisition": "MAN-DA-0326", "department": "Customer Insights",
        "hiring_manager": "Priya Shah", "country": "GB", "language": "en", "response_target_days": 3,
        "decided_on": "2026-03-13", "scale": "1-5", "company": "Irwell Home Energy Ltd",
        "sender_name": "Priya Shah", "sender_title": "Head of Customer Insights",
    },
    "stages": (("Screening", ("Ben Hughes", "Tom Gallagher")),
               ("Panel", ("Priya Shah", "Tom Gallagher", "Grace Okafor"))),
    "criteria": [
        ("SQL and data preparation", 1, None, True, 3,
         "Writing correct, readable SQL; joining, cleaning and reshaping messy data before the analysis starts.",
         "Take a messy public data set, clean and model it in SQL, and publish the queries with a short note on "
         "each decision you made.",
         "Nehmen Sie sich einen öffentlichen, noch unbereinigten Datensatz vor, bereinigen und modellieren Sie ihn mit "
         "SQL und veröffentlichen Sie die Abfragen mit einer kurzen Begründung für jede Entscheidung.",
         "Ta ett rörigt öppet dataset, rensa och modellera det i SQL och publicera SQL-frågorna med en kort "
         "motivering till varje val du har gjort."),
        ("Statistical reasoning", 2, None, False, 3,
         "Choosing sound methods, knowing the limits of the data and not over-reading noise: sampling, "
         "significance, confounders.",
         "Re-analyse an A/B test or a before-and-after comparison you know well, check it for confounders and "
         "sample size, and write up what the data can and cannot tell you.",
         "Analysieren Sie einen A/B-Test oder einen Vorher-nachher-Vergleich, den Sie gut kennen, noch einmal: "
         "Prüfen Sie Störfaktoren und Stichprobengröße und schreiben Sie auf, was die Daten aussagen können und "
         "was nicht.",
         "Gör om analysen av ett A/B-test eller en före-och-efter-jämförelse som du känner väl, granska "
         "störfaktorer och urvalsstorlek och skriv ner vad data kan och inte kan säga."),
        ("Communicating insights", 3, None, False, 3,
         "Turning an analysis into a clear recommendation for people who are not analysts, in writing and in person.",
         "Present one analysis to a non-technical audience in five minutes – one chart, one recommendation – and ask "
         "them afterwards what they would do differently because of it.",
         "Stellen Sie eine Analyse in fünf Minuten einem Publikum ohne Datenhintergrund vor – ein Diagramm, eine "
         "Empfehlung – und fragen Sie danach, was die Zuhörenden deshalb anders machen würden.",
         "Presentera en analys på fem minuter för personer utan analysbakgrund – ett diagram, en rekommendation – "
         "och fråga efteråt vad de skulle göra annorlunda tack vare den."),
        ("Data visualisation", 4, None, False, 3,
         "Choosing the right chart and building dashboards people actually use (Power BI or Tableau), honest and "
         "easy to read.",
         "Rebuild a dashboard you use at work so that it answers three named questions, remove everything else, and "
         "ask two regular users whether it helps.",
         "Bauen Sie ein Dashboard, das Sie bei der Arbeit nutzen, so um, dass es drei klar benannte Fragen "
         "beantwortet, lassen Sie alles andere weg und fragen Sie zwei Personen, die es regelmäßig nutzen, ob es ihnen hilft.",
         "Bygg om en dashboard som du använder i jobbet så att den svarar på tre namngivna frågor, ta bort allt "
         "annat och fråga två personer som använder den ofta om den hjälper dem."),
        ("Team fit", 5, None, False, None,
         "How they would work with us: open to feedback, shares knowledge, reliable with commitments, calm under "
         "pressure.",
         "Offer to pair with a colleague on a piece of analysis and ask them afterwards for honest feedback on how "
         "you worked together.",
         "Bieten Sie an, eine Analyse gemeinsam mit einer Kollegin oder einem Kollegen zu erstellen, und bitten Sie "
         "danach um eine ehrliche Rückmeldung zur Zusammenarbeit.",
         "Erbjud dig att göra en analys tillsammans med en kollega och be efteråt om ärlig återkoppling på hur "
         "samarbetet fungerade."),
    ],
    "candidates": [
        ("M01", "Kwame Mensah", "kwame.mensah@example.com", "en", "rejected", "2026-02-02",
         ("2026-02-23", "2026-03-09"), "2026-03-13", "2026-03-18", "email", None, None, None, None,
         "Consistently good, nothing weak, just not at Aisha's level anywhere.",
         "4 4 / 4 4 4 | 4 4 / 4 4 3 | 4 4 / 4 4 4 | 4 4 / 4 3 4 | 4 4 / 4 4 4"),
        ("M02", "Harriet Clarke", "harriet.clarke@example.net", "en", "rejected", "2026-02-03",
         ("2026-02-23",), "2026-03-02", "2026-03-12", "form_letter", None, None, False, None,
         "Not progressed after screening.",
         "2 2 | 2 3 | 3 3 | 2 2 | 3 3"),
        ("M03", "Jack Thompson", "jack.thompson@example.org", "en", "rejected", "2026-02-04",
         ("2026-02-24", "2026-03-02"), "2026-03-04", "2026-03-13", "letter", None, None, None, None,
         "Decided after the first panel day so the slot could be released; letter went out late.",
         "3 3 / 3 3 4 | 3 3 / 3 2 3 | 3 4 / 3 3 3 | 4 3 / 3 4 3 | 4 4 / 4 3 4"),
        ("M04", "Aisha Rahman", "aisha.rahman@example.com", "en", "hired", "2026-02-05",
         ("2026-02-24", "2026-03-09"), "2026-03-13", "2026-03-13", "phone", None, None, None, None,
         "Offer accepted on 2026-03-16.",
         "5 4 / 5 5 5 | 4 4 / 5 4 4 | 4 5 / 5 5 4 | 4 4 / 4 4 5 | 4 5 / 5 4 5"),
        ("M05", "Sana Iqbal", "sana.iqbal@example.net", "en", "rejected", "2026-02-06",
         ("2026-02-25", "2026-03-10"), "2026-03-13", "2026-03-17", "email", "2026-03-18", None, None, None,
         "Asked for feedback on 2026-03-18; reply still to do.",
         "2 3 / 2 3 2 | 4 4 / 4 5 4 | 5 4 / 5 4 5 | 4 4 / 4 4 4 | 4 4 / 5 4 4"),
        ("M06", "Liam O'Connor", "liam.oconnor@example.org", "en", "withdrawn", "2026-02-09",
         ("2026-02-25",), None, None, None, None, None, None, None,
         "Withdrew on 2026-03-03 after accepting a counter-offer.",
         "4 4 | 4 3 | 3 4 | 4 4 | 4 4"),
        ("M07", "Callum Murphy", "callum.murphy@example.com", "en", "rejected", "2026-02-10",
         ("2026-02-26", "2026-03-10"), "2026-03-13", "2026-03-16", "phone", "2026-03-16", "2026-03-17", True,
         "2026-06-15",
         "Very close second. Strong SQL and dashboards; invite to the June analytics meetup and call when the "
         "BI developer role opens.",
         "5 5 / 5 5 4 | 3 3 / 3 3 3 | 4 4 / 4 5 4 | 5 4 / 5 5 4 | 5 4 / 4 5 5"),
        ("M08", "Chloe Evans", "chloe.evans@example.net", "en", "rejected", "2026-02-11",
         ("2026-02-26", "2026-03-11"), "2026-03-13", "2026-03-17", "video", None, None, None, None,
         "Statistics barely came up in either interview; only Tom scored it.",
         "4 4 / 4 3 4 | . . / . 4 . | 4 4 / 4 4 4 | 3 4 / 4 3 4 | 4 4 / 4 4 4"),
        ("M09", "Wiktoria Nowak", "wiktoria.nowak@example.com", "en", "rejected", "2026-02-12",
         ("2026-02-27", "2026-03-11"), "2026-03-13", None, None, None, None, None, None,
         "Still to be told.",
         "4 4 / 4 3 4 | 3 4 / 4 3 4 | 3 3 / 3 4 3 | 4 4 / 4 5 4 | 4 4 / 4 4 3"),
    ],
    "evidence": {
        1: {5: ("Take-home SQL clean and well commented; handled the duplicate meter readings without prompting.",
                "Talked through window functions and CTEs with ease; spotted the join fan-out in our example."),
            4: ("Solid SQL in the exercise; one join needed a nudge.",
                "Good examples of cleaning billing data in the current job.",
                "Clean queries with sensible CTEs; missed one edge case with null tariffs."),
            3: ("Gets to the right answer, but the queries are hard to follow and there are no checks.",
                "Comfortable with basic joins, less so with aggregation over time windows.",
                "Worked through the exercise slowly, checking joins by trial and error."),
            2: ("Struggled with the join in the exercise; relies on spreadsheets for cleaning.",
                "Could not explain how to deduplicate the customer table.")},
        2: {5: ("Spotted the seasonality in the tariff-switch data straight away and proposed a sensible "
                "comparison group.",
                "Explained confidence intervals to a non-specialist clearly and correctly."),
            4: ("Good instinct for confounders; a little unsure on sizing a test.",
                "Reasoned well about the churn case and asked the right questions about the sample.",
                "Sensible about sample sizes; suggested a holdout group unprompted."),
            3: ("Knows the terms; ran a t-test without checking whether it fitted the data.",
                "Read a lot into a small uplift in the case study.",
                "Describes significance correctly, less sure how to apply it to our data."),
            2: ("Treated correlation as cause in the churn case.",
                "Unsure how to tell whether a difference was meaningful.")},
        3: {5: ("Led with the recommendation and the cost of doing nothing; answered challenges calmly.",
                "Rewrote the insight for the customer-service lead in plain English on the spot."),
            4: ("Clear presentation, good structure; a little long on method.",
                "Checked what the audience needed before answering.",
                "Summarised the findings in three clear points for the panel."),
            3: ("Accurate, but the key point was buried on slide six.",
                "Explained the method well, the 'so what' less so.",
                "Answered questions well, but the written summary was hard to skim."),
            2: ("The presentation was a tour of the data with no recommendation.",
                "Answers to stakeholder questions were hard to follow.")},
        4: {5: ("Portfolio dashboard is excellent: clear hierarchy, honest axes, annotated.",
                "Built a Power BI report the operations team uses every week; showed the usage figures."),
            4: ("Good chart choices; the dashboard is a bit crowded.",
                "Confident in Tableau and explained the design choices well.",
                "Sound chart choices; explained why a table beat a chart for one question."),
            3: ("Dashboards work, but default styling and too many charts per page.",
                "Chose a pie chart for a trend question; fixed it when asked.",
                "Readable visuals, but no clear message on each page."),
            2: ("Little experience beyond Excel charts.",
                "The dual-axis chart in the take-home was misleading.")},
        5: {5: ("Asked thoughtful questions about how the team reviews each other's work; good mentoring examples.",
                "Took feedback in the exercise debrief well and built on it."),
            4: ("Easy to talk to; good examples of working with engineering.",
                "Collaborative in the panel discussion.",
                "Built on the panel's questions rather than defending a first answer."),
            3: ("Mostly described solo work.",
                "Pleasant, a little guarded when challenged.",
                "Polite and clear; few examples of working across teams."),
            2: ("Dismissive of the stakeholder in the role-play.",
                "Little evidence of working with others.")},
        "na": ("Ran out of time; not covered.", "Not discussed in this interview."),
    },
    "overrides": {
        ("M08", 2, 1, "Tom Gallagher"): "Only touched on it briefly: sensible comment on sample size in the churn "
                                        "case, no time to probe further.",
        ("M07", 2, 1, "Priya Shah"): "Took the uplift in the case at face value; did not ask about seasonality "
                                     "or the comparison group.",
        ("M04", 1, 1, "Grace Okafor"): "Best take-home we received: checked every join against row counts and "
                                       "documented the cleaning rules.",
    },
}

_CURATED = (_BERLIN, _STOCKHOLM, _MANCHESTER)


def _parse_scores(text: str, n_criteria: int) -> list[list[list[float | None]]]:
    """criterion -> stage -> interviewer scores (None = blank)."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) != n_criteria:
        raise ValueError(f"expected {n_criteria} criteria in {text!r}")
    return [[[None if s == "." else float(s) for s in stage.split()] for stage in part.split("/")] for part in parts]


def _curated_round(spec: dict) -> dict:
    criteria_cols = ["criterion", "rank", "weight", "must_have", "bar", "description",
                     "growth_tip", "growth_tip_de", "growth_tip_sv"]
    criteria = pd.DataFrame(spec["criteria"], columns=criteria_cols)
    names = list(criteria["criterion"])
    for lang, translated in spec.get("criterion_names", {}).items():
        criteria[f"criterion_{lang}"] = [translated.get(name) for name in names]
    candidates, scores = [], []
    for (cid, name, email, language, status, applied, interviews, decided, notified, channel,
         requested, sent, stay, follow_up, notes, score_text) in spec["candidates"]:
        grid = _parse_scores(score_text, len(names))
        n_stages = len(grid[0])
        used: dict[tuple, int] = {}
        candidates.append({
            "candidate_id": cid, "name": name, "email": email, "language": language, "status": status,
            "stage_reached": spec["stages"][n_stages - 1][0], "applied_on": applied,
            "last_interview_on": interviews[n_stages - 1], "decided_on": decided, "notified_on": notified,
            "channel": channel, "feedback_requested_on": requested, "feedback_sent_on": sent,
            "stay_in_touch": stay, "follow_up_on": follow_up, "notes": notes,
        })
        for stage_index in range(n_stages):
            stage, interviewers = spec["stages"][stage_index]
            for rank, criterion in enumerate(names, 1):
                stage_scores = grid[rank - 1][stage_index]
                if len(stage_scores) != len(interviewers):
                    raise ValueError(f"{cid} {criterion} {stage}: {len(stage_scores)} scores for "
                                     f"{len(interviewers)} interviewers")
                for interviewer, score in zip(interviewers, stage_scores):
                    key = (rank, "na" if score is None else int(score))
                    bank = spec["evidence"]["na"] if score is None else spec["evidence"][rank][int(score)]
                    k = used.get(key, 0)
                    used[key] = k + 1
                    # each note once per candidate and criterion; when the notes run out, the
                    # interviewer agreed with what is already written and left evidence blank
                    evidence = bank[k] if k < len(bank) else None
                    evidence = spec["overrides"].get((cid, rank, stage_index, interviewer), evidence)
                    scores.append({
                        "candidate_id": cid, "interviewer": interviewer, "criterion": criterion, "score": score,
                        "stage": stage, "interviewed_on": interviews[stage_index], "evidence": evidence,
                    })
    role = dict(spec["role"])
    role["decided_on"] = dt.date.fromisoformat(role["decided_on"])
    return _round_tables(role, criteria, candidates, scores)


def curated_rounds() -> dict[str, dict]:
    """The three hand-written sample rounds by slug, each ``{"role", "criteria", "candidates", "scores"}``.

    ``berlin-social-media-lead`` (DE, de, weights from rank), ``stockholm-ux-designer``
    (SE, sv, weights given 30/25/20/15/10) and ``manchester-data-analyst`` (GB, en,
    weights from rank). Who wins, who is runner-up, whose evidence is thin and who was
    told when is documented in ``data/sample/README.md``.
    """
    return {spec["slug"]: _curated_round(spec) for spec in _CURATED}


def write_curated(out_dir, *, overwrite: bool = True) -> list[Path]:
    """Write the curated rounds as ``<out_dir>/<slug>.xlsx`` and return the paths (replaces them by default)."""
    folder = Path(out_dir)
    os.makedirs(folder, exist_ok=True)
    return [write_scorecard_workbook(folder / f"{slug}.xlsx", **tables, overwrite=overwrite)
            for slug, tables in curated_rounds().items()]
