"""Where one GET .../plan or POST .../diary spends its time: SQL statements per request and a cProfile.

    .venv/bin/python bench/profile_requests.py                    # both endpoints, the seeded bb_bench
    .venv/bin/python bench/profile_requests.py --endpoint plan --requests 300 --top 40

In-process (Flask's test client, one thread, no gunicorn, no load generator), against the database
bench/seed.py filled, signed in as one seeded patient. It prints, per endpoint: wall and CPU
milliseconds per request, the statements sent per request (SQLAlchemy's and psycopg's own BEGIN,
pings and rollbacks), the slowest statements by total time, and cProfile's top functions by
cumulative time. Stdlib only, besides the project itself.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import sys
import time
import uuid
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import seed  # noqa: E402
from sqlalchemy import delete, event, func, select  # noqa: E402

from server.app import create_app  # noqa: E402
from server.extensions import db  # noqa: E402
from server.models import DiaryEntry  # noqa: E402
from server.services.clock import local_today  # noqa: E402


class StatementLog:
    """Counts and times every statement the engine sends, keyed by its first 110 characters."""

    def __init__(self, engine):
        self.count, self.seconds, self.started = Counter(), defaultdict(float), {}
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        for name in ("begin", "rollback", "commit"):
            event.listen(engine, name, lambda *_, n=name.upper(): self.count.update([f"({n})"]))
        event.listen(engine.pool, "checkout", lambda *_: self.count.update(["(pool checkout: pre-ping)"]))

    def _before(self, conn, cursor, statement, *_):
        self.started[id(cursor)] = time.perf_counter()

    def _after(self, conn, cursor, statement, *_):
        key = re.sub(r"\s+", " ", statement)[:110]
        self.count[key] += 1
        self.seconds[key] += time.perf_counter() - self.started.pop(id(cursor), time.perf_counter())

    def reset(self):
        self.count.clear()
        self.seconds.clear()


def signed_in_client(app, email: str):
    client = app.test_client()
    response = client.post("/api/v1/auth/login", json={"email": email, "password": seed.PASSWORD})
    assert response.status_code == 200, response.get_json()
    return client, response.get_json()["csrf_token"]


def request_maker(endpoint: str, client, csrf: str):
    today = local_today(seed.TIMEZONE)
    if endpoint == "plan":
        return lambda n: client.get(f"/api/v1/patients/me/plan?date={today - timedelta(days=n % 30)}"), 200
    body = lambda: {"client_id": str(uuid.uuid4()), "date": today.isoformat(), "minutes": 25, "rpe": 12}  # noqa
    return (lambda n: client.post("/api/v1/patients/me/diary", json=body(), headers={"X-CSRF-Token": csrf}), 201)


def run(send, expected: int, count: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for n in range(count):
        response = send(n)
        assert response.status_code == expected, (response.status_code, response.get_data()[:300])
    return (time.perf_counter() - wall) / count * 1000, (time.process_time() - cpu) / count * 1000


def layers(profile: cProfile.Profile, count: int, limit: int) -> list[str]:
    """Cumulative ms per request of the project's own functions and of Flask's request phases."""
    phases = {"preprocess_request": "Flask before_request hooks (the guard: CSRF, sign-in, permissions)",
              "dispatch_request": "Flask view (arguments, service, response schema)",
              "do_teardown_appcontext": "Flask teardown (session close: ROLLBACK, pool return)"}
    rows = []
    for (path, line, name), (_, calls, _, cumulative, _) in pstats.Stats(profile).stats.items():
        if "/server/" in path and "site-packages" not in path:
            label = f"{path.split('/server/', 1)[1]}:{line} {name}"
        elif path.endswith("flask/app.py") and name in phases:
            label = phases[name]
        else:
            continue
        rows.append((cumulative / count * 1000, calls / count, label))
    return [f"  {ms:7.2f} ms {calls:6.1f} x  {label}" for ms, calls, label in sorted(rows, reverse=True)[:limit]]


def report(endpoint: str, log: StatementLog, timing: tuple[float, float], profile: cProfile.Profile,
           count: int, top: int) -> None:
    print(f"\n=== {endpoint}: {timing[0]:.2f} ms wall, {timing[1]:.2f} ms CPU per request, unprofiled")
    print("statements per request (with the time from send to result, in ms, profiled):")
    for key, n in sorted(log.count.items(), key=lambda kv: -kv[1]):
        spent = log.seconds.get(key, 0) / count * 1000
        print(f"  {n / count:5.2f} x  {spent:6.3f} ms  {key}")
    print(f"  = {sum(n for k, n in log.count.items() if not k.startswith('(')) / count:.1f} SQL statements "
          "per request, besides the (events)")
    print("cumulative time per request under cProfile (profiling slows Python code ~1.5-2x):")
    print("\n".join(layers(profile, count, 30)))
    if top > 0:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(top)
        print("cProfile, functions by own time:")
        print(re.sub(r"^\s*\n", "", out.getvalue().split("\n", 6)[-1], flags=re.M))


def profile_endpoint(app, log: StatementLog, endpoint: str, args) -> None:
    with app.app_context():
        last_id = db.session.scalar(select(func.max(DiaryEntry.id)))
    try:
        profile_requests(app, log, endpoint, args)
    finally:  # the diary entries written here would make this patient's plan slower next time
        with app.app_context():
            db.session.execute(delete(DiaryEntry).where(DiaryEntry.id > last_id))
            db.session.commit()


def profile_requests(app, log: StatementLog, endpoint: str, args) -> None:
    client, csrf = signed_in_client(app, seed.patient_email(args.patient))
    send, expected = request_maker(endpoint, client, csrf)
    run(send, expected, 20)  # warm caches, prepared statements, the pool
    timing = run(send, expected, args.requests)
    log.reset()
    profile = cProfile.Profile()
    profile.enable()
    run(send, expected, args.requests)
    profile.disable()
    report(endpoint, log, timing, profile, args.requests, args.top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=seed.DEFAULT_URL)
    parser.add_argument("--endpoint", choices=("plan", "diary"), action="append")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--patient", type=int, default=7, help="which seeded patient signs in")
    parser.add_argument("--top", type=int, default=25, help="lines of the by-own-time table (0: none)")
    parser.add_argument("--no-plan-cache", action="store_true", help="build every plan (BETTERBACK_PLAN_CACHE=false)")
    args = parser.parse_args()
    app = create_app({"DATABASE_URL": seed.sqlalchemy_url(args.database_url), "SECRET_KEY": "profile",
                      "INSTANCE_PATH": str(Path("/tmp/bb-bench-profile")), "RATELIMIT_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False, "PLAN_CACHE": not args.no_plan_cache})
    with app.app_context():
        log = StatementLog(db.engine)
    for endpoint in args.endpoint or ("plan", "diary"):
        profile_endpoint(app, log, endpoint, args)


if __name__ == "__main__":
    main()
