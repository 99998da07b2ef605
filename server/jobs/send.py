"""Send due reminders from the outbox: at least once, and twice only after a sender dies mid-send.

- A claim takes at most `batch` due rows: the ids are chosen first (`FOR UPDATE SKIP LOCKED
  LIMIT n` on PostgreSQL, as its own statement, so the limit holds) and only those are moved
  pending -> sending with a claim token and a lease (REMINDER_LEASE_SECONDS, 30 s by default:
  three times the push timeout).
- While the sender lives, its claimed rows' leases are renewed every third of a lease (a heartbeat,
  one UPDATE for the claim), and each row's again, with the claim token checked, just before its push
  goes out. A sender whose lease ran out (it stalled longer than a lease) finds its token replaced
  and skips the row, so two live schedulers do not send the same row.
- Pushes go out in parallel, at most `parallel` at a time; the database work stays on the
  calling thread (one session).
- A sender killed mid-send leaves its rows 'sending' until the lease runs out (at most one lease
  after its last heartbeat); they are then sent again, with the same push Topic and notification
  tag, so the phone replaces rather than repeats. That resend is the honest promise: at least once.
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from server.domain import reminders
from server.models import Assessment, Notification, PushSubscription, ReminderPreference, User
from server.push import sender as push
from server.push.endpoints import endpoint_allowed
from server.services.episode import care

LEASE_SECONDS = 3 * push.TIMEOUT_SECONDS   # renewed every third of it while the sender lives
STALE_SECONDS = 6 * 3600    # a reminder more than six hours late is no longer useful
BATCH = 50
PARALLEL = 8
PAUSABLE = ("training", "part1", "group")   # not sent while care is paused, even if planned before
URLS = {"training": "/#/today", "part1": "/#/today", "group": "/#/today", "questionnaire": "/#/questionnaires"}
MESSAGE = "message"   # not a reminder: no reminder switch silences it; quiet hours still do


def _target(row: Notification, user: User) -> tuple[str, str]:
    """(url, tag): a message opens its thread, and a newer one replaces the older prompt of that thread."""
    if row.kind != MESSAGE:
        return URLS[row.kind], row.key
    url = "/#/messages" if user.role == "patient" else f"/#/patients/{row.ref}/messages"
    return url, f"{MESSAGE}:{row.ref}"


def _claim(db_session: Session, now_ts: int, *, batch: int = BATCH, lease: int = LEASE_SECONDS) -> list[Notification]:
    db_session.execute(update(Notification).where(      # leases of killed or stalled senders run out
        Notification.status == "sending", Notification.claimed_until_ts < now_ts).values(status="pending"))
    due = (select(Notification.id).where(Notification.status == "pending", Notification.next_attempt_ts <= now_ts)
           .order_by(Notification.next_attempt_ts).limit(batch))
    if db_session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = list(db_session.scalars(due))     # its own statement: the LIMIT holds (not re-run per row)
    token = uuid.uuid4().hex
    if ids:
        db_session.execute(update(Notification).where(Notification.id.in_(ids), Notification.status == "pending")
                           .values(status="sending", claim_token=token, claimed_until_ts=now_ts + lease),
                           execution_options={"synchronize_session": False})
    db_session.commit()
    return list(db_session.scalars(select(Notification).where(Notification.claim_token == token,
                                                              Notification.status == "sending")
                                   .execution_options(populate_existing=True)))


def _renew(db_session: Session, row: Notification, now_ts: int, lease: int) -> bool:
    """Extend this row's lease if it is still ours; False when another sender has taken it over."""
    renewed = db_session.execute(update(Notification).where(
        Notification.id == row.id, Notification.claim_token == row.claim_token, Notification.status == "sending",
        Notification.claimed_until_ts >= now_ts).values(claimed_until_ts=now_ts + lease),
        execution_options={"synchronize_session": False}).rowcount
    db_session.commit()
    return renewed == 1


def _heartbeat(db_session: Session, token: str, now_ts: int, lease: int) -> None:
    """Extend the lease of every row of this claim still ours and still in time (queued or in flight)."""
    db_session.execute(update(Notification).where(
        Notification.claim_token == token, Notification.status == "sending",
        Notification.claimed_until_ts >= now_ts).values(claimed_until_ts=now_ts + lease),
        execution_options={"synchronize_session": False})
    db_session.commit()


def _still_wanted(db_session: Session, row: Notification, today) -> bool:
    prefs = db_session.get(ReminderPreference, row.user_id)
    if row.kind == MESSAGE:
        return True
    if prefs is not None and not getattr(prefs, row.kind):
        return False
    if row.kind in PAUSABLE and care.pause_of(db_session, row.user_id) is not None:
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


