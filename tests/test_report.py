"""`debrief report` on the sample rounds: the whole tree, summary.json, safety, and real-browser rendering."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import toolkit
from toolkit import OutputError, Rounds
from toolkit.cli import main
from toolkit.report import PLOTLY_ASSET, build_report, report_to_folder, write_report

AS_OF = "2026-03-20"
ROUNDS = ["berlin-social-media-lead", "manchester-data-analyst", "stockholm-ux-designer"]


@pytest.fixture(scope="module")
def rounds():
    return toolkit.load_rounds("data/sample", as_of=AS_OF)


@pytest.fixture(scope="module")
def report(rounds):
    return build_report(rounds, as_of=AS_OF)


@pytest.fixture(scope="module")
def tree(report, tmp_path_factory):
    out = tmp_path_factory.mktemp("rep") / "reports"
    write_report(report, out, inputs=[Path("data/sample")])
    return out


def test_whole_tree(tree, rounds):
    top = {"index.html", "process-health.html", "process-health.xlsx", "talent-pool.xlsx", "summary.json", PLOTLY_ASSET}
    for rel in top:
        assert (tree / rel).is_file(), rel
    for rnd in rounds:
        folder = tree / rnd.round_id
        assert (folder / "committee.html").is_file() and (folder / "mail-merge.xlsx").is_file()
        for cand in rnd.candidates.itertuples():
            files = [folder / "candidates" / cand.candidate_id / f for f in ("letter.html", "letter.txt", "letter.eml", "call-notes.html")]
            if cand.status in ("rejected", "withdrawn"):
                assert all(f.is_file() and f.stat().st_size > 0 for f in files), cand.candidate_id
            else:  # the hire gets a call, not a letter; a pending candidate has not been decided
                assert not (folder / "candidates" / cand.candidate_id).exists()


def test_summary_json_per_round_and_candidate(tree, rounds):
    summary = json.loads((tree / "summary.json").read_text(encoding="utf-8"))
    assert summary["as_of"] == AS_OF and summary["anonymized"] is False
    assert sorted(summary["rounds"]) == ROUNDS
    assert summary["totals"]["candidates"] == sum(len(r.candidates) for r in rounds) == 26
    by_key = {(c["round_id"], c["candidate_id"]): c for c in summary["candidates"]}
    # the stories in data/sample/README.md, counted by hand from the workbooks
    murat = by_key[("berlin-social-media-lead", "B05")]
    assert murat["name"] == "Murat Yılmaz" and murat["rank"] == 2 and murat["is_runner_up"] is True
    assert murat["growth_area"] == "Social-Media-Strategie" and murat["business_days_to_tell"] == 1
    assert murat["target_status"] == "on_time" and murat["channel"] == "phone"
    assert by_key[("berlin-social-media-lead", "B03")]["status"] == "hired"
    assert by_key[("berlin-social-media-lead", "B07")]["thin_evidence_on"] == "Analyse und Reporting"
    assert by_key[("berlin-social-media-lead", "B07")]["target_status"] == "late"
    assert by_key[("berlin-social-media-lead", "B08")]["target_status"] == "pending"
    for c in summary["candidates"]:
        for key in ("status", "rank", "weighted_total", "strength", "growth_area", "is_runner_up", "business_days_to_tell",
                    "target_status", "channel", "lint_findings"):
            assert key in c
    assert sorted(o["name"] for o in summary["overdue_now"]) == ["Ali Rahimi", "Emily Carter", "Wiktoria Nowak"]
    berlin = summary["rounds"]["berlin-social-media-lead"]
    # Berlin, told: B05 1, B01 2, B07 7, B02 1 (B03 is the hire) -> 3 on time of 4 told + 1 overdue (Emily Carter)
    assert berlin["share_within_target"] == pytest.approx(3 / 5)
    assert berlin["overdue_now"] == 1


def test_html_works_offline_with_one_shared_plotly(tree):
    pages = list(tree.rglob("*.html"))
    assert len(pages) > 20
    plotly = (tree / PLOTLY_ASSET).read_bytes()
    assert len(plotly) > 1_000_000
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "cdn.plot.ly" not in html and "https://cdn" not in html, page
        assert len(html) < 1_000_000, f"{page} embeds plotly.js"
        if "Plotly.newPlot" in html:
            src = html.split('<script src="')[1].split('"')[0]
            assert (page.parent / src).resolve() == (tree / PLOTLY_ASSET).resolve(), page
    letter = tree / "berlin-social-media-lead" / "candidates" / "B05" / "letter.html"
    assert letter.stat().st_size < 50_000


def test_same_inputs_give_the_same_files(report, rounds):
    again = build_report(rounds, as_of=AS_OF)
    assert report.files.keys() == again.files.keys()
    changed = [k for k in report.files if report.files[k] != again.files[k]]
    assert changed == []


def test_refuses_an_output_folder_that_holds_inputs(report, tmp_path):
    src = tmp_path / "rounds"
    shutil.copytree("data/sample", src)
    with pytest.raises(OutputError, match="holds or overlaps"):
        write_report(report, src, inputs=[src / "berlin-social-media-lead.xlsx"])
    with pytest.raises(OutputError):
        write_report(report, tmp_path, inputs=[src])
    assert sorted(p.name for p in src.iterdir()) == sorted(p.name for p in Path("data/sample").iterdir())


def test_a_report_is_never_written_among_the_files_its_rounds_were_loaded_from(tmp_path):
    """An API review: write_report(report, folder) with the rounds' own folder and no inputs= wrote the report there, and
    the next load_rounds of the folder read process-health.xlsx and talent-pool.xlsx as two more rounds."""
    src = tmp_path / "rounds"
    shutil.copytree("data/sample", src)
    rounds = toolkit.load_rounds(src, as_of=AS_OF)
    before = sorted(p.name for p in src.iterdir())
    with pytest.raises(OutputError, match="holds or overlaps"):
        write_report(build_report(rounds, as_of=AS_OF), src)
    with pytest.raises(OutputError, match="holds or overlaps"):
        report_to_folder(rounds, src, as_of=AS_OF)
    assert sorted(p.name for p in src.iterdir()) == before
    assert toolkit.load_rounds(src, as_of=AS_OF).round_ids == rounds.round_ids
    report_to_folder(rounds, tmp_path / "reports", as_of=AS_OF)  # a folder of its own is fine


def test_a_failed_write_leaves_the_previous_report_intact(report, tmp_path):
    out = tmp_path / "out"
    write_report(report, out)
    (out / "README.md").write_text("keep me")
    before = {p.relative_to(out): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*") if p.is_file()}
    # half-way through, a file cannot be written (here: its folder would have to be where a file already is,
    # which fails as a full disk or a lost network share would: with an OSError from the system)
    files = dict(report.files)
    keys = list(files)
    broken = {**{k: files[k] for k in keys[:60]}, "index.html/stray.txt": b"x", **{k: files[k] for k in keys[60:]}}
    with pytest.raises(OutputError, match="could not be written"):
        write_report(broken, out)
    after = {p.relative_to(out): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".out.*"))  # no staging folder left behind
    write_report(report, out)  # and a re-run keeps files the report does not own
    assert (out / "README.md").read_text() == "keep me"


def _hashes(folder: Path) -> dict:
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_writing_while_building_gives_the_same_files_as_building_then_writing(report, rounds, tree, tmp_path):
    out = tmp_path / "out"
    streamed, index = report_to_folder(rounds, out, inputs=[Path("data/sample")], as_of=AS_OF)
    assert index == out / "index.html"
    assert streamed.files.keys() == report.files.keys()
    assert _hashes(out) == _hashes(tree)
    assert not list(tmp_path.glob(".out.*"))


def test_a_build_that_fails_after_files_were_written_leaves_the_previous_report_intact(rounds, tmp_path, monkeypatch):
    out = tmp_path / "out"
    report_to_folder(rounds, out, as_of=AS_OF)
    (out / "README.md").write_text("keep me")
    before = _hashes(out)
    import toolkit.report as rep

    def broken(*args, **kwargs):  # every candidate's files are written by now; the cross-round pages are not
        raise toolkit.ToolkitError("the process-health page failed")

    monkeypatch.setattr(rep, "_process_health_page", broken)
    with pytest.raises(toolkit.ToolkitError, match="process-health page failed"):
        report_to_folder(rounds, out, as_of="2026-03-27")
    assert _hashes(out) == before
    assert not list(tmp_path.glob(".out.*"))  # the half-written staging folder is gone


def test_the_output_folder_is_checked_against_the_inputs_before_anything_is_built(rounds, tmp_path, monkeypatch):
    src = tmp_path / "rounds"
    shutil.copytree("data/sample", src)
    import toolkit.report as rep

    monkeypatch.setattr(rep, "build_report", lambda *a, **k: pytest.fail("built a report for a folder it must refuse"))
    with pytest.raises(OutputError, match="holds or overlaps"):
        report_to_folder(rounds, src, inputs=[src / "berlin-social-media-lead.xlsx"], as_of=AS_OF)
    assert sorted(p.name for p in src.iterdir()) == sorted(p.name for p in Path("data/sample").iterdir())


def _workbook_strings(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith(".xml"))


def test_anonymized_cross_round_outputs_hold_no_name_or_email(rounds):
    rep = build_report(rounds, as_of=AS_OF, anonymize=True, pseudonym_key=b"the folder's secret")
    people = set(rounds.candidates["name"]) | set(rounds.candidates["email"].dropna())
    for rel in ("process-health.html", "process-health.xlsx", "talent-pool.xlsx", "summary.json", "index.html"):
        data = rep.files[rel]
        text = _workbook_strings(data) if rel.endswith(".xlsx") else data.decode("utf-8")
        leaked = sorted(p for p in people if p in text)
        assert leaked == [], (rel, leaked)
    summary = json.loads(rep.files["summary.json"])
    assert all(c["name"].startswith("Candidate ") for c in summary["candidates"])
    # stable: the same pseudonyms on a second run with the same secret; another secret, other pseudonyms
    assert build_report(rounds, as_of=AS_OF, anonymize=True, pseudonym_key=b"the folder's secret").files["summary.json"] == rep.files["summary.json"]
    other = json.loads(build_report(rounds, as_of=AS_OF, anonymize=True, pseudonym_key=b"another").files["summary.json"])
    assert {c["name"] for c in other["candidates"]}.isdisjoint({c["name"] for c in summary["candidates"]})


def test_an_anonymized_index_gives_the_kind_of_each_data_problem_not_its_message_which_can_quote_a_name(tmp_path):
    """A DPO review: a scores row keyed by a misspelt name put "candidate 'Hanna Schulz' in the scores is not on the
    Candidates sheet" on the anonymized index page. The committee page, which names people anyway, keeps the message."""
    wb = openpyxl.load_workbook("data/sample/berlin-social-media-lead.xlsx")
    names = {r[0]: r[1] for r in wb["Candidates"].iter_rows(min_row=2, values_only=True)}
    criteria = [r[0] for r in wb["Criteria"].iter_rows(min_row=2, values_only=True)]
    rows: dict = {}
    for cid, interviewer, criterion, score, *_ in wb["Scores"].iter_rows(min_row=2, values_only=True):
        rows.setdefault((cid, interviewer), {})[criterion] = score
    del wb["Scores"]
    wide = wb.create_sheet("Bewertung")  # one row per candidate and interviewer, keyed by the candidate's name
    wide.append(["Bewerber:in", "Interviewer:in", *criteria])
    for (cid, interviewer), by_criterion in rows.items():
        wide.append([names[cid].replace("Hannah Schulz", "Hanna Schulz"), interviewer, *[by_criterion.get(c) for c in criteria]])
    src = tmp_path / "berlin.xlsx"
    wb.save(src)
    rounds = toolkit.load_rounds([src], as_of=AS_OF)
    assert rounds.problems["message"].str.contains("Hanna Schulz").any()
    rep = build_report(rounds, as_of=AS_OF, anonymize=True, pseudonym_key=b"k" * 32)
    index = rep.files["index.html"].decode()
    assert "Hanna" not in index and "Schulz" not in index
    assert "unknown candidate" in index and "Bewertung!A" in index  # the kind of problem and where it is
    assert "Hanna Schulz" in rep.files["berlin/committee.html"].decode()
    assert "Hanna Schulz" in build_report(rounds, as_of=AS_OF).files["index.html"].decode()  # not anonymized: as before


