"""Open a workbook file and hand back its sheets as grids of cell values.

Reads .xlsx, .xlsm, .xls and .ods with calamine (Rust; fast, reads cached
formula values). A grid is a list of rows, each a list of Python values
('' for an empty cell), positioned from cell A1 so that grid[r][c] is Excel
row r+1, column c+1. Knows nothing about scorecards.
"""

from __future__ import annotations

import os
import re
import zipfile
import xml.etree.ElementTree as ET
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
    kind: str = "worksheet"  # "worksheet", "chartsheet", ... ("csv" for a text file)


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
            kind = str(getattr(meta, "typ", "WorkSheet")).rsplit(".", 1)[-1].casefold()
            grids.append(SheetGrid(meta.name, rows, visible, kind))
    except Exception as exc:
        raise InputFileError(
            f"a sheet cannot be read ({type(exc).__name__}: {exc})", file=str(path), hint="Open it in Excel or LibreOffice and save it again"
        ) from None
    finally:
        wb.close()
    return grids


def file_kind(path: str | os.PathLike) -> str:
    """What the bytes say the file is: "zip" (xlsx/xlsm/ods), "ole" (xls) or "text" (CSV and the like)."""
    return _sniff(check_readable(Path(path)))


_CELL_WITH_FORMULA = re.compile(
    rb'<c\b([^>]*?)\br="([A-Z]{1,3}[0-9]+)"([^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)(?:<v\s*/>|<v>([^<]*)</v>)?'
)
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def formulas_without_values(path: str | os.PathLike) -> dict[str, list[str]]:
    """Cells (per sheet name) that hold a formula but no saved result, in an .xlsx/.xlsm.

    Such cells read as empty. Files written by scripts (e.g. openpyxl) often
    have them until the file is opened and saved in Excel or LibreOffice.
    The sheet XML is scanned only when it contains a formula at all; .xls
    and .ods files always store results and are not scanned.
    """
    path = Path(path)
    if _sniff(path) != "zip":
        return {}
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            return {}
        wb = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels")) if "xl/_rels/workbook.xml.rels" in names else None
        targets = {}
        if rels is not None:
            for rel in rels.findall("p:Relationship", _NS):
                t = rel.get("Target", "")
                t = t.lstrip("/") if t.startswith("/") else "xl/" + t
                targets[rel.get("Id")] = t
        for sheet in wb.findall("m:sheets/m:sheet", _NS):
            part = targets.get(sheet.get(f"{{{_NS['r']}}}id"))
            if not part or part not in names:
                continue
            data = zf.read(part)
            if b"<f" not in data:
                continue
            missing = [m.group(2).decode() for m in _CELL_WITH_FORMULA.finditer(data)
                       if not m.group(4) and b't="str"' not in m.group(1) + m.group(3)]
            if missing:
                out[sheet.get("name")] = missing
    return out


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
            wb = ET.fromstring(zf.read("xl/workbook.xml"))
            rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels")) if "xl/_rels/workbook.xml.rels" in names else None
            targets = {r.get("Id"): "xl/" + r.get("Target", "").lstrip("/").removeprefix("xl/") for r in
                       (rels.findall("p:Relationship", _NS) if rels is not None else [])}
            for sheet in wb.findall("m:sheets/m:sheet", _NS):
                part = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
                rel = part.rsplit("/", 1)[0] + "/_rels/" + part.rsplit("/", 1)[-1] + ".rels"
                if rel in names and b"pivotTable" in zf.read(rel):
                    out.add(sheet.get("name"))
        elif "content.xml" in names:
            content = zf.read("content.xml")
            for m in re.finditer(rb'<table:data-pilot-table[^>]*table:target-range-address="([^"]+)"', content):
                addr = m.group(1).decode().lstrip("$").split(".", 1)[0].strip("'$")
                out.add(addr)
    return out
