"""Dates as people write them, with one explicit day-first / month-first rule per file.

Read as dates:
- real spreadsheet dates and date-times (the time is dropped);
- ISO text ``2026-03-14``, ``2026/03/14`` and timestamps ``2026-03-14 09:30:00.123``,
  ``2026-03-14T09:30:00Z``;
- dotted ``14.03.2026`` / ``14.3.26`` (always day first, as in German and Swedish use);
- ``14-03-2026``, ``14/03/2026``, ``3/14/26``: day or month first by the file's rule;
- month names: ``14 March 2026``, ``14. März 2026``, ``14 mars 2026``, ``March 14, 2026``, and Excel's
  ``16-Feb-26`` / ``16-Feb-2026``;
- a number between 20000 and 80000 in a date column: an Excel serial day.

The rule for ``a/b/yyyy`` and ``a-b-yyyy`` is decided once per file
(`decide_day_first`): a first part above 12 proves day-first, a second part
above 12 proves month-first; with no proof the file is *ambiguous* and is read
day-first (or as the mapping's ``date_order`` says), which is reported.

Two-digit dashed dates ``26-03-10`` may also be year first (yy-mm-dd, the
Swedish short form): a first part above 12 proves nothing there. They are read
year first when that puts them in fewer years than the other order (the dates
of a hiring round lie close together; read day first, ``26-01-26``,
``26-03-10`` and ``26-03-19`` would lie in 2026, 2010 and 2019), and reported
as ambiguous when the years do not tell.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from .excel import factorize_cells

MONTHS = {
    # en
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8, "september": 9,
    "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # de
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12, "mär": 3, "okt": 10, "dez": 12,
    # sv
    "januari": 1, "februari": 2, "mars": 3, "maj": 5, "augusti": 8, "okt.": 10,
}

_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$")
ISO_DATE = _ISO  # a date whose year is written in full and first
_DOTTED = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2}|\d{4})\.?(?:\s.*)?$")
_AMBIG = re.compile(r"^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4})|\s+(\d{4}))(?:[ T].*)?$")  # 17/3/2026, 19/3-26, 17/3 2026
_SHORT_DASHED = re.compile(r"^(\d{2})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")  # yy-mm-dd (Swedish short form) or dd-mm-yy / mm-dd-yy
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_MONTH_NAME_DAY = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_DAY_MON_YEAR = re.compile(r"^(\d{1,2})[-/ ]([^\W\d_]+)\.?[-/ ](\d{2}|\d{4})$")  # Excel's 16-Feb-26, 16-Feb-2026, 16/Mär/2026

DAY_FIRST, MONTH_FIRST, YEAR_FIRST = "day_first", "month_first", "year_first"
RULE_WORDS = {DAY_FIRST: "day-first", MONTH_FIRST: "month-first", YEAR_FIRST: "year-first (yy-mm-dd)"}


def _two_digit_year(n: int) -> int:
    return 2000 + n if n < 70 else 1900 + n


def _year(y: str) -> int:
    return _two_digit_year(int(y)) if len(y) == 2 else int(y)


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


CLOSE_YEARS, SPREAD_YEARS = 1, 3
"""Two-digit dashed dates are read year first only when, so read, they lie within CLOSE_YEARS of each other and, read
with the year last, SPREAD_YEARS or more apart (a round's dates lie close together; the day of the month, read as a
year, spreads them over the years); with the year last when the reverse holds; anything in between is left to the
file's other dates, else reported."""


def _short_years(v: str) -> tuple[int, int]:
    """The year of a two-digit dashed date read year first, and read with the year last (``26-03-10``: 2026, 2010)."""
    m = _SHORT_DASHED.match(v)
    return _two_digit_year(int(m.group(1))), _two_digit_year(int(m.group(3)))


def _span(years) -> str:
    found = sorted(set(years))
    return str(found[0]) if len(found) == 1 else f"{found[0]}-{found[-1]}"


TYPOS_IGNORED = 0.05
"""Of the two-digit dashed dates, up to this share (and at least one) that only the year-last reading makes a date
(``26-04-31``: 31 April) is taken for typos, not for proof against year first: they are reported as not a date."""


