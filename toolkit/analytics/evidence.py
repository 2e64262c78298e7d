"""Is there enough evidence behind a candidate's score on a criterion?

The rule (GUIDANCE rule 5: say so when the evidence was thin):

- **Too few scores**: fewer than 2 interviewers gave the candidate a
  (non-blank) score on the criterion. One person's view, even if given at
  two stages, is not enough to explain a decision with, where others could
  have given theirs. In a round with one interviewer, that interviewer's
  score is all the evidence any candidate has: one score is enough there
  (a recorded 1 of 5 is a weakness seen, not one "we did not see").
- **Interviewers disagree**: the interviewers' scores are 2 or more points
  apart on a 1-5 scale (half the scale's range on other scales: 5 points on
  0-10). When an interviewer scored the same criterion at several stages,
  their mean is used, so a candidate who improved from one stage to the next
  is not mistaken for a disagreement.

A criterion with insufficient evidence is never used as a growth area; the
letters say "we did not learn enough about it" instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import HiringRound, each_round
from .scoring import _positions, _score_cells, _scored_rows, _texts, criterion_matrix, factorize_text, scale_points

MIN_INTERVIEWERS = 2
"""Fewer interviewers than this on a criterion = too few scores."""

DISAGREEMENT_POINTS = 2.0
"""Interviewers this far apart (on a 1-5 scale; scaled) = conflicting scores."""


def fmt_points(x: float) -> str:
    """A score or difference for a sentence: at most two decimals, no trailing zeros (3.67, 3.5, 4)."""
    return f"{float(x):.2f}".rstrip("0").rstrip(".")


def n_points(x: float) -> str:
    """'1 point', '1.5 points', '3 points'."""
    text = fmt_points(x)
    return f"{text} point" if text in ("1", "-1") else f"{text} points"


def _each(format_one, values) -> np.ndarray:
    """``format_one`` of every number, as an object array of text; called once per distinct number (a column of a
    million means holds a few dozen)."""
    codes, uniques = pd.factorize(np.asarray(values, dtype="float64"), use_na_sentinel=False)
    return np.array([format_one(u) for u in uniques], dtype=object)[codes]


def fmt_points_each(values) -> np.ndarray:
    """`fmt_points` of every value (object array)."""
    return _each(fmt_points, values)


def n_points_each(values) -> np.ndarray:
    """`n_points` of every value (object array)."""
    return _each(n_points, values)


def disagreement_threshold(round: HiringRound) -> float:
    """Points apart at which interviewers count as disagreeing on the round's scale."""
    return scale_points(round, DISAGREEMENT_POINTS)


