"""Serves the installable app under pwa/: the shell, its service worker and manifest, its assets.

A fast cold start (issue 8):
- every text file goes out compressed (br or gzip; server/static_files.py);
- the app's files are also served under a versioned path, /v/<version>/app/..., where <version> is
  the content hash tools/pwa_precache.py writes into pwa/app/precache.js. Those responses never change,
  so they are cached for a year as `immutable`. index.html is rewritten to load the app from there, so
  the relative imports between modules stay on the same version without a bundler;
- index.html lists every module main.js imports, directly or not, as <link rel="modulepreload">: the
  browser fetches them all at once instead of discovering them level by level.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Flask, abort, request

from server import permissions as perm
from server.config import REPO_ROOT
from server.domain.roles import negotiate_locale
from server.static_files import encode, encoded_file, mimetype_for, respond

PWA_DIR = Path(REPO_ROOT / "pwa")
APP_DIR = PWA_DIR / "app"
# Scripts, styles, images and API calls only from this server; no inline script, no frames.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
REVALIDATE = "no-cache"                                  # always revalidate: a new release shows up at once
IMMUTABLE = "public, max-age=31536000, immutable"
IMPORT = re.compile(r"""(?:^|;|\n)\s*(?:import|export)\s[^'"]*?from\s*["'](\.{1,2}/[^"']+)["']""")

bp = Blueprint("pwa", __name__)


def _stamp(*paths: Path) -> tuple:
    return tuple(p.stat().st_mtime_ns for p in paths)


@lru_cache(maxsize=4)
def _version(_stamp: tuple) -> str:
    text = (APP_DIR / "precache.js").read_text()
    return json.loads(text[text.index("{"):text.rindex("}") + 1])["version"]


def version() -> str:
    return _version(_stamp(APP_DIR / "precache.js"))


def module_graph(entry: Path = APP_DIR / "main.js") -> list[str]:
    """Every module `entry` imports, directly or not, as paths under app/ (breadth first)."""
    seen, queue = [], [entry]
    while queue:
        current = queue.pop(0)
        for target in IMPORT.findall(current.read_text()):
            path = (current.parent / target).resolve()
            rel = path.relative_to(APP_DIR.resolve()).as_posix()
            if rel not in seen:
                seen.append(rel)
                queue.append(path)
    return seen


@lru_cache(maxsize=4)
def _index(_stamp: tuple, ver: str):
    html = (PWA_DIR / "index.html").read_text().replace('"/app/', f'"/v/{ver}/app/')
    preloads = "".join(f'<link rel="modulepreload" href="/v/{ver}/app/{m}">\n' for m in module_graph())
    html = html.replace('<script type="module"', preloads + '<script type="module"', 1)
    return encode(html.encode(), True)


def _send(path: Path, *, cache_control: str = REVALIDATE, body=None, mimetype: str | None = None):
    if body is None:
        if not path.is_file():
            abort(404)
        body = encoded_file(path)
    response = respond(body, mimetype=mimetype or mimetype_for(path), cache_control=cache_control)
    response.headers["Content-Security-Policy"] = CSP
    return response


def _safe(filename: str) -> Path:
    """The file under app/ the path names; 404 for anything else, including names the file system
    cannot hold (a NUL byte, a name too long), which would otherwise raise from resolve() or stat()."""
    try:
        path = (APP_DIR / filename).resolve()
        inside = APP_DIR.resolve() in path.parents and path.is_file()
    except (ValueError, OSError):
        abort(404)
    if not inside:
        abort(404)
    return path


@bp.route("/", methods=["GET"])
@perm.authorize(perm.PUBLIC)
def index():
    ver = version()
    return _send(PWA_DIR / "index.html", body=_index(_stamp(PWA_DIR / "index.html", APP_DIR / "precache.js"), ver),
                 mimetype="text/html")


@bp.route("/sw.js", methods=["GET"])
@perm.authorize(perm.PUBLIC)
def service_worker():
    response = _send(PWA_DIR / "sw.js")
    response.headers["Service-Worker-Allowed"] = "/"
    return response


# The manifest in the browser's language: its name, description and shortcut (Accept-Language; the
# browser fetches the manifest without cookies, so the account's language is not known here).
MANIFEST_TEXT = {
    "sv": {"description": "Din ryggträning dag för dag: övningar, träningsdagbok och kunskap om ländryggssmärta.",
           "shortcut": "Logga ett pass", "shortcut_short": "Logga"},
    "en": {"description": "Your back training, day by day: exercises, training diary and education for low back pain.",
           "shortcut": "Log a session", "shortcut_short": "Log"},
}


@lru_cache(maxsize=8)
def _manifest(_stamp: tuple, lang: str):
    manifest = json.loads((PWA_DIR / "manifest.webmanifest").read_text())
    words = MANIFEST_TEXT[lang]
    manifest["lang"] = lang
    manifest["description"] = words["description"]
    for shortcut in manifest.get("shortcuts", []):
        if shortcut.get("url") == "/#/log":
            shortcut["name"], shortcut["short_name"] = words["shortcut"], words["shortcut_short"]
    return encode(json.dumps(manifest, ensure_ascii=False, indent=1).encode(), True)


@bp.route("/manifest.webmanifest", methods=["GET"])
@perm.authorize(perm.PUBLIC)
def manifest():
    lang = negotiate_locale(request.headers.get("Accept-Language"))
    path = PWA_DIR / "manifest.webmanifest"
    response = _send(path, body=_manifest(_stamp(path), lang), mimetype="application/manifest+json")
    response.vary.add("Accept-Language")
    return response


@bp.route("/app/<path:filename>", methods=["GET"])
@perm.authorize(perm.PUBLIC)
def asset(filename: str):
    """App assets at their plain path: revalidated on every load (ETag)."""
    return _send(_safe(filename))


@bp.route("/v/<string:ver>/app/<path:filename>", methods=["GET"])
@perm.authorize(perm.PUBLIC)
def versioned_asset(ver: str, filename: str):
    """App assets of one release: cached for a year. An older release's path still answers (with the
    current file, revalidated), so a page open during a release keeps working."""
    return _send(_safe(filename), cache_control=IMMUTABLE if ver == version() else REVALIDATE)


def register(app: Flask) -> None:
    app.register_blueprint(bp)
