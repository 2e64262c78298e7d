"""Business days across real public holidays: the counts HR audits are made of.

Rule: working days after the decision up to and including the day told.
Every expected number below was counted on a calendar by hand.
"""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.analytics.business_days import (
    add_business_days,
    business_days,
    business_days_between,
    calendar_name,
    holiday_dates,
)


@pytest.mark.parametrize(
    ("start", "end", "country", "expected", "why"),
    [
        # Weekends
        ("2026-03-13", "2026-03-16", "DE", 1, "Friday decision told Monday"),
        ("2026-03-13", "2026-03-17", "DE", 2, "Friday decision told Tuesday"),
        ("2026-03-13", "2026-03-13", "DE", 0, "told the same day"),
        ("2026-03-13", "2026-03-14", "DE", 0, "told on the Saturday: no working day passed"),
        ("2026-03-14", "2026-03-16", "SE", 1, "Saturday decision told Monday"),
        ("2026-03-09", "2026-03-20", "GB", 9, "Monday to the Friday of the next week"),
        # Germany: German Unity Day, Friday 3 October 2025
        ("2025-10-02", "2025-10-06", "DE", 1, "Thursday -> Monday over Unity Day"),
        ("2025-10-02", "2025-10-06", None, 2, "the same dates without holidays"),
        # Germany: Easter 2026 (Good Friday 3 April, Easter Monday 6 April)
        ("2026-04-02", "2026-04-07", "DE", 1, "Thursday before Easter -> Tuesday after"),
        # Sweden: Midsummer Eve, Friday 19 June 2026 (a de-facto holiday)
        ("2026-06-18", "2026-06-22", "SE", 1, "Thursday -> Monday over Midsummer Eve"),
        # Sweden: National Day, Friday 6 June 2025
        ("2025-06-05", "2025-06-09", "SE", 1, "Thursday -> Monday over National Day"),
        # Sweden: National Day 2026 is a Saturday and costs nothing extra
        ("2026-06-05", "2026-06-08", "SE", 1, "Friday -> Monday, National Day on the Saturday"),
        # Sweden: Easter 2025 (Good Friday 18 April, Easter Monday 21 April)
        ("2025-04-17", "2025-04-22", "SE", 1, "Thursday before Easter -> Tuesday after"),
        # 1 May is a holiday in DE and SE; the UK has its early May bank holiday on Monday 4 May 2026
        ("2026-04-30", "2026-05-05", "DE", 2, "Fri 1 May off: Mon + Tue"),
        ("2026-04-30", "2026-05-05", "SE", 2, "Fri 1 May off: Mon + Tue"),
        ("2026-04-30", "2026-05-05", "GB", 2, "Mon 4 May off: Fri + Tue"),
        ("2026-04-30", "2026-05-05", "", 3, "no holidays: Fri + Mon + Tue"),
        # UK: Good Friday and Easter Monday 2026 (England and Wales)
        ("2026-04-02", "2026-04-07", "GB", 1, "Easter in England"),
        ("2026-04-02", "2026-04-07", "UK", 1, "UK means GB"),
        ("2026-04-02", "2026-04-07", "GB-SCT", 2, "Scotland has no Easter Monday holiday"),
        # UK: Christmas 2026: Fri 25 Dec, Boxing Day on Sat 26 observed Mon 28 Dec
        ("2026-12-24", "2026-12-29", "GB", 1, "only Tuesday 29 counts"),
        ("2026-12-24", "2026-12-29", "DE", 2, "Germany works on Monday 28"),
        ("2026-12-23", "2027-01-04", "SE", 4, "Swedish Christmas and New Year's Eves off: 28, 29, 30 Dec and 4 Jan"),
        # Unknown country: weekends only
        ("2025-10-02", "2025-10-06", "Atlantis", 2, "unknown country counts weekends only"),
        # Told before the decision (a data error the validator reports): negative
        ("2026-03-16", "2026-03-13", "DE", -1, "end before start"),
    ],
)
def test_business_days_between_counts_across_real_holidays(start, end, country, expected, why):
    assert business_days_between(start, end, country) == expected, why


def test_vectorised_count_matches_the_scalar_one_and_keeps_missing_dates_missing():
    starts = pd.Series(pd.to_datetime(["2025-10-02", "2026-06-18", "2026-04-30", "2026-04-30", None, "2026-03-13"]))
    ends = pd.Series(pd.to_datetime(["2025-10-06", "2026-06-22", "2026-05-05", "2026-05-05", "2026-03-16", None]))
    countries = pd.Series(["DE", "SE", "GB", None, "DE", "DE"], dtype="str")
    result = business_days(starts, ends, countries)
    assert str(result.dtype) == "Int64"
    assert result.tolist()[:4] == [1, 1, 2, 3]
    assert result.isna().tolist() == [False, False, False, False, True, True]
    assert result.attrs["weekends_only"] == ["weekends only (no country given)"]


