"""The access log, its report, the clinic's retention setting."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from server.domain.retention import MAX_YEARS
from server.schemas.common import StrictSchema

MAX_REPORT_DAYS = 366


class AccessLogQuery(StrictSchema):
    before = fields.Integer(validate=validate.Range(1, 2**62), metadata={
        "description": "the `next_before` of the previous page"})
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))


class AccessActorSchema(Schema):
    id = fields.Integer(allow_none=True, metadata={"description": "null: the system (a scheduled job)"})
    name = fields.String()
    role = fields.String(metadata={"description": "therapist, admin, supervisor or system"})


class AccessEntrySchema(Schema):
    id = fields.Integer()
    at = fields.DateTime()
    actor = fields.Nested(AccessActorSchema)
    kind = fields.String(metadata={"description": "what was read or written: record, diary, program, contract, "
                                                  "plan, progress, assessments, scores, fhir, export, "
                                                  "group-adherence, group-attendance, patient-list, ..."})
    action = fields.String(metadata={"description": "read or write (what was done, or tried when refused)"})
    assigned = fields.Boolean(metadata={"description": "the reader's own patient (or a member of their group)"})
    refused = fields.Boolean(metadata={"description": "the attempt was turned away: nothing was read or written"})
    address = fields.String(allow_none=True, metadata={"description": "the clinic admin's view only"})
    refused_status = fields.Integer(allow_none=True, metadata={
        "description": "the clinic admin's view only: the answer to a refused attempt (403, 404, 409)"})
    refused_reason = fields.String(allow_none=True, metadata={
        "description": "the clinic admin's view only: its error code (patient_not_found, forbidden_role, ...)"})


class AccessPageSchema(Schema):
    entries = fields.List(fields.Nested(AccessEntrySchema))
    next_before = fields.Integer(allow_none=True, metadata={"description": "pass as `before` for older entries"})


class ReportQuery(StrictSchema):
    start = fields.Date(data_key="from", required=True)
    end = fields.Date(data_key="to", required=True)

    @validates_schema
    def _period(self, data, **_kw):
        if data["end"] < data["start"]:
            raise ValidationError("The period ends before it starts.", "to")
        if (data["end"] - data["start"]).days >= MAX_REPORT_DAYS:
            raise ValidationError(f"At most {MAX_REPORT_DAYS} days at a time.", "to")


class ReportPatientSchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True, metadata={"description": "null once the record has been removed"})


class ReportRowSchema(Schema):
    actor = fields.Nested(AccessActorSchema)
    patient = fields.Nested(ReportPatientSchema)
    accesses = fields.Integer()
    unassigned = fields.Integer(metadata={"description": "accesses while the patient was not assigned to the "
                                                         "reader; above 0 is highlighted for review"})
    refused = fields.Integer(metadata={"description": "of them, attempts that were turned away"})
    first_at = fields.DateTime()
    last_at = fields.DateTime()
    kinds = fields.List(fields.String())


class ReportSchema(Schema):
    start = fields.Date(data_key="from")
    end = fields.Date(data_key="to")
    rows = fields.List(fields.Nested(ReportRowSchema))


class ClinicSettingsSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    retention_years = fields.Integer()
    minimum_retention_years = fields.Integer()


class ClinicSettingsPatchSchema(StrictSchema):
    retention_years = fields.Integer(required=True, strict=True, validate=validate.Range(1, MAX_YEARS), metadata={
        "description": "how long a closed patient's record is kept; Swedish law: at least 10"})
