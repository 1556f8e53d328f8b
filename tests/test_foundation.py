"""The skeleton: migrations, health, sign-in, guards, CSRF, invites."""

from __future__ import annotations

import datetime as dt

from app import db as database
from app.invites import create_invite
from app.models import AuditEvent, CaregiverLink, Invite, User, utcnow
from tests.conftest import PASSWORD


def test_second_migrate_run_applies_nothing(app, runner):
    result = runner.invoke(args=["migrate"])
    assert result.exit_code == 0
    assert "up to date" in result.output
    assert database.migrate() == []


def test_migrations_from_empty_database_create_every_table(tmp_path):
    from app.models import MODELS

    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    database.bind(url)
    applied = database.migrate()
    assert applied[0] == "0001_initial"
    assert applied == sorted(applied)
    assert database.migrate() == []
    with database.db.connection_context():
        tables = set(database.db.get_tables())
    assert {m._meta.table_name for m in MODELS} <= tables
    assert "schema_migration" in tables


def test_healthz_answers_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": True}


def test_healthz_answers_503_when_database_is_gone(app, client, tmp_path):
    from peewee import PostgresqlDatabase

    broken = PostgresqlDatabase("nope", host="127.0.0.1", port=1, connect_timeout=1)
    saved = database.db.obj
    database.db.initialize(broken)
    try:
        response = client.get("/healthz")
    finally:
        database.db.initialize(saved)
    assert response.status_code == 503
    assert response.json["database"] is False


def test_each_role_lands_on_its_own_home(auth, client, therapist, patient, caregiver):
    for user, home in [(patient, "/today"), (caregiver, "/care"), (therapist, "/clients")]:
        response = auth.login(user)
        assert response.status_code == 302
        assert response.headers["Location"].endswith(home)
        assert client.get("/").headers["Location"].endswith(home)
        assert client.get(home).status_code == 200
        auth.logout()


def test_wrong_password_and_unknown_email_get_the_same_message(auth, patient):
    wrong = auth.login(patient, password="not-the-password")
    unknown = auth.login("nobody@example.test")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert b"email and password don" in response.data
    assert AuditEvent.select().where(AuditEvent.outcome == "failed").count() == 2


def test_logout_needs_post_and_ends_the_session(auth, client, patient):
    auth.login(patient)
    assert client.get("/logout").status_code == 405
    response = auth.logout()
    assert response.status_code == 303
    assert "Clear-Site-Data" in response.headers
    assert client.get("/today").status_code == 302


def test_post_without_csrf_token_is_refused(auth, client, patient):
    auth.login(patient)
    response = client.post("/settings", data={"name": "Changed", "timezone": "UTC"})
    assert response.status_code == 400
    assert b"expired" in response.data
    assert User.get_by_id(patient.id).name == "Pat Client"


def test_csrf_token_in_htmx_header_is_accepted(auth, client, patient):
    auth.login(patient)
    response = client.post("/settings", data={"name": "Patricia", "timezone": "UTC"},
                           headers={"X-CSRFToken": auth.token})
    assert response.status_code == 303
    assert User.get_by_id(patient.id).name == "Patricia"


def test_roles_cannot_open_each_others_pages(auth, client, therapist, patient, caregiver):
    forbidden = {patient: ["/clients", "/care"], caregiver: ["/clients", "/today"],
                 therapist: ["/today", "/care"]}
    for user, paths in forbidden.items():
        auth.login(user)
        for path in paths:
            assert client.get(path).status_code == 403, (user.role, path)
        auth.logout()
    assert AuditEvent.select().where(AuditEvent.action == "denied").count() == 6


