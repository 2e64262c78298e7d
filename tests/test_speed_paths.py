"""The fast paths give exactly what the slow, obvious paths give.

Speed work (issue 8) replaced a few obvious implementations by faster ones;
each test here builds the result both ways on realistic rounds (the curated
samples and a generated round) and asserts they are identical.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

import toolkit
from toolkit.analytics import criterion_profiles
from toolkit.charts.comparison import candidate_profile
from toolkit.render import figures
from toolkit.render.figures import ProfileDivs
from toolkit.render.pages import figure_div
from toolkit.sample import GENERATED_AS_OF, generate_round
from toolkit.validate import round_from_frames

AS_OF = "2026-03-20"


@pytest.fixture(scope="module")
def sample_rounds(sample_paths):
    return [toolkit.load_round(p, as_of=AS_OF) for p in sample_paths]


@pytest.fixture(scope="module")
def generated_round():
    t = generate_round(7, 40, n_interviewers=2)
    return round_from_frames(t["role"], t["criteria"], t["candidates"], t["scores"], as_of=GENERATED_AS_OF)


@pytest.mark.parametrize("show_selected", [True, False])
def test_profile_divs_equal_plotly_divs_for_every_candidate_and_language(sample_rounds, generated_round, show_selected):
    swapped = 0
    for rnd in [*sample_rounds, generated_round]:
        profiles = criterion_profiles(rnd)
        divs = ProfileDivs(profiles, show_selected=show_selected)
        for language in ("en", "de", "sv"):
            for cid in rnd.candidates["candidate_id"]:
                div_id = f"profile-{cid}"
                real = figure_div(candidate_profile(profiles, cid, language=language, show_selected=show_selected), div_id)
                assert divs.div(div_id, cid, language) == real, (rnd.round_id, cid, language)
        assert not divs.unsafe, "a kind's fast div differed from plotly's: the fast path is switched off for it"
        swapped += divs.stats["swapped"]
    # the generated round has 40 candidates of a few kinds (thin evidence on different criteria): many are swapped
    assert swapped >= 30


def test_a_leaf_that_validation_rewrites_is_never_swapped():
    plain_a = {"data": [{"type": "bar", "y": [1.0, 2.0]}], "layout": {"title": "A"}}
    validated_a = go.Figure(plain_a).to_dict()
    assert validated_a["layout"]["title"] == {"text": "A"}  # plotly turns a title string into a dict
    plain_b = {"data": [{"type": "bar", "y": [3.0, 4.0]}], "layout": {"title": "B"}}
    with pytest.raises(figures._Unsafe):
        figures.swap(plain_a, validated_a, plain_b)
    same_title = {"data": [{"type": "bar", "y": [3.0, 4.0]}], "layout": {"title": "A"}}
    swapped = figures.swap(plain_a, validated_a, same_title)
    assert swapped == go.Figure(same_title).to_dict()


def test_an_int_where_the_template_had_a_float_is_not_taken_as_unchanged():
    plain_a = {"data": [{"type": "scatter", "y": [1.0]}], "layout": {"height": 400}}
    validated_a = go.Figure(plain_a).to_dict()
    plain_b = {"data": [{"type": "scatter", "y": [1]}], "layout": {"height": 400}}
    out = figures.swap(plain_a, validated_a, plain_b)
    assert out == go.Figure(plain_b).to_dict()
    assert type(out["data"][0]["y"][0]) is int  # serialised as 1, not 1.0


# ---------------------------------------------------------------------------
# workbooks: data rows written as sheet XML give the bytes openpyxl writes cell by cell


def _openpyxl_cell_by_cell(sheets: dict) -> bytes:
    """The reference: every data cell through openpyxl's write-only cells (the writer before issue 8)."""
    import io
    import math

    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    from toolkit.render import xlsx

    def cell(ws, value, column):
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime().date()
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, (list, tuple)):
            value = ", ".join(map(str, value))
        if hasattr(value, "item") and not isinstance(value, str):
            value = value.item()
        if value == "":
            return None  # an empty text (or an empty list) is a blank cell
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"
            if len(value) > 60:
                c.alignment = xlsx.WRAP
            if value.startswith(("=", "+", "-", "@")):
                c.quotePrefix = True
        elif isinstance(value, dt.date):
            c.number_format = "yyyy-mm-dd"
        elif isinstance(value, float) and column.startswith("share"):
            c.number_format = "0%"
        elif isinstance(value, float):
            c.number_format = "0.00"
        return c

    wb = Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = xlsx.FIXED_TIME
    wb.properties.creator = "Debrief"
    wb.properties.keywords = xlsx.REPORT_KEYWORD
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        columns = list(df.columns)
        for i, c in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = xlsx.column_width(xlsx._label(c), df[c], c)
        ws.freeze_panes = "A2"
        if columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(df) + 1}"
        header = []
        for c in columns:
            h = WriteOnlyCell(ws, value=xlsx._label(c))
            h.data_type, h.font, h.fill = "s", xlsx.HEADER_FONT, xlsx.HEADER_FILL
            header.append(h)
        ws.append(header)
        for row in df.astype(object).itertuples(index=False, name=None):
            ws.append([cell(ws, v, c) for v, c in zip(row, columns)])
    buf = io.BytesIO()
    wb.save(buf)
    return xlsx._deterministic_zip(buf.getvalue())


def test_table_workbooks_are_byte_identical_to_openpyxl_cell_by_cell(sample_rounds):
    import numpy as np
    import pandas as pd

    from toolkit.analytics import timelines
    from toolkit.render.xlsx import tables_workbook_bytes

    odd = pd.DataFrame({
        "name": ["Ann", "", " lead", "x" * 70, None, "a&b<c>", "=SUM(A1)", "  ", "tab\tx\nline"],
        "n": pd.array([1, 2, None, 4, 5, 6, 7, 8, 9], dtype="Int64"),
        "share_told": [0.5, np.nan, 1.0, 0.25, 0.1 + 0.2, 1 / 3, 0.0, 2.0, 0.125],
        "days": [1.5, 2.0, np.nan, 3.25, 1e20, -0.0, 7.0, 0.1, 12345.678],
        "on": pd.to_datetime(["2026-03-01", None, "2026-01-02", "2026-02-28", "1900-01-05", "2026-03-20", None, "2026-03-02",
                              "2026-03-03"]).astype("datetime64[s]"),
        "flag": pd.array([True, False, None, True, False, True, None, False, True], dtype="boolean"),
        "numpy_flag": np.array([True, False, True, False, True, False, True, False, True]),
        "tags": [["a", "b"], (), None, ("x",), None, None, None, None, None],
        "when": [dt.date(2026, 3, 1), None, dt.datetime(2026, 3, 1, 12, 0), None, None, None, None, None, None],
    })
    tl = timelines(toolkit.Rounds(tuple(sample_rounds)), as_of=AS_OF)
    # text a formula could be made of once the cell is edited: quote-prefixed, wrapped or not
    formulas = pd.DataFrame({"note": ["=HYPERLINK(\"x\")", "-" + "x" * 70, "@SUM(1)", "+49 30 1234", "a=b", "- fine"]})
    sheets = {"Odd values": odd, "Formulas": formulas, "Empty": odd.iloc[0:0], "Timelines": tl,
              **{r.round_id[:20]: r.candidates for r in sample_rounds}}
    assert tables_workbook_bytes(sheets) == _openpyxl_cell_by_cell(sheets)


# ---------------------------------------------------------------------------
# .eml drafts: put together from the email package's folding and encoding, the same text as the message object


