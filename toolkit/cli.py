"""`debrief ...`: a thin command line over the library. No logic lives here."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ToolkitError
from .schema import LANGUAGES


def _cmd_validate(args) -> int:
    from .loader import load_rounds, workbook_paths
    from .render.problems import problems_text, validation_json

    _name_folders_not_read(args.paths)
    failed_files = []  # a file that cannot be read is listed; the others are checked (round ids unique across all of them)
    rounds = list(load_rounds(workbook_paths(args.paths), as_of=args.as_of, mapping=args.mapping, on_error=failed_files))
    _name_export_files_not_read(rounds)
    if args.json:
        print(json.dumps(validation_json(rounds, failed_files), indent=2, ensure_ascii=False))
    else:
        print(problems_text(rounds, failed_files))
    return 1 if failed_files or any(not r.ok for r in rounds) else 0


def _name_export_files_not_read(rounds) -> None:
    """Data files inside an export folder that are no table of the export (a spreadsheet saved beside the CSVs): named
    once per folder, as the files beside workbooks are (`_name_folders_not_read`)."""
    from .loader import FOLDER_SUFFIXES

    said = set()
    for r in rounds:
        folder, unused = r.details.get("file"), r.details.get("files_not_used") or []
        data = [f for f in unused if Path(f).suffix.lower() in FOLDER_SUFFIXES]
        if data and folder not in said:
            said.add(folder)
            print(f"debrief: {len(data)} file(s) in the export {folder} are none of its tables and are not read: "
                  f"{', '.join(data[:5])}{' ...' if len(data) > 5 else ''}", file=sys.stderr)


def _name_folders_not_read(paths) -> None:
    from .loader import files_not_read, folders_not_read

    from .readers.csvfiles import TEXT_SUFFIXES

    skipped = files_not_read(paths)
    text = [p for p in skipped if p.suffix.lower() in TEXT_SUFFIXES]
    other = [p for p in skipped if p not in text]

    def some(ps):
        return f"{', '.join(str(p) for p in ps[:5])}{' ...' if len(ps) > 5 else ''}"

    if other:
        print(f"debrief: {len(other)} file(s) in the folder are not workbooks or CSV and are not read: {some(other)}. "
              "Save a round as .xlsx to include it", file=sys.stderr)
    if text:
        print(f"debrief: {len(text)} text file(s) in the folder are not read there: {some(text)}. Pass one by name if it "
              "holds a round", file=sys.stderr)
    for folder in folders_not_read(paths):
        print(f"debrief: the folder {folder} holds workbooks but is not read (only the files directly in {folder.parent} are); "
              "pass it too if its rounds belong here", file=sys.stderr)


def _cmd_template(args) -> int:
    from .workbook import write_scorecard_workbook

    names = [c.strip() for c in args.criteria.split(",") if c.strip()] if args.criteria else None
    role = {"scale": args.scale} if args.scale is not None else None
    write_scorecard_workbook(args.out, role, criteria_names=names, overwrite=args.force, language=args.language)
    print(f"Wrote {args.out}: fill in the Role, Criteria, Candidates and Scores sheets, then run: debrief validate {args.out}")
    return 0


def _cmd_sample(args) -> int:
    from .sample import write_sample

    paths = write_sample(args.out_dir, rounds=args.rounds, candidates=args.candidates, seed=args.seed, overwrite=args.force)
    for p in paths:
        print(p)
    return 0


def _cmd_report(args) -> int:
    from tqdm import tqdm

    from .loader import load_rounds, workbook_paths
    from .report import report_to_folder

    inputs = workbook_paths(args.paths)
    _name_folders_not_read(args.paths)
    if args.templates is not None and Path(args.templates).expanduser().is_dir():
        from .render.environment import unused_templates

        for rel, like in unused_templates(args.templates):  # a file in the wrong place overrides nothing, silently
            print(f"debrief: {Path(args.templates) / rel} overrides no built-in template and is not used"
                  + (f" (did you mean {Path(args.templates) / like}?)" if like else ""), file=sys.stderr)
    unreadable = []  # one unreadable file does not stop the report on the others: it is listed, and the exit status is 1

    def cannot_read(path, exc):
        unreadable.append((str(path), str(exc)))
        print(f"debrief: {exc}", file=sys.stderr)

    rounds = load_rounds(inputs, as_of=args.as_of, mapping=args.mapping, on_error=cannot_read)
    _name_export_files_not_read(rounds)
    if not len(rounds):
        print("debrief: no input could be read; nothing was written", file=sys.stderr)
        if args.json:  # a script reads why from stdout, as when some inputs could be read
            print(json.dumps({"index": None, "files": 0, "rounds": 0, "data_errors": 0, "rounds_with_errors": [],
                              "unreadable": [{"file": f, "reason": why} for f, why in unreadable]}, indent=2, ensure_ascii=False))
        return 1
    n = int(sum((r.candidates["status"] != "hired").sum() for r in rounds))
    bar = tqdm(total=n, unit="candidate", desc="feedback", disable=args.json or not sys.stderr.isatty() or n < 200, file=sys.stderr)
    report, index = report_to_folder(rounds, args.out, inputs=[*args.paths, *inputs], as_of=args.as_of, anonymize=args.anonymize,
                                     templates_dir=args.templates, progress=bar.update, unreadable=unreadable)
    bar.close()
    totals = report.summary["totals"]
    errors = sum(len(r.errors) for r in rounds)
    if args.json:
        print(json.dumps({"index": str(index), "files": len(report.files), **totals, "data_errors": errors,
                          "rounds_with_errors": [r.round_id for r in rounds if len(r.errors)],
                          "unreadable": [{"file": f, "reason": why} for f, why in unreadable]}, indent=2, ensure_ascii=False))
    else:
        print(f"{totals['rounds']} round(s), {totals['candidates']} candidate(s), {totals['overdue_now']} overdue now, "
              f"{totals['lint_findings']} letter/notes finding(s), {errors} data error(s).")
        if totals["letters_without_recipient"]:  # an address missing, unusable or shared with another candidate
            print(f"{totals['letters_without_recipient']} letter draft(s) have no recipient: each one's call notes say why.")
        print(f"Wrote {len(report.files)} files. Open: {index}")  # last: what to do next
    if unreadable:
        print(f"debrief report: {len(unreadable)} input(s) could not be read and are not in the report (index.html lists them).",
              file=sys.stderr)
    if errors:  # the report is written (it lists the errors), but its letters are not ready to send: say so to scripts too
        bad = [r.round_id for r in rounds if len(r.errors)]
        print(f"debrief report: data errors in {', '.join(bad)}: the letters of {'this round' if len(bad) == 1 else 'these rounds'} "
              "may rest on quarantined rows. Fix the workbook (debrief validate FILE names each cell) and run the report again.",
              file=sys.stderr)
        return 1
    return 1 if unreadable else 0


def _cmd_inspect(args) -> int:
    from .readers.inspect import inspect_path, inspection_text, mapping_text

    from .render.write import write_atomic

    info = inspect_path(args.path, mapping=args.mapping)
    if args.write_mapping:
        target = Path(args.write_mapping)
        if target.is_dir():
            print(f"debrief: {target} is a folder; give a file name for the mapping, such as {target / 'mapping.toml'}", file=sys.stderr)
            return 1
        if target.exists() and not args.force:
            print(f"debrief: {target} exists; pass --force to replace it", file=sys.stderr)
            return 1
        if not target.parent.is_dir():
            print(f"debrief: the folder {target.parent} does not exist; create it first, or write the mapping elsewhere", file=sys.stderr)
            return 1
        write_atomic(target, mapping_text(info))
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
    else:
        print(inspection_text(info))
        if args.write_mapping:
            print(f"Wrote {args.write_mapping}: edit it, then load with --mapping / load_round(path, mapping=...)")
    return 1 if info.get("draft") else 0  # a draft: the file does not load as it is


def _day(text: str) -> str:
    """--as-of: an ISO date (`coerce.parse_as_of`), refused here so that the message names the option."""
    from .coerce import parse_as_of

    try:
        parse_as_of(text)
    except ToolkitError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD (such as 2026-03-20)") from None
    return text


def _scale(text: str) -> str:
    """--scale: lowest-highest as the loader reads a Role scale, refused here so that the message names the option."""
    from .readers.scales import parse_scale

    if parse_scale(text) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a scale as lowest-highest (such as 1-5, 1-10 or 0-100)")
    return text.strip()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="debrief", description="Hiring-committee scorecards: validate, compare, report and write feedback.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check scorecard workbooks and list every problem (exit 1 if any error)")
    p.add_argument("paths", nargs="+", help="workbooks or folders of workbooks")
    p.add_argument("--json", action="store_true", help="print problems and row counts per sheet as JSON")
    p.add_argument("--as-of", type=_day, default=None, help="judge future dates against this date (YYYY-MM-DD; default today)")
    p.add_argument("--mapping", default=None, help="a mapping file (TOML) for what detection cannot infer (see debrief inspect)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("template", help="write a blank scorecard workbook for a committee to fill in")
    p.add_argument("out", help="the .xlsx file to write")
    p.add_argument("--criteria", help='comma-separated criteria, most important first: "A,B,C"')
    p.add_argument("--scale", type=_scale, help="the score scale, e.g. 1-10 or 0-100 (default 1-5): the Role sheet says it and the score and bar "
                                  "cells check against it")
    p.add_argument("--language", choices=LANGUAGES, default="en",
                   help="the language of the instructions, notes and prompts (default en); headings and drop-down values stay the "
                        "format's words; de or sv also makes it the letters' language on the Role sheet")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=_cmd_template)

    p = sub.add_parser("sample", help="write deterministic synthetic rounds (for trying things out and benchmarks)")
    p.add_argument("out_dir", help="folder to write round-01.xlsx, round-02.xlsx ... into (made if missing)")
    p.add_argument("--rounds", type=int, default=3, help="how many rounds (default 3)")
    p.add_argument("--candidates", type=int, default=8, help="candidates per round (default 8)")
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same rounds (default 0)")
    p.add_argument("--force", action="store_true", help="overwrite sample files that already exist")
    p.set_defaults(func=_cmd_sample)
    p = sub.add_parser("report", help="committee reports, process health, talent pool and every candidate's feedback")
    p.add_argument("paths", nargs="+", help="workbooks or folders of workbooks")
    p.add_argument("--out", required=True, help="output folder (must not hold the inputs)")
    p.add_argument("--as-of", type=_day, default=None, help="the date the report speaks for (YYYY-MM-DD; default today)")
    p.add_argument("--anonymize", action="store_true", help="pseudonyms instead of names and emails in cross-round outputs")
    p.add_argument("--templates", default=None, help="a folder of letter templates that override the built-in ones")
    p.add_argument("--json", action="store_true", help="print a machine-readable summary of the run")
    p.add_argument("--mapping", default=None, help="a mapping file (TOML) applied to every input")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("inspect", help="show how a file is read: layout, header row, column -> field, scale, rows left out")
    p.add_argument("path", help="a workbook, CSV, or export folder (relational, Greenhouse, Lever)")
    p.add_argument("--mapping", default=None, help="a mapping file (TOML) to apply while reading")
    p.add_argument("--write-mapping", metavar="FILE", default=None, help="write an editable mapping (TOML) of what was detected")
    p.add_argument("--force", action="store_true", help="overwrite the mapping file if it exists")
    p.add_argument("--json", action="store_true", help="print everything detected as JSON")
    p.set_defaults(func=_cmd_inspect)
    return parser


def _unknown_option(parser: argparse.ArgumentParser, argv: list[str]) -> str | None:
    """A message for the first --option the chosen command does not have, with the closest it has: argparse checks
    required options first, so '--ouf reports' was reported as "--out is required", hiding the typo."""
    import difflib

    sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    command = next((t for t in argv if not t.startswith("-")), None)
    if sub is None or command not in sub.choices:
        return None
    known = set(sub.choices[command]._option_string_actions) | set(parser._option_string_actions)
    for token in argv:
        option = token.split("=", 1)[0]
        if token == "--":
            return None
        if option.startswith("--") and option not in known and not any(o.startswith(option) for o in known):
            near = difflib.get_close_matches(option, sorted(o for o in known if o.startswith("--")), n=1, cutoff=0.6)
            return (f"debrief {command}: unknown option {option}" + (f"; did you mean {near[0]}?" if near else "")
                    + f" (debrief {command} --help lists them)")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if (unknown := _unknown_option(parser, argv)) is not None:
        print(unknown, file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    from .memory import arrow_allocator

    try:
        with arrow_allocator():
            return args.func(args)
    except ToolkitError as exc:
        print(f"debrief: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("debrief: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (debrief validate ... | head): stop quietly, as other tools do
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes stdout at exit
        return 1
    except OSError as exc:  # the system refused a file or folder that no message above names: say which, not a traceback
        print(f"debrief: {exc.filename or 'a file'}: {exc.strerror or exc}. Check that it exists and that you may read "
              "(or, for output, write) it", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
