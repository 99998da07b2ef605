"""Exports of outcome scores: a clinic CSV and a FHIR R4 Bundle of QuestionnaireResponses (and coded totals)."""
from __future__ import annotations

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.domain import wording
from server.domain.proms import INSTRUMENTS
from server.domain.reminders import TIMEPOINTS
from server.models import Assessment, AssessmentResponse, PatientProfile, User
from server.services.episode import fhir as episode_fhir
from server.services.proms import assessments

CSV_INSTRUMENTS = ("nrs", "odi", "eq5d3l", "bipq", "startback", "pei", "pgic", "satisfaction")
WORKCARE = ("sick_leave_days", "work_status", "care_visits", "specialist")
# Each instrument's wording: a pack's source and version, "own wording", the demo's warning, or "not collected".
WORDING_COLUMNS = [f"{i}_wording" for i in CSV_INSTRUMENTS]
SCORE_COLUMNS = [f"{i}_total" for i in CSV_INSTRUMENTS] + ["nrs_back", "nrs_leg", "eq5d3l_vas", "startback_band",
                                                           "odi_band", *WORKCARE, *WORDING_COLUMNS]
NOT_COLLECTED = f"{wording.MISSING_LABEL} (see {wording.README_PATH})"
# The LOINC code and UCUM unit of each total that has one (NRS has no total: back and leg are two items).
LOINC = {"odi": ("97908-8", "%")}
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"


def _rows(db_session: Session, viewer: User):
    query = (select(User, Assessment, AssessmentResponse)
             .join(PatientProfile, PatientProfile.user_id == User.id)
             .join(Assessment, Assessment.patient_id == User.id)
             .outerjoin(AssessmentResponse, AssessmentResponse.assessment_id == Assessment.id)
             .where(User.clinic_id == viewer.clinic_id, PatientProfile.therapist_id == viewer.id,
                    Assessment.completed_at.is_not(None))
             .order_by(User.id, Assessment.due_date))
    return db_session.execute(query).all()   # the viewer's own patients only, whoever asks


def clinic_csv(db_session: Session, viewer: User) -> tuple[str, list[tuple[int, int, bool]]]:
    """One row per patient and time point: patient id, time point, dates, then the scores.

    Also returns (patient id, clinic id, assigned) of every patient in it, for the access log."""
    table: dict[tuple[int, str], dict] = {}
    rows = _rows(db_session, viewer)
    for patient, assessment, response in rows:
        row = table.setdefault((patient.id, assessment.timepoint), {
            "patient_id": patient.id, "timepoint": assessment.timepoint, "due_date": assessment.due_date,
            "completed_at": assessment.completed_at.isoformat() if assessment.completed_at else "",
            **{f"{i}_wording": NOT_COLLECTED for i in assessment.instruments if i in CSV_INSTRUMENTS}})
        if response is None:
            continue
        row[f"{response.instrument}_total"] = response.total
        row[f"{response.instrument}_wording"] = wording.describe(response.wording)
        if response.instrument == "nrs":
            row["nrs_back"], row["nrs_leg"] = response.subscales.get("back"), response.subscales.get("leg")
        if response.instrument == "eq5d3l":
            row["eq5d3l_vas"] = response.subscales.get("vas")
        if response.instrument == "workcare":
            row.update({key: response.subscales.get(key) for key in WORKCARE})
        if response.instrument in ("startback", "odi"):
            row[f"{response.instrument}_band"] = response.band
    out = io.StringIO()
    writer = csv.DictWriter(out, ["patient_id", "timepoint", "due_date", "completed_at", *SCORE_COLUMNS],
                            extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    order = {point: n for n, point in enumerate(TIMEPOINTS)}
    for key in sorted(table, key=lambda k: (k[0], order[k[1]])):
        writer.writerow(table[key])
    seen = {patient.id: patient for patient, _a, _r in rows}
    return out.getvalue(), [(p.id, p.clinic_id, p.patient.therapist_id == viewer.id) for p in seen.values()]


def _item(key: str, value) -> dict:
    answer = {"valueInteger": value} if isinstance(value, int) and not isinstance(value, bool) else None
    return {"linkId": key, **({"answer": [answer]} if answer else {})}


def _response(assessment: Assessment, response: AssessmentResponse, patient: User, base_url: str) -> dict:
    """The answers as items, and the total (when the instrument has one) as the item `total-score`."""
    items = [_item(k, v) for k, v in response.answers.items()]
    if response.total is not None:
        items.append({"linkId": "total-score", "answer": [{"valueDecimal": response.total}]})
    return {
        "resourceType": "QuestionnaireResponse", "id": f"qr-{response.id}", "status": "completed",
        "questionnaire": f"{base_url}/fhir/Questionnaire/{response.instrument}",
        "subject": {"reference": f"Patient/{patient.id}"},
        "authored": response.created_at.isoformat(),
        "extension": [{"url": f"{base_url}/fhir/StructureDefinition/timepoint", "valueString": assessment.timepoint}],
        "item": items,
    }


def _score(response: AssessmentResponse, resource: dict) -> dict:
    """A LOINC-coded total as an Observation derived from its response (R4 has no code on a response's item)."""
    code, unit = LOINC[response.instrument]
    return {
        "resourceType": "Observation", "id": f"score-{response.id}", "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": code}],
                 "text": INSTRUMENTS[response.instrument].title},
        "subject": resource["subject"], "effectiveDateTime": resource["authored"],
        "valueQuantity": {"value": response.total, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit},
        "derivedFrom": [{"reference": f"QuestionnaireResponse/{resource['id']}"}],
    }


