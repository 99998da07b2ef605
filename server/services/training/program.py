"""The exercise program: assigning, levels, the Part 1 prerequisite and the day's plan."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.content.model import LEVELLED_PARTS, Library
from server.domain import program as rules
from server.models import DiaryEntry, DiaryExercise, LevelChange, ProgramItem, ProgramSettings, User
from server.services.episode import care
from server.services.groups import observations
from server.services.proms import assessments
from server.services.clock import now
from server.services.errors import Conflict, Invalid, NotFound

DOSAGE_FIELDS = ("sets", "repetitions", "hold_seconds", "each_side")


def active_items(db_session: Session, patient_id: int) -> list[ProgramItem]:
    return list(db_session.scalars(select(ProgramItem).where(
        ProgramItem.patient_id == patient_id, ProgramItem.ended_at.is_(None)).order_by(ProgramItem.id)))


def settings_for(db_session: Session, patient_id: int) -> ProgramSettings:
    """The patient's Part 2 calendar, or the defaults (not yet stored: set_program stores them)."""
    return db_session.get(ProgramSettings, patient_id) or default_settings(patient_id)


def default_settings(patient_id: int) -> ProgramSettings:
    """The Part 2 calendar of a patient who has none stored: Monday and Thursday, 12 weeks."""
    return ProgramSettings(patient_id=patient_id, part2_weekdays=[1, 4], part2_weeks=rules.PART2_WEEKS)


def _requested_items(library: Library, requested: Sequence[dict]) -> list[dict]:
    """Each requested exercise with its content defaults filled in; 422 naming the bad entry."""
    exercises = library.exercises["en"]
    seen, families, resolved = set(), {}, []
    for index, wanted in enumerate(requested):
        exercise = exercises.get(wanted["exercise_id"])
        if exercise is None:
            raise Invalid("exercise_unknown", field="items", index=index, exercise=wanted["exercise_id"])
        if exercise.part == "general":
            raise Invalid("general_in_contract", field="items", index=index)
        if exercise.id in seen:
            raise Invalid("exercise_twice", field="items", index=index, exercise=exercise.id)
        if exercise.part in LEVELLED_PARTS and exercise.family in families:
            raise Invalid("family_twice", field="items", index=index, family=exercise.family,
                          level=families[exercise.family])
        seen.add(exercise.id)
        if exercise.part in LEVELLED_PARTS:
            families[exercise.family] = exercise.level
        dosage = exercise.dosage
        resolved.append({
            "exercise_id": exercise.id, "content_version": exercise.version, "part": exercise.part,
            "family": exercise.family, "level": exercise.level,
            "sets": wanted.get("sets", dosage.sets), "repetitions": wanted.get("repetitions", dosage.repetitions),
            "hold_seconds": wanted.get("hold_seconds", dosage.hold_seconds),
            "each_side": wanted.get("each_side", dosage.each_side),
            "schedule": wanted.get("schedule") or rules.default_schedule(exercise.part),
            "weekdays": sorted(wanted["weekdays"]) if wanted.get("weekdays") else None,
        })
    return resolved


def _same(item: ProgramItem, wanted: dict) -> bool:
    return all(getattr(item, key) == wanted[key] for key in (*DOSAGE_FIELDS, "exercise_id", "schedule", "weekdays"))


def _record_level_changes(db_session, patient_id, before, after, actor, reason) -> None:
    for family in sorted(set(before) | set(after)):
        if before.get(family) != after.get(family):
            db_session.add(LevelChange(patient_id=patient_id, family=family, from_level=before.get(family),
                                       to_level=after.get(family), reason=reason, changed_by_id=actor.id))


def _levels(rows) -> dict[str, str]:
    """family -> level for the levelled families among (part, family, level) rows."""
    return {family: level for part, family, level in rows if part in LEVELLED_PARTS}


def set_program(*, db_session: Session, patient: User, actor: User, library: Library, body: dict,
                today: date) -> None:
    """Replace the active program; unchanged items keep their ids, changed ones start anew."""
    wanted = _requested_items(library, body["items"])
    care.require_may_treat(db_session, patient.id)
    reason = rules.part2_allowed(patient.patient.part1_competent_at is not None, [w["part"] for w in wanted])
    if reason:
        raise Conflict("part1_not_reached")
    current = active_items(db_session, patient.id)
    stamp = now()
    kept = set()
    for item in current:
        match = next((w for w in wanted if _same(item, w)), None)
        if match is None:
            item.ended_at = stamp
        else:
            kept.add(match["exercise_id"])
    for w in wanted:
        if w["exercise_id"] not in kept:
            db_session.add(ProgramItem(patient_id=patient.id, assigned_by_id=actor.id, assigned_at=stamp, **w))
    before = _levels((i.part, i.family, i.level) for i in current)
    after = _levels((w["part"], w["family"], w["level"]) for w in wanted)
    _record_level_changes(db_session, patient.id, before, after, actor,
                          body.get("reason") or "Program updated")
    settings = settings_for(db_session, patient.id)
    db_session.add(settings)
    for key in ("part2_weekdays", "part2_weeks", "note"):
        if key in body:
            setattr(settings, key, body[key])
    if "part2_start_date" in body:
        settings.part2_start_date = body["part2_start_date"]
    elif any(w["part"] == "2" for w in wanted) and settings.part2_start_date is None:
        settings.part2_start_date = today
    settings.updated_by_id, settings.updated_at = actor.id, stamp
    assessments.ensure_schedule(db_session, patient.id, baseline=today)  # baseline when the program starts
    db_session.commit()


