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
    ("BETTERBACK_REMINDER_LEASE_SECONDS", "5"),
    ("BETTERBACK_REMINDER_LEASE_SECONDS", "soon"),
    ("BETTERBACK_PUBLIC_URL", "javascript:alert(1)"),
    ("BETTERBACK_PUBLIC_URL", "ftp://files.region.se"),
    ("BETTERBACK_PUBLIC_URL", "//app.region.se"),
    ("BETTERBACK_PUBLIC_URL", "app.region.se"),
    ("BETTERBACK_PUBLIC_URL", "https://"),
    ("BETTERBACK_PUBLIC_URL", "https://user:secret@app.region.se"),
    ("BETTERBACK_PUBLIC_URL", "https://app.region.se/?next=evil"),
    ("BETTERBACK_PUBLIC_URL", "https://app.region.se/#x"),
    ("BETTERBACK_PUBLIC_URL", "https://app.region.se:99999"),
    ("BETTERBACK_PUBLIC_URL", "https://app.region.se/a b"),
    ("BETTERBACK_PUSH_HOSTS", "fcm.googleapis.com,10.0.0.1"),
    ("BETTERBACK_PUSH_HOSTS", "192.168.1.5:443"),
    ("BETTERBACK_PUSH_HOSTS", "172.16.0.9"),
    ("BETTERBACK_PUSH_HOSTS", "127.0.0.1"),
    ("BETTERBACK_PUSH_HOSTS", "169.254.169.254"),
    ("BETTERBACK_PUSH_HOSTS", "*.10.0.0.1"),
    ("BETTERBACK_PUSH_HOSTS", "0.0.0.0"),
    ("BETTERBACK_PUSH_HOSTS", "2130706433"),
    ("BETTERBACK_PUSH_HOSTS", "127.1"),
    ("BETTERBACK_PUSH_HOSTS", "0x7f.0.0.1"),
    ("BETTERBACK_PUSH_HOSTS", "localhost"),
    ("BETTERBACK_PUSH_HOSTS", "http://10.1.2.3:8990"),
    ("BETTERBACK_PUSH_HOSTS", "http://169.254.169.254:80"),
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
    monkeypatch.setenv("BETTERBACK_PUSH_HOSTS", "fcm.googleapis.com,*.push.apple.com,http://localhost:8990,"
                                                "http://127.0.0.1:8991,push.example.org:8443")
    monkeypatch.setenv("BETTERBACK_PUBLIC_URL", "https://app.region.se/")
    app = create_app()
    assert app.config["INVITE_TTL_HOURS"] == 720 and "http://localhost:8990" in app.config["PUSH_HOSTS"]
    assert "http://127.0.0.1:8991" in app.config["PUSH_HOSTS"]   # the local test service's form, on loopback
    assert app.config["PUBLIC_URL"] == "https://app.region.se"


