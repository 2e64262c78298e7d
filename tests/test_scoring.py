"""Criterion means, weighted totals, ranks, contributions, gaps and the candidate summary.

Expected numbers are worked out by hand in `rounds_for_comparison`.
"""

from __future__ import annotations

import pandas as pd
import pytest

from rounds_for_comparison import ANALYTICS, COPY, CRITERIA, STRATEGY, social_media_frames, social_media_round, two_stage_round
from toolkit.analytics import (
    candidate_summary,
    contributions,
    criterion_matrix,
    gaps,
    progression,
    runner_up_assessment,
    runners_up,
    selected_candidate,
    stage_order,
    weighted_totals,
)
from toolkit.validate import round_from_frames


@pytest.fixture(scope="module")
def rnd():
    return social_media_round()


def by(df, *keys):
    return df.set_index(list(keys))


def test_the_test_round_loads_clean(rnd):
    assert rnd.problems.empty
    assert rnd.criteria["weight"].tolist() == pytest.approx([1 / 2, 1 / 3, 1 / 6])


def test_criterion_matrix_means_and_counts(rnd):
    m = by(criterion_matrix(rnd), "candidate_id", "criterion")
    assert m.loc[("A1", ANALYTICS), "mean_score"] == pytest.approx(4.5)
    assert m.loc[("A1", ANALYTICS), "spread"] == pytest.approx(1.0)
    assert m.loc[("C3", ANALYTICS), ["min_score", "max_score", "spread"]].tolist() == [2.0, 4.0, 2.0]
    # Mia left Ben's Analytics blank: one score, not a 0 pulling the mean down to 1.5
    assert m.loc[("B2", ANALYTICS), "mean_score"] == pytest.approx(3.0)
    assert m.loc[("B2", ANALYTICS), "n_scores"] == 1
    assert m.loc[("B2", ANALYTICS), "n_interviewers"] == 1
    # never scored: a row with <NA>, not a missing row and not 0
    assert pd.isna(m.loc[("D4", COPY), "mean_score"])
    assert m.loc[("D4", COPY), "n_scores"] == 0


def test_criterion_matrix_columns_dtypes_and_order(rnd):
    m = criterion_matrix(rnd)
    assert list(m.columns) == ["round_id", "candidate_id", "criterion", "mean_score", "n_scores", "n_interviewers", "min_score", "max_score", "spread"]
    assert len(m) == 4 * 3
    assert m["criterion"].cat.ordered and list(m["criterion"].cat.categories) == CRITERIA
    assert str(m["mean_score"].dtype) == "Float64" and str(m["n_scores"].dtype) == "Int64"
    assert m["criterion"].head(3).tolist() == CRITERIA


def test_criterion_matrix_by_stage_uses_interview_order():
    rnd = two_stage_round()
    assert stage_order(rnd) == ["Screen", "Final"]  # rows list Final first; the dates decide
    m = criterion_matrix(rnd, by_stage=True)
    e1 = m[m["candidate_id"] == "E1"]
    assert e1["stage"].tolist() == ["Screen", "Screen", "Final", "Final"]
    final = by(e1, "stage", "criterion")
    assert final.loc[("Final", "Strategy"), "mean_score"] == pytest.approx(4.5)
    assert final.loc[("Final", "Strategy"), "n_interviewers"] == 2
    # Finn only reached the screen
    assert m.loc[m["candidate_id"] == "F2", "stage"].unique().tolist() == ["Screen"]


def test_weighted_totals_hand_computed(rnd):
    t = by(weighted_totals(rnd), "candidate_id")
    assert t.loc["A1", "weighted_total"] == pytest.approx(2.5 + 4 / 3 + 0.75)
    assert t.loc["B2", "weighted_total"] == pytest.approx(4.0)
    assert t.loc["C3", "weighted_total"] == pytest.approx(2.75)
    # Dev was only scored on Strategy (weight 1/2): the weights re-normalise over what was assessed
    assert t.loc["D4", "weighted_total"] == pytest.approx(4.0)
    assert t.loc["D4", "coverage"] == pytest.approx(0.5)
    assert t.loc["A1", "coverage"] == pytest.approx(1.0)


def test_ranks_best_first_and_ties_share_the_smaller_rank(rnd):
    t = weighted_totals(rnd)
    assert t["candidate_id"].tolist() == ["A1", "B2", "D4", "C3"]
    assert t["rank"].tolist() == [1, 2, 2, 4]


def test_must_haves_and_criteria_below_bar(rnd):
    t = by(weighted_totals(rnd), "candidate_id")
    assert bool(t.loc["A1", "meets_must_haves"])  # <NA> would raise here
    assert bool(t.loc["C3", "meets_must_haves"]) is False
    assert t.loc["C3", "criteria_below_bar"] == STRATEGY
    assert t.loc["B2", "criteria_below_bar"] == ""


def test_must_have_not_assessed_is_unknown_not_failed():
    role, criteria, candidates, scores = social_media_frames()
    scores = scores[~((scores["candidate_id"] == "D4") & (scores["criterion"] == STRATEGY))]
    scores.loc[(scores["candidate_id"] == "D4") & (scores["criterion"] == COPY), "score"] = 4
    t = by(weighted_totals(round_from_frames(role, criteria, candidates, scores)), "candidate_id")
    assert pd.isna(t.loc["D4", "meets_must_haves"])


def test_contributions_add_up_to_the_total(rnd):
    c = contributions(rnd)
    a1 = by(c[c["candidate_id"] == "A1"], "criterion")
    assert a1.loc[STRATEGY, "contribution"] == pytest.approx(2.5)
    assert a1.loc[COPY, "contribution"] == pytest.approx(4 / 3)
    assert a1.loc[ANALYTICS, "contribution"] == pytest.approx(0.75)
    d4 = by(c[c["candidate_id"] == "D4"], "criterion")
    assert d4.loc[STRATEGY, "effective_weight"] == pytest.approx(1.0)
    assert pd.isna(d4.loc[COPY, "contribution"])
    sums = c.groupby("candidate_id")["contribution"].sum()
    totals = weighted_totals(rnd).set_index("candidate_id")["weighted_total"]
    for cid in totals.index:
        assert sums[cid] == pytest.approx(totals[cid])


def test_gaps_to_the_hire_and_to_the_bar(rnd):
    g = by(gaps(rnd), "candidate_id", "criterion")
    assert g.loc[("B2", STRATEGY), "hire_mean"] == pytest.approx(5.0)
    assert g.loc[("B2", STRATEGY), "gap_to_hire"] == pytest.approx(-1.0)
    assert g.loc[("B2", COPY), "gap_to_hire"] == pytest.approx(0.5)
    assert g.loc[("C3", STRATEGY), "gap_to_bar"] == pytest.approx(-0.5)
    assert pd.isna(g.loc[("C3", COPY), "gap_to_bar"])  # Copywriting has no bar
    assert set(g["hire_basis"]) == {"hired"} and set(g["hire_id"]) == {"A1"}


def test_selected_candidate_falls_back_to_offered_then_top_ranked():
    role, criteria, candidates, scores = social_media_frames()
    candidates["status"] = ["rejected", "offered", "rejected", "withdrawn"]
    assert selected_candidate(round_from_frames(role, criteria, candidates, scores)) == ("B2", "offered")
    candidates["status"] = ["rejected", "rejected", "pending", "withdrawn"]
    assert selected_candidate(round_from_frames(role, criteria, candidates, scores)) == ("A1", "top-ranked")


