"""Remove closed records whose retention period has passed (run hourly by the scheduler).

What goes: the clinical record (ON DELETE CASCADE from `patients`: program, contracts, diary,
assessments, groups, reminder settings) and the account's sessions, invitations, devices and
outbox rows. What stays: an anonymous tombstone of the account row, so its id is never given
to someone else, and the access log, which the app never deletes (it is evidence of who read
the record; its own removal is a database administrator's decision).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server.domain import retention
from server.models import Clinic, Invitation, LoginSession, Notification, PatientProfile, PushSubscription, User
from server.services.privacy import access_log


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
                      action="write", address=None, commit=False)   # logged and removed together, or neither
    for model, column in ((LoginSession, LoginSession.user_id), (Invitation, Invitation.user_id),
                          (PushSubscription, PushSubscription.user_id), (Notification, Notification.user_id),
                          (PatientProfile, PatientProfile.user_id)):
        db_session.execute(delete(model).where(column == patient.id))
    patient.name, patient.email = "Removed record", f"removed-{patient.id}@invalid"
    patient.password_hash, patient.active = None, False
    db_session.commit()