def test_strangers_are_sent_to_sign_in(client, app):
    for path in ("/today", "/clients", "/care", "/settings"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def _join(auth, client, token, **overrides):
    page = client.get(f"/join/{token}")
    data = {"name": "New Person", "email": "new@example.test", "password": "a-good-password",
            "timezone": "Europe/London"}
    data.update(overrides)
    auth.token = None
    from tests.conftest import csrf_from

    data["csrf_token"] = csrf_from(page) if page.status_code == 200 else auth.refresh()
    return client.post(f"/join/{token}", data=data)


def test_client_joins_through_an_invite_and_lands_on_today(auth, client, therapist):
    _invite, token = create_invite(therapist, "client")
    response = _join(auth, client, token)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/today")
    user = User.get(User.email == "new@example.test")
    assert user.role == "client" and user.therapist_id == therapist.id
    assert user.password_hash.startswith("$argon2id$")


def test_caregiver_invite_links_to_that_one_client(auth, client, therapist, patient):
    _invite, token = create_invite(therapist, "caregiver", client=patient)
    _join(auth, client, token)
    carer = User.get(User.email == "new@example.test")
    assert carer.role == "caregiver"
    assert [link.client_id for link in CaregiverLink.select().where(
        CaregiverLink.caregiver == carer)] == [patient.id]


def test_used_invite_is_refused_with_a_clear_message(auth, client, therapist):
    _invite, token = create_invite(therapist, "client")
    _join(auth, client, token)
    auth.logout()
    again = client.get(f"/join/{token}")
    assert again.status_code == 410
    assert b"already been used" in again.data
    response = _join(auth, client, token, email="second@example.test")
    assert response.status_code == 410
    assert not User.select().where(User.email == "second@example.test").exists()


def test_expired_invite_is_refused_with_a_clear_message(client, therapist):
    invite, token = create_invite(therapist, "client")
    Invite.update(expires_at=utcnow() - dt.timedelta(minutes=1)).where(
        Invite.id == invite.id).execute()
    response = client.get(f"/join/{token}")
    assert response.status_code == 410
    assert b"expired" in response.data


def test_join_with_short_password_changes_nothing(auth, client, therapist):
    invite, token = create_invite(therapist, "client")
    response = _join(auth, client, token, password="short")
    assert response.status_code == 422
    assert b"at least 8 characters" in response.data
    assert Invite.get_by_id(invite.id).used_at is None
    assert not User.select().where(User.email == "new@example.test").exists()


def test_create_user_command_makes_a_therapist(runner):
    result = runner.invoke(args=["create-user", "--role", "therapist", "--email",
                                 "T@Example.test", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert User.get(User.email == "t@example.test").role == "therapist"


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_demo_refuses_a_database_that_already_has_data(runner, therapist):
    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0
    assert "already has data" in result.output
    assert User.select().count() == 1


def test_demo_loads_what_the_contract_promises(runner):
    import datetime as dt

    from app.adherence import local_today
    from app.models import Assessment, Completion, Goal, Plan, ReminderSchedule
    from app.today import cards_for

    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    rose = User.get(User.email == "client@example.org")
    therapist = User.get(User.email == "therapist@example.org")
    assert rose.therapist_id == therapist.id
    assert User.get(User.email == "client2@example.org").therapist.email == (
        "therapist2@example.org")
    carer = User.get(User.email == "caregiver@example.org")
    assert CaregiverLink.get(CaregiverLink.caregiver == carer).client_id == rose.id
    plan = Plan.get(Plan.client == rose, Plan.is_active == True)  # noqa: E712
    today = local_today(rose)
    daily = {c.item.id for c in cards_for(rose, today)}
    assert len(daily) >= 5 and all(c.item.plan_id == plan.id for c in cards_for(rose, today))
    reminder = ReminderSchedule.get(ReminderSchedule.client == rose)
    assert reminder.local_time == "09:00" and reminder.days_of_week == 0b1111111
    assert Goal.select().where(Goal.client == rose).count() >= 2
    assert Assessment.select().where(Assessment.client == rose).exists()
    oldest = Completion.select().where(Completion.client == rose).order_by(Completion.day).first()
    assert today - oldest.day >= dt.timedelta(weeks=4)
    assert Completion.select().where(Completion.client == rose, Completion.pain.is_null(False)
                                     ).exists()


def test_demo_reset_starts_again_from_the_demo(runner, therapist):
    result = runner.invoke(args=["demo", "--reset"])
    assert result.exit_code == 0, result.output
    assert not User.select().where(User.email == therapist.email).exists()
    assert User.select().where(User.email == "client@example.org").exists()
