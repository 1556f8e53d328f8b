"""The client's own pages: today's practice, goals, history, equipment."""

from flask import Blueprint

from ..security import guard_role

bp = Blueprint("client", __name__)


@bp.before_request
def _only_clients():
    return guard_role("client")


from . import pages, routes, steps  # noqa: E402,F401
