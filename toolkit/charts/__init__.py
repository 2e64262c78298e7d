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

__all__ = [
    "candidate_profile",
    "contribution_bars",
    "criterion_heatmap",
    "interviewer_calibration_chart",
    "interviewer_spread",
    "progression_chart",
    "robustness_chart",
]
