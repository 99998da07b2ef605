"""Devices that receive reminders, and each patient's reminder choices."""
from __future__ import annotations

from datetime import time

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server.domain import reminders
from server.models import PushSubscription, ReminderPreference, User
from server.services.training import contracts
from server.services.clock import now
from server.services.errors import Conflict, NotFound
from server.services.privacy.records import require_writable


def subscribe(*, db_session: Session, user: User, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Add a device. An endpoint stays with the account that registered it: only the same browser
    subscription (the same endpoint with the same keys, which only that browser holds) may move to
    whoever signs in on it now; someone who merely knows the URL gets 409 and moves nothing."""
    require_writable(user.patient)   # staff have no profile; a closed patient's devices were removed at closing
    device = db_session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if device is None:
        device = PushSubscription(endpoint=endpoint, user_id=user.id, p256dh=p256dh, auth=auth)
        db_session.add(device)
    elif device.user_id != user.id and (device.p256dh, device.auth) != (p256dh, auth):
        raise Conflict("endpoint_taken", field="endpoint")
    else:
        device.user_id, device.p256dh, device.auth = user.id, p256dh, auth
    db_session.commit()
    return device


def unsubscribe(*, db_session: Session, user: User, endpoint: str) -> None:
    gone = db_session.execute(delete(PushSubscription).where(
        PushSubscription.endpoint == endpoint, PushSubscription.user_id == user.id)).rowcount
    db_session.commit()
    if not gone:
        raise NotFound("subscription_not_found", field="endpoint")


def _clock(minute: int) -> time:
    return time(minute // 60, minute % 60)


def _default_minutes(db_session: Session, patient_id: int) -> dict:
    contract = contracts.current(db_session, patient_id)
    return {"training": contract.reminder_minute if contract else None,
            "part1": reminders.DAYTIME_MINUTE, "questionnaire": reminders.DAYTIME_MINUTE}


def preferences(db_session: Session, patient_id: int) -> dict:
    """Kinds on/off, quiet hours, and per kind the patient's own time (None: the default, also given)."""
    prefs = db_session.get(ReminderPreference, patient_id)
    kinds = {kind: getattr(prefs, kind) if prefs else True for kind in reminders.KINDS}
    start = prefs.quiet_start if prefs else reminders.QUIET_START
    end = prefs.quiet_end if prefs else reminders.QUIET_END
    own = {kind: getattr(prefs, f"{kind}_minute") if prefs else None for kind in reminders.TIMED_KINDS}
    defaults = _default_minutes(db_session, patient_id)
    as_clock = lambda values: {k: None if v is None else _clock(v) for k, v in values.items()}  # noqa: E731
    return {"kinds": kinds, "quiet_start": _clock(start), "quiet_end": _clock(end),
            "times": as_clock(own), "default_times": as_clock(defaults)}


def set_preferences(*, db_session: Session, patient_id: int, changes: dict) -> dict:
    prefs = db_session.get(ReminderPreference, patient_id)
    if prefs is None:
        prefs = ReminderPreference(patient_id=patient_id, quiet_start=reminders.QUIET_START,
                                   quiet_end=reminders.QUIET_END, **{k: True for k in reminders.KINDS})
        db_session.add(prefs)
    for kind, value in changes.get("kinds", {}).items():
        setattr(prefs, kind, value)
    for key in ("quiet_start", "quiet_end"):
        if key in changes:
            setattr(prefs, key, changes[key].hour * 60 + changes[key].minute)
    for kind, value in changes.get("times", {}).items():   # None: back to the default time
        setattr(prefs, f"{kind}_minute", None if value is None else value.hour * 60 + value.minute)
    prefs.updated_at = now()
    db_session.commit()
    return preferences(db_session, patient_id)
