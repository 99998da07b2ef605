"""Messages: one thread per patient, between the patient and their therapist.

A new message puts one push prompt for the other side in the outbox (kind "message"). Its payload
holds no text, only type, id, url and tag (server.jobs.send). A message is not a reminder: the
patient's reminder switches do not silence it, but quiet hours do (it waits until they end), and a
person without a registered device gets no prompt, only the unread count.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import and_, case, func, select, update
from sqlalchemy.orm import Session

from server.models import Message, Notification, PatientProfile, PushSubscription, User
from server.services.clock import now

KIND = "message"


def _side(user: User) -> str:
    return "patient" if user.role == "patient" else "therapist"


def as_dict(message: Message, names: dict[int, str]) -> dict:
    return {"id": message.id, "sender": message.sender_role, "sender_name": names.get(message.sender_id, ""),
            "body": message.body, "created_at": message.created_at, "read_at": message.read_at}


def thread(db_session: Session, patient: User, reader: User) -> dict:
    """The whole thread, oldest first; the other side's unread messages are marked read now.
    `unread` is how many of them were new to the reader in this read."""
    other = "therapist" if _side(reader) == "patient" else "patient"
    stamp = now()
    marked = db_session.execute(update(Message).where(
        Message.patient_id == patient.id, Message.sender_role == other, Message.read_at.is_(None))
        .values(read_at=stamp)).rowcount
    db_session.commit()
    messages = list(db_session.scalars(select(Message).where(Message.patient_id == patient.id)
                                       .order_by(Message.created_at, Message.id)))
    senders = {m.sender_id for m in messages}
    names = dict(db_session.execute(select(User.id, User.name).where(User.id.in_(senders))).all()) if senders else {}
    return {"messages": [as_dict(m, names) for m in messages], "unread": marked}


def _recipient(db_session: Session, patient: User, sender: User) -> User | None:
    if _side(sender) == "therapist":
        return patient
    profile = db_session.get(PatientProfile, patient.id)
    return db_session.get(User, profile.therapist_id) if profile and profile.therapist_id else None


def _prompt(db_session: Session, recipient: User | None, patient: User, message: Message) -> None:
    """One outbox row for the recipient's devices, sent by the push job as soon as it is not quiet time."""
    if recipient is None or not recipient.active or not db_session.scalar(
            select(PushSubscription.id).where(PushSubscription.user_id == recipient.id).limit(1)):
        return
    stamp = int(message.created_at.timestamp())
    db_session.add(Notification(user_id=recipient.id, kind=KIND, ref=str(patient.id), key=f"{KIND}:{message.id}",
                                scheduled_ts=stamp, next_attempt_ts=stamp, status="pending", attempts=0))


def send(*, db_session: Session, patient: User, sender: User, body: str) -> dict:
    message = Message(patient_id=patient.id, sender_id=sender.id, sender_role=_side(sender), body=body,
                      created_at=now())
    db_session.add(message)
    db_session.flush()
    _prompt(db_session, _recipient(db_session, patient, sender), patient, message)
    db_session.commit()
    return as_dict(message, {sender.id: sender.name})


def inbox(db_session: Session, therapist: User) -> list[dict]:
    """The therapist's threads with any message, the latest first, with the patient's unread messages."""
    unread = func.sum(case((and_(Message.sender_role == "patient", Message.read_at.is_(None)), 1), else_=0))
    rows = db_session.execute(
        select(User.id, User.name, func.max(Message.created_at), func.coalesce(unread, 0))
        .join(PatientProfile, PatientProfile.user_id == User.id).join(Message, Message.patient_id == User.id)
        .where(PatientProfile.therapist_id == therapist.id, User.clinic_id == therapist.clinic_id)
        .group_by(User.id, User.name).order_by(func.max(Message.created_at).desc()))
    return [{"patient_id": pid, "patient_name": name, "last_at": _aware(last), "unread": int(count)}
            for pid, name, last, count in rows]


def _aware(moment: datetime) -> datetime:
    """SQLite hands aggregates back without the column type, so without a zone: it is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def unread_for(db_session: Session, user: User) -> int:
    """What /me shows: a patient's unread replies; a therapist's unread messages from their own patients."""
    if user.role == "patient":
        query = select(func.count()).select_from(Message).where(
            Message.patient_id == user.id, Message.sender_role == "therapist", Message.read_at.is_(None))
    elif user.role == "therapist":
        query = (select(func.count()).select_from(Message)
                 .join(PatientProfile, PatientProfile.user_id == Message.patient_id)
                 .where(PatientProfile.therapist_id == user.id, Message.sender_role == "patient",
                        Message.read_at.is_(None)))
    else:
        return 0
    return db_session.scalar(query) or 0


def for_export(db_session: Session, patient_id: int) -> list[dict]:
    """The thread as it goes into the patient's own data export (issue 10): every message, oldest first."""
    rows = db_session.execute(select(Message, User.name).join(User, User.id == Message.sender_id)
                              .where(Message.patient_id == patient_id).order_by(Message.created_at, Message.id))
    return [as_dict(m, {m.sender_id: name}) for m, name in rows]
