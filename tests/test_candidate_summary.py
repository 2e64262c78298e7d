"""`candidate_summary` and `interviewer_calibration`, pinned exactly.

Two kinds of test:

- small hand-built rounds whose every sentence is worked out by hand below
  (standing, ties, thin evidence, below the bar, shortfall, no scores, the
  wordings for one other candidate and for none);
- realistic generated rounds (`toolkit.sample.generate_round`, with blank
  scores, ties, withdrawn candidates, must-have misses, a candidate with no
  scores, one seen by a single interviewer, the committee's yes and no, a
  0-10 scale and a round without a hire) compared cell for cell, dtypes
  included, with a frozen copy of the output in
  ``tests/data/frozen/analytics-output.json``.

The frozen copy records what the functions returned when it was written, so a
deliberate change of a sentence or a rule means rewriting it (and reading the
diff)::

    .venv/bin/python tests/test_candidate_summary.py --freeze

Each frozen round also stores a fingerprint of its input tables: when
`generate_round` itself changes, that check fails first and says so.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.analytics import candidate_summary, interviewer_calibration
from toolkit.sample import generate_round
from toolkit.validate import round_from_frames

FROZEN = Path(__file__).resolve().parent / "data" / "frozen" / "analytics-output.json"
FUNCTIONS = {"candidate_summary": candidate_summary, "interviewer_calibration": interviewer_calibration}

ROLE = {"role": "Analyst", "country": "GB", "language": "en", "decided_on": "2026-03-13", "scale": "1-5", "company": "Northwind Ltd"}
A, W, T = "Analysis", "Writing", "Teamwork"


# ---------------------------------------------------------------------------
# hand-built rounds


def _round(criteria: pd.DataFrame, candidates: list[tuple], table: dict, interviewers=("Kim", "Lou")):
    """``table[candidate_id]`` = one tuple of scores per criterion, each a tuple with one score per interviewer (None = blank)."""
    cand = pd.DataFrame(candidates, columns=["candidate_id", "name", "status", "stay_in_touch"])
    crit = criteria["criterion"].tolist()
    rows = [
        {"candidate_id": cid, "interviewer": who, "criterion": c, "score": s, "stage": "Panel", "interviewed_on": "2026-03-10"}
        for cid, per_crit in table.items()
        for c, per_int in zip(crit, per_crit)
        for who, s in zip(interviewers, per_int)
    ]
    return round_from_frames(dict(ROLE), criteria, cand, pd.DataFrame(rows))


def seven_round():
    """Three criteria, weights 3:2:1 (50%, 33%, 17%); Analysis is a must-have with a bar of 3, Writing has a bar of 3,
    Teamwork none (the middle of the scale, 3, is its floor for a strength). Interviewers Kim and Lou.

        means           Analysis    Writing     Teamwork   total
        H1 hired        5, 5 = 5    4, 4 = 4    5, 5 = 5   4.6667
        P2              4, 4 = 4    2, 2 = 2    4, 4 = 4   3.3333
        Q3              4, 4 = 4    4, 4 = 4    4, 4 = 4   4 (next best, 0.67 behind)
        R4 (stay: no)   2, 2 = 2    5, 3 = 4 *  2, 2 = 2   2.6667 (misses the must-have)
        S5 withdrawn    2, - = 2 *  4, - = 4 *  4, - = 4 * 3 (Kim only; stay: yes)
        T6              1, 5 = 3 *  3, 3 = 3    3, 3 = 3   3 (rank 4, level with S5)
        U7 pending      all blank
    (* = thin evidence: one interviewer, or two points or more apart)

    Standing (share of the 5 other scored candidates below, level counts half):
    Analysis 5 4 4 2 2 3 | Writing 4 2 4 4 4 3 | Teamwork 5 4 4 2 4 3.
    """
    criteria = pd.DataFrame({"criterion": [A, W, T], "rank": [1, 2, 3], "weight": [3, 2, 1],
                             "must_have": ["yes", "no", "no"], "bar": [3, 3, None]})
    candidates = [("H1", "Hana", "hired", None), ("P2", "Pia", "rejected", None), ("Q3", "Quinn", "rejected", None),
                  ("R4", "Rui", "rejected", False), ("S5", "Sol", "withdrawn", True), ("T6", "Tam", "rejected", None),
                  ("U7", "Uma", "pending", None)]
    n = (None, None)
    table = {
        "H1": ((5, 5), (4, 4), (5, 5)),
        "P2": ((4, 4), (2, 2), (4, 4)),
        "Q3": ((4, 4), (4, 4), (4, 4)),
        "R4": ((2, 2), (5, 3), (2, 2)),
        "S5": ((2, None), (4, None), (4, None)),
        "T6": ((1, 5), (3, 3), (3, 3)),
        "U7": (n, n, n),
    }
    return _round(criteria, candidates, table)


NO_STRENGTH = ("No strength named: no criterion has both sufficient evidence and a mean at or above its bar "
               "(or, without a bar, at least the middle of the scale).")
NO_GROWTH = "No growth area named: no criterion with sufficient evidence is below its bar or 1 point or more behind the selected candidate."
EVIDENCE = "with sufficient evidence from 2 interviewers."

SEVEN = {
    # Analysis and Teamwork both 5, both above all 5 others (standing 1.0): the tie goes to the more important criterion
    "H1": dict(rank=1, strength=A, strength_reason=f"The candidate's highest mean, on {A} (criterion 1): mean 5 on the 1-5 scale, "
               f"above 5 of the 5 other candidates scored on it, {EVIDENCE}",
               growth_area=None, growth_kind="none",
               growth_reason="No growth area: this is the selected candidate and no criterion with sufficient evidence is below its bar.",
               thin_evidence_on=None, thin_evidence_reason="", is_runner_up=False, runner_up_by_scores=False, runner_up_basis="",
               runner_up_reason="", meets_must_haves=True),
    # Analysis 4 and Teamwork 4 tie; Analysis above R4, S5, T6, level with Q3 -> 3.5/5 = 0.7 beats Teamwork (3/5 = 0.6);
    # Writing 2 is below its bar
    "P2": dict(rank=3, strength=A, strength_reason=f"The candidate's highest mean, on {A} (criterion 1): mean 4 on the 1-5 scale, "
               f"above 3 and level with 1 of the 5 other candidates scored on it, {EVIDENCE}",
               growth_area=W, growth_kind="below_bar",
               growth_reason=f"{W} is the most important criterion (criterion 2) below its bar: mean 2 against a bar of 3, {EVIDENCE}",
               thin_evidence_on=None, thin_evidence_reason="", is_runner_up=False, runner_up_by_scores=False, runner_up_basis="",
               runner_up_reason="", meets_must_haves=True),
    # all three 4; Analysis and Writing both 0.7: Analysis. Shortfall: Analysis is the strength, Writing level, Teamwork 1 behind x 1/6
    "Q3": dict(rank=2, strength=A, strength_reason=f"The candidate's highest mean, on {A} (criterion 1): mean 4 on the 1-5 scale, "
               f"above 3 and level with 1 of the 5 other candidates scored on it, {EVIDENCE}",
               growth_area=T, growth_kind="shortfall",
               growth_reason=f"No criterion is below its bar; {T} (criterion 3, weight 17%) has the largest weighted shortfall "
               "against the selected candidate: mean 4 against 5, 1 point behind.",
               thin_evidence_on=None, thin_evidence_reason="", is_runner_up=True, runner_up_by_scores=True, runner_up_basis="next best",
               runner_up_reason="Next best after the selected candidate: weighted total 4 is 0.67 points behind the selected candidate's "
               "4.67 (within the 0.75-point margin for the next best on the 1-5 scale) and every must-have is met.",
               meets_must_haves=True),
    # Analysis 2 below the bar; Writing thin (5 and 3); Teamwork 2 below the middle of the scale
    "R4": dict(rank=6, strength=None, strength_reason=NO_STRENGTH,
               growth_area=A, growth_kind="below_bar",
               growth_reason=f"{A} is the most important criterion (criterion 1) below its bar: mean 2 against a bar of 3, {EVIDENCE}",
               thin_evidence_on=W, thin_evidence_reason=f"{W} (criterion 2): interviewers disagree by 2 points.",
               is_runner_up=False, runner_up_by_scores=False, runner_up_basis="committee: no",
               runner_up_reason="The committee chose not to stay in touch (stay in touch = no).", meets_must_haves=False),
    # only Kim: everything thin, and the thin Analysis 2 is below its bar
    "S5": dict(rank=4, strength=None, strength_reason=NO_STRENGTH, growth_area=None, growth_kind="none",
               growth_reason=NO_GROWTH + f" {A} is below its bar but its evidence is thin, so it is not used as a growth area.",
               thin_evidence_on=A, thin_evidence_reason=f"{A} (criterion 1): too few scores: 1 of 2 interviewers.",
               is_runner_up=True, runner_up_by_scores=False, runner_up_basis="committee",
               runner_up_reason="The committee chose to stay in touch (stay in touch = yes).", meets_must_haves=False),
    # Writing 3 and Teamwork 3 tie, and so do their standings (above P2 only, above R4 only: 0.2): Writing, though most scored higher;
    # then Writing is the strength, so the shortfall is Teamwork (2 behind x 1/6), Analysis being thin (1 and 5)
    "T6": dict(rank=4, strength=W, strength_reason=f"The candidate's highest mean, on {W} (criterion 2), though most others scored "
               f"higher there: mean 3 on the 1-5 scale, above 1 of the 5 other candidates scored on it, {EVIDENCE}",
               growth_area=T, growth_kind="shortfall",
               growth_reason=f"No criterion is below its bar; {T} (criterion 3, weight 17%) has the largest weighted shortfall "
               "against the selected candidate: mean 3 against 5, 2 points behind.",
               thin_evidence_on=A, thin_evidence_reason=f"{A} (criterion 1): interviewers disagree by 4 points.",
               is_runner_up=False, runner_up_by_scores=False, runner_up_basis="", runner_up_reason="", meets_must_haves=True),
    "U7": dict(rank=None, strength=None, strength_reason="No strength named: the candidate has no scores.", growth_area=None,
               growth_kind="none", growth_reason="No growth area named: the candidate has no scores.",
               thin_evidence_on=A, thin_evidence_reason=f"{A} (criterion 1): too few scores: 0 of 2 interviewers.",
               is_runner_up=False, runner_up_by_scores=False, runner_up_basis="", runner_up_reason="", meets_must_haves=None),
}


def _plain(v):
    """A cell as a plain Python value (None for a missing one)."""
    return None if pd.isna(v) else (v.item() if isinstance(v, np.generic) else v)


def test_every_sentence_of_a_hand_checked_round():
    s = candidate_summary(seven_round())
    assert s["candidate_id"].tolist() == ["H1", "Q3", "P2", "S5", "T6", "R4", "U7"]  # best rank first (S5 and T6 tie), no total last
    for cid, expected in SEVEN.items():
        row = s.set_index("candidate_id").loc[cid]
        got = {k: _plain(row[k]) for k in expected}
        assert got == expected, cid


def _pair_round(b_writing, b_teamwork):
    criteria = pd.DataFrame({"criterion": [A, W, T], "rank": [1, 2, 3], "bar": [3, None, None]})
    table = {"A1": ((4, 4), (3, 3), (None, None)), "B2": ((3, 3), b_writing, b_teamwork)}
    return _round(criteria, [("A1", "Ann", "hired", None), ("B2", "Bo", "rejected", None)], table)


def test_wording_with_one_other_candidate_and_with_none():
    # A1 above B2 on Analysis (4 against 3); B2's highest mean is Teamwork 4, which nobody else was scored on
    s = candidate_summary(_pair_round((3, 3), (4, 4))).set_index("candidate_id")["strength_reason"]
    assert s["A1"] == f"The candidate's highest mean, on {A} (criterion 1): mean 4 on the 1-5 scale, above the other candidate scored on it, {EVIDENCE}"
    assert s["B2"] == (f"The candidate's highest mean, on {T} (criterion 3): mean 4 on the 1-5 scale, with sufficient evidence from 2 "
                       "interviewers; there are no other candidates to compare with.")
    # B2's only strength left: Analysis at the bar, below A1
    s = candidate_summary(_pair_round((2, 2), (None, None))).set_index("candidate_id")["strength_reason"]
    assert s["B2"] == (f"The candidate's highest mean, on {A} (criterion 1), though most others scored higher there: "
                       f"mean 3 on the 1-5 scale, below the other candidate scored on it, {EVIDENCE}")


def test_the_strength_is_the_candidates_own_highest_mean_not_where_they_beat_most_others():
    """GUIDANCE rule 6: praise their strongest criterion. B2 scored 4.5 on Writing, where A1 did even better, and 3.5 on
    Analysis, where A1 did worse: the letter praises Writing, what the interviewers saw B2 do best."""
    pair = _round(pd.DataFrame({"criterion": [A, W], "rank": [1, 2]}), [("A1", "Ann", "hired", None), ("B2", "Bo", "rejected", None)],
                  {"A1": ((3, 3), (5, 5)), "B2": ((3, 4), (4, 5))})
    s = candidate_summary(pair).set_index("candidate_id")
    assert s.loc["B2", "strength"] == W
    assert s.loc["B2", "strength_reason"].startswith(f"The candidate's highest mean, on {W} (criterion 2), though most others scored higher")


def test_output_columns_and_dtypes():
    s = candidate_summary(seven_round())
    assert {c: str(t) for c, t in s.dtypes.items()} == {
        "round_id": "str", "candidate_id": "str", "name": "str", "status": "str", "rank": "Int64", "weighted_total": "Float64",
        "strength": "str", "strength_reason": "str", "growth_area": "str", "growth_kind": "str", "growth_reason": "str",
        "thin_evidence_on": "str", "thin_evidence_reason": "str", "is_runner_up": "bool", "runner_up_by_scores": "bool",
        "runner_up_basis": "str", "runner_up_reason": "str", "ranked_above_selected": "bool", "meets_must_haves": "boolean",
    }
    assert s.index.equals(pd.RangeIndex(len(s)))


# ---------------------------------------------------------------------------
# realistic generated rounds against the frozen output


def _generated(seed, n, *, n_interviewers=3, n_criteria=5, stages=("Screening", "Panel"), scale=None, weights=None, no_hire=False):
    t = generate_round(seed, n, n_interviewers=n_interviewers, n_criteria=n_criteria, stages=stages)
    role, criteria, candidates, scores = t["role"], t["criteria"].copy(), t["candidates"].copy(), t["scores"].copy()
    rng = np.random.default_rng(seed)
    if weights is not None:
        criteria["weight"] = pd.array(weights, dtype="Float64")
    if scale == "0-10":
        role = {**role, "scale": "0-10"}
        scores["score"] = scores["score"] * 2
        criteria["bar"] = criteria["bar"] * 2
    stay = candidates["stay_in_touch"].astype("object")
    pick = rng.choice(n, size=max(2, n // 10), replace=False)
    stay.iloc[pick[: len(pick) // 2]] = True
    stay.iloc[pick[len(pick) // 2:]] = False
    candidates["stay_in_touch"] = pd.array(stay.where(stay.notna(), None).tolist(), dtype="boolean")
    if no_hire:
        candidates["status"] = candidates["status"].where(candidates["status"] != "hired", "pending")
    ids = candidates["candidate_id"].astype(str).tolist()
    crit = criteria["criterion"].astype(str).tolist()
    scores.loc[scores["candidate_id"] == ids[-1], "score"] = pd.NA  # no scores at all
    first = scores["interviewer"].iloc[0]
    scores.loc[(scores["candidate_id"] == ids[-2]) & (scores["interviewer"] != first), "score"] = pd.NA  # one interviewer only
    scores.loc[scores["candidate_id"].isin(ids[:5]) & (scores["criterion"] == crit[-1]), "score"] = pd.NA  # a criterion left out
    return round_from_frames(role, criteria, candidates, scores, round_id=f"g{seed}", as_of="2026-03-20")


def realistic_rounds() -> dict:
    return {
        "g7": _generated(7, 150),
        "g11": _generated(11, 60, n_interviewers=2, n_criteria=4, stages=("Panel",), scale="0-10", weights=[4, 3, 2, 1]),
        "g23": _generated(23, 40, n_interviewers=4, n_criteria=3, no_hire=True),
    }


def _fingerprint(rnd) -> str:
    parts = [rnd.criteria[["criterion", "rank", "weight", "must_have", "bar"]],
             rnd.candidates[["candidate_id", "status", "stay_in_touch"]],
             rnd.scores[["candidate_id", "interviewer", "criterion", "score", "stage"]]]
    text = "\n".join(p.astype("object").to_csv(index=False) for p in parts) + rnd.role.scale
    return hashlib.sha256(text.encode()).hexdigest()


def _to_json(frame: pd.DataFrame) -> dict:
    cols = {c: [None if pd.isna(v) else (v.item() if isinstance(v, np.generic) else v) for v in frame[c].astype("object")] for c in frame}
    return {"dtypes": {c: str(t) for c, t in frame.dtypes.items()}, "columns": cols}


def _from_json(data: dict) -> pd.DataFrame:
    return pd.DataFrame({c: pd.array(v, dtype=data["dtypes"][c]) if data["dtypes"][c] != "str" else pd.Series(v, dtype="str")
                         for c, v in data["columns"].items()})


@pytest.fixture(scope="module")
def frozen():
    return json.loads(FROZEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def generated():
    return realistic_rounds()


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@pytest.mark.parametrize("key", ["g7", "g11", "g23"])
def test_realistic_round_equals_the_frozen_output(frozen, generated, name, key):
    rnd = generated[key]
    assert _fingerprint(rnd) == frozen[key]["input"], "the generated input changed (generate_round?): rewrite the frozen copy with --freeze"
    got = FUNCTIONS[name](rnd)
    want = frozen[key][name]
    assert {c: str(t) for c, t in got.dtypes.items()} == want["dtypes"]
    pd.testing.assert_frame_equal(got, _from_json(want), check_exact=True)


def test_the_frozen_rounds_hold_what_they_are_meant_to(generated):
    s = pd.concat([candidate_summary(r) for r in generated.values()])
    assert {"withdrawn", "pending", "hired"} <= set(s["status"])
    assert s["rank"].isna().any() and s.duplicated(["round_id", "rank"]).any()  # no scores; ties
    assert (s["meets_must_haves"] == False).any() and s["meets_must_haves"].isna().any()  # noqa: E712
    assert set(s["growth_kind"]) == {"below_bar", "shortfall", "none"}
    assert {"committee", "committee: no", "close"} <= set(s["runner_up_basis"])
    assert s["thin_evidence_reason"].str.contains("disagree").any() and s["thin_evidence_reason"].str.contains("too few").any()
    assert s["growth_reason"].str.contains("evidence is thin").any()
    assert s["strength_reason"].str.contains("though most others scored higher").any()


def freeze() -> None:
    out = {}
    for key, rnd in realistic_rounds().items():
        out[key] = {"input": _fingerprint(rnd), **{name: _to_json(f(rnd)) for name, f in FUNCTIONS.items()}}
    FROZEN.parent.mkdir(parents=True, exist_ok=True)
    FROZEN.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FROZEN}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--freeze"]:
        sys.exit("usage: python tests/test_candidate_summary.py --freeze   (rewrites the frozen output from the current code)")
    freeze()
