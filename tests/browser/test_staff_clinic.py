"""The staff workspace, continued: clinic outcomes (therapist and admin), the program editor and its
printed A4 page, and the supervisor's attendance at the gym, at 1280 x 800 and 390 x 844."""
import datetime
import re

import pytest

from .a11y import assert_screen_ok
from .staff_helpers import ADMIN, PHONE, SUPERVISOR, THERAPIST, staff

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("who", [THERAPIST, ADMIN])
def test_clinic_outcomes_with_csv(app_page, live_server, who):
    app = staff(app_page, who)
    page = app.page
    app.go("#/outcomes")
    rows = page.locator(".outcome-table tbody tr")
    assert rows.count() >= 4
    assert "Funktionsnedsättning (ODI)" in page.locator(".outcome-table").inner_text()
    answered = page.locator(".outcome-table tbody td .num").all_inner_texts()
    assert "6" in answered and all(n == "< 5" or int(n) >= 5 for n in answered)   # no cell of 1-4 patients
    bands = page.locator(".chart-card").nth(1).text_content()        # adherence bands of 1-4 patients
    assert "< 5" in bands and not re.search(r"%[1-4](?!\d)", bands)
    csv = page.request.get(page.locator("a[download]").get_attribute("href"))
    assert csv.status == 200 and "text/csv" in csv.headers["content-type"]
    assert "instrument" in csv.text().splitlines()[0]
    counts = [row.split(",")[3] for row in csv.text().splitlines()[1:] if row.startswith("instruments,")]
    assert counts and all(n == "<5" or int(n) >= 5 for n in counts)
    assert_screen_ok(page)
    tag = "therapist" if who == THERAPIST else "admin"
    app.shot(f"55-{tag}-outcomes-1280")
    if who == ADMIN:                                   # the admin's patient list: basic records only
        app.go("#/patients")
        assert page.locator(".staff-table tbody tr").count() >= 10
        assert not page.locator(".flag-link").count()
        assert_screen_ok(page)
        app.shot("55-admin-patients-1280")
    phone = staff(app_page, who, viewport=PHONE)
    phone.go("#/outcomes")
    assert_screen_ok(phone.page)
    phone.shot(f"55-{tag}-outcomes-390")
    if who == ADMIN:
        phone.go("#/patients")
        assert_screen_ok(phone.page)
        phone.shot("55-admin-patients-390")


def test_program_editor_sets_a_dose_and_prints_one_a4_page(app_page, live_server, tmp_path):
    omar = live_server.ids["omar@demo.betterback.se"]
    app = staff(app_page, THERAPIST, locale="en-GB")
    page = app.page
    app.go(f"#/patients/{omar}/program?edit=1")
    page.select_option("select:near(:text('Part'))", "stretch")
    cards = page.locator(".lib-card")
    assert 0 < cards.count() < 20
    page.fill("input[type=search]", "zzz-nothing")
    assert cards.count() == 0
    page.fill("input[type=search]", "")
    first = cards.first
    title = first.locator(".lib-title").inner_text()
    first.locator("button").click()
    row = page.locator(f".dose-row", has_text=title)
    row.locator("input[aria-label^='Sets for']").fill("3")
    row.locator("input[aria-label^='Repetitions for']").fill("8")
    row.locator(".day-chip", has_text=re.compile("^Mon")).click()
    row.locator(".day-chip", has_text=re.compile("^Thu")).click()
    assert_screen_ok(page)
    app.shot("56-staff-program-editor-1280")
    page.click("button:has-text('Save the program')")
    page.wait_for_selector(".program-item")
    program = live_server.api(THERAPIST).call("GET", f"/patients/{omar}/program")
    added = next(i for i in program["items"] if i["title"] == title or i["part"] == "stretch")
    assert (added["sets"], added["repetitions"], added["weekdays"]) == (3, 8, [1, 4])

    page.click("a:has-text('Print')")
    page.wait_for_selector(".print-sheet")
    app.ready()
    assert page.locator(".print-item").count() == len(program["items"])
    assert "3 sets × 8" in page.locator(".print-sheet").inner_text() or "3 × 8" in page.locator(".print-sheet").inner_text()
    page.emulate_media(media="print")
    assert page.locator(".tabbar").is_hidden() and page.locator(".print-tools").is_hidden()
    app.shot("57-staff-program-print")
    pdf = tmp_path / "program.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) == 1
    page.emulate_media(media="screen")

    # A full program (every exercise that needs no Part 1 competence) still prints on one page.
    library = live_server.api(THERAPIST).call("GET", "/exercises?locale=en")
    full = [{"exercise_id": e["id"]} for e in library if e["part"] in ("1", "stretch") or (e["part"] == "rom" and e["level"] == "A")]
    assert len(full) >= 12
    live_server.api(THERAPIST).call("PUT", f"/patients/{omar}/program", {"items": full})
    app.go(f"#/patients/{omar}/program")
    app.go(f"#/patients/{omar}/program/print")
    page.wait_for_selector(".print-item")
    assert page.locator(".print-item").count() == len(full)
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) == 1
    app.shot("57-staff-program-print-full")
    page.emulate_media(media="screen")

    phone = staff(app_page, THERAPIST, viewport=PHONE, locale="en-GB")
    phone.go(f"#/patients/{omar}/program?edit=1")
    assert phone.page.locator(".editor-program").bounding_box()["y"] < phone.page.locator(".editor-library").bounding_box()["y"]
    assert_screen_ok(phone.page)
    phone.shot("56-staff-program-editor-390")


