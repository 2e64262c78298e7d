"""Header words people really write (English, German, Swedish) and where the header row is.

`field_for(header)` says which canonical field a column heading means
("Bewerber:in" -> "candidate", "Intervjuare" -> "interviewer", "Summe" ->
"computed"); `parse_criterion_header("Kommunikation (20 %)")` splits a
criterion column heading into name, weight and scale; `find_header` finds the
header row of a sheet wherever it is (title rows above, table starting at
B2, a two-row header whose upper cells are merged).

Import-side fields (besides the canonical ones of `toolkit.schema`):
- ``candidate``: a column that names the candidate, either an id or a name
  (decided from the values by `looks_like_ids`)
- ``first_name`` / ``last_name``: joined into ``name``
- ``computed``: totals, averages, weighted sums, ranks: never a criterion
- ``protected`` / ``personal``: what a column says about the person (age,
  gender, nationality ...; years of experience, salary, phone ...): never a
  criterion, and reported when found (a number in such a column would
  otherwise look like a rating)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..schema import CANDIDATE_FIELDS, normalise_header

# field -> headings (matched after normalise_header: case, spaces, punctuation ignored)
IMPORT_ALIASES: dict[str, tuple[str, ...]] = {
    "candidate": (
        "candidate", "kandidat", "kandidatin", "kandidat:in", "kandidat*in", "bewerber", "bewerberin", "bewerber:in",
        "bewerber/in", "bewerber*in", "bewerbende", "bewerbender", "applicant", "sökande", "kandidaten", "person",
    ),
    "candidate_id": (
        "candidate_id", "candidate id", "candidateid", "applicant id", "bewerber id", "bewerber-id", "bewerber:innen-id",
        "bewerbernummer", "kandidat id", "kandidat-id", "kandidatnummer", "sökande id", "sökande-id", "id", "nr", "nummer",
        "cand id", "kandidat nr", "bewerber nr",
    ),
    "name": (
        "name", "candidate name", "full name", "vollständiger name", "bewerbername", "name bewerber:in", "kandidatenname",
        "namn", "kandidatnamn", "sökandes namn", "fullständigt namn", "applicant name",
    ),
    "first_name": ("first name", "first_name", "firstname", "given name", "vorname", "förnamn"),
    "last_name": ("last name", "last_name", "lastname", "surname", "family name", "nachname", "familienname", "efternamn"),
    "interviewer": (
        "interviewer", "interviewer:in", "interviewerin", "interviewer*in", "interviewer/in", "interviewende", "interviewender",
        "intervjuare", "intervjuledare", "rater", "assessor", "reviewer", "panelist", "evaluator", "bewerter", "bewerter:in",
        "bewerterin", "beurteiler", "beurteiler:in", "prüfer", "prüfer:in", "gutachter", "bedömare", "interviewed by",
        "scored by", "submitted by", "bewertet von", "bedömd av", "interviewer name",
    ),
    "criterion": (
        "criterion", "criteria", "kriterium", "kriterien", "kriterie", "kriterier", "attribute", "competency", "competence",
        "kompetenz", "kompetens", "skill", "selection criterion", "auswahlkriterium", "urvalskriterium", "bedömningsgrund",
        "bewertungskriterium",
    ),
    "score": (
        "score", "rating", "bewertung", "punkte", "punktzahl", "betyg", "poäng", "grade", "wertung", "ratings", "scores",
        "einschätzung", "bedömning",
    ),
    "stage": (
        "stage", "round", "interview round", "interview", "runde", "gesprächsrunde", "interviewrunde", "phase", "omgång",
        "intervjuomgång", "steg", "interview stage", "interview type", "interviewtyp", "gespräch", "stufe", "auswahlstufe",
        "interviewstufe",
    ),
    "interviewed_on": (
        "date", "datum", "interview date", "interviewdatum", "gesprächsdatum", "intervjudatum", "interviewed on",
        "interviewed at", "interviewed_at", "datum des gesprächs", "dag", "termin",
    ),
    "evidence": (
        "comment", "comments", "kommentar", "kommentare", "anmerkung", "anmerkungen", "bemerkung", "bemerkungen",
        "begründung", "notes", "note", "notizen", "evidence", "observation", "observations", "beobachtung", "beobachtungen",
        "motivering", "anteckning", "anteckningar", "kommentarer", "belege", "feedback",
    ),
    "computed": (
        "total", "totals", "sum", "summe", "gesamt", "gesamtpunkte", "gesamtpunktzahl", "gesamtbewertung", "durchschnitt",
        "mittelwert", "schnitt", "average", "avg", "mean", "overall", "overall rating", "overall score", "weighted",
        "weighted score", "weighted total", "gewichtet", "gewichtete summe", "summa", "totalt", "medel", "medelvärde",
        "genomsnitt", "snitt", "rank", "rang", "ranking", "platz", "placering", "ø", "total score", "gesamtnote",
        "overallrating", "viktad summa", "viktat", "resultat",
    ),
    # about the person, never a rating: a protected characteristic must not inform the decision (nor be cited in a letter)
    "protected": (
        "age", "alter", "lebensalter", "ålder", "date of birth", "birth date", "dob", "birthday", "geburtsdatum", "geburtstag",
        "födelsedatum", "födelsedag", "year of birth", "birth year", "geburtsjahr", "födelseår", "jahrgang", "gender", "sex",
        "geschlecht", "kön", "nationality", "citizenship", "nationalität", "staatsangehörigkeit", "herkunft", "nationalitet",
        "medborgarskap", "religion", "konfession", "religionszugehörigkeit", "marital status", "familienstand", "civilstånd",
        "children", "kinder", "barn", "disability", "behinderung", "funktionsnedsättning", "pregnant", "schwanger", "gravid",
    ),
    # about the person or the application, not a rating of a criterion
    "personal": (
        "years of experience", "experience years", "years experience", "yrs experience", "jahre berufserfahrung",
        "berufsjahre", "jahre erfahrung", "år av erfarenhet", "års erfarenhet", "antal års erfarenhet", "erfarenhet år",
        "salary", "salary expectation", "salary expectations", "expected salary", "current salary", "gehalt",
        "gehaltsvorstellung", "gehaltswunsch", "gehaltsvorstellungen", "lön", "löneanspråk", "löneönskemål", "lönekrav",
        "notice period", "kündigungsfrist", "uppsägningstid", "phone", "telephone", "telefon", "telefonnummer",
        "handy", "mobilnummer", "address", "adresse", "anschrift", "adress", "postcode", "zip", "zip code", "plz",
        "postleitzahl", "postnummer", "city", "stadt", "wohnort", "ort", "stad", "linkedin", "source", "quelle", "källa",
        "recruiter", "start date", "earliest start", "eintrittsdatum", "startdatum", "availability", "verfügbarkeit",
        "tillgänglighet", "tillträde",
    ),
}

# Candidate-level columns that may sit in a score sheet (taken per candidate, first filled value).
CANDIDATE_LEVEL = ("email", "status", "language", "applied_on", "decided_on", "notified_on", "channel")
for _f in CANDIDATE_FIELDS:
    if _f.name in CANDIDATE_LEVEL:
        IMPORT_ALIASES[_f.name] = (_f.name, *_f.aliases)
IMPORT_ALIASES["status"] = (*IMPORT_ALIASES["status"], "entscheidung", "beslut", "ergebnis", "utfall", "decision")

SCORE_LEVEL = ("candidate", "candidate_id", "name", "first_name", "last_name", "interviewer", "criterion", "score", "stage",
               "interviewed_on", "evidence")
NOT_READ = ("computed", "protected", "personal")
"""Fields of columns that are never read: totals and ranks, and what a column says about the person rather than a rating."""
IMPORT_FIELDS = (*SCORE_LEVEL, *CANDIDATE_LEVEL, *NOT_READ)

# First word of a row label that marks a totals / averages row.
TOTAL_WORDS = frozenset(
    "total totals sum summe gesamt gesamtsumme zwischensumme subtotal durchschnitt mittelwert schnitt average averages avg "
    "mean median summa totalt medel medelvärde genomsnitt snitt ø".split()
)

TOTAL_LOOK = TOTAL_WORDS | {"grand"}
"""A text can only be a totals label when it holds one of these ("grand total", "Grand Average": the last row of pivot
tables and of Excel's Subtotal): `total_labels` asks `row_label_is_total` of no other plain-ASCII text."""

# The last word of the rows Excel's Data > Subtotal inserts under each group ("B01 Ergebnis"), by Excel's language.
SUBTOTAL_LAST = frozenset({"ergebnis", "total", "summa", "average", "mittelwert", "medel", "count", "anzahl", "antal", "max", "min",
                           "maximum", "minimum"})  # Sum, Average, Count, Max, Min in English, German and Swedish Excel

# Headings that introduce notes or a legend below a table.
NOTE_WORDS = frozenset(
    "note notes hinweis hinweise anmerkung legende legend key skala scale skalan förklaring anm obs quelle source stand "
    "erstellt created".split()
)

_ALIAS_INDEX: dict[str, str] = {}
for _name, _aliases in IMPORT_ALIASES.items():
    for _a in _aliases:
        _ALIAS_INDEX.setdefault(normalise_header(_a), _name)

_BRACKET = re.compile(r"[\(\[\{]([^\)\]\}]*)[\)\]\}]")
_PERCENT = re.compile(r"^\s*(?:gewicht|gewichtung|weight|vikt|w)?\s*[:=]?\s*(\d+(?:[.,]\d+)?)\s*%\s*$", re.I)
_WEIGHT = re.compile(r"^\s*(?:gewicht|gewichtung|weight|vikt|w)\s*[:=]?\s*(\d+(?:[.,]\d+)?)\s*$", re.I)
_SCALE = re.compile(r"^\s*(?:skala|scale|skalan)?\s*[:=]?\s*(-?\d+(?:[.,]\d+)?)\s*(?:-|–|—|to|bis|till)\s*(-?\d+(?:[.,]\d+)?)\s*$", re.I)
_TRAILING_PERCENT = re.compile(r"\s*[-–—:,]?\s*(\d+(?:[.,]\d+)?)\s*%\s*$")
_PREFIX = re.compile(r"^(?:rating|score|bewertung|betyg|punkte|poäng)(?:[\s:_\-–]+|(?=[A-ZÄÖÜÅ]))", re.I)


def clean_text(text: object) -> str:
    """A heading as a person reads it: NFKC, newlines and runs of spaces collapsed, trimmed; a whole number in a number
    cell as written (2026, not "2026.0")."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer() and abs(text) < 1e16:
        return str(int(text))
    s = unicodedata.normalize("NFKC", str(text)).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def _class_of(chars, *, negate: bool = False) -> str:
    """A regular-expression character class (RE2 syntax, as Arrow runs it) holding exactly ``chars`` (with ``negate``:
    every other character)."""
    runs: list[list[int]] = []
    for o in sorted(map(ord, chars)):
        if runs and runs[-1][1] == o - 1:
            runs[-1][1] = o
        else:
            runs.append([o, o])
    return "[" + "^" * negate + "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in runs) + "]"


SPACE_CHARS = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
"""Every character Python's ``str.strip()`` and ``\\s`` take for a space (NBSP, line and paragraph separators...)."""
NOT_SPACE = _class_of(SPACE_CHARS, negate=True)
"""A character that is not one of `SPACE_CHARS`, as a pattern Arrow can run."""
_STABLE = _class_of(c for c in map(chr, range(0x21, 0x250)) if unicodedata.normalize("NFKC", c) == c and not c.isspace()
                    and unicodedata.combining(c) == 0 and unicodedata.category(c)[0] != "C")
CLEAN_TEXT = f"^{_STABLE}+(?: {_STABLE}+)*$"
"""Texts `clean_text` leaves as they are, as a pattern Arrow can run: characters up to U+024F (Latin letters with
their accents, digits, punctuation) that NFKC keeps and no two of which it joins, single spaces between them.
Others may still be clean; `clean_texts` asks `clean_text` about them."""


def text_array(values: list):
    """``values`` as an Arrow text array when every one is text (``str`` itself) or None, else None (cells of other kinds;
    Arrow would also take bytes)."""
    import pyarrow as pa

    if not all(v is None or type(v) is str for v in values):
        return None
    try:
        return pa.array(values, type=pa.large_string(), from_pandas=False)
    except (pa.ArrowException, TypeError, ValueError, UnicodeError):  # a number, date or NaN among them; a lone surrogate
        return None


def clean_texts(values: list) -> list[str]:
    """``[clean_text(v) for v in values]``, for many at once: a text Arrow finds clean already (`CLEAN_TEXT`) is kept
    as it is, and only the others go through `clean_text` (50,000 candidate ids in a few milliseconds)."""
    texts = text_array(values) if len(values) >= 64 else None
    if texts is None:
        return [clean_text(v) for v in values]
    import pyarrow.compute as pc

    kept = pc.fill_null(pc.match_substring_regex(texts, CLEAN_TEXT), False).to_numpy(zero_copy_only=False)
    return [v if k else clean_text(v) for v, k in zip(values, kept.tolist())]


def header_key(text: object) -> str:
    """`normalise_header` after removing bracketed parts: "Rating (1-5)" -> "rating"."""
    s = _BRACKET.sub(" ", clean_text(text))
    s = _TRAILING_PERCENT.sub("", s)
    return normalise_header(s)


def field_for(text: object) -> str | None:
    """The import field a heading means, or None (unknown heading: maybe a criterion)."""
    key = header_key(text)
    if not key:
        return None
    hit = _ALIAS_INDEX.get(key)
    if hit == "personal":  # "Availability (30 %)": a weight or scale in the heading makes it a criterion that was rated
        parsed = parse_criterion_header(text)
        if parsed.weight is not None or parsed.scale is not None:
            return None
    if hit:
        return hit
    first = re.split(r"[^\w]+", clean_text(text).casefold(), maxsplit=1)[0]
    if first in TOTAL_WORDS and len(clean_text(text)) <= 40:
        return "computed"
    return None


def comment_for(heading: object, criteria: list[str]) -> str | None:
    """The criterion a comment column belongs to ("Kommentar Kommunikation", "Communication - notes"), or None."""
    key = header_key(heading)
    for name in criteria:
        ck = normalise_header(name)
        if ck and ck in key and _ALIAS_INDEX.get(key.replace(ck, "", 1)) == "evidence":
            return name
    return None


def parse_scale_text(text: object) -> tuple[float, float] | None:
    """'1-5', '0–100', '1 bis 10', 'Skala 1-4' -> (low, high); None if not a scale."""
    m = _SCALE.match(clean_text(text))
    if not m:
        return None
    lo, hi = (float(x.replace(",", ".")) for x in m.groups())
    return (lo, hi) if lo < hi else None


@dataclass(frozen=True)
class CriterionHeader:
    name: str
    weight: float | None = None  # as written: 20 % -> 20.0 with percent=True
    percent: bool = False
    scale: tuple[float, float] | None = None


def _split_words(name: str) -> str:
    if " " in name:
        return name
    if "_" in name:
        return name.replace("_", " ").strip()
    # CamelCase joined words (CSV exports): ProblemSolving -> Problem Solving
    if re.search(r"[a-zäöüå][A-ZÄÖÜÅ]", name):
        return re.sub(r"(?<=[a-zäöüå])(?=[A-ZÄÖÜÅ])", " ", name)
    return name


_OUT_OF = re.compile(r"^\s*(?:/|von|aus|av|of|out of)\s*(\d{1,3})\s*$", re.I)  # "(von 10)", "(/10)": the top of a 1-N scale
_TRAILING_OUT_OF = re.compile(r"\s*/\s*(\d{1,3})\s*$")  # "SQL /10"


def _out_of(text: str) -> tuple[float, float] | None:
    m = _OUT_OF.match(text)
    return (1.0, float(m.group(1))) if m and int(m.group(1)) > 1 else None


def parse_criterion_header(text: object) -> CriterionHeader:
    """Split a criterion column heading into its name, weight and scale.

    >>> parse_criterion_header("Kommunikation (20 %)")
    CriterionHeader(name='Kommunikation', weight=20.0, percent=True, scale=None)
    >>> parse_criterion_header("RatingProblemSolving").name
    'Problem Solving'
    """
    s = clean_text(text)
    weight, percent, scale = None, False, None
    for m in list(_BRACKET.finditer(s)):
        inner = m.group(1)
        if (p := _PERCENT.match(inner)) and weight is None:
            weight, percent = float(p.group(1).replace(",", ".")), True
        elif (w := _WEIGHT.match(inner)) and weight is None:
            weight = float(w.group(1).replace(",", "."))
        elif (sc := parse_scale_text(inner) or _out_of(inner)) and scale is None:
            scale = sc
        else:
            continue
        s = s.replace(m.group(0), " ")
    if scale is None and (t := _TRAILING_OUT_OF.search(s)) and t.start() > 0 and int(t.group(1)) > 1:
        scale, s = (1.0, float(t.group(1))), s[: t.start()]
    if weight is None and (t := _TRAILING_PERCENT.search(s)) and t.start() > 0:
        weight, percent = float(t.group(1).replace(",", ".")), True
        s = s[: t.start()]
    s = re.sub(r"\s+", " ", s).strip(" :-–—,;")
    stripped = _PREFIX.sub("", s).strip(" :-–—")
    if stripped and stripped != s:
        s = stripped
    return CriterionHeader(_split_words(s).strip(), weight, percent, scale)


def looks_like_ids(values: list) -> bool:
    """True when the filled values look like ids (C001, A-17, 4711, uuids) rather than person names."""
    vals = [str(v).strip() for v in values if str(v).strip()]
    if not vals:
        return False
    pattern = re.compile(r"^(?:[A-Za-z]{0,4}[-_ ]?\d+[A-Za-z]?|[0-9a-fA-F]{8}-[0-9a-fA-F-]{27,})$")
    hits = sum(1 for v in vals if pattern.match(v) and not re.search(r"[a-z]{3,}\s", v))
    return hits >= 0.8 * len(vals)


def row_label_is_total(text: object) -> bool:
    """A row label such as 'Summe', 'Total:', 'Average of all', 'Ø', 'Medel' (first word decides)."""
    s = clean_text(text).casefold()
    if not s or len(s) > 40:
        return False
    if s.startswith("ø"):
        return True
    if s.startswith(("grand total", "grand average", "grand count", "grand max", "grand min", "gesamtergebnis", "gesamtmittelwert",
                     "gesamtanzahl", "totalsumma", "totalmedel", "summe von", "sum of", "average of", "mittelwert von")):
        return True  # pivot-table totals
    words = [w for w in re.split(r"[^\w]+", s) if w]
    return bool(words) and words[0] in TOTAL_WORDS and len(words) <= 4


def subtotal_group(text: object) -> str | None:
    """The group a row label of Excel's Data > Subtotal names ("B01 Ergebnis", "B01 Total", "B01 Summa": "B01"), or None.
    Only a subtotal when the rows above are that group's (`rows.classify_rows` checks): "Marco Summa" is a name."""
    if not isinstance(text, str):
        return None
    s = clean_text(text)
    head, _, last = s.rpartition(" ")
    return (head.strip() or None) if last.casefold() in SUBTOTAL_LAST and len(s) <= 60 else None


def total_labels(values: list) -> "np.ndarray":
    """`row_label_is_total` of each value (False for a non-text), asked only where it can be true.

    Plain-ASCII text can only be a totals label when it contains a totals word
    (a word of `TOTAL_WORDS`; the pivot-table phrases contain one too): the
    others are decided without the per-text call, a thousand ids in a millisecond.
    """
    return _where_possible(values, row_label_is_total, "|".join(re.escape(w) for w in sorted(TOTAL_LOOK) if w.isascii()))


def subtotal_labels(values: list) -> "np.ndarray":
    """`subtotal_group` is not None, for each value (asked only where it can be)."""
    return _where_possible(values, lambda t: subtotal_group(t) is not None, "|".join(sorted(SUBTOTAL_LAST)))


def total_or_subtotal_labels(values: list) -> "np.ndarray":
    """`total_labels`, or a label of Excel's Subtotal rows (`subtotal_group`), of each value: the rows that might not be
    data, in one pass."""
    words = sorted(TOTAL_LOOK | SUBTOTAL_LAST)
    return _where_possible(values, lambda t: row_label_is_total(t) or subtotal_group(t) is not None,
                           "|".join(re.escape(w) for w in words if w.isascii()))


def note_labels(values: list) -> "np.ndarray":
    """`row_label_is_note` of each value (False for a non-text), asked only where it can be true.

    Plain-ASCII text can only open a note when it is longer than 60 characters,
    holds a mark such as "*", or contains a word of `NOTE_WORDS`.
    """
    words = "|".join(re.escape(w) for w in sorted(NOTE_WORDS) if w.isascii())
    return _where_possible(values, row_label_is_note, rf"[*]|{words}", longer_than=60)


def _where_possible(values: list, fn, pattern: str, longer_than: int | None = None) -> "np.ndarray":
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    out = np.zeros(len(values), dtype=bool)
    if not values:
        return out
    texts = pa.array([v if isinstance(v, str) else None for v in values], type=pa.large_string())
    maybe = ~pc.fill_null(pc.string_is_ascii(texts), False).to_numpy(zero_copy_only=False)
    maybe |= pc.fill_null(pc.match_substring_regex(pc.utf8_lower(texts), pattern), False).to_numpy(zero_copy_only=False)
    if longer_than is not None:
        maybe |= pc.fill_null(pc.greater(pc.utf8_length(texts), longer_than), False).to_numpy(zero_copy_only=False)
    for i in np.flatnonzero(maybe):
        v = values[i]
        out[i] = isinstance(v, str) and fn(v)
    return out


def row_label_is_note(text: object) -> bool:
    """A row that opens a legend or note ('Hinweis: ...', 'Skala: 1 = ...', '* scores from ...')."""
    s = clean_text(text)
    if not s:
        return False
    if s[0] in "*¹²³†" or len(s) > 60:
        return True
    first = re.split(r"[^\w]+", s.casefold(), maxsplit=1)[0]
    return first in NOTE_WORDS


# ---------------------------------------------------------------------------
# Finding the header row


@dataclass
class Header:
    """Where a table's header is. Rows and columns are 0-based grid positions."""

    row: int  # last header row; data starts below it
    rows: tuple[int, ...]  # all header rows (two for a two-row header)
    first_col: int
    labels: dict[int, str] = field(default_factory=dict)  # column -> combined heading
    fields: dict[int, str | None] = field(default_factory=dict)  # column -> import field (None = unknown)

    @property
    def excel_rows(self) -> list[int]:
        return [r + 1 for r in self.rows]


HEADER_SEARCH_ROWS = 40


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.replace("\u00a0", " ").strip()) or (isinstance(v, float) and v != v)


