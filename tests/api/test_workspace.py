"""The therapist's workspace: the patient table's columns, the review queue, the pacing timeline and
the clinic outcomes."""
from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from server.extensions import db
from server.models import Assessment, PatientProfile, ReviewHandled
from server.models.types import utcnow
from tests.api.conftest import contract_body
from tests.api.test_proms_api import BASELINE, move_due_dates
from tests.conftest import PASSWORD, ApiClient

ME = "/api/v1/patients/me"


def log(client: ApiClient, day, rpe: int, pain: int | None = None, minutes: int = 20):
    response = client.post(f"{ME}/diary", json={"client_id": str(uuid.uuid4()), "date": day.isoformat(),
                                                "minutes": minutes, "rpe": rpe, "pain": pain})
    assert response.status_code == 201, response.get_json()


def activated_long_ago(app, days: int = 60) -> None:
    with app.app_context():
        for profile in db.session.scalars(select(PatientProfile)):
            profile.activated_at = utcnow() - timedelta(days=days)
        db.session.commit()


def set_locale(app, user_id: int, language: str) -> None:
    from server.models import User

    with app.app_context():
        db.session.get(User, user_id).locale = language
        db.session.commit()


# --- the patient table -----------------------------------------------------------------------

def test_the_patient_row_says_where_they_are_and_how_training_goes(care, today, app):
    t, p = care["t"], care["p"]
    t.post(f"{care['base']}/program/part1-competence", json={"achieved": True})
    start2 = today - timedelta(days=15)   # Part 2 week 3
    t.put(f"{care['base']}/program", json={"items": [{"exercise_id": "p1-1a"}, {"exercise_id": "p2-bridge-a"}],
                                          "part2_start_date": start2.isoformat()})
    t.put(f"{care['base']}/contract", json=contract_body(today - timedelta(days=27), training_days=[1, 3, 5]))
    for n, rpe in ((26, 11), (24, 11), (20, 12), (12, 13), (8, 14), (3, 13), (1, 13)):
        log(p, today - timedelta(days=n), rpe, pain=3)
    row = next(r for r in t.get("/api/v1/patients").get_json() if r["id"] == care["patient"]["id"])
    assert row["stage"] == {"phase": "part2", "week": 3, "weeks": 12}
    assert row["last_diary_day"] == (today - timedelta(days=1)).isoformat()
    contracted = sum(1 for n in range(14) if (today - timedelta(days=n)).isoweekday() in (1, 3, 5))
    assert row["sessions_2w"] == {"done": 4, "contracted": contracted}
    assert row["mean_rpe_2w"] == 13.2        # 13, 14, 13, 13
    assert row["rpe_trend"] == "rising"      # 11.3 the two weeks before
    assert row["pain_trend"] == "steady"     # pain 3 in each of the four weeks
    assert row["next_questionnaire"] == {"timepoint": "baseline", "due_date": today.isoformat(), "status": "open"}
    assert row["group_ids"] == [] and row["unread_messages"] == 0


def test_a_patient_without_program_or_contract_has_empty_columns(care, app):
    activated_long_ago(app)     # a month without a diary, but nothing to log: no flag
    row = care["t"].get("/api/v1/patients").get_json()[0]
    assert row["flags"] == []
    assert row["stage"] == {"phase": "none", "week": None, "weeks": 12}
    assert row["sessions_2w"] == {"done": 0, "contracted": None}
    assert (row["mean_rpe_2w"], row["rpe_trend"], row["pain_trend"]) == (None, None, None)
    assert row["next_questionnaire"]["timepoint"] == "baseline"    # due from the first visit (issue 9)


def test_a_therapist_without_patients_has_an_empty_list_and_queue(app, make):
    client = ApiClient(app).login(make.staff("therapist")["email"], PASSWORD)
    assert client.get("/api/v1/patients").get_json() == []
    assert client.get("/api/v1/review-queue").get_json() == {"items": []}
    assert client.get("/api/v1/messages/inbox").get_json() == []


def test_an_admin_sees_basic_records_only(care, make, app):
    admin = ApiClient(app).login(make.staff("admin", clinic_id=care["therapist"]["clinic_id"])["email"], PASSWORD)
    row = admin.get("/api/v1/patients").get_json()[0]
    assert "flags" not in row and "stage" not in row and row["id"] == care["patient"]["id"]


