"""CSV and other delimited text as a sheet grid: BOM, CRLF, ``,`` ``;`` tab ``|`` separators.

The encoding is read from a byte-order mark (UTF-8, UTF-16), else UTF-8, else
Windows-1252 (what Excel on Windows writes for "CSV"). The separator is the
one of ``,`` ``;`` tab ``|`` that splits the first lines into the most equal,
widest rows. Every cell is text; readers downstream decide what it means.
A file is read as CSV because of its *content*, whatever its extension (an
.xls that is really CSV text is read here, and that is reported).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import InputFileError
from .excel import SheetGrid, check_readable

TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")
SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a text file's bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def sniff_separator(text: str) -> str:
    """The separator that splits the first 30 lines into the widest consistent rows."""
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for sep in SEPARATORS:
        widths = [len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=sep)]
        if not widths or max(widths) < 2:
            continue
        common = max(set(widths), key=widths.count)
        score = widths.count(common) * 10 + common
        if common >= 2 and score > best_score:
            best, best_score = sep, score
    return best


def _refuse_markup(path: Path, text: str) -> None:
    """A web page or an Excel 2003 XML file saved under a spreadsheet name is not CSV: say what it is."""
    head = text[:2048].lstrip("\ufeff \t\r\n").casefold()
    if not head.startswith("<"):
        return
    if "urn:schemas-microsoft-com:office:spreadsheet" in text[:8192]:
        raise InputFileError("this is an Excel 2003 XML spreadsheet (SpreadsheetML), a format this reader does not open", file=str(path),
                             allowed=".xlsx, .xlsm, .xls, .ods, .csv", hint="Open it in Excel or LibreOffice and save it as .xlsx")
    if head.startswith(("<!doctype html", "<html", "<table", "<head", "<body", "<meta")) or "<html" in head or "<table" in head:
        raise InputFileError("this is a web page (HTML), not a spreadsheet, even if its name says so", file=str(path),
                             allowed=".xlsx, .xlsm, .xls, .ods, .csv",
                             hint="Open it in Excel or LibreOffice and save it as .xlsx, or export the scorecards again as .xlsx or .csv")
    raise InputFileError("this is an XML or markup file, not a spreadsheet or CSV", file=str(path), allowed=".xlsx, .xlsm, .xls, .ods, .csv",
                         hint="Export the scorecards as .xlsx or .csv")


def _split(path: Path, text: str, sep: str) -> list[list[str]]:
    """The text as rows of cells. A quotation mark that is never closed (which would silently glue
    every following line into one cell) stops the reading with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    rows = []
    while True:
        start = reader.line_num + 1
        try:
            rows.append(next(reader))
        except StopIteration:
            return rows
        except csv.Error as exc:
            unclosed = "end of data" in str(exc) or "EOF" in str(exc)
            what = (f"line {start}: a quotation mark opens a cell that is never closed, so every line after it would run into that one cell"
                    if unclosed else f"line {start}: a quotation mark stands in the middle of a cell ({exc})")
            raise InputFileError(what, file=str(path), cell=None, hint=f"Check the quotation marks on line {start} (a cell that starts with "
                                 f'" must end with "; a " inside a cell is written ""), or export the file again from the spreadsheet') from None


def ragged_rows(rows: list[list[str]]) -> dict:
    """Rows that do not fit the table's width: ``{"width": n, "longer": [row numbers], "shorter": [row numbers]}``
    (1-based, as the grid rows). Longer rows have more cells than the table, filled or not; shorter rows (after
    the first full-width row, with two or more filled cells) were cut off. Empty when every row fits."""
    widths = [len(r) for r in rows if any(c.strip() for c in r)]
    if not widths:
        return {}
    width = max(set(widths), key=widths.count)
    longer, shorter, started = [], [], False
    for i, r in enumerate(rows, 1):
        if len(r) == width:
            started = True
        elif len(r) > width and any(c.strip() for c in r):  # an empty cell too: "3,5," unquoted moves "5" one column on
            longer.append(i)
        elif started and len(r) < width and sum(1 for c in r if c.strip()) >= 2:
            shorter.append(i)
    return {"width": width, "longer": longer, "shorter": shorter} if longer or shorter else {}


def read_csv_grid(path: str | Path) -> tuple[SheetGrid, dict]:
    """The file as one grid (sheet name = file name without extension) and how it was read.

    ``info``: encoding, separator (name), line_endings ("CRLF" or "LF"), rows, and ragged_rows when some
    rows are longer or shorter than the table (see `ragged_rows`).
    """
    path = check_readable(Path(path))
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError("this file is binary, not a spreadsheet or CSV", file=str(path),
                             hint="Export the scorecards as .xlsx or .csv")
    text, encoding = decode(data)
    _refuse_markup(path, text)
    if not text.strip(" \t\r\n\ufeff\u00a0,;|"):
        raise InputFileError("the file holds no data (only blank lines, spaces or separators)", file=str(path),
                             hint="Export the scorecards again, with the header row and one row per score")
    sep = sniff_separator(text)
    rows = _split(path, text, sep)
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    info = {
        "encoding": encoding,
        "separator": SEPARATOR_NAMES[sep],
        "line_endings": "CRLF" if b"\r\n" in data[:65536] else "LF",
        "rows": len(rows),
    }
    ragged = ragged_rows(rows)
    if ragged:
        info["ragged_rows"] = ragged
    width = max((len(r) for r in rows), default=0)
    rows = [r if len(r) == width else r + [""] * (width - len(r)) for r in rows]  # a grid is rectangular, as a sheet is
    return SheetGrid(path.stem, rows, True), info
