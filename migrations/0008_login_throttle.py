"""Login throttling kept in the database, so every gunicorn worker sees the same count."""
from peewee import *


def up(migrator, db):
    class LoginThrottle(Model):
        key = CharField(unique=True, max_length=64)
        failures = IntegerField(default=0)
        last_failure_at = DateTimeField(null=True)
        locked_until = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'login_throttle'

    db.create_tables([LoginThrottle])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('login_throttle'))
