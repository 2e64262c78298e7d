"""`load_round` and `load_rounds`: files in, validated `HiringRound`s out."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from .errors import InputFileError
from .model import HiringRound, Rounds
from .readers.canonical import read_canonical
from .readers.excel import WORKBOOK_SUFFIXES
from .validate import build_round


def round_id_for(path: str | os.PathLike) -> str:
    """A stable id from the file name: 'Berlin Social Media Lead.xlsx' -> 'berlin-social-media-lead'."""
    stem = Path(path).stem
    slug = re.sub(r"[^\w]+", "-", stem.casefold(), flags=re.UNICODE).strip("-")
    return slug or "round"


def load_round(path: str | os.PathLike, *, strict: bool = False, as_of: dt.date | str | None = None, round_id: str | None = None) -> HiringRound:
    """Load one scorecard workbook (.xlsx, .xlsm, .xls, .ods) into a validated HiringRound.

    Every problem is collected in ``round.problems``. Rows with errors are
    quarantined in ``round.rejected_rows``; ``round.row_counts`` accounts for
    every row read. With ``strict=True`` any error raises one ScorecardError
    listing all of them. ``as_of`` (default today) is the date against which
    "in the future" is judged.
    """
    raw = read_canonical(path)
    return build_round(raw, round_id=round_id or round_id_for(path), as_of=as_of, strict=strict)


def workbook_paths(folder_or_paths) -> list[Path]:
    """Expand folders into their workbooks (sorted; Excel lock files '~$...' skipped)."""
    items = [folder_or_paths] if isinstance(folder_or_paths, (str, os.PathLike)) else list(folder_or_paths)
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.suffix.lower() in WORKBOOK_SUFFIXES and not q.name.startswith(("~$", ".")))
            if not found:
                raise InputFileError("no workbooks in this folder", file=str(p), allowed=", ".join(WORKBOOK_SUFFIXES),
                                     hint="Put the scorecard workbooks in the folder or pass the files")
            out += found
        else:
            out.append(p)
    return out


def load_rounds(folder_or_paths, *, strict: bool = False, as_of: dt.date | str | None = None) -> Rounds:
    """Load several rounds (a folder, or a list of files and folders) into `Rounds`.

    Round ids come from the file names and are made unique (``-2``, ``-3``...)
    when two files share a name in different folders.
    """
    rounds, seen = [], {}
    for p in workbook_paths(folder_or_paths):
        rid = round_id_for(p)
        seen[rid] = seen.get(rid, 0) + 1
        if seen[rid] > 1:
            rid = f"{rid}-{seen[rid]}"
        rounds.append(load_round(p, strict=strict, as_of=as_of, round_id=rid))
    return Rounds(tuple(rounds))
