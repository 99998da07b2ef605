from marshmallow import Schema, fields

from server.schemas.common import Email, Locale, Name, StrictSchema, TimeZone


class TherapistRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class PatientSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    email = fields.String()
    locale = fields.String()
    timezone = fields.String()
    status = fields.String(metadata={"description": "invited (no password yet), active, or closed"})
    therapist = fields.Nested(TherapistRefSchema, allow_none=True)
    created_at = fields.DateTime()
    closed_at = fields.DateTime(allow_none=True, metadata={"description": "when the account was closed"})
    kept_until = fields.Date(allow_none=True, metadata={
        "description": "a closed record is kept until this day (the clinic's retention period), then removed"})


TRENDS = ("rising", "falling", "steady")


class StageSchema(Schema):
    phase = fields.String(metadata={"description": "none | part1 | part2 | maintenance"})
    week = fields.Integer(allow_none=True, metadata={"description": "the Part 2 week (1-based), else null"})
    weeks = fields.Integer(metadata={"description": "the Part 2 weeks (12 unless the program says otherwise)"})


class SessionsSchema(Schema):
    done = fields.Integer(metadata={"description": "general-training sessions in the diary, last 14 days"})
    contracted = fields.Integer(allow_none=True, metadata={"description": "contract training days in them"})


class NextQuestionnaireSchema(Schema):
    timepoint = fields.String()
    due_date = fields.Date()
    status = fields.String(metadata={"description": "upcoming | open | missed"})


class FlagSchema(Schema):
    code = fields.String(metadata={"description": "pacing_hold_twice, level_suggestion, level_observed, no_diary_7d, "
                                                  "rpe_high, pain_rising, questionnaire_missed, red_flag, "
                                                  "unanswered_message"})
    since = fields.Date(allow_none=True, metadata={"description": "the first day of the current occurrence"})
    evidence = fields.String(metadata={"description": "the app route that shows why, e.g. #/patients/12/diary"})


class PatientListSchema(PatientSchema):
    """The clinical columns are present for a therapist (their own patients) only."""
    stage = fields.Nested(StageSchema)
    last_diary_day = fields.Date(allow_none=True)
    sessions_2w = fields.Nested(SessionsSchema)
    mean_rpe_2w = fields.Float(allow_none=True)
    rpe_trend = fields.String(allow_none=True, metadata={"description": "rising | falling | steady"})
    pain_trend = fields.String(allow_none=True, metadata={"description": "rising | falling | steady"})
    next_questionnaire = fields.Nested(NextQuestionnaireSchema, allow_none=True)
    flags = fields.List(fields.Nested(FlagSchema))
    group_ids = fields.List(fields.Integer())
    unread_messages = fields.Integer()
    risk_group = fields.String(allow_none=True, metadata={
        "description": "therapists only: the baseline STarT Back risk group, low (total <= 3) or medium-high"})
    visits_done = fields.Integer(metadata={"description": "therapists only: visits logged in the latest episode"})
    visits_planned = fields.Integer(allow_none=True, metadata={
        "description": "therapists only: visits planned in the latest episode"})


class PatientCreateSchema(StrictSchema):
    name = Name(required=True)
    email = Email(required=True)
    locale = Locale(load_default="sv")
    timezone = TimeZone(load_default="Europe/Stockholm")


class InviteSchema(Schema):
    invite_code = fields.String(metadata={"description": "shown once; the patient types it to set a password"})
    invite_expires_at = fields.DateTime()
    invite_url = fields.String(metadata={"description": "opens the app with the code filled in (code in the #fragment)"})
    invite_qr_svg = fields.String(metadata={"description": "invite_url as a QR code, an SVG document"})


class PatientCreatedSchema(PatientSchema, InviteSchema):
    pass


class PatientUpdateSchema(StrictSchema):
    name = Name()
    locale = Locale()
    timezone = TimeZone()


class TransferSchema(StrictSchema):
    therapist_id = fields.Integer(required=True, strict=True)
