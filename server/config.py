"""Settings, read from the environment only; bad values fail at start-up."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

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


def _int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}")
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
    return url


def from_environment() -> dict:
    """The configuration for a real process: everything comes from the environment."""
    instance = instance_path()
    return {
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": database_url(instance),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,  # else generated into the instance folder
        "CONTENT_PATH": os.environ.get("BETTERBACK_CONTENT_PATH") or str(REPO_ROOT / "content"),
        "SESSION_COOKIE_SECURE": _bool("BETTERBACK_SECURE_COOKIES", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool("BETTERBACK_RATELIMIT", True),
        "PROXY_HOPS": _int("BETTERBACK_PROXY_HOPS", 0),
        "INVITE_TTL_HOURS": _int("BETTERBACK_INVITE_TTL_HOURS", 72, minimum=1),
        # The address patients open (invitation links and QR codes); else each request's own root.
        "PUBLIC_URL": (os.environ.get("BETTERBACK_PUBLIC_URL") or "").rstrip("/") or None,
        "VAPID_PRIVATE_KEY": os.environ.get("VAPID_PRIVATE_KEY") or None,
        "VAPID_SUBJECT": os.environ.get("VAPID_SUBJECT", "mailto:support@betterback.example"),
    }


DEFAULTS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "bb_session",
    "PERMANENT_SESSION_LIFETIME": timedelta(days=30),
    "REMEMBER_COOKIE_DURATION": timedelta(days=30),
    "MAX_CONTENT_LENGTH": 256 * 1024,
    "WTF_CSRF_HEADERS": ["X-CSRF-Token"],
    "WTF_CSRF_TIME_LIMIT": None,  # bound to the login session, which expires itself
    "WTF_CSRF_SSL_STRICT": False,  # the Referer check breaks behind proxies; SameSite + header token suffice
    "WTF_CSRF_CHECK_DEFAULT": False,  # checked in our before_request, only for cookie-authenticated writes
    "RATELIMIT_HEADERS_ENABLED": True,
    "LOGIN_RATE_LIMIT_IP": "20 per minute",
    "LOGIN_RATE_LIMIT_ACCOUNT": "5 per minute;30 per hour",
    "API_TITLE": "BetterBack API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    "OPENAPI_SWAGGER_UI_URL": "/api/v1/docs/assets/",
    "SESSION_IDLE_DAYS": 30,
}
