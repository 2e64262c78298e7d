"""Properties of the loader on random rounds (hypothesis).

- A valid round written by `scorecard_workbook_bytes` loads back unchanged:
  every value of every table, the role, and the weights.
- Row accounting always balances, however the cells are corrupted: per sheet
  read = loaded + quarantined, the quarantined rows are exactly the rows
  listed in ``rejected_rows``, loaded and quarantined rows are the rows read
  (by Excel row number, each once), and read + rows left out with a warning
  (totals, notes) = the non-blank rows written. The same holds for a CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
from toolkit.readers.excel import EXCEL_ERRORS
from toolkit.readers.headers import NOTE_WORDS, TOTAL_WORDS
from toolkit.workbook import scorecard_workbook_bytes

AS_OF = "2027-01-01"
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
STATUSES = ("hired", "offered", "rejected", "withdrawn", "pending")
CHANNELS = ("phone", "video", "in_person", "email", "letter", "form_letter")


def _plain_text(value: str) -> bool:
    """Text a committee could type that every reader keeps exactly as typed."""
    first = re.split(r"[^\w]+", value.casefold(), maxsplit=1)[0]
    return (value == value.strip() and value != "" and unicodedata.normalize("NFC", value) == value
            and value not in EXCEL_ERRORS
            and first not in TOTAL_WORDS and first not in NOTE_WORDS and value[0] not in "*¹²³†øØ"
            and value.casefold() not in ("nan", "none", "null", "n/a", "na"))


letters = st.characters(categories=["Lu", "Ll", "Lo", "Nd"], exclude_characters="ºª")
word = st.text(letters, min_size=1, max_size=8)
words = st.lists(word, min_size=1, max_size=3).map(" ".join).filter(_plain_text)
# free text (evidence, notes): any printable character, including '=', '+', '@', quotes, RTL and emoji
free_text = st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="\u00a0"), min_size=1,
                    max_size=60).map(lambda s: unicodedata.normalize("NFC", s).strip()).filter(_plain_text)
days = st.integers(min_value=0, max_value=400)
BASE = dt.date(2025, 6, 2)
ROUND_DECIDED = BASE + dt.timedelta(days=500)  # after the last interview any candidate can have (BASE + 460)


@st.composite
def rounds(draw):
    """A valid round as plain tables, and what each loaded table must hold."""
    n_crit = draw(st.integers(1, 5))
    crit_names = draw(st.lists(words, min_size=n_crit, max_size=n_crit, unique_by=lambda s: unicodedata.normalize("NFC", s).casefold()
                               .replace(" ", "")))
    weights = draw(st.one_of(st.none(), st.lists(st.integers(1, 100), min_size=n_crit, max_size=n_crit)))
    criteria = pd.DataFrame({
        "criterion": crit_names,
        "rank": draw(st.permutations(range(1, n_crit + 1))),
        "weight": weights if weights else [None] * n_crit,
        "must_have": draw(st.lists(st.booleans(), min_size=n_crit, max_size=n_crit)),
        "bar": draw(st.lists(st.sampled_from([None, 2, 3, 3.5]), min_size=n_crit, max_size=n_crit)),
        "description": draw(st.lists(st.one_of(st.none(), free_text), min_size=n_crit, max_size=n_crit)),
    })
    n_cand = draw(st.integers(1, 6))
    ids = draw(st.lists(st.one_of(st.from_regex(r"[A-Z]{1,2}-?[0-9]{1,4}", fullmatch=True), words), min_size=n_cand, max_size=n_cand,
                        unique_by=str.casefold).filter(lambda xs: all(_plain_text(x) for x in xs)))
    rows = []
    for cid in ids:
        applied = BASE + dt.timedelta(days=draw(days))
        last = applied + dt.timedelta(days=draw(st.integers(0, 60)))
        decided = draw(st.one_of(st.none(), st.integers(0, 30).map(lambda d: last + dt.timedelta(days=d))))
        # a blank decided_on means the round's (ROUND_DECIDED, after every interview): only those decided were told
        notified = draw(st.one_of(st.none(), st.integers(0, 20).map(lambda d: decided + dt.timedelta(days=d)))) if decided else None
        requested = draw(st.one_of(st.none(), st.integers(0, 10).map(lambda d: (notified or last) + dt.timedelta(days=d))))
        sent = draw(st.one_of(st.none(), st.integers(0, 10).map(lambda d: requested + dt.timedelta(days=d)))) if requested else None
        rows.append({
            "candidate_id": cid, "name": draw(words), "email": draw(st.one_of(st.none(), st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}@example\.org",
                                                                                                        fullmatch=True))),
            "language": draw(st.sampled_from([None, "en", "de", "sv"])), "status": draw(st.sampled_from(STATUSES)),
            "applied_on": applied, "last_interview_on": last, "decided_on": decided, "notified_on": notified,
            "channel": draw(st.sampled_from(CHANNELS)) if notified else None,
            "feedback_requested_on": requested, "feedback_sent_on": sent,
            "stay_in_touch": draw(st.sampled_from([None, True, False])), "notes": draw(st.one_of(st.none(), free_text)),
        })
    candidates = pd.DataFrame(rows)
    interviewers = draw(st.lists(words, min_size=1, max_size=3, unique=True))
    stages = draw(st.sampled_from([[None], ["Screening"], ["Screening", "Panel"]]))
    score_rows = []
    for cid in ids:
        for stage in stages:
            for who in interviewers:
                for crit in crit_names:
                    if draw(st.integers(0, 9)) == 0:
                        continue  # not every interviewer covers every criterion
                    score_rows.append({"candidate_id": cid, "interviewer": who, "criterion": crit,
                                       "score": draw(st.sampled_from([None, 1, 1.5, 2, 2.25, 3, 3.5, 4, 4.75, 5])), "stage": stage,
                                       "interviewed_on": BASE + dt.timedelta(days=draw(days)),
                                       "evidence": draw(st.one_of(st.none(), free_text))})
    scores = pd.DataFrame(score_rows, columns=["candidate_id", "interviewer", "criterion", "score", "stage", "interviewed_on", "evidence"])
    role = {"role": draw(words), "department": draw(st.one_of(st.none(), words)), "country": draw(st.sampled_from(["GB", "DE", "SE"])),
            "language": draw(st.sampled_from(["en", "de", "sv"])), "response_target_days": draw(st.integers(0, 10)),
            "decided_on": ROUND_DECIDED, "scale": "1-5", "company": draw(st.one_of(st.none(), free_text))}
    return role, criteria, candidates, scores


def _cells(series: pd.Series) -> list:
    """Loaded values as plain Python: missing -> None, dates -> date, numbers -> float, flags -> bool."""
    out = []
    for v in series.astype(object).tolist():
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
            out.append(None)
        elif isinstance(v, pd.Timestamp):
            out.append(v.date())
        elif isinstance(v, bool):
            out.append(v)
        elif isinstance(v, (int, float)):
            out.append(float(v))
        else:
            out.append(str(v))
    return out


def _written(values) -> list:
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and v != v):
            out.append(None)
        elif isinstance(v, bool):
            out.append(v)
        elif isinstance(v, (int, float)):
            out.append(float(v))
        else:
            out.append(v)
    return out


@SETTINGS
@given(rounds())
def test_a_valid_round_survives_the_workbook_writer_and_loader_unchanged(tmp_path, tables):
    role, criteria, candidates, scores = tables
    path = tmp_path / "round.xlsx"
    path.write_bytes(scorecard_workbook_bytes(role, criteria, candidates, scores))
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert rnd.errors.empty, rnd.errors[["location", "message"]].to_string()

    loaded = rnd.candidates.sort_values("source_row")
    for col in candidates.columns:
        expected = _written(candidates[col].tolist())
        if col == "language":  # a blank language is the round's
            expected = [v or role["language"] for v in expected]
        assert _cells(loaded[col]) == expected, col
    loaded = rnd.scores.sort_values("source_row")
    for col in scores.columns:
        assert _cells(loaded[col].astype(object)) == _written(scores[col].tolist()), col
    by_name = rnd.criteria.set_index("criterion")
    for col in ("rank", "must_have", "bar", "description"):
        assert _cells(by_name.loc[criteria["criterion"], col]) == _written(criteria[col].tolist()), col
    n = len(criteria)
    given_weights = criteria["weight"].tolist()
    if given_weights[0] is not None:
        expected_weights = [w / sum(given_weights) for w in given_weights]
    else:
        expected_weights = [(n + 1 - r) / (n * (n + 1) / 2) for r in criteria["rank"]]
    assert [round(w, 12) for w in by_name.loc[criteria["criterion"], "weight"]] == [round(w, 12) for w in expected_weights]
    assert rnd.role.role == role["role"] and rnd.role.company == role["company"] and rnd.role.department == role["department"]
    assert (rnd.role.country, rnd.role.language, rnd.role.response_target_days, rnd.role.decided_on) == (
        role["country"], role["language"], role["response_target_days"], role["decided_on"])


# -- corruption: whatever the cells hold, every row is accounted for ------------------------------------

JUNK = st.one_of(
    st.sampled_from(["", " ", "\u00a0", "n/a", "NaN", "inf", "-1", "1e400", "#DIV/0!", "#REF!", "#N/A", "=1+1", "+49 30", "@x", "-",
                     "yes", "nein", "31.02.2026", "2026-13-01", "13/03/2026", "March 3, 2026", "next week", "Total", "Summe",
                     "Note: see below", "★★★", "4/5", "gut", "C1", "Sam", "SQL", "hired", "x" * 300, "Zoe\u0308", "\u202eevil"]),
    st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
    st.booleans(),
    st.none(),
    free_text,
)


def _corrupt(draw, frame: pd.DataFrame, share: int) -> pd.DataFrame:
    frame = frame.astype(object).copy()
    for i in range(len(frame)):
        for c in frame.columns:
            if draw(st.integers(0, 99)) < share:
                frame.iat[i, frame.columns.get_loc(c)] = draw(JUNK)
    return frame


@st.composite
def corrupted(draw):
    role, criteria, candidates, scores = draw(rounds())
    share = draw(st.sampled_from([5, 20, 60]))
    return role, _corrupt(draw, criteria, share), _corrupt(draw, candidates, share), _corrupt(draw, scores, share)


def _is_blank(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.replace("\u00a0", " ").strip())


def _balanced(rnd, written: dict[str, list[int]]) -> None:
    """Every sheet's rows are loaded, quarantined or left out with a warning; none twice, none lost."""
    excluded = {}
    for e in rnd.details.get("excluded_rows") or []:
        excluded.setdefault(e["sheet"], set()).add(int(e["row"]))
    counts = {r.sheet: (int(r.read), int(r.loaded), int(r.quarantined)) for r in rnd.row_counts.itertuples()}
    table = {"Criteria": rnd.criteria, "Candidates": rnd.candidates, "Scores": rnd.scores}
    for sheet, rows in written.items():
        read, loaded, quarantined = counts[sheet]
        assert read == loaded + quarantined, sheet
        rejected = rnd.rejected_rows.loc[rnd.rejected_rows["sheet"] == sheet, "row"].astype(int).tolist()
        assert len(rejected) == quarantined and all(isinstance(r, str) and r for r in
                                                      rnd.rejected_rows.loc[rnd.rejected_rows["sheet"] == sheet, "reason"])
        kept = table[sheet]["source_row"].astype(int).tolist()
        assert len(kept) == loaded
        seen = kept + rejected + sorted(excluded.get(sheet, ()))
        assert sorted(seen) == sorted(set(seen)), f"{sheet}: a row counted twice"
        assert set(seen) == set(rows), f"{sheet}: rows {sorted(set(rows) - set(seen))} lost, {sorted(set(seen) - set(rows))} invented"


