"""Report pages (index, committee, process health) as HTML strings.

Tables reach templates as `Table` objects of already-formatted cell text, so
templates stay simple and every value is escaped by jinja2's autoescape.
Figures are embedded as divs that use one shared plotly.js file.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from ..model import shown_names


PLOTLY_CONFIG = {
    "displaylogo": False, "responsive": True,
    # plotly.js shows a "Share chart" button by default that uploads the chart, names and scores with it, to Chart Studio
    "showSendToCloud": False, "modeBarButtonsToRemove": ["sendDataToCloud"],
    # the download button only: zoom by dragging, reset by double-click; ten buttons a chart were ten tab stops each
    "modeBarButtons": [["toImage"]],
}
"""The one configuration of every chart on a page Debrief writes: nothing in the toolbar sends the data anywhere."""


@dataclass
class Table:
    headers: list[dict]
    rows: list[list]
    empty: str = "Nothing to show."
    more: int = 0
    more_where: str = "see the workbook"
    """Where the rows left out of a long table are, said after "… and N more rows"."""


def fmt(value, kind: str = "", decimals: int | None = None) -> str:
    """Format one value for a person: dates ISO, shares as %, numbers short, missing as an en dash.

    ``decimals``: a number with exactly that many (`table` gives each column of
    numbers one count, so 3.60 stands under 4.15, not 3.6)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return "–"
    if isinstance(value, float) and math.isnan(value):
        return "–"
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if kind == "share":  # rounded at 5 upwards, as Excel shows the same share in the workbook: 2.5 % is 3 %
        return f"{_half_up(float(value)):.0%}"
    if kind == "int":
        return f"{int(value)}"
    if isinstance(value, float) or kind == "num":
        v = float(value)
        if decimals is not None:
            text = f"{_half_up(v):.{decimals}f}"
            return text[1:] if text.startswith("-") and not text.strip("-0.") else text  # -0.00 is no negative offset
        if v.is_integer():
            return f"{int(v)}"
        text = f"{_half_up(v):.2f}".rstrip("0").rstrip(".")  # 3.675 -> 3.68 as by hand (the float is 3.67499...)
        return "0" if text == "-0" else text  # -0.004 is no negative offset to a reader
    return str(value)


def _half_up(v: float) -> float:
    """``v`` nudged so that two-decimal rounding of a number written with three decimals goes up at 5, as a person
    rounds: the float closest to 3.675 is 3.67499999..., which Python's formatting rounds down."""
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(round(v, 9))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def table(df: pd.DataFrame, columns: dict[str, str], *, kinds: dict[str, str] | None = None, empty: str = "Nothing to show.",
          limit: int | None = 500, cell=None, lang: dict[str, str] | None = None, label_lang: dict[str, str] | None = None) -> Table:
    """A Table from the columns of `df` (column -> label). `cell(row, column, text)` may return a dict for links/tags.

    ``kinds``: column -> "num", "int", "share" (numbers, right-aligned) or "figures" (text already written as numbers,
    such as "3.5 ?": right-aligned, shown as written).
    ``lang`` / ``label_lang``: column -> the language (``"de"``) its cells / its heading are written in, where that is not
    the page's: a screen reader then reads a German criterion on an English page as German (WCAG 3.1.2)."""
    kinds = kinds or {}
    if "name" in columns and "name" in df.columns and "candidate_id" in df.columns:
        df = df.assign(name=shown_names(df))  # a candidate without a name is shown by their id
    cols = [c for c in columns if c in df.columns]
    headers = [{"label": columns[c], "num": kinds.get(c, "") in ("num", "int", "share", "figures") or pd.api.types.is_numeric_dtype(df[c].dtype)
                and not pd.api.types.is_bool_dtype(df[c].dtype), "lang": (lang or {}).get(c), "label_lang": (label_lang or {}).get(c)}
               for c in cols]
    shown = df if limit is None else df.head(limit)
    decimals = {c: _decimals(shown[c]) for c in cols if kinds.get(c, "") in ("", "num") and pd.api.types.is_float_dtype(shown[c].dtype)}
    rows = []
    for rec in shown[cols].astype(object).to_dict(orient="records"):
        row = []
        for c in cols:
            text = fmt(rec[c], kinds.get(c, ""), decimals.get(c))
            row.append(cell(rec, c, text) if cell else text)
        rows.append(row)
    return Table(headers, rows, empty, max(len(df) - len(shown), 0))


def _decimals(column: pd.Series) -> int | None:
    """The decimals (1 or 2) the column's numbers need as `fmt` shows them one by one, for all of them; None for a column
    of whole numbers (shown without decimals)."""
    values = [float(v) for v in column.dropna().tolist() if math.isfinite(float(v))]
    need = [len(t.partition(".")[2]) for t in (f"{_half_up(v):.2f}".rstrip("0").rstrip(".") for v in values)]
    return max(need) if need and max(need) > 0 else None


def render_page(template: str, **context) -> str:
    """Render a report page template (``toolkit/templates/report/<template>``) with the shared environment."""
    from .environment import render_template

    return render_template(f"report/{template}", context)


def figure_div(fig, div_id: str) -> str:
    """A plotly figure as a <div> that relies on the page's shared plotly.js; deterministic for the same figure."""
    if fig is None:
        return ""
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=PLOTLY_CONFIG)
