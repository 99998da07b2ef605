"""Outcome questionnaires: the schedule per patient, drafts, scored responses, change over time."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.domain import proms, reminders
from server.models import Assessment, AssessmentResponse, Notification, User
from server.services.clock import now
from server.services.errors import Conflict, Invalid, NotFound


def ensure_schedule(db_session: Session, patient_id: int, baseline: date) -> None:
    """Create the four assessments once, when the program starts; later calls change nothing."""
    if db_session.scalar(select(Assessment.id).where(Assessment.patient_id == patient_id).limit(1)):
        return
    for due in reminders.schedule(baseline):
        db_session.add(Assessment(patient_id=patient_id, timepoint=due.timepoint, due_date=due.due_date,
                                  closes_date=due.closes_date, instruments=list(due.instruments)))
    try:
        db_session.flush()
    except IntegrityError:  # created by a concurrent request
        db_session.rollback()


def as_dict(assessment: Assessment, today: date) -> dict:
    return {"id": assessment.id, "timepoint": assessment.timepoint, "due_date": assessment.due_date,
            "closes_date": assessment.closes_date, "instruments": assessment.instruments,
            "status": reminders.status(assessment.due_date, assessment.closes_date,
                                       assessment.completed_at is not None, today),
            "completed_at": assessment.completed_at, "draft": assessment.draft}


def for_patient(db_session: Session, patient_id: int) -> list[Assessment]:
    return list(db_session.scalars(select(Assessment).where(Assessment.patient_id == patient_id)
                                   .order_by(Assessment.due_date)))


def get(db_session: Session, patient_id: int, assessment_id: int) -> Assessment:
    assessment = db_session.get(Assessment, assessment_id)
    if assessment is None or assessment.patient_id != patient_id:
        raise NotFound("questionnaire_not_found")
    return assessment


def _checked(assessment: Assessment, answers: dict) -> dict[str, dict]:
    """Answers per instrument of this assessment, every code checked against the instrument."""
    for instrument, values in answers.items():
        if instrument not in assessment.instruments:
            raise Invalid("instrument_not_included", field="answers", instrument=instrument)
        try:
            proms.score(instrument, values)
        except proms.AnswerError as error:
            raise Invalid("answer_invalid", field="answers", instrument=error.instrument, item=error.item or "-") from None
    return answers


def _require_open(assessment: Assessment, today: date) -> None:
    state = reminders.status(assessment.due_date, assessment.closes_date, assessment.completed_at is not None, today)
    if state != "open":
        raise Conflict(f"assessment_{state}", date=assessment.due_date.isoformat())


def save_draft(*, db_session: Session, assessment: Assessment, answers: dict, today: date) -> dict:
    _require_open(assessment, today)
    assessment.draft = {"answers": _checked(assessment, answers)}
    db_session.commit()
    return as_dict(assessment, today)


def submit(*, db_session: Session, assessment: Assessment, answers: dict, today: date) -> dict:
    """Score and store every instrument; the assessment is then complete and its reminders stop."""
    _require_open(assessment, today)
    _checked(assessment, answers)
    missing = [i for i in assessment.instruments if i not in answers]
    if missing:
        raise Invalid("answers_missing", field="answers", instruments=", ".join(missing))
    stamp = now()
    claimed = db_session.execute(update(Assessment).where(
        Assessment.id == assessment.id, Assessment.completed_at.is_(None)).values(completed_at=stamp, draft=None))
    if claimed.rowcount != 1:
        db_session.rollback()
        raise Conflict("assessment_completed")
    for instrument in assessment.instruments:
        result = proms.score(instrument, answers[instrument])
        db_session.add(AssessmentResponse(
            assessment_id=assessment.id, instrument=instrument, answers=answers[instrument],
            value_set=proms.INSTRUMENTS[instrument].default_value_set, total=result.total, band=result.band,
            subscales=dict(result.subscales), complete=result.complete))
    db_session.execute(update(Notification).where(
        Notification.kind == "questionnaire", Notification.ref == str(assessment.id),
        Notification.status == "pending").values(status="skipped"))
    db_session.commit()
    db_session.refresh(assessment)
    return as_dict(assessment, today)


def _score_of(response: AssessmentResponse) -> proms.Score:
    return proms.Score(response.total, response.subscales, response.band, response.complete)


def scores(db_session: Session, patient: User) -> dict:
    """Every scored instrument per time point, with change from baseline judged by its threshold."""
    rows = db_session.execute(
        select(Assessment.timepoint, AssessmentResponse).join(AssessmentResponse,
                                                              AssessmentResponse.assessment_id == Assessment.id)
        .where(Assessment.patient_id == patient.id).order_by(Assessment.due_date, AssessmentResponse.instrument)).all()
    baseline = {r.instrument: r for point, r in rows if point == "baseline"}
    result, startback = [], None
    for point, response in rows:
        change = None
        first = baseline.get(response.instrument)
        if point != "baseline" and (first is not None or response.instrument == "pgic"):
            judged = proms.important_change(response.instrument, _score_of(first) if first else proms.Score(
                None, {}, None, False), _score_of(response))
            value = (response.total - first.total) if first and first.total is not None and response.total is not None \
                else None
            change = {"value": value, "judgement": judged} if judged or value is not None else None
        if response.instrument == "startback" and response.band:
            startback = response.band
        result.append({"instrument": response.instrument, "timepoint": point, "total": response.total,
                       "band": response.band, "subscales": response.subscales, "complete": response.complete,
                       "answered_at": response.created_at, "change": change})
    return {"timepoints": list(reminders.TIMEPOINTS), "scores": result, "startback_group": startback}
