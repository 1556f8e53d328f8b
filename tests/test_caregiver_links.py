"""Caregiver links: the client sees and revokes them; a caregiver accepts a second invite."""

from __future__ import annotations

from app.invites import create_invite
from app.models import CaregiverLink, GuideAssignment, Invite
from tests.conftest import Auth, make_plan
from tests.test_caregiver import make_guide, switch_person


def test_client_sees_their_caregivers_in_settings(auth, client, patient, caregiver):
    auth.login(patient)
    page = client.get("/settings").get_data(as_text=True)
    assert "People who help me" in page
    assert "Cara Carer" in page
    link = CaregiverLink.get(CaregiverLink.caregiver == caregiver)
    assert f'action="/settings/caregivers/{link.id}/revoke"' in page


def test_revoked_caregiver_is_refused_at_the_next_request(
        app, auth, client, patient, therapist, caregiver):
    make_plan(patient, therapist, items=2)
    guide = make_guide()
    GuideAssignment.create(guide=guide, client=patient, assigned_by=therapist)
    auth.login(caregiver)
    assert client.get(f"/care/{patient.id}").status_code == 200
    assert client.get(f"/guides/{guide.id}").status_code == 200

    switch_person()
    as_client = Auth(app.test_client())
    as_client.login(patient)
    link = CaregiverLink.get(CaregiverLink.caregiver == caregiver)
    response = as_client.post(f"/settings/caregivers/{link.id}/revoke")
    assert response.status_code == 303
    assert CaregiverLink.get_by_id(link.id).revoked_at is not None

    switch_person()
    # Same session, very next requests: no access, and the client is gone from /care.
    assert client.get(f"/care/{patient.id}").status_code == 404
    assert client.get(f"/guides/{guide.id}").status_code == 404
    assert auth.post(f"/care/{patient.id}/tick", {"item": 1, "key": "after-revoke-1"}
                     ).status_code == 404
    assert "Pat Client" not in client.get("/care").get_data(as_text=True)
    switch_person()
    settings = as_client.client.get("/settings").get_data(as_text=True)
    assert "Nobody else can see your practice" in settings
    assert f"/settings/caregivers/{link.id}/revoke" not in settings


def test_client_cannot_revoke_another_clients_caregiver_link(
        auth, patient, stranger, caregiver):
    from app.models import User

    other_carer = User.create(email="x@example.test", role="caregiver", name="X")
    foreign = CaregiverLink.create(caregiver=other_carer, client=stranger)
    auth.login(patient)
    for link_id in (foreign.id, "abc", "99999999999999999999"):
        assert auth.post(f"/settings/caregivers/{link_id}/revoke").status_code == 404
    assert CaregiverLink.get_by_id(foreign.id).revoked_at is None


def test_a_caregiver_cannot_use_the_clients_revoke_button(auth, caregiver):
    auth.login(caregiver)
    link = CaregiverLink.get(CaregiverLink.caregiver == caregiver)
    assert auth.post(f"/settings/caregivers/{link.id}/revoke").status_code == 403
    assert CaregiverLink.get_by_id(link.id).revoked_at is None


def test_signed_in_caregiver_adds_a_second_client_from_an_invite(
        auth, client, caregiver, stranger, other_therapist):
    _invite, token = create_invite(other_therapist, "caregiver", client=stranger)
    auth.login(caregiver)
    opened = client.get(f"/join/{token}")
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith(f"/join/{token}/link")
    page = client.get(f"/join/{token}/link").get_data(as_text=True)
    assert "Add Stella Stranger to the people you help" in page
    response = auth.post(f"/join/{token}/link")
    assert response.status_code == 303
    assert client.get(f"/care/{stranger.id}").status_code == 200
    assert "Stella Stranger" in client.get("/care").get_data(as_text=True)
    assert Invite.get(Invite.used_by == caregiver).used_at is not None
    # The link is single-use.
    assert auth.post(f"/join/{token}/link").status_code == 410
    assert CaregiverLink.select().where(CaregiverLink.client == stranger).count() == 1


def test_invite_for_an_already_linked_client_makes_no_second_link(
        auth, caregiver, patient, therapist):
    _invite, token = create_invite(therapist, "caregiver", client=patient)
    auth.login(caregiver)
    assert auth.post(f"/join/{token}/link").status_code == 303
    assert CaregiverLink.active().where(CaregiverLink.caregiver == caregiver).count() == 1


def test_client_invite_cannot_be_used_to_link_a_caregiver(auth, client, caregiver, therapist):
    _invite, token = create_invite(therapist, "client")
    auth.login(caregiver)
    assert client.get(f"/join/{token}/link").status_code == 410
    assert auth.post(f"/join/{token}/link").status_code == 410
    assert Invite.get().used_at is None


def test_signed_out_person_still_gets_the_join_form(client, patient, therapist):
    _invite, token = create_invite(therapist, "caregiver", client=patient)
    response = client.get(f"/join/{token}")
    assert response.status_code == 200
    assert "Create my account" in response.get_data(as_text=True)
