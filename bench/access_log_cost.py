"""How much the access-log row costs a staff request, and that patient requests pay nothing.

Run: .venv/bin/python bench/access_log_cost.py [postgresql://postgres@127.0.0.1:5432/test]
Times N therapist GETs of a patient's diary with the log on and with the write stubbed out,
and N patient GETs of their own plan (which never log), in the Flask test client.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.services.privacy import access_log  # noqa: E402
from tests import conftest  # noqa: E402
from tests.test_authorization_walk import PATIENT, THERAPIST, build_world  # noqa: E402

N = 300


def once(client, url: str) -> float:
    start = time.perf_counter()
    assert client.get(url).status_code == 200
    return (time.perf_counter() - start) * 1000


def interleaved(client, url: str) -> tuple[float, float]:
    """Medians with the log row and with the write stubbed out, alternating so load and warm-up hit both."""
    real, on, off = access_log.record, [], []
    for n in range(2 * N):
        access_log.record = real if n % 2 else (lambda *a, **k: None)
        (on if n % 2 else off).append(once(client, url))
    access_log.record = real
    return statistics.median(on), statistics.median(off)


def main(url: str | None) -> None:
    from sqlalchemy.engine import make_url  # noqa: F401

    tmp = Path(tempfile.mkdtemp())
    if url:
        import os
        os.environ["TEST_DATABASE_URL"] = url
        database, _admin, _schema = conftest._postgres_url()
    else:
        database = f"sqlite:///{tmp / 'bench.db'}"
    from server.migrate import upgrade
    upgrade(database)
    app = conftest.make_test_app(database, tmp / "instance")
    world = build_world(conftest.Factory(app))
    therapist = conftest.ApiClient(app).login(world[THERAPIST]["email"], conftest.PASSWORD)
    patient = conftest.ApiClient(app).login(world[PATIENT]["email"], conftest.PASSWORD)
    diary = f"/api/v1/patients/{world[PATIENT]['id']}/diary"
    once(therapist, diary)
    logged, unlogged = interleaved(therapist, diary)
    own = statistics.median(once(patient, "/api/v1/patients/me/plan") for _ in range(N))
    print(f"{'postgresql' if url else 'sqlite'}: therapist diary GET median {logged:.2f} ms with the log row, "
          f"{unlogged:.2f} ms without (+{logged - unlogged:.2f} ms); patient plan GET {own:.2f} ms (no log)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
