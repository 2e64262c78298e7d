"""Ratings as people write them land on the round's scale, the original kept; 'not assessed' is never 0."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.readers.scales import normalise_scores, read_value, scale_table


def scores(values, **kw):
    res = normalise_scores(pd.Series(values, dtype=object), **kw)
    return [None if isinstance(v, float) and math.isnan(v) else v for v in res.score.tolist()], res


@pytest.mark.parametrize("values, expected", [
    # Greenhouse words, any case or snake_case: Definitely Not .. Strong Yes = 1..5
    (["Definitely Not", "no", "Mixed", "YES", "strong_yes"], [1.0, 2.0, 3.0, 4.0, 5.0]),
    # Yes/Maybe/No is a 3-point scale: 1, 3, 5
    (["No", "Maybe", "Yes"], [1.0, 3.0, 5.0]),
    # German school grades, best = 5
    (["mangelhaft", "ausreichend", "befriedigend", "gut", "sehr gut"], [1.0, 2.0, 3.0, 4.0, 5.0]),
    # Swedish grades
    (["svag", "godkänd", "bra", "mycket bra", "utmärkt"], [1.0, 2.0, 3.0, 4.0, 5.0]),
    # stars and fractions carry their own scale
    (["★☆☆☆☆", "★★★☆☆", "★★★★★", "3/5", "4 von 5", "4 av 5"], [1.0, 3.0, 5.0, 3.0, 4.0, 4.0]),
    # percentages: 0 % -> 1, 50 % -> 3, 75 % -> 4
    (["0 %", "50%", "75 %"], [1.0, 3.0, 4.0]),
])
def test_words_stars_fractions_and_percentages(values, expected):
    got, _ = scores(values)
    assert got == expected


def test_a_fraction_over_no_scale_is_not_read_and_does_not_stop_the_load():
    """The property test of corrupted CSV exports found '0/0' in a score cell: a division by zero inside the scale
    mapping, and no round at all. Such a cell is not read (reported as any value off its scale), its neighbours are."""
    got, _ = scores(["0/0", "1/1", "3/5", "4"])
    assert got[:2] == ["0/0", "1/1"] and got[2] == 3.0  # handed on as written: validation says it is no score


def test_a_round_with_a_fraction_over_no_scale_loads_with_that_cell_named(tmp_path):
    import toolkit

    path = tmp_path / "round.csv"
    path.write_text("candidate,interviewer,criterion,score\nAnn Lee,Bo,SQL,0/0\nAnn Lee,Bo,Python,3/5\nCy Ho,Bo,SQL,4/5\n",
                    encoding="utf-8")
    rnd = toolkit.load_round(path, as_of="2026-03-20")
    bad = rnd.errors[rnd.errors["column"] == "score"]
    assert bad["value"].tolist() == ["0/0"] and len(rnd.scores) == 2


def test_lever_hire_scale_is_1_to_4_put_linearly_on_1_to_5():
    got, res = scores(["1 - Strong No Hire", "2 - No Hire", "3 - Hire", "4 - Strong Hire", "null"])
    # 1 + (v - 1) * 4/3
    assert got == [1.0, 2.3333, 3.6667, 5.0, None]
    assert res.info["source"] == "1-4"


def test_numbers_on_1_to_10_are_inferred_and_mapped():
    got, res = scores([1, 7, 10, "5,5"])
    # 1 + (v - 1) * 4/9: 7 -> 3.6667, 5.5 -> 3.0
    assert got == [1.0, 3.6667, 5.0, 3.0]
    assert res.info["source"] == "1-10"


def test_0_to_100_and_decimals_below_1():
    assert scores([0, 40, 100])[0] == [1.0, 2.6, 5.0]
    assert scores([0.25, 0.5, 1.0])[0] == [2.0, 3.0, 5.0]


def test_a_scale_in_the_heading_beats_inference():
    # values only reach 4, but the heading says 1-4
    got, res = scores([1, 2, 4], hint=(1.0, 4.0))
    assert got == [1.0, 2.3333, 5.0]
    assert res.info["how"] == "from the heading"


@pytest.mark.parametrize("values, kw, said", [
    ([0, 3, 4, 5, 2], {}, "0-5"),  # one 0 among 1-5 ratings: every score moves (a 2 counts as 2.6)
    ([2, 6, 9, 10], {}, "1-10"),
    ([20, 45, 80], {}, "0-100"),
    ([1, 3, 4, 5], {}, None),  # the round's own scale: nothing to say
    ([2, 6, 9], {"hint": (1.0, 10.0)}, None),  # "(1-10)" in the heading said so
    ([2, 6, 9], {"source": (1.0, 10.0)}, None),  # a mapping said so
])
def test_a_scale_worked_out_from_the_scores_alone_is_reported(values, kw, said):
    """Nothing in the file said which scale the numbers are on: the scale taken from their range is a warning that says
    what a middle score became, so that one stray 0 (or a 1-10 file whose top score is 5) is seen before the letters."""
    _got, res = scores(values, **kw)
    found = [p for p in res.problems if p["rule"] == "scale_inferred"]
    if said is None:
        assert not found
        return
    assert len(found) == 1 and found[0]["value"] == said and "counts as" in found[0]["message"]
    assert ("a 0 among the scores" in found[0]["message"]) == (said == "0-5")
    assert "[scale]" in found[0]["hint"]


def test_a_percentage_among_plain_ratings_is_reported_with_what_it_became():
    """'60 %' typed in a 1-5 score column is put on the scale (3.4): meant, or a slip for 0.6 or 3? It is said, not silent."""
    got, res = scores([4, 3, "60 %", 5, "150 %"])
    assert got[2] == 3.4
    found = [p for p in res.problems if p["rule"] == "score_percent"]
    assert len(found) == 1 and "60 % counts as 3.4" in found[0]["message"] and found[0]["message"].startswith("1 score is")
    _got, only_percents = scores(["60 %", "80 %", "100 %"])  # a whole column of percentages is a scale of its own
    assert not [p for p in only_percents.problems if p["rule"] == "score_percent"]


def test_other_target_scale():
    got, _ = scores(["Strong Yes", "Definitely Not", "Mixed"], target=(0.0, 10.0))
    assert got == [10.0, 0.0, 5.0]


@pytest.mark.parametrize("blank", ["n/a", "N/A", "-", "—", "–", "k.A.", "k. A.", "ej bedömd", "null", "\u00a0", "", "  ", None,
                                   float("nan"), "no_decision", "☆☆☆☆☆"])
def test_not_assessed_is_missing_never_zero(blank):
    got, res = scores([4, blank])
    assert got == [4.0, None]
    assert not res.unreadable.any()


def test_original_value_is_kept_in_score_raw():
    _, res = scores(["★★★☆☆", "stong_yes", 4.0, "k.A."], words="recommendation")
    assert res.score_raw.tolist()[:3] == ["★★★☆☆", "stong_yes", "4"]
    assert res.score_raw.tolist()[3] == "k.A."


def test_typo_is_read_and_reported():
    got, res = scores(["strong_yes", "stong_yes", "stong_yes", "no"])
    assert got == [5.0, 5.0, 5.0, 2.0]
    assert res.info["typos"] == {"stong_yes": "strong yes"}
    assert [p["rule"] for p in res.problems] == ["score_typo"]
    assert "2 cells" in res.problems[0]["message"]


def test_unreadable_values_are_handed_on_unchanged_for_validation_to_name():
    got, res = scores([3, "four", "3 oder 4"])
    assert got[0] == 3.0 and got[1] == "four" and got[2] == "3 oder 4"
    assert res.unreadable.tolist() == [False, True, True]
    assert res.info["unreadable"] == ["3 oder 4", "four"]


def test_a_number_outside_the_detected_scale_is_left_for_validation():
    got, res = scores([1, 3, 5, 7], source=(1.0, 5.0))
    assert got == [1.0, 3.0, 5.0, 7.0]  # 7 is reported out of scale by validation, not squeezed


def test_scale_table_lists_every_word_with_its_score():
    t = scale_table()
    row = t[(t["family"] == "hire") & (t["word"] == "hire")].iloc[0]
    assert (row["level"], row["levels"], row["score"]) == (3, 4, 3.6667)
    assert set(t["family"]) == {"yes/maybe/no", "recommendation", "hire", "german grades", "swedish grades", "english grades"}


def test_read_value_kinds():
    assert read_value("3 - Hire").word == "hire"
    assert read_value("4 Sterne").kind == "stars"
    assert read_value(True).kind == "bad"


@given(lo=st.integers(-5, 5), span=st.integers(1, 100), target_lo=st.integers(0, 3), target_span=st.integers(1, 10),
       data=st.data())
def test_linear_mapping_keeps_order_and_ends(lo, span, target_lo, target_span, data):
    hi = lo + span
    xs = data.draw(st.lists(st.integers(lo, hi), min_size=1, max_size=20))
    values = [lo, hi, *xs]
    got, _ = scores(values, source=(float(lo), float(hi)), target=(float(target_lo), float(target_lo + target_span)))
    assert got[0] == target_lo and got[1] == target_lo + target_span
    pairs = sorted(zip(values, got))
    assert all(a[1] <= b[1] for a, b in zip(pairs, pairs[1:]))
