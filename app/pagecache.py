"""Whole pages kept per process while what they show stays the same.

A client's Today page is read far more often than anything on it changes, and building
it (five queries, the cards, the streak) cost most of each visit. Every change to what it
shows moves the client's revision on (database triggers: migrations/0009_page_revision.py),
and the revision comes with the user's row that every signed-in request loads anyway.
So a page kept under a key holding the whole user row (revision, language, text
size...), the day and the language is the page that would be built now, and a visit
that finds it costs no query beyond sign-in.

What must differ on every visit is kept as markers and filled per request: the CSRF token
and each tick form's one-time key. Pages with a flashed message or an error are built
every time, since they show something only once.

Under TESTING every hit is also built afresh and compared, so the whole test suite fails
if a change to what a page shows ever leaves the revision where it was. The therapist's
caseload is kept the same way (app/caseload.py, app/therapist/caseload.py).
"""

from __future__ import annotations

import re
import threading

from flask import current_app, g
from flask_wtf.csrf import generate_csrf

from . import here

LIMIT = 1_000  # pages kept per process (~25 KB each); the oldest goes first
_CSRF = "\x00page-csrf\x00"
_KEY = "\x00page-key\x00"
_CSRF_BYTES = _CSRF.encode()
_MARKER = re.compile(b"(" + re.escape(_CSRF_BYTES) + b"|" + re.escape(_KEY.encode()) + b")")
_lock = threading.Lock()


# Never part of a key: they change nothing shown, and a key may end up in an error message.
_SECRET_FIELDS = frozenset({"password_hash", "totp_secret"})


def user_state(user) -> tuple:
    """The reader's row as part of a key: every field a page may show or depend on, with
    the revision the database moves on (migrations/0009_page_revision.py)."""
    return tuple(item for item in user.__data__.items() if item[0] not in _SECRET_FIELDS)


def store(name: str = "pages") -> dict:
    """One of the app's stores of kept things ("pages"; the caseload keeps "caseload_rows")."""
    return here.app().extensions.setdefault("homeward_kept", {}).setdefault(name, {})


def put(name: str, key, value, limit: int) -> None:
    """Keep value under key in the named store, dropping the oldest entries at the limit."""
    kept = store(name)
    with _lock:
        kept.pop(key, None)
        while len(kept) >= limit:
            kept.pop(next(iter(kept)))
        kept[key] = value


def issued_key(key: str) -> str:
    """Called by templating.new_key: a tick key in a page being kept becomes a marker."""
    issued = getattr(here.g(), "_page_keys", None)
    if issued is not None:
        issued.append(key)
    return key


def _build(render) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    """The page as UTF-8 pieces between its markers (the request's CSRF token and tick
    keys), and which marker comes between each two: filling it in is then one join, with
    no search through the page and no encoding on every visit."""
    g._page_keys = []
    try:
        html = render()
    finally:
        keys = g.pop("_page_keys")
    html = html.replace(generate_csrf(), _CSRF)
    for key in keys:
        html = html.replace(key, _KEY)
    pieces = _MARKER.split(html.encode())  # text, marker, text, marker ... text
    return tuple(pieces[0::2]), tuple(pieces[1::2])


def _fill(page) -> bytes:
    from .templating import new_key

    parts, markers = page
    if not markers:
        return parts[0]
    token = generate_csrf().encode()
    out = [parts[0]]
    for marker, part in zip(markers, parts[1:], strict=True):
        out.append(token if marker == _CSRF_BYTES else new_key().encode())
        out.append(part)
    return b"".join(out)


def kept(key: tuple, render) -> bytes:
    """The page for key (UTF-8): built by render() the first time, then kept and reused."""
    if here.session().get("_flashes"):
        return render()
    page = store().get(key)
    if page is None or here.app().testing:
        fresh = _build(render)
        if page is not None and page != fresh:
            raise AssertionError(f"page cache served a stale {key[0]} page (key {key!r})")
        page = fresh
        put("pages", key, page, LIMIT)
    return _fill(page)


def clear(app=None) -> None:
    """Forget everything this app keeps (pages and caseload rows): the benchmarks count
    the queries of a page built afresh this way."""
    with _lock:
        (app or current_app).extensions.pop("homeward_kept", None)
