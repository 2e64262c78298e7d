"""Small hand-built rounds for the feedback tests: one story per candidate, in en, de and sv.

Four criteria, rank-sum weights 0.4 / 0.3 / 0.2 / 0.1, two interviewers,
scale 1-5, bar 3 on the first three, the first a must-have.

    id  story                       planning writing analytics collab  total
    H   hired                        5        5       5         5      5.0
    R   close runner-up              4        5       5         5      4.6  (0.4 behind: close; planning 1 point behind)
    T   thin evidence on planning    4/—      4       5         5      4.3  (one interviewer on planning; writing 1 behind)
    N   no honest growth area        4.25     4.25    4.25      4.25   4.25 (0.75 behind everywhere: nothing material)
    W   clearly weaker               2        3       3         3      2.6  (below the bar on the must-have)
    X   withdrawn                    3        3       3         3
"""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit

CRITERIA = {
    "en": ["Campaign planning", "Writing", "Analytics", "Collaboration"],
    "de": ["Kampagnenplanung", "Texten", "Analyse", "Zusammenarbeit"],
    "sv": ["Kampanjplanering", "Skrivande", "Analys", "Samarbete"],
}
TIPS = {
    "en": ["Plan one campaign from brief to results report.", "Write for three channels.", "Build one monthly report.", "Ask for feedback."],
    "de": ["Planen Sie eine Kampagne vom Briefing bis zum Ergebnisbericht.", "Schreiben Sie für drei Kanäle.", "Bauen Sie einen Monatsbericht.", "Holen Sie Feedback ein."],
    "sv": ["Planera en kampanj från brief till resultatrapport.", "Skriv för tre kanaler.", "Bygg en månadsrapport.", "Be om återkoppling."],
}
ROLE = {
    "en": {"role": "Campaign Manager", "company": "Northwind Ltd", "sender_name": "Sam Carter", "sender_title": "Head of Marketing", "country": "GB"},
    "de": {"role": "Kampagnenmanager:in", "company": "Nordwind GmbH", "sender_name": "Sam Keller", "sender_title": "Leitung Marketing", "country": "DE"},
    "sv": {"role": "kampanjansvarig", "company": "Nordvind AB", "sender_name": "Sam Ek", "sender_title": "Marknadschef", "country": "SE"},
}
NAMES = {
    "H": "Hanna Hirsch", "R": "Rafael Reyes", "T": "Tove Tapper", "N": "Nils Norberg", "W": "Wanda Wolf", "X": "Xenia Xu",
}
SCORES = {  # candidate -> per criterion (interviewer 1, interviewer 2); None = not assessed
    "H": [(5, 5), (5, 5), (5, 5), (5, 5)],
    "R": [(4, 4), (5, 5), (5, 5), (5, 5)],
    "T": [(4, None), (4.5, 4.5), (5, 5), (4.5, 4.5)],
    "N": [(4, 4.5), (4, 4.5), (4, 4.5), (4, 4.5)],
    "W": [(2, 2), (3, 3), (3, 3), (3, 3)],
    "X": [(3, 3), (3, 3), (3, 3), (3, 3)],
}
STATUS = {"H": "hired", "R": "rejected", "T": "rejected", "N": "rejected", "W": "rejected", "X": "withdrawn"}


