"""The canonical scorecard workbook: sheets, fields, dtypes and allowed values.

This is the one home for column names. Every reader produces these names,
every analytics function consumes them. `docs/scorecard-format.md` documents
the same content for people.

Dtypes used in `HiringRound` tables:
- ``"str"``: pandas' default string dtype (missing = NaN)
- ``"Float64"`` / ``"Int64"`` / ``"boolean"``: nullable numbers and flags (missing = <NA>)
- ``"date"``: ``datetime64[s]`` at midnight (missing = NaT)
- ``"category"``: ``criterion`` in Scores is an ordered categorical, most important first
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

STATUSES = ("hired", "offered", "rejected", "withdrawn", "pending")
CHANNELS = ("phone", "video", "in_person", "email", "letter", "form_letter")
PERSONAL_CHANNELS = ("phone", "video", "in_person")
WRITTEN_CHANNELS = ("email", "letter")
LANGUAGES = ("en", "de", "sv")
SEVERITIES = ("error", "warning")

DEFAULT_RESPONSE_TARGET_DAYS = 3
DEFAULT_SCALE = (1.0, 5.0)
DEFAULT_LANGUAGE = "en"

MAX_WEIGHT = 1000
"""The largest criterion weight: weights count only in proportion (30, 25, 20 ... or 30 %), so a larger one is a typo,
and weights as far apart as 1e308 overflow when they are added up to be normalised (every weight would become 0).
`validate` refuses a larger weight; the template's Criteria sheet does not take one."""


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "str", "int", "float", "date", "bool", "choice"
    required: bool = False
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default_factory=tuple)
    doc: str = ""


def _f(name, kind, required=False, choices=(), aliases=(), doc=""):
    return Field(name, kind, required, tuple(choices), tuple(aliases), doc)


LANGUAGE_NAMES = {"en": ("english", "englisch", "engelska"), "de": ("german", "deutsch", "tyska"),
                  "sv": ("swedish", "schwedisch", "svenska")}
"""Each letter language's name in English, German and Swedish (headings such as "Kriterium Englisch")."""


