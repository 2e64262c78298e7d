"""Pure analytics: HiringRound in, DataFrames out (no I/O, no plotting)."""

from .business_days import add_business_days, business_days, business_days_between, calendar_name
from .evidence import evidence
from .health import left_out, process_health, scorecard_completeness
from .interviewers import interviewer_calibration, score_offsets
from .progression import progression
from .robustness import rank_robustness, scenario_ranks
from .runners_up import runner_up_assessment, runner_up_pairs, runners_up
from .scoring import contributions, criterion_matrix, gaps, scale_points, selected_candidate, stage_order, weighted_totals
from .summary import candidate_summary, criterion_profiles
from .timelines import final_stage, follow_through, overdue_now, timelines

__all__ = [
    "add_business_days",
    "business_days",
    "business_days_between",
    "calendar_name",
    "final_stage",
    "follow_through",
    "overdue_now",
    "left_out",
    "process_health",
    "scorecard_completeness",
    "timelines",
    "candidate_summary",
    "contributions",
    "criterion_matrix",
    "criterion_profiles",
    "evidence",
    "gaps",
    "interviewer_calibration",
    "progression",
    "rank_robustness",
    "runner_up_assessment",
    "runner_up_pairs",
    "runners_up",
    "scale_points",
    "scenario_ranks",
    "score_offsets",
    "selected_candidate",
    "stage_order",
    "weighted_totals",
]