def _spread_and_panel_by_text(round: HiringRound, m: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per row of the criterion matrix: the spread of the interviewers' means and the panel size of the candidate."""
    rows = _scored_rows(round.scores)
    per_interviewer = rows.groupby(["candidate_id", "criterion", "interviewer"], sort=False)["score"].mean()
    g = per_interviewer.groupby(level=["candidate_id", "criterion"], sort=False)
    spread = (g.max() - g.min()).rename("spread")
    key = pd.MultiIndex.from_arrays([m["candidate_id"].to_numpy(), m["criterion"].astype("str").to_numpy()])
    spread_arr = spread.reindex(key).to_numpy(dtype="float64", na_value=np.nan) if len(spread) else np.full(len(m), np.nan)
    all_rows = round.scores
    every = np.ones(len(all_rows), dtype=bool)
    as_str = lambda v: v.astype("str")  # noqa: E731
    panel = (
        pd.DataFrame({"candidate_id": _texts(all_rows["candidate_id"], as_str, every), "interviewer": _texts(all_rows["interviewer"], as_str, every)})
        .groupby("candidate_id")["interviewer"].nunique()
    )
    return spread_arr, m["candidate_id"].map(panel).fillna(0).astype("int64").to_numpy()


def _spread_and_panel(round: HiringRound) -> tuple[np.ndarray, np.ndarray] | None:
    """`_spread_and_panel_by_text` on integer cells (`scoring._score_cells`): the same numbers, several times faster."""
    cells = _score_cells(round)
    cand = _positions(round.scores["candidate_id"], round.candidates["candidate_id"].astype("str").tolist())
    if cells is None or cand is None:
        return None
    cell, interviewer, score = cells
    n_crit = len(round.criterion_order)
    n_cells = len(round.candidates) * n_crit
    named = interviewer >= 0  # a blank interviewer is no one: left out, as grouping by text leaves it out
    width = int(interviewer.max(initial=0)) + 1
    means = pd.Series(score[named]).groupby(cell[named].astype(np.int64) * width + interviewer[named], sort=False).mean()
    per_cell = means.groupby(means.index.to_numpy() // width, sort=False)
    spread = per_cell.max() - per_cell.min()
    spread_arr = np.full(n_cells, np.nan)
    spread_arr[spread.index.to_numpy()] = spread.to_numpy()
    # panel: interviewers who scored the candidate on anything, blank scores included
    who = factorize_text(round.scores["interviewer"])[0]
    ok = (cand >= 0) & (who >= 0)
    all_width = int(who.max(initial=0)) + 1
    pairs = pd.unique(cand[ok].astype(np.int64) * all_width + who[ok])
    panel = np.bincount(pairs // all_width, minlength=len(round.candidates))[: len(round.candidates)]
    return spread_arr, np.repeat(panel, n_crit).astype("int64")


def _n_interviewers(round: HiringRound) -> int:
    """How many people interviewed in the round (distinct interviewers in its Scores table)."""
    return int(round.scores["interviewer"].nunique(dropna=True)) if len(round.scores) else 0


@each_round
def evidence(round: HiringRound) -> pd.DataFrame:
    """Per candidate and criterion: is the evidence sufficient, and if not, why.

    Returns one row per candidate x criterion: round_id, candidate_id,
    criterion (ordered categorical), mean_score, n_scores (non-blank scores),
    n_interviewers (distinct interviewers who scored it), panel_size
    (interviewers who scored the candidate on anything, blank rows included),
    min_score and max_score (Float64, over all its scores), spread (Float64:
    the largest difference between two interviewers' scores, each
    interviewer's scores averaged over stages; with one score per
    interviewer this is max_score - min_score), insufficient (boolean)
    and reason ("too few scores: 1 of 3 interviewers", "interviewers disagree
    by 3 points", or ""). See the module docstring for the rule.
    """
    m = criterion_matrix(round)
    fast = _spread_and_panel(round)
    if fast is not None:
        spread_arr, panel_size = fast
    else:
        spread_arr, panel_size = _spread_and_panel_by_text(round, m)

    n_int = m["n_interviewers"].to_numpy(dtype="int64")
    threshold = disagreement_threshold(round)
    r = (float(round.role.scale_max) - float(round.role.scale_min)) or 1.0
    too_few = n_int < min(MIN_INTERVIEWERS, max(_n_interviewers(round), 1))
    disagree = ~too_few & (np.round((np.nan_to_num(spread_arr) - threshold) / r, 9) >= 0)
    reason = np.full(len(m), "", dtype=object)
    for i in np.flatnonzero(too_few):
        people = "interviewer" if panel_size[i] == 1 else "interviewers"
        reason[i] = f"too few scores: {n_int[i]} of {panel_size[i]} {people}" if panel_size[i] else "too few scores: not interviewed"
    for i in np.flatnonzero(disagree):
        reason[i] = f"interviewers disagree by {n_points(spread_arr[i])}"

    out = pd.DataFrame(
        {
            "round_id": m["round_id"],
            "candidate_id": m["candidate_id"],
            "criterion": m["criterion"],
            "mean_score": m["mean_score"],
            "n_scores": m["n_scores"],
            "n_interviewers": m["n_interviewers"],
            "panel_size": pd.array(panel_size, dtype="Int64"),
            "min_score": m["min_score"],
            "max_score": m["max_score"],
            "spread": pd.array(spread_arr, dtype="Float64"),
            "insufficient": pd.array(too_few | disagree, dtype="boolean"),
            "reason": pd.Series(reason, dtype="str"),
        }
    )
    out["spread"] = out["spread"].astype("Float64")
    return out