ODD_NAMES = [
    "Ann-Marie O'Neil", "Müller, Jörg", 'Dr. "Bob" Smith', "Zoë Ångström-Þórsdóttir", "李小龙", "Ava 🙂 Brown",
    "A" * 40 + " " + "Very-Long-Surname-" * 4, "Name (with comment)", "x@y", "  spaced   out  ", "Åsa Öberg; Per",
]


def test_eml_drafts_equal_the_email_message_in_every_language(sample_rounds, generated_round):
    from dataclasses import replace
    from email.policy import default

    from toolkit.feedback import compose_round
    from toolkit.render.letters import eml_message, render_eml

    crlf = default.clone(linesep="\r\n")
    checked = 0
    for rnd in [*sample_rounds, generated_round]:
        for i, fb in enumerate(compose_round(rnd, as_of=AS_OF)):
            variants = [fb, replace(fb, name=ODD_NAMES[i % len(ODD_NAMES)]), replace(fb, email=None),
                        replace(fb, subject=fb.subject + " – " + "Bewerbung für die Stelle " * 4)]
            for v in variants:
                assert render_eml(v) == eml_message(v).as_string(policy=crlf), (rnd.round_id, v.candidate_id, v.name)
                checked += 1
            sender = render_eml(fb, from_address="hr@example.com")
            assert sender == eml_message(fb, from_address="hr@example.com").as_string(policy=crlf)
    assert checked > 100


# ---------------------------------------------------------------------------
# reading: a canonical workbook read column-wise gives the round the grid reader gives


def _grid_only():
    """The column-wise ways in switched off: every file read as a grid."""
    from contextlib import ExitStack
    from unittest import mock

    from toolkit.readers import canonical, columnar

    stack = ExitStack()
    stack.enter_context(mock.patch.object(canonical, "read_canonical_fast", lambda *a, **k: None))
    stack.enter_context(mock.patch.object(columnar, "read_table_fast", lambda *a, **k: None))
    return stack


def _load_both(path, **kw):
    """(round read the fast way, round read with the column-wise paths switched off)."""
    fast = toolkit.load_round(path, as_of=AS_OF, **kw)
    with _grid_only():
        slow = toolkit.load_round(path, as_of=AS_OF, **kw)
    return fast, slow


def _table_read_column_wise(path, mapping=None) -> bool:
    """True when `columnar.read_table_fast` read the file (a plain wide or long scores sheet), False when it left it to the grid reader."""
    from toolkit.readers import columnar

    return columnar.read_table_fast(path, mapping) is not None


def _assert_same_round(fast, slow):
    import pandas as pd

    for name in ("criteria", "candidates", "scores", "problems", "rejected_rows", "row_counts"):
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(slow, name), check_exact=True, obj=name)
    assert fast.details == slow.details
    assert fast.role == slow.role


def _read_column_wise(path) -> list[str]:
    """The table sheets `read_canonical_fast` read column-wise (empty when it left the file to the grid reader)."""
    from unittest import mock

    from toolkit.readers import canonical, raw

    used = []
    real = raw.table_from_columns

    def spy(sheet, columns, **kw):
        used.append(sheet)
        return real(sheet, columns, **kw)

    with mock.patch.object(canonical, "table_from_columns", spy):
        canonical.read_canonical_fast(path)
    return used


def test_sample_workbooks_read_column_wise_give_the_same_rounds(sample_paths):
    for path in sample_paths:
        assert _read_column_wise(path) == ["Criteria", "Candidates", "Scores"]
        _assert_same_round(*_load_both(path))


def test_messy_canonical_workbooks_give_the_same_rounds_either_way():
    """Every canonical workbook of the test corpus: typed where plain, grid where not, the same round."""
    from pathlib import Path

    paths = sorted(Path(__file__).parent.glob("data/**/*.xlsx"))
    column_wise = tables = 0
    for path in paths:
        try:
            fast, slow = _load_both(path)
        except toolkit.ToolkitError as fast_error:
            with pytest.raises(type(fast_error)), _grid_only():
                toolkit.load_round(path, as_of=AS_OF)
            continue
        _assert_same_round(fast, slow)
        column_wise += bool(_read_column_wise(path))
        tables += _table_read_column_wise(path)
    assert column_wise >= 20 and tables >= 3


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_a_generated_round_reads_the_same_either_way(tmp_path, layout):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.datasets import tables, write_wide
    from toolkit.workbook import write_scorecard_workbook

    path = tmp_path / f"{layout}.xlsx"
    if layout == "long":
        write_scorecard_workbook(path, **tables(2000))
    else:
        write_wide(path, tables(2000))
    fast, slow = _load_both(path)
    _assert_same_round(fast, slow)
    assert len(fast.scores) == 2000 and fast.ok
    assert _read_column_wise(path) == (["Criteria", "Candidates", "Scores"] if layout == "long" else [])
    assert _table_read_column_wise(path) == (layout == "wide")


