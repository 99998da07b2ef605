"""Only validated wording is asked and scored (server/domain/wording.py): a table at every boundary."""
import pytest

from server.domain import wording
from server.domain.wording import DEMO_SOURCE, MISSING_REASON, Wording

PACK = Wording("Mapi licence 42", "2.1")
DEMO = Wording(DEMO_SOURCE, "demo")


@pytest.mark.parametrize("instrument, locale, packs, expected", [
    ("odi", "sv", {}, None),                                   # licensed, no pack: not asked
    ("odi", "en", {}, None),
    ("eq5d3l", "sv", {}, None), ("eq5d5l", "en", {}, None), ("bipq", "sv", {}, None), ("pei", "en", {}, None),
    ("odi", "sv", {("odi", "sv"): PACK}, PACK),                # the clinic's pack for that language
    ("odi", "en", {("odi", "sv"): PACK}, None),                # a Swedish pack does not serve English
    ("odi", "sv", {("odi", "sv"): DEMO}, DEMO),                # the demo's placeholder counts, labelled
    ("startback", "en", {}, Wording(wording.SHIPPED_SOURCE["startback"])),   # Keele's original, shipped
    ("startback", "sv", {}, None),                             # our Swedish rendering is not Keele's
    ("startback", "sv", {("startback", "sv"): PACK}, PACK),
    ("nrs", "sv", {}, Wording("own wording")), ("pgic", "en", {}, Wording("own wording")),
    ("workcare", "sv", {}, Wording("own wording")), ("psfs", "sv", {}, Wording("own wording")),
    ("nrs", "sv", {("nrs", "sv"): PACK}, PACK),
])
def test_wording_for(instrument, locale, packs, expected):
    assert wording.wording_for(instrument, locale, packs) == expected


def test_split_keeps_the_order_and_names_the_reason():
    asked, left_out = wording.split(["nrs", "odi", "eq5d3l", "bipq", "startback"], "sv", {("bipq", "sv"): PACK})
    assert asked == ["nrs", "bipq"]
    assert left_out == [{"instrument": i, "reason": MISSING_REASON} for i in ("odi", "eq5d3l", "startback")]


def test_missing_packs_lists_each_language():
    missing = wording.missing_packs(["nrs", "odi", "startback"], ["en", "sv"], {("odi", "sv"): PACK})
    assert missing == [("odi", "en"), ("startback", "sv")]


@pytest.mark.parametrize("stored, label, described", [
    ({"source": DEMO_SOURCE, "version": "demo"}, wording.DEMO_LABEL, wording.DEMO_LABEL),
    ({"source": "Mapi licence 42", "version": "2.1"}, None, "Mapi licence 42 (version 2.1)"),
    ({"source": "own wording", "version": None}, None, "own wording"),
    (None, None, "not recorded"),
])
def test_labels_and_descriptions(stored, label, described):
    assert wording.label(stored) == label and wording.describe(stored) == described
