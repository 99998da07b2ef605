"""The physiotherapist's CRPE tool (Clinical Reasoning and Process Evaluation): scores and checks.

Source: the BetterBack protocol (Schröder et al., BMJ Open 2018, NCT03147300); line numbers are
those of ../shared/seeds/002_b767a39d856ccad1.txt.

| rule | what it says | source lines |
|------|--------------|--------------|
| 1 | each relevant item of functional impairment and of activity limitation is graded 0-4 (none, light, moderate, severe, complete) at the first and at the final assessment | 1071-1076, 2929-3057 |
| 2 | the impairment score is the sum of the impairment grades divided by the number of impairments graded; the activity score likewise | 1076-1082 |
| 3 | one primary assessment category, with one or more ICD-10 codes of its own row; the final assessment may add a new code | 3058-3065 |
| 4 | at the final assessment: Part 1 and Part 2 applied yes/no, every mode and type of treatment used (with "other" in words), the overall treatment effect on five steps, and the number of physiotherapy visits | 2917-2919, 3132-3263 |

Choices where the protocol is silent (also in README.md):
- An item left ungraded is "not relevant" and is not part of the score; nothing graded gives no
  score (None), never 0, which would read as "no impairment".
- Scores are shown with two decimals, rounded half up; the change is final minus first, so a
  negative change is an improvement (fewer or milder findings).
- "A new diagnostic code" at the final assessment (l.3063-3064) may come from any row of the form's
  table: a finding can change category. At the first assessment the codes are those of the chosen
  category's row.
- A category may be left open while the form is being filled in; codes then wait for it.
- A final assessment needs a first one: the tool compares the two (l.1076-1082).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

GRADES = range(0, 5)            # l.2933-2945: 0 none ... 4 complete
WHICH = ("first", "final")
FINAL_ONLY = ("part1_applied", "part2_applied", "treatments", "treatment_other", "effect", "visits")
TWO_DECIMALS = Decimal("0.01")


@dataclass(frozen=True)
class FormKeys:
    """What the form allows, from the content library's definition."""
    impairment: frozenset[str]
    activity: frozenset[str]
    subgroups: Mapping[str, tuple[str, ...]]        # category -> its ICD-10 codes
    treatments: frozenset[str]
    other: Mapping[str, str] = field(default_factory=dict)   # treatment group -> its "other" item
    effects: frozenset[str] = frozenset()

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(code for codes in self.subgroups.values() for code in codes)


@dataclass(frozen=True)
class Problem:
    """A part of an answer the form does not allow: the field, a catalogue code and its values."""
    field: str
    code: str
    values: Mapping[str, str] = field(default_factory=dict)


def score(grades: Mapping[str, int]) -> Decimal | None:
    """Rule 2: the mean grade of the items graded, two decimals; None when nothing is graded."""
    if not grades:
        return None
    return (Decimal(sum(grades.values())) / len(grades)).quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)


def change(first: Decimal | None, final: Decimal | None) -> Decimal | None:
    """Final minus first (negative: better); None unless both have a score."""
    return None if first is None or final is None else final - first


def _grade_problems(name: str, grades: Mapping[str, int], allowed: frozenset[str]) -> list[Problem]:
    found = [Problem(name, "crpe_item_unknown", {"item": key}) for key in grades if key not in allowed]
    return found + [Problem(name, "crpe_grade_range", {"item": key}) for key, grade in grades.items()
                    if key in allowed and (isinstance(grade, bool) or grade not in GRADES)]


def _diagnosis_problems(form: FormKeys, which: str, subgroup: str | None, codes: Sequence[str]) -> list[Problem]:
    if subgroup is None:
        return [Problem("icd10", "crpe_icd10_needs_subgroup")] if codes else []
    if subgroup not in form.subgroups:
        return [Problem("subgroup", "crpe_subgroup_unknown", {"subgroup": subgroup})]
    if not codes:
        return [Problem("icd10", "crpe_icd10_required")]
    allowed = form.subgroups[subgroup] if which == "first" else form.codes
    return [Problem("icd10", "crpe_icd10_not_allowed", {"icd10": code, "subgroup": subgroup})
            for code in codes if code not in allowed]


def _treatment_problems(form: FormKeys, answer: Mapping) -> list[Problem]:
    used = list(answer.get("treatments") or [])
    found = [Problem("treatments", "crpe_treatment_unknown", {"item": key}) for key in used
             if key not in form.treatments]
    words = answer.get("treatment_other") or {}
    for group, item in form.other.items():
        if item in used and not (words.get(group) or "").strip():
            found.append(Problem("treatment_other", "crpe_other_words", {"group": group}))
    found += [Problem("treatment_other", "crpe_other_unticked", {"group": group}) for group in words
              if form.other.get(group) not in used]
    effect = answer.get("effect")
    if effect is not None and effect not in form.effects:
        found.append(Problem("effect", "crpe_effect_unknown", {"effect": effect}))
    return found


def problems(form: FormKeys, which: str, answer: Mapping) -> list[Problem]:
    """Every part of a first or final assessment the form does not allow (empty: it may be stored)."""
    found = _grade_problems("impairment", answer.get("impairment") or {}, form.impairment)
    found += _grade_problems("activity", answer.get("activity") or {}, form.activity)
    found += _diagnosis_problems(form, which, answer.get("subgroup"), list(answer.get("icd10") or []))
    if which == "first":
        found += [Problem(name, "crpe_final_only") for name in FINAL_ONLY if answer.get(name) not in (None, [], {})]
    else:
        found += _treatment_problems(form, answer)
    return found
