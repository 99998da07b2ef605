"""The demo therapist's caseload: six more patients, each a believable case, so that every flag and
every review-queue reason shows at least once (the red flag needs the care episode of issue 9).

Everything goes through the services a therapist and a patient would use; diary days fall on the
contract's training days, and a second group has past sessions with attendance (its latest one
left unrecorded, as happens). These patients have no password anyone knows: they are there to be
looked at from the staff side.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.content.model import Library
from server.domain import wording
from server.domain.program import session_dates
from server.models import Assessment, Message, PatientProfile, RedFlagRecord, TrainingGroup, User
from server.security import hash_password, new_password
from server.services.episode import episodes
from server.services.groups import groups
from server.services.proms import assessments
from server.services.training import contracts, diary, program

P1 = ["p1-1a", "p1-2a", "p1-3a"]
BASELINE_ANSWERS = {
    "nrs": {"back": 6, "leg": 2}, "odi": {f"odi{i}": 2 for i in range(1, 11)},
    "eq5d3l": {"mo": 2, "sc": 1, "ua": 2, "pd": 2, "ad": 2, "vas": 55},
    "bipq": {f"bipq{i}": 6 for i in range(1, 9)},
    "startback": {"sbt1": 1, "sbt2": 0, "sbt3": 1, "sbt4": 0, "sbt5": 1, "sbt6": 0, "sbt7": 1, "sbt8": 0, "sbt9": 2},
}
THREE_MONTH_ANSWERS = {
    "nrs": {"back": 2, "leg": 1}, "odi": {f"odi{i}": 1 for i in range(1, 11)},
    "eq5d3l": {"mo": 1, "sc": 1, "ua": 1, "pd": 2, "ad": 1, "vas": 80},
    "bipq": {f"bipq{i}": 3 for i in range(1, 9)}, "pei": {f"pei{i}": 1 for i in range(1, 7)},
    "pgic": {"pgic": 2}, "satisfaction": {"satisfaction": 1},
    "workcare": {"sick_leave_days": 0, "work_status": 1, "care_visits": 2, "specialist": 0},
}


@dataclass
class Case:
    email: str
    name: str
    locale: str


CASES = {
    "karin": Case("karin.lindqvist@demo.betterback.se", "Karin Lindqvist", "sv"),
    "johan": Case("johan.ek@demo.betterback.se", "Johan Ek", "sv"),
    "maria": Case("maria.svensson@demo.betterback.se", "Maria Svensson", "sv"),
    "ahmed": Case("ahmed.hassan@demo.betterback.se", "Ahmed Hassan", "en"),
    "eva": Case("eva.berg@demo.betterback.se", "Eva Berg", "sv"),
    "lars": Case("lars.nystrom@demo.betterback.se", "Lars Nyström", "en"),
}


def _patient(db_session: Session, therapist: User, case: Case, since: date) -> User:
    patient = User(clinic_id=therapist.clinic_id, email=case.email, name=case.name, role="patient",
                   locale=case.locale, timezone="Europe/Stockholm", password_hash=hash_password(new_password()))
    joined = datetime.combine(since, time(10), timezone.utc)
    patient.patient = PatientProfile(therapist_id=therapist.id, activated_at=joined, created_at=joined)
    db_session.add(patient)
    db_session.commit()
    screen(db_session, patient, therapist, since)
    return patient


def screen(db_session: Session, patient: User, therapist: User, since: date) -> None:
    """The first visit: the care episode opens with the red-flag screening answered "none of these"
    (a program or contract needs it)."""
    episodes.open_episode(db_session=db_session, patient=patient, actor=therapist, body={"red_flags": []},
                          today=since)


def _program(db_session, library, patient, therapist, *, started: date, part2: list[str] = (),
             part2_start: date | None = None, weekdays=(2, 4)) -> None:
    if part2:
        program.record_part1(db_session=db_session, patient=patient, actor=therapist, achieved=True,
                             note="Holds the neutral position in lying, sitting and standing.")
    body = {"items": [{"exercise_id": e} for e in [*P1, *part2]]}
    if part2:
        body.update(part2_start_date=part2_start, part2_weekdays=list(weekdays))
    program.set_program(db_session=db_session, patient=patient, actor=therapist, library=library, body=body,
                        today=started)


def _contract(db_session, patient, therapist, *, start: date, days: list[int], form="walking", capable=25,
              goal=45, hard=20) -> None:
    contracts.revise(db_session=db_session, patient=patient, actor=therapist, body={
        "training_form": form, "training_form_other": None, "sessions_per_week": len(days),
        "capable_minutes": capable, "goal_minutes": goal, "goal_hard_minutes": hard, "start_date": start,
        "training_days": days, "reminder_time": time(18, 0)})
    contracts.accept(db_session=db_session, patient=patient, version=contracts.current(db_session, patient.id).version)


def training_days(start: date, until: date, days: list[int]) -> list[date]:
    """The contract's training days from `start` up to the day before `until`."""
    return [start + timedelta(days=n) for n in range((until - start).days)
            if (start + timedelta(days=n)).isoweekday() in days]


