"""The care episode of one patient: red-flag screening, risk profile, visits, discharge."""
from flask import g
from flask_login import current_user
from flask_smorest import Blueprint

from server import permissions as perm
from server.api.helpers import locale, today_for
from server.extensions import db
from server.schemas.content import LocaleQuery
from server.schemas.episodes import (
    DischargeInSchema, EpisodeOpenSchema, EpisodeUpdateSchema, EpisodeViewSchema, OutcomeInSchema, ResumeInSchema,
    StartBackPaperSchema, VisitInSchema,
)
from server.services.episode import episodes, startback

blp = Blueprint("episodes", __name__, description="The care episode: screening, stratification, visits, discharge")
EPISODE = "/patients/<patient_ref:patient_id>/episode"


def _view():
    return episodes.view(db.session, g.patient, locale())


@blp.route(EPISODE, methods=["GET"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(LocaleQuery, location="query")
@blp.response(200, EpisodeViewSchema)
def get_episode(args, patient_id):
    """The latest episode (or null), the STarT Back risk profile and the red-flag checklist."""
    return episodes.view(db.session, g.patient, locale(args.get("locale")))


@blp.route(EPISODE, methods=["POST"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(EpisodeOpenSchema)
@blp.response(201, EpisodeViewSchema)
@blp.alt_response(409, description="An episode is already open")
def open_episode(body, patient_id):
    """Open the episode at the first visit (logged as a first visit) with the red-flag screening."""
    episodes.open_episode(db_session=db.session, patient=g.patient, actor=current_user, body=body,
                          today=today_for(g.patient))
    return _view()


@blp.route(EPISODE, methods=["PATCH"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(EpisodeUpdateSchema)
@blp.response(200, EpisodeViewSchema)
def update_episode(body, patient_id):
    """Change the screening (a newly ticked flag pauses care), the considerations, or the planned visits."""
    episodes.update(db_session=db.session, patient=g.patient, actor=current_user, body=body)
    return _view()


@blp.route(f"{EPISODE}/red-flags/<string:flag>/outcome", methods=["POST"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(OutcomeInSchema)
@blp.response(200, EpisodeViewSchema)
@blp.alt_response(404, description="The flag is not ticked in the latest episode")
@blp.alt_response(409, description="The flag's latest tick already has an outcome")
def record_outcome(body, patient_id, flag):
    """A ticked flag's outcome: ruled_out (examined, care goes on) or referred (note: to whom)."""
    episodes.record_outcome(db_session=db.session, patient=g.patient, actor=current_user, flag=flag, body=body)
    return _view()


@blp.route(f"{EPISODE}/resume", methods=["POST"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(ResumeInSchema)
@blp.response(200, EpisodeViewSchema)
@blp.alt_response(409, description="Care is not paused, or a flag still awaits its outcome")
def resume(body, patient_id):
    """Resume care paused by a referral, with a note of why it may go on."""
    episodes.resume(db_session=db.session, patient=g.patient, actor=current_user, note=body["note"])
    return _view()


@blp.route(f"{EPISODE}/startback", methods=["PUT"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(StartBackPaperSchema)
@blp.response(200, EpisodeViewSchema)
def record_startback(body, patient_id):
    """Record STarT Back from Keele's paper form (total 0-9, psychosocial 0-5): the pathway uses it."""
    startback.record_paper(db_session=db.session, patient=g.patient, actor=current_user, **body)
    return _view()


@blp.route(f"{EPISODE}/visits", methods=["POST"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(VisitInSchema)
@blp.response(201, EpisodeViewSchema)
def add_visit(body, patient_id):
    """Log a visit: date, kind (first, return, group, follow-up) and a short note."""
    episodes.add_visit(db_session=db.session, patient=g.patient, actor=current_user, body=body)
    return _view()


@blp.route(f"{EPISODE}/discharge", methods=["POST"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(DischargeInSchema)
@blp.response(200, EpisodeViewSchema)
def discharge(body, patient_id):
    """End the episode: date, reason, referral to a specialist yes or no."""
    episodes.discharge(db_session=db.session, patient=g.patient, body=body)
    return _view()
