"""Ratings as people write them, put linearly onto the round's scale.

`normalise_scores(values, target=(1, 5))` reads a column of ratings written
as numbers (1-4, 1-5, 1-10, 0-100, percentages, decimals, "3,5"), words
("Strong Yes", "strong_yes", "stong_yes", "3 - Hire", "Maybe", "sehr gut",
"mycket bra"), stars ("★★★☆☆") or fractions ("3/5", "4 von 5", "4 av 5"),
and returns the value on the target scale. "n/a", "-", "—", "k.A.", "ej
bedömd", "null" and a non-breaking space are *not assessed* (missing, never 0).
Anything unreadable is handed on unchanged so that validation names the cell.

A value v on a source scale lo..hi lands on the target scale tlo..thi at
``tlo + (v - lo) / (hi - lo) * (thi - tlo)``, rounded to 4 decimals. Word
scales are numbered 1..n from worst to best first (see WORD_SCALES and
docs/importing.md for the table).

The work is done once per distinct value and mapped back onto the column, so
a million cells with a handful of distinct ratings cost a few pandas calls.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .excel import factorize_cells
from .headers import parse_scale_text

# Word scales, worst level first. Each level lists the words that mean it.
WORD_SCALES: dict[str, list[tuple[str, ...]]] = {
    "yes/maybe/no": [("no", "nein", "nej"), ("maybe", "vielleicht", "kanske", "unsure", "unsicher", "eventuell"), ("yes", "ja")],
    "recommendation": [
        ("definitely not", "strong no", "strongly no", "definitely no"),
        ("no",),
        ("mixed", "neutral", "unsure"),
        ("yes",),
        ("strong yes", "strongly yes", "definitely yes", "definitely"),
    ],
    "hire": [("strong no hire", "strong no"), ("no hire",), ("hire",), ("strong hire",)],
    "german grades": [("mangelhaft", "ungenügend", "ungenuegend"), ("ausreichend",), ("befriedigend",), ("gut",), ("sehr gut",)],
    "swedish grades": [
        ("svag", "underkänd", "otillräcklig", "dålig", "mycket svag"),
        ("godkänd", "godtagbar", "acceptabel", "tillräcklig"),
        ("bra", "god"),
        ("mycket bra", "mycket god"),
        ("utmärkt", "utmarkt", "enastående"),
    ],
    "english grades": [
        ("poor", "unsatisfactory", "weak", "very poor"),
        ("fair", "below expectations", "needs improvement"),
        ("good", "meets expectations", "solid"),
        ("very good", "exceeds expectations"),
        ("excellent", "outstanding", "exceptional"),
    ],
}
# Families tried in this order; the first that knows every word of a column wins.
FAMILY_ORDER = ("yes/maybe/no", "recommendation", "hire", "german grades", "swedish grades", "english grades")

NOT_ASSESSED = frozenset(
    {"", "n/a", "na", "n.a", "nv", "n/v", "-", "--", "–", "—", "?", "ka", "k/a", "keineangabe", "nichtbewertet",
     "ejbedömd", "ejbedömt", "intebedömd", "ejbedömda", "null", "none", "nan", "notassessed", "notrated", "nodecision",
     "no_decision", "offen", "tbd", "entfällt", "ejtillämplig", "/"}
)
NOT_ASSESSED_SHOWN = ('"n/a"', '"-"', '"—"', '"k.A."', '"ej bedömd"', '"null"', '"no_decision"', "a non-breaking space")

STARS_FULL = "★⭐✭✮✪✯🌟"
STARS_EMPTY = "☆✩✰"

_NUM = r"(\d+(?:[.,]\d+)?)"
_FRACTION = re.compile(rf"^{_NUM}\s*(?:/|von|av|of|out of|aus|utav)\s*(\d+)$", re.I)
_PERCENT = re.compile(rf"^{_NUM}\s*%$")
_NUMBER_WORDS = re.compile(rf"^{_NUM}\s*(?:[-–—:=]|\()\s*([^\d].*?)\)?$")
_STAR_WORD = re.compile(r"^(\d)\s*(?:stars?|sterne?|stjärnor?|stjärna)$", re.I)
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def _word_key(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).casefold().replace("_", " ").replace("-", " ")
    s = re.sub(r"[^\w\s]", "", s)
    return re.sub(r"\s+", " ", s).strip()


_WORD_INDEX: dict[str, dict[str, int]] = {}  # word key -> {family: level (1-based)}
for _fam, _levels in WORD_SCALES.items():
    for _lvl, _words in enumerate(_levels, start=1):
        for _w in _words:
            _WORD_INDEX.setdefault(_word_key(_w), {})[_fam] = _lvl


@dataclass(frozen=True)
class Reading:
    """One distinct cell value, read."""

    kind: str  # "blank", "number", "percent", "fraction", "stars", "word", "bad"
    value: float | None = None
    scale: tuple[float, float] | None = None  # the value's own scale when it carries one
    word: str | None = None  # canonical word key (kind "word")
    typo_of: str | None = None  # the word a misspelling was read as


def _number(text: str) -> float | None:
    t = text.replace(" ", "")
    if not _NUMBER.match(t):
        return None
    return float(t.replace(",", "."))


def read_value(v) -> Reading:
    """What one cell says, before the column's scale is known."""
    if v is None:
        return Reading("blank")
    if isinstance(v, bool):
        return Reading("bad")
    if isinstance(v, (int, float, np.integer, np.floating)):
        x = float(v)
        if math.isnan(x):
            return Reading("blank")
        return Reading("number", x) if math.isfinite(x) else Reading("bad")
    if not isinstance(v, str):
        return Reading("bad")
    text = unicodedata.normalize("NFKC", v.replace("\u00a0", " ")).strip()
    key = re.sub(r"[\s.]+", "", text.casefold())
    if key in NOT_ASSESSED:
        return Reading("blank")
    if (x := _number(text)) is not None:
        return Reading("number", x)
    if (m := _PERCENT.match(text)) is not None:
        return Reading("percent", float(m.group(1).replace(",", ".")), (0.0, 100.0))
    if (m := _FRACTION.match(text)) is not None:
        return Reading("fraction", float(m.group(1).replace(",", ".")), (1.0, float(m.group(2))))
    compact = text.replace(" ", "")
    only_stars = bool(compact) and set(compact) <= set(STARS_FULL + STARS_EMPTY)
    only_asterisks = bool(compact) and set(compact) == {"*"} and len(compact) <= 10
    if only_stars or only_asterisks:
        full = sum(ch in STARS_FULL + "*" for ch in compact)
        total = len(compact) if any(ch in STARS_EMPTY for ch in compact) else 5
        if full == 0:
            return Reading("blank")  # an untouched row of empty stars: nobody rated
        return Reading("stars", float(full), (1.0, float(max(total, full))))
    if (m := _STAR_WORD.match(text)) is not None:
        return Reading("stars", float(m.group(1)), (1.0, 5.0))
    if (m := _NUMBER_WORDS.match(text)) is not None:
        words = _word_key(m.group(2))
        return Reading("number", float(m.group(1).replace(",", ".")), None, words or None)
    wk = _word_key(text)
    if wk in _WORD_INDEX:
        return Reading("word", word=wk)
    if len(wk) >= 5:
        close = difflib.get_close_matches(wk, list(_WORD_INDEX), n=1, cutoff=0.85)
        if close:
            return Reading("word", word=close[0], typo_of=text)
    return Reading("bad")


