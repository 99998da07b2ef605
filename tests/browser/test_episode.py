"""Issue 9 in the browser: the therapist's care episode screen, and the patient's
"better / same / worse" question after a range-of-movement exercise."""
import time
import uuid

import pytest

from tests.browser.a11y import assert_screen_ok
from tests.browser.conftest import screen

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


def test_the_therapist_screens_rules_out_a_flag_and_logs_a_visit(app_page, live_server):
    patient, _, _ = new_patient(live_server, "Eva Episod")
    therapist = live_server.api(THERAPIST)
    app = app_page(viewport=STAFF_SCREEN)
    app.login(THERAPIST)
    page = app.page
    app.go(f"#/patients/{patient['id']}")
    page.click("a:has-text('Care episode')")
    app.ready()
    page.wait_for_selector("h1:has-text('Care episode')")
    page.click("button:has-text('Open episode')")            # nothing answered: the checklist asks first
    page.wait_for_selector(".form-error:has-text('None of these')")
    page.check("input[name=red_flags][value=weight_loss]")
    page.check("input[name=considerations][value=spinal_surgery]")
    page.fill("input[name=planned_visits]", "4")
    page.click("button:has-text('Open episode')")
    page.wait_for_selector(".banner:has-text('Care is paused')")
    assert "Tove Terapeut" in page.locator(".flag-record").inner_text()    # who ticked it
    assert_screen_ok(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    app.shot("60-therapist-episode-red-flag")
    status, refused = therapist.call("PUT", f"/patients/{patient['id']}/program",
                                     {"items": [{"exercise_id": "p1-1a"}]}, expect=None)
    assert status == 409 and refused["error"] == "care_paused"

    page.fill("textarea[name=outcome_note_weight_loss]", "Weight stable on re-weighing; blood tests normal.")
    page.click(".flag-outcome button:has-text('Examined: ruled out')")
    page.wait_for_selector(".banner:has-text('Care is paused')", state="detached")
    assert "Ruled out" in page.locator(".flag-record").inner_text()
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


def test_the_therapist_refers_a_flag_and_resumes_care_with_a_note(app_page, live_server):
    patient, _, _ = new_patient(live_server, "Ruben Remiss")
    therapist = live_server.api(THERAPIST)
    screen(therapist, patient["id"], ["infection"])
    app = app_page(viewport=STAFF_SCREEN)
    app.login(THERAPIST)
    page = app.page
    app.go(f"#/patients/{patient['id']}/episode")
    page.click(".flag-outcome button:has-text('Referred')")          # a referral names its recipient
    page.wait_for_selector(".flag-outcome .form-error:has-text('who the patient was referred to')")
    page.fill("textarea[name=outcome_note_infection]", "GP, same day")
    page.click(".flag-outcome button:has-text('Referred')")
    page.wait_for_selector(".banner:has-text('the patient is referred')")
    assert_screen_ok(page)
    app.shot("65-therapist-episode-referred")
    page.fill("textarea[name=resume_note]", "GP: no infection, training may go on.")
    page.click("button:has-text('Resume care')")
    page.wait_for_selector(".banner:has-text('Care is paused')", state="detached")
    assert "GP: no infection" in page.locator(".episode").inner_text()
    assert therapist.call("GET", f"/patients/{patient['id']}/episode")["episode"]["paused"] is None
    assert not app.errors


def test_the_program_editor_leads_to_the_checklist_before_a_screening(app_page, live_server):
    patient, _, _ = new_patient(live_server, "Siv Screening")
    app = app_page(viewport=STAFF_SCREEN)
    app.login(THERAPIST)
    page = app.page
    app.go(f"#/patients/{patient['id']}/program?edit=1")
    page.locator(".lib-card").first.locator("button").click()
    page.click("button:has-text('Save the program')")
    link = page.wait_for_selector(".form-error a:has-text('Open the red-flag checklist')")
    link.click()
    page.wait_for_selector("h1:has-text('Care episode')")
    assert not app.errors


def test_a_patient_whose_therapist_ticks_a_red_flag_sees_care_paused_in_swedish(app_page, live_server):
    patient, email, _ = new_patient(live_server, "Greta Paus", locale="sv")
    therapist = live_server.api(THERAPIST)
    screen(therapist, patient["id"])
    therapist.call("PUT", f"/patients/{patient['id']}/program",
                   {"items": [{"exercise_id": "p1-1a"}, {"exercise_id": "rom-extension-a"}]})
    app = app_page(locale="sv-SE", viewport=PHONE)
    app.login(email)
    page = app.page
    page.wait_for_selector(".ex-card")                       # her exercises, before the flag
    therapist.call("PATCH", f"/patients/{patient['id']}/episode", {"red_flags": ["cord_compression"]})
    page.reload()
    app.ready()
    page.wait_for_selector(".rest-day.is-paused")
    text = page.locator(".today").inner_text()
    assert "Din träning är pausad" in text and "Kontakta din mottagning" in text
    assert "Pausad sedan" in text
    assert page.locator(".ex-card").count() == 0 and page.locator(".rx-card").count() == 0   # no exercises, no training
    assert "ridbyx" not in text.lower() and "ryggmärg" not in text.lower()   # the reason in plain words, no flag name
    assert_screen_ok(page)
    app.shot("64-patient-care-paused")
    page.set_viewport_size({"width": 320, "height": 700})
    page.wait_for_timeout(120)
    assert_screen_ok(page)
    app.shot("64-patient-care-paused-320")
    assert not app.errors


@pytest.mark.parametrize("width", [390, 320])
def test_the_patient_answers_how_back_and_leg_felt_after_range_of_movement(app_page, live_server, width):
    patient, email, _ = new_patient(live_server, "Rolf Rörlighet")
    therapist = live_server.api(THERAPIST)
    screen(therapist, patient["id"])
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
