"""Charts of how fast and how personally candidates heard "no".

Every function takes a `toolkit.analytics.timelines.timelines` table (and
nothing else that needs computing) and returns a `plotly.graph_objects.Figure`.
Colours say the same thing in every chart: green on time, amber still
within target, red late or overdue.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..analytics.health import process_health
from ..analytics.timelines import overdue_now
from ..coerce import parse_as_of
from ..errors import ToolkitError
from ..model import shown_names, takes_timelines
from . import style
from .style import esc

COLOURS = {
    "on_time": "#2a9d8f",
    "late": "#e76f51",
    "pending": "#e9c46a",
    "overdue": "#c1121f",
    "interview": "#adb5bd",
    "target": "rgba(42, 157, 143, 0.18)",
    "personal": "#2a9d8f",
    "written": "#457b9d",
    "form_letter": "#e76f51",
    "unknown": "#adb5bd",
}
PATTERNS = {"late": "x", "overdue": "/", "form_letter": "x", "unknown": "."}
"""A pattern on the bars of what went wrong (late, overdue, a form letter) and of what is not known: on time and late
differ in hue only (1.07:1 in grey), so colour alone would not tell them apart (WCAG 1.4.1)."""


def _marker(kind: str) -> dict:
    """The bar marker of a status or channel: its colour, its pattern (`PATTERNS`) and a white edge between bars."""
    marker = {"color": COLOURS[kind], "line": {"color": "white", "width": 1}}
    if kind in PATTERNS:
        marker["pattern"] = {"shape": PATTERNS[kind], "fillmode": "overlay", "fgcolor": "white", "fgopacity": 0.7, "size": 6, "solidity": 0.3}
    return marker


CHANNEL_LABELS = {
    "personal": "Personal (phone, video, in person)",
    "written": "Written (email, letter)",
    "form_letter": "Form letter",
    "unknown": "Told, channel not recorded",
}
DAY_MS = 86_400_000
AGGREGATE_ABOVE = 1000
"""`timeline_chart` draws one row per candidate up to this many candidates, and `timeline_by_week` above it."""


def _as_of(df: pd.DataFrame, as_of: dt.date | str | None) -> pd.Timestamp | None:
    if as_of is not None:
        return parse_as_of(as_of)
    if "as_of" in df.columns and df["as_of"].notna().any():
        return pd.Timestamp(df["as_of"].dropna().iloc[0])
    if df.attrs.get("as_of") is not None:
        return pd.Timestamp(df.attrs["as_of"])
    return None


def _fmt_day(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%d %b %Y")


def _measured(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["target_status"] != "not_applicable"]


def why_empty(timelines_df: pd.DataFrame, *, told: bool = False) -> str | None:
    """Why a response-time chart has nothing to draw, in a sentence that says what to do; None when it has something.
    ``told``: the chart shows told candidates only (how they were told)."""
    measured = _measured(timelines_df)
    if told and len(measured) and measured["notified_on"].notna().any():
        return None
    if not told and len(measured):
        return None
    if not len(timelines_df):
        return "Nothing to show: there are no candidates."
    if len(measured):
        return (f"Nothing to show yet: none of the {len(measured):,} candidate(s) to tell has been told (fill in "
                "notified_on and channel once they are).")
    status = timelines_df["status"].astype("str")
    in_pool = status.isin(["rejected", "pending"]).to_numpy()
    undated = int((in_pool & timelines_df["decided_on"].isna().to_numpy()).sum())
    if undated:
        return (f"Nothing to show: none of the {len(timelines_df):,} candidate(s) can be timed, since "
                f"{'the' if undated == int(in_pool.sum()) else f'{undated:,}'} rejected or pending {'one has' if undated == 1 else 'ones have'} "
                "no decision date. Give a decision date: the round's (decided_on on the Role sheet, or in a mapping file's "
                "[role]) or each candidate's; toolkit.analytics.left_out lists who is left out.")
    return (f"Nothing to show: none of the {len(timelines_df):,} candidate(s) is rejected or waiting for a decision "
            "(hired, offered and withdrawn candidates are not timed).")


def _say_empty(fig: go.Figure, why: str | None) -> go.Figure:
    """An empty chart says why, in its middle (a screen reader reads it as the chart's text)."""
    if why:
        fig.add_annotation(text=why, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, align="center",
                           font=dict(size=14, color="#333"), width=520)
    return fig


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@takes_timelines
def days_to_tell_histogram(timelines_df: pd.DataFrame) -> go.Figure:
    """Bars: how many candidates were told after 0, 1, 2, ... business days, with the target marked.

    Told candidates are split into on time and late; candidates not told
    yet are stacked on top at the business days they have waited so far.
    When the rounds have different targets the x axis is "business days
    past target" (0 = on the due day) so one line marks every target.
    """
    df = _measured(timelines_df)
    targets = sorted(set(df["target_days"].dropna().astype(int)))
    relative = len(targets) > 1
    days = df["business_days_to_tell"].astype("Float64").fillna(df["business_days_waiting"].astype("Float64"))
    if relative:
        days = days - df["target_days"].astype("Float64")
    fig = go.Figure()
    groups = [
        ("on_time", "Told on time"),
        ("late", "Told late"),
        ("pending", "Not told yet, within target"),
        ("overdue", "Not told yet, overdue"),
    ]
    for status, label in groups:
        values = days[df["target_status"] == status].dropna().astype(int)
        counts = values.value_counts().sort_index()
        if status in ("pending", "overdue"):
            what = "waiting so far"
        else:
            what = "to be told"
        fig.add_trace(go.Bar(
            x=counts.index.tolist(),
            y=counts.tolist(),
            name=f"{label} ({len(values)})",
            marker=_marker(status),
            hovertemplate=f"%{{y}} candidate(s): %{{x}} business days {'past target ' if relative else ''}{what}<extra>{label}</extra>",
        ))
    if relative:
        line_x, line_text = 0.5, "target (each round's own)"
        x_title = "Business days past the round's target (0 = told on the due day)"
    else:
        target = targets[0] if targets else None
        line_x = (target + 0.5) if target is not None else None
        line_text = f"target: {_plural(target, 'business day')}" if target is not None else ""
        x_title = "Business days from decision to telling the candidate"
    if line_x is not None:
        fig.add_vline(x=line_x, line_dash="dash", line_color="#333", annotation_text=line_text, annotation_position="top right",
                      annotation_yanchor="top")  # inside the plot: above it sits the legend
    n_told = int(df["notified_on"].notna().sum())
    fig.update_layout(style.layout(
        "How many business days past their round's target candidates heard the decision" if relative
        else "How many business days candidates waited to hear the decision",
        subtitle=f"Rejected, or pending after a decision: {n_told} told, {len(df) - n_told} not told yet (counted up to the as-of date)",
        barmode="stack",
        xaxis=style.axis(x_title, dtick=1),
        yaxis=style.axis("Candidates", rangemode="tozero"),
        bargap=0.1,
    ))
    return _say_empty(fig, why_empty(timelines_df))


def _labels(df: pd.DataFrame) -> pd.Series:
    several_rounds = df["round_id"].nunique() > 1
    label = shown_names(df)
    if several_rounds:
        label = label + " · " + df["role"].fillna(df["round_id"]).astype("str")
    dup = label.duplicated(keep=False)
    label = label.where(~dup, label + " (" + df["candidate_id"].astype("str") + ")")
    return label.map(esc)


def _segment(fig: go.Figure, rows: pd.DataFrame, start: pd.Series, end: pd.Series, name: str, marker: dict,
             hover: pd.Series, *, width: float = 0.6) -> None:
    """One horizontal-bar trace for all rows: from ``start`` to ``end`` (dates), hover text per row."""
    keep = start.notna() & end.notna()
    if not keep.any():
        return
    start, end, rows, hover = start[keep], end[keep], rows[keep], hover[keep]
    # A same-day event still gets a sliver so it can be seen and hovered.
    duration = np.maximum((end - start).dt.days.clip(lower=0).astype(float) * DAY_MS, DAY_MS * 0.15)
    fig.add_trace(go.Bar(
        y=rows["_label"],
        base=start.dt.strftime("%Y-%m-%d"),
        x=duration,
        orientation="h",
        name=name,
        marker=marker,
        width=width,
        customdata=np.stack([hover.to_numpy(dtype=object), rows["_who"].to_numpy(dtype=object)], axis=-1),
        hovertemplate="%{customdata[1]}<br>%{customdata[0]}<extra></extra>",
    ))


def _days_text(n: pd.Series, word: str = "business day") -> pd.Series:
    return pd.Series(["" if pd.isna(v) else _plural(int(v), word) for v in n], index=n.index, dtype="object")


def _dates_text(days: pd.Series) -> pd.Series:
    return pd.Series([_fmt_day(v) for v in days], index=days.index, dtype="object")


@takes_timelines
def timeline_chart(timelines_df: pd.DataFrame, as_of: dt.date | str | None = None, *, include_all: bool = False,
                   aggregate_above: int | None = AGGREGATE_ABOVE) -> go.Figure:
    """Gantt-like timeline, one row per candidate, sorted by decision date (earliest at the top).

    Segments: last interview -> decision (grey), decision -> told (green on
    time, red late), decision -> as-of for those not told (amber within
    target, red overdue). The target window (decision to due date) is
    shaded behind each row; a dashed line marks the as-of date. One trace
    per segment type, so it stays fast with a thousand candidates (names are
    in the hover text when there are too many rows to label). By default
    only candidates whose response time is measured are shown;
    ``include_all=True`` adds the others (hired, withdrawn, no decision).

    With more than ``aggregate_above`` candidates to draw (default
    `AGGREGATE_ABOVE`, 1,000) rows of a pixel each help nobody and every
    candidate would add about 0.8 KB to the page, so the chart is
    `timeline_by_week` instead: the same story per week of decision, its
    title saying that it is aggregated. ``aggregate_above=None`` always
    draws every candidate.
    """
    day = _as_of(timelines_df, as_of)
    df = timelines_df if include_all else _measured(timelines_df)
    if aggregate_above is not None and len(df) > aggregate_above:
        return timeline_by_week(timelines_df, day)
    df = df.sort_values(["decided_on", "round_id", "name"], na_position="last", kind="stable").copy()
    df["_label"] = _labels(df)
    df["_who"] = (
        "<b>" + shown_names(df).map(esc) + "</b> · " + df["role"].fillna("").astype("str").map(esc)
    )
    target = "target " + _days_text(df["target_days"])
    decided = _dates_text(df["decided_on"])
    fig = go.Figure()
    _segment(fig, df, df["decided_on"], df["due_on"] + pd.Timedelta(days=1), "Target window", {"color": COLOURS["target"]},
             "Target window: decided " + decided + ", due by " + _dates_text(df["due_on"]) + " (" + target + ")",
             width=0.95)
    _segment(fig, df, df["last_interview_on"], df["decided_on"], "Last interview → decision", {"color": COLOURS["interview"]},
             "Last interview " + _dates_text(df["last_interview_on"]) + " → decided " + decided
             + " (" + _days_text(df["business_days_to_decide"]) + ")")
    told = df["notified_on"].notna()
    told_text = ("Decided " + decided + " → told " + _dates_text(df["notified_on"]) + " by "
                 + df["channel"].fillna("(channel not recorded)").astype("str").str.replace("_", " ")
                 + ": " + _days_text(df["business_days_to_tell"]) + " (" + target + ")")
    for status, name in (("on_time", "Decision → told (on time)"), ("late", "Decision → told (late)")):
        rows = df[told & (df["target_status"] == status)]
        _segment(fig, rows, rows["decided_on"], rows["notified_on"], name, _marker(status), told_text[rows.index])
    if day is not None:
        waiting_text = ("Decided " + decided + ", not told yet: waiting " + _days_text(df["business_days_waiting"])
                        + " as of " + _fmt_day(day) + " (" + target + ")")
        for status, name in (("pending", "Not told yet (within target)"), ("overdue", "Not told yet (overdue)")):
            rows = df[~told & (df["target_status"] == status)]
            _segment(fig, rows, rows["decided_on"], pd.Series(day, index=rows.index), name, _marker(status),
                     waiting_text[rows.index])
    points = df[told]
    if len(points):
        fig.add_trace(go.Scatter(
            x=points["notified_on"], y=points["_label"], mode="markers", name="Told",
            marker=dict(symbol="circle", size=7, color="#1d3557"),
            customdata=np.stack([told_text[points.index].to_numpy(dtype=object), points["_who"].to_numpy(dtype=object)], axis=-1),
            hovertemplate="%{customdata[1]}<br>%{customdata[0]}<extra></extra>",
        ))
    n = len(df)
    if day is not None:
        fig.add_shape(type="line", x0=day, x1=day, y0=0, y1=1, yref="paper", line=dict(color="#333", dash="dash"))
        fig.add_annotation(x=day, y=1, yref="paper", text=f"as of {_fmt_day(day)}", showarrow=False,
                           yanchor="bottom", font=dict(size=11))
    show_labels = n <= 80
    fig.update_layout(style.layout(
        "From last interview to telling the candidate",
        subtitle=(f"As of {_fmt_day(day)}. " if day is not None else "") + "Shaded: the target window from decision to due date.",
        barmode="overlay",
        height=min(style.row_height(n, per_row=22, base=190), 1800),
        xaxis=style.axis("", type="date"),  # dates speak for themselves; a title here collided with the legend
        yaxis=style.axis(
            "Candidate (earliest decision at the top)" if show_labels else f"{n:,} candidates, earliest decision at the top (hover for names)",
            type="category", categoryorder="array", categoryarray=list(df["_label"]), autorange="reversed",
            showticklabels=show_labels, showgrid=False, title_standoff=14,  # the title clear of the longest name
        ),
        legend=dict(orientation="h", yanchor="top", y=-0.09, xanchor="left", x=0),  # below the year under the first date
        margin=dict(l=10, r=20, t=90, b=130),
        hovermode="closest",
    ))
    return _say_empty(fig, None if len(df) else why_empty(timelines_df))


def _week_text(monday: str) -> str:
    return f"Week of {pd.Timestamp(monday).strftime('%a %d %b %Y')}"


@takes_timelines
def timeline_by_week(timelines_df: pd.DataFrame, as_of: dt.date | str | None = None) -> go.Figure:
    """The timeline aggregated per week of decision, for rounds too large to draw one row per candidate.

    Top: the median and the 90th percentile of business days from decision
    to telling, of the candidates told (the band between them shaded), and
    the target as a dashed line (one per target when rounds differ).
    Bottom: candidates per week of decision, told on time, told late, not
    told yet within target and not told yet overdue (stacked, the colours of
    `timeline_chart`). A dashed line marks the as-of date. The figures are
    `toolkit.analytics.health.process_health` by "week"; only candidates
    whose response time is measured count. The title says it is aggregated.
    """
    day = _as_of(timelines_df, as_of)
    df = _measured(timelines_df)
    df = df[df["decided_on"].notna()]
    health = process_health(df, by="week")
    centre = (pd.to_datetime(health["week"]) + pd.Timedelta(hours=84)).dt.strftime("%Y-%m-%d %H:%M").tolist()  # mid-week
    week = [_week_text(w) for w in health["week"]]
    n_told = health["n_told"].astype("float64")
    on_time = health["n_told_on_time"].astype("float64")
    counts = {
        "on_time": on_time, "late": n_told - on_time,
        "pending": health["n_waiting_within_target"].astype("float64"), "overdue": health["overdue_now"].astype("float64"),
    }
    told = (n_told > 0).to_numpy()
    told_x = [x for x, t in zip(centre, told) if t]
    told_custom = [[w, int(n)] for w, n, t in zip(week, n_told, told) if t]
    data = [
        dict(type="scatter", x=told_x, y=health["median_business_days_to_tell"].astype("float64")[told].tolist(),
             mode="lines+markers", name="Median business days to tell", line=dict(color="#1d3557", width=2),
             marker=dict(size=6), customdata=told_custom,
             hovertemplate="%{customdata[0]}: median %{y} business days to tell, of the %{customdata[1]} told<extra></extra>"),
        dict(type="scatter", x=told_x, y=health["p90_business_days_to_tell"].astype("float64")[told].tolist(),
             mode="lines+markers", name="90th percentile", line=dict(color="#457b9d", width=1, dash="dot"),
             marker=dict(size=5), fill="tonexty", fillcolor="rgba(69, 123, 157, 0.15)", customdata=told_custom,
             hovertemplate="%{customdata[0]}: 90th percentile %{y:.1f} business days to tell, of the %{customdata[1]} told"
                           "<extra></extra>"),
    ]
    for status, name in (("on_time", "Told on time"), ("late", "Told late"), ("pending", "Not told yet (within target)"),
                         ("overdue", "Not told yet (overdue)")):
        data.append(dict(type="bar", x=centre, y=counts[status].tolist(), name=name, marker=_marker(status),
                         width=6 * DAY_MS, yaxis="y2", customdata=week,
                         hovertemplate=f"%{{customdata}}: %{{y}} {name.lower()}<extra></extra>"))
    targets = sorted(set(df["target_days"].dropna().astype(int)))
    shapes, annotations = [], []
    for target in targets:
        shapes.append(dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=target, y1=target,
                           line=dict(color="#333", dash="dash", width=1)))
        annotations.append(dict(xref="paper", x=1, xanchor="right", yref="y", y=target, yanchor="bottom", showarrow=False,
                                text=f"target: {_plural(target, 'business day')}", font=dict(size=11)))
    if day is not None:
        shapes.append(dict(type="line", x0=day, x1=day, y0=0, y1=1, yref="paper", line=dict(color="#333", dash="dash")))
        annotations.append(dict(x=day, y=1, yref="paper", text=f"as of {_fmt_day(day)}", showarrow=False, yanchor="bottom",
                                font=dict(size=11)))
    n = len(df)
    subtitle = (f"{n:,} candidates, aggregated per week of decision. "
                + (f"As of {_fmt_day(day)}. " if day is not None else "")
                + ("Dashed: each round's target." if len(targets) > 1 else "Dashed: the target."))
    return style.figure(data, style.layout(
        "From decision to telling the candidate, per week of decision (aggregated)",
        subtitle=subtitle,
        height=620,
        barmode="stack",
        xaxis=style.axis("Week of decision", type="date", anchor="y2"),
        yaxis=style.axis("Business days to tell", domain=[0.5, 1], rangemode="tozero", anchor="x"),
        yaxis2=style.axis("Candidates", domain=[0, 0.36], rangemode="tozero", anchor="x"),
        shapes=shapes,
        annotations=annotations,
        legend=dict(orientation="h", yanchor="top", y=-0.14, xanchor="left", x=0, traceorder="normal"),
        margin=dict(l=10, r=20, t=90, b=100),
        hovermode="closest",
    ))