@dataclass
class ScaleResult:
    """Scores of one column (or file) on the target scale.

    ``score``: float on the target scale, NaN when not assessed, the original
    value where it could not be read (float64 when every value was read, else
    objects). ``score_raw``: the value as
    written (str; None for an empty cell). ``unreadable``: mask of cells left
    as written. ``info``: what was detected (kind, source, target, how, words,
    typos, not_assessed). ``problems``: reading-time problems (typos read as a word).
    """

    score: pd.Series
    score_raw: pd.Series
    unreadable: pd.Series
    info: dict
    problems: list[dict] = field(default_factory=list)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def scale_text(scale: tuple[float, float] | None) -> str | None:
    return None if scale is None else f"{_fmt(scale[0])}-{_fmt(scale[1])}"


def infer_number_scale(numbers: list[float]) -> tuple[tuple[float, float] | None, str]:
    """The scale plain numbers are on, from their range: (scale, how)."""
    if not numbers:
        return None, "no numbers"
    lo, hi = min(numbers), max(numbers)
    if lo < 0:
        return None, f"negative values (lowest {_fmt(lo)}): no scale fits"
    if hi <= 1 and any(not float(x).is_integer() for x in numbers):
        return (0.0, 1.0), f"all values between 0 and 1 (highest {_fmt(hi)}): read as fractions of 1"
    if hi <= 5:
        return ((0.0, 5.0) if lo == 0 else (1.0, 5.0)), f"values from {_fmt(lo)} to {_fmt(hi)}"
    if hi <= 10:
        return ((0.0, 10.0) if lo == 0 else (1.0, 10.0)), f"values from {_fmt(lo)} to {_fmt(hi)}"
    if hi <= 100:
        return (0.0, 100.0), f"values from {_fmt(lo)} to {_fmt(hi)}"
    return None, f"values up to {_fmt(hi)}: no usual scale fits"


