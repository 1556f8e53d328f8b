"""Passkeys end to end, against a software authenticator with real ES256 signatures."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from app.auth.models import WebAuthnChallenge, WebAuthnCredential
from app.auth.passkeys import user_handle
from app.models import AuditEvent
from tests.conftest import csrf_from, make_user

ORIGIN, RP_ID = "http://localhost", "localhost"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def cbor(value) -> bytes:
    """A tiny CBOR encoder: enough for an attestation object and a COSE key."""

    def head(major, n):
        if n < 24:
            return bytes([major << 5 | n])
        for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
            if n < 1 << (8 * struct.calcsize(fmt)):
                return bytes([major << 5 | extra]) + struct.pack(fmt, n)
        raise ValueError(n)

    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        return head(3, len(value.encode())) + value.encode()
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value.items())
    raise TypeError(value)


class SoftAuthenticator:
    """A passkey on a pretend phone: one P-256 key, a counter, real signatures."""

    def __init__(self, origin=ORIGIN, rp_id=RP_ID, counter_step=0):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.origin, self.rp_id = origin, rp_id
        self.counter, self.counter_step = 0, counter_step
        self.user_handle = None

    def _client_data(self, kind, challenge):
        return json.dumps({"type": kind, "challenge": challenge, "origin": self.origin,
                           "crossOrigin": False}).encode()

    def create(self, options: dict) -> dict:
        """Answer navigator.credentials.create(): attestation format 'none'."""
        self.user_handle = options["user"]["id"]
        numbers = self.key.public_key().public_numbers()
        cose_key = cbor({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"),
                         -3: numbers.y.to_bytes(32, "big")})
        auth_data = (hashlib.sha256(self.rp_id.encode()).digest() + bytes([0x45])
                     + struct.pack(">I", self.counter) + bytes(16)
                     + struct.pack(">H", len(self.credential_id)) + self.credential_id + cose_key)
        attestation = cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {"id": b64url(self.credential_id), "rawId": b64url(self.credential_id),
                "type": "public-key", "clientExtensionResults": {},
                "response": {"clientDataJSON": b64url(self._client_data("webauthn.create",
                                                                        options["challenge"])),
                             "attestationObject": b64url(attestation),
                             "transports": ["internal"]}}

    def get(self, options: dict, verified=True, user_handle=None) -> dict:
        """Answer navigator.credentials.get(): sign authenticatorData || hash(clientData)."""
        self.counter += self.counter_step
        client_data = self._client_data("webauthn.get", options["challenge"])
        flags = 0x05 if verified else 0x01
        auth_data = (hashlib.sha256(self.rp_id.encode()).digest() + bytes([flags])
                     + struct.pack(">I", self.counter))
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(),
                                  ec.ECDSA(hashes.SHA256()))
        handle = user_handle if user_handle is not None else self.user_handle
        return {"id": b64url(self.credential_id), "rawId": b64url(self.credential_id),
                "type": "public-key", "clientExtensionResults": {},
                "response": {"clientDataJSON": b64url(client_data),
                             "authenticatorData": b64url(auth_data),
                             "signature": b64url(signature), "userHandle": handle}}


def post_json(client, path, body=None):
    token = csrf_from(client.get("/offline"))
    return client.post(path, json=body or {}, headers={"X-CSRFToken": token})


def sign_out(client):
    """Sign out with a fresh CSRF token (signing in starts a new session and token)."""
    return client.post("/logout", data={"csrf_token": csrf_from(client.get("/offline"))})


def add_passkey(client, authenticator, name="My phone"):
    options = post_json(client, "/passkeys/register/options").json
    return post_json(client, "/passkeys/register",
                     {"credential": authenticator.create(options), "name": name})


def passkey_sign_in(client, authenticator, **kwargs):
    options = post_json(client, "/passkeys/signin/options").json
    assertion = authenticator.get(options, **kwargs)
    return post_json(client, "/passkeys/signin", {"credential": assertion}), assertion


@pytest.fixture
def phone():
    return SoftAuthenticator()


def test_passkey_added_in_settings_then_signs_in_with_one_tap(auth, client, patient, phone):
    auth.login(patient)
    response = add_passkey(client, phone)
    assert response.status_code == 200, response.json
    stored = WebAuthnCredential.get(WebAuthnCredential.user == patient)
    assert stored.name == "My phone" and stored.credential_id == b64url(phone.credential_id)
    assert b"My phone" in client.get("/settings").data
    sign_out(client)

    options = post_json(client, "/passkeys/signin/options").json
    assert not options.get("allowCredentials")  # usernameless: the phone offers its passkey
    assert options["userVerification"] == "preferred"
    response = post_json(client, "/passkeys/signin", {"credential": phone.get(options)})
    assert response.status_code == 200
    assert response.json["redirect"].endswith("/today")
    assert client.get("/today").status_code == 200
    assert AuditEvent.select().where(AuditEvent.action == "login", AuditEvent.target == "passkey",
                                     AuditEvent.outcome == "ok").count() == 1


def test_registration_options_ask_for_a_discoverable_passkey_and_hide_the_email(
        auth, client, patient):
    auth.login(patient)
    options = post_json(client, "/passkeys/register/options").json
    assert options["rp"]["id"] == "localhost"
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert unb64url(options["user"]["id"]) == user_handle(patient)
    assert b"pat@" not in unb64url(options["user"]["id"])


def test_several_passkeys_per_person_and_each_can_be_removed(auth, client, patient):
    auth.login(patient)
    phone, laptop = SoftAuthenticator(), SoftAuthenticator()
    assert add_passkey(client, phone, "Phone").status_code == 200
    assert add_passkey(client, laptop, "Laptop").status_code == 200
    assert WebAuthnCredential.select().where(WebAuthnCredential.user == patient).count() == 2
    laptop_row = WebAuthnCredential.get(WebAuthnCredential.name == "Laptop")
    response = auth.post(f"/passkeys/{laptop_row.id}/remove")
    assert response.status_code == 303
    assert [p.name for p in WebAuthnCredential.select()] == ["Phone"]
    sign_out(client)
    refused, _ = passkey_sign_in(client, laptop)
    assert refused.status_code == 400
    accepted, _ = passkey_sign_in(client, phone)
    assert accepted.status_code == 200


def test_someone_elses_passkey_cannot_be_removed(auth, client, patient, stranger):
    auth.login(stranger)
    add_passkey(client, SoftAuthenticator(), "Stella's phone")
    theirs = WebAuthnCredential.get()
    sign_out(client)
    auth.login(patient)
    assert auth.post(f"/passkeys/{theirs.id}/remove").status_code == 404
    assert auth.post("/passkeys/abc/remove").status_code == 404
    assert WebAuthnCredential.select().count() == 1


def test_a_replayed_assertion_is_refused(auth, client, patient, phone):
    auth.login(patient)
    add_passkey(client, phone)
    sign_out(client)
    first, assertion = passkey_sign_in(client, phone)
    assert first.status_code == 200
    sign_out(client)
    # The same answer again: its challenge was used up.
    again = post_json(client, "/passkeys/signin", {"credential": assertion})
    assert again.status_code == 400
    # With a new challenge in the session, the old answer doesn't match it.
    post_json(client, "/passkeys/signin/options")
    again = post_json(client, "/passkeys/signin", {"credential": assertion})
    assert again.status_code == 400
    assert client.get("/today").status_code == 302


def test_a_replayed_session_cookie_cannot_reuse_a_challenge(auth, client, app, patient, phone):
    auth.login(patient)
    add_passkey(client, phone)
    sign_out(client)
    options = post_json(client, "/passkeys/signin/options").json
    saved = client.get_cookie("session").value
    assertion = phone.get(options)
    assert post_json(client, "/passkeys/signin", {"credential": assertion}).status_code == 200
    sign_out(client)
    client.set_cookie("session", saved, domain="localhost")  # the cookie still names the challenge
    again = client.post("/passkeys/signin", json={"credential": assertion},
                        headers={"X-CSRFToken": csrf_from(client.get("/offline"))})
    assert again.status_code == 400
    assert WebAuthnChallenge.select().count() == 0


def test_a_sign_count_that_does_not_go_up_is_refused(auth, client, patient):
    counting = SoftAuthenticator(counter_step=1)
    auth.login(patient)
    add_passkey(client, counting)
    sign_out(client)
    ok, _ = passkey_sign_in(client, counting)
    assert ok.status_code == 200
    assert WebAuthnCredential.get().sign_count == 1
    sign_out(client)
    counting.counter_step = 0  # a cloned authenticator repeats its count
    cloned, _ = passkey_sign_in(client, counting)
    assert cloned.status_code == 400
    assert client.get("/today").status_code == 302


@pytest.mark.parametrize("origin, rp_id", [("https://evil.example", RP_ID),
                                           (ORIGIN, "evil.example")])
def test_an_assertion_made_for_another_site_is_refused(auth, client, patient, origin, rp_id):
    phone = SoftAuthenticator()
    auth.login(patient)
    add_passkey(client, phone)
    sign_out(client)
    phone.origin, phone.rp_id = origin, rp_id
    refused, _ = passkey_sign_in(client, phone)
    assert refused.status_code == 400
    assert client.get("/today").status_code == 302
    assert AuditEvent.select().where(AuditEvent.action == "login",
                                     AuditEvent.outcome == "failed").count() == 1


def test_a_passkey_made_for_another_site_is_not_added(auth, client, patient):
    auth.login(patient)
    foreign = SoftAuthenticator(origin="https://evil.example")
    assert add_passkey(client, foreign).status_code == 400
    wrong_rp = SoftAuthenticator(rp_id="evil.example")
    assert add_passkey(client, wrong_rp).status_code == 400
    assert WebAuthnCredential.select().count() == 0


def test_an_unknown_passkey_or_a_wrong_user_handle_is_refused(auth, client, patient, stranger):
    phone = SoftAuthenticator()
    auth.login(patient)
    add_passkey(client, phone)
    sign_out(client)
    refused, _ = passkey_sign_in(client, SoftAuthenticator())
    assert refused.status_code == 400
    other = b64url(user_handle(stranger))
    refused, _ = passkey_sign_in(client, phone, user_handle=other)
    assert refused.status_code == 400
    assert client.get("/today").status_code == 302


def test_another_persons_passkey_is_not_a_therapists_second_factor(
        auth, client, therapist, patient):
    phone = SoftAuthenticator()
    auth.login(patient)
    add_passkey(client, phone)
    sign_out(client)
    # The therapist types their password, then offers the client's passkey.
    client.post("/login", data={"email": therapist.email, "password": "correct-horse-42",
                                "csrf_token": csrf_from(client.get("/login"))})
    options = post_json(client, "/passkeys/signin/options").json
    assert options["allowCredentials"] == []
    refused = post_json(client, "/passkeys/signin", {"credential": phone.get(options)})
    assert refused.status_code == 400
    assert client.get("/clients").status_code == 302


def test_a_therapist_sets_up_a_passkey_as_their_second_factor(auth, client):
    therapist = make_user("therapist", "new@example.test", totp_secret=None)
    key = SoftAuthenticator()
    response = auth.login(therapist)
    assert "/signin/enrol" in response.headers["Location"]
    assert client.get("/clients").status_code == 302
    added = add_passkey(client, key, "Clinic key")
    assert added.status_code == 200
    assert "/signin/recovery-codes" in added.json["redirect"]
    assert client.get("/clients").status_code == 200
    sign_out(client)
    # Next time: password, then the passkey as the second step.
    response = auth.login(therapist)
    assert "/signin/second-factor" in response.headers["Location"]
    assert client.get("/clients").status_code == 302
    options = post_json(client, "/passkeys/signin/options").json
    assert [c["id"] for c in options["allowCredentials"]] == [b64url(key.credential_id)]
    ok = post_json(client, "/passkeys/signin", {"credential": key.get(options)})
    assert ok.status_code == 200
    assert client.get("/clients").status_code == 200


def test_a_therapists_verified_passkey_alone_opens_the_clinic(auth, client, therapist):
    key = SoftAuthenticator()
    auth.login(therapist)
    add_passkey(client, key)
    sign_out(client)
    ok, _ = passkey_sign_in(client, key, verified=True)
    assert ok.json["redirect"].endswith("/clients")
    assert client.get("/clients").status_code == 200
    sign_out(client)
    # Without a fingerprint, face or PIN it is one factor: the code is still asked for.
    unverified, _ = passkey_sign_in(client, key, verified=False)
    assert "/signin/second-factor" in unverified.json["redirect"]
    assert client.get("/clients").status_code == 302


def test_a_therapist_with_only_a_password_cannot_add_a_passkey(auth, client, therapist):
    client.post("/login", data={"email": therapist.email, "password": "correct-horse-42",
                                "csrf_token": csrf_from(client.get("/login"))})
    assert post_json(client, "/passkeys/register/options").status_code == 403
    assert post_json(client, "/passkeys/register", {"credential": {}}).status_code == 403
    assert WebAuthnChallenge.select().count() == 0


@pytest.mark.parametrize("body", [None, [], {"credential": "x"}, {"credential": {"id": 5}},
                                  {"credential": {"id": "AA", "rawId": "AA", "response": {}}},
                                  {"credential": {"id": "%%%", "rawId": "%%%", "type": "public-key",
                                                  "response": {"clientDataJSON": "@@"}}}])
def test_nonsense_passkey_answers_get_a_clear_400(auth, client, patient, body):
    for path in ("/passkeys/signin",):
        post_json(client, path + "/options")
        response = client.post(path, json=body,
                               headers={"X-CSRFToken": csrf_from(client.get("/offline"))})
        assert response.status_code == 400
        assert response.json["error"]
    auth.login(patient)
    post_json(client, "/passkeys/register/options")
    response = client.post("/passkeys/register", json=body,
                           headers={"X-CSRFToken": csrf_from(client.get("/offline"))})
    assert response.status_code == 400
    assert WebAuthnCredential.select().count() == 0


def test_passkey_posts_need_the_csrf_token(client, patient):
    assert client.post("/passkeys/signin/options", json={}).status_code == 400


def test_login_page_offers_a_passkey_first_and_keeps_the_password_form(client):
    page = client.get("/login").data.decode()
    assert "Sign in with a passkey" in page
    assert page.index("Sign in with a passkey") < page.index('name="password"')
    assert "js/passkeys.js" in page and "<script>" not in page


def test_joining_by_invite_offers_a_passkey_before_going_home(auth, client, therapist):
    from app.invites import create_invite

    _invite, token = create_invite(therapist, "client")
    page = client.get(f"/join/{token}")
    response = client.post(f"/join/{token}", data={
        "name": "New Person", "email": "new@example.test", "password": "a-good-password",
        "timezone": "Europe/London", "csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert "/welcome/passkey" in response.headers["Location"]
    offer = client.get(response.headers["Location"]).data.decode()
    assert "Add a passkey to this phone" in offer
    assert 'href="/today"' in offer  # "Not now" goes home: the password still works
    phone = SoftAuthenticator()
    assert add_passkey(client, phone).status_code == 200
