"""user.revision: a counter the database moves on whenever something a client's pages show
changes, so pages kept for one revision are never stale (app/pagecache.py).

Triggers rather than application code: every write counts, whichever code path, script or
console it comes from. What moves a client's revision on:

- a tick made, changed or taken back (completion), by anyone;
- their plan or any item of it (plan, plan_item);
- a change to an exercise any of their plan items uses, past items included;
- a message to them sent, read or deleted; a goal of theirs added, changed or removed;
- a new name for someone their pages show: their therapist, a carer, a message's sender.

Changes to the client's own row need nothing: the whole row is part of every key.
"""
from peewee import *
from playhouse.migrate import PostgresqlMigrator

BUMP = 'UPDATE "user" SET revision = revision + 1 WHERE '

# table -> which clients a row concerns, with R standing for NEW or OLD
CONCERNS = {
    'completion': 'id = R.client_id',
    'plan': 'id = R.client_id',
    'plan_item': 'id IN (SELECT client_id FROM plan WHERE id = R.plan_id)',
    'message': 'id = R.client_id',
    'goal': 'id = R.client_id',
}
EXERCISE = ('id IN (SELECT p.client_id FROM plan p JOIN plan_item i ON i.plan_id = p.id '
            'WHERE i.exercise_id = NEW.id)')
NAME = ('therapist_id = NEW.id'
        ' OR id IN (SELECT client_id FROM caregiver_link WHERE caregiver_id = NEW.id)'
        ' OR id IN (SELECT client_id FROM message WHERE sender_id = NEW.id)')


def _who(table, row):
    return CONCERNS[table].replace('R.', f'{row}.')


def _sqlite(db):
    for table in CONCERNS:
        for event, where in (('INSERT', _who(table, 'NEW')), ('DELETE', _who(table, 'OLD')),
                             ('UPDATE', f"{_who(table, 'NEW')} OR {_who(table, 'OLD')}")):
            db.execute_sql(f'CREATE TRIGGER {table}_revision_{event.lower()} AFTER {event} '
                           f'ON "{table}" BEGIN {BUMP}{where}; END')
    db.execute_sql(f'CREATE TRIGGER exercise_revision AFTER UPDATE ON exercise '
                   f'BEGIN {BUMP}{EXERCISE}; END')
    db.execute_sql(f'CREATE TRIGGER user_name_revision AFTER UPDATE OF name ON "user" '
                   f'WHEN OLD.name IS NOT NEW.name BEGIN {BUMP}{NAME}; END')


def _postgres(db):
    def function(name, body):
        db.execute_sql(f'CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ '
                       f'BEGIN {body} RETURN NULL; END $$')

    for table in CONCERNS:
        function(f'{table}_revision', (
            f"IF TG_OP = 'INSERT' THEN {BUMP}{_who(table, 'NEW')}; "
            f"ELSIF TG_OP = 'DELETE' THEN {BUMP}{_who(table, 'OLD')}; "
            f"ELSE {BUMP}{_who(table, 'NEW')} OR {_who(table, 'OLD')}; END IF;"))
        db.execute_sql(f'CREATE TRIGGER {table}_revision AFTER INSERT OR UPDATE OR DELETE '
                       f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION {table}_revision()')
    function('exercise_revision', f'{BUMP}{EXERCISE};')
    db.execute_sql('CREATE TRIGGER exercise_revision AFTER UPDATE ON exercise '
                   'FOR EACH ROW EXECUTE FUNCTION exercise_revision()')
    function('user_name_revision', f'{BUMP}{NAME};')
    db.execute_sql('CREATE TRIGGER user_name_revision AFTER UPDATE OF name ON "user" '
                   'FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) '
                   'EXECUTE FUNCTION user_name_revision()')


def up(migrator, db):
    migrator.migrate(migrator.add_column('user', 'revision', IntegerField(default=0)))
    if isinstance(migrator, PostgresqlMigrator):
        _postgres(db)
    else:
        _sqlite(db)


def down(migrator, db):
    postgres = isinstance(migrator, PostgresqlMigrator)
    names = [(t, f'{t}_revision') for t in CONCERNS]
    names += [('exercise', 'exercise_revision'), ('user', 'user_name_revision')]
    for table, name in names:
        if postgres:
            db.execute_sql(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
            db.execute_sql(f'DROP FUNCTION IF EXISTS {name}()')
        else:
            for event in ('', '_insert', '_update', '_delete'):
                db.execute_sql(f'DROP TRIGGER IF EXISTS {name}{event}')
    migrator.migrate(migrator.drop_column('user', 'revision'))
