"""The therapist's second factor: enrolment, the code after the password, recovery codes."""

from __future__ import annotations

import re

import pyotp
import pytest

from app.auth.models import RecoveryCode
from app.models import AuditEvent, User
from tests.conftest import PASSWORD, csrf_from, make_user


def password_only(client, user):
    """Type the right password and stop there (no second step)."""
    return client.post("/login", data={"email": user.email, "password": PASSWORD,
                                       "csrf_token": csrf_from(client.get("/login"))})


def send_code(client, code, path="/signin/second-factor"):
    return client.post(path, data={"code": code,
                                   "csrf_token": csrf_from(client.get("/offline"))})


def wrong_code(secret):
    """A 6-digit code that the authenticator app is not showing now."""
    totp, candidate = pyotp.TOTP(secret), 0
    while totp.verify(f"{candidate:06d}", valid_window=1):
        candidate += 1
    return f"{candidate:06d}"


@pytest.fixture
def newcomer(app):
    """A therapist with a password and no second factor yet."""
    return make_user("therapist", "newcomer@example.test", "Nia Newcomer", totp_secret=None)


def therapist_pages(app, client_id):
    """Every GET page of the therapist blueprint (and the therapist's sign-in help), filled in."""
    paths = []
    for rule in app.url_map.iter_rules():
        therapist_page = rule.endpoint.startswith("therapist.") or rule.endpoint in (
            "auth.client_signin_help",)
        if not therapist_page or "GET" not in rule.methods:
            continue
        values = {arg: client_id for arg in rule.arguments}
        with app.test_request_context():
            from flask import url_for

            try:
                paths.append(url_for(rule.endpoint, **values))
            except Exception:  # a converter that wants something else: try a plain 1
                paths.append(url_for(rule.endpoint, **{a: 1 for a in rule.arguments}))
    return paths


def test_a_therapist_without_a_second_factor_reaches_no_therapist_page(
        app, client, newcomer, patient):
    patient.therapist = newcomer
    patient.save()
    response = password_only(client, newcomer)
    assert "/signin/enrol" in response.headers["Location"]
    pages = therapist_pages(app, patient.id)
    assert "/clients" in pages and len(pages) >= 2
    for path in pages:
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/signin/enrol" in response.headers["Location"], path
    assert client.get("/settings").status_code == 302


def test_an_enrolled_therapist_who_only_typed_the_password_reaches_no_client_record(
        app, client, therapist, patient):
    password_only(client, therapist)
    for path in therapist_pages(app, patient.id):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/signin/second-factor" in response.headers["Location"], path
    for path in (f"/clients/{patient.id}/signin-link", f"/clients/{patient.id}/signin-reset"):
        assert client.post(path, data={"csrf_token": csrf_from(client.get("/offline"))}
                           ).status_code == 302


def test_the_gate_leaves_clients_and_caregivers_alone(auth, client, patient, caregiver):
    response = auth.login(patient)
    assert response.headers["Location"].endswith("/today")
    assert client.get("/today").status_code == 200
    assert client.get("/settings").status_code == 200
    auth.logout()
    response = auth.login(caregiver)
    assert response.headers["Location"].endswith("/care")
    assert client.get("/care").status_code == 200


def test_totp_enrolment_shows_a_qr_code_and_the_key_and_needs_a_matching_code(
        client, newcomer):
    password_only(client, newcomer)
    page = client.get("/signin/totp").get_data(as_text=True)
    assert '<svg class="qr" role="img"' in page
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    assert len(secret) == 32
    refused = send_code(client, wrong_code(secret), "/signin/totp")
    assert refused.status_code == 422
    assert b"didn&#39;t match" in refused.data or b"didn't match" in refused.data
    assert User.get_by_id(newcomer.id).totp_secret is None
    done = send_code(client, pyotp.TOTP(secret).now(), "/signin/totp")
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", done.get_data(as_text=True))
    assert len(codes) == 10 and len(set(codes)) == 10
    assert User.get_by_id(newcomer.id).totp_secret == secret
    assert RecoveryCode.select().where(RecoveryCode.user == newcomer).count() == 10
    assert all(r.code_hash not in codes for r in RecoveryCode.select())  # stored hashed
    assert client.get("/clients").status_code == 200


