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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import ToolkitError
from .canonical import DETECTION_ROWS, _plain_table, read_real_dates, xlsx_sheets
from .detect import _ignored_by_name, detect_layout, sheet_role
from .excel import SheetColumns, SheetGrid, pivot_sheets, plain_sheet, read_grids, read_sheet_columns, scan_xlsx_sheets
from .mapping import Mapping, read_mapping
from .raw import RawRole, RawTable, RawWorkbook, table_from_columns


def read_table_fast(path, mapping=None, ready=None) -> RawWorkbook | None:
    """The workbook read with its one scores sheet column-wise, or None to read it the general way (see the module docstring).

    ``ready``: as for `canonical.read_canonical_fast`, called from the other
    thread with the Role, Criteria and Candidates made ahead (`_ahead`), when
    the workbook has those sheets and they do not depend on the scores sheet.
    """
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
    sheet_names = [name for name, _v, _k in metas]

    def side():  # the XML scan and the Candidates sheet, while fastexcel reads the scores sheet (both without the GIL);
        scan = scan_xlsx_sheets(path)  # then the Role, Criteria and Candidates as `from_plan` makes them, and `ready`
        cand_columns = read_sheet_columns(path, cand_name) if cand_name else None
        ahead = None
        try:
            ahead = _ahead(path, m, enrichment, cand_columns, scan)
            if ahead is not None and ready is not None:
                ready(str(path), ahead.role, ahead.criteria, ahead.candidates, sheet_names)
        except Exception:  # noqa: BLE001 - nothing made ahead: from_plan makes them (and reports what is wrong)
            ahead = None
        return scan, cand_columns, ahead

    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(side)
        scores = read_sheet_columns(path, scores_name)
        try:
            scan, cand_columns, ahead = pending.result()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
            return None
    info = scan.get(scores_name)
    if scores is None or not plain_sheet(info):
        return None
    if cand_columns is not None and not _plain_table(cand_columns, scan.get(cand_name), "Candidates"):
        cand_columns = ahead = None
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
                     candidates=cand_columns, formulas=formulas, ahead=ahead)


@dataclass
class Ahead:
    """The Role, Criteria and Candidates of a workbook whose scores are one plain table, made by `from_plan`'s own steps
    before layout detection (`_ahead`): ``problems`` and ``details`` are what those steps reported, for `from_plan` to
    add where it would have. Used only when the plan takes the same sheets (`from_plan`)."""

    role: RawRole
    criteria: RawTable
    candidates: RawTable
    columns: SheetColumns  # the Candidates sheet read column-wise: ``candidates`` is made from it
    problems: list
    details: dict


def _ahead(path: Path, m: Mapping, enrichment: dict[str, str], cand_columns: SheetColumns | None, scan: dict) -> Ahead | None:
    """The Role, Criteria and Candidates as `from_plan` makes them (the same calls), when that does not depend on the
    scores sheet: the workbook has visible Role, Criteria and Candidates sheets and the Candidates sheet is a plain table
    whose dates are real dates (`canonical.read_real_dates`). The scores table's header is in row 1 (else this reader is
    not used), so no title above it names the role."""
    from .assemble import build_criteria, build_role, settle_role_dates, target_scale

    names = [enrichment.get(s) for s in ("Role", "Criteria", "Candidates")]
    if None in names or not _plain_table(cand_columns, scan.get(names[2]), "Candidates"):
        return None
    grids = {g.name: g for g in read_grids(path, sheets=set(names[:2]))}
    if set(grids) != set(names[:2]):
        return None
    problems, details = [], {}
    role = build_role(str(path), grids[names[0]], m, title=None, extra=None, problems=problems, details=details)
    if not settle_role_dates(role):
        return None  # read by the file's day/month rule, decided on all sheets
    target = target_scale(role, m)
    role.values.setdefault("scale", f"{target[0]:g}-{target[1]:g}")
    criteria = build_criteria(pd.DataFrame(), grids[names[1]], m, {}, problems, details)
    candidates = table_from_columns("Candidates", cand_columns)
    if not read_real_dates(candidates):
        return None
    return Ahead(role, criteria, candidates, cand_columns, problems, details)


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
