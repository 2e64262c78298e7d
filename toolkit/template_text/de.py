"""The scorecard template's texts in German (see `toolkit.template_text`): the Instructions sheet, the Role notes, the
checks' titles, prompts and warnings, and the notes on the column headings. Written by a native writer, formal "Sie"."""

INSTRUCTIONS = (
    "Debrief-Bewertungsbogen: eine Arbeitsmappe pro Auswahlverfahren",
    "",
    "Role (Stelle): Tragen Sie in Spalte B je Zeile einen Wert ein – für welche Stelle das Verfahren läuft, "
    "wer die Briefe unterschreibt, die Bewertungsskala und die Rückmeldefrist. Spalte C erläutert jede Zeile.",
    "Criteria (Kriterien): die Auswahlkriterien, die wirklich entscheiden – etwa fünf. Bringen Sie sie in eine "
    "Rangfolge (rank): 1 = am wichtigsten, jeder Rang nur einmal. Die Gewichtung (weight) ist optional; bleibt sie "
    "überall leer, ergibt sie sich aus dem Rang. must_have = yes, wenn jemand ohne dieses Kriterium nicht infrage "
    "kommt (Muss-Kriterium); bar = der niedrigste noch akzeptable Wert (Mindestwert) – ein Muss-Kriterium braucht einen. soft = yes für Kriterien zur Zusammenarbeit (Teamfit, Werte): Ein solches weiches Kriterium nennen die "
    "Briefe nie als Grund für eine Absage. description = was das Kriterium bedeutet, als Hilfe für die "
    "Interviewenden; in Briefen wird es nicht verwendet. growth_tip (Englisch), growth_tip_de (Deutsch) und "
    "growth_tip_sv (Schwedisch) sind konkrete Entwicklungstipps, die in Feedbackbriefen zitiert werden. "
    "criterion_en, criterion_de und criterion_sv sind der Name des Kriteriums in Briefen der jeweiligen Sprache – "
    "für Bewerbende, die ihren Brief in einer anderen Sprache erhalten als der des Verfahrens (leer = der Name wie "
    "eingetragen, in Anführungszeichen).",
    "Candidates (Bewerbende): eine Zeile pro Person mit einer eindeutigen candidate_id. status: hired, sobald das "
    "Angebot angenommen ist; offered, solange es noch offen ist; rejected (abgelehnt), sobald sich das Auswahlteam gegen die Person entschieden hat (auch vor der Benachrichtigung); withdrawn, wenn die Person "
    "ihre Bewerbung zurückgezogen hat; pending, bis das Auswahlteam über sie entschieden hat (steht die Entscheidung "
    "im Verfahren fest, gilt eine Person mit pending als noch zu benachrichtigen). Tragen Sie das Datum der "
    "Entscheidung ein (decided_on; leer = das des Verfahrens aus dem Blatt „Role“), den Tag, an dem die Person "
    "informiert wurde (notified_on), und auf welchem Weg (channel: phone, video und in_person sind persönlich und "
    "bei Bewerbenden aus der letzten Runde vorzuziehen; email und letter sind schriftlich; form_letter ist ein "
    "Standardschreiben). feedback_requested_on und feedback_sent_on: wann die Person um Feedback gebeten und wann "
    "sie es erhalten hat. stay_in_touch: yes, sobald die Person zugestimmt hat, über andere Stellen informiert zu werden (Talentpool); no, wenn sie das abgelehnt hat; leer, solange nichts vermerkt ist (dann entscheiden die "
    "Bewertungen, ob der Brief weiteren Kontakt anbietet). follow_up_on ist der zugesagte Termin für den nächsten "
    "Kontakt. notes sind intern und erscheinen nie in Briefen.",
    "Scores (Bewertungen): eine Zeile pro Bewertung – wer welche Person in welcher Runde nach welchem "
    "Kriterium bewertet hat. Lassen Sie score leer, wenn das Kriterium nicht bewertet wurde: Leer heißt „nicht bewertet“ "
    "und ist nicht dasselbe wie 0. evidence = was die interviewende Person gesehen oder gehört hat (Fakten, keine "
    "Eindrücke).",
    "",
    "Datumsangaben: Geben Sie echte Datumswerte ein (z. B. 13.03.2026), keinen Text. Die Datumsspalten sind als "
    "Datum formatiert.",
    "Auswahllisten: Die Spalten status, channel, language und die yes/no-Spalten in den Blättern „Candidates“ und „Criteria“ bieten "
    "eine Auswahlliste; im Blatt „Scores“ bieten die Spalten criterion und candidate_id die Kriterien aus dem Blatt „Criteria“ und die IDs aus dem Blatt „Candidates“ zur Auswahl an. Bei score und bar fragt Excel nach, wenn eine Zahl außerhalb der Skala liegt. Die Prüfungen warnen "
    "nur und lassen Sie weiterarbeiten, denn Debrief versteht mehr, als die Listen anbieten (ja, abgelehnt, "
    "Telefon …); das letzte Wort hat debrief validate.",
    "Wenn Sie mit der Maus auf eine Spaltenüberschrift (Zeile 1) zeigen, sehen Sie, was in die Spalte gehört.",
    "Lassen Sie die Kopfzeile (Zeile 1) unverändert; Ihre Daten beginnen in Zeile 2. Benennen Sie die Blätter "
    "nicht um. Blattnamen, Spaltenüberschriften und die Werte der Auswahllisten sind feste englische Begriffe von "
    "Debrief und bleiben, wie sie sind. Einige deutsche Werte, die Sie von Hand eingeben, liest Debrief trotzdem "
    "(ja/nein, abgelehnt, eingestellt, Telefon, E-Mail …).",
    "Prüfen Sie die Arbeitsmappe mit:  debrief validate DIESE_DATEI.xlsx  (in einem Terminal, im Ordner, in dem Debrief installiert ist: .venv/bin/debrief validate DIESE_DATEI.xlsx; oder fragen Sie die Person, die Debrief eingerichtet hat).",
)

