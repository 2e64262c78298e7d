"""Open a workbook file and hand back its sheets as grids of cell values.

Reads .xlsx, .xlsm, .xls and .ods with calamine (Rust; fast, reads cached
formula values). A grid is a list of rows, each a list of Python values
('' for an empty cell), positioned from cell A1 so that grid[r][c] is Excel
row r+1, column c+1. A cell whose formula failed holds the error it shows
(``"#DIV/0!"``), never '' (calamine reads those as empty, so they are found
in the file itself). Knows nothing about scorecards.
"""

from __future__ import annotations

import html
import os
import re
import struct
import zipfile
import zlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputFileError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# A workbook whose XML would unpack beyond this is refused (zip bombs).
MAX_UNPACKED_BYTES = 2 * 1024**3
# A part bigger than RATIO_CHECK_BYTES that unpacks to more than MAX_RATIO times its packed size is
# refused too: real sheets pack about 10:1 (.xlsx) to 100:1 (.ods), a zip bomb about 1000:1.
MAX_RATIO = 500
RATIO_CHECK_BYTES = 64 * 1024**2
# What a cell with a failed formula shows; calamine reads such cells as empty, so they are put back.
EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA", "#SPILL!", "#CALC!",
                "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "Err:502", "Err:504", "Err:508", "Err:511",
                "Err:522", "Err:523")


@dataclass(frozen=True)
class SheetGrid:
    name: str
    rows: list[list]
    visible: bool = True
    kind: str = "worksheet"  # "worksheet", "chartsheet", ... ("csv" for a text file)
    merged: tuple = ()  # merged ranges ((first_row, first_col), (last_row, last_col)), 0-based, inclusive


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def check_readable(path: Path) -> Path:
    """Raise InputFileError unless `path` is an existing, readable, non-empty file."""
    path = Path(path)
    if not path.exists():
        raise InputFileError("file not found", file=str(path), hint="Check the path and the file name")
    if path.is_dir():
        raise InputFileError(
            "this is a folder, not a file", file=str(path), hint="Pass a workbook file, or use load_rounds() for a folder"
        )
    if not os.access(path, os.R_OK):
        raise InputFileError("file cannot be read (permission denied)", file=str(path), hint="Ask the owner for read access or copy the file")
    if path.name.startswith("~$"):  # Excel (and LibreOffice: .~lock) leaves these beside a workbook that is open
        raise InputFileError("this is the lock file a spreadsheet program keeps while a workbook is open, not a workbook",
                             file=str(path), hint=f"Pass the workbook itself (its name ends in {path.name[2:]!r}), "
                                                  "or pass the folder: lock files are skipped there")
    if path.stat().st_size == 0:
        raise InputFileError("file is empty (0 bytes)", file=str(path), hint="Export or save the workbook again")
    return path


def _sniff(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # .xls, or an encrypted (password-protected) .xlsx
    return "text"


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputFileError(
            f"the file is damaged or truncated ({exc})", file=str(path), hint="Open it in Excel or LibreOffice and save it again"
        ) from None
    bomb = next((i for i in infos if i.file_size > RATIO_CHECK_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1)), None)
    if bomb is not None:
        raise InputFileError(
            f"the part {bomb.filename} would unpack from {bomb.compress_size / 1024:,.0f} KiB to {bomb.file_size / 1024**2:,.0f} MiB "
            f"({bomb.file_size // max(bomb.compress_size, 1):,}:1), far more than any real workbook; it was not opened",
            file=str(path), hint="This looks like a zip bomb or a corrupted file; export only the scorecard sheets",
        )
    if total > MAX_UNPACKED_BYTES:
        raise InputFileError(
            f"the workbook would unpack to {total / 1024**3:.1f} GiB, over the limit of {MAX_UNPACKED_BYTES / 1024**3:.0f} GiB",
            file=str(path),
            hint="This looks like a zip bomb or a corrupted file; export only the scorecard sheets",
        )
    if not any(n.startswith("xl/") for n in names) and "content.xml" not in names:
        raise InputFileError(
            "this is a zip archive but not a workbook", file=str(path), allowed=", ".join(WORKBOOK_SUFFIXES), hint="Pass the .xlsx file itself"
        )


def read_grids(path: str | os.PathLike, *, sheets: set[str] | None = None) -> list[SheetGrid]:
    """All sheets of a workbook as grids (only those named in ``sheets`` when given). Raises InputFileError for anything unreadable."""
    path = check_readable(Path(path))
    kind = _sniff(path)
    if kind == "zip":
        _check_zip(path)
    elif kind == "text":
        raise InputFileError(
            "this is not a spreadsheet workbook (it looks like text)",
            file=str(path),
            allowed=", ".join(WORKBOOK_SUFFIXES),
            hint="If it is a CSV export, give it a .csv name or use the CSV importer",
        )
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        what = "the workbook cannot be opened"
        hint = "Open it in Excel or LibreOffice and save it again as .xlsx"
        if isinstance(exc, pc.PasswordError) or (kind == "ole" and path.suffix.lower() in (".xlsx", ".xlsm")):
            what = "the workbook is password-protected (encrypted)"
            hint = ("Open it with the password and save a copy without one (Excel: File > Info > Protect Workbook > Encrypt with "
                    "Password, clear it; LibreOffice: File > Save As, untick 'Save with password')")
        raise InputFileError(f"{what} ({type(exc).__name__}: {exc})", file=str(path), hint=hint) from None
    grids = []
    name = None
    try:
        shown = _shown_cells(path, kind, sheets)
        for meta in wb.sheets_metadata:
            if sheets is not None and meta.name not in sheets:
                continue
            name = meta.name
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            for r, c, text in shown.get(meta.name, ()):
                if r < len(rows) and c < len(rows[r]):
                    rows[r][c] = text
            visible = "Visible" in str(meta.visible) and "Hidden" not in str(meta.visible)
            kind_ = str(getattr(meta, "typ", "WorkSheet")).rsplit(".", 1)[-1].casefold()
            merged = tuple(sheet.merged_cell_ranges or ()) or tuple(shown.get((meta.name, "merged"), ()))
            grids.append(SheetGrid(meta.name, rows, visible, kind_, merged))
    except InputFileError:
        raise
    except Exception as exc:
        raise InputFileError(
            f"a sheet cannot be read ({type(exc).__name__}: {exc})", file=str(path), sheet=name,
            hint="Open it in Excel or LibreOffice and save it again"
        ) from None
    finally:
        wb.close()
    return grids


