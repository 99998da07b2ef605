"""The rows bench/run.py measures, and the RESULTS.md section it writes from them."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from measure import failures

REPO = Path(__file__).resolve().parent.parent
SHARE_TARGET, FLAT_TARGET, P99_TARGET_MS = 0.60, 0.90, 100.0


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    server: str          # "app", "uncached" (the app with BETTERBACK_PLAN_CACHE=false) or "trivial"
    mode: str            # load.lua's mode
    cohort: str | None   # whose sessions: bench/seed.py's cohorts
    floor: str | None    # the row it is a share of
    days: int = 1        # the plan: a random one of the last `days` days


ROWS = {row.key: row for row in (
    Row("trivial", "GET /ping (trivial Flask)", "trivial", "trivial", None, None),
    Row("read_floor", "GET /floor/read (read floor: 2 SELECTs)", "trivial", "read", None, None),
    Row("write_floor", "POST /floor/write (write floor: SELECT, INSERT, COMMIT)", "trivial", "write", None, None),
    Row("plan_month", "GET .../plan, 1 month of diary", "app", "plan", "month", "read_floor", 3),
    Row("plan_3y", "GET .../plan, 3 years of diary", "app", "plan", "years3", "read_floor", 3),
    Row("diary", "POST .../diary (1 year of diary)", "app", "diary", "year", "write_floor"),
    Row("plan_month_uncached", "GET .../plan, 1 month, plan cache off", "uncached", "plan", "month", "read_floor",
        14),
    Row("plan_3y_uncached", "GET .../plan, 3 years, plan cache off", "uncached", "plan", "years3", "read_floor", 14),
)}


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f} %"


def share(results: dict, key: str, of: str | None) -> float | None:
    if of is None or key not in results or of not in results:
        return None
    return results[key]["rps"] / results[of]["rps"]


def table(results: dict) -> str:
    lines = ["| row | requests/s (median) | per round | vs its floor | vs trivial | p50 ms | p99 ms | max ms "
             "| requests | failed | load avg (1 min) per round |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for key, r in results.items():
        row = ROWS[key]
        lines.append(
            f"| {row.label} | {r['rps']:.0f} | {' / '.join(f'{v:.0f}' for v in r['rps_all'])} | "
            f"{_pct(share(results, key, row.floor))} | {_pct(share(results, key, 'trivial'))} | "
            f"{r['p50_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {r['max_us'] / 1000:.0f} | {r['requests']} | "
            f"{failures(r)} | {' / '.join(f'{v:.1f}' for v in r['loadavg'])} |")
    return "\n".join(lines)


def cpu_table(results: dict) -> str:
    cores = len(os.sched_getaffinity(0))
    lines = ["| row | gunicorn | PostgreSQL | wrk | anything else | machine busy | gunicorn CPU ms per request |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for key, r in results.items():
        seconds = r["duration_us"] / 1e6
        parts = (r["server_cpu_s"], r["postgres_cpu_s"], r["wrk_cpu_s"], r["other_cpu_s"])
        busy = sum(parts) / (seconds * cores)
        lines.append(f"| {key} | {' | '.join(f'{p / seconds:.2f}' for p in parts)} | {100 * busy:.0f} % of "
                     f"{cores} | {1000 * r['server_cpu_s'] / max(1, r['requests']):.2f} |")
    return "\n".join(lines)


def _ok(flag: bool) -> str:
    return "**met**" if flag else "**MISSED**"


def verdicts(results: dict, connections: int) -> list[str]:
    lines = []
    for key, floor in (("plan_3y", "read_floor"), ("diary", "write_floor")):
        value = share(results, key, floor)
        if value is not None:
            lines.append(f"- {ROWS[key].label}: {_pct(value)} of the {floor.replace('_', ' ')} "
                         f"(target >= {_pct(SHARE_TARGET)}): {_ok(value >= SHARE_TARGET)}")
    for key, month in (("plan_3y", "plan_month"), ("plan_3y_uncached", "plan_month_uncached")):
        value = share(results, key, month)
        if value is not None:
            lines.append(f"- flat in history: {ROWS[key].label} at {_pct(value)} of 1 month "
                         f"(target >= {_pct(FLAT_TARGET)}): {_ok(value >= FLAT_TARGET)}")
    for key in ("plan_month", "plan_3y", "diary"):
        if key in results:
            p99 = results[key]["p99_us"] / 1000
            lines.append(f"- p99 of {ROWS[key].label} at {connections} connections: {p99:.1f} ms "
                         f"(target < {P99_TARGET_MS:.0f} ms): {_ok(p99 < P99_TARGET_MS)}")
    failed = {key: failures(r) for key, r in results.items() if failures(r)}
    lines.append(f"- errors: {'none' if not failed else failed}"
                 + ("" if not failed else f" (first: {next(r['sample'] for r in results.values() if r['sample'])})"))
    return lines


def planner_lines(found: dict | None) -> list[str]:
    if found is None:
        return ["Reminder planner: not run (--quick or --no-planner)."]
    passes = found["passes"]
    worst = max(p["median_s"] for p in passes)
    return ["Reminder planner over " f"{found['patients']:,} patients (bench/plan_reminders.py, medians of "
            f"{found['rounds']} rounds; target one pass < 5 s): {_ok(worst < 5)}", "",
            "| pass | median s | per round s | reminders planned |", "|---|---:|---|---:|",
            *[f"| {p['label']} | {p['median_s']:.2f} | {' / '.join(f'{s:.2f}' for s in p['seconds'])} | "
              f"{p['planned']} |" for p in passes],
            "", f"Load average during the planner: {found['loadavg']}."]


def render(results: dict, args, context: dict) -> str:
    m, db, cold = context["machine"], context["database"], context["cold"]
    ready = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in context["ready"].items())
    return "\n".join([
        "# The plan and the diary beside the stack's floors", "",
        f"Written by `bench/run.py` on {context['when']} (code {context['revision']}); how it measures: "
        "[bench/README.md](README.md).", "",
        f"Command: `{context['command']}`", "",
        f"{args.rounds} round(s), each row once per round ({args.warmup} s warm-up, {args.duration} s measured), "
        f"{args.connections} keep-alive connections, gunicorn {args.workers} x {args.threads} gthread; medians.", "",
        table(results), "",
        f"Targets (issue 12), at {args.connections} connections:", "", *verdicts(results, args.connections), "",
        *planner_lines(context["planner"]), "",
        f"Cold start: {cold['import_to_answer']:.2f} s from `import server.wsgi` to the first answered request "
        f"in-process ({cold['process']:.2f} s with the interpreter's own start; medians of 3, load average "
        f"{cold['loadavg']:.1f}); the three gunicorns (4 workers each, started together) answered after: {ready}.",
        "", "## Set-up", "",
        f"- Machine: {m['nproc']} cores ({m['cpu']}), {m['memory']} memory, Linux {m['kernel']}, "
        f"Python {m['python']}, {m['wrk']}.",
        f"- Database: {db['server']} ({db.get('size', '')}, shared_buffers {db.get('shared_buffers', '-')}), "
        f"default settings: {db['patients']} patients, {db['diary_entries']} diary entries (bench/seed.py).",
        "- Cores used during the measured seconds (all rounds; 'anything else' is the rest of the machine, "
        "other helpers' work included):", "", cpu_table(results), "",
    ])


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
            "wrk": version[0].split(" Copyright")[0] if version else "?"}


def database(url: str) -> dict[str, str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {"patients": connection.execute(text("SELECT count(*) FROM patients")).scalar_one(),
                 "diary_entries": connection.execute(text("SELECT count(*) FROM diary_entries")).scalar_one()}
        found["server"] = "PostgreSQL " + connection.execute(text("SHOW server_version")).scalar_one()
        found["size"] = connection.execute(text("SELECT pg_size_pretty(pg_database_size(current_database()))")
                                           ).scalar_one()
        found["shared_buffers"] = connection.execute(text("SHOW shared_buffers")).scalar_one()
    engine.dispose()
    return found


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
