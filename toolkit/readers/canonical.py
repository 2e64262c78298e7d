"""The canonical scorecard workbook (Role, Criteria, Candidates, Scores) into a RawWorkbook."""

from __future__ import annotations

from ..schema import ROLE_FIELDS, SHEET_ALIASES, SHEETS, field_lookup, normalise_header
from .excel import SheetGrid, column_letter, read_grids
from .raw import RawRole, RawTable, RawWorkbook, _is_blank, table_from_grid

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


def read_role(grid: SheetGrid | None) -> RawRole:
    if grid is None:
        return RawRole(None, {}, {})
    lookup = field_lookup(ROLE_FIELDS)
    values, cells, unknown = {}, {}, []
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
            continue
        values[name] = value_cell[1]
        cells[name] = f"{column_letter(value_cell[0])}{r + 1}"
    return RawRole(grid.name, values, cells, unknown)


def read_canonical(path) -> RawWorkbook:
    grids = read_grids(path)
    problems: list[dict] = []
    tables: dict[str, RawTable | None] = {}
    role_grid = find_sheet(grids, "Role")
    for sheet in ("Criteria", "Candidates", "Scores"):
        grid = find_sheet(grids, sheet)
        if grid is None:
            tables[sheet] = None
            continue
        h = find_header_row(grid.rows, sheet)
        tables[sheet] = table_from_grid(sheet, grid.name, grid.rows, h if h is not None else 0)
    wb = RawWorkbook(
        file=str(path),
        role=read_role(role_grid),
        tables=tables,
        sheet_names=[g.name for g in grids],
        problems=problems,
        details={"layout": "canonical", "reader": "calamine"},
    )
    if role_grid is None:
        wb.role.sheet_name = None
    return wb