def test_pseudonyms_cannot_be_undone_by_trying_candidate_ids_and_stay_the_same_in_one_report_folder(rounds, tmp_path):
    """Anyone holding the shared summary.json sees the round id next to each pseudonym, and ids such as B03 are easy to
    guess; without the folder's secret (kept in .debrief-key beside the letters) trying them gives nothing."""
    import hashlib

    out = tmp_path / "out"
    report_to_folder(rounds, out, as_of=AS_OF, anonymize=True)
    first = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    report_to_folder(rounds, out, as_of=AS_OF)  # a run without --anonymize keeps the secret
    report_to_folder(rounds, out, as_of=AS_OF, anonymize=True)
    assert json.loads((out / "summary.json").read_text(encoding="utf-8")) == first
    guesses = {hashlib.sha256(f"{r}\x00{c}".encode()).hexdigest()[:8].upper()
               for r in rounds.round_ids for c in [f"{p}{i:02d}" for p in "BMS" for i in range(100)]}
    assert not guesses & {c["candidate_id"] for c in first["candidates"]}
    assert len((out / ".debrief-key").read_text().strip()) >= 32
    assert (out / ".debrief-key").stat().st_mode & 0o077 == 0  # the secret is readable by the folder's owner only


def test_no_two_candidates_of_one_report_share_a_pseudonym(monkeypatch):
    """A DPO review: 8 hex digits make two of 50,000 candidates share a pseudonym in about one report of four, and their
    rows then read as one person's. The candidates who would share one get longer ones; everyone else keeps theirs."""
    from toolkit.report import Pseudonyms, pseudonym

    key = b"the folder's secret, long enough"
    pairs = [("r1", f"C{i:03d}") for i in range(300)]
    plain = Pseudonyms(key, pairs)
    assert [plain(r, c) for r, c in pairs] == [pseudonym(r, c, key) for r, c in pairs]  # no clash: as always
    monkeypatch.setattr(Pseudonyms, "WIDTHS", (2, 3, 64))  # 300 candidates in 256 two-digit codes: clashes for certain
    short = Pseudonyms(key, pairs)
    names = [short(r, c) for r, c in pairs]
    assert len(set(names)) == len(pairs)
    widths = {len(n.split(" ")[1]) for n in names}
    assert widths >= {2, 3}  # most keep two digits, those that clashed have three (or more)
    for (r, c), n in zip(pairs, names):  # a longer one begins with the digits it would have had
        assert pseudonym(r, c, key).split(" ")[1].startswith(n.split(" ")[1][:2])


def test_a_shared_pseudonym_secret_in_the_environment_is_used_everywhere_and_copied_nowhere(rounds, tmp_path, monkeypatch):
    """DEBRIEF_PSEUDONYM_KEY is the one secret across report folders: a folder that already had a key of its own still
    gave other pseudonyms than a new folder (its own key came first), and the shared secret was copied in clear into
    every folder."""
    older = tmp_path / "older"
    report_to_folder(rounds, older, as_of=AS_OF, anonymize=True)  # a folder with a key of its own
    monkeypatch.setenv("DEBRIEF_PSEUDONYM_KEY", "shared team secret")
    report_to_folder(rounds, older, as_of=AS_OF, anonymize=True)
    report_to_folder(rounds, tmp_path / "newer", as_of=AS_OF, anonymize=True)
    ids = [{c["candidate_id"] for c in json.loads((d / "summary.json").read_text(encoding="utf-8"))["candidates"]}
           for d in (older, tmp_path / "newer")]
    assert ids[0] == ids[1]
    assert not (tmp_path / "newer" / ".debrief-key").exists()
    assert "shared team secret" not in (older / ".debrief-key").read_text()
    monkeypatch.setenv("DEBRIEF_PSEUDONYM_KEY", "k")  # one letter: found by trying keys, so refused
    with pytest.raises(OutputError, match="DEBRIEF_PSEUDONYM_KEY is 1 characters long.*at least 16 characters"):
        report_to_folder(rounds, older, as_of=AS_OF, anonymize=True)


