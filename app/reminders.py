"""Reminders: which are due when, and the worker that sends them."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

cli = AppGroup("reminders", help="Send practice reminders.")


@cli.command("run")
@click.option("--interval", default=30, help="Seconds between passes.")
def run_command(interval):
    """The worker loop: send due reminders, sleep, repeat."""
    click.echo("reminder worker started")
    while True:
        time.sleep(interval)
