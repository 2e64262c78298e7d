"""The canonical scorecard workbook (Role, Criteria, Candidates, Scores) into a RawWorkbook."""

from __future__ import annotations

import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..schema import ROLE_FIELDS, SHEET_ALIASES, SHEETS, field_lookup, normalise_header
from .excel import SheetColumns, SheetGrid, column_letter, plain_sheet, read_grids
from .raw import RawRole, RawTable, RawWorkbook, _is_blank, table_from_columns, table_from_grid

HEADER_SEARCH_ROWS = 30


def find_sheet(grids: list[SheetGrid], canonical: str) -> SheetGrid | None:
    """The sheet whose name matches `canonical` or one of its aliases (case, spaces, punctuation ignored)."""
    keys = {normalise_header(canonical), *(normalise_header(a) for a in SHEET_ALIASES.get(canonical, ()))}
    for g in grids:
        if normalise_header(g.name) in keys:
            return g
    return None


def find_header_row(rows: list[list], sheet: str) -> int | None:
    """Index of the row (0-based) that matches the most known field names; None if none match."""
    lookup = field_lookup(SHEETS[sheet])
    best, best_hits = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = len({lookup[k] for k in (normalise_header(v) for v in row if not _is_blank(v)) if k in lookup})
        if hits > best_hits:
            best, best_hits = i, hits
    return best


def fill_merged(grid: SheetGrid, first_data_row: int, problems: list[dict]) -> list[list]:
    """The grid's rows with merged cells in the data read as a person sees them, each merge reported.

    A merge down one column (a candidate id shown once for their six score
    rows) gives its value to every row it covers. A merge across columns is
    ambiguous (which column does the value belong to?): only its first cell
    is read, and that is reported. Merges in the header rows are left alone.
    """
    rows = grid.rows
    data_merges = [m for m in grid.merged if m[0][0] >= first_data_row and (m[0] != m[1])]
    if not data_merges:
        return rows
    rows = list(rows)
    for (r0, c0), (r1, c1) in sorted(data_merges):
        where = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
        if c0 == c1:
            for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
                if c0 < len(rows[r]) and _is_blank(rows[r][c0]):
                    rows[r] = list(rows[r])
                    rows[r][c0] = value
            problems.append(dict(severity="warning", sheet=grid.name, rule="merged_cells", cell=where, row=r0 + 1, value=value,
                                 message=f"cells {where} are merged; their value was read for each of the {r1 - r0 + 1} rows",
                                 hint="Nothing to do if that is right; unmerging and filling every cell makes the sheet safer to sort"))
        else:
            problems.append(dict(severity="warning", sheet=grid.name, rule="merged_cells", cell=where, row=r0 + 1, value=value,
                                 message=f"cells {where} are merged across columns; only {column_letter(c0)}{r0 + 1} was read and the "
                                         f"other cells count as empty",
                                 hint="Unmerge the cells and put each value in its own column"))
    return rows


def read_role(grid: SheetGrid | None) -> RawRole:
    if grid is None:
        return RawRole(None, {}, {})
    lookup = field_lookup(ROLE_FIELDS)
    values, cells, unknown, repeated = {}, {}, [], []
    for r, row in enumerate(grid.rows):
        filled = [(c, v) for c, v in enumerate(row) if not _is_blank(v)]
        if not filled:
            continue
        kc, key = filled[0]
        name = lookup.get(normalise_header(key))
        # the value is the cell right of the key (a third column may hold notes)
        value_cell = (kc + 1, row[kc + 1] if kc + 1 < len(row) else "")
        if name is None:
            if normalise_header(key) not in ("key", "field", "schlüssel", "nyckel", "feld", "fält"):
                unknown.append((str(key), f"{column_letter(kc)}{r + 1}"))
            continue
        if name in values:
            repeated.append((name, f"{column_letter(value_cell[0])}{r + 1}", value_cell[1]))
            continue
        values[name] = value_cell[1]
        cells[name] = f"{column_letter(value_cell[0])}{r + 1}"
    return RawRole(grid.name, values, cells, unknown, repeated=repeated)


