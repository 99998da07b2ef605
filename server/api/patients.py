from datetime import timedelta

import io
from urllib.parse import quote

import segno
from flask import current_app, g, request
from flask_login import current_user
from flask_smorest import Blueprint

from server import permissions as perm
from server.api.helpers import today_for
from server.extensions import db
from server.schemas.patients import (
    InviteSchema, PatientCreatedSchema, PatientListSchema, PatientCreateSchema, PatientSchema, PatientUpdateSchema, TransferSchema,
)
from server.services.accounts import patients

blp = Blueprint("patients", __name__, description="Patients and their invitations")


def _ttl() -> timedelta:
    return timedelta(hours=current_app.config["INVITE_TTL_HOURS"])


def _with_link(invite: dict) -> dict:
    """Add the link that opens the app with the code filled in, and its QR code (SVG). The code rides
    in the URL's fragment (after #), which browsers never send, so it reaches no server's logs."""
    root = current_app.config.get("PUBLIC_URL") or request.url_root.rstrip("/")
    url = f"{root}/#/invite?code={quote(invite['invite_code'].replace('-', ''))}"
    buffer = io.BytesIO()  # a standalone SVG document (with its namespace), so it also works as an <img>
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, dark="#10262b", light="#ffffff",
                                    xmldecl=False, nl=False, title="BetterBack")
    return {**invite, "invite_url": url, "invite_qr_svg": buffer.getvalue().decode()}


@blp.route("/patients", methods=["POST"])
@perm.authorize(perm.THERAPIST)
@blp.arguments(PatientCreateSchema())
@blp.response(201, PatientCreatedSchema)
def create_patient(body):
    """Create a patient of yours; the reply holds the one-time invitation code."""
    return _with_link(patients.create_patient(db_session=db.session, therapist=current_user, invite_ttl=_ttl(),
                                              audit=_log_created, **body))


def _log_created(patient) -> None:
    """The new record's first row, in the transaction that creates it: both are kept, or neither."""
    perm.log_access(current_user, [(patient.id, patient.clinic_id, True)], kind="create", commit=False)


@blp.route("/patients", methods=["GET"])
@perm.authorize(perm.CARE_STAFF)
@blp.response(200, PatientListSchema(many=True))
def list_patients():
    """A therapist's own patients with their flags; for an admin, every patient of the clinic (no flags)."""
    found = patients.list_patients(db_session=db.session, viewer=current_user, today=today_for(current_user))
    # Each row is read from the patient's record (the admin's: name, contact, therapist): one row each.
    mine = current_user.role == "therapist"
    perm.log_access(current_user, [(p["id"], current_user.clinic_id, mine) for p in found], kind="patient-list")
    return found


@blp.route("/patients/<patient_ref:patient_id>", methods=["GET"])
@perm.authorize(perm.PATIENT_RECORD)
@blp.response(200, PatientSchema)
def get_patient(patient_id):
    """One patient's basic record (`me` for the signed-in patient)."""
    return patients.as_dict(g.patient)


@blp.route("/patients/<patient_ref:patient_id>", methods=["PATCH"])
@perm.authorize(perm.PATIENT_EDIT)
@blp.arguments(PatientUpdateSchema())
@blp.response(200, PatientSchema)
def update_patient(body, patient_id):
    """Change name (therapist), language or time zone."""
    return patients.update_patient(db_session=db.session, patient=g.patient, actor=current_user, changes=body)


@blp.route("/patients/<patient_ref:patient_id>/invite", methods=["POST"])
@perm.authorize(perm.PATIENT_CARE)
@blp.response(201, InviteSchema)
def reissue_invite(patient_id):
    """A new invitation code; older codes stop working. For a patient who has a password already (forgotten,
    or a lost phone) it also signs out all their devices: the code sets a new password."""
    return _with_link(patients.reissue_invite(db_session=db.session, patient=g.patient, actor=current_user,
                                              invite_ttl=_ttl()))


@blp.route("/patients/<patient_ref:patient_id>/transfer", methods=["POST"])
@perm.authorize(perm.PATIENT_TRANSFER)
@blp.arguments(TransferSchema())
@blp.response(200, PatientSchema)
def transfer_patient(body, patient_id):
    """Hand a patient over to another therapist of the clinic."""
    return patients.transfer(db_session=db.session, patient=g.patient, therapist_id=body["therapist_id"])
