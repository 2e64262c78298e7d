"""Process health: how well a round, a department, a manager, a month or a week treated the people it said no to.

`process_health` summarises a `timelines` table per group; `scorecard_completeness`
counts the scores each interviewer left blank.

Statistics, so that a hand count agrees:

- median and 90th percentile use linear interpolation between the closest
  ranks (pandas' default, Hyndman & Fan type 7): for sorted values
  x[0..n-1], p90 = x[k] + f * (x[k+1] - x[k]) with k + f = 0.9 * (n - 1).
  For 0, 1, 1, 2, 5 that is 0.6 * 2 + 0.4 * 5 = 3.8.
- Shares are fractions between 0 and 1, <NA> when the denominator is 0.
- Business days to tell count measured candidates who have been told (see
  `toolkit.analytics.timelines`); overdue counts those not told and past
  the target as of the timelines' as_of date.
- The share within target is told on time / (told + overdue now): a
  candidate still waiting past the target counts as not told within it, so
  a committee that stays silent does not look faster than one that answers
  late (`share_within_target`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import ToolkitError
from ..model import HiringRound, Rounds, as_rounds, takes_timelines
from ..schema import STATUSES

ROUND_GROUPINGS = ("round_id", "department", "hiring_manager", "month", "week", "all")
CANDIDATE_GROUPINGS = ("status", "channel", "channel_kind", "country", "role", "stage_reached")
"""Groupings of candidates rather than of rounds (how each was told, what they reached): a round's scorecard
completeness belongs to no one of these groups, so ``scores`` is refused with them."""
GROUPINGS = ROUND_GROUPINGS + CANDIDATE_GROUPINGS
NOT_GIVEN = "(not given)"
NO_DECISION = "(no decision date)"
NOT_TOLD = "(not told)"

HEALTH_COLUMNS = [
    "n_candidates", *[f"n_{s}" for s in STATUSES],
    "n_to_tell", "n_told", "n_told_on_time", "median_business_days_to_tell", "p90_business_days_to_tell",
    "share_within_target", "n_waiting_within_target", "overdue_now",
    "n_finalists_told", "share_finalists_told_personally",
    "feedback_requests", "share_feedback_answered", "median_feedback_business_days",
    "n_talent_pool", "follow_ups_overdue", "follow_ups_missing",
]
ROUND_INFO = ("role", "department", "hiring_manager", "target_days", "target_given")
"""What process health by round says of each round besides its figures: the target is what "within target" means there."""
COMPLETENESS_COLUMNS = ["round_id", "interviewer", "n_candidates", "n_criteria", "expected_scores", "missing_scores", "share_missing"]


def _completeness(scores: pd.DataFrame, criteria: dict[str, list[str]] | None) -> pd.DataFrame:
    if len(scores) == 0:
        return pd.DataFrame({c: pd.Series(dtype="str" if c in ("round_id", "interviewer") else "Int64") for c in COMPLETENESS_COLUMNS}).astype({"share_missing": "Float64"})
    s = scores[["round_id", "candidate_id", "interviewer", "criterion", "score"]].copy()
    s["criterion"] = s["criterion"].astype("str")
    rows = []
    for (round_id, interviewer), g in s.groupby(["round_id", "interviewer"], sort=True):
        crits = criteria.get(round_id) if criteria else None
        if crits is None:
            crits = sorted(set(s.loc[s["round_id"] == round_id, "criterion"].dropna()))
        n_cand = g["candidate_id"].nunique()
        filled = g[g["score"].notna() & g["criterion"].isin(crits)]
        scored = len(filled.drop_duplicates(["candidate_id", "criterion"]))
        expected = n_cand * len(crits)
        rows.append({
            "round_id": round_id,
            "interviewer": interviewer,
            "n_candidates": n_cand,
            "n_criteria": len(crits),
            "expected_scores": expected,
            "missing_scores": expected - scored,
            "share_missing": (expected - scored) / expected if expected else pd.NA,
        })
    out = pd.DataFrame(rows, columns=COMPLETENESS_COLUMNS)
    return out.astype({"round_id": "str", "interviewer": "str", "n_candidates": "Int64", "n_criteria": "Int64",
                       "expected_scores": "Int64", "missing_scores": "Int64", "share_missing": "Float64"})


def scorecard_completeness(rounds: HiringRound | Rounds | pd.DataFrame) -> pd.DataFrame:
    """Scores missing per round and interviewer.

    Returns round_id, interviewer, n_candidates (candidates that interviewer
    scored at least once), n_criteria (the round's criteria), expected_scores
    (n_candidates x n_criteria), missing_scores (expected cells without a
    score in any stage; a blank score counts as missing), share_missing.

    Accepts rounds, or a Scores table alone (then a round's criteria are
    those that appear in its scores).
    """
    if isinstance(rounds, pd.DataFrame):
        return _completeness(rounds, None)
    rs = as_rounds(rounds)
    criteria = {r.round_id: [str(c) for c in r.criterion_order] for r in rs}
    return _completeness(rs.scores, criteria)


def _group_keys(df: pd.DataFrame, by: str) -> pd.Series:
    if by == "all":
        return pd.Series("all", index=df.index, dtype="str")
    if by == "month":
        return df["decided_on"].dt.strftime("%Y-%m").fillna(NO_DECISION).astype("str")
    if by == "week":
        monday = df["decided_on"].dt.normalize() - pd.to_timedelta(df["decided_on"].dt.day_of_week, unit="D")
        return monday.dt.strftime("%Y-%m-%d").fillna(NO_DECISION).astype("str")
    if by in ("channel", "channel_kind"):  # blank for everyone not told yet: said so, not "(not given)"
        told = df["notified_on"].notna().to_numpy(dtype=bool)
        values = df[by].astype("object").where(df[by].notna(), None)
        return pd.Series(np.where(values.notna().to_numpy(), values, np.where(told, NOT_GIVEN, NOT_TOLD)), index=df.index, dtype="str")
    return df[by].fillna(NOT_GIVEN).astype("str")


def _share(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    num, den = numerator.astype("Float64"), denominator.astype("Float64")
    return (num / den).where(den > 0, pd.NA).astype("Float64")


def share_within_target(timelines_df: pd.DataFrame) -> float | None:
    """Of the candidates told or overdue now, the share told within the target (module docstring); None when there are none."""
    status = timelines_df["target_status"]
    due = int(status.isin(["on_time", "late", "overdue"]).sum())
    return float((status == "on_time").sum() / due) if due else None


@takes_timelines
def process_health(
    timelines_df: pd.DataFrame,
    by: str = "round_id",
    scores: HiringRound | Rounds | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group (``by``: "round_id", "department", "hiring_manager", "month", "week" or "all"; or of candidates:
    "status", "channel", "channel_kind" (personal, written, form_letter), "country", "role" or "stage_reached").

    "month" is the month of the decision (YYYY-MM), "week" the Monday of the
    week of the decision (YYYY-MM-DD); candidates without a decision date
    are grouped as "(no decision date)" (`NO_DECISION`: drop that row before
    turning the column into dates). Missing departments or
    managers are grouped as "(not given)"; by channel, candidates not told
    yet as "(not told)". Columns: the group column (with
    role, department, hiring_manager, target_days and target_given when by
    round: `ROUND_INFO`), then

    - n_candidates, n_hired, n_offered, n_rejected, n_withdrawn, n_pending;
    - n_to_tell (measured candidates), n_told, n_told_on_time;
    - median_business_days_to_tell, p90_business_days_to_tell (Float64);
    - share_within_target (told on time / (told + overdue now); module docstring), n_waiting_within_target,
      overdue_now (not told, past target as of the timelines' as_of);
    - n_finalists_told, share_finalists_told_personally;
    - feedback_requests, share_feedback_answered, median_feedback_business_days;
    - n_talent_pool, follow_ups_overdue, follow_ups_missing;
    - with ``scores`` (rounds, a Scores table, or a `scorecard_completeness`
      table): expected_scores, missing_scores, share_scores_missing. For
      "month" and "week" a round's scores count in the month (week) most of
      its decisions fall.
    """
    if by not in GROUPINGS:
        raise ToolkitError(
            "unknown grouping for process health",
            value=by,
            allowed=", ".join(GROUPINGS),
            hint="Pass by='round_id' (one row per round) or another of the allowed groupings",
        )
    if scores is not None and by in CANDIDATE_GROUPINGS:
        raise ToolkitError(f"scorecard completeness is a round's, and cannot be split by {by}", value=by,
                           allowed=", ".join(ROUND_GROUPINGS),
                           hint=f"Leave scores out for by={by!r}, or group by one of the allowed groupings")
    df = timelines_df.copy()
    df["_group"] = _group_keys(df, by)
    measured = df["target_status"] != "not_applicable"
    told_measured = measured & df["notified_on"].notna()
    flags = pd.DataFrame({"_group": df["_group"]})
    for status in STATUSES:
        flags[f"n_{status}"] = (df["status"] == status).astype(int)
    flags["n_to_tell"] = measured.astype(int)
    flags["n_told"] = told_measured.astype(int)
    flags["n_told_on_time"] = (df["target_status"] == "on_time").astype(int)
    flags["n_waiting_within_target"] = (df["target_status"] == "pending").astype(int)
    flags["overdue_now"] = (df["target_status"] == "overdue").astype(int)
    finalists_told = told_measured & df["is_finalist"].fillna(False).astype(bool)
    flags["n_finalists_told"] = finalists_told.astype(int)
    flags["_finalists_personal"] = (finalists_told & df["told_personally"].fillna(False).astype(bool)).astype(int)
    flags["feedback_requests"] = df["feedback_requested_on"].notna().astype(int)
    flags["_answered"] = (df["feedback_status"] == "answered").astype(int)
    flags["n_talent_pool"] = (df["follow_up_status"] != "not_applicable").astype(int)
    flags["follow_ups_overdue"] = (df["follow_up_status"] == "overdue").astype(int)
    flags["follow_ups_missing"] = (df["follow_up_status"] == "missing").astype(int)

    grouped = flags.groupby("_group", sort=True)
    out = grouped.sum()
    out.insert(0, "n_candidates", grouped.size())

    to_tell = df.loc[told_measured, ["_group", "business_days_to_tell"]]
    to_tell["business_days_to_tell"] = to_tell["business_days_to_tell"].astype("float64")
    days = to_tell.groupby("_group")["business_days_to_tell"]
    out["median_business_days_to_tell"] = days.median().reindex(out.index).astype("Float64")
    # rounded to 9 places: interpolation leaves 5.500000000000001 where the figure is 5.5 (and a workbook cell shows it)
    out["p90_business_days_to_tell"] = days.quantile(0.9, interpolation="linear").round(9).reindex(out.index).astype("Float64")
    out["share_within_target"] = _share(out["n_told_on_time"], out["n_told"] + out["overdue_now"])
    out["share_finalists_told_personally"] = _share(out["_finalists_personal"], out["n_finalists_told"])
    out["share_feedback_answered"] = _share(out["_answered"], out["feedback_requests"])
    answered = df.loc[df["feedback_status"] == "answered", ["_group", "feedback_business_days"]]
    answered["feedback_business_days"] = answered["feedback_business_days"].astype("float64")
    out["median_feedback_business_days"] = (
        answered.groupby("_group")["feedback_business_days"].median().reindex(out.index).astype("Float64")
    )
    for col in out.columns:
        if col.startswith("n_") or col in ("overdue_now", "feedback_requests", "follow_ups_overdue", "follow_ups_missing"):
            out[col] = out[col].astype("Int64")
    out = out[HEALTH_COLUMNS]

    if scores is not None:
        out = out.join(_completeness_by_group(df, by, scores))
        for col in ("expected_scores", "missing_scores"):
            out[col] = out[col].fillna(0).astype("Int64")
        out["share_scores_missing"] = _share(out["missing_scores"], out["expected_scores"])

    out.index.name = by
    out = out.reset_index()
    out[out.columns[0]] = out[out.columns[0]].astype("str")
    if by == "round_id":
        info = df.groupby("round_id", sort=False)[list(ROUND_INFO)].first()
        out = out.merge(info.reset_index(), on="round_id", how="left")
        out = out[["round_id", *ROUND_INFO, *[c for c in out.columns if c != "round_id" and c not in ROUND_INFO]]]
    return out


LEFT_OUT_COLUMNS = ["round_id", "candidate_id", "name", "row", "why"]
UNTIMED = "rejected, but no decision date: not timed"  # `left_out`'s reason for a rejection it cannot time


def left_out(rounds: HiringRound | Rounds) -> pd.DataFrame:
    """Who the response-time figures leave out, and why: so that "nobody is overdue" is never said of a list that is
    missing someone.

    One row per candidate: those whose Candidates row was set aside for an
    error (the figures cannot see them; ``name`` blank, ``row`` the sheet
    row, ``why`` the error), and rejected candidates without a decision date
    (not timed: ``why`` says so). Columns: round_id, candidate_id, name, row
    (Int64), why.
    """
    from .timelines import decision_dates

    rows = []
    rounds = rounds if isinstance(rounds, Rounds) else Rounds([rounds])
    rej = rounds.rejected_rows
    if len(rej):
        people = rej[rej["sheet"].astype(str) == "Candidates"]
        loaded = {(rnd.round_id, cid, name) for rnd in rounds
                  for cid, name in zip(rnd.candidates["candidate_id"].astype("str"), rnd.candidates["name"].astype("str").fillna(""))}
        for r in people.itertuples():
            found = re.search(r"(?:^|; )candidate_id=([^;]*)", str(r.values))
            named = re.search(r"(?:^|; )name=([^;]*)", str(r.values))
            cid = found.group(1) if found else ""
            if (r.round_id, cid, named.group(1) if named else "") in loaded:
                continue  # a second row of a candidate loaded from another: they are in the figures (another person typed
                # with the same id is not, and is listed)
            rows.append({"round_id": r.round_id, "candidate_id": cid, "name": "", "row": int(r.row),
                         "why": f"Candidates row set aside: {r.reason}"})
    for rnd in rounds:
        c = rnd.candidates
        decided = decision_dates(pd.to_datetime(c["decided_on"]), pd.to_datetime(c["notified_on"]), rnd.role.decided_on)
        untimed = c[(c["status"].astype("str") == "rejected").to_numpy(dtype=bool) & decided.isna().to_numpy(dtype=bool)]
        for r in untimed.itertuples():
            rows.append({"round_id": rnd.round_id, "candidate_id": r.candidate_id, "name": r.name, "row": r.source_row,
                         "why": UNTIMED})
    out = pd.DataFrame(rows, columns=LEFT_OUT_COLUMNS)
    for c in ("round_id", "candidate_id", "name", "why"):
        out[c] = out[c].astype("str")
    out["row"] = out["row"].astype("Int64")
    return out


def _completeness_by_group(df: pd.DataFrame, by: str, scores) -> pd.DataFrame:
    if isinstance(scores, pd.DataFrame) and "expected_scores" in scores.columns:
        table = scores
    else:
        table = scorecard_completeness(scores)
    per_round = table.groupby("round_id")[["expected_scores", "missing_scores"]].sum()
    if by == "round_id":
        key = pd.Series(per_round.index, index=per_round.index)
    else:
        round_key = df.groupby("round_id")["_group"].agg(lambda s: s.mode().iloc[0] if len(s.mode()) else s.iloc[0])
        key = round_key.reindex(per_round.index)
    per_round = per_round[key.notna()]
    return per_round.groupby(key[key.notna()]).sum()
