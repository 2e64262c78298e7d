"""A TRUE or FALSE typed into a score or date column is a value of its own, never the number 1 or 0.

To Python True == 1 and both hash alike, so a table of distinct values that
mixes them up would turn every score of 1 into "True" (and quarantine it), or
a TRUE into a score of 1 (silently), depending on which came first.
"""

from __future__ import annotations

import numpy as np
import openpyxl
import pytest

import toolkit
from toolkit.readers.excel import factorize_cells


def _round(path, first, second):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    sheets = {
        "Role": [("field", "value"), ("role", "Analyst"), ("language", "en"), ("scale", "0-5")],  # 0 is a score too
        "Criteria": [("criterion", "rank"), ("SQL", 1), ("Communication", 2)],
        "Candidates": [("candidate_id", "name", "status"), ("C1", "Ann Lee", "rejected"), ("C2", "Bo Ek", "hired"), ("C3", "Cy Li", "rejected")],
        "Scores": [("candidate_id", "interviewer", "criterion", "score"),
                   ("C1", "Sam", "SQL", first), ("C1", "Sam", "Communication", second),
                   ("C2", "Sam", "SQL", 1), ("C2", "Sam", "Communication", 5),
                   ("C3", "Sam", "SQL", 1), ("C3", "Sam", "Communication", 0)],
    }
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize("first, second", [(True, 4), (1, True), (4, False)])
def test_a_true_or_false_score_is_reported_alone_and_the_ones_and_zeros_load(tmp_path, first, second):
    rnd = toolkit.load_round(_round(tmp_path / "round.xlsx", first, second), as_of="2026-03-20")
    bad = rnd.problems[rnd.problems["rule"] == "bad_value"]
    flag_cell = "D2" if isinstance(first, bool) else "D3"
    assert bad["cell"].tolist() == [flag_cell] and bad["value"].tolist() == [str(first if isinstance(first, bool) else second)]
    loaded = rnd.scores.set_index(["candidate_id", "criterion"])["score"].astype("float64")
    assert loaded[("C2", "SQL")] == 1 and loaded[("C3", "SQL")] == 1  # the ones stay ones
    counts = rnd.row_counts.set_index("sheet").loc["Scores"]
    assert (counts["read"], counts["loaded"], counts["quarantined"]) == (6, 5, 1)


def test_factorize_cells_keeps_booleans_apart_from_numbers():
    cells = np.array([1.0, True, 1, None, False, 0.0, "1", True], dtype=object)
    codes, values = factorize_cells(cells)
    assert [values[c] if c >= 0 else None for c in codes] == [1.0, True, 1.0, None, False, 0.0, "1", True]
    assert [type(v) for v in values] == [float, bool, bool, float, str]
    plain = np.array([3.0, 4.0, 3.0], dtype=object)  # nothing to tell apart: pandas' own answer
    assert factorize_cells(plain)[0].tolist() == [0, 1, 0]


def test_a_true_cell_where_text_belongs_is_reported_not_loaded_as_the_word_true(tmp_path):
    path = _round(tmp_path / "round.xlsx", 4, 4)
    wb = openpyxl.load_workbook(path)
    wb["Scores"]["B2"] = True  # a checkbox pasted into the interviewer column
    wb.save(path)
    rnd = toolkit.load_round(path, as_of="2026-03-20")
    at_b2 = rnd.problems[rnd.problems["cell"] == "B2"]
    assert at_b2["rule"].tolist() == ["bad_value"] and "interviewer is not text" in at_b2.iloc[0]["message"]  # not also "empty"
    assert "True" not in set(rnd.scores["interviewer"].astype(str))


# ---------------------------------------------------------------------------
# a wide scorecard (a row per candidate x interviewer, a column per criterion): the candidate's cell holds TRUE


