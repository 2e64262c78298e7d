"""Applicant-tracking-system exports: Greenhouse and Lever, as their tables are synced out (Fivetran shape).

Greenhouse (folder with ``scorecard.csv`` and ``scorecard_attribute.csv``):
- a score = a scorecard attribute (``name`` = criterion, ``rating`` = word
  such as definitely_not / no / mixed / yes / strong_yes, ``note`` = evidence)
  of a scorecard (``candidate_id``, ``submitted_by_user_id`` = interviewer,
  ``interview`` = stage, ``interviewed_at``);
- ``candidate.csv`` gives names, ``user.csv`` interviewer names,
  ``application.csv`` status (hired / rejected / active -> pending),
  ``applied_at`` and ``rejected_at`` (the decision date of a rejection);
- with ``application_job.csv`` (+ ``job.csv``) one round per job, else one round.
- The overall recommendation is not a criterion; it is counted in details.

Lever (folder with ``feedback_form.csv`` and ``feedback_form_field.csv``):
- a score = a feedback form field holding a rating (``value_number``,
  ``value_decimal``, or text such as "3 - Hire"), on Lever's 1-4 scale;
  fields carry no titles in the export, so criteria are named by the
  mapping's ``[fields]`` ("1" = "Communication"), else "Field 1" ...;
- the form's ``opportunity_id`` is the candidate (name from
  ``opportunity.csv``), ``creator_id`` the interviewer (``user.csv``), the
  interview (``interview.csv``) gives date and stage (``stage.csv``);
- an archived opportunity is rejected (decided on ``archived_at``) unless its
  archive reason (``archive_reason.csv``) says Hired.

Rows that cannot be linked are reported; when nothing links, reading fails
with a message naming the file and the missing ids.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from .assemble import from_parts, missing_names, problem
from .exports import column, find_file, need, read_table, text
from .mapping import Mapping
from .relational import status_of
from .scales import read_value


def is_greenhouse(folder: Path) -> bool:
    return find_file(folder, "scorecard") is not None and find_file(folder, "scorecard_attribute") is not None


def is_lever(folder: Path) -> bool:
    return find_file(folder, "feedback_form") is not None and find_file(folder, "feedback_form_field") is not None


def _optional(folder: Path, *stems: str) -> tuple[Path | None, pd.DataFrame | None]:
    p = find_file(folder, *stems)
    return (p, read_table(p)) if p else (None, None)


def _not_deleted(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the rows not marked deleted, those marked deleted): an export keeps rows deleted in the ATS, flagged
    (``_fivetran_deleted`` true, ``is_deleted``, a ``deleted_at`` date)."""
    keep = pd.Series(True, index=df.index)
    for c, col in _deletion_columns(df).items():
        keep &= ~_marks_deleted(df[col], c)
    return df[keep], df[~keep]


TRUE_FLAGS = ("true", "t", "1", "1.0", "yes", "y")
NULLS = ("", "null", "\\n", "none", "nan", "nat")  # how databases write "no value" into a CSV


def _deletion_columns(df: pd.DataFrame) -> dict[str, str]:
    """The columns that mark a row deleted, by kind ("_fivetran_deleted", "is_deleted", "deleted_at") -> heading."""
    return {c: col for c in ("_fivetran_deleted", "is_deleted", "deleted_at") if (col := column(df, c))}


def _marks_deleted(values: pd.Series, kind: str) -> pd.Series:
    """Which cells say "deleted": a flag true as databases export it (true, t, 1, yes), a deleted_at that holds a value
    (not a database's null)."""
    t = text(values).str.strip().str.casefold()
    return t.isin(TRUE_FLAGS) if kind != "deleted_at" else ~t.isin(NULLS)


def _deleted_problem(path: Path, deleted: pd.DataFrame, id_col: str | None, what: str, carried: int = 0, carried_what: str = "") -> list[dict]:
    """A warning that rows marked deleted were not read (and what they carried, e.g. a scorecard's ratings)."""
    if not len(deleted):
        return []
    example = text(deleted[id_col]).iloc[0] if id_col and id_col in deleted else None
    extra = f", with their {carried} {carried_what}," if carried else ""
    flagged = [col for kind, col in _deletion_columns(deleted).items() if _marks_deleted(deleted[col], kind).any()]
    return [problem("warning", path.name, "deleted_rows",
                    f"{len(deleted)} {what} marked deleted in the export{f' (e.g. {example})' if example else ''}{extra} were not read",
                    column=", ".join(flagged) or None,
                    hint="Nothing to do if they were deleted on purpose; restore them in the ATS and export again if not")]