def read_canonical(path, mapping=None, *, grids: list[SheetGrid] | None = None, columns: dict[str, SheetColumns] | None = None,
                   formulas: dict[str, list[str]] | None = None, prepared: "Prepared | None" = None) -> RawWorkbook:
    """The canonical four-sheet workbook as a RawWorkbook.

    Scores written as words, stars, fractions or "n/a" are put on the
    round's scale (numbers are taken to be on it already, as the format says;
    a mapping's [scale] source says otherwise), the value as written is kept
    in ``score_raw``; dates are read with one day/month rule; totals and note
    rows are left out and reported; formulas without a saved result are errors.
    Hidden sheets are not read.

    ``columns`` (sheet name -> `SheetColumns`) are table sheets already read
    column-wise (`read_canonical_fast`); their grids in ``grids`` need only
    hold the top rows. ``formulas`` is what `formulas_without_values` would
    find, when known. ``prepared`` holds the Role and the Criteria and
    Candidates tables already made final (`_prepare_people`); they are used as they are.
    """
    from .assemble import DATE_FIELDS, _distinct, _take, excluded_problems, formula_problems, locate_value_warnings, normalise, read_dates, target_scale
    from .excel import formulas_without_values
    from .mapping import Mapping, read_mapping

    columns = columns or {}

    m = read_mapping(mapping) or Mapping()
    grids = read_grids(path) if grids is None else grids
    visible = [g for g in grids if g.visible] or grids
    problems: list[dict] = []
    details: dict = {"file": str(path), "layout": "canonical", "layout_why": "Role, Criteria, Candidates and Scores sheets",
                     "reader": "calamine"}
    tables: dict[str, RawTable | None] = {}
    hidden = [g for g in grids if not g.visible]

    def find(sheet):  # a hidden sheet is read only when no visible one has the name, and that is said
        grid = find_sheet(visible, sheet)
        if grid is None and (grid := find_sheet(hidden, sheet)) is not None:
            problems.append(dict(severity="warning", sheet=grid.name, rule="hidden_sheet",
                                 message=f"the {sheet} sheet is hidden; it was read all the same",
                                 hint="Unhide it (right-click a sheet tab > Unhide) so that everyone sees what was loaded"))
        return grid

    role_grid = find("Role")
    described = []
    for sheet in ("Criteria", "Candidates", "Scores"):
        grid = find(sheet)
        if grid is None:
            tables[sheet] = None
            continue
        if prepared is not None and sheet in prepared.tables and prepared.tables[sheet].sheet_name == grid.name:
            tables[sheet] = prepared.tables[sheet]
            header = columns[grid.name].headers
        elif grid.name in columns:  # read column-wise, headings in row 1
            tables[sheet] = table_from_columns(sheet, columns[grid.name])
            header = columns[grid.name].headers
        else:
            h = find_header_row(grid.rows, sheet)
            rows = fill_merged(grid, (h if h is not None else 0) + 1, problems)
            tables[sheet] = table_from_grid(sheet, grid.name, rows, h if h is not None else 0)
            header = grid.rows[h if h is not None else 0] if grid.rows else []
        t = tables[sheet]
        lookup = field_lookup(SHEETS[sheet])
        cols = [{"letter": column_letter(c), "heading": str(v).strip(), "field": lookup.get(normalise_header(v)) or "unknown (ignored)"}
                for c, v in enumerate(header) if not _is_blank(v)]
        described.append({"sheet": grid.name, "kind": sheet, "header_rows": [t.header_row], "columns": cols,
                          "data_rows": len(t.frame), "excluded_rows": t.excluded})
        details[f"{sheet.casefold()}_source"] = f"sheet {grid.name!r}"
    if prepared is not None and role_grid is not None and prepared.role.sheet_name == role_grid.name:
        role = prepared.role
    else:
        role = _role(role_grid, m)
    details["role_source"] = f"sheet {role_grid.name!r}" if role_grid is not None else "missing"
    target = target_scale(role, m)
    scores = tables.get("Scores")
    if scores is not None and "score" in scores.frame:
        typed = scores.frame["score"].dtype == "float64"  # numbers only (read column-wise): put each distinct one on the scale
        codes, f = _distinct(scores.frame["score"]) if typed else (None, scores.frame.copy())
        f["_order"] = float("nan")
        score, raw, info, scale_problems = normalise(f, target, m, source=m.scale_source or target, sheet=scores.sheet_name)
        if typed:
            scores.frame["score"] = pd.Series(score.to_numpy(dtype="float64", na_value=np.nan)[codes])
            scores.frame["score_raw"] = _take(raw.to_numpy(dtype=object), codes)
        else:
            scores.frame["score"] = score.to_numpy()
            scores.frame["score_raw"] = raw.to_numpy()
        if not m.scale_source:
            info["how"] = "scores in a canonical workbook are on the round's scale"
        details["scale"] = info
        locate_value_warnings(scale_problems, scores.frame["score_raw"], scores)  # the sheet's cells, not the distinct values'
        problems += scale_problems
    # dates: the rule is decided on all columns together (prepared tables: dates read already)
    read_dates([(t.frame, [c for c in DATE_FIELDS if c in t.frame], t) for t in tables.values()
                if t is not None and not (prepared is not None and any(t is x for x in prepared.tables.values()))],
               m, problems, details, sheet=None, role=role)
    excluded = [e for t in tables.values() if t is not None for e in t.excluded]
    details["excluded_rows"] = excluded
    details["tables"] = described
    problems += excluded_problems(excluded)
    missing = formulas_without_values(path) if formulas is None else formulas
    if missing:
        problems += formula_problems(missing, list(tables.values()), details, role=role)
    wb = RawWorkbook(
        file=str(path),
        role=role,
        tables=tables,
        sheet_names=[g.name for g in grids],
        problems=problems,
        details=details,
    )
    if role_grid is None:
        wb.role.sheet_name = None
    return wb