def _year_first(values, other_years=None) -> tuple[str | None, dict]:
    """The reading of the file's two-digit dashed dates (``26-03-10``, ``26-3-5``, with or without a time).

    The file's other dates (``other_years()``: the years of its real dates and ISO text) decide first: the reading that
    puts more of these dates in or next to those years is taken (an applicant of an earlier year does not turn it). Else the dates themselves: year first when, so
    read, they lie close together and read with the year last they do not (`CLOSE_YEARS`, `SPREAD_YEARS`); with the
    year last in the reverse case. (YEAR_FIRST, info), or (None, {}) when the year last is the reading, or (None, info)
    naming an example that could be either when nothing tells.

    A value no reading makes a date (``26-13-01``) does not count, nor a few (`TYPOS_IGNORED`) that only the year-last
    reading makes a date (``26-04-31``); more of those (``10-03-45``) rule year first out."""
    short = [v.strip() for v in values if isinstance(v, str) and _SHORT_DASHED.match(v.strip())]
    short = [v for v in short if any(read_date(v, r) is not None for r in (YEAR_FIRST, DAY_FIRST, MONTH_FIRST))]
    if not short:
        return None, {}
    not_year_first = [v for v in short if read_date(v, YEAR_FIRST) is None]
    if len(not_year_first) > max(1, int(TYPOS_IGNORED * len(short))) or len(not_year_first) == len(short):
        return None, {}
    short = [v for v in short if v not in not_year_first]
    as_first, as_last = (list(years) for years in zip(*map(_short_years, short)))

    def year_first(because: str) -> tuple[str, dict]:
        return YEAR_FIRST, {"rule": YEAR_FIRST, "why": f"two-digit dashed dates such as {short[0]!r} read year first (yy-mm-dd): "
                                                       f"{because}", "because": because, "year_first_read": short[:1]}

    if other_years is not None and (years := set(other_years())):
        near = set(range(min(years) - 1, max(years) + 2))
        by_first, by_last = sum(y in near for y in as_first), sum(y in near for y in as_last)  # how many each reading puts there
        if by_first > by_last:
            who = "it lies" if len(short) == 1 else "they lie" if by_first == len(short) else f"{by_first} of {len(short)} lie"
            return year_first(f"so read {who} in {_span(years)}, with the file's other dates")
        if by_last > by_first:
            return None, {}
    first, last = max(as_first) - min(as_first), max(as_last) - min(as_last)
    if first <= CLOSE_YEARS and last >= SPREAD_YEARS:
        return year_first(f"so read they lie in {_span(as_first)}, read with the year last in {_span(as_last)}")
    if last <= CLOSE_YEARS and first >= SPREAD_YEARS:
        return None, {}
    return None, {"year_first_possible": [v for v in short if read_date(v, YEAR_FIRST) != read_date(v, DAY_FIRST)][:1] or short[:1]}


def decide_day_first(values, prefer: str | None = None, other_years=None) -> tuple[str, dict]:
    """The file's rule for a/b/yyyy dates: (rule, info).

    ``info`` has ``rule``, ``why`` and, when there is something to report,
    ``ambiguous`` (examples read by the default rule), ``conflict``
    (examples of both orders) or ``year_first_possible`` (a two-digit dashed
    date that could be yy-mm-dd as well). ``other_years``: a function giving the years of the file's dates that are
    no such text (real dates, ISO text), asked only when two-digit dashed dates cannot tell by themselves.
    """
    if not prefer:
        rule, info = _year_first(values, other_years)
        if rule:  # the file's other a/b/yyyy dates are read day first: said when they are ambiguous or say otherwise
            _, rest = decide_day_first([v for v in values if not (isinstance(v, str) and _SHORT_DASHED.match(v.strip()))])
            if rest.get("ambiguous"):
                info["ambiguous"] = rest["ambiguous"]
            if rest["rule"] == MONTH_FIRST or "conflict" in rest:  # read day first with the year-first ones: some are not dates
                info["conflict"] = rest.get("conflict") or [*info["year_first_read"], *rest.get("proof", [])]
            return rule, info
        also = info
    else:
        also = {}
    day_proof, month_proof, ambiguous = [], [], []
    for v in values:
        if not isinstance(v, str):
            continue
        m = _AMBIG.match(v.strip())
        if not m:
            continue
        if also.get("year_first_possible") and _SHORT_DASHED.match(v.strip()):
            continue  # no proof of day or month first: it may be year first
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 and b <= 12:
            day_proof.append(v.strip())
        elif b > 12 and a <= 12:
            month_proof.append(v.strip())
        elif a != b:
            ambiguous.append(v.strip())
    default = prefer or DAY_FIRST
    if prefer:
        info = {"rule": prefer, "why": "given in the mapping"}
        if (prefer == DAY_FIRST and month_proof) or (prefer == MONTH_FIRST and day_proof):
            info["conflict"] = (month_proof if prefer == DAY_FIRST else day_proof)[:3]
        return prefer, info
    if also.get("year_first_possible"):
        if not (day_proof or month_proof):
            return default, {"rule": default, "why": f"no date proves the order; read {RULE_WORDS[default]}", **also}
        also = {}  # the file's other dates settle the order; its two-digit dashed dates are read the same way
    if day_proof and month_proof:
        return default, {"rule": default, "why": "both orders occur", "conflict": [day_proof[0], month_proof[0]]}
    if day_proof:
        return DAY_FIRST, {"rule": DAY_FIRST, "why": f"{day_proof[0]!r} can only be day-first", "proof": day_proof[:1]}
    if month_proof:
        return MONTH_FIRST, {"rule": MONTH_FIRST, "why": f"{month_proof[0]!r} can only be month-first", "proof": month_proof[:1]}
    if ambiguous:
        return default, {"rule": default, "why": "no date proves the order; read day-first", "ambiguous": ambiguous[:3]}
    forms = []
    if any(_DOTTED.match(v.strip()) for v in values if isinstance(v, str)):
        forms.append("dd.mm.yyyy (always day first)")
    if any(_ISO.match(v.strip()) for v in values if isinstance(v, str)):
        forms.append("ISO yyyy-mm-dd")
    why = "no dates of the form a/b/yyyy" + (f"; text dates are {' and '.join(forms)}" if forms else "")
    return default, {"rule": default, "why": why}