def _is_text(v) -> bool:
    if not isinstance(v, str) or _blank(v):
        return False
    t = v.strip().replace(",", ".").rstrip("%").strip()
    try:
        float(t)
        return False
    except ValueError:
        return True


def _hits(row: list) -> set[str]:
    found = set()
    for v in row:
        if _is_text(v):
            f = field_for(v)
            if f and f != "computed":
                found.add("candidate" if f in ("candidate_id", "name", "first_name", "last_name") else f)
    return found


def find_header(rows: list[list], *, header_row: int | None = None, header_rows: int | None = None) -> Header | None:
    """The header of the table in `rows` (a sheet's grid), or None if no row looks like one.

    The header row is the row (among the first 40) with most distinct known
    headings; it must have at least two filled cells and name the candidate or
    at least two known fields. A row below it that fills cells left blank in
    the header (the lower half of a two-row header whose upper cells are
    merged) is combined with it. `header_row` (1-based, the last header row)
    and `header_rows` (1 or 2) override the search, as a mapping file does.
    """
    if header_row is not None:
        last = header_row - 1
        n = header_rows or 1
        hrows = tuple(range(last - n + 1, last + 1))
        if last >= len(rows) or hrows[0] < 0:
            return None
        return _build_header(rows, hrows)
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        filled = [v for v in row if not _blank(v)]
        if len(filled) < 2:
            continue
        hits = _hits(row)
        if not hits or (len(hits) < 2 and "candidate" not in hits):
            continue
        score = len(hits)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    hrows: tuple[int, ...] = (best,)
    if header_rows != 1 and best + 1 < len(rows) and _is_lower_header(rows[best], rows[best + 1]):
        hrows = (best, best + 1)
    return _build_header(rows, hrows)


