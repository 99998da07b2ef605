"""The therapist's caseload: one overview row per patient, and the flags that feed the review queue.

All rows come from server.services.workspace.caseload_data in a fixed number of statements; every judgement
is a pure rule of server.domain (caseload, adherence, pacing, program).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from server.domain import adherence, caseload as rules, pacing, pacing_timeline
from server.models import PatientProfile
from server.services.groups import observations
from server.services.training import contracts as contract_service, diary, plan_state, program, rom_safety
from server.services.workspace import caseload_data as data

PAIN_WINDOW_DAYS = 28
FACT_DAYS = rules.LOOKBACK_DAYS + PAIN_WINDOW_DAYS + 1   # the pain rule looks 4 weeks back from each day


@dataclass
class Rows:
    """Everything loaded for a list of patients."""
    contracts: dict
    facts: dict
    settings: dict
    items: dict
    logs: dict
    assessments: dict
    groups: dict
    unread: dict
    unanswered: dict
    red_flags: dict
    last_days: dict = field(default_factory=dict)
    rom_reviewed: dict = field(default_factory=dict)
    observations: dict = field(default_factory=dict)   # item id -> the group physiotherapist's open observation


def load(db_session: Session, profiles: list[PatientProfile], today: date, zone: str) -> Rows:
    ids = [p.user_id for p in profiles]
    found_contracts = data.contracts(db_session, ids)
    window = today - timedelta(days=FACT_DAYS)
    since = {i: min(window, found_contracts[i].start_date) if i in found_contracts else window for i in ids}
    items = data.active_items(db_session, ids)
    return Rows(
        contracts=found_contracts, facts=data.diary_facts(db_session, ids, since),
        settings=data.settings(db_session, ids), items=items,
        logs=data.exercise_logs(db_session, [i for rows in items.values() for i in rows]),
        assessments=data.assessments(db_session, ids, today), groups=data.group_ids(db_session, ids),
        unread=data.unread_from_patients(db_session, ids), unanswered=data.unanswered(db_session, ids, zone),
        red_flags=data.red_flags(db_session, ids, zone), last_days=diary.last_days(db_session, ids),
        rom_reviewed=rom_safety.reviewed_through(db_session, ids),
        observations=observations.open_for(db_session, [i for rows in items.values() for i in rows]))


# --- one flag each: (since, detail) or None ----------------------------------------------

def _no_diary(profile: PatientProfile, rows: Rows, today: date):
    """Only for someone with something to log: a contract or an active program."""
    if profile.user_id not in rows.contracts and not rows.items.get(profile.user_id):
        return None
    last = rows.last_days.get(profile.user_id)
    reference = last or (profile.activated_at or profile.created_at).date()
    if (today - reference).days < adherence.NO_DIARY_DAYS:
        return None
    return reference + timedelta(days=adherence.NO_DIARY_DAYS), {"last_diary_day": last}


def _rpe_high(profile: PatientProfile, rows: Rows, today: date):
    facts = rows.facts.get(profile.user_id, [])
    since = rules.onset(lambda d: rules.rpe_high(facts, d), today)
    if since is None:
        return None
    latest = sorted((f for f in facts if f.rpe is not None and not f.bad_day and f.minutes), key=lambda f: f.day)
    return since, {"last_rpe": [f.rpe for f in latest[-3:]], "mean_rpe_2w": adherence.recent_mean_rpe(facts, today)}


def _pain_trend(facts, day: date) -> str | None:
    first = day - timedelta(days=PAIN_WINDOW_DAYS - 1)
    return adherence.pain_trend(adherence.weekly_summaries(first, 1, [f for f in facts if first <= f.day <= day], day))


def _pain_rising(profile: PatientProfile, rows: Rows, today: date):
    facts = rows.facts.get(profile.user_id, [])
    since = rules.onset(lambda d: _pain_trend(facts, d) == "rising", today)
    if since is None:
        return None
    weeks = adherence.weekly_summaries(today - timedelta(days=PAIN_WINDOW_DAYS - 1), 1, facts, today)
    return since, {"weekly_pain": [w.mean_pain for w in weeks]}


def _questionnaire_missed(profile: PatientProfile, rows: Rows, today: date):
    missed = [a for a in rows.assessments.get(profile.user_id, []) if a[2] == "missed"]
    if not missed:
        return None
    timepoint, due, _status, closes, assessment_id = max(missed, key=lambda a: a[1])
    return closes, {"assessment_id": assessment_id, "timepoint": timepoint, "due_date": due}


def _level_suggestion(profile: PatientProfile, rows: Rows, today: date):
    items = rows.items.get(profile.user_id, [])
    found = program.suggestions_from(items, rows.logs)
    if not found:
        return None
    since = rules.onset(lambda d: bool(program.suggestions_from(items, rows.logs, d)), today)
    return since, {"suggestions": [{k: s[k] for k in ("item_id", "family", "from_level", "to_level")}
                                   for s in found]}


def _level_observed(profile: PatientProfile, rows: Rows, _today: date):
    """The group physiotherapist saw a Part 2 level performed satisfactorily (lines 3398-3409)."""
    items = [i for i in rows.items.get(profile.user_id, []) if i.id in rows.observations]
    if not items:
        return None
    seen = {i.id: rows.observations[i.id] for i in items}
    since = min(o["observed_at"] for o in seen.values()).date()
    return since, {"suggestions": [{"item_id": i.id, "family": i.family, "from_level": i.level,
                                    "to_level": program.rules.next_level(i.level),
                                    "observed_by": seen[i.id]["observed_by"]} for i in items]}


def _pacing_blocks(profile: PatientProfile, rows: Rows, today: date) -> list[pacing_timeline.Block]:
    contract = rows.contracts.get(profile.user_id)
    if contract is None:
        return []
    sessions = [pacing.LoggedSession(f.day, f.minutes, f.rpe, f.bad_day, f.hard_minutes or 0)
                for f in rows.facts.get(profile.user_id, []) if f.minutes is not None and f.rpe is not None]
    return pacing_timeline.timeline(contract_service.as_pacing(contract), sessions, today)


def _pacing_hold_twice(profile: PatientProfile, rows: Rows, today: date):
    blocks = _pacing_blocks(profile, rows, today)
    second = pacing_timeline.held_twice(blocks)
    if second is None:
        return None
    first = blocks[second.index - 1]
    return second.end + timedelta(days=1), {
        "blocks": [{"start": b.start, "end": b.end, "decision": b.decision, "mean_rpe": b.mean_rpe}
                   for b in (first, second)], "minutes": second.minutes}


def _unanswered(profile: PatientProfile, rows: Rows, _today: date):
    found = rows.unanswered.get(profile.user_id)
    return (found["since"], {"count": found["count"], "message_id": found["message_id"]}) if found else None


def _red_flag(profile: PatientProfile, rows: Rows, _today: date):
    found = rows.red_flags.get(profile.user_id)
    return (found["since"], found.get("detail", {})) if found else None


def _rom_worse(profile: PatientProfile, rows: Rows, _today: date):
    """A range-of-movement exercise made the back worse (server/domain/rom_safety.py)."""
    return rom_safety.review(rows.items.get(profile.user_id, []), rows.logs,
                             rows.rom_reviewed.get(profile.user_id))


CHECKS = {
    "red_flag": _red_flag, "rom_worse": _rom_worse, "unanswered_message": _unanswered, "pacing_hold_twice": _pacing_hold_twice,
    "rpe_high": _rpe_high, "pain_rising": _pain_rising, "no_diary_7d": _no_diary,
    "questionnaire_missed": _questionnaire_missed, "level_observed": _level_observed,
    "level_suggestion": _level_suggestion,
}


def flags(profile: PatientProfile, rows: Rows, today: date) -> list[dict]:
    """[{code, since, evidence, detail}] in order of urgency (CHECKS order)."""
    found = []
    for code, check in CHECKS.items():
        result = check(profile, rows, today)
        if result is not None:
            since, detail = result
            found.append({"code": code, "since": since, "evidence": rules.evidence(profile.user_id, code),
                          "detail": _plain(detail)})
    return found


def _plain(value):
    """The detail as plain JSON values: dates as ISO strings (a free-form dict is not typed by the schema)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def overview(profile: PatientProfile, rows: Rows, today: date) -> dict:
    """The therapist's row for one patient (the clinical columns of the patient table)."""
    pid = profile.user_id
    facts = rows.facts.get(pid, [])
    contract = rows.contracts.get(pid)
    settings = rows.settings.get(pid)
    contracted = rules.contracted_sessions(start=contract.start_date, training_days=contract.training_days,
                                           today=today) if contract else None
    return {
        "stage": rules.stage(has_program=bool(rows.items.get(pid)),
                             part2_start=settings.part2_start_date if settings else None,
                             part2_weeks=settings.part2_weeks if settings else rules.PART2_WEEKS, today=today),
        "last_diary_day": rows.last_days.get(pid),
        "sessions_2w": {"done": rules.sessions_done(facts, today), "contracted": contracted},
        "mean_rpe_2w": adherence.recent_mean_rpe(facts, today),
        "rpe_trend": rules.rpe_trend(facts, today),
        "pain_trend": rules.steady_name(_pain_trend(facts, today)),
        "next_questionnaire": rules.next_questionnaire([a[:3] for a in rows.assessments.get(pid, [])]),
        "flags": flags(profile, rows, today),
        "group_ids": rows.groups.get(pid, []),
        "unread_messages": rows.unread.get(pid, 0),
    }


def timeline(db_session: Session, patient_id: int, today: date) -> list[pacing_timeline.Block]:
    """One patient's pacing blocks (the timeline screen)."""
    contract = contract_service.current(db_session, patient_id)
    if contract is None:
        return []
    sessions = plan_state.training_sessions(db_session, patient_id, contract.start_date)
    return pacing_timeline.timeline(contract_service.as_pacing(contract), sessions, today)
