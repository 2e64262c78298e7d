"""The rules: raw tables in, a typed `HiringRound` plus a problems table out.

Every problem is collected (nothing stops at the first one). A data row with
an error is quarantined in ``rejected_rows`` with its reason; every row read
is either loaded or quarantined and ``row_counts`` says how many. Warnings
never remove rows.

Rules (rule id: severity):
- missing_sheet, missing_column: error (a missing required column quarantines the sheet's rows)
- unknown_column (header not recognised), duplicate_column (a second column with a known heading): warning
- formula_error (a cell shows #DIV/0!, #REF!, #N/A ... instead of a value): error
- bad_value (not a number / date / yes-no / allowed choice): error
- required_value (blank required cell): error
- out_of_scale (score or bar outside the round's scale): error
- duplicate_candidate, duplicate_score, duplicate_criterion, duplicate_rank: error (the first row is kept)
- missing_rank (a rank number skipped): warning
- unknown_candidate, unknown_criterion (in Scores): error
- date_order (told before decided, decided before last interview, feedback sent before requested): error
- future_date (a past event dated after the as-of date): warning
- unknown_language (falls back to the round's language): warning
- hired_count (no hired candidate, or several): warning
- no_decision_date (rejected candidates without a decision date, and none on the Role sheet): warning
- no_scores (a candidate without any score): warning
- bad_email (an email that is not one plain address: the letter draft gets no recipient): warning
- weights (partial or all-zero weights, or weights that contradict the ranks): warning; a negative weight or one above MAX_WEIGHT: bad_value, error
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
import difflib
import functools
import math
import re

import numpy as np
import pandas as pd

from .coerce import _typed, blank_mask, by_distinct, convert, expand, is_blank, parse_as_of, per_distinct, valid_email, valid_emails
from .errors import ScorecardError, ToolkitError
from .model import (
    PROBLEM_COLUMNS,
    REJECTED_COLUMNS,
    ROW_COUNT_COLUMNS,
    HiringRound,
    Role,
    empty_problems,
)
from .readers.assemble import NO_NAME_MEANS, NO_NAME_MEANS_ONE, not_read_words
from .readers.excel import EXCEL_ERRORS, category_at, small_codes
from .readers.headers import field_for
from .readers.raw import ROW, RawRole, RawTable, RawWorkbook, table_from_frame
from .schema import (
    CANDIDATE_FIELDS,
    CRITERIA_FIELDS,
    CRITERIA_OPTIONAL,
    DEFAULT_LANGUAGE,
    DEFAULT_RESPONSE_TARGET_DAYS,
    DEFAULT_SCALE,
    KEPT_WITH_BLANK,
    KEPT_WORDS,
    KIND_DTYPES,
    LANGUAGES,
    MAX_WEIGHT,
    NO_VALUE_MARKS,
    ROLE_FIELDS,
    SCORE_FIELDS,
    SHEETS,
    field_lookup,
    normalise_header,
)

STATUS_SYNONYMS = {
    "hire": "hired", "eingestellt": "hired", "anställd": "hired", "accepted": "hired",
    "offer": "offered", "angebot": "offered", "erbjuden": "offered", "zusage": "offered", "erbjudande": "offered",
    "angebot offen": "offered", "erbjudande lämnat": "offered",
    "reject": "rejected", "abgelehnt": "rejected", "absage": "rejected", "avböjd": "rejected",
    "avslag": "rejected", "avslagen": "rejected", "nej": "rejected", "ej aktuell": "rejected", "inte aktuell": "rejected",
    "fick nej": "rejected",
    "withdrew": "withdrawn", "zurückgezogen": "withdrawn", "bewerbung zurückgezogen": "withdrawn", "drog sig ur": "withdrawn",
    "återtagen": "withdrawn",
    "open": "pending", "offen": "pending", "in progress": "pending", "väntar": "pending", "noch nicht entschieden": "pending",
    "inte beslutat": "pending", "inte beslutat än": "pending",
}
"""Status words a committee types, read as the format's ones; among them the words the German and Swedish templates use
to explain each status (`template_text`), so that typing the explanation is not an error."""
CHANNEL_SYNONYMS = {
    "telephone": "phone", "call": "phone", "phone call": "phone", "telefon": "phone", "anruf": "phone", "samtal": "phone",
    "video call": "video", "videocall": "video", "teams": "video", "zoom": "video", "videomöte": "video",
    "in person": "in_person", "face to face": "in_person", "persönlich": "in_person", "personligen": "in_person", "meeting": "in_person",
    "gespräch vor ort": "in_person", "videosamtal": "video", "standardschreiben": "form_letter",
    "e-mail": "email", "mail": "email", "e-post": "email", "mejl": "email", "sms": "email", "text message": "email",
    "post": "letter", "brief": "letter", "brev": "letter",
    "form letter": "form_letter", "template": "form_letter", "serienbrief": "form_letter", "standardbrev": "form_letter", "ats": "form_letter",
}
LANGUAGE_SYNONYMS = {
    "english": "en", "englisch": "en", "engelska": "en", "en-gb": "en", "en-us": "en",
    "german": "de", "deutsch": "de", "tyska": "de", "de-de": "de",
    "swedish": "sv", "schwedisch": "sv", "svenska": "sv", "se": "sv", "sv-se": "sv",
}
SYNONYMS = {"status": STATUS_SYNONYMS, "channel": CHANNEL_SYNONYMS, "language": LANGUAGE_SYNONYMS}

# Words that name a value in some trackers and the opposite in others: refused, with a hint that says which to write.
# "declined" is "we declined them" to some and "they declined (our offer)" to others, and the two get opposite letters.
# (Swedish "avböjd" is the candidate turned down, rejected; "tackade nej" is mostly the candidate saying no, but a
# committee can "tacka nej" to a candidate too.)
AMBIGUOUS = {"status": {"declined": "'declined' can mean either: write rejected if the committee turned the candidate down, "
                                    "withdrawn if the candidate declined (an offer too)",
                        # German "abgesagt": "wir haben abgesagt" (rejected) or "die Person hat abgesagt" (withdrew)
                        "abgesagt": "'abgesagt' can mean either: write rejected (abgelehnt) if the committee turned the candidate "
                                    "down, withdrawn (zurückgezogen) if the candidate cancelled",
                        # Swedish "tackat nej": "vi tackade nej till kandidaten" (rejected) or "kandidaten tackade nej" (withdrew)
                        **{w: f"'{w}' can mean either: write rejected (fick nej) if the committee turned the candidate down, "
                              "withdrawn (drog sig ur) if the candidate said no themselves"
                           for w in ("tackat nej", "tackade nej")}}}

# A rank above this is a typo (and a gap of billions cannot be listed): an error, not a criterion.
MAX_RANK = 1000
NEAR_NAMES_MAX = 50
"""An unknown candidate in the scores is matched against the names for a "did you mean" only when the scores hold at most this
many distinct unknown ones: more is a column of ids that all miss, not misspelt names (and matching each would be slow)."""

# Required columns whose cells may be blank: a blank score means "not assessed".
BLANK_ALLOWED = {"score"}

# Dates of past events; a value after the as-of date is suspicious.
PAST_DATES = ("applied_on", "last_interview_on", "decided_on", "notified_on", "feedback_requested_on", "feedback_sent_on")
DATE_ORDER = (
    ("decided_on", "notified_on", "told before the decision was made"),
    ("last_interview_on", "decided_on", "decided before the last interview"),
    ("feedback_requested_on", "feedback_sent_on", "feedback sent before it was requested"),
    ("applied_on", "last_interview_on", "interviewed before applying"),
)


class Problems:
    """Collects problems as plain records; `frame()` gives the documented table."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.records: list[dict] = []

    def add(self, severity, sheet, rule, message, *, cell=None, column=None, row=None, value=None, hint=None, location=None):
        loc = location or (f"{sheet}!{cell}" if cell else (f"{sheet}, column {column!r}" if column else (sheet or "workbook")))
        self.records.append(
            dict(severity=severity, file=self.file, sheet=sheet, cell=cell, column=column, row=row,
                 value=None if value is None else _show(value), rule=rule, message=message, hint=hint, location=loc)
        )

    def add_cells(self, severity, table: RawTable, column: str, mask: pd.Series, rule: str, message, hint=None, *, shown: str | None = None,
                  positional: bool = False):
        """One problem per masked row; `message` may be a callable (value, row) -> str, or (value, row, position) with
        ``positional`` (a wide sheet's row holds several cells). Builds records for failing rows only. ``shown``: the
        column whose cells are the value shown (``column`` by default; e.g. a score as written, not as rescaled).

        Cells are located by position, so layouts whose rows come from several sheets or columns (wide,
        one sheet per interviewer) still name the exact cell.
        """
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        rows = table.frame[ROW].to_numpy()
        shown = shown if shown in table.frame else column
        values = _cells_as_read(table.frame[shown], positions) if shown in table.frame else [None] * len(positions)
        said = set()  # a wide sheet's row is one score row per criterion: its candidate's cell is named once, not per criterion
        for pos, v in zip(positions, values):
            r = int(rows[pos])
            args = (v, r, int(pos)) if positional else (v, r)
            msg = message(*args) if callable(message) else message
            sheet, cell = table.sheet_at(pos), table.cell_at(column, pos)
            if cell is not None:
                if (sheet, cell, msg) in said:
                    continue
                said.add((sheet, cell, msg))
            h = hint(*args) if callable(hint) else hint
            self.add(severity, sheet, rule, msg, cell=cell, column=column, row=r, value=v, hint=h)

    def add_per_key(self, severity, table: RawTable, column: str, mask, keys, rule: str, message, hint, key=None) -> None:
        """One problem per distinct key among the masked rows, at its first cell: ``message(key, n, rows)`` with the
        number of rows and where they are ("Scores rows 32-46, 122-136"). For rows set aside because of another row's
        error, said once there: the one error stays findable, not buried under one line per score.

        ``keys`` is a Series beside the table's rows; ``key``, when given, makes each masked row's key from its value
        (it is called for the masked rows only: a clean sheet of 100,000 rows costs nothing here)."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        keys = keys.iloc[positions].astype(object).to_numpy()
        if key is not None:
            keys = [key(k) for k in keys]
        rows = table.frame[ROW].to_numpy()[positions]
        first: dict = {}
        for i, k in enumerate(keys):
            first.setdefault(k, []).append(i)
        for k, idx in first.items():
            pos = int(positions[idx[0]])
            by_sheet: dict[str, list[int]] = {}
            for i in idx:
                by_sheet.setdefault(table.sheet_at(int(positions[i])), []).append(int(rows[i]))
            where = "; ".join(f"{sheet} {'row' if len(set(r)) == 1 else 'rows'} {_row_ranges(r)}" for sheet, r in by_sheet.items())
            self.add(severity, table.sheet_at(pos), rule, message(k, len(idx), where), cell=table.cell_at(column, pos), column=column,
                     row=int(rows[idx[0]]), value=k, hint=hint(k) if callable(hint) else hint)

    def frame(self) -> pd.DataFrame:
        if not self.records:
            return empty_problems()
        df = pd.DataFrame.from_records(self.records, columns=PROBLEM_COLUMNS)
        df["row"] = df["row"].astype("Int64")
        for c in PROBLEM_COLUMNS:
            if c != "row":
                df[c] = df[c].astype("str")
        return df


def _row_ranges(rows) -> str:
    """'32-46, 122-136' for those row numbers (each once, in order)."""
    from itertools import groupby

    runs = [[r for _, r in run] for _, run in groupby(enumerate(sorted(set(rows))), key=lambda ir: ir[1] - ir[0])]
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def _show(v) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:  # 4.0 shows 4; 1e308 shows 1e+308, not 309 digits
        return str(int(v))
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    s = str(v)
    return s if len(s) <= 80 else s[:77] + "..."


_SHORTENED = re.compile(r"^\d(?:[.,]\d+)?[eE]\+\d{1,3}$")  # 2.51811E+10, 2,51811E+10


def _shortened(values) -> np.ndarray:
    """Which values are ids written in scientific notation (`_SHORTENED`); a "+" is looked for first."""
    return np.array([isinstance(v, str) and "+" in v and bool(_SHORTENED.match(v.strip())) for v in values], dtype=bool)


def _same(a, b) -> bool:
    """Two typed values are the same (two blanks are)."""
    return bool(pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b)


def _unpadded(candidate_id: str) -> str:
    """An id with no leading zeros in its numbers, in lower case ('K03' -> 'k3', 'C-0042' -> 'c-42'): 'K3' typed for 'K03'."""
    return re.sub(r"\d+", lambda m: str(int(m.group())), str(candidate_id)).casefold()


def _closest(name: str, options: list[str]) -> str | None:
    keyed = {normalise_header(o): o for o in options}
    hit = difflib.get_close_matches(normalise_header(name), list(keyed), n=1, cutoff=0.6)
    return keyed[hit[0]] if hit else None


def parse_scale(value) -> tuple[float, float] | None:
    """The Role sheet's scale ('1-5', '0 – 100', 'Skala 1-10'): blank means 1-5, None when it cannot be read."""
    from .readers.scales import parse_scale as read_scale

    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_SCALE
    return read_scale(value)


