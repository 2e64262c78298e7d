"""Scores tables of any layout into one long frame: a row per candidate x interviewer x criterion.

The long frame has the columns ``candidate_id``, ``name``, ``interviewer``,
``criterion``, ``score``, ``stage``, ``interviewed_on``, ``evidence`` and the
candidate-level columns found (``status``, ``email`` ...), values as read
(object), plus where each came from: ``_sheet``, ``_row`` (Excel row),
``_letter_<column>`` (the column letter of that value, e.g. ``_letter_score`` = "E"), ``_order`` (the criterion's
column position, for criteria ranked by header order) and ``_hint`` (a scale
given in the criterion's heading, as "lo-hi").

- long tables are taken column for column;
- wide tables are melted: one output row per criterion column;
- per-interviewer sheets are wide tables whose interviewer is the sheet name.

Candidate and interviewer cells left blank under a filled one (merged
cells, or "same as above") are filled down; the count is reported. A cell
holding a formula whose result was never saved is not blank (its value is
unknown, `assemble.formula_problems` sets its row aside): nothing is filled
into it, nor from it into the blank cells below.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .detect import SheetTable
from .excel import column_letter, small_codes
from .headers import CANDIDATE_LEVEL, clean_text
from .rows import blank_cells

ROW_FIELDS = ("candidate_id", "name", "first_name", "last_name", "interviewer", "stage", "interviewed_on", "evidence", *CANDIDATE_LEVEL)
LONG_COLUMNS = ("candidate_id", "name", "interviewer", "criterion", "score", "stage", "interviewed_on", "evidence", *CANDIDATE_LEVEL)
FILL_DOWN = ("candidate_id", "name", "first_name", "last_name", "interviewer", "stage", "interviewed_on")


_CELL = re.compile(r"([A-Z]+)(\d+)$")  # "B7": column letter, row


def _formula_rows(t: SheetTable, letter: str, formula_cells) -> np.ndarray:
    """True for the table's data rows whose cell in column ``letter`` holds a formula without a saved result
    (``formula_cells``: such cells of the table's sheet, as `excel.formulas_without_values` lists them)."""
    rows = [int(m.group(2)) for cell in formula_cells if (m := _CELL.match(cell)) and m.group(1) == letter]
    return np.isin(t.data.index.to_numpy(), rows)


def _base(t: SheetTable, interviewer: str | None, formula_cells=()) -> tuple[pd.DataFrame, dict]:
    """Row-level columns of the table's data rows, filled down where a key cell is blank (not from or into a cell of
    ``formula_cells``: formulas without a saved result on the table's sheet)."""
    data = t.data
    out = pd.DataFrame(index=data.index)
    info = {"filled_down": 0}
    for f in ROW_FIELDS:
        col = t.by_field(f)
        if col is None:
            continue
        values = data[col.index]  # a category when read column-wise: kept, so that work per distinct value stays cheap
        out[f] = values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype(object)
        out[f"_letter_{f}"] = _same_text(col.letter, len(out))
    if interviewer is not None and "interviewer" not in out:
        out["interviewer"] = interviewer
    blank = blank_cells(out[[f for f in FILL_DOWN if f in out]]) if len(out) else None
    if blank is not None and len(out):
        for f in FILL_DOWN:
            if f not in out or f == "interviewed_on":
                continue
            col = t.by_field(f)
            formula = _formula_rows(t, col.letter, formula_cells) if formula_cells and col is not None else None
            b = blank[f] if formula is None else blank[f] & ~formula  # a formula without a result is no blank cell
            if f in ("name", "first_name", "last_name") and "candidate_id" in blank:
                b = b & blank["candidate_id"]  # a row with an id of its own is another candidate: a blank name stays blank
            if b.any() and (~b).any():
                filled = out[f].where(~b).ffill()
                if formula is not None and formula.any():  # its value is unknown: its own cell and the blanks below it stay as read
                    below = pd.Series(np.where(b, np.nan, formula), index=out.index).ffill().fillna(0).to_numpy(dtype=bool)
                    filled = filled.mask(below & (b.to_numpy() | formula))
                n = int((b & filled.notna()).sum())
                if n:
                    info["filled_down"] += n
                    out[f] = filled.where(filled.notna(), out[f])
    if "first_name" in out or "last_name" in out:
        for f in ("name", "first_name", "last_name"):
            if f in out:
                out[f] = out[f].astype(object)
        first = out.get("first_name", pd.Series("", index=out.index)).map(clean_text)
        last = out.get("last_name", pd.Series("", index=out.index)).map(clean_text)
        joined = (first + " " + last).str.strip()
        if "name" in out:
            out["name"] = out["name"].where(~blank_cells(out[["name"]])["name"], joined)
        else:
            out["name"] = joined
            out["_letter_name"] = out.get("_letter_first_name", out.get("_letter_last_name"))
        out = out.drop(columns=[c for c in ("first_name", "last_name", "_letter_first_name", "_letter_last_name") if c in out])
    out["_sheet"] = _same_text(t.name, len(out))
    out["_row"] = data.index.to_numpy()
    return out, info


def long_from_table(t: SheetTable, interviewer: str | None = None, formula_cells=()) -> tuple[pd.DataFrame, dict]:
    """One table as a long frame (see the module docstring) and what was done (``filled_down`` cells); ``formula_cells``
    are the cells of its sheet that hold a formula without a saved result."""
    base, info = _base(t, interviewer, formula_cells)
    if t.kind == "long":
        for f in ("criterion", "score"):
            col = t.by_field(f)
            base[f] = t.data[col.index].astype(object)
            base[f"_letter_{f}"] = col.letter
        base["_order"] = np.nan
        base["_hint"] = None
        hint_col = t.by_field("score")
        if hint_col is not None:
            from .headers import parse_criterion_header

            sc = parse_criterion_header(hint_col.heading).scale
            base["_hint"] = f"{sc[0]:g}-{sc[1]:g}" if sc else None
        return base.reset_index(drop=True), info
    parts = []
    header_row = t.header.excel_rows[-1]
    comment = base.pop("evidence") if "evidence" in base else None
    base = base.drop(columns=["_letter_evidence"], errors="ignore")
    per_criterion = {c.criterion: c for c in t.columns if c.field == "criterion_evidence"}
    rows = base["_row"].to_numpy()
    in_order = len(rows) < 2 or bool((rows[1:] > rows[:-1]).all())
    if comment is None and not per_criterion and t.criterion_columns and in_order:
        return _melted(t, base, header_row), info
    for order, col in enumerate(t.criterion_columns):
        part = base.copy()
        if order == 0 and comment is not None:
            part["_comment"] = comment
        if col.criterion in per_criterion:
            ev = per_criterion[col.criterion]
            part["evidence"] = t.data[ev.index].astype(object)
            part["_letter_evidence"] = ev.letter
        part["criterion"] = col.criterion
        part["_cell_criterion"] = f"{col.letter}{header_row}"
        part["score"] = t.data[col.index].astype(object)
        part["_letter_score"] = col.letter
        part["_order"] = order
        part["_hint"] = f"{col.scale[0]:g}-{col.scale[1]:g}" if col.scale else None
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=[*LONG_COLUMNS, "_sheet", "_row"]), info
    out = pd.concat(parts, ignore_index=True)
    # keep the sheet's row order: candidate rows first, criteria within each row
    if in_order:  # rows in sheet order (as read): interleave the parts
        order = np.arange(len(out)).reshape(len(parts), len(base)).T.ravel()
        return out.take(order).reset_index(drop=True), info
    out = out.sort_values(["_row", "_order"], kind="stable").reset_index(drop=True)
    return out, info


