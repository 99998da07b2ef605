"""The stored pacing state gives what a full replay gives, whatever the diary does and whatever the rules are.

The oracle is `pacing.prescribe` over the whole diary read fresh from the database; the stored path
is `plan_state.prescription`, which resumes from the latest stored block. Random contracts and random
sequences of diary writes (through the diary service: the Core insert, ORM edits that move days,
deletes), contract revisions and plan requests for random days run on SQLite and on PostgreSQL
(TEST_DATABASE_URL). Nothing here names a rule, so the test holds for any rules in server/domain/pacing.py.
"""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, time, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import func, insert, select, text

from server.domain import pacing
from server.extensions import db
from server.models import DiaryEntry, PacingBlock, PatientProfile, User
from server.services.episode import episodes
from server.services.training import contracts, diary, plan_state
from server.services.errors import Conflict, Invalid

START = date(2024, 1, 1)
FAR = START + timedelta(days=400)   # "today" for the diary service: every test day is in the past

contract_params = st.fixed_dictionaries({
    "capable_minutes": st.integers(5, 50), "goal_minutes": st.integers(10, 70),
    "sessions_per_week": st.integers(1, 3), "goal_hard_minutes": st.integers(0, 25),
})
day = st.integers(0, 56)
bad = st.sampled_from([False] * 5 + [True])   # mostly counted sessions, so judgements change
log = st.tuples(st.just("log"), day, st.integers(5, 60), st.integers(6, 20), bad, st.integers(0, 20))
edit = st.tuples(st.just("edit"), st.integers(0, 50), day, st.integers(6, 20), bad)
remove = st.tuples(st.just("delete"), st.integers(0, 50))
revise = st.tuples(st.just("revise"), contract_params, st.integers(0, 30))
ask = st.tuples(st.just("plan"), st.integers(0, 70), st.booleans())
operations = st.lists(st.one_of(log, log, log, ask, ask, ask, edit, remove, revise), min_size=1, max_size=40)


def _new_patient(therapist_id: int, clinic_id: int) -> User:
    user = User(clinic_id=clinic_id, email=f"{uuid.uuid4().hex}@example.org", name="P", role="patient",
                locale="en", timezone="Europe/Stockholm")
    user.patient = PatientProfile(therapist_id=therapist_id)
    db.session.add(user)
    db.session.commit()
    episodes.open_episode(db_session=db.session, patient=user, actor=db.session.get(User, therapist_id),
                          body={"red_flags": []}, today=START)   # screened: a contract may be written
    return user


def _revise(patient: User, therapist: User, params: dict, offset: int) -> None:
    contracts.revise(db_session=db.session, patient=patient, actor=therapist, body={
        "training_form": "walking", "training_form_other": None, "start_date": START + timedelta(days=offset),
        "training_days": [1, 3, 5], "reminder_time": time(18, 0), **params})


def _contracted_patient(make, *, sessions_per_week: int = 3, offset: int = 0) -> User:
    """A new patient of a new therapist, with a contract (20 capable, goal 40) from START + offset.
    Call inside the app context."""
    therapist = db.session.get(User, make.staff("therapist")["id"])
    patient = _new_patient(therapist.id, therapist.clinic_id)
    _revise(patient, therapist, {"capable_minutes": 20, "goal_minutes": 40, "sessions_per_week": sessions_per_week,
                                 "goal_hard_minutes": 10}, offset)
    return patient


def _generation(patient: User) -> int:
    return db.session.scalar(select(PatientProfile.plan_generation).where(PatientProfile.user_id == patient.id))


def _blocks(patient: User) -> list[int]:
    return sorted(db.session.scalars(select(PacingBlock.block).where(PacingBlock.patient_id == patient.id)))


