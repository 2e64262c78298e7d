"""Scores per criterion, weighted totals, ranks, contributions and gaps.

The rules every other comparison builds on:

- A blank score means "not assessed": it is left out of every mean, never
  counted as 0.
- A criterion's mean for a candidate is the plain mean of all scores it got
  (all interviewers, all stages).
- The weighted total is the weighted mean of the criterion means, with the
  weights re-normalised over the criteria the candidate was actually scored
  on. A candidate who was not assessed on a criterion is neither punished
  (as a 0 would) nor helped: the total stays on the round's scale. How much
  of the weight stands behind the total is reported as ``coverage``.
- Thresholds written "points on a 1-5 scale" are scaled to the round's scale
  by its range (`scale_points`), so a 0-10 or 1-7 round behaves the same.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import HiringRound, each_round, takes_round

NO_STAGE = "(no stage)"
"""Stage label used for scores whose stage is blank."""

_DIGITS = 9  # totals are compared after rounding to this many digits of the scale's range


# ---------------------------------------------------------------------------
# Scale and stage helpers


def scale_range(round: HiringRound) -> float:
    """Width of the round's score scale (4.0 on a 1-5 scale)."""
    return float(round.role.scale_max) - float(round.role.scale_min)


@takes_round
def scale_points(round: HiringRound, points_on_1_to_5: float) -> float:
    """Convert a threshold written for a 1-5 scale to the round's scale.

    >>> # on a 0-10 scale, "0.5 points on 1-5" is 1.25 points
    """
    return float(points_on_1_to_5) * scale_range(round) / 4.0


@takes_round
def stage_order(round: HiringRound) -> list[str]:
    """Interview stages in the order they happened.

    Stages are ordered by the median interview date of their scores (undated
    stages after dated ones), then by where they first appear in the Scores
    sheet. Blank stages are labelled `NO_STAGE`.
    """
    s = round.scores
    if s.empty:
        return []
    # group by the code of each distinct stage label (in order of first appearance, as grouping the labels would)
    codes, stages = pd.factorize(s["stage"], use_na_sentinel=False)
    names = _stage_labels_of(pd.Series(stages, dtype=s["stage"].dtype)).to_numpy(dtype=object)
    label_codes, label_names = pd.factorize(pd.Series(names, dtype=object))  # two stages may share a label
    dates = pd.to_datetime(s["interviewed_on"])
    frame = pd.DataFrame({"stage": label_codes[codes], "date": dates.to_numpy(), "pos": np.arange(len(s))})
    info = frame.groupby("stage", sort=False).agg(date=("date", "median"), pos=("pos", "min"))
    info["undated"] = info["date"].isna()
    info = info.sort_values(["undated", "date", "pos"], kind="stable")
    return [str(label_names[x]) for x in info.index]


def _stage_labels(scores: pd.DataFrame) -> pd.Series:
    return _stage_labels_of(scores["stage"])


def _scored_rows(scores: pd.DataFrame) -> pd.DataFrame:
    """Non-blank scores as plain columns: candidate_id, interviewer, criterion (str), stage (str), score (float)."""
    keep = scores["score"].notna().to_numpy(dtype=bool)
    as_str = lambda v: v.astype("str")  # noqa: E731
    return pd.DataFrame(
        {
            "candidate_id": _texts(scores["candidate_id"], as_str, keep),
            "interviewer": _texts(scores["interviewer"], as_str, keep),
            "criterion": _texts(scores["criterion"], as_str, keep),
            "stage": _texts(scores["stage"], _stage_labels_of, keep),
            "score": scores["score"].to_numpy(dtype="float64", na_value=np.nan)[keep],
        }
    )


def _texts(column: pd.Series, as_text, keep: np.ndarray):
    """``as_text(column[keep])`` (a "str" column), computed once per distinct value.

    A million cells hold a few thousand distinct ids or names: turning each
    distinct one into text and placing it by its code (in Arrow) is several
    times faster than converting every cell; the values are the same.
    """
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return as_text(pd.Series(uniques, dtype=column.dtype)).array.take(codes[keep])


