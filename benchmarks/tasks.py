"""One measurement each, run in a fresh Python process by `run.py` (``run.py --task NAME FILE``).

Every task prepares what it needs first (imports, loading a round) and
times only the work named; it prints one JSON object: ``seconds`` (the timed
work), ``peak_rss_mb`` (the process's peak resident memory, imports and
preparation included) and what else the task reports.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script (``python benchmarks/tasks.py load FILE``): `benchmarks.datasets` importable
    sys.path.insert(0, str(ROOT))

AS_OF = "2026-03-20"  # the generated rounds' as-of date (toolkit.sample.GENERATED_AS_OF)


def peak_rss_mb(who=resource.RUSAGE_SELF) -> float:
    """This process's peak resident set size in MB. On Linux from /proc/self/status (VmHWM), which starts afresh when
    the process starts its program: ru_maxrss does not, so a task started by a runner that had just written a 1M-row
    dataset reported the runner's 1.6 GB as its own."""
    if who == resource.RUSAGE_SELF:
        try:
            with open("/proc/self/status", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024  # kB
        except OSError:
            pass
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


# ---------------------------------------------------------------------------
# reading


def task_baseline(path: str) -> dict:
    """Python with toolkit, pandas, fastexcel and openpyxl imported: the memory every other task starts from."""
    import fastexcel  # noqa: F401
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401

    import toolkit  # noqa: F401
    import toolkit.report  # noqa: F401

    return {"seconds": 0.0}


WARM_UP = Path(__file__).resolve().parent.parent / "data" / "sample" / "berlin-social-media-lead.xlsx"
"""A small workbook each reader reads once before the timed run, so that no first-use import or cache is timed."""


def _warm_up_for(path: str) -> Path:
    """The 10,000-row benchmark workbook of the same layout as ``path`` (a wide file is read another way than a long
    one; the 10,000-row file itself for that size), else `WARM_UP`: the loader's first-use work (imports done on first
    call, pandas' and pyarrow's first use of a kernel) is not timed. Nothing in the loader caches by file."""
    from benchmarks import datasets

    for layout in ("long", "wide"):
        if Path(path).name.startswith(f"{layout}-"):
            small = datasets.path_for(layout, 10_000)
            if small.exists():
                return small
    return WARM_UP


def task_fastexcel(path: str) -> dict:
    """The floor: fastexcel (calamine in Rust, writing Arrow) reads every sheet into pandas, nothing checked."""
    import fastexcel

    warm = fastexcel.read_excel(str(WARM_UP))
    [warm.load_sheet(name).to_pandas() for name in warm.sheet_names]

    def run():
        reader = fastexcel.read_excel(path)
        return {name: reader.load_sheet(name).to_pandas() for name in reader.sheet_names}

    seconds, frames = _same_allocator(lambda: _timed(run))
    return {"seconds": seconds, "rows": {k: len(v) for k, v in frames.items()}}


def _same_allocator(fn):
    """``fn()`` with pyarrow allocating as in `toolkit.load_round` (`toolkit.memory.arrow_allocator`), so that the
    references are measured under the same conditions as the loader and no ratio comes from the allocator."""
    from toolkit.memory import arrow_allocator

    with arrow_allocator():
        return fn()


def task_openpyxl(path: str) -> dict:
    """The common way today: pandas.read_excel with openpyxl, every sheet, nothing checked."""
    import pandas as pd

    pd.read_excel(WARM_UP, sheet_name=None, engine="openpyxl")
    seconds, frames = _same_allocator(lambda: _timed(lambda: pd.read_excel(path, sheet_name=None, engine="openpyxl")))
    return {"seconds": seconds, "rows": {k: len(v) for k, v in frames.items()}}


def task_calamine_pandas(path: str) -> dict:
    """pandas.read_excel with its calamine engine (python-calamine), every sheet, nothing checked."""
    import pandas as pd

    pd.read_excel(WARM_UP, sheet_name=None, engine="calamine")
    seconds, frames = _same_allocator(lambda: _timed(lambda: pd.read_excel(path, sheet_name=None, engine="calamine")))
    return {"seconds": seconds, "rows": {k: len(v) for k, v in frames.items()}}


def task_load(path: str) -> dict:
    """toolkit.load_round: read, detect the layout, normalise scales and dates, validate every row, build typed tables."""
    import toolkit

    toolkit.load_round(_warm_up_for(path), as_of=AS_OF)
    seconds, rnd = _timed(lambda: toolkit.load_round(path, as_of=AS_OF))
    counts = {r["sheet"]: int(r["loaded"]) for r in rnd.row_counts.to_dict("records")}
    return {"seconds": seconds, "rows": counts, "errors": len(rnd.errors), "warnings": len(rnd.warnings),
            "layout": rnd.details.get("layout")}


def task_load_mimalloc(path: str) -> dict:
    """`task_load` with pyarrow's own default allocator (mimalloc) instead of the one Debrief picks (`toolkit.memory`):
    what that choice is worth, measured in the same benchmark run."""
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "mimalloc"  # read by pyarrow when it first allocates; toolkit then keeps it
    out = task_load(path)
    import pyarrow as pa

    assert pa.default_memory_pool().backend_name == "mimalloc"
    return out


# ---------------------------------------------------------------------------
# analytics


ANALYTICS = ("criterion_matrix", "weighted_totals", "evidence", "timelines", "process_health")
EXTRA_ANALYTICS = ("candidate_summary", "interviewer_calibration", "rank_robustness")


def task_analytics(path: str, repeat: int = 3) -> dict:
    """Each analytics function on a loaded round, ``repeat`` times in this process; median seconds per function. Each
    call starts cold: the sum is what the functions cost one after another with nothing shared between them."""
    import toolkit
    from toolkit import analytics as an

    rnd = toolkit.load_round(path, as_of=AS_OF)
    state: dict = {}

    def call(name):
        if name == "timelines":
            state["tl"] = an.timelines(rnd, as_of=AS_OF)
            return state["tl"]
        if name == "process_health":
            tl = state.get("tl")
            if tl is None:
                tl = state["tl"] = an.timelines(rnd, as_of=AS_OF)
            return an.process_health(tl, by="round_id")
        return getattr(an, name)(rnd)

    from toolkit.analytics import scoring

    def cold(name):  # without what an earlier call left behind (the factorized ids: `scoring.factorize_text`)
        scoring._FACTORIZED.clear()
        return _timed(lambda: call(name))[0]

    medians = {}
    for name in (*ANALYTICS, *EXTRA_ANALYTICS):
        times = [cold(name) for _ in range(repeat)]
        medians[name] = statistics.median(times)
    return {"seconds": sum(medians[n] for n in ANALYTICS), "per_function": medians, "score_rows": len(rnd.scores),
            "candidates": len(rnd.candidates)}


# ---------------------------------------------------------------------------
# feedback and report


def task_feedback(path: str) -> dict:
    """Compose and render every letter candidate's four files (letter.html, .txt, .eml, call-notes.html) in memory."""
    import toolkit
    from toolkit import analytics as an
    from toolkit.report import candidate_files

    rnd = toolkit.load_round(path, as_of=AS_OF)
    summary = an.candidate_summary(rnd)
    profiles = an.criterion_profiles(rnd)

    def run():
        from toolkit.feedback import compose_round

        feedbacks = compose_round(rnd, summary=summary, as_of=AS_OF)
        return candidate_files(rnd, feedbacks, profiles)

    seconds, built = _timed(run)
    n = len(built["letters"])
    letter_sizes = [len(v) for k, v in built["files"].items() if k.endswith("letter.html")]
    return {"seconds": seconds, "candidates": n, "files": len(built["files"]),
            "candidates_per_second": n / seconds if seconds else None, "files_per_second": len(built["files"]) / seconds,
            "largest_letter_html": max(letter_sizes, default=0)}


def task_report(path: str, where: str = "disk") -> dict:
    """`debrief report FILE --out DIR`, end to end: a new process, reading, analytics, every file written.

    ``where`` is "disk" (a folder in the system's temporary folder) or "memory"
    (/dev/shm, a RAM disk: what the report costs without the disk). On disk,
    ``write_floor`` times plain Python writing the same files into a fresh
    folder on the same disk right after: what creating that many files costs there.
    """
    bin_dir = Path(sys.executable).parent
    debrief = bin_dir / "debrief"
    cmd = [str(debrief)] if debrief.exists() else [sys.executable, "-m", "toolkit.cli"]
    base = "/dev/shm" if where == "memory" and os.path.isdir("/dev/shm") else None
    tmp = tempfile.mkdtemp(prefix="debrief-bench-", dir=base)
    try:
        out = Path(tmp) / "report"
        start = time.perf_counter()
        proc = subprocess.run([*cmd, "report", path, "--out", str(out), "--as-of", AS_OF, "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"debrief report failed: {proc.stderr[-2000:]}")
        result = {"seconds": seconds, "where": "memory" if base else "disk",
                  "peak_rss_mb_report": peak_rss_mb(resource.RUSAGE_CHILDREN), **_report_tree(out)}
        if not base:
            files = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
            again = Path(tmp) / "floor"
            start = time.perf_counter()
            for rel, data in files.items():
                target = again / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as fh:
                    fh.write(data)
            result["write_floor"] = time.perf_counter() - start
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        os.sync()  # the removed tree's disk work is not left for the next measurement


def _report_tree(out: Path) -> dict:
    """What a written report holds: files, candidate folders (all four files each?), largest pages, embedded plotly.js."""
    files = [p for p in out.rglob("*") if p.is_file()]
    candidate_files_ = [p for p in files if "candidates" in p.parts]
    letter_folders = {p.parent for p in candidate_files_}
    complete = all({"letter.html", "letter.txt", "letter.eml", "call-notes.html"} <= {q.name for q in f.iterdir()}
                   for f in letter_folders)
    return {"files": len(files), "candidate_folders": len(letter_folders), "every_candidate_has_four_files": complete,
            "largest_letter_html": max((p.stat().st_size for p in candidate_files_ if p.name == "letter.html"), default=0),
            "largest_call_notes_html": max((p.stat().st_size for p in candidate_files_ if p.name == "call-notes.html"), default=0),
            "pages_embedding_plotly_js": [str(p.relative_to(out)) for p in files if p.suffix == ".html" and _embeds_plotly(p)],
            "output_mb": sum(p.stat().st_size for p in files) / 1024**2}


def _embeds_plotly(page: Path) -> bool:
    """True when an HTML page carries its own copy of plotly.js (a page that uses the shared assets/plotly.min.js does not)."""
    with open(page, "rb") as fh:
        return b"plotly.js v" in fh.read()  # the banner at the top of plotly.min.js


TASKS = {name[5:]: fn for name, fn in globals().items() if name.startswith("task_")}


def main(argv: list[str]) -> None:
    name, path, *rest = argv
    result = TASKS[name](path, *[int(x) if x.isdigit() else x for x in rest])
    result["peak_rss_mb"] = peak_rss_mb()
    result["task"] = name
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