def test_runner_up_is_close_to_the_hire_and_meets_must_haves():
    role, criteria, candidates, scores = social_media_frames()
    # Ben's Copywriting 5 and 5: total 2 + 5/3 + 0.5 = 4.17, 0.42 behind Ana (within 0.5); Dev withdrew; Cleo misses the must-have
    scores.loc[(scores["candidate_id"] == "B2") & (scores["criterion"] == COPY), "score"] = 5
    ru = runners_up(round_from_frames(role, criteria, candidates, scores))
    assert ru["candidate_id"].tolist() == ["B2"]
    assert ru["runner_up_basis"].tolist() == ["close"]
    assert "0.42 points behind" in ru["runner_up_reason"].iloc[0]


def test_next_best_candidate_gets_a_wider_margin(rnd):
    # as given, Ben is 0.58 behind Ana: not within 0.5, but the best of the rest (Dev withdrew) and within 0.75
    ru = runners_up(rnd)
    assert ru["candidate_id"].tolist() == ["B2"] and ru["runner_up_basis"].tolist() == ["next best"]
    assert ru["gap_to_hire"].iloc[0] == pytest.approx(4.0 - (2.5 + 4 / 3 + 0.75))
    assert ru["runner_up_reason"].iloc[0].startswith("Next best after the selected candidate")


def test_stay_in_touch_yes_and_no_are_the_committees_choice():
    role, criteria, candidates, scores = social_media_frames()
    candidates["stay_in_touch"] = [None, "no", "yes", None]
    a = by(runner_up_assessment(round_from_frames(role, criteria, candidates, scores)), "candidate_id")
    assert not a.loc["B2", "is_runner_up"]
    assert "chose not to stay in touch" in a.loc["B2", "runner_up_reason"]
    assert "by the scores alone they would be a runner-up" in a.loc["B2", "runner_up_reason"]
    assert a.loc["C3", "is_runner_up"] and a.loc["C3", "runner_up_basis"] == "committee"
    # the letters tell a close runner-up from a committee favourite by this flag
    assert a.loc["B2", "runner_up_by_scores"] and not a.loc["C3", "runner_up_by_scores"]


def test_beyond_both_margins_is_not_a_runner_up():
    role, criteria, candidates, scores = social_media_frames()
    # Ben's Strategy 4 and 3: total 1.75 + 1.5 + 0.5 = 3.75, 0.83 behind Ana: beyond 0.75 even as the next best
    scores.loc[(scores["candidate_id"] == "B2") & (scores["criterion"] == STRATEGY) & (scores["interviewer"] == "Noah"), "score"] = 3
    assert runners_up(round_from_frames(role, criteria, candidates, scores)).empty


def test_candidate_summary_strength_growth_and_thin_evidence(rnd):
    s = by(candidate_summary(rnd), "candidate_id")
    # Ben: best against the pool on Copywriting (4.5, above both others); Strategy a full point behind Ana
    assert s.loc["B2", "strength"] == COPY
    assert (s.loc["B2", "growth_area"], s.loc["B2", "growth_kind"]) == (STRATEGY, "shortfall")
    assert s.loc["B2", "thin_evidence_on"] == ANALYTICS
    assert s.loc["B2", "is_runner_up"]
    # Cleo: Strategy below the bar of 3 (2.5, two interviewers, 1 point apart)
    assert (s.loc["C3", "growth_area"], s.loc["C3", "growth_kind"]) == (STRATEGY, "below_bar")
    assert "below its bar" in s.loc["C3", "growth_reason"]
    assert s.loc["C3", "thin_evidence_on"] == ANALYTICS  # interviewers 2 points apart
    # Ana: top on Strategy and Analytics; the tie goes to the more important criterion
    assert s.loc["A1", "strength"] == STRATEGY
    assert s.loc["A1", "growth_kind"] == "none" and pd.isna(s.loc["A1", "growth_area"])
    # Dev: one interviewer only: nothing is claimed either way
    assert pd.isna(s.loc["D4", "strength"]) and pd.isna(s.loc["D4", "growth_area"])
    assert s.loc["D4", "thin_evidence_on"] == STRATEGY


