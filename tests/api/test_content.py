"""The content API: filters, locales, sanitised HTML, ETags and caching."""
import pytest


def test_the_library_holds_the_whole_program_in_both_locales(client):
    for locale in ("en", "sv"):
        items = client.get(f"/api/v1/exercises?locale={locale}").get_json()
        by_part = {}
        for item in items:
            by_part.setdefault(item["part"], []).append(item)
        assert {part: len(found) for part, found in by_part.items()} == {
            "1": 8, "2": 30, "rom": 9, "stretch": 5, "general": 1}
        assert [e["code"] for e in by_part["1"]] == ["1a", "1b", "2a", "2b", "2c", "3a", "3b", "3c"]
        assert [e["code"] for e in by_part["2"]][:4] == ["1A", "1B", "1C", "2A"]
        assert [e["code"] for e in by_part["2"]][-1] == "10C"
        assert len({e["family"] for e in by_part["2"]}) == 10
        assert all(e["locale"] == locale for e in items)


def test_filters_combine(client):
    items = client.get("/api/v1/exercises?part=2&level=B&locale=en").get_json()
    assert len(items) == 10 and {e["level"] for e in items} == {"B"}
    bridge = client.get("/api/v1/exercises?family=bridge&locale=en").get_json()
    assert [e["id"] for e in bridge] == ["p2-bridge-a", "p2-bridge-b", "p2-bridge-c"]


def test_the_equipment_filter(client):
    bands = client.get("/api/v1/exercises?equipment=theraband&locale=en").get_json()
    assert bands and all("theraband" in e["equipment"] for e in bands)
    bare = client.get("/api/v1/exercises?equipment=none&locale=en").get_json()
    assert bare and all(e["equipment"] == [] for e in bare)
    everything = client.get("/api/v1/exercises?locale=en").get_json()
    assert len(bare) + len([e for e in everything if e["equipment"]]) == len(everything)
    both = client.get("/api/v1/exercises?equipment=chair&part=1&locale=en").get_json()
    assert all(e["part"] == "1" and "chair" in e["equipment"] for e in both)


@pytest.mark.parametrize("query, field", [
    ("locale=fi", "locale"), ("part=3", "part"), ("level=D", "level"), ("family=yoga", "family"),
    ("equipment=trampoline", "equipment"),
])
def test_bad_filters_are_422_with_the_parameter_named(client, query, field):
    response = client.get(f"/api/v1/exercises?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["query"]


def test_one_exercise_has_instructions_dosage_and_level_links(client):
    response = client.get("/api/v1/exercises/p2-bridge-b?locale=sv")
    assert response.status_code == 200
    body = response.get_json()
    assert body["previous_level"] == "p2-bridge-a" and body["next_level"] == "p2-bridge-c"
    assert body["locale"] == "sv" and body["html"].startswith("<h2>")
    assert set(body["dosage"]) == {"sets", "repetitions", "hold_seconds", "each_side"}
    svg = client.get(body["illustration_url"])
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert "default-src 'none'" in svg.headers["Content-Security-Policy"]


def test_unknown_ids_are_404(client):
    assert client.get("/api/v1/exercises/p9-nothing").status_code == 404
    assert client.get("/api/v1/education/nothing").status_code == 404


def test_locale_follows_accept_language_when_not_given(client):
    sv = client.get("/api/v1/exercises/p1-1a", headers={"Accept-Language": "sv-SE,sv;q=0.9"}).get_json()
    en = client.get("/api/v1/exercises/p1-1a", headers={"Accept-Language": "en-GB"}).get_json()
    assert sv["locale"] == "sv" and en["locale"] == "en" and sv["title"] != en["title"]


def test_education_lists_brochure_then_seminar(client):
    items = client.get("/api/v1/education?locale=en").get_json()
    assert [i["kind"] for i in items] == ["brochure"] * 4 + ["seminar"] * 4
    assert [i["session"] for i in items if i["kind"] == "seminar"] == [1, 2, 3, 4]
    seminars = client.get("/api/v1/education?kind=seminar&locale=sv").get_json()
    assert len(seminars) == 4
    one = client.get(f"/api/v1/education/{seminars[0]['id']}?locale=sv").get_json()
    assert one["goals"] and "<h2>" in one["html"]


def test_seminar_leader_notes_are_for_staff_only(client, care):
    """Issue 16: the group leader's notes ("Skiss på whiteboard ...") are not in the public seminar."""
    path = "/api/v1/education/seminar-pain-physiology"
    public = client.get(f"{path}?locale=sv")
    assert "leader_notes" not in public.get_json() and "whiteboard" not in public.get_data(as_text=True)
    assert client.get(f"{path}/leader-notes?locale=sv").status_code == 401
    assert care["p"].get(f"{path}/leader-notes?locale=sv").status_code == 403
    notes = care["t"].get(f"{path}/leader-notes?locale=sv")
    assert notes.status_code == 200 and notes.headers["Cache-Control"] == "no-store"
    assert any(n.startswith("Skiss på whiteboard") for n in notes.get_json()["leader_notes"])
    assert care["t"].get("/api/v1/education/nothing/leader-notes").status_code == 404


def test_responses_carry_an_etag_and_answer_304(client):
    first = client.get("/api/v1/exercises?locale=en")
    assert first.headers["Cache-Control"] == "public, max-age=300"
    etag = first.headers["ETag"]
    again = client.get("/api/v1/exercises?locale=en", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other = client.get("/api/v1/exercises?locale=sv", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag
