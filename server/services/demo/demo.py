"""Demo data for a first look: one clinic with every role, two patients in training and a group."""
from __future__ import annotations

import uuid
from datetime import time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.content.model import Library
from server.models import PatientProfile, TrainingGroup, User
from server.models.types import utcnow
from server.security import hash_password, new_password
from server.services.groups import groups, observations
from server.services.training import contracts, diary, program
from server.services.accounts.accounts import create_staff, get_or_create_clinic
from server.services.clock import local_today
from server.services.demo.demo_caseload import screen, seed_caseload, training_days
from server.services.demo.demo_cohort import seed_cohort

DEMO_CLINIC = "BetterBack Demo Clinic"
STAFF = (
    ("admin", "admin@demo.betterback.se", "Astrid Admin"),
    ("therapist", "therapist@demo.betterback.se", "Tove Terapeut"),
    ("supervisor", "supervisor@demo.betterback.se", "Sven Handledare"),
)
PATIENTS = (
    ("patient1@demo.betterback.se", "Pia Patient", "sv"),
    ("patient2@demo.betterback.se", "Paul Patient", "en"),
)
# Pia is three weeks into Part 2; Paul has just started Part 1.
PIA_PROGRAM = ["p1-1a", "p1-2b", "p2-bridge-a", "p2-four-point-a", "p2-squat-a", "stretch-hamstrings"]
PAUL_PROGRAM = ["p1-1a", "p1-1b", "p1-2a", "p1-3a"]
PIA_EFFORT = [12, 11, 13, 12, 12, 13, 11, 12]   # the sessions of the last three weeks


def database_empty(db_session: Session) -> bool:
    return not db_session.scalar(select(func.count()).select_from(User))


def seed_demo(*, db_session: Session, library: Library, packs: dict | None = None) -> list[tuple[str, str, str]]:
    """Create the demo clinic if the database has no accounts; return (role, email, password) rows for the
    accounts to sign in with (the caseload's other patients have no known password). `packs`: the
    questionnaire wording installed ((instrument, locale) -> Wording), the demo's placeholders included."""
    if not database_empty(db_session):
        return []
    clinic = get_or_create_clinic(db_session=db_session, name=DEMO_CLINIC)
    rows, staff = [], {}
    for role, email, name in STAFF:
        staff[role], password = create_staff(db_session=db_session, clinic=clinic, email=email, name=name, role=role)
        rows.append((role, email, password))
    patients = []
    for email, name, locale in PATIENTS:
        password = new_password()
        patient = User(clinic_id=clinic.id, email=email, name=name, role="patient", locale=locale,
                       timezone="Europe/Stockholm", password_hash=hash_password(password))
        patient.patient = PatientProfile(therapist_id=staff["therapist"].id, activated_at=utcnow())
        db_session.add(patient)
        patients.append(patient)
        rows.append(("patient", email, password))
    db_session.commit()
    _training(db_session, library, staff, *patients)
    seed_caseload(db_session=db_session, library=library, therapist=staff["therapist"], pia=patients[0],
                  today=local_today("Europe/Stockholm"), packs=packs or {})
    seed_cohort(db_session=db_session, clinic=clinic, today=local_today("Europe/Stockholm"), packs=packs or {})
    return rows


def demo_names(*, db_session: Session) -> dict[str, str]:
    """E-mail -> name of the demo's accounts, so the printed passwords say whose they are."""
    emails = [email for _role, email, _name in STAFF] + [email for email, _name, _locale in PATIENTS]
    return dict(db_session.execute(select(User.email, User.name).where(User.email.in_(emails))).all())


def _training(db_session: Session, library: Library, staff: dict, pia: User, paul: User) -> None:
    therapist, today = staff["therapist"], local_today("Europe/Stockholm")
    start = today - timedelta(days=21)
    screen(db_session, pia, therapist, start)
    screen(db_session, paul, therapist, today)
    program.record_part1(db_session=db_session, patient=pia, actor=therapist, achieved=True,
                         note="Good pelvic control lying, sitting and standing.")
    program.set_program(db_session=db_session, patient=pia, actor=therapist, library=library, today=today, body={
        "items": [{"exercise_id": e} for e in PIA_PROGRAM], "part2_start_date": start, "part2_weekdays": [2, 4]})
    program.set_program(db_session=db_session, patient=paul, actor=therapist, library=library, today=today,
                        body={"items": [{"exercise_id": e} for e in PAUL_PROGRAM]})
    contract = {"training_form": "nordic-walking", "training_form_other": None, "sessions_per_week": 3,
                "capable_minutes": 25, "goal_minutes": 45, "goal_hard_minutes": 20, "start_date": start,
                "training_days": [1, 3, 6], "reminder_time": time(18, 0)}
    contracts.revise(db_session=db_session, patient=pia, actor=therapist, body=contract)
    contracts.accept(db_session=db_session, patient=pia, version=1)
    contracts.revise(db_session=db_session, patient=paul, actor=therapist,
                     body={**contract, "training_form": "walking", "capable_minutes": 15, "start_date": today})
    for n, (effort, day) in enumerate(zip(PIA_EFFORT, training_days(start, today, contract["training_days"]))):
        if day < today:
            diary.create(db_session=db_session, patient=pia, today=today, body={
                "client_id": str(uuid.uuid4()), "date": day, "minutes": 20, "rpe": effort, "pain": 4 - n // 3})
    group = groups.create(db_session=db_session, actor=therapist, body={
        "name": "Tisdag & torsdag", "start_date": start, "weeks": 6, "sessions_per_week": 2, "weekdays": [2, 4],
        "time": time(17, 30), "supervisor_id": staff["supervisor"].id})
    taken = db_session.get(TrainingGroup, group["id"])
    groups.add_member(db_session=db_session, group=taken, actor=therapist, patient_id=pia.id)
    held = [d for d in group["session_dates"] if d < today]
    for day in held[:-1]:      # the latest past session is left for the supervisor to take
        groups.record_attendance(db_session=db_session, group=taken, actor=staff["supervisor"], day=day, today=today,
                                 rows=[{"patient_id": pia.id, "present": True}])
    # At the group the supervisor saw Pia's pelvis lift done well: it waits in the therapist's review queue.
    bridge = next(i for i in program.active_items(db_session, pia.id) if i.exercise_id == "p2-bridge-a")
    observations.record(db_session=db_session, group=taken, actor=staff["supervisor"], patient_id=pia.id,
                        item_id=bridge.id, note="Stabil i bäckenet genom alla repetitioner.")