def _without_deleted(children: pd.DataFrame, key: str, parents: pd.Series, deleted: pd.DataFrame, id_col: str,
                     parent: tuple[Path, str], child: tuple[Path, str], problems: list[dict], alone: str, owner: str) -> pd.DataFrame:
    """``children`` (ratings, answers) without those of a parent (scorecard, form) marked deleted, which are left out
    with it (`_deleted_problem` counts both). Raises when no child is left: all deleted, or none exported."""
    (ppath, pword), (cpath, cword) = parent, child
    of_deleted = children[key].isin(set(text(deleted[id_col])) - set(parents))
    problems += _deleted_problem(ppath, deleted, id_col, f"{pword}(s)", int(of_deleted.sum()), cword)
    children = children[~of_deleted]
    if not len(children) and of_deleted.any():
        raise InputFileError(f"every {pword} in {ppath.name} is marked deleted, so there are no scores to load", file=str(ppath),
                             hint=f"Export the {pword}s of {owner} that is still in the ATS")
    if not len(children):
        raise InputFileError(f"{cpath.name} holds no {cword}, so there are no criterion scores to load", file=str(cpath),
                             hint=f"Export {cpath.name} again (with its rows); {alone}")
    return children


def _user_names(users: pd.DataFrame | None) -> dict[str, str]:
    if users is None:
        return {}
    uid = column(users, "id")
    name = column(users, "name", "full_name")
    first, last = column(users, "first_name"), column(users, "last_name")
    if uid is None:
        return {}
    if name:
        names = text(users[name])
    elif first and last:
        names = (text(users[first]) + " " + text(users[last])).str.strip()
    else:
        return {}
    return dict(zip(text(users[uid]), names))


def _interviewers(ids: pd.Series, users: dict[str, str], problems: list[dict], sheet: str) -> pd.Series:
    t = text(ids)
    named = t.map(users)
    missing = sorted(set(t[named.isna() & (t != "")]))
    if missing:
        problems.append(problem("warning", sheet, "interviewer_names",
                                f"{len(missing)} interviewer id(s) have no name in user.csv (e.g. {missing[0]}); shown as 'user <id>'",
                                value=missing[0], hint="Export the user table to show names"))
    return named.fillna("user " + t)


# ---------------------------------------------------------------------------
# Greenhouse


