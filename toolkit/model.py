"""`HiringRound`: one committee's round as typed, validated tables.

Tables (column names and dtypes are defined once in `toolkit.schema`).
Every table starts with a ``round_id`` column (str), so tables of several
rounds concatenate without losing where a row came from.

- ``criteria``: criterion (str), rank (Int64, 1 = most important), weight
  (Float64, normalised to sum 1), weight_source ("given" or "rank"),
  must_have (boolean), bar (Float64), description, growth_tip,
  growth_tip_de, growth_tip_sv, criterion_en, criterion_de, criterion_sv
  (str: the name in letters of that language; blank = as written). Sorted
  by rank.
- ``candidates``: candidate_id, name, email, language, status, stage_reached
  (str); applied_on, last_interview_on, decided_on, notified_on,
  feedback_requested_on, feedback_sent_on, follow_up_on (datetime64[s]);
  channel (str); stay_in_touch (boolean; <NA> = decide from scores); notes
  (str); source_row (Int64, the Excel row). ``decided_on`` stays as written
  (blank means the round's decision date: `analytics.timelines` applies
  that); a blank ``language`` is filled with the round's.
- ``scores``: candidate_id, interviewer (str), criterion (ordered
  categorical, most important first), score (Float64; <NA> = not assessed),
  score_raw (str, the value as written), stage (str), interviewed_on
  (datetime64[s]), evidence (str), source_row (Int64).
- ``problems``: severity ("error"/"warning"), file, sheet, cell, column,
  row (Int64), value, rule, message, hint, location (str).
- ``rejected_rows``: sheet, row (Int64), reason, values (str: the row as read).
- ``row_counts``: sheet, read, loaded, quarantined (Int64).
"""

from __future__ import annotations

import functools

import datetime as dt
import os
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .errors import ToolkitError, UnknownRoundError
from .schema import DEFAULT_LANGUAGE, DEFAULT_RESPONSE_TARGET_DAYS, DEFAULT_SCALE

PROBLEM_COLUMNS = ["severity", "file", "sheet", "cell", "column", "row", "value", "rule", "message", "hint", "location"]
REJECTED_COLUMNS = ["sheet", "row", "reason", "values"]
ROW_COUNT_COLUMNS = ["sheet", "read", "loaded", "quarantined"]


@dataclass(frozen=True)
class Role:
    """The Role sheet: what the round is for and who speaks for it."""

    role: str
    requisition: str | None = None
    department: str | None = None
    hiring_manager: str | None = None
    country: str | None = None
    language: str = DEFAULT_LANGUAGE
    response_target_days: int | None = None
    decided_on: dt.date | None = None
    scale_min: float = DEFAULT_SCALE[0]
    scale_max: float = DEFAULT_SCALE[1]
    company: str | None = None
    sender_name: str | None = None
    sender_title: str | None = None
    sender_email: str | None = None
    sender_phone: str | None = None
    role_en: str | None = None
    role_de: str | None = None
    role_sv: str | None = None
    sender_title_en: str | None = None
    sender_title_de: str | None = None
    sender_title_sv: str | None = None
    response_target_given: bool | None = None
    """Whether the round gave its response target (False: `DEFAULT_RESPONSE_TARGET_DAYS` is used); by default, whether
    ``response_target_days`` was passed. An auditor comparing rounds sees which targets a committee chose."""

    def __post_init__(self) -> None:
        given = self.response_target_days is not None
        if self.response_target_given is None:
            object.__setattr__(self, "response_target_given", given)
        if not given:
            object.__setattr__(self, "response_target_days", DEFAULT_RESPONSE_TARGET_DAYS)

    def in_language(self, name: str, language: str) -> str | None:
        """``name`` ("role" or "sender_title") for a letter in ``language``: its translation on the Role sheet
        (role_en, sender_title_sv, ...) when given, else as written."""
        return getattr(self, f"{name}_{language}", None) or getattr(self, name)

    def role_in(self, language: str) -> str:
        """The job title for a letter in ``language`` (see `in_language`)."""
        return self.in_language("role", language)

    @property
    def scale(self) -> str:
        return f"{_num(self.scale_min)}-{_num(self.scale_max)}"

    def as_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["scale"] = self.scale
        return d

    def sheet_values(self) -> dict:
        """The Role sheet that gives this role: `as_dict` with the response target left blank where the round did not
        give one (written back as 3, it would read as chosen)."""
        d = self.as_dict()
        if not self.response_target_given:
            d["response_target_days"] = None
        del d["response_target_given"]
        return d


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def empty_problems() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="Int64" if c == "row" else "str") for c in PROBLEM_COLUMNS})


