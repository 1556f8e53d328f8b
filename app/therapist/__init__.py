"""The therapist's workspace: caseload, client records, programmes, goals."""

from flask import Blueprint

from ..security import guard_role

bp = Blueprint("therapist", __name__)


@bp.before_request
def _only_therapists():
    return guard_role("therapist", "admin")


from . import routes  # noqa: E402,F401