def test_growth_area_is_never_a_criterion_with_thin_evidence():
    role, criteria, candidates, scores = social_media_frames()
    # Cleo's Strategy becomes 1 and 3 (two points apart, mean 2 below the bar): thin, so not the growth area
    scores.loc[(scores["candidate_id"] == "C3") & (scores["criterion"] == STRATEGY), "score"] = [1, 3]
    s = by(candidate_summary(round_from_frames(role, criteria, candidates, scores)), "candidate_id")
    assert s.loc["C3", "growth_area"] != STRATEGY
    assert s.loc["C3", "thin_evidence_on"] == STRATEGY
    assert "evidence is thin" in s.loc["C3", "growth_reason"]


def test_no_growth_area_is_invented_when_close_to_the_hire():
    role, criteria, candidates, scores = social_media_frames()
    # Ben's Strategy 4.5 against Ana's 5: half a point is no honest growth area; nothing is below a bar
    scores.loc[(scores["candidate_id"] == "B2") & (scores["criterion"] == STRATEGY), "score"] = [5, 4]
    s = by(candidate_summary(round_from_frames(role, criteria, candidates, scores)), "candidate_id")
    assert s.loc["B2", "growth_kind"] == "none" and pd.isna(s.loc["B2", "growth_area"])
    assert s.loc["B2", "growth_reason"].startswith("No growth area named")


def test_candidate_summary_columns(rnd):
    s = candidate_summary(rnd)
    for col in ["round_id", "candidate_id", "name", "status", "rank", "weighted_total", "strength", "strength_reason", "growth_area",
                "growth_kind", "growth_reason", "thin_evidence_on", "is_runner_up", "runner_up_reason", "meets_must_haves"]:
        assert col in s.columns
    assert s["candidate_id"].tolist() == ["A1", "B2", "D4", "C3"]
    assert set(s["growth_kind"]) <= {"below_bar", "shortfall", "none"}


def test_progression_builds_up_stage_by_stage():
    p = by(progression(two_stage_round()), "candidate_id", "stage")
    assert p.loc[("E1", "Screen"), "weighted_total_at_stage"] == pytest.approx(3.0)
    assert p.loc[("E1", "Final"), "weighted_total_at_stage"] == pytest.approx(2 / 3 * 4.5 + 1 / 3 * 4)
    assert p.loc[("E1", "Final"), "cumulative_weighted_total"] == pytest.approx(35 / 9)
    assert p.loc[("F2", "Screen"), "cumulative_weighted_total"] == pytest.approx(8 / 3)
    assert ("F2", "Final") not in p.index
    assert p.loc[("E1", "Screen"), "stage_number"] == 1 and p.loc[("E1", "Final"), "stage_number"] == 2


def test_a_candidate_the_scores_rank_above_the_person_chosen_is_not_called_close_behind():
    """The committee hired Ben although Ana's total is higher: Ana is still someone to stay in touch with, but her reason
    says the scores rank her above the person chosen, never "within the margin" of them."""
    role, criteria, candidates, scores = social_media_frames()
    candidates["status"] = ["rejected", "hired", "rejected", "withdrawn"]
    a = by(runner_up_assessment(round_from_frames(role, criteria, candidates, scores)), "candidate_id")
    assert a.loc["A1", "gap_to_hire"] > 0.5 and a.loc["A1", "is_runner_up"]
    assert "rank them above the person chosen" in a.loc["A1", "runner_up_reason"]
    assert "margin" not in a.loc["A1", "runner_up_reason"] and "behind" not in a.loc["A1", "runner_up_reason"]


def test_a_candidate_with_an_open_offer_is_not_a_runner_up():
    role, criteria, candidates, scores = social_media_frames()
    candidates["status"] = ["hired", "offered", "rejected", "withdrawn"]
    a = by(runner_up_assessment(round_from_frames(role, criteria, candidates, scores)), "candidate_id")
    assert not a.loc["B2", "is_runner_up"] and a.loc["B2", "runner_up_reason"] == ""