def _workbook(path, rows, sheet="Scores"):
    """A canonical workbook whose Scores sheet holds ``rows`` (header first); the other sheets minimal and valid."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Role"
    for k, v in (("field", "value"), ("role", "Analyst"), ("decided_on", "2026-03-02"), ("scale", "1-5")):
        ws.append([k, v])
    c = wb.create_sheet("Criteria")
    c.append(["criterion", "rank"])
    c.append(["SQL", 1])
    c.append(["Team fit", 2])
    cand = wb.create_sheet("Candidates")
    cand.append(["candidate_id", "name", "status"])
    cand.append(["C1", "Ann Lee", "hired"])
    cand.append(["C2", "Bo Chen", "rejected"])
    s = wb.create_sheet(sheet)
    for r in rows:
        s.append(r)
    wb.save(path)
    return path


HEADER = ["candidate_id", "interviewer", "criterion", "score", "stage"]


@pytest.mark.parametrize("odd_row, why", [
    (["C2", "Sam", "SQL", "n/a", "Panel"], "a text in the score column"),
    (["C2", "Sam", "SQL", True, "Panel"], "a yes/no in the score column"),
    (["C2", 4, "SQL", 3, "Panel"], "a number in a text column"),
    (["C2", "Sam", "SQL", "#DIV/0!", "Panel"], "a failed formula"),
])
def test_a_column_of_mixed_values_is_read_as_a_grid(tmp_path, odd_row, why):
    from toolkit.readers.excel import read_sheet_columns

    rows = [HEADER] + [["C1", "Sam", "SQL", 4, "Panel"], ["C1", "Sam", "Team fit", 5, "Panel"]] * 30 + [odd_row]
    path = _workbook(tmp_path / "odd.xlsx", rows)
    assert read_sheet_columns(path, "Scores") is None, why
    assert "Scores" not in _read_column_wise(path)
    _assert_same_round(*_load_both(path))


def test_a_header_below_a_title_and_merged_cells_are_read_as_a_grid(tmp_path):
    import openpyxl

    rows = [["Scores of the panel"], [], HEADER] + [["C1", "Sam", "SQL", 4, "Panel"], ["C2", "Sam", "SQL", 3, "Panel"]]
    titled = _workbook(tmp_path / "titled.xlsx", rows)
    assert "Scores" not in _read_column_wise(titled)
    _assert_same_round(*_load_both(titled))
    merged = _workbook(tmp_path / "merged.xlsx", [HEADER, ["C1", "Sam", "SQL", 4, "Panel"], ["", "Sam", "Team fit", 5, "Panel"]])
    wb = openpyxl.load_workbook(merged)
    wb["Scores"].merge_cells("A2:A3")
    wb.save(merged)
    assert "Scores" not in _read_column_wise(merged)
    _assert_same_round(*_load_both(merged))


def test_repeated_and_unknown_rows_of_a_plain_table_are_found_as_the_grid_reader_finds_them(tmp_path):
    """Checks made once per distinct value (repeats, unknown ids and criteria) find the rows checking every cell finds."""
    rows = [HEADER] + [["C1", "Sam", "SQL", 4, "Panel"], ["C1", "Sam", "Team fit", 5, "Panel"],
                       ["C2", "Sam", "SQL", 3, "Panel"], ["C2", "Sam", "Team fit", 2, "Panel"]] * 3
    rows += [["C1 ", "Sam", "SQL", 2, "Panel"],  # the same key as row 2 once trimmed
             ["C9", "Sam", "SQL", 3, "Panel"], ["C2", "Sam", "Excel", 3, "Panel"], ["C2", "Kim", "SQL", 3, "Screening"]]
    path = _workbook(tmp_path / "repeats.xlsx", rows)
    assert "Scores" in _read_column_wise(path)
    fast, slow = _load_both(path)
    _assert_same_round(fast, slow)
    rules = fast.problems["rule"].value_counts().to_dict()
    assert rules["duplicate_score"] == 9 and rules["unknown_candidate"] == 1 and rules["unknown_criterion"] == 1
    assert len(fast.scores) == 5


def test_totals_and_notes_under_a_plain_table_are_left_out_as_the_grid_reader_does(tmp_path):
    rows = [HEADER] + [[c, i, k, 4, "Panel"] for c in ("C1", "C2") for i in ("Sam", "Lee") for k in ("SQL", "Team fit")]
    rows += [["Total", None, None, 32, None], [], ["Note: scores from the panel on 2 March"]]
    path = _workbook(tmp_path / "totals.xlsx", rows)
    assert "Scores" in _read_column_wise(path)
    fast, slow = _load_both(path)
    _assert_same_round(fast, slow)
    assert [e["kind"] for e in fast.details["excluded_rows"]] == ["totals", "note"] and len(fast.scores) == 8 and fast.ok


def test_totals_words_are_found_by_the_quick_look_as_by_the_label_rule():
    from toolkit.readers.headers import TOTAL_LOOK, row_label_is_total, total_labels

    labels = ["Total", "Summe:", "Ø", "Grand Total", "Gesamtergebnis", "Sum of Score", "Average of all", "Medelvärde",
              "  TOTAL  ", "Mittelwert von Punkte", "C00017", "Ann-Marie Total", "Sam", "Totalt", "mean", "", "Σ", "Ｔｏｔａｌ",
              None, 4.0, "Grand Average", "Gesamtmittelwert", "Grand Hotel"]
    assert total_labels(labels).tolist() == [isinstance(v, str) and row_label_is_total(v) for v in labels]
    # the quick look asks row_label_is_total only for text holding a totals word; every phrase the rule knows holds one
    phrases = [c for const in row_label_is_total.__code__.co_consts if isinstance(const, tuple) for c in const if isinstance(c, str)]
    assert phrases and all(any(w in p for w in TOTAL_LOOK) for p in phrases)


def test_note_words_are_found_by_the_quick_look_as_by_the_label_rule():
    from toolkit.readers.headers import note_labels, row_label_is_note

    labels = ["Note: scores from the panel", "Hinweis", "* scores from the screening", "¹ nach Rücksprache", "Legende: 1 = schwach",
              "Skala 1-5", "Quelle: ATS", "Förklaring", "  obs! ", "x" * 61, "C00017", "Sam Lee", "Notebook", "Keynote speaker", "",
              "Ｎｏｔｅ: fullwidth", None, 3.0]
    assert note_labels(labels).tolist() == [isinstance(v, str) and row_label_is_note(v) for v in labels]
    assert any(note_labels(labels)) and not all(note_labels(labels))


# ---------------------------------------------------------------------------
# analytics on integer cells give the tables that grouping the text gives


def test_analytics_on_integer_cells_equal_the_text_grouping(sample_rounds, generated_round):
    from unittest import mock

    import pandas as pd

    from toolkit import analytics as an
    from toolkit.analytics import scoring

    def tables(rnd):
        return {"matrix": an.criterion_matrix(rnd), "totals": an.weighted_totals(rnd), "evidence": an.evidence(rnd),
                "summary": an.candidate_summary(rnd), "robustness": an.rank_robustness(rnd), "progression": an.progression(rnd)}

    for rnd in [*sample_rounds, generated_round]:
        fast = tables(rnd)
        with mock.patch.object(scoring, "_score_cells", lambda *a, **k: None), \
                mock.patch("toolkit.analytics.evidence._score_cells", lambda *a, **k: None):
            slow = tables(rnd)
        for name in fast:
            pd.testing.assert_frame_equal(fast[name], slow[name], check_exact=True, obj=f"{rnd.round_id} {name}")


def test_ids_factorized_once_follow_every_change_to_the_scores():
    import dataclasses
    import gc

    import numpy as np
    import pandas as pd

    from toolkit import analytics as an
    from toolkit.analytics import scoring

    t = generate_round(3, 600, n_interviewers=2)
    rnd = round_from_frames(t["role"], t["criteria"], t["candidates"], t["scores"], as_of=GENERATED_AS_OF)
    ids = rnd.scores["candidate_id"]
    assert len(ids) >= 10_000 and ids.dtype == "str"  # big enough to be kept
    codes, uniques = scoring.factorize_text(ids)
    again, _ = scoring.factorize_text(rnd.scores["candidate_id"])
    assert again is codes and not codes.flags.writeable  # the same column: worked out once, and nobody can change it
    want_codes, want_uniques = pd.factorize(ids)
    assert np.array_equal(codes, want_codes) and list(uniques) == list(want_uniques)

    def cold(r):
        scoring._FACTORIZED.clear()
        return an.criterion_matrix(r), an.evidence(r)

    warm = an.criterion_matrix(rnd), an.evidence(rnd)
    for a, b in zip(warm, cold(rnd)):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    changed = rnd.scores.copy()
    first, last = changed["candidate_id"].iloc[0], changed["candidate_id"].iloc[-1]
    changed.loc[changed["candidate_id"] == first, "candidate_id"] = last  # a new Arrow column: factorized anew
    other = dataclasses.replace(rnd, scores=changed)
    moved = an.criterion_matrix(other), an.evidence(other)
    for a, b in zip(moved, cold(other)):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert not moved[0].equals(warm[0])
    scoring.factorize_text(changed["candidate_id"])
    kept = len(scoring._FACTORIZED)
    del changed, other, moved
    gc.collect()
    assert len(scoring._FACTORIZED) < kept  # a column no longer used is not kept alive


# ---------------------------------------------------------------------------
# the Role, Criteria and Candidates checked while the Scores sheet is read give the round checked afterwards


def test_sheets_checked_ahead_give_the_round_checked_afterwards():
    """load_round checks Role, Criteria and Candidates in the reader's other thread when they cannot depend on the Scores sheet."""
    from pathlib import Path
    from unittest import mock

    from toolkit import loader
    from toolkit.readers.dispatch import read_path
    from toolkit.validate import build_round

    root = Path(__file__).parent
    paths = sorted(root.glob("data/**/*.xlsx")) + sorted((root.parent / "data" / "sample").glob("*.xlsx"))
    ahead_calls = []
    real = loader._Ahead.__call__

    def spy(self, *args):
        real(self, *args)
        ahead_calls.append(self.people is not None)

    compared = ahead = 0
    for path in paths:
        ahead_calls.clear()
        with mock.patch.object(loader._Ahead, "__call__", spy):
            try:
                early = toolkit.load_round(path, as_of=AS_OF)
            except toolkit.ToolkitError:
                continue
        late = build_round(read_path(path)[0].raw, round_id=early.round_id, as_of=AS_OF)
        _assert_same_round(early, late)
        compared += 1
        ahead += any(ahead_calls)
    assert compared >= 40 and ahead >= 20


