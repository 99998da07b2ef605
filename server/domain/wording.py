"""Only validated wording is asked and scored: which questionnaires a patient may be given, in what wording.

Sources: the protocol's outcome measures (../shared/seeds/002_b767a39d856ccad1.txt l.986-1058:
ODI 2.1, EQ-5D, BIPQ, PEI, STarT Back "in Swedish"), and ../shared/design/proms.md "Licences":
ODI (Mapi), EQ-5D (EuroQol), BIPQ (Broadbent) and PEI (Howie) are licensed and their wording is
never shipped; STarT Back (Keele 2007) may be used unmodified, and only its English original is
in the repository (our Swedish rendering is not Keele's validated translation). A score is
comparable with the trial's and with other clinics' only when the patient read the validated
wording, so:

| instrument | locale | without a clinic pack | with a pack |
|---|---|---|---|
| odi, eq5d3l, eq5d5l, bipq, pei | any | not asked, not scored: "not collected" | asked in the pack's wording |
| startback | en | asked in Keele's original (shipped) | the pack's wording |
| startback | sv | not asked: the therapist records the paper form (episode.py) | the pack's wording |
| nrs, pgic, satisfaction, psfs, workcare | any | our own wording | the pack's wording |

Choices where the sources are silent (also in README.md):
- A pack marked `source: demo placeholder` counts as installed (the demo needs its questions),
  but every score from it carries DEMO_LABEL wherever it shows.
- The reason for an instrument left out is one code, MISSING_REASON; where a clinic reads how to
  install packs is README_PATH.
Pure: no Flask, no database, no files.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LICENSED = frozenset({"odi", "eq5d3l", "eq5d5l", "bipq", "pei"})
# Instruments whose shipped wording is the validated original in these locales only.
SHIPPED_VALIDATED = {"startback": frozenset({"en"})}
SHIPPED_SOURCE = {"startback": "Keele STarT Back, original English, (c) Keele University 2007"}
OWN_WORDING = "own wording"
DEMO_SOURCE = "demo placeholder"
DEMO_LABEL = "demo wording: not valid for clinical use"
MISSING_REASON = "licensed_wording_missing"
MISSING_LABEL = "not collected: licensed wording not installed"
README_PATH = "content/questionnaires/README.md (Clinic content pack)"


@dataclass(frozen=True)
class Wording:
    source: str
    version: str | None = None

    @property
    def demo(self) -> bool:
        return self.source == DEMO_SOURCE

    def as_json(self) -> dict:
        return {"source": self.source, "version": self.version}


Packs = Mapping[tuple[str, str], Wording]   # (instrument, locale) -> the installed pack's wording


def needs_pack(instrument: str, locale: str) -> bool:
    """True when only a clinic's pack can give this instrument validated wording in this language."""
    if instrument in LICENSED:
        return True
    validated = SHIPPED_VALIDATED.get(instrument)
    return validated is not None and locale not in validated


def wording_for(instrument: str, locale: str, packs: Packs) -> Wording | None:
    """The wording the patient would be given, or None: then it is not asked and not scored."""
    pack = packs.get((instrument, locale))
    if pack is not None:
        return pack
    if needs_pack(instrument, locale):
        return None
    return Wording(SHIPPED_SOURCE.get(instrument, OWN_WORDING))


def split(instruments: Iterable[str], locale: str, packs: Packs) -> tuple[list[str], list[dict]]:
    """(the instruments to ask, in order; those left out as {instrument, reason})."""
    asked, left_out = [], []
    for instrument in instruments:
        if wording_for(instrument, locale, packs) is None:
            left_out.append({"instrument": instrument, "reason": MISSING_REASON})
        else:
            asked.append(instrument)
    return asked, left_out


def missing_packs(instruments: Iterable[str], locales: Iterable[str], packs: Packs) -> list[tuple[str, str]]:
    """Every (instrument, locale) that will not be asked until a clinic installs its pack."""
    return [(i, loc) for loc in locales for i in instruments if needs_pack(i, loc) and (i, loc) not in packs]


def label(wording: Mapping | None) -> str | None:
    """The warning a stored score carries wherever it shows: the demo's placeholder wording only."""
    return DEMO_LABEL if wording and wording.get("source") == DEMO_SOURCE else None


def describe(wording: Mapping | None) -> str:
    """One line for exports: the pack's source and version, or "own wording"."""
    if not wording:
        return "not recorded"
    if wording.get("source") == DEMO_SOURCE:
        return DEMO_LABEL
    version = wording.get("version")
    return f"{wording['source']} (version {version})" if version else wording["source"]
