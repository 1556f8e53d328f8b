"""Homeward: an occupational-therapy home-practice companion."""

from __future__ import annotations

import os
import types

from flask import Flask

from . import db as database
from .extensions import babel, csrf, htmx_ext, login_manager


class NoNulForms:
    """Mixed into the app's request class (htmx-flask's, itself Flask's): NUL characters
    taken out of form values. No one types one (a paste or a crafted request can send
    it); PostgreSQL refuses them in text, and kept cards and pages use them to mark where
    per-request parts go, so a note holding one could have had a marker filled inside."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__.get("form")
        if form and any("\x00" in value for _key, value in form.items(multi=True)):
            self.__dict__["form"] = self.parameter_storage_class(
                (key, value.replace("\x00", "")) for key, value in form.items(multi=True))


class Homeward(Flask):
    """Flask, asking "is this a coroutine?" once per function instead of on every call.

    Flask passes every hook and view through ensure_sync on every request (about 15
    per page here), and each check inspects the function's code flags. The answer for
    a plain function never changes, so it is kept.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sync: dict = {}

    def ensure_sync(self, func):
        sync = self._sync.get(func)
        if sync is None:
            sync = super().ensure_sync(func)
            if type(func) is types.FunctionType:  # not bound methods: new every time
                self._sync[func] = sync
        return sync


def create_app(config: dict | None = None) -> Homeward:
    """Build the app: settings from the environment, then the given overrides."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    app = Homeward(
        __name__,
        instance_path=os.environ.get("HOMEWARD_INSTANCE", os.path.join(root, "instance")),
        template_folder=os.path.join(root, "templates"),
        static_folder=os.path.join(root, "static"),
    )
    from .config import from_environment

    app.config.update(from_environment(app.instance_path))
    if config:
        app.config.update(config)

    database.bind(app.config["DATABASE_URL"])
    database.init_app(app)
    csrf.init_app(app)
    htmx_ext.init_app(app)  # sets its own request class: NUL-free forms go on top of it
    app.request_class = type("HomewardRequest", (NoNulForms, app.request_class), {})
    login_manager.init_app(app)

    from .i18n import init_app as init_i18n

    init_i18n(app, babel)

    from . import (
        auth,
        caregiver,
        client,
        errors,
        links_bp,
        pages,
        push,
        security,
        templating,
        therapist,
    )

    templating.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(client.bp)
    app.register_blueprint(caregiver.bp)
    app.register_blueprint(links_bp.bp)
    app.register_blueprint(therapist.bp)
    app.register_blueprint(therapist.files_bp)
    app.register_blueprint(push.bp)
    from .rights import bp as rights_bp

    app.register_blueprint(rights_bp)

    from .cli import init_app as init_cli

    init_cli(app)
    return app
