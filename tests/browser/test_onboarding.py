"""Onboarding that works: the invitation card has a QR code and a link that opens the app with the
code filled in; the account's language is used; a forgotten password is replaced with a new code;
the patient can change their password."""
import pytest

from tests.browser.a11y import assert_screen_ok
from tests.browser.conftest import PASSWORD, Api

pytestmark = pytest.mark.browser

THERAPIST = "therapist@demo.betterback.se"
STAFF = {"width": 1280, "height": 800}


def test_the_invitation_card_shows_a_qr_code_and_a_link_that_fills_in_the_code(app_page, live_server):
    therapist = live_server.api(THERAPIST)
    created = therapist.call("POST", "/patients", {"name": "Vera Virta", "email": "vera@demo.betterback.se", "locale": "sv"})
    desk = app_page(viewport=STAFF)
    desk.login(THERAPIST)
    desk.go(f"#/patients/{created['id']}")
    desk.page.click("button:has-text('New invitation code')")
    card = desk.page.wait_for_selector(".invite-card")
    qr = desk.page.locator("img.invite-qr")
    qr.wait_for()
    desk.until("() => { const i = document.querySelector('img.invite-qr'); return i.complete && i.naturalWidth > 0; }")
    link = desk.page.locator(".invite-url a").inner_text()
    assert link.startswith(live_server.base + "/#/invite?code=")                 # the code only after '#'
    assert card.is_visible()
    desk.page.evaluate("() => document.querySelector('.invite-card').scrollIntoView({ block: 'end' })")
    desk.shot("42-invitation-card-1280")
    assert_screen_ok(desk.page)
    desk.page.set_viewport_size({"width": 390, "height": 844})
    desk.page.locator(".invite-card").scroll_into_view_if_needed()
    desk.shot("42-invitation-card")
    assert_screen_ok(desk.page)

    # The patient's phone (an English browser) opens the link: the code is there, the app in Swedish.
    phone = app_page(locale="en-GB")
    phone.page.goto(link)
    phone.ready()
    code = phone.page.input_value("input[name=code]")
    assert code.replace("-", "") == link.split("code=")[1]
    phone.page.fill("input[name=new-password]", "vera-secret-1")
    phone.page.fill("input[name=confirm-password]", "vera-secret-1")
    phone.page.click("button[type=submit]")
    phone.page.wait_for_selector(".today-head")
    phone.ready()
    assert phone.page.evaluate("() => document.documentElement.lang") == "sv"     # the therapist's choice
    assert phone.page.locator(".tab.is-active .tab-label").inner_text() == "I dag"


def test_a_new_code_for_an_activated_patient_and_changing_the_password(app_page, live_server):
    therapist = live_server.api(THERAPIST)
    created = therapist.call("POST", "/patients", {"name": "Wilma Wik", "email": "wilma@demo.betterback.se", "locale": "en"})
    Api(live_server.base).accept(created["invite_code"], PASSWORD)
    live_server.passwords["wilma@demo.betterback.se"] = PASSWORD

    phone = app_page()
    phone.login("wilma@demo.betterback.se")
    phone.go("#/me")
    phone.page.click("a[href='#/password']")
    phone.ready()
    phone.shot("43-change-password")
    assert_screen_ok(phone.page)
    phone.page.set_viewport_size({"width": 320, "height": 740})
    phone.shot("43-change-password-320")
    assert_screen_ok(phone.page)
    phone.page.set_viewport_size({"width": 390, "height": 844})
    phone.page.fill("input[name=current-password]", "not-my-password")
    phone.page.fill("input[name=new-password]", "wilma-new-secret")
    phone.page.fill("input[name=confirm-password]", "wilma-new-secret")
    phone.page.click("button[type=submit]")
    assert "current password is not right" in phone.page.wait_for_selector(".form-error:not([hidden])").inner_text()
    phone.page.fill("input[name=current-password]", PASSWORD)
    phone.page.click("button[type=submit]")
    phone.page.wait_for_function("() => location.hash === '#/me'")
    status, _ = Api(live_server.base).call("POST", "/auth/login", {"email": "wilma@demo.betterback.se",
                                                                   "password": "wilma-new-secret"}, expect=None)
    assert status == 200

    # Forgotten after all: the sign-in screen says who gives a new code, and the therapist gives one.
    desk = app_page(viewport=STAFF)
    desk.login(THERAPIST)
    desk.go(f"#/patients/{created['id']}")
    desk.page.click("button:has-text('New invitation code')")
    desk.page.click("dialog .btn-primary")
    desk.page.wait_for_selector(".invite-card img.invite-qr")
    assert_screen_ok(desk.page)
    phone.page.reload()                                   # her phone was signed out
    phone.page.wait_for_selector(".auth-card")
    phone.page.click("summary:has-text('Forgot your password?')")
    assert "physiotherapist" in phone.page.locator(".forgot p").inner_text()
    phone.shot("44-login-forgot-password")
    assert_screen_ok(phone.page)
    phone.page.set_viewport_size({"width": 320, "height": 740})
    assert_screen_ok(phone.page)
