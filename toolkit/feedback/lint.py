"""Feedback lint: generic reasons, protected characteristics and over-long letters.

Three rules, in English, German and Swedish (GUIDANCE rules 4 and 7):

- ``generic_reason``: a stock reason that says nothing about the criteria
  ("another candidate better matched our needs", "nicht ins Team gepasst",
  "inte rätt profil", "a more suitable profile", ...).
- ``protected_characteristic``: a word about age, gender, pregnancy,
  family, religion, ethnicity or race, nationality, disability or health,
  or sexual orientation. Words are matched whole (``age`` does not match
  "Teamage" or "manager"), with a few word families (``schwanger*``,
  ``Kinder*``, ``gravid*``) matched as prefixes. It flags for a human to look
  at; it does not judge: "the client's age profile" is flagged too.
- ``too_long``: a letter of more than `LETTER_WORD_LIMIT` words (a letter
  should explain briefly; interviewer notes are not length-checked).

Text is checked with the patterns of its language and, because committees
often write notes in English whatever the round's language, with the
English patterns as well.

Results are data: `lint_text` gives a list of dicts, `lint_round` a
DataFrame with one row per finding (columns `LINT_COLUMNS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

from ..model import HiringRound, takes_round
from .language import normalise_language

LETTER_WORD_LIMIT = 250
"""A letter longer than this many words is flagged ``too_long``."""

LINT_COLUMNS = ["round_id", "candidate_id", "source", "rule", "language", "excerpt", "message"]
SOURCES = ("letter", "interviewer note", "evidence")
RULES = ("generic_reason", "protected_characteristic", "too_long")

_W = r"\s+"

GENERIC_REASONS: dict[str, list[str]] = {
    "en": [
        r"(?:better|more closely) match(?:ed|es)?(?:\s+\w+){0,3}\s+(?:our|the)\s+(?:needs|requirements)",
        r"match(?:ed|es)?\s+our\s+(?:needs|requirements)\s+(?:better|more closely)",
        r"(?:better|best)\s+suited",
        r"more\s+suitable\s+(?:profile|candidate|applicant|background)",
        r"(?:not|n't)\s+(?:quite\s+)?(?:the\s+)?right\s+(?:fit|profile|match)",
        r"(?:not|n't)\s+(?:quite\s+)?a\s+(?:good\s+|great\s+)?fit",
        r"(?:a|the)\s+better\s+fit",
        r"(?:profile|skills|experience)\s+(?:was\s+|were\s+)?(?:a\s+)?(?:better|closer)\s+(?:fit|match)",
        r"(?:high|large|great)\s+(?:number|volume)\s+of\s+(?:strong\s+|excellent\s+|qualified\s+|high-quality\s+)?(?:applications|applicants|candidates)",
        r"move\s+forward\s+with\s+(?:other|another|a\s+different)\s+candidates?",
    ],
    "de": [
        r"nicht\s+(?:ganz\s+|so\s+gut\s+|wirklich\s+)?(?:ins|in\s+das|zu\s+unserem|zum)\s+Team\s+(?:ge)?pass\w*",
        r"(?:ins|in\s+das|zum)\s+Team\s+(?:nicht\s+)?(?:ge)?passt",
        r"passender(?:e|es|en|em)?\s+Profil",
        r"(?:besser|eher)\s+(?:zu\s+)?(?:unseren|den|unsere|die)\s+(?:Anforderungen|Bedürfnissen|Bedürfnisse|Vorstellungen)",
        r"(?:unseren|den)\s+(?:Anforderungen|Bedürfnissen|Vorstellungen)\s+(?:besser|eher|mehr)\s+(?:entsprach|entspricht|entsprochen)",
        r"(?:entsprach|entsprachen|entspricht)\s+(?:\w+\s+){0,2}besser\s+(?:unseren|den)",
        r"besser\s+geeignet",
        r"nicht\s+(?:ganz\s+)?(?:dem\s+|das\s+)?(?:gesuchten?|passenden?|richtigen?)\s+Profil",
        r"(?:Vielzahl|große[rn]?\s+Zahl|Menge)\s+(?:von\s+|an\s+)?(?:\w+\s+){0,2}(?:Bewerbungen|Bewerber\w*|Kandidat\w*)",
        r"(?:nicht|kein)\s+(?:der\s+|die\s+)?richtige[rn]?\s+(?:Kandidat|Kandidatin|Match|Fit)",
    ],
    "sv": [
        r"(?:inte|ej)\s+(?:riktigt\s+|helt\s+)?(?:den\s+)?rätta?\s+profil(?:en)?",
        r"mer\s+passande\s+profil",
        r"bättre\s+passande\s+profil",
        r"passa(?:r|de)\s+(?:våra|de)\s+behov\s+bättre",
        r"bättre\s+(?:passa(?:r|de)|motsvara(?:r|de)|matcha(?:r|de))\s+(?:våra|de|vår|den)",
        r"(?:matcha(?:r|de)|motsvara(?:r|de))\s+(?:våra|de)\s+(?:behov|krav)\s+bättre",
        r"(?:inte|ej)\s+(?:riktigt\s+)?(?:rätt|en\s+bra)\s+match",
        r"passa(?:r|de)\s+(?:inte\s+)?in\s+i\s+(?:teamet|gruppen|arbetsgruppen)",
        r"(?:stort|högt)\s+antal\s+(?:kvalificerade\s+|starka\s+|mycket\s+bra\s+)?(?:sökande|ansökningar|kandidater)",
    ],
}
"""Stock reasons that name no criterion (regular expressions, matched case-insensitively)."""

# Protected characteristics: category -> words. A trailing "*" matches the word as a prefix
# ("schwanger*" = schwanger, schwangere, Schwangerschaft); without it the word must match whole.
PROTECTED_WORDS: dict[str, dict[str, list[str]]] = {
    "en": {
        "age": ["age", "aged", "ageing", "aging", "years old", "too old", "too young", "young", "younger", "older", "elderly",
                "retire*", "pension age", "date of birth", "birth year", "generation z", "millennial*", "boomer*"],
        "gender": ["gender", "male", "female", "woman", "women", "man", "men", "girl*", "lady", "ladies", "guy", "sex"],
        "pregnancy": ["pregnan*", "maternity", "paternity", "parental leave", "expecting a baby"],
        "family": ["children", "child", "kids", "childcare", "family", "families", "married", "marriage", "husband", "wife",
                   "spouse", "single mother", "single father", "single parent"],
        "religion": ["religion*", "religious", "church", "mosque", "synagogue", "temple", "muslim*", "christianity", "jewish",
                     "jew", "hindu*", "buddhist*", "headscarf", "hijab", "ramadan"],
        "ethnicity": ["race", "racial", "ethnic*", "skin colour", "skin color", "complexion"],
        "nationality": ["nationality", "foreigner*", "foreign-born", "immigrant*", "citizenship", "native country", "country of origin",
                        "native speaker*", "native-speaker*", "native german", "native english", "native swedish", "mother tongue"],
        "disability": ["disabilit*", "disabled", "handicap*", "wheelchair", "illness*", "chronic*", "mental health",
                       "autis*", "adhd", "deaf", "blind", "sick leave"],
        "sexual_orientation": ["sexual orientation", "gay", "lesbian", "bisexual", "transgender"],
    },
    "de": {
        "age": ["Alter", "Alters", "zu alt", "zu jung", "jung", "junge", "jungen", "junger", "jünger*", "älter*", "Jahre alt",
                "Jahrgang", "Rente*", "Ruhestand", "Geburtsjahr"],
        "gender": ["Geschlecht*", "Frauen", "Mann", "Männer", "weiblich*", "männlich*", "Mädchen"],
        "pregnancy": ["schwanger*", "Schwangerschaft*", "Mutterschutz", "Elternzeit", "Mutterschaft*"],
        "family": ["Kind", "Kinder*", "Familie*", "Familienplanung", "verheiratet", "Ehemann", "Ehefrau",
                   "alleinerziehend*", "Kinderbetreuung"],
        "religion": ["Religion*", "religiös*", "Kirche*", "Moschee*", "Synagoge*", "Kopftuch*", "muslimisch*", "Muslim*",
                     "christlich*", "jüdisch*", "Konfession*"],
        "ethnicity": ["Rasse", "Herkunft", "ethnisch*", "Hautfarbe", "Migrationshintergrund"],
        "nationality": ["Nationalität", "Staatsangehörigkeit", "Staatsbürgerschaft", "Ausländer*", "ausländisch*", "Muttersprach*"],
        "disability": ["Behinderung*", "behindert*", "Schwerbehind*", "Rollstuhl*", "krank", "Krankheit*", "chronisch*",
                       "psychisch*", "Krankmeldung*"],
        "sexual_orientation": ["sexuelle Orientierung", "schwul", "lesbisch", "homosexuell*", "transgender"],
    },
    "sv": {
        "age": ["ålder", "åldern", "gammal", "gamla", "för gammal", "för ung", "ung", "unga", "yngre", "äldre", "pension*",
                "födelseår"],
        "gender": ["kön", "könet", "kvinna", "kvinnor", "kvinnlig*", "manlig*", "tjej*", "kille", "killar"],
        "pregnancy": ["gravid*", "föräldraledig*", "mammaledig*", "pappaledig*", "barnledig*"],
        "family": ["barn", "barnen", "familj*", "gift", "sambo", "make", "maka", "ensamstående", "barnomsorg"],
        "religion": ["religion*", "religiös*", "kyrka*", "kyrkan", "moské*", "synagoga*", "slöja*", "muslim*", "kristen",
                     "kristna", "judisk*"],
        "ethnicity": ["etnicitet", "etnisk*", "hudfärg", "ras"],
        "nationality": ["nationalitet", "medborgarskap", "utlänning*", "invandrar*", "utländsk*", "ursprungsland", "modersmål*",
                        "infödd*"],
        "disability": ["funktionsnedsättning*", "funktionshinder*", "handikapp*", "rullstol*", "sjukdom*", "sjukskriv*",
                       "kronisk*", "psykisk ohälsa", "diagnos", "diagnosen"],
        "sexual_orientation": ["sexuell läggning", "homosexuell*", "bisexuell*", "transperson*"],
    },
}
"""Words about protected characteristics, per language and category (``*`` = prefix)."""

NOT_ENGLISH_HERE = {
    "de": {"man", "blind"},
    "sv": {"man", "men", "sex", "blind"},
}
"""English protected words that are everyday words of another language ("men" = but, "sex" = six in Swedish):
skipped when the English list is run over German or Swedish text."""

CATEGORY_NAMES = {
    "age": "age", "gender": "gender", "pregnancy": "pregnancy or parental leave", "family": "family or children",
    "religion": "religion", "ethnicity": "ethnicity or race", "nationality": "nationality or origin",
    "disability": "disability or health", "sexual_orientation": "sexual orientation",
}


def _word_pattern(word: str) -> str:
    prefix = word.endswith("*")
    core = word.rstrip("*")
    body = _W.join(re.escape(part) for part in core.split())
    return rf"(?<!\w){body}" + (r"[\w-]*" if prefix else r"(?!\w)")


_TOKEN = re.compile(r"\w+")

WORK_PHRASES: dict[str, list[str]] = {
    "en": ["elderly care", "care of the elderly", "care for the elderly", "care of older people", "older people's services",
           "children's services", "child protection", "young people's services", "youth work", "family law", "family services"],
    "de": ["Kinder- und Jugendhilfe", "Pflege älterer Menschen", "Betreuung älterer Menschen", "Familienrecht"],
    "sv": ["hemtjänst för äldre", "omsorg om äldre", "vård av äldre", "vård och omsorg om äldre", "boende för äldre",
           "barn och unga", "barn och ungdomar"],
}
"""Names of a line of work that hold a protected word ("elderly care", "omsorg om äldre"): a job title, criterion or
evidence about the work, not about the person. A protected word inside one is not reported."""
_WORK = re.compile("|".join(_word_pattern(p) for lang in WORK_PHRASES for p in WORK_PHRASES[lang]), re.IGNORECASE)


class _WordMatcher:
    """Finds one language's protected words: single words by looking each token up, phrases by one regex.

    Token lookups keep the lint fast on long texts (a report lints every
    letter and every evidence cell of a round).
    """

    def __init__(self, words_by_category: dict[str, list[str]], skip: frozenset = frozenset()) -> None:
        self.exact: dict[str, str] = {}
        self.prefixes: dict[str, list[tuple[str, str]]] = {}
        phrases = []
        for category, words in words_by_category.items():
            for word in words:
                core = word.rstrip("*").casefold()
                if core in skip:
                    continue
                if " " in core:
                    phrases.append((core.split()[0], category, re.compile(_word_pattern(word), re.IGNORECASE)))
                elif word.endswith("*"):
                    self.prefixes.setdefault(core[:3], []).append((core, category))
                else:
                    self.exact.setdefault(core, category)
        self.phrases = phrases  # (first word, category, pattern): a phrase is only searched for when its first word occurs

    def _category(self, token: str) -> str | None:
        category = self.exact.get(token)
        if category is None:
            for prefix, cat in self.prefixes.get(token[:3], ()):
                if token.startswith(prefix):
                    return cat
        return category

    def finditer(self, text: str):
        """Yield (category, start, end, matched text): words first, then phrases."""
        tokens = set(_TOKEN.findall(text.casefold()))
        hits = {t: c for t in tokens if (c := self._category(t)) is not None}
        if hits:
            for m in _TOKEN.finditer(text):
                category = hits.get(m.group(0).casefold())
                if category is not None:
                    yield category, m.start(), m.end(), m.group(0)
        for first, category, pattern in self.phrases:
            if first in tokens:
                for m in pattern.finditer(text):
                    yield category, m.start(), m.end(), m.group(0)


_GENERIC = {lang: [re.compile(p, re.IGNORECASE) for p in pats] for lang, pats in GENERIC_REASONS.items()}
_GENERIC_ANY = {lang: re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) for lang, pats in GENERIC_REASONS.items()}
_PROTECTED = {lang: _WordMatcher(cats) for lang, cats in PROTECTED_WORDS.items()}
_ENGLISH_IN = {lang: _WordMatcher(PROTECTED_WORDS["en"], frozenset(skip)) for lang, skip in NOT_ENGLISH_HERE.items()}


def _excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    out = " ".join(text[a:b].split())
    return ("…" if a > 0 else "") + out + ("…" if b < len(text) else "")


def _languages(language: object) -> list[str]:
    lang = normalise_language(language) or "en"
    return [lang] if lang == "en" else [lang, "en"]


def lint_text(text: object, language: object, *, max_words: int | None = LETTER_WORD_LIMIT) -> list[dict]:
    """Findings in one text: a list of dicts with rule, language, excerpt, message (and start: the position).

    ``language`` is the text's language (en, de, sv; English patterns are
    always checked too). ``max_words`` is the length limit for a letter;
    pass None for notes and evidence, which are not length-checked.
    Findings are ordered by position; overlapping matches of one rule are
    reported once.
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    text = str(text)
    findings: list[dict] = []
    text_lang = normalise_language(language) or "en"
    work = [(m.start(), m.end()) for m in _WORK.finditer(text)]  # "elderly care" in the text: the work, not a person
    for lang in _languages(language):
        protected = _ENGLISH_IN.get(text_lang, _PROTECTED["en"]) if lang == "en" else _PROTECTED[lang]
        for pat in _GENERIC[lang] if _GENERIC_ANY[lang].search(text) else ():
            for m in pat.finditer(text):
                findings.append({
                    "rule": "generic_reason", "language": lang, "start": m.start(), "end": m.end(),
                    "excerpt": _excerpt(text, m.start(), m.end()),
                    "message": f"Generic reason {m.group(0)!r}: it names no criterion. Say which criterion decided and how to grow in it.",
                })
        for category, start, end, word in protected.finditer(text):
            if any(a <= start < b for a, b in work):  # "elderly care": the work, not the person
                continue
            findings.append({
                "rule": "protected_characteristic", "language": lang, "start": start, "end": end,
                "excerpt": _excerpt(text, start, end),
                "message": (f"Mentions {CATEGORY_NAMES[category]} ({word!r}). A hiring decision must not rest on it; "
                            "remove it, or check that it is not about the candidate."),
            })
    findings.sort(key=lambda f: (f["start"], -(f["end"] - f["start"])))
    kept: list[dict] = []
    for f in findings:  # one finding per rule and stretch of text
        if any(k["rule"] == f["rule"] and k["start"] <= f["start"] < k["end"] for k in kept):
            continue
        kept.append(f)
    if max_words is not None:
        import numbers

        if isinstance(max_words, bool) or not isinstance(max_words, numbers.Integral) or max_words < 1:
            from ..errors import ToolkitError

            raise ToolkitError("max_words is a whole number of words", value=max_words, allowed="1 or more, or None for no limit")
        n = len(text.split())
        if n > max_words:
            kept.append({
                "rule": "too_long", "language": normalise_language(language) or "en", "start": 0, "end": len(text),
                "excerpt": _excerpt(text, 0, 0, 80),
                "message": f"The letter has {n} words; keep it under {max_words}: one reason, one growth area, no details that only hurt.",
            })
    for f in kept:
        f.pop("end", None)
    return kept


