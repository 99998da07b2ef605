"""Send due reminders from the outbox, each at most once per device even with two schedulers.

Rows are claimed atomically (pending -> sending, with a claim token and a lease); a scheduler
killed mid-send leaves its rows 'sending' until the lease runs out, then they are sent again.
The push Topic header and the notification tag are the row's key, so a resend replaces an
undelivered or shown notification instead of showing a second one.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from server.domain import reminders
from server.models import Assessment, Notification, PushSubscription, ReminderPreference, User
from server.push import sender as push

LEASE_SECONDS = 300
STALE_SECONDS = 6 * 3600    # a reminder more than six hours late is no longer useful
BATCH = 200
URLS = {"training": "/#/today", "part1": "/#/today", "group": "/#/today", "questionnaire": "/#/questionnaires"}
MESSAGE = "message"   # not a reminder: no reminder switch silences it; quiet hours still do


def _target(row: Notification, user: User) -> tuple[str, str]:
    """(url, tag): a message opens its thread, and a newer one replaces the older prompt of that thread."""
    if row.kind != MESSAGE:
        return URLS[row.kind], row.key
    url = "/#/messages" if user.role == "patient" else f"/#/patients/{row.ref}/messages"
    return url, f"{MESSAGE}:{row.ref}"


def _claim(db_session: Session, now_ts: int) -> list[Notification]:
    db_session.execute(update(Notification).where(      # leases of killed senders run out
        Notification.status == "sending", Notification.claimed_until_ts < now_ts).values(status="pending"))
    token = uuid.uuid4().hex
    due = (select(Notification.id).where(Notification.status == "pending", Notification.next_attempt_ts <= now_ts)
           .order_by(Notification.next_attempt_ts).limit(BATCH))
    if db_session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    db_session.execute(update(Notification).where(Notification.id.in_(due.scalar_subquery()),
                                                  Notification.status == "pending")
                       .values(status="sending", claim_token=token, claimed_until_ts=now_ts + LEASE_SECONDS),
                       execution_options={"synchronize_session": False})
    db_session.commit()
    return list(db_session.scalars(select(Notification).where(Notification.claim_token == token,
                                                              Notification.status == "sending")))


def _still_wanted(db_session: Session, row: Notification, today) -> bool:
    prefs = db_session.get(ReminderPreference, row.user_id)
    if row.kind == MESSAGE:
        return True
    if prefs is not None and not getattr(prefs, row.kind):
        return False
    if row.kind == "questionnaire":
        assessment = db_session.get(Assessment, int(row.ref))
        return assessment is not None and reminders.status(
            assessment.due_date, assessment.closes_date, assessment.completed_at is not None, today) == "open"
    return True


def _quiet_until(db_session: Session, user: User, now: datetime) -> int | None:
    """If it is quiet time for the patient now, the epoch when it ends; else None."""
    prefs = db_session.get(ReminderPreference, user.id)
    start, end = (prefs.quiet_start, prefs.quiet_end) if prefs else (reminders.QUIET_START, reminders.QUIET_END)
    local = now.astimezone(ZoneInfo(user.timezone))
    minute = local.hour * 60 + local.minute
    if not reminders.in_quiet_hours(minute, start, end):
        return None
    wait = (end - minute) % (24 * 60)
    return int(now.timestamp()) + wait * 60


def _finish(row: Notification, outcomes: list[push.Outcome], now: datetime) -> None:
    row.claim_token, row.claimed_until_ts = None, None
    row.last_status = outcomes[-1].status if outcomes else None
    if any(o.delivered for o in outcomes):
        row.status, row.sent_at = "sent", now
        return
    retry = [o for o in outcomes if o.retryable]
    row.attempts += 1
    if retry and row.attempts < reminders.MAX_ATTEMPTS:
        delay = reminders.retry_delay_seconds(row.attempts, max((o.retry_after or 0) for o in retry) or None)
        row.status, row.next_attempt_ts = "pending", int(now.timestamp()) + delay
    else:
        row.status = "failed"


def _deliver(db_session: Session, row: Notification, send: Callable, config: dict, now: datetime) -> None:
    user = db_session.get(User, row.user_id)
    now_ts = int(now.timestamp())
    if row.scheduled_ts < now_ts - STALE_SECONDS or user is None or not user.active or \
            not _still_wanted(db_session, row, now.astimezone(ZoneInfo(user.timezone)).date()):
        row.status, row.claim_token = "skipped", None
        return
    quiet_end = _quiet_until(db_session, user, now)
    if quiet_end is not None:
        row.status, row.claim_token, row.next_attempt_ts = "pending", None, quiet_end
        return
    devices = list(db_session.scalars(select(PushSubscription).where(PushSubscription.user_id == user.id)))
    if not devices:
        row.status, row.claim_token = "skipped", None
        return
    url, tag = _target(row, user)
    payload = {"type": row.kind, "id": row.id, "url": url, "tag": tag}
    outcomes = []
    for device in devices:
        outcome = send(endpoint=device.endpoint, p256dh=device.p256dh, auth=device.auth, payload=payload,
                       private_key_path=config["VAPID_PRIVATE_KEY_PATH"], subject=config["VAPID_SUBJECT"],
                       topic=row.key)
        if outcome.gone:
            db_session.execute(delete(PushSubscription).where(PushSubscription.id == device.id))
        elif outcome.delivered:
            device.last_success_at = now
        outcomes.append(outcome)
    _finish(row, [o for o in outcomes if not o.gone] or outcomes, now)


def send_due(db_session: Session, now: datetime, config: dict, send: Callable = push.send) -> dict[str, int]:
    """Send what is due now; returns how many rows ended in each state."""
    counts: dict[str, int] = {}
    for row in _claim(db_session, int(now.timestamp())):
        _deliver(db_session, row, send, config, now)
        db_session.commit()      # row by row: a crash loses at most the row in hand
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts
