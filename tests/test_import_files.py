"""Files as they arrive: CSV variants, lying extensions, hidden and dashboard sheets, formulas, mappings, `debrief inspect`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import toolkit
from toolkit.cli import main
from toolkit.errors import InputFileError, MappingError
from toolkit.readers.inspect import inspect_path, mapping_text
from toolkit.readers.tabular import read_file

REAL_WORLD = Path(__file__).resolve().parent / "data" / "real-world"

AS_OF = "2026-03-20"
LONG_ROWS = [
    ["Alice Moore", "Tom Baker", "SQL", "4"],
    ["Alice Moore", "Tom Baker", "Communication", "n/a"],
    ["Ben Carter", "Tom Baker", "SQL", "2"],
    ["Ben Carter", "Tom Baker", "Communication", "5"],
]


def scores_of(rnd):
    names = dict(zip(rnd.candidates["candidate_id"], rnd.candidates["name"]))
    return sorted((names[c], str(k), None if pd.isna(s) else float(s))
                  for c, k, s in zip(rnd.scores["candidate_id"], rnd.scores["criterion"], rnd.scores["score"].astype(object)))


EXPECTED = [("Alice Moore", "Communication", None), ("Alice Moore", "SQL", 4.0), ("Ben Carter", "Communication", 5.0),
            ("Ben Carter", "SQL", 2.0)]


@pytest.mark.parametrize("sep, encoding, bom, newline, name", [
    (",", "utf-8", True, "\r\n", "scores.csv"),
    (";", "cp1252", False, "\r\n", "scores.csv"),
    ("\t", "utf-8", False, "\n", "scores.tsv"),
    ("|", "utf-8", False, "\n", "scores.txt"),
])
def test_csv_separators_encodings_and_line_endings(tmp_path, sep, encoding, bom, newline, name):
    text = newline.join(sep.join(r) for r in [["Kandidat", "Intervjuare", "Kriterium", "Betyg"], *LONG_ROWS]) + newline
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert rnd.ok
    assert scores_of(rnd) == EXPECTED
    sep_name = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[sep]
    assert rnd.details["csv_separator"] == sep_name
    assert rnd.details["csv_line_endings"] == ("CRLF" if newline == "\r\n" else "LF")
    assert rnd.details["csv_encoding"] == ("utf-8 with BOM" if bom else "utf-8")  # ASCII text decodes as UTF-8


def test_windows_1252_umlauts_survive(tmp_path):
    path = tmp_path / "bewertung.csv"
    path.write_bytes("Bewerber:in;Interviewer:in;Kriterium;Punkte\r\nJörg Weiß;Jonas;Fachwissen;4\r\n".encode("cp1252"))
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert rnd.candidates["name"].tolist() == ["Jörg Weiß"] and rnd.details["csv_encoding"] == "windows-1252"


def test_an_unquoted_decimal_comma_in_a_comma_separated_file_sets_the_row_aside_instead_of_cutting_the_score(tmp_path):
    """'1,5' written without quotes in the last column split into 1 and 5: the row loaded with a score of 1 and a vague
    warning. Which value belongs to which column is unknown, so the row is an error and quarantined, with the fix."""
    rows = ["Candidate,Interviewer,Criterion,Score", "Alice Moore,Tom Baker,SQL,4", "Alice Moore,Tom Baker,Communication,1,5",
            "Ben Carter,Tom Baker,SQL,2", "Ben Carter,Tom Baker,Communication,5"]
    path = tmp_path / "scores.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    rnd = toolkit.load_round(path, as_of=AS_OF)
    err = rnd.errors.set_index("rule").loc["ragged_rows"]
    assert err["row"] == 3 and "'5' beyond the last column" in err["message"] and '"1,5"' in err["hint"]
    assert rnd.rejected_rows["row"].tolist() == [3] and len(rnd.scores) == 3
    assert 1.0 not in set(rnd.scores["score"].dropna())
    # "3,5," with the comment left empty: the 5 moved into the comment column and the row had the header's width plus an
    # empty cell; it is set aside too
    rows = ["Candidate,Interviewer,Criterion,Score,Comment", "Alice Moore,Tom Baker,SQL,4,solid", "Alice Moore,Tom Baker,Communication,3,5,",
            "Ben Carter,Tom Baker,SQL,2,weak"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert rnd.rejected_rows["row"].tolist() == [3] and "an empty cell beyond the last column" in rnd.errors.iloc[0]["message"]
    # a comma in the comment that ends the row: every score is in its column, so the row loads, with a warning
    rows = ["Candidate,Interviewer,SQL,Communication,Comment", "Alice Moore,Tom Baker,4,3,strong on joins, weak on windows",
            "Ben Carter,Tom Baker,2,5,"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    rnd = toolkit.load_round(path, as_of=AS_OF)
    warn = rnd.problems.set_index("rule").loc["ragged_rows"]
    assert warn["severity"] == "warning" and "weak on windows" in warn["message"] and len(rnd.scores) == 4 and rnd.rejected_rows.empty


def test_an_interviewer_whose_scores_never_pass_5_in_a_1_to_10_file_is_named(tmp_path):
    """Ivan scored on 1-10 and Jana on 1-5 in one long file: the file was read as 1-10, so Jana's 5 counted as 2.8, silently."""
    rows = ["Candidate,Interviewer,Criterion,Score"]
    for i, name in enumerate(("Alice Moore", "Ben Carter", "Cara Diaz")):
        rows += [f"{name},Ivan,SQL,{8 - 2 * i}", f"{name},Ivan,Communication,{10 - 2 * i}", f"{name},Jana,SQL,{5 - i}", f"{name},Jana,Communication,{4 - i}"]
    path = tmp_path / "scores.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    rnd = toolkit.load_round(path, as_of=AS_OF)
    found = rnd.problems[rnd.problems["rule"] == "scale_mixed"]
    assert len(found) == 1 and "'Jana'" in found.iloc[0]["message"] and "'Ivan'" not in found.iloc[0]["message"]
    assert set(rnd.problems["rule"]) >= {"scale_inferred"}
    same = [r.replace(",Jana,SQL,5", ",Jana,SQL,9") for r in rows]  # Jana's top score passes 5: one scale, nothing to say
    path.write_text("\n".join(same) + "\n", encoding="utf-8")
    assert "scale_mixed" not in set(toolkit.load_round(path, as_of=AS_OF).problems["rule"])


