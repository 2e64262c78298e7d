"""Make the real-world-shaped test files and their clean twins.

    .venv/bin/python tests/data/real-world/make_files.py

Every messy file holds the same kind of round as its clean twin in
``twins/`` (a canonical workbook written by `toolkit.workbook`): same
candidates, interviewers, criteria (and ranks/weights), stages, interview
dates and scores, the scores already put on the 1-5 scale *by hand here*
(e.g. 7 on 1-10 -> 1 + 6 * 4/9 = 3.6667), so that the test compares the
importer against numbers it did not compute itself.

Workbooks are first written with openpyxl and then opened and saved by
LibreOffice (``soffice --headless --convert-to``; the pivot table of file 17
is made through LibreOffice's own API by lo_pivot.py, which needs the system
Python with LibreOffice's ``uno`` module, Debian package python3-uno), so that the committed
.xlsx/.ods/.xls files are what a real spreadsheet program writes (cached
formula results, merged cells, hidden sheets, its own XML). CSV files and
export folders are written in the byte shape of real exports (BOM, CRLF,
``;`` or tab separators, Windows-1252, Fivetran table layouts).

`MANIFEST` (also written to manifest.json) lists each messy file, its twin
and the mapping file it needs, if any. LibreOffice is needed only to run
this script, not to run the tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from toolkit.workbook import scorecard_workbook_bytes  # noqa: E402

TWINS = HERE / "twins"
MANIFEST: list[dict] = []

# ---------------------------------------------------------------------------
# The rounds


PEOPLE = {
    "de": {
        "role": "Social-Media-Lead",
        "criteria": ["Social-Media-Strategie", "Kommunikation", "Analytisches Denken", "Fachwissen", "Teamfit"],
        "candidates": ["Anna Berg", "Ben Roth", "Clara Weiß", "David Öztürk", "Emma Schulz"],
        "interviewers": ["Jonas Keller", "Mia Wagner", "Lena Vogel"],
        "stages": ["Erstgespräch", "Fachgespräch"],
    },
    "sv": {
        "role": "UX-designer",
        "criteria": ["Användarförståelse", "Kommunikation", "Prototyper", "Samarbete", "Struktur"],
        "candidates": ["Astrid Nilsson", "Björn Larsson", "Cecilia Åberg", "Daniel Holm", "Elin Sjöberg"],
        "interviewers": ["Anna Lind", "Erik Svensson", "Maja Ek"],
        "stages": ["Första intervju", "Case"],
    },
    "en": {
        "role": "Data Analyst",
        "criteria": ["SQL", "Problem solving", "Communication", "Stakeholder management", "Culture fit"],
        "candidates": ["Alice Moore", "Ben Carter", "Chloe Evans", "Daniel Price", "Ella Hughes"],
        "interviewers": ["Priya Shah", "Tom Baker", "Grace Liu"],
        "stages": ["Screen", "Onsite"],
    },
}


@dataclass
class Scale:
    """How a rating is written in the messy file and what it is on 1-5 (computed here by hand)."""

    values: list  # source values, worst first
    write: callable  # source value -> cell
    onto_1_5: callable  # source value -> expected score on 1-5


def linear(lo, hi):
    return lambda v: round(1 + (v - lo) / (hi - lo) * 4, 4)


NUM_1_5 = Scale([1, 2, 3, 4, 5], lambda v: v, lambda v: float(v))
RECOMMENDATION = Scale([1, 2, 3, 4, 5], lambda v: ["Definitely Not", "No", "Mixed", "Yes", "Strong Yes"][v - 1], float)
SNAKE = Scale([1, 2, 3, 4, 5], lambda v: ["definitely_not", "no", "mixed", "yes", "strong_yes"][v - 1], float)
GERMAN = Scale([1, 2, 3, 4, 5], lambda v: ["mangelhaft", "ausreichend", "befriedigend", "gut", "sehr gut"][v - 1], float)
SWEDISH = Scale([1, 2, 3, 4, 5], lambda v: ["svag", "godkänd", "bra", "mycket bra", "utmärkt"][v - 1], float)
STARS = Scale([1, 2, 3, 4, 5], lambda v: "★" * v + "☆" * (5 - v), float)
VON = Scale([1, 2, 3, 4, 5], lambda v: f"{v} von 5", float)
AV = Scale([1, 2, 3, 4, 5], lambda v: f"{v} av 5", float)
PERCENT = Scale([1, 2, 3, 4, 5], lambda v: f"{25 * (v - 1)} %", float)  # 0 % .. 100 % -> 1 .. 5
TEN = Scale(list(range(1, 11)), lambda v: v, linear(1, 10))
HIRE = Scale([1, 2, 3, 4], lambda v: ["1 - Strong No Hire", "2 - No Hire", "3 - Hire", "4 - Strong Hire"][v - 1], linear(1, 4))
YMN = Scale([1, 2, 3], lambda v: ["No", "Maybe", "Yes"][v - 1], linear(1, 3))
FOUR = Scale([1, 2, 3, 4], lambda v: v, linear(1, 4))


@dataclass
class Round:
    lang: str
    seed: int
    scale: Scale
    stages: bool = False
    n_candidates: int = 5
    n_interviewers: int = 3
    blank_share: float = 0.08
    ids: bool = False
    weights: list | None = None
    rows: list = field(default_factory=list)  # (candidate, interviewer, stage, date, {criterion: source value or None})

    def __post_init__(self):
        p = PEOPLE[self.lang]
        rnd = random.Random(self.seed)
        self.role = p["role"]
        self.criteria = p["criteria"]
        self.candidates = p["candidates"][: self.n_candidates]
        self.interviewers = p["interviewers"][: self.n_interviewers]
        self.candidate_ids = {c: f"B-{101 + i}" for i, c in enumerate(self.candidates)}
        stages = p["stages"] if self.stages else [None]
        day = dt.date(2026, 3, 2)
        for c_i, cand in enumerate(self.candidates):
            for s_i, stage in enumerate(stages):
                when = day + dt.timedelta(days=c_i * 2 + s_i * 7 + (1 if c_i >= 2 else 0) * 3)
                for who in self.interviewers:
                    ratings = {}
                    for crit in self.criteria:
                        ratings[crit] = None if rnd.random() < self.blank_share else rnd.choice(self.scale.values)
                    self.rows.append((cand, who, stage, when, ratings))

    # -- the clean twin
    def twin(self, name: str, *, ids: dict | None = None, statuses: dict | None = None, role: str | None = None):
        ids = ids or ({c: self.candidate_ids[c] for c in self.candidates} if self.ids else
                      {c: f"C{i + 1:02d}" for i, c in enumerate(self.candidates)})
        criteria = pd.DataFrame({"criterion": self.criteria, "rank": range(1, len(self.criteria) + 1)})
        if self.weights:
            criteria["weight"] = self.weights
        candidates = pd.DataFrame({"candidate_id": [ids[c] for c in self.candidates], "name": self.candidates,
                                   "status": [(statuses or {}).get(c, "pending") for c in self.candidates]})
        scores = []
        for cand, who, stage, when, ratings in self.rows:
            for crit, v in ratings.items():
                scores.append({"candidate_id": ids[cand], "interviewer": who, "criterion": crit,
                               "score": None if v is None else self.scale.onto_1_5(v), "stage": stage, "interviewed_on": when})
        data = scorecard_workbook_bytes({"role": role or self.role, "scale": "1-5"}, criteria, candidates, pd.DataFrame(scores))
        TWINS.mkdir(exist_ok=True)
        (TWINS / name).write_bytes(data)
        return f"twins/{name}"

    def cell(self, v, blank="k.A."):
        return blank if v is None else self.scale.write(v)


# ---------------------------------------------------------------------------
# LibreOffice


def libreoffice(src: Path, fmt: str, dest: Path) -> None:
    """Open `src` in LibreOffice and save it as `dest` (format: xlsx, ods, xls)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice is needed to make the files: apt-get install -y libreoffice-calc-nogui")
    filters = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods", "xls": "xls:MS Excel 97"}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", filters[fmt],
                        "--outdir", f"{tmp}/out", str(src)], check=True, capture_output=True, timeout=300)
        produced = Path(tmp) / "out" / (src.stem + "." + fmt)
        shutil.copyfile(produced, dest)


