"""Record ids from URLs and forms."""

from __future__ import annotations

MAX_ID = 2**63  # a bigger number cannot be a row id, and SQLite cannot even bind it


def record_id(value) -> int | None:
    """The id a URL or form value names, or None when it cannot be one."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < MAX_ID else None
