"""What readers hand to validation: tables of raw cell values with their places.

A `RawTable` holds one sheet's data rows with canonical column names (as far
as the headers could be matched), values exactly as read, and enough about
where each came from (sheet, header row, column letters, Excel row numbers)
to name a cell in a problem. A `RawWorkbook` is the four canonical tables plus
the Role key/value pairs and the problems found while reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..schema import SHEETS, field_lookup, normalise_header
from .excel import column_letter

ROW = "_row"  # Excel row number of a data row (1-based)


@dataclass
class RawTable:
    sheet: str  # canonical sheet name: Role, Criteria, Candidates, Scores
    sheet_name: str  # as in the file
    frame: pd.DataFrame  # canonical columns (object values) + ROW
    letters: dict[str, str]  # canonical column -> Excel column letter
    headers: list[str]  # headers as found, in order
    unmapped: list[str] = field(default_factory=list)
    header_row: int = 1
    blank_rows: int = 0

    def cell(self, column: str, row: int) -> str:
        letter = self.letters.get(column)
        return f"{letter}{row}" if letter else f"row {row}"


@dataclass
class RawRole:
    sheet_name: str | None
    values: dict[str, object]  # field -> value
    cells: dict[str, str]  # field -> cell reference (e.g. B3)
    unknown_keys: list[tuple[str, str]] = field(default_factory=list)  # (key, cell)


@dataclass
class RawWorkbook:
    file: str
    role: RawRole
    tables: dict[str, RawTable | None]  # Criteria, Candidates, Scores (None = sheet missing)
    sheet_names: list[str] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)  # found while reading (missing sheets ...)
    details: dict = field(default_factory=dict)  # layout, header rows, mapping used


def _is_blank(v) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "") or (isinstance(v, float) and v != v)


def table_from_grid(
    sheet: str, sheet_name: str, rows: list[list], header_index: int, *, first_col: int = 0, lookup: dict[str, str] | None = None
) -> RawTable:
    """Build a RawTable from a grid, the header being grid row `header_index` (0-based)."""
    lookup = lookup or field_lookup(SHEETS[sheet])
    header = rows[header_index] if header_index < len(rows) else []
    cols: dict[str, int] = {}
    headers, unmapped = [], []
    for c in range(first_col, len(header)):
        h = header[c]
        if _is_blank(h):
            continue
        headers.append(str(h))
        key = lookup.get(normalise_header(h))
        if key and key not in cols:
            cols[key] = c
        else:
            unmapped.append(str(h))
    data_rows = rows[header_index + 1 :]
    records, row_numbers, blank = [], [], 0
    for i, r in enumerate(data_rows):
        if all(_is_blank(v) for v in r[first_col:]):
            blank += 1
            continue
        records.append([r[c] if c < len(r) else "" for c in cols.values()])
        row_numbers.append(header_index + 2 + i)
    frame = pd.DataFrame(records, columns=list(cols), dtype=object)
    if not records:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    frame[ROW] = pd.array(row_numbers, dtype="Int64")
    # trailing fully blank rows after the last data row are not "blank rows" a user cares about
    last = row_numbers[-1] - header_index - 2 if row_numbers else -1
    trailing = len(data_rows) - 1 - last
    return RawTable(
        sheet=sheet,
        sheet_name=sheet_name,
        frame=frame,
        letters={k: column_letter(c) for k, c in cols.items()},
        headers=headers,
        unmapped=unmapped,
        header_row=header_index + 1,
        blank_rows=blank - trailing,
    )


def table_from_frame(sheet: str, df: pd.DataFrame) -> RawTable:
    """A RawTable from a DataFrame a user built (round_from_frames). Rows are numbered as in a sheet with a header in row 1."""
    lookup = field_lookup(SHEETS[sheet])
    cols: dict[str, str] = {}
    unmapped = []
    for c in df.columns:
        key = lookup.get(normalise_header(c))
        if key and key not in cols:
            cols[key] = c
        else:
            unmapped.append(str(c))
    frame = pd.DataFrame({k: df[c].astype(object).to_numpy() for k, c in cols.items()}, index=range(len(df)))
    frame = frame.where(frame.notna(), "")
    frame[ROW] = pd.array(range(2, len(df) + 2), dtype="Int64")
    letters = {k: column_letter(list(df.columns).index(c)) for k, c in cols.items()}
    return RawTable(sheet, sheet, frame, letters, [str(c) for c in df.columns], unmapped, 1, 0)
