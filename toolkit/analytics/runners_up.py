"""Runners-up: the candidates worth staying in touch with (GUIDANCE rule 10).

The rule, in this order:

1. The selected candidate (see `selected_candidate`) and anyone with status
   "hired" or "offered" (an offer still open is not a "no") are never
   runners-up.
2. ``stay_in_touch`` = yes on the Candidates sheet is the committee's
   explicit choice: a runner-up, whatever the scores say.
3. ``stay_in_touch`` = no is an explicit "no": not a runner-up, and the
   reason says so (and whether the scores alone would have made them one).
4. Otherwise (blank = decide from the scores), a candidate who did not
   withdraw, meets every must-have (`weighted_totals`' ``meets_must_haves``
   is True, not merely unknown) and whose weighted total is

   - within 0.5 points of the selected candidate's total (on a 1-5 scale;
     1/8 of the range on other scales), or
   - the best-ranked of the remaining candidates ("next best") and within
     0.75 points (3/16 of the range),

   is a runner-up. A candidate whose total is above the selected
   candidate's is within the margin too; their reason says that the scores
   rank them above the person chosen, not that they were close behind.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import HiringRound, each_round
from .evidence import fmt_points, n_points
from .scoring import scale_points, scale_range, selected_candidate, weighted_totals

CLOSE_MARGIN_POINTS = 0.5
"""Within this many points (1-5 scale) of the selected candidate's total = close."""

NEXT_BEST_MARGIN_POINTS = 0.75
"""The next best candidate qualifies within this many points (1-5 scale)."""


