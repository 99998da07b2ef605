"""Outcome questionnaires: the schedule per patient, drafts, scored responses, change over time."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.domain import proms, reminders, wording
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


def _answered(db_session: Session, assessment_ids: list[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for assessment_id, instrument in db_session.execute(select(
            AssessmentResponse.assessment_id, AssessmentResponse.instrument)
            .where(AssessmentResponse.assessment_id.in_(assessment_ids))):
        found.setdefault(assessment_id, set()).add(instrument)
    return found


def as_dict(assessment: Assessment, today: date, *, locale: str, packs: wording.Packs,
            answered: set[str] | None = None) -> dict:
    """`instruments`: those asked (a completed one: those answered); `not_collected`: the rest, with why."""
    if assessment.completed_at is not None and answered is not None:
        asked = [i for i in assessment.instruments if i in answered]
        left_out = [{"instrument": i, "reason": wording.MISSING_REASON} for i in assessment.instruments
                    if i not in answered]
    else:
        asked, left_out = wording.split(assessment.instruments, locale, packs)
    return {"id": assessment.id, "timepoint": assessment.timepoint, "due_date": assessment.due_date,
            "closes_date": assessment.closes_date, "instruments": asked, "not_collected": left_out,
            "status": reminders.status(assessment.due_date, assessment.closes_date,
                                       assessment.completed_at is not None, today),
            "completed_at": assessment.completed_at, "draft": _draft(assessment.draft, asked)}


def _draft(draft: dict | None, asked: list[str]) -> dict | None:
    """The draft's answers to the instruments asked: a draft saved before a pack went missing (or before
    the wording gate) must not carry answers the patient cannot send."""
    if not draft:
        return draft
    return {"answers": {k: v for k, v in (draft.get("answers") or {}).items() if k in asked}}


def listed(db_session: Session, patient: User, today: date, packs: wording.Packs) -> list[dict]:
    """The patient's four assessments, each with what is asked in their language and what is not collected."""
    found = for_patient(db_session, patient.id)
    answered = _answered(db_session, [a.id for a in found if a.completed_at is not None])
    return [as_dict(a, today, locale=patient.locale, packs=packs, answered=answered.get(a.id, set())) for a in found]


def for_patient(db_session: Session, patient_id: int) -> list[Assessment]:
    return list(db_session.scalars(select(Assessment).where(Assessment.patient_id == patient_id)
                                   .order_by(Assessment.due_date)))


def get(db_session: Session, patient_id: int, assessment_id: int) -> Assessment:
    assessment = db_session.get(Assessment, assessment_id)
    if assessment is None or assessment.patient_id != patient_id:
        raise NotFound("questionnaire_not_found")
    return assessment


def _checked(assessment: Assessment, answers: dict, asked: list[str]) -> dict[str, dict]:
    """Answers per instrument of this assessment, every code checked against the instrument."""
    for instrument, values in answers.items():
        if instrument not in assessment.instruments:
            raise Invalid("instrument_not_included", field="answers", instrument=instrument)
        if instrument not in asked:   # never scored: the patient was not given its validated wording
            raise Invalid("licensed_wording_missing", field="answers", instrument=instrument)
        try:
            proms.score(instrument, values)
        except proms.AnswerError as error:
            raise Invalid("answer_invalid", field="answers", instrument=error.instrument, item=error.item or "-") from None
    return answers


def _require_open(assessment: Assessment, today: date) -> None:
    state = reminders.status(assessment.due_date, assessment.closes_date, assessment.completed_at is not None, today)
    if state != "open":
        raise Conflict(f"assessment_{state}", date=assessment.due_date.isoformat())


def save_draft(*, db_session: Session, assessment: Assessment, answers: dict, today: date, locale: str,
               packs: wording.Packs) -> dict:
    _require_open(assessment, today)
    asked, _left_out = wording.split(assessment.instruments, locale, packs)
    assessment.draft = {"answers": _checked(assessment, answers, asked)}
    db_session.commit()
    return as_dict(assessment, today, locale=locale, packs=packs)


def submit(*, db_session: Session, assessment: Assessment, answers: dict, today: date, locale: str,
           packs: wording.Packs) -> dict:
    """Score and store every instrument asked in the patient's language, each with the wording it was given
    in; the assessment is then complete and its reminders stop. The others are not collected."""
    _require_open(assessment, today)
    asked, _left_out = wording.split(assessment.instruments, locale, packs)
    _checked(assessment, answers, asked)
    missing = [i for i in asked if i not in answers]
    if missing:
        raise Invalid("answers_missing", field="answers", instruments=", ".join(missing))
    stamp = now()
    claimed = db_session.execute(update(Assessment).where(
        Assessment.id == assessment.id, Assessment.completed_at.is_(None)).values(completed_at=stamp, draft=None))
    if claimed.rowcount != 1:
        db_session.rollback()
        raise Conflict("assessment_completed")
    for instrument in asked:
        result = proms.score(instrument, answers[instrument])
        db_session.add(AssessmentResponse(
            assessment_id=assessment.id, instrument=instrument, answers=answers[instrument],
            value_set=proms.INSTRUMENTS[instrument].default_value_set, total=result.total, band=result.band,
            subscales=dict(result.subscales), complete=result.complete,
            wording=wording.wording_for(instrument, locale, packs).as_json()))
    db_session.execute(update(Notification).where(
        Notification.kind == "questionnaire", Notification.ref == str(assessment.id),
        Notification.status == "pending").values(status="skipped"))
    db_session.commit()
    db_session.refresh(assessment)
    return as_dict(assessment, today, locale=locale, packs=packs, answered=set(asked))


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
                       "answered_at": response.created_at, "change": change, "wording": response.wording,
                       "wording_label": wording.label(response.wording)})
    return {"timepoints": list(reminders.TIMEPOINTS), "scores": result, "startback_group": startback,
            "not_collected": not_collected(db_session, [patient.id]).get(patient.id, [])}


def not_collected(db_session: Session, patient_ids: list[int]) -> dict[int, list[dict]]:
    """Per patient: each instrument of a completed assessment that was not asked for want of licensed wording."""
    rows = db_session.execute(select(Assessment, AssessmentResponse.instrument).outerjoin(
        AssessmentResponse, AssessmentResponse.assessment_id == Assessment.id)
        .where(Assessment.patient_id.in_(patient_ids), Assessment.completed_at.is_not(None))
        .order_by(Assessment.due_date)).all()
    answered: dict[int, set[str]] = {}
    for assessment, instrument in rows:
        answered.setdefault(assessment.id, set()).add(instrument)
    found: dict[int, list[dict]] = {}
    for assessment in dict.fromkeys(a for a, _i in rows):
        for instrument in assessment.instruments:
            if instrument not in answered[assessment.id]:
                found.setdefault(assessment.patient_id, []).append({
                    "timepoint": assessment.timepoint, "instrument": instrument, "reason": wording.MISSING_REASON,
                    "label": wording.MISSING_LABEL, "help": wording.README_PATH})
    return found