def save_via_libreoffice(wb: openpyxl.Workbook, name: str) -> Path:
    fmt = name.rsplit(".", 1)[1]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (Path(name).stem + ".xlsx")
        wb.save(src)
        libreoffice(src, fmt, HERE / name)
    return HERE / name


def add(name, twin, *, mapping=None, note=""):
    MANIFEST.append({"file": name, "twin": twin, "mapping": mapping, "shape": note})


# ---------------------------------------------------------------------------
# The files


def f01_long_en_title_notes():
    r = Round("en", 1, RECOMMENDATION)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Interview scores"
    ws["B1"] = "Data Analyst - interview scorecard"
    ws["B1"].font = Font(bold=True, size=14)
    ws["B2"] = "Exported 20 March 2026"
    ws.append([])
    heads = ["Candidate", "Interviewer", "Criterion", "Rating", "Notes", "Interview date"]
    for j, h in enumerate(heads):
        ws.cell(4, 2 + j, h)
    row = 5
    for cand, who, _stage, when, ratings in r.rows:
        for crit, v in ratings.items():
            vals = [cand, who, crit, r.cell(v, "n/a"), "", when]
            for j, x in enumerate(vals):
                ws.cell(row, 2 + j, x)
            ws.cell(row, 7).number_format = "DD/MM/YYYY"
            row += 1
    ws.cell(row + 1, 2, "Notes: ratings follow the hiring-committee rubric (Definitely Not ... Strong Yes).")
    ws.cell(row + 2, 2, "* n/a = the interviewer did not cover this criterion")
    save_via_libreoffice(wb, "01-long-en-title-notes.xlsx")
    add("01-long-en-title-notes.xlsx", r.twin("01.xlsx"), note="long, title rows, table at B4, word ratings, notes below, Excel dates")


