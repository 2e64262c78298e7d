"""Every sentence of the letters and call notes, in English, German and Swedish.

Written for this toolkit, one language at a time (German: formal *Sie*,
gender-neutral greeting and no guess at anyone's gender; Swedish: *du*;
English: British spelling). `toolkit.feedback.compose` picks the sentences
that fit what the scores say and fills in the placeholders:

- ``{role}``, ``{company}``: from the Role sheet (the ``*_company`` keys are
  used only when a company is given);
- ``{first_name}``, ``{name}``: the candidate;
- ``{crit}``: a criterion, already formatted for the sentence by
  `criterion_text` (German always in „quotes“, which needs no inflection);
- ``{rank_np}`` / ``{Rank_np}``: "our most important criterion" and friends
  (``RANK_NP``), lower / upper case first letter;
- ``{tip}``: the workbook's growth tip; ``{date}``: a Babel long date.

Sentences with "I" have a "we" twin (``*_we``) used when nobody signs the
letter by name.
"""

from __future__ import annotations

import re

RANK_NP = {
    "en": {1: "our most important criterion", 2: "our second most important criterion", 3: "one of our key criteria"},
    "de": {1: "unser wichtigstes Kriterium", 2: "unser zweitwichtigstes Kriterium", 3: "eines unserer zentralen Kriterien"},
    "sv": {1: "vårt viktigaste kriterium", 2: "vårt näst viktigaste kriterium", 3: "ett av våra viktigaste kriterier"},
}
"""How important a criterion was, by rank (3 stands for rank 3 and below)."""

QUOTES = {"en": ("“", "”"), "de": ("„", "“"), "sv": ("”", "”")}

