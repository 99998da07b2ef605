"""The whole table of issue 12 from one command: the plan and the diary beside the stack's floors, under gunicorn.

    .venv/bin/python bench/run.py            # ~8 minutes: seed, serve, sign in, 3 rounds of 8 rows, cold start,
                                             # the reminder planner over 100,000 patients; writes bench/RESULTS.md
    .venv/bin/python bench/run.py --quick    # ~2 minutes: one short round, no planner (a smoke test of the figures)
    .venv/bin/python bench/run.py --skip-seed --only plan_3y --only read_floor --rounds 1 --results -

It seeds PostgreSQL database bb_bench (bench/seed.py: 2,000 patients with a year of diary, 200 with a
month, 200 with three years; --skip-seed reuses it), starts three gunicorns with the same settings on
127.0.0.1: `server.wsgi:app`, the same app with the plan cache off (BETTERBACK_PLAN_CACHE=false, so the
uncached rows measure the stored pacing state and the plan's own queries) and `trivial:app`
(bench/trivial.py: the trivial route and the read and write floors), signs patients of each cohort
in through POST /api/v1/auth/login, then drives one row at a time with wrk (bench/load.lua). Rows
are interleaved: each round runs every row once, so a burst of other work on this shared machine
hits all rows alike; the table shows medians over the rounds and the load average beside each row.
The diary entries written (diary and write floor) are deleted at the end.

The login rate limit stays on, backed by Redis as in production: the logins come from several
127.0.x.y source addresses, 15 per address, under the 20 per minute per address. Each session
then makes one request from wrk's own address and keeps the cookie the server re-issues, as a
browser would (Flask-Login notes a changed address once; a stale cookie would be re-signed on
every response of the run).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

import measure  # noqa: E402  (bench/measure.py)
import report  # noqa: E402  (bench/report.py)
import seed  # noqa: E402  (bench/seed.py)
from sqlalchemy import create_engine, text  # noqa: E402

from server.services.clock import local_today  # noqa: E402

LOGINS_PER_ADDRESS = 15
SERVERS = {"app": 0, "uncached": 2, "trivial": 1}   # port offsets from --port


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="one round of 2 s warm-up + 6 s per row, 40 logins per cohort, no planner")
    parser.add_argument("--database-url", default=seed.DEFAULT_URL)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the database as it is")
    parser.add_argument("--patients", type=int, default=2000, help="patients with a year of diary")
    parser.add_argument("--logins", type=int, default=100, help="patients signed in per cohort")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn gthread threads per worker")
    parser.add_argument("--keep-alive", type=int, default=2, help="gunicorn --keep-alive seconds")
    parser.add_argument("--connections", type=int, default=16, help="keep-alive connections of every row")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every row; the table shows medians")
    parser.add_argument("--duration", type=int, default=10, help="measured seconds per row and round")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured seconds before each row")
    parser.add_argument("--only", choices=list(report.ROWS), action="append", help="measure only these rows")
    parser.add_argument("--wait-quiet", type=float, default=5,
                        help="before each row, wait up to this many seconds for other processes to go quiet")
    parser.add_argument("--no-planner", action="store_true", help="skip the reminder planner (~2 minutes)")
    parser.add_argument("--ratelimit-storage", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--port", type=int, default=8901, help="the app; +1 trivial, +2 the app without plan cache")
    parser.add_argument("--results", default=str(BENCH / "RESULTS.md"), help="'-' to write none")
    parser.add_argument("--app-dir", default=str(REPO),
                        help="the checkout whose server/ the app gunicorns run (an A/B against an older commit: "
                             "git archive COMMIT | tar -x -C DIR); the schema stays this checkout's")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.duration, args.warmup, args.logins, args.no_planner = 1, 6, 2, 40, True
    return args


# --- servers -----------------------------------------------------------------------------

def gunicorn(app: str, port: int, args, env: dict, log: Path, extra: tuple = ()) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", *extra, "--worker-class", "gthread", "--workers",
               str(args.workers), "--threads", str(args.threads), "--keep-alive", str(args.keep_alive),
               "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app]
    with log.open("w") as handle:
        return subprocess.Popen(command, cwd=args.app_dir, env=env, stdout=handle, stderr=subprocess.STDOUT)


def server_env(args, instance: Path, first_id: int, last_id: int) -> dict:
    return {**os.environ, "DATABASE_URL": seed.sqlalchemy_url(args.database_url),
            "BETTERBACK_INSTANCE_PATH": str(instance), "BETTERBACK_SECURE_COOKIES": "false",
            "RATELIMIT_STORAGE_URI": args.ratelimit_storage, "SECRET_KEY": os.urandom(32).hex(),
            "BENCH_PATIENT_IDS": f"{first_id},{last_id}"}


def wait_ready(port: int, path: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> float:
    """Seconds from now until the server answers `path` (any status below 500)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn on port {port} exited:\n{log.read_text()[-3000:]}")
        try:
            status, _, _ = call(port, "GET", path)
            if status < 500:
                return time.monotonic() - started
        except OSError:
            time.sleep(0.02)
    raise SystemExit(f"gunicorn on port {port} did not answer within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cold_start(env: dict, app_dir: str, runs: int = 3) -> dict:
    """Seconds from a new interpreter to its first answered request, in-process (median of `runs`)."""
    code = ("import time; t = time.perf_counter(); import server.wsgi as w; "
            "r = w.app.test_client().get('/api/v1/patients/me/plan'); "
            "print(time.perf_counter() - t, r.status_code)")
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], cwd=app_dir, env=env, capture_output=True, text=True,
                             check=True).stdout.split()
        seconds.append((time.perf_counter() - began, float(out[0])))
    return {"process": statistics.median(s[0] for s in seconds), "import_to_answer": statistics.median(
        s[1] for s in seconds), "loadavg": os.getloadavg()[0]}