def f02_wide_de_weights():
    r = Round("de", 2, NUM_1_5, weights=[30, 25, 20, 15, 10])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bewertungen"
    ws["A1"] = "Bewertungsmatrix Social-Media-Lead (Berlin)"
    heads = ["Bewerber:in", "Interviewer:in", *[f"{c} ({w} %)" for c, w in zip(r.criteria, r.weights)], "Summe", "Kommentar", "Datum"]
    for j, h in enumerate(heads):
        ws.cell(3, 1 + j, h)
    row = 4
    for cand, who, _s, when, ratings in r.rows:
        ws.cell(row, 1, cand)
        ws.cell(row, 2, who)
        for j, crit in enumerate(r.criteria):
            ws.cell(row, 3 + j, r.cell(ratings[crit], "k.A."))
        ws.cell(row, 8, f"=SUM(C{row}:G{row})")
        ws.cell(row, 9, "überzeugend im Fallbeispiel" if row % 4 == 0 else None)
        ws.cell(row, 10, when.strftime("%d.%m.%Y"))
        row += 1
    ws.cell(row, 1, "Durchschnitt")
    for j in range(5):
        col = openpyxl.utils.get_column_letter(3 + j)
        ws.cell(row, 3 + j, f"=AVERAGE({col}4:{col}{row - 1})")
    ws.cell(row + 2, 1, "Skala: 1 = schwach, 5 = sehr stark; k.A. = nicht bewertet")
    save_via_libreoffice(wb, "02-wide-de-weights-summe.xlsx")
    add("02-wide-de-weights-summe.xlsx", r.twin("02.xlsx"), note="wide, weights in headers, Summe column and Durchschnitt row (formulas), dd.mm.yyyy text")


def f03_wide_de_two_row_header():
    r = Round("de", 3, GERMAN)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Auswahlgespräche"
    ws["B2"] = "Bewerber:in"
    ws["C2"] = "Interviewer:in"
    ws["D2"] = "Bewertung"
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:C3")
    ws.merge_cells(start_row=2, start_column=4, end_row=2, end_column=8)
    for j, c in enumerate(r.criteria):
        ws.cell(3, 4 + j, c)
    ws["I2"] = "Datum"
    ws.merge_cells("I2:I3")
    row = 4
    by_cand: dict[str, list] = {}
    for item in r.rows:
        by_cand.setdefault(item[0], []).append(item)
    for cand, items in by_cand.items():
        start = row
        for _c, who, _s, when, ratings in items:
            ws.cell(row, 3, who)
            for j, crit in enumerate(r.criteria):
                ws.cell(row, 4 + j, r.cell(ratings[crit], "-"))
            ws.cell(row, 9, when)
            ws.cell(row, 9).number_format = "DD.MM.YYYY"
            row += 1
        ws.cell(start, 2, cand)
        ws.merge_cells(start_row=start, start_column=2, end_row=row - 1, end_column=2)
    ws.cell(row + 1, 2, "Legende: sehr gut, gut, befriedigend, ausreichend, mangelhaft; - = nicht bewertet")
    save_via_libreoffice(wb, "03-wide-de-two-row-header.ods")
    add("03-wide-de-two-row-header.ods", r.twin("03.xlsx"), note="ODS, two-row merged header, table at B2, candidate merged down, German grade words")


def f04_per_interviewer_sv():
    r = Round("sv", 4, SWEDISH)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ov = wb.create_sheet("Översikt")
    ov["A1"] = "Sammanställning"
    ov["A2"] = "Antal bedömningar"
    for who in r.interviewers:
        ws = wb.create_sheet(who)
        ws["A1"] = f"Intervjuare: {who}"
        ws.append([])
        ws.append(["Sökande", *r.criteria, "Kommentar"])
        for cand, w, _s, _when, ratings in r.rows:
            if w != who:
                continue
            ws.append([cand, *[r.cell(ratings[c], "ej bedömd") for c in r.criteria], ""])
    ov["B2"] = f"=COUNTA('{r.interviewers[0]}'!B4:F8)"
    tmpl = wb.create_sheet("Mall")
    tmpl.append(["Sökande", *r.criteria, "Kommentar"])
    tmpl.append(["Exempel Exempelsson", "bra", "bra", "bra", "bra", "bra", ""])
    tmpl.sheet_state = "hidden"
    save_via_libreoffice(wb, "04-per-interviewer-sv.xlsx")
    twin_rows = [(c, w, s, None, rt) for c, w, s, _when, rt in r.rows]
    r.rows = twin_rows
    add("04-per-interviewer-sv.xlsx", r.twin("04.xlsx"), note="one sheet per interviewer, Swedish words, hidden template sheet, overview sheet")


