"""Write scorecard workbooks: the blank template a committee fills in, or a filled round.

The workbook has the canonical layout of `toolkit.schema` (sheets ``Instructions``,
``Role``, ``Criteria``, ``Candidates``, ``Scores``), so `toolkit.load_round` reads
it back without any mapping. Layout per sheet:

- ``Role``: one row per Role field in schema order; columns ``field | value | note``
  (row 1 is that header row).
- ``Criteria``, ``Candidates``, ``Scores``: row 1 holds the canonical field names
  in schema order, data starts in row 2.

Every cell written from user text stays text (a name like ``+49 30 1234`` or a note
like ``=HYPERLINK(...)`` is never turned into a formula), dates are real Excel dates,
and the bytes are the same every time for the same input.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from .errors import OutputError, ToolkitError
from .render.xlsx import FORMULA_STARTS
from .schema import (
    CANDIDATE_FIELDS,
    CHANNELS,
    CRITERIA_FIELDS,
    DEFAULT_SCALE,
    LANGUAGE_NAMES,
    LANGUAGES,
    MAX_WEIGHT,
    ROLE_FIELDS,
    SCORE_FIELDS,
    STATUSES,
    Field,
)

DATE_FORMAT = "yyyy-mm-dd"
# Fixed document timestamps so the same input gives the same bytes.
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1, 0, 0, 0)
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)

# How many rows the drop-downs cover beyond the data (room for the committee to add rows).
_SPARE_ROWS = {"Criteria": 50, "Candidates": 1000, "Scores": 20000}
"""Rows below the data that the drop-downs and checks cover: room for a large round (1,000 candidates; 20,000 score rows
are 1,000 candidates x 2 interviewers x 5 criteria x 2 stages). A range costs a few bytes whatever its length."""
_EXCEL_DATE_MIN = 36526  # 2000-01-01
_EXCEL_DATE_MAX = 73050  # 2099-12-31

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
_WRAP = Alignment(wrap_text=True, vertical="top")

ROLE_NOTES = {
    "role": "Job title, as in the job ad (required).",
    "requisition": "Requisition or job id from your applicant tracking system.",
    "department": "Department or team the role belongs to.",
    "hiring_manager": "The person who owns the round.",
    "country": "Two-letter country code (DE, SE, GB, ...). Used for public holidays when counting business days.",
    "language": "Default letter language: en, de or sv (drop-down).",
    "response_target_days": "Business days from decision to telling a candidate. Blank = 3.",
    "decided_on": "Date the committee decided. Used for candidates whose own decided_on is blank.",
    "scale": "Score scale, lowest-highest, e.g. 1-5 (blank = 1-5).",
    "company": "Company name used in letters.",
    "sender_name": "Who signs the letters.",
    "sender_title": "The signer's job title.",
    **{f"role_{lang}": f"The job title in letters in {LANGUAGE_NAMES[lang][0].capitalize()}, if the role above is written in "
                       "another language (blank = as written)." for lang in LANGUAGES},
    **{f"sender_title_{lang}": f"The signer's job title in letters in {LANGUAGE_NAMES[lang][0].capitalize()}, if sender_title is "
                               "written in another language (blank = as written)." for lang in LANGUAGES},
}

INSTRUCTIONS = (
    "Debrief scorecard: one workbook per hiring round",
    "",
    "Role: one value per line in column B (what the round is for, who signs the letters, "
    "the score scale and the response target). Column C explains each line.",
    "Criteria: the selection criteria that really decide, about five. Rank them: 1 = most important, "
    "each rank once. Weight is optional; leave it blank everywhere and it is derived from the rank. "
    "must_have = yes when missing it rules a candidate out; bar = the lowest acceptable score (a must-have needs one). "
    "soft = yes for how someone works with others (team fit, values): letters never give a soft criterion as "
    "the reason for a no. description = what the criterion means, for the interviewers; it is not used in letters. "
    "growth_tip (English), growth_tip_de (German) and growth_tip_sv (Swedish) are concrete advice "
    "quoted in feedback letters. criterion_en, criterion_de and criterion_sv are the criterion's name in "
    "letters in that language, for candidates who get their letter in another language than the round's "
    "(blank = the name as written, quoted).",
    "Candidates: one row per candidate with a unique candidate_id. status: hired once the offer is accepted, "
    "offered while it is open, rejected, withdrawn when the candidate stepped back, pending until the committee "
    "has decided on them (once the round's decision is made, a pending candidate counts as waiting to be told). "
    "Record the decision date (blank = the round's, on the Role sheet), the date the candidate was "
    "told and how (channel: phone, video or in_person are personal and preferred for finalists; email or letter "
    "are written; form_letter is a standard text). feedback_requested_on and feedback_sent_on: when the candidate "
    "asked for feedback and when they got it. stay_in_touch: yes once the candidate agreed to hear about other "
    "roles (talent pool), no if they declined, blank while not recorded (the scores then decide whether the letter "
    "offers it); follow_up_on is the day promised for the next contact. notes are internal and never appear in letters.",
    "Scores: one row per interviewer, candidate, criterion and stage. Leave score blank when the "
    "criterion was not assessed: blank means 'not assessed', which is not the same as 0. "
    "evidence = what the interviewer saw or heard (facts, not impressions).",
    "",
    "Dates: type real dates (e.g. 2026-03-13), not text. The date columns are formatted for dates.",
    "Drop-downs: status, channel, language and yes/no columns on Candidates and Criteria; "
    "criterion and candidate_id on Scores list the names from the Criteria and Candidates sheets; "
    "score and bar question a number outside the scale. The checks warn and let you go on, because "
    "Debrief reads more than the drop-downs offer (ja, abgelehnt, Telefon ...); debrief validate has the last word.",
    "Rest the pointer on a column heading (row 1) to see what goes in the column.",
    "Keep the header row (row 1) as it is; add data from row 2. Do not rename the sheets.",
    "Check the workbook with:  debrief validate THIS_FILE.xlsx",
)


# -- value conversion ----------------------------------------------------------


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values are not "missing"
        return False


def _as_date(value: Any) -> Any:
    """A datetime.date for anything date-like; other text is kept as written."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "dtype") and str(getattr(value, "dtype", "")).startswith("datetime64"):
        return pd.Timestamp(value).date()
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return value
    return value