def test_the_code_after_the_password_opens_the_clinic_and_a_wrong_one_does_not(
        client, therapist):
    response = password_only(client, therapist)
    assert "/signin/second-factor" in response.headers["Location"]
    refused = send_code(client, wrong_code(therapist.totp_secret))
    assert refused.status_code == 422
    assert b"code didn" in refused.data
    assert client.get("/clients").status_code == 302
    assert send_code(client, "not a code").status_code == 422
    ok = send_code(client, pyotp.TOTP(therapist.totp_secret).now())
    assert ok.status_code == 302 and ok.headers["Location"].endswith("/clients")
    assert client.get("/clients").status_code == 200
    assert AuditEvent.select().where(AuditEvent.action == "second_factor",
                                     AuditEvent.outcome == "failed").count() == 2


def test_the_second_step_returns_to_the_page_first_asked_for(client, therapist):
    client.get("/clients")
    login = client.get("/login?next=/clients%3Fq%3Dx")
    response = client.post("/login?next=/clients%3Fq%3Dx", data={
        "email": therapist.email, "password": PASSWORD, "csrf_token": csrf_from(login)})
    assert "next=" in response.headers["Location"]
    ok = client.post(response.headers["Location"], data={
        "code": pyotp.TOTP(therapist.totp_secret).now(),
        "csrf_token": csrf_from(client.get(response.headers["Location"]))})
    assert ok.headers["Location"] == "/clients?q=x"


def test_each_recovery_code_works_once(client, therapist):
    password_only(client, therapist)
    from app.auth.totp import new_recovery_codes

    codes = new_recovery_codes(therapist)
    assert send_code(client, codes[0].upper()).status_code == 302
    assert client.get("/clients").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/offline"))})
    password_only(client, therapist)
    again = send_code(client, codes[0])
    assert again.status_code == 422
    assert client.get("/clients").status_code == 302
    assert send_code(client, codes[1]).status_code == 302
    assert RecoveryCode.select().where(RecoveryCode.used_at.is_null()).count() == 8


def test_many_wrong_codes_make_even_the_right_one_wait(client, therapist):
    password_only(client, therapist)
    bad = wrong_code(therapist.totp_secret)
    for _ in range(5):
        assert send_code(client, bad).status_code == 422
    # Signing in again does not reset the count: it is kept in the database.
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/offline"))})
    password_only(client, therapist)
    blocked = send_code(client, pyotp.TOTP(therapist.totp_secret).now())
    assert blocked.status_code == 429
    assert b"wait 15 minutes" in blocked.data
    assert client.get("/clients").status_code == 302


def test_a_password_alone_cannot_replace_the_authenticator_app(client, therapist):
    password_only(client, therapist)
    response = client.get("/signin/totp")
    assert "/signin/second-factor" in response.headers["Location"]
    attacker_secret = pyotp.random_base32()
    send_code(client, pyotp.TOTP(attacker_secret).now(), "/signin/totp")
    assert User.get_by_id(therapist.id).totp_secret == therapist.totp_secret
    assert client.get("/signin/recovery-codes").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(auth, client, therapist):
    auth.login(therapist)
    from app.auth.totp import new_recovery_codes

    old = new_recovery_codes(therapist)
    page = auth.post("/signin/recovery-codes")
    fresh = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", page.get_data(as_text=True))
    assert len(fresh) == 10 and not set(fresh) & set(old)
    auth.logout()
    password_only(client, therapist)
    assert send_code(client, old[2]).status_code == 422
    assert send_code(client, fresh[2]).status_code == 302


def test_clients_have_no_recovery_codes_page(auth, client, patient):
    auth.login(patient)
    assert client.get("/signin/recovery-codes").status_code == 404


def test_create_user_says_how_to_set_up_the_second_step(runner):
    result = runner.invoke(args=["create-user", "--role", "therapist", "--email",
                                 "t@example.test", "--password", "a-long-password"])
    assert result.exit_code == 0, result.output
    assert "authenticator app" in result.output and "passkey" in result.output


def test_demo_therapists_use_the_demo_totp_secret(app):
    from app.demo import load_demo

    load_demo()
    for email in ("therapist@example.org", "therapist2@example.org"):
        assert User.get(User.email == email).totp_secret == "HOMEWARDDEMOTOTP"
    assert User.get(User.email == "client@example.org").totp_secret is None
