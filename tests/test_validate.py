"""Each validation rule, on the kind of mistake people really make, and the row accounting."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import make_frames

import toolkit
from toolkit import ScorecardError, round_from_frames

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def load(role, criteria, candidates, scores, **kw):
    return round_from_frames(role, criteria, candidates, scores, as_of="2026-03-20", **kw)


def rules(rnd, severity=None):
    p = rnd.problems if severity is None else rnd.problems[rnd.problems["severity"] == severity]
    return list(p["rule"])


def balanced(rnd):
    for r in rnd.row_counts.itertuples():
        assert r.read == r.loaded + r.quarantined, r
    per_sheet = rnd.rejected_rows.groupby("sheet").size().to_dict()
    for r in rnd.row_counts.itertuples():
        assert per_sheet.get(r.sheet, 0) == r.quarantined
    return True


def test_clean_round_has_no_problems_and_typed_tables(frames):
    rnd = load(*frames)
    assert rnd.problems.empty
    assert rnd.ok
    assert list(rnd.criteria["criterion"]) == ["SQL", "Statistics", "Team fit"]
    assert rnd.scores["criterion"].cat.ordered
    assert list(rnd.scores["criterion"].cat.categories) == ["SQL", "Statistics", "Team fit"]
    assert str(rnd.scores["score"].dtype) == "Float64"
    assert str(rnd.candidates["notified_on"].dtype) == "datetime64[s]"
    assert str(rnd.criteria["must_have"].dtype) == "boolean"
    # weights derived from rank: 3/6, 2/6, 1/6
    assert rnd.criteria["weight"].round(4).tolist() == [0.5, 0.3333, 0.1667]
    assert set(rnd.criteria["weight_source"]) == {"rank"}
    # blank candidate decision dates stay blank (they mean the round's date; timelines apply it)
    assert rnd.candidates["decided_on"].isna().all()
    assert balanced(rnd)
    assert rnd.row_counts.set_index("sheet")["loaded"].to_dict() == {"Criteria": 3, "Candidates": 3, "Scores": 18}


def test_given_weights_are_normalised(frames):
    role, criteria, candidates, scores = frames
    criteria["weight"] = [50, 30, 20]
    rnd = load(role, criteria, candidates, scores)
    assert rnd.criteria["weight"].tolist() == [0.5, 0.3, 0.2]
    assert set(rnd.criteria["weight_source"]) == {"given"}


@pytest.mark.parametrize("weights, warned", [([50, 0.3, 0.2], True), ([50, 30, 20], False), ([0.5, 0.3, 0.2], False),
                                              ([80, 15, 5], False), ([98, 1.5, 0.5], True)])
def test_weights_far_apart_are_reported(frames, weights, warned):
    """50 typed beside cells formatted as percentages (30 % is 0.3) gave weights of 99 %, 0.6 % and 0.4 %, silently."""
    role, criteria, candidates, scores = frames
    criteria["weight"] = weights
    rnd = load(role, criteria, candidates, scores)
    found = rnd.problems[(rnd.problems["rule"] == "weights") & rnd.problems["message"].str.contains("far apart")]
    assert len(found) == int(warned)
    if warned:
        assert "'SQL'" in found.iloc[0]["message"] and "(30 % is 0.3 in the cell)" in found.iloc[0]["message"]
    assert rnd.criteria["weight"].round(4).tolist() == [round(w / sum(weights), 4) for w in weights]  # read as given


def test_partial_weights_warn_and_fall_back_to_rank(frames):
    role, criteria, candidates, scores = frames
    criteria["weight"] = [50, None, 20]
    rnd = load(role, criteria, candidates, scores)
    assert rules(rnd) == ["weights"]
    assert set(rnd.criteria["weight_source"]) == {"rank"}


def test_text_in_a_score_cell_names_the_cell_and_quarantines_the_row(frames):
    role, criteria, candidates, scores = frames
    scores["score"] = scores["score"].astype(object)
    scores.loc[4, "score"] = "four"  # sheet row 6, score is column D
    rnd = load(role, criteria, candidates, scores)
    err = rnd.errors.iloc[0]
    assert err["rule"] == "bad_value"
    assert err["location"] == "Scores!D6"
    assert err["value"] == "four"
    assert "number" in err["hint"]
    assert rnd.rejected_rows["row"].tolist() == [6]
    assert len(rnd.scores) == 17
    assert balanced(rnd)


def test_blank_score_is_not_assessed_not_zero(frames):
    role, criteria, candidates, scores = frames
    scores["score"] = scores["score"].astype(object)
    scores.loc[0, "score"] = None
    scores.loc[1, "score"] = "\u00a0"  # a non-breaking space looks blank and is blank
    rnd = load(role, criteria, candidates, scores)
    assert rnd.problems.empty
    assert rnd.scores["score"].isna().sum() == 2
    assert len(rnd.scores) == 18


@pytest.mark.parametrize("bad, expected_rule", [(7, "out_of_scale"), (0, "out_of_scale"), (-1, "out_of_scale"),
                                                (float("inf"), "bad_value"), ("4,5 Punkte", "bad_value")])
def test_score_outside_the_scale_or_not_a_number(frames, bad, expected_rule):
    role, criteria, candidates, scores = frames
    scores["score"] = scores["score"].astype(object)
    scores.loc[2, "score"] = bad
    rnd = load(role, criteria, candidates, scores)
    assert rules(rnd, "error") == [expected_rule]
    assert rnd.errors.iloc[0]["cell"] == "D4"
    assert balanced(rnd)


def test_decimal_comma_is_a_number(frames):
    role, criteria, candidates, scores = frames
    scores["score"] = scores["score"].astype(object)
    scores.loc[2, "score"] = "3,5"
    rnd = load(role, criteria, candidates, scores)
    assert rnd.problems.empty
    assert rnd.scores.loc[2, "score"] == 3.5


def test_other_scale_from_role_sheet(frames):
    role, criteria, candidates, scores = frames
    role["scale"] = "1-10"
    scores.loc[0, "score"] = 9
    rnd = load(role, criteria, candidates, scores)
    assert rnd.problems.empty
    assert (rnd.role.scale_min, rnd.role.scale_max) == (1, 10)


def test_missing_sheet_is_an_error(frames):
    role, criteria, candidates, scores = frames
    from toolkit.readers.raw import RawRole, RawWorkbook, table_from_frame
    from toolkit.validate import build_round

    raw = RawWorkbook("x.xlsx", RawRole("Role", role, {}), {"Criteria": table_from_frame("Criteria", criteria),
                      "Candidates": table_from_frame("Candidates", candidates), "Scores": None}, ["Role", "Criteria", "Candidates"])
    rnd = build_round(raw, round_id="x", as_of="2026-03-20")
    assert "missing_sheet" in rules(rnd, "error")
    assert "Scores" in rnd.errors[rnd.errors["rule"] == "missing_sheet"].iloc[0]["message"]


def test_missing_required_column_names_closest_header_and_quarantines_all_rows(frames):
    role, criteria, candidates, scores = frames
    scores = scores.rename(columns={"interviewer": "Interviewr"})
    rnd = load(role, criteria, candidates, scores)
    miss = rnd.errors[rnd.errors["rule"] == "missing_column"].iloc[0]
    assert miss["column"] == "interviewer"
    assert "Interviewr" in miss["hint"]
    assert len(rnd.scores) == 0
    assert len(rnd.rejected_rows) == 18
    assert balanced(rnd)


def test_headers_ignore_case_spaces_underscores_and_punctuation(frames):
    role, criteria, candidates, scores = frames
    scores = scores.rename(columns={"candidate_id": " Candidate ID ", "interviewed_on": "Interviewed-On", "score": "SCORE"})
    rnd = load(role, criteria, candidates, scores)
    assert rnd.problems.empty
    assert len(rnd.scores) == 18


def test_duplicate_candidate_id_keeps_first_and_quarantines_repeat(frames):
    role, criteria, candidates, scores = frames
    extra = candidates.iloc[[1]].assign(name="Ben Okafor (copy)")
    candidates = pd.concat([candidates, extra], ignore_index=True)
    rnd = load(role, criteria, candidates, scores)
    err = rnd.errors.iloc[0]
    assert err["rule"] == "duplicate_candidate" and err["cell"] == "A5"
    assert "Row 3" in err["hint"]
    assert rnd.candidates["name"].tolist() == ["Amira Haddad", "Ben Okafor", "Chloe Martin"]
    assert balanced(rnd)


def test_two_candidates_with_one_email_address_are_reported(frames):
    """The same person entered twice under two ids: the second got a rejection draft addressed to the person hired."""
    role, criteria, candidates, scores = frames
    candidates.loc[2, "email"] = " Amira@Example.org "
    rnd = load(role, criteria, candidates, scores)
    warn = rnd.problems.set_index("rule").loc["shared_email"]
    assert warn["severity"] == "warning" and warn["cell"] == "C2" and "C1 (hired), C3 (rejected)" in warn["message"]
    assert "keep one row" in warn["hint"] and len(rnd.candidates) == 3
    assert "shared_email" not in set(load(*make_frames()).problems["rule"])
    candidates["email"] = ["-", "-", "n/a"]  # no address at all: bad_email says so, nothing is shared
    rules_found = list(load(role, criteria, candidates, scores).problems["rule"])
    assert "shared_email" not in rules_found and rules_found.count("bad_email") == 3


def test_scores_of_a_quarantined_candidate_say_to_correct_that_row(frames):
    role, criteria, candidates, scores = frames
    candidates["notified_on"] = candidates["notified_on"].astype(object)
    candidates.loc[1, "notified_on"] = "sometime in March"
    rnd = load(role, criteria, candidates, scores)
    assert "unknown_candidate" not in set(rnd.errors["rule"])
    (said,) = rnd.errors[rnd.errors["rule"] == "candidate_set_aside"].itertuples()  # once, not once per score
    cid, name = candidates.loc[1, "candidate_id"], candidates.loc[1, "name"]
    first = scores.index[scores["candidate_id"] == cid][0] + 2
    assert said.message == (f"candidate {name!r} ({cid}) is set aside for an error in their candidate row, and their 6 score rows "
                            f"with them (Scores rows {first}-{first + 5})")
    assert said.cell == f"A{first}" and said.hint.startswith("Correct that row on the Candidates sheet")
    assert (rnd.rejected_rows["reason"] == "the candidate's row is set aside").sum() == 6


def test_candidates_without_names_are_loaded_shown_by_id_and_said_once(frames):
    """A pseudonymised export has ids and no names; an analyst auditing how fast rejections go out needs nothing more.
    The candidates were set aside (with every score), one error per candidate; a heading over nothing is now one
    warning for the column, and every candidate and score is loaded, the rankings unchanged."""
    role, criteria, candidates, scores = frames
    named = load(role, criteria, candidates, scores)
    blank = candidates.assign(name="")
    rnd = load(role, criteria, blank, scores)
    assert rnd.errors.empty
    (said,) = rnd.problems[rnd.problems["rule"] == "missing_name"].itertuples()
    assert (said.severity, said.location) == ("warning", "Candidates, column 'name'")
    assert said.message.startswith("name is empty in every row (Candidates rows 2-4), so candidates are shown by their id")
    assert rnd.row_counts.set_index("sheet")["quarantined"].to_dict() == {"Criteria": 0, "Candidates": 0, "Scores": 0}
    totals, before = toolkit.weighted_totals(rnd), toolkit.weighted_totals(named)
    assert totals["name"].isna().all()  # the name as given: none; pages and charts show the id
    assert totals["weighted_total"].tolist() == before["weighted_total"].tolist() and totals["rank"].tolist() == before["rank"].tolist()
    # no column at all: said once, naming the column to add
    gone = load(role, criteria, candidates.drop(columns="name"), scores)
    assert gone.errors.empty and gone.problems.loc[gone.problems["rule"] == "missing_name", "message"].tolist() == [
        "there is no column 'name', so candidates are shown by their id in tables and charts, and their letters greet them without a name"]
    # one name missing among others: a warning at its cell; the candidate and their scores stay in the comparison
    candidates["name"] = ["Amira Haddad", "", "Cleo Berg"]
    one = load(role, criteria, candidates, scores)
    assert one.errors.empty and len(one.candidates) == 3 and len(one.scores) == len(scores)
    assert one.problems.loc[one.problems["rule"] == "missing_name", "location"].tolist() == ["Candidates!B3"]
    assert balanced(rnd) and balanced(one) and balanced(gone)


def test_an_unknown_country_is_reported_as_business_days_then_count_weekends_only(frames):
    role, criteria, candidates, scores = frames
    for country, warned in (("XX", True), ("49", True), ("de-by", False), ("Sweden", False), ("GB", False)):
        rnd = load({**role, "country": country}, criteria, candidates, scores)
        found = rnd.problems[rnd.problems["rule"] == "unknown_country"]
        assert len(found) == int(warned), country
        if warned:
            assert found.iloc[0]["value"] == country and "weekends only" in found.iloc[0]["message"]


def test_an_id_that_lost_its_leading_zeros_gets_a_did_you_mean(frames):
    """Scores typed 123 where the Candidates sheet says 00123 (the spreadsheet made a number of it)."""
    role, criteria, candidates, scores = frames
    candidates.loc[0, "candidate_id"] = "00123"
    scores["candidate_id"] = scores["candidate_id"].replace({"C1": "123"})
    rnd = load(role, criteria, candidates, scores)
    hints = rnd.errors.loc[rnd.errors["rule"] == "unknown_candidate", "hint"]
    assert len(hints) == 1 and hints.str.startswith("Did you mean '00123'?").all() and "leading zeros" in hints.iloc[0]
    assert (rnd.rejected_rows["reason"] == "unknown candidate").sum() == 6  # said once, each of the six rows set aside
    scores["candidate_id"] = scores["candidate_id"].astype(object).replace({"123": 123.0})  # a number cell, as Excel stores it
    hints = load(role, criteria, candidates, scores).errors.loc[lambda e: e["rule"] == "unknown_candidate", "hint"]
    assert len(hints) == 1 and hints.str.startswith("Did you mean '00123'?").all()


@pytest.mark.parametrize("typed", ["K3", "k003"])
def test_an_id_typed_without_the_zero_inside_it_gets_a_did_you_mean(frames, typed):
    """A Swedish secretary typed K3 for K03 on the Scores sheet: the error named the cell but not the id meant."""
    role, criteria, candidates, scores = frames
    candidates["candidate_id"] = ["K03", "K13", "K30"]
    scores["candidate_id"] = scores["candidate_id"].replace({"C1": "K03", "C2": "K13", "C3": "K30"})
    scores.loc[scores.index[0], "candidate_id"] = typed
    hints = load(role, criteria, candidates, scores).errors.loc[lambda e: e["rule"] == "unknown_candidate", "hint"]
    assert hints.tolist() and hints.iloc[0].startswith("Did you mean 'K03'?")


def test_a_word_in_a_score_cell_gets_a_hint_about_scores(frames):
    role, criteria, candidates, scores = frames
    scores["score"] = scores["score"].astype(object)
    scores.loc[0, "score"] = "four"
    err = load(role, criteria, candidates, scores).errors.iloc[0]
    assert err["column"] == "score" and "on the round's scale" in err["hint"] and "0.3" not in err["hint"]


def test_duplicate_score_row(frames):
    role, criteria, candidates, scores = frames
    scores = pd.concat([scores, scores.iloc[[0]]], ignore_index=True)
    rnd = load(role, criteria, candidates, scores)
    assert rules(rnd, "error") == ["duplicate_score"]
    assert rnd.rejected_rows["row"].tolist() == [20]
    assert balanced(rnd)


def test_duplicate_scores_in_a_large_round_are_each_found_once_with_the_row_they_repeat(frames):
    """A year's graduate intake: 300 candidates x 3 interviewers x 3 criteria x 2 stages. Two rows pasted twice (one with a
    corrected score) are the only duplicates; a row that differs in its stage alone is a score of its own."""
    role, criteria, _candidates, _scores = frames
    ids = [f"G{i:03d}" for i in range(300)]
    candidates = pd.DataFrame({"candidate_id": ids, "name": [f"Graduate {i}" for i in range(300)], "status": ["rejected"] * 300})
    candidates.loc[0, "status"] = "hired"
    scores = pd.DataFrame([{"candidate_id": c, "interviewer": i, "criterion": k, "score": 3, "stage": s}
                           for c in ids for s in ("Phone", "Panel") for i in ("Sam", "Lee", "Noor") for k in ("SQL", "Statistics", "Team fit")])
    clean = load(role, criteria, candidates, scores)
    assert "duplicate_score" not in rules(clean) and len(clean.scores) == 5400
    pasted = pd.concat([scores, scores.iloc[[17]], scores.iloc[[4000]].assign(score=5), scores.iloc[[20]].assign(stage="Final")],
                       ignore_index=True)
    rnd = load(role, criteria, candidates, pasted)
    dup = rnd.problems[rnd.problems["rule"] == "duplicate_score"]
    assert dup["row"].tolist() == [5402, 5403]  # header in row 1: data row i is Excel row i + 2
    # each names the row it repeats and whether the score differs (then which one is right is for the committee to say)
    assert dup["message"].tolist() == [
        "a second row for the same candidate, interviewer, criterion and stage as row 19, with the same score",
        "a second row for the same candidate, interviewer, criterion and stage as row 4002, with another score: 5 here, 3 there"]
    assert dup["hint"].tolist() == ["Delete this row (row 19 is loaded)",
                                    "Only row 4002 is loaded: keep the row that is right and delete the other"]
    assert dup["cell"].tolist() == ["D5402", "D5403"]  # the score cell, not the stage's
    assert len(rnd.scores) == 5401 and balanced(rnd)


def test_a_repeated_score_row_with_one_score_blank_says_blank(frames):
    role, criteria, candidates, scores = frames
    scores = pd.concat([scores, scores.iloc[[0]].assign(score=None)], ignore_index=True)
    rnd = load(role, criteria, candidates, scores)
    message = rnd.problems.query("rule == 'duplicate_score'")["message"].iloc[0]
    assert message.endswith("with another score: blank here, " + str(int(scores.loc[0, "score"])) + " there")


def test_a_duplicate_score_in_a_wide_sheet_is_compared_cell_by_cell_as_written(tmp_path):
    """A wide sheet on 1-10 whose row for Alice and Tom was pasted again with the SQL score corrected: each criterion's
    cell of the pasted row is a duplicate of its own, compared with its own cell above, and shown as written (7, not the
    rescaled 3.67)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scores"
    for row in [["Candidate", "Interviewer", "SQL (1-10)", "Communication (1-10)"], ["Alice Moore", "Tom Baker", 8, 3],
                ["Alice Moore", "Tom Baker", 7, 3], ["Ben Carter", "Kim Lee", 2, 5]]:
        ws.append(row)
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    rnd = toolkit.load_round(path, as_of="2026-03-20")
    dup = rnd.problems[rnd.problems["rule"] == "duplicate_score"].set_index("cell")
    assert dup.loc["C3", "message"].endswith("as row 2, with another score: 7 here, 8 there") and dup.loc["C3", "value"] == "7"
    assert dup.loc["D3", "message"].endswith("as row 2, with the same score")
    assert len(rnd.scores) == 2 * 2


