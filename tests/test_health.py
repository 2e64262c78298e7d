"""Process health: the summary numbers equal a hand count of the two hand-built rounds.

Berlin as of Thursday 9 October 2025 (see rounds_for_timelines.py):
  statuses: 1 hired, 5 rejected (C2 C3 C4 C5 C8), 1 withdrawn, 1 pending (C7)
  measured (told or to be told): C2 C3 C4 C5 C7 C8 = 6
  told: C2 after 1, C3 after 4, C4 after 3 business days -> median 3,
        p90 of [1, 3, 4]: position 0.9 * 2 = 1.8 -> 3 + 0.8 * (4 - 3) = 3.8
  on time: C2, C4; overdue now: C5, C7; within target, not told: C8
  -> within target: 2 of 3 told + 2 overdue = 2 of 5 (waiting past the target counts against)
  finalists told: C2 (video), C3 (email) -> 1 of 2 personally
  feedback: requested by C2 (answered after 2 business days) and C3 (waiting)
  talent pool: C2 scheduled, C3 missing a date, C5 overdue
  scorecards: Anna Roth 8 candidates x 3 criteria = 24, none missing;
              Ben Schäfer 4 x 3 = 12, 2 missing (one blank, one row absent)
Manchester as of Friday 20 March 2026: told U2 after 1, U3 after 5 (target 5):
  2 of 2 on time, median 3, p90 1 + 0.9 * 4 = 4.6; U4 within target.
"""

from __future__ import annotations

import pandas as pd
import pytest

from rounds_for_timelines import berlin_round, manchester_round
from toolkit.analytics.health import process_health, scorecard_completeness
from toolkit.analytics.timelines import timelines
from toolkit.errors import ToolkitError
from toolkit.model import Rounds


@pytest.fixture(scope="module")
def berlin():
    return berlin_round(as_of="2025-10-09")


@pytest.fixture(scope="module")
def berlin_timelines(berlin):
    return timelines(berlin, as_of="2025-10-09")


def test_health_of_one_round_equals_the_hand_count(berlin, berlin_timelines):
    h = process_health(berlin_timelines, by="round_id", scores=berlin)
    assert len(h) == 1
    row = h.iloc[0]
    expected = {
        "round_id": "berlin", "role": "Social Media Lead", "department": "Marketing", "hiring_manager": "Jana Becker",
        "n_candidates": 8, "n_hired": 1, "n_offered": 0, "n_rejected": 5, "n_withdrawn": 1, "n_pending": 1,
        "n_to_tell": 6, "n_told": 3, "n_told_on_time": 2,
        "median_business_days_to_tell": 3.0, "p90_business_days_to_tell": 3.8,
        "share_within_target": 2 / 5, "n_waiting_within_target": 1, "overdue_now": 2,
        "n_finalists_told": 2, "share_finalists_told_personally": 0.5,
        "feedback_requests": 2, "share_feedback_answered": 0.5, "median_feedback_business_days": 2.0,
        "n_talent_pool": 3, "follow_ups_overdue": 1, "follow_ups_missing": 1,
        "expected_scores": 36, "missing_scores": 2, "share_scores_missing": 2 / 36,
    }
    for key, value in expected.items():
        assert row[key] == pytest.approx(value) if isinstance(value, float) else row[key] == value, key


def test_scorecard_completeness_per_interviewer(berlin):
    c = scorecard_completeness(berlin).set_index("interviewer")
    assert c.loc["Anna Roth", ["n_candidates", "n_criteria", "expected_scores", "missing_scores"]].tolist() == [8, 3, 24, 0]
    assert c.loc["Ben Schäfer", ["n_candidates", "n_criteria", "expected_scores", "missing_scores"]].tolist() == [4, 3, 12, 2]
    assert c.loc["Ben Schäfer", "share_missing"] == pytest.approx(2 / 12)
    # From the Scores table alone the criteria come from the scores: the same here
    alone = scorecard_completeness(berlin.scores).set_index("interviewer")
    assert alone["missing_scores"].to_dict() == {"Anna Roth": 0, "Ben Schäfer": 2}


