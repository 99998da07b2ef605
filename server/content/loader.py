"""Read and validate the content library; every problem names its file and the reason."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from server.content.model import (
    EDUCATION_KINDS, EQUIPMENT, LEVELLED_PARTS, LEVELS, PARTS, POSITIONS,
    Alternative, Dosage, EducationItem, Exercise, Library,
)
from server.content.render import render_markdown
from server.domain.roles import LOCALES

STRUCTURAL_EXERCISE = ("id", "version", "part", "family", "level", "code", "position",
                       "equipment", "dosage", "illustration")
STRUCTURAL_EDUCATION = ("id", "version", "kind", "order", "session", "duration_minutes", "reading_minutes")
# Every front-matter field a file may have: a misspelt one ("sumary") must not pass silently.
FIELDS_EXERCISE = frozenset({*STRUCTURAL_EXERCISE, "title", "summary", "alternatives", "stop_advice"})
FIELDS_EDUCATION = frozenset({*STRUCTURAL_EDUCATION, "title", "summary", "goals", "leader_notes"})
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")   # the file name, a URL segment: no spaces, no case


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Checker:
    """Collects problems for one file so every reason is reported, not just the first."""

    def __init__(self, path: Path, meta: dict, problems: list[Problem]):
        self.path, self.meta, self.problems = path, meta, problems

    def fail(self, reason: str) -> None:
        self.problems.append(Problem(str(self.path), reason))

    def get(self, key: str, kind: type | tuple, *, required: bool = True, choices=None) -> Any:
        value = self.meta.get(key)
        if value is None:
            if required:
                self.fail(f"'{key}' is missing")
            return None
        if isinstance(value, bool) and kind is not bool and bool not in (kind if isinstance(kind, tuple) else ()):
            self.fail(f"'{key}' must be {getattr(kind, '__name__', kind)}, not true/false")
            return None
        if not isinstance(value, kind):
            self.fail(f"'{key}' must be {getattr(kind, '__name__', kind)}, got {type(value).__name__}")
            return None
        if choices is not None and value not in choices:
            self.fail(f"'{key}' is {value!r}; expected one of {', '.join(map(str, choices))}")
            return None
        if isinstance(value, str) and not value.strip():
            self.fail(f"'{key}' is empty")
            return None
        return value

    def positive(self, key: str, value: Any, *, maximum: int, allow_none: bool = False) -> Any:
        if value is None and allow_none:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
            self.fail(f"'{key}' must be a whole number from 1 to {maximum}")
            return None
        return value


def _read(path: Path, problems: list[Problem]) -> tuple[dict, str] | None:
    try:
        post = frontmatter.load(path)
    except (yaml.YAMLError, ValueError, UnicodeDecodeError) as error:
        problems.append(Problem(str(path), f"the front matter is not valid YAML ({error})".replace("\n", " ")))
        return None
    if not post.metadata:
        problems.append(Problem(str(path), "no YAML front matter between --- lines"))
        return None
    if not post.content.strip():
        problems.append(Problem(str(path), "the body is empty"))
        return None
    return dict(post.metadata), post.content


def _identity(c: _Checker, path: Path, known: frozenset[str]) -> tuple[str | None, int | None]:
    """Every item's id (the file name, for ever) and version; no field outside `known`."""
    for key in sorted(set(c.meta) - known, key=str):
        c.fail(f"unknown field '{key}' (known: {', '.join(sorted(known))})")
    ident = c.get("id", str)
    if ident is not None and not ID_PATTERN.fullmatch(ident):
        c.fail(f"id '{ident}' must be lower-case letters and digits joined by single hyphens")
    if ident is not None and ident != path.stem:
        c.fail(f"id '{ident}' does not match the file name '{path.stem}'")
    return ident, c.positive("version", c.meta.get("version"), maximum=10_000)