def _log(db_session, patient, today, day, *, rpe, pain=None, minutes=None, exercises=()) -> None:
    prescribed = minutes or 20
    diary.create(db_session=db_session, patient=patient, today=today, body={
        "client_id": str(uuid.uuid4()), "date": day, "minutes": prescribed, "rpe": rpe, "pain": pain,
        "exercises": list(exercises)})


def _answer(db_session, patient, timepoint: str, answers: dict, packs: dict) -> None:
    """The answers to what is asked in the patient's language (what the placeholders leave out is not collected)."""
    assessment = db_session.scalar(select(Assessment).where(Assessment.patient_id == patient.id,
                                                            Assessment.timepoint == timepoint))
    asked, _left_out = wording.split(assessment.instruments, patient.locale, packs)
    assessments.submit(db_session=db_session, assessment=assessment, today=assessment.due_date,
                       answers={k: v for k, v in answers.items() if k in asked}, locale=patient.locale, packs=packs)


def _message(db_session, patient, sender, body, at: datetime, read: bool) -> None:
    db_session.add(Message(patient_id=patient.id, sender_id=sender.id,
                           sender_role="patient" if sender.role == "patient" else "therapist", body=body,
                           created_at=at, read_at=at + timedelta(hours=2) if read else None))
    db_session.commit()


def _ago(today: date, days: int, hour: int = 9) -> datetime:
    return datetime.combine(today - timedelta(days=days), time(hour), timezone.utc)


def _karin(db_session, library, therapist, today, packs) -> User:
    """Part 2 week 5: the last sessions were hard (15-16) and her pain has crept up over four weeks."""
    karin = _patient(db_session, therapist, CASES["karin"], today - timedelta(days=40))
    _program(db_session, library, karin, therapist, started=today - timedelta(days=30),
             part2=["p2-bridge-a", "p2-squat-a"], part2_start=today - timedelta(days=30))
    _answer(db_session, karin, "baseline", BASELINE_ANSWERS, packs)
    start = today - timedelta(days=35)
    _contract(db_session, karin, therapist, start=start, days=[1, 3, 5], form="cycling")
    days = training_days(start, today, [1, 3, 5])
    for n, day in enumerate(days):
        if n % 4 == 1 and n < len(days) - 3:      # about one session in four missed
            continue
        late = (today - day).days
        rpe = 16 if n >= len(days) - 2 else (14 if late < 14 else 12 + n % 2)
        pain = 5 + n % 2 if late < 14 else 2 + n % 2
        _log(db_session, karin, today, day, rpe=rpe, pain=pain)
    return karin


def _johan(db_session, library, therapist, today, packs) -> User:
    """Part 1, trained fairly well for four weeks, silent for about two since; his baseline questionnaire closed
    unanswered."""
    johan = _patient(db_session, therapist, CASES["johan"], today - timedelta(days=50))
    _program(db_session, library, johan, therapist, started=today - timedelta(days=45))
    start = today - timedelta(days=42)
    _contract(db_session, johan, therapist, start=start, days=[2, 6], capable=30, goal=40, hard=0)
    for n, day in enumerate(training_days(start, today - timedelta(days=10), [2, 6])):
        if n % 3 != 2:        # one session in three missed even before he went quiet
            _log(db_session, johan, today, day, rpe=12 + n % 2, pain=3)
    return johan