# ---------------------------------------------------------------------------
# Role


DEFAULT_TARGET_WORDS = f"; the default of {DEFAULT_RESPONSE_TARGET_DAYS} business days is used"


def build_role(raw: RawRole, problems: Problems, round_id: str, has_data: bool = True) -> Role:
    """The Role sheet's values; a blank template (no candidates yet) may leave the role empty."""
    sheet = raw.sheet_name or "Role"
    if raw.sheet_name is None:
        problems.add("error", "Role", "missing_sheet", "the Role sheet is missing", hint="Add a sheet named 'Role' with key | value rows (see docs/scorecard-format.md)")
    for key, cell in raw.unknown_keys:
        problems.add("warning", sheet, "unknown_column", f"unknown key {key!r} is ignored", cell=cell, value=key,
                     hint=f"Known keys: {', '.join(f.name for f in ROLE_FIELDS)}")
    for name, cell, value in raw.repeated:
        first = raw.values.get(name)
        if name in raw.given_in or _blank_scalar(value) or _show(value).strip() == _show(first).strip():
            continue  # the mapping's value stands; a blank or the same value again says nothing new
        problems.add("warning", sheet, "duplicate_key", f"{name} is given a second time, as {_show(value)!r}; only the first, "
                     f"{_show(first)!r} in {raw.cells.get(name, 'an earlier row')}, is read", cell=cell, value=value,
                     hint=f"Delete one of the two {name} rows, keeping the one that is right")
    def at(name: str) -> dict:  # where a value was given: its cell, or the mapping file that gave it
        if name in raw.given_in:
            return dict(sheet=raw.given_in[name], cell=None, location=f"{raw.given_in[name]}: [role] {name}")
        return dict(sheet=sheet, cell=raw.cells.get(name))

    vals: dict = {}
    given = [f for f in ROLE_FIELDS if f.name in raw.values and f.name != "scale"]
    groups: dict[tuple, list] = {}  # the fields of one kind are converted together (a pandas call costs the same for one value or ten)
    for f in given:
        groups.setdefault((f.kind, f.choices, f.name if f.name in SYNONYMS else None), []).append(f)
    converted: dict = {}  # field -> (typed value, bad)
    for (kind, choices, synonyms), group in groups.items():
        typed, bad = convert(kind, pd.Series([raw.values[f.name] for f in group], dtype=object), choices, SYNONYMS.get(synonyms))
        converted.update({f.name: (typed.iloc[i], bool(bad.iloc[i])) for i, f in enumerate(group)})
    for f in given:
        v = raw.values[f.name]
        x, is_bad = converted[f.name]
        if is_bad:
            sev, extra = ("warning", f"; using {DEFAULT_LANGUAGE!r}") if f.name == "language" else ("error", DEFAULT_TARGET_WORDS if f.name == "response_target_days" else "")
            problems.add(sev, rule="bad_value", message=f"{f.name} cannot be read as {_kind_word(f)}{extra}", column=f.name, value=v,
                         hint=_allowed_hint(f), **at(f.name))
            continue
        if pd.isna(x):
            continue
        vals[f.name] = x
    scale = parse_scale(raw.values.get("scale"))
    if scale is None:
        problems.add("error", rule="bad_value", message="scale cannot be read; using 1-5", **at("scale"), column="scale",
                     value=raw.values.get("scale"), hint="Write the scale as lowest-highest, e.g. 1-5 or 0-100")
        scale = DEFAULT_SCALE
    if "role" not in vals and raw.sheet_name is not None and has_data and "role" not in raw.formula_fields:
        if (cell := raw.cells.get("role")) is not None:  # the row is there (as in the template), its value is not
            problems.add("error", sheet, "required_value", "the role (job title) is empty", column="role", cell=cell,
                         hint=f"Write the job title in {sheet}!{cell}, as in the job ad")
        else:
            problems.add("error", sheet, "required_value", "the role (job title) is missing", column="role", hint="Add a row: role | <job title>")
    target = vals.get("response_target_days")
    if target is not None and not (0 <= int(target) <= 60):
        problems.add("error", rule="bad_value", message=f"response_target_days must be between 0 and 60 business days{DEFAULT_TARGET_WORDS}", **at("response_target_days"),
                     column="response_target_days", value=target, hint="Use e.g. 3 (the default)")
        target = None
    country = vals.get("country")
    if country and str(country).strip():
        from .analytics.business_days import resolve_country

        if resolve_country(country) is None:  # business days would count weekends only, and the figures not say why
            problems.add("warning", rule="unknown_country", message=f"country {str(country).strip()!r} is not one whose public holidays "
                         "are known, so business days count weekends only", **at("country"), column="country",
                         value=country, hint="Write an ISO country code such as GB, DE or SE (a region too: DE-BY, GB-SCT)")
    written_email = vals.get("sender_email")
    sender_email = valid_email(written_email) if written_email is not None else None
    if written_email is not None and sender_email is None:  # the letters would print it and the draft send from it
        problems.add("warning", rule="bad_email", message="sender_email is not a single valid address, so the letters give none",
                     **at("sender_email"), column="sender_email", value=written_email,
                     hint="Write one plain address such as name@example.com (no name in front, no second address)")
    decided = vals.get("decided_on")
    return Role(
        role=str(vals.get("role", round_id)),
        requisition=vals.get("requisition"),
        department=vals.get("department"),
        hiring_manager=vals.get("hiring_manager"),
        country=str(country).upper() if country else None,
        language=vals.get("language", DEFAULT_LANGUAGE),
        response_target_days=int(target) if target is not None else None,  # None: the default, and said so (Role.response_target_given)
        decided_on=decided.date() if decided is not None else None,
        scale_min=scale[0],
        scale_max=scale[1],
        company=vals.get("company"),
        sender_name=vals.get("sender_name"),
        sender_title=vals.get("sender_title"),
        sender_email=sender_email,
        sender_phone=vals.get("sender_phone"),
        **{f"{name}_{lang}": vals.get(f"{name}_{lang}") for name in ("role", "sender_title") for lang in LANGUAGES},
    )


def _kind_word(f) -> str:
    return {"int": "a whole number", "float": "a number", "date": "a date", "bool": "yes or no", "choice": "one of the allowed values", "str": "text"}[f.kind]


def _value_hint(f):
    """The hint for a value of field ``f`` that cannot be read: `_allowed_hint`, or for a word of `AMBIGUOUS` what to
    write instead (a function of the value, as `Problems.add_cells` takes)."""
    words = AMBIGUOUS.get(f.name)
    if f.kind == "date":
        def date_hint(v, r):  # 16/3 or 16.3.: a day and month without the year
            if re.fullmatch(r"\s*\d{1,2}\s*[./-]\s*\d{1,2}\s*\.?\s*", str(v)):
                return f"The year is missing: write {str(v).strip().rstrip('.')} with its year, e.g. 2026-03-16 or 16.03.2026"
            return _allowed_hint(f)
        return date_hint
    if f.kind != "choice":
        return _allowed_hint(f)

    def hint(v, r):
        if "?" in str(v):  # "hired?": not decided yet
            if f.name == "status":
                return f"The question mark says it is not decided yet: write pending until it is. {_allowed_hint(f)}"
            return f"The question mark says it is not certain: write it once it is. {_allowed_hint(f)}"
        said = (words or {}).get(" ".join(str(v).split()).casefold())
        if said:
            return said
        near = _closest(str(v), list(f.choices)) if f.choices else None  # 'rejcted': a typo, named as criteria's are
        return f"Did you mean {near!r}? {_allowed_hint(f)}" if near else _allowed_hint(f)

    return hint


def _allowed_hint(f) -> str:
    if f.kind == "choice":
        return f"Use one of: {', '.join(f.choices)}"
    if f.kind == "date":
        return ("Enter a real date from 1970 on, with its year (format the cell as a date), or write it as YYYY-MM-DD "
                "(2026-03-16) or DD.MM.YYYY")
    if f.kind == "bool":
        return "Write yes or no (ja/nein, ja/nej also work)"
    if f.name == "score":  # a percentage is put onto the scale (60 % -> 3.4 on 1-5), not read as 0.6
        return "Enter a number on the round's scale (or a rating such as 4/5), or leave the cell blank if it was not assessed"
    if f.kind == "float":
        return "Enter a plain number without units or text (a percentage such as 30 % is read as 0.3)"
    if f.kind == "int":
        return "Enter a plain number without units or text"
    if f.kind == "str":
        return "Write the text itself (a TRUE or FALSE cell is not text)"
    return ""


# ---------------------------------------------------------------------------
# Tables


