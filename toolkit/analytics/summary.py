"""Per candidate: strength, growth area, thin evidence and runner-up status.

This is what the feedback letters are built from, so each choice comes with
a sentence the committee can check.

**Strength** (GUIDANCE rule 6): the criterion on which the candidate stands
highest against the pool. Standing = share of the other scored candidates
whose mean on that criterion is lower (an equal mean counts half). Only
criteria with sufficient evidence (`evidence`) and a mean at or above the
criterion's bar count; where a criterion has no bar, the mean must be at
least the middle of the scale (a 2 of 5 is not praised). Ties go to the more
important criterion. <NA> when no criterion qualifies.

**Growth area** (rules 4 and 8), never a criterion with insufficient evidence:

1. ``below_bar``: the most important criterion whose mean is below its bar;
2. else ``shortfall``: the criterion with the largest weighted shortfall
   against the selected candidate (weight x (their mean - this mean)), if
   that criterion is at least 1 point behind on a 1-5 scale (a full step;
   a quarter of the range on other scales) and is not the candidate's
   strength. A candidate who is good on everything and merely a little
   behind the hire (3.8 against 4.4) gets no invented growth area;
3. else ``none``: nothing is invented.

**Thin evidence**: the most important criterion with insufficient evidence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import HiringRound
from .evidence import evidence, fmt_points, n_points
from .runners_up import runner_up_assessment
from .scoring import gaps, scale_points, scale_range, selected_candidate, weighted_totals

MATERIAL_SHORTFALL_POINTS = 1.0
"""A shortfall against the selected candidate matters from this many points (1-5 scale; scaled)."""


def criterion_profiles(round: HiringRound) -> pd.DataFrame:
    """Per candidate and criterion: their mean next to the selected candidate, the pool and the bar.

    Columns: round_id, candidate_id, name (the candidate's own), criterion
    (ordered categorical), criterion_rank (Int64), weight, mean_score, hire_mean (the selected
    candidate's mean), pool_median (median of all candidates' means on the
    criterion), bar, n_interviewers, insufficient (boolean) and
    evidence_reason (str, "" when the evidence is sufficient), scale_min and
    scale_max (float, the round's scale). This is the input of
    `toolkit.charts.candidate_profile`; a candidate's rows hold no other
    candidate's name or id.
    """
    ev = evidence(round)
    gp = gaps(round)
    crit = round.criteria.set_index("criterion")
    key = ev["criterion"].astype("str")
    pool_median = ev.groupby("criterion", observed=False)["mean_score"].median()
    names = round.candidates.set_index(round.candidates["candidate_id"].astype("str"))["name"]
    out = pd.DataFrame(
        {
            "round_id": ev["round_id"],
            "candidate_id": ev["candidate_id"],
            "name": ev["candidate_id"].map(names).astype("str"),
            "criterion": ev["criterion"],
            "criterion_rank": key.map(crit["rank"]).astype("Int64"),
            "weight": key.map(crit["weight"]).astype("Float64"),
            "mean_score": ev["mean_score"],
            "hire_mean": gp["hire_mean"],
            "pool_median": key.map(pool_median.set_axis(pool_median.index.astype("str"))).astype("Float64"),
            "bar": gp["bar"],
            "n_interviewers": ev["n_interviewers"],
            "insufficient": ev["insufficient"],
            "evidence_reason": ev["reason"],
            "scale_min": float(round.role.scale_min),
            "scale_max": float(round.role.scale_max),
        }
    )
    return out


def _standing(long: pd.DataFrame, round: HiringRound) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per row: share of other candidates below (ties half), n below, n level, n others (on the same criterion)."""
    r = scale_range(round) or 1.0
    key = np.round((long["mean"] - float(round.role.scale_min)) / r, 9)
    g = key.groupby(long["criterion"], sort=False)
    lowest = g.rank(method="min").to_numpy()  # 1 + n strictly lower
    highest = g.rank(method="max").to_numpy()  # n lower + n equal (incl. self)
    count = g.transform("count").to_numpy(dtype="float64")
    n_lower = lowest - 1
    n_level = highest - lowest
    n_others = count - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        standing = np.where(n_others > 0, (n_lower + 0.5 * n_level) / np.where(n_others > 0, n_others, 1), 0.5)
    standing = np.where(np.isnan(long["mean"].to_numpy()), np.nan, standing)
    return standing, n_lower, n_level, n_others


def _against(n_lower: int, n_level: int, n_others: int) -> str:
    """'above 3 and level with 1 of the 5 other candidates scored on it' (or the one-other-candidate wording)."""
    if n_others == 1:
        return "above the other candidate scored on it" if n_lower else ("level with the other candidate scored on it" if n_level else "below the other candidate scored on it")
    level = f" and level with {n_level}" if n_level else ""
    return f"above {n_lower}{level} of the {n_others} other candidates scored on it"


def _first_per_candidate(rows: pd.DataFrame, by: list[str], ascending: list[bool]) -> pd.DataFrame:
    return rows.sort_values(["candidate_id", *by], ascending=[True, *ascending], kind="stable").drop_duplicates("candidate_id")


def candidate_summary(round: HiringRound) -> pd.DataFrame:
    """One row per candidate (best rank first): what the committee and the letters say about them.

    Columns: round_id, candidate_id, name, status, rank, weighted_total;
    strength (criterion name or <NA>) and strength_reason; growth_area
    (criterion or <NA>), growth_kind ("below_bar", "shortfall" or "none")
    and growth_reason; thin_evidence_on (the most important criterion with
    insufficient evidence, or <NA>) and thin_evidence_reason; is_runner_up
    (bool), runner_up_by_scores (bool: close enough by the scores alone),
    runner_up_basis ("committee", "close", "next best", "committee: no" or
    "") and runner_up_reason (sentence or ""); meets_must_haves (see
    `runner_up_assessment` and `weighted_totals`). The
    rules are in the module docstring; reasons are plain English sentences
    for the committee (not for the candidate).
    """
    totals = weighted_totals(round)
    hire_id, _ = selected_candidate(round, totals)
    ev = evidence(round)
    gp = gaps(round)
    crit = round.criteria.set_index("criterion")
    key = ev["criterion"].astype("str")
    long = pd.DataFrame(
        {
            "candidate_id": ev["candidate_id"].to_numpy(),
            "criterion": key.to_numpy(),
            "crank": key.map(crit["rank"]).astype("float64").to_numpy(),
            "weight": key.map(crit["weight"]).astype("float64").fillna(0.0).to_numpy(),
            "mean": ev["mean_score"].astype("float64").to_numpy(na_value=np.nan),
            "bar": gp["bar"].astype("float64").to_numpy(na_value=np.nan),
            "hire": gp["hire_mean"].astype("float64").to_numpy(na_value=np.nan),
            "n_int": ev["n_interviewers"].astype("int64").to_numpy(),
            "thin": ev["insufficient"].fillna(True).astype(bool).to_numpy(),
            "why_thin": ev["reason"].astype("object").to_numpy(),
        }
    )
    r = scale_range(round) or 1.0
    lo = float(round.role.scale_min)
    mid = lo + r / 2
    long["standing"], long["n_lower"], long["n_level"], long["n_others"] = _standing(long, round)
    has_mean = ~np.isnan(long["mean"].to_numpy())
    bar = long["bar"].to_numpy()
    floor = np.where(np.isnan(bar), mid, bar)
    at_floor = np.round((np.nan_to_num(long["mean"].to_numpy()) - floor) / r, 9) >= 0
    sufficient = ~long["thin"].to_numpy()

    # strength
    strong = long[has_mean & sufficient & at_floor]
    strong = _first_per_candidate(strong, ["standing", "crank"], [False, True]).set_index("candidate_id")

    # growth: below the bar first
    below_mask = has_mean & sufficient & ~np.isnan(bar) & ~at_floor
    below = _first_per_candidate(long[below_mask], ["crank"], [True]).set_index("candidate_id")
    # growth: weighted shortfall against the selected candidate
    shortfall = long["hire"].to_numpy() - long["mean"].to_numpy()
    material = np.round((np.nan_to_num(shortfall) - scale_points(round, MATERIAL_SHORTFALL_POINTS)) / r, 9) >= 0
    strength_of = long["candidate_id"].map(strong["criterion"]).astype("object")
    not_strength = (strength_of != long["criterion"]).to_numpy() | strength_of.isna().to_numpy()
    long["shortfall"] = shortfall
    long["weighted_shortfall"] = long["weight"] * shortfall
    short_mask = has_mean & sufficient & ~np.isnan(shortfall) & material & not_strength & (long["weight"].to_numpy() > 0)
    short = _first_per_candidate(long[short_mask], ["weighted_shortfall", "crank"], [False, True]).set_index("candidate_id")
    # thin evidence
    thin = _first_per_candidate(long[long["thin"].to_numpy()], ["crank"], [True]).set_index("candidate_id")
    any_scores = long.groupby("candidate_id")["mean"].count()
    thin_below = _first_per_candidate(long[long["thin"].to_numpy() & (long["mean"] < long["bar"]).to_numpy()], ["crank"], [True])
    thin_below = thin_below.set_index("candidate_id")["criterion"]

    ru = runner_up_assessment(round, totals).set_index("candidate_id")
    scale = f"{fmt_points(round.role.scale_min)}-{fmt_points(round.role.scale_max)}"
    material_txt = n_points(scale_points(round, MATERIAL_SHORTFALL_POINTS))
    # one record per candidate as plain dicts: a row lookup in a frame costs more than the sentence it feeds
    strong, below, short, thin, ru = (f.to_dict("index") for f in (strong, below, short, thin, ru))
    thin_below = thin_below.to_dict()
    any_scores = any_scores.to_dict()

    rows = []
    for row in totals.itertuples(index=False):
        cid = row.candidate_id
        out = {"strength": pd.NA, "growth_area": pd.NA, "growth_kind": "none", "thin_evidence_on": pd.NA, "thin_evidence_reason": ""}
        scored = int(any_scores.get(cid, 0)) > 0
        if cid in strong:
            s = strong[cid]
            out["strength"] = s["criterion"]
            if s["n_others"] > 0:
                standing = (f"mean {fmt_points(s['mean'])} on the {scale} scale, {_against(int(s['n_lower']), int(s['n_level']), int(s['n_others']))}, "
                            f"with sufficient evidence from {int(s['n_int'])} interviewers.")
                if s["standing"] >= 0.5:
                    out["strength_reason"] = f"Strongest against the pool on {s['criterion']} (criterion {int(s['crank'])}): {standing}"
                else:
                    out["strength_reason"] = (f"{s['criterion']} (criterion {int(s['crank'])}) is where the candidate stands best against "
                                              f"the pool, though most others scored higher: {standing}")
            else:
                out["strength_reason"] = (
                    f"{s['criterion']} (criterion {int(s['crank'])}) is the most important criterion with sufficient evidence "
                    f"at or above the bar (mean {fmt_points(s['mean'])} on the {scale} scale); there are no other candidates to compare with."
                )
        elif not scored:
            out["strength_reason"] = "No strength named: the candidate has no scores."
        else:
            out["strength_reason"] = (
                "No strength named: no criterion has both sufficient evidence and a mean at or above its bar "
                "(or, without a bar, at least the middle of the scale)."
            )
        if cid in below:
            b = below[cid]
            out["growth_area"], out["growth_kind"] = b["criterion"], "below_bar"
            out["growth_reason"] = (
                f"{b['criterion']} is the most important criterion (criterion {int(b['crank'])}) below its bar: "
                f"mean {fmt_points(b['mean'])} against a bar of {fmt_points(b['bar'])}, with sufficient evidence from {int(b['n_int'])} interviewers."
            )
        elif cid in short:
            s = short[cid]
            out["growth_area"], out["growth_kind"] = s["criterion"], "shortfall"
            out["growth_reason"] = (
                f"No criterion is below its bar; {s['criterion']} (criterion {int(s['crank'])}, weight {s['weight']:.0%}) has the largest "
                f"weighted shortfall against the selected candidate: mean {fmt_points(s['mean'])} against {fmt_points(s['hire'])}, "
                f"{n_points(s['shortfall'])} behind."
            )
        elif cid == hire_id:
            out["growth_reason"] = "No growth area: this is the selected candidate and no criterion with sufficient evidence is below its bar."
        elif not scored:
            out["growth_reason"] = "No growth area named: the candidate has no scores."
        else:
            out["growth_reason"] = (
                "No growth area named: no criterion with sufficient evidence is below its bar or "
                f"{material_txt} or more behind the selected candidate."
            )
        if cid in thin:
            t = thin[cid]
            out["thin_evidence_on"] = t["criterion"]
            out["thin_evidence_reason"] = f"{t['criterion']} (criterion {int(t['crank'])}): {t['why_thin']}."
            if cid in thin_below:
                out["growth_reason"] += f" {thin_below[cid]} is below its bar but its evidence is thin, so it is not used as a growth area."
        a = ru[cid]
        out["is_runner_up"] = bool(a["is_runner_up"])
        out["runner_up_reason"] = a["runner_up_reason"]
        out["runner_up_basis"] = a["runner_up_basis"]
        out["runner_up_by_scores"] = bool(a["runner_up_by_scores"])
        rows.append(out)

    extra = pd.DataFrame(rows, index=totals.index)
    res = totals[["round_id", "candidate_id", "name", "status", "rank", "weighted_total"]].copy()
    for c in ("strength", "strength_reason", "growth_area", "growth_kind", "growth_reason", "thin_evidence_on", "thin_evidence_reason",
              "runner_up_basis", "runner_up_reason"):
        res[c] = extra[c].astype("str")
    res["is_runner_up"] = extra["is_runner_up"].astype(bool)
    res["runner_up_by_scores"] = extra["runner_up_by_scores"].astype(bool)
    res["meets_must_haves"] = totals["meets_must_haves"]
    cols = ["round_id", "candidate_id", "name", "status", "rank", "weighted_total", "strength", "strength_reason",
            "growth_area", "growth_kind", "growth_reason", "thin_evidence_on", "thin_evidence_reason",
            "is_runner_up", "runner_up_by_scores", "runner_up_basis", "runner_up_reason", "meets_must_haves"]
    return res[cols].reset_index(drop=True)
