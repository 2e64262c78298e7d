"""Many figures of one kind as HTML divs, paying plotly's validation once per kind instead of once per figure.

A report draws one `candidate_profile` per candidate: thousands of figures
that differ only in their data (name, means, hatching, notes). Building a
`plotly.graph_objects.Figure` validates every property (about 6 ms a figure)
and the chart function itself costs about half a millisecond of pandas work
per call; serialising a plain dict costs a few hundredths of that.

`ProfileDivs` computes every candidate's values column-wise, puts them into
the plain dict of a template figure of the same kind (built by the chart
function itself, with `style.figure` handing back the plain dict while
`plain_figures` is active), turns that into the validated dict with `swap`
and serialises it with `plotly.io.to_html` exactly as
`render.pages.figure_div` does. The result is byte-identical to
``figure_div(candidate_profile(...), div_id)``:

- `swap` only puts in a leaf that is plain (text, a number, or a flat list
  of them) where validation left the template's value as it was given;
  anything else is drawn by the chart function and validated;
- the first figures of every kind are drawn both ways and compared; a kind
  whose fast div differs is drawn by the chart function from then on.
"""

from __future__ import annotations

import contextlib
import math
import threading

import plotly.io as pio

from ..model import shown_names
from .pages import PLOTLY_CONFIG, figure_div

VERIFY = 2
"""Figures per shape that are built both ways and compared before the fast way is trusted."""

_PATCH_LOCK = threading.Lock()


class _Unsafe(Exception):
    """A figure differs from its template in a way that only plotly's validation can settle."""


@contextlib.contextmanager
def plain_figures():
    """While active, `toolkit.charts.style.figure` returns ``{"data": ..., "layout": ...}`` (a plain dict) instead of a Figure."""
    from ..charts import style

    with _PATCH_LOCK:
        original = style.figure
        style.figure = lambda data, layout: {"data": data, "layout": layout}
        try:
            yield
        finally:
            style.figure = original


def _plain_leaf(v) -> bool:
    if v is None or isinstance(v, (str, bool, int, float)):
        return True
    if isinstance(v, (list, tuple)):
        return all(x is None or isinstance(x, (str, bool, int, float)) for x in v)
    return False


def _same(a, b) -> bool:
    """Deep equality of the same types (1 is not 1.0: they serialise differently), NaN equal to NaN, tuples equal to lists."""
    if a is b:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if type(a) is not type(b):
        return False
    if type(a) is float:
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


def shape(plain) -> tuple:
    """The structure of a plain figure dict: keys, and the length of every list of dicts (traces, annotations)."""
    if isinstance(plain, dict):
        return tuple((k, shape(v)) for k, v in plain.items())
    if isinstance(plain, (list, tuple)) and plain and all(isinstance(x, dict) for x in plain):
        return ("list", tuple(shape(x) for x in plain))
    if isinstance(plain, (list, tuple)):
        return ("leaf", len(plain) == 0)
    return ("leaf", type(plain).__name__)


def swap(plain_template, validated_template, plain):
    """The validated dict of `plain`, from a template figure of the same shape (raises _Unsafe when it cannot tell)."""
    if _same(plain_template, plain):
        return validated_template
    if isinstance(plain, dict):
        if not isinstance(plain_template, dict) or not isinstance(validated_template, dict) or plain.keys() != plain_template.keys():
            raise _Unsafe
        out = dict(validated_template)
        for k, v in plain.items():
            if k not in validated_template:  # validation dropped it (e.g. an empty list): only safe if unchanged
                if not _same(plain_template[k], v):
                    raise _Unsafe
                continue
            out[k] = swap(plain_template[k], validated_template[k], v)
        return out
    if isinstance(plain, (list, tuple)) and plain and all(isinstance(x, dict) for x in plain):
        if (not isinstance(plain_template, (list, tuple)) or not isinstance(validated_template, (list, tuple))
                or len(plain_template) != len(plain) or len(validated_template) != len(plain)):
            raise _Unsafe
        return [swap(a, va, b) for a, va, b in zip(plain_template, validated_template, plain)]
    if _plain_leaf(plain) and _plain_leaf(plain_template) and _same(plain_template, validated_template):
        return list(plain) if isinstance(plain, (list, tuple)) else plain
    raise _Unsafe


def div_from_dict(validated: dict, div_id: str) -> str:
    """A validated figure dict as the same <div> `render.pages.figure_div` writes for the Figure."""
    return pio.to_html(validated, validate=False, full_html=False, include_plotlyjs=False, div_id=div_id,
                       config=PLOTLY_CONFIG)


# ---------------------------------------------------------------------------
# candidate profiles: the data of every candidate's chart computed column-wise


