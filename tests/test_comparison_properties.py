"""Properties the committee relies on, checked on generated rounds (hypothesis).

- The order of the rows on the Scores sheet changes nothing.
- A criterion with weight 0 changes no rank.
- Scores on another scale (a*x + b, a > 0, with the scale and the bars moved
  the same way) give the same ranks, strengths, growth areas, thin-evidence
  flags and runners-up: every threshold is relative to the scale.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rounds_for_comparison import ROLE
from toolkit.analytics import candidate_summary, evidence, interviewer_calibration, rank_robustness, runner_up_assessment, weighted_totals
from toolkit.validate import round_from_frames

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def rounds(draw):
    """Frames of a small round: 2-6 candidates, 2-4 criteria, 2-3 interviewers, 1-2 stages, some blank scores."""
    n_cand = draw(st.integers(2, 6))
    n_crit = draw(st.integers(2, 4))
    n_int = draw(st.integers(2, 3))
    crit = [f"Criterion {k}" for k in range(n_crit)]
    criteria = pd.DataFrame({
        "criterion": crit,
        "rank": list(range(1, n_crit + 1)),
        "weight": draw(st.lists(st.integers(1, 5), min_size=n_crit, max_size=n_crit)),
        "must_have": draw(st.lists(st.sampled_from(["yes", "no"]), min_size=n_crit, max_size=n_crit)),
        "bar": draw(st.lists(st.sampled_from([None, 2.0, 3.0, 3.5]), min_size=n_crit, max_size=n_crit)),
    })
    ids = [f"P{i}" for i in range(n_cand)]
    statuses = ["hired"] + draw(st.lists(st.sampled_from(["rejected", "rejected", "withdrawn", "pending"]), min_size=n_cand - 1, max_size=n_cand - 1))
    candidates = pd.DataFrame({"candidate_id": ids, "name": [f"Person {i}" for i in range(n_cand)], "status": statuses,
                               "stay_in_touch": draw(st.lists(st.sampled_from([None, None, None, "yes", "no"]), min_size=n_cand, max_size=n_cand))})
    score = st.one_of(st.none(), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
    rows = []
    for cid in ids:
        for j in range(n_int):
            stage, day = ("Screen", "2026-03-02") if j == 0 else ("Final", "2026-03-09")
            for c in crit:
                rows.append({"candidate_id": cid, "interviewer": f"Interviewer {j}", "criterion": c, "score": draw(score),
                             "stage": stage, "interviewed_on": day})
    return dict(ROLE), criteria, candidates, pd.DataFrame(rows)


def _build(frames):
    return round_from_frames(*frames)


def _ranks(rnd):
    return weighted_totals(rnd).set_index("candidate_id")["rank"].sort_index()


def _choices(rnd):
    s = candidate_summary(rnd).set_index("candidate_id").sort_index()
    return s[["rank", "strength", "growth_area", "growth_kind", "thin_evidence_on", "is_runner_up", "meets_must_haves"]]


@SETTINGS
@given(rounds(), st.randoms(use_true_random=False))
def test_row_order_of_scores_does_not_change_results(frames, rand):
    role, criteria, candidates, scores = frames
    order = list(range(len(scores)))
    rand.shuffle(order)
    a = _build(frames)
    b = _build((role, criteria.sample(frac=1, random_state=rand.randint(0, 999)), candidates, scores.iloc[order].reset_index(drop=True)))
    pd.testing.assert_frame_equal(weighted_totals(a), weighted_totals(b), check_exact=False, rtol=1e-9)
    pd.testing.assert_frame_equal(_choices(a), _choices(b))
    key = ["candidate_id", "criterion"]
    ev_a, ev_b = (evidence(x).sort_values(key).reset_index(drop=True) for x in (a, b))
    pd.testing.assert_frame_equal(ev_a, ev_b, check_exact=False, rtol=1e-9)
    cal_a, cal_b = (interviewer_calibration(x).set_index("interviewer").sort_index() for x in (a, b))
    pd.testing.assert_frame_equal(cal_a, cal_b, check_exact=False, rtol=1e-9, atol=1e-12)
    rob_a, rob_b = (rank_robustness(x).set_index("scenario").sort_index() for x in (a, b))
    pd.testing.assert_frame_equal(rob_a, rob_b)


@SETTINGS
@given(rounds(), st.data())
def test_a_criterion_with_weight_zero_changes_no_rank(frames, data):
    role, criteria, candidates, scores = frames
    position = data.draw(st.integers(1, len(criteria) + 1), label="rank of the new criterion")
    crit = criteria.copy()
    crit["rank"] = np.where(crit["rank"] >= position, crit["rank"] + 1, crit["rank"])
    crit = pd.concat([crit, pd.DataFrame({"criterion": ["Unweighted"], "rank": [position], "weight": [0], "must_have": ["no"], "bar": [None]})],
                     ignore_index=True)
    extra = scores.drop_duplicates(["candidate_id", "interviewer"]).assign(criterion="Unweighted")
    extra["score"] = data.draw(st.lists(st.sampled_from([None, 1, 3, 5]), min_size=len(extra), max_size=len(extra)), label="scores")
    with_zero = _build((role, crit, candidates, pd.concat([scores, extra], ignore_index=True)))
    assert with_zero.criteria.set_index("criterion").loc["Unweighted", "weight"] == 0
    pd.testing.assert_series_equal(_ranks(_build(frames)), _ranks(with_zero))


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@SETTINGS
@given(rounds(), st.sampled_from([0.5, 2.0, 2.5, 10.0, 25.0]), st.sampled_from([-3.0, 0.0, 1.0, 10.0]))
def test_linear_rescaling_keeps_ranks_and_choices(frames, a, b):
    role, criteria, candidates, scores = frames
    moved_role = {**role, "scale": f"{_fmt(a * 1 + b)}-{_fmt(a * 5 + b)}"}
    moved_criteria = criteria.assign(bar=[None if v is None or pd.isna(v) else a * v + b for v in criteria["bar"]])
    moved_scores = scores.assign(score=[None if v is None or pd.isna(v) else a * v + b for v in scores["score"]])
    original, moved = _build(frames), _build((moved_role, moved_criteria, candidates, moved_scores))
    assert moved.ok, moved.problems
    assert (moved.role.scale_min, moved.role.scale_max) == (a + b, 5 * a + b)
    pd.testing.assert_series_equal(_ranks(original), _ranks(moved))
    pd.testing.assert_frame_equal(_choices(original), _choices(moved))
    flags = [evidence(x).set_index(["candidate_id", "criterion"])["insufficient"] for x in (original, moved)]
    pd.testing.assert_series_equal(*flags)
    ru = [runner_up_assessment(x).set_index("candidate_id").sort_index()[["is_runner_up", "runner_up_basis"]] for x in (original, moved)]
    pd.testing.assert_frame_equal(*ru)
    labels = [interviewer_calibration(x).set_index("interviewer").sort_index()["label"] for x in (original, moved)]
    pd.testing.assert_series_equal(*labels)
