"""Every sentence of the letters and call notes, in English, German and Swedish.

Written for this toolkit, one language at a time (German: formal *Sie*,
gender-neutral greeting and no guess at anyone's gender; Swedish: *du*;
English: British spelling). `toolkit.feedback.compose` picks the sentences
that fit what the scores say and fills in the placeholders:

- ``{role}``: from the Role sheet; ``{company}``: the company's short name
  (`short_company`: "Irwell Home Energy", not "... Ltd"). Only English
  names the company in running text (the ``*_company`` keys, used when a
  company is given); German says "unsere Stelle", Swedish "hos oss". The
  subject names the role only (the sender names the company), and the
  full legal name stays in the letterhead and the signature;
- ``{first_name}``, ``{name}``: the candidate;
- ``{crit}``: a criterion, already formatted for the sentence by
  `criterion_text` (a name from a round in another language is quoted);
- ``{rank_np}`` / ``{Rank_np}``: "our most important criterion" and friends
  (``RANK_NP``, ranks 1-3 only), lower / upper case first letter. From rank
  4 down no rank is claimed: the ``*_plain`` sentences are used instead;
- ``{rank_paren}``: " (our most important criterion)" or "" (call notes);
- ``{tip}``: the workbook's growth tip; ``{date}``: a Babel date.

Sentences with "I" have a "we" twin (``*_we``) used when nobody signs the
letter by name. Sentences that speak of "our interviews" have a twin for a
candidate who had one interview (``*_one``, made by `ONE_INTERVIEW`). Keys starting ``note_`` are notes for the committee (shown
in the call notes, and in `letters_table`), in the letter's language.
"""

from __future__ import annotations

import re

RANK_NP = {
    "en": {1: "our most important criterion", 2: "our second most important criterion", 3: "one of our key criteria"},
    "de": {1: "unser wichtigstes Kriterium", 2: "unser zweitwichtigstes Kriterium", 3: "eines unserer wichtigsten Kriterien"},
    "sv": {1: "vårt viktigaste kriterium", 2: "vårt näst viktigaste kriterium", 3: "ett av våra viktigaste kriterier"},
}
"""How important a criterion was, for ranks 1 to 3. Nothing is claimed from rank 4 down (see `rank_np`)."""

RANKED_UP_TO = 3
"""The lowest rank that a letter calls important; less important criteria are named without a rank phrase."""

QUOTES = {"en": ("“", "”"), "de": ("„", "“"), "sv": ("”", "”")}

ENGLISH_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to via vs with".split())
"""Words English title case leaves in lower case ("Management of Key Accounts")."""

KEEP_CAPITALISED = frozenset(
    """English German Swedish French Spanish Italian Dutch Polish Danish Norwegian Finnish Arabic Chinese Japanese
    Portuguese Russian Turkish Europe European Python Excel Java Figma Sketch Salesforce Tableau Google Microsoft
    Adobe Jira Confluence Linux Azure Power Scrum Kanban SAP""".split()
)
"""First words that stay capitalised when a criterion name is put mid-sentence."""

