"""Small things the blueprints share."""
from __future__ import annotations

from datetime import date

from flask import current_app, request
from flask_login import current_user

from server.content.model import Library
from server.domain.roles import negotiate_locale
from server.services.clock import local_today


def library() -> Library:
    return current_app.extensions["bb_content"]


def locale(explicit: str | None = None) -> str:
    if explicit:
        return explicit
    if current_user.is_authenticated:
        return current_user.locale
    return negotiate_locale(request.headers.get("Accept-Language"))


def today_for(user) -> date:
    """Today in that person's own time zone."""
    return local_today(user.timezone)