def test_an_output_folder_reached_by_a_link_or_shared_with_a_group_keeps_being_that_folder(rounds, tmp_path):
    """The report replaces the folder's contents by swapping in a new folder. '--out reports' where reports is a link
    failed half-way ('Cannot call rmtree on a symbolic link') and left a real folder in the link's place and the link
    hidden, so every later run failed; and a folder shared with a group (drwxrws---) came back as drwxr-xr-x, the
    candidates' letters readable by everyone on the machine."""
    import grp
    import stat

    target = tmp_path / "target"
    target.mkdir()
    link = tmp_path / "reports"
    link.symlink_to(target)
    for _ in range(2):
        assert report_to_folder(rounds, link, as_of=AS_OF)[1] == link / "index.html"
    assert link.is_symlink() and (target / "index.html").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no hidden leftovers beside them

    shared = tmp_path / "shared"
    shared.mkdir()
    group = next((g.gr_gid for g in grp.getgrall() if g.gr_gid != shared.stat().st_gid and os.getuid() == 0), shared.stat().st_gid)
    os.chown(shared, -1, group)
    os.chmod(shared, 0o2770)
    report_to_folder(rounds, shared, as_of=AS_OF)
    st = shared.stat()
    assert stat.S_IMODE(st.st_mode) == 0o2770 and st.st_gid == group

    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        report_to_folder(rounds, a_file, as_of=AS_OF)


def _modes(folder: Path) -> dict[str, set[int]]:
    import stat

    out: dict[str, set[int]] = {"dirs": set(), "files": set()}
    for p in folder.rglob("*"):
        if p.name not in (".debrief-key", "README.md"):
            out["dirs" if p.is_dir() else "files"].add(stat.S_IMODE(p.stat().st_mode))
    return out


def test_what_a_report_writes_takes_the_folders_access_and_never_more_than_the_umask_allows(rounds, tmp_path):
    """A DPO review: a folder given to a team with chmod 2770, as the docs say, got subfolders 0755 and letters 0644 from
    a writer with umask 022, so a colleague's next run could not remove them (it left the old report, letters and all,
    in a hidden folder, and failed on every run after); and a new report folder was readable by everyone. A review of
    that fix: a new folder inside a team's folder must be the team's too, a 0777 folder must not make letters writable
    by everyone, and a writer's umask 077 must still keep a 0755 folder's letters private."""
    import stat

    def mode(p):
        return stat.S_IMODE(p.stat().st_mode)

    old_umask = os.umask(0o022)
    try:
        new = tmp_path / "private" / "new"
        (tmp_path / "private").mkdir(mode=0o755)
        report_to_folder(rounds, new, as_of=AS_OF, anonymize=True)
        assert mode(new) == 0o700 and _modes(new) == {"dirs": {0o700}, "files": {0o600}}
        assert mode(new / ".debrief-key") == 0o600

        team = tmp_path / "team"
        team.mkdir()
        os.chmod(team, 0o2770)
        report_to_folder(rounds, team / "march", as_of=AS_OF)  # a new folder in the team's folder is the team's
        assert mode(team / "march") == 0o2770 and _modes(team / "march") == {"dirs": {0o2770}, "files": {0o660}}

        shared = tmp_path / "shared"
        shared.mkdir()
        os.chmod(shared, 0o2770)
        (shared / "README.md").write_text("the committee's own notes")
        os.chmod(shared / "README.md", 0o640)
        report_to_folder(rounds, shared, as_of=AS_OF, anonymize=True)
        assert mode(shared) == 0o2770 and _modes(shared) == {"dirs": {0o2770}, "files": {0o660}}
        assert mode(shared / ".debrief-key") == 0o640  # the team's next run gives the same pseudonyms
        assert mode(shared / "README.md") == 0o640  # a file no report wrote stays as it was

        for folder_mode, dirs, files in ((0o755, 0o755, 0o644), (0o777, 0o775, 0o664), (0o1777, 0o775, 0o664)):
            public = tmp_path / f"public-{folder_mode:o}"
            public.mkdir()
            os.chmod(public, folder_mode)
            report_to_folder(rounds, public, as_of=AS_OF, anonymize=True)
            assert _modes(public) == {"dirs": {dirs}, "files": {files}}, oct(folder_mode)  # others never write
            assert mode(public / ".debrief-key") & 0o007 == 0  # the secret never anyone else's

        os.umask(0o077)
        strict = tmp_path / "strict"
        strict.mkdir()
        os.chmod(strict, 0o755)
        report_to_folder(rounds, strict, as_of=AS_OF)
        assert _modes(strict) == {"dirs": {0o700}, "files": {0o600}}  # a writer's umask 077 is kept in a 0755 folder
        assert mode(strict) == 0o755  # which itself stays as its owner set it
    finally:
        os.umask(old_umask)


def test_sticky_folders_and_a_teams_kept_files(rounds, tmp_path, monkeypatch):
    """A second review of the folder rules: a new report folder in a folder everyone may write (a /tmp) was opened to the
    writer's group; a colleague's copy of the README kept in a team folder became the colleague's group's, so its author
    could not read it; a sticky bit made every colleague's run fail half-way."""
    import grp
    import stat

    import toolkit.report as report_module

    def mode(p):
        return stat.S_IMODE(p.stat().st_mode)

    public = tmp_path / "public"
    public.mkdir()
    os.chmod(public, 0o1777)
    report_to_folder(rounds, public / "mine", as_of=AS_OF)
    assert mode(public / "mine") == 0o700  # not the group's: a /tmp is nobody's team

    team = tmp_path / "team"
    team.mkdir()
    group = next((g.gr_gid for g in grp.getgrall() if g.gr_gid != team.stat().st_gid), team.stat().st_gid)
    os.chown(team, -1, group)
    os.chmod(team, 0o3770)  # a sticky bit too
    (team / "README.md").write_text("the committee's notes")
    os.chown(team / "README.md", -1, os.getgid())  # written by someone whose own group is another
    os.chmod(team / "README.md", 0o660)
    report_to_folder(rounds, team, as_of=AS_OF)
    assert mode(team) == 0o2770  # no sticky bit: colleagues can replace what one wrote
    assert (team / "README.md").stat().st_gid == group and mode(team / "README.md") == 0o660  # still the team's

    os.chmod(tmp_path, stat.S_IMODE(tmp_path.stat().st_mode) | stat.S_ISVTX)  # the folder holding the report folder
    monkeypatch.setattr(report_module.os, "geteuid", lambda: team.stat().st_uid + 1)  # another user (as root, anyone may)
    with pytest.raises(OutputError, match=r"someone else's, in a folder with the sticky bit.*chmod -t"):
        report_to_folder(rounds, team, as_of=AS_OF)
    os.chmod(tmp_path, stat.S_IMODE(tmp_path.stat().st_mode) & ~stat.S_ISVTX)


def test_a_pseudonym_key_that_cannot_be_read_stops_the_report_instead_of_changing_every_pseudonym(rounds, tmp_path, monkeypatch):
    """A colleague who could not read the folder's key (0600, another owner) got a new key without a word: every
    pseudonym changed, those already shared could no longer be traced to a person, and the owner's key was replaced.
    (As root every file is readable, so the system's answer is stood in for.)"""
    out = tmp_path / "out"
    report_to_folder(rounds, out, as_of=AS_OF, anonymize=True)
    key, summary = (out / ".debrief-key").read_bytes(), (out / "summary.json").read_bytes()
    real_read = Path.read_text

    def refused(self, *args, **kwargs):
        if self.name == ".debrief-key":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refused)
    with pytest.raises(OutputError, match=r"pseudonym key of this report folder cannot be read \(Permission denied\)") as err:
        report_to_folder(rounds, out, as_of=AS_OF, anonymize=True)
    assert "DEBRIEF_PSEUDONYM_KEY" in str(err.value)
    assert (out / ".debrief-key").read_bytes() == key and (out / "summary.json").read_bytes() == summary
    monkeypatch.setenv("DEBRIEF_PSEUDONYM_KEY", key.decode().strip())  # the way round it the message names
    report_to_folder(rounds, out, as_of=AS_OF, anonymize=True)
    assert (out / "summary.json").read_bytes() == summary