class TableCheck:
    """Typed columns, per-row error reasons and the quarantine for one sheet."""

    def __init__(self, table: RawTable, fields, problems: Problems, *, categories: tuple[str, ...] = (),
                 kept_with_blank: frozenset = frozenset()):
        """``categories``: text fields whose typed column is a category made from the distinct values, when the column
        was checked once per distinct value (the caller makes its own column of them: no column of a million texts).
        ``kept_with_blank``: fields whose unreadable value is read as blank, the row kept (`KEPT_WITH_BLANK`)."""
        self.table = table
        self.kept_with_blank = kept_with_blank
        self.fields = {f.name: f for f in fields}
        self.categories = categories
        self.problems = problems
        n = len(table.frame)
        self.reasons: dict[int, list[str]] = {}  # row position -> why it is quarantined (rows without an error have none)
        self._bad = np.zeros(n, dtype=bool)
        self.typed: dict[str, pd.Series] = {}
        # field -> (position of each cell's value, the typed distinct values) for columns checked once per distinct value
        self.distinct: dict[str, tuple[np.ndarray, pd.Series]] = {}
        self.index = table.frame.index
        self.formula_cells: dict[str, np.ndarray] = {}  # field -> rows whose cell of it is a formula without a saved result
        if table.formula_rows:
            self._set_aside_formula_rows()
        if table.broken_rows:
            from .readers.assemble import rows_index

            index = rows_index(table)  # each broken row's table rows at once, not a pass over the table per row
            for (sheet, row), why in table.broken_rows.items():
                self._error_positions(index.get((sheet, float(row)), np.zeros(0, dtype=np.int64)), why)

    def _set_aside_formula_rows(self) -> None:
        """Rows holding a formula whose result was never saved are quarantined (the value is unknown). On a melted sheet a
        column every row shares (the candidate) spoils all rows of its Excel row, a score cell only its own."""
        from .readers.assemble import rows_index

        t, f, n = self.table, self.table.frame, len(self.table.frame)
        index = rows_index(t)  # each formula row's table rows found at once, not by a pass over the table per row
        field_of = {letter: name for name, letter in t.letters.items()}
        letter_cols = [f[c].astype(object).to_numpy() for c in f.columns if c.startswith("_letter_")]
        cell_cols = [f[c].astype(object).to_numpy() for c in f.columns if c.startswith("_cell_")]
        for (sheet, row), cells in t.formula_rows.items():
            on_row = index.get((sheet, float(row)), np.zeros(0, dtype=np.int64))
            owns = np.zeros(len(on_row), dtype=bool)  # which of the row's table rows the formula cells spoil
            for cell in cells:
                letter = cell.rstrip("0123456789")
                if letter in field_of or not (letter_cols or cell_cols):
                    owns[:] = True
                if letter in field_of:  # not "empty" as well: the cell holds a formula (`convert_all`)
                    self.formula_cells.setdefault(field_of[letter], np.zeros(n, dtype=bool))[on_row] = True
                for col in letter_cols:
                    owns |= col[on_row] == letter
                for col in cell_cols:
                    owns |= col[on_row] == cell
            self._error_positions(on_row[owns], f"formula without a saved result in {', '.join(cells)}")

    def error_rows(self, mask: pd.Series, reason: str) -> None:
        self._error_positions(np.flatnonzero(mask.to_numpy(dtype=bool)), reason)

    def _error_positions(self, positions: np.ndarray, reason: str) -> None:
        self._bad[positions] = True
        for pos in positions:
            self.reasons.setdefault(int(pos), []).append(reason)

    def cells(self, severity, column, mask, rule, message, hint=None, reason=None, **how):
        mask = pd.Series(np.asarray(mask, dtype=bool), index=self.index)
        self.problems.add_cells(severity, self.table, column, mask, rule, message, hint, **how)
        if severity == "error":
            self.error_rows(mask, reason or (message if isinstance(message, str) else rule))

    @property
    def bad(self) -> pd.Series:
        return pd.Series(self._bad.copy(), index=self.index, dtype=bool)

    def convert_all(self, synonyms_fallback: dict | None = None) -> None:
        t, frame = self.table, self.table.frame
        # missing columns
        for f in self.fields.values():
            if f.name in frame.columns:
                continue
            if f.required:
                near = _closest(f.name, t.unmapped) or next((h for h in t.unmapped if _closest(h, [f.name, *f.aliases])), None)
                hint = f"Did you mean the column {near!r}? Rename it to {f.name!r}" if near else f"Add a column headed {f.name!r}"
                self.problems.add("error", t.sheet_name, "missing_column", f"required column {f.name!r} is missing", column=f.name, hint=hint)
                self.error_rows(pd.Series(True, index=self.index), f"required column {f.name!r} is missing")
        lookup = field_lookup(SHEETS[t.sheet]) if t.sheet in SHEETS else {}
        for h in t.unmapped:
            twin = lookup.get(normalise_header(h))
            if twin in frame.columns and twin in t.letters:
                self.problems.add("warning", t.sheet_name, "duplicate_column",
                                  f"a second column is headed {h!r}; only the first, column {t.letters[twin]}, is read as {twin}", column=h,
                                  hint="Delete the other column, or give it a heading of its own")
                continue
            about_person = field_for(h) if t.sheet in ("Candidates", "Scores") else None
            if about_person in ("protected", "personal"):  # an age beside the candidates: said as in any other layout
                rule, message, hint = not_read_words(h, about_person)
                self.problems.add("warning", t.sheet_name, rule, message, column=h, value=h, hint=hint)
                continue
            near = _closest(h, list(self.fields))
            self.problems.add("warning", t.sheet_name, "unknown_column", f"column {h!r} is not a {t.sheet} field and is ignored", column=h,
                              hint=f"Did you mean {near!r}?" if near else f"Rename it to a {t.sheet} field if it should be read "
                                                                          "(docs/scorecard-format.md lists them), or delete it")
        present = [f for f in self.fields.values() if f.name in frame.columns]
        required_of = {f.name: f.required and f.name not in BLANK_ALLOWED for f in present}
        # a typed column (read column-wise) or one of repeated texts is checked once per distinct value, and the
        # columns of one kind together: a few pandas calls per kind of field instead of per column
        checked = _checks_by_kind(present, frame, required_of)
        for f in self.fields.values():
            if f.name not in frame.columns:
                self.typed[f.name] = pd.Series(pd.array([None] * len(frame), dtype=KIND_DTYPES[f.kind]), index=self.index)
                continue
            raw = frame[f.name]
            required = required_of[f.name]
            positions, small = checked[f.name]
            if positions is not None:
                if f.name in self.categories and f.kind == "str":
                    typed = pd.Series(category_at(small[0], positions), index=raw.index)  # a blank value is missing
                else:
                    typed = expand(small[0], positions, raw.index)
                bad, shows_error, missing = (_expand_mask(o, positions, raw.index) for o in small[1:])
                self.distinct[f.name] = (positions, small[0].mask(small[2].to_numpy(dtype=bool)))  # as `typed` below
            else:
                typed, bad, shows_error, missing = (pd.Series(o.array, index=raw.index) for o in small)
            shows_error = shows_error.to_numpy()
            if shows_error.any():  # a failed formula: say so, instead of "not a number" or a name "#REF!"
                hint = "Correct the formula (or type the value) and save the workbook again"
                if f.name in self.kept_with_blank:  # an error all the same; the row stays, the cell blank
                    self.problems.add_cells("error", self.table, f.name, pd.Series(shows_error, index=raw.index), "formula_error",
                                            lambda v, r: f"the cell shows the formula error {v} instead of a value; {KEPT_WORDS}", hint)
                else:
                    self.cells("error", f.name, shows_error, "formula_error", lambda v, r: f"the cell shows the formula error {v} instead of a value",
                               hint=hint, reason="formula error")
                typed = typed.mask(pd.Series(shows_error, index=typed.index))
                bad = bad & ~shows_error
            if f.name == "language":
                self.cells("warning", f.name, bad, "unknown_language", lambda v, r: f"language {v!r} is not supported; the round's language is used",
                           hint=_allowed_hint(f))
            elif f.name in self.kept_with_blank:  # an error all the same; the row stays (its value cannot be read: it is blank)
                self.problems.add_cells("error", self.table, f.name, bad, "bad_value",
                                        lambda v, r, f=f: f"{f.name} is not {_kind_word(f)}; {KEPT_WORDS}", _value_hint(f))
            else:
                self.cells("error", f.name, bad, "bad_value", lambda v, r, f=f: f"{f.name} is not {_kind_word(f)}", hint=_value_hint(f),
                           reason=f"{f.name} is not {_kind_word(f)}")
            if required:
                if f.name in self.formula_cells:
                    missing = missing & ~self.formula_cells[f.name]
                if len(missing) > 1 and bool(np.asarray(missing, dtype=bool).all()):
                    # a heading over nothing (or no such column: a derived table): one mistake, said once for the column
                    # rather than once per row; every row is set aside all the same
                    if not self.table.sheet_name.endswith("(derived)"):  # a table made from the scores: the reader said why
                        rows = self.table.frame[ROW].to_numpy()
                        where = f"{self.table.sheet_name} rows {_row_ranges([int(r) for r in rows])}"
                        self.problems.add("error", self.table.sheet_name, "required_value",
                                          f"{f.name} is empty in every row ({where}), so no row can be loaded", column=f.name,
                                          hint=f"Fill in {f.name}; it is required")
                    self.error_rows(missing, f"{f.name} is empty")
                else:
                    self.cells("error", f.name, missing, "required_value", f"{f.name} is empty", hint=f"Fill in {f.name}; it is required",
                               reason=f"{f.name} is empty")
            self.typed[f.name] = typed

    def duplicates(self, keys: list[str], rule: str, what: str, *, at: str | None = None, said=None) -> None:
        """Rows whose ``keys`` repeat an earlier row's are errors (the first is kept). ``at``: the field whose cell the
        error names (the last key by default), whose values of the two rows the message compares. ``said``: (message,
        hint), each a function of (value, row, the earlier row), where the generic words ("keep one of them") would
        send the user the wrong way."""
        if any(k not in self.table.frame.columns for k in keys if self.fields[k].required):
            return
        required = [k for k in keys if self.fields[k].required]
        complete = pd.Series(np.logical_and.reduce([self.typed[k].notna().to_numpy() for k in required]), index=self.index) \
            if required else pd.Series(True, index=self.index)
        # one number per distinct key (a blank optional key, such as stage, counts as one value)
        numbered = []
        for k in keys:
            if k in self.distinct:  # number the few distinct values, not the million cells
                positions, small = self.distinct[k]
                c, uniques = pd.factorize(small, use_na_sentinel=False)
                c = small_codes(c, len(uniques))[positions]  # a byte a cell for a few values
            else:
                c, uniques = pd.factorize(self.typed[k], use_na_sentinel=False)
            numbered.append((c, max(len(uniques), 1)))  # c is 0 .. width - 1 (no sentinel for a missing value)
        # four bytes a row when the combined numbers fit (a fresh page costs more than the arithmetic)
        kind = np.int32 if math.prod(w for _c, w in numbered) < 2**31 else np.int64
        codes = np.zeros(len(self.index), dtype=kind)
        for c, width in numbered:
            if len(codes) and int(codes.max()) > np.iinfo(kind).max // width:
                codes = pd.factorize(codes)[0].astype(kind)  # keep the combined numbers small enough to combine
            codes *= width  # in place: no new million-number array per key
            codes += c
        # rows already set aside (a bad value, a formula without a result) are no "first row kept": a corrected copy below
        # one of them is loaded, not quarantined as its duplicate
        live = complete.to_numpy(dtype=bool) & ~self._bad
        kept = codes if live.all() else codes[live]
        if len(kept) and int(kept.max()) < 8 * len(kept) + 1024:  # no key twice (the common case) is found faster by
            seen = np.zeros(int(kept.max()) + 1, dtype=bool)        # marking each key in a byte per possible key than by
            seen[kept] = True                                        # a hash table
            if int(np.count_nonzero(seen)) == len(kept):
                return
        dup_np = np.zeros(len(codes), dtype=bool)
        dup_np[live] = pd.Series(kept).duplicated(keep="first").to_numpy()
        dup = pd.Series(dup_np, index=self.index)
        if not dup_np.any():
            return
        rows = self.table.frame[ROW]
        first_pos = pd.Series(np.flatnonzero(live)).groupby(codes[live]).transform("first").to_numpy()[dup_np[live]]
        if at is not None and at in self.table.frame:
            frame, dup_pos = self.table.frame, np.flatnonzero(dup_np)
            typed = self.typed[at].to_numpy()
            shown = f"{at}_raw" if f"{at}_raw" in frame else at  # a score as written, not as rescaled
            # per repeated row: the row it repeats, whether the two values are the same, and the other value as written
            first = dict(zip(dup_pos.tolist(), zip(rows.to_numpy()[first_pos].astype(int).tolist(),
                                                   (_same(typed[p], typed[f]) for p, f in zip(dup_pos, first_pos)),
                                                   _cells_as_read(frame[shown], first_pos))))

            def message(v, r, pos):
                row, same, there = first[pos]
                if same:
                    return f"a second row for the same {what} as row {row}, with the same {at}"
                here_, there_ = (_show(x) if not _blank_scalar(x) else "blank" for x in (v, there))
                return f"a second row for the same {what} as row {row}, with another {at}: {here_} here, {there_} there"

            def hint(v, r, pos):
                row, same, _there = first[pos]
                return f"Delete this row (row {row} is loaded)" if same else f"Only row {row} is loaded: keep the row that is right and delete the other"

            self.cells("error", at, dup, rule, message, hint=hint, reason=f"duplicate {what}", shown=shown, positional=True)
            return
        first_by_row = dict(zip(rows[dup_np].tolist(), rows.to_numpy()[first_pos].tolist()))
        column = next((k for k in reversed(keys) if k in self.table.letters), keys[0])
        message, hint = said or (lambda v, r, first: f"{what} repeats an earlier row",
                                 lambda v, r, first: f"Row {first} has the same {what}; keep one of them")
        self.cells("error", column, dup, rule, lambda v, r: message(v, r, first_by_row[r]),
                   hint=lambda v, r: hint(v, r, first_by_row[r]), reason=f"duplicate {what}")

    def shortened_ids(self, field: str = "candidate_id", *, report: bool = True, among: np.ndarray | None = None) -> np.ndarray:
        """Ids a spreadsheet wrote in scientific notation ('2.51811E+10' for 25181083003: Excel shows a long number so,
        and a CSV saved from it keeps only what it showed) are errors: the last digits are lost, so different candidates
        can share one id, and their scores would be merged. The rows are quarantined; without ``report`` silently (candidates
        derived from the scores rows, which report it each). ``among``: only these rows can hold one (a few, looked at
        one by one)."""
        if field not in self.table.frame:
            return np.zeros(len(self.index), dtype=bool)
        if among is None:
            mask = self.per_value(field, many=_shortened)
        else:
            mask = np.zeros(len(self.index), dtype=bool)
            if (at := np.flatnonzero(among)).size:
                mask[at] = _shortened(self.typed[field].iloc[at])
        if not report:
            self.error_rows(pd.Series(mask, index=self.index), f"{field} shortened to scientific notation")
            return mask
        self.cells("error", field, mask, "bad_value",
                   lambda v, r: f"{field} is a long number a spreadsheet shortened to scientific notation when it saved the file: "
                                "its last digits are lost, so different candidates can share it",
                   hint="Export the file again, and open it in the spreadsheet with the id column as text (Excel: Data > From "
                        "Text/CSV, column type Text), or use the .xlsx export",
                   reason=f"{field} shortened to scientific notation")
        return mask

    def per_value(self, field: str, fn=None, *, many=None) -> np.ndarray:
        """``fn`` of each cell's typed value of ``field`` (a bool; False for a missing value), asked once per distinct
        value; or ``many`` of all the distinct values at once (a bool array)."""
        if field in self.distinct:
            positions, small = self.distinct[field]
        else:
            positions, small = pd.factorize(self.typed[field], use_na_sentinel=False)
            small = pd.Series(small, dtype=object)
        if many is not None:
            answers = np.asarray(many(small), dtype=bool)
        else:
            answers = np.array([bool(fn(v)) if not pd.isna(v) else False for v in small], dtype=bool)
        return answers[positions] if len(positions) else np.zeros(0, dtype=bool)

    def present(self, field: str, where: np.ndarray | None = None):
        """The distinct typed values of ``field`` in the rows not quarantined (and, with ``where``, where it is True; None
        when the column was not checked once per distinct value): what ``result()[field].dropna().unique()`` holds, in
        another order."""
        if field not in self.distinct:
            return None
        positions, small = self.distinct[field]
        rows = ~self._bad if where is None else ~self._bad & np.asarray(where, dtype=bool)
        used = np.flatnonzero(np.bincount(positions[rows] % max(len(small), 1), minlength=len(small)))  # -1 counts as the last
        return small.iloc[used].dropna().unique()

    def isin(self, field: str, values) -> pd.Series:
        """True where the typed value of ``field`` is one of ``values`` (asked once per distinct value when it can be)."""
        if field in self.distinct:
            positions, small = self.distinct[field]
            return pd.Series(_isin(small, values).to_numpy(dtype=bool)[positions], index=self.index)
        return _isin(self.typed[field], values)

    def result(self, sheet_label: str) -> tuple[pd.DataFrame, list[dict]]:
        bad = self.bad.to_numpy()
        data = {name: s for name, s in self.typed.items()}
        typed = pd.DataFrame(data, index=self.index, copy=False)  # the typed columns as they are (copy-on-write)
        typed["source_row"] = self.table.frame[ROW].astype("Int64")
        rejected = []
        if bad.any():
            raw = self.table.frame
            positions = np.flatnonzero(bad)
            shown = {c: _cells_as_read(raw[c], positions) for c in raw.columns if not c.startswith("_")}
            rows = raw[ROW].to_numpy()
            for i, pos in enumerate(positions):
                values = "; ".join(f"{c}={_show(v[i])}" for c, v in shown.items() if not _blank_scalar(v[i]))
                rejected.append(dict(sheet=sheet_label, row=int(rows[pos]), reason="; ".join(dict.fromkeys(self.reasons[int(pos)])),
                                     values=values))
            return typed.loc[~bad].reset_index(drop=True), rejected
        return typed.reset_index(drop=True), rejected


