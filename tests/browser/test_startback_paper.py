"""Issue 16 at 1280 x 800: without the clinic's Swedish STarT Back pack the therapist records Keele's
paper form in the care episode, and the risk profile (the pathway) follows it."""
from __future__ import annotations

import uuid

import pytest

from tests.browser.a11y import assert_screen_ok
from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.browser

THERAPIST = "therapist@demo.betterback.se"


def test_the_therapist_records_startback_from_the_paper_form(app_page, live_server):
    therapist = live_server.api(THERAPIST)
    created = therapist.call("POST", "/patients", {"name": "Sten Paper", "email": f"paper-{uuid.uuid4().hex[:6]}@example.se",
                                                   "locale": "sv"})
    live_server.api().accept(created["invite_code"], PASSWORD)
    therapist.call("POST", f"/patients/{created['id']}/episode", {})

    staff = app_page(viewport={"width": 1280, "height": 800})
    staff.login(THERAPIST)
    staff.go(f"#/patients/{created['id']}/episode")
    page = staff.page
    form = page.locator("form.startback-paper")
    form.locator("input[name=total]").fill("3")
    form.locator("input[name=psychosocial]").fill("4")
    form.locator("button[type=submit]").click()
    error = form.locator(".form-error")
    error.wait_for()
    assert error.inner_text().startswith("STarT Back: the psychosocial score (items 5-9) is part of the total")
    form.locator("input[name=total]").fill("6")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=The risk profile above is from the paper form.")
    assert "Medium to high risk" in page.locator(".episode").inner_text()
    assert_screen_ok(page)
    staff.shot("74-startback-paper-1280", full_page=True)
    assert not staff.errors
