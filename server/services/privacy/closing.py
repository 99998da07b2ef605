"""Closing a patient's account, the clinic's retention period, and removing records after it.

Closing stops everything at once (sign-in, sessions, reminders, devices, invitations) and
keeps the record; the scheduled job server/jobs/retention.py deletes it once the clinic's
retention period has passed (server/domain/retention.py).
"""
from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from server.domain import retention
from server.models.types import utcnow
from server.models import Clinic, Invitation, Notification, PushSubscription, User
from server.services.accounts.accounts import revoke_all_sessions
from server.services.errors import Invalid
from server.services.accounts.patients import as_dict


def clinic_dict(clinic: Clinic) -> dict:
    return {"id": clinic.id, "name": clinic.name, "retention_years": clinic.retention_years,
            "minimum_retention_years": retention.MIN_YEARS}


def set_retention(*, db_session: Session, clinic: Clinic, years: int) -> dict:
    problem = retention.years_problem(years)
    if problem:
        raise Invalid("retention_too_short" if years < retention.MIN_YEARS else "retention_too_long",
                      field="retention_years", minimum=retention.MIN_YEARS, maximum=retention.MAX_YEARS)
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
