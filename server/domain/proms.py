"""Scoring of the BetterBack patient-reported outcome measures (PROMs).

Source: ../shared/design/proms.md (facts from the instruments' scoring sheets, the BetterBack
protocol, Schröder et al., BMJ Open 2018, "Patient reported outcome measures", lines 986-1058
of ../shared/seeds/002_b767a39d856ccad1.txt, and public open-source scorers), which cites:

| id | instrument | scoring source |
|----|------------|----------------|
| nrs | NRS back and leg pain, latest week, 0-10 | protocol; MCID 2 points |
| odi | Oswestry Disability Index 2.1 | Fairbank & Pynsent, Spine 2000;25:2940-53; MCID 10 points |
| eq5d3l, eq5d5l | EQ-5D index (+ VAS) | Burström 2014, Burström/Teni 2020, Sun 2022 (eq5d.py); MCID 0.08 |
| bipq | Brief Illness Perception Questionnaire | Broadbent et al., J Psychosom Res 2006;60:631-7 |
| pei | Patient Enablement Instrument | Howie et al., Fam Pract 1998;15:165-71 |
| startback | Keele STarT Back Screening Tool | Hill et al., Arthritis Rheum 2008;59:632-41 |
| pgic | Patient global impression of change, -5..+5 | protocol; MCID 2 points |
| satisfaction | patient satisfaction, 1 (very satisfied) - 5 | protocol |
| psfs | Patient-Specific Functional Scale | Stratford et al., Physiother Can 1995;47:258-63; MCID 2 points |
| workcare | sick leave, work status and health care for back pain since the last questionnaire | protocol l.757-770, 1062-1069, 1184-1194 (issue 9) |

Pure: no Flask, no database, no clock. Only structure, codes and scoring live here; the
wording (own neutral labels, or a clinic's licensed content pack) lives in
content/questionnaires/.

Choices where proms.md is silent:
- `complete` means every required item is answered. ODI with one section missing still
  has a total (proms.md allows one) but is not complete. Optional items do not count:
  the EQ-5D VAS (reported as subscales["vas"] when answered) and PSFS activities 4-5 (PSFS is
  complete with 3 answered activities).
- Every total is a float (an int-valued total such as STarT Back 5 is 5.0). ODI and PSFS are
  computed as fractions and converted once; the EQ-5D index is exact (Decimal) and unrounded.
- STarT Back: the total and the psychosocial subscale are given only when all 9 items are
  answered. BIPQ and PEI have no subscales and no bands.
- important_change: exactly at the threshold counts as important. NRS uses the 2-point rule
  on back pain only (not the 30 % rule). PGIC is judged on the later score alone (it is a
  rating of change; baseline is ignored). BIPQ, PEI, STarT Back and satisfaction have no
  threshold -> None. Differences are compared after rounding to 9 decimals so that float
  noise (0.7643 - 0.6843 = 0.0799999...) cannot move a change across a threshold.
- Any answer must be a plain int (bool is rejected, so is 2.0); None and absent keys both
  mean unanswered.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from server.domain import eq5d


class AnswerError(ValueError):
    """Bad input to score(): unknown instrument, item or value set, or an answer outside the codes."""

    def __init__(self, instrument: str, item: str | None, message: str):
        self.instrument, self.item, self.message = instrument, item, message
        where = f"{instrument}.{item}" if item else str(instrument)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Score:
    total: float | None
    subscales: dict[str, float]
    band: str | None
    complete: bool


@dataclass(frozen=True)
class Item:
    key: str
    codes: tuple[int, ...]
    optional: bool = False


@dataclass(frozen=True)
class Instrument:
    id: str
    title: str
    items: tuple[Item, ...]
    licence: str
    value_sets: tuple[str, ...] = ()
    default_value_set: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)


def _items(keys: str, codes: range | tuple[int, ...], optional: str = "") -> tuple[Item, ...]:
    return tuple(Item(k, tuple(codes), k in optional.split()) for k in keys.split())


def _numbered(prefix: str, count: int) -> str:
    return " ".join(f"{prefix}{n}" for n in range(1, count + 1))


_FREE = "Free to use; the app's own wording."
_EQ5D_LICENCE = ("EuroQol Research Foundation: registration and licence needed; digital versions must "
                 "follow EuroQol's guidelines. Wording not shipped.")


# workcare (issue 9): what the protocol measures for its process and cost outcomes (specialist
# care, l.757-770; visits and referrals, l.1062-1069; sickness benefits and absenteeism,
# l.1184-1194). Asked at 3, 6 and 12 months about the time since the last questionnaire; at most
# 183 days (the 6 months between 6 and 12 months) and 50 visits.
WORKCARE_MAX_DAYS = 183
WORKCARE_MAX_VISITS = 50
WORK_STATUS = {1: "working", 2: "working-reduced", 3: "sick-leave-full", 4: "job-seeking", 5: "studying",
               6: "retired", 7: "other"}


def _eq5d_instrument(ident: str, title: str, levels: int) -> Instrument:
    sets = tuple(vs.id for vs in eq5d.VALUE_SETS.values() if vs.instrument == ident)
    items = _items(" ".join(eq5d.DIMENSIONS), range(1, levels + 1)) + _items("vas", range(0, 101), "vas")
    return Instrument(ident, title, items, _EQ5D_LICENCE, sets, eq5d.DEFAULT_VALUE_SET[ident])


INSTRUMENTS: Mapping[str, Instrument] = MappingProxyType({i.id: i for i in (
    Instrument("nrs", "Pain intensity (NRS), latest week", _items("back leg", range(0, 11)), _FREE),
    Instrument("odi", "Oswestry Disability Index 2.1", _items(_numbered("odi", 10), range(0, 6)),
               "Mapi Research Trust: licence needed. Wording not shipped."),
    _eq5d_instrument("eq5d3l", "EQ-5D-3L", 3),
    _eq5d_instrument("eq5d5l", "EQ-5D-5L", 5),
    Instrument("bipq", "Brief Illness Perception Questionnaire", _items(_numbered("bipq", 8), range(0, 11)),
               "Broadbent et al. 2006, all rights reserved. Wording not shipped."),
    Instrument("pei", "Patient Enablement Instrument", _items(_numbered("pei", 6), (2, 1, 0, 3)),
               "Howie et al. 1998; treated as copyrighted. Wording not shipped."),
    Instrument("startback", "Keele STarT Back Screening Tool",
               _items(_numbered("sbt", 8), (0, 1)) + _items("sbt9", range(0, 5)),
               "(c) Keele University 2007. Free for non-commercial use, unmodified, with the copyright "
               "notice; commercial use needs Keele's agreement."),
    Instrument("pgic", "Patient global impression of change", _items("pgic", range(-5, 6)), _FREE),
    Instrument("satisfaction", "Satisfaction with care", _items("satisfaction", range(1, 6)), _FREE),
    Instrument("psfs", "Patient-Specific Functional Scale",
               _items(_numbered("psfs", 5), range(0, 11), "psfs4 psfs5"), _FREE),
    Instrument("workcare", "Work and health care for back pain",
               _items("sick_leave_days", range(0, WORKCARE_MAX_DAYS + 1)) + _items("work_status", tuple(WORK_STATUS))
               + _items("care_visits", range(0, WORKCARE_MAX_VISITS + 1)) + _items("specialist", (0, 1)), _FREE),
)})


# --- input -----------------------------------------------------------------------------

def _instrument(instrument: str) -> Instrument:
    spec = INSTRUMENTS.get(instrument) if isinstance(instrument, str) else None
    if spec is None:
        raise AnswerError(instrument, None, f"unknown instrument; known: {', '.join(INSTRUMENTS)}")
    return spec


def _describe(codes: tuple[int, ...]) -> str:
    return f"{min(codes)}..{max(codes)}" if len(codes) > 4 else ", ".join(map(str, codes))


def _validated(spec: Instrument, answers: Mapping[str, int | None]) -> dict[str, int | None]:
    if not isinstance(answers, Mapping):
        raise AnswerError(spec.id, None, "answers must be a mapping of item key to code")
    codes = {item.key: item.codes for item in spec.items}
    for key, value in answers.items():
        if key not in codes:
            raise AnswerError(spec.id, str(key), f"unknown item; items are {', '.join(spec.keys)}")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value not in codes[key]:
            raise AnswerError(spec.id, key, f"{value!r} is not one of the codes {_describe(codes[key])}")
    return {key: answers.get(key) for key in spec.keys}


def _value_set(spec: Instrument, value_set: str | None) -> str | None:
    if value_set is None:
        return spec.default_value_set
    if value_set not in spec.value_sets:
        known = ", ".join(spec.value_sets) if spec.value_sets else "none"
        raise AnswerError(spec.id, None, f"value set {value_set!r} does not apply; value sets: {known}")
    return value_set


# --- scorers ---------------------------------------------------------------------------

_NONE = Score(None, {}, None, False)
ODI_MAX_MISSING = 1
# Fairbank's five bands with neutral names (issue 9: no "crippled" or "bed-bound" shown to anyone)
ODI_BANDS = ((20, "minimal"), (40, "moderate"), (60, "severe"), (80, "very-severe"))   # upper limits
ODI_TOP_BAND = "extreme"
BIPQ_REVERSED = frozenset({"bipq3", "bipq4", "bipq7"})
PEI_NOT_APPLICABLE = 3
STARTBACK_PSYCHOSOCIAL = ("sbt5", "sbt6", "sbt7", "sbt8", "sbt9")
STARTBACK_ITEM9_COUNTS_FROM = 3        # "Very much" (3) and "Extremely" (4) count 1
PSFS_MIN_ANSWERED = 3


def _answered(values: Mapping[str, int | None]) -> list[int]:
    return [v for v in values.values() if v is not None]


def _odi(values: dict[str, int | None], _value_set: str | None) -> Score:
    answered = _answered(values)
    if len(values) - len(answered) > ODI_MAX_MISSING:
        return _NONE
    percent = Fraction(100 * sum(answered), 5 * len(answered))
    band = next((name for limit, name in ODI_BANDS if percent <= limit), ODI_TOP_BAND)
    return Score(float(percent), {}, band, len(answered) == len(values))


def _startback(values: dict[str, int | None], _value_set: str | None) -> Score:
    if None in values.values():
        return _NONE
    counted = dict(values, sbt9=int(values["sbt9"] >= STARTBACK_ITEM9_COUNTS_FROM))
    total = sum(counted.values())
    psychosocial = sum(counted[key] for key in STARTBACK_PSYCHOSOCIAL)
    band = "low" if total <= 3 else "high" if psychosocial >= 4 else "medium"
    return Score(float(total), {"psychosocial": float(psychosocial)}, band, True)


def _bipq(values: dict[str, int | None], _value_set: str | None) -> Score:
    if None in values.values():
        return _NONE
    total = sum(10 - v if key in BIPQ_REVERSED else v for key, v in values.items())
    return Score(float(total), {}, None, True)


def _pei(values: dict[str, int | None], _value_set: str | None) -> Score:
    if None in values.values():
        return _NONE
    total = sum(0 if v == PEI_NOT_APPLICABLE else v for v in values.values())
    return Score(float(total), {}, None, True)


def _eq5d(values: dict[str, int | None], value_set: str | None) -> Score:
    vas = values["vas"]
    subscales = {} if vas is None else {"vas": float(vas)}
    levels = {dim: values[dim] for dim in eq5d.DIMENSIONS}
    if None in levels.values():
        return Score(None, subscales, None, False)
    return Score(float(eq5d.index(levels, eq5d.VALUE_SETS[value_set])), subscales, None, True)


def _nrs(values: dict[str, int | None], _value_set: str | None) -> Score:
    subscales = {key: float(v) for key, v in values.items() if v is not None}
    return Score(None, subscales, None, len(subscales) == len(values))


def _single(values: dict[str, int | None], _value_set: str | None) -> Score:
    (value,) = values.values()
    return _NONE if value is None else Score(float(value), {}, None, True)


def _psfs(values: dict[str, int | None], _value_set: str | None) -> Score:
    answered = _answered(values)
    if len(answered) < PSFS_MIN_ANSWERED:
        return _NONE
    return Score(float(Fraction(sum(answered), len(answered))), {}, None, True)


def _workcare(values: dict[str, int | None], _value_set: str | None) -> Score:
    """No total: each answer is its own figure (days, visits, referral yes/no, status code)."""
    subscales = {key: float(v) for key, v in values.items() if v is not None}
    return Score(None, subscales, None, len(subscales) == len(values))


_SCORERS: Mapping[str, Callable[[dict[str, int | None], str | None], Score]] = MappingProxyType({
    "nrs": _nrs, "odi": _odi, "eq5d3l": _eq5d, "eq5d5l": _eq5d, "bipq": _bipq, "pei": _pei,
    "startback": _startback, "pgic": _single, "satisfaction": _single, "psfs": _psfs,
    "workcare": _workcare,
})


def score(instrument: str, answers: Mapping[str, int | None], *, value_set: str | None = None) -> Score:
    """Score one questionnaire response; raises AnswerError for bad input."""
    spec = _instrument(instrument)
    values = _validated(spec, answers)
    return _SCORERS[spec.id](values, _value_set(spec, value_set))


# --- important change ------------------------------------------------------------------

@dataclass(frozen=True)
class _ChangeRule:
    threshold: Decimal
    higher_is_better: bool
    value: Callable[[Score], float | None] = lambda s: s.total


_CHANGE_RULES: Mapping[str, _ChangeRule] = MappingProxyType({
    "nrs": _ChangeRule(Decimal(2), False, lambda s: s.subscales.get("back")),
    "odi": _ChangeRule(Decimal(10), False),
    "eq5d3l": _ChangeRule(Decimal("0.08"), True),
    "eq5d5l": _ChangeRule(Decimal("0.08"), True),
    "psfs": _ChangeRule(Decimal(2), True),
})
PGIC_THRESHOLD = 2
_NOISE = Decimal("1e-9")


def _judged(gain: Decimal, threshold: Decimal) -> str:
    if gain >= threshold:
        return "improved"
    return "worsened" if gain <= -threshold else "unchanged"


def important_change(instrument: str, baseline: Score, later: Score) -> str | None:
    """"improved" / "worsened" / "unchanged" against the instrument's MCID, or None."""
    _instrument(instrument)
    if instrument == "pgic":
        rating = later.total
        return None if rating is None else _judged(Decimal(repr(rating)), Decimal(PGIC_THRESHOLD))
    rule = _CHANGE_RULES.get(instrument)
    before, after = (rule.value(baseline), rule.value(later)) if rule else (None, None)
    if before is None or after is None:
        return None
    change = (Decimal(repr(after)) - Decimal(repr(before))).quantize(_NOISE)
    return _judged(change if rule.higher_is_better else -change, rule.threshold)
