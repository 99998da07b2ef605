"""Supervised group training: groups, members, attendance and the adherence review."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.domain import adherence
from server.domain.program import session_dates
from server.models import GroupAttendance, GroupMember, GroupSessionNote, PatientProfile, TrainingGroup, User
from server.services.training import contracts, diary
from server.services.clock import now
from server.services.privacy.records import require_writable
from server.services.episode import care
from server.services.errors import Conflict, Invalid, NotFound


def _supervisor(db_session: Session, clinic_id: int, user_id: int) -> User:
    user = db_session.get(User, user_id)
    if user is None or user.clinic_id != clinic_id or user.role not in ("supervisor", "therapist") or not user.active:
        raise Invalid("supervisor_invalid", field="supervisor_id")
    return user


def as_dict(db_session: Session, group: TrainingGroup) -> dict:
    data = {c.key: getattr(group, c.key) for c in TrainingGroup.__table__.columns}
    data["time"] = data.pop("session_time")
    data["session_dates"] = session_dates(group.start_date, group.weeks, group.weekdays)
    data["member_count"] = db_session.scalar(select(func.count()).select_from(GroupMember)
                                             .where(GroupMember.group_id == group.id))
    return data


def create(*, db_session: Session, actor: User, body: dict) -> dict:
    _supervisor(db_session, actor.clinic_id, body["supervisor_id"])
    group = TrainingGroup(clinic_id=actor.clinic_id, created_by_id=actor.id, session_time=body.pop("time"), **body)
    db_session.add(group)
    db_session.flush()
    data = as_dict(db_session, group)   # built before the commit: what cannot be shown is not saved
    db_session.commit()
    return data


def update(*, db_session: Session, group: TrainingGroup, changes: dict) -> dict:
    if "supervisor_id" in changes:
        _supervisor(db_session, group.clinic_id, changes["supervisor_id"])
    if "time" in changes:
        changes["session_time"] = changes.pop("time")
    for key, value in changes.items():
        setattr(group, key, value)
    db_session.flush()
    data = as_dict(db_session, group)
    db_session.commit()
    return data


def visible(db_session: Session, viewer: User) -> list[dict]:
    query = select(TrainingGroup).where(TrainingGroup.clinic_id == viewer.clinic_id)
    if viewer.role == "supervisor":
        query = query.where(TrainingGroup.supervisor_id == viewer.id)
    return [as_dict(db_session, g) for g in db_session.scalars(query.order_by(TrainingGroup.start_date.desc()))]


def members(db_session: Session, group_id: int) -> list[User]:
    return list(db_session.scalars(select(User).join(GroupMember, GroupMember.patient_id == User.id)
                                   .where(GroupMember.group_id == group_id).order_by(User.name)))


def _may_place(db_session: Session, group: TrainingGroup, actor: User, patient_id: int) -> bool:
    """One rule for adding and removing: the patient's own therapist, or the clinic admin."""
    patient = db_session.get(User, patient_id)
    profile = db_session.get(PatientProfile, patient_id)
    return profile is not None and patient.clinic_id == group.clinic_id and (
        actor.role == "admin" or profile.therapist_id == actor.id)


def add_member(*, db_session: Session, group: TrainingGroup, actor: User, patient_id: int) -> None:
    if not _may_place(db_session, group, actor, patient_id):
        raise NotFound("patient_not_found", field="patient_id")
    require_writable(db_session.get(PatientProfile, patient_id), field="patient_id")
    care.require_not_paused(db_session, patient_id)
    db_session.add(GroupMember(group_id=group.id, patient_id=patient_id))
    try:
        db_session.commit()
    except IntegrityError:
        db_session.rollback()
        raise Conflict("already_member", field="patient_id") from None


def is_their_patient(db_session: Session, user: User, patient_id: int) -> bool:
    profile = db_session.get(PatientProfile, patient_id)
    return profile is not None and profile.therapist_id == user.id


def remove_member(*, db_session: Session, group: TrainingGroup, actor: User, patient_id: int) -> None:
    member = db_session.get(GroupMember, (group.id, patient_id))
    if member is None or not _may_place(db_session, group, actor, patient_id):
        raise NotFound("not_member")
    require_writable(db_session.get(PatientProfile, patient_id), field="patient_id", location="path")
    db_session.delete(member)
    db_session.commit()


def record_attendance(*, db_session: Session, group: TrainingGroup, actor: User, day: date, today: date,
                      rows: list[dict], note: str | None = None, set_note: bool = False) -> list[dict]:
    if day not in session_dates(group.start_date, group.weeks, group.weekdays):
        raise Invalid("no_session_on_date", field="date", location="path")
    if day > today:
        raise Invalid("attendance_too_early", field="date", location="path")
    member_ids = {m.id for m in members(db_session, group.id)}
    unknown = [r["patient_id"] for r in rows if r["patient_id"] not in member_ids]
    if unknown:
        raise Invalid("not_member", field="attendance")
    for row in rows:   # all rows or none: a closed member's attendance is part of a closed record
        require_writable(db_session.get(PatientProfile, row["patient_id"]), field="attendance")
    existing = {a.patient_id: a for a in db_session.scalars(select(GroupAttendance).where(
        GroupAttendance.group_id == group.id, GroupAttendance.session_date == day))}
    for row in rows:
        record = existing.get(row["patient_id"])
        if record is None:
            db_session.add(GroupAttendance(group_id=group.id, patient_id=row["patient_id"], session_date=day,
                                           present=row["present"], recorded_by_id=actor.id))
        else:
            record.present, record.recorded_by_id, record.recorded_at = row["present"], actor.id, now()
    if set_note:
        _set_note(db_session, group, actor, day, note)
    db_session.commit()
    return attendance(db_session, group.id, day)


