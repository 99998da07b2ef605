"""Issue 17: the group physiotherapist records "performed satisfactorily, ready for the next level" from the
gym view; it becomes a level suggestion and reaches the responsible therapist's review queue."""
from __future__ import annotations

import pytest

from server.extensions import db
from server.models import ProgramItem
from tests.api.test_access_log import rows, signed_in
from tests.test_authorization_walk import ADMIN, OTHER_PATIENT, OTHER_THERAPIST, PATIENT, SUPERVISOR, THERAPIST, \
    build_world


@pytest.fixture
def world(make):
    return build_world(make)


def _items(app, patient_id: int) -> dict[str, int]:
    with app.app_context():
        return {i.exercise_id: i.id for i in db.session.query(ProgramItem).filter_by(patient_id=patient_id,
                                                                                      ended_at=None)}


def test_the_supervisor_sees_each_members_part2_levels(app, world):
    group = world["objects"]["group_id"]
    levels = signed_in(app, world[SUPERVISOR]).get(f"/api/v1/groups/{group}/levels")
    assert levels.status_code == 200
    [member] = levels.get_json()
    assert member["patient_id"] == world[PATIENT]["id"]
    assert [(i["exercise_id"], i["level"], i["next_level"], i["observation"]) for i in member["items"]] == [
        ("p2-bridge-a", "A", "B", None)]   # Part 1 is not levelled here
    assert [(r.actor_id, r.kind, r.action) for r in rows(app, world[PATIENT]["id"])] == [
        (world[SUPERVISOR]["id"], "group-levels", "read")]


def test_an_observation_suggests_the_next_level_and_reaches_the_review_queue(app, world):
    group, patient = world["objects"]["group_id"], world[PATIENT]
    bridge = _items(app, patient["id"])["p2-bridge-a"]
    therapist = signed_in(app, world[THERAPIST])
    assert [i["reason"] for i in therapist.get("/api/v1/review-queue").get_json()["items"]
            if i["patient_id"] == patient["id"] and i["reason"].startswith("level")] == []
    made = signed_in(app, world[SUPERVISOR]).post(f"/api/v1/groups/{group}/members/{patient['id']}/level-observations",
                                                  json={"item_id": bridge, "note": "Steady hips, no pain"})
    assert made.status_code == 201, made.get_json()
    assert (made.get_json()["level"], made.get_json()["next_level"]) == ("A", "B")
    program = therapist.get(f"/api/v1/patients/{patient['id']}/program").get_json()
    assert [(s["family"], s["to_level"], s["basis"]) for s in program["level_suggestions"]] == [
        ("bridge", "B", "observation")]
    items = [i for i in therapist.get("/api/v1/review-queue").get_json()["items"] if i["reason"] == "level_observed"]
    assert [(i["patient_id"], i["detail"]["suggestions"][0]["to_level"]) for i in items] == [(patient["id"], "B")]
    # the write is in the patient's access log, once, by the supervisor (assigned: it is their group)
    assert (world[SUPERVISOR]["id"], "level-observation", "write", True) in [
        (r.actor_id, r.kind, r.action, r.assigned) for r in rows(app, patient["id"])]
    # a level change ends it: the new item has no observation
    moved = therapist.post(f"/api/v1/patients/{patient['id']}/program/levels",
                           json={"family": "bridge", "level": "B", "reason": "Seen in the group"})
    assert moved.status_code == 200 and moved.get_json()["level_suggestions"] == []
    assert not [i for i in therapist.get("/api/v1/review-queue").get_json()["items"] if i["reason"] == "level_observed"]


def test_observations_are_checked(app, world):
    group, patient = world["objects"]["group_id"], world[PATIENT]
    items = _items(app, patient["id"])
    supervisor = signed_in(app, world[SUPERVISOR])
    url = f"/api/v1/groups/{group}/members/{patient['id']}/level-observations"
    part1 = supervisor.post(url, json={"item_id": items["p1-1a"]})
    assert part1.status_code == 422 and part1.get_json()["error"] == "observation_not_part2"
    assert "item_id" in part1.get_json()["errors"]["json"]
    others = _items(app, world[OTHER_PATIENT]["id"]) or {"x": 999999}
    assert supervisor.post(url, json={"item_id": next(iter(others.values()))}).status_code == 404
    assert supervisor.post(url, json={}).status_code == 422
    not_member = f"/api/v1/groups/{group}/members/{world[OTHER_PATIENT]['id']}/level-observations"
    assert supervisor.post(not_member, json={"item_id": items["p2-bridge-a"]}).status_code == 404
    assert signed_in(app, world[ADMIN]).post(url, json={"item_id": items["p2-bridge-a"]}).status_code == 403
    assert signed_in(app, world[OTHER_THERAPIST]).post(url, json={"item_id": items["p2-bridge-a"]}).status_code == 201
    assert [r.kind for r in rows(app, patient["id"])] == ["level-observation"]   # refusals wrote nothing
