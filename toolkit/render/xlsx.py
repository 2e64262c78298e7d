"""Formatted Excel workbooks from DataFrames (bytes; the report writes them).

Every sheet gets a bold header, frozen header row, an autofilter, column
widths that fit, real dates, percentages for ``share_*`` columns. Text from
users is always written as a text cell: a note starting with ``=``, ``+``,
``-`` or ``@`` stays text and never becomes a formula, and carries the quote
prefix, so it stays text when someone edits the cell too.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F4858")
WRAP = Alignment(wrap_text=True, vertical="top")
FIXED_TIME = dt.datetime(2026, 1, 1)


def _label(column: str) -> str:
    return column.replace("_", " ").capitalize()


REPORT_KEYWORD = "debrief-report"
"""The keywords of every workbook a report writes (process health, talent pool, mail merge), by which the loader knows it."""


def tables_workbook_bytes(sheets: dict[str, pd.DataFrame], *, labels: dict[str, str] | None = None) -> bytes:
    """One formatted sheet per DataFrame (sheet name -> table).

    openpyxl writes each sheet's frame (column widths, frozen header, filter,
    the header row); the data rows are written as sheet XML by `_rows_xml`
    (openpyxl's per-cell writer is about ten times slower) and spliced in.
    The bytes are those openpyxl writes cell by cell.
    """
    labels = labels or {}
    wb = Workbook(write_only=True)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "Debrief"
    wb.properties.keywords = REPORT_KEYWORD  # the loader refuses it as input: a report's table is no scorecard
    rows: dict[str, str] = {}
    for index, (name, df) in enumerate(sheets.items(), start=1):
        ws = wb.create_sheet(title=name[:31])
        columns = list(df.columns)
        for i, c in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = column_width(labels.get(c, _label(c)), df[c], c)
        ws.freeze_panes = "A2"
        if columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(df) + 1}"  # an empty table: the header alone
        header = []
        for c in columns:
            cell = WriteOnlyCell(ws, value=labels.get(c, _label(c)))
            cell.data_type = "s"
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            header.append(cell)
        ws.append(header)
        rows[f"xl/worksheets/sheet{index}.xml"] = _rows_xml(ws, df)
    buf = io.BytesIO()
    wb.save(buf)
    return _deterministic_zip(buf.getvalue(), rows)


def column_width(label: str, values: pd.Series, column: str) -> int:
    """A column's width in characters: its heading or its widest value as the cell shows it (a date as yyyy-mm-dd, a
    share as 25%, a number with two decimals), whichever is wider, plus a margin; at least 8, at most 60 (longer text
    wraps). Every row counts, not a first few: a long name further down is not cut off by the next column."""
    return max(min(max(len(label), _widest(values.dropna(), column.startswith("share"))) + 2, 60), 8)


def _widest(values: pd.Series, share: bool) -> int:
    if values.empty:
        return 0
    kind = values.dtype.kind
    if kind == "M":
        return 10
    if kind == "b" or str(values.dtype) == "boolean":
        return 3  # yes / no
    if kind in "iuf":
        ends = [float(values.min()), float(values.max())]
        if share and kind == "f":
            return max(len(f"{x:.0%}") for x in ends)
        return max(len(f"{x:.2f}") if kind == "f" else len(str(int(x))) for x in ends)
    if values.dtype == "str" or values.map(type).eq(str).all():  # text: measured in Arrow, not cell by cell
        return int(values.astype("str").str.len().max())
    return max(len(_shown(v)) for v in values)


def _shown(value) -> str:
    """One value of a column of mixed values as its cell shows it (for its width)."""
    kind, v = _value(value)
    if kind == "date":
        return "0000-00-00"
    if kind == "number" and isinstance(v, float):
        return f"{v:.2f}"
    return "" if v is None else str(v)


# -- data rows as sheet XML, exactly as openpyxl's write-only cells would be written ----------------

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NUMBER_TYPES = (int, float)
_PLAIN, _WRAPPED, _DATE, _SHARE, _FLOAT, _QUOTED, _WRAPPED_QUOTED = range(7)
_TEXT_STYLES = {(False, False): _PLAIN, (True, False): _WRAPPED, (False, True): _QUOTED, (True, True): _WRAPPED_QUOTED}
"""A text cell's style by (wrapped: longer than 60 characters, quoted: begins like a formula)."""
FORMULA_STARTS = ("=", "+", "-", "@")
"""A text beginning with one of these would become a formula once someone edits the cell and presses Enter: such
cells carry Excel's quote prefix (shown as a leading ' in the formula bar), so an edit keeps them text."""