# --- HTTP set-up: sign in, check each endpoint once ---------------------------------------

def call(port: int, method: str, path: str, body: dict | None = None, headers: dict | None = None,
         source: str | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                            source_address=(source, 0) if source else None)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        sent = {**({"Content-Type": "application/json"} if payload else {}), **(headers or {})}
        connection.request(method, path, body=payload, headers=sent)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def login(port: int, email: str, source: str) -> tuple[str, str]:
    status, headers, body = call(port, "POST", "/api/v1/auth/login",
                                 {"email": email, "password": seed.PASSWORD}, source=source)
    if status != 200:
        raise SystemExit(f"login of {email} from {source}: {status} {body[:300]!r}")
    jar = _set_cookies(headers)
    # One request from wrk's own address, keeping any cookie it re-issues, as a browser would: the
    # session cookie marked there (Flask-Login notes the changed address once) is then sent as is,
    # instead of a stale one the server would re-sign on every response of the run.
    status, again, answer = call(port, "GET", "/api/v1/me", headers={"Cookie": _cookie_header(jar)})
    if status != 200:
        raise SystemExit(f"GET /me of {email}: {status} {answer[:300]!r}")
    jar.update(_set_cookies(again))
    return _cookie_header(jar), json.loads(body)["csrf_token"]


def _set_cookies(headers) -> dict:
    """name -> value of each Set-Cookie in a response's headers."""
    return dict(c.split(";", 1)[0].split("=", 1) for c in headers.get_all("Set-Cookie") or [])


def _cookie_header(jar: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def login_many(port: int, numbers: list[int]) -> list[tuple[str, str]]:
    """These patients, 15 per 127.0.x.y source address: under the per-address rate limit."""
    block = random.randint(1, 250)  # a fresh range of addresses for each run
    sources = [f"127.{block}.{i // LOGINS_PER_ADDRESS // 250}.{2 + i // LOGINS_PER_ADDRESS % 250}"
               for i in range(len(numbers))]
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda n, s: login(port, seed.patient_email(n), s), numbers, sources))


