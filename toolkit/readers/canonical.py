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


def read_canonical(path, mapping=None, *, grids: list[SheetGrid] | None = None) -> RawWorkbook:
    """The canonical four-sheet workbook as a RawWorkbook.

    Scores written as words, stars, fractions or "n/a" are put on the
    round's scale (numbers are taken to be on it already, as the format says;
    a mapping's [scale] source says otherwise), the value as written is kept
    in ``score_raw``; dates are read with one day/month rule; totals and note
    rows are left out and reported; formulas without a saved result are errors.
    Hidden sheets are not read.
    """
    from .assemble import DATE_FIELDS, excluded_problems, formula_problems, normalise, read_dates, target_scale
    from .excel import formulas_without_values
    from .mapping import Mapping, read_mapping

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
        h = find_header_row(grid.rows, sheet)
        rows = fill_merged(grid, (h if h is not None else 0) + 1, problems)
        tables[sheet] = table_from_grid(sheet, grid.name, rows, h if h is not None else 0)
        t = tables[sheet]
        lookup = field_lookup(SHEETS[sheet])
        header = grid.rows[h if h is not None else 0] if grid.rows else []
        cols = [{"letter": column_letter(c), "heading": str(v).strip(), "field": lookup.get(normalise_header(v)) or "unknown (ignored)"}
                for c, v in enumerate(header) if not _is_blank(v)]
        described.append({"sheet": grid.name, "kind": sheet, "header_rows": [t.header_row], "columns": cols,
                          "data_rows": len(t.frame), "excluded_rows": t.excluded})
        details[f"{sheet.casefold()}_source"] = f"sheet {grid.name!r}"
    role = read_role(role_grid)
    details["role_source"] = f"sheet {role_grid.name!r}" if role_grid is not None else "missing"
    for k, v in m.role.items():
        role.values[k] = v
    target = target_scale(role, m)
    scores = tables.get("Scores")
    if scores is not None and "score" in scores.frame:
        f = scores.frame.copy()
        f["_order"] = float("nan")
        score, raw, info, scale_problems = normalise(f, target, m, source=m.scale_source or target, sheet=scores.sheet_name)
        scores.frame["score"] = score.to_numpy()
        scores.frame["score_raw"] = raw.to_numpy()
        if not m.scale_source:
            info["how"] = "scores in a canonical workbook are on the round's scale"
        details["scale"] = info
        problems += scale_problems
    date_frames = [(t.frame, [c for c in DATE_FIELDS if c in t.frame]) for t in tables.values() if t is not None]
    read_dates(date_frames, m, problems, details, sheet=None)
    excluded = [e for t in tables.values() if t is not None for e in t.excluded]
    details["excluded_rows"] = excluded
    details["tables"] = described
    problems += excluded_problems(excluded)
    missing = formulas_without_values(path)
    if missing:
        problems += formula_problems(missing, list(tables.values()), details)
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
