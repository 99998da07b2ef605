"""Seed a benchmark database: one clinic, therapists, 2,000 patients with a year of training diary,
200 with a month and 200 with three years (the plan measured against history).

    .venv/bin/python bench/seed.py                                   # PostgreSQL bb_bench, re-created
    .venv/bin/python bench/seed.py --database-url sqlite:////tmp/bb_bench.db
    .venv/bin/python bench/seed.py --patients 200 --database-url postgresql://postgres@127.0.0.1/bb_bench_small

The database is dropped and made anew (its name must contain "bench"), the schema comes from
the project's own migrations (server.migrate.upgrade), and rows go in set-based: SQLAlchemy Core
executemany in batches, and COPY for the two diary tables on PostgreSQL. Every account's password
is PASSWORD, hashed once at production cost and reused. The data is deterministic (--seed).

Each patient: activated, Part 1 competent, a contract (3 sessions a week) that started about a year
ago, a program of five exercises (Part 1 daily, Part 2 and a stretch on Mondays and Thursdays
since ~6 weeks), and the diary: ~95 % of the contract's sessions logged with minutes, RPE (Borg
6-20, mean ~12.5), pain falling over the year, the odd bad day, note and deletion, and the Part 1
exercises ticked off in each entry (Part 2 ones too on Part 2 days).
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Connection, create_engine, make_url, text  # noqa: E402

from server.config import REPO_ROOT  # noqa: E402
from server.content.loader import load_library  # noqa: E402
from server.domain.pacing import start_minutes_for  # noqa: E402
from server.migrate import upgrade  # noqa: E402
from server.models import (  # noqa: E402
    Clinic, DiaryEntry, DiaryExercise, Invitation, LevelChange, PatientProfile, ProgramItem, ProgramSettings,
    TrainingContract, User,
)
from server.security import hash_password  # noqa: E402
from server.services.clock import local_today  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bb_bench"
PASSWORD = "bench-password-not-secret"
TIMEZONE = "Europe/Stockholm"
PROGRAM = ("p1-1a", "p1-2a", "p2-bridge-a", "p2-squat-a", "stretch-hamstrings")
PART2_WEEKDAYS = [1, 4]
TRAINING_DAYS = ([1, 3, 5], [2, 4, 6], [1, 4, 6], [2, 5, 7], [1, 3, 6])
FORMS = ("walking", "nordic-walking", "cycling", "jogging", "swimming", "gym")
NOTES = ("Stiff in the morning, better after.", "Walked with a friend.", "Rain, shorter route.",
         "Back felt fine today.", "Tired after work.")
ADHERENCE = 0.95
BATCH = 5000
COHORT = 200   # patients with one month, and as many with three years, of diary beside the year ones


def cohort_range(name: str, patients: int, cohort: int = COHORT) -> range:
    """Patient numbers (1-based, as in patient_email) of a cohort: 'year', 'month' or 'years3'."""
    return {"year": range(1, patients + 1), "month": range(patients + 1, patients + cohort + 1),
            "years3": range(patients + cohort + 1, patients + 2 * cohort + 1)}[name]


def patient_email(n: int) -> str:
    """The e-mail of patient number n (1-based); run.py signs in with these."""
    return f"patient{n:04d}@bench.betterback.example"


def sqlalchemy_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def recreate_database(url: str) -> None:
    """Drop and create the bench database (PostgreSQL) or file (SQLite); refuse names without 'bench'."""
    parsed = make_url(url)
    name = parsed.database or ""
    if "bench" not in Path(name).name:
        raise SystemExit(f"refusing to drop {name!r}: the benchmark database's name must contain 'bench'")
    if parsed.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def write(connection: Connection, table, rows: list[dict], *, copy: bool = False) -> None:
    """Set-based insert: COPY on PostgreSQL when asked (no JSON columns), else Core executemany."""
    if not rows:
        return
    if copy and connection.dialect.name == "postgresql":
        columns = list(rows[0])
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as pipe:
            for row in rows:
                pipe.write_row([row[c] for c in columns])
        cursor.close()
        return
    for start in range(0, len(rows), BATCH):
        connection.execute(table.insert(), rows[start:start + BATCH])


def model_row(model, **values) -> dict:
    """The column values of a transient model instance: columns the model derives (@validates) filled in."""
    state = vars(model(**values))
    return {column.key: state[column.key] for column in model.__table__.columns if column.key in state}


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), tzinfo=timezone.utc)


class Seeder:
    """Builds the rows; ids are assigned here so child rows need no RETURNING round trips."""

    def __init__(self, patients: int, therapists: int, seed: int, cohort: int = 0):
        self.patients, self.therapists, self.cohort = patients, therapists, cohort
        self.rng = random.Random(seed)
        self.today = local_today(TIMEZONE)
        self.password_hash = hash_password(PASSWORD)
        exercises = load_library(REPO_ROOT / "content").exercises["en"]
        self.exercises = [exercises[e] for e in PROGRAM]
        self.next_entry_id = self.next_exercise_id = 1

    def staff_rows(self) -> tuple[list[dict], list[dict]]:
        created = at(self.today - timedelta(days=400), 8)
        clinic = [{"id": 1, "name": "Bench clinic", "created_at": created}]
        staff = [{"id": n, "clinic_id": 1, "email": f"therapist{n:03d}@bench.betterback.example",
                  "name": f"Therapist {n}", "role": "therapist", "password_hash": self.password_hash,
                  "active": True, "locale": "sv", "timezone": TIMEZONE, "created_at": created}
                 for n in range(1, self.therapists + 1)]
        return clinic, staff

    def patient_id(self, n: int) -> int:
        return self.therapists + n

    def therapist_of(self, n: int) -> int:
        return (n - 1) % self.therapists + 1

    def history_days(self, n: int) -> int:
        """Patients 1..patients: a year of diary; then the month and three-year cohorts (plan vs history)."""
        if n <= self.patients:
            return 365
        return 30 if n <= self.patients + self.cohort else 3 * 365

    def contract_start(self, n: int) -> date:
        return self.today - timedelta(days=self.history_days(n) - self.rng.randint(0, 13))

    def account_rows(self, n: int, start: date) -> dict[str, dict]:
        """The user, profile and used invitation of patient n, created a week before the contract."""
        pid, created = self.patient_id(n), at(start - timedelta(days=7), 9)
        activated = created + timedelta(hours=self.rng.randint(1, 48))
        user = {"id": pid, "clinic_id": 1, "email": patient_email(n), "name": f"Patient {n}", "role": "patient",
                "password_hash": self.password_hash, "active": True, "locale": self.rng.choice(("sv", "en")),
                "timezone": TIMEZONE, "created_at": created}
        profile = {"user_id": pid, "therapist_id": self.therapist_of(n), "activated_at": activated,
                   "created_at": created,
                   "part1_competent_at": at(min(start + timedelta(days=270), self.today - timedelta(days=50)), 10),
                   "part1_competent_by_id": self.therapist_of(n), "part1_note": None}
        invitation = {"id": n, "user_id": pid, "code_hash": hashlib.sha256(f"bench-invite-{n}".encode()).hexdigest(),
                      "created_by_id": self.therapist_of(n), "created_at": created,
                      "expires_at": created + timedelta(hours=72), "used_at": activated, "revoked_at": None}
        return {"user": user, "profile": profile, "invitation": invitation}

    def contract_row(self, n: int, start: date) -> dict:
        capable = self.rng.choice((15, 20, 25, 30))
        goal = self.rng.choice((30, 40, 45, 60))
        return {"id": n, "patient_id": self.patient_id(n), "version": 1, "training_form": self.rng.choice(FORMS),
                "training_form_other": None, "sessions_per_week": 3, "capable_minutes": capable,
                "start_minutes": start_minutes_for(capable), "goal_minutes": goal,
                "goal_hard_minutes": self.rng.choice((10, 15, 20)), "start_date": start,
                "training_days": self.rng.choice(TRAINING_DAYS), "reminder_time": clock(18, 0),
                "created_by_id": self.therapist_of(n), "created_at": at(start - timedelta(days=1), 10),
                "accepted_at": at(start - timedelta(days=1), 19)}

    def program_rows(self, n: int, start: date) -> dict[str, list[dict]]:
        """Five items (ids 5(n-1)+1 ...), the Part 2 calendar and the two Part 2 level changes."""
        pid, therapist = self.patient_id(n), self.therapist_of(n)
        part2 = self.today - timedelta(weeks=6, days=self.rng.randint(0, 6))
        items, levels = [], []
        for k, exercise in enumerate(self.exercises):
            assigned = at(start if exercise.part == "1" else part2, 10)
            items.append({"id": 5 * (n - 1) + k + 1, "patient_id": pid, "exercise_id": exercise.id,
                          "content_version": exercise.version, "part": exercise.part, "family": exercise.family,
                          "level": exercise.level, "sets": exercise.dosage.sets,
                          "repetitions": exercise.dosage.repetitions, "hold_seconds": exercise.dosage.hold_seconds,
                          "each_side": exercise.dosage.each_side,
                          "schedule": "daily" if exercise.part in ("1", "rom") else "training-days",
                          "assigned_by_id": therapist, "assigned_at": assigned, "ended_at": None})
            if exercise.part == "2":
                levels.append({"id": 2 * (n - 1) + len(levels) + 1, "patient_id": pid, "family": exercise.family,
                               "from_level": None, "to_level": exercise.level, "reason": "Program updated",
                               "changed_by_id": therapist, "changed_at": assigned})
        settings = [{"patient_id": pid, "part2_start_date": part2, "part2_weekdays": PART2_WEEKDAYS,
                     "part2_weeks": 12, "note": None, "updated_by_id": therapist, "updated_at": at(part2, 10)}]
        return {"items": items, "settings": settings, "levels": levels}

    def session_values(self, contract: dict, day: date, pain_start: int) -> dict:
        """Minutes growing by fortnight towards the goal, intervals in the second half year, RPE and pain."""
        rng, block = self.rng, (day - contract["start_date"]).days // 14
        cap = min(contract["goal_minutes"], 30)
        planned = min(cap, round(contract["start_minutes"] * 1.12 ** block))
        hard = min(contract["goal_hard_minutes"], 10 + block - 13) if planned >= 30 and block >= 13 else 0
        bad_day = rng.random() < 0.05
        minutes = max(5, planned + rng.randint(-3, 4))
        if bad_day:
            minutes, hard = max(5, minutes // 2), hard // 2
        progress = min(1.0, (day - contract["start_date"]).days / 365)
        pain = round(pain_start - 3.5 * progress + rng.gauss(0, 1.0) + (1.5 if bad_day else 0))
        return {"minutes": minutes, "hard_minutes": min(hard, minutes) or None,
                "rpe": min(20, max(6, round(rng.gauss(12.5, 1.6) + (1 if hard else 0)))),
                "pain": None if rng.random() < 0.1 else min(10, max(0, pain)), "bad_day": bad_day}

    def entry_row(self, pid: int, day: date, values: dict) -> dict:
        rng = self.rng
        client_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        created = at(day, 16 + rng.randint(0, 4), rng.randint(0, 59))
        row = {"id": self.next_entry_id, "patient_id": pid, "client_id": client_id,
               "body_hash": hashlib.sha256(client_id.encode()).hexdigest(), "day": day, **values,
               "note": rng.choice(NOTES) if rng.random() < 0.03 else None, "created_at": created,
               "updated_at": created, "deleted_at": created + timedelta(hours=1) if rng.random() < 0.01 else None}
        self.next_entry_id += 1
        return row

    def exercise_rows(self, entry: dict, items: list[dict], part2_start: date) -> list[dict]:
        """The Part 1 items every entry; Part 2 items and the stretch on Part 2 days once it started."""
        day, rows = entry["day"], []
        for item in items:
            due = item["schedule"] == "daily" or (day >= part2_start and day.isoweekday() in PART2_WEEKDAYS)
            if not due or self.rng.random() < 0.1:
                continue
            reps = item["repetitions"] - (self.rng.randint(1, 3) if self.rng.random() < 0.15 else 0)
            rows.append({"id": self.next_exercise_id, "entry_id": entry["id"], "item_id": item["id"],
                         "sets_done": item["sets"], "repetitions_done": reps,
                         "rpe": min(20, max(6, round(self.rng.gauss(10.5, 1.5))))})
            self.next_exercise_id += 1
        return rows

    def diary_rows(self, contract: dict, program: dict[str, list[dict]]) -> tuple[list[dict], list[dict]]:
        """~95 % of the contract's training days from its start until yesterday."""
        entries, exercises = [], []
        pain_start = self.rng.randint(3, 7)
        part2_start = program["settings"][0]["part2_start_date"]
        day = contract["start_date"]
        while day < self.today:
            if day.isoweekday() in contract["training_days"] and self.rng.random() < ADHERENCE:
                entry = self.entry_row(contract["patient_id"], day, self.session_values(contract, day, pain_start))
                entries.append(entry)
                exercises += self.exercise_rows(entry, program["items"], part2_start)
            day += timedelta(days=1)
        return entries, exercises


