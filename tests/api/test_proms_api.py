"""Outcome questionnaires through the API: schedule, drafts, submission, scores, exports."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import Assessment

ME = "/api/v1/patients/me"
BASELINE = {
    "nrs": {"back": 6, "leg": 3},
    "odi": {f"odi{i}": 2 for i in range(1, 11)},
    "eq5d3l": {"mo": 2, "sc": 2, "ua": 2, "pd": 2, "ad": 2, "vas": 60},
    "bipq": {f"bipq{i}": 5 for i in range(1, 9)},
    "startback": {"sbt1": 1, "sbt2": 0, "sbt3": 1, "sbt4": 1, "sbt5": 1, "sbt6": 1, "sbt7": 1, "sbt8": 1, "sbt9": 3},
}


WORKCARE = {"sick_leave_days": 12, "work_status": 2, "care_visits": 4, "specialist": 1}
LATER = {"nrs": {"back": 3, "leg": 2}, "odi": {f"odi{i}": 1 for i in range(1, 11)},
         "eq5d3l": {"mo": 1, "sc": 1, "ua": 2, "pd": 2, "ad": 1, "vas": 75},
         "bipq": {f"bipq{i}": 4 for i in range(1, 9)}, "pei": {f"pei{i}": 1 for i in range(1, 7)},
         "pgic": {"pgic": 3}, "satisfaction": {"satisfaction": 1}, "workcare": WORKCARE}


@pytest.fixture
def started(care, today, clinic_packs):
    """The therapist assigns Part 1 today: the program starts and baseline is due today (the clinic has its
    licensed questionnaire packs)."""
    care["t"].put(f"{care['base']}/program", json={"items": [{"exercise_id": "p1-1a"}]})
    care["baseline_id"] = care["p"].get(f"{ME}/assessments").get_json()[0]["id"]
    return care


def move_due_dates(app, patient_id, days):
    """Pretend the schedule started `days` earlier."""
    with app.app_context():
        for row in db.session.scalars(select(Assessment).where(Assessment.patient_id == patient_id)):
            row.due_date -= timedelta(days=days)
            row.closes_date -= timedelta(days=days)
        db.session.commit()


def test_the_schedule_starts_with_the_program(started, today):
    items = started["p"].get(f"{ME}/assessments").get_json()
    assert [(a["timepoint"], a["status"]) for a in items] == [
        ("baseline", "open"), ("3m", "upcoming"), ("6m", "upcoming"), ("12m", "upcoming")]
    assert items[0]["due_date"] == today.isoformat() and "startback" in items[0]["instruments"]


def test_answers_are_resumable_on_the_server(started):
    url = f"{ME}/assessments/{started['baseline_id']}"
    saved = started["p"].put(f"{url}/draft", json={"answers": {"nrs": {"back": 6}}})
    assert saved.status_code == 200
    assert started["p"].get(f"{ME}/assessments").get_json()[0]["draft"] == {"answers": {"nrs": {"back": 6}}}
    bad = started["p"].put(f"{url}/draft", json={"answers": {"nrs": {"back": 11}}})
    assert bad.status_code == 422 and "answers" in bad.get_json()["errors"]["json"]


def test_submitting_scores_every_instrument_once(started):
    url = f"{ME}/assessments/{started['baseline_id']}/response"
    done = started["p"].post(url, json={"answers": BASELINE})
    assert done.status_code == 201 and done.get_json()["status"] == "completed" and done.get_json()["draft"] is None
    again = started["p"].post(url, json={"answers": BASELINE})
    assert again.status_code == 409 and again.get_json()["error"] == "assessment_completed"
    scores = {s["instrument"]: s for s in started["t"].get(f"{started['base']}/scores").get_json()["scores"]}
    assert scores["odi"]["total"] == 40.0 and scores["odi"]["band"] == "moderate"
    assert scores["eq5d3l"]["total"] == pytest.approx(0.6843)
    assert scores["bipq"]["total"] == 40.0
    assert scores["startback"]["band"] == "high"
    assert started["t"].get(f"{started['base']}/scores").get_json()["startback_group"] == "high"


@pytest.mark.parametrize("answers, words", [
    ({**BASELINE, "odi": {**BASELINE["odi"], "odi1": 6}}, "odi1"),       # outside the item's codes
    ({**BASELINE, "odi": {**BASELINE["odi"], "odi11": 1}}, "odi11"),     # unknown item
    ({**BASELINE, "pgic": {"pgic": 2}}, "ingår inte i det här formuläret"),
    ({k: v for k, v in BASELINE.items() if k != "bipq"}, "Svar saknas för: bipq"),
])
def test_bad_answers_are_refused_and_nothing_is_stored(started, answers, words):
    response = started["p"].post(f"{ME}/assessments/{started['baseline_id']}/response", json={"answers": answers})
    assert response.status_code == 422 and words in response.get_json()["message"]
    assert started["p"].get(f"{ME}/assessments").get_json()[0]["status"] == "open"
    assert started["t"].get(f"{started['base']}/scores").get_json()["scores"] == []


def test_upcoming_and_missed_assessments_cannot_be_answered(started, app):
    items = started["p"].get(f"{ME}/assessments").get_json()
    upcoming = started["p"].post(f"{ME}/assessments/{items[1]['id']}/response", json={"answers": {}})
    assert upcoming.status_code == 409 and upcoming.get_json()["error"] == "assessment_upcoming"
    move_due_dates(app, started["patient"]["id"], 28)
    missed = started["p"].post(f"{ME}/assessments/{items[0]['id']}/response", json={"answers": BASELINE})
    assert missed.status_code == 409 and missed.get_json()["error"] == "assessment_missed"
    assert started["p"].get(f"{ME}/assessments").get_json()[0]["status"] == "missed"


def test_change_from_baseline_is_judged(started, app):
    started["p"].post(f"{ME}/assessments/{started['baseline_id']}/response", json={"answers": BASELINE})
    move_due_dates(app, started["patient"]["id"], 92)    # three months later
    three = started["p"].get(f"{ME}/assessments").get_json()[1]
    later = {"nrs": {"back": 3, "leg": 2}, "odi": {f"odi{i}": 1 for i in range(1, 11)},
             "eq5d3l": {"mo": 1, "sc": 1, "ua": 2, "pd": 2, "ad": 1, "vas": 75},
             "bipq": {f"bipq{i}": 4 for i in range(1, 9)}, "pei": {f"pei{i}": 1 for i in range(1, 7)},
             "pgic": {"pgic": 3}, "satisfaction": {"satisfaction": 1}, "workcare": WORKCARE}
    assert started["p"].post(f"{ME}/assessments/{three['id']}/response", json={"answers": later}).status_code == 201
    scores = {(s["instrument"], s["timepoint"]): s for s in started["t"].get(f"{started['base']}/scores").get_json()["scores"]}
    assert scores[("odi", "3m")]["change"] == {"value": -20.0, "judgement": "improved"}
    assert scores[("nrs", "3m")]["change"]["judgement"] == "improved"
    assert scores[("pgic", "3m")]["change"]["judgement"] == "improved"


def test_exports(started, today):
    started["p"].post(f"{ME}/assessments/{started['baseline_id']}/response", json={"answers": BASELINE})
    response = started["t"].get("/api/v1/exports/scores.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 1 and rows[0]["timepoint"] == "baseline" and rows[0]["odi_total"] == "40.0"
    assert rows[0]["nrs_back"] == "6.0" and rows[0]["startback_band"] == "high" and "email" not in rows[0]
    bundle = started["t"].get(f"{started['base']}/fhir").get_json()
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert bundle["resourceType"] == "Bundle" and kinds.count("QuestionnaireResponse") == 5
    odi = next(e["resource"] for e in bundle["entry"] if e["resource"].get("questionnaire", "").endswith("/odi"))
    assert odi["resourceType"] == "QuestionnaireResponse" and odi["status"] == "completed"
    assert odi["item"][-1] == {"linkId": "total-score", "answer": [{"valueDecimal": 40.0}]}
    score = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation")
    assert score["code"]["coding"] == [{"system": "http://loinc.org", "code": "97908-8"}]
    assert score["valueQuantity"]["value"] == 40.0
    assert score["derivedFrom"] == [{"reference": f"QuestionnaireResponse/{odi['id']}"}]


def test_questionnaire_definitions_in_both_languages(started):
    sv = started["p"].get("/api/v1/questionnaires/nrs?locale=sv").get_json()
    en = started["p"].get("/api/v1/questionnaires/nrs?locale=en").get_json()
    assert sv["title"] != en["title"] and [i["key"] for i in sv["items"]] == ["back", "leg"]
    assert len(sv["items"][0]["answers"]) == 11
    odi = started["p"].get("/api/v1/questionnaires/odi?locale=en").get_json()
    assert odi["licensed"] is True and all(i["text"] is None for i in odi["items"])
    assert started["p"].get("/api/v1/questionnaires/nope").status_code == 404


def test_a_clinic_content_pack_replaces_the_neutral_labels(tmp_path):
    from server.content.questionnaires import load_questionnaires
    from server.config import REPO_ROOT

    pack = tmp_path / "content-packs" / "questionnaires"
    pack.mkdir(parents=True)
    others = "".join(f"  - key: odi{n}\n    text: Fråga {n}\n" for n in range(2, 11))
    (pack / "odi.sv.yaml").write_text(
        "source: Mapi licence 123\nversion: '2.1'\ntitle: Licensierad ODI\nitems:\n  - key: odi1\n"
        "    text: Licensierad fråga\n    codes:\n      - {code: 0, label: Licensierat svar}\n" + others)
    loaded = load_questionnaires(REPO_ROOT / "content", tmp_path)
    assert loaded["sv"]["odi"]["wording"] == {"source": "Mapi licence 123", "version": "2.1"}
    odi = loaded["sv"]["odi"]
    assert odi["title"] == "Licensierad ODI" and odi["items"][0]["text"] == "Licensierad fråga"
    assert odi["items"][0]["answers"][0]["label"] == "Licensierat svar"
    assert loaded["en"]["odi"]["items"][0]["text"] is None


def test_a_patient_created_today_has_the_baseline_due_today_open_a_week(care, today, clinic_packs):
    """Issue 9: baseline at the first visit, before any program is assigned."""
    listed = care["p"].get(f"{ME}/assessments").get_json()
    baseline = next(a for a in listed if a["timepoint"] == "baseline")
    assert baseline["due_date"] == today.isoformat() and baseline["status"] == "open"
    assert set(baseline["instruments"]) >= {"nrs", "odi", "eq5d3l", "bipq", "startback"}
    from server.domain.reminders import add_months
    three = next(a for a in listed if a["timepoint"] == "3m")
    assert three["due_date"] == add_months(today, 3).isoformat()


def test_the_baseline_closes_after_seven_days(app, care, today):
    move_due_dates(app, care["patient"]["id"], 6)
    assert care["p"].get(f"{ME}/assessments").get_json()[0]["status"] == "open"
    move_due_dates(app, care["patient"]["id"], 1)
    assert care["p"].get(f"{ME}/assessments").get_json()[0]["status"] == "missed"


def test_the_follow_ups_ask_work_and_care_scored_and_in_both_exports(started, app):
    """Issue 9: sick-leave days, work status, care visits and specialist referral at 3, 6, 12 months."""
    started["p"].post(f"{ME}/assessments/{started['baseline_id']}/response", json={"answers": BASELINE})
    move_due_dates(app, started["patient"]["id"], 92)
    listed = started["p"].get(f"{ME}/assessments").get_json()
    assert all("workcare" in a["instruments"] for a in listed[1:]) and "workcare" not in listed[0]["instruments"]
    missing = started["p"].post(f"{ME}/assessments/{listed[1]['id']}/response",
                                json={"answers": {k: v for k, v in LATER.items() if k != "workcare"}})
    assert missing.status_code == 422 and "workcare" in str(missing.get_json())
    too_many = {**LATER, "workcare": {**WORKCARE, "sick_leave_days": 184}}
    assert started["p"].post(f"{ME}/assessments/{listed[1]['id']}/response",
                             json={"answers": too_many}).status_code == 422
    assert started["p"].post(f"{ME}/assessments/{listed[1]['id']}/response", json={"answers": LATER}).status_code == 201
    scores = started["t"].get(f"{started['base']}/scores").get_json()["scores"]
    work = next(s for s in scores if s["instrument"] == "workcare")
    assert work["subscales"] == {"sick_leave_days": 12.0, "work_status": 2.0, "care_visits": 4.0, "specialist": 1.0}
    rows = list(csv.DictReader(io.StringIO(started["t"].get("/api/v1/exports/scores.csv").get_data(as_text=True))))
    three = next(r for r in rows if r["timepoint"] == "3m")
    assert (three["sick_leave_days"], three["work_status"], three["care_visits"], three["specialist"]) == \
        ("12.0", "2.0", "4.0", "1.0")
    bundle = started["t"].get(f"{started['base']}/fhir").get_json()
    response = next(e["resource"] for e in bundle["entry"]
                    if e["resource"].get("questionnaire", "").endswith("/workcare"))
    assert {"linkId": "sick_leave_days", "answer": [{"valueInteger": 12}]} in response["item"]
    assert {"linkId": "specialist", "answer": [{"valueInteger": 1}]} in response["item"]


def test_the_satisfaction_question_is_the_protocols(started):
    en = started["p"].get("/api/v1/questionnaires/satisfaction?locale=en").get_json()
    text = str(en)
    assert "Over the course of treatment for this episode of low back pain or leg pain" in text
    assert "Somewhat satisfied" in text