def _check(patient: User, on: date, bad_day: bool) -> None:
    contract = contracts.current(db.session, patient.id)
    generation = db.session.scalar(select(PatientProfile.plan_generation).where(PatientProfile.user_id == patient.id))
    stored = plan_state.prescription(db.session, patient.id, generation, contract, on, bad_day, "en")
    everything = plan_state.training_sessions(db.session, patient.id, date.min)
    replayed = pacing.prescribe(contracts.as_pacing(contract), everything, on, bad_day, locale="en")
    assert stored == replayed


def _apply(operation: tuple, patient: User, therapist: User, entries: list[int]) -> None:
    try:
        _write(operation, patient, therapist, entries)
    except (Invalid, Conflict):   # e.g. a day before a revised contract's start: refused, nothing written
        db.session.rollback()


def _write(operation: tuple, patient: User, therapist: User, entries: list[int]) -> None:
    kind = operation[0]
    if kind == "log":
        _, offset, minutes, rpe, bad_day, hard = operation
        entry, _ = diary.create(db_session=db.session, patient=patient, today=FAR, body={
            "client_id": str(uuid.uuid4()), "date": START + timedelta(days=offset), "minutes": minutes, "rpe": rpe,
            "bad_day": bad_day, "hard_minutes": min(hard, minutes)})
        entries.append(entry.id)
    elif kind in ("edit", "delete") and entries:
        entry = db.session.get(DiaryEntry, entries[operation[1] % len(entries)])
        if entry.deleted_at is not None:
            return
        if kind == "delete":
            diary.delete(db_session=db.session, entry=entry)
        else:
            _, _, offset, rpe, bad_day = operation
            diary.update(db_session=db.session, patient=patient, entry=entry, today=FAR, changes={
                "date": START + timedelta(days=offset), "rpe": rpe, "bad_day": bad_day})
    elif kind == "revise":
        _revise(patient, therapist, operation[1], operation[2])
    elif kind == "plan":
        _check(patient, START + timedelta(days=operation[1]), operation[2])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(first=contract_params, steps=operations)
def test_the_stored_pacing_state_agrees_with_a_full_replay(app, make, first, steps):
    therapist_ref = make.staff("therapist")
    with app.app_context():
        therapist = db.session.get(User, therapist_ref["id"])
        patient = _new_patient(therapist.id, therapist.clinic_id)
        _revise(patient, therapist, first, 0)
        entries: list[int] = []
        for operation in steps:
            _apply(operation, patient, therapist, entries)
        for offset in range(0, 71, 7):   # and at the end, every block again
            _check(patient, START + timedelta(days=offset), False)


def test_a_diary_change_drops_only_the_blocks_that_start_after_its_day(app, make):
    with app.app_context():
        patient = _contracted_patient(make)
        _check(patient, START + timedelta(days=100), False)   # stores blocks 1..7
        assert _blocks(patient) == list(range(1, 8))
        diary.create(db_session=db.session, patient=patient, today=FAR, body={
            "client_id": str(uuid.uuid4()), "date": START + timedelta(days=30), "minutes": 20, "rpe": 12})
        assert _blocks(patient) == [1, 2]   # block 3 starts on day 42, after day 30; blocks 1 and 2 on days 14, 28


def test_the_database_keeps_the_plan_state_right_for_writes_that_bypass_the_services(app, make):
    """Migration 0009's triggers: an insert, an edit that moves the day back, and a delete, each sent
    as bare SQL, bump the generation and drop the blocks after the earliest day they touch."""
    with app.app_context():
        patient = _contracted_patient(make)

        def refill() -> int:
            _check(patient, START + timedelta(days=100), False)
            assert _blocks(patient) == list(range(1, 8))
            return _generation(patient)

        before = refill()
        db.session.execute(insert(DiaryEntry).values(
            patient_id=patient.id, client_id=str(uuid.uuid4()), body_hash="x", day=START + timedelta(days=60),
            minutes=20, rpe=12, bad_day=False))
        db.session.commit()
        assert _generation(patient) == before + 1 and _blocks(patient) == [1, 2, 3, 4]   # from days 14, 28, 42, 56
        entry_id = db.session.scalar(select(func.max(DiaryEntry.id)).where(DiaryEntry.patient_id == patient.id))

        before = refill()
        db.session.execute(text("UPDATE diary_entries SET day = :day WHERE id = :id"),
                           {"day": START + timedelta(days=20), "id": entry_id})
        db.session.commit()
        assert _generation(patient) == before + 1 and _blocks(patient) == [1]   # old day 60, new 20: from 20

        before = refill()
        db.session.execute(text("DELETE FROM diary_entries WHERE id = :id"), {"id": entry_id})
        db.session.commit()
        assert _generation(patient) == before + 1 and _blocks(patient) == [1]


