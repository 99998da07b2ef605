"""Probe finding 9: every malformed setting stops the start-up, naming the variable."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from server import config
from server.app import create_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name, value", [
    ("DATABASE_URL", "postgresql://"),
    ("DATABASE_URL", "postgresql://127.0.0.1:5432"),
    ("DATABASE_URL", "sqlite:"),
    ("DATABASE_URL", "sqlite://"),
    ("DATABASE_URL", "mysql://db/x"),
    ("VAPID_PRIVATE_KEY", "not a key"),
    ("VAPID_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
    ("BETTERBACK_INVITE_TTL_HOURS", "999999999999"),
    ("BETTERBACK_INVITE_TTL_HOURS", "0"),
    ("VAPID_SUBJECT", "garbage"),
    ("VAPID_SUBJECT", "mailto:admin@localhost"),
    ("SECRET_KEY", "a"),
    ("SECRET_KEY", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
    ("RATELIMIT_STORAGE_URI", "mongodb://x"),
    ("BETTERBACK_PUSH_HOSTS", "fcm.googleapis.com, not a host"),
    ("BETTERBACK_SECURE_COOKIES", "maybe"),
])
def test_a_bad_setting_is_refused_naming_the_variable(monkeypatch, tmp_path, name, value):
    monkeypatch.setenv("BETTERBACK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv(name, value)
    with pytest.raises(config.ConfigError, match=name):
        create_app()


def test_an_unreachable_redis_is_refused_at_start_up(monkeypatch, tmp_path):
    monkeypatch.setenv("BETTERBACK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:1/0")
    with pytest.raises(config.ConfigError, match="RATELIMIT_STORAGE_URI"):
        create_app()


def test_good_settings_start(monkeypatch, tmp_path):
    monkeypatch.setenv("BETTERBACK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "f3b2c9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8")
    monkeypatch.setenv("VAPID_SUBJECT", "https://betterback.example.se/contact")
    monkeypatch.setenv("BETTERBACK_INVITE_TTL_HOURS", "720")
    monkeypatch.setenv("BETTERBACK_PUSH_HOSTS", "fcm.googleapis.com,*.push.apple.com,http://localhost:8990")
    app = create_app()
    assert app.config["INVITE_TTL_HOURS"] == 720 and "http://localhost:8990" in app.config["PUSH_HOSTS"]


def test_the_command_says_which_variable_in_one_line(tmp_path):
    env = {**os.environ, "BETTERBACK_INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "postgresql://"}
    result = subprocess.run([sys.executable, "-m", "server.cli", "db", "upgrade"], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "configuration error: DATABASE_URL" in result.stderr and "Traceback" not in result.stderr
