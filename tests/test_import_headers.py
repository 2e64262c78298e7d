"""Headings in English, German and Swedish; header rows anywhere; totals and notes rows left out."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.readers.dates import decide_day_first, parse_dates, read_date
from toolkit.readers.headers import field_for, find_header, looks_like_ids, parse_criterion_header, row_label_is_total
from toolkit.readers.rows import classify_rows


@pytest.mark.parametrize("heading, field", [
    ("Bewerber:in", "candidate"), ("Kandidat", "candidate"), ("Sökande", "candidate"), (" Bewerber*in ", "candidate"),
    ("Interviewer:in", "interviewer"), ("Intervjuare", "interviewer"), ("Interviewer/-in", "interviewer"),
    ("Kriterium", "criterion"), ("Bewertung", "score"), ("Punkte", "score"), ("Betyg", "score"), ("Poäng", "score"),
    ("Rating (1-5)", "score"), ("Kommentar", "evidence"), ("Anmerkung", "evidence"), ("Datum", "interviewed_on"),
    ("Bewerber-\nID", "candidate_id"), ("Candidate_ID", "candidate_id"), ("  Candidate   Name ", "name"),
    ("Summe", "computed"), ("Durchschnitt", "computed"), ("Gesamt (gewichtet)", "computed"), ("Medel", "computed"),
    ("Kommunikation", None), ("Teamfit (20 %)", None),
    ("Age", "protected"), ("Alter", "protected"), ("Ålder", "protected"), ("Geschlecht", "protected"), ("Nationality", "protected"),
    ("Years of experience", "personal"), ("Gehaltsvorstellung", "personal"), ("Löneanspråk", "personal"),
    ("Experience", None), ("Berufserfahrung", None), ("Mobile", None),  # rated criteria in many scorecards
    ("Availability (30 %)", None), ("Gehalt (1-5)", None),  # a weight or scale in the heading: a criterion that was rated
])
def test_headings_in_three_languages_with_stray_spaces_and_punctuation(heading, field):
    assert field_for(heading) == field


@pytest.mark.parametrize("heading, name, weight, scale", [
    ("Kommunikation (20 %)", "Kommunikation", 20.0, None),
    ("SQL /10", "SQL", None, (1.0, 10.0)), ("SQL (/10)", "SQL", None, (1.0, 10.0)),
    ("Kommunikation (von 10)", "Kommunikation", None, (1.0, 10.0)), ("Teamfit (av 5)", "Teamfit", None, (1.0, 5.0)),
    ("24/7 support", "24/7 support", None, None),
    ("Kommunikation\n(20%)", "Kommunikation", 20.0, None),
    ("Communication [weight 0.3]", "Communication", 0.3, None),
    ("Teamfit – 15 %", "Teamfit", 15.0, None),
    ("SQL (1-10)", "SQL", None, (1.0, 10.0)),
    ("Samarbete (vikt 25 %) (1–5)", "Samarbete", 25.0, (1.0, 5.0)),
    ("RatingProblemSolving", "Problem Solving", None, None),
    ("culture_fit", "culture fit", None, None),
    ("Rating: Stakeholder management", "Stakeholder management", None, None),
])
def test_criterion_headings_give_name_weight_and_scale(heading, name, weight, scale):
    h = parse_criterion_header(heading)
    assert (h.name, h.weight, h.scale) == (name, weight, scale)


def test_ids_or_names():
    assert looks_like_ids(["C001", "C002", "A-17", "4711"])
    assert looks_like_ids(["f9214712-30b0-4d5a-9890-5a5dca493c07"])
    assert not looks_like_ids(["Anna Berg", "Ben Roth", "C001"])


def test_header_below_title_rows_and_table_at_b2():
    rows = [["", "Scorecard: Data Analyst"], ["", ""], ["", "Candidate", "Interviewer", "SQL", "Communication"],
            ["", "Alice Moore", "Tom Baker", 4, 5]]
    h = find_header(rows)
    assert (h.row, h.first_col) == (2, 1)
    assert h.labels == {1: "Candidate", 2: "Interviewer", 3: "SQL", 4: "Communication"}


def test_two_row_header_with_merged_upper_cells_is_combined():
    rows = [["Bewerber:in", "Interviewer:in", "Bewertung", "", "", "Kommentar"],
            ["", "", "Kommunikation", "Fachwissen", "Teamfit", ""],
            ["Anna Berg", "Jonas", 4, 5, 3, "gut"]]
    h = find_header(rows)
    assert h.rows == (0, 1)
    assert list(h.labels.values()) == ["Bewerber:in", "Interviewer:in", "Kommunikation", "Fachwissen", "Teamfit", "Kommentar"]


def test_first_data_row_of_text_is_not_taken_for_a_second_header_row():
    rows = [["Candidate", "Interviewer", "Criterion", "Rating", "Notes"], ["Alice", "Tom", "SQL", "Strong Yes", ""]]
    assert find_header(rows).rows == (0,)


def test_mapping_can_fix_the_header_row():
    rows = [["x", "y"], ["Kandidat", "Interviewer"], ["Who", "By"], ["Anna", "Jonas"]]
    assert find_header(rows, header_row=3).row == 2


@pytest.mark.parametrize("label, total", [("Summe", True), ("Total:", True), ("Durchschnitt aller Interviewer", True), ("Ø", True),
                                          ("Summa", True), ("Medel", True), ("Average", True), ("Mean score", True),
                                          ("Sumner Smith", False), ("Anna Berg", False), ("Overall impression", False),
                                          ("Totalmente Ruiz", False)])
def test_totals_labels(label, total):
    assert row_label_is_total(label) is total


def test_excel_subtotal_rows_are_totals_only_under_their_group():
    """Excel's Data > Subtotal puts "B01 Ergebnis" (German Excel; "B01 Total", "B01 Summa") under the rows of B01. A
    review found the first version of this rule dropped every row of a candidate called Marco Summa."""
    from toolkit.readers.rows import classify_rows

    block = pd.DataFrame([
        ["B01", "Jonas", 4, 3],
        ["B01", "Katrin", 5, 4],
        ["B01 Ergebnis", "", 9, 7],
        ["B02", "Jonas", 3, 3],
        ["B02 Total", "", 3, 3],
        ["Marco Summa", "Jonas", 4, 4],
        ["Jan de la Total", "Katrin", 2, 3],
        ["Anna Berg", "Jonas", 4, 4],
        ["Anna Berg Summa", "", 4, 4],
        ["Ben Ott", "Jonas", 3, 3],
        ["Ben Ott Mittelwert", "", 3, 3],  # a Subtotal of averages (German Excel); counts, maxima and minima alike
        ["Grand Count", "", 7, 7],
    ], columns=[0, 1, 2, 3], dtype=object)
    kinds = classify_rows(block, key_cols=[0]).tolist()
    assert kinds == ["data", "data", "totals", "data", "totals", "data", "data", "data", "totals", "data", "totals", "totals"]


def test_rows_below_a_table_totals_and_notes_and_a_candidate_without_scores():
    block = pd.DataFrame([
        ["Anna Berg", "Jonas", 4, 5],
        ["Ben Roth", "", "", ""],  # a candidate nobody scored yet: data
        ["", "", "", ""],
        ["Summe", "", 9, 10],
        ["Durchschnitt", "", 4.5, 5],
        ["Hinweis: Skala 1-5", "", "", ""],
        ["1 = schwach, 5 = stark", "", "", ""],
    ], columns=[0, 1, 2, 3], dtype=object)
    kinds = classify_rows(block, key_cols=[0])
    assert kinds.tolist() == ["data", "data", "blank", "totals", "totals", "note", "note"]


def test_date_rule_is_decided_per_file():
    assert decide_day_first(["13/03/2026", "02/03/2026"])[0] == "day_first"
    assert decide_day_first(["3/14/26", "3/2/26"])[0] == "month_first"
    rule, info = decide_day_first(["03/04/2026", "05/06/2026"])
    assert rule == "day_first" and info["ambiguous"] == ["03/04/2026", "05/06/2026"]
    rule, info = decide_day_first(["13/03/2026", "03/14/2026"])
    assert "conflict" in info
    rule, info = decide_day_first(["03/04/2026"], prefer="month_first")
    assert rule == "month_first" and info["why"] == "given in the mapping"


def test_two_digit_dashed_dates_are_read_year_first_when_that_keeps_them_together():
    """A messy-workbook review: Swedish short dates (ÅÅ-MM-DD) were "proved" day-first by 26-01-26 and 26-03-10 became
    2010-03-26, with no word said. Read with the year first they lie in 2026, with the year last in 2010-2026."""
    rule, info = decide_day_first(["26-01-26", "26-03-10", "26-03-19"])
    assert rule == "year_first" and "2026" in info["why"] and "2010-2026" in info["why"]
    assert read_date("26-03-10", rule).isoformat() == "2026-03-10"
    assert read_date("14/03/2026", rule).isoformat() == "2026-03-14"  # other forms in such a file stay day first
    # dd-mm-yy of one round: the years (last part) lie together, the first parts do not
    assert decide_day_first(["10-03-26", "19-03-26", "26-01-26"])[0] == "day_first"
    # one date cannot tell: read day first, and said to be possibly year first
    rule, info = decide_day_first(["26-03-10"])
    assert rule == "day_first" and info["year_first_possible"] == ["26-03-10"]
    # a date that cannot be year first (month 26) is no such case; the mapping decides above all
    assert "year_first_possible" not in decide_day_first(["10-26-03", "10-26-04"])[1]
    assert decide_day_first(["26-03-10", "26-03-19"], prefer="day_first")[0] == "day_first"


@pytest.mark.parametrize("written, read, said", [
    # a review of the first version of the rule, which decided on any difference of spans and said nothing
    (["10-12-25", "10-01-26", "10-02-26"], ["2025-12-10", "2026-01-10", "2026-02-10"], "could be year-month-day"),  # dd-mm-yy over New Year
    (["19-06-22", "20-03-26", "18-03-26"], ["2022-06-19", "2026-03-20", "2026-03-18"], "could be year-month-day"),  # a 2022 applicant
    (["26-03-10", "26-03-19", "26-01-26", "26-13-01"], ["2026-03-10", "2026-03-19", "2026-01-26", None], "read year first"),  # a typo
    (["26-03-10", "26-03-19", "26-03-12 14:00"], ["2026-03-10", "2026-03-19", "2026-03-12"], "read year first"),  # with a time
    (["26-03-10", "26-03-19", "03/04/2026"], ["2026-03-10", "2026-03-19", "2026-04-03"], "read year first"),
])
def test_two_digit_dashed_dates_of_a_round(written, read, said):
    from toolkit.readers.dates import DAY_FIRST

    rule, info = decide_day_first(written)
    got = [read_date(v, rule) for v in written]
    assert [d.isoformat() if d else None for d in got] == read
    if said == "read year first":
        assert rule == "year_first" and info["year_first_read"]
    else:
        assert rule == DAY_FIRST and info["year_first_possible"]
    if "03/04/2026" in written:
        assert info["ambiguous"] == ["03/04/2026"]  # the other dates' own ambiguity is still said


def test_two_digit_dashed_dates_with_the_file_s_other_dates_typos_times_and_single_digits():
    """A second review: a Swedish file with one 26-04-31 went back to day first; dd-mm-yy dates of March 2026 beside real
    2026 dates and a 2023 applicant were read year first as 2010-2011; '26-3-12' was read day first in a year-first file;
    dates with a time told nothing and said nothing."""
    swedish = ["26-01-26", "26-02-02", "26-03-10", "26-03-19", "26-03-04", "26-02-23", "26-03-03", "26-03-18", "26-04-31"]
    rule, info = decide_day_first(swedish)
    assert rule == "year_first" and read_date("26-04-31", rule) is None  # the typo is reported as not a date
    assert [read_date(v, rule).isoformat() for v in swedish[:3]] == ["2026-01-26", "2026-02-02", "2026-03-10"]
    march = ["10-03-26", "11-03-26", "11-01-23"]
    rule, _ = decide_day_first(march, other_years=lambda: {2026})
    assert rule == "day_first" and read_date("11-01-23", rule).isoformat() == "2023-01-11"
    assert decide_day_first(["26-03-10", "26-03-19", "26-3-12"])[0] == "year_first"
    assert read_date("26-3-12", "year_first").isoformat() == "2026-03-12"
    rule, info = decide_day_first(["26-03-10 09:30", "26-03-11 13:00", "26-03-12 10:15"])
    assert rule == "day_first" and info["year_first_possible"]  # read day first, and said
    rule, info = decide_day_first(["26-03-10 09:30", "26-03-11 13:00", "26-03-12 10:15"], other_years=lambda: {2026})
    assert rule == "year_first" and read_date("26-03-11 13:00", rule).isoformat() == "2026-03-11"


def test_a_file_of_swedish_short_dates_loads_with_the_right_dates(tmp_path):
    import datetime as dt

    import openpyxl

    import toolkit

    wb = openpyxl.load_workbook("data/sample/stockholm-ux-designer.xlsx")
    written = {}
    for name in ("Candidates", "Scores"):
        for row in wb[name].iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, dt.datetime):
                    written[(name, c.coordinate)] = c.value.date()
                    c.value = c.value.strftime("%y-%m-%d")
    wb.save(tmp_path / "s.xlsx")
    original = toolkit.load_round("data/sample/stockholm-ux-designer.xlsx", as_of="2026-03-20")
    short = toolkit.load_round(tmp_path / "s.xlsx", as_of="2026-03-20")
    assert len(written) > 50 and short.details["dates"]["rule"] == "year_first"
    for table in ("candidates", "scores"):
        a, b = getattr(original, table), getattr(short, table)
        dates = [c for c in a.columns if str(a[c].dtype).startswith("datetime")]
        assert dates and a[dates].equals(b[dates]), table
    assert len(short.errors) == len(original.errors)


def test_one_short_date_among_real_dates_is_read_in_their_years(tmp_path):
    """One typed '26-03-10' cannot tell year first from year last by itself; the file's real dates (2026) can."""
    import datetime as dt

    import openpyxl

    import toolkit

    wb = openpyxl.load_workbook("data/sample/stockholm-ux-designer.xlsx")
    for row in wb["Role"].iter_rows():
        if row[0].value == "decided_on":
            row[1].value = "26-03-10"
    wb.save(tmp_path / "s.xlsx")
    rnd = toolkit.load_round(tmp_path / "s.xlsx", as_of="2026-03-20")
    assert rnd.role.decided_on == dt.date(2026, 3, 10)
    assert rnd.details["dates"]["rule"] == "year_first" and "with the file's other dates" in rnd.details["dates"]["why"]
    said = rnd.problems[rnd.problems["rule"] == "ambiguous_dates"]  # inferred, so said
    assert len(said) == 1 and "read year first" in said["message"].iloc[0]
    assert said["message"].iloc[0].endswith("so read it lies in 2026, with the file's other dates")
    # alone (no other dates to go by) it is read by the day/month rule and reported
    rule, info = decide_day_first(["26-03-10"], other_years=lambda: set())
    assert rule == "day_first" and info["year_first_possible"] == ["26-03-10"]
    # other dates in the year the day-first reading gives: day first, not reported
    rule, info = decide_day_first(["10-03-26"], other_years=lambda: {2026})
    assert rule == "day_first" and "year_first_possible" not in info


