"""The staff workspace at the clinic's desk (1280 x 800) and on a phone (390 x 844): the patient
table, the review queue, one patient's charts and pacing timeline, and messages (test_staff_clinic.py
has the rest)."""
import re

import pytest

from .a11y import assert_screen_ok
from .staff_helpers import PHONE, PIA, THERAPIST, pid, staff

pytestmark = pytest.mark.browser


def test_patient_table_sorts_filters_and_links_each_flag_to_its_evidence(app_page, live_server):
    app = staff(app_page, THERAPIST)
    page = app.page
    rows = page.locator(".case-row")
    assert rows.count() >= 10
    assert page.locator(".tabbar .tab").count() == 6           # the rail shows outcomes too
    assert page.locator(".tabbar").evaluate("el => getComputedStyle(el).position") == "fixed"
    assert page.locator(".case-table thead th").first.evaluate("el => getComputedStyle(el).position") == "sticky"
    # Flags first: the first row carries at least one flag that is not a level suggestion.
    assert rows.first.locator(".flag-link").count() >= 1
    assert_screen_ok(page)
    app.shot("50-staff-patients-1280")

    page.click("th[data-key=name] .sort-btn")
    names = page.locator(".case-row .case-name").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    assert page.locator("th[data-key=name]").get_attribute("aria-sort") == "ascending"

    page.select_option("select:near(:text('Flagga'))", "pain_rising")
    assert page.locator(".case-row").count() == 1
    karin = page.locator(".case-row").first
    assert "Karin Lindqvist" in karin.inner_text()
    assert "Ökar" in karin.inner_text()                        # pain trend, in Swedish
    link = karin.locator("a.flag-link", has_text="Ökande smärta")
    assert re.fullmatch(r"#/patients/\d+/overview", link.get_attribute("href"))
    page.select_option("select:near(:text('Flagga'))", "")
    page.fill("input[type=search]", "johan")
    assert page.locator(".case-row").count() == 1
    johan = page.locator(".case-row").first
    assert "Missat" in johan.locator(".q-cell").inner_text()   # the missed questionnaire
    johan.locator("a.flag-link", has_text="Ingen dagbok").click()
    page.wait_for_selector(".side-list .side-row.is-active")
    app.ready()
    assert re.search(r"#/patients/\d+/diary$", page.url)
    assert page.locator(".side-list .side-row.is-active").inner_text().strip().endswith("2") or \
        "Johan Ek" in page.locator(".side-list .side-row.is-active").inner_text()
    assert not app.errors


def test_patient_table_on_a_phone_scrolls_sideways_with_a_hint(app_page):
    app = staff(app_page, THERAPIST, viewport=PHONE)
    page = app.page
    wrap = page.locator(".staff-table-wrap")
    assert wrap.get_attribute("data-scroll-x") is not None
    assert page.locator(".scroll-hint").is_visible()
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.locator(".tabbar .tab-wide-only").is_hidden()  # outcomes: a button on the page instead
    assert_screen_ok(page)
    app.shot("50-staff-patients-390")


def test_review_queue_shows_each_reason_and_records_who_handled_it(app_page, live_server):
    app = staff(app_page, THERAPIST)
    page = app.page
    app.go("#/review")
    reasons = set(page.locator(".review-item").evaluate_all("els => els.map(e => e.dataset.reason)"))
    assert {"unanswered_message", "pacing_hold_twice", "rpe_high", "pain_rising", "no_diary_7d", "questionnaire_missed",
            "level_suggestion"} <= reasons
    pacing = page.locator(".review-item[data-reason=pacing_hold_twice]").first
    assert "Två perioder i rad utan ökning" in pacing.inner_text()
    assert_screen_ok(page)
    app.shot("51-staff-review-1280")

    level = page.locator(".review-item[data-reason=level_suggestion]").first
    name = level.locator(".review-name").inner_text()
    before = live_server.api(THERAPIST).call("GET", "/review-queue")["items"]
    level.locator("button", has_text="Markera som hanterad").click()
    level.locator(".chip-good", has_text="Hanterad av dig").wait_for()
    after = live_server.api(THERAPIST).call("GET", "/review-queue")["items"]
    gone = [i for i in before if i["id"] not in {a["id"] for a in after}]
    assert [(i["patient_name"], i["reason"]) for i in gone] == [(name, "level_suggestion")]
    assert not app.errors

    phone = staff(app_page, THERAPIST, viewport=PHONE)
    phone.go("#/review")
    assert_screen_ok(phone.page)
    phone.shot("51-staff-review-390")


