"""Make an edited copy of a workbook (for demos, tests and "what if" checks). Never changes the original."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import InputFileError, OutputError


EDITABLE_SUFFIXES = (".xlsx", ".xlsm")


def copy_with_cells(src: str | os.PathLike, dest: str | os.PathLike, changes: dict[str, object]) -> Path:
    """Copy `src` to `dest` with cells changed, e.g. ``{"Scores!D17": "four"}``. Returns `dest`.

    Values are written as typed (a str stays text, a number a number).
    """
    import openpyxl

    src, dest = Path(src), Path(dest)
    if src.resolve() == dest.resolve():
        raise OutputError("the copy would overwrite the original", file=str(dest), hint="Choose another destination")
    if not src.is_file():
        raise InputFileError("file not found", file=str(src))
    if src.suffix.lower() not in EDITABLE_SUFFIXES:
        raise InputFileError(f"cells of a {src.suffix or 'file without a suffix'} file cannot be changed here", file=str(src),
                             allowed=", ".join(EDITABLE_SUFFIXES), hint="Save a copy as .xlsx first, or edit the file yourself")
    try:
        wb = openpyxl.load_workbook(src, keep_vba=src.suffix.lower() == ".xlsm")
    except Exception as exc:  # noqa: BLE001 - openpyxl's own errors (not a zip, a broken part): say which file
        raise InputFileError(f"openpyxl cannot open the workbook ({type(exc).__name__}: {exc})", file=str(src),
                             hint="Open and save it in Excel or LibreOffice, then try again") from None
    for ref, value in changes.items():
        m = re.fullmatch(r"(.+)!([A-Z]+[0-9]+)", ref)
        if not m or m.group(1) not in wb.sheetnames:
            raise InputFileError(f"{ref!r} is not a cell of this workbook", file=str(src),
                                 allowed=f"Sheet!A1 on one of its sheets: {', '.join(wb.sheetnames)}", hint="Write the cell as Sheet!A1")
        cell = wb[m.group(1)][m.group(2)]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        wb.save(dest)  # only once every change is known to apply: no half-made copy is left behind
    except OSError as exc:
        raise OutputError(f"the copy cannot be written ({exc.strerror or exc})", file=str(dest),
                          hint="Choose a destination in a folder you may write to") from None
    return dest
