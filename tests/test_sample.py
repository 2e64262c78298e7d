"""Sample data: the seeded generator and the three curated rounds and their documented stories."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.errors import OutputError
from toolkit.sample import GENERATED_AS_OF, curated_rounds, generate_round, write_curated, write_sample

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
AS_OF = "2026-03-20"
SLUGS = ("berlin-social-media-lead", "stockholm-ux-designer", "manchester-data-analyst")


@pytest.fixture(scope="module")
def loaded():
    return {slug: toolkit.load_round(SAMPLE / f"{slug}.xlsx", as_of=AS_OF) for slug in SLUGS}


def _weighted_totals(rnd) -> pd.Series:
    """Weighted mean of per-criterion means (blank scores left out), by candidate id."""
    means = rnd.scores.dropna(subset=["score"]).groupby(["candidate_id", "criterion"], observed=True)["score"].mean()
    wide = means.unstack("criterion")[rnd.criterion_order]
    weights = rnd.criteria.set_index("criterion")["weight"].astype(float)
    return (wide.astype(float) * weights).sum(axis=1)


# -- generator ------------------------------------------------------------------------


def test_same_seed_gives_the_same_round_and_another_seed_does_not():
    a, b = generate_round(7, 20), generate_round(7, 20)
    for table in ("criteria", "candidates", "scores"):
        pd.testing.assert_frame_equal(a[table], b[table])
    assert a["role"] == b["role"]
    assert not generate_round(8, 20)["scores"]["score"].equals(a["scores"]["score"])


def test_generated_round_is_a_complete_realistic_grid():
    rnd = generate_round(3, 60, n_interviewers=4, n_criteria=6, stages=("Screening", "Panel", "Final"))
    candidates, scores, criteria = rnd["candidates"], rnd["scores"], rnd["criteria"]
    assert len(scores) == 60 * 4 * 6 * 3
    assert candidates["candidate_id"].is_unique and candidates["candidate_id"].iloc[0] == "C001"
    assert criteria["rank"].tolist() == [1, 2, 3, 4, 5, 6] and criteria["criterion"].iloc[-1] == "Team fit"
    assert (candidates["status"] == "hired").sum() == 1
    assert set(candidates["status"]) <= {"hired", "rejected", "withdrawn", "pending"}
    scored = scores["score"].dropna()
    assert scored.between(1, 5).all() and (scored == scored.round()).all()
    assert 0.005 < scores["score"].isna().mean() < 0.08  # some blanks = not assessed
    assert scores["evidence"].isna().any() and scores["evidence"].notna().mean() > 0.4
    # exactly one runner-up to stay in touch with, who has a follow-up date
    stay = candidates[candidates["stay_in_touch"].fillna(False)]
    assert len(stay) == 1 and stay["follow_up_on"].notna().all() and stay["status"].iloc[0] != "hired"


def test_generated_dates_are_in_a_sensible_order():
    c = generate_round(5, 300)["candidates"]
    decided = c.dropna(subset=["decided_on"])
    assert (c["applied_on"] < c["last_interview_on"]).all()
    assert (decided["last_interview_on"] < decided["decided_on"]).all()
    told = c.dropna(subset=["notified_on"])
    assert (told["notified_on"] >= told["decided_on"]).all()
    assert (told["notified_on"] <= pd.Timestamp(GENERATED_AS_OF)).all()
    asked = c.dropna(subset=["feedback_requested_on"])
    assert len(asked) > 0 and (asked["feedback_requested_on"] > asked["notified_on"]).all()
    # a mix: fast, late and not yet told
    delay = np.busday_count(told["decided_on"].values.astype("datetime64[D]"), told["notified_on"].values.astype("datetime64[D]"))
    assert (delay <= 3).any() and (delay > 3).any()
    assert c.loc[c["status"] == "rejected", "notified_on"].isna().any()
    assert c["decided_on"][c["status"].isin(["withdrawn", "pending"])].isna().all()
    assert c["channel"].nunique() >= 4


def test_presets_write_criteria_and_roles_in_their_language():
    de = generate_round(1, 5, preset="de")
    sv = generate_round(1, 5, preset="sv")
    assert de["criteria"]["criterion"].tolist() == ["Fachwissen", "Problemlösung", "Kommunikation",
                                                    "Stakeholder-Management", "Teamfit"]
    assert de["role"]["country"] == "DE" and set(de["candidates"]["language"]) == {"de"}
    assert sv["criteria"]["criterion"].iloc[-1] == "Teamkänsla" and sv["role"]["language"] == "sv"
    from toolkit.errors import ToolkitError

    with pytest.raises(ToolkitError, match="unknown preset.*de, en, sv"):
        generate_round(1, 5, preset="fr")
    assert generate_round(1, 5, preset="de-DE")["role"]["language"] == "de"  # spelt as anywhere else


def test_generator_scales_to_200k_score_rows():
    started = time.perf_counter()
    rnd = generate_round(1, 5000, n_interviewers=4)
    elapsed = time.perf_counter() - started
    assert len(rnd["scores"]) == 5000 * 4 * 5 * 2 == 200_000
    assert (rnd["candidates"]["status"] == "hired").sum() == 1
    assert elapsed < 5, f"generate_round took {elapsed:.1f}s for 200k rows"


def test_write_sample_writes_rounds_that_load_clean(tmp_path):
    paths = write_sample(tmp_path / "out", rounds=2, candidates=6, seed=4)
    assert [p.name for p in paths] == ["round-01.xlsx", "round-02.xlsx"]
    first, second = (toolkit.load_round(p, as_of=GENERATED_AS_OF) for p in paths)
    assert first.problems.empty and second.problems.empty
    assert first.role.language == "en" and second.role.language == "de"
    assert len(first.candidates) == 6 and len(first.scores) == 6 * 3 * 5 * 2
    again = write_sample(tmp_path / "again", rounds=2, candidates=6, seed=4)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]
    with pytest.raises(OutputError, match="already exist"):
        write_sample(tmp_path / "out", rounds=2, candidates=6, seed=4)


# -- curated rounds -------------------------------------------------------------------


def test_committed_workbooks_match_the_curated_data(tmp_path):
    written = write_curated(tmp_path)
    assert [p.name for p in written] == [f"{slug}.xlsx" for slug in SLUGS]
    for path in written:
        assert path.read_bytes() == (SAMPLE / path.name).read_bytes(), (
            f"data/sample/{path.name} is out of date: run write_curated('data/sample')")


def test_curated_rounds_load_with_zero_problems(loaded):
    for slug, rnd in loaded.items():
        assert rnd.problems.empty, f"{slug}: {rnd.problems[['location', 'message']].to_string()}"
        assert rnd.rejected_rows.empty
        assert 6 <= len(rnd.candidates) <= 12
        assert 3 <= rnd.scores["interviewer"].nunique() <= 4
        assert len(rnd.criteria) == 5 and rnd.scores["stage"].nunique() == 2
        assert 1 <= rnd.criteria["must_have"].sum() <= 2
        assert rnd.criteria[["description", "growth_tip", "growth_tip_de", "growth_tip_sv"]].notna().all().all()
        assert rnd.scores["evidence"].notna().mean() > 0.65  # most rows carry a note
        notes = rnd.scores.dropna(subset=["evidence"]).groupby(["candidate_id", "criterion"], observed=True)["evidence"]
        assert not notes.apply(lambda e: e.duplicated().any()).any()  # no note copied within a candidate's criterion
        role = rnd.role
        assert all([role.company, role.sender_name, role.sender_title, role.hiring_manager, role.department,
                    role.requisition]) and role.response_target_days in (3, 5)


def test_each_round_speaks_its_own_language(loaded):
    expected = {"berlin-social-media-lead": ("DE", "de"), "stockholm-ux-designer": ("SE", "sv"),
                "manchester-data-analyst": ("GB", "en")}
    for slug, (country, language) in expected.items():
        rnd = loaded[slug]
        assert (rnd.role.country, rnd.role.language) == (country, language)
        languages = rnd.candidates["language"].value_counts()
        assert languages.idxmax() == language
    assert loaded["berlin-social-media-lead"].candidates.query("language == 'en'")["name"].tolist() == ["Emily Carter"]
    assert loaded["stockholm-ux-designer"].candidates.query("language == 'en'")["name"].tolist() == ["Daniel Kowalski"]
    assert loaded["berlin-social-media-lead"].criterion_order[0] == "Social-Media-Strategie"


def test_weights_are_given_in_stockholm_only(loaded):
    assert set(loaded["stockholm-ux-designer"].criteria["weight_source"]) == {"given"}
    for slug in ("berlin-social-media-lead", "manchester-data-analyst"):
        assert set(loaded[slug].criteria["weight_source"]) == {"rank"}


STORIES = {
    # slug: hired, runner-up (total, hire total), solid-below-hire, thin (candidate, criterion), weaker, withdrawn
    "berlin-social-media-lead": dict(hired=("B03", 67 / 15), runner_up=("B05", 63 / 15), solid="B01",
                                     thin=("B07", "Analyse und Reporting"), weaker="B02", withdrawn="B06",
                                     misses_must_have="B04"),
    "stockholm-ux-designer": dict(hired=("S03", 4.45), runner_up=("S07", 4.15), solid="S01",
                                  thin=("S05", "Designsystem"), weaker="S02", withdrawn="S06",
                                  misses_must_have="S04"),
    "manchester-data-analyst": dict(hired=("M04", 67.6 / 15), runner_up=("M07", 62.4 / 15), solid="M01",
                                    thin=("M08", "Statistical reasoning"), weaker="M02", withdrawn="M06",
                                    misses_must_have="M05"),
}


@pytest.mark.parametrize("slug", SLUGS)
def test_curated_story_hire_runner_up_and_the_rest(loaded, slug):
    rnd, story = loaded[slug], STORIES[slug]
    c = rnd.candidates.set_index("candidate_id")
    assert c.index[c["status"] == "hired"].tolist() == [story["hired"][0]]
    assert c.index[c["status"] == "withdrawn"].tolist() == [story["withdrawn"]]
    totals = _weighted_totals(rnd)
    hire_id, hire_total = story["hired"]
    runner_id, runner_total = story["runner_up"]
    assert totals[hire_id] == pytest.approx(hire_total)
    assert totals[runner_id] == pytest.approx(runner_total)
    assert hire_total - runner_total < 0.4  # close
    others = totals.drop([hire_id, runner_id, story["withdrawn"]])
    assert (others < runner_total - 0.2).all()  # and clearly second
    assert c.loc[runner_id, "stay_in_touch"] == True  # noqa: E712
    assert pd.notna(c.loc[runner_id, "follow_up_on"])
    # the runner-up meets every must-have; another candidate misses one
    means = rnd.scores.groupby(["candidate_id", "criterion"], observed=True)["score"].mean()
    must = rnd.criteria.loc[rnd.criteria["must_have"].astype(bool), ["criterion", "bar"]]
    for criterion, bar in must.itertuples(index=False):
        assert means[(runner_id, criterion)] >= bar
    missed = [means[(story["misses_must_have"], crit)] < bar for crit, bar in must.itertuples(index=False)]
    assert any(missed)
    # the clearly weaker candidate stopped after the first stage with the lowest total
    assert totals.idxmin() == story["weaker"]
    assert rnd.scores.loc[rnd.scores["candidate_id"] == story["weaker"], "stage"].nunique() == 1


@pytest.mark.parametrize("slug", SLUGS)
def test_curated_story_thin_evidence_and_the_solid_candidate(loaded, slug):
    rnd, story = loaded[slug], STORIES[slug]
    cid, criterion = story["thin"]
    rows = rnd.scores[(rnd.scores["candidate_id"] == cid) & (rnd.scores["criterion"] == criterion)]
    scored = rows["score"].dropna()
    assert len(rows) > len(scored)  # the rows are there, left blank = not assessed
    assert len(scored) == 1 or (len(scored) == 2 and scored.max() - scored.min() == 3)
    # the solid candidate: nothing below a bar, nothing a full point behind the hire
    means = rnd.scores.groupby(["candidate_id", "criterion"], observed=True)["score"].mean().unstack()
    solid, hire = means.loc[story["solid"]], means.loc[story["hired"][0]]
    bars = rnd.criteria.set_index("criterion")["bar"]
    assert (solid[bars.dropna().index] >= bars.dropna()).all()
    assert ((hire - solid) < 1).all() and ((hire - solid) > 0).all()


TOLD = {
    # candidate: business days from decision to telling (no holidays in March 2026 in DE, SE or GB)
    "berlin-social-media-lead": {"B01": 2, "B02": 1, "B03": 0, "B05": 1, "B07": 7},
    "stockholm-ux-designer": {"S01": 7, "S02": 1, "S03": 0, "S04": 6, "S05": 2, "S07": 1, "S09": 4},
    "manchester-data-analyst": {"M01": 3, "M02": 8, "M03": 7, "M04": 0, "M05": 2, "M07": 1, "M08": 2},
}
WAITING = {  # not told yet: business days waiting on 2026-03-20
    "berlin-social-media-lead": {"B04": 10, "B08": 2},
    "stockholm-ux-designer": {"S08": 8},
    "manchester-data-analyst": {"M09": 5},
}


@pytest.mark.parametrize("slug", SLUGS)
def test_curated_notification_delays(loaded, slug):
    rnd = loaded[slug]
    c = rnd.candidates.set_index("candidate_id")
    decided = c["decided_on"].values.astype("datetime64[D]")
    told = c["notified_on"].values.astype("datetime64[D]")
    has_told = ~np.isnat(told)
    delay = dict(zip(c.index[has_told], np.busday_count(decided[has_told], told[has_told]).tolist()))
    assert delay == TOLD[slug]
    waiting_ids = c.index[~has_told & (c["status"] != "withdrawn")]
    waiting = np.busday_count(c.loc[waiting_ids, "decided_on"].values.astype("datetime64[D]"), np.datetime64(AS_OF))
    assert dict(zip(waiting_ids, waiting.tolist())) == WAITING[slug]
    target = rnd.role.response_target_days
    assert any(d <= target for d in delay.values()) and any(d > target for d in delay.values())
    assert any(w > target for w in WAITING[slug].values())  # someone is overdue today


def test_curated_channels_feedback_and_the_pending_decision(loaded):
    all_candidates = pd.concat([r.candidates for r in loaded.values()])
    assert {"phone", "video", "email", "form_letter", "letter"} <= set(all_candidates["channel"].dropna())
    for rnd in loaded.values():
        asked = rnd.candidates.dropna(subset=["feedback_requested_on"])
        assert asked["feedback_sent_on"].notna().sum() >= 1 and asked["feedback_sent_on"].isna().sum() >= 1
    # Berlin keeps one decision (2026-03-18) still within its 3-day target on 2026-03-20
    berlin = loaded["berlin-social-media-lead"].candidates.set_index("candidate_id")
    assert berlin.loc["B08", "decided_on"] == pd.Timestamp("2026-03-18") and pd.isna(berlin.loc["B08", "notified_on"])


def test_curated_rounds_function_matches_the_workbooks(loaded):
    rounds = curated_rounds()
    assert list(rounds) == list(SLUGS)
    for slug, tables in rounds.items():
        assert len(tables["scores"]) == len(loaded[slug].scores)
        assert tables["candidates"]["name"].tolist() == loaded[slug].candidates["name"].tolist()


@pytest.mark.parametrize("preset", ["en", "de", "sv"])
def test_generated_emails_are_plain_addresses_the_validator_accepts(preset):
    """Names such as Yılmaz or Nyström become plain ASCII addresses, so every .eml draft of a sample round has a recipient."""
    from toolkit.coerce import valid_email

    emails = generate_round(7, 300, preset=preset)["candidates"]["email"].tolist()
    assert all(valid_email(e) == e for e in emails), [e for e in emails if valid_email(e) != e][:3]
    assert all(e.isascii() for e in emails)
