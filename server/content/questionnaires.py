"""Questionnaire definitions for the app: content/questionnaires/instruments.yaml, with a clinic's
licensed wording from $BETTERBACK_INSTANCE_PATH/content-packs/questionnaires/ laid over it."""
from __future__ import annotations

from pathlib import Path

import yaml

from server.content.loader import ContentError, Problem
from server.domain import wording
from server.domain.proms import INSTRUMENTS
from server.domain.roles import LOCALES


def _answers(item: dict, locale: str) -> list[dict]:
    if "codes" in item:
        return [{"code": c["code"], "label": c[locale]} for c in item["codes"]]
    scale = item["scale"]
    anchors = {a["code"]: a[locale] for a in scale.get("anchors", [])}
    return [{"code": n, "label": anchors.get(n, str(n))} for n in range(scale["min"], scale["max"] + 1)]


def _render(ident: str, spec: dict, locale: str) -> dict:
    shipped = wording.wording_for(ident, locale, {})
    return {
        "id": ident, "title": spec["title"][locale], "licensed": bool(spec.get("licensed")),
        "wording": shipped.as_json() if shipped else None,
        "licence": spec.get("licence", ""), "copyright": spec.get("copyright"),
        "items": [{"key": item["key"], "label": item["label"][locale],
                   "text": (item.get("text") or {}).get(locale), "optional": bool(item.get("optional")),
                   "answers": _answers(item, locale)} for item in spec["items"]],
    }


def _overlay(rendered: dict, pack: dict, path: Path, problems: list[Problem]) -> None:
    items = {i["key"]: i for i in rendered["items"]}
    for key in ("source", "version"):
        if not isinstance(pack.get(key), str | int) or not str(pack[key]).strip():
            problems.append(Problem(str(path), f"'{key}' is required: say where the wording comes from"))
    missing = sorted(set(items) - {entry.get("key") for entry in pack.get("items", [])})
    if missing:   # a half-replaced questionnaire would mix our labels with the licensed wording
        problems.append(Problem(str(path), f"items {missing} of {rendered['id']} are missing"))
    rendered["title"] = pack.get("title", rendered["title"])
    rendered["source"] = str(pack.get("source", "")).strip() or None
    rendered["wording"] = {"source": rendered["source"], "version": str(pack.get("version", "")).strip() or None}
    for entry in pack.get("items", []):
        item = items.get(entry.get("key"))
        if item is None:
            problems.append(Problem(str(path), f"item '{entry.get('key')}' is not in {rendered['id']}"))
            continue
        item["label"] = entry.get("label", item["label"])
        item["text"] = entry.get("text", item["text"])
        labels = {c["code"]: c["label"] for c in entry.get("codes", [])}
        unknown = set(labels) - {a["code"] for a in item["answers"]}
        if unknown:
            problems.append(Problem(str(path), f"codes {sorted(unknown)} are not answers of {item['key']}"))
        for answer in item["answers"]:
            answer["label"] = labels.get(answer["code"], answer["label"])


def load_questionnaires(content_root: str | Path, instance_path: str | Path) -> dict[str, dict[str, dict]]:
    """locale -> instrument id -> definition; ContentError if the file and the scoring disagree."""
    path = Path(content_root) / "questionnaires" / "instruments.yaml"
    problems: list[Problem] = []
    specs = yaml.safe_load(path.read_text())["instruments"]
    for ident in INSTRUMENTS:
        keys = [i["key"] for i in specs.get(ident, {}).get("items", [])]
        if keys != [i.key for i in INSTRUMENTS[ident].items]:
            problems.append(Problem(str(path), f"'{ident}' items {keys} differ from the scoring's"))
    result = {locale: {ident: _render(ident, specs[ident], locale) for ident in INSTRUMENTS if ident in specs}
              for locale in LOCALES}
    packs = Path(instance_path) / "content-packs" / "questionnaires"
    for pack_path in sorted(packs.glob("*.yaml")) if packs.is_dir() else []:
        ident, _, locale = pack_path.stem.partition(".")
        if ident not in INSTRUMENTS or locale not in LOCALES:
            problems.append(Problem(str(pack_path), "name it <instrument>.<locale>.yaml"))
            continue
        _overlay(result[locale][ident], yaml.safe_load(pack_path.read_text()) or {}, pack_path, problems)
    if problems:
        raise ContentError(problems)
    return result


def installed_packs(questionnaires: dict[str, dict[str, dict]]) -> dict[tuple[str, str], wording.Wording]:
    """(instrument, locale) -> the wording of each installed clinic pack (demo placeholders included)."""
    return {(ident, locale): wording.Wording(spec["wording"]["source"], spec["wording"]["version"])
            for locale, specs in questionnaires.items() for ident, spec in specs.items()
            if spec.get("source") and spec.get("wording")}


def missing_packs(questionnaires: dict[str, dict[str, dict]]) -> list[tuple[str, str]]:
    """(instrument, locale) of every questionnaire that is not asked until a clinic installs its pack."""
    return wording.missing_packs(INSTRUMENTS, LOCALES, installed_packs(questionnaires))
