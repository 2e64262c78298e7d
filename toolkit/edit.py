"""Make an edited copy of a workbook (for demos, tests and "what if" checks). Never changes the original."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .errors import InputFileError, OutputError


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
    shutil.copyfile(src, dest)
    wb = openpyxl.load_workbook(dest)
    for ref, value in changes.items():
        m = re.fullmatch(r"(.+)!([A-Z]+[0-9]+)", ref)
        if not m or m.group(1) not in wb.sheetnames:
            raise InputFileError("no such sheet or cell", file=str(src), cell=ref, allowed=", ".join(wb.sheetnames),
                                 hint="Write the cell as Sheet!A1")
        cell = wb[m.group(1)][m.group(2)]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    wb.save(dest)
    return dest
