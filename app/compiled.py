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

from flask import has_app_context
from peewee import (
    CharField,
    Field,
    ForeignKeyField,
    IntegerField,
    Model,
    ModelCursorWrapper,
    ModelObjectCursorWrapper,
    TextField,
)

from . import here
from .db import db, execute_quick


class CompiledQueryError(RuntimeError):
    """The compiled SQL or its values do not match what peewee would run."""


def checking() -> bool:
    """True under TESTING: kept and compiled things are checked against a fresh read."""
    return has_app_context() and bool(here.app().config.get("TESTING"))


class Compiled:
    """A peewee select of fixed shape, compiled once per database (see the module doc).
    With quick, a write of fixed shape instead, run by db.execute_quick (read its rows
    with .cursor())."""

    def __init__(self, build: Callable, params: Callable, quick: bool = False):
        self.build = build
        self.params = params
        self.quick = quick  # a write, run by db.execute_quick
        self.name = getattr(build, "__name__", "query")
        self._by_database: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._readers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _compile(self, database, args, params):
        query = self.build(*args)
        sql, expected = query.sql()
        if list(expected) != params:
            raise CompiledQueryError(
                f"{self.name}: values {params!r} differ from the query's {expected!r}")
        return sql, query

    def __call__(self, *args) -> list:
        cursor, query = self._run(args)
        reader = self._readers.get(db.obj)
        if reader is None:
            # The query compiled first knows how to turn rows into models (joins
            # included); which values it was compiled with does not matter to that.
            wrapper = query._get_cursor_wrapper(cursor)
            models = list(wrapper)
            reader = _Reader.plan(wrapper)
            if reader is not None:
                self._readers[db.obj] = reader
            return models
        rows = cursor.fetchall()
        models = reader.read(rows)
        if checking():
            expected = list(query._get_cursor_wrapper(_Rows(cursor.description, rows)))
            if not same_models(models, expected):
                raise CompiledQueryError(f"{self.name}: rows read differently from peewee")
        return models

    def one(self, *args):
        """The first model the query gives, or None (for a query of at most one row)."""
        models = self(*args)
        return models[0] if models else None

    def cursor(self, *args):
        """The database cursor, for reading plain rows (and stopping early)."""
        return self._run(args)[0]

    def _run(self, args):
        database = db.obj
        params = list(self.params(*args))
        entry = self._by_database.get(database)
        if entry is None:
            entry = self._by_database[database] = self._compile(database, args, params)
        elif checking():
            sql, _query = self._compile(database, args, params)
            if sql != entry[0]:
                raise CompiledQueryError(f"{self.name}: the SQL changed with its values")
        sql, query = entry
        if self.quick:
            return execute_quick(sql, params), query
        return database.execute_sql(sql, params), query



class CompiledPerSize:
    """A Compiled query whose SQL depends only on the length of its first argument (an
    IN list of ids): one Compiled per length, so peewee still writes each SQL text once
    per database and size. Called like Compiled: the models, or .cursor() for rows."""

    def __init__(self, build: Callable, params: Callable):
        self.build, self.params = build, params
        self._by_size: dict[int, Compiled] = {}

    def _for(self, ids) -> Compiled:
        compiled = self._by_size.get(len(ids))
        if compiled is None:
            compiled = self._by_size[len(ids)] = Compiled(self.build, self.params)
        return compiled

    def __call__(self, ids, *args) -> list:
        return self._for(ids)(ids, *args)

    def cursor(self, ids, *args):
        return self._for(ids).cursor(ids, *args)


class CompiledInsert:
    """One model's INSERT, compiled once per database; `create` is Model.create (and
    `insert(instance)` an unsaved instance's save()) without peewee writing the SQL anew
    each time.

        _TICK = CompiledInsert(Completion)
        completion = _TICK.create(key=key, plan_item=item, ...)   # as Completion.create

    The row is made as Model.create makes it (defaults first, then the values given), so
    every call must give the same fields. The new row's id comes back as each engine
    gives it: peewee's SQL ends in RETURNING on PostgreSQL, SQLite has the cursor's
    lastrowid. The first call per database, and under TESTING every call, has peewee
    write the statement and checks the SQL and its values are the same. With quick,
    each insert is a quick commit of its own (db.execute_quick).
    """

    def __init__(self, model, quick: bool = False):
        self.model = model
        self.quick = quick
        self._by_database: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _compile(self, data, params):
        sql, expected = self.model.insert(**data).sql()
        if list(expected) != params:
            raise CompiledQueryError(
                f"insert into {self.model.__name__}: values {params!r} differ from {expected!r}")
        return sql

    def create(self, **values):
        """A new row from these values, stored; as Model.create."""
        return self.insert(self.model(**values))

    def insert(self, instance):
        """Store a model instance made but not saved yet (as instance.save() would)."""
        data = instance.__data__
        primary = self.model._meta.primary_key
        data.pop(primary.name, None)
        database = db.obj
        params = [field.db_value(data[field.name])
                  for field in self.model._meta.sorted_fields if field.name in data]
        sql = self._by_database.get(database)
        if sql is None:
            sql = self._by_database[database] = self._compile(data, params)
        elif checking() and self._compile(data, params) != sql:
            raise CompiledQueryError(f"insert into {self.model.__name__}: the SQL changed")
        cursor = (execute_quick if self.quick else database.execute_sql)(sql, params)
        new_id = cursor.fetchone()[0] if database.returning_clause else cursor.lastrowid
        setattr(instance, primary.name, new_id)
        instance._dirty.clear()
        return instance