@takes_round
def lint_round(round: HiringRound, feedbacks: Iterable | Mapping | None = None) -> pd.DataFrame:
    """Every lint finding of a round: its letters, the Candidates sheet's notes and the Scores' evidence.

    ``feedbacks`` are the round's `Feedback` objects (a list, or a dict by
    candidate id); None composes the letters of every rejected and
    withdrawn candidate (`compose_round`). Returns one row per finding with
    `LINT_COLUMNS`: round_id, candidate_id, source ("letter", "interviewer
    note" for the Candidates sheet's notes, "evidence" for the Scores
    sheet's evidence), rule ("generic_reason", "protected_characteristic",
    "too_long"), language, excerpt and message. Notes and evidence are
    checked in the round's language (and English).
    """
    if feedbacks is None:
        from .compose import compose_round

        feedbacks = compose_round(round)
    if isinstance(feedbacks, Mapping):
        feedbacks = list(feedbacks.values())
    rows: list[dict] = []
    seen: dict[tuple, list[dict]] = {}  # the same note or evidence text is linted once

    def add(cid: str, source: str, text: object, language: object, max_words: int | None) -> None:
        key = (text if isinstance(text, str) else None, str(language), max_words)
        if key[0] is None or key not in seen:
            found = lint_text(text, language, max_words=max_words)
            if key[0] is not None:
                seen[key] = found
        else:
            found = seen[key]
        for f in found:
            rows.append({"round_id": round.round_id, "candidate_id": cid, "source": source, "rule": f["rule"],
                         "language": f["language"], "excerpt": f["excerpt"], "message": f["message"]})

    for fb in feedbacks:
        add(fb.candidate_id, "letter", fb.text, fb.language, LETTER_WORD_LIMIT)
    lang = round.role.language
    c = round.candidates
    if "notes" in c.columns:
        for cid, note in zip(c["candidate_id"].astype("str"), c["notes"]):
            add(cid, "interviewer note", note, lang, None)
    s = round.scores
    if "evidence" in s.columns and len(s):
        ev = s.loc[s["evidence"].notna(), ["candidate_id", "evidence"]]
        for cid, text in zip(ev["candidate_id"].astype("str"), ev["evidence"]):
            add(cid, "evidence", text, lang, None)
    out = pd.DataFrame(rows, columns=LINT_COLUMNS)
    return out.astype({c: "str" for c in LINT_COLUMNS})
