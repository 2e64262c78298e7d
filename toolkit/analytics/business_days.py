"""Business days: weekends and the public holidays of a round's country.

The counting rule (used everywhere in Debrief):

    business days from ``start`` to ``end`` = the number of working days *after*
    ``start`` up to and *including* ``end``.

A working day is Monday to Friday that is not a public holiday of the
country. So a decision on a Friday told on the following Monday is
**1** business day; told on the same day is **0**; told on the Saturday is
**0** (nothing was lost: no working day passed). If ``end`` is before
``start`` the count is negative (the validator reports such rows).

Countries are ISO 3166 codes as the `holidays` package knows them ("DE",
"SE", "GB", "FR", ...), optionally with a subdivision ("DE-BY", "GB-SCT").
Accepted spellings: "UK" = "GB", and a few names ("Germany",
"Deutschland", "Sweden", "Sverige", "United Kingdom", "England", ...).
Choices where a country has more than one reading:

- ``GB`` without a subdivision uses the bank holidays of England and Wales
  (``GB-ENG``: Easter Monday and the August bank holiday included); write
  ``GB-SCT`` or ``GB-NIR`` for Scotland or Northern Ireland.
- ``SE`` adds the de-facto holidays Midsummer Eve, Christmas Eve and New
  Year's Eve to the public ones: Swedish employers close on those days.
- ``DE`` without a state uses the nationwide holidays only.

A blank or unknown country counts weekends only; `calendar_name` says so
(``"weekends only (no country given)"``), and so does the ``calendar``
column of `toolkit.analytics.timelines.timelines`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays as holidays_lib
import numpy as np
import pandas as pd

from ..coerce import is_blank as _is_blank

WEEKMASK = "1111100"
WEEKENDS_ONLY = "weekends only"

# Extra holiday categories per country, beyond "public".
EXTRA_CATEGORIES = {"SE": ("de_facto",)}
# Subdivision used when a country is given without one.
DEFAULT_SUBDIVISION = {"GB": "ENG"}
COUNTRY_NAMES = {
    "UK": "GB",
    "GERMANY": "DE",
    "DEUTSCHLAND": "DE",
    "SWEDEN": "SE",
    "SVERIGE": "SE",
    "SCHWEDEN": "SE",
    "UNITED KINGDOM": "GB",
    "GREAT BRITAIN": "GB",
    "ENGLAND": "GB-ENG",
    "WALES": "GB-WLS",
    "SCOTLAND": "GB-SCT",
    "NORTHERN IRELAND": "GB-NIR",
}




@lru_cache(maxsize=256)
def _resolve(text: str) -> tuple[str, str | None] | None:
    key = " ".join(text.strip().upper().replace("_", "-").split())
    key = COUNTRY_NAMES.get(key, key)
    country, _, subdiv = key.partition("-")
    country = COUNTRY_NAMES.get(country, country)
    subdiv = subdiv or DEFAULT_SUBDIVISION.get(country)
    try:
        holidays_lib.country_holidays(country, subdiv=subdiv, years=2000)
    except (NotImplementedError, KeyError, ValueError, AttributeError):
        return None
    return country, subdiv


def resolve_country(country: object) -> tuple[str, str | None] | None:
    """The (ISO code, subdivision) whose holidays apply, or None for weekends only.

    >>> resolve_country("uk")
    ('GB', 'ENG')
    >>> resolve_country("DE-BY")
    ('DE', 'BY')
    >>> resolve_country("Atlantis") is None
    True
    """
    if _is_blank(country):
        return None
    return _resolve(str(country))


def calendar_name(country: object) -> str:
    """What `business_days` counts for this country, in words for the reader.

    "DE", "SE", "GB-ENG", "DE-BY", or "weekends only (no country given)" /
    "weekends only (unknown country 'XX')".
    """
    if _is_blank(country):
        return f"{WEEKENDS_ONLY} (no country given)"
    resolved = resolve_country(country)
    if resolved is None:
        return f"{WEEKENDS_ONLY} (unknown country {str(country).strip()!r})"
    code, subdiv = resolved
    return f"{code}-{subdiv}" if subdiv else code


@lru_cache(maxsize=512)
def _holiday_dates(resolved: tuple[str, str | None] | None, first_year: int, last_year: int) -> np.ndarray:
    if resolved is None:
        return np.array([], dtype="datetime64[D]")
    code, subdiv = resolved
    years = range(first_year, last_year + 1)
    days = set(holidays_lib.country_holidays(code, subdiv=subdiv, years=years))
    for category in EXTRA_CATEGORIES.get(code, ()):
        days |= set(holidays_lib.country_holidays(code, subdiv=subdiv, years=years, categories=(category,)))
    return np.array(sorted(days), dtype="datetime64[D]")


def holiday_dates(country: object, first_year: int, last_year: int) -> list[dt.date]:
    """The public holidays `business_days` skips for ``country`` in these years (inclusive)."""
    arr = _holiday_dates(resolve_country(country), int(first_year), int(last_year))
    return [d.astype(object) for d in arr]


@lru_cache(maxsize=512)
def _calendar(resolved: tuple[str, str | None] | None, first_year: int, last_year: int) -> np.busdaycalendar:
    return np.busdaycalendar(weekmask=WEEKMASK, holidays=_holiday_dates(resolved, first_year, last_year))


def _to_day(value: object) -> np.datetime64 | None:
    if _is_blank(value):
        return None
    try:
        day = pd.Timestamp(value)
    except (ValueError, TypeError):
        day = pd.NaT
    if pd.isna(day):
        from ..errors import ToolkitError

        raise ToolkitError("not a date", value=value, allowed="a date, a Timestamp or YYYY-MM-DD text", hint="Pass e.g. '2026-03-20'")
    return np.datetime64(day.date(), "D")


def business_days_between(start: object, end: object, country: object) -> int | None:
    """Working days after ``start`` up to and including ``end`` (see the module docstring).

    ``start``/``end`` may be dates, timestamps or ISO strings; returns None
    when either is missing. Friday -> Monday is 1; same day is 0.
    """
    s, e = _to_day(start), _to_day(end)
    if s is None or e is None:
        return None
    years = sorted({int(str(s)[:4]), int(str(e)[:4])})
    cal = _calendar(resolve_country(country), years[0], years[-1])
    return int(_count(np.array([s]), np.array([e]), cal)[0])


def _count(s: np.ndarray, e: np.ndarray, cal: np.busdaycalendar) -> np.ndarray:
    """Working days in (s, e]; minus the working days in (e, s] when e is before s."""
    lo, hi = np.minimum(s, e), np.maximum(s, e)
    n = np.busday_count(lo + 1, hi + 1, busdaycal=cal)
    return np.where(e < s, -n, n)


def _days(series: pd.Series) -> np.ndarray:
    """datetime64[D] array; NaT where missing."""
    values = pd.to_datetime(series, errors="coerce")
    return values.to_numpy(dtype="datetime64[D]")


def _groups(countries: pd.Series) -> list[tuple[tuple[str, str | None] | None, list[object], np.ndarray]]:
    """(calendar, the country values as written, row positions) per resolved calendar.

    Blank and unknown countries share the calendar None (weekends only).
    """
    codes, uniques = pd.factorize(countries, use_na_sentinel=True)
    found: dict = {}
    for i, value in enumerate(uniques):
        found.setdefault(resolve_country(value), ([], []))
        found[resolve_country(value)][0].append(value)
        found[resolve_country(value)][1].append(i)
    if (codes == -1).any():
        found.setdefault(None, ([], []))
        found[None][0].append(None)
        found[None][1].append(-1)
    return [(key, values, np.flatnonzero(np.isin(codes, idx))) for key, (values, idx) in found.items()]


def _year_range(*arrays: np.ndarray) -> tuple[int, int]:
    years = [a[~np.isnat(a)].astype("datetime64[Y]").astype(int) + 1970 for a in arrays]
    years = np.concatenate(years) if years else np.array([], dtype=int)
    if len(years) == 0:
        return 2000, 2000
    return int(years.min()), int(years.max())


def business_days(starts: pd.Series, ends: pd.Series, countries: pd.Series | str | None) -> pd.Series:
    """Vectorised `business_days_between`: one Int64 per row, <NA> where a date is missing.

    ``starts``, ``ends`` and ``countries`` go together row by row (by
    position; the result takes the index of ``starts``); ``countries`` may
    also be one code for all rows.
    The result's ``attrs["weekends_only"]`` lists the blank or unknown
    countries that were counted with weekends only (empty when none).
    """
    starts = pd.Series(starts)
    index = starts.index
    ends = pd.Series(ends, index=index) if not isinstance(ends, pd.Series) else ends
    if not isinstance(countries, pd.Series):
        countries = pd.Series([countries] * len(index), index=index, dtype="object")
    s, e = _days(starts), _days(ends)
    out = np.zeros(len(index), dtype="int64")
    valid = ~(np.isnat(s) | np.isnat(e))
    weekends_only: list[str] = []
    for resolved, written, rows in _groups(countries):
        rows = rows[valid[rows]]
        if len(rows) == 0:
            continue
        if resolved is None:
            weekends_only.extend(sorted({calendar_name(c) for c in written}))
        first, last = _year_range(s[rows], e[rows])
        cal = _calendar(resolved, first, last)
        out[rows] = _count(s[rows], e[rows], cal)
    result = pd.Series(out, index=index, dtype="Int64", name="business_days")
    result[~valid] = pd.NA
    result.attrs["weekends_only"] = weekends_only
    return result


def add_business_days(starts: pd.Series, days: pd.Series | int, countries: pd.Series | str | None) -> pd.Series:
    """The ``days``-th working day after each start (datetime64[s]; NaT where missing).

    This is the inverse of the counting rule: ``business_days(start,
    add_business_days(start, n)) == n`` and the result is a working day.
    With ``days == 0`` the result is the start itself, a weekend or holiday
    too: a decision taken on a Saturday with a target of 0 is due that
    Saturday, and telling on the Sunday is still on time (0 business days),
    on the Monday late (1).
    """
    starts = pd.Series(starts)
    index = starts.index
    if not isinstance(days, pd.Series):
        days = pd.Series([days] * len(index), index=index)
    if not isinstance(countries, pd.Series):
        countries = pd.Series([countries] * len(index), index=index, dtype="object")
    s = _days(starts)
    n = pd.to_numeric(days, errors="coerce").astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    out = np.full(len(index), np.datetime64("NaT"), dtype="datetime64[D]")
    valid = ~np.isnat(s) & ~np.isnan(n)
    for resolved, _written, rows in _groups(countries):
        rows = rows[valid[rows]]
        if len(rows) == 0:
            continue
        first, last = _year_range(s[rows])
        # Leave room for offsets that cross into later years.
        last += 1 + int(n[rows].max() // 200)
        cal = _calendar(resolved, first, last)
        steps = n[rows].astype("int64")
        # Roll a non-working start back to the last working day, then step:
        # the n-th working day after a Saturday is counted from Friday.
        moved = np.busday_offset(s[rows], steps, roll="backward", busdaycal=cal)
        out[rows] = np.where(steps == 0, s[rows], moved)
    return pd.Series(out.astype("datetime64[s]"), index=index, name="due_on")