def _expand_mask(mask: pd.Series, positions: np.ndarray, index) -> pd.Series:
    """A mask of the distinct values for every cell (`coerce.expand`); all False at once when no value is marked."""
    marked = mask.to_numpy(dtype=bool)
    return pd.Series(marked[positions] if marked.any() else np.zeros(len(positions), dtype=bool), index=index)


def _checks(f, values: pd.Series, required: bool) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """A column's conversion, formula errors and blanks in one go: (typed, not convertible, shows a formula error, missing
    though required). Text is missing exactly where the cell is blank (`coerce.to_text`), so that is not worked out twice."""
    typed, bad = convert(f.kind, values, f.choices, SYNONYMS.get(f.name))
    if not required:
        missing = pd.Series(False, index=values.index)
    else:
        missing = (typed.isna() & ~bad) if f.kind == "str" else blank_mask(values)  # a TRUE cell is not text, but not empty
    return typed, bad, _shows_error(values), missing


def _checks_by_kind(fields, frame: pd.DataFrame, required_of: dict) -> dict:
    """Field name -> (position of each cell's value, or None when the values are the cells; `_checks` of the values).

    The values are a column's distinct values when `coerce.by_distinct` says so,
    else its cells. Fields checked the same way (kind, choices, synonyms,
    required) are checked in one call on their values put together: every check
    is made value by value, so each value gets the answers it gets alone.
    """
    groups: dict[tuple, list] = {}
    for f in fields:
        raw = frame[f.name]
        form = by_distinct(raw)
        values = form[1] if form is not None else raw.astype(object).reset_index(drop=True)
        key = (f.kind, f.choices, f.name if f.name in SYNONYMS else None, required_of[f.name])
        groups.setdefault(key, []).append((f, None if form is None else form[0], values))
    out = {}
    for (_kind, _choices, _synonyms, required), members in groups.items():
        parts = [values for _f, _positions, values in members]
        together = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
        results = _checks(members[0][0], together, required)
        start = 0
        for (f, positions, part) in members:
            stop = start + len(part)
            out[f.name] = (positions, results if len(parts) == 1 else tuple(r.iloc[start:stop].reset_index(drop=True) for r in results))
            start = stop
    return out