ROLE_NOTES = {
    "role": "Stellenbezeichnung wie in der Stellenanzeige (Pflichtfeld).",
    "requisition": "Stellen- oder Ausschreibungsnummer aus Ihrem Bewerbermanagementsystem.",
    "department": "Abteilung oder Team, zu dem die Stelle gehört.",
    "hiring_manager": "Die Person, die das Auswahlverfahren verantwortet.",
    "country": "Zweistelliger Ländercode (DE, SE, GB …). Bestimmt die Feiertage, wenn Arbeitstage gezählt werden.",
    "language": "Standardsprache der Briefe: en, de oder sv (Auswahlliste).",
    "response_target_days": "Frist in Arbeitstagen von der Entscheidung bis zur Nachricht an die Bewerbenden. Leer = 3.",
    "decided_on": "Datum, an dem das Auswahlteam entschieden hat. Gilt für alle Bewerbenden, deren eigenes decided_on leer ist.",
    "scale": "Bewertungsskala als „von-bis“, z. B. 1-5 (leer = 1-5).",
    "company": "Firmenname, wie er in den Briefen steht.",
    "sender_name": "Wer die Briefe unterschreibt.",
    "sender_title": "Funktionsbezeichnung der unterzeichnenden Person.",
    "sender_email": "E-Mail-Adresse der unterzeichnenden Person: wird für Rückfragen unter der Unterschrift angegeben und dient als Absenderadresse der E-Mail-Entwürfe.",
    "sender_phone": "Telefonnummer der unterzeichnenden Person: wird für Rückfragen unter der Unterschrift angegeben.",
    "role_en": "Die Stellenbezeichnung für englische Briefe, falls sie oben (role) in einer anderen Sprache steht "
               "(leer = wie eingetragen).",
    "role_de": "Die Stellenbezeichnung für deutsche Briefe, falls sie oben (role) in einer anderen Sprache steht "
               "(leer = wie eingetragen).",
    "role_sv": "Die Stellenbezeichnung für schwedische Briefe, falls sie oben (role) in einer anderen Sprache steht "
               "(leer = wie eingetragen).",
    "sender_title_en": "Die Funktionsbezeichnung der unterzeichnenden Person für englische Briefe, falls sender_title "
                       "in einer anderen Sprache steht (leer = wie eingetragen).",
    "sender_title_de": "Die Funktionsbezeichnung der unterzeichnenden Person für deutsche Briefe, falls sender_title "
                       "in einer anderen Sprache steht (leer = wie eingetragen).",
    "sender_title_sv": "Die Funktionsbezeichnung der unterzeichnenden Person für schwedische Briefe, falls sender_title "
                       "in einer anderen Sprache steht (leer = wie eingetragen).",
}

