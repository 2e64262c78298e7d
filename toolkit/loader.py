"""`load_round` and `load_rounds`: files in, validated `HiringRound`s out."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pandas as pd

from .errors import InputFileError, ToolkitError
from .memory import arrow_allocator
from .model import HiringRound, Rounds
from .readers.csvfiles import TEXT_SUFFIXES
from .readers.dispatch import export_kind, read_path
from .readers.excel import WORKBOOK_SUFFIXES
from .readers.mapping import read_mapping
from .validate import Problems, build_round, check_people


def round_id_for(path: str | os.PathLike) -> str:
    """A stable id from the file name: 'Berlin Social Media Lead.xlsx' -> 'berlin-social-media-lead'."""
    stem = Path(path).stem
    slug = re.sub(r"[^\w]+", "-", stem.casefold(), flags=re.UNICODE).strip("-")
    return slug or "round"


def load_round(path: str | os.PathLike, *, strict: bool = False, as_of: dt.date | str | None = None, round_id: str | None = None,
               mapping=None) -> HiringRound:
    """Load one hiring round into a validated HiringRound.

    ``path`` is a workbook (.xlsx, .xlsm, .xls, .ods) or CSV of any layout the
    readers detect (canonical, long, wide, one sheet per interviewer; see
    docs/importing.md), or a folder holding a relational, Greenhouse or Lever
    export of a single job. ``mapping`` (a TOML path, a dict, or a
    `readers.mapping.Mapping`) says what detection cannot infer; what was
    detected is in ``round.details``.

    Every problem is collected in ``round.problems``. Rows with errors are
    quarantined in ``round.rejected_rows``; ``round.row_counts`` accounts for
    every row read. With ``strict=True`` any error raises one ScorecardError
    listing all of them. ``as_of`` (default today) is the date against which
    "in the future" is judged.
    """
    with arrow_allocator():
        return _load_round(path, strict=strict, as_of=as_of, round_id=round_id, mapping=mapping)


def _load_round(path, *, strict, as_of, round_id, mapping) -> HiringRound:
    rid = str(round_id) if round_id is not None and str(round_id).strip() else round_id_for(path)
    ahead = _Ahead(rid, as_of)
    rounds = read_path(path, mapping, ready=ahead)
    if len(rounds) != 1:
        keys = [r.key for r in rounds]
        raise InputFileError(
            f"this export holds {len(rounds)} jobs ({', '.join(keys[:5])}{' ...' if len(keys) > 5 else ''}), one round each",
            file=str(path), hint="Use load_rounds() for all of them, or name one in a mapping file: job = \"%s\"" % keys[0])
    if rounds[0].key and not round_id:
        rid = f"{rid}-{round_id_for(rounds[0].key)}"
    return build_round(rounds[0].raw, round_id=rid, as_of=as_of, strict=strict, people=ahead.people)


class _Ahead:
    """Checks the Role, Criteria and Candidates sheets (`validate.check_people`) while the reader still reads the Scores sheet.

    The reader calls it from its other thread once those sheets are final;
    `build_round` uses the result only if it was made from the very tables
    it gets, and checks them itself otherwise.
    """

    def __init__(self, round_id: str, as_of) -> None:
        self.round_id, self.as_of, self.people = round_id, as_of, None

    def __call__(self, file, role, criteria, candidates, sheet_names) -> None:
        self.people = check_people(file, role, criteria, candidates, sheet_names, round_id=self.round_id,
                                   as_of=self.as_of or dt.date.today())


INPUT_SUFFIXES = WORKBOOK_SUFFIXES + TEXT_SUFFIXES
FOLDER_SUFFIXES = WORKBOOK_SUFFIXES + (".csv", ".tsv")  # .txt in a folder is more often a README than data


def _is_report(folder: Path) -> bool:
    """Whether ``folder`` is a report Debrief wrote (`report.OWNED` marks it): its workbooks are no input."""
    return (folder / ".debrief-report").is_file()


def workbook_paths(folder_or_paths) -> list[Path]:
    """Expand folders into the files to load (sorted; Excel lock files '~$...' and hidden files skipped).

    A folder that is a relational, Greenhouse or Lever export stays one path
    (it is read as a whole); other folders give their workbooks and CSV/TSV
    files and their sub-folders that are such exports.
    """
    items = [folder_or_paths] if isinstance(folder_or_paths, (str, os.PathLike)) else list(folder_or_paths)
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir() and _is_report(p):  # its workbooks are a report's output: no scorecards
            raise InputFileError("this folder is a report Debrief wrote, not a folder of scorecards", file=str(p),
                                 hint="Pass the scorecards the report was made from")
        if p.is_dir() and export_kind(p) is None:
            try:
                entries = list(p.iterdir())
            except OSError as exc:
                raise InputFileError(f"the folder cannot be read ({exc.strerror or exc})", file=str(p),
                                     hint="Check that you may open the folder, or pass the files in it") from None
            found = sorted(q for q in entries if q.is_file() and q.suffix.lower() in FOLDER_SUFFIXES and not q.name.startswith(("~$", ".")))
            found += sorted(q for q in entries if q.is_dir() and export_kind(q) is not None)
            if not found:
                raise InputFileError("no workbooks in this folder", file=str(p), allowed=", ".join(INPUT_SUFFIXES),
                                     hint="Put the scorecard workbooks in the folder or pass the files")
            out += found
        else:
            out.append(p)
    unique: dict[Path, Path] = {}  # the same file given twice ("rounds rounds/*.xlsx") is one input, read once
    for p in out:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())


def _plain_folders(folder_or_paths):
    """(folder, its entries, sorted) for each given folder that is not an export and can be listed."""
    items = [folder_or_paths] if isinstance(folder_or_paths, (str, os.PathLike)) else list(folder_or_paths)
    for item in items:
        p = Path(item)
        if not p.is_dir() or export_kind(p) is not None or _is_report(p):  # a report: refused whole
            continue
        try:
            yield p, sorted(p.iterdir())
        except OSError:
            continue  # `workbook_paths` says the folder cannot be read


def folders_not_read(folder_or_paths) -> list[Path]:
    """The sub-folders of the given folders that hold workbooks but are not read (`workbook_paths` reads a folder's own
    files and its export sub-folders, not every folder below it: a report folder kept beside the inputs must not be read
    as input). The command line names them, so that a round in a sub-folder is not missed unseen."""
    out = []
    for _p, entries in _plain_folders(folder_or_paths):
        for sub in (q for q in entries if q.is_dir() and not q.name.startswith(".") and export_kind(q) is None
                    and not _is_report(q)):  # a report written beside the inputs is no input
            if any(f.is_file() and f.suffix.lower() in FOLDER_SUFFIXES and not f.name.startswith(("~$", ".")) for f in sub.rglob("*")):
                out.append(sub)
    return out


NOT_DATA_SUFFIXES = (".md", ".txt", ".toml", ".rst", ".log")  # notes, READMEs and mapping files beside the inputs
NOT_DATA_NAMES = ("thumbs.db", "desktop.ini")  # what Windows keeps in folders


def files_not_read(folder_or_paths) -> list[Path]:
    """The files directly in the given folders that `workbook_paths` skips because of their kind (a Numbers file, a PDF,
    an .xlsb, a .tab text table, which is read only when passed by name): the command line names them, so that a round
    saved in another format is not missed unseen. Notes, READMEs and mapping files (`NOT_DATA_SUFFIXES`), hidden and
    Excel lock files are not named."""
    out = []
    for _p, entries in _plain_folders(folder_or_paths):
        out += [q for q in entries if q.is_file() and not q.name.startswith(("~$", ".")) and q.name.lower() not in NOT_DATA_NAMES
                and q.suffix.lower() not in FOLDER_SUFFIXES + NOT_DATA_SUFFIXES]
    return out


def load_rounds(folder_or_paths, *, strict: bool = False, as_of: dt.date | str | None = None, mapping=None, on_error=None) -> Rounds:
    """Load several rounds (a folder, or a list of files and folders) into `Rounds`.

    Round ids come from the file names and are made unique (``-2``, ``-3``...)
    when two files share a name in different folders. An export folder
    (relational, Greenhouse, Lever) gives one round per job, with ids
    ``<folder>-<job>``. ``mapping`` applies to every file.

    A file that cannot be read raises its `ToolkitError`; with ``on_error``,
    ``on_error(path, error)`` is called instead and the other files are loaded
    (`debrief validate` and `debrief report` list such files and exit 1).
    ``on_error`` may also be a list: ``(file, message)`` pairs are appended to
    it, as `toolkit.render.problems.problems_text` takes them.
    """
    if isinstance(on_error, list):
        failed = on_error
        on_error = lambda path, error: failed.append((str(path), str(error)))  # noqa: E731
    elif on_error is not None and not callable(on_error):
        raise ToolkitError("on_error is a function of (path, error) or a list to collect them in", value=on_error,
                           hint="Pass on_error=[] and look at it after loading, or on_error=lambda path, error: print(path, error)")
    m = read_mapping(mapping)
    rounds, seen = [], {}
    with arrow_allocator():
        _load_each(workbook_paths(folder_or_paths), m, rounds, seen, strict=strict, as_of=as_of, on_error=on_error)
    return Rounds(tuple(rounds))


def _load_each(paths, m, rounds: list, seen: dict, *, strict, as_of, on_error=None) -> None:
    from .errors import ToolkitError

    copies = _Copies()
    for p in paths:
        mine, ids = [], dict(seen)  # a file that fails part-way leaves no round and takes no id
        try:
            _load_one(p, m, mine, ids, strict=strict, as_of=as_of)
        except ToolkitError as exc:
            if on_error is None:
                raise
            on_error(p, exc)
            continue
        rounds.extend(copies.mark(p, mine))
        seen.update(ids)


class _Copies:
    """Input files with the same bytes as one read before (a workbook copied into a second folder): each round of such a
    copy gets a warning, since its candidates would be counted twice in every figure across rounds. Files are hashed
    only when another has their size."""

    def __init__(self) -> None:
        self.by_size: dict[int, list[tuple[Path, list[str]]]] = {}
        self.digests: dict[Path, str] = {}

    def _digest(self, p: Path) -> str:
        if p not in self.digests:
            import hashlib

            h = hashlib.sha256()
            with open(p, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    h.update(chunk)
            self.digests[p] = h.hexdigest()
        return self.digests[p]

    def mark(self, p: Path, rounds: list) -> list:
        try:
            if not p.is_file():
                return rounds
            size = p.stat().st_size
            same = next(((q, ids) for q, ids in self.by_size.get(size, []) if self._digest(q) == self._digest(p)), None)
        except OSError:
            return rounds
        if same is None:
            self.by_size.setdefault(size, []).append((p, [r.round_id for r in rounds]))
            return rounds
        from dataclasses import replace

        first, first_ids = same
        out = []
        for r in rounds:
            warning = Problems(str(p))
            warning.add("warning", None, "duplicate_file",
                        f"this file has the same contents as {first} (round {', '.join(first_ids) or 'none'}): its candidates are "
                        "counted twice in every figure across rounds", hint="Remove one of the two files from the inputs")
            extra = warning.frame()
            extra.insert(0, "round_id", r.round_id)
            out.append(replace(r, problems=pd.concat([r.problems, extra.astype(r.problems.dtypes.to_dict())], ignore_index=True)))
        return out


def _load_one(p, m, rounds: list, seen: dict, *, strict, as_of) -> None:
    """The rounds of one file or export folder, appended to ``rounds``; ``seen`` holds the round ids taken."""
    ahead = _Ahead(round_id_for(p), as_of)
    for r in read_path(p, m, ready=ahead):
        base = round_id_for(p) if r.key is None else f"{round_id_for(p)}-{round_id_for(r.key)}"
        rid, k = base, 2
        while rid in seen:  # a/round.xlsx, b/round.xlsx -> round, round-2; then c/round-2.xlsx -> round-2-2, never a second round-2
            rid, k = f"{base}-{k}", k + 1
        seen[rid] = True
        rounds.append(build_round(r.raw, round_id=rid, as_of=as_of, strict=strict, people=ahead.people))
