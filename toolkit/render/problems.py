"""Validation results as text (for the terminal) and as JSON-ready dicts."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..errors import problem_text
from ..model import HiringRound


def _counts_line(rnd: HiringRound) -> str:
    parts = []
    for r in rnd.row_counts.itertuples(index=False):
        q = f", {r.quarantined} quarantined" if r.quarantined else ""
        parts.append(f"{r.sheet} {r.loaded}/{r.read} rows loaded{q}")
    return "; ".join(parts)


def problems_text(rounds: list[HiringRound], failed: list[tuple[str, str]] = (), *, limit: int = 200) -> str:
    """A readable report: per file a status line, row accounting and one line per problem."""
    lines = []
    per_file = Counter(rnd.source for rnd in rounds)
    for rnd in rounds:
        n_err, n_warn = len(rnd.errors), len(rnd.warnings)
        status = "OK" if n_err == 0 else "ERRORS"
        which = f" [{rnd.round_id}: {rnd.role.role}]" if per_file[rnd.source] > 1 else ""  # an export of several jobs: say which
        lines.append(f"{rnd.source}{which}: {status} — {n_err} error(s), {n_warn} warning(s)")
        lines.append(f"  {_counts_line(rnd)}")
        probs = _reading_order(rnd.problems)
        width = max((len(x) for x in probs["location"]), default=0)
        for i, p in enumerate(probs.itertuples(index=False)):
            if i == limit:
                lines.append(f"  ... and {len(probs) - limit} more (use --json for all)")
                break
            lines.append(f"  {p.severity:<7} {p.location:<{width}}  {problem_text(p)}")
    for file, message in failed:
        lines.append(f"{file}: CANNOT READ — {message}")
    if rounds or failed:
        total_err = sum(len(r.errors) for r in rounds) + len(failed)
        lines.append("")
        lines.append(f"{len(rounds)} round(s) checked, {len(failed)} unreadable input(s), {total_err} error(s).")
    return "\n".join(lines)


def _reading_order(problems: pd.DataFrame) -> pd.DataFrame:
    """Errors before warnings; within them sheet by sheet in the order checked (Role, Criteria, Candidates, then Scores, so
    that a cause such as a missing column comes before the rows it spoils), a sheet's whole-sheet or whole-column problems
    first, then row by row."""
    order = pd.DataFrame({
        "severity": problems["severity"].map({"error": 0, "warning": 1}).fillna(2),
        "sheet": pd.factorize(problems["sheet"].astype("object").fillna(""))[0],
        "has_row": problems["row"].notna(),
        "row": problems["row"].astype("Float64").fillna(0),
    }, index=problems.index)
    return problems.loc[order.sort_values(["severity", "sheet", "has_row", "row"], kind="stable").index]


def _records(df: pd.DataFrame) -> list[dict]:
    out = df.astype(object).where(df.notna(), None).to_dict(orient="records")
    return [{k: (int(v) if hasattr(v, "is_integer") and k in ("row", "read", "loaded", "quarantined") else v) for k, v in r.items()} for r in out]


def validation_json(rounds: list[HiringRound], failed: list[tuple[str, str]] = ()) -> dict:
    return {
        "files": [
            {
                "file": r.source,
                "round_id": r.round_id,
                "ok": r.ok,
                "errors": len(r.errors),
                "warnings": len(r.warnings),
                "row_counts": {x["sheet"]: {k: x[k] for k in ("read", "loaded", "quarantined")} for x in _records(r.row_counts)},
                "problems": _records(r.problems.drop(columns=["round_id"])),
                "rejected_rows": _records(r.rejected_rows.drop(columns=["round_id"])),
            }
            for r in rounds
        ]
        + [{"file": f, "ok": False, "errors": 1, "warnings": 0, "fatal": m} for f, m in failed],
        "ok": all(r.ok for r in rounds) and not failed,
    }
