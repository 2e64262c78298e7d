"""What each candidate is told, per language, for the stories of `test_feedback_rounds`.

The letters are checked for what they mean (which criterion is named, whether
a tip is given, whether a rank is claimed, whether anything is said about
another candidate), not for whole sentences: the wording may be polished,
the meaning may not drift.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from test_feedback_rounds import CRITERIA, NAMES, SCORES, STATUS, TIPS, make_round
from toolkit.errors import ToolkitError
from toolkit.feedback import Feedback, compose, compose_round, format_date, format_number
from toolkit.feedback.phrases import RANK_NP, TEXTS, criterion_text, quote, sentence_case, short_company

AS_OF = "2026-03-20"
LANGS = ["en", "de", "sv"]

# Words that carry the meaning being checked, per language.
CLOSE = {"en": "close decision", "de": "knapp", "sv": "jämnt"}
FELL_SHORT = {"en": r"\bmore\b", "de": r"\b(?:mehr|fehlte|nicht erreicht)\b", "sv": r"\bmer\b"}
ESSENTIAL = {"en": "essential requirement", "de": "Grundvoraussetzung", "sv": "grundkrav"}
NOT_ENOUGH = {"en": "did not give us enough detail", "de": "zu wenig ergeben", "sv": "inte veta tillräckligt"}
NO_SINGLE_WEAKNESS = {"en": "any one weakness", "de": "An einer bestimmten Schwäche lag das nicht", "sv": "inte på någon enskild svaghet"}
OVERALL = {"en": "overall picture", "de": "Gesamtbild", "sv": "helhetsbilden"}
ANOTHER_CANDIDATE = {"en": r"\b(?:another|other) (?:candidate|applicant|application)", "de": r"\bandere[nr]? (?:Bewerbung|Kandidat|Person)",
                     "sv": r"\b(?:en annan|andra) (?:kandidat|sökande|ansökan)"}
IMPORTANT = {"en": r"\b(?:important|key|main)\b", "de": r"wichtig|zentral", "sv": r"viktig"}
WARM_PRAISE = {"en": "particularly impressed", "de": "Besonders überzeugt", "sv": "uppskattade särskilt"}
WITHDRAWN_PERFECT = {"en": "have withdrawn", "de": "zurückgezogen haben", "sv": "har dragit tillbaka"}


def crit(lang: str, i: int) -> str:
    """Criterion i (0 = most important) as the letter writes it."""
    return criterion_text(CRITERIA[lang][i], lang, lang)


def tip_core(lang: str, i: int) -> str:
    """The workbook tip without its first letter (which the letter may put in lower case)."""
    return TIPS[lang][i][1:]


@pytest.fixture(scope="module", params=LANGS)
def letters(request):
    rnd = make_round(request.param)
    return request.param, {fb.candidate_id: fb for fb in compose_round(rnd, as_of=AS_OF)}


def _others_named(fb: Feedback) -> list[str]:
    text = fb.text + " ".join(fb.talking_points) + " ".join(fb.notes)
    return [n for cid, n in NAMES.items() if cid != fb.candidate_id and (n in text or n.split()[0] in text)]


def _named(fb: Feedback, lang: str, part: str | None = None) -> list[str]:
    """The round's criteria named in the letter (or in one part of it), most important first."""
    text = fb.text if part is None else (getattr(fb, part) or "")
    return [CRITERIA[lang][i] for i in range(4) if crit(lang, i) in text]


def test_runner_up_hears_it_was_close_their_strength_one_shortfall_a_tip_and_stay_in_touch(letters):
    lang, fbs = letters
    fb = fbs["R"]
    assert fb.is_close_runner_up and fb.reason_kind == "shortfall" and fb.language == lang
    assert CLOSE[lang] in fb.decision
    assert _named(fb, lang, "strength") == [CRITERIA[lang][1]]  # writing, their strength
    # the reason: the most important criterion, called so, where they fell a little short ...
    assert _named(fb, lang, "reason") == [CRITERIA[lang][0]] and RANK_NP[lang][1].casefold() in fb.reason.casefold()
    assert re.search(FELL_SHORT[lang], fb.reason)
    # ... and nothing about the person who got the job
    assert not re.search(ANOTHER_CANDIDATE[lang], fb.text, re.IGNORECASE)
    assert tip_core(lang, 0) in fb.tip
    # one reason: the other criteria are not listed as shortcomings
    assert _named(fb, lang) == [CRITERIA[lang][0], CRITERIA[lang][1]]
    # stay in touch, with the date promised (same year as the letter: no year)
    assert fb.stay_in_touch and fb.follow_up_on == dt.date(2026, 6, 1)
    assert format_date(dt.date(2026, 6, 1), lang, with_year=False) in fb.follow_up_promise and "2026" not in fb.follow_up_promise
    assert format_date(dt.date(2026, 6, 1), lang) in fb.follow_up  # the caller's note keeps the year
    assert _others_named(fb) == []


def test_clearly_weaker_candidate_hears_the_must_have_they_missed_with_a_tip_and_no_invitation(letters):
    lang, fbs = letters
    fb = fbs["W"]
    assert fb.reason_kind == "below_bar" and not fb.is_close_runner_up
    assert CLOSE[lang] not in fb.decision
    assert _named(fb, lang, "reason") == [CRITERIA[lang][0]] and ESSENTIAL[lang] in fb.reason
    assert tip_core(lang, 0) in fb.tip
    assert fb.stay_in_touch is None and fb.follow_up is None
    assert not re.search(ANOTHER_CANDIDATE[lang], fb.text, re.IGNORECASE)


def test_thin_evidence_on_the_top_criterion_is_said_plainly_and_no_weakness_is_invented(letters):
    lang, fbs = letters
    fb = fbs["T"]
    assert fb.reason_kind == "thin_evidence" and fb.thin_evidence_on == CRITERIA[lang][0]
    assert _named(fb, lang, "reason") == [CRITERIA[lang][0]] and RANK_NP[lang][1].casefold() in fb.reason.casefold()
    assert NOT_ENOUGH[lang] in fb.reason
    assert fb.tip is None
    # nothing else is evidenced as a growth area (writing is only half a point behind the hire): not mentioned
    assert crit(lang, 1) not in fb.text
    assert any(crit(lang, 0) in p for p in fb.talking_points)
    assert any(crit(lang, 0) in p for p in fb.phrases_to_avoid)  # "you were weak in X": we do not know that