def test_supervisor_marks_attendance_with_one_tap_each_and_the_review_agrees(app_page, live_server):
    app = staff(app_page, SUPERVISOR)
    page = app.page
    assert "utan närvaro" in page.locator(".group-card").first.inner_text()   # the untaken latest session
    assert_screen_ok(page)
    app.shot("58-supervisor-groups-1280")
    page.locator(".group-card").first.click()
    page.wait_for_selector(".attend-card .attend-row")
    app.ready()
    group = live_server.api(SUPERVISOR).call("GET", "/groups")[0]
    today = datetime.date.today().isoformat()
    latest = [d for d in group["session_dates"] if d <= today][-1]
    # The seed leaves the latest session untaken: it is highlighted, and the banner says so.
    assert page.locator(".date-chip.is-unrecorded").count() >= 1
    assert page.locator(".attend-card .banner").is_visible()
    assert_screen_ok(page)
    app.shot("58-supervisor-gym-1280")

    if page.locator(".date-chip.is-active.is-unrecorded").count() == 0:
        page.locator(".date-chip.is-unrecorded").first.click()
    chosen = latest
    members = page.locator(".attend-row")
    total = members.count()
    first = members.first
    name = first.locator(".attend-name").inner_text().split("\n")[0]
    first.locator(".attend-btn.is-absent").click()
    first.locator(".attend-status.is-saved").wait_for()
    saved = live_server.api(SUPERVISOR).call("GET", f"/groups/{group['id']}/attendance/{chosen}")["attendance"]
    assert [r["present"] for r in saved] == [False]                         # saved at once, one row
    page.click("button:has-text('Resten är här')")
    page.wait_for_function("n => document.querySelectorAll('.attend-status.is-saved').length === n", arg=total)
    saved = live_server.api(SUPERVISOR).call("GET", f"/groups/{group['id']}/attendance/{chosen}")["attendance"]
    assert len(saved) == total and sum(r["present"] for r in saved) == total - 1
    # The adherence table and "needs a word" follow the marks just saved.
    page.wait_for_function("() => !document.querySelector('.adhere-table .unrecorded-note')")
    review = live_server.api(SUPERVISOR).call("GET", f"/groups/{group['id']}/adherence")
    assert review["unrecorded_sessions"] == []
    row = page.locator(".adhere-table tbody tr", has_text=name)
    member = next(m for m in review["members"] if m["name"] == name)
    assert f"{member['attended']}/{member['recorded']}" in row.inner_text()

    page.fill(".gym-note textarea", "Två nya övningar med gummiband; alla klarade nivå B.")
    page.click("button:has-text('Spara anteckningen')")
    page.wait_for_selector(".toast-good")
    sessions = live_server.api(SUPERVISOR).call("GET", f"/groups/{group['id']}/sessions")
    assert next(s for s in sessions if s["date"] == chosen)["note"].startswith("Två nya övningar")
    app.shot("58-supervisor-gym-saved-1280")
    assert not app.errors

    phone = staff(app_page, SUPERVISOR, viewport=PHONE)
    phone.page.locator(".group-card").first.click()
    phone.page.wait_for_selector(".attend-card .attend-row")
    phone.ready()
    assert_screen_ok(phone.page)
    phone.shot("58-supervisor-gym-390")


def test_supervisor_marks_a_member_ready_for_the_next_level_and_the_therapist_sees_it(app_page, live_server):
    """Issue 17: the group physiotherapist's "performed satisfactorily, ready for the next level", from the gym
    view, reaches the responsible therapist's review queue (1280 x 800, and the gym on a phone)."""
    app = staff(app_page, SUPERVISOR)
    page = app.page
    page.locator(".group-card").first.click()
    page.wait_for_selector(".levels-card .level-row")
    app.ready()
    row = page.locator(".level-row", has_text="Arm- och benlyft i fyrfotastående")
    assert "nivå A" in row.inner_text()
    row.locator("button:has-text('Redo för B')").click()
    row.locator(".chip-good:has-text('Noterat')").wait_for()
    assert_screen_ok(page)
    page.locator(".levels-card").scroll_into_view_if_needed()
    app.shot("59-supervisor-levels-1280")
    assert not app.errors

    therapist = live_server.api(THERAPIST)
    observed = [i for i in therapist.call("GET", "/review-queue")["items"] if i["reason"] == "level_observed"]
    assert any(s["family"] == "four-point" and s["to_level"] == "B"
               for i in observed for s in i["detail"]["suggestions"])
    desk = staff(app_page, THERAPIST)
    desk.go("#/review")
    item = desk.page.locator(".review-item[data-reason=level_observed]").first
    assert "Fyrfota A utförs väl, redo för B" in item.inner_text()
    item.scroll_into_view_if_needed()
    assert_screen_ok(desk.page)
    desk.shot("59-therapist-review-observed-1280")

    phone = staff(app_page, SUPERVISOR, viewport=PHONE)
    phone.page.locator(".group-card").first.click()
    phone.page.wait_for_selector(".levels-card .level-row")
    phone.ready()
    phone.page.locator(".levels-card").scroll_into_view_if_needed()
    assert_screen_ok(phone.page)
    phone.shot("59-supervisor-levels-390")
