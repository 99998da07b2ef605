"""The training diary of one patient: written by the patient, read by their therapist."""
from flask import g
from flask_smorest import Blueprint

from server import permissions as perm
from server.api.helpers import today_for
from server.extensions import db
from server.schemas.training import DiaryInSchema, DiaryPatchSchema, DiaryQuerySchema, DiarySchema
from server.services.training import diary

blp = Blueprint("diary", __name__, description="Training diary")
DIARY = "/patients/<patient_ref:patient_id>/diary"


def _dump(entry):
    return diary.as_dict(entry, diary.item_names(db.session, [entry]))


@blp.route(DIARY, methods=["POST"])
@perm.authorize(perm.PATIENT_SELF)
@blp.arguments(DiaryInSchema())
@blp.response(201, DiarySchema)
@blp.alt_response(200, schema=DiarySchema, description="A replay: the entry stored before under this client_id")
@blp.alt_response(409, description="The client_id was used for a different entry")
def create_entry(body, patient_id):
    """Log a session. Send a UUID you made as client_id; sending it again returns the same entry."""
    body["client_id"] = str(body["client_id"])
    entry, created = diary.create(db_session=db.session, patient=g.patient, body=body, today=today_for(g.patient))
    return _dump(entry), 201 if created else 200


@blp.route(DIARY, methods=["GET"])
@perm.authorize(perm.PATIENT_CLINICAL)
@blp.arguments(DiaryQuerySchema(), location="query")
@blp.response(200, DiarySchema(many=True))
def list_entries(args, patient_id):
    """Entries, newest first; `from` and `to` limit the dates."""
    found = diary.entries(db.session, g.patient.id, **args)
    names = diary.item_names(db.session, found)
    return [diary.as_dict(e, names) for e in found]


@blp.route(f"{DIARY}/<int:entry_id>", methods=["PATCH"])
@perm.authorize(perm.PATIENT_SELF)
@blp.arguments(DiaryPatchSchema())
@blp.response(200, DiarySchema)
def update_entry(body, patient_id, entry_id):
    """Correct an entry, within 7 days of logging it."""
    entry = diary.get(db.session, g.patient, entry_id)
    return _dump(diary.update(db_session=db.session, patient=g.patient, entry=entry, changes=body,
                              today=today_for(g.patient)))


@blp.route(f"{DIARY}/<int:entry_id>", methods=["DELETE"])
@perm.authorize(perm.PATIENT_SELF)
@blp.response(204)
def delete_entry(patient_id, entry_id):
    """Delete an entry, within 7 days of logging it."""
    diary.delete(db_session=db.session, entry=diary.get(db.session, g.patient, entry_id))
