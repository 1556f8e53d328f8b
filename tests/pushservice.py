"""A local push service for the tests: a real HTTP server on 127.0.0.1.

It does what FCM or Mozilla's autopush do with a message, with real cryptography:
checks the VAPID token (RFC 8292: ES256 signature against the key in the
Authorization header, audience = the endpoint's origin, expiry at most 24 h ahead,
a mailto: or https: subject), then decrypts the RFC 8291 aes128gcm body with the
private key of the "browser" that subscribed. It answers 201, or whatever status a
test asks for (410 for an expired subscription, 429 or 500 for a busy service).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _hkdf(salt: bytes, ikm: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


@dataclass
class Browser:
    """One subscribed browser: its P-256 key pair and auth secret, as a real one makes them."""

    token: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def public_raw(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)

    def subscription(self) -> dict:
        """What PushSubscription.toJSON() gives in the browser."""
        return {"endpoint": self.endpoint, "expirationTime": None,
                "keys": {"p256dh": b64url(self.public_raw), "auth": b64url(self.auth)}}

    def decrypt(self, body: bytes) -> bytes:
        """RFC 8291 / RFC 8188 aes128gcm, one record."""
        salt, rs, idlen = body[:16], struct.unpack("!L", body[16:20])[0], body[20]
        server_public = body[21:21 + idlen]
        ciphertext = body[21 + idlen:]
        if idlen != 65 or rs < 18 or len(ciphertext) > rs:
            raise ValueError("bad aes128gcm header")
        shared = self.private_key.exchange(
            ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), server_public))
        ikm = _hkdf(self.auth, shared, b"WebPush: info\x00" + self.public_raw + server_public, 32)
        cek = _hkdf(salt, ikm, b"Content-Encoding: aes128gcm\x00", 16)
        nonce = _hkdf(salt, ikm, b"Content-Encoding: nonce\x00", 12)
        plain = AESGCM(cek).decrypt(nonce, ciphertext, None)
        plain = plain.rstrip(b"\x00")
        if not plain.endswith(b"\x02"):
            raise ValueError("last record must end with the 0x02 delimiter")
        return plain[:-1]


@dataclass
class Received:
    token: str
    payload: dict
    headers: dict  # lower-case names
    claims: dict
    size: int


class PushService:
    """Start with `with PushService() as service:`; `service.browser()` makes a subscriber."""

    def __init__(self):
        self.browsers: dict[str, Browser] = {}
        self.received: list[Received] = []
        self.errors: list[str] = []
        self.answers: dict[str, list[int]] = {}
        self.vapid_key: str | None = None  # when set, the only key accepted
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def browser(self) -> Browser:
        token = secrets.token_urlsafe(12)
        made = Browser(token=token, endpoint=f"{self.origin}/push/{token}")
        self.browsers[token] = made
        return made

    def answer(self, browser: Browser, *statuses: int):
        """The next messages to this browser get these statuses (then 201 again)."""
        self.answers.setdefault(browser.token, []).extend(statuses)

    def messages_for(self, browser: Browser) -> list[dict]:
        return [r.payload for r in self.received if r.token == browser.token]

    # -- checking one request --

    def check_vapid(self, headers) -> dict:
        authorization = headers.get("Authorization", "")
        if authorization.startswith("vapid "):
            params = dict(part.strip().split("=", 1) for part in authorization[6:].split(","))
            token, key = params.get("t", ""), params.get("k", "")
        elif authorization.startswith("WebPush "):
            token = authorization[8:].strip()
            crypto = dict(p.split("=", 1) for p in headers.get("Crypto-Key", "").split(";") if p)
            key = crypto.get("p256ecdsa", "")
        else:
            raise ValueError("no VAPID authorization")
        if self.vapid_key and key != self.vapid_key:
            raise ValueError("signed with an unexpected VAPID key")
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
        claims = jwt.decode(token, public, algorithms=["ES256"], audience=self.origin,
                            options={"require": ["exp", "aud", "sub"]})
        if claims["exp"] > time.time() + 24 * 3600:
            raise ValueError("token valid for more than 24 hours")
        if not str(claims["sub"]).startswith(("mailto:", "https:")):
            raise ValueError("subject must be mailto: or https:")
        return claims

    def handle(self, path: str, headers, body: bytes) -> int:
        token = path.rsplit("/", 1)[-1]
        browser = self.browsers.get(token)
        if browser is None:
            return 404
        try:
            claims = self.check_vapid(headers)
            if headers.get("Content-Encoding") != "aes128gcm":
                raise ValueError("Content-Encoding must be aes128gcm")
            ttl = headers.get("TTL")
            if ttl is None or not ttl.isdigit():
                raise ValueError("TTL header missing")
            if len(body) > 4096:
                raise ValueError("message over 4096 bytes")
            payload = json.loads(browser.decrypt(body))
        except Exception as error:  # report every failure to the test
            with self.lock:
                self.errors.append(f"{type(error).__name__}: {error}")
            return 400
        with self.lock:
            queued = self.answers.get(token)
            status = queued.pop(0) if queued else 201
            if status < 300:
                names = {k.lower(): v for k, v in headers.items()}
                self.received.append(Received(token, payload, names, claims, len(body)))
        return status

    def _handler(self):
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = service.handle(self.path, self.headers, body)
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", "120")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler
