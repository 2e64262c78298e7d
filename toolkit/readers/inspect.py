"""What the readers see in a file: layout, header rows, column -> field, scale, dates, rows left out.

`inspect_path(path, mapping=None)` reads a file or export folder exactly as
`load_round` would (no validation) and returns a JSON-ready dict;
`inspection_text(info)` renders it for people; `mapping_for(info)` is the
editable mapping (a dict in the format of `readers.mapping`) that pins down
what was detected, and `mapping_text(info)` its TOML text.

A file in which no scores table is found is not a dead end: its inspection
is a *draft* (``info["draft"]``) that says why, shows each sheet's likeliest
header row and its headings, and whose mapping names those headings with
"?" for the user to fill in (`draft_for`).
"""

from __future__ import annotations

import json
import os
from collections import Counter

from ..errors import InputFileError
from .dispatch import read_path
from .headers import NOT_READ
from .mapping import Mapping, mapping_toml, read_mapping
from .raw import RawWorkbook

FIELD_WORDS = {
    "criterion_column": "criterion",
    "criterion_evidence": "comment on a criterion",
    "computed": "ignored (a total, average or rank)",
    "protected": "ignored (a protected characteristic: must not inform the decision)",
    "personal": "ignored (about the person, not a rating)",
    "ignore": "ignored (mapping)",
    None: "unknown (ignored)",
}


def _counts(raw: RawWorkbook) -> dict:
    out = {}
    for name, t in raw.tables.items():
        out[name] = 0 if t is None else int(len(t.frame))
    return out


def _criteria(raw: RawWorkbook) -> list[dict]:
    t = raw.tables.get("Criteria")
    if t is None or "criterion" not in t.frame:
        return []
    rows = []
    for _, r in t.frame.iterrows():
        d = {"criterion": str(r["criterion"]).strip()}
        for k in ("rank", "weight"):
            v = r.get(k)
            if v is not None and str(v).strip() not in ("", "nan", "None"):
                try:
                    f = float(v)
                    d[k] = int(f) if f.is_integer() else f
                except (TypeError, ValueError):
                    d[k] = str(v)
        rows.append(d)
    return rows


def _jsonable(obj):
    return json.loads(json.dumps(obj, default=str, ensure_ascii=False))


def inspect_path(path: str | os.PathLike, mapping=None) -> dict:
    """Read `path` as load_round would and describe it.

    Returns ``{"path", "rounds": [{"key", "details", "problems", "rows", "criteria", "role"}], "mapping"}``:
    per round the reader's details (layout, tables with header rows and
    column -> field, scale, dates, excluded rows, ignored sheets ...), the
    problems found while reading, the rows read per table, the criteria
    and the role title; ``mapping`` is `mapping_for` of the first round.
    """
    try:
        rounds = read_path(path, mapping)
    except InputFileError as exc:
        draft = draft_for(path, exc) if str(exc).find("no scores table found") >= 0 and mapping is None else None
        if draft is None:
            raise
        return draft
    out = {"path": str(path), "rounds": []}
    for r in rounds:
        out["rounds"].append({
            "key": r.key,
            "details": r.raw.details,
            "problems": r.raw.problems,
            "rows": _counts(r.raw),
            "criteria": _criteria(r.raw),
            "role": str(r.raw.role.values.get("role") or ""),
        })
    out = _jsonable(out)
    out["mapping"] = mapping_for(out, read_mapping(mapping))
    return out


DRAFT_ROWS = 30  # the rows of each sheet in which a header row is looked for


