"""What each candidate is told, per language, for the five stories of `test_feedback_rounds`."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from test_feedback_rounds import CRITERIA, NAMES, make_round
from toolkit.errors import ToolkitError
from toolkit.feedback import Feedback, compose, compose_round, format_date, format_number
from toolkit.feedback.phrases import criterion_text, sentence_case

AS_OF = "2026-03-20"
LANGS = ["en", "de", "sv"]

# Hand-written expectations: what a careful writer would send in each case.
EXPECTED = {
    "en": {
        "R": {
            "greeting": "Dear Rafael,",
            "strength": "You made a very good impression on us, especially when it came to writing.",
            "decision": "It was a close decision and not an easy one, but we have offered the role to someone else.",
            "reason": "What tipped the balance in the end was campaign planning, our most important criterion for this role.",
            "tip": "A suggestion for similar roles in future: plan one campaign from brief to results report.",
            "follow_up_promise": "I will be back in touch by 1 June 2026.",
        },
        "W": {
            "decision": "I am sorry to tell you that we will not be offering you the role.",
            "reason": "For this role, campaign planning was essential, and here we needed more than we saw in the interviews.",
            "tip": "A suggestion for similar roles in future: plan one campaign from brief to results report.",
        },
        "T": {
            "reason": "Our most important criterion for this role was campaign planning, and to be honest, we did not learn enough "
                      "about it in our interviews to judge it fairly. We would rather tell you that than name a weakness we did not see.",
        },
        "N": {"reason": "It was not down to any particular weakness we could point to."},
        "X": {"withdrawn_ack": "We were sorry to hear that you are withdrawing your application, but we understand and respect your decision – thank you for letting us know."},
    },
    "de": {
        "R": {
            "greeting": "Guten Tag Rafael Reyes,",
            "strength": "Sie haben in unseren Gesprächen einen sehr guten Eindruck hinterlassen, besonders im Bereich „Texten“.",
            "decision": "Die Entscheidung war knapp und ist uns nicht leichtgefallen, doch wir haben uns für eine andere Bewerbung entschieden.",
            "reason": "Den Ausschlag gab am Ende der Bereich „Kampagnenplanung“, unser wichtigstes Kriterium für diese Stelle.",
            "tip": "Ein Vorschlag für künftige Bewerbungen auf ähnliche Stellen: Planen Sie eine Kampagne vom Briefing bis zum Ergebnisbericht.",
            "follow_up_promise": "Spätestens am 1. Juni 2026 melde ich mich wieder bei Ihnen.",
        },
        "W": {
            "decision": "Leider können wir Ihnen die Stelle nicht anbieten.",
            "reason": "Für diese Stelle war „Kampagnenplanung“ eine Grundvoraussetzung, und hier reichte das, was wir in den Gesprächen "
                      "gesehen haben, noch nicht aus.",
            "tip": "Ein Vorschlag für künftige Bewerbungen auf ähnliche Stellen: Planen Sie eine Kampagne vom Briefing bis zum Ergebnisbericht.",
        },
        "T": {
            "reason": "Unser wichtigstes Kriterium für diese Stelle war „Kampagnenplanung“, und ehrlich gesagt haben wir darüber in den "
                      "Gesprächen nicht genug erfahren, um das fair beurteilen zu können. Das sagen wir Ihnen lieber offen, als eine "
                      "Schwäche zu nennen, die wir gar nicht gesehen haben.",
        },
        "N": {"reason": "Eine bestimmte Schwäche, die wir Ihnen nennen könnten, gab es dabei nicht."},
        "X": {"withdrawn_ack": "Wir bedauern, dass Sie Ihre Bewerbung zurückziehen, respektieren Ihre Entscheidung aber natürlich. Danke, dass Sie uns Bescheid gegeben haben."},
    },
    "sv": {
        "R": {
            "greeting": "Hej Rafael!",
            "strength": "Du gjorde ett mycket gott intryck på oss, inte minst när det gäller skrivande.",
            "decision": "Det var ett jämnt och svårt beslut, men vi har valt att erbjuda tjänsten till någon annan.",
            "reason": "Det som till slut fällde avgörandet var kampanjplanering, vårt viktigaste kriterium för tjänsten.",
            "tip": "Ett tips inför liknande tjänster framöver: Planera en kampanj från brief till resultatrapport.",
            "follow_up_promise": "Jag kontaktar dig igen senast den 1 juni 2026.",
        },
        "W": {
            "decision": "Tyvärr kan vi inte erbjuda dig tjänsten den här gången.",
            "reason": "För tjänsten var kampanjplanering ett grundkrav, och där räckte det vi såg under intervjuerna inte riktigt till.",
            "tip": "Ett tips inför liknande tjänster framöver: Planera en kampanj från brief till resultatrapport.",
        },
        "T": {
            "reason": "Vårt viktigaste kriterium för tjänsten var kampanjplanering, och ärligt talat fick vi inte veta tillräckligt om "
                      "just den delen under intervjuerna för att kunna göra en rättvis bedömning. Det säger vi hellre rakt ut än att peka ut en svaghet "
                      "som vi inte har sett.",
        },
        "N": {"reason": "Det berodde inte på någon särskild svaghet som vi kan peka på."},
        "X": {"withdrawn_ack": "Vi tycker att det är synd att du drar tillbaka din ansökan, men vi respekterar förstås ditt beslut – tack för att du hörde av dig."},
    },
}


@pytest.fixture(scope="module", params=LANGS)
def letters(request):
    rnd = make_round(request.param)
    return request.param, {fb.candidate_id: fb for fb in compose_round(rnd, as_of=AS_OF)}


def _others_named(fb: Feedback) -> list[str]:
    text = fb.text + " ".join(fb.talking_points)
    return [n for cid, n in NAMES.items() if cid != fb.candidate_id and (n in text or n.split()[0] in text)]


def test_runner_up_hears_it_was_close_their_strength_one_reason_a_tip_and_stay_in_touch(letters):
    lang, fbs = letters
    fb = fbs["R"]
    for field, expected in EXPECTED[lang]["R"].items():
        assert getattr(fb, field) == expected, field
    assert fb.is_close_runner_up and fb.reason_kind == "shortfall" and fb.language == lang
    assert fb.stay_in_touch and fb.follow_up_on == dt.date(2026, 6, 1)
    assert format_date(dt.date(2026, 6, 1), lang) in fb.follow_up
    assert _others_named(fb) == []
    # one reason: the other criteria are not listed as shortcomings
    names = CRITERIA[lang]
    assert [n for n in names if criterion_text(n, lang, lang) in fb.text] == [names[0], names[1]]  # the reason and the strength


def test_clearly_weaker_candidate_hears_the_must_have_they_missed_and_no_invitation(letters):
    lang, fbs = letters
    fb = fbs["W"]
    for field, expected in EXPECTED[lang]["W"].items():
        assert getattr(fb, field) == expected, field
    assert fb.reason_kind == "below_bar" and not fb.is_close_runner_up
    assert fb.stay_in_touch is None and fb.follow_up is None


def test_thin_evidence_on_the_top_criterion_is_said_plainly_and_no_weakness_is_invented(letters):
    lang, fbs = letters
    fb = fbs["T"]
    assert fb.reason == EXPECTED[lang]["T"]["reason"]
    assert fb.reason_kind == "thin_evidence" and fb.thin_evidence_on == CRITERIA[lang][0]
    assert fb.tip is None
    # the growth area the scores would give (Writing) is less important than the thin criterion: not mentioned
    assert criterion_text(CRITERIA[lang][1], lang, lang) not in fb.text
    assert any(criterion_text(CRITERIA[lang][0], lang, lang) in p for p in fb.talking_points)


def test_no_honest_growth_area_means_no_invented_one(letters):
    lang, fbs = letters
    fb = fbs["N"]
    assert fb.reason == EXPECTED[lang]["N"]["reason"] and fb.tip is None and fb.reason_kind == "none"
    named = [n for n in CRITERIA[lang] if criterion_text(n, lang, lang) in fb.text]
    assert named == [fb.strength_criterion]  # only the strength is named


def test_withdrawn_candidate_gets_thanks_without_a_verdict(letters):
    lang, fbs = letters
    fb = fbs["X"]
    assert fb.withdrawn_ack == EXPECTED[lang]["X"]["withdrawn_ack"]
    assert fb.decision is None and fb.reason is None and fb.tip is None and fb.strength is None
    assert fb.reason_kind == "withdrawn"
    assert not any(criterion_text(n, lang, lang) in fb.text for n in CRITERIA[lang])


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
        assert closing in fb.closing or fb.status == "withdrawn"
        assert fb.text.rstrip().endswith(ROLE_COMPANY[lang])


ROLE_COMPANY = {"en": "Northwind Ltd", "de": "Nordwind GmbH", "sv": "Nordvind AB"}


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


def test_criterion_from_another_language_round_is_quoted_not_lowercased():
    rnd = make_round("de", candidates={"W": {"language": "en"}})
    fb = compose(rnd, "W", as_of=AS_OF)
    assert fb.reason == "For this role, “Kampagnenplanung” was essential, and here we needed more than we saw in the interviews."
    assert fb.tip == "A suggestion for similar roles in future: plan one campaign from brief to results report."


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


def test_committee_stay_in_touch_for_a_weaker_candidate_invites_without_claiming_it_was_close():
    rnd = make_round("de", candidates={"W": {"stay_in_touch": "yes"}})
    fb = compose(rnd, "W", as_of=AS_OF)
    assert not fb.is_close_runner_up
    assert fb.decision == "Leider können wir Ihnen die Stelle nicht anbieten."
    assert fb.stay_in_touch.startswith("Wir würden gern mit Ihnen in Kontakt bleiben, denn Ihr Profil")
    assert fb.follow_up_promise is None
    assert fb.follow_up == "Kontakt angeboten, aber kein Datum festgelegt: ein Datum für den nächsten Kontakt eintragen (follow_up_on)."


def test_a_follow_up_date_in_the_past_is_not_promised():
    rnd = make_round("en", candidates={"R": {"follow_up_on": "2026-03-01"}})
    fb = compose(rnd, "R", as_of=AS_OF)
    assert fb.follow_up_promise is None and fb.stay_in_touch
    assert any("before the letter date" in n for n in fb.notes)


def test_missing_tip_in_the_letter_language_uses_the_english_tip_then_an_honest_generic_sentence():
    rnd = make_round("de", criteria={"growth_tip_de": [None] * 4})
    fb = compose(rnd, "W", as_of=AS_OF)
    assert fb.tip == "Ein Vorschlag für künftige Bewerbungen auf ähnliche Stellen: Plan one campaign from brief to results report."
    assert any("growth_tip_de" in n for n in fb.notes)
    rnd = make_round("sv", criteria={"growth_tip": [None] * 4, "growth_tip_sv": [None] * 4})
    fb = compose(rnd, "W", as_of=AS_OF)
    assert fb.tip == ("Mer praktisk erfarenhet när det gäller kampanjplanering, i jobbet eller i egna projekt, "
                      "skulle stärka dig inför liknande tjänster.")


def test_a_tip_with_its_own_colon_gets_a_lead_sentence_instead_of_a_second_colon():
    tips = ["Own one plan: goals, channels, report.", "x", "y", "z"]
    fb = compose(make_round("en", criteria={"growth_tip": tips}), "W", as_of=AS_OF)
    assert fb.tip == "We have one suggestion that may help you with similar roles in future. Own one plan: goals, channels, report."


def test_a_candidate_never_interviewed_gets_thanks_for_the_application_and_no_verdict_on_criteria():
    from test_feedback_rounds import SCORES

    scores = {cid: s for cid, s in SCORES.items() if cid != "W"}
    fb = compose(make_round("en", scores=scores), "W", as_of=AS_OF)
    assert fb.reason_kind == "not_interviewed" and fb.reason is None and fb.strength is None
    assert fb.thanks == "Thank you for your interest in the Campaign Manager role at Northwind Ltd, and for the time you put into your application."


def test_without_a_named_sender_the_team_signs_and_speaks_as_we():
    fb = compose(make_round("sv", role={"sender_name": None, "sender_title": None}), "R", as_of=AS_OF)
    assert fb.sender_name == "Rekryteringsgruppen" and fb.signature == ("Vänliga hälsningar", "Rekryteringsgruppen", "Nordvind AB")
    assert fb.follow_up_promise == "Vi kontaktar dig igen senast den 1 juni 2026."
    assert "Jag " not in fb.text


def test_line_breaks_in_a_name_never_reach_the_letter_and_a_bad_email_is_dropped_with_a_note():
    rnd = make_round("en", candidates={"W": {"name": "Wanda\nBcc: evil@example.com", "email": "w@example.com\nBcc: x@example.com"}})
    fb = compose(rnd, "W", as_of=AS_OF)
    assert "\n" not in fb.name and fb.name == "Wanda Bcc: evil@example.com"
    assert fb.email is None and any("not a single valid address" in n for n in fb.notes)


def test_talking_points_follow_the_call_order_and_name_the_promise():
    fb = compose(make_round("en"), "R", as_of=AS_OF)
    assert fb.talking_points == (
        "Call rather than email if you can: Rafael reached the final stage (Final).",
        "Thank Rafael for their interest in the Campaign Manager role and for the time they gave us.",
        "Give the decision early and plainly: the role has gone to someone else, and it was close.",
        "Name one real strength: writing.",
        "Give one reason: campaign planning (our most important criterion) tipped the balance.",
        "Offer one concrete suggestion. Plan one campaign from brief to results report.",
        "Say we would like to stay in touch, and agree how (LinkedIn, an invitation to an event, a message when a fitting role opens).",
        "Promise the next contact by 1 June 2026 – and keep the promise.",
        "Ask whether they have questions, and listen; offer to send the feedback in writing as well.",
        "Thank them again and wish them luck.",
    )
    assert fb.follow_up == "Get back in touch by 1 June 2026, as promised in the letter."
    thin = compose(make_round("en"), "T", as_of=AS_OF)
    assert "“You were weak in campaign planning” – we do not know that; the interviews did not tell us enough." in thin.phrases_to_avoid


def test_feedback_is_immutable():
    fb = compose(make_round("en"), "W", as_of=AS_OF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fb.reason = "Another candidate better matched our needs."


@pytest.mark.parametrize("lang,date_text,number", [("en", "20 March 2026", "4.3"), ("de", "20. März 2026", "4,3"), ("sv", "20 mars 2026", "4,3")])
def test_dates_and_numbers_are_written_the_way_each_language_writes_them(lang, date_text, number):
    assert format_date(dt.date(2026, 3, 20), lang) == date_text
    assert format_number(4.25 + 0.05, lang) == number
    fb = compose(make_round(lang), "T", as_of=AS_OF)
    assert fb.date_text == date_text and fb.weighted_total_text == number


@pytest.mark.parametrize("label,expected", [
    ("Data visualisation", "data visualisation"),
    ("Stakeholder Management", "stakeholder management"),
    ("SQL and data preparation", "SQL and data preparation"),
    ("Python skills", "Python skills"),
    ("English at C1 level", "English at C1 level"),
    ("JavaScript", "JavaScript"),
    ("Front-end craft", "front-end craft"),
    ("Tillgänglighet", "tillgänglighet"),
])
def test_criterion_labels_read_naturally_mid_sentence(label, expected):
    assert sentence_case(label) == expected


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