def test_a_check_made_from_other_tables_is_not_used(sample_paths):
    """build_round checks the sheets itself when the prepared check was made from other tables (or another as-of date)."""
    from toolkit.readers.dispatch import read_path
    from toolkit.validate import build_round, check_people

    first, second = (read_path(p)[0].raw for p in sample_paths[:2])
    other = check_people(first.file, first.role, first.tables["Criteria"], first.tables["Candidates"], first.sheet_names,
                         round_id="r", as_of=AS_OF)
    with_other = build_round(second, round_id="r", as_of=AS_OF, people=other)
    _assert_same_round(with_other, build_round(second, round_id="r", as_of=AS_OF))
    same = check_people(second.file, second.role, second.tables["Criteria"], second.tables["Candidates"], second.sheet_names,
                        round_id="r", as_of="2020-01-01")
    later = build_round(second, round_id="r", as_of=AS_OF, people=same)
    assert later.details["as_of"] == AS_OF
    _assert_same_round(later, build_round(second, round_id="r", as_of=AS_OF))


@pytest.mark.parametrize("kind", ["str", "float", "int", "bool", "date", "choice"])
def test_repeated_texts_converted_once_each_give_the_cell_by_cell_result(kind):
    """A column of texts with repeats is converted once per distinct text; each cell gets what converting it alone gives."""
    import numpy as np
    import pandas as pd

    from toolkit.coerce import by_distinct, convert

    texts = ["2026-03-02", " 02.03.2026 ", "yes", "Nein", "4", "4,5", "  ", "", "rejected", "Abgelehnt", "#REF!", "n/a", "Café",
             "Cafe\u0301", "\u00a0", "x" * 70, "2026/03/02", "1e3"]
    rng = np.random.default_rng(7)
    cells = pd.Series([texts[i] for i in rng.integers(0, len(texts), 400)] + [None, float("nan")] * 5, dtype=object)
    assert by_distinct(cells) is not None  # the column is converted once per distinct value
    choices = ("rejected", "hired", "withdrawn") if kind == "choice" else ()
    synonyms = {"Abgelehnt": "rejected"} if kind == "choice" else None
    typed, bad = convert(kind, cells, choices, synonyms)
    for i in range(len(cells)):
        one = cells.iloc[[i]].reset_index(drop=True)
        assert by_distinct(one) is None
        t1, b1 = convert(kind, one, choices, synonyms)
        assert (pd.isna(typed.iloc[i]) and pd.isna(t1.iloc[0])) or typed.iloc[i] == t1.iloc[0], (kind, cells.iloc[i])
        assert bool(bad.iloc[i]) == bool(b1.iloc[0]), (kind, cells.iloc[i])
    assert str(typed.dtype) == str(convert(kind, cells.iloc[:5].reset_index(drop=True), choices, synonyms)[0].dtype)


# ---------------------------------------------------------------------------
# a wide sheet melted column by column keeps the sheet's order and says where each score came from


@pytest.mark.parametrize("comment", [False, True])
def test_a_wide_sheet_gives_one_row_per_score_in_sheet_order(comment):
    """Each sheet row gives its criteria in column order, with the score's column letter and the criterion's heading cell;
    a sheet with a comment column (melted part by part) gives the same rows."""
    from toolkit.readers.detect import detect_layout
    from toolkit.readers.excel import SheetGrid
    from toolkit.readers.mapping import Mapping
    from toolkit.readers.wide import long_from_table

    header = ["Candidate", "Interviewer", "SQL (1-5)", "Communication", "Team fit"] + (["Comment"] if comment else [])
    rows = [["C1", "Sam", 4, 3, 5], ["C1", "Kim", 2, "", 4], ["C2", "Sam", 5, 5, 1], ["C3", "Kim", "n/a", 3, 3]]
    rows = [r + (["good"] if comment else []) for r in rows]
    grid = SheetGrid("Scores", [["Panel scores"], header, *rows])
    plan = detect_layout([grid], Mapping(), file="x.xlsx", from_csv=False, pivots=set())
    long, _info = long_from_table(plan.tables[0])
    assert long["criterion"].tolist() == ["SQL", "Communication", "Team fit"] * 4
    assert long["score"].tolist() == [4, 3, 5, 2, "", 4, 5, 5, 1, "n/a", 3, 3]
    assert long["candidate_id"].tolist() == ["C1"] * 6 + ["C2"] * 3 + ["C3"] * 3
    assert long["_row"].tolist() == [3] * 3 + [4] * 3 + [5] * 3 + [6] * 3
    assert long["_letter_score"].tolist() == ["C", "D", "E"] * 4 and long["_cell_criterion"].tolist() == ["C2", "D2", "E2"] * 4
    assert long["_order"].tolist() == [0, 1, 2] * 4
    assert [h if isinstance(h, str) else None for h in long["_hint"].tolist()[:3]] == ["1-5", None, None]  # None or NaN: no hint
    assert (long["_comment"].notna().sum() == 4) if comment else "_comment" not in long


# ---------------------------------------------------------------------------
# one plain scores sheet (wide, long without the canonical sheets, one interviewer's sheet) read column-wise


def _people(n):
    return [(f"C{i:02d}", f"Person {i}") for i in range(1, n + 1)]