def test_an_export_of_ids_without_names_loads_and_says_so_once(tmp_path):
    """An ATS export with ids only (and a separator closing every line, as some exports write), as an analyst gets it
    when names are taken out for privacy. It could not be loaded at all; now every row loads, the candidates are shown
    by id, and one warning says why and what it means for letters."""
    rows = ["candidate_id;interviewer;criterion;score;"]
    for cid in ("A-17", "A-18", "A-19", "A-20"):
        rows += [f"{cid};Ivan;SQL;4;", f"{cid};Ivan;Communication;3;", f"{cid};Jana;SQL;5;"]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert rnd.errors.empty and len(rnd.candidates) == 4 and len(rnd.scores) == 12
    (said,) = rnd.problems[rnd.problems["rule"] == "missing_name"].itertuples()
    assert said.location == "Candidates (derived), column 'name'" and "give no names" in said.message
    summary = toolkit.candidate_summary(rnd)
    assert summary["candidate_id"].tolist() == ["A-17", "A-18", "A-19", "A-20"] and summary["name"].isna().all()
    assert "unknown_column" not in set(rnd.problems["rule"])  # the empty last column is no column


def test_an_xls_that_is_csv_is_read_by_content_and_reported(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("\n".join(",".join(r) for r in [["Candidate", "Interviewer", "Criterion", "Score"], *LONG_ROWS]))
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert scores_of(rnd) == EXPECTED
    warn = rnd.problems[rnd.problems["rule"] == "file_type"].iloc[0]
    assert warn["severity"] == "warning" and "CSV" in warn["message"]


def _workbook(path, sheets: dict, hidden=()):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


WIDE = [["Candidate", "Interviewer", "SQL", "Communication"], ["Alice Moore", "Tom Baker", 4, None], ["Ben Carter", "Tom Baker", 2, 5]]


def test_hidden_and_dashboard_sheets_are_ignored_and_listed(tmp_path):
    decoy = [["Candidate", "Interviewer", "SQL", "Communication"], ["Zed Decoy", "Nobody", 1, 1]]
    path = _workbook(tmp_path / "round.xlsx", {"Dashboard": decoy, "Scores wide": WIDE, "Old": decoy}, hidden=("Old",))
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert scores_of(rnd) == EXPECTED
    assert {i["sheet"]: i["why"] for i in rnd.details["ignored_sheets"]} == {
        "Dashboard": "pivot, dashboard, summary or instructions sheet (by its name)", "Old": "hidden sheet"}


def test_a_sheet_of_scores_that_is_not_read_is_named_in_a_warning(tmp_path, sample_paths):
    """Row counts only account for the rows of the sheets read: an edited copy 'Scores (2)' beside the canonical Scores sheet,
    an interviewer's sheet that is hidden or still called 'Sheet2' were left out, and validate said OK, 0 warnings."""
    copy = tmp_path / "copy.xlsx"
    wb = openpyxl.load_workbook(sample_paths[0])
    wb.copy_worksheet(wb["Scores"]).title = "Scores (2)"
    wb.save(copy)
    per = [["Candidate", "SQL", "Communication"], ["Alice Moore", 4, 3], ["Ben Carter", 2, 5]]
    hidden = _workbook(tmp_path / "hidden.xlsx", {"Tom Baker": per, "Ann Lee": per, "Kim Park": per}, hidden=("Kim Park",))
    generic = _workbook(tmp_path / "generic.xlsx", {"Tom Baker": per, "Ann Lee": per, "Sheet2": per})
    for path, sheet in ((copy, "Scores (2)"), (hidden, "Kim Park"), (generic, "Sheet2")):
        rnd = toolkit.load_round(path, as_of=AS_OF)
        unread = rnd.problems[rnd.problems["rule"] == "sheet_not_read"]
        assert unread["sheet"].tolist() == [sheet] and unread["severity"].tolist() == ["warning"], path.name
        assert sheet not in set(rnd.scores["interviewer"]) and {i["sheet"] for i in rnd.details["ignored_sheets"]} >= {sheet}
    assert "unhide" in toolkit.load_round(hidden, as_of=AS_OF).problems.set_index("rule").loc["sheet_not_read", "hint"]
    # a template's header row alone, hidden or not, and a hidden summary hold no scores: no warning
    template = _workbook(tmp_path / "template.xlsx", {"Tom Baker": per, "Ann Lee": per, "Template": per[:1], "Summary": per},
                         hidden=("Template", "Summary"))
    assert "sheet_not_read" not in set(toolkit.load_round(template, as_of=AS_OF).problems["rule"])
    assert "sheet_not_read" not in set(toolkit.load_round(sample_paths[0], as_of=AS_OF).problems["rule"])


def test_formulas_without_saved_results_are_errors_naming_the_cell():
    # made by a script (openpyxl), never opened in a spreadsheet program: D2 '=2+2' and C3 '=B9' have no results
    rnd = toolkit.load_round(REAL_WORLD / "formula-without-values.xlsx", as_of=AS_OF)
    errs = rnd.errors[rnd.errors["rule"] == "formula_without_value"]
    assert sorted(errs["cell"]) == ["C3", "D2"]
    assert "save it again" in errs.iloc[0]["hint"]
    # each names the score it hides and shows the formula, so the user knows which number to type if re-saving is no option
    by_cell = errs.set_index("cell")
    assert by_cell.loc["D2", "message"].startswith("the SQL score holds a formula") and by_cell.loc["D2", "value"] == "=2+2"
    assert by_cell.loc["C3", "message"].startswith("the Communication score") and by_cell.loc["C3", "value"] == "=B9"
    assert (by_cell["column"] == "score").all()
    assert not rnd.ok
    # the value is unknown, so the row is set aside (left in, a blank score would read as "not assessed")
    assert sorted(rnd.rejected_rows["row"].tolist()) == [2, 3]
    assert rnd.rejected_rows["reason"].str.startswith("formula without a saved result in").all()
    counts = rnd.row_counts.set_index("sheet").loc["Scores"]
    assert counts["read"] == counts["loaded"] + counts["quarantined"] and counts["quarantined"] == 2


def test_libreoffice_saved_formulas_are_read_from_their_results():
    rnd = toolkit.load_round(REAL_WORLD / "02-wide-de-weights-summe.xlsx", as_of=AS_OF)
    assert "formula_without_value" not in set(rnd.problems["rule"])
    assert rnd.details.get("formulas_without_values") is None


def test_one_sheet_without_interviewer_column_fails_clearly_unless_the_mapping_names_one(tmp_path):
    rows = [["Candidate", "SQL", "Communication"], ["Alice Moore", 4, None], ["Ben Carter", 2, 5]]
    path = _workbook(tmp_path / "scores.xlsx", {"Sheet1": rows})
    with pytest.raises(InputFileError, match="no interviewer column") as err:
        toolkit.load_round(path, as_of=AS_OF)
    assert "scores.xlsx" in str(err.value) and 'interviewer = "Name"' in str(err.value)
    rnd = toolkit.load_round(path, as_of=AS_OF, mapping={"interviewer": "Tom Baker"})
    assert scores_of(rnd) == EXPECTED and set(rnd.scores["interviewer"]) == {"Tom Baker"}


def test_criteria_from_the_mapping_override_header_order(tmp_path):
    path = _workbook(tmp_path / "round.xlsx", {"Panel": WIDE})
    rnd = toolkit.load_round(path, as_of=AS_OF, mapping={"criteria": [{"criterion": "Communication", "rank": 1, "must_have": True},
                                                                     {"criterion": "SQL", "rank": 2}]})
    assert rnd.criterion_order == ["Communication", "SQL"]
    assert rnd.criteria["must_have"].tolist() == [True, False]
    assert rnd.details["criteria_source"] == "mapping"
    assert "criteria_from_headers" not in set(rnd.problems["rule"])
    default = toolkit.load_round(path, as_of=AS_OF)
    assert default.criterion_order == ["SQL", "Communication"]
    assert default.details["criteria_source"] == "derived from the order of the criterion columns"


def test_names_in_the_scores_are_looked_up_on_a_candidates_sheet(tmp_path):
    cands = [["candidate_id", "name", "status"], ["K-1", "Alice Moore", "rejected"], ["K-2", "Ben Carter", "hired"]]
    rows = [*WIDE, ["Cara Unknown", "Tom Baker", 3, 3]]
    path = _workbook(tmp_path / "round.xlsx", {"Candidates": cands, "Scores": rows})
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert set(rnd.scores["candidate_id"]) == {"K-1", "K-2"}
    assert dict(zip(rnd.candidates["candidate_id"], rnd.candidates["status"])) == {"K-1": "rejected", "K-2": "hired"}
    err = rnd.errors[rnd.errors["rule"] == "unknown_candidate"]
    assert len(err) >= 1 and "Cara Unknown" in err.iloc[0]["message"]


def test_a_misspelt_name_in_scores_keyed_by_name_is_one_error_at_its_cell_with_the_name_meant(tmp_path):
    """A DPO review's repro: 'Hanna Schulz' for 'Hannah Schulz' gave one error at the Candidates sheet (no cell) and, for
    the cell that holds the name, 'candidate_id is empty' once per criterion column. Now: one error per name, at its first
    cell, with the name as written, the one meant, and the scores it takes out."""
    cands = [["candidate_id", "name", "status"], ["K-1", "Alice Moore", "rejected"], ["K-2", "Ben Carter", "hired"]]
    rows = [["Candidate", "Interviewer", "SQL", "Communication", "Python"], ["Alice Moore", "Tom Baker", 4, 3, 4],
            ["Alice Mor", "Ann Lee", 3, 4, 4], ["Ben Carter", "Tom Baker", 5, 5, 4], ["Ben Carter", "Ann Lee", 4, 5, 5]]
    path = _workbook(tmp_path / "round.xlsx", {"Candidates": cands, "Scores": rows})
    rnd = toolkit.load_round(path, as_of=AS_OF)
    errors = rnd.errors[["rule", "location", "value", "message", "hint"]].to_dict(orient="records")
    assert errors == [{"rule": "unknown_candidate", "location": "Scores!A3", "value": "Alice Mor",
                       "message": "candidate 'Alice Mor' is not on the Candidates sheet, so their 3 scores are set aside (Scores row 3)",
                       "hint": "Did you mean 'Alice Moore'? Add the candidate to the Candidates sheet, or correct it"}]
    assert rnd.row_counts.set_index("sheet").loc["Scores", "quarantined"] == 3  # the row's three scores, none lost unseen


def test_an_unknown_id_in_a_wide_sheet_is_named_once_not_once_per_criterion(tmp_path):
    cands = [["candidate_id", "name", "status"], ["K-1", "Alice Moore", "rejected"], ["K-2", "Ben Carter", "hired"]]
    rows = [["candidate_id", "Interviewer", "SQL", "Communication", "Python"], ["K-1", "Tom Baker", 4, 3, 4],
            ["K-3", "Ann Lee", 3, 4, 4], ["K-2", "Tom Baker", 5, 5, 4]]
    path = _workbook(tmp_path / "round.xlsx", {"Candidates": cands, "Scores": rows})
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert rnd.errors[["rule", "location", "message"]].values.tolist() == [
        ["unknown_candidate", "Scores!A3", "candidate 'K-3' is not on the Candidates sheet, so their 3 scores are set aside (Scores row 3)"]]


@pytest.mark.parametrize("mapping, message", [
    ({"layuot": "wide"}, "unknown key 'layuot'"),
    ({"layout": "sideways"}, "unknown layout"),
    ({"columns": {"Wer": "who"}}, "mapped to an unknown field"),
    ({"scale": {"source": "one to five"}}, "scale source cannot be read"),
    ({"date_order": "middle_first"}, "unknown date order"),
    ({"criteria": [{"rank": 1}]}, "has no criterion name"),
    ({"sheets": ["Nope"]}, "sheet 'Nope', which is not in the file"),
])
def test_mapping_mistakes_are_named(tmp_path, mapping, message):
    path = _workbook(tmp_path / "round.xlsx", {"Panel": WIDE})
    with pytest.raises(MappingError, match=message):
        toolkit.load_round(path, as_of=AS_OF, mapping=mapping)


@pytest.mark.parametrize("rows, layout, message", [
    (WIDE, "long", r'layout = "long" needs a criterion column and a score column on sheet \'Panel\', but it has 2 criterion columns'),
    ([["Candidate", "Interviewer", "Criterion", "Score"], *LONG_ROWS], "wide", r'layout = "wide" needs a column per criterion .* a long table'),
])
def test_a_layout_in_the_mapping_that_does_not_fit_the_table_is_named(tmp_path, rows, layout, message):
    """A mapping that forces a layout the table cannot have says so (it used to end in an AttributeError)."""
    path = _workbook(tmp_path / "round.xlsx", {"Panel": rows})
    with pytest.raises(MappingError, match=message) as err:
        toolkit.load_round(path, as_of=AS_OF, mapping={"layout": layout})
    assert err.value.sheet == "Panel" and "Remove the layout line" in str(err.value)


def test_mapping_file_that_is_not_toml(tmp_path):
    bad = tmp_path / "map.toml"
    bad.write_text('columns = { Bewerber:in = "name" }\n')
    with pytest.raises(MappingError, match="not valid TOML") as err:
        toolkit.load_round(REAL_WORLD / "02-wide-de-weights-summe.xlsx", mapping=bad)
    assert "map.toml" in str(err.value)


@pytest.mark.parametrize("name", ["02-wide-de-weights-summe.xlsx", "03-wide-de-two-row-header.ods", "09-wide-en-1-10-month-first.xlsx",
                                  "10-long-sv-av5.ods"])
def test_written_mapping_reproduces_what_was_detected(tmp_path, name):
    path = REAL_WORLD / name
    detected = toolkit.load_round(path, as_of=AS_OF)
    mapping = tmp_path / "map.toml"
    mapping.write_text(mapping_text(inspect_path(path)), encoding="utf-8")
    pinned = toolkit.load_round(path, as_of=AS_OF, mapping=mapping)
    assert pinned.details["mapping"] == str(mapping)
    for table in ("criteria", "candidates", "scores"):
        a = getattr(detected, table).drop(columns=["round_id"])
        b = getattr(pinned, table).drop(columns=["round_id"])
        assert a.equals(b), table


def test_inspect_text_shows_layout_header_columns_scale_and_excluded_rows(capsys):
    assert main(["inspect", str(REAL_WORLD / "03-wide-de-two-row-header.ods")]) == 0
    out = capsys.readouterr().out
    assert "layout: wide" in out
    assert "header rows 2-3, table from column B" in out
    assert "B  Bewerber:in" in out and "-> name" in out
    assert "-> criterion 'Social-Media-Strategie'" in out
    assert "scale: words (german grades) -> 1-5" in out and "'-'" in out
    assert "note: 'Legende:" in out
    assert "filled down:" in out


def test_inspect_json_and_write_mapping(tmp_path, capsys):
    target = tmp_path / "map.toml"
    assert main(["inspect", "--json", "--write-mapping", str(target), str(REAL_WORLD / "09-wide-en-1-10-month-first.xlsx")]) == 0
    info = json.loads(capsys.readouterr().out)
    d = info["rounds"][0]["details"]
    assert d["layout"] == "wide" and d["dates"]["rule"] == "month_first" and d["scale"]["source"] == "1-10"
    assert [e["kind"] for e in d["excluded_rows"]] == ["totals"]
    text = target.read_text(encoding="utf-8")
    assert 'layout = "wide"' in text and 'date_order = "month_first"' in text and 'source = "1-10"' in text
    assert main(["inspect", "--write-mapping", str(target), str(REAL_WORLD / "09-wide-en-1-10-month-first.xlsx")]) == 1


def test_inspect_of_an_unreadable_file_exits_1_with_the_reason(capsys):
    assert main(["inspect", "/work/shared/realworld/ats-greenhouse-lever-seeds/lever"]) == 1
    err = capsys.readouterr().err
    assert "feedback_form_field.csv" in err and "none of the 3 answers" in err


def test_score_raw_keeps_what_was_written():
    raw = read_file(REAL_WORLD / "05-per-interviewer-stars.xls")
    frame = raw.tables["Scores"].frame
    stars = frame[frame["score_raw"].astype(str).str.contains("★")]
    assert len(stars) > 0
    first = stars.iloc[0]
    assert first["score"] == float(first["score_raw"].count("★"))


def test_a_canonical_workbook_with_a_misspelt_heading_is_not_re_read_as_another_layout(tmp_path, sample_paths):
    from toolkit.edit import copy_with_cells

    broken = copy_with_cells(sample_paths[0], tmp_path / "typo.xlsx", {"Scores!D1": "Scroe"})
    rnd = toolkit.load_round(broken, as_of=AS_OF)
    assert rnd.details["layout"] == "canonical"
    err = rnd.errors.iloc[0]
    assert err["rule"] == "missing_column" and "Scroe" in err["hint"]


def test_a_canonical_workbook_without_scores_sheet_says_so(tmp_path, sample_paths):
    wb = openpyxl.load_workbook(sample_paths[0])
    del wb["Scores"]
    wb.save(tmp_path / "no-scores.xlsx")
    rnd = toolkit.load_round(tmp_path / "no-scores.xlsx", as_of=AS_OF)
    assert rnd.errors["rule"].tolist() == ["missing_sheet"] and rnd.errors.iloc[0]["sheet"] == "Scores"


def test_words_in_a_canonical_workbook_land_on_its_scale(tmp_path, sample_paths):
    from toolkit.edit import copy_with_cells

    words = copy_with_cells(sample_paths[0], tmp_path / "words.xlsx", {"Scores!D2": "Strong Yes", "Scores!D3": "★★☆☆☆", "Scores!D4": "k.A."})
    rnd = toolkit.load_round(words, as_of=AS_OF)
    assert rnd.ok
    by_row = dict(zip(rnd.scores["source_row"], rnd.scores["score"]))
    assert (by_row[2], by_row[3]) == (5.0, 2.0) and pd.isna(by_row[4])


def test_a_typo_in_one_cell_does_not_hide_a_criterion_on_an_interviewers_sheet(tmp_path):
    sheets = {"Anna Lind": [["Sökande", "Kommunikation", "Struktur"], ["Astrid", 4, 5], ["Björn", "four", 2]],
              "Erik Ek": [["Sökande", "Kommunikation", "Struktur"], ["Astrid", 4, 5], ["Björn", 3, 2]]}
    rnd = toolkit.load_round(_workbook(tmp_path / "panel.xlsx", sheets), as_of=AS_OF)
    assert rnd.criterion_order == ["Kommunikation", "Struktur"]
    err = rnd.errors.iloc[0]
    assert (err["rule"], err["value"]) == ("bad_value", "four")
    assert rnd.rejected_rows["reason"].str.contains("score is not a number").all() and len(rnd.rejected_rows) == 1
    assert len(rnd.scores) == 7  # 2 sheets x 2 candidates x 2 criteria, one quarantined


def test_an_empty_unknown_column_beside_the_ratings_is_not_a_criterion(tmp_path):
    rows = [["Candidate", "Interviewer", "Notiz", "SQL", "Communication"], ["Alice Moore", "Tom Baker", None, 4, None],
            ["Ben Carter", "Tom Baker", None, 2, 5]]
    rnd = toolkit.load_round(_workbook(tmp_path / "panel.xlsx", {"Panel": rows}), as_of=AS_OF)
    assert rnd.criterion_order == ["SQL", "Communication"]


@pytest.mark.parametrize("source, given", [
    ("13-mapping-needed.xlsx", "13-mapping-needed.toml"),
    ("16-lever", "16-lever.toml"),
])
def test_a_mapping_written_by_inspect_loads_the_round_as_the_mapping_it_was_read_with(tmp_path, source, given):
    """`debrief inspect FILE --mapping old.toml --write-mapping new.toml` keeps what only the old mapping said (Role values,
    criteria with translations, tips and must-haves, Lever field names), so the new file gives the same round."""
    import tomllib

    old = tomllib.loads((REAL_WORLD / given).read_text(encoding="utf-8"))
    if "criteria" in old:  # what a committee adds to its criteria: names in other letter languages, tips, must-haves
        old["criteria"][0].update(criterion_en="Social media strategy", growth_tip="Draft a quarter's content plan", must_have=True)
        old["role"].update(role_en="Social media lead", sender_title_en="Head of Marketing")
    old_path = tmp_path / "old.toml"
    import tomli_w

    old_path.write_text(tomli_w.dumps(old), encoding="utf-8")
    new_path = tmp_path / "new.toml"
    assert main(["inspect", "--mapping", str(old_path), "--write-mapping", str(new_path), str(REAL_WORLD / source)]) == 0
    before = toolkit.load_round(REAL_WORLD / source, mapping=old_path, as_of="2026-03-20")
    after = toolkit.load_round(REAL_WORLD / source, mapping=new_path, as_of="2026-03-20")
    pd.testing.assert_frame_equal(before.criteria, after.criteria)
    pd.testing.assert_frame_equal(before.scores, after.scores)
    assert before.role == after.role
    if "criteria" in old:
        assert after.criteria.loc[0, "criterion_en"] == "Social media strategy" and bool(after.criteria.loc[0, "must_have"])
        assert after.role.role_in("en") == "Social media lead"


@pytest.mark.parametrize("sheet", ["Role", "Criteria", "Candidates", "Scores"])
def test_a_hidden_canonical_sheet_is_read_with_a_warning(tmp_path, sheet):
    """Someone hid a sheet to tidy the workbook: it is read all the same and a warning says so. (A hidden Criteria or
    Candidates sheet used to drop the workbook into another layout: must-haves, bars and names were lost.)"""
    path = tmp_path / "round.xlsx"
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", path)
    wb = openpyxl.load_workbook(path)
    wb[sheet].sheet_state = "hidden"
    wb.save(path)
    rnd = toolkit.load_round(path, as_of=AS_OF)
    plain = toolkit.load_round("data/sample/berlin-social-media-lead.xlsx", as_of=AS_OF)
    assert rnd.details["layout"] == "canonical"
    hidden = rnd.warnings[rnd.warnings["rule"] == "hidden_sheet"]
    assert len(hidden) == 1 and hidden.iloc[0]["sheet"] == sheet
    assert rnd.row_counts["loaded"].tolist() == plain.row_counts["loaded"].tolist()
    assert rnd.criteria["must_have"].tolist() == plain.criteria["must_have"].tolist()


def test_a_role_value_that_is_a_formula_without_a_saved_result_is_an_error_naming_the_field(tmp_path):
    """decided_on =DATE(...) written by a script: unknown, so the round's decision date would silently be missing."""
    path = tmp_path / "round.xlsx"
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Role"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "decided_on")
    ws.cell(row, 2).value = "=DATE(2026,3,5)"
    wb.save(path)
    rnd = toolkit.load_round(path, as_of=AS_OF)
    err = rnd.errors[rnd.errors["rule"] == "formula_without_value"]
    assert err[["sheet", "cell", "column"]].values.tolist() == [["Role", f"B{row}", "decided_on"]]
    assert "decided_on is unknown" in err.iloc[0]["message"]
    assert err.iloc[0]["value"] == "=DATE(2026,3,5)"


def test_a_formula_in_a_required_cell_is_not_also_called_empty(tmp_path):
    path = tmp_path / "round.xlsx"
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", path)
    wb = openpyxl.load_workbook(path)
    wb["Scores"]["A3"] = "=A2"  # the candidate id copied down by formula, never calculated
    wb.save(path)
    rnd = toolkit.load_round(path, as_of=AS_OF)
    at_a3 = rnd.problems[rnd.problems["cell"] == "A3"]
    assert at_a3["rule"].tolist() == ["formula_without_value"]  # not "candidate_id is empty: fill it in"
    assert at_a3["message"].iloc[0].startswith("the candidate_id holds a formula") and at_a3["value"].iloc[0] == "=A2"
    assert rnd.rejected_rows["row"].tolist() == [3]


@pytest.mark.parametrize("heading, first, formula, after", [
    ("Candidate", "Alice Moore", '=UPPER("Cy Li")', "Ben Carter"),
    ("candidate_id", "C1", '="C"&3', "C2"),
])
def test_a_formula_without_a_result_in_a_wide_candidate_cell_is_not_filled_from_the_row_above(tmp_path, heading, first, formula, after):
    """A wide sheet whose candidate cells are filled down where blank ("merged-looking"): a formula never calculated in
    A4 read as blank, so it took Alice's name from A3 (and so did the blank A5 under it) before its row was set aside,
    and the rows were put down to the wrong candidate. The formula cell is not blank: its row is set aside for it alone,
    and nothing is filled from it."""
    from test_speed_paths import _assert_same_round, _load_both

    rows = [[heading, "Interviewer", "SQL", "Communication"], [first, "Tom Baker", 4, 3], [first, "Kim Lee", 4, 3],
            [formula, "Tom Baker", 2, 5], [None, "Kim Lee", 1, 1], [after, "Kim Lee", 2, 5]]
    sheets = {"Scores": rows}
    if heading == "candidate_id":
        sheets["Candidates"] = [["candidate_id", "name", "status"], ["C1", "Alice Moore", "hired"], ["C2", "Ben Carter", "rejected"],
                                ["C3", "Cy Li", "rejected"]]
    rnd, grid = _load_both(_workbook(tmp_path / "wide.xlsx", sheets))
    _assert_same_round(rnd, grid)
    at_a4 = rnd.problems[(rnd.problems["cell"] == "A4") & (rnd.problems["sheet"] == "Scores")]
    assert at_a4[["sheet", "rule", "column"]].values.tolist() == [["Scores", "formula_without_value", "candidate_id"]]  # not also "empty"
    assert "save it again" in at_a4.iloc[0]["hint"]
    rejected = rnd.rejected_rows.set_index("row")
    assert (rejected.loc[4, "reason"] == "formula without a saved result in A4").all()
    assert not rejected["values"].str.contains(f"candidate_id={'C01' if heading == 'Candidate' else 'C1'};").any()  # not Alice's
    assert (rejected.loc[5, "reason"] == "candidate_id is empty").all()  # the blank under it: not filled from the unknown value
    alice = rnd.scores[rnd.scores["candidate_id"] == rnd.scores["candidate_id"].iloc[0]]
    assert sorted(set(alice["source_row"])) == [2, 3]
    assert "filled_down" not in rnd.details
    counts = rnd.row_counts.set_index("sheet").loc["Scores"]
    assert (counts["read"], counts["loaded"], counts["quarantined"]) == (10, 6, 4)


def test_a_hidden_scores_table_says_to_unhide_it_and_a_mapping_that_names_it_reads_it(tmp_path):
    path = tmp_path / "wide.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bewertungen"
    ws.append(["Bewerber", "Interviewer", "Kommunikation", "Teamfit"])
    for name in ("Anna Berg", "Jonas Weber"):
        for interviewer in ("Maria Klein", "Peter Schulz"):
            ws.append([name, interviewer, 4, 3])
    ws.sheet_state = "hidden"
    wb.create_sheet("Notizen").append(["nur Notizen"])
    wb.save(path)
    with pytest.raises(InputFileError, match=r"unhide it .* or name it in a mapping file"):
        toolkit.load_round(path, as_of=AS_OF)
    rnd = toolkit.load_round(path, as_of=AS_OF, mapping={"sheets": ["Bewertungen"]})
    assert len(rnd.scores) == 8 and rnd.details["layout"] == "wide"


@pytest.mark.parametrize("source", ["data/sample/berlin-social-media-lead.xlsx", str(REAL_WORLD / "formula-without-values.xlsx")])
def test_a_bad_role_value_given_in_a_mapping_names_the_mapping_not_a_cell(tmp_path, source):
    """[role] response_target_days = "soon" in a mapping was reported at Role!B8, the Role sheet's cell that the mapping
    had overridden (and whose 3 was fine): the user corrected the wrong place. It names the mapping file and key now,
    for a workbook with a Role sheet and for one without."""
    mapping = tmp_path / "round.toml"
    mapping.write_text('[role]\nresponse_target_days = "soon"\nlanguage = "fr"\n', encoding="utf-8")
    rnd = toolkit.load_round(source, as_of=AS_OF, mapping=mapping)
    bad = rnd.problems[rnd.problems["rule"] == "bad_value"].set_index("column")
    assert bad.loc["response_target_days", "location"] == "mapping round.toml: [role] response_target_days"
    assert pd.isna(bad.loc["response_target_days", "cell"])
    assert bad.loc["language", "location"] == "mapping round.toml: [role] language"
    assert rnd.role.response_target_days == 3 and rnd.role.language == "en"  # the defaults, as said
    # a mapping value that is fine, over the sheet's, leaves the sheet's other fields at their cells
    mapping.write_text('[role]\nresponse_target_days = 5\n', encoding="utf-8")
    assert toolkit.load_round(source, as_of=AS_OF, mapping=mapping).role.response_target_days == 5


@pytest.mark.parametrize("export, table, what, carried", [
    ("15-greenhouse", "scorecard.csv", "1 scorecard(s)", "with their 5 ratings"),
    ("16-lever", "feedback_form.csv", "1 feedback form(s)", "with their"),
])
def test_rows_an_ats_export_marks_deleted_are_left_out_and_said_so(tmp_path, export, table, what, carried):
    """A scorecard deleted in Greenhouse stays in a Fivetran sync, flagged _fivetran_deleted = true (Lever: a deleted_at
    date). It was left out silently, and its ratings, still in scorecard_attribute.csv, were then called "not in
    scorecard.csv: export both tables from the same sync", an error that sent the user to re-export for nothing. Deleted
    rows are not read, with a warning that counts them and what they carried."""
    import csv

    folder = tmp_path / export
    shutil.copytree(REAL_WORLD / export, folder)
    whole = toolkit.load_round(folder, as_of=AS_OF)
    with open(folder / table, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    flag = rows[0].index("_fivetran_deleted" if "_fivetran_deleted" in rows[0] else "deleted_at")
    rows[1][flag] = "true" if rows[0][flag] == "_fivetran_deleted" else "2026-03-05 10:00:00.000"
    with open(folder / table, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    rnd = toolkit.load_round(folder, as_of=AS_OF)
    deleted = rnd.problems[rnd.problems["rule"] == "deleted_rows"]
    assert deleted["severity"].tolist() == ["warning"] and deleted["sheet"].tolist() == [table]
    assert deleted["message"].iloc[0].startswith(f"{what} marked deleted in the export (e.g. {rows[1][0]}), {carried}")
    assert "unlinked_rows" not in set(rnd.problems["rule"]) and rnd.ok
    assert 0 < len(whole.scores) - len(rnd.scores) <= 10  # that one card's ratings, no more


def test_ids_a_spreadsheet_shortened_to_scientific_notation_are_errors_not_one_merged_candidate(tmp_path):
    """Greenhouse ids such as 25181083003, opened in Excel and saved as CSV, become '2.51811E+10': two candidates whose
    ids share the first digits got one id, were loaded as one candidate, and the error said their rows were duplicates.
    Each row with such an id is set aside, the error saying what happened and how to export again; other rows load."""
    path = tmp_path / "scores.csv"
    path.write_text("candidate_id,name,interviewer,criterion,score,status\n"
                    "2.51811E+10,Alice Moore,Tom Baker,SQL,4,hired\n2.51811E+10,Alice Moore,Tom Baker,Communication,3,hired\n"
                    "2.51811E+10,Ben Carter,Tom Baker,SQL,2,rejected\n2.51811E+10,Ben Carter,Tom Baker,Communication,3,rejected\n"
                    "26181083003,Cy Li,Tom Baker,SQL,2,rejected\n26181083003,Cy Li,Tom Baker,Communication,3,rejected\n", encoding="utf-8")
    rnd = toolkit.load_round(path, as_of=AS_OF)
    errs = rnd.errors
    assert set(errs["rule"]) == {"bad_value"} and errs["cell"].tolist() == ["A2", "A3", "A4", "A5"]
    assert errs["message"].str.contains("shortened to scientific notation").all() and "as text" in errs["hint"].iloc[0]
    assert rnd.candidates["candidate_id"].tolist() == ["26181083003"]  # no merged Alice-and-Ben to write a letter to
    assert len(rnd.scores) == 2 and rnd.rejected_rows["reason"].str.contains("scientific notation").all()


def test_inspecting_a_file_no_table_is_found_in_gives_a_draft_mapping_to_fill_in(tmp_path, capsys):
    """'debrief validate' says "debrief inspect shows what was found, and a mapping file can name the columns", but
    inspect printed the same error and --write-mapping wrote nothing: a dead end. It now shows each sheet's likeliest
    header row and writes a draft naming those headings with "?"; filled in, the draft loads the round."""
    from toolkit.cli import main

    source = REAL_WORLD / "13-mapping-needed.xlsx"
    draft = tmp_path / "draft.toml"
    assert main(["inspect", str(source), "--write-mapping", str(draft)]) == 1  # not loadable as it is
    out = capsys.readouterr().out
    assert "no scores table found" in out and "sheet 'Runde 1', row 1: 'Wer', 'Gesprächspartner', 'K1'" in out
    text = draft.read_text(encoding="utf-8")
    assert 'layout = "?"' in text and '"Gesprächspartner" = "?"' in text and 'sheets = ["Runde 1"]' in text
    with pytest.raises(MappingError, match="unknown layout"):  # left as it is, the draft says what to fill in
        toolkit.load_round(source, mapping=draft, as_of=AS_OF)
    filled = (text.replace('layout = "?"', 'layout = "wide"').replace('"Wer" = "?"', '"Wer" = "name"')
              .replace('"Gesprächspartner" = "?"', '"Gesprächspartner" = "interviewer"').replace('"Notiz" = "?"', '"Notiz" = "ignore"')
              .replace('= "?"', '= "criterion"'))
    draft.write_text(filled, encoding="utf-8")
    rnd = toolkit.load_round(source, mapping=draft, as_of=AS_OF)
    assert rnd.criterion_order == ["K1", "K2", "K3", "K4", "K5"] and len(rnd.scores) > 0


def test_the_draft_takes_the_header_row_not_a_data_row_with_more_text(tmp_path):
    """Criteria headed 1-5 and rated in words: the data rows hold more text than the header, and the draft took the first
    of them for it ("Anna Berg" = "?")."""
    from toolkit.cli import main

    path = tmp_path / "words.xlsx"
    _workbook(path, {"Bogen": [["Bewertungsbogen"], ["Wer", "Von", 1, 2, 3], ["Anna Berg", "Tom", "gut", "sehr gut", "gut"],
                               ["Ben Kohl", "Tom", "mittel", "gut", "schwach"]]})
    draft = tmp_path / "draft.toml"
    assert main(["inspect", str(path), "--write-mapping", str(draft)]) == 1
    text = draft.read_text(encoding="utf-8")
    assert "header_row = 2" in text and '"1" = "?"' in text and '"Anna Berg"' not in text


def test_deleted_flags_as_databases_export_them_and_an_empty_ratings_table_are_told_apart(tmp_path):
    """_fivetran_deleted written t/f (as Postgres exports booleans) read every 'f' as deleted: "every scorecard is marked
    deleted". And an empty scorecard_attribute.csv, with nothing deleted, was said to be all deleted too."""
    import csv

    folder = tmp_path / "gh"
    shutil.copytree(REAL_WORLD / "15-greenhouse", folder)
    with open(folder / "scorecard.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    flag = rows[0].index("_fivetran_deleted")
    for i, r in enumerate(rows[1:]):
        r[flag] = "t" if i == 0 else "f"
    with open(folder / "scorecard.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    rnd = toolkit.load_round(folder, as_of=AS_OF)
    deleted = rnd.problems[rnd.problems["rule"] == "deleted_rows"]
    assert deleted["message"].str.startswith("1 scorecard(s) marked deleted").tolist() == [True]
    assert deleted["column"].tolist() == ["_fivetran_deleted"]
    # a database's null in a deleted_at column is no date: nothing deleted (it refused the whole export)
    lever = tmp_path / "lever"
    shutil.copytree(REAL_WORLD / "16-lever", lever)
    with open(lever / "feedback_form.csv", newline="", encoding="utf-8") as fh:
        forms = list(csv.reader(fh))
    at = forms[0].index("deleted_at")
    for r in forms[1:]:
        r[at] = "NULL"
    with open(lever / "feedback_form.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(forms)
    assert "deleted_rows" not in set(toolkit.load_round(lever, as_of=AS_OF).problems["rule"])
    with open(folder / "scorecard_attribute.csv", encoding="utf-8") as fh:
        header = fh.readline()
    (folder / "scorecard_attribute.csv").write_text(header, encoding="utf-8")
    with pytest.raises(InputFileError, match="scorecard_attribute.csv holds no ratings"):
        toolkit.load_round(folder, as_of=AS_OF)


def test_a_formula_without_a_result_in_a_candidate_column_of_a_one_sheet_table_keeps_the_scores(tmp_path):
    """One sheet with an Email column: a formula never calculated in Kim's email set her score row aside; the email is
    no score and the timing does not rest on it, so it is read as blank and her scores load."""
    path = _workbook(tmp_path / "one.xlsx", {"Scores": [
        ["Candidate", "Email", "Interviewer", "SQL", "Communication"], ["Ann Lee", "ann@example.com", "Tom", 4, 3],
        ["Kim Berg", '=LOWER("KIM")&"@example.com"', "Tom", 3, 5]]})
    rnd = toolkit.load_round(path, as_of=AS_OF)
    err = rnd.errors[rnd.errors["rule"] == "formula_without_value"]
    assert err["cell"].tolist() == ["B3"] and err["message"].iloc[0].endswith("it is read as blank and the row is kept")
    assert len(rnd.scores) == 4 and len(rnd.rejected_rows) == 0


def test_sheets_per_interviewer_with_a_mistyped_heading_or_a_name_last_name_first(tmp_path):
    """A messy-workbook review: 'Comunity' on one interviewer's sheet became a fourth criterion with its own weight, and
    'Becker, Sophie' a fourth candidate, both without a word."""
    import openpyxl

    wb = openpyxl.Workbook()
    for i, who in enumerate(("Jonas Brandt", "Katrin Vogel", "Deniz Aydin")):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = who
        ws.append(["Name", "Strategie", "Content", "Community"])
        for row in (["Sophie Becker", 4, 3, 3], ["Paul Neumann", 2, 3, 2], ["Lena Hoffmann", 5, 4, 4]):
            ws.append(row)
    wb["Katrin Vogel"]["D1"] = "Comunity"
    wb["Jonas Brandt"]["A2"] = "Becker, Sophie"  # the first spelling read: the candidate is still named as the warning says
    wb.save(tmp_path / "typos.xlsx")
    rnd = toolkit.load_round(tmp_path / "typos.xlsx", as_of="2026-03-20")
    assert sorted(rnd.candidates["name"]) == ["Lena Hoffmann", "Paul Neumann", "Sophie Becker"]
    sophie = rnd.candidates.loc[rnd.candidates["name"] == "Sophie Becker", "candidate_id"].iloc[0]
    assert (rnd.scores["candidate_id"] == sophie).sum() == 9  # three interviewers, three criteria
    variants = rnd.problems[rnd.problems["rule"] == "name_variants"].set_index("value")
    assert variants.loc["Becker, Sophie", "sheet"] == "Jonas Brandt" and variants.loc["Becker, Sophie", "cell"] == "A2"
    assert "read as 'Sophie Becker'" in variants.loc["Becker, Sophie", "message"]
    assert "'Comunity' on sheet 'Katrin Vogel'" in variants.loc["Comunity", "message"]
    assert "Comunity" in set(rnd.criteria["criterion"])  # still read as written: the warning says so, the committee decides


def test_a_bad_status_on_a_wide_sheet_names_its_cell_and_common_status_words_are_read(tmp_path):
    """A review: an unknown status on a wide sheet was located as 'row 3', and 'Zusage' and 'avslag' were unknown."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bewertungen"
    ws.append(["Bewerber:in", "Interviewer:in", "Strategie", "Content", "Status"])
    for row in (["Sophie Becker", "Jonas Brandt", 4, 3, "avslag"], ["Lena Hoffmann", "Jonas Brandt", 5, 4, "Zusage"],
                ["Paul Neumann", "Jonas Brandt", 3, 3, "vielleicht"]):
        ws.append(row)
    wb.save(tmp_path / "w.xlsx")
    rnd = toolkit.load_round(tmp_path / "w.xlsx", as_of="2026-03-20")
    assert dict(zip(rnd.candidates["name"], rnd.candidates["status"])) == {"Sophie Becker": "rejected", "Lena Hoffmann": "offered"}
    bad = rnd.errors[rnd.errors["rule"] == "bad_value"]
    assert bad[["sheet", "cell", "value"]].values.tolist() == [["Bewertungen", "E4", "vielleicht"]]


def test_criteria_alike_but_scored_side_by_side_are_not_called_a_typo(tmp_path):
    """A review of the first version: 'Fachkompetenz' and 'Sachkompetenz', 'Kommunikation intern' and 'extern', and
    'Frage 1' to 'Frage 8' were all reported as written almost alike."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bewertung"
    headings = ["Fachkompetenz", "Sachkompetenz", "Kommunikation intern", "Kommunikation extern", *(f"Frage {i}" for i in range(1, 9))]
    ws.append(["Kandidat", "Interviewer", *headings])
    for name in ("Anna Berg", "Ben Ott"):
        for who in ("Lea", "Tom"):
            ws.append([name, who, *([3, 4] * 6)])
    wb.save(tmp_path / "alike.xlsx")
    rnd = toolkit.load_round(tmp_path / "alike.xlsx", as_of="2026-03-20")
    assert len(rnd.criteria) == 12 and not (rnd.problems["rule"] == "name_variants").any()


def test_a_criterion_mistyped_on_the_second_stage_form_is_reported_and_stufe_is_the_stage(tmp_path):
    """A second review: 'Kommunikation' at the first stage and 'Komunikation' at the second, by the same interviewers
    for the same candidates, are never scored side by side at one stage: a typo, reported. 'Stufe' is the stage column
    (it had been ignored, and every second-stage score was a duplicate of the first)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bewertungen"
    ws.append(["Kandidat", "Interviewer", "Kriterium", "Stufe", "Punkte"])
    for name in ("Anna Berg", "Ben Ott"):
        for who in ("Jonas", "Katrin"):
            ws.append([name, who, "Kommunikation", "Erstgespräch", 4])
            ws.append([name, who, "Fachwissen", "Erstgespräch", 3])
            ws.append([name, who, "Komunikation", "Fachinterview", 5])
            ws.append([name, who, "Fachwissen", "Fachinterview", 4])
    wb.save(tmp_path / "stages.xlsx")
    rnd = toolkit.load_round(tmp_path / "stages.xlsx", as_of="2026-03-20")
    assert set(rnd.scores["stage"]) == {"Erstgespräch", "Fachinterview"} and not len(rnd.errors)
    said = rnd.problems[rnd.problems["rule"] == "name_variants"]
    assert len(said) == 1 and "'Kommunikation' and 'Komunikation'" in said["message"].iloc[0]


def test_a_written_mapping_says_a_wide_sheets_comment_goes_into_the_notes(tmp_path):
    """A newcomer: inspect said 'general comment (into the candidate's notes)', the written mapping 'Kommentar = "evidence"'."""
    rows = [["Kandidat", "Interviewer", "SQL", "Kommunikation", "Kommentar"], ["Alice Moore", "Tom Baker", 4, 3, "ruhig"],
            ["Ben Carter", "Tom Baker", 2, 5, "sehr gut"]]
    path = _workbook(tmp_path / "round.xlsx", {"Bewertung": rows})
    text = mapping_text(inspect_path(path))
    assert 'Kommentar = "evidence"' in text and "general comment: it is read into the candidate's notes" in text
    plain = _workbook(tmp_path / "plain.xlsx", {"Bewertung": [r[:4] for r in rows]})
    assert "candidate's notes" not in mapping_text(inspect_path(plain))
