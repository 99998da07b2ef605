"""Static files sent compressed (br or gzip, as the browser accepts), with an ETag and Vary.

The build step (`python3 tools/pwa_precache.py --compress`, run by scripts/run) writes each text file
of the app precompressed - brotli at its best quality and gzip -9 - to pwa/.compressed/, named by the
SHA-256 of the file's content, so a stale copy is never used. A file without one (a changed file, a
page rewritten at serve time) is compressed once per process and version of the file, not per request.
Images are sent as they are (PNG is compressed already).
"""
from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import brotli
from flask import Response, request

TEXT_TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json",
              ".html": "text/html", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}
MIN_SIZE = 512   # smaller bodies gain nothing from compression


@dataclass(frozen=True)
class Encoded:
    identity: bytes
    gzip: bytes | None
    br: bytes | None
    etag: str


PRECOMPRESSED = Path(__file__).resolve().parent.parent / "pwa" / ".compressed"


def content_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def precompress(data: bytes) -> tuple[bytes, bytes]:
    """(gzip, br) of a text file: the slow, best settings, done once."""
    return gzip.compress(data, 9, mtime=0), brotli.compress(data, quality=11)


def _stored(key: str) -> tuple[bytes, bytes] | None:
    gz, br = PRECOMPRESSED / f"{key}.gz", PRECOMPRESSED / f"{key}.br"
    if gz.is_file() and br.is_file():
        return gz.read_bytes(), br.read_bytes()
    return None


def encode(data: bytes, compress: bool) -> Encoded:
    key = content_key(data)
    if not compress or len(data) < MIN_SIZE:
        return Encoded(data, None, None, key[:20])
    gz, br = _stored(key) or precompress(data)
    return Encoded(data, gz, br, key[:20])


@lru_cache(maxsize=512)
def _encoded_file(path: str, size: int, mtime_ns: int) -> Encoded:
    file = Path(path)
    return encode(file.read_bytes(), file.suffix in TEXT_TYPES)


def encoded_file(path: Path) -> Encoded:
    stat = path.stat()
    return _encoded_file(str(path), stat.st_size, stat.st_mtime_ns)


def respond(body: Encoded, *, mimetype: str, cache_control: str) -> Response:
    """The best encoding the request accepts; 304 when its If-None-Match names this version."""
    choice = "identity"
    if body.br is not None or body.gzip is not None:
        accepted = request.accept_encodings
        options = [enc for enc in ("br", "gzip") if getattr(body, enc) is not None and accepted[enc]]
        if options:
            choice = max(options, key=lambda enc: (accepted[enc], enc == "br"))
    data = body.identity if choice == "identity" else getattr(body, choice)
    response = Response(data, mimetype=mimetype)
    if choice != "identity":
        response.headers["Content-Encoding"] = choice
    if body.br is not None:
        response.vary.add("Accept-Encoding")
    response.set_etag(f"{body.etag}-{choice}")
    response.headers["Cache-Control"] = cache_control
    return response.make_conditional(request)


def mimetype_for(path: Path) -> str:
    import mimetypes
    return TEXT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
