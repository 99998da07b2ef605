"""The validator names the file and the reason for every broken content file."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from server.cli import main
from server.content.loader import ContentError, load_library


def problems_of(root) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_library(root)
    return [str(p) for p in caught.value.problems]


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_a_valid_tree_loads_with_level_links(tree):
    library = load_library(tree)
    bridge_b = library.exercises["sv"]["p2-bridge-b"]
    assert (bridge_b.previous_level, bridge_b.next_level) == ("p2-bridge-a", "p2-bridge-c")
    assert library.exercises["en"]["p2-bridge-a"].previous_level is None
    assert library.exercises["en"]["p2-bridge-c"].next_level is None
    assert list(library.exercises["en"]) == ["p1-1a", "p2-bridge-a", "p2-bridge-b", "p2-bridge-c"]


@pytest.mark.parametrize("file, old, new, reason", [
    ("exercises/en/p2-bridge-a.md", "id: p2-bridge-a", "id: p2-bridge-x", "does not match the file name"),
    ("exercises/en/p2-bridge-a.md", 'part: "2"', 'part: "7"', "'part' is '7'"),
    ("exercises/en/p2-bridge-a.md", "level: A", "level: D", "'level' is 'D'"),
    ("exercises/en/p1-1a.md", "level: null", "level: A", "'level' must be empty"),
    ("exercises/en/p2-bridge-a.md", "position: lying", "position: flying", "'position' is 'flying'"),
    ("exercises/en/p2-bridge-a.md", "equipment: []", "equipment: [sofa]", "'equipment' must be a list"),
    ("exercises/en/p2-bridge-a.md", "sets: 3", "sets: 0", "'dosage.sets' must be a whole number"),
    ("exercises/en/p2-bridge-a.md", "hold_seconds: null", "hold_seconds: ten", "'dosage.hold_seconds'"),
    ("exercises/en/p2-bridge-a.md", "each_side: false", "each_side: 1", "'dosage.each_side' must be true or false"),
    ("exercises/en/p2-bridge-a.md", "illustration: p2-bridge-a.svg", "illustration: nope.svg", "illustration 'nope.svg'"),
    ("exercises/en/p2-bridge-a.md", 'title: "p2-bridge-a en"', 'title: ""', "'title' is empty"),
    ("exercises/en/p2-bridge-a.md", "alternatives: []", "alternatives: [{title: x}]", "'alternatives' must be"),
    ("exercises/en/p2-bridge-a.md", "version: 1", "version: one", "'version' must be a whole number"),
    ("exercises/en/p2-bridge-a.md", "family: bridge\n", "family: bridge\n  - oops: [\n", "not valid YAML"),
    ("exercises/sv/p2-bridge-a.md", "sets: 3", "sets: 4", "'dosage' differs from the 'en' file"),
    ("exercises/sv/p2-bridge-b.md", "level: B", "level: A", "family 'bridge' already has level A"),
    ("education/en/seminar-pain-physiology.md", "goals: [Understand pain]", "goals: []", "'goals' must be a non-empty"),
    ("education/en/brochure-spine.md", "kind: brochure", "kind: poster", "'kind' is 'poster'"),
    ("education/sv/brochure-spine.md", "order: 1", "order: 2", "'order' differs from the 'en' file"),
])
def test_each_broken_field_is_reported_with_file_and_reason(tree, file, old, new, reason):
    edit(tree / file, old, new)
    found = problems_of(tree)
    assert any(str(tree / file) in p and reason in p for p in found), found


def test_a_missing_translation_is_reported(tree):
    (tree / "exercises" / "sv" / "p1-1a.md").unlink()
    assert any("'p1-1a' exists in 'en' but not in 'sv'" in p for p in problems_of(tree))


def test_a_family_missing_a_level_is_reported(tree):
    for locale in ("en", "sv"):
        (tree / "exercises" / locale / "p2-bridge-c.md").unlink()
    assert any("family 'bridge' has no exercise at level C" in p for p in problems_of(tree))


def test_an_empty_body_is_reported(tree):
    path = tree / "exercises" / "en" / "p1-1a.md"
    path.write_text(path.read_text().split("## Starting")[0])
    assert any(str(path) in p and "body is empty" in p for p in problems_of(tree))


def test_every_problem_is_listed_not_just_the_first(tree):
    edit(tree / "exercises/en/p2-bridge-a.md", "sets: 3", "sets: 0")
    edit(tree / "exercises/en/p1-1a.md", "position: lying", "position: upside-down")
    assert len(problems_of(tree)) >= 2


def test_markdown_html_is_sanitised(tree):
    path = tree / "exercises" / "en" / "p1-1a.md"
    path.write_text(path.read_text() + '\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n')
    html = load_library(tree).exercises["en"]["p1-1a"].html
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html  # shown as text, never run


def test_content_check_command_fails_naming_the_file(tree, monkeypatch):
    edit(tree / "exercises/en/p2-bridge-a.md", "sets: 3", "sets: 0")
    monkeypatch.setenv("BETTERBACK_CONTENT_PATH", str(tree))
    result = CliRunner().invoke(main, ["content", "check"])
    assert result.exit_code == 1
    assert "p2-bridge-a.md" in result.output and "dosage.sets" in result.output


def test_content_check_command_passes_on_a_valid_tree(tree, monkeypatch):
    monkeypatch.setenv("BETTERBACK_CONTENT_PATH", str(tree))
    result = CliRunner().invoke(main, ["content", "check"])
    assert result.exit_code == 0, result.output
    assert "en: 4 exercises, 2 education items" in result.output


def test_an_unknown_front_matter_field_is_reported(tree):
    edit(tree / "exercises/en/p2-bridge-a.md", "family: bridge\n", "family: bridge\nsumary: typo\n")
    found = problems_of(tree)
    assert any("p2-bridge-a.md" in p and "unknown field 'sumary'" in p for p in found), found


def test_an_id_with_spaces_is_reported(tree):
    source = tree / "exercises/en/p1-1a.md"
    for locale in ("en", "sv"):
        old = tree / f"exercises/{locale}/p1-1a.md"
        text = old.read_text().replace("id: p1-1a", "id: p1 1a")
        old.unlink()
        (tree / f"exercises/{locale}/p1 1a.md").write_text(text)
    found = problems_of(tree)
    assert not source.exists()
    assert any("p1 1a.md" in p and "lower-case letters and digits" in p for p in found), found


def test_an_education_item_reusing_an_exercise_id_is_reported(tree):
    for locale in ("en", "sv"):
        text = (tree / f"education/{locale}/brochure-spine.md").read_text()
        text = text.replace("id: brochure-spine", "id: p1-1a").replace("order: 1", "order: 9")
        (tree / f"education/{locale}/p1-1a.md").write_text(text)
    found = problems_of(tree)
    assert any("education/en/p1-1a.md" in p and "already an exercise's id" in p for p in found), found
