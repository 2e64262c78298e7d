"""Cells whose stored value is not what a person sees: a number formatted as a percentage, a TRUE in an .ods file.

From a review with the messy workbooks committees make: a score column formatted as percentages (100 %, 80 % ...)
loaded each 100 % as the rating 1, the lowest, without a word, and an .ods TRUE in a score cell loaded as 1 while
the same cell in an .xlsx was an error.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

import toolkit

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "berlin-social-media-lead.xlsx"
AS_OF = "2026-03-20"


def _score_column(ws) -> int:
    return next(c.column for c in ws[1] if str(c.value).strip().casefold() == "score")


def _percent_scores(tmp_path: Path, fmt: str = "0%") -> tuple[Path, dict]:
    """The Berlin sample with its scores typed as percentages of 5 into cells formatted ``fmt`` (5 shows 100 %)."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Scores"]
    col = _score_column(ws)
    typed = {}
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row, col)
        if isinstance(cell.value, (int, float)):
            typed[row] = cell.value
            cell.value = cell.value / 5
            cell.number_format = fmt
    path = tmp_path / "percent.xlsx"
    wb.save(path)
    return path, typed


@pytest.mark.parametrize("fmt", ["0%", "0.0%", '0" "%'])
def test_a_score_formatted_as_a_percentage_is_read_as_the_percentage_it_shows(tmp_path, fmt):
    path, typed = _percent_scores(tmp_path, fmt)
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert not len(rnd.errors) and len(rnd.scores) == 170
    shown = rnd.scores[rnd.scores["score"].notna()]
    assert len(shown) == len(typed)
    # as the text "80%" is read: a share of the 1-5 scale (100 % is 5, never the rating 1)
    assert set(shown["score_raw"]) == {f"{v * 20:g}%" for v in typed.values()}
    by_raw = dict(zip(shown["score_raw"], shown["score"]))
    assert by_raw["100%"] == 5 and by_raw["80%"] == pytest.approx(4.2)
    assert path.read_bytes() == (tmp_path / "percent.xlsx").read_bytes()  # the input is not touched


def test_one_percentage_among_plain_scores_is_put_on_the_scale_and_reported(tmp_path):
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Scores"]
    cell = ws.cell(2, _score_column(ws))
    cell.value, cell.number_format = 1.0, "0%"  # shows 100 %
    wb.save(tmp_path / "one.xlsx")
    rnd = toolkit.load_round(tmp_path / "one.xlsx", as_of=AS_OF)
    warning = rnd.problems[rnd.problems["rule"] == "score_percent"]
    assert len(warning) == 1 and warning["value"].iloc[0] == "100%"
    first = rnd.scores[rnd.scores["score_raw"] == "100%"]
    assert len(first) == 1 and first["score"].iloc[0] == 5


def test_weights_formatted_as_percentages_still_weigh_as_written(tmp_path):
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Criteria"]
    col = next(c.column for c in ws[1] if str(c.value).strip().casefold() == "weight")
    weights = [0.3, 0.25, 0.2, 0.15, 0.1]
    for row, w in zip(range(2, 7), weights):
        ws.cell(row, col).value, ws.cell(row, col).number_format = w, "0%"
    wb.save(tmp_path / "w.xlsx")
    rnd = toolkit.load_round(tmp_path / "w.xlsx", as_of=AS_OF)
    assert not len(rnd.errors)
    assert rnd.criteria.sort_values("rank")["weight"].tolist() == pytest.approx(weights)


