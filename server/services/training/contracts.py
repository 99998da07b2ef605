"""The training contract: therapist revisions as versions, acceptance by the patient.

A revision that keeps the capable minutes carries the pacing state over (issue 17): the new version's
block 0 starts from the minutes and hard minutes the previous version had reached on the new start
date, so changing the training days or the reminder never drops the prescription. A new capable-minutes
figure is a new assessment and restarts at 80 % of it (pacing rule 0).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.domain import pacing
from server.domain.pacing import Contract, start_minutes_for
from server.models import TrainingContract, User
from server.services.clock import now
from server.services.episode import care
from server.services.errors import Conflict, NotFound


def current(db_session: Session, patient_id: int) -> TrainingContract | None:
    return db_session.scalar(select(TrainingContract).where(TrainingContract.patient_id == patient_id)
                             .order_by(TrainingContract.version.desc()).limit(1))


def current_start(db_session: Session, patient_id: int) -> date | None:
    """The current version's start date, or None without a contract: one column, no ORM object."""
    return db_session.scalar(select(TrainingContract.start_date).where(TrainingContract.patient_id == patient_id)
                             .order_by(TrainingContract.version.desc()).limit(1))


def require_current(db_session: Session, patient_id: int) -> TrainingContract:
    contract = current(db_session, patient_id)
    if contract is None:
        raise NotFound("no_contract")
    return contract


def as_pacing(contract: TrainingContract) -> Contract:
    return Contract(contract.start_date, contract.start_minutes, contract.goal_minutes,
                    contract.sessions_per_week, contract.goal_hard_minutes,
                    start_hard_minutes=contract.start_hard_minutes or 0, carried_over=bool(contract.carried_over))


def as_dict(contract: TrainingContract) -> dict:
    data = {c.key: getattr(contract, c.key) for c in TrainingContract.__table__.columns}
    data["accepted"] = contract.accepted_at is not None
    return data


def _start(db_session: Session, previous: TrainingContract | None, body: dict) -> dict:
    """Block 0 of a new version: carried over from `previous` when the capable minutes are the same,
    else 80 % of the capable minutes without hard minutes."""
    if previous is None or previous.capable_minutes != body["capable_minutes"]:
        return {"start_minutes": start_minutes_for(body["capable_minutes"]), "start_hard_minutes": 0,
                "carried_over": False}
    from server.services.training.plan_state import training_sessions   # plan_state imports this module

    sessions = training_sessions(db_session, previous.patient_id, previous.start_date)
    reached = pacing.state_on(as_pacing(previous), sessions, body["start_date"])
    revised = Contract(body["start_date"], reached.minutes, body["goal_minutes"], body["sessions_per_week"],
                       body["goal_hard_minutes"])
    minutes, hard = pacing.carried_start(revised, reached)
    return {"start_minutes": minutes, "start_hard_minutes": hard, "carried_over": True}


def revise(*, db_session: Session, patient: User, actor: User, body: dict) -> dict:
    """A new version, to be accepted again; the block count restarts from its start date, at the pacing
    state reached (same capable minutes) or at 80 % of the capable minutes (a new assessment)."""
    care.require_may_treat(db_session, patient.id)
    previous = current(db_session, patient.id)
    contract = TrainingContract(
        patient_id=patient.id, version=(previous.version + 1) if previous else 1, created_by_id=actor.id,
        **_start(db_session, previous, body), **body)
    db_session.add(contract)
    db_session.commit()
    return as_dict(contract)


def accept(*, db_session: Session, patient: User, version: int) -> dict:
    contract = require_current(db_session, patient.id)
    if contract.version != version:
        # Older than the current one: it was revised since the patient opened it. Newer: no such version.
        if version < contract.version:
            raise Conflict("contract_revised", field="version", version=contract.version, accepted=version)
        raise Conflict("contract_version_unknown", field="version", version=version, current=contract.version)
    if contract.accepted_at is not None:
        raise Conflict("already_accepted")
    contract.accepted_at = now()
    db_session.commit()
    return as_dict(contract)
