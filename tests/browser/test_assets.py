"""Static checks of the app under pwa/ (no browser needed): translations, precache list, manifest,
and the rules the strict CSP and the privacy decisions impose on the code."""
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "pwa" / "app"
SOURCES = sorted(APP.rglob("*.js")) + [ROOT / "pwa" / "sw.js"]
KEY = re.compile(r"""["'`]((?:[a-z0-9]+_)*[a-z0-9]+\.[a-z0-9_.-]+)["'`]""")


def _strings(lang: str) -> dict:
    return json.loads((APP / "i18n" / f"{lang}.json").read_text())


def test_english_and_swedish_have_the_same_keys():
    en, sv = _strings("en"), _strings("sv")
    assert set(en) == set(sv), (set(en) ^ set(sv))
    assert all(isinstance(v, str) and v.strip() for v in [*en.values(), *sv.values()])


def test_every_literal_key_in_the_code_is_translated():
    en = _strings("en")
    prefixes = {k.split(".")[0] for k in en}
    missing = set()
    for path in SOURCES:
        for key in KEY.findall(path.read_text()):
            if key.split(".")[0] in prefixes and not re.search(r"\.(js|json|svg|png|webmanifest)$", key):
                if key not in en and f"{key}_one" not in en:
                    missing.add(f"{path.name}: {key}")
    assert not missing, sorted(missing)


def test_the_precache_list_is_current():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "pwa_precache.py"), "--check"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr


def test_manifest_is_installable():
    manifest = json.loads((ROOT / "pwa" / "manifest.webmanifest").read_text())
    for field in ("id", "name", "short_name", "start_url", "scope", "display", "theme_color", "background_color"):
        assert manifest.get(field), field
    assert manifest["display"] == "standalone"
    sizes = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert (ROOT / "pwa" / icon["src"].removeprefix("/")).exists(), icon["src"]


def test_code_obeys_the_csp_and_keeps_health_data_out_of_web_storage():
    index = (ROOT / "pwa" / "index.html").read_text()
    assert "<style" not in index and "style=" not in index
    assert re.findall(r"<script[^>]*>", index) == ['<script type="module" src="/app/main.js">']
    for path in SOURCES:
        text = path.read_text()
        assert "eval(" not in text and "new Function" not in text, path
        assert "setAttribute(\"style\"" not in text and "cssText" not in text, path
        assert "sessionStorage" not in text, path
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text.replace("https://push.example.test", "")), path
        for key in re.findall(r"localStorage\.\w+\(\s*([A-Za-z_\"'.]+)", text):
            assert key in {"KEY", "HINT", "DISMISS"}, (path, key)
    # The only values kept in localStorage: the language, {id, role} of the last account, a dismissed tip.
    assert 'const KEY = "bb.locale"' in (APP / "lib" / "i18n.js").read_text()
    assert 'const HINT = "bb.session"' in (APP / "lib" / "session.js").read_text()
    assert "JSON.stringify({ id: user.id, role: user.role })" in (APP / "lib" / "session.js").read_text()


def test_service_worker_caches_only_the_public_content_api():
    sw = (ROOT / "pwa" / "sw.js").read_text()
    assert 'const CONTENT_API = /^\\/api\\/v1\\/(exercises|education)(\\/[A-Za-z0-9_-]+)?$/;' in sw
    # put() for content, cacheFirst/staleWhileRevalidate (content, illustrations, shell), the navigation shell.
    assert sw.count("cache.put(") == 4 and sw.count("cache.addAll(") == 1
    assert 'cache.put("/", response.clone())' in sw
