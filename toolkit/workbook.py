"""Write scorecard workbooks: the blank template a committee fills in, or a filled round.

The workbook has the canonical layout of `toolkit.schema` (sheets ``Instructions``
(``Anleitung``, ``Instruktioner`` in a German or Swedish template, `toolkit.template_text`),
``Role``, ``Criteria``, ``Candidates``, ``Scores``), so `toolkit.load_round` reads
it back without any mapping. Layout per sheet:

- ``Role``: one row per Role field in schema order; columns ``field | value | note``
  (row 1 is that header row).
- ``Criteria``, ``Candidates``, ``Scores``: row 1 holds the canonical field names
  in schema order (a German or Swedish template puts the growth tip in its language
  first among the tips), data starts in row 2.

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
    LANGUAGES,
    MAX_WEIGHT,
    ROLE_FIELDS,
    SCORE_FIELDS,
    STATUSES,
    Field,
)
from .template_text import CHECKS, DATE_DISPLAY, INSTRUCTIONS, INSTRUCTIONS_SHEET, ROLE_NOTES, TEMPLATE_LANGUAGES, field_note

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
    """A header cell; ``note`` (the field's note in the template's language, `template_text.field_note`) shows when the
    pointer rests on it, so that the meaning of a column is where it is filled in, not only on the Instructions sheet."""
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


def _list_validation(options: Iterable[str], sqref: str, prompt: str, t: dict[str, str]) -> DataValidation:
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(options) + '"',
        allow_blank=True,
        **_WARN_ONLY,
        errorTitle=t["list_title"],
        error=t["list_error"],
        promptTitle=t["choose_title"],
        prompt=prompt,
        showInputMessage=True,
    )
    dv.add(sqref)
    return dv


def _range_validation(source: str, sqref: str, prompt: str, t: dict[str, str]) -> DataValidation:
    sheet = source.split("!")[0]
    dv = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        **_WARN_ONLY,
        errorTitle=t["name_title"].format(sheet=sheet),
        error=t["name_error"].format(sheet=sheet),
        promptTitle=t["choose_title"],
        prompt=prompt,
        showInputMessage=True,
    )
    dv.add(sqref)
    return dv


def _date_validation(sqref: str, t: dict[str, str]) -> DataValidation:
    dv = DataValidation(
        type="date",
        operator="between",
        formula1=str(_EXCEL_DATE_MIN),
        formula2=str(_EXCEL_DATE_MAX),
        allow_blank=True,
        **_WARN_ONLY,
        errorTitle=t["date_title"],
        error=t["date_error"],
    )
    dv.add(sqref)
    return dv


def _between(sqref: str, low: float, high: float, t: dict[str, str], what: str) -> DataValidation:
    """Excel questions a number outside low..high (or anything not a number) in ``sqref``; a blank cell is allowed. The
    texts are ``t``'s ``<what>_title``, ``<what>_error``, ``<what>_prompt_title`` and ``<what>_prompt``."""
    lo, hi = _fmt_number(low), _fmt_number(high)

    def text(key):
        return t[f"{what}_{key}"].format(lo=lo, hi=hi, max=MAX_WEIGHT)

    dv = DataValidation(type="decimal", operator="between", formula1=lo, formula2=hi, allow_blank=True,
                        **_WARN_ONLY, errorTitle=text("title"), error=text("error"), promptTitle=text("prompt_title"),
                        prompt=text("prompt"), showInputMessage=True)
    dv.add(sqref)
    return dv


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


def _table_sheet(wb: Workbook, title: str, fields: tuple[Field, ...], frame: pd.DataFrame | None, validations, language: str) -> str:
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
            dim.number_format = DATE_DISPLAY[language]
        elif f.name == "candidate_id":
            dim.number_format = "@"  # an id typed as 00123 or 25181100001 stays as typed (a number loses its zeros or digits)
    for dv in validations(letter_of, last_row):
        ws.data_validations.append(dv)
    for f in fields:
        if f.kind == "date":
            col = letter_of[f.name]
            ws.data_validations.append(_date_validation(f"{col}2:{col}{last_row}", CHECKS[language]))

    probe = WriteOnlyCell(ws)
    probe.number_format = DATE_DISPLAY[language]
    date_style = probe.style_id  # registers the date style in the workbook
    probe = WriteOnlyCell(ws)
    probe.quotePrefix = True
    quote_style = probe.style_id
    ws.append([_header_cell(ws, f.name, field_note(language, title, f.name)) for f in fields])
    return _rows_xml(columns, list(letter_of.values()), date_style, quote_style)


