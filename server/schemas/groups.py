from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from server.domain import retention
from server.schemas.common import Name, StrictSchema
from server.schemas.training import Weekdays


class GroupInSchema(StrictSchema):
    name = Name(required=True)
    start_date = fields.Date(required=True)
    weeks = fields.Integer(strict=True, load_default=6, validate=validate.Range(1, 12))
    sessions_per_week = fields.Integer(strict=True, load_default=2, validate=validate.Range(1, 7))
    weekdays = Weekdays(required=True)
    time = fields.Time(required=True, format="%H:%M")
    supervisor_id = fields.Integer(strict=True, required=True)

    @validates_schema
    def _days_match(self, data, **_):
        if "weekdays" in data and len(data["weekdays"]) != data.get("sessions_per_week", 2):
            raise ValidationError("Pick one weekday for each session of the week.", "weekdays")


class GroupPatchSchema(StrictSchema):
    name = Name()
    time = fields.Time(format="%H:%M")
    supervisor_id = fields.Integer(strict=True)


class GroupSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    start_date = fields.Date()
    weeks = fields.Integer()
    sessions_per_week = fields.Integer()
    weekdays = fields.List(fields.Integer())
    time = fields.Time(format="%H:%M")
    supervisor_id = fields.Integer()
    created_by_id = fields.Integer()
    session_dates = fields.List(fields.Date())
    member_count = fields.Integer()


class MemberSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    closed = fields.Function(lambda user: not retention.writable(user.patient.closed_at), metadata={
        "description": "the member's account is closed: their record, attendance included, can be read, not changed"})


class GroupDetailSchema(GroupSchema):
    members = fields.List(fields.Nested(MemberSchema))


class MemberInSchema(StrictSchema):
    patient_id = fields.Integer(strict=True, required=True)


class AttendanceRowSchema(StrictSchema):
    patient_id = fields.Integer(strict=True, required=True)
    present = fields.Boolean(required=True)


class AttendanceInSchema(StrictSchema):
    attendance = fields.List(fields.Nested(AttendanceRowSchema), required=True, validate=validate.Length(max=100))
    note = fields.String(allow_none=True, validate=validate.Length(max=1000), metadata={
        "description": "a short note on the session; left out: unchanged; empty or null: removed"})


class AttendanceSchema(Schema):
    date = fields.Date()
    attendance = fields.List(fields.Nested(AttendanceRowSchema))
    note = fields.String(allow_none=True)


class SessionSchema(Schema):
    date = fields.Date()
    today = fields.Boolean()
    recorded = fields.Boolean(metadata={"description": "attendance was taken (any member marked)"})
    present = fields.Integer()
    absent = fields.Integer()
    note = fields.String(allow_none=True)


class AdherenceMemberSchema(Schema):
    patient_id = fields.Integer()
    name = fields.String()
    sessions_held = fields.Integer()
    attended = fields.Integer()
    recorded = fields.Integer()
    attendance_percent = fields.Integer(allow_none=True)
    unrecorded = fields.Integer(metadata={"description": "sessions before today without a mark for the member"})
    diary_sessions = fields.Integer()
    planned_sessions = fields.Integer()
    mean_rpe_14_days = fields.Float(allow_none=True)
    last_diary_date = fields.Date(allow_none=True)
    flags = fields.List(fields.String())


class AdherenceSchema(Schema):
    group_id = fields.Integer()
    sessions_held = fields.Integer()
    members = fields.List(fields.Nested(AdherenceMemberSchema))
    unrecorded_sessions = fields.List(fields.Date(), metadata={"description": "sessions before today with no marks"})
    needs_a_word = fields.List(fields.Integer())


class LevelObservationInSchema(StrictSchema):
    item_id = fields.Integer(strict=True, required=True, metadata={"description": "the member's Part 2 program item"})
    note = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=500))


class LevelObservationSchema(Schema):
    patient_id = fields.Integer()
    item_id = fields.Integer()
    family = fields.String()
    level = fields.String()
    next_level = fields.String()
    note = fields.String(allow_none=True)
    observed_by = fields.String()
    observed_at = fields.DateTime()


class OpenObservationSchema(Schema):
    observed_at = fields.DateTime()
    observed_by = fields.String()
    note = fields.String(allow_none=True)
    group_id = fields.Integer(allow_none=True)


class MemberLevelItemSchema(Schema):
    item_id = fields.Integer()
    exercise_id = fields.String()
    title = fields.String()
    family = fields.String()
    level = fields.String(allow_none=True)
    next_level = fields.String(allow_none=True, metadata={"description": "None at the last level (C)"})
    observation = fields.Nested(OpenObservationSchema, allow_none=True, metadata={
        "description": "recorded at this level and not yet acted on by a level change"})


class MemberLevelsSchema(Schema):
    patient_id = fields.Integer()
    name = fields.String()
    items = fields.List(fields.Nested(MemberLevelItemSchema))
