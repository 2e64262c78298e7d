"""What the scorecard template says to the committee, in English, German and Swedish.

`toolkit.workbook` writes these texts into the template (`debrief template
--language de`): the Instructions sheet, the note beside each Role field, the
note on each column heading and the prompts and warnings of the drop-downs and
checks. What the committee types stays the format's own words in every
language: the sheet names Role, Criteria, Candidates and Scores, the column
headings (`toolkit.schema`) and the drop-down values (rejected, phone, yes ...),
so that every template reads back the same way and one set of documentation
(docs/scorecard-format.md) holds for all of them. The texts explain those
words in the committee's language.

The English note on a column heading is the field's `schema.Field.doc` (its one
home, mirrored in docs/scorecard-format.md); `FIELD_NOTES` holds the German and
Swedish ones. Excel shows at most 32 characters of a prompt's or warning's title
and 255 of its text (`tests/test_template_languages.py` holds every text to that).
"""

from __future__ import annotations

from ..schema import LANGUAGE_NAMES, LANGUAGES, SHEETS
from . import de, sv

TEMPLATE_LANGUAGES = LANGUAGES

DATE_DISPLAY = {"en": "yyyy-mm-dd", "de": "dd.mm.yyyy", "sv": "yyyy-mm-dd"}
"""How the template's date cells show a date: as a German writes it (13.03.2026), else ISO (2026-03-13, as in Sweden).
Only the display: the cell holds a real date, read the same whatever the format."""

INSTRUCTIONS_SHEET = {"en": "Instructions", "de": "Anleitung", "sv": "Instruktioner"}
"""The name of the sheet that explains the workbook (a name the loader passes over, `readers.detect.IGNORED_SHEET_WORDS`)."""

ROLE_NOTES: dict[str, dict[str, str]] = {"en": {
    "role": "Job title, as in the job ad (required).",
    "requisition": "Requisition or job id from your applicant tracking system.",
    "department": "Department or team the role belongs to.",
    "hiring_manager": "The person who owns the round.",
    "country": "Two-letter country code (DE, SE, GB, ...). Used for public holidays when counting business days.",
    "language": "Default letter language: en, de or sv (drop-down).",
    "response_target_days": "Business days from decision to telling a candidate. Blank = 3.",
    "decided_on": "Date the committee decided. Used for candidates whose own decided_on is blank.",
    "scale": "Score scale, lowest-highest, e.g. 1-5 (blank = 1-5).",
    "company": "Company name used in letters.",
    "sender_name": "Who signs the letters.",
    "sender_title": "The signer's job title.",
    "sender_email": "The signer's email address: printed under the signature for questions, and the sender of the email drafts.",
    "sender_phone": "The signer's phone number, printed under the signature for questions.",
    **{f"role_{lang}": f"The job title in letters in {LANGUAGE_NAMES[lang][0].capitalize()}, if the role above is written in "
                       "another language (blank = as written)." for lang in LANGUAGES},
    **{f"sender_title_{lang}": f"The signer's job title in letters in {LANGUAGE_NAMES[lang][0].capitalize()}, if sender_title is "
                               "written in another language (blank = as written)." for lang in LANGUAGES},
}}
"""The note beside each field on the Role sheet (column C), by language."""
INSTRUCTIONS: dict[str, tuple[str, ...]] = {"en": (
    "Debrief scorecard: one workbook per hiring round",
    "",
    "Role: one value per line in column B (what the round is for, who signs the letters, "
    "the score scale and the response target). Column C explains each line.",
    "Criteria: the selection criteria that really decide, about five. Rank them: 1 = most important, "
    "each rank once. Weight is optional; leave it blank everywhere and it is derived from the rank. "
    "must_have = yes when missing it rules a candidate out; bar = the lowest acceptable score (a must-have needs one). "
    "soft = yes for how someone works with others (team fit, values): letters never give a soft criterion as "
    "the reason for a no. description = what the criterion means, for the interviewers; it is not used in letters. "
    "growth_tip (English), growth_tip_de (German) and growth_tip_sv (Swedish) are concrete advice "
    "quoted in feedback letters. criterion_en, criterion_de and criterion_sv are the criterion's name in "
    "letters in that language, for candidates who get their letter in another language than the round's "
    "(blank = the name as written, quoted).",
    "Candidates: one row per candidate with a unique candidate_id. status: hired once the offer is accepted, "
    "offered while it is open, rejected, withdrawn when the candidate stepped back, pending until the committee "
    "has decided on them (once the round's decision is made, a pending candidate counts as waiting to be told). "
    "Record the decision date (blank = the round's, on the Role sheet), the date the candidate was "
    "told and how (channel: phone, video or in_person are personal and preferred for finalists; email or letter "
    "are written; form_letter is a standard text). feedback_requested_on and feedback_sent_on: when the candidate "
    "asked for feedback and when they got it. stay_in_touch: yes once the candidate agreed to hear about other "
    "roles (talent pool), no if they declined, blank while not recorded (the scores then decide whether the letter "
    "offers it); follow_up_on is the day promised for the next contact. notes are internal and never appear in letters.",
    "Scores: one row per interviewer, candidate, criterion and stage. Leave score blank when the "
    "criterion was not assessed: blank means 'not assessed', which is not the same as 0. "
    "evidence = what the interviewer saw or heard (facts, not impressions).",
    "",
    "Dates: type real dates (e.g. 2026-03-13), not text. The date columns are formatted for dates.",
    "Drop-downs: status, channel, language and yes/no columns on Candidates and Criteria; "
    "criterion and candidate_id on Scores list the criteria and the candidate ids from the Criteria and Candidates sheets; "
    "score and bar question a number outside the scale. The checks warn and let you go on, because "
    "Debrief reads more than the drop-downs offer (ja, abgelehnt, Telefon ...); debrief validate has the last word.",
    "Rest the pointer on a column heading (row 1) to see what goes in the column.",
    "Keep the header row (row 1) as it is; add data from row 2. Do not rename the sheets.",
    "Check the workbook with:  debrief validate THIS_FILE.xlsx  (in a terminal, in the folder where Debrief is installed: .venv/bin/debrief validate THIS_FILE.xlsx; or ask whoever set Debrief up).",
)}
"""The Instructions sheet, one paragraph per row, by language (the first row is its title)."""