def _role(grid: SheetGrid | None, m) -> RawRole:
    """The Role sheet's values, a mapping's role values over them."""
    role = read_role(grid)
    role.take_mapping(m)
    return role


# ---------------------------------------------------------------------------
# the fast way in


TABLE_SHEETS = ("Criteria", "Candidates", "Scores")
DETECTION_ROWS = 45  # layout detection looks at the first 40 rows of a sheet at most


@dataclass
class Prepared:
    """The Role and the Criteria and Candidates tables, final before the Scores sheet is read (`_prepare_people`)."""

    role: RawRole
    tables: dict[str, RawTable]


def _plain_table(cols: SheetColumns | None, info: dict | None, sheet: str) -> bool:
    """True when a sheet read column-wise (``cols``; ``info`` from `scan_xlsx_sheets`) is the plain table `read_canonical`
    takes as it is: read at all, its first row in row 1, no formula errors or NaN, no merged cells, headings in row 1."""
    if cols is None or not plain_sheet(info):
        return False
    return find_header_row(cols.grid(DETECTION_ROWS).rows, sheet) == 0


def _prepare_people(path, m, found: dict[str, SheetGrid], role_sheet: SheetGrid | None, side_columns: dict, scan: dict) -> Prepared | None:
    """The Role, Criteria and Candidates as `read_canonical` will make them, when that does not depend on the Scores sheet.

    It does not when both tables were read column-wise as plain tables with
    headings in row 1 and their date columns hold no text (real dates or
    nothing: how text dates are read is decided on all sheets together), and
    the Role sheet is visible. None otherwise (`read_canonical` makes them).
    """
    from .assemble import settle_role_dates

    if role_sheet is None:
        return None
    tables = {}
    for sheet in ("Criteria", "Candidates"):
        cols = side_columns.get(found[sheet].name)
        if not _plain_table(cols, scan.get(found[sheet].name), sheet):
            return None
        t = table_from_columns(sheet, cols)
        if not read_real_dates(t):
            return None
        tables[sheet] = t
    grids = read_grids(path, sheets={role_sheet.name})
    if len(grids) != 1:
        return None
    role = _role(grids[0], m)
    if not settle_role_dates(role):
        return None  # read by the file's day/month rule, decided on all sheets
    return Prepared(role, tables)


