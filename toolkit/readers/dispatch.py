"""Which reader a path needs: one file of any layout, or a folder of CSV exports.

`read_path(path, mapping)` returns one `RawRound` per hiring round found:
a file gives one; a folder that is a relational export (interviews +
applications + candidates, joined by id), a Greenhouse export (scorecard +
scorecard_attribute) or a Lever export (feedback_form + feedback_form_field)
gives one per job (or the one job the mapping's ``job`` names).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputFileError
from .mapping import Mapping, read_mapping
from .raw import RawWorkbook


@dataclass
class RawRound:
    """One round read from a path: ``key`` tells rounds of one folder apart (a job id), None for a single file."""

    key: str | None
    raw: RawWorkbook


def export_kind(folder: str | os.PathLike) -> str | None:
    """"relational", "greenhouse" or "lever" when the folder holds such an export, else None."""
    from .ats import is_greenhouse, is_lever
    from .relational import is_relational

    p = Path(folder)
    if not p.is_dir():
        return None
    if is_greenhouse(p):
        return "greenhouse"
    if is_lever(p):
        return "lever"
    if is_relational(p):
        return "relational"
    return None


def read_path(path: str | os.PathLike, mapping=None, *, ready=None) -> list[RawRound]:
    """All rounds in `path` (see the module docstring). Raises InputFileError / MappingError with what is missing.

    ``ready`` is passed to the reader of a single workbook (`tabular.read_file`).
    """
    m = read_mapping(mapping) or Mapping()
    p = Path(path)
    if p.is_dir():
        kind = m.layout if m.layout in ("relational", "greenhouse", "lever") else export_kind(p)
        if kind is None:
            raise InputFileError("this folder is not an export this reader knows", file=str(p),
                                 hint="Pass a workbook or CSV file, a folder of them (load_rounds(); debrief validate and report take folders), or a folder with "
                                      "interviews.csv + applications.csv (relational), scorecard.csv + scorecard_attribute.csv "
                                      "(Greenhouse) or feedback_form.csv + feedback_form_field.csv (Lever)")
        if kind == "relational":
            from .relational import read_relational

            return [RawRound(k, raw) for k, raw in read_relational(p, m)]
        from .ats import read_greenhouse, read_lever

        reader = read_greenhouse if kind == "greenhouse" else read_lever
        return [RawRound(k, raw) for k, raw in reader(p, m)]
    _refuse_report_output(p)
    from .tabular import read_file

    return [RawRound(None, read_file(p, m, ready=ready))]


def _refuse_report_output(p: Path) -> None:
    """A workbook a Debrief report wrote (process-health.xlsx, talent-pool.xlsx, mail-merge.xlsx) is refused: read as a
    scorecard it made letters about "the process health role" to the candidates of its tables."""
    import zipfile

    from ..render.xlsx import REPORT_KEYWORD

    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    try:
        with zipfile.ZipFile(p) as z:
            core = z.read("docProps/core.xml")
    except (zipfile.BadZipFile, OSError, KeyError):
        return  # no properties, or not a zip: the reader says what is wrong with the file
    if f"<cp:keywords>{REPORT_KEYWORD}</cp:keywords>".encode() in core:
        raise InputFileError("this workbook is part of a report Debrief wrote, not a scorecard", file=str(p),
                             hint="Pass the scorecards the report was made from; a report's workbooks (process-health.xlsx, "
                                  "talent-pool.xlsx, mail-merge.xlsx) are its output")
