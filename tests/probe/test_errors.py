"""One JSON error shape for everything, with a stable code and text in the caller's language."""
import re

import pytest

from server.error_codes import CODES, text
from server.field_messages import SWEDISH, translate
from tests.conftest import PASSWORD, ApiClient

SHAPE = {"code", "status", "error", "message"}


def _is_error(response, status, code):
    body = response.get_json()
    assert response.status_code == status, body
    assert response.mimetype == "application/json"
    assert SHAPE <= set(body) and body["code"] == status and body["error"] == code and body["error"] in CODES
    return body


def test_every_code_has_both_languages():
    for code, (english, swedish) in CODES.items():
        assert english and swedish and english != swedish, code


def test_routing_and_protocol_errors(client):
    _is_error(client.get("/api/v1/no-such-thing"), 404, "not_found")
    _is_error(client.request("PUT", "/api/v1/exercises"), 405, "method_not_allowed")
    _is_error(client.get("/api/v1/exercises?x=" + "a" * 3000), 414, "uri_too_long")
    _is_error(client.post("/api/v1/auth/login", data="x" * 300_000, headers={"Content-Type": "application/json"}),
              413, "payload_too_large")
    _is_error(client.post("/api/v1/auth/login", data="email=a", headers={"Content-Type": "text/plain"}),
              415, "unsupported_media_type")
    _is_error(client.get("/api/v1/me"), 401, "sign_in_required")


def test_csrf_and_role_errors(care):
    p = care["p"]
    missing = p.http.open("/api/v1/auth/logout", method="POST")
    _is_error(missing, 403, "csrf")
    _is_error(p.get("/api/v1/staff"), 403, "forbidden_role")
    _is_error(care["t"].get("/api/v1/patients/2147483000"), 404, "patient_not_found")


def test_an_unexpected_error_is_a_500_in_the_same_shape(app, client, monkeypatch):
    from server.content.model import Library

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret detail 19121212-1212")

    monkeypatch.setattr(Library, "find_exercises", broken)
    body = _is_error(client.get("/api/v1/exercises", headers={"Accept-Language": "sv"}), 500, "server_error")
    assert body["message"] == text("server_error", "sv") and "19121212" not in str(body)


def test_validation_errors_in_the_browser_language_when_signed_out(client):
    english = _is_error(client.post("/api/v1/auth/login", json={"email": "x"}), 422, "invalid_input")
    assert english["errors"]["json"]["password"] == ["Missing data for required field."]
    swedish = _is_error(client.post("/api/v1/auth/login", json={"email": "x"},
                                    headers={"Accept-Language": "sv-SE,sv;q=0.9,en;q=0.5"}), 422, "invalid_input")
    assert swedish["message"] == text("invalid_input", "sv")
    assert swedish["errors"]["json"] == {"email": ["Inte en giltig e-postadress."],
                                         "password": ["Uppgiften saknas men krävs."]}
    german = _is_error(client.post("/api/v1/auth/login", json={"email": "x"}, headers={"Accept-Language": "de"}),
                       422, "invalid_input")
    assert german["message"] == text("invalid_input", "en")


def test_a_signed_in_account_gets_its_own_language_whatever_the_browser_says(care, today):
    t = care["t"]   # staff accounts are Swedish by default
    response = t.put(f"{care['base']}/contract", headers={"Accept-Language": "en"}, json={
        "training_form": "walking", "sessions_per_week": 3, "capable_minutes": 25, "goal_minutes": 45,
        "start_date": today.isoformat(), "training_days": [1, 3], "reminder_time": "18:00"})
    body = _is_error(response, 422, "invalid_input")
    assert body["errors"]["json"]["training_days"] == ["Välj 3 träningsdagar, en för varje pass i veckan."]


def test_service_errors_carry_their_code_and_parameters(contracted, today):
    p = contracted["p"]
    response = p.patch("/api/v1/patients/me", json={"name": "New name"})
    body = _is_error(response, 422, "name_locked")
    assert body["errors"]["json"]["name"] == [text("name_locked", "sv")]


def test_the_rate_limit_answer_has_the_shape(app, make):
    therapist = make.staff("therapist")
    client = ApiClient(app)
    for _ in range(5):
        client.post("/api/v1/auth/login", json={"email": therapist["email"], "password": "wrong password!"})
    _is_error(client.post("/api/v1/auth/login", json={"email": therapist["email"], "password": PASSWORD}),
              429, "rate_limited")


@pytest.mark.parametrize("english", sorted(SWEDISH))
def test_every_known_field_message_comes_out_in_swedish(english):
    names = re.findall(r"(?<!\{)\{([a-z_]+)\}(?!\})", english)
    values = {name: f"<{name}>" for name in names}
    message = english.format(**values)
    assert translate(message, "sv") == SWEDISH[english].format(**values)
    assert translate(message, "en") == message


def test_the_readme_lists_every_code():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    listed = readme.split("### Errors", 1)[1].split("## Security", 1)[0]
    assert [code for code in CODES if f"`{code}`" not in listed] == []


ODD_NAMES = ["a%00b.js", "%00", "x%00/../main.js", "%ff%fe", "a%0a", "%c0%ae%c0%ae/x", "..%2f..%2fetc/passwd",
             "a" * 300 + ".js", ("d" * 200 + "/") * 3 + "x.js", "%e2%80%ae.js", "main.js%00.png", "con", "a\\b.js"]
STATIC_PREFIXES = ["/app/", "/v/x/app/", "/v/%00/app/", "/api/v1/docs/assets/", "/content/illustrations/"]


@pytest.mark.parametrize("prefix", STATIC_PREFIXES)
@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_bytes_in_a_static_path_are_a_404_never_a_500(client, prefix, name):
    response = client.get(prefix + name)
    assert response.status_code in (400, 404), (prefix + name, response.status_code)
