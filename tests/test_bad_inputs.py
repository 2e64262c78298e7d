"""The bad-input corpus (tests/data/bad): every file ends in its expected outcome and nothing is lost.

Each file is listed in ``tests/data/bad/EXPECTED.toml`` with what loading it
must give: a `ToolkitError` subclass whose message names the file, the
place and what to do, or a round whose row counts, problems and loaded
values are written down by hand. On top of the per-file expectations every
loaded round must account for every row (read = loaded + quarantined, each
quarantined row listed with its reason, and read + rows left out as totals
or notes = the data rows in the file). The corpus files are never changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import cli
from toolkit.errors import InputFileError, ScorecardError, ToolkitError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "bad"
EXPECTED = tomllib.loads((CORPUS / "EXPECTED.toml").read_text(encoding="utf-8"))
AS_OF = "2026-03-20"
NOT_INPUTS = {"make_corpus.py", "EXPECTED.toml", "README.md", "__pycache__"}
# Made at test time (git cannot keep a file that nobody may read): see the tests at the end.
RUNTIME_CASES = ("unreadable.xlsx (chmod 000)",)


def _hashes() -> dict[str, str]:
    out = {}
    for p in sorted(CORPUS.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            out[str(p.relative_to(CORPUS))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module", autouse=True)
def corpus_is_never_modified():
    before = _hashes()
    yield
    assert _hashes() == before, "loading the corpus changed a file in it"


def _shown(v) -> str:
    """A loaded cell as text for comparison: missing -> '', dates as YYYY-MM-DD, whole floats without .0."""
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def check(name: str) -> tuple[list[str], int]:
    """Load one corpus file; return (what went other than expected, rows lost)."""
    exp, path = EXPECTED[name], CORPUS / name
    wrong: list[str] = []
    try:
        rnd = toolkit.load_round(path, as_of=AS_OF)
    except ToolkitError as exc:
        if exp["outcome"] != "fails":
            return [f"expected to load, failed with {type(exc).__name__}: {exc}"], 0
        message = str(exc).casefold()
        if type(exc).__name__ != exp["error"]:
            wrong.append(f"raised {type(exc).__name__}, expected {exp['error']}")
        wrong += [f"message lacks {w!r}: {exc}" for w in exp["says"] if w.casefold() not in message]
        if exc.file is None or not exc.file.endswith(name.rstrip("/")):
            wrong.append(f"the error does not carry the file: {exc.file!r}")
        if not exc.hint:
            wrong.append("the error says nothing about what to do")
        return wrong, 0
    except Exception as exc:  # a dependency's exception reached the user: the worst outcome
        return [f"raw {type(exc).__name__} from a dependency: {exc}"], 0
    if exp["outcome"] != "loads":
        return [f"expected {exp['error']}, but it loaded: {rnd!r}"], 0

    counts = {r.sheet: [int(r.read), int(r.loaded), int(r.quarantined)] for r in rnd.row_counts.itertuples()}
    if counts != exp["rows"]:
        wrong.append(f"row counts {counts}, expected {exp['rows']}")
    lost = 0
    rejected = rnd.rejected_rows.groupby("sheet").size().to_dict()
    for sheet, (read, loaded, quarantined) in counts.items():
        if read != loaded + quarantined:
            wrong.append(f"{sheet}: read {read} != loaded {loaded} + quarantined {quarantined}")
            lost += abs(read - loaded - quarantined)
        if rejected.get(sheet, 0) != quarantined:
            wrong.append(f"{sheet}: {quarantined} quarantined but {rejected.get(sheet, 0)} rows in rejected_rows")
    excluded = pd.Series([e["sheet"] for e in rnd.details.get("excluded_rows") or []], dtype="str").value_counts().to_dict()
    for sheet, in_file in exp["file_rows"].items():
        seen = counts.get(sheet, [0])[0] + excluded.get(sheet, 0)
        if seen != in_file:
            wrong.append(f"{sheet}: the file has {in_file} data rows, {seen} were read or left out with a warning")
            lost += abs(in_file - seen)
    severities = rnd.problems["severity"].value_counts().to_dict()
    if (severities.get("error", 0), severities.get("warning", 0)) != (exp["errors"], exp["warnings"]):
        wrong.append(f"{severities.get('error', 0)} errors and {severities.get('warning', 0)} warnings, "
                     f"expected {exp['errors']} and {exp['warnings']}:\n{rnd.problems[['severity', 'rule', 'location']]}")
    found = set(zip(rnd.problems["severity"], rnd.problems["rule"], rnd.problems["location"]))
    wrong += [f"missing problem {tuple(p)}" for p in exp.get("problems", []) if tuple(p) not in found]
    for p in rnd.problems.itertuples():
        if p.file != str(path) or not p.location or not p.message:
            wrong.append(f"problem without file, place or message: {p}")
        if p.severity == "error" and not isinstance(p.hint, str):
            wrong.append(f"error without a hint: {p.location} {p.message}")
    for v in exp.get("values", []):
        table = getattr(rnd, v["table"])
        cells = table.loc[table["source_row"] == v["row"], v["column"]]
        if len(cells) != 1:
            wrong.append(f"{v['table']} row {v['row']}: {len(cells)} loaded rows")
            continue
        got = _shown(cells.iloc[0])
        if "equals" in v and got != v["equals"]:
            wrong.append(f"{v['table']} row {v['row']} {v['column']}: {got!r}, expected {v['equals']!r}")
        if "length" in v and len(got) != v["length"]:
            wrong.append(f"{v['table']} row {v['row']} {v['column']}: {len(got)} characters, expected {v['length']}")
    if exp["errors"]:
        try:
            toolkit.load_round(path, as_of=AS_OF, strict=True)
            wrong.append("strict=True did not raise")
        except ScorecardError as exc:
            text = str(exc)
            missing = [loc for loc in rnd.errors["location"] if loc not in text]
            if name not in text or missing:
                wrong.append(f"strict error does not name the file and every place ({missing[:3]})")
    return wrong, lost


def test_every_corpus_file_has_an_expected_outcome_and_the_corpus_is_large_enough():
    files = {p.name for p in CORPUS.iterdir() if p.name not in NOT_INPUTS}
    assert files == set(EXPECTED)
    assert len(files) + len(RUNTIME_CASES) >= 40
    assert all(e["outcome"] in ("loads", "fails") and e["what"] for e in EXPECTED.values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_ends_in_its_expected_outcome(name):
    wrong, lost = check(name)
    assert not wrong, "\n".join(wrong)
    assert lost == 0


def test_corpus_figure_matches_the_readme(capsys):
    """The README's 'N bad inputs tried, N handled, 0 rows lost' is what this run measured."""
    results = {name: check(name) for name in sorted(EXPECTED)}
    results.update({case: _unreadable_case() for case in RUNTIME_CASES})
    tried = len(results)
    handled = sum(1 for wrong, _ in results.values() if not wrong)
    lost = sum(n for _, n in results.values())
    figure = f"{tried} bad inputs tried, {handled} handled, {lost} rows lost"
    with capsys.disabled():
        print(f"\n{figure}")
    assert handled == tried and lost == 0, {k: v for k, v in results.items() if v[0]}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert figure in readme, f"README.md should state: {figure}"


