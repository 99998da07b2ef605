"""Trust: the access log of a record and its review, the patient's data export, closing an account."""
import json

from flask import Response, g, request
from flask_login import current_user
from flask_smorest import Blueprint

from server import permissions as perm
from server.api.helpers import today_for
from server.extensions import db
from server.models import Clinic
from server.schemas.patients import PatientSchema
from server.schemas.privacy import (
    AccessLogQuery, AccessPageSchema, ClinicSettingsPatchSchema, ClinicSettingsSchema, ReportQuery, ReportSchema,
)
from server.services.privacy import access_log, closing, export

blp = Blueprint("privacy", __name__, description="Access log, data export and closing an account")
PATIENT = "/patients/<patient_ref:patient_id>"


@blp.route(f"{PATIENT}/access-log", methods=["GET"])
@perm.authorize(perm.ACCESS_LOG_READ)
@blp.arguments(AccessLogQuery, location="query")
@blp.response(200, AccessPageSchema)
def get_access_log(args, patient_id):
    """Who has read or changed this record, newest first (the patient, and their clinic's admin)."""
    return access_log.page(db.session, g.patient.id, before=args.get("before"), limit=args["limit"],
                           with_address=current_user.role == "admin")


@blp.route("/access-log/report", methods=["GET"])
@perm.authorize(perm.CLINIC_ADMIN)
@blp.arguments(ReportQuery, location="query")
@blp.response(200, ReportSchema)
def access_report(args):
    """Accesses per staff member and patient over a period (UTC days); `unassigned` > 0 needs a look."""
    rows = access_log.report(db.session, clinic_id=current_user.clinic_id, start=args["start"], end=args["end"])
    return {"start": args["start"], "end": args["end"], "rows": rows}


@blp.route("/access-log/report.csv", methods=["GET"])
@perm.authorize(perm.CLINIC_ADMIN)
@blp.arguments(ReportQuery, location="query")
@blp.response(200, description="text/csv: one row per staff member and patient", content_type="text/csv")
def access_report_csv(args):
    """The same report as CSV, for the clinic's log review."""
    rows = access_log.report(db.session, clinic_id=current_user.clinic_id, start=args["start"], end=args["end"])
    name = f"betterback-access-{args['start'].isoformat()}-{args['end'].isoformat()}.csv"
    return Response(access_log.report_csv(rows), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


@blp.route(f"{PATIENT}/export", methods=["GET"])
@perm.authorize(perm.PATIENT_CLINICAL)
@blp.response(200, description="application/json: everything held about the patient, with a FHIR Bundle",
              content_type="application/json")
def export_patient(patient_id):
    """Everything the service holds about the patient as one JSON document (a download)."""
    document = export.patient_export(db.session, g.patient, request.host_url.rstrip("/"))
    name = f"betterback-{g.patient.id}-{today_for(g.patient).isoformat()}.json"
    return Response(json.dumps(document, ensure_ascii=False, indent=1), mimetype="application/json",
                    headers={"Content-Disposition": f"attachment; filename={name}", "Cache-Control": "no-store"})


@blp.route(f"{PATIENT}/close", methods=["POST"])
@perm.authorize(perm.PATIENT_CLOSE)
@blp.response(200, PatientSchema)
@blp.alt_response(409, description="Already closed (error: account_closed)")
def close_patient(patient_id):
    """Close the account: sign-in, sessions, reminders and devices stop now; the record is kept."""
    return closing.close_account(db_session=db.session, patient=g.patient, actor=current_user)


@blp.route("/clinic", methods=["GET"])
@perm.authorize(perm.CLINIC_ADMIN)
@blp.response(200, ClinicSettingsSchema)
def get_clinic():
    """The clinic's settings: how long closed records are kept."""
    return closing.clinic_dict(db.session.get(Clinic, current_user.clinic_id))


@blp.route("/clinic", methods=["PATCH"])
@perm.authorize(perm.CLINIC_ADMIN)
@blp.arguments(ClinicSettingsPatchSchema)
@blp.response(200, ClinicSettingsSchema)
def patch_clinic(body):
    """Set the retention period (years; at least 10, as Swedish law asks of patient records)."""
    return closing.set_retention(db_session=db.session, clinic=db.session.get(Clinic, current_user.clinic_id),
                                 years=body["retention_years"])