def _every_month(health: pd.DataFrame, most: int = 240) -> pd.DataFrame:
    """``health`` by month with a row (all missing) for each month between its first and last that has none; as it is
    when its months are not all YYYY-MM or span more than ``most`` months (a mistyped year would stretch the axis)."""
    months = pd.PeriodIndex(pd.to_datetime(health["month"], format="%Y-%m", errors="coerce"), freq="M") if len(health) else None
    if months is None or months.isna().any() or (months.max() - months.min()).n >= most:
        return health
    every = pd.period_range(months.min(), months.max(), freq="M").strftime("%Y-%m")
    return health.set_index("month").reindex(every).rename_axis("month").reset_index()


@takes_timelines
def within_target_by_month(timelines_df: pd.DataFrame) -> go.Figure:
    """Bars per decision month: share of candidates told within the target (0-100 %) of those told or overdue now.

    A candidate not told and past the target counts against the share
    (`toolkit.analytics.health.share_within_target`). The text on each bar
    says how many of how many; months in which nobody was told or is
    overdue yet show no bar, and months without decisions between the first
    and the last keep their place on the axis. A dashed line marks 100 %.
    """
    health = process_health(timelines_df, by="month")
    health = health[health["n_to_tell"] > 0]
    health = _every_month(health)  # a month without decisions keeps its place on the axis, so a gap shows as one
    share = health["share_within_target"].astype("float64") * 100
    on_time = health["n_told_on_time"].astype("float64")
    due = health["n_told"].astype("float64") + health["overdue_now"].astype("float64")
    text = ["" if np.isnan(s) else f"{s:.0f}% ({int(k)} of {int(n)})" for s, k, n in zip(share, on_time, due)]
    fig = go.Figure(go.Bar(
        x=health["month"], y=share, text=text, textposition="outside",
        marker_color=COLOURS["on_time"], name="Told within target",
        customdata=np.stack([health["n_told"].astype("float64"), health["overdue_now"].astype("float64")], axis=-1) if len(health) else None,
        hovertemplate="%{x}: %{y:.0f}% told within target, of %{customdata[0]} told"
                      " and %{customdata[1]} not told and overdue now<extra></extra>",
    ))
    if len(health):  # with no bar, the line's label alone read as a finding
        fig.add_hline(y=100, line_dash="dash", line_color="#999", annotation_text="all told within target", annotation_position="bottom right")
    fig.update_layout(style.layout(
        "Share of candidates told within the target, by month of decision",
        subtitle="Of the candidates told and those still waiting past the target; the target is each round's own",
        xaxis=style.axis("Month of decision", type="category"),
        yaxis=style.axis("Told within target (%)", range=[0, 115]),
        showlegend=False,
    ))
    return _say_empty(fig, why_empty(timelines_df))