def test_a_refused_entry_leaves_nothing_behind(app, make):
    """The entry is inserted before the contract's rules are checked: a refusal rolls all of it back."""
    with app.app_context():
        patient = _contracted_patient(make, offset=10)
        generation = _generation(patient)
        try:
            diary.create(db_session=db.session, patient=patient, today=FAR, body={
                "client_id": str(uuid.uuid4()), "date": START + timedelta(days=9), "minutes": 20, "rpe": 12})
        except Invalid as refused:
            assert refused.code == "contract_not_started" and refused.field == "date"
        else:
            raise AssertionError("a session before the contract's start was accepted")
        assert db.session.scalar(select(func.count()).select_from(DiaryEntry).where(
            DiaryEntry.patient_id == patient.id)) == 0
        assert _generation(patient) == generation


def test_rows_of_other_rules_are_never_used(app, make, monkeypatch):
    with app.app_context():
        patient = _contracted_patient(make, sessions_per_week=1)
        contract = contracts.current(db.session, patient.id)
        db.session.add(PacingBlock(contract_id=contract.id, rules="older-rules", block=1, patient_id=patient.id,
                                   block_start=START + timedelta(days=14),
                                   state=pacing.state_to_json(replace(pacing.initial_state(
                                       contracts.as_pacing(contract)), minutes=99))))
        db.session.commit()
        _check(patient, START + timedelta(days=20), False)
        assert db.session.scalar(select(func.count()).select_from(PacingBlock).where(
            PacingBlock.contract_id == contract.id, PacingBlock.rules == plan_state.RULES)) == 1


def test_a_block_computed_from_an_older_diary_is_not_stored(app, make):
    """A reader that saw generation g stores nothing once a writer has bumped it (the race guard)."""
    with app.app_context():
        patient = _contracted_patient(make, sessions_per_week=1)
        seen = _generation(patient)
        diary.create(db_session=db.session, patient=patient, today=FAR, body={
            "client_id": str(uuid.uuid4()), "date": START + timedelta(days=3), "minutes": 20, "rpe": 8})
        contract = contracts.current(db.session, patient.id)
        plan_state.prescription(db.session, patient.id, seen, contract, START + timedelta(days=50), False, "en")
        assert db.session.scalar(select(func.count()).select_from(PacingBlock).where(
            PacingBlock.patient_id == patient.id)) == 0


def test_an_entry_late_in_a_block_changes_the_judgement_of_that_block(app, make):
    therapist_ref = make.staff("therapist")
    with app.app_context():
        therapist = db.session.get(User, therapist_ref["id"])
        patient = _new_patient(therapist.id, therapist.clinic_id)
        _revise(patient, therapist, {"capable_minutes": 20, "goal_minutes": 40, "sessions_per_week": 3,
                                     "goal_hard_minutes": 10}, 0)
        entries: list[int] = []
        for step in (("log", 1, 20, 11, False, 0), ("log", 3, 20, 11, False, 0), ("plan", 20, False),
                     ("log", 12, 20, 11, False, 0), ("plan", 15, False), ("plan", 30, False)):
            _apply(step, patient, therapist, entries)
