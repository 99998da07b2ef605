"""The training contract: therapist revisions as versions, acceptance by the patient."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

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
                    contract.sessions_per_week, contract.goal_hard_minutes)


def as_dict(contract: TrainingContract) -> dict:
    data = {c.key: getattr(contract, c.key) for c in TrainingContract.__table__.columns}
    data["accepted"] = contract.accepted_at is not None
    return data


def revise(*, db_session: Session, patient: User, actor: User, body: dict) -> dict:
    """A new version: start minutes are 80 % of capable minutes, and the block count restarts."""
    care.require_may_treat(db_session, patient.id)
    previous = current(db_session, patient.id)
    contract = TrainingContract(
        patient_id=patient.id, version=(previous.version + 1) if previous else 1, created_by_id=actor.id,
        start_minutes=start_minutes_for(body["capable_minutes"]), **body)
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