@SETTINGS
@given(corrupted())
def test_row_accounting_balances_however_the_cells_are_corrupted(tmp_path, tables):
    role, criteria, candidates, scores = tables
    path = tmp_path / "corrupted.xlsx"
    path.write_bytes(scorecard_workbook_bytes(role, criteria, candidates, scores))
    rnd = toolkit.load_round(path, as_of=AS_OF)  # a workbook of the right shape always loads, whatever its cells hold

    def nonblank(frame):  # Excel rows that hold anything (a row written all blank is no row)
        return [i + 2 for i, row in enumerate(frame.itertuples(index=False)) if not all(_is_blank(v) for v in row)]

    _balanced(rnd, {"Criteria": nonblank(criteria), "Candidates": nonblank(candidates), "Scores": nonblank(scores)})
    assert rnd.problems["location"].str.len().gt(0).all() and rnd.errors["message"].str.len().gt(0).all()


@SETTINGS
@given(corrupted())
def test_row_accounting_balances_for_a_corrupted_csv_export(tmp_path, tables):
    """A long CSV (one row per score, names and status beside it) with corrupted cells: no row lost either."""
    role, criteria, candidates, scores = tables
    names = dict(zip(candidates["candidate_id"].map(str), candidates["name"]))
    status = dict(zip(candidates["candidate_id"].map(str), candidates["status"]))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["candidate_id", "name", "status", "interviewer", "criterion", "score", "stage"])
    written = []
    for i, r in enumerate(scores.itertuples(index=False)):
        cells = [r.candidate_id, names.get(str(r.candidate_id), ""), status.get(str(r.candidate_id), ""), r.interviewer, r.criterion,
                 r.score, r.stage]
        cells = ["" if _is_blank(v) else str(v) for v in cells]
        writer.writerow(cells)
        if any(c.strip() for c in cells):
            written.append(i + 2)
    if not written:
        return  # a file without data rows is refused as a whole (tested in the corpus)
    path = tmp_path / "export.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    try:
        rnd = toolkit.load_round(path, as_of=AS_OF)
    except toolkit.ToolkitError as exc:  # the file as a whole may not read as scores (no header found ...): said, not lost
        assert str(path) in str(exc) and exc.hint
        return
    read, loaded, quarantined = (int(x) for x in rnd.row_counts.set_index("sheet").loc["Scores", ["read", "loaded", "quarantined"]])
    assert read == loaded + quarantined
    rejected = rnd.rejected_rows.loc[rnd.rejected_rows["sheet"] == "Scores", "row"].astype(int).tolist()
    excluded = [int(e["row"]) for e in rnd.details.get("excluded_rows") or []]
    seen = rnd.scores["source_row"].astype(int).tolist() + rejected + excluded
    assert len(rejected) == quarantined and sorted(seen) == sorted(set(seen))
    assert set(seen) == set(written), f"rows {sorted(set(written) - set(seen))} lost"


