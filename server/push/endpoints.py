"""Which push endpoints the scheduler may POST to: https on the known push services only.

Anything else (private addresses, cloud metadata, local services) would let a signed-in user
make the server send requests inside its own network.
"""
from __future__ import annotations

from urllib.parse import urlsplit


def _host_matches(host: str, pattern: str) -> bool:
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and len(host) > len(pattern) - 1
    return host == pattern


def endpoint_allowed(url: str, allowed_hosts: tuple[str, ...]) -> bool:
    """True when `url` is https on an allowed host (default port unless the entry names one), or
    plain http on a host:port listed with `http://` (a local test push service)."""
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return False
    if not host or parts.username is not None or parts.password is not None:
        return False
    for entry in allowed_hosts:
        scheme = "http" if entry.startswith("http://") else "https"
        entry = entry.removeprefix("http://")
        pattern, _, entry_port = entry.partition(":")
        wanted_port = int(entry_port) if entry_port else None
        if parts.scheme == scheme and _host_matches(host, pattern) and \
                (port == wanted_port or (wanted_port is None and port in (None, 443) and scheme == "https")):
            return True
    return False
