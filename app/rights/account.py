"""Account changes that end sessions: new password, closing, discharge and readmission."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..audit import record
from ..db import atomic
from ..models import PushSubscription, ReminderSchedule, User, utcnow
from ..passwords import check_password, hash_password, password_problem


def _own_client(user: User) -> User | None:
    return user if user.role == "client" else None


def change_password(user: User, current: str, new: str) -> str | None:
    """Set a new password and end every other session; returns what is wrong, or None."""
    if not check_password(user.password_hash, current):
        record("password_change", actor=user, client=_own_client(user), outcome="failed")
        return str(_l("Your password now is not right. Please try again."))
    problem = password_problem(new)
    if problem:
        return problem
    if new == current:
        return str(_l("Please choose a password different from the one you have now."))
    with atomic():
        User.update(password_hash=hash_password(new),
                    session_version=User.session_version + 1).where(User.id == user.id).execute()
    record("password_changed", actor=user, client=_own_client(user))
    return None


def close_account(client: User, password: str) -> str | None:
    """Stop a client's sign-in, reminders and pushes; the practice keeps the record."""
    if not check_password(client.password_hash, password):
        record("account_close", actor=client, client=client, outcome="failed")
        return str(_l("That password is not right. Please try again."))
    with atomic():
        User.update(is_active=False, session_version=User.session_version + 1).where(
            User.id == client.id).execute()
        ReminderSchedule.update(is_active=False).where(
            ReminderSchedule.client == client).execute()
        PushSubscription.delete().where(PushSubscription.user == client).execute()
    record("account_closed", actor=client, client=client)
    return None


def discharge(client: User, therapist: User) -> None:
    """End the client's programme: their record becomes a read-only archive."""
    with atomic():
        User.update(discharged_at=utcnow()).where(
            User.id == client.id, User.discharged_at.is_null()).execute()
    record("discharged", actor=therapist, client=client)


def readmit(client: User, therapist: User) -> None:
    """Open a discharged client's record for practice again."""
    with atomic():
        User.update(discharged_at=None).where(User.id == client.id).execute()
    record("readmitted", actor=therapist, client=client)
