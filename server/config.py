"""Settings, read from the environment only; bad values fail at start-up."""
from __future__ import annotations

import ipaddress
import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

REPO_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """A setting in the environment is missing or malformed."""


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def _int(name: str, default: int, minimum: int = 0, maximum: int = 10**6) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ConfigError(f"{name} must be from {minimum} to {maximum}, not {raw!r}")
    return value


def instance_path() -> Path:
    return Path(os.environ.get("BETTERBACK_INSTANCE_PATH") or REPO_ROOT / "instance").resolve()


def database_url(instance: Path) -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'betterback.db'}"
    # Heroku-style URLs name the old driver; SQLAlchemy 2 wants the explicit psycopg 3 one.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix):]
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise ConfigError("DATABASE_URL must be a sqlite: or postgresql: URL")
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError("DATABASE_URL is not a valid database URL") from None
    if not parsed.database or parsed.database == ":memory:":
        # Without a name PostgreSQL picks a default database, and SQLite an in-memory one: never wanted.
        raise ConfigError("DATABASE_URL must name the database (sqlite:///path/file.db or postgresql://host/name)")
    return url


def secret(name: str) -> str | None:
    """SECRET_KEY, when set, must be long enough to resist guessing (32 characters or more)."""
    value = os.environ.get(name) or None
    if value is not None and (len(value) < 32 or len(set(value)) < 8):
        raise ConfigError(f"{name} must be at least 32 random characters (e.g. python -c 'import secrets; "
                          "print(secrets.token_hex(32))')")
    return value


def vapid_private_key(name: str) -> str | None:
    """A PEM (or raw base64url) EC P-256 private key, checked by loading it."""
    value = os.environ.get(name) or None
    if value is None:
        return None
    from py_vapid import Vapid

    try:
        if "-----BEGIN" in value:
            Vapid.from_pem(value.encode())
        else:
            Vapid.from_string(value)
    except Exception:  # noqa: BLE001 - py_vapid raises several kinds; any means the key is unusable
        raise ConfigError(f"{name} is not a usable EC P-256 private key (PEM)") from None
    return value


_SUBJECT = re.compile(r"^(mailto:[^@\s/]+@[^@\s/]+\.[A-Za-z]{2,}|https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/\S*)?)$")


def vapid_subject(name: str) -> str:
    value = os.environ.get(name) or "mailto:support@betterback.example"
    if not _SUBJECT.match(value) or value.lower().endswith("@localhost"):
        raise ConfigError(f"{name} must be a mailto: address or an https: URL that push services can reach")
    return value


def ratelimit_storage(name: str) -> str:
    value = os.environ.get(name) or "memory://"
    if not value.startswith(("memory://", "redis://", "rediss://")):
        raise ConfigError(f"{name} must be memory:// or a redis:// URL")
    return value


def check_services(settings: dict) -> None:
    """Services the app needs from its first request on: refuse to start without them."""
    uri = settings.get("RATELIMIT_STORAGE_URI", "memory://")
    if uri.startswith(("redis://", "rediss://")):
        import redis

        try:
            redis.Redis.from_url(uri, socket_connect_timeout=3, socket_timeout=3).ping()
        except (redis.RedisError, ValueError, OSError):
            raise ConfigError("RATELIMIT_STORAGE_URI: Redis does not answer there") from None


# The web push services of the browsers in use (Chrome/Edge via FCM, Firefox, Safari, Windows).
PUSH_HOSTS_DEFAULT = ("fcm.googleapis.com", "android.googleapis.com", "*.push.services.mozilla.com",
                      "*.push.apple.com", "*.notify.windows.com")


def push_hosts(name: str) -> tuple[str, ...]:
    """Hosts a push endpoint may point at: names, `*.domain` for its subdomains, `host:port` for a port,
    `http://host:port` for a plain-http push service (only for a local test service, never in production)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return PUSH_HOSTS_DEFAULT
    hosts = tuple(h.strip().lower() for h in raw.split(",") if h.strip())
    if not hosts or any(not re.fullmatch(r"(http://)?(\*\.)?[a-z0-9.-]+(:\d{1,5})?", h) for h in hosts):
        raise ConfigError(f"{name} must be a comma-separated list of host names (e.g. fcm.googleapis.com,"
                          "*.push.apple.com)")
    refused = [h for h in hosts if _push_host_refused(h)]
    if refused:
        raise ConfigError(f"{name} may not name a private, loopback or link-local address ({refused[0]}); "
                          "only the local test service's http://127.0.0.1:PORT form may be on loopback")
    return hosts


def _numeric_host_refused(host: str, plain_http: bool) -> bool:
    """A host ending in a number is an address to resolvers (127.1, 2130706433, 0x7f.1 all reach 127.0.0.1):
    only a dotted public IPv4 address is taken, or a loopback one in the local test service's http:// form."""
    if not host.rsplit(".", 1)[-1].isdigit():
        return False
    try:
        address = ipaddress.IPv4Address(host)
    except ValueError:
        return True
    return not (address.is_global or (plain_http and address.is_loopback))


