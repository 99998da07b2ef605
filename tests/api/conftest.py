"""Shared set-ups for the training API tests."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from server.services.clock import local_today
from tests.conftest import PASSWORD, ApiClient


@pytest.fixture
def today() -> date:
    return local_today("Europe/Stockholm")


@pytest.fixture
def care(app, make):
    """A therapist and their patient, screened for red flags ("none of these": a program may be
    assigned), each signed in on their own phone."""
    therapist = make.staff("therapist")
    patient = make.patient(therapist, screened=True)
    return {
        "therapist": therapist, "patient": patient,
        "t": ApiClient(app).login(therapist["email"], PASSWORD),
        "p": ApiClient(app).login(patient["email"], PASSWORD),
        "base": f"/api/v1/patients/{patient['id']}",
    }


def contract_body(start: date, **overrides) -> dict:
    return {"training_form": "walking", "sessions_per_week": 3, "capable_minutes": 25, "goal_minutes": 45,
            "goal_hard_minutes": 20, "start_date": start.isoformat(), "training_days": [1, 3, 5],
            "reminder_time": "18:00", **overrides}


@pytest.fixture
def contracted(care, today):
    """`care` with an accepted contract that started 12 weeks ago."""
    start = today - timedelta(weeks=12)
    response = care["t"].put(f"{care['base']}/contract", json=contract_body(start))
    assert response.status_code == 200, response.get_json()
    care["p"].post("/api/v1/patients/me/contract/accept", json={"version": 1})
    care["start"] = start
    return care