def test_unknown_candidate_and_criterion_in_scores(frames):
    role, criteria, candidates, scores = frames
    scores.loc[0, "candidate_id"] = "C9"
    scores.loc[1, "criterion"] = "Statistcs"
    rnd = load(role, criteria, candidates, scores)
    errs = rnd.errors.set_index("rule")
    assert errs.loc["unknown_candidate", "cell"] == "A2"
    assert errs.loc["unknown_criterion", "cell"] == "C3"
    assert "Statistics" in errs.loc["unknown_criterion", "hint"]
    assert balanced(rnd)


def test_scores_of_a_quarantined_candidate_are_quarantined_with_the_reason(frames):
    role, criteria, candidates, scores = frames
    candidates.loc[2, "status"] = "maybe later"
    rnd = load(role, criteria, candidates, scores)
    assert "bad_value" in rules(rnd, "error")
    assert "is set aside for an error in their candidate row" in " ".join(rnd.errors["message"])
    assert len(rnd.scores) == 12
    assert balanced(rnd)


def test_missing_and_repeated_ranks(frames):
    role, criteria, candidates, scores = frames
    criteria["rank"] = [1, 1, 4]
    rnd = load(role, criteria, candidates, scores)
    assert "duplicate_rank" in rules(rnd, "error")
    assert "missing_rank" in rules(rnd, "warning")
    # Statistics was quarantined, so its scores are too (unknown criterion)
    assert "Statistics" not in rnd.criterion_order
    assert balanced(rnd)


