"""The caseload: who needs attention first and why, search, invites, bounded queries."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
from babel.numbers import format_decimal, format_percent

from app import adherence
from app import db as database
from app.adherence import local_today
from app.caseload import build_rows
from app.models import Completion, Goal, Invite, PlanItem, User
from tests.conftest import make_plan, make_user


def tick_slot(item, client, day, slot, pain=None):
    Completion.create(key=secrets.token_urlsafe(12), plan_item=item, client=client, day=day,
                      slot=slot, logged_by=client, logged_by_role="client", pain=pain)


def tick(item, client, day, pain=None):
    tick_slot(item, client, day, 1, pain)


def make_client(therapist, name, ticked_days, pain=None):
    """A client with one daily exercise, ticked on the given days ago (0 = today)."""
    person = make_user("client", f"{name.lower()}@example.test", name, therapist=therapist)
    _plan, (item,) = make_plan(person, therapist, items=1,
                               start=dt.date.today() - dt.timedelta(days=40))
    today = local_today(person)
    for ago in ticked_days:
        tick(item, person, today - dt.timedelta(days=ago), pain(ago) if pain else None)
    return person


@pytest.fixture
def in_request(app):
    """Reasons are words in the reader's language: build them inside a request."""
    with app.test_request_context():
        yield


@pytest.fixture
def hand_made(therapist):
    return {
        "steady": make_client(therapist, "Ann", range(0, 30)),
        "idle": make_client(therapist, "Bea", range(5, 30)),
        "painful": make_client(therapist, "Cal", range(0, 30),
                               pain=lambda ago: 6 if ago < 7 else 2),
        "slipping": make_client(therapist, "Dov", [1, 2] + list(range(8, 30))),
    }


def test_caseload_puts_those_needing_attention_first_with_reasons(therapist, hand_made,
                                                                 in_request):
    rows = build_rows(therapist)
    names = [r.client.name for r in rows]
    assert names == ["Bea", "Cal", "Dov", "Ann"]
    reasons = {r.client.name: [x.text for x in r.reasons] for r in rows}
    assert "no practice for 5 days" in reasons["Bea"]
    assert "pain up from 2 to 6" in reasons["Cal"]
    assert "adherence down from 100% to 29%" in reasons["Dov"]
    assert reasons["Ann"] == []


def test_caseload_page_shows_the_order_and_the_reasons_in_words(
        auth, client, therapist, hand_made):
    auth.login(therapist)
    page = client.get("/clients").get_data(as_text=True)
    positions = [page.index(name) for name in ("Bea", "Cal", "Dov", "Ann")]
    assert positions == sorted(positions)
    assert "no practice for 5 days" in page and "pain up from 2 to 6" in page
    assert "On track" in page


def test_client_without_a_plan_is_flagged(therapist, in_request):
    make_user("client", "new@example.test", "Newton", therapist=therapist)
    (row,) = build_rows(therapist)
    assert [r.text for r in row.reasons] == ["no home programme yet"]


def test_goal_due_soon_is_listed(therapist, hand_made, in_request):
    ann = hand_made["steady"]
    Goal.create(client=ann, therapist=therapist, area="dressing", title="Buttons",
                target_date=local_today(ann) + dt.timedelta(days=3), gas_0="x")
    row = next(r for r in build_rows(therapist) if r.client.id == ann.id)
    assert [g.title for g in row.goals_due] == ["Buttons"]
    assert "goal due in 3 days: Buttons" in [r.text for r in row.reasons]


def test_search_by_name_finds_only_matching_clients(auth, client, therapist, hand_made):
    auth.login(therapist)
    page = client.get("/clients?q=ca").get_data(as_text=True)
    assert "Cal" in page and "Bea" not in page
    fragment = client.get("/clients?q=bea", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True)
    assert "Bea" in fragment.get_data(as_text=True)


def test_caseload_never_shows_another_therapists_clients(
        auth, client, therapist, patient, stranger):
    auth.login(therapist)
    page = client.get("/clients").get_data(as_text=True)
    assert patient.name in page and stranger.name not in page