def _wide(path, rows, candidates=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scores"
    for row in rows:
        ws.append(row)
    if candidates:
        c = wb.create_sheet("Candidates")
        for row in candidates:
            c.append(row)
    wb.save(path)
    return path


CANDIDATES = [("candidate_id", "name", "status"), ("C1", "Ann Lee", "hired"), ("C2", "Bo Ek", "rejected")]


@pytest.mark.parametrize("heading, first, candidates", [
    ("Candidate", "Ann Lee", None),  # names only: ids are generated from them
    ("Name", "Ann Lee", CANDIDATES),  # names looked up on the Candidates sheet
    ("candidate_id", "C1", CANDIDATES),
])
def test_a_true_cell_for_the_candidate_of_a_wide_row_is_reported_not_made_a_candidate_named_true(tmp_path, heading, first, candidates):
    from test_speed_paths import _assert_same_round, _load_both

    second = "Bo Ek" if first == "Ann Lee" else "C2"
    rows = [(heading, "Interviewer", "SQL", "Communication"), (first, "Sam", 4, 3), (True, "Sam", 2, 5), (second, "Kim", 2, 5)]
    fast, grid = _load_both(_wide(tmp_path / "wide.xlsx", rows, candidates))  # the column-wise reader, then the grid reader
    _assert_same_round(fast, grid)
    bad = fast.problems[fast.problems["cell"] == "A3"]
    assert set(bad["rule"]) == {"bad_value"} and len(bad) == 1  # the cell once, though the row holds a score per criterion
    assert (bad["message"] == "candidate_id is not text").all() and (bad["value"] == "True").all() and (bad["sheet"] == "Scores").all()
    assert bad["hint"].str.contains("a TRUE or FALSE cell is not text").all()
    assert "True" not in set(fast.candidates["name"]) and "True" not in set(fast.candidates["candidate_id"])
    assert "True" not in set(fast.scores["candidate_id"].astype(str))
    assert fast.rejected_rows["row"].tolist() == [3, 3] and (fast.rejected_rows["reason"] == "candidate_id is not text").all()
    counts = fast.row_counts.set_index("sheet").loc["Scores"]
    assert (counts["read"], counts["loaded"], counts["quarantined"]) == (6, 4, 2)
    assert "unknown_candidate" not in set(fast.problems["rule"])  # no candidate 'True' looked for on the Candidates sheet


def test_a_column_of_true_cells_read_column_wise_is_reported_as_the_grid_reader_reports_it(tmp_path):
    """Every candidate cell TRUE: the column-wise reader reads them as a column of yes/no, and says what the grid reader says."""
    from test_speed_paths import _assert_same_round, _load_both, _table_read_column_wise

    rows = [("Candidate", "Interviewer", "SQL", "Communication"), (True, "Sam", 4, 3), (True, "Kim", 2, 5), (False, "Kim", 2, 5)]
    path = _wide(tmp_path / "wide.xlsx", rows)
    assert _table_read_column_wise(path)
    fast, grid = _load_both(path)
    _assert_same_round(fast, grid)
    bad = fast.errors
    assert set(bad["rule"]) == {"bad_value"} and sorted(set(bad["cell"])) == ["A2", "A3", "A4"] and set(bad["value"]) == {"True", "False"}
    assert fast.candidates.empty and len(fast.rejected_rows) == 6


def test_a_true_cell_for_the_interviewer_of_a_wide_row_is_reported_as_on_the_canonical_sheet(tmp_path):
    rows = [("Candidate", "Interviewer", "SQL"), ("Ann Lee", "Sam", 4), ("Bo Ek", True, 2)]
    rnd = toolkit.load_round(_wide(tmp_path / "wide.xlsx", rows), as_of="2026-03-20")
    at_b3 = rnd.problems[rnd.problems["cell"] == "B3"]
    assert at_b3["rule"].tolist() == ["bad_value"] and at_b3.iloc[0]["message"] == "interviewer is not text"
    assert "True" not in set(rnd.scores["interviewer"].astype(str)) and rnd.rejected_rows["row"].tolist() == [3]