def empty_rejected() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="Int64" if c == "row" else "str") for c in REJECTED_COLUMNS})


@dataclass(frozen=True)
class HiringRound:
    """One hiring round. Immutable: derive new rounds with `dataclasses.replace`."""

    round_id: str
    source: str
    role: Role
    criteria: pd.DataFrame
    candidates: pd.DataFrame
    scores: pd.DataFrame
    problems: pd.DataFrame = field(default_factory=empty_problems)
    rejected_rows: pd.DataFrame = field(default_factory=empty_rejected)
    row_counts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ROW_COUNT_COLUMNS))
    details: dict = field(default_factory=dict)

    # -- convenience -----------------------------------------------------
    @property
    def errors(self) -> pd.DataFrame:
        return self.problems[self.problems["severity"] == "error"]

    @property
    def warnings(self) -> pd.DataFrame:
        return self.problems[self.problems["severity"] == "warning"]

    @property
    def ok(self) -> bool:
        """True when the round has no errors (warnings are allowed)."""
        return len(self.errors) == 0

    @property
    def criterion_order(self) -> list[str]:
        return list(self.criteria["criterion"])

    def candidate(self, candidate_id: str) -> pd.Series:
        rows = self.candidates[self.candidates["candidate_id"] == candidate_id]
        if rows.empty:
            raise ToolkitError(
                "unknown candidate id",
                file=self.source,
                sheet="Candidates",
                value=candidate_id,
                hint=f"Use one of: {', '.join(map(str, self.candidates['candidate_id'][:10]))}",
            )
        return rows.iloc[0]

    def with_(self, **changes) -> "HiringRound":
        return replace(self, **changes)

    def __repr__(self) -> str:
        return (
            f"<HiringRound {self.round_id!r}: {self.role.role!r}, {len(self.candidates)} candidates, "
            f"{len(self.criteria)} criteria, {len(self.scores)} scores, "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings>"
        )


@dataclass(frozen=True)
class Rounds:
    """Several rounds (e.g. a folder of workbooks) with concatenated tables.

    ``roles`` has one row per round: round_id, source and every `Role` field (decided_on as datetime64[s]).
    ``criteria``, ``candidates``, ``scores``, ``problems``, ``rejected_rows``
    and ``row_counts`` are the rounds' tables concatenated (each has round_id).
    """

    rounds: tuple[HiringRound, ...]

    def __iter__(self):
        return iter(self.rounds)

    def __len__(self) -> int:
        return len(self.rounds)

    def __getitem__(self, key: int | str) -> HiringRound:
        if isinstance(key, str):
            for r in self.rounds:
                if r.round_id == key:
                    return r
            raise UnknownRoundError(f"no round {key!r} among these rounds", value=key, allowed=", ".join(self.round_ids[:10]) or "none",
                                    hint="Round ids come from the file names (round_id_for): see rounds.round_ids")
        return self.rounds[key]

    @property
    def round_ids(self) -> list[str]:
        return [r.round_id for r in self.rounds]

    def _concat(self, name: str) -> pd.DataFrame:
        frames = [getattr(r, name) for r in self.rounds]
        frames = [f for f in frames if len(f.columns)]
        if not frames:  # no round (every file unreadable): the table with its columns and no row
            frames = [getattr(_empty_round(), name).iloc[0:0]]
        out = pd.concat(frames, ignore_index=True)
        if "criterion" in out.columns:
            out["criterion"] = out["criterion"].astype("str")
        return out

    @property
    def roles(self) -> pd.DataFrame:
        rows = [{"round_id": r.round_id, "source": r.source, **r.role.as_dict()} for r in self.rounds]
        out = pd.DataFrame(rows, columns=["round_id", "source", *_empty_round().role.as_dict()])
        out["decided_on"] = pd.to_datetime(out["decided_on"]).astype("datetime64[s]")  # as every other date column
        return out

    @property
    def criteria(self) -> pd.DataFrame:
        return self._concat("criteria")

    @property
    def candidates(self) -> pd.DataFrame:
        return self._concat("candidates")

    @property
    def scores(self) -> pd.DataFrame:
        """Scores of all rounds; ``criterion`` is plain str here (orders differ per round)."""
        return self._concat("scores")

    @property
    def problems(self) -> pd.DataFrame:
        return self._concat("problems")

    @property
    def rejected_rows(self) -> pd.DataFrame:
        return self._concat("rejected_rows")

    @property
    def row_counts(self) -> pd.DataFrame:
        return self._concat("row_counts")

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rounds)


