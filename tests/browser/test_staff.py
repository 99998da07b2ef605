"""Therapists and group supervisors in the browser."""
import re

import pytest

from tests.browser.conftest import screen

pytestmark = pytest.mark.browser

THERAPIST = "therapist@demo.betterback.se"
PIA = "patient1@demo.betterback.se"


def open_tab(app, name):
    """Open a patient tab and wait until its view is drawn (the tab's link is then the active one)."""
    app.page.click(f"a.segment:has-text('{name}')")
    app.page.wait_for_selector(f"a.segment.is-active:has-text('{name}')")
    app.ready()


def test_therapist_sees_flags_and_assigns_a_level(app_page, live_server):
    app = app_page()
    app.login(THERAPIST)
    page = app.page
    assert page.locator(".case-row").count() >= 5
    # Anna trains at 16 and Erik has gone quiet: flagged and listed first.
    assert page.locator(".case-row").first.locator(".chip").count() >= 1
    anna = page.locator(".case-row", has_text="Anna Andersson")
    assert "Effort 15 or more" in anna.inner_text()
    app.shot("30-therapist-patients")

    page.locator(".case-row", has_text="Pia Patient").locator("a.case-name").click()
    app.ready()
    assert page.locator("figure.chart").count() >= 4
    app.shot("31-therapist-patient-overview")
    open_tab(app, "Program")
    app.shot("32-therapist-program")
    page.click("button[aria-label='Move Bridge to level B']")
    page.fill("dialog textarea", "Good control of the pelvis at level A")
    app.shot("33-therapist-level-dialog")
    page.click("dialog button[type=submit]")
    page.wait_for_selector("button.level-btn.is-active[aria-label='Move Bridge to level B']")
    program = live_server.api(THERAPIST).call("GET", f"/patients/{live_server.ids[PIA]}/program")
    bridge = [i for i in program["items"] if i["family"] == "bridge"]
    assert [i["level"] for i in bridge] == ["B"]
    assert program["level_history"][0]["reason"] == "Good control of the pelvis at level A"
    assert program["level_history"][0]["to_level"] == "B"

    open_tab(app, "Contract")
    assert page.locator(".contract-line").count() >= 6
    app.shot("34-therapist-contract")
    open_tab(app, "Diary")
    assert page.locator("table.table tbody tr").count() >= 5
    app.shot("35-therapist-diary")
    open_tab(app, "Scores")
    app.shot("36-therapist-scores")
    assert not app.errors


def test_therapist_creates_a_patient_who_signs_in_with_the_code(app_page, live_server):
    app = app_page()
    app.login(THERAPIST)
    page = app.page
    page.click("a:has-text('New patient')")
    app.ready()
    page.fill("input[name=name]", "Maja Nilsson")
    page.fill("input[name=email]", "maja@example.se")
    app.shot("37-therapist-new-patient")
    page.click("button:has-text('Create and show the code')")
    code = page.locator(".invite-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{4}", code), code
    app.shot("38-therapist-invite-code")

    # The red-flag screening first ("none of these", issue 16), then Part 1 straight away; then the patient
    # signs in on their phone with the code.
    therapist = live_server.api(THERAPIST)
    screen(therapist, next(p["id"] for p in therapist.call("GET", "/patients") if p["name"] == "Maja Nilsson"))
    page.click("a:has-text('Set up the program')")
    app.ready()
    page.locator(".lib-card:has(img[src$='/p1-1a.svg']) button").click()
    page.locator(".lib-card:has(img[src$='/p1-2a.svg']) button").click()
    page.click("button:has-text('Save the program')")
    page.wait_for_selector(".program-item")
    assert page.locator(".program-item").count() == 2

    phone = app_page(locale="sv-SE")
    phone.open("#/invite")
    phone.page.fill("input[name=code]", code.lower())
    phone.page.fill("input[name=new-password]", "maja-secret-1")
    phone.page.fill("input[name=confirm-password]", "maja-secret-1")
    phone.shot("39-patient-invite")
    phone.page.click("button[type=submit]")
    phone.page.wait_for_selector(".today-head")
    phone.ready()
    assert phone.page.locator(".ex-card").count() == 2
    assert phone.page.locator(".rx-empty").is_visible()      # no contract yet: a real empty state
    phone.shot("40-patient-first-day-sv")