@pytest.mark.parametrize("lang", LANGS)
def test_an_evidenced_shortfall_is_the_reason_even_where_a_more_important_criterion_was_thin(lang):
    """Tove scored a full point behind the hire on writing, and only one interviewer judged campaign planning: the letter
    names writing, the real reason; "we did not learn enough about campaign planning" is no reason to say no."""
    scores = {**SCORES, "T": [(4, None), (4, 4), (5, 5), (5, 5)]}
    fb = compose(make_round(lang, scores=scores), "T", as_of=AS_OF)
    assert fb.reason_kind == "shortfall" and fb.growth_area == CRITERIA[lang][1] and fb.thin_evidence_on == CRITERIA[lang][0]
    assert _named(fb, lang, "reason") == [CRITERIA[lang][1]] and NOT_ENOUGH[lang] not in fb.text


def test_no_honest_growth_area_gives_a_short_honest_reason_and_invents_nothing(letters):
    lang, fbs = letters
    fb = fbs["N"]
    assert fb.reason_kind == "none" and fb.tip is None
    assert NO_SINGLE_WEAKNESS[lang] in fb.reason
    assert _named(fb, lang, "reason") == []
    assert not re.search(IMPORTANT[lang], fb.reason)
    assert _named(fb, lang) == [fb.strength_criterion]  # only the strength is named
    assert not re.search(ANOTHER_CANDIDATE[lang], fb.text, re.IGNORECASE)


def test_withdrawn_candidate_gets_thanks_without_a_verdict(letters):
    lang, fbs = letters
    fb = fbs["X"]
    assert fb.reason_kind == "withdrawn"
    assert WITHDRAWN_PERFECT[lang] in fb.withdrawn_ack  # they have withdrawn: perfect tense, not "are withdrawing"
    assert fb.decision is None and fb.reason is None and fb.tip is None and fb.strength is None
    assert _named(fb, lang) == []


def test_every_letter_says_something_different_about_the_decision(letters):
    lang, fbs = letters
    reasons = {cid: fbs[cid].reason for cid in "RTNW"}
    assert len(set(reasons.values())) == 4
    assert fbs["R"].decision != fbs["W"].decision


def test_letters_are_short_and_close_warmly(letters):
    lang, fbs = letters
    closing = {"en": "I wish you every success", "de": "alles Gute", "sv": "lycka till"}[lang]
    for fb in fbs.values():
        assert fb.word_count < 250
        assert closing.casefold() in fb.closing.casefold() or fb.status == "withdrawn"
        assert fb.text.rstrip().endswith(ROLE_COMPANY[lang])


ROLE_COMPANY = {"en": "Northwind Ltd", "de": "Nordwind GmbH", "sv": "Nordvind AB"}


def _round_with_rank4_gap(lang: str, bar4):
    """N scores 4.5 on the first three criteria and 3 on the fourth: only the fourth is a full point behind the hire (5)."""
    scores = {**SCORES, "N": [(4.5, 4.5), (4.5, 4.5), (4.5, 4.5), (3, 3)]}
    return make_round(lang, scores=scores, criteria={"bar": [3, 3, 3, bar4]})


@pytest.mark.parametrize("lang", LANGS)
def test_a_rank_4_criterion_is_named_without_claiming_it_was_important(lang):
    fb = compose(_round_with_rank4_gap(lang, 3), "N", as_of=AS_OF)
    assert fb.reason_kind == "shortfall" and fb.growth_area == CRITERIA[lang][3]
    assert _named(fb, lang, "reason") == [CRITERIA[lang][3]]
    assert re.search(FELL_SHORT[lang], fb.reason)
    assert not re.search(IMPORTANT[lang], fb.reason), fb.reason
    assert not any(re.search(IMPORTANT[lang], p) for p in fb.talking_points if crit(lang, 3) in p)
    assert tip_core(lang, 3) in fb.tip


@pytest.mark.parametrize("lang", LANGS)
def test_a_soft_criterion_is_never_presented_as_not_fitting_in(lang):
    # the committee marked the fourth criterion (collaboration) soft: how someone works with others, like team fit
    soft = {"soft": [None, None, None, "yes"]}
    rnd = make_round(lang, scores={**SCORES, "N": [(4.5, 4.5), (4.5, 4.5), (4.5, 4.5), (3, 3)]}, criteria={"bar": [3, 3, 3, None], **soft})
    fb = compose(rnd, "N", as_of=AS_OF)
    assert fb.growth_area == CRITERIA[lang][3] and fb.reason_kind == "overall"
    assert OVERALL[lang] in fb.reason and _named(fb, lang, "reason") == []
    assert tip_core(lang, 3) in fb.tip  # the committee wrote a tip for it: it is offered
    assert any(crit(lang, 3) in p for p in fb.talking_points)  # the caller knows what the scores say
    # without any tip the letter names nothing and offers no generic "more experience in ..." sentence
    no_tips = {"growth_tip": TIPS["en"][:3] + [None], "growth_tip_de": TIPS["de"][:3] + [None],
               "growth_tip_sv": TIPS["sv"][:3] + [None]}
    scores = {**SCORES, "N": [(4.5, 4.5), (4.5, 4.5), (4.5, 4.5), (3, 3)]}
    bare = compose(make_round(lang, scores=scores, criteria={"bar": [3, 3, 3, None], **no_tips, **soft}), "N", as_of=AS_OF)
    assert bare.reason_kind == "overall" and bare.tip is None
    assert crit(lang, 3) not in bare.text
    assert len(bare.notes) == 1 and quote(CRITERIA[lang][3], lang) in bare.notes[0]


