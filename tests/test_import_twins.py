"""Each real-world-shaped file loads to the same canonical tables as its clean twin.

The files in tests/data/real-world/ were made by LibreOffice or in the byte
shape of real exports (see make_files.py there); each twin is a canonical
workbook holding the same round with the scores put on 1-5 by hand. Same
candidates (names, and ids where the file has ids), interviewers, criteria
(names, ranks, weights), stages, interview dates and normalised scores.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import toolkit

HERE = Path(__file__).resolve().parent / "data" / "real-world"
MANIFEST = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
AS_OF = "2026-03-20"


def load(entry) -> toolkit.HiringRound:
    mapping = HERE / entry["mapping"] if entry["mapping"] else None
    path = HERE / entry["file"]
    if path.is_dir() and entry["file"].startswith("14-"):
        return toolkit.load_rounds(path, as_of=AS_OF, mapping=mapping)[0]
    return toolkit.load_round(path, as_of=AS_OF, mapping=mapping)


def view(rnd: toolkit.HiringRound, *, ids: bool) -> dict:
    """The parts of a round that a twin must match, as plain sorted lists."""
    name = dict(zip(rnd.candidates["candidate_id"], rnd.candidates["name"]))
    who = (lambda cid: (cid, name[cid])) if ids else (lambda cid: name[cid])
    crit = rnd.criteria
    scores = rnd.scores
    return {
        "candidates": sorted(who(c) for c in rnd.candidates["candidate_id"]),
        "interviewers": sorted(set(scores["interviewer"])),
        "criteria": [(c, int(r), round(float(w), 4)) for c, r, w in zip(crit["criterion"], crit["rank"], crit["weight"])],
        "scores": sorted(
            (who(c), i, str(k), "" if pd.isna(s) else s, "" if pd.isna(d) else str(d.date()),
             None if pd.isna(v) else round(float(v), 4))
            for c, i, k, s, d, v in zip(scores["candidate_id"], scores["interviewer"], scores["criterion"], scores["stage"],
                                        scores["interviewed_on"], scores["score"])
        ),
    }


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_file_loads_like_its_clean_twin(entry):
    messy = load(entry)
    twin = toolkit.load_round(HERE / entry["twin"], as_of=AS_OF)
    assert twin.ok, twin.problems
    assert messy.ok, messy.errors[["location", "message", "value"]].to_string()
    has_ids = not set(messy.candidates["candidate_id"]) <= {f"C{i:02d}" for i in range(1, 100)}
    got, want = view(messy, ids=has_ids), view(twin, ids=has_ids)
    for part in ("candidates", "interviewers", "criteria"):
        assert got[part] == want[part], part
    assert len(got["scores"]) == len(want["scores"])
    assert got["scores"] == want["scores"]


def test_at_least_twelve_differently_shaped_files():
    layouts = {toolkit.load_round(HERE / e["file"], as_of=AS_OF, mapping=HERE / e["mapping"] if e["mapping"] else None).details["layout"]
               for e in MANIFEST if not e["file"].startswith("14-")}
    suffixes = {Path(e["file"]).suffix or "folder" for e in MANIFEST}
    assert len(MANIFEST) >= 12
    assert {"long", "wide", "per_interviewer", "greenhouse", "lever"} <= layouts
    assert {".xlsx", ".ods", ".xls", ".csv", ".tsv", "folder"} <= suffixes


EXPECTED_LAYOUT = {"01": "long", "02": "wide", "03": "wide", "04": "per_interviewer", "05": "per_interviewer", "06": "long",
                   "07": "long", "08": "wide", "09": "wide", "10": "long", "11": "wide", "12": "long", "13": "wide",
                   "14": "relational", "15": "greenhouse", "16": "lever", "17": "per_interviewer", "18": "per_interviewer"}


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_inspect_reports_the_layout_and_what_was_read(entry, capsys):
    from toolkit.cli import main

    args = ["inspect", str(HERE / entry["file"])]
    if entry["mapping"]:
        args += ["--mapping", str(HERE / entry["mapping"])]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"layout: {EXPECTED_LAYOUT[entry['file'][:2]]} (" in out
    assert "scale: " in out and "-> 1-5" in out
    assert "criteria: " in out and "read: " in out
