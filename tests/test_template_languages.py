"""The scorecard template in German and Swedish (`debrief template --language de`).

A German or Swedish committee reads the instructions, notes, prompts and
warnings in its own language, while what it types stays the format's words, so
that a template in any language loads exactly as the English one does.
"""

from __future__ import annotations

import io
import string

import openpyxl
import pandas as pd
import pytest

import toolkit
from toolkit.errors import ToolkitError
from toolkit.sample import curated_rounds
from toolkit.schema import ROLE_FIELDS, SHEETS
from toolkit.template_text import CHECKS, DATE_DISPLAY, FIELD_NOTES, INSTRUCTIONS, INSTRUCTIONS_SHEET, ROLE_NOTES, TEMPLATE_LANGUAGES, field_note
from toolkit.workbook import scorecard_workbook_bytes, write_scorecard_workbook

TABLE_SHEETS = ("Criteria", "Candidates", "Scores")
OTHER = ("de", "sv")


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", OTHER)
def test_every_text_of_the_template_is_written_in_each_language(language):
    en = INSTRUCTIONS["en"]
    assert [bool(p) for p in INSTRUCTIONS[language]] == [bool(p) for p in en]  # a paragraph for each, blank rows kept
    assert set(ROLE_NOTES[language]) == set(ROLE_NOTES["en"]) == {f.name for f in ROLE_FIELDS}
    assert set(CHECKS[language]) == set(CHECKS["en"])
    for sheet in TABLE_SHEETS:
        assert set(FIELD_NOTES[language][sheet]) == {f.name for f in SHEETS[sheet]}, sheet
    for key, text in CHECKS[language].items():
        assert text.strip() and _placeholders(text) == _placeholders(CHECKS["en"][key]), key
    # translated, not copied: a text the same in English is one that holds only the format's words ("yes or no" is not)
    texts = [*INSTRUCTIONS[language], *ROLE_NOTES[language].values(), *CHECKS[language].values(),
             *(n for sheet in TABLE_SHEETS for n in FIELD_NOTES[language][sheet].values())]
    english = {*INSTRUCTIONS["en"], *ROLE_NOTES["en"].values(), *CHECKS["en"].values(),
               *(f.doc for sheet in TABLE_SHEETS for f in SHEETS[sheet])}
    assert [t for t in texts if t and t in english] == []


@pytest.mark.parametrize("language", TEMPLATE_LANGUAGES)
def test_a_template_explains_itself_in_its_language_within_what_excel_shows(language):
    wb = _open(scorecard_workbook_bytes(criteria_names=["A", "B"], language=language))
    assert wb.sheetnames == [INSTRUCTIONS_SHEET[language], "Role", "Criteria", "Candidates", "Scores"]
    assert tuple(c.value or "" for c in wb[INSTRUCTIONS_SHEET[language]]["A"]) == INSTRUCTIONS[language]
    role = list(wb["Role"].iter_rows(min_row=2, max_col=3, values_only=True))
    assert [(field, note) for field, _value, note in role] == [(f.name, ROLE_NOTES[language][f.name]) for f in ROLE_FIELDS]
    for sheet in TABLE_SHEETS:
        header = wb[sheet][1]
        names = [c.value for c in header]
        assert sorted(names) == sorted(f.name for f in SHEETS[sheet])  # the format's headings in every language
        assert [c.comment.text for c in header] == [field_note(language, sheet, name) for name in names]
    # the growth tip in the committee's language comes first among the tips (a German committee typed its tips into
    # growth_tip, the English one, when that came first); in English the schema's order
    tips = [c.value for c in wb["Criteria"][1] if c.value.startswith("growth_tip")]
    assert tips == (["growth_tip", "growth_tip_de", "growth_tip_sv"] if language == "en" else
                    [f"growth_tip_{language}", "growth_tip", *(["growth_tip_sv"] if language == "de" else ["growth_tip_de"])])
    checks = [dv for ws in wb.worksheets for dv in ws.data_validations.dataValidation]
    shown = {text for dv in checks for text in (dv.prompt, dv.error) if text}
    assert {CHECKS[language]["status_prompt"], CHECKS[language]["date_error"],
            CHECKS[language]["score_prompt"].format(lo="1", hi="5")} <= shown
    for dv in checks:  # Excel cuts a longer title or text
        assert all(len(t or "") <= 32 for t in (dv.promptTitle, dv.errorTitle)), (dv.promptTitle, dv.errorTitle)
        assert all(len(t or "") <= 255 for t in (dv.prompt, dv.error)), (dv.prompt, dv.error)
    # dates show as the committee writes them (13.03.2026 in German), and stay real dates
    role = {r[0].value: r[1] for r in wb["Role"].iter_rows(min_row=2, max_col=2)}
    assert role["decided_on"].number_format == DATE_DISPLAY[language] == ("dd.mm.yyyy" if language == "de" else "yyyy-mm-dd")
    assert wb["Candidates"].column_dimensions["I"].number_format == DATE_DISPLAY[language]  # decided_on
    # a check says what it checks: the candidate id list names its sheet (it said "Unknown name" for an id), the target its range
    ids = next(dv for dv in wb["Scores"].data_validations.dataValidation if dv.formula1.startswith("Candidates!"))
    assert ids.errorTitle == CHECKS[language]["name_title"].format(sheet="Candidates") and "Candidates" in ids.errorTitle
    target = next(dv for dv in wb["Role"].data_validations.dataValidation if dv.type == "whole")
    assert (target.formula1, target.formula2) == ("0", "60") and "60" in target.errorTitle and "60" in target.error
    statuses = next(dv for dv in wb["Candidates"].data_validations.dataValidation if dv.prompt == CHECKS[language]["status_prompt"])
    assert statuses.formula1 == '"hired,offered,rejected,withdrawn,pending"'  # the values a committee picks stay the format's