def _as_number(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)) or hasattr(value, "item"):
        try:
            number = value.item() if hasattr(value, "item") else value
        except (ValueError, AttributeError):
            return str(value)
        if isinstance(number, float):
            if math.isnan(number):
                return None
            if number.is_integer() and abs(number) < 2**53:
                return int(number)
        return number
    return value  # text stays text (a committee's typo is written as it was given)


def _as_yes_no(value: Any) -> Any:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if bool(value) else "no"
    return value


def _cell_value(value: Any, kind: str) -> Any:
    if _is_missing(value):
        return None
    if kind == "date":
        value = _as_date(value)
    elif kind in ("int", "float"):
        value = _as_number(value)
    elif kind == "bool":
        value = _as_yes_no(value)
    return _plain(value)


def _plain(value: Any) -> Any:
    """str, int, float or datetime.date: what a cell can hold; anything else becomes its text."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return str(bool(value))
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if hasattr(value, "item") and not isinstance(value, (dt.date, pd.Timestamp)):
        try:
            value = value.item()  # numpy scalar -> Python scalar
        except (ValueError, AttributeError):
            return str(value)
        if isinstance(value, bool):
            return str(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dt.datetime):  # includes pandas Timestamp
        return value.date()
    if isinstance(value, dt.date):
        return value
    return str(value)


def _column_values(frame: pd.DataFrame | None, f: Field, n: int) -> list:
    if frame is None or f.name not in frame.columns:
        return [None] * n
    series = frame[f.name]
    if f.kind == "date" and pd.api.types.is_datetime64_any_dtype(series):
        return [None if pd.isna(v) else v.date() for v in series]
    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    return [_cell_value(v, f.kind) for v in series.tolist()]


# -- sheet writing ------------------------------------------------------------


def _text_cell(ws, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # and still text when someone edits the cell
    return cell


def _header_cell(ws, text: str, note: str | None = None) -> WriteOnlyCell:
    """A header cell; ``note`` (the field's `Field.doc`) shows when the pointer rests on it, so that the meaning of a
    column is where it is filled in, not only on the Instructions sheet."""
    cell = _text_cell(ws, text)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    if note:
        cell.comment = Comment(note, "Debrief", width=260, height=20 + 16 * math.ceil(len(note) / 38))
    return cell


def _width(header: str, values: Iterable, floor: int = 10, ceiling: int = 50) -> float:
    longest = len(header)
    for i, v in enumerate(values):
        if i >= 300:
            break
        if v is None:
            continue
        longest = max(longest, 10 if isinstance(v, dt.date) else len(str(v)))
    return float(min(max(longest + 2, floor), ceiling))


_WARN_ONLY = {"showErrorMessage": True, "errorStyle": "warning"}
"""Every check of the template warns and asks before it lets a value through, rather than refusing it: the loader also
reads what a German or Swedish committee types (ja, abgelehnt, Telefon), n/a for no bar, and 13.03.26."""


def _list_validation(options: Iterable[str], sqref: str, prompt: str) -> DataValidation:
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(options) + '"',
        allow_blank=True,
        **_WARN_ONLY,
        errorTitle="Not in the list",
        error="Pick a value from the drop-down list.",
        promptTitle="Choose from the list",
        prompt=prompt,
        showInputMessage=True,
    )
    dv.add(sqref)
    return dv


def _range_validation(source: str, sqref: str, prompt: str) -> DataValidation:
    dv = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        **_WARN_ONLY,
        errorTitle="Unknown name",
        error=f"Use a value listed in {source.split('!')[0]}.",
        promptTitle="Choose from the list",
        prompt=prompt,
        showInputMessage=True,
    )
    dv.add(sqref)
    return dv


def _date_validation(sqref: str) -> DataValidation:
    dv = DataValidation(
        type="date",
        operator="between",
        formula1=str(_EXCEL_DATE_MIN),
        formula2=str(_EXCEL_DATE_MAX),
        allow_blank=True,
        **_WARN_ONLY,
        errorTitle="Not a date",
        error="Type a date such as 2026-03-13.",
    )
    dv.add(sqref)
    return dv


def _between(sqref: str, low: float, high: float, *, error_title: str, error: str, prompt_title: str, prompt: str) -> DataValidation:
    """Excel questions a number outside low..high (or anything not a number) in ``sqref``; a blank cell is allowed."""
    dv = DataValidation(type="decimal", operator="between", formula1=_fmt_number(low), formula2=_fmt_number(high), allow_blank=True,
                        **_WARN_ONLY, errorTitle=error_title, error=error, promptTitle=prompt_title, prompt=prompt,
                        showInputMessage=True)
    dv.add(sqref)
    return dv


def _score_validation(sqref: str, low: float, high: float) -> DataValidation:
    lo, hi = _fmt_number(low), _fmt_number(high)
    return _between(sqref, low, high, error_title="Score outside the scale",
                    error=f"Type a number from {lo} to {hi}, or leave blank when not assessed.",
                    prompt_title="Score", prompt=f"{lo} to {hi}; blank = not assessed (not 0).")


def _bar_validation(sqref: str, low: float, high: float) -> DataValidation:
    lo, hi = _fmt_number(low), _fmt_number(high)
    return _between(sqref, low, high, error_title="Bar outside the scale",
                    error=f"Type a number from {lo} to {hi}, or leave blank for no bar.",
                    prompt_title="Bar", prompt=f"Optional: the lowest mean that still meets the criterion ({lo} to {hi}); blank = no bar. "
                                               "A must-have needs one.")


def _weight_validation(sqref: str) -> DataValidation:
    return _between(sqref, 0, MAX_WEIGHT, error_title="Weight out of range",
                    error=f"Type a number from 0 to {MAX_WEIGHT} (or a percentage), or leave it blank to derive the weights from the rank.",
                    prompt_title="Weight",
                    prompt="Optional. Only the proportions count (30, 25, 20 ... or 30 %); blank everywhere = derived from the rank.")


def _fmt_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def parse_scale(text: Any) -> tuple[float, float]:
    """The (lowest, highest) score of a scale written like ``1-5`` or ``0 – 10`` (as the loader reads it); default 1-5."""
    from .readers.scales import parse_scale as read_scale

    if _is_missing(text) or str(text).strip() == "":
        return DEFAULT_SCALE
    return read_scale(text) or DEFAULT_SCALE


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _xml_text(text: str) -> str:
    if _ILLEGAL_XML.search(text):
        text = _ILLEGAL_XML.sub("", text)  # control characters cannot be stored in a workbook
    if "_x" in text:  # a literal "_x0041_" would be read back as "A": escape its underscore the way Excel does
        text = re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_xml(ref: str, value: Any, date_style: int, quote_style: int) -> str:
    """One data cell as sheet XML: text is always an inline string (never a formula), and text that begins like a
    formula carries the quote prefix (``quote_style``), so that it stays text when someone edits the cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        space = ' xml:space="preserve"' if value != value.strip() else ""
        quoted = f' s="{quote_style}"' if value.startswith(FORMULA_STARTS) else ""
        return f'<c r="{ref}"{quoted} t="inlineStr"><is><t{space}>{_xml_text(value)}</t></is></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{date_style}" t="n"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, float) and not math.isfinite(value):
        return _cell_xml(ref, str(value), date_style, quote_style)
    return f'<c r="{ref}" t="n"><v>{value!r}</v></c>'


def _rows_xml(columns: list[list], letters: list[str], date_style: int, quote_style: int) -> str:
    """Data rows 2.. as sheet XML. Built as strings: openpyxl's per-cell writer is ~10x slower."""
    parts = []
    for r, row in enumerate(zip(*columns), 2):
        cells = "".join(_cell_xml(f"{letter}{r}", v, date_style, quote_style) for letter, v in zip(letters, row) if v is not None)
        parts.append(f'<row r="{r}">{cells}</row>')
    return "".join(parts)


_ROOMY = {"name": 24, "email": 28, "description": 40, "growth_tip": 40, "growth_tip_de": 40, "growth_tip_sv": 40, "evidence": 40,
          "notes": 40, "interviewer": 20, "criterion": 24}
"""Columns a committee types sentences or long names into, and how wide they start in a blank template."""


def _table_sheet(wb: Workbook, title: str, fields: tuple[Field, ...], frame: pd.DataFrame | None, validations) -> str:
    """Write one header-row sheet and return its data rows as sheet XML.

    openpyxl writes the header, column widths, frozen pane and drop-downs
    (``validations(letter_of, last_row)`` returns the DataValidations); the data
    rows are spliced into the sheet afterwards by `_splice_rows`.
    """
    ws = wb.create_sheet(title)
    n = 0 if frame is None else len(frame)
    columns = [_column_values(frame, f, n) for f in fields]
    letter_of = {f.name: get_column_letter(i) for i, f in enumerate(fields, 1)}
    last_row = n + 1 + _SPARE_ROWS[title]

    ws.freeze_panes = "A2"
    for f, values in zip(fields, columns):
        dim = ws.column_dimensions[letter_of[f.name]]
        dim.width = _width(f.name, values, floor=_ROOMY.get(f.name, 10),
                           ceiling=60 if f.name in ("description", "evidence", "notes") else 40)
        if f.kind == "date":
            dim.number_format = DATE_FORMAT
        elif f.name == "candidate_id":
            dim.number_format = "@"  # an id typed as 00123 or 25181100001 stays as typed (a number loses its zeros or digits)
    for dv in validations(letter_of, last_row):
        ws.data_validations.append(dv)
    for f in fields:
        if f.kind == "date":
            col = letter_of[f.name]
            ws.data_validations.append(_date_validation(f"{col}2:{col}{last_row}"))

    probe = WriteOnlyCell(ws)
    probe.number_format = DATE_FORMAT
    date_style = probe.style_id  # registers the date style in the workbook
    probe = WriteOnlyCell(ws)
    probe.quotePrefix = True
    quote_style = probe.style_id
    ws.append([_header_cell(ws, f.name, f.doc) for f in fields])
    return _rows_xml(columns, list(letter_of.values()), date_style, quote_style)


def _role_sheet(wb: Workbook, role: dict | None) -> None:
    ws = wb.create_sheet("Role")
    role = dict(role or {})
    if "scale" not in role and "scale_min" in role and "scale_max" in role:
        role["scale"] = f"{_fmt_number(role['scale_min'])}-{_fmt_number(role['scale_max'])}"
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 24
    values = [_cell_value(role.get(f.name), f.kind) for f in ROLE_FIELDS]
    ws.column_dimensions["B"].width = _width("value", values, floor=30, ceiling=50)
    ws.column_dimensions["C"].width = 90
    row_of = {f.name: i for i, f in enumerate(ROLE_FIELDS, 2)}
    ws.data_validations.append(_list_validation(LANGUAGES, f"B{row_of['language']}", "Letter language: en, de or sv."))
    target = DataValidation(type="whole", operator="between", formula1="0", formula2="60", allow_blank=True,
                            **_WARN_ONLY, errorTitle="Not a number of days",
                            error="Type a whole number of business days, e.g. 3.")
    target.add(f"B{row_of['response_target_days']}")
    ws.data_validations.append(target)
    ws.data_validations.append(_date_validation(f"B{row_of['decided_on']}"))

    ws.append([_header_cell(ws, "field"), _header_cell(ws, "value"), _header_cell(ws, "note")])
    for f, value in zip(ROLE_FIELDS, values):
        if isinstance(value, str):
            value = _text_cell(ws, value)  # e.g. scale "1-5" must stay text
        elif isinstance(value, dt.date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = DATE_FORMAT
            value = cell
        elif value is None and (f.kind in ("str", "choice") or f.name == "scale" or f.kind == "date"):
            # an empty cell formatted for what goes in it: a scale typed 1-10 stays text (General makes it 10 January),
            # a date shows as a date
            value = WriteOnlyCell(ws, value=None)
            value.number_format = DATE_FORMAT if f.kind == "date" else "@"
        note = _text_cell(ws, ROLE_NOTES.get(f.name, f.doc))
        ws.append([_text_cell(ws, f.name), value, note])


def _instructions_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet("Instructions")
    ws.column_dimensions["A"].width = 110
    for i, line in enumerate(INSTRUCTIONS):
        cell = _text_cell(ws, line)
        cell.alignment = _WRAP
        if i == 0:
            cell.font = Font(bold=True, size=14)
        ws.append([cell])


def _criteria_frame(criteria: pd.DataFrame | None, criteria_names: list[str] | None) -> pd.DataFrame | None:
    if criteria is not None:
        frame = criteria
        # A loaded round carries weights derived from rank; write them back as blank so they stay derived.
        if "weight_source" in frame.columns and "weight" in frame.columns and (frame["weight_source"] == "rank").all():
            frame = frame.assign(weight=None)
        return frame
    if criteria_names:
        names = [" ".join(str(n).split()) for n in criteria_names if str(n).strip()]
        seen: dict[str, str] = {}
        for n in names:
            if n.casefold() in seen:  # validation would refuse the second one: say so before the committee fills it in
                raise ToolkitError("a criterion is named twice", value=n, column="criteria",
                                   allowed="each criterion once, most important first",
                                   hint=f"{seen[n.casefold()]!r} is already in the list; name each criterion once")
            seen[n.casefold()] = n
        return pd.DataFrame({"criterion": names, "rank": list(range(1, len(names) + 1))})
    return None


def _splice_rows(sheet_xml: bytes, rows_xml: str) -> bytes:
    """Put the data rows after the header row, before ``</sheetData>``."""
    head, tail = sheet_xml.split(b"</sheetData>", 1)
    return head + rows_xml.encode("utf-8") + b"</sheetData>" + tail


def _deterministic_zip(raw: bytes, rows: dict[str, str]) -> bytes:
    """Re-pack the archive with the data rows spliced in and fixed entry timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                                 allowZip64=True) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if rows.get(info.filename):
                data = _splice_rows(data, rows[info.filename])
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, data)
    return out.getvalue()


def scorecard_workbook_bytes(
    role: dict | None = None,
    criteria: pd.DataFrame | None = None,
    candidates: pd.DataFrame | None = None,
    scores: pd.DataFrame | None = None,
    *,
    criteria_names: list[str] | None = None,
) -> bytes:
    """Return the .xlsx bytes of a scorecard workbook in the canonical layout.

    With no arguments this is the blank template a committee fills in;
    ``criteria_names`` prefills the Criteria sheet with those names ranked 1..n.
    Frames may be plain tables (columns named as in `toolkit.schema`) or the
    tables of a loaded `HiringRound`; columns not in the schema are ignored and
    missing ones are left blank. Values are written as given: dates become Excel
    dates, yes/no flags become "yes"/"no", anything else that is text stays text.
    """
    from .model import Role

    if isinstance(role, Role):  # a loaded round's role: written back as its fields
        role = role.sheet_values()
    elif isinstance(role, pd.Series):
        role = role.to_dict()
    elif role is not None and not isinstance(role, dict):
        from .errors import ToolkitError

        raise ToolkitError(f"role is a dict of Role fields, not a {type(role).__name__}",
                           hint='Pass e.g. {"role": "Data Analyst", "country": "GB"}, or a loaded round\'s rnd.role')
    wb = Workbook(write_only=True)
    wb.properties.creator = "Debrief"
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    wb.properties.lastModifiedBy = "Debrief"
    wb.properties.title = "Debrief scorecard"

    low, high = parse_scale((role or {}).get("scale"))
    criteria_frame = _criteria_frame(criteria, criteria_names)
    n_criteria = 0 if criteria_frame is None else len(criteria_frame)
    n_candidates = 0 if candidates is None else len(candidates)
    criteria_last = n_criteria + 1 + _SPARE_ROWS["Criteria"]
    candidates_last = n_candidates + 1 + _SPARE_ROWS["Candidates"]

    def yes_no(col, last):
        return _list_validation(("yes", "no"), f"{col}2:{col}{last}", "yes or no")

    def criteria_validations(letter, last):
        return [yes_no(letter["must_have"], last), yes_no(letter["soft"], last),
                _bar_validation(f"{letter['bar']}2:{letter['bar']}{last}", low, high),
                _weight_validation(f"{letter['weight']}2:{letter['weight']}{last}")]

    def candidate_validations(letter, last):
        return [
            _list_validation(STATUSES, f"{letter['status']}2:{letter['status']}{last}", ", ".join(STATUSES)),
            _list_validation(CHANNELS, f"{letter['channel']}2:{letter['channel']}{last}", "How the candidate was told."),
            _list_validation(LANGUAGES, f"{letter['language']}2:{letter['language']}{last}", "Blank = the round's language."),
            _list_validation(("yes", "no"), f"{letter['stay_in_touch']}2:{letter['stay_in_touch']}{last}",
                             "yes = agreed to stay in touch, no = declined, blank = not recorded (the scores decide "
                             "whether the letter offers it)."),
        ]

    def score_validations(letter, last):
        return [
            _range_validation(f"Criteria!$A$2:$A${criteria_last}", f"{letter['criterion']}2:{letter['criterion']}{last}",
                              "A criterion from the Criteria sheet."),
            _range_validation(f"Candidates!$A$2:$A${candidates_last}",
                              f"{letter['candidate_id']}2:{letter['candidate_id']}{last}",
                              "A candidate_id from the Candidates sheet."),
            _score_validation(f"{letter['score']}2:{letter['score']}{last}", low, high),
        ]

    _instructions_sheet(wb)
    _role_sheet(wb, role)
    rows = {
        "Criteria": _table_sheet(wb, "Criteria", CRITERIA_FIELDS, criteria_frame, criteria_validations),
        "Candidates": _table_sheet(wb, "Candidates", CANDIDATE_FIELDS, candidates, candidate_validations),
        "Scores": _table_sheet(wb, "Scores", SCORE_FIELDS, scores, score_validations),
    }
    # openpyxl stores the n-th sheet as xl/worksheets/sheet<n>.xml
    rows_by_part = {f"xl/worksheets/sheet{i}.xml": rows[ws.title]
                    for i, ws in enumerate(wb.worksheets, 1) if ws.title in rows}

    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # unlike openpyxl's save_workbook, keeps our fixed "modified" time
    return _deterministic_zip(buffer.getvalue(), rows_by_part)


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_scorecard_workbook(
    path: str | os.PathLike,
    role: dict | None = None,
    criteria: pd.DataFrame | None = None,
    candidates: pd.DataFrame | None = None,
    scores: pd.DataFrame | None = None,
    *,
    criteria_names: list[str] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write a scorecard workbook to ``path`` atomically and return the path.

    Refuses to replace an existing file unless ``overwrite=True`` (raises `OutputError`).
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise OutputError("a scorecard workbook must be an .xlsx file", file=str(target), value=target.suffix,
                          allowed=".xlsx", hint="Give a file name ending in .xlsx")
    if target.exists() and not overwrite:
        raise OutputError("the file already exists", file=str(target),
                          hint="Choose a new file name, or replace it: overwrite=True (debrief template --force)")
    if not target.parent.is_dir():
        raise OutputError("the folder does not exist", file=str(target), hint=f"Create {target.parent} first")
    data = scorecard_workbook_bytes(role, criteria, candidates, scores, criteria_names=criteria_names)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_current_umask())  # mkstemp makes 0600; give the file normal permissions
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError(f"cannot write the workbook ({exc.strerror or exc})", file=str(target),
                          hint="Check that the folder is writable and the file is not open in Excel") from None
    return target
