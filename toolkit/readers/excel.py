"""Open a workbook file and hand back its sheets as grids of cell values.

Reads .xlsx, .xlsm, .xls and .ods with calamine (Rust; fast, reads cached
formula values). A grid is a list of rows, each a list of Python values
('' for an empty cell), positioned from cell A1 so that grid[r][c] is Excel
row r+1, column c+1. Knows nothing about scorecards.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputFileError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# A workbook whose XML would unpack beyond this is refused (zip bombs).
MAX_UNPACKED_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class SheetGrid:
    name: str
    rows: list[list]
    visible: bool = True


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
            total = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile as exc:
        raise InputFileError(
            f"the file is damaged or truncated ({exc})", file=str(path), hint="Open it in Excel or LibreOffice and save it again"
        ) from None
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


def read_grids(path: str | os.PathLike) -> list[SheetGrid]:
    """All sheets of a workbook as grids. Raises InputFileError for anything unreadable."""
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
        if kind == "ole" and path.suffix.lower() in (".xlsx", ".xlsm"):
            what = "the workbook is password-protected (encrypted)"
            hint = "Remove the password (File > Info > Protect Workbook) and save again"
        raise InputFileError(f"{what} ({type(exc).__name__}: {exc})", file=str(path), hint=hint) from None
    grids = []
    try:
        for meta in wb.sheets_metadata:
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            visible = "Visible" in str(meta.visible) and "Hidden" not in str(meta.visible)
            grids.append(SheetGrid(meta.name, rows, visible))
    except Exception as exc:
        raise InputFileError(
            f"a sheet cannot be read ({type(exc).__name__}: {exc})", file=str(path), hint="Open it in Excel or LibreOffice and save it again"
        ) from None
    finally:
        wb.close()
    return grids
