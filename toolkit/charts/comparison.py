"""Charts for the committee's comparison of candidates (plotly Figures).

Every function takes the round (and optionally the analytics table it
would compute, to save work) and returns a `plotly.graph_objects.Figure`
with a title, axis titles and hover text in plain words. Charts stay
readable from 8 to 1,000 candidates: candidates are rows of one heatmap or
bars of one trace per criterion, and long lists are cut to the top N by
weighted total with a note saying so.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from babel.numbers import format_decimal, format_percent

from ..analytics.evidence import disagreement_threshold, evidence, fmt_points
from ..analytics.interviewers import OFFSET_POINTS, interviewer_calibration, score_offsets
from ..analytics.progression import progression
from ..analytics.robustness import AS_GIVEN, scenario_ranks
from ..analytics.scoring import contributions, scale_points, stage_order, weighted_totals
from ..analytics.summary import criterion_profiles
from ..errors import ToolkitError
from ..model import HiringRound, shown_names, takes_round
from . import style
from .style import esc

TEXT_ROWS = 60
"""Heatmap cells carry their numbers up to this many rows; beyond, hover only."""


# ---------------------------------------------------------------------------
# helpers


def _labels(names: pd.Series, ids: pd.Series) -> list[str]:
    """Display label per candidate: the name (the id where none is given), with the id added where two people share a
    name."""
    names = shown_names(pd.DataFrame({"candidate_id": ids.to_numpy(), "name": names.to_numpy()})).to_numpy(dtype=object)
    ids = ids.astype("str").to_numpy(dtype=object)
    dup = pd.Series(names).duplicated(keep=False).to_numpy()
    return [f"{n} ({i})" if d else str(n) for n, i, d in zip(names, ids, dup)]


def _shown(totals: pd.DataFrame, top: int | None) -> tuple[pd.DataFrame, str | None]:
    """The best ``top`` candidates (all when None) and a note when some were left out."""
    from ..model import top_count

    top = top_count(top, what="the chart", none_means_all=True)
    totals = totals.reset_index(drop=True)
    if top is None or len(totals) <= top:
        return totals, None
    return totals.head(top), f"Showing the top {top} of {len(totals):,} candidates by weighted total; the rest are left out for readability."


def _scale_text(round: HiringRound) -> str:
    return f"{fmt_points(round.role.scale_min)}-{fmt_points(round.role.scale_max)}"


def _criteria_labels(round: HiringRound) -> list[str]:
    return [str(c) for c in round.criterion_order]


def _num(values: np.ndarray, digits: int = 1) -> np.ndarray:
    out = np.full(values.shape, "", dtype=object)
    ok = ~np.isnan(values)
    out[ok] = np.char.mod(f"%.{digits}f", values[ok])
    return out


def _pct(values: np.ndarray) -> np.ndarray:
    out = np.full(values.shape, "", dtype=object)
    ok = ~np.isnan(values)
    out[ok] = np.char.mod("%.0f%%", values[ok] * 100)
    return out


# ---------------------------------------------------------------------------
# candidates x criteria


@takes_round
def criterion_heatmap(round: HiringRound, *, top: int | None = 40, evidence_table: pd.DataFrame | None = None,
                      totals: pd.DataFrame | None = None, colorscale=None) -> go.Figure:
    """Candidates (rows, best weighted total on top) x criteria (columns, most important first).

    Cells show the mean score; "?" marks thin evidence (too few scores or
    interviewers 2+ points apart on a 1-5 scale) and "–" not assessed; the
    hover says why. One heatmap trace whatever the number of candidates; with
    more than ``top`` candidates only the best ``top`` are shown (with a note).
    ``colorscale``: another plotly colour scale ("Viridis", or a list of
    [position, colour]); the numbers then take plotly's dark or light by the
    cell, since the dark text chosen for the house scale (`style.SCORE_TEXT`)
    would vanish on its dark end.
    """
    totals = weighted_totals(round) if totals is None else totals
    ev = evidence(round) if evidence_table is None else evidence_table
    shown, cut_note = _shown(totals, top)
    crit = _criteria_labels(round)
    crit_info = round.criteria.set_index("criterion")
    ids = shown["candidate_id"].astype("str").tolist()
    labels = _labels(shown["name"], shown["candidate_id"])
    ev = ev.assign(criterion=ev["criterion"].astype("str"))
    ev = ev[ev["candidate_id"].isin(ids)]

    def grid(column, fill=np.nan, dtype="float64"):
        wide = ev.pivot(index="candidate_id", columns="criterion", values=column).reindex(index=ids, columns=crit)
        return wide.to_numpy(dtype=dtype, na_value=fill)

    z = grid("mean_score")
    n_int = grid("n_interviewers", 0, "float64")
    thin = grid("insufficient", True, "bool") if len(ev) else np.ones(z.shape, dtype=bool)
    why = ev.pivot(index="candidate_id", columns="criterion", values="reason").reindex(index=ids, columns=crit).to_numpy(dtype=object, na_value="")
    assessed = ~np.isnan(z)
    value = _num(z)
    text = np.where(assessed, np.where(thin, np.char.add(value.astype(str), " ?"), value), "–").astype(object)

    weight = crit_info["weight"].astype("float64").reindex(crit).to_numpy(na_value=np.nan)
    rank = crit_info["rank"].astype("float64").reindex(crit).to_numpy(na_value=np.nan)
    bar = crit_info["bar"].astype("float64").reindex(crit).to_numpy(na_value=np.nan)
    head = np.array([f"{esc(c)} (criterion {int(r)}, weight {w:.0%})" for c, r, w in zip(crit, rank, np.nan_to_num(weight))], dtype=object)
    bar_txt = np.array([f"<br>Bar: {fmt_points(b)}" if not np.isnan(b) else "" for b in bar], dtype=object)
    people = np.array(style.esc_all(labels), dtype=object)[:, None]
    n_txt = np.char.mod("%d", n_int.astype(int)).astype(object)
    mean_line = np.where(assessed, "Mean " + value.astype(str) + " from " + n_txt + " interviewer(s)", "Not assessed: no interviewer scored it")
    ev_line = np.where(thin, "Thin evidence: " + why.astype(str), "Evidence sufficient")
    hover = people + "<br>" + head[None, :] + "<br>" + mean_line + bar_txt[None, :] + "<br>" + ev_line

    show_text = len(ids) <= TEXT_ROWS
    xs, ys = style.esc_all(crit), people[:, 0].tolist()  # the categories as plotly draws them: markup in a name is text
    data = [
        dict(
            type="heatmap", z=z.tolist(), x=xs, y=ys, text=text.tolist(), hovertext=hover.tolist(),
            texttemplate="%{text}" if show_text else "", hovertemplate="%{hovertext}<extra></extra>",
            textfont=dict(color=style.SCORE_TEXT) if colorscale is None else {},
            zmin=float(round.role.scale_min), zmax=float(round.role.scale_max),
            colorscale=style.SCORE_SCALE if colorscale is None else colorscale,
            colorbar=dict(title=dict(text=f"Mean score ({_scale_text(round)})")), xgap=2, ygap=2, hoverongaps=True,
            name="Mean score",
        )
    ]
    notes = ["? = thin evidence (fewer than 2 interviewers, or interviewers far apart): hover a cell for the reason. – = not assessed."]
    if cut_note:
        notes.append(cut_note)
    ticks = [style.wrap(c) for c in crit]
    tick_lines = max((t.count("<br>") + 1 for t in ticks), default=1)
    rows_px = 28 if show_text else 6
    top = 90 + 16 * tick_lines + 30
    bottom = 20 + style.NOTE_LINE * len(notes)
    lay = style.layout(
        "Mean score per criterion",
        subtitle="Candidates best first, criteria most important first",
        height=min(top + bottom + 20 + rows_px * len(ids), 2400), top=top, bottom=bottom,
        xaxis=style.axis("Criteria, most important first", categoryorder="array", categoryarray=xs, side="top",
                         tickmode="array", tickvals=xs, ticktext=ticks, tickangle=0, gridcolor="rgba(0,0,0,0)"),
        yaxis=style.axis("Candidates, best weighted total first", categoryorder="array", categoryarray=ys,
                         autorange="reversed", showticklabels=show_text or len(ids) <= 150, gridcolor="rgba(0,0,0,0)"),
        annotations=[style.note(notes, below=10)],
    )
    return style.figure(data, lay)


@takes_round
def contribution_bars(round: HiringRound, *, top: int | None = 30, table: pd.DataFrame | None = None,
                      totals: pd.DataFrame | None = None) -> go.Figure:
    """Stacked horizontal bars: each criterion's share of each candidate's weighted total.

    One trace per criterion (most important first), candidates sorted by
    total (best on top), the total written at the end of each bar. With more
    than ``top`` candidates only the best ``top`` are shown (with a note).
    """
    totals = weighted_totals(round) if totals is None else totals
    table = contributions(round) if table is None else table
    shown, cut_note = _shown(totals[totals["weighted_total"].notna()], top)
    ids = shown["candidate_id"].astype("str").tolist()
    labels = _labels(shown["name"], shown["candidate_id"])
    crit = _criteria_labels(round)
    t = table.assign(criterion=table["criterion"].astype("str"))
    t = t[t["candidate_id"].isin(ids)]

    def grid(column):
        return t.pivot(index="candidate_id", columns="criterion", values=column).reindex(index=ids, columns=crit).to_numpy(dtype="float64", na_value=np.nan)

    contrib, mean, eff = grid("contribution"), grid("mean_score"), grid("effective_weight")
    ys = style.esc_all(labels)
    data = []
    for j, c in enumerate(crit):
        custom = np.stack([_num(mean[:, j], 2), _pct(eff[:, j])], axis=1).tolist()
        data.append(dict(
            type="bar", orientation="h", name=f"{j + 1}. {esc(c)}", x=np.nan_to_num(contrib[:, j]).tolist(), y=ys,
            customdata=custom, marker=dict(color=style.criterion_colour(j), line=dict(color="white", width=1.5)),  # segments apart
            hovertemplate=f"%{{y}}<br>{esc(c)}: mean %{{customdata[0]}} x weight %{{customdata[1]}} adds %{{x:.2f}}<extra></extra>",
        ))
    total = shown["weighted_total"].astype("float64").to_numpy(na_value=np.nan)
    cover = shown["coverage"].astype("float64").to_numpy(na_value=np.nan)
    data.append(dict(
        type="scatter", mode="text", x=total.tolist(), y=ys, text=_num(total, 2).tolist(), textposition="middle right",
        customdata=_pct(cover).tolist(), showlegend=False, name="Weighted total",
        hovertemplate="%{y}<br>Weighted total %{x:.2f} (weight assessed: %{customdata})<extra></extra>",
    ))
    notes = ["Weights are re-normalised over the criteria a candidate was scored on, so the bar adds up to the weighted total."]
    if cut_note:
        notes.append(cut_note)
    top, bottom = 150, 72 + style.NOTE_LINE * len(notes)
    lay = style.layout(
        "What each criterion adds to the weighted total",
        subtitle=f"Weighted mean of criterion means on the {_scale_text(round)} scale; best candidates on top",
        height=top + bottom + 30 + style.ROW_HEIGHT * len(ids), top=top, bottom=bottom,
        barmode="stack",
        xaxis=style.axis(f"Weighted total ({_scale_text(round)} scale)", range=[0, float(round.role.scale_max) * 1.08]),
        yaxis=style.axis("Candidate", categoryorder="array", categoryarray=ys, autorange="reversed", title_standoff=14),
        annotations=[style.note(notes)],
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, traceorder="normal"),
    )
    return style.figure(data, lay)


PROFILE_TEXT = {
    "en": {
        "title": "{name}: scores per criterion",
        "subtitle": "Compared with the selected candidate and the pool median; criteria most important first",
        "subtitle_top": "Compared with the top-ranked candidate (no one is chosen yet) and the pool median; criteria most important first",
        "subtitle_own": "Compared with the median of all candidates; criteria most important first",
        "x": "Criteria, most important first",
        "y": "Mean score ({scale})",
        "selected": "Selected candidate",
        "top_ranked": "Top-ranked (no one chosen yet)",
        "median": "Pool median",
        "bar": "Bar (lowest acceptable)",
        "bar_hover": "Bar",
        "weight": "weight {pct}",
        "evidence": "Evidence from {n} interviewers",
        "thin": "Thin evidence: {why}",
        "not_assessed": "Not assessed",
        "hatched": "Hatched: thin evidence (too few scores, or interviewers far apart); hover for the reason.",
        "few": "No pool median where fewer than {n} candidates were scored on a criterion: it would give away their scores.",
        "table": "The chart in numbers", "col_criterion": "Criterion", "col_weight": "Weight", "col_mean": "Their mean", "col_median": "Pool median", "col_bar": "Bar", "col_evidence": "Evidence",
    },
    "de": {
        "title": "{name}: Bewertungen je Kriterium",
        "subtitle": "Im Vergleich mit der ausgewählten Person und dem Median aller Bewerbungen; wichtigstes Kriterium zuerst",
        "subtitle_top": "Im Vergleich mit der bestplatzierten Person (noch ist niemand ausgewählt) und dem Median aller Bewerbungen; wichtigstes Kriterium zuerst",
        "subtitle_own": "Im Vergleich mit dem Median aller Bewerbungen; wichtigstes Kriterium zuerst",
        "x": "Kriterien, wichtigstes zuerst",
        "y": "Durchschnittliche Bewertung ({scale})",
        "selected": "Ausgewählte Person",
        "top_ranked": "Bestplatzierte Person (noch keine Entscheidung)",
        "median": "Median aller Bewerbungen",
        "bar": "Mindestniveau",
        "bar_hover": "Mindestniveau",
        "weight": "Gewicht {pct}",
        "evidence": "Bewertet von {n} Personen",
        "thin": "Dünne Datenlage: {why}",
        "not_assessed": "Nicht bewertet",
        "hatched": "Schraffiert: dünne Datenlage (zu wenige Bewertungen oder weit auseinanderliegende Urteile); Details beim Überfahren mit der Maus.",
        "few": "Der Median fehlt bei Kriterien, zu denen weniger als {n} Bewerbungen bewertet wurden: Er würde sonst deren Bewertungen verraten.",
        "table": "Das Diagramm in Zahlen", "col_criterion": "Kriterium", "col_weight": "Gewicht", "col_mean": "Durchschnitt dieser Bewerbung", "col_median": "Median aller Bewerbungen", "col_bar": "Mindestniveau", "col_evidence": "Datenlage",
        "too_few": "zu wenige Bewertungen ({n} von {of} Personen)",
        "not_interviewed": "nicht im Gespräch bewertet",
        "disagree": "die Bewertungen liegen {points} Punkte auseinander",
        "other": "zu wenige oder widersprüchliche Bewertungen",
    },
    "sv": {
        "title": "{name}: betyg per kriterium",
        "subtitle": "Jämfört med den valda kandidaten och medianen för alla sökande; viktigaste kriteriet först",
        "subtitle_top": "Jämfört med den högst rankade kandidaten (ingen är vald ännu) och medianen för alla sökande; viktigaste kriteriet först",
        "subtitle_own": "Jämfört med medianen för alla sökande; viktigaste kriteriet först",
        "x": "Kriterier, viktigast först",
        "y": "Medelbetyg ({scale})",
        "selected": "Vald kandidat",
        "top_ranked": "Högst rankad (ingen vald ännu)",
        "median": "Median för alla sökande",
        "bar": "Lägsta godtagbara nivå",
        "bar_hover": "Lägsta godtagbara nivå",
        "weight": "vikt {pct}",
        "evidence": "Underlag från {n} intervjuare",
        "thin": "Tunt underlag: {why}",
        "not_assessed": "Inte bedömd",
        "hatched": "Streckat: tunt underlag (för få betyg eller stor spridning mellan intervjuarna); håll muspekaren över stapeln för orsaken.",
        "few": "Medianen visas inte för kriterier där färre än {n} sökande har fått betyg: den skulle avslöja deras betyg.",
        "table": "Diagrammet i siffror", "col_criterion": "Kriterium", "col_weight": "Vikt", "col_mean": "Kandidatens medelbetyg", "col_median": "Median för alla sökande", "col_bar": "Lägsta godtagbara nivå", "col_evidence": "Underlag",
        "too_few": "för få betyg ({n} av {of} intervjuare)",
        "not_interviewed": "inte intervjuad",
        "disagree": "intervjuarnas betyg skiljer sig åt med {points} poäng",
        "other": "för få eller motstridiga betyg",
    },
}
"""Every label of `candidate_profile`, per language (the call notes show it in the letter's language)."""

_TOO_FEW = re.compile(r"^too few scores: (\d+) of (\d+)\b")
_DISAGREE = re.compile(r"^interviewers disagree by (\d+(?:\.\d+)?) points?$")


def _profile_number(x: float, language: str, digits: int = 1) -> str:
    """A number with the language's decimal sign ("4.2", "4,2"); "" for a missing value."""
    if x != x:
        return ""
    if language == "en":
        return f"{x:.{digits}f}"
    return format_decimal(x, format="0." + "0" * digits if digits else "0", locale=language)


def _thin_reason(why: str, language: str) -> str:
    """The analytics' thin-evidence reason ("too few scores: 1 of 3 interviewers") in ``language``."""
    if language == "en":
        return why
    words = PROFILE_TEXT[language]
    if m := _TOO_FEW.match(why):
        return words["too_few"].format(n=m.group(1), of=m.group(2))
    if why.startswith("too few scores: not interviewed"):
        return words["not_interviewed"]
    if m := _DISAGREE.match(why):
        return words["disagree"].format(points=_profile_number(float(m.group(1)), language).replace(",0", "").replace(".0", ""))
    return words["other"]


def criterion_names(profiles: pd.DataFrame, language: str) -> np.ndarray:
    """The criterion of each `criterion_profiles` row as a chart in ``language`` names it: the committee's name in
    that language (criterion_en, criterion_de, criterion_sv) where it gave one, else as written."""
    names = np.array([str(c) for c in profiles["criterion"].to_numpy(dtype=object)], dtype=object)
    column = f"criterion_{language}"
    if column in profiles:
        own = profiles[column].to_numpy(dtype=object, na_value=None)
        names = np.array([o if isinstance(o, str) and o.strip() else n for n, o in zip(names, own)], dtype=object)
    return names


MIN_POOL_FOR_MEDIAN = 5
"""The chart for a candidate's own folder (``show_selected=False``, the call notes) shows a criterion's pool median only
where at least this many candidates were scored on it. With two, the median and the candidate's own mean give the other's
exactly; with three or four, it is one of two or three others' means, or the mean of two, about which a caller or a
candidate who knows the field can guess whose. From five, as for the small cells of a published statistic, it is one of
four or more, too many to tell whose."""


def pool_median_shown(median: np.ndarray, pool_size: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the pool medians a chart for the candidate's own folder shows, NaN where left out; which were left out), by
    `MIN_POOL_FOR_MEDIAN`."""
    shown = np.where(np.asarray(pool_size, dtype="float64") >= MIN_POOL_FOR_MEDIAN, median, np.nan)
    return shown, np.isnan(shown) & ~np.isnan(median)


def candidate_profile(source: HiringRound | pd.DataFrame, candidate_id: str, *, title: str | None = None,
                      language: str = "en", show_selected: bool = True) -> go.Figure:
    """One candidate against the selected candidate and the pool median, per criterion, with the bar.

    ``source`` is the round or its `criterion_profiles` table (pass the table
    when drawing many candidates). The figure names nobody but this
    candidate: the hire is "Selected candidate" (before anyone is hired or offered, "Top-ranked (no one chosen yet)"),
    the pool is "Pool median".
    Bars with thin evidence are hatched and say why on hover.

    ``language`` ("en", "de" or "sv") sets every label, the hover text and
    the decimal sign (the call notes use the letter's language).
    ``show_selected=False`` leaves the selected candidate's bars out: the
    chart then holds only this candidate's means, the pool median and the
    bar, so it can go into the candidate's own folder; a criterion scored for
    fewer than `MIN_POOL_FOR_MEDIAN` candidates then has no pool median (it
    would give away the others' scores), and a note says so.
    """
    from ..feedback.language import language_code

    language = language_code(language)  # 'de-DE' as 'de'; a language without labels is refused
    words = PROFILE_TEXT[language]
    if not isinstance(source, (HiringRound, pd.DataFrame)):
        from ..model import _not_a_round

        raise _not_a_round(source, "candidate_profile()")
    profiles = criterion_profiles(source) if isinstance(source, HiringRound) else source
    rows = profiles[profiles["candidate_id"].to_numpy(dtype=object) == candidate_id]
    if rows.empty:
        file = source.source if isinstance(source, HiringRound) else None
        if isinstance(source, HiringRound) and candidate_id in set(source.candidates["candidate_id"].astype("str")):
            why = "the round has no criteria" if not len(source.criteria) else "the candidate has no scores"
            raise ToolkitError(f"no profile chart for this candidate: {why}", file=file, value=candidate_id,
                               hint="Write the ranked criteria on the Criteria sheet and the candidate's scores, then load the round again")
        known = ", ".join(map(str, pd.unique(profiles["candidate_id"])[:10])) or "none (no candidate has a profile)"
        raise ToolkitError("unknown candidate id for the profile chart", file=file, value=candidate_id, allowed=known,
                           hint="Use a candidate_id from the Candidates sheet")
    # before anyone is hired or offered the top-ranked candidate stands in, and the chart does not call them selected
    hire_word = "top_ranked" if "hire_basis" in rows and (rows["hire_basis"] == "top-ranked").any() else "selected"
    order = np.argsort(rows["criterion_rank"].to_numpy(dtype="float64", na_value=np.inf), kind="stable")

    def col(name, dtype="float64", na=np.nan):
        return rows[name].to_numpy(dtype=dtype, na_value=na)[order]

    crit = criterion_names(rows, language)[order].tolist()
    name = str(shown_names(rows.head(1)).iloc[0]) if "name" in rows else str(candidate_id)
    lo, hi = float(rows["scale_min"].iloc[0]), float(rows["scale_max"].iloc[0])
    mean, median, bar = col("mean_score"), col("pool_median"), col("bar")
    few = False
    if not show_selected and "pool_size" in rows:
        median, hidden = pool_median_shown(median, col("pool_size", "float64", 0.0))
        few = bool(hidden.any())
    thin = col("insufficient", bool, True)
    why = col("evidence_reason", object, "")
    n_int = col("n_interviewers", "int64", 0)
    weight = col("weight", "float64", 0.0)
    numbered = [f"{i + 1}. {c}" for i, c in enumerate(crit)]
    x = style.esc_all(numbered)
    if language == "en":
        ev_txt = np.where(thin, "Thin evidence: " + why.astype(str), "Evidence from " + np.char.mod("%d", n_int).astype(str) + " interviewers")
        ev_txt = np.where(np.isnan(mean), "Not assessed", ev_txt)
        custom = [f"weight {w:.0%}<br>{e}" for w, e in zip(weight, ev_txt)]
        text = _num(mean).tolist()
    else:
        ev_txt = [words["not_assessed"] if m != m else words["thin"].format(why=_thin_reason(str(r), language)) if t
                  else words["evidence"].format(n=n) for m, t, r, n in zip(mean, thin, why, n_int)]
        custom = [words["weight"].format(pct=format_percent(w, locale=language)) + f"<br>{e}" for w, e in zip(weight, ev_txt)]
        text = [_profile_number(m, language) for m in mean]
    has_bar = ~np.isnan(bar)
    # without the selected candidate, the pool median stands beside the candidate's bar (its own slot), not on top of its number
    beside = {} if show_selected else {"offsetgroup": "candidate"}
    data = [
        dict(type="bar", name=esc(name), x=x, y=mean.tolist(), text=text, textposition="outside", **beside,
             marker=dict(color=style.CANDIDATE, pattern=dict(shape=["/" if t else "" for t in thin], fillmode="overlay", fgcolor="white", solidity=0.4)),
             customdata=custom, hovertemplate=f"%{{x}}<br>{esc(name)}: %{{y:.2f}}<br>%{{customdata}}<extra></extra>"),
    ]
    if show_selected:
        data.append(dict(type="bar", name=words[hire_word], x=x, y=col("hire_mean").tolist(), marker=dict(color=style.SELECTED, opacity=0.75),
                         hovertemplate=f"%{{x}}<br>{words[hire_word]}: %{{y:.2f}}<extra></extra>"))
    data.append(dict(type="scatter", mode="markers", name=words["median"], x=x, y=median.tolist(), **({} if show_selected else {"offsetgroup": "median"}),
                     **({"showlegend": False} if np.isnan(median).all() else {}),
                     marker=dict(symbol="diamond", size=12, color=style.POOL, line=dict(color="white", width=1)),
                     hovertemplate=f"%{{x}}<br>{words['median']}: %{{y:.2f}}<extra></extra>"))
    if has_bar.any():
        data.append(dict(type="scatter", mode="markers", name=words["bar"], x=[v for v, b in zip(x, has_bar) if b], **beside,
                         y=bar[has_bar].tolist(), marker=dict(symbol="line-ew-open", size=44, color=style.BAR, line=dict(width=3, color=style.BAR)),
                         hovertemplate=f"%{{x}}<br>{words['bar_hover']}: %{{y:.2f}}<extra></extra>"))
    notes = []
    if thin.any():
        notes.append(words["hatched"])
    if few:
        notes.append(words["few"].format(n=MIN_POOL_FOR_MEDIAN))
    scale = f"{fmt_points(lo)}-{fmt_points(hi)}" if language == "en" else f"{_profile_number(lo, language, 0)}–{_profile_number(hi, language, 0)}"
    extra = {} if language == "en" else {"separators": ", "}
    if not show_selected:
        extra.update(scattermode="group", scattergap=0.25)
    lay = style.layout(
        title or words["title"].format(name=name),
        subtitle=(words["subtitle"] if hire_word == "selected" else words["subtitle_top"]) if show_selected else words["subtitle_own"],
        height=460 + style.NOTE_LINE * len(notes), barmode="group", bargap=0.25, top=130, bottom=80 + style.NOTE_LINE * len(notes),
        xaxis=style.axis(words["x"], categoryorder="array", categoryarray=x, tickmode="array", tickvals=x,
                         ticktext=[style.wrap(v, 22) for v in numbered]),
        yaxis=style.axis(words["y"].format(scale=scale), range=[lo, hi + (hi - lo) * 0.1]),
        annotations=[style.note(notes, below=72)] if notes else [],
        **extra,
    )
    return style.figure(data, lay)


# ---------------------------------------------------------------------------
# interviewers


BOX_POINTS_MAX = 2000
"""An interviewer's box trace with more scores than this is drawn from its statistics (the page would hold every score)."""


def _box_statistics(part: pd.DataFrame, criteria: list[str]) -> pd.DataFrame:
    """Per criterion of ``part`` (columns criterion, offset): quartiles as plotly computes them by default ("linear") and the
    whiskers' ends, the most extreme offsets within 1.5 x the box height of the box."""
    rows = []
    for name, values in part.groupby("criterion", observed=True, sort=False)["offset"]:
        v = np.sort(values.to_numpy(dtype="float64"))
        if not len(v):
            continue
        q1, median, q3 = np.quantile(v, [0.25, 0.5, 0.75])
        reach = 1.5 * (q3 - q1)
        inside = v[(v >= q1 - reach) & (v <= q3 + reach)]
        rows.append(dict(criterion=str(name), q1=round(float(q1), 3), median=round(float(median), 3), q3=round(float(q3), 3),
                         lowerfence=round(float(inside.min()), 3), upperfence=round(float(inside.max()), 3)))
    order = {c: i for i, c in enumerate(criteria)}
    out = pd.DataFrame(rows, columns=["criterion", "q1", "median", "q3", "lowerfence", "upperfence"])
    return out.sort_values("criterion", key=lambda c: c.map(order).fillna(len(order)), kind="stable").reset_index(drop=True)


@takes_round
def interviewer_spread(round: HiringRound, candidate_id: str | None = None, *, max_interviewers: int = 12) -> go.Figure:
    """Where interviewers disagree, per criterion.

    Without ``candidate_id``: for each criterion, a box per interviewer of
    their score minus the panel mean (same candidate, criterion and stage),
    over all candidates; boxes away from 0 show who scores differently on
    what. With ``candidate_id``: that candidate's individual scores per
    criterion, one marker colour per interviewer, next to the panel mean.
    One trace per interviewer (at most ``max_interviewers``, those with most
    scores; a note says when some are left out), never per candidate.
    """
    s = score_offsets(round)
    crit = _criteria_labels(round)
    xs = style.esc_all(crit)
    if candidate_id is not None:
        round.candidate(candidate_id)  # raises a ToolkitError for an unknown id
        s = s[s["candidate_id"] == candidate_id]
    else:
        s = s[s["offset"].notna()]
    counts = s.groupby("interviewer", sort=False).size().sort_values(ascending=False, kind="stable")
    keep = list(counts.index[:max_interviewers])
    notes = []
    if len(counts) > max_interviewers:
        notes.append(f"Showing the {max_interviewers} of {len(counts)} interviewers with the most scores.")
    data = []
    big_boxes = False
    for i, who in enumerate(keep):
        part = s[s["interviewer"] == who]
        colour = style.series_colour(i)
        if candidate_id is not None:
            custom = np.stack([np.array(style.esc_all(part["stage"]), dtype=object), _num(part["panel_mean"].to_numpy(dtype="float64"), 2)],
                              axis=1).tolist()
            data.append(dict(type="scatter", mode="markers", name=esc(who), x=style.esc_all(part["criterion"]), y=part["score"].tolist(),
                             customdata=custom, marker=dict(size=13, color=colour, line=dict(color="white", width=1)),
                             hovertemplate=f"{esc(who)} (%{{customdata[0]}})<br>%{{x}}: %{{y}}<br>Panel mean at that stage: %{{customdata[1]}}<extra></extra>"))
        elif len(part) > BOX_POINTS_MAX:  # the box of each criterion from its statistics: no point per score in the page
            stats = _box_statistics(part, crit)
            data.append(dict(type="box", name=esc(who), x=style.esc_all(stats["criterion"]), q1=stats["q1"].tolist(),
                             median=stats["median"].tolist(), q3=stats["q3"].tolist(), lowerfence=stats["lowerfence"].tolist(),
                             upperfence=stats["upperfence"].tolist(), marker=dict(color=colour), boxpoints=False,
                             hoverinfo="x+y+name"))
            big_boxes = True
        else:
            data.append(dict(type="box", name=esc(who), x=style.esc_all(part["criterion"]), y=part["offset"].round(3).tolist(),
                             marker=dict(color=colour), boxpoints="outliers" if len(part) > 200 else "all", jitter=0.3, pointpos=0,
                             hovertemplate=f"{esc(who)}<br>%{{x}}: %{{y:+.2f}} points from the panel<extra></extra>"))
    threshold = disagreement_threshold(round)
    if candidate_id is not None:
        all_scores = score_offsets(round)
        mine = all_scores[all_scores["candidate_id"] == candidate_id]
        panel = mine.groupby("criterion")["score"].mean().reindex(crit)
        data.append(dict(type="scatter", mode="markers", name="Panel mean", x=xs, y=panel.tolist(),
                         marker=dict(symbol="line-ew-open", size=40, color=style.POOL, line=dict(width=3, color=style.POOL)),
                         hovertemplate="%{x}<br>Panel mean: %{y:.2f}<extra></extra>"))
        name = shown_names(round.candidate(candidate_id).to_frame().T).iloc[0]  # an unknown id is said by candidate()
        title, subtitle = f"{name}: each interviewer's scores per criterion", (
            f"Scores {fmt_points(threshold)} or more points apart count as conflicting evidence")
        yaxis = style.axis(f"Score ({_scale_text(round)})", range=[float(round.role.scale_min) - 0.2, float(round.role.scale_max) + 0.2])
        extra = dict(scattermode="group", scattergap=0.5)
    else:
        title, subtitle = "How far each interviewer's scores sit from the panel, per criterion", (
            "Score minus the panel mean for the same candidate, criterion and stage; above 0 = more generous than the panel")
        yaxis = style.axis("Score minus panel mean (points)", zeroline=True, zerolinewidth=2)
        extra = dict(boxmode="group")
        if big_boxes:
            notes.append(f"Boxes of more than {BOX_POINTS_MAX:,} scores are drawn from their quartiles and whiskers (1.5 x the box "
                         "height); single outlying scores are not drawn.")
        if not len(s):
            notes.append("No criterion was scored by two or more interviewers at the same stage, so there is nothing to compare.")
    lay = style.layout(title, subtitle=subtitle, height=480 + style.NOTE_LINE * len(notes), top=130, bottom=80 + style.NOTE_LINE * len(notes),
                       xaxis=style.axis("Criteria, most important first", categoryorder="array", categoryarray=xs, tickmode="array",
                                        tickvals=xs, ticktext=[style.wrap(c, 22) for c in crit]),
                       yaxis=yaxis, annotations=[style.note(notes, below=72)] if notes else [], **extra)
    return style.figure(data, lay)


@takes_round
def interviewer_calibration_chart(round: HiringRound, *, table: pd.DataFrame | None = None) -> go.Figure:
    """Each interviewer's mean offset from the panel (lenient right, severe left) with blanks and halo on hover.

    One bar trace; bars coloured by label; dashed lines at the lenient and
    severe thresholds (0.3 points on a 1-5 scale, scaled).
    """
    t = interviewer_calibration(round) if table is None else table
    off = t["mean_offset"].astype("float64").to_numpy(na_value=np.nan)
    labels = t["label"].astype(str).tolist()
    who = [esc(w) for w in t["interviewer"].astype(str)]
    custom = np.stack([
        t["label"].astype(str).to_numpy(dtype=object),
        np.char.mod("%d", t["n_scores"].astype("int64").to_numpy()).astype(object),
        np.char.mod("%d", t["n_compared"].astype("int64").to_numpy()).astype(object),
        _pct(t["share_blank"].astype("float64").to_numpy(na_value=np.nan)),
        np.array([f"{h} – {reading}" if h else reading for h, reading in
                  zip(_num(t["halo"].astype("float64").to_numpy(na_value=np.nan), 2), t["halo_reading"].astype(str))], dtype=object),
    ], axis=1).tolist() if len(t) else []
    threshold = scale_points(round, OFFSET_POINTS)
    data = [dict(
        type="bar", orientation="h", x=np.nan_to_num(off).tolist(), y=who, name="Mean offset",
        marker=dict(color=[style.LABEL_COLOURS.get(lbl, style.POOL) for lbl in labels]),
        text=[f"{lbl}" for lbl in labels], textposition="auto", customdata=custom,
        hovertemplate=("%{y}: %{customdata[0]}<br>Mean offset %{x:+.2f} points over %{customdata[2]} compared scores"
                       "<br>Scores given: %{customdata[1]}; left blank: %{customdata[3]}<br>Halo: %{customdata[4]}<extra></extra>"),
    )]
    shapes = [dict(type="line", xref="x", yref="paper", x0=v, x1=v, y0=0, y1=1, line=dict(color="#9ca3af", dash="dash", width=1))
              for v in (-threshold, threshold)]
    lay = style.layout(
        "Interviewer calibration: who scores above or below the panel",
        subtitle=f"Mean of (score - panel mean); dashed lines at ±{fmt_points(threshold)} points mark lenient and severe",
        height=style.row_height(len(t), base=200, per_row=34, minimum=300), showlegend=False, shapes=shapes, top=100,
        xaxis=style.axis("Mean offset from the panel (points; + = lenient, - = severe)", zeroline=True, zerolinewidth=2),
        yaxis=style.axis("Interviewer", categoryorder="array", categoryarray=who, autorange="reversed"),
    )
    return style.figure(data, lay)


# ---------------------------------------------------------------------------
# stages and robustness


@takes_round
def progression_chart(round: HiringRound, *, highlight: int = 8, table: pd.DataFrame | None = None,
                      totals: pd.DataFrame | None = None) -> go.Figure:
    """Cumulative weighted total after each interview stage.

    Up to ``highlight`` candidates: one line each. More: the distribution of
    all candidates per stage as a box, plus lines for the ``highlight`` best
    by final weighted total (with a note). Stages in interview order.
    """
    t = progression(round) if table is None else table
    totals = weighted_totals(round) if totals is None else totals
    stages = stage_order(round)
    order = totals["candidate_id"].astype(str).tolist()
    present = set(t["candidate_id"])
    ids_present = [c for c in order if c in present]
    lines = ids_present[:highlight]
    data = []
    notes = []
    if len(ids_present) > highlight:
        data.append(dict(type="box", name="All candidates", x=style.esc_all(t["stage"]), y=t["cumulative_weighted_total"].astype("float64").tolist(),
                         marker=dict(color=style.POOL), boxpoints=False, fillcolor="rgba(107,114,128,0.15)", line=dict(color=style.POOL),
                         hovertemplate="%{x}: all candidates<extra></extra>"))
        notes.append(f"Lines for the {highlight} best of {len(ids_present):,} candidates; the box shows everyone.")
    shown = t[t["candidate_id"].isin(lines)]
    label_of = dict(zip(totals["candidate_id"].astype(str), _labels(totals["name"], totals["candidate_id"])))
    for i, (cid, part) in enumerate(sorted(shown.groupby("candidate_id", sort=False), key=lambda kv: lines.index(kv[0]))):
        label = esc(label_of.get(cid, cid))
        custom = _num(part["weighted_total_at_stage"].astype("float64").to_numpy(na_value=np.nan), 2).tolist()
        data.append(dict(type="scatter", mode="lines+markers", name=label, x=style.esc_all(part["stage"]),
                         y=part["cumulative_weighted_total"].astype("float64").tolist(), customdata=custom,
                         line=dict(color=style.series_colour(i), width=2), marker=dict(size=8),
                         hovertemplate=f"{label} after %{{x}}: %{{y:.2f}}<br>This stage alone: %{{customdata}}<extra></extra>"))
    lay = style.layout(
        "How each candidate's weighted total builds up over the stages",
        subtitle="Cumulative weighted total using every score up to and including the stage",
        height=460,
        xaxis=style.axis("Interview stage, in order", categoryorder="array", categoryarray=style.esc_all(stages)),
        yaxis=style.axis(f"Cumulative weighted total ({_scale_text(round)})", range=[float(round.role.scale_min), float(round.role.scale_max)]),
        annotations=[style.note(notes)] if notes else [], top=100, bottom=80 + style.NOTE_LINE * len(notes),
        legend=dict(orientation="v", yanchor="top", y=1, xanchor="left", x=1.02),
    )
    return style.figure(data, lay)


@takes_round
def robustness_chart(round: HiringRound, *, top: int = 3, ranks: pd.DataFrame | None = None) -> go.Figure:
    """Rank of the leading candidates under each scenario (rows) as one heatmap.

    Columns are every candidate who reaches the top ``top`` in any scenario,
    in their "as given" order; cells show the rank (dark = first). The
    subtitle says in how many scenarios the winner holds.
    """
    r = scenario_ranks(round) if ranks is None else ranks
    scenarios = list(dict.fromkeys(r["scenario"].tolist()))
    in_top = r[r["rank"].notna() & (r["rank"] <= top)]
    base = r[r["scenario"] == AS_GIVEN]
    leaders = set(in_top["candidate_id"])
    order = [c for c in base["candidate_id"].tolist() if c in leaders]
    label_of = dict(zip(base["candidate_id"], _labels(base["name"], base["candidate_id"])))
    labels = [label_of[c] for c in order]
    sub = r[r["candidate_id"].isin(order)]
    rank = sub.pivot(index="scenario", columns="candidate_id", values="rank").reindex(index=scenarios, columns=order)
    total = sub.pivot(index="scenario", columns="candidate_id", values="weighted_total").reindex(index=scenarios, columns=order)
    z = rank.to_numpy(dtype="float64", na_value=np.nan)
    base_rank = z[0] if len(z) else np.array([])
    text = np.where(np.isnan(z), "–", np.char.mod("%d", np.nan_to_num(z).astype(int)).astype(object))
    xs, ys = style.esc_all(labels), style.esc_all(scenarios)
    hover = (np.array(ys, dtype=object)[:, None] + ": " + np.array(xs, dtype=object)[None, :]
             + " ranks " + text + " (as given: " + np.char.mod("%d", np.nan_to_num(base_rank).astype(int)).astype(object)[None, :]
             + ")<br>Weighted total " + _num(total.to_numpy(dtype="float64", na_value=np.nan), 2)) if len(order) else np.zeros((len(scenarios), 0))
    base_winner = base.loc[base["rank"] == 1, "candidate_id"].head(1).tolist()
    holds = int(((r["rank"] == 1) & r["candidate_id"].isin(base_winner)).sum())  # first place, alone or tied
    data = [dict(type="heatmap", z=np.minimum(z, top + 1).tolist(), x=xs, y=ys, text=text.tolist(), hovertext=hover.tolist(),
                 texttemplate="%{text}", hovertemplate="%{hovertext}<extra></extra>", zmin=1, zmax=top + 1,
                 colorscale=style.RANK_SCALE, showscale=False, xgap=3, ygap=3, name="Rank")]
    lay = style.layout(
        "Does the order hold? Rank of the leading candidates per scenario",
        subtitle=f"The winner holds in {holds} of {len(scenarios)} scenarios; columns: everyone in the top {top} of any scenario",
        height=style.row_height(len(scenarios), base=220, per_row=34, minimum=320),
        xaxis=style.axis("Candidate, in the as-given order", categoryorder="array", categoryarray=xs, gridcolor="rgba(0,0,0,0)"),
        yaxis=style.axis("Scenario", categoryorder="array", categoryarray=ys, autorange="reversed", gridcolor="rgba(0,0,0,0)"),
        top=100,
    )
    return style.figure(data, lay)