@pytest.mark.parametrize("lang", LANGS)
def test_a_criterion_named_like_team_fit_is_soft_even_with_a_bar(lang):
    names = {"en": "Team fit", "de": "Teamfit", "sv": "Teamkänsla"}[lang]
    scores = {**SCORES, "N": [(4.5, 4.5), (4.5, 4.5), (4.5, 4.5), (2, 2)]}  # below the bar of 3 on it
    rnd = make_round(lang, scores=scores, criteria={"bar": [3, 3, 3, 3]}, names=CRITERIA[lang][:3] + [names])
    fb = compose(rnd, "N", as_of=AS_OF)
    assert fb.growth_kind == "below_bar" and fb.growth_area == names
    assert fb.reason_kind == "overall" and criterion_text(names, lang, lang) not in (fb.reason or "")


@pytest.mark.parametrize("lang", LANGS)
def test_a_skill_is_named_as_the_reason_even_without_a_bar_or_with_a_name_that_shares_a_word_with_team_fit(lang):
    """A criterion without a bar where the others have one is not thereby soft (it was: SQL without a bar got "the overall
    picture decided"); nor is "Organic chemistry" or "Kemi" ("personal chemistry" and "personkemi" are). soft = no on the
    sheet overrides a name that reads soft."""
    scores = {**SCORES, "N": [(4.5, 4.5), (4.5, 4.5), (4.5, 4.5), (3, 3)]}
    fb = compose(_round_with_rank4_gap(lang, None), "N", as_of=AS_OF)
    assert fb.growth_area == CRITERIA[lang][3] and fb.reason_kind == "shortfall" and _named(fb, lang, "reason") == [CRITERIA[lang][3]]
    for name, soft in (("Organic chemistry", False), ("Kemi", False), ("Product-market fit", False), ("Cell culture", False),
                       ("Personkemi", True), ("Team chemistry", True), ("Kulturpassung", True), ("Cultural fit", True)):
        rnd = make_round(lang, scores=scores, criteria={"bar": [3, 3, 3, 3]}, names=CRITERIA[lang][:3] + [name])
        assert (compose(rnd, "N", as_of=AS_OF).reason_kind == "overall") is soft, name
    said_not_soft = make_round(lang, scores=scores, criteria={"bar": [3, 3, 3, 3], "soft": [None, None, None, "no"]},
                               names=CRITERIA[lang][:3] + ["Team fit"])
    assert compose(said_not_soft, "N", as_of=AS_OF).reason_kind == "shortfall"


@pytest.mark.parametrize("lang", LANGS)
def test_strength_praise_follows_how_far_above_the_pool_it_is(lang):
    # Default round: N's strength is campaign planning, 4.25 against a pool median of 4.0
    # (means 5, 4, 4, 4.25, 2, 3 -> median (4 + 4) / 2): only 0.25 above, so the milder wording.
    fb = compose(make_round(lang), "N", as_of=AS_OF)
    assert fb.strength_criterion == CRITERIA[lang][0]
    assert crit(lang, 0) in fb.strength and WARM_PRAISE[lang] not in fb.strength
    # With 4.5 on planning (median of 5, 4, 4, 4.5, 2, 3 is still 4.0) it is 0.5 above: praised warmly.
    fb = compose(_round_with_rank4_gap(lang, 3), "N", as_of=AS_OF)
    assert fb.strength_criterion == CRITERIA[lang][0] and WARM_PRAISE[lang] in fb.strength


def test_hired_and_offered_candidates_get_no_rejection_letter():
    rnd = make_round("en")
    with pytest.raises(ToolkitError, match="no rejection letter.*'hired'"):
        compose(rnd, "H", as_of=AS_OF)
    offered = make_round("en", candidates={"R": {"status": "offered"}})
    with pytest.raises(ToolkitError, match="'offered'"):
        compose(offered, "R", as_of=AS_OF)
    assert "R" not in {fb.candidate_id for fb in compose_round(offered, as_of=AS_OF)}
    with pytest.raises(ToolkitError, match="unknown candidate"):
        compose(rnd, "nobody", as_of=AS_OF)


def test_language_argument_then_candidate_then_round_and_unknown_falls_back_to_english():
    rnd = make_round("de", candidates={"W": {"language": "sv"}})
    assert compose(rnd, "R", as_of=AS_OF).language == "de"  # blank candidate language = the round's
    assert compose(rnd, "W", as_of=AS_OF).language == "sv"
    assert compose(rnd, "W", language="en", as_of=AS_OF).language == "en"
    fb = compose(rnd, "W", language="fr", as_of=AS_OF)
    assert fb.language == "en" and any("'fr'" in n and "English" in n for n in fb.notes)
    assert fb.greeting == "Dear Wanda,"


def test_criterion_from_another_language_round_is_quoted_and_the_same_language_is_not():
    rnd = make_round("de", candidates={"W": {"language": "en"}})
    fb = compose(rnd, "W", as_of=AS_OF)
    assert "“Kampagnenplanung”" in fb.reason
    assert fb.tip.endswith(". Plan one campaign from brief to results report.")
    german = compose(rnd, "R", as_of=AS_OF)
    assert "Bereich Kampagnenplanung" in german.reason and "„" not in german.reason  # no quotes in its own language


@pytest.mark.parametrize("lang,company_in_text", [("en", True), ("de", False), ("sv", False)])
def test_running_text_names_the_company_without_its_legal_form_and_the_signature_in_full(lang, company_in_text):
    fb = compose(make_round(lang), "W", as_of=AS_OF)
    legal = {"en": "Ltd", "de": "GmbH", "sv": " AB"}[lang]
    assert legal not in fb.subject and legal not in fb.thanks
    assert (short_company(ROLE_COMPANY[lang]) in fb.thanks) == company_in_text
    assert fb.signature[-1] == ROLE_COMPANY[lang]


@pytest.mark.parametrize("name,short", [
    ("Irwell Home Energy Ltd", "Irwell Home Energy"), ("Havelberg Naturkost GmbH", "Havelberg Naturkost"),
    ("Saltsjö Resor AB", "Saltsjö Resor"), ("Müller GmbH & Co. KG", "Müller"), ("Acme, Inc.", "Acme"), ("AB", "AB"),
    ("Abba Records", "Abba Records"),
])
def test_short_company_drops_only_a_trailing_legal_form(name, short):
    assert short_company(name) == short


