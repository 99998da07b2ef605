"""The content library in memory: immutable records, loaded once per process."""
from __future__ import annotations

from dataclasses import dataclass, field

PARTS = ("1", "2", "rom", "stretch", "general")
LEVELS = ("A", "B", "C")
LEVELLED_PARTS = ("2", "rom")
POSITIONS = ("lying", "side-lying", "prone", "four-point", "kneeling", "sitting", "standing", "any")
EQUIPMENT = ("theraband", "chair", "ball", "wall", "table", "pole", "stick")
EDUCATION_KINDS = ("brochure", "seminar")


@dataclass(frozen=True)
class Dosage:
    sets: int
    repetitions: int
    hold_seconds: int | None
    each_side: bool


@dataclass(frozen=True)
class Alternative:
    title: str
    text: str


@dataclass(frozen=True)
class Exercise:
    id: str
    version: int
    locale: str
    part: str
    family: str
    level: str | None
    code: str | None
    position: str
    equipment: tuple[str, ...]
    dosage: Dosage
    illustration: str
    title: str
    summary: str
    alternatives: tuple[Alternative, ...]
    html: str
    previous_level: str | None = None
    next_level: str | None = None
    stop_advice: str | None = None      # range of movement: stop and call when it makes the back worse

    @property
    def sort_key(self) -> tuple:
        number = "".join(ch for ch in (self.code or "") if ch.isdigit())
        return (PARTS.index(self.part), int(number or 0), self.level or "", self.code or "", self.id)


@dataclass(frozen=True)
class EducationItem:
    id: str
    version: int
    locale: str
    kind: str
    order: int
    title: str
    summary: str
    reading_minutes: int
    html: str
    session: int | None = None
    duration_minutes: int | None = None
    goals: tuple[str, ...] = ()
    leader_notes: tuple[str, ...] = ()   # the group leader's plan for the session: staff only


@dataclass
class Library:
    """Exercises and education items per locale, in display order."""

    exercises: dict[str, dict[str, Exercise]] = field(default_factory=dict)
    education: dict[str, dict[str, EducationItem]] = field(default_factory=dict)
    illustrations_path: str = ""

    @property
    def locales(self) -> tuple[str, ...]:
        return tuple(sorted(self.exercises))

    def families(self) -> set[str]:
        return {e.family for items in self.exercises.values() for e in items.values()}

    def equipment(self) -> set[str]:
        return {thing for items in self.exercises.values() for e in items.values() for thing in e.equipment}

    def find_exercises(self, locale: str, *, part=None, family=None, level=None, equipment=None) -> list[Exercise]:
        """`equipment` "none" finds the exercises that need nothing; any other name, those that use it."""
        return [
            e for e in self.exercises[locale].values()
            if (part is None or e.part == part)
            and (family is None or e.family == family)
            and (level is None or e.level == level)
            and (equipment is None or (not e.equipment if equipment == "none" else equipment in e.equipment))
        ]