@takes_timelines
def channel_mix(timelines_df: pd.DataFrame, by: str = "round_id") -> go.Figure:
    """Stacked bars: how the told candidates heard the decision, per round or finalists vs others.

    ``by``: "round_id" (one bar per round, labelled with the role) or
    "finalist" (finalists vs earlier stages: finalists should be told
    personally). Counts measured candidates who have been told.
    """
    if by not in ("round_id", "finalist"):
        raise ToolkitError("channel_mix: unknown grouping", value=by, allowed="round_id, finalist",
                           hint="Pass by='round_id' (a bar per round) or by='finalist' (finalists against earlier stages)")
    df = _measured(timelines_df)
    df = df[df["notified_on"].notna()].copy()
    if by == "finalist":
        df["_group"] = np.where(df["is_finalist"].fillna(False).astype(bool), "Finalists", "Earlier stages")
        order = [g for g in ("Finalists", "Earlier stages") if g in set(df["_group"])]
        x_title = "Stage reached"
    else:
        several = timelines_df["round_id"].nunique() > 1
        df["_group"] = df["role"].fillna(df["round_id"]).astype("str") if several else df["round_id"].astype("str")
        dup = df.groupby("_group")["round_id"].transform("nunique") > 1
        df.loc[dup, "_group"] = df.loc[dup, "_group"] + " (" + df.loc[dup, "round_id"] + ")"
        df["_group"] = df["_group"].map(esc)
        order = list(dict.fromkeys(df["_group"]))
        x_title = "Round"
    counts = df.groupby(["_group", "channel_kind"]).size().unstack(fill_value=0).reindex(order, fill_value=0)
    totals = counts.sum(axis=1)
    fig = go.Figure()
    for kind in ("personal", "written", "form_letter", "unknown"):
        if kind not in counts.columns:
            continue
        n = counts[kind]
        share = (n / totals.where(totals > 0)).fillna(0) * 100
        fig.add_trace(go.Bar(
            x=counts.index.tolist(), y=n.tolist(), name=CHANNEL_LABELS[kind], marker=_marker(kind),
            customdata=np.stack([share.to_numpy(), totals.to_numpy()], axis=-1),
            hovertemplate="%{x}: %{y} of %{customdata[1]} told (%{customdata[0]:.0f}%)<extra>" + CHANNEL_LABELS[kind] + "</extra>",
        ))
    fig.update_layout(style.layout(
        "How candidates were told" + (", finalists and earlier stages" if by == "finalist" else ", per round"),
        subtitle="Told candidates, rejected or pending after a decision; a phone or video call is preferred, above all for finalists",
        barmode="stack",
        xaxis=style.axis(x_title, type="category"),
        yaxis=style.axis("Candidates told", rangemode="tozero"),
    ))  # the legend above the plot (style.layout): below it, it covered the axis title
    return _say_empty(fig, why_empty(timelines_df, told=True))