class ProfileDivs:
    """`charts.comparison.candidate_profile` divs for every candidate of a round, computed column-wise.

    ``ProfileDivs(profiles, show_selected=...).div(div_id, candidate_id, language)`` equals
    ``figure_div(candidate_profile(profiles, candidate_id, language=language, show_selected=...), div_id)``.

    The chart's values (means, hatching, hover text, names, notes) are
    computed for all candidates at once with the chart's own formatting
    helpers; they are put into a template: the plain and the validated dict
    of the first candidate of the same *kind* (language, which criteria are
    thin, not assessed or have a bar, the criteria and the scale), built by
    `candidate_profile` itself. The first `VERIFY` candidates of each kind are
    also drawn by `candidate_profile` and compared; a kind whose result
    differs (a change in the chart this module does not know of) is drawn by
    `candidate_profile` from then on, as is anything `swap` cannot settle.
    """

    def __init__(self, profiles, *, show_selected: bool = True):
        import numpy as np

        self.profiles = profiles
        self.show_selected = show_selected
        p = profiles
        self._ids = p["candidate_id"].astype("str").to_numpy(dtype=object)
        self._rows = {cid: pos for cid, pos in p.groupby(self._ids, sort=False).indices.items()}
        rank = p["criterion_rank"].to_numpy(dtype="float64", na_value=np.inf)
        self._order = {cid: pos[np.argsort(rank[pos], kind="stable")] for cid, pos in self._rows.items()}
        self._crit: dict[str, np.ndarray] = {}  # language -> each row's criterion as the chart names it
        self._name = shown_names(p).to_numpy(dtype=object) if "name" in p else None  # the id for want of a name
        self._lo = p["scale_min"].to_numpy(dtype="float64")
        self._hi = p["scale_max"].to_numpy(dtype="float64")
        self._mean = p["mean_score"].to_numpy(dtype="float64", na_value=np.nan)
        self._hire = p["hire_mean"].to_numpy(dtype="float64", na_value=np.nan)
        self._median = p["pool_median"].to_numpy(dtype="float64", na_value=np.nan)
        self._hidden_median = None
        if not show_selected and "pool_size" in p:  # as `candidate_profile` shows it in a candidate's own folder
            from ..charts.comparison import pool_median_shown

            self._median, self._hidden_median = pool_median_shown(self._median, p["pool_size"].to_numpy(dtype="float64", na_value=0.0))
        self._bar = p["bar"].to_numpy(dtype="float64", na_value=np.nan)
        self._thin = p["insufficient"].to_numpy(dtype=bool, na_value=True)
        self._why = p["evidence_reason"].to_numpy(dtype=object, na_value="")
        self._n_int = p["n_interviewers"].to_numpy(dtype="int64", na_value=0)
        self._weight = p["weight"].to_numpy(dtype="float64", na_value=0.0)
        self.templates: dict[tuple, tuple[dict, dict, dict]] = {}
        self.checked: dict[tuple, int] = {}
        self.unsafe: set[tuple] = set()
        self.stats = {"validated": 0, "swapped": 0}
        self._last: tuple = (None, None)  # the last candidate's values: `div` and `table` of one candidate work them out once

    def _make(self, candidate_id: str, language: str):
        from ..charts.comparison import candidate_profile

        rows = self.profiles.take(self._rows[candidate_id])
        return candidate_profile(rows, candidate_id, language=language, show_selected=self.show_selected)

    def _real(self, div_id: str, candidate_id: str, language: str) -> str:
        self.stats["validated"] += 1
        return figure_div(self._make(candidate_id, language), div_id)

    def _values(self, candidate_id: str, language: str) -> tuple[tuple, dict]:
        """(kind, the chart's candidate-dependent values) as `candidate_profile` computes them."""
        if self._last[0] == (candidate_id, language):
            return self._last[1]
        self._last = ((candidate_id, language), self._compute(candidate_id, language))
        return self._last[1]

    def _compute(self, candidate_id: str, language: str) -> tuple[tuple, dict]:
        import numpy as np
        from babel.numbers import format_percent

        from ..charts.comparison import PROFILE_TEXT, _num, _profile_number, _thin_reason, criterion_names
        from ..charts.style import esc

        words = PROFILE_TEXT[language]
        o = self._order[candidate_id]
        mean, thin, why, n_int, weight = self._mean[o], self._thin[o], self._why[o], self._n_int[o], self._weight[o]
        bar = self._bar[o]
        if language not in self._crit:
            self._crit[language] = criterion_names(self.profiles, language)
        x = [f"{i + 1}. {c}" for i, c in enumerate(self._crit[language][o])]
        name = str(self._name[o[0]]) if self._name is not None else str(candidate_id)
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
        kind = (language, self.show_selected, tuple(thin), tuple(np.isnan(mean)), tuple(has_bar), tuple(x), tuple(np.isnan(self._median[o])),
                float(self._lo[o[0]]), float(self._hi[o[0]]))
        values = {
            "name": esc(name), "y": mean.tolist(), "text": text, "shape": ["/" if t else "" for t in thin], "customdata": custom,
            "hovertemplate": f"%{{x}}<br>{esc(name)}: %{{y:.2f}}<br>%{{customdata}}<extra></extra>",
            "hire": self._hire[o].tolist(), "median": self._median[o].tolist(), "bar_y": bar[has_bar].tolist(),
            "title": esc(words["title"].format(name=name)), "x": x,
        }
        return kind, values

    @staticmethod
    def _fill(plain: dict, values: dict, show_selected: bool) -> dict:
        """A copy of a template's plain dict with another candidate's values."""
        data = [dict(t) for t in plain["data"]]
        own = data[0]
        own.update(name=values["name"], y=values["y"], text=values["text"], customdata=values["customdata"],
                   hovertemplate=values["hovertemplate"])
        own["marker"] = {**own["marker"], "pattern": {**own["marker"]["pattern"], "shape": values["shape"]}}
        i = 1
        if show_selected:
            data[i]["y"] = values["hire"]
            i += 1
        data[i]["y"] = values["median"]
        if len(data) > i + 1:
            data[i + 1]["y"] = values["bar_y"]
        layout = dict(plain["layout"])
        layout["title"] = {**layout["title"], "text": values["title"]}
        return {"data": data, "layout": layout}

    def table(self, candidate_id: str, language: str = "en") -> dict | None:
        """The chart's numbers as a table (a text alternative to the chart, for screen readers, keyboards and print):
        ``{"caption", "headers", "rows"}``, each row the criterion, weight, the candidate's mean, the pool median as the
        chart shows it, the bar and the evidence (with the reason where thin, which the chart gives on hover only)."""
        import numpy as np

        from ..charts.comparison import MIN_POOL_FOR_MEDIAN, PROFILE_TEXT, _profile_number

        if candidate_id not in self._rows:
            return None
        words = PROFILE_TEXT[language]
        _kind, values = self._values(candidate_id, language)
        o = self._order[candidate_id]
        number = lambda v, digits=1: _profile_number(float(v), language, digits) or "–"  # noqa: E731
        rows = []
        for x, custom, mean, median, bar in zip(values["x"], values["customdata"], self._mean[o], self._median[o], self._bar[o]):
            weight, _, evidence = custom.partition("<br>")
            rows.append([x, weight.split(" ", 1)[-1], number(mean),
                         number(median, 2),  # as the chart's hover: 4.375 is not rounded to a mean someone else has
                         number(bar) if not np.isnan(bar) else "–", evidence])
        headers = [words[k] for k in ("col_criterion", "col_weight", "col_mean", "col_median", "col_bar", "col_evidence")]
        hidden = self._hidden_median is not None and self._hidden_median[o].any()
        note = words["few"].format(n=MIN_POOL_FOR_MEDIAN) if hidden else None  # why a median reads "–"
        return {"caption": words["table"], "headers": headers, "rows": rows, "note": note}

    def div(self, div_id: str, candidate_id: str, language: str = "en") -> str | None:
        """The candidate's chart as an HTML div; None when the profiles hold no row of theirs (a round without criteria:
        the call notes then say that no chart is attached)."""
        if candidate_id not in self._rows:
            return None
        kind, values = self._values(candidate_id, language)
        if kind in self.unsafe:
            return self._real(div_id, candidate_id, language)
        template = self.templates.get(kind)
        if template is None:
            with plain_figures():
                plain = self._make(candidate_id, language)
            fig = self._make(candidate_id, language)
            self.stats["validated"] += 1
            self.templates[kind] = (plain, fig.to_dict(), values)
            return figure_div(fig, div_id)
        plain_a, validated_a, _ = template
        try:
            fast = div_from_dict(swap(plain_a, validated_a, self._fill(plain_a, values, self.show_selected)), div_id)
        except (_Unsafe, KeyError, IndexError, TypeError):
            self.unsafe.add(kind)
            return self._real(div_id, candidate_id, language)
        if self.checked.get(kind, 0) < VERIFY:
            self.checked[kind] = self.checked.get(kind, 0) + 1
            real = self._real(div_id, candidate_id, language)
            if real != fast:
                self.unsafe.add(kind)
            return real
        self.stats["swapped"] += 1
        return fast
