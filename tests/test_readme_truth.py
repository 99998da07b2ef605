"""The READMEs stay true: every file, environment variable and `betterback` command they name exists
(the other direction, every variable the settings read is in the README's table, is
tests/probe/test_startup.py)."""
import re
from pathlib import Path

import pytest

from server.cli import main

ROOT = Path(__file__).resolve().parents[1]
READMES = ["README.md", "pwa/README.md", "bench/README.md", "content/README.md"]
TOP_FOLDERS = ("server/", "pwa/", "tests/", "bench/", "scripts/", "tools/", "content/", ".ci/")
# Where a README's short paths are relative to, besides the repository itself.
BASES = {"pwa/README.md": ["pwa", "pwa/app"], "bench/README.md": ["bench"], "content/README.md": ["content"]}
# Names in backticks that are not environment variables of this project.
NOT_VARIABLES = {"TODO", "JSON", "HTTP", "UUID", "HTML", "NOTE", "WCAG", "PATH", "HOME", "FHIR", "ISO", "UTC"}


def _text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def _code_text() -> str:
    files = [*ROOT.glob("server/**/*.py"), *ROOT.glob("scripts/*"), *ROOT.glob("tests/**/*.py"),
             *ROOT.glob("bench/*.py"), ROOT / ".ci" / "run"]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.is_file())


def _paths(readme: str) -> set[str]:
    found = set()
    for token in re.findall(r"`([^`\s]+)`", _text(readme)):
        token = token.rstrip(".,:;")
        if token.startswith(("#", "/", "http", "-", "../")) or any(c in token for c in "{}<>*$?=|"):
            continue
        if "/" in token and re.fullmatch(r"[\w.\-/]+\.(py|js|json|css|md|html|lua|sh|svg|txt|yml|yaml)", token):
            found.add(token)
        elif token.startswith(TOP_FOLDERS):
            found.add(token.rstrip("/"))
    return found


@pytest.mark.parametrize("readme", READMES)
def test_every_file_a_readme_names_exists(readme):
    bases = ["", *BASES.get(readme, [])]
    missing = sorted(p for p in _paths(readme) if not any((ROOT / base / p).exists() for base in bases))
    assert missing == [], f"{readme} names files that do not exist: {missing}"


@pytest.mark.parametrize("readme", READMES)
def test_every_variable_a_readme_names_is_read_somewhere(readme):
    code = _code_text()
    names = set(re.findall(r"`\$?([A-Z][A-Z0-9]*_[A-Z0-9_]+)(?:=[^`]*)?`", _text(readme))) - NOT_VARIABLES
    missing = sorted(n for n in names if n not in code)
    assert missing == [], f"{readme} names variables nothing reads: {missing}"


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


def test_every_betterback_command_a_readme_names_exists():
    known = {" ".join(c) for c in _commands(main)}
    named = set()
    for readme in READMES:
        for match in re.findall(r"betterback ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)?)", _text(readme)):
            words = match.split()
            # "betterback user create" names a subcommand; "betterback scheduler process" does not
            named.add(" ".join(words) if " ".join(words) in known else words[0])
    missing = sorted(n for n in named if n not in known)
    assert missing == [], f"READMEs name betterback commands that do not exist: {missing}"