@takes_timelines(also="business_days_waiting")
def overdue_table(timelines_df: pd.DataFrame, as_of: dt.date | str | None = None) -> go.Figure:
    """A table of who is overdue now: role, candidate, status, business days waiting, due date, decision date, owner.

    Accepts a timelines table or the output of `overdue_now`. Longest
    waiting first. When nobody is overdue the table says so.
    """
    day = _as_of(timelines_df, as_of)
    rows = timelines_df if "target_status" not in timelines_df.columns else overdue_now(timelines_df)
    header = ["Role", "Candidate", "Status", "Business days waiting", "Due on", "Decided on", "Owner"]
    if len(rows):
        cells = [
            rows["role"].fillna(rows["round_id"]).map(esc).tolist(),
            shown_names(rows).map(esc).tolist(),
            rows["status"].astype("str").map(esc).tolist(),  # pending: the round has decided, this candidate not yet
            rows["business_days_waiting"].astype("Int64").astype("str").tolist(),
            rows["due_on"].map(_fmt_day).tolist(),
            rows["decided_on"].map(_fmt_day).tolist(),
            rows["hiring_manager"].fillna("(not given)").map(esc).tolist(),
        ]
    else:
        cells = [["Nobody is overdue"], [""], [""], [""], [""], [""], [""]]
    fig = go.Figure(go.Table(
        header=dict(values=[f"<b>{h}</b>" for h in header], fill_color="#f1f3f5", align="left", height=30),
        cells=dict(values=cells, align="left", fill_color="white", height=28),  # the figure's height counts 28 a row: no clipped text
        columnwidth=[3, 3, 2, 2, 2, 2, 2],
    ))
    when = f" as of {_fmt_day(day)}" if day is not None else ""
    fig.update_layout(style.layout(
        f"Not told yet and past the target{when}: {_plural(len(rows), 'candidate')}",
        subtitle="Longest waiting first; the owner is the round's hiring manager",
        height=int(min(170 + 28 * max(len(rows), 1), 900)),
        margin=dict(l=10, r=10, t=80, b=10),
    ))
    return fig