def _stage_labels_of(stage: pd.Series) -> pd.Series:
    return stage.astype("object").where(stage.notna(), NO_STAGE).astype("str")


_FACTORIZED: dict[int, tuple] = {}  # id of an Arrow text column -> (weak reference to it, codes, distinct values)


def factorize_text(values: pd.Series) -> tuple[np.ndarray, object]:
    """``pd.factorize(values)``, worked out once per Arrow text column (candidate ids, interviewers).

    Each comparison function groups the scores by candidate and interviewer,
    and a million ids take tens of milliseconds to factorize, each time.
    Arrow data never changes (pandas makes a new array when a cell is set),
    so the result is kept for as long as the column exists. The codes are
    read-only. Other columns (categories, numbers) are factorized each time.
    """
    import weakref

    arr = getattr(values.array, "_pa_array", None) if values.dtype == "str" else None
    if arr is None or len(values) < 10_000:
        return pd.factorize(values)
    hit = _FACTORIZED.get(id(arr))
    if hit is not None and hit[0]() is arr:
        return hit[1], hit[2]
    codes, uniques = pd.factorize(values)
    codes.setflags(write=False)
    key = id(arr)
    _FACTORIZED[key] = (weakref.ref(arr, lambda _ref, key=key: _FACTORIZED.pop(key, None)), codes, uniques)
    return codes, uniques


def _positions(values: pd.Series, labels: list[str]) -> np.ndarray | None:
    """Position of each value (as text) in ``labels``, -1 where it is not there; None when ``labels`` repeat one."""
    index = pd.Index(pd.Series(labels, dtype="str"))
    if not index.is_unique:
        return None
    codes, uniques = factorize_text(values)
    where = index.get_indexer(pd.Series(uniques, dtype=values.dtype).astype("str"))
    return np.where(codes >= 0, where[np.maximum(codes, 0)] if len(where) else -1, -1)