# -- what calamine does not hand over -------------------------------------------------------------

_ERROR_MARK = b't="e"'
_NAN_VALUE = re.compile(rb"<v>\s*[+-]?nan\s*</v>", re.I)
_NAN_START = re.compile(rb"<v>\s*[+-]?nan", re.I)
_NEGATIVE_MARK = b"<v>-"
# a number cell (or a formula's number) below zero: in a cell formatted as a date or time calamine reads it as a time of day
_NEGATIVE_NUMBER = re.compile(rb"<c\b([^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?<v>(-[0-9.eE+-]+)</v>")
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_V = re.compile(rb"<v>([^<]*)</v>")
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_ODS_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_CALC = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_MARKS = (b'calcext:value-type="error"', b"number-rows-spanned", b"number-columns-spanned", b'value-type="percentage"',
              b"of:=TRUE()", b"of:=FALSE()")
_ODS_TRUTH = {"of:=TRUE()": True, "of:=FALSE()": False}  # LibreOffice saves a TRUE from a workbook as this formula, its value 1
_NUMBER_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)?"
                          rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")  # a cell and its value, the XML's prefix (x:c) or none
PERCENT_SHOWN_MAX = 10.0
"""A number formatted as a percentage is read as the percentage it shows up to this (1000 %): a rating, a share or a
weight. A larger one (a date's serial day in a column formatted as percentages) is left as the number it is."""
_STYLE_ATTR = re.compile(rb'\bs="([0-9]+)"')
_BUILTIN_PERCENT = {9, 10}  # 0% and 0.00%


def percent_shown(value: float) -> str | None:
    """A number in a cell formatted as a percentage as a person reads it: 0.8 -> "80%" (0.825 -> "82.5%", the value kept
    whole, not rounded as the format shows it); None above `PERCENT_SHOWN_MAX` (it stays the number it is)."""
    return f"{round(value * 100, 9):g}%" if abs(value) <= PERCENT_SHOWN_MAX else None


def _percent_xfs(formats: dict[int, str], xf_formats: list[int]) -> set[int]:
    """The cell styles (XF indexes) whose number format shows a percentage: built-in 9 and 10, or a format whose code has a
    % outside quoted text, escapes and [colours]. ``formats``: format id -> code; ``xf_formats``: each XF's format id."""
    percent = {i for i, code in formats.items() if "%" in re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)} | _BUILTIN_PERCENT
    return {i for i, ifmt in enumerate(xf_formats) if ifmt in percent}


def _percent_styles(zf: zipfile.ZipFile) -> set[int]:
    """The cell styles (indexes into ``cellXfs``) of an .xlsx that show a number as a percentage."""
    if "xl/styles.xml" not in zf.namelist():
        return set()
    data = zf.read("xl/styles.xml")
    if b"%" not in data and b'numFmtId="9"' not in data and b'numFmtId="10"' not in data:
        return set()  # most workbooks: no percentage anywhere, nothing to parse
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return set()
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    formats = {int(f.get("numFmtId")): f.get("formatCode", "") for f in root.iter(f"{ns}numFmt") if f.get("numFmtId", "").isdigit()}
    xfs = next(root.iter(f"{ns}cellXfs"), None)
    if xfs is None:
        return set()
    return _percent_xfs(formats, [int(n) if (n := xf.get("numFmtId", "0")).isdigit() else 0 for xf in xfs.findall(f"{ns}xf")])


def _style_pattern(styles: set[int]):
    """A search for an element of one of ``styles`` (None when there are none): a cell, or a row styled so (which only
    sends the sheet to the grid reader, whose own search looks at the cells). A literal search, quick on a large sheet."""
    if not styles:
        return None
    return re.compile(rb' s="(?:' + b"|".join(str(i).encode() for i in sorted(styles)) + rb')"')


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _part_has(zf: zipfile.ZipFile, part: str, marks: tuple[bytes, ...], pattern=None) -> bool:
    """True when the unpacked part contains one of `marks` (or matches `pattern`); streamed, never held whole."""
    tail = b""
    with zf.open(part) as fh:
        while chunk := fh.read(1 << 22):
            block = tail + chunk
            if any(m in block for m in marks) or (pattern is not None and pattern.search(block)):
                return True
            tail = block[-64:]
    return False