def test_health_by_month_department_and_manager_over_two_rounds(berlin):
    rounds = Rounds((berlin_round(as_of="2026-03-20"), manchester_round(as_of="2026-03-20")))
    t = timelines(rounds, as_of="2026-03-20")
    by_month = process_health(t, by="month", scores=rounds).set_index("month")
    assert list(by_month.index) == ["2025-10", "2026-03"]
    march = by_month.loc["2026-03"]
    assert (march["n_candidates"], march["n_told"], march["n_waiting_within_target"], march["overdue_now"]) == (4, 2, 1, 0)
    assert march["share_within_target"] == 1.0
    assert march["median_business_days_to_tell"] == 3.0
    assert march["p90_business_days_to_tell"] == pytest.approx(4.6)
    assert (march["expected_scores"], march["missing_scores"]) == (8, 0)
    october = by_month.loc["2025-10"]
    # months later, Emma, Sara and Tim are still not told: all three overdue, and 2 on time of 3 told + 3 overdue
    assert (october["overdue_now"], october["n_told"], october["share_within_target"]) == (3, 3, pytest.approx(2 / 6))
    assert (october["expected_scores"], october["missing_scores"]) == (36, 2)

    by_department = process_health(t, by="department").set_index("department")
    assert by_department["n_candidates"].to_dict() == {"Finance": 4, "Marketing": 8}
    by_manager = process_health(t, by="hiring_manager").set_index("hiring_manager")
    assert by_manager["overdue_now"].to_dict() == {"Jana Becker": 3, "Priya Shah": 0}
    overall = process_health(t, by="all").iloc[0]
    assert (overall["n_candidates"], overall["n_told"], overall["share_within_target"]) == (12, 5, pytest.approx(4 / 8))


def test_health_by_round_says_each_rounds_target_and_whether_the_committee_chose_it():
    from rounds_for_timelines import berlin_frames
    from toolkit.validate import round_from_frames

    role, criteria, candidates, scores = berlin_frames()
    no_target = round_from_frames({**role, "response_target_days": None}, criteria, candidates, scores, round_id="berlin",
                                  as_of="2026-03-20")
    t = timelines(Rounds((no_target, manchester_round(as_of="2026-03-20"))), as_of="2026-03-20")
    h = process_health(t, by="round_id")
    assert list(h.columns[:6]) == ["round_id", "role", "department", "hiring_manager", "target_days", "target_given"]
    assert h.set_index("round_id")[["target_days", "target_given"]].to_dict("index") == {
        "berlin": {"target_days": 3, "target_given": False}, "manchester": {"target_days": 5, "target_given": True}}
    assert "target_given" not in process_health(t, by="department").columns  # a department's rounds may differ


def test_missing_department_is_grouped_as_not_given(berlin_timelines):
    t = berlin_timelines.assign(department=pd.Series([None] * len(berlin_timelines), dtype="str"))
    h = process_health(t, by="department")
    assert h["department"].tolist() == ["(not given)"]


def test_shares_are_missing_when_nobody_was_told(berlin_timelines):
    t = berlin_timelines[berlin_timelines["candidate_id"].isin(["C5", "C7"])]
    row = process_health(t).iloc[0]
    assert row["n_told"] == 0 and row["overdue_now"] == 2
    assert row["share_within_target"] == 0  # both are waiting past the target: none told within it
    assert pd.isna(row["median_business_days_to_tell"]) and pd.isna(row["share_feedback_answered"])
    waiting = process_health(berlin_timelines[berlin_timelines["candidate_id"] == "C8"]).iloc[0]  # not told, still within target
    assert pd.isna(waiting["share_within_target"])


def test_a_committee_that_stays_silent_does_not_look_faster_than_one_that_answers_late(berlin_timelines):
    """Two overdue candidates told late give the same share within target as two who were never told."""
    told = berlin_timelines[berlin_timelines["candidate_id"].isin(["C2", "C3", "C4"])]
    silent = berlin_timelines[berlin_timelines["candidate_id"].isin(["C2", "C4", "C5", "C7"])]
    late = silent.assign(target_status=silent["target_status"].replace("overdue", "late"), notified_on=silent["notified_on"].fillna(silent["as_of"]))
    assert process_health(silent).iloc[0]["share_within_target"] == process_health(late).iloc[0]["share_within_target"] == 0.5
    assert process_health(told).iloc[0]["share_within_target"] == pytest.approx(2 / 3)


def test_health_by_week_of_decision(berlin):
    """Berlin decided Thursday 2 October 2025 (week of Monday 29 September), Tim Koch on Monday 6 October;
    Manchester on Friday 13 March 2026 (week of Monday 9 March)."""
    rounds = Rounds((berlin_round(as_of="2026-03-20"), manchester_round(as_of="2026-03-20")))
    t = timelines(rounds, as_of="2026-03-20")
    by_week = process_health(t, by="week", scores=rounds).set_index("week")
    assert list(by_week.index) == ["2025-09-29", "2025-10-06", "2026-03-09"]
    first = by_week.loc["2025-09-29"]
    # C2 after 1, C3 after 4, C4 after 3: median 3, p90 3.8; C5 and C7 still not told
    assert (first["n_candidates"], first["n_told"], first["overdue_now"]) == (7, 3, 2)
    assert (first["median_business_days_to_tell"], first["p90_business_days_to_tell"]) == (3.0, pytest.approx(3.8))
    assert by_week.loc["2025-10-06", ["n_candidates", "n_told", "overdue_now"]].tolist() == [1, 0, 1]  # Tim Koch
    assert by_week.loc["2026-03-09", ["n_told", "n_waiting_within_target"]].tolist() == [2, 1]
    assert by_week["expected_scores"].tolist() == [36, 0, 8]  # a round's scores count in the week most of its decisions fall