def _is_lower_header(upper: list, lower: list) -> bool:
    """True when `lower` completes `upper` as a two-row header rather than being the first data row."""
    width = max(len(upper), len(lower))
    up = [upper[c] if c < len(upper) else "" for c in range(width)]
    lo = [lower[c] if c < len(lower) else "" for c in range(width)]
    filled_lo = [c for c in range(width) if not _blank(lo[c])]
    if not filled_lo or not all(_is_text(lo[c]) for c in filled_lo):
        return False
    under_blank = [c for c in filled_lo if _blank(up[c])]
    blank_under_label = [c for c in range(width) if not _blank(up[c]) and _blank(lo[c])]
    return bool(under_blank) and bool(blank_under_label)


def _build_header(rows: list[list], hrows: tuple[int, ...]) -> Header:
    width = max(len(rows[r]) for r in hrows)
    labels: dict[int, str] = {}
    if len(hrows) == 1:
        for c, v in enumerate(rows[hrows[0]]):
            if not _blank(v):
                labels[c] = clean_text(v)
    else:
        upper, lower = rows[hrows[0]], rows[hrows[1]]
        for c in range(width):
            u = upper[c] if c < len(upper) else ""
            lo = lower[c] if c < len(lower) else ""
            if not _blank(lo):
                labels[c] = clean_text(lo)
            elif not _blank(u):
                labels[c] = clean_text(u)
    first = min(labels) if labels else 0
    return Header(row=hrows[-1], rows=hrows, first_col=first, labels=labels, fields={c: field_for(t) for c, t in labels.items()})
