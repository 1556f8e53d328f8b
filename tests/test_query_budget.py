"""The query budget: a page runs the same number of SQL statements however much data is behind it.

Two clinics are seeded side by side with bench/seed.py: a small one (2 clients, 3 plan
items, 2 weeks of history) and a large one (8 clients, 6 plan items, 4 months, every
slot of today ticked, half of them by a caregiver, more goals, a caregiver helping
every client). The same page, opened by the same kind of person in each, must run the
same number of queries: anything that grows with the data (a query per card, per
client, per goal) shows up as a difference. Counted by wrapping execute_sql, no timing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.adherence import local_today
from app.models import (
    CaregiverLink,
    Completion,
    Goal,
    GoalCheckin,
    HomeModification,
    Plan,
    PlanItem,
    User,
)
from bench.queries import count_page, count_tick, sign_in
from bench.seed import build

from .conftest import _HASH, PASSWORD

SIZES = {
    "small": {"therapists": 1, "clients_per": 2, "items": 3, "days": 14},
    "large": {"therapists": 1, "clients_per": 8, "items": 6, "days": 120},
}
TODAY_BUDGET = 10


def _user(prefix, role, n=1) -> User:
    return User.get(User.email == f"{prefix}-{role}-{n}@example.org")


def _tick_everything_today(client: User, caregiver: User):
    """Every slot due today done, every other one logged by the caregiver with ratings."""
    today = local_today(client)
    items = (PlanItem.select().join(Plan)
             .where(Plan.client == client, PlanItem.status == "active"))
    Completion.delete().where(Completion.client == client, Completion.day == today).execute()
    n = 0
    for item in items:
        if not item.due_on(today):
            continue
        for slot in range(1, item.times_per_day + 1):
            n += 1
            by = caregiver if n % 2 else client
            Completion.create(key=f"budget-{item.id}-{slot}", plan_item=item, client=client,
                              day=today, slot=slot, logged_by=by, logged_by_role=by.role,
                              assistance=4 if by is caregiver else None, difficulty=n % 10,
                              pain=2, note="Felt fine.")


def _more_of_everything(client: User, therapist: User):
    """Extra goals with check-ins and home changes for the large clinic's client."""
    for n in range(3):
        goal = Goal.create(client=client, therapist=therapist, area="dressing",
                           title=f"Extra goal {n}", target_date=dt.date.today())
        for week in range(4):
            GoalCheckin.create(goal=goal, by=client, performance=week + 3, satisfaction=4,
                               created_at=dt.datetime(2026, 1, 1) + dt.timedelta(weeks=week))
    for room in ("bathroom", "hall", "kitchen"):
        HomeModification.create(client=client, room=room, kind="lighting", updated_by=therapist)


@pytest.fixture
def clinics(app):
    """Both clinics in one database; returns {size: {role: email, 'client_id': id}}."""
    from app.demo import load_library

    load_library()
    people = {}
    for prefix, size in SIZES.items():
        build(prefix=prefix, carer_share=1.0, password_hash=_HASH, seed=5, **size)
        people[prefix] = {"therapist": _user(prefix, "therapist").email,
                          "client": _user(prefix, "client").email,
                          "caregiver": _user(prefix, "caregiver").email,
                          "client_id": _user(prefix, "client").id}
    small_client = _user("small", "client")
    Completion.delete().where(Completion.client == small_client,
                              Completion.day == local_today(small_client)).execute()
    client, carer = _user("large", "client"), _user("large", "caregiver")
    _tick_everything_today(client, carer)
    _more_of_everything(client, _user("large", "therapist"))
    # The large clinic's caregiver helps every client there; its client has two helpers.
    for other in User.select().where(User.email.startswith("large-client-"), User.id != client.id):
        CaregiverLink.get_or_create(caregiver=carer, client=other)
    CaregiverLink.create(caregiver=_user("large", "caregiver", 2), client=client)
    return people


PAGES = {
    "/today": ("client", lambda p: "/today"),
    "/clients": ("therapist", lambda p: "/clients"),
    "client record": ("therapist", lambda p: f"/clients/{p['client_id']}"),
    "caregiver client view": ("caregiver", lambda p: f"/care/{p['client_id']}"),
}


def _queries(app, people, role, path):
    browser = app.test_client()
    sign_in(browser, people[role], PASSWORD)
    browser.get(path)  # a first visit may fill caches; the budget is for every visit
    status, statements = count_page(browser, path)
    assert status == 200, f"{path} answered {status}"
    return statements


@pytest.mark.parametrize("page", list(PAGES))
def test_page_runs_the_same_number_of_queries_at_both_data_sizes(app, clinics, page):
    role, path_for = PAGES[page]
    small = _queries(app, clinics["small"], role, path_for(clinics["small"]))
    large = _queries(app, clinics["large"], role, path_for(clinics["large"]))
    assert len(large) == len(small), (
        f"{page}: {len(small)} queries with little data, {len(large)} with more:\n"
        + "\n".join(sql[:160] for sql in large))


def test_today_stays_under_its_query_budget(app, clinics):
    statements = _queries(app, clinics["large"], "client", "/today")
    assert len(statements) < TODAY_BUDGET, "\n".join(sql[:160] for sql in statements)


def test_a_tick_and_its_undo_run_the_same_number_of_queries_at_both_data_sizes(app, clinics):
    counts = {}
    for size in ("small", "large"):
        for counted in ("tick", "undo"):
            browser = app.test_client()
            sign_in(browser, clinics[size]["client"], PASSWORD)
            if size == "large":  # every slot is done: take one back so there is one to tick
                Completion.delete().where(Completion.key.startswith("budget-"),
                                          Completion.logged_by_role == "client").execute()
            status, statements = count_tick(browser, counted)
            assert status == 200
            counts[size, counted] = statements
    assert len(counts["large", "tick"]) == len(counts["small", "tick"])
    assert len(counts["large", "undo"]) == len(counts["small", "undo"])
    # The undo deletes the tick without reading it first: no more statements than the tick.
    undo = counts["large", "undo"]
    assert len(undo) == len(counts["large", "tick"]), "\n".join(sql[:300] for sql in undo)
    assert sum(sql.startswith("DELETE") for sql in undo) == 1