@pytest.mark.parametrize("value, rule, iso", [
    ("2026-03-14", "day_first", "2026-03-14"), ("2026-03-14 09:30:00.123", "day_first", "2026-03-14"),
    ("2026-03-14T09:30:00Z", "day_first", "2026-03-14"), ("14.03.2026", "month_first", "2026-03-14"),
    ("14.3.26", "day_first", "2026-03-14"), ("14-03-2026", "day_first", "2026-03-14"), ("3/4/26", "day_first", "2026-04-03"),
    ("3/4/26", "month_first", "2026-03-04"), ("14. März 2026", "day_first", "2026-03-14"), ("14 mars 2026", "day_first", "2026-03-14"),
    ("March 14, 2026", "day_first", "2026-03-14"), (46095.0, "day_first", "2026-03-14"),
    ("16-Feb-26", "day_first", "2026-02-16"), ("16-Feb-2026", "month_first", "2026-02-16"), ("3-Mär-2026", "day_first", "2026-03-03"),
])
def test_dates_as_written(value, rule, iso):
    assert read_date(value, rule).isoformat() == iso


def test_unreadable_dates_are_handed_on_for_validation():
    out, bad = parse_dates(pd.Series(["2026-03-14", "31.02.2026", "soon", ""], dtype=object))
    assert out.tolist() == ["2026-03-14", "31.02.2026", "soon", ""]
    assert bad.tolist() == [False, True, True, False]


