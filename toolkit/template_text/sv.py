"""The scorecard template's texts in Swedish (see `toolkit.template_text`): the Instructions sheet, the Role notes, the
checks' titles, prompts and warnings, and the notes on the column headings. Written by a native writer, "du"."""

INSTRUCTIONS = (
    "Debriefs bedömningsmall: en arbetsbok per rekrytering",
    "",
    "Role (tjänsten): ett värde per rad i kolumn B – vilken tjänst rekryteringen gäller, vem som skriver under "
    "breven, poängskalan och inom hur många arbetsdagar kandidaterna ska få besked. Kolumn C förklarar varje rad.",
    "Criteria (kriterier): de urvalskriterier som verkligen avgör, ungefär fem. Rangordna dem i kolumnen rank: 1 = viktigast, "
    "varje rangnummer en gång. weight (vikt) är frivillig: lämnar du den tom på alla rader räknas vikten fram ur "
    "rangordningen. must_have = yes (skallkrav) när en kandidat som inte uppfyller kriteriet inte kan komma i fråga; "
    "bar = lägsta godtagbara poäng (lägstanivå), och ett skallkrav måste ha en. soft = yes för hur någon samarbetar "
    "med andra (teamkänsla, värderingar): breven anger aldrig ett mjukt kriterium som skäl till ett nej. "
    "description = vad kriteriet innebär, som stöd för intervjuarna; det används inte i breven. growth_tip (engelska), "
    "growth_tip_de (tyska) och growth_tip_sv (svenska) är konkreta utvecklingsråd som citeras i breven med "
    "återkoppling. criterion_en, criterion_de och criterion_sv är kriteriets namn i brev på respektive språk, för "
    "kandidater som får sitt brev på ett annat språk än rekryteringens (tomt = namnet som det är skrivet, inom "
    "citattecken).",
    "Candidates (kandidater): en rad per kandidat med ett unikt candidate_id. status: hired (anställd) när "
    "erbjudandet är accepterat, offered (erbjuden) så länge erbjudandet är öppet, rejected (fick nej, ej aktuell), "
    "withdrawn när kandidaten själv har dragit sig ur, pending (väntar) tills rekryteringsgruppen har "
    "beslutat om kandidaten (när rekryteringens beslut väl är fattat betyder pending att kandidaten väntar på "
    "besked). Fyll i beslutsdatumet (decided_on; tomt = rekryteringens datum på bladet Role), dagen då "
    "kandidaten fick besked (notified_on) och hur (channel): phone, video och in_person är personliga och att "
    "föredra för kandidater i slutomgången; email och letter är skriftliga; form_letter är ett standardbrev. "
    "feedback_requested_on och feedback_sent_on: när kandidaten bad om återkoppling och när den lämnades. "
    "stay_in_touch: yes när kandidaten har tackat ja till att ni hör av er om andra tjänster (talangpool), no om kandidaten "
    "tackade nej, tomt så länge det inte är noterat (då avgör poängen om brevet erbjuder det); follow_up_on är dagen "
    "ni har lovat att höra av er nästa gång. notes är interna anteckningar och syns aldrig i breven.",
    "Scores (poäng): en rad per intervjuare, kandidat, kriterium och intervjuomgång. Lämna score tom när kriteriet "
    "inte bedömdes: tomt betyder ”inte bedömt”, vilket inte är samma sak som 0. evidence (underlag) = vad "
    "intervjuaren såg eller hörde (fakta, inte intryck).",
    "",
    "Datum: skriv riktiga datum (t.ex. 2026-03-13), inte text. Datumkolumnerna är formaterade för datum.",
    "Listrutor finns i kolumnerna status, channel och language och i yes/no-kolumnerna på bladen Candidates och Criteria; "
    "på bladet Scores visar criterion och candidate_id kriterierna och kandidaternas id från bladen Criteria och Candidates; i score och bar "
    "säger Excel till när ett tal ligger utanför skalan. Kontrollerna varnar men låter dig fortsätta, eftersom "
    "Debrief läser mer än listorna erbjuder (ja, fick nej, telefon …). Det är debrief validate som har sista ordet.",
    "Håll muspekaren över en kolumnrubrik (rad 1) så ser du vad som ska stå i kolumnen.",
    "Låt rubrikraden (rad 1) vara som den är och fyll i uppgifterna från rad 2. Byt inte namn på bladen. "
    "Bladnamnen, kolumnrubrikerna och värdena i listrutorna är Debriefs fasta ord på engelska och ska stå kvar "
    "precis som de är, så att Debrief kan läsa alla arbetsböcker på samma sätt. Skriver du in ett värde för hand "
    "går det också bra på svenska: Debrief läser till exempel ja/nej, fick nej, ej aktuell, anställd, telefon och mejl.",
    "Kontrollera arbetsboken med:  debrief validate FILNAMN.xlsx  (i ett terminalfönster, i mappen där Debrief är installerat: .venv/bin/debrief validate FILNAMN.xlsx; eller fråga den som har installerat Debrief).",
)

