"""Every letter of the sample rounds: nothing about anyone else, drafts that parse, no lint findings."""

from __future__ import annotations

import email.policy
import re
from email.parser import BytesParser
from pathlib import Path

import pytest

import toolkit
from toolkit.analytics import candidate_summary, criterion_profiles
from toolkit.charts import candidate_profile
from toolkit.feedback import NO_LETTER_STATUSES, compose_round, lint_round, lint_text
from toolkit.render.letters import figure_div, render_call_notes_html, render_eml, render_letter_html, render_letter_text

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
AS_OF = "2026-03-20"


@pytest.fixture(scope="module")
def rendered():
    """Per round: the summary and, per candidate who gets a letter, the feedback and all its strings."""
    out = []
    for rnd in toolkit.load_rounds(SAMPLE):
        summary = candidate_summary(rnd)
        profiles = criterion_profiles(rnd)
        statuses = tuple(s for s in set(rnd.candidates["status"]) if s not in NO_LETTER_STATUSES)
        letters = []
        for fb in compose_round(rnd, summary=summary, as_of=AS_OF, statuses=statuses):
            strings = {
                "html": render_letter_html(fb),
                "text": render_letter_text(fb),
                "eml": render_eml(fb),
                "call notes": render_call_notes_html(fb, figure_div(candidate_profile(profiles, fb.candidate_id)),
                                                     plotly_js="../../../assets/plotly.min.js"),
                "call notes without chart": render_call_notes_html(fb),
            }
            letters.append((fb, strings))
        out.append((rnd, summary, letters))
    return out


def test_every_candidate_who_is_not_hired_gets_a_letter(rendered):
    assert len(rendered) == 3
    for rnd, _, letters in rendered:
        expected = set(rnd.candidates.loc[~rnd.candidates["status"].isin(NO_LETTER_STATUSES), "candidate_id"])
        assert {fb.candidate_id for fb, _ in letters} == expected
        assert len(letters) >= 6


def _number_forms(x: float) -> set[str]:
    forms = set()
    for digits in (2, 3):
        s = f"{x:.{digits}f}"
        forms |= {s, s.replace(".", ",")}
    return forms


def test_no_file_holds_another_candidates_name_id_or_score(rendered):
    for rnd, summary, letters in rendered:
        people = rnd.candidates[["candidate_id", "name"]].astype(str).values.tolist()
        totals = dict(zip(summary["candidate_id"], summary["weighted_total"].astype(float)))
        for fb, strings in letters:
            for cid, name in people:
                if cid == fb.candidate_id:
                    continue
                for kind, text in strings.items():
                    assert name not in text, (fb.candidate_id, kind, name)
                    assert not re.search(rf"(?<![\w-]){re.escape(cid)}(?![\w-])", text), (fb.candidate_id, kind, cid)
                    # other candidates' totals, as a number would be written; the chart (by design) compares the
                    # candidate with the anonymous "Selected candidate" and "Pool median", so its data is left out here
                    if kind != "call notes":
                        assert not (_number_forms(totals[cid]) - _number_forms(totals[fb.candidate_id])) & set(re.findall(r"\d+[.,]\d+", text))
            # the letter itself never carries a score or a rank at all
            letter_numbers = set(re.findall(r"\d+[.,]\d+", strings["text"]))
            assert letter_numbers <= {"2.1"}, (fb.candidate_id, letter_numbers)  # "WCAG 2.1" in a Stockholm tip


def test_every_eml_parses_with_the_right_recipient_subject_and_language(rendered):
    for _, _, letters in rendered:
        for fb, strings in letters:
            msg = BytesParser(policy=email.policy.default).parsebytes(strings["eml"].encode("utf-8"))
            assert msg["To"].addresses[0].addr_spec == fb.email
            assert msg["To"].addresses[0].display_name == fb.name
            assert msg["Subject"] == fb.subject
            assert msg["Content-Language"] == fb.language
            assert msg["X-Unsent"] == "1"
            assert msg.get_content().replace("\r\n", "\n") == strings["text"]


def test_each_candidate_reads_their_own_language(rendered):
    for rnd, _, letters in rendered:
        langs = dict(zip(rnd.candidates["candidate_id"], rnd.candidates["language"]))
        for fb, strings in letters:
            assert fb.language == langs[fb.candidate_id]
            assert f'<html lang="{fb.language}">' in strings["html"]


def test_the_sample_runners_up_are_invited_to_stay_in_touch_with_the_promised_date(rendered):
    promised = {"B05": "1. Juni 2026", "M07": "15 June 2026", "S07": "4 maj 2026"}
    seen = set()
    for _, _, letters in rendered:
        for fb, strings in letters:
            if fb.candidate_id in promised:
                seen.add(fb.candidate_id)
                assert fb.is_close_runner_up and promised[fb.candidate_id] in fb.follow_up_promise
                assert promised[fb.candidate_id] in strings["text"]
    assert seen == set(promised)


def test_sample_letters_and_notes_pass_the_lint(rendered):
    for rnd, _, letters in rendered:
        assert lint_round(rnd, [fb for fb, _ in letters]).empty
        for fb, strings in letters:
            assert lint_text(strings["text"], fb.language) == []
