"""Issue 21, a newcomer's path: the patient's record view said "Ändrade ditt träningskontrakt · 5 gånger"
when 4 of the 5 changes were refused. A staff write the service refuses is logged as refused (with its
status and error code), never as a change; a write that went through is logged once, as before."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from server.extensions import db
from server.models import AccessLog
from server.services.clock import local_today
from tests.api.conftest import contract_body


def contract_rows(app, patient_id: int) -> list[tuple]:
    with app.app_context():
        return db.session.execute(select(AccessLog.action, AccessLog.refused_status, AccessLog.refused_reason)
                                  .where(AccessLog.patient_id == patient_id, AccessLog.kind == "contract")
                                  .order_by(AccessLog.id)).all()


def test_refused_contract_changes_are_refused_rows_and_the_one_that_went_through_a_write(app, care):
    url, start = f"{care['base']}/contract", local_today("Europe/Stockholm") - timedelta(days=3)
    refused = [care["t"].put(url, json=contract_body(start, goal_minutes=25, goal_hard_minutes=10)),   # < 30 with intervals
               care["t"].put(url, json=contract_body(start, sessions_per_week=9)),
               care["t"].put(url, json=contract_body(start, training_days=[1]))]
    assert [r.status_code for r in refused] == [422, 422, 422]
    assert care["t"].put(url, json=contract_body(start)).status_code == 200
    rows = contract_rows(app, care["patient"]["id"])
    assert [(action, status) for action, status, _reason in rows] == [("write", 422)] * 3 + [("write", None)]
    assert all(reason for _a, status, reason in rows if status)          # the error code, for the admin
    shown = care["p"].get("/api/v1/patients/me/access-log").get_json()["entries"]
    contract = [e for e in shown if e["kind"] == "contract"]
    assert [e["refused"] for e in contract] == [False, True, True, True]  # newest first: one change, three refusals


def test_a_write_the_service_turns_away_is_refused_with_its_own_status(app, care):
    """A level change for a family the patient does not have: the service's 404, logged as refused."""
    again = care["t"].post(f"{care['base']}/program/levels", json={"family": "bridge", "level": "B", "reason": "x"})
    assert again.status_code == 404 and again.get_json()["error"] == "family_not_in_program"
    with app.app_context():
        level_rows = db.session.execute(select(AccessLog.action, AccessLog.refused_status).where(
            AccessLog.patient_id == care["patient"]["id"], AccessLog.kind == "program")).all()
    assert level_rows == [("write", again.status_code)]
