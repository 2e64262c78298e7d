"""Hand-built rounds for the comparison tests (plain functions, no fixtures).

The social-media round (1-5 scale, one stage "Panel", interviewers Mia and
Noah). Weights 3:2:1 normalise to 1/2, 1/3, 1/6.

    criterion               rank weight must bar
    Social media strategy   1    1/2    yes  3
    Copywriting             2    1/3    no   -
    Analytics               3    1/6    no   2.5

    scores (Mia, Noah)      Strategy   Copywriting  Analytics     weighted total
    A1 Ana    hired         5, 5=5     4, 4=4       4, 5=4.5      2.5+1.3333+0.75  = 4.5833
    B2 Ben    rejected      4, 4=4     5, 4=4.5     -, 3=3 (thin) 2+1.5+0.5        = 4.0
    C3 Cleo   rejected      2, 3=2.5   3, 3=3       2, 4=3 (2 apart) 1.25+1+0.5   = 2.75
    D4 Dev    withdrawn     4, (Mia only; Noah never met Dev)          4 (coverage 1/2)

Ben's Analytics by Mia is a blank cell: not assessed, not 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.validate import round_from_frames

STRATEGY, COPY, ANALYTICS = "Social media strategy", "Copywriting", "Analytics"
CRITERIA = [STRATEGY, COPY, ANALYTICS]

ROLE = {
    "role": "Social Media Lead", "department": "Marketing", "hiring_manager": "Jana Becker", "country": "DE",
    "language": "en", "decided_on": "2026-03-13", "scale": "1-5", "company": "Spreeblick GmbH",
}


def social_media_frames():
    criteria = pd.DataFrame({
        "criterion": CRITERIA, "rank": [1, 2, 3], "weight": [3, 2, 1],
        "must_have": ["yes", "no", "no"], "bar": [3, None, 2.5],
    })
    candidates = pd.DataFrame({
        "candidate_id": ["A1", "B2", "C3", "D4"],
        "name": ["Ana Alves", "Ben Berger", "Cleo Chan", "Dev Dutta"],
        "status": ["hired", "rejected", "rejected", "withdrawn"],
        "stay_in_touch": [None, None, None, None],
    })
    table = {
        ("A1", "Mia"): (5, 4, 4), ("A1", "Noah"): (5, 4, 5),
        ("B2", "Mia"): (4, 5, None), ("B2", "Noah"): (4, 4, 3),
        ("C3", "Mia"): (2, 3, 2), ("C3", "Noah"): (3, 3, 4),
        ("D4", "Mia"): (4, None, None),
    }
    rows = [
        {"candidate_id": cid, "interviewer": who, "criterion": crit, "score": score, "stage": "Panel", "interviewed_on": "2026-03-10"}
        for (cid, who), scores in table.items()
        for crit, score in zip(CRITERIA, scores)
    ]
    return dict(ROLE), criteria, candidates, pd.DataFrame(rows)


def social_media_round(**kwargs):
    role, criteria, candidates, scores = social_media_frames()
    return round_from_frames(role, criteria, candidates, scores, **kwargs)


def calibration_round():
    """Three interviewers scoring three candidates on two criteria at one stage.

    Pat always scores 1 point above Quinn and Rae, who agree:
    panel mean = base + 1/3, so Pat's offset is +2/3 and Quinn's and Rae's -1/3.
    """
    criteria = pd.DataFrame({"criterion": ["Strategy", "Writing"], "rank": [1, 2]})
    candidates = pd.DataFrame({"candidate_id": ["K1", "K2", "K3"], "name": ["Kim", "Lou", "Max"], "status": ["hired", "rejected", "rejected"]})
    base = {("K1", "Strategy"): 4, ("K1", "Writing"): 3, ("K2", "Strategy"): 3, ("K2", "Writing"): 3, ("K3", "Strategy"): 2, ("K3", "Writing"): 2}
    rows = []
    for (cid, crit), b in base.items():
        for who, plus in (("Pat", 1), ("Quinn", 0), ("Rae", 0)):
            rows.append({"candidate_id": cid, "interviewer": who, "criterion": crit, "score": b + plus, "stage": "Panel"})
    return round_from_frames(dict(ROLE), criteria, candidates, pd.DataFrame(rows))


def two_stage_round():
    """Two stages: "Screen" (2 March, Mia) then "Final" (9 March, Noah and Mia); equal weights via rank 1, 2.

    Rank-derived weights for 2 criteria: 2/3 and 1/3.
    E1: Screen  Strategy 3, Writing 3          -> 3
        Final   Strategy 5 (Noah), 4 (Mia); Writing 4, 4 -> (2/3)*4.5 + (1/3)*4 = 4.3333
        up to Final: Strategy (3+5+4)/3 = 4, Writing (3+4+4)/3 = 3.6667 -> 3.8889
    F2: Screen only: Strategy 2, Writing 4     -> 2.6667
    The rows are written Final first, so the order must come from the dates.
    """
    criteria = pd.DataFrame({"criterion": ["Strategy", "Writing"], "rank": [1, 2]})
    candidates = pd.DataFrame({"candidate_id": ["E1", "F2"], "name": ["Eva", "Finn"], "status": ["hired", "rejected"]})
    rows = [
        ("E1", "Noah", "Strategy", 5, "Final", "2026-03-09"), ("E1", "Noah", "Writing", 4, "Final", "2026-03-09"),
        ("E1", "Mia", "Strategy", 4, "Final", "2026-03-09"), ("E1", "Mia", "Writing", 4, "Final", "2026-03-09"),
        ("E1", "Mia", "Strategy", 3, "Screen", "2026-03-02"), ("E1", "Mia", "Writing", 3, "Screen", "2026-03-02"),
        ("F2", "Mia", "Strategy", 2, "Screen", "2026-03-03"), ("F2", "Mia", "Writing", 4, "Screen", "2026-03-03"),
    ]
    scores = pd.DataFrame(rows, columns=["candidate_id", "interviewer", "criterion", "score", "stage", "interviewed_on"])
    return round_from_frames(dict(ROLE), criteria, candidates, scores)


def large_round(n: int = 1000, seed: int = 7):
    """A synthetic round of ``n`` candidates, 5 criteria, 3 interviewers, 2 stages (for the charts at scale)."""
    rng = np.random.default_rng(seed)
    crit = ["Strategy", "Writing", "Analytics", "Teamwork", "Languages"]
    criteria = pd.DataFrame({"criterion": crit, "rank": [1, 2, 3, 4, 5], "must_have": ["yes", "no", "no", "no", "no"], "bar": [3, None, None, None, 2]})
    ids = [f"X{i:04d}" for i in range(n)]
    status = ["hired"] + ["rejected"] * (n - 1)
    candidates = pd.DataFrame({"candidate_id": ids, "name": [f"Person {i:04d}" for i in range(n)], "status": status})
    ability = rng.normal(3, 0.7, n)
    cand = np.repeat(ids, 15)
    who = np.tile(np.repeat(["Mia", "Noah", "Ola"], 5), n)
    cri = np.tile(crit, 3 * n)
    stage = np.tile(np.repeat(["Screen", "Final", "Final"], 5), n)
    raw = np.repeat(ability, 15) + rng.normal(0, 0.6, 15 * n)
    score = np.clip(np.round(raw), 1, 5)
    scores = pd.DataFrame({"candidate_id": cand, "interviewer": who, "criterion": cri, "score": score, "stage": stage,
                           "interviewed_on": np.where(stage == "Screen", "2026-03-02", "2026-03-09")})
    return round_from_frames(dict(ROLE), criteria, candidates, scores)
