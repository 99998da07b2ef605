from marshmallow import Schema, fields, validate

from server.content.model import EDUCATION_KINDS, LEVELS, PARTS
from server.domain.roles import LOCALES
from server.schemas.common import LibraryFamily, StrictSchema


class LocaleQuery(StrictSchema):
    locale = fields.String(validate=validate.OneOf(LOCALES))


class ExerciseQuery(LocaleQuery):
    part = fields.String(validate=validate.OneOf(PARTS))
    family = fields.String(validate=LibraryFamily())
    level = fields.String(validate=validate.OneOf(LEVELS))
    equipment = fields.String(validate=validate.Length(min=1, max=32),
                              metadata={"description": "e.g. theraband; `none` for exercises without equipment"})


class EducationQuery(LocaleQuery):
    kind = fields.String(validate=validate.OneOf(EDUCATION_KINDS))


class DosageSchema(Schema):
    sets = fields.Integer()
    repetitions = fields.Integer()
    hold_seconds = fields.Integer(allow_none=True)
    each_side = fields.Boolean()


class AlternativeSchema(Schema):
    title = fields.String()
    text = fields.String()


class ExerciseSummarySchema(Schema):
    id = fields.String()
    version = fields.Integer()
    locale = fields.String()
    part = fields.String()
    family = fields.String()
    level = fields.String(allow_none=True)
    code = fields.String(allow_none=True)
    title = fields.String()
    summary = fields.String()
    position = fields.String()
    equipment = fields.List(fields.String())
    dosage = fields.Nested(DosageSchema)
    illustration_url = fields.String()


class ExerciseSchema(ExerciseSummarySchema):
    alternatives = fields.List(fields.Nested(AlternativeSchema))
    previous_level = fields.String(allow_none=True)
    next_level = fields.String(allow_none=True)
    stop_advice = fields.String(allow_none=True, metadata={
        "description": "range of movement: what to do when the exercise makes the back or leg worse"})
    html = fields.String(metadata={"description": "sanitised HTML of the instructions"})


class EducationSummarySchema(Schema):
    id = fields.String()
    version = fields.Integer()
    locale = fields.String()
    kind = fields.String()
    order = fields.Integer()
    title = fields.String()
    summary = fields.String()
    reading_minutes = fields.Integer()
    session = fields.Integer(allow_none=True)
    duration_minutes = fields.Integer(allow_none=True)


class EducationSchema(EducationSummarySchema):
    goals = fields.List(fields.String())
    html = fields.String()


class LeaderNotesSchema(Schema):
    id = fields.String()
    version = fields.Integer()
    locale = fields.String()
    title = fields.String()
    leader_notes = fields.List(fields.String(), metadata={
        "description": "the group leader's talking points, sketches, exercises and handouts for the session"})
