"""The physiotherapist's CRPE tool: the form, and the first and final assessment of a care episode."""
from flask import current_app, g
from flask_login import current_user
from flask_smorest import Blueprint

from server import permissions as perm
from server.api.helpers import locale, today_for
from server.extensions import db
from server.schemas.content import LocaleQuery
from server.schemas.crpe import CrpeFormSchema, CrpeInSchema, CrpeViewSchema
from server.services.episode import crpe

blp = Blueprint("crpe", __name__, description="The CRPE tool: ICF grading, ICD-10 subgrouping, KVÅ-coded treatment")
CRPE = "/patients/<patient_ref:patient_id>/episode/crpe"


def _form():
    return current_app.extensions["bb_crpe"]


@blp.route("/crpe/form", methods=["GET"])
@perm.authorize(perm.CARE_STAFF)
@blp.arguments(LocaleQuery, location="query")
@blp.response(200, CrpeFormSchema)
def get_form(args):
    """The items with their KVÅ codes, the categories with their ICD-10 codes, treatments and effects."""
    return _form().render(locale(args.get("locale")))


@blp.route(CRPE, methods=["GET"])
@perm.authorize(perm.PATIENT_CARE)
@blp.response(200, CrpeViewSchema)
def get_crpe(patient_id):
    """The first and final assessment of the newest care episode, with scores, change and visits."""
    return crpe.view(db.session, g.patient, _form())


@blp.route(f"{CRPE}/<any(first, final):which>", methods=["PUT"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(CrpeInSchema)
@blp.response(200, CrpeViewSchema)
@blp.alt_response(409, description="No care episode, or a final assessment before the first")
def put_crpe(body, patient_id, which):
    """Record the first or the final assessment (saving again replaces it)."""
    crpe.record(db_session=db.session, patient=g.patient, actor=current_user, which=which, body=body, form=_form(),
                today=today_for(g.patient))
    return crpe.view(db.session, g.patient, _form())
