"""Shared look of Debrief's charts: fonts, colours, layout and notes.

Figures are built from plain dicts (`figure`), which is several times
cheaper than assembling graph objects trace by trace; a report builds one
candidate profile per candidate.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

FONT = dict(family="Inter, 'Segoe UI', Helvetica, Arial, sans-serif", size=13, color="#1f2933")

CANDIDATE = "#2563eb"  # the candidate the chart is about
SELECTED = "#0f766e"  # the selected (hired) candidate
POOL = "#6b7280"  # pool aggregates
BAR = "#b91c1c"  # the bar (lowest acceptable score)
THIN = "#9ca3af"  # thin evidence
LABEL_COLOURS = {"lenient": "#d97706", "severe": "#7c3aed", "in line": "#6b7280", "too few scores": "#d1d5db"}

# one colour per criterion, most important first (colour-blind friendly, Okabe-Ito + extras)
CRITERION_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999", "#882255"]

# one colour per person or line (interviewers, candidates' progression; Paul Tol's "bright" + dark grey)
SERIES_COLOURS = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#444444", "#BBBBBB"]

SCORE_SCALE = [[0.0, "#f7fbff"], [0.5, "#9ecae1"], [1.0, "#4292c6"]]
SCORE_TEXT = "#111827"
"""The numbers in a heatmap's cells: dark on every colour of `SCORE_SCALE`, at least 5.2:1 (WCAG 1.4.3 asks 4.5:1).
plotly's own choice, dark or white by the cell, fell to 3.25:1 on the middle of the old scale."""
RANK_SCALE = [[0.0, "#065f46"], [0.5, "#a7f3d0"], [1.0, "#f3f4f6"]]

ROW_HEIGHT = 26  # pixels per candidate row in horizontal charts


def esc(text: object) -> str:
    """Text safe to put into plotly's HTML-ish labels (names with < or &)."""
    return html.escape(str(text), quote=False)


def esc_all(values) -> list[str]:
    """`esc` of each value (a list, array or Series), each distinct value escaped once.

    Category values (axis categories, what ``%{x}`` and ``%{y}`` show on hover) go through this too: plotly draws a
    category as its tick label and reads its markup (``<b>``, ``<br>``, ``<a href>``), so a name or a criterion
    carrying markup is drawn as written, never as formatting or a link.
    """
    codes, uniques = pd.factorize(pd.Series(values, dtype=object).astype(str), sort=False)
    return np.array([esc(u) for u in uniques], dtype=object)[codes].tolist() if len(codes) else []


def criterion_colour(i: int) -> str:
    return CRITERION_COLOURS[i % len(CRITERION_COLOURS)]


def series_colour(i: int) -> str:
    return SERIES_COLOURS[i % len(SERIES_COLOURS)]


def layout(title: str, *, subtitle: str | None = None, height: int | None = None, top: int = 120, bottom: int = 70, **extra) -> dict:
    """The base layout: title at the very top (with an optional grey subtitle), the legend in a row under it,
    fonts, white background, hover label. ``top``/``bottom`` are the margins in pixels."""
    head = dict(text=esc(title), x=0.01, xanchor="left", yref="container", y=1, yanchor="top", pad=dict(t=14))
    if subtitle:
        head["subtitle"] = dict(text=esc(subtitle), font=dict(size=12, color="#6b7280"))
    out = dict(
        title=head,
        template="none",  # our own look below; also skips copying plotly's default template (a report draws thousands)
        colorway=CRITERION_COLOURS,
        font=FONT,
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(bgcolor="white", font=dict(size=12)),
        margin=dict(l=10, r=20, t=top, b=bottom),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0),
    )
    if height:
        out["height"] = int(height)
    out.update(extra)
    return out


NOTE_LINE = 16  # pixels per line of a note


def note(lines: list[str], *, below: int = 62) -> dict:
    """A small grey note, ``below`` pixels under the plot area (e.g. "showing the top 40 of 1,000 candidates").

    Leave ``below + NOTE_LINE * len(lines)`` pixels of bottom margin for it.
    """
    return dict(text="<br>".join(esc(t) for t in lines), xref="paper", yref="paper", x=0, y=0, yshift=-below,
                xanchor="left", yanchor="top", showarrow=False, font=dict(size=11, color="#6b7280"), align="left")


def wrap(label: str, width: int = 16) -> str:
    """Break a long axis label over lines at spaces or hyphens ("Social-Media-<br>Strategie")."""
    words, lines, line = str(label).replace("-", "- ").split(" "), [], ""
    for w in words:
        cand = f"{line}{'' if not line or line.endswith('-') else ' '}{w}"
        if line and len(cand) > width:
            lines.append(line)
            line = w
        else:
            line = cand
    lines.append(line)
    return "<br>".join(esc(x) for x in lines if x)


def axis(title: str, **extra) -> dict:
    out = dict(title=dict(text=esc(title)), gridcolor="#e5e7eb", zerolinecolor="#d1d5db", automargin=True)
    out.update(extra)
    return out


def figure(data: list[dict], layout: dict) -> go.Figure:
    return go.Figure(dict(data=data, layout=layout))


def row_height(n_rows: int, *, base: int = 160, per_row: int = ROW_HEIGHT, minimum: int = 320) -> int:
    return max(minimum, base + per_row * n_rows)


def no_cloud_sharing() -> None:
    """Charts shown in a notebook get no "Share chart" button: plotly.js offers one by default, and it uploads the chart
    (candidates' names and scores with it) to Chart Studio. Set on the renderers' own config, where the user has not set
    ``showSendToCloud`` themselves; the report's pages use `render.pages.PLOTLY_CONFIG`. A ``config=`` given to
    ``fig.show`` replaces the renderer's: add ``"showSendToCloud": False`` to it (docs/data-protection.md)."""
    import sys

    if "IPython" not in sys.modules:  # not in a notebook: nothing is shown there (and plotly's renderers would import IPython)
        return
    import plotly.io as pio

    for name in list(pio.renderers):
        renderer = pio.renderers[name]
        if not hasattr(renderer, "config"):
            continue
        if renderer.config is None:
            renderer.config = {}
        if isinstance(renderer.config, dict):
            renderer.config.setdefault("showSendToCloud", False)


no_cloud_sharing()
