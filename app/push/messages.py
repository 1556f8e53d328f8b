"""Short encouragements from the therapist: kept for the client's Today page and pushed."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..compiled import Compiled
from ..db import atomic
from ..models import Message, User, utcnow
from .subscriptions import deliver_to_user

MAX_LENGTH = 300
MESSAGE_TTL = 24 * 3600


class MessageError(ValueError):
    """A message we can't send; the text says why."""


def send_encouragement(sender, therapist: User, client: User, body: str):
    """Store the message, then push it to the client's devices; (message, results)."""
    body = (body or "").strip()
    if not body:
        raise MessageError(_l("Please write a short message."))
    if len(body) > MAX_LENGTH:
        raise MessageError(_l("Please keep it under %(n)s characters.", n=MAX_LENGTH))
    with atomic():
        message = Message.create(client=client, sender=therapist, body=body)
    with force_locale(client.language or "en"):
        title = _("A message from %(name)s", name=therapist.name)
    payload = {"title": title, "body": body, "url": "/today", "tag": f"message-{message.id}",
               "kind": "message"}
    results = deliver_to_user(sender, client, payload, ttl=MESSAGE_TTL, topic=None)
    return message, results


def _unread_query(client: User):
    return (Message.select(Message, User).join(User, on=(Message.sender == User.id))
            .where(Message.client == client, Message.read_at.is_null())
            .order_by(Message.created_at.desc()).limit(5))


# Asked on every Today page: compiled once (app/compiled.py).
_unread = Compiled(_unread_query, lambda client: [client.id, 5])


def unread(client: User) -> list[Message]:
    """Messages the client has not put away yet, newest first."""
    return _unread(client)


def recent(client: User, limit: int = 10) -> list[Message]:
    """The latest messages to the client (for the therapist), newest first."""
    return list(Message.select().where(Message.client == client)
                .order_by(Message.created_at.desc()).limit(limit))


def mark_read(client: User, message_id) -> bool:
    """Put one of the client's messages away; False when it is not theirs."""
    try:
        message_id = int(message_id)
    except (TypeError, ValueError):
        return False
    with atomic():
        count = Message.update(read_at=utcnow()).where(
            Message.id == message_id, Message.client == client,
            Message.read_at.is_null()).execute()
    return count > 0 or Message.select().where(Message.id == message_id,
                                               Message.client == client).exists()