def _inferred_scale_problem(scale: tuple[float, float], how: str, target: tuple[float, float], sheet, *, zero: bool) -> dict:
    """A warning that plain numbers were put onto the round's scale from a scale worked out from their range alone: one
    0 in a 1-5 file, or one 6, changes every score, and nothing in the file said which scale was meant."""
    v = float(round((scale[0] + scale[1]) / 2))
    zero = " (a 0 among the scores makes the file count from 0)" if zero and scale[0] == 0 and target[0] > 0 else ""
    return dict(severity="warning", sheet=sheet, rule="scale_inferred", column="score", value=scale_text(scale),
                message=f"the scores were read as on a {scale_text(scale)} scale, worked out from the scores alone ({how}){zero}, and "
                        f"put onto the round's {scale_text(target)} scale: a {_fmt(v)} counts as {_fmt(round(_onto(v, scale, target), 1))}",
                hint='If they are on another scale, say so: "(1-5)" in the score headings, or source = "1-5" under [scale] in a '
                     "mapping file; a 0 that means not assessed is better left blank")


def _family_for(words: set[str], prefer: str | None) -> str | None:
    order = ([prefer] if prefer else []) + [f for f in FAMILY_ORDER if f != prefer]
    for fam in order:
        if all(fam in _WORD_INDEX.get(w, {}) for w in words):
            return fam
    return None


def _onto(x: float, src: tuple[float, float], target: tuple[float, float]) -> float:
    if tuple(src) == tuple(target):
        return x
    lo, hi = src
    tlo, thi = target
    return round(tlo + (x - lo) / (hi - lo) * (thi - tlo), 4)


