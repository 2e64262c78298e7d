"""A long frame of scores (from any layout) into the RawWorkbook that validation consumes.

What is not in the file is derived, and the derivation is reported:

- Role: the Role sheet, else the mapping's ``[role]``, else the title above
  the table or the file name (warning ``role_guessed``);
- Criteria: the Criteria sheet, else the mapping's ``[[criteria]]``, else the
  order of the criterion columns (wide) or of first appearance (long), with
  weights from headings such as "Kommunikation (20 %)" (warning
  ``criteria_from_headers``);
- Candidates: the Candidates sheet, else one row per candidate seen in the
  scores: ids from an id column or generated from the names (C01, C02 ... in
  order of appearance), status from a status column or "pending" (warning
  ``status_missing``), a wide sheet's general comments as notes.

Scores are put on the round's scale (`scales.normalise_scores`, the value as
written kept in ``score_raw``) and dates are read with one day/month rule per
file (`dates`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..schema import CRITERIA_OPTIONAL, DEFAULT_SCALE, KEPT_WITH_BLANK, KEPT_WORDS
from .dates import DAY_FIRST, ISO_DATE, MONTH_FIRST, RULE_WORDS, YEAR_FIRST, decide_day_first, distinct_text, parse_dates, read_date
from .excel import SheetGrid, category_at, codes_of, column_letter, factorize_cells, python_values
from .headers import CANDIDATE_LEVEL, clean_text, clean_texts
from .mapping import Mapping
from .raw import ROW, RawRole, RawTable, RawWorkbook, table_from_frame, table_from_grid
from .rows import blank_cells
from .scales import normalise_scores, parse_scale, scale_text

DATE_FIELDS = ("interviewed_on", "applied_on", "last_interview_on", "decided_on", "notified_on", "feedback_requested_on",
               "feedback_sent_on", "follow_up_on")  # every date field of Scores and Candidates: all read by one rule
SCORE_COLUMNS = ("candidate_id", "interviewer", "criterion", "score", "score_raw", "stage", "interviewed_on", "evidence")


def problem(severity, sheet, rule, message, **kw) -> dict:
    """A reading-time problem with the keys of validate.Problems.add."""
    return dict(severity=severity, sheet=sheet, rule=rule, message=message, **kw)


NO_NAME_MEANS = "shown by their id in tables and charts, and their letters greet them without a name"
"""What a candidate without a name means, as every missing_name warning says it (`NO_NAME_MEANS_ONE` of one)."""
NO_NAME_MEANS_ONE = NO_NAME_MEANS.replace("their letters greet them", "the letter greets them")


def missing_names(file: str, table: pd.DataFrame | None, id_col: str | None, name_cols: list[str | None], ids=None) -> list[dict]:
    """The missing_name warnings of an export whose names are in a file of their own (candidates.csv): once for the
    export, at that file, rather than once per round (one export makes a round per job). ``name_cols``: the name
    column, or first and last name (None where absent); ``ids``: the candidate ids the export uses (others are
    not said). At each blank cell, or once when the column is absent or blank in every row."""
    hint = f"Add the names to {file} before letters are sent; for analysis by id alone nothing needs doing"
    cols = [c for c in name_cols if c]
    if table is None or id_col is None:
        return []
    if not cols:
        return [problem("warning", file, "missing_name", f"{file} has no name column, so candidates are {NO_NAME_MEANS}",
                        column="name", hint=hint)]
    full = pd.concat([_text(table[c]) for c in cols], axis=1).agg(" ".join, axis=1).str.strip()
    used = _text(table[id_col]).isin(set(ids)) if ids is not None else pd.Series(True, index=table.index)
    blank = (full == "") & used
    if not blank.any():
        return []
    if blank.sum() == used.sum():
        return [problem("warning", file, "missing_name", f"the names in {file} are empty in every row, so candidates are {NO_NAME_MEANS}",
                        column=cols[0], hint=hint)]
    letter = column_letter(list(table.columns).index(cols[0]))
    return [problem("warning", file, "missing_name", f"candidate {cid} has no name, so they are {NO_NAME_MEANS_ONE}",
                    column=cols[0], cell=f"{letter}{int(row)}", row=int(row), value="", hint="Fill in the candidate's full name")
            for cid, row in zip(_text(table.loc[blank, id_col]), table.loc[blank, "_row"])]


def _texts(values: list, flags: bool = False) -> list:
    """Distinct cell values as trimmed text ('' for blank; 4.0 -> '4'); with ``flags`` a TRUE or FALSE cell is kept as
    that bool (see `_text`)."""
    def one(v):
        if v is None or (isinstance(v, float) and v != v):
            return ""
        if isinstance(v, (bool, np.bool_)) and flags:
            return bool(v)
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return clean_text(v)

    return clean_texts(values) if all(isinstance(u, str) for u in values) else [one(u) for u in values]


def _text(s: pd.Series, *, category: bool = False, flags: bool = False) -> pd.Series:
    """Cells as trimmed text ('' for blank; 4.0 -> '4'); with ``category`` the same texts as a category column.

    With ``flags`` a TRUE or FALSE cell is kept as the bool it is, not turned
    into the word "True": it is no candidate id, name, interviewer or
    criterion, and validation reports it where text belongs (bad_value "is not
    text", `coerce.to_text`), as it does on the canonical sheets.
    """
    codes, uniques = codes_of(s)
    texts = _texts(uniques, flags)
    if category and not (flags and any(isinstance(t, bool) for t in texts)):  # a category of texts only
        return pd.Series(_category(codes, texts, ""), index=s.index)
    return _per_cell(codes, texts, s.index)


def _per_cell(codes: np.ndarray, values: list, index) -> pd.Series:
    """``values[code]`` for each cell (objects, a TRUE kept as the bool), '' where the code is -1 (a missing cell)."""
    table = np.empty(len(values) + 1, dtype=object)  # filled element by element: numpy would turn [True, 'x'] into texts
    table[:] = [*values, ""]
    return pd.Series(table[np.where(codes < 0, len(values), codes)], index=index, dtype=object)


_LAST_FIRST = re.compile(r"^([^,\d]+?)\s*,\s*([^,\d]+)$")  # "Becker, Sophie"


def person_key(name: str) -> str:
    """A name as names are compared: case and runs of spaces ignored, and "Becker, Sophie" (last name first, as lists
    and exports write it) the same as "Sophie Becker"."""
    name = " ".join(name.split())
    if "," in name and (m := _LAST_FIRST.match(name)):
        name = f"{m.group(2)} {m.group(1)}"
    return name.casefold()


def _name_key(s: pd.Series) -> pd.Series:
    """Names compared as `person_key` compares them, worked out once per distinct value; a TRUE or FALSE cell stays that
    bool (it names no one: `_text` with ``flags``)."""
    codes, uniques = codes_of(s)
    return _per_cell(codes, [person_key(t) if isinstance(t, str) else t for t in _texts(uniques, flags=True)], s.index)


def _distinct_names(s: pd.Series) -> list[str]:
    _codes, uniques = codes_of(s)
    return [t for t in _texts(uniques, flags=True) if isinstance(t, str) and t]


def last_name_first(long: pd.DataFrame, candidates_table: RawTable | None) -> tuple[list[dict], dict[str, str]]:
    """Names of the scores written last name first ("Becker, Sophie") where the same person is also written first name
    first, in the scores or on the Candidates sheet: (a warning each, naming the first cell; each such name -> the
    plain spelling, which the candidate is given)."""
    names = _distinct_names(long["name"])
    if not any("," in t for t in names):
        return [], {}
    known = names + (_distinct_names(candidates_table.frame["name"]) if candidates_table is not None and "name" in candidates_table.frame else [])
    plain = {person_key(t): t for t in known if "," not in t}
    text = _text(long["name"])
    out, renamed = [], {}
    for t in names:
        if "," in t and (same := plain.get(person_key(t))) is not None:
            renamed[t] = same
            where = first_cell(long, "name", text == t)
            out.append(problem("warning", where.pop("sheet", None), "name_variants", f"{t!r} is written last name first; read as "
                               f"{same!r}, one candidate", column="name", value=t, hint="Write the name the same way everywhere if this "
                               "is not the same person", **where))
    return out, renamed


def _is_flag(values: pd.Series) -> np.ndarray:
    """True where a value of ids, names or keys (text or a TRUE/FALSE kept by `_text` with ``flags``) is a TRUE or FALSE cell."""
    if values.dtype == "str":  # text only
        return np.zeros(len(values), dtype=bool)
    if isinstance(values.dtype, pd.CategoricalDtype):  # each distinct value once
        table = np.array([isinstance(v, (bool, np.bool_)) for v in values.cat.categories] + [False], dtype=bool)
        return table[values.cat.codes.to_numpy()]  # a missing cell's code -1 takes the last: False
    cells = values.to_numpy(dtype=object)
    return (cells == True) | (cells == False)  # noqa: E712 -- cell by cell in C; no numbers among them to be taken for 1 or 0


def _first_filled(df: pd.DataFrame, by: str, columns: list[str]) -> pd.DataFrame:
    """Per value of `by` (in order of appearance), the first filled value of each column."""
    masked = df[columns].where(~blank_cells(df[columns]))
    masked[by] = df[by].to_numpy()
    return masked.groupby(by, sort=False).first()


def read_role_grid(grid: SheetGrid | None) -> RawRole:
    from .canonical import read_role

    return read_role(grid)


def target_scale(role: RawRole, mapping: Mapping) -> tuple[float, float]:
    """The round's scale: the mapping's [scale] target, else the Role sheet's scale, else 1-5."""
    if mapping.scale_target:
        return mapping.scale_target
    parsed = parse_scale(role.values.get("scale"))
    return parsed or DEFAULT_SCALE


def build_role(file: str, role_grid: SheetGrid | None, mapping: Mapping, *, title: str | None, extra: dict | None,
               problems: list[dict], details: dict) -> RawRole:
    """The Role for an imported file (see the module docstring)."""
    if role_grid is not None:
        role = read_role_grid(role_grid)
        details["role_source"] = f"sheet {role_grid.name!r}"
    else:
        role = RawRole("Role (derived)", {}, {})
        details["role_source"] = "derived"
    values = dict(role.values)
    for k, v in (extra or {}).items():
        if v not in (None, "") and k not in values:
            values[k] = v
            if k == "role":
                details["role_source"] = "the export (job title)"
    role.values = values
    role.take_mapping(mapping)
    values = role.values
    if mapping.role:
        details["role_source"] += " + mapping"
    if not str(values.get("role") or "").strip():
        if title and len(title) <= 80:
            values["role"], why = title, f"the title above the table ({title!r})"
        else:
            stem = Path(file).stem
            values["role"], why = re.sub(r"[_-]+", " ", stem).strip() or stem, f"the file name ({stem!r})"
        details["role_source"] = f"guessed from {why}"
        problems.append(problem("warning", role.sheet_name or "Role", "role_guessed", f"the job title was taken from {why}",
                                column="role", hint='Give it in a mapping file: [role] role = "..."'))
    role.values = values
    return role


def build_criteria(long: pd.DataFrame, criteria_grid: SheetGrid | None, mapping: Mapping, weights: dict[str, tuple[float, bool]],
                   problems: list[dict], details: dict) -> RawTable:
    """The Criteria table (see the module docstring)."""
    if criteria_grid is not None:
        from .canonical import find_header_row

        h = find_header_row(criteria_grid.rows, "Criteria")
        details["criteria_source"] = f"sheet {criteria_grid.name!r}"
        return table_from_grid("Criteria", criteria_grid.name, criteria_grid.rows, h if h is not None else 0)
    if mapping.criteria:
        df = pd.DataFrame(mapping.criteria)
        if "rank" not in df:
            df["rank"] = range(1, len(df) + 1)
        details["criteria_source"] = "mapping"
        t = table_from_frame("Criteria", df)
        t.sheet_name = "Criteria (mapping)"
        return t
    crit = _text(long["criterion"], flags=True) if len(long) else pd.Series([], dtype=object)
    order = pd.DataFrame({"criterion": crit, "_order": pd.to_numeric(long.get("_order"), errors="coerce") if len(long) else []})
    order = order[(order["criterion"] != "").to_numpy(dtype=bool) & ~_is_flag(order["criterion"])]  # a TRUE cell names no criterion
    if order["_order"].notna().any():
        ranked = order.groupby("criterion", sort=False)["_order"].min().sort_values(kind="stable").index.tolist()
        how = "the order of the criterion columns"
    else:
        ranked = list(dict.fromkeys(order["criterion"].tolist()))
        how = "the order in which criteria first appear"
    rows = []
    for i, name in enumerate(ranked, start=1):
        w = weights.get(name)
        rows.append({"criterion": name, "rank": i, "weight": w[0] if w else None})
    df = pd.DataFrame(rows, columns=["criterion", "rank", "weight"])
    if df["weight"].isna().all():
        df = df.drop(columns=["weight"])
    details["criteria_source"] = f"derived from {how}"
    if ranked:
        problems.append(problem(
            "warning", "Criteria (derived)", "criteria_from_headers",
            f"no Criteria sheet: the criteria are ranked by {how} ({', '.join(f'{i}. {n}' for i, n in enumerate(ranked[:6], 1))}"
            f"{' ...' if len(ranked) > 6 else ''})",
            hint="Check that the most important criterion comes first, or list the criteria in a mapping file ([[criteria]])"))
        problems += near_criteria_problems(ranked, long)
    t = table_from_frame("Criteria", df)
    t.sheet_name = "Criteria (derived)"
    return t


NEAR_CRITERIA = 0.85  # difflib ratio from which two criterion names read as one written twice ("Community", "Comunity")


def near_criteria_problems(names: list[str], long: pd.DataFrame) -> list[dict]:
    """A warning per pair of criteria found in the scores (no Criteria sheet to check them against) whose names are
    almost alike and that are never scored side by side: a heading mistyped on one interviewer's sheet makes a criterion
    of its own, with a rank and a weight, and takes those scores from the criterion meant. Two criteria scored for the
    same candidate by the same interviewer on the same sheet ("Analyse 1" and "Analyse 2", "Fachkompetenz" and
    "Sachkompetenz") are two criteria. Names the sheets of the rarer spelling."""
    import difflib

    keys = [" ".join(n.split()).casefold() for n in names]
    pairs = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            a, b = keys[i], keys[j]
            if min(len(a), len(b)) < 4 or a == b or re.sub(r"\d+", "#", a) == re.sub(r"\d+", "#", b):
                continue  # short names, or names told apart by a number ("Frage 1", "Frage 2")
            if difflib.SequenceMatcher(None, a, b).ratio() >= NEAR_CRITERIA:
                pairs.append((names[i], names[j]))
    if not pairs:
        return []
    crit = _text(long["criterion"]).to_numpy(dtype=object)
    unit_cols = [c for c in ("_sheet", "interviewer", "candidate_id", "name", "stage") if c in long]
    units = (long[unit_cols].astype(str).groupby(unit_cols, sort=False).ngroup().to_numpy() if unit_cols
             else np.zeros(len(long), dtype=np.int64))
    sheet_of = long["_sheet"].astype(str).to_numpy(dtype=object) if "_sheet" in long else None
    rows_of = {n: np.flatnonzero(crit == n) for n in {n for pair in pairs for n in pair}}
    out = []
    for a, b in pairs:
        if len(np.intersect1d(units[rows_of[a]], units[rows_of[b]])):
            continue  # scored side by side: two criteria
        rare = min((a, b), key=lambda n: len(rows_of[n]))
        found = sorted(set(sheet_of[rows_of[rare]])) if sheet_of is not None else []
        at = f" ({rare!r} on sheet{'s' if len(found) > 1 else ''} {', '.join(map(repr, found[:3]))})" if found else ""
        out.append(problem("warning", "Criteria (derived)", "name_variants",
                           f"criteria {a!r} and {b!r} are written almost alike and never scored side by side{at}; they are read as "
                           "two criteria, each with its own rank and weight", column="criterion", value=rare,
                           hint="If they are one criterion, write its name the same way everywhere (or list the criteria in a "
                                "mapping file: [[criteria]])"))
    return out


def assign_candidate_ids(long: pd.DataFrame, candidates_table: RawTable | None, problems: list[dict], details: dict) -> pd.Series:
    """The candidate id of every score row: the id column, else the Candidates sheet's id for the name, else generated.

    A TRUE or FALSE in the candidate's cell (id or name) names no one: the
    row's id is that cell as it is, which validation reports as not text and
    quarantines with its row (no candidate "True" is made up or looked up).
    """
    ids = _text(long["candidate_id"], category=True, flags=True) if "candidate_id" in long else pd.Series("", index=long.index, dtype=object)
    if (ids != "").any():
        details["candidate_ids"] = "from the id column"
        return ids
    keys = _name_key(long["name"]) if "name" in long else pd.Series("", index=long.index, dtype=object)
    if "name" in long:
        said, renamed = last_name_first(long, candidates_table)
        problems += said
        if renamed:  # the candidate is named as the warning says, whichever spelling came first
            text = _text(long["name"])
            long["name"] = long["name"].astype(object).where(~text.isin(list(renamed)).to_numpy(dtype=bool), text.map(renamed))
    if candidates_table is not None and "name" in candidates_table.frame and "candidate_id" in candidates_table.frame:
        cf = candidates_table.frame
        lookup = {k: v for k, v in zip(_name_key(cf["name"]), _text(cf["candidate_id"])) if isinstance(k, str)}
        out = keys.map(lookup).fillna("")
        flag = _is_flag(keys)
        if flag.any():
            out = out.astype(object).where(~flag, keys)
        unknown = ((out == "") & (keys != "")).to_numpy(dtype=bool)
        if unknown.any():  # the name as written stands for the id: validation names its cell as an unknown candidate
            out = out.astype(object).where(~unknown, _text(long["name"]))
        details["candidate_ids"] = f"looked up by name on sheet {candidates_table.sheet_name!r}"
        return out
    codes, uniques = pd.factorize(keys.where(keys != "", None))
    named = [u for u in uniques if isinstance(u, str)]
    width = max(2, len(str(len(named))))
    generated = iter(f"C{i + 1:0{width}d}" for i in range(len(named)))
    details["candidate_ids"] = "generated from the names in order of appearance (C01, C02, ...)"
    return _per_cell(codes, [u if isinstance(u, bool) else next(generated) for u in uniques], long.index)


def derive_candidates(long: pd.DataFrame, ids: pd.Series, mapping: Mapping, problems: list[dict], details: dict) -> RawTable:
    """One Candidates row per candidate id seen in the scores."""
    ids = ids.astype(object)  # the ids as text, whether they came as a category or not
    df = pd.DataFrame({"candidate_id": ids})
    df["name"] = _text(long["name"], flags=True) if "name" in long else ""  # a TRUE name: reported as not text
    present = [c for c in CANDIDATE_LEVEL if c in long and (_text(long[c]) != "").any()]
    for c in present:
        df[c] = long[c].to_numpy()
    df[ROW] = long["_row"].to_numpy() if "_row" in long else np.arange(2, len(long) + 2)
    df["_sheet"] = long["_sheet"].to_numpy() if "_sheet" in long else ""
    cells = [c for c in ("_letter_candidate_id", "_letter_name", *(f"_letter_{c}" for c in present)) if c in long]  # each value's cell
    for c in cells:
        df[c] = long[c].to_numpy()
    df = df[(df["candidate_id"] != "").to_numpy(dtype=bool) & ~_is_flag(df["candidate_id"])]  # a TRUE id: its score rows say so
    firsts = _first_filled(df, "candidate_id", ["name", *present, ROW, "_sheet", *cells])
    out = firsts.reset_index()
    if "_letter_name" in out and "_letter_candidate_id" not in out:
        out["_letter_candidate_id"] = out["_letter_name"]
    for c in present:
        n_values = df.assign(_t=_text(df[c])).query("_t != ''").groupby("candidate_id")["_t"].nunique()
        clash = n_values[n_values > 1]
        if len(clash):
            problems.append(problem("warning", "Candidates (derived)", "conflicting_values",
                                    f"{c} differs between rows of the same candidate ({', '.join(clash.index[:5])}); the first is used",
                                    column=c, hint="Give each candidate one value, or use a Candidates sheet"))
    if "status" in out and mapping.statuses:
        table = {clean_text(k).casefold(): v for k, v in mapping.statuses.items()}
        out["status"] = out["status"].map(lambda v: table.get(clean_text(v).casefold(), v) if isinstance(v, str) else v)
    if "status" not in out:
        out["status"] = "pending"
        problems.append(problem("warning", "Candidates (derived)", "status_missing",
                                "no status column: every candidate is 'pending'",
                                column="status", hint="Add a Status column (hired, offered, rejected, withdrawn, pending) or a Candidates sheet"))
    if "_comment" in long:
        com = pd.DataFrame({"candidate_id": ids, "interviewer": _text(long.get("interviewer", pd.Series("", index=long.index))),
                            "text": _text(long["_comment"])})
        com = com[(com["text"] != "") & (com["candidate_id"] != "")]
        if len(com):
            com["line"] = np.where(com["interviewer"] != "", com["interviewer"] + ": " + com["text"], com["text"])
            notes = com.groupby("candidate_id", sort=False)["line"].agg(lambda s: "; ".join(dict.fromkeys(s)))
            out["notes"] = out["candidate_id"].map(notes).fillna("")
            details["comments"] = "general comment column read into the candidates' notes"
    details["candidates_source"] = "derived from the score rows"
    out = out.where(out.notna(), "")
    out[ROW] = pd.array(pd.to_numeric(out[ROW], errors="coerce"), dtype="Int64")
    letters = {}
    return RawTable("Candidates", "Candidates (derived)", out, letters, list(out.columns), [], 1, 0)


def _hints(long: pd.DataFrame, fill: str) -> tuple[list, object]:
    """(the scale hints of the long frame's rows, ``fill`` for a row without one, in order of first appearance;
    a function giving the mask of the rows with a hint). A category column (a wide sheet: one hint per criterion
    column) is read from its codes, without a Python object per row."""
    if "_hint" not in long:
        return [fill], lambda hint: np.ones(len(long), dtype=bool)
    hints = long["_hint"]
    if isinstance(hints.dtype, pd.CategoricalDtype):
        codes = hints.cat.codes.to_numpy()
        values = [*hints.cat.categories.tolist(), fill]  # a missing hint's code -1 takes the last: ``fill``
        by_value: dict = {}
        for c in pd.unique(codes).tolist():
            by_value.setdefault(values[c], []).append(c)
        return list(by_value), lambda hint: np.isin(codes, by_value[hint])
    hints = hints.where(hints.notna(), fill)
    return list(pd.unique(hints.to_numpy(dtype=object))), lambda hint: (hints == hint).to_numpy()


def normalise(long: pd.DataFrame, target: tuple[float, float], mapping: Mapping, *, source=None, file_hint=None, words=None,
              sheet=None) -> tuple[pd.Series, pd.Series, dict, list[dict]]:
    """(score on the target scale, score as written, scale details, problems) for the long frame."""
    if len(long) == 0:
        return pd.Series([], dtype=object), pd.Series([], dtype="str"), {"target": scale_text(target)}, []
    distinct_hints, mask_of = _hints(long, scale_text(file_hint) if file_hint else "")
    if len(distinct_hints) > 1:
        score = pd.Series(index=long.index, dtype=object)
        raw = pd.Series(index=long.index, dtype=object)
    infos, problems = [], []
    for hint in distinct_hints:
        mask = mask_of(hint) if len(distinct_hints) > 1 else np.ones(len(long), dtype=bool)
        res = normalise_scores(long.loc[mask, "score"] if len(distinct_hints) > 1 else long["score"], target,
                               source=source or mapping.scale_source, hint=parse_scale(hint) if hint else None,
                               words=words or mapping.scale_words, sheet=sheet)
        if len(distinct_hints) > 1:
            score[mask] = res.score.to_numpy()
            raw[mask] = res.score_raw.to_numpy()
        else:  # one scale for every score: the results as they are (numbers as float64 when every one was read)
            score = pd.Series(res.score.array, index=long.index)
            raw = pd.Series(res.score_raw.array, index=long.index)
        infos.append((int(mask.sum()), res.info))
        problems += res.problems
    infos.sort(key=lambda x: -x[0])
    info = dict(infos[0][1])
    if len(infos) > 1:
        info["per_heading"] = [i for _, i in infos]
    if source or mapping.scale_source:
        info["how"] = "given in the mapping" if mapping.scale_source else info.get("how")
    elif len(distinct_hints) == 1 and str(info.get("how", "")).startswith("values from") and "interviewer" in long:
        problems += _interviewers_on_other_scales(long, info, sheet)
    raw = raw if raw.dtype == "str" else raw.astype("str")
    locate_value_warnings(problems, raw, long)
    return score, raw, info, problems


def first_cell(rows: pd.DataFrame | RawTable, column: str, where) -> dict:
    """``sheet`` and ``cell`` of ``column`` in the first of ``rows`` where ``where`` (a mask) holds: a warning about a value
    names the first cell that has it. ``rows``: a table (`RawTable.cell_at`), or a long frame with ``_letter_<column>``,
    ``_row`` and maybe ``_sheet``; empty when no row holds or the frame has no cells."""
    hit = np.flatnonzero(where.fillna(False).to_numpy(dtype=bool) if isinstance(where, pd.Series) else np.asarray(where, dtype=bool))
    if not len(hit):
        return {}
    at = int(hit[0])
    if isinstance(rows, RawTable):
        return {"sheet": rows.sheet_at(at), "cell": rows.cell_at(column, at)}
    if not {f"_letter_{column}", "_row"} <= set(rows.columns):
        return {}
    out = {"cell": f"{rows[f'_letter_{column}'].iloc[at]}{int(rows['_row'].iloc[at])}"}
    return {**out, "sheet": str(rows["_sheet"].iloc[at])} if "_sheet" in rows else out


VALUE_WARNINGS = ("score_percent", "score_typo")  # scale warnings about one written value


def locate_value_warnings(problems: list[dict], written: pd.Series, rows: pd.DataFrame | RawTable) -> None:
    """Give each scale warning about one value (`VALUE_WARNINGS`) the first score cell written so (``written``: each row's
    score as written), where it has none yet."""
    for p in problems:
        if p.get("rule") in VALUE_WARNINGS and p.get("cell") is None and p.get("value") is not None:
            p.update(first_cell(rows, "score", written.astype(object) == p["value"]))


def _interviewers_on_other_scales(long: pd.DataFrame, info: dict, sheet) -> list[dict]:
    """A warning when the scale was inferred from all scores together (up to 10 or 100) while an interviewer's own scores
    never pass 5 (or 10): they may have scored on 1-5 while the others used 1-10, and then count about half."""
    source = parse_scale(info.get("source"))
    if source is None or source[1] <= 5:
        return []
    numbers = pd.to_numeric(long["score"].astype(object), errors="coerce")
    who = _text(long["interviewer"])
    top = numbers.groupby(who.to_numpy()).agg(["max", "count"])
    low_cap = 5 if source[1] <= 10 else 10
    lower = [w for w, r in top.iterrows() if w and r["count"] >= 3 and r["max"] <= low_cap]
    if not lower or len(lower) == len(top) or top["max"].max() <= low_cap:
        return []
    names = ", ".join(repr(w) for w in lower[:4])
    return [problem("warning", sheet, "scale_mixed",
                    f"the scores were read on a {info['source']} scale, but those of {names} never pass {low_cap}: if they scored "
                    f"on 1-{low_cap}, each of their scores counts about {low_cap / source[1]:.0%} of what they meant",
                    column="score", value=info["source"],
                    hint=f'Put each interviewer\'s scale in the headings, or bring the scores onto one scale before loading')]


def _where_written(frames: list[tuple], value: str) -> dict:
    """``sheet`` and ``cell`` of the first date cell written ``value`` (``frames``: (frame, columns) or (frame, columns,
    its RawTable)); empty when none can be named (the Role sheet's date, a frame without cells)."""
    for df, cols, *table in frames:
        for c in cols:
            if c not in df or not (df[c].dtype == object or df[c].dtype == "str" or isinstance(df[c].dtype, pd.CategoricalDtype)):
                continue  # a column of real dates holds no text
            written = df[c].astype(object).map(lambda v: v.strip() if isinstance(v, str) else v)
            if where := first_cell(table[0] if table else df, c, written == value):
                return where
    return {}


def read_dates(frames: list[tuple], mapping: Mapping, problems: list[dict], details: dict, *, sheet=None,
               role: RawRole | None = None) -> str:
    """Decide the file's day/month rule from all date columns and parse them in place. Returns the rule.

    ``frames``: (frame, date columns), or (frame, date columns, its RawTable) so that a warning can name a cell.

    A typed column (a sheet read column-wise) is read once per distinct value.
    The Role's decided_on, when written as text, is one of the file's dates:
    it counts towards the rule and is read by it ("06/03/2026" on the Role sheet
    as in the Candidates sheet); text that is no date stays as written, for
    validation to report.
    """
    role_texts = role_text_dates(role) if role is not None else {}
    located = list(frames)
    frames = [(df, cols) for df, cols, *_table in frames]
    typed = []
    for df, cols in frames:
        for c in cols:
            if c in df and df[c].dtype != object:
                codes, small = _distinct(df[c], c)
                typed.append((df, c, codes, small))
    frames = [(df, [c for c in cols if c in df and df[c].dtype == object]) for df, cols in frames] + [(small, [c]) for _df, c, _codes, small in typed]
    texts = distinct_text([df[c] for df, cols in frames for c in cols if c in df])
    texts = sorted({*texts, *(v for v in role_texts.values() if _rule_matters(v))})  # those read alike either way do not decide it
    def other_years() -> set[int]:  # the years of the file's dates whose year is beyond doubt: real dates, ISO text
        years = set()
        for df, cols in frames:
            for c in cols:
                if c in df and len(df):
                    for v in pd.unique(df[c].to_numpy(dtype=object)):
                        d = v if isinstance(v, (dt.date, pd.Timestamp)) and not pd.isna(v) else (
                            read_date(v) if isinstance(v, str) and ISO_DATE.match(v.strip()) else None)
                        if d is not None:
                            years.add(d.year)
        return years

    rule, info = decide_day_first(texts, mapping.date_order, other_years)
    details["dates"] = info

    def warn(example: str, message: str, hint: str) -> None:  # at the first cell written so
        where = _where_written(located, example)
        problems.append(problem("warning", where.pop("sheet", sheet), "ambiguous_dates", message, value=example, hint=hint, **where))

    full_year = "better, write the year in full (2026-03-10)"
    if "ambiguous" in info:
        example = info["ambiguous"][0]
        warn(example, f"dates such as {example!r} could be day-first or month-first; they were read "
                      f"{RULE_WORDS[DAY_FIRST if rule == YEAR_FIRST else rule]}",
             'If they mean month/day, write date_order = "month_first" in a mapping file')
    if "year_first_read" in info:  # inferred, not proved: said, so that a dd-mm-yy file read so is noticed
        example = info["year_first_read"][0]
        warn(example, f"two-digit dates such as {example!r} were read year first (yy-mm-dd, as Swedish short dates are written), "
                      f"as {read_date(example, rule).isoformat()}: {info['because']}",
             f'If they are day-month-year, write date_order = "day_first" in a mapping file; {full_year}')
    if "year_first_possible" in info:
        example = info["year_first_possible"][0]
        warn(example, f"dates such as {example!r} could be year-month-day (yy-mm-dd, as Swedish short dates are written) or have "
                      f"the year last; they were read {RULE_WORDS[rule]}, as {read_date(example, rule).isoformat()}",
             f'If they mean year-month-day, write date_order = "year_first" in a mapping file; {full_year}')
    if "conflict" in info:
        problems.append(problem("warning", sheet, "ambiguous_dates",
                                f"some dates are day-first and some month-first ({', '.join(info['conflict'])}); read "
                                f"{RULE_WORDS[DAY_FIRST if rule == YEAR_FIRST else rule]}, the others are reported as not a date",
                                hint="Write all dates one way, preferably as real dates or YYYY-MM-DD"))
    for df, cols in frames:
        for c in cols:
            if c in df and len(df):
                df[c], _bad = parse_dates(df[c], rule)
    for df, c, codes, small in typed:
        if len(df):
            df[c] = _take(small[c].to_numpy(dtype=object), codes)
    for c, v in role_texts.items():
        if (d := read_date(v, rule)) is not None:
            role.values[c] = d.isoformat()
    return rule


ROLE_DATE_FIELDS = ("decided_on",)


def role_text_dates(role: RawRole) -> dict[str, str]:
    """The Role's dates written as text (field -> text)."""
    return {c: v for c in ROLE_DATE_FIELDS if isinstance(v := role.values.get(c), str) and v.strip()}


def _rule_matters(text: str) -> bool:
    return len({read_date(text, DAY_FIRST), read_date(text, MONTH_FIRST), read_date(text, YEAR_FIRST)}) > 1


def settle_role_dates(role: RawRole) -> bool:
    """The Role's text dates that read alike under either day/month rule, as ISO text in place (what `read_dates` makes
    of them), for the Role made before the file's other dates are read; False when one depends on the rule or is no
    date (then the Role is made with the other dates)."""
    texts = role_text_dates(role)
    if any(_rule_matters(v) or read_date(v, DAY_FIRST) is None for v in texts.values()):
        return False
    role.values.update({c: read_date(v, DAY_FIRST).isoformat() for c, v in texts.items()})
    return True


# typed columns (a sheet read column-wise): work once per distinct value


def _distinct(values: pd.Series, name: str = "score") -> tuple[np.ndarray, pd.DataFrame]:
    """(code of every cell, a frame of the distinct values as `read_grids` reads them, the last row blank): the value of
    a cell is the row of its code, a missing cell's code -1 (the last row, as numpy counts).

    A category column keeps its own codes (a byte a cell, no new array of a
    million codes); its categories no cell uses are blank rows, so that only
    values that occur are looked at.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        used = pd.unique(codes)
        used = used[used >= 0]
        small = python_values(pd.Series(values.cat.categories))
        if len(used) < len(small):
            occurs = np.zeros(len(small), dtype=bool)
            occurs[used] = True
            small = [v if hit else "" for v, hit in zip(small, occurs.tolist())]
        return codes, pd.DataFrame({name: pd.Series(small + [""], dtype=object)})
    codes, uniques = pd.factorize(values)
    small = python_values(pd.Series(uniques, dtype=values.dtype)) + [""]
    return codes, pd.DataFrame({name: pd.Series(small, dtype=object)})


def _take(small: np.ndarray, codes: np.ndarray) -> pd.Series:
    """The values of ``small`` at ``codes`` (-1: the last): a category column when every value is text (NaN for a
    missing one), else objects."""
    if all(isinstance(v, str) or v is None or (isinstance(v, float) and v != v) for v in small):
        return pd.Series(category_at(pd.Series([v if isinstance(v, str) else None for v in small], dtype=object), codes))
    return pd.Series(small[codes], dtype=object)


def scores_table(long: pd.DataFrame, ids: pd.Series, score: pd.Series, raw: pd.Series, *, sheet_name: str,
                 letters: dict[str, str], headers: list[str], unmapped: list[str], header_row: int) -> RawTable:
    """The Scores RawTable: canonical columns + score_raw + where each value came from."""
    cols = {
        "candidate_id": ids,
        "interviewer": _text(long["interviewer"], category=True, flags=True) if "interviewer" in long else "",
        "criterion": _text(long["criterion"], category=True, flags=True),
        "score": score,
        "score_raw": raw,
        **{c: long[c] if c in long else "" for c in ("stage", "interviewed_on", "evidence")},
    }
    frame = pd.DataFrame(index=long.index)
    for c, v in cols.items():
        frame[c] = _numbers(score) if c == "score" else (v if isinstance(v, str) else _filled(v))
    frame[ROW] = pd.array(pd.to_numeric(long["_row"], errors="coerce"), dtype="Int64") if "_row" in long else pd.array(
        range(2, len(long) + 2), dtype="Int64")
    for c in long.columns:
        if c.startswith(("_cell_", "_letter_")) or c == "_sheet":
            frame[c] = _filled(long[c], blank=None)
    if "_letter_name" in frame and "_letter_candidate_id" not in frame:
        frame["_letter_candidate_id"] = frame["_letter_name"]
    frame = frame.reset_index(drop=True)
    return RawTable("Scores", sheet_name, frame, letters, headers, unmapped, header_row, 0)


def _numbers(score: pd.Series) -> np.ndarray:
    """The scores on the round's scale as float64 when every one is a number or missing (validation then reads each
    distinct number once), else as objects (a value no scale reads is handed on as written, for validation to report)."""
    if score.dtype == "float64":
        return score.to_numpy()
    arr = score.to_numpy(dtype=object)
    _codes_, uniques = factorize_cells(arr)
    return arr.astype("float64") if all(type(u) in (float, np.float64) for u in uniques) else arr


def _filled(values: pd.Series, blank: str | None = "") -> np.ndarray | pd.api.extensions.ExtensionArray:
    """The column as a frame stores it, a missing value as ``blank`` (None: left missing).

    A column of text (ids, names, column letters repeated down 100,000 rows)
    is a category made from its distinct values (validation then works once
    per distinct value); anything else as pandas infers it.
    """
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype) and _text_categories(values.cat.categories):
        column = values.array  # a category of texts (a sheet read column-wise) is one already: a missing cell gets ``blank``
        return column if blank is None else _category(column.codes, column.categories, blank)
    if isinstance(values, pd.Series) and (values.dtype == "str" or isinstance(values.dtype, pd.CategoricalDtype)):
        codes, uniques = codes_of(values)
        if len(uniques) and all(isinstance(u, str) for u in uniques):  # text: no need to make a Python object per cell
            return _category(codes, uniques, blank)
    arr = values.to_numpy(dtype=object) if isinstance(values, pd.Series) else np.asarray(values, dtype=object)
    codes, uniques = pd.factorize(arr)
    if not len(uniques) or not all(isinstance(u, str) for u in uniques):  # nothing, numbers, dates or a mix: 1, 1.0 and True are one value to factorize
        out = pd.Series(arr)
        return (out.where(out.notna(), blank) if blank is not None else out).array
    return _category(codes, list(uniques), blank)


def _text_categories(categories: pd.Index) -> bool:
    """True for categories that are texts held as objects (what `_category` makes); a column without any value is not
    one (it is filled as blanks, as any empty column)."""
    return categories.dtype == object and len(categories) > 0 and categories.inferred_type == "string"


def _category(codes: np.ndarray, texts, blank: str | None) -> pd.Categorical:
    """Cells given as codes of ``texts`` (-1: missing, which becomes ``blank``) as a category column."""
    small = np.empty(len(texts) + 1, dtype=object)
    small[:] = [*texts, blank]
    # texts equal to ``blank`` (or to each other) become one category, None stays missing; a missing cell's -1 takes ``blank``
    return category_at(small, codes)


def formula_problems(missing: dict[str, dict[str, str]], tables: list[RawTable], details: dict, role: RawRole | None = None) -> list[dict]:
    """Errors for formula cells without a saved result that lie in the data read (`missing`: sheet -> cells).

    A cell counts when its row is a data row of a table read from that sheet
    and its column is one of the columns that table took values from, or when
    it is the value of a Role field (``role``: a decision date or a response
    target left unknown would otherwise fall back to the default unseen).
    """
    used: dict[str, list[tuple[RawTable, set[int], set[str]]]] = {}  # sheet -> the tables read from it, their rows and columns
    for t in tables:
        if t is None:
            continue
        f = t.frame
        sheets = f["_sheet"].astype(str) if "_sheet" in f else pd.Series(t.sheet_name, index=f.index)
        for sheet in set(missing) & set(sheets.unique()):
            on = (sheets == sheet).to_numpy()
            rows = {int(r) for r in pd.unique(f.loc[on, ROW].dropna())}
            letters = set(t.letters.values())
            for c in f.columns:
                if c.startswith("_letter_"):
                    letters.update(str(v) for v in pd.unique(f.loc[on, c]) if isinstance(v, str))
                elif c.startswith("_cell_"):
                    letters.update(re.match(r"[A-Z]*", str(v)).group(0) for v in pd.unique(f.loc[on, c]) if isinstance(v, str))
            used.setdefault(sheet, []).append((t, rows, letters))
    out, other, index = [], 0, {}
    role_cells = {cell: name for name, cell in role.cells.items()} if role is not None and role.sheet_name else {}
    for sheet, cells in missing.items():
        for cell in cells:
            if role is not None and sheet == role.sheet_name and cell in role_cells:
                formula = cells.get(cell, "")
                out.append(problem("error", sheet, "formula_without_value",
                                   f"the cell holds a formula whose result was never saved, so {role_cells[cell]} is unknown",
                                   cell=cell, column=role_cells[cell], value=formula or None,
                                   hint="Open the file in Excel or LibreOffice and save it again (that stores the results), or type the value"))
                role.formula_fields.add(role_cells[cell])
                continue
            m = re.match(r"([A-Z]+)(\d+)$", cell)
            owners = [t for t, rows, letters in used.get(sheet, []) if m and m.group(1) in letters and int(m.group(2)) in rows]
            if owners:
                row = int(m.group(2))
                field_name, criterion = _formula_field(owners, sheet, row, m.group(1), index)
                what = (f"the {criterion} score" if criterion else f"the {field_name}" if field_name else "the cell")
                formula = cells.get(cell, "")
                # a candidate's cell their decision and timing do not rest on: read as blank, the candidate kept
                kept = field_name in KEPT_WITH_BLANK or (  # only Candidates fields are: on a one-sheet layout the score row stays too
                    field_name in CRITERIA_OPTIONAL and all(t.sheet == "Criteria" for t in owners))  # a criterion's weight, bar ...
                out.append(problem("error", sheet, "formula_without_value",
                                   f"{what} holds a formula whose result was never saved, so its value is unknown; "
                                   + (KEPT_WORDS if kept else "the row is set aside"),
                                   cell=cell, row=row, column=field_name, value=formula or None,
                                   hint="Open the file in Excel or LibreOffice and save it again (that stores the results), "
                                        "or type the value in place of the formula"))
                if kept:
                    continue
                for t in owners:  # validation quarantines the row: a blank in its place would read as "not assessed"
                    t.formula_rows.setdefault((sheet, row), []).append(cell)
            else:
                other += 1
    if missing:
        details["formulas_without_values"] = {"in_data": len(out), "elsewhere": other}
    return out


def rows_index(t: RawTable) -> dict:
    """(sheet, row) -> the positions of the table's rows read from that sheet row, for looking up many cells at once."""
    f = t.frame
    sheets = f["_sheet"].astype(str).to_numpy() if "_sheet" in f else np.full(len(f), t.sheet_name, dtype=object)
    return pd.Series(np.arange(len(f))).groupby([sheets, f[ROW].to_numpy(dtype="float64", na_value=np.nan)]).indices


