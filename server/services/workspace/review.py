"""The review queue: the therapist's patients who need them now, each with why and what to do.

An item is (patient, reason, since): its id is derived from those three (domain.caseload.item_id),
so the same occurrence keeps its id and a handled item stays handled; when the condition ends and
comes back, `since` is new and so is the item.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from server.domain import caseload as rules
from server.models import PatientProfile, ReviewHandled, User
from server.services.workspace import caseload, caseload_data
from server.services.clock import now
from server.services.errors import NotFound

URGENCY = {reason: n for n, reason in enumerate(caseload.CHECKS)}


def _patients(db_session: Session, therapist: User) -> list[User]:
    return list(db_session.scalars(
        select(User).join(PatientProfile, PatientProfile.user_id == User.id)
        .options(joinedload(User.patient))
        .where(User.clinic_id == therapist.clinic_id, PatientProfile.therapist_id == therapist.id,
               User.active.is_(True))).unique())


def _items(db_session: Session, therapist: User, today: date, *, with_handled: bool = False) -> list[dict]:
    patients = _patients(db_session, therapist)
    rows = caseload.load(db_session, [p.patient for p in patients], today, therapist.timezone)
    done = caseload_data.handled(db_session, [p.id for p in patients])
    considered = caseload_data.considerations(db_session, [p.id for p in patients])
    items = []
    for patient in patients:
        for flag in caseload.flags(patient.patient, rows, today):
            if (patient.id, flag["code"], flag["since"]) in done and not with_handled:
                continue
            items.append({"id": rules.item_id(patient.id, flag["code"], flag["since"]), "patient_id": patient.id,
                          "patient_name": patient.name, "reason": flag["code"], "detail": flag["detail"],
                          "since": flag["since"], "action": flag["evidence"],
                          "considerations": considered.get(patient.id, [])})
    items.sort(key=lambda i: (URGENCY[i["reason"]], i["since"], i["patient_name"]))
    return items


def queue(db_session: Session, therapist: User, today: date) -> dict:
    return {"items": _items(db_session, therapist, today)}


def find(db_session: Session, therapist: User, item_id: int, today: date) -> dict:
    """The item with this id in the therapist's own queue (handled ones too, so marking twice is harmless);
    404 otherwise, also for another therapist's items."""
    item = next((i for i in _items(db_session, therapist, today, with_handled=True) if i["id"] == item_id), None)
    if item is None:
        raise NotFound("review_item_not_found")
    return item


def mark_handled(*, db_session: Session, therapist: User, item: dict) -> dict:
    stamp = now()
    db_session.add(ReviewHandled(patient_id=item["patient_id"], reason=item["reason"], since=item["since"],
                                 handled_by_id=therapist.id, handled_at=stamp))
    try:
        db_session.commit()
    except IntegrityError:    # marked a moment ago by a second tab: already handled is the wanted state
        db_session.rollback()
    row = db_session.scalar(select(ReviewHandled).where(
        ReviewHandled.patient_id == item["patient_id"], ReviewHandled.reason == item["reason"],
        ReviewHandled.since == item["since"]))
    return {"id": item["id"], "patient_id": row.patient_id, "reason": row.reason, "since": row.since,
            "handled_by_id": row.handled_by_id, "handled_at": row.handled_at}
