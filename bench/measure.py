"""Measuring for bench/run.py: wrk runs, the CPU each process group used, the machine's load."""
from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def wrk(port: int, mode: str, seconds: int, connections: int, threads: int, sessions_file: Path | None,
        today: date, days: int = 1) -> dict:
    """One wrk run of load.lua in `mode`; its figures (microseconds) and the CPU wrk itself used."""
    extra = []
    if sessions_file is not None:
        extra = [str(sessions_file), ",".join((today - timedelta(days=k)).isoformat() for k in range(days))]
    command = ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(BENCH / "load.lua"), f"http://127.0.0.1:{port}", "--", mode, *extra]
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


def cpu_snapshot(server_pid: int) -> dict:
    """CPU seconds so far per pid of one gunicorn (master and workers) and of PostgreSQL, and of the machine."""
    table = process_table()
    return {"server": {pid: cpu for pid, (_, parent, cpu) in table.items() if server_pid in (pid, parent)},
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
    deadline = time.monotonic() + limit
    while True:
        before = machine_busy_seconds()
        time.sleep(1)
        load = machine_busy_seconds() - before
        if load < threshold or time.monotonic() >= deadline:
            return load
        print(f"  waiting: other processes use {load:.2f} cores")


def median_result(runs: list[dict]) -> dict:
    """Several runs of one row: medians of rates and percentiles, sums of counts and CPU, every load seen."""
    merged = dict(runs[0])
    for key in ("rps", "p50_us", "p90_us", "p99_us", "mean_us"):
        merged[key] = statistics.median(r[key] for r in runs)
    merged["max_us"] = max(r["max_us"] for r in runs)
    for key in ("requests", "duration_us", "unexpected", "server_cpu_s", "postgres_cpu_s", "wrk_cpu_s",
                "other_cpu_s"):
        merged[key] = sum(r[key] for r in runs)
    merged["errors"] = {k: sum(r["errors"][k] for r in runs) for k in runs[0]["errors"]}
    merged["loadavg"] = [r["loadavg"] for r in runs]
    merged["rps_all"] = [r["rps"] for r in runs]
    merged["sample"] = next((r["sample"] for r in runs if r["sample"]), "")
    return merged


def failures(r: dict) -> int:
    return sum(r["errors"].values()) + r["unexpected"]