def seed_patients(connection: Connection, seeder: Seeder, first: int, last: int) -> tuple[int, int]:
    """Patients first..last (inclusive) with everything they own, table by table."""
    tables = {name: [] for name in ("user", "profile", "invitation", "contract", "items", "settings", "levels",
                                    "entries", "exercises")}
    for n in range(first, last + 1):
        start = seeder.contract_start(n)
        for name, row in seeder.account_rows(n, start).items():
            tables[name].append(row)
        contract = seeder.contract_row(n, start)
        tables["contract"].append(contract)
        program = seeder.program_rows(n, start)
        for name, rows in program.items():
            tables[name] += rows
        entries, exercises = seeder.diary_rows(contract, program)
        tables["entries"] += entries
        tables["exercises"] += exercises
    order = (("user", User), ("profile", PatientProfile), ("invitation", Invitation),
             ("contract", TrainingContract), ("items", ProgramItem), ("settings", ProgramSettings),
             ("levels", LevelChange))
    for name, model in order:
        write(connection, model.__table__, [model_row(model, **row) for row in tables[name]])
    write(connection, DiaryEntry.__table__, tables["entries"], copy=True)
    write(connection, DiaryExercise.__table__, tables["exercises"], copy=True)
    return len(tables["entries"]), len(tables["exercises"])


