"""Candidates without names: an export for analysis (pseudonymised, or ids straight from the applicant tracking system)
loads, every table and chart shows the id, and a letter greets the candidate without a name instead of "Dear B01"."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

import toolkit
import toolkit.analytics as an
import toolkit.charts as ch
from toolkit.feedback import compose, compose_round
from toolkit.render.letters import render_call_notes_html, render_eml, render_letter_html, render_letter_text
from toolkit.report import build_report

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
AS_OF = "2026-03-20"


def _without_name_column(src: Path, dst: Path) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb["Candidates"]
    headers = [c.value for c in ws[1]]
    ws.delete_cols(headers.index("name") + 1)
    wb.save(dst)
    return dst


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """The Berlin sample as written, and the same workbook with its name column deleted."""
    tmp = tmp_path_factory.mktemp("no-names")
    src = SAMPLE / "berlin-social-media-lead.xlsx"
    return toolkit.load_round(src, as_of=AS_OF), toolkit.load_round(_without_name_column(src, tmp / "berlin.xlsx"), as_of=AS_OF)


def test_a_workbook_without_names_loads_every_row_and_ranks_as_with_names(pair):
    named, anonymous = pair
    assert anonymous.errors.empty and len(anonymous.candidates) == len(named.candidates) and len(anonymous.scores) == len(named.scores)
    assert anonymous.problems["rule"].tolist().count("missing_name") == 1
    a, b = toolkit.candidate_summary(named), toolkit.candidate_summary(anonymous)
    assert b["name"].isna().all()  # the name as given: none (the id is in candidate_id, never in a name column)
    for col in ("rank", "weighted_total", "strength", "growth_area"):
        assert a[col].tolist() == b[col].tolist(), col


def test_tables_keep_the_name_blank_and_every_chart_shows_the_id(pair):
    """A table's name column holds names only (an auditor's export must not mix ids into it, nor read "<NA>"); charts,
    pages and pickers label a candidate without a name by their id."""
    _, rnd = pair
    ids = set(rnd.candidates["candidate_id"])
    tl = toolkit.timelines(rnd)
    for table in (tl, an.scenario_ranks(rnd), an.progression(rnd), toolkit.weighted_totals(rnd), an.left_out(rnd)):
        assert table["name"].isna().all(), table.columns
    robust = an.rank_robustness(rnd)
    assert set(robust["winner_name"]) <= ids and set(robust["top_names"].str.split(" [>=] ", regex=True).explode()) <= ids
    assert "B04" in ch.interviewer_spread(rnd, "B04").layout.title.text
    assert "B04" in ch.candidate_profile(rnd, "B04").layout.title.text
    for fig in (ch.contribution_bars(rnd), ch.criterion_heatmap(rnd), ch.timeline_chart(tl, AS_OF), ch.progression_chart(rnd)):
        shown = fig.to_json()
        assert "B04" in shown and "<NA>" not in shown and "None" not in shown


@pytest.mark.parametrize("language, greeting", [("en", "Hello,"), ("de", "Guten Tag,"), ("sv", "Hej,")])
def test_the_letter_greets_without_a_name_and_never_with_the_id(pair, language, greeting):
    _, rnd = pair
    fb = compose(rnd, "B04", language=language, as_of=AS_OF)
    assert fb.name is None and fb.greeting == greeting
    text, page, eml = render_letter_text(fb), render_letter_html(fb), render_eml(fb)
    assert text.startswith(greeting + "\n") and "B04" not in text and "B04" not in page and "None" not in page
    assert 'class="recipient"' not in page
    assert re.search(r"^To: emily\.carter@example\.com\r?$", eml, re.M)  # the address, with no name in front
    # the caller is told why, by the id, in the letter's language
    assert "B04" in fb.notes[0] and len([n for n in fb.notes if "B04" in n]) == 1  # first: the notes below say B04
    notes = render_call_notes_html(fb)
    assert "B04" in notes and "None" not in notes


def test_a_name_given_is_greeted_as_before(pair):
    named, _ = pair
    fb = compose(named, "B04", as_of=AS_OF)
    assert fb.greeting == "Dear Emily," and fb.name == "Emily Carter"
    assert not [n for n in fb.notes if "name" in n.lower() and "B04" in n]


def test_one_candidate_without_a_name_among_named_ones(tmp_path):
    src = SAMPLE / "stockholm-ux-designer.xlsx"
    wb = openpyxl.load_workbook(src)
    ws = wb["Candidates"]
    col = [c.value for c in ws[1]].index("name") + 1
    cid, ws.cell(3, col).value = ws.cell(3, 1).value, None
    wb.save(tmp_path / "r.xlsx")
    rnd = toolkit.load_round(tmp_path / "r.xlsx", as_of=AS_OF)
    assert rnd.errors.empty and rnd.problems.loc[rnd.problems["rule"] == "missing_name", "cell"].tolist() == [f"{openpyxl.utils.get_column_letter(col)}3"]
    letters = {fb.candidate_id: fb for fb in compose_round(rnd, as_of=AS_OF)}
    assert cid == "S02" and letters[cid].name is None and letters[cid].greeting == "Hej,"  # Maja Eriksson, rejected
    named = [fb for c, fb in letters.items() if c != cid]
    assert named and all(fb.name and fb.name.split()[0] in fb.greeting for fb in named)


def test_the_report_of_a_round_without_names_has_no_missing_value_marks(pair):
    _, rnd = pair
    report = build_report(rnd, as_of=AS_OF)
    pages = {k: v.decode("utf-8") for k, v in report.files.items() if k.endswith((".html", ".txt", ".eml", ".json"))
             and not k.startswith("assets/")}
    assert any(k.endswith("letter.html") for k in pages)
    for path, text in pages.items():
        visible = re.sub(r"<script.*?</script>", "", text, flags=re.S)
        for mark in (">nan<", ">None<", "&lt;NA&gt;", ">NaN<", "Dear B0", "Guten Tag B0", "Hej B0"):
            assert mark not in visible, (path, mark)
    committee = pages[next(k for k in pages if k.endswith("committee.html"))]
    assert all(cid in committee for cid in rnd.candidates["candidate_id"])


def test_a_blank_name_in_a_wide_sheet_is_not_filled_from_the_row_above(tmp_path):
    """A wide sheet repeats a candidate's name on each interviewer's row, and blanks below are filled down; a blank
    name on a row with an id of its own is another candidate, who was greeted "Dear Anna," with the name above."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scores"
    ws.append(["Candidate ID", "Name", "Interviewer", "SQL", "Communication", "Status"])
    for cid, name, status in (("C01", "Anna Berg", "rejected"), ("C02", None, "rejected"), ("C03", "Cleo Dahl", "hired")):
        ws.append([cid, name, "Ivan", 4, 3, status])
        ws.append([None, None, "Jana", 3, 4, None])  # the candidate's second row: id and name filled down
    wb.save(tmp_path / "wide.xlsx")
    rnd = toolkit.load_round(tmp_path / "wide.xlsx", as_of=AS_OF)
    assert dict(zip(rnd.candidates["candidate_id"], rnd.candidates["name"].astype(object).where(rnd.candidates["name"].notna(), None))) == {
        "C01": "Anna Berg", "C02": None, "C03": "Cleo Dahl"}
    assert len(rnd.scores) == 12 and rnd.problems.loc[rnd.problems["rule"] == "missing_name", "cell"].tolist() == ["B4"]
    assert compose(rnd, "C02", as_of=AS_OF).greeting == "Hello,"


