"""The therapist's client record: only their own clients, every route, and every look audited."""

from __future__ import annotations

import re

import pytest

from app.models import (
    Assessment,
    AuditEvent,
    Goal,
    Guide,
    GuideAssignment,
    HomeModification,
    PlanItem,
)
from tests.conftest import make_plan


@pytest.fixture
def foreign_records(stranger, other_therapist):
    """A full record for another therapist's client: plan, goal, assessment, home, guide."""
    import datetime as dt

    _plan, items = make_plan(stranger, other_therapist, items=1)
    goal = Goal.create(client=stranger, therapist=other_therapist, area="dressing",
                       title="Dress alone", gas_0="Dresses alone")
    assessment = Assessment.create(client=stranger, therapist=other_therapist,
                                   assessed_on=dt.date.today())
    mod = HomeModification.create(client=stranger, room="bathroom", kind="grab_bar")
    guide = Guide.create(title="Safe transfers")
    assignment = GuideAssignment.create(guide=guide, client=stranger,
                                        assigned_by=other_therapist)
    return {"item_id": items[0].id, "goal_id": goal.id, "assessment_id": assessment.id,
            "mod_id": mod.id, "assignment_id": assignment.id}


def record_rules(app):
    """Every route of the client record (anything under /clients/<...>), GET and POST."""
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/clients/<")]
    assert len(rules) > 20, "the record's routes were not found"
    return rules


def _path(rule, client_id, ids):
    path = rule.rule
    for name in rule.arguments:
        value = client_id if name == "client_id" else ids[name]
        path = path.replace(f"<{name}>", str(value))
    return path


def test_another_therapists_client_is_404_on_every_record_route(
        app, auth, client, therapist, stranger, foreign_records):
    auth.login(therapist)
    checked = 0
    for rule in record_rules(app):
        path = _path(rule, stranger.id, foreign_records)
        if "GET" in rule.methods:
            assert client.get(path).status_code == 404, path
            checked += 1
        if "POST" in rule.methods:
            response = auth.post(path, {"gas_score": "1", "status": "achieved",
                                        "direction": "up", "name": "x", "guide": "1",
                                        "area": "dressing", "title": "t", "gas_0": "x"})
            assert response.status_code == 404, path
            checked += 1
    assert checked > 30
    # Nothing of the other therapist's client changed.
    assert Goal.get_by_id(foreign_records["goal_id"]).status == "active"
    assert PlanItem.get_by_id(foreign_records["item_id"]).status == "active"
    assert PlanItem.get_by_id(foreign_records["item_id"]).end_date is None
    assert GuideAssignment.get_or_none(GuideAssignment.id == foreign_records["assignment_id"])
    assert Goal.select().where(Goal.client == stranger).count() == 1


def test_foreign_record_ids_under_my_own_client_are_404(
        app, auth, client, therapist, patient, foreign_records):
    auth.login(therapist)
    for rule in record_rules(app):
        if len(rule.arguments) < 2:
            continue
        path = _path(rule, patient.id, foreign_records)
        method = "POST" if "POST" in rule.methods else "GET"
        response = auth.post(path, {"gas_score": "1"}) if method == "POST" else client.get(path)
        assert response.status_code == 404, path
    assert PlanItem.get_by_id(foreign_records["item_id"]).status == "active"


def test_ids_that_are_not_numbers_are_404_not_500(auth, client, therapist):
    auth.login(therapist)
    for path in ["/clients/abc", "/clients/1e9/goals", "/clients/%00/progress",
                 "/clients/99999999999999999999999"]:
        assert client.get(path).status_code == 404, path


def test_clients_and_caregivers_cannot_open_the_therapist_workspace(
        auth, client, patient, caregiver):
    for user in (patient, caregiver):
        auth.login(user)
        assert client.get(f"/clients/{patient.id}").status_code == 403
        assert client.get("/library").status_code == 403
        auth.logout()


def test_viewing_a_record_writes_an_audit_row_and_the_record_shows_its_log(
        auth, client, therapist, patient):
    auth.login(therapist)
    response = client.get(f"/clients/{patient.id}")
    assert response.status_code == 200
    event = (AuditEvent.select().where(AuditEvent.client == patient)
             .order_by(AuditEvent.id.desc()).first())
    assert event.action == "view_record" and event.actor_id == therapist.id
    client.get(f"/clients/{patient.id}/goals")
    page = client.get(f"/clients/{patient.id}").get_data(as_text=True)
    assert "Who opened or changed this record" in page
    assert "view goals" in page and "Theo Therapist" in page


def test_a_change_to_the_record_is_audited(auth, client, therapist, patient):
    auth.login(therapist)
    goal = Goal.create(client=patient, therapist=therapist, area="dressing", title="Buttons",
                       gas_0="All buttons")
    auth.post(f"/clients/{patient.id}/goals/{goal.id}/gas", {"gas_score": "1"})
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.client == patient)]
    assert "score_goal" in actions


def test_a_denied_record_is_audited_as_denied(auth, client, therapist, stranger):
    auth.login(therapist)
    client.get(f"/clients/{stranger.id}/programme")
    denied = AuditEvent.select().where(AuditEvent.outcome == "denied",
                                       AuditEvent.actor == therapist).first()
    assert denied is not None and re.search(r"/clients/\d+/programme", denied.target)


def test_other_therapists_own_exercises_are_invisible_and_unusable(
        auth, client, therapist, patient, other_therapist):
    from tests.conftest import make_exercise

    theirs = make_exercise("Secret technique", owner=other_therapist)
    auth.login(therapist)
    assert "Secret technique" not in client.get("/library").get_data(as_text=True)
    assert auth.post(f"/library/{theirs.id}/copy").status_code == 404
    assert client.get(f"/library/{theirs.id}/edit").status_code == 404
    response = auth.post(f"/clients/{patient.id}/programme/items", {
        "exercise": theirs.id, "days": ["0"], "times_per_day": "1"})
    assert response.status_code == 422
    assert PlanItem.select().where(PlanItem.exercise == theirs).count() == 0