def test_the_list_costs_the_same_statements_for_3_or_12_patients(app, make, today):
    therapist = make.staff("therapist")
    client = ApiClient(app).login(therapist["email"], PASSWORD)

    def add(n):
        for _ in range(n):
            patient = make.patient(therapist, screened=True)
            client.put(f"/api/v1/patients/{patient['id']}/contract", json=contract_body(today - timedelta(days=30)))
            client.put(f"/api/v1/patients/{patient['id']}/program", json={"items": [{"exercise_id": "p1-1a"}]})
            phone = ApiClient(app).login(patient["email"], PASSWORD)
            log(phone, today - timedelta(days=2), 13, pain=2)

    def statements() -> int:
        with app.app_context():
            engine = db.engine
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert client.get("/api/v1/patients").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    add(3)
    few = statements()
    add(9)
    assert statements() == few


# --- the review queue ------------------------------------------------------------------------

def test_the_queue_lists_why_and_where_to_act_and_handled_items_stay_handled(care, today, app):
    t, p = care["t"], care["p"]
    t.put(f"{care['base']}/contract", json=contract_body(today - timedelta(days=10)))
    for n in (4, 2):
        log(p, today - timedelta(days=n), 16)
    p.post(f"{ME}/messages", json={"body": "Is 16 too hard?"})
    items = t.get("/api/v1/review-queue").get_json()["items"]
    assert [i["reason"] for i in items] == ["unanswered_message", "rpe_high"]
    effort = items[1]
    assert effort["patient_name"] == care["patient"]["name"] and effort["since"] == (today - timedelta(days=2)).isoformat()
    assert effort["action"] == f"#/patients/{care['patient']['id']}/diary"
    assert effort["detail"]["last_rpe"] == [16, 16]
    assert items[0]["detail"]["count"] == 1 and items[0]["action"].endswith("/messages")
    # The same occurrence keeps its id from one read to the next.
    assert [i["id"] for i in t.get("/api/v1/review-queue").get_json()["items"]] == [i["id"] for i in items]

    handled = t.post(f"/api/v1/review-queue/{effort['id']}/handled")
    assert handled.status_code == 200
    body = handled.get_json()
    assert body["handled_by_id"] == care["therapist"]["id"] and body["handled_at"] and body["reason"] == "rpe_high"
    assert t.post(f"/api/v1/review-queue/{effort['id']}/handled").status_code == 200   # twice is harmless
    assert [i["reason"] for i in t.get("/api/v1/review-queue").get_json()["items"]] == ["unanswered_message"]
    # The patient list keeps the flag: it is still true, only the queue item is done.
    row = t.get("/api/v1/patients").get_json()[0]
    assert "rpe_high" in [f["code"] for f in row["flags"]]

    # Answering the message ends that item without marking it.
    t.post(f"{care['base']}/messages", json={"body": "Yes, aim for 13."})
    assert t.get("/api/v1/review-queue").get_json()["items"] == []
    # An easy session ends the run: the flag goes; who handled what stays on record.
    log(p, today - timedelta(days=1), 12)
    assert t.get("/api/v1/patients").get_json()[0]["flags"] == []
    with app.app_context():
        record = db.session.scalar(select(ReviewHandled))
        assert (record.since, record.handled_by_id) == (today - timedelta(days=2), care["therapist"]["id"])


def test_a_new_run_of_hard_sessions_is_a_new_item(care, today):
    t, p = care["t"], care["p"]
    t.put(f"{care['base']}/contract", json=contract_body(today - timedelta(days=12)))
    for n, rpe in ((10, 16), (9, 16)):
        log(p, today - timedelta(days=n), rpe)
    first = t.get("/api/v1/review-queue").get_json()["items"][0]
    assert first["reason"] == "rpe_high"
    t.post(f"/api/v1/review-queue/{first['id']}/handled")
    log(p, today - timedelta(days=5), 12)
    log(p, today - timedelta(days=3), 15)
    log(p, today - timedelta(days=1), 17)
    again = t.get("/api/v1/review-queue").get_json()["items"]
    assert [i["reason"] for i in again] == ["rpe_high"]
    assert again[0]["since"] == (today - timedelta(days=1)).isoformat() and again[0]["id"] != first["id"]


