"""Throughput and latency of GET .../plan and POST .../diary beside a trivial Flask route, under gunicorn.

One command (from the repository root, after `apt-get install -y wrk` once):

    .venv/bin/python bench/run.py                     # about 5 minutes; writes bench/RESULTS.md
    .venv/bin/python bench/run.py --skip-seed --duration 10 --connections 16

It seeds PostgreSQL database bb_bench with 2,000 patients and a year of diary (bench/seed.py;
--skip-seed reuses it), starts `gunicorn server.wsgi:app` and `gunicorn trivial:app`
(bench/trivial.py) with the same settings on 127.0.0.1 (gthread, 4 workers x 1 thread: the best
of the settings tried on 2 cores, see bench/README.md), signs in --logins patients through
POST /api/v1/auth/login, then drives one endpoint at a time with wrk (bench/load.lua): at each
--connections count, --warmup then --duration seconds, a random signed-in patient per request.
It prints a table and writes bench/RESULTS.md; the diary entries it wrote are deleted at the end.
Only 127.0.0.1 (and, for the logins, other 127.x source addresses) is used; every run is bounded.

The login rate limit stays on, backed by Redis as in production: the logins come from
several 127.0.x.y source addresses, 15 per address, under the 20 per minute per address.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import resource
import shlex
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

import seed  # noqa: E402  (bench/seed.py)
from sqlalchemy import create_engine, text  # noqa: E402

from server.services.clock import local_today  # noqa: E402

MODES = ("trivial", "plan", "diary")
LABELS = {"trivial": "GET /ping (trivial Flask)", "plan": "GET /api/v1/patients/me/plan",
          "diary": "POST /api/v1/patients/me/diary"}
TARGET_SHARE, TARGET_P99_MS = 0.40, 100.0
LOGINS_PER_ADDRESS = 15


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=seed.DEFAULT_URL)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the database as it is")
    parser.add_argument("--patients", type=int, default=2000, help="patients to seed")
    parser.add_argument("--logins", type=int, default=200, help="patients signed in and rotated through")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn gthread threads per worker")
    parser.add_argument("--keep-alive", type=int, default=2,
                        help="gunicorn --keep-alive seconds (its default, 2); 0 closes after each response, as behind "
                             "nginx's default proxying, so each request goes to a free worker")
    parser.add_argument("--connections", type=int, nargs="+", default=[32, 4],
                        help="keep-alive connections; each endpoint runs at each, the targets are judged at the first")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--duration", type=int, default=20, help="measured seconds per endpoint")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured seconds per endpoint first")
    parser.add_argument("--only", choices=MODES, action="append", help="measure only these (repeatable)")
    parser.add_argument("--wait-quiet", type=float, default=120,
                        help="before each endpoint, wait up to this many seconds for other processes to go quiet")
    parser.add_argument("--ratelimit-storage", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--port", type=int, default=8901, help="BetterBack; the trivial app uses port + 1")
    parser.add_argument("--results", default=str(BENCH / "RESULTS.md"), help="'-' to write none")
    return parser.parse_args()


# --- servers -----------------------------------------------------------------------------

def gunicorn(app: str, port: int, args, env: dict, log: Path, extra: tuple = ()) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", *extra, "--worker-class", "gthread", "--workers",
               str(args.workers), "--threads", str(args.threads), "--keep-alive", str(args.keep_alive),
               "--bind", f"127.0.0.1:{port}",
               "--log-level", "warning", app]
    with log.open("w") as handle:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT)


def server_env(args, instance: Path) -> dict:
    return {**os.environ, "DATABASE_URL": seed.sqlalchemy_url(args.database_url),
            "BETTERBACK_INSTANCE_PATH": str(instance), "BETTERBACK_SECURE_COOKIES": "false",
            "RATELIMIT_STORAGE_URI": args.ratelimit_storage, "SECRET_KEY": os.urandom(32).hex()}


def wait_ready(port: int, path: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn on port {port} exited:\n{log.read_text()[-3000:]}")
        try:
            status, _, _ = call(port, "GET", path)
            if status < 500:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn on port {port} did not answer within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
    cookies = "; ".join(c.split(";", 1)[0] for c in headers.get_all("Set-Cookie"))
    return cookies, json.loads(body)["csrf_token"]


def login_many(port: int, count: int, patients: int) -> list[tuple[str, str]]:
    """`count` random patients, 15 per 127.0.x.y source address: under the per-address rate limit."""
    chosen = random.sample(range(1, patients + 1), count)
    block = random.randint(1, 250)  # a fresh range of addresses for each run
    sources = [f"127.0.{block}.{2 + i // LOGINS_PER_ADDRESS}" for i in range(count)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda n, s: login(port, seed.patient_email(n), s), chosen, sources))


def check_once(port: int, session: tuple[str, str], today: date) -> dict[str, int]:
    """One request of each kind, so a broken endpoint stops the run before any load is sent."""
    cookie, csrf = session
    status, _, body = call(port, "GET", f"/api/v1/patients/me/plan?date={today}", headers={"Cookie": cookie})
    plan = json.loads(body)
    if status != 200 or plan.get("general_training") is None:
        raise SystemExit(f"GET plan: {status} {body[:300]!r}")
    entry = {"client_id": str(uuid.uuid4()), "date": today.isoformat(), "minutes": 25, "rpe": 12}
    status, _, body = call(port, "POST", "/api/v1/patients/me/diary", entry,
                           headers={"Cookie": cookie, "X-CSRF-Token": csrf})
    if status != 201:
        raise SystemExit(f"POST diary: {status} {body[:300]!r}")
    return {"plan_bytes": len(json.dumps(plan)), "diary_bytes": len(body)}


# --- load -------------------------------------------------------------------------------

def wrk(port: int, mode: str, seconds: int, connections: int, args, sessions_file: Path, today: date) -> dict:
    extra = [] if mode == "trivial" else [str(sessions_file), ",".join(
        (today - timedelta(days=k)).isoformat() for k in (range(30) if mode == "plan" else (0,)))]
    command = ["wrk", f"-t{min(args.wrk_threads, connections)}", f"-c{connections}", f"-d{seconds}s",
               "--timeout", "10s", "-s", str(BENCH / "load.lua"), f"http://127.0.0.1:{port}", "--", mode, *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = re.search(r"^BENCH_JSON (.*)$", run.stdout, re.M)
    if run.returncode != 0 or not found:
        raise SystemExit(f"wrk failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    result = json.loads(found.group(1))
    result["wrk_cpu_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return result


def process_table() -> dict[int, tuple[str, int, float]]:
    """pid -> (command name, parent pid, CPU seconds used so far) for every process."""
    table, tick = {}, os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                head, tail = (entry / "stat").read_text().rsplit(")", 1)
            except OSError:
                continue
            fields = tail.split()
            table[int(entry.name)] = (head.split("(", 1)[1], int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return table


def machine_busy_seconds() -> float:
    """CPU seconds all processes on the machine have used since boot (every state but idle and iowait)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def cpu_snapshot(server: subprocess.Popen) -> dict:
    """CPU seconds so far per pid of the server's gunicorn processes and of PostgreSQL, and of the machine."""
    table = process_table()
    return {"server": {pid: cpu for pid, (_, parent, cpu) in table.items() if server.pid in (pid, parent)},
            "postgres": {pid: cpu for pid, (name, _, cpu) in table.items() if name.startswith("postgres")},
            "machine": machine_busy_seconds()}


