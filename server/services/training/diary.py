"""The training diary: idempotent entries from phones that may be offline, edits for 7 days."""
from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.orm import Session

from server.domain.adherence import DiaryFact
from server.db import insert_ignoring_duplicates
from server.domain.diary_dates import date_problem
from server.domain.program import DONE
from server.models import DiaryEntry, DiaryExercise, ProgramItem, TrainingContract, User
from server.services.training import contracts
from server.services.clock import local_today, now
from server.services.errors import Conflict, Invalid, NotFound

EDIT_DAYS = 7
GENERAL = ("minutes", "hard_minutes", "rpe")
FIELDS = ("minutes", "hard_minutes", "rpe", "pain", "bad_day", "note")
ROW = ("patient_id", "client_id", "body_hash", "day", *FIELDS, "created_at", "updated_at")   # a new entry's columns


def _hash(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def as_dict(entry: DiaryEntry, items: dict[int, str]) -> dict:
    data = {key: getattr(entry, key) for key in ("id", "client_id", "day", *FIELDS, "created_at", "updated_at")}
    data["date"] = data.pop("day")
    data["editable_until"] = entry.created_at + timedelta(days=EDIT_DAYS)
    data["exercises"] = [{"item_id": e.item_id, "exercise_id": items.get(e.item_id), "outcome": e.outcome or DONE,
                          "sets_done": e.sets_done, "repetitions_done": e.repetitions_done,
                          "set_repetitions": e.set_repetitions, "rpe": e.rpe,
                          "symptom_response": e.symptom_response} for e in entry.exercises]
    return data


def item_names(db_session: Session, entries) -> dict[int, str]:
    ids = {e.item_id for entry in entries for e in entry.exercises}
    if not ids:
        return {}
    return dict(db_session.execute(select(ProgramItem.id, ProgramItem.exercise_id).where(ProgramItem.id.in_(ids))).all())


# date_problem's answers as catalogue codes (server/error_codes.py)
DATE_CODES = {"date_in_future": "date_in_future", "no_contract": "no_contract",
              "before_contract": "contract_not_started", "before_program": "before_program"}


def _program_start(db_session: Session, patient: User, item_ids: set[int]) -> date | None:
    """The latest assignment day (patient's time zone) of the entry's items: each must exist by then."""
    if not item_ids:
        return None
    stamps = db_session.scalars(select(ProgramItem.assigned_at).where(
        ProgramItem.patient_id == patient.id, ProgramItem.id.in_(item_ids))).all()
    return max((local_today(patient.timezone, at=s) for s in stamps), default=None)


def _validate(db_session: Session, patient: User, values: dict, today: date, contract_start: date | None) -> None:
    """Rules that need the database or the date: 422 naming the field, 409 for a missing contract.
    `contract_start` is the current contract version's start (None without a contract)."""
    general = values.get("minutes") is not None
    wanted = {e["item_id"] for e in values.get("exercises", [])}
    problem = date_problem(day=values["day"], today=today, general=general,
                           contract_start=contract_start,
                           program_start=None if general else _program_start(db_session, patient, wanted))
    if problem == "no_contract":
        raise Conflict("no_contract")
    if problem:
        raise Invalid(DATE_CODES[problem], field="date", start=contract_start.isoformat() if contract_start else "")
    if wanted:
        owned = set(db_session.scalars(select(ProgramItem.id).where(
            ProgramItem.patient_id == patient.id, ProgramItem.id.in_(wanted))))
        if wanted - owned:
            raise Invalid("exercise_not_in_program", field="exercises", item=sorted(wanted - owned)[0])
        _check_symptom_responses(db_session, values["exercises"])


def _check_input(values: dict, today: date) -> None:
    """What the entry alone decides, before anything is written."""
    if values["day"] > today:
        raise Invalid("date_in_future", field="date")
    if (values.get("hard_minutes") or 0) > (values.get("minutes") or 0):
        raise Invalid("hard_minutes_exceed", field="hard_minutes")
    for row in values.get("exercises") or []:
        _check_exercise(row)


def _check_exercise(row: dict) -> None:
    """An exercise says one thing: done with what was counted, or skipped, or not started (issue 17)."""
    outcome, item = row.get("outcome", DONE), row["item_id"]
    sets, reps, per_set = row.get("sets_done", 0), row.get("repetitions_done", 0), row.get("set_repetitions")
    if outcome != DONE:
        if sets or reps or per_set or row.get("rpe") is not None or row.get("symptom_response"):
            raise Invalid("exercise_not_done_with_counts", field="exercises", item=item)
    elif sets < 1 or reps < 1:
        raise Invalid("exercise_done_without_counts", field="exercises", item=item)
    elif per_set and (len(per_set) != sets or min(per_set) != reps):
        raise Invalid("set_repetitions_mismatch", field="exercises", item=item)


def _check_symptom_responses(db_session: Session, rows: list[dict]) -> None:
    """"Better / same / worse" belongs to range-of-movement items only (issue 9)."""
    answered = {r["item_id"] for r in rows if r.get("symptom_response")}
    if not answered:
        return
    parts = dict(db_session.execute(select(ProgramItem.id, ProgramItem.part).where(ProgramItem.id.in_(answered))).all())
    wrong = sorted(i for i in answered if parts.get(i) != "rom")
    if wrong:
        raise Invalid("symptom_response_not_rom", field="exercises", item=wrong[0])


def _exercises(rows) -> list[DiaryExercise]:
    return [DiaryExercise(**row) for row in _exercise_rows(rows)]


def create(*, db_session: Session, patient: User, body: dict, today: date) -> tuple[DiaryEntry, bool]:
    """(entry, created). A replay with the same client id and body returns the stored entry.

    The insert comes first (INSERT ... ON CONFLICT (patient_id, client_id) DO NOTHING RETURNING id and
    the current contract's start): the unique client id makes it idempotent, the stored entry is read
    only when nothing was inserted (a replay, or the same entry arriving twice at once), and the
    rules that need the contract are checked against what the insert returned, rolling it back when
    they refuse. The database's triggers keep the plan's derived state right in the same statement
    (server/services/training/plan_state.py). A new entry thus costs one statement and its commit."""
    digest = _hash(body)
    values = {**body, "day": body["date"]}
    try:
        _check_input(values, today)
    except Invalid as refused:
        return _replay_or_raise(db_session, patient.id, body["client_id"], digest, refused)
    stamp = now()
    row = {"patient_id": patient.id, "client_id": body["client_id"], "body_hash": digest, "day": values["day"],
           **{k: body.get(k) for k in FIELDS if k != "bad_day"}, "bad_day": body.get("bad_day", False),
           "created_at": stamp, "updated_at": stamp}
    inserted = db_session.connection().execute(_insert_statement(db_session), row).first()
    if inserted is None:
        db_session.rollback()
        return _replay(_by_client_id(db_session, patient.id, body["client_id"]), digest), False
    entry_id, contract_start = inserted
    try:
        _validate(db_session, patient, values, today, contract_start)
    except (Invalid, Conflict):
        db_session.rollback()   # nothing of a refused entry stays
        raise
    exercises = [{**e, "entry_id": entry_id} for e in _exercise_rows(body.get("exercises", []))]
    if exercises:
        db_session.execute(insert(DiaryExercise), exercises)
    db_session.commit()
    entry = DiaryEntry(id=entry_id, **row)   # transient: the response is built from what was inserted
    entry.exercises = [DiaryExercise(**e) for e in exercises]
    return entry, True


_INSERT: dict[str, object] = {}   # per dialect, built once: the compiled form is then reused


def _insert_statement(db_session: Session):
    """INSERT ... ON CONFLICT DO NOTHING RETURNING the id and the current contract version's start.
    A Core statement with bound parameters, built once (building it with .values() per request, and
    the ORM's bulk path, cost more than the database's work)."""
    dialect = db_session.get_bind().dialect.name
    if dialect not in _INSERT:
        start = (select(TrainingContract.start_date).where(TrainingContract.patient_id == bindparam("patient_id"))
                 .order_by(TrainingContract.version.desc()).limit(1).scalar_subquery())
        columns = DiaryEntry.__table__.c
        _INSERT[dialect] = (insert_ignoring_duplicates(db_session, DiaryEntry.__table__, "patient_id", "client_id")
                            .values({name: bindparam(name) for name in ROW})
                            .returning(columns.id, start))
    return _INSERT[dialect]


def _replay_or_raise(db_session: Session, patient_id: int, client_id: str, digest: str, refused: Exception):
    """An entry the rules now refuse (a day that has since become "too old" cannot, but a replay
    from a phone whose clock is ahead can) may have been stored before: then it is a replay."""
    existing = _by_client_id(db_session, patient_id, client_id)
    if existing is None:
        raise refused
    return _replay(existing, digest), False


def _exercise_rows(rows) -> list[dict]:
    return [{"item_id": r["item_id"], "outcome": r.get("outcome", DONE), "sets_done": r.get("sets_done", 0),
             "repetitions_done": r.get("repetitions_done", 0), "set_repetitions": r.get("set_repetitions"),
             "rpe": r.get("rpe"), "symptom_response": r.get("symptom_response")} for r in rows]


def _by_client_id(db_session: Session, patient_id: int, client_id: str) -> DiaryEntry | None:
    return db_session.scalar(select(DiaryEntry).where(DiaryEntry.patient_id == patient_id,
                                                      DiaryEntry.client_id == client_id))


def _replay(existing: DiaryEntry, digest: str) -> DiaryEntry:
    if existing.body_hash != digest:
        raise Conflict("client_id_reused", field="client_id")
    if existing.deleted_at is not None:
        raise Conflict("entry_deleted", field="client_id")
    return existing


def get(db_session: Session, patient: User, entry_id: int) -> DiaryEntry:
    entry = db_session.get(DiaryEntry, entry_id)
    if entry is None or entry.patient_id != patient.id or entry.deleted_at is not None:
        raise NotFound("entry_not_found")
    return entry


def _editable(entry: DiaryEntry) -> None:
    if now() >= entry.created_at + timedelta(days=EDIT_DAYS):
        raise Conflict("edit_window_closed", days=EDIT_DAYS)


def update(*, db_session: Session, patient: User, entry: DiaryEntry, changes: dict, today: date) -> DiaryEntry:
    _editable(entry)
    merged = {k: getattr(entry, k) for k in FIELDS}
    merged.update({k: v for k, v in changes.items() if k in FIELDS})
    merged["day"] = changes.get("date", entry.day)
    merged["exercises"] = changes.get("exercises", [])
    if (merged.get("minutes") is None) != (merged.get("rpe") is None):
        raise Invalid("minutes_rpe_together", field="rpe" if merged.get("minutes") else "minutes")
    has_exercises = bool(changes["exercises"]) if "exercises" in changes else bool(entry.exercises)
    if not has_exercises and merged.get("minutes") is None:
        raise Invalid("entry_empty", field="exercises")
    _check_input(merged, today)
    _validate(db_session, patient, merged, today, contracts.current_start(db_session, patient.id))
    for key in FIELDS:
        setattr(entry, key, merged[key])
    entry.day = merged["day"]
    if "exercises" in changes:
        entry.exercises = _exercises(changes["exercises"])
    entry.updated_at = now()
    db_session.commit()
    return entry


def delete(*, db_session: Session, entry: DiaryEntry) -> None:
    _editable(entry)
    entry.deleted_at = now()
    db_session.commit()


def entries(db_session: Session, patient_id: int, *, since: date | None = None, until: date | None = None,
            limit: int | None = None) -> list[DiaryEntry]:
    query = select(DiaryEntry).where(DiaryEntry.patient_id == patient_id, DiaryEntry.deleted_at.is_(None))
    if since is not None:
        query = query.where(DiaryEntry.day >= since)
    if until is not None:
        query = query.where(DiaryEntry.day <= until)
    query = query.order_by(DiaryEntry.day.desc(), DiaryEntry.id.desc())
    return list(db_session.scalars(query.limit(limit) if limit else query))


def facts(db_session: Session, patient_id: int, since: date) -> list[DiaryFact]:
    rows = db_session.execute(select(DiaryEntry.day, DiaryEntry.minutes, DiaryEntry.rpe, DiaryEntry.pain,
                                     DiaryEntry.bad_day, DiaryEntry.hard_minutes).where(
        DiaryEntry.patient_id == patient_id, DiaryEntry.deleted_at.is_(None), DiaryEntry.day >= since))
    return [DiaryFact(*row) for row in rows]


def last_days(db_session: Session, patient_ids: list[int]) -> dict[int, date]:
    """patient id -> the day of their latest diary entry (patients without entries are left out)."""
    if not patient_ids:
        return {}
    return dict(db_session.execute(select(DiaryEntry.patient_id, func.max(DiaryEntry.day)).where(
        DiaryEntry.patient_id.in_(patient_ids), DiaryEntry.deleted_at.is_(None)).group_by(DiaryEntry.patient_id)).all())
