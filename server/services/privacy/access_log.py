"""Writing and reading the access log.

A staff read of a patient's record writes its row before the view runs, in a transaction of its
own (one INSERT, one commit): when the row cannot be written, the request fails and nothing of
the record is shown. A staff write's row is written before the view too, but in the view's own
transaction, so it is stored with the change: a write the service refuses (a 4xx) leaves a
refused row with its status and error code instead, never "changed" for a change that did not
happen. Patients' own requests write nothing.
A staff member's refused attempt on a patient's record is a row too, with the answer's status
and error code (`refused`); the patient sees it as refused, the admin with its reason.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import case, func, insert, select
from sqlalchemy.orm import Session

from server.models import AccessLog, PatientProfile, User
from server.models.types import utcnow

SYSTEM = "system"


def record(db_session: Session, *, actor: User | None, patients: Iterable[tuple[int, int, bool]], kind: str,
           action: str, address: str | None, commit: bool = True, refused: tuple[int, str] | None = None,
           at: datetime | None = None) -> datetime:
    """One row per (patient id, clinic id, assigned); `actor` None is the system; `refused` (status, error
    code) marks an attempt that was turned away. Commits unless told not to (a job or a view that logs and
    changes the record in one transaction). Returns the rows' time."""
    at = at or utcnow()
    status, reason = refused if refused else (None, None)
    rows = [{"at": at, "clinic_id": clinic_id, "patient_id": patient_id, "assigned": assigned,
             "actor_id": actor.id if actor else None, "actor_role": actor.role if actor else SYSTEM,
             "actor_name": actor.name if actor else "BetterBack", "kind": kind, "action": action,
             "address": address[:45] if address else None, "refused_status": status,
             "refused_reason": reason[:40] if reason else None}
            for patient_id, clinic_id, assigned in patients]
    if not rows:
        return at
    db_session.execute(insert(AccessLog), rows)
    if commit:
        db_session.commit()
    return at


def written(db_session: Session, *, actor_id: int, patient_id: int, at: datetime) -> bool:
    """Whether the row `record` wrote for this actor, patient and time is stored (committed)."""
    return db_session.scalar(select(func.count()).select_from(AccessLog).where(
        AccessLog.actor_id == actor_id, AccessLog.patient_id == patient_id, AccessLog.at == at)) > 0


def entry_dict(row: AccessLog, *, with_address: bool) -> dict:
    data = {"id": row.id, "at": row.at, "actor": {"id": row.actor_id, "name": row.actor_name,
                                                   "role": row.actor_role},
            "kind": row.kind, "action": row.action, "assigned": row.assigned,
            "refused": row.refused_status is not None}
    if with_address:   # the clinic's view: its network, and why an attempt was turned away
        data.update(address=row.address, refused_status=row.refused_status, refused_reason=row.refused_reason)
    return data


def for_patient(db_session: Session, patient_id: int, *, before: int | None, limit: int) -> list[AccessLog]:
    """Newest first; `before` is the id of the last row of the previous page."""
    query = select(AccessLog).where(AccessLog.patient_id == patient_id)
    if before is not None:
        query = query.where(AccessLog.id < before)
    return list(db_session.scalars(query.order_by(AccessLog.id.desc()).limit(limit)))


def page(db_session: Session, patient_id: int, *, before: int | None, limit: int, with_address: bool) -> dict:
    rows = for_patient(db_session, patient_id, before=before, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return {"entries": [entry_dict(r, with_address=with_address) for r in rows],
            "next_before": rows[-1].id if more else None}


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (datetime.combine(start, time(0), timezone.utc),
            datetime.combine(end + timedelta(days=1), time(0), timezone.utc))


def report(db_session: Session, *, clinic_id: int, start: date, end: date) -> list[dict]:
    """Accesses per staff member and patient in [start, end] (UTC days), most unassigned, then most refused,
    first; `accesses` counts the refused attempts too."""
    low, high = _bounds(start, end)
    rows = db_session.execute(
        select(AccessLog.actor_id, AccessLog.actor_role, func.max(AccessLog.actor_name), AccessLog.patient_id,
               func.count(), func.sum(_not_assigned()), func.sum(_refused()), func.min(AccessLog.at),
               func.max(AccessLog.at))
        .where(AccessLog.clinic_id == clinic_id, AccessLog.at >= low, AccessLog.at < high)
        .group_by(AccessLog.actor_id, AccessLog.actor_role, AccessLog.patient_id)).all()
    kinds = _kinds(db_session, clinic_id, low, high)
    names = dict(db_session.execute(select(User.id, User.name).join(PatientProfile, PatientProfile.user_id == User.id)
                                    .where(User.id.in_({r[3] for r in rows}))).all())   # removed records: None
    found = [{
        "actor": {"id": actor_id, "role": role, "name": actor_name},
        "patient": {"id": patient_id, "name": names.get(patient_id)},
        "accesses": count, "unassigned": int(not_assigned or 0), "refused": int(refused or 0),
        "first_at": first, "last_at": last, "kinds": sorted(kinds.get((actor_id, role, patient_id), ())),
    } for actor_id, role, actor_name, patient_id, count, not_assigned, refused, first, last in rows]
    found.sort(key=lambda r: (-r["unassigned"], -r["refused"], r["actor"]["name"], r["patient"]["id"]))
    return found


def _not_assigned():
    return case((AccessLog.assigned.is_(False), 1), else_=0)


def _refused():
    return case((AccessLog.refused_status.is_not(None), 1), else_=0)


def _kinds(db_session: Session, clinic_id: int, low: datetime, high: datetime) -> dict[tuple, set[str]]:
    found: dict[tuple, set[str]] = {}
    for actor_id, role, patient_id, kind in db_session.execute(
            select(AccessLog.actor_id, AccessLog.actor_role, AccessLog.patient_id, AccessLog.kind).distinct()
            .where(AccessLog.clinic_id == clinic_id, AccessLog.at >= low, AccessLog.at < high)):
        found.setdefault((actor_id, role, patient_id), set()).add(kind)
    return found


CSV_COLUMNS = ["staff_id", "staff_name", "staff_role", "patient_id", "patient_name", "accesses",
               "not_assigned", "refused", "first_at", "last_at", "kinds"]


def report_csv(rows: list[dict]) -> str:
    """The report as CSV; `not_assigned` > 0 marks accesses to patients not assigned to the reader, `refused`
    the attempts that were turned away."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([_cell(v) for v in (
            r["actor"]["id"] or "", r["actor"]["name"], r["actor"]["role"], r["patient"]["id"],
            r["patient"]["name"] or "", r["accesses"], r["unassigned"], r["refused"], r["first_at"].isoformat(),
            r["last_at"].isoformat(), " ".join(r["kinds"]))])
    return out.getvalue()


def _cell(value):
    """Spreadsheets run cells that start with = + - @ as formulas; a leading quote keeps them text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else value