KEEP_CAPITALISED = frozenset(
    """English German Swedish French Spanish Italian Dutch Polish Danish Norwegian Finnish Arabic Chinese Japanese
    Portuguese Russian Turkish Europe European Python Excel Java Figma Sketch Salesforce Tableau Google Microsoft
    Adobe Jira Confluence Linux Azure Power Scrum Kanban SAP""".split()
)
"""First words that stay capitalised when a criterion name is put mid-sentence."""

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ English
    "en": {
        "subject": "Your application: {role}",
        "subject_company": "Your application: {role} at {company}",
        "greeting": "Dear {first_name},",
        "thanks_interviewed": "Thank you for your interest in the {role} role, and for the time you gave to your application and our interviews.",
        "thanks_interviewed_company": "Thank you for your interest in the {role} role at {company}, and for the time you gave to your application and our interviews.",
        "thanks_applied": "Thank you for your interest in the {role} role, and for the time you put into your application.",
        "thanks_applied_company": "Thank you for your interest in the {role} role at {company}, and for the time you put into your application.",
        "strength_close": "You made a very good impression on us, especially when it came to {crit}.",
        "strength_close_plain": "You made a very good impression on us.",
        "strength": "One thing we particularly valued was your strength in {crit}.",
        "decision_close": "It was a close decision and not an easy one, but we have offered the role to someone else.",
        "decision": "I am sorry to tell you that we will not be offering you the role.",
        "decision_we": "We are sorry to tell you that we will not be offering you the role.",
        "reason_below_bar": "{Rank_np} for this role was {crit}, and here we needed more than we saw in the interviews.",
        "reason_below_bar_must": "For this role, {crit} was essential, and here we needed more than we saw in the interviews.",
        "reason_shortfall_close": "What tipped the balance in the end was {crit}, {rank_np} for this role.",
        "reason_shortfall": "What made the difference was {crit}, {rank_np} for this role.",
        "reason_thin": "{Rank_np} for this role was {crit}, and to be honest, we did not learn enough about it in our interviews to judge it fairly. We would rather tell you that than name a weakness we did not see.",
        "reason_none": "It was not down to any particular weakness we could point to.",
        "tip": "A suggestion for similar roles in future: {tip}",
        "tip_sentence": "We have one suggestion that may help you with similar roles in future. {tip}",
        "tip_fallback": "More hands-on experience with {crit}, at work or in a project of your own, would make you a stronger candidate for similar roles.",
        "stay_close": "Your application was one of the strongest we received, and we would very much like to stay in touch. If a role opens up that suits you even better, we will let you know.",
        "stay_committee": "We would like to stay in touch: your experience could be a good match for a future role with us, and we will let you know when one opens up.",
        "stay_withdrawn": "Our door stays open: if a future role with us interests you, we would be glad to hear from you.",
        "follow_up_promise": "I will be back in touch by {date}.",
        "follow_up_promise_we": "We will be back in touch by {date}.",
        "withdrawn_ack": "We were sorry to hear that you are withdrawing your application, but we understand and respect your decision – thank you for letting us know.",
        "closing": "Thank you again for your time and interest. I wish you every success with your next steps, and if you have any questions about our decision, I am happy to talk them through.",
        "closing_we": "Thank you again for your time and interest. We wish you every success with your next steps, and if you have any questions about our decision, we are happy to talk them through.",
        "closing_withdrawn": "I wish you all the best for what comes next, and if there is anything you would like to ask, please do get in touch.",
        "closing_withdrawn_we": "We wish you all the best for what comes next, and if there is anything you would like to ask, please do get in touch.",
        "sign_off": "Kind regards,",
        "team": "The hiring team",
        # call notes (internal, for the person who calls)
        "tp_call": "Call rather than email if you can: {first_name} reached the final stage ({stage}).",
        "tp_thanks": "Thank {first_name} for their interest in the {role} role and for the time they gave us.",
        "tp_decision_close": "Give the decision early and plainly: the role has gone to someone else, and it was close.",
        "tp_decision": "Give the decision early and plainly: we are not offering them the role.",
        "tp_withdrawn": "Thank them for letting us know they have withdrawn, and respect the decision: no verdict on the application.",
        "tp_strength": "Name one real strength: {crit}.",
        "tp_below_bar": "Give one reason: {crit} ({rank_np}) – what we saw in the interviews was not yet enough for this role.",
        "tp_below_bar_must": "Give one reason: {crit} was essential for this role, and what we saw in the interviews was not yet enough.",
        "tp_shortfall": "Give one reason: {crit} ({rank_np}) tipped the balance.",
        "tp_tip": "Offer one concrete suggestion. {tip}",
        "tp_thin": "Be open that we did not learn enough about {crit} in the interviews. Do not turn it into a weakness.",
        "tp_none": "There is no honest growth area to name: do not invent one. If asked, say there was no single weakness.",
        "tp_not_interviewed": "They were not interviewed: keep it to thanks and the decision; do not give a verdict on criteria.",
        "tp_stay": "Say we would like to stay in touch, and agree how (LinkedIn, an invitation to an event, a message when a fitting role opens).",
        "tp_follow_up": "Promise the next contact by {date} – and keep the promise.",
        "tp_follow_up_missing": "Agree a date for the next contact and record it (follow_up_on).",
        "tp_questions": "Ask whether they have questions, and listen; offer to send the feedback in writing as well.",
        "tp_close": "Thank them again and wish them luck.",
        "avoid_generic": "“Another candidate better matched our needs” – it says nothing; name the criterion instead.",
        "avoid_fit": "“You were not the right fit” or “a more suitable profile” – too vague; point at the criterion.",
        "avoid_scores": "Scores, rankings or the score table.",
        "avoid_others": "Anything about the person we hired or any other candidate.",
        "avoid_protected": "Anything about age, gender, pregnancy or family plans, religion, ethnic origin, nationality, health or disability.",
        "avoid_thin": "“You were weak in {crit}” – we do not know that; the interviews did not tell us enough.",
        "avoid_none": "Criticism made up to fill the silence: the scores give no honest growth area.",
        "avoid_withdrawn": "Any verdict on the application: they withdrew before a decision.",
        "follow_up": "Get back in touch by {date}, as promised in the letter.",
        "follow_up_missing": "We offered to stay in touch but set no date: add a date for the next contact (follow_up_on).",
    },
    # ------------------------------------------------------------------ German
    "de": {
        "subject": "Ihre Bewerbung als {role}",
        "subject_company": "Ihre Bewerbung als {role} bei {company}",
        "greeting": "Guten Tag {name},",
        "thanks_interviewed": "vielen Dank für Ihr Interesse an der Stelle als {role} und für die Zeit, die Sie sich für Ihre Bewerbung und unsere Gespräche genommen haben.",
        "thanks_interviewed_company": "vielen Dank für Ihr Interesse an der Stelle als {role} bei {company} und für die Zeit, die Sie sich für Ihre Bewerbung und unsere Gespräche genommen haben.",
        "thanks_applied": "vielen Dank für Ihr Interesse an der Stelle als {role} und für die Mühe, die Sie sich mit Ihrer Bewerbung gemacht haben.",
        "thanks_applied_company": "vielen Dank für Ihr Interesse an der Stelle als {role} bei {company} und für die Mühe, die Sie sich mit Ihrer Bewerbung gemacht haben.",
        "strength_close": "Sie haben in unseren Gesprächen einen sehr guten Eindruck hinterlassen, besonders im Bereich {crit}.",
        "strength_close_plain": "Sie haben in unseren Gesprächen einen sehr guten Eindruck hinterlassen.",
        "strength": "Besonders geschätzt haben wir, was Sie im Bereich {crit} mitbringen.",
        "decision_close": "Die Entscheidung war knapp und ist uns nicht leichtgefallen, doch wir haben uns für eine andere Bewerbung entschieden.",
        "decision": "Leider können wir Ihnen die Stelle nicht anbieten.",
        "decision_we": "Leider können wir Ihnen die Stelle nicht anbieten.",
        "reason_below_bar": "{Rank_np} für diese Stelle war {crit}, und hier reichte das, was wir in den Gesprächen gesehen haben, noch nicht aus.",
        "reason_below_bar_must": "Für diese Stelle war {crit} eine Grundvoraussetzung, und hier reichte das, was wir in den Gesprächen gesehen haben, noch nicht aus.",
        "reason_shortfall_close": "Den Ausschlag gab am Ende der Bereich {crit}, {rank_np} für diese Stelle.",
        "reason_shortfall": "Entscheidend war am Ende der Bereich {crit}, {rank_np} für diese Stelle.",
        "reason_thin": "{Rank_np} für diese Stelle war {crit}, und ehrlich gesagt haben wir darüber in den Gesprächen nicht genug erfahren, um das fair beurteilen zu können. Das sagen wir Ihnen lieber offen, als eine Schwäche zu nennen, die wir gar nicht gesehen haben.",
        "reason_none": "Eine bestimmte Schwäche, die wir Ihnen nennen könnten, gab es dabei nicht.",
        "tip": "Ein Vorschlag für künftige Bewerbungen auf ähnliche Stellen: {tip}",
        "tip_sentence": "Für ähnliche Stellen haben wir einen Vorschlag, der Ihnen helfen könnte. {tip}",
        "tip_fallback": "Mehr praktische Erfahrung im Bereich {crit} – im Beruf oder in eigenen Projekten – würde Ihre Bewerbung für ähnliche Stellen deutlich stärken.",
        "stay_close": "Ihre Bewerbung gehörte zu den stärksten, die wir erhalten haben, und wir würden gern mit Ihnen in Kontakt bleiben. Sollte sich eine Stelle ergeben, die noch besser zu Ihnen passt, erfahren Sie es von uns.",
        "stay_committee": "Wir würden gern mit Ihnen in Kontakt bleiben, denn Ihr Profil könnte gut zu einer künftigen Stelle bei uns passen. Sobald sich eine solche Stelle ergibt, geben wir Ihnen Bescheid.",
        "stay_withdrawn": "Unsere Tür bleibt offen: Wenn Sie sich später für eine andere Stelle bei uns interessieren, freuen wir uns, von Ihnen zu hören.",
        "follow_up_promise": "Spätestens am {date} melde ich mich wieder bei Ihnen.",
        "follow_up_promise_we": "Spätestens am {date} melden wir uns wieder bei Ihnen.",
        "withdrawn_ack": "Wir bedauern, dass Sie Ihre Bewerbung zurückziehen, respektieren Ihre Entscheidung aber natürlich. Danke, dass Sie uns Bescheid gegeben haben.",
        "closing": "Nochmals vielen Dank für Ihr Interesse und Ihre Zeit. Ich wünsche Ihnen für Ihren weiteren Weg alles Gute – und wenn Sie Fragen zu unserer Entscheidung haben, melden Sie sich gern bei mir.",
        "closing_we": "Nochmals vielen Dank für Ihr Interesse und Ihre Zeit. Wir wünschen Ihnen für Ihren weiteren Weg alles Gute – und wenn Sie Fragen zu unserer Entscheidung haben, melden Sie sich gern bei uns.",
        "closing_withdrawn": "Für Ihren weiteren Weg wünsche ich Ihnen alles Gute. Wenn Sie noch Fragen haben, melden Sie sich gern bei mir.",
        "closing_withdrawn_we": "Für Ihren weiteren Weg wünschen wir Ihnen alles Gute. Wenn Sie noch Fragen haben, melden Sie sich gern bei uns.",
        "sign_off": "Mit freundlichen Grüßen",
        "team": "Ihr Recruiting-Team",
        "tp_call": "Wenn möglich anrufen statt schreiben: {name} war bis in die letzte Runde dabei ({stage}).",
        "tp_thanks": "Für das Interesse an der Stelle als {role} und für die investierte Zeit danken.",
        "tp_decision_close": "Die Entscheidung gleich zu Beginn klar sagen: Die Stelle geht an jemand anderen, und es war knapp.",
        "tp_decision": "Die Entscheidung gleich zu Beginn klar sagen: Wir können die Stelle nicht anbieten.",
        "tp_withdrawn": "Für die Nachricht über den Rückzug danken und die Entscheidung respektieren – keine Bewertung der Bewerbung.",
        "tp_strength": "Eine echte Stärke nennen: {crit}.",
        "tp_below_bar": "Einen Grund nennen: {crit} ({rank_np}) – was wir in den Gesprächen gesehen haben, reichte für diese Stelle noch nicht aus.",
        "tp_below_bar_must": "Einen Grund nennen: {crit} war für diese Stelle eine Grundvoraussetzung, und was wir in den Gesprächen gesehen haben, reichte noch nicht aus.",
        "tp_shortfall": "Einen Grund nennen: {crit} ({rank_np}) gab den Ausschlag.",
        "tp_tip": "Einen konkreten Vorschlag machen. {tip}",
        "tp_thin": "Offen sagen, dass wir in den Gesprächen zu wenig über {crit} erfahren haben. Daraus keine Schwäche machen.",
        "tp_none": "Es gibt keinen ehrlichen Entwicklungsbereich: keinen erfinden. Auf Nachfrage sagen, dass es keine einzelne Schwäche gab.",
        "tp_not_interviewed": "Es gab kein Gespräch: beim Dank und der Entscheidung bleiben, keine Bewertung einzelner Kriterien.",
        "tp_stay": "Sagen, dass wir gern in Kontakt bleiben, und vereinbaren, wie (LinkedIn, Einladung zu einer Veranstaltung, Nachricht bei einer passenden Stelle).",
        "tp_follow_up": "Den nächsten Kontakt bis zum {date} zusagen – und die Zusage einhalten.",
        "tp_follow_up_missing": "Einen Termin für den nächsten Kontakt vereinbaren und eintragen (follow_up_on).",
        "tp_questions": "Nach Fragen fragen und zuhören; anbieten, das Feedback auch schriftlich zu schicken.",
        "tp_close": "Nochmals danken und viel Erfolg wünschen.",
        "avoid_generic": "„Ein anderer Kandidat hat besser zu unseren Anforderungen gepasst“ – sagt nichts aus; stattdessen das Kriterium nennen.",
        "avoid_fit": "„Sie haben nicht ins Team gepasst“ oder „ein passenderes Profil“ – zu vage; auf das Kriterium verweisen.",
        "avoid_scores": "Punktzahlen, Ranglisten oder die Bewertungstabelle.",
        "avoid_others": "Alles über die eingestellte Person oder andere Bewerbungen.",
        "avoid_protected": "Alles zu Alter, Geschlecht, Schwangerschaft oder Familienplanung, Religion, ethnischer Herkunft, Staatsangehörigkeit, Gesundheit oder Behinderung.",
        "avoid_thin": "„Im Bereich {crit} waren Sie schwach“ – das wissen wir nicht; die Gespräche haben dazu zu wenig gezeigt.",
        "avoid_none": "Kritik, die nur die Stille füllen soll: Die Bewertungen geben keinen ehrlichen Entwicklungsbereich her.",
        "avoid_withdrawn": "Jede Bewertung der Bewerbung: Sie wurde vor der Entscheidung zurückgezogen.",
        "follow_up": "Bis zum {date} wieder melden, wie im Brief zugesagt.",
        "follow_up_missing": "Kontakt angeboten, aber kein Datum festgelegt: ein Datum für den nächsten Kontakt eintragen (follow_up_on).",
    },
    # ------------------------------------------------------------------ Swedish
    "sv": {
        "subject": "Din ansökan till tjänsten som {role}",
        "subject_company": "Din ansökan till tjänsten som {role} hos {company}",
        "greeting": "Hej {first_name}!",
        "thanks_interviewed": "Tack för att du sökte tjänsten som {role} och för tiden du lade ner på ansökan och intervjuerna.",
        "thanks_interviewed_company": "Tack för att du sökte tjänsten som {role} hos {company} och för tiden du lade ner på ansökan och intervjuerna.",
        "thanks_applied": "Tack för att du sökte tjänsten som {role} och för tiden du lade ner på din ansökan.",
        "thanks_applied_company": "Tack för att du sökte tjänsten som {role} hos {company} och för tiden du lade ner på din ansökan.",
        "strength_close": "Du gjorde ett mycket gott intryck på oss, inte minst när det gäller {crit}.",
        "strength_close_plain": "Du gjorde ett mycket gott intryck på oss.",
        "strength": "Något vi särskilt uppskattade var din styrka när det gäller {crit}.",
        "decision_close": "Det var ett jämnt och svårt beslut, men vi har valt att erbjuda tjänsten till någon annan.",
        "decision": "Tyvärr kan vi inte erbjuda dig tjänsten den här gången.",
        "decision_we": "Tyvärr kan vi inte erbjuda dig tjänsten den här gången.",
        "reason_below_bar": "{Rank_np} för tjänsten var {crit}, och där räckte det vi såg under intervjuerna inte riktigt till.",
        "reason_below_bar_must": "För tjänsten var {crit} ett grundkrav, och där räckte det vi såg under intervjuerna inte riktigt till.",
        "reason_shortfall_close": "Det som till slut fällde avgörandet var {crit}, {rank_np} för tjänsten.",
        "reason_shortfall": "Det avgörande var {crit}, {rank_np} för tjänsten.",
        "reason_thin": "{Rank_np} för tjänsten var {crit}, och ärligt talat fick vi inte veta tillräckligt om just den delen under intervjuerna för att kunna göra en rättvis bedömning. Det säger vi hellre rakt ut än att peka ut en svaghet som vi inte har sett.",
        "reason_none": "Det berodde inte på någon särskild svaghet som vi kan peka på.",
        "tip": "Ett tips inför liknande tjänster framöver: {tip}",
        "tip_sentence": "Vi har ett tips som kan vara till hjälp inför liknande tjänster framöver. {tip}",
        "tip_fallback": "Mer praktisk erfarenhet när det gäller {crit}, i jobbet eller i egna projekt, skulle stärka dig inför liknande tjänster.",
        "stay_close": "Din ansökan var en av de starkaste vi fick, och vi vill gärna hålla kontakten med dig. Dyker det upp en tjänst som passar dig ännu bättre, hör vi av oss.",
        "stay_committee": "Vi vill gärna hålla kontakten med dig, eftersom din profil skulle kunna passa bra för en framtida tjänst hos oss. Dyker det upp en sådan, hör vi av oss.",
        "stay_withdrawn": "Dörren står öppen: blir du längre fram intresserad av en annan tjänst hos oss är du varmt välkommen att höra av dig.",
        "follow_up_promise": "Jag kontaktar dig igen senast den {date}.",
        "follow_up_promise_we": "Vi kontaktar dig igen senast den {date}.",
        "withdrawn_ack": "Vi tycker att det är synd att du drar tillbaka din ansökan, men vi respekterar förstås ditt beslut – tack för att du hörde av dig.",
        "closing": "Tack igen för din tid och ditt intresse. Jag önskar dig lycka till framöver, och har du frågor om beslutet är du välkommen att höra av dig till mig.",
        "closing_we": "Tack igen för din tid och ditt intresse. Vi önskar dig lycka till framöver, och har du frågor om beslutet är du välkommen att höra av dig till oss.",
        "closing_withdrawn": "Jag önskar dig allt gott framöver, och har du några frågor är du välkommen att höra av dig.",
        "closing_withdrawn_we": "Vi önskar dig allt gott framöver, och har du några frågor är du välkommen att höra av dig.",
        "sign_off": "Vänliga hälsningar",
        "team": "Rekryteringsgruppen",
        "tp_call": "Ring hellre än mejla om du kan: {first_name} gick vidare till sista steget ({stage}).",
        "tp_thanks": "Tacka {first_name} för intresset för tjänsten som {role} och för tiden hen lade ner.",
        "tp_decision_close": "Säg beslutet tidigt och tydligt: tjänsten har gått till någon annan, och det var jämnt.",
        "tp_decision": "Säg beslutet tidigt och tydligt: vi kan inte erbjuda tjänsten.",
        "tp_withdrawn": "Tacka för beskedet om att ansökan dras tillbaka och respektera beslutet – ingen bedömning av ansökan.",
        "tp_strength": "Nämn en verklig styrka: {crit}.",
        "tp_below_bar": "Ge ett skäl: {crit} ({rank_np}) – det vi såg under intervjuerna räckte inte riktigt till för tjänsten.",
        "tp_below_bar_must": "Ge ett skäl: {crit} var ett grundkrav för tjänsten, och det vi såg under intervjuerna räckte inte riktigt till.",
        "tp_shortfall": "Ge ett skäl: {crit} ({rank_np}) fällde avgörandet.",
        "tp_tip": "Ge ett konkret tips. {tip}",
        "tp_thin": "Säg öppet att vi inte fick veta tillräckligt om {crit} under intervjuerna. Gör det inte till en svaghet.",
        "tp_none": "Det finns inget ärligt utvecklingsområde att nämna: hitta inte på något. Om hen frågar, säg att det inte fanns någon enskild svaghet.",
        "tp_not_interviewed": "Hen blev inte intervjuad: håll dig till tack och beslut, ingen bedömning av enskilda kriterier.",
        "tp_stay": "Säg att vi gärna håller kontakten och kom överens om hur (LinkedIn, en inbjudan till ett evenemang, ett meddelande när en passande tjänst öppnar).",
        "tp_follow_up": "Lova att höra av dig igen senast den {date} – och håll det.",
        "tp_follow_up_missing": "Bestäm ett datum för nästa kontakt och för in det (follow_up_on).",
        "tp_questions": "Fråga om hen har några frågor och lyssna; erbjud dig att skicka återkopplingen skriftligt också.",
        "tp_close": "Tacka igen och önska lycka till.",
        "avoid_generic": "”En annan kandidat matchade våra behov bättre” – säger ingenting; nämn kriteriet i stället.",
        "avoid_fit": "”Du var inte rätt profil” eller ”en mer passande profil” – för vagt; peka på kriteriet.",
        "avoid_scores": "Poäng, rangordning eller poängtabellen.",
        "avoid_others": "Något om personen vi anställde eller om andra kandidater.",
        "avoid_protected": "Något om ålder, kön, graviditet eller familjeplanering, religion, etnisk tillhörighet, nationalitet, hälsa eller funktionsnedsättning.",
        "avoid_thin": "”Du var svag när det gäller {crit}” – det vet vi inte; intervjuerna gav oss för lite underlag.",
        "avoid_none": "Kritik bara för att fylla tystnaden: betygen ger inget ärligt utvecklingsområde.",
        "avoid_withdrawn": "Någon bedömning av ansökan: den drogs tillbaka före beslutet.",
        "follow_up": "Hör av dig igen senast den {date}, som utlovat i brevet.",
        "follow_up_missing": "Vi erbjöd att hålla kontakten men satte inget datum: lägg in ett datum för nästa kontakt (follow_up_on).",
    },
}