def test_an_ats_export_without_names_loads_without_errors(tmp_path):
    """Greenhouse's candidate.csv with the names blanked (as a privacy export does): every candidate was reported as
    missing from candidate.csv, an error on every letter."""
    import csv
    import shutil

    src = Path(__file__).resolve().parent / "data" / "real-world" / "15-greenhouse"
    dst = tmp_path / "greenhouse"
    shutil.copytree(src, dst)
    path = dst / "candidate.csv"
    rows = list(csv.DictReader(path.open(newline="", encoding="utf-8")))
    for r in rows:
        r["first_name"] = r["last_name"] = ""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    named, anonymous = toolkit.load_round(src, as_of=AS_OF), toolkit.load_round(dst, as_of=AS_OF)
    assert anonymous.errors.empty and len(anonymous.candidates) == len(named.candidates) and len(anonymous.scores) == len(named.scores)
    assert anonymous.problems["rule"].tolist().count("missing_name") == 1


def test_files_for_people_and_machines_leave_the_name_blank_rather_than_show_the_id(pair):
    """The talent pool is a contact list and summary.json is read by programs: an id in the name column reads as a name
    ("Dear B05"). The committee's pages show the id, since there it labels a row."""
    import io
    import json

    _, rnd = pair
    report = build_report(rnd, as_of=AS_OF)
    people = json.loads(report.files["summary.json"])["candidates"]
    assert people and all(p["name"] is None for p in people)
    pool = openpyxl.load_workbook(io.BytesIO(report.files["talent-pool.xlsx"])).active
    header = [c.value for c in pool[1]]
    names = [row[header.index("Name")] for row in pool.iter_rows(min_row=2, values_only=True)]
    assert names and all(n in (None, "") for n in names)
    table = toolkit.feedback.letters_table(compose_round(rnd, as_of=AS_OF))
    assert len(table) and table["name"].isna().all()


def test_a_relational_export_without_names_says_so_once_at_the_file_that_holds_them(tmp_path):
    """An auditor's export: one relational export makes a round per job, and the warning was said once per round (50
    times), at applications.csv, which never had names, as "empty" although the column was gone."""
    import shutil

    src = Path(__file__).resolve().parent / "data" / "real-world" / "14-relational"
    gone, blank = tmp_path / "gone", tmp_path / "blank"
    for folder in (gone, blank):
        shutil.copytree(src, folder)
    lines = (src / "candidates.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    at = header.index("Name")
    (gone / "candidates.csv").write_text("\n".join(",".join(c for i, c in enumerate(l.split(",")) if i != at) for l in lines) + "\n",
                                         encoding="utf-8")
    cells = lines[2].split(",")
    cid, cells[at] = cells[header.index("CandidateID")], ""
    lines[2] = ",".join(cells)
    (blank / "candidates.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rounds = toolkit.load_rounds(gone, as_of=AS_OF)
    said = rounds.problems[rounds.problems["rule"] == "missing_name"]
    assert len(said) == 1 and said.iloc[0]["location"] == "candidates.csv, column 'name'" and "no name column" in said.iloc[0]["message"]
    assert rounds.ok and rounds.candidates["name"].isna().all()
    one = toolkit.load_rounds(blank, as_of=AS_OF)
    said = one.problems[one.problems["rule"] == "missing_name"]
    assert said["location"].tolist() == [f"candidates.csv!{openpyxl.utils.get_column_letter(at + 1)}3"] and cid in said.iloc[0]["message"]
