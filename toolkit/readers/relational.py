"""Relational CSV exports: interviews + applications + candidates (+ jobs, feedback), joined by id, never by name.

Shape (as in the hr-interview-dashboard data): ``interviews.csv`` has one row
per application x round x interviewer with a column per rated criterion
(RatingCommunication ...; an OverallRating that averages them is not a
criterion); ``applications.csv`` links an application to a candidate and a
job and carries its status and date; ``candidates.csv`` has names (which
repeat under different ids, so names are never used to join); ``jobs.csv``
gives each job's title; ``feedback.csv`` free text per interview.

One round per job: its candidates are the job's applications (statuses
mapped: Hired -> hired, Offered -> offered, Rejected -> rejected,
Withdrawn -> withdrawn, anything else such as Applied, Shortlisted or
Interviewed -> pending), its scores the interviews of those applications.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputFileError
from .assemble import from_parts, melt_criteria, missing_names, not_read_words, problem
from .excel import column_letter
from .exports import column, find_file, need, read_table, text
from .headers import field_for, parse_criterion_header
from .mapping import Mapping
from .scales import read_value

STATUS_WORDS = {"hired": "hired", "offered": "offered", "offer": "offered", "rejected": "rejected", "withdrawn": "withdrawn",
                "applied": "pending", "shortlisted": "pending", "interviewed": "pending", "screening": "pending",
                "in progress": "pending", "new": "pending", "active": "pending"}


def is_relational(folder: Path) -> bool:
    return find_file(folder, "interviews", "interview") is not None and find_file(folder, "applications", "application") is not None


def status_of(values: pd.Series, mapping: Mapping) -> pd.Series:
    table = dict(STATUS_WORDS)
    table.update({k.strip().casefold(): v for k, v in mapping.statuses.items()})
    t = text(values)
    return t.str.casefold().map(table).fillna(t)


def read_relational(folder: Path, mapping: Mapping) -> list[tuple[str, object]]:
    """[(job id, RawWorkbook)] for every job with applications (or the one the mapping's ``job`` names)."""
    folder = Path(folder)
    ipath = find_file(folder, "interviews", "interview")
    apath = find_file(folder, "applications", "application")
    cpath = find_file(folder, "candidates", "candidate")
    if cpath is None:
        raise InputFileError("candidates.csv is missing: without it the candidates have no names", file=str(folder),
                             hint="Export the candidates table (CandidateID, Name) into the same folder")
    interviews, apps, cands = read_table(ipath), read_table(apath), read_table(cpath)
    jpath, fpath = find_file(folder, "jobs", "job"), find_file(folder, "feedback", "feedbacks")
    jobs = read_table(jpath) if jpath else None
    feedback = read_table(fpath) if fpath else None

    i_app = need(interviews, ipath, "ApplicationID", "application_id", "application", what="the application each interview belongs to")
    a_id = need(apps, apath, "ApplicationID", "application_id", "id", what="the application id")
    a_cand = need(apps, apath, "CandidateID", "candidate_id", what="the candidate of each application")
    a_job = column(apps, "JobID", "job_id", "requisition", "job")
    c_id = need(cands, cpath, "CandidateID", "candidate_id", "id", what="the candidate id")
    c_name = column(cands, "Name", "full_name", "candidate name")
    c_first, c_last = column(cands, "first_name", "FirstName", "Vorname"), column(cands, "last_name", "LastName", "Nachname")

    # what each interviews column is
    fields, criteria = {}, []
    for pos, h in enumerate(interviews.columns):
        if h == "_row" or h == i_app:
            continue
        f = field_for(h)
        if f in ("interviewer", "stage", "interviewed_on", "evidence", "computed"):
            fields.setdefault(f, h)
        elif f is None and _rating_column(interviews[h]):
            criteria.append((h, parse_criterion_header(h).name, column_letter(pos)))
    if "interviewer" not in fields:
        raise InputFileError("interviews.csv has no interviewer column", file=str(ipath),
                             hint="A scorecard needs to say who rated: export the Interviewer column")
    if not criteria:
        raise InputFileError("interviews.csv has no rating columns", file=str(ipath),
                             hint="Expected one column per rated criterion, e.g. RatingCommunication")
    details_base = {"layout": "relational", "layout_why": "interviews, applications and candidates tables joined by id",
                    "reader": "csv", "files": {"interviews": ipath.name, "applications": apath.name, "candidates": cpath.name,
                                                 "jobs": jpath.name if jpath else None, "feedback": fpath.name if fpath else None},
                    "columns": {"interviews": {**{h: f for f, h in fields.items()}, **{h: f"criterion {n!r}" for h, n, _ in criteria},
                                               i_app: "application id (join)"}}}
    used = {p.name for p in (ipath, apath, cpath, jpath, fpath) if p}
    details_base["files_not_used"] = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name not in used)
    if mapping.path:
        details_base["mapping"] = mapping.path

    # joins (ids as text; names never used)
    apps = apps.assign(_app=text(apps[a_id]), _cand=text(apps[a_cand]), _job=text(apps[a_job]) if a_job else "")
    cands = cands.assign(_cand=text(cands[c_id]))
    if c_name is not None:
        cands["_name"] = text(cands[c_name])
    elif c_first and c_last:
        cands["_name"] = (text(cands[c_first]) + " " + text(cands[c_last])).str.strip()
    else:  # an export of ids alone: loaded, shown by id (the loader warns once)
        cands["_name"] = ""
    dup = cands["_cand"].duplicated(keep="first")
    names = dict(zip(cands.loc[~dup, "_cand"], cands.loc[~dup, "_name"]))
    interviews = interviews.assign(_app=text(interviews[i_app]))
    known_apps = set(apps["_app"])
    orphans = interviews[~interviews["_app"].isin(known_apps)]
    if len(orphans) == len(interviews):
        raise InputFileError(f"none of the {len(interviews)} interviews belongs to an application in {apath.name}",
                             file=str(ipath), column=i_app, value=orphans["_app"].iloc[0] if len(orphans) else None,
                             hint="Export interviews and applications from the same system and date")
    job_titles, job_rows = {}, {}
    if jobs is not None:
        j_id = column(jobs, "JobID", "job_id", "id")
        j_title = column(jobs, "Title", "name", "job title")
        if j_id:
            for _, row in jobs.iterrows():
                jid = str(row[j_id]).strip()
                job_rows[jid] = row
                job_titles[jid] = str(row[j_title]).strip() if j_title else jid
    job_ids = list(dict.fromkeys(apps["_job"]))
    if mapping.job:
        if mapping.job not in job_ids:
            raise InputFileError(f"job {mapping.job!r} is not in {apath.name}", file=mapping.path or str(folder), column="job",
                                 allowed=", ".join(job_ids[:20]))
        job_ids = [mapping.job]

    merged = interviews.merge(apps[["_app", "_cand", "_job"]], on="_app", how="inner")
    keep = ["_cand", "_job", "_row", fields["interviewer"]]
    keep += [fields[f] for f in ("stage", "interviewed_on") if f in fields]
    i_id = column(interviews, "InterviewID", "interview_id", "id")
    if i_id:
        keep.append(i_id)
    long_all = melt_criteria(merged, criteria, keep)
    long_all = long_all.rename(columns={"_cand": "candidate_id", fields["interviewer"]: "interviewer",
                                        **{fields[f]: f for f in ("stage", "interviewed_on") if f in fields}})
    long_all["_sheet"] = ipath.name
    long_all["evidence"] = ""
    notes = {}
    if feedback is not None and i_id:
        f_int, f_text = column(feedback, "InterviewID", "interview_id"), column(feedback, "FeedbackText", "feedback", "text", "comment")
        if f_int and f_text:
            fb = dict(zip(text(feedback[f_int]), text(feedback[f_text])))
            per = merged.assign(_fb=text(merged[i_id]).map(fb).fillna(""))
            per = per[per["_fb"] != ""]
            who = text(per[fields["interviewer"]])
            stage = text(per[fields["stage"]]) if "stage" in fields else ""
            per = per.assign(_line=who + np.where(stage != "", " (" + stage + ")", "") + ": " + per["_fb"])
            notes = per.groupby("_cand")["_line"].agg("; ".join).to_dict()

    # where each candidate field is in applications.csv (its problems name that cell; the name comes from candidates.csv)
    s_col, a_date = column(apps, "Status", "state"), column(apps, "ApplicationDate", "applied_at", "applied_on", "application date")
    app_letters = {f: column_letter(list(apps.columns).index(c)) for f, c in
                   (("candidate_id", a_cand), ("status", s_col), ("applied_on", a_date)) if c}
    name_problems = missing_names(cpath.name, cands, c_id, [c_name] if c_name else [c_first, c_last] if c_first and c_last else [],
                                  ids=set(apps["_cand"]))
    for i, h in enumerate(c for c in cands.columns if c != "_row"):  # Gender beside the names: never read, but say so
        if field_for(h) == "protected":
            rule, message, hint = not_read_words(h, "protected")
            name_problems.append(problem("warning", cpath.name, rule, message, cell=f"{column_letter(i)}1", column=h, value=h,
                                         hint=hint.replace("the scorecard", "the export")))
    out = []
    for job in job_ids:
        problems: list[dict] = list(name_problems) if job == job_ids[0] else []  # said once for the export
        if len(orphans) and job == job_ids[0]:
            problems.append(problem("warning", ipath.name, "unlinked_rows",
                                    f"{len(orphans)} interviews belong to no application in {apath.name} and were left out",
                                    column=i_app, value=orphans["_app"].iloc[0], hint="Export both tables from the same date"))
        ja = apps[apps["_job"] == job]
        cand_ids = ja["_cand"]
        dups = cand_ids[cand_ids.duplicated()]
        if len(dups):
            problems.append(problem("warning", apath.name, "repeat_application",
                                    f"candidate {dups.iloc[0]} applied to job {job} more than once; the first application is used",
                                    value=dups.iloc[0]))
            ja = ja[~cand_ids.duplicated()]
        candidates = pd.DataFrame({
            "candidate_id": ja["_cand"].to_numpy(),
            "name": ja["_cand"].map(names).fillna("").to_numpy(),
            "status": status_of(ja[s_col], mapping).to_numpy() if s_col else "pending",
        })
        if a_date:
            candidates["applied_on"] = ja[a_date].to_numpy()
        if notes:
            candidates["notes"] = candidates["candidate_id"].map(notes).fillna("")
        candidates["_row"] = ja["_row"].to_numpy()
        candidates["_sheet"] = apath.name
        not_listed = candidates.loc[~candidates["candidate_id"].isin(names.keys()), "candidate_id"]
        for cid in not_listed[:20]:
            problems.append(problem("error", cpath.name, "unknown_candidate", f"candidate {cid} of {apath.name} is not in {cpath.name}",
                                    value=cid, hint="Export the candidates table from the same date"))
        long = long_all[long_all["_job"] == job].drop(columns=["_job"]).reset_index(drop=True)
        long = long[long["candidate_id"].isin(set(candidates["candidate_id"]))].reset_index(drop=True)
        role_extra = {"role": job_titles.get(job, job or folder.name), "requisition": job or None}
        if job in job_rows:
            dept = column(jobs, "Department", "department")
            if dept:
                role_extra["department"] = str(job_rows[job][dept]).strip()
        details = {**details_base, "file": str(folder), "job": job, "interviews": int(len(long) / max(len(criteria), 1))}
        raw = from_parts(str(folder), long, candidates, role_extra=role_extra, mapping=mapping, problems=problems, details=details,
                         sheet_label=ipath.name, candidates_sheet=apath.name, candidate_letters=app_letters,
                         names_said=True)
        out.append((job, raw))
    return out


def _rating_column(s: pd.Series) -> bool:
    vals = [v for v in pd.unique(text(s).to_numpy()) if v]
    if not vals:
        return False
    kinds = [read_value(v) for v in vals[:200]]
    return sum(k.kind != "bad" for k in kinds) >= 0.9 * len(kinds) and any(k.kind in ("number", "word", "stars") for k in kinds)