def _scorecard(path, scores, *, sheet="Scores", role=True, criteria=True, candidates="plain", others=()):
    """A workbook with the scores sheet ``scores`` (rows, header first) and, as asked, Role, Criteria and Candidates sheets."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if role:
        r = wb.create_sheet("Role")
        for row in (("field", "value"), ("role", "Analyst"), ("decided_on", dt.date(2026, 3, 2)), ("scale", "1-5")):
            if not (role == "untitled" and row[0] == "role"):
                r.append(row)
    if criteria:
        c = wb.create_sheet("Criteria")
        for row in (("criterion", "rank"), ("SQL", 1), ("Communication", 2), ("Team fit", 3)):
            c.append(row)
    if candidates:
        c = wb.create_sheet("Candidates")
        if candidates == "titled":
            c.append(["Candidates of the round"])
        c.append(["candidate_id", "name", "status", "applied_on"])
        for i, (cid, name) in enumerate(_people(30)):
            c.append([cid, name, "hired" if i == 0 else "rejected", dt.date(2026, 1, 5) if candidates != "text dates" else "05.01.2026"])
    s = wb.create_sheet(sheet)
    for row in scores:
        s.append(list(row))
    for name, rows in others:
        o = wb.create_sheet(name)
        for row in rows:
            o.append(list(row))
    wb.save(path)
    return path


def _wide_rows(extra=(), scale=lambda i, k: (i + k) % 5 + 1, date=dt.date(2026, 2, 3), blank_every=7):
    header = ["candidate_id", "interviewer", "stage", "interviewed_on", "SQL", "Communication", "Team fit", *[h for h, _ in extra]]
    rows = [header]
    for i, (cid, _name) in enumerate(_people(30)):
        for who in ("Sam", "Kim"):
            scores = [None if (i + k) % blank_every == 0 else scale(i, k) for k in range(3)]
            rows.append([cid, who, "Panel", date, *scores, *[f(i, who) for _h, f in extra]])
    return rows


WIDE_CASES = {
    "plain": lambda: dict(scores=_wide_rows()),
    "totals, a blank row and a note under the table": lambda: dict(
        scores=_wide_rows() + [["Average", None, None, None, 3.1, 2.9, 3.0], [], ["Note: the panel met on 3 February"]]),
    "text dates, day first": lambda: dict(scores=_wide_rows(date="03.02.2026"), candidates="text dates"),
    "a comment column and a comment per criterion": lambda: dict(scores=_wide_rows(extra=[
        ("Comment", lambda i, who: f"{who} liked it" if i % 3 else None), ("SQL comment", lambda i, who: "solid joins" if i % 4 == 0 else None)])),
    "a column empty for 50 rows, then text": lambda: dict(scores=_wide_rows(extra=[
        ("Remarks", lambda i, who: "see file" if i > 26 else None)])),
    "a criterion nobody scored for 50 rows": lambda: dict(scores=[
        r if n == 0 else r[:6] + [r[6] if n > 54 else None] for n, r in enumerate(_wide_rows())]),
    "scores off the scale and a repeated row": lambda: dict(scores=_wide_rows(scale=lambda i, k: 7 if i == 5 and k == 1 else (i + k) % 5 + 1)
                                                           + [["C01", "Sam", "Panel", dt.date(2026, 2, 3), 1, 2, 3], ["C99", "Sam", "Panel", None, 3, 3, 3]]),
    "names instead of ids, looked up on the Candidates sheet": lambda: dict(scores=[
        ["Candidate", *r[1:]] if n == 0 else [f"Person {int(r[0][1:])}" if r[0] != "C07" else "Someone Else", *r[1:]]
        for n, r in enumerate(_wide_rows())]),
    "no other sheets: names, weights and a scale in the headings": lambda: dict(
        sheet="Tabelle1", role=False, criteria=False, candidates=None, scores=[
            ["Bewerber:in", "Interviewer:in", "Status", "SQL (40 %) (1-10)", "Kommunikation (30 %) (1-10)", "Teamfit (30 %) (1-10)"],
            *[[name, who, "abgelehnt" if i else "eingestellt", (i + 1) % 10 + 1, (i + 3) % 10 + 1, None if i % 9 == 0 else (i + 5) % 10 + 1]
              for i, (_cid, name) in enumerate(_people(30)) for who in ("Sam", "Kim")]]),
    "a long sheet without the canonical sheets": lambda: dict(
        sheet="Bewertungen", role=False, criteria=False, candidates=None, scores=[
            ["Bewerber", "Interviewer", "Kriterium", "Punkte", "Datum"],
            *[[name, who, crit, (i + k) % 5 + 1, dt.date(2026, 2, 3)] for i, (_cid, name) in enumerate(_people(30))
              for who in ("Sam", "Kim") for k, crit in enumerate(("SQL", "Communication"))]]),
    "one interviewer's sheet, named after them": lambda: dict(
        sheet="Sam Lee", role=True, criteria=True, scores=[
            ["candidate_id", "SQL", "Communication", "Team fit"], *[[cid, (i % 5) + 1, 3, 4] for i, (cid, _n) in enumerate(_people(30))]]),
    "a Candidates sheet under a title (read as a grid)": lambda: dict(scores=_wide_rows(), candidates="titled"),
    "a Role sheet without the job title (guessed from the file name)": lambda: dict(scores=_wide_rows(), role="untitled"),
    "each candidate's id only on their first row": lambda: dict(scores=[
        r if n < 2 or r[0] != rows[n - 1][0] else [None, *r[1:]] for rows in [_wide_rows()] for n, r in enumerate(rows)]),
    "an empty sheet and a sheet of notes besides the scores": lambda: dict(scores=_wide_rows(), others=[
        ("Tabelle2", []), ("Notes", [["Panel on 3 February"], ["Kim joined late"]])]),
    "first and last names in two columns, no Candidates sheet": lambda: dict(candidates=None, criteria=False, scores=[
        ["First name", "Last name", "Interviewer", "SQL", "Communication", "Team fit"],
        *[[name.split()[0], name.split()[1] if i % 11 else None, who, (i % 5) + 1, 3, None if i % 4 else 2]
          for i, (_cid, name) in enumerate(_people(30)) for who in ("Sam", "Kim")]]),
}


@pytest.mark.parametrize("case", list(WIDE_CASES))
def test_a_plain_scores_sheet_read_column_wise_gives_the_round_the_grid_reader_gives(tmp_path, case):
    path = _scorecard(tmp_path / "scores.xlsx", **WIDE_CASES[case]())
    assert _table_read_column_wise(path), "the scores sheet was left to the grid reader"
    fast, slow = _load_both(path)
    _assert_same_round(fast, slow)
    assert len(fast.scores) > 50 and fast.details["layout"] in ("wide", "long", "per_interviewer")


@pytest.mark.parametrize("case, mapping", [
    ("plain", None),
    ("a Role sheet without the job title (guessed from the file name)", None),
    ("plain", {"role": {"role": "Senior Analyst", "scale": "1-10"}}),
])
def test_role_criteria_and_candidates_made_while_the_scores_are_read_give_the_same_round(tmp_path, case, mapping):
    """A wide scorecard with Role, Criteria and Candidates sheets: those are made and checked in the reader's other
    thread while fastexcel reads the scores (`columnar._ahead`); the round is the one made after reading, and the grid's."""
    import threading
    from unittest import mock

    from toolkit import loader, validate
    from toolkit.readers.dispatch import read_path
    from toolkit.validate import build_round

    path = _scorecard(tmp_path / "scores.xlsx", **WIDE_CASES[case]())
    checked_in = []
    real = validate.check_people

    def spy(*args, **kw):
        checked_in.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kw)

    with mock.patch.object(loader, "check_people", spy), mock.patch.object(validate, "check_people", spy):
        early = toolkit.load_round(path, as_of=AS_OF, mapping=mapping)
    assert checked_in == [False]  # once, in the reader's other thread, and build_round took that check
    late = build_round(read_path(path, mapping)[0].raw, round_id=early.round_id, as_of=AS_OF)
    _assert_same_round(early, late)
    _assert_same_round(*_load_both(path, mapping=mapping))
    assert early.role.role == ("Senior Analyst" if mapping else "Analyst" if case == "plain" else "scores")
    assert early.role.scale == ("1-10" if mapping else "1-5")


def test_a_candidates_sheet_made_ahead_is_checked_again_when_a_cell_holds_a_formula_without_a_result(tmp_path):
    """A formula whose result was never saved is found after the Candidates sheet was checked ahead: that check is not used."""
    from toolkit.readers.excel import formulas_without_values

    path = _scorecard(tmp_path / "scores.xlsx", scores=_wide_rows())
    import openpyxl

    wb = openpyxl.load_workbook(path)
    wb["Candidates"]["C5"] = '=IF(B5="","","rejected")'  # openpyxl saves no result
    wb.save(path)
    assert formulas_without_values(str(path))
    fast, slow = _load_both(path)
    _assert_same_round(fast, slow)
    found = fast.problems[fast.problems["rule"] == "formula_without_value"]
    rejected = fast.rejected_rows
    assert found["cell"].tolist() == ["C5"] and rejected.loc[rejected["sheet"] == "Candidates", "row"].tolist() == [5]
    assert "C04" not in set(fast.candidates["candidate_id"])  # the row set aside, and its scores with it


@pytest.mark.parametrize("why, change", [
    ("a word among the numbers", lambda rows: rows[:5] + [rows[5][:4] + ["n/a"] + rows[5][5:]] + rows[6:]),
    ("a title above the header", lambda rows: [["Panel scores, February"], []] + rows),
    ("two tables side by side with a gap", lambda rows: [r + [None, "x"] for r in rows]),
    ("a second sheet of scores", lambda rows: rows),
])
def test_a_scores_sheet_that_is_not_a_plain_table_is_read_as_a_grid(tmp_path, why, change):
    others = [("More scores", _wide_rows())] if why == "a second sheet of scores" else ()
    path = _scorecard(tmp_path / "scores.xlsx", scores=change(_wide_rows()), others=others)
    assert not _table_read_column_wise(path), why
    _assert_same_round(*_load_both(path))


