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


class PatientListSchema(PatientSchema):
    flags = fields.List(fields.String(), metadata={
        "description": "therapists only: no_diary_7_days, high_rpe, pain_rising, questionnaire_missed, "
                       "level_suggestion"})
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


class PatientCreatedSchema(PatientSchema, InviteSchema):
    pass


class PatientUpdateSchema(StrictSchema):
    name = Name()
    locale = Locale()
    timezone = TimeZone()


class TransferSchema(StrictSchema):
    therapist_id = fields.Integer(required=True, strict=True)
