"""Serves the installable app under pwa/: the shell, its service worker and manifest, its assets."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, send_from_directory

from server import permissions as perm
from server.config import REPO_ROOT

PWA_DIR = Path(REPO_ROOT / "pwa")
# Scripts, styles, images and API calls only from this server; no inline script, no frames.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")

bp = Blueprint("pwa", __name__)


def _send(filename: str, *, max_age: int = 0, mimetype: str | None = None):
    response = send_from_directory(PWA_DIR, filename, max_age=max_age, mimetype=mimetype)
    if max_age == 0:
        response.headers["Cache-Control"] = "no-cache"  # always revalidate: a new release shows up at once
    response.headers["Content-Security-Policy"] = CSP
    return response


@bp.route("/", methods=["GET"])
@perm.authorize(perm.PUBLIC)
def index():
    return _send("index.html")


@bp.route("/sw.js", methods=["GET"])
@perm.authorize(perm.PUBLIC)
def service_worker():
    response = _send("sw.js", mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.route("/manifest.webmanifest", methods=["GET"])
@perm.authorize(perm.PUBLIC)
def manifest():
    return _send("manifest.webmanifest", mimetype="application/manifest+json")


@bp.route("/app/<path:filename>", methods=["GET"])
@perm.authorize(perm.PUBLIC)
def asset(filename: str):
    """App assets: revalidated on every load (ETag), so the service worker's copy stays current."""
    return _send(f"app/{filename}")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
