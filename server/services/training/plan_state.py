"""Keeping the plan's derived state right: the plan generation, and the pacing state stored per block.

Every write that can change a patient's day plan (diary, program, Part 2 calendar, contract, group
membership or group calendar; the care episode, its red-flag outcomes and resumes, which pause care)
bumps the patient's `plan_generation` in the same transaction, and a diary change on day D also
deletes the stored pacing blocks that start after D. For the diary the database does both, in the
statement that writes the entry (triggers, migration 0009_diary_plan_triggers), so no write path,
Core or ORM, can forget it and a diary entry costs no extra statement. For the other tables an ORM hook (`before_flush`, installed by `install()`) does it
for every ORM write; Core writes to them call `changed()` themselves.

The generation also guards the stores against a race: a reader stores what it computed only if
the generation is still the one it saw before reading (`_still_current`, which holds the patient's
row lock, PostgreSQL, or the database's write lock, SQLite, until the store commits), and every
writer bumps the generation before it deletes. So a block computed from a diary that changed
meanwhile is never kept.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlalchemy import bindparam, delete, event, select, update
from sqlalchemy.orm import Session

from server.db import insert_ignoring_duplicates
from server.domain import pacing
from server.models import (
    CareEpisode, CareResume, DiaryEntry, GroupMember, PacingBlock, PatientProfile, ProgramItem, ProgramSettings,
    RedFlagRecord, ReviewHandled, TrainingContract, TrainingGroup,
)
from server.services.training.contracts import as_pacing

# Stored states are valid for the rules that made them: any edit of server/domain/pacing.py (a new
# rule, a fixed threshold) changes this digest, and the rows of older rules are ignored.
RULES = hashlib.sha256(Path(pacing.__file__).read_bytes()).hexdigest()[:16]
# The care episode, its red-flag records and resumes: pausing or resuming care changes the plan.
# ReviewHandled: a handled `rom_worse` item puts a held range-of-movement exercise back on Today.
PER_PATIENT = (ProgramItem, ProgramSettings, TrainingContract, GroupMember, CareEpisode, RedFlagRecord, CareResume,
               ReviewHandled)


# Built once: SQLAlchemy reuses its compiled form on every plan-changing write.
_BUMP = (update(PatientProfile).where(PatientProfile.user_id.in_(bindparam("ids", expanding=True)))
         .values(plan_generation=PatientProfile.plan_generation + 1))


def changed(db_session: Session, patient_ids: Iterable[int]) -> None:
    """Bump the plan generation of these patients (a diary write's bump is the database's: see above)."""
    ids = sorted(set(patient_ids))
    if not ids:
        return
    connection = db_session.connection()   # Core: no autoflush, so safe inside a flush hook
    connection.execute(_BUMP, {"ids": ids})


def _before_flush(db_session: Session, _context, _instances) -> None:
    patients, contracts, groups = set(), set(), set()
    for obj in (*db_session.new, *db_session.dirty, *db_session.deleted):
        if isinstance(obj, PER_PATIENT):   # diary entries: the database's triggers (see the module's text)
            patients.add(obj.patient_id)
            if isinstance(obj, TrainingContract) and obj.id is not None and obj not in db_session.new:
                contracts.add(obj.id)
        elif isinstance(obj, TrainingGroup) and obj.id is not None:
            groups.add(obj.id)
    if groups:
        patients |= set(db_session.connection().scalars(
            select(GroupMember.patient_id).where(GroupMember.group_id.in_(groups))))
    changed(db_session, patients)
    if contracts:   # a contract edited in place: its blocks start afresh
        db_session.connection().execute(delete(PacingBlock).where(PacingBlock.contract_id.in_(contracts)))


def install() -> None:
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)


def _still_current(db_session: Session, patient_id: int, generation: int) -> bool:
    """Lock the patient's row (a no-op update) and say whether its generation is still `generation`."""
    result = db_session.execute(update(PatientProfile).where(
        PatientProfile.user_id == patient_id, PatientProfile.plan_generation == generation)
        .values(plan_generation=PatientProfile.plan_generation), execution_options={"synchronize_session": False})
    return result.rowcount == 1


def prescription(db_session: Session, patient_id: int, generation: int, contract: TrainingContract, on: date,
                 bad_day: bool, locale: str) -> pacing.Prescription:
    """pacing.prescribe's answer, resumed from the latest stored block instead of replayed from the start."""
    rules = as_pacing(contract)
    current = pacing.block_of(rules, on)
    stored = db_session.execute(
        select(PacingBlock.block, PacingBlock.state).where(
            PacingBlock.contract_id == contract.id, PacingBlock.rules == RULES, PacingBlock.block <= current)
        .order_by(PacingBlock.block.desc()).limit(1)).first()
    block, state = (stored[0], pacing.state_from_json(stored[1])) if stored else (0, pacing.initial_state(rules))
    sessions = training_sessions(db_session, patient_id, pacing.block_start(rules, block))
    states = pacing.replay(rules, state, block, sessions, on)
    if states:
        _store(db_session, patient_id, generation, contract.id, rules, states)
        state = states[-1][1]
    return pacing.prescribe_in_block(rules, state, sessions, on, bad_day, locale=locale)


def training_sessions(db_session: Session, patient_id: int, since: date) -> list[pacing.LoggedSession]:
    """The general-training sessions from `since` that the pacing rules judge: columns only, no ORM objects."""
    rows = db_session.execute(select(DiaryEntry.day, DiaryEntry.minutes, DiaryEntry.rpe, DiaryEntry.bad_day,
                                     DiaryEntry.hard_minutes).where(
        DiaryEntry.patient_id == patient_id, DiaryEntry.deleted_at.is_(None), DiaryEntry.day >= since,
        DiaryEntry.minutes.is_not(None)))
    return [pacing.LoggedSession(day, minutes, rpe, bad_day, hard or 0) for day, minutes, rpe, bad_day, hard in rows]


def _store(db_session: Session, patient_id: int, generation: int, contract_id: int, rules: pacing.Contract,
           states: list) -> None:
    if _still_current(db_session, patient_id, generation):
        db_session.execute(insert_ignoring_duplicates(db_session, PacingBlock), [
            {"contract_id": contract_id, "rules": RULES, "block": index, "patient_id": patient_id,
             "block_start": pacing.block_start(rules, index), "state": pacing.state_to_json(state)}
            for index, state in states])
    db_session.commit()