ROLE_NOTES = {
    "role": "Tjänstens titel, som i platsannonsen (måste fyllas i).",
    "requisition": "Rekryteringens eller tjänstens id i ert rekryteringssystem.",
    "department": "Förvaltning, avdelning eller enhet som tjänsten hör till.",
    "hiring_manager": "Den som ansvarar för rekryteringen (rekryterande chef).",
    "country": "Landskod med två bokstäver (SE, DE, GB …). Styr vilka helgdagar som räknas bort när arbetsdagar räknas.",
    "language": "Brevens standardspråk: en, de eller sv (välj i listan).",
    "response_target_days": "Inom hur många arbetsdagar efter beslutet kandidaterna ska få besked. Tomt = 3.",
    "decided_on": "Dagen då rekryteringsgruppen fattade beslut. Gäller kandidater som inte har ett eget decided_on.",
    "scale": "Poängskala, skrivs lägst-högst, t.ex. 1-5 (tomt = 1-5).",
    "company": "Organisationens namn (företaget, kommunen eller myndigheten) så som det ska stå i breven.",
    "sender_name": "Den som skriver under breven.",
    "sender_title": "Titeln för den som skriver under.",
    "sender_email": "E-postadressen till den som skriver under: står under underskriften för frågor och är avsändare av e-postutkasten.",
    "sender_phone": "Telefonnumret till den som skriver under: står under underskriften för frågor.",
    "role_en": "Tjänstens titel i brev på engelska, om role ovan är skriven på ett annat språk (tomt = som den är skriven).",
    "role_de": "Tjänstens titel i brev på tyska, om role ovan är skriven på ett annat språk (tomt = som den är skriven).",
    "role_sv": "Tjänstens titel i brev på svenska, om role ovan är skriven på ett annat språk (tomt = som den är skriven).",
    "sender_title_en": "Undertecknarens titel i brev på engelska, om sender_title är skriven på ett annat språk "
                       "(tomt = som den är skriven).",
    "sender_title_de": "Undertecknarens titel i brev på tyska, om sender_title är skriven på ett annat språk "
                       "(tomt = som den är skriven).",
    "sender_title_sv": "Undertecknarens titel i brev på svenska, om sender_title är skriven på ett annat språk "
                       "(tomt = som den är skriven).",
}

CHECKS = {
    "list_title": "Finns inte i listan",
    "list_error": "Välj ett värde i listrutan.",
    "choose_title": "Välj i listan",
    "name_title": "Finns inte på bladet {sheet}",
    "name_error": "Använd ett värde från bladet {sheet}.",
    "date_title": "Inte ett datum",
    "date_error": "Skriv ett datum, t.ex. 2026-03-13.",
    "score_title": "Poäng utanför skalan",
    "score_error": "Skriv ett tal från {lo} till {hi}, eller lämna tomt om kriteriet inte bedömdes.",
    "score_prompt_title": "Poäng",
    "score_prompt": "{lo} till {hi}; tomt = inte bedömt (inte samma som 0).",
    "bar_title": "Lägstanivå utanför skalan",
    "bar_error": "Skriv ett tal från {lo} till {hi}, eller lämna tomt om det inte ska finnas någon lägstanivå.",
    "bar_prompt_title": "Lägstanivå",
    "bar_prompt": "Frivilligt: det lägsta medelvärde som fortfarande uppfyller kriteriet ({lo} till {hi}); "
                  "tomt = ingen lägstanivå. Ett skallkrav måste ha en.",
    "weight_title": "Vikt utanför intervallet",
    "weight_error": "Skriv ett tal från 0 till {max} (eller en procentsats), eller lämna tomt så räknas vikterna "
                    "fram ur rangordningen.",
    "weight_prompt_title": "Vikt",
    "weight_prompt": "Frivilligt. Bara förhållandet mellan vikterna räknas (30, 25, 20 … eller 30 %); "
                     "tomt på alla rader = räknas fram ur rangordningen.",
    "target_title": "Inte 0–60 arbetsdagar",
    "target_error": "Skriv antalet arbetsdagar som ett heltal från 0 till 60, t.ex. 3.",
    "yes_no_prompt": "yes (ja) eller no (nej)",
    "status_prompt": "hired = anställd (har tackat ja), offered = erbjudande lämnat, rejected = fick nej (ej aktuell), "
                     "withdrawn = drog sig ur, pending = inte beslutat än",
    "channel_prompt": "Hur kandidaten fick beskedet: phone = telefon, video = videosamtal, in_person = personligen, "
                      "email = e-post, letter = brev, form_letter = standardbrev.",
    "language_prompt": "Tomt = rekryteringens språk.",
    "role_language_prompt": "Brevens språk: en (engelska), de (tyska) eller sv (svenska).",
    "stay_in_touch_prompt": "yes (ja) = har tackat ja till att hålla kontakten, no (nej) = har tackat nej, tomt = inte noterat "
                            "(då avgör poängen om brevet erbjuder det).",
    "criterion_prompt": "Ett kriterium från bladet Criteria.",
    "candidate_prompt": "Ett candidate_id från bladet Candidates.",
}