def test_one_country_for_all_rows():
    result = business_days(pd.Series(["2025-10-02", "2025-10-02"]), pd.Series(["2025-10-06", "2025-10-07"]), "DE")
    assert result.tolist() == [1, 2]
    assert result.attrs["weekends_only"] == []


def test_blank_and_unknown_countries_are_reported_as_weekends_only():
    assert calendar_name(None) == "weekends only (no country given)"
    assert calendar_name("  ") == "weekends only (no country given)"
    assert calendar_name("XX") == "weekends only (unknown country 'XX')"
    assert calendar_name("uk") == "GB-ENG"
    assert calendar_name("Sverige") == "SE"
    assert calendar_name("de-by") == "DE-BY"


def test_swedish_calendar_includes_midsummer_eve_and_christmas_eve():
    days = set(holiday_dates("SE", 2026, 2026))
    assert dt.date(2026, 6, 19) in days  # Midsummer Eve
    assert dt.date(2026, 12, 24) in days  # Christmas Eve
    assert dt.date(2026, 6, 6) in days  # National Day


@pytest.mark.parametrize(
    ("start", "n", "country", "expected"),
    [
        ("2025-10-02", 3, "DE", "2025-10-08"),  # Thu + 3 over Unity Day: Mon, Tue, Wed
        ("2026-03-13", 3, "GB", "2026-03-18"),  # Fri + 3: Mon, Tue, Wed
        ("2026-03-14", 3, "GB", "2026-03-18"),  # Saturday decision: the same three working days
        ("2026-03-13", 0, "GB", "2026-03-13"),  # target 0: the decision day itself
        ("2026-03-14", 0, "GB", "2026-03-14"),  # target 0 on a Saturday: that Saturday (Sunday is still 0 days, Monday 1)
        ("2026-06-17", 2, "SE", "2026-06-22"),  # Wed + 2: Thu 18, (Midsummer Eve 19), Mon 22
        ("2026-12-23", 5, "GB", "2027-01-04"),  # across the year end: 24, 29, 30, 31 Dec, 4 Jan (1 Jan off)
    ],
)
def test_add_business_days_gives_the_due_day(start, n, country, expected):
    due = add_business_days(pd.Series([start]), n, country)
    assert due.iloc[0] == pd.Timestamp(expected)
    assert business_days_between(start, expected, country) == n
    if n == 0:  # the day after a weekend decision is still on time, the next working day is not
        assert business_days_between(start, (pd.Timestamp(start) + pd.Timedelta(days=1)).date(), country) == (pd.Timestamp(start).weekday() < 4)


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)),
    length=st.integers(0, 60),
    country=st.sampled_from(["DE", "SE", "GB", None]),
)
def test_count_equals_walking_the_calendar_day_by_day(start, length, country):
    end = start + dt.timedelta(days=length)
    off = set(holiday_dates(country, start.year, end.year)) if country else set()
    walked = sum(
        1
        for k in range(1, length + 1)
        if (d := start + dt.timedelta(days=k)).weekday() < 5 and d not in off
    )
    assert business_days_between(start, end, country) == walked


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)),
    n=st.integers(0, 30),
    country=st.sampled_from(["DE", "SE", "GB", "Atlantis"]),
)
def test_due_day_is_a_working_day_exactly_n_working_days_later(start, n, country):
    due = add_business_days(pd.Series([start]), n, country).iloc[0].date()
    assert business_days_between(start, due, country) == n
    if n > 0:
        off = set(holiday_dates(country, due.year, due.year))
        assert due.weekday() < 5 and due not in off
        # and it is the first such day: the day before is still short of n
        assert business_days_between(start, due - dt.timedelta(days=1), country) == n - 1


def test_a_million_rows_take_well_under_a_second():
    rng = np.random.default_rng(7)
    n = 1_000_000
    starts = pd.Series(pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 1000, n), unit="D")).astype("datetime64[s]")
    ends = starts + pd.to_timedelta(rng.integers(0, 40, n), unit="D")
    countries = pd.Series(rng.choice(["DE", "SE", "GB", "UK", ""], n), dtype="str")
    business_days(starts.head(10), ends.head(10), countries.head(10))  # warm the holiday cache
    t0 = time.perf_counter()
    result = business_days(starts, ends, countries)
    elapsed = time.perf_counter() - t0
    assert result.notna().all()
    # generous for a loaded 2-core CI machine; it takes about 0.3 s on a laptop
    assert elapsed < 2.0, f"{elapsed:.2f} s for a million rows"
