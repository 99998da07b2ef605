"""Demo data for a first look: one clinic with every role and two patients."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.models import PatientProfile, User
from server.models.types import utcnow
from server.security import hash_password, new_password
from server.services.accounts import create_staff, get_or_create_clinic

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


def seed_demo(*, db_session: Session) -> list[tuple[str, str, str]]:
    """Create the demo clinic if the database has no accounts; return (role, email, password) rows."""
    if db_session.scalar(select(func.count()).select_from(User)):
        return []
    clinic = get_or_create_clinic(db_session=db_session, name=DEMO_CLINIC)
    rows = []
    therapist = None
    for role, email, name in STAFF:
        user, password = create_staff(db_session=db_session, clinic=clinic, email=email, name=name, role=role)
        therapist = user if role == "therapist" else therapist
        rows.append((role, email, password))
    for email, name, locale in PATIENTS:
        password = new_password()
        patient = User(clinic_id=clinic.id, email=email, name=name, role="patient", locale=locale,
                       timezone="Europe/Stockholm", password_hash=hash_password(password))
        patient.patient = PatientProfile(therapist_id=therapist.id, activated_at=utcnow())
        db_session.add(patient)
        rows.append(("patient", email, password))
    db_session.commit()
    return rows
