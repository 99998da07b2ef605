"""Patients: creation by a therapist, invitations, the basic record, transfers."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from server.domain.accounts import format_invite_code, normalise_email, normalise_invite_code
from server.models import Invitation, PatientProfile, User
from server.models.types import utcnow
from server.security import digest, hash_password, new_invite_code
from server.services.accounts import add_account, check_password_policy, revoke_all_sessions
from server.services.errors import Conflict, Invalid, NotFound
from server.services.flags import care_flags


def as_dict(patient: User) -> dict:
    profile = patient.patient
    therapist = profile.therapist if profile else None
    return {
        "id": patient.id, "name": patient.name, "email": patient.email, "locale": patient.locale,
        "timezone": patient.timezone, "created_at": patient.created_at,
        "status": "active" if profile and profile.activated_at else "invited",
        "therapist": {"id": therapist.id, "name": therapist.name} if therapist else None,
    }


def _issue_invite(db_session: Session, patient: User, actor: User, ttl: timedelta) -> tuple[str, datetime]:
    db_session.execute(
        update(Invitation)
        .where(Invitation.user_id == patient.id, Invitation.used_at.is_(None), Invitation.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    code = new_invite_code()
    expires = utcnow() + ttl
    db_session.add(Invitation(user_id=patient.id, code_hash=digest(code), created_by_id=actor.id, expires_at=expires))
    return format_invite_code(code), expires


def create_patient(*, db_session: Session, therapist: User, name: str, email: str, locale: str,
                   timezone: str, invite_ttl: timedelta) -> dict:
    patient = User(clinic_id=therapist.clinic_id, email=normalise_email(email), name=name.strip(),
                   role="patient", locale=locale, timezone=timezone)
    patient.patient = PatientProfile(therapist_id=therapist.id)
    add_account(db_session, patient)
    code, expires = _issue_invite(db_session, patient, therapist, invite_ttl)
    db_session.commit()
    return {**as_dict(patient), "invite_code": code, "invite_expires_at": expires}


def reissue_invite(*, db_session: Session, patient: User, actor: User, invite_ttl: timedelta) -> dict:
    """A new code; older ones stop working. For a patient who already has a password (forgotten, or a
    lost phone) it also signs out every device of theirs: the code sets a new password."""
    if patient.patient.activated_at is not None:
        revoke_all_sessions(db_session=db_session, user_id=patient.id)
    code, expires = _issue_invite(db_session, patient, actor, invite_ttl)
    db_session.commit()
    return {"invite_code": code, "invite_expires_at": expires}


def accept_invite(*, db_session: Session, code: str, password: str) -> User:
    """Set the patient's password with a valid code; the code can be used only once."""
    canonical = normalise_invite_code(code)
    invitation = db_session.scalar(
        select(Invitation).where(Invitation.code_hash == digest(canonical))) if canonical else None
    if invitation is None:
        raise NotFound("This invitation code is not valid. Check it or ask your physiotherapist.", field="code",
                       code="invalid_code")
    if invitation.used_at is not None:
        raise Conflict("This invitation code has already been used.", field="code", code="invite_used")
    if invitation.revoked_at is not None:
        raise Conflict("This invitation code has been replaced by a newer one.", field="code",
                       code="invite_replaced")
    now = utcnow()
    if invitation.expires_at <= now:
        raise Conflict("This invitation code has expired. Ask your physiotherapist for a new one.",
                       field="code", code="invite_expired")
    patient = db_session.get(User, invitation.user_id)
    check_password_policy(password, email=patient.email)
    claimed = db_session.execute(
        update(Invitation).where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=now)
    ).rowcount
    if claimed != 1:  # a concurrent request used it first
        db_session.rollback()
        raise Conflict("This invitation code has already been used.", field="code", code="invite_used")
    patient.password_hash = hash_password(password)
    if patient.patient.activated_at is None:
        patient.patient.activated_at = now
    revoke_all_sessions(db_session=db_session, user_id=patient.id)  # a new password: old devices sign in again
    db_session.commit()
    return patient


def list_patients(*, db_session: Session, viewer: User, today: date) -> list[dict]:
    """A therapist's own patients with their flags; for an admin every patient of the clinic, no flags."""
    query = (select(User).join(PatientProfile, PatientProfile.user_id == User.id)
             .options(joinedload(User.patient).joinedload(PatientProfile.therapist))
             .where(User.clinic_id == viewer.clinic_id).order_by(User.name, User.id))
    if viewer.role == "therapist":
        query = query.where(PatientProfile.therapist_id == viewer.id)
    patients = list(db_session.scalars(query).unique())
    if viewer.role != "therapist":
        return [as_dict(p) for p in patients]
    flags = care_flags(db_session, [p.patient for p in patients], today)
    return [{**as_dict(p), "flags": flags.get(p.id, [])} for p in patients]


def update_patient(*, db_session: Session, patient: User, actor: User, changes: dict) -> dict:
    if actor.role == "patient" and "name" in changes:
        # The name is the clinic's record; a patient changes only their own settings.
        raise Invalid("Ask your physiotherapist to change your name.", field="name")
    for key, value in changes.items():
        setattr(patient, key, value.strip() if isinstance(value, str) else value)
    db_session.commit()
    return as_dict(patient)


def transfer(*, db_session: Session, patient: User, therapist_id: int) -> dict:
    therapist = db_session.get(User, therapist_id)
    if therapist is None or therapist.role != "therapist" or therapist.clinic_id != patient.clinic_id \
            or not therapist.active:
        raise NotFound("No active therapist with this id in the clinic.", field="therapist_id")
    patient.patient.therapist_id = therapist.id
    db_session.commit()
    db_session.refresh(patient.patient)
    return as_dict(patient)
