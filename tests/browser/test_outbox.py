"""Nothing logged is lost: an entry leaves the phone only when the server stored it or the patient
discards it; a refused one stays in the Diary with the reason, to correct and resend. And the app
works on a cold start without signal from the copies kept on the phone."""
from datetime import date, timedelta

import pytest

from tests.browser.a11y import assert_screen_ok
from tests.browser.conftest import PASSWORD, Api, screen

pytestmark = pytest.mark.browser

OUTBOX = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('betterback');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction('outbox').objectStore('outbox').getAll();
    get.onsuccess = () => resolve(get.result);
  };
})"""
PREF_KEYS = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('betterback');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction('prefs').objectStore('prefs').getAllKeys();
    get.onsuccess = () => resolve(get.result);
  };
})"""


def new_patient(live_server, email: str, *, locale: str = "en", contract_start: date | None = None) -> dict:
    therapist = live_server.api("therapist@demo.betterback.se")
    created = therapist.call("POST", "/patients", {"name": "Ruth Refused", "email": email, "locale": locale})
    Api(live_server.base).accept(created["invite_code"], PASSWORD)
    live_server.passwords[email] = PASSWORD
    screen(therapist, created["id"])
    therapist.call("PUT", f"/patients/{created['id']}/program", {"items": [{"exercise_id": "p1-1a"}]})
    if contract_start:
        put_contract(therapist, created["id"], contract_start)
    return {"id": created["id"], "therapist": therapist}


def put_contract(therapist, patient_id: int, start: date) -> None:
    therapist.call("PUT", f"/patients/{patient_id}/contract", {
        "training_form": "walking", "sessions_per_week": 2, "capable_minutes": 20, "goal_minutes": 40,
        "goal_hard_minutes": 0, "start_date": start.isoformat(), "training_days": [2, 5],
        "reminder_time": "17:00"})


def log_session(page, minutes: str, note: str, *, date_value: str | None = None) -> None:
    if date_value:
        page.select_option("select[name=date]", date_value)
    page.fill("input[name=minutes]", minutes)
    page.click("label.borg-12")
    page.fill("textarea[name=note]", note)
    page.click("button[type=submit]")


def test_a_refused_entry_stays_on_the_phone_and_can_be_corrected(app_page, live_server):
    today = date.today()
    email = "ruth@demo.betterback.se"
    ruth = new_patient(live_server, email, locale="sv", contract_start=today - timedelta(days=3))
    app = app_page(locale="sv-SE")
    app.login(email)
    page = app.page
    early = (today - timedelta(days=3)).isoformat()

    # Offline, a session for the contract's first day goes into the outbox ...
    page.context.set_offline(True)
    page.wait_for_function("() => navigator.onLine === false")
    app.go("#/log")
    log_session(page, "25", "Promenad i skogen", date_value=early)
    page.wait_for_function("() => location.hash === '#/today'")
    assert len(page.evaluate(OUTBOX)) == 1

    # ... meanwhile the therapist moves the contract's start to today: the server will refuse it.
    put_contract(ruth["therapist"], ruth["id"], today)
    page.context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    app.until(f"async () => ({OUTBOX})().then(rows => rows.length === 1 && rows[0].status === 'failed')", timeout=15)

    # A restart: the refused entry is still there, with the reason in Swedish, and fixable.
    page.reload()
    app.ready()
    app.go("#/diary")
    item = page.locator(".outbox-item.is-failed")
    assert item.count() == 1
    text = item.inner_text()
    assert "Behöver din uppmärksamhet" in text and "före starten av ditt träningskontrakt" in text, text
    assert "before" not in text.lower()
    assert live_server.api(email).call("GET", "/patients/me/diary") == []
    app.shot("40-diary-refused-entry")
    assert_screen_ok(page)
    page.set_viewport_size({"width": 320, "height": 740})
    app.shot("40-diary-refused-entry-320")
    assert_screen_ok(page)
    page.set_viewport_size({"width": 390, "height": 844})

    # Correct: the form offers only dates the server accepts, keeps what was written, and resends.
    item.locator("a:has-text('Rätta')").click()
    app.ready()
    assert page.locator("select[name=date] option").evaluate_all("os => os.map(o => o.value)") == [today.isoformat()]
    assert page.input_value("textarea[name=note]") == "Promenad i skogen"
    assert page.input_value("input[name=minutes]") == "25"
    page.click("button[type=submit]")
    page.wait_for_function("() => location.hash === '#/today'")
    app.until(f"async () => ({OUTBOX})().then(rows => rows.length === 0)", timeout=15)
    stored = live_server.api(email).call("GET", "/patients/me/diary")
    assert [(e["date"], e["minutes"], e["note"]) for e in stored] == [(today.isoformat(), 25, "Promenad i skogen")]
    assert not app.errors


