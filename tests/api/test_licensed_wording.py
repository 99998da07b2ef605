"""Issue 16: a licensed questionnaire (and the Swedish STarT Back) is asked and scored only in validated
wording; without the clinic's pack it is "not collected" everywhere the scores show."""
from __future__ import annotations

import csv
import io
import logging

import pytest

from server.content.questionnaires import load_questionnaires
from server.domain import wording
from server.services.demo.demo_packs import write_packs
from tests.probe.test_fhir_valid import assert_valid_r4

ME = "/api/v1/patients/me"
NRS = {"nrs": {"back": 6, "leg": 3}}
LICENSED = {"odi": {f"odi{i}": 4 for i in range(1, 11)},          # ODI 80 %: would read "very severe"
            "eq5d3l": {"mo": 2, "sc": 2, "ua": 2, "pd": 2, "ad": 2, "vas": 60},
            "bipq": {f"bipq{i}": 5 for i in range(1, 9)},
            "startback": {f"sbt{i}": 1 for i in range(1, 9)} | {"sbt9": 3}}
NOT_COLLECTED = ["odi", "eq5d3l", "bipq", "startback"]   # at baseline, for a Swedish-speaking patient


@pytest.fixture
def baseline(care):
    """The Swedish-speaking patient's open baseline (the program starts today)."""
    care["t"].put(f"{care['base']}/program", json={"items": [{"exercise_id": "p1-1a"}]})
    care["baseline"] = care["p"].get(f"{ME}/assessments").get_json()[0]
    return care


def _csv(client) -> list[dict]:
    return list(csv.DictReader(io.StringIO(client.get("/api/v1/exports/scores.csv").get_data(as_text=True))))


def test_without_a_pack_only_the_free_wording_is_asked(no_packs, baseline):
    listed = baseline["t"].get(f"{baseline['base']}/assessments").get_json()[0]
    assert listed["instruments"] == ["nrs"]
    assert listed["not_collected"] == [{"instrument": i, "reason": "licensed_wording_missing"} for i in NOT_COLLECTED]


def test_without_a_pack_a_licensed_answer_is_refused_and_nothing_is_scored(no_packs, baseline):
    url = f"{ME}/assessments/{baseline['baseline']['id']}"
    refused = baseline["p"].post(f"{url}/response", json={"answers": {**NRS, "odi": LICENSED["odi"]}})
    assert refused.status_code == 422 and refused.get_json()["error"] == "licensed_wording_missing"
    assert "answers" in refused.get_json()["errors"]["json"] and "odi" in refused.get_json()["message"]
    assert baseline["p"].put(f"{url}/draft", json={"answers": {"odi": LICENSED["odi"]}}).status_code == 422
    assert baseline["p"].post(f"{url}/response", json={"answers": NRS}).status_code == 201
    scores = baseline["t"].get(f"{baseline['base']}/scores").get_json()
    assert [s["instrument"] for s in scores["scores"]] == ["nrs"] and scores["startback_group"] is None
    assert scores["scores"][0]["wording"] == {"source": "own wording", "version": None}
    assert [(m["instrument"], m["label"]) for m in scores["not_collected"]] == [
        (i, "not collected: licensed wording not installed") for i in NOT_COLLECTED]
    assert all("content/questionnaires/README.md" in m["help"] for m in scores["not_collected"])
    done = baseline["p"].get(f"{ME}/assessments").get_json()[0]
    assert done["status"] == "completed" and done["instruments"] == ["nrs"] and len(done["not_collected"]) == 4