def _melted(t: SheetTable, base: pd.DataFrame, header_row: int) -> pd.DataFrame:
    """A wide table without comment columns as the long frame, built column by column in the sheet's row order
    (each row's criteria in column order): what melting it part by part and interleaving the parts gives."""
    cols = t.criterion_columns
    k, n = len(cols), len(base)
    out = base.take(np.repeat(np.arange(n), k)).reset_index(drop=True)

    def each_text(values: list[str]) -> pd.Series:  # the same as a category of the k texts (no Python object per cell)
        if not n:
            return pd.Series([], dtype=object)
        own, texts = pd.factorize(np.array(values, dtype=object))  # two criteria of one name: one category
        return pd.Series(pd.Categorical.from_codes(np.tile(small_codes(own, len(texts)), n), categories=pd.Index(texts, dtype=object)))

    out["criterion"] = each_text([c.criterion for c in cols])
    out["_cell_criterion"] = each_text([f"{c.letter}{header_row}" for c in cols])
    out["score"] = _scores_row_by_row(t.data[[c.index for c in cols]])
    out["_letter_score"] = each_text([c.letter for c in cols])
    out["_order"] = np.tile(small_codes(np.arange(k), k), n)
    out["_hint"] = each_text([f"{c.scale[0]:g}-{c.scale[1]:g}" if c.scale else None for c in cols])  # None: no hint (missing)
    return out