def _formula_field(owners: list[RawTable], sheet: str, row: int, letter: str, index: dict) -> tuple[str | None, str | None]:
    """The field a cell of ``letter`` in ``row`` of ``sheet`` was read as (a table's own column, or one a wide sheet
    spread over rows, e.g. a criterion's scores), and the criterion when the cell is a score of one. ``index``: table id
    -> `rows_index` of it, filled as needed."""
    for t in owners:
        f = t.frame
        if id(t) not in index:  # the table's rows by sheet row, and its per-row letter columns as arrays, made once
            index[id(t)] = (rows_index(t), {c: f[c].astype(object).to_numpy() for c in f.columns if c.startswith("_letter_")})
        by_row, letter_cols = index[id(t)]
        at = by_row.get((sheet, float(row)), np.zeros(0, dtype=np.int64))
        field = next((k for k, v in t.letters.items() if v == letter), None)
        hit = at
        if field is None:
            for c, values in letter_cols.items():
                if len(hit := at[values[at] == letter]):
                    field = c[len("_letter_"):]
                    break
        if field is not None:
            criterion = f["criterion"].iloc[hit[0]] if field == "score" and "criterion" in f and len(hit) else None
            return field, (str(criterion) if isinstance(criterion, str) and criterion else None)
    return None, None