def test_a_public_url_on_a_local_network_address_is_fine(monkeypatch, tmp_path):
    monkeypatch.setenv("BETTERBACK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("BETTERBACK_PUBLIC_URL", "http://192.168.1.10:5000")   # the README's phone-on-wifi tip
    assert create_app().config["PUBLIC_URL"] == "http://192.168.1.10:5000"


def test_the_command_says_which_variable_in_one_line(tmp_path):
    env = {**os.environ, "BETTERBACK_INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "postgresql://"}
    result = subprocess.run([sys.executable, "-m", "server.cli", "db", "upgrade"], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "configuration error: DATABASE_URL" in result.stderr and "Traceback" not in result.stderr


# --- a serving process refuses to start without what it needs (issue 21, finding 6) -----------

def _migrated(tmp_path, revision: str = "head") -> str:
    from server.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'bb.db'}"
    upgrade(url, revision)
    return url


def _previous_revision() -> str:
    from alembic.script import ScriptDirectory

    from server.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config("sqlite:///unused.db"))
    return script.get_revision(script.get_current_head()).down_revision


@pytest.mark.parametrize("state, problem", [
    ("missing", "there is no database file"),
    ("empty", "has no tables yet: run `betterback db upgrade`"),
    ("behind", "this release needs"),
    ("not a database", "cannot open the database"),
])
def test_a_missing_empty_or_unmigrated_database_is_refused(tmp_path, state, problem):
    from server.startup import check_database

    url = f"sqlite:///{tmp_path / 'bb.db'}"
    if state == "empty":
        (tmp_path / "bb.db").touch()
    elif state == "behind":
        url = _migrated(tmp_path, _previous_revision())
    elif state == "not a database":
        (tmp_path / "bb.db").write_bytes(b"this is no SQLite file " * 100)
    with pytest.raises(config.ConfigError, match="DATABASE_URL") as refused:
        check_database(url)
    assert problem in str(refused.value) and "\n" not in str(refused.value)
    assert state != "missing" or not (tmp_path / "bb.db").exists()   # the check never creates the file


def test_an_unreachable_database_is_refused_in_one_line():
    from server.startup import check_database

    with pytest.raises(config.ConfigError, match="DATABASE_URL: cannot open the database") as refused:
        check_database("postgresql+psycopg://postgres@127.0.0.1:1/betterback")
    assert "\n" not in str(refused.value)


def test_a_migrated_database_passes(backend):
    from server.startup import check_database

    check_database(backend)   # the suite's migrated database: SQLite, and PostgreSQL when configured


@pytest.mark.parametrize("storage, workers, enabled, refused", [
    ("memory://", 1, True, False),
    ("memory://", 2, True, True),
    ("memory://", 3, True, True),
    ("memory://", 3, False, False),     # the limits switched off (load and browser tests): nothing to share
    ("redis://127.0.0.1:6379/0", 3, True, False),
])
def test_memory_rate_limits_are_refused_with_more_than_one_worker(storage, workers, enabled, refused):
    from server.startup import check_rate_limit_storage

    if refused:
        with pytest.raises(config.ConfigError, match=f"RATELIMIT_STORAGE_URI .* {workers} workers"):
            check_rate_limit_storage(storage, workers, enabled=enabled)
    else:
        check_rate_limit_storage(storage, workers, enabled=enabled)


def _gunicorn(tmp_path, *args: str, env: dict | None = None, timeout: float = 60):
    environment = {**os.environ, "BETTERBACK_INSTANCE_PATH": str(tmp_path / "instance"),
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'bb.db'}", "PYTHONPATH": str(ROOT), **(env or {})}
    for name in ("RATELIMIT_STORAGE_URI", "BETTERBACK_RATELIMIT", "WEB_CONCURRENCY", "GUNICORN_CMD_ARGS"):
        if name not in (env or {}):
            environment.pop(name, None)
    return subprocess.run([sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", *args, "server.wsgi:app"],
                          env=environment, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("args, env", [(("--workers", "3"), {}), ((), {"WEB_CONCURRENCY": "2"})])
def test_gunicorn_with_several_workers_on_memory_limits_stops_naming_the_setting(tmp_path, args, env):
    _migrated(tmp_path)
    result = _gunicorn(tmp_path, *args, env=env)
    assert result.returncode != 0       # stops, instead of booting the workers again and again
    refusals = [line for line in result.stderr.splitlines() if line.startswith("configuration error:")]
    assert refusals and "RATELIMIT_STORAGE_URI is memory://" in refusals[0]


def test_gunicorn_without_a_migrated_database_stops_with_the_fix(tmp_path):
    result = _gunicorn(tmp_path, "--workers", "1")
    assert result.returncode != 0
    assert "configuration error: DATABASE_URL: there is no database file" in result.stderr
    assert "run `betterback db upgrade`" in result.stderr and "Traceback" not in result.stderr


def test_the_scheduler_refuses_an_unmigrated_database_and_db_upgrade_still_creates_it(tmp_path):
    env = {**os.environ, "BETTERBACK_INSTANCE_PATH": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bb.db'}"}

    def betterback(*args):
        return subprocess.run([sys.executable, "-m", "server.cli", *args], env=env, cwd=ROOT, capture_output=True,
                              text=True, timeout=60)

    refused = betterback("scheduler")
    # one line says what is wrong and how to fix it (warnings logged on the way, e.g. missing packs, aside)
    errors = [line for line in refused.stderr.strip().splitlines() if " WARNING " not in line]
    assert refused.returncode == 2 and errors == [
        f"configuration error: DATABASE_URL: there is no database file at {tmp_path / 'bb.db'}: "
        "run `betterback db upgrade`"]
    assert betterback("db", "upgrade").returncode == 0 and (tmp_path / "bb.db").is_file()


def test_every_variable_the_settings_read_is_in_the_readme_configuration_table():
    import re

    source = (ROOT / "server" / "config.py").read_text()
    read = set(re.findall(r"\w+\(\"([A-Z][A-Z0-9_]{3,})\"", source))
    table = (ROOT / "README.md").read_text().split("## Configuration", 1)[1].split("\n## ", 1)[0]
    assert {"DATABASE_URL", "BETTERBACK_RATELIMIT", "BETTERBACK_PUBLIC_URL"} <= read
    assert sorted(name for name in read if f"| `{name}` |" not in table) == []
