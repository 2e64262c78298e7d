"""Killing `debrief report` half-way never costs the previous report.

A real run is started on generated rounds and killed with SIGKILL (no
cleanup code runs) while it builds and while it writes its files. After
each kill the previous report is byte-for-byte as it was and holds no
half-written file; the next run works, replaces the report and leaves no
stale copies of the candidates' data beside it.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolkit.sample import write_sample

ROOT = Path(__file__).resolve().parents[1]


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _report(data: Path, out: Path, as_of: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "toolkit.cli", "report", str(data), "--out", str(out), "--as-of", as_of],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _leftovers(out: Path) -> list[str]:
    """Hidden working folders of the report writer beside the output (staging copies, the moved-aside old report)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    data = tmp_path_factory.mktemp("rounds")
    write_sample(data, rounds=2, candidates=45, seed=9)  # ~330 files: writing them takes about a tenth of a second
    return data


@pytest.fixture(scope="module")
def first_report(rounds, tmp_path_factory):
    out = tmp_path_factory.mktemp("first") / "reports"
    done = subprocess.run([sys.executable, "-m", "toolkit.cli", "report", str(rounds), "--out", str(out), "--as-of", "2026-03-20"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (out / "README.md").write_text("Our notes on these reports.\n")
    return out


@pytest.fixture
def previous(first_report, tmp_path):
    """A finished report of 2026-03-20, with a note of the user's own in the folder (a fresh copy per test)."""
    out = tmp_path / "reports"
    shutil.copytree(first_report, out)
    return out, _tree(out)


def _kill_when(proc: subprocess.Popen, ready, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def _staging_has_files(out: Path) -> bool:
    return any(p.is_file() for s in out.parent.glob(f".{out.name}.staging-*") for p in s.rglob("*"))


@pytest.mark.parametrize("when", ["while building", "while writing"])
def test_a_killed_run_leaves_the_previous_report_byte_for_byte_and_the_next_run_works(rounds, previous, when):
    out, before = previous
    proc = _report(rounds, out, "2026-03-27")
    if when == "while building":  # the staging folder is made once the rounds are loaded; files follow the analytics
        _kill_when(proc, lambda: any(out.parent.glob(f".{out.name}.staging-*")))
        assert not _staging_has_files(out), "the run was meant to die before writing"
    else:
        _kill_when(proc, lambda: _staging_has_files(out))

    assert out.is_dir() and _tree(out) == before  # same files, same bytes: nothing half-written, nothing added
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]

    done = subprocess.run([sys.executable, "-m", "toolkit.cli", "report", str(rounds), "--out", str(out), "--as-of", "2026-03-27"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    after = _tree(out)
    assert set(after) == set(before) and after != before  # the same tree, now speaking for 2026-03-27
    assert "2026-03-27" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "README.md").read_text() == "Our notes on these reports.\n"
    assert _leftovers(out) == [], "copies of the candidates' data were left beside the report"


def test_a_run_killed_between_moving_the_old_report_aside_and_moving_the_new_one_in_is_recovered(rounds, previous):
    """The one moment the folder is not in place (two renames): the next run puts the old report back first."""
    out, before = previous
    aside = out.parent / f".{out.name}.previous"
    out.rename(aside)  # the state a kill between the two renames leaves
    staging = out.parent / f".{out.name}.staging-999999"
    (staging / "round-01").mkdir(parents=True)
    (staging / "round-01" / "committee.html").write_text("<html>half")
    done = subprocess.run([sys.executable, "-m", "toolkit.cli", "report", str(rounds), "--out", str(out), "--as-of", "2026-03-20"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _tree(out) == before  # the same inputs and date: the same bytes, the user's note kept
    assert _leftovers(out) == []


def test_the_same_report_twice_gives_the_same_bytes_and_leaves_the_inputs_as_they_were(rounds, previous):
    out, before = previous
    inputs = _tree(rounds)
    done = subprocess.run([sys.executable, "-m", "toolkit.cli", "report", str(rounds), "--out", str(out), "--as-of", "2026-03-20"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _tree(out) == before
    assert _tree(rounds) == inputs
