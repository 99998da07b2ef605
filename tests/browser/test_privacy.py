"""Trust screens: the patient's "Who has looked at my record" with the data download, the clinic
admin's access-log review and record page, and closing an account."""
import json
from datetime import date
from pathlib import Path

import pytest

from tests.browser.a11y import assert_screen_ok

pytestmark = pytest.mark.browser

PIA = "patient1@demo.betterback.se"
ADMIN = "admin@demo.betterback.se"
THERAPIST = "therapist@demo.betterback.se"
SUPERVISOR = "supervisor@demo.betterback.se"
STAFF_SCREEN = {"width": 1280, "height": 800}


def test_the_patient_sees_who_has_looked_and_downloads_their_data(app_page, live_server, pia_in_swedish):
    pia_id = live_server.ids[PIA]
    status, _ = live_server.api(SUPERVISOR).call("GET", f"/patients/{pia_id}", expect=None)   # turned away
    assert status == 403
    live_server.api(THERAPIST).call("GET", f"/patients/{pia_id}/diary")   # a read she should see
    app = app_page(locale="sv-SE")
    app.login(PIA)
    page = app.page
    app.go("#/me")
    page.click("a.link-row:has-text('Vem har tittat i min journal')")
    app.ready()
    assert page.locator("h1").inner_text() == "Vem har tittat i min journal"
    first = page.locator(".access-row").first
    assert "Läste din träningsdagbok" in first.inner_text() and "Fysioterapeut" in first.inner_text()
    assert page.locator(".access-row", has_text="från").count() == 0     # addresses are for the clinic
    refused = page.locator(".access-row", has_text="Fick inte läsa dina uppgifter")
    assert refused.count() == 1 and "Gruppledare" in refused.inner_text() and "403" not in refused.inner_text()
    attendance = page.locator(".access-row", has_text="Ändrade närvaron i din träningsgrupp")
    assert attendance.count() == 1 and "gånger" in attendance.inner_text()   # a day's run shows once, counted
    assert_screen_ok(page)
    app.shot("60-patient-who-has-looked")
    with page.expect_download() as caught:
        page.click("a:has-text('Ladda ner mina uppgifter')")
    download = caught.value
    assert download.suggested_filename.startswith(f"betterback-{pia_id}-") and download.suggested_filename.endswith(".json")
    document = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert document["profile"]["email"] == PIA and document["diary"] and document["fhir"]["resourceType"] == "Bundle"
    page.set_viewport_size({"width": 320, "height": 720})
    page.wait_for_timeout(100)
    assert_screen_ok(page)
    app.shot("61-patient-who-has-looked-320", full_page=True)
    assert not app.errors


def test_the_admin_reviews_the_log_and_closes_an_account(app_page, live_server):
    therapist = live_server.api(THERAPIST)
    created = therapist.call("POST", "/patients", {"name": "Oskar Slut", "email": "oskar.slut@example.org", "locale": "sv"})
    admin_api = live_server.api(ADMIN)
    admin_api.call("GET", f"/patients/{live_server.ids[PIA]}")     # an admin read: not their patient, highlighted
    status, _ = live_server.api(SUPERVISOR).call("GET", f"/patients/{created['id']}/diary", expect=None)
    assert status == 403                                           # a refused try: logged, highlighted
    app = app_page(viewport=STAFF_SCREEN)
    app.login(ADMIN)
    page = app.page
    app.go("#/me")
    page.click("a.link-row:has-text('Access log review')")
    app.ready()
    flagged = page.locator("tr.is-flagged")
    assert flagged.count() >= 2 and "Not their patient" in flagged.first.inner_text()
    assert "Astrid Admin" in flagged.first.inner_text()
    refused = page.locator("tr.is-flagged", has_text="Oskar Slut").filter(has_text="Supervisor")
    assert refused.count() == 1 and refused.locator("td").nth(3).inner_text() == "1"   # the refused try, counted
    assert page.locator("a:has-text('Download CSV')").get_attribute("href").startswith("/api/v1/access-log/report.csv?from=")
    assert_screen_ok(page)
    app.shot("62-admin-access-report")

    app.go(f"#/records/{created['id']}")
    assert page.locator("h1").inner_text() == "Oskar Slut"
    page.click("button:has-text('Close account')")
    page.click("dialog button:has-text('Close account')")
    page.wait_for_selector(".banner:has-text('The account is closed')")
    today = date.today()   # the browser runs in Europe/Stockholm, like the test machine's date here
    assert f"kept until {today.day} {today:%B} {today.year + 10}" in page.locator(".banner").inner_text()
    rows = page.locator(".access-row").all_inner_texts()    # newest first: this page's own reads, then the closing
    assert rows[0].startswith("Read: Access log") and rows[2].startswith("Changed: Account closed")
    assert any(r.startswith("Refused read: Diary (answer 403)") for r in rows)
    assert rows[-1].startswith("Changed: Record created")
    assert_screen_ok(page)
    app.shot("63-admin-record-closed")
    status, _ = therapist.call("PUT", f"/patients/{created['id']}/contract", {}, expect=None)
    assert status == 409
    assert not app.errors


def test_the_therapist_sees_the_close_action_on_the_overview(app_page, live_server):
    app = app_page(viewport=STAFF_SCREEN)
    app.login(THERAPIST)
    app.go(f"#/patients/{live_server.ids[PIA]}")
    card = app.page.locator(".close-card")
    assert card.locator("button:has-text('Close account')").count() == 1
    with app.page.expect_download() as caught:
        card.locator("a:has-text(\"Download the patient's data\")").click()
    assert caught.value.suggested_filename.startswith(f"betterback-{live_server.ids[PIA]}-")
    logged = live_server.api(ADMIN).call("GET", f"/patients/{live_server.ids[PIA]}/access-log?limit=5")["entries"]
    assert "export" in [e["kind"] for e in logged]
    card.scroll_into_view_if_needed()
    assert_screen_ok(app.page)
    app.shot("64-therapist-close-account")
    assert not app.errors
