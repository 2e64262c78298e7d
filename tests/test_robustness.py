"""Rank robustness: equal weights, rank-derived weights and leaving one interviewer out."""

from __future__ import annotations

import pytest

from rounds_for_comparison import ANALYTICS, COPY, STRATEGY, social_media_frames, social_media_round
from toolkit.analytics import rank_robustness, scenario_ranks
from toolkit.validate import round_from_frames


def test_scenarios_hand_computed():
    r = rank_robustness(social_media_round()).set_index("scenario")
    # weights 3:2:1 are exactly the rank-derived ones: that scenario is "as given", not counted a second time
    assert list(r.index) == ["as given", "equal weights", "without Mia", "without Noah"]
    assert r.loc["as given", "top_ids"] == "A1 > B2 = D4"  # Ben and Dev tie at 4.0: shown as a tie, in sheet order
    # equal weights: Ana 4.5, Dev 4.0, Ben 3.83
    assert r.loc["equal weights", "top_ids"] == "A1 > D4 > B2"
    assert r.loc["equal weights", "winner_unchanged"] and not r.loc["equal weights", "top_order_unchanged"]
    # without Mia, Dev has no scores left: Ana 4.67, Ben 3.83, Cleo 3.17
    assert r.loc["without Mia", "top_names"] == "Ana Alves > Ben Berger > Cleo Chan"
    assert r.loc["without Noah", "top_ids"] == "A1 > B2 > D4"
    # "A1 > B2 = D4" read as Ben second and Dev third; a scenario that only breaks the tie changes the order shown
    assert not r.loc["without Noah", "top_order_unchanged"]


def test_a_tie_at_the_cut_shows_everyone_tied():
    """top=2 showed "Ana > Ben" where Ben and Dev tie at 4.0: Dev is as far up as Ben."""
    r = rank_robustness(social_media_round(), top=2).set_index("scenario")
    assert r.loc["as given", "top_ids"] == "A1 > B2 = D4"
    assert r.loc["without Noah", "top_ids"] == "A1 > B2"


def test_winner_change_is_reported():
    role, criteria, candidates, scores = social_media_frames()
    # Ben: Strategy 4, Copywriting 5, Analytics 5 -> as given 4.5 (< Ana 4.58), equal weights 4.67 (> Ana 4.5)
    ben = scores["candidate_id"] == "B2"
    scores.loc[ben & (scores["criterion"] == STRATEGY), "score"] = [4, 4]
    scores.loc[ben & (scores["criterion"] == COPY), "score"] = [5, 5]
    scores.loc[ben & (scores["criterion"] == ANALYTICS), "score"] = [5, 5]
    rnd = round_from_frames(role, criteria, candidates, scores)
    r = rank_robustness(rnd, top=2).set_index("scenario")
    assert r.loc["as given", "winner"] == "A1"
    assert r.loc["equal weights", "winner"] == "B2" and not r.loc["equal weights", "winner_unchanged"]
    ranks = scenario_ranks(rnd)
    eq = ranks[ranks["scenario"] == "equal weights"].set_index("candidate_id")
    assert eq.loc["B2", "weighted_total"] == pytest.approx(14 / 3) and eq.loc["B2", "rank"] == 1


def test_a_tie_for_first_place_keeps_the_winner():
    role, criteria, candidates, scores = social_media_frames()
    # Ben: Strategy 4.5, Copywriting 4, Analytics 5 -> as given 2.25 + 4/3 + 5/6 = 4.42 (< Ana 4.58);
    # equal weights: Ana (5 + 4 + 4.5)/3 = 4.5 = Ben (4.5 + 4 + 5)/3, a tie for first place
    ben = scores["candidate_id"] == "B2"
    scores.loc[ben & (scores["criterion"] == STRATEGY), "score"] = [5, 4]
    scores.loc[ben & (scores["criterion"] == COPY), "score"] = [4, 4]
    scores.loc[ben & (scores["criterion"] == ANALYTICS), "score"] = [5, 5]
    candidates = candidates.iloc[[1, 0, 2, 3]]  # Ben above Ana on the sheet: the tie lists him first
    rnd = round_from_frames(role, criteria, candidates, scores)
    r = rank_robustness(rnd).set_index("scenario")
    assert r.loc["as given", "winner"] == "A1"
    assert r.loc["equal weights", "winner"] == "B2" and r.loc["equal weights", "winner_unchanged"]
    assert r.loc["equal weights", "top_names"].startswith("Ben Berger = Ana Alves > ")  # a tie for first place reads as one
    eq = scenario_ranks(rnd).query("scenario == 'equal weights'").set_index("candidate_id")
    assert eq.loc["A1", "rank"] == eq.loc["B2", "rank"] == 1


def test_a_weights_scenario_equal_to_the_given_weights_is_not_counted_twice():
    """'The winner holds in 6 of 6 scenarios' counted "as given" and "rank-derived weights" twice when the weights came
    from the ranks (as in every round without a weight column)."""
    role, criteria, candidates, scores = social_media_frames()
    criteria["weight"] = [50, 30, 20]  # not the rank-derived 3:2:1
    kept = list(rank_robustness(round_from_frames(role, criteria, candidates, scores))["scenario"])
    assert kept[:3] == ["as given", "equal weights", "rank-derived weights"]
    criteria["weight"] = [1, 1, 1]  # equal weights given: the equal-weights scenario is "as given"
    kept = list(rank_robustness(round_from_frames(role, criteria, candidates, scores))["scenario"])
    assert kept[:2] == ["as given", "rank-derived weights"] and "equal weights" not in kept
