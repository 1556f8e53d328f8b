"""Sign-in QR codes and links for clients, and the therapist's reset of a client's sign-in."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.auth.magic import LinkError, create_link
from app.auth.models import MagicLink, WebAuthnCredential
from app.models import AuditEvent, User, utcnow
from tests.conftest import PASSWORD, csrf_from


def link_in(response) -> str:
    """The path of the sign-in link a page shows."""
    match = re.search(r'value="http://localhost(/(?:s|reset)/[A-Za-z0-9_-]+)"',
                      response.get_data(as_text=True))
    assert match, "page shows no sign-in link"
    return match.group(1)


def press(client, path):
    """Open a link and press its button, like a person on their phone."""
    page = client.get(path)
    token = csrf_from(page) if page.status_code == 200 else csrf_from(client.get("/offline"))
    return client.post(path, data={"csrf_token": token})


@pytest.fixture
def phone(app):
    """The client's own phone: a second browser."""
    return app.test_client()


def test_therapist_shows_a_qr_code_that_signs_the_client_in_once(auth, client, phone,
                                                                  therapist, patient):
    auth.login(therapist)
    assert b"Show a sign-in QR code" in client.get(f"/clients/{patient.id}/signin-help").data
    page = auth.post(f"/clients/{patient.id}/signin-link")
    assert page.status_code == 200
    assert b'<svg class="qr" role="img"' in page.data
    path = link_in(page)

    opened = phone.get(path)  # opening (or a link preview) does not use it up
    assert opened.status_code == 200 and b"Sign me in" in opened.data
    assert phone.get(path).status_code == 200
    signed_in = press(phone, path)
    assert signed_in.status_code == 303
    assert "/welcome/passkey" in signed_in.headers["Location"]  # offers a passkey next
    assert phone.get("/today").status_code == 200

    other = auth.client.application.test_client()
    again = press(other, path)
    assert again.status_code == 410
    assert b"already been used" in again.data
    assert other.get("/today").status_code == 302
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.client == patient)]
    assert "signin_link_created" in actions and "signin_link_used" in actions


def test_an_expired_link_is_refused_with_a_clear_message(phone, therapist, patient):
    link, token = create_link(patient, therapist)
    MagicLink.update(expires_at=utcnow() - dt.timedelta(seconds=1)).where(
        MagicLink.id == link.id).execute()
    for response in (phone.get(f"/s/{token}"), press(phone, f"/s/{token}")):
        assert response.status_code == 410
        assert b"expired" in response.data
    assert phone.get("/today").status_code == 302


def test_a_link_lasts_ten_minutes(therapist, patient):
    link, _token = create_link(patient, therapist)
    assert dt.timedelta(minutes=9) < link.expires_at - utcnow() <= dt.timedelta(minutes=10)


def test_a_made_up_link_is_refused(phone, patient):
    assert press(phone, "/s/not-a-real-token").status_code == 410
    assert phone.get("/s/" + "x" * 5000).status_code == 410


def test_a_therapist_cannot_make_a_link_for_another_therapists_client(
        auth, client, therapist, stranger):
    auth.login(therapist)
    assert auth.post(f"/clients/{stranger.id}/signin-link").status_code == 404
    assert auth.post(f"/clients/{stranger.id}/signin-reset").status_code == 404
    assert client.get(f"/clients/{stranger.id}/signin-help").status_code == 404
    assert auth.post("/clients/nope/signin-link").status_code == 404
    assert MagicLink.select().count() == 0
    assert User.get_by_id(stranger.id).session_version == 1


def test_clients_and_caregivers_cannot_use_the_therapist_buttons(auth, patient, caregiver):
    for user in (patient, caregiver):
        auth.login(user)
        assert auth.post(f"/clients/{patient.id}/signin-link").status_code == 403
        auth.logout()
    assert MagicLink.select().count() == 0


def test_a_client_signs_in_on_a_new_phone_from_settings(auth, client, phone, patient):
    auth.login(patient)
    assert b"Sign in on another phone" in client.get("/settings").data
    page = auth.post("/settings/signin-link")
    assert page.status_code == 200
    assert press(phone, link_in(page)).status_code == 303
    assert phone.get("/today").status_code == 200
    assert client.get("/today").status_code == 200  # the first phone stays signed in


def test_no_sign_in_link_for_a_therapist(auth, therapist, other_therapist):
    auth.login(therapist)
    assert auth.post("/settings/signin-link").status_code == 404
    with pytest.raises(LinkError):
        create_link(other_therapist, therapist)


def test_reset_ends_the_clients_sessions_and_lets_them_choose_a_new_password(
        auth, client, phone, app, therapist, patient):
    from tests.conftest import Auth

    on_phone = Auth(phone)
    on_phone.login(patient)
    assert phone.get("/today").status_code == 200
    WebAuthnCredential.create(user=patient, credential_id="lost-phone", public_key=b"k")

    auth.login(therapist)
    page = auth.post(f"/clients/{patient.id}/signin-reset", data={"forget_passkeys": "y"})
    assert page.status_code == 200
    assert b"signed out everywhere" in page.data
    assert b"correct-horse" not in page.data
    assert phone.get("/today").status_code == 302  # the old session has ended
    assert WebAuthnCredential.select().count() == 0

    new_phone = app.test_client()
    response = press(new_phone, link_in(page))
    assert "/welcome/passkey" in response.headers["Location"]
    offer = new_phone.get(response.headers["Location"])
    assert b"Add a passkey to this phone" in offer.data and b"new password" in offer.data
    short = new_phone.post("/welcome/password", data={"password": "short",
                                                      "csrf_token": csrf_from(offer)})
    assert short.status_code == 422
    saved = new_phone.post("/welcome/password?next=/today", data={
        "password": "a-brand-new-password", "csrf_token": csrf_from(offer)})
    assert saved.status_code == 303 and saved.headers["Location"] == "/today"
    fresh = app.test_client()
    assert Auth(fresh).login(patient, password=PASSWORD).status_code == 401
    assert Auth(fresh).login(patient, password="a-brand-new-password").status_code == 302
    assert AuditEvent.select().where(AuditEvent.action == "signin_reset").count() == 1


def test_choosing_a_password_needs_a_reset_link_first(auth, client, patient):
    auth.login(patient)
    response = auth.post("/welcome/password", data={"password": "an-attackers-password"})
    assert response.status_code == 403
    assert User.get_by_id(patient.id).password_hash == patient.password_hash


def test_reset_without_the_lost_phone_box_keeps_passkeys(auth, therapist, patient):
    WebAuthnCredential.create(user=patient, credential_id="still-mine", public_key=b"k")
    auth.login(therapist)
    auth.post(f"/clients/{patient.id}/signin-reset")
    assert WebAuthnCredential.select().count() == 1


def test_a_reset_cancels_sign_in_links_made_before_it(phone, therapist, patient):
    from app.auth.magic import reset_signin

    _link, old_token = create_link(patient, therapist)
    reset_signin(patient, therapist)
    assert press(phone, f"/s/{old_token}").status_code == 410