def test_blank_rank_is_required(frames):
    role, criteria, candidates, scores = frames
    criteria["rank"] = [1, None, 3]
    rnd = load(role, criteria, candidates, scores)
    assert rnd.errors.iloc[0]["rule"] == "required_value"
    assert rnd.errors.iloc[0]["cell"] == "B3"


@pytest.mark.parametrize("value", ["31.02.2026", "next week", "2026-13-01"])
def test_unparseable_dates(frames, value):
    role, criteria, candidates, scores = frames
    candidates["notified_on"] = candidates["notified_on"].astype(object)
    candidates.loc[1, "notified_on"] = value
    rnd = load(role, criteria, candidates, scores)
    err = rnd.errors.iloc[0]
    assert err["rule"] == "bad_value" and err["column"] == "notified_on" and err["row"] == 3


def test_german_dates_and_real_dates_are_read(frames):
    import datetime as dt

    role, criteria, candidates, scores = frames
    candidates["notified_on"] = ["13.03.2026", dt.datetime(2026, 3, 16, 9, 30), None]
    rnd = load(role, criteria, candidates, scores)
    assert rnd.problems.empty
    assert rnd.candidates["notified_on"].tolist()[:2] == [pd.Timestamp("2026-03-13"), pd.Timestamp("2026-03-16")]


def test_told_before_decided_is_impossible(frames):
    role, criteria, candidates, scores = frames
    candidates["decided_on"] = [None, "2026-03-13", None]
    candidates.loc[1, "notified_on"] = "2026-03-12"  # Ben's own decision date is the 13th
    rnd = load(role, criteria, candidates, scores)
    err = rnd.errors.iloc[0]
    assert err["rule"] == "date_order" and "told before" in err["message"]
    assert "decided_on in cell" in err["hint"]
    assert "C2" not in set(rnd.candidates["candidate_id"]) and balanced(rnd)  # both dates the timing rests on: set aside


def test_told_before_the_rounds_decision_without_a_date_of_their_own_is_an_early_decision_not_an_error(frames):
    """Ben was turned down after the first interview and told on the 12th; the committee decided on the others on the
    13th (the Role sheet's date) and his own decided_on is blank. Taking the round's date made him "told before the
    decision": an error that set him aside, out of every figure. He was decided on earlier, on a day not written down: a
    warning says so, he stays, and he is not timed."""
    from toolkit.analytics.timelines import timelines

    role, criteria, candidates, scores = frames
    candidates.loc[1, "notified_on"] = "2026-03-12"
    rnd = load(role, criteria, candidates, scores)
    assert rules(rnd, "error") == []
    warning = rnd.problems[rnd.problems["rule"] == "no_decision_date"].iloc[0]
    assert warning["severity"] == "warning" and "before the round's decision date (2026-03-13)" in warning["message"]
    assert "Fill in decided_on" in warning["hint"]
    tl = timelines([rnd], as_of="2026-03-20").set_index("candidate_id")
    assert tl.loc["C2", "target_status"] == "not_applicable" and pd.isna(tl.loc["C2", "decided_on"])
    assert tl.loc["C1", "decided_on"] == pd.Timestamp("2026-03-13")  # the others still take the round's date
    # the hire told of the offer before the round's date is never timed: nothing to warn about
    hired = candidates["status"].tolist().index("hired")
    candidates.loc[hired, "notified_on"] = "2026-03-11"
    warned = load(role, criteria, candidates, scores).problems.query("rule == 'no_decision_date'")["row"].tolist()
    assert warned == [3]  # Ben's row only


