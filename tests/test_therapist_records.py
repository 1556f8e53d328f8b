"""Assessments, goals, home modifications, guides and CSV export on the client record."""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets

from app.exports import safe_cell
from app.models import (
    Assessment,
    AssessmentItem,
    Completion,
    Goal,
    GoalCheckin,
    Guide,
    GuideAssignment,
    GuideProgress,
    HomeModification,
)
from tests.conftest import make_plan


def _goal(patient, therapist, **fields):
    return Goal.create(client=patient, therapist=therapist, area="dressing",
                       title="Do up my buttons", gas_0="All buttons alone", **fields)


def test_gas_score_must_be_between_minus_2_and_plus_2(auth, client, therapist, patient):
    goal = _goal(patient, therapist)
    auth.login(therapist)
    path = f"/clients/{patient.id}/goals/{goal.id}/gas"
    for bad in ["3", "-3", "", "one", "1.5"]:
        response = auth.post(path, {"gas_score": bad})
        assert response.status_code == 422, bad
        assert "-2, -1, 0, +1 or +2" in response.get_data(as_text=True)
    assert GoalCheckin.select().count() == 0
    for good in ["-2", "0", "2"]:
        assert auth.post(path, {"gas_score": good}).status_code == 303
    assert [c.gas_score for c in GoalCheckin.select().order_by(GoalCheckin.id)] == [-2, 0, 2]


def test_new_goal_needs_an_area_a_title_and_the_expected_outcome(
        auth, client, therapist, patient):
    auth.login(therapist)
    path = f"/clients/{patient.id}/goals"
    assert auth.post(path, {"area": "flying", "title": "x", "gas_0": "y"}).status_code == 422
    assert auth.post(path, {"area": "dressing", "title": "", "gas_0": "y"}).status_code == 422
    assert auth.post(path, {"area": "dressing", "title": "x", "gas_0": ""}).status_code == 422
    assert auth.post(path, {"area": "dressing", "title": "x", "gas_0": "y",
                            "target_date": "31/12/2026"}).status_code == 422
    assert Goal.select().count() == 0
    response = auth.post(path, {
        "area": "meal_prep", "title": "Make my own tea", "baseline": "Son makes it",
        "target": "Makes tea alone", "target_date": "2030-01-31", "gas_minus2": "Cannot",
        "gas_minus1": "Cold drink", "gas_0": "Tea alone", "gas_plus1": "Tea and toast",
        "gas_plus2": "Cooked breakfast"})
    assert response.status_code == 303
    goal = Goal.get()
    assert (goal.area, goal.target_date, goal.gas_plus2) == (
        "meal_prep", dt.date(2030, 1, 31), "Cooked breakfast")


def test_goal_page_shows_the_ladder_and_the_clients_own_ratings(
        auth, client, therapist, patient):
    goal = _goal(patient, therapist, gas_plus2="Dresses fully alone")
    GoalCheckin.create(goal=goal, by=patient, performance=3, satisfaction=2)
    GoalCheckin.create(goal=goal, by=patient, performance=6, satisfaction=7)
    GoalCheckin.create(goal=goal, by=therapist, gas_score=1)
    auth.login(therapist)
    page = client.get(f"/clients/{patient.id}/goals").get_data(as_text=True)
    assert "Dresses fully alone" in page and "latest score" in page
    assert "performance 3 → 6, satisfaction 2 → 7" in page


def test_achieving_a_goal_keeps_the_next_step(auth, client, therapist, patient):
    goal = _goal(patient, therapist)
    auth.login(therapist)
    response = auth.post(f"/clients/{patient.id}/goals/{goal.id}/close",
                         {"status": "achieved", "next_step": "Zips next"})
    assert response.status_code == 303
    goal = Goal.get_by_id(goal.id)
    assert (goal.status, goal.next_step) == ("achieved", "Zips next")
    assert goal.closed_at is not None
    assert auth.post(f"/clients/{patient.id}/goals/{goal.id}/close",
                     {"status": "deleted"}).status_code == 422


def _assessment_form(**levels):
    data = {"kind": "initial", "assessed_on": "2026-01-10", "history": "Stroke in May",
            "priorities": "Dress myself", "motivation": "High",
            "private_notes": "Low mood", "answer_meal_prep_cooks": "No, son cooks"}
    data.update({f"level_{area}": value for area, value in levels.items()})
    return data


def test_independence_level_must_be_1_to_7(auth, client, therapist, patient):
    auth.login(therapist)
    path = f"/clients/{patient.id}/assessments/new"
    for bad in ["0", "8", "-1", "seven"]:
        response = auth.post(path, _assessment_form(dressing=bad))
        assert response.status_code == 422, bad
        assert "from 1 to 7" in response.get_data(as_text=True)
    assert Assessment.select().count() == 0
    assert auth.post(path, _assessment_form(dressing="1", meal_prep="7")).status_code == 303
    items = {i.area: i.level for i in AssessmentItem.select()}
    assert items == {"dressing": 1, "meal_prep": 7}
    assert Assessment.get().private_notes == "Low mood"


def test_reevaluation_is_shown_beside_its_baseline_in_words(auth, client, therapist, patient):
    auth.login(therapist)
    auth.post(f"/clients/{patient.id}/assessments/new",
              _assessment_form(dressing="3", transfers="4", eating="6"))
    baseline = Assessment.get()
    data = _assessment_form(dressing="5", transfers="4", eating="5")
    data.update(kind="reeval", baseline=str(baseline.id), assessed_on="2026-03-01")
    response = auth.post(f"/clients/{patient.id}/assessments/new", data)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Improved (+2)" in page and "Same" in page and "Worse (-1)" in page
    assert "▲" in page and "▼" in page
    assert "1 activity improved" in page


def test_home_modifications_are_checked_off_per_room(auth, client, therapist, patient):
    auth.login(therapist)
    path = f"/clients/{patient.id}/home"
    assert auth.post(path, {"room": "attic", "kind": "ramp"}).status_code == 422
    assert auth.post(path, {"room": "bathroom", "kind": "grab_bar",
                            "status": "recommended", "notes": "by the bath"}).status_code == 303
    mod = HomeModification.get()
    assert auth.post(f"{path}/{mod.id}", {"status": "installed", "notes": "done"}
                     ).status_code == 303
    mod = HomeModification.get_by_id(mod.id)
    assert (mod.status, mod.notes, mod.updated_by_id) == ("installed", "done", therapist.id)
    page = client.get(path).get_data(as_text=True)
    assert "Bathroom" in page and "Grab bar" in page and "Installed" in page


def test_guides_are_assigned_and_each_caregivers_progress_shown(
        auth, client, therapist, patient, caregiver):
    guide = Guide.create(title="Safe transfer")
    auth.login(therapist)
    assert auth.post(f"/clients/{patient.id}/care/guides", {"guide": guide.id}
                     ).status_code == 303
    assignment = GuideAssignment.get()
    GuideProgress.create(assignment=assignment, caregiver=caregiver, status="not_confident")
    page = client.get(f"/clients/{patient.id}/care").get_data(as_text=True)
    assert "Safe transfer" in page and "Cara Carer" in page and "Not confident yet" in page
    assert auth.post(f"/clients/{patient.id}/care/guides/{assignment.id}/remove"
                     ).status_code == 303
    assert GuideAssignment.select().count() == 0


def test_caregiver_invite_is_for_this_client(auth, client, therapist, patient):
    from app.models import Invite

    auth.login(therapist)
    response = auth.post(f"/clients/{patient.id}/care/invite", {"name": "Tom"})
    assert response.status_code == 200 and "/join/" in response.get_data(as_text=True)
    invite = Invite.get()
    assert (invite.role, invite.client_id) == ("caregiver", patient.id)


def test_progress_review_shows_who_logged_each_tick_and_how_much_help(
        auth, client, therapist, patient, caregiver):
    from app.adherence import local_today

    _plan, (item,) = make_plan(patient, therapist, items=1)
    today = local_today(patient)
    Completion.create(key=secrets.token_urlsafe(12), plan_item=item, client=patient, day=today,
                      slot=1, logged_by=caregiver, logged_by_role="caregiver", assistance=4,
                      pain=3, difficulty=5, note="Stiff this morning")
    auth.login(therapist)
    page = client.get(f"/clients/{patient.id}/progress").get_data(as_text=True)
    assert "Caregiver: Cara Carer" in page and "A little hands-on help" in page
    assert "Stiff this morning" in page
    assert "<svg" in page and "Show as a table" in page
    assert 'style="' not in page


def test_csv_export_escapes_formulas(auth, client, therapist, patient):
    from app.adherence import local_today

    _plan, (item,) = make_plan(patient, therapist, items=1)
    Completion.create(key=secrets.token_urlsafe(12), plan_item=item, client=patient,
                      day=local_today(patient), slot=1, logged_by=patient,
                      logged_by_role="client", note="=HYPERLINK(\"http://x\")", pain=2)
    goal = _goal(patient, therapist)
    GoalCheckin.create(goal=goal, by=therapist, gas_score=-2, note="+1 better")
    auth.login(therapist)
    response = client.get(f"/clients/{patient.id}/export/completions.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0]["note"] == "'=HYPERLINK(\"http://x\")" and rows[0]["pain_0_10"] == "2"
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"/clients/{patient.id}/export/checkins.csv").get_data(as_text=True))))
    assert rows[0]["gas_score"] == "-2" and rows[0]["note"] == "'+1 better"
    assert [safe_cell(v) for v in ("@cmd", "-x", "ok", None)] == ["'@cmd", "'-x", "ok", ""]
