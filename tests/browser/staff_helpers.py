"""Shared by the staff workspace browser tests: who signs in, the two screen sizes."""
from __future__ import annotations

THERAPIST = "therapist@demo.betterback.se"
ADMIN = "admin@demo.betterback.se"
SUPERVISOR = "supervisor@demo.betterback.se"
PIA = "patient1@demo.betterback.se"
WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def staff(app_page, who, *, viewport=WIDE, locale="sv-SE"):
    app = app_page(locale=locale, viewport=viewport)
    app.login(who)
    return app


def pid(live_server, name):
    rows = live_server.api(THERAPIST).call("GET", "/patients")
    return next(p["id"] for p in rows if p["name"] == name)
