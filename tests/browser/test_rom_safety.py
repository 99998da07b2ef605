"""Issue 16 on a 390 x 844 phone (and 320 px): a range-of-movement exercise that made the back worse
shows its own stop-and-call advice; after two "worse" answers it is off Today with a note in Swedish;
the therapist's review queue names it."""
from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.browser.a11y import assert_screen_ok
from tests.browser.conftest import PASSWORD, screen

pytestmark = pytest.mark.browser

THERAPIST = "therapist@demo.betterback.se"
PHONE_390 = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 700}


def _patient_with_rom(live_server) -> tuple[str, int, dict]:
    """A Swedish-speaking patient with two range-of-movement exercises and Part 1 exercise 1a."""
    email = f"rom-{uuid.uuid4().hex[:6]}@example.se"
    therapist = live_server.api(THERAPIST)
    created = therapist.call("POST", "/patients", {"name": "Rut Sjöberg", "email": email, "locale": "sv"})
    live_server.api().accept(created["invite_code"], PASSWORD)
    live_server.passwords[email] = PASSWORD
    screen(therapist, created["id"])          # the first program needs the red-flag screening (issue 16)
    items = therapist.call("PUT", f"/patients/{created['id']}/program", {"items": [
        {"exercise_id": "rom-extension-b"}, {"exercise_id": "rom-flexion-a"}, {"exercise_id": "p1-1a"}]})["items"]
    return email, created["id"], {i["exercise_id"]: i for i in items}


def test_worse_twice_takes_the_exercise_off_today_with_its_advice(app_page, live_server):
    email, patient_id, items = _patient_with_rom(live_server)
    patient = live_server.api(email)
    today = datetime.now(ZoneInfo("Europe/Stockholm")).date().isoformat()
    bend = items["rom-extension-b"]
    for _ in range(2):     # two "worse" answers in a row (ticked twice today, as the guided session would)
        patient.call("POST", "/patients/me/diary", {"client_id": str(uuid.uuid4()), "date": today, "exercises": [
            {"item_id": bend["item_id"], "sets_done": 2, "repetitions_done": 10, "symptom_response": "worse"}]})

    app = app_page(locale="sv-SE", viewport=PHONE_390)
    app.login(email)
    page = app.page
    held = page.locator(".held-exercises")
    assert held.locator("h2").inner_text() == "En rörelseövning är pausad"
    assert bend["title"] in held.inner_text() and "hör av dig till din fysioterapeut" in held.inner_text()
    titles = page.locator(".ex-list").inner_text()
    assert bend["title"] not in titles and items["rom-flexion-a"]["title"] in titles
    for viewport, suffix in ((PHONE_390, "390"), (NARROW, "320")):
        page.set_viewport_size(viewport)
        page.wait_for_timeout(120)
        assert_screen_ok(page)
        app.shot(f"70-rom-held-{suffix}")
    page.set_viewport_size(PHONE_390)

    # Ticking the other one with "worse": its own stop-and-call advice, then the tick is kept.
    flexion = items["rom-flexion-a"]
    page.locator(".tick[aria-label*='%s']" % flexion["title"]).click()
    page.locator("dialog .rom-answer[value=worse]").click()
    advice = page.locator("dialog.stop-advice")
    advice.wait_for()
    assert advice.locator("h2").inner_text() == "Sluta med övningen och hör av dig"
    assert "sluta med övningen och hör av dig till din fysioterapeut" in advice.inner_text()
    assert_screen_ok(page)
    app.shot("71-rom-stop-advice-390")
    advice.locator("button[type=submit]").click()
    advice.wait_for(state="detached")
    assert not app.errors

    # The therapist's review queue names the exercise and the answers.
    staff = app_page(viewport={"width": 1280, "height": 800})
    staff.login(THERAPIST)
    staff.go("#/review")
    item = staff.page.locator(".review-item[data-reason=rom_worse]", has_text="Rut Sjöberg").first
    text = item.inner_text()
    assert "Worse after a movement exercise" in text and "Backward bending level B" in text
    assert "off Today until you mark this handled" in text
    staff.shot("72-review-rom-worse-1280")
    staff.go(f"#/patients/{patient_id}/program")
    held = staff.page.locator(".program-item", has_text="Off Today: worse twice in a row")
    assert held.count() == 1 and "1B" in held.inner_text()     # rom-extension-b, the protocol's code 1B
    staff.shot("75-program-held-1280")


def test_demo_wording_scores_are_labelled_on_the_staff_screens(app_page, live_server):
    """The demo's questionnaires use placeholder packs: every score from them says so (issue 16)."""
    therapist = live_server.api(THERAPIST)
    eva = next(p for p in therapist.call("GET", "/patients") if p["name"].startswith("Eva"))
    staff = app_page(viewport={"width": 1280, "height": 800})
    staff.login(THERAPIST)
    staff.go(f"#/patients/{eva['id']}/scores")
    odi = staff.page.locator(".score-card", has_text="Disability (ODI)").first
    assert "Demo wording: not valid for clinical use" in odi.inner_text()
    assert_screen_ok(staff.page)
    staff.shot("73-scores-demo-wording-1280")
    staff.go("#/outcomes")
    assert "Demo wording: not valid for clinical use" in staff.page.locator(".outcome-table").inner_text()
