"""The CRPE tool's definition: content/crpe/form.yaml, checked and rendered per language.

Items, grades, categories, ICD-10 and KVÅ codes come from the protocol's form (seed 002
l.2914-3263); the domain rules (server/domain/crpe.py) take the keys the form allows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from server.content.loader import ContentError, Problem
from server.domain.crpe import GRADES, FormKeys
from server.domain.roles import LOCALES

KVA = re.compile(r"[A-Z]{2}\d{3}")          # the Swedish classification of care measures (KVÅ)
ICD10 = re.compile(r"[A-Z]\d{2}(\.\d[A-Z0-9]?)?")
KINDS = ("mode", "type", "other")


@dataclass(frozen=True)
class CrpeForm:
    version: int
    keys: FormKeys
    rendered: dict[str, dict]           # locale -> the form as GET /crpe/form gives it

    def render(self, locale: str) -> dict:
        return self.rendered[locale]


def _labelled(entry: dict, where: str, problems: list[Problem], path: Path) -> None:
    for locale in LOCALES:
        if not isinstance(entry.get(locale), str) or not entry[locale].strip():
            problems.append(Problem(str(path), f"{where}: no {locale} label"))


def _check(spec: dict, path: Path) -> list[Problem]:
    problems: list[Problem] = []
    if [g.get("grade") for g in spec.get("grades", [])] != list(GRADES):
        problems.append(Problem(str(path), f"grades must be {list(GRADES)}"))
    keys: list[str] = []
    items = [*spec.get("impairment", []), *spec.get("activity", []),
             *(i for g in spec.get("treatment_groups", []) for i in g.get("items", []))]
    for item in items:
        keys.append(item.get("key"))
        _labelled(item, f"item {item.get('key')}", problems, path)
        if item.get("kva") is not None and not KVA.fullmatch(str(item["kva"])):
            problems.append(Problem(str(path), f"item {item.get('key')}: KVÅ code {item['kva']!r} is not like PA006"))
    for group in spec.get("treatment_groups", []):
        _labelled(group, f"group {group.get('key')}", problems, path)
        for item in group.get("items", []):
            if item.get("kind") not in KINDS or not str(item.get("key", "")).startswith(f"{group.get('key')}."):
                problems.append(Problem(str(path), f"item {item.get('key')}: kind one of {KINDS}, key '<group>.<name>'"))
    keys += [s.get("key") for s in spec.get("subgroups", [])] + [e.get("key") for e in spec.get("effect", [])]
    problems += [Problem(str(path), f"key {k!r} is used twice") for k in sorted({k for k in keys if keys.count(k) > 1})]
    table = spec.get("icd10", {})
    for code, labels in table.items():
        if not ICD10.fullmatch(code):
            problems.append(Problem(str(path), f"ICD-10 code {code!r} is not like M54.5"))
        _labelled(labels, f"ICD-10 {code}", problems, path)
    for subgroup in spec.get("subgroups", []):
        _labelled(subgroup, f"category {subgroup.get('key')}", problems, path)
        missing = [c for c in subgroup.get("icd10", []) if c not in table] or ([] if subgroup.get("icd10") else ["(none)"])
        if missing:
            problems.append(Problem(str(path), f"category {subgroup.get('key')}: codes {missing} not in the icd10 table"))
    for effect in spec.get("effect", []):
        _labelled(effect, f"effect {effect.get('key')}", problems, path)
    return problems


def _render(spec: dict, locale: str) -> dict:
    item = lambda i: {"key": i["key"], "label": i[locale], "kva": i.get("kva")}   # noqa: E731
    return {
        "version": spec["version"],
        "grades": [{"grade": g["grade"], "label": g[locale]} for g in spec["grades"]],
        "impairment": [item(i) for i in spec["impairment"]],
        "activity": [item(i) for i in spec["activity"]],
        "subgroups": [{"key": s["key"], "label": s[locale],
                       "icd10": [{"code": c, "label": spec["icd10"][c][locale]} for c in s["icd10"]]}
                      for s in spec["subgroups"]],
        "treatment_groups": [{"key": g["key"], "label": g[locale]} for g in spec["treatment_groups"]],
        "treatments": [{**item(i), "group": g["key"], "kind": i["kind"]}
                       for g in spec["treatment_groups"] for i in g["items"]],
        "effect": [{"key": e["key"], "label": e[locale]} for e in spec["effect"]],
    }


def load_crpe(content_root: str | Path) -> CrpeForm:
    """The form, or ContentError naming every problem of the file."""
    path = Path(content_root) / "crpe" / "form.yaml"
    if not path.is_file():
        raise ContentError([Problem(str(path), "the CRPE tool's form is missing")])
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    problems = _check(spec, path)
    if problems:
        raise ContentError(problems)
    groups = spec["treatment_groups"]
    keys = FormKeys(
        impairment=frozenset(i["key"] for i in spec["impairment"]),
        activity=frozenset(i["key"] for i in spec["activity"]),
        subgroups={s["key"]: tuple(s["icd10"]) for s in spec["subgroups"]},
        treatments=frozenset(i["key"] for g in groups for i in g["items"]),
        other={g["key"]: i["key"] for g in groups for i in g["items"] if i["kind"] == "other"},
        effects=frozenset(e["key"] for e in spec["effect"]))
    return CrpeForm(spec["version"], keys, {locale: _render(spec, locale) for locale in LOCALES})
