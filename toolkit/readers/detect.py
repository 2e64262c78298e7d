"""Which layout a workbook or CSV has, found from its sheets, headings and values.

Layouts (reported as ``details["layout"]``, overridable with ``layout =`` in a mapping):

- ``canonical``: our four-sheet workbook (Role, Criteria, Candidates, Scores);
- ``long``: one row per score (candidate, interviewer, criterion, score ...);
- ``wide``: one row per candidate x interviewer, one column per criterion;
- ``per_interviewer``: one sheet per interviewer (sheet name = interviewer),
  one row per candidate, one column per criterion;
- ``relational``, ``greenhouse``, ``lever``: folders of CSV exports (see
  `relational` and `ats`).

`analyse_sheet` finds a sheet's header and what each column is;
`detect_layout` decides for the whole file. Hidden sheets, chart sheets
and sheets named like a pivot, dashboard, summary or instructions are
ignored (and listed with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputFileError, MappingError
from ..schema import SHEET_ALIASES, normalise_header
from .excel import SheetColumns, SheetGrid, codes_of, column_letter
from .headers import NOT_READ, Header, clean_text, comment_for, find_header, looks_like_ids, parse_criterion_header
from .mapping import Mapping
from .raw import column_kinds
from .rows import classify_rows, row_text, scale_from_notes
from .scales import read_value

IGNORED_SHEET_WORDS = (
    "pivot", "dashboard", "übersicht", "uebersicht", "auswertung", "summary", "chart", "charts", "diagramm", "grafik",
    "översikt", "sammanfattning", "sammanställning", "instructions", "instruction", "anleitung", "instruktioner",
    "readme", "legend", "legende", "hinweise", "lists", "listen", "listor", "config", "settings", "einstellungen",
    "statistik", "statistics", "stats", "report", "bericht", "rapport", "analysis", "analyse", "analys", "overview",
    "template", "vorlage", "mall",
)
GENERIC_SHEET_NAMES = ("sheet", "tabelle", "blad", "table", "feuille", "hoja", "foglio", "tabell")
ENRICHMENT = ("Role", "Criteria", "Candidates")


@dataclass
class Column:
    """What one column of a scores table is."""

    index: int  # 0-based grid column
    heading: str
    field: str | None  # import field, "criterion_column", "computed", "ignore" or None (unknown)
    criterion: str | None = None  # criterion name (criterion columns)
    weight: float | None = None
    scale: tuple[float, float] | None = None  # scale given in the heading
    source: str = "heading"  # "heading", "mapping", "values"

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class SheetTable:
    """A scores table found on a sheet: its header, columns, data rows and the rows left out."""

    grid: SheetGrid
    header: Header
    columns: list[Column]
    block: pd.DataFrame  # cells under the header, index = Excel row, columns = grid column index
    kinds: pd.Series  # per row: data, blank, totals, note
    kind: str | None = None  # long, wide, per_interviewer (None: not a scores table)
    why: str = ""
    notes: list[str] = field(default_factory=list)  # text above the header and in note rows

    @property
    def name(self) -> str:
        return self.grid.name

    def by_field(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)

    @property
    def criterion_columns(self) -> list[Column]:
        return [c for c in self.columns if c.field == "criterion_column"]

    @property
    def data(self) -> pd.DataFrame:
        return self.block.loc[self.kinds.eq("data").to_numpy()]

    def excluded(self) -> list[dict]:
        rows = self.kinds[self.kinds.isin(["totals", "note"])]
        return [dict(sheet=self.name, row=int(r), kind=k, text=row_text(self.block, r)) for r, k in rows.items()]


@dataclass
class Plan:
    """What `detect_layout` decided for a file."""

    layout: str
    why: str
    tables: list[SheetTable]
    enrichment: dict[str, SheetGrid]  # Role / Criteria / Candidates sheets found by name
    ignored: list[dict]  # {"sheet", "why"}


def _score_like(values: pd.Series) -> bool:
    """True when at least half of the filled cells read as ratings (numbers, words, stars, 'n/a'); an empty column counts."""
    codes, uniques = codes_of(values)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques)) if len(uniques) else np.zeros(0, dtype=int)
    filled = readable = 0
    for u, n in zip(uniques, counts):
        if _blank(u):
            continue
        filled += n
        readable += n if read_value(u).kind != "bad" else 0
    return filled == 0 or readable >= 0.5 * filled


def _all_blank(values: pd.Series) -> bool:
    codes, uniques = codes_of(values)
    return all(_blank(uniques[c]) for c in np.unique(codes[codes >= 0]))


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.replace("\u00a0", " ").strip())


def sheet_role(name: str) -> str | None:
    """"Role", "Criteria" or "Candidates" when a sheet name says so (any language), else None."""
    key = normalise_header(name)
    for canonical in ENRICHMENT:
        if key in {normalise_header(canonical), *(normalise_header(a) for a in SHEET_ALIASES.get(canonical, ()))}:
            return canonical
    return None


def _ignored_by_name(name: str) -> bool:
    key = clean_text(name).casefold()
    words = [w for w in key.replace("_", " ").replace("-", " ").split() if w]
    return any(w in IGNORED_SHEET_WORDS for w in words) or normalise_header(name) in {normalise_header(w) for w in IGNORED_SHEET_WORDS}


def _holds_scores(t: "SheetTable | None") -> bool:
    """True when a table was recognised (a layout) and has a data row with a filled rating: a template's header row alone
    is no table of scores (`sheet_not_read` warns only of those)."""
    if t is None or t.kind is None:
        return False
    data = t.block.loc[t.kinds.eq("data").to_numpy()]
    rated = [c.index for c in t.columns if c.field in ("criterion_column", "score")]
    return bool(len(data)) and any(not _all_blank(data[c]) for c in rated)


def is_generic_sheet_name(name: str) -> bool:
    key = normalise_header(name).rstrip("0123456789")
    return key in GENERIC_SHEET_NAMES or key == ""


def analyse_sheet(grid: SheetGrid, mapping: Mapping | None = None, *, columns: SheetColumns | None = None) -> SheetTable | None:
    """The scores table on `grid`, or None when the sheet has no recognisable header.

    ``columns`` is the whole sheet read column-wise (`excel.read_sheet_columns`)
    when ``grid`` holds only its top rows: if the header is row 1 alone and
    heads every column, the data rows are taken from the columns (the table is
    the one the whole grid gives); otherwise the grid's rows are all there is.
    """
    m = mapping or Mapping()
    header = find_header(grid.rows, header_row=m.header_row, header_rows=m.header_rows)
    if header is None and m.columns:
        header = _header_from_mapping(grid, m)
    if header is None:
        return None
    read = columns  # `columns` below: what each heading is
    whole = read is not None and header.rows == (0,) and sorted(header.labels) == list(range(len(read.columns)))
    data_rows = grid.rows[header.row + 1 :]
    if whole:
        block = read.block()
    else:
        block = pd.DataFrame(data_rows, dtype=object) if data_rows else pd.DataFrame(columns=list(header.labels), dtype=object)
        block.index = pd.RangeIndex(header.row + 2, header.row + 2 + len(block))
    for c in header.labels:
        if c not in block.columns:
            block[c] = ""
    block = block[sorted(header.labels)]
    columns: list[Column] = []
    seen: set[str] = set()
    for c, heading in sorted(header.labels.items()):
        mapped = m.column_for(heading)
        f = mapped if mapped else header.fields.get(c)
        col = Column(c, heading, f, source="mapping" if mapped else "heading")
        if f in seen and f not in ("criterion_column", "ignore", *NOT_READ) and not (mapped and f == "criterion"):
            col.field = None  # a second column for the same field is not used
        columns.append(col)
        if col.field:
            seen.add(col.field)
    # in a mapping, "criterion" marks the criterion-name column of a long table (next to a score column)
    # or each criterion column of a wide table
    if "score" not in seen:
        for col in columns:
            if col.field == "criterion" and col.source == "mapping":
                col.field = "criterion_column"
    # which rows are data: key = the candidate columns
    key_cols = [c.index for c in columns if c.field in ("candidate", "candidate_id", "name", "first_name", "last_name")]
    if whole:  # the same kinds, most rows known to be data without looking at them as a grid
        kinds = pd.Series(column_kinds(read, key_cols)[0], index=block.index, dtype="str")
    else:
        kinds = classify_rows(block, key_cols)
    data = block.loc[kinds.eq("data").to_numpy()]
    has_long = {"criterion", "score"} <= {c.field for c in columns}
    for col in columns:
        if col.field == "candidate":
            col.field = "candidate_id" if looks_like_ids(data[col.index].tolist()) else "name"
            col.source = "values"
            if col.field in seen:
                col.field = None
        elif col.field is None and not has_long:
            if _score_like(data[col.index]):
                col.field = "criterion_column"
                col.source = "values"
    # an empty column is a criterion nobody scored only when it sits between criterion columns with ratings
    rated = [c.index for c in columns if c.field == "criterion_column" and not _all_blank(data[c.index])]
    for col in columns:
        if col.field == "criterion_column" and col.source == "values" and _all_blank(data[col.index]):
            if not rated or not (min(rated) < col.index < max(rated)):
                col.field = None
    for col in columns:
        if col.field == "criterion_column":
            parsed = parse_criterion_header(col.heading)
            col.criterion, col.scale = parsed.name or col.heading, parsed.scale
            col.weight = parsed.weight
    names = [c.criterion for c in columns if c.field == "criterion_column"]
    for col in columns:
        if col.field in (None, "evidence") and (crit := comment_for(col.heading, names)):
            col.field, col.criterion = "criterion_evidence", crit
    notes = [row_text(block, r) for r in kinds.index[kinds.eq("note").to_numpy()]]
    notes += [" ".join(clean_text(v) for v in grid.rows[r] if not _blank(v)) for r in range(0, header.rows[0])]
    table = SheetTable(grid, header, columns, block, kinds, notes=notes)
    _decide_kind(table)
    return table


def _header_from_mapping(grid: SheetGrid, m: Mapping) -> Header | None:
    """A header row found by the headings a mapping names (when no heading is a known word)."""
    wanted = {normalise_header(k) for k in m.columns}
    for i, row in enumerate(grid.rows[:40]):
        hits = sum(1 for v in row if not _blank(v) and normalise_header(v) in wanted)
        if hits >= min(2, len(wanted)):
            return find_header(grid.rows, header_row=i + 1, header_rows=1)
    return None


def _decide_kind(t: SheetTable) -> None:
    fields = {c.field for c in t.columns}
    has_candidate = bool(fields & {"candidate_id", "name", "first_name", "last_name"})
    crit_cols = t.criterion_columns
    if not has_candidate:
        t.kind, t.why = None, "no candidate column (a name or id heading such as Candidate, Bewerber:in, Sökande)"
    elif {"criterion", "score"} <= fields:
        t.kind, t.why = "long", "columns for criterion and score: one row per score"
    elif "interviewer" in fields and crit_cols:
        t.kind, t.why = "wide", f"an interviewer column and {len(crit_cols)} criterion columns: one row per candidate x interviewer"
    elif crit_cols:
        t.kind, t.why = "per_interviewer", f"{len(crit_cols)} criterion columns but no interviewer column"
    else:
        t.kind, t.why = None, "no criterion or score columns"


def detect_layout(grids: list[SheetGrid], mapping: Mapping | None = None, *, file: str = "", from_csv: bool = False,
                  pivots: set[str] | None = None, columns: dict[str, SheetColumns] | None = None) -> Plan:
    """Decide the layout of a file from its sheets (see the module docstring). Raises InputFileError when no scores are found.

    ``pivots``: names of sheets that hold a pivot table (ignored). ``columns``: sheets read column-wise whose grids
    hold only their top rows (see `analyse_sheet`).
    """
    columns = columns or {}
    m = mapping or Mapping()
    pivots = pivots or set()
    ignored: list[dict] = []
    enrichment: dict[str, SheetGrid] = {}
    candidates: list[SheetGrid] = []
    if m.sheets:
        names = {g.name: g for g in grids}
        missing = [s for s in m.sheets if s not in names]
        if missing:
            raise MappingError(f"the mapping names sheet {missing[0]!r}, which is not in the file", file=m.path or file,
                               column="sheets", allowed=", ".join(names))
    hidden_roles: dict = {}
    for g in grids:
        role = sheet_role(g.name)
        if m.sheets is not None and g.name not in m.sheets:
            if role:
                enrichment.setdefault(role, g)
            else:
                ignored.append(dict(sheet=g.name, why="not listed in the mapping's sheets"))
            continue
        if g.kind not in ("worksheet", "csv"):
            ignored.append(dict(sheet=g.name, why=f"a {g.kind}, not a table"))
        elif not g.visible and m.sheets is None:  # a sheet the mapping names is read, hidden or not
            if role:
                hidden_roles.setdefault(role, g)  # used when no visible sheet has the role: the reader says it was hidden
            elif not _ignored_by_name(g.name) and g.rows and _holds_scores(analyse_sheet(g, m)):
                ignored.append(dict(sheet=g.name, why="hidden sheet", scores=True))  # an interviewer's sheet hidden away
            else:
                ignored.append(dict(sheet=g.name, why="hidden sheet"))
        elif g.name in pivots and m.sheets is None:
            ignored.append(dict(sheet=g.name, why="holds a pivot table"))
        elif role and m.sheets is None:
            enrichment.setdefault(role, g)
        elif _ignored_by_name(g.name) and m.sheets is None:
            ignored.append(dict(sheet=g.name, why="pivot, dashboard, summary or instructions sheet (by its name)"))
        else:
            candidates.append(g)
    for role, g in hidden_roles.items():
        if role in enrichment:
            ignored.append(dict(sheet=g.name, why="hidden sheet"))
        else:
            enrichment[role] = g
    analysed: list[SheetTable] = []
    for g in candidates:
        t = analyse_sheet(g, m, columns=columns.get(g.name))
        if t is None:
            ignored.append(dict(sheet=g.name, why="no header row with candidate, interviewer or criterion headings"))
            continue
        analysed.append(t)
    _share_criterion_headings(analysed)
    tables: list[SheetTable] = []
    for t in analysed:
        g = t.grid
        if m.layout in ("long", "wide", "per_interviewer") and t.kind is not None:
            _check_forced_layout(t, m, file)
            t.kind, t.why = m.layout, "given in the mapping"
        if m.interviewer and t.kind == "per_interviewer":
            t.why = f"one interviewer ({m.interviewer}) given in the mapping"
        if t.kind is None:
            ignored.append(dict(sheet=g.name, why=t.why))
            continue
        tables.append(t)
    # a canonical workbook: a Scores sheet next to Candidates and Criteria sheets. Its Scores sheet is read as the
    # canonical long table (so that a misspelt heading is reported as such) unless it is clearly a wide table.
    score_names = {normalise_header(a) for a in ("Scores", *SHEET_ALIASES["Scores"])}
    scores_sheet = next((g for g in candidates if normalise_header(g.name) in score_names), None)
    scores_table = next((t for t in tables if t.grid is scores_sheet), None)
    clearly_wide = scores_table is not None and scores_table.kind in ("wide", "per_interviewer") and (
        len(scores_table.criterion_columns) >= 2 or _names_criteria(scores_table, enrichment.get("Criteria")))
    canonical_sheets = "Candidates" in enrichment and "Criteria" in enrichment
    if m.layout == "canonical" or (m.layout is None and canonical_sheets and (
            (scores_sheet is not None and not clearly_wide) or (scores_sheet is None and not tables))):
        for i in ignored:  # a hidden Scores sheet is read all the same (the reader warns that it is hidden)
            if normalise_header(i["sheet"]) in score_names:
                i.pop("scores", None)
        for t in tables:  # "Scores (2)", an edited copy: only the Scores sheet is read, so say which was not
            if t is not scores_table:
                ignored.append(dict(sheet=t.name, why=f"a table of scores besides the {scores_sheet.name if scores_sheet else 'Scores'} sheet",
                                    scores=_holds_scores(t)))
        return Plan("canonical", "Role, Criteria, Candidates and Scores sheets", [scores_table] if scores_table else [], enrichment, ignored)
    for kind in ("long", "wide"):
        chosen = [t for t in tables if t.kind == kind]
        if chosen:
            for t in tables:
                if t.kind != kind:
                    ignored.append(dict(sheet=t.name, why=f"a {t.kind} table next to {kind} ones", scores=_holds_scores(t)))
            return Plan(kind, chosen[0].why, chosen, enrichment, ignored)
    per = [t for t in tables if t.kind == "per_interviewer"]
    named = [t for t in per if not is_generic_sheet_name(t.name)]
    if len(named) >= 2 and len(named) < len(per) and m.sheets is None:
        for t in per:
            if t not in named:
                ignored.append(dict(sheet=t.name, why="a sheet with a generic name among sheets named after interviewers",
                                    scores=_holds_scores(t)))
        per = named
    if per:
        single = len(per) == 1
        if single and not m.interviewer and (from_csv or is_generic_sheet_name(per[0].name)) and m.layout != "per_interviewer":
            t = per[0]
            raise InputFileError(
                "no interviewer column: the table has a row per candidate and rating columns "
                f"({', '.join(c.heading for c in t.criterion_columns[:6])}{' ...' if len(t.criterion_columns) > 6 else ''}) "
                "but nothing says who gave them",
                file=file, sheet=None if from_csv else t.name,
                hint="A scorecard needs one row per interviewer (add an Interviewer column) or one sheet per interviewer "
                     "named after them; if one person scored everything, write a mapping with interviewer = \"Name\"",
            )
        why = (f"{len(per)} sheets with the same kind of table and no interviewer column: sheet name = interviewer"
               if not single else f"one sheet without an interviewer column: interviewer = {m.interviewer or per[0].name!r}")
        return Plan("per_interviewer", why, per, enrichment, ignored)
    found = "; ".join([*(f"{i['sheet']}: {i['why']}" for i in ignored),
                       *(f"{g.name}: a {role} table, not scores" for role, g in enrichment.items())]) or "no sheets"
    hidden = [i["sheet"] for i in ignored if i["why"] == "hidden sheet"]
    raise InputFileError(
        f"no scores table found ({found})",
        file=file,
        hint=(f"Hidden sheets are not read: if the scores are on {', '.join(repr(h) for h in hidden)}, unhide it (right-click a "
              "sheet tab > Unhide) or name it in a mapping file (sheets = [...]). " if hidden else "")
             + "A scores table needs a header row naming the candidate (Candidate, Bewerber:in, Sökande ...) and either "
             "criterion and score columns or one column per criterion; `debrief inspect` shows what was found, "
             "and a mapping file can name the columns",
    )


def _check_forced_layout(t: SheetTable, m: Mapping, file: str) -> None:
    """A mapping's ``layout`` must fit the table it is given for: a long table has criterion and score columns, a wide
    one (or an interviewer's sheet) criterion columns. MappingError naming the sheet and what was found otherwise."""
    fields = {c.field for c in t.columns}
    crit = [c.heading for c in t.criterion_columns]
    if m.layout == "long" and not {"criterion", "score"} <= fields:
        found = (f"it has {len(crit)} criterion columns ({', '.join(crit[:4])}{' ...' if len(crit) > 4 else ''}), a wide table"
                 if crit else "it has no criterion and score columns")
        raise MappingError(f'layout = "long" needs a criterion column and a score column on sheet {t.name!r}, but {found}',
                           file=m.path or file, sheet=t.name, column="layout", allowed="long, wide, per_interviewer, canonical",
                           hint='Remove the layout line (detection found the layout), or write layout = "wide"' if crit
                           else "Name the criterion and score columns under [columns], or remove the layout line")
    if m.layout in ("wide", "per_interviewer") and not crit:
        long = {"criterion", "score"} <= fields
        raise MappingError(f'layout = "{m.layout}" needs a column per criterion on sheet {t.name!r}, but '
                           + ("it has a criterion column and a score column, a long table" if long else "no column reads as a criterion"),
                           file=m.path or file, sheet=t.name, column="layout", allowed="long, wide, per_interviewer, canonical",
                           hint='Remove the layout line (detection found the layout), or write layout = "long"' if long
                           else "Name the criterion columns under [columns] (heading = \"criterion\"), or remove the layout line")


def _share_criterion_headings(tables: list[SheetTable]) -> None:
    """A heading that is a criterion column on one sheet is one on every sheet (a typo in a cell does not hide it)."""
    keys = {normalise_header(c.heading) for t in tables for c in t.criterion_columns}
    for t in tables:
        changed = False
        for col in t.columns:
            if col.field is None and col.source != "mapping" and normalise_header(col.heading) in keys:
                parsed = parse_criterion_header(col.heading)
                col.field, col.source = "criterion_column", "values"
                col.criterion, col.scale, col.weight = parsed.name or col.heading, parsed.scale, parsed.weight
                changed = True
        if changed:
            _decide_kind(t)


def _names_criteria(t: SheetTable, criteria: SheetGrid | None) -> bool:
    """True when a criterion column heading is a criterion named on the Criteria sheet."""
    if criteria is None:
        return False
    names = {normalise_header(v) for row in criteria.rows for v in row if isinstance(v, str)}
    return any(normalise_header(c.criterion) in names for c in t.criterion_columns)


def scale_hint(tables: list[SheetTable]) -> tuple[float, float] | None:
    """A scale stated above a table or in its notes ('Skala 1-10')."""
    return scale_from_notes([n for t in tables for n in t.notes])