LEGAL_FORMS = (
    "GmbH & Co. KG", "GmbH & Co KG", "gGmbH", "GmbH", "mbH", "AG", "KGaA", "KG", "OHG", "e. V.", "e.V.", "UG (haftungsbeschränkt)", "UG",
    "AB (publ)", "AB", "HB", "KB", "Oy", "Oyj", "ASA", "AS", "A/S", "ApS",
    "Ltd.", "Ltd", "Limited", "plc", "PLC", "LLP", "LLC", "L.L.C.", "Inc.", "Inc", "Corp.", "Corp", "Co.",
    "B.V.", "BV", "N.V.", "NV", "S.A.", "SA", "SAS", "SARL", "S.r.l.", "S.p.A.", "SE",
)
"""Legal forms left out of the company name in running text ("Saltsjö Resor AB" -> "Saltsjö Resor")."""

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ English
    "en": {
        "subject": "Your application for the {role} role",
        "greeting": "Dear {first_name},",
        "greeting_no_name": "Hello,",
        "thanks_interviewed": "Thank you for your interest in the {role} role, and for the time you gave to your application and our interviews.",
        "thanks_interviewed_company": "Thank you for your interest in the {role} role at {company}, and for the time you gave to your application and our interviews.",
        "thanks_applied": "Thank you for your interest in the {role} role, and for the time you put into your application.",
        "thanks_applied_company": "Thank you for your interest in the {role} role at {company}, and for the time you put into your application.",
        "strength_close": "You made a very good impression on us, especially when it came to {crit}.",
        "strength_close_plain": "You made a very good impression on us.",
        "strength": "We were particularly impressed by what you showed us when it came to {crit}.",
        "strength_mild": "We appreciated what you showed us when it came to {crit}.",
        "decision_close": "It was a close decision and not an easy one, but we have offered the role to someone else.",
        "decision_told": "As we let you know on {date}, we will not be offering you the role.",
        "decision_close_told": "As we let you know on {date}, we have offered the role to someone else. It was a close decision, and not an easy one.",
        "decision": "I am sorry to tell you that we will not be offering you the role.",
        "decision_we": "We are sorry to tell you that we will not be offering you the role.",
        "reason_below_bar": "{Rank_np} for this role was {crit}, and here we needed to see more than the interviews showed us.",
        "reason_below_bar_plain": "We were also looking for {crit} in this role, and here we needed to see more than the interviews showed us.",
        "reason_below_bar_must": "For this role, {crit} was an essential requirement, and here we needed to see more than the interviews showed us.",
        "reason_shortfall_close": "What tipped the balance in the end was {crit}, {rank_np} for this role: here we would have needed to see just a little more.",
        "reason_shortfall_close_plain": "What tipped the balance in the end was {crit}: here we would have needed to see just a little more.",
        "reason_shortfall": "What made the difference was {crit}, {rank_np} for this role: here we would have liked to see more.",
        "reason_shortfall_plain": "What made the difference in the end was {crit}: here we would have liked to see more.",
        "reason_thin": "{Rank_np} for this role was {crit}, and to be honest, our interviews did not give us enough detail on it to be sure that your experience in this area matches what the role needs. We would rather tell you that than guess at a weakness we did not see.",
        "reason_thin_plain": "To be honest, our interviews did not give us enough detail on {crit} to be sure that your experience in this area matches what the role needs. We would rather tell you that than guess at a weakness we did not see.",
        "reason_none": "It did not come down to any one weakness: in the end, the decision turned on small differences.",
        "reason_overall": "It did not come down to a single skill: our decision rested on the overall picture from the interviews.",
        "tip": "A suggestion if you apply for similar roles in future: {tip}",
        "tip_sentence": "We have one suggestion if you apply for similar roles in future. {tip}",
        "tip_fallback": "More hands-on experience with {crit}, at work or in a project of your own, would make you a stronger candidate for similar roles.",
        "stay_close": "Your application was one of the strongest we received, and we would very much like to stay in touch. If a role opens up that suits you even better, we will let you know.",
        "stay_committee": "We would like to stay in touch: your experience could be a good match for a future role with us, and we will let you know when one opens up.",
        "stay_withdrawn": "Our door stays open: if a future role with us interests you, we would be glad to hear from you.",
        "follow_up_promise": "Either way, I will be back in touch by {date}.",
        "follow_up_promise_we": "Either way, we will be back in touch by {date}.",
        "withdrawn_ack": "We were sorry to hear that you have withdrawn your application, but we understand and respect your decision – thank you for letting us know.",
        "closing": "Thank you again for your time and interest. If you have any questions about our decision, I am happy to talk them through. I wish you every success with your next steps.",
        "closing_we": "Thank you again for your time and interest. If you have any questions about our decision, we are happy to talk them through. We wish you every success with your next steps.",
        "closing_withdrawn": "I wish you all the best for what comes next, and if there is anything you would like to ask, please do get in touch.",
        "closing_withdrawn_we": "We wish you all the best for what comes next, and if there is anything you would like to ask, please do get in touch.",
        "sign_off": "Kind regards,",
        "team": "The hiring team",
        # call notes (internal, for the person who calls)
        "tp_call": "Call rather than email if you can: {first_name} reached the final stage ({stage}).",
        "tp_thanks": "Thank {first_name} for their interest in the {role} role and for the time they gave us.",
        "tp_decision_told": "{first_name} knows the decision already (told on {date}): refer to that call or message, and go on to the feedback.",
        "tp_decision_close": "Give the decision early and plainly: the role has gone to someone else, and it was close.",
        "tp_decision": "Give the decision early and plainly: we are sorry, but we cannot offer {first_name} the role.",
        "tp_withdrawn": "Thank them for letting us know they have withdrawn, and respect the decision: no verdict on the application.",
        "tp_strength": "Name one specific strength: {crit}.",
        "tp_below_bar": "Give one reason: {crit}{rank_paren} – we needed to see more here than the interviews showed us.",
        "tp_below_bar_must": "Give one reason: {crit} was an essential requirement for this role, and we needed to see more here than the interviews showed us.",
        "tp_shortfall": "Give one reason: {crit}{rank_paren} tipped the balance; we would have liked to see more there.",
        "tp_tip": "Offer one concrete suggestion, for example: “{tip}”",
        "tp_thin": "Be open that we did not learn enough about {crit} in the interviews. Do not turn it into a weakness.",
        "tp_thin_aside": "If {first_name} asks about {crit}: we did not learn enough about it to judge (too few scores, or the interviewers' views differed), so do not present it as a weakness.",
        "tp_none": "The scores show no clear growth area, so do not invent one. If asked, say it did not come down to a single weakness.",
        "tp_soft": "The scores show the largest gap on {crit}: do not present it as “you were not the right fit”; say the decision rested on the overall picture from the interviews.",
        "tp_not_interviewed": "{first_name} was not interviewed: keep to the thanks and the decision, with no verdict on single criteria.",
        "tp_stay": "Say we would like to stay in touch, and agree how (LinkedIn, an invitation to an event, a message when a fitting role opens).",
        "tp_follow_up": "Promise the next contact by {date} – and keep the promise.",
        "tp_follow_up_missing": "Agree a date for the next contact and record it (follow_up_on).",
        "tp_questions": "Leave room for questions, and listen; offer to send the feedback in writing as well.",
        "tp_close": "Thank them again and wish them luck.",
        "avoid_generic": "“Another candidate better matched our needs” – it says nothing; name the criterion instead.",
        "avoid_fit": "“You were not the right fit” or “a more suitable profile” – too vague; point at the criterion.",
        "avoid_scores": "Scores, rankings or the score table.",
        "avoid_others": "Anything about the person we hired or any other candidate.",
        "avoid_protected": "Anything about age, gender, pregnancy or family plans, religion, ethnic origin, nationality, health or disability.",
        "avoid_thin": "“You were weak in {crit}” – we do not know that; the interviews did not tell us enough.",
        "avoid_none": "Criticism for the sake of saying something critical.",
        "avoid_withdrawn": "Any verdict on the application: they withdrew before a decision.",
        "follow_up": "Get back in touch by {date}, as promised in the letter.",
        "follow_up_missing": "We offered to stay in touch but set no date: add a date for the next contact (follow_up_on).",
        # notes for the committee
        "note_round_errors": "The workbook has data errors ({n} in all, listed in committee.html), so this letter may leave out rows that were set aside or use a guessed job title. Fix them and run the report again before sending the letter.",
        "note_pending": "Status is pending: this letter is a draft; send it only once the decision is recorded.",
        "told_by_phone": "by phone",
        "told_by_video": "by video call",
        "told_by_in_person": "in person",
        "told_by_email": "by email",
        "told_by_letter": "by letter",
        "told_by_form_letter": "by standard letter",
        "note_told": "Already told of the decision on {date}{how}: send this letter only as the written feedback, not as the news a second time (the Told on column of mail-merge.xlsx).",
        "note_why_shortfall": "Why {crit} is the reason: with each criterion's weight counted, it is where they are furthest behind the selected candidate ({gap} points behind; weight {weight}).",
        "note_why_not_other": "{crit} is further behind ({gap} points) but weighs {weight}.",
        "note_feedback_open": "Asked for feedback on {date} and has not had it yet: this letter or the call can give it (then fill in feedback_sent_on).",
        "draft_mark": "DRAFT – no decision yet, do not send",
        "note_email_invalid": "The email address {value} is not a single valid address, so the draft has no recipient. Fix it on the Candidates sheet.",
        "note_email_missing": "No email address: the .eml draft has no recipient.",
        "note_name_missing": "No name is given for this candidate, so the letter greets them without one; where these notes name them, they use their id, {name} (nothing to say on the call). Add their name before the letter is sent, if you have it.",
        "note_email_shared": "Another candidate in this round has the same email address, {value}, so the draft has no recipient: a letter to it could reach the wrong person. Correct the address on the Candidates sheet (or, if both rows are the same person, keep one).",
        "note_no_sender": "No sender_name or hiring_manager on the Role sheet: the letter is signed by the team.",
        "on_criteria_sheet": "on the Criteria sheet",
        "on_criteria_mapping": "under [[criteria]] in the mapping file",
        "on_criteria_derived": "on a new Criteria sheet (the criteria now come from the headings of the score columns)",
        "note_tip_english": "The criterion {crit} has no growth tip in the letter's language, so the English tip is used. Add one {on_criteria}.",
        "note_criterion_as_written": "The criterion {crit} has no English name, so the letter quotes it as written. Add an English name as criterion_en {on_criteria}.",
        "note_role_as_written": "The Role sheet gives no English job title, so the letter uses {value} as written. Add one as role_en on the Role sheet.",
        "note_sender_title_as_written": "The Role sheet gives no English title for the signer, so the letter uses {value} as written. Add one as sender_title_en on the Role sheet.",
        "note_tip_generic": "The criterion {crit} has no growth tip, so a general suggestion is used. Add one {on_criteria}.",
        "note_soft_no_tip": "By the scores the growth area is {crit}, a soft criterion without a growth tip: the letter does not name it and says the overall picture decided. Add a growth tip {on_criteria} if the letter should say more.",
        "note_follow_up_past": "follow_up_on ({date}) is before the letter date, so it is not promised in the letter.",
        "note_follow_up_withdrawn": "follow_up_on ({date}) is not promised in the letter: {first_name} withdrew, so it only says our door stays open. Get in touch by then if the committee still wants to; the talent pool counts on it.",
        "note_follow_up_unused": "follow_up_on is set but stay_in_touch is no: the letter does not offer to stay in touch.",
        "note_above_selected": "By the scores {first_name} ranks above the person chosen, so this letter's strength and reason come from the scores alone. Check that they match why the committee decided as it did, and change the letter if they do not. On the call, say only what the committee has agreed.",
        "note_consider_stay": "{first_name} reached the final stage and the scores show no weakness: consider offering to stay in touch (stay_in_touch = yes and a follow_up_on date).",
    },
    # ------------------------------------------------------------------ German
    "de": {
        "subject": "Ihre Bewerbung als {role}",
        "greeting": "Guten Tag {name},",
        "greeting_no_name": "Guten Tag,",
        "thanks_interviewed": "vielen Dank für Ihr Interesse an unserer Stelle als {role} und für die Zeit, die Sie sich für Ihre Bewerbung und unsere Gespräche genommen haben.",
        "thanks_applied": "vielen Dank für Ihr Interesse an unserer Stelle als {role} und für die Mühe, die Sie sich mit Ihrer Bewerbung gemacht haben.",
        "strength_close": "Sie haben in unseren Gesprächen einen sehr guten Eindruck hinterlassen, besonders im Bereich {crit}.",
        "strength_close_plain": "Sie haben in unseren Gesprächen einen sehr guten Eindruck hinterlassen.",
        "strength": "Besonders überzeugt haben Sie uns im Bereich {crit}.",
        "strength_mild": "Gut gefallen hat uns, was Sie im Bereich {crit} gezeigt haben.",
        "decision_close": "Die Entscheidung war knapp und ist uns nicht leichtgefallen, doch letztlich haben wir die Stelle jemand anderem angeboten.",
        "decision_told": "Wie wir Ihnen am {date} bereits mitgeteilt haben, können wir Ihnen die Stelle leider nicht anbieten.",
        "decision_close_told": "Wie wir Ihnen am {date} bereits mitgeteilt haben, ist unsere Wahl letztlich auf jemand anderen gefallen. Die Entscheidung war knapp und ist uns nicht leichtgefallen.",
        "decision": "Leider können wir Ihnen die Stelle nicht anbieten.",
        "reason_below_bar": "{Rank_np} für diese Stelle war der Bereich {crit}, und hier haben Sie nach unserem Eindruck aus den Gesprächen das nötige Niveau noch nicht erreicht.",
        "reason_below_bar_plain": "Im Bereich {crit} haben Sie nach unserem Eindruck aus den Gesprächen das Niveau, das diese Stelle verlangt, noch nicht erreicht.",
        "reason_below_bar_must": "Für diese Stelle war der Bereich {crit} eine Grundvoraussetzung, und hier haben Sie nach unserem Eindruck aus den Gesprächen das nötige Niveau noch nicht erreicht.",
        "reason_shortfall_close": "Den Ausschlag gab der Bereich {crit}, {rank_np} für diese Stelle: Hier fehlte nur noch wenig.",
        "reason_shortfall_close_plain": "Den Ausschlag gab der Bereich {crit}: Hier fehlte nur noch wenig.",
        "reason_shortfall": "Entscheidend war am Ende der Bereich {crit}, {rank_np} für diese Stelle: Hier hätten wir uns noch etwas mehr gewünscht.",
        "reason_shortfall_plain": "Entscheidend war am Ende der Bereich {crit}: Hier hätten wir uns noch etwas mehr gewünscht.",
        "reason_thin": "{Rank_np} für diese Stelle war der Bereich {crit}, und offen gesagt haben unsere Gespräche dazu zu wenig ergeben, um sicher beurteilen zu können, ob Ihre Erfahrung in diesem Bereich den Anforderungen der Stelle entspricht. Das sagen wir Ihnen lieber ehrlich, als Ihnen eine Schwäche zuzuschreiben, die wir nicht beobachtet haben.",
        "reason_thin_plain": "Zum Bereich {crit} haben unsere Gespräche offen gesagt zu wenig ergeben, um sicher beurteilen zu können, ob Ihre Erfahrung in diesem Bereich den Anforderungen der Stelle entspricht. Das sagen wir Ihnen lieber ehrlich, als Ihnen eine Schwäche zuzuschreiben, die wir nicht beobachtet haben.",
        "reason_none": "An einer bestimmten Schwäche lag das nicht; am Ende gaben kleine Unterschiede den Ausschlag.",
        "reason_overall": "An einer einzelnen fachlichen Frage lag das nicht: Den Ausschlag gab das Gesamtbild aus unseren Gesprächen.",
        "tip": "Eine Anregung, falls Sie sich weiter auf ähnliche Stellen bewerben: {tip}",
        "tip_sentence": "Falls Sie sich weiter auf ähnliche Stellen bewerben, hätten wir eine Anregung für Sie. {tip}",
        "tip_fallback": "Mehr praktische Erfahrung im Bereich {crit} – im Beruf oder in eigenen Projekten – würde Ihre Bewerbung für ähnliche Stellen deutlich stärken.",
        "stay_close": "Ihre Bewerbung gehörte zu den stärksten, die wir erhalten haben, und wir würden gern mit Ihnen in Kontakt bleiben. Sollte sich eine Stelle ergeben, die noch besser zu Ihnen passt, sagen wir Ihnen Bescheid.",
        "stay_committee": "Wir würden gern mit Ihnen in Kontakt bleiben, denn Ihre Erfahrung könnte gut zu einer künftigen Stelle bei uns passen. Sobald sich eine solche Stelle ergibt, sagen wir Ihnen Bescheid.",
        "stay_withdrawn": "Unsere Tür bleibt offen: Wenn Sie sich später für eine andere Stelle bei uns interessieren, freuen wir uns, von Ihnen zu hören.",
        "follow_up_promise": "In jedem Fall melde ich mich spätestens bis zum {date} wieder bei Ihnen.",
        "follow_up_promise_we": "In jedem Fall melden wir uns spätestens bis zum {date} wieder bei Ihnen.",
        "withdrawn_ack": "Wir bedauern, dass Sie Ihre Bewerbung zurückgezogen haben, respektieren Ihre Entscheidung aber selbstverständlich. Danke, dass Sie uns Bescheid gegeben haben.",
        "closing": "Nochmals herzlichen Dank für Ihr Interesse. Wenn Sie Fragen zu unserer Entscheidung haben, melden Sie sich gern bei mir – telefonisch oder per E-Mail. Für Ihren weiteren Weg wünsche ich Ihnen alles Gute.",
        "closing_we": "Nochmals herzlichen Dank für Ihr Interesse. Wenn Sie Fragen zu unserer Entscheidung haben, melden Sie sich gern bei uns – telefonisch oder per E-Mail. Für Ihren weiteren Weg wünschen wir Ihnen alles Gute.",
        "closing_withdrawn": "Für Ihren weiteren Weg wünsche ich Ihnen alles Gute. Wenn Sie noch Fragen haben, melden Sie sich gern bei mir.",
        "closing_withdrawn_we": "Für Ihren weiteren Weg wünschen wir Ihnen alles Gute. Wenn Sie noch Fragen haben, melden Sie sich gern bei uns.",
        "sign_off": "Mit freundlichen Grüßen",
        "team": "Ihr Recruiting-Team",
        "tp_call": "Wenn möglich anrufen statt schreiben: {name} war bis in die letzte Runde dabei ({stage}).",
        "tp_thanks": "Für das Interesse an der Stelle als {role} und für die investierte Zeit danken.",
        "tp_decision_told": "Die Entscheidung kennt die Person bereits (mitgeteilt am {date}): daran anknüpfen und zum Feedback übergehen.",
        "tp_decision_close": "Die Entscheidung gleich zu Beginn klar sagen: Die Stelle geht an jemand anderen, und es war knapp.",
        "tp_decision": "Die Entscheidung gleich zu Beginn klar sagen: Wir können Ihnen die Stelle leider nicht anbieten.",
        "tp_withdrawn": "Dafür danken, dass wir Bescheid bekommen haben, und die Entscheidung respektieren – keine Bewertung der Bewerbung.",
        "tp_strength": "Eine konkrete Stärke nennen: {crit}.",
        "tp_below_bar": "Einen Grund nennen: {crit}{rank_paren} – hier hat das, was wir in den Gesprächen gesehen haben, für diese Stelle noch nicht gereicht.",
        "tp_below_bar_must": "Einen Grund nennen: {crit} war für diese Stelle eine Grundvoraussetzung, und hier hat das, was wir in den Gesprächen gesehen haben, noch nicht gereicht.",
        "tp_shortfall": "Einen Grund nennen: {crit}{rank_paren} gab den Ausschlag; hier hätten wir uns noch etwas mehr gewünscht.",
        "tp_tip": "Einen konkreten Vorschlag machen, etwa: „{tip}“",
        "tp_thin": "Offen sagen, dass wir in den Gesprächen zu wenig über {crit} erfahren haben. Daraus keine Schwäche machen.",
        "tp_thin_aside": "Falls nach dem Bereich {crit} gefragt wird: Dazu haben wir zu wenig erfahren, um es zu beurteilen (zu wenige Bewertungen oder auseinandergehende Einschätzungen). Daraus keine Schwäche machen.",
        "tp_none": "Die Bewertungen zeigen keinen klaren Entwicklungsbereich – also keinen erfinden. Auf Nachfrage sagen, dass es an keiner einzelnen Schwäche lag.",
        "tp_soft": "Den größten Abstand zeigen die Bewertungen bei {crit}: das nicht als „Sie haben nicht zu uns gepasst“ darstellen, sondern sagen, dass das Gesamtbild aus den Gesprächen entschieden hat.",
        "tp_not_interviewed": "Es gab kein Gespräch: beim Dank und bei der Entscheidung bleiben, keine Bewertung einzelner Kriterien.",
        "tp_stay": "Sagen, dass wir gern in Kontakt bleiben, und vereinbaren, wie (LinkedIn, Einladung zu einer Veranstaltung, Nachricht bei einer passenden Stelle).",
        "tp_follow_up": "Den nächsten Kontakt bis zum {date} zusagen – und die Zusage einhalten.",
        "tp_follow_up_missing": "Einen Termin für den nächsten Kontakt vereinbaren und eintragen (follow_up_on).",
        "tp_questions": "Raum für Fragen lassen und zuhören; anbieten, das Feedback auch schriftlich zu schicken.",
        "tp_close": "Nochmals danken und viel Erfolg wünschen.",
        "avoid_generic": "„Eine andere Bewerbung hat besser zu unseren Anforderungen gepasst“ – sagt nichts aus; stattdessen das Kriterium nennen.",
        "avoid_fit": "„Sie haben nicht ins Team gepasst“ oder „ein passenderes Profil“ – zu vage; auf das Kriterium verweisen.",
        "avoid_scores": "Punktzahlen, Ranglisten oder die Bewertungstabelle.",
        "avoid_others": "Alles über die eingestellte Person oder andere Bewerbungen.",
        "avoid_protected": "Alles zu Alter, Geschlecht, Schwangerschaft oder Familienplanung, Religion, ethnischer Herkunft, Staatsangehörigkeit, Gesundheit oder Behinderung.",
        "avoid_thin": "„Im Bereich {crit} waren Sie schwach“ – das wissen wir nicht; die Gespräche haben dazu zu wenig gezeigt.",
        "avoid_none": "Kritik, nur um irgendetwas Kritisches zu sagen.",
        "avoid_withdrawn": "Jede Bewertung der Bewerbung: Sie wurde vor der Entscheidung zurückgezogen.",
        "follow_up": "Bis zum {date} wieder melden, wie im Brief zugesagt.",
        "follow_up_missing": "Kontakt angeboten, aber kein Datum festgelegt: ein Datum für den nächsten Kontakt eintragen (follow_up_on).",
        "note_round_errors": "Die Arbeitsmappe enthält Datenfehler (insgesamt {n}, aufgeführt in committee.html). Dem Brief fehlen daher womöglich aussortierte Zeilen, oder er verwendet einen nur vermuteten Stellentitel. Bitte die Fehler beheben und den Bericht neu erstellen, bevor der Brief verschickt wird.",
        "note_pending": "Status „pending“: Dieser Brief ist ein Entwurf. Erst verschicken, wenn die Entscheidung eingetragen ist.",
        "told_by_phone": "telefonisch",
        "told_by_video": "per Videoanruf",
        "told_by_in_person": "persönlich",
        "told_by_email": "per E-Mail",
        "told_by_letter": "per Brief",
        "told_by_form_letter": "per Standardschreiben",
        "note_told": "Bereits am {date}{how} über die Entscheidung informiert: diesen Brief nur als schriftliches Feedback schicken, nicht als zweite Absage (Spalte „Told on“ in mail-merge.xlsx).",
        "note_why_shortfall": "Warum {crit} als Grund genannt wird: Nach Gewichtung der Kriterien ist hier der Abstand zur ausgewählten Person am größten ({gap} Punkte Rückstand; Gewicht {weight}).",
        "note_why_not_other": "{crit} liegt weiter zurück ({gap} Punkte), ist aber nur mit {weight} gewichtet.",
        "note_feedback_open": "Hat am {date} um Feedback gebeten und es noch nicht erhalten: Das lässt sich mit diesem Brief oder im Telefonat nachholen (danach feedback_sent_on eintragen).",
        "draft_mark": "ENTWURF – noch keine Entscheidung, nicht versenden",
        "note_email_invalid": "Die E-Mail-Adresse {value} ist keine einzelne gültige Adresse, deshalb hat der Entwurf keinen Empfänger. Bitte im Blatt „Candidates“ korrigieren.",
        "note_email_missing": "Keine E-Mail-Adresse: Der .eml-Entwurf hat keinen Empfänger.",
        "note_name_missing": "Für diese Person ist kein Name hinterlegt: Die Anrede im Brief enthält deshalb keinen Namen, und wo diese Notizen die Person nennen, verwenden sie die Kennung {name} (im Telefonat nicht nennen). Bitte den Namen vor dem Versand eintragen, falls bekannt.",
        "note_email_shared": "Die E-Mail-Adresse {value} ist in diesem Auswahlverfahren auch für eine andere Person eingetragen. Deshalb hat der Entwurf keinen Empfänger: Ein Brief an diese Adresse könnte die falsche Person erreichen. Bitte die Adresse im Blatt „Candidates“ korrigieren (oder nur eine Zeile behalten, falls beide Zeilen dieselbe Person betreffen).",
        "note_no_sender": "Im Blatt „Role“ fehlen sender_name und hiring_manager: Der Brief ist vom Team unterschrieben.",
        "on_criteria_sheet": "im Blatt „Criteria“",
        "on_criteria_mapping": "unter [[criteria]] in der Mapping-Datei",
        "on_criteria_derived": "in einem neuen Blatt „Criteria“ – die Kriterien stammen derzeit aus den Überschriften der Bewertungsspalten –",
        "note_tip_english": "Für das Kriterium {crit} gibt es keinen deutschen Entwicklungstipp; der englische wird verwendet. Bitte growth_tip_de {on_criteria} ergänzen.",
        "note_criterion_as_written": "Für das Kriterium {crit} gibt es keinen deutschen Namen; der Brief zitiert daher den Originalnamen. Bitte den deutschen Namen als criterion_de {on_criteria} ergänzen.",
        "note_role_as_written": "Im Blatt „Role“ fehlt ein deutscher Stellentitel, daher übernimmt der Brief {value} unverändert. Bitte den deutschen Titel dort als role_de ergänzen.",
        "note_sender_title_as_written": "Im Blatt „Role“ fehlt eine deutsche Funktionsbezeichnung für die unterzeichnende Person, daher übernimmt der Brief {value} unverändert. Bitte die deutsche Bezeichnung dort als sender_title_de ergänzen.",
        "note_tip_generic": "Für das Kriterium {crit} gibt es keinen Entwicklungstipp, deshalb steht im Brief ein allgemeiner Vorschlag. Bitte {on_criteria} einen ergänzen.",
        "note_soft_no_tip": "Nach den Bewertungen liegt der Entwicklungsbereich bei {crit}, einem weichen Kriterium ohne Entwicklungstipp: Der Brief nennt es nicht und sagt, dass das Gesamtbild entschieden hat. Wenn der Brief mehr sagen soll, {on_criteria} einen Tipp ergänzen.",
        "note_follow_up_past": "follow_up_on ({date}) liegt vor dem Datum des Briefs und wird deshalb im Brief nicht zugesagt.",
        "note_follow_up_withdrawn": "follow_up_on ({date}) wird im Brief nicht zugesagt: {name} hat die Bewerbung zurückgezogen, daher sagt der Brief nur, dass unsere Tür offen bleibt. Bitte bis dahin Kontakt aufnehmen, wenn das Auswahlteam das weiterhin möchte; der Talentpool rechnet damit.",
        "note_follow_up_unused": "follow_up_on ist eingetragen, stay_in_touch aber „no“: Der Brief bietet keinen weiteren Kontakt an.",
        "note_above_selected": "Nach den Bewertungen liegt {name} vor der ausgewählten Person. Die im Brief genannte Stärke und der Absagegrund beruhen daher allein auf den Bewertungen: Bitte prüfen, ob sie zur tatsächlichen Begründung des Auswahlteams passen, und den Brief andernfalls anpassen. Im Telefonat nur sagen, worauf sich das Auswahlteam geeinigt hat.",
        "note_consider_stay": "{name} war bis in die letzte Runde dabei, und die Bewertungen zeigen keine Schwäche: Überlegen Sie, weiteren Kontakt anzubieten (stay_in_touch = yes und ein Datum in follow_up_on).",
    },
    # ------------------------------------------------------------------ Swedish
    "sv": {
        "subject": "Din ansökan till tjänsten som {role}",
        "greeting": "Hej {first_name},",
        "greeting_no_name": "Hej,",
        "thanks_interviewed": "Tack för att du sökte tjänsten som {role} hos oss och för den tid du lade ner på ansökan och intervjuerna.",
        "thanks_applied": "Tack för att du sökte tjänsten som {role} hos oss och för den tid du lade ner på din ansökan.",
        "strength_close": "Du gjorde ett mycket gott intryck på oss, inte minst när det gällde {crit}.",
        "strength_close_plain": "Du gjorde ett mycket gott intryck på oss.",
        "strength": "Vi uppskattade särskilt det du visade när det gällde {crit}.",
        "strength_mild": "Vi uppskattade det du visade inom området {crit}.",
        "decision_close": "Det var mycket jämnt och beslutet var inte lätt, men vi har valt att erbjuda tjänsten till någon annan.",
        "decision_told": "Som vi meddelade den {date} kan vi tyvärr inte erbjuda dig tjänsten.",
        "decision_close_told": "Som vi meddelade den {date} har vi valt att erbjuda tjänsten till någon annan. Det var mycket jämnt och beslutet var inte lätt.",
        "decision": "Tyvärr kan vi inte erbjuda dig tjänsten den här gången.",
        "reason_below_bar": "{Rank_np} var {crit}, och där hade vi behövt se mer än det som kom fram under intervjuerna.",
        "reason_below_bar_plain": "När det gäller {crit} hade vi behövt se mer än det som kom fram under intervjuerna.",
        "reason_below_bar_must": "Ett grundkrav för tjänsten var {crit}, och där hade vi behövt se mer än det som kom fram under intervjuerna.",
        "reason_shortfall_close": "Det som till slut avgjorde var {crit}, {rank_np}, där vi bara hade behövt se lite mer.",
        "reason_shortfall_close_plain": "Det som till slut avgjorde var {crit}, där vi bara hade behövt se lite mer.",
        "reason_shortfall": "Det som till slut avgjorde var {crit}, {rank_np}, där vi hade velat se mer.",
        "reason_shortfall_plain": "Det som till slut avgjorde var {crit}, där vi hade velat se mer.",
        "reason_thin": "{Rank_np} var {crit}, och ärligt talat fick vi inte veta tillräckligt om just den delen under intervjuerna för att säkert kunna bedöma om din erfarenhet på det området motsvarar det som tjänsten kräver. Det säger vi hellre rakt ut än att gissa oss till en svaghet som vi inte har sett.",
        "reason_thin_plain": "När det gäller {crit} fick vi ärligt talat inte veta tillräckligt under intervjuerna för att säkert kunna bedöma om din erfarenhet på det området motsvarar det som tjänsten kräver. Det säger vi hellre rakt ut än att gissa oss till en svaghet som vi inte har sett.",
        "reason_none": "Det berodde inte på någon enskild svaghet hos dig; till slut var det små skillnader som avgjorde.",
        "reason_overall": "Det berodde inte på någon enskild förmåga, utan på helhetsbilden från intervjuerna.",
        "tip": "Ett tips om du söker liknande tjänster framöver: {tip}",
        "tip_sentence": "Här är ett tips om du söker liknande tjänster framöver. {tip}",
        "tip_fallback": "Med mer praktisk erfarenhet när det gäller {crit}, i jobbet eller i egna projekt, står du starkare när du söker liknande tjänster.",
        "stay_close": "Din ansökan var en av de starkaste vi fick, och vi vill gärna hålla kontakten med dig. Om det dyker upp en tjänst som passar dig ännu bättre, hör vi av oss.",
        "stay_committee": "Vi vill gärna hålla kontakten med dig, eftersom din erfarenhet skulle kunna passa bra i en framtida roll hos oss. Dyker en sådan tjänst upp säger vi till.",
        "stay_withdrawn": "Dörren står öppen: blir du längre fram intresserad av en annan tjänst hos oss är du varmt välkommen att söka igen.",
        "follow_up_promise": "Oavsett vilket kontaktar jag dig igen senast den {date}.",
        "follow_up_promise_we": "Oavsett vilket kontaktar vi dig igen senast den {date}.",
        "withdrawn_ack": "Vi tycker att det är synd att du har dragit tillbaka din ansökan, men vi respekterar förstås ditt beslut – tack för att du hörde av dig.",
        "closing": "Tack igen för ditt intresse och din tid. Lycka till framöver – och har du frågor om beslutet får du gärna höra av dig till mig.",
        "closing_we": "Tack igen för ditt intresse och din tid. Lycka till framöver – och har du frågor om beslutet får du gärna höra av dig till oss.",
        "closing_withdrawn": "Jag önskar dig allt gott framöver, och undrar du något är du välkommen att kontakta mig.",
        "closing_withdrawn_we": "Vi önskar dig allt gott framöver, och undrar du något är du välkommen att kontakta oss.",
        "sign_off": "Vänliga hälsningar",
        "team": "Rekryteringsgruppen",
        "tp_call": "Ring hellre än mejla om du kan: {first_name} gick vidare till sista steget ({stage}).",
        "tp_thanks": "Tacka {first_name} för intresset för tjänsten som {role} och för den tid som har lagts ner.",
        "tp_decision_told": "{first_name} känner redan till beslutet (besked den {date}): knyt an till det och gå vidare till återkopplingen.",
        "tp_decision_close": "Ge beskedet direkt och tydligt: tjänsten har gått till någon annan, och det var jämnt.",
        "tp_decision": "Ge beskedet direkt och tydligt: vi kan inte erbjuda {first_name} tjänsten.",
        "tp_withdrawn": "Tacka för beskedet om att ansökan har dragits tillbaka och respektera beslutet – ingen bedömning av ansökan.",
        "tp_strength": "Nämn en konkret styrka: {crit}.",
        "tp_below_bar": "Ge ett skäl: {crit}{rank_paren} – där hade vi behövt se mer än det som kom fram under intervjuerna.",
        "tp_below_bar_must": "Ge ett skäl: {crit} var ett grundkrav för tjänsten, och där hade vi behövt se mer än det som kom fram under intervjuerna.",
        "tp_shortfall": "Ge ett skäl: {crit}{rank_paren} avgjorde; där hade vi velat se mer.",
        "tp_tip": "Ge ett konkret tips, till exempel: ”{tip}”",
        "tp_thin": "Säg öppet att vi inte fick veta tillräckligt om {crit} under intervjuerna. Gör det inte till en svaghet.",
        "tp_thin_aside": "Om {first_name} frågar om {crit}: vi fick inte veta tillräckligt för att kunna bedöma det (för få betyg, eller olika bedömningar), så framställ det inte som en svaghet.",
        "tp_none": "Betygen visar inget tydligt utvecklingsområde – hitta inte på något. Om {first_name} frågar: beslutet berodde inte på någon enskild svaghet.",
        "tp_soft": "Betygen visar den största skillnaden när det gäller {crit}: framställ det inte som ”du passade inte in”, utan säg att helhetsbilden från intervjuerna avgjorde.",
        "tp_not_interviewed": "{first_name} intervjuades inte: håll dig till tacket och beskedet, utan bedömning av enskilda kriterier.",
        "tp_stay": "Säg att vi gärna håller kontakten och kom överens om hur (LinkedIn, en inbjudan till ett evenemang, ett meddelande när en passande tjänst blir ledig).",
        "tp_follow_up": "Lova att höra av dig igen senast den {date} – och håll det.",
        "tp_follow_up_missing": "Bestäm ett datum för nästa kontakt och för in det (follow_up_on).",
        "tp_questions": "Fråga om {first_name} undrar något och lyssna; erbjud dig att också skicka återkopplingen skriftligt.",
        "tp_close": "Tacka igen och önska lycka till.",
        "avoid_generic": "”En annan kandidat matchade våra behov bättre” – säger ingenting; nämn kriteriet i stället.",
        "avoid_fit": "”Du var inte rätt profil” eller ”en mer passande profil” – för vagt; peka på kriteriet.",
        "avoid_scores": "Betyg, rangordning eller betygstabellen.",
        "avoid_others": "Allt om personen som fick tjänsten eller om andra kandidater.",
        "avoid_protected": "Allt som rör ålder, kön, graviditet eller familjeplanering, religion, etnisk tillhörighet, nationalitet, hälsa eller funktionsnedsättning.",
        "avoid_thin": "”Du var svag när det gäller {crit}” – det vet vi inte; intervjuerna gav oss för lite underlag.",
        "avoid_none": "Kritik bara för att ha något kritiskt att säga.",
        "avoid_withdrawn": "Någon bedömning av ansökan: den drogs tillbaka före beslutet.",
        "follow_up": "Hör av dig igen senast den {date}, som vi lovade i brevet.",
        "follow_up_missing": "Vi erbjöd oss att hålla kontakten men satte inget datum: lägg in ett datum för nästa kontakt (follow_up_on).",
        "note_round_errors": "Arbetsboken innehåller datafel (totalt {n}, listade i committee.html), så brevet kan sakna rader som har sorterats bort eller använda en gissad tjänstetitel. Rätta felen och kör rapporten igen innan brevet skickas.",
        "note_pending": "Status pending: brevet är ett utkast. Skicka det först när beslutet är registrerat.",
        "told_by_phone": "per telefon",
        "told_by_video": "via videosamtal",
        "told_by_in_person": "vid ett möte",
        "told_by_email": "via e-post",
        "told_by_letter": "per brev",
        "told_by_form_letter": "med ett standardbrev",
        "note_told": "Har redan fått besked om beslutet den {date}{how}: skicka det här brevet bara som skriftlig återkoppling, inte som ett nytt besked (kolumnen Told on i mail-merge.xlsx).",
        "note_why_shortfall": "Varför {crit} anges som skäl: med kriteriernas vikter inräknade är det här som kandidaten ligger längst efter den valda kandidaten ({gap} poäng efter; vikt {weight}).",
        "note_why_not_other": "{crit} ligger längre efter ({gap} poäng) men väger bara {weight}.",
        "note_feedback_open": "Bad om återkoppling den {date} och har inte fått den än: ge den i brevet eller i samtalet (fyll sedan i feedback_sent_on).",
        "draft_mark": "UTKAST – inget beslut ännu, skicka inte",
        "note_email_invalid": "E-postadressen {value} är inte en enda giltig adress, så utkastet saknar mottagare. Rätta den på bladet Candidates.",
        "note_email_missing": "Ingen e-postadress: .eml-utkastet saknar mottagare.",
        "note_name_missing": "Inget namn finns för den här kandidaten, så brevet inleds utan namn, och där de här anteckningarna nämner kandidaten används id:t {name} (inget att läsa upp i samtalet). Fyll i namnet innan brevet skickas, om ni har det.",
        "note_email_shared": "En annan kandidat i den här rekryteringen har samma e-postadress, {value}, så utkastet saknar mottagare: ett brev till den adressen kan hamna hos fel person. Rätta adressen på bladet Candidates (eller behåll bara en rad om det är samma person).",
        "note_no_sender": "Varken sender_name eller hiring_manager finns på bladet Role: brevet undertecknas av rekryteringsgruppen.",
        "on_criteria_sheet": "på bladet Criteria",
        "on_criteria_mapping": "under [[criteria]] i mappningsfilen",
        "on_criteria_derived": "på ett nytt blad med namnet Criteria (kriterierna hämtas nu från rubrikerna i betygskolumnerna)",
        "note_tip_english": "Kriteriet {crit} saknar utvecklingstips på svenska, så det engelska tipset används. Lägg till growth_tip_sv {on_criteria}.",
        "note_criterion_as_written": "Kriteriet {crit} saknar svenskt namn, så brevet återger originalnamnet. Lägg till ett svenskt namn som criterion_sv {on_criteria}.",
        "note_role_as_written": "Bladet Role saknar en svensk tjänstetitel, så brevet återger {value} oförändrat. Lägg till en svensk titel som role_sv på bladet Role.",
        "note_sender_title_as_written": "Bladet Role saknar en svensk titel för den som undertecknar brevet, så brevet återger {value} oförändrat. Lägg till en svensk titel som sender_title_sv på bladet Role.",
        "note_tip_generic": "Kriteriet {crit} saknar utvecklingstips, så brevet har ett allmänt förslag. Lägg till ett tips {on_criteria}.",
        "note_soft_no_tip": "Enligt betygen är utvecklingsområdet {crit}, ett mjukt kriterium utan utvecklingstips: brevet nämner det inte utan säger att helhetsbilden avgjorde. Lägg till ett tips {on_criteria} om brevet ska säga mer.",
        "note_follow_up_past": "follow_up_on ({date}) ligger före brevets datum och utlovas därför inte i brevet.",
        "note_follow_up_withdrawn": "follow_up_on ({date}) utlovas inte i brevet: {first_name} har dragit tillbaka sin ansökan, så brevet säger bara att dörren står öppen. Hör av dig senast då om rekryteringsgruppen fortfarande vill det; talangpoolen räknar med det.",
        "note_follow_up_unused": "follow_up_on är ifyllt men stay_in_touch är no: brevet erbjuder inte fortsatt kontakt.",
        "note_above_selected": "Enligt betygen rankas {first_name} högre än den som fick tjänsten, så styrkan och skälet i brevet bygger enbart på betygen. Kontrollera att de stämmer med rekryteringsgruppens faktiska skäl för beslutet, och ändra brevet om de inte gör det. Säg i samtalet bara det som gruppen har enats om.",
        "note_consider_stay": "{first_name} gick vidare till sista steget och betygen visar ingen svaghet: fundera på att erbjuda fortsatt kontakt (stay_in_touch = yes och ett datum i follow_up_on).",
    },
}