def test_decided_before_last_interview_is_impossible(frames):
    role, criteria, candidates, scores = frames
    candidates["decided_on"] = ["2026-03-13", "2026-03-09", "2026-03-13"]
    rnd = load(role, criteria, candidates, scores)
    errors = rules(rnd, "error")
    assert errors[0] == "date_order"
    assert rnd.errors.iloc[0]["location"] == "Candidates!H3" or rnd.errors.iloc[0]["column"] == "decided_on"
    # the decision date may be the wrong one (a mistyped year would be timed as months late): Ben's row is set aside,
    # and so are his six scores, each saying why; the response-time pages list him as left out
    assert errors[1:] == ["candidate_set_aside"]  # said once, not once per score: the one error to fix stays in sight
    (said,) = rnd.errors.loc[rnd.errors["rule"] == "candidate_set_aside", "message"]
    assert said.endswith("is set aside for an error in their candidate row, and their 6 score rows with them (Scores rows 8-13)"), said
    assert (rnd.rejected_rows["reason"] == "the candidate's row is set aside").sum() == 6
    assert balanced(rnd)


def test_two_impossible_dates_the_timing_does_not_rest_on_are_read_as_blank_and_the_candidate_kept(frames):
    """Feedback 'sent' before it was requested: which date is wrong is unknown, and neither is one the response time
    rests on; both are read as blank (an error says so) and Ben stays in every figure."""
    role, criteria, candidates, scores = frames
    candidates["feedback_requested_on"] = [None, "2026-03-18", None]
    candidates["feedback_sent_on"] = [None, "2026-03-17", None]
    rnd = load(role, criteria, candidates, scores)
    assert rules(rnd, "error") == ["date_order"]
    assert rnd.errors.iloc[0]["message"].endswith("feedback_requested_on and feedback_sent_on are read as blank and the row is kept")
    ben = rnd.candidates.set_index("candidate_id").loc["C2"]
    assert pd.isna(ben["feedback_requested_on"]) and pd.isna(ben["feedback_sent_on"])
    assert len(rnd.rejected_rows) == 0 and balanced(rnd)


def test_dates_after_the_as_of_date_are_flagged(frames):
    role, criteria, candidates, scores = frames
    candidates.loc[1, "notified_on"] = "2062-03-16"
    rnd = load(role, criteria, candidates, scores)
    assert rules(rnd) == ["future_date"]
    assert rnd.problems.iloc[0]["severity"] == "warning"


@pytest.mark.parametrize("column, value", [("status", "ghosted"), ("channel", "carrier pigeon")])
def test_unknown_status_or_channel(frames, column, value):
    role, criteria, candidates, scores = frames
    candidates[column] = candidates[column].astype(object)
    candidates.loc[1, column] = value
    rnd = load(role, criteria, candidates, scores)
    err = rnd.errors.iloc[0]
    assert err["rule"] == "bad_value" and err["column"] == column and err["value"] == value
    assert "Use one of" in err["hint"]


def test_status_and_channel_in_german_and_swedish(frames):
    role, criteria, candidates, scores = frames
    candidates["status"] = ["eingestellt", "Abgelehnt", "avböjd"]
    candidates["channel"] = ["Telefon", "Video call", None]
    rnd = load(role, criteria, candidates, scores)
    assert rnd.problems.empty
    assert rnd.candidates["status"].tolist() == ["hired", "rejected", "rejected"]
    assert rnd.candidates["channel"].tolist()[:2] == ["phone", "video"]


def test_a_declined_status_is_refused_with_a_hint_saying_which_status_to_write(frames):
    """'declined' is 'we declined them' in some trackers and 'they declined our offer' in others: read as rejected, a
    candidate who turned the offer down was written a rejection letter. The row is set aside until the committee says."""
    role, criteria, candidates, scores = frames
    candidates["status"] = candidates["status"].astype(object)
    candidates.loc[1, "status"] = " Declined "
    rnd = load(role, criteria, candidates, scores)
    err = rnd.errors.iloc[0]
    assert err["rule"] == "bad_value" and err["column"] == "status" and err["location"] == "Candidates!D3"
    assert "write rejected if the committee turned the candidate down, withdrawn if the candidate declined" in err["hint"]
    assert candidates.loc[1, "candidate_id"] not in set(rnd.candidates["candidate_id"])
    candidates.loc[1, "status"] = "ghosted"  # any other unknown word still gets the list
    assert "Use one of" in load(role, criteria, candidates, scores).errors.iloc[0]["hint"]
    # German 'abgesagt' is the same trap ('wir haben abgesagt', rejected; 'die Person hat abgesagt', withdrew)
    candidates.loc[1, "status"] = "Abgesagt"
    err = load(role, criteria, candidates, scores).errors.iloc[0]
    assert err["location"] == "Candidates!D3" and "rejected (abgelehnt)" in err["hint"] and "withdrawn (zurückgezogen)" in err["hint"]
    # Swedish 'tackade nej' too ('vi tackade nej till kandidaten' or 'kandidaten tackade nej')
    candidates.loc[1, "status"] = "Tackade nej"
    err = load(role, criteria, candidates, scores).errors.iloc[0]
    assert err["location"] == "Candidates!D3" and "rejected (fick nej)" in err["hint"] and "withdrawn (drog sig ur)" in err["hint"]


def test_what_a_swedish_secretary_types_is_read(tmp_path):
    """A Swedish review: 'Ej aktuell' (the usual rejected status in Swedish recruitment systems), 'mejl' (the spelling
    Språkrådet recommends), 'SMS' and the date 17/3 2026 were refused; 16/3, with no year, was refused with a hint
    that did not say the year was missing."""
    wb = openpyxl.load_workbook(SAMPLE / "stockholm-ux-designer.xlsx")
    ws = wb["Candidates"]
    col = {c.value: c.column for c in ws[1]}
    typed = {2: ("Ej aktuell", "mejl", "17/3 2026"), 3: ("fick nej", "SMS", None), 5: ("rejected", "phone", "16/3")}
    for row, (status, channel, told) in typed.items():
        ws.cell(row, col["status"]).value, ws.cell(row, col["channel"]).value = status, channel
        if told:
            ws.cell(row, col["notified_on"]).value = told
    wb.save(tmp_path / "r.xlsx")
    rnd = toolkit.load_round(tmp_path / "r.xlsx", as_of="2026-03-20")
    got = rnd.candidates.set_index("source_row")
    assert got.loc[2, ["status", "channel"]].tolist() == ["rejected", "email"] and str(got.loc[2, "notified_on"].date()) == "2026-03-17"
    assert got.loc[3, ["status", "channel"]].tolist() == ["rejected", "email"]
    (err,) = rnd.errors[rnd.errors["sheet"] == "Candidates"].itertuples()  # its scores are set aside with it, said once
    assert err.location == f"Candidates!{openpyxl.utils.get_column_letter(col['notified_on'])}5" and err.hint.startswith("The year is missing: write 16/3 with its year")


def test_a_channel_that_cannot_be_read_is_one_error_not_also_a_channel_left_empty(frames):
    """A German secretary's review: 'Gespräch vor Ort'-like words the loader could not read gave an error, and then a
    warning that the channel was empty, named by column and showing the candidate id as the value found."""
    role, criteria, candidates, scores = frames
    told = candidates.index[candidates["notified_on"].notna()]
    assert len(told) >= 2
    candidates["channel"] = candidates["channel"].astype(object)
    candidates.loc[told[0], "channel"] = "carrier pigeon"
    candidates.loc[told[1], "channel"] = None
    rnd = load(role, criteria, candidates, scores)
    bad = rnd.problems[rnd.problems["column"] == "channel"]
    letter = bad.iloc[0]["cell"].rstrip("0123456789")
    assert bad[["rule", "location"]].values.tolist() == [["bad_value", f"Candidates!{letter}{told[0] + 2}"],
                                                          ["missing_channel", f"Candidates!{letter}{told[1] + 2}"]]
    assert bad.iloc[1]["value"] in (None, "None", "nan") or pd.isna(bad.iloc[1]["value"])