def text(language: str, key: str, **values: object) -> str:
    """The sentence ``key`` in ``language`` with its placeholders filled in."""
    return TEXTS[language][key].format(**values)


def rank_np(language: str, rank: int) -> str:
    """"our most important criterion" (rank 1), "... second most important ..." (2), "one of our key criteria" (3+)."""
    return RANK_NP[language][1 if rank <= 1 else 2 if rank == 2 else 3]


def capitalise(s: str) -> str:
    return s[:1].upper() + s[1:]


def quote(s: str, language: str) -> str:
    left, right = QUOTES[language]
    return f"{left}{s}{right}"


_TITLE_WORD = re.compile(r"^[^\W\d_][^\W\d_A-Z]*(?:-[^\W\d_A-Z]+)*$")


def _is_title_word(word: str) -> bool:
    """"Data", "Front-end": a capital first letter and nothing else capitalised."""
    return bool(_TITLE_WORD.match(word)) and word[0].isupper() and any(ch.islower() for ch in word)


def sentence_case(name: str) -> str:
    """A criterion label as it reads mid-sentence: "Data visualisation" -> "data visualisation".

    Only labels written in sentence or title case are changed; acronyms
    ("SQL"), words with inner capitals ("JavaScript", "Social-Media-Strategie")
    and names in `KEEP_CAPITALISED` ("Python", "English") stay as written.
    """
    words = name.split(" ")
    if not words or not _is_title_word(words[0]) or words[0] in KEEP_CAPITALISED:
        return name
    out = []
    for w in words:
        if _is_title_word(w) and w not in KEEP_CAPITALISED:
            out.append(w[0].lower() + w[1:])
        elif w and (w == w.lower() or w.isupper() or any(ch.isdigit() for ch in w)):
            out.append(w)
        else:  # an unusual word: leave the whole label as written
            return name
    return " ".join(out)


