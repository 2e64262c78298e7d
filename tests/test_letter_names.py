"""Criteria and job titles in the candidate's language: the committee's translations on the Criteria and Role
sheets (criterion_en/_de/_sv, role_en/_de/_sv), else the name as written, quoted, with a note for the caller."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import toolkit
from toolkit.feedback import compose
from toolkit.render.letters import render_letter_text

BERLIN = Path(__file__).resolve().parents[1] / "data" / "sample" / "berlin-social-media-lead.xlsx"
AS_OF = "2026-03-20"


@pytest.fixture(scope="module")
def berlin():
    return toolkit.load_round(BERLIN, as_of=AS_OF)


def _without_translations(rnd):
    criteria = rnd.criteria.copy()
    for lang in ("en", "de", "sv"):
        criteria[f"criterion_{lang}"] = pd.Series(pd.NA, index=criteria.index, dtype="str")
    return dataclasses.replace(rnd, criteria=criteria, role=dataclasses.replace(rnd.role, role_en=None, sender_title_en=None))


def test_an_english_letter_from_a_german_round_names_criteria_and_role_as_the_committee_translated_them(berlin):
    """Emily Carter applied in English: her letter reads "social media strategy", not “Social-Media-Strategie”."""
    fb = compose(berlin, "B04", as_of=AS_OF)
    assert fb.language == "en" and berlin.role.language == "de"
    text = render_letter_text(fb)
    assert "social media strategy" in fb.reason and "content and storytelling" in fb.strength
    assert "Social-Media-Strategie" not in text and "Content und Storytelling" not in text and "“" not in text
    assert fb.role == "Social Media Lead" and "Social Media Lead" in fb.subject
    assert fb.sender_title == "Head of Marketing and Communications" and "Leiterin" not in text
    german = compose(berlin, "B07", as_of=AS_OF)  # the round's own language: the titles as written
    assert german.sender_title == "Leiterin Marketing und Kommunikation" and german.role == "Social-Media-Lead"
    assert not any("criterion_en" in note for note in fb.notes)


def test_without_a_translation_the_name_is_quoted_as_written_and_the_caller_is_asked_for_one(berlin):
    plain = _without_translations(berlin)
    fb = compose(plain, "B04", as_of=AS_OF)
    assert "“Social-Media-Strategie”" in fb.reason and "“Content und Storytelling”" in fb.strength
    assert fb.role == "Social-Media-Lead" and fb.sender_title == "Leiterin Marketing und Kommunikation"
    asked = [note for note in fb.notes if "criterion_en" in note]
    assert len(asked) == 2  # strength and reason: one note per criterion, however often the letter names it
    assert any("Social-Media-Strategie" in note for note in asked) and any("Content und Storytelling" in note for note in asked)
    # the job title and the signer's title: as written, and the caller is asked for role_en and sender_title_en
    assert [n for n in fb.notes if "role_en" in n] == ["The Role sheet gives no English job title, so the letter uses "
                                                       "“Social-Media-Lead” as written. Add one as role_en on the Role sheet."]
    assert len([n for n in fb.notes if "sender_title_en" in n and "“Leiterin Marketing und Kommunikation”" in n]) == 1
    swedish = compose(berlin, "B04", as_of=AS_OF, language="sv")  # English names given, Swedish ones not
    assert "”Social-Media-Strategie”" in swedish.reason
    assert [n for n in swedish.notes if "criterion_sv" in n] and not [n for n in swedish.notes if "criterion_en" in n]
    assert [n for n in swedish.notes if "role_sv" in n] and [n for n in swedish.notes if "sender_title_sv" in n]
    assert not [n for n in compose(berlin, "B04", as_of=AS_OF).notes if "role_en" in n or "sender_title_en" in n]  # both given


def test_a_letter_in_the_rounds_own_language_needs_no_translation(berlin):
    fb = compose(_without_translations(berlin), "B07", as_of=AS_OF)
    assert fb.language == "de" and not any("criterion_" in note or "role_" in note or "sender_title_" in note for note in fb.notes)
    assert "“" not in render_letter_text(fb)


def test_translations_are_read_from_the_sheets_under_their_headings(tmp_path):
    """A committee's own workbook: headings such as "Kriterium EN", "Name (deutsch)" or "Rolle EN" are read as the
    translations; blank cells stay blank (the name as written is used)."""
    path = tmp_path / "round.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    sheets = {
        "Role": [("field", "value"), ("role", "Dataanalytiker"), ("language", "sv"), ("role_sv", None), ("Rolle EN", "Data analyst"),
                 ("sender_title", "Analyschef"), ("sender role english", "Head of Analytics")],
        "Criteria": [("criterion", "rank", "Kriterium EN", "Name (deutsch)"), ("Statistik", 1, "Statistics", None), ("Samarbete", 2, None, "Zusammenarbeit")],
        "Candidates": [("candidate_id", "name", "status", "language"), ("C1", "Ann Lee", "rejected", "en"), ("C2", "Bo Ek", "hired", "sv")],
        "Scores": [("candidate_id", "interviewer", "criterion", "score")]
        + [(c, i, k, s) for c, ss in (("C1", (2, 4)), ("C2", (4, 4))) for i in ("Sam", "Kim") for k, s in zip(("Statistik", "Samarbete"), ss)],
    }
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert not len(rnd.errors) and not len(rnd.problems[rnd.problems["rule"] == "unknown_column"])
    assert rnd.criteria["criterion_en"].tolist()[0] == "Statistics" and rnd.criteria["criterion_de"].tolist()[1] == "Zusammenarbeit"
    assert rnd.criteria["criterion_en"].isna().tolist() == [False, True]
    assert rnd.role.role_in("en") == "Data analyst" and rnd.role.role_in("sv") == "Dataanalytiker" and rnd.role.role_in("de") == "Dataanalytiker"
    assert rnd.role.in_language("sender_title", "en") == "Head of Analytics" and rnd.role.in_language("sender_title", "de") == "Analyschef"


def test_the_call_notes_chart_names_the_criteria_as_the_talking_points_do(berlin):
    """The profile chart in English call notes says "2. Content and storytelling", like the letter beside it; in
    German, and wherever no name was given, the criterion as written."""
    from toolkit.analytics import criterion_profiles
    from toolkit.charts import candidate_profile
    from toolkit.render.figures import ProfileDivs

    profiles = criterion_profiles(berlin)
    english = list(candidate_profile(profiles, "B04", language="en", show_selected=False).data[0].x)
    assert english[:2] == ["1. Social media strategy", "2. Content and storytelling"]
    assert list(candidate_profile(profiles, "B04", language="de").data[0].x)[1] == "2. Content und Storytelling"
    assert list(candidate_profile(profiles, "B04", language="sv").data[0].x)[1] == "2. Content und Storytelling"
    div = ProfileDivs(profiles, show_selected=False).div("profile-B04", "B04", "en")
    assert "2. Content and storytelling" in div and "Content und Storytelling" not in div


def _wide_swedish_round(tmp_path):
    """A wide scorecard without a Criteria sheet: the criteria are its column headings, the role and language come from a
    mapping (as a committee's own sheet often is)."""
    path = tmp_path / "analys.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Betyg"
    ws.append(("candidate_id", "name", "interviewer", "language", "status", "Statistik", "Samarbete"))
    for cid, name, lang, status, marks in (("C1", "Ann Lee", "en", "rejected", (2, 4)), ("C2", "Bo Ek", "sv", "hired", (5, 4))):
        for interviewer in ("Sam", "Kim"):
            ws.append((cid, name, interviewer, lang, status, *marks))
    wb.save(path)
    return path


@pytest.mark.parametrize("criteria, where", [
    (None, "on a new Criteria sheet (the criteria now come from the headings of the score columns)"),
    ([{"criterion": "Statistik"}, {"criterion": "Samarbete"}], "under [[criteria]] in the mapping file"),
])
def test_the_call_notes_say_where_a_missing_name_goes_for_criteria_not_from_a_criteria_sheet(tmp_path, criteria, where):
    """Criteria taken from the headings, or listed in a mapping file, have no Criteria sheet to add criterion_en to: the
    note says where the name goes instead (and the growth-tip note alike)."""
    mapping = {"role": {"role": "Dataanalytiker", "language": "sv"}, **({"criteria": criteria} if criteria else {})}
    rnd = toolkit.load_round(_wide_swedish_round(tmp_path), as_of=AS_OF, mapping=mapping)
    assert not len(rnd.errors) and rnd.role.language == "sv"
    fb = compose(rnd, "C1", as_of=AS_OF)
    assert fb.language == "en" and "“Statistik”" in fb.reason
    asked = [note for note in fb.notes if "criterion_en" in note]
    assert asked and all(note.endswith(f"Add an English name as criterion_en {where}.") for note in asked)
    assert not any("on the Criteria sheet" in note for note in fb.notes)


def test_a_name_given_in_the_mapping_file_is_used_in_the_letter(tmp_path):
    mapping = {"role": {"role": "Dataanalytiker", "language": "sv", "role_en": "Data analyst"},
               "criteria": [{"criterion": "Statistik", "criterion_en": "Statistics"}, {"criterion": "Samarbete", "criterion_en": "Teamwork"}]}
    rnd = toolkit.load_round(_wide_swedish_round(tmp_path), as_of=AS_OF, mapping=mapping)
    fb = compose(rnd, "C1", as_of=AS_OF)
    assert "statistics" in fb.reason and "Statistik" not in render_letter_text(fb) and fb.role == "Data analyst"
    assert not any("criterion_en" in note for note in fb.notes)