def test_a_previous_report_that_cannot_be_removed_is_named_before_anything_is_built(rounds, tmp_path, monkeypatch):
    """The old report moved aside (.out.previous) holds last run's letters; when it could not be removed the run ended
    with 'Permission denied: plotly.min.js' and so did every run after, the copy staying hidden."""
    import toolkit.report as report_module

    out = tmp_path / "out"
    report_to_folder(rounds, out, as_of=AS_OF)
    left = tmp_path / ".out.previous"
    shutil.copytree(out, left)
    real_rmtree = shutil.rmtree

    def refused(path, *args, **kwargs):
        if Path(path) == left:
            raise PermissionError(13, "Permission denied", str(path))
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(report_module.shutil, "rmtree", refused)
    built = []
    monkeypatch.setattr(report_module, "build_report", lambda *a, **k: built.append(1))
    with pytest.raises(OutputError, match=r"previous report, moved aside to .*\.out\.previous, could not be removed") as err:
        report_to_folder(rounds, out, as_of=AS_OF)
    assert "holds that run's letters" in str(err.value) and not built
    (left / "notes").mkdir()  # a colleague's folder kept in the report folder, not writable by this user

    def kept_refused(path, *args, **kwargs):
        if Path(path) == left:
            raise PermissionError(13, "Permission denied", str(left / "notes" / "minutes.txt"))
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(report_module.shutil, "rmtree", kept_refused)
    with pytest.raises(OutputError, match=r"notes \(kept in the report folder, not written by a report\) is not writable by you.*chmod -R g\+w"):
        report_to_folder(rounds, out, as_of=AS_OF)
    monkeypatch.undo()
    report_to_folder(rounds, out, as_of=AS_OF)  # once it can be removed, the next run removes it
    assert not left.exists()


def test_a_read_only_output_folder_is_refused_not_replaced(rounds, tmp_path, monkeypatch):
    """A folder made read-only (chmod 555) to keep last month's report was swapped for a new, writable one. The check
    asks the system whether the folder may be written (as root it always may, so the system's answer is stood in for)."""
    import toolkit.report as report_module

    kept = tmp_path / "kept"
    report_to_folder(rounds, kept, as_of=AS_OF)
    before = sorted(p.name for p in kept.iterdir())
    real_access = os.access
    monkeypatch.setattr(report_module.os, "access", lambda p, mode: False if Path(p) == kept else real_access(p, mode))
    with pytest.raises(OutputError, match="the output folder is read-only"):
        report_to_folder(rounds, kept, as_of=AS_OF)
    assert sorted(p.name for p in kept.iterdir()) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_user_text_never_becomes_a_formula(frames):
    role, criteria, candidates, scores = frames
    candidates.loc[1, "name"] = "=HYPERLINK(\"http://evil.example\",\"click\")"
    candidates.loc[1, "notes"] = "+49 30 1234"
    candidates["stay_in_touch"] = [None, "yes", None]
    candidates["follow_up_on"] = [None, "2026-06-01", None]
    rnd = toolkit.round_from_frames(role, criteria, candidates, scores, round_id="odd", as_of=AS_OF)
    rep = build_report(rnd, as_of=AS_OF)
    for rel in ("process-health.xlsx", "talent-pool.xlsx", "odd/mail-merge.xlsx"):
        wb = openpyxl.load_workbook(io.BytesIO(rep.files[rel]))
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert all(c.data_type != "f" for c in cells), rel
        assert any(c.value.startswith("=HYPERLINK") for c in cells), rel


@pytest.mark.slow
def test_process_health_workbook_opens_in_libreoffice_and_matches_summary(tree, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is installed by `make test` (Makefile: sysdeps)"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "ods", "--outdir",
                    str(tmp_path), str(tree / "process-health.xlsx")], check=True, capture_output=True, timeout=180)
    ods = tmp_path / "process-health.ods"
    assert ods.exists()
    import pandas as pd

    by_round = pd.read_excel(ods, sheet_name="By round", engine="calamine")
    summary = json.loads((tree / "summary.json").read_text(encoding="utf-8"))
    assert len(by_round) == 3
    for row in by_round.to_dict(orient="records"):
        fig = summary["rounds"][row["Round id"]]
        assert row["Within target"] == pytest.approx(fig["share_within_target"])
        assert row["Median business days to tell"] == pytest.approx(fig["median_business_days_to_tell"])
        assert row["Overdue now"] == fig["overdue_now"]


@pytest.mark.slow
def test_pages_open_in_a_real_browser_with_charts_and_no_console_errors(tree):
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Chromium is installed by `make test` (Makefile: sysdeps)"
    pages = {"index.html": 0, "berlin-social-media-lead/committee.html": 3, "process-health.html": 3,
             "berlin-social-media-lead/candidates/B05/letter.html": 0, "berlin-social-media-lead/candidates/B05/call-notes.html": 1}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            for rel, min_charts in pages.items():
                page = browser.new_page()
                problems = []
                page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: problems.append(str(e)))
                page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
                page.goto((tree / rel).resolve().as_uri())
                page.wait_for_load_state("load")
                drawn = page.evaluate("document.querySelectorAll('.js-plotly-plot .main-svg').length")
                assert problems == [], (rel, problems)
                assert drawn >= min_charts, (rel, drawn)
                # plotly.js's own toolbar offers "Share chart", which uploads the chart (names, scores) to Chart Studio
                buttons = page.evaluate("[...document.querySelectorAll('.modebar-btn')].map(b => b.getAttribute('data-title'))")
                assert not [b for b in buttons if "Share" in b or "Chart Studio" in b], (rel, buttons)
                assert drawn == 0 or buttons, rel  # the toolbar is there (its download button is useful)
                page.close()
        finally:
            browser.close()


