"""What readers hand to validation: tables of raw cell values with their places.

A `RawTable` holds one sheet's data rows with canonical column names (as far
as the headers could be matched), values exactly as read, and enough about
where each came from (sheet, header row, column letters, Excel row numbers)
to name a cell in a problem. A `RawWorkbook` is the four canonical tables plus
the Role key/value pairs and the problems found while reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..schema import SHEETS, field_lookup, normalise_header
from .excel import SheetColumns, codes_of, column_letter

ROW = "_row"  # Excel row number of a data row (1-based)


@dataclass
class RawTable:
    """One table's data rows with canonical column names and where each value came from.

    ``frame`` holds the canonical columns (values as read, object dtype) and
    ``_row`` (the Excel row). Tables assembled from several sheets or from a
    wide layout also carry ``_sheet`` (sheet of each row) and ``_cell_<column>``
    (the exact cell of that column's value, e.g. ``_cell_score`` = "E7"), used
    by `cell_at` / `sheet_at`; where only the column differs from row to row
    (a wide layout melted into one score column) ``_letter_<column>`` holds
    the column letter and the row is ``_row``. ``excluded`` lists rows that were read but are
    not data (totals, notes): dicts with sheet, row, kind, text. ``formula_rows`` are the data rows
    holding a formula whose result was never saved (`assemble.formula_problems`): validation
    quarantines them, as their value is unknown. ``broken_rows`` are data rows whose cells do not line
    up with the headings (a CSV row with more cells than the header: an unquoted "1,5" split in two);
    validation quarantines them with the reason given.
    """

    sheet: str  # canonical sheet name: Role, Criteria, Candidates, Scores
    sheet_name: str  # as in the file
    frame: pd.DataFrame  # canonical columns (object values) + ROW
    letters: dict[str, str]  # canonical column -> Excel column letter
    headers: list[str]  # headers as found, in order
    unmapped: list[str] = field(default_factory=list)
    header_row: int = 1
    blank_rows: int = 0
    excluded: list[dict] = field(default_factory=list)
    formula_rows: dict = field(default_factory=dict)  # (sheet, Excel row) -> cells whose formula has no saved result
    broken_rows: dict = field(default_factory=dict)  # (sheet, row) -> why its cells cannot be trusted (a CSV row longer than the header)
    names_said: bool = False  # the reader said already where names are missing (an export whose names are in another file)

    def cell(self, column: str, row: int) -> str:
        letter = self.letters.get(column)
        return f"{letter}{row}" if letter else f"row {row}"

    def cell_at(self, column: str, position: int) -> str:
        """The cell of `column` in the frame's row at `position` (0-based), exact even in wide layouts."""
        row = int(self.frame[ROW].iloc[position])
        exact = f"_cell_{column}"
        if exact in self.frame.columns:
            v = self.frame[exact].iloc[position]
            if isinstance(v, str) and v:
                return v
        letter = f"_letter_{column}"
        if letter in self.frame.columns:
            v = self.frame[letter].iloc[position]
            if isinstance(v, str) and v:
                return f"{v}{row}"
        return self.cell(column, row)

    def sheet_at(self, position: int) -> str:
        """The sheet the frame's row at `position` came from."""
        if "_sheet" in self.frame.columns:
            v = self.frame["_sheet"].iloc[position]
            if isinstance(v, str) and v:
                return v
        return self.sheet_name


@dataclass
class RawRole:
    sheet_name: str | None
    values: dict[str, object]  # field -> value
    cells: dict[str, str]  # field -> cell reference (e.g. B3)
    unknown_keys: list[tuple[str, str]] = field(default_factory=list)  # (key, cell)
    formula_fields: set = field(default_factory=set)  # fields whose value is a formula without a saved result (reported as such)
    given_in: dict[str, str] = field(default_factory=dict)  # field -> where its value was given instead of a cell (a mapping file)
    repeated: list[tuple[str, str, object]] = field(default_factory=list)  # (field, key cell, value) of a key given again, not read

    def take_mapping(self, mapping) -> None:
        """A mapping's [role] values over the sheet's: a problem with one of them names the mapping file, not the
        sheet's cell that no longer holds it."""
        for k, v in mapping.role.items():
            self.values[k] = v
            self.cells.pop(k, None)
            self.given_in[k] = f"mapping {Path(mapping.path).name}" if mapping.path else "mapping"


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


def _fields_of(headings: list[tuple[int, object]], lookup: dict[str, str]) -> tuple[dict[str, int], list[str], list[str]]:
    """(field -> column of the first heading that names it, every heading as text, the headings that name no field
    or repeat one) of (column, heading) pairs."""
    cols: dict[str, int] = {}
    headers, unmapped = [], []
    for c, h in headings:
        headers.append(str(h))
        key = lookup.get(normalise_header(h))
        if key and key not in cols:
            cols[key] = c
        else:
            unmapped.append(str(h))
    return cols, headers, unmapped


def table_from_grid(
    sheet: str, sheet_name: str, rows: list[list], header_index: int, *, first_col: int = 0, lookup: dict[str, str] | None = None
) -> RawTable:
    """Build a RawTable from a grid, the header being grid row `header_index` (0-based).

    Rows below the header are classified column-wise (`rows.classify_rows`):
    totals/averages rows and notes/legends are left out and listed in
    ``excluded``; blank rows inside the table are counted in ``blank_rows``.
    """
    from .rows import classify_rows, row_text

    lookup = lookup or field_lookup(SHEETS[sheet])
    header = rows[header_index] if header_index < len(rows) else []
    cols, headers, unmapped = _fields_of([(c, header[c]) for c in range(first_col, len(header)) if not _is_blank(header[c])], lookup)
    data_rows = rows[header_index + 1 :]
    width = max([len(header), *(len(r) for r in data_rows[:1])], default=0)
    block = pd.DataFrame(data_rows, dtype=object) if data_rows else pd.DataFrame(dtype=object)
    block.index = pd.RangeIndex(header_index + 2, header_index + 2 + len(block))  # Excel row numbers
    used = [c for c in range(first_col, max(width, len(block.columns))) if c in block.columns]
    labelled = [c for c in used if c < len(header) and not _is_blank(header[c])]
    kinds = classify_rows(block[labelled] if labelled else block[used], [c for k, c in cols.items() if k in _KEY_FIELDS.get(sheet, ())])
    if len(block) == 0:
        kinds = pd.Series([], dtype="str")
    keep = kinds.eq("data").to_numpy() if len(kinds) else np.zeros(0, dtype=bool)
    excluded = [dict(sheet=sheet_name, row=int(r), kind=k, text=row_text(block[labelled or used], r))
                for r, k in zip(block.index[np.isin(kinds.to_numpy(), ["totals", "note"])], kinds[kinds.isin(["totals", "note"])])]
    data = block.loc[keep]
    frame = pd.DataFrame({k: (data[c] if c in data.columns else pd.Series("", index=data.index, dtype=object)).astype(object)
                          for k, c in cols.items()}, index=data.index)
    frame = frame.where(frame.notna(), "")
    frame[ROW] = pd.array(data.index.to_numpy(), dtype="Int64")
    frame = frame.reset_index(drop=True)
    # blank rows between data rows (not the trailing ones after the last data row)
    is_blank = kinds.eq("blank").to_numpy() if len(kinds) else np.zeros(0, dtype=bool)
    last = np.flatnonzero(keep)[-1] if keep.any() else -1
    blank = int(is_blank[: last + 1].sum())
    return RawTable(
        sheet=sheet,
        sheet_name=sheet_name,
        frame=frame,
        letters={k: column_letter(c) for k, c in cols.items()},
        headers=headers,
        unmapped=unmapped,
        header_row=header_index + 1,
        blank_rows=blank,
        excluded=excluded,
    )


# Columns whose cell names the row (used to spot totals rows such as "Summe" in the candidate column).
_KEY_FIELDS = {"Criteria": ("criterion",), "Candidates": ("candidate_id", "name"), "Scores": ("candidate_id",)}


def table_from_columns(sheet: str, columns: SheetColumns, *, lookup: dict[str, str] | None = None) -> RawTable:
    """`table_from_grid` for a sheet read column-wise (headings in row 1): the same table, its columns typed.

    The frame's columns keep the sheet's kinds of values (float64, "str",
    boolean, datetime64) instead of Python objects; blank cells are NaN / ''
    / <NA> / NaT. Rows are classified as `rows.classify_rows` does: a row
    can only be other than data when it is blank, has a single filled cell or
    is labelled like a totals row, and such rows (and everything after the
    first of them) are classified by `classify_rows` itself.
    """
    lookup = lookup or field_lookup(SHEETS[sheet])
    cols, headers, unmapped = _fields_of(list(enumerate(columns.headers)), lookup)
    kinds, excluded = column_kinds(columns, [c for k, c in cols.items() if k in _KEY_FIELDS.get(sheet, ())])
    keep = kinds == "data"
    if keep.all():  # every row is data (the usual case): the columns as they are
        frame = pd.DataFrame({k: columns.columns[c] for k, c in cols.items()}, index=pd.RangeIndex(len(keep)), copy=False)
    else:
        frame = pd.DataFrame({k: columns.columns[c][keep].reset_index(drop=True) for k, c in cols.items()}, index=pd.RangeIndex(int(keep.sum())), copy=False)
    frame[ROW] = pd.array(np.flatnonzero(keep) + 2, dtype="Int64")
    is_blank = kinds == "blank"
    last = np.flatnonzero(keep)[-1] if keep.any() else -1
    return RawTable(
        sheet=sheet,
        sheet_name=columns.name,
        frame=frame,
        letters={k: column_letter(c) for k, c in cols.items()},
        headers=headers,
        unmapped=unmapped,
        header_row=1,
        blank_rows=int(is_blank[: last + 1].sum()),
        excluded=excluded,
    )


def column_kinds(columns: SheetColumns, key_cols: list[int]) -> tuple[np.ndarray, list[dict]]:
    """`rows.classify_rows` of a sheet read column-wise (every column, headings in row 1): (kind of each data row,
    the rows left out as dicts with sheet, row, kind, text). Only the rows from the first that might not be data
    (`_first_row_maybe_not_data`) are classified as a grid; before it every row is data."""
    from .rows import classify_rows, row_text

    n = columns.n_rows
    kinds = np.full(n, "data", dtype=object)
    excluded: list[dict] = []
    start = _first_row_maybe_not_data(columns, key_cols)
    if start is not None:  # classify the rest exactly as a grid would be (from the row above: a subtotal names its group)
        start = max(start - 1, 0)
        width = len(columns.columns)
        block = pd.DataFrame(columns.python_rows(start, n), columns=range(width), dtype=object)
        block.index = pd.RangeIndex(start + 2, n + 2)
        tail = classify_rows(block, key_cols)
        kinds[start:] = tail.to_numpy(dtype=object)
        left = tail[tail.isin(["totals", "note"])]
        excluded = [dict(sheet=columns.name, row=int(r), kind=k, text=row_text(block, r)) for r, k in left.items()]
    return kinds, excluded


def _first_row_maybe_not_data(columns: SheetColumns, key_cols: list[int]) -> int | None:
    """Position of the first row that `classify_rows` might call blank, totals or note; None when every row is data.

    Such a row is blank, has a single filled cell, or has a text cell that
    reads as a totals label in its first filled column or a key column.
    Before the first of them there is no break (blank or totals row), so
    no row can be a note that follows one.
    """
    from .headers import total_or_subtotal_labels
    from .rows import blank_column

    n = columns.n_rows
    if n == 0:
        return None
    width = len(columns.columns)
    filled = np.zeros((n, width), dtype=bool, order="F")  # filled column by column
    for i, s in enumerate(columns.columns):
        filled[:, i] = ~blank_column(s) if _is_text(s) else s.notna().to_numpy()
    n_filled = filled.sum(axis=1)
    first = filled.argmax(axis=1)
    maybe = n_filled <= 1
    for i in sorted(set(np.unique(first).tolist()) | set(key_cols)):  # only columns that are some row's first cell, or a key
        s = columns.columns[i]
        if not _is_text(s):
            continue
        codes, values = codes_of(s)
        table = np.append(total_or_subtotal_labels(values), False)
        label = table[np.where(codes < 0, len(values), codes)]
        maybe |= label & ((first == i) | (i in key_cols))
    hits = np.flatnonzero(maybe)
    return int(hits[0]) if len(hits) else None


def _is_text(s: pd.Series) -> bool:
    return s.dtype == "str" or isinstance(s.dtype, pd.CategoricalDtype)


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
