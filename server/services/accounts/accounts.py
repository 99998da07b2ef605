"""Signing in and out, server-side login sessions, passwords, staff accounts."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, lazyload

from server.domain.accounts import normalise_email, password_problems
from server.models import Clinic, LoginSession, User
from server.models.types import utcnow
from server.security import hash_password, needs_rehash, new_password, new_token, verify_password
from server.services.errors import Conflict, Invalid, NotFound, Unauthorized

TOUCH_EVERY = timedelta(minutes=5)


def check_password_policy(password: str, *, email: str | None, field: str = "password") -> None:
    problems = password_problems(password, email=email)
    if problems:
        raise Invalid("password_weak", field=field)


def authenticate(*, db_session: Session, email: str, password: str, clinic_id: int | None = None) -> User:
    """The active user with these credentials, or Unauthorized (the same reply for every failure).

    Exactly one password verification per attempt, whatever the address matches, so its timing tells
    nothing: no account that can sign in (a dummy hash), one, or one in each of several clinics. An address
    with accounts in several clinics signs in to the one `clinic_id` names, else to its oldest account that
    can sign in (active, with a password: an invitation not yet accepted has none).
    """
    query = select(User).where(User.email == normalise_email(email), User.active.is_(True),
                               User.password_hash.is_not(None))
    if clinic_id is not None:
        query = query.where(User.clinic_id == clinic_id)
    user = db_session.scalars(query.order_by(User.id).limit(1)).first()
    if not verify_password(user.password_hash if user else None, password) or user is None:
        raise Unauthorized("login_failed")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db_session.commit()
    return user


def start_session(*, db_session: Session, user: User) -> str:
    token = new_token()
    db_session.add(LoginSession(id=token, user_id=user.id))
    db_session.commit()
    return token


# Built once (SQLAlchemy then reuses its compiled form): the session's two columns, the user and,
# for a patient, their record in one statement; the clinic loads only if a request reads it.
_SESSION_USER = (
    select(User, LoginSession.revoked_at, LoginSession.last_seen_at)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(LoginSession.id == bindparam("token"), User.id == bindparam("user_id"))
    .options(joinedload(User.patient), lazyload(User.clinic)))


def load_session_user(*, db_session: Session, user_id: int, token: str | None, idle_days: int) -> User | None:
    """The user of a live login session; None once it is revoked, idle too long or the user is inactive.
    Sets `user.session_touched` when it records activity (every TOUCH_EVERY), so the caller can renew
    the cookie then rather than on every response."""
    if not token:
        return None
    row = db_session.execute(_SESSION_USER, {"token": token, "user_id": user_id}).first()
    if row is None:
        return None
    user, revoked_at, last_seen_at = row
    now = utcnow()
    if revoked_at is not None or now - last_seen_at > timedelta(days=idle_days) or not user.active:
        return None
    if now - last_seen_at > TOUCH_EVERY:
        db_session.execute(update(LoginSession).where(LoginSession.id == token).values(last_seen_at=now))
        db_session.commit()
        user.session_touched = True
    return user


def end_session(*, db_session: Session, token: str | None) -> None:
    if token:
        db_session.execute(
            update(LoginSession).where(LoginSession.id == token, LoginSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        db_session.commit()


def revoke_all_sessions(*, db_session: Session, user_id: int, keep: str | None = None) -> None:
    query = update(LoginSession).where(LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None))
    if keep:
        query = query.where(LoginSession.id != keep)
    db_session.execute(query.values(revoked_at=utcnow()))


def change_password(*, db_session: Session, user: User, current: str, new: str, keep_session: str | None) -> None:
    if not verify_password(user.password_hash, current):
        raise Invalid("password_wrong", field="current_password")
    check_password_policy(new, email=user.email, field="new_password")
    user.password_hash = hash_password(new)
    revoke_all_sessions(db_session=db_session, user_id=user.id, keep=keep_session)
    db_session.commit()


def existing_clinic(*, db_session: Session, name: str, create: bool = False) -> Clinic:
    """The clinic of that exact name. A name that matches none is refused with the names there are (a typo
    never makes a clinic), unless `create` asks for a new one or there is no clinic yet: the installation's
    first clinic cannot be a misspelling of another."""
    clinic = db_session.scalar(select(Clinic).where(Clinic.name == name))
    if clinic is not None:
        return clinic
    names = db_session.scalars(select(Clinic.name).order_by(Clinic.name)).all()
    if create or not names:
        return get_or_create_clinic(db_session=db_session, name=name)
    raise NotFound("clinic_not_found", field="clinic", name=name, names=", ".join(f'"{n}"' for n in names))


def get_or_create_clinic(*, db_session: Session, name: str) -> Clinic:
    clinic = db_session.scalar(select(Clinic).where(Clinic.name == name))
    if clinic is None:
        clinic = Clinic(name=name)
        db_session.add(clinic)
        db_session.flush()
    return clinic


def create_staff(*, db_session: Session, clinic: Clinic, email: str, name: str, role: str,
                 password: str | None = None, locale: str = "sv", timezone: str = "Europe/Stockholm"
                 ) -> tuple[User, str]:
    """A new staff account; returns it with its password (generated when none is given)."""
    email = normalise_email(email)
    password = password or new_password()
    check_password_policy(password, email=email)
    user = add_account(db_session, User(clinic_id=clinic.id, email=email, name=name, role=role, locale=locale,
                                        timezone=timezone, password_hash=hash_password(password)))
    db_session.commit()
    return user, password


def add_account(db_session: Session, user: User) -> User:
    """Add a new account; 409 naming the e-mail when it is taken (e-mails are unique)."""
    db_session.add(user)
    try:
        db_session.flush()
    except IntegrityError:
        db_session.rollback()
        raise Conflict("email_taken", field="email") from None
    return user


def staff_dict(user: User) -> dict:
    return {key: getattr(user, key) for key in
            ("id", "email", "name", "role", "locale", "timezone", "clinic", "active", "created_at")}


def list_staff(*, db_session: Session, clinic_id: int) -> list[User]:
    return list(db_session.scalars(
        select(User).where(User.clinic_id == clinic_id, User.role != "patient").order_by(User.name)
    ))


def possible_supervisors(*, db_session: Session, clinic_id: int) -> list[User]:
    return list(db_session.scalars(select(User).where(
        User.clinic_id == clinic_id, User.role.in_(("supervisor", "therapist")), User.active.is_(True))
        .order_by(User.role, User.name)))   # supervisors first


def update_staff(*, db_session: Session, actor: User, member: User, changes: dict) -> User:
    if member.id == actor.id and (changes.get("active") is False or changes.get("role", "admin") != "admin"):
        raise Conflict("cannot_demote_self", field="active")
    for key, value in changes.items():
        setattr(member, key, value)
    if changes.get("active") is False:
        revoke_all_sessions(db_session=db_session, user_id=member.id)
    db_session.commit()
    return member


def set_password(*, db_session: Session, email: str, password: str, clinic: str | None = None) -> User:
    query = select(User).where(User.email == normalise_email(email))
    if clinic:
        query = query.join(Clinic, Clinic.id == User.clinic_id).where(Clinic.name == clinic)
    users = list(db_session.scalars(query))
    if not users:
        raise NotFound("account_not_found", field="email")
    if len(users) > 1:
        raise Conflict("account_ambiguous", field="email")
    user = users[0]
    check_password_policy(password, email=user.email)
    user.password_hash = hash_password(password)
    revoke_all_sessions(db_session=db_session, user_id=user.id)
    db_session.commit()
    return user