CHECKS = {
    "list_title": "Nicht in der Liste",
    "list_error": "Bitte wählen Sie einen Wert aus der Auswahlliste.",
    "choose_title": "Aus der Liste wählen",
    "name_title": "Nicht im Blatt „{sheet}“",
    "name_error": "Verwenden Sie einen Wert aus dem Blatt „{sheet}“.",
    "date_title": "Kein Datum",
    "date_error": "Geben Sie ein Datum wie 13.03.2026 ein.",
    "score_title": "Bewertung außerhalb der Skala",
    "score_error": "Geben Sie eine Zahl von {lo} bis {hi} ein oder lassen Sie die Zelle leer, wenn das Kriterium "
                   "nicht bewertet wurde.",
    "score_prompt_title": "Bewertung",
    "score_prompt": "{lo} bis {hi}; leer = nicht bewertet (nicht 0).",
    "bar_title": "Mindestwert außerhalb der Skala",
    "bar_error": "Geben Sie eine Zahl von {lo} bis {hi} ein oder lassen Sie die Zelle leer, wenn es keinen "
                 "Mindestwert gibt.",
    "bar_prompt_title": "Mindestwert",
    "bar_prompt": "Optional: der niedrigste Mittelwert, mit dem das Kriterium noch erfüllt ist ({lo} bis {hi}); "
                  "leer = kein Mindestwert. Ein Muss-Kriterium braucht einen.",
    "weight_title": "Gewichtung nicht im Bereich",
    "weight_error": "Geben Sie eine Zahl von 0 bis {max} (oder einen Prozentwert) ein oder lassen Sie die Zelle leer, "
                    "damit sich die Gewichtung aus dem Rang ergibt.",
    "weight_prompt_title": "Gewichtung",
    "weight_prompt": "Optional. Es zählt nur das Verhältnis (30, 25, 20 … oder 30 %); überall leer = aus dem Rang "
                     "abgeleitet.",
    "target_title": "Nicht 0 bis 60 Arbeitstage",
    "target_error": "Geben Sie eine ganze Zahl von Arbeitstagen zwischen 0 und 60 ein, z. B. 3.",
    "yes_no_prompt": "yes (ja) oder no (nein)",
    "status_prompt": "hired = eingestellt (Angebot angenommen), offered = Angebot offen, rejected = abgelehnt, "
                     "withdrawn = Bewerbung zurückgezogen, pending = noch nicht entschieden",
    "channel_prompt": "Wie die Person informiert wurde: phone = Telefon, video = Videocall, in_person = Gespräch vor Ort, "
                      "email = E-Mail, letter = Brief, form_letter = Standardschreiben.",
    "language_prompt": "en = Englisch, de = Deutsch, sv = Schwedisch; leer = Sprache des Verfahrens.",
    "role_language_prompt": "Sprache der Briefe: en (Englisch), de (Deutsch) oder sv (Schwedisch).",
    "stay_in_touch_prompt": "yes (ja) = mit weiterem Kontakt einverstanden, no (nein) = nicht gewünscht, leer = nicht vermerkt (dann "
                            "entscheiden die Bewertungen, ob der Brief weiteren Kontakt anbietet).",
    "criterion_prompt": "Ein Kriterium aus dem Blatt „Criteria“.",
    "candidate_prompt": "Eine candidate_id aus dem Blatt „Candidates“.",
}