FIELD_NOTES = {
    "Criteria": {
        "criterion": "Kriteriets namn så som rekryteringsgruppen använder det; varje namn en gång",
        "rank": "1 = viktigast, sedan 2, 3 …; varje rangnummer en gång, helst bestämt före intervjuerna",
        "weight": "Relativ vikt från 0 till 1000 (t.ex. 3, 30 % eller 0,3); tomt på alla rader = räknas fram "
                  "ur rangordningen",
        "must_have": "yes = skallkrav: en kandidat som inte når lägstanivån (bar) kan inte komma i fråga (jämförelsen "
                     "visar vem som ligger under); kräver ett värde i bar; tomt = no",
        "bar": "Lägsta godtagbara poäng på rekryteringens skala; tomt = ingen lägstanivå",
        "soft": "yes = hur någon samarbetar med andra (teamkänsla, värderingar), inte en färdighet: breven anger "
                "det aldrig som skäl; tomt = avgörs av namnet",
        "description": "Vad kriteriet innebär, som stöd för intervjuarna (används inte i breven)",
        "growth_tip": "Ett konkret sätt att utvecklas inom kriteriet; citeras i brev på engelska som nämner det",
        "growth_tip_de": "Samma råd för brev på tyska",
        "growth_tip_sv": "Ett konkret sätt att utvecklas inom kriteriet; citeras i brev på svenska som nämner det",
        "criterion_en": "Kriteriets namn i brev på engelska; tomt = som det är skrivet",
        "criterion_de": "Kriteriets namn i brev på tyska; tomt = som det är skrivet",
        "criterion_sv": "Kriteriets namn i brev på svenska; tomt = som det är skrivet",
    },
    "Candidates": {
        "candidate_id": "Kandidatens id, unikt i rekryteringen (som i ert rekryteringssystem)",
        "name": "Fullständigt namn, så som det ska stå i brevet; tomt = kandidaten visas med sitt id, och brevet inleds utan namn",
        "email": "En enda e-postadress, bara själva adressen (namn@example.com): mottagaren av brevutkastet",
        "language": "Brevets språk; tomt = rekryteringens",
        "status": "hired (anställd: har tackat ja till erbjudandet), offered (erbjudande lämnat men inte accepterat "
                  "än), rejected (fick nej, ej aktuell), withdrawn (drog sig ur), pending (inte beslutat än; när rekryteringens "
                  "beslut är fattat betyder pending att kandidaten väntar på besked)",
        "stage_reached": "Den sista intervjuomgång kandidaten kom till, skriven som på bladet Scores",
        "applied_on": "Ansökningsdatum",
        "last_interview_on": "Datum för den sista intervjun",
        "decided_on": "Dagen då rekryteringsgruppen beslutade om kandidaten; tomt = rekryteringens decided_on "
                      "(bladet Role)",
        "notified_on": "Dagen då kandidaten fick besked om beslutet; tomt = inget besked än",
        "channel": "Hur kandidaten fick beskedet: phone, video eller in_person (personligt), email eller letter "
                   "(skriftligt), form_letter (standardbrev)",
        "feedback_requested_on": "Dagen då kandidaten bad om återkoppling; tomt = kandidaten bad inte om det",
        "feedback_sent_on": "Dagen då den begärda återkopplingen lämnades",
        "stay_in_touch": "yes = kandidaten har tackat ja till att hålla kontakten (talangpool), no = tackade nej; "
                         "tomt = inte noterat: då avgör poängen om brevet erbjuder det (starka kandidater som var nära att få tjänsten)",
        "follow_up_on": "Dagen ni har lovat att höra av er nästa gång (uppföljning i talangpoolen)",
        "notes": "Interna anteckningar (syns aldrig i breven)",
    },
    "Scores": {
        "candidate_id": "Kandidatens id från bladet Candidates",
        "interviewer": "Intervjuarens namn, skrivet på samma sätt på varje rad",
        "criterion": "Kriteriets namn från bladet Criteria",
        "score": "Poäng på rekryteringens skala; tomt = inte bedömt (inte 0)",
        "stage": "Intervjuomgången (t.ex. första intervju, slutintervju); tomt när det bara finns en",
        "interviewed_on": "Dagen för intervjun",
        "evidence": "Vad intervjuaren såg eller hörde: fakta, inte intryck (syns aldrig i breven)",
    },
}