@pytest.mark.parametrize("written, hint", [
    ("rejected?", "not decided yet: write pending"), ("Hired ?", "not decided yet: write pending"),
    ("¿abgelehnt?", "not decided yet: write pending"),
])
def test_a_status_not_yet_decided_or_open_to_two_readings_is_refused(frames, written, hint):
    """'rejected?' is a question, not a decision: it was read as rejected, as the question mark fell away with the other
    punctuation."""
    role, criteria, candidates, scores = frames
    candidates["status"] = candidates["status"].astype(object)
    candidates.loc[1, "status"] = written
    rnd = load(role, criteria, candidates, scores)
    err = rnd.errors.iloc[0]
    assert err["rule"] == "bad_value" and err["location"] == "Candidates!D3" and hint in err["hint"]
    assert candidates.loc[1, "candidate_id"] not in set(rnd.candidates["candidate_id"])
    candidates.loc[1, "channel"] = "phone?"  # any other choice: not certain either
    candidates.loc[1, "status"] = "rejected"
    err = load(role, criteria, candidates, scores).errors.iloc[0]
    assert err["column"] == "channel" and "not certain" in err["hint"]


def test_rejected_candidates_without_a_decision_date_are_a_warning_as_their_wait_cannot_be_measured(frames):
    """No decided_on anywhere: the response-time figures would show '0 overdue' for a round nobody can time."""
    from toolkit.analytics import overdue_now, timelines

    role, criteria, candidates, scores = frames
    undated = load({**role, "decided_on": None}, criteria, candidates, scores)
    warn = undated.problems[undated.problems["rule"] == "no_decision_date"]
    assert len(warn) == 1 and warn.iloc[0]["severity"] == "warning" and warn.iloc[0]["column"] == "decided_on"
    assert warn.iloc[0]["message"].startswith("2 rejected candidates have no decision date") and "Role sheet" in warn.iloc[0]["hint"]
    assert overdue_now(timelines(undated, as_of="2026-03-20")).empty  # what the warning is about: C3 cannot show as overdue
    # one candidate dated, one not: still a warning, for the one
    dated_one = candidates.assign(decided_on=["2026-03-13", "2026-03-13", None])
    assert "1 rejected candidate has no decision date" in load({**role, "decided_on": None}, criteria, dated_one, scores).problems["message"].str.cat()
    assert "no_decision_date" not in rules(load(role, criteria, candidates, scores))  # the round's date covers everyone


def test_a_candidate_whose_every_score_is_blank_is_a_warning_as_nobody_assessed_them(frames):
    role, criteria, candidates, scores = frames
    scores.loc[scores["candidate_id"] == "C3", "score"] = None
    rnd = load(role, criteria, candidates, scores)
    warn = rnd.problems[rnd.problems["rule"] == "no_scores"]
    assert warn["message"].tolist() == ["candidate C3 has no filled-in score: every score loaded for them is blank (not assessed)"]
    assert warn.iloc[0]["location"] == "Candidates!A4" and "withdrawn" in warn.iloc[0]["hint"]
    scores.loc[(scores["candidate_id"] == "C3") & (scores["criterion"] == "SQL") & (scores["interviewer"] == "Sam"), "score"] = 2
    assert "no_scores" not in rules(load(role, criteria, candidates, scores))  # one real score is an assessment


def test_weights_that_contradict_the_ranks_are_a_warning(frames):
    """Rank 2 at 10 % and rank 3 at 40 %: the totals follow the weights while a letter would call Statistics "our second
    most important criterion"."""
    role, criteria, candidates, scores = frames
    warn = load(role, criteria.assign(weight=[50, 10, 40]), candidates, scores).problems
    assert warn["rule"].tolist() == ["weights"] and warn.iloc[0]["severity"] == "warning"
    assert "'Statistics' (rank 2) weighs 10%, less than 'Team fit' (rank 3, 40%)" in warn.iloc[0]["message"]
    for fine in ([50, 30, 20], [40, 30, 30]):  # falling, or level: no warning
        assert load(role, criteria.assign(weight=fine), candidates, scores).problems.empty


def test_an_email_that_is_not_one_plain_address_warns_before_letters_are_written(frames):
    role, criteria, candidates, scores = frames
    candidates["email"] = ["Ann Lee <ann@example.com>", "bo@example", None]
    rnd = load(role, criteria, candidates, scores)
    assert rules(rnd) == ["bad_email", "bad_email"]
    warn = rnd.problems.iloc[0]
    assert warn["severity"] == "warning" and warn["column"] == "email" and warn["value"] == "Ann Lee <ann@example.com>"
    assert "no recipient" in warn["message"] and "name@example.com" in warn["hint"]
    assert len(rnd.candidates) == 3  # a warning: nobody is quarantined for a typo in an address
    candidates["email"] = ["ann.lee+cv@example.co.uk", " bo@example.se ", None]
    assert load(role, criteria, candidates, scores).problems.empty


def test_unknown_language_warns_and_uses_the_rounds(frames):
    role, criteria, candidates, scores = frames
    candidates["language"] = ["fr", "Deutsch", None]
    rnd = load(role, criteria, candidates, scores)
    assert rules(rnd) == ["unknown_language"]
    assert rnd.candidates["language"].tolist() == ["en", "de", "en"]


@pytest.mark.parametrize("statuses, message", [(["rejected", "rejected", "rejected"], "no candidate"),
                                               (["hired", "hired", "rejected"], "2 candidates")])
def test_no_or_several_hired_is_a_warning(frames, statuses, message):
    role, criteria, candidates, scores = frames
    candidates["status"] = statuses
    rnd = load(role, criteria, candidates, scores)
    w = rnd.warnings[rnd.warnings["rule"] == "hired_count"]
    assert len(w) == 1 and message in w.iloc[0]["message"]
    assert rnd.ok


def test_strict_raises_one_error_listing_every_problem(frames):
    role, criteria, candidates, scores = frames
    scores["score"] = scores["score"].astype(object)
    scores.loc[0, "score"] = "x"
    scores.loc[5, "criterion"] = "Nope"
    with pytest.raises(ScorecardError) as info:
        load(role, criteria, candidates, scores, strict=True)
    text = str(info.value)
    assert "2 error(s)" in text and "Scores!D2" in text and "Scores!C7" in text
    assert len(info.value.problems) == 2
    # each line says what was found and what to do, as debrief validate does
    assert "score is not a number (found 'x') — Enter a number on the round's scale" in text and "(found 'Nope') — Use one of: SQL" in text


def test_unknown_column_is_reported_not_silently_dropped(frames):
    role, criteria, candidates, scores = frames
    scores["Gut feeling"] = "meh"
    rnd = load(role, criteria, candidates, scores)
    assert rules(rnd) == ["unknown_column"]


def test_every_row_is_loaded_or_quarantined_on_a_messy_round(frames):
    role, criteria, candidates, scores = frames
    scores["score"] = scores["score"].astype(object)
    scores.loc[[0, 3, 7], "score"] = ["", "n/a?", 11]
    scores.loc[9, "candidate_id"] = "C4"
    candidates.loc[2, "channel"] = "fax"
    rnd = load(role, criteria, candidates, scores)
    assert balanced(rnd)
    counts = rnd.row_counts.set_index("sheet")
    assert counts.loc["Scores", "read"] == 18
    # 'n/a?' and 11 are errors; C4 unknown; C3's channel 'fax' is an error read as blank: C3 and their rows stay
    assert counts.loc["Candidates", "quarantined"] == 0
    assert counts.loc["Scores", "loaded"] == len(rnd.scores) == 18 - 3
    assert set(rnd.rejected_rows["sheet"]) == {"Scores"}
    assert rnd.errors.set_index("column").loc["channel", "message"].endswith("it is read as blank and the row is kept")


