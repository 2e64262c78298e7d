"""What the notebooks show for one candidate at a time: letter previews and candidate pickers.

The notebooks call these (they hold narrative and calls, no logic of their
own). The pickers are ipywidgets drop-downs that redraw their output when
another candidate is chosen; ipywidgets comes with the notebooks extra and
is imported only when a picker is made.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .model import HiringRound

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "sv": "Svenska"}
REASON_COLUMNS = ["strength_reason", "growth_reason", "thin_evidence_reason", "runner_up_reason"]


def letter_previews(round: HiringRound, candidate_id: str, *, summary: pd.DataFrame | None = None, as_of: dt.date | str | None = None,
                    languages=("en", "de", "sv"), height: int = 780) -> str:
    """The candidate's printable letter in each language, each under the language's name (HTML for ``IPython.display.HTML``)."""
    from .feedback import compose
    from .render.letters import preview_html, render_letter_html

    parts = []
    for language in languages:
        letter = compose(round, candidate_id, language=language, summary=summary, as_of=as_of)
        parts.append(f"<h4>{LANGUAGE_NAMES.get(language, language)}</h4>" + preview_html(render_letter_html(letter), height=height))
    return "".join(parts)


def talking_points_text(feedback) -> str:
    """The call notes' talking points as numbered lines (1. ..., 2. ...)."""
    return "\n".join(f"{i}. {point}" for i, point in enumerate(feedback.talking_points, 1))


def candidate_picker(round: HiringRound, summary: pd.DataFrame | None = None):
    """A drop-down of the round's candidates (best first) showing the chosen one's profile against the selected candidate,
    each interviewer's scores and why the strength, growth area, thin evidence and runner-up status were chosen."""
    import ipywidgets as widgets
    from IPython.display import display

    from .analytics import candidate_summary, criterion_profiles
    from .charts import candidate_profile, interviewer_spread

    summary = candidate_summary(round) if summary is None else summary
    profiles = criterion_profiles(round)
    picker = widgets.Dropdown(options=[(f"{row.name} ({row.status}, rank {row.rank})", row.candidate_id) for row in summary.itertuples()],
                              description="Candidate")

    def show(candidate_id):
        display(candidate_profile(profiles, candidate_id))
        display(interviewer_spread(round, candidate_id))
        display(summary.loc[summary["candidate_id"] == candidate_id, REASON_COLUMNS].T)

    return widgets.VBox([picker, widgets.interactive_output(show, {"candidate_id": picker})])


def letter_picker(round: HiringRound, letters, *, summary: pd.DataFrame | None = None, as_of: dt.date | str | None = None,
                  candidate_id: str | None = None):
    """A drop-down of the candidates who get a letter (``letters``: `compose_round`'s), showing the chosen one's letter
    in their own language and the talking points; ``candidate_id`` is chosen first when it is among them."""
    import ipywidgets as widgets
    from IPython.display import HTML, display

    from .feedback import compose
    from .render.letters import preview_html, render_letter_html

    ids = [fb.candidate_id for fb in letters]
    picker = widgets.Dropdown(options=[(f"{fb.shown_name} ({fb.status}, {fb.reason_kind})", fb.candidate_id) for fb in letters],
                              value=candidate_id if candidate_id in ids else (ids[0] if ids else None), description="Candidate")

    def show(candidate_id):
        if candidate_id is None:
            return
        chosen = compose(round, candidate_id, summary=summary, as_of=as_of)
        display(HTML(preview_html(render_letter_html(chosen), height=780)))
        print(talking_points_text(chosen))

    return widgets.VBox([picker, widgets.interactive_output(show, {"candidate_id": picker})])