ONE_INTERVIEW: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("our interviews", "our interview"), ("the interviews", "the interview")),
    "de": (("unsere Gespräche genommen", "unser Gespräch genommen"), ("in unseren Gesprächen", "in unserem Gespräch"),
           ("aus unseren Gesprächen", "aus unserem Gespräch"), ("aus den Gesprächen", "aus dem Gespräch"),
           ("in den Gesprächen", "im Gespräch"), ("haben unsere Gespräche", "hat unser Gespräch"), ("die Gespräche haben", "das Gespräch hat")),
    "sv": (("intervjuerna", "intervjun"),),
}
"""How each language says "the interviews" for a candidate who had one (one stage scored): every sentence that speaks of
the interviews gets a twin ``*_one`` with these replacements ("our interview", "unser Gespräch", "intervjun")."""

_PLURAL = {"en": "interviews", "de": "Gespräche", "sv": "intervjuerna"}

ONE_INTERVIEW_CALL_NOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (("im Gespräch", "im Vorstellungsgespräch"), ("aus dem Gespräch", "aus dem Vorstellungsgespräch"),
           ("das Gespräch hat", "das Vorstellungsgespräch hat")),
}
"""In the call notes (``tp_*``, ``avoid_*``) read during a call, "das Gespräch" could be the call itself: the one
interview is named in full there."""


