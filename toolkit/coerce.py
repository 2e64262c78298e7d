"""Vectorised conversion of raw cell values into typed columns.

Each function takes a Series of values as read (str, float, int, bool,
date, datetime, '' for empty) and returns ``(typed, bad)``: the typed Series
and a boolean mask of the cells that were filled but could not be converted.
Blank cells ('' / whitespace / non-breaking space / None / NaN) are never
bad; they become missing values.

A typed column (a sheet read column-wise: float64, "str", category,
boolean or datetime64 instead of cells as objects) is converted once per
distinct value by the same functions (`per_distinct`), so the result is
the one the cells as objects would give.

The work is done per group of cell types with column operations, so a
column of a million cells costs a few pandas calls, not a million Python
calls. Only unusual cells (e.g. a date in a text column) go one by one.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from .schema import NO, YES, normalise_header

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d", "%d.%m.%y")
EARLIEST_DATE = pd.Timestamp("1970-01-01")
"""A date before this is not read as a date of a hiring round (it is a number typed into a date-formatted cell: 5 shows as
5 January 1900): `to_date` reports it instead of loading it."""
_NUMBER_TYPES = (float, int, np.float64, np.int64, np.float32, np.int32)


def _types(s: pd.Series) -> pd.Series:
    return s.map(type)


# -- typed columns (a sheet read column-wise): the same functions, run once per distinct value ----------


def _typed(s: pd.Series) -> bool:
    """True for a column of one kind of value (float64, "str", category, boolean, datetime64) rather than cells as objects."""
    return s.dtype != object


def by_distinct(s: pd.Series) -> tuple[np.ndarray, pd.Series] | None:
    """`distinct_values` of a column better converted once per distinct value, None for one better converted cell by cell.

    That is a typed column, and a column of cells as objects that are all text
    (or blank) with repeats, such as dates read as ISO text or statuses: text
    is converted one cell at a time, so the distinct texts give the same result.
    (Cells of other kinds are not: 1, 1.0 and True are one value to a hash table.)
    """
    if not len(s):
        return None
    if _typed(s):
        return distinct_values(s)
    if len(s) < 8:  # too few to gain (and the distinct values themselves are converted cell by cell)
        return None
    codes, uniques = pd.factorize(s.to_numpy(dtype=object))
    if 2 * len(uniques) > len(s) or not all(isinstance(u, str) for u in uniques):
        return None
    values = pd.Series([*uniques, ""], dtype=object)
    return np.where(codes < 0, len(values) - 1, codes), values


def distinct_values(s: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(position of each cell's value in ``values``, ``values``): the distinct values of a typed column as
    `readers.excel.read_grids` reads such cells (float, str, bool, date, datetime), the last one '' for blank cells."""
    from .readers.excel import distinct_cells

    positions, values = distinct_cells(s)
    return positions, pd.Series(values, dtype=object)


def expand(result: pd.Series, positions: np.ndarray, index) -> pd.Series:
    """A result of the distinct values (`per_distinct_small`) for every cell (a position -1 is the last value, as numpy
    counts). The array is taken, not the Series, which would also build an index of a million positions."""
    return pd.Series(result.array.take(positions), index=index)


def per_distinct(fn, s: pd.Series, *args, form=None):
    """``fn(s, *args)`` (returning a Series or a tuple of them) for a typed column, computed on its distinct values."""
    positions, out = per_distinct_small(fn, s, *args, form=form)
    if isinstance(out, tuple):
        return tuple(expand(o, positions, s.index) for o in out)
    return expand(out, positions, s.index)


def per_distinct_small(fn, s: pd.Series, *args, form=None):
    """(position of each cell's value, ``fn`` of the distinct values): `per_distinct` before the results are
    spread over the cells, for checks that can also be made once per distinct value (`expand` spreads them).
    ``form`` is `by_distinct(s)` when already known."""
    positions, values = form if form is not None else distinct_values(s)
    return positions, fn(values, *args)


def _strings(s: pd.Series, types: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """(mask of str cells, stripped text of those cells; NBSP counts as space)."""
    types = _types(s) if types is None else types
    is_str = (types == str).to_numpy()
    # Arrow-backed strings: strip and replace run in compiled code, not per cell in Python
    text = _trim(s[is_str].astype("str"))
    return pd.Series(is_str, index=s.index), text


def _trim(text: pd.Series) -> pd.Series:
    """Arrow text with NBSP read as a space and spaces trimmed at both ends."""
    return text.str.replace("\u00a0", " ", regex=False).str.strip()


def is_blank(value: object) -> bool:
    """One value: True for None, NaN/NA/NaT and text that is empty or only spaces (the scalar twin of `blank_mask`)."""
    if value is None:
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):  # lists, arrays: not a single missing value
        pass
    return not str(value).strip()


