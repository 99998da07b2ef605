"""The staff workspace: review queue, pacing timeline, clinic outcomes and messages."""
import unicodedata

from marshmallow import Schema, ValidationError, fields, validate

from server.schemas.common import StrictSchema

MESSAGE_MAX = 2000


def _no_control_characters(value: str) -> None:
    """Line breaks and tabs are writing; any other control character is not."""
    bad = [c for c in value if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    if bad:
        raise ValidationError(f"The message holds a control character (U+{ord(bad[0]):04X}).")
    if not value.strip():
        raise ValidationError("Write a message.")


class ReviewItemSchema(Schema):
    id = fields.Integer(metadata={"description": "stable for this patient, reason and since"})
    patient_id = fields.Integer()
    patient_name = fields.String()
    reason = fields.String(metadata={"description": "pacing_hold_twice | level_suggestion | level_observed | "
                                                    "no_diary_7d | rpe_high | pain_rising | questionnaire_missed | "
                                                    "red_flag | unanswered_message"})
    detail = fields.Dict(metadata={"description": "the numbers and ids behind the reason"})
    since = fields.Date()
    action = fields.String(metadata={"description": "the app route where the therapist acts on it"})
    considerations = fields.List(fields.String(), metadata={
        "description": "the patient's considerations from the care episode (pregnancy, psychiatric, multimodal, "
                       "spinal_surgery): to keep in mind, never blocking"})


class ReviewQueueSchema(Schema):
    items = fields.List(fields.Nested(ReviewItemSchema))


class HandledSchema(Schema):
    id = fields.Integer()
    patient_id = fields.Integer()
    reason = fields.String()
    since = fields.Date()
    handled_by_id = fields.Integer()
    handled_at = fields.DateTime()


class BlockSchema(Schema):
    start = fields.Date()
    end = fields.Date(metadata={"description": "the block's last day"})
    phase = fields.String(metadata={"description": "build | intervals | maintain"})
    minutes = fields.Integer(metadata={"description": "the session minutes at the block's start"})
    hard_minutes = fields.Integer()
    decision = fields.String(metadata={"description": "the rule's code at the block's end, or in_progress"})
    reason = fields.String(metadata={"description": "the decision in the therapist's words, caller's language"})
    mean_rpe = fields.Float(allow_none=True, metadata={"description": "mean effort of the done sessions: the mean "
                                                                       "the rules judge"})
    sessions = fields.Integer(metadata={"description": "logged sessions in the block, bad days included"})
    planned_sessions = fields.Integer()
    counted_sessions = fields.Integer(metadata={"description": "logged sessions not on a bad day"})
    done_sessions = fields.Integer(metadata={"description": "counted sessions that lasted 80 % of the block's "
                                                            "minutes (and, with intervals, of its hard minutes)"})


class TimelineSchema(Schema):
    blocks = fields.List(fields.Nested(BlockSchema))


def _suppressed():
    return fields.List(fields.String(), metadata={
        "description": "fields not shown because they rest on fewer than `min_cell` patients (they are null); "
                       "a hidden count is 1 to min_cell - 1"})


class InstrumentOutcomeSchema(Schema):
    instrument = fields.String()
    timepoint = fields.String()
    n = fields.Integer(allow_none=True, metadata={"description": "patients who answered it at this time point"})
    n_change = fields.Integer(allow_none=True, metadata={"description": "of them, with a change that could be judged"})
    mean_change = fields.Float(allow_none=True, metadata={"description": "mean change of the total from baseline"})
    share_improved = fields.Float(allow_none=True, metadata={"description": "0-1: reached the important change"})
    suppressed = _suppressed()
    demo_wording = fields.Integer(metadata={"description": "of n, answered in the demo's placeholder wording"})
    label = fields.String(allow_none=True, metadata={
        "description": "'demo wording: not valid for clinical use' when any of n was, else null"})


class NotCollectedOutcomeSchema(Schema):
    instrument = fields.String()
    timepoint = fields.String()
    patients = fields.Integer(allow_none=True, metadata={"description": "completed questionnaires that left it out"})
    reason = fields.String(metadata={"description": "licensed_wording_missing"})
    suppressed = _suppressed()
    label = fields.String()
    help = fields.String(metadata={"description": "where the README explains clinic content packs"})


class ResponseRateSchema(Schema):
    timepoint = fields.String()
    due = fields.Integer(allow_none=True)
    answered = fields.Integer(allow_none=True)
    rate = fields.Float(allow_none=True)
    suppressed = _suppressed()


class AdherenceBandSchema(Schema):
    range = fields.String()
    patients = fields.Integer(allow_none=True)
    suppressed = _suppressed()


class OutcomesSchema(Schema):
    min_cell = fields.Integer(metadata={"description": "the fewest patients a shown count or figure rests on (5)"})
    instruments = fields.List(fields.Nested(InstrumentOutcomeSchema))
    response_rate = fields.List(fields.Nested(ResponseRateSchema))
    adherence = fields.List(fields.Nested(AdherenceBandSchema))
    not_collected = fields.List(fields.Nested(NotCollectedOutcomeSchema), metadata={
        "description": "licensed questionnaires not asked: no validated wording installed"})


class MessageInSchema(StrictSchema):
    body = fields.String(required=True, validate=[validate.Length(min=1, max=MESSAGE_MAX), _no_control_characters])


class MessageSchema(Schema):
    id = fields.Integer()
    sender = fields.String(metadata={"description": "patient | therapist"})
    sender_name = fields.String()
    body = fields.String()
    created_at = fields.DateTime()
    read_at = fields.DateTime(allow_none=True)


class ThreadSchema(Schema):
    messages = fields.List(fields.Nested(MessageSchema), metadata={"description": "oldest first, newest last"})
    unread = fields.Integer(metadata={"description": "messages that were new to the reader (now marked read)"})


class InboxRowSchema(Schema):
    patient_id = fields.Integer()
    patient_name = fields.String()
    last_at = fields.DateTime()
    unread = fields.Integer()
