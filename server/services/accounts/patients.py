"""Patients: creation by a therapist, invitations, the basic record, transfers."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from server.domain.retention import keep_until
from server.domain.accounts import format_invite_code, normalise_email, normalise_invite_code
from server.models import Invitation, PatientProfile, User
from server.models.types import utcnow
from server.security import digest, hash_password, new_invite_code
from server.services.episode import episodes
from server.services.proms import assessments
from server.services.workspace import caseload
from server.services.accounts.accounts import add_account, check_password_policy, revoke_all_sessions
from server.services.clock import local_today
from server.services.errors import Conflict, Invalid, NotFound
from server.services.privacy.records import require_writable


def as_dict(patient: User) -> dict:
    profile = patient.patient
    therapist = profile.therapist if profile else None
    return {
        "id": patient.id, "name": patient.name, "email": patient.email, "locale": patient.locale,
        "timezone": patient.timezone, "created_at": patient.created_at,
        "status": _status(profile),
        "therapist": {"id": therapist.id, "name": therapist.name} if therapist else None,
        "closed_at": profile.closed_at if profile else None,
        "kept_until": keep_until(profile.closed_at.date(), patient.clinic.retention_years)
        if profile and profile.closed_at else None,
    }


def _status(profile: PatientProfile | None) -> str:
    if profile and profile.closed_at:
        return "closed"
    return "active" if profile and profile.activated_at else "invited"


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
                   timezone: str, invite_ttl: timedelta, audit: Callable[[User], None] | None = None) -> dict:
    """`audit` adds the access-log row of the new record in the same transaction (the API's caller)."""
    patient = User(clinic_id=therapist.clinic_id, email=normalise_email(email), name=name.strip(),
                   role="patient", locale=locale, timezone=timezone)
    patient.patient = PatientProfile(therapist_id=therapist.id)
    add_account(db_session, patient)
    code, expires = _issue_invite(db_session, patient, therapist, invite_ttl)
    db_session.flush()
    # the baseline questionnaires are due at the first visit, before any treatment (issue 9)
    assessments.ensure_schedule(db_session, patient.id, baseline=local_today(timezone))
    if audit is not None:
        audit(patient)
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
        raise NotFound("invite_invalid", field="code")
    if invitation.used_at is not None:
        raise Conflict("invite_used", field="code")
    if invitation.revoked_at is not None:
        raise Conflict("invite_replaced", field="code")
    now = utcnow()
    if invitation.expires_at <= now:
        raise Conflict("invite_expired", field="code")
    patient = db_session.get(User, invitation.user_id)
    require_writable(patient.patient, field="code")
    check_password_policy(password, email=patient.email)
    claimed = db_session.execute(
        update(Invitation).where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=now)
    ).rowcount
    if claimed != 1:  # a concurrent request used it first
        db_session.rollback()
        raise Conflict("invite_used", field="code")
    patient.password_hash = hash_password(password)
    if patient.patient.activated_at is None:
        patient.patient.activated_at = now
    revoke_all_sessions(db_session=db_session, user_id=patient.id)  # a new password: old devices sign in again
    db_session.commit()
    return patient


def list_patients(*, db_session: Session, viewer: User, today: date) -> list[dict]:
    """A therapist's own patients with where they are, how training goes and their flags (a fixed number
    of statements for the whole list); for an admin every patient of the clinic, no clinical data."""
    query = (select(User).join(PatientProfile, PatientProfile.user_id == User.id)
             .options(joinedload(User.patient).joinedload(PatientProfile.therapist))
             .where(User.clinic_id == viewer.clinic_id).order_by(User.name, User.id))
    if viewer.role == "therapist":
        query = query.where(PatientProfile.therapist_id == viewer.id)
    patients = list(db_session.scalars(query).unique())
    if viewer.role != "therapist":
        return [as_dict(p) for p in patients]
    open_ = [p for p in patients if p.patient.closed_at is None]
    rows = caseload.load(db_session, [p.patient for p in open_], today, viewer.timezone)
    clinical = {p.id: caseload.overview(p.patient, rows, today) for p in open_}
    episode = episodes.summaries(db_session, [p.id for p in patients])
    return [{**as_dict(p), "flags": [], **clinical.get(p.id, {}), **episode.get(p.id, {})} for p in patients]


def update_patient(*, db_session: Session, patient: User, actor: User, changes: dict) -> dict:
    if actor.role == "patient" and "name" in changes:
        # The name is the clinic's record; a patient changes only their own settings.
        raise Invalid("name_locked", field="name")
    for key, value in changes.items():
        setattr(patient, key, value.strip() if isinstance(value, str) else value)
    db_session.commit()
    return as_dict(patient)


def transfer(*, db_session: Session, patient: User, therapist_id: int) -> dict:
    therapist = db_session.get(User, therapist_id)
    if therapist is None or therapist.role != "therapist" or therapist.clinic_id != patient.clinic_id \
            or not therapist.active:
        raise NotFound("therapist_not_found", field="therapist_id")
    patient.patient.therapist_id = therapist.id
    db_session.commit()
    db_session.refresh(patient.patient)
    return as_dict(patient)
