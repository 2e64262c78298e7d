"""The scorecard workbook writer: template, round trip, text safety, determinism, safe writes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import toolkit
from toolkit.errors import OutputError
from toolkit.sample import curated_rounds, generate_round
from toolkit.schema import CANDIDATE_FIELDS, CRITERIA_FIELDS, ROLE_FIELDS, SCORE_FIELDS, SHEET_ALIASES, SHEETS
from toolkit.workbook import parse_scale, scorecard_workbook_bytes, write_scorecard_workbook

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
SCHEMA_COLUMNS = {
    "criteria": [f.name for f in CRITERIA_FIELDS],
    "candidates": [f.name for f in CANDIDATE_FIELDS],
    "scores": [f.name for f in SCORE_FIELDS],
}


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _validations(ws) -> dict[str, object]:
    """Map each validated range's first column header to its DataValidation."""
    headers = {cell.column_letter: cell.value for cell in ws[1]}
    out = {}
    for dv in ws.data_validations.dataValidation:
        first = str(dv.sqref).split(":")[0]
        column = "".join(ch for ch in first if ch.isalpha())
        out[headers.get(column, first)] = dv
    return out


def _canonical(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    out = frame[SCHEMA_COLUMNS[table]].reset_index(drop=True)
    if table == "scores":
        out = out.assign(criterion=out["criterion"].astype("str"))
    return out


# -- the blank template -----------------------------------------------------------


def test_template_has_every_sheet_and_canonical_header(tmp_path):
    wb = _open(scorecard_workbook_bytes())
    assert wb.sheetnames == ["Instructions", "Role", "Criteria", "Candidates", "Scores"]
    for sheet, fields in (("Criteria", CRITERIA_FIELDS), ("Candidates", CANDIDATE_FIELDS), ("Scores", SCORE_FIELDS)):
        ws = wb[sheet]
        assert [c.value for c in ws[1]] == [f.name for f in fields]
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
        assert ws.max_row == 1  # blank: header only
    role = wb["Role"]
    assert [role.cell(row=i, column=1).value for i in range(2, 2 + len(ROLE_FIELDS))] == [f.name for f in ROLE_FIELDS]
    assert all(role.cell(row=i, column=3).value for i in range(2, 2 + len(ROLE_FIELDS)))  # every field explained


def test_template_headings_explain_their_column_and_checks_reach_a_large_round():
    """A secretary filling in row 900 of the Scores sheet still gets the drop-downs, and the meaning of a column is
    on its heading, not only on the Instructions sheet."""
    wb = _open(scorecard_workbook_bytes(criteria_names=["A", "B"]))
    for sheet, fields in (("Criteria", CRITERIA_FIELDS), ("Candidates", CANDIDATE_FIELDS), ("Scores", SCORE_FIELDS)):
        ws = wb[sheet]
        assert [(c.value, c.comment.text if c.comment else None) for c in ws[1]] == [(f.name, f.doc) for f in fields]
    assert wb["Candidates"]["E1"].comment.text.startswith("hired (accepted the offer), offered (offer made, not yet accepted)")
    for sheet, rows in (("Candidates", 1000), ("Scores", 20000)):
        for dv in wb[sheet].data_validations.dataValidation:
            assert int(str(dv.sqref).split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) >= rows, (sheet, dv.sqref)
    scores = _validations(wb["Scores"])
    assert scores["candidate_id"].formula1.endswith(f"${1 + 1000}")  # every candidate row the Candidates checks reach
    instructions = " ".join(c.value or "" for c in wb["Instructions"]["A"])
    for word in ("soft", "description", "offered", "form_letter", "stay_in_touch", "feedback_requested_on", "heading"):
        assert word in instructions, word


def test_template_loads_back_with_no_error_and_says_it_is_empty(tmp_path):
    path = write_scorecard_workbook(tmp_path / "template.xlsx")
    loaded = toolkit.load_round(path)
    assert loaded.problems["rule"].tolist() == ["empty_round"]  # a warning: nothing to compare yet
    assert len(loaded.candidates) == 0 and len(loaded.scores) == 0


def test_template_with_criteria_names_is_prefilled_in_rank_order(tmp_path):
    path = write_scorecard_workbook(tmp_path / "t.xlsx", criteria_names=["Social-Media-Strategie", " Teamfit ", "Analyse"])
    loaded = toolkit.load_round(path)
    assert loaded.problems["rule"].tolist() == ["empty_round"]
    assert loaded.criteria["criterion"].tolist() == ["Social-Media-Strategie", "Teamfit", "Analyse"]
    assert loaded.criteria["rank"].tolist() == [1, 2, 3]
    # blank weights everywhere: derived from rank, (n + 1 - rank) / sum = 3/6, 2/6, 1/6
    assert loaded.criteria["weight"].round(6).tolist() == [0.5, 0.333333, 0.166667]


def test_template_drop_downs_cover_the_committee_fields():
    wb = _open(scorecard_workbook_bytes(criteria_names=["A", "B"]))
    candidates = _validations(wb["Candidates"])
    assert candidates["status"].formula1 == '"hired,offered,rejected,withdrawn,pending"'
    assert candidates["channel"].formula1 == '"phone,video,in_person,email,letter,form_letter"'
    assert candidates["language"].formula1 == '"en,de,sv"'
    assert candidates["stay_in_touch"].formula1 == '"yes,no"'
    assert candidates["decided_on"].type == "date"
    criteria = _validations(wb["Criteria"])
    assert criteria["must_have"].formula1 == '"yes,no"'
    # a weight the loader would refuse (above MAX_WEIGHT, or negative) is questioned as it is typed
    from toolkit.schema import MAX_WEIGHT
    assert (criteria["weight"].type, criteria["weight"].formula1, criteria["weight"].formula2) == ("decimal", "0", str(MAX_WEIGHT))
    assert criteria["weight"].allow_blank  # blank everywhere = weights from the rank
    scores = _validations(wb["Scores"])
    assert scores["criterion"].formula1.startswith("Criteria!$A$2:$A$")
    assert scores["candidate_id"].formula1.startswith("Candidates!$A$2:$A$")
    assert (scores["score"].type, scores["score"].formula1, scores["score"].formula2) == ("decimal", "1", "5")
    assert scores["score"].allow_blank  # blank = not assessed


def test_template_checks_warn_and_let_through_what_the_loader_reads(tmp_path):
    """A committee secretary's review: every check refused a value the loader reads (ja, abgelehnt, n/a as a bar,
    13.03.26 in an English Excel), a scale typed 1-10 in a General cell became 10 January, the bar's prompt spoke of
    'not assessed', and a typed id 00123 lost its zeros."""
    wb = _open(scorecard_workbook_bytes(criteria_names=["A", "B"]))
    checks = [dv for ws in wb.worksheets for dv in ws.data_validations.dataValidation]
    assert checks and {dv.errorStyle for dv in checks} == {"warning"}  # Excel asks "Continue?" instead of refusing
    role = {r[0].value: r[1] for r in wb["Role"].iter_rows(min_row=2, max_col=2)}
    assert role["scale"].number_format == "@" and role["role"].number_format == "@"
    assert role["decided_on"].number_format == "yyyy-mm-dd"
    bar = _validations(wb["Criteria"])["bar"]
    assert "blank = no bar" in bar.prompt and "not assessed" not in bar.prompt
    for sheet in ("Candidates", "Scores"):
        assert wb[sheet].column_dimensions["A"].number_format == "@"  # candidate_id
    assert wb["Candidates"].column_dimensions["B"].width >= 24  # name: room for a name before anyone types one


def test_template_command_writes_the_scale_and_checks_scores_against_it(tmp_path, capsys):
    from toolkit import load_round
    from toolkit.cli import main

    out = tmp_path / "round.xlsx"
    assert main(["template", str(out), "--scale", "1-10", "--criteria", "A,B"]) == 0
    wb = openpyxl.load_workbook(out)
    score = _validations(wb["Scores"])["score"]
    assert (score.formula1, score.formula2) == ("1", "10")
    assert load_round(out).role.scale == "1-10"
    with pytest.raises(SystemExit) as stop:
        main(["template", str(tmp_path / "bad.xlsx"), "--scale", "ten"])
    assert stop.value.code == 2 and "argument --scale: 'ten' is not a scale as lowest-highest" in capsys.readouterr().err
    assert not (tmp_path / "bad.xlsx").exists()


def test_score_drop_down_follows_the_role_scale():
    wb = _open(scorecard_workbook_bytes({"role": "Analyst", "scale": "0-10"}))
    score = _validations(wb["Scores"])["score"]
    assert (score.formula1, score.formula2) == ("0", "10")
    assert parse_scale("0 – 10") == (0.0, 10.0)
    assert parse_scale("") == (1.0, 5.0)


def test_the_template_reads_a_scale_as_the_loader_does():
    """The drop-down of a new scorecard allows the scale the loader will check the scores against."""
    from toolkit.validate import parse_scale as loader_scale

    for written in ("1-5", "0 – 10", "0—100", "1 to 4", "Skala 1-10", "1,5 - 4,5", "0 bis 3", "", None):
        assert parse_scale(written) == loader_scale(written), written
    for unreadable in ("5-1", "five", "1-5-7"):
        assert loader_scale(unreadable) is None and parse_scale(unreadable) == (1.0, 5.0)  # the loader reports it; a template uses 1-5


# -- filled rounds -----------------------------------------------------------------


def test_generated_round_survives_writer_and_loader(tmp_path):
    tables = generate_round(11, 12, n_interviewers=3, n_criteria=4)
    path = write_scorecard_workbook(tmp_path / "round.xlsx", **tables)
    loaded = toolkit.load_round(path)
    assert loaded.problems.empty
    pd.testing.assert_frame_equal(_canonical(loaded.candidates, "candidates"), tables["candidates"])
    pd.testing.assert_frame_equal(_canonical(loaded.scores, "scores"), tables["scores"])
    criteria = _canonical(loaded.criteria, "criteria")
    written = tables["criteria"]
    assert criteria["criterion"].tolist() == written["criterion"].tolist()
    assert criteria["must_have"].tolist() == written["must_have"].tolist()
    assert criteria["bar"].tolist() == written["bar"].tolist()
    assert loaded.role.decided_on == tables["role"]["decided_on"]


def test_curated_round_survives_writer_and_loader(tmp_path):
    tables = curated_rounds()["stockholm-ux-designer"]
    loaded = toolkit.load_round(write_scorecard_workbook(tmp_path / "sthlm.xlsx", **tables))
    assert loaded.problems.empty
    pd.testing.assert_frame_equal(_canonical(loaded.candidates, "candidates"), tables["candidates"])
    pd.testing.assert_frame_equal(_canonical(loaded.scores, "scores"), tables["scores"])
    assert loaded.role.company == "Saltsjö Resor AB" and loaded.role.response_target_days == 5
    # weights 30/25/20/15/10 were given: normalised, not derived from rank
    assert loaded.criteria["weight"].round(2).tolist() == [0.30, 0.25, 0.20, 0.15, 0.10]
    assert set(loaded.criteria["weight_source"]) == {"given"}


def test_a_loaded_round_written_back_keeps_rank_derived_weights_blank(tmp_path):
    berlin = toolkit.load_round(SAMPLE / "berlin-social-media-lead.xlsx")
    path = write_scorecard_workbook(tmp_path / "again.xlsx", berlin.role.as_dict(), berlin.criteria,
                                    berlin.candidates, berlin.scores)
    weight_cells = [row[0] for row in _open(path.read_bytes())["Criteria"].iter_rows(min_row=2, min_col=3, max_col=3,
                                                                                          values_only=True)]
    assert weight_cells == [None] * 5
    again = toolkit.load_round(path)
    assert again.problems.empty
    assert set(again.criteria["weight_source"]) == {"rank"}
    pd.testing.assert_frame_equal(_canonical(again.scores, "scores"), _canonical(berlin.scores, "scores"))


def test_dates_are_real_excel_dates():
    role = {"role": "Analyst", "decided_on": dt.date(2026, 3, 13)}
    candidates = pd.DataFrame({"candidate_id": ["C1"], "name": ["Ada"], "status": ["rejected"],
                               "decided_on": [pd.Timestamp("2026-03-13")], "notified_on": ["2026-03-16"]})
    wb = _open(scorecard_workbook_bytes(role, candidates=candidates))
    ws = wb["Candidates"]
    headers = [c.value for c in ws[1]]
    decided = ws.cell(row=2, column=headers.index("decided_on") + 1)
    notified = ws.cell(row=2, column=headers.index("notified_on") + 1)
    assert decided.is_date and decided.value == dt.datetime(2026, 3, 13)
    assert notified.is_date and notified.value == dt.datetime(2026, 3, 16)
    assert decided.number_format == "yyyy-mm-dd"
    role_decided = wb["Role"].cell(row=2 + [f.name for f in ROLE_FIELDS].index("decided_on"), column=2)
    assert role_decided.is_date and role_decided.value == dt.datetime(2026, 3, 13)


# -- text safety -------------------------------------------------------------------


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    hyperlink = '=HYPERLINK("http://evil.example","click")'
    candidates = pd.DataFrame({
        "candidate_id": ["C1", "=C2"], "name": ["+49 30 1234", "@Ada"], "status": ["rejected", "rejected"],
        "notes": [hyperlink, "-2+3"],
    })
    scores = pd.DataFrame({"candidate_id": ["C1", "=C2"], "interviewer": ["=1+1", "Lee"], "criterion": ["SQL", "SQL"],
                           "score": [3, 4], "evidence": ["=SUM(A1:A9)", "+ strong"]})
    criteria = pd.DataFrame({"criterion": ["SQL"], "rank": [1], "description": ["=cmd|' /C calc'!A0"]})
    role = {"role": "=Analyst", "company": "+Ltd"}
    path = write_scorecard_workbook(tmp_path / "inj.xlsx", role, criteria, candidates, scores)

    wb = openpyxl.load_workbook(path)
    texts = {}
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", f"{ws.title}!{cell.coordinate} became {cell.data_type}"
                    texts[cell.value] = cell.data_type
    for value in (hyperlink, "+49 30 1234", "@Ada", "-2+3", "=1+1", "=SUM(A1:A9)", "=C2", "=Analyst", "+Ltd"):
        assert value in texts

    loaded = toolkit.load_round(path)
    assert loaded.candidates["name"].tolist() == ["+49 30 1234", "@Ada"]
    assert loaded.candidates["notes"].tolist() == [hyperlink, "-2+3"]
    assert loaded.scores["evidence"].tolist() == ["=SUM(A1:A9)", "+ strong"]
    assert loaded.role.role == "=Analyst"


def test_awkward_values_are_written_as_a_committee_would_expect(tmp_path):
    import numpy as np

    candidates = pd.DataFrame({
        "candidate_id": ["C1", "C2"], "name": ["  Zoë  O'Brien & Söhne <GmbH>", "Li\x07 Wei"],
        "status": ["rejected", "rejected"], "stay_in_touch": [True, np.bool_(False)],
        "notes": [np.float64(2.5), None],
    })
    scores = pd.DataFrame({"candidate_id": ["C1", "C2"], "interviewer": ["Sam", "Sam"], "criterion": ["SQL", "SQL"],
                           "score": [np.float64(3.5), "vier"], "interviewed_on": [np.datetime64("2026-03-02"), "02.03.2026"]})
    path = write_scorecard_workbook(tmp_path / "odd.xlsx", {"role": "Analyst"}, pd.DataFrame({"criterion": ["SQL"], "rank": [1]}),
                                    candidates, scores)
    wb = openpyxl.load_workbook(path)
    names = [row[1] for row in wb["Candidates"].iter_rows(min_row=2, values_only=True)]
    assert names == ["  Zoë  O'Brien & Söhne <GmbH>", "Li Wei"]  # spaces and markup kept, control character dropped
    stay = [row[13] for row in wb["Candidates"].iter_rows(min_row=2, values_only=True)]
    assert stay == ["yes", "no"]
    score_rows = list(wb["Scores"].iter_rows(min_row=2, values_only=True))
    assert [r[3] for r in score_rows] == [3.5, "vier"]  # a typo is written as it was given, for validation to find
    assert score_rows[0][5] == dt.datetime(2026, 3, 2) and score_rows[1][5] == "02.03.2026"
    loaded = toolkit.load_round(path, as_of="2026-03-20")
    errors = loaded.errors
    assert errors["location"].tolist() == ["Scores!D3"] and errors["rule"].tolist() == ["bad_value"]
    assert loaded.candidates["name"].tolist() == ["Zoë  O'Brien & Söhne <GmbH>", "Li Wei"]


# -- determinism and safe writes ---------------------------------------------------


def test_same_input_gives_identical_bytes():
    tables = curated_rounds()["berlin-social-media-lead"]
    assert scorecard_workbook_bytes(**tables) == scorecard_workbook_bytes(**tables)
    assert scorecard_workbook_bytes() == scorecard_workbook_bytes()
    props = _open(scorecard_workbook_bytes()).properties
    assert props.created == props.modified == dt.datetime(2026, 1, 1)


def test_existing_file_is_not_overwritten_unless_asked(tmp_path):
    path = tmp_path / "scores.xlsx"
    path.write_bytes(b"the committee's own file")
    with pytest.raises(OutputError, match="already exists"):
        write_scorecard_workbook(path)
    assert path.read_bytes() == b"the committee's own file"
    write_scorecard_workbook(path, overwrite=True)
    assert path.read_bytes() == scorecard_workbook_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.xlsx"]  # no temp files left behind


def test_refuses_names_that_are_not_xlsx_and_missing_folders(tmp_path):
    with pytest.raises(OutputError, match=r"\.xlsx"):
        write_scorecard_workbook(tmp_path / "scores.csv")
    with pytest.raises(OutputError, match="folder does not exist"):
        write_scorecard_workbook(tmp_path / "missing" / "scores.xlsx")


def test_the_format_document_lists_every_field_and_alias():
    doc = (SAMPLE.parents[1] / "docs" / "scorecard-format.md").read_text(encoding="utf-8")
    for sheet, fields in SHEETS.items():
        assert f"### {sheet} fields" in doc
        assert all(f"`{alias}`" in doc for alias in SHEET_ALIASES[sheet])
        for f in fields:
            assert f"| `{f.name}` |" in doc, f"{sheet}.{f.name} is not documented"
            assert all(f"`{alias}`" in doc for alias in f.aliases), f"an alias of {sheet}.{f.name} is not documented"
    # the meaning column says what the template's header notes say (`Field.doc`), sheet by sheet
    sections = doc.split("### ")
    for sheet, fields in SHEETS.items():
        table = next(s for s in sections if s.startswith(f"{sheet} fields"))
        for f in fields:
            row = next(line for line in table.splitlines() if line.startswith(f"| `{f.name}` |"))
            assert row.endswith(f"| {f.doc} |"), f"{sheet}.{f.name}: the document's meaning is not the field's doc"


def test_text_that_looks_like_an_xlsx_escape_survives(tmp_path):
    """'_x0041_' is how xlsx escapes characters; typed as text it must come back as typed, not as 'A'."""
    candidates = pd.DataFrame({"candidate_id": ["C1"], "name": ["Ann _x0041_ Lee"], "status": ["rejected"]})
    scores = pd.DataFrame({"candidate_id": ["C1"], "interviewer": ["Sam"], "criterion": ["SQL"], "score": [3]})
    path = write_scorecard_workbook(tmp_path / "x.xlsx", {"role": "Analyst"}, pd.DataFrame({"criterion": ["SQL"], "rank": [1]}),
                                    candidates, scores)
    assert toolkit.load_round(path).candidates["name"].tolist() == ["Ann _x0041_ Lee"]


def test_a_template_refuses_a_criterion_named_twice(tmp_path):
    """Validation would quarantine the second one after the committee filled everything in: say so now."""
    with pytest.raises(toolkit.ToolkitError, match="named twice"):
        write_scorecard_workbook(tmp_path / "t.xlsx", criteria_names=["Analytics", "Writing", " analytics "])
    assert not (tmp_path / "t.xlsx").exists()
