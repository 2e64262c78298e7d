"""Vectorised conversion of raw cell values into typed columns.

Each function takes a Series of values as read (str, float, int, bool,
date, datetime, '' for empty) and returns ``(typed, bad)``: the typed Series
and a boolean mask of the cells that were filled but could not be converted.
Blank cells are never bad; they become missing values.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from .schema import NO, YES, normalise_header

BLANK_STRINGS = {"", "\u00a0"}


def blank_mask(s: pd.Series) -> pd.Series:
    """True where a cell is empty: '', whitespace (incl. non-breaking space), None or NaN."""
    if len(s) == 0:
        return pd.Series([], dtype=bool, index=s.index)
    na = s.isna().to_numpy()
    as_str = s.astype(object).map(lambda v: isinstance(v, str) and v.strip() == "", na_action="ignore")
    return pd.Series(na | as_str.fillna(False).to_numpy(dtype=bool), index=s.index)


def to_text(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    def one(v):
        if isinstance(v, str):
            v = v.strip()
            return v if v else None
        if isinstance(v, float):
            if math.isnan(v):
                return None
            return str(int(v)) if v.is_integer() else repr(v)
        if isinstance(v, (dt.datetime, dt.date)):
            return v.isoformat()[:10] if not isinstance(v, dt.datetime) or v.time() == dt.time() else v.isoformat(sep=" ")
        return str(v)

    out = s.astype(object).map(one, na_action="ignore")
    return out.astype("str"), pd.Series(False, index=s.index)


def _number(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    if isinstance(v, str):
        t = v.strip().replace("\u00a0", "").replace(" ", "")
        if t.count(",") == 1 and "." not in t:
            t = t.replace(",", ".")
        try:
            return float(t)
        except ValueError:
            return None
    return None


def to_float(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    blank = blank_mask(s)
    if s.map(type).isin([float, int]).all():
        vals = pd.to_numeric(s, errors="coerce").astype("float64")
    else:
        vals = s.astype(object).map(_number, na_action="ignore").astype("float64")
    finite = np.isfinite(vals.to_numpy(dtype="float64", na_value=np.nan))
    bad = ~blank & ~pd.Series(finite, index=s.index)
    vals = vals.where(finite & ~blank.to_numpy())
    return vals.astype("Float64"), bad


def to_int(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    vals, bad = to_float(s)
    frac = vals.notna() & (vals.fillna(0) % 1 != 0)
    bad = bad | frac.astype(bool)
    vals = vals.where(~frac)
    return vals.round().astype("Int64"), bad


def to_bool(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    blank = blank_mask(s)

    def one(v):
        if isinstance(v, bool):
            return v
        if isinstance(v, (int, float)) and v in (0, 1):
            return bool(v)
        key = str(v).strip().casefold()
        if key in YES:
            return True
        if key in NO:
            return False
        return None

    vals = s.astype(object).map(one, na_action="ignore")
    vals = vals.where(~blank, None)
    bad = ~blank & vals.isna()
    return vals.astype("boolean"), bad


def to_choice(s: pd.Series, choices: tuple[str, ...], synonyms: dict[str, str] | None = None) -> tuple[pd.Series, pd.Series]:
    blank = blank_mask(s)
    table = {normalise_header(c): c for c in choices}
    for k, v in (synonyms or {}).items():
        table[normalise_header(k)] = v
    vals = s.astype(object).map(lambda v: table.get(normalise_header(v)), na_action="ignore")
    vals = vals.where(~blank, None)
    bad = ~blank & vals.isna()
    return vals.astype("str"), bad


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d", "%d.%m.%y")


def _date(v):
    if isinstance(v, dt.datetime):
        return pd.Timestamp(v.date())
    if isinstance(v, dt.date):
        return pd.Timestamp(v)
    if isinstance(v, pd.Timestamp):
        return v.normalize()
    if isinstance(v, str):
        t = v.strip()
        if "T" in t or " " in t:
            t = t.replace("T", " ").split(" ")[0]
        for fmt in DATE_FORMATS:
            try:
                return pd.Timestamp(dt.datetime.strptime(t, fmt).date())
            except ValueError:
                continue
    return None


def to_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates: real dates/datetimes (time dropped), ISO text, dd.mm.yyyy, yyyy/mm/dd."""
    blank = blank_mask(s)
    vals = s.astype(object).map(_date, na_action="ignore")
    vals = vals.where(~blank, None)
    bad = ~blank & vals.isna()
    out = pd.to_datetime(vals, errors="coerce").astype("datetime64[s]")
    return out, bad


def convert(kind: str, s: pd.Series, choices=(), synonyms=None) -> tuple[pd.Series, pd.Series]:
    if kind == "str":
        return to_text(s)
    if kind == "float":
        return to_float(s)
    if kind == "int":
        return to_int(s)
    if kind == "bool":
        return to_bool(s)
    if kind == "date":
        return to_date(s)
    if kind == "choice":
        return to_choice(s, choices, synonyms)
    raise ValueError(kind)
