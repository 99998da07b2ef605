"""Every kind of access the server can log has words in both languages of the app, for the patient
("Läste din träningsdagbok") and for the clinic ("Läste: Dagbok"). A new patient route fails here
until its kind is translated in pwa/app/i18n/*.json."""
import json

from server.domain.access import kind_of
from server.pwa import PWA_DIR
from tests.test_authorization_walk import registered_routes

# Kinds named in code rather than derived from a route (server/api/*.py, server/jobs/retention.py);
# close, removal and create have a sentence of their own for the patient ("Skapade din journal").
NAMED = {"patient-list", "scores-export", "group-members", "removal", "review-queue", "message-inbox", "create",
         "level-observation"}


def test_every_logged_kind_has_patient_and_staff_words_in_both_languages(app):
    kinds = NAMED | {kind_of(rule) for _m, rule, _e in registered_routes(app)} - {None}
    for locale in ("sv", "en"):
        table = json.loads((PWA_DIR / "app" / "i18n" / f"{locale}.json").read_text(encoding="utf-8"))
        missing = sorted(k for k in kinds if f"access.staff.{k}" not in table or
                         (f"access.kind.{k}" not in table and k not in {"close", "removal", "create"}))
        assert missing == [], f"{locale}: {missing}"


def test_the_readme_names_every_logged_kind(app):
    """README's "Access log (what is logged)" lists every kind, so the documentation cannot fall behind."""
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Access log (what is logged).**", 1)[1].split("\n- **", 1)[0]
    kinds = NAMED | {kind_of(rule) for _m, rule, _e in registered_routes(app)} - {None}
    missing = sorted(k for k in kinds if f"`{k}`" not in section)
    assert missing == [], missing