def _xlsx_sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the zip (read leniently, as Excel and calamine do)."""
    import html

    names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        return {}
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", zf.read("xl/_rels/workbook.xml.rels")):
            a = dict(_ATTR.findall(tag))
            t = a.get(b"Target", b"").decode("utf-8", "replace")
            targets[a.get(b"Id", b"").decode()] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    out = {}
    for tag in _SHEET_TAG.findall(zf.read("xl/workbook.xml")):
        a = dict(_ATTR.findall(tag))
        rid = next((v for k, v in a.items() if k.endswith(b":id")), b"").decode()
        part = targets.get(rid)
        if part in names:
            out[html.unescape(a.get(b"name", b"").decode("utf-8", "replace"))] = part
    return out


def _xlsx_shown(zf: zipfile.ZipFile, sheets: set[str] | None = None) -> dict:
    """Cells showing a formula error (t="e") or NaN, per sheet: (row, col, text shown), 0-based; and negative numbers
    as (row, col, the number as written): in a cell formatted as a date calamine reads -5 as the time 00:00:00."""
    out: dict = {}
    percent = _percent_styles(zf)
    percent_cell = _style_pattern(percent)
    for sheet, part in _xlsx_sheet_parts(zf).items():
        if sheets is not None and sheet not in sheets:
            continue
        if not _part_has(zf, part, (_ERROR_MARK, _NEGATIVE_MARK), _NAN_START) and not (percent_cell and _part_has(zf, part, (), percent_cell)):
            continue
        data = zf.read(part)
        found = []
        if percent_cell is not None and percent_cell.search(data):  # a number shown as 80 % is read as the text 80%
            for m in _NUMBER_CELL.finditer(data):
                style, kind, ref = _STYLE_ATTR.search(m.group(1)), _TYPE_ATTR.search(m.group(1)), _REF.search(m.group(1))
                if style and int(style.group(1)) in percent and ref and (kind is None or kind.group(1) == b"n"):
                    try:
                        text = percent_shown(float(m.group(2)))
                    except ValueError:
                        continue
                    if text is not None:
                        found.append((int(ref.group(2)) - 1, _column_index(ref.group(1)), text))
        pos = data.find(_ERROR_MARK)
        while pos >= 0:
            start = data.rfind(b"<c", 0, pos)
            close = data.find(b">", start)
            end = data.find(b"</c>", pos)
            if start >= 0 and pos < close and end > 0:
                ref, value = _REF.search(data, start, close), _V.search(data, close, end)
                if ref:
                    shown = value.group(1).decode("utf-8", "replace").strip() if value else ""
                    found.append((int(ref.group(2)) - 1, _column_index(ref.group(1)), shown or "#ERROR"))
            pos = data.find(_ERROR_MARK, pos + 1)
        for m in _NAN_VALUE.finditer(data):
            start = data.rfind(b"<c", 0, m.start())
            ref = _REF.search(data, start, m.start()) if start >= 0 else None
            if ref:
                found.append((int(ref.group(2)) - 1, _column_index(ref.group(1)), "NaN"))
        if _NEGATIVE_MARK in data:
            for m in _NEGATIVE_NUMBER.finditer(data):
                kind, ref = _TYPE_ATTR.search(m.group(1)), _REF.search(m.group(1))
                if ref and (kind is None or kind.group(1) == b"n"):
                    try:
                        found.append((int(ref.group(2)) - 1, _column_index(ref.group(1)), float(m.group(2))))
                    except ValueError:
                        pass
        if found:
            out[sheet] = found
    return out


def _ods_shown(zf: zipfile.ZipFile) -> tuple[dict, dict]:
    """(.ods cells showing a formula error, .ods merged ranges), per sheet; both 0-based."""
    cells: dict = {}
    merged: dict = {}
    if "content.xml" not in zf.namelist() or not _part_has(zf, "content.xml", _ODS_MARKS):
        return cells, merged
    t = _ODS_T
    cell_tags = (t + "table-cell", t + "covered-table-cell")
    sheet, row, col, depth = None, 0, 0, 0
    with zf.open("content.xml") as fh:
        for event, el in ET.iterparse(fh, events=("start", "end")):
            if el.tag == t + "table":
                if event == "start":
                    depth += 1
                    if depth == 1:
                        sheet, row = el.get(t + "name"), 0
                else:
                    depth -= 1
                continue
            if depth != 1:
                continue
            if el.tag == t + "table-row":
                if event == "start":
                    col = 0
                else:
                    row += int(el.get(t + "number-rows-repeated", "1"))
                    el.clear()
            elif el.tag in cell_tags and event == "end":
                repeat = int(el.get(t + "number-columns-repeated", "1"))
                kind = el.get(_ODS_OFFICE + "value-type")
                shown = None
                if el.get(_ODS_CALC + "value-type") == "error":
                    shown = "".join(el.itertext()).strip() or "#ERROR"
                elif kind == "percentage":  # calamine gives the number 0.8 of a cell showing 80 %
                    try:
                        shown = percent_shown(float(el.get(_ODS_OFFICE + "value", "")))
                    except ValueError:
                        shown = None
                elif el.get(t + "formula") in _ODS_TRUTH:  # calamine gives its value, 1.0; the .xlsx cell it came from is read as True
                    shown = _ODS_TRUTH[el.get(t + "formula")]
                if shown is not None:
                    cells.setdefault(sheet, []).extend((row, col + k, shown) for k in range(min(repeat, 1024)))
                rows_spanned = int(el.get(t + "number-rows-spanned", "1"))
                cols_spanned = int(el.get(t + "number-columns-spanned", "1"))
                if rows_spanned > 1 or cols_spanned > 1:
                    merged.setdefault(sheet, []).append(((row, col), (row + rows_spanned - 1, col + cols_spanned - 1)))
                col += repeat
                el.clear()
    return cells, merged


_XLS_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A",
               0x2B: "#GETTING_DATA"}


def _cfb_stream(data: bytes, wanted: tuple[str, ...]) -> bytes | None:
    """One stream of an OLE compound file (the container of .xls), by name; None when absent."""
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
    first_dir, cutoff, first_minifat, n_minifat, first_difat, n_difat = struct.unpack_from("<I4xIIIII", data, 0x30)

    def at(sid):
        return 512 + sid * sector if sector == 512 else sector * (sid + 1)

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    sid = first_difat
    for _ in range(n_difat):
        off = at(sid)
        entries = struct.unpack_from(f"<{sector // 4}I", data, off)
        difat += entries[:-1]
        sid = entries[-1]
    fat = []
    for s in difat:
        if s >= 0xFFFFFFFA:
            continue
        fat += struct.unpack_from(f"<{sector // 4}I", data, at(s))

    def chain(start, table, limit):
        out, s = [], start
        while s < 0xFFFFFFFA and len(out) <= limit:
            out.append(s)
            s = table[s]
        return out

    def read(start, size):
        return b"".join(data[at(s):at(s) + sector] for s in chain(start, fat, len(fat)))[:size]

    directory = read(first_dir, len(fat) * sector)
    entries = {}
    root = None
    for i in range(0, len(directory) - 127, 128):
        e = directory[i:i + 128]
        n = struct.unpack_from("<H", e, 0x40)[0]
        name = e[:max(n - 2, 0)].decode("utf-16-le", "replace")
        kind = e[0x42]
        start, size = struct.unpack_from("<II", e, 0x74)
        if kind == 5:
            root = (start, size)
        elif kind == 2:
            entries[name] = (start, size)
    for name in wanted:
        if name not in entries:
            continue
        start, size = entries[name]
        if size >= cutoff:
            return read(start, size)
        ministream = read(*root)
        table = read(first_minifat, n_minifat * sector)
        minifat = list(struct.unpack_from(f"<{len(table) // 4}I", table))
        return b"".join(ministream[s * mini:(s + 1) * mini] for s in chain(start, minifat, len(minifat)))[:size]
    return None


def _xls_rk(rk: int) -> float:
    """An RK number of a BIFF8 record: a 30-bit integer or the top of a double, maybe divided by 100."""
    value = float(rk >> 2 if not rk & 0x80000000 else (rk >> 2) - (1 << 30)) if rk & 2 else struct.unpack("<d", struct.pack("<Q", (rk & 0xFFFFFFFC) << 32))[0]
    return value / 100 if rk & 1 else value


def _xls_shown(data: bytes) -> dict:
    """Cells of an .xls (BIFF8) that show a formula error, per sheet: (row, col, text), 0-based; and numbers in a cell
    formatted as a percentage, as the text shown (0.8 -> "80%"), as `_xlsx_shown` gives them."""
    book = _cfb_stream(data, ("Workbook", "Book"))
    if not book:
        return {}
    sheets = []  # (name, offset of its BOF)
    formats: dict[int, str] = {}
    xfs: list[int] = []  # the number format of each XF, in order
    pos = 0
    while pos + 4 <= len(book):
        kind, length = struct.unpack_from("<HH", book, pos)
        body = book[pos + 4:pos + 4 + length]
        if kind == 0x0085 and len(body) >= 8:
            offset, cch, high = struct.unpack_from("<I2xBB", body, 0)
            raw = body[8:8 + (cch * 2 if high & 1 else cch)]
            sheets.append((raw.decode("utf-16-le" if high & 1 else "latin-1", "replace"), offset))
        elif kind == 0x041E and len(body) >= 5:  # FORMAT: its index and its code
            ifmt, cch, high = struct.unpack_from("<HHB", body, 0)
            raw = body[5:5 + (cch * 2 if high & 1 else cch)]
            formats[ifmt] = raw.decode("utf-16-le" if high & 1 else "latin-1", "replace")
        elif kind == 0x00E0 and len(body) >= 4:  # XF: a cell style, numbered in order
            xfs.append(struct.unpack_from("<H", body, 2)[0])
        elif kind == 0x000A:  # EOF of the workbook globals
            break
        pos += 4 + length
    percent = _percent_xfs(formats, xfs)

    out: dict = {}
    for name, pos in sheets:
        found = []
        while pos + 4 <= len(book):
            kind, length = struct.unpack_from("<HH", book, pos)
            body = book[pos + 4:pos + 4 + length]
            if kind == 0x0006 and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
                row, col = struct.unpack_from("<HH", body, 0)
                found.append((row, col, _XLS_ERRORS.get(body[8], "#ERROR")))
            elif kind == 0x0205 and len(body) >= 8 and body[7] == 1:
                row, col = struct.unpack_from("<HH", body, 0)
                found.append((row, col, _XLS_ERRORS.get(body[6], "#ERROR")))
            elif percent and len(body) >= 14 and (kind == 0x0203 or (kind == 0x0006 and body[12:14] != b"\xff\xff")):
                row, col, xf, value = struct.unpack_from("<HHHd", body, 0)  # NUMBER, or a formula's number
                if xf in percent and (text := percent_shown(value)) is not None:
                    found.append((row, col, text))
            elif percent and kind == 0x027E and len(body) >= 10:  # RK
                row, col, xf, rk = struct.unpack_from("<HHHI", body, 0)
                if xf in percent and (text := percent_shown(_xls_rk(rk))) is not None:
                    found.append((row, col, text))
            elif percent and kind == 0x00BD and len(body) >= 12:  # MULRK: several RK cells of one row
                row, first = struct.unpack_from("<HH", body, 0)
                for k in range((len(body) - 6) // 6):
                    xf, rk = struct.unpack_from("<HI", body, 4 + 6 * k)
                    if xf in percent and (text := percent_shown(_xls_rk(rk))) is not None:
                        found.append((row, first + k, text))
            elif kind == 0x000A:
                break
            pos += 4 + length
        if found:
            out[name] = found
    return out


def _shown_cells(path: Path, kind: str, sheets: set[str] | None = None) -> dict:
    """Per sheet name, cells calamine reads as empty or NaN but a person sees text in: ``[(row, col, text)]``
    (a failed formula shows its error, e.g. ``#DIV/0!``; a NaN number shows ``NaN``), or reads as something other than
    what was written (an .xlsx number below zero in a date-formatted cell is no time of day: the number itself, -5.0),
    and under the key ``(sheet, "merged")`` the merged ranges of an .ods sheet (calamine gives them for .xlsx and .xls only)."""
    if kind == "ole":  # .xls: the records are read directly; a file calamine opened but this cannot parse keeps its grid as read
        try:
            return _xls_shown(path.read_bytes())
        except (struct.error, IndexError, ValueError, KeyError, TypeError, OSError):
            return {}
    if kind != "zip":
        return {}
    try:
        with zipfile.ZipFile(path) as zf:
            if "content.xml" in zf.namelist():
                cells, merged = _ods_shown(zf)
                return {**cells, **{(k, "merged"): v for k, v in merged.items()}}
            return _xlsx_shown(zf, sheets)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, ET.ParseError, zlib.error) as exc:
        raise InputFileError(f"the file is damaged ({type(exc).__name__}: {exc})", file=str(path),
                             hint="Open it in Excel or LibreOffice and save it again") from None


def file_kind(path: str | os.PathLike) -> str:
    """What the bytes say the file is: "zip" (xlsx/xlsm/ods), "ole" (xls) or "text" (CSV and the like)."""
    return _sniff(check_readable(Path(path)))


_CELL_WITH_FORMULA = re.compile(
    rb'<c\b([^>]*?)\br="([A-Z]{1,3}[0-9]+)"([^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>([^<]*)</f>)(?:<v\s*/>|<v>([^<]*)</v>)?'
)


def formulas_without_values(path: str | os.PathLike) -> dict[str, dict[str, str]]:
    """Cells (per sheet name) that hold a formula but no saved result, in an .xlsx/.xlsm, each with its formula as
    written ("=B2*2"; "" for a cell that shares the formula of another and so holds none of its own).

    Such cells read as empty. Files written by scripts (e.g. openpyxl) often
    have them until the file is opened and saved in Excel or LibreOffice.
    The sheet XML is scanned only when it contains a formula at all; .xls
    and .ods files always store results and are not scanned.
    """
    path = Path(path)
    if _sniff(path) != "zip":
        return {}
    out: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(path) as zf:
        for name, part in _xlsx_sheet_parts(zf).items():  # lenient: a malformed workbook.xml that calamine read is no crash here
            data = zf.read(part)
            if b"<f" not in data:
                continue
            missing = _formula_cells_without_values(data)
            if missing:
                out[name] = missing
    return out


def _formula_cells_without_values(data: bytes) -> dict[str, str]:
    """Cell -> formula ("=..." unescaped; "" when the cell holds none of its own) of the formula cells without a result."""
    return {m.group(2).decode(): "=" + html.unescape(m.group(4).decode("utf-8", "replace")) if m.group(4) else ""
            for m in _CELL_WITH_FORMULA.finditer(data)
            if not m.group(5) and b't="str"' not in m.group(1) + m.group(3) and b't="e"' not in m.group(1) + m.group(3)}


def pivot_sheets(path: str | os.PathLike) -> set[str]:
    """Names of sheets that hold a pivot table (.xlsx: a pivotTable part; .ods: a DataPilot table)."""
    path = Path(path)
    if _sniff(path) != "zip":
        return set()
    out: set[str] = set()
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" in names:
            if not any(n.startswith("xl/pivotTables/") for n in names):
                return set()
            for name, part in _xlsx_sheet_parts(zf).items():
                rel = part.rsplit("/", 1)[0] + "/_rels/" + part.rsplit("/", 1)[-1] + ".rels"
                if rel in names and b"pivotTable" in zf.read(rel):
                    out.add(name)
        elif "content.xml" in names:
            content = zf.read("content.xml")
            for m in re.finditer(rb'<table:data-pilot-table[^>]*table:target-range-address="([^"]+)"', content):
                addr = m.group(1).decode().lstrip("$").split(".", 1)[0].strip("'$")
                out.add(addr)
    return out


# -- column-wise reading of big, plain tables (fastexcel, Arrow) -----------------------------------
#
# `read_grids` hands every cell to Python: a million score rows cost seconds before any check runs.
# A table sheet whose every column holds one kind of value (numbers, text, dates or yes/no), with its
# headings in row 1 from column A, is read by fastexcel (calamine writing Arrow) into typed columns
# instead: the same values at the same places, a hundred times fewer Python objects. Anything else
# (mixed columns, failed formulas, NaN, merged cells, times of day, a header elsewhere) is read as a grid.


@dataclass(frozen=True)
class SheetColumns:
    """A table sheet read column-wise: the headings of row 1 (column A on) and one typed column per heading.

    ``columns[i]`` holds the cells under ``headers[i]`` from Excel row 2 down, each of one kind:
    numbers (float64, NaN blank), text (category: each distinct text once; NaN blank), yes/no
    (boolean, <NA> blank) or dates (datetime64[ms], NaT blank). Each value is exactly what `read_grids` reads in that
    cell (a date at midnight is a date, otherwise a date-time).
    """

    name: str
    headers: list[str]
    columns: list
    visible: bool = True
    kind: str = "worksheet"

    @property
    def n_rows(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def python_rows(self, start: int, stop: int) -> list[list]:
        """Data rows ``start:stop`` (0 = Excel row 2) as `read_grids` gives them: Python values, '' for blank."""
        cols = [python_values(c.iloc[start:stop]) for c in self.columns]
        return [list(r) for r in zip(*cols)]

    def grid(self, n_rows: int = 45) -> SheetGrid:
        """The header and the first ``n_rows`` data rows as a grid (for layout detection, which looks at the top only)."""
        return SheetGrid(self.name, [list(self.headers), *self.python_rows(0, n_rows)], self.visible, self.kind)

    def block(self) -> "pd.DataFrame":
        """Every data row as the grid of `read_grids` holds it below the header: index the Excel row, columns the
        column positions. Each column is a category whose values are the cells as the grid holds them ('' for blank),
        so ``astype(object)`` gives the grid's column, and work done per distinct value stays cheap."""
        import numpy as np
        import pandas as pd

        cells = {}
        for i, s in enumerate(self.columns):
            positions, values = distinct_cells(s)
            table = np.empty(len(values), dtype=object)
            table[:] = values
            if len(set(values)) == len(values):  # a category holds each value once, as a hash table sees them
                cells[i] = pd.Categorical.from_codes(positions, categories=pd.Index(table, dtype=object))
            else:  # a text cell '' besides blank ones: two equal values, which a category cannot hold
                cells[i] = pd.array(table[positions], dtype=object)
        return pd.DataFrame(cells, index=pd.RangeIndex(2, self.n_rows + 2), columns=range(len(self.columns)))


def codes_of(s) -> tuple:
    """(code of each cell, the column's distinct values as objects), code -1 for a missing cell: a category column's own
    codes and categories (a sheet read column-wise: each distinct value once), Arrow text factorized in Arrow, anything
    else factorized as cells (`factorize_cells`: a TRUE cell is not the number 1)."""
    import pandas as pd

    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.codes.to_numpy(), s.cat.categories.to_numpy(dtype=object).tolist()
    if s.dtype == "str":
        codes, uniques = pd.factorize(s)
        return codes, uniques.tolist()
    return factorize_cells(s.astype(object).to_numpy(dtype=object))


class _Flag:
    """A TRUE or FALSE cell as a hash-table key that no number equals (to Python, True == 1 and hash(True) == hash(1))."""

    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value


_FLAGS = {True: _Flag(True), False: _Flag(False)}


def factorize_cells(cells) -> tuple:
    """(code of each cell, the distinct values in order of first appearance), -1 for None/NaN: `pandas.factorize` of cells
    as objects, except that a TRUE or FALSE cell is a value of its own. To a hash table True, 1 and 1.0 are one value, so a
    single TRUE typed into a score column would otherwise turn every score of 1 into True (or the TRUE into a 1)."""
    import numpy as np
    import pandas as pd

    flags, numbers = (bool, np.bool_), (int, float, np.int64, np.float64)
    codes, uniques = pd.factorize(cells)
    if not any(type(u) in flags or (type(u) in numbers and u in (0, 1)) for u in uniques):
        return codes, list(uniques)  # no TRUE/FALSE, or no 0 or 1 for one to be mistaken for
    is_flag = np.frompyfunc(lambda v: type(v) in flags, 1, 1)(cells).astype(bool)
    if not is_flag.any():
        return codes, list(uniques)
    keyed = np.array(cells, dtype=object, copy=True)
    keyed[is_flag] = [_FLAGS[bool(v)] for v in keyed[is_flag]]
    codes, uniques = pd.factorize(keyed)
    return codes, [u.value if type(u) is _Flag else u for u in uniques]


def small_codes(codes, n: int):
    """``codes`` of ``n`` distinct values (-1: none) in the smallest integer type that holds them: a million cells' codes
    as a megabyte, not eight (a fresh page costs more than the work on a virtual machine)."""
    import numpy as np

    return codes.astype(np.int8 if n < 127 else np.int16 if n < 32_767 else np.int32)


def category_at(values, codes):
    """The category column whose cell i holds ``values[codes[i]]`` (-1: the last value, as numpy counts): equal values
    are one category, a missing one (None, NaN) is missing, and the codes are `small_codes`."""
    import pandas as pd

    own, categories = pd.factorize(values)
    return pd.Categorical.from_codes(small_codes(own, len(categories))[codes], categories=pd.Index(categories, dtype=object))


def distinct_cells(s) -> tuple:
    """(position of each cell's value in ``values``, ``values``): the distinct values of a typed column as `read_grids`
    reads such cells (float, str, bool, date, datetime; see `python_values`), the last one '' for blank cells."""
    import numpy as np
    import pandas as pd

    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy()
        values = python_values(pd.Series(s.cat.categories))
    else:
        codes, uniques = pd.factorize(s)
        values = python_values(pd.Series(uniques, dtype=s.dtype))
    values.append("")
    return np.where(codes < 0, len(values) - 1, codes), values


def python_values(s) -> list:
    """A typed column's values as `read_grids` reads them: float, str, bool, datetime.date (midnight) or datetime; '' when blank."""
    import pandas as pd

    if s.dtype.kind == "M":
        out = []
        for v in s.to_numpy(dtype="datetime64[us]").astype(object).tolist():  # datetime.datetime, None for NaT
            if v is None:
                out.append("")
            else:
                out.append(v.date() if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0) else v)
        return out
    if s.dtype == object and pd.api.types.infer_dtype(s.to_numpy(), skipna=False) == "string":  # text only, no None or NaN
        return s.tolist()
    values = s.astype(object).tolist()
    return ["" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v for v in values]


