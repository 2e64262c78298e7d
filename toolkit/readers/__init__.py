"""Readers: files in, `RawWorkbook`s (canonical tables of raw values plus problems and details) out.

- `dispatch.read_path`: a file of any layout or an export folder -> one RawRound per round
- `tabular.read_file`: one workbook/CSV (layouts long, wide, per_interviewer; canonical via `canonical`)
- `relational`, `ats`: relational CSV sets, Greenhouse and Lever exports
- `detect`, `headers`, `rows`, `wide`, `assemble`: layout detection, headings, data rows, melting, derived tables
- `scales`, `dates`, `csvfiles`, `excel`: ratings, dates, CSV and workbook cells
- `mapping`: TOML mapping files; `inspect`: what was detected, for people and as a mapping

See docs/importing.md. Readers know nothing of analytics.
"""

from .dispatch import RawRound, read_path
from .inspect import inspect_path, inspection_text, mapping_text
from .mapping import Mapping, read_mapping
from .scales import normalise_scores, scale_table

__all__ = ["Mapping", "RawRound", "inspect_path", "inspection_text", "mapping_text", "normalise_scores", "read_mapping",
           "read_path", "scale_table"]