def shown_names(candidates: pd.DataFrame) -> pd.Series:
    """Each candidate's label where charts, report pages and pickers show one: the name, or the candidate id where none
    is given (an export for analysis may hold ids alone; the loader warns). Text, on the table's index; any table with
    candidate_id (and name) columns. Tables and files keep ``name`` as given (blank), never the id; letters greet a
    candidate without a name instead (`toolkit.feedback`)."""
    ids = candidates["candidate_id"].astype("str")
    if "name" not in candidates.columns:
        return ids
    names = candidates["name"].astype("str")
    blank = names.isna() | (names.str.strip() == "")
    return names.mask(blank, ids)


@functools.cache
def _empty_round() -> HiringRound:
    """A round of no candidates and no scores: the tables' columns and types for `Rounds` of no round."""
    from .validate import round_from_frames

    return round_from_frames({}, pd.DataFrame(columns=["criterion", "rank"]), pd.DataFrame(columns=["candidate_id", "name", "status"]),
                             pd.DataFrame(columns=["candidate_id", "interviewer", "criterion", "score"]), round_id="none")


def as_rounds(obj: "HiringRound | Rounds | list[HiringRound]") -> Rounds:
    """Accept one round, several, or a `Rounds`; return a `Rounds`. Anything else (a path, a table) is a ToolkitError
    that says what to pass."""
    if isinstance(obj, Rounds):
        return obj
    if isinstance(obj, HiringRound):
        return Rounds((obj,))
    iterable = hasattr(obj, "__iter__") and not isinstance(obj, (str, bytes, os.PathLike, pd.DataFrame, pd.Series, dict))
    items = tuple(obj) if iterable else None
    if items is None or not all(isinstance(r, HiringRound) for r in items):
        bad = obj if items is None else next(r for r in items if not isinstance(r, HiringRound))
        raise _not_a_round(bad, None, several=True)
    return Rounds(items)


def _not_a_round(obj, what: str | None, *, several: bool = False):
    """The ToolkitError for something passed where a loaded round (or rounds) belongs: says what it was and what to do.
    ``what``: the function ("weighted_totals()"); None for wherever rounds are expected."""
    wanted = "loaded rounds" if several else "one loaded round (a HiringRound)"
    what = what + " takes" if what else "expected"
    if isinstance(obj, (str, os.PathLike)):
        return ToolkitError(f"{what} {wanted}, not a path", value=str(obj),
                            hint="Load it first: rnd = toolkit.load_round(path), or rounds = toolkit.load_rounds(folder)")
    if isinstance(obj, Rounds):
        return ToolkitError(f"{what} one round, not {len(obj)} rounds", allowed=", ".join(obj.round_ids[:10]) or "none",
                            hint="Pass one of them, rounds['<round id>'], or loop: for rnd in rounds: ...")
    return ToolkitError(f"{what} {wanted}, not a {type(obj).__name__}",
                        hint="Load one with toolkit.load_round(path) (or round_from_frames for tables you made)")


def top_count(top, *, what: str, none_means_all: bool = False):
    """``top`` (how many candidates to show) as a whole number of at least 1; None stays None where it means "all"."""
    if top is None and none_means_all:
        return None
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1:
        raise ToolkitError(f"{what}: top must be a whole number of candidates, 1 or more", value=top,
                           allowed="1, 2, 3 ..." + (" or None for all" if none_means_all else ""), hint="Pass e.g. top=3")
    return int(top)