def test_a_refused_tick_is_kept_until_the_patient_discards_it(app_page, live_server):
    """A 409 (the id already used for another entry) is not a silent 'duplicate': it stays."""
    email = "rune@demo.betterback.se"
    new_patient(live_server, email)        # no contract: ticks still count from the program's day
    app = app_page()
    app.login(email)
    page = app.page
    page.locator(".ex-card").nth(0).locator(".tick").click()
    app.until(f"async () => ({OUTBOX})().then(rows => rows.length === 0)", timeout=15)
    assert len(live_server.api(email).call("GET", "/patients/me/diary")) == 1   # accepted without a contract

    def conflict(route):
        if route.request.method == "POST":
            route.fulfill(status=409, content_type="application/json",
                          body='{"code": 409, "status": "Conflict", "message": "Used.", "error": "client_id_reused"}')
        else:
            route.continue_()
    page.route("**/api/v1/patients/me/diary", conflict)
    app.go("#/log")
    assert page.locator(".empty-title").inner_text() == "No training contract yet"   # no form the server refuses
    app.go("#/diary")
    assert page.locator(".empty a[href='#/log']").count() == 0                     # nor a way to one
    app.go("#/today")
    page.locator(".ex-card").nth(0).locator(".tick").click()   # untick (deletes the stored one)
    page.wait_for_selector(".ex-card:nth-child(1) .tick[aria-pressed=false]")
    page.locator(".ex-card").nth(0).locator(".tick").click()
    # The toast tells the truth: no "well done" for a tick the server refused, and it is not shown as done.
    assert "Another entry was already saved" in page.wait_for_selector(".toast-error").inner_text()
    app.until(f"async () => ({OUTBOX})().then(rows => rows.length === 1 && rows[0].status === 'failed')", timeout=15)
    page.wait_for_selector(".ex-card:nth-child(1) .tick[aria-pressed=false]")
    page.reload()
    app.ready()
    app.go("#/diary")
    assert "Another entry was already saved" in page.locator(".outbox-item.is-failed").inner_text()
    page.click(".outbox-item button:has-text('Remove')")
    page.click("dialog .btn-danger")
    page.wait_for_selector(".outbox-item", state="detached")
    assert page.evaluate(OUTBOX) == []