def test_an_absurd_rank_is_an_error_not_a_gap_of_billions(frames):
    role, criteria, candidates, scores = frames
    criteria["rank"] = [1, 2, 5_000_000_000_000_000]
    rnd = load(role, criteria, candidates, scores)
    err = rnd.errors.iloc[0]
    assert err["rule"] == "bad_value" and err["cell"] == "B4" and "at most 1000" in err["message"]
    assert rnd.criterion_order == ["SQL", "Statistics"]
    assert balanced(rnd)


def test_a_huge_weight_is_an_error_naming_its_cell_not_an_overflow_that_zeroes_every_weight(frames):
    """1e308 + 1e308 is infinite: normalised, every weight became 0 (and every weighted total missing). A weight above
    1000 is a typo (only proportions count): reported where it is and read as blank; the criterion stays with its scores
    (the weights are then derived from the ranks, and that is said)."""
    from toolkit.analytics import weighted_totals
    from toolkit.validate import MAX_WEIGHT

    role, criteria, candidates, scores = frames
    criteria["weight"] = [1e308, 1e308, 20]
    rnd = load(role, criteria, candidates, scores)
    bad = rnd.errors[rnd.errors["rule"] == "bad_value"]
    assert bad["cell"].tolist() == ["E2", "E3"] and (bad["column"] == "weight").all() and (bad["value"] == "1e+308").all()
    assert (bad["message"] == f"weight must be at most {MAX_WEIGHT}; it is read as blank and the row is kept").all()
    assert bad["hint"].str.contains("from 0 to 1000").all()
    assert len(rnd.criteria) == 3 and rnd.criteria["weight"].round(6).tolist() == [0.5, round(1 / 3, 6), round(1 / 6, 6)]  # by rank
    assert (rnd.criteria["weight_source"] == "rank").all() and "weights" in set(rnd.problems["rule"])
    assert not (rnd.rejected_rows["sheet"] == "Criteria").any()
    assert weighted_totals(rnd)["weighted_total"].notna().all()
    assert balanced(rnd)
    criteria["weight"] = [MAX_WEIGHT, 1, 0]  # the bound itself is a weight
    rnd = load(role, criteria, candidates, scores)
    assert rnd.ok and rnd.criteria["weight"].round(6).tolist() == [round(1000 / 1001, 6), round(1 / 1001, 6), 0.0]


def test_scores_of_a_criterion_set_aside_say_so_and_point_at_its_row(frames):
    """A rank written "first" quarantines the Criteria row; its scores used to say "not on the Criteria sheet" (it is),
    and with every criterion set aside the hint was "Use one of: " and nothing."""
    role, criteria, candidates, scores = frames
    criteria["rank"] = pd.Series(["first", 2, 3], dtype=object)
    rnd = load(role, criteria, candidates, scores)
    first = criteria.loc[0, "criterion"]
    assert not ((rnd.problems["rule"] == "unknown_criterion") & (rnd.problems["value"] == first)).any()
    own = rnd.problems[(rnd.problems["rule"] == "criterion_set_aside") & (rnd.problems["value"] == first)]
    n = int((scores["criterion"] == first).sum())
    assert len(own) == 1 and own.iloc[0]["message"].startswith(f"criterion {first!r} is set aside for an error in its Criteria row, "
                                                               f"and its {n} scores with it (Scores rows ")
    assert own["hint"].str.startswith("Correct that row on the Criteria sheet").all()
    assert (rnd.rejected_rows["reason"] == "the criterion's row is set aside").sum() == n
    criteria["rank"] = "first"  # every criterion set aside
    gone = load(role, criteria, candidates, scores).problems
    assert not gone["hint"].fillna("").str.fullmatch("Use one of: ").any()


def test_validate_lists_the_cause_before_the_rows_it_spoils(tmp_path, capsys):
    """A missing rank column quarantines every criterion and with them every score: the missing column comes first."""
    from toolkit.cli import main

    main(["validate", "tests/data/bad/missing-column-criteria-rank.xlsx"])
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  error")]
    assert "required column 'rank' is missing" in lines[0] and "Scores!" in lines[1]


def test_a_scores_sheet_with_only_its_header_is_not_ok_without_a_word(frames):
    """Candidates but not one score: a warning says so (letters would have nothing to name)."""
    role, criteria, candidates, scores = frames
    rnd = load(role, criteria, candidates, scores.iloc[0:0])
    w = rnd.warnings[rnd.warnings["rule"] == "no_scores"]
    assert len(w) == 1 and "the Scores sheet has no scores" in w.iloc[0]["message"]


def test_names_written_two_ways_are_flagged_not_silently_counted_twice(frames):
    """'Anna Berg' and 'ANNA  BERG' are read as two interviewers, so a second score by the same person is no duplicate and
    counts twice in the means: a warning names both spellings (and the same for stages and candidate ids)."""
    role, criteria, candidates, scores = frames
    scores["interviewer"] = scores["interviewer"].astype(object)
    first = scores.loc[0, "interviewer"]
    scores.loc[0, "interviewer"] = "  " + first.upper().replace(" ", "  ") + " "
    candidates["candidate_id"] = candidates["candidate_id"].astype(object)
    rnd = load(role, criteria, candidates, scores)
    w = rnd.warnings[rnd.warnings["rule"] == "name_variants"]
    assert len(w) == 1 and w.iloc[0]["column"] == "interviewer" and repr(first) in w.iloc[0]["message"]
    role, criteria, candidates, scores = make_frames()
    assert "name_variants" not in set(load(role, criteria, candidates, scores).problems["rule"])
    from toolkit.validate import Problems, _name_variants

    found = Problems("f.xlsx")
    _name_variants(found, "Scores", "interviewer", "interviewer names", pd.Series(["Jürgen Weiß", "JÜRGEN WEISS", "Li Na", "Lina"]))
    assert [r["message"].split(" differ")[0] for r in found.records] == ["interviewer names 'JÜRGEN WEISS' and 'Jürgen Weiß'"]


def test_weights_written_as_percentages_are_read(frames):
    """A committee writes "50 %" on the Criteria sheet beside cells formatted as percentages (Excel stores 30 % as 0.3):
    the weights are 0.5, 0.3, 0.2 (a bar written "60%" is still outside a 1-5 scale, and says so)."""
    role, criteria, candidates, scores = frames
    criteria["weight"] = pd.Series(["50\u202f%", 0.3, "20%"], dtype=object)
    rnd = load(role, criteria, candidates, scores)
    assert rnd.ok and rnd.criteria["weight"].round(6).tolist() == [0.5, 0.3, 0.2]
    criteria["bar"] = pd.Series(["60%", 3, None], dtype=object)
    assert "out_of_scale" in rules(load(role, criteria, candidates, scores), "error")


def test_a_number_in_a_date_cell_is_not_loaded_as_a_date_in_1900(frames):
    """5 typed into a date-formatted cell shows as 5 January 1900: reported with what the cell shows, never loaded (it
    would make the candidate wait 126 years in every response-time figure)."""
    import datetime as dt

    role, criteria, candidates, scores = frames
    scores["interviewed_on"] = scores["interviewed_on"].astype(object)
    scores.loc[0, "interviewed_on"] = dt.datetime(1900, 1, 5)
    scores.loc[1, "interviewed_on"] = "1969-12-31"
    rnd = load(role, criteria, candidates, scores)
    bad = rnd.errors[(rnd.errors["rule"] == "bad_value") & (rnd.errors["column"] == "interviewed_on")]
    assert [v[:10] for v in sorted(bad["value"])] == ["1900-01-05", "1969-12-31"] and bad["hint"].str.contains("from 1970 on").all()
    assert rnd.scores["interviewed_on"].min() >= pd.Timestamp("1970-01-01")


