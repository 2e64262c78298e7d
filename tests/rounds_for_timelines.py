"""Two hand-built rounds for the response-time tests (no fixtures: plain functions).

Berlin, Social Media Lead (DE, target 3 business days, decided Thursday
2 October 2025, the day before German Unity Day). The expected numbers in
the tests were counted on a calendar:

    Fri 3 Oct holiday, Sat 4/Sun 5 weekend, Mon 6 = 1, Tue 7 = 2, Wed 8 = 3
    (due day), Thu 9 = 4, Fri 10 = 5.

Manchester, Data Analyst (GB, target 5, decided Friday 13 March 2026):
Mon 16 = 1 ... Fri 20 = 5 (due day), Mon 23 = 6.
"""

from __future__ import annotations

import pandas as pd

from toolkit.validate import round_from_frames

CRITERIA = ["Social media planning", "Copywriting", "Teamwork"]


def berlin_frames():
    role = {
        "role": "Social Media Lead", "department": "Marketing", "hiring_manager": "Jana Becker", "country": "DE",
        "language": "de", "response_target_days": 3, "decided_on": "2025-10-02", "scale": "1-5",
        "company": "Spreeblick GmbH", "sender_name": "Jana Becker", "sender_title": "Leiterin Marketing",
    }
    criteria = pd.DataFrame({"criterion": CRITERIA, "rank": [1, 2, 3]})
    rows = [
        # id, name, status, stage_reached, last_interview, decided, notified, channel, fb requested, fb sent, stay, follow-up
        ("C1", "Lena Vogel", "hired", "Final interview", "2025-09-30", None, "2025-10-02", "phone", None, None, None, None),
        ("C2", "Jonas Weber", "rejected", "Final interview", "2025-09-30", None, "2025-10-06", "video", "2025-10-07", "2025-10-09", "yes", "2026-01-15"),
        ("C3", "Mia Schulz", "rejected", "final  interview", "2025-09-22", None, "2025-10-09", "email", "2025-10-09", None, "yes", None),
        ("C4", "Paul Fischer", "rejected", "First interview", "2025-09-22", None, "2025-10-08", "form_letter", None, None, None, None),
        ("C5", "Emma Wolf", "rejected", "First interview", "2025-09-22", None, None, None, None, None, "yes", "2025-10-07"),
        ("C6", "Noah Braun", "withdrawn", "First interview", "2025-09-22", None, None, None, None, None, None, None),
        ("C7", "Sara Klein", "pending", "Final interview", "2025-10-01", None, None, None, None, None, None, None),
        ("C8", "Tim Koch", "rejected", None, "2025-10-01", "2025-10-06", None, None, None, None, None, None),
    ]
    cols = ["candidate_id", "name", "status", "stage_reached", "last_interview_on", "decided_on", "notified_on", "channel",
            "feedback_requested_on", "feedback_sent_on", "stay_in_touch", "follow_up_on"]
    candidates = pd.DataFrame(rows, columns=cols)
    scores = []
    # Final interview rows first: the final stage is found by date, not by row order.
    final_dates = {"C1": "2025-09-30", "C2": "2025-09-30", "C7": "2025-10-01", "C8": "2025-10-01"}
    for cid, day in final_dates.items():
        for interviewer in ("Anna Roth", "Ben Schäfer"):
            for crit in CRITERIA:
                score = 4
                if (interviewer, cid, crit) == ("Ben Schäfer", "C7", "Teamwork"):
                    score = None  # left blank: missing
                if (interviewer, cid, crit) == ("Ben Schäfer", "C8", "Teamwork"):
                    continue  # no row at all: missing too
                scores.append((cid, interviewer, crit, score, "Final interview", day))
    for cid in ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"):
        for crit in CRITERIA:
            scores.append((cid, "Anna Roth", crit, 3, "First interview", "2025-09-22"))
    scores = pd.DataFrame(scores, columns=["candidate_id", "interviewer", "criterion", "score", "stage", "interviewed_on"])
    return role, criteria, candidates, scores


def berlin_round(as_of="2025-10-09"):
    rnd = round_from_frames(*berlin_frames(), round_id="berlin", as_of=as_of)
    assert rnd.ok, rnd.errors
    return rnd


def manchester_frames():
    role = {
        "role": "Data Analyst", "department": "Finance", "hiring_manager": "Priya Shah", "country": "GB",
        "language": "en", "response_target_days": 5, "decided_on": "2026-03-13", "scale": "1-5",
    }
    criteria = pd.DataFrame({"criterion": ["SQL", "Statistics"], "rank": [1, 2]})
    candidates = pd.DataFrame({
        "candidate_id": ["U1", "U2", "U3", "U4"],
        "name": ["Amira Haddad", "Ben Okafor", "Chloe Martin", "Dev Patel"],
        "status": ["hired", "rejected", "rejected", "rejected"],
        "last_interview_on": ["2026-03-10"] * 4,
        "notified_on": ["2026-03-13", "2026-03-16", "2026-03-20", None],
        "channel": ["phone", "phone", "email", None],
    })
    scores = pd.DataFrame([
        (cid, "Sam Lee", crit, 3, "Panel", "2026-03-10") for cid in ("U1", "U2", "U3", "U4") for crit in ("SQL", "Statistics")
    ], columns=["candidate_id", "interviewer", "criterion", "score", "stage", "interviewed_on"])
    return role, criteria, candidates, scores


def manchester_round(as_of="2026-03-20"):
    rnd = round_from_frames(*manchester_frames(), round_id="manchester", as_of=as_of)
    assert rnd.ok, rnd.errors
    return rnd
