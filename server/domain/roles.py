"""Roles and the locale/time-zone rules every account follows."""
from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

STAFF_ROLES = ("admin", "therapist", "supervisor")
ROLES = (*STAFF_ROLES, "patient")
LOCALES = ("en", "sv")
DEFAULT_LOCALE = "en"

_ZONES = frozenset(available_timezones())
# Coordinated Universal Time is a real choice (travellers, servers, test phones), not an abbreviation of
# a region's zone: accept its IANA names although they have no region part.
_UNIVERSAL = frozenset({"UTC", "Etc/UTC"})


def is_valid_timezone(name: str) -> bool:
    """An IANA zone name such as Europe/Stockholm, or UTC (abbreviations like CET are refused)."""
    if name in _UNIVERSAL:
        return True
    if name not in _ZONES or "/" not in name or name.startswith("Etc/"):
        return False
    try:
        ZoneInfo(name)
    except ZoneInfoNotFoundError:
        return False
    return True


def negotiate_locale(accept_language: str | None) -> str:
    """Pick a supported locale from an Accept-Language header, by quality."""
    if not accept_language:
        return DEFAULT_LOCALE
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LOCALES and quality > 0:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else DEFAULT_LOCALE