def read_greenhouse(folder: Path, mapping: Mapping) -> list[tuple[str | None, object]]:
    folder = Path(folder)
    spath, apath = find_file(folder, "scorecard"), find_file(folder, "scorecard_attribute")
    (cards, deleted_cards), attrs = _not_deleted(read_table(spath)), read_table(apath)
    s_id = need(cards, spath, "id", what="the scorecard id")
    s_cand = need(cards, spath, "candidate_id", what="the candidate of each scorecard")
    s_user = need(cards, spath, "submitted_by_user_id", "interviewer_id", "user_id", what="who submitted the scorecard")
    s_app = column(cards, "application_id")
    s_stage, s_when = column(cards, "interview", "interview_name"), column(cards, "interviewed_at", "submitted_at")
    a_card = need(attrs, apath, "scorecard_id", what="the scorecard each rating belongs to")
    a_name = need(attrs, apath, "name", "attribute", what="the attribute (criterion) name")
    a_rating = need(attrs, apath, "rating", what="the rating")
    a_note, a_index = column(attrs, "note"), column(attrs, "index")
    problems: list[dict] = []

    cards = cards.assign(_card=text(cards[s_id]))
    attrs = attrs.assign(_card=text(attrs[a_card]))
    attrs = _without_deleted(attrs, "_card", cards["_card"], deleted_cards, s_id, (spath, "scorecard"), (apath, "ratings"),
                             problems, f"{spath.name} alone has only overall recommendations", "a job")
    linked = attrs["_card"].isin(set(cards["_card"]))
    if not linked.any():
        missing = sorted(set(attrs["_card"]))[:5]
        raise InputFileError(
            f"none of the {len(attrs)} ratings in {apath.name} belongs to a scorecard in {spath.name} "
            f"(scorecard ids {', '.join(missing)} not found), so there are no criterion scores to load",
            file=str(apath), column=a_card,
            hint=f"Export {spath.name} and {apath.name} from the same sync; {spath.name} alone has only overall recommendations",
        )
    if (~linked).any():
        lost = attrs.loc[~linked, "_card"]
        problems.append(problem("error", apath.name, "unlinked_rows",
                                f"{len(lost)} ratings belong to scorecards that are not in {spath.name} (e.g. {lost.iloc[0]}) and were left out",
                                column=a_card, value=lost.iloc[0], hint="Export both tables from the same sync"))
    attrs = attrs[linked]
    keep = ["_card", s_cand, s_user] + [c for c in (s_app, s_stage, s_when) if c]
    long = attrs.merge(cards[keep], on="_card", how="inner")
    long = long.sort_values(["_card", a_index] if a_index else ["_card"], kind="stable",
                            key=lambda s: pd.to_numeric(s, errors="coerce") if s.name == a_index else s)
    # criteria order: by attribute index, then first appearance
    if a_index:
        long["_order"] = pd.to_numeric(long[a_index], errors="coerce")
        first = long.groupby(text(long[a_name]), sort=False)["_order"].min()
        long["_order"] = text(long[a_name]).map({n: i for i, n in enumerate(first.sort_values(kind="stable").index)})
    else:
        long["_order"] = pd.NA

    _, users = _optional(folder, "user", "users")
    cpath, cands = _optional(folder, "candidate", "candidates")
    appath, apps = _optional(folder, "application", "applications")
    out = pd.DataFrame({
        "candidate_id": text(long[s_cand]).to_numpy(),
        "interviewer": _interviewers(long[s_user], _user_names(users), problems, spath.name).to_numpy(),
        "criterion": text(long[a_name]).to_numpy(),
        "score": long[a_rating].to_numpy(),
        "stage": text(long[s_stage]).to_numpy() if s_stage else "",
        "interviewed_on": text(long[s_when]).to_numpy() if s_when else "",
        "evidence": text(long[a_note]).to_numpy() if a_note else "",
        "_row": long["_row"].to_numpy(),
        "_sheet": apath.name,
        "_order": long["_order"].to_numpy(),
    })
    out["_app"] = text(long[s_app]).to_numpy() if s_app else ""

    # candidates: one per candidate id on a scorecard
    ids = list(dict.fromkeys(out["candidate_id"]))
    cand = pd.DataFrame({"candidate_id": ids})
    names = {}
    if cands is not None:
        c_id, f, l_ = column(cands, "id"), column(cands, "first_name"), column(cands, "last_name")
        if c_id:  # without name columns (a pseudonymised export) every candidate is listed, with a blank name
            full = (text(cands[f]) + " " + text(cands[l_])).str.strip() if f and l_ else pd.Series("", index=cands.index)
            names = dict(zip(text(cands[c_id]), full))
    cand["name"] = cand["candidate_id"].map(names).fillna("")
    unnamed = cand.loc[~cand["candidate_id"].isin(names.keys()), "candidate_id"].tolist()  # a blank name: missing_name says so
    if unnamed:
        problems.append(problem("error", cpath.name if cpath else "candidate.csv", "unknown_candidate",
                                f"{len(unnamed)} candidate(s) of {spath.name} are not in {cpath.name if cpath else 'candidate.csv (missing)'} "
                                f"(e.g. {unnamed[0]}), so they have no name and are shown by their id",
                                value=unnamed[0], hint="Export the candidate table from the same sync"))
    cand["status"] = "pending"
    cand["_row"] = cand["candidate_id"].map(dict(zip(out["candidate_id"], out["_row"])))
    cand["_sheet"] = apath.name  # the file of that row: a candidate's problem names the row of their first rating
    if apps is not None:
        ap_id, ap_cand = column(apps, "id"), column(apps, "candidate_id")
        ap_status, ap_applied, ap_rejected = column(apps, "status"), column(apps, "applied_at"), column(apps, "rejected_at")
        if ap_cand:
            apps, deleted_apps = _not_deleted(apps)
            problems += _deleted_problem(appath, deleted_apps, ap_id, "application(s)")
            apps = apps.assign(_cand=text(apps[ap_cand]))
            by_cand = apps.drop_duplicates("_cand").set_index("_cand")
            hit = cand["candidate_id"].isin(by_cand.index)
            if ap_status:
                st = status_of(by_cand[ap_status], mapping)
                rejected_at = text(by_cand[ap_rejected]) if ap_rejected else pd.Series("", index=by_cand.index)
                st = st.where(rejected_at == "", "rejected")
                cand.loc[hit, "status"] = cand.loc[hit, "candidate_id"].map(st)
            if ap_applied:
                cand["applied_on"] = cand["candidate_id"].map(text(by_cand[ap_applied])).fillna("")
            if ap_rejected:
                cand["decided_on"] = cand["candidate_id"].map(text(by_cand[ap_rejected])).fillna("")
            if not hit.all():
                problems.append(problem("warning", appath.name, "no_application",
                                        f"{int((~hit).sum())} candidate(s) have no application in {appath.name}; their status is 'pending'",
                                        value=cand.loc[~hit, "candidate_id"].iloc[0]))
    overall = column(cards, "overall_recommendation")
    details_base = {"layout": "greenhouse", "layout_why": "scorecard and scorecard_attribute tables (Greenhouse export)",
                    "reader": "csv", "scorecards": int(len(cards)), "ratings": int(len(attrs))}
    if overall:
        details_base["overall_recommendations"] = text(cards[overall]).value_counts().to_dict()
    if mapping.path:
        details_base["mapping"] = mapping.path
    # jobs
    jpath, app_jobs = _optional(folder, "application_job")
    _, jobs = _optional(folder, "job", "jobs")
    groups: list[tuple[str | None, pd.Series]] = [(None, pd.Series(True, index=out.index))]
    job_names = {}
    if app_jobs is not None and s_app:
        aj_app, aj_job = column(app_jobs, "application_id"), column(app_jobs, "job_id")
        if aj_app and aj_job:
            job_of = dict(zip(text(app_jobs[aj_app]), text(app_jobs[aj_job])))
            out["_job"] = out["_app"].map(job_of).fillna("")
            if jobs is not None and column(jobs, "id") and column(jobs, "name"):
                job_names = dict(zip(text(jobs[column(jobs, "id")]), text(jobs[column(jobs, "name")])))
            keys = [j for j in dict.fromkeys(out["_job"])]
            if mapping.job:
                keys = [j for j in keys if j == mapping.job]
            groups = [(j, out["_job"] == j) for j in keys]
    name_problems = missing_names(cpath.name, cands, column(cands, "id"), [column(cands, "first_name"), column(cands, "last_name")],
                                  ids=ids) if cands is not None else []
    result = []
    for i, (job, mask) in enumerate(groups):
        part = out[mask.to_numpy()].drop(columns=[c for c in ("_app", "_job") if c in out]).reset_index(drop=True)
        c_part = cand[cand["candidate_id"].isin(set(part["candidate_id"]))]
        title = job_names.get(job, job) if job else folder.name
        details = {**details_base, "file": str(folder), "job": job}
        raw = from_parts(str(folder), part, c_part, role_extra={"role": title, "requisition": job}, mapping=mapping,
                         problems=list(problems) + (name_problems if i == 0 else []), details=details, sheet_label=apath.name,
                         candidates_sheet=spath.name, candidate_letters={}, names_said=cands is not None,
                         words=mapping.scale_words or "recommendation")
        result.append((job, raw))
    return result