def _one_interview_twins() -> None:
    for language, pairs in ONE_INTERVIEW.items():
        for key, sentence in list(TEXTS[language].items()):
            if _PLURAL[language] not in sentence or key.endswith("_one"):
                continue
            for plural, one in pairs:
                sentence = sentence.replace(plural, one)
            if _PLURAL[language] in sentence:  # a new sentence with a form the pairs do not cover
                raise AssertionError(f"{language} {key}: no singular for {sentence!r}; extend ONE_INTERVIEW")
            if key.startswith(("tp_", "avoid_")):
                for short, full in ONE_INTERVIEW_CALL_NOTES.get(language, ()):
                    sentence = sentence.replace(short, full)
            TEXTS[language][f"{key}_one"] = sentence


_one_interview_twins()


def text(language: str, key: str, **values: object) -> str:
    """The sentence ``key`` in ``language`` with its placeholders filled in."""
    return TEXTS[language][key].format(**values)


def has(language: str, key: str) -> bool:
    """Whether ``language`` has a sentence ``key`` (German and Swedish have no ``*_company`` variants)."""
    return key in TEXTS[language]


def rank_np(language: str, rank: int) -> str | None:
    """"our most important criterion" (rank 1), "... second most important ..." (2), "one of our key criteria" (3); None from rank 4 down."""
    if rank > RANKED_UP_TO:
        return None
    return RANK_NP[language][max(rank, 1)]


