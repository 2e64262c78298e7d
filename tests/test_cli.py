"""The command line as a committee uses it: validate, template, sample."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

import toolkit
from toolkit.cli import main
from toolkit.edit import copy_with_cells


def test_validate_sample_exits_0(sample_paths, capsys):
    assert main(["validate", *map(str, sample_paths)]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out and "Scores" in out


def test_text_in_a_score_cell_is_named_and_exits_1(sample_paths, tmp_path, capsys):
    broken = copy_with_cells(sample_paths[0], tmp_path / "broken.xlsx", {"Scores!D17": "four"})
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "Scores!D17" in out and "'four'" in out and "not a number" in out


def test_an_edited_copy_of_a_file_it_cannot_edit_is_refused_with_our_error_and_leaves_no_copy(sample_paths, tmp_path):
    """copy_with_cells (notebook 01's broken-cell demo) on a CSV, or with a sheet the workbook lacks: a ToolkitError that
    names the file, and no half-made copy; the original is untouched."""
    import hashlib

    from toolkit import InputFileError

    csv = tmp_path / "scores.csv"
    csv.write_text("candidate_id;interviewer;criterion;score\nC1;Sam;SQL;4\n", encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        copy_with_cells(csv, tmp_path / "broken.csv", {"Scores!D2": "four"})
    assert "scores.csv" in str(err.value) and ".xlsx" in str(err.value) and not (tmp_path / "broken.csv").exists()
    before = hashlib.sha256(sample_paths[0].read_bytes()).hexdigest()
    with pytest.raises(InputFileError) as err:
        copy_with_cells(sample_paths[0], tmp_path / "broken.xlsx", {"Bewertungen!D5": "four"})
    assert "Bewertungen!D5" in str(err.value) and "Scores" in str(err.value) and not (tmp_path / "broken.xlsx").exists()
    assert hashlib.sha256(sample_paths[0].read_bytes()).hexdigest() == before


def test_validate_json_has_problems_and_row_counts(sample_paths, tmp_path, capsys):
    broken = copy_with_cells(sample_paths[0], tmp_path / "broken.xlsx", {"Scores!D17": "four"})
    assert main(["validate", "--json", str(broken)]) == 1
    data = json.loads(capsys.readouterr().out)
    f = data["files"][0]
    assert f["ok"] is False and f["errors"] == 1
    assert f["problems"][0]["cell"] == "D17" and f["problems"][0]["value"] == "four"
    counts = f["row_counts"]["Scores"]
    assert counts["read"] == counts["loaded"] + counts["quarantined"] and counts["quarantined"] == 1


def test_validate_unreadable_file_says_so(tmp_path, capsys):
    fake = tmp_path / "scores.xlsx"
    fake.write_text("candidate,score\nC1,4\n")
    assert main(["validate", str(fake)]) == 1
    out = capsys.readouterr().out
    assert "scores.xlsx" in out and "not a spreadsheet" in out


def test_validate_input_is_not_changed(sample_paths, tmp_path):
    import hashlib

    copy = tmp_path / "round.xlsx"
    shutil.copyfile(sample_paths[0], copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    main(["validate", str(copy)])
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before


def test_template_loads_back_with_no_error_and_says_it_is_empty(tmp_path):
    out = tmp_path / "new-round.xlsx"
    assert main(["template", str(out), "--criteria", "Social-media strategy, Copywriting, Analytics, Stakeholders, Team fit"]) == 0
    rnd = toolkit.load_round(out)
    assert rnd.ok and rnd.problems["rule"].tolist() == ["empty_round"]
    assert rnd.criterion_order == ["Social-media strategy", "Copywriting", "Analytics", "Stakeholders", "Team fit"]
    assert main(["template", str(out)]) == 1  # refuses to overwrite without --force
    # a template without criteria says to write them first: GUIDANCE rule 3, ranked before the interviews
    assert main(["template", str(out), "--force"]) == 0
    empty = toolkit.load_round(out).problems.iloc[0]
    assert empty["message"].startswith("the workbook holds no criteria, no candidates and no scores yet")
    assert "Criteria sheet first" in empty["hint"] and empty["sheet"] == "Criteria"  # where to start, not the Candidates sheet
    # criteria written but set aside (rank 'erste') have their own errors: not "no criteria"
    assert main(["template", str(out), "--force", "--criteria", "SQL,Statistics"]) == 0
    wb = openpyxl.load_workbook(out)
    wb["Criteria"]["B2"] = "erste"
    wb.save(out)
    problems = toolkit.load_round(out).problems.set_index("rule")
    assert "bad_value" in problems.index and problems.loc["empty_round", "message"].startswith("the workbook holds no candidates")
    assert problems.loc["empty_round", "sheet"] == "Candidates"


def test_a_blank_job_title_in_the_template_is_named_at_its_cell(tmp_path):
    """The template has the role row; a committee that leaves its value blank is sent to that cell, not told to add a row."""
    out = tmp_path / "round.xlsx"
    assert main(["template", str(out), "--criteria", "SQL"]) == 0
    wb = openpyxl.load_workbook(out)
    wb["Candidates"].append(["C1", "Ann Lee", None, None, "rejected"])
    wb["Scores"].append(["C1", "Bo", "SQL", 3])
    wb.save(out)
    p = toolkit.load_round(out).problems.set_index("rule").loc["required_value"]
    assert (p["sheet"], p["cell"], p["column"]) == ("Role", "B2", "role")
    assert p["message"] == "the role (job title) is empty" and p["hint"].startswith("Write the job title in Role!B2")
    # no role row at all: add one
    wb["Role"].delete_rows(2)
    wb.save(out)
    p = toolkit.load_round(out).problems.set_index("rule").loc["required_value"]
    assert pd.isna(p["cell"]) and p["hint"] == "Add a row: role | <job title>"


@pytest.mark.slow
def test_template_opens_in_libreoffice(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by `make test` (see Makefile: sysdeps)"
    out = tmp_path / "template.xlsx"
    main(["template", str(out)])
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "ods", "--outdir",
                    str(tmp_path / "ods"), str(out)], check=True, capture_output=True, timeout=180)
    converted = tmp_path / "ods" / "template.ods"
    assert converted.exists() and converted.stat().st_size > 0
    # LibreOffice's own file loads back through our reader too
    assert toolkit.load_round(converted).errors.empty


def test_sample_is_deterministic_and_valid(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["sample", str(a), "--rounds", "2", "--candidates", "6", "--seed", "7"]) == 0
    assert main(["sample", str(b), "--rounds", "2", "--candidates", "6", "--seed", "7"]) == 0
    files = sorted(a.glob("*.xlsx"))
    assert len(files) == 2
    for f in files:
        ra, rb = toolkit.load_round(f), toolkit.load_round(b / f.name)
        assert ra.errors.empty
        assert ra.scores.drop(columns="round_id").equals(rb.scores.drop(columns="round_id"))


def test_console_script_runs():
    out = subprocess.run([sys.executable, "-m", "toolkit.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "validate" in out.stdout and "report" in out.stdout


@pytest.mark.parametrize("day", ["2026-13-01", "03-04-2026", "tomorrow"])
def test_a_date_that_is_not_yyyy_mm_dd_is_refused_naming_the_option(day, capsys):
    """03-04-2026 could be 3 April or 4 March, and the day decides who is overdue: refused, not guessed; no traceback."""
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "data/sample", "--as-of", day])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --as-of: {day!r} is not a date as YYYY-MM-DD" in err and "Traceback" not in err
    with pytest.raises(toolkit.ToolkitError, match="as_of is not a date"):
        toolkit.load_round("data/sample/berlin-social-media-lead.xlsx", as_of=day)


def test_output_piped_into_a_reader_that_stops_early_ends_quietly():
    """debrief validate FOLDER | head -1: no BrokenPipeError traceback when head has had enough."""
    validate = subprocess.Popen([sys.executable, "-m", "toolkit.cli", "validate", "/work/shared/realworld/hr-interview-dashboard"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = validate.stdout.readline()
    validate.stdout.close()  # the reader goes away
    err = validate.stderr.read().decode()
    validate.wait(timeout=120)
    assert first and "Traceback" not in err and "BrokenPipe" not in err


def test_validating_an_export_of_several_jobs_says_which_job_each_result_is_for(capsys):
    main(["validate", "/work/shared/realworld/hr-interview-dashboard"])
    heads = [line for line in capsys.readouterr().out.splitlines() if line.startswith("/")]
    assert len(heads) == 50 and "[hr-interview-dashboard-j049: Talent Acquisition Specialist]: OK" in heads[0]


def test_the_cli_names_its_own_flag_where_a_file_exists(tmp_path, capsys):
    target = tmp_path / "round.xlsx"
    assert main(["template", str(target)]) == 0
    assert main(["template", str(target)]) == 1
    assert "debrief template --force" in capsys.readouterr().err


def test_an_excel_lock_file_passed_by_name_is_called_what_it_is(tmp_path, capsys):
    lock = tmp_path / "~$rlin-round.xlsx"
    lock.write_bytes(b"\x0bAnna Berg" + b" " * 100)  # what Excel writes: the name of who has the workbook open
    assert main(["validate", str(lock)]) == 1
    out = capsys.readouterr().out
    assert "lock file" in out and "its name ends in 'rlin-round.xlsx'" in out


def test_a_folder_of_rounds_in_sub_folders_is_named_not_skipped_in_silence(tmp_path, capsys):
    (tmp_path / "berlin").mkdir()
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", tmp_path / "berlin")
    shutil.copy("data/sample/manchester-data-analyst.xlsx", tmp_path)
    assert main(["validate", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "1 round(s) checked" in captured.out and f"{tmp_path / 'berlin'} holds workbooks but is not read" in captured.err


def test_the_same_workbook_given_twice_is_read_once_and_a_copy_is_named(sample_paths, tmp_path, capsys):
    """'debrief report rounds rounds/*.xlsx' counted every round twice (6 rounds, 52 candidates, every overdue twice),
    silently. The same file is one input; a copy in another folder is read (it may be meant) with a warning that its
    candidates are counted twice."""
    folder = tmp_path / "rounds"
    folder.mkdir()
    for p in sample_paths:
        shutil.copy(p, folder)
    rounds = toolkit.load_rounds([folder, *sorted(folder.glob("*.xlsx"))], as_of="2026-03-20")
    assert len(rounds) == len(sample_paths) and "duplicate_file" not in set(rounds.problems["rule"])
    other = tmp_path / "elsewhere"
    other.mkdir()
    copy = shutil.copy(sorted(folder.glob("*.xlsx"))[0], other)
    assert main(["validate", str(folder), str(other)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert f"this file has the same contents as {sorted(folder.glob('*.xlsx'))[0]}" in out
    assert out.count("same contents") == 1 and f"{copy}: OK — 0 error(s), 1 warning(s)" in out


def test_file_system_refusals_are_messages_naming_the_path_not_tracebacks(sample_paths, tmp_path, capsys, monkeypatch):
    """--write-mapping into a folder that does not exist, or onto a folder, and a template the system refuses to write,
    each ended in a Python traceback (FileNotFoundError, IsADirectoryError, PermissionError on a hidden temporary file)."""
    import tempfile

    assert main(["inspect", str(sample_paths[0]), "--write-mapping", str(tmp_path / "no" / "map.toml")]) == 1
    assert "the folder" in capsys.readouterr().err and not (tmp_path / "no").exists()
    assert main(["inspect", str(sample_paths[0]), "--write-mapping", str(tmp_path), "--force"]) == 1
    assert "is a folder; give a file name" in capsys.readouterr().err

    def refused(*a, **k):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".t.xlsx.abc.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    assert main(["template", str(tmp_path / "t.xlsx")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 't.xlsx'}: cannot write the workbook (Permission denied)" in err and ".tmp" not in err


def test_files_of_other_kinds_in_a_folder_are_named_and_report_json_says_what_went_wrong(sample_paths, tmp_path, capsys):
    """A round saved as .numbers (or a PDF) beside the workbooks was skipped without a word ("1 round checked, 0 errors");
    and `debrief report --json` exited 1 without saying why (no data errors, no unreadable inputs in it)."""
    folder = tmp_path / "rounds"
    folder.mkdir()
    shutil.copy(sample_paths[0], folder)
    (folder / "round.numbers").write_bytes(b"PK\x03\x04 not really")
    (folder / "README.md").write_text("notes")  # notes and mapping files beside the inputs are not named
    (folder / "Thumbs.db").write_bytes(b"\0")  # nor the files Windows keeps in folders
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "1 file(s) in the folder are not workbooks or CSV and are not read" in err and "round.numbers" in err
    assert "README.md" not in err and "Thumbs.db" not in err
    assert main(["report", str(folder), "--out", str(tmp_path / "out"), "--json", "--as-of", "2026-03-20"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [u["file"] for u in out["unreadable"]] == [str(folder / "broken.xlsx")] and out["data_errors"] == 0


def test_a_mistyped_option_is_named_with_the_one_meant(sample_paths, tmp_path, capsys):
    """'debrief report rounds --ouf out' said only that --out is required (argparse checks required options first),
    hiding the typo."""
    assert main(["report", str(sample_paths[0]), "--ouf", str(tmp_path / "out")]) == 2
    assert "debrief report: unknown option --ouf; did you mean --out?" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    assert main(["validate", str(sample_paths[0]), "--as-of=2026-03-20"]) == 0  # --option=value is known as --option
    assert main(["validate", str(sample_paths[0]), "--js", "--as", "2026-03-20"]) == 0  # argparse's abbreviations stay valid


def test_a_template_in_the_wrong_place_is_named_not_silently_ignored(sample_paths, tmp_path, capsys):
    """A newcomer put en/subject.txt in their template folder (without letters/): the built-in subject was used and
    nothing said why."""
    folder = tmp_path / "my-templates"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "subject.txt").write_text("Your application\n", encoding="utf-8")
    (folder / "letters" / "de").mkdir(parents=True)
    (folder / "letters" / "de" / "subject.txt").write_text("Ihre Bewerbung\n", encoding="utf-8")
    assert main(["report", str(sample_paths[0]), "--out", str(tmp_path / "out"), "--templates", str(folder), "--as-of", "2026-03-20"]) == 0
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"debrief: {folder / 'en' / 'subject.txt'} overrides no built-in template and is not used "
                                        f"(did you mean {folder / 'letters' / 'en' / 'subject.txt'}?)"]
