"""Formatted Excel workbooks from DataFrames (bytes; the report writes them).

Every sheet gets a bold header, frozen header row, an autofilter, column
widths that fit, real dates, percentages for ``share_*`` columns. Text from
users is always written as a text cell: a note starting with ``=``, ``+``,
``-`` or ``@`` stays text and never becomes a formula.
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


def _cell(ws, value, column: str):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime().date()
    if isinstance(value, (bool,)):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula
        if len(value) > 60:
            cell.alignment = WRAP
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, float) and column.startswith("share"):
        cell.number_format = "0%"
    elif isinstance(value, float):
        cell.number_format = "0.00"
    return cell


def tables_workbook_bytes(sheets: dict[str, pd.DataFrame], *, labels: dict[str, str] | None = None) -> bytes:
    """One formatted sheet per DataFrame (sheet name -> table)."""
    labels = labels or {}
    wb = Workbook(write_only=True)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "Debrief"
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        columns = list(df.columns)
        widths = []
        for c in columns:
            sample = [str(v) for v in df[c].head(200).tolist() if v is not None]
            widths.append(min(max([len(labels.get(c, _label(c)))] + [len(s) for s in sample]) + 2, 60))
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(w, 8)
        ws.freeze_panes = "A2"
        if columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(df), 1) + 1}"
        header = []
        for c in columns:
            cell = WriteOnlyCell(ws, value=labels.get(c, _label(c)))
            cell.data_type = "s"
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            header.append(cell)
        ws.append(header)
        for row in df.astype(object).itertuples(index=False, name=None):
            ws.append([_cell(ws, v, c) for v, c in zip(row, columns)])
    buf = io.BytesIO()
    wb.save(buf)
    return _deterministic_zip(buf.getvalue())


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so the same tables give the same bytes."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>2026-01-01T00:00:00Z\g<2>", data)
            dst.writestr(fixed, data)
    return out.getvalue()
