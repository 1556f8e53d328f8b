"""Picture uploads: images only (judged by their bytes, not their name), size-limited,
stored under random names outside static/ and served with a fixed content type.
"""

from __future__ import annotations

import os
import re
import secrets

from flask_babel import lazy_gettext as _l

# Content types by the file's first bytes (its "magic number").
SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
]
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif",
                 "webp": "image/webp"}
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}\.(png|jpg|gif|webp)$")
URL_PREFIX = "/uploads/"


class UploadError(ValueError):
    """A file that is not accepted; the message is shown on the form."""


def image_kind(head: bytes) -> str | None:
    """'png', 'jpg', 'gif' or 'webp' from the first bytes of a file; None for anything else."""
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def save_image(stream, folder: str, max_bytes: int) -> str:
    """Check and store an uploaded picture; returns the URL path it is served at.

    :raise UploadError: empty, too large, or not a PNG, JPEG, GIF or WebP image.
    """
    data = stream.read(max_bytes + 1)
    if not data:
        raise UploadError(_l("Please choose a picture to upload."))
    if len(data) > max_bytes:
        raise UploadError(_l("That picture is too large. The limit is %(mb)s MB.",
                             mb=_megabytes(max_bytes)))
    kind = image_kind(data[:16])
    if kind is None:
        raise UploadError(_l("That file is not a picture. Please use a PNG, JPEG, GIF or "
                             "WebP image."))
    os.makedirs(folder, exist_ok=True)
    name = f"{secrets.token_urlsafe(24)}.{kind}"
    fd = os.open(os.path.join(folder, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return URL_PREFIX + name


def stored_path(folder: str, name: str) -> tuple[str, str] | None:
    """(file path, content type) of a stored upload, or None for names we never made."""
    match = NAME_PATTERN.match(name or "")
    if not match:
        return None
    path = os.path.join(folder, name)
    if not os.path.isfile(path):
        return None
    return path, CONTENT_TYPES[match.group(1)]


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return str(int(value)) if value.is_integer() else f"{value:.1f}"