FIELD_NOTES = {
    "Criteria": {
        "criterion": "Name des Kriteriums, wie das Auswahlteam es nennt; jeder Name nur einmal",
        "rank": "1 = am wichtigsten, dann 2, 3 …; jeder Rang nur einmal, am besten vor den Gesprächen festgelegt",
        "weight": "Relative Gewichtung von 0 bis 1000 (3; 0,3 oder 30 %); in allen Zeilen leer = aus dem Rang abgeleitet",
        "must_have": "yes = wer den Mindestwert (bar) verfehlt, scheidet aus (der Vergleich markiert, wer darunter "
                     "liegt); braucht einen Wert in bar; leer = no",
        "bar": "Der niedrigste noch akzeptable Wert auf der Skala des Verfahrens; leer = kein Mindestwert",
        "soft": "yes = betrifft die Zusammenarbeit (Teamfit, Werte), keine Fachkompetenz: Briefe nennen es nie als "
                "Grund; leer = wird anhand des Namens entschieden",
        "description": "Was das Kriterium bedeutet, als Hilfe für die Interviewenden (nicht in Briefen)",
        "growth_tip": "Ein konkreter Tipp, wie man sich in diesem Bereich weiterentwickeln kann, auf Englisch; "
                      "zitiert in englischen Briefen, die das Kriterium nennen",
        "growth_tip_de": "Ein konkreter Tipp, wie man sich in diesem Bereich weiterentwickeln kann, auf Deutsch; "
                         "zitiert in deutschen Briefen, die das Kriterium nennen",
        "growth_tip_sv": "Derselbe Tipp für schwedische Briefe",
        "criterion_en": "Name des Kriteriums in englischen Briefen; leer = wie eingetragen",
        "criterion_de": "Name des Kriteriums in deutschen Briefen; leer = wie eingetragen",
        "criterion_sv": "Name des Kriteriums in schwedischen Briefen; leer = wie eingetragen",
    },
    "Candidates": {
        "candidate_id": "ID der Person, im Verfahren eindeutig (wie in Ihrem Bewerbermanagementsystem)",
        "name": "Vollständiger Name, so wie der Brief die Person anspricht; leer = die Person erscheint unter ihrer Kennung, und der Brief beginnt ohne Namen",
        "email": "Eine einzelne Adresse (name@example.com): Empfänger des Briefentwurfs",
        "language": "Sprache des Briefs; leer = die des Verfahrens",
        "status": "hired (Angebot angenommen), offered (Angebot gemacht, noch nicht angenommen), rejected (abgelehnt), "
                  "withdrawn (Bewerbung zurückgezogen), pending (noch nicht entschieden; steht die Entscheidung im "
                  "Verfahren fest, gilt die Person als noch zu benachrichtigen)",
        "stage_reached": "Die letzte erreichte Gesprächsrunde, so geschrieben wie im Blatt „Scores“",
        "applied_on": "Datum der Bewerbung",
        "last_interview_on": "Datum des letzten Gesprächs",
        "decided_on": "Tag, an dem das Auswahlteam über diese Person entschieden hat; leer = decided_on des "
                      "Verfahrens (Blatt „Role“)",
        "notified_on": "Tag, an dem die Person die Entscheidung erfahren hat; leer = noch nicht informiert",
        "channel": "Wie die Person informiert wurde: phone, video oder in_person (alle drei persönlich), email oder letter "
                   "(schriftlich), form_letter (Standardschreiben)",
        "feedback_requested_on": "Tag, an dem die Person um Feedback gebeten hat; leer = keine Anfrage",
        "feedback_sent_on": "Tag, an dem die Person das erbetene Feedback erhalten hat",
        "stay_in_touch": "yes = mit weiterem Kontakt einverstanden (Talentpool), no = nicht gewünscht; leer = nicht "
                         "vermerkt: Die Bewertungen entscheiden, ob der Brief Kontakt anbietet (bei knapp unterlegenen Bewerbenden)",
        "follow_up_on": "Zugesagter Termin für den nächsten Kontakt (Nachfassen im Talentpool)",
        "notes": "Interne Notizen (nie in Briefen)",
    },
    "Scores": {
        "candidate_id": "ID der Person aus dem Blatt „Candidates“",
        "interviewer": "Wer bewertet hat, in jeder Zeile gleich geschrieben",
        "criterion": "Name des Kriteriums aus dem Blatt „Criteria“",
        "score": "Bewertung auf der Skala des Verfahrens; leer = nicht bewertet (nicht 0)",
        "stage": "Die Gesprächsrunde (z. B. Erstgespräch, Finalrunde); leer, wenn es nur eine gibt",
        "interviewed_on": "Tag des Gesprächs",
        "evidence": "Was die interviewende Person gesehen oder gehört hat: Fakten, keine Eindrücke (nie in Briefen)",
    },
}
