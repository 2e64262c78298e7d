"""What a notebook user plausibly passes by mistake gets a toolkit error saying what to pass, not an AttributeError or
KeyError from inside pandas (an API review tried each of these)."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from toolkit import analytics, charts, feedback
from toolkit.errors import ToolkitError, UnknownRoundError

AS_OF = "2026-03-20"
PATH = "data/sample/berlin-social-media-lead.xlsx"


@pytest.fixture(scope="module")
def rounds():
    return toolkit.load_rounds("data/sample", as_of=AS_OF)


@pytest.mark.parametrize("call", [
    lambda x: charts.criterion_heatmap(x),
    lambda x: charts.candidate_profile(x, "B05"),
    lambda x: feedback.compose(x, "B05", as_of=AS_OF),
    lambda x: feedback.lint_round(x),
], ids=["criterion_heatmap", "candidate_profile", "compose", "lint_round"])
def test_a_per_round_function_given_all_rounds_or_a_path_says_to_pass_one_loaded_round(rounds, call):
    with pytest.raises(ToolkitError, match=r"takes one round, not 3 rounds.*rounds\['<round id>'\]"):
        call(rounds)
    with pytest.raises(ToolkitError, match=r"not a path.*toolkit\.load_round\(path\)"):
        call(PATH)


@pytest.mark.parametrize("name", ["criterion_matrix", "weighted_totals", "contributions", "gaps", "criterion_profiles",
                                  "candidate_summary", "evidence", "interviewer_calibration", "score_offsets", "progression",
                                  "runners_up", "runner_up_assessment", "scenario_ranks", "rank_robustness"])
def test_an_analytics_table_of_several_rounds_is_each_rounds_table_one_after_another(rounds, name):
    """An analyst asked: weighted_totals(rounds) was refused, so every cross-round question began with a loop."""
    func = getattr(analytics, name)
    together = func(rounds)
    each = [func(r) for r in rounds]
    assert list(together.columns) == list(each[0].columns)
    assert together["round_id"].tolist() == [rid for part in each for rid in part["round_id"].tolist()]
    for part in each:
        mine = together[together["round_id"] == part["round_id"].iloc[0]].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine.astype(str), part.reset_index(drop=True).astype(str))
    if "criterion" in together:  # the rounds' criteria differ: their names as text, not an unordered mix
        assert together["criterion"].dtype == "str"
    assert func(list(rounds)).equals(together) and func([rounds[0]]).equals(each[0])
    with pytest.raises(ToolkitError, match=r"not a path.*toolkit\.load_round\(path\)"):
        func(PATH)


def test_a_table_about_one_round_is_refused_with_several(rounds):
    with pytest.raises(ToolkitError, match=r"gaps\(\) of several rounds cannot take totals, which is about one round"):
        analytics.gaps(rounds, totals=analytics.weighted_totals(rounds[0]))
    assert len(analytics.rank_robustness(rounds, top=2)) == sum(len(analytics.rank_robustness(r, top=2)) for r in rounds)


def test_functions_of_the_timelines_table_name_it_when_given_a_round_or_another_table(rounds):
    for call in (toolkit.overdue_now, toolkit.process_health, charts.timeline_chart):
        with pytest.raises(ToolkitError, match=r"takes the table timelines\(\) returns, not a round"):
            call(rounds[0])
        with pytest.raises(ToolkitError, match="not a table without the timelines' columns|a table without the timelines' columns"):
            call(rounds[0].candidates)
    tl = toolkit.timelines(rounds, as_of=AS_OF)
    assert len(toolkit.overdue_now(tl)) == 3  # the right table still works


def test_a_path_where_rounds_belong_and_an_unknown_round_id_are_named(rounds):
    with pytest.raises(ToolkitError, match="expected loaded rounds, not a path"):
        toolkit.timelines(PATH, as_of=AS_OF)
    with pytest.raises(ToolkitError, match="expected loaded rounds, not a path"):
        toolkit.build_report([PATH], as_of=AS_OF)
    with pytest.raises(UnknownRoundError, match="no round 'berlin' among these rounds.*berlin-social-media-lead") as err:
        rounds["berlin"]
    assert isinstance(err.value, KeyError)  # code that catches KeyError keeps working
    assert toolkit.as_rounds(r for r in rounds).round_ids == rounds.round_ids  # any iterable of rounds is fine


def test_a_loaded_rounds_role_can_be_passed_back_in(rounds):
    rnd = rounds[0]
    again = toolkit.round_from_frames(rnd.role, rnd.criteria, rnd.candidates, rnd.scores, round_id=rnd.round_id, as_of=AS_OF)
    assert again.role.role == rnd.role.role and again.role.decided_on == rnd.role.decided_on
    # the loaded tables are read as the sheets they came from: nothing said about the loader's own columns, the same
    # weights (derived from the ranks again where they were), the same totals
    assert not again.problems["rule"].isin(["unknown_column"]).any(), again.problems
    assert again.problems["rule"].tolist() == rnd.problems["rule"].tolist()
    assert again.criteria["weight_source"].tolist() == rnd.criteria["weight_source"].tolist()
    assert again.criteria["weight"].tolist() == rnd.criteria["weight"].tolist()
    totals = toolkit.weighted_totals
    assert totals(again)["weighted_total"].tolist() == totals(rnd)["weighted_total"].tolist()
    # a criterion taken out gives its derived weight to the others, as on the sheet; one added without a weight too
    fewer = toolkit.round_from_frames(rnd.role, rnd.criteria.iloc[:-1], rnd.candidates,
                                      rnd.scores[rnd.scores["criterion"] != rnd.criteria["criterion"].iloc[-1]], as_of=AS_OF)
    assert (rnd.criteria["weight_source"] == "rank").all()  # the sample's weights come from its ranks
    n = len(rnd.criteria) - 1
    assert fewer.criteria["weight"].tolist() == pytest.approx([(n - i) / (n * (n + 1) / 2) for i in range(n)])
    assert (fewer.criteria["weight_source"] == "rank").all() and "weights" not in fewer.problems["rule"].tolist()
    more = pd.concat([rnd.criteria, pd.DataFrame({"criterion": ["Deutsch"], "rank": [len(rnd.criteria) + 1]})], ignore_index=True)
    added = toolkit.round_from_frames(rnd.role, more, rnd.candidates, rnd.scores, as_of=AS_OF)
    assert (added.criteria["weight_source"] == "rank").all() and "weights" not in added.problems["rule"].tolist()
    # a weight changed by hand is the committee's: kept, not derived again
    edited = rnd.criteria.copy()
    edited.loc[edited.index[-1], "weight"] = 0.5
    mine = toolkit.round_from_frames(rnd.role, edited, rnd.candidates, rnd.scores, as_of=AS_OF).criteria
    assert (mine["weight_source"] == "given").all()
    assert mine["weight"].tolist() == pytest.approx((edited["weight"] / edited["weight"].sum()).tolist())
    even = rnd.criteria.assign(weight=1.0)
    assert toolkit.round_from_frames(rnd.role, even, rnd.candidates, rnd.scores, as_of=AS_OF).criteria["weight"].nunique() == 1
    assert toolkit.load_round(_write(rnd), as_of=AS_OF).role.role == rnd.role.role
    with pytest.raises(ToolkitError, match="role is a dict of Role fields, not a str"):
        toolkit.round_from_frames("Data Analyst", rnd.criteria, rnd.candidates, rnd.scores)


def _write(rnd):
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "again.xlsx"
    path.write_bytes(toolkit.scorecard_workbook_bytes(rnd.role, rnd.criteria, rnd.candidates, rnd.scores))
    return path


def test_a_report_of_no_round_says_so(tmp_path):
    """An API review: a folder whose every file is unreadable gave an empty Rounds (as documented), and build_report then
    raised KeyError: 'round_id' from inside pandas; the CLI says 'no input could be read'."""
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    failed = []
    rounds = toolkit.load_rounds(tmp_path, as_of=AS_OF, on_error=failed)
    assert len(rounds) == 0 and len(failed) == 1
    with pytest.raises(ToolkitError, match=r"there is no round to report on: 1 input\(s\) could not be read, the first .*broken\.xlsx"):
        toolkit.build_report(rounds, as_of=AS_OF, unreadable=failed)


def test_arguments_outside_what_is_documented_are_refused_and_language_spellings_mean_the_same_everywhere(rounds):
    """An API review: channel_mix(by='department') drew the per-round chart without a word, rank_robustness(top=0)
    reported no winner as 'unchanged', contribution_bars(top=-1) said 'Showing the top -1', and 'de-DE' gave English
    dates in format_date, German letters in compose and an error in candidate_profile."""
    rnd = rounds[0]
    tl = toolkit.timelines(rounds, as_of=AS_OF)
    with pytest.raises(ToolkitError, match="channel_mix: unknown grouping.*round_id, finalist"):
        charts.channel_mix(tl, by="department")
    for bad in (0, -1, 2.5, "3", True):
        with pytest.raises(ToolkitError, match="top must be a whole number of candidates, 1 or more"):
            analytics.rank_robustness(rnd, top=bad)
        with pytest.raises(ToolkitError, match="top must be a whole number of candidates, 1 or more"):
            charts.contribution_bars(rnd, top=bad)
    assert len(charts.contribution_bars(rnd, top=None).data) > 0  # None: every candidate, as documented
    assert feedback.format_date("2026-03-20", "de-DE") == feedback.format_date("2026-03-20", "de") == "20. März 2026"
    assert feedback.format_number(3.5, "Svenska") == "3,5"
    german = charts.candidate_profile(rnd, "B05", language="de-DE", show_selected=False)
    assert german.layout.title.text.endswith("Bewertungen je Kriterium")
    with pytest.raises(ToolkitError, match="no texts in this language.*en, de, sv"):
        feedback.format_date("2026-03-20", "fr")


def test_a_profile_chart_for_a_candidate_of_a_round_without_criteria_says_why():
    """An API review: a round whose Criteria sheet lost its criterion column was told 'unknown candidate id ... Use one
    of: ' (an empty list), naming no file, for a candidate who is on the Candidates sheet."""
    rnd = toolkit.load_round("tests/data/bad/missing-column-criteria-criterion.xlsx", as_of=AS_OF)
    with pytest.raises(ToolkitError, match=r"missing-column-criteria-criterion\.xlsx: no profile chart for this candidate: "
                                           r"the round has no criteria \(found 'C1'\)"):
        charts.candidate_profile(rnd, "C1")
    with pytest.raises(ToolkitError, match=r"unknown candidate id for the profile chart \(found 'C9'\)"):
        charts.candidate_profile(rnd, "C9")


