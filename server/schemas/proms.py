from marshmallow import Schema, ValidationError, fields, validate

from server.domain.roles import LOCALES
from server.schemas.common import StrictSchema


def _answers(value):
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, dict) and all(isinstance(i, str) for i in v) for k, v in value.items()
    ):
        raise ValidationError("Send {instrument: {item: code}}.")


class AnswersInSchema(StrictSchema):
    answers = fields.Dict(required=True, validate=_answers,
                          metadata={"description": "{instrument: {item: code or null}}"})


class NotCollectedSchema(Schema):
    instrument = fields.String()
    reason = fields.String(metadata={"description": "licensed_wording_missing"})


class WordingSchema(Schema):
    source = fields.String(metadata={"description": "a clinic pack's source, 'own wording', 'demo placeholder'"})
    version = fields.String(allow_none=True)


class AssessmentSchema(Schema):
    id = fields.Integer()
    timepoint = fields.String()
    due_date = fields.Date()
    closes_date = fields.Date()
    instruments = fields.List(fields.String(), metadata={
        "description": "the instruments asked in the patient's language (a completed one: those answered)"})
    not_collected = fields.List(fields.Nested(NotCollectedSchema), metadata={
        "description": "instruments of the schedule that are not asked: no validated wording installed"})
    status = fields.String(metadata={"description": "upcoming, open, completed or missed"})
    completed_at = fields.DateTime(allow_none=True)
    draft = fields.Dict(allow_none=True)


class AnswerOptionSchema(Schema):
    code = fields.Integer()
    label = fields.String()


class QuestionSchema(Schema):
    key = fields.String()
    label = fields.String()
    text = fields.String(allow_none=True)
    optional = fields.Boolean()
    answers = fields.List(fields.Nested(AnswerOptionSchema))


class QuestionnaireSchema(Schema):
    id = fields.String()
    title = fields.String()
    licensed = fields.Boolean()
    licence = fields.String()
    copyright = fields.String(allow_none=True)
    source = fields.String(allow_none=True)
    wording = fields.Nested(WordingSchema, allow_none=True, metadata={
        "description": "null: not asked in this language until the clinic installs its pack"})
    items = fields.List(fields.Nested(QuestionSchema))


class LocaleQuery(StrictSchema):
    locale = fields.String(validate=validate.OneOf(LOCALES))


class ChangeSchema(Schema):
    value = fields.Float(allow_none=True)
    judgement = fields.String(allow_none=True)


class ScoreSchema(Schema):
    instrument = fields.String()
    timepoint = fields.String()
    total = fields.Float(allow_none=True)
    band = fields.String(allow_none=True)
    subscales = fields.Dict()
    complete = fields.Boolean()
    answered_at = fields.DateTime()
    change = fields.Nested(ChangeSchema, allow_none=True)
    wording = fields.Nested(WordingSchema)
    wording_label = fields.String(allow_none=True, metadata={
        "description": "'demo wording: not valid for clinical use' for a demo placeholder pack, else null"})


class ScoreNotCollectedSchema(Schema):
    timepoint = fields.String()
    instrument = fields.String()
    reason = fields.String()
    label = fields.String()
    help = fields.String(metadata={"description": "where the README explains clinic content packs"})


class ScoresSchema(Schema):
    timepoints = fields.List(fields.String())
    scores = fields.List(fields.Nested(ScoreSchema))
    startback_group = fields.String(allow_none=True)
    not_collected = fields.List(fields.Nested(ScoreNotCollectedSchema))
