"""Issue 21, finding 2: the FHIR Bundle is valid FHIR R4, for a patient who answered every instrument.

Validated with fhir.resources' R4B (4.3.0) models, the release nearest R4 4.0.1 that current
fhir.resources ships; they refuse any element the specification does not have, and every element
the Bundle uses is also in R4 4.0.1. The Bundle invariants the models do not check (bdl-1, bdl-7)
are checked by hand.
"""
from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from server.domain import proms
from tests.probe.full_record import full_record, signed_in
from tests.test_authorization_walk import PATIENT, THERAPIST, build_world


@pytest.fixture
def record(app, make, clinic_packs):
    return full_record(app, make)


def assert_valid_r4(bundle: dict) -> Bundle:
    parsed = Bundle.model_validate(bundle)                       # raises on any element R4 does not have
    assert bundle.get("total") is None or bundle["type"] in ("searchset", "history")            # bdl-1
    urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(urls) == len(set(urls))                                                           # bdl-7
    for entry, model in zip(bundle["entry"], parsed.entry):
        resource = entry["resource"]
        assert type(model.resource).__name__ == resource["resourceType"]   # each checked as its own type
        assert entry["fullUrl"].endswith(f"/{resource['resourceType']}/{resource['id']}")
    return parsed


def instruments_in(bundle: dict) -> set[str]:
    return {e["resource"]["questionnaire"].rsplit("/", 1)[1] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "QuestionnaireResponse"}


def test_the_fhir_bundle_of_every_instrument_is_valid_r4(app, record):
    reply = signed_in(app, record[THERAPIST]).get(f"/api/v1/patients/{record[PATIENT]['id']}/fhir")
    assert reply.status_code == 200 and reply.mimetype == "application/fhir+json"
    bundle = reply.get_json()
    assert_valid_r4(bundle)
    assert instruments_in(bundle) == set(proms.INSTRUMENTS)
    points = {e["resource"]["extension"][0]["valueString"] for e in bundle["entry"]
              if e["resource"]["resourceType"] == "QuestionnaireResponse"}
    assert points == {"baseline", "3m", "6m", "12m"}


def test_the_patients_export_carries_the_same_valid_bundle(app, record):
    reply = signed_in(app, record[PATIENT]).get("/api/v1/patients/me/export")
    bundle = json.loads(reply.get_data(as_text=True))["fhir"]
    assert_valid_r4(bundle)
    assert instruments_in(bundle) == set(proms.INSTRUMENTS)


def test_a_coded_total_is_an_observation_derived_from_its_response(app, record):
    """R4 has no code on a QuestionnaireResponse item: the ODI total keeps its LOINC code on an Observation."""
    bundle = signed_in(app, record[THERAPIST]).get(f"/api/v1/patients/{record[PATIENT]['id']}/fhir").get_json()
    resources = {f"{e['resource']['resourceType']}/{e['resource']['id']}": e["resource"] for e in bundle["entry"]}
    odi = [r for r in resources.values() if r["resourceType"] == "QuestionnaireResponse"
           and r["questionnaire"].endswith("/odi")]
    scores = [r for r in resources.values() if r["resourceType"] == "Observation"]
    assert len(odi) == 4 and len(scores) == 4
    for score in scores:
        Observation.model_validate(score)
        response = resources[score["derivedFrom"][0]["reference"]]
        QuestionnaireResponse.model_validate(response)
        total = next(i for i in response["item"] if i["linkId"] == "total-score")
        assert "code" not in total
        assert score["code"]["coding"] == [{"system": "http://loinc.org", "code": "97908-8"}]
        assert score["valueQuantity"]["value"] == total["answer"][0]["valueDecimal"]
        assert score["subject"] == response["subject"] and score["effectiveDateTime"] == response["authored"]


def test_the_care_episode_and_its_visits_are_in_the_bundle(app, record):
    bundle = signed_in(app, record[THERAPIST]).get(f"/api/v1/patients/{record[PATIENT]['id']}/fhir").get_json()
    (episode,) = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "EpisodeOfCare"]
    visits = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Encounter"]
    assert episode["status"] == "finished" and episode["period"]["end"] == episode["period"]["start"]
    assert episode["patient"] == {"reference": f"Patient/{record[PATIENT]['id']}"}
    assert [v["type"][0]["coding"][0]["code"] for v in visits] == ["first", "return"]
    assert {v["episodeOfCare"][0]["reference"] for v in visits} == {f"EpisodeOfCare/{episode['id']}"}


def test_an_open_episode_is_active_and_valid(app, make):
    world = build_world(make)
    bundle = signed_in(app, world[THERAPIST]).get(f"/api/v1/patients/{world[PATIENT]['id']}/fhir").get_json()
    assert_valid_r4(bundle)
    (episode,) = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "EpisodeOfCare"]
    assert episode["status"] == "active" and "end" not in episode["period"]


def test_the_demo_wordings_mark_is_valid_r4_too(app, make, tmp_path):
    """Every score from the demo's placeholder wording carries a meta tag, and validates like the rest (the
    OperationOutcome of what was not collected: tests/api/test_licensed_wording.py)."""
    from server.services.demo.demo_packs import write_packs
    from tests.conftest import _questionnaires

    before = app.extensions["bb_questionnaires"]
    try:
        write_packs(app.config["CONTENT_PATH"], tmp_path / "demo", source="demo placeholder", version="0")
        app.extensions["bb_questionnaires"] = _questionnaires(app, tmp_path / "demo")
        world = full_record(app, make)
        bundle = signed_in(app, world[THERAPIST]).get(f"/api/v1/patients/{world[PATIENT]['id']}/fhir").get_json()
    finally:
        app.extensions["bb_questionnaires"] = before
    assert_valid_r4(bundle)
    tagged = [e["resource"] for e in bundle["entry"] if e["resource"].get("meta", {}).get("tag")]
    assert tagged and all(r["meta"]["tag"][0]["code"] == "demo-wording" for r in tagged)
