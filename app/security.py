"""Who is signed in, what each role may open, and the headers every response carries."""

from __future__ import annotations

from functools import wraps

from flask import abort, request
from flask_login import current_user

from .extensions import login_manager
from .models import User

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
    user = User.get_or_none(User.id == user_id)
    if user is None or not user.is_active or user.session_version != version:
        return None
    return user


def role_required(*roles):
    """Decorator: signed in with one of these roles, else 401/403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            guard_role(*roles)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def guard_role(*roles):
    """Abort unless the current user is signed in with one of the roles (blueprint guard)."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role not in roles:
        from .audit import record

        record("denied", target=request.path, outcome="denied")
        abort(403)
    return None


def init_app(app):
    """Add the security headers to every response."""

    @app.after_request
    def _headers(response):
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault(
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        )
        if app.config.get("PRODUCTION"):
            h.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        if current_user.is_authenticated and not request.path.startswith("/static/"):
            h["Cache-Control"] = "no-store"
            h.add("Vary", "Cookie")
        return response
