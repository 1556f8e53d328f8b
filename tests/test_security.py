"""Security promises of docs/security.md: throttling, sessions, passwords, audit, headers."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from app import create_app, throttle
from app import db as database
from app.audit import record
from app.models import AuditEvent, User
from app.passwords import password_problem
from app.sessions import LOGIN_AT, SEEN_AT, expired
from tests.conftest import PASSWORD, Auth, make_user

OTHER_ADDRESS = {"REMOTE_ADDR": "203.0.113.9"}


def _fail_login(client, email, environ=None, n=1):
    for _ in range(n):
        response = client.post("/login", data={"email": email, "password": "wrong-guess-1"},
                               environ_base=environ or {})
    return response


def second_app(app, **config):
    """Another app instance on the same database (as another server process would be)."""
    if not database.db.is_closed():
        database.db.close()
    return create_app({"TESTING": True, "DATABASE_URL": app.config["DATABASE_URL"],
                       "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False, **config})


@pytest.fixture
def no_csrf(app):
    """Plain posts without tokens (the throttle is checked before CSRF matters)."""
    app.config["WTF_CSRF_ENABLED"] = False
    return app


# -- login throttling (ASVS 6.3.1, HIPAA 164.312(d)) -------------------------------------

def test_repeated_wrong_passwords_get_429_with_a_clear_message(no_csrf, client, patient):
    assert _fail_login(client, patient.email, n=5).status_code == 401
    response = client.post("/login", data={"email": patient.email, "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many sign-in tries" in response.data
    assert b"wait 1 minute" in response.data
    assert int(response.headers["Retry-After"]) > 0
    assert AuditEvent.select().where(AuditEvent.outcome == "throttled").count() == 1


def test_throttle_is_shared_by_every_server_process(no_csrf, tmp_path, patient, app):
    """Two app instances on one database stand for two gunicorn workers."""
    second = second_app(app)
    first_client, second_client = app.test_client(), second.test_client()
    _fail_login(first_client, patient.email, n=3)
    _fail_login(second_client, patient.email, n=2)
    response = first_client.post("/login", data={"email": patient.email, "password": PASSWORD})
    assert response.status_code == 429


def test_attacker_elsewhere_cannot_lock_the_real_person_out(no_csrf, client, patient):
    _fail_login(client, patient.email, environ=OTHER_ADDRESS, n=12)
    assert _fail_login(client, patient.email, environ=OTHER_ADDRESS).status_code == 429
    response = client.post("/login", data={"email": patient.email, "password": PASSWORD})
    assert response.status_code == 302


def test_the_wait_doubles_but_never_passes_the_cap(app):
    waits = [throttle.wait_after(n, 5) for n in range(4, 40)]
    assert waits[0] == dt.timedelta(0)
    assert waits[1] == throttle.FIRST_WAIT and waits[2] == 2 * throttle.FIRST_WAIT
    assert max(waits) == throttle.MAX_WAIT == dt.timedelta(minutes=15)


def test_a_locked_account_opens_again_when_the_wait_is_over(no_csrf, client, patient):
    start = dt.datetime(2026, 1, 1, 12, 0)
    for _ in range(30):  # a long attack: the lock still ends MAX_WAIT after the last try
        throttle.note_failure(patient.email, "127.0.0.1", now=start)
    assert throttle.retry_after(patient.email, "127.0.0.1", now=start) == 15 * 60
    later = start + throttle.MAX_WAIT + dt.timedelta(seconds=1)
    assert throttle.retry_after(patient.email, "127.0.0.1", now=later) == 0


def test_a_right_password_clears_the_persons_counter(no_csrf, client, patient):
    _fail_login(client, patient.email, n=4)
    assert client.post("/login", data={"email": patient.email,
                                       "password": PASSWORD}).status_code == 302
    client.post("/logout")
    _fail_login(client, patient.email, n=4)  # 4 more: still under the free tries
    assert client.post("/login", data={"email": patient.email,
                                       "password": PASSWORD}).status_code == 302


# -- sessions (ASVS 7.2, 7.3, 7.4; HIPAA 164.312(a)(2)(iii) automatic logoff) -----------

def test_signing_in_starts_a_new_session(auth, client, patient):
    client.get("/login")
    with client.session_transaction() as session:
        session["planted_by_attacker"] = "x"
        old_token = session.get("csrf_token")
    auth.login(patient)
    with client.session_transaction() as session:
        assert "planted_by_attacker" not in session
        assert session.get("csrf_token") != old_token
        assert session[LOGIN_AT] == pytest.approx(time.time(), abs=60)


def test_sessions_signed_before_an_upgrade_stay_signed_in_and_forged_ones_do_not(
        app, auth, client, patient):
    from flask.sessions import SecureCookieSessionInterface

    auth.login(patient)
    with client.session_transaction() as session:
        contents = dict(session)
    stock = SecureCookieSessionInterface().get_signing_serializer(app)  # Flask's own
    client.set_cookie("session", stock.dumps(contents), domain="localhost")
    assert client.get("/today").status_code == 200, "still signed in"
    forged = SecureCookieSessionInterface()
    app.secret_key, real = "not-the-secret", app.secret_key
    try:
        forged_cookie = forged.get_signing_serializer(app).dumps(contents)
    finally:
        app.secret_key = real
    client.set_cookie("session", forged_cookie, domain="localhost")
    response = client.get("/today")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_session_cookie_past_its_lifetime_is_refused_though_it_was_opened_before(
        app, auth, client, patient, monkeypatch):
    # The server keeps what a cookie opened to; the cookie's age is still checked.
    auth.login(patient)
    assert client.get("/today").status_code == 200
    assert client.get("/today").status_code == 200  # the same cookie, opened again
    cookie = client.get_cookie("session", domain="localhost").value
    app.permanent_session_lifetime = dt.timedelta(hours=1)
    real = time.time
    for shift in (90 * 60, -90 * 60):  # too old (idle limit is 2 hours); signed "later"
        client.set_cookie("session", cookie, domain="localhost")
        monkeypatch.setattr(time, "time", lambda shift=shift: real() + shift)
        response = client.get("/today")
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def _age_session(client, idle=None, since_login=None):
    with client.session_transaction() as session:
        now = time.time()
        if idle is not None:
            session[SEEN_AT] = now - idle.total_seconds()
        if since_login is not None:
            session[LOGIN_AT] = now - since_login.total_seconds()


def test_a_client_left_idle_for_hours_is_signed_out(auth, client, patient):
    auth.login(patient)
    _age_session(client, idle=dt.timedelta(minutes=90))
    assert client.get("/today").status_code == 200
    _age_session(client, idle=dt.timedelta(hours=2, minutes=1))
    response = client.get("/today")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert AuditEvent.select().where(AuditEvent.action == "session_expired").count() == 1


def test_a_session_in_use_still_ends_at_its_absolute_lifetime(auth, client, patient):
    auth.login(patient)
    _age_session(client, idle=dt.timedelta(0), since_login=dt.timedelta(hours=25))
    assert "/login" in client.get("/today").headers.get("Location", "")


def test_therapists_time_out_sooner_than_clients(app):
    now = time.time()
    idle_35_min = (now - 3600, now - 35 * 60)
    assert expired("therapist", *idle_35_min, long=False, now=now)
    assert not expired("client", *idle_35_min, long=False, now=now)
    thirteen_hours = (now - 13 * 3600, now - 60)
    assert expired("therapist", *thirteen_hours, long=True, now=now)  # no "remember me"


def test_remember_me_keeps_a_client_for_weeks_but_is_still_limited(auth, client, patient):
    response = auth.login(patient, remember=True)
    cookie = response.headers.get("Set-Cookie", "")
    assert "Expires=" in cookie, "a remembered session outlives the browser"
    assert "remember_token" not in str(response.headers)
    _age_session(client, idle=dt.timedelta(days=10), since_login=dt.timedelta(days=60))
    assert client.get("/today").status_code == 200
    _age_session(client, idle=dt.timedelta(days=1), since_login=dt.timedelta(days=91))
    assert "/login" in client.get("/today").headers.get("Location", "")


def test_a_remembered_session_cookie_is_rewritten_once_a_minute_not_on_every_page(
        auth, client, patient):
    auth.login(patient, remember=True)
    client.get("/today")
    assert "Set-Cookie" not in client.get("/today").headers  # nothing changed
    _age_session(client, idle=dt.timedelta(minutes=2))
    cookie = client.get("/today").headers.get("Set-Cookie", "")
    assert cookie.startswith("session=") and "Expires=" in cookie  # seen again: expiry moves
    assert "Set-Cookie" not in client.get("/today").headers


def test_therapists_cannot_choose_a_long_session(auth, client, therapist):
    auth.login(therapist, remember=True)
    with client.session_transaction() as session:
        assert not session.permanent


def test_password_change_ends_other_sessions_but_keeps_this_one(app, auth, client, patient):
    phone, laptop = auth, Auth(app.test_client())
    phone.login(patient)
    laptop.login(patient)
    assert laptop.client.get("/today").status_code == 200
    response = phone.post("/account/password", data={
        "current": PASSWORD, "new": "lighthouse-pebble-otter", "confirm":
        "lighthouse-pebble-otter"})
    assert response.status_code == 303
    assert phone.client.get("/today").status_code == 200
    assert "/login" in laptop.client.get("/today").headers.get("Location", "")
    phone.refresh()  # the new session has a new CSRF token
    phone.logout()
    assert phone.login(patient, password="lighthouse-pebble-otter").status_code == 302


def test_password_change_needs_the_current_password(auth, client, patient):
    auth.login(patient)
    response = auth.post("/account/password", data={
        "current": "not-my-password", "new": "lighthouse-pebble-otter",
        "confirm": "lighthouse-pebble-otter"})
    assert response.status_code == 422 and b"not right" in response.data
    assert User.get_by_id(patient.id).password_hash == patient.password_hash


def test_deactivating_an_account_ends_its_sessions(auth, client, patient):
    auth.login(patient)
    User.update(is_active=False).where(User.id == patient.id).execute()
    assert "/login" in client.get("/today").headers.get("Location", "")


def test_therapist_password_change_keeps_the_second_factor_for_this_session(
        auth, client, therapist):
    auth.login(therapist)
    assert client.get("/clients").status_code == 200
    response = auth.post("/account/password", data={
        "current": PASSWORD, "new": "harbour-violet-kettle", "confirm": "harbour-violet-kettle"})
    assert response.status_code == 303
    assert client.get("/clients").status_code == 200


# -- passwords (ASVS 6.2) ----------------------------------------------------------------

@pytest.mark.parametrize("password", ["password123", "qwertyuiop", "1234567890",
                                      "PASSWORD123", "iloveyou12", "aaaaaaaaaaaa"])
def test_common_passwords_are_refused(app, password):
    assert "common" in password_problem(password)


def test_short_passwords_are_refused_and_good_ones_accepted(app):
    assert "at least 10" in password_problem("kettle-42")
    assert password_problem("homeward-demo") is None
    assert password_problem("lighthouse-pebble-otter") is None


# -- audit log (ASVS 16.2-16.4; HIPAA 164.312(b) audit controls, (c) integrity) --------

def test_audit_verify_passes_on_an_intact_log(runner, patient):
    for n in range(3):
        record("viewed", client=patient, actor=patient, target=f"/x/{n}")
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "audit log ok: 3 rows" in result.output


def test_audit_verify_names_an_edited_row(runner, patient):
    events = [record("viewed", client=patient, actor=patient, target=f"/x/{n}")
              for n in range(4)]
    AuditEvent.update(outcome="ok", action="nothing to see").where(
        AuditEvent.id == events[1].id).execute()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"row id(s) {events[1].id}" in result.output


def test_audit_verify_names_the_row_after_a_deleted_one(runner, patient):
    events = [record("viewed", client=patient, actor=patient) for _ in range(4)]
    AuditEvent.delete().where(AuditEvent.id == events[2].id).execute()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and str(events[3].id) in result.output


def test_sign_ins_are_audited_whether_they_work_or_not(no_csrf, client, patient):
    _fail_login(client, patient.email)
    client.post("/login", data={"email": patient.email, "password": PASSWORD})
    outcomes = [e.outcome for e in AuditEvent.select().where(AuditEvent.action == "login")
                .order_by(AuditEvent.id)]
    assert outcomes == ["failed", "ok"]


# -- headers and cookies (ASVS 3.3, 3.4, 14.3) -------------------------------------------

def test_every_page_carries_the_security_headers(client):
    for path in ["/login", "/offline", "/healthz", "/no-such-page"]:
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        assert "Strict-Transport-Security" not in headers  # development: plain http


def test_pages_with_personal_data_are_never_cached(auth, client, patient):
    auth.login(patient)
    response = client.get("/today")
    assert response.headers["Cache-Control"] == "no-store"


def test_logout_tells_the_browser_to_forget_this_person(auth, client, patient):
    auth.login(patient)
    response = auth.logout()
    assert response.status_code == 303
    assert '"cache"' in response.headers["Clear-Site-Data"]
    assert '"storage"' in response.headers["Clear-Site-Data"]
    assert "/login" in client.get("/today").headers.get("Location", "")


def test_production_cookies_are_host_only_secure_httponly_and_lax(monkeypatch, tmp_path, app,
                                                                   patient):
    monkeypatch.setenv("HOMEWARD_ENV", "production")
    prod = second_app(app, TESTING=False, SECRET_KEY="s" * 32)
    browser = prod.test_client()
    response = browser.post("/login", base_url="https://localhost",
                            data={"email": patient.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    for attribute in ("Secure", "HttpOnly", "Path=/", "SameSite=Lax"):
        assert attribute in cookie
    assert "Domain=" not in cookie
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_new_users_of_make_user_keep_the_test_password(app):
    """Guard for this file: the shared test password passes the new rules."""
    assert password_problem(PASSWORD) is None
    assert make_user("client", "fresh@example.test").password_hash
