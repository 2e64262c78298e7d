"""Response-time charts show the hand-counted numbers, stay readable at 1,000 candidates, and say things in HR's words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from rounds_for_timelines import berlin_frames, berlin_round, manchester_round
from toolkit.analytics.timelines import timelines
from toolkit.charts.response_times import (
    channel_mix,
    days_to_tell_histogram,
    overdue_table,
    timeline_chart,
    within_target_by_month,
)
from toolkit.model import Rounds
from toolkit.validate import round_from_frames


@pytest.fixture(scope="module")
def berlin_tl():
    return timelines(berlin_round(as_of="2025-10-09"), as_of="2025-10-09")


@pytest.fixture(scope="module")
def two_rounds_tl():
    rounds = Rounds((berlin_round(as_of="2026-03-20"), manchester_round(as_of="2026-03-20")))
    return timelines(rounds, as_of="2026-03-20")


def bars(fig: go.Figure) -> dict[str, dict]:
    return {tr.name: dict(zip(list(tr.x), list(tr.y))) for tr in fig.data if tr.type == "bar"}


def test_histogram_counts_each_candidate_once_with_the_target_line(berlin_tl):
    fig = days_to_tell_histogram(berlin_tl)
    # told: C2 after 1 and C4 after 3 (on time), C3 after 4 (late); waiting: C8 3 (within), C5 and C7 4 (overdue)
    assert bars(fig) == {
        "Told on time (2)": {1: 1, 3: 1},
        "Told late (1)": {4: 1},
        "Not told yet, within target (1)": {3: 1},
        "Not told yet, overdue (2)": {4: 2},
    }
    (line,) = fig.layout.shapes
    assert line.x0 == 3.5  # between the last on-time day and the first late one
    assert fig.layout.annotations[0].text == "target: 3 business days"
    assert fig.layout.xaxis.title.text == "Business days from decision to telling the candidate"
    assert fig.layout.yaxis.title.text == "Candidates"


def test_histogram_with_different_targets_counts_days_past_target(two_rounds_tl):
    fig = days_to_tell_histogram(two_rounds_tl)
    assert "past the round's target" in fig.layout.xaxis.title.text
    got = bars(fig)
    # Manchester (target 5): told after 1 and 5 -> -4 and 0; Dev waits 5 -> 0 (due today)
    # Berlin (target 3): told after 1, 3 (on time) and 4 (late); the three still waiting are far past
    assert got["Told on time (4)"] == {-4: 1, -2: 1, 0: 2}
    assert got["Told late (1)"] == {1: 1}
    assert got["Not told yet, within target (1)"] == {0: 1}
    assert sum(got["Not told yet, overdue (3)"].values()) == 3
    assert fig.layout.shapes[0].x0 == 0.5


def test_timeline_has_one_trace_per_segment_and_hover_text_in_words(berlin_tl):
    fig = timeline_chart(berlin_tl)
    names = [tr.name for tr in fig.data]
    assert names == ["Target window", "Last interview → decision", "Decision → told (on time)", "Decision → told (late)",
                     "Not told yet (within target)", "Not told yet (overdue)", "Told"]
    # measured candidates only, earliest decision first (C8 decided on 6 October, the others on 2 October)
    assert list(fig.layout.yaxis.categoryarray) == ["Emma Wolf", "Jonas Weber", "Mia Schulz", "Paul Fischer", "Sara Klein", "Tim Koch"]
    late = next(tr for tr in fig.data if tr.name == "Decision → told (late)")
    assert list(late.y) == ["Mia Schulz"]
    assert late.customdata[0][0] == "Decided 02 Oct 2025 → told 09 Oct 2025 by email: 4 business days (target 3 business days)"
    overdue = next(tr for tr in fig.data if tr.name == "Not told yet (overdue)")
    assert list(overdue.y) == ["Emma Wolf", "Sara Klein"]
    assert "waiting 4 business days as of 09 Oct 2025" in overdue.customdata[0][0]
    # target window from the decision (Thu 2 Oct) to the end of the due day (Wed 8 Oct): 7 calendar days
    window = fig.data[0]
    assert window.base[0] == "2025-10-02" and window.x[0] == 7 * 86_400_000
    assert pd.Timestamp(fig.layout.shapes[0].x0) == pd.Timestamp("2025-10-09")
    assert fig.layout.annotations[0].text == "as of 09 Oct 2025"


def many_candidates(n: int):
    """One round of ``n`` rejected candidates decided over 60 days from Monday 5 January 2026, a fifth not told, as of 31 March."""
    rng = np.random.default_rng(3)
    decided = pd.Timestamp("2026-01-05") + pd.to_timedelta(rng.integers(0, 60, n), unit="D")
    told = pd.Series(decided + pd.to_timedelta(rng.integers(0, 12, n), unit="D")).where(rng.random(n) > 0.2)
    candidates = pd.DataFrame({
        "candidate_id": [f"A{i:04d}" for i in range(n)],
        "name": [f"Person {i}" for i in range(n)],
        "status": "rejected",
        "last_interview_on": (decided - pd.Timedelta(days=3)).strftime("%Y-%m-%d"),
        "decided_on": decided.strftime("%Y-%m-%d"),
        "notified_on": told.dt.strftime("%Y-%m-%d"),
        "channel": np.where(told.notna(), "email", None),
    })
    scores = pd.DataFrame({"candidate_id": candidates["candidate_id"], "interviewer": "Sam", "criterion": "SQL", "score": 3})
    rnd = round_from_frames({"role": "Analyst", "country": "GB"}, pd.DataFrame({"criterion": ["SQL"], "rank": [1]}),
                            candidates, scores, as_of="2026-03-31")
    return candidates, decided, timelines(rnd, as_of="2026-03-31")


def test_timeline_stays_readable_with_a_thousand_candidates():
    n = 1000
    candidates, decided, tl = many_candidates(n)
    fig = timeline_chart(tl)
    assert len(fig.data) <= 7
    assert sum(len(tr.y) for tr in fig.data if tr.name == "Target window") == n
    assert fig.layout.yaxis.showticklabels is False and "1,000 candidates" in fig.layout.yaxis.title.text
    assert fig.layout.height <= 1800
    order = list(fig.layout.yaxis.categoryarray)
    by_label = dict(zip(candidates["name"], decided))
    assert [by_label[x] for x in order] == sorted(by_label[x] for x in order)


def test_timeline_of_five_thousand_candidates_is_drawn_per_week_and_says_so():
    """Beyond 1,000 candidates one row each is unreadable and makes the process-health page megabytes large."""
    _, decided, tl = many_candidates(5000)
    fig = timeline_chart(tl)
    assert "aggregated" in fig.layout.title.text and "5,000 candidates" in fig.layout.title.subtitle.text
    points = sum(len(tr.x) for tr in fig.data)
    assert points < 100  # 9 weeks of decisions, six series
    weeks = [d.strftime("Week of %a %d %b %Y") for d in sorted({d - pd.Timedelta(days=d.weekday()) for d in decided})]
    bars_ = {tr.name: tr for tr in fig.data if tr.type == "bar"}
    assert list(bars_["Told on time"].customdata) == weeks
    # every measured candidate is counted once, in the status the per-candidate chart gives them
    counted = {name: int(sum(tr.y)) for name, tr in bars_.items()}
    statuses = tl["target_status"].value_counts()
    assert counted == {"Told on time": statuses.get("on_time", 0), "Told late": statuses.get("late", 0),
                       "Not told yet (within target)": statuses.get("pending", 0),
                       "Not told yet (overdue)": statuses.get("overdue", 0)}
    assert sum(counted.values()) == 5000
    # the median line is the median business days to tell of each week's told candidates
    told = tl[tl["notified_on"].notna()]
    week = told["decided_on"] - pd.to_timedelta(told["decided_on"].dt.day_of_week, unit="D")
    median = told["business_days_to_tell"].astype(float).groupby(week).median()
    line = next(tr for tr in fig.data if tr.name == "Median business days to tell")
    assert list(line.y) == median.tolist()
    # the target and the as-of date are still marked
    assert "target: 3 business days" in [a.text for a in fig.layout.annotations]
    assert "as of 31 Mar 2026" in [a.text for a in fig.layout.annotations]
    assert len(fig.to_json()) < 20_000


def test_a_small_timeline_still_shows_each_candidate_and_the_limit_can_be_moved(berlin_tl):
    fig = timeline_chart(berlin_tl)
    assert "aggregated" not in fig.layout.title.text
    told = next(tr for tr in fig.data if tr.name == "Told")
    assert sorted(told.y) == ["Jonas Weber", "Mia Schulz", "Paul Fischer"]
    # an analyst can ask for the weekly view of a small round, or for every candidate of a large one
    weekly = timeline_chart(berlin_tl, aggregate_above=0)
    assert "aggregated" in weekly.layout.title.text
    # the weekly view of a few candidates: the subtitle does not call them too many, and the hover names the statistic
    # (an interpolated 90th percentile of 1 and 3 days is 2.8: "9 in 10 heard within 2.8 days" would be false)
    assert "too many" not in weekly.layout.title.text
    p90 = next(tr for tr in weekly.data if tr.name == "90th percentile")
    assert "90th percentile" in p90.hovertemplate and "within" not in p90.hovertemplate
    _, _, tl = many_candidates(1500)
    every = timeline_chart(tl, aggregate_above=None)
    assert sum(len(tr.y) for tr in every.data if tr.name == "Target window") == 1500


def test_within_target_by_month(two_rounds_tl):
    fig = within_target_by_month(two_rounds_tl)
    (bar,) = fig.data
    # the months between, without decisions, keep their place: the trend does not look unbroken from October to March
    assert list(bar.x) == ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    # October: 2 told on time of 3 told, and 3 still not told months after the target count against it
    assert list(np.round(np.asarray(bar.y, dtype=float)[[0, 5]], 1)) == [33.3, 100.0] and np.isnan(np.asarray(bar.y, dtype=float)[1:5]).all()
    assert list(bar.text) == ["33% (2 of 6)", "", "", "", "", "100% (2 of 2)"]
    assert fig.layout.yaxis.title.text == "Told within target (%)"


def test_channel_mix_per_round_and_for_finalists(berlin_tl):
    per_round = bars(channel_mix(berlin_tl))
    assert per_round == {
        "Personal (phone, video, in person)": {"berlin": 1},
        "Written (email, letter)": {"berlin": 1},
        "Form letter": {"berlin": 1},
    }
    finalists = bars(channel_mix(berlin_tl, by="finalist"))
    # Jonas (video) and Mia (email) reached the final interview; Paul got a form letter after the first
    assert finalists == {
        "Personal (phone, video, in person)": {"Finalists": 1, "Earlier stages": 0},
        "Written (email, letter)": {"Finalists": 1, "Earlier stages": 0},
        "Form letter": {"Finalists": 0, "Earlier stages": 1},
    }


def test_overdue_table_lists_names_longest_waiting_first():
    tl = timelines(berlin_round(as_of="2025-10-10"), as_of="2025-10-10")
    fig = overdue_table(tl)
    table = fig.data[0]
    assert isinstance(table, go.Table)
    assert list(table.cells.values[1]) == ["Emma Wolf", "Sara Klein", "Tim Koch"]
    assert list(table.cells.values[2]) == ["rejected", "pending", "rejected"]  # Sara Klein: the round decided, she is pending
    assert list(table.cells.values[3]) == ["5", "5", "4"]
    assert list(table.cells.values[6]) == ["Jana Becker"] * 3
    assert fig.layout.title.text == "Not told yet and past the target as of 10 Oct 2025: 3 candidates"


def test_overdue_table_says_when_nobody_is_overdue():
    tl = timelines(berlin_round(as_of="2025-10-08"), as_of="2025-10-08")
    fig = overdue_table(tl)
    assert list(fig.data[0].cells.values[0]) == ["Nobody is overdue"]
    assert fig.layout.title.text.endswith(": 0 candidates")


def test_names_are_escaped_in_labels_and_tables():
    role, criteria, candidates, scores = berlin_frames()
    candidates.loc[candidates["candidate_id"] == "C5", "name"] = "Emma <Wolf> & Co"
    rnd = round_from_frames(role, criteria, candidates, scores, as_of="2025-10-09")
    tl = timelines(rnd, as_of="2025-10-09")
    assert "Emma &lt;Wolf&gt; &amp; Co" in list(timeline_chart(tl).layout.yaxis.categoryarray)
    assert "Emma &lt;Wolf&gt; &amp; Co" in list(overdue_table(tl).data[0].cells.values[1])


def test_charts_draw_before_anyone_has_been_turned_down(berlin_tl):
    only_hire = berlin_tl[berlin_tl["status"] == "hired"]
    assert bars(days_to_tell_histogram(only_hire)) == {
        "Told on time (0)": {}, "Told late (0)": {}, "Not told yet, within target (0)": {}, "Not told yet, overdue (0)": {},
    }
    assert [tr for tr in timeline_chart(only_hire).data if tr.type == "bar"] == []
    assert len(within_target_by_month(only_hire).data[0].x) == 0
    assert channel_mix(only_hire).data == ()
    assert list(overdue_table(only_hire).data[0].cells.values[0]) == ["Nobody is overdue"]


def test_late_overdue_and_form_letters_differ_from_the_rest_by_more_than_colour(two_rounds_tl):
    """An accessibility review: on time (#2a9d8f) and late (#e76f51) are 1.07:1 apart in grey, so the status rested on
    colour alone (WCAG 1.4.1). What went wrong carries a pattern over its colour, in the bars and in the legend."""
    import toolkit

    rounds = toolkit.load_rounds("data/sample", as_of="2026-03-20")
    tl = timelines(rounds, as_of="2026-03-20")
    for fig in (timeline_chart(tl), days_to_tell_histogram(tl), channel_mix(tl)):
        by_name = {t.name: t for t in fig.data if t.type == "bar"}
        patterned = {n for n, t in by_name.items() if t.marker.pattern and t.marker.pattern.shape}
        for name, t in by_name.items():
            wrong = any(w in name.lower() for w in ("late", "overdue", "form letter", "not recorded"))
            assert (name in patterned) == wrong, (name, patterned)
            if wrong:  # the colour stays underneath (a pattern that replaced it drew white on nothing)
                assert t.marker.pattern.fillmode == "overlay" and t.marker.color
        assert patterned, [t.name for t in fig.data]


def test_an_empty_chart_says_why_and_what_to_do():
    """An auditor's review: an export without decision dates gave four blank charts (one showing only the label of its
    100 % line, "all told within target"), and nothing said that no one could be timed."""
    role, criteria, candidates, scores = berlin_frames()
    undated = round_from_frames({**role, "decided_on": None}, criteria, candidates.assign(decided_on=None, notified_on=None),
                                scores, round_id="undated", as_of="2025-10-09")
    tl = timelines(undated, as_of="2025-10-09")
    assert (tl["target_status"] == "not_applicable").all()
    for chart in (days_to_tell_histogram, within_target_by_month, channel_mix, timeline_chart):
        texts = [a.text for a in chart(tl).layout.annotations]
        assert any(t.startswith("Nothing to show: none of the") and "no decision date" in t and "decided_on" in t for t in texts), chart
        assert "all told within target" not in texts
    # decided, nobody told yet: the channels chart says so; the others have the waiting candidates to draw
    waiting = timelines(round_from_frames(role, criteria, candidates.assign(notified_on=None, channel=None), scores,
                                          round_id="waiting", as_of="2025-10-09"), as_of="2025-10-09")
    assert [a.text for a in channel_mix(waiting).layout.annotations][0].startswith("Nothing to show yet: none of the")
    assert not any("Nothing to show" in (a.text or "") for a in days_to_tell_histogram(waiting).layout.annotations)


def test_a_chart_with_something_to_draw_has_no_empty_note(berlin_tl):
    for chart in (days_to_tell_histogram, within_target_by_month, channel_mix, timeline_chart):
        assert not any("Nothing to show" in (a.text or "") for a in chart(berlin_tl).layout.annotations), chart