def test_criterion_categories_and_unscored_candidates_are_what_the_kept_rows_say(tmp_path):
    """The scores' criterion category (made from the distinct names) and the ``no_scores`` warning (from the distinct ids
    of the rows kept) equal what the loaded scores table itself says."""
    import pandas as pd

    rows = [HEADER] + [["C1", who, crit, 4, "Panel"] for who in ("Sam", "Kim") for crit in ("Team fit", "SQL")] * 1
    rows += [["C2", "Sam", "Excel", 3, "Panel"], ["C2", "Kim", "Excel", 2, "Panel"]]  # C2's only rows: an unknown criterion
    path = _workbook(tmp_path / "unscored.xlsx", rows)
    for rnd in _load_both(path):
        crit = rnd.scores["criterion"]
        assert isinstance(crit.dtype, pd.CategoricalDtype) and crit.dtype.ordered
        assert list(crit.cat.categories) == ["SQL", "Team fit"] and crit.astype(str).tolist() == ["Team fit", "SQL"] * 2
        unscored = rnd.problems.loc[rnd.problems["rule"] == "no_scores", "value"].tolist()
        assert unscored == sorted(set(rnd.candidates["candidate_id"]) - set(rnd.scores["candidate_id"])) == ["C2"]
        assert (rnd.problems["rule"] == "unknown_criterion").sum() == 2


# ---------------------------------------------------------------------------
# the email check made in Arrow for all addresses at once says what the check of one address says


EMAIL_CORNERS = ["ann@example.com", " ann@example.com ", "\u00a0ann@example.com", "ann@example.com\n", "ann@example.com\nbo@x.org",
                 "Ann Lee <ann@example.com>", "ann@example.com, bo@example.com", "bo@example", "@example.com", "ann@", "ann@@example.com",
                 "ann@-example.com", "ann@example-.com", "ann@ex_ample.com", "o'brien+cv@mail.example.co.uk", "jörg@example.de",
                 "ann@exämple.de", "ann\x7f@example.com", "ann\t@example.com", "a" * 243 + "@example.com", "a" * 244 + "@example.com",
                 "", "   ", "\u3000ann@example.com\u3000", "ann@example.com\u200b", "ANN@EXAMPLE.COM", "a.b.c@d.e.f"]


def test_the_email_check_of_all_addresses_at_once_equals_the_check_of_each():
    import pandas as pd
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from toolkit.coerce import valid_email, valid_emails

    values = pd.Series(EMAIL_CORNERS + [None], dtype=object)
    assert valid_emails(values).tolist() == [valid_email(v) is not None for v in values]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.text(alphabet="ab.@-_+ \t\n\u00a0\u3000äé<>,'\x7f1", max_size=30), max_size=20))
    def agree(texts):
        s = pd.Series(texts, dtype=object)
        assert valid_emails(s).tolist() == [valid_email(v) is not None for v in texts]

    agree()


def test_a_formula_found_by_its_letter_first_is_found_as_by_its_tag():
    """The XML scan looks for the letter f before it looks for "<f" (`excel._has_formula`); on sheet XML of every kind,
    with inline text full of f's, it finds a formula exactly where the search for the tag does."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from toolkit.readers.excel import _has_formula, _has_formula_tag

    tokens = [b'<c r="A2" t="s"><v>3</v></c>', b'<c r="B2"><f>SUM(A1:A3)</f><v>6</v></c>', b'<f t="shared" ref="C2:C9" si="0"/>',
              b"<f/>", b"<formula1>yes,no</formula1>", b'<c t="inlineStr"><is><t>off-ffff fit</t></is></c>', b"<filterMode/>", b"f",
              b"<", b"<f", b"ff", b"<sheetData>", b"</row>"]
    many_f = b'<c t="inlineStr"><is><t>' + b"f" * 5000 + b"</t></is></c>"
    assert _has_formula(many_f + b"<f>1+1</f>") and not _has_formula(many_f)  # past the few thousand: by the tag

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(tokens), max_size=40), st.booleans())
    def agree(parts, long_text):
        block = (many_f if long_text else b"").join(parts)
        assert _has_formula(block) == _has_formula_tag(block)

    agree()


def _empty_row_1_as_excel_writes_it(path, out):
    """``path`` with each sheet's empty row 1 written self-closing (``<row r="1" ht="30" customHeight="1"/>``), as Excel
    writes an empty row of its own height (openpyxl writes ``<row ...></row>``)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'(<row r="1"[^>]*)></row>', rb"\1/>", data)
            zout.writestr(info, data)
    return out


@pytest.mark.parametrize("canonical", [False, True])
def test_an_empty_row_1_written_self_closing_is_not_taken_for_the_header(tmp_path, canonical):
    """Found by review: the scan took ``<row r="1" .../>`` for a row 1 holding the headings, and the column-wise read
    then numbered every row one too low. Such a sheet is read as a grid; the rows keep their numbers."""
    import re
    import zipfile

    import openpyxl

    rows = [[], list(HEADER)] + [[c, i, k, 4, "Panel"] for c in ("C1", "C2") for i in ("Sam", "Lee") for k in ("SQL", "Team fit")]
    if canonical:
        written = _workbook(tmp_path / "written.xlsx", rows)
    else:
        written = _scorecard(tmp_path / "written.xlsx", scores=[[]] + _wide_rows())
    wb = openpyxl.load_workbook(written)
    wb["Scores"].row_dimensions[1].height = 30
    wb.save(written)
    path = _empty_row_1_as_excel_writes_it(written, tmp_path / "excel.xlsx")
    with zipfile.ZipFile(path) as z:
        assert any(re.search(rb'<row r="1"[^>]*/>', z.read(n)) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "Scores" not in _read_column_wise(path) and not _table_read_column_wise(path)
    fast, slow = _load_both(path)
    _assert_same_round(fast, slow)
    assert fast.scores["source_row"].min() == 3


# ---------------------------------------------------------------------------
# many texts cleaned and checked for blanks at once (Arrow) give what one text at a time gives

TEXT_CORNERS = ["C00017", "Ann-Marie Öberg", "  padded ", "two  spaces", "tab\there", "line\nbreak", "nbsp\u00a0inside",
                "\u00a0", " ", "", "\u3000", "\u2028", "\x1c", "ﬁnance", "Ｃ００１７", "①", "a\u0308", "ä", "Åsa", "ß", "ſ", "Ĳssel",
                "ŉ", "µ", "½", "x²", "ª", "日本", "Ø", "o\u0301", "e\u0301\u0323", "\x7f", "\u200b", "\ufeffbom", "ǅ", "Ǆ",
                "ʰ", "\u0085", "end ", " start", "ok", "ok ok", "ok  ok"]


def test_many_texts_cleaned_at_once_equal_each_cleaned_on_its_own():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from toolkit.readers.headers import clean_text, clean_texts

    values = TEXT_CORNERS * 2 + [None]
    assert len(values) >= 64 and clean_texts(values) == [clean_text(v) for v in values]
    assert clean_texts([1.5, "a "] * 40) == [clean_text(v) for v in [1.5, "a "] * 40]  # not all text: one by one
    odd = ["abc"] * 70 + [b"abc", b"  ", bytearray(b"x")]  # Arrow would take bytes for text
    assert clean_texts(odd) == [clean_text(v) for v in odd]

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.text(alphabet="aZ09 -.\t\n\u00a0\u3000\u2028äöåÄÖÅßéñøłŉſǅ\u0308\u0301ﬁ①Ｃµ½ʰ日\x1c\x7f", max_size=12),
                    min_size=64, max_size=90))
    def agree(texts):
        assert clean_texts(texts) == [clean_text(v) for v in texts]

    agree()


