"""A paced sign-in (issue 21, finding 7): the sign-in screen says, in the app's language, when to try again,
from the refusal's Retry-After. The browser tests' server runs without rate limits (they sign in many times
from one address), so the refusal is the one the server gives (tests/probe/test_login_timing.py), served here."""
import json

import pytest

from tests.browser.a11y import assert_screen_ok

pytestmark = pytest.mark.browser

REFUSAL = {"code": 429, "status": "Too Many Requests", "error": "rate_limited",
           "message": "Too many attempts. Try again in 2 seconds."}


def _refused(route, seconds: int) -> None:
    route.fulfill(status=429, headers={"Retry-After": str(seconds), "Content-Type": "application/json"},
                  body=json.dumps(REFUSAL))


@pytest.mark.parametrize(("locale", "width", "seconds", "words"), [
    ("sv-SE", 390, 2, "För många försök. Försök igen om 2 sekunder."),
    ("sv-SE", 320, 1, "För många försök. Försök igen om 1 sekund."),
    ("en-GB", 390, 600, "Too many attempts. Try again in 10 minutes."),
])
def test_the_sign_in_screen_says_when_to_try_again(app_page, locale, width, seconds, words):
    app = app_page(locale=locale, viewport={"width": width, "height": 844})
    app.page.route("**/api/v1/auth/login", lambda route: _refused(route, seconds))
    app.open("#/login")
    app.page.fill("input[name=email]", "patient1@demo.betterback.se")
    app.page.fill("input[name=password]", "not the password")
    app.page.click("form button[type=submit]")
    problem = app.page.get_by_text(words)
    problem.wait_for()
    assert problem.is_visible()
    assert_screen_ok(app.page)
    app.shot(f"60-sign-in-paced-{locale[:2]}-{width}")
    assert not app.errors