def test_patient_detail_charts_speak_about_the_patient_and_show_the_pacing(app_page, live_server):
    karin = pid(live_server, "Karin Lindqvist")
    app = staff(app_page, THERAPIST, locale="en-GB")
    page = app.page
    app.go(f"#/patients/{karin}")
    assert page.locator(".side-list").is_visible()            # the caseload beside the patient
    assert page.locator("figure.chart").count() >= 4
    assert page.locator(".chart-band").count() >= 1           # RPE per session with the 11-14 band
    assert page.locator(".chart-bar-inner, .legend-inner").count() >= 1
    text = page.locator("main").inner_text()
    assert "The patient's pain has gone up" in text
    assert not re.search(r"\bYour\b|\byou\b", text), "overview speaks to the patient"
    assert_screen_ok(page)
    app.shot("52-staff-patient-overview-1280", full_page=True)

    maria = pid(live_server, "Maria Svensson")
    app.go(f"#/patients/{maria}/pacing")
    blocks = page.locator(".pacing-block")
    assert blocks.count() >= 3
    assert "Held" in blocks.first.inner_text() and "Repeated" in blocks.nth(1).inner_text()
    assert "In progress" in blocks.last.inner_text()
    # Issue 17: each block shows the sessions logged, counted and done, and the mean over the done ones.
    first = blocks.first.inner_text()
    assert "Counted (not bad days)" in first and "Done (80 % of the dose)" in first
    assert "Mean effort, done sessions" in first and "mean effort of the done sessions" in first
    assert_screen_ok(page)
    app.shot("53-staff-pacing-1280")

    phone = staff(app_page, THERAPIST, viewport=PHONE)
    phone.go(f"#/patients/{karin}")
    assert phone.page.locator(".side-list").is_hidden()
    assert "Patientens smärta har ökat" in phone.page.locator("main").inner_text()
    assert_screen_ok(phone.page)
    phone.shot("52-staff-patient-overview-390")
    phone.go(f"#/patients/{maria}/pacing")
    assert_screen_ok(phone.page)
    phone.shot("53-staff-pacing-390")


def test_messages_between_patient_and_therapist_with_unread_badges(app_page, live_server, pia_in_swedish):
    phone = app_page(locale="sv-SE")
    phone.login(PIA)
    phone.go("#/me")
    phone.page.click("a.link-row[href='#/messages']")
    phone.page.wait_for_selector(".msg-thread")
    phone.ready()
    assert phone.page.locator(".msg").count() >= 1
    phone.page.fill("textarea[name=body]", "Får jag cykla i stället för att gå på lördag?")
    phone.page.click("button:has-text('Skicka')")
    phone.page.locator(".msg-mine", has_text="cykla i stället").wait_for()
    assert_screen_ok(phone.page)
    phone.shot("54-patient-messages-390")
    phone.page.set_viewport_size({"width": 320, "height": 700})
    assert_screen_ok(phone.page)
    phone.shot("54-patient-messages-320")

    app = staff(app_page, THERAPIST)
    page = app.page
    app.go("#/inbox")
    pia = page.locator(".inbox-row", has_text="Pia Patient")
    assert pia.locator(".count-badge").inner_text().startswith("1")
    badge = int(page.locator(".tabbar .tab-badge span[aria-hidden]").inner_text())
    pia.click()
    page.wait_for_selector(".inbox-thread")
    app.ready()
    assert page.locator(".inbox-list").is_visible()           # the thread beside the inbox
    assert "cykla i stället" in page.locator(".inbox-thread").inner_text()
    after = page.locator(".tabbar .tab-badge span[aria-hidden]")
    assert (int(after.inner_text()) if after.count() else 0) == badge - 1
    page.fill("textarea[name=body]", "Ja, cykla gärna på lördag, i samma takt som promenaderna.")
    page.click("button:has-text('Skicka')")
    page.locator(".msg-mine", has_text="cykla gärna på lördag").wait_for()
    assert_screen_ok(page)
    app.shot("54-staff-inbox-1280")

    # The patient sees the answer, with an unread badge on Me until it is read.
    fresh = app_page(locale="sv-SE")
    fresh.login(PIA)
    assert fresh.page.locator(".tabbar .tab-badge").is_visible()
    fresh.go("#/messages")
    assert "cykla gärna på lördag" in fresh.page.locator(".msg-theirs").last.inner_text()
    thread = live_server.api(PIA).call("GET", "/patients/me/messages")
    assert thread["messages"][-1]["body"] == "Ja, cykla gärna på lördag, i samma takt som promenaderna."

    narrow = staff(app_page, THERAPIST, viewport=PHONE)
    narrow.go("#/inbox")
    assert_screen_ok(narrow.page)
    narrow.shot("54-staff-inbox-390")
    narrow.page.locator(".inbox-row", has_text="Pia Patient").click()
    narrow.page.wait_for_selector(".inbox-thread")
    narrow.ready()
    assert narrow.page.locator(".inbox-list").is_hidden()     # on a phone the thread stands alone
    assert_screen_ok(narrow.page)
    narrow.shot("54-staff-thread-390")


def test_the_contract_editor_offers_intervals_as_an_option_and_names_a_refused_field(app_page, live_server):
    """Issue 17: no intervals unless chosen; hard minutes with a goal under 30 are refused, saying why."""
    maria = pid(live_server, "Maria Svensson")
    app = staff(app_page, THERAPIST, locale="en-GB")
    page = app.page
    app.go(f"#/patients/{maria}/contract")
    form = page.locator("form.card")
    assert "start once the sessions last 30 minutes" in form.inner_text()
    assert "keeps the training where it has got to" in form.inner_text()   # a revision carries the pacing over
    goal, hard = form.locator("input[type=number]").nth(2), form.locator("input[type=number]").nth(3)
    goal.fill("25")
    hard.fill("10")
    form.locator("button[type=submit]").click()
    problem = page.locator(".form-error:visible, [role=alert]:visible").first
    problem.wait_for()
    assert "Intervals start at 30 minutes" in problem.inner_text()
    assert hard.get_attribute("aria-invalid") == "true"
    assert_screen_ok(page)
    app.shot("54-staff-contract-refused-1280", full_page=True)