def test_every_text_the_quick_look_keeps_is_clean():
    """The characters `CLEAN_TEXT` admits are each kept by NFKC and no two of them are joined (NFKC composes pairs),
    so a text of them with single spaces between words is one `clean_text` returns unchanged."""
    import unicodedata

    import pyarrow as pa
    import pyarrow.compute as pc

    from toolkit.readers.headers import CLEAN_TEXT

    chars = [chr(o) for o in range(1, 0x2500)]
    admitted = [c for c, ok in zip(chars, pc.match_substring_regex(pa.array(chars), CLEAN_TEXT).to_pylist()) if ok]
    assert "a" in admitted and "Ö" in admitted and " " not in admitted and "\u00a0" not in admitted and "\u0308" not in admitted
    assert all(unicodedata.normalize("NFKC", c) == c for c in admitted)
    pairs = [a + b for a in admitted for b in admitted]
    assert all(unicodedata.normalize("NFKC", p) == p for p in pairs)


def test_many_values_checked_for_blanks_at_once_equal_each_checked_on_its_own():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from toolkit.readers.headers import SPACE_CHARS
    from toolkit.readers.rows import _is_blank_value, blank_values

    values = TEXT_CORNERS + list(SPACE_CHARS) + [SPACE_CHARS, None]
    assert blank_values(values).tolist() == [_is_blank_value(v) for v in values]
    mixed = [float("nan"), 3.0, "", " x ", None] * 20 + [b"  ", b""]
    assert blank_values(mixed).tolist() == [_is_blank_value(v) for v in mixed]

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.one_of(st.none(), st.text(alphabet=SPACE_CHARS + "a\u200b\ufeff", max_size=4)), min_size=64, max_size=80))
    def agree(values):
        assert blank_values(values).tolist() == [_is_blank_value(v) for v in values]

    agree()


def test_loading_uses_the_c_allocator_and_gives_pyarrow_back_the_one_it_had(sample_paths, monkeypatch):
    import pyarrow as pa

    import toolkit.validate
    from toolkit.memory import arrow_allocator

    seen = []
    build = toolkit.validate.build_round
    monkeypatch.setattr("toolkit.loader.build_round", lambda *a, **k: seen.append(pa.default_memory_pool().backend_name) or build(*a, **k))
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    before = pa.default_memory_pool()
    try:
        pa.set_memory_pool(pa.mimalloc_memory_pool())
        toolkit.load_round(sample_paths[0], as_of="2026-03-20")
        assert seen == ["system"] and pa.default_memory_pool().backend_name == "mimalloc"
        with pytest.raises(toolkit.ToolkitError):
            with arrow_allocator():
                raise toolkit.ToolkitError("stopped")  # an error inside gives the allocator back too
        assert pa.default_memory_pool().backend_name == "mimalloc"
        pa.set_memory_pool(pa.jemalloc_memory_pool())  # a user's own choice stays
        toolkit.load_rounds([sample_paths[0]], as_of="2026-03-20")
        assert seen[-1] == "jemalloc"
        pa.set_memory_pool(pa.mimalloc_memory_pool())
        monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")  # ... and so does one made in the environment
        toolkit.load_round(sample_paths[0], as_of="2026-03-20")
        assert seen[-1] == "mimalloc"
    finally:
        pa.set_memory_pool(before)


def test_scale_hints_as_a_category_normalise_as_the_hints_as_text():
    """A wide sheet's scale hints (one per criterion column, a category) put the scores on the scale exactly as the same
    hints written per row as text, also when some columns give none and the file gives one."""
    import pandas as pd

    from toolkit.readers.assemble import normalise
    from toolkit.readers.mapping import Mapping

    hints = ["1-10", None, "1-5", None, "1-10", "1-5"] * 20
    scores = [7, 4, 3, "gut", 10, 5] * 20
    as_text = pd.DataFrame({"score": pd.Series(scores, dtype=object), "_hint": pd.Series(hints, dtype=object)})
    as_category = as_text.assign(_hint=pd.Categorical(hints))
    for file_hint in (None, (1, 5), (0, 10)):
        a = normalise(as_text, (1, 5), Mapping(), file_hint=file_hint)
        b = normalise(as_category, (1, 5), Mapping(), file_hint=file_hint)
        pd.testing.assert_series_equal(a[0], b[0])
        pd.testing.assert_series_equal(a[1], b[1])
        assert a[2] == b[2] and a[3] == b[3] and "per_heading" in a[2]


def test_a_column_of_only_texts_converts_as_text_among_other_cells():
    """`to_text` settles a column holding nothing but texts in Arrow; each text gets what it gets among numbers and blanks
    (where each cell is looked at by kind), and a text is missing exactly where `blank_mask` finds the cell blank, which
    the checks rely on instead of working the blanks out again."""
    import pandas as pd
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from toolkit.coerce import blank_mask, to_text
    from toolkit.readers.headers import SPACE_CHARS

    def agree(texts):
        alone, bad = to_text(pd.Series(texts, dtype=object))
        mixed, _ = to_text(pd.Series([*texts, 4.0, None], dtype=object))
        assert str(alone.dtype) == str(mixed.dtype) == "str" and not bad.any()
        assert alone.tolist() == mixed.iloc[:len(texts)].tolist() or alone.equals(mixed.iloc[:len(texts)])
        assert alone.isna().tolist() == blank_mask(pd.Series(texts, dtype=object)).tolist()

    agree([*TEXT_CORNERS, " B07 ", "Cafe\u0301", "\u00a0", ""])
    cells = pd.Series([" x", 3.0, None, float("nan"), "\u3000", True, dt.date(2026, 3, 2), "#REF!"], dtype=object)
    typed, bad = to_text(cells)
    assert (typed.isna() & ~bad).tolist() == blank_mask(cells).tolist() and bad.tolist() == [False] * 5 + [True, False, False]

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.text(alphabet=SPACE_CHARS[:12] + "aZ9 -äÖ\u0308\u0301ﬁ日", max_size=6), min_size=1, max_size=40))
    def any_texts(texts):
        agree(texts)

    any_texts()


@pytest.mark.parametrize("blank", ["", None])
@pytest.mark.parametrize("texts", [["B07", "B12", "", " "], ["Katrin Vogel", "Jonas Brandt"], ["", "x"]])
def test_a_category_of_texts_is_taken_as_it_is_as_its_texts_would_be(texts, blank):
    """A column read column-wise (a category of texts) goes into the Scores table as the same texts given one by one
    would: the same categories in the same order, held as objects, and a missing cell as ``blank``."""
    import numpy as np
    import pandas as pd

    from toolkit.readers.assemble import _category, _filled
    from toolkit.readers.excel import codes_of

    rng = np.random.default_rng(3)
    for lowest in (-1, 0):
        codes = rng.integers(lowest, len(texts), 60) if texts else np.full(60, -1)
        column = pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(texts, dtype=object)))
        taken = _filled(column, blank)
        made = _category(*codes_of(column), blank)
        assert taken.categories.dtype == made.categories.dtype == object
        assert list(taken.categories) == list(made.categories)
        assert np.asarray(taken).tolist() == np.asarray(made).tolist() or pd.Series(taken).equals(pd.Series(made))
    nothing = pd.Series(pd.Categorical.from_codes(np.full(5, -1), categories=pd.Index([], dtype=object)))
    assert [v if isinstance(v, str) else None for v in _filled(nothing, blank)] == [blank] * 5  # blanks, as any empty column


