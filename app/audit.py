"""The audit log: who viewed or changed which client's record, chained by hashes."""

from __future__ import annotations

import hashlib

from flask import has_request_context, request
from flask_login import current_user

from .db import atomic
from .models import AuditEvent, User, utcnow


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


def record(action: str, client: User | int | None = None, target: str = "",
           outcome: str = "ok", actor: User | None = None) -> AuditEvent:
    """Append one audit event for the current (or given) actor."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    ip = request.remote_addr or "" if has_request_context() else ""
    with atomic():
        last = AuditEvent.select(AuditEvent.hash).order_by(AuditEvent.id.desc()).first()
        event = AuditEvent(
            at=utcnow(),
            actor=actor,
            actor_role=actor.role if actor else "",
            client=client,
            action=action,
            target=target[:120],
            outcome=outcome,
            ip=ip[:64],
            prev_hash=last.hash if last else "",
        )
        event.hash = _digest(event.prev_hash, event)
        event.save()
    return event


def verify() -> list[int]:
    """Ids of audit events whose chain no longer matches (edited, inserted or deleted)."""
    broken, prev = [], ""
    for event in AuditEvent.select().order_by(AuditEvent.id):
        if event.prev_hash != prev or event.hash != _digest(prev, event):
            broken.append(event.id)
        prev = event.hash
    return broken
