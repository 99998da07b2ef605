"""Issue 21, finding 1: the patient's export holds everything kept about them, in every table.

The tables are found by walking the models, not listed by hand: every table with a foreign key to
the patient (users, patients), directly or through a parent row, plus the access log (which names
the patient without a key, so that it outlives the record). A table added later is checked the
day it is added: the patient below must then get a row in it, and the export must carry it.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import Table, select

import server.models  # noqa: F401 (every model on the metadata)
from server.db import Base
from server.domain import episode as rules
from server.extensions import db
from server.models import User
from server.services.privacy.export import LEFT_OUT_COLUMNS, LEFT_OUT_TABLES, patient_export, plain
from server.services.privacy.export_episode import LOCALES, _flag_labels, app_strings
from tests.probe.full_record import full_record, signed_in
from tests.test_authorization_walk import PATIENT, THERAPIST

PERSON_TABLES = {"users", "patients"}


def patient_tables() -> list[Table]:
    """The tables that refer to a person, directly or through a parent row, in dependency order."""
    found: set[str] = set(PERSON_TABLES)
    changed = True
    while changed:
        changed = False
        for table in Base.metadata.sorted_tables:
            if table.name not in found and ({fk.column.table.name for fk in table.foreign_keys} & found
                                            or "patient_id" in table.c):
                found.add(table.name)
                changed = True
    return [t for t in Base.metadata.sorted_tables if t.name in found]


def owned_rows(connection, patient_id: int) -> dict[str, list[dict]]:
    """Each table's rows that are the patient's: their own user row, and rows whose key points at one of theirs."""
    owned: dict[str, list[dict]] = {}
    for table in patient_tables():
        rows = [dict(r._mapping) for r in connection.execute(select(table))]
        if table.name == "users":
            owned["users"] = [r for r in rows if r["id"] == patient_id]
            continue

        def is_theirs(row: dict) -> bool:
            if table.name == "access_log":
                return row["patient_id"] == patient_id
            return any(row[fk.parent.name] is not None and row[fk.parent.name] in
                       {parent[fk.column.name] for parent in owned.get(fk.column.table.name, [])}
                       for fk in table.foreign_keys)

        owned[table.name] = [r for r in rows if is_theirs(r)]
    return owned


def leaves(value) -> set:
    """The plain values in a JSON value, dict keys included."""
    if isinstance(value, dict):
        return set(value) | {leaf for item in value.values() for leaf in leaves(item)}
    if isinstance(value, list):
        return {leaf for item in value for leaf in leaves(item)}
    return {value}


def objects(document) -> list[set]:
    """The leaves of every object below the document's top level."""
    found = []

    def walk(value, depth):
        if isinstance(value, dict):
            if depth:
                found.append(leaves(value))
            for item in value.values():
                walk(item, depth + 1)
        elif isinstance(value, list):
            for item in value:
                walk(item, depth + 1)
    walk(document, 0)
    return found


def forms(name: str, value) -> list[set]:
    """The ways a stored value may read in JSON, one set of alternatives per plain value in it.
    A time of day is stored as minutes after midnight and reads as a clock time."""
    if isinstance(value, int) and not isinstance(value, bool) and (name.endswith("_minute")
                                                                   or name in ("quiet_start", "quiet_end")):
        clock = f"{value // 60:02d}:{value % 60:02d}"
        return [{value, clock, f"{clock}:00"}]
    return [{leaf} for leaf in leaves(plain(value))]


def row_values(table: Table, row: dict) -> list[set]:
    """What a row holds: its columns other than keys (primary, foreign, or named *_id as the access
    log's are) and those left out on purpose."""
    keys = {c.name for c in table.columns if c.primary_key or c.foreign_keys or c.name.endswith("_id")}
    kept = [name for name, value in row.items() if name not in keys and value is not None
            and f"{table.name}.{name}" not in LEFT_OUT_COLUMNS]
    return [alternatives for name in kept for alternatives in forms(name, row[name])]


def missing_from(document: dict, owned: dict[str, list[dict]]) -> list[str]:
    tables = {t.name: t for t in patient_tables()}
    found = objects(document)
    problems = []
    for name, rows in owned.items():
        if name in LEFT_OUT_TABLES:
            continue
        if not rows:
            problems.append(f"{name}: the test's patient has no row here; give them one in full_record")
        for row in rows:
            values = row_values(tables[name], row)
            if not any(all(form & holder for form in values) for holder in found):
                shown = sorted(str(min(form, key=str)) for form in values)
                problems.append(f"{name} row {row.get('id', '')}: no object of the export holds {shown}")
    return problems


@pytest.fixture
def record(app, make, clinic_packs):
    return full_record(app, make)


def test_the_walk_finds_the_tables_of_the_record():
    names = {t.name for t in patient_tables()}
    assert {"care_episodes", "episode_visits", "assessment_responses", "diary_exercises", "access_log",
            "review_handled", "messages"} <= names
    assert "clinics" not in names


def test_what_is_left_out_is_named_and_real():
    """Every exclusion names a table that refers to the patient, or a column that exists, with a reason."""
    tables = {t.name: t for t in patient_tables()}
    assert set(LEFT_OUT_TABLES) <= set(tables) and all(LEFT_OUT_TABLES.values())
    for key, reason in LEFT_OUT_COLUMNS.items():
        table, column = key.split(".")
        assert column in tables[table].c and reason, key


