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


def read_csv_grid(path: str | Path) -> tuple[SheetGrid, dict]:
    """The file as one grid (sheet name = file name without extension) and how it was read.

    ``info``: encoding, separator (name), line_endings ("CRLF" or "LF"), rows.
    """
    path = check_readable(Path(path))
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError("this file is binary, not a spreadsheet or CSV", file=str(path),
                             hint="Export the scorecards as .xlsx or .csv")
    text, encoding = decode(data)
    sep = sniff_separator(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    info = {
        "encoding": encoding,
        "separator": SEPARATOR_NAMES[sep],
        "line_endings": "CRLF" if b"\r\n" in data[:65536] else "LF",
        "rows": len(rows),
    }
    return SheetGrid(path.stem, rows, True), info
