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
    status = fields.String(metadata={"description": "invited (no password yet) or active"})
    therapist = fields.Nested(TherapistRefSchema, allow_none=True)
    created_at = fields.DateTime()


class PatientListSchema(PatientSchema):
    flags = fields.List(fields.String(), metadata={
        "description": "therapists only: no_diary_7_days, high_rpe, pain_rising, questionnaire_missed, "
                       "level_suggestion"})


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