def test_server_errors_are_retried_and_do_not_hold_back_later_entries(app_page, live_server):
    email = "rita@demo.betterback.se"
    new_patient(live_server, email, contract_start=date.today() - timedelta(days=7))
    app = app_page()
    app.login(email)
    page = app.page
    failing = []

    def first_fails(route):
        body = route.request.post_data or ""
        if route.request.method == "POST" and "Broken" in body:
            failing.append(True)
            route.fulfill(status=503, content_type="application/json", body='{"code": 503, "message": "Down"}')
        else:
            route.continue_()
    page.route("**/api/v1/patients/me/diary", first_fails)
    app.go("#/log")
    log_session(page, "20", "Broken one")
    page.wait_for_function("() => location.hash === '#/today'")
    assert "did not answer" in page.wait_for_selector(".toast-info").inner_text()    # not "saved"
    app.go("#/log")
    log_session(page, "30", "Second one")
    page.wait_for_function("() => location.hash === '#/today'")
    app.until(f"async () => ({OUTBOX})().then(rows => rows.length === 1)", timeout=15)
    notes = [e["note"] for e in live_server.api(email).call("GET", "/patients/me/diary")]
    assert notes == ["Second one"]                       # the later entry was not held back
    row = page.evaluate(OUTBOX)[0]
    assert row["status"] == "pending" and row["tries"] >= 1 and row["next_at"] > 0
    page.unroute("**/api/v1/patients/me/diary")
    page.evaluate("""() => new Promise((resolve) => {      // the pause is over: try it now
      const open = indexedDB.open('betterback');
      open.onsuccess = () => {
        const store = open.result.transaction('outbox', 'readwrite').objectStore('outbox');
        store.getAll().onsuccess = (e) => { for (const r of e.target.result) store.put({ ...r, next_at: 0 }); resolve(); };
      };
    })""")
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    app.until(f"async () => ({OUTBOX})().then(rows => rows.length === 0)", timeout=15)
    notes = sorted(e["note"] for e in live_server.api(email).call("GET", "/patients/me/diary"))
    assert notes == ["Broken one", "Second one"]


def test_an_entry_can_be_edited_within_7_days(app_page, live_server):
    email = "rolf@demo.betterback.se"
    new_patient(live_server, email, contract_start=date.today() - timedelta(days=7))
    app = app_page()
    app.login(email)
    page = app.page
    app.go("#/log")
    log_session(page, "20", "First try")
    app.until(f"async () => ({OUTBOX})().then(rows => rows.length === 0)", timeout=15)
    app.go("#/diary")
    page.click(".entry a[aria-label^='Change the entry']")
    app.ready()
    assert page.input_value("input[name=minutes]") == "20"
    page.fill("input[name=minutes]", "35")
    page.click("button[type=submit]")
    page.wait_for_function("() => location.hash === '#/diary'")
    app.until(f"async () => ({OUTBOX})().then(rows => rows.length === 0)", timeout=15)
    stored = live_server.api(email).call("GET", "/patients/me/diary")
    assert [(e["minutes"], e["note"]) for e in stored] == [(35, "First try")]


def test_a_cold_start_without_signal_shows_the_kept_plan(app_page, live_server):
    email = "otto@demo.betterback.se"
    new_patient(live_server, email, locale="sv", contract_start=date.today() - timedelta(days=7))
    app = app_page(locale="sv-SE")
    app.login(email)
    app.service_worker_ready()
    page = app.page
    page.wait_for_selector(".ex-card")
    page.click(".bad-day .btn")                        # a bad day: it lasts the day, through a restart
    page.wait_for_selector(".bad-day.is-on")
    app.until(f"async () => ({PREF_KEYS})().then(k => k.some(x => String(x).endsWith(':plan')) && k.some(x => String(x).endsWith(':contract')) && k.some(x => String(x).endsWith(':profile')))")

    # A cold start: a new page (nothing in memory), no network.
    page.context.set_offline(True)
    page.close()
    page = page.context.new_page()
    app.page = page
    app.open("#/today")
    assert page.locator(".ex-card").count() == 1               # the plan, from the phone
    assert page.locator(".bad-day.is-on").count() == 1         # and the bad day chosen before
    assert "Ruth" in page.locator("h1").inner_text()           # the greeting keeps the name
    updated = page.locator(".updated-at").inner_text()
    assert updated.startswith("Uppdaterad ") and ":" in updated, updated
    app.shot("41-today-offline-cold-start")
    assert_screen_ok(page)
    page.set_viewport_size({"width": 320, "height": 740})
    app.shot("41-today-offline-cold-start-320")
    assert_screen_ok(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".ex-card .ex-link").first.click()
    app.ready()
    assert page.locator(".dose-title").inner_text() == "Din dos i dag"   # the prescribed dose, not the default
    app.go("#/log")
    assert page.locator("select[name=date] option").count() == 7
    assert page.locator(".log-form-name").is_visible()          # the prescription, from the phone
    assert int(page.locator("input[name=minutes]").input_value()) > 0
    page.context.set_offline(False)
