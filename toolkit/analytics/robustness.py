"""Would the winner still win under reasonable changes? (rank robustness)

Scenarios, each recomputing every candidate's weighted total (`weighted_totals`
rules) and rank:

- "as given": the round's weights;
- "equal weights": every criterion counts the same;
- "rank-derived weights": weight = (n + 1 - position) / sum, from the
  criteria's rank order alone (what the loader uses when weights are blank);
  a weights scenario that equals "as given" (weights derived from the ranks,
  or given equal) is left out, so that no scenario is counted twice;
- "without <interviewer>": the round's weights, that interviewer's scores
  left out (one scenario per interviewer).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import HiringRound, each_round, shown_names
from .scoring import _means_wide, _rank, _totals, _weights

AS_GIVEN = "as given"
EQUAL = "equal weights"
RANK_DERIVED = "rank-derived weights"


def _scenarios(round: HiringRound):
    n = len(round.criterion_order)
    given = _weights(round)
    means = _means_wide(round)
    yield AS_GIVEN, "weights", means, given
    if n:
        raw = (n + 1 - np.arange(1, n + 1)).astype(float)
        for name, weights in ((EQUAL, np.full(n, 1.0 / n)), (RANK_DERIVED, raw / raw.sum())):
            if not np.allclose(weights, given):  # weights derived from the ranks are "as given" already: not counted twice
                yield name, "weights", means, weights
    who = round.scores["interviewer"].astype("str")
    for name in dict.fromkeys(who.tolist()):
        yield f"without {name}", "interviewer left out", _means_wide(round, round.scores[(who != name).to_numpy()]), given


@each_round
def scenario_ranks(round: HiringRound) -> pd.DataFrame:
    """Every candidate's total and rank in every scenario (see the module docstring).

    Columns: round_id, scenario, scenario_kind ("weights" or "interviewer
    left out"), candidate_id, name, weighted_total (Float64), rank (Int64,
    1 = best, ties share the smaller rank). Scenarios in the order above;
    candidates best first within a scenario (ties in Candidates-sheet order).
    """
    c = round.candidates
    ids = c["candidate_id"].astype("str").to_numpy()
    names = c["name"].astype("str").to_numpy()
    frames = []
    for scenario, kind, means, weights in _scenarios(round):
        total, _ = _totals(means, weights)
        rank = _rank(total, round)
        frame = pd.DataFrame(
            {"scenario": scenario, "scenario_kind": kind, "candidate_id": ids, "name": names,
             "weighted_total": pd.array(total, dtype="Float64"), "rank": rank.to_numpy(), "_pos": np.arange(len(ids))}
        )
        frames.append(frame.sort_values(["rank", "_pos"], kind="stable", na_position="last"))
    out = pd.concat(frames, ignore_index=True).drop(columns="_pos")
    out.insert(0, "round_id", round.round_id)
    for k in ("round_id", "scenario", "scenario_kind", "candidate_id", "name"):
        out[k] = out[k].astype("str")
    out["weighted_total"] = out["weighted_total"].astype("Float64")
    out["rank"] = out["rank"].astype("Int64")
    return out


@each_round
def rank_robustness(round: HiringRound, top: int = 3) -> pd.DataFrame:
    """Per scenario: the top candidates in order, and whether the winner and the order hold.

    Columns: round_id, scenario, scenario_kind, top_ids and top_names (str,
    the first ``top`` candidates best first, joined with " > ", or " = "
    between candidates tied on their total; a tie at the cut goes on to
    the last candidate tied), winner and
    winner_name (the first of them, ties in Candidates-sheet order; <NA>
    when nobody has a total), winner_unchanged (bool: the "as given" winner
    is still ranked 1, alone or tied), top_order_unchanged (bool: the same
    ``top`` candidates in the same order as "as given", ties included).
    """
    from ..model import top_count

    top = top_count(top, what="rank_robustness")
    ranks = scenario_ranks(round)
    rows = []
    base_ids: list[str] | None = None
    base_order: str | None = None
    for scenario, part in ranks.groupby("scenario", sort=False):
        ranked = part[part["rank"].notna()]
        if len(ranked) > top:  # the candidates tied with the last one shown are shown too: "Ann > Ben = Cy", not "Ann > Ben"
            ranked = ranked[ranked["rank"] <= ranked["rank"].iloc[top - 1]] if top > 0 else ranked.head(0)
        ids = ranked["candidate_id"].tolist()
        first = set(part.loc[part["rank"] == 1, "candidate_id"])
        # " = " between candidates whose totals tie (they share a rank), " > " otherwise
        seps = ["" if i == 0 else (" = " if r == prev else " > ") for i, (r, prev) in
                enumerate(zip(ranked["rank"].tolist(), [None, *ranked["rank"].tolist()[:-1]]))]
        top_ids = "".join(s + x for s, x in zip(seps, ids))
        if base_ids is None:
            base_ids, base_order = ids, top_ids
        rows.append(
            {
                "scenario": scenario,
                "scenario_kind": part["scenario_kind"].iloc[0],
                "top_ids": top_ids,
                "top_names": "".join(s + x for s, x in zip(seps, shown_names(ranked).tolist())),  # the id for want of a name
                "winner": ids[0] if ids else pd.NA,
                "winner_name": shown_names(ranked).iloc[0] if ids else pd.NA,
                "winner_unchanged": bool(base_ids[:1] and base_ids[0] in first) or (not base_ids and not ids),
                "top_order_unchanged": top_ids == base_order,
            }
        )
    out = pd.DataFrame(rows, columns=["scenario", "scenario_kind", "top_ids", "top_names", "winner", "winner_name", "winner_unchanged", "top_order_unchanged"])
    out.insert(0, "round_id", round.round_id)
    for k in ("round_id", "scenario", "scenario_kind", "top_ids", "top_names", "winner", "winner_name"):
        out[k] = out[k].astype("str")
    for k in ("winner_unchanged", "top_order_unchanged"):
        out[k] = out[k].astype(bool)
    return out
