"""Secrets generated once into the instance folder: the session key and the VAPID key pair."""
from __future__ import annotations

import base64
import os
import secrets
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid


def _write_private(path: Path, data: bytes) -> None:
    """Create `path` atomically (readers never see half a key); FileExistsError if another process won."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o600)
        os.link(temporary, path)
    finally:
        os.unlink(temporary)


def secret_key(instance: Path) -> str:
    path = instance / "secret_key"
    if not path.exists():
        try:
            _write_private(path, secrets.token_hex(32).encode())
        except FileExistsError:  # another worker won the race; use its key
            pass
    return path.read_text().strip()


def vapid_private_key_path(instance: Path) -> Path:
    path = instance / "vapid_private.pem"
    if not path.exists():
        vapid = Vapid()
        vapid.generate_keys()
        try:
            _write_private(path, vapid.private_pem())
        except FileExistsError:
            pass
    return path


def vapid_public_key(private_pem_path: Path) -> str:
    """The application server key a browser needs, as unpadded base64url."""
    vapid = Vapid.from_file(str(private_pem_path))
    raw = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
