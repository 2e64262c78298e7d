"""Shared fixtures: small, realistic rounds built as plain tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"


def make_frames():
    """A small, clean UK round: 3 criteria, 3 candidates, 2 interviewers, one stage."""
    role = {
        "role": "Data Analyst", "department": "Finance", "hiring_manager": "Priya Shah", "country": "GB",
        "language": "en", "response_target_days": 3, "decided_on": "2026-03-13", "scale": "1-5",
        "company": "Northwind Ltd", "sender_name": "Priya Shah", "sender_title": "Head of Analytics",
    }
    criteria = pd.DataFrame({
        "criterion": ["SQL", "Statistics", "Team fit"],
        "rank": [1, 2, 3],
        "must_have": ["yes", "no", "no"],
        "bar": [3, 3, None],
    })
    candidates = pd.DataFrame({
        "candidate_id": ["C1", "C2", "C3"],
        "name": ["Amira Haddad", "Ben Okafor", "Chloe Martin"],
        "email": ["amira@example.org", "ben@example.org", "chloe@example.org"],
        "status": ["hired", "rejected", "rejected"],
        "last_interview_on": ["2026-03-10", "2026-03-10", "2026-03-11"],
        "notified_on": ["2026-03-13", "2026-03-16", None],
        "channel": ["phone", "video", None],
    })
    rows = []
    for cid, base in (("C1", 4), ("C2", 3), ("C3", 2)):
        for interviewer in ("Sam", "Lee"):
            for crit in ("SQL", "Statistics", "Team fit"):
                rows.append({"candidate_id": cid, "interviewer": interviewer, "criterion": crit, "score": base,
                             "stage": "Panel", "interviewed_on": "2026-03-10"})
    scores = pd.DataFrame(rows)
    return role, criteria, candidates, scores


@pytest.fixture
def frames():
    return make_frames()


@pytest.fixture(scope="session")
def sample_paths():
    paths = sorted(SAMPLE.glob("*.xlsx"))
    assert paths, "data/sample holds no workbooks"
    return paths
