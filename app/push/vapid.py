"""The server's VAPID key pair: from the environment, else made once and kept in instance/."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import current_app

KEY_FILE = "vapid_private_key.pem"


@dataclass(frozen=True)
class VapidKeys:
    private_pem: bytes
    public_pem: bytes
    application_server_key: str  # base64url of the raw P-256 public point (for the browser)


def b64url(data: bytes) -> str:
    """Unpadded base64url, as push APIs write keys."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    """Decode unpadded base64url."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_private_pem() -> str:
    """A fresh P-256 private key in PEM (PKCS#8)."""
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _private_key(text: str) -> ec.EllipticCurvePrivateKey:
    """A PEM key, or the raw 32-byte private number in base64url (what web-push tools print)."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
    else:
        key = ec.derive_private_key(int.from_bytes(b64url_decode(text), "big"), ec.SECP256R1())
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ValueError("VAPID_PRIVATE_KEY must be a P-256 (prime256v1) key")
    return key


def keys_from(text: str) -> VapidKeys:
    """The key pair (and the browser's applicationServerKey) for a private key."""
    key = _private_key(text)
    public = key.public_key()
    raw = public.public_bytes(serialization.Encoding.X962,
                              serialization.PublicFormat.UncompressedPoint)
    return VapidKeys(
        private_pem=key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()),
        public_pem=public.public_bytes(serialization.Encoding.PEM,
                                       serialization.PublicFormat.SubjectPublicKeyInfo),
        application_server_key=b64url(raw),
    )


def stored_private_key(instance_path: str) -> str:
    """instance/vapid_private_key.pem, made the first time; two processes agree on one key."""
    path = os.path.join(instance_path, KEY_FILE)
    try:
        with open(path) as fh:
            return fh.read()
    except FileNotFoundError:
        pass
    os.makedirs(instance_path, exist_ok=True)
    # Written whole to a private temp file, then linked into place: a reader never sees
    # half a key, and when two processes race the first link wins and both read it.
    temp = f"{path}.{os.getpid()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(new_private_pem())
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temp)
    with open(path) as fh:
        return fh.read()


def ensure_keys(app=None) -> VapidKeys:
    """The app's VAPID keys: VAPID_PRIVATE_KEY, else instance/vapid_private_key.pem (made once)."""
    app = app or current_app
    cached = app.extensions.get("homeward_vapid")
    if cached is not None and cached[0] == app.instance_path:
        return cached[1]
    text = app.config.get("VAPID_PRIVATE_KEY") or stored_private_key(app.instance_path)
    keys = keys_from(text)
    expected = app.config.get("VAPID_PUBLIC_KEY")
    if expected and expected.strip() != keys.application_server_key:
        raise ValueError("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY")
    app.extensions["homeward_vapid"] = (app.instance_path, keys)
    return keys


def sender(app=None):
    """A PushSender with the app's keys, subject and trusted hosts."""
    from ..webpush_send import PushSender, allowed_hosts

    app = app or current_app
    return PushSender(ensure_keys(app), app.config["VAPID_SUBJECT"],
                      allowed_hosts(app.config.get("PUSH_ALLOWED_HOSTS")))
