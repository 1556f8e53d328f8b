"""The therapist's second factor: authenticator-app codes (TOTP) and recovery codes."""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
import hmac
import re
import secrets

import pyotp

from ..audit import record
from ..db import atomic
from ..models import AuditEvent, User, utcnow
from .models import RecoveryCode, WebAuthnCredential

ISSUER = "Homeward"
RECOVERY_CODES = 10
# Wrong codes allowed per person in the window below before even right ones wait.
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


class _TOTP(pyotp.TOTP):
    # New secrets have 160 bits. 80 bits (16 base32 letters) are still accepted because
    # the demo therapists' published secret HOMEWARDDEMOTOTP has that length.
    min_secret_length_bits = 80


def totp(secret: str) -> pyotp.TOTP:
    """The TOTP generator for a base32 secret. :raise ValueError: not base32 or too short."""
    return _TOTP(secret)


def needs_second_factor(user: User) -> bool:
    """Therapists and admins see many clients' records: they must use a second factor."""
    return user.role in ("therapist", "admin")


def is_enrolled(user: User) -> bool:
    """True when the person has an authenticator app or a passkey set up."""
    return bool(user.totp_secret) or WebAuthnCredential.select().where(
        WebAuthnCredential.user == user).exists()


def new_secret() -> str:
    """A fresh base32 TOTP secret (160 bits)."""
    return pyotp.random_base32(32)


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// link an authenticator app reads from the QR code."""
    return totp(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def _digits(code: str) -> str:
    return re.sub(r"\s", "", code or "")[:12]


def code_is_valid(secret: str | None, code: str, at: dt.datetime | None = None) -> bool:
    """True for the current 6-digit code (or the one just before or after it)."""
    code = _digits(code)
    if not secret or not re.fullmatch(r"\d{6}", code):
        return False
    try:
        return totp(secret).verify(code, for_time=at, valid_window=1)
    except (ValueError, TypeError, binascii.Error):  # a secret that is not base32
        return False


def enrol(user: User, secret: str, code: str) -> list[str] | None:
    """Keep the secret if the code from the app matches it; returns new recovery codes."""
    if not code_is_valid(secret, code):
        return None
    with atomic():
        User.update(totp_secret=secret).where(User.id == user.id).execute()
        user.totp_secret = secret
        codes = new_recovery_codes(user)
    record("totp_enrolled", actor=user)
    return codes


def _code_hash(user: User, code: str) -> str:
    normal = re.sub(r"[^a-z0-9]", "", (code or "").lower())[:40]
    return hashlib.sha256(f"{user.id}:{normal}".encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh one-time codes (shown once); any older codes stop working."""
    codes = ["-".join("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(2))
             for _ in range(RECOVERY_CODES)]
    with atomic():
        RecoveryCode.delete().where(RecoveryCode.user == user).execute()
        RecoveryCode.insert_many(
            [{"user": user.id, "code_hash": _code_hash(user, c), "created_at": utcnow()}
             for c in codes]).execute()
    return codes


def recovery_codes_left(user: User) -> int:
    """How many unused recovery codes the person has."""
    return RecoveryCode.select().where(RecoveryCode.user == user,
                                       RecoveryCode.used_at.is_null()).count()


def use_recovery_code(user: User, code: str) -> bool:
    """Spend a recovery code: True once per code, never again."""
    digest = _code_hash(user, code)
    with atomic():
        candidates = list(RecoveryCode.select().where(
            RecoveryCode.user == user, RecoveryCode.used_at.is_null()))
        match = next((c for c in candidates if hmac.compare_digest(c.code_hash, digest)), None)
        if match is None:
            return False
        return bool(RecoveryCode.update(used_at=utcnow()).where(
            RecoveryCode.id == match.id, RecoveryCode.used_at.is_null()).execute())


def too_many_failures(user: User) -> bool:
    """True after MAX_FAILURES wrong codes within FAILURE_WINDOW (kept in the database,
    so signing in again or several server processes don't reset the count)."""
    since = utcnow() - FAILURE_WINDOW
    failures = AuditEvent.select().where(
        AuditEvent.actor == user, AuditEvent.action == "second_factor",
        AuditEvent.outcome == "failed", AuditEvent.at > since).count()
    return failures >= MAX_FAILURES


def check_second_factor(user: User, code: str) -> str:
    """Check an authenticator code or a recovery code: "ok", "wrong" or "throttled"
    (too many wrong codes lately: even a right one waits). Every try is audit-logged."""
    if too_many_failures(user):
        record("second_factor", actor=user, target="throttled", outcome="denied")
        return "throttled"
    if code_is_valid(user.totp_secret, code):
        record("second_factor", actor=user, target="totp")
        return "ok"
    if re.search(r"[a-z]", (code or "").lower()) and use_recovery_code(user, code):
        record("second_factor", actor=user, target="recovery_code")
        return "ok"
    record("second_factor", actor=user, outcome="failed")
    return "wrong"