def test_queue_reasons_from_the_contract_and_the_questionnaires(care, today, app):
    t, p = care["t"], care["p"]
    t.put(f"{care['base']}/program", json={"items": [{"exercise_id": "p1-1a"}]})
    start = today - timedelta(days=33)
    t.put(f"{care['base']}/contract", json=contract_body(start))
    # Block 0: 4 sessions at 14 (hold); block 1: 4 at 15 (repeat): held twice in a row.
    for n, rpe in ((1, 14), (4, 14), (8, 14), (11, 14), (15, 15), (18, 15), (22, 15), (25, 15)):
        log(p, start + timedelta(days=n), rpe)
    activated_long_ago(app)
    move_due_dates(app, care["patient"]["id"], 40)     # the baseline window has closed unanswered
    reasons = {i["reason"]: i for i in t.get("/api/v1/review-queue").get_json()["items"]}
    assert {"pacing_hold_twice", "questionnaire_missed", "no_diary_7d"} <= set(reasons)
    held = reasons["pacing_hold_twice"]
    assert held["since"] == (start + timedelta(days=28)).isoformat()
    assert [b["decision"] for b in held["detail"]["blocks"]] == ["hold", "repeat"]
    assert held["action"].endswith("/pacing")
    assert reasons["questionnaire_missed"]["detail"]["timepoint"] == "baseline"
    with app.app_context():
        baseline = db.session.scalar(select(Assessment).where(Assessment.timepoint == "baseline"))
        assert reasons["questionnaire_missed"]["since"] == baseline.closes_date.isoformat()
    row = t.get("/api/v1/patients").get_json()[0]
    assert row["next_questionnaire"]["status"] == "missed"


def test_another_therapists_items_are_404(care, make, app, today):
    care["t"].put(f"{care['base']}/contract", json=contract_body(today - timedelta(days=10)))
    care["p"].post(f"{ME}/messages", json={"body": "Hello?"})
    item = care["t"].get("/api/v1/review-queue").get_json()["items"][0]
    colleague = ApiClient(app).login(make.staff("therapist", clinic_id=care["therapist"]["clinic_id"])["email"],
                                     PASSWORD)
    assert colleague.get("/api/v1/review-queue").get_json() == {"items": []}
    assert colleague.post(f"/api/v1/review-queue/{item['id']}/handled").status_code == 404
    assert care["t"].post("/api/v1/review-queue/12345/handled").status_code == 404
    assert care["p"].get("/api/v1/review-queue").status_code == 403


# --- the pacing timeline ---------------------------------------------------------------------

def test_the_timeline_shows_each_block_with_its_decision_in_the_therapists_words(care, today, app):
    t, p = care["t"], care["p"]
    start = today - timedelta(days=30)
    t.put(f"{care['base']}/contract", json=contract_body(start))     # 25 capable -> 20 minutes
    for n, rpe in ((1, 12), (3, 12), (6, 13), (9, 13), (15, 14), (17, 14), (20, 14), (22, 14)):
        log(p, start + timedelta(days=n), rpe)
    set_locale(app, care["therapist"]["id"], "en")
    blocks = t.get(f"{care['base']}/pacing-timeline").get_json()["blocks"]
    assert [(b["start"], b["end"]) for b in blocks] == [
        (start.isoformat(), (start + timedelta(days=13)).isoformat()),
        ((start + timedelta(days=14)).isoformat(), (start + timedelta(days=27)).isoformat()),
        ((start + timedelta(days=28)).isoformat(), (start + timedelta(days=41)).isoformat())]
    first, second, current = blocks
    assert (first["minutes"], first["decision"], first["mean_rpe"], first["sessions"], first["planned_sessions"]) == (
        20, "grow", 12.5, 4, 6)
    assert first["reason"] == ("Grew by 20 % to 24 minutes: mean effort of the done sessions 12.5, "
                               "below somewhat hard (14).")
    assert (second["minutes"], second["decision"], second["mean_rpe"]) == (24, "hold", 14.0)
    assert current["decision"] == "in_progress" and current["minutes"] == 24 and current["sessions"] == 0
    # In Swedish for a Swedish-speaking therapist, with a decimal comma, and the same as the patient's plan.
    set_locale(app, care["therapist"]["id"], "sv")
    swedish = t.get(f"{care['base']}/pacing-timeline").get_json()["blocks"][0]["reason"]
    assert swedish.startswith("Ökat med 20 % till 24 minuter") and "12,5" in swedish
    # The page's language wins over the account's (the staff screens send ?locale=).
    english = t.get(f"{care['base']}/pacing-timeline?locale=en").get_json()["blocks"][0]["reason"]
    assert english == "Grew by 20 % to 24 minutes: mean effort of the done sessions 12.5, below somewhat hard (14)."
    assert t.get(f"{care['base']}/pacing-timeline?locale=fi").status_code == 422
    assert p.get(f"{ME}/plan").get_json()["general_training"]["minutes"] == 24