def draft_for(path, error: InputFileError) -> dict | None:
    """The draft inspection of a file in which no scores table was found (module docstring): per sheet, the first row
    among its first `DRAFT_ROWS` as full as the fullest, taken for the header, and its headings. None when the file cannot
    be read as sheets at all (the error stands as it is)."""
    from .csvfiles import read_csv_grid
    from .excel import file_kind, read_grids

    try:
        grids = [read_csv_grid(path)[0]] if file_kind(path) == "text" else read_grids(path)
    except (InputFileError, OSError, ValueError):
        return None
    sheets = []
    for g in grids:
        # the header: the first row as full as the fullest among the first rows (a title above it has one cell; data rows
        # below are as full, and may hold more text, as ratings in words under criteria headed 1-5 do)
        filled = [sum(1 for v in row if v is not None and str(v).strip()) for row in g.rows[:DRAFT_ROWS]]
        best = filled.index(max(filled)) if filled and max(filled) >= 2 else None
        if best is not None:  # every filled cell of that row, a number heading (2026) too
            cells = [v for v in g.rows[best] if v is not None and str(v).strip()]
            headings = [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip() for v in cells]
            sheets.append({"sheet": g.name, "visible": g.visible, "header_row": best + 1, "headings": headings})
    if not sheets:
        return None
    return {"path": str(path), "rounds": [], "draft": True, "error": str(error), "sheets": sheets}


def _draft_text(info: dict) -> str:
    """The draft mapping as TOML: each heading of the likeliest table to be named by the user."""
    first = next((s for s in info["sheets"] if s["visible"]), info["sheets"][0])
    lines = [
        f"# Draft mapping for {info['path']}, written by `debrief inspect`: no scores table was recognised, so",
        "# say what each column holds. Replace every \"?\" with one of: candidate_id, name, interviewer, stage,",
        "# interviewed_on, evidence, criterion (a column of one criterion's scores: the wide layout), score and",
        "# criterion (a row per score: the long layout), or ignore. Then: debrief validate FILE --mapping THIS-FILE.",
        'layout = "?"  # "wide" (a column per criterion) or "long" (a row per score)',
        f"sheets = [{json.dumps(first['sheet'], ensure_ascii=False)}]",
        f"header_row = {first['header_row']}",
        "",
        "[columns]",
        *(f'{json.dumps(h, ensure_ascii=False)} = "?"' for h in dict.fromkeys(first["headings"])),
        *(f"# {h!r} heads {n} columns: a mapping names a heading once, so give them headings of their own in the file"
          for h, n in Counter(first["headings"]).items() if n > 1),
        "",
    ]
    return "\n".join(lines)


def mapping_for(info: dict, given: Mapping | None = None) -> dict:
    """The mapping (readers.mapping format) that fixes what was detected in the first round of `info`.

    ``given`` is the mapping the file was read with: what it says that detection
    does not show (the Role values, the criteria with their translations, tips
    and must-haves, statuses, Lever fields, the interviewer, the job) is kept as
    written, so that the new file loads the round as the old one did.
    """
    if not info["rounds"]:
        return {}
    first = info["rounds"][0]
    d = first["details"]
    m: dict = {"layout": d.get("layout")}
    tables = d.get("tables") or []
    if d.get("layout") in ("long", "wide", "per_interviewer") and tables:
        m["sheets"] = [t["sheet"] for t in tables] if d.get("reader") != "csv" else None
        rows = tables[0]["header_rows"]
        m["header_row"] = rows[-1]
        if len(rows) == 2:
            m["header_rows"] = 2
        cols = {}
        for t in tables:
            for c in t["columns"]:
                f = c["field"]
                target = "ignore" if f in (*NOT_READ, "unknown (ignored)") else {"criterion_column": "criterion"}.get(f, f)
                if target == "criterion_evidence":
                    continue
                cols.setdefault(c["heading"], target)
        m["columns"] = cols
    dates = d.get("dates") or {}
    if dates.get("rule"):
        m["date_order"] = dates["rule"]
    scale = d.get("scale") or {}
    sc = {}
    if scale.get("source"):
        sc["source"] = scale["source"]
    if scale.get("target"):
        sc["target"] = scale["target"]
    if scale.get("words"):
        sc["words"] = scale["words"]
    m["scale"] = sc
    given = given or Mapping()
    if len(info["rounds"]) == 1 and first.get("role"):
        m["role"] = {"role": first["role"]}
    if given.role:
        m["role"] = {**m.get("role", {}), **given.role}
    if d.get("criteria_source") == "mapping" and given.criteria:
        m["criteria"] = [dict(c) for c in given.criteria]
    elif first.get("criteria") and not str(d.get("criteria_source", "")).startswith("sheet"):
        m["criteria"] = first["criteria"]
    for key in ("interviewer", "job", "statuses", "fields"):
        if getattr(given, key):
            m[key] = getattr(given, key)
    return {k: v for k, v in m.items() if v not in (None, {}, [])}