def test_a_column_about_the_person_is_no_criterion_does_not_set_the_scale_and_is_reported(tmp_path):
    """An HR export adds Age (24-58) and Years of experience (2-9) beside the 1-5 ratings: read as criteria, they made the
    scale 0-100 (a 5 counted as 1.2) and letters said "especially when it came to age". They are not read, and each is named."""
    import openpyxl

    import toolkit
    from toolkit.feedback import compose_round

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Interviews"
    ws.append(["Candidate", "Interviewer", "SQL", "Age", "Statistics", "Team fit", "Years of experience", "Status"])
    people = {"Anna Alpha": (31, 9, "hired"), "Ben Beta": (58, 2, "rejected"), "Cara Gamma": (44, 5, "rejected"), "Dan Delta": (24, 3, "rejected")}
    for k, (name, (age, years, status)) in enumerate(people.items()):
        for i, who in enumerate(("Sam", "Kim")):
            ws.append([name, who, 5 - k, age, 4 - (k + i) % 3, 3 + i, years, status])
    path = tmp_path / "interviews.xlsx"
    wb.save(path)
    rnd = toolkit.load_round(path, as_of="2026-03-20")
    assert list(rnd.criteria["criterion"]) == ["SQL", "Statistics", "Team fit"] and rnd.role.scale == "1-5"
    assert rnd.scores.loc[rnd.scores["criterion"] == "SQL", "score"].max() == 5
    found = rnd.problems.set_index("rule")
    assert found.loc["protected_column", "cell"] == "D1" and "Age" in found.loc["protected_column", "message"]
    assert found.loc["personal_column", "cell"] == "G1" and '"Years of experience" = "criterion"' in found.loc["personal_column", "hint"]
    letters = " ".join(fb.text for fb in compose_round(rnd, as_of="2026-03-20"))
    assert "age" not in letters.casefold().replace(".", " ").replace(",", " ").split() and "years of experience" not in letters.casefold()
    rated = toolkit.load_round(path, as_of="2026-03-20", mapping={"columns": {"Years of experience": "criterion"}})
    assert "Years of experience" in set(rated.criteria["criterion"]) and "personal_column" not in set(rated.problems["rule"])