def test_unknown_grouping_is_explained(berlin_timelines):
    with pytest.raises(ToolkitError, match="Allowed: round_id, department, hiring_manager, month, week"):
        process_health(berlin_timelines, by="quarter")


def test_sample_health_per_round_equals_a_hand_count_of_the_workbooks():
    """Business days to tell, counted from the Candidates sheets (measured = rejected; none pending):

    Within target = on time / (told + overdue now).
    Berlin (target 3):     B01 2, B02 1, B05 1, B07 7 -> 3 on time of 4 told + 1 overdue; median 1.5; p90 2 + 0.7 * 5 = 5.5
                           finalists told: B01 video, B05 phone, B07 email -> 2 of 3 personally
                           feedback: B05 answered (Tue 10 -> Thu 12: 2), B07 waiting
    Manchester (target 3): M01 3, M02 8, M03 7, M05 2, M07 1, M08 2 -> 4 of 6 told + 1 overdue; median 2.5; p90 7 + 0.5 * 1 = 7.5
                           finalists (Panel) told: M01 email, M03 letter, M05 email, M07 phone, M08 video -> 2 of 5
                           feedback: M07 answered (Mon 16 -> Tue 17: 1), M05 waiting
    Stockholm (target 5):  S01 7, S02 1, S04 6, S05 2, S07 1, S09 4 -> 4 of 6 told + 1 overdue; median 3; p90 6 + 0.5 * 1 = 6.5
                           finalists (Caseintervju) told: S01 email, S04 form letter, S05 phone, S07 video, S09 video -> 3 of 5
                           feedback: S07 answered (Thu 12 -> Fri 13: 1), S04 waiting
    """
    import toolkit
    from pathlib import Path

    rounds = toolkit.load_rounds(Path(__file__).resolve().parents[1] / "data" / "sample", as_of="2026-03-20")
    h = process_health(timelines(rounds, as_of="2026-03-20"), by="round_id").set_index("round_id")
    cols = ["n_candidates", "n_rejected", "n_withdrawn", "n_told", "median_business_days_to_tell", "p90_business_days_to_tell",
            "share_within_target", "overdue_now", "n_waiting_within_target", "share_finalists_told_personally",
            "feedback_requests", "share_feedback_answered", "median_feedback_business_days", "n_talent_pool"]
    expected = {
        "berlin-social-media-lead": [8, 6, 1, 4, 1.5, 5.5, 3 / 5, 1, 1, 2 / 3, 2, 0.5, 2.0, 1],
        "manchester-data-analyst": [9, 7, 1, 6, 2.5, 7.5, 4 / 7, 1, 0, 2 / 5, 2, 0.5, 1.0, 1],
        "stockholm-ux-designer": [9, 7, 1, 6, 3.0, 6.5, 4 / 7, 1, 0, 3 / 5, 2, 0.5, 1.0, 1],
    }
    for round_id, values in expected.items():
        assert h.loc[round_id, cols].astype(float).tolist() == pytest.approx(values), round_id
    # exactly: interpolation gave 5.500000000000001, which a workbook cell and summary.json showed as it is
    assert h.loc["berlin-social-media-lead", "p90_business_days_to_tell"] == 5.5


@pytest.mark.parametrize("by", ["channel_kind", "channel", "status", "country", "role", "stage_reached"])
def test_health_by_a_candidate_grouping_splits_the_candidates_and_counts_each_group_as_its_own(berlin_timelines, by):
    """An analyst asked for 'share within target by channel' and did it by hand: process_health refused by='channel'."""
    tl = berlin_timelines
    h = process_health(tl, by=by).set_index(by)
    assert h["n_candidates"].sum() == len(tl)
    for group, row in h.iterrows():
        if by in ("channel", "channel_kind") and group == "(not told)":
            part = tl[tl["notified_on"].isna()]
        else:
            part = tl[tl[by].astype("object").fillna("(not given)") == group]
        assert row["n_candidates"] == len(part)
        assert row["overdue_now"] == (part["target_status"] == "overdue").sum()
        due = part["target_status"].isin(["on_time", "late", "overdue"]).sum()
        expected = (part["target_status"] == "on_time").sum() / due if due else None
        assert (pd.isna(row["share_within_target"]) and expected is None) or row["share_within_target"] == pytest.approx(expected)
    with pytest.raises(ToolkitError, match=f"cannot be split by {by}"):
        process_health(tl, by=by, scores=pd.DataFrame({"round_id": ["r"], "expected_scores": [1], "missing_scores": [0]}))


def test_health_by_channel_kind_says_who_was_not_told_yet(berlin_timelines):
    h = process_health(berlin_timelines, by="channel_kind").set_index("channel_kind")
    assert set(h.index) == {"personal", "written", "form_letter", "(not told)"}
    assert h.loc["(not told)", "n_told"] == 0 and h.loc["(not told)", "overdue_now"] == 2  # C5 and C7