def test_what_the_generated_text_avoids_is_read_by_a_documented_rule_never_dropped(tmp_path):
    """The filter in `_plain_text` leaves out values the readers treat specially; such a value is reported, not lost:
    a criterion called "Total" makes its row a totals row, left out with a warning naming the row, while a candidate
    whose name starts with "Sum" is still a candidate (their id names them)."""
    criteria = pd.DataFrame({"criterion": ["SQL", "Total"], "rank": [1, 2]})
    candidates = pd.DataFrame({"candidate_id": ["C1", "C2"], "name": ["Ada Lovelace", "Sum Wing"], "status": ["hired", "rejected"]})
    scores = pd.DataFrame({"candidate_id": ["C1", "C2"], "interviewer": ["Sam", "Sam"], "criterion": ["SQL", "SQL"], "score": [4, 3]})
    path = tmp_path / "total.xlsx"
    path.write_bytes(scorecard_workbook_bytes({"role": "Analyst"}, criteria, candidates, scores))
    rnd = toolkit.load_round(path, as_of=AS_OF)
    left_out = rnd.problems[rnd.problems["rule"] == "excluded_row"]
    assert left_out["message"].tolist() == ["row 3 is a totals or averages row and was not read as data"]
    assert left_out["sheet"].tolist() == ["Criteria"] and left_out["value"].str.startswith("Total").all()
    assert rnd.candidates["name"].tolist() == ["Ada Lovelace", "Sum Wing"]
    assert not _plain_text("Total") and not _plain_text(" padded") and not _plain_text("#REF!") and _plain_text("Zoë")
