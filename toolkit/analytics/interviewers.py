"""How each interviewer scores compared with the rest of the panel.

- **Offset** (leniency or severity): for every score, the score minus the
  panel mean for the same candidate x criterion x stage (the panel mean
  includes the interviewer). Only cells that at least two interviewers
  scored are compared; a lone score has nothing to be compared with.
- **Blank share**: of the candidate x criterion cells the interviewer could
  have scored (every criterion for every candidate they have a score row
  for), the share they left without any score.
- **Halo**: the mean pairwise correlation (Pearson) between the
  interviewer's scores on different criteria across the candidates they
  scored. Near 1 means their criteria move together: one overall impression
  may be driving every score. Each pair of criteria needs at least 3
  candidates scored on both and scores that vary; <NA> otherwise. The halo
  reading says "criteria move together" from 0.7 on (a strong correlation:
  worth asking whether the criteria were judged one by one), "criteria
  partly move together" from 0.4 (a moderate one), "criteria scored apart"
  below, "not enough data" without a halo.
- **Label**: "lenient" when the mean offset is +0.3 points or more on a 1-5
  scale (7.5% of the range on other scales), "severe" at -0.3 or less, "in
  line" between, "too few scores" with fewer than 3 compared scores.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import HiringRound, each_round
from .scoring import _scored_rows, scale_points, scale_range

OFFSET_POINTS = 0.3
"""A mean offset of this many points (1-5 scale; scaled) marks lenient or severe."""

MIN_COMPARED = 3
"""Fewer compared scores than this: the label is "too few scores"."""

MIN_HALO_CANDIDATES = 3

HALO_HIGH = 0.7
"""A halo of this or more reads "criteria move together"."""
HALO_SOME = 0.4
"""A halo from this up to HALO_HIGH reads "criteria partly move together"; below it, "criteria scored apart"."""


@each_round
def score_offsets(round: HiringRound) -> pd.DataFrame:
    """Every non-blank score next to its panel mean.

    Columns: round_id, candidate_id, interviewer, criterion (str), stage (str), score,
    panel_mean (mean of all scores for the same candidate x criterion x
    stage), panel_size (how many scores that mean has), offset (score -
    panel_mean; float, NaN when panel_size < 2).
    """
    s = _scored_rows(round.scores)
    s.insert(0, "round_id", pd.Series([round.round_id] * len(s), index=s.index, dtype="str"))
    g = s.groupby(["candidate_id", "criterion", "stage"], sort=False)["score"]
    s["panel_mean"] = g.transform("mean")
    s["panel_size"] = g.transform("size")
    s["offset"] = np.where(s["panel_size"] >= 2, s["score"] - s["panel_mean"], np.nan)
    return s


def _halo(s: pd.DataFrame) -> pd.Series:
    out = {}
    for who, rows in s.groupby("interviewer", sort=False):
        wide = rows.groupby(["candidate_id", "criterion"], sort=False)["score"].mean().unstack("criterion")
        if wide.shape[1] < 2:
            out[who] = np.nan
            continue
        corr = wide.corr(min_periods=MIN_HALO_CANDIDATES).to_numpy()
        upper = corr[np.triu_indices_from(corr, k=1)]
        upper = upper[~np.isnan(upper)]
        out[who] = float(upper.mean()) if len(upper) else np.nan
    return pd.Series(out, dtype="float64")


@each_round
def interviewer_calibration(round: HiringRound) -> pd.DataFrame:
    """One row per interviewer: leniency, blanks and halo (rules in the module docstring).

    Columns: round_id, interviewer, n_scores (Int64, non-blank scores),
    n_compared (Int64, scores that had a panel to compare with), mean_offset
    (Float64; positive = scores above the panel = lenient), share_blank
    (Float64, 0-1), halo (Float64, -1..1, <NA> when too few data),
    halo_reading ("criteria move together", "criteria partly move together", "criteria scored apart" or "not
    enough data"), label ("lenient", "severe", "in line" or "too few
    scores"). Sorted by
    mean_offset, most lenient first.
    """
    s = score_offsets(round)
    everyone = round.scores["interviewer"].astype("str")
    names = everyone.unique().tolist()  # in order of first appearance
    g = s.groupby("interviewer", sort=False)
    n_scores = g.size().reindex(names, fill_value=0)
    n_compared = g["offset"].count().reindex(names, fill_value=0)
    mean_offset = g["offset"].mean().reindex(names)

    met = pd.DataFrame({"interviewer": everyone.array, "candidate_id": round.scores["candidate_id"].astype("str").array})  # text stays in Arrow
    n_met = met.drop_duplicates().groupby("interviewer", sort=False).size().reindex(names, fill_value=0)
    cells = n_met * len(round.criterion_order)
    filled = s[["interviewer", "candidate_id", "criterion"]].drop_duplicates().groupby("interviewer", sort=False).size().reindex(names, fill_value=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share_blank = np.where(cells > 0, 1 - filled / cells.where(cells > 0, 1), np.nan)
    halo = _halo(s).reindex(names)

    threshold = scale_points(round, OFFSET_POINTS)
    r = scale_range(round) or 1.0
    off = mean_offset.to_numpy(dtype="float64")
    lenient = np.round((np.nan_to_num(off) - threshold) / r, 9) >= 0
    severe = np.round((np.nan_to_num(off) + threshold) / r, 9) <= 0
    label = np.where(n_compared.to_numpy() < MIN_COMPARED, "too few scores", np.where(lenient, "lenient", np.where(severe, "severe", "in line")))

    out = pd.DataFrame(
        {
            "round_id": pd.Series([round.round_id] * len(names), dtype="str"),
            "interviewer": pd.Series(names, dtype="str"),
            "n_scores": pd.array(n_scores.to_numpy(), dtype="Int64"),
            "n_compared": pd.array(n_compared.to_numpy(), dtype="Int64"),
            "mean_offset": pd.array(off, dtype="Float64"),
            "share_blank": pd.array(np.asarray(share_blank, dtype="float64"), dtype="Float64"),
            "halo": pd.array(halo.to_numpy(dtype="float64"), dtype="Float64"),
            "halo_reading": pd.Series(np.select(
                [np.isnan(h := np.round(halo.to_numpy(dtype="float64", na_value=np.nan), 9)), h >= HALO_HIGH, h >= HALO_SOME],
                ["not enough data", "criteria move together", "criteria partly move together"], "criteria scored apart"), dtype="str"),
            "label": pd.Series(label, dtype="str"),
        }
    )
    out = out.sort_values(["mean_offset", "interviewer"], ascending=[False, True], na_position="last", kind="stable")
    return out.reset_index(drop=True)
