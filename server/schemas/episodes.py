from marshmallow import Schema, fields, validate

from server.domain import care_pause
from server.domain import episode as rules
from server.schemas.common import StrictSchema

Note = lambda **kw: fields.String(allow_none=True, validate=validate.Length(max=500), **kw)  # noqa: E731


RedFlags = lambda: fields.List(fields.String(validate=validate.OneOf(tuple(rules.RED_FLAGS))), metadata={  # noqa: E731
    "description": "the red flags answered yes; an empty list is \"none of these\". Sent, it completes the "
                   "screening that the first program or contract needs"})
Considerations = lambda: fields.List(fields.String(validate=validate.OneOf(tuple(rules.CONSIDERATIONS))),  # noqa: E731
                                     metadata={"description": "pregnancy, psychiatric, multimodal, spinal_surgery: "
                                                              "shown to staff, never blocking"})


class EpisodeOpenSchema(StrictSchema):
    opened_on = fields.Date()
    red_flags = RedFlags()
    considerations = Considerations()
    red_flag_action = fields.String(allow_none=True, validate=validate.Length(max=2000))
    planned_visits = fields.Integer(strict=True, allow_none=True, validate=validate.Range(1, 100))


class EpisodeUpdateSchema(StrictSchema):
    red_flags = RedFlags()
    considerations = Considerations()
    red_flag_action = fields.String(allow_none=True, validate=validate.Length(max=2000))
    planned_visits = fields.Integer(strict=True, allow_none=True, validate=validate.Range(1, 100))


class OutcomeInSchema(StrictSchema):
    outcome = fields.String(required=True, validate=validate.OneOf(care_pause.OUTCOMES))
    note = fields.String(allow_none=True, validate=validate.Length(max=2000), metadata={
        "description": "referred: to whom (required); ruled_out: what the examination found"})


class ResumeInSchema(StrictSchema):
    note = fields.String(required=True, validate=validate.Length(min=1, max=2000))


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


class FlagRecordSchema(Schema):
    id = fields.Integer()
    flag = fields.String()
    label = fields.String()
    ticked_at = fields.DateTime()
    ticked_by = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True, metadata={"description": "null (awaiting examination) | ruled_out | "
                                                                      "referred"})
    note = fields.String(allow_none=True)
    outcome_at = fields.DateTime(allow_none=True)
    outcome_by = fields.String(allow_none=True)


class ResumeSchema(Schema):
    note = fields.String()
    resumed_at = fields.DateTime()
    resumed_by = fields.String(allow_none=True)


class EpisodePauseSchema(Schema):
    reason = fields.String(metadata={"description": "red_flag (a flag awaits its outcome) | referred"})
    since = fields.DateTime()
    flags = fields.List(fields.String())


class EpisodeSchema(Schema):
    id = fields.Integer()
    opened_on = fields.Date()
    red_flags = fields.List(fields.String())
    screened = fields.Boolean(metadata={"description": "every red flag answered (the first program needs it)"})
    screened_at = fields.DateTime(allow_none=True)
    considerations = fields.List(fields.String())
    red_flag_action = fields.String(allow_none=True, metadata={"description": "a free-text note; it clears nothing"})
    red_flag_action_at = fields.DateTime(allow_none=True)
    flag_history = fields.List(fields.Nested(FlagRecordSchema))
    resumes = fields.List(fields.Nested(ResumeSchema))
    paused = fields.Nested(EpisodePauseSchema, allow_none=True)
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
    considerations_checklist = fields.List(fields.Nested(ChecklistItemSchema))
    visit_kinds = fields.List(fields.String())
    discharge_reasons = fields.List(fields.String())