def test_one_summary_serves_many_letters_and_gives_the_same_result():
    from toolkit.analytics import candidate_summary

    rnd = make_round("sv")
    summary = candidate_summary(rnd)
    assert compose(rnd, "R", summary=summary, as_of=AS_OF) == compose(rnd, "R", as_of=AS_OF)
    with pytest.raises(ToolkitError, match="not in the candidate summary"):
        compose(rnd, "R", summary=summary[summary["candidate_id"] != "R"], as_of=AS_OF)


def test_stay_in_touch_no_is_respected_even_for_a_close_runner_up():
    rnd = make_round("en", candidates={"R": {"stay_in_touch": "no"}})
    fb = compose(rnd, "R", as_of=AS_OF)
    assert fb.stay_in_touch is None and fb.follow_up_promise is None
    assert "stay in touch" not in fb.text
    assert any("stay_in_touch is no" in n for n in fb.notes)


@pytest.mark.parametrize("lang,offered", [("en", "We offered to stay in touch"), ("de", "Kontakt angeboten"),
                                          ("sv", "Vi erbjöd oss att hålla kontakten")])
def test_committee_stay_in_touch_for_a_weaker_candidate_invites_without_claiming_it_was_close(lang, offered):
    rnd = make_round(lang, candidates={"W": {"stay_in_touch": "yes"}})
    fb = compose(rnd, "W", as_of=AS_OF)
    assert not fb.is_close_runner_up and CLOSE[lang] not in fb.decision
    assert fb.stay_in_touch == TEXTS[lang]["stay_committee"]
    assert fb.follow_up_promise is None
    assert fb.follow_up.startswith(offered) and "follow_up_on" in fb.follow_up


def test_a_follow_up_date_in_the_past_is_not_promised():
    rnd = make_round("en", candidates={"R": {"follow_up_on": "2026-03-01"}})
    fb = compose(rnd, "R", as_of=AS_OF)
    assert fb.follow_up_promise is None and fb.stay_in_touch
    assert any("before the letter date" in n for n in fb.notes)


def test_a_follow_up_in_another_year_keeps_its_year():
    fb = compose(make_round("de", candidates={"R": {"follow_up_on": "2027-01-15"}}), "R", as_of=AS_OF)
    assert "15. Januar 2027" in fb.follow_up_promise


def test_missing_tip_in_the_letter_language_uses_the_english_tip_then_an_honest_generic_sentence():
    rnd = make_round("de", criteria={"growth_tip_de": [None] * 4})
    fb = compose(rnd, "W", as_of=AS_OF)
    assert fb.tip.endswith(": Plan one campaign from brief to results report.")
    assert any("growth_tip_de" in n and "englische" in n for n in fb.notes)  # the note is in German too
    rnd = make_round("sv", criteria={"growth_tip": [None] * 4, "growth_tip_sv": [None] * 4})
    fb = compose(rnd, "W", as_of=AS_OF)
    assert crit("sv", 0) in fb.tip and "Planera" not in fb.text
    assert any("saknar utvecklingstips" in n for n in fb.notes)


def test_a_tip_with_its_own_colon_gets_a_lead_sentence_instead_of_a_second_colon():
    tips = ["Own one plan: goals, channels, report.", "x", "y", "z"]
    fb = compose(make_round("en", criteria={"growth_tip": tips}), "W", as_of=AS_OF)
    assert fb.tip.count(":") == 1 and fb.tip.endswith(". Own one plan: goals, channels, report.")


@pytest.mark.parametrize("lang,after", [("en", ". Plan one"), ("de", ": Planen Sie"), ("sv", ". Planera en")])
def test_a_tip_keeps_the_committees_capitals(lang, after):
    # German starts a full sentence after a colon with a capital; English and Swedish would go on in lower case, which
    # can take the capital from a name, so a tip written with a capital stands as a sentence of its own
    assert after in compose(make_round(lang), "W", as_of=AS_OF).tip


@pytest.mark.parametrize("lang,tip,expected", [
    ("sv", "Socialstyrelsens webbutbildningar om SoL ger en bra grund", ". Socialstyrelsens webbutbildningar om SoL ger en bra grund."),
    ("sv", "planera en kampanj från brief till rapport", "framöver: planera en kampanj från brief till rapport."),
    ("en", "Coursera's course on campaign planning", ". Coursera's course on campaign planning."),
])
def test_a_tip_that_starts_with_a_name_keeps_it(lang, tip, expected):
    """A Swedish committee's tip began with an agency's name; the letter wrote "socialstyrelsens webbutbildningar"."""
    tips = [tip, "x", "y", "z"]
    fb = compose(make_round(lang, criteria={f"growth_tip{'' if lang == 'en' else '_' + lang}": tips}), "W", as_of=AS_OF)
    assert fb.tip.endswith(expected), fb.tip


@pytest.mark.parametrize("lang", LANGS)
def test_a_candidate_never_interviewed_gets_thanks_for_the_application_and_no_verdict_on_criteria(lang):
    scores = {cid: s for cid, s in SCORES.items() if cid != "W"}
    fb = compose(make_round(lang, scores=scores), "W", as_of=AS_OF)
    assert fb.reason_kind == "not_interviewed" and fb.reason is None and fb.strength is None
    assert fb.thanks == TEXTS[lang]["thanks_applied_company" if lang == "en" else "thanks_applied"].format(
        role=make_round(lang).role.role, company=short_company(ROLE_COMPANY[lang]))
    assert TEXTS[lang]["tp_not_interviewed"].format(first_name="Wanda") in fb.talking_points


def test_german_call_notes_keep_to_the_thanks_and_the_decision_in_good_grammar():
    scores = {cid: s for cid, s in SCORES.items() if cid != "W"}
    fb = compose(make_round("de", scores=scores), "W", as_of=AS_OF)
    assert any("beim Dank und bei der Entscheidung bleiben" in p for p in fb.talking_points)


def test_without_a_named_sender_the_team_signs_and_speaks_as_we():
    fb = compose(make_round("sv", role={"sender_name": None, "sender_title": None}), "R", as_of=AS_OF)
    assert fb.sender_name == "Rekryteringsgruppen" and fb.signature == ("Vänliga hälsningar", "Rekryteringsgruppen", "Nordvind AB")
    assert " vi " in f" {fb.follow_up_promise.lower()} " and "1 juni" in fb.follow_up_promise
    assert "Jag " not in fb.text and " mig" not in fb.text
    assert any("rekryteringsgruppen" in n for n in fb.notes)


