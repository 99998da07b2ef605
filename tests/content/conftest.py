"""A tiny, valid content tree built in a temp folder, to break one thing at a time."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from server.config import REPO_ROOT

EXERCISE = """---
id: {id}
version: 1
part: "{part}"
family: {family}
level: {level}
code: {code}
position: lying
equipment: []
dosage:
  sets: 3
  repetitions: 10
  hold_seconds: null
  each_side: false
illustration: {id}.svg
title: "{title}"
summary: "A short summary."
alternatives: []
---
## Starting position

Lie on your back.

## How to do it

1. Breathe.
"""

EDUCATION = """---
id: {id}
version: 1
kind: {kind}
order: {order}
title: "{title}"
summary: "Summary."
reading_minutes: 3
{extra}---
## Heading

Text.
"""


def write_tree(root: Path) -> Path:
    items = [("p2-bridge-a", "2", "bridge", "A", '"1A"'), ("p2-bridge-b", "2", "bridge", "B", '"1B"'),
             ("p2-bridge-c", "2", "bridge", "C", '"1C"'), ("p1-1a", "1", "p1-lying", "null", '"1a"')]
    (root / "exercises" / "illustrations").mkdir(parents=True)
    for locale in ("en", "sv"):
        (root / "exercises" / locale).mkdir(parents=True)
        (root / "education" / locale).mkdir(parents=True)
        for ident, part, family, level, code in items:
            (root / "exercises" / locale / f"{ident}.md").write_text(EXERCISE.format(
                id=ident, part=part, family=family, level=level, code=code, title=f"{ident} {locale}"))
        (root / "education" / locale / "brochure-spine.md").write_text(
            EDUCATION.format(id="brochure-spine", kind="brochure", order=1, title="Spine", extra=""))
        (root / "education" / locale / "seminar-pain-physiology.md").write_text(EDUCATION.format(
            id="seminar-pain-physiology", kind="seminar", order=1, title="Pain",
            extra="session: 1\nduration_minutes: 60\ngoals: [Understand pain]\nleader_notes: [Slides]\n"))
    for ident, *_ in items:
        (root / "exercises" / "illustrations" / f"{ident}.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (root / "crpe").mkdir()
    shutil.copy(REPO_ROOT / "content" / "crpe" / "form.yaml", root / "crpe" / "form.yaml")   # the protocol's form
    return root


@pytest.fixture
def tree(tmp_path) -> Path:
    return write_tree(tmp_path / "content")
