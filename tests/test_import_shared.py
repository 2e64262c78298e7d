"""The real-world files written by others load (what in them is a scorecard or a timeline) or fail saying why.

Copies of ../shared/realworld are in tests/data/shared-realworld (see NOTE.md there).
Expected numbers are read off the CSV lines quoted in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import toolkit
from toolkit.cli import main
from toolkit.errors import InputFileError

SHARED = Path(__file__).resolve().parent / "data" / "shared-realworld"
HR = SHARED / "hr-interview-dashboard"
SEEDS = SHARED / "ats-greenhouse-lever-seeds"
AS_OF = "2026-03-20"


@pytest.fixture(scope="module")
def hr_rounds():
    return toolkit.load_rounds(HR, as_of=AS_OF)


def test_relational_export_gives_one_valid_round_per_job(hr_rounds):
    assert len(hr_rounds) == 50  # jobs.csv: J001..J050, every job has applications
    assert hr_rounds.ok
    # every application is a candidate of exactly one job's round; every interview gives three criterion scores
    assert sum(len(r.candidates) for r in hr_rounds) == 2313  # applications.csv data lines
    assert sum(len(r.scores) for r in hr_rounds) == 1226 * 3  # interviews.csv data lines x 3 rated criteria
    assert {r.criterion_order == ["Communication", "Problem Solving", "Culture Fit"] for r in hr_rounds} == {True}


def test_interviews_are_joined_by_ids(hr_rounds):
    # interviews.csv: I2001,A1001,Screening,2025-01-08,Interviewer_30,2,4,2,2.7
    # applications.csv: A1001,C0001,J049,2025-01-03,Interviewed,...   candidates.csv: C0001,Krishna Reddy,...
    rnd = hr_rounds["hr-interview-dashboard-j049"]
    assert rnd.role.role == "Talent Acquisition Specialist" and rnd.role.requisition == "J049"
    s = rnd.scores[(rnd.scores["candidate_id"] == "C0001") & (rnd.scores["interviewer"] == "Interviewer_30")]
    assert dict(zip(s["criterion"].astype(str), s["score"])) == {"Communication": 2.0, "Problem Solving": 4.0, "Culture Fit": 2.0}
    assert set(s["stage"]) == {"Screening"} and str(s["interviewed_on"].iloc[0].date()) == "2025-01-08"
    c = rnd.candidates.set_index("candidate_id").loc["C0001"]
    assert (c["name"], c["status"], str(c["applied_on"].date())) == ("Krishna Reddy", "pending", "2025-01-03")
    assert "OverallRating" in rnd.details["columns"]["interviews"] and rnd.details["columns"]["interviews"]["OverallRating"] == "computed"


def test_repeated_names_stay_different_people(hr_rounds):
    # candidates.csv: C0002,Sanya Verma,...  and  C0006,Sanya Verma,...
    # applications.csv: A1007,C0002,J018,...,Rejected  and  A1020,C0006,J018,...,Applied
    rnd = hr_rounds["hr-interview-dashboard-j018"]
    both = rnd.candidates[rnd.candidates["name"] == "Sanya Verma"].set_index("candidate_id")["status"].to_dict()
    assert both == {"C0002": "rejected", "C0006": "pending"}


def test_load_round_on_the_folder_asks_for_a_job(hr_rounds):
    with pytest.raises(InputFileError, match="holds 50 jobs") as err:
        toolkit.load_round(HR, as_of=AS_OF)
    assert "load_rounds" in str(err.value) and 'job = "J' in str(err.value)
    one = toolkit.load_round(HR, as_of=AS_OF, mapping={"job": "J018"})
    assert one.round_id == "hr-interview-dashboard-j018" and len(one.candidates) == len(hr_rounds["hr-interview-dashboard-j018"].candidates)


def test_the_xls_that_is_a_csv_fails_naming_the_file_and_the_missing_interviewer():
    with pytest.raises(InputFileError) as err:
        toolkit.load_round(HR / "applications_with_predictions_smote.xls", as_of=AS_OF)
    msg = str(err.value)
    assert "applications_with_predictions_smote.xls" in msg
    assert "not a spreadsheet workbook: it is CSV text" in msg
    assert "no interviewer column" in msg and "RatingCommunication" in msg


def test_one_table_of_the_export_points_to_the_folder():
    with pytest.raises(InputFileError, match="one table of a relational export") as err:
        toolkit.load_round(HR / "interviews.csv", as_of=AS_OF)
    assert "load_rounds(" in str(err.value)


def test_greenhouse_seeds_fail_naming_the_file_and_the_missing_scorecards():
    with pytest.raises(InputFileError) as err:
        toolkit.load_round(SEEDS / "greenhouse", as_of=AS_OF)
    msg = str(err.value)
    assert "scorecard_attribute.csv" in msg and "5436818003" in msg and "5894431003" in msg
    assert "no criterion scores" in msg


def test_lever_seeds_fail_naming_the_file_and_the_missing_forms():
    with pytest.raises(InputFileError) as err:
        toolkit.load_round(SEEDS / "lever", as_of=AS_OF)
    msg = str(err.value)
    assert "feedback_form_field.csv" in msg and "0a89166d-ead4-477d-8dab-415352ce4672" in msg
    assert "score_system_value" in msg


def test_the_seed_folder_of_both_systems_fails_on_the_first_with_its_reason():
    with pytest.raises(InputFileError, match="scorecard_attribute.csv"):
        toolkit.load_rounds(SEEDS, as_of=AS_OF)


@pytest.mark.parametrize("path, code, words", [
    (HR, 0, ["50 jobs", "layout: relational", "files not used: SOURCE.txt, applications_with_predictions_smote.xls",
             "OverallRating -> computed", "RatingCommunication -> criterion 'Communication'"]),
    (HR / "applications_with_predictions_smote.xls", 1, ["CSV text", "no interviewer column"]),
    (SEEDS / "greenhouse", 1, ["none of the 2 ratings"]),
])
def test_inspect_is_readable_for_each_shared_file(capsys, path, code, words):
    assert main(["inspect", str(path)]) == code
    out = capsys.readouterr()
    text = out.out + out.err
    for w in words:
        assert w in text


def test_an_export_whose_rejections_have_no_date_says_its_response_times_cannot_be_measured(hr_rounds):
    """The relational export gives statuses (1,016 rejected) but no decision dates: every response-time figure of the
    report was empty, and nothing said why. Each round with such candidates warns, saying how to give the dates."""
    warned = hr_rounds.problems[hr_rounds.problems["rule"] == "no_decision_date"]
    rejected = {r.round_id: int((r.candidates["status"] == "rejected").sum()) for r in hr_rounds}
    assert set(warned["round_id"]) == {rid for rid, n in rejected.items() if n}
    first = warned.iloc[0]
    assert first["sheet"] == "applications.csv" and "[role] decided_on" in first["hint"]
    assert f"{rejected[first['round_id']]} rejected candidates have no decision date" in first["message"]


def test_a_problem_in_the_relational_export_names_its_real_cell(hr_rounds, tmp_path):
    """'candidate C0492 has no scores' was placed at applications.csv!A2282, the ApplicationID cell (A3281); the
    candidate id is in column B. The candidates' cells were numbered as if their own table were the file."""
    import csv

    said = hr_rounds.problems[hr_rounds.problems["message"].str.startswith("candidate C0492 has no scores")]
    lines = list(csv.reader((HR / "applications.csv").open(encoding="utf-8")))
    assert "applications.csv!B2282" in said["location"].tolist() and lines[0][1] == "CandidateID"
    for location in said["location"]:  # C0492 applied to several jobs: each warning at its own application's id cell
        row = int(location.removeprefix("applications.csv!B"))
        assert lines[row - 1][1] == "C0492", location
    # a bad date and a blank name: the date's own cell; the name, joined in from candidates.csv, by its application's row
    folder = tmp_path / "export"
    folder.mkdir()
    for f in ("applications.csv", "candidates.csv", "interviews.csv", "jobs.csv"):
        (folder / f).write_text((HR / f).read_text(encoding="utf-8"), encoding="utf-8")
    apps = (folder / "applications.csv").read_text(encoding="utf-8").splitlines()
    apps[1] = apps[1].replace("2025-01-03", "2025-13-45")  # A1001, C0001
    (folder / "applications.csv").write_text("\n".join(apps) + "\n", encoding="utf-8")
    rnd = toolkit.load_rounds(folder, as_of=AS_OF)
    bad = rnd.problems[(rnd.problems["column"] == "applied_on") & (rnd.problems["rule"] == "bad_value")]
    assert bad["location"].tolist() == ["applications.csv!D2"]


def test_a_protected_column_beside_the_names_is_said_once_for_the_export(hr_rounds):
    """candidates.csv has a Gender column (empty here). It is never read; an auditor expected the same warning a
    scorecard with such a column gets, once for the export rather than once per job."""
    said = hr_rounds.problems[hr_rounds.problems["rule"] == "protected_column"]
    assert said[["location", "value"]].values.tolist() == [["candidates.csv!C1", "Gender"]]


def test_a_spreadsheet_beside_an_exports_tables_is_named_on_the_terminal(capsys):
    """An auditor's review: applications_with_predictions_smote.xls lies among the CSVs and was silently not read
    (only `debrief inspect` listed it)."""
    assert main(["validate", str(HR), "--as-of", AS_OF]) == 0
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"debrief: 1 file(s) in the export {HR} are none of its tables and are not read: "
                                        "applications_with_predictions_smote.xls"]
