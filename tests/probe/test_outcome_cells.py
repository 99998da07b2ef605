"""Probe finding 5 (issue 21): the clinic outcomes showed one patient's ODI change in a cell with n = 1. No
count or figure resting on fewer than 5 patients is shown, in the JSON and the CSV, for therapists and admins."""
from __future__ import annotations

import csv
import io

import pytest

from tests.api.test_proms_api import BASELINE
from tests.api.test_workspace import answered  # noqa: F401 (a fixture: one patient, ODI 40 -> 20 at 3 months)
from tests.conftest import PASSWORD, ApiClient


def csv_rows(client: ApiClient) -> list[dict]:
    reply = client.get("/api/v1/clinic/outcomes.csv")
    assert reply.status_code == 200
    return list(csv.DictReader(io.StringIO(reply.get_data(as_text=True))))


@pytest.fixture
def readers(answered, make, app):  # noqa: F811
    admin = make.staff("admin", clinic_id=answered["therapist"]["clinic_id"])
    return {"therapist": answered["t"], "admin": ApiClient(app).login(admin["email"], PASSWORD)}


@pytest.mark.parametrize("who", ["therapist", "admin"])
def test_one_patients_change_is_not_shown(readers, who):
    body = readers[who].get("/api/v1/clinic/outcomes").get_json()
    assert body["min_cell"] == 5
    odi = next(r for r in body["instruments"] if (r["instrument"], r["timepoint"]) == ("odi", "3m"))
    assert odi == {"instrument": "odi", "timepoint": "3m", "n": None, "n_change": None, "mean_change": None,
                   "share_improved": None, "suppressed": ["n", "n_change", "mean_change", "share_improved"],
                   "demo_wording": 0, "label": None}
    assert all(r["n"] is None for r in body["instruments"])
    baseline = next(r for r in body["response_rate"] if r["timepoint"] == "baseline")
    assert (baseline["due"], baseline["answered"], baseline["rate"]) == (None, None, None)
    assert all(b["patients"] in (0, None) for b in body["adherence"])


@pytest.mark.parametrize("who", ["therapist", "admin"])
def test_the_csv_says_under_five_and_suppressed(readers, who):
    rows = csv_rows(readers[who])
    odi = next(r for r in rows if (r["section"], r["instrument"], r["timepoint"]) == ("instruments", "odi", "3m"))
    assert (odi["n"], odi["n_change"], odi["mean_change"], odi["share_improved"]) == (
        "<5", "<5", "suppressed", "suppressed")
    rate = next(r for r in rows if (r["section"], r["timepoint"]) == ("response_rate", "baseline"))
    assert (rate["due"], rate["answered"], rate["rate"]) == ("<5", "<5", "suppressed")
    assert "-20.0" not in {value for row in rows for value in row.values()}


def test_five_patients_make_a_cell_that_is_shown(app, make, clinic_packs):
    therapist = make.staff("therapist")
    for _ in range(5):
        patient = make.patient(therapist)
        client = ApiClient(app).login(patient["email"], PASSWORD)
        baseline = client.get("/api/v1/patients/me/assessments").get_json()[0]["id"]
        assert client.post(f"/api/v1/patients/me/assessments/{baseline}/response",
                           json={"answers": BASELINE}).status_code == 201
    t = ApiClient(app).login(therapist["email"], PASSWORD)
    body = t.get("/api/v1/clinic/outcomes").get_json()
    odi = next(r for r in body["instruments"] if (r["instrument"], r["timepoint"]) == ("odi", "baseline"))
    assert (odi["n"], odi["suppressed"]) == (5, [])
    rate = next(r for r in body["response_rate"] if r["timepoint"] == "baseline")
    assert (rate["due"], rate["answered"], rate["rate"], rate["suppressed"]) == (5, 5, 1.0, [])
    row = next(r for r in csv_rows(t) if (r["section"], r["instrument"], r["timepoint"]) == ("instruments", "odi",
                                                                                              "baseline"))
    assert row["n"] == "5"