@each_round
def runner_up_assessment(round: HiringRound, totals: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every candidate, with whether they are a runner-up and why.

    Columns (one row per candidate, best rank first): round_id, candidate_id,
    name, status, rank, weighted_total, hire_total (the selected candidate's
    total), gap_to_hire (weighted_total - hire_total; negative = behind),
    meets_must_haves, stay_in_touch (boolean as given; <NA> = decide from
    scores), is_runner_up (bool), runner_up_by_scores (bool: the score rule
    alone would make them one, whatever the committee ticked),
    ranked_above_selected (bool: not selected nor withdrawn, and ahead of
    the selected candidate by more than the close margin),
    runner_up_basis ("committee", "close", "next best", "committee: no" or
    ""), runner_up_reason (a sentence for the
    committee, or ""). The rule is in the module docstring.
    """
    totals = weighted_totals(round) if totals is None else totals
    hire_id, _basis = selected_candidate(round, totals)
    stay = round.candidates.set_index(round.candidates["candidate_id"].astype("str"))["stay_in_touch"].astype("boolean")
    t = totals.copy()
    t["stay_in_touch"] = t["candidate_id"].map(stay).astype("boolean")
    total = t["weighted_total"].astype("float64").to_numpy(na_value=np.nan)
    hire_total = np.nan
    if hire_id is not None:
        hire_total = float(t.loc[t["candidate_id"] == hire_id, "weighted_total"].astype("float64").fillna(np.nan).iloc[0])
    gap = total - hire_total
    r = scale_range(round) or 1.0
    close_margin = scale_points(round, CLOSE_MARGIN_POINTS)
    next_margin = scale_points(round, NEXT_BEST_MARGIN_POINTS)
    behind = np.round(-gap / r, 9)  # positive = behind the selected candidate

    is_selected = (t["candidate_id"] == hire_id).to_numpy() | t["status"].isin(["hired", "offered"]).to_numpy()
    eligible = ~is_selected & (t["status"] != "withdrawn").to_numpy()
    meets = t["meets_must_haves"].fillna(False).to_numpy(dtype=bool)
    has_total = ~np.isnan(gap)
    close = eligible & meets & has_total & (behind <= np.round(close_margin / r, 9))
    above = eligible & has_total & (-behind > np.round(close_margin / r, 9))  # ahead by more than the close margin
    ranks = t["rank"].astype("float64").to_numpy(na_value=np.nan)
    contenders = eligible & has_total
    best_rest = np.nanmin(np.where(contenders, ranks, np.nan)) if contenders.any() else np.nan
    next_best = contenders & (ranks == best_rest) & meets & (behind <= np.round(next_margin / r, 9)) & ~close
    by_scores = close | next_best

    stay_yes = t["stay_in_touch"].fillna(False).to_numpy(dtype=bool) & ~is_selected
    stay_no = (t["stay_in_touch"] == False).fillna(False).to_numpy(dtype=bool) & ~is_selected  # noqa: E712

    scale = f"{fmt_points(round.role.scale_min)}-{fmt_points(round.role.scale_max)}"
    basis = np.full(len(t), "", dtype=object)
    reason = np.full(len(t), "", dtype=object)

    def score_sentence(i: int) -> str:
        where = (f"{n_points(-gap[i])} behind" if behind[i] > 0 else
                 "level with" if behind[i] == 0 else f"{n_points(gap[i])} ahead of")
        if above[i]:  # no margin to speak of: they are ahead
            return (f"weighted total {fmt_points(total[i])} is {where} the selected candidate's {fmt_points(hire_total)}: the scores "
                    "rank them above the person chosen, and every must-have is met")
        if close[i]:
            margin = f"within the {fmt_points(close_margin)}-point margin on the {scale} scale"
            return f"weighted total {fmt_points(total[i])} is {where} the selected candidate's {fmt_points(hire_total)} ({margin}) and every must-have is met"
        return (f"next best after the selected candidate: weighted total {fmt_points(total[i])} is {where} "
                f"the selected candidate's {fmt_points(hire_total)} (within the {fmt_points(next_margin)}-point margin "
                f"for the next best on the {scale} scale) and every must-have is met")

    for i in range(len(t)):
        if stay_yes[i]:
            basis[i] = "committee"
            text = "The committee chose to stay in touch (stay in touch = yes)"
            reason[i] = text + (f"; the scores agree: {score_sentence(i)}." if by_scores[i] else ".")
        elif stay_no[i]:
            basis[i] = "committee: no"
            text = "The committee chose not to stay in touch (stay in touch = no)"
            reason[i] = text + (f", although by the scores alone they would be a runner-up: {score_sentence(i)}." if by_scores[i] else ".")
        elif by_scores[i]:
            basis[i] = "close" if close[i] else "next best"
            s = score_sentence(i)
            reason[i] = s[0].upper() + s[1:] + "."
    is_runner_up = stay_yes | (by_scores & ~stay_no)

    out = t[["round_id", "candidate_id", "name", "status", "rank", "weighted_total"]].copy()
    out["hire_total"] = pd.array(np.full(len(t), hire_total), dtype="Float64")
    out["gap_to_hire"] = pd.array(gap, dtype="Float64")
    out["meets_must_haves"] = t["meets_must_haves"]
    out["stay_in_touch"] = t["stay_in_touch"]
    out["is_runner_up"] = is_runner_up.astype(bool)
    out["runner_up_by_scores"] = by_scores.astype(bool)
    out["runner_up_basis"] = pd.Series(basis, index=out.index, dtype="str")
    out["runner_up_reason"] = pd.Series(reason, index=out.index, dtype="str")
    out["ranked_above_selected"] = above.astype(bool)
    for c in ("hire_total", "gap_to_hire"):
        out[c] = out[c].astype("Float64")
    return out.reset_index(drop=True)


@each_round
def runners_up(round: HiringRound) -> pd.DataFrame:
    """The runners-up only (same columns as `runner_up_assessment`), best rank first."""
    a = runner_up_assessment(round)
    return a[a["is_runner_up"]].reset_index(drop=True)


def runner_up_pairs(rounds, assessments: dict[str, pd.DataFrame] | None = None) -> set[tuple[str, str]]:
    """(round_id, candidate_id) of every runner-up of ``rounds`` (a round or `Rounds`): what `timelines` takes as
    ``runners_up``, so that a runner-up whose ``stay_in_touch`` is blank, and whose letter offers to stay in touch,
    is followed up in the talent pool too. ``assessments``: round_id -> a table with is_runner_up already at hand
    (`runner_up_assessment` or `candidate_summary` of that round), so that it is not worked out again."""
    from ..model import as_rounds

    pairs = set()
    for r in as_rounds(rounds):
        a = (assessments or {}).get(r.round_id)
        a = runner_up_assessment(r) if a is None else a
        pairs.update((r.round_id, str(c)) for c in a.loc[a["is_runner_up"].fillna(False).astype(bool), "candidate_id"])
    return pairs