# ---------------------------------------------------------------------------
# Lever


RATING_KINDS = ("number", "word", "stars", "fraction", "percent")


def read_lever(folder: Path, mapping: Mapping) -> list[tuple[str | None, object]]:
    folder = Path(folder)
    fpath, ffpath = find_file(folder, "feedback_form"), find_file(folder, "feedback_form_field")
    (forms, deleted_forms), fields = _not_deleted(read_table(fpath)), read_table(ffpath)
    f_id = need(forms, fpath, "id", what="the form id")
    f_opp = column(forms, "opportunity_id", "candidate_id")
    f_user = need(forms, fpath, "creator_id", "user_id", what="who filled in the form")
    if f_opp is None:
        raise InputFileError("feedback_form.csv does not say whose feedback it is (no opportunity_id or candidate_id)", file=str(fpath),
                             hint="Export the opportunity_id column")
    ff_form = need(fields, ffpath, "feedback_form_id", what="the form each field belongs to")
    ff_index = need(fields, ffpath, "field_index", what="the field's position on the form")
    problems: list[dict] = []
    forms = forms.assign(_form=text(forms[f_id]), _opp=text(forms[f_opp]))
    fields = fields.assign(_form=text(fields[ff_form]))
    fields = _without_deleted(fields, "_form", forms["_form"], deleted_forms, f_id, (fpath, "feedback form"), (ffpath, "answers"),
                              problems, f"{fpath.name} alone has only the overall score", "an opportunity")
    linked = fields["_form"].isin(set(forms["_form"]))
    if not linked.any():
        raise InputFileError(
            f"none of the {len(fields)} answers in {ffpath.name} belongs to a form in {fpath.name} "
            f"(form ids {', '.join(sorted(set(fields['_form']))[:3])} not found), so there are no criterion scores to load",
            file=str(ffpath), column=ff_form,
            hint=f"Export {fpath.name} and {ffpath.name} from the same sync; {fpath.name} alone has only the overall score "
                 "(score_system_value, e.g. '3 - Hire')")
    if (~linked).any():
        problems.append(problem("error", ffpath.name, "unlinked_rows",
                                f"{int((~linked).sum())} answers belong to forms not in {fpath.name} and were left out",
                                value=fields.loc[~linked, "_form"].iloc[0], hint="Export both tables from the same sync"))
    fields = fields[linked]
    vn, vd, vt = (column(fields, c) for c in ("value_number", "value_decimal", "value_text"))
    blank = pd.Series("", index=fields.index)
    number, decimal, answer = (text(fields[c]) if c else blank for c in (vn, vd, vt))
    rating_text = answer.map({u: u for u in pd.unique(answer.to_numpy()) if u and read_value(u).kind in RATING_KINDS})
    value = number.where(number != "", decimal.where(decimal != "", rating_text))
    fields = fields.assign(_value=value.where(value != ""))
    rated = fields["_value"].notna()
    if not rated.any():
        raise InputFileError(
            f"no answer in {ffpath.name} holds a rating (value_number, value_decimal or a rating such as '3 - Hire'); "
            f"the forms carry only text answers and an overall score, so there are no criterion scores to load",
            file=str(ffpath), hint="Export the rating fields of the feedback forms")
    fields = fields.assign(_index=text(fields[ff_index]))
    # a rating field left empty on one form is "not assessed" there, not a text answer
    rating_fields = set(fields.loc[rated, "_index"])
    answered = pd.Series(False, index=fields.index)
    for c in (vn, vd, vt):
        if c:
            answered |= text(fields[c]) != ""
    keep = rated | (fields["_index"].isin(rating_fields) & ~answered)
    n_text = int((~keep).sum())
    fields = fields[keep].assign(_value=lambda d: d["_value"].where(d["_value"].notna(), ""))
    named = {str(k): v for k, v in mapping.fields.items()}
    crit = fields["_index"].map(lambda i: named.get(i, f"Field {i}"))
    if not named:
        problems.append(problem("warning", ffpath.name, "field_names",
                                "the export does not name the form fields; criteria are called 'Field 1', 'Field 2' ...",
                                hint='Name them in a mapping file: [fields] "1" = "Communication"'))
    long = fields.assign(_criterion=crit).merge(forms[["_form", "_opp", f_user] + [c for c in (column(forms, "interview_id"),
                                                column(forms, "completed_at")) if c]], on="_form", how="inner")
    order = pd.to_numeric(long["_index"], errors="coerce")
    long["_order"] = order
    _, users = _optional(folder, "user", "users")
    _, interviews = _optional(folder, "interview", "interviews")
    _, stages = _optional(folder, "stage", "stages")
    when = text(long[column(forms, "completed_at")]) if column(forms, "completed_at") else pd.Series("", index=long.index)
    stage = pd.Series("", index=long.index)
    f_int = column(forms, "interview_id")
    if interviews is not None and f_int and column(interviews, "id"):
        i_id = column(interviews, "id")
        dates = dict(zip(text(interviews[i_id]), text(interviews[column(interviews, "date")]))) if column(interviews, "date") else {}
        when = text(long[f_int]).map(dates).fillna("").where(lambda s: s != "", when)
        if stages is not None and column(interviews, "stage_id") and column(stages, "id") and column(stages, "text"):
            stage_of = dict(zip(text(interviews[i_id]), text(interviews[column(interviews, "stage_id")])))
            stage_name = dict(zip(text(stages[column(stages, "id")]), text(stages[column(stages, "text")])))
            stage = text(long[f_int]).map(stage_of).map(stage_name).fillna("")
    out = pd.DataFrame({
        "candidate_id": long["_opp"].to_numpy(),
        "interviewer": _interviewers(long[f_user], _user_names(users), problems, fpath.name).to_numpy(),
        "criterion": long["_criterion"].to_numpy(),
        "score": long["_value"].to_numpy(),
        "stage": stage.to_numpy(),
        "interviewed_on": when.to_numpy(),
        "evidence": "",
        "_row": long["_row"].to_numpy(),
        "_sheet": ffpath.name,
        "_order": long["_order"].to_numpy(),
    })
    out = out.sort_values(["candidate_id", "_row"], kind="stable").reset_index(drop=True)
    # candidates = opportunities
    opath, opps = _optional(folder, "opportunity", "opportunities")
    _, reasons = _optional(folder, "archive_reason")
    ids = list(dict.fromkeys(out["candidate_id"]))
    cand = pd.DataFrame({"candidate_id": ids, "name": "", "status": "pending"})
    if opps is not None and column(opps, "id"):
        o = opps.assign(_id=text(opps[column(opps, "id")])).drop_duplicates("_id").set_index("_id")
        hit = cand["candidate_id"].isin(o.index)
        if column(opps, "name"):
            cand["name"] = cand["candidate_id"].map(text(o[column(opps, "name")])).fillna("")
        arch = column(opps, "archived_at")
        if arch:
            archived = cand["candidate_id"].map(text(o[arch])).fillna("")
            why = pd.Series("", index=cand.index)
            if reasons is not None and column(opps, "archived_reason_id") and column(reasons, "id") and column(reasons, "text"):
                reason_text = dict(zip(text(reasons[column(reasons, "id")]), text(reasons[column(reasons, "text")])))
                why = cand["candidate_id"].map(text(o[column(opps, "archived_reason_id")])).map(reason_text).fillna("")
            hired = why.str.casefold().str.contains("hired")
            cand["status"] = cand["status"].where(archived == "", "rejected").where(~hired, "hired")
            cand["decided_on"] = archived.where(archived != "", "")
        if not hit.all():
            problems.append(problem("error", opath.name, "unknown_candidate",
                                    f"{int((~hit).sum())} opportunities of {fpath.name} are not in {opath.name} (e.g. "
                                    f"{cand.loc[~hit, 'candidate_id'].iloc[0]}), so they have no name and are shown by their id",
                                    value=cand.loc[~hit, "candidate_id"].iloc[0], hint="Export the opportunity table from the same sync"))
    else:
        problems.append(problem("error", fpath.name, "unknown_candidate", "opportunity.csv is missing, so the candidates have no names",
                                hint="Export the opportunity table into the same folder"))
    cand["_row"] = cand["candidate_id"].map(dict(zip(out["candidate_id"], out["_row"])))
    cand["_sheet"] = ffpath.name  # the file of that row: a candidate's problem names the row of their first rating
    details = {"layout": "lever", "layout_why": "feedback_form and feedback_form_field tables (Lever export)", "reader": "csv",
               "file": str(folder), "forms": int(len(forms)), "ratings": int(len(fields)), "text_answers_not_used": n_text}
    overall = column(forms, "score_system_value")
    if overall:
        details["overall_scores"] = text(forms[overall]).value_counts().to_dict()
    if mapping.path:
        details["mapping"] = mapping.path
    if opps is not None and column(opps, "id"):
        problems += missing_names(opath.name, opps, column(opps, "id"), [column(opps, "name")], ids=ids)
    raw = from_parts(str(folder), out, cand, role_extra={"role": folder.name}, mapping=mapping, problems=problems, details=details,
                     sheet_label=ffpath.name, candidates_sheet=opath.name if opath else "opportunity.csv", candidate_letters={},
                     names_said=opps is not None and bool(column(opps, "id")),
                     source=mapping.scale_source or (1.0, 4.0), words=mapping.scale_words or "hire")
    return [(None, raw)]
