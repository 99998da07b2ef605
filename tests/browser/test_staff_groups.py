"""A therapist creates a training group and chooses its members in the browser."""
import pytest

pytestmark = pytest.mark.browser

THERAPIST = "therapist@demo.betterback.se"
SUPERVISOR = "supervisor@demo.betterback.se"
GROUP_NAME = "Back school, spring"


def test_therapist_creates_a_group_and_adds_members(app_page, live_server):
    therapist_api = live_server.api(THERAPIST)
    # Two patients of the therapist's own who are in no group (the other tests' patients stay as they are).
    nora = therapist_api.call("POST", "/patients", {"name": "Nora Lund", "email": "nora@demo.betterback.se", "locale": "en"})
    olle = therapist_api.call("POST", "/patients", {"name": "Olle Ek", "email": "olle@demo.betterback.se", "locale": "sv"})
    supervisor = next(p for p in therapist_api.call("GET", "/staff/supervisors") if p["role"] == "supervisor")
    therapist_me = therapist_api.call("GET", "/me")

    app = app_page()
    app.login(THERAPIST)
    page = app.page
    app.go("#/groups")
    page.click("a:has-text('New group')")
    app.ready()
    assert page.locator("h1").inner_text() == "New group"
    # The defaults: 6 weeks, twice a week on Tuesday and Thursday at 17:30.
    assert page.locator("select[name=weeks]").input_value() == "6"
    assert page.locator("select[name=sessions_per_week]").input_value() == "2"
    assert page.locator("input[name=time]").input_value() == "17:30"
    assert page.locator("input[name=weekdays]:checked").evaluate_all("els => els.map(e => e.value)") == ["2", "4"]

    # Nothing filled in: the errors show next to their fields.
    page.locator("label.day-chip", has_text="Fri").click()
    page.click("button:has-text('Create the group')")
    assert page.locator(".field-error:visible").count() == 3   # name, supervisor, days (3 picked for 2 a week)
    assert "exactly 2 days" in page.locator(".group-days .field-error").inner_text()
    page.locator("label.day-chip", has_text="Fri").click()

    assert page.locator(".field-error:visible").count() == 2   # each error goes as its field changes
    page.select_option("select[name=supervisor_id]", str(supervisor["id"]))
    assert page.locator(".field-error:visible").count() == 1

    # A 422 from the server shows next to its field too (a name longer than the server allows).
    page.evaluate("() => document.querySelector('input[name=name]').removeAttribute('maxlength')")
    page.fill("input[name=name]", "A" * 130)
    page.click("button:has-text('Create the group')")
    page.wait_for_selector("input[name=name][aria-invalid=true]")
    name_error = page.locator(".field:has(input[name=name]) .field-error")
    assert name_error.is_visible() and "120" in name_error.inner_text()
    assert page.locator(".field-error:visible").count() == 1

    page.fill("input[name=name]", GROUP_NAME)
    assert page.locator(".field-error:visible").count() == 0
    page.evaluate("() => document.activeElement.blur()")
    # Scroll the form up under the top bar: name, supervisor, dates and days in one phone screen.
    page.evaluate("""() => {
      const form = document.querySelector('.new-group').getBoundingClientRect();
      const top = document.getElementById('topbar').getBoundingClientRect();
      window.scrollBy(0, form.top - top.bottom - 12);
    }""")
    app.shot("44-therapist-new-group")
    page.click("button:has-text('Create the group')")
    page.wait_for_selector(".members-card")
    app.ready()
    assert page.locator("h1").inner_text() == GROUP_NAME
    assert "No members yet" in page.locator(".members-card").inner_text()

    # Add two patients, then take one out again (after a confirm).
    for name, patient in (("Nora Lund", nora), ("Olle Ek", olle)):
        page.click(".members-card button:has-text('Add patient')")
        page.select_option(".member-add select", str(patient["id"]))
        page.click(".member-add button:has-text('Add to the group')")
        page.wait_for_selector(f".member-row:has-text('{name}')")
    page.click("button[aria-label='Remove Olle Ek from the group']")
    page.click("dialog button:has-text('Cancel')")
    assert page.locator(".member-row").count() == 2
    page.click("button[aria-label='Remove Olle Ek from the group']")
    assert "Remove Olle Ek from the group?" in page.locator("dialog").inner_text()
    page.click("dialog button:has-text('Remove')")
    page.wait_for_selector(".member-row:has-text('Olle Ek')", state="detached")
    assert page.locator(".member-row").count() == 1
    page.click(".members-card button:has-text('Add patient')")
    options = page.locator(".member-add select option").all_inner_texts()
    assert any("Olle Ek" in o for o in options) and not any("Nora Lund" in o for o in options)
    page.click(".member-add button:has-text('Cancel')")
    page.evaluate("() => window.scrollTo(0, 0)")
    app.shot("45-therapist-group-members")
    assert not app.errors

    # The server has the group, supervised by the demo supervisor, with Nora in it.
    group = next(g for g in therapist_api.call("GET", "/groups") if g["name"] == GROUP_NAME)
    assert group["supervisor_id"] == supervisor["id"]
    assert group["weekdays"] == [2, 4] and group["time"] == "17:30" and group["weeks"] == 6
    assert group["created_by_id"] == therapist_me["id"]
    detail = therapist_api.call("GET", f"/groups/{group['id']}")
    assert [m["id"] for m in detail["members"]] == [nora["id"]]
    assert olle["id"] not in [m["id"] for m in detail["members"]]

    # The supervisor sees the group but none of the controls for choosing members.
    sup = app_page()
    sup.login(SUPERVISOR)
    assert sup.page.locator("a:has-text('New group')").count() == 0
    sup.go(f"#/groups/{group['id']}")
    assert sup.page.locator("h1").inner_text() == GROUP_NAME
    assert sup.page.locator(".members-card").count() == 0
    assert sup.page.locator("button:has-text('Add patient')").count() == 0
    assert not sup.errors

    # Leave the demo supervisor with their one demo group, as the other tests expect.
    therapist_api.call("PATCH", f"/groups/{group['id']}", {"supervisor_id": therapist_me["id"]})