def test_a_percentage_in_a_wide_sheet_is_read_as_shown(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bewertung"
    ws.append(["Kandidat", "Interviewer", "Kommunikation", "Fachwissen"])
    for name, who, a, b in [("Anna Berg", "Lea", 0.8, 4), ("Anna Berg", "Tom", 4, 5), ("Ben Ott", "Lea", 3, 2), ("Ben Ott", "Tom", 2, 3)]:
        ws.append([name, who, a, b])
    ws["C2"].number_format = "0%"
    wb.save(tmp_path / "wide.xlsx")
    rnd = toolkit.load_round(tmp_path / "wide.xlsx", as_of=AS_OF)
    anna = rnd.candidates.loc[rnd.candidates["name"] == "Anna Berg", "candidate_id"].iloc[0]
    cell = rnd.scores[(rnd.scores["interviewer"] == "Lea") & (rnd.scores["criterion"] == "Kommunikation") & (rnd.scores["candidate_id"] == anna)]
    assert cell["score_raw"].iloc[0] == "80%" and cell["score"].iloc[0] == pytest.approx(4.2)
    assert (rnd.problems["rule"] == "score_percent").sum() == 1


# -- .ods ----------------------------------------------------------------------------------------------------------

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')


def _ods_cell(value, kind: str | None = None) -> str:
    if value is None:
        return "<table:table-cell/>"
    if kind == "boolean":  # as typed in LibreOffice
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}" calcext:value-type="boolean">'
                f"<text:p>{'TRUE' if value else 'FALSE'}</text:p></table:table-cell>")
    if kind == "boolean formula":  # as LibreOffice saves a TRUE it opened in an .xlsx: a formula, its value 1
        return (f'<table:table-cell table:formula="of:={"TRUE" if value else "FALSE"}()" office:value-type="float" office:value="{int(value)}" '
                f'calcext:value-type="float"><text:p>{"TRUE" if value else "FALSE"}</text:p></table:table-cell>')
    if kind == "percentage":
        return (f'<table:table-cell office:value-type="percentage" office:value="{value}" calcext:value-type="percentage">'
                f"<text:p>{value * 100:g} %</text:p></table:table-cell>")
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f'<table:table-cell office:value-type="date" office:date-value="{day.isoformat()}"><text:p>{day.isoformat()}</text:p></table:table-cell>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def _ods_from(workbook: Path, out: Path, special: dict) -> Path:
    """The workbook as an .ods file, as LibreOffice writes its cells; ``special``: (sheet, row, col) 1-based -> (value, kind)."""
    wb = openpyxl.load_workbook(workbook)
    tables = []
    for ws in wb.worksheets:
        rows = []
        for r, row in enumerate(ws.iter_rows(values_only=True), 1):
            cells = [_ods_cell(*special.get((ws.title, r, c), (v,))) for c, v in enumerate(row, 1)]
            rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        tables.append(f'<table:table table:name="{escape(ws.title)}">' + "".join(rows) + "</table:table>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} office:version="1.2"><office:body>'
               f"<office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return out


def test_an_ods_copy_of_the_sample_loads_as_the_sample(tmp_path):
    """The generated .ods stands for the workbook (so the two tests below change only the cells they name)."""
    ods = toolkit.load_round(_ods_from(SAMPLE, tmp_path / "berlin.ods", {}), as_of=AS_OF)
    xlsx = toolkit.load_round(SAMPLE, as_of=AS_OF)
    assert len(ods.scores) == len(xlsx.scores) and ods.scores["score"].tolist() == xlsx.scores["score"].tolist()
    assert len(ods.errors) == len(xlsx.errors) == 0


@pytest.mark.parametrize("kind", ["boolean", "boolean formula"])
def test_a_true_in_an_ods_score_cell_is_an_error_as_in_an_xlsx(tmp_path, kind):
    wb = openpyxl.load_workbook(SAMPLE)
    col = _score_column(wb["Scores"])
    ods = toolkit.load_round(_ods_from(SAMPLE, tmp_path / "b.ods", {("Scores", 2, col): (True, kind)}), as_of=AS_OF)
    wb["Scores"].cell(2, col).value = True
    wb.save(tmp_path / "b.xlsx")
    xlsx = toolkit.load_round(tmp_path / "b.xlsx", as_of=AS_OF)
    for rnd in (ods, xlsx):
        bad = rnd.errors[rnd.errors["rule"] == "bad_value"]
        assert len(bad) == 1 and bad["cell"].iloc[0] == f"{openpyxl.utils.get_column_letter(col)}2", rnd.source
    assert len(ods.rejected_rows) == len(xlsx.rejected_rows) == 1 and len(ods.scores) == len(xlsx.scores)


def test_an_ods_percentage_is_read_as_shown(tmp_path):
    col = _score_column(openpyxl.load_workbook(SAMPLE)["Scores"])
    ods = toolkit.load_round(_ods_from(SAMPLE, tmp_path / "p.ods", {("Scores", 2, col): (1.0, "percentage")}), as_of=AS_OF)
    first = ods.scores[ods.scores["score_raw"] == "100%"]
    assert len(first) == 1 and first["score"].iloc[0] == 5
    assert (ods.problems["rule"] == "score_percent").sum() == 1


def test_a_percentage_in_a_sheet_whose_xml_uses_a_prefix_is_read_as_shown(tmp_path):
    """The OpenXML SDK writes <x:c> for <c>: a review found the percentage search missed such cells (100 % read as 1)."""
    import re

    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Scores"]
    cell = ws.cell(2, _score_column(ws))
    cell.value, cell.number_format = 1.0, "0%"
    wb.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as zin, zipfile.ZipFile(tmp_path / "prefixed.xlsx", "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet") and item.filename.endswith(".xml"):
                text = data.decode().replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                                             'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
                data = re.sub(r"<(/?)(?!\?)([A-Za-z]+)(?=[\s>/])", r"<\1x:\2", text).encode()
            zout.writestr(item, data)
    for name in ("plain", "prefixed"):
        rnd = toolkit.load_round(tmp_path / f"{name}.xlsx", as_of=AS_OF)
        first = rnd.scores[rnd.scores["score_raw"] == "100%"]
        assert len(first) == 1 and first["score"].iloc[0] == 5, name


def test_a_date_in_a_cell_formatted_as_a_percentage_stays_a_date(tmp_path):
    """Only numbers up to 1000 % are read as the percentage shown: a date's serial day (46000 %) is the date it is."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Candidates"]
    col = next(c.column for c in ws[1] if c.value == "applied_on")
    ws.cell(2, col).number_format = "0%"
    wb.save(tmp_path / "d.xlsx")
    original = toolkit.load_round(SAMPLE, as_of=AS_OF)
    rnd = toolkit.load_round(tmp_path / "d.xlsx", as_of=AS_OF)
    assert rnd.candidates["applied_on"].equals(original.candidates["applied_on"]) and not len(rnd.errors)


def test_an_ods_date_formatted_as_a_percentage_stays_a_date(tmp_path):
    wb = openpyxl.load_workbook(SAMPLE)
    col = next(c.column for c in wb["Candidates"][1] if c.value == "applied_on")
    serial = (wb["Candidates"].cell(2, col).value - dt.datetime(1899, 12, 30)).days
    ods = toolkit.load_round(_ods_from(SAMPLE, tmp_path / "d.ods", {("Candidates", 2, col): (float(serial), "percentage")}), as_of=AS_OF)
    original = toolkit.load_round(SAMPLE, as_of=AS_OF)
    assert ods.candidates["applied_on"].equals(original.candidates["applied_on"]) and not len(ods.errors)


def test_an_xls_percentage_is_read_as_shown():
    """The .xls (BIFF8) records keep a percentage as its number too: read through the cell's format, as in .xlsx."""
    rnd = toolkit.load_round(Path(__file__).parent / "data" / "formats" / "percent-scores.xls", as_of=AS_OF)
    original = toolkit.load_round(SAMPLE, as_of=AS_OF)
    assert not len(rnd.errors) and len(rnd.scores) == len(original.scores)
    shown = rnd.scores[rnd.scores["score"].notna()]
    typed = original.scores[original.scores["score"].notna()]
    assert sorted(shown["score_raw"]) == sorted(f"{v * 20:g}%" for v in typed["score"])
    assert dict(zip(shown["score_raw"], shown["score"]))["100%"] == 5