def mapping_text(info: dict) -> str:
    """`inspect_path`'s mapping (`mapping_for`) as TOML, with a comment saying where it came from and how to use it."""
    if info.get("draft"):
        return _draft_text(info)
    comment = (f"Mapping for {info['path']}, written by `debrief inspect`.\n"
               "Edit what was detected wrongly (criteria order, scale, column fields), then load with\n"
               "load_round(path, mapping=\"this-file.toml\"). Fields: see docs/importing.md.")
    if any(c["field"] == "evidence" for r in info.get("rounds") or [] for t in (r.get("details") or {}).get("tables") or []
           if t.get("kind") in ("wide", "per_interviewer") for c in t["columns"]):  # as the inspection says it
        comment += ("\nOn a sheet of one column per criterion, \"evidence\" is a general comment: it is read into the "
                    "candidate's notes.")
    return mapping_toml(info["mapping"] if "mapping" in info else mapping_for(info), comment=comment)


def _field_text(c: dict) -> str:
    f = c["field"]
    word = FIELD_WORDS.get(f, f)
    if f in ("criterion_column", "criterion_evidence"):
        word += f" {c.get('criterion')!r}"
    if c.get("weight") is not None:
        word += f", weight {c['weight']:g}"
    if c.get("scale"):
        word += f", scale {c['scale']}"
    if c.get("from") == "values" and f in ("name", "candidate_id"):
        word += " (decided from the values)"
    elif c.get("from") == "mapping":
        word += " (mapping)"
    return word


