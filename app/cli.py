"""Command-line tools: demo data, creating therapists, the reminder worker."""

from __future__ import annotations

import click
from flask import current_app

from .db import atomic
from .models import User
from .passwords import hash_password, password_problem


def init_app(app):
    """Register the commands on the app's CLI."""

    @app.cli.command("demo")
    @click.option("--reset", is_flag=True, help="Delete everything first, then load the demo.")
    @click.option("--if-empty", is_flag=True, help="Load only into an empty database, quietly.")
    def demo_command(reset, if_empty):
        """Load the demo practices and the exercise library (demo use only)."""
        from .demo import DemoRefused, is_empty, load_demo

        if if_empty and not is_empty():
            click.echo("database has data: demo not loaded")
            return
        try:
            summary = load_demo(reset=reset)
        except DemoRefused as error:
            raise click.ClickException(str(error)) from None
        click.echo(summary)

    @app.cli.command("create-user")
    @click.option("--role", type=click.Choice(["therapist", "admin"]), default="therapist")
    @click.option("--email", required=True)
    @click.option("--name", default="")
    @click.password_option(help="Asked for when not given.")
    def create_user_command(role, email, name, password):
        """Create a therapist (or admin) account."""
        problem = password_problem(password)
        if problem:
            raise click.ClickException(problem)
        email = email.strip().lower()
        if User.get_or_none(User.email == email):
            raise click.ClickException(f"An account for {email} already exists.")
        with atomic():
            user = User.create(email=email, role=role, name=name or email.split("@")[0],
                               password_hash=hash_password(password))
        click.echo(f"Created {role} {user.email} (id {user.id}).")
        click.echo(
            "Second step required: at the first sign-in (/login) Homeward asks this person to "
            "set up an authenticator app (it shows a QR code and 10 one-time recovery codes) "
            "or a passkey before any client record opens. See docs/signin.md."
        )
        current_app.logger.info("created %s %s", role, email)

    @app.cli.command("load-library")
    def load_library_command():
        """Create or update the shared exercise library and caregiver guides."""
        from .demo import load_library

        exercises, guides = load_library()
        click.echo(f"library: {exercises} exercises, {guides} guides")

    from .reminders import cli as reminders_cli

    app.cli.add_command(reminders_cli)