def read_real_dates(t: RawTable) -> bool:
    """Reads the date columns of a table read column-wise in place, as `assemble.read_dates` would, when they hold real
    dates or nothing (True); False, with nothing changed, when one holds text (how text dates are read is decided on all
    sheets of the file together)."""
    from .assemble import DATE_FIELDS, _distinct, _take
    from .dates import DAY_FIRST, parse_dates

    read = {}
    for c in DATE_FIELDS:
        if c not in t.frame:
            continue
        if t.frame[c].dtype == object:
            return False
        codes, small = _distinct(t.frame[c], c)
        if any(isinstance(v, str) and v.strip() for v in small[c]):
            return False  # text dates: read by the file's day/month rule
        small[c], _bad = parse_dates(small[c], DAY_FIRST)  # real dates read the same under either rule
        read[c] = _take(small[c].to_numpy(dtype=object), codes)
    for c, values in read.items():
        t.frame[c] = values
    return True


def read_canonical_fast(path, mapping=None, ready=None) -> RawWorkbook | None:
    """A canonical .xlsx read with its table sheets column-wise (fastexcel), or None to read it the general way.

    The same RawWorkbook as `tabular.read_file` (the same values at the same
    places, the same problems and details), in a fraction of the time for big
    sheets: the Scores sheet is read by fastexcel while another thread reads
    the Criteria and Candidates sheets and scans the file's XML for what
    fastexcel does not hand over (merged cells, formulas without a saved
    result, where the first row is). A table sheet that is not a plain table
    (mixed kinds of values in a column, failed formulas, NaN, headings not in
    row 1: see `excel.read_sheet_columns`) is read as a grid. None (nothing
    read yet) for anything but a workbook whose layout detection says
    canonical with a Scores sheet of one row per score (a wide one is seen
    from its first row before anything is read), and for mappings that
    change how sheets are found.

    ``ready(file, role, criteria, candidates, sheet_names)``, when given, is
    called from the other thread as soon as the Role, Criteria and Candidates
    are final, while the Scores sheet is still being read (the loader checks
    them meanwhile: `validate.check_people`); those very objects end up in
    the RawWorkbook. It is not called when they depend on the Scores sheet.
    """
    from concurrent.futures import ThreadPoolExecutor

    from ..errors import ToolkitError
    from .assemble import unread_scores_problems
    from .detect import detect_layout
    from .excel import first_row_texts, pivot_sheets, read_sheet_columns, scan_xlsx_sheets
    from .mapping import Mapping, read_mapping

    m = read_mapping(mapping) or Mapping()
    if m.layout not in (None, "canonical") or m.sheets is not None or m.header_row or m.header_rows or m.columns:
        return None
    path = Path(path)
    metas = xlsx_sheets(path)
    if metas is None:
        return None
    placeholders = [SheetGrid(name, [], visible, kind) for name, visible, kind in metas]
    visible = [g for g in placeholders if g.visible and g.kind == "worksheet"]
    found = {sheet: find_sheet(visible, sheet) for sheet in TABLE_SHEETS}
    if any(g is None for g in found.values()) or len({g.name for g in found.values()}) < len(found):
        return None
    scores_name = found["Scores"].name
    headings = first_row_texts(path, scores_name)
    if headings is not None and not _one_row_per_score(headings, m):
        return None  # a wide Scores sheet (one column per criterion): nothing to gain here, the general reader reads it
    role_sheet = find_sheet(visible, "Role")

    def side():  # the other sheets, and what can be made of them before the Scores sheet is read
        scan = scan_xlsx_sheets(path)
        side_columns = {g.name: read_sheet_columns(path, g.name) for s, g in found.items() if s != "Scores"}
        prepared = None
        try:
            prepared = _prepare_people(path, m, found, role_sheet, side_columns, scan)
            if prepared is not None and ready is not None:
                ready(str(path), prepared.role, prepared.tables["Criteria"], prepared.tables["Candidates"], [n for n, _v, _k in metas])
        except Exception:  # noqa: BLE001 - nothing prepared: read_canonical makes them (and reports what is wrong)
            prepared = None
        return scan, side_columns, prepared

    with ThreadPoolExecutor(max_workers=1) as pool:  # fastexcel and zlib work without the GIL: two cores at work
        pending = pool.submit(side)
        scores_columns = read_sheet_columns(path, scores_name)
        try:
            scan, side_columns, prepared = pending.result()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
            return None  # a damaged part: the general reader names it
    read = {scores_name: scores_columns, **side_columns}
    columns: dict[str, SheetColumns] = {}
    for name, cols in read.items():
        if _plain_table(cols, scan.get(name), next(s for s, g in found.items() if g.name == name)):
            columns[name] = cols
    try:
        full = read_grids(path, sheets={g.name for g in placeholders if g.name not in columns})
    except ToolkitError:
        return None
    by_name = {g.name: g for g in full}
    grids = []
    for name, visible_, kind in metas:
        if name in columns:
            cols = columns[name]
            grids.append(SheetGrid(name, cols.grid(DETECTION_ROWS).rows, visible_, kind))
        elif name in by_name:
            grids.append(by_name[name])
    try:
        plan = detect_layout(grids, m, file=str(path), from_csv=False, pivots=pivot_sheets(path))
    except ToolkitError:
        return None
    if plan.layout != "canonical":
        return None
    if scores_name in columns:  # detection saw only the top of the Scores sheet: trust it only where that is all it needs
        table = next((t for t in plan.tables if t.grid.name == scores_name), None)
        if table is None or not {"criterion", "score"} <= {c.field for c in table.columns}:
            return None
    formulas = {name: info["formula_cells"] for name, info in scan.items() if info["formula_cells"]}
    wb = read_canonical(path, m, grids=grids, columns=columns, formulas=formulas, prepared=prepared)
    wb.problems += unread_scores_problems(plan.ignored)
    wb.details.update({"reader": "calamine", "format": "xlsx"})
    wb.details["ignored_sheets"] = plan.ignored
    return wb