def _maria(db_session, library, therapist, today, packs) -> User:
    """Part 2 week 6: her plan held twice in a row (effort 14, then 15), and she wrote yesterday."""
    maria = _patient(db_session, therapist, CASES["maria"], today - timedelta(days=45))
    # recorded with her screening: a consideration for the plan, shown to staff, never blocking
    episodes.update(db_session=db_session, patient=maria, actor=therapist, body={"considerations": ["spinal_surgery"]})
    _program(db_session, library, maria, therapist, started=today - timedelta(days=40),
             part2=["p2-bridge-a", "p2-four-point-a"], part2_start=today - timedelta(days=36))
    _answer(db_session, maria, "baseline", BASELINE_ANSWERS, packs)
    start = today - timedelta(days=34)
    _contract(db_session, maria, therapist, start=start, days=[1, 3, 6], form="nordic-walking")
    for n, day in enumerate(training_days(start, today, [1, 3, 6])):
        if n % 3 == 2:        # two of her three days a week: enough to judge each block (3 or more)
            continue
        block = (day - start).days // 14
        _log(db_session, maria, today, day, rpe=(14, 15, 14)[min(block, 2)], pain=3)
    _message(db_session, maria, maria, "Passen känns fortfarande tunga, fast jag har gått samma runda i "
             "fyra veckor. Ska jag korta dem?", _ago(today, 1, 19), read=False)
    return maria


def _ahmed(db_session, library, therapist, today, packs) -> User:
    """Part 2 week 6: the pelvis lift has been easy at full dosage four times running; the backward bend
    made his back worse twice in a row."""
    ahmed = _patient(db_session, therapist, CASES["ahmed"], today - timedelta(days=50))
    _program(db_session, library, ahmed, therapist, started=today - timedelta(days=45),
             part2=["p2-bridge-a", "p2-squat-a", "rom-extension-b"], part2_start=today - timedelta(days=40))
    _answer(db_session, ahmed, "baseline", BASELINE_ANSWERS, packs)
    start = today - timedelta(days=40)
    _contract(db_session, ahmed, therapist, start=start, days=[2, 4], form="swimming", capable=30, goal=40)
    items = {i.exercise_id: i for i in program.active_items(db_session, ahmed.id)}
    bridge, squat = items["p2-bridge-a"], items["p2-squat-a"]
    days = training_days(start, today, [2, 4])
    rom = _rom_answers(db_session, today, items["rom-extension-b"], days)
    for n, day in enumerate(days):
        done = [{"item_id": bridge.id, "sets_done": bridge.sets, "repetitions_done": bridge.repetitions,
                 "rpe": 10 + n % 2 if day >= today - timedelta(days=16) else 13},
                {"item_id": squat.id, "sets_done": squat.sets, "repetitions_done": squat.repetitions - 2, "rpe": 14},
                *([rom[day]] if day in rom else [])]
        _log(db_session, ahmed, today, day, rpe=12 + n % 2, pain=2, minutes=25, exercises=done)
    _message(db_session, ahmed, ahmed, "The pelvis lift feels easy now. Can I make it harder?",
             _ago(today, 6, 17), read=True)
    _message(db_session, ahmed, therapist, "Good to hear! I will look at your diary and move you on when "
             "it has been easy a few times in a row.", _ago(today, 5, 8), read=True)
    return ahmed


def _rom_answers(db_session, today, item, days: list[date]) -> dict[date, dict]:
    """The backward bend felt better for a while, then worse twice: in the queue and off Today (issue 16).
    Ticked on his last four training days (day -> the diary row of the exercise)."""
    item.assigned_at = datetime.combine(today - timedelta(days=16), time(10), timezone.utc)   # added later
    db_session.commit()
    return {day: {"item_id": item.id, "sets_done": item.sets, "repetitions_done": item.repetitions,
                  "symptom_response": response} for day, response in zip(days[-4:], ("better", "same", "worse", "worse"))}