def takes_round(func):
    """A public function whose first argument is one round: anything else (a Rounds, a path, a table) is a ToolkitError
    naming the function and what to pass, not an AttributeError from inside it."""

    @functools.wraps(func)
    def checked(round, *args, **kwargs):
        if isinstance(round, Rounds) and len(round) == 1:  # load_rounds of one file: its one round
            round = round[0]
        if not isinstance(round, HiringRound):
            raise _not_a_round(round, f"{func.__name__}()")
        return func(round, *args, **kwargs)

    return checked


def each_round(func):
    """`takes_round` for a function whose table starts with round_id, which also takes several rounds (a `Rounds`, or a
    list of rounds): the tables of each round, one after another. An argument that is about one round (a table such as
    ``totals``) cannot be given with several. A column that is an ordered categorical in each round's table (the
    criterion, in the round's rank order) becomes text when the rounds' categories differ."""
    one = takes_round(func)

    @functools.wraps(func)
    def checked(round, *args, **kwargs):
        several = isinstance(round, Rounds) or (isinstance(round, (list, tuple)) and round and all(isinstance(r, HiringRound) for r in round))
        if not several or len(round) == 1:
            return one(round[0] if several else round, *args, **kwargs)
        about_one = [name for name, v in kwargs.items() if isinstance(v, pd.DataFrame)] or (["a positional argument"] if args else [])
        if about_one:
            raise ToolkitError(f"{func.__name__}() of several rounds cannot take {about_one[0]}, which is about one round",
                               hint=f"Leave it out (each round's is worked out), or call {func.__name__}(rnd, ...) round by round")
        parts = [func(r, **kwargs) for r in round]
        out = pd.concat(parts, ignore_index=True)
        for c in out.columns:  # categories that differ between rounds: text, not object
            if isinstance(parts[0][c].dtype, pd.CategoricalDtype) and not isinstance(out[c].dtype, pd.CategoricalDtype):
                out[c] = out[c].astype("str")
        return out

    return checked


def takes_timelines(func=None, *, also: str | None = None):
    """A public function whose first argument is `analytics.timelines` output: a round or another table is a ToolkitError.
    ``also``: a column that marks another table the function takes as well (`overdue_now`'s output for `overdue_table`)."""
    if func is None:
        return functools.partial(takes_timelines, also=also)

    @functools.wraps(func)
    def checked(timelines_df, *args, **kwargs):
        if not isinstance(timelines_df, pd.DataFrame) or not ("target_status" in timelines_df.columns
                                                             or (also is not None and also in timelines_df.columns)):
            what = "a round" if isinstance(timelines_df, (HiringRound, Rounds)) else f"a {type(timelines_df).__name__}" \
                if not isinstance(timelines_df, pd.DataFrame) else "a table without the timelines' columns"
            raise ToolkitError(f"{func.__name__}() takes the table timelines() returns, not {what}",
                               hint="tl = toolkit.timelines(rounds, as_of=...); then " + f"{func.__name__}(tl)")
        # the table read back from a CSV file: its dates are text, and pandas would fail deep inside on the first of them
        text_dates = [c for c in timelines_df.columns if (str(c).endswith("_on") or c == "as_of")
                      and not pd.api.types.is_datetime64_any_dtype(timelines_df[c])
                      and timelines_df[c].notna().any()]
        if text_dates:
            raise ToolkitError(f"{func.__name__}() needs the timelines' dates as dates, and the column {text_dates[0]!r} "
                               f"holds {timelines_df[text_dates[0]].dtype} values such as "
                               f"{timelines_df[text_dates[0]].dropna().iloc[0]!r}", column=str(text_dates[0]),
                               allowed="datetime64 columns, as timelines() returns them",
                               hint="Make the table with toolkit.timelines(rounds, as_of=...) again, or keep it as Parquet "
                                    "(tl.to_parquet / pd.read_parquet keep the types); from a CSV file, read it with "
                                    f"pd.read_csv(..., parse_dates={text_dates!r})")
        return func(timelines_df, *args, **kwargs)

    return checked
