"""Per-candidate timelines: how fast and how personally each candidate heard "no".

`timelines` gives one row per candidate of one or several rounds: last
interview -> decision -> told -> feedback requested -> feedback sent, the
days in between (calendar and business days, see
`toolkit.analytics.business_days` for the counting rule), the response
target, and where the candidate stands *as of* a date (default: the day the rounds were loaded for, else today).

Rules (the README section "Response times" says the same for people):

- **Who is measured.** Candidates with status ``rejected``, and ``pending``
  candidates that have a decision date (the committee decided but the
  status was not updated: they still wait for news). Hired, offered and
  withdrawn candidates, and candidates without any decision date, are
  ``not_applicable``. A blank ``decided_on`` takes the round's decision date,
  unless the candidate was told before that date: then they were decided on
  earlier (an early rejection), on a day the sheet does not say, and are not
  timed (`decision_dates`; validation warns, ``no_decision_date``).
- **Told** means ``notified_on`` is filled in (a channel without a date is
  not enough: fill in the date).
- **Target.** The round's ``response_target_days`` business days after the
  decision. ``due_on`` is the last working day that is still on time (a
  weekend or holiday right after it is on time too): the
  target-th working day after ``decided_on``.
- **target_status.** ``on_time`` (told within the target), ``late`` (told
  after it), ``overdue`` (not told, and more than the target in business
  days have passed by ``as_of``), ``pending`` (not told, still within the
  target), ``not_applicable``. On ``due_on`` itself a candidate is still
  ``pending``; the next working day they are ``overdue``. A candidate who is
  ``pending`` on a day would be ``on_time`` if told that day, and one who is
  ``overdue`` would be ``late``: the two statuses never disagree.
- **Channel.** ``personal`` (phone, video, in person), ``written`` (email,
  letter), ``form_letter``; ``unknown`` when told without a channel; <NA>
  when not told.
- **Finalists** reached the round's final interview stage: the last stage
  in interview order in the round's Scores (`scoring.stage_order`: by
  interview date, then by first appearance), either by being scored in it
  or by ``stage_reached`` naming it (case and spaces ignored). A round
  without stages has one stage: everyone scored is a finalist.
- **Feedback.** ``answered`` (requested and sent), ``waiting`` (requested,
  not sent), ``not_requested``.
- **Follow-up.** A candidate is in the talent pool (``in_talent_pool``) when
  ``stay_in_touch`` is yes, or blank with a ``follow_up_on`` date (or, if a
  runners-up set is given, blank and a runner-up whose letter went out: not
  pending). ``stay_in_touch`` stays as the Candidates sheet records it
  (<NA> when blank): a runner-up the letter offered to stay in touch has not
  agreed to anything yet, so the column is no record of consent it was not
  given. ``scheduled`` (date on or after as_of),
  ``overdue`` (date before as_of), ``missing`` (in the pool, no date),
  ``not_applicable`` (not in the pool, or hired/offered).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..coerce import parse_as_of
from ..errors import ToolkitError
from ..model import HiringRound, Rounds, as_rounds, takes_timelines
from ..schema import PERSONAL_CHANNELS, WRITTEN_CHANNELS, normalise_header
from .business_days import add_business_days, business_days, calendar_name
from .scoring import NO_STAGE, stage_order

TARGET_STATUSES = ("on_time", "late", "overdue", "pending", "not_applicable")
FEEDBACK_STATUSES = ("answered", "waiting", "not_requested")
FOLLOW_UP_STATUSES = ("scheduled", "overdue", "missing", "not_applicable")
CHANNEL_KINDS = ("personal", "written", "form_letter", "unknown")
MEASURED_STATUSES = ("rejected", "pending")

TIMELINE_COLUMNS = [
    "round_id", "candidate_id", "name", "status", "role", "department", "hiring_manager",
    "country", "calendar", "stage_reached", "is_finalist",
    "last_interview_on", "decided_on", "notified_on",
    "days_to_decide", "business_days_to_decide",
    "channel", "channel_kind", "told_personally",
    "days_to_tell", "business_days_to_tell", "business_days_waiting",
    "target_days", "target_given", "due_on", "target_status",
    "feedback_requested_on", "feedback_sent_on", "feedback_days", "feedback_business_days", "feedback_status",
    "stay_in_touch", "in_talent_pool", "follow_up_on", "follow_up_status", "as_of",
]

OVERDUE_COLUMNS = [
    "round_id", "role", "candidate_id", "name", "status", "business_days_waiting", "decided_on", "due_on", "hiring_manager",
]

_DATE_COLUMNS = ("last_interview_on", "decided_on", "notified_on", "feedback_requested_on", "feedback_sent_on", "follow_up_on")
_HAPPENED_BY_AS_OF = ("last_interview_on", "decided_on", "notified_on", "feedback_requested_on", "feedback_sent_on")
"""Dates of things done: a timeline as of a day leaves out those dated after it (a candidate told on the 25th was still
waiting on the 20th). follow_up_on is a date promised, so it stays."""


def _stage_key(value: object) -> str:
    return normalise_header(value) if isinstance(value, str) else ""


def final_stage(round_: HiringRound) -> str | None:
    """The round's last interview stage as written in Scores, or None when no stages are recorded.

    Uses `toolkit.analytics.scoring.stage_order` (stages in the order they
    happened); rows without a stage do not make a stage of their own here.
    """
    stages = [s for s in stage_order(round_) if s != NO_STAGE]
    return stages[-1] if stages else None


def _finalists(round_: HiringRound) -> pd.Series:
    """Boolean per candidate (index aligned with ``round_.candidates``)."""
    cands, scores = round_.candidates, round_.scores
    final = final_stage(round_)
    if final is None:
        scored = set(scores["candidate_id"]) if len(scores) else set()
        return cands["candidate_id"].isin(scored)
    key = _stage_key(final)
    in_final = scores.loc[_stage_is(scores["stage"], key), "candidate_id"]
    reached = pd.Series(_stage_is(cands["stage_reached"], key), index=cands.index) if "stage_reached" in cands.columns else False
    scored_in_final = pd.Index(in_final.unique()).get_indexer(cands["candidate_id"]) >= 0  # isin, without a Python loop over ids
    return pd.Series(scored_in_final, index=cands.index) | reached


def _stage_is(stage: pd.Series, key: str) -> np.ndarray:
    """Where `_stage_key` of the cell is ``key``, worked out once per distinct stage (a million score rows name a handful)."""
    codes, uniques = pd.factorize(stage, use_na_sentinel=False)
    same = np.array([_stage_key(v) == key for v in uniques], dtype=bool)
    return same[codes] if len(same) else np.zeros(len(stage), dtype=bool)


def _one_round(round_: HiringRound) -> pd.DataFrame:
    c = round_.candidates.copy()
    role = round_.role
    for col in ("stage_reached", "channel", *_DATE_COLUMNS):
        if col not in c.columns:
            c[col] = pd.Series(pd.NaT if col.endswith("_on") else pd.NA, index=c.index)
    if "stay_in_touch" not in c.columns:
        c["stay_in_touch"] = pd.NA
    if "round_id" not in c.columns:
        c["round_id"] = round_.round_id
    c["role"] = role.role
    c["department"] = role.department
    c["hiring_manager"] = role.hiring_manager
    c["country"] = role.country
    c["calendar"] = calendar_name(role.country)
    c["target_days"] = role.response_target_days
    c["target_given"] = bool(role.response_target_given)
    c["is_finalist"] = _finalists(round_).to_numpy()
    c["decided_on"] = decision_dates(pd.to_datetime(c["decided_on"]), pd.to_datetime(c["notified_on"]), role.decided_on)
    return c


def decision_dates(decided_on: pd.Series, notified_on: pd.Series, round_decided_on) -> pd.Series:
    """Each candidate's decision date: their own, else the round's (``round_decided_on``, None when the Role sheet gives
    none), except for a candidate told before the round's date: they were decided on earlier, on a day not written
    down, and their date stays blank (how fast they were told cannot be measured)."""
    if round_decided_on is None:
        return decided_on
    day = pd.Timestamp(round_decided_on)
    told_earlier = (decided_on.isna() & notified_on.notna() & (notified_on < day)).to_numpy(dtype=bool)
    return decided_on.fillna(day).mask(told_earlier)


def _channel_kind(channel: pd.Series, told: pd.Series) -> pd.Series:
    kinds = {ch: "personal" for ch in PERSONAL_CHANNELS} | {ch: "written" for ch in WRITTEN_CHANNELS}
    kinds["form_letter"] = "form_letter"
    kind = channel.astype("object").map(lambda v: kinds.get(str(v).strip().lower()) if isinstance(v, str) else None)
    kind = kind.where(~(told & kind.isna()), "unknown").where(told, None)
    return kind.astype("str")


def timelines(
    rounds: HiringRound | Rounds,
    as_of: dt.date | str | None = None,
    runners_up: set[tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """One row per candidate: the timeline from last interview to feedback, as of ``as_of``.

    Columns (see the module docstring for the rules):
    round_id, candidate_id, name, status, role, department, hiring_manager,
    country (as written), calendar (holidays used, or "weekends only (...)"),
    stage_reached, is_finalist (boolean);
    last_interview_on, decided_on, notified_on (dates);
    days_to_decide, business_days_to_decide (Int64, last interview -> decision);
    channel, channel_kind, told_personally (boolean, <NA> if not told);
    days_to_tell (Int64, calendar days decision -> told),
    business_days_to_tell (Int64, <NA> if not told; for everyone told, the
    hire's offer and a withdrawal too: filter on ``target_status`` or the
    rejected and pending statuses for the response-time figures, as
    `process_health` does),
    business_days_waiting (Int64: for measured candidates not yet told,
    business days from the decision to as_of; <NA> otherwise);
    target_days (Int64), target_given (boolean: False where the round gave
    no target and the default of 3 business days is used), due_on (date),
    target_status;
    feedback_requested_on, feedback_sent_on, feedback_days,
    feedback_business_days (Int64, request -> sent), feedback_status;
    stay_in_touch (boolean as recorded, <NA> when blank), in_talent_pool
    (boolean), follow_up_on, follow_up_status;
    as_of (date, the same on every row). Without ``as_of``: the day the
    rounds were loaded for (``load_rounds(..., as_of=...)``), else today; rounds
    loaded for different days ask for it.

    ``runners_up`` (optional) is a set of (round_id, candidate_id): where
    ``stay_in_touch`` is blank, runners-up count as in the talent pool and
    the others as not (``in_talent_pool``; ``stay_in_touch`` stays blank).
    """
    rounds = as_rounds(rounds)
    day = parse_as_of(as_of if as_of is not None else loaded_as_of(rounds))
    frames = [_one_round(r) for r in rounds]
    frames = [f for f in frames if len(f)]
    if not frames:
        return _empty()
    df = pd.concat(frames, ignore_index=True)
    for col in _DATE_COLUMNS:
        df[col] = pd.to_datetime(df[col]).astype("datetime64[s]")
        if col in _HAPPENED_BY_AS_OF:  # as of the day, what is dated after it has not happened yet
            df[col] = df[col].where(~(df[col] > day))
    for col in ("round_id", "candidate_id", "name", "status", "role", "department", "hiring_manager", "country",
                "calendar", "stage_reached", "channel"):
        df[col] = df[col].astype("str")
    df["status"] = df["status"].str.strip().str.lower()
    df["target_days"] = pd.to_numeric(df["target_days"]).astype("Int64")
    df["target_given"] = df["target_given"].astype("boolean")
    df["is_finalist"] = df["is_finalist"].astype("boolean")

    decided, notified = df["decided_on"], df["notified_on"]
    told = notified.notna()
    measured = df["status"].isin(MEASURED_STATUSES) & decided.notna()

    df["days_to_decide"] = (decided - df["last_interview_on"]).dt.days.astype("Int64")
    df["business_days_to_decide"] = business_days(df["last_interview_on"], decided, df["country"])
    df["days_to_tell"] = (notified - decided).dt.days.astype("Int64")
    df["business_days_to_tell"] = business_days(decided, notified, df["country"])

    as_of_col = pd.Series(day, index=df.index).astype("datetime64[s]")
    waiting = business_days(decided, as_of_col, df["country"]).clip(lower=0)
    df["business_days_waiting"] = waiting.where(measured & ~told, pd.NA).astype("Int64")
    df["due_on"] = add_business_days(decided, df["target_days"], df["country"]).where(measured)

    target = df["target_days"]
    status = pd.Series("not_applicable", index=df.index, dtype="object")
    status[measured & told & (df["business_days_to_tell"] <= target).fillna(False)] = "on_time"
    status[measured & told & (df["business_days_to_tell"] > target).fillna(False)] = "late"
    status[measured & ~told & (df["business_days_waiting"] > target).fillna(False)] = "overdue"
    status[measured & ~told & (df["business_days_waiting"] <= target).fillna(False)] = "pending"
    df["target_status"] = status.astype("str")

    df["channel_kind"] = _channel_kind(df["channel"], told)
    df["told_personally"] = (df["channel_kind"] == "personal").astype("boolean").where(told, pd.NA)

    requested, sent = df["feedback_requested_on"], df["feedback_sent_on"]
    df["feedback_days"] = (sent - requested).dt.days.astype("Int64")
    df["feedback_business_days"] = business_days(requested, sent, df["country"])
    fb = np.where(requested.notna() & sent.notna(), "answered", np.where(requested.notna(), "waiting", "not_requested"))
    df["feedback_status"] = pd.Series(fb, index=df.index, dtype="str")

    stay = df["stay_in_touch"].astype("boolean")
    if runners_up is not None:
        try:
            pairs = set((str(r), str(c)) for r, c in runners_up)
        except (TypeError, ValueError):
            raise ToolkitError("runners_up is a set of (round_id, candidate_id) pairs", value=runners_up,
                               hint="Pass runner_up_pairs(rounds), as debrief report does") from None
        is_runner_up = pd.Series([(r, c) in pairs for r, c in zip(df["round_id"], df["candidate_id"])], index=df.index)
        # a pending candidate has had no letter yet, so nothing offered to stay in touch: not in the pool for that reason
        is_runner_up &= (df["status"] != "pending").to_numpy(dtype=bool)
        stay = stay.fillna(is_runner_up.astype("boolean"))  # for the pool only: the column keeps what was recorded
    df["stay_in_touch"] = df["stay_in_touch"].astype("boolean")
    follow = df["follow_up_on"]
    in_pool = (stay.fillna(False) | (stay.isna() & follow.notna())) & ~df["status"].isin(("hired", "offered"))
    df["in_talent_pool"] = in_pool.astype("boolean")
    fu = np.where(~in_pool, "not_applicable", np.where(follow.isna(), "missing", np.where(follow < day, "overdue", "scheduled")))
    df["follow_up_status"] = pd.Series(fu, index=df.index, dtype="str")
    df["as_of"] = as_of_col
    out = df[TIMELINE_COLUMNS].reset_index(drop=True)
    out.attrs["as_of"] = day.date().isoformat()  # text: pandas writes attrs into a Parquet file as JSON
    return out


def loaded_as_of(rounds) -> str | None:
    """The as-of day the rounds were loaded (validated) for, when it was asked for (``load_rounds(..., as_of=...)``):
    a notebook that loads for 2026-03-20 and asks for the timelines gets those of 2026-03-20, not of today. None (today)
    when no round was loaded for a given day; rounds loaded for different days are a ToolkitError that asks for one."""
    days = {r.details.get("as_of") for r in rounds if r.details.get("as_of_given")}
    if len(days) > 1:
        raise ToolkitError(f"the rounds were loaded for different days ({', '.join(sorted(days))}), so which day the "
                           "timelines speak for is not known", allowed="one day", hint="Pass it: timelines(rounds, as_of=...)")
    return days.pop() if days else None


def _empty() -> pd.DataFrame:
    dtypes = {c: "str" for c in TIMELINE_COLUMNS}
    for c in (*_DATE_COLUMNS, "due_on", "as_of"):
        dtypes[c] = "datetime64[s]"
    for c in ("days_to_decide", "business_days_to_decide", "days_to_tell", "business_days_to_tell",
              "business_days_waiting", "target_days", "feedback_days", "feedback_business_days"):
        dtypes[c] = "Int64"
    for c in ("is_finalist", "target_given", "told_personally", "stay_in_touch", "in_talent_pool"):
        dtypes[c] = "boolean"
    return pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in TIMELINE_COLUMNS})


@takes_timelines
def overdue_now(timelines_df: pd.DataFrame) -> pd.DataFrame:
    """The list HR acts on today: every candidate whose target has passed without being told.

    Columns: round_id, role, candidate_id, name, status (rejected, or
    pending: the round has decided and they have heard nothing),
    business_days_waiting, decided_on, due_on, hiring_manager (who owns the
    round). Sorted longest waiting first, then by due date and name.
    """
    rows = timelines_df[timelines_df["target_status"] == "overdue"]
    rows = rows.sort_values(["business_days_waiting", "due_on", "name"], ascending=[False, True, True], kind="stable")
    return rows[OVERDUE_COLUMNS].reset_index(drop=True)


FOLLOW_THROUGH_COLUMNS = ["round_id", "candidate_id", "name", "feedback_requested_on", "feedback_sent_on", "feedback_business_days", "feedback_status",
                          "stay_in_touch", "in_talent_pool", "follow_up_on", "follow_up_status"]


@takes_timelines
def follow_through(timelines_df: pd.DataFrame) -> pd.DataFrame:
    """The candidates who asked for feedback or are in the talent pool, with how each was followed through
    (`FOLLOW_THROUGH_COLUMNS`), in the order of ``timelines_df``."""
    keep = (timelines_df["feedback_status"] != "not_requested") | (timelines_df["follow_up_status"] != "not_applicable")
    return timelines_df.loc[keep.to_numpy(dtype=bool), FOLLOW_THROUGH_COLUMNS].reset_index(drop=True)
