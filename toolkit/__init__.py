"""Debrief: hiring-committee scorecards into comparisons, response-time audits and personal feedback.

    import toolkit
    rnd = toolkit.load_round("data/sample/berlin-social-media-lead.xlsx")
    rnd.problems, rnd.candidates, rnd.scores
"""

from .errors import InputFileError, MappingError, OutputError, ScorecardError, TemplateError, ToolkitError
from .loader import load_round, load_rounds, round_id_for
from .model import HiringRound, Role, Rounds, as_rounds
from .validate import round_from_frames

__version__ = "0.1.0"

__all__ = [
    "HiringRound",
    "InputFileError",
    "MappingError",
    "OutputError",
    "Role",
    "Rounds",
    "ScorecardError",
    "TemplateError",
    "ToolkitError",
    "as_rounds",
    "load_round",
    "load_rounds",
    "round_from_frames",
    "round_id_for",
]