def _exercise(path: Path, locale: str, meta: dict, body: str, illustrations: Path,
              problems: list[Problem]) -> Exercise | None:
    c = _Checker(path, meta, problems)
    before = len(problems)
    ident, version = _identity(c, path, FIELDS_EXERCISE)
    part = c.get("part", str, choices=PARTS)
    family = c.get("family", str)
    level = c.get("level", str, required=part in LEVELLED_PARTS, choices=LEVELS)
    if part is not None and part not in LEVELLED_PARTS and meta.get("level") is not None:
        c.fail(f"'level' must be empty for part {part}")
    code = c.get("code", str, required=part in ("1", "2", "rom"))
    position = c.get("position", str, choices=POSITIONS)
    equipment = meta.get("equipment")
    if not isinstance(equipment, list) or any(item not in EQUIPMENT for item in equipment):
        c.fail(f"'equipment' must be a list drawn from {', '.join(EQUIPMENT)}")
    dosage = meta.get("dosage")
    if not isinstance(dosage, dict):
        c.fail("'dosage' must be a mapping with sets, repetitions, hold_seconds, each_side")
        dosage = {}
    elif set(dosage) != {"sets", "repetitions", "hold_seconds", "each_side"}:
        c.fail("'dosage' must have exactly sets, repetitions, hold_seconds and each_side")
    sets = c.positive("dosage.sets", dosage.get("sets"), maximum=20)
    reps = c.positive("dosage.repetitions", dosage.get("repetitions"), maximum=200)
    hold = c.positive("dosage.hold_seconds", dosage.get("hold_seconds"), maximum=600, allow_none=True)
    if not isinstance(dosage.get("each_side"), bool):
        c.fail("'dosage.each_side' must be true or false")
    illustration = c.get("illustration", str)
    if illustration is not None and not (illustrations / illustration).is_file():
        c.fail(f"illustration '{illustration}' is not in {illustrations}")
    title = c.get("title", str)
    summary = c.get("summary", str)
    # what to do when the back gets worse: range-of-movement exercises must say it (seed l.3309-3315)
    stop_advice = c.get("stop_advice", str, required=part == "rom")
    alternatives = meta.get("alternatives", [])
    if not isinstance(alternatives, list) or not all(
        isinstance(a, dict) and isinstance(a.get("title"), str) and isinstance(a.get("text"), str)
        and a["title"].strip() and a["text"].strip() for a in alternatives
    ):
        c.fail("'alternatives' must be a list of {title, text}")
        alternatives = []
    if len(problems) > before:
        return None
    return Exercise(
        id=ident, version=version, locale=locale, part=part, family=family, level=level, code=code,
        position=position, equipment=tuple(equipment),
        dosage=Dosage(sets, reps, hold, dosage["each_side"]), illustration=illustration,
        title=title.strip(), summary=summary.strip(), stop_advice=stop_advice.strip() if stop_advice else None,
        alternatives=tuple(Alternative(a["title"].strip(), a["text"].strip()) for a in alternatives),
        html=render_markdown(body),
    )


def _education(path: Path, locale: str, meta: dict, body: str, problems: list[Problem]) -> EducationItem | None:
    c = _Checker(path, meta, problems)
    before = len(problems)
    ident, version = _identity(c, path, FIELDS_EDUCATION)
    kind = c.get("kind", str, choices=EDUCATION_KINDS)
    order = c.positive("order", meta.get("order"), maximum=100)
    title, summary = c.get("title", str), c.get("summary", str)
    minutes = c.positive("reading_minutes", meta.get("reading_minutes"), maximum=120)
    seminar = kind == "seminar"
    session = c.positive("session", meta.get("session"), maximum=20, allow_none=not seminar)
    duration = c.positive("duration_minutes", meta.get("duration_minutes"), maximum=480, allow_none=not seminar)
    lists = {}
    for key in ("goals", "leader_notes"):   # leader_notes: the group leader's, shown to staff only
        value = meta.get(key, [] if not seminar else None)
        if not isinstance(value, list) or (seminar and not value) or not all(
            isinstance(v, str) and v.strip() for v in value
        ):
            c.fail(f"'{key}' must be a non-empty list of text" if seminar else f"'{key}' must be a list of text")
            value = []
        lists[key] = tuple(v.strip() for v in value)
    if len(problems) > before:
        return None
    return EducationItem(
        id=ident, version=version, locale=locale, kind=kind, order=order, title=title.strip(),
        summary=summary.strip(), reading_minutes=minutes, html=render_markdown(body),
        session=session, duration_minutes=duration, **lists,
    )


def _load_folder(root: Path, build, problems: list[Problem]) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    metas: dict[str, dict[str, dict]] = {}
    for locale in LOCALES:
        folder = root / locale
        result[locale], metas[locale] = {}, {}
        if not folder.is_dir():
            problems.append(Problem(str(folder), f"the locale folder for '{locale}' is missing"))
            continue
        for path in sorted(folder.glob("*.md")):
            read = _read(path, problems)
            if read is None:
                continue
            item = build(path, locale, *read)
            if item is not None:
                result[locale][item.id] = item
                metas[locale][item.id] = read[0]
    for locale in LOCALES:
        for other in LOCALES:
            for missing in sorted(set(metas[other]) - set(metas[locale])):
                if (root / locale / f"{missing}.md").exists():
                    continue  # already reported as broken
                problems.append(Problem(str(root / locale / f"{missing}.md"),
                                        f"'{missing}' exists in '{other}' but not in '{locale}'"))
    return result, metas


