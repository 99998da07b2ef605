"""Send one web push: a tiny payload, a TTL, a topic so a resend replaces rather than repeats."""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass

import requests
from pywebpush import WebPushException, webpush

log = logging.getLogger(__name__)
TTL_SECONDS = 8 * 3600   # a phone that is off for the night still gets the morning's reminder
TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class Outcome:
    status: int | None          # the push service's HTTP status; None for a network failure
    retry_after: int | None = None

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def gone(self) -> bool:       # the subscription no longer exists: forget it
        return self.status in (404, 410)

    @property
    def retryable(self) -> bool:
        return self.status is None or self.status == 429 or self.status >= 500


def _retry_after(response) -> int | None:
    value = response.headers.get("Retry-After") if response is not None else None
    return int(value) if value and value.isdigit() else None


def send(*, endpoint: str, p256dh: str, auth: str, payload: dict, private_key_path: str, subject: str,
         topic: str) -> Outcome:
    """`payload` must hold no health data: {type, id, url, tag}."""
    try:
        response = webpush(
            subscription_info={"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}},
            data=json.dumps(payload, separators=(",", ":")),
            vapid_private_key=private_key_path,
            vapid_claims={"sub": subject},           # a fresh dict each time: pywebpush adds to it
            ttl=TTL_SECONDS, timeout=TIMEOUT_SECONDS,
            headers={"Topic": hashlib.sha256(topic.encode()).hexdigest()[:32],
                     "Content-Type": "application/octet-stream", "Urgency": "normal"},
        )
        return Outcome(response.status_code, _retry_after(response))
    except WebPushException as error:
        response = error.response
        status = response.status_code if response is not None else None
        if status in (400, 401, 403):
            log.error("push service refused our request (%s): check the VAPID keys and subject", status)
        return Outcome(status, _retry_after(response))
    except requests.RequestException as error:
        log.warning("push service unreachable: %s", type(error).__name__)
        return Outcome(None)