def test_line_breaks_in_a_name_never_reach_the_letter_and_a_bad_email_is_dropped_with_a_note():
    rnd = make_round("en", candidates={"W": {"name": "Wanda\nBcc: evil@example.com", "email": "w@example.com\nBcc: x@example.com"}})
    fb = compose(rnd, "W", as_of=AS_OF)
    assert "\n" not in fb.name and fb.name == "Wanda Bcc: evil@example.com"
    assert fb.email is None and any("not a single valid address" in n for n in fb.notes)


@pytest.mark.parametrize("lang,word", [("en", "email address"), ("de", "E-Mail-Adresse"), ("sv", "e-postadress")])
def test_notes_for_the_committee_are_in_the_letters_language(lang, word):
    fb = compose(make_round(lang, candidates={"W": {"email": None}}), "W", as_of=AS_OF)
    assert len(fb.notes) == 1 and word.casefold() in fb.notes[0].casefold()


def test_talking_points_follow_the_call_order_and_name_the_promise():
    fb = compose(make_round("en"), "R", as_of=AS_OF)
    points = fb.talking_points
    assert len(points) == 10
    assert points[0].startswith("Call rather than email") and "(Final)" in points[0]
    assert points[1].startswith("Thank Rafael")
    assert "it was close" in points[2]
    assert points[3] == "Name one specific strength: writing."
    assert "campaign planning (our most important criterion)" in points[4]
    assert points[5].endswith("“Plan one campaign from brief to results report.”")
    assert "stay in touch" in points[6] and "1 June 2026" in points[7]
    assert "questions" in points[8] and "wish them luck" in points[9]
    assert fb.follow_up == "Get back in touch by 1 June 2026, as promised in the letter."
    thin = compose(make_round("en"), "T", as_of=AS_OF)
    assert "“You were weak in campaign planning” – we do not know that; the interview did not tell us enough." in thin.phrases_to_avoid


def test_a_strong_finalist_with_nothing_to_improve_is_suggested_for_the_talent_pool():
    fb = compose(make_round("en"), "N", as_of=AS_OF)
    assert fb.reason_kind == "none" and fb.stay_in_touch is None  # the letter promises nothing the committee did not decide
    assert any("consider offering to stay in touch" in n for n in fb.notes)
    decided = compose(make_round("en", candidates={"N": {"stay_in_touch": "no"}}), "N", as_of=AS_OF)
    assert not any("consider" in n for n in decided.notes)