CHECKS: dict[str, dict[str, str]] = {"en": {
    "list_title": "Not in the list",
    "list_error": "Pick a value from the drop-down list.",
    "choose_title": "Choose from the list",
    "name_title": "Not on the {sheet} sheet",
    "name_error": "Use a value listed in {sheet}.",
    "date_title": "Not a date",
    "date_error": "Type a date such as 2026-03-13.",
    "score_title": "Score outside the scale",
    "score_error": "Type a number from {lo} to {hi}, or leave blank when not assessed.",
    "score_prompt_title": "Score",
    "score_prompt": "{lo} to {hi}; blank = not assessed (not 0).",
    "bar_title": "Bar outside the scale",
    "bar_error": "Type a number from {lo} to {hi}, or leave blank for no bar.",
    "bar_prompt_title": "Bar",
    "bar_prompt": "Optional: the lowest mean that still meets the criterion ({lo} to {hi}); blank = no bar. A must-have needs one.",
    "weight_title": "Weight out of range",
    "weight_error": "Type a number from 0 to {max} (or a percentage), or leave it blank to derive the weights from the rank.",
    "weight_prompt_title": "Weight",
    "weight_prompt": "Optional. Only the proportions count (30, 25, 20 ... or 30 %); blank everywhere = derived from the rank.",
    "target_title": "Not 0 to 60 business days",
    "target_error": "Type a whole number of business days from 0 to 60, e.g. 3.",
    "yes_no_prompt": "yes or no",
    "status_prompt": "hired, offered, rejected, withdrawn, pending",
    "channel_prompt": "How the candidate was told.",
    "language_prompt": "Blank = the round's language.",
    "role_language_prompt": "Letter language: en, de or sv.",
    "stay_in_touch_prompt": "yes = agreed to stay in touch, no = declined, blank = not recorded (the scores decide whether the letter "
                            "offers it).",
    "criterion_prompt": "A criterion from the Criteria sheet.",
    "candidate_prompt": "A candidate_id from the Candidates sheet.",
}}
"""The titles, prompts and warnings of the template's drop-downs and checks, by language ({lo}, {hi}: the scale's ends;
{max}: the largest weight; {sheet}: the sheet a list comes from, such as Candidates)."""

FIELD_NOTES: dict[str, dict[str, dict[str, str]]] = {}
"""The note on each column heading of the Criteria, Candidates and Scores sheets in German and Swedish (English:
`schema.Field.doc`), by language, sheet and field."""

for _language, _texts in (("de", de), ("sv", sv)):  # each language's texts are a module of their own
    INSTRUCTIONS[_language] = _texts.INSTRUCTIONS
    ROLE_NOTES[_language] = _texts.ROLE_NOTES
    CHECKS[_language] = _texts.CHECKS
    FIELD_NOTES[_language] = _texts.FIELD_NOTES


def field_note(language: str, sheet: str, field: str) -> str:
    """The note on a column heading in ``language``."""
    if language == "en":
        return next(f.doc for f in SHEETS[sheet] if f.name == field)
    return FIELD_NOTES[language][sheet][field]