def test_invite_gives_a_single_use_link_valid_for_7_days(auth, client, therapist):
    auth.login(therapist)
    response = auth.post("/clients/invite", {"name": "Nia New", "email": "nia@example.test"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "/join/" in page and "Nia New" in page
    invite = Invite.get()
    assert invite.role == "client" and invite.therapist_id == therapist.id
    days = (invite.expires_at - invite.created_at).total_seconds() / 86400
    assert 6.99 < days < 7.01


def test_invite_with_a_bad_email_is_refused(auth, client, therapist):
    auth.login(therapist)
    response = auth.post("/clients/invite", {"email": "not-an-email"})
    assert response.status_code == 422
    assert Invite.select().count() == 0


def _populate(therapist, count):
    """Clients with plans, ticks with pain ratings and goals."""
    for n in range(count):
        person = make_user("client", f"c{n}@example.test", f"Client {n}", therapist=therapist)
        _plan, items = make_plan(person, therapist, items=2)
        today = local_today(person)
        for ago in range(0, 20, 2):
            tick(items[0], person, today - dt.timedelta(days=ago), pain=n % 10)
        Goal.create(client=person, therapist=therapist, area="dressing", title="Goal",
                    target_date=today + dt.timedelta(days=5), gas_0="x")


def _count_caseload_queries(client, monkeypatch):
    statements = []
    real = database.db.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        statements.append(sql)
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(database.db.obj, "execute_sql", counting)
    response = client.get("/clients")
    monkeypatch.undo()
    assert response.status_code == 200
    return len(statements)


def test_caseload_query_count_is_the_same_for_5_and_50_clients(
        auth, client, therapist, monkeypatch):
    auth.login(therapist)
    _populate(therapist, 5)
    five = _count_caseload_queries(client, monkeypatch)
    assert User.select().where(User.therapist == therapist).count() == 5
    for n in range(5, 50):
        person = make_user("client", f"m{n}@example.test", f"More {n}", therapist=therapist)
        _plan, items = make_plan(person, therapist, items=2)
        tick(items[0], person, local_today(person), pain=3)
        Goal.create(client=person, therapist=therapist, area="dressing", title="Goal",
                    target_date=local_today(person) + dt.timedelta(days=5), gas_0="x")
    fifty = _count_caseload_queries(client, monkeypatch)
    assert fifty == five
    assert five <= 15


def test_caseload_figures_are_the_clients_own_adherence_numbers(therapist, in_request):
    """Weekday-only and twice-a-day items, a paused item, an edited item, ticks on a day
    or slot an item does not have: the caseload counts as every other page does."""
    person = make_user("client", "mixed@example.test", "Mo Mixed", therapist=therapist)
    today = local_today(person)
    start = today - dt.timedelta(days=40)
    _plan, (daily, weekdays, twice, paused) = make_plan(person, therapist, items=4, start=start)
    PlanItem.update(days_of_week=0b0010101).where(PlanItem.id == weekdays.id).execute()
    PlanItem.update(times_per_day=2, end_date=today - dt.timedelta(days=10),
                    status="replaced").where(PlanItem.id == twice.id).execute()
    PlanItem.update(status="paused").where(PlanItem.id == paused.id).execute()  # never due
    for ago in range(0, 35):
        day = today - dt.timedelta(days=ago)
        for item, slots in ((daily, (1,) if ago % 3 else (1, 2)), (weekdays, (1,)),
                            (twice, (1, 2) if ago % 2 else (2,)), (paused, (1,))):
            for slot in slots:
                tick_slot(item, person, day, slot, pain=ago % 7 if slot == 1 else None)
    (row,) = build_rows(therapist)

    def share(first, last):
        return adherence.adherence(person, today - dt.timedelta(days=first),
                                   today - dt.timedelta(days=last))

    assert row.adherence_7 == share(7, 1)
    assert row.adherence_prev_7 == share(14, 8)
    assert row.adherence_30 == share(30, 1)
    assert 0 < row.adherence_30 < 1
    assert row.last_activity == today and row.has_plan


def test_each_client_is_counted_up_to_their_own_today(therapist, in_request):
    """Clients on either side of the date line, a day apart: each one's own last 30 days."""
    at = dt.datetime(2026, 3, 10, 12, 0)  # UTC: 11 March in Kiritimati, 10 March in Pago Pago
    rows = {}
    for name, zone in (("Kit", "Pacific/Kiritimati"), ("Pago", "Pacific/Pago_Pago")):
        person = make_user("client", f"{name.lower()}@example.test", name, therapist=therapist,
                           timezone=zone)
        today = local_today(person, at)
        _plan, (item,) = make_plan(person, therapist, items=1,
                                   start=today - dt.timedelta(days=60))
        for ago in (1, 30, 31):  # the first and last days of the 30 and a day too early
            tick_slot(item, person, today - dt.timedelta(days=ago), 1, pain=4)
        rows[name] = today
    built = {r.client.name: r for r in build_rows(therapist, at=at)}
    assert rows["Kit"] == rows["Pago"] + dt.timedelta(days=1)
    for name, today in rows.items():
        assert built[name].today == today
        assert built[name].adherence_30 == pytest.approx(2 / 30)
        assert built[name].adherence_7 == pytest.approx(1 / 7)
        assert built[name].idle_days == 1


def test_figures_are_written_in_the_readers_language_each_time(auth, client, therapist):
    """The same figures seen in English, then in Spanish, then in English again."""
    make_client(therapist, "Ann", [1, 2, 4, 5, 9], pain=lambda ago: 2 if ago % 2 else 3)
    auth.login(therapist)
    with client.application.test_request_context():
        (row,) = build_rows(therapist)
    assert row.pain_now == 2.5 and row.adherence_7 == pytest.approx(4 / 7)
    pages = {}
    for language in ("en", "es", "en"):
        User.update(language=language).where(User.id == therapist.id).execute()
        pages.setdefault(language, []).append(client.get("/clients").get_data(as_text=True))
    for language, seen in pages.items():
        for page in seen:
            assert format_percent(4 / 7, locale=language) in page
            assert format_decimal(2.5, locale=language) in page
    assert "2,5" not in pages["en"][1] and "2.5" not in pages["es"][0]
