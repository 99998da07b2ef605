"""A closed member at the gym (issue 21, finding 3): their marks show with "account closed" and no buttons,
and "the rest are here" marks only the open members, so the server never has to refuse the batch."""
import datetime

import pytest

from .a11y import assert_screen_ok
from .conftest import Api
from .staff_helpers import ADMIN, PHONE, SUPERVISOR, staff

pytestmark = pytest.mark.browser


def _group_with_a_closed_member(live_server) -> tuple[dict, dict, dict, str]:
    """A therapist of its own, two patients in an old group (sorted last), one marked and then closed."""
    made = live_server.api(ADMIN).call("POST", "/staff", {"email": "closing-therapist@example.org",
                                                         "name": "Tove Terapeut", "role": "therapist"})
    therapist = Api(live_server.base)
    therapist.login("closing-therapist@example.org", made["one_time_password"])
    supervisor_id = live_server.api(SUPERVISOR).call("GET", "/me")["id"]
    start = datetime.date.today() - datetime.timedelta(days=70)
    group = therapist.call("POST", "/groups", {
        "name": "Onsdagsgruppen (avslutad medlem)", "start_date": start.isoformat(), "weeks": 12,
        "sessions_per_week": 1, "weekdays": [start.isoweekday()], "time": "08:00", "supervisor_id": supervisor_id})
    closed = therapist.call("POST", "/patients", {"name": "Stina Stängd", "email": "stina@example.org", "locale": "sv"})
    open_ = therapist.call("POST", "/patients", {"name": "Olle Öppen", "email": "olle@example.org", "locale": "sv"})
    for patient in (closed, open_):
        therapist.call("POST", f"/groups/{group['id']}/members", {"patient_id": patient["id"]})
    first = group["session_dates"][0]
    live_server.api(SUPERVISOR).call("PUT", f"/groups/{group['id']}/attendance/{first}", {
        "attendance": [{"patient_id": closed["id"], "present": True}]})
    therapist.call("POST", f"/patients/{closed['id']}/close")
    return group, closed, open_, first


def test_a_closed_member_shows_and_is_left_out_of_the_rest_are_here(app_page, live_server):
    group, closed, open_, first = _group_with_a_closed_member(live_server)
    app = staff(app_page, SUPERVISOR)
    app.go(f"#/groups/{group['id']}?date={first}")
    page = app.page
    row = page.locator(".attend-row.is-closed")
    row.wait_for()
    assert "Stina Stängd" in row.inner_text()
    assert "Kontot är avslutat: närvaron kan inte ändras · Här" in row.inner_text()
    assert row.locator("button").count() == 0
    page.click("button:has-text('Resten är här')")
    page.locator(".attend-row:not(.is-closed) .attend-status.is-saved").wait_for()
    saved = live_server.api(SUPERVISOR).call("GET", f"/groups/{group['id']}/attendance/{first}")["attendance"]
    assert sorted((r["patient_id"], r["present"]) for r in saved) == sorted([(closed["id"], True), (open_["id"], True)])
    assert page.locator(".toast-error").count() == 0
    assert_screen_ok(page)
    app.shot("59-supervisor-gym-closed-member-1280")
    assert not app.errors

    phone = staff(app_page, SUPERVISOR, viewport=PHONE)
    phone.go(f"#/groups/{group['id']}?date={first}")
    phone.page.locator(".attend-row.is-closed").wait_for()
    assert_screen_ok(phone.page)
    phone.shot("59-supervisor-gym-closed-member-390")
