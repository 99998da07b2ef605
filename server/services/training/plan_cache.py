"""The day's plan response kept per patient, day, language and bad-day flag, in the database.

Two levels. Each worker keeps the bodies it served last in memory (`Recent`, bounded); behind it
the `plan_responses` table is shared by every worker (no Redis needed; SQLite works too). Both are
keyed by the patient's plan generation, which the sign-in reads from the database on every request,
so a worker's memory is never staler than the table: a body is valid while the patient's plan
generation is the one it was built at: every write that changes a plan bumps the generation
(server/services/training/plan_state.py), and the date is part of the key. The fingerprint covers the code
and the content the body was built from, so a deploy with new rules, texts or exercise titles never
serves an old body. Rows of older generations are deleted when the patient's next plan is stored.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from server.content.model import Library
from server.db import insert_ignoring_duplicates
from server.models import PlanResponse, User
from server.services.training import plan

SERVER = Path(__file__).resolve().parents[2]
# Everything the plan's body is computed from besides the database and the content library.
SOURCES = ("services/training/plan.py", "services/training/plan_state.py", "services/training/program.py",
           "services/training/contracts.py", "services/training/rom_safety.py", "domain/pacing.py",
           "domain/pacing_text.py", "domain/program.py", "domain/rom_safety.py", "schemas/training.py",
           "services/episode/care.py", "domain/care_pause.py")


def fingerprint(library: Library) -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update((SERVER / name).read_bytes())
    for locale, exercises in sorted(library.exercises.items()):
        for exercise in sorted(exercises.values(), key=lambda e: e.id):
            digest.update(repr((locale, exercise.id, exercise.version, exercise.title, exercise.summary,
                                exercise.illustration, exercise.code)).encode())
    return digest.hexdigest()[:16]


# Built once: SQLAlchemy reuses the compiled statement and its cache key on every request.
_CACHED = select(PlanResponse.body).where(
    PlanResponse.patient_id == bindparam("patient_id"), PlanResponse.day == bindparam("day"),
    PlanResponse.locale == bindparam("locale"), PlanResponse.bad_day == bindparam("bad_day"),
    PlanResponse.generation == bindparam("generation"), PlanResponse.fingerprint == bindparam("fingerprint"))


def cached(db_session: Session, patient_id: int, generation: int, day: date, locale: str, bad_day: bool,
           print_: str) -> str | None:
    return db_session.execute(_CACHED, {"patient_id": patient_id, "day": day, "locale": locale, "bad_day": bad_day,
                                        "generation": generation, "fingerprint": print_}).scalar()


def keep(db_session: Session, patient_id: int, generation: int, day: date, locale: str, bad_day: bool,
         print_: str, body: str) -> None:
    """Store a body built at `generation`; older generations' rows of the patient go."""
    db_session.execute(delete(PlanResponse).where(
        PlanResponse.patient_id == patient_id,
        (PlanResponse.generation != generation) | (PlanResponse.fingerprint != print_)))
    db_session.execute(insert_ignoring_duplicates(db_session, PlanResponse).values(
        patient_id=patient_id, day=day, locale=locale, bad_day=bad_day, generation=generation, fingerprint=print_,
        body=body))
    db_session.commit()


class Recent:
    """The plan bodies a worker served last, keyed like the table plus the generation (an LRU).

    A body is found only for the generation the request's own sign-in just read from the database,
    so a plan-changing write on any host makes every worker's copy unreachable at once; those copies
    then age out. Thread-safe (gunicorn's gthread workers)."""

    def __init__(self, size: int):
        self.size, self._bodies, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key: tuple) -> str | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: tuple, body: str) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._bodies[key] = body
            self._bodies.move_to_end(key)
            while len(self._bodies) > self.size:
                self._bodies.popitem(last=False)



def served(db_session: Session, user: User, library: Library, locale: str, day: date, bad_day: bool, *,
           recent: Recent, print_: str, render: Callable[[dict], str]) -> str:
    """The day plan's body as it is sent: from this worker's memory, the shared table, or built and kept.

    `render` turns the plan into the body exactly as the API would send it (schema dump and JSON)."""
    generation = user.patient.plan_generation
    # The record's creation time too: an id can be used again once a closed record is deleted (SQLite).
    key = (user.id, user.patient.created_at, generation, day, locale, bad_day, print_)
    body = recent.get(key)
    if body is None:
        body = cached(db_session, user.id, generation, day, locale, bad_day, print_)
        if body is None:
            body = render(plan.day_plan(db_session, user, library, locale, day, bad_day))
            keep(db_session, user.id, generation, day, locale, bad_day, print_, body)
        recent.put(key, body)
    return body