@pytest.mark.parametrize("text, scale", [
    ("Skala 1-10", (1.0, 10.0)), ("Ratings on a 1-10 scale", (1.0, 10.0)), ("Scale: 1 (poor) to 10 (excellent)", (1.0, 10.0)),
    ("Bewertung (1 bis 10)", (1.0, 10.0)), ("Legend: 1 = poor, 10 = excellent", (1.0, 10.0)), ("* scores out of 10", (1.0, 10.0)),
    ("Legende: 1 = schwach; 4 = sehr gut", (1.0, 4.0)), ("Betygsskala 1–5", (1.0, 5.0)), ("Punkte von 10", (1.0, 10.0)),
    # not a scale: dates, stages, counts
    ("Interviews 2026, 1-3 March", None), ("Round 1 = screening, Round 2 = panel", None), ("Panel 2: 3 candidates", None),
    ("Note: the panel met on 3 February", None), ("Interview scores (2024-2025)", None), ("Stage: 1 = phone screen, 2 = onsite", None),
    ("Betyg av 3 intervjuare", None), ("Poäng av 2 bedömare", None), ("Bewertungen: Punkte von 3 Interviewern", None),
    ("Scores of 12 candidates out of 40 applicants", None),
])
def test_a_scale_stated_in_a_title_or_legend_is_found(text, scale):
    """A 1-10 file whose top score is 5 was read as 1-5 (5/10 counted as 5/5) although its title or legend said 1-10."""
    from toolkit.readers.rows import scale_from_notes

    assert scale_from_notes([text]) == scale
