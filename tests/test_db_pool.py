"""Pooled connections are reused between requests (an outage still shows: see
test_reliability_outage.py, which takes the database away under a pooled connection)."""

from app import db as database
from tests.conftest import Auth


def test_requests_reuse_pooled_connections(app, client, patient):
    Auth(client).login(patient)
    for _ in range(5):
        assert client.get("/today").status_code == 200
    pool = database.db.obj
    assert len(pool._in_use) == 0, "every request gave its connection back"
    assert len(pool._connections) == 1, "and the next one took the same connection again"
