"""Pooled connections are reused between requests (an outage still shows: see
test_reliability_outage.py, which takes the database away under a pooled connection)."""

import time

import psycopg
import pytest

from app import db as database
from tests.conftest import PG_URL, Auth


def test_requests_reuse_pooled_connections(app, client, patient):
    Auth(client).login(patient)
    for _ in range(5):
        assert client.get("/today").status_code == 200
    pool = database.db.obj
    assert len(pool._in_use) == 0, "every request gave its connection back"
    assert len(pool._connections) == 1, "and the next one took the same connection again"


@pytest.mark.skipif(not PG_URL, reason="only a database server ends connections by itself")
def test_a_pooled_connection_the_server_ended_is_replaced_not_shown_as_an_error(
        app, client, patient):
    Auth(client).login(patient)
    assert client.get("/today").status_code == 200
    pool = database.db.obj
    (_, _, idle), = pool._connections
    ended_pid = idle.info.backend_pid
    with psycopg.connect(PG_URL, autocommit=True) as admin:  # as a restart or an admin would
        admin.execute("SELECT pg_terminate_backend(%s)", (ended_pid,))
        for _ in range(100):  # the backend is gone once the server no longer lists it
            if not admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s",
                                 (ended_pid,)).fetchone():
                break
            time.sleep(0.02)
    page = client.get("/today")
    assert page.status_code == 200 and b"Homeward is having trouble" not in page.data
    (_, _, fresh), = pool._connections
    assert fresh.info.backend_pid != ended_pid


def test_a_quick_commit_is_stored_and_only_it_skips_waiting_for_the_disk(app, patient,
                                                                           therapist):
    import datetime as dt

    from peewee import IntegrityError

    from app.models import Completion
    from tests.conftest import make_plan

    item = make_plan(patient, therapist, items=1)[1][0]
    postgres = not database.is_sqlite()

    def setting():
        return database.db.execute_sql("SHOW synchronous_commit").fetchone()[0]

    tick = dict(key="quick-commit-1", plan_item=item, client=patient, day=dt.date.today(),
                logged_by=patient, logged_by_role="client")
    with database.quick_commit():
        Completion.create(**tick)
        inside = setting() if postgres else None
    assert Completion.select().where(Completion.key == "quick-commit-1").count() == 1
    with pytest.raises(IntegrityError), database.quick_commit():  # the same slot again
        Completion.create(**dict(tick, key="quick-commit-2"))
    assert Completion.select().count() == 1, "a refused write leaves nothing behind"
    if postgres:
        assert inside == "off", "inside, the commit does not wait for the disk"
        assert setting() == "on", "after it, every other write waits as before"


def test_a_quick_commit_inside_another_transaction_waits_with_it(app, patient, therapist):
    import datetime as dt

    from app.models import Completion
    from tests.conftest import make_plan

    item = make_plan(patient, therapist, items=1)[1][0]
    postgres = not database.is_sqlite()
    with database.atomic():
        with database.quick_commit():
            Completion.create(key="quick-commit-inside", plan_item=item, client=patient,
                              day=dt.date.today(), logged_by=patient, logged_by_role="client")
            inside = (database.db.execute_sql("SHOW synchronous_commit").fetchone()[0]
                      if postgres else None)
    assert Completion.select().where(Completion.key == "quick-commit-inside").count() == 1
    if postgres:
        assert inside == "on", "the outer transaction's commit still waits for the disk"
