"""The yardsticks, served by gunicorn exactly like BetterBack (bench/run.py):

- `GET /ping`: a trivial Flask route, no database.
- `GET /floor/read`: the read floor, the least a signed-in read can cost on this stack: two indexed
  SELECTs through SQLAlchemy Core (the user by primary key, then the patient's five latest diary
  days by the (patient_id, day) index) and a small JSON list.
- `POST /floor/write`: the write floor: one indexed SELECT, one INSERT into diary_entries and its
  COMMIT (run.py deletes the rows the run wrote).

Both floors use the project's own engine settings (server.db.make_engine: the same pool and
pre-ping) against the same database as the server, DATABASE_URL; BENCH_PATIENT_IDS="first,last"
is the range of patient ids to pick from at random.

    gunicorn --pythonpath bench trivial:app
"""
import hashlib
import os
import random
import uuid
from datetime import date, datetime, timedelta, timezone

from flask import Flask, jsonify
from sqlalchemy import text

from server.db import make_engine

app = Flask(__name__)
_engine = None
_first, _last = (int(v) for v in os.environ.get("BENCH_PATIENT_IDS", "41,2040").split(","))

USER = text("SELECT id, locale, timezone FROM users WHERE id = :id")
DAYS = text("SELECT day, minutes, rpe FROM diary_entries WHERE patient_id = :id AND day >= :since "
            "ORDER BY day DESC LIMIT 5")
INSERT = text("INSERT INTO diary_entries (patient_id, client_id, body_hash, day, minutes, rpe, bad_day, created_at, "
              "updated_at) VALUES (:id, :client_id, :hash, :day, 25, 12, false, :now, :now)")


def engine():
    global _engine
    if _engine is None:   # one per worker, after gunicorn's fork
        _engine = make_engine(os.environ["DATABASE_URL"])
    return _engine


@app.get("/ping")
def ping():
    return {"ok": True, "service": "trivial"}


@app.get("/floor/read")
def floor_read():
    patient = random.randint(_first, _last)
    with engine().connect() as connection:
        user = connection.execute(USER, {"id": patient}).one()
        rows = connection.execute(DAYS, {"id": user.id, "since": date.today() - timedelta(days=60)}).all()
    return jsonify([{"date": r.day.isoformat(), "minutes": r.minutes, "rpe": r.rpe} for r in rows])


@app.post("/floor/write")
def floor_write():
    patient, client_id = random.randint(_first, _last), str(uuid.uuid4())
    with engine().begin() as connection:   # COMMIT at the end of the block
        user = connection.execute(USER, {"id": patient}).one()
        connection.execute(INSERT, {"id": user.id, "client_id": client_id, "day": date.today(),
                                    "hash": hashlib.sha256(client_id.encode()).hexdigest(),
                                    "now": datetime.now(timezone.utc)})
    return jsonify({"client_id": client_id}), 201
