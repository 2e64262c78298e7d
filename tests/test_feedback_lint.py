"""Feedback lint: generic reasons, protected characteristics and over-long letters, in en, de and sv."""

from __future__ import annotations

import pandas as pd
import pytest

from test_feedback_rounds import make_round
from toolkit.feedback import LETTER_WORD_LIMIT, LINT_COLUMNS, compose_round, lint_round, lint_text


def rules(text, lang, **kw):
    return [f["rule"] for f in lint_text(text, lang, **kw)]


@pytest.mark.parametrize("lang,text", [
    ("en", "Unfortunately another candidate better matched our needs."),
    ("en", "We have decided to move forward with another candidate whose skills more closely match our requirements."),
    ("en", "We went with someone with a more suitable profile."),
    ("en", "You were not quite the right fit for the team."),
    ("en", "We received a high number of strong applications."),
    ("de", "Leider haben Sie nicht ins Team gepasst."),
    ("de", "Wir haben uns für eine Bewerbung entschieden, die besser zu unseren Anforderungen passt."),
    ("de", "Die Fähigkeiten eines anderen Kandidaten entsprachen besser unseren Bedürfnissen."),
    ("de", "Wir haben uns für ein passenderes Profil entschieden."),
    ("de", "Wir hatten eine Vielzahl qualifizierter Bewerbungen."),
    ("sv", "Tyvärr var du inte rätt profil för tjänsten."),
    ("sv", "Vi har valt en kandidat med en mer passande profil."),
    ("sv", "Vi valde någon vars erfarenhet bättre passar våra behov just nu."),
    ("sv", "Vi fick ett stort antal kvalificerade sökande."),
])
def test_generic_reasons_are_found(lang, text):
    found = rules(text, lang)
    assert found and set(found) == {"generic_reason"}


@pytest.mark.parametrize("lang,text,category", [
    ("en", "Great answers, but she is probably too old for a startup.", "age"),
    ("en", "Mentioned she is pregnant.", "pregnancy"),
    ("en", "He has three kids, so travel could be hard.", "family"),
    ("en", "Wears a hijab.", "religion"),
    ("en", "Is a wheelchair user.", "disability"),
    ("en", "Unclear what his nationality is.", "nationality"),
    ("de", "Sie ist schwanger.", "pregnancy"),
    ("de", "Plant bald Kinder.", "family"),
    ("de", "Für die Rolle vielleicht zu alt.", "age"),
    ("de", "Trägt ein Kopftuch.", "religion"),
    ("de", "Hat eine Schwerbehinderung.", "disability"),
    ("de", "Die Staatsangehörigkeit ist unklar.", "nationality"),
    ("sv", "Hon är gravid.", "pregnancy"),
    ("sv", "Har små barn hemma.", "family"),
    ("sv", "Han är nog för gammal för teamet.", "age"),
    ("sv", "Har en funktionsnedsättning.", "disability"),
    ("sv", "Oklart vilken etnisk bakgrund hon har.", "ethnicity"),
    # a "native speaker" requirement asks for an origin, not a skill: the level of the language is the criterion
    ("en", "For this role, native German speaker was an essential requirement.", "nationality"),
    ("de", "Im Bereich Deutsch als Muttersprache haben Sie das Niveau nicht erreicht.", "nationality"),
    ("sv", "Ett grundkrav var svenska som modersmål.", "nationality"),
])
def test_protected_characteristics_are_found(lang, text, category):
    from toolkit.feedback.lint import CATEGORY_NAMES

    found = lint_text(text, lang)
    assert [f["rule"] for f in found] == ["protected_characteristic"]
    assert CATEGORY_NAMES[category] in found[0]["message"]


@pytest.mark.parametrize("lang,text", [
    ("en", "Teamage and image work were strong; a good manager of stakeholders; menu design."),
    ("en", "Strong SQL; clear storytelling with data; a careful reviewer."),
    ("de", "Gute Alternative zum Kanalplan, klare Analyse, sehr strukturierte Antworten."),
    ("de", "Man merkt viel Erfahrung im Community-Management."),
    ("sv", "Bra case, men man kunde ha gått djupare i användarresearch."),  # men = but, man = one
    ("sv", "Sex tydliga insikter om tillgänglighet."),  # sex = six
])
def test_ordinary_words_are_not_flagged(lang, text):
    assert rules(text, lang) == []