def cpu_used(before: dict, after: dict, wrk_cpu: float) -> dict[str, float]:
    """CPU seconds between two snapshots (per pid, so a backend that ended does not go negative)."""
    used = {f"{group}_cpu_s": sum(cpu - before[group].get(pid, 0.0) for pid, cpu in after[group].items())
            for group in ("server", "postgres")}
    used["wrk_cpu_s"] = wrk_cpu
    used["other_cpu_s"] = max(0.0, after["machine"] - before["machine"] - sum(used.values()))
    return used


def wait_for_quiet(limit: float, threshold: float = 0.15) -> float:
    """Wait (at most `limit` s) until other work uses under `threshold` of a core; the load it saw last."""
    deadline, load = time.monotonic() + limit, 0.0
    while True:
        before = machine_busy_seconds()
        time.sleep(2)
        load = (machine_busy_seconds() - before) / 2
        if load < threshold or time.monotonic() >= deadline:
            return load
        print(f"  waiting: other processes use {load:.2f} cores")


def measure(mode: str, connections: int, server: subprocess.Popen, port: int, args, sessions_file: Path,
            today: date) -> dict:
    quiet = wait_for_quiet(args.wait_quiet)
    if args.warmup:
        wrk(port, mode, args.warmup, connections, args, sessions_file, today)
    before = cpu_snapshot(server)
    result = wrk(port, mode, args.duration, connections, args, sessions_file, today)
    result.update(cpu_used(before, cpu_snapshot(server), result["wrk_cpu_s"]), load_before=quiet)
    result.update(mode=mode, connections=connections, rps=result["requests"] / (result["duration_us"] / 1e6))
    print(f"  {mode:8s} c={connections:<3d} {result['rps']:8.1f} req/s  p50 {result['p50_us'] / 1000:7.1f} ms  "
          f"p99 {result['p99_us'] / 1000:7.1f} ms  failed {failures(result)}")
    return result


