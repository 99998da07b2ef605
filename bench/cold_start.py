#!/usr/bin/env python3
"""Cold start of the patient app: the shell's transfer size and the time to a usable Today.

Starts the real server (gunicorn, a temporary SQLite instance seeded with `betterback demo`), signs
the demo patient in through the API, then loads `/#/today` in a fresh Chromium context (empty HTTP
cache, no service worker yet) with the CPU throttled 4x through the DevTools protocol
(Emulation.setCPUThrottlingRate). "Usable" = Today's exercise cards are on screen and the app says it
is ready (body[data-ready]). Transfer size = bytes on the wire (Network.loadingFinished
encodedDataLength: headers + compressed body) of every request that is not /api/.

    .venv/bin/python bench/cold_start.py --runs 7
    git worktree add /tmp/bb-before <old commit>
    .venv/bin/python bench/cold_start.py --runs 15 --label after --compare /tmp/bb-before
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from conftest import CHROMIUM, CHROMIUM_ARGS, DEMO_LINE, PHONE, Api, _bin, _free_port  # noqa: E402


def serve(instance: Path, root: Path = ROOT):
    env = {**os.environ, "PYTHONPATH": str(root), "BETTERBACK_INSTANCE_PATH": str(instance), "DATABASE_URL": f"sqlite:///{instance / 'bb.db'}",
           "BETTERBACK_SECURE_COOKIES": "false", "BETTERBACK_RATELIMIT": "false"}
    env.pop("SECRET_KEY", None)
    subprocess.run([_bin("betterback"), "db", "upgrade"], env=env, cwd=root, check=True, capture_output=True)
    if (root / "tools" / "pwa_precache.py").read_text().count("--compress"):
        subprocess.run([sys.executable, "tools/pwa_precache.py", "--compress"], cwd=root, check=True, capture_output=True)
    demo = subprocess.run([_bin("betterback"), "demo"], env=env, cwd=root, check=True, capture_output=True, text=True)
    passwords = {m.group(2): m.group(3) for m in map(DEMO_LINE.match, demo.stdout.splitlines()) if m}
    port = _free_port()
    process = subprocess.Popen([_bin("gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
                                "server.wsgi:app"], env=env, cwd=root, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{base}/api/v1/education?locale=en", timeout=2):
                break
        except OSError:
            time.sleep(0.1)
    return process, base, passwords


# Lighthouse's mobile network ("slow 4G"): 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}


def one_run(browser, base: str, cookies: list[dict], network: dict | None = None) -> dict:
    context = browser.new_context(base_url=base, viewport=PHONE, locale="sv-SE", service_workers="block")
    context.add_cookies(cookies)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    if network:
        cdp.send("Network.emulateNetworkConditions", network)
    urls: dict[str, str] = {}
    sizes = {"shell": 0, "api": 0}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))

    def finished(event):
        url = urls.get(event["requestId"], "")
        sizes["api" if "/api/" in url else "shell"] += event["encodedDataLength"]
    cdp.on("Network.loadingFinished", finished)
    started = time.perf_counter()
    page.goto(f"{base}/#/today")
    page.wait_for_selector("body[data-ready] .ex-card", timeout=60000)
    usable_ms = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("networkidle")
    requests = sum(1 for u in urls.values() if "/api/" not in u)
    context.close()
    return {"usable_ms": usable_ms, "shell_bytes": sizes["shell"], "api_bytes": sizes["api"], "shell_requests": requests}


def summary(label: str, runs: list[dict]) -> dict:
    return {
        "label": label, "runs": len(runs),
        "usable_ms_median": round(statistics.median(r["usable_ms"] for r in runs)),
        "usable_ms_min": round(min(r["usable_ms"] for r in runs)),
        "usable_ms_max": round(max(r["usable_ms"] for r in runs)),
        "usable_ms_each": [round(r["usable_ms"]) for r in runs],
        "shell_kb": round(statistics.median(r["shell_bytes"] for r in runs) / 1024, 1),
        "shell_requests": runs[0]["shell_requests"],
        "api_kb": round(statistics.median(r["api_bytes"] for r in runs) / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--label", default="this checkout")
    parser.add_argument("--network", choices=["none", "slow4g"], default="none",
                        help="slow4g: also emulate Lighthouse's mobile network (150 ms RTT, 1.6 Mbit/s)")
    parser.add_argument("--compare", type=Path, default=None,
                        help="another checkout (e.g. a git worktree of the old code): its server and this one are "
                             "loaded in turn, run by run, so both see the same machine load")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    network = SLOW_4G if args.network == "slow4g" else None
    roots = [(args.label, ROOT)] + ([(f"compare: {args.compare}", args.compare)] if args.compare else [])
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        servers = []
        try:
            for n, (label, root) in enumerate(roots):
                process, base, passwords = serve(Path(tmp) / str(n), root)
                servers.append(process)
                patient = Api(base)
                patient.login("patient1@demo.betterback.se", passwords["patient1@demo.betterback.se"])
                cookies = [{"name": c.name, "value": c.value, "url": base} for c in patient.jar]
                roots[n] = (label, base, cookies)
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            results = {label: [] for label, _, _ in roots}
            for label, base, cookies in roots:
                one_run(browser, base, cookies, network)   # warm each server (imports, content, compression)
            for _ in range(args.runs):
                for label, base, cookies in roots:
                    results[label].append(one_run(browser, base, cookies, network))
            browser.close()
        finally:
            for process in servers:
                process.terminate()
                process.wait(timeout=10)
    out = {"network": args.network, "cpu_throttling": 4, "machine": f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}",
           "load_average": os.getloadavg(), "results": [summary(label, runs) for label, runs in results.items()]}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