def _push_host_refused(entry: str) -> bool:
    plain_http = entry.startswith("http://")
    host = entry.removeprefix("http://").removeprefix("*.").split(":", 1)[0]
    if host == "localhost" or host.endswith(".localhost"):
        return not plain_http
    return _numeric_host_refused(host, plain_http)


def public_url(name: str) -> str | None:
    """The address patients open: an absolute http(s) URL, without user name, password, query or fragment."""
    raw = (os.environ.get(name) or "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username is not None or \
            parts.password is not None or parts.query or parts.fragment or "?" in raw or "#" in raw or \
            any(ch.isspace() or ord(ch) < 32 for ch in raw):
        raise ConfigError(f"{name} must be an http:// or https:// address with no user, query or fragment "
                          "(e.g. https://app.region.se)")
    try:
        parts.port   # noqa: B018 - raises on a port that is not a number from 0 to 65535
    except ValueError:
        raise ConfigError(f"{name} has a port that is not a number from 1 to 65535") from None
    return raw.rstrip("/")


def from_environment() -> dict:
    """The configuration for a real process: everything comes from the environment."""
    instance = instance_path()
    return {
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": database_url(instance),
        "SECRET_KEY": secret("SECRET_KEY"),  # else generated into the instance folder
        "CONTENT_PATH": os.environ.get("BETTERBACK_CONTENT_PATH") or str(REPO_ROOT / "content"),
        "SESSION_COOKIE_SECURE": _bool("BETTERBACK_SECURE_COOKIES", True),
        "RATELIMIT_STORAGE_URI": ratelimit_storage("RATELIMIT_STORAGE_URI"),
        "RATELIMIT_ENABLED": _bool("BETTERBACK_RATELIMIT", True),
        "PROXY_HOPS": _int("BETTERBACK_PROXY_HOPS", 0, maximum=5),
        "INVITE_TTL_HOURS": _int("BETTERBACK_INVITE_TTL_HOURS", 72, minimum=1, maximum=30 * 24),
        "VAPID_PRIVATE_KEY": vapid_private_key("VAPID_PRIVATE_KEY"),
        "VAPID_SUBJECT": vapid_subject("VAPID_SUBJECT"),
        "PUSH_HOSTS": push_hosts("BETTERBACK_PUSH_HOSTS"),
        # How long a scheduler killed mid-send holds its claimed reminders before another sends them again.
        "REMINDER_LEASE_SECONDS": _int("BETTERBACK_REMINDER_LEASE_SECONDS", 30, minimum=10, maximum=3600),
        "PLAN_CACHE": _bool("BETTERBACK_PLAN_CACHE", True),
        # Plan bodies each worker keeps in memory in front of the shared table (0: none).
        "PLAN_MEMORY_ENTRIES": _int("BETTERBACK_PLAN_MEMORY_ENTRIES", 2000),
        # The address patients open (invitation links and QR codes); else each request's own root.
        "PUBLIC_URL": public_url("BETTERBACK_PUBLIC_URL"),
    }


DEFAULTS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "bb_session",
    "PERMANENT_SESSION_LIFETIME": timedelta(days=30),
    # The cookie is re-signed when the server-side session records activity (every 5 minutes,
    # services/accounts/accounts.py), not on every response: signing it costs ~8 % of a cached plan request.
    "SESSION_REFRESH_EACH_REQUEST": False,
    "REMEMBER_COOKIE_DURATION": timedelta(days=30),
    "MAX_CONTENT_LENGTH": 256 * 1024,
    "WTF_CSRF_HEADERS": ["X-CSRF-Token"],
    "WTF_CSRF_TIME_LIMIT": None,  # bound to the login session, which expires itself
    "WTF_CSRF_SSL_STRICT": False,  # the Referer check breaks behind proxies; SameSite + header token suffice
    "WTF_CSRF_CHECK_DEFAULT": False,  # checked in our before_request, only for cookie-authenticated writes
    "RATELIMIT_HEADERS_ENABLED": True,
    "LOGIN_RATE_LIMIT_IP": "20 per minute",
    "LOGIN_RATE_LIMIT_ACCOUNT": "5 per minute;30 per hour",   # per account and source address
    "LOGIN_SLOW_AFTER": "20 per hour",                        # failures per address from everywhere, then...
    "LOGIN_SLOW_SECONDS": 2,                                  # ...one attempt per this many seconds (sooner: 429)
    "API_TITLE": "BetterBack API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    "OPENAPI_SWAGGER_UI_URL": "/api/v1/docs/assets/",
    "SESSION_IDLE_DAYS": 30,
    "PLAN_CACHE": True,
    "PLAN_MEMORY_ENTRIES": 2000,
}