def f05_per_interviewer_stars_xls():
    r = Round("en", 5, STARS)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for who in r.interviewers:
        ws = wb.create_sheet(who)
        ws.append(["Candidate", *r.criteria, "Comments"])
        for cand, w, _s, _when, ratings in r.rows:
            if w == who:
                ws.append([cand, *[r.cell(ratings[c], "") for c in r.criteria], ""])
    s = wb.create_sheet("Summary")
    s["A1"] = "Average per candidate"
    save_via_libreoffice(wb, "05-per-interviewer-stars.xls")
    r.rows = [(c, w, s_, None, rt) for c, w, s_, _when, rt in r.rows]
    add("05-per-interviewer-stars.xls", r.twin("05.xlsx"), note="old .xls (BIFF8), one sheet per interviewer, star ratings, summary sheet")


def write_text(path: Path, rows: list[list], *, sep=",", bom=False, crlf=False, encoding="utf-8"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n" if crlf else "\n")
    w.writerows(rows)
    data = buf.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def f06_long_snake_bom_crlf():
    r = Round("en", 6, SNAKE, stages=True)
    rows = [["candidate", "interviewer", "interview", "attribute", "rating", "note", "interviewed_at"]]
    typo_done = False
    for cand, who, stage, when, ratings in r.rows:
        for crit, v in ratings.items():
            cell = r.cell(v, "no_decision")
            if cell == "strong_yes" and not typo_done:
                cell, typo_done = "stong_yes", True
            rows.append([cand, who, stage, crit, cell, "", f"{when.isoformat()} 14:30:00.000"])
    write_text(HERE / "06-long-snake-bom-crlf.csv", rows, bom=True, crlf=True)
    add("06-long-snake-bom-crlf.csv", r.twin("06.xlsx"), note="CSV with BOM and CRLF, snake_case words with a typo, stages, timestamps")


def f07_long_de_semicolon():
    r = Round("de", 7, VON, ids=True)
    rows = [["Bewerber-ID", "Bewerber:in", "Interviewer:in", "Kriterium", "Punkte", "Anmerkung", "Datum"]]
    for cand, who, _s, when, ratings in r.rows:
        for crit, v in ratings.items():
            rows.append([r.candidate_ids[cand], cand, who, crit, r.cell(v, "k.A."), "", when.strftime("%d.%m.%Y")])
    rows.append(["Summe", "", "", "", "", "", ""])
    write_text(HERE / "07-long-de-semicolon.csv", rows, sep=";", encoding="cp1252", crlf=True)
    add("07-long-de-semicolon.csv", r.twin("07.xlsx"), note="CSV, semicolon, Windows-1252, ids, '4 von 5', 'k.A.', Summe row, dd.mm.yyyy")


def f08_wide_tab_percent():
    r = Round("en", 8, PERCENT)
    rows = [["Name", "Interviewer", *r.criteria, "Interview date"]]
    for cand, who, _s, when, ratings in r.rows:
        rows.append([cand, who, *[r.cell(ratings[c], "-") for c in r.criteria], when.strftime("%d-%m-%Y")])
    write_text(HERE / "08-wide-tab-percent.tsv", rows, sep="\t")
    add("08-wide-tab-percent.tsv", r.twin("08.xlsx"), note="tab-separated, percentages 0-100 %, dd-mm-yyyy (day > 12 proves day-first)")


def f09_wide_en_1_10_month_first():
    r = Round("en", 9, TEN)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Panel"
    ws["B2"] = "Candidate"
    ws["C2"] = "Panelist"
    for j, c in enumerate(r.criteria):
        ws.cell(2, 4 + j, f"{c} (1-10)")
    ws.cell(2, 9, "Date")
    row = 3
    for cand, who, _s, when, ratings in r.rows:
        ws.cell(row, 2, cand)
        ws.cell(row, 3, who)
        for j, crit in enumerate(r.criteria):
            ws.cell(row, 4 + j, r.cell(ratings[crit], "N/A"))
        ws.cell(row, 9, f"{when.month}/{when.day}/{when.strftime('%y')}")
        row += 1
    ws.cell(row, 2, "Average")
    for j in range(5):
        col = openpyxl.utils.get_column_letter(4 + j)
        ws.cell(row, 4 + j, f"=AVERAGE({col}3:{col}{row - 1})")
    save_via_libreoffice(wb, "09-wide-en-1-10-month-first.xlsx")
    add("09-wide-en-1-10-month-first.xlsx", r.twin("09.xlsx"), note="1-10 in headers, m/d/yy text dates (a day > 12 proves month-first), Average row")


def f10_long_sv_av5_ods():
    r = Round("sv", 10, AV)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Betyg"
    ws.append(["Sökande", "Intervjuare", "Kriterium", "Betyg", "Kommentar", "Datum"])
    # score rows in a shuffled criterion order: the ranks come from the Kriterier sheet
    order = [r.criteria[i] for i in (3, 0, 4, 1, 2)]
    for cand, who, _s, when, ratings in r.rows:
        for crit in order:
            ws.append([cand, who, crit, r.cell(ratings[crit], "ej bedömd"), "", when])
            ws.cell(ws.max_row, 6).number_format = "YYYY-MM-DD"
    ws.append(["Summa", "", "", "", "", ""])
    ws.append(["Medel", "", "", "", "", ""])
    k = wb.create_sheet("Kriterier")
    k.append(["Kriterium", "Rang", "Vikt"])
    for i, c in enumerate(r.criteria, start=1):
        k.append([c, i, None])
    save_via_libreoffice(wb, "10-long-sv-av5.ods")
    add("10-long-sv-av5.ods", r.twin("10.xlsx"), note="ODS long, Swedish, '4 av 5', 'ej bedömd', Summa/Medel rows, Kriterier sheet gives ranks")


def f11_wide_hire_words():
    r = Round("en", 11, HIRE, stages=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Debrief"
    ws.append(["Candidate", "Interviewer", "Stage", *r.criteria, "Overall"])
    for cand, who, stage, _when, ratings in r.rows:
        ws.append([cand, who, stage, *[r.cell(ratings[c], "null") for c in r.criteria], "3 - Hire"])
    save_via_libreoffice(wb, "11-wide-hire-words.xlsx")
    r.rows = [(c, w, s, None, rt) for c, w, s, _when, rt in r.rows]
    add("11-wide-hire-words.xlsx", r.twin("11.xlsx"), note="wide, Lever-style '3 - Hire' (1-4), 'null', an Overall column that is not a criterion")


def f12_csv_named_xls():
    r = Round("en", 12, YMN)
    rows = [["Candidate Name", "Interviewer", "Criterion", "Score", "Comments"]]
    for cand, who, _s, _when, ratings in r.rows:
        for crit, v in ratings.items():
            rows.append([cand, who, crit, r.cell(v, "n/a"), ""])
    write_text(HERE / "12-csv-named.xls", rows, crlf=True)
    r.rows = [(c, w, s, None, rt) for c, w, s, _when, rt in r.rows]
    add("12-csv-named.xls", r.twin("12.xlsx"), note="a CSV saved with an .xls name (read by content), Yes/Maybe/No")


def f13_mapping_needed():
    """Headings no alias knows and a 1-4 scale: only a mapping file makes this loadable."""
    r = Round("de", 13, FOUR)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Runde 1"
    ws.append(["Wer", "Gesprächspartner", *[f"K{i}" for i in range(1, 6)], "Notiz"])
    for cand, who, _s, _when, ratings in r.rows:
        ws.append([cand, who, *[r.cell(ratings[c], "") for c in r.criteria], ""])
    save_via_libreoffice(wb, "13-mapping-needed.xlsx")
    mapping = {
        "layout": "wide",
        "columns": {"Wer": "name", "Gesprächspartner": "interviewer", **{f"K{i}": "criterion" for i in range(1, 6)}, "Notiz": "ignore"},
        "scale": {"source": "1-4", "target": "1-5"},
        "role": {"role": r.role, "country": "DE", "language": "de"},
        "criteria": [{"criterion": f"K{i}", "rank": i} for i in range(1, 6)],
    }
    import tomli_w

    (HERE / "13-mapping-needed.toml").write_text(tomli_w.dumps(mapping), encoding="utf-8")
    r.criteria = [f"K{i}" for i in range(1, 6)]
    r.rows = [(c, w, s, None, {f"K{i + 1}": v for i, v in enumerate(rt.values())}) for c, w, s, _when, rt in r.rows]
    add("13-mapping-needed.xlsx", r.twin("13.xlsx"), mapping="13-mapping-needed.toml",
        note="headings no alias knows (Wer, Gesprächspartner, K1..K5) and a 1-4 scale: needs its mapping file")


def f14_relational():
    """Shaped like hr-interview-dashboard: interviews x applications x candidates x jobs, joined by id."""
    folder = HERE / "14-relational"
    folder.mkdir(exist_ok=True)
    r = Round("en", 14, NUM_1_5, stages=True)
    r.criteria = ["Communication", "Problem Solving", "Culture Fit"]
    rnd = random.Random(14)
    r.rows = [(c, w, s, d, {k: rt[k0] for k, k0 in zip(r.criteria, PEOPLE["en"]["criteria"])}) for c, w, s, d, rt in r.rows]
    cand_ids = {c: f"C{i + 1:04d}" for i, c in enumerate(r.candidates)}
    candidates = [["CandidateID", "Name", "Gender", "Education", "ExperienceYears", "Location"]]
    for c in r.candidates:
        candidates.append([cand_ids[c], c, "", "BSc", 3, "Leeds"])
    candidates.append(["C0006", r.candidates[0], "", "MSc", 7, "York"])  # same name, another person
    statuses = {r.candidates[0]: "Hired", r.candidates[1]: "Rejected", r.candidates[2]: "Offered", r.candidates[3]: "Interviewed",
                r.candidates[4]: "Rejected"}
    apps = [["ApplicationID", "CandidateID", "JobID", "ApplicationDate", "Status", "Source", "ResumeMatch"]]
    app_ids = {}
    for i, c in enumerate(r.candidates):
        app_ids[c] = f"A{1001 + i}"
        apps.append([app_ids[c], cand_ids[c], "J001", "2026-02-1" + str(i), statuses[c], "LinkedIn", 60 + i])
    apps.append(["A1100", "C0006", "J002", "2026-02-20", "Applied", "Referral", 70])  # other job, namesake
    interviews = [["InterviewID", "ApplicationID", "Round", "InterviewDate", "Interviewer", "RatingCommunication",
                   "RatingProblemSolving", "RatingCultureFit", "OverallRating"]]
    n = 2001
    for cand, who, stage, when, ratings in r.rows:
        vals = [ratings[k] for k in r.criteria]
        filled = [v for v in vals if v is not None]
        overall = round(sum(filled) / len(filled), 1) if filled else ""
        interviews.append([f"I{n}", app_ids[cand], stage, when.isoformat(), who, *["" if v is None else v for v in vals], overall])
        n += 1
    interviews.append([f"I{n}", "A1100", "Screen", "2026-03-01", "Tom Baker", 4, 3, 5, 4.0])
    feedback = [["FeedbackID", "InterviewID", "FeedbackText", "SentimentScore"], ["F3001", "I2001", "Clear structure.", 0.8]]
    jobs = [["JobID", "Title", "Department", "Location", "MinExperience", "SkillsRequired"],
            ["J001", "Data Analyst", "Analytics", "Leeds", 2, "SQL, Python"],
            ["J002", "BI Manager", "Analytics", "York", 4, "Power BI"]]
    for name, rows in (("candidates.csv", candidates), ("applications.csv", apps), ("interviews.csv", interviews),
                       ("feedback.csv", feedback), ("jobs.csv", jobs)):
        write_text(folder / name, rows)
    del rnd
    twin_status = {c: {"Hired": "hired", "Rejected": "rejected", "Offered": "offered"}.get(s, "pending") for c, s in statuses.items()}
    twin = r.twin("14-j001.xlsx", ids=cand_ids, statuses=twin_status, role="Data Analyst")
    add("14-relational", twin, note="relational CSVs joined by id (interviews, applications, candidates with a repeated name, jobs); job J001")


def f15_greenhouse():
    """Fivetran Greenhouse tables with joinable ids: scorecard + scorecard_attribute + application + candidate + user."""
    folder = HERE / "15-greenhouse"
    folder.mkdir(exist_ok=True)
    r = Round("en", 15, SNAKE, stages=True, blank_share=0.1)
    cand_ids = {c: str(21926020003 + i * 1000) for i, c in enumerate(r.candidates)}
    app_ids = {c: str(25181083003 + i * 1000) for i, c in enumerate(r.candidates)}
    user_ids = {w: str(4177719003 + i * 1000) for i, w in enumerate(r.interviewers)}
    cands = [["id", "_fivetran_deleted", "_fivetran_synced", "company", "coordinator_id", "created_at", "first_name", "is_private",
              "last_activity", "last_name", "new_candidate_id", "photo_url", "recruiter_id", "title", "updated_at"]]
    for c in r.candidates:
        first, last = c.split(" ", 1)
        cands.append([cand_ids[c], "false", "2026-03-20 08:00:00.000", "", "", "2026-02-01 10:00:00.000", first, "false",
                      "2026-03-10 10:00:00.000", last, "", "", "", "", "2026-03-10 10:00:00.000"])
    rejected = {r.candidates[1]: "2026-03-16 09:12:00.000", r.candidates[3]: "2026-03-17 15:40:00.000"}
    status = {c: ("rejected" if c in rejected else "active") for c in r.candidates}
    status[r.candidates[0]] = "hired"
    apps = [["id", "_fivetran_deleted", "_fivetran_synced", "applied_at", "candidate_id", "credited_to_user_id", "current_stage_id",
             "is_deleted", "last_activity_at", "location_address", "prospect", "rejected_at", "rejected_reason_id", "source_id", "status"]]
    for c in r.candidates:
        apps.append([app_ids[c], "false", "2026-03-20 08:00:00.000", "2026-02-0" + str(2 + r.candidates.index(c)) + " 14:21:05.255",
                     cand_ids[c], "", "5560244003", "", "2026-03-18 10:00:00.000", "", "false", rejected.get(c, ""), "", "4000117003",
                     status[c]])
    users = [["id", "_fivetran_synced", "created_at", "disabled", "employee_id", "first_name", "last_name", "name", "site_admin", "updated_at"]]
    for w, uid in user_ids.items():
        first, last = w.split(" ", 1)
        users.append([uid, "2026-03-20 08:00:00.000", "2020-01-01 00:00:00.000", "false", "", first, last, w, "false", "2024-01-01 00:00:00.000"])
    cards = [["id", "_fivetran_deleted", "_fivetran_synced", "application_id", "candidate_id", "created_at", "interview",
              "interviewed_at", "overall_recommendation", "submitted_at", "submitted_by_user_id", "updated_at"]]
    attrs = [["index", "scorecard_id", "_fivetran_synced", "name", "note", "rating", "type"]]
    sid = 5436818003
    typo_done = False
    for cand, who, stage, when, ratings in r.rows:
        ts = f"{when.isoformat()} 15:00:00.000"
        cards.append([str(sid), "false", "2026-03-20 08:00:00.000", app_ids[cand], cand_ids[cand], ts, stage, f"{when.isoformat()} 14:00:00",
                      "yes", ts, user_ids[who], ts])
        for i, (crit, v) in enumerate(ratings.items()):
            cell = r.cell(v, "no_decision")
            if cell == "strong_yes" and not typo_done:
                cell, typo_done = "stong_yes", True
            attrs.append([str(i), str(sid), "2026-03-20 08:00:00.000", crit, "", cell, "Skills" if i < 3 else "Culture Alignment"])
        sid += 1000
    for name, rows in (("candidate.csv", cands), ("application.csv", apps), ("user.csv", users), ("scorecard.csv", cards),
                       ("scorecard_attribute.csv", attrs)):
        write_text(folder / name, rows)
    twin_status = {c: {"hired": "hired", "rejected": "rejected"}.get(status[c], "pending") for c in r.candidates}
    twin = r.twin("15.xlsx", ids=cand_ids, statuses=twin_status, role="15 greenhouse")
    add("15-greenhouse", twin, note="Greenhouse (Fivetran) export with joinable ids: word ratings incl. a typo, rejected_at, user names")


def f16_lever():
    """Fivetran Lever tables: feedback_form + feedback_form_field (1-4 ratings) + opportunity (archived_at) + interview + stage + user."""
    folder = HERE / "16-lever"
    folder.mkdir(exist_ok=True)
    r = Round("en", 16, FOUR, stages=True)
    r.criteria = ["Technical depth", "Communication", "Ownership"]
    r.rows = [(c, w, s, d, {k: rt[k0] for k, k0 in zip(r.criteria, PEOPLE["en"]["criteria"])}) for c, w, s, d, rt in r.rows]
    opp = {c: f"f9214712-30b0-4d5a-9890-5a5dca49{i:04d}" for i, c in enumerate(r.candidates)}
    users = {w: f"634d03dc-b48f-4bee-b4b8-eaa59054{i:04d}" for i, w in enumerate(r.interviewers)}
    stages = {s: f"3b24b1b1-ca67-4f29-aaab-b4dde6e0{i:04d}" for i, s in enumerate(PEOPLE["en"]["stages"])}
    reasons = [["id", "_fivetran_deleted", "_fivetran_synced", "text"],
               ["760d1050-239f-4ba6-be87-c180b3a3797a", "false", "2026-03-20 14:18:40.987", "Better for another role"],
               ["5ca116f0-26b9-4881-ad72-6ffb6291a4ff", "false", "2026-03-20 14:18:40.987", "Hired"]]
    archived = {r.candidates[0]: ("2026-03-18 10:00:00.000", reasons[2][0]), r.candidates[2]: ("2026-03-17 16:30:00.000", reasons[1][0])}
    opps = [["id", "_fivetran_synced", "archived_at", "archived_reason_id", "contact", "created_at", "headline", "is_anonymized",
             "last_advanced_at", "location", "name", "origin", "owner_id", "stage_id", "updated_at"]]
    for c in r.candidates:
        a = archived.get(c, ("", ""))
        opps.append([opp[c], "2026-03-20 09:00:00.000", a[0], a[1], "", "2026-02-10 09:00:00.000", "", "false", "2026-03-01 09:00:00.000",
                     "London", c, "applied", "", "", ""])
    stage_rows = [["id", "_fivetran_deleted", "_fivetran_synced", "text"]] + [[sid, "false", "2026-03-20 14:18:40.826", s] for s, sid in stages.items()]
    user_rows = [["id", "_fivetran_synced", "access_role", "created_at", "deactivated_at", "email", "name", "external_directory_id"]]
    user_rows += [[uid, "2026-03-20 09:00:00.000", "interviewer", "2020-01-01", "", f"{w.split()[0].lower()}@example.com", w, ""] for w, uid in users.items()]
    interviews = [["id", "_fivetran_synced", "canceled_at", "candidate_id", "created_at", "creator_id", "date", "duration",
                   "feedback_reminder", "gcal_event_url", "location", "note", "panel_id", "stage_id", "subject", "timezone", "opportunity_id"]]
    forms = [["id", "_fivetran_synced", "candidate_id", "completed_at", "created_at", "creator_id", "deleted_at", "instructions",
              "interview_id", "score_system_value", "template_id", "text", "type", "opportunity_id"]]
    fields = [["feedback_form_id", "field_index", "value_index", "_fivetran_synced", "code_language", "currency", "value_date",
               "value_decimal", "value_file_id", "value_number", "value_text"]]
    n = 0
    for cand, who, stage, when, ratings in r.rows:
        iid = f"330ef081-6717-4794-9efd-72ec06cd{n:04d}"
        fid = f"9e9a57c5-9f4e-4376-a1d4-f1b88733{n:04d}"
        interviews.append([iid, "2026-03-20 09:00:00.000", "", "", "2026-02-20 09:00:00.000", users[who], f"{when.isoformat()} 10:00:00", 45,
                           "daily", "", "Zoom", "", "", stages[stage], f"{stage} with {cand}", "Europe/London", opp[cand]])
        forms.append([fid, "2026-03-20 09:00:00.000", "", f"{when.isoformat()} 12:00:00.000", f"{when.isoformat()} 11:00:00.000", users[who],
                      "", "", iid, "3 - Hire", "AFduOyqipSI2Jx+0nlL63X7du5Q=", "Interview feedback", "interview", opp[cand]])
        for i, crit in enumerate(r.criteria, start=1):
            v = ratings[crit]
            fields.append([fid, i, 0, "2026-03-20 09:00:00.000", "", "", "", "", "", "" if v is None else v, ""])
        fields.append([fid, len(r.criteria) + 1, 0, "2026-03-20 09:00:00.000", "", "", "", "", "", "", "Thoughtful answers."])
        n += 1
    for name, rows in (("archive_reason.csv", reasons), ("opportunity.csv", opps), ("stage.csv", stage_rows), ("user.csv", user_rows),
                       ("interview.csv", interviews), ("feedback_form.csv", forms), ("feedback_form_field.csv", fields)):
        write_text(folder / name, rows)
    import tomli_w

    (HERE / "16-lever.toml").write_text(tomli_w.dumps({"fields": {str(i): c for i, c in enumerate(r.criteria, start=1)}}), encoding="utf-8")
    twin_status = {c: "pending" for c in r.candidates}
    twin_status[r.candidates[0]] = "hired"
    twin_status[r.candidates[2]] = "rejected"
    twin = r.twin("16.xlsx", ids=opp, statuses=twin_status, role="16 lever")
    add("16-lever", twin, mapping="16-lever.toml", note="Lever (Fivetran) export: 1-4 field ratings named by the mapping, archived_at with reasons")


def f17_per_interviewer_with_pivot():
    """One sheet per interviewer plus a real pivot table (LibreOffice DataPilot) on a sheet with a generic name."""
    r = Round("de", 17, NUM_1_5)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for who in r.interviewers:
        ws = wb.create_sheet(who)
        ws.append(["Kandidat", "Interviewer:in-Notiz", *r.criteria])
        for cand, w, _s, _when, ratings in r.rows:
            if w == who:
                ws.append([cand, "", *[r.cell(ratings[c], "") for c in r.criteria]])
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "draft.xlsx"
        wb.save(src)
        subprocess.run(["/usr/bin/python3", str(HERE / "lo_pivot.py"), str(src), r.interviewers[0], "Tabelle4", str(Path(tmp) / "out")],
                       check=True, timeout=300)
        shutil.copyfile(Path(tmp) / "out.xlsx", HERE / "17-per-interviewer-pivot.xlsx")
        shutil.copyfile(Path(tmp) / "out.ods", HERE / "18-per-interviewer-pivot.ods")
    r.rows = [(c, w, s_, None, rt) for c, w, s_, _when, rt in r.rows]
    twin = r.twin("17.xlsx")
    add("17-per-interviewer-pivot.xlsx", twin,
        note="one sheet per interviewer and a LibreOffice pivot table on 'Tabelle4' (ignored as a pivot, not read as an interviewer)")
    add("18-per-interviewer-pivot.ods", twin, note="the same saved as .ods (the pivot is a DataPilot table there)")


def formula_without_values():
    """Not a twin: score cells that are formulas saved by a script without results (must be reported, not read as blank)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scores"
    ws.append(["Candidate", "Interviewer", "Communication", "SQL"])
    ws.append(["Alice Moore", "Tom Baker", 4, "=2+2"])
    ws.append(["Ben Carter", "Tom Baker", "=B9", 3])
    wb.save(HERE / "formula-without-values.xlsx")


def main():
    if TWINS.exists():
        shutil.rmtree(TWINS)
    for f in (f01_long_en_title_notes, f02_wide_de_weights, f03_wide_de_two_row_header, f04_per_interviewer_sv,
              f05_per_interviewer_stars_xls, f06_long_snake_bom_crlf, f07_long_de_semicolon, f08_wide_tab_percent,
              f09_wide_en_1_10_month_first, f10_long_sv_av5_ods, f11_wide_hire_words, f12_csv_named_xls, f13_mapping_needed,
              f14_relational, f15_greenhouse, f16_lever, f17_per_interviewer_with_pivot, formula_without_values):
        f()
        print("made", f.__name__)
    (HERE / "manifest.json").write_text(json.dumps(MANIFEST, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
