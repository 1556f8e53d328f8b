"""The therapist's workspace: caseload, client records, programmes, goals."""

from flask import Blueprint

from ..security import guard_role

bp = Blueprint("therapist", __name__)


@bp.before_request
def _only_therapists():
    return guard_role("therapist", "admin")


from . import assessment, caseload, exports, goals, library, programme, record  # noqa: E402,F401
from .files import bp as files_bp  # noqa: E402,F401
