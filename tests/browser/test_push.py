"""Reminders: push turned on from a tap (pushManager.subscribe is stubbed: it cannot reach a push
service headless), kinds and quiet hours saved, and a push delivered into the service worker through
the DevTools protocol shows a generic, localised notification."""
import json

import pytest

pytestmark = pytest.mark.browser

LINA = "lina@demo.betterback.se"

STUB_PUSH = """(() => {
  const b64 = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const p256dh = new Uint8Array(65); p256dh[0] = 4; crypto.getRandomValues(p256dh.subarray(1));
  const auth = crypto.getRandomValues(new Uint8Array(16));
  let current = null;
  const subscription = {
    endpoint: 'https://push.example.test/send/' + Math.random().toString(36).slice(2),
    expirationTime: null, options: { userVisibleOnly: true },
    toJSON() { return { endpoint: this.endpoint, expirationTime: null, keys: { p256dh: b64(p256dh), auth: b64(auth) } }; },
    async unsubscribe() { current = null; return true; },
  };
  PushManager.prototype.subscribe = async function () { current = subscription; return subscription; };
  PushManager.prototype.getSubscription = async function () { return current; };
})();"""

NOTIFICATIONS = """async () => (await (await navigator.serviceWorker.ready).getNotifications())
  .map(n => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }))"""


def _registration_id(page, base: str) -> str:
    cdp = page.context.new_cdp_session(page)
    found = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: found.extend(event["registrations"]))
    cdp.send("ServiceWorker.enable")
    for _ in range(100):
        ours = [r for r in found if r["scopeURL"] == f"{base}/" and not r.get("isDeleted")]
        if ours:
            return cdp, ours[-1]["registrationId"]
        page.wait_for_timeout(100)
    raise AssertionError(f"no service worker registration for {base}: {found}")


def test_reminders_turned_on_and_a_push_shows_a_notification(app_page, live_server):
    api = live_server.api(LINA)
    if not api.exists("/push/vapid-public-key"):
        pytest.skip("the push API is not on the server yet")
    app = app_page(permissions=["notifications"])
    app.page.add_init_script(STUB_PUSH)
    app.login(LINA)
    app.service_worker_ready()
    page = app.page
    app.go("#/reminders")
    assert page.locator(".push-status h2").inner_text() == "Reminders are off"
    app.shot("50-reminders-off")
    with page.expect_response(lambda r: r.url.endswith("/api/v1/push/subscriptions") and r.request.method == "POST") as sent:
        page.click("button:has-text('Turn on reminders')")
    assert sent.value.status == 201
    page.wait_for_selector(".push-status.is-on")

    # Kinds, each kind's time, and quiet hours.
    assert page.input_value("input[name=time_part1]") == "09:00"          # the default, until changed
    page.fill("input[name=time_part1]", "07:45")
    page.uncheck("input[name=group]")
    page.fill("input[name=quiet_start]", "22:00")
    page.fill("input[name=quiet_end]", "07:30")
    page.click("button:has-text('Save reminder settings')")
    page.wait_for_selector(".toast-good")
    page.evaluate("window.scrollTo(0, 0)")
    app.shot("51-reminders-on")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    app.shot("52-reminder-settings")
    saved = api.call("GET", "/patients/me/reminders")
    assert saved["kinds"]["group"] is False and saved["kinds"]["training"] is True
    assert (saved["quiet_start"], saved["quiet_end"]) == ("22:00", "07:30")
    assert saved["times"]["part1"] == "07:45" and saved["times"]["questionnaire"] is None   # default kept
    from tests.browser.a11y import assert_screen_ok
    assert_screen_ok(page)
    page.set_viewport_size({"width": 320, "height": 740})
    app.shot("52-reminder-settings-320")
    assert_screen_ok(page)
    page.set_viewport_size({"width": 390, "height": 844})

    # A push as the server sends it: {type, id, url}, no health data.
    cdp, registration = _registration_id(page, live_server.base)
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": live_server.base, "registrationId": registration,
                                                  "data": json.dumps({"type": "training", "id": 7, "url": "/#/today",
                                                                      "tag": "training:12:2026-11-23"})})
    app.until(f"async () => ({NOTIFICATIONS})().then(list => list.length > 0)")
    shown = page.evaluate(NOTIFICATIONS)
    assert shown[0]["title"] == "Time for your training"
    assert "plan" in shown[0]["body"]
    assert shown[0]["data"]["url"] == f"{live_server.base}/#/today"
    assert shown[0]["tag"] == "bb-training:12:2026-11-23"

    # Tapping it: the service worker asks the open app to show the reminder's screen.
    page.evaluate("""() => navigator.serviceWorker.dispatchEvent(
        new MessageEvent('message', { data: { type: 'navigate', url: location.origin + '/#/diary' } }))""")
    page.wait_for_function("() => location.hash === '#/diary'")

    # In Swedish once the person switched the app to Swedish; a foreign url is never opened.
    app.go("#/me")
    page.click("button.lang-btn[lang=sv]")
    page.wait_for_function("() => document.documentElement.lang === 'sv'")
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": live_server.base, "registrationId": registration,
                                                  "data": json.dumps({"type": "questionnaire", "id": 3,
                                                                      "url": "https://evil.example/"})})
    app.until(f"""async () => ({NOTIFICATIONS})().then(list =>
        list.some(n => n.title === 'Ett frågeformulär väntar'))""")
    swedish = [n for n in page.evaluate(NOTIFICATIONS) if n["title"] == "Ett frågeformulär väntar"][0]
    assert swedish["data"]["url"] == "/"

    # Turning reminders off on this phone removes the subscription on the server too.
    app.go("#/reminders")
    with page.expect_response(lambda r: r.url.endswith("/api/v1/push/subscriptions") and r.request.method == "DELETE") as gone:
        page.click("button:has-text('Stäng av i den här telefonen')")
    assert gone.value.status == 204
    page.wait_for_selector(".push-status:not(.is-on)")