def _isin(s: pd.Series, values) -> pd.Series:
    """``s.isin(values)``; for a column of Arrow text in Arrow itself (pandas first turns a million texts into Python objects)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if s.dtype == "str" and hasattr(s.array, "_pa_array"):
        texts = [v for v in (values.tolist() if hasattr(values, "tolist") else values) if isinstance(v, str)]
        found = pc.is_in(s.array._pa_array, value_set=pa.array(texts, type=s.array._pa_array.type))
        return pd.Series(pc.fill_null(found, False).to_numpy(zero_copy_only=False), index=s.index)
    return s.isin(values)


def _repeated_text(text: str, n: int) -> pd.Series:
    """A "str" column holding ``text`` n times (built in Arrow: a million rows in milliseconds)."""
    import pyarrow as pa

    data = text.encode()
    values = pa.LargeStringArray.from_buffers(n, pa.py_buffer(np.arange(n + 1, dtype=np.int64) * len(data)), pa.py_buffer(data * n))
    return pd.Series(values.to_pandas(types_mapper=lambda _t: pd.StringDtype("pyarrow", na_value=np.nan)))


def _cells_as_read(column: pd.Series, positions) -> list:
    """The cells at ``positions`` as the grid reader reads them ('' for blank), whether the column is typed or not."""
    part = column.iloc[np.asarray(positions, dtype=np.int64)]
    if not _typed(part):
        return part.tolist()
    from .readers.excel import python_values

    if isinstance(part.dtype, pd.CategoricalDtype):
        part = part.astype(object)
    return python_values(part)


def _shows_error(values: pd.Series) -> pd.Series:
    return values.isin(EXCEL_ERRORS)


def _blank_scalar(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip())


def _set_aside_candidate(cid: str, set_aside: dict) -> str:
    """'candidate 'Lena Hoffmann' (C02)' for a set-aside candidate with a name, else 'candidate 'C02''."""
    name = set_aside.get(cid)
    return f"candidate {name!r} ({cid})" if name and name != cid else f"candidate {cid!r}"


def _name_variants(problems: Problems, sheet: str, column: str, what: str, values, table: RawTable | None = None) -> None:
    """A warning for values written two ways that differ only in case or spacing ('Yusuf Evans' and 'YUSUF  EVANS',
    'C001' and 'c001'): they are read as two people, stages or candidates, so their scores are neither merged nor
    checked for duplicates against each other. With ``table`` (the rows the values came from) the warning names the
    first cell of the rarer spelling."""
    if values is None:
        return
    texts = (values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="str")).astype("str").dropna()
    key = texts.str.lower()  # in Arrow: 50,000 ids in a millisecond
    other = ~texts.str.isascii().to_numpy(dtype=bool)
    if other.any():  # Weiß and WEISS: Python's casefold, for the few texts beyond ASCII
        key = key.where(~other, texts[other].map(str.casefold))
    if key.str.contains("  ", regex=False).any():  # the cells are trimmed already; only a run of spaces inside is left
        key = key.str.replace(r"\s+", " ", regex=True)
    twins = key.duplicated(keep=False).to_numpy(dtype=bool)
    if not twins.any():
        return
    written = None  # the column as written, trimmed, for the cell of the rarer spelling: made once, for the first pair
    for _key, group in texts[twins].groupby(key[twins], sort=True):
        variants = group.tolist()
        if len(variants) > 1:
            shown = " and ".join(repr(v) for v in sorted(variants)[:3])
            where = {"value": variants[0]}
            if table is not None and column in table.frame and len(table.frame):
                if written is None:
                    written = table.frame[column].astype(object).map(lambda v: v.replace("\u00a0", " ").strip() if isinstance(v, str) else v)
                counts = {v: int((written == v).sum()) for v in variants}
                rare = min(variants, key=lambda v: (counts[v] == 0, counts[v]))
                if counts[rare]:
                    at = int(np.flatnonzero((written == rare).to_numpy(dtype=bool))[0])
                    where = {"value": rare, "cell": table.cell_at(column, at)}
                    sheet = table.sheet_at(at)
            problems.add("warning", sheet, "name_variants", f"{what} {shown} differ only in case or spacing, so they are read as "
                         f"{len(variants)} different ones", column=column, **where,
                         hint="Write them the same way if they are the same (then duplicates are found and scores counted once)")


def _empty_table(fields) -> pd.DataFrame:
    df = pd.DataFrame({f.name: pd.Series(dtype=KIND_DTYPES[f.kind]) for f in fields})
    df["source_row"] = pd.Series(dtype="Int64")
    return df


# ---------------------------------------------------------------------------
# The round


def _missing_sheet(problems: Problems, sheet: str, sheet_names: list[str]) -> None:
    problems.add("error", sheet, "missing_sheet", f"the {sheet} sheet is missing",
                 hint=f"Add a sheet named {sheet!r} (sheets found: {', '.join(sheet_names) or 'none'})")


@dataclass
class People:
    """The Role, Criteria and Candidates sheets checked (`check_people`): what the Scores checks build on."""

    inputs: tuple  # what it was made from: (role, criteria table, candidates table, sheet names, round id, as-of date)
    role: Role
    criteria: pd.DataFrame
    candidates: pd.DataFrame
    criterion_names: list
    known_ids: set
    quarantined_ids: dict  # id -> name (None when blank) of each candidate set aside for an error
    records: list[dict]  # problems, in the order found
    rejected: list[dict]
    counts: list[dict]
    quarantined_criteria: frozenset = frozenset()  # names on Criteria rows set aside for an error (not in criterion_names)
    set_aside_hired: tuple = ()  # each candidate with status hired whose row is set aside for an error, named for a message

    def made_from(self, raw: RawWorkbook, round_id: str, as_of) -> bool:
        role, crit, cand, sheets, rid, when = self.inputs
        if any(t is not None and t.formula_rows for t in (crit, cand)) or role.formula_fields:  # found after it was made
            return False
        return (role is raw.role and crit is raw.tables.get("Criteria") and cand is raw.tables.get("Candidates")
                and sheets == tuple(raw.sheet_names) and rid == round_id and when == parse_as_of(as_of))


def _without_none_marks(table: RawTable, fields) -> RawTable:
    """``table`` with the marks of no value ("n/a", "-", "—" ...) in ``fields`` as blank cells (a copy; the input stays)."""
    from dataclasses import replace

    frame = table.frame
    changed = {}
    for f in fields:
        if f not in frame.columns:
            continue
        col = frame[f]
        marks = col.map(lambda v: isinstance(v, str) and re.sub(r"[\s.]", "", v).casefold() in NO_VALUE_MARKS).to_numpy(dtype=bool)
        if marks.any():
            changed[f] = col.astype(object).mask(marks, None)
    return replace(table, frame=frame.assign(**changed)) if changed else table


def check_people(file: str, raw_role: RawRole, crit_table: RawTable | None, cand_table: RawTable | None, sheet_names: list[str], *,
                 round_id: str, as_of) -> People:
    """The Role, Criteria and Candidates rules (everything but the Scores sheet), as `build_round` applies them.

    A reader may call this as soon as those three sheets are final, while the
    Scores sheet is still being read, and hand the result to `build_round`.
    """
    as_of = parse_as_of(as_of)
    problems = Problems(file)
    rejected: list[dict] = []
    counts: list[dict] = []

    role = build_role(raw_role, problems, round_id, has_data=cand_table is not None and len(cand_table.frame) > 0)
    scale_lo, scale_hi = role.scale_min, role.scale_max

    # ---- Criteria
    set_aside: frozenset = frozenset()  # criteria on rows quarantined for an error: their scores say so
    if crit_table is None:
        _missing_sheet(problems, "Criteria", sheet_names)
        criteria = _empty_table(CRITERIA_FIELDS)
    else:
        chk = TableCheck(_without_none_marks(crit_table, CRITERIA_OPTIONAL), CRITERIA_FIELDS, problems, kept_with_blank=CRITERIA_OPTIONAL)
        chk.convert_all()
        rank = chk.typed["rank"]
        chk.cells("error", "rank", rank.notna() & (rank < 1), "bad_value", "rank must be 1 or more", hint="1 = most important")
        chk.cells("error", "rank", rank.notna() & (rank > MAX_RANK), "bad_value", f"rank must be at most {MAX_RANK}",
                  hint="Number the criteria 1, 2, 3 ... from most to least important")
        chk.duplicates(["criterion"], "duplicate_criterion", "criterion name")
        chk.duplicates(["rank"], "duplicate_rank", "rank", said=(  # two criteria of one rank: renumber, not delete one
            lambda v, r, first: f"rank {_show(v)} is also the rank of row {first}: each criterion needs a rank of its own",
            lambda v, r, first: "Rank the criteria 1, 2, 3 ... from most to least important, each rank once; if two "
                                "matter equally, decide which comes first"))
        def kept_blank(field, mask, rule, message, hint):  # an optional cell out of range: an error, read as blank, the criterion kept
            mask = pd.Series(np.asarray(mask.fillna(False), dtype=bool), index=chk.index)
            problems.add_cells("error", crit_table, field, mask, rule, lambda v, r: f"{message}; {KEPT_WORDS}", hint)
            chk.typed[field] = chk.typed[field].mask(mask)

        bar = chk.typed["bar"]
        kept_blank("bar", bar.notna() & ((bar < scale_lo) | (bar > scale_hi)), "out_of_scale", f"bar is outside the scale {role.scale}",
                   f"Use a value from {role.scale}")
        weight = chk.typed["weight"]
        kept_blank("weight", weight.notna() & (weight < 0), "bad_value", "weight cannot be negative", "Use 0 or a positive number")
        kept_blank("weight", weight.notna() & (weight > MAX_WEIGHT), "bad_value", f"weight must be at most {MAX_WEIGHT}",
                   f"Use a number from 0 to {MAX_WEIGHT}: only the weights' proportions count (30, 25, 20 ... or 30 %)")
        set_aside = frozenset(str(c).strip() for c in chk.typed["criterion"][chk.bad].dropna())
        criteria, rej = chk.result("Criteria")
        rejected += rej
        counts.append(dict(sheet="Criteria", read=len(crit_table.frame), loaded=len(criteria), quarantined=len(rej)))
        criteria = criteria.sort_values("rank", kind="stable").reset_index(drop=True)
        ranks = criteria["rank"].dropna().astype(int).tolist()
        if ranks:
            skipped = sorted(set(range(1, min(max(ranks), MAX_RANK) + 1)) - set(ranks))
            if skipped:
                problems.add("warning", crit_table.sheet_name, "missing_rank", f"rank {', '.join(map(str, skipped))} is not used by any criterion",
                             column="rank", hint="Number the criteria 1, 2, 3 ... from most to least important")
    criteria = _finish_criteria(criteria, problems, crit_table.sheet_name if crit_table is not None else "Criteria", crit_table)
    criterion_names = list(criteria["criterion"])

    # ---- Candidates
    if cand_table is None:
        _missing_sheet(problems, "Candidates", sheet_names)
        candidates = _empty_table(CANDIDATE_FIELDS)
    else:
        chk = TableCheck(cand_table, CANDIDATE_FIELDS, problems, kept_with_blank=KEPT_WITH_BLANK)
        chk.convert_all()
        _missing_names(problems, cand_table, chk)
        chk.shortened_ids(report=not cand_table.sheet_name.endswith("(derived)"))
        # A blank decided_on means the round's decision date (Role sheet). The table keeps what
        # was written; the order checks below judge the effective date.
        effective = dict(chk.typed)
        if role.decided_on is not None:
            from .analytics.timelines import decision_dates

            effective["decided_on"] = decision_dates(chk.typed["decided_on"], chk.typed["notified_on"], role.decided_on)
            timed = chk.typed["status"].isin(["rejected", "pending"]).fillna(False).to_numpy(dtype=bool)  # hired etc.: never timed
            early = (effective["decided_on"].isna() & chk.typed["notified_on"].notna()).to_numpy(dtype=bool) & timed
            problems.add_cells("warning", cand_table, "decided_on" if "decided_on" in cand_table.letters else "notified_on", early,
                               "no_decision_date",
                               lambda v, r: f"told before the round's decision date ({role.decided_on.isoformat()}) and no decision "
                                            "date of their own: decided on earlier, so how fast they were told cannot be measured",
                               "Fill in decided_on for this candidate: the day the committee decided on them")
        for early, late, what in DATE_ORDER:
            a, b = effective[early], effective[late]
            wrong = (a.notna() & b.notna() & (b < a)).fillna(False)
            hint = (lambda v, r, early=early: (f"Check this date and {early} in cell {cand_table.cell(early, r)}" if early in cand_table.letters
                                               else f"Check this date and the round's {early} on the Role sheet"))
            # both dates are ones the decision and timing do not rest on: both read as blank, the row kept. When one is
            # decided_on or notified_on, that one may be the wrong date: the row is set aside (and listed as left out)
            blanked = [c for c in (early, late) if c in KEPT_WITH_BLANK]
            if len(blanked) < 2 or not wrong.any():
                chk.cells("error", late, wrong, "date_order", lambda v, r, early=early, what=what: f"impossible order: {what}",
                          hint=hint, reason=f"impossible order: {what}")
                continue
            said = " and ".join(blanked)
            problems.add_cells("error", cand_table, late, wrong, "date_order",
                               lambda v, r, what=what, said=said: f"impossible order: {what}; {said} {'is' if ' and ' not in said else 'are'} "
                                                                   "read as blank and the row is kept", hint)
            for c in blanked:
                chk.typed[c] = chk.typed[c].mask(wrong)
                effective[c] = chk.typed[c]
        # after the date checks: a row set aside for an impossible order is no "first row kept", so a corrected copy
        # below it loads instead of being called its duplicate
        chk.duplicates(["candidate_id"], "duplicate_candidate", "candidate id")
        for col in PAST_DATES:
            d = chk.typed[col]
            chk.cells("warning", col, (d.notna() & (d > as_of)).fillna(False), "future_date",
                      f"{col} is after the as-of date {as_of.date().isoformat()}", hint="Check the year, or give a later as-of date (debrief --as-of, as_of= in Python)")
        if "email" in cand_table.frame:  # the letter draft needs one plain address: say so now, not when letters are written
            email = chk.typed["email"]
            chk.cells("warning", "email", email.notna().to_numpy() & ~chk.per_value("email", many=valid_emails),
                      "bad_email", "email is not a single valid address, so the letter draft will have no recipient",
                      hint="Write one plain address such as name@example.com (no name in front, no second address)")
        bad = chk.bad.to_numpy(dtype=bool)
        names = chk.typed["name"] if "name" in chk.typed else pd.Series(None, index=chk.index, dtype=object)
        quarantined_ids = {i: (n if isinstance(n, str) else None)  # id -> name, for the scores of a candidate set aside
                           for i, n in zip(chk.typed["candidate_id"][bad], names[bad].astype(object)) if isinstance(i, str)}
        hired_aside = tuple(  # how to name each hired candidate whose row is set aside (an id may be what is wrong)
            _set_aside_candidate(i, quarantined_ids) if isinstance(i, str)
            else f"{f'candidate {n!r}' if isinstance(n, str) else 'candidate'} in Candidates row {int(row)}"
            for i, n, st, row in zip(chk.typed["candidate_id"][bad].astype(object), names[bad].astype(object),
                                     chk.typed["status"][bad].astype(object), cand_table.frame[ROW][bad])
            if st == "hired")
        candidates, rej = chk.result("Candidates")
        _shared_emails(problems, cand_table, candidates)
        rejected += rej
        counts.append(dict(sheet="Candidates", read=len(cand_table.frame), loaded=len(candidates), quarantined=len(rej)))
        candidates = _finish_candidates(candidates, role, problems, cand_table)
    known_ids = set(candidates["candidate_id"].dropna().tolist())
    if cand_table is not None:
        _name_variants(problems, cand_table.sheet_name, "candidate_id", "candidate ids", candidates["candidate_id"], cand_table)
    if cand_table is None:
        quarantined_ids, hired_aside = {}, ()

    return People((raw_role, crit_table, cand_table, tuple(sheet_names), round_id, as_of), role, criteria, candidates, criterion_names,
                  known_ids, quarantined_ids, problems.records, rejected, counts, set_aside - set(criterion_names), hired_aside)


def build_round(raw: RawWorkbook, *, round_id: str, as_of=None, strict: bool = False, people: "People | None" = None) -> HiringRound:
    """Validate a RawWorkbook and build the HiringRound (see the module docstring for the rules).

    ``people`` is `check_people` of this workbook's Role, Criteria and Candidates,
    when it was run ahead (while the Scores sheet was still being read); it is
    used only if it was made from these very tables, otherwise it is run here.
    """
    as_of_given = as_of is not None  # a day asked for (kept for timelines), not today by default
    as_of = parse_as_of(as_of)
    problems = Problems(raw.file)
    for p in raw.problems:
        problems.add(**p)
    if people is None or not people.made_from(raw, round_id, as_of):
        people = check_people(raw.file, raw.role, raw.tables.get("Criteria"), raw.tables.get("Candidates"), raw.sheet_names,
                              round_id=round_id, as_of=as_of)
    problems.records += people.records
    role, criteria, candidates = people.role, people.criteria, people.candidates
    criterion_names, known_ids, quarantined_ids = people.criterion_names, people.known_ids, people.quarantined_ids
    cand_table = raw.tables.get("Candidates")
    scale_lo, scale_hi = role.scale_min, role.scale_max
    rejected: list[dict] = list(people.rejected)
    counts: list[dict] = list(people.counts)

    # ---- Scores
    score_table = raw.tables.get("Scores")
    scored_ids = None  # the candidate ids with a loaded score, when known before the scores table is built
    assessed_ids = None  # the same, with a score that is not blank
    if score_table is None:
        _missing_sheet(problems, "Scores", raw.sheet_names)
        scores = _empty_table(SCORE_FIELDS)
    else:
        chk = TableCheck(score_table, SCORE_FIELDS, problems, categories=("criterion",))  # made a category below anyway
        chk.convert_all()
        score = chk.typed["score"]
        chk.cells("error", "score", (score.notna() & ((score < scale_lo) | (score > scale_hi))).fillna(False), "out_of_scale",
                  lambda v, r: f"score is outside the scale {role.scale}", hint=f"Use a number from {role.scale}, or leave the cell blank if not assessed",
                  reason=f"score outside the scale {role.scale}")
        if "candidate_id" in score_table.frame:
            cid = chk.typed["candidate_id"]
            unknown = cid.notna() & ~chk.isin("candidate_id", known_ids)  # a shortened id is never known (quarantined there)
            shortened = chk.shortened_ids(among=unknown.to_numpy(dtype=bool))
            unknown &= ~shortened
            folded = {k.casefold(): k for k in known_ids} if unknown.any() else {}  # 'c001' for 'C001': ids match exactly
            if unknown.any():  # 123 for '00123': a spreadsheet dropped the leading zeros of a number; K3 for K03: typed without
                folded.update({k.lstrip("0").casefold(): k for k in known_ids if k.lstrip("0") != k and k.lstrip("0").casefold() not in folded})
                unpadded: dict[str, list[str]] = {}
                for k in known_ids:
                    unpadded.setdefault(_unpadded(k), []).append(k)
                folded.update({u: ks[0] for u, ks in unpadded.items() if len(ks) == 1 and u not in folded})
            # a misspelt name in a table keyed by names ('Hanna Schulz' for 'Hannah Schulz'): the name meant, looked
            # up once per distinct value, and only for a few (a column of ids that all miss is no misspelling)
            few = unknown.any() and cid[unknown.fillna(False)].nunique() <= NEAR_NAMES_MAX
            names = candidates["name"].dropna().astype(str).unique().tolist() if few else []

            @functools.lru_cache(maxsize=None)
            def near(v) -> str:
                hit = _closest(_show(v).strip(), names) if names else None
                return f"Did you mean {hit!r}? " if hit else ""

            unknown = unknown.fillna(False)
            aside = unknown & chk.isin("candidate_id", list(quarantined_ids))
            # said once per id, at its first score (one mistake, such as an id typed twice on the Candidates sheet, is one
            # error, not one per score); every such row is set aside all the same
            chk.error_rows(unknown & ~aside, "unknown candidate")
            problems.add_per_key("error", score_table, "candidate_id", unknown & ~aside, cid, "unknown_candidate",
                                 lambda k, n, where: f"candidate {_show(k)!r} is not on the Candidates sheet, so "
                                                     f"{'its score is' if n == 1 else f'their {n} scores are'} set aside ({where})",
                                 lambda k: (f"Did you mean {folded[k.casefold()]!r}? Ids must match exactly, capitals and leading zeros "
                                            "included (format an id column as text)" if k.casefold() in folded
                                            else f"Did you mean {folded[_unpadded(k)]!r}? Ids must match exactly, leading zeros "
                                                 "included" if _unpadded(k) in folded
                                            else f"{near(k)}Add the candidate to the Candidates sheet, or correct it"),
                                 key=lambda v: (v.strip() if isinstance(v, str) else _show(v)) if not _blank_scalar(v) else v)
            if aside.any() and candidates.empty:  # no candidate could be loaded: one error for all their scores (one key)
                chk.error_rows(aside, "the candidate's row is set aside")
                cand_sheet = cand_table.sheet_name if cand_table is not None else "Candidates"
                problems.add_per_key("error", score_table, "candidate_id", aside, cid, "candidate_set_aside",
                                     lambda k, n, where: f"no candidate could be loaded ({cand_sheet} has an error in every row), so "
                                                         f"all {n} of their score rows are set aside with them ({where})",
                                     f"Correct what the errors of {cand_sheet} say; the scores load with the candidates",
                                     key=lambda v: None)
            elif aside.any():  # set aside for their own row's error: said once per candidate, each score row still set aside
                chk.error_rows(aside, "the candidate's row is set aside")
                problems.add_per_key("error", score_table, "candidate_id", aside, cid, "candidate_set_aside",
                                     lambda k, n, where: f"{_set_aside_candidate(k, quarantined_ids)} is set aside for an error in "
                                                         f"their candidate row, and their {n} score row{'s' if n != 1 else ''} with them ({where})",
                                     "Correct that row on the Candidates sheet (its own error says what is wrong); its scores load with it")
        if "criterion" in score_table.frame:
            crit = chk.typed["criterion"]
            unknown = (crit.notna() & ~chk.isin("criterion", criterion_names)).fillna(False)
            set_aside = people.quarantined_criteria
            aside = unknown & chk.isin("criterion", list(set_aside))
            chk.cells("error", "criterion", unknown & ~aside, "unknown_criterion", "criterion is not on the Criteria sheet",
                      hint=lambda v, r: (f"Did you mean {c!r}?" if (c := _closest(str(v), criterion_names))
                                         else f"Use one of: {', '.join(criterion_names)}" if criterion_names
                                         else "The Criteria sheet has no usable criterion: fill in its criterion and rank columns"),
                      reason="unknown criterion")
            if aside.any():  # its Criteria row is set aside for its own error: said once per criterion
                chk.error_rows(aside, "the criterion's row is set aside")
                problems.add_per_key("error", score_table, "criterion", aside, crit,
                                     "criterion_set_aside",
                                     lambda k, n, where: f"criterion {k!r} is set aside for an error in its Criteria row, and its "
                                                         f"{n} score{'s' if n != 1 else ''} with it ({where})",
                                     "Correct that row on the Criteria sheet (its own error says what is wrong); its scores load with it")
        chk.duplicates(["candidate_id", "interviewer", "criterion", "stage"], "duplicate_score", "candidate, interviewer, criterion and stage",
                       at="score")
        d = chk.typed["interviewed_on"]
        chk.cells("warning", "interviewed_on", (d.notna() & (d > as_of)).fillna(False), "future_date",
                  f"interviewed_on is after the as-of date {as_of.date().isoformat()}", hint="Check the year, or give a later as-of date (debrief --as-of, as_of= in Python)")
        if "score_raw" in score_table.frame:  # importers normalised the scale and kept the value as written
            raw_col = score_table.frame["score_raw"]
            as_written = lambda v: v.where(~blank_mask(v), None).astype("str")  # noqa: E731
            score_raw = per_distinct(as_written, raw_col) if _typed(raw_col) else as_written(raw_col)
        elif "score" in score_table.frame:
            score_raw = score_table.frame["score"].map(lambda v: None if _blank_scalar(v) else _show(v)).astype("str")
        else:
            score_raw = None
        scores, rej = chk.result("Scores")
        if score_raw is not None:
            scores["score_raw"] = score_raw[~chk.bad].reset_index(drop=True)
        if "criterion" in chk.distinct:  # the criterion as a category, made from the few distinct names
            positions, small = chk.distinct["criterion"]
            codes = pd.Index(criterion_names).get_indexer(small)[positions][~chk.bad.to_numpy()]  # -1: not a criterion (quarantined)
            scores["criterion"] = pd.Categorical.from_codes(codes, categories=criterion_names, ordered=True)
        scored_ids = chk.present("candidate_id")
        assessed_ids = chk.present("candidate_id", where=chk.typed["score"].notna().to_numpy(dtype=bool))
        for field, what in (("interviewer", "interviewer names"), ("stage", "stage names")):
            if field in score_table.frame:
                _name_variants(problems, score_table.sheet_name, field, what, chk.present(field), score_table)
        rejected += rej
        counts.append(dict(sheet="Scores", read=len(score_table.frame), loaded=len(scores), quarantined=len(rej)))
    if "score_raw" not in scores:
        scores["score_raw"] = pd.Series([None] * len(scores), dtype="str")
    if not isinstance(scores["criterion"].dtype, pd.CategoricalDtype):
        scores["criterion"] = pd.Categorical(scores["criterion"], categories=criterion_names, ordered=True)
    scores = scores[["candidate_id", "interviewer", "criterion", "score", "score_raw", "stage", "interviewed_on", "evidence", "source_row"]]

    # ---- round-level warnings
    if score_table is not None and not len(score_table.frame):  # a blank template, or candidates without one score
        if not len(candidates):
            crit_raw = raw.tables.get("Criteria")
            no_criteria = crit_raw is None or not len(crit_raw.frame)  # none written (rows set aside have their own errors)
            # said where to start: the Criteria sheet while it is empty, else the Candidates sheet
            where = ((crit_raw.sheet_name if crit_raw is not None else "Criteria") if no_criteria else
                     cand_table.sheet_name if cand_table is not None else "Candidates")
            problems.add("warning", where, "empty_round",
                         f"the workbook holds no {'criteria, no ' if no_criteria else ''}candidates and no scores yet, so there is "
                         "nothing to compare or write letters for",
                         hint=("Write the role's selection criteria on the Criteria sheet first (about five, ranked from most to "
                               "least important, ideally before the interviews), then fill in the Candidates and Scores sheets"
                               if no_criteria else "Fill in the Candidates and Scores sheets, then validate again"))
        else:
            problems.add("warning", score_table.sheet_name, "no_scores", "the Scores sheet has no scores: no candidate can be compared, and "
                         "no letter can name a strength or a reason", hint="Add one row per candidate x interviewer x criterion, or check "
                         "that the scores are on this sheet")
    if len(candidates):
        sheet = cand_table.sheet_name if cand_table is not None else "Candidates"
        n_hired = int((candidates["status"] == "hired").sum())
        if n_hired == 0 and people.set_aside_hired:  # the hire is there, but their row is set aside: say that, not "no hire"
            aside = people.set_aside_hired
            who = aside[0] if len(aside) == 1 else ", ".join(aside[:-1]) + " and " + aside[-1]
            one = len(aside) == 1
            problems.add("warning", sheet, "hired_count",
                         f"the hired {who} {'is' if one else 'are'} set aside for an error in {'their' if one else 'each'} "
                         f"candidate row, so until {'it is' if one else 'they are'} corrected the others are compared with "
                         "another candidate (the one offered the job, else the top-ranked) and their letters may say so"
                         + ("" if one else "; and only one candidate can be hired"), column="status",
                         hint="Correct the error in the hired candidate's row (it is listed among the errors) and validate again"
                              if one else "Correct those rows, and mark only the candidate who took the job as hired")
        elif n_hired != 1:
            what = "no candidate has status 'hired'" if n_hired == 0 else f"{n_hired} candidates have status 'hired'"
            problems.add("warning", sheet, "hired_count", what, column="status",
                         hint="One person gets the offer: mark exactly one candidate as hired (or 'offered' while the offer is open)")
        undated = (candidates["status"] == "rejected").to_numpy(dtype=bool) & candidates["decided_on"].isna().to_numpy(dtype=bool)
        # a rejection is a decision: without its date nothing can be timed. Asked of rounds with a Role sheet, or with a
        # table of candidates (an export's applications), where decided_on has its place; a file of scores alone (its
        # candidates derived from the score rows) is not kept for response times
        listed = cand_table is not None and not str(cand_table.sheet_name).endswith("(derived)")
        if role.decided_on is None and undated.any() and (raw.role.cells or listed):
            n = int(undated.sum())
            problems.add("warning", sheet, "no_decision_date",
                         f"{n} rejected candidate{'s have' if n != 1 else ' has'} no decision date, so how fast they were told "
                         "cannot be measured: the response-time figures leave them out and cannot show them as overdue",
                         column="decided_on",
                         hint=("Fill in decided_on on the Role sheet (the round's decision date), or per candidate in the "
                               "decided_on column of the Candidates sheet") if raw.role.cells else
                              ("Give each candidate's decision date in a decided_on column (export it with the candidates), "
                               "or the round's on a Role sheet or in a mapping file: [role] decided_on = 2026-03-06"))
        if scored_ids is None:
            scored_ids = scores["candidate_id"].dropna().unique()
        unscored = ~_isin(candidates["candidate_id"], scored_ids).to_numpy(dtype=bool)
        # rows whose every score is blank ("not assessed") are no assessment either: the letter could only say that the
        # interviews told us too little
        if assessed_ids is None:
            assessed_ids = scores.loc[scores["score"].notna().to_numpy(dtype=bool), "candidate_id"].dropna().unique() if len(scores) else []
        blank_only = ~unscored & ~_isin(candidates["candidate_id"], assessed_ids).to_numpy(dtype=bool)
        flagged = unscored | blank_only
        if len(scores):
            for cid, row, blank in zip(candidates["candidate_id"][flagged], candidates["source_row"][flagged], blank_only[flagged]):
                problems.add("warning", sheet, "no_scores",
                             f"candidate {cid} has no filled-in score: every score loaded for them is blank (not assessed)" if blank else f"candidate {cid} has no scores",
                             cell=cand_table.cell("candidate_id", int(row)) if cand_table is not None else None, row=int(row), value=cid,
                             hint="Fill in the scores the interviewers gave, or mark the candidate withdrawn" if blank
                             else (f"Add their scores to {score_table.sheet_name} (where the scores are), or mark them withdrawn"
                                   if score_table is not None else "Add their scores, or mark them withdrawn"))

    def with_round(df):  # a new frame sharing the columns (copy-on-write keeps the tables independent)
        df = df.copy(deep=False)
        df.insert(0, "round_id", _repeated_text(round_id, len(df)))
        return df

    rejected_df = pd.DataFrame.from_records(rejected, columns=REJECTED_COLUMNS) if rejected else pd.DataFrame(columns=REJECTED_COLUMNS)
    rejected_df["row"] = rejected_df["row"].astype("Int64")
    for c in ("sheet", "reason", "values"):
        rejected_df[c] = rejected_df[c].astype("str")
    counts_df = pd.DataFrame.from_records(counts, columns=ROW_COUNT_COLUMNS)
    for c in ("read", "loaded", "quarantined"):
        counts_df[c] = counts_df[c].astype("Int64")
    rnd = HiringRound(
        round_id=round_id,
        source=raw.file,
        role=role,
        criteria=with_round(criteria),
        candidates=with_round(candidates),
        scores=with_round(scores),
        problems=with_round(problems.frame()),
        rejected_rows=with_round(rejected_df),
        row_counts=with_round(counts_df),
        details={**raw.details, "as_of": as_of.date().isoformat(), "as_of_given": as_of_given},
    )
    if strict and not rnd.ok:
        raise ScorecardError(f"{len(rnd.errors)} error(s) in the workbook", problems=rnd.problems[rnd.problems["severity"] == "error"], file=raw.file)
    return rnd


def shared_emails(candidates: pd.DataFrame) -> np.ndarray:
    """Which candidates' email address another candidate of the round has too (case and spaces ignored; "-" or "n/a" is
    no address, so nothing shared). One person entered twice gets two letters, and a rejection drafted to the address of
    the person hired reaches them: validation warns (shared_email) and the letters of both have no recipient."""
    if "email" not in candidates or not len(candidates):
        return np.zeros(len(candidates), dtype=bool)
    email = candidates["email"].astype("str").str.strip().str.casefold()
    shared = (email.notna() & email.duplicated(keep=False)).to_numpy(dtype=bool, copy=True)
    if shared.any():  # asked of the repeated ones only
        shared[shared] = valid_emails(candidates["email"][shared])
        again = pd.Series(email.to_numpy(dtype=object)[shared]).duplicated(keep=False).to_numpy()  # two valid ones still
        shared[shared] = again
    return shared


def _shared_emails(problems: Problems, table: RawTable, candidates: pd.DataFrame) -> None:
    """A warning per email address that two or more candidates share (`shared_emails`)."""
    shared = shared_emails(candidates)
    if not shared.any():
        return
    email = candidates["email"].astype("str").str.strip().str.casefold()
    for _address, rows in candidates[shared].groupby(email[shared].to_numpy(), sort=False):
        ids = ", ".join(f"{cid} ({status})" for cid, status in zip(rows["candidate_id"], rows["status"].fillna("no status")))
        first = int(rows["source_row"].iloc[0])
        problems.add("warning", table.sheet_name, "shared_email", f"candidates {ids} have the same email address",
                     cell=table.cell("email", first), column="email", row=first, value=str(rows["email"].iloc[0]),
                     hint="If they are one person, keep one row (and one id for their scores); otherwise correct the address: "
                          "until then neither letter draft has a recipient")


def _finish_criteria(criteria: pd.DataFrame, problems: Problems, sheet: str, table: RawTable | None = None) -> pd.DataFrame:
    criteria = criteria.copy()
    n = len(criteria)
    given = criteria["weight"]
    if n and given.notna().all() and float(given.sum()) > 0:
        criteria["weight"] = (given / float(given.sum())).astype("Float64")
        criteria["weight_source"] = "given"
        _weights_far_apart(criteria, problems, sheet) or _weights_follow_ranks(criteria, problems, sheet)
    else:
        if n and given.notna().any():
            why = "all weights are 0" if given.notna().all() else "weights are given for some criteria only"
            problems.add("warning", sheet, "weights", f"{why}; weights are derived from the ranks instead", column="weight",
                         hint="Give a weight for every criterion, or leave the whole column blank")
        pos = pd.Series(np.arange(1, n + 1), index=criteria.index)
        raw_w = (n + 1 - pos).astype(float)
        criteria["weight"] = (raw_w / raw_w.sum()).astype("Float64") if n else pd.Series(dtype="Float64")
        criteria["weight_source"] = "rank"
    criteria["weight_source"] = criteria["weight_source"].astype("str")
    criteria["must_have"] = criteria["must_have"].fillna(False).astype("boolean")
    unchecked = criteria["must_have"].fillna(False).to_numpy(dtype=bool) & criteria["bar"].isna().to_numpy(dtype=bool)
    bar_letter = table.letters.get("bar") if table is not None else None
    for name, row in zip(criteria.loc[unchecked, "criterion"], criteria.loc[unchecked, "source_row"]):
        cell = f"{bar_letter}{int(row)}" if bar_letter and not pd.isna(row) else None  # its empty bar cell, where there is one
        problems.add("warning", sheet, "must_have_without_bar", f"{name!r} is a must-have but has no bar, so whether a candidate "
                     "meets it cannot be checked: no one is set apart for missing it", column="bar", value=name, cell=cell,
                     row=None if pd.isna(row) else int(row), hint="Write the lowest acceptable mean score in its bar cell, or make it no must-have")
    cols = [f.name for f in CRITERIA_FIELDS]
    cols.insert(cols.index("weight") + 1, "weight_source")
    return criteria[cols + ["source_row"]]


WEIGHTS_APART = 50
"""A given weight this many times another (both above 0) is reported: more often a slip, such as 50 typed beside cells
formatted as percentages (30 % is 0.3 in the cell), than a criterion meant to count fifty times as much."""


def _weights_far_apart(criteria: pd.DataFrame, problems: Problems, sheet: str) -> bool:
    """A warning when the largest given weight is `WEIGHTS_APART` times the smallest above 0 (True when given)."""
    w = criteria["weight"].astype("float64").to_numpy()
    positive = np.flatnonzero(w > 0)
    if len(positive) < 2:
        return False
    hi, lo = positive[np.argmax(w[positive])], positive[np.argmin(w[positive])]
    if w[hi] < WEIGHTS_APART * w[lo]:
        return False
    a, b = criteria.iloc[hi], criteria.iloc[lo]
    problems.add("warning", sheet, "weights",
                 f"the weights are far apart: {a['criterion']!r} weighs {w[hi]:.1%}, {w[hi] / w[lo]:.0f} times as much as "
                 f"{b['criterion']!r} ({w[lo]:.1%}); a weight typed as a plain number (50) beside cells formatted as percentages "
                 "(30 % is 0.3 in the cell) does this", column="weight", value=f"{w[lo]:.1%}",
                 hint="Write every weight the same way (50, 30, 20 or 50 %, 30 %, 20 %), or check the weights meant")
    return True


def _weights_follow_ranks(criteria: pd.DataFrame, problems: Problems, sheet: str) -> None:
    """A warning when a criterion weighs less than one ranked below it: totals follow the weights, while the letters call
    a criterion "our second most important" by its rank, so the two should agree."""
    ordered = criteria.sort_values("rank", kind="stable")
    weights = ordered["weight"].astype("float64").to_numpy()
    for i in range(len(weights) - 1):
        below = np.flatnonzero(np.round(weights[i + 1:] - weights[i], 9) > 0)
        if len(below):
            j = i + 1 + int(below[0])
            a, b = ordered.iloc[i], ordered.iloc[j]
            problems.add("warning", sheet, "weights",
                         f"the weights do not follow the ranks: {a['criterion']!r} (rank {int(a['rank'])}) weighs {weights[i]:.0%}, "
                         f"less than {b['criterion']!r} (rank {int(b['rank'])}, {weights[j]:.0%}); totals follow the weights, "
                         "while letters call a criterion important by its rank", column="weight", value=f"{weights[i]:.0%}",
                         hint="Rank the criteria in the order of their weights, or change the weights")
            return


def _missing_names(problems: Problems, table: RawTable, chk: "TableCheck") -> None:
    """A candidate without a name is loaded all the same (an export for analysis may hold ids alone): shown by id, and
    greeted without a name in the letter. Said once for the column when no row has a name, else at each blank cell."""
    if table.names_said:  # the export's reader said it once, at the file the names come from
        return
    derived = table.sheet_name.endswith("(derived)")  # candidates made from the scores' rows
    blank = (chk.typed["name"].isna() & ~chk.bad).to_numpy(dtype=bool) if "name" in table.frame.columns else None
    if derived and blank is not None and len(blank) and bool((blank | chk.bad.to_numpy(dtype=bool)).all()):
        problems.add("warning", table.sheet_name, "missing_name", f"there is no Candidates sheet and the scores give no names, so candidates are {NO_NAME_MEANS}",
                     column="name", hint="Add a Name column to the scores, or a Candidates sheet (candidate_id, name, status ...), before "
                                         "letters are sent; for analysis by id alone nothing needs doing")
        return
    if "name" not in table.frame.columns:
        near = _closest("name", table.unmapped)
        problems.add("warning", table.sheet_name, "missing_name", f"there is no column 'name', so candidates are {NO_NAME_MEANS}", column="name",
                     hint=f"Did you mean the column {near!r}? Rename it to 'name'" if near else
                     "Add a column headed 'name' with each candidate's full name before letters are sent; for analysis by id "
                     "alone nothing needs doing")
        return
    if not blank.any():
        return
    if len(blank) > 1 and bool((blank | chk.bad.to_numpy(dtype=bool)).all()):
        rows = table.frame[ROW].to_numpy()[blank]
        files = {table.sheet_at(int(i)) for i in np.flatnonzero(blank)}  # an export's rows may be those of another file
        where = f"{files.pop() if len(files) == 1 else table.sheet_name} rows {_row_ranges([int(r) for r in rows])}"
        problems.add("warning", table.sheet_name, "missing_name",
                     f"name is empty in every row ({where}), so candidates are {NO_NAME_MEANS}", column="name",
                     hint="Fill in each candidate's full name before letters are sent; for analysis by id alone nothing needs doing")
        return
    problems.add_cells("warning", table, "name", pd.Series(blank, index=chk.index), "missing_name",
                       f"name is empty, so this candidate is {NO_NAME_MEANS_ONE}",
                       "Fill in the candidate's full name")


def _finish_candidates(candidates: pd.DataFrame, role: Role, problems: Problems, table: RawTable) -> pd.DataFrame:
    c = candidates.copy()
    c["language"] = c["language"].fillna(role.language).astype("str")
    told_no_channel = c["notified_on"].notna() & c["channel"].isna()
    if told_no_channel.any():
        written = {}  # Excel row -> the channel cell as written, for the rows in question
        if "channel" in table.frame:
            wanted = set(c.loc[told_no_channel, "source_row"].astype(int))
            written = {int(r): v for r, v in zip(table.frame[ROW], table.frame["channel"]) if not pd.isna(r) and int(r) in wanted}
        for cid, row in zip(c.loc[told_no_channel, "candidate_id"], c.loc[told_no_channel, "source_row"]):
            if not is_blank(written.get(int(row))):
                continue  # a channel that cannot be read: its own error says so (and that it is read as blank)
            problems.add("warning", table.sheet_name, "missing_channel", f"candidate {cid} was told but the channel is empty",
                         column="channel", row=int(row), cell=table.cell("channel", int(row)) if "channel" in table.letters else None,
                         hint="Record how they were told: phone, video, in_person, email, letter or form_letter")
    return c


# ---------------------------------------------------------------------------
# From DataFrames (tests, notebooks, importers)


def _without_loaded_columns(sheet: str, df):
    """A loaded round's table passed back in, without the columns the loader added: round_id (one round's), source_row,
    score_raw (the score as written; ``score`` is what it was read as) and weight_source, with the weights when they
    were derived from the ranks (derived again, so that a criterion taken out gives its weight to the others). A table
    of several rounds keeps its round_id, which is then reported as a column the sheet does not have."""
    if not isinstance(df, pd.DataFrame):
        return df
    drop = [c for c in ("source_row", "score_raw") if c in df.columns]
    if "round_id" in df.columns and df["round_id"].nunique(dropna=True) <= 1:
        drop.append("round_id")
    if sheet == "Criteria" and "weight_source" in df.columns:
        drop.append("weight_source")
        if "weight" in df.columns and "rank" in df.columns and _still_rank_weights(df):
            drop.append("weight")
    return df.drop(columns=drop) if drop else df


def _still_rank_weights(df: pd.DataFrame) -> bool:
    """True when every weight of a loaded Criteria table is still one the loader derived from the ranks: (N + 1 - p) / S
    for the criterion's place p among N criteria (S = 1 + ... + N), N the criteria it was loaded with (those with a
    weight, or more when rows were taken out), in rank order; a row added without a weight does not count. A weight changed by hand is
    none of these, and is kept."""
    rows = df[["weight", "rank"]].apply(pd.to_numeric, errors="coerce").astype("float64")
    weighted = rows["weight"].notna().to_numpy()
    if not (df["weight_source"].astype("str").to_numpy()[weighted] == "rank").all():
        return False
    rows = rows[weighted].sort_values("rank", kind="stable")
    if rows["rank"].isna().any() or (rows["weight"] <= 0).any():
        return False
    if rows.empty:
        return True
    w = rows["weight"].to_numpy()
    for total in range(len(w), len(w) + 100):  # the criteria it was loaded with: those weighted, or more taken out since
        units = w * total * (total + 1) / 2
        places = np.round(units)
        if (np.abs(units - places) < 1e-6).all() and (places >= 1).all() and (places <= total).all() and (np.diff(places) < 0).all():
            return True
    return False


def round_from_frames(
    role: dict,
    criteria: pd.DataFrame,
    candidates: pd.DataFrame,
    scores: pd.DataFrame,
    *,
    round_id: str = "r1",
    as_of=None,
    strict: bool = False,
    source: str = "(frames)",
) -> HiringRound:
    """Build a validated HiringRound from plain tables, with exactly the loader's rules.

    ``role`` is a dict of Role fields (``{"role": "Data Analyst", "country": "GB", ...}``).
    The tables use the canonical column names (aliases work too). Row numbers
    in problems count as if the table were a sheet with its header in row 1,
    and the role's keys as the rows of a Role sheet from row 2, in the order
    given (a blank ``role`` first in the dict is Role!B2, as in the template).
    A loaded round's own tables (``rnd.criteria``, ``rnd.candidates``,
    ``rnd.scores``, changed or not) are read as the sheets they came from: the
    columns the loader added are left out, and weights it derived from the
    ranks are derived again.
    """
    if isinstance(role, Role):  # a loaded round's role passed back in
        role = role.sheet_values()
    elif not isinstance(role, (dict, pd.Series)):
        raise ToolkitError(f"role is a dict of Role fields, not a {type(role).__name__}",
                           hint='Pass e.g. {"role": "Data Analyst", "country": "GB"}, or a loaded round\'s rnd.role')
    raw_role = RawRole("Role", dict(role), {k: f"B{i + 2}" for i, k in enumerate(role)})  # key | value rows from row 2
    tables = {name: table_from_frame(name, _without_loaded_columns(name, df))
              for name, df in (("Criteria", criteria), ("Candidates", candidates), ("Scores", scores))}
    raw = RawWorkbook(file=source, role=raw_role, tables=tables, sheet_names=list(SHEETS), details={"layout": "frames"})
    return build_round(raw, round_id=round_id, as_of=as_of, strict=strict)
