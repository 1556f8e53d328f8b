"""The audit log: who viewed or changed which client's record, chained by hashes."""

from __future__ import annotations

import hashlib
import sys

import click
from flask import g, has_request_context, request
from flask_login import current_user

from .compiled import Compiled, CompiledInsert
from .db import atomic, db, is_sqlite
from .models import AuditEvent, User, utcnow

_listeners = []


def add_listener(callback) -> None:
    """Call callback(event) after each recorded event (sign-in throttling counts failures)."""
    if callback not in _listeners:
        _listeners.append(callback)


def _digest(prev_hash: str, event: AuditEvent) -> str:
    parts = [
        prev_hash,
        event.at.isoformat(),
        str(event.actor_id or ""),
        event.actor_role,
        str(event.client_id or ""),
        event.action,
        event.target,
        event.outcome,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# The chain's last link, read by every audited view: compiled once (app/compiled.py).
_last_hash = Compiled(lambda: AuditEvent.select(AuditEvent.hash).order_by(AuditEvent.id.desc())
                      .limit(1), lambda: [1])
_insert_event = CompiledInsert(AuditEvent)


def record(action: str, client: User | int | None = None, target: str = "",
           outcome: str = "ok", actor: User | None = None) -> AuditEvent:
    """Append one audit event for the current (or given) actor."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    ip = (request.remote_addr or "") if has_request_context() else ""
    with atomic():
        if not is_sqlite():
            # One writer at a time extends the chain (SQLite's IMMEDIATE lock does this).
            db.execute_sql("SELECT pg_advisory_xact_lock(727275)")
        last = _last_hash.one()
        event = AuditEvent(
            at=utcnow(),
            actor=actor,
            actor_role=actor.role if actor else "",
            client=client,
            action=action,
            target=target.replace("\x00", "")[:120],  # PostgreSQL text refuses NUL
            outcome=outcome,
            ip=ip[:64],
            prev_hash=last.hash if last else "",
        )
        event.hash = _digest(event.prev_hash, event)
        _insert_event.insert(event)
    if outcome == "denied" and has_request_context():
        g.denial_logged = True
    for callback in _listeners:
        callback(event)
    return event


def verify() -> list[int]:
    """Ids of audit events whose chain no longer matches (edited, inserted or deleted)."""
    broken, prev = [], ""
    for event in AuditEvent.select().order_by(AuditEvent.id):
        if event.prev_hash != prev or event.hash != _digest(prev, event):
            broken.append(event.id)
        prev = event.hash
    return broken


def init_app(app):
    """Register `flask audit verify`."""

    @app.cli.group("audit")
    def audit_cli():
        """The audit log."""

    @audit_cli.command("verify")
    def verify_command():
        """Check the hash chain; exit 1 naming the rows that were edited or removed."""
        broken = verify()
        total = AuditEvent.select().count()
        if broken:
            shown = ", ".join(str(n) for n in broken[:50])
            more = f" (and {len(broken) - 50} more)" if len(broken) > 50 else ""
            click.echo(f"audit log BROKEN at row id(s) {shown}{more}: edited, inserted or "
                       f"deleted since written ({total} rows checked)", err=True)
            sys.exit(1)
        last = AuditEvent.select(AuditEvent.hash).order_by(AuditEvent.id.desc()).first()
        click.echo(f"audit log ok: {total} rows, chain head {last.hash if last else '-'}")