def normalise_scores(
    values: pd.Series,
    target: tuple[float, float] = (1.0, 5.0),
    *,
    source: tuple[float, float] | None = None,
    words: str | None = None,
    hint: tuple[float, float] | None = None,
    sheet: str | None = None,
) -> ScaleResult:
    """Put a column of ratings onto the `target` scale (see the module docstring).

    ``source``: the scale plain numbers are on (a mapping, or the Role sheet
    of a canonical workbook); when None it is ``hint`` (e.g. "(1-10)" in a
    heading) or inferred from the range of the numbers. ``words``: the word
    family to prefer (e.g. "recommendation" for Greenhouse ratings).
    """
    codes, uniques = _distinct_in_order(values)
    readings = {i: read_value(u) for i, u in enumerate(uniques)}
    problems: list[dict] = []
    info: dict = {"target": scale_text(target)}

    # ---- which scale the plain numbers are on
    plain = [r.value for r in readings.values() if r.kind == "number" and r.word is None]
    numbered_words = {r.word for r in readings.values() if r.kind == "number" and r.word}
    hire_numbers = bool(numbered_words) and all("hire" in _WORD_INDEX.get(w, {}) for w in numbered_words)
    if source is not None:
        num_scale, how = source, "given"
    elif hint is not None:
        num_scale, how = hint, "from the heading"
    elif hire_numbers:
        num_scale, how = (1.0, 4.0), "Lever-style 'N - Hire' ratings (1-4)"
    else:
        nums = plain + [r.value for r in readings.values() if r.kind == "number" and r.word]
        num_scale, how = infer_number_scale(nums)
        if num_scale is not None and nums and min(nums) >= target[0] and max(nums) <= target[1] and target != (1.0, 5.0):
            num_scale, how = target, "values fit the round's scale"
        if num_scale is not None and tuple(num_scale) != tuple(target) and nums:
            problems.append(_inferred_scale_problem(num_scale, how, target, sheet, zero=min(nums) == 0))
    # fractions: 0/5 anywhere means the file counts from 0
    fractions = [r for r in readings.values() if r.kind == "fraction"]
    zero_based = {r.scale[1] for r in fractions if r.value == 0}
    # words: one family for the whole column
    word_keys = {r.word for r in readings.values() if r.kind == "word"}
    family = _family_for(word_keys, words) if word_keys else None

    mapped: dict = {}
    kinds = set()
    for i, r in readings.items():
        u = uniques[i]
        if r.kind == "blank":
            mapped[i] = np.nan
            continue
        x = None
        if r.kind == "number" and num_scale is not None:
            x = _onto(r.value, num_scale, target) if num_scale[0] <= r.value <= num_scale[1] else r.value
            kinds.add("numbers")
        elif r.kind == "number":
            x = r.value  # no scale fits: handed on as is, validation reports it out of scale
            kinds.add("numbers")
        elif r.kind == "percent":
            x = _onto(r.value, (0.0, 100.0), target) if 0 <= r.value <= 100 else None
            kinds.add("percent")
        elif r.kind == "fraction":
            sc = (0.0, r.scale[1]) if r.scale[1] in zero_based else r.scale
            # "0/0" or "1/1" (a corrupted export) is no scale to put a score on: not read, as a value outside its scale
            x = _onto(r.value, sc, target) if sc[0] <= r.value <= sc[1] and sc[0] < sc[1] else None
            kinds.add("fractions")
        elif r.kind == "stars":
            x = _onto(r.value, r.scale, target)
            kinds.add("stars")
        elif r.kind == "word" and family is not None:
            level = _WORD_INDEX[r.word][family]
            x = _onto(float(level), (1.0, float(len(WORD_SCALES[family]))), target)
            kinds.add(f"words ({family})")
            if r.typo_of is not None:
                n = int((codes == i).sum())
                problems.append(dict(severity="warning", sheet=sheet, rule="score_typo", column="score", value=r.typo_of,
                                     message=f"rating {r.typo_of!r} read as {r.word!r} ({n} cell{'s' if n != 1 else ''})",
                                     hint="Correct the spelling in the file if this is not what was meant"))
        mapped[i] = u if x is None else x
    n = len(uniques)
    table = np.empty(n + 1, dtype=object)
    for i in range(n):
        table[i] = mapped[i]
    table[n] = np.nan
    raws = pd.array([_raw_text(u) for u in uniques] + [None], dtype="str")
    bad = np.array([not isinstance(mapped[i], float) for i in range(n)] + [False], dtype=bool)
    idx = np.where(codes < 0, n, codes)
    if bad.any():
        score = pd.Series(table[idx], index=values.index, dtype=object)
    else:  # every value read: the numbers as float64
        score = pd.Series(table.astype("float64")[idx], index=values.index)
    unreadable = pd.Series(bad[idx], index=values.index)
    raw = pd.Series(raws.take(idx), index=values.index)  # taken from the distinct texts, not made cell by cell
    read_percents = [i for i, r in readings.items() if r.kind == "percent" and isinstance(mapped[i], float)]
    if read_percents and "numbers" in kinds:  # "60 %" among plain ratings: put on the scale, where 0.6 or a typo was meant
        shown = read_percents  # (one above 100 % is not read: validation reports it)
        n = int(np.isin(codes, shown).sum())
        first = uniques[shown[0]]
        problems.append(dict(severity="warning", sheet=sheet, rule="score_percent", column="score", value=_raw_text(first),
                             message=f"{n} score{'s are' if n != 1 else ' is'} written as a percentage among plain numbers and "
                                     f"{'were' if n != 1 else 'was'} put onto the {scale_text(target)} scale as a share of it "
                                     f"({_raw_text(first)} counts as {_fmt(round(float(mapped[shown[0]]), 2))})",
                             hint="Write the rating on the scale itself (such as 3 or 4), or check that the percentage was meant"))
    info.update(
        kind=", ".join(sorted(kinds)) or "none",
        source=scale_text(num_scale) if ("numbers" in kinds) else None,
        how=how if "numbers" in kinds else None,
        words=family,
        typos={r.typo_of: r.word for r in readings.values() if r.typo_of} or None,
        not_assessed=sorted({str(uniques[i]) for i, r in readings.items() if r.kind == "blank" and _raw_text(uniques[i])}) or None,
        unreadable=sorted({str(uniques[i]) for i in range(n) if bad[i]})[:10] or None,
    )
    if word_keys and family is None:
        info["how_words"] = "the words belong to different scales; use one scale or give it in a mapping"
    return ScaleResult(score, raw, unreadable, {k: v for k, v in info.items() if v is not None}, problems)


