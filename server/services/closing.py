"""Closing a patient's account, the clinic's retention period, and removing records after it.

Closing stops everything at once (sign-in, sessions, reminders, devices, invitations) and
keeps the record; the scheduled job `remove_expired` deletes it once the clinic's retention
period has passed (server/domain/retention.py). The access log is never removed by the app.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from server.domain import retention
from server.models import (
    Clinic, Invitation, LoginSession, Notification, PatientProfile, PushSubscription, User,
)
from server.services import access_log
from server.services.accounts import revoke_all_sessions
from server.services.errors import Invalid
from server.services.patients import as_dict
from server.models.types import utcnow


def clinic_dict(clinic: Clinic) -> dict:
    return {"id": clinic.id, "name": clinic.name, "retention_years": clinic.retention_years,
            "minimum_retention_years": retention.MIN_YEARS}


def set_retention(*, db_session: Session, clinic: Clinic, years: int) -> dict:
    problem = retention.years_problem(years)
    if problem:
        raise Invalid(problem, field="retention_years", code="retention_too_short"
                      if years < retention.MIN_YEARS else "retention_too_long")
    clinic.retention_years = years
    db_session.commit()
    return clinic_dict(clinic)


def close_account(*, db_session: Session, patient: User, actor: User) -> dict:
    """Stop sign-in and reminders now; keep the record for the retention period."""
    now = utcnow()
    patient.active = False
    patient.patient.closed_at, patient.patient.closed_by_id = now, actor.id
    revoke_all_sessions(db_session=db_session, user_id=patient.id)
    db_session.execute(delete(PushSubscription).where(PushSubscription.user_id == patient.id))
    db_session.execute(update(Notification).where(
        Notification.user_id == patient.id, Notification.status.in_(("pending", "sending")))
        .values(status="skipped", claim_token=None))
    db_session.execute(update(Invitation).where(
        Invitation.user_id == patient.id, Invitation.used_at.is_(None), Invitation.revoked_at.is_(None))
        .values(revoked_at=now))
    db_session.commit()
    return as_dict(patient)


def kept_until(closed_at: datetime, years: int) -> date:
    return retention.keep_until(closed_at.date(), years)


def remove_expired(db_session: Session, now: datetime) -> int:
    """Delete the records whose retention period has passed; returns how many. Safe to run twice."""
    rows = db_session.execute(select(User, PatientProfile.closed_at, Clinic.retention_years)
                              .join(PatientProfile, PatientProfile.user_id == User.id)
                              .join(Clinic, Clinic.id == User.clinic_id)
                              .where(PatientProfile.closed_at.is_not(None))).all()
    removed = 0
    for patient, closed_at, years in rows:
        if retention.removable(closed_at.date(), years, now.date()):
            _remove(db_session, patient)
            removed += 1
    return removed


def _remove(db_session: Session, patient: User) -> None:
    """The clinical record goes (ON DELETE CASCADE from `patients`); the account row stays as an
    anonymous tombstone, so its id is never reused and the access log never points at someone else."""
    access_log.record(db_session, actor=None, patients=[(patient.id, patient.clinic_id, True)], kind="removal",
                      action="write", address=None)
    for model, column in ((LoginSession, LoginSession.user_id), (Invitation, Invitation.user_id),
                          (PushSubscription, PushSubscription.user_id), (Notification, Notification.user_id),
                          (PatientProfile, PatientProfile.user_id)):
        db_session.execute(delete(model).where(column == patient.id))
    patient.name, patient.email = "Removed record", f"removed-{patient.id}@invalid"
    patient.password_hash, patient.active = None, False
    db_session.commit()