class _Reader:
    """Rows into model instances exactly as peewee's ModelCursorWrapper makes them (values
    converted, joined models attached), planned once from a wrapper peewee has set up.

    peewee works out which model and field every column belongs to on every query and
    sets each value through its field descriptor; for a card query that was a tenth of
    the request. Only plain shapes are planned (models, inner joins along foreign
    keys, or one model alone); anything else keeps peewee's own wrapper.
    """

    def __init__(self, classes, spec, joins):
        self.classes = classes  # the model class of each instance a row makes (root first)
        self.spec = spec  # (column index, instance index, field name, converter, plain type)
        self.joins = joins  # (source index, attribute, dest index, dest's key field name)

    @classmethod
    def plan(cls, wrapper) -> _Reader | None:
        if not getattr(wrapper, "initialized", False):
            return None
        if isinstance(wrapper, ModelObjectCursorWrapper):  # one model, no join
            model = wrapper.constructor
            if not wrapper.is_model or model is not wrapper.model:
                return None
            spec = []
            for index, column in enumerate(wrapper.unique_columns):
                field = getattr(model, column, None)
                if not isinstance(field, Field) or field.model is not model:
                    return None
                converter = wrapper.converters[index]
                spec.append((index, 0, field.name, converter, _plain_type(converter)))
            return cls((model,), tuple(spec), ())
        if not isinstance(wrapper, ModelCursorWrapper):
            return None
        keys, classes = [], []
        for key, constructor, is_model in wrapper._constructor_list:
            if not is_model:
                return None
            keys.append(key)
            classes.append(constructor)
        if not keys or keys[0] is not wrapper.model:
            return None
        spec = []
        for index, key, column, converter in wrapper._row_spec:
            target = keys.index(key) if key in keys else 0
            field = getattr(classes[target], column, None)
            if not isinstance(field, Field) or field.model is not classes[target]:
                return None
            spec.append((index, target, field.name, converter, _plain_type(converter)))
        joins = []
        for src, attr, dest, is_dict, is_outer, is_fk in wrapper.src_to_dest:
            if is_dict or is_outer or not is_fk or src not in keys or dest not in keys:
                return None
            fk = getattr(classes[keys.index(src)], attr)
            joins.append((keys.index(src), attr, keys.index(dest), fk.rel_field.name))
        return cls(tuple(classes), tuple(spec), tuple(joins))

    def read(self, rows) -> list:
        out = []
        classes, spec, joins = self.classes, self.spec, self.joins
        for row in rows:
            made = []
            for model in classes:
                instance = model.__new__(model)
                instance.__data__, instance._dirty, instance.__rel__ = {}, set(), {}
                made.append(instance)
            filled = set()
            for index, target, name, converter, plain in spec:
                value = row[index]
                if value is not None:
                    filled.add(target)
                if converter is not None and type(value) is not plain:
                    value = converter(value)
                made[target].__data__[name] = value
            for src, attr, dest, key in joins:
                if dest in filled:  # an inner join's row that is all NULL: left unset
                    made[src].__data__[attr] = made[dest].__data__.get(key)
                    made[src].__rel__[attr] = made[dest]
            out.append(made[0])
        return out


def _plain_type(converter):
    """The type a column's converter hands back unchanged (str for text, int for whole
    numbers and keys to them): values of that type need no call. None when unsure."""
    field = getattr(converter, "__self__", None)
    if isinstance(field, ForeignKeyField):
        field = field.rel_field
    if not isinstance(field, Field) or type(field).python_value is not Field.python_value:
        return None
    if isinstance(field, (CharField, TextField)) and type(field).adapt is CharField.adapt:
        return str
    if isinstance(field, IntegerField) and type(field).adapt is IntegerField.adapt:
        return int
    return None


class _Rows:
    """Rows already fetched, offered again as a cursor (for the check under TESTING)."""

    def __init__(self, description, rows):
        self.description = description
        self._rows = iter(rows)

    def fetchone(self):
        return next(self._rows, None)

    def close(self):
        pass


def same_models(ours: list, theirs: list) -> bool:
    def same(a, b) -> bool:
        if type(a) is not type(b):
            return False
        if not isinstance(a, Model):
            return a == b
        return (a.__data__ == b.__data__ and a._dirty == b._dirty
                and a.__rel__.keys() == b.__rel__.keys()
                and all(same(a.__rel__[k], b.__rel__[k]) for k in a.__rel__))
    return len(ours) == len(theirs) and all(map(same, ours, theirs))