def test_english_patterns_also_catch_english_notes_in_a_german_round():
    assert rules("Not quite the right fit, and she mentioned her children.", "de") == ["generic_reason", "protected_characteristic"]


def test_length_limit_applies_to_letters_only():
    long_text = "word " * (LETTER_WORD_LIMIT + 1)
    assert rules(long_text, "en") == ["too_long"]
    assert rules("word " * LETTER_WORD_LIMIT, "en") == []
    assert rules(long_text, "en", max_words=None) == []


@pytest.mark.parametrize("lang", ["en", "de", "sv"])
def test_the_toolkits_own_letters_are_clean(lang):
    for fb in compose_round(make_round(lang), as_of="2026-03-20"):
        assert lint_text(fb.text, lang) == [], fb.candidate_id


def test_lint_round_reports_notes_evidence_and_letters_as_rows():
    rnd = make_round("de", candidates={"W": {"notes": "Hat nicht ins Team gepasst; ist schwanger."}})
    scores = rnd.scores.copy()
    scores["evidence"] = scores["evidence"].astype("object")
    scores.loc[(scores["candidate_id"] == "T") & (scores["interviewer"] == "Jon"), "evidence"] = "Wirkt etwas zu jung für die Rolle."
    scores["evidence"] = scores["evidence"].astype("str")
    rnd = rnd.with_(scores=scores)
    letters = compose_round(rnd, as_of="2026-03-20")
    long_letter = letters[0].__class__(**{**letters[0].__dict__, "closing": "Wort " * 300})
    found = lint_round(rnd, [long_letter, *letters[1:]])
    assert list(found.columns) == LINT_COLUMNS
    got = set(found[["candidate_id", "source", "rule"]].itertuples(index=False, name=None))
    assert ("W", "interviewer note", "generic_reason") in got
    assert ("W", "interviewer note", "protected_characteristic") in got
    assert ("T", "evidence", "protected_characteristic") in got
    assert (letters[0].candidate_id, "letter", "too_long") in got
    t_rows = found[found["candidate_id"] == "T"]
    assert len(t_rows) == 4 and set(t_rows["excerpt"]) == {"Wirkt etwas zu jung für die Rolle."}  # one row per evidence cell (4 criteria)
    assert set(found["round_id"]) == {"test-de"} and (found["language"] == "de").all()
    clean = lint_round(make_round("sv"))
    assert isinstance(clean, pd.DataFrame) and clean.empty and list(clean.columns) == LINT_COLUMNS


def test_a_line_of_work_is_not_a_protected_characteristic_but_a_protected_criterion_still_is():
    """A Swedish review: every English letter of an elderly-care round was flagged twice, "Mentions age ('elderly')",
    for the job's own name. "Elderly care" names the work, not the person; a criterion such as "Young and dynamic",
    quoted by the letter, must still be flagged, since the tool would otherwise tell the committee all is clear."""
    names = ["Elderly care practice", "Documentation", "Cooperation", "Team fit"]
    rnd = make_round("en", names=names, role={"role": "Home care worker, elderly care"},
                     candidates={"W": {"notes": "Seems a bit elderly for the night shifts."}})
    letters = compose_round(rnd, as_of="2026-03-20")
    assert any("elderly care" in fb.text.lower() for fb in letters)  # the letters do quote it
    found = lint_round(rnd, letters)
    assert found[["candidate_id", "source", "rule"]].values.tolist() == [["W", "interviewer note", "protected_characteristic"]]
    assert rules("Ten years in elderly care and child protection.", "en") == []
    assert rules("Hon har arbetat med omsorg om äldre i tio år.", "sv") == []
    for criterion in ("Young and dynamic", "Native English speaker, young team"):
        biased = make_round("en", names=[criterion, *names[1:]])
        letters = compose_round(biased, as_of="2026-03-20")
        quoted = [fb.candidate_id for fb in letters if criterion.split(",")[0].lower() in fb.text.lower()]
        flagged = lint_round(biased, letters).query("source == 'letter' and rule == 'protected_characteristic'")
        assert quoted and set(quoted) <= set(flagged["candidate_id"]), criterion
