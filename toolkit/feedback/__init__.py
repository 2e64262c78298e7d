"""Feedback for candidates who were not hired: what to tell them, and a lint for what not to.

    from toolkit.feedback import compose, compose_round, lint_round
    fb = compose(round, "B05")          # a Feedback: letter parts, talking points, follow-up
    print(fb.text)

Rendering (HTML, text, .eml, call notes) is in `toolkit.render.letters`.
"""

from .compose import (
    LETTER_STATUSES,
    LETTERS_TABLE_COLUMNS,
    NO_LETTER_STATUSES,
    REASON_KINDS,
    Feedback,
    compose,
    compose_round,
    default_candidate,
    letters_table,
)
from .language import choose_language, format_date, format_number
from .lint import LETTER_WORD_LIMIT, LINT_COLUMNS, lint_round, lint_text

__all__ = [
    "LETTER_STATUSES",
    "LETTERS_TABLE_COLUMNS",
    "LETTER_WORD_LIMIT",
    "LINT_COLUMNS",
    "NO_LETTER_STATUSES",
    "REASON_KINDS",
    "Feedback",
    "choose_language",
    "compose",
    "compose_round",
    "default_candidate",
    "format_date",
    "format_number",
    "letters_table",
    "lint_round",
    "lint_text",
]
