"""Who is signed in, what each role may open, and the headers every response carries."""

from __future__ import annotations

from functools import wraps

from flask import abort, g, redirect, request, session, url_for
from flask_login import current_user
from peewee import InterfaceError, OperationalError

from . import here
from .compiled import Compiled
from .extensions import login_manager
from .models import User

# Every signed-in request loads its user: compiled once (app/compiled.py).
_user_by_id = Compiled(lambda user_id: User.select().where(User.id == user_id),
                       lambda user_id: [user_id])

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


@login_manager.user_loader
def load_user(session_id: str):
    """Load the user of a session, refusing sessions the server has since ended."""
    try:
        user_id, version = (int(part) for part in session_id.split(":"))
    except ValueError:
        return None
    try:
        user = _user_by_id.one(user_id)
    except (OperationalError, InterfaceError) as error:
        # The database is down: this request is anonymous, and app.sessions raises the
        # error again so the visitor gets the kind 503 page (which can then render).
        g.database_error = error
        return None
    if user is None or not user.is_active or user.session_version != version:
        return None
    return user


def role_required(*roles):
    """Decorator: signed in with one of these roles, else 401/403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            refused = guard_role(*roles)
            if refused is not None:
                return refused
            return view(*args, **kwargs)

        return wrapped

    return decorator


def guard_role(*roles):
    """Abort unless the current user is signed in with one of the roles (blueprint guard)."""
    user = here.user()
    if not user.is_authenticated:
        return login_manager.unauthorized()
    if user.role not in roles:
        from .audit import record

        record("denied", target=request.path, outcome="denied")
        abort(403)
    return second_factor_redirect()


# The second factor: therapists and admins see many clients' records, so a password
# alone opens only the pages that finish signing in. The session remembers who passed
# (id and session version), so a new sign-in or an ended session asks again.
SECOND_FACTOR_KEY = "second_factor_for"
SECOND_FACTOR_ROLES = ("therapist", "admin")
# What a therapist who has only given their password may open.
BEFORE_SECOND_FACTOR = {
    "static", "auth.login", "auth.login_post", "auth.logout", "auth.second_factor",
    "auth.second_factor_post", "auth.enrol", "auth.totp_enrol", "auth.totp_enrol_post",
    "auth.passkey_signin_options", "auth.passkey_signin", "auth.passkey_register_options",
    "auth.passkey_register", "pages.healthz", "push.offline",
}


def second_factor_passed() -> bool:
    """True when the signed-in person needs no second factor or gave it in this session."""
    user = here.user()
    if not user.is_authenticated or user.role not in SECOND_FACTOR_ROLES:
        return True
    return here.session().get(SECOND_FACTOR_KEY) == user.get_id()


def mark_second_factor_passed(user) -> None:
    """Remember in this session that the user gave their second factor."""
    session[SECOND_FACTOR_KEY] = user.get_id()


def second_factor_redirect():
    """Send a therapist who has not given a second factor to give one (or set one up)."""
    if second_factor_passed():
        return None
    from .auth.totp import is_enrolled

    target = "auth.second_factor" if is_enrolled(current_user) else "auth.enrol"
    next_path = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for(target, next=next_path))


# Flask-WTF signs the session's CSRF token afresh for every request that shows a form
# (a tenth of a cached page's time). With WTF_CSRF_TIME_LIMIT None the timestamp inside
# is never checked, so the token it signed for this session before is just as good: it is
# kept per process and handed back through g, where Flask-WTF looks first. Checking a
# token sent back is still Flask-WTF's own.
_SIGNED_LIMIT = 20_000
_signed_csrf: dict[tuple, str] = {}


def _reuse_signed_csrf(app):
    field = app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")

    @app.before_request
    def _signed_before():
        raw, request_g = here.session().get(field), here.g()
        if raw is not None and field not in request_g:
            signed = _signed_csrf.get((app.secret_key, raw))
            if signed is not None:
                setattr(request_g, field, signed)

    @app.after_request
    def _signed_after(response):
        signed, raw = here.g().get(field), here.session().get(field)
        if signed is not None and raw is not None:
            if len(_signed_csrf) >= _SIGNED_LIMIT:
                _signed_csrf.clear()
            _signed_csrf[(app.secret_key, raw)] = signed
        return response


def init_app(app):
    """Ask therapists for their second factor first; add the security headers."""
    from . import audit, sessions, throttle

    sessions.init_app(app)  # first: an expired session is ended before anything else
    throttle.init_app(app)
    audit.init_app(app)
    if app.config.get("WTF_CSRF_TIME_LIMIT", 3600) is None:
        _reuse_signed_csrf(app)

    @app.before_request
    def _second_factor_gate():
        endpoint = here.request().endpoint
        if endpoint is None or endpoint in BEFORE_SECOND_FACTOR:
            return None
        return second_factor_redirect()

    @app.before_request
    def _json_must_be_an_object():
        # Every JSON endpoint takes an object; anything else (a list, a bare number)
        # would reach form parsing (Flask-WTF reads JSON bodies as form data) and fail.
        asked = here.request()
        if asked.method in ("POST", "PUT", "PATCH", "DELETE") and asked.is_json:
            if not isinstance(asked.get_json(silent=True), dict):
                abort(400)
        return None

    @app.after_request
    def _log_unguarded_denials(response):
        # A safety net for the audit log: a signed-in person refused a record by id is
        # logged even when the view answered 403/404 without going through a guard.
        if (response.status_code in (403, 404) and request.view_args
                and request.endpoint != "static" and current_user.is_authenticated
                and not g.get("denial_logged")):
            from .audit import record

            record("refused", target=request.path, outcome="denied")
        return response

    fixed = [
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy",
         "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
    ]
    if app.config.get("PRODUCTION"):
        fixed.append(("Strict-Transport-Security", "max-age=63072000; includeSubDomains"))
    fixed = [(name.lower(), name, value) for name, value in fixed]

    @app.after_request
    def _headers(response):
        h = response.headers
        # A view's own value wins; one pass over the headers instead of one per name.
        present = {name.lower() for name in h.keys()}
        for lower, name, value in fixed:
            if lower not in present:
                h.add(name, value)
        if here.user().is_authenticated and not here.request().path.startswith("/static/"):
            h["Cache-Control"] = "no-store"
            h.add("Vary", "Cookie")
        return response
