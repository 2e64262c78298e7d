"""Debrief: hiring-committee scorecards into comparisons, response-time audits and personal feedback.

    import toolkit
    rnd = toolkit.load_round("data/sample/berlin-social-media-lead.xlsx")
    rnd.problems, rnd.candidates, rnd.scores
"""

from . import analytics, charts, feedback, pickers
from .analytics import candidate_summary, overdue_now, process_health, timelines, weighted_totals
from .errors import InputFileError, MappingError, OutputError, ScorecardError, TemplateError, ToolkitError, UnknownRoundError
from .loader import load_round, load_rounds, round_id_for
from .model import HiringRound, Role, Rounds, as_rounds
from .readers import inspect_path, read_mapping
from .report import build_report, write_report
from .sample import curated_rounds, generate_round, write_curated, write_sample
from .validate import round_from_frames
from .workbook import scorecard_workbook_bytes, write_scorecard_workbook

__version__ = "0.1.0"

__all__ = [
    "analytics",
    "build_report",
    "candidate_summary",
    "charts",
    "curated_rounds",
    "feedback",
    "generate_round",
    "inspect_path",
    "read_mapping",
    "overdue_now",
    "pickers",
    "process_health",
    "scorecard_workbook_bytes",
    "timelines",
    "weighted_totals",
    "write_curated",
    "write_report",
    "write_sample",
    "write_scorecard_workbook",
    "HiringRound",
    "InputFileError",
    "MappingError",
    "OutputError",
    "Role",
    "Rounds",
    "ScorecardError",
    "TemplateError",
    "ToolkitError",
    "UnknownRoundError",
    "as_rounds",
    "load_round",
    "load_rounds",
    "round_from_frames",
    "round_id_for",
]