def test_the_timeline_shows_done_and_counted_sessions_and_the_mean_over_the_done_ones(care, today, app):
    """Issue 17: four 20-minute sessions at 15, three 5-minute walks at 10 and a bad day: the mean judged is 15."""
    t, p = care["t"], care["p"]
    start = today - timedelta(days=20)
    t.put(f"{care['base']}/contract", json=contract_body(start, goal_hard_minutes=0))
    for n in (0, 2, 4, 6):
        log(p, start + timedelta(days=n), 15)
    for n in (7, 8, 9):
        log(p, start + timedelta(days=n), 10, minutes=5)
    p.post(f"{ME}/diary", json={"client_id": str(uuid.uuid4()), "date": (start + timedelta(days=10)).isoformat(),
                                "minutes": 10, "rpe": 12, "bad_day": True})
    set_locale(app, care["therapist"]["id"], "en")
    first = t.get(f"{care['base']}/pacing-timeline").get_json()["blocks"][0]
    assert (first["sessions"], first["counted_sessions"], first["done_sessions"], first["mean_rpe"]) == (8, 7, 4, 15.0)
    assert first["decision"] == "repeat" and first["minutes"] == 20
    assert first["reason"] == "Repeated for two more weeks: mean effort of the done sessions 15, 15 or more."


def test_no_contract_no_blocks(care):
    assert care["t"].get(f"{care['base']}/pacing-timeline").get_json() == {"blocks": []}


def test_another_clinics_therapist_gets_404_on_the_timeline_and_the_scores(care, make, app):
    stranger = ApiClient(app).login(make.staff("therapist")["email"], PASSWORD)
    for path in ("pacing-timeline", "scores", "messages"):
        assert stranger.get(f"{care['base']}/{path}").status_code == 404, path
    assert care["p"].get(f"{ME}/pacing-timeline").status_code == 403   # the therapist's view


# --- clinic outcomes -------------------------------------------------------------------------

@pytest.fixture
def counting_only(monkeypatch):
    """The counting through the API with one patient, the small-cell rule off (tests/probe/test_outcome_cells.py
    holds it with the rule on)."""
    from server.domain import outcomes as rules

    monkeypatch.setattr(rules, "MIN_CELL", 1)


@pytest.fixture
def answered(care, today, app, clinic_packs):
    """A patient with a baseline and a 3-month answer (ODI 40 -> 20: improved)."""
    care["t"].put(f"{care['base']}/program", json={"items": [{"exercise_id": "p1-1a"}]})
    baseline = care["p"].get(f"{ME}/assessments").get_json()[0]["id"]
    care["p"].post(f"{ME}/assessments/{baseline}/response", json={"answers": BASELINE})
    move_due_dates(app, care["patient"]["id"], 92)
    three = care["p"].get(f"{ME}/assessments").get_json()[1]
    later = {"nrs": {"back": 3, "leg": 2}, "odi": {f"odi{i}": 1 for i in range(1, 11)},
             "eq5d3l": {"mo": 1, "sc": 1, "ua": 2, "pd": 2, "ad": 1, "vas": 75},
             "bipq": {f"bipq{i}": 4 for i in range(1, 9)}, "pei": {f"pei{i}": 1 for i in range(1, 7)},
             "pgic": {"pgic": 3}, "satisfaction": {"satisfaction": 1},
             "workcare": {"sick_leave_days": 0, "work_status": 1, "care_visits": 1, "specialist": 0}}
    assert care["p"].post(f"{ME}/assessments/{three['id']}/response", json={"answers": later}).status_code == 201
    return care


