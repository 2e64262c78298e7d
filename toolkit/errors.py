"""The one exception family of Debrief.

Every error says where (file, sheet, cell or column), what was found, what is
allowed and what to do, so a committee member can fix the spreadsheet
without reading a traceback.

    ToolkitError
    ├── InputFileError      the file cannot be opened or read at all
    ├── ScorecardError      the workbook was read but breaks the rules (carries all problems)
    ├── MappingError        a mapping file (TOML) is wrong
    ├── TemplateError       a letter template is missing or broken
    └── OutputError         the output folder cannot be written safely
"""

from __future__ import annotations

from typing import Any


class ToolkitError(Exception):
    """Base class. ``str(err)`` is a complete, user-facing message."""

    def __init__(
        self,
        what: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        column: str | None = None,
        value: Any = None,
        allowed: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.what = what
        self.file = str(file) if file is not None else None
        self.sheet = sheet
        self.cell = cell
        self.column = column
        self.value = value
        self.allowed = allowed
        self.hint = hint
        super().__init__(self._message())

    @property
    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet and self.cell:
            parts.append(f"{self.sheet}!{self.cell}")
        elif self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.column and not self.cell:
            parts.append(f"column {self.column!r}")
        return ": ".join(parts)

    def _message(self) -> str:
        msg = f"{self.where}: {self.what}" if self.where else self.what
        if self.value is not None:
            msg += f" (found {self.value!r})"
        if self.allowed:
            msg += f". Allowed: {self.allowed}"
        if self.hint:
            msg += f". {self.hint}"
        return msg


class InputFileError(ToolkitError):
    """The file cannot be opened or is not a workbook/CSV we can read."""


class ScorecardError(ToolkitError):
    """The workbook breaks the rules. ``problems`` is the full problems table."""

    def __init__(self, what: str, problems=None, **kwargs: Any) -> None:
        self.problems = problems
        super().__init__(what, **kwargs)

    def _message(self) -> str:
        head = super()._message()
        if self.problems is None or len(self.problems) == 0:
            return head
        lines = [head]
        for p in self.problems.itertuples(index=False):
            lines.append(f"  - [{p.severity}] {p.location}: {problem_text(p)}")
        return "\n".join(lines)


def problem_text(p) -> str:
    """One row of a problems table as a person reads it: the message, the value found and what to do
    ("score is not a number (found 'four') — Enter a plain number ...")."""
    value = f" (found {p.value!r})" if isinstance(p.value, str) else ""
    hint = f" — {p.hint}" if isinstance(p.hint, str) and p.hint else ""
    return f"{p.message}{value}{hint}"


class MappingError(ToolkitError):
    """A mapping file is malformed or names columns that are not there. ``column`` is the mapping's key
    ("layout", "columns.Wer"), so the place reads "key 'layout'"."""

    @property
    def where(self) -> str:
        parts = [self.file] if self.file else []
        if self.column:
            parts.append(f"key {self.column!r}")
        return ": ".join(parts)


class TemplateError(ToolkitError):
    """A letter template is missing, or uses a variable that does not exist."""


class OutputError(ToolkitError):
    """The output folder is unsafe (holds inputs) or cannot be written."""


class UnknownRoundError(ToolkitError, KeyError):
    """``rounds["id"]`` for an id that is not among the rounds (a KeyError too, for code that expects one)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return ToolkitError.__str__(self)
