"""The sections of a patient's data export, one function each: (db_session, patient) -> data.

Everything the service holds about the patient, in the shapes the API uses where there is
one. Secrets are left out on purpose: password hash, invitation-code digests, session ids,
push endpoints' keys (a device is shown by its push service's host only).
"""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.domain import pacing
from server.models import (
    AccessLog, Assessment, AssessmentResponse, DiaryEntry, GroupAttendance, GroupMember, Invitation, LevelChange,
    LevelObservation, LoginSession, Notification, ProgramItem, ProgramSettings, PushSubscription, ReminderPreference,
    ReviewHandled, TrainingContract, TrainingGroup, User,
)
from server.services.messages import messages as message_threads
from server.services.privacy import access_log
from server.services.reminders import push
from server.services.training import contracts, diary, plan_state
from server.services.clock import local_today


def _columns(row, *skip: str) -> dict:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in skip}


def _all(db_session: Session, model, *where, order=None) -> list:
    return list(db_session.scalars(select(model).where(*where).order_by(*(order or (model.id,)))))


def profile(db_session: Session, patient: User) -> dict:
    record = patient.patient
    return {
        "id": patient.id, "name": patient.name, "email": patient.email, "locale": patient.locale,
        "timezone": patient.timezone, "created_at": patient.created_at, "clinic": patient.clinic.name,
        "role": patient.role, "active": patient.active, "record_created_at": record.created_at,
        "therapist": {"id": record.therapist.id, "name": record.therapist.name} if record.therapist else None,
        "activated_at": record.activated_at, "closed_at": record.closed_at,
        "part1_competent_at": record.part1_competent_at, "part1_note": record.part1_note,
    }


def program(db_session: Session, patient: User) -> dict:
    settings = db_session.get(ProgramSettings, patient.id)
    return {
        "settings": _columns(settings, "patient_id") if settings else None,
        "items": [_columns(i, "patient_id") for i in _all(db_session, ProgramItem, ProgramItem.patient_id == patient.id)],
        "level_history": [_columns(c, "patient_id") for c in
                          _all(db_session, LevelChange, LevelChange.patient_id == patient.id)],
        "level_observations": [_columns(o, "patient_id") for o in
                               _all(db_session, LevelObservation, LevelObservation.patient_id == patient.id)],
    }


def contract_versions(db_session: Session, patient: User) -> list[dict]:
    return [contracts.as_dict(c) for c in _all(db_session, TrainingContract, TrainingContract.patient_id == patient.id,
                                                order=(TrainingContract.version,))]


def diary_entries(db_session: Session, patient: User) -> list[dict]:
    """Every entry, deleted ones too (with `deleted_at`): the service still holds them."""
    entries = _all(db_session, DiaryEntry, DiaryEntry.patient_id == patient.id, order=(DiaryEntry.day, DiaryEntry.id))
    names = diary.item_names(db_session, entries)
    return [{**diary.as_dict(e, names), "deleted_at": e.deleted_at} for e in entries]


def pacing_decisions(db_session: Session, patient: User) -> list[dict]:
    """The general-training prescription at the start of each 14-day block of every contract version, to today."""
    today = local_today(patient.timezone)
    versions = _all(db_session, TrainingContract, TrainingContract.patient_id == patient.id,
                    order=(TrainingContract.version,))
    decisions = []
    for n, contract in enumerate(versions):
        ends = versions[n + 1].created_at.date() if n + 1 < len(versions) else today + timedelta(days=1)
        sessions = plan_state.training_sessions(db_session, patient.id, contract.start_date)
        day = contract.start_date
        while day < ends and day <= today:
            plan = pacing.prescribe(contracts.as_pacing(contract), sessions, day, locale=patient.locale)
            decisions.append({"contract_version": contract.version, "from": day, "minutes": plan.minutes,
                              "hard_minutes": plan.hard_minutes, "phase": plan.phase, "reason": plan.reason})
            day += timedelta(days=pacing.BLOCK_DAYS)
    return decisions


def assessments(db_session: Session, patient: User) -> list[dict]:
    found = []
    for assessment in _all(db_session, Assessment, Assessment.patient_id == patient.id, order=(Assessment.due_date,)):
        responses = _all(db_session, AssessmentResponse, AssessmentResponse.assessment_id == assessment.id)
        found.append({**_columns(assessment, "patient_id"),
                      "responses": [_columns(r, "assessment_id") for r in responses]})
    return found


def reminders(db_session: Session, patient: User) -> dict:
    devices = _all(db_session, PushSubscription, PushSubscription.user_id == patient.id)
    sent = _all(db_session, Notification, Notification.user_id == patient.id)
    chosen = db_session.get(ReminderPreference, patient.id)
    return {
        "settings": push.preferences(db_session, patient.id),
        "settings_changed_at": chosen.updated_at if chosen else None,
        "devices": [{"id": d.id, "push_service": urlsplit(d.endpoint).hostname, "created_at": d.created_at,
                     "last_success_at": d.last_success_at} for d in devices],
        "notifications": [_columns(n, "user_id", "claim_token", "claimed_until_ts") for n in sent],
    }


def groups(db_session: Session, patient: User) -> list[dict]:
    rows = db_session.execute(select(TrainingGroup, GroupMember.added_at).join(
        GroupMember, GroupMember.group_id == TrainingGroup.id).where(GroupMember.patient_id == patient.id)).all()
    marks = _all(db_session, GroupAttendance, GroupAttendance.patient_id == patient.id)
    return [{"id": group.id, "name": group.name, "start_date": group.start_date, "weeks": group.weeks,
             "weekdays": group.weekdays, "time": group.session_time, "added_at": added,
             "attendance": [{"date": m.session_date, "present": m.present, "recorded_at": m.recorded_at}
                            for m in marks if m.group_id == group.id]}
            for group, added in rows]


def account(db_session: Session, patient: User) -> dict:
    """Sign-in history without secrets: when invitations and sessions were made, used and ended."""
    invites = _all(db_session, Invitation, Invitation.user_id == patient.id)
    sessions = list(db_session.scalars(select(LoginSession).where(LoginSession.user_id == patient.id)
                                       .order_by(LoginSession.created_at)))
    return {
        "invitations": [_columns(i, "id", "user_id", "code_hash", "created_by_id") for i in invites],
        "sessions": [_columns(s, "id", "user_id") for s in sessions],
    }


def access(db_session: Session, patient: User) -> list[dict]:
    rows = _all(db_session, AccessLog, AccessLog.patient_id == patient.id, order=(AccessLog.id.desc(),))
    return [access_log.entry_dict(r, with_address=False) for r in rows]


def messages(db_session: Session, patient: User) -> list[dict]:
    """The patient's thread with their therapist, oldest first."""
    return message_threads.for_export(db_session, patient.id)


def reviews(db_session: Session, patient: User) -> list[dict]:
    """The review-queue items about the patient that their therapist marked handled, and by whom."""
    rows = db_session.execute(select(ReviewHandled, User.name).join(User, User.id == ReviewHandled.handled_by_id)
                              .where(ReviewHandled.patient_id == patient.id).order_by(ReviewHandled.id)).all()
    return [{**_columns(r, "patient_id"), "handled_by": name} for r, name in rows]