def test_clinic_outcomes_per_instrument_and_timepoint(answered, make, app, today, counting_only):
    admin = ApiClient(app).login(make.staff("admin", clinic_id=answered["therapist"]["clinic_id"])["email"], PASSWORD)
    for client in (answered["t"], admin):
        body = client.get("/api/v1/clinic/outcomes").get_json()
        rows = {(r["instrument"], r["timepoint"]): r for r in body["instruments"]}
        assert rows[("odi", "3m")] == {"instrument": "odi", "timepoint": "3m", "n": 1, "n_change": 1,
                                       "mean_change": -20.0, "share_improved": 1.0, "suppressed": [],
                                       "demo_wording": 0, "label": None}
        assert rows[("odi", "baseline")]["n"] == 1 and rows[("odi", "baseline")]["mean_change"] is None
        assert rows[("pgic", "3m")]["share_improved"] == 1.0 and rows[("pgic", "3m")]["mean_change"] is None
        rates = {r["timepoint"]: r for r in body["response_rate"]}
        assert rates["baseline"] == {"timepoint": "baseline", "due": 1, "answered": 1, "rate": 1.0, "suppressed": []}
        assert rates["3m"]["answered"] == 1 and rates["12m"] == {"timepoint": "12m", "due": 0, "answered": 0,
                                                                 "rate": None, "suppressed": []}
        assert [b["range"] for b in body["adherence"]] == ["0-24", "25-49", "50-74", "75-100"]


def test_clinic_outcomes_adherence_bands(care, today, app, counting_only):
    care["t"].put(f"{care['base']}/contract", json=contract_body(today - timedelta(days=15)))   # 2 finished weeks
    for n in (15, 13, 11, 7):         # 3 of 3 in week 1, 1 of 3 in week 2: mean of 100 and 33 = 66.5
        log(care["p"], today - timedelta(days=n), 12)
    bands = {b["range"]: b["patients"] for b in care["t"].get("/api/v1/clinic/outcomes").get_json()["adherence"]}
    assert bands == {"0-24": 0, "25-49": 0, "50-74": 1, "75-100": 0}


def test_another_clinic_sees_none_of_it_and_the_csv_matches(answered, make, app, counting_only):
    stranger = ApiClient(app).login(make.staff("admin")["email"], PASSWORD)
    other = stranger.get("/api/v1/clinic/outcomes").get_json()
    assert other["instruments"] == [] and all(r["due"] == 0 for r in other["response_rate"])
    response = answered["t"].get("/api/v1/clinic/outcomes.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    odi = next(r for r in rows if r["section"] == "instruments" and r["instrument"] == "odi" and r["timepoint"] == "3m")
    assert (odi["n"], odi["mean_change"], odi["share_improved"]) == ("1", "-20.0", "1.0")
    assert {r["section"] for r in rows} == {"instruments", "response_rate", "adherence"}
    assert answered["p"].get("/api/v1/clinic/outcomes").status_code == 403
    supervisor = ApiClient(app).login(make.staff("supervisor", clinic_id=answered["therapist"]["clinic_id"])["email"],
                                      PASSWORD)
    assert supervisor.get("/api/v1/clinic/outcomes").status_code == 403


def test_reading_the_review_queue_is_in_each_listed_patients_access_log(care, today, app):
    from server.models import AccessLog

    care["t"].put(f"{care['base']}/contract", json=contract_body(today - timedelta(days=10)))
    care["p"].post(f"{ME}/messages", json={"body": "Hej?"})
    items = care["t"].get("/api/v1/review-queue").get_json()["items"]
    assert items
    with app.app_context():
        rows = db.session.scalars(select(AccessLog).where(AccessLog.kind == "review-queue")).all()
        assert {r.patient_id for r in rows} == {i["patient_id"] for i in items}
