"""Password hashing with argon2id (argon2-cffi) and the rules a new password must meet."""

from __future__ import annotations

import functools
import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
MIN_LENGTH = 10  # ASVS 5.0 6.2.1 asks for 8 at least; 10 with a common-word check
MAX_LENGTH = 256
# A precomputed hash so an unknown email costs the same time as a wrong password.
_DUMMY = _hasher.hash("homeward-timing-equaliser")


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher.hash(password)


def check_password(stored_hash: str | None, password: str) -> bool:
    """True when the password matches the stored hash; constant work when there is none."""
    try:
        return _hasher.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


COMMON_FILE = os.path.join(os.path.dirname(__file__), "data", "common-passwords.txt")


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of passwords people use most (and attackers try first)."""
    with open(COMMON_FILE, encoding="utf-8") as fh:
        return frozenset(line.strip().lower() for line in fh if line.strip()
                         and not line.startswith("#"))


def is_common(password: str) -> bool:
    """True for a password on the common list, whatever its case or surrounding spaces."""
    return password.strip().lower() in common_passwords()


def password_problem(password: str) -> str | None:
    """Why a new password is not acceptable, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return str(_l("Please use at least %(n)s characters.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        return str(_l("Please use at most %(n)s characters.", n=MAX_LENGTH))
    if is_common(password) or len(set(password)) < 3:
        return str(_l("That password is one of the most common ones, so it is easy to "
                      "guess. Please choose another: a few unrelated words work well."))
    return None