@pytest.mark.parametrize("sheet", ["Candidates", "Scores"])
def test_a_negative_number_in_a_date_cell_is_shown_as_written_not_as_a_time_of_day(tmp_path, frames, sheet):
    """-5 in a date-formatted cell (Excel shows ####) was read as the time 00:00:00 and reported as that: the problem
    shows -5, says it is not a date, and the row is set aside (a candidate's is kept, the cell read as blank: their
    timing does not rest on it); the same whichever reader reads the sheet."""
    import openpyxl
    from test_speed_paths import _assert_same_round, _load_both

    from toolkit.workbook import write_scorecard_workbook

    path = write_scorecard_workbook(tmp_path / "round.xlsx", *frames)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    column = 1 + [c.value for c in ws[1]].index("last_interview_on" if sheet == "Candidates" else "interviewed_on")
    cell = ws.cell(3, column)
    cell.value, cell.number_format = -5, "yyyy-mm-dd"
    wb.save(path)
    rnd, grid = _load_both(path)
    _assert_same_round(rnd, grid)
    bad = rnd.errors[rnd.errors["rule"] == "bad_value"]
    assert bad[["sheet", "cell", "value"]].values.tolist() == [[sheet, cell.coordinate, "-5"]]
    assert "is not a date" in bad.iloc[0]["message"] and "from 1970 on" in bad.iloc[0]["hint"]
    set_aside = rnd.rejected_rows.loc[rnd.rejected_rows["sheet"] == sheet, "row"].tolist()
    assert (3 in set_aside) == (sheet == "Scores")
    assert balanced(rnd)


def test_a_corrected_copy_below_a_row_set_aside_is_loaded_not_called_its_duplicate(frames):
    """Row 2 has a score 'x' (quarantined); the committee added the corrected score in a new row at the bottom: that row
    loads (before, it was quarantined as a duplicate of the very row that had been set aside)."""
    role, criteria, candidates, scores = frames
    fixed = scores.iloc[[0]].copy()
    scores["score"] = scores["score"].astype(object)
    scores.loc[0, "score"] = "x"
    rnd = load(role, criteria, candidates, pd.concat([scores, fixed], ignore_index=True))
    assert "duplicate_score" not in rules(rnd)
    assert rnd.rejected_rows["row"].tolist() == [2] and len(rnd.scores) == len(scores)


def test_a_candidate_id_in_other_capitals_is_pointed_at_the_id_it_means(frames):
    role, criteria, candidates, scores = frames
    scores["candidate_id"] = scores["candidate_id"].astype(object)
    known = scores.loc[0, "candidate_id"]
    scores.loc[0, "candidate_id"] = known.lower()
    rnd = load(role, criteria, candidates, scores)
    p = rnd.errors[rnd.errors["rule"] == "unknown_candidate"]
    assert len(p) == 1 and p.iloc[0]["hint"].startswith(f"Did you mean {known!r}?")


def test_a_formula_in_a_cell_the_timing_does_not_rest_on_keeps_the_candidate(tmp_path):
    """stay_in_touch showing #N/A (a VLOOKUP that failed) or a channel formula never calculated set the candidate aside,
    and an overdue candidate left the overdue list: the same as for a typo in those cells, they are read as blank."""
    import openpyxl

    from toolkit.analytics import overdue_now, timelines

    path = tmp_path / "round.xlsx"
    shutil.copy("data/sample/manchester-data-analyst.xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Candidates"]
    assert ws["N1"].value == "stay_in_touch" and ws["K1"].value == "channel" and ws["J10"].value is None
    ws["N10"], ws["K8"] = "#N/A", "=VLOOKUP(A8,X!A:B,2,0)"
    wb.save(path)
    rnd = toolkit.load_round(path, as_of="2026-03-20")
    found = rnd.errors.set_index("cell")
    assert found.loc["N10", "rule"] == "formula_error" and found.loc["K8", "rule"] == "formula_without_value"
    assert found["message"].str.endswith("it is read as blank and the row is kept").all()
    assert len(rnd.rejected_rows) == 0 and len(rnd.candidates) == 9
    assert ws["A10"].value in overdue_now(timelines(rnd, as_of="2026-03-20"))["candidate_id"].tolist()


def test_no_value_marks_in_optional_criteria_cells_are_blank_and_a_bad_one_keeps_the_criterion(tmp_path):
    """A messy-workbook review: "n/a" as a bar, "-" as a bar or "n/a" as must_have set the criterion aside, and with it
    every score on it; the other criteria took its weight (the soft Teamfit went from 7 % to 33 %)."""
    from toolkit.edit import copy_with_cells

    sample = "data/sample/berlin-social-media-lead.xlsx"
    original = toolkit.load_round(sample, as_of="2026-03-20")
    marks = copy_with_cells(sample, tmp_path / "marks.xlsx", {"Criteria!E3": "n/a", "Criteria!E4": "-", "Criteria!D5": "n/a",
                                                              "Criteria!E6": "—"})
    rnd = toolkit.load_round(marks, as_of="2026-03-20")
    assert not len(rnd.problems[rnd.problems["sheet"] == "Criteria"])
    assert len(rnd.criteria) == 5 and len(rnd.scores) == len(original.scores)
    assert rnd.criteria["weight"].tolist() == original.criteria["weight"].tolist()
    by_name = rnd.criteria.set_index("criterion")
    assert by_name["bar"].isna().sum() >= 3 and not by_name["must_have"].iloc[3]

    typo = copy_with_cells(sample, tmp_path / "typo.xlsx", {"Criteria!E2": "hoch", "Criteria!D2": "vielleicht"})
    rnd = toolkit.load_round(typo, as_of="2026-03-20")
    errors = rnd.errors.set_index("cell")
    assert set(errors.index) == {"E2", "D2"} and (errors["rule"] == "bad_value").all()
    assert all("read as blank and the row is kept" in m for m in errors["message"])
    assert len(rnd.criteria) == 5 and len(rnd.scores) == len(original.scores)  # the criterion and its scores stay
    assert pd.isna(rnd.criteria.set_index("rank").loc[1, "bar"])


def test_a_protected_characteristic_on_the_canonical_sheets_is_named_as_such(tmp_path):
    """A review: 'Age' and 'Geschlecht' beside the candidates of a canonical workbook were only "not a Candidates field",
    and 'Age' on the Scores sheet got "Did you mean 'stage'?", an invitation to rename it into the data."""
    import openpyxl

    wb = openpyxl.load_workbook("data/sample/berlin-social-media-lead.xlsx")
    for sheet, headings in (("Candidates", ["Age", "Geschlecht", "Gehaltsvorstellung", "Lieblingsfarbe"]), ("Scores", ["Age"])):
        ws = wb[sheet]
        first = ws.max_column + 1
        for i, h in enumerate(headings):
            ws.cell(1, first + i).value = h
            for row in range(2, ws.max_row + 1):
                ws.cell(row, first + i).value = 30 + row
    wb.save(tmp_path / "p.xlsx")
    rnd = toolkit.load_round(tmp_path / "p.xlsx", as_of="2026-03-20")
    p = rnd.problems.set_index(["sheet", "column"])
    for where in (("Candidates", "Age"), ("Candidates", "Geschlecht"), ("Scores", "Age")):
        assert p.loc[where, "rule"] == "protected_column", where
        assert "must not inform the decision" in p.loc[where, "message"] and "stage" not in str(p.loc[where, "hint"])
    assert p.loc[("Candidates", "Gehaltsvorstellung"), "rule"] == "personal_column"
    assert p.loc[("Candidates", "Lieblingsfarbe"), "rule"] == "unknown_column"
    assert "docs/scorecard-format.md" in p.loc[("Candidates", "Lieblingsfarbe"), "hint"]
    assert not len(rnd.errors) and "Age" not in rnd.candidates.columns


