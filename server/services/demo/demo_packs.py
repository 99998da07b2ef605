"""Placeholder questionnaire packs for the demo clinic only: our neutral labels, marked `source: demo
placeholder`, so the demo can show every questionnaire; every score from them is labelled
"demo wording: not valid for clinical use" (server/domain/wording.py)."""
from __future__ import annotations

from pathlib import Path

import yaml

from server.content.questionnaires import load_questionnaires, missing_packs
from server.domain import wording


def _pack(spec: dict, locale: str, source: str, version: str) -> dict:
    return {"instrument": spec["id"], "locale": locale, "source": source, "version": version,
            "title": spec["title"],
            "items": [{"key": item["key"], "label": item["label"],
                       "codes": [{"code": a["code"], "label": a["label"]} for a in item["answers"]]}
                      for item in spec["items"]]}


def write_packs(content_root: str | Path, instance_path: str | Path, *, source: str, version: str) -> None:
    """A pack of our neutral labels for every missing one, marked with `source` (a clinic's own packs stay)."""
    loaded = load_questionnaires(content_root, instance_path)
    folder = Path(instance_path) / "content-packs" / "questionnaires"
    for ident, locale in missing_packs(loaded):
        folder.mkdir(parents=True, exist_ok=True)
        text = "# placeholder: NOT the licensed wording\n"
        pack = _pack(loaded[locale][ident], locale, source, version)
        (folder / f"{ident}.{locale}.yaml").write_text(text + yaml.safe_dump(pack, allow_unicode=True, sort_keys=False))


def install(content_root: str | Path, instance_path: str | Path) -> dict:
    """The demo's placeholders written; the questionnaires reloaded with them."""
    write_packs(content_root, instance_path, source=wording.DEMO_SOURCE, version="demo")
    return load_questionnaires(content_root, instance_path)

