"""Comparison charts, checked through fig.data and fig.layout (at 4 and at 1,000 candidates)."""

from __future__ import annotations

import pytest

from rounds_for_comparison import ANALYTICS, COPY, CRITERIA, STRATEGY, calibration_round, large_round, social_media_round, two_stage_round
from toolkit.analytics import criterion_profiles
from toolkit.charts import (
    candidate_profile,
    contribution_bars,
    criterion_heatmap,
    interviewer_calibration_chart,
    interviewer_spread,
    progression_chart,
    robustness_chart,
)
from toolkit.errors import ToolkitError

RANKED_NAMES = ["Ana Alves", "Ben Berger", "Dev Dutta", "Cleo Chan"]  # 4.58, 4.0, 4.0 (tie, sheet order), 2.75


@pytest.fixture(scope="module")
def rnd():
    return social_media_round()


@pytest.fixture(scope="module")
def big():
    return large_round(1000)


def _titled(fig):
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


def test_heatmap_orders_candidates_by_rank_and_criteria_by_importance(rnd):
    fig = criterion_heatmap(rnd)
    _titled(fig)
    assert len(fig.data) == 1 and fig.data[0].type == "heatmap"
    assert list(fig.layout.xaxis.categoryarray) == CRITERIA == list(fig.data[0].x)
    assert list(fig.layout.yaxis.categoryarray) == RANKED_NAMES == list(fig.data[0].y)
    assert fig.layout.yaxis.autorange == "reversed"  # best on top
    assert list(fig.data[0].z[0]) == [5.0, 4.0, 4.5]


def test_heatmap_marks_thin_evidence_and_explains_it_on_hover(rnd):
    fig = criterion_heatmap(rnd)
    text, hover = fig.data[0].text, fig.data[0].hovertext
    ben, cleo, dev = 1, 3, 2
    analytics, copy = CRITERIA.index(ANALYTICS), CRITERIA.index(COPY)
    assert text[ben][analytics] == "3.0 ?" and "too few scores: 1 of 2 interviewers" in hover[ben][analytics]
    assert text[cleo][analytics] == "3.0 ?" and "interviewers disagree by 2 points" in hover[cleo][analytics]
    assert text[dev][copy] == "–" and "Not assessed" in hover[dev][copy]
    assert text[0][0] == "5.0" and "Evidence sufficient" in hover[0][0]
    assert any("? = thin evidence" in a.text for a in fig.layout.annotations)


def test_heatmap_at_1000_candidates_is_one_trace_of_the_top_rows_with_a_note(big):
    fig = criterion_heatmap(big, top=40)
    assert len(fig.data) == 1 and len(fig.data[0].y) == 40
    assert any("top 40 of 1,000" in a.text for a in fig.layout.annotations)
    assert len(criterion_heatmap(big, top=None).data[0].y) == 1000


def test_contribution_bars_stack_one_trace_per_criterion(rnd, big):
    fig = contribution_bars(rnd)
    _titled(fig)
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == [f"{i + 1}. {c}" for i, c in enumerate(CRITERIA)]
    assert fig.layout.barmode == "stack"
    assert list(bars[0].y) == RANKED_NAMES
    ana = sum(t.x[0] for t in bars)
    assert ana == pytest.approx(2.5 + 4 / 3 + 0.75)
    assert len(contribution_bars(big).data) == len(big.criterion_order) + 1


def test_candidate_profile_names_nobody_else(rnd):
    fig = candidate_profile(rnd, "B2")
    _titled(fig)
    names = [t.name for t in fig.data]
    assert names == ["Ben Berger", "Selected candidate", "Pool median", "Bar (lowest acceptable)"]
    as_json = fig.to_json()
    for other in ("Ana Alves", "Cleo Chan", "Dev Dutta", '"A1"', '"C3"', '"D4"'):
        assert other not in as_json
    mine, hire, median, bar = fig.data
    assert list(mine.y) == [4.0, 4.5, 3.0]
    assert list(hire.y) == [5.0, 4.0, 4.5]
    assert list(median.y) == [4.0, 4.0, 3.0]
    assert list(bar.y) == [3.0, 2.5]  # Copywriting has no bar
    # Analytics rests on one score: hatched, and the hover says why
    assert list(mine.marker.pattern.shape) == ["", "", "/"]
    assert "too few scores" in mine.customdata[2]


@pytest.mark.parametrize("language, label", [("en", "Top-ranked (no one chosen yet)"), ("de", "Bestplatzierte Person (noch keine Entscheidung)"),
                                             ("sv", "Högst rankad (ingen vald ännu)")])