@pytest.mark.parametrize("language", OTHER)
def test_a_blank_template_in_german_or_swedish_loads_as_the_english_one_with_its_letter_language(tmp_path, language):
    for folder in ("en", language):  # the same file name: the round id comes from it
        (tmp_path / folder).mkdir()
    english = toolkit.load_round(write_scorecard_workbook(tmp_path / "en" / "round.xlsx", criteria_names=["A", "B"]))
    other = toolkit.load_round(write_scorecard_workbook(tmp_path / language / "round.xlsx", criteria_names=["A", "B"],
                                                        language=language))
    assert other.problems["rule"].tolist() == english.problems["rule"].tolist() == ["empty_round"]
    assert (english.role.language, other.role.language) == ("en", language)
    assert other.details["layout"] == english.details["layout"]
    pd.testing.assert_frame_equal(other.criteria, english.criteria)


@pytest.mark.parametrize("language", OTHER)
def test_a_filled_round_written_in_german_or_swedish_loads_exactly_as_in_english(tmp_path, language):
    tables = curated_rounds()["berlin-social-media-lead"]
    for folder in ("en", language):  # the same file name: the round id comes from it
        (tmp_path / folder).mkdir()
    english = toolkit.load_round(write_scorecard_workbook(tmp_path / "en" / "round.xlsx", **tables), as_of="2026-03-20")
    other = toolkit.load_round(write_scorecard_workbook(tmp_path / language / "round.xlsx", **tables, language=language),
                               as_of="2026-03-20")
    assert other.role == english.role  # the round's own letter language is kept: the template's language is a default only
    for name in ("criteria", "candidates", "scores", "problems", "rejected_rows", "row_counts"):
        frame = getattr(other, name)
        expected = getattr(english, name)
        if "file" in frame:
            frame, expected = frame.drop(columns="file"), expected.drop(columns="file")
        pd.testing.assert_frame_equal(frame, expected, obj=name)


def test_a_template_language_that_does_not_exist_is_refused_with_the_ones_that_do(tmp_path, capsys):
    from toolkit.cli import main

    with pytest.raises(ToolkitError) as err:
        write_scorecard_workbook(tmp_path / "round.xlsx", language="fr")
    assert "'fr'" in str(err.value) and "en, de, sv" in str(err.value) and "language=\"de\"" in str(err.value)
    assert not (tmp_path / "round.xlsx").exists()
    with pytest.raises(SystemExit) as stop:
        main(["template", str(tmp_path / "round.xlsx"), "--language", "fr"])
    assert stop.value.code == 2 and "invalid choice: 'fr'" in capsys.readouterr().err


