"""Database connection: one peewee proxy, bound from DATABASE_URL by the app factory."""

from __future__ import annotations

import contextlib
import os
import select
import time

import click
from flask import current_app
from peewee import (
    DatabaseProxy,
    OperationalError,
    PostgresqlDatabase,
    SqliteDatabase,
    __exception_wrapper__,
)
from playhouse.db_url import parse
from playhouse.pool import PooledDatabase, PooledPostgresqlDatabase, _PooledSqliteDatabase

db = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "normal",
}


# Connections are pooled: each request borrows one and gives it back. Opening a
# connection per request cost more than the page itself: a new PostgreSQL backend
# warms its catalogue caches again, and SQLite re-reads its schema and pragmas.
# Idle connections are closed after POOL_STALE seconds; a request waits up to
# POOL_WAIT seconds for a free one when all POOL_SIZE are busy.
POOL_SIZE = 32
POOL_STALE = 300
POOL_WAIT = 10


def _file_identity(path: str):
    """(device, inode) of the file at path, or None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class _SqliteFile(SqliteDatabase):
    """Remembers which file each new connection opened."""

    def _connect(self):
        identity = _file_identity(self.database)
        conn = super()._connect()
        self._opened[id(conn)] = identity
        return conn


class PooledSqliteFile(_PooledSqliteDatabase, _SqliteFile):
    """Pooled SQLite connections, each dropped when the file it opened is no longer at
    the database's path: an open connection would go on using a file that was moved
    or deleted (a disk taken away), where a new connection fails and the page says so.

    The file at the path is looked at once every IDENTITY_EVERY seconds, not for every
    request: a stat lets go of the interpreter lock, and with several threads busy each
    let-go is a hand-over between them (a tenth of a kept page's time under load). A
    connection whose file looks different is checked again at once before it is dropped.
    """

    IDENTITY_EVERY = 1.0

    def __init__(self, *args, **kwargs):
        self._opened: dict[int, tuple | None] = {}
        self._identity, self._identity_at = None, float("-inf")
        super().__init__(*args, **kwargs)

    def _current_identity(self, fresh: bool = False):
        now = time.monotonic()
        if fresh or now - self._identity_at >= self.IDENTITY_EVERY:
            self._identity, self._identity_at = _file_identity(self.database), now
        return self._identity

    def _is_closed(self, conn):
        if super()._is_closed(conn):
            return True
        opened = self._opened.get(id(conn))
        if opened is None or (opened != self._current_identity()
                              and opened != self._current_identity(fresh=True)):
            self._opened.pop(id(conn), None)
            self._close_raw(conn)
            return True
        return False

    def _close_raw(self, conn):
        self._opened.pop(id(conn), None)
        super()._close_raw(conn)


class PooledPostgres(PooledPostgresqlDatabase):
    """Pooled PostgreSQL connections, checked without a round trip when handed out.

    peewee asks an idle pooled connection `SELECT 1` before every use: a round trip to
    the server per request, as much as the one query a kept page needs. An idle
    connection is only ever sent something when the server ends it (a restart, an
    administrator, a timeout): the goodbye and the closed socket make it readable. So a
    readable idle socket means ended, and the pool opens a new connection instead.
    """

    def _is_closed(self, conn):
        if conn.closed or conn.broken:
            return True
        status = self._adapter.txn_status(conn)
        if status != self._adapter.txn_idle:  # peewee's own check rolls back, or gives up
            return super()._is_closed(conn)
        try:
            readable, _, _ = select.select([conn.fileno()], [], [], 0)
        except (OSError, ValueError):
            readable = True
        if readable:
            conn.close()  # the pool only drops it: close the socket too
        return bool(readable)

    def begin(self, isolation_level=None, quick=False):
        """BEGIN; with quick, also SET LOCAL synchronous_commit TO OFF in the same round
        trip (two statements with no parameters: psycopg sends them as one simple query)."""
        if not quick:
            return super().begin(isolation_level)
        with __exception_wrapper__:
            self.cursor().execute("BEGIN; SET LOCAL synchronous_commit TO OFF")
        return None


def make_database(url: str):
    """Build a pooled peewee database from a URL: sqlite:///path or postgresql://..."""
    pool = {"max_connections": POOL_SIZE, "stale_timeout": POOL_STALE, "timeout": POOL_WAIT}
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
        if path == ":memory:":  # every connection would be a database of its own
            return SqliteDatabase(path, pragmas=SQLITE_PRAGMAS)
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        # A pooled connection may serve another thread next; the busy_timeout pragma
        # makes a writer wait for the lock (immediate transactions: see atomic()).
        return PooledSqliteFile(path, pragmas=SQLITE_PRAGMAS, check_same_thread=False, **pool)
    if url.startswith(("postgres://", "postgresql://")):
        params = parse(url)
        name = params.pop("database")
        return PooledPostgres(name, **params, **pool)
    raise ValueError(f"Unsupported DATABASE_URL: {url!r}")


def bind(url: str):
    """Point the shared proxy at the database named by url."""
    database = make_database(url)
    release()
    db.initialize(database)
    return database


def release() -> None:
    """Close every connection of the bound database, idle or not (rebinding, shutdown)."""
    previous = db.obj
    if isinstance(previous, PooledDatabase):
        previous.close_all()
    elif previous is not None and not previous.is_closed():
        previous.close()


def is_sqlite() -> bool:
    """True when the bound database is SQLite."""
    return isinstance(db.obj, SqliteDatabase)


def atomic():
    """A write transaction: IMMEDIATE on SQLite so concurrent writers queue cleanly."""
    if is_sqlite():
        return db.obj.atomic("IMMEDIATE")
    return db.atomic()


@contextlib.contextmanager
def quick_commit():
    """One small, replaceable write (a tick made, rated or taken back) whose commit does
    not wait for the disk on PostgreSQL: SET LOCAL synchronous_commit TO OFF for its own
    transaction. A crash of the database server can then lose the last fraction of a
    second of such writes, never leave them half-done: the promise SQLite already makes
    here in WAL mode with synchronous=NORMAL. Every other write keeps PostgreSQL's full
    durability. On SQLite the statement simply runs as it would without this. A write of
    a single statement can have the same in one round trip: execute_quick."""
    if is_sqlite():
        yield
        return
    # BEGIN and the SET LOCAL go in one round trip (PooledPostgres.begin). Inside another
    # transaction this is a savepoint and the outer transaction's commit waits as usual.
    with db.obj.atomic(quick=True):
        yield


# Returned by a quick write on PostgreSQL (see execute_quick).
QUICK_SETTING = "set_config('synchronous_commit', 'off', true)"


def execute_quick(sql: str, params):
    """Run one INSERT, UPDATE or DELETE as a quick commit (see quick_commit) in a single
    round trip; returns the cursor. On PostgreSQL its rows have one more column after any
    the statement's RETURNING asks for.

    quick_commit takes three round trips on PostgreSQL: BEGIN with the SET LOCAL, the
    statement, COMMIT. A statement run on its own in autocommit mode is its own
    transaction, and set_config(..., true) evaluated in its RETURNING clause sets
    synchronous_commit for that transaction only, before it commits: the same promise
    in one round trip. Inside another transaction the statement runs in quick_commit's
    savepoint, and the outer commit waits for the disk as usual.
    """
    database = db.obj
    if is_sqlite():
        return database.execute_sql(sql, params)
    if database.in_transaction():
        with quick_commit():
            return database.execute_sql(sql, params)
    returning = ", " if " RETURNING " in sql else " RETURNING "
    return database.execute_sql(sql + returning + QUICK_SETTING, params)


def migrations_dir() -> str:
    """The migrations/ folder at the project root."""
    return os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations")


def migrate() -> list[str]:
    """Apply pending migrations; returns the names applied (none on a second run)."""
    from playhouse.migrations import Runner

    database = db.obj
    if isinstance(database, PostgresqlDatabase):
        # One migrator at a time across processes: an advisory lock held for the run.
        with database.connection_context():
            database.execute_sql("SELECT pg_advisory_lock(727274)")
            try:
                return Runner(database, migrations_dir()).up()
            finally:
                database.execute_sql("SELECT pg_advisory_unlock(727274)")
    # SQLite: an exclusive lock on a file beside the database, held for the whole run,
    # so processes started together (several web workers, a release step) queue up and
    # the later ones find nothing left to apply.
    with _sqlite_migrate_lock(database.database), database.connection_context():
        return Runner(database, migrations_dir()).up()


@contextlib.contextmanager
def _sqlite_migrate_lock(path: str):
    """Hold an exclusive flock on <database>.migrate-lock (no-op for :memory:)."""
    if path == ":memory:":
        yield
        return
    import fcntl

    with open(os.path.abspath(path) + ".migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def init_app(app):
    """Open a connection per request and close it after; register the migrate command."""

    @app.before_request
    def _connect():
        # A database that is down is reported by the first query (503), not here,
        # so /healthz and error pages can still answer.
        try:
            db.connect(reuse_if_open=True)
        except OperationalError:
            pass

    @app.teardown_request
    def _close(exc):
        if not db.is_closed():
            db.close()

    @app.cli.command("migrate")
    def migrate_command():
        """Apply pending database migrations."""
        applied = migrate()
        if applied:
            for name in applied:
                click.echo(f"applied {name}")
        else:
            click.echo("database is up to date")
        current_app.logger.info("migrations applied: %s", applied)