def capitalise(s: str) -> str:
    return s[:1].upper() + s[1:]


def quote(s: str, language: str) -> str:
    left, right = QUOTES[language]
    return f"{left}{s}{right}"


_LEGAL = re.compile(r"[\s,]+(?:" + "|".join(re.escape(f) for f in LEGAL_FORMS) + r")$")


def short_company(name: str | None) -> str | None:
    """The company as it reads in a sentence: legal forms dropped ("Irwell Home Energy Ltd" -> "Irwell Home Energy").

    The full name is kept when nothing would be left.
    """
    if not name:
        return name
    out = name.strip()
    while True:
        shorter = _LEGAL.sub("", out).rstrip(" ,")
        if shorter == out or not shorter:
            return out
        out = shorter


_TITLE_WORD = re.compile(r"^[^\W\d_][^\W\d_A-Z]*(?:-[^\W\d_A-Z]+)*$")


def _is_title_word(word: str) -> bool:
    """"Data", "Front-end": a capital first letter and nothing else capitalised."""
    return bool(_TITLE_WORD.match(word)) and word[0].isupper() and any(ch.islower() for ch in word)


def sentence_case(name: str, language: str = "en") -> str:
    """A criterion label or job title as it reads mid-sentence: "Data visualisation" -> "data visualisation".

    The first word loses its capital when it is an ordinary capitalised word;
    acronyms ("SQL"), words with inner capitals ("JavaScript") and names in
    `KEEP_CAPITALISED` ("Python", "English") stay as written. A later word
    keeps its capital, as a name does ("Samverkan med Region Värmland" ->
    "samverkan med Region Värmland", "Kunskap om SoL och LSS" -> "kunskap om
    SoL och LSS"), except in a label written in title case, where every
    later word is capitalised ("Stakeholder Management", "Problem Solving",
    "Att Leda"; in English small words such as "of" may stay lower case:
    "Management of Key Accounts"). A label the committee starts with a
    small letter is used exactly as written.
    """
    words = name.split(" ")
    if not words or not _is_title_word(words[0]) or words[0] in KEEP_CAPITALISED:
        return name
    rest = words[1:]
    # title case: every later word capitalised (acronyms, words with inner capitals and known names aside; in English
    # small words such as "of" and "and" may stay lower case). Swedish and German do not title-case, so there a lower
    # case word among capitalised ones marks the capitals as a name's
    plain = [w for w in rest if w.replace("-", "").isalpha() and not w.isupper() and w not in KEEP_CAPITALISED]
    content = [w for w in plain if language != "en" or w.casefold() not in ENGLISH_SMALL_WORDS]
    title = bool(content) and all(_is_title_word(w) for w in content)
    out = [words[0][0].lower() + words[0][1:]]
    for w in rest:
        out.append(w[0].lower() + w[1:] if title and _is_title_word(w) and w not in KEEP_CAPITALISED else w)
    return " ".join(out)


def tip_stands_alone(tip: str, language: str) -> bool:
    """Whether the letter gives a workbook tip as a sentence of its own rather than after a colon: when it has a colon
    of its own, or (English, Swedish) starts with a capital letter, which mid-sentence lower case could take from a name."""
    tip = str(tip).strip()
    return ":" in tip or (language in ("en", "sv") and tip[:1].isupper())


def criterion_text(name: str, language: str, round_language: str | None, translated: str | None = None) -> str:
    """A criterion name ready for a sentence of the letter.

    ``translated`` is the committee's name for the criterion in the letter's
    language (criterion_en, criterion_de, criterion_sv on the Criteria sheet):
    when given, the letter uses it as ordinary text of its own language.

    In a letter in the round's own language the name reads as ordinary
    text: German as written (nouns keep their capital; the sentences put it
    after "der Bereich", so no article or case ending depends on it),
    English and Swedish in lower case mid-sentence (see `sentence_case`).
    A criterion from a round in another language is quoted and left as
    written (“Content und Storytelling”), so it reads as the committee's
    label rather than a misspelt word.
    """
    if translated:
        return criterion_text(translated, language, language)
    name = " ".join(str(name).split())
    if language != round_language:
        return quote(name, language)
    return name if language == "de" else sentence_case(name, language)


def as_sentence(tip: str, language: str, after_colon: bool = True) -> str:
    """A workbook tip ready to follow a colon (or to stand alone): trimmed, with a final full stop.

    The committee's words are never put in lower case (the first word may be
    a name: "Socialstyrelsens webbutbildningar ..."): a tip written with a
    capital stands as a sentence of its own in English and Swedish letters
    (`tip_stands_alone`). After a colon German starts a full sentence with
    a capital letter; with ``after_colon=False`` the tip starts with one.
    """
    tip = " ".join(str(tip).split())
    if not tip:
        return tip
    if not after_colon or language not in ("en", "sv"):
        tip = capitalise(tip)
    return tip if tip[-1] in ".!?…" else tip + "."
