"""Browser tests: the real server (gunicorn on a free port, a temporary SQLite instance seeded with
`betterback demo` and a few more patients through the API) driven by Python Playwright with
Debian's Chromium, headless.

Screenshots at 390 x 844 go to artifacts/screenshots/ (gitignored).

They need playwright (a dev extra) and Debian's Chromium at /usr/bin/chromium (scripts/test installs
it with apt-get when it can); without them they fail and say so, they are never skipped.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("BETTERBACK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PHONE = {"width": 390, "height": 844}


def _unavailable(reason: str):
    pytest.fail(f"{reason} (install Debian's chromium: apt-get install -y chromium)")


# --- the server --------------------------------------------------------------------------

class Api:
    """A tiny JSON client with its own cookie jar (one signed-in person)."""

    def __init__(self, base: str):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = None

    def call(self, method: str, path: str, body=None, expect=(200, 201, 204)):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.base}/api/v1{path}", data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.csrf and method != "GET":
            request.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(request, timeout=20) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
            error.close()
        payload = json.loads(raw) if raw else None
        if expect and status not in expect:
            raise AssertionError(f"{method} {path} -> {status}: {payload}")
        return payload if expect else (status, payload)

    def login(self, email: str, password: str) -> dict:
        me = self.call("POST", "/auth/login", {"email": email, "password": password})
        self.csrf = me["csrf_token"]
        return me

    def accept(self, code: str, password: str) -> dict:
        me = self.call("POST", "/auth/accept-invite", {"code": code, "password": password})
        self.csrf = me["csrf_token"]
        return me

    def exists(self, path: str) -> bool:
        status, _ = self.call("GET", path, expect=None)
        return status not in (404, 405)


class LiveServer:
    def __init__(self, base: str, passwords: dict[str, str], ids: dict[str, int]):
        self.base = base
        self.passwords = passwords
        self.ids = ids

    def api(self, email: str | None = None) -> Api:
        client = Api(self.base)
        if email:
            client.login(email, self.passwords[email])
        return client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bin(name: str) -> str:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else (shutil.which(name) or name)


DEMO_LINE = re.compile(r"^\s+(admin|therapist|supervisor|patient)\s+(\S+@\S+)\s+(\S+)(?:\s+.*)?$")   # role, e-mail, password, name
EXTRA_PATIENTS = [
    # name, email, locale, pattern of their diary
    ("Anna Andersson", "anna@demo.betterback.se", "sv", "hard"),
    ("Erik Berg", "erik@demo.betterback.se", "sv", "quiet"),
    ("Lina Holm", "lina@demo.betterback.se", "en", "steady"),
    ("Omar Said", "omar@demo.betterback.se", "en", None),      # not in the group; the offline tests use him
]
PASSWORD = "browser-test-password"


def screen(therapist: Api, patient_id: int, red_flags: list[str] | None = None) -> None:
    """Open the patient's care episode with the red-flag screening answered ("none of these" unless
    `red_flags`): the first program or contract needs it."""
    therapist.call("POST", f"/patients/{patient_id}/episode", {"red_flags": list(red_flags or [])})


def _seed(base: str, passwords: dict[str, str]) -> dict[str, int]:
    """More people than the demo: a fuller group, and patients who need a word."""
    from datetime import date, timedelta
    import uuid

    therapist = Api(base)
    therapist.login("therapist@demo.betterback.se", passwords["therapist@demo.betterback.se"])
    ids = {p["email"]: p["id"] for p in therapist.call("GET", "/patients")}
    group = therapist.call("GET", "/groups")[0]
    start = date.fromisoformat(group["start_date"])
    today = date.today()
    for name, email, locale, pattern in EXTRA_PATIENTS:
        created = therapist.call("POST", "/patients", {"name": name, "email": email, "locale": locale})
        ids[email] = created["id"]
        patient = Api(base)
        patient.accept(created["invite_code"], PASSWORD)
        passwords[email] = PASSWORD
        screen(therapist, created["id"])
        therapist.call("PUT", f"/patients/{created['id']}/contract", {
            "training_form": "walking", "sessions_per_week": 2, "capable_minutes": 20, "goal_minutes": 40,
            "goal_hard_minutes": 0, "start_date": start.isoformat(), "training_days": [2, 5], "reminder_time": "17:00"})
        therapist.call("PUT", f"/patients/{created['id']}/program", {"items": [{"exercise_id": "p1-1a"},
                                                                               {"exercise_id": "p1-2a"}]})
        if pattern is None:
            continue
        therapist.call("POST", f"/groups/{group['id']}/members", {"patient_id": created["id"]})
        days = {"hard": [3, 6, 10, 13, 17, 19], "quiet": [1, 4], "steady": [2, 5, 9, 12, 16]}[pattern]
        for n, offset in enumerate(days):
            day = start + timedelta(days=offset)
            if day >= today:
                continue
            rpe = {"hard": 16, "quiet": 12, "steady": 12 + n % 2}[pattern]
            patient.call("POST", "/patients/me/diary", {"client_id": str(uuid.uuid4()), "date": day.isoformat(),
                                                       "minutes": 20, "rpe": rpe, "pain": 3 + n % 3})
    # The app follows the account's language: the English-speaking tests sign in as Pia, so her
    # account is English here (the demo makes her Swedish; Anna is the Swedish-speaking patient).
    pia = Api(base)
    pia.login("patient1@demo.betterback.se", passwords["patient1@demo.betterback.se"])
    pia.call("PATCH", "/patients/me", {"locale": "en"})
    supervisor = Api(base)
    supervisor.login("supervisor@demo.betterback.se", passwords["supervisor@demo.betterback.se"])
    members = therapist.call("GET", f"/groups/{group['id']}")["members"]
    past = [d for d in group["session_dates"] if date.fromisoformat(d) < today]
    for n, day in enumerate(past[:-1]):  # the latest session is left for the test to take
        rows = [{"patient_id": m["id"], "present": not (m["name"] == "Erik Berg" and n >= len(past) - 3)}
                for m in members]
        supervisor.call("PUT", f"/groups/{group['id']}/attendance/{day}", {"attendance": rows})
    return ids


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    instance = tmp_path_factory.mktemp("browser-instance")
    env = {**os.environ, "BETTERBACK_INSTANCE_PATH": str(instance), "DATABASE_URL": f"sqlite:///{instance / 'bb.db'}",
           "BETTERBACK_SECURE_COOKIES": "false", "BETTERBACK_RATELIMIT": "false", "PYTHONUNBUFFERED": "1",
           "BETTERBACK_PUSH_HOSTS": "fcm.googleapis.com,push.example.test"}   # the stubbed browser's service
    env.pop("SECRET_KEY", None)
    betterback = _bin("betterback")
    subprocess.run([betterback, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([sys.executable, "tools/pwa_precache.py", "--compress"], cwd=ROOT, check=True, capture_output=True)
    demo = subprocess.run([betterback, "demo"], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    passwords = {m.group(2): m.group(3) for m in map(DEMO_LINE.match, demo.stdout.splitlines()) if m}
    assert len(passwords) == 5, demo.stdout
    port = _free_port()
    log = (instance / "server.log").open("w")
    process = subprocess.Popen([_bin("gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "8",
                                "server.wsgi:app"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{base}/api/v1/education?locale=en", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError((instance / "server.log").read_text())
        ids = _seed(base, passwords)
        yield LiveServer(base, passwords, ids)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


# --- the browser -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def playwright_instance():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Python playwright is not installed")
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture()
def new_context(browser, live_server):
    """Make a fresh phone-sized context (its own cookies, service worker and IndexedDB)."""
    made = []

    def make(locale: str = "en-GB", viewport: dict | None = None, **options):
        context = browser.new_context(base_url=live_server.base, viewport=viewport or PHONE, locale=locale,
                                      timezone_id="Europe/Stockholm",
                                      device_scale_factor=1, service_workers="allow", **options)
        context.set_default_timeout(10000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


class App:
    """One page of the app, with the steps the tests share."""

    def __init__(self, page, server: LiveServer):
        self.page = page
        self.server = server
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, hash_: str = "") -> None:
        self.page.goto(f"/{hash_}")
        self.ready()

    def ready(self) -> None:
        self.page.wait_for_selector("body[data-ready]")
        self.page.wait_for_selector(".skeleton-wrap", state="detached")

    def go(self, hash_: str) -> None:
        self.page.evaluate("h => { location.hash = h; }", hash_)
        self.page.wait_for_function("h => location.hash === h", arg=hash_)
        self.page.wait_for_timeout(50)
        self.ready()

    def login(self, email: str) -> None:
        self.open("#/login")
        self.page.fill("input[name=email]", email)
        self.page.fill("input[name=password]", self.server.passwords[email])
        self.page.click("form button[type=submit]")
        self.page.wait_for_selector(".tabbar:not([hidden])")
        self.ready()

    def until(self, script: str, *, timeout: float = 10.0, arg=None) -> None:
        """Poll an (async) predicate with page.evaluate until it is true; wait_for_function does not
        await promises."""
        deadline = time.monotonic() + timeout
        while True:
            if self.page.evaluate(script, arg):
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for: {script}")
            self.page.wait_for_timeout(100)

    def service_worker_ready(self) -> None:
        self.page.evaluate("async () => { await navigator.serviceWorker.ready; }")
        self.page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)

    def shot(self, name: str, *, full_page: bool = False) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.evaluate("() => document.getElementById('toast').replaceChildren()")  # no passing toasts
        self.page.wait_for_timeout(150)
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture()
def app_page(new_context, live_server):
    """make(locale=...) -> App on a fresh context."""

    def make(locale: str = "en-GB", **options) -> App:
        context = new_context(locale=locale, **options)
        return App(context.new_page(), live_server)

    return make


@pytest.fixture()
def pia_in_swedish(live_server):
    """Pia's account in Swedish for one test (the app follows the account's language; the seed makes
    her English for the English-speaking tests), then English again."""
    pia = live_server.api("patient1@demo.betterback.se")
    pia.call("PATCH", "/patients/me", {"locale": "sv"})
    yield
    pia.call("PATCH", "/patients/me", {"locale": "en"})