def _one_row_per_score(headings: list[str], mapping) -> bool:
    """True when these headings make a table of one row per score (criterion and score columns), as layout detection reads them."""
    from .detect import analyse_sheet

    table = analyse_sheet(SheetGrid("Scores", [list(headings)]), mapping)
    return table is not None and {"criterion", "score"} <= {c.field for c in table.columns}


def xlsx_sheets(path: Path) -> list[tuple[str, bool, str]] | None:
    """(name, visible, kind) of every sheet of an .xlsx/.xlsm file that can be read column-wise; None for any other
    file, or one the general reader must report on (damaged, not a zip, no sheets)."""
    from ..errors import ToolkitError
    from .excel import _check_zip, file_kind

    try:
        if path.suffix.lower() not in (".xlsx", ".xlsm") or file_kind(path) != "zip":
            return None
        _check_zip(path)
        return _sheet_metadata(path) or None
    except (ToolkitError, OSError, ValueError, zipfile.BadZipFile):
        return None  # the general reader says what is wrong


def _sheet_metadata(path: Path) -> list[tuple[str, bool, str]] | None:
    """(name, visible, kind) of every sheet, as `read_grids` reports them, without reading any sheet."""
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(os.fspath(path))
    except Exception:  # calamine's own error types: the general reader reports them
        return None
    try:
        return [(meta.name, "Visible" in str(meta.visible) and "Hidden" not in str(meta.visible),
                 str(getattr(meta, "typ", "WorkSheet")).rsplit(".", 1)[-1].casefold()) for meta in wb.sheets_metadata]
    finally:
        wb.close()