def _role_sheet(wb: Workbook, role: dict | None, language: str) -> None:
    t = CHECKS[language]
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
    ws.data_validations.append(_list_validation(LANGUAGES, f"B{row_of['language']}", t["role_language_prompt"], t))
    target = DataValidation(type="whole", operator="between", formula1="0", formula2="60", allow_blank=True,
                            **_WARN_ONLY, errorTitle=t["target_title"], error=t["target_error"])
    target.add(f"B{row_of['response_target_days']}")
    ws.data_validations.append(target)
    ws.data_validations.append(_date_validation(f"B{row_of['decided_on']}", t))

    ws.append([_header_cell(ws, "field"), _header_cell(ws, "value"), _header_cell(ws, "note")])
    for f, value in zip(ROLE_FIELDS, values):
        if isinstance(value, str):
            value = _text_cell(ws, value)  # e.g. scale "1-5" must stay text
        elif isinstance(value, dt.date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = DATE_DISPLAY[language]
            value = cell
        elif value is None and (f.kind in ("str", "choice") or f.name == "scale" or f.kind == "date"):
            # an empty cell formatted for what goes in it: a scale typed 1-10 stays text (General makes it 10 January),
            # a date shows as a date
            value = WriteOnlyCell(ws, value=None)
            value.number_format = DATE_DISPLAY[language] if f.kind == "date" else "@"
        note = _text_cell(ws, ROLE_NOTES[language].get(f.name, f.doc))
        ws.append([_text_cell(ws, f.name), value, note])


def _tips_first(fields: tuple[Field, ...], language: str) -> tuple[Field, ...]:
    """The Criteria columns with the growth tip in the template's language first among the tips: a German committee
    typed its German tips into growth_tip, the first tip column, which is the English one (a German secretary's review).
    The loader reads columns by their headings, so the order is the template's own."""
    if language == "en":
        return fields
    own = next(f for f in fields if f.name == f"growth_tip_{language}")
    rest = [f for f in fields if f is not own]
    at = next(i for i, f in enumerate(rest) if f.name == "growth_tip")
    return (*rest[:at], own, *rest[at:])


def _instructions_sheet(wb: Workbook, language: str) -> None:
    ws = wb.create_sheet(INSTRUCTIONS_SHEET[language])
    ws.column_dimensions["A"].width = 110
    for i, line in enumerate(INSTRUCTIONS[language]):
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
    language: str = "en",
) -> bytes:
    """Return the .xlsx bytes of a scorecard workbook in the canonical layout.

    With no arguments this is the blank template a committee fills in;
    ``criteria_names`` prefills the Criteria sheet with those names ranked 1..n.
    ``language`` (en, de or sv) is the language of what the workbook explains:
    the Instructions sheet, the notes on the Role sheet and on the column
    headings, the prompts and warnings of the drop-downs and checks
    (`toolkit.template_text`). Sheet names, headings and drop-down values are
    the format's words in every language, so every template reads back alike.
    In German or Swedish the Role sheet's letter language is that language,
    unless ``role`` gives one.
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
        raise ToolkitError(f"role is a dict of Role fields, not a {type(role).__name__}",
                           hint='Pass e.g. {"role": "Data Analyst", "country": "GB"}, or a loaded round\'s rnd.role')
    if language not in TEMPLATE_LANGUAGES:
        raise ToolkitError(f"the template has no language {language!r}", value=language, allowed=", ".join(TEMPLATE_LANGUAGES),
                           hint='Pass language="de" for German or "sv" for Swedish (debrief template --language de)')
    if language != "en" and _is_missing((role or {}).get("language")):
        role = {**(role or {}), "language": language}  # a German template: German letters unless the committee says otherwise
    t = CHECKS[language]
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
        return _list_validation(("yes", "no"), f"{col}2:{col}{last}", t["yes_no_prompt"], t)

    def criteria_validations(letter, last):
        return [yes_no(letter["must_have"], last), yes_no(letter["soft"], last),
                _between(f"{letter['bar']}2:{letter['bar']}{last}", low, high, t, "bar"),
                _between(f"{letter['weight']}2:{letter['weight']}{last}", 0, MAX_WEIGHT, t, "weight")]

    def candidate_validations(letter, last):
        return [
            _list_validation(STATUSES, f"{letter['status']}2:{letter['status']}{last}", t["status_prompt"], t),
            _list_validation(CHANNELS, f"{letter['channel']}2:{letter['channel']}{last}", t["channel_prompt"], t),
            _list_validation(LANGUAGES, f"{letter['language']}2:{letter['language']}{last}", t["language_prompt"], t),
            _list_validation(("yes", "no"), f"{letter['stay_in_touch']}2:{letter['stay_in_touch']}{last}", t["stay_in_touch_prompt"], t),
        ]

    def score_validations(letter, last):
        return [
            _range_validation(f"Criteria!$A$2:$A${criteria_last}", f"{letter['criterion']}2:{letter['criterion']}{last}",
                              t["criterion_prompt"], t),
            _range_validation(f"Candidates!$A$2:$A${candidates_last}",
                              f"{letter['candidate_id']}2:{letter['candidate_id']}{last}", t["candidate_prompt"], t),
            _between(f"{letter['score']}2:{letter['score']}{last}", low, high, t, "score"),
        ]

    _instructions_sheet(wb, language)
    _role_sheet(wb, role, language)
    rows = {
        "Criteria": _table_sheet(wb, "Criteria", _tips_first(CRITERIA_FIELDS, language), criteria_frame, criteria_validations, language),
        "Candidates": _table_sheet(wb, "Candidates", CANDIDATE_FIELDS, candidates, candidate_validations, language),
        "Scores": _table_sheet(wb, "Scores", SCORE_FIELDS, scores, score_validations, language),
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
    language: str = "en",
) -> Path:
    """Write a scorecard workbook to ``path`` atomically and return the path (``language``: as for `scorecard_workbook_bytes`).

    Refuses to replace an existing file unless ``overwrite=True`` (raises `OutputError`).
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise OutputError("a scorecard workbook must be an .xlsx file", file=str(target), value=target.suffix,
                          allowed=".xlsx", hint="Give a file name ending in .xlsx")
    if target.exists() and not overwrite:
        raise OutputError("the file already exists", file=str(target),
                          hint="Choose a new file name, or replace it: debrief template --force (overwrite=True in Python)")
    if not target.parent.is_dir():
        raise OutputError("the folder does not exist", file=str(target), hint=f"Create {target.parent} first")
    data = scorecard_workbook_bytes(role, criteria, candidates, scores, criteria_names=criteria_names, language=language)
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