def not_read_column_problems(tables) -> list[dict]:
    """A warning per column that says something about the person rather than rating a criterion (`headers.NOT_READ`):
    such a column is not read, and a number in it (an age, years of experience) is no score on any criterion."""
    from .excel import column_letter

    out, seen = [], set()
    for t in tables:
        for c in t.columns:
            if c.field not in ("protected", "personal") or (t.name, c.heading) in seen:
                continue
            seen.add((t.name, c.heading))
            cell = f"{column_letter(c.index)}{t.header.excel_rows[-1]}"
            rule, message, hint = not_read_words(c.heading, c.field)
            out.append(problem("warning", t.name, rule, message, cell=cell, column=c.heading, value=c.heading, hint=hint))
    return out


def not_read_words(heading: str, kind: str) -> tuple[str, str, str]:
    """(rule, message, hint) of a column about the person (``kind`` "protected" or "personal", `headers.field_for`),
    in whatever sheet and layout it stands."""
    if kind == "protected":
        return ("protected_column", f"column {heading!r} records a protected characteristic; it is not read: it must not inform the "
                "decision, and no letter or chart uses it", "Remove the column from the scorecard and from copies shared with the committee")
    return ("personal_column", f"column {heading!r} is about the person, not a rating of a criterion; it is not read",
            f'If the interviewers rated it as a criterion, say so in a mapping file: [columns] "{heading}" = "criterion"')