def test_without_a_pack_outcomes_and_exports_say_not_collected(no_packs, baseline):
    url = f"{ME}/assessments/{baseline['baseline']['id']}"
    baseline["p"].post(f"{url}/response", json={"answers": NRS})
    row = _csv(baseline["t"])[0]
    assert row["odi_total"] == "" and row["odi_wording"].startswith("not collected: licensed wording not installed")
    assert "content/questionnaires/README.md" in row["odi_wording"] and row["nrs_wording"] == "own wording"
    outcomes = baseline["t"].get("/api/v1/clinic/outcomes").get_json()
    # one patient: the count is a small cell like any other (tests/probe/test_outcome_cells.py)
    assert {(r["instrument"], r["patients"], r["reason"], tuple(r["suppressed"])) for r in outcomes["not_collected"]} \
        == {(i, None, "licensed_wording_missing", ("patients",)) for i in NOT_COLLECTED}
    assert "odi" not in {r["instrument"] for r in outcomes["instruments"]}
    table = baseline["t"].get("/api/v1/clinic/outcomes.csv").get_data(as_text=True)
    assert "not_collected,odi,baseline" in table and "licensed_wording_missing" in table
    bundle = baseline["t"].get(f"{baseline['base']}/fhir").get_json()
    outcome = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "OperationOutcome")
    assert [i["diagnostics"].split(":")[0] for i in outcome["issue"]] == [f"{i} at baseline" for i in NOT_COLLECTED]
    assert not any(e["resource"].get("questionnaire", "").endswith("/odi") for e in bundle["entry"])
    assert_valid_r4(bundle)


def test_a_clinic_pack_makes_it_asked_and_each_answer_records_its_wording(clinic_packs, baseline):
    listed = baseline["p"].get(f"{ME}/assessments").get_json()[0]
    assert listed["instruments"] == ["nrs", "odi", "eq5d3l", "bipq", "startback"] and listed["not_collected"] == []
    url = f"{ME}/assessments/{listed['id']}"
    assert baseline["p"].post(f"{url}/response", json={"answers": {**NRS, **LICENSED}}).status_code == 201
    scores = {s["instrument"]: s for s in baseline["t"].get(f"{baseline['base']}/scores").get_json()["scores"]}
    assert scores["odi"]["total"] == 80.0 and scores["odi"]["wording_label"] is None
    assert scores["odi"]["wording"] == {"source": "Test clinic licence", "version": "2.1"}
    assert _csv(baseline["t"])[0]["odi_wording"] == "Test clinic licence (version 2.1)"
    bundle = baseline["t"].get(f"{baseline['base']}/fhir").get_json()
    odi = next(e["resource"] for e in bundle["entry"] if e["resource"].get("questionnaire", "").endswith("/odi"))
    assert {"url": odi["extension"][-1]["url"].rsplit("/", 1)[1], "value": odi["extension"][-1]["valueString"]} == {
        "url": "wording", "value": "Test clinic licence (version 2.1)"}
    assert "meta" not in odi


@pytest.fixture
def demo_packs(app, tmp_path):
    before = app.extensions["bb_questionnaires"]
    write_packs(app.config["CONTENT_PATH"], tmp_path, source=wording.DEMO_SOURCE, version="demo")
    app.extensions["bb_questionnaires"] = load_questionnaires(app.config["CONTENT_PATH"], tmp_path)
    yield
    app.extensions["bb_questionnaires"] = before


def test_demo_placeholder_scores_are_labelled_wherever_they_show(demo_packs, baseline):
    url = f"{ME}/assessments/{baseline['baseline']['id']}"
    assert baseline["p"].post(f"{url}/response", json={"answers": {**NRS, **LICENSED}}).status_code == 201
    label = "demo wording: not valid for clinical use"
    for client in (baseline["t"], baseline["p"]):   # the therapist's screens and the patient's charts
        scores = {s["instrument"]: s for s in client.get(f"{baseline['base']}/scores").get_json()["scores"]}
        assert scores["odi"]["wording_label"] == label and scores["nrs"]["wording_label"] is None
    assert _csv(baseline["t"])[0]["odi_wording"] == label
    outcomes = baseline["t"].get("/api/v1/clinic/outcomes").get_json()
    odi = next(r for r in outcomes["instruments"] if r["instrument"] == "odi")
    assert (odi["demo_wording"], odi["label"]) == (1, label)
    bundle = baseline["t"].get(f"{baseline['base']}/fhir").get_json()
    resource = next(e["resource"] for e in bundle["entry"] if e["resource"].get("questionnaire", "").endswith("/odi"))
    assert resource["meta"]["tag"][0]["display"] == label


