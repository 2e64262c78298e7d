"""What the notebooks show for one candidate at a time (toolkit.pickers), and the follow-through table: the notebooks only
call these, so the behaviour is tested here, not only by running the notebooks."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.analytics import candidate_summary, runner_up_pairs
from toolkit.analytics.timelines import FOLLOW_THROUGH_COLUMNS, follow_through, timelines
from toolkit.feedback import compose_round
from toolkit.pickers import candidate_picker, letter_picker, letter_previews

AS_OF = "2026-03-20"


@pytest.fixture(scope="module")
def berlin():
    return toolkit.load_round("data/sample/berlin-social-media-lead.xlsx", as_of=AS_OF)


def test_letter_previews_show_the_letter_in_each_language_under_its_name(berlin):
    summary = candidate_summary(berlin)
    cid = str(berlin.candidates.loc[berlin.candidates["status"] == "rejected", "candidate_id"].iloc[0])
    page = letter_previews(berlin, cid, summary=summary, as_of=AS_OF)
    assert page.count("<iframe") == 3 and page.index("<h4>English</h4>") < page.index("<h4>Deutsch</h4>") < page.index("<h4>Svenska</h4>")
    import html

    shown = html.unescape(page)
    assert all(f'<html lang="{lang}">' in shown for lang in ("en", "de", "sv"))


def test_the_letter_picker_starts_on_the_candidate_asked_for_and_offers_only_those_with_a_letter(berlin):
    summary = candidate_summary(berlin)
    letters = compose_round(berlin, summary=summary, as_of=AS_OF)
    ids = [fb.candidate_id for fb in letters]
    box = letter_picker(berlin, letters, summary=summary, as_of=AS_OF, candidate_id=ids[-1])
    picker = box.children[0]
    assert picker.value == ids[-1] and [v for _label, v in picker.options] == ids
    hired = str(berlin.candidates.loc[berlin.candidates["status"] == "hired", "candidate_id"].iloc[0])
    assert letter_picker(berlin, letters, summary=summary, as_of=AS_OF, candidate_id=hired).children[0].value == ids[0]


def test_the_candidate_picker_lists_every_candidate_best_first(berlin):
    summary = candidate_summary(berlin)
    picker = candidate_picker(berlin, summary).children[0]
    assert [v for _label, v in picker.options] == summary["candidate_id"].tolist()
    assert "rank 1)" in picker.options[0][0]


def test_follow_through_keeps_who_asked_for_feedback_or_is_in_the_talent_pool():
    rounds = toolkit.load_rounds("data/sample", as_of=AS_OF)
    tl = timelines(rounds, as_of=AS_OF, runners_up=runner_up_pairs(rounds))
    got = follow_through(tl)
    assert list(got.columns) == FOLLOW_THROUGH_COLUMNS and len(got) > 0
    # with the candidate's id, as names repeat across people: each row joins back to its own timeline row
    assert got.merge(tl, on=["round_id", "candidate_id"], suffixes=("", "_tl")).eval("name == name_tl").all()
    assert ((got["feedback_status"] != "not_requested") | (got["follow_up_status"] != "not_applicable")).all()
    left_out = tl[(tl["feedback_status"] == "not_requested") & (tl["follow_up_status"] == "not_applicable")]
    assert len(got) + len(left_out) == len(tl)