_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def valid_email(value: object) -> str | None:
    """The address if it is one plain address (no display name, no spaces or line breaks), else None."""
    text = value.strip() if isinstance(value, str) else None if is_blank(value) else str(value).strip()
    # the pattern admits printable ASCII only, so it also turns away control characters and spaces inside
    return text if text and len(text) <= 254 and _EMAIL.fullmatch(text) else None


def valid_emails(values: pd.Series) -> np.ndarray:
    """``valid_email(v) is not None`` for every text of ``values`` (False for a missing one), worked out in Arrow:
    the same trim, length and pattern, one call for 50,000 addresses instead of one each."""
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = pa.array([v if isinstance(v, str) else None for v in values.tolist()], type=pa.large_string())
    text = pc.utf8_trim_whitespace(texts)
    length = pc.utf8_length(text)
    ok = pc.and_(pc.and_(pc.greater(length, 0), pc.less_equal(length, 254)), pc.match_substring_regex(text, f"^(?:{_EMAIL.pattern})$"))
    return pc.fill_null(ok, False).to_numpy(zero_copy_only=False).astype(bool)


def blank_mask(s: pd.Series) -> pd.Series:
    """True where a cell is empty: '', whitespace (incl. non-breaking space), None or NaN."""
    if len(s) == 0:
        return pd.Series([], dtype=bool, index=s.index)
    if (form := by_distinct(s)) is not None:
        return per_distinct(blank_mask, s, form=form)
    return pd.Series(_blank(s, *_strings(s)), index=s.index)


def _blank(s: pd.Series, is_str: pd.Series, text: pd.Series) -> np.ndarray:
    """`blank_mask` from the column's `_strings` (for a conversion that has them already)."""
    blank = s.isna().to_numpy(copy=True)
    blank[is_str.to_numpy()] = (text == "").to_numpy()
    return blank


def _scalar_text(v) -> str | None:
    if isinstance(v, float):
        if v != v:
            return None
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if v is None or v is pd.NA:
        return None
    return str(v).strip() or None