# --- report -----------------------------------------------------------------------------

def failures(r: dict) -> int:
    return sum(r["errors"].values()) + r["unexpected"]


def share(results: dict, r: dict) -> float | None:
    """Throughput as a fraction of the trivial route's at the same number of connections."""
    trivial = results.get(("trivial", r["connections"]))
    return r["rps"] / trivial["rps"] if trivial else None


def verdicts(results: dict, connections: int) -> dict[str, dict]:
    found = {}
    for mode in ("plan", "diary"):
        r = results.get((mode, connections))
        if r is None:
            continue
        fraction = share(results, r)
        found[mode] = {"share": fraction, "share_ok": fraction is not None and fraction >= TARGET_SHARE,
                       "p99_ok": r["p99_us"] / 1000 < TARGET_P99_MS, "clean": failures(r) == 0}
    return found


def table(results: dict) -> str:
    lines = ["| endpoint | connections | requests/s | vs trivial | p50 ms | p90 ms | p99 ms | max ms | requests "
             "| failed |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results.values():
        fraction = share(results, r)
        lines.append(f"| {LABELS[r['mode']]} | {r['connections']} | {r['rps']:.1f} | "
                     f"{f'{100 * fraction:.1f} %' if fraction is not None else '-'} | {r['p50_us'] / 1000:.1f} | "
                     f"{r['p90_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {r['max_us'] / 1000:.1f} | "
                     f"{r['requests']} | {failures(r)} |")
    return "\n".join(lines)


def cpu_table(results: dict) -> str:
    cores = len(os.sched_getaffinity(0))
    lines = ["| endpoint | connections | gunicorn | PostgreSQL | wrk | anything else | machine busy "
             "| gunicorn CPU ms per request | note |", "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results.values():
        seconds = r["duration_us"] / 1e6
        parts = (r["server_cpu_s"], r["postgres_cpu_s"], r["wrk_cpu_s"], r["other_cpu_s"])
        busy = sum(parts) / (seconds * cores)
        note = "; ".join(text_ for flag, text_ in (
            (parts[3] / seconds > 0.1, "other processes ran: not comparable"),
            (busy < 0.9, "CPU not saturated: keep-alive connections unevenly spread over the workers?")) if flag)
        cells = " | ".join(f"{p / seconds:.2f}" for p in parts)
        lines.append(f"| {r['mode']} | {r['connections']} | {cells} | {100 * busy:.0f} % of {cores} cores | "
                     f"{1000 * r['server_cpu_s'] / max(1, r['requests']):.2f} | {note} |")
    return "\n".join(lines)


def last_diary_id(url: str) -> int:
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


def revision() -> str:
    """The commit measured, and whether server/ had uncommitted changes (read-only git)."""
    def git(*words):
        return subprocess.run(["git", *words], cwd=REPO, capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" with uncommitted changes in server/" if git("status", "--porcelain", "server") else "")


def machine() -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.M)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
    version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()
    return {"nproc": str(len(os.sched_getaffinity(0))), "cpu": model.group(1) if model else "?",
            "memory": f"{int(memory.group(1)) / 1024 ** 2:.1f} GiB" if memory else "?",
            "kernel": os.uname().release, "python": sys.version.split()[0],
            "wrk": version[0] if version else "?"}


def database(url: str) -> dict[str, str]:
    engine = create_engine(seed.sqlalchemy_url(url))
    with engine.connect() as connection:
        count = lambda table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: E731
        found = {"url": url, "patients": count("patients"), "diary_entries": count("diary_entries"),
                 "diary_exercises": count("diary_exercises")}
        if engine.dialect.name == "postgresql":
            found["server"] = connection.execute(text("SHOW server_version")).scalar_one()
            found["size"] = connection.execute(text("SELECT pg_size_pretty(pg_database_size(current_database()))")
                                               ).scalar_one()
            found["shared_buffers"] = connection.execute(text("SHOW shared_buffers")).scalar_one()
        else:
            found["server"] = f"SQLite {connection.exec_driver_sql('select sqlite_version()').scalar_one()}"
    engine.dispose()
    return found


def verdict_lines(results: dict, connections: int) -> list[str]:
    lines = []
    for mode, v in verdicts(results, connections).items():
        r = results[(mode, connections)]
        fraction = f"{100 * v['share']:.1f} %" if v["share"] is not None else "n/a (trivial not measured)"
        lines.append(f"- {LABELS[mode]}, {connections} connections: throughput {fraction} of trivial (target >= "
                     f"{100 * TARGET_SHARE:.0f} %): **{'met' if v['share_ok'] else 'MISSED'}**; p99 "
                     f"{r['p99_us'] / 1000:.1f} ms (target < {TARGET_P99_MS:.0f} ms): "
                     f"**{'met' if v['p99_ok'] else 'MISSED'}**"
                     + ("" if v["clean"] else "; **some requests failed** (see the table)"))
    return lines


def report(results: dict, args, context: dict) -> str:
    m, db = context["machine"], context["database"]
    return "\n".join([
        "# The plan and the diary under gunicorn", "",
        f"Written by `bench/run.py` on {context['when']}; how to run it, what the figures mean and why the "
        "targets are missed: [bench/README.md](README.md).", "",
        f"Command: `{context['command']}`  (code: {context['revision']})", "",
        table(results), "",
        f"Targets (the issue: each endpoint at least 40 % of the trivial route's requests/s, p99 under 100 ms), "
        f"judged at {args.connections[0]} connections:", "",
        *verdict_lines(results, args.connections[0]), "",
        "## Set-up", "",
        f"- Machine: {m['nproc']} cores ({m['cpu']}), {m['memory']} memory, Linux {m['kernel']}, "
        f"Python {m['python']}.",
        f"- Database: {db['server']} at `{db['url']}` ({db.get('size', '')}, shared_buffers "
        f"{db.get('shared_buffers', '-')}), default server settings: {db['patients']} patients, "
        f"{db['diary_entries']} diary entries, {db['diary_exercises']} diary exercises (bench/seed.py; the entries "
        "the run wrote are deleted afterwards).",
        f"- Servers: `gunicorn --worker-class gthread --workers {args.workers} --threads {args.threads} "
        f"--keep-alive {args.keep_alive}` "
        "on 127.0.0.1, the same for `server.wsgi:app` and `trivial:app` (bench/trivial.py); access log off; "
        f"login rate limit on, storage `{args.ratelimit_storage}`.",
        f"- Load: {m['wrk']}, up to {args.wrk_threads} threads, keep-alive connections as in the table, "
        f"{args.warmup} s warm-up then {args.duration} s measured per row, one row at a time; "
        f"{args.logins} signed-in patients (random of {db['patients']}), a random one per request; plan for a "
        "random date of the last 30 days, diary entries for today with a new client_id each.",
        "- wrk is closed-loop: each connection sends its next request when the last one is answered, so once "
        "the server is saturated the latency is mostly queueing (mean latency = connections / throughput).",
        "- The load generator, gunicorn and PostgreSQL share the cores. Cores used (CPU seconds per second) "
        "during each measured run; 'anything else' is the rest of the machine (kernel, other processes - "
        "figures from a run where it is high are not to be trusted):", "",
        cpu_table(results), "",
    ])


def main() -> None:
    args = parse_args()
    if not args.skip_seed:
        print("seeding:", seed.seed(args.database_url, patients=args.patients))
    instance, code = Path(tempfile.mkdtemp(prefix="bb-bench-")), revision()  # the code the servers load
    env, logs = server_env(args, instance), {name: instance / f"{name}.log" for name in ("app", "trivial")}
    app = gunicorn("server.wsgi:app", args.port, args, env, logs["app"])
    trivial = gunicorn("trivial:app", args.port + 1, args, env, logs["trivial"], ("--pythonpath", str(BENCH)))
    last_id = last_diary_id(args.database_url)
    try:
        wait_ready(args.port, "/api/v1/openapi.json", app, logs["app"])
        wait_ready(args.port + 1, "/ping", trivial, logs["trivial"])
        results = run_all(args, app, trivial, instance)
    finally:
        stop(app)
        stop(trivial)
        print(f"removed the {remove_diary_after(args.database_url, last_id)} diary entries this run wrote")
    print(table(results))
    context = {"machine": machine(), "database": database(args.database_url),
               "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "revision": code if revision() == code else f"{code}, then {revision()} during the run",
               "command": shlex.join([".venv/bin/python", "bench/run.py", *sys.argv[1:]])}
    print("\n".join(verdict_lines(results, args.connections[0])))
    if args.results != "-":
        write_section(Path(args.results), report(results, args, context))
        print(f"wrote {args.results}")


def write_section(path: Path, section: str) -> None:
    """Replace this script's section of the results file (between its markers), keeping any other."""
    start, end = "<!-- bench/run.py: start -->", "<!-- bench/run.py: end -->"
    block = f"{start}\n{section.rstrip()}\n{end}\n"
    old = path.read_text() if path.exists() else ""
    if start in old and end in old:
        before, rest = old.split(start, 1)
        new = before + block + rest.split(end, 1)[1].lstrip("\n")
    else:
        new = (old.rstrip() + "\n\n" if old.strip() else "") + block
    path.write_text(new)


def run_all(args, app: subprocess.Popen, trivial: subprocess.Popen, instance: Path) -> dict:
    today = local_today(seed.TIMEZONE)
    patients = database(args.database_url)["patients"]
    started = time.monotonic()
    sessions = login_many(args.port, min(args.logins, patients), patients)
    print(f"signed in {len(sessions)} patients in {time.monotonic() - started:.1f} s; "
          f"checked: {check_once(args.port, sessions[0], today)}")
    sessions_file = instance / "sessions.tsv"
    sessions_file.write_text("".join(f"{cookie}\t{csrf}\n" for cookie, csrf in sessions))
    results = {}
    for connections in args.connections:
        for mode in (m for m in MODES if not args.only or m in args.only):
            server, port = (trivial, args.port + 1) if mode == "trivial" else (app, args.port)
            results[(mode, connections)] = measure(mode, connections, server, port, args, sessions_file, today)
    return results


if __name__ == "__main__":
    main()
