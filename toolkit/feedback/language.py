"""Which language a letter is written in, and how dates and numbers look in it.

The rule: the language asked for, else the candidate's (the loader already
fills a blank candidate language with the round's), else the round's, else
English. A language the toolkit has no texts for falls back to English, and
the fallback is reported as a note so nobody is surprised.

Dates and numbers are formatted with Babel for the language's locale:
English letters use British conventions (``20 March 2026``), German
``20. März 2026`` and Swedish ``20 mars 2026``.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

import pandas as pd
from babel.dates import format_date as _babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal

from ..coerce import is_blank as _blank
from ..schema import DEFAULT_LANGUAGE, LANGUAGES

LOCALES = {"en": "en_GB", "de": "de_DE", "sv": "sv_SE"}
"""Babel locale used for each letter language."""

LANGUAGE_NAMES = {"en": "English", "de": "German", "sv": "Swedish"}

_NAMES = {
    "english": "en", "englisch": "en", "engelska": "en",
    "german": "de", "deutsch": "de", "tyska": "de",
    "swedish": "sv", "schwedisch": "sv", "svenska": "sv", "svensk": "sv",
}




def normalise_language(value: object) -> str | None:
    """``"de-DE"``, ``"DE"``, ``"Deutsch"`` -> ``"de"``; None for blank or unknown values."""
    if _blank(value):
        return None
    text = str(value).strip().casefold().replace("_", "-")
    if text in _NAMES:
        return _NAMES[text]
    primary = text.split("-")[0]
    return primary if primary in LANGUAGES else None


def language_code(language: object) -> str:
    """The language of texts to write in: "en", "de" or "sv", from any spelling `normalise_language` reads ("de-DE",
    "Svenska"); a ToolkitError for a language without texts, so that dates and numbers are never silently English."""
    if language in LANGUAGES:
        return language
    if language is None:  # not given: the default, as everywhere
        return DEFAULT_LANGUAGE
    code = normalise_language(language)
    if code is None:
        from ..errors import ToolkitError

        raise ToolkitError("no texts in this language", value=language, allowed=", ".join(LANGUAGES),
                           hint="Pass 'en', 'de' or 'sv' (spellings such as 'de-DE' or 'Svenska' work too)")
    return code


def choose_language(requested: object = None, candidate: object = None, round_language: object = None) -> tuple[str, str | None]:
    """The letter language and, when a value had to be ignored, a note saying which and why.

    Returns ``(language, note)``: ``language`` is one of ``en``, ``de``,
    ``sv``; ``note`` is None or an English sentence for the committee.
    The first non-blank of ``requested``, ``candidate``, ``round_language``
    decides; if it is not a language with texts, English is used.
    """
    for source, value in (("requested", requested), ("candidate's", candidate), ("round's", round_language)):
        if _blank(value):
            continue
        lang = normalise_language(value)
        if lang is None:
            return DEFAULT_LANGUAGE, (
                f"The {source} language {str(value)!r} has no letter texts; the letter is in English. "
                f"Available: {', '.join(LANGUAGES)}."
            )
        return lang, None
    return DEFAULT_LANGUAGE, None


def locale_for(language: str) -> str:
    """Babel locale of a letter language (``"de"`` -> ``"de_DE"``)."""
    return LOCALES.get(language, LOCALES[DEFAULT_LANGUAGE])


def as_date(value: object) -> dt.date | None:
    """A ``datetime.date`` from a date, Timestamp or ISO string; None for blanks."""
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    ts = pd.Timestamp(value)
    return None if pd.isna(ts) else ts.date()


def format_date(value: object, language: str, *, with_year: bool = True) -> str:
    """A date written out as in a letter: ``20 March 2026``, ``20. März 2026``, ``20 mars 2026``.

    ``with_year=False`` leaves the year out (``1 June``, ``1. Juni``, ``1 juni``), as a letter does for a
    date later in the same year.
    """
    language = language_code(language)
    day = as_date(value)
    if day is None:
        return ""
    return _format_day(day, language, with_year)


# a round's letters repeat the same few dates and numbers thousands of times; Babel formats each from scratch
@lru_cache(maxsize=4096)
def _format_day(day: dt.date, language: str, with_year: bool) -> str:
    if not with_year:
        return format_skeleton("MMMMd", day, locale=locale_for(language))
    return _babel_format_date(day, format="long", locale=locale_for(language))


@lru_cache(maxsize=4096)
def _format_decimal(x: float, language: str, digits: int, negative: bool) -> str:
    # `negative` keeps -0.0 ("-0.0") apart from 0.0 ("0.0"): they are equal, so they would share a cache entry
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(x, format=pattern, locale=locale_for(language))


def format_number(value: object, language: str, digits: int = 1) -> str:
    """A number with the language's decimal sign (``3.5`` / ``3,5``); "" for blanks."""
    language = language_code(language)
    if _blank(value):
        return ""
    x = float(value)
    if math.isnan(x):
        return ""
    return _format_decimal(x, language, int(digits), math.copysign(1.0, x) < 0)