def to_text(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Text, stripped and in Unicode NFC form (an "ä" typed as a + combining mark, as macOS does, equals the
    one-character "ä"), so ids and criterion names match across sheets however they were typed."""
    if s.dtype == object and set(map(type, s.to_numpy().tolist())) == {str}:  # only text (50,000 names, ids or e-mails): all in Arrow
        text = _nfc(_trim(s.astype("str")))
        return text.where(text != "", None), pd.Series(False, index=s.index)
    types = _types(s)
    is_str, text = _strings(s, types)
    text = _nfc(text)
    out = pd.Series(None, index=s.index, dtype=object)
    out[is_str.to_numpy()] = text.where(text != "", None)
    flag = types.isin([bool, np.bool_]).to_numpy()  # a TRUE/FALSE cell is no name, id or note: reported, not loaded as "True"
    other = ~is_str.to_numpy() & s.notna().to_numpy() & ~flag
    if other.any():
        out[other] = s[other].map(_scalar_text)
    return out.astype("str"), pd.Series(flag, index=s.index)


def _nfc(text: pd.Series) -> pd.Series:
    """Arrow text in Unicode NFC form (only the texts that are not plain ASCII are looked at)."""
    composed = ~text.str.isascii()
    if composed.any():
        text = text.where(~composed, text[composed].str.normalize("NFC"))
    return text


def _parse_number_text(text: pd.Series) -> pd.Series:
    """Numbers written as text: "4,5" (decimal comma), "1 000" (with a space, a no-break or a narrow no-break space), and a
    percentage "30 %" read as 0.3, the value Excel stores in a cell formatted as a percentage (so a weight typed as text
    and its neighbours formatted as percentages weigh alike)."""
    t = text.str.replace(r"[ \u00a0\u202f\u2009]", "", regex=True)
    percent = t.str.endswith("%").to_numpy(dtype=bool)
    t = t.str.removesuffix("%")
    comma_decimal = t.str.count(",").eq(1) & ~t.str.contains(".", regex=False)
    t = t.where(~comma_decimal, t.str.replace(",", ".", regex=False))
    values = pd.to_numeric(t, errors="coerce").astype("float64").to_numpy(copy=True)
    values[percent] /= 100
    return pd.Series(values, index=text.index)


def to_float(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    types = _types(s)
    is_num = types.isin(_NUMBER_TYPES).to_numpy()
    is_str, text = _strings(s, types)
    vals = np.full(len(s), np.nan)
    if is_num.any():
        vals[is_num] = s[is_num].astype("float64").to_numpy()
    if is_str.any():
        vals[is_str.to_numpy()] = _parse_number_text(text).to_numpy()
    blank = _blank(s, is_str, text)
    ok = np.isfinite(vals)
    bad = ~blank & ~ok
    vals[~ok] = np.nan
    return pd.Series(pd.array(vals, dtype="Float64"), index=s.index).where(ok, pd.NA), pd.Series(bad, index=s.index)


def to_int(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    vals, bad = to_float(s)
    frac = (vals.notna() & (vals.fillna(0) % 1 != 0)).astype(bool)
    vals = vals.where(~frac)
    return vals.round().astype("Int64"), bad | frac


def to_bool(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    blank = blank_mask(s)

    def one(v):
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if isinstance(v, (int, float)) and v in (0, 1):
            return bool(v)
        key = str(v).strip().casefold()
        return True if key in YES else False if key in NO else None

    vals = s.astype(object).map(one, na_action="ignore").where(~blank, None)
    return vals.astype("boolean"), ~blank & vals.isna()


def to_choice(s: pd.Series, choices: tuple[str, ...], synonyms: dict[str, str] | None = None) -> tuple[pd.Series, pd.Series]:
    blank = blank_mask(s)
    table = {normalise_header(c): c for c in choices}
    for k, v in (synonyms or {}).items():
        table[normalise_header(k)] = v
    uniques = pd.unique(s[~blank].astype(object))
    # a question mark ("hired?") is a value not decided yet, not the value: normalise_header would drop it
    lookup = {u: None if "?" in str(u) else table.get(normalise_header(u)) for u in uniques}
    vals = s.astype(object).map(lookup).where(~blank, None)
    return vals.astype("str"), ~blank & vals.isna()


def _parse_date_text(text: pd.Series) -> pd.Series:
    """ISO (time ignored), dd.mm.yyyy, yyyy/mm/dd, dd.mm.yy; each format tried on what is still unparsed."""
    day = text.str.split(r"[ T]", n=1, regex=True).str[0]
    out = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[s]")
    todo = (day.notna() & (day != "")).to_numpy(dtype=bool, copy=True)
    for fmt in DATE_FORMATS:
        if not todo.any():
            break
        parsed = pd.to_datetime(day[todo], format=fmt, errors="coerce")
        hit = parsed.notna().to_numpy()
        at = np.flatnonzero(todo)[hit]  # positions: the same cells, without aligning labels
        out[at] = parsed[hit].astype("datetime64[s]").to_numpy()
        todo[at] = False
    return pd.Series(out, index=text.index)


def to_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates: real dates/datetimes (time dropped), ISO text, dd.mm.yyyy, yyyy/mm/dd, dd.mm.yy."""
    types = _types(s)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[s]")
    is_dt = types.isin([dt.datetime, pd.Timestamp]).to_numpy()
    if is_dt.any():
        out[is_dt] = pd.to_datetime(s[is_dt].astype(object)).dt.normalize().astype("datetime64[s]")
    is_d = (types == dt.date).to_numpy()
    if is_d.any():
        out[is_d] = pd.to_datetime(s[is_d].astype(object)).astype("datetime64[s]")
    is_str, text = _strings(s, types)
    if is_str.any():
        out[is_str.to_numpy()] = _parse_date_text(text).to_numpy()
    out = out.where(~(out < EARLIEST_DATE))  # a small number in a date-formatted cell shows as 1900-01-05: no date of a round
    blank = pd.Series(_blank(s, is_str, text), index=s.index)
    return out, ~blank & out.isna()


def convert(kind: str, s: pd.Series, choices=(), synonyms=None) -> tuple[pd.Series, pd.Series]:
    """``(typed, bad)`` for a field of ``kind``: "str", "float", "int", "bool", "date" or "choice" (see the functions above)."""
    if _typed(s) and not len(s):
        return convert(kind, s.astype(object), choices, synonyms)
    if (form := by_distinct(s)) is not None:  # a column read column-wise, or repeated texts: each distinct value converted once
        return per_distinct(lambda values: convert(kind, values, choices, synonyms), s, form=form)
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


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_as_of(as_of: dt.date | str | None) -> pd.Timestamp:
    """The as-of day (the day a validation, letter or report speaks for) as a midnight Timestamp; None means today.

    Text must be an ISO date, YYYY-MM-DD: "03-04-2026" could be the 3rd of
    April or the 4th of March, and the day decides who is overdue, so it is
    refused rather than guessed. A date, datetime or Timestamp is taken as is.
    """
    from .errors import ToolkitError

    if as_of is None:
        return pd.Timestamp(dt.date.today())
    ts = pd.NaT
    if isinstance(as_of, (dt.date, pd.Timestamp, np.datetime64)):
        ts = pd.Timestamp(as_of)
    elif isinstance(as_of, str) and _ISO_DAY.fullmatch(as_of.strip()):
        try:
            ts = pd.Timestamp(dt.date.fromisoformat(as_of.strip()))
        except ValueError:  # 2026-13-01, 2026-02-30
            ts = pd.NaT
    if pd.isna(ts):
        raise ToolkitError(
            "as_of is not a date",
            value=as_of,
            allowed="a date as YYYY-MM-DD (such as 2026-03-20), a datetime.date, or None for today",
            hint="Pass the day the report should describe, year first",
        )
    return ts.normalize()
