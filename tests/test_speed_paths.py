"""The fast paths give exactly what the slow, obvious paths give.

Speed work (issue 8) replaced a few obvious implementations by faster ones;
each test here builds the result both ways on realistic rounds (the curated
samples and a generated round) and asserts they are identical.
"""

from __future__ import annotations

import datetime as dt

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
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"
            if len(value) > 60:
                c.alignment = xlsx.WRAP
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
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        columns = list(df.columns)
        for i, c in enumerate(columns, start=1):
            sample = [str(v) for v in df[c].head(200).tolist() if v is not None]
            ws.column_dimensions[get_column_letter(i)].width = max(min(max([len(xlsx._label(c))] + [len(s) for s in sample]) + 2, 60), 8)
        ws.freeze_panes = "A2"
        if columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(df), 1) + 1}"
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
    sheets = {"Odd values": odd, "Empty": odd.iloc[0:0], "Timelines": tl,
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