def _wording_marks(response: AssessmentResponse, base_url: str) -> dict:
    """The wording extension on every response, and the demo's warning as a meta tag."""
    marks = {"extension": [{"url": f"{base_url}/fhir/StructureDefinition/wording",
                            "valueString": wording.describe(response.wording)}]}
    if wording.label(response.wording):
        marks["meta"] = {"tag": [{"system": f"{base_url}/fhir/CodeSystem/wording", "code": "demo-wording",
                                  "display": wording.DEMO_LABEL}]}
    return marks


def _not_collected(patient: User, missing: list[dict]) -> dict:
    """One OperationOutcome listing what was not collected, and why."""
    return {"resourceType": "OperationOutcome", "id": f"not-collected-{patient.id}", "issue": [{
        "severity": "information", "code": "informational",
        "diagnostics": f"{m['instrument']} at {m['timepoint']}: {NOT_COLLECTED}"} for m in missing]}


def fhir_bundle(db_session: Session, patient: User, base_url: str) -> dict:
    """A collection Bundle: one QuestionnaireResponse per instrument and time point, scores as items, each
    with the wording it was given in; an Observation beside each total that has a LOINC code; an
    OperationOutcome naming what was not collected for want of wording; then the care episodes."""
    rows = db_session.execute(select(Assessment, AssessmentResponse).join(
        AssessmentResponse, AssessmentResponse.assessment_id == Assessment.id)
        .where(Assessment.patient_id == patient.id).order_by(Assessment.due_date, AssessmentResponse.instrument)).all()
    resources = []
    for assessment, response in rows:
        resource = _response(assessment, response, patient, base_url)
        marks = _wording_marks(response, base_url)
        resource["extension"] += marks.pop("extension")
        resource.update(marks)
        resources.append(resource)
        if response.total is not None and response.instrument in LOINC:
            resources.append(_score(response, resource))
    missing = assessments.not_collected(db_session, [patient.id]).get(patient.id)
    if missing:
        resources.append(_not_collected(patient, missing))
    resources += episode_fhir.resources(db_session, patient, base_url)
    # No `total`: R4 allows it on search and history bundles only (bdl-1).
    return {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": f"{base_url}/fhir/{r['resourceType']}/{r['id']}", "resource": r} for r in resources]}
