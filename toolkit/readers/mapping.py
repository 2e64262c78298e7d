"""Mapping files (TOML): what layout detection cannot infer, written down once per file shape.

`debrief inspect FILE --write-mapping FILE.toml` writes one from what was
detected; edit it and pass it to `load_round(path, mapping=...)`. Every key is
optional; see docs/importing.md for the full format. Example::

    layout = "wide"               # canonical | long | wide | per_interviewer | relational | greenhouse | lever
    sheets = ["Bewertungen"]      # which sheets hold the scores
    header_row = 4                # Excel row of the (last) header row
    header_rows = 2               # 2 = a two-row header ending at header_row
    date_order = "day_first"      # or "month_first", for dates like 03/04/2026; "year_first" for 26-04-03 (yy-mm-dd)
    interviewer = "Anna Berg"     # one interviewer for a sheet without an interviewer column
    job = "J018"                  # relational / ATS exports: the one job to load

    [columns]                     # heading in the file = field
    "Bewerber:in" = "name"
    "Kommunikation (20 %)" = "criterion"
    "Summe" = "ignore"

    [scale]
    source = "1-10"               # the scale plain numbers in the file are on
    target = "1-5"                # the round's scale (default: Role sheet, else 1-5)
    words = "recommendation"      # the word scale to prefer

    [role]                        # Role fields for files without a Role sheet
    role = "Social Media Lead"
    country = "DE"

    [[criteria]]                  # criteria for files without a Criteria sheet, most important first
    criterion = "Kommunikation"
    rank = 1
    weight = 20

    [statuses]                    # status words in the file = hired | offered | rejected | withdrawn | pending
    "Shortlisted" = "pending"

    [fields]                      # Lever: feedback form field index = criterion name
    "1" = "Communication"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MappingError
from ..schema import CRITERIA_FIELDS, ROLE_FIELDS, STATUSES
from .headers import IMPORT_FIELDS, NOT_READ, header_key
from .scales import WORD_SCALES, parse_scale

LAYOUTS = ("canonical", "long", "wide", "per_interviewer", "relational", "greenhouse", "lever")
DATE_ORDERS = ("day_first", "month_first", "year_first")
COLUMN_TARGETS = tuple(f for f in IMPORT_FIELDS if f not in NOT_READ) + ("criterion", "ignore")
TOP_KEYS = ("layout", "sheets", "header_row", "header_rows", "date_order", "interviewer", "job", "columns", "scale", "role",
            "criteria", "statuses", "fields")


@dataclass
class Mapping:
    """A parsed mapping file. ``None`` / empty means: detect it."""

    path: str | None = None
    layout: str | None = None
    sheets: list[str] | None = None
    header_row: int | None = None
    header_rows: int | None = None
    date_order: str | None = None
    interviewer: str | None = None
    job: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # heading as written -> field / "criterion" / "ignore"
    scale_source: tuple[float, float] | None = None
    scale_target: tuple[float, float] | None = None
    scale_words: str | None = None
    role: dict = field(default_factory=dict)
    criteria: list[dict] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)

    def column_for(self, heading: str) -> str | None:
        """The mapped target of a heading (matched like headers: case, spaces and punctuation ignored)."""
        if not self.columns:
            return None
        key = header_key(heading)
        for k, v in self.columns.items():
            if k == heading or header_key(k) == key:
                return v
        return None


def _err(path, what, *, key=None, value=None, allowed=None, hint=None):
    return MappingError(what, file=path, column=key, value=value, allowed=allowed, hint=hint)


def read_mapping(source: "str | os.PathLike | dict | Mapping | None") -> Mapping | None:
    """A Mapping from a TOML file path, a dict of the same keys, or a Mapping (returned as is).

    Raises MappingError naming the file and the key for anything it does not understand.
    """
    if source is None or isinstance(source, Mapping):
        return source
    path = None
    if isinstance(source, dict):
        data = source
    elif not isinstance(source, (str, os.PathLike)):
        raise MappingError(f"a mapping is a TOML file's path, a dict or a Mapping, not a {type(source).__name__}", value=source,
                           hint='Pass e.g. mapping={"job": "Data Analyst"} or mapping="map.toml"')
    else:
        path = str(source)
        p = Path(source)
        if not p.is_file():
            raise _err(path, "mapping file not found", hint="Check the path; `debrief inspect FILE --write-mapping map.toml` writes one")
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise _err(path, f"the mapping is not valid TOML ({exc})", hint="Quote headings with spaces or colons: \"Bewerber:in\" = \"name\"") from None
        except UnicodeDecodeError:
            raise _err(path, "the mapping is not UTF-8 text", hint="Save it as UTF-8") from None
    unknown = [k for k in data if k not in TOP_KEYS]
    if unknown:
        raise _err(path, f"unknown key {unknown[0]!r}", key=unknown[0], allowed=", ".join(TOP_KEYS))
    m = Mapping(path=path)
    if (v := data.get("layout")) is not None:
        if v not in LAYOUTS:
            raise _err(path, "unknown layout", key="layout", value=v, allowed=", ".join(LAYOUTS))
        m.layout = v
    if (v := data.get("sheets")) is not None:
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise _err(path, "sheets must be a list of sheet names", key="sheets", value=v)
        m.sheets = v
    for key in ("header_row", "header_rows"):
        if (v := data.get(key)) is not None:
            if not isinstance(v, int) or isinstance(v, bool) or v < 1 or (key == "header_rows" and v > 2):
                raise _err(path, f"{key} must be a whole number" + (" (1 or 2)" if key == "header_rows" else " (the Excel row, from 1)"),
                           key=key, value=v)
            setattr(m, key, v)
    if (v := data.get("date_order")) is not None:
        if v not in DATE_ORDERS:
            raise _err(path, "unknown date order", key="date_order", value=v, allowed=", ".join(DATE_ORDERS))
        m.date_order = v
    for key in ("interviewer", "job"):
        if (v := data.get(key)) is not None:
            if not isinstance(v, str) or not v.strip():
                raise _err(path, f"{key} must be text", key=key, value=v)
            setattr(m, key, v.strip())
    cols = data.get("columns", {})
    if not isinstance(cols, dict):
        raise _err(path, "[columns] must be a table of heading = field", key="columns")
    for heading, target in cols.items():
        if target not in COLUMN_TARGETS:
            raise _err(path, f"column {heading!r} is mapped to an unknown field", key=f"columns.{heading}", value=target,
                       allowed=", ".join(COLUMN_TARGETS))
    m.columns = dict(cols)
    scale = data.get("scale", {})
    if not isinstance(scale, dict):
        raise _err(path, "[scale] must be a table with source, target, words", key="scale")
    for key in scale:
        if key not in ("source", "target", "words"):
            raise _err(path, f"unknown key {key!r} in [scale]", key=f"scale.{key}", allowed="source, target, words")
    for key in ("source", "target"):
        if (v := scale.get(key)) is not None:
            parsed = parse_scale(str(v))
            if parsed is None:
                raise _err(path, f"scale {key} cannot be read", key=f"scale.{key}", value=v, hint="Write it as lowest-highest, e.g. \"1-10\"")
            setattr(m, f"scale_{key}", parsed)
    if (v := scale.get("words")) is not None:
        if v not in WORD_SCALES:
            raise _err(path, "unknown word scale", key="scale.words", value=v, allowed=", ".join(WORD_SCALES))
        m.scale_words = v
    role = data.get("role", {})
    role_names = {f.name for f in ROLE_FIELDS}
    if not isinstance(role, dict):
        raise _err(path, "[role] must be a table of Role fields", key="role")
    for key in role:
        if key not in role_names:
            raise _err(path, f"unknown Role field {key!r}", key=f"role.{key}", allowed=", ".join(sorted(role_names)))
    m.role = dict(role)
    crit = data.get("criteria", [])
    crit_names = {f.name for f in CRITERIA_FIELDS}
    if not isinstance(crit, list) or not all(isinstance(c, dict) for c in crit):
        raise _err(path, "criteria must be a list of [[criteria]] tables", key="criteria")
    for i, c in enumerate(crit, start=1):
        if "criterion" not in c:
            raise _err(path, f"criteria entry {i} has no criterion name", key="criteria", hint='Add criterion = "..."')
        for key in c:
            if key not in crit_names:
                raise _err(path, f"unknown Criteria field {key!r} in criteria entry {i}", key=f"criteria.{key}",
                           allowed=", ".join(f.name for f in CRITERIA_FIELDS))
    m.criteria = [dict(c) for c in crit]
    statuses = data.get("statuses", {})
    for word, status in statuses.items():
        if status not in STATUSES:
            raise _err(path, f"status word {word!r} is mapped to an unknown status", key=f"statuses.{word}", value=status,
                       allowed=", ".join(STATUSES))
    m.statuses = dict(statuses)
    fields_ = data.get("fields", {})
    if not isinstance(fields_, dict) or not all(isinstance(v, str) for v in fields_.values()):
        raise _err(path, "[fields] must map a form field index to a criterion name", key="fields")
    m.fields = {str(k): v for k, v in fields_.items()}
    return m


def mapping_toml(data: dict, *, comment: str = "") -> str:
    """A mapping dict as TOML text with a comment header (keys as in `read_mapping`)."""
    import tomli_w

    clean = {k: v for k, v in data.items() if v not in (None, {}, [])}
    head = "".join(f"# {line}\n" if line else "#\n" for line in comment.splitlines())
    return head + ("\n" if head else "") + tomli_w.dumps(clean)
