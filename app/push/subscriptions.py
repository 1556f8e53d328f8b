"""Push subscriptions: one per browser or phone, several per person."""

from __future__ import annotations

from collections import Counter

from cryptography.hazmat.primitives.asymmetric import ec
from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from ..db import atomic
from ..models import PushSubscription, User, utcnow
from ..webpush_send import EndpointRefused, PushSender, SendResult, check_endpoint
from .vapid import b64url_decode


class SubscriptionError(ValueError):
    """A subscription we can't store; the message says why."""


def _key(value, name: str, length: int | None = None) -> str:
    if not isinstance(value, str) or not 8 <= len(value) <= 200:
        raise SubscriptionError(_l("keys.%(name)s is missing or not valid.", name=name))
    try:
        raw = b64url_decode(value.strip())
    except ValueError:
        raise SubscriptionError(_l("keys.%(name)s is not base64url.", name=name)) from None
    if length is not None and len(raw) != length:
        raise SubscriptionError(_l("keys.%(name)s has the wrong length.", name=name))
    return value.strip()


def parse(data, hosts: tuple[str, ...]) -> tuple[str, str, str]:
    """(endpoint, p256dh, auth) from a PushSubscription.toJSON() body, checked."""
    if not isinstance(data, dict):
        raise SubscriptionError(_l("Send the subscription as a JSON object."))
    keys = data.get("keys")
    if not isinstance(keys, dict):
        raise SubscriptionError(_l("The subscription has no keys."))
    try:
        endpoint = check_endpoint(data.get("endpoint"), hosts)
    except EndpointRefused as error:
        raise SubscriptionError(_l("Homeward can't send reminders through this push "
                                   "service: %(reason)s", reason=str(error))) from None
    p256dh = _key(keys.get("p256dh"), "p256dh", 65)
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(p256dh))
    except ValueError:
        raise SubscriptionError(_l("keys.p256dh is not a P-256 public key.")) from None
    auth = _key(keys.get("auth"), "auth", 16)
    return endpoint, p256dh, auth


def subscribe(user: User, data, hosts: tuple[str, ...], user_agent: str = "") -> PushSubscription:
    """Store (or refresh) this browser's subscription for the user."""
    endpoint, p256dh, auth = parse(data, hosts)
    fields = {"user": user, "p256dh": p256dh, "auth": auth, "user_agent": user_agent[:255],
              "failures": 0}
    for _attempt in range(2):
        try:
            with atomic():
                existing = PushSubscription.get_or_none(PushSubscription.endpoint == endpoint)
                if existing is None:
                    return PushSubscription.create(endpoint=endpoint, **fields)
                # The same browser signed in as someone else now: it is theirs.
                PushSubscription.update(**fields).where(
                    PushSubscription.id == existing.id).execute()
                return PushSubscription.get_by_id(existing.id)
        except IntegrityError:
            continue  # another request stored the same endpoint first: update it
    raise SubscriptionError(_l("Please try again."))


def unsubscribe(user: User, endpoint) -> bool:
    """Forget one of the user's subscriptions; True when there was one."""
    if not isinstance(endpoint, str) or not endpoint:
        raise SubscriptionError(_l("Send the endpoint to remove."))
    with atomic():
        count = PushSubscription.delete().where(
            PushSubscription.user == user, PushSubscription.endpoint == endpoint).execute()
    return count > 0


def deliver(sender: PushSender, subscription: PushSubscription, payload: dict, *, ttl: int,
            topic: str | None = None, urgency: str = "normal") -> SendResult:
    """Send to one subscription and keep its record up to date (deleted when gone)."""
    result = sender.send(subscription.endpoint, subscription.p256dh, subscription.auth, payload,
                         ttl=ttl, urgency=urgency, topic=topic)
    with atomic():
        note_results([(subscription, result)])
    return result


def note_results(sends) -> None:
    """Keep subscriptions' records after sends, inside the caller's transaction.

    sends: (subscription, SendResult) pairs. A subscription its push service says is
    gone is deleted; one that took a message has its last success noted and its
    failures reset; otherwise each failed send adds one to its failures.
    """
    gone, succeeded, failures = set(), set(), Counter()
    for subscription, result in sends:
        if result.outcome == "gone":
            gone.add(subscription.id)
        elif result.ok:
            succeeded.add(subscription.id)
        else:
            failures[subscription.id] += 1
    failed_by_count: dict[int, list[int]] = {}
    for subscription_id, count in failures.items():
        if subscription_id not in gone and subscription_id not in succeeded:
            failed_by_count.setdefault(count, []).append(subscription_id)
    if gone:
        PushSubscription.delete().where(PushSubscription.id.in_(gone)).execute()
    if succeeded - gone:
        PushSubscription.update(last_success_at=utcnow(), failures=0).where(
            PushSubscription.id.in_(succeeded - gone)).execute()
    for count, ids in failed_by_count.items():
        PushSubscription.update(failures=PushSubscription.failures + count).where(
            PushSubscription.id.in_(ids)).execute()


def deliver_to_user(sender: PushSender, user: User, payload: dict, *, ttl: int,
                    topic: str | None = None) -> list[SendResult]:
    """Send to every device of the user; one result per device."""
    subscriptions = list(PushSubscription.select().where(PushSubscription.user == user))
    return [deliver(sender, s, payload, ttl=ttl, topic=topic) for s in subscriptions]