def test_before_anyone_is_chosen_the_profile_does_not_call_the_top_ranked_candidate_selected(language, label):
    """Friday's committee meeting, before the decision: the top-ranked candidate stands in for the hire, but is not 'selected'."""
    from rounds_for_comparison import social_media_frames
    from toolkit.validate import round_from_frames

    role, criteria, candidates, scores = social_media_frames()
    candidates["status"] = ["pending", "pending", "rejected", "withdrawn"]
    undecided = round_from_frames(role, criteria, candidates, scores)
    fig = candidate_profile(undecided, "B2", language=language)
    assert [t.name for t in fig.data][1] == label and label in fig.data[1].hovertemplate
    decided = candidate_profile(social_media_round(), "B2", language=language)
    assert label not in [t.name for t in decided.data]
    from toolkit.render.figures import ProfileDivs
    from toolkit.render.pages import figure_div

    divs = ProfileDivs(criterion_profiles(undecided), show_selected=True)
    assert divs.div("p", "B2", language) == figure_div(fig, "p")  # the report's fast path draws the same label


def test_candidate_profile_from_a_precomputed_table_and_unknown_ids(rnd):
    table = criterion_profiles(rnd)
    assert candidate_profile(table, "C3").data[0].name == "Cleo Chan"
    with pytest.raises(ToolkitError, match="unknown candidate id"):
        candidate_profile(table, "Z9")


def test_interviewer_spread_per_interviewer_not_per_candidate(rnd, big):
    fig = interviewer_spread(rnd)
    _titled(fig)
    assert sorted(t.name for t in fig.data) == ["Mia", "Noah"] and {t.type for t in fig.data} == {"box"}
    cleo = interviewer_spread(rnd, "C3")
    by_name = {t.name: t for t in cleo.data}
    assert set(by_name) == {"Mia", "Noah", "Panel mean"}
    assert dict(zip(by_name["Mia"].x, by_name["Mia"].y))[ANALYTICS] == 2
    assert dict(zip(by_name["Noah"].x, by_name["Noah"].y))[ANALYTICS] == 4
    assert len(interviewer_spread(big).data) <= 3


def test_interviewer_calibration_chart(rnd):
    fig = interviewer_calibration_chart(calibration_round())
    _titled(fig)
    assert len(fig.data) == 1
    assert list(fig.data[0].y) == ["Pat", "Quinn", "Rae"]
    assert fig.data[0].x[0] == pytest.approx(2 / 3)
    assert list(fig.data[0].text) == ["lenient", "severe", "severe"]
    assert [s.x0 for s in fig.layout.shapes] == [pytest.approx(-0.3), pytest.approx(0.3)]


def test_progression_chart_lines_in_stage_order_and_a_box_at_scale(big):
    fig = progression_chart(two_stage_round())
    _titled(fig)
    assert list(fig.layout.xaxis.categoryarray) == ["Screen", "Final"]
    eva = next(t for t in fig.data if t.name == "Eva")
    assert list(eva.x) == ["Screen", "Final"] and eva.y[1] == pytest.approx(35 / 9)
    at_scale = progression_chart(big, highlight=8)
    assert len(at_scale.data) == 9 and at_scale.data[0].type == "box"


def test_robustness_chart(rnd):
    fig = robustness_chart(rnd)
    _titled(fig)
    assert len(fig.data) == 1
    assert list(fig.data[0].y) == ["as given", "equal weights", "without Mia", "without Noah"]  # 3:2:1 is rank-derived already
    assert list(fig.data[0].x) == RANKED_NAMES  # Cleo enters the top 3 without Mia
    equal = fig.data[0].text[1]
    assert list(equal) == ["1", "3", "2", "4"]
    assert "holds in 4 of 4" in fig.layout.title.subtitle.text


@pytest.mark.parametrize(
    "draw, most",
    [
        (lambda r: criterion_heatmap(r), 1),
        (lambda r: contribution_bars(r), 5 + 1),  # one per criterion + the totals
        (lambda r: candidate_profile(r, "X0001"), 4),
        (lambda r: interviewer_spread(r), 3),  # one per interviewer
        (lambda r: interviewer_calibration_chart(r), 1),
        (lambda r: progression_chart(r), 1 + 8),  # the box + 8 highlighted lines
        (lambda r: robustness_chart(r), 1),
    ],
    ids=["heatmap", "contributions", "profile", "spread", "calibration", "progression", "robustness"],
)
def test_no_trace_per_candidate_at_1000_candidates(big, draw, most):
    fig = draw(big)
    assert 1 <= len(fig.data) <= most
    assert fig.layout.title.text


