"""The benchmark workbooks: synthetic rounds at a given number of score rows, long and wide, cached on disk.

Both layouts come from `toolkit.sample.generate_round` with the same seed, so
they hold the same round:

- ``long``: the canonical workbook (Instructions, Role, Criteria, Candidates,
  Scores with one row per candidate x interviewer x criterion x stage),
  written by `toolkit.workbook.write_scorecard_workbook`;
- ``wide``: Role, Criteria and Candidates as above, and a Scores sheet with
  one row per candidate x interviewer x stage and one column per criterion
  (what many committees keep), written with openpyxl in write-only mode.

A round has 2 interviewers, 5 criteria and 2 stages: 20 score rows per
candidate, so 100,000 score rows are 5,000 candidates. Files are cached in
``benchmarks/data/`` under a name that holds every parameter; delete the
folder to regenerate.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent / "data"
SEED = 1
INTERVIEWERS = 2
CRITERIA = 5
STAGES = ("Screening", "Panel")
ROWS_PER_CANDIDATE = INTERVIEWERS * CRITERIA * len(STAGES)
FORMAT_VERSION = 1  # bump when the way files are made changes


def candidates_for(score_rows: int) -> int:
    return max(1, score_rows // ROWS_PER_CANDIDATE)


def path_for(layout: str, score_rows: int) -> Path:
    return DATA / (f"{layout}-{score_rows}rows-{candidates_for(score_rows)}cand-{INTERVIEWERS}int-{CRITERIA}crit-"
                   f"{len(STAGES)}st-seed{SEED}-v{FORMAT_VERSION}.xlsx")


def tables(score_rows: int) -> dict:
    from toolkit.sample import generate_round

    return generate_round(SEED, candidates_for(score_rows), n_interviewers=INTERVIEWERS, n_criteria=CRITERIA,
                          stages=STAGES, preset="en")


def ensure(layout: str, score_rows: int, log=print) -> Path:
    """The cached workbook for (layout, score rows), written first if it is not there."""
    path = path_for(layout, score_rows)
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    t = tables(score_rows)
    log(f"  writing {path.name} ({len(t['scores']):,} score rows, {layout}) ...")
    tmp = path.with_suffix(".tmp.xlsx")
    if layout == "long":
        from toolkit.workbook import write_scorecard_workbook

        write_scorecard_workbook(tmp, **t, overwrite=True)
    elif layout == "wide":
        write_wide(tmp, t)
    else:
        raise ValueError(layout)
    os.replace(tmp, path)
    return path


def _cell(v):
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime().date()
    if isinstance(v, bool):
        return "yes" if v else "no"
    if hasattr(v, "item"):
        return v.item()
    return v


def _append_frame(ws, frame: pd.DataFrame) -> None:
    ws.append(list(frame.columns))
    for row in frame.astype(object).itertuples(index=False, name=None):
        ws.append([_cell(v) for v in row])


def wide_scores(scores: pd.DataFrame, criteria: list[str]) -> pd.DataFrame:
    """Scores pivoted to one row per candidate x interviewer x stage, one column per criterion (in rank order)."""
    keys = ["candidate_id", "interviewer", "stage", "interviewed_on"]
    wide = scores.pivot_table(index=keys, columns="criterion", values="score", aggfunc="first", dropna=False, sort=False,
                              observed=True)
    wide = wide.reindex(columns=criteria).reset_index()
    wide.columns.name = None
    order = scores[keys].drop_duplicates()
    return order.merge(wide, on=keys, how="left")


def write_wide(path: Path, t: dict) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    role = wb.create_sheet("Role")
    role.append(["field", "value"])
    for k, v in t["role"].items():
        role.append([k, v.isoformat() if isinstance(v, dt.date) else v])
    _append_frame(wb.create_sheet("Criteria"), t["criteria"])
    _append_frame(wb.create_sheet("Candidates"), t["candidates"])
    scores = t["scores"].assign(score=t["scores"]["score"].astype("float64"))
    _append_frame(wb.create_sheet("Scores"), wide_scores(scores, list(t["criteria"]["criterion"])))
    wb.save(path)
