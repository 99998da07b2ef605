"""The CRPE tool: its form, a first or final assessment in, and both assessments out."""
from marshmallow import Schema, fields, validate

from server.domain.crpe import GRADES
from server.schemas.common import StrictSchema

Grades = lambda: fields.Dict(keys=fields.String(validate=validate.Length(1, 40)),   # noqa: E731
                             values=fields.Integer(strict=True, validate=validate.Range(GRADES.start, GRADES.stop - 1)),
                             load_default=dict)


class CrpeInSchema(StrictSchema):
    assessed_on = fields.Date(metadata={"description": "default: today in the patient's time zone"})
    impairment = Grades()
    activity = Grades()
    subgroup = fields.String(allow_none=True, load_default=None, validate=validate.Length(1, 40))
    icd10 = fields.List(fields.String(validate=validate.Length(1, 10)), load_default=list,
                        validate=validate.Length(max=20))
    part1_applied = fields.Boolean(allow_none=True, load_default=None)
    part2_applied = fields.Boolean(allow_none=True, load_default=None)
    treatments = fields.List(fields.String(validate=validate.Length(1, 60)), load_default=list,
                             validate=validate.Length(max=60))
    treatment_other = fields.Dict(keys=fields.String(validate=validate.Length(1, 20)),
                                  values=fields.String(validate=validate.Length(max=200)), load_default=dict)
    effect = fields.String(allow_none=True, load_default=None, validate=validate.Length(1, 16))
    visits = fields.Integer(strict=True, allow_none=True, load_default=None, validate=validate.Range(0, 500),
                            metadata={"description": "correct the count of the visit log; null: use the log"})


class CrpeAssessmentSchema(Schema):
    which = fields.String()
    assessed_on = fields.Date()
    form_version = fields.Integer()
    impairment = fields.Dict(keys=fields.String(), values=fields.Integer())
    activity = fields.Dict(keys=fields.String(), values=fields.Integer())
    impairment_score = fields.Float(allow_none=True, metadata={"description": "mean grade, two decimals; null: none graded"})
    activity_score = fields.Float(allow_none=True)
    subgroup = fields.String(allow_none=True)
    icd10 = fields.List(fields.String())
    part1_applied = fields.Boolean(allow_none=True)
    part2_applied = fields.Boolean(allow_none=True)
    treatments = fields.List(fields.String())
    treatment_kva = fields.List(fields.String(), metadata={"description": "the KVÅ codes of the treatments, once each"})
    treatment_other = fields.Dict(keys=fields.String(), values=fields.String())
    effect = fields.String(allow_none=True)
    visits = fields.Integer(allow_none=True, metadata={"description": "as recorded; null: the visit log's count"})
    recorded_by = fields.String()
    recorded_at = fields.DateTime()


class CrpeChangeSchema(Schema):
    impairment = fields.Float(allow_none=True, metadata={"description": "final minus first; negative is better"})
    activity = fields.Float(allow_none=True)


class CrpeViewSchema(Schema):
    first = fields.Nested(CrpeAssessmentSchema, allow_none=True)
    final = fields.Nested(CrpeAssessmentSchema, allow_none=True)
    change = fields.Nested(CrpeChangeSchema)
    visits_logged = fields.Integer(metadata={"description": "visits in the episode's visit log"})
    visits_total = fields.Integer(metadata={"description": "the final's correction, else the log's count"})


class _Item(Schema):
    key = fields.String()
    label = fields.String()
    kva = fields.String(allow_none=True)


class _Treatment(_Item):
    group = fields.String()
    kind = fields.String(metadata={"description": "mode, type or other"})


class _Code(Schema):
    code = fields.String()
    label = fields.String()


class _Subgroup(Schema):
    key = fields.String()
    label = fields.String()
    icd10 = fields.List(fields.Nested(_Code))


class _Keyed(Schema):
    key = fields.String()
    label = fields.String()


class _Grade(Schema):
    grade = fields.Integer()
    label = fields.String()


class CrpeFormSchema(Schema):
    version = fields.Integer()
    grades = fields.List(fields.Nested(_Grade))
    impairment = fields.List(fields.Nested(_Item))
    activity = fields.List(fields.Nested(_Item))
    subgroups = fields.List(fields.Nested(_Subgroup))
    treatment_groups = fields.List(fields.Nested(_Keyed))
    treatments = fields.List(fields.Nested(_Treatment))
    effect = fields.List(fields.Nested(_Keyed))