def test_interviewer_spread_of_a_large_round_draws_boxes_from_their_statistics():
    """Thousands of scores per interviewer: the page holds each box's quartiles and whiskers, not every score."""
    import numpy as np

    from toolkit.analytics.interviewers import score_offsets
    from toolkit.charts.comparison import BOX_POINTS_MAX
    from toolkit.sample import generate_round
    from toolkit.validate import round_from_frames

    t = generate_round(5, 400, preset="en")
    big_round = round_from_frames(t["role"], t["criteria"], t["candidates"], t["scores"], as_of="2026-03-20")
    offsets = score_offsets(big_round).dropna(subset=["offset"])
    assert offsets.groupby("interviewer").size().min() > BOX_POINTS_MAX
    fig = interviewer_spread(big_round)
    assert all(tr.type == "box" and tr.y is None and tr.q1 is not None for tr in fig.data)
    assert len(fig.to_json()) < 20_000
    assert "drawn from their quartiles" in fig.layout.annotations[0].text
    first = fig.data[0]
    mine = offsets[(offsets["interviewer"] == first.name) & (offsets["criterion"] == first.x[0])]["offset"].to_numpy(dtype=float)
    assert [first.q1[0], first.median[0], first.q3[0]] == pytest.approx(np.quantile(mine, [0.25, 0.5, 0.75]), abs=1e-3)
    reach = 1.5 * (first.q3[0] - first.q1[0])
    assert first.lowerfence[0] == pytest.approx(mine[mine >= first.q1[0] - reach].min(), abs=1e-3)
    assert first.upperfence[0] == pytest.approx(mine[mine <= first.q3[0] + reach].max(), abs=1e-3)
    assert list(first.x) == [c for c in big_round.criteria["criterion"] if c in set(first.x)]  # most important first


def test_a_chart_shown_in_a_notebook_has_no_button_that_uploads_it():
    """An accessibility review found plotly.js's 'Share chart...' button on every chart: it uploads the chart, with the
    candidates' names and scores, to Chart Studio. The report's pages leave it out (test_report checks in Chromium);
    in JupyterLab the renderer's config does."""
    import subprocess
    import sys

    # in a fresh process, as a notebook kernel has it: IPython loaded first, then the charts
    code = ("import IPython, plotly.graph_objects as go, plotly.io as pio, toolkit.charts\n"
            "print(pio.renderers['jupyterlab'].to_mimebundle(go.Figure().to_dict())['application/vnd.plotly.v1+json']['config'])")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "'showSendToCloud': False" in shown
    # and a script or the CLI, without IPython, does not import it (plotly's renderers would: 350 modules, 33 MB)
    code = "import sys, toolkit, toolkit.charts, toolkit.report; print('IPython' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def _contrast(a: str, b: str) -> float:
    def lum(h):
        r, g, b_ = (int(h.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
        f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b_)

    lo, hi = sorted((lum(a), lum(b)))
    return (hi + 0.05) / (lo + 0.05)


def test_the_numbers_in_the_heatmap_are_readable_on_every_cell_colour():
    """An accessibility review measured the cell numbers at 3.25:1 to 4.1:1 on scores from 2.8 to 3.7 (plotly picks dark
    or white text by the cell): WCAG 1.4.3 asks 4.5:1. The text is one dark colour now, on a scale light enough for it;
    the contribution bars' segments are kept apart by a white line."""
    import numpy as np

    import toolkit
    from toolkit.charts import contribution_bars, criterion_heatmap, style

    rnd = toolkit.load_round("data/sample/berlin-social-media-lead.xlsx", as_of="2026-03-20")
    cell = criterion_heatmap(rnd).data[0]
    assert cell.textfont.color == style.SCORE_TEXT
    stops = [(float(at), [int(c.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]) for at, c in cell.colorscale]
    colours = []  # the scale as plotly draws it: linear in RGB between the stops
    for (a, ca), (b, cb) in zip(stops, stops[1:]):
        for t in np.linspace(0, 1, 21):
            colours.append("#%02x%02x%02x" % tuple(round(x + (y - x) * t) for x, y in zip(ca, cb)))
    worst = min(_contrast(style.SCORE_TEXT, c) for c in colours)
    assert worst >= 4.5, worst
    assert all(t.marker.line.color == "white" and t.marker.line.width >= 1 for t in contribution_bars(rnd).data if t.type == "bar")
    # another colour scale: the dark text would vanish on its dark end, so plotly picks dark or light by the cell
    other = criterion_heatmap(rnd, colorscale="Viridis").data[0]
    assert other.textfont.color is None and other.colorscale[0][1] == "#440154"  # Viridis' dark purple
    assert other.z == cell.z and other.text == cell.text
