"""Issue 9 in the browser: the therapist's care episode screen, and the patient's
"better / same / worse" question after a range-of-movement exercise."""
import time
import uuid

import pytest

from tests.browser.a11y import assert_screen_ok

pytestmark = pytest.mark.browser

THERAPIST = "therapist@demo.betterback.se"
STAFF_SCREEN = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def new_patient(live_server, name: str, locale: str = "en") -> tuple[dict, str, str]:
    """A fresh patient (so the demo patients other tests use stay as they are): (record, email, password)."""
    therapist = live_server.api(THERAPIST)
    email = f"episode-{uuid.uuid4().hex[:8]}@example.org"
    made = therapist.call("POST", "/patients", {"name": name, "email": email, "locale": locale})
    password = "a long enough password 42"
    live_server.api().accept(made["invite_code"], password)
    live_server.passwords[email] = password
    return made, email, password


def test_the_therapist_screens_visits_and_unblocks_the_program(app_page, live_server):
    patient, _, _ = new_patient(live_server, "Eva Episod")
    therapist = live_server.api(THERAPIST)
    app = app_page(viewport=STAFF_SCREEN)
    app.login(THERAPIST)
    page = app.page
    app.go(f"#/patients/{patient['id']}")
    page.click("a:has-text('Care episode')")
    app.ready()
    page.wait_for_selector("h1:has-text('Care episode')")
    page.check("input[name=red_flags][value=weight_loss]")
    page.fill("input[name=planned_visits]", "4")
    page.click("button:has-text('Open episode')")
    page.wait_for_selector(".banner:has-text('No program until this is resolved')")
    assert_screen_ok(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    app.shot("60-therapist-episode-red-flag")
    status, refused = therapist.call("PUT", f"/patients/{patient['id']}/program",
                                     {"items": [{"exercise_id": "p1-1a"}]}, expect=None)
    assert status == 409 and "viktnedgång" in str(refused)   # staff accounts are Swedish by default

    page.fill("textarea[name=red_flag_action]", "Seen by the GP the same day; blood tests normal.")
    page.click("button:has-text('Save screening')")
    page.wait_for_selector(".banner:has-text('No program until this is resolved')", state="detached")
    page.select_option("select[name=kind]", "return")
    page.fill("input[name=note]", "Part 1 taught, posture control")
    page.click("button:has-text('Log visit')")
    page.wait_for_selector(".plain-row:has-text('Return visit')")
    assert "2 of 4" in page.locator(".episode").inner_text()
    assert_screen_ok(page)
    app.shot("61-therapist-episode", full_page=True)
    therapist.call("PUT", f"/patients/{patient['id']}/program", {"items": [{"exercise_id": "p1-1a"}]})
    listed = next(p for p in therapist.call("GET", "/patients") if p["id"] == patient["id"])
    assert (listed["visits_done"], listed["visits_planned"]) == (2, 4)
    assert not app.errors


@pytest.mark.parametrize("width", [390, 320])
def test_the_patient_answers_how_back_and_leg_felt_after_range_of_movement(app_page, live_server, width):
    patient, email, _ = new_patient(live_server, "Rolf Rörlighet")
    therapist = live_server.api(THERAPIST)
    therapist.call("PUT", f"/patients/{patient['id']}/program", {"items": [{"exercise_id": "rom-extension-a"}]})
    app = app_page(viewport={"width": width, "height": 844})
    app.login(email)
    page = app.page
    page.locator(".ex-card .tick").first.click()
    page.wait_for_selector("dialog[open]:has-text('How did your back and leg feel afterwards?')")
    assert_screen_ok(page)
    app.shot("62-patient-rom-question" if width == 390 else "63-patient-rom-question-320")
    page.click("dialog button:has-text('Better')")
    page.wait_for_selector(".ex-card .tick[aria-pressed=true]")
    deadline = time.monotonic() + 10
    while True:   # the outbox sends it in the background
        items = therapist.call("GET", f"/patients/{patient['id']}/program")["items"]
        trend = items[0]["symptom_trend"]
        if trend or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert [t["response"] for t in trend] == ["better"]
    assert not app.errors
