"""Interviewer calibration: leniency, blanks and halo, with hand-computed numbers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from rounds_for_comparison import calibration_round, social_media_round, two_stage_round
from toolkit.analytics import interviewer_calibration


def test_lenient_and_severe_interviewers_are_labelled():
    c = interviewer_calibration(calibration_round()).set_index("interviewer")
    # Pat is always 1 above Quinn and Rae: panel mean = theirs + 1/3
    assert c.loc["Pat", "mean_offset"] == pytest.approx(2 / 3)
    assert c.loc["Quinn", "mean_offset"] == pytest.approx(-1 / 3)
    assert c.loc["Pat", "label"] == "lenient"
    assert c.loc["Rae", "label"] == "severe"
    assert interviewer_calibration(calibration_round())["interviewer"].iloc[0] == "Pat"  # most lenient first


def test_halo_is_the_correlation_between_criteria_across_candidates():
    c = interviewer_calibration(calibration_round()).set_index("interviewer")
    # Pat: Strategy 5, 4, 3 and Writing 4, 4, 3 -> r = sqrt(3)/2
    assert c.loc["Pat", "halo"] == pytest.approx(math.sqrt(3) / 2)
    # 0.87 is a strong correlation: the table says so in words, not only as a number an analyst has to judge
    assert c.loc["Pat", "halo_reading"] == "criteria move together"


def test_offsets_blanks_and_halo_on_the_social_media_round():
    c = interviewer_calibration(social_media_round()).set_index("interviewer")
    # Mia: offsets 0 0 -.5 | 0 +.5 | -.5 0 -1 over 8 shared cells; Ben's Analytics left blank, Dev alone
    assert c.loc["Mia", "n_scores"] == 9 and c.loc["Mia", "n_compared"] == 8
    assert c.loc["Mia", "mean_offset"] == pytest.approx(-1.5 / 8)
    assert c.loc["Noah", "mean_offset"] == pytest.approx(1.5 / 8)
    assert set(c["label"]) == {"in line"}
    # Mia met 4 candidates x 3 criteria = 12 cells and scored 9
    assert c.loc["Mia", "share_blank"] == pytest.approx(3 / 12)
    assert c.loc["Noah", "share_blank"] == pytest.approx(0.0)
    # Mia's Strategy 5,4,2 vs Copywriting 4,5,3 over Ana, Ben, Cleo: r = sqrt(3/7); the Analytics pairs have 2 candidates only
    assert c.loc["Mia", "halo"] == pytest.approx(math.sqrt(3 / 7))
    assert c.loc["Mia", "halo_reading"] == "criteria partly move together"  # 0.65: below 0.7, a moderate correlation all the same


def test_too_few_shared_scores_say_so_instead_of_a_label():
    c = interviewer_calibration(two_stage_round()).set_index("interviewer")
    assert c.loc["Noah", "n_compared"] == 2
    assert c.loc["Noah", "label"] == "too few scores"


def test_the_halo_reading_has_three_bands():
    """A correlation of 0.55-0.7 had read "criteria scored apart"; it is a moderate one."""
    from toolkit.validate import round_from_frames

    crit = pd.DataFrame({"criterion": ["A", "B"], "rank": [1, 2]})
    cands = pd.DataFrame({"candidate_id": ["c1", "c2", "c3", "c4"], "name": ["Ann", "Ben", "Cy", "Dee"],
                          "status": ["hired", "rejected", "rejected", "rejected"]})
    rows = []
    for who, a, b in (("Opp", [1, 2, 4, 5], [5, 4, 2, 1]), ("Mid", [1, 2, 3, 4], [2, 1, 4, 3]), ("Same", [1, 2, 3, 5], [1, 2, 3, 5])):
        for cid, x, y in zip(cands["candidate_id"], a, b):
            rows += [dict(candidate_id=cid, interviewer=who, criterion="A", score=x), dict(candidate_id=cid, interviewer=who, criterion="B", score=y)]
    rnd = round_from_frames({"role": "Analyst"}, crit, cands, pd.DataFrame(rows), as_of="2026-03-20")
    c = interviewer_calibration(rnd).set_index("interviewer")
    assert c.loc["Opp", "halo"] == pytest.approx(-1) and c.loc["Opp", "halo_reading"] == "criteria scored apart"
    assert c.loc["Mid", "halo"] == pytest.approx(0.6) and c.loc["Mid", "halo_reading"] == "criteria partly move together"
    assert c.loc["Same", "halo"] == pytest.approx(1) and c.loc["Same", "halo_reading"] == "criteria move together"