def make_round(language: str = "en", *, candidates: dict | None = None, criteria: dict | None = None, scores: dict | None = None,
               role: dict | None = None, round_id: str | None = None, names: list[str] | None = None, stages: dict | None = None):
    """The round above in ``language``; ``candidates``/``criteria`` patch columns ({"R": {"stay_in_touch": "no"}}, {"growth_tip_de": [...]}).
    Every score is from one interview, the stage "Final"; ``stages`` gives a candidate the same scores in other stages too
    ({"T": ["Screening", "Final"]}).

    ``names`` renames the four criteria (on the Criteria and the Scores sheet)."""
    names = names or CRITERIA[language]
    crit = pd.DataFrame({
        "criterion": names,
        "rank": [1, 2, 3, 4],
        "must_have": ["yes", "no", "no", "no"],
        "bar": [3, 3, 3, None],
        "growth_tip": TIPS["en"],
        "growth_tip_de": TIPS["de"],
        "growth_tip_sv": TIPS["sv"],
    })
    for column, values in (criteria or {}).items():
        crit[column] = values
    rows = []
    for cid, name in NAMES.items():
        row = {"candidate_id": cid, "name": name, "email": f"{cid.lower()}@example.com", "language": "", "status": STATUS[cid],
               "stage_reached": "Final", "stay_in_touch": None, "follow_up_on": "2026-06-01" if cid == "R" else None}
        row.update((candidates or {}).get(cid, {}))
        rows.append(row)
    cand = pd.DataFrame(rows)
    score_rows = []
    for cid, per_crit in (scores or SCORES).items():
        for crit_name, pair in zip(names, per_crit):
            for interviewer, score in zip(("Ida", "Jon"), pair):
                for stage in (stages or {}).get(cid, ["Final"]):
                    score_rows.append({"candidate_id": cid, "interviewer": interviewer, "criterion": crit_name, "score": score,
                                       "stage": stage, "interviewed_on": "2026-03-02"})
    role_dict = {**ROLE[language], "language": language, "decided_on": "2026-03-06", **(role or {})}
    rnd = toolkit.round_from_frames(role_dict, crit, cand, pd.DataFrame(score_rows), round_id=round_id or f"test-{language}")
    assert rnd.ok, rnd.problems[["location", "message"]].to_string()
    return rnd


def test_the_stories_hold_in_the_analytics():
    """The letters tests rely on these analytics outcomes; if the rules change, this test says so first."""
    from toolkit.analytics import candidate_summary

    s = candidate_summary(make_round("en")).set_index("candidate_id")
    assert bool(s.loc["R", "is_runner_up"]) and s.loc["R", "growth_kind"] == "shortfall" and s.loc["R", "growth_area"] == "Campaign planning"
    assert s.loc["T", "thin_evidence_on"] == "Campaign planning" and s.loc["T", "growth_kind"] == "none"  # Writing only 0.5 behind
    assert s.loc["N", "growth_kind"] == "none" and not bool(s.loc["N", "is_runner_up"])
    assert s.loc["W", "growth_kind"] == "below_bar" and s.loc["W", "growth_area"] == "Campaign planning"
    assert [round(float(x), 2) for x in s.loc[["R", "T", "N", "W"], "weighted_total"]] == [4.6, 4.4, 4.25, 2.6]


@pytest.mark.parametrize("language, claim", [("en", "one of the strongest"), ("de", "zu den stärksten"), ("sv", "en av de starkaste")])
def test_one_of_the_strongest_is_said_only_in_the_top_half_of_the_field(language, claim):
    """Six candidates scored alike: Rafael, fourth of six and a close runner-up by the scores, heard "your application was
    one of the strongest we received" as Nils and Wanda (second and third) did. He still hears that the committee would
    like to stay in touch, without the claim."""
    from toolkit.feedback import compose_round

    rnd = make_round(language, scores={
        "H": [(3, 3)] * 4, "N": [(3, 3), (3, 3), (3, 3), (2.6, 2.6)], "W": [(3, 3), (3, 3), (2.8, 2.8), (2.6, 2.6)],
        "R": [(3, 3), (2.8, 2.8), (2.6, 2.6), (2.6, 2.6)], "T": [(2.9, 2.9), (2.7, 2.7), (2.6, 2.6), (2.6, 2.6)], "X": [(2, 2)] * 4})
    letters = {fb.candidate_id: fb for fb in compose_round(rnd, as_of="2026-03-20")}
    assert [cid for cid in "NWR" if letters[cid].is_close_runner_up] == ["N", "W", "R"]
    assert claim in letters["N"].text and claim in letters["W"].text
    assert claim not in letters["R"].text and letters["R"].stay_in_touch