def test_feedback_is_immutable():
    fb = compose(make_round("en"), "W", as_of=AS_OF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fb.reason = "Another candidate better matched our needs."


def test_every_language_has_the_same_sentences():
    keys = set(TEXTS["en"])
    for lang in ("de", "sv"):
        missing = {k for k in keys - set(TEXTS[lang]) if not k.endswith(("_company", "_we", "_one"))}
        assert missing == set(), (lang, missing)
        assert {k for k in set(TEXTS[lang]) - keys if not k.endswith("_one")} == set()


ONE_AND_MANY = {  # language -> (thanks after one interview, after two), the reason given to T (thin evidence) after one and two
    "en": ("application and our interview.", "application and our interviews.",
           "our interview did not give us enough detail", "our interviews did not give us enough detail"),
    "de": ("Ihre Bewerbung und unser Gespräch genommen haben.", "Ihre Bewerbung und unsere Gespräche genommen haben.",
           "hat unser Gespräch dazu zu wenig ergeben", "haben unsere Gespräche dazu zu wenig ergeben"),
    "sv": ("ansökan och intervjun.", "ansökan och intervjuerna.", "under intervjun", "under intervjuerna"),
}


@pytest.mark.parametrize("lang", ["en", "de", "sv"])
def test_a_candidate_with_one_interview_is_not_thanked_for_interviews(lang):
    """T was scored in one stage, then in two: the letter speaks of one interview, then of interviews (a letter that thanks
    someone for "our interviews" after a single conversation reads as a form letter)."""
    one_thanks, many_thanks, one_reason, many_reason = ONE_AND_MANY[lang]
    once = compose(make_round(lang), "T", as_of=AS_OF)
    twice = compose(make_round(lang, stages={"T": ["Screening", "Final"]}), "T", as_of=AS_OF)
    assert once.reason_kind == twice.reason_kind == "thin_evidence"
    assert once.thanks.endswith(one_thanks) and one_reason in once.reason, (once.thanks, once.reason)
    assert twice.thanks.endswith(many_thanks) and many_reason in twice.reason, (twice.thanks, twice.reason)
    # the stage's name written two ways is still one interview
    same = compose(make_round(lang, stages={"T": ["Final ", "final"]}), "T", as_of=AS_OF)
    assert same.thanks == once.thanks
    # the call notes say the same
    plural = {"en": "interviews", "de": "Gespräche", "sv": "intervjuerna"}[lang]
    assert not any(plural in p for p in (*once.talking_points, *once.phrases_to_avoid))
    assert any(plural in p for p in (*twice.talking_points, *twice.phrases_to_avoid))


def test_every_sentence_about_the_interviews_has_a_one_interview_twin():
    plural = {"en": "interviews", "de": "Gespräche", "sv": "intervjuerna"}
    for lang, texts in TEXTS.items():
        about = {k for k, v in texts.items() if plural[lang] in v and not k.endswith("_one")}
        assert about and all(f"{k}_one" in texts and plural[lang] not in texts[f"{k}_one"] for k in about), lang


@pytest.mark.parametrize("lang,date_text,number", [("en", "20 March 2026", "4.4"), ("de", "20. März 2026", "4,4"), ("sv", "20 mars 2026", "4,4")])
def test_dates_and_numbers_are_written_the_way_each_language_writes_them(lang, date_text, number):
    assert format_date(dt.date(2026, 3, 20), lang) == date_text
    assert format_number(4.35 + 0.05, lang) == number
    fb = compose(make_round(lang), "T", as_of=AS_OF)
    assert fb.date_text == date_text and fb.weighted_total_text == number
    # numbers and dates are formatted once and remembered: a value that equals another is still its own text
    assert [format_number(v, lang, 0) for v in (0.0, -0.0, 0, 0.0)] == ["0", "-0", "0", "0"]
    assert format_date(dt.date(2026, 3, 20), lang, with_year=False) != format_date(dt.date(2026, 3, 20), lang)


@pytest.mark.parametrize("label,expected", [
    ("Data visualisation", "data visualisation"),
    ("Stakeholder Management", "stakeholder management"),
    ("SQL and data preparation", "SQL and data preparation"),
    ("Python skills", "Python skills"),
    ("English at C1 level", "English at C1 level"),
    ("JavaScript", "JavaScript"),
    ("Front-end craft", "front-end craft"),
    ("Tillgänglighet", "tillgänglighet"),
    ("Knowledge of JavaScript", "knowledge of JavaScript"),
    ("Team Fit", "team fit"),  # title case, however short the later words
    ("Campaign Ops", "campaign ops"),
    ("Management of Key Accounts", "management of key accounts"),
    ("knowledge of the Social Services Act", "knowledge of the Social Services Act"),  # a small first letter: as written
])
def test_criterion_labels_read_naturally_mid_sentence(label, expected):
    assert sentence_case(label) == expected


@pytest.mark.parametrize("label,expected", [
    ("Samverkan med Region Värmland", "samverkan med Region Värmland"),
    ("Kunskap om SoL och LSS", "kunskap om SoL och LSS"),
    ("Tillgänglighet och UX", "tillgänglighet och UX"),
    ("Enhetschef hemtjänst", "enhetschef hemtjänst"),
    ("Problem Solving", "problem solving"),  # every later word capitalised: title case, lowered throughout
    ("Att Leda", "att leda"),
])
def test_swedish_labels_lose_only_the_first_capital(label, expected):
    """Swedish has no title case: a later capital is a name's (Region Värmland). The letter had "samverkan med region
    värmland", and kept "Kunskap om SoL och LSS" with its capital mid-sentence."""
    assert sentence_case(label, "sv") == expected and criterion_text(label, "sv", "sv") == expected


def test_letters_table_gives_one_row_per_letter_for_review():
    from toolkit.feedback import LETTERS_TABLE_COLUMNS, default_candidate, letters_table

    rnd = make_round("sv")
    table = letters_table(compose_round(rnd, as_of=AS_OF))
    assert list(table.columns) == LETTERS_TABLE_COLUMNS
    table = table.set_index("candidate_id")
    assert table["reason_kind"].to_dict() == {"R": "shortfall", "T": "thin_evidence", "N": "none", "W": "below_bar", "X": "withdrawn"}
    assert table["stay_in_touch"].to_dict() == {"R": True, "T": False, "N": False, "W": False, "X": False}
    assert str(table.loc["R", "follow_up_on"].date()) == "2026-06-01" and table["follow_up_on"].isna().sum() == 4
    assert table.loc["X", ["strength_criterion", "growth_area"]].isna().all()
    assert default_candidate(rnd) == "R"
    with pytest.raises(ToolkitError, match="no candidate in this round gets a letter"):
        default_candidate(make_round("en", candidates={c: {"status": "hired" if c == "H" else "offered"} for c in NAMES}))


ABOVE_NOTE = {"en": "ranks above the person chosen", "de": "vor der ausgewählten Person", "sv": "högre än den som fick tjänsten"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_candidate_the_scores_rank_above_the_person_chosen_gets_a_note_for_the_committee(lang):
    """T outscores the hire by 0.9 points: the committee decided on more than the scores, so the call notes say that the
    letter's reason comes from the scores alone (the letter itself says nothing about the ranking). R, a little behind,
    is a close runner-up and gets no such note."""
    from toolkit.analytics import candidate_summary

    scores = {**SCORES, "H": [(4, 4)] * 4, "R": [(4, 3), (4, 4), (4, 4), (4, 3)], "T": [(5, 5), (5, 5), (5, 5), (4, 4)]}
    rnd = make_round(lang, scores=scores)
    summary = candidate_summary(rnd).set_index("candidate_id")
    assert bool(summary.loc["T", "ranked_above_selected"]) and not summary["ranked_above_selected"].drop("T").any()
    assert bool(summary.loc["R", "is_runner_up"])
    above = compose(rnd, "T", as_of=AS_OF)
    assert sum(ABOVE_NOTE[lang] in n for n in above.notes) == 1
    assert ABOVE_NOTE[lang] not in above.text and not any(ABOVE_NOTE[lang] in n for n in compose(rnd, "R", as_of=AS_OF).notes)


@pytest.mark.parametrize("lang", LANGS)
def test_the_note_to_offer_staying_in_touch_needs_scores_that_show_no_weakness(lang):
    """The hire has no scores, so nothing is a gap to them: N (2.5 on collaboration, which has no bar: below the middle of
    the scale) gets no growth area, but the scores do show a weakness, so the committee is not told that they show none.
    With 4.25 there, the note is given."""
    consider = {"en": "consider offering to stay in touch", "de": "weiteren Kontakt anzubieten", "sv": "erbjuda fortsatt kontakt"}[lang]
    scores = {cid: s for cid, s in SCORES.items() if cid != "H"}
    weak = compose(make_round(lang, scores={**scores, "N": [(4, 4.5), (4, 4.5), (4, 4.5), (2, 3)]}), "N", as_of=AS_OF)
    assert weak.reason_kind == "none" and not any(consider in n for n in weak.notes), weak.notes
    fine = compose(make_round(lang, scores=scores), "N", as_of=AS_OF)
    assert fine.reason_kind == "none" and any(consider in n for n in fine.notes), fine.notes



def test_in_a_round_with_one_interviewer_a_recorded_weakness_is_named_not_called_unseen():
    """Ida interviewed everyone alone and gave Wanda 1 of 5 on the must-have: the letter names it (below the bar), and
    does not say "we did not learn enough ... a weakness we did not see"."""
    import pandas as pd

    import toolkit

    criteria = pd.DataFrame({"criterion": CRITERIA["en"], "rank": [1, 2, 3, 4], "must_have": ["yes", "no", "no", "no"],
                             "bar": [3, 3, 3, None], "growth_tip": TIPS["en"]})
    scores = {"H": [5, 5, 5, 5], "W": [1, 1, 2, 1], "R": [4, 5, 5, 5]}
    rows = [{"candidate_id": c, "interviewer": "Ida", "criterion": k, "score": v, "stage": "Final"}
            for c, vs in scores.items() for k, v in zip(CRITERIA["en"], vs)]
    cands = pd.DataFrame([{"candidate_id": c, "name": NAMES[c], "status": "hired" if c == "H" else "rejected"} for c in scores])
    rnd = toolkit.round_from_frames({"role": "Campaign Manager", "language": "en"}, criteria, cands, pd.DataFrame(rows))
    fb = compose(rnd, "W", as_of=AS_OF)
    assert fb.reason_kind == "below_bar" and "campaign planning" in fb.reason and "did not see" not in fb.text


@pytest.mark.parametrize("lang", LANGS)
def test_just_a_little_more_is_said_only_of_a_small_gap_on_the_deciding_criterion(lang):
    """R is a close runner-up either way. One point behind the hire on campaign planning (4 against 5) is "just a little
    more"; two points behind (3 against 5, made up elsewhere) is not, and the letter says it would have liked to see more."""
    little = {"en": "just a little more", "de": "nur noch wenig", "sv": "lite mer"}[lang]
    near = compose(make_round(lang), "R", as_of=AS_OF)
    assert near.is_close_runner_up and near.reason_kind == "shortfall" and little in near.reason
    far_scores = {**SCORES, "R": [(3, 3), (5, 5), (5, 5), (5, 5)], "H": [(5, 5), (4, 4), (4, 4), (4, 4)]}  # 4.2 against 4.4
    far = compose(make_round(lang, scores=far_scores), "R", as_of=AS_OF)
    assert far.is_close_runner_up and far.reason_kind == "shortfall" and far.growth_area == CRITERIA[lang][0]
    assert little not in far.reason, far.reason


@pytest.mark.parametrize("lang", LANGS)
def test_a_withdrawn_candidate_kept_in_the_talent_pool_with_a_date_is_a_note_not_a_promise(lang):
    """X withdrew; the committee still wants to stay in touch by 1 June. The letter only says the door stays open (no
    verdict, no promise), and the call notes say the date is not in the letter."""
    rnd = make_round(lang, candidates={"X": {"stay_in_touch": "yes", "follow_up_on": "2026-06-01"}})
    fb = compose(rnd, "X", as_of=AS_OF)
    assert fb.reason_kind == "withdrawn" and fb.follow_up_promise is None and fb.stay_in_touch is not None
    june = {"en": "1 June 2026", "de": "1. Juni 2026", "sv": "1 juni 2026"}[lang]
    assert [n for n in fb.notes if june in n and "follow_up_on" in n], fb.notes
    assert june not in fb.text


@pytest.mark.parametrize("lang", LANGS)
def test_the_caller_is_told_what_to_say_if_asked_about_an_important_criterion_the_scores_left_open(lang):
    """T's reason is writing (2 points behind, well evidenced); on campaign planning, the most important criterion, only
    one interviewer scored. The letter says nothing about it, and the call notes say what to answer if T asks."""
    scores = {**SCORES, "T": [(4, None), (3, 3), (5, 5), (4.5, 4.5)]}
    fb = compose(make_round(lang, scores=scores), "T", as_of=AS_OF)
    assert fb.reason_kind in ("shortfall", "below_bar") and fb.growth_area == CRITERIA[lang][1] and fb.thin_evidence_on == CRITERIA[lang][0]
    aside = [p for p in fb.talking_points if crit(lang, 0) in p]
    assert len(aside) == 1 and {"en": "asks about", "de": "gefragt wird", "sv": "frågar om"}[lang] in aside[0]
    assert crit(lang, 0) not in fb.text  # the letter itself keeps to one reason
    # when the thin criterion is the reason itself, no second point about it
    thin = compose(make_round(lang), "T", as_of=AS_OF)
    assert thin.reason_kind == "thin_evidence" and sum(crit(lang, 0) in p for p in thin.talking_points) == 1


def test_a_letter_date_is_read_by_the_rule_every_other_function_uses_and_a_wrong_table_is_refused():
    """An API review: compose dated a letter '1. Januar 1970' for as_of=20260320, read '04/03/2026' month first (3 April)
    and let a raw pandas error out for '2026-13-40', where timelines and the report refuse all of these; a weighted-totals
    table passed as summary= silently turned a runner-up's reason into 'small differences decided'; statuses=('Rejected',)
    gave no letter and no word."""
    rnd = make_round("de")
    assert compose(rnd, "R", as_of=dt.date(2026, 3, 20)).date_text == "20. März 2026"
    assert compose(rnd, "R", as_of="2026-03-20").date == dt.date(2026, 3, 20)
    for wrong in (20260320, "04/03/2026", "2026-13-40", "next monday"):
        with pytest.raises(ToolkitError, match="as_of is not a date"):
            compose(rnd, "R", as_of=wrong)
        with pytest.raises(ToolkitError, match="as_of is not a date"):
            compose_round(rnd, as_of=wrong)
    from toolkit.analytics import weighted_totals

    with pytest.raises(ToolkitError, match="summary is not a candidate summary: it has no column 'strength'"):
        compose(rnd, "R", summary=weighted_totals(rnd), as_of="2026-03-20")
    with pytest.raises(ToolkitError, match="unknown status 'Rejected'"):
        compose_round(rnd, statuses=("Rejected",), as_of="2026-03-20")


def test_a_letter_composed_again_sees_a_table_changed_in_place():
    """An analyst reported it: compose B05, give B01 the same address in the notebook (rnd.candidates.loc[...]),
    compose again, and the draft was still addressed to that address, which now two candidates share."""
    rnd = make_round("en")
    first = compose(rnd, "R", as_of="2026-03-20")
    assert first.email == "r@example.com"
    other = next(c for c in rnd.candidates["candidate_id"] if c != "R")
    rnd.candidates.loc[rnd.candidates["candidate_id"] == other, "email"] = "r@example.com"
    again = compose(rnd, "R", as_of="2026-03-20")
    assert again.email is None and any("r@example.com" in n for n in again.notes)  # neither draft is addressed
    # the same for the whole round, and for letters composed one by one with a summary made after the change
    from toolkit.analytics import candidate_summary

    rnd = make_round("en")
    summary = candidate_summary(rnd)
    assert {f.candidate_id: f.email for f in compose_round(rnd, as_of="2026-03-20")}["R"] == "r@example.com"
    assert compose(rnd, "R", as_of="2026-03-20", summary=summary).email == "r@example.com"
    rnd.candidates.loc[rnd.candidates["candidate_id"] == other, "email"] = "r@example.com"
    assert {f.candidate_id: f.email for f in compose_round(rnd, as_of="2026-03-20")}["R"] is None
    assert compose(rnd, "R", as_of="2026-03-20", summary=candidate_summary(rnd)).email is None


def test_a_status_the_loader_never_gives_is_refused_not_written_a_rejection():
    """The analyst set the hire's status to 'Hired' with rnd.with_(...): compose wrote them a rejection letter."""
    import toolkit

    rnd = make_round("en")
    cands = rnd.candidates.copy()
    cands.loc[cands["candidate_id"] == "H", "status"] = "Hired"
    cands.loc[cands["candidate_id"] == "R", "status"] = "declined"
    edited = rnd.with_(candidates=cands)
    with pytest.raises(ToolkitError, match="'H' has the status 'Hired'") as e:
        compose(edited, "H")
    assert "round_from_frames" in str(e.value) and "hired, offered, rejected, withdrawn, pending" in str(e.value)
    with pytest.raises(ToolkitError, match="'Hired'"):  # the whole round: refused at the first such row, not skipped
        compose_round(edited)
    with pytest.raises(ToolkitError, match="'H' has the status 'Hired'"):
        compose(edited, "T")  # another candidate's status: every letter would compare with the wrong person
    only_r = rnd.candidates.copy()
    only_r.loc[only_r["candidate_id"] == "R", "status"] = "declined"
    with pytest.raises(ToolkitError, match="'R' has the status 'declined'"):
        compose(rnd.with_(candidates=only_r), "R")
    # read as the loader reads it, 'Hired' is hired: no rejection letter
    cands.loc[cands["candidate_id"] == "R", "status"] = "rejected"
    rebuilt = toolkit.round_from_frames(rnd.role, rnd.criteria, cands, rnd.scores)
    with pytest.raises(ToolkitError, match="no rejection letter for a candidate with status 'hired'"):
        compose(rebuilt, "H")


@pytest.mark.parametrize("lang", LANGS)
def test_a_candidate_told_already_or_waiting_for_feedback_is_pointed_out_to_whoever_sends_the_letter(lang):
    """A German secretary's review: Jörg, told on 9 March by email, got a fresh rejection in the mail merge and call
    notes that said "tell them the decision first"; a feedback request still open appeared nowhere in the notes."""
    told = {"notified_on": "2026-03-09", "channel": "email", "feedback_requested_on": "2026-03-10"}
    rejected = [cid for cid, s in STATUS.items() if s == "rejected"]
    withdrawn = next(cid for cid, s in STATUS.items() if s == "withdrawn")
    first, second = rejected[:2]
    rnd = make_round(lang, candidates={first: told, second: {**told, "channel": None, "feedback_sent_on": "2026-03-12"},
                                       withdrawn: {"notified_on": "2026-03-09"}})
    fbs = {fb.candidate_id: fb for fb in compose_round(rnd, as_of=AS_OF)}
    day, day_asked = format_date(dt.date(2026, 3, 9), lang), format_date(dt.date(2026, 3, 10), lang)
    assert (fbs[first].told_on, fbs[first].told_by) == (dt.date(2026, 3, 9), "email")
    by_email = " " + TEXTS[lang]["told_by_email"]  # the channel in the notes' language: "by email", "per E-Mail", "via e-post"
    assert [n for n in fbs[first].notes if day in n] == [TEXTS[lang]["note_told"].format(date=day, how=by_email)]
    assert [n for n in fbs[first].notes if day_asked in n] == [TEXTS[lang]["note_feedback_open"].format(date=day_asked)]
    assert TEXTS[lang]["note_told"].format(date=day, how="") in fbs[second].notes  # no channel recorded
    assert not any(day_asked in n for n in fbs[second].notes)  # the feedback asked for was given
    untold = [cid for cid in rejected[2:]]
    assert untold and all(fbs[cid].told_on is None and not any("Told on" in n for n in fbs[cid].notes) for cid in untold)
    # a withdrawal was never a decision to tell: its thank-you is not called the written feedback of one
    assert fbs[withdrawn].told_on == dt.date(2026, 3, 9) and not any("Told on" in n for n in fbs[withdrawn].notes)
    # the letter itself says they know (a Swedish review: "Tyvärr kan vi inte erbjuda dig tjänsten" again, a week later)
    short_day = format_date(dt.date(2026, 3, 9), lang, with_year=False)
    for cid in (first, second):
        assert short_day in fbs[cid].decision and fbs[cid].decision.startswith(("As we let you know", "Wie wir Ihnen am", "Som vi meddelade"))
    assert all(fbs[cid].decision in (TEXTS[lang]["decision"], TEXTS[lang].get("decision_we"), TEXTS[lang]["decision_close"],
                                     TEXTS[lang].get("decision_close_we")) for cid in untold)
    # the caller starts from what they know, rather than "give the decision early and plainly"
    assert TEXTS[lang]["tp_decision_told"].format(first_name=fbs[first].first_name, date=short_day) in fbs[first].talking_points
    assert not any(p.startswith(TEXTS[lang]["tp_decision"][:20]) for p in fbs[first].talking_points)
    # one sentence, announcing nothing that does not follow (a candidate never interviewed gets no reason; a native review)
    scores = {cid: sc for cid, sc in SCORES.items() if cid != first}
    quiet = compose(make_round(lang, scores=scores, candidates={first: told}), first, as_of=AS_OF)
    assert quiet.reason_kind == "not_interviewed" and quiet.decision == TEXTS[lang]["decision_told"].format(date=short_day)