def test_every_row_that_refers_to_the_patient_is_in_their_export(app, record):
    patient_id = record[PATIENT]["id"]
    with app.app_context():
        document = patient_export(db.session, db.session.get(User, patient_id), "https://bb.example")
        with db.engine.connect() as connection:
            owned = owned_rows(connection, patient_id)
    problems = missing_from(document, owned)
    assert problems == [], "\n".join(problems)


def test_a_table_missing_from_the_export_is_found(app, record):
    """The check itself: drop the care episode's section and it names the episode's tables."""
    patient_id = record[PATIENT]["id"]
    with app.app_context():
        document = patient_export(db.session, db.session.get(User, patient_id), "https://bb.example")
        with db.engine.connect() as connection:
            owned = owned_rows(connection, patient_id)
    del document["care_episodes"]
    assert {p.split(" ")[0] for p in missing_from(document, owned)} == {"care_episodes", "episode_visits",
                                                                      "red_flag_records", "care_resumes",
                                                                      "crpe_assessments"}


def test_the_episode_reads_in_the_patients_language_with_who_and_when(app, record):
    reply = signed_in(app, record[PATIENT]).get("/api/v1/patients/me/export")
    care = json.loads(reply.get_data(as_text=True))["care_episodes"]
    (episode,) = care["episodes"]
    assert episode["red_flags"] == ["weight_loss", "trauma"]
    assert episode["red_flag_labels"]["weight_loss"] == "Viktnedgång utan känd orsak"
    weight_loss, trauma = episode["red_flag_records"]          # each tick with its outcome, who and when
    assert (trauma["flag"], trauma["outcome"], trauma["outcome_label"]) == ("trauma", "ruled_out", "Utesluten")
    assert (weight_loss["outcome_label"], weight_loss["note"]) == ("Remitterad", "Vårdcentralen, samma dag")
    assert weight_loss["flag_label"] == "Viktnedgång utan känd orsak" and weight_loss["outcome_by"]["role"] == "therapist"
    (first,) = episode["crpe"]                                   # the physiotherapist's CRPE tool, with scores
    assert (first["which"], first["impairment_score"], first["icd10"]) == ("first", 2.5, ["M54.5", "M54.4"])
    assert episode["resumes"][0]["note"] == "Läkaren fann ingen allvarlig orsak." and episode["resumes"][0]["resumed_at"]
    assert episode["opened_by"]["name"] and episode["opened_by"]["role"] == "therapist"
    assert [(v["kind"], v["kind_label"]) for v in episode["visits"]] == [("first", "Nybesök"), ("return", "Återbesök")]
    assert episode["visits"][1]["note"] == "Gick igenom del 1 och smärtdagboken"
    assert episode["visits"][1]["created_by"]["id"] == record[THERAPIST]["id"]
    assert (episode["discharge_reason"], episode["discharge_reason_label"]) == ("self-management",
                                                                                "Fortsätter på egen hand")
    assert care["startback"]["answers"]["sbt1"] in (0, 1) and care["startback"]["risk"]["group"] in ("low",
                                                                                                     "medium-high")
    assert care["startback"]["risk"]["meaning"].startswith(("Låg risk", "Medel till hög risk"))


def test_an_english_speaking_patient_reads_the_episode_in_english(app, record):
    with app.app_context():
        db.session.get(User, record[PATIENT]["id"]).locale = "en"
        db.session.commit()
    reply = signed_in(app, record[PATIENT]).get("/api/v1/patients/me/export")
    care = json.loads(reply.get_data(as_text=True))["care_episodes"]
    (episode,) = care["episodes"]
    assert episode["red_flag_labels"] == {"weight_loss": "Weight loss without a known reason",
                                          "trauma": "Recent trauma or suspected fracture of the spine"}
    assert [v["kind_label"] for v in episode["visits"]] == ["First visit", "Return visit"]
    assert episode["discharge_reason_label"] == "Continues on their own"
    assert care["startback"]["risk"]["meaning"].startswith(("Low risk", "Medium to high risk"))


@pytest.mark.parametrize("locale", LOCALES)
def test_every_visit_kind_and_discharge_reason_has_words_in_the_app(locale):
    strings = app_strings(locale)
    keys = [f"episode.kind_{k}" for k in rules.VISIT_KINDS] + [f"episode.reason_{r}" for r in rules.DISCHARGE_REASONS]
    assert [k for k in keys if not strings.get(k)] == []


@pytest.mark.parametrize("flags", [["trauma", "unknown"], {"trauma": {"done": "x"}}, [{"code": "trauma"}, {"x": 1}]])
def test_a_ticked_flag_gets_its_words_whatever_shape_the_record_keeps(flags):
    assert _flag_labels(flags, "en") == {"trauma": "Recent trauma or suspected fracture of the spine"}


def test_the_therapists_export_of_the_episode_is_logged(app, record):
    from server.models import AccessLog

    with app.app_context():
        before = db.session.scalar(select(AccessLog.id).order_by(AccessLog.id.desc()).limit(1))
    reply = signed_in(app, record[THERAPIST]).get(f"/api/v1/patients/{record[PATIENT]['id']}/export")
    assert reply.status_code == 200 and json.loads(reply.get_data(as_text=True))["care_episodes"]["episodes"]
    with app.app_context():
        rows = [(r.actor_id, r.patient_id, r.kind) for r in
                db.session.scalars(select(AccessLog).where(AccessLog.id > before))]
    assert rows == [(record[THERAPIST]["id"], record[PATIENT]["id"], "export")]