def _distinct_in_order(values: pd.Series) -> tuple[np.ndarray, list]:
    """(code of each cell, the distinct values in order of first appearance), None/NaN coded -1: `pandas.factorize`
    of the cells as objects; a category column's codes are renumbered instead (no Python object per cell)."""
    if isinstance(values.dtype, pd.CategoricalDtype):  # categories are distinct and never missing, as factorize's values
        cats = values.cat.categories.to_numpy(dtype=object)
        codes = values.cat.codes.to_numpy()
        order = pd.unique(codes[codes >= 0])
        lookup = np.full(len(cats) + 1, -1, dtype=np.int64)
        lookup[order] = np.arange(len(order))
        return lookup[np.where(codes < 0, len(cats), codes)], cats[order].tolist()
    return factorize_cells(values.astype(object).to_numpy(dtype=object))


def _raw_text(v) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    s = str(v)
    return s if s.strip() or "\u00a0" in s else None


def parse_scale(value) -> tuple[float, float] | None:
    """A scale as written in a Role sheet or mapping ('1-5', '0 – 100') -> (low, high), or None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_scale_text(value)


def scale_table(target: tuple[float, float] = (1.0, 5.0)) -> pd.DataFrame:
    """The word scales as a table: family, word, level, levels, score on `target` (for docs and `inspect`)."""
    rows = []
    for fam in FAMILY_ORDER:
        levels = WORD_SCALES[fam]
        for lvl, words in enumerate(levels, start=1):
            for w in words:
                rows.append(dict(family=fam, word=w, level=lvl, levels=len(levels),
                                 score=_onto(float(lvl), (1.0, float(len(levels))), target)))
    return pd.DataFrame(rows)