def reset_sequences(connection: Connection) -> None:
    """Explicit ids leave PostgreSQL's serial sequences at 1; move them past the data."""
    if connection.dialect.name != "postgresql":
        return
    for model in (Clinic, User, Invitation, TrainingContract, ProgramItem, LevelChange, DiaryEntry, DiaryExercise):
        table = model.__tablename__
        connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"(SELECT coalesce(max(id), 1) FROM {table}))"))


def analyze(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))
    engine.dispose()


def seed(url: str, *, patients: int = 2000, therapists: int = 40, seed_value: int = 1, chunk: int = 100,
         cohort: int = COHORT) -> dict:
    """Re-create the database at url and fill it; returns row counts and timings.

    Patients 1..patients have a year of diary; the next `cohort` patients a month, the `cohort` after
    them three years (cohort_range names them), so the plan can be measured against history."""
    url, started = sqlalchemy_url(url), time.perf_counter()
    recreate_database(url)
    upgrade(url)
    seeder = Seeder(patients, therapists, seed_value, cohort)
    engine = create_engine(url)
    entries = exercises = 0
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # A fresh database with no plan state yet: the diary's triggers (migration 0009) would only
            # bump generations ~380,000 times. "replica" skips them for this connection's loading.
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        clinic, staff = seeder.staff_rows()
        write(connection, Clinic.__table__, [model_row(Clinic, **row) for row in clinic])
        write(connection, User.__table__, [model_row(User, **row) for row in staff])
        total = patients + 2 * cohort
        for first in range(1, total + 1, chunk):
            done = seed_patients(connection, seeder, first, min(total, first + chunk - 1))
            entries, exercises = entries + done[0], exercises + done[1]
        reset_sequences(connection)
    engine.dispose()
    analyze(url)
    return {"patients": patients, "cohort": cohort, "therapists": therapists, "diary_entries": entries, "diary_exercises": exercises,
            "seconds": round(time.perf_counter() - started, 1), "today": seeder.today.isoformat()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}")
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--therapists", type=int, default=40)
    parser.add_argument("--cohort", type=int, default=COHORT, help="patients with a month and with 3 years of diary")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same data")
    args = parser.parse_args()
    counts = seed(args.database_url, patients=args.patients, therapists=args.therapists, seed_value=args.seed,
                  cohort=args.cohort)
    print(", ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