def _prepare(db_session: Session, row: Notification, now: datetime, push_hosts) -> tuple[list, dict] | None:
    """The devices and payload to send, or None when the row is settled without sending."""
    user = db_session.get(User, row.user_id)
    if row.scheduled_ts < int(now.timestamp()) - STALE_SECONDS or user is None or not user.active or \
            not _still_wanted(db_session, row, now.astimezone(ZoneInfo(user.timezone)).date()):
        row.status, row.claim_token = "skipped", None
        return None
    quiet_end = _quiet_until(db_session, user, now)
    if quiet_end is not None:
        row.status, row.claim_token, row.next_attempt_ts = "pending", None, quiet_end
        return None
    devices = list(db_session.scalars(select(PushSubscription).where(PushSubscription.user_id == user.id)))
    if push_hosts is not None:   # devices registered before the allow-list, or since taken off it: never posted to
        devices = [d for d in devices if endpoint_allowed(d.endpoint, push_hosts)]
    if not devices:
        row.status, row.claim_token = "skipped", None
        return None
    url, tag = _target(row, user)
    return ([(d.id, d.endpoint, d.p256dh, d.auth) for d in devices],
            {"type": row.kind, "id": row.id, "url": url, "tag": tag})


def _push_all(send: Callable, config: dict, devices: list, payload: dict, topic: str) -> list:
    """Runs on a worker thread: no database here, only the HTTP calls."""
    return [(device_id, send(endpoint=endpoint, p256dh=p256dh, auth=auth, payload=payload,
                             private_key_path=config["VAPID_PRIVATE_KEY_PATH"], subject=config["VAPID_SUBJECT"],
                             topic=topic))
            for device_id, endpoint, p256dh, auth in devices]


def _record(db_session: Session, row: Notification, results: list, now: datetime) -> None:
    for device_id, outcome in results:
        if outcome.gone:
            db_session.execute(delete(PushSubscription).where(PushSubscription.id == device_id))
        elif outcome.delivered:
            db_session.execute(update(PushSubscription).where(PushSubscription.id == device_id)
                               .values(last_success_at=now))
    outcomes = [o for _, o in results]
    _finish(row, [o for o in outcomes if not o.gone] or outcomes, now)
    db_session.commit()      # row by row: a crash loses at most the rows in flight


class _Lease:
    """A claim's lease, renewed every third of it while this sender lives (its heartbeat)."""

    def __init__(self, db_session: Session, now: datetime, seconds: int):
        self.db_session, self.seconds, self.token = db_session, seconds, None
        self.epoch, self.started = now.timestamp(), time.monotonic()
        self.last_beat = self.started

    def now_ts(self) -> int:     # `now` moved on by the time spent here, so leases follow the real clock
        return int(self.epoch + time.monotonic() - self.started)

    def beat_if_due(self) -> None:
        if self.token is not None and time.monotonic() - self.last_beat >= self.seconds / 3:
            _heartbeat(self.db_session, self.token, self.now_ts(), self.seconds)
            self.last_beat = time.monotonic()


def send_due(db_session: Session, now: datetime, config: dict, send: Callable = push.send) -> dict[str, int]:
    """Send what is due now (one bounded claim); returns how many rows ended in each state."""
    lease = _Lease(db_session, now, int(config.get("REMINDER_LEASE_SECONDS", LEASE_SECONDS)))
    counts: dict[str, int] = {}

    def settle(row: Notification) -> None:
        counts[row.status] = counts.get(row.status, 0) + 1

    rows = _claim(db_session, int(now.timestamp()), batch=int(config.get("REMINDER_BATCH", BATCH)),
                  lease=lease.seconds)
    lease.token = rows[0].claim_token if rows else None
    in_flight: dict[Future, Notification] = {}
    parallel = int(config.get("REMINDER_PARALLEL", PARALLEL))
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        for row in rows:
            while len(in_flight) >= parallel:   # submit only to a free worker: no lease waits in a queue
                _collect(db_session, in_flight, now, settle, lease)
            prepared = _prepare(db_session, row, now, config.get("PUSH_HOSTS"))
            if prepared is None:
                db_session.commit()
                settle(row)
            elif _renew(db_session, row, lease.now_ts(), lease.seconds):
                in_flight[pool.submit(_push_all, send, config, *prepared, row.key)] = row
        while in_flight:
            _collect(db_session, in_flight, now, settle, lease)
    return counts


def _collect(db_session: Session, in_flight: dict, now: datetime, settle: Callable, lease: _Lease) -> None:
    """Record the next push(es) to finish; while waiting, keep the claim's leases alive."""
    done: set = set()
    while not done:
        done, _ = wait(list(in_flight), timeout=lease.seconds / 3, return_when=FIRST_COMPLETED)
        lease.beat_if_due()
    for future in done:
        row = in_flight.pop(future)
        _record(db_session, row, future.result(), now)
        settle(row)
