"""Sending one web push message: encrypted by `webpush`, signed with VAPID, posted by us.

The `webpush` package does the RFC 8291 (aes128gcm) encryption. The VAPID token
(RFC 8292) is signed here with the same key, because the package leaves the port
out of the audience and always prefixes the subject with "mailto:". The HTTP
request is ours too, so that we control which hosts are ever contacted (never a
redirect, never a host off the trusted list) and read the push service's answer.
"""

from __future__ import annotations

import ipaddress
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

import jwt
from webpush import WebPush
from webpush.types import WebPushSubscription

# The push services of the browsers people use: Chrome/Edge/Android (FCM), Firefox,
# Safari on iPhone, iPad and Mac, and Windows (WNS). PUSH_ALLOWED_HOSTS replaces it.
DEFAULT_PUSH_HOSTS = (
    "fcm.googleapis.com",
    "android.googleapis.com",
    "updates.push.services.mozilla.com",
    "web.push.apple.com",
    "*.push.apple.com",
    "*.notify.windows.com",
)
MAX_PAYLOAD = 3000  # bytes of JSON; encrypted it stays well under the 4 KB services accept
TOKEN_LIFETIME = 12 * 3600  # seconds; push services refuse tokens valid for over 24 h
TOKEN_REUSE = 3600  # seconds a signed token is used again for the same push service
TIMEOUT = 10  # seconds to wait for a push service


class EndpointRefused(ValueError):
    """An endpoint this server will not contact; the message says why."""


@dataclass
class SendResult:
    """What the push service said: sent, gone (delete the subscription), retry or failed."""

    outcome: str
    status: int | None = None
    retry_after: int | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome == "sent"


def allowed_hosts(setting: str | None) -> tuple[str, ...]:
    """The trusted push hosts: PUSH_ALLOWED_HOSTS (comma-separated) or the browsers' own."""
    hosts = tuple(h.strip().lower() for h in (setting or "").split(",") if h.strip())
    return hosts or DEFAULT_PUSH_HOSTS


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (the only hosts allowed plain http)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_matches(host: str, pattern: str) -> bool:
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and len(host) > len(pattern) - 1
    return host == pattern


def check_endpoint(endpoint: str, hosts: tuple[str, ...]) -> str:
    """The endpoint when this server may post to it. :raise EndpointRefused: otherwise."""
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > 2000:
        raise EndpointRefused("The subscription has no valid endpoint.")
    try:
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except ValueError:
        raise EndpointRefused("The subscription endpoint is not a valid URL.") from None
    if parts.username or parts.password or not host:
        raise EndpointRefused("The subscription endpoint is not a valid URL.")
    if parts.scheme != "https" and not (parts.scheme == "http" and is_loopback(host)):
        raise EndpointRefused("Push endpoints must use https.")
    if not any(_host_matches(host, pattern) for pattern in hosts):
        raise EndpointRefused(f"{host} is not a push service this server trusts.")
    return endpoint


def origin(endpoint: str) -> str:
    """scheme://host[:port] of an endpoint: the audience of its VAPID token."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A push service that redirects gets no second request (it could point anywhere)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(NoRedirects())


class PushSender:
    """Encrypts, signs and posts messages with one VAPID key pair."""

    def __init__(self, keys, subject: str, hosts: tuple[str, ...]):
        self.keys = keys
        self.subject = subject
        self.hosts = hosts
        self._webpush = WebPush(private_key=keys.private_pem, public_key=keys.public_pem,
                                subscriber=subject)
        self._headers: dict[str, tuple[float, str]] = {}  # origin -> (signed at, header)

    def vapid_header(self, endpoint: str) -> str:
        """`vapid t=<ES256 JWT for the endpoint's origin>, k=<our public key>`.

        A token is valid for TOKEN_LIFETIME, so one signed for a push service is used
        again for TOKEN_REUSE: a pass of thousands of reminders signs once per service.
        """
        audience = origin(endpoint)
        now = time.time()
        signed = self._headers.get(audience)
        if signed and 0 <= now - signed[0] < TOKEN_REUSE:
            return signed[1]
        claims = {"aud": audience, "exp": int(now) + TOKEN_LIFETIME, "sub": self.subject}
        token = jwt.encode(claims, self.keys.private_pem, algorithm="ES256")
        header = f"vapid t={token}, k={self.keys.application_server_key}"
        self._headers[audience] = (now, header)  # threads may race here: both are valid
        return header

    def encrypt(self, body: bytes, endpoint: str, p256dh: str, auth: str) -> bytes:
        """The RFC 8291 aes128gcm body for one subscription, by the `webpush` package.

        Its encryption step is called directly: its public `get` also signs a VAPID
        token of its own on every call, which we do not use (see vapid_header).
        """
        subscription = WebPushSubscription(endpoint=endpoint,
                                           keys={"p256dh": p256dh, "auth": auth})
        return self._webpush._encrypt(body, subscription)

    def send(self, endpoint: str, p256dh: str, auth: str, payload: dict, *, ttl: int,
             urgency: str = "normal", topic: str | None = None) -> SendResult:
        """Post one message to one subscription and classify the push service's answer."""
        try:
            check_endpoint(endpoint, self.hosts)
        except EndpointRefused as error:
            return SendResult("failed", error=str(error))
        body = encode_payload(payload)
        try:
            encrypted = self.encrypt(body, endpoint, p256dh, auth)
        except Exception as error:  # bad keys stored for the subscription
            return SendResult("failed", error=f"could not encrypt: {error}"[:300])
        headers = {
            "Content-Type": "application/octet-stream",
            "Content-Encoding": "aes128gcm",
            "TTL": str(int(ttl)),
            "Urgency": urgency,
            "Authorization": self.vapid_header(endpoint),
        }
        if topic:
            headers["Topic"] = topic
        request = urllib.request.Request(endpoint, data=encrypted, headers=headers,
                                         method="POST")
        try:
            with _opener.open(request, timeout=TIMEOUT) as response:  # noqa: S310 (checked)
                return SendResult("sent", status=response.status)
        except urllib.error.HTTPError as error:
            return classify(error.code, error.headers.get("Retry-After"), _reason(error))
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            return SendResult("retry", error=f"push service unreachable: {error}"[:300])


def _reason(error: urllib.error.HTTPError) -> str:
    try:
        text = error.read(300).decode("utf-8", "replace")
    except Exception:  # the body is only a hint for the log
        text = ""
    return f"{error.code} {error.reason} {text}".strip()[:300]


def classify(status: int, retry_after: str | None = None, reason: str = "") -> SendResult:
    """404/410: the subscription is gone; 429/5xx: try again later; others: failed."""
    if status in (404, 410):
        return SendResult("gone", status=status, error=reason)
    if status == 429 or status >= 500:
        seconds = None
        if retry_after and retry_after.strip().isdigit():
            seconds = min(int(retry_after.strip()), 3600)
        return SendResult("retry", status=status, retry_after=seconds, error=reason)
    if 300 <= status < 400:
        return SendResult("failed", status=status, error=f"redirect refused: {reason}")
    return SendResult("failed", status=status, error=reason)


def encode_payload(payload: dict) -> bytes:
    """Compact JSON; a body too long for a push message is shortened, never dropped."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    if len(data) > MAX_PAYLOAD and isinstance(payload.get("body"), str):
        over = len(data) - MAX_PAYLOAD
        body = payload["body"].encode()[: max(0, len(payload["body"].encode()) - over - 3)]
        payload = {**payload, "body": body.decode("utf-8", "ignore") + "…"}
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    if len(data) > MAX_PAYLOAD:
        raise ValueError("push payload too large")
    return data
