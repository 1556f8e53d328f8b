"""Small helpers for WTForms."""

from __future__ import annotations

from wtforms import SelectChoice


def choices(pairs) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs or a {value: label} dict."""
    if isinstance(pairs, dict):
        pairs = pairs.items()
    return [SelectChoice(str(value), str(label)) for value, label in pairs]