_FIRST_ROW = re.compile(rb"<sheetData>\s*<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)  # an empty row may be written <row .../>
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HAS_VALUE = re.compile(rb"<v>[^<]|<is>|<t>[^<]|<t [^>]*>[^<]")


def _has_formula(block: bytes) -> bool:
    """True when ``block`` holds a cell formula (<f>, <f t="shared" .../>, <f/>), not just a drop-down's <formula1>.

    It looks for the letter f first: sheet XML holds few of them outside formulas (cells are <c r="B2" t="s"><v>3</v>),
    and one byte is found many times faster than "<f", whose "<" is everywhere. Text written into the sheet itself
    (inline strings) can hold many; after a few thousand it looks for "<f" instead.
    """
    pos, seen = block.find(b"f"), 0
    while pos >= 0:
        if block[pos - 1: pos] == b"<" and block[pos + 1: pos + 2] in (b">", b" ", b"/", b""):
            return True
        seen += 1
        if seen > 4096:
            return _has_formula_tag(block, pos)
        pos = block.find(b"f", pos + 1)
    return False


def _has_formula_tag(block: bytes, start: int = 0) -> bool:
    """`_has_formula` from ``start`` on, looking for "<f" itself."""
    pos = block.find(b"<f", max(start - 1, 0))
    while pos >= 0:
        if block[pos + 2: pos + 3] in (b">", b" ", b"/", b""):
            return True
        pos = block.find(b"<f", pos + 2)
    return False


def scan_xlsx_sheets(path: str | os.PathLike) -> dict[str, dict]:
    """What each sheet's XML holds that a column-wise read does not see, in one streamed pass per sheet.

    Per sheet name: ``row1`` (True when the sheet's first row is Excel row 1
    and holds a value), ``plain`` (the XML uses no namespace prefixes, so the
    searches below can be trusted), ``merged`` (it has merged cells) and
    ``formula_cells`` (cells with a formula but no saved result, as
    `formulas_without_values` finds them), ``percent`` (a cell is formatted as
    a percentage: its number is read as the text a person sees, by the grid
    reader). Sheets in workbook order. Failed formulas and NaN are seen by
    `read_sheet_columns` itself.
    """
    out: dict[str, dict] = {}
    with zipfile.ZipFile(path) as zf:
        percent_cell = _style_pattern(_percent_styles(zf))
        for name, part in _xlsx_sheet_parts(zf).items():
            row1 = plain = formula = percent = False
            first, tail, last = True, b"", [b"", b""]
            with zf.open(part) as fh:
                while chunk := fh.read(1 << 22):
                    last = [last[1], chunk]
                    block = tail + chunk
                    if first:
                        first = False
                        plain = b"<sheetData" in block
                        m = _FIRST_ROW.search(block)
                        if m:
                            r = _ROW_NUMBER.search(m.group(1))
                            row1 = bool(r and r.group(1) == b"1" and m.group(2) and _HAS_VALUE.search(m.group(2)))
                    formula = formula or _has_formula(block)
                    percent = percent or bool(percent_cell and percent_cell.search(block))
                    tail = block[-64:]
            # merged ranges follow the cells (<mergeCells> after </sheetData>): look at the end only
            end = last[0] + last[1]
            after = end.rfind(b"</sheetData>")
            merged = after < 0 or b"<mergeCell " in end[after:]
            cells = _formula_cells_without_values(zf.read(part)) if formula else {}
            out[name] = {"row1": row1, "plain": plain, "merged": merged, "formula_cells": cells, "percent": percent}
    return out


def plain_sheet(info: dict | None) -> bool:
    """True when `scan_xlsx_sheets` found nothing in a sheet that a column-wise read would take otherwise than a person
    reads it: its first row is row 1, its XML is plain, no merged cells, no number shown as a percentage."""
    return info is not None and info["row1"] and info["plain"] and not info["merged"] and not info["percent"]


def read_sheet_columns(path: str | os.PathLike, name: str, *, visible: bool = True, kind: str = "worksheet") -> SheetColumns | None:
    """Sheet `name` read column-wise with fastexcel, or None when it is not a plain table (see `SheetColumns`).

    The caller checks the sheet's XML first (`scan_xlsx_sheets`: row 1 holds the
    headings, no merged cells); this checks the rest: every column of one kind
    of value, no cell showing a failed formula or NaN, every heading a written
    text, column A first, no times of day.
    """
    import logging

    import fastexcel
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    logging.getLogger("fastexcel").setLevel(logging.ERROR)  # its notes on column kinds are not for the user
    try:
        sheet = fastexcel.read_excel(str(path)).load_sheet(name, header_row=0, schema_sample_rows=None, dtype_coercion="strict")
        info = sheet.selected_columns  # all columns (none were chosen); available_columns() would look at every row again
        batch, errors = sheet.to_arrow_with_errors()
    except Exception:  # mixed kinds of values in a column (and anything else fastexcel refuses): read the grid instead
        return None
    if errors is not None and errors.errors:  # a cell showing a failed formula (#DIV/0!): the grid shows it as written
        return None
    if not info or [c.absolute_index for c in info] != list(range(len(info))):
        return None
    headers = [c.name for c in info]
    if any(str(c.column_name_from) != "looked_up" for c in info) or not _plain_headings(headers):
        return None
    columns = []
    for arr in batch.columns:
        t = arr.type
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            encoded = pa.chunked_array(arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]).combine_chunks().dictionary_encode()
            codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
            texts = pd.Index(encoded.dictionary.to_numpy(zero_copy_only=False), dtype=object)
            col = pd.Series(pd.Categorical.from_codes(codes, categories=texts))  # category: each distinct text once
        elif pa.types.is_null(t):
            col = pd.Series(pd.Categorical([None] * len(arr), categories=pd.Index([], dtype=object)))
        elif pa.types.is_floating(t) or pa.types.is_integer(t):
            col = pd.Series(arr.to_numpy(zero_copy_only=False), dtype="float64")
            if pa.types.is_floating(t) and pc.any(pc.is_nan(arr)).as_py():  # a NaN cell: the grid shows "NaN"
                return None
        elif pa.types.is_boolean(t):
            col = pd.Series(pd.array(arr.to_pylist(), dtype="boolean"))
        elif pa.types.is_timestamp(t) or pa.types.is_date(t):
            col = pd.Series(arr.cast(pa.timestamp("ms")).to_numpy(zero_copy_only=False))
            if (col.dropna() < pd.Timestamp("1900-01-01")).any():  # calamine reads such cells as times of day
                return None
        else:  # durations and anything new
            return None
        columns.append(col.reset_index(drop=True))
    return SheetColumns(name, headers, columns, visible, kind)


def _plain_headings(headers: list[str]) -> bool:
    """True when each heading is certainly a written text (not a number, date or yes/no fastexcel turned into a name)."""
    seen = set()
    for h in headers:
        key = h.casefold()
        if not re.search(r"[^\W\d_]", h) or key in ("true", "false") or key.startswith("__unnamed__"):
            return False
        base = re.sub(r"_\d+$", "", h)  # fastexcel renames a repeated heading "x" to "x_1"
        if base != h and base in headers:
            return False
        seen.add(key)
    return True


_ROW_ELEMENT = re.compile(rb"<row\b[^>]*?(?:/>|>(.*?)</row>)", re.S)  # an empty row may be written <row .../>
_CELL_ELEMENT = re.compile(rb'<c\b([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_TYPE_ATTR = re.compile(rb'\bt="([^"]*)"')
_TEXT_ELEMENT = re.compile(rb"<t\b[^>]*>(.*?)</t>", re.S)
_SI_END = b"</si>"
_EMPTY_SHEET = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")


def first_row_texts(path: str | os.PathLike, sheet: str) -> list[str] | None:
    """The texts of an .xlsx sheet's first row (its headings), read from the start of its XML without parsing the sheet
    ([] for a sheet without cells).

    None when that cannot be told cheaply (a prefixed XML, a first row past the
    first 256 KB, a heading the shared-string table holds past its first 1 MB).
    """
    import html

    try:
        with zipfile.ZipFile(path) as zf:
            part = _xlsx_sheet_parts(zf).get(sheet)
            if part is None:
                return None
            with zf.open(part) as fh:
                head = fh.read(1 << 18)
            if _EMPTY_SHEET.search(head):
                return []  # no cells at all
            m = _ROW_ELEMENT.search(head)
            if m is None or b"<sheetData" not in head:
                return None
            cells, wanted = [], []
            for attrs, body in _CELL_ELEMENT.findall(m.group(1) or b""):
                kind = (_TYPE_ATTR.search(attrs) or [None, b"n"])[1]
                body = body or b""
                value = re.search(rb"<v>(.*?)</v>", body, re.S)
                if kind == b"s" and value:
                    cells.append(("shared", int(value.group(1))))
                    wanted.append(int(value.group(1)))
                elif kind == b"inlineStr":
                    cells.append(("text", b"".join(_TEXT_ELEMENT.findall(body))))
                elif value:
                    cells.append(("text", value.group(1)))
            shared: dict[int, bytes] = {}
            if wanted:
                if "xl/sharedStrings.xml" not in zf.namelist():
                    return None
                with zf.open("xl/sharedStrings.xml") as fh:
                    table = fh.read(1 << 20)
                items = table.split(_SI_END)
                if max(wanted) >= len(items) - 1:
                    return None
                shared = {i: b"".join(_TEXT_ELEMENT.findall(items[i])) for i in set(wanted)}
            return [html.unescape((shared[v] if k == "shared" else v).decode("utf-8", "replace")) for k, v in cells]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
        return None