def unread_scores_problems(ignored: list[dict]) -> list[dict]:
    """A warning per sheet that holds a table of scores but was not read (`detect.detect_layout` marks them): an edited
    copy of the Scores sheet, an interviewer's sheet that is hidden or has a generic name. The row counts cannot show
    what was never read."""
    return [problem("warning", i["sheet"], "sheet_not_read", f"sheet {i['sheet']!r} holds a table of scores but was not read ({i['why']})",
                    hint="Move its scores to the sheet that is read, delete it if it is an old copy, or name the sheets to read in a mapping "
                         "file: sheets = [...]" + (" (or unhide it)" if i["why"] == "hidden sheet" else ""))
            for i in ignored if i.get("scores")]


def excluded_problems(excluded: list[dict]) -> list[dict]:
    """One warning per totals / notes row left out."""
    out = []
    for e in excluded:
        what = "a totals or averages row" if e["kind"] == "totals" else "a note or legend below the table"
        out.append(problem("warning", e["sheet"], "excluded_row", f"row {e['row']} is {what} and was not read as data",
                           row=e["row"], value=e["text"], hint="Nothing to do if that is right; otherwise remove the words that mark it"))
    return out


def workbook(file: str, role: RawRole, criteria: RawTable, candidates: RawTable, scores: RawTable, sheet_names: list[str],
             problems: list[dict], details: dict) -> RawWorkbook:
    return RawWorkbook(file=file, role=role, tables={"Criteria": criteria, "Candidates": candidates, "Scores": scores},
                       sheet_names=sheet_names, problems=problems, details=details)


