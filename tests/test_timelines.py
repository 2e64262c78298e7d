"""Per-candidate timelines: who was told how fast, how, and who is still waiting as of a date.

Expected values were counted by hand (see the calendar in rounds_for_timelines.py).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rounds_for_timelines import berlin_frames, berlin_round, manchester_round
from toolkit.analytics.timelines import TIMELINE_COLUMNS, final_stage, overdue_now, parse_as_of, timelines
from toolkit.errors import ToolkitError
from toolkit.model import Rounds
from toolkit.validate import round_from_frames


def by_id(df: pd.DataFrame) -> pd.DataFrame:
    return df.set_index("candidate_id")


def test_berlin_round_as_of_thursday_9_october():
    t = timelines(berlin_round(), as_of="2025-10-09")
    assert list(t.columns) == TIMELINE_COLUMNS
    t = by_id(t)
    columns = ["target_status", "business_days_to_tell", "days_to_tell", "business_days_waiting", "channel_kind", "told_personally"]
    expected = {
        "C1": ("not_applicable", 0, 0, None, "personal", True),   # hired: told the same day, not measured
        "C2": ("on_time", 1, 4, None, "personal", True),          # Thu -> Mon over Unity Day
        "C3": ("late", 4, 7, None, "written", False),             # Thu -> next Thu
        "C4": ("on_time", 3, 6, None, "form_letter", False),      # told on the due day
        "C5": ("overdue", None, None, 4, None, None),             # due Wed 8, not told
        "C6": ("not_applicable", None, None, None, None, None),   # withdrawn
        "C7": ("overdue", None, None, 4, None, None),             # pending, but the round decided
        "C8": ("pending", None, None, 3, None, None),             # own decision Mon 6: due today
    }
    got = {cid: tuple(None if pd.isna(v) else v for v in row) for cid, row in zip(t.index, t[columns].astype(object).values)}
    assert got == expected


def test_due_dates_and_round_decision_date_fill():
    t = by_id(timelines(berlin_round(), as_of="2025-10-09"))
    assert t.loc["C2", "decided_on"] == pd.Timestamp("2025-10-02")  # blank: the round's decision date
    assert t.loc["C8", "decided_on"] == pd.Timestamp("2025-10-06")  # own date kept
    assert t.loc["C5", "due_on"] == pd.Timestamp("2025-10-08")
    assert t.loc["C8", "due_on"] == pd.Timestamp("2025-10-09")
    assert pd.isna(t.loc["C1", "due_on"]) and pd.isna(t.loc["C6", "due_on"])
    assert t["target_days"].unique().tolist() == [3]
    assert set(t["calendar"]) == {"DE"}
    # last interview -> decision: Tue 30 Sep -> Thu 2 Oct = 2 business days, 2 calendar days
    assert (t.loc["C2", "days_to_decide"], t.loc["C2", "business_days_to_decide"]) == (2, 2)


@pytest.mark.parametrize(
    ("as_of", "emma", "tim"),
    [
        ("2025-10-08", ("pending", 3), ("pending", 2)),   # Emma's due day: still on time
        ("2025-10-09", ("overdue", 4), ("pending", 3)),   # the day after: overdue; Tim's due day
        ("2025-10-10", ("overdue", 5), ("overdue", 4)),
        ("2025-10-11", ("overdue", 5), ("overdue", 4)),   # Saturday: nobody waits longer
    ],
)
def test_open_cases_age_with_the_as_of_date(as_of, emma, tim):
    t = by_id(timelines(berlin_round(as_of="2025-10-11"), as_of=as_of))
    assert (t.loc["C5", "target_status"], t.loc["C5", "business_days_waiting"]) == emma
    assert (t.loc["C8", "target_status"], t.loc["C8", "business_days_waiting"]) == tim


def test_due_on_friday_stays_pending_over_the_weekend_and_is_overdue_on_monday():
    """Documented choice: overdue means more than the target in *business* days have passed."""
    role, criteria, candidates, scores = berlin_frames()
    role = {**role, "country": "GB", "decided_on": "2026-03-10"}  # Tuesday; due Friday 13 March
    candidates = candidates.assign(decided_on=None, notified_on=None, channel=None, feedback_requested_on=None,
                                   feedback_sent_on=None, follow_up_on=None, stay_in_touch=None)
    rnd = round_from_frames(role, criteria, candidates, scores.assign(interviewed_on="2025-09-22"), as_of="2026-03-16")
    statuses = {day: by_id(timelines(rnd, as_of=day)).loc["C5", ["target_status", "due_on"]].tolist()
                for day in ("2026-03-13", "2026-03-14", "2026-03-15", "2026-03-16")}
    due = pd.Timestamp("2026-03-13")
    assert statuses == {
        "2026-03-13": ["pending", due],
        "2026-03-14": ["pending", due],
        "2026-03-15": ["pending", due],
        "2026-03-16": ["overdue", due],
    }


def test_finalists_follow_the_last_stage_by_date_or_stage_reached():
    rnd = berlin_round()
    assert final_stage(rnd) == "Final interview"
    t = by_id(timelines(rnd, as_of="2025-10-09"))
    # C1, C2, C7, C8 were scored in the final interview; C3 reached it per stage_reached ("final  interview")
    assert t["is_finalist"].to_dict() == {
        "C1": True, "C2": True, "C3": True, "C4": False, "C5": False, "C6": False, "C7": True, "C8": True,
    }


def test_round_without_stages_makes_everyone_scored_a_finalist():
    role, criteria, candidates, scores = berlin_frames()
    rnd = round_from_frames(role, criteria, candidates.assign(stage_reached=None), scores.assign(stage=None), as_of="2025-10-09")
    assert final_stage(rnd) is None
    assert timelines(rnd, as_of="2025-10-09")["is_finalist"].all()


def test_a_timeline_as_of_a_past_day_leaves_out_what_happened_after_it():
    """An audit "as of 13 March": C5 was told on the 20th, so on the 13th (a week after the decision) they were still
    waiting and overdue; C8's decision came on the 16th, so on the 13th nothing was due. The same round as of the
    20th shows C5 told late. (The loader warns about dates after its as_of: future_date.)"""
    role, criteria, candidates, scores = berlin_frames()
    role = {**role, "country": "GB", "decided_on": "2026-03-06"}
    candidates = candidates.assign(decided_on=None, notified_on=None, channel=None, feedback_requested_on=None,
                                   feedback_sent_on=None, follow_up_on=None, stay_in_touch=None)
    candidates.loc[candidates["candidate_id"] == "C5", ["notified_on", "channel"]] = ["2026-03-20", "email"]
    candidates.loc[candidates["candidate_id"] == "C8", "decided_on"] = "2026-03-16"
    rnd = round_from_frames(role, criteria, candidates, scores.assign(interviewed_on="2026-03-02"), as_of="2026-03-20")
    then = by_id(timelines(rnd, as_of="2026-03-13"))
    assert then.loc["C5", ["target_status", "business_days_waiting"]].tolist() == ["overdue", 5]
    assert pd.isna(then.loc["C5", "notified_on"]) and pd.isna(then.loc["C5", "business_days_to_tell"])
    assert pd.isna(then.loc["C5", "channel_kind"]) and pd.isna(then.loc["C5", "told_personally"])
    assert then.loc["C8", "target_status"] == "not_applicable" and pd.isna(then.loc["C8", "decided_on"])
    assert set(overdue_now(timelines(rnd, as_of="2026-03-13"))["candidate_id"]) >= {"C5"}
    later = by_id(timelines(rnd, as_of="2026-03-20"))
    assert later.loc["C5", ["target_status", "business_days_to_tell"]].tolist() == ["late", 10]
    assert later.loc["C8", "target_status"] in ("pending", "on_time", "late", "overdue")


def test_feedback_and_follow_up_status():
    t = by_id(timelines(berlin_round(), as_of="2025-10-09"))
    assert t["feedback_status"].to_dict() == {
        "C1": "not_requested", "C2": "answered", "C3": "waiting", "C4": "not_requested",
        "C5": "not_requested", "C6": "not_requested", "C7": "not_requested", "C8": "not_requested",
    }
    # requested Tue 7, sent Thu 9: 2 business days
    assert t.loc["C2", "feedback_business_days"] == 2
    assert t["feedback_business_days"].drop("C2").isna().all()
    assert t["follow_up_status"].to_dict() == {
        "C1": "not_applicable", "C2": "scheduled", "C3": "missing", "C4": "not_applicable",
        "C5": "overdue", "C6": "not_applicable", "C7": "not_applicable", "C8": "not_applicable",
    }


def test_follow_up_on_the_as_of_day_is_still_scheduled():
    t = by_id(timelines(berlin_round(as_of="2025-10-09"), as_of="2025-10-07"))
    assert t.loc["C5", "follow_up_status"] == "scheduled"


def test_runners_up_with_a_blank_stay_in_touch_are_in_the_pool_without_being_recorded_as_having_agreed():
    """A runner-up's letter offers to stay in touch, so a blank stay_in_touch puts them in the pool to follow up; the
    column still says what the sheet records (blank), as HR reads it as the record of who agreed (a DPO review found a
    blank shown as yes in the talent pool)."""
    rnd = berlin_round()
    t = by_id(timelines(rnd, as_of="2025-10-09", runners_up={("berlin", "C8"), ("berlin", "C1")}))
    assert t.loc["C8", "in_talent_pool"] and t.loc["C8", "follow_up_status"] == "missing"  # rejected: the letter offered it
    assert pd.isna(t.loc["C8", "stay_in_touch"])  # nobody recorded that C8 agreed
    assert t.loc["C1", "follow_up_status"] == "not_applicable" and not t.loc["C1", "in_talent_pool"]  # hired
    assert not t.loc["C4", "in_talent_pool"] and pd.isna(t.loc["C4", "stay_in_touch"])  # blank and not a runner-up
    assert t.loc["C2", "follow_up_status"] == "scheduled" and t.loc["C2", "stay_in_touch"]  # recorded yes stays


def test_a_pending_runner_up_is_not_followed_up_as_if_a_letter_had_offered_it():
    """Before the committee decides, the scores' runners-up have had no letter, so nothing offered to stay in touch: the
    talent pool counted them with follow-up 'missing' (356 in a real export of undecided rounds)."""
    role, criteria, candidates, scores = berlin_frames()  # C7 is pending
    rnd = round_from_frames(role, criteria, candidates, scores, as_of="2025-10-09")
    t = by_id(timelines(rnd, as_of="2025-10-09", runners_up={("berlin", "C7")}))
    assert t.loc["C7", "follow_up_status"] == "not_applicable" and not t.loc["C7", "in_talent_pool"]
    candidates.loc[candidates["candidate_id"] == "C7", "stay_in_touch"] = "yes"  # the committee said so: in the pool
    rnd = round_from_frames(role, criteria, candidates, scores, as_of="2025-10-09")
    assert by_id(timelines(rnd, as_of="2025-10-09", runners_up={("berlin", "C7")})).loc["C7", "follow_up_status"] == "missing"


def test_told_without_channel_is_unknown_and_not_personal():
    role, criteria, candidates, scores = berlin_frames()
    candidates.loc[candidates["candidate_id"] == "C4", "channel"] = None
    rnd = round_from_frames(role, criteria, candidates, scores, as_of="2025-10-09")
    t = by_id(timelines(rnd, as_of="2025-10-09"))
    assert t.loc["C4", "channel_kind"] == "unknown"
    assert bool(t.loc["C4", "told_personally"]) is False  # <NA> would raise here


def test_blank_country_counts_weekends_only_and_says_so():
    role, criteria, candidates, scores = berlin_frames()
    rnd = round_from_frames({**role, "country": None}, criteria, candidates, scores, as_of="2025-10-09")
    t = by_id(timelines(rnd, as_of="2025-10-09"))
    assert set(t["calendar"]) == {"weekends only (no country given)"}
    # Unity Day now counts: Thu 2 -> Mon 6 is 2 business days; the due day moves to Tue 7
    assert t.loc["C2", "business_days_to_tell"] == 2
    assert t.loc["C5", "due_on"] == pd.Timestamp("2025-10-07")
    assert t.loc["C5", "business_days_waiting"] == 5


def test_several_rounds_keep_their_own_country_and_target():
    rounds = Rounds((berlin_round(as_of="2026-03-23"), manchester_round(as_of="2026-03-23")))
    t = timelines(rounds, as_of="2026-03-20")
    m = by_id(t[t["round_id"] == "manchester"])
    assert m["target_days"].unique().tolist() == [5]
    assert m["calendar"].unique().tolist() == ["GB-ENG"]
    assert m["target_status"].to_dict() == {"U1": "not_applicable", "U2": "on_time", "U3": "on_time", "U4": "pending"}
    assert m.loc["U3", "business_days_to_tell"] == 5
    t_monday = by_id(timelines(rounds, as_of="2026-03-23"))
    assert t_monday.loc["U4", "target_status"] == "overdue"
    assert t_monday.loc["U4", "business_days_waiting"] == 6


def test_a_round_without_a_target_is_held_to_the_default_and_says_so():
    role, criteria, candidates, scores = berlin_frames()
    rnd = round_from_frames({**role, "response_target_days": None}, criteria, candidates, scores, as_of="2025-10-09", round_id="berlin")
    assert (rnd.role.response_target_days, rnd.role.response_target_given) == (3, False)
    both = Rounds((rnd, manchester_round(as_of="2026-03-20")))
    t = timelines(both, as_of="2026-03-20")
    given = t.groupby("round_id")[["target_days", "target_given"]].first()
    assert given.to_dict("index") == {"berlin": {"target_days": 3, "target_given": False},
                                      "manchester": {"target_days": 5, "target_given": True}}
    assert str(t["target_given"].dtype) == "boolean"
    assert str(timelines(Rounds(()), as_of="2026-03-20")["target_given"].dtype) == "boolean"
    # the default is the target the figures use: due on the 3rd working day after Thu 2 October (Unity Day off)
    assert by_id(t[t["round_id"] == "berlin"]).loc["C5", "due_on"] == pd.Timestamp("2025-10-08")


def test_a_default_target_stays_a_default_when_the_round_is_rebuilt_or_written_back(tmp_path):
    from toolkit import load_round
    from toolkit.workbook import write_scorecard_workbook

    role, criteria, candidates, scores = berlin_frames()
    rnd = round_from_frames({**role, "response_target_days": None}, criteria, candidates, scores, as_of="2025-10-09")
    again = round_from_frames(rnd.role, rnd.criteria, rnd.candidates, rnd.scores, as_of="2025-10-09")
    assert (again.role.response_target_days, again.role.response_target_given) == (3, False)
    path = write_scorecard_workbook(tmp_path / "round.xlsx", role=rnd.role, criteria=rnd.criteria, candidates=rnd.candidates,
                                    scores=rnd.scores)
    back = load_round(path, as_of="2025-10-09")
    assert (back.role.response_target_days, back.role.response_target_given) == (3, False)
    chosen = round_from_frames(role, criteria, candidates, scores, as_of="2025-10-09")  # 3 written: the committee's own 3
    assert (chosen.role.response_target_days, chosen.role.response_target_given) == (3, True)
    assert load_round(write_scorecard_workbook(tmp_path / "chosen.xlsx", role=chosen.role, criteria=chosen.criteria,
                                               candidates=chosen.candidates, scores=chosen.scores),
                      as_of="2025-10-09").role.response_target_given


@pytest.mark.parametrize("written", ["drei", 90, -1])
def test_a_target_that_cannot_be_used_is_an_error_that_says_the_default_is_used(written):
    role, criteria, candidates, scores = berlin_frames()
    rnd = round_from_frames({**role, "response_target_days": written}, criteria, candidates, scores, as_of="2025-10-09")
    (msg,) = rnd.problems.loc[rnd.problems["column"] == "response_target_days", "message"]
    assert msg.endswith("the default of 3 business days is used"), msg
    assert (rnd.role.response_target_days, rnd.role.response_target_given) == (3, False)


def test_overdue_now_lists_who_to_call_first():
    t = timelines(berlin_round(as_of="2025-10-10"), as_of="2025-10-10")
    got = overdue_now(t)
    assert list(got.columns) == ["round_id", "role", "candidate_id", "name", "status", "business_days_waiting", "decided_on", "due_on",
                                 "hiring_manager"]
    # Sara Klein is still pending after the round decided: the list says so, so HR decides on her as well as telling her
    assert got[["name", "status", "business_days_waiting"]].values.tolist() == [["Emma Wolf", "rejected", 5], ["Sara Klein", "pending", 5],
                                                                               ["Tim Koch", "rejected", 4]]
    assert set(got["hiring_manager"]) == {"Jana Becker"}
    assert got["role"].unique().tolist() == ["Social Media Lead"]


def test_nobody_overdue_on_the_due_day():
    assert overdue_now(timelines(berlin_round(as_of="2025-10-08"), as_of="2025-10-08")).empty


def test_as_of_must_be_a_date():
    with pytest.raises(ToolkitError, match="as_of is not a date"):
        parse_as_of("next Tuesday")
    assert parse_as_of(dt.date(2026, 3, 20)) == pd.Timestamp("2026-03-20")
    assert parse_as_of(None) == pd.Timestamp(dt.date.today())


_PROPERTY_ROUND = {}


def _one_candidate_round():
    if "r" not in _PROPERTY_ROUND:
        role, criteria, candidates, scores = berlin_frames()
        keep = candidates["candidate_id"] == "C5"
        _PROPERTY_ROUND["r"] = round_from_frames(
            {**role, "decided_on": None}, criteria, candidates[keep].assign(decided_on="2025-01-01", last_interview_on=None, follow_up_on=None),
            scores[scores["candidate_id"] == "C5"].assign(interviewed_on=None), as_of="2030-01-01")
        assert _PROPERTY_ROUND["r"].ok
    return _PROPERTY_ROUND["r"]


@settings(max_examples=40, deadline=None)
@given(
    decided=st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 1)),
    wait=st.integers(0, 20),
    country=st.sampled_from(["DE", "SE", "GB"]),
    target=st.integers(0, 10),
)
def test_pending_on_a_day_means_on_time_if_told_that_day(decided, wait, country, target):
    """The waiting status and the told status never disagree about the same day."""
    base = _one_candidate_round()
    day = decided + dt.timedelta(days=wait)
    cands = base.candidates.assign(decided_on=pd.Timestamp(decided)).astype({"decided_on": "datetime64[s]"})
    role = base.role.__class__(**{**{k: getattr(base.role, k) for k in base.role.__dataclass_fields__},
                                  "country": country, "response_target_days": target})
    waiting = base.with_(candidates=cands, role=role)
    told = base.with_(candidates=cands.assign(notified_on=pd.Timestamp(day), channel="phone").astype({"notified_on": "datetime64[s]"}), role=role)
    open_status = timelines(waiting, as_of=day)["target_status"].iloc[0]
    told_status = timelines(told, as_of=day)["target_status"].iloc[0]
    assert {"pending": "on_time", "overdue": "late"}[open_status] == told_status


def test_sample_overdue_list_names_the_people_the_story_says_are_overdue():
    """Counted by hand from the Candidates sheets of data/sample as of Friday 2026-03-20 (no holidays in March):

    Berlin (target 3): Emily Carter, decided Fri 6 Mar, not told: 5 + 5 = 10 business days.
      Hannah Schulz, decided Wed 18 Mar: 2 business days, still within target (not on the list).
    Stockholm (target 5): Ali Rahimi, decided Tue 10 Mar: 3 + 5 = 8 business days.
    Manchester (target 3): Wiktoria Nowak, decided Fri 13 Mar: 5 business days.
    """
    import toolkit
    from pathlib import Path

    rounds = toolkit.load_rounds(Path(__file__).resolve().parents[1] / "data" / "sample", as_of="2026-03-20")
    t = timelines(rounds, as_of="2026-03-20")
    got = overdue_now(t)
    assert got[["name", "business_days_waiting", "hiring_manager"]].values.tolist() == [
        ["Emily Carter", 10, "Katrin Vogel"],
        ["Ali Rahimi", 8, "Karin Lindqvist"],
        ["Wiktoria Nowak", 5, "Priya Shah"],
    ]
    assert t.loc[t["name"] == "Hannah Schulz", "target_status"].tolist() == ["pending"]
    # told exactly on the target day (Fri 13 -> Wed 18 Mar, 3 business days) is on time
    assert t.loc[t["name"] == "Kwame Mensah", ["business_days_to_tell", "target_status"]].values.tolist() == [[3, "on_time"]]
    late = set(t.loc[t["target_status"] == "late", "name"])
    assert late == {"Tobias Schmitt", "Oskar Lindberg", "Daniel Kowalski", "Jack Thompson", "Harriet Clarke"}


def test_timelines_default_to_the_day_the_rounds_were_loaded_for_and_save_to_parquet(tmp_path):
    """An analyst loaded the samples for 2026-03-20 and asked for the timelines: they came out as of today (other
    overdue candidates), and tl.to_parquet failed inside pandas on the date kept in attrs."""
    import toolkit

    rounds = toolkit.load_rounds("data/sample", as_of="2026-03-20")
    tl = timelines(rounds)
    assert set(tl["as_of"]) == {pd.Timestamp("2026-03-20")} and tl.attrs["as_of"] == "2026-03-20"
    assert tl.equals(timelines(rounds, as_of="2026-03-20"))
    assert len(overdue_now(tl)) == len(overdue_now(timelines(rounds, as_of="2026-03-20")))
    # a date given to timelines wins; rounds loaded for different days ask for one; rounds loaded without a day: today
    assert set(timelines(rounds, as_of="2026-04-01")["as_of"]) == {pd.Timestamp("2026-04-01")}
    other = toolkit.load_round("data/sample/berlin-social-media-lead.xlsx", as_of="2026-03-25")
    mixed = Rounds((rounds[0], other)) if rounds[0].round_id != other.round_id else Rounds((rounds[1], other))
    with pytest.raises(ToolkitError, match=r"loaded for different days \(2026-03-20, 2026-03-25\).*timelines\(rounds, as_of=\.\.\.\)"):
        timelines(mixed)
    assert set(timelines(mixed, as_of="2026-03-25")["as_of"]) == {pd.Timestamp("2026-03-25")}
    plain = toolkit.load_round("data/sample/berlin-social-media-lead.xlsx")
    assert set(timelines(Rounds((plain, rounds[1])))["as_of"]) == {pd.Timestamp("2026-03-20")}  # the one day asked for
    assert set(timelines(plain)["as_of"]) == {pd.Timestamp(dt.date.today())}
    path = tmp_path / "tl.parquet"
    overdue_now(tl).to_parquet(path)
    tl.to_parquet(path)
    back = pd.read_parquet(path)
    assert len(back) == len(tl) and back.attrs["as_of"] == "2026-03-20"


def test_a_timelines_table_read_back_from_csv_is_refused_with_the_way_back(tmp_path):
    """process_health(pd.read_csv('tl.csv'), by='month') failed inside pandas ("Can only use .dt accessor")."""
    from toolkit.analytics.health import process_health

    tl = timelines(berlin_round(), as_of="2026-03-20")
    tl.to_csv(tmp_path / "tl.csv", index=False)
    back = pd.read_csv(tmp_path / "tl.csv")
    with pytest.raises(ToolkitError, match="needs the timelines' dates as dates, and the column 'last_interview_on'") as e:
        process_health(back, by="month")
    assert "parse_dates=['last_interview_on', 'decided_on'" in str(e.value) and "to_parquet" in str(e.value)
    with pytest.raises(ToolkitError, match="needs the timelines' dates"):
        overdue_now(back)
    dated = [c for c in back.columns if c.endswith("_on") or c == "as_of"]
    fixed = pd.read_csv(tmp_path / "tl.csv", parse_dates=dated)
    assert process_health(fixed, by="month")["n_told"].sum() == process_health(tl, by="month")["n_told"].sum()
