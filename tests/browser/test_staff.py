"""Therapists and group supervisors in the browser."""
import re

import pytest

pytestmark = pytest.mark.browser

THERAPIST = "therapist@demo.betterback.se"
SUPERVISOR = "supervisor@demo.betterback.se"
PIA = "patient1@demo.betterback.se"


def test_therapist_sees_flags_and_assigns_a_level(app_page, live_server):
    app = app_page()
    app.login(THERAPIST)
    page = app.page
    assert page.locator(".patient-row").count() >= 5
    # Anna trains at 16 and Erik has gone quiet: flagged and listed first.
    assert page.locator(".patient-row").first.locator(".chip").count() >= 1
    anna = page.locator(".patient-row", has_text="Anna Andersson")
    assert "Effort 15 or more" in anna.inner_text()
    app.shot("30-therapist-patients")

    page.locator(".patient-row", has_text="Pia Patient").click()
    app.ready()
    assert page.locator("figure.chart").count() == 4
    app.shot("31-therapist-patient-overview")
    page.click("a.segment:has-text('Program')")
    app.ready()
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

    page.click("a.segment:has-text('Contract')")
    app.ready()
    assert page.locator(".contract-line").count() >= 6
    app.shot("34-therapist-contract")
    page.click("a.segment:has-text('Diary')")
    app.ready()
    assert page.locator("table.table tbody tr").count() >= 5
    app.shot("35-therapist-diary")
    page.click("a.segment:has-text('Scores')")
    app.ready()
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

    # Assign Part 1 straight away, then the patient signs in on their phone with the code.
    page.click("a:has-text('Set up the program')")
    app.ready()
    page.check("input[value=p1-1a]")
    page.check("input[value=p1-2a]")
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


def test_supervisor_takes_attendance(app_page, live_server):
    app = app_page()
    app.login(SUPERVISOR)
    page = app.page
    assert page.locator(".group-card").count() == 1
    app.shot("41-supervisor-groups")
    page.locator(".group-card").click()
    app.ready()
    assert page.locator(".word-card").is_visible()            # who needs a word
    assert "Erik Berg" in page.locator(".word-card").inner_text()
    assert page.locator(".adhere-table tbody tr").count() == 4
    latest = page.locator(".date-chip").first
    assert latest.get_attribute("aria-pressed") == "true"
    page.click("button:has-text('Everyone here')")
    page.locator(".attend-row", has_text="Erik Berg").locator(".attend-btn.is-absent").click()
    assert "3 of 4 here" in page.locator(".attend-summary").inner_text()
    app.shot("42-supervisor-attendance")
    page.click("button:has-text('Save attendance')")
    page.wait_for_selector(".toast-good")
    group = live_server.api(SUPERVISOR).call("GET", "/groups")[0]
    import datetime
    today = datetime.date.today().isoformat()
    day = [d for d in group["session_dates"] if d <= today][-1]
    rows = live_server.api(SUPERVISOR).call("GET", f"/groups/{group['id']}/attendance/{day}")["attendance"]
    assert len(rows) == 4 and sum(r["present"] for r in rows) == 3
    app.ready()
    page.evaluate("window.scrollTo(0, document.querySelector('.table-card').offsetTop - 60)")
    app.shot("43-supervisor-adherence")
    assert not app.errors
