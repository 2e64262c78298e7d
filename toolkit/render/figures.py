"""Many figures of one kind as HTML divs, paying plotly's validation once per kind instead of once per figure.

A report draws one `candidate_profile` per candidate: thousands of figures
that differ only in their data (name, means, hatching, notes). Building a
`plotly.graph_objects.Figure` validates every property (about 6 ms a figure);
serialising a plain dict costs a few hundredths of that.

`FigureDivs` calls the chart function as it is, but while it runs,
`toolkit.charts.style.figure` hands back the plain dict the chart was built
from instead of a Figure. The first figure of each *shape* (the same keys and
the same number of traces and notes) is also built for real and validated;
its validated dict is the template. For every further figure of that shape,
the leaves that differ from the template's plain dict are put into a copy of
the validated dict, which is serialised with `plotly.io.to_html` exactly as
`render.pages.figure_div` does. The result is byte-identical to
``figure_div(make(...), div_id)``:

- a leaf is only swapped when it is plain (text, a number, or a flat list of
  them) and validation left the template's value as it was given;
  otherwise that figure is built and validated for real;
- the first figures of every shape are built both ways and compared; a shape
  whose swapped div differs is built for real from then on.
"""

from __future__ import annotations

import contextlib
import math
import threading
from typing import Callable

import plotly.io as pio

from .pages import figure_div

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
                       config={"displaylogo": False, "responsive": True})


class FigureDivs:
    """Divs of many figures made by one chart function, ``make(*args)`` -> Figure (see the module docstring).

    ``divs.div(div_id, *args)`` equals ``figure_div(make(*args), div_id)``.
    ``stats`` counts figures built for real (``validated``) and swapped (``swapped``).
    """

    def __init__(self, make: Callable):
        self.make = make
        self.templates: dict[tuple, tuple[dict, dict]] = {}
        self.checked: dict[tuple, int] = {}
        self.unsafe: set[tuple] = set()
        self.stats = {"validated": 0, "swapped": 0}

    def _real(self, div_id: str, args) -> str:
        self.stats["validated"] += 1
        return figure_div(self.make(*args), div_id)

    def div(self, div_id: str, *args) -> str:
        with plain_figures():
            plain = self.make(*args)
        if not isinstance(plain, dict):  # the chart does not build through style.figure
            self.stats["validated"] += 1
            return figure_div(plain, div_id)
        key = shape(plain)
        if key in self.unsafe:
            return self._real(div_id, args)
        template = self.templates.get(key)
        if template is None:
            fig = self.make(*args)
            self.stats["validated"] += 1
            self.templates[key] = (plain, fig.to_dict())
            return figure_div(fig, div_id)
        try:
            fast = div_from_dict(swap(template[0], template[1], plain), div_id)
        except _Unsafe:
            return self._real(div_id, args)
        if self.checked.get(key, 0) < VERIFY:
            self.checked[key] = self.checked.get(key, 0) + 1
            real = self._real(div_id, args)
            if real != fast:
                self.unsafe.add(key)
            return real
        self.stats["swapped"] += 1
        return fast