def test_a_pack_must_say_its_source_and_cover_every_item(tmp_path):
    from server.config import REPO_ROOT
    from server.content.loader import ContentError

    folder = tmp_path / "content-packs" / "questionnaires"
    folder.mkdir(parents=True)
    (folder / "odi.sv.yaml").write_text("title: ODI\nitems:\n  - key: odi1\n    text: Fråga\n")
    with pytest.raises(ContentError) as failed:
        load_questionnaires(REPO_ROOT / "content", tmp_path)
    text = str(failed.value.problems)
    assert "'source' is required" in text and "'version' is required" in text and "odi10" in text


def test_content_check_and_the_start_up_log_list_the_missing_packs(app, tmp_path, monkeypatch, caplog):
    from click.testing import CliRunner

    from server.app import log_questionnaire_packs
    from server.cli import main

    monkeypatch.setenv("BETTERBACK_INSTANCE_PATH", str(tmp_path))
    result = CliRunner().invoke(main, ["content", "check"])
    assert result.exit_code == 0, result.output
    assert "missing pack odi.sv: not collected: licensed wording not installed" in result.output
    assert "missing pack startback.sv" in result.output and "missing pack startback.en" not in result.output
    assert "content/questionnaires/README.md" in result.output
    with caplog.at_level(logging.WARNING, logger="betterback.content"):
        log_questionnaire_packs(load_questionnaires(app.config["CONTENT_PATH"], tmp_path))
    assert "odi.sv" in caplog.text and "startback.sv" in caplog.text


def test_without_the_swedish_startback_the_therapist_records_the_paper_form(no_packs, care, make):
    """The pathway then uses the paper result (risk group in the episode and the patient list)."""
    unscreened = make.patient(care["therapist"])
    assert care["t"].put(f"/api/v1/patients/{unscreened['id']}/episode/startback",
                         json={"total": 6, "psychosocial": 4}).status_code == 404     # no open episode yet
    url = f"{care['base']}/episode/startback"                                        # care's patient: screened
    assert care["t"].get(f"{care['base']}/episode").get_json()["risk"] is None
    recorded = care["t"].put(url, json={"total": 6, "psychosocial": 4})
    assert recorded.status_code == 200, recorded.get_json()
    risk = recorded.get_json()["risk"]
    assert (risk["source"], risk["group"], risk["total"], risk["psychosocial"], risk["psychosocial_high"]) == (
        "paper", "medium-high", 6, 4, True)
    listed = next(p for p in care["t"].get("/api/v1/patients").get_json() if p["id"] == care["patient"]["id"])
    assert listed["risk_group"] == "medium-high"
    again = care["t"].put(url, json={"total": 2, "psychosocial": 1}).get_json()["risk"]
    assert (again["group"], again["total"]) == ("low", 2)


@pytest.mark.parametrize("body, error, field", [
    ({"total": 5, "psychosocial": 0}, "startback_inconsistent", "psychosocial"),
    ({"total": 2, "psychosocial": 3}, "startback_inconsistent", "psychosocial"),
    ({"total": 10, "psychosocial": 3}, "invalid_input", "total"),
    ({"total": 4}, "invalid_input", "psychosocial"),
])
def test_a_paper_result_no_form_can_give_is_refused(care, body, error, field):
    care["t"].post(f"{care['base']}/episode", json={})
    refused = care["t"].put(f"{care['base']}/episode/startback", json=body)
    assert refused.status_code == 422 and refused.get_json()["error"] == error
    assert field in refused.get_json()["errors"]["json"]
    assert care["t"].get(f"{care['base']}/episode").get_json()["risk"] is None


def test_a_draft_from_before_keeps_only_what_is_asked(no_packs, baseline, app):
    """A draft saved while a licensed questionnaire was still shown must not block the patient."""
    from server.extensions import db
    from server.models import Assessment

    with app.app_context():
        db.session.get(Assessment, baseline["baseline"]["id"]).draft = {"answers": {**NRS, "odi": LICENSED["odi"]}}
        db.session.commit()
    listed = baseline["p"].get(f"{ME}/assessments").get_json()[0]
    assert listed["draft"] == {"answers": NRS}
    url = f"{ME}/assessments/{listed['id']}"
    assert baseline["p"].post(f"{url}/response", json={"answers": listed["draft"]["answers"]}).status_code == 201
