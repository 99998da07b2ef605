"""Outcome questionnaires: what is due, answering (resumable), scores and exports."""
from flask import Response, current_app, g, request
from flask_login import current_user
from flask_smorest import Blueprint

from server.services.errors import fail

from server import permissions as perm
from server.api.helpers import locale, today_for
from server.content.questionnaires import installed_packs
from server.extensions import db
from server.schemas.proms import AnswersInSchema, AssessmentSchema, LocaleQuery, QuestionnaireSchema, ScoresSchema
from server.services.proms import assessments, exports

blp = Blueprint("proms", __name__, description="Outcome questionnaires (PROMs)")
PATIENT = "/patients/<patient_ref:patient_id>"


@blp.route(f"{PATIENT}/assessments", methods=["GET"])
@perm.authorize(perm.PATIENT_CLINICAL)
@blp.response(200, AssessmentSchema(many=True))
def list_assessments(patient_id):
    """Baseline, 3, 6 and 12 months: due date, status (upcoming, open, completed, missed), any draft.

    `instruments` are those asked in the patient's language; a licensed one without the clinic's pack
    for that language is in `not_collected` with the reason `licensed_wording_missing`."""
    return assessments.listed(db.session, g.patient, today_for(g.patient), _packs())


def _packs():
    return installed_packs(current_app.extensions["bb_questionnaires"])


@blp.route(f"{PATIENT}/assessments/<int:assessment_id>/draft", methods=["PUT"])
@perm.authorize(perm.PATIENT_SELF)
@blp.arguments(AnswersInSchema())
@blp.response(200, AssessmentSchema)
def save_draft(body, patient_id, assessment_id):
    """Keep answers in progress on the server, so the patient can stop and go on later on any device."""
    assessment = assessments.get(db.session, g.patient.id, assessment_id)
    return assessments.save_draft(db_session=db.session, assessment=assessment, answers=body["answers"],
                                  today=today_for(g.patient), locale=g.patient.locale, packs=_packs())


@blp.route(f"{PATIENT}/assessments/<int:assessment_id>/response", methods=["POST"])
@perm.authorize(perm.PATIENT_SELF)
@blp.arguments(AnswersInSchema())
@blp.response(201, AssessmentSchema)
@blp.alt_response(409, description="Not open, or already answered")
def submit(body, patient_id, assessment_id):
    """Submit every instrument of an open assessment; it is scored and its reminders stop."""
    assessment = assessments.get(db.session, g.patient.id, assessment_id)
    return assessments.submit(db_session=db.session, assessment=assessment, answers=body["answers"],
                              today=today_for(g.patient), locale=g.patient.locale, packs=_packs())


@blp.route(f"{PATIENT}/scores", methods=["GET"])
@perm.authorize(perm.PATIENT_CLINICAL)
@blp.response(200, ScoresSchema)
def scores(patient_id):
    """Scores over time with change from baseline judged against each instrument's important change."""
    return assessments.scores(db.session, g.patient)


FHIR_BUNDLE = {"type": "object", "required": ["resourceType", "type"], "properties": {
    "resourceType": {"type": "string", "enum": ["Bundle"]}, "type": {"type": "string"},
    "entry": {"type": "array", "items": {"type": "object"}}}}


@blp.route(f"{PATIENT}/fhir", methods=["GET"])
@perm.authorize(perm.PATIENT_CLINICAL)
@blp.doc(responses={"200": {"description": "a FHIR R4 Bundle (collection)",
                            "content": {"application/fhir+json": {"schema": FHIR_BUNDLE}}}})
def fhir(patient_id):
    """A FHIR R4 Bundle of this patient's QuestionnaireResponses (coded totals as Observations), care episodes
    (EpisodeOfCare) and visits (Encounter)."""
    bundle = exports.fhir_bundle(db.session, g.patient, request.host_url.rstrip("/"))
    return bundle, 200, {"Content-Type": "application/fhir+json"}


@blp.route("/exports/scores.csv", methods=["GET"])
@perm.authorize(perm.THERAPIST)   # patient-level scores: the treating therapist's, as /patients/{id}/scores
@blp.doc(responses={"200": {"description": "UTF-8 CSV, one row per patient and time point",
                            "content": {"text/csv": {"schema": {"type": "string"}}}}})
def scores_csv():
    """Every score of your own patients, one row per patient and time point (the clinic admin has the
    clinic outcomes, aggregated, instead)."""
    text, included = exports.clinic_csv(db.session, current_user)
    perm.log_access(current_user, included, kind="scores-export")
    return Response(text, mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=betterback-scores.csv"})


@blp.route("/questionnaires/<string:instrument>", methods=["GET"])
@perm.authorize(perm.SIGNED_IN)
@blp.arguments(LocaleQuery(), location="query")
@blp.response(200, QuestionnaireSchema)
def questionnaire(args, instrument):
    """An instrument's items and answers in the patient's language (licensed wording from the clinic's pack)."""
    found = current_app.extensions["bb_questionnaires"][locale(args.get("locale"))].get(instrument)
    if found is None:
        fail(404, "questionnaire_not_found")
    return found
