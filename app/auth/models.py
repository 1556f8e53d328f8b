"""Sign-in records: passkeys, one-time sign-in links, recovery codes, passkey challenges."""

from __future__ import annotations

from peewee import BlobField, CharField, DateTimeField, ForeignKeyField, IntegerField

from ..models import BaseModel, User, utcnow


class WebAuthnCredential(BaseModel):
    """A passkey: a public key a person's phone or security key signs in with."""

    user = ForeignKeyField(User, backref="passkeys", on_delete="CASCADE")
    credential_id = CharField(max_length=1400, unique=True)  # base64url
    public_key = BlobField()  # COSE key
    sign_count = IntegerField(default=0)
    transports = CharField(max_length=255, default="")  # comma-separated
    name = CharField(max_length=80, default="")
    created_at = DateTimeField(default=utcnow)
    last_used_at = DateTimeField(null=True)


class MagicLink(BaseModel):
    """A short-lived, single-use link that signs one person in (or lets them reset)."""

    token_hash = CharField(max_length=64, unique=True)
    user = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    purpose = CharField(max_length=12, default="signin")  # signin, reset
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)


class RecoveryCode(BaseModel):
    """One of a therapist's one-time recovery codes, stored hashed."""

    user = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    code_hash = CharField(max_length=64, index=True)
    created_at = DateTimeField(default=utcnow)
    used_at = DateTimeField(null=True)


class WebAuthnChallenge(BaseModel):
    """A passkey challenge: deleted when used, so an assertion can't be replayed.

    The session keeps the challenge too, but a cookie session can be replayed;
    this row is what makes each challenge single use.
    """

    challenge = CharField(max_length=128, unique=True)  # base64url
    purpose = CharField(max_length=12)  # register, signin
    user = ForeignKeyField(User, null=True, backref="+", on_delete="CASCADE")
    expires_at = DateTimeField(index=True)


AUTH_MODELS = [WebAuthnCredential, MagicLink, RecoveryCode, WebAuthnChallenge]