def _check_structure_matches(root: Path, metas: dict, keys: tuple[str, ...], problems: list[Problem]) -> None:
    base = LOCALES[0]
    for locale in LOCALES[1:]:
        for ident, meta in metas[locale].items():
            reference = metas[base].get(ident)
            if reference is None:
                continue
            for key in keys:
                if meta.get(key) != reference.get(key):
                    problems.append(Problem(str(root / locale / f"{ident}.md"),
                                            f"'{key}' differs from the '{base}' file ({meta.get(key)!r} vs {reference.get(key)!r})"))


def _link_levels(root: Path, exercises: dict[str, dict[str, Exercise]], problems: list[Problem]) -> None:
    """Every levelled family has exactly one exercise at A, B and C; link them in order."""
    from dataclasses import replace

    for locale, items in exercises.items():
        families: dict[str, dict[str, Exercise]] = {}
        for exercise in items.values():
            if exercise.part in LEVELLED_PARTS:
                slot = families.setdefault(exercise.family, {})
                if exercise.level in slot:
                    problems.append(Problem(str(root / locale / f"{exercise.id}.md"),
                                            f"family '{exercise.family}' already has level {exercise.level} "
                                            f"({slot[exercise.level].id})"))
                slot[exercise.level] = exercise
        parts = {}
        for exercise in items.values():
            parts.setdefault(exercise.family, set()).add(exercise.part)
        for family, found in parts.items():
            if len(found) > 1:
                problems.append(Problem(str(root / locale), f"family '{family}' mixes parts {sorted(found)}"))
        for family, slot in families.items():
            missing = [lvl for lvl in LEVELS if lvl not in slot]
            if missing:
                problems.append(Problem(str(root / locale),
                                        f"family '{family}' has no exercise at level {', '.join(missing)}"))
                continue
            for index, level in enumerate(LEVELS):
                items[slot[level].id] = replace(
                    slot[level],
                    previous_level=slot[LEVELS[index - 1]].id if index > 0 else None,
                    next_level=slot[LEVELS[index + 1]].id if index + 1 < len(LEVELS) else None,
                )


def _check_education_order(root: Path, education: dict[str, dict[str, EducationItem]], problems) -> None:
    for locale, items in education.items():
        seen: dict[tuple[str, int], str] = {}
        for item in items.values():
            key = (item.kind, item.order)
            if key in seen:
                problems.append(Problem(str(root / locale / f"{item.id}.md"),
                                        f"{item.kind} order {item.order} is also used by '{seen[key]}'"))
            seen[key] = item.id


def _check_ids_unique(root: Path, exercises: dict, education: dict, problems: list[Problem]) -> None:
    """An id names one item across the library (the app caches and links by id)."""
    for locale in LOCALES:
        for ident in sorted(set(exercises.get(locale, {})) & set(education.get(locale, {}))):
            problems.append(Problem(str(root / "education" / locale / f"{ident}.md"),
                                    f"id '{ident}' is already an exercise's id"))


def load_library(content_root: str | Path) -> Library:
    """Load everything or raise ContentError listing every problem found."""
    root = Path(content_root)
    problems: list[Problem] = []
    illustrations = root / "exercises" / "illustrations"
    exercises, exercise_metas = _load_folder(
        root / "exercises",
        lambda path, locale, meta, body: _exercise(path, locale, meta, body, illustrations, problems),
        problems,
    )
    education, education_metas = _load_folder(
        root / "education", lambda path, locale, meta, body: _education(path, locale, meta, body, problems),
        problems,
    )
    _check_structure_matches(root / "exercises", exercise_metas, STRUCTURAL_EXERCISE, problems)
    _check_structure_matches(root / "education", education_metas, STRUCTURAL_EDUCATION, problems)
    _link_levels(root / "exercises", exercises, problems)
    _check_education_order(root / "education", education, problems)
    _check_ids_unique(root, exercises, education, problems)
    if not problems and not any(exercises.values()):
        problems.append(Problem(str(root / "exercises"), "no exercises found"))
    if problems:
        raise ContentError(problems)
    return Library(
        exercises={loc: dict(sorted(items.items(), key=lambda kv: kv[1].sort_key)) for loc, items in exercises.items()},
        education={loc: dict(sorted(items.items(), key=lambda kv: (EDUCATION_KINDS.index(kv[1].kind), kv[1].order)))
                   for loc, items in education.items()},
        illustrations_path=str(illustrations),
    )