def test_warnings_about_one_value_name_its_cell(tmp_path):
    """A review: among 170 score rows, "1 score is written as a percentage", "'jonas brandt' and 'Jonas Brandt'" and
    "dates such as '06/03/2026'" named no cell, and the user had to search."""
    from toolkit.edit import copy_with_cells

    path = copy_with_cells("data/sample/berlin-social-media-lead.xlsx", tmp_path / "w.xlsx",
                           {"Scores!D97": "60 %", "Scores!B131": "jonas brandt", "Candidates!J4": "06/03/2026"})
    rnd = toolkit.load_round(path, as_of="2026-03-20")
    where = rnd.problems.set_index("rule")[["sheet", "cell", "value"]]
    assert where.loc["score_percent"].tolist() == ["Scores", "D97", "60 %"]
    assert where.loc["name_variants"].tolist() == ["Scores", "B131", "jonas brandt"]  # the rarer spelling
    assert where.loc["ambiguous_dates"].tolist() == ["Candidates", "J4", "06/03/2026"]


def test_a_percentage_among_ratings_on_a_wide_sheet_names_its_cell(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bewertung"
    ws.append(["Kandidat", "Interviewer", "Kommunikation", "Fachwissen"])
    for row in (["Anna Berg", "Lea", 4, 4], ["Anna Berg", "Tom", 4, "80 %"], ["Ben Ott", "Lea", 3, 2], ["Ben Ott", "Tom", 2, 3]):
        ws.append(row)
    wb.save(tmp_path / "wide.xlsx")
    rnd = toolkit.load_round(tmp_path / "wide.xlsx", as_of="2026-03-20")
    warning = rnd.problems[rnd.problems["rule"] == "score_percent"]
    assert warning[["sheet", "cell"]].values.tolist() == [["Bewertung", "D3"]]


def test_a_role_key_given_twice_with_another_value_is_said(tmp_path):
    """A review: 'scale 1-10' added at the bottom of the Role sheet was dropped without a word (the first wins)."""
    import openpyxl

    wb = openpyxl.load_workbook("data/sample/berlin-social-media-lead.xlsx")
    ws = wb["Role"]
    ws.append(["scale", "1-10"])
    language = next(ws[f"B{r}"].value for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value == "language")
    ws.append(["language", language])  # the same value again says nothing new
    wb.save(tmp_path / "r.xlsx")
    rnd = toolkit.load_round(tmp_path / "r.xlsx", as_of="2026-03-20")
    dup = rnd.problems[rnd.problems["rule"] == "duplicate_key"]
    assert len(dup) == 1 and dup["cell"].iloc[0] == f"B{ws.max_row - 1}" and dup["value"].iloc[0] == "1-10"
    assert "only the first, '1-5'" in dup["message"].iloc[0]
    assert (rnd.role.scale_min, rnd.role.scale_max) == (1, 5)


def test_an_optional_criteria_cell_that_is_undecided_or_a_formula_without_a_value_keeps_the_criterion(tmp_path):
    """A review: '?' as must_have had silently meant 'no', a weight '=30/100' saved by a script (no result stored) still
    set the criterion aside with its scores, and a bar '-' on a must-have switched the must-have check off in silence."""
    import openpyxl

    wb = openpyxl.load_workbook("data/sample/stockholm-ux-designer.xlsx")
    ws = wb["Criteria"]
    col = {c.value: c.column for c in ws[1]}
    ws.cell(2, col["bar"]).value = "-"  # criterion 1 is a must-have
    ws.cell(3, col["must_have"]).value = "?"
    ws.cell(4, col["weight"]).value = "=30/100"
    wb.save(tmp_path / "c.xlsx")
    original = toolkit.load_round("data/sample/stockholm-ux-designer.xlsx", as_of="2026-03-20")
    rnd = toolkit.load_round(tmp_path / "c.xlsx", as_of="2026-03-20")
    assert len(rnd.criteria) == len(original.criteria) and len(rnd.scores) == len(original.scores)
    p = rnd.problems.set_index("rule")
    assert "is a must-have but has no bar" in p.loc["must_have_without_bar", "message"]
    letter = openpyxl.utils.get_column_letter
    assert p.loc["must_have_without_bar", "location"] == f"Criteria!{letter(col['bar'])}2"  # its empty bar cell
    errors = rnd.errors.set_index("cell")
    assert errors.loc[f"{letter(col['must_have'])}3", "rule"] == "bad_value"
    assert errors.loc[f"{letter(col['weight'])}4", "rule"] == "formula_without_value"
    assert "read as blank and the row is kept" in errors.loc[f"{letter(col['weight'])}4", "message"]


def test_a_mistyped_status_or_channel_is_answered_with_the_word_meant(frames):
    """'Copywritng' got "Did you mean 'Copywriting'?", 'rejcted' only the list of every status."""
    role, criteria, candidates, scores = frames
    candidates.loc[1, "status"] = "rejcted"
    candidates["channel"] = ["phnoe", None, None]
    rnd = load(role, criteria, candidates, scores)
    hints = rnd.errors.set_index("value")["hint"]
    assert hints["rejcted"].startswith("Did you mean 'rejected'? ") and "pending" in hints["rejcted"]
    assert hints["phnoe"].startswith("Did you mean 'phone'? ")


def test_a_hire_set_aside_for_a_typo_is_said_so_not_no_hire(tmp_path):
    """An analyst typed the hire's notified_on a day before the decision: the row and its scores were set aside (either
    date may be the wrong one), and the warning said "no candidate has status 'hired'" though the hire is on the sheet."""
    from toolkit.analytics import selected_candidate
    from toolkit.edit import copy_with_cells

    path = copy_with_cells("data/sample/berlin-social-media-lead.xlsx", tmp_path / "w.xlsx", {"Candidates!J4": "2026-03-05"})
    rnd = toolkit.load_round(path, as_of="2026-03-20")
    p = rnd.problems.set_index("rule")
    assert p.loc["date_order", "cell"] == "J4"
    hired = p.loc["hired_count"]
    assert hired["message"].startswith("the hired candidate 'Lena Hoffmann' (B03) is set aside for an error in their candidate row")
    assert "no candidate has status" not in hired["message"] and "Correct the error" in hired["hint"]
    assert selected_candidate(rnd)[1] == "top-ranked"  # what the message warns of


def test_two_criteria_of_one_rank_are_told_to_renumber_not_to_delete_a_row(tmp_path):
    """'Row 2 has the same rank; keep one of them' sent the committee to delete a criterion."""
    from toolkit.edit import copy_with_cells

    path = copy_with_cells("data/sample/berlin-social-media-lead.xlsx", tmp_path / "w.xlsx", {"Criteria!B3": 1})
    p = toolkit.load_round(path, as_of="2026-03-20").problems.set_index("rule").loc["duplicate_rank"]
    assert (p["cell"], p["message"]) == ("B3", "rank 1 is also the rank of row 2: each criterion needs a rank of its own")
    assert p["hint"].startswith("Rank the criteria 1, 2, 3") and "keep one" not in p["hint"]


def test_a_hire_set_aside_without_an_id_and_two_hires_set_aside_are_named_too(tmp_path):
    """The review of the hire-set-aside warning: a blank id on the hire's row still read 'no candidate has status hired',
    and two hires set aside read 'is set aside ... until it is corrected'."""
    from toolkit.edit import copy_with_cells

    path = copy_with_cells("data/sample/berlin-social-media-lead.xlsx", tmp_path / "a.xlsx", {"Candidates!A4": None})
    msg = toolkit.load_round(path, as_of="2026-03-20").problems.set_index("rule").loc["hired_count", "message"]
    assert msg.startswith("the hired candidate 'Lena Hoffmann' in Candidates row 4 is set aside"), msg
    path = copy_with_cells("data/sample/berlin-social-media-lead.xlsx", tmp_path / "b.xlsx",
                           {"Candidates!E6": "hired", "Candidates!J4": "2026-01-01", "Candidates!J6": "2026-01-01"})
    msg = toolkit.load_round(path, as_of="2026-03-20").problems.set_index("rule").loc["hired_count", "message"]
    assert msg.startswith("the hired candidate 'Lena Hoffmann' (B03) and candidate 'Murat Yılmaz' (B05) are set aside for an "
                          "error in each candidate row, so until they are corrected"), msg
    assert msg.endswith("only one candidate can be hired")