def test_debrief_validate_reports_every_file_and_never_shows_a_traceback(capsys):
    paths = [str(CORPUS / n) for n in sorted(EXPECTED) if not (CORPUS / n).is_dir()]
    code = cli.main(["validate", "--json", "--as-of", AS_OF, *paths])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    report = json.loads(out)
    fatal = {Path(f["file"]).name: f["fatal"] for f in report["files"] if "fatal" in f}
    assert set(fatal) == {n for n, e in EXPECTED.items() if e["outcome"] == "fails" and not (CORPUS / n).is_dir()}
    assert all(name in message for name, message in fatal.items())
    loaded = {Path(f["file"]).name: f for f in report["files"] if "fatal" not in f}
    assert set(loaded) == {n for n, e in EXPECTED.items() if e["outcome"] == "loads"}
    assert all(loaded[n]["errors"] == EXPECTED[n]["errors"] for n in loaded)
    code = cli.main(["validate", str(CORPUS / "folder-named.xlsx")])
    out, err = capsys.readouterr()
    assert code == 1 and "folder-named.xlsx" in err and "Traceback" not in out + err


def test_the_corpus_is_made_again_byte_for_byte_by_its_script():
    sys.path.insert(0, str(CORPUS))
    try:
        import make_corpus
    finally:
        sys.path.remove(str(CORPUS))
    assert set(make_corpus.CASES) <= set(EXPECTED)
    for name, build in make_corpus.CASES.items():
        assert build() == (CORPUS / name).read_bytes(), f"{name} differs from what make_corpus.py makes"


# -- a file nobody may read --------------------------------------------------------------------------


def _unreadable_file(folder: Path) -> Path:
    path = folder / "unreadable.xlsx"
    path.write_bytes((CORPUS / "declared-1048576-rows.xlsx").read_bytes())
    path.chmod(0o000)
    return path


def _unreadable_case() -> tuple[list[str], int]:
    """The unreadable file as one corpus case: loading it must fail with InputFileError naming file and cure."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _unreadable_file(Path(tmp))
        real_access = os.access
        os.access = lambda p, mode, **kw: False if Path(p) == path else real_access(p, mode, **kw)
        try:
            toolkit.load_round(path)
            return ["an unreadable file loaded"], 0
        except InputFileError as exc:
            ok = "permission denied" in str(exc) and str(path) in str(exc) and exc.hint
            return ([] if ok else [f"unclear message: {exc}"]), 0
        except Exception as exc:
            return [f"raw {type(exc).__name__}: {exc}"], 0
        finally:
            os.access = real_access
            path.chmod(0o600)


def test_an_unreadable_file_is_refused_by_the_permission_check(tmp_path, monkeypatch):
    """As root, permissions never stop a read, so the check is exercised by making os.access say no."""
    path = _unreadable_file(tmp_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == path else real_access(p, mode, **kw))
    with pytest.raises(InputFileError) as info:
        toolkit.load_round(path)
    assert str(path) in str(info.value) and "permission denied" in str(info.value)
    assert "read access" in info.value.hint
    path.chmod(0o600)


def _without_read_override() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, the capabilities that let root read any file."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_an_unreadable_file_is_refused_for_a_user_who_may_not_read_it(tmp_path):
    """For real, in a process that file permissions do stop: root runs it without the two capabilities that let
    root read any file (so it reads as any other user would); other users run it as themselves."""
    path = _unreadable_file(tmp_path)
    script = ("import os, sys, toolkit\n"
              "from toolkit.errors import InputFileError\n"
              "try:\n    open(sys.argv[1], 'rb')\n    print('READABLE')\nexcept PermissionError:\n    pass\n"
              "try:\n    toolkit.load_round(sys.argv[1])\n    print('LOADED')\n"
              "except InputFileError as exc:\n    print('InputFileError:', exc)\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          preexec_fn=_without_read_override if os.geteuid() == 0 else None)
    path.chmod(0o600)
    assert done.returncode == 0, done.stderr
    assert "READABLE" not in done.stdout, "the check ran in a process that can read the file anyway"
    assert done.stdout.startswith("InputFileError:"), done.stdout + done.stderr
    assert str(path) in done.stdout and "permission denied" in done.stdout and "read access" in done.stdout