def test_the_template_command_writes_a_swedish_template(tmp_path, capsys):
    from toolkit.cli import main

    out = tmp_path / "omgång.xlsx"
    assert main(["template", str(out), "--language", "sv", "--criteria", "Användartester,Samarbete"]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Instruktioner" and wb["Instruktioner"]["A1"].value == INSTRUCTIONS["sv"][0]
    loaded = toolkit.load_round(out)
    assert loaded.role.language == "sv" and loaded.criteria["criterion"].tolist() == ["Användartester", "Samarbete"]


@pytest.mark.parametrize("language, typed", [
    ("de", {"status": {"hired": "eingestellt", "rejected": "abgelehnt"}, "channel": {"phone": "Telefon", "email": "E-Mail"},
            "stay_in_touch": {True: "ja", False: "nein"}}),
    ("sv", {"status": {"hired": "anställd", "rejected": "fick nej"}, "channel": {"phone": "telefon", "email": "mejl"},
            "stay_in_touch": {True: "ja", False: "nej"}}),
])
def test_the_words_the_instructions_say_are_read_are_read(tmp_path, language, typed):
    """The German and Swedish instructions promise that values typed by hand in the committee's language (ja/nein,
    abgelehnt, eingestellt, Telefon, E-Mail; ja/nej, fick nej, anställd, telefon, mejl) are read: they load as the
    drop-down's words would."""
    words = " ".join(INSTRUCTIONS[language])
    assert all(w in words for column in typed.values() for w in column.values())
    tables = curated_rounds()["berlin-social-media-lead"]
    candidates = tables["candidates"].astype({c: object for c in typed})
    for column, words in typed.items():
        candidates[column] = [words.get(v, v) if not pd.isna(v) else v for v in candidates[column]]
    assert any(candidates[c].isin(list(w.values())).any() for c, w in typed.items())  # the round does use those words
    path = write_scorecard_workbook(tmp_path / "round.xlsx", **{**tables, "candidates": candidates}, language=language)
    loaded = toolkit.load_round(path, as_of="2026-03-20")
    assert loaded.errors.empty
    expected = tables["candidates"]
    for column in typed:
        assert loaded.candidates[column].astype(object).where(loaded.candidates[column].notna(), None).tolist() == \
            expected[column].astype(object).where(expected[column].notna(), None).tolist(), column


def _glosses(prompt: str) -> dict[str, str]:
    """{'rejected': 'abgelehnt', ...} from a prompt such as "Wie ...: phone = Telefon, ..., rejected = abgelehnt (...)"."""
    import re

    body = prompt.split(": ", 1)[-1].rstrip(".")
    return {code.strip(): re.sub(r"\s*\(.*?\)", "", word).strip() for code, word in (p.split(" = ", 1) for p in body.split(", "))}


@pytest.mark.parametrize("language", OTHER)
def test_typing_the_word_the_template_explains_a_value_with_reads_as_that_value(tmp_path, language):
    """A German secretary's review: the channel prompt said 'in_person = Gespräch vor Ort' and typing that was an error;
    and 'rejected = abgesagt' taught a word that also means the candidate withdrew."""
    status, channel = _glosses(CHECKS[language]["status_prompt"]), _glosses(CHECKS[language]["channel_prompt"])
    assert set(status) == {"hired", "offered", "rejected", "withdrawn", "pending"}
    assert set(channel) == {"phone", "video", "in_person", "email", "letter", "form_letter"}
    tables = curated_rounds()["berlin-social-media-lead"]
    candidates = tables["candidates"].astype({"status": object, "channel": object})
    candidates["status"] = candidates["status"].map(status)
    words = list(channel.values())
    candidates["channel"] = [words[i % len(words)] if not pd.isna(c) else c for i, c in enumerate(candidates["channel"])]
    loaded = toolkit.load_round(write_scorecard_workbook(tmp_path / "round.xlsx", **{**tables, "candidates": candidates},
                                                         language=language), as_of="2026-03-20")
    bad = loaded.problems[loaded.problems["column"].isin(["status", "channel"])]
    assert bad.empty, bad[["location", "message"]].values.tolist()
    assert loaded.candidates["status"].tolist() == tables["candidates"]["status"].tolist()
    back = {w: c for c, w in channel.items()}
    assert [back.get(w) for w in candidates["channel"].dropna()] == loaded.candidates["channel"].dropna().tolist()
    assert "abgesagt" not in " ".join([*INSTRUCTIONS["de"], *CHECKS["de"].values(), *FIELD_NOTES["de"]["Candidates"].values()])