def check_once(port: int, session: tuple[str, str], today: date) -> None:
    """One request of each kind, so a broken endpoint stops the run before any load is sent."""
    cookie, csrf = session
    status, _, body = call(port, "GET", f"/api/v1/patients/me/plan?date={today}", headers={"Cookie": cookie})
    if status != 200 or json.loads(body).get("general_training") is None:
        raise SystemExit(f"GET plan: {status} {body[:300]!r}")
    entry = {"client_id": str(uuid.uuid4()), "date": today.isoformat(), "minutes": 25, "rpe": 12}
    status, _, body = call(port, "POST", "/api/v1/patients/me/diary", entry,
                           headers={"Cookie": cookie, "X-CSRF-Token": csrf})
    if status != 201:
        raise SystemExit(f"POST diary: {status} {body[:300]!r}")


# --- the run -----------------------------------------------------------------------------

def measure_row(row: report.Row, server: subprocess.Popen, port: int, args, sessions: dict, today: date) -> dict:
    quiet = measure.wait_for_quiet(args.wait_quiet)
    file = sessions.get(row.cohort)
    if args.warmup:
        measure.wrk(port, row.mode, args.warmup, args.connections, args.wrk_threads, file, today, row.days)
    loadavg = os.getloadavg()[0]
    before = measure.cpu_snapshot(server.pid)
    result = measure.wrk(port, row.mode, args.duration, args.connections, args.wrk_threads, file, today, row.days)
    result.update(measure.cpu_used(before, measure.cpu_snapshot(server.pid), result["wrk_cpu_s"]),
                  other_before=quiet, loadavg=loadavg, rps=result["requests"] / (result["duration_us"] / 1e6))
    print(f"  {row.key:20s} {result['rps']:8.1f} req/s  p50 {result['p50_us'] / 1000:7.1f} ms  "
          f"p99 {result['p99_us'] / 1000:7.1f} ms  failed {measure.failures(result)}  load {loadavg:.2f}")
    return result


def sign_in_cohorts(args, patients: int) -> dict[str, list]:
    started, signed = time.monotonic(), {}
    for cohort in {row.cohort for row in selected_rows(args)} - {None}:
        numbers = list(seed.cohort_range(cohort, patients))
        chosen = random.sample(numbers, min(args.logins, len(numbers)))
        signed[cohort] = login_many(args.port, chosen)
    print(f"signed in {sum(map(len, signed.values()))} patients in {time.monotonic() - started:.1f} s")
    return signed


def prewarm(args, signed: dict, today: date) -> None:
    """Ask once for each plan the cached rows will ask for, as each patient's first visit of a day would:
    the rows then measure the plan as it is served all day after that first visit."""
    wanted = [(cookie, today - timedelta(days=k)) for row in selected_rows(args) if row.server == "app"
              and row.mode == "plan" for cookie, _ in signed[row.cohort] for k in range(row.days)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda pair: call(args.port, "GET", f"/api/v1/patients/me/plan?date={pair[1]}",
                                                   headers={"Cookie": pair[0]})[0], wanted))
    if any(status != 200 for status in statuses):
        raise SystemExit(f"prewarm: statuses {sorted(set(statuses))}")
    print(f"asked for {len(wanted)} plans once first, in {time.monotonic() - started:.1f} s")


def selected_rows(args) -> list[report.Row]:
    return [row for key, row in report.ROWS.items() if not args.only or key in args.only]