def from_parts(file: str, long: pd.DataFrame, candidates: pd.DataFrame, *, role_extra: dict, mapping: Mapping,
               problems: list[dict], details: dict, sheet_label: str, candidates_sheet: str, words: str | None = None,
               source: tuple[float, float] | None = None, candidate_letters: dict[str, str] | None = None,
               names_said: bool = False) -> RawWorkbook:
    """A RawWorkbook from an export already joined into a long frame and a candidates frame (relational, Greenhouse, Lever).

    ``long`` has candidate_id, interviewer, criterion, score (as written), stage,
    interviewed_on, evidence, _row, _sheet, _letter_score, _order; ``candidates``
    has canonical Candidates columns plus _row and _sheet. ``candidate_letters``: the column letter in
    ``candidates_sheet`` of each candidate field read from it, so that a problem names the real cell (a field joined
    in from another file has none: its problems name the row). ``names_said``: the reader reported missing names
    itself, once for the export at the file that holds them (validation does not say it again per round).
    """
    role = build_role(file, None, mapping, title=None, extra=role_extra, problems=problems, details=details)
    target = target_scale(role, mapping)
    role.values.setdefault("scale", f"{target[0]:g}-{target[1]:g}")
    candidates = candidates.copy()
    read_dates([(long, ["interviewed_on"]), (candidates, [c for c in DATE_FIELDS if c in candidates])], mapping, problems, details,
               sheet=sheet_label, role=role)
    criteria = build_criteria(long, None, mapping, {}, problems, details)
    score, raw, info, scale_problems = normalise(long, target, mapping, source=source, words=words, sheet=sheet_label)
    details["scale"] = info
    problems += scale_problems
    rows = candidates.pop(ROW) if ROW in candidates else None
    sheets = candidates.pop("_sheet") if "_sheet" in candidates else None
    cand = table_from_frame("Candidates", candidates.reset_index(drop=True))
    cand.sheet_name = candidates_sheet
    if candidate_letters is not None:
        cand.letters = dict(candidate_letters)
    cand.names_said = names_said
    if rows is not None:
        cand.frame[ROW] = pd.array(pd.to_numeric(rows, errors="coerce").to_numpy(), dtype="Int64")
    if sheets is not None:
        cand.frame["_sheet"] = sheets.to_numpy()
    ids = _text(long["candidate_id"]) if len(long) else pd.Series([], dtype=object)
    scores = scores_table(long, ids, score, raw, sheet_name=sheet_label, letters={}, headers=[], unmapped=[], header_row=1)
    details["candidates_source"] = candidates_sheet
    return workbook(file, role, criteria, cand, scores, [], problems, details)


def melt_criteria(df: pd.DataFrame, criteria: list[tuple[str, str, str]], keep: list[str]) -> pd.DataFrame:
    """Wide rows -> one row per criterion. ``criteria``: (column, criterion name, column letter); ``keep``: columns carried along.

    Adds criterion, score, _letter_score (the rating's column letter) and _order (the criterion's position).
    """
    parts = []
    for order, (col, name, letter) in enumerate(criteria):
        part = df[keep].copy()
        part["criterion"] = name
        part["score"] = df[col].to_numpy()
        part["_letter_score"] = letter
        part["_order"] = order
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=[*keep, "criterion", "score", "_letter_score", "_order"])
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["_row", "_order"], kind="stable").reset_index(drop=True)
