"""Which rows under a header are data: totals, averages, notes and legends are not.

`classify_rows` looks at the block of rows below a header, column by
column (no loop over rows), and labels each row:

- ``blank``: nothing filled;
- ``totals``: its first filled cell (or its candidate cell) says Total, Summe,
  Gesamt, Durchschnitt, Average, Mean, Summa, Medel, Ø ..., unless another of
  its candidate cells names someone (``C5 | Sum Wing`` is candidate C5);
- ``note``: a legend or note: a single cell that starts with Hinweis, Note,
  Legende, Skala, "*" ...; or, after a blank or totals row, a row whose
  candidate cell is empty, that has a single cell, or that explains
  something ("1 = weak", "Quelle: ...");
- ``data``: everything else.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .excel import codes_of
from .headers import NOT_SPACE, clean_text, note_labels, text_array, total_labels



def _is_blank_value(v) -> bool:
    if v is None or (isinstance(v, float) and v != v):
        return True
    return isinstance(v, str) and not v.replace("\u00a0", " ").strip()


def blank_values(values: list) -> np.ndarray:
    """``_is_blank_value`` of each value; for many texts worked out in Arrow: a text is blank unless it holds a
    character that is not a space (Python's spaces: `headers.NOT_SPACE`)."""
    texts = text_array(values) if len(values) >= 64 else None
    if texts is None:
        return np.fromiter((_is_blank_value(v) for v in values), dtype=bool, count=len(values))
    import pyarrow.compute as pc

    filled = pc.match_substring_regex(texts, NOT_SPACE)
    return ~pc.fill_null(filled, False).to_numpy(zero_copy_only=False)


def blank_column(s: pd.Series) -> np.ndarray:
    """True where a cell of `s` is empty; decided once per distinct value."""
    codes, uniques = codes_of(s)
    table = blank_values(uniques)
    return np.where(codes < 0, True, table[np.maximum(codes, 0)] if len(table) else True)


def blank_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """True where a cell is empty ('' / spaces / NBSP / None / NaN)."""
    return pd.DataFrame({c: blank_column(frame[c]) for c in frame.columns}, index=frame.index)


def _per_unique(s: pd.Series, many) -> pd.Series:
    """``many(distinct values)`` (one bool each, False for non-text) spread over the cells of `s`."""
    codes, uniques = codes_of(s)
    table = np.append(np.asarray(many(list(uniques)), dtype=bool), False)
    return pd.Series(table[np.where(codes < 0, len(uniques), codes)], index=s.index)


def _explains(values: list) -> np.ndarray:
    """Text that explains something: holds '=' or ':', or is longer than 60 characters."""
    return np.array([isinstance(t, str) and ("=" in t or ":" in t or len(t) > 60) for t in values], dtype=bool)


def classify_rows(block: pd.DataFrame, key_cols: list) -> pd.Series:
    """Label each row of `block` (cells under a header) as data, blank, totals or note (see module docstring)."""
    if len(block) == 0:
        return pd.Series([], dtype="str", index=block.index)
    blank = blank_cells(block)
    filled = ~blank
    n_filled = filled.sum(axis=1)
    first_values = np.full(len(block), "", dtype=object)
    for c in reversed(list(block.columns)):
        first_values = np.where(filled[c].to_numpy(), block[c].to_numpy(dtype=object), first_values)
    first = pd.Series(first_values, index=block.index, dtype=object)
    is_blank = n_filled == 0
    is_total = _per_unique(first, total_labels)
    keys = [c for c in key_cols if c in block.columns]
    other_key = np.zeros(len(block), dtype=bool)  # a key cell that names someone: the row is a person's, whatever else it says
    for c in keys:
        label = _per_unique(block[c], total_labels)
        is_total |= label
        other_key |= (filled[c] & ~label).to_numpy()
    if len(keys) > 1:  # "C5 | Sum Wing" or "C5 | @SUM(A1)" is candidate C5, not a totals row
        is_total &= ~other_key
    is_total |= _subtotal_rows(block, first, filled)
    note_single = (n_filled == 1) & _per_unique(first, note_labels)
    brk = (is_blank | is_total).cummax()
    key_filled = filled[[c for c in key_cols if c in block.columns]].any(axis=1) if key_cols else n_filled > 0
    explains = _per_unique(first, _explains)
    note_after = brk & ~is_blank & ~is_total & (~key_filled | (n_filled == 1) | explains)
    kind = np.where(is_blank, "blank", np.where(is_total, "totals", np.where(note_single | note_after, "note", "data")))
    return pd.Series(kind, index=block.index, dtype="str")


def _subtotal_rows(block: pd.DataFrame, first: pd.Series, filled: pd.DataFrame) -> np.ndarray:
    """The rows Excel's Data > Subtotal inserts under each group: a label "<group> Ergebnis|Total|Average ..." in the row's
    first filled column, where the row above holds that group ("B01" above "B01 Ergebnis"). A name such as "Marco
    Summa" under another person's row is no subtotal. Python work only for labels that end so."""
    from .headers import clean_text, subtotal_group, subtotal_labels

    out = np.zeros(len(block), dtype=bool)
    maybe = np.flatnonzero(_per_unique(first, subtotal_labels).to_numpy(dtype=bool))
    maybe = maybe[maybe > 0]
    if not len(maybe):
        return out
    cells = block.to_numpy(dtype=object)
    has = filled.to_numpy(dtype=bool)
    column = has.argmax(axis=1)  # each row's first filled column: where its label stands
    for i in maybe.tolist():
        c = column[i]
        group = subtotal_group(cells[i, c])
        if group is not None and has[i - 1, c] and clean_text(cells[i - 1, c]).casefold() == group.casefold():
            out[i] = True
    return out


def row_text(block: pd.DataFrame, index, limit: int = 80) -> str:
    """The filled cells of one row joined with ' | ' (for reports)."""
    vals = [f"{v:.4g}" if isinstance(v, float) else clean_text(v) for v in block.loc[index].tolist()
            if v is not None and not (isinstance(v, float) and v != v)]
    s = " | ".join(v for v in vals if v)
    return s if len(s) <= limit else s[: limit - 3] + "..."


_RANGE = r"(\d+)\s*(?:\([^)]*\)\s*)?(?:-|–|—|bis|to|till)\s*(\d+)"  # "1-10", "1 (poor) to 10"
_SCALE_NOTES = (
    # "Skala 1-10", "Betygsskala (1-5)", "Scale: 1 (poor) to 10 (excellent)"
    re.compile(r"(?:skala|scale|skalan|bewertungsskala|betygsskala)\s*[:=]?\s*\(?\s*" + _RANGE, re.I),
    re.compile(_RANGE + r"\s*-?\s*(?:point\s+)?(?:scale|skala|punkte-?skala|poängs?skala)", re.I),  # "on a 1-10 scale"
    re.compile(r"(?:bewertung|rating|ratings|betyg|punkte|points|poäng|score|scores)\s*[:=]?\s*\(\s*" + _RANGE + r"\s*\)", re.I),
)
# "* scores out of 10", "Punkte (von 10)": the number ends the phrase ("out of 40 applicants" is a count, not a scale)
_OUT_OF_NOTE = re.compile(r"(?:scores?|ratings?|points|punkte|poäng|betyg)\b[^.;]*?\b(?:out of|von|av)\s+(\d+)\s*(?:\)|$|[.;,]|punkten?\b|poäng\b|points?\b)", re.I)
_LEGEND_ENTRY = re.compile(r"(?:^|[:,;(*]|\b(?:legend|legende|förklaring|key)\b)\s*(\d+)\s*=\s*[^\d=,;]+", re.I)  # "1 = poor, 10 = excellent"
_LEGEND_WORDS = re.compile(r"legend|legende|förklaring|\bkey\b|scale|skala|rating|bewertung|betyg|punkte|poäng|score|note", re.I)
_NOT_A_SCALE = re.compile(r"stage|round|runde|omgång|phase|steg|status|interviewer|intervjuare|bedömare|candidates?|kandidat|bewerber|applicants?|sökande", re.I)


def scale_from_notes(texts: list[str]) -> tuple[float, float] | None:
    """A scale stated in a title, legend or note row: 'Skala 1-10', 'Scale: 1 (poor) to 10 (excellent)', 'Ratings on a
    1-10 scale', 'Bewertung (1 bis 10)', 'Legend: 1 = poor, 10 = excellent', '* scores out of 10' (1-10)."""
    for t in texts:
        text = clean_text(t)
        for pattern in _SCALE_NOTES:
            m = pattern.search(text)
            if m and float(m.group(1)) < float(m.group(2)) <= 100:  # "(2024-2025)" is a span of years
                return (float(m.group(1)), float(m.group(2)))
        if _NOT_A_SCALE.search(text):  # "Stage: 1 = phone, 2 = onsite", "Punkte von 3 Interviewern": what is counted, not a scale
            continue
        if (m := _OUT_OF_NOTE.search(text)) and 1 < int(m.group(1)) <= 100:
            return (1.0, float(m.group(1)))
        legend = [int(x) for x in _LEGEND_ENTRY.findall(text)]  # a legend says so, or is all the row holds ("1 = poor, 10 = ...")
        if len(legend) >= 2 and min(legend) < max(legend) <= 100 and (_LEGEND_WORDS.search(text) or _LEGEND_ENTRY.match(text)):
            return (float(min(legend)), float(max(legend)))
    return None