def inspection_text(info: dict) -> str:
    """A readable report of `inspect_path`'s result."""
    lines = [str(info["path"])]
    if info.get("draft"):
        lines.append(f"  not readable as it is: {info['error']}")
        lines.append("  what each sheet looks like (its likeliest header row, among the first rows):")
        for s in info["sheets"]:
            lines.append(f"    sheet {s['sheet']!r}{'' if s['visible'] else ' (hidden)'}, row {s['header_row']}: "
                         + ", ".join(repr(h) for h in s["headings"][:12]) + (" ..." if len(s["headings"]) > 12 else ""))
        lines.append("  --write-mapping FILE writes a draft mapping naming these headings, for you to say what each holds.")
        return "\n".join(lines)
    rounds = info["rounds"]
    if len(rounds) > 3:
        lines.append(f"  {len(rounds)} jobs, one round each; the first in full, then one line per job:")
    for n, r in enumerate(rounds):
        d = r["details"]
        if n > 0 and len(rounds) > 3:
            rows = r.get("rows") or {}
            lines.append(f"  job {r['key']}: {r.get('role')!r}, {rows.get('Candidates', 0)} candidates, {rows.get('Scores', 0)} score rows"
                         + (f", {len(r['problems'])} problems while reading" if r.get("problems") else ""))
            continue
        if r.get("key"):
            lines.append(f"\n== job {r['key']}: {r.get('role', '')}")
        lines.append(f"  layout: {d.get('layout')} ({d.get('layout_why', '')})")
        src = d.get("format") or d.get("reader")
        if d.get("reader") == "csv" and d.get("csv_separator"):
            src = f"CSV, {d['csv_separator']}-separated, {d.get('csv_encoding')}, {d.get('csv_line_endings')} line endings"
        if d.get("file_type"):
            src += f" ({d['file_type']})"
        lines.append(f"  read as: {src}")
        if d.get("mapping"):
            lines.append(f"  mapping: {d['mapping']}")
        previous = None
        for t in d.get("tables") or []:
            rows = t.get("header_rows", [])
            head = f"rows {rows[0]}-{rows[-1]}" if len(rows) > 1 else f"row {rows[0] if rows else '?'}"
            same = previous is not None and t["columns"] == previous["columns"]
            lines.append(f"  sheet {t['sheet']!r}: header {head}, table from column {t.get('first_column', 'A')}, "
                         f"{t.get('data_rows', '?')} data rows" + (f", same columns as {previous['sheet']!r}" if same else ""))
            if not same:
                width = max((len(c["heading"]) for c in t["columns"]), default=10)
                for c in t["columns"]:
                    what = _field_text(c)
                    if c["field"] == "evidence" and t.get("kind") in ("wide", "per_interviewer"):
                        what = "general comment (into the candidate's notes)"
                    lines.append(f"    {c['letter']:>3}  {c['heading']:<{width}}  -> {what}")
                previous = t
        if d.get("columns"):
            for table, cols in d["columns"].items():
                lines.append(f"  {table}: " + ", ".join(f"{h} -> {f}" for h, f in cols.items()))
        excluded = d.get("excluded_rows") or []
        lines.append("  excluded rows: " + ("none" if not excluded else "; ".join(
            f"{e['sheet']} row {e['row']} ({e['kind']}: {e['text']!r})" for e in excluded[:10]) + (" ..." if len(excluded) > 10 else "")))
        ignored = d.get("ignored_sheets") or []
        if ignored:
            lines.append("  ignored sheets: " + "; ".join(f"{i['sheet']} ({i['why']})" for i in ignored))
        if d.get("files_not_used"):
            lines.append("  files not used: " + ", ".join(d["files_not_used"]))
        sc = d.get("scale") or {}
        scale = sc.get("kind", "?")
        if sc.get("source"):
            scale += f" on {sc['source']}" + (f" ({sc['how']})" if sc.get("how") else "")
        lines.append(f"  scale: {scale} -> {sc.get('target', '1-5')}"
                     + (f"; not assessed: {', '.join(map(repr, sc['not_assessed']))}" if sc.get("not_assessed") else "")
                     + (f"; typos: {', '.join(f'{k!r} as {v!r}' for k, v in sc['typos'].items())}" if sc.get("typos") else "")
                     + (f"; unreadable: {', '.join(map(repr, sc['unreadable']))}" if sc.get("unreadable") else ""))
        dates = d.get("dates") or {}
        if dates:
            lines.append(f"  dates: {dates.get('rule', '').replace('_', '-')} ({dates.get('why', '')})")
        crit = ", ".join(f"{c.get('rank', i)}. {c['criterion']}" + (f" ({c['weight']:g})" if isinstance(c.get("weight"), (int, float)) else "")
                         for i, c in enumerate(r.get("criteria") or [], start=1))
        lines.append(f"  criteria: {d.get('criteria_source', '?')}: {crit or 'none'}")
        lines.append(f"  candidates: {d.get('candidates_source', '?')}" + (f"; ids {d['candidate_ids']}" if d.get("candidate_ids") else ""))
        lines.append(f"  role: {r.get('role')!r} ({d.get('role_source', '?')})")
        if d.get("filled_down"):
            lines.append(f"  filled down: {d['filled_down']}")
        if d.get("formulas_without_values"):
            f = d["formulas_without_values"]
            lines.append(f"  formulas without saved results: {f['in_data']} in the data, {f['elsewhere']} elsewhere")
        rows = r.get("rows") or {}
        lines.append(f"  read: {rows.get('Candidates', 0)} candidates, {rows.get('Criteria', 0)} criteria, {rows.get('Scores', 0)} score rows")
        probs = r.get("problems") or []
        if probs:
            lines.append(f"  while reading ({len(probs)}):")
            for p in probs[:15]:
                where = p.get("sheet") or ""
                if p.get("cell"):
                    where += f"!{p['cell']}"
                lines.append(f"    [{p['severity']}] {where}: {p['message']}")
            if len(probs) > 15:
                lines.append(f"    ... and {len(probs) - 15} more")
    return "\n".join(lines)
