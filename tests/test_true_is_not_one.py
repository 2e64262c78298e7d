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
