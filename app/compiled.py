"""Queries that every request runs, turned into SQL once instead of on every request.

Turning a peewee query into SQL walks every column of every joined model: for the
query behind a client's cards (three models, 42 columns) that cost ten times more
than running it, and it was the largest single cost of a /today request after the
template. A query whose shape never changes only needs its values bound anew.

    ITEMS = Compiled(
        lambda client, day: PlanItem.select(...).where(Plan.client == client, ...),
        lambda client, day: [client.id, day],   # the values, in the order peewee binds them
    )
    items = ITEMS(client, day)                   # a list, as list(query) would give

The first call for each database compiles the query with peewee and checks that
``params`` gives exactly the values peewee bound. Under TESTING every call compiles
and checks again, so the whole test suite confirms the two agree for every value
it uses (a query whose SQL text depends on its values, such as an IN list of varying
length, must not be compiled this way: the check refuses it).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from flask import current_app, has_app_context

from .db import db


class CompiledQueryError(RuntimeError):
    """The compiled SQL or its values do not match what peewee would run."""


def _checking() -> bool:
    return has_app_context() and bool(current_app.config.get("TESTING"))


class Compiled:
    """A peewee select of fixed shape, compiled once per database (see the module doc)."""

    def __init__(self, build: Callable, params: Callable):
        self.build = build
        self.params = params
        self.name = getattr(build, "__name__", "query")
        self._by_database: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _compile(self, database, args, params):
        query = self.build(*args)
        sql, expected = query.sql()
        if list(expected) != params:
            raise CompiledQueryError(
                f"{self.name}: values {params!r} differ from the query's {expected!r}")
        return sql, query

    def __call__(self, *args) -> list:
        database = db.obj
        params = list(self.params(*args))
        entry = self._by_database.get(database)
        if entry is None:
            entry = self._by_database[database] = self._compile(database, args, params)
        elif _checking():
            sql, _query = self._compile(database, args, params)
            if sql != entry[0]:
                raise CompiledQueryError(f"{self.name}: the SQL changed with its values")
        sql, query = entry
        cursor = database.execute_sql(sql, params)
        # The query compiled first knows how to turn rows into models (joins included);
        # which values it was compiled with does not matter to that.
        return list(query._get_cursor_wrapper(cursor))
