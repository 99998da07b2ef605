"""Issue 18 in the browser: the therapist records a first and a final CRPE assessment at the clinic
desk (1280 px) and reads the change in the scores."""
import pytest

from tests.browser.a11y import assert_screen_ok
from tests.browser.test_episode import STAFF_SCREEN, THERAPIST, new_patient

pytestmark = pytest.mark.browser


def grade(page, part, item, value):
    page.locator(f".grade-option:has(input[name='{part}-{item}'][value='{value}'])").click()


def test_the_therapist_records_a_first_and_a_final_crpe_and_reads_the_change(app_page, live_server):
    patient, _, _ = new_patient(live_server, "Camilla Crpe")
    therapist = live_server.api(THERAPIST)
    therapist.call("POST", f"/patients/{patient['id']}/episode", {"red_flags": []})
    app = app_page(viewport=STAFF_SCREEN)
    app.login(THERAPIST)
    page = app.page
    app.go(f"#/patients/{patient['id']}/episode")
    page.click("a.link-row:has-text('CRPE assessment')")
    app.ready()
    page.wait_for_selector("h1:has-text('CRPE tool')")
    for item, value in (("sleep", 2), ("pain_back", 3), ("gait", 1)):
        grade(page, "impairment", item, value)
    assert_screen_ok(page)
    app.shot("64-therapist-crpe-first-impairment")
    page.click(".segment:has-text('Activity')")
    app.ready()
    for item, value in (("walking", 2), ("lifting", 3)):
        grade(page, "activity", item, value)
    page.click(".segment:has-text('Diagnosis')")
    app.ready()
    page.check("input[name=subgroup][value=radiating_pain]")
    app.ready()
    page.check(".crpe-diagnosis input[type=checkbox][value='M54.4']")
    page.click("button:has-text('Save the first assessment')")
    page.wait_for_selector(".crpe-scores td:has-text('2.00')")      # impairment (2+3+1)/3
    assert "2.50" in page.locator(".crpe-scores").inner_text()      # activity (2+3)/2

    page.click(".segment:text-is('Final')")
    app.ready()
    page.click(".segment:has-text('Function')")
    app.ready()
    assert page.locator(".grade-row:has(input[name='impairment-pain_back']) .grade-earlier").inner_text() == "First: 3"
    for item, value in (("sleep", 1), ("pain_back", 1), ("gait", 0)):
        grade(page, "impairment", item, value)
    page.click(".segment:has-text('Activity')")
    app.ready()
    for item, value in (("walking", 1), ("lifting", 1)):
        grade(page, "activity", item, value)
    page.click(".segment:has-text('Treatment')")
    app.ready()
    page.locator(".crpe-yesno").first.locator("label:has-text('Yes')").click()
    page.check("input[value='exercise.supervised_group']")
    page.check("input[value='behavioural.pain_education']")
    page.check("input[name=effect][value=quite_better]")
    assert_screen_ok(page)
    app.shot("65-therapist-crpe-final-treatment")
    page.click("button:has-text('Save the final assessment')")
    page.wait_for_selector(".crpe-scores td:has-text('−1.33')")     # impairment 0.67 - 2.00
    scores = page.locator(".crpe-scores").inner_text()
    assert "0.67" in scores and "1.00" in scores and "−1.50" in scores
    page.evaluate("() => window.scrollTo(0, 0)")
    assert_screen_ok(page)
    app.shot("66-therapist-crpe-change")
    stored = therapist.call("GET", f"/patients/{patient['id']}/episode/crpe")
    assert stored["final"]["treatments"] == ["exercise.supervised_group", "behavioural.pain_education"]
    assert stored["final"]["part1_applied"] is True and stored["final"]["effect"] == "quite_better"
    assert stored["first"]["icd10"] == ["M54.5", "M54.4"]
    assert not app.errors