def _score_cells(round: HiringRound, scores: pd.DataFrame | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(cell, interviewer code, score) of every non-blank score whose candidate and criterion are in the round.

    ``cell`` = candidate position (`round.candidates` order) x number of
    criteria + criterion position (`criterion_order`); the interviewer code
    is -1 for a blank interviewer. Rows keep their order, so a group of them
    aggregates exactly as grouping `_scored_rows` by candidate and criterion
    text does. None when ids repeat (then the text grouping is used).
    """
    scores = round.scores if scores is None else scores
    cand = _positions(scores["candidate_id"], round.candidates["candidate_id"].astype("str").tolist())
    crit = _positions(scores["criterion"], round.criterion_order)
    if cand is None or crit is None:
        return None
    score = scores["score"].to_numpy(dtype="float64", na_value=np.nan)
    keep = ~np.isnan(score) & (cand >= 0) & (crit >= 0)
    interviewer = factorize_text(scores["interviewer"])[0]
    return (cand * len(round.criterion_order) + crit)[keep], interviewer[keep], score[keep]


def _cell_stats(round: HiringRound) -> pd.DataFrame | None:
    """Per candidate x criterion cell (all of them, candidates in table order): mean_score, n_scores, min_score,
    max_score (float, NaN where nobody scored) and n_interviewers (distinct, blank interviewers left out); None when
    `_score_cells` is. The same numbers as aggregating `_scored_rows` by candidate and criterion."""
    cells = _score_cells(round)
    if cells is None:
        return None
    cell, interviewer, score = cells
    n = len(round.candidates) * len(round.criterion_order)
    g = pd.Series(score).groupby(cell, sort=False)
    agg = g.agg(["mean", "size", "min", "max"])
    out = pd.DataFrame({"mean_score": np.nan, "n_scores": 0.0, "min_score": np.nan, "max_score": np.nan, "n_interviewers": 0.0},
                       index=pd.RangeIndex(n))
    at = agg.index.to_numpy()
    out.loc[at, "mean_score"] = agg["mean"].to_numpy()
    out.loc[at, "n_scores"] = agg["size"].to_numpy(dtype="float64")
    out.loc[at, "min_score"] = agg["min"].to_numpy()
    out.loc[at, "max_score"] = agg["max"].to_numpy()
    named = interviewer >= 0
    pairs = pd.unique(cell[named].astype(np.int64) * (int(interviewer.max(initial=0)) + 1) + interviewer[named])
    distinct = np.bincount(pairs // (int(interviewer.max(initial=0)) + 1), minlength=n)
    out["n_interviewers"] = distinct[:n].astype("float64")
    return out


def _criterion_dtype(round: HiringRound) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(round.criterion_order, ordered=True)


def _weights(round: HiringRound) -> np.ndarray:
    return round.criteria["weight"].astype("float64").fillna(0.0).to_numpy()


def _same(a: np.ndarray, b: np.ndarray, round: HiringRound) -> np.ndarray:
    """Tolerant equality of two values on the round's scale (float noise is not a difference)."""
    r = scale_range(round) or 1.0
    return np.round((a - b) / r, _DIGITS) == 0


def _at_or_above(value: np.ndarray, threshold: np.ndarray, round: HiringRound) -> np.ndarray:
    r = scale_range(round) or 1.0
    return np.round((value - threshold) / r, _DIGITS) >= 0


# ---------------------------------------------------------------------------
# Criterion matrix


def _aggregate(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    g = rows.groupby(keys, sort=False)
    out = g["score"].agg(mean_score="mean", n_scores="size", min_score="min", max_score="max")
    out["n_interviewers"] = g["interviewer"].nunique()
    return out


@each_round
def criterion_matrix(round: HiringRound, by_stage: bool = False) -> pd.DataFrame:
    """Each candidate's mean score per criterion, with the evidence behind it.

    Returns a long table with one row per candidate x criterion (and stage,
    when ``by_stage``): round_id, candidate_id, criterion (ordered
    categorical, most important first), [stage], mean_score (Float64, <NA>
    when nobody scored it), n_scores (Int64: non-blank scores), n_interviewers
    (Int64: distinct interviewers who gave one), min_score, max_score and
    spread (max - min; Float64).

    Every candidate appears with every criterion; blank scores are "not
    assessed" and never count as 0. With ``by_stage`` a candidate appears
    only for the stages they have score rows in, stages in interview order
    (`stage_order`).
    """
    cand_ids = round.candidates["candidate_id"].astype("str").tolist()
    crit = round.criterion_order
    if not by_stage and (stats := _cell_stats(round)) is not None:  # integer cells: the same numbers, several times faster
        return _matrix_frame(round, stats)
    rows = _scored_rows(round.scores)
    if by_stage:
        stages = stage_order(round)
        seen = pd.DataFrame(
            {"candidate_id": round.scores["candidate_id"].astype("str").to_numpy(), "stage": _stage_labels(round.scores).to_numpy()}
        ).drop_duplicates()
        seen = seen[seen["candidate_id"].isin(cand_ids)]
        seen["c_pos"] = seen["candidate_id"].map({c: i for i, c in enumerate(cand_ids)})
        seen["s_pos"] = seen["stage"].map({s: i for i, s in enumerate(stages)})
        seen = seen.sort_values(["c_pos", "s_pos"], kind="stable")
        n = len(crit)
        grid = pd.MultiIndex.from_arrays(
            [np.repeat(seen["candidate_id"].to_numpy(), n), np.repeat(seen["stage"].to_numpy(), n), np.tile(np.array(crit, dtype=object), len(seen))],
            names=["candidate_id", "stage", "criterion"],
        )
        keys = ["candidate_id", "stage", "criterion"]
    else:
        grid = pd.MultiIndex.from_product([cand_ids, crit], names=["candidate_id", "criterion"])
        keys = ["candidate_id", "criterion"]
    agg = _aggregate(rows, keys).reindex(grid)
    out = agg.reset_index()
    out.insert(0, "round_id", round.round_id)
    out["round_id"] = out["round_id"].astype("str")
    out["candidate_id"] = out["candidate_id"].astype("str")
    out["criterion"] = out["criterion"].astype("object").astype(_criterion_dtype(round))
    if by_stage:
        out["stage"] = out["stage"].astype("str")
    for c in ("mean_score", "min_score", "max_score"):
        out[c] = out[c].astype("Float64")
    out["spread"] = (out["max_score"] - out["min_score"]).astype("Float64")
    for c in ("n_scores", "n_interviewers"):
        out[c] = out[c].fillna(0).astype("Int64")
    cols = ["round_id", "candidate_id", "criterion", *(["stage"] if by_stage else []),
            "mean_score", "n_scores", "n_interviewers", "min_score", "max_score", "spread"]
    return out[cols]


def _matrix_frame(round: HiringRound, stats: pd.DataFrame) -> pd.DataFrame:
    """`criterion_matrix` (not by stage) from `_cell_stats`."""
    import pyarrow as pa

    n_crit = len(round.criterion_order)
    ids = round.candidates["candidate_id"].astype("str")
    cand = np.repeat(np.arange(len(ids)), n_crit)
    out = pd.DataFrame({
        "round_id": pd.Series(pa.array([round.round_id], type=pa.large_string()).take(pa.array(np.zeros(len(cand), dtype=np.int64)))
                              .to_pandas(types_mapper=lambda _t: pd.StringDtype("pyarrow", na_value=np.nan))),
        "candidate_id": ids.array.take(cand),
        "criterion": pd.Categorical.from_codes(np.tile(np.arange(n_crit), len(ids)), dtype=_criterion_dtype(round)),
    })
    for c in ("mean_score", "min_score", "max_score"):
        out[c] = pd.array(stats[c].to_numpy(), dtype="Float64")
    out["spread"] = (out["max_score"] - out["min_score"]).astype("Float64")
    for c in ("n_scores", "n_interviewers"):
        out[c] = pd.array(stats[c].to_numpy(), dtype="float64").astype("Int64")
    return out[["round_id", "candidate_id", "criterion", "mean_score", "n_scores", "n_interviewers", "min_score", "max_score", "spread"]]


def _means_wide(round: HiringRound, scores: pd.DataFrame | None = None) -> np.ndarray:
    """Candidate x criterion means as a float array (NaN = not assessed), candidates in table order."""
    scores = round.scores if scores is None else scores
    cand_ids = round.candidates["candidate_id"].astype("str").tolist()
    cells = _score_cells(round, scores)
    if cells is not None:  # integer cells: the same means as grouping the text, several times faster
        cell, _, score = cells
        n_crit = len(round.criterion_order)
        means = np.full(len(cand_ids) * n_crit, np.nan)
        if len(cell):
            m = pd.Series(score).groupby(cell, sort=False).mean()
            means[m.index.to_numpy()] = m.to_numpy()
        return means.reshape(len(cand_ids), n_crit)
    rows = _scored_rows(scores)
    if rows.empty:
        return np.full((len(cand_ids), len(round.criterion_order)), np.nan)
    wide = rows.groupby(["candidate_id", "criterion"], sort=False)["score"].mean().unstack("criterion")
    wide = wide.reindex(index=cand_ids, columns=round.criterion_order)
    return wide.to_numpy(dtype="float64", na_value=np.nan)


def _totals(means: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted totals (re-normalised over assessed criteria) and coverage, per row of ``means``."""
    assessed = ~np.isnan(means)
    w_assessed = (assessed * weights).sum(axis=1)
    w_all = weights.sum()
    weighted = np.where(assessed, means, 0.0) @ weights if means.size else np.zeros(len(means))
    with np.errstate(invalid="ignore", divide="ignore"):
        total = np.where(w_assessed > 0, weighted / np.where(w_assessed > 0, w_assessed, 1.0), np.nan)
        coverage = w_assessed / w_all if w_all > 0 else np.zeros(len(means))
    # drop float noise (4.199999999999999 -> 4.2); far below any difference a score can make
    return np.round(total, 10), np.round(coverage, 10)


def _rank(total: np.ndarray, round: HiringRound) -> pd.Series:
    """1 = best, ties share the smaller rank, <NA> without a total; robust to float noise."""
    r = scale_range(round) or 1.0
    key = pd.Series(np.round((total - float(round.role.scale_min)) / r, _DIGITS))
    return key.rank(method="min", ascending=False).astype("Int64")


def _must_have_check(means: np.ndarray, round: HiringRound) -> tuple[pd.Series, list[str]]:
    """meets_must_haves (boolean with <NA>) and criteria_below_bar (names in rank order) per candidate row."""
    crit = round.criteria
    bar = crit["bar"].astype("float64").to_numpy(na_value=np.nan)
    must = crit["must_have"].fillna(False).astype(bool).to_numpy()
    has_bar = ~np.isnan(bar)
    assessed = ~np.isnan(means)
    below = assessed & has_bar & ~_at_or_above(np.nan_to_num(means), np.nan_to_num(bar), round)
    checked = must & has_bar
    fails = (below & checked).any(axis=1)
    unknown = (~assessed & checked).any(axis=1)
    meets = pd.array(np.where(fails, False, True), dtype="boolean")
    meets[(~fails & unknown)] = pd.NA
    names = np.array(round.criterion_order, dtype=object)
    below_txt = [", ".join(names[row]) for row in below]
    return pd.Series(meets), below_txt


@each_round
def weighted_totals(round: HiringRound) -> pd.DataFrame:
    """One row per candidate, best first: the weighted total, rank and bar checks.

    Columns: round_id, candidate_id, name, status; weighted_total (Float64,
    on the round's scale: the weighted mean of the criterion means, weights
    re-normalised over the criteria the candidate was scored on; <NA> with no
    scores); coverage (Float64, 0-1: share of the total weight that was
    actually assessed); rank (Int64, 1 = best, ties share the smaller rank);
    meets_must_haves (boolean: every must-have criterion that has a bar has a
    mean at or above it; <NA> when one was not assessed and none failed;
    True when there are no must-haves); criteria_below_bar (str: criteria
    whose mean is below their bar, comma-joined in rank order, or "").
    """
    means = _means_wide(round)
    total, coverage = _totals(means, _weights(round))
    meets, below = _must_have_check(means, round)
    c = round.candidates
    out = pd.DataFrame(
        {
            "round_id": pd.Series([round.round_id] * len(c), dtype="str"),
            "candidate_id": c["candidate_id"].astype("str").to_numpy(),
            "name": c["name"].astype("str").to_numpy(),
            "status": c["status"].astype("str").to_numpy(),
            "weighted_total": pd.array(total, dtype="Float64"),
            "coverage": pd.array(coverage, dtype="Float64"),
            "rank": _rank(total, round).to_numpy(),
            "meets_must_haves": meets.to_numpy(),
            "criteria_below_bar": pd.Series(below, dtype="str").to_numpy(),
        }
    )
    out["weighted_total"] = out["weighted_total"].astype("Float64")
    out["rank"] = out["rank"].astype("Int64")
    out["meets_must_haves"] = out["meets_must_haves"].astype("boolean")
    out["_pos"] = np.arange(len(out))
    out = out.sort_values(["rank", "_pos"], kind="stable", na_position="last").drop(columns="_pos")
    return out.reset_index(drop=True)


@takes_round
def selected_candidate(round: HiringRound, totals: pd.DataFrame | None = None) -> tuple[str | None, str]:
    """The candidate everyone is compared with, and why it is that one.

    Returns ``(candidate_id, basis)``: the candidate with status "hired"
    (basis "hired"; the best-ranked if several), else "offered" (basis
    "offered"), else the top-ranked candidate (basis "top-ranked"). Returns
    ``(None, "none")`` when no candidate has a total.
    """
    totals = weighted_totals(round) if totals is None else totals
    for status in ("hired", "offered"):
        rows = totals[totals["status"] == status]
        if len(rows):
            return str(rows["candidate_id"].iloc[0]), status
    ranked = totals[totals["rank"].notna()]
    if len(ranked):
        return str(ranked["candidate_id"].iloc[0]), "top-ranked"
    return None, "none"


@each_round
def contributions(round: HiringRound) -> pd.DataFrame:
    """How much each criterion adds to each candidate's weighted total (for stacked bars).

    Columns: round_id, candidate_id, criterion (ordered categorical), weight
    (the round's weight), effective_weight (weight / sum of the weights the
    candidate was assessed on), mean_score, contribution (weight x mean / sum
    of weights assessed; <NA> when not assessed). A candidate's contributions
    add up to their weighted total.
    """
    means = _means_wide(round)
    w = _weights(round)
    assessed = ~np.isnan(means)
    w_assessed = (assessed * w).sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        eff = np.where(assessed & (w_assessed > 0), w / np.where(w_assessed > 0, w_assessed, 1.0), np.nan)
    contrib = eff * means
    n_c, n_k = means.shape
    out = pd.DataFrame(
        {
            "round_id": pd.Series([round.round_id] * (n_c * n_k), dtype="str"),
            "candidate_id": np.repeat(round.candidates["candidate_id"].astype("str").to_numpy(), n_k),
            "criterion": pd.Categorical(np.tile(np.array(round.criterion_order, dtype=object), n_c), dtype=_criterion_dtype(round)),
            "weight": pd.array(np.tile(w, n_c), dtype="Float64"),
            "effective_weight": pd.array(eff.ravel(), dtype="Float64"),
            "mean_score": pd.array(means.ravel(), dtype="Float64"),
            "contribution": pd.array(contrib.ravel(), dtype="Float64"),
        }
    )
    for c in ("effective_weight", "mean_score", "contribution"):
        out[c] = out[c].astype("Float64")
    return out


@each_round
def gaps(round: HiringRound, totals: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each candidate's distance to the selected candidate and to the bar, per criterion.

    Columns: round_id, candidate_id, criterion (ordered categorical),
    mean_score, hire_id (str), hire_basis ("hired", "offered" or "top-ranked":
    see `selected_candidate`), hire_mean (the selected candidate's mean on the
    criterion), gap_to_hire (mean_score - hire_mean; negative = behind), bar,
    gap_to_bar (mean_score - bar; negative = below the bar). Gaps are <NA>
    where either side was not assessed or there is no bar. The selected
    candidate's own rows have gap_to_hire 0. ``totals`` (`weighted_totals` of the round, when the caller has them)
    saves computing them again.
    """
    totals = weighted_totals(round) if totals is None else totals
    hire_id, basis = selected_candidate(round, totals)
    means = _means_wide(round)
    cand_ids = round.candidates["candidate_id"].astype("str").tolist()
    n_c, n_k = means.shape
    if hire_id is not None:
        hire_row = means[cand_ids.index(hire_id)]
    else:
        hire_row = np.full(n_k, np.nan)
    bar = round.criteria["bar"].astype("float64").to_numpy(na_value=np.nan)
    hire_mean = np.tile(hire_row, n_c)
    bar_all = np.tile(bar, n_c)
    m = means.ravel()
    out = pd.DataFrame(
        {
            "round_id": pd.Series([round.round_id] * (n_c * n_k), dtype="str"),
            "candidate_id": np.repeat(np.array(cand_ids, dtype=object), n_k),
            "criterion": pd.Categorical(np.tile(np.array(round.criterion_order, dtype=object), n_c), dtype=_criterion_dtype(round)),
            "mean_score": pd.array(m, dtype="Float64"),
            "hire_id": pd.Series([hire_id] * (n_c * n_k), dtype="str"),
            "hire_basis": pd.Series([basis] * (n_c * n_k), dtype="str"),
            "hire_mean": pd.array(hire_mean, dtype="Float64"),
            "gap_to_hire": pd.array(m - hire_mean, dtype="Float64"),
            "bar": pd.array(bar_all, dtype="Float64"),
            "gap_to_bar": pd.array(m - bar_all, dtype="Float64"),
        }
    )
    out["candidate_id"] = out["candidate_id"].astype("str")
    for c in ("mean_score", "hire_mean", "gap_to_hire", "bar", "gap_to_bar"):
        out[c] = out[c].astype("Float64")
    return out
