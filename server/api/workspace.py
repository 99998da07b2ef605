"""The staff workspace: the review queue, a patient's pacing timeline, clinic outcomes and messages."""
from flask import Response, g
from flask_login import current_user
from flask_smorest import Blueprint

from server import permissions as perm
from server.api.helpers import locale, today_for
from server.domain.pacing_text import render_for_therapist
from server.schemas.content import LocaleQuery
from server.extensions import db
from server.schemas.workspace import (
    HandledSchema, InboxRowSchema, MessageInSchema, MessageSchema, OutcomesSchema, ReviewQueueSchema, ThreadSchema,
    TimelineSchema,
)
from server.services.messages import messages
from server.services.workspace import caseload, outcomes, review

blp = Blueprint("workspace", __name__, description="Review queue, pacing timeline, clinic outcomes and messages")
PATIENT = "/patients/<patient_ref:patient_id>"


@blp.route("/review-queue", methods=["GET"])
@perm.authorize(perm.THERAPIST)
@blp.response(200, ReviewQueueSchema)
def review_queue():
    """Your patients who need you now: why (reason and its numbers), since when, and where to act."""
    found = review.queue(db.session, current_user, today_for(current_user))
    # Each listed patient's clinical reasons are read from their record: one access-log row each.
    patients = sorted({item["patient_id"] for item in found["items"]})
    perm.log_access(current_user, [(pid, current_user.clinic_id, True) for pid in patients], kind="review-queue")
    return found


@blp.route("/review-queue/<int(max=9007199254740991):review_id>/handled", methods=["POST"])
@perm.authorize(perm.REVIEW_ITEM)
@blp.response(200, HandledSchema)
def mark_handled(review_id):
    """Mark an item handled (who and when are kept); it comes back only as a new occurrence."""
    perm.log_access(current_user, [(g.review_item["patient_id"], current_user.clinic_id, True)], kind="review-queue")
    return review.mark_handled(db_session=db.session, therapist=current_user, item=g.review_item)


@blp.route(f"{PATIENT}/pacing-timeline", methods=["GET"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(LocaleQuery(), location="query")
@blp.response(200, TimelineSchema)
def pacing_timeline(args, patient_id):
    """Each 14-day pacing block: its dose, what was logged, and the decision at its end in your words
    (in `locale`, else the reader's own language)."""
    blocks = caseload.timeline(db.session, g.patient.id, today_for(g.patient))
    language = locale(args.get("locale"))
    return {"blocks": [{**b.__dict__, "reason": render_for_therapist(b.decision, b.values, language)}
                       for b in blocks]}


@blp.route("/clinic/outcomes", methods=["GET"])
@perm.authorize(perm.CARE_STAFF)
@blp.response(200, OutcomesSchema)
def clinic_outcomes():
    """Your clinic's outcomes: change from baseline per instrument and time point, response rates, adherence."""
    return outcomes.clinic_outcomes(db.session, current_user, today_for(current_user))


@blp.route("/clinic/outcomes.csv", methods=["GET"])
@perm.authorize(perm.CARE_STAFF)
@blp.doc(responses={"200": {"description": "UTF-8 CSV, one row per figure, its part named in `section`",
                            "content": {"text/csv": {"schema": {"type": "string"}}}}})
def clinic_outcomes_csv():
    """The clinic outcomes as one CSV table (a `section` column names each part)."""
    summary = outcomes.clinic_outcomes(db.session, current_user, today_for(current_user))
    return Response(outcomes.as_csv(summary), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=betterback-clinic-outcomes.csv"})


@blp.route(f"{PATIENT}/messages", methods=["GET"])
@perm.authorize(perm.MESSAGE_THREAD)
@blp.response(200, ThreadSchema)
def get_messages(patient_id):
    """The thread with the patient's therapist, newest last; reading marks the other side's messages read."""
    return messages.thread(db.session, g.patient, current_user)


@blp.route(f"{PATIENT}/messages", methods=["POST"])
@perm.authorize(perm.MESSAGE_THREAD)
@blp.arguments(MessageInSchema)
@blp.response(201, MessageSchema)
def post_message(body, patient_id):
    """Write to the thread (1-2000 characters); the other side gets a push prompt without the text."""
    return messages.send(db_session=db.session, patient=g.patient, sender=current_user, body=body["body"].strip())


@blp.route("/messages/inbox", methods=["GET"])
@perm.authorize(perm.THERAPIST)
@blp.response(200, InboxRowSchema(many=True))
def inbox():
    """Your patients' threads, the latest first, with their unread messages."""
    found = messages.inbox(db.session, current_user)
    # Names, when each last wrote and what is unread come from each patient's thread: one row each.
    perm.log_access(current_user, [(row["patient_id"], current_user.clinic_id, True) for row in found],
                    kind="message-inbox")
    return found
