"""The candidate's own chart in the call notes: in the letter's language, and without anyone else's scores."""

from __future__ import annotations

import pytest

from test_feedback_rounds import SCORES, make_round
from toolkit.charts import candidate_profile
from toolkit.errors import ToolkitError


@pytest.fixture(scope="module")
def rnd():
    return make_round("de")


def test_german_chart_speaks_german_with_decimal_commas(rnd):
    fig = candidate_profile(rnd, "T", language="de", show_selected=False)
    own, median, bar = fig.data
    assert [t.name for t in fig.data] == ["Tove Tapper", "Median aller Bewerbungen", "Mindestniveau"]
    assert fig.layout.title.text == "Tove Tapper: Bewertungen je Kriterium"
    assert fig.layout.xaxis.title.text == "Kriterien, wichtigstes zuerst"
    assert fig.layout.yaxis.title.text == "Durchschnittliche Bewertung (1–5)"
    assert fig.layout.separators == ", "  # hover and axis numbers: 4,13
    # Tove: planning 4 (one of two interviewers: thin), writing 4.5, analytics 5, collaboration 4.5; weights 40/30/20/10 %
    assert own.text == ("4,0", "4,5", "5,0", "4,5")
    assert own.customdata[0] == "Gewicht 40\u00a0%<br>Dünne Datenlage: zu wenige Bewertungen (1 von 2 Personen)"
    assert own.customdata[1] == "Gewicht 30\u00a0%<br>Bewertet von 2 Personen"
    # pool medians over the six candidates, e.g. writing: 3, 3, 4.25, 4.5, 5, 5 -> 4.375
    assert median.y == (4.0, 4.375, 4.625, 4.375)
    assert bar.y == (3.0, 3.0, 3.0)  # collaboration has no bar
    assert "Schraffiert" in fig.layout.annotations[0].text


def test_swedish_chart_names_the_selected_candidate_only_when_asked(rnd):
    fig = candidate_profile(rnd, "R", language="sv")
    assert [t.name for t in fig.data] == ["Rafael Reyes", "Vald kandidat", "Median för alla sökande", "Lägsta godtagbara nivå"]
    assert fig.data[1].y == (5.0, 5.0, 5.0, 5.0)  # Hanna, the hire, scored 5 everywhere
    assert fig.data[0].customdata[3] == "vikt 10\u00a0%<br>Underlag från 2 intervjuare"
    alone = candidate_profile(rnd, "R", language="sv", show_selected=False)
    assert [t.name for t in alone.data] == ["Rafael Reyes", "Median för alla sökande", "Lägsta godtagbara nivå"]
    assert "valda" not in alone.layout.title.subtitle.text and "medianen" in alone.layout.title.subtitle.text


def test_without_the_selected_candidate_no_number_of_the_hire_is_in_the_figure(rnd):
    # Rafael's own means are 4, 5, 5, 5; the hire's 5 on planning must not appear on planning
    fig = candidate_profile(rnd, "R", language="en", show_selected=False)
    planning = [t.y[0] for t in fig.data if t.y and len(t.y) == 4]
    assert planning == [4.0, 4.0]  # his mean and the pool median; not the hire's 5.0
    assert "hire_mean" not in fig.to_json() and "Selected" not in fig.to_json()


def test_disagreeing_interviewers_are_explained_in_the_language_of_the_chart():
    rnd = make_round("sv", scores={**SCORES, "T": [(2, 5), (4, 4), (5, 5), (5, 5)]})
    fig = candidate_profile(rnd, "T", language="sv", show_selected=False)
    assert fig.data[0].customdata[0] == "vikt 40\u00a0%<br>Tunt underlag: intervjuarnas betyg skiljer sig åt med 3 poäng"
    assert fig.data[0].text[0] == "3,5"


def test_english_is_the_default_and_other_languages_are_refused(rnd):
    assert candidate_profile(rnd, "R").to_json() == candidate_profile(rnd, "R", language="en", show_selected=True).to_json()
    assert candidate_profile(rnd, "R").data[1].name == "Selected candidate"
    with pytest.raises(ToolkitError, match="no texts in this language"):
        candidate_profile(rnd, "R", language="fr")


def test_in_a_small_pool_the_callers_chart_leaves_the_median_out_as_it_would_give_away_the_others_scores():
    """A DPO review: with two candidates, 2 x median - own mean is the other's mean, so B05's call notes gave away the hired
    candidate's score on every criterion. Below five candidates scored on a criterion the chart in the candidate's own
    folder shows no median there, and says why; the committee's chart (with the selected candidate) keeps it."""
    from toolkit.render.figures import ProfileDivs
    from toolkit.analytics import criterion_profiles

    small = make_round("en", scores={c: SCORES[c] for c in ("H", "R", "T", "N")})  # four candidates scored
    fig = candidate_profile(small, "R", language="en", show_selected=False)
    median = next(t for t in fig.data if t.name == "Pool median")
    assert all(v != v for v in median.y) and median.showlegend is False  # NaN: no marker
    assert '"y":[null,null,null,null]' in fig.to_json().replace(" ", "")
    assert "No pool median where fewer than 5 candidates were scored" in fig.layout.annotations[-1].text
    committee = candidate_profile(small, "R", language="en")
    assert next(t for t in committee.data if t.name == "Pool median").y == (4.125, 4.75, 5.0, 4.75)
    divs = ProfileDivs(criterion_profiles(small), show_selected=False)  # as the report draws every candidate's chart
    for cid in ("R", "T", "N", "R"):
        div = divs.div(f"chart-{cid}", cid, "en")
        assert "No pool median" in div and "4.125" not in div and "4.75" not in div and "NaN" not in div
        numbers = divs.table(cid, "en")  # the chart in numbers says why its median column reads "–"
        assert {row[3] for row in numbers["rows"]} == {"–"} and numbers["note"].startswith("No pool median")
    assert ProfileDivs(criterion_profiles(make_round("en")), show_selected=False).table("R", "en")["note"] is None

    full = make_round("sv")  # six candidates: the medians are shown, without the note
    fig = candidate_profile(full, "R", language="sv", show_selected=False)
    assert next(t for t in fig.data if t.name == "Median för alla sökande").y == (4.0, 4.375, 4.625, 4.375)
    assert not any("median" in a.text for a in fig.layout.annotations)
