"""Goals with COPM-style check-ins, the progress history and the charts behind both."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app import adherence, charts, ticks
from app.models import Goal, GoalCheckin
from tests.conftest import make_plan


def make_goal(patient, therapist, **fields):
    fields.setdefault("title", "Make my own cup of tea")
    return Goal.create(client=patient, therapist=therapist, area="meal_prep",
                       target="Makes tea alone, sitting to rest",
                       target_date=dt.date.today() + dt.timedelta(weeks=4), **fields)


@pytest.fixture
def signed_in(auth, patient):
    auth.login(patient)
    return auth


# ---------------------------------------------------------------- goals
def test_goals_page_shows_goals_in_plain_words_and_achieved_ones_with_what_comes_next(
        signed_in, client, patient, therapist):
    make_goal(patient, therapist)
    make_goal(patient, therapist, title="Stand up from my armchair", status="achieved",
              next_step="Walk to the kitchen with the stick.")
    make_goal(patient, therapist, title="Old stopped goal", status="discontinued")
    page = client.get("/goals").get_data(as_text=True)
    assert "Make my own cup of tea" in page and "Cooking and preparing meals" in page
    assert "Makes tea alone, sitting to rest" in page and "weeks to go" in page
    assert "Achieved" in page and "What comes next" in page
    assert "Walk to the kitchen with the stick." in page
    assert "Old stopped goal" not in page
    assert page.index("Make my own cup of tea") < page.index("Stand up from my armchair")
    assert page.count('class="checkin') == 1  # only the active goal takes check-ins


def test_check_in_is_stored_and_plain_post_redirects(signed_in, patient, therapist):
    goal = make_goal(patient, therapist)
    response = signed_in.post(f"/goals/{goal.id}/checkin",
                              {"performance": "4", "satisfaction": "6", "note": "Getting there"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/goals#goal-{goal.id}")
    stored = GoalCheckin.get()
    assert (stored.performance, stored.satisfaction, stored.note) == (4, 6, "Getting there")
    assert stored.by_id == patient.id


def test_check_in_with_htmx_answers_with_the_goal_fragment_and_its_chart(signed_in, patient,
                                                                         therapist):
    goal = make_goal(patient, therapist)
    response = signed_in.post(f"/goals/{goal.id}/checkin",
                              {"performance": "7", "satisfaction": "8"}, htmx=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in body and f'id="goal-{goal.id}"' in body
    assert "check-in is saved" in body
    assert "<svg" in body and "Show as a table" in body and "<table" in body


def test_a_second_check_in_the_same_day_replaces_the_first(signed_in, patient, therapist):
    goal = make_goal(patient, therapist)
    signed_in.post(f"/goals/{goal.id}/checkin", {"performance": "3", "satisfaction": "3"})
    signed_in.post(f"/goals/{goal.id}/checkin", {"performance": "5", "satisfaction": "4"})
    assert [(c.performance, c.satisfaction) for c in GoalCheckin.select()] == [(5, 4)]


@pytest.mark.parametrize("performance, satisfaction", [
    ("0", "5"), ("11", "5"), ("5", "0"), ("5", "11"), ("", "5"), ("5", ""), ("x", "5"),
    ("5.5", "5"),
])
def test_check_in_outside_1_to_10_is_refused_and_nothing_stored(signed_in, patient, therapist,
                                                                 performance, satisfaction):
    goal = make_goal(patient, therapist)
    data = {"performance": performance, "satisfaction": satisfaction}
    for htmx in (True, False):
        response = signed_in.post(f"/goals/{goal.id}/checkin", data, htmx=htmx)
        body = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "from 1 to 10" in body or "Please choose a number" in body
        assert 'role="alert"' in body
    assert GoalCheckin.select().count() == 0


def test_check_in_on_an_achieved_goal_is_refused(signed_in, patient, therapist):
    goal = make_goal(patient, therapist, status="achieved")
    response = signed_in.post(f"/goals/{goal.id}/checkin", {"performance": "5",
                                                            "satisfaction": "5"})
    assert response.status_code == 422
    assert GoalCheckin.select().count() == 0


def test_check_in_on_another_clients_goal_is_not_found(signed_in, stranger, other_therapist):
    theirs = make_goal(stranger, other_therapist)
    for goal_id in (theirs.id, "nope", 99999):
        response = signed_in.post(f"/goals/{goal_id}/checkin",
                                  {"performance": "5", "satisfaction": "5"})
        assert response.status_code == 404
    assert GoalCheckin.select().count() == 0


# ---------------------------------------------------------------- history
def test_history_page_renders_charts_with_text_alternatives(signed_in, client, patient,
                                                            therapist):
    _plan, items = make_plan(patient, therapist, items=2, start=dt.date.today() - dt.timedelta(10))
    today = adherence.local_today(patient)
    ticks.record_tick(patient, patient, items[0], today - dt.timedelta(days=1), 1,
                      "history-key-1", difficulty=5, pain=2)
    ticks.record_tick(patient, patient, items[1], today - dt.timedelta(days=1), 1,
                      "history-key-2")
    ticks.record_tick(patient, patient, items[0], today - dt.timedelta(days=2), 1,
                      "history-key-3")
    page = client.get("/history").get_data(as_text=True)
    assert page.count("<svg") >= 3  # calendar, weekly bars, one trend
    assert page.count("Show as a table") >= 3 and page.count("<table") >= 3
    assert "2 of 2 done" in page and "1 of 2 done" in page and "nothing due" in page
    assert "Nothing due" in page  # the legend explains the hatched days
    assert "How hard" in page and "Pain" in page
    assert "Done 2 of" in page
    assert "No ratings yet" in page  # the second exercise was never rated
    assert not re.search(r"\sstyle=", page)


def test_history_with_no_plan_says_so(signed_in, client):
    page = client.get("/history").get_data(as_text=True)
    assert "Nothing was on your plan" in page


# ---------------------------------------------------------------- charts
def test_heatmap_marks_days_with_nothing_due_apart_from_days_with_nothing_done(app):
    end = dt.date(2026, 6, 7)  # a Sunday
    chart = charts.heatmap({dt.date(2026, 6, 1): 0.0, dt.date(2026, 6, 2): 0.5,
                            dt.date(2026, 6, 3): 1.0, dt.date(2026, 6, 4): None},
                           end=end, weeks=1, labels={dt.date(2026, 6, 2): "1 of 2 done"})
    table = str(chart.table)
    assert "0%" in table and "1 of 2 done" in table and "100%" in table
    assert table.count("nothing due") == 4  # Thu (None) and Fri-Sun (absent)
    svg = str(chart.svg)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("-hatch)") == 5  # four days and the legend
    assert "style=" not in svg
    assert "Practice on 2 of 3 days" in chart.summary and "all done on 1" in chart.summary


def test_heatmap_leaves_days_after_the_end_blank(app):
    chart = charts.heatmap({dt.date(2026, 6, 3): 1.0}, end=dt.date(2026, 6, 3), weeks=1)
    assert str(chart.svg).count("<title>") == 3 + 4  # Mon-Wed and the legend


def test_line_chart_leaves_gaps_for_missing_values_and_tables_them_as_dashes(app):
    chart = charts.line_chart([("Pain", [("1 Jun", 3), ("8 Jun", None), ("15 Jun", 1)]),
                               ("How hard", [("1 Jun", 5), ("8 Jun", 4), ("15 Jun", 2)])])
    svg = str(chart.svg)
    assert svg.count("<polyline") == 1  # pain has no line through the gap
    assert 'stroke-dasharray' in svg  # the second series differs by more than colour
    assert "–" in str(chart.table) and "15 Jun" in str(chart.table)
    assert "Pain 1" in chart.summary and "How hard 2" in chart.summary
    assert "<figure" in chart.__html__()


def test_bar_chart_prints_values_and_shows_no_data_as_a_dash_not_zero(app):
    chart = charts.bar_chart([("1\nJun", 80.0), ("8\nJun", None)], chart_id="b")
    svg = str(chart.svg)
    assert "80%" in svg and "–" in svg and "0%" not in svg.replace("80%", "")
    assert "<td>–</td>" in str(chart.table)
    assert "1 Jun" in str(chart.table)


def test_chart_text_is_escaped(app):
    chart = charts.line_chart([("<b>x</b>", [("<i>", 1)])])
    assert "<b>" not in str(chart.svg) and "<b>" not in str(chart.table)
