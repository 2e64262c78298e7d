"""Debrief's speed and memory benchmarks: `make bench` (or `python benchmarks/run.py`) writes benchmarks/RESULTS.md.

What is measured (each run in a fresh process, see `tasks.py`; times are
medians of ``--repeat`` runs, memory the highest peak RSS of those runs):

- reading 10k, 100k and 1M score rows, long (the canonical workbook) and wide
  (one column per criterion): `toolkit.load_round` (read + detect + normalise
  + validate + typed tables) against the raw fastexcel read of the same file
  (the floor) and `pandas.read_excel(engine="openpyxl")` (the common way);
  the runs of one file alternate between the readers, so each ratio compares
  figures taken side by side;
- analytics on the loaded round (criterion matrix, weighted totals and ranks,
  evidence, timelines, process health);
- feedback files rendered per second (letter.html, letter.txt, letter.eml and
  call-notes.html for every candidate who gets a letter);
- `debrief report` end to end on 100k score rows (a new process: reading,
  analytics, every page and every candidate's files written).

Workbooks are generated once into benchmarks/data/ (see `datasets.py`).
Options: ``--sizes 10000,100000`` ``--repeat 3`` ``--openpyxl-max 100000``
(pandas+openpyxl takes about 111 s at 1M rows, so by default it is measured
up to 100k rows only) ``--out benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import datasets  # noqa: E402

TARGET_LOAD_RATIO = 1.5
TARGET_ANALYTICS_S = 1.0
TARGET_REPORT_S = 15.0
TARGET_LETTER_KB = 50
TARGET_MEMORY_MB = 1.5 * 1024


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def measure(task: str, path: Path, *extra) -> dict:
    """Run one task in a fresh process; its JSON result."""
    cmd = [sys.executable, str(Path(__file__).with_name("tasks.py")), task, str(path), *map(str, extra)]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark task {task} on {path.name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def series(task: str, path: Path, repeat: int, *extra) -> dict:
    runs = [measure(task, path, *extra) for _ in range(repeat)]
    return summarise(runs)


def summarise(runs: list[dict]) -> dict:
    out = dict(runs[-1])
    out["runs"] = [r["seconds"] for r in runs]
    out["seconds"] = statistics.median(out["runs"])
    out["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    if all("write_floor" in r for r in runs):
        out["write_floor_runs"] = [r["write_floor"] for r in runs]
        out["write_floor"] = statistics.median(out["write_floor_runs"])
    return out


# ---------------------------------------------------------------------------
# the measurements


def reading(sizes: list[int], repeat: int, openpyxl_max: int) -> list[dict]:
    rows = []
    for n in sizes:
        for layout in ("long", "wide"):
            path = datasets.ensure(layout, n, log=log)
            tasks = ["fastexcel", "load"] + (["openpyxl"] if n <= openpyxl_max else []) + (["load_mimalloc"] if n >= 100_000 else [])
            log(f"reading {path.name}: {', '.join(tasks)} x {repeat}")
            measure("fastexcel", path)  # warm the page cache
            runs: dict[str, list[dict]] = {t: [] for t in tasks}
            for _ in range(repeat):  # alternate, so that the ratios compare runs taken side by side
                for t in tasks:
                    runs[t].append(measure(t, path))
            res = {t: summarise(r) for t, r in runs.items()}
            load = res["load"]
            if load.get("errors"):
                raise SystemExit(f"{path.name} loaded with {load['errors']} errors: the benchmark data is not clean")
            rows.append({"layout": layout, "score_rows": n, "file_mb": path.stat().st_size / 1024**2, **{t: res[t] for t in tasks}})
    return rows


def analytics(sizes: list[int], repeat: int) -> list[dict]:
    out = []
    for n in sizes:
        path = datasets.ensure("long", n, log=log)
        log(f"analytics on {path.name} x {repeat}")
        out.append({"score_rows": n, **measure("analytics", path, repeat)})
    return out


def feedback(n: int, repeat: int) -> dict:
    path = datasets.ensure("long", n, log=log)
    log(f"feedback files for {path.name} x {repeat}")
    return {"score_rows": n, **series("feedback", path, repeat)}


def report(sizes: list[int], repeat: int) -> list[dict]:
    out = []
    for n in sizes:
        path = datasets.ensure("long", n, log=log)
        for where in ("disk", "memory"):
            log(f"debrief report on {path.name} ({where}) x {repeat}")
            res = series("report", path, repeat, where)
            out.append({"score_rows": n, **res})
    return out


# ---------------------------------------------------------------------------
# RESULTS.md


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("pandas", "numpy", "pyarrow", "fastexcel", "python-calamine", "openpyxl", "plotly", "jinja2"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def _machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(next(line.split()[1] for line in fh if line.startswith("MemTotal")))
        mem = f", {kb / 1024**2:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}"


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "toolkit"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        return head + (" (with uncommitted changes in toolkit/)" if dirty else "")
    except OSError:
        return "unknown"


def _s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 10 else f"{x:.1f}"


def _mb(x: float | None) -> str:
    return "–" if x is None else f"{x:,.0f}"


def _x(ratio: float) -> str:
    return f"{ratio:.0f}x"


def _spread(floor: dict, load: dict) -> str:
    """The lowest and highest ratio of a load to the floor run just before it (the runs alternate): how far one
    comparison taken side by side moves on this machine."""
    ratios = [b / a for a, b in zip(floor.get("runs", []), load.get("runs", []))]
    return f"{min(ratios):.2f}-{max(ratios):.2f}x" if ratios else "–"


def _ok(flag: bool) -> str:
    return "yes" if flag else "**no**"


def write_results(path: Path, meta: dict, read_rows, analytics_rows, feedback_row, report_rows, baseline: dict) -> None:
    lines = ["# Benchmark results", "",
             f"Written by `make bench` (`benchmarks/run.py`) on {meta['date']} in {meta['minutes']:.1f} minutes, "
             f"toolkit at commit {meta['commit']}.", "",
             f"- Machine: {meta['machine']}",
             "- Versions: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()),
             f"- Data: `toolkit.sample.generate_round` (seed {datasets.SEED}, {datasets.INTERVIEWERS} interviewers x "
             f"{datasets.CRITERIA} criteria x {len(datasets.STAGES)} stages = {datasets.ROWS_PER_CANDIDATE} score rows per "
             "candidate, about 3 % blank scores); long = the canonical workbook written by `toolkit.workbook`, wide = the same "
             "round with one column per criterion (openpyxl). See `benchmarks/datasets.py`.",
             f"- Each figure is the median of {meta['repeat']} runs, each run a fresh process; memory is the highest peak "
             f"resident set size (RSS) of those runs, including Python and the imports "
             f"(Python with toolkit, pandas, fastexcel and openpyxl imported: {_mb(baseline['peak_rss_mb'])} MB).",
             "- Ratios are computed from runs of the same benchmark run, alternating between the readers file by file.",
             "- This machine is a virtual machine (2 cores) shared with others: the same benchmark run at another hour "
             "can be up to 1.5x slower or faster, mostly in how long memory touched for the first time takes (500 MB in "
             "0.03 s when the host has the pages, 1.4 s when it has not). Compare ratios taken in one run, not seconds "
             "across runs. The ratios move too, less: when fresh memory is cheap the floor (mostly fastexcel's read in Rust) "
             "gains more than `load_round`, whose Python work after the read does not shrink, so the same code has given "
             "ratios a third apart on two runs of one day. The column *run by run* gives the lowest and highest ratio of "
             "the side-by-side pairs in this run.",
             "- The references (fastexcel, pandas+openpyxl) run with the allocator `load_round` uses (`toolkit.memory`), so "
             "that no ratio comes from the allocator; `load_round` with pyarrow's default allocator is measured on its own "
             "(\"The allocator\" below).", ""]

    lines += ["## Reading: load + validate + normalise", "",
              "`toolkit.load_round` (read every sheet, detect the layout, put scores on the scale, read dates, validate every "
              "row, typed tables and the problems table) against the raw fastexcel read of the same file into pandas "
              "(every sheet, nothing checked: the floor) and `pandas.read_excel(sheet_name=None, engine=\"openpyxl\")`.", "",
              "| layout | score rows | file MB | fastexcel floor s | load_round s | pandas+openpyxl s | load / floor | "
              "load / floor, run by run | openpyxl / load | load peak RSS MB |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in read_rows:
        fx, ld, op = r["fastexcel"], r["load"], r.get("openpyxl")
        lines.append(f"| {r['layout']} | {r['score_rows']:,} | {r['file_mb']:.1f} | {_s(fx['seconds'])} | {_s(ld['seconds'])} | "
                     f"{_s(op['seconds']) if op else 'not run'} | {ld['seconds'] / fx['seconds']:.2f}x | {_spread(fx, ld)} | "
                     f"{_x(op['seconds'] / ld['seconds']) if op else '–'} | {_mb(ld['peak_rss_mb'])} |")
    lines += ["", "A wide file holds the same score rows in about a fifth of the cells (one column per criterion), so its "
                  "fastexcel floor is three to four times quicker than the long file's, while `load_round` still builds, "
                  "checks and types every score row, and a wide sheet goes through layout detection, the melt into one row "
                  "per score and scale detection, which a canonical long sheet does not need. Both layouts are read "
                  "column-wise by fastexcel (`readers.canonical.read_canonical_fast`, `readers.columnar.read_table_fast`). "
                  "Compare `load_round` seconds across the two layouts rather than the wide ratio.",
              "", "Before the timed run each `load_round` process loads the 10,000-row file of the same layout once, so that "
                  "first-use work (imports made on first call, pandas' and pyarrow's first use of a kernel) is not timed; "
                  "nothing in the loader is cached by file."]
    if any("openpyxl" not in r for r in read_rows):
        lines += ["", f"pandas+openpyxl is not run above {meta['openpyxl_max']:,} rows: it takes about 111 s at 1M rows on this "
                      "machine (issue 8), ten times its 100k figure, and would make `make bench` several minutes longer "
                      "(`--openpyxl-max 1000000` runs it)."]
    mim = [r for r in read_rows if "load_mimalloc" in r]
    if mim:
        lines += ["", "### The allocator", "",
                  "`load_round` has pyarrow allocate with the C library's allocator while it works (`toolkit.memory`); "
                  "pyarrow's default, mimalloc, returns freed memory to the system at once, and a page touched for the first "
                  "time is expensive on a virtual machine like this one. The same load with pyarrow's default, alternating "
                  "with the runs above:", "",
                  "| layout | score rows | load_round s | with mimalloc s | mimalloc / load |", "|---|---:|---:|---:|---:|"]
        for r in mim:
            ld, mm = r["load"]["seconds"], r["load_mimalloc"]["seconds"]
            lines.append(f"| {r['layout']} | {r['score_rows']:,} | {_s(ld)} | {_s(mm)} | {mm / ld:.2f}x |")
    lines += [""]

    lines += ["## Analytics", "",
              "Median of 3 calls each, on the loaded long round, each call cold (nothing an earlier call worked out, such as "
              "the factorized candidate ids, is kept); the total is the target's set (matrix, totals and ranks, "
              "evidence, timelines, process health).", "",
              "| score rows | candidates | criterion_matrix | weighted_totals (ranks) | evidence | timelines | process_health | "
              "**total s** | candidate_summary | interviewer_calibration | rank_robustness | peak RSS MB |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for a in analytics_rows:
        p = a["per_function"]
        lines.append(f"| {a['score_rows']:,} | {a['candidates']:,} | " + " | ".join(_s(p[k]) for k in
                     ("criterion_matrix", "weighted_totals", "evidence", "timelines", "process_health")) +
                     f" | **{_s(a['seconds'])}** | {_s(p['candidate_summary'])} | {_s(p['interviewer_calibration'])} | "
                     f"{_s(p['rank_robustness'])} | {_mb(a['peak_rss_mb'])} |")
    lines += [""]

    f = feedback_row
    lines += ["## Feedback files", "",
              f"Composing and rendering every letter for the {f['score_rows']:,}-row round in memory: "
              "letter.html, letter.txt, letter.eml and call-notes.html (with the candidate's chart) per candidate.", "",
              "| candidates | files | seconds | candidates/s | files/s | largest letter.html | peak RSS MB |",
              "|---:|---:|---:|---:|---:|---:|---:|",
              f"| {f['candidates']:,} | {f['files']:,} | {_s(f['seconds'])} | {f['candidates'] / f['seconds']:,.0f} | "
              f"{f['files'] / f['seconds']:,.0f} | {f['largest_letter_html'] / 1024:.1f} KB | {_mb(f['peak_rss_mb'])} |", ""]

    lines += ["## `debrief report` end to end", "",
              "`debrief report FILE --out DIR --as-of 2026-03-20` as a new process (start-up, reading, analytics, every page "
              "and every candidate's four files written).", "",
              "On disk, *writing the same files* times plain Python creating the same files on the same disk right "
              "after each run: this machine's disk takes that long for that many small files, whoever writes them. "
              "In memory, the report is written to /dev/shm (a RAM disk).", "",
              "| score rows | written to | seconds | writing the same files | files | candidate folders | all four files each | "
              "largest letter.html | largest call-notes.html | pages with their own plotly.js | output MB | peak RSS MB |",
              "|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|"]
    for r in report_rows:
        lines.append(f"| {r['score_rows']:,} | {r['where']} | {_s(r['seconds'])} | {_s(r.get('write_floor'))} | {r['files']:,} | "
                     f"{r['candidate_folders']:,} | "
                     f"{_ok(r['every_candidate_has_four_files'])} | {r['largest_letter_html'] / 1024:.1f} KB | "
                     f"{r['largest_call_notes_html'] / 1024:.1f} KB | {len(r['pages_embedding_plotly_js'])} | {r['output_mb']:.0f} | "
                     f"{_mb(r['peak_rss_mb_report'])} |")
    lines += [""]

    lines += ["## Targets (issue 8)", "", "| target | measured | met |", "|---|---|---|"]
    for r in read_rows:
        if r["score_rows"] >= 100_000:
            ratio = r["load"]["seconds"] / r["fastexcel"]["seconds"]
            lines.append(f"| load + validate {r['score_rows']:,} rows ({r['layout']}) within {TARGET_LOAD_RATIO}x of fastexcel | "
                         f"{ratio:.2f}x | {_ok(ratio <= TARGET_LOAD_RATIO)} |")
    for r in read_rows:
        if "openpyxl" in r and r["score_rows"] >= 100_000:
            ratio = r["openpyxl"]["seconds"] / r["load"]["seconds"]
            lines.append(f"| at least 12x faster than pandas+openpyxl ({r['layout']}, {r['score_rows']:,}) | {ratio:.0f}x | "
                         f"{_ok(ratio >= 12)} |")
    big = max(analytics_rows, key=lambda a: a["score_rows"])
    lines.append(f"| analytics on {big['score_rows']:,} score rows under {TARGET_ANALYTICS_S:g} s | {_s(big['seconds'])} s | "
                 f"{_ok(big['seconds'] < TARGET_ANALYTICS_S)} |")
    for r in report_rows:
        if r["score_rows"] >= 100_000:
            floor = f" (writing the same files alone: {_s(r['write_floor'])} s)" if r.get("write_floor") is not None else ""
            lines.append(f"| `debrief report` on {r['score_rows']:,} rows under {TARGET_REPORT_S:g} s, every file written "
                         f"({r['where']}) | {_s(r['seconds'])} s{floor}, {r['candidate_folders']:,} candidates | "
                         f"{_ok(r['seconds'] < TARGET_REPORT_S and r['every_candidate_has_four_files'])} |")
    for r in report_rows:
        if r["score_rows"] >= 100_000 and r["where"] == "disk":
            lines.append(f"| letter page under {TARGET_LETTER_KB} KB, no embedded plotly.js | "
                         f"{r['largest_letter_html'] / 1024:.1f} KB, {len(r['pages_embedding_plotly_js'])} pages embed it | "
                         f"{_ok(r['largest_letter_html'] < TARGET_LETTER_KB * 1024 and not r['pages_embedding_plotly_js'])} |")
    f_rate = f["candidates"] / f["seconds"]
    lines.append(f"| at least 500 candidates a second once loaded (four files each) | {f_rate:,.0f}/s | {_ok(f_rate >= 500)} |")
    peaks = [r["load"]["peak_rss_mb"] for r in read_rows if r["score_rows"] >= 1_000_000]
    peaks += [a["peak_rss_mb"] for a in analytics_rows if a["score_rows"] >= 1_000_000]
    if peaks:
        lines.append(f"| peak memory for 1M score rows under {TARGET_MEMORY_MB / 1024:g} GB (load; load + analytics) | "
                     f"{max(peaks):,.0f} MB | {_ok(max(peaks) < TARGET_MEMORY_MB)} |")
    lines += ["", "Raw figures of every run: `benchmarks/data/results.json` (git-ignored).", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="score rows per file, comma-separated")
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure (the median is reported; this shared machine needs five)")
    ap.add_argument("--openpyxl-max", type=int, default=100_000, help="largest file read with pandas+openpyxl")
    ap.add_argument("--report-rows", type=int, default=100_000, help="score rows for the feedback and report benchmarks")
    ap.add_argument("--out", default=str(Path(__file__).with_name("RESULTS.md")))
    ap.add_argument("--rewrite", action="store_true", help="only write RESULTS.md again from benchmarks/data/results.json")
    args = ap.parse_args(argv)
    if args.rewrite:
        raw = json.loads((datasets.DATA / "results.json").read_text(encoding="utf-8"))
        write_results(Path(args.out), raw["meta"], raw["reading"], raw["analytics"], raw["feedback"], raw["report"], raw["baseline"])
        print(Path(args.out).read_text(encoding="utf-8"))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    started = time.perf_counter()
    for n in sorted(set(sizes + [args.report_rows])):
        datasets.ensure("long", n, log=log)
    baseline = measure("baseline", datasets.path_for("long", sizes[0]))
    read_rows = reading(sizes, args.repeat, args.openpyxl_max)
    analytics_rows = analytics(sorted({args.report_rows, max(sizes)}), 3)
    feedback_row = feedback(args.report_rows, args.repeat)
    report_rows = report(sorted({min(sizes), args.report_rows}), args.repeat)
    meta = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": _machine(), "versions": _versions(),
            "commit": _commit(), "repeat": args.repeat, "openpyxl_max": args.openpyxl_max,
            "minutes": (time.perf_counter() - started) / 60}
    out = Path(args.out)
    write_results(out, meta, read_rows, analytics_rows, feedback_row, report_rows, baseline)
    raw = {"meta": meta, "baseline": baseline, "reading": read_rows, "analytics": analytics_rows, "feedback": feedback_row,
           "report": report_rows}
    datasets.DATA.mkdir(parents=True, exist_ok=True)
    (datasets.DATA / "results.json").write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    log(f"wrote {out}")
    print(out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
