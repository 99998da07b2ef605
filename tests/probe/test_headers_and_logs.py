"""Probe finding 11: HSTS, a CSP on the API docs, escaped access-log lines, JSON 414."""
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from server.gunicorn_log import SafeLogger, escape


def test_hsts_when_cookies_are_secure(client):
    response = client.get("/api/v1/exercises")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=63072000")


def test_no_hsts_on_plain_http_localhost(tmp_path, backend):
    from tests.conftest import make_test_app

    app = make_test_app(backend, tmp_path, SESSION_COOKIE_SECURE=False)
    assert "Strict-Transport-Security" not in app.test_client().get("/api/v1/exercises").headers


def test_the_api_docs_run_under_a_csp_that_allows_only_their_own_script(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "'sha256-" in policy and "unsafe-eval" not in policy
    assert "script-src 'self' 'sha256-" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_a_newline_in_the_path_cannot_forge_an_access_log_line():
    forged = '/x\n127.0.0.1 "GET /admin" 200'
    assert escape(forged) == '/x\\x0a127.0.0.1 "GET /admin" 200'
    response = SimpleNamespace(status="200 OK", headers=[], sent=10, response_length=10, status_code=200)
    request = SimpleNamespace(headers=[], method="GET", path=forged, query="", uri="/x%0A", version=(1, 1))
    environ = {"REMOTE_ADDR": "127.0.0.1", "PATH_INFO": forged, "QUERY_STRING": "", "REQUEST_METHOD": "GET",
               "SERVER_PROTOCOL": "HTTP/1.1", "RAW_URI": "/x%0A"}
    plain = Logger(Config()).atoms(response, request, environ, timedelta(seconds=0.1))
    safe = SafeLogger(Config()).atoms(response, request, environ, timedelta(seconds=0.1))
    assert "\n" in plain["U"] and "\n" not in safe["U"] and safe["U"] == escape(forged)


def test_a_very_long_address_is_a_json_414(client):
    response = client.get("/api/v1/exercises?x=" + "a" * 3000)
    assert response.status_code == 414 and response.get_json()["error"] == "uri_too_long"


EVERY_KIND = ["/", "/app/main.js", "/sw.js", "/manifest.webmanifest", "/api/v1/exercises", "/api/v1/docs",
              "/api/v1/docs/assets/swagger-ui.css", "/api/v1/openapi.json", "/no-such-page", "/app/no-such.js",
              "/api/v1/no-such-thing", "/api/v1/me"]


@pytest.mark.parametrize("path", EVERY_KIND)
def test_every_response_has_a_csp_a_permissions_policy_and_coop(client, path):
    headers = client.get(path).headers
    assert "default-src" in headers["Content-Security-Policy"] and "frame-ancestors 'none'" in headers[
        "Content-Security-Policy"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(item.strip().split("=", 1) for item in headers["Permissions-Policy"].split(","))
    assert policy["camera"] == policy["microphone"] == policy["geolocation"] == policy["payment"] == "()"
    assert policy["clipboard-write"] == "(self)"   # the staff screens copy invitation links
    assert policy["screen-wake-lock"] == "(self)"  # the guided session keeps the screen on (issue 17)


def test_the_docs_assets_and_pages_outside_the_api_may_load_nothing(client):
    for path in ("/api/v1/docs/assets/swagger-ui.css", "/no-such-page"):
        assert client.get(path).headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