def read_date(v, rule: str = DAY_FIRST, *, serials: bool = True) -> dt.date | None:
    """One cell as a date, or None when it is not one."""
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.date()
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        x = float(v)
        if serials and 20000 <= x <= 80000:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(x))
        return None
    if not isinstance(v, str):
        return None
    t = v.strip()
    if m := _ISO.match(t):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DOTTED.match(t):
        return _make(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
    if rule == YEAR_FIRST and (m := _SHORT_DASHED.match(t)):
        return _make(_year(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _AMBIG.match(t):
        a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3) or m.group(4))
        return _make(y, a, b) if rule == MONTH_FIRST else _make(y, b, a)  # year-first files: other forms day first
    if m := _DAY_MONTH_NAME.match(t):
        month = MONTHS.get(m.group(2).casefold())
        return _make(int(m.group(3)), month, int(m.group(1))) if month else None
    if m := _MONTH_NAME_DAY.match(t):
        month = MONTHS.get(m.group(1).casefold())
        return _make(int(m.group(3)), month, int(m.group(2))) if month else None
    if m := _DAY_MON_YEAR.match(t):
        month = MONTHS.get(m.group(2).casefold())
        return _make(_year(m.group(3)), month, int(m.group(1))) if month else None
    return None


def parse_dates(values: pd.Series, rule: str = DAY_FIRST) -> tuple[pd.Series, pd.Series]:
    """A column of date cells -> (object Series of ISO 'YYYY-MM-DD' text, the value as written where unreadable; mask unreadable).

    Blank cells stay blank (''). Work is done once per distinct value.
    """
    codes, uniques = factorize_cells(values.astype(object).to_numpy(dtype=object))
    out = np.empty(len(uniques) + 1, dtype=object)
    bad = np.zeros(len(uniques) + 1, dtype=bool)
    for i, u in enumerate(uniques):
        if isinstance(u, str) and not u.replace("\u00a0", " ").strip():
            out[i] = ""
            continue
        d = read_date(u, rule)
        if d is None:
            out[i], bad[i] = u, True
        else:
            out[i] = d.isoformat()
    out[-1] = ""
    idx = np.where(codes < 0, len(uniques), codes)
    return pd.Series(out[idx], index=values.index, dtype=object), pd.Series(bad[idx], index=values.index)


def distinct_text(series_list) -> list[str]:
    """Distinct text values of several columns (for `decide_day_first`)."""
    seen: set[str] = set()
    for s in series_list:
        if s is None or len(s) == 0:
            continue
        for u in pd.unique(s.astype(object).to_numpy(dtype=object)):
            if isinstance(u, str):
                seen.add(u)
    return sorted(seen)
