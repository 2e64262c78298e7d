"""How each candidate's weighted total builds up over the interview stages (GUIDANCE rule 3)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import HiringRound, each_round
from .scoring import _means_wide, _stage_labels, _totals, _weights, stage_order


@each_round
def progression(round: HiringRound) -> pd.DataFrame:
    """Per candidate and stage (interview order): the weighted total at and up to that stage.

    Columns: round_id, candidate_id, name, stage (str), stage_number (Int64,
    1 = first stage in `stage_order`), weighted_total_at_stage (Float64: the
    weighted total from that stage's scores only), cumulative_weighted_total
    (Float64: from all scores up to and including that stage), coverage_at_stage
    (Float64, 0-1: share of the weight assessed at that stage). Weighted
    totals follow `weighted_totals` (weights re-normalised over the criteria
    assessed). A candidate has a row for each stage where they have at least
    one non-blank score.
    """
    stages = stage_order(round)
    labels = _stage_labels(round.scores)
    w = _weights(round)
    c = round.candidates
    ids = c["candidate_id"].astype("str").to_numpy()
    frames = []
    for number, stage in enumerate(stages, start=1):
        at = round.scores[(labels == stage).to_numpy()]
        upto = round.scores[labels.isin(stages[:number]).to_numpy()]
        total_at, coverage_at = _totals(_means_wide(round, at), w)
        total_upto, _ = _totals(_means_wide(round, upto), w)
        present = at.loc[at["score"].notna(), "candidate_id"].astype("str").unique()
        keep = np.isin(ids, present)
        frames.append(
            pd.DataFrame(
                {
                    "candidate_id": ids[keep],
                    "name": c["name"].astype("str").to_numpy()[keep],
                    "stage": stage,
                    "stage_number": number,
                    "weighted_total_at_stage": total_at[keep],
                    "cumulative_weighted_total": total_upto[keep],
                    "coverage_at_stage": coverage_at[keep],
                    "_pos": np.flatnonzero(keep),
                }
            )
        )
    cols = ["round_id", "candidate_id", "name", "stage", "stage_number", "weighted_total_at_stage", "cumulative_weighted_total", "coverage_at_stage"]
    if not frames:
        out = pd.DataFrame({k: [] for k in cols})
    else:
        out = pd.concat(frames, ignore_index=True).sort_values(["_pos", "stage_number"], kind="stable").drop(columns="_pos")
        out.insert(0, "round_id", round.round_id)
    out["round_id"] = out["round_id"].astype("str")
    for k in ("candidate_id", "name", "stage"):
        out[k] = out[k].astype("str")
    out["stage_number"] = out["stage_number"].astype("Int64")
    for k in ("weighted_total_at_stage", "cumulative_weighted_total", "coverage_at_stage"):
        out[k] = out[k].astype("Float64")
    return out[cols].reset_index(drop=True)
