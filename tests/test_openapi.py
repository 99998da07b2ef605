"""The OpenAPI document and a docs page that needs no internet."""
import re


def test_openapi_document_lists_the_api(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["info"]["title"] == "BetterBack API"
    for path in ("/api/v1/auth/login", "/api/v1/patients", "/api/v1/exercises/{exercise_id}", "/api/v1/me"):
        assert path in spec["paths"], path


def test_docs_page_loads_its_assets_from_this_server(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/api/v1/") for s in sources), sources
    for source in sources:
        assert client.get(source).status_code == 200, source


def test_unknown_api_paths_get_a_json_404_and_wrong_methods_a_405(client):
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["code"] == 404
    wrong = client.request("DELETE", "/api/v1/exercises")
    assert wrong.status_code == 405 and "GET" in wrong.headers["Allow"]