def _in_language(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """Headings for a translation column: each word followed by the language's code or name ("kriterium en",
    "Kriterium (englisch)", "namn engelska"; the field's own name, such as criterion_en, is matched anyway)."""
    return tuple(f"{w} {tag}" for w in words for tag in (lang, *LANGUAGE_NAMES[lang]))


ROLE_FIELDS = (
    _f("role", "str", True, aliases=("position", "job", "title", "stelle", "rolle", "tjänst", "roll"), doc="Job title"),
    _f("requisition", "str", aliases=("req", "requisition id", "job id", "stellen id"), doc="Requisition or job id"),
    _f("department", "str", aliases=("abteilung", "avdelning", "team"), doc="Department"),
    _f("hiring_manager", "str", aliases=("manager", "owner", "führungskraft", "rekryterande chef", "chef"), doc="Who owns the round"),
    _f("country", "str", aliases=("land",), doc="ISO country code for public holidays (DE, SE, GB, ...)"),
    _f("language", "choice", choices=LANGUAGES, aliases=("sprache", "språk"), doc="Default letter language"),
    _f("response_target_days", "int", aliases=("target days", "sla", "response target"), doc="Business days from decision to telling the candidate (default 3; a round that gives none is marked "
                                                                                "'(default)' in the report and `response_target_given` is False)"),
    _f("decided_on", "date", aliases=("decision date", "entscheidung", "beslut"), doc="Date the committee decided"),
    _f("scale", "str", aliases=("skala", "score scale"), doc="Score scale such as 1-5 (default)"),
    _f("company", "str", aliases=("firma", "unternehmen", "företag"), doc="Company name used in letters"),
    _f("sender_name", "str", aliases=("sender", "absender", "avsändare"), doc="Who signs the letters"),
    _f("sender_title", "str", aliases=("sender role",), doc="The signer's job title"),
    _f("sender_email", "str", aliases=("sender e-mail", "absender e-mail", "avsändarens e-post"),
       doc="The signer's email address: under the signature, for questions, and the draft's sender (blank = none given)"),
    _f("sender_phone", "str", aliases=("sender telephone", "absender telefon", "avsändarens telefon"),
       doc="The signer's phone number, under the signature for questions (blank = none given)"),
    *(_f(f"role_{lang}", "str", aliases=_in_language(("job title", "rolle", "stelle", "tjänst", "roll"), lang),
         doc=f"The job title in {LANGUAGE_NAMES[lang][0].capitalize()} letters; blank = role as written") for lang in LANGUAGES),
    *(_f(f"sender_title_{lang}", "str", aliases=_in_language(("sender role",), lang),
         doc=f"The signer's job title in {LANGUAGE_NAMES[lang][0].capitalize()} letters; blank = as written") for lang in LANGUAGES),
)

CRITERIA_FIELDS = (
    _f("criterion", "str", True, aliases=("criteria", "kriterium", "kriterien", "kriterie", "name"), doc="The criterion's name as the committee uses it; each name once"),
    _f("rank", "int", True, aliases=("rang", "priority", "priorität", "prioritet"), doc="1 = most important, then 2, 3 ...; each rank once, ideally set before the interviews"),
    _f("weight", "float", aliases=("gewicht", "gewichtung", "vikt"), doc="Relative weight from 0 to 1000 (3, 0.3 or 30 %); blank in every row = derived from the rank"),
    _f("must_have", "bool", aliases=("must", "muss", "musskriterium", "krav", "ska krav"), doc="yes = missing its bar rules a candidate out (the comparison flags who is below it); needs a bar; blank = no"),
    _f("bar", "float", aliases=("minimum", "threshold", "schwelle", "mindestwert", "lägstanivå"), doc="The lowest acceptable score on the round's scale; blank = no bar"),
    _f("soft", "bool", aliases=("soft criterion", "weiches kriterium", "mjukt kriterium", "mjuk"),
       doc="yes = how someone works with others (team fit, values), not a skill: letters never give it as the reason; "
           "blank = from the name"),
    _f("description", "str", aliases=("beschreibung", "beskrivning"), doc="What the criterion means, for the interviewers (not used in letters)"),
    _f("growth_tip", "str", aliases=("tip", "growth tip en"), doc="One concrete way to grow in this criterion, quoted in English letters that name it"),
    _f("growth_tip_de", "str", aliases=("tipp", "entwicklungstipp"), doc="The same advice for German letters"),
    _f("growth_tip_sv", "str", aliases=("tips", "utvecklingstips"), doc="The same advice for Swedish letters"),
    *(_f(f"criterion_{lang}", "str", aliases=_in_language(("criterion", "kriterium", "kriterie", "name", "namn"), lang),
         doc=f"The criterion's name in {LANGUAGE_NAMES[lang][0].capitalize()} letters; blank = as written") for lang in LANGUAGES),
)

CANDIDATE_FIELDS = (
    _f("candidate_id", "str", True, aliases=("id", "candidate", "applicant id", "bewerber id", "kandidat id", "sökande id"), doc="The candidate's id, unique in the round (as in your applicant tracking system)"),
    _f("name", "str", aliases=("candidate name", "full name", "bewerber", "bewerber:in", "bewerberin", "kandidat", "kandidatin", "sökande", "namn"), doc="Full name, as the letter addresses them; blank = shown by the id, and the letter greets them without a name"),
    _f("email", "str", aliases=("e-mail", "mail", "e-post", "epost"), doc="One plain address (name@example.com): the letter draft's recipient"),
    _f("language", "choice", choices=LANGUAGES, aliases=("sprache", "språk"), doc="Letter language; blank = the round's"),
    _f("status", "choice", True, choices=STATUSES, aliases=("state", "outcome"), doc="hired (accepted the offer), offered (offer made, not yet accepted), rejected, withdrawn (they withdrew), pending (not decided on yet; once the round has decided, they count as waiting to be told)"),
    _f("stage_reached", "str", aliases=("stage", "round reached", "final stage"), doc="The last interview stage they reached, as written on the Scores sheet"),
    _f("applied_on", "date", aliases=("applied", "application date", "beworben am"), doc="Date of application"),
    _f("last_interview_on", "date", aliases=("last interview", "letztes gespräch"), doc="Date of the last interview"),
    _f("decided_on", "date", aliases=("decision date", "decided"), doc="The day the committee decided on this candidate; blank = the round's decided_on (Role sheet)"),
    _f("notified_on", "date", aliases=("told on", "notified", "informed on", "benachrichtigt am", "meddelad"), doc="The day the candidate was told the decision; blank = not told yet"),
    _f("channel", "choice", choices=CHANNELS, aliases=("how told", "kanal"), doc="How they were told: phone, video or in_person (personal), email or letter (written), form_letter (a standard text)"),
    _f("feedback_requested_on", "date", aliases=("feedback requested",), doc="The day the candidate asked for feedback; blank = they did not"),
    _f("feedback_sent_on", "date", aliases=("feedback sent",), doc="The day the feedback they asked for was given"),
    _f("stay_in_touch", "bool", aliases=("keep in touch", "talent pool"), doc="yes = they agreed to stay in touch (talent pool), no = they declined; blank = not recorded: the scores decide whether the letter offers it (runners-up)"),
    _f("follow_up_on", "date", aliases=("follow up", "follow-up date"), doc="The day promised for the next contact (a talent-pool follow-up)"),
    _f("notes", "str", aliases=("note", "comment", "notizen", "anmerkung", "anteckningar"), doc="Internal notes (never in letters)"),
)

KEPT_WORDS = "it is read as blank and the row is kept"  # what a problem in such a field says happened
KEPT_WITH_BLANK = frozenset({"email", "stage_reached", "applied_on", "last_interview_on", "channel", "feedback_requested_on",
                             "feedback_sent_on", "stay_in_touch", "follow_up_on", "notes"})
"""Candidates fields a candidate's decision and timing do not rest on: a value in one that cannot be read (a formula error
or a formula without a saved result too, or an impossible order between two of them) is an error that reads the cell as
blank and keeps the candidate. Setting the row aside would take
them out of every response-time figure, the overdue list included, for a typo in stay_in_touch."""

CRITERIA_OPTIONAL = frozenset({"weight", "must_have", "bar", "soft"})
"""Criteria fields a criterion can do without: a mark of no value (`NO_VALUE_MARKS`) reads as blank in them, and a value
that cannot be read (a formula without a saved result too) is an error that reads the cell as blank and keeps the
criterion. Setting the row aside took the criterion and every score on it out of the round, and gave the others its
weight."""

NO_VALUE_MARKS = frozenset({"n/a", "na", "n.a", "-", "--", "–", "—", "/", "none", "ka", "k/a", "keineangabe", "keine", "entfällt",
                            "ejtillämplig", "ingen", "saknas"})
"""What a committee writes in an optional Criteria cell to say it has no value ("n/a", "-", "—", "k.A." ...), compared
without spaces and dots, ignoring case. Not "?" or "tbd": those say it is not decided yet, which is no "no"."""

SCORE_FIELDS = (
    _f("candidate_id", "str", True, aliases=("candidate", "id", "applicant id", "bewerber id", "kandidat id"), doc="The candidate's id from the Candidates sheet"),
    _f("interviewer", "str", True, aliases=("interviewer:in", "interviewerin", "intervjuare", "rater", "assessor"), doc="Who scored, written the same way in every row"),
    _f("criterion", "str", True, aliases=("kriterium", "kriterie", "criteria", "attribute"), doc="The criterion's name from the Criteria sheet"),
    _f("score", "float", True, aliases=("rating", "bewertung", "punkte", "betyg", "poäng"), doc="Score on the round's scale; blank = not assessed (not 0)"),
    _f("stage", "str", aliases=("round", "interview", "runde", "stufe", "omgång"), doc="The interview stage (e.g. first interview, final); blank when there is one"),
    _f("interviewed_on", "date", aliases=("date", "datum", "interview date"), doc="The day of the interview"),
    _f("evidence", "str", aliases=("comment", "kommentar", "anmerkung", "notes", "begründung"), doc="What the interviewer saw or heard: facts, not impressions (never in letters)"),
)

SHEETS = {
    "Role": ROLE_FIELDS,
    "Criteria": CRITERIA_FIELDS,
    "Candidates": CANDIDATE_FIELDS,
    "Scores": SCORE_FIELDS,
}
SHEET_ALIASES = {
    "Role": ("role", "stelle", "rolle", "tjänst", "roll", "position"),
    "Criteria": ("criteria", "kriterien", "kriterier", "auswahlkriterien"),
    "Candidates": ("candidates", "bewerber", "bewerber:innen", "kandidaten", "kandidater", "sökande"),
    "Scores": ("scores", "bewertungen", "punkte", "betyg", "poäng", "ratings"),
}

# Dtypes of the loaded tables (see the module docstring).
KIND_DTYPES = {"str": "str", "choice": "str", "int": "Int64", "float": "Float64", "bool": "boolean", "date": "datetime64[s]"}

YES = {"yes", "y", "true", "1", "ja", "j", "x", "wahr"}
NO = {"no", "n", "false", "0", "nein", "nej", "falsch"}


def normalise_header(text: object) -> str:
    """Header key: lower case, accents kept, spaces/underscores/punctuation removed.

    >>> normalise_header(" Candidate_ID ")
    'candidateid'
    >>> normalise_header("Bewerber:in")
    'bewerberin'
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\W_]+", "", s)


def field_lookup(fields: tuple[Field, ...]) -> dict[str, str]:
    """Map every normalised header (name and aliases) to its canonical field name."""
    out: dict[str, str] = {}
    for f in fields:
        for key in (f.name, *f.aliases):
            out.setdefault(normalise_header(key), f.name)
    return out


def field_by_name(sheet: str) -> dict[str, Field]:
    return {f.name: f for f in SHEETS[sheet]}
