"""Per candidate: strength, growth area, thin evidence and runner-up status.

This is what the feedback letters are built from, so each choice comes with
a sentence the committee can check.

**Strength** (GUIDANCE rule 6): the candidate's strongest criterion, the
one with their highest mean. Only criteria with sufficient evidence
(`evidence`) and a mean at or above the criterion's bar count; where a
criterion has no bar, the mean must be at least the middle of the scale (a 2
of 5 is not praised). Equal means go to the criterion on which the candidate
stands higher against the pool (standing = share of the other scored
candidates whose mean on it is lower, an equal mean counting half), then to
the more important criterion. <NA> when no criterion qualifies. (The letter
praises it warmly only where the candidate also stands clearly above the
pool: `toolkit.feedback.compose`.)

**Growth area** (rules 4 and 8), never a criterion with insufficient evidence:

1. ``below_bar``: the most important criterion whose mean is below its bar;
2. else ``shortfall``: among the criteria at least 1 point behind the
   selected candidate on a 1-5 scale (a full step; a quarter of the range
   on other scales) that are not the candidate's strength, the one with the
   largest weighted shortfall (weight x (their mean - this mean)). A larger
   weighted gap of less than a point does not hide a full point behind on
   a criterion of less weight. A candidate who is good on everything and merely a little
   behind the hire (3.8 against 4.4) gets no invented growth area;
3. else ``none``: nothing is invented.

**Thin evidence**: the most important criterion with insufficient evidence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import HiringRound, each_round
from ..schema import LANGUAGES
from .evidence import _each, evidence, fmt_points, fmt_points_each, n_points, n_points_each
from .runners_up import runner_up_assessment
from .scoring import _weights, gaps, scale_points, scale_range, selected_candidate, weighted_totals

MATERIAL_SHORTFALL_POINTS = 1.0
"""A shortfall against the selected candidate matters from this many points (1-5 scale; scaled)."""


@each_round
def criterion_profiles(round: HiringRound) -> pd.DataFrame:
    """Per candidate and criterion: their mean next to the selected candidate, the pool and the bar.

    Columns: round_id, candidate_id, name (the candidate's own), criterion
    (ordered categorical), criterion_rank (Int64), weight, mean_score, hire_mean (the selected
    candidate's mean), hire_basis (str: "hired", "offered" or "top-ranked" when no one is chosen yet), pool_median (median of all candidates' means on the
    criterion), pool_size (Int64, how many candidates have a mean on it), bar, n_interviewers, insufficient (boolean) and
    evidence_reason (str, "" when the evidence is sufficient), scale_min and
    scale_max (float, the round's scale), criterion_en, criterion_de and
    criterion_sv (str, the committee's name for the criterion in that
    language; missing when it gave none). This is the input of
    `toolkit.charts.candidate_profile`; a candidate's rows hold no other
    candidate's name or id.
    """
    ev = evidence(round)
    gp = gaps(round)
    crit = round.criteria.set_index("criterion")
    key = ev["criterion"].astype("str")
    pool_median = ev.groupby("criterion", observed=False)["mean_score"].median()
    pool_size = ev.groupby("criterion", observed=False)["mean_score"].count()
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
            "hire_basis": gp["hire_basis"],
            "pool_median": key.map(pool_median.set_axis(pool_median.index.astype("str"))).astype("Float64"),
            "pool_size": key.map(pool_size.set_axis(pool_size.index.astype("str"))).astype("Int64"),
            "bar": gp["bar"],
            "n_interviewers": ev["n_interviewers"],
            "insufficient": ev["insufficient"],
            "evidence_reason": ev["reason"],
            "scale_min": float(round.role.scale_min),
            "scale_max": float(round.role.scale_max),
            **{f"criterion_{lang}": key.map(crit[f"criterion_{lang}"]).astype("str") for lang in LANGUAGES if f"criterion_{lang}" in crit},
        }
    )
    return out


def _standing(mean: np.ndarray, criterion: np.ndarray, round: HiringRound) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per row: share of other candidates below (ties half), n below, n level, n others (on the same criterion)."""
    r = scale_range(round) or 1.0
    key = pd.Series(np.round((mean - float(round.role.scale_min)) / r, 9))
    g = key.groupby(criterion, sort=False)
    lowest = g.rank(method="min").to_numpy()  # 1 + n strictly lower
    highest = g.rank(method="max").to_numpy()  # n lower + n equal (incl. self)
    count = g.transform("count").to_numpy(dtype="float64")
    n_lower = lowest - 1
    n_level = highest - lowest
    n_others = count - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        standing = np.where(n_others > 0, (n_lower + 0.5 * n_level) / np.where(n_others > 0, n_others, 1), 0.5)
    standing = np.where(np.isnan(mean), np.nan, standing)
    return standing, n_lower, n_level, n_others


def _against(n_lower: np.ndarray, n_level: np.ndarray, n_others: np.ndarray) -> np.ndarray:
    """'above 3 and level with 1 of the 5 other candidates scored on it' (or the one-other-candidate wording), per element."""
    one = np.where(n_lower > 0, "above the other candidate scored on it",
                   np.where(n_level > 0, "level with the other candidate scored on it", "below the other candidate scored on it"))
    level = np.where(n_level > 0, _cat(" and level with ", _ints(n_level)), "")
    many = _cat("above ", _ints(n_lower), level, " of the ", _ints(n_others), " other candidates scored on it")
    return np.where(n_others == 1, one.astype(object), many)


def _ints(x: np.ndarray) -> np.ndarray:
    """Whole numbers as text (object array): 3.0 -> '3' (NaN, never shown, -> '0')."""
    return np.nan_to_num(np.asarray(x, dtype="float64")).astype(np.int64).astype(str).astype(object)


def _cat(*parts) -> np.ndarray:
    """Element-wise concatenation of text arrays (object) and plain strings."""
    out = np.asarray(parts[0], dtype=object)
    for p in parts[1:]:
        out = out + (p if isinstance(p, str) else np.asarray(p, dtype=object))
    return out


def _first_per_candidate(candidate: np.ndarray, mask: np.ndarray, keys: list[np.ndarray], n_candidates: int) -> np.ndarray:
    """Per candidate (by position): the row among ``mask`` that sorts first by ``keys`` (ascending; NaN last; ties keep
    row order), or -1 when the candidate has no such row."""
    rows = np.flatnonzero(mask)
    order = rows[np.lexsort([k[rows] for k in reversed(keys)] + [candidate[rows]])]  # the last key sorts first
    first = np.ones(len(order), dtype=bool)
    first[1:] = candidate[order[1:]] != candidate[order[:-1]]
    pick = np.full(n_candidates, -1, dtype=np.int64)
    pick[candidate[order[first]]] = order[first]
    return pick


@each_round
def candidate_summary(round: HiringRound) -> pd.DataFrame:
    """One row per candidate (best rank first): what the committee and the letters say about them.

    Columns: round_id, candidate_id, name, status, rank, weighted_total;
    strength (criterion name or <NA>) and strength_reason; growth_area
    (criterion or <NA>), growth_kind ("below_bar", "shortfall" or "none")
    and growth_reason; thin_evidence_on (the most important criterion with
    insufficient evidence, or <NA>) and thin_evidence_reason; is_runner_up
    (bool), runner_up_by_scores (bool: close enough by the scores alone),
    runner_up_basis ("committee", "close", "next best", "committee: no" or
    "") and runner_up_reason (sentence or ""); ranked_above_selected (bool:
    the scores put them ahead of the person chosen by more than the close
    margin); meets_must_haves (see
    `runner_up_assessment` and `weighted_totals`). The
    rules are in the module docstring; reasons are plain English sentences
    for the committee (not for the candidate).
    """
    totals = weighted_totals(round)
    hire_id, _ = selected_candidate(round, totals)
    ev = evidence(round)
    gp = gaps(round, totals)

    # one row per candidate x criterion (evidence's rows); ``candidate`` = the row's position in `totals` (best rank first)
    codes, ids = pd.factorize(ev["candidate_id"])
    candidate = pd.Index(totals["candidate_id"]).get_indexer(ids)[codes]
    n = len(totals)
    code = ev["criterion"].cat.codes.to_numpy()
    names = np.array(round.criterion_order, dtype=object)[code]
    crank = round.criteria["rank"].astype("float64").to_numpy(na_value=np.nan)[code]
    weight = _weights(round)[code]
    mean = ev["mean_score"].astype("float64").to_numpy(na_value=np.nan)
    bar = gp["bar"].astype("float64").to_numpy(na_value=np.nan)
    hire = gp["hire_mean"].astype("float64").to_numpy(na_value=np.nan)
    n_int = ev["n_interviewers"].astype("int64").to_numpy()
    thin = ev["insufficient"].fillna(True).astype(bool).to_numpy()
    why_thin = ev["reason"].astype("object").to_numpy()

    r = scale_range(round) or 1.0
    lo = float(round.role.scale_min)
    mid = lo + r / 2
    standing, n_lower, n_level, n_others = _standing(mean, code, round)
    has_mean = ~np.isnan(mean)
    floor = np.where(np.isnan(bar), mid, bar)
    at_floor = np.round((np.nan_to_num(mean) - floor) / r, 9) >= 0
    sufficient = ~thin

    # strength: the candidate's highest mean, then the best standing, then the more important criterion
    strong = _first_per_candidate(candidate, has_mean & sufficient & at_floor, [-np.round(np.nan_to_num(mean), 9), -standing, crank], n)
    # growth: below the bar first
    below = _first_per_candidate(candidate, has_mean & sufficient & ~np.isnan(bar) & ~at_floor, [crank], n)
    # growth: weighted shortfall against the selected candidate, never the strength
    shortfall = hire - mean
    material = np.round((np.nan_to_num(shortfall) - scale_points(round, MATERIAL_SHORTFALL_POINTS)) / r, 9) >= 0
    strength_code = np.full(n, -1, dtype=code.dtype)
    strength_code[strong >= 0] = code[strong[strong >= 0]]
    short_mask = has_mean & sufficient & ~np.isnan(shortfall) & material & (strength_code[candidate] != code) & (weight > 0)
    short = _first_per_candidate(candidate, short_mask, [-(weight * shortfall), crank], n)
    # thin evidence: the most important criterion with too little; one below its bar is named in the growth reason
    thin_on = _first_per_candidate(candidate, thin, [crank], n)
    thin_below = _first_per_candidate(candidate, thin & (mean < bar), [crank], n)
    scored = np.bincount(candidate, weights=has_mean, minlength=n) > 0

    # from here on: one element per candidate, in the order of `totals`; each sentence is built for the candidates it is about
    scale = f"{fmt_points(round.role.scale_min)}-{fmt_points(round.role.scale_max)}"

    strength = np.full(n, None, dtype=object)
    strength_reason = np.where(scored, "No strength named: no criterion has both sufficient evidence and a mean at or above its bar "
                                       "(or, without a bar, at least the middle of the scale).",
                               "No strength named: the candidate has no scores.").astype(object)
    who = np.flatnonzero(strong >= 0)
    i = strong[who]
    strength[who] = names[i]
    crit_txt = _cat(names[i], " (criterion ", _ints(crank[i]), ")")
    vs = n_others[i] > 0  # compared with other candidates
    j = i[vs]
    standing_txt = _cat("mean ", fmt_points_each(mean[j]), f" on the {scale} scale, ", _against(n_lower[j], n_level[j], n_others[j]),
                        ", with sufficient evidence from ", _ints(n_int[j]), " interviewers.")
    lead = np.where(standing[j] >= 0.5, _cat("The candidate's highest mean, on ", crit_txt[vs], ": "),
                    _cat("The candidate's highest mean, on ", crit_txt[vs], ", though most others scored higher there: "))
    strength_reason[who[vs]] = _cat(lead, standing_txt)
    strength_reason[who[~vs]] = _cat("The candidate's highest mean, on ", crit_txt[~vs], ": mean ", fmt_points_each(mean[i[~vs]]),
                                     f" on the {scale} scale, with sufficient evidence from ", _ints(n_int[i[~vs]]),
                                     " interviewers; there are no other candidates to compare with.")

    growth_area = np.full(n, None, dtype=object)
    growth_kind = np.full(n, "none", dtype=object)
    is_hire = (totals["candidate_id"] == hire_id).to_numpy(dtype=bool)
    material_txt = n_points(scale_points(round, MATERIAL_SHORTFALL_POINTS))
    growth_reason = np.where(
        is_hire, "No growth area: this is the selected candidate and no criterion with sufficient evidence is below its bar.",
        np.where(scored, "No growth area named: no criterion with sufficient evidence is below its bar or "
                         f"{material_txt} or more behind the selected candidate.", "No growth area named: the candidate has no scores.")).astype(object)
    who = np.flatnonzero(below >= 0)
    i = below[who]
    growth_area[who], growth_kind[who] = names[i], "below_bar"
    growth_reason[who] = _cat(names[i], " is the most important criterion (criterion ", _ints(crank[i]), ") below its bar: mean ",
                              fmt_points_each(mean[i]), " against a bar of ", fmt_points_each(bar[i]), ", with sufficient evidence from ",
                              _ints(n_int[i]), " interviewers.")
    who = np.flatnonzero((below < 0) & (short >= 0))
    i = short[who]
    growth_area[who], growth_kind[who] = names[i], "shortfall"
    growth_reason[who] = _cat("No criterion is below its bar; ", names[i], " (criterion ", _ints(crank[i]), ", weight ",
                              _each(lambda w: f"{w:.0%}", weight[i]), ") has the largest weighted shortfall against the selected candidate: mean ",
                              fmt_points_each(mean[i]), " against ", fmt_points_each(hire[i]), ", ", n_points_each(shortfall[i]), " behind.")
    who = np.flatnonzero(thin_below >= 0)
    growth_reason[who] = _cat(growth_reason[who], " ", names[thin_below[who]], " is below its bar but its evidence is thin, so it is not used as a growth area.")

    thin_evidence_on = np.full(n, None, dtype=object)
    thin_evidence_reason = np.full(n, "", dtype=object)
    who = np.flatnonzero(thin_on >= 0)
    i = thin_on[who]
    thin_evidence_on[who] = names[i]
    thin_evidence_reason[who] = _cat(names[i], " (criterion ", _ints(crank[i]), "): ", why_thin[i], ".")

    ru = runner_up_assessment(round, totals)
    ru = ru.iloc[pd.Index(ru["candidate_id"]).get_indexer(totals["candidate_id"])]

    res = totals[["round_id", "candidate_id", "name", "status", "rank", "weighted_total"]].copy()

    def text(values) -> pd.Series:
        return pd.Series(values, index=res.index, dtype="str")

    res["strength"] = text(strength)
    res["strength_reason"] = text(strength_reason)
    res["growth_area"] = text(growth_area)
    res["growth_kind"] = text(growth_kind)
    res["growth_reason"] = text(growth_reason)
    res["thin_evidence_on"] = text(thin_evidence_on)
    res["thin_evidence_reason"] = text(thin_evidence_reason)
    res["is_runner_up"] = ru["is_runner_up"].to_numpy(dtype=bool)
    res["runner_up_by_scores"] = ru["runner_up_by_scores"].to_numpy(dtype=bool)
    res["runner_up_basis"] = text(ru["runner_up_basis"].to_numpy(dtype=object))
    res["runner_up_reason"] = text(ru["runner_up_reason"].to_numpy(dtype=object))
    res["ranked_above_selected"] = ru["ranked_above_selected"].to_numpy(dtype=bool)
    res["meets_must_haves"] = totals["meets_must_haves"]
    return res.reset_index(drop=True)
