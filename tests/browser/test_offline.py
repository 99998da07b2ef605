"""Offline: the service worker serves the shell and the content library; entries made offline wait
in the IndexedDB outbox with their UUID and reach the server exactly once."""
import pytest

pytestmark = pytest.mark.browser

PAUL = "patient2@demo.betterback.se"
OMAR = "omar@demo.betterback.se"

OUTBOX = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('betterback', 1);
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction('outbox').objectStore('outbox').getAll();
    get.onsuccess = () => resolve(get.result);
  };
})"""
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname + new URL(request.url).search);
  }
  return urls;
}"""


def test_service_worker_serves_the_shell_and_content_offline(app_page):
    app = app_page()
    app.open()
    app.service_worker_ready()
    page = app.page
    app.until("""async () => {
        if (!(await caches.keys()).includes('bb-content-v1')) return false;
        return (await (await caches.open('bb-content-v1')).keys()).length > 170;
    }""", timeout=30)
    page.context.set_offline(True)
    page.reload()
    app.ready()
    assert page.locator(".auth-card").is_visible()          # the shell, from the service worker
    assert page.locator(".banner-warn").is_visible()        # and it says it is offline
    app.go("#/learn")
    assert page.locator(".learn-card").count() == 8         # the education list, from the cache
    page.locator(".learn-card").nth(4).click()
    app.ready()
    assert page.locator(".prose").inner_text()
    assert page.locator(".pill-offline").is_visible()
    app.shot("20-learn-offline")
    # Nothing but the shell and public content is ever cached.
    urls = page.evaluate(CACHED_URLS)
    assert any(u.startswith("/api/v1/education/") for u in urls)
    assert any(u.startswith("/content/illustrations/") for u in urls)
    health = [u for u in urls if u.startswith("/api/") and not u.startswith(("/api/v1/exercises", "/api/v1/education"))]
    assert not health, health
    page.context.set_offline(False)


def test_a_session_logged_offline_is_sent_exactly_once(app_page, live_server):
    app = app_page()
    app.login(PAUL)
    app.service_worker_ready()
    page = app.page
    api = live_server.api(PAUL)
    before = api.call("GET", "/patients/me/diary")

    page.context.set_offline(True)
    page.wait_for_function("() => navigator.onLine === false")
    app.go("#/today")
    page.wait_for_selector(".pill-offline")
    page.locator(".ex-card").nth(0).locator(".tick").click()
    page.wait_for_selector(".ex-card:nth-child(1) .tick[aria-pressed=true]")
    app.go("#/log")
    page.fill("input[name=minutes]", "15")
    page.click("label.borg-11")
    page.click("label.pain-4")
    page.fill("textarea[name=note]", "Logged on the bus, offline")
    page.click("button[type=submit]")
    page.wait_for_function("() => location.hash === '#/today'")
    app.ready()
    page.wait_for_selector(".mini-title:has-text('2 entries are waiting to be sent')")
    app.shot("21-today-offline-waiting")

    # Still offline, the app restarts: the shell comes from the service worker, the outbox from IndexedDB.
    page.reload()
    app.ready()
    rows = page.evaluate(OUTBOX)
    assert len(rows) == 2 and all(len(r["client_id"]) == 36 for r in rows)
    app.go("#/diary")
    assert page.locator(".outbox-item").count() == 2
    app.shot("22-diary-waiting")
    assert api.call("GET", "/patients/me/diary") == before  # nothing has left the phone

    # Back online: sent once; a second flush (online + visibilitychange) sends nothing again.
    page.context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    app.until(f"async () => ({OUTBOX})().then(rows => rows.length === 0)", timeout=15)
    page.evaluate("() => { window.dispatchEvent(new Event('online')); document.dispatchEvent(new Event('visibilitychange')); }")
    page.wait_for_timeout(500)
    after = api.call("GET", "/patients/me/diary")
    new = [e for e in after if e["id"] not in {b["id"] for b in before}]
    sessions = [e for e in new if e["note"] == "Logged on the bus, offline"]
    assert len(sessions) == 1
    assert (sessions[0]["minutes"], sessions[0]["rpe"], sessions[0]["pain"]) == (15, 11, 4)
    assert len(new) == 2                                    # the session and the ticked exercise, once each
    assert {e["client_id"] for e in new} == {r["client_id"] for r in rows}
    app.go("#/diary")
    assert page.locator(".outbox-item").count() == 0
    assert not app.errors


def test_a_lost_reply_is_retried_without_a_duplicate(app_page, live_server):
    """The server stores the entry but the phone never hears back: the retry gets 200, not a copy."""
    app = app_page()
    app.login(OMAR)
    page = app.page
    dropped = []

    def lose_reply(route):
        if route.request.method == "POST" and not dropped:
            route.fetch()          # the server stores it ...
            dropped.append(True)
            route.abort()          # ... and the reply is lost
        else:
            route.continue_()

    page.route("**/api/v1/patients/me/diary", lose_reply)
    app.go("#/log")
    page.fill("input[name=minutes]", "30")
    page.click("label.borg-12")
    page.fill("textarea[name=note]", "Reply lost on the way back")
    page.click("button[type=submit]")
    page.wait_for_function("() => location.hash === '#/today'")
    assert dropped
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    app.until(f"async () => ({OUTBOX})().then(rows => rows.length === 0)", timeout=15)
    entries = live_server.api(OMAR).call("GET", "/patients/me/diary")
    assert len([e for e in entries if e["note"] == "Reply lost on the way back"]) == 1


def test_logout_clears_the_outbox_and_caches(app_page):
    app = app_page()
    app.login(OMAR)
    app.service_worker_ready()
    page = app.page
    page.context.set_offline(True)
    page.wait_for_function("() => navigator.onLine === false")
    app.go("#/log")
    page.fill("input[name=minutes]", "10")
    page.click("label.borg-9")
    page.click("button[type=submit]")
    page.wait_for_function("() => location.hash === '#/today'")
    assert len(page.evaluate(OUTBOX)) == 1
    app.go("#/me")
    page.click("button:has-text('Sign out')")
    page.wait_for_selector("dialog .dialog-title:has-text('has not been sent yet')")
    app.shot("23-logout-unsent-warning")
    page.click("dialog .btn-danger")
    page.wait_for_selector(".auth-card")
    assert page.evaluate(OUTBOX) == []
    kept = page.evaluate("""() => new Promise((resolve) => {
      indexedDB.open('betterback').onsuccess = (e) => {
        e.target.result.transaction('prefs').objectStore('prefs').getAllKeys().onsuccess = (r) => resolve(r.target.result);
      };
    })""")
    assert kept == ["locale"] or kept == [], kept        # no plan, contract, profile or bad day left
    assert not [u for u in page.evaluate(CACHED_URLS) if u.startswith("/api/")]  # emptied (offline: not refilled)
    assert page.evaluate("() => localStorage.getItem('bb.session')") is None
    page.context.set_offline(False)