def test_a_letter_and_its_call_notes_read_on_a_phone_or_at_400_percent_zoom(tree):
    """WCAG 1.4.10 (reflow at 320 CSS px), from an accessibility review: the letter's A4 margins left a column of 126 px
    (12 to 15 characters a line), and the call notes' facts pushed the address off the screen."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 320, "height": 640})
            for rel in ("berlin-social-media-lead/candidates/B07/letter.html", "stockholm-ux-designer/candidates/S05/call-notes.html"):
                page.goto((tree / rel).resolve().as_uri())
                page.wait_for_load_state("load")
                wide = page.evaluate("document.documentElement.scrollWidth")
                assert wide <= 320, (rel, wide)  # nothing to scroll sideways
                text_width = page.evaluate("Math.min(...[...document.querySelectorAll('p, dd, li')].map(e => e.getBoundingClientRect().width).filter(w => w > 0))")
                assert text_width >= 200, (rel, text_width)
        finally:
            browser.close()


def test_the_committee_heatmap_is_also_a_table_and_links_say_where_they_go(report, rounds):
    """WCAG 1.1.1 and 2.4.4 from an accessibility review: the heatmap's means were in no table, and the committee page's
    links all read 'letter' or 'call notes' (the index's 'open')."""
    from toolkit.analytics import evidence

    rnd = rounds["berlin-social-media-lead"]
    page = report.files["berlin-social-media-lead/committee.html"].decode()
    numbers = page[page.index("The chart in numbers"):]
    numbers = numbers[:numbers.index("</table>")]
    ev = evidence(rnd)
    tobias = ev[(ev["candidate_id"] == "B07")]  # his thin 'Analyse und Reporting' is marked as in the chart
    expected = ["Tobias Schmitt"] + [f"{m:.1f}" + (" ?" if t else "") for m, t in zip(tobias["mean_score"], tobias["insufficient"])]
    # the means stand right-aligned, as numbers are read down a column; the names do not
    assert "<tr><td>" + expected[0] + '</td><td class="num">' + '</td><td class="num">'.join(expected[1:]) + "</td></tr>" in numbers
    # the criteria are the committee's German words on an English page: marked, so a screen reader reads them as German
    assert '<th scope="col">Candidate</th><th scope="col" class="num" lang="de">1. ' in numbers
    assert '<h1><span lang="de">' in page
    thin = page[page.index("<h2>Thin evidence</h2>"):]
    thin = thin[:thin.index("</table>")]
    assert '<td lang="de">' in thin and "Analyse und Reporting" in thin
    english = report.files["manchester-data-analyst/committee.html"].decode()
    assert " lang=" not in english.replace('<html lang="en">', "")  # an English round's words need no mark
    assert ' aria-label="Letter to Tobias Schmitt">letter</a>' in page and ' aria-label="Call notes for Tobias Schmitt">call notes</a>' in page
    assert 'aria-label="Open the committee report: Social-Media-Lead">open</a>' in report.files["index.html"].decode()


def test_namesakes_are_told_apart_in_the_committee_tables_and_links(tmp_path):
    """A review: the heatmap said 'Sam Taylor (M03)' and 'Sam Taylor (M02)', its table and the letter links only 'Sam
    Taylor' twice."""
    from toolkit.edit import copy_with_cells

    src = copy_with_cells("data/sample/berlin-social-media-lead.xlsx", tmp_path / "in" / "b.xlsx", {"Candidates!B3": "Lena Hoffmann"})
    rnd = toolkit.load_round(src, as_of=AS_OF)
    twins = rnd.candidates[rnd.candidates["name"] == "Lena Hoffmann"]["candidate_id"].tolist()
    assert len(twins) == 2
    page = build_report(Rounds([rnd]), as_of=AS_OF).files["b/committee.html"].decode()
    numbers = page[page.index("The chart in numbers"):]
    status = rnd.candidates.set_index("candidate_id")["status"]
    for cid in twins:
        assert f"<tr><td>Lena Hoffmann ({cid})</td>" in numbers  # as the heatmap labels them
        if status[cid] != "hired":  # the hire gets no letter
            assert f'aria-label="Letter to Lena Hoffmann ({cid})"' in page


def test_a_long_subject_wraps_in_a_letter_on_a_phone(tmp_path):
    from playwright.sync_api import sync_playwright

    from toolkit.edit import copy_with_cells

    src = copy_with_cells("data/sample/berlin-social-media-lead.xlsx", tmp_path / "in" / "b.xlsx",
                          {"Role!B2": "Kundenbeziehungsmanagementverantwortliche"})
    out = tmp_path / "out"
    report_to_folder(toolkit.load_rounds([src], as_of=AS_OF), out, as_of=AS_OF)
    letter = next(out.glob("b/candidates/*/letter.html"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 320, "height": 640})
            page.goto(letter.resolve().as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
            padding = page.evaluate("getComputedStyle(document.querySelector('.letter')).paddingLeft")
            page.set_viewport_size({"width": 1024, "height": 800})  # a laptop: the sheet keeps its A4 margins
            assert page.evaluate("getComputedStyle(document.querySelector('.letter')).paddingLeft") != padding
            assert abs(float(page.evaluate("getComputedStyle(document.querySelector('.letter')).paddingLeft")[:-2]) - 94.5) < 1
        finally:
            browser.close()


def test_cli_report_prints_where_to_open(tmp_path, capsys):
    out = tmp_path / "r"
    assert main(["report", "data/sample/berlin-social-media-lead.xlsx", "--out", str(out), "--as-of", AS_OF]) == 0
    text = capsys.readouterr().out
    assert str(out / "index.html") in text
    assert main(["report", "data/sample", "--out", "data/sample", "--as-of", AS_OF]) == 1


def test_a_rejection_drafted_to_an_address_another_candidate_has_goes_to_nobody_and_says_why(tmp_path, capsys):
    """A DPO review: B02 (rejected) typed with the hired candidate's address got a letter.eml and a mail-merge row to
    that address, and only a warning on the committee page. Which of the two addresses is right is not known, so neither
    draft is addressed; the call notes say why (in the letter's language) and the terminal counts such drafts."""
    from toolkit.edit import copy_with_cells

    wb = openpyxl.load_workbook("data/sample/berlin-social-media-lead.xlsx")
    ws = wb["Candidates"]
    heads = [c.value for c in ws[1]]
    row = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    cell = lambda cid: f"Candidates!{openpyxl.utils.get_column_letter(heads.index('email') + 1)}{row[cid]}"  # noqa: E731
    hired_address = ws[cell("B03").split("!")[1]].value
    src = copy_with_cells("data/sample/berlin-social-media-lead.xlsx", tmp_path / "in" / "berlin.xlsx", {cell("B02"): hired_address.upper()})
    out = tmp_path / "out"
    assert main(["report", str(src), "--out", str(out), "--as-of", AS_OF]) == 0  # a warning, not a data error
    printed = capsys.readouterr().out
    assert "1 letter draft(s) have no recipient" in printed
    assert printed.strip().splitlines()[-1].startswith("Wrote ") and "Open: " in printed.strip().splitlines()[-1]  # what to do next
    b02 = out / "berlin" / "candidates" / "B02"
    eml = (b02 / "letter.eml").read_text(encoding="utf-8")
    assert hired_address not in eml.lower() and not eml.startswith("To:")
    notes = (b02 / "call-notes.html").read_text(encoding="utf-8")
    assert "ist in diesem Auswahlverfahren auch für eine andere Person eingetragen" in notes and "könnte die falsche Person erreichen" in notes
    merge = openpyxl.load_workbook(out / "berlin" / "mail-merge.xlsx")["Mail merge"]
    rows = list(merge.values)
    emails = {r[0]: r[rows[0].index("Email")] for r in rows[1:]}
    assert emails["B02"] is None and hired_address not in [str(e).lower() for e in emails.values()]
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["totals"]["letters_without_recipient"] == 1


@pytest.mark.parametrize("keep_header", [True, False])
def test_a_workbook_with_errors_gets_its_report_and_exit_status_1_and_its_call_notes_warn(tmp_path, capsys, keep_header):
    """A Criteria sheet emptied by mistake: every score is quarantined, the report still lists the errors (it used to stop
    with a KeyError from the profile chart), the call notes say the letter may rest on set-aside rows, exit status 1."""
    path = tmp_path / "in" / "berlin.xlsx"
    path.parent.mkdir()
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Criteria"]
    ws.delete_rows(2 if keep_header else 1, ws.max_row)
    wb.save(path)
    out = tmp_path / "r"
    assert main(["report", str(path), "--out", str(out), "--as-of", AS_OF]) == 1
    captured = capsys.readouterr()
    assert str(out / "index.html") in captured.out and "data errors in berlin" in captured.err
    notes = (out / "berlin" / "candidates" / "B05" / "call-notes.html").read_text(encoding="utf-8")
    assert "committee.html" in notes and "Datenfehler" in notes  # Murat's notes are in German, as his letter
    assert "Kein Diagramm beigefügt" in notes
    assert "criterion is not on the Criteria sheet" in (out / "berlin" / "committee.html").read_text(encoding="utf-8")


def test_one_unreadable_file_in_a_folder_is_listed_and_the_other_rounds_are_reported(tmp_path, capsys):
    """HR runs the year's folder; one file was saved as 0 bytes. The report covers the others, index.html and summary.json
    name the file and why, and the exit status is 1 (before, nothing at all was written)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", folder)
    shutil.copy("data/sample/manchester-data-analyst.xlsx", folder)
    (folder / "broken.xlsx").write_bytes(b"")
    out = tmp_path / "r"
    assert main(["report", str(folder), "--out", str(out), "--as-of", AS_OF]) == 1
    assert "broken.xlsx" in capsys.readouterr().err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert sorted(summary["rounds"]) == ["berlin-social-media-lead", "manchester-data-analyst"]
    assert [u["file"].endswith("broken.xlsx") and "empty" in u["reason"] for u in summary["unreadable"]] == [True]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Files that could not be read" in index and "broken.xlsx" in index
    assert main(["report", str(folder / "broken.xlsx"), "--out", str(tmp_path / "r2"), "--as-of", AS_OF]) == 1
    assert not (tmp_path / "r2").exists()


def test_load_rounds_can_skip_an_unreadable_file_and_keeps_round_ids_unique(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy("data/sample/berlin-social-media-lead.xlsx", tmp_path / sub / "round.xlsx")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "round.xlsx").write_bytes(b"not a workbook")
    failed = []
    (tmp_path / "d").mkdir()  # a file whose own name is the id the second round.xlsx got
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", tmp_path / "d" / "round-2.xlsx")
    rounds = toolkit.load_rounds([tmp_path / "a", tmp_path / "c", tmp_path / "b", tmp_path / "d"], as_of=AS_OF,
                                 on_error=lambda p, e: failed.append(p))
    assert rounds.round_ids == ["round", "round-2", "round-2-2"] and [p.parent.name for p in failed] == ["c"]
    with pytest.raises(toolkit.ToolkitError):
        toolkit.load_rounds([tmp_path / "c"], as_of=AS_OF)


def test_a_folder_whose_every_file_is_unreadable_gives_no_round_and_tables_with_their_columns(tmp_path):
    """Notebook 03 over a folder of exports that cannot be linked: the failures are collected in a list, and the
    tables of no round keep their columns, so that the notebook's tables and charts run (empty) instead of a KeyError."""
    from toolkit.analytics.health import process_health
    from toolkit.analytics.timelines import timelines
    from toolkit.render.problems import problems_text

    (tmp_path / "a.xlsx").write_bytes(b"not a workbook")
    (tmp_path / "b.xlsx").write_bytes(b"")
    failed = []
    rounds = toolkit.load_rounds(tmp_path, as_of=AS_OF, on_error=failed)
    assert len(rounds) == 0 and [Path(f).name for f, _why in failed] == ["a.xlsx", "b.xlsx"] and all(why for _f, why in failed)
    one = toolkit.load_round("data/sample/berlin-social-media-lead.xlsx", as_of=AS_OF)
    for name in ("criteria", "candidates", "scores", "problems", "rejected_rows", "row_counts"):
        empty = getattr(rounds, name)
        assert len(empty) == 0 and list(empty.columns) == list(getattr(Rounds((one,)), name).columns), name
    assert list(rounds.roles.columns) == list(Rounds((one,)).roles.columns)
    tl = timelines(rounds, as_of=AS_OF)
    assert len(tl) == 0 and len(process_health(tl, by="round_id", scores=rounds)) == 0
    assert "0 round(s) checked, 2 unreadable input(s)" in problems_text(list(rounds), failed)


def test_a_round_no_longer_among_the_inputs_leaves_the_report_and_your_own_files_stay(rounds, tmp_path):
    out = tmp_path / "out"
    write_report(build_report(rounds, as_of=AS_OF), out)
    (out / "README.md").write_text("keep me")
    (out / "our-notes").mkdir()
    (out / "our-notes" / "panel.txt").write_text("notes from the panel")
    assert (out / ROUNDS[2] / "committee.html").exists()
    two = Rounds(tuple(r for r in rounds if r.round_id != ROUNDS[2]))
    write_report(build_report(two, as_of=AS_OF), out)
    assert not (out / ROUNDS[2]).exists()  # its letters and committee page went with the round
    assert (out / ROUNDS[0] / "committee.html").exists() and (out / ROUNDS[1] / "committee.html").exists()
    assert (out / "README.md").read_text() == "keep me" and (out / "our-notes" / "panel.txt").read_text() == "notes from the panel"
    assert ROUNDS[2] not in (out / "index.html").read_text(encoding="utf-8")


def test_a_report_written_before_the_list_of_owned_files_loses_its_old_round_folders_too(rounds, tmp_path):
    from toolkit.report import OWNED

    out = tmp_path / "out"
    write_report(build_report(rounds, as_of=AS_OF), out)
    (out / OWNED).unlink()  # as an older Debrief left it: nothing lists what the report wrote
    (out / "our-notes").mkdir()
    (out / "our-notes" / "panel.txt").write_text("notes")
    (out / ".git").mkdir()  # a report folder kept under version control
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main")
    two = Rounds(tuple(r for r in rounds if r.round_id != ROUNDS[2]))
    write_report(build_report(two, as_of=AS_OF), out)
    assert not (out / ROUNDS[2]).exists()  # a folder with a committee page is a round folder a report wrote
    assert (out / "our-notes" / "panel.txt").read_text() == "notes" and (out / ".git" / "HEAD").exists()
    assert (out / OWNED).read_text(encoding="utf-8").splitlines() == sorted(
        p.name for p in out.iterdir() if p.name not in (OWNED, "our-notes", ".git"))


def test_numbers_on_the_pages_round_as_a_person_checking_them_by_hand_would():
    """Linnea Holm's total is 3.675 (the float is 3.67499...): the page says 3.68, as a hand count does; an interviewer
    0.004 below the panel is shown as 0, not '-0'."""
    from toolkit.render.pages import fmt

    assert [fmt(v) for v in (3.675, 2.4, -0.0043, 4.0, 1.005)] == ["3.68", "2.4", "0", "4", "1.01"]
    # a share at a half rounds up, as Excel shows the same cell of process-health.xlsx (1 score missing of 40: 3 %, not 2 %)
    assert [fmt(v, "share") for v in (1 / 40, 0.125, 1 / 3, 0.6, 1.0, 0.0)] == ["3%", "13%", "33%", "60%", "100%", "0%"]


def test_a_column_of_totals_shows_every_number_with_the_same_decimals(report):
    """Ebba Sjöberg's total is 3.6 among totals such as 4.15: the ranking column shows 3.60 under 4.15, as a person
    reads a column of figures; a column of whole numbers (ranks) keeps none, and an offset that rounds to nothing is
    0.00, not -0.00."""
    from toolkit.render.pages import table

    page = report.files["stockholm-ux-designer/committee.html"].decode()
    cells = re.findall(r"<td>Ebba Sjöberg</td><td>rejected</td><td class=\"num\">([^<]*)</td>", page)
    assert cells == ["3.60"]
    shown = table(pd.DataFrame({"rank": [1, 2, 3], "total": [4.15, 3.6, 4.0], "offset": [0.25, -0.001, pd.NA]}).astype(
        {"offset": "Float64"}), {"rank": "Rank", "total": "Total", "offset": "Offset"})
    assert shown.rows == [["1", "4.15", "0.25"], ["2", "3.60", "0.00"], ["3", "4.00", "–"]]

def _told_round():
    """A hired candidate, an offered and a withdrawn one told by phone and video, and two rejected finalists told in
    writing: the rejected finalists are the ones the "told personally" share is about."""
    import pandas as pd

    cands = [{"candidate_id": "h", "status": "hired"},
             {"candidate_id": "o", "status": "offered", "notified_on": "2026-03-06", "channel": "phone"},
             {"candidate_id": "w", "status": "withdrawn", "notified_on": "2026-03-06", "channel": "video"},
             {"candidate_id": "a", "status": "rejected", "notified_on": "2026-03-09", "channel": "email"},
             {"candidate_id": "b", "status": "rejected", "notified_on": "2026-03-09", "channel": "form_letter"}]
    cands = [{"name": f"Person {c['candidate_id'].upper()}", "email": f"{c['candidate_id']}@example.com", **c} for c in cands]
    scores = pd.DataFrame([{"candidate_id": c["candidate_id"], "interviewer": "Ida", "criterion": "Analysis", "score": 3,
                            "stage": "Final", "interviewed_on": "2026-03-02"} for c in cands])
    return toolkit.round_from_frames({"role": "Analyst", "country": "DE", "decided_on": "2026-03-06"},
                                     pd.DataFrame({"criterion": ["Analysis"], "rank": [1]}), pd.DataFrame(cands), scores,
                                     round_id="told", as_of=AS_OF)


def test_the_headline_cards_say_what_the_process_health_tables_say():
    """Both rejected finalists were told in writing: the card says 0 % told personally, as process_health does, not 50 %
    from counting the offered and the withdrawn candidate (who are not measured)."""
    import re

    from toolkit.analytics import process_health, timelines

    rnd = _told_round()
    health = process_health(timelines(rnd, as_of=AS_OF), by="all").iloc[0]
    assert health["share_finalists_told_personally"] == 0 and health["n_finalists_told"] == 2
    for page in ("index.html", "process-health.html"):
        html = build_report(Rounds([rnd]), as_of=AS_OF).files[page].decode()
        cards = dict((label, value) for value, label in re.findall(r'<div class="big">([^<]*)</div><div class="small">([^<]*)</div>', html))
        assert cards["finalists told personally"] == "0%", (page, cards)
        assert cards["median business days to tell"] == "1" and cards["told within target"] == "100%" and cards["overdue now"] == "0"


def test_a_runner_up_offered_to_stay_in_touch_is_followed_up_in_the_talent_pool():
    """R is a runner-up with stay_in_touch blank and no follow-up date: the letter offers to stay in touch, so the talent
    pool and process health say the follow-up date is missing (the timelines used to leave R out of the pool)."""
    from test_feedback_rounds import make_round

    rnd = make_round("en", candidates={"R": {"follow_up_on": None}})
    rep = build_report(Rounds([rnd]), as_of=AS_OF)
    assert "stay in touch" in rep.files[f"{rnd.round_id}/candidates/R/letter.txt"].decode()
    pool = openpyxl.load_workbook(io.BytesIO(rep.files["talent-pool.xlsx"]))["Talent pool"]
    rows = list(pool.values)
    by_id = {r[rows[0].index("Candidate id")]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert by_id["R"]["Follow up status"] == "missing" and by_id["R"]["Follow up on"] is None
    assert by_id["R"]["Stay in touch"] is None  # offered in the letter, not agreed: HR records yes once R says so
    health = openpyxl.load_workbook(io.BytesIO(rep.files["process-health.xlsx"]))["By round"]
    head, first = list(health.values)[:2]
    assert first[head.index("N talent pool")] == 1 and first[head.index("Follow ups missing")] == 1


def test_a_candidate_the_figures_cannot_see_is_named_instead_of_reporting_nobody_overdue(tmp_path):
    """An HR audit found 'Nobody is overdue' on the process-health page while Emily, never told and 10 business days
    past her decision, had been set aside for one bad cell. A bad stay_in_touch now keeps her (she is overdue, as she
    should be); a bad status still sets her row aside, and then the page, the workbook and summary.json name her as left
    out, and say that the overdue list cannot speak for her. A rejection told before the round's decision date, with no
    date of its own, is left out as not timed."""
    src = tmp_path / "round.xlsx"
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", src)
    wb = openpyxl.load_workbook(src)
    ws = wb["Candidates"]
    assert ws["B5"].value == "Emily Carter" and ws["J5"].value is None and ws["I3"].value is not None
    ws["N5"] = "vielleicht"  # stay_in_touch: not yes or no
    wb.save(src)
    kept = build_report(Rounds([toolkit.load_round(src, as_of=AS_OF)]), as_of=AS_OF)
    assert [c["candidate_id"] for c in json.loads(kept.files["summary.json"])["overdue_now"]] == ["B04"]
    assert "No public holidays are known" not in kept.files["process-health.html"].decode()  # the round says DE

    ws["E5"] = "abgelehnt?"  # status: not readable, the row is set aside
    ws["I3"], ws["J3"] = None, ws["I3"].value.replace(day=3)  # B02 told on the 3rd, before the round's decision (the 6th)
    role = wb["Role"]
    next(r for r in role.iter_rows() if r[0].value == "country")[1].value = None  # no country: weekends only, said on the page
    wb.save(src)
    rep = build_report(Rounds([toolkit.load_round(src, as_of=AS_OF)]), as_of=AS_OF)
    summary = json.loads(rep.files["summary.json"])
    assert summary["overdue_now"] == [] and summary["totals"]["left_out_of_response_times"] == 2
    why = {c["candidate_id"]: c["why"] for c in summary["left_out_of_response_times"]}
    assert why["B04"].startswith("Candidates row set aside: status") and why["B02"] == "rejected, but no decision date: not timed"
    page = rep.files["process-health.html"].decode()
    assert "2 candidate(s) are left out of these figures" in page and "Nobody is overdue" not in page
    assert "2 candidate(s) are left out of these figures" in rep.files["index.html"].decode()  # under the same cards
    assert "Nobody else is overdue among the candidates these figures can see" in page
    assert "No public holidays are known for round (no country given)" in page
    left = openpyxl.load_workbook(io.BytesIO(rep.files["process-health.xlsx"]))["Left out"]
    assert len(list(left.values)) == 3  # heading and two candidates

    # a candidate's row pasted twice: the second is set aside, the candidate is in the figures from the first
    from toolkit.analytics import left_out

    ws["E5"] = "rejected"
    ws.append([c.value for c in ws[5]])
    wb.save(src)
    again = toolkit.load_round(src, as_of=AS_OF)
    assert "duplicate_candidate" in set(again.problems["rule"]) and "B04" not in set(left_out(again)["candidate_id"])
    # another person typed with an existing id is in no figure: listed
    ws.append(["B02", "Maria Lopez", "maria@example.org", "de", "rejected"])
    wb.save(src)
    assert "B02" in set(left_out(toolkit.load_round(src, as_of=AS_OF))["candidate_id"])


def test_a_corrected_copy_below_a_candidate_row_with_an_impossible_order_is_loaded(tmp_path):
    """B05's row told her before the decision (set aside); the committee added a corrected row at the bottom. The copy
    was set aside too, as a duplicate of the very row that had been set aside, and B05 was in no figure."""
    from toolkit.analytics import left_out

    src = tmp_path / "round.xlsx"
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", src)
    wb = openpyxl.load_workbook(src)
    ws = wb["Candidates"]
    corrected = [c.value for c in ws[6]]
    assert corrected[0] == "B05" and ws["J1"].value == "notified_on" and corrected[9] is not None
    ws["J6"] = corrected[9].replace(month=1)  # told in January, decided in March
    ws.append(corrected)
    wb.save(src)
    rnd = toolkit.load_round(src, as_of=AS_OF)
    assert rnd.errors["rule"].tolist() == ["date_order"]  # no duplicate_candidate as well
    assert rnd.candidates.set_index("candidate_id").loc["B05", "source_row"] == ws.max_row
    assert "B05" not in set(left_out(rnd)["candidate_id"])


def test_the_committee_page_keeps_a_candidates_status_apart_from_where_they_stand_against_the_target(tmp_path):
    """'pending' meant two things on one page: a candidate without a decision (Status) and one still within the response
    target. A reserve candidate left pending after the round's decision is listed with both: pending, overdue."""
    import re

    src = tmp_path / "round.xlsx"
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", src)
    wb = openpyxl.load_workbook(src)
    ws = wb["Candidates"]
    assert ws["B9"].value and ws["J9"].value is None
    ws["E9"], ws["I9"] = "pending", None  # the reserve: no status decided, the round's decision date applies
    wb.save(src)
    rnd = toolkit.load_round(src, as_of="2026-03-25")
    page = build_report(Rounds([rnd]), as_of="2026-03-25").files[f"{rnd.round_id}/committee.html"].decode()
    rows: dict = {}  # the first table a candidate is in: who still has to be told
    for m in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        if "<td" in m:
            rows.setdefault(re.sub(r"<[^>]+>", "", m.split("</td>")[0]).strip(), re.findall(r"<td[^>]*>(.*?)</td>", m))
    reserve = next(cells for name, cells in rows.items() if name == ws["B9"].value)
    texts = [re.sub(r"<[^>]+>", "", c).strip() for c in reserve]
    assert texts[1:3] == ["pending", "overdue"]
    from toolkit.report import _status_tag

    assert _status_tag("pending")["text"] == "within target"  # a target status never reads "pending"


def test_a_rounds_many_rejections_without_a_date_show_as_one_counted_row_on_the_page(tmp_path):
    """An export without decision dates listed a thousand rows of the same reason on the process-health page; a round
    with more than a few shows them as one row that counts them, and the workbook still lists each."""
    from toolkit.report import UNTIMED_LISTED

    src = tmp_path / "round.xlsx"
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", src)
    wb = openpyxl.load_workbook(src)
    next(r for r in wb["Role"].iter_rows() if r[0].value == "decided_on")[1].value = None
    ws = wb["Candidates"]
    assert ws["I1"].value == "decided_on"
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 9).value = None
    wb.save(src)
    rnd = toolkit.load_round(src, as_of=AS_OF)
    n = int((rnd.candidates["status"] == "rejected").sum())
    assert n > UNTIMED_LISTED
    rep = build_report(Rounds([rnd]), as_of=AS_OF)
    assert f"{n} candidates" in rep.files["process-health.html"].decode()
    assert f"{n} candidate(s) are left out of these figures" in rep.files["process-health.html"].decode()
    left = list(openpyxl.load_workbook(io.BytesIO(rep.files["process-health.xlsx"]))["Left out"].values)
    assert len(left) == 1 + n


def test_an_auditor_sees_each_rounds_target_and_which_one_is_the_default(tmp_path):
    """'Within target' is 60 % in one round and 57 % in another: against 3 business days there and 5 here, and the 3 may
    be only the default of a Role sheet left blank. The process-health page says each round's target, marks the
    default, and the workbook and the round's own page say the same."""
    src = tmp_path / "berlin.xlsx"
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", src)
    wb = openpyxl.load_workbook(src)
    next(r for r in wb["Role"].iter_rows() if r[0].value == "response_target_days")[1].value = None
    wb.save(src)
    rounds = Rounds([toolkit.load_round(src, as_of=AS_OF), toolkit.load_round("data/sample/stockholm-ux-designer.xlsx", as_of=AS_OF)])
    rep = build_report(rounds, as_of=AS_OF)
    page = rep.files["process-health.html"].decode()
    by_round = page[page.index("By round</h2>"):page.index("By department</h2>")]
    rows = {re.sub(r"<[^>]+>", "|", row).split("|")[2]: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for row in
            re.findall(r"<tr>.*?</tr>", by_round, re.S)[1:]}
    assert "3 business days (default)" in rows["berlin"], rows
    assert "5 business days" in rows["stockholm-ux-designer"] and "(default)" not in rows["stockholm-ux-designer"]
    assert "against each round's own target" in page
    sheet = openpyxl.load_workbook(io.BytesIO(rep.files["process-health.xlsx"]))["By round"]
    head, *body = list(sheet.values)
    got = {r[head.index("Round id")]: (r[head.index("Target days")], r[head.index("Target given")]) for r in body}
    assert got == {"berlin": (3, "no"), "stockholm-ux-designer": (5, "yes")}
    committee = rep.files["berlin/committee.html"].decode()
    assert "within 3 business days of the decision (the default: the Role sheet gives no response_target_days)" in committee
    assert "(the default" not in rep.files["stockholm-ux-designer/committee.html"].decode()


def test_the_process_health_workbook_reads_as_the_page_does(tmp_path):
    """An auditor's review of process-health.xlsx against the page: two candidate rows without an id shared one
    pseudonym in the anonymized workbook (one person listed twice, it seemed); an unreadable name was a cell holding ''
    (COUNTA counted it, ISBLANK said no); the target status said "pending" beside a Status column of pending
    candidates; the headings were column names where the page has words; a long name below row 200 was cut off."""
    src = tmp_path / "round.xlsx"
    shutil.copy("data/sample/berlin-social-media-lead.xlsx", src)
    wb = openpyxl.load_workbook(src)
    ws = wb["Candidates"]
    ws["A4"], ws["A6"] = None, None  # two rows without an id: set aside, left out of the figures
    wb.save(src)
    rounds = Rounds([toolkit.load_round(src, as_of=AS_OF)])
    for anonymize in (False, True):
        rep = build_report(rounds, as_of=AS_OF, anonymize=anonymize, pseudonym_key=b"k" * 32)
        book = rep.files["process-health.xlsx"]
        left = openpyxl.load_workbook(io.BytesIO(book))["Left out"]
        head, *rows = list(left.values)
        assert head == ("Round id", "Candidate id", "Name", "Candidates row", "Why left out")
        blank_ids = [r for r in rows if r[1] is None]
        assert [r[3] for r in blank_ids] == [4, 6]  # both listed, each by its row, neither given a pseudonym
        assert all(r[2] is None for r in blank_ids)
        with zipfile.ZipFile(io.BytesIO(book)) as z:  # a blank cell is no cell at all, not an empty text
            sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(re.search(r'<c [^>]*t="inlineStr"\s*/>', x) for x in sheets)
    named = {r[1] for r in rows if r[1] is not None}
    assert all(re.fullmatch(r"[0-9A-F]{8,}", i) for i in named) and len(rows) == len(blank_ids) + len(named)

    books = openpyxl.load_workbook(io.BytesIO(build_report(rounds, as_of=AS_OF).files["process-health.xlsx"]))
    by_round = books["By round"]
    head = [c.value for c in by_round[1]]
    assert {"To tell", "Within target", "90th percentile", "Overdue now"} <= set(head)
    tl = books["Timelines"]
    head = [c.value for c in tl[1]]
    statuses = {r[head.index("Target status")] for r in tl.iter_rows(min_row=2, values_only=True)}
    assert "pending" not in statuses and statuses <= {"on time", "late", "overdue", "within target", "not applicable"}
    assert "within target" in statuses


def test_workbook_columns_fit_every_row_and_show_values_as_the_cells_do():
    from toolkit.render.xlsx import tables_workbook_bytes

    names = ["Ann Lee"] * 300
    names[250] = "Maximiliane Josephine von Hohenberg-Liebenstein"  # far below the first rows
    df = pd.DataFrame({"name": names, "status": "rejected",
                       "decided_on": pd.to_datetime(["2026-03-02"] * 300).astype("datetime64[s]"),
                       "share_missing": [0.025] * 300, "days": pd.array([3] * 300, dtype="Int64")})
    sheet = openpyxl.load_workbook(io.BytesIO(tables_workbook_bytes({"T": df})))["T"]
    width = {c: sheet.column_dimensions[c].width for c in "ABCDE"}
    assert width["A"] >= len(names[250]) + 2
    assert width["C"] == len("Decided on") + 2  # a date shows as yyyy-mm-dd (10), not with 00:00:00
    assert width["D"] == len("Share missing") + 2  # a share shows as 3 %, not 0.025
    assert width["E"] == 8


def test_the_mail_merge_says_which_letters_are_rejections_and_which_thank_a_withdrawal(report, rounds):
    """Whoever runs the mail merge filters on what the letter is: a "no", a thank-you to someone who withdrew."""
    for rnd in rounds:
        sheet = openpyxl.load_workbook(io.BytesIO(report.files[f"{rnd.round_id}/mail-merge.xlsx"]))["Mail merge"]
        head, *rows = list(sheet.values)
        got = {r[head.index("Candidate id")]: r[head.index("Status")] for r in rows}
        c = rnd.candidates.set_index("candidate_id")["status"]
        assert got == {cid: c[cid] for cid in got} and set(got.values()) == {"rejected", "withdrawn"}, rnd.round_id
        # and who was told already, when and how: their letter is the written feedback, not a second "no" (a German
        # secretary's review: the merge would have sent it again)
        told = {r[head.index("Candidate id")]: (r[head.index("Told on")], r[head.index("Told by")]) for r in rows}
        cands = rnd.candidates.set_index("candidate_id")
        expected = {cid: (None if pd.isna(cands.at[cid, "notified_on"]) else cands.at[cid, "notified_on"].to_pydatetime(),
                          None if pd.isna(cands.at[cid, "channel"]) else cands.at[cid, "channel"]) for cid in told}
        assert told == expected and any(d for d, _ in told.values()) and not all(d for d, _ in told.values()), rnd.round_id


def test_the_index_tells_rounds_of_one_title_apart(report, rounds):
    """An export made two rounds titled "Computer Vision Engineer" (two jobs of one title), and the index's rows could
    not be told apart: each row names its round."""
    page = report.files["index.html"].decode()
    head = page[page.index("<table"):page.index("</tr>", page.index("<table"))]
    assert ">Round<" in head
    assert all(f">{rid}<" in page for rid in rounds.round_ids)


def test_a_reports_own_workbooks_and_folder_are_refused_as_input(tree, capsys):
    """A newcomer ran `debrief report reports/process-health.xlsx reports/talent-pool.xlsx` and got 102 files of letters
    "for the process health role" whose most important criterion was "business days waiting", and validate said OK."""
    for name in ("process-health.xlsx", "talent-pool.xlsx", "berlin-social-media-lead/mail-merge.xlsx"):
        with pytest.raises(toolkit.InputFileError, match="part of a report Debrief wrote, not a scorecard"):
            toolkit.load_round(tree / name)
    assert main(["validate", str(tree)]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"debrief: {tree}: this folder is a report Debrief wrote, not a folder of scorecards. "
                                        "Pass the scorecards the report was made from"]  # one line, no notes about its files
    assert main(["report", str(tree / "process-health.xlsx"), "--out", str(tree.parent / "again"), "--json"]) == 1
    said = json.loads(capsys.readouterr().out)  # --json answers on stdout even when nothing could be read
    assert said["files"] == 0 and said["index"] is None and "part of a report" in said["unreadable"][0]["reason"]
    assert not (tree.parent / "again").exists()
