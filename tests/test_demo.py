"""The demo clinic shows every flag and review reason with believable data."""
from __future__ import annotations

from sqlalchemy import select

from server.domain.caseload import REASONS
from server.extensions import db
from server.models import DiaryEntry, TrainingContract
from server.services.demo.demo import seed_demo
from tests.conftest import ApiClient

# The red flag comes from the care episode of issue 9; until it is on main the demo cannot show it.
NOT_YET: set[str] = set()   # every reason shows in the demo (red_flag: Lars, issue 9)


def _therapist(app) -> ApiClient:
    with app.app_context():
        rows = seed_demo(db_session=db.session, library=app.extensions["bb_content"])
    role, email, password = next(r for r in rows if r[0] == "therapist")
    return ApiClient(app).login(email, password)


def test_every_queue_reason_and_flag_shows_at_least_once(app):
    therapist = _therapist(app)
    reasons = {i["reason"] for i in therapist.get("/api/v1/review-queue").get_json()["items"]}
    assert reasons == set(REASONS) - NOT_YET
    patients = therapist.get("/api/v1/patients").get_json()
    assert {f["code"] for p in patients for f in p["flags"]} == set(REASONS) - NOT_YET
    assert {p["stage"]["phase"] for p in patients} == {"part1", "part2", "maintenance"}
    assert {p["next_questionnaire"]["status"] for p in patients if p["next_questionnaire"]} >= {"open", "missed"}
    assert sum(p["unread_messages"] for p in patients) == 2
    assert all(f["evidence"].startswith(f"#/patients/{p['id']}/") for p in patients for f in p["flags"])
    outcomes = therapist.get("/api/v1/clinic/outcomes").get_json()
    assert any(r["timepoint"] == "3m" and r["share_improved"] for r in outcomes["instruments"])


def test_diary_days_fall_on_contract_days(app):
    _therapist(app)
    with app.app_context():
        contracts = {c.patient_id: c for c in db.session.scalars(select(TrainingContract))}
        entries = list(db.session.scalars(select(DiaryEntry)))
        assert len(entries) > 60
        off = [(e.patient_id, e.day) for e in entries if e.day.isoweekday() not in contracts[e.patient_id].training_days]
        assert off == []


def test_groups_have_past_sessions_with_attendance_and_the_latest_left_to_take(app):
    therapist = _therapist(app)
    groups = therapist.get("/api/v1/groups").get_json()
    assert [g["name"] for g in groups] == ["Tisdag & torsdag", "Måndag & onsdag"]   # the browser tests use [0]
    for group in groups:
        sessions = [s for s in therapist.get(f"/api/v1/groups/{group['id']}/sessions").get_json() if not s["today"]]
        assert sessions[0]["recorded"] is False and all(s["recorded"] for s in sessions[1:])
        assert len(sessions) >= 3
    second = therapist.get(f"/api/v1/groups/{groups[1]['id']}/adherence").get_json()
    assert second["needs_a_word"] and second["unrecorded_sessions"]


def test_lars_care_is_paused_by_his_weight_loss_flag_and_everyone_treated_was_screened(app):
    from server.models import CareEpisode, ProgramItem
    from server.services.episode import care

    therapist = _therapist(app)
    lars = next(p for p in therapist.get("/api/v1/patients").get_json() if p["name"] == "Lars Nyström")
    episode = therapist.get(f"/api/v1/patients/{lars['id']}/episode").get_json()["episode"]
    assert episode["paused"]["reason"] == "red_flag" and episode["paused"]["flags"] == ["weight_loss"]
    flagged = next(i for i in therapist.get("/api/v1/review-queue").get_json()["items"] if i["reason"] == "red_flag")
    assert flagged["patient_id"] == lars["id"]
    assert [(f["flag"], f["recorded_by"]) for f in flagged["detail"]["flags"]] == [("weight_loss", "Tove Terapeut")]
    considered = {i["patient_name"]: i["considerations"] for i in therapist.get("/api/v1/review-queue").get_json()["items"]}
    assert considered["Maria Svensson"] == ["spinal_surgery"]   # shown beside her items, never blocking
    with app.app_context():
        treated = set(db.session.scalars(select(ProgramItem.patient_id))) | set(
            db.session.scalars(select(TrainingContract.patient_id)))
        screened = set(db.session.scalars(select(CareEpisode.patient_id).where(CareEpisode.screened_at.is_not(None))))
        assert treated and treated <= screened
        assert care.paused_ids(db.session) == {lars["id"]}
