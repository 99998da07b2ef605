from flask import g
from flask_login import current_user
from flask_smorest import Blueprint

from server import permissions as perm
from server.extensions import db
from server.schemas.accounts import (
    StaffCreatedSchema, StaffCreateSchema, StaffRefSchema, StaffSchema, StaffUpdateSchema,
)
from server.services.accounts import accounts

blp = Blueprint("staff", __name__, description="Clinic staff, managed by the clinic admin")


@blp.route("/staff", methods=["GET"])
@perm.authorize(perm.CLINIC_ADMIN)
@blp.response(200, StaffSchema(many=True))
def list_staff():
    """Everyone on the clinic's staff."""
    return accounts.list_staff(db_session=db.session, clinic_id=current_user.clinic_id)


@blp.route("/staff/supervisors", methods=["GET"])
@perm.authorize(perm.CARE_STAFF)
@blp.response(200, StaffRefSchema(many=True))
def list_supervisors():
    """Who can supervise a training group: the clinic's active supervisors and therapists."""
    return accounts.possible_supervisors(db_session=db.session, clinic_id=current_user.clinic_id)


@blp.route("/staff", methods=["POST"])
@perm.authorize(perm.CLINIC_ADMIN)
@blp.arguments(StaffCreateSchema())
@blp.response(201, StaffCreatedSchema)
def create_staff(body):
    """Add a therapist, supervisor or admin; the reply holds a one-time password to hand over."""
    user, password = accounts.create_staff(db_session=db.session, clinic=current_user.clinic, **body)
    return {**accounts.staff_dict(user), "one_time_password": password}


@blp.route("/staff/<int:staff_id>", methods=["PATCH"])
@perm.authorize(perm.STAFF_MEMBER)
@blp.arguments(StaffUpdateSchema())
@blp.response(200, StaffSchema)
def update_staff(body, staff_id):
    """Rename, change role, or deactivate (which signs them out everywhere)."""
    return accounts.update_staff(db_session=db.session, actor=current_user, member=g.staff, changes=body)
