"""Two indexes on completion that only repeated the start of others: completion_plan_item_id
(plan_item_id, which the unique index on plan_item_id, day, slot begins with) and
completion_client_id (client_id, which the index on client_id, day begins with). Every
lookup by plan item or by client alone, foreign-key cascades included, uses the longer
index just as well; each tick and undo wrote to all of them.
"""

INDEXES = {
    'completion_plan_item_id': 'plan_item_id',
    'completion_client_id': 'client_id',
}


def up(migrator, db):
    for name in INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


def down(migrator, db):
    for name, column in INDEXES.items():
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "completion" ("{column}")')