def change_level(*, db_session: Session, patient: User, actor: User, library: Library, family: str, level: str,
                 reason: str) -> None:
    """Move a family to another level: the new level's own dose from the library (its exercise content), the
    schedule and days kept. The therapist adjusts the dose afterwards in the program editor if needed."""
    care.require_not_paused(db_session, patient.id)
    item = next((i for i in active_items(db_session, patient.id) if i.family == family), None)
    if item is None:
        raise NotFound("family_not_in_program", field="family", family=family)
    if item.level == level:
        raise Conflict("already_at_level", field="level", family=family, level=level)
    target = next((e for e in library.exercises["en"].values() if e.family == family and e.level == level), None)
    if target is None:
        raise Invalid("no_such_level", field="level", family=family, level=level)
    stamp = now()
    item.ended_at = stamp
    db_session.add(ProgramItem(
        patient_id=patient.id, exercise_id=target.id, content_version=target.version, part=target.part,
        family=family, level=level, sets=target.dosage.sets, repetitions=target.dosage.repetitions,
        hold_seconds=target.dosage.hold_seconds, each_side=target.dosage.each_side, schedule=item.schedule,
        weekdays=item.weekdays, assigned_by_id=actor.id, assigned_at=stamp))
    db_session.add(LevelChange(patient_id=patient.id, family=family, from_level=item.level, to_level=level,
                               reason=reason, changed_by_id=actor.id, changed_at=stamp))
    db_session.commit()


def record_part1(*, db_session: Session, patient: User, actor: User, achieved: bool, note: str | None) -> None:
    profile = patient.patient
    if not achieved and any(i.part == "2" for i in active_items(db_session, patient.id)):
        raise Conflict("part2_assigned")
    profile.part1_competent_at = now() if achieved else None
    profile.part1_competent_by_id = actor.id if achieved else None
    profile.part1_note = note
    db_session.commit()


def exercise_logs(db_session: Session, item_ids: list[int]) -> dict[int, list[rules.ExerciseLog]]:
    rows = db_session.execute(
        select(DiaryExercise.item_id, DiaryEntry.day, DiaryExercise.sets_done, DiaryExercise.repetitions_done,
               DiaryExercise.rpe, DiaryExercise.symptom_response, DiaryExercise.outcome, DiaryEntry.bad_day)
        .join(DiaryEntry, DiaryEntry.id == DiaryExercise.entry_id)
        .where(DiaryExercise.item_id.in_(item_ids), DiaryEntry.deleted_at.is_(None))
        .order_by(DiaryEntry.day, DiaryEntry.id, DiaryExercise.id))   # oldest first: "in a row" reads the order
    found: dict[int, list[rules.ExerciseLog]] = {}
    for item_id, day, sets, reps, rpe, response, outcome, bad_day in rows:
        found.setdefault(item_id, []).append(rules.ExerciseLog(day, sets, reps, rpe, response, outcome, bad_day))
    return found


def _part2_suggestion(item: ProgramItem, item_logs: list, observation: dict | None) -> tuple:
    """(level, basis, message) for a Part 2 item: satisfactory performance (line 3409)."""
    found = rules.suggest_part2_level(item.level, item.sets, item.repetitions, item_logs,
                                      observed=observation is not None)
    if found is None:
        return None, None, None
    upcoming, basis = found
    if basis == "observation":
        return upcoming, basis, (f"the group physiotherapist ({observation['observed_by']}) saw level {item.level} "
                                 f"performed satisfactorily: consider level {upcoming}")
    return upcoming, basis, (f"four or more logs at full dosage with little effort over at least 10 days: check "
                             f"that level {item.level} is done satisfactorily, then consider level {upcoming}")


def suggestions_from(items: Sequence[ProgramItem], logs: dict[int, list[rules.ExerciseLog]],
                     until: date | None = None, observations: dict[int, dict] | None = None) -> list[dict]:
    """The level suggestions of these items from their logs (those up to `until` when given) and the
    group physiotherapist's open observations (item id -> observation) when given."""
    found = []
    for item in items:
        if item.part not in LEVELLED_PARTS:
            continue
        item_logs = [log for log in logs.get(item.id, []) if until is None or log.day <= until]
        if item.part == "rom":   # symptom response, never effort (lines 3309-3315, 3385-3389)
            upcoming = rules.suggest_rom_level(item.level, item_logs)
            basis, message = "symptoms", (f"back and leg felt better or the same after each session for two "
                                          f"weeks: consider level {upcoming}")
        else:
            upcoming, basis, message = _part2_suggestion(item, item_logs, (observations or {}).get(item.id))
        if upcoming:
            found.append({"item_id": item.id, "family": item.family, "from_level": item.level,
                          "to_level": upcoming, "basis": basis, "message": message})
    return found


def level_suggestions(db_session: Session, items: Sequence[ProgramItem]) -> list[dict]:
    levelled = [i for i in items if i.part in LEVELLED_PARTS]
    if not levelled:
        return []
    return suggestions_from(levelled, exercise_logs(db_session, [i.id for i in levelled]),
                            observations=observations.open_for(db_session, levelled))


def symptom_trends(db_session: Session, items: Sequence[ProgramItem]) -> dict[int, list[dict]]:
    """Each range-of-movement item's latest "better / same / worse" answers, for the therapist."""
    rom = [i.id for i in items if i.part == "rom"]
    logs = exercise_logs(db_session, rom) if rom else {}
    return {item_id: [{"date": day, "response": response} for day, response in rules.symptom_trend(found)]
            for item_id, found in logs.items()}
