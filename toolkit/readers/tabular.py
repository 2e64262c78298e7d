"""Read a workbook or CSV of any supported sheet layout into a RawWorkbook.

`read_file(path, mapping)` is the entry point for one file: it reads the
sheets by content (a CSV with an .xls name is read as CSV), detects the
layout (`detect`), turns the scores into one long frame (`wide`) and builds
the canonical tables (`assemble`). ``details`` of the result say what was
found: layout and why, per table the header rows, first column and what
each column was read as, the scale, the date rule, the rows left out and
the sheets ignored.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputFileError

from .assemble import (
    DATE_FIELDS,
    assign_candidate_ids,
    build_criteria,
    build_role,
    derive_candidates,
    excluded_problems,
    formula_problems,
    normalise,
    not_read_column_problems,
    problem,
    read_dates,
    scores_table,
    target_scale,
    unread_scores_problems,
    workbook,
)
from .csvfiles import read_csv_grid
from .detect import Plan, SheetTable, detect_layout, scale_hint
from .excel import SheetColumns, SheetGrid, column_letter, file_kind, formulas_without_values, pivot_sheets, read_grids
from .headers import clean_text
from .mapping import Mapping, read_mapping
from .raw import ROW, RawTable, RawWorkbook, table_from_columns, table_from_grid
from .wide import letters_of, long_from_tables

WORKBOOK_NAMES = (".xlsx", ".xlsm", ".xls", ".ods")


def read_sheets(path: str | os.PathLike) -> tuple[list[SheetGrid], dict, list[dict]]:
    """The file's sheets, read by content: (grids, source details, problems).

    A text file is read as CSV whatever its extension; when the extension
    claims a workbook that is reported (warning ``file_type``).
    """
    path = Path(path)
    kind = file_kind(path)
    problems: list[dict] = []
    if kind == "text":
        grid, info = read_csv_grid(path)
        details = {"reader": "csv", **{f"csv_{k}": v for k, v in info.items()}}
        grid = SheetGrid(grid.name, grid.rows, True, "csv")
        ragged = info.get("ragged_rows", {})
        for row in ragged.get("shorter", [])[:50]:  # longer rows: `_broken_csv_rows`, once the data rows are known
            problems.append(problem("warning", grid.name, "ragged_rows", f"row {row} has fewer cells than the header, so its last "
                                    "columns are empty", cell=f"row {row}", row=row,
                                    hint=f"The table has {ragged['width']} columns; check this row for a missing or extra separator"))
        if path.suffix.lower() in WORKBOOK_NAMES:
            details["file_type"] = f"named {path.suffix} but is CSV text; read as CSV"
            problems.append(problem("warning", grid.name, "file_type",
                                    f"the file is named {path.suffix} but is not a spreadsheet workbook: it is CSV text, and was read as CSV",
                                    hint="Rename it to .csv so that other programs open it correctly"))
        return [grid], details, problems
    grids = read_grids(path)
    fmt = {"zip": "xlsx/ods", "ole": "xls"}[kind]
    if kind == "zip":
        fmt = "ods" if path.suffix.lower() == ".ods" else "xlsx"
    return grids, {"reader": "calamine", "format": fmt}, problems


def _title(t: SheetTable) -> str | None:
    for r in range(0, t.header.rows[0]):
        row = t.grid.rows[r]
        filled = [clean_text(v) for v in row if clean_text(v) if not (isinstance(v, float) and v != v)]
        if len(filled) == 1:
            return filled[0]
    return None


def describe_table(t: SheetTable) -> dict:
    """What `inspect` shows for one table."""
    cols = []
    for c in t.columns:
        d = {"letter": c.letter, "heading": c.heading, "field": c.field or "unknown (ignored)"}
        if c.criterion:
            d["criterion"] = c.criterion
        if c.weight is not None:
            d["weight"] = c.weight
        if c.scale:
            d["scale"] = f"{c.scale[0]:g}-{c.scale[1]:g}"
        if c.source != "heading":
            d["from"] = c.source
        cols.append(d)
    kinds = t.kinds.value_counts().to_dict()
    return {
        "sheet": t.name,
        "kind": t.kind,
        "header_rows": t.header.excel_rows,
        "first_column": column_letter(t.header.first_col),
        "columns": cols,
        "data_rows": int(kinds.get("data", 0)),
        "blank_rows": int(kinds.get("blank", 0)),
        "excluded_rows": t.excluded(),
    }


def read_file(path: str | os.PathLike, mapping=None, *, ready=None) -> RawWorkbook:
    """One workbook or CSV file -> RawWorkbook (any layout; see the module docstring).

    ``ready``: see `canonical.read_canonical_fast` (called, if at all, before this returns).
    """
    m = read_mapping(mapping) or Mapping()
    file = str(path)
    from .canonical import read_canonical_fast

    fast = read_canonical_fast(path, m, ready=ready)  # a canonical .xlsx with big plain tables: read column-wise, the same result
    if fast is None:
        from .columnar import read_table_fast

        fast = read_table_fast(path, m, ready=ready)  # one plain scores table (wide, or long without the canonical sheets): the same
    if fast is not None:
        return fast
    grids, source, problems = read_sheets(path)
    from_csv = source["reader"] == "csv"
    try:
        plan = detect_layout(grids, m, file=file, from_csv=from_csv, pivots=set() if from_csv else pivot_sheets(file))
    except InputFileError as exc:
        what, hint = exc.what, exc.hint
        if "file_type" in source:
            what = f"the file is named {Path(file).suffix} but is not a spreadsheet workbook: it is CSV text, read as CSV, and then: {what}"
        kind = None
        if from_csv:
            from .dispatch import export_kind

            kind = export_kind(Path(file).parent)
            if kind is not None:
                what += f"; this file is one table of a {kind} export (its folder holds the others)"
                hint = (f"Load the folder instead: load_rounds({str(Path(file).parent)!r}) or `debrief inspect {Path(file).parent}`. "
                        f"{hint or ''}").strip()
        if what == exc.what:
            raise
        raise InputFileError(what, file=file, hint=hint) from None
    if plan.layout == "canonical":
        from .canonical import read_canonical

        wb = read_canonical(path, m, grids=grids)
        wb.problems[:0] = problems
        wb.problems += unread_scores_problems(plan.ignored)
        wb.details.update(source)
        wb.details["ignored_sheets"] = plan.ignored
        return wb
    return from_plan(file, plan, m, grids=grids, source=source, problems=problems, from_csv=from_csv)


def _broken_csv_rows(scores: RawTable, t: SheetTable, longer: list[int], width: int | None) -> list[dict]:
    """CSV rows with more cells than the header. A data row is set aside (an error: which value belongs to which column
    is unknown, as when an unquoted decimal comma splits "1,5" in two, or "3,5," moves the 5 into the next column),
    except when filled cells follow a last column of free text: a comma in the comment, after every value was in its
    column (a warning). Other rows get a warning when the cells beyond the table hold something."""
    out = []
    data_rows = set(scores.frame[ROW].dropna().astype(int).tolist()) if len(scores.frame) else set()
    last = max(t.columns, key=lambda c: c.index) if t.columns else None
    text_last = last is not None and last.field in ("evidence", "criterion_evidence", None)
    hint = (f"The table has {width} columns: quote a value that holds the separator (\"1,5\"), or export with ; as the "
            "separator, then load the file again")
    for row in longer:
        cells = t.grid.rows[row - 1] if 0 < row <= len(t.grid.rows) else []
        extra = [str(v) for v in cells[width or 0:] if str(v).strip()]
        shown = ", ".join(repr(v) for v in extra[:3])
        if extra and text_last:
            out.append(problem("warning", t.name, "ragged_rows", f"row {row} has filled cells beyond the last column ({shown}), "
                               f"taken for a comma in its {last.heading!r} and not read", cell=f"row {row}", row=row,
                               hint='Quote a text that holds the separator ("strong on joins, weak on windows")'))
        elif row in data_rows:
            why = f"row {row} has more cells than the header ({shown or 'an empty cell'} beyond the last column)"
            scores.broken_rows[(t.name, row)] = why
            out.append(problem("error", t.name, "ragged_rows", f"{why}: which value belongs to which column is unknown, so the row "
                               "is set aside", cell=f"row {row}", row=row, value=extra[0] if extra else None, hint=hint))
        elif extra:
            out.append(problem("warning", t.name, "ragged_rows", f"row {row} has filled cells beyond the last column ({shown}), "
                               "which are not read", cell=f"row {row}", row=row, hint=hint))
    return out


def from_plan(file: str, plan: Plan, m: Mapping, *, grids: list[SheetGrid], source: dict, problems: list[dict],
              from_csv: bool, candidates: SheetColumns | None = None, formulas: dict[str, list[str]] | None = None,
              ahead=None) -> RawWorkbook:
    """The RawWorkbook of a detected plan. ``candidates`` is the Candidates sheet read column-wise as a plain table
    (its grid in the plan holds the top rows only); ``formulas`` what `formulas_without_values` finds, when known.
    ``ahead`` (`columnar.Ahead`) holds the Role, Criteria and Candidates made by the steps below before the plan was
    known; they are taken as they are when the plan reads the same sheets."""
    details: dict = {"file": file, "layout": plan.layout, "layout_why": plan.why, **source}
    for role, grid in plan.enrichment.items():  # a hidden Role, Criteria or Candidates sheet is read when no visible one has its name
        if not grid.visible:
            problems.append(dict(severity="warning", sheet=grid.name, rule="hidden_sheet",
                                 message=f"the {role} sheet is hidden; it was read all the same",
                                 hint="Unhide it (right-click a sheet tab > Unhide) so that everyone sees what was loaded"))
    if m.path:
        details["mapping"] = m.path
    if not from_csv and formulas is None:
        formulas = formulas_without_values(file)
    long, info = long_from_tables(plan.tables, plan.layout, interviewer=m.interviewer, formulas=formulas)
    if info["filled_down"]:
        details["filled_down"] = f"{info['filled_down']} blank candidate/interviewer cells filled from the row above (merged cells)"
    details["tables"] = [describe_table(t) for t in plan.tables]
    details["ignored_sheets"] = plan.ignored
    first = plan.tables[0]
    sheet_label = first.name if len(plan.tables) == 1 else f"{first.name} (+{len(plan.tables) - 1} more sheets)"
    title = _title(first)
    if plan.layout == "per_interviewer" and len({_title(t) for t in plan.tables}) > 1:
        title = None  # each interviewer's sheet has its own title: none of them names the role
    cand_grid = plan.enrichment.get("Candidates")
    names = [g.name if (g := plan.enrichment.get(s)) is not None else None for s in ("Role", "Criteria", "Candidates")]
    if not (ahead is not None and title is None and candidates is ahead.columns
            and names == [ahead.role.sheet_name, ahead.criteria.sheet_name, ahead.candidates.sheet_name]):
        ahead = None
    if ahead is not None:  # what the next steps make, made while the scores sheet was read
        role = ahead.role
        problems += ahead.problems
        details["role_source"] = ahead.details["role_source"]
    else:
        role = build_role(file, plan.enrichment.get("Role"), m, title=title, extra=None, problems=problems, details=details)
    target = target_scale(role, m)
    role.values.setdefault("scale", f"{target[0]:g}-{target[1]:g}")  # made ahead: set there already, for check_people
    # candidates sheet (if any) and ids
    cand_table = None
    if ahead is not None:
        cand_table = ahead.candidates
        details["candidates_source"] = f"sheet {cand_grid.name!r}"
    elif cand_grid is not None and candidates is not None and candidates.name == cand_grid.name:
        cand_table = table_from_columns("Candidates", candidates)
        details["candidates_source"] = f"sheet {cand_grid.name!r}"
    elif cand_grid is not None:
        from .canonical import find_header_row

        h = find_header_row(cand_grid.rows, "Candidates")
        cand_table = table_from_grid("Candidates", cand_grid.name, cand_grid.rows, h if h is not None else 0)
        details["candidates_source"] = f"sheet {cand_grid.name!r}"
    # dates first (derived candidates carry them)
    date_frames = [(long, [c for c in DATE_FIELDS if c in long])]
    if cand_table is not None and ahead is None:  # made ahead: its dates are read (real dates, read alike under either rule)
        date_frames.append((cand_table.frame, [c for c in DATE_FIELDS if c in cand_table.frame], cand_table))
    read_dates(date_frames, m, problems, details, sheet=sheet_label, role=role)
    ids = assign_candidate_ids(long, cand_table, problems, details)
    if cand_table is None:
        cand_table = derive_candidates(long, ids, m, problems, details)
    weights = {}
    for t in plan.tables:
        for c in t.criterion_columns:
            if c.weight is not None:
                weights.setdefault(c.criterion, (c.weight, True))
    if ahead is not None:
        criteria = ahead.criteria
        details["criteria_source"] = ahead.details["criteria_source"]
    else:
        criteria = build_criteria(long, plan.enrichment.get("Criteria"), m, weights, problems, details)
    score, raw, scale_info, scale_problems = normalise(long, target, m, file_hint=scale_hint(plan.tables), sheet=sheet_label)
    details["scale"] = scale_info
    problems += scale_problems
    t0 = plan.tables[0]
    single = len(plan.tables) == 1
    letters = {k: v for k, v in letters_of(t0).items() if k in ("candidate_id", "interviewer", "stage", "interviewed_on", "evidence")} if single else {}
    if single and t0.kind == "long":
        letters = {k: v for k, v in letters_of(t0).items() if k in ("candidate_id", "interviewer", "criterion", "score", "stage",
                                                                         "interviewed_on", "evidence")}
    if single and "candidate_id" not in letters and "name" in letters_of(t0):  # the candidate is named, not numbered: the id is
        letters["candidate_id"] = letters_of(t0)["name"]                       # made from that cell, and a problem names it
    unmapped = [c.heading for t in plan.tables for c in t.columns if c.field is None]
    headers = [c.heading for c in t0.columns]
    scores = scores_table(long, ids, score, raw, sheet_name=sheet_label, letters=letters, headers=headers,
                          unmapped=list(dict.fromkeys(unmapped)), header_row=t0.header.excel_rows[-1])
    ragged = source.get("csv_ragged_rows", {})
    if from_csv and ragged.get("longer"):
        problems += _broken_csv_rows(scores, t0, ragged["longer"], ragged["width"])
    excluded = [e for t in plan.tables for e in t.excluded()]
    details["excluded_rows"] = excluded
    problems += not_read_column_problems(plan.tables)
    problems += unread_scores_problems(plan.ignored)
    problems += excluded_problems(excluded)
    if formulas:
        problems += formula_problems(formulas, [scores, cand_table, criteria], details, role=role)
    return workbook(file, role, criteria, cand_table, scores, [g.name for g in grids], problems, details)
