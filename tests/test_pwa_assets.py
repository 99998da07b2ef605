"""The app shell is sent compressed, versioned and cached long, with its modules preloaded."""
import gzip
import json
import re

import brotli

from server.pwa import module_graph, version


def test_index_points_at_the_versioned_app_and_preloads_every_module(client):
    response = client.get("/", headers={"Accept-Encoding": "br"})
    html = brotli.decompress(response.data).decode()
    ver = version()
    assert response.headers["Content-Encoding"] == "br" and response.headers["Cache-Control"] == "no-cache"
    assert f'<script type="module" src="/v/{ver}/app/main.js">' in html
    preloaded = re.findall(r'<link rel="modulepreload" href="/v/[0-9a-f]+/app/([^"]+)">', html)
    assert set(preloaded) == set(module_graph()) and "lib/api.js" in preloaded and "patient/today.js" in preloaded
    assert "Content-Security-Policy" in response.headers


def test_versioned_assets_are_immutable_and_compressed_as_the_browser_accepts(client):
    ver = version()
    br = client.get(f"/v/{ver}/app/main.js", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br.headers["Content-Encoding"] == "br" and "immutable" in br.headers["Cache-Control"]
    assert "Accept-Encoding" in br.headers["Vary"]
    plain = client.get(f"/v/{ver}/app/main.js", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert brotli.decompress(br.data) == plain.data and len(br.data) < len(plain.data) / 2
    gz = client.get(f"/v/{ver}/app/styles.css", headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and b"{" in gzip.decompress(gz.data)
    again = client.get(f"/v/{ver}/app/main.js", headers={"Accept-Encoding": "br", "If-None-Match": br.headers["ETag"]})
    assert again.status_code == 304
    old = client.get("/v/0000000000000000/app/main.js")
    assert old.status_code == 200 and old.headers["Cache-Control"] == "no-cache"   # an older page still works
    assert client.get(f"/v/{ver}/app/../../server/app.py").status_code == 404


def test_the_manifest_speaks_the_browsers_language_with_a_log_shortcut_and_screenshots(client):
    sv = json.loads(client.get("/manifest.webmanifest", headers={"Accept-Language": "sv-SE"}).data)
    en = json.loads(client.get("/manifest.webmanifest", headers={"Accept-Language": "en-GB,en"}).data)
    assert (sv["lang"], en["lang"]) == ("sv", "en")
    assert sv["shortcuts"][0]["name"] == "Logga ett pass" and en["shortcuts"][0]["name"] == "Log a session"
    assert sv["shortcuts"][0]["url"] == "/#/log"
    assert {s["form_factor"] for s in sv["screenshots"]} == {"narrow", "wide"}
    for shot in sv["screenshots"]:
        assert client.get(shot["src"]).status_code == 200


def test_precompressed_copies_are_used_only_for_the_content_they_were_made_from(tmp_path, monkeypatch):
    from server import static_files

    data = b"console.log('BetterBack');\n" * 40
    key = static_files.content_key(data)
    (tmp_path / f"{key}.gz").write_bytes(b"stored-gz")
    (tmp_path / f"{key}.br").write_bytes(b"stored-br")
    monkeypatch.setattr(static_files, "PRECOMPRESSED", tmp_path)
    stored = static_files.encode(data, True)
    assert (stored.gzip, stored.br) == (b"stored-gz", b"stored-br")        # made at build, not per request
    changed = static_files.encode(data + b"//", True)                       # no copy for new content:
    assert brotli.decompress(changed.br) == data + b"//"                    # compressed here, correctly
