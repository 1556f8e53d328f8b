"""Every route of the app, as every role and as a stranger, with other people's record ids.

The routes come from app.url_map, so a new route is walked automatically; a route with
an argument this file does not know FAILS, so whoever adds it says here what a foreign
value of that argument is.
"""

from __future__ import annotations

import datetime as dt
import secrets

import pytest

from app.auth.models import WebAuthnCredential
from app.models import (
    Assessment,
    AuditEvent,
    CaregiverLink,
    Completion,
    Exercise,
    Goal,
    Guide,
    GuideAssignment,
    HomeModification,
    Message,
)
from tests.conftest import Auth, csrf_from, make_plan, make_user

# Arguments that are unguessable secrets, not record ids: a made-up value must not open
# anything, but there is no record to deny (so no audit entry is expected).
SECRET_ARGUMENTS = {"token", "name"}
SKIP_ENDPOINTS = {"static"}  # files anyone may fetch


def _world(therapist, client, carer) -> dict[str, int]:
    """One practice's records: the ids a member of the other practice must never reach."""
    _plan, items = make_plan(client, therapist, items=1)
    completion = Completion.create(key=secrets.token_hex(8), plan_item=items[0], client=client,
                                   day=dt.date.today(), logged_by=client,
                                   logged_by_role="client")
    goal = Goal.create(client=client, therapist=therapist, area="dressing", title="Socks on")
    assessment = Assessment.create(client=client, therapist=therapist,
                                   assessed_on=dt.date.today())
    mod = HomeModification.create(client=client, room="bathroom", kind="grab_bar")
    guide = Guide.create(owner=therapist, title=f"Private guide {therapist.id}")
    assignment = GuideAssignment.create(guide=guide, client=client, assigned_by=therapist)
    message = Message.create(client=client, sender=therapist, body="Keep going")
    exercise = Exercise.create(owner=therapist, title="Own exercise", category="fine_motor")
    link = CaregiverLink.get(CaregiverLink.client == client, CaregiverLink.caregiver == carer)
    passkey = WebAuthnCredential.create(user=client, credential_id=secrets.token_hex(8),
                                        public_key=b"key")
    return {"client_id": client.id, "completion_id": completion.id, "goal_id": goal.id,
            "assessment_id": assessment.id, "mod_id": mod.id, "item_id": items[0].id,
            "assignment_id": assignment.id, "guide_id": guide.id, "message_id": message.id,
            "exercise_id": exercise.id, "link_id": link.id, "passkey_id": passkey.id}


@pytest.fixture
def worlds(therapist, other_therapist, patient, stranger, caregiver):
    """Practice A (therapist, patient, caregiver) and practice B (the other therapist's)."""
    other_carer = make_user("caregiver", "other-carer@example.test")
    CaregiverLink.create(caregiver=other_carer, client=stranger)
    return {"A": _world(therapist, patient, caregiver),
            "B": _world(other_therapist, stranger, other_carer)}


def _rules(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in SKIP_ENDPOINTS:
            continue
        for method in sorted(rule.methods & {"GET", "POST", "PUT", "DELETE", "PATCH"}):
            yield rule, method


def _url(rule, ids: dict[str, int], own: dict[str, int] | None = None) -> str:
    values = {}
    for argument in rule.arguments:
        if argument in SECRET_ARGUMENTS:
            values[argument] = "not-a-real-" + secrets.token_hex(8) + ".png"
        elif argument in ids:
            values[argument] = (own or {}).get(argument, ids[argument])
        else:
            pytest.fail(f"{rule.rule} ({rule.endpoint}) has an argument '{argument}' that "
                        "test_security_routes.py does not know: add a foreign value for it")
    return rule.build(values, append_unknown=False)[1]


def _request(auth, method, url):
    """Send one request; the answer is read and closed (file responses hold a file open)."""
    if method == "GET":
        response = auth.client.get(url)
    else:
        response = auth.client.open(url, method=method, data={"csrf_token": auth.token},
                                    headers={"X-CSRFToken": auth.token})
    response.get_data()
    response.close()
    return response


def _denials() -> int:
    return AuditEvent.select().where(AuditEvent.outcome == "denied").count()


ROLES = {  # who signs in, which practice's ids are foreign to them, their own ids
    "client": ("patient", "B", "A"),
    "caregiver": ("caregiver", "B", "A"),
    "therapist": ("therapist", "B", "A"),
    "other therapist": ("other_therapist", "A", "B"),
}


def test_every_route_refuses_records_each_role_must_not_see(app, worlds, request):
    problems, unguarded, walked = [], set(), 0
    for role, (fixture, foreign, mine) in ROLES.items():
        user = request.getfixturevalue(fixture)
        auth = Auth(app.test_client())
        auth.login(user)
        own_client = {"client_id": worlds[mine]["client_id"]}
        for rule, method in _rules(app):
            if not rule.arguments:
                continue
            variants = [_url(rule, worlds[foreign])]
            if "client_id" in rule.arguments and len(rule.arguments) > 1 and role != "client":
                # their own client, someone else's record under it
                variants.append(_url(rule, worlds[foreign], own_client))
            for url in variants:
                walked += 1
                before = _denials()
                response = _request(auth, method, url)
                status = response.status_code
                if rule.arguments & SECRET_ARGUMENTS:
                    if status == 200 or status >= 500:
                        problems.append(f"{role} {method} {url} -> {status}")
                    continue
                if status not in (403, 404):
                    problems.append(f"{role} {method} {url} -> {status}")
                elif _denials() == before:
                    problems.append(f"{role} {method} {url} -> {status} but no audit entry")
                elif AuditEvent.select().order_by(AuditEvent.id.desc()).get().action == "refused":
                    unguarded.add(rule.endpoint)
        auth.logout()
    assert walked > 50
    assert not problems, "\n".join(problems)
    if unguarded:  # logged by the safety net in app/security.py, not by an access guard
        print("denials logged only by the safety net:", ", ".join(sorted(unguarded)))


def test_every_route_sends_a_signed_out_stranger_away(app, client, worlds):
    token = csrf_from(client.get("/offline"))
    problems = []
    for rule, method in _rules(app):
        if not rule.arguments:
            continue
        url = _url(rule, worlds["A"])
        response = client.open(url, method=method, data={"csrf_token": token},
                               headers={"X-CSRFToken": token})
        response.close()
        status = response.status_code
        if rule.arguments & SECRET_ARGUMENTS:
            ok = status != 200 and status < 500
        else:
            ok = status in (401, 403, 404) or (
                status in (302, 303) and "/login" in response.headers.get("Location", ""))
        if not ok:
            problems.append(f"{method} {url} -> {status}")
    assert not problems, "\n".join(problems)


def test_pages_without_ids_never_fail_for_any_role(app, worlds, request):
    problems = []
    for fixture in ("patient", "caregiver", "therapist", None):
        auth = Auth(app.test_client())
        if fixture:
            auth.login(request.getfixturevalue(fixture))
        else:
            auth.refresh()
        for rule, method in _rules(app):
            if rule.arguments or rule.endpoint in ("auth.logout", "rights.close"):
                continue
            status = _request(auth, method, rule.rule).status_code
            if status >= 500:
                problems.append(f"{fixture} {method} {rule.rule} -> {status}")
    assert not problems, "\n".join(problems)
