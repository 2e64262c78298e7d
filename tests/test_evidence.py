"""Thin evidence: too few scores, or interviewers too far apart (GUIDANCE rule 5)."""

from __future__ import annotations

import pandas as pd
import pytest

from rounds_for_comparison import ANALYTICS, COPY, ROLE, STRATEGY, social_media_round
from toolkit.analytics import evidence
from toolkit.validate import round_from_frames


@pytest.fixture(scope="module")
def ev():
    return evidence(social_media_round()).set_index(["candidate_id", "criterion"])


def test_one_score_is_too_few(ev):
    row = ev.loc[("B2", ANALYTICS)]
    assert bool(row["insufficient"])
    assert row["reason"] == "too few scores: 1 of 2 interviewers"
    assert (row["n_scores"], row["n_interviewers"], row["panel_size"]) == (1, 1, 2)


def test_never_scored_is_too_few_and_counts_the_panel_that_met_the_candidate(ev):
    assert ev.loc[("D4", COPY), "reason"] == "too few scores: 0 of 1 interviewer"
    assert bool(ev.loc[("D4", STRATEGY), "insufficient"])


def test_two_points_apart_is_a_disagreement(ev):
    row = ev.loc[("C3", ANALYTICS)]
    assert bool(row["insufficient"]) and row["reason"] == "interviewers disagree by 2 points"
    assert row["spread"] == pytest.approx(2.0)


def test_one_point_apart_with_two_interviewers_is_sufficient(ev):
    row = ev.loc[("A1", ANALYTICS)]
    assert not bool(row["insufficient"]) and row["reason"] == ""
    assert row["spread"] == pytest.approx(1.0)


def _two_interviewer_round(scale, first, second, *, stages=("Panel", "Panel"), same_person=False):
    criteria = pd.DataFrame({"criterion": ["Strategy"], "rank": [1]})
    candidates = pd.DataFrame({"candidate_id": ["A"], "name": ["Ann"], "status": ["rejected"]})
    scores = pd.DataFrame({
        "candidate_id": ["A", "A"], "interviewer": ["Mia", "Mia" if same_person else "Noah"], "criterion": ["Strategy", "Strategy"],
        "score": [first, second], "stage": list(stages), "interviewed_on": ["2026-03-02", "2026-03-09"],
    })
    return round_from_frames({**ROLE, "scale": scale}, criteria, candidates, scores)


@pytest.mark.parametrize(
    "scale, first, second, insufficient",
    [("1-5", 2, 4, True), ("1-5", 2, 3.5, False), ("0-10", 2, 7, True), ("0-10", 2, 6, False), ("1-7", 2, 5, True), ("1-7", 2, 4.5, False)],
)
def test_disagreement_threshold_is_half_the_range(scale, first, second, insufficient):
    # 2 points on 1-5 = half the range: 5 on 0-10, 3 on 1-7
    row = evidence(_two_interviewer_round(scale, first, second)).iloc[0]
    assert bool(row["insufficient"]) is insufficient


def test_one_interviewer_improving_over_two_stages_is_not_a_disagreement_but_is_too_few():
    """Mia alone saw Ann, at two stages, where Noah interviewed too (he scored Ben): one person's view is too few. In a
    round where Mia is the only interviewer, her scores are all the evidence there is, and enough."""
    alone = _two_interviewer_round("1-5", 2, 5, stages=("Screen", "Final"), same_person=True)
    scores = pd.concat([alone.scores.drop(columns="round_id"), pd.DataFrame({
        "candidate_id": ["B"], "interviewer": ["Noah"], "criterion": ["Strategy"], "score": [4], "stage": ["Final"],
        "interviewed_on": ["2026-03-09"]})], ignore_index=True)
    candidates = pd.DataFrame({"candidate_id": ["A", "B"], "name": ["Ann", "Ben"], "status": ["rejected", "rejected"]})
    panel = round_from_frames({**ROLE, "scale": "1-5"}, pd.DataFrame({"criterion": ["Strategy"], "rank": [1]}), candidates, scores)
    row = evidence(panel).set_index("candidate_id").loc["A"]
    assert row["n_scores"] == 2 and row["n_interviewers"] == 1
    assert row["spread"] == 0
    assert bool(row["insufficient"]) and row["reason"] == "too few scores: 1 of 1 interviewer"
    only = evidence(alone).iloc[0]
    assert only["n_interviewers"] == 1 and not bool(only["insufficient"]) and only["reason"] == ""
