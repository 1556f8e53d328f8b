"""The caregiver's pages: linked clients, practice on their behalf, training guides."""

from flask import Blueprint

from ..security import guard_role

bp = Blueprint("caregiver", __name__)


@bp.before_request
def _only_caregivers():
    return guard_role("caregiver")


from . import guide_routes, routes  # noqa: E402,F401