def test_smaller_mix_ups_get_a_toolkit_error_or_are_read_as_meant(tmp_path, rounds):
    """An API review's list of raw TypeErrors, ValueErrors and pandas DateParseErrors from plausible calls."""
    rnd = rounds[0]
    assert toolkit.load_round(PATH, as_of=AS_OF, round_id=123).round_id == "123"
    with pytest.raises(ToolkitError, match="on_error is a function of \\(path, error\\) or a list"):
        toolkit.load_rounds("data/sample", as_of=AS_OF, on_error="skip")
    with pytest.raises(toolkit.MappingError, match="a mapping is a TOML file's path, a dict or a Mapping, not a list"):
        toolkit.load_round(PATH, as_of=AS_OF, mapping=["job"])
    with pytest.raises(ToolkitError, match="runners_up is a set of \\(round_id, candidate_id\\) pairs"):
        toolkit.timelines(rnd, as_of=AS_OF, runners_up=["B01"])
    one = feedback.compose(rnd, "B05", as_of=AS_OF)
    assert feedback.letters_table(one)["candidate_id"].tolist() == ["B05"]
    with pytest.raises(ToolkitError, match="max_words is a whole number of words"):
        feedback.lint_text("word " * 300, "en", max_words="250")
    with pytest.raises(ToolkitError, match="not a date \\(found 'soon'\\)"):
        analytics.business_days_between("2026-03-20", "soon", "DE")
    as_text = toolkit.build_report(rnd, as_of=AS_OF, anonymize=True, pseudonym_key="a secret typed as text")
    as_bytes = toolkit.build_report(rnd, as_of=AS_OF, anonymize=True, pseudonym_key=b"a secret typed as text")
    assert as_text.files["summary.json"] == as_bytes.files["summary.json"]