def _value(value):
    """(kind, value) of one table value as its cell holds it; kind None for an empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None, None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime().date()
    if isinstance(value, bool):
        return "yes/no", "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, str):
        if not value:
            return None, None  # an empty text is a blank cell (ISBLANK, COUNTA), not a cell holding ""
        return "str", value[:32767]  # the most a cell holds (openpyxl cuts there too)
    if isinstance(value, dt.date):
        return "date", value
    if isinstance(value, bool):
        return "bool", value
    if isinstance(value, _NUMBER_TYPES):
        return "number", value
    return "other", value


def _text(value: str) -> str:
    if _ILLEGAL_XML.search(value):
        value = _ILLEGAL_XML.sub("", value)  # a workbook cannot hold control characters
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _number(value) -> str:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return ""
    return "%.16g" % value


def _excel_day(value: dt.date) -> str:
    days = (dt.datetime.combine(value, dt.time()) - _EPOCH).days if not isinstance(value, dt.datetime) else (value - _EPOCH).days
    if 0 < days <= 60:
        days -= 1
    if isinstance(value, dt.datetime):
        t = value.time()
        return _number(days + (t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6) / 86400)
    return _number(days + 0.0)


_EPOCH = dt.datetime(1899, 12, 30)


def _rows_xml(ws, df: pd.DataFrame) -> str:
    """The data rows (row 2 on) of `df` as sheet XML, with the styles registered in the order openpyxl would."""
    columns = list(df.columns)
    letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
    styles: dict[int, str] = {}
    date_kinds: set[type] = set()

    def style(kind: int) -> str:
        if kind not in styles:
            probe = WriteOnlyCell(ws)
            if kind in (_WRAPPED, _WRAPPED_QUOTED):
                probe.alignment = WRAP
            if kind in (_QUOTED, _WRAPPED_QUOTED):
                probe.quotePrefix = True
            if kind == _SHARE:
                probe.number_format = "0%"
            if kind == _FLOAT:
                probe.number_format = "0.00"
            styles[kind] = f' s="{probe.style_id}"'  # registers the style now, in order of first use
        return styles[kind]

    def date_style(value) -> str:
        # openpyxl gives a date or datetime cell its own number format when the value is set (registering it), then
        # the cell is set to yyyy-mm-dd: the same steps on a probe register the same formats in the same order
        if type(value) not in date_kinds:
            date_kinds.add(type(value))
            probe = WriteOnlyCell(ws, value=value)
            probe.number_format = "yyyy-mm-dd"
            styles[_DATE] = f' s="{probe.style_id}"'
        return styles[_DATE]

    shares = [c.startswith("share") for c in columns]
    out = []
    for r, row in enumerate(df.astype(object).itertuples(index=False, name=None), start=2):
        cells = []
        for letter, raw, share in zip(letters, row, shares):
            kind, v = _value(raw)
            if kind is None:
                continue
            ref = f"{letter}{r}"
            if kind in ("str", "yes/no"):
                look = _TEXT_STYLES[kind == "str" and len(v) > 60, v.startswith(FORMULA_STARTS)]  # (wrapped, quoted)
                wrapped = style(look) if look != _PLAIN else ""
                stripped = v.strip()
                space = ' xml:space="preserve"' if stripped and stripped != v else ""
                cells.append(f'<c r="{ref}"{wrapped} t="inlineStr"><is><t{space}>{_text(v)}</t></is></c>')
            elif kind == "date":
                cells.append(f'<c r="{ref}"{date_style(v)} t="n"><v>{_excel_day(v)}</v></c>')
            elif kind == "bool":
                cells.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
            elif kind == "number":
                fmt = style(_SHARE if share else _FLOAT) if isinstance(v, float) else ""
                number = _number(v)
                cells.append(f'<c r="{ref}"{fmt} t="n"><v>{number}</v></c>' if number else f'<c r="{ref}"{fmt} t="n"><v /></c>')
            else:
                raise TypeError(f"cannot write a {type(v).__name__} to a workbook cell")
        out.append(f'<row r="{r}">{"".join(cells)}</row>' if cells else f'<row r="{r}" />')
    return "".join(out)


def _splice(sheet_xml: bytes, rows_xml: str) -> bytes:
    """Put the data rows after the header row, before ``</sheetData>``."""
    head, tail = sheet_xml.split(b"</sheetData>", 1)
    return head + rows_xml.encode("utf-8") + b"</sheetData>" + tail


def _deterministic_zip(data: bytes, rows: dict[str, str] | None = None) -> bytes:
    """Rewrite the zip with fixed timestamps (so the same tables give the same bytes) and the data rows spliced in."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if rows and rows.get(info.filename):
                data = _splice(data, rows[info.filename])
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>2026-01-01T00:00:00Z\g<2>", data)
            dst.writestr(fixed, data)
    return out.getvalue()
