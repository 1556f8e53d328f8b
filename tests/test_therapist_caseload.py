"""The caseload: who needs attention first and why, search, invites, bounded queries."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from app import adherence
from app import db as database
from app.adherence import local_today
from app.caseload import build_rows
from app.models import Completion, Goal, Invite, Plan, PlanItem, User
from tests.conftest import make_exercise, make_plan, make_user


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


def test_only_slots_an_item_has_on_days_it_is_due_count_and_every_rating_counts(
        therapist, in_request):
    """Worked out by hand for Wednesday 11 March 2026 in Los Angeles: the last 7 days are
    Wed 4 to Tue 10 March. Due: A (Mon/Wed/Fri, twice a day) 4, 6, 9 March = 6 slots; B
    (daily, replaced after Sat 7) 4 slots; B2 (its new version from Sun 8) 3 slots = 13."""
    at = dt.datetime(2026, 3, 11, 20, 0)  # UTC: 13:00 on Wed 11 March in Los Angeles
    wes = make_user("client", "wes@example.test", "Wes", therapist=therapist,
                    timezone="America/Los_Angeles")
    plan = Plan.create(client=wes, therapist=therapist, start_date=dt.date(2026, 1, 1))
    since = dt.date(2026, 1, 1)
    a = PlanItem.create(plan=plan, exercise=make_exercise("A"), start_date=since,
                        days_of_week=0b0010101, times_per_day=2)
    b = PlanItem.create(plan=plan, exercise=make_exercise("B"), start_date=since,
                        end_date=dt.date(2026, 3, 7), status="replaced")
    b2 = PlanItem.create(plan=plan, exercise=b.exercise, start_date=dt.date(2026, 3, 8),
                         replaces=b)
    paused = PlanItem.create(plan=plan, exercise=make_exercise("P"), start_date=since,
                             status="paused")  # no end date: never due
    march = {n: dt.date(2026, 3, n) for n in range(1, 13)}
    for item, day, slot, pain in [
            (a, 4, 1, 2), (a, 4, 2, None),  # done 2; the week before's only rating
            (a, 5, 1, 9),  # Thursday: A is not due, but the rating counts
            (a, 6, 0, None), (a, 6, 3, None),  # slots A does not have
            (a, 9, 2, None),  # done 1
            (b, 5, 1, None),  # done 1
            (b, 8, 1, 1),  # after B ended: not done, the rating counts
            (b2, 8, 1, None), (b2, 10, 1, None), (b2, 10, 2, None),  # done 2 (no slot 2)
            (paused, 9, 1, 5)]:  # never due, rated
        tick_slot(item, wes, march[day], slot, pain)
    kit = make_user("client", "kit@example.test", "Kit", therapist=therapist,
                    timezone="Pacific/Kiritimati")  # already Thursday 12 March there
    _plan, (daily,) = make_plan(kit, therapist, items=1, start=since)
    for day in (9, 10, 11, 12):
        tick(daily, kit, march[day])
    rows = {r.client.name: r for r in build_rows(therapist, at=at)}
    assert rows["Wes"].today == march[11] and rows["Kit"].today == march[12]
    assert rows["Wes"].adherence_7 == pytest.approx(6 / 13)
    assert (rows["Wes"].pain_now, rows["Wes"].pain_before) == (5.0, 2.0)  # (9 + 1 + 5) / 3
    assert "pain up from 2 to 5" in [r.text for r in rows["Wes"].reasons]
    assert rows["Kit"].adherence_7 == pytest.approx(3 / 7)  # today's tick is not in the 7
    assert rows["Kit"].idle_days == 0


def test_caseloads_of_any_size_show_their_own_clients_figures(therapist, other_therapist,
                                                               in_request):
    """Each therapist sees their own clients' numbers, caseloads of the same size or not."""
    for owner, prefix, count, ticked in ((therapist, "t", 2, True),
                                         (other_therapist, "o", 2, False),
                                         (other_therapist, "p", 1, False)):
        for n in range(count):
            make_client(owner, f"{prefix.upper()}{n}", range(1, 8) if ticked else [])
    for owner, names, share in ((therapist, ["T0", "T1"], 1.0),
                                (other_therapist, ["O0", "O1", "P0"], 0.0),
                                (therapist, ["T0", "T1"], 1.0)):
        rows = build_rows(owner)
        assert sorted(r.client.name for r in rows) == names
        assert [r.adherence_7 for r in rows] == [share] * len(names)


def test_each_row_links_to_the_record_and_lists_the_goals_due_soon(auth, client, therapist):
    ann = make_client(therapist, "Ann", [0])
    today = local_today(ann)
    for title, days in (("Buttons & <zips>", 3), ("Shoes", 5)):
        Goal.create(client=ann, therapist=therapist, area="dressing", title=title,
                    target_date=today + dt.timedelta(days=days), gas_0="x")
    auth.login(therapist)
    page = client.get("/clients").get_data(as_text=True)
    assert f'<a href="/clients/{ann.id}" class="client-link">Ann</a>' in page
    first, second = (format_date(today + dt.timedelta(days=d), "d MMM", locale="en")
                     for d in (3, 5))
    assert f"Buttons &amp; &lt;zips&gt; ({first}); Shoes ({second})" in page


def test_search_takes_percent_and_underscore_as_they_are(auth, client, therapist):
    for n, name in enumerate(("Ann Able", "Bo_b Best", "Cy 100% Cole")):
        make_user("client", f"s{n}@example.test", name, therapist=therapist)
    auth.login(therapist)
    for query, expected in (("_", ["Bo_b Best"]), ("%", ["Cy 100% Cole"]),
                            ("b", ["Ann Able", "Bo_b Best"]), ("", ["Ann Able", "Bo_b Best",
                                                                    "Cy 100% Cole"])):
        page = client.get("/clients", query_string={"q": query}).get_data(as_text=True)
        shown = [name for name in ("Ann Able", "Bo_b Best", "Cy 100% Cole")
                 if f'class="client-link">{name}</a>' in page]
        assert shown == expected, query