def _same_text(text: str, n: int) -> pd.Categorical:
    """``text`` in each of ``n`` rows, as a category (a column letter or sheet name down 100,000 rows costs n bytes)."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=pd.Index([text], dtype=object))


def _scores_row_by_row(block: pd.DataFrame) -> pd.Series:
    """The cells of ``block`` row by row (each row's columns in order) in one column: a category when every column is
    one (a sheet read column-wise) and no two of their values are one to a hash table (1.0 and True), else objects."""
    columns = [block[c] for c in block.columns]
    if columns and len(block) and all(isinstance(c.dtype, pd.CategoricalDtype) for c in columns):
        values, at = [], {}
        recoded = []
        for c in columns:
            own = []
            for v in c.cat.categories.to_numpy(dtype=object).tolist():
                key = (type(v), v)
                if key not in at:
                    at[key] = len(values)
                    values.append(v)
                own.append(at[key])
            lookup = np.append(np.array(own, dtype=np.int64), -1)  # a missing cell's code -1 takes the last: -1
            recoded.append(lookup[c.cat.codes.to_numpy()])
        if len({v for v in values}) == len(values):  # else two values are one to a category: objects
            table = np.empty(len(values), dtype=object)
            table[:] = values
            small = [small_codes(r, len(values)) for r in recoded]  # a byte a cell for a few distinct scores
            return pd.Series(pd.Categorical.from_codes(np.column_stack(small).ravel(), categories=pd.Index(table, dtype=object)))
    return pd.Series(block.to_numpy(dtype=object).ravel(), dtype=object)


def long_from_tables(tables: list[SheetTable], layout: str, interviewer: str | None = None,
                     formulas: dict[str, list[str]] | None = None) -> tuple[pd.DataFrame, dict]:
    """All tables of a file as one long frame; per-interviewer sheets get the sheet name as interviewer. ``formulas``:
    sheet -> cells holding a formula without a saved result (`excel.formulas_without_values`), never filled down."""
    frames, info = [], {"filled_down": 0}
    for t in tables:
        who = interviewer or (t.name if layout == "per_interviewer" else None)
        f, i = long_from_table(t, who, (formulas or {}).get(t.name, ()))
        frames.append(f)
        info["filled_down"] += i["filled_down"]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    for c in LONG_COLUMNS:  # columns the sheets lack: blank text, as one category (a million "" would cost 10 MB each)
        if c not in out:
            out[c] = _same_text("", len(out))
    return out, info


def letters_of(t: SheetTable) -> dict[str, str]:
    """Canonical column -> letter for the row-level columns of a table."""
    return {c.field: column_letter(c.index) for c in t.columns if c.field in ROW_FIELDS or c.field in ("criterion", "score")}
