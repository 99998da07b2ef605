from marshmallow import Schema, fields, validate

from server.domain import episode as rules
from server.schemas.common import StrictSchema

Note = lambda **kw: fields.String(allow_none=True, validate=validate.Length(max=500), **kw)  # noqa: E731


class EpisodeOpenSchema(StrictSchema):
    opened_on = fields.Date()
    red_flags = fields.List(fields.String(validate=validate.OneOf(tuple(rules.RED_FLAGS))), load_default=list)
    red_flag_action = fields.String(allow_none=True, validate=validate.Length(max=2000))
    planned_visits = fields.Integer(strict=True, allow_none=True, validate=validate.Range(1, 100))


class EpisodeUpdateSchema(StrictSchema):
    red_flags = fields.List(fields.String(validate=validate.OneOf(tuple(rules.RED_FLAGS))))
    red_flag_action = fields.String(allow_none=True, validate=validate.Length(max=2000))
    planned_visits = fields.Integer(strict=True, allow_none=True, validate=validate.Range(1, 100))


class VisitInSchema(StrictSchema):
    date = fields.Date(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(rules.VISIT_KINDS))
    note = Note()


class DischargeInSchema(StrictSchema):
    date = fields.Date(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(rules.DISCHARGE_REASONS))
    referred = fields.Boolean(required=True)
    note = fields.String(allow_none=True, validate=validate.Length(max=2000))


class VisitSchema(Schema):
    id = fields.Integer()
    date = fields.Date()
    kind = fields.String()
    note = fields.String(allow_none=True)


class EpisodeSchema(Schema):
    id = fields.Integer()
    opened_on = fields.Date()
    red_flags = fields.List(fields.String())
    red_flag_action = fields.String(allow_none=True)
    red_flag_action_at = fields.DateTime(allow_none=True)
    program_blocked = fields.Boolean()
    planned_visits = fields.Integer(allow_none=True)
    visits_done = fields.Integer()
    visits = fields.List(fields.Nested(VisitSchema))
    discharged_on = fields.Date(allow_none=True)
    discharge_reason = fields.String(allow_none=True)
    referred = fields.Boolean(allow_none=True)
    discharge_note = fields.String(allow_none=True)


class StartBackPaperSchema(StrictSchema):
    total = fields.Integer(required=True, strict=True, validate=validate.Range(0, 9),
                           metadata={"description": "the paper form's total, items 1-9"})
    psychosocial = fields.Integer(required=True, strict=True, validate=validate.Range(0, 5),
                                  metadata={"description": "the psychosocial subscale, items 5-9"})


class RiskSchema(Schema):
    source = fields.String(metadata={"description": "paper (recorded by the therapist) or app (questionnaire)"})
    group = fields.String()
    total = fields.Integer()
    psychosocial = fields.Integer()
    psychosocial_high = fields.Boolean()
    meaning = fields.String()
    psychosocial_text = fields.String()


class ChecklistItemSchema(Schema):
    code = fields.String()
    label = fields.String()


class EpisodeViewSchema(Schema):
    episode = fields.Nested(EpisodeSchema, allow_none=True)
    risk = fields.Nested(RiskSchema, allow_none=True,
                         metadata={"description": "from the baseline STarT Back; null until it is answered"})
    checklist = fields.List(fields.Nested(ChecklistItemSchema))
    visit_kinds = fields.List(fields.String())
    discharge_reasons = fields.List(fields.String())