def _eva(db_session, library, therapist, today, packs) -> User:
    """Past her 12 Part 2 weeks, maintaining at her goal; the 3-month questionnaire shows a clear gain."""
    eva = _patient(db_session, therapist, CASES["eva"], today - timedelta(days=110))
    baseline = today - timedelta(days=100)
    _program(db_session, library, eva, therapist, started=baseline, part2=["p2-bridge-b", "p2-squat-b"],
             part2_start=today - timedelta(days=95), weekdays=(1, 3))
    _answer(db_session, eva, "baseline", BASELINE_ANSWERS, packs)
    _answer(db_session, eva, "3m", THREE_MONTH_ANSWERS, packs)
    start = today - timedelta(days=90)
    _contract(db_session, eva, therapist, start=start, days=[1, 3, 5], capable=38, goal=30, hard=0)
    for n, day in enumerate(training_days(start, today, [1, 3, 5])):
        if n % 7 != 3:           # about one session in seven missed, as in real life
            _log(db_session, eva, today, day, rpe=12 + (n % 3 == 0), pain=max(1, 4 - n // 10), minutes=30)
    return eva


def _lars(db_session, library, therapist, today, packs) -> User:
    """Started Part 1 this week and has a question waiting since this morning."""
    lars = _patient(db_session, therapist, CASES["lars"], today - timedelta(days=8))
    _program(db_session, library, lars, therapist, started=today - timedelta(days=6))
    start = today - timedelta(days=6)
    _contract(db_session, lars, therapist, start=start, days=[1, 3, 5], capable=20, goal=40)
    for day in training_days(start, today, [1, 3, 5]):
        _log(db_session, lars, today, day, rpe=12, pain=4)
    _message(db_session, lars, lars, "Should I do the Part 1 exercises on the days I walk as well?",
             _ago(today, 0, 7), read=False)
    # His episode: screened clean at the first visit; at yesterday's return visit he mentioned weight
    # loss he cannot explain. The flag is ticked and awaits its outcome, so his care is paused: his Today
    # asks him to contact the clinic, and the review queue names the flag, who ticked it and when.
    episodes.add_visit(db_session=db_session, patient=lars, actor=therapist, body={
        "date": today - timedelta(days=1), "kind": "return",
        "note": "Mentions weight loss over the last months; GP contact to be arranged."})
    episodes.update(db_session=db_session, patient=lars, actor=therapist,
                    body={"red_flags": ["weight_loss"], "planned_visits": 4})
    record = db_session.scalar(select(RedFlagRecord).where(RedFlagRecord.patient_id == lars.id))
    record.ticked_at = _ago(today, 1, 15)
    db_session.commit()
    return lars


def _second_group(db_session, therapist, today, members: list[User]) -> None:
    """Monday and Wednesday, led by the therapist: attendance for every past session but the latest."""
    start = today - timedelta(days=35)
    created = groups.create(db_session=db_session, actor=therapist, body={
        "name": "Måndag & onsdag", "start_date": start, "weeks": 6, "sessions_per_week": 2, "weekdays": [1, 3],
        "time": time(8, 0), "supervisor_id": therapist.id})
    group = db_session.get(TrainingGroup, created["id"])
    for member in members:
        groups.add_member(db_session=db_session, group=group, actor=therapist, patient_id=member.id)
    held = [d for d in session_dates(start, 6, [1, 3]) if d < today]
    for n, day in enumerate(held[:-1]):
        rows = [{"patient_id": m.id, "present": not _absent(m, n, len(held) - 1)} for m in members]
        groups.record_attendance(db_session=db_session, group=group, actor=therapist, day=day, today=today,
                                 rows=rows, note="Good energy; two new faces." if n == 0 else None, set_note=n == 0)


def _absent(member: User, n: int, recorded: int) -> bool:
    """Johan stopped coming (his last two), Maria missed one early on; the others came."""
    if member.email == CASES["johan"].email:
        return n >= recorded - 2
    return member.email == CASES["maria"].email and n == 2


def _pia_conversation(db_session, pia: User, therapist: User, today: date) -> None:
    _message(db_session, pia, pia, "Hej! Får jag stavgå på mina gruppdagar också, eller blir det för mycket?",
             _ago(today, 4, 18), read=True)
    _message(db_session, pia, therapist, "Hej Pia! Det går bra, men håll dig kring 11–14 på skalan och skriv "
             "i dagboken hur det kändes.", _ago(today, 3, 8), read=True)


def seed_caseload(*, db_session: Session, library: Library, therapist: User, pia: User, today: date,
                  packs: dict) -> list[str]:
    """Add the six cases, the second group and a few messages; returns the new patients' names."""
    people = [build(db_session, library, therapist, today, packs) for build in (_karin, _johan, _maria, _ahmed, _eva, _lars)]
    karin, johan, maria, ahmed, eva, _lars_ = people
    _second_group(db_session, therapist, today, [karin, johan, maria, ahmed, eva])
    _pia_conversation(db_session, pia, therapist, today)
    return [p.name for p in people]
