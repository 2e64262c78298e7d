"""Plotly figures built from the analytics tables (functions return `plotly.graph_objects.Figure`)."""

from .comparison import (
    candidate_profile,
    contribution_bars,
    criterion_heatmap,
    interviewer_calibration_chart,
    interviewer_spread,
    progression_chart,
    robustness_chart,
)
from .response_times import (
    channel_mix,
    days_to_tell_histogram,
    overdue_table,
    timeline_by_week,
    timeline_chart,
    within_target_by_month,
)

__all__ = [
    "candidate_profile",
    "channel_mix",
    "days_to_tell_histogram",
    "overdue_table",
    "timeline_by_week",
    "timeline_chart",
    "within_target_by_month",
    "contribution_bars",
    "criterion_heatmap",
    "interviewer_calibration_chart",
    "interviewer_spread",
    "progression_chart",
    "robustness_chart",
]
