"""A workbook whose scores are one plain table on one sheet (a wide scorecard, or a long one without the canonical
sheets), read column-wise: the RawWorkbook `tabular.read_file` gives, in a fraction of the time for big sheets.

The scores sheet is read by fastexcel (`excel.read_sheet_columns`) while
another thread scans the file's XML (merged cells, formulas without a saved
result, where the first row is) and reads a Candidates sheet column-wise.
Layout detection then looks at the top rows as always, and takes the data
rows from the columns (`detect.analyse_sheet`); everything after that is
`tabular.from_plan`, as for any file. The canonical workbook with a long
Scores sheet has its own way in (`canonical.read_canonical_fast`).

Anything this cannot read exactly as the grid reader would (a header not in
row 1 alone, merged cells, mixed kinds of values in a column, several score
sheets, a mapping that names sheets or header rows) is left to the grid
reader: `read_table_fast` returns None before it has read anything of note.
"""

from __future__ import annotations

import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import ToolkitError
from .canonical import DETECTION_ROWS, _plain_table, xlsx_sheets
from .detect import _ignored_by_name, detect_layout, sheet_role
from .excel import SheetColumns, SheetGrid, pivot_sheets, read_grids, read_sheet_columns, scan_xlsx_sheets
from .mapping import Mapping, read_mapping
from .raw import RawWorkbook


def read_table_fast(path, mapping=None) -> RawWorkbook | None:
    """The workbook read with its one scores sheet column-wise, or None to read it the general way (see the module docstring)."""
    from .tabular import from_plan

    m = read_mapping(mapping) or Mapping()
    if m.sheets is not None or m.header_row or m.header_rows:
        return None
    path = Path(path)
    metas = xlsx_sheets(path)
    if metas is None:
        return None
    try:
        pivots = pivot_sheets(path)
    except (ToolkitError, OSError, ValueError, zipfile.BadZipFile):
        return None  # the general reader says what is wrong
    tables = [name for name, visible, kind in metas if visible and kind == "worksheet" and name not in pivots
              and sheet_role(name) is None and not _ignored_by_name(name)]
    if len(tables) > 1:  # an empty "Sheet2" or a sheet of notes besides the scores: the one whose first row is a header
        tables = [name for name in tables if _headed(path, name, m)]
    if len(tables) != 1:
        return None  # no table, or one sheet per interviewer: the grid reader compares them
    scores_name = tables[0]
    enrichment: dict[str, str] = {}
    for name, visible, kind in metas:  # as `detect_layout` finds them: the first visible worksheet of each name
        if visible and kind == "worksheet" and (role := sheet_role(name)) and name not in pivots:
            enrichment.setdefault(role, name)
    cand_name = enrichment.get("Candidates")

    def side():  # the XML scan and the Candidates sheet, while fastexcel reads the scores sheet (both without the GIL)
        return scan_xlsx_sheets(path), read_sheet_columns(path, cand_name) if cand_name else None

    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(side)
        scores = read_sheet_columns(path, scores_name)
        try:
            scan, cand_columns = pending.result()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
            return None
    info = scan.get(scores_name)
    if scores is None or info is None or not info["row1"] or not info["plain"] or info["merged"]:
        return None
    if cand_columns is not None and not _plain_table(cand_columns, scan.get(cand_name), "Candidates"):
        cand_columns = None
    column_wise = {scores_name: scores, **({cand_name: cand_columns} if cand_columns is not None else {})}
    try:
        full = {g.name: g for g in read_grids(path, sheets={name for name, _v, _k in metas if name not in column_wise})}
    except ToolkitError:
        return None
    grids = []
    for name, visible, kind in metas:
        if name in column_wise:
            grids.append(SheetGrid(name, column_wise[name].grid(DETECTION_ROWS).rows, visible, kind))
        elif name in full:
            grids.append(full[name])
    try:
        plan = detect_layout(grids, m, file=str(path), from_csv=False, pivots=pivots, columns={scores_name: scores})
    except ToolkitError:
        return None
    if plan.layout not in ("long", "wide", "per_interviewer") or len(plan.tables) != 1 or not _whole(plan.tables[0], scores):
        return None
    found = plan.enrichment.get("Candidates")
    if cand_columns is not None and (found is None or found.name != cand_name):
        return None  # detection took another sheet for the candidates than the one read whole: only its top rows are here
    formulas = {name: i["formula_cells"] for name, i in scan.items() if i["formula_cells"]}
    return from_plan(str(path), plan, m, grids=grids, source={"reader": "calamine", "format": "xlsx"}, problems=[], from_csv=False,
                     candidates=cand_columns, formulas=formulas)


def _headed(path: Path, sheet: str, m: Mapping) -> bool:
    """True when the sheet's first row is a scores table's header as layout detection finds one (or cannot be read
    cheaply: then it may be one). Layout detection itself still looks at every sheet."""
    from .detect import analyse_sheet
    from .excel import first_row_texts

    headings = first_row_texts(path, sheet)
    return headings is None or (bool(headings) and analyse_sheet(SheetGrid(sheet, [list(headings)]), m) is not None)


def _whole(table, columns: SheetColumns) -> bool:
    """True when layout detection read ``table``'s data rows from ``columns`` (its header row 1 alone, heading every column)."""
    return (table.grid.name == columns.name and table.header.rows == (0,)
            and sorted(table.header.labels) == list(range(len(columns.columns))) and len(table.block) == columns.n_rows)
