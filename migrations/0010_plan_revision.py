"""user.plan_revision: a counter the database moves on whenever a client's plan items could
read differently, so the day's items can be kept per process between such changes
(app/today.py). Unlike user.revision (0009), a tick, a message or a goal leaves it alone:
those are what change many times a day, while the plan changes when a therapist edits it.

What moves a client's plan_revision on:

- their plan, or any item of it, added, changed or removed (plan, plan_item);
- a change to an exercise any of their plan items uses, past items included.
"""
from peewee import *
from playhouse.migrate import PostgresqlMigrator

BUMP = 'UPDATE "user" SET plan_revision = plan_revision + 1 WHERE '

# table -> which clients a row concerns, with R standing for NEW or OLD
CONCERNS = {
    'plan': 'id = R.client_id',
    'plan_item': 'id IN (SELECT client_id FROM plan WHERE id = R.plan_id)',
}
EXERCISE = ('id IN (SELECT p.client_id FROM plan p JOIN plan_item i ON i.plan_id = p.id '
            'WHERE i.exercise_id = NEW.id)')


def _who(table, row):
    return CONCERNS[table].replace('R.', f'{row}.')


def _sqlite(db):
    for table in CONCERNS:
        for event, where in (('INSERT', _who(table, 'NEW')), ('DELETE', _who(table, 'OLD')),
                             ('UPDATE', f"{_who(table, 'NEW')} OR {_who(table, 'OLD')}")):
            db.execute_sql(f'CREATE TRIGGER {table}_plan_revision_{event.lower()} AFTER {event} '
                           f'ON "{table}" BEGIN {BUMP}{where}; END')
    db.execute_sql(f'CREATE TRIGGER exercise_plan_revision AFTER UPDATE ON exercise '
                   f'BEGIN {BUMP}{EXERCISE}; END')


def _postgres(db):
    def function(name, body):
        db.execute_sql(f'CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ '
                       f'BEGIN {body} RETURN NULL; END $$')

    for table in CONCERNS:
        function(f'{table}_plan_revision', (
            f"IF TG_OP = 'INSERT' THEN {BUMP}{_who(table, 'NEW')}; "
            f"ELSIF TG_OP = 'DELETE' THEN {BUMP}{_who(table, 'OLD')}; "
            f"ELSE {BUMP}{_who(table, 'NEW')} OR {_who(table, 'OLD')}; END IF;"))
        db.execute_sql(f'CREATE TRIGGER {table}_plan_revision AFTER INSERT OR UPDATE OR DELETE '
                       f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION {table}_plan_revision()')
    function('exercise_plan_revision', f'{BUMP}{EXERCISE};')
    db.execute_sql('CREATE TRIGGER exercise_plan_revision AFTER UPDATE ON exercise '
                   'FOR EACH ROW EXECUTE FUNCTION exercise_plan_revision()')


def up(migrator, db):
    if isinstance(migrator, PostgresqlMigrator):
        migrator.migrate(migrator.add_column('user', 'plan_revision', IntegerField(default=0)))
        _postgres(db)
    else:
        # Plain SQL: peewee's SQLite migrator rebuilds the table for a NOT NULL column,
        # and a rebuilt "user" table breaks the triggers 0009 made that name it.
        db.execute_sql('ALTER TABLE "user" ADD COLUMN plan_revision INTEGER NOT NULL DEFAULT 0')
        _sqlite(db)


def down(migrator, db):
    postgres = isinstance(migrator, PostgresqlMigrator)
    names = [(t, f'{t}_plan_revision') for t in CONCERNS] + [('exercise', 'exercise_plan_revision')]
    for table, name in names:
        if postgres:
            db.execute_sql(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
            db.execute_sql(f'DROP FUNCTION IF EXISTS {name}()')
        else:
            for event in ('', '_insert', '_update', '_delete'):
                db.execute_sql(f'DROP TRIGGER IF EXISTS {name}{event}')
    if postgres:
        migrator.migrate(migrator.drop_column('user', 'plan_revision'))
    else:
        db.execute_sql('ALTER TABLE "user" DROP COLUMN plan_revision')
