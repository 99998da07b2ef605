"""Benchmark: the scheduler's planning pass over 100,000 patients (target: under 5 s, issue 12).

    .venv/bin/python bench/plan_reminders.py                       # PostgreSQL database bb_bench_plan, re-created
    .venv/bin/python bench/plan_reminders.py --patients 20000      # a smaller run
    .venv/bin/python bench/plan_reminders.py --skip-seed --rounds 3 --json   # as bench/run.py runs it

Seeds (with COPY) 100,000 activated patients in three time zones, each with an accepted training
contract (3 days a week at a spread of reminder times), an active Part 1 exercise, the four
scheduled assessments (baseline due within the last three weeks for a third of them, so their
reminders fall in the window), a push subscription, 10 % with reminder preferences (some kinds
off, other quiet hours) and 200 groups of 12 members. Then it times server.jobs.plan.plan_notifications
three times: the first pass (inserting the day's and tomorrow's reminders), a repeat (nothing new),
and the next morning's pass. Prints the figures; bench/RESULTS.md records them.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from server.domain.reminders import schedule  # noqa: E402
from server.jobs.plan import plan_notifications  # noqa: E402
from server.migrate import upgrade  # noqa: E402

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DATABASE = "bb_bench_plan"
ZONES = ("Europe/Stockholm", "Europe/London", "America/New_York")
KEY = "BGACI4IH4aMBgk18mVjbEocnu7cMAEVzPzgXh-t6mpyCkHz8djiEk0Fv3J6JvN0fHWJ8bj6vNA_krpEb62DDAWM"
LABELS = ("first pass", "repeat pass", "next morning")
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=timezone.utc)


def recreate(url: str) -> None:
    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {DATABASE}"))
    engine.dispose()
    upgrade(url)


def copy(cursor, table: str, columns: str, rows) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    buffer.seek(0)
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as target:
        while chunk := buffer.read(1 << 20):
            target.write(chunk)


def seed(url: str, patients: int) -> None:
    rng = random.Random(7)
    today = NOW.date()
    engine = create_engine(url)
    raw = engine.raw_connection()
    cursor = raw.cursor()
    stamp = NOW.isoformat()
    cursor.execute("INSERT INTO clinics (id, name, created_at) VALUES (1, 'Bench', %s)", (stamp,))
    cursor.execute("INSERT INTO users (id, clinic_id, email, name, role, active, locale, timezone, created_at) "
                   "VALUES (1, 1, 't@bench', 'T', 'therapist', true, 'sv', 'Europe/Stockholm', %s)", (stamp,))
    ids = range(2, patients + 2)
    copy(cursor, "users", "id, clinic_id, email, name, role, active, locale, timezone, created_at",
         ((i, 1, f"p{i}@bench", f"Patient {i}", "patient", "true", "sv", ZONES[i % 3], stamp) for i in ids))
    copy(cursor, "patients", "user_id, therapist_id, activated_at, created_at, part1_competent_at",
         ((i, 1, stamp, stamp, None) for i in ids))
    days = ([1, 3, 5], [2, 4, 6], [1, 4, 6])
    copy(cursor, "training_contracts",
         "patient_id, version, training_form, sessions_per_week, capable_minutes, start_minutes, goal_minutes, "
         "goal_hard_minutes, start_date, training_days, reminder_time, created_by_id, created_at, accepted_at, "
         "training_days_mask, reminder_minute",
         ((i, 1, "walking", 3, 25, 20, 45, 20, today - timedelta(days=60), str(days[i % 3]),
           f"{7 + i % 14:02d}:{(i * 7) % 60:02d}:00", 1, stamp, stamp, sum(1 << d for d in days[i % 3]),
           (7 + i % 14) * 60 + (i * 7) % 60) for i in ids))
    copy(cursor, "program_items",
         "patient_id, exercise_id, content_version, part, family, level, sets, repetitions, hold_seconds, "
         "each_side, schedule, assigned_by_id, assigned_at",
         ((i, "p1-1a", 1, "1", "p1-lying", None, 2, 10, 10, "false", "daily", 1, stamp) for i in ids))
    copy(cursor, "assessments", "patient_id, timepoint, due_date, closes_date, instruments, created_at",
         ((i, d.timepoint, d.due_date, d.closes_date, '["nrs", "odi"]', stamp) for i in ids
          for d in schedule(today - timedelta(days=rng.randrange(0, 63)))))
    copy(cursor, "push_subscriptions", "user_id, endpoint, p256dh, auth, created_at",
         ((i, f"https://push.example/{i}", KEY, "t3iJQCiLpA-csiE8DAQVnQ", stamp) for i in ids))
    copy(cursor, "reminder_preferences",
         "patient_id, training, part1, \"group\", questionnaire, quiet_start, quiet_end, updated_at",
         ((i, "false" if i % 20 == 0 else "true", "true", "true", "true", 22 * 60, 7 * 60, stamp)
          for i in ids if i % 10 == 0))
    copy(cursor, "training_groups", "id, clinic_id, name, start_date, weeks, sessions_per_week, weekdays, "
         "session_time, supervisor_id, created_by_id, created_at, weekdays_mask, session_minute",
         ((g, 1, f"G{g}", today - timedelta(days=g % 30), 6, 2, "[1, 3]", "17:30:00", 1, 1, stamp, 2 + 8, 1050)
          for g in range(1, 201)))
    copy(cursor, "group_members", "group_id, patient_id, added_at",
         ((1 + (i % 200), i, stamp) for i in ids if i % 8 == 0))
    raw.commit()
    cursor.execute("ANALYZE")
    raw.commit()
    raw.close()
    engine.dispose()


def timed(url: str, at: datetime) -> tuple[float, int]:
    engine = create_engine(url)
    with Session(engine) as session:
        began = time.perf_counter()
        added = plan_notifications(session, at)
        elapsed = time.perf_counter() - began
    engine.dispose()
    return elapsed, added


def clear_outbox(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM notifications"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the three passes, the outbox emptied before each")
    parser.add_argument("--json", action="store_true", help="end with one line of JSON (bench/run.py reads it)")
    args = parser.parse_args()
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{DATABASE}"
    if not args.skip_seed:
        began = time.perf_counter()
        recreate(url)
        seed(url, args.patients)
        print(f"seeded {args.patients} patients in {time.perf_counter() - began:.1f} s")
    passes = {label: {"label": label, "seconds": [], "planned": 0} for label in LABELS}
    for _ in range(args.rounds):
        clear_outbox(url)   # each round plans from an empty outbox, as the first pass of a day does
        for label, at in zip(LABELS, (NOW, NOW + timedelta(minutes=10), NOW + timedelta(days=1))):
            elapsed, added = timed(url, at)
            passes[label]["seconds"].append(round(elapsed, 3))
            passes[label]["planned"] = added
            print(f"{label:>13}: {elapsed:6.2f} s, {added} reminders planned (load {os.getloadavg()[0]:.1f})")
    for found in passes.values():
        found["median_s"] = statistics.median(found["seconds"])
    if args.json:
        print(json.dumps({"patients": args.patients, "rounds": args.rounds, "passes": list(passes.values()),
                          "loadavg": " / ".join(f"{v:.1f}" for v in os.getloadavg())}))


if __name__ == "__main__":
    main()
