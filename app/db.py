"""Database connection: one peewee proxy, bound from DATABASE_URL by the app factory."""

from __future__ import annotations

import contextlib
import os

import click
from flask import current_app
from peewee import DatabaseProxy, OperationalError, PostgresqlDatabase, SqliteDatabase
from playhouse.db_url import parse

db = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "normal",
}


def make_database(url: str):
    """Build a peewee database from a URL: sqlite:///path or postgresql://..."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        # Immediate transactions: a writer takes the lock up front, so two
        # writers wait for each other instead of failing on lock upgrade.
        return SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, timeout=10)
    if url.startswith(("postgres://", "postgresql://")):
        params = parse(url)
        name = params.pop("database")
        return PostgresqlDatabase(name, **params)
    raise ValueError(f"Unsupported DATABASE_URL: {url!r}")


def bind(url: str):
    """Point the shared proxy at the database named by url."""
    database = make_database(url)
    db.initialize(database)
    return database


def is_sqlite() -> bool:
    """True when the bound database is SQLite."""
    return isinstance(db.obj, SqliteDatabase)


def atomic():
    """A write transaction: IMMEDIATE on SQLite so concurrent writers queue cleanly."""
    if is_sqlite():
        return db.obj.atomic("IMMEDIATE")
    return db.atomic()


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
