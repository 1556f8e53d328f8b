"""Queries compiled once (app/compiled.py) give what peewee itself would, or refuse."""

import datetime as dt

import pytest

from app import compiled
from app.adherence import STOPPED
from app.compiled import Compiled, CompiledQueryError
from app.db import db
from app.models import PlanItem, User
from app.today import _items_on, _items_on_query
from tests.conftest import make_plan


def _count_queries(monkeypatch):
    seen = []
    real = type(db.obj).execute_sql

    def counting(self, sql, params=None, *args, **kwargs):
        seen.append(sql)
        return real(self, sql, params, *args, **kwargs)

    monkeypatch.setattr(type(db.obj), "execute_sql", counting)
    return seen


def test_compiled_query_returns_the_same_models_with_their_joins(app, patient, therapist,
                                                                  monkeypatch):
    make_plan(patient, therapist, items=3)
    day = dt.date.today()
    expected = list(_items_on_query(patient, day))
    got = _items_on(patient, day)
    assert [i.id for i in got] == [i.id for i in expected] and len(got) == 3
    assert [i.start_date for i in got] == [i.start_date for i in expected]
    seen = _count_queries(monkeypatch)
    titles = [item.exercise.title for item in got] + [item.plan.client_id for item in got]
    assert seen == [], "the joined exercise and plan came with the items"
    assert titles[:3] == [item.exercise.title for item in expected]


def test_compiled_query_runs_with_new_values_each_call(app, patient, therapist, stranger):
    make_plan(patient, therapist, items=2)
    day = dt.date.today()
    assert len(_items_on(patient, day)) == 2
    assert _items_on(stranger, day) == []  # same SQL, the other client's values
    assert _items_on(patient, day - dt.timedelta(days=400)) == []  # before the plan began


def test_values_out_of_order_are_refused(app, patient):
    wrong = Compiled(lambda user: User.select().where(User.id == user.id, User.role == "client"),
                     lambda user: ["client", user.id])
    with pytest.raises(CompiledQueryError):
        wrong(patient)


def test_sql_that_changes_with_its_values_is_refused(app, patient, therapist):
    make_plan(patient, therapist, items=3)
    ids = [item.id for item in PlanItem.select()]
    varying = Compiled(lambda wanted: PlanItem.select().where(PlanItem.id.in_(wanted)),
                       lambda wanted: list(wanted))
    assert len(varying(ids[:2])) == 2
    with pytest.raises(CompiledQueryError):
        varying(ids)  # three placeholders now: the compiled SQL had two


def test_rows_are_read_like_peewee_reads_them_after_the_first_call(app, patient, therapist,
                                                                   monkeypatch):
    make_plan(patient, therapist, items=2)
    day = dt.date.today()
    items = Compiled(_items_on_query, lambda client, day: [client.id, day, day,
                                                           *STOPPED])
    first = items(patient, day)  # peewee's own wrapper; plans the quick reader
    assert items._readers, "a plain join along foreign keys gets a quick reader"
    again = items(patient, day)  # the quick reader, checked against peewee under TESTING
    assert compiled.same_models(again, first)
    assert isinstance(again[0].start_date, dt.date) and again[0].exercise.title
    seen = _count_queries(monkeypatch)
    assert [i.plan.client_id for i in again] == [patient.id] * 2 and seen == []
    # A reader that went wrong is caught under TESTING, not served.
    reader = items._readers[db.obj]
    monkeypatch.setattr(reader, "spec", reader.spec[:-1])
    with pytest.raises(CompiledQueryError):
        items(patient, day)


def test_an_outer_join_keeps_peewees_own_reader(app, patient):
    from peewee import JOIN

    outer = Compiled(lambda user: User.select(User, PlanItem.id).join(
        PlanItem, JOIN.LEFT_OUTER, on=(PlanItem.id == User.therapist)).where(User.id == user.id),
        lambda user: [user.id])
    assert [u.id for u in outer(patient)] == [patient.id]
    assert not outer._readers
    assert [u.id for u in outer(patient)] == [patient.id]


def test_a_single_model_is_read_quickly_with_its_values_converted(app, patient):
    one = Compiled(lambda user: User.select().where(User.id == user.id), lambda user: [user.id])
    first = one(patient)
    assert one._readers, "one model alone gets a quick reader too"
    (again,) = one(patient)
    assert compiled.same_models([again], first)
    assert again.larger_text is False and again.therapist_id == patient.therapist_id
    assert again.therapist.id == patient.therapist_id  # the key still loads its record


def test_a_compiled_insert_stores_the_row_peewee_would_and_gives_its_new_id(
        app, patient, therapist, monkeypatch):
    from app.compiled import CompiledInsert
    from app.models import Completion

    _plan, items = make_plan(patient, therapist, items=2)
    insert = CompiledInsert(Completion)
    day = dt.date.today()
    made = [insert.create(key=f"compiled-{n}", plan_item=item, client=patient, day=day,
                          logged_by=patient, logged_by_role="client", assistance=None,
                          difficulty=n, pain=None)
            for n, item in enumerate(items)]
    assert made[0].id != made[1].id and not made[0].is_dirty()
    for completion in made:
        stored = Completion.get_by_id(completion.id)
        assert stored.__data__ == completion.__data__  # defaults included (slot, note, time)
        assert completion.plan_item.id == stored.plan_item_id  # the item given is attached
    seen = _count_queries(monkeypatch)
    monkeypatch.setitem(app.config, "TESTING", False)  # no check: the SQL kept is run as is
    third = insert.create(key="compiled-3", plan_item=items[0], client=patient,
                          day=day - dt.timedelta(days=1), logged_by=patient,
                          logged_by_role="client", assistance=None, difficulty=None, pain=4)
    assert len(seen) == 1 and Completion.get_by_id(third.id).pain == 4


def test_a_compiled_insert_refuses_a_different_set_of_fields(app, patient, therapist):
    from app.compiled import CompiledInsert
    from app.models import Completion

    _plan, items = make_plan(patient, therapist, items=1)
    insert = CompiledInsert(Completion)
    fields = dict(plan_item=items[0], client=patient, day=dt.date.today(),
                  logged_by=patient, logged_by_role="client")
    insert.create(key="compiled-a", **fields)
    with pytest.raises(CompiledQueryError):
        insert.create(key="compiled-b", pain=3, **fields)
    assert not Completion.select().where(Completion.key == "compiled-b").exists()