def run_rounds(args, servers: dict, instance: Path, patients: int) -> dict:
    today = local_today(seed.TIMEZONE)
    signed = sign_in_cohorts(args, patients)
    if signed:
        check_once(args.port, next(iter(signed.values()))[0], today)
    sessions = {}
    for cohort, pairs in signed.items():
        sessions[cohort] = instance / f"sessions-{cohort}.tsv"
        sessions[cohort].write_text("".join(f"{cookie}\t{csrf}\n" for cookie, csrf in pairs))
    prewarm(args, signed, today)
    runs = {row.key: [] for row in selected_rows(args)}
    for number in range(1, args.rounds + 1):
        print(f"round {number} of {args.rounds}")
        for row in selected_rows(args):
            runs[row.key].append(measure_row(row, servers[row.server], args.port + SERVERS[row.server], args,
                                             sessions, today))
    return {key: measure.median_result(found) for key, found in runs.items()}


def planner(args) -> dict | None:
    if args.no_planner:
        return None
    print("reminder planner over 100,000 patients (bench/plan_reminders.py) ...")
    done = subprocess.run([sys.executable, str(BENCH / "plan_reminders.py"), "--rounds", "3", "--json"],
                          cwd=REPO, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"plan_reminders failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def diary_high_water(url: str) -> int:
    engine = create_engine(seed.sqlalchemy_url(url))
    with engine.connect() as connection:
        found = connection.execute(text("SELECT coalesce(max(id), 0) FROM diary_entries")).scalar_one()
    engine.dispose()
    return found


def remove_diary_after(url: str, last_id: int) -> int:
    """Delete the entries the run wrote, so the next run (--skip-seed) measures the same data."""
    engine = create_engine(seed.sqlalchemy_url(url))
    with engine.begin() as connection:
        removed = connection.execute(text("DELETE FROM diary_entries WHERE id > :last"), {"last": last_id}).rowcount
    engine.dispose()
    return removed


def start_servers(args, env: dict, instance: Path, servers: dict) -> dict:
    """Start the three gunicorns into `servers` (so the caller stops whatever started); seconds until each answered."""
    logs = {name: instance / f"{name}.log" for name in SERVERS}
    envs = {"app": env, "uncached": {**env, "BETTERBACK_PLAN_CACHE": "false"}, "trivial": env}
    started = time.monotonic()
    for name, offset in SERVERS.items():
        servers[name] = gunicorn("trivial:app" if name == "trivial" else "server.wsgi:app", args.port + offset, args,
                                 envs[name], logs[name], ("--pythonpath", str(BENCH)) if name == "trivial" else ())
    ready = {}
    for name, path in (("app", "/api/v1/patients/me/plan"), ("uncached", "/api/v1/patients/me/plan"),
                       ("trivial", "/ping")):
        wait_ready(args.port + SERVERS[name], path, servers[name], logs[name])
        ready[name] = time.monotonic() - started
    return ready


def main() -> None:
    args = parse_args()
    if not args.skip_seed:
        print("seeding:", seed.seed(args.database_url, patients=args.patients))
    instance, code = Path(tempfile.mkdtemp(prefix="bb-bench-")), report.revision()
    patients = args.patients
    first_id = 41   # bench/seed.py: 40 therapists, then the patients
    env = server_env(args, instance, first_id, first_id + patients - 1)
    context = {"cold": cold_start(env, args.app_dir), "machine": report.machine(),
               "database": report.database(seed.sqlalchemy_url(args.database_url))}
    last_id = diary_high_water(args.database_url)
    servers: dict = {}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))   # so the servers below are stopped too
    try:
        context["ready"] = start_servers(args, env, instance, servers)
        results = run_rounds(args, servers, instance, patients)
    finally:
        for process in servers.values():
            stop(process)
        print(f"removed the {remove_diary_after(args.database_url, last_id)} diary entries this run wrote")
    context["planner"] = planner(args)
    context.update(when=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                   revision=code if report.revision() == code else f"{code}, then {report.revision()} during the run",
                   command=shlex.join([".venv/bin/python", "bench/run.py", *sys.argv[1:]]))
    text_ = report.render(results, args, context)
    print(text_)
    if args.results != "-":
        report.write_section(Path(args.results), text_)
        print(f"wrote {args.results}")


if __name__ == "__main__":
    main()