def test_an_empty_required_cell_among_spaces_is_shown_as_empty(tmp_path):
    """A name that is blank is reported (a warning) with an empty value whether the cell holds spaces or nothing at all,
    and the values handed on for texts with a missing one among them are '' for it, never 'nan'."""
    import openpyxl
    import pandas as pd

    from toolkit.readers.excel import python_values

    assert python_values(pd.Series(["Ann", float("nan"), None], dtype=object)) == ["Ann", "", ""]
    assert python_values(pd.Series(["Ann", " "], dtype=object)) == ["Ann", " "]
    path = tmp_path / "blank-names.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in {"Role": [("field", "value"), ("role", "Analyst"), ("scale", "1-5")],
                       "Criteria": [("criterion", "rank"), ("SQL", 1)],
                       "Candidates": [("candidate_id", "name", "status"), ("C1", " ", "rejected"), ("C2", None, "rejected"),
                                      ("C3", "\u00a0", "rejected"), ("C4", "Ann", "hired")],
                       "Scores": [("candidate_id", "interviewer", "criterion", "score")] + [(c, "Sam", "SQL", 3) for c in ("C1", "C2", "C3", "C4")]}.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    rnd = toolkit.load_round(path, as_of="2026-03-20")
    blank = rnd.problems[rnd.problems["rule"] == "missing_name"]
    assert blank["cell"].tolist() == ["B2", "B3", "B4"] and len(rnd.candidates) == 4
    assert blank["value"].fillna("").str.strip().tolist() == ["", "", ""]


@pytest.mark.parametrize("written, candidate_date, expected", [
    ("06/03/2026", "2026-03-09", "2026-03-06"),  # no proof either way: read day-first, and reported as ambiguous
    ("3/13/2026", "2026-03-16", "2026-03-13"),  # only month-first can read it: the file is month-first
    ("13/03/2026", "16/03/2026", "2026-03-13"),  # day-first, as the Candidates sheet's text date
    ("6 March 2026", "2026-03-09", "2026-03-06"),  # a month name reads alike under either rule
    ("2026-03-06", "2026-03-09", "2026-03-06"),
])
@pytest.mark.parametrize("layout", ["long", "wide"])
def test_a_role_decision_date_written_as_text_is_read_by_the_files_date_rule(tmp_path, written, candidate_date, expected, layout):
    """decided_on '06/03/2026' typed on the Role sheet was refused ("cannot be read as a date"), while the same text on
    the Candidates sheet was read by the file's day/month rule; the round lost its decision date, and every candidate
    without one of their own could not be timed. It is one of the file's dates now, read and reported alike."""
    import openpyxl

    scores = ([HEADER, ["C1", "Sam", "SQL", 4, "Panel"], ["C1", "Sam", "Team fit", 4, "Panel"], ["C2", "Sam", "SQL", 2, "Panel"],
               ["C2", "Sam", "Team fit", 3, "Panel"]] if layout == "long" else
              [["candidate_id", "interviewer", "SQL", "Team fit"], ["C1", "Sam", 4, 4], ["C2", "Sam", 2, 3]])
    path = _workbook(tmp_path / "round.xlsx", scores)
    wb = openpyxl.load_workbook(path)
    wb["Role"]["B3"] = written
    cand = wb["Candidates"]
    cand["D1"], cand["D2"], cand["D3"] = "decided_on", candidate_date, None  # Bo's own date blank: the round's applies
    wb.save(path)
    fast, slow = _load_both(path)
    _assert_same_round(fast, slow)
    assert fast.role.decided_on == dt.date.fromisoformat(expected)
    assert "bad_value" not in set(fast.problems["rule"])
    assert "no_decision_date" not in set(fast.problems["rule"])  # Bo, rejected without a date of his own, takes the round's
    assert ("ambiguous_dates" in set(fast.problems["rule"])) == (written == "06/03/2026")
    # text that is no date is still refused, naming the cell
    wb["Role"]["B3"] = "sometime in March"
    wb.save(path)
    bad = toolkit.load_round(path, as_of=AS_OF)
    assert bad.role.decided_on is None
    assert bad.errors[["location", "rule"]].values.tolist() == [["Role!B3", "bad_value"]]


def test_a_criterion_headed_by_a_number_cell_is_named_as_written(tmp_path):
    """A criterion column headed 2026 (a number cell) became the criterion "2026.0" in letters and charts; a CSV of the
    same table named it "2026"."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scores"
    for r in [["Candidate", "Interviewer", 2026, "Communication"], ["Ann Lee", "Tom", 4, 3], ["Kim Berg", "Tom", 3, 5]]:
        ws.append(r)
    wb.save(tmp_path / "round.xlsx")
    (tmp_path / "round.csv").write_text("Candidate,Interviewer,2026,Communication\nAnn Lee,Tom,4,3\nKim Berg,Tom,3,5\n", encoding="utf-8")
    fast, slow = _load_both(tmp_path / "round.xlsx")
    _assert_same_round(fast, slow)
    assert fast.criterion_order == toolkit.load_round(tmp_path / "round.csv", as_of=AS_OF).criterion_order == ["2026", "Communication"]


def test_a_benchmark_task_reports_its_own_peak_memory_not_its_runners():
    """make bench on a fresh machine writes its datasets in the runner first; each task, started from it, reported the
    runner's 1.6 GB as its own peak (ru_maxrss survives the start of a new program; VmHWM does not)."""
    import subprocess
    import sys

    import numpy as np

    big = np.ones(300_000_000 // 8)  # 300 MB held by this process while it starts the task
    big += 1
    code = "from benchmarks.tasks import peak_rss_mb; print(peak_rss_mb())"
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=str(root))
    assert float(out.stdout) < 250, out.stdout  # Python alone: tens of MB, not this process's 300 MB
    del big


def test_an_empty_tables_filter_covers_its_header_only():
    """An auditor: the empty 'Left out' sheet had a filter over a blank row below its header."""
    import io

    import openpyxl
    import pandas as pd

    from toolkit.render.xlsx import tables_workbook_bytes

    data = tables_workbook_bytes({"Left out": pd.DataFrame(columns=["round_id", "candidate_id", "name", "row", "why"]),
                                  "Two": pd.DataFrame({"a": [1, 2]})})
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb["Left out"].auto_filter.ref == "A1:E1" and wb["Two"].auto_filter.ref == "A1:A3"


def test_one_problem_per_key_makes_keys_for_the_failing_rows_only():
    """A clean Scores sheet of 100,000 rows must not pay a Python call per row for the unknown-candidate check (a
    session's change did: 30-40 ms of a wide load). The key is made from the masked rows alone, and rows sharing a
    key after it is made ('K-3 ' and 'K-3') are one problem naming every row."""
    from toolkit.readers.raw import ROW, RawTable
    from toolkit.validate import Problems

    ids = [f"K-{i}" for i in range(1000)]
    ids[10], ids[500] = "K-3 ", "K-3"
    frame = pd.DataFrame({"candidate_id": ids, ROW: range(2, 1002)})
    table = RawTable("Scores", "Scores", frame, {"candidate_id": "A"}, ["candidate_id"])
    mask = pd.Series(False, index=frame.index)
    mask[[10, 500]] = True
    made = []

    def key(v):
        made.append(v)
        return v.strip()

    problems = Problems("round.xlsx")
    problems.add_per_key("error", table, "candidate_id", mask, frame["candidate_id"], "unknown_candidate",
                         lambda k, n, where: f"{k} {n} ({where})", "fix it", key=key)
    assert made == ["K-3 ", "K-3"]
    assert [(r["location"], r["message"], r["value"]) for r in problems.records] == [("Scores!A12", "K-3 2 (Scores rows 12, 502)", "K-3")]