def attendance(db_session: Session, group_id: int, day: date) -> list[dict]:
    rows = db_session.scalars(select(GroupAttendance).where(GroupAttendance.group_id == group_id,
                                                            GroupAttendance.session_date == day))
    return [{"patient_id": r.patient_id, "present": r.present} for r in rows]


def _attendance_by_member(db_session: Session, group_id: int) -> dict[int, dict[date, bool]]:
    found: dict[int, dict[date, bool]] = {}
    for row in db_session.scalars(select(GroupAttendance).where(GroupAttendance.group_id == group_id)):
        found.setdefault(row.patient_id, {})[row.session_date] = row.present
    return found


def adherence_review(db_session: Session, group: TrainingGroup, today: date) -> dict:
    """Per member: group attendance, diary sessions vs the contract, and who needs a word. Sessions held
    before today without a mark are unrecorded and flagged, never counted as attended. A closed member's
    row keeps their history; sessions after the closing day are not theirs to miss, and nobody can give a
    closed account a word, so it has no flags."""
    held = [d for d in session_dates(group.start_date, group.weeks, group.weekdays) if d <= today]
    people = members(db_session, group.id)
    marks = _attendance_by_member(db_session, group.id)
    last_days = diary.last_days(db_session, [p.id for p in people])
    rows = []
    for person in people:
        recorded = [marks.get(person.id, {}).get(d) for d in held]
        attended = [mark for mark in recorded if mark is not None]
        closed = person.patient.closed_at
        until = min(today, closed.date()) if closed else today
        judged = [marks.get(person.id, {}).get(d) for d in held if d < until]
        contract = contracts.current(db_session, person.id)
        since = max(group.start_date, contract.start_date) if contract else group.start_date
        facts = diary.facts(db_session, person.id, since)
        weeks = adherence.weekly_summaries(since, contract.sessions_per_week, facts, today) if contract else []
        rows.append({
            "patient_id": person.id, "name": person.name,
            "sessions_held": len(held), "attended": sum(attended), "recorded": len(attended),
            "attendance_percent": round(100 * sum(attended) / len(attended)) if attended else None,
            "unrecorded": sum(1 for mark in judged if mark is None),
            "diary_sessions": sum(w.done for w in weeks), "planned_sessions": sum(w.planned for w in weeks),
            "mean_rpe_14_days": adherence.recent_mean_rpe(facts, today),
            "last_diary_date": last_days.get(person.id),
            "flags": [] if closed else adherence.attendance_flags(judged) + adherence.flags(
                attendance=[], last_diary_day=last_days.get(person.id), diary_since=since, facts=facts, today=today),
        })
    unrecorded = [d for d in held if d < today and not any(d in marks.get(p.id, {}) for p in people)]
    return {"group_id": group.id, "sessions_held": len(held), "members": rows, "unrecorded_sessions": unrecorded,
            "needs_a_word": [r["patient_id"] for r in rows if r["flags"]]}


def sessions(db_session: Session, group: TrainingGroup, today: date) -> list[dict]:
    """The sessions held so far, today's first and then the latest first, each with whether attendance
    was taken (any mark), how many were marked present/absent, and the session note."""
    held = [d for d in session_dates(group.start_date, group.weeks, group.weekdays) if d <= today]
    counts: dict[date, list[int]] = {}
    for day, present in db_session.execute(select(GroupAttendance.session_date, GroupAttendance.present).where(
            GroupAttendance.group_id == group.id)):
        counts.setdefault(day, [0, 0])[0 if present else 1] += 1
    notes = dict(db_session.execute(select(GroupSessionNote.session_date, GroupSessionNote.note).where(
        GroupSessionNote.group_id == group.id)).all())
    ordered = sorted(held, key=lambda d: (d != today, -d.toordinal()))
    return [{"date": d, "today": d == today, "recorded": d in counts, "present": counts.get(d, [0, 0])[0],
             "absent": counts.get(d, [0, 0])[1], "note": notes.get(d)} for d in ordered]


def session_note(db_session: Session, group_id: int, day: date) -> str | None:
    return db_session.scalar(select(GroupSessionNote.note).where(GroupSessionNote.group_id == group_id,
                                                                  GroupSessionNote.session_date == day))


def _set_note(db_session: Session, group: TrainingGroup, actor: User, day: date, note: str | None) -> None:
    """A blank note removes the note; anything else replaces it, with who and when."""
    row = db_session.scalar(select(GroupSessionNote).where(GroupSessionNote.group_id == group.id,
                                                           GroupSessionNote.session_date == day))
    text = (note or "").strip()
    if not text:
        if row is not None:
            db_session.delete(row)
        return
    if row is None:
        db_session.add(GroupSessionNote(group_id=group.id, session_date=day, note=text, recorded_by_id=actor.id))
    else:
        row.note, row.recorded_by_id, row.recorded_at = text, actor.id, now()
