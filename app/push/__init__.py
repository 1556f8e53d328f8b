"""Progressive web app files, web push subscriptions, reminder settings and messages."""

import click
from flask import Blueprint

from ..templating import add_settings_section

bp = Blueprint("push", __name__, cli_group="push")
add_settings_section(bp, "push/_settings_reminders.html", {"client"})


@bp.cli.command("ensure-keys")
def ensure_keys_command():
    """Create the VAPID key pair in instance/ when absent; print the public key."""
    from .vapid import ensure_keys

    click.echo(f"VAPID public key: {ensure_keys().application_server_key}")


from . import routes  # noqa: E402,F401
