"""Account rules as plain tables: no app, no database."""
import pytest

from server.domain.accounts import format_invite_code, normalise_email, normalise_invite_code, password_problems
from server.domain.roles import is_valid_timezone, negotiate_locale


@pytest.mark.parametrize("password, ok", [
    ("a" * 9, False),                       # one short of the minimum
    ("abcdefghij", True),                   # exactly the minimum
    ("abcd" * 32, True),                    # exactly the maximum (128)
    ("abcd" * 32 + "e", False),             # one over the maximum
    ("aaaaaaaaaaaa", False),                # too few different characters
    ("abcabcabcabc", False),                # three different characters
    ("abcdabcdabcd", True),                 # four different characters
])
def test_password_policy_boundaries(password, ok):
    assert (password_problems(password) == []) is ok


def test_password_equal_to_email_is_refused():
    assert password_problems("Anna.Berg@example.org", email="anna.berg@example.org")


@pytest.mark.parametrize("typed, canonical", [
    ("ABCD-EFGH-JKMN", "ABCDEFGHJKMN"),
    ("abcd efgh jkmn", "ABCDEFGHJKMN"),
    ("0OIL-1234-5678", "0011-1234-5678".replace("-", "")),  # read-alikes map to digits
    ("ABCD-EFGH-JKM", None),                # too short
    ("ABCD-EFGH-JKMNP", None),              # too long
    ("ABCD-EFGH-JK!N", None),               # not in the alphabet
])
def test_invite_codes_survive_typing(typed, canonical):
    assert normalise_invite_code(typed) == canonical


def test_invite_code_is_grouped_in_fours():
    assert format_invite_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"


def test_email_is_trimmed_and_lowercased():
    assert normalise_email("  Anna@Example.ORG ") == "anna@example.org"


@pytest.mark.parametrize("header, locale", [
    (None, "en"),
    ("sv-SE,sv;q=0.9,en;q=0.8", "sv"),
    ("en-GB,sv;q=0.5", "en"),
    ("de-DE,sv;q=0.3,en;q=0.7", "en"),
    ("de-DE,fr", "en"),
    ("sv;q=0", "en"),
    ("sv;q=bad,en;q=0.1", "en"),
])
def test_locale_is_negotiated_from_accept_language(header, locale):
    assert negotiate_locale(header) == locale


@pytest.mark.parametrize("name, ok", [
    ("Europe/Stockholm", True), ("America/Argentina/Buenos_Aires", True),
    ("CET", False), ("UTC", True), ("Etc/UTC", True), ("Etc/GMT+5", False), ("EST", False),
    ("Mars/Olympus", False), ("", False),
])
def test_time_zones_must_be_iana_region_names_or_utc(name, ok):
    assert is_valid_timezone(name) is ok