def criterion_text(name: str, language: str, round_language: str | None) -> str:
    """A criterion name ready for a sentence of the letter.

    German letters always quote it („Teamfit“): the sentences are built so
    that no article or case ending depends on it. English and Swedish
    letters written in the round's own language put it in lower case mid-
    sentence (see `sentence_case`); a criterion from a round in another
    language is quoted and left as written (“Content und Storytelling”).
    """
    name = " ".join(str(name).split())
    if language == "de":
        return quote(name, "de")
    if language == round_language:
        return sentence_case(name)
    return quote(name, language)


def as_sentence(tip: str, language: str, after_colon: bool = True) -> str:
    """A workbook tip ready to follow a colon: trimmed, with a final full stop.

    German and Swedish start a full sentence after a colon with a capital
    letter; British English with a small one ("... in future: lead a ..."),
    unless the first word is an acronym or a name.
    """
    tip = " ".join(str(tip).split())
    if not tip:
        return tip
    first, _, rest = tip.partition(" ")
    if after_colon and language == "en" and _is_title_word(first) and first not in KEEP_CAPITALISED:
        tip = first[0].lower() + first[1:] + (" " + rest if rest else "")
    else:
        tip = capitalise(tip)
    return tip if tip[-1] in ".!?…" else tip + "."
