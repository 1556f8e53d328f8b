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


def test_a_tick_is_one_statement_that_skips_waiting_for_the_disk_for_itself_alone(
        app, patient, therapist, monkeypatch):
    from app import ticks
    from app.adherence import local_today
    from app.models import Completion
    from tests.conftest import make_plan

    item = make_plan(patient, therapist, items=1)[1][0]
    pool = database.db.obj
    postgres = not database.is_sqlite()
    begun, sent = [], []
    monkeypatch.setattr(pool, "begin", lambda *a, **k: begun.append(a) or None)
    original = pool.execute_sql
    monkeypatch.setattr(pool, "execute_sql",
                        lambda sql, params=None: sent.append(sql) or original(sql, params))
    day = local_today(patient)
    made, created = ticks.record_tick(patient, patient, item, day, 1, "quick-write-key-1")
    assert begun == [] and len(sent) == 1, "no BEGIN or COMMIT: the INSERT alone"
    assert sent[0].endswith(", " + database.QUICK_SETTING) == postgres
    assert created and Completion.get_by_id(made.id).key == "quick-write-key-1"
    # The same slot again: refused by the database, answered with the stored tick.
    again, created = ticks.record_tick(patient, patient, item, day, 1, "quick-write-key-2")
    assert (again.id, created) == (made.id, False)
    assert Completion.select().count() == 1
    # What the extra column says, and that it lasted for that statement only.
    param = pool.param
    cursor = database.execute_quick(
        f'UPDATE "completion" SET "note" = {param} WHERE "id" = {param} RETURNING "id"',
        ["Quick.", made.id])
    assert cursor.fetchone() == ((made.id, "off") if postgres else (made.id,))
    assert Completion.get_by_id(made.id).note == "Quick."
    cursor = database.execute_quick(f'DELETE FROM "completion" WHERE "id" = {param}', [made.id])
    assert cursor.fetchall() == ([("off",)] if postgres else [])
    assert Completion.select().count() == 0
    if postgres:
        assert original("SHOW synchronous_commit").fetchone()[0] == "on"


def test_a_quick_write_inside_another_transaction_waits_with_it(app, patient, therapist):
    from app import ticks
    from app.adherence import local_today
    from app.models import Completion
    from tests.conftest import make_plan

    item = make_plan(patient, therapist, items=1)[1][0]
    day = local_today(patient)
    with database.atomic():
        made, _ = ticks.record_tick(patient, patient, item, day, 1, "quick-inside-key-1")
        # A repeat inside the transaction is caught by its savepoint; the rest goes on.
        again, created = ticks.record_tick(patient, patient, item, day, 1, "quick-inside-key-2")
        inside = (database.db.execute_sql("SHOW synchronous_commit").fetchone()[0]
                  if not database.is_sqlite() else "on")
    assert (again.id, created) == (made.id, False)
    assert Completion.select().count() == 1
    assert inside == "on", "the outer transaction's commit still waits for the disk"


def _through_socket(url: str, directory: str, port: str) -> str:
    """url with its host and port replaced by the server's socket directory (?host=...)."""
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    userinfo = parts.netloc.rpartition("@")[0]
    query = f"host={quote(directory)}&port={port}"
    return urlunsplit((parts.scheme, f"{userinfo}@" if userinfo else "", parts.path, query, ""))


@pytest.mark.skipif(not PG_URL, reason="a PostgreSQL server's own socket")
def test_postgresql_through_its_socket_serves_ticks(app, client, patient, therapist):
    """DATABASE_URL may name the server's socket directory, as the README suggests when
    PostgreSQL runs on the same machine (a round trip costs less than over TCP)."""
    from app.models import Completion
    from tests.conftest import make_plan

    with psycopg.connect(PG_URL, autocommit=True) as admin:
        directories = admin.execute("SHOW unix_socket_directories").fetchone()[0]
        port = admin.execute("SHOW port").fetchone()[0]
    directory = next((d.strip() for d in directories.split(",") if d.strip().startswith("/")),
                     None)
    if directory is None:
        pytest.skip("this PostgreSQL server listens on no socket")
    item = make_plan(patient, therapist, items=1)[1][0]
    database.bind(_through_socket(PG_URL, directory, port))
    client_address = "SELECT inet_client_addr()"  # NULL for a socket's connection
    assert database.db.execute_sql(client_address).fetchone() == (None,)
    auth = Auth(client)
    auth.login(patient)
    assert b"Exercise 1" in client.get("/today").data
    answer = auth.post("/today/tick", {"item": item.id, "slot": 1, "key": "through-socket-1"},
                       htmx=True)
    assert answer.status_code == 200 and "Undo" in answer.get_data(as_text=True)
    assert Completion.select().where(Completion.key == "through-socket-1").count() == 1
    assert database.db.execute_sql(client_address).fetchone() == (None,)
