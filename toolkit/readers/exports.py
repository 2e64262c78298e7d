"""Tables of CSV exports (relational sets, Greenhouse, Lever): find a file by name, read it, find a column.

Export tables are machine-written: the header is the first line and every
cell is text. `read_table` returns a DataFrame of str with the headings as
written plus ``_row`` (the line number, the header being line 1).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from ..schema import normalise_header
from .csvfiles import read_csv_grid

EXPORT_SUFFIXES = (".csv", ".tsv", ".txt")


def find_file(folder: Path, *stems: str) -> Path | None:
    """The file in `folder` whose name without extension is one of `stems` (case and punctuation ignored)."""
    wanted = [normalise_header(s) for s in stems]
    files = {normalise_header(p.stem): p for p in sorted(Path(folder).iterdir())
             if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES}
    for w in wanted:
        if w in files:
            return files[w]
    return None


def read_table(path: Path) -> pd.DataFrame:
    """A CSV export as a DataFrame of text (headings as written) plus ``_row``."""
    grid, _info = read_csv_grid(path)
    if not grid.rows:
        raise InputFileError("the export table is empty", file=str(path), hint="Export it again with its header line")
    header = [h.strip() for h in grid.rows[0]]
    width = len(header)
    body = [r[:width] + [""] * (width - len(r)) for r in grid.rows[1:]]
    df = pd.DataFrame(body, columns=header, dtype=object)
    df["_row"] = range(2, len(df) + 2)
    return df


def column(df: pd.DataFrame, *names: str) -> str | None:
    """The column of `df` whose heading matches one of `names` (case, spaces and punctuation ignored)."""
    keys = {normalise_header(c): c for c in df.columns}
    for n in names:
        if normalise_header(n) in keys:
            return keys[normalise_header(n)]
    return None


def need(df: pd.DataFrame, path: Path, *names: str, what: str) -> str:
    """Like `column`, but raise InputFileError naming the file and the missing column."""
    c = column(df, *names)
    if c is None:
        raise InputFileError(f"the column for {what} is missing (looked for {', '.join(repr(n) for n in names)})", file=str(path),
                             allowed=", ".join(str(h) for h in df.columns if h != "_row")[:300],
                             hint="Export the table with all its columns")
    return c


def text(s: pd.Series) -> pd.Series:
    """Cells as trimmed text; '' for blank."""
    return s.fillna("").astype(str).str.replace("\u00a0", " ", regex=False).str.strip()
