"""Sign-in: passkeys (WebAuthn credentials and challenges), one-time links, recovery codes."""
from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'user'

    class WebAuthnCredential(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        credential_id = CharField(unique=True, max_length=1400)
        public_key = BlobField()
        sign_count = IntegerField(default=0)
        transports = CharField(max_length=255, default='')
        name = CharField(max_length=80, default='')
        created_at = DateTimeField()
        last_used_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'web_authn_credential'

    class MagicLink(Model):
        token_hash = CharField(unique=True, max_length=64)
        user = ForeignKeyField(User, on_delete='CASCADE')
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        purpose = CharField(max_length=12, default='signin')
        created_at = DateTimeField()
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'magic_link'

    class RecoveryCode(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        code_hash = CharField(index=True, max_length=64)
        created_at = DateTimeField()
        used_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'recovery_code'

    class WebAuthnChallenge(Model):
        challenge = CharField(unique=True, max_length=128)
        purpose = CharField(max_length=12)
        user = ForeignKeyField(User, null=True, on_delete='CASCADE')
        expires_at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'web_authn_challenge'

    db.create_tables([WebAuthnCredential, MagicLink, RecoveryCode, WebAuthnChallenge])


def down(migrator, db):
    for table in ('web_authn_challenge', 'recovery_code', 'magic_link', 'web_authn_credential'):
        migrator.migrate(migrator.drop_table(table))
