"""The care episode: red-flag screening, STarT Back stratification, visits and discharge.

Source: the BetterBack model of care, Figure 4 step 1 (assessment and stratification), lines of
../shared/seeds/002_b767a39d856ccad1.txt:
- Red flags on the assessment form: "malignancy, unexplained weight loss, trauma, osteoporosis,
  infection, inflammatory disease, spinal cord compression symptoms, drug use" (2626-2628).
- Considerations, not red flags: the trial's exclusion criteria (397-404, 1345-1348) pregnancy,
  severe psychiatric illness, criteria for multimodal rehabilitation and spinal surgery in the last
  two years are recorded with the screening and shown to staff; they never block treatment.
- Exclusion criteria (1345-1348): current or previous (5 years) malignancy, spinal fracture,
  infection, cauda equina syndrome, ankylosing spondylitis or systemic rheumatic disease,
  pregnancy (now or up to 3 months before), criteria for multimodal rehabilitation, severe
  psychiatric diagnosis. The history and examination chapter (2541-2882) asks for the same.
- STarT Back (2398-2416): a total of 3 or less is a low risk profile, usual care with few
  visits; 4 or more is medium-high risk, usual care with additional visits; items 5-9 (the
  psychosocial subscale) guide the need, focus and extent of behavioural-medicine measures.

Choices where the protocol is silent (also in README.md):
- A ticked flag pauses care until it has a structured outcome (server/domain/care_pause.py):
  ruled out after examination, or referred (to whom, free text); each tick is its own record.
- The protocol's two groups are used (low <= 3, medium-high >= 4), not Keele's three; the
  psychosocial score is shown beside it, with Keele's cut-off (>= 4 of 5) marked as "high"
  so the therapist sees when behavioural-medicine measures deserve most weight.
"""
from __future__ import annotations

from dataclasses import dataclass

RED_FLAGS: dict[str, dict[str, str]] = {
    "malignancy": {"en": "Cancer now, or cancer in the last five years",
                   "sv": "Cancer nu eller under de senaste fem åren"},
    "weight_loss": {"en": "Weight loss without a known reason", "sv": "Viktnedgång utan känd orsak"},
    "trauma": {"en": "Recent trauma or suspected fracture of the spine",
               "sv": "Nyligen skadad i ryggen (trauma) eller misstänkt kotfraktur"},
    "osteoporosis": {"en": "Osteoporosis or long-term cortisone treatment",
                     "sv": "Benskörhet eller långvarig kortisonbehandling"},
    "infection": {"en": "Signs of infection: fever, feeling unwell, recent infection or surgery",
                  "sv": "Tecken på infektion: feber, sjukdomskänsla, nylig infektion eller operation"},
    "inflammatory": {"en": "Inflammatory disease: ankylosing spondylitis or systemic rheumatic disease",
                     "sv": "Inflammatorisk sjukdom: Bechterews sjukdom eller systemisk reumatisk sjukdom"},
    "cord_compression": {"en": "Numbness around the seat or genitals, new trouble passing urine or controlling "
                               "the bowel, or spreading weakness in the legs",
                         "sv": "Domning i ridbyxområdet, nya svårigheter att kissa eller hålla avföringen, "
                               "eller tilltagande svaghet i benen"},
    "drug_use": {"en": "Injecting drug use", "sv": "Injektionsmissbruk"},
}
# Exclusion criteria of the trial (397-404): considerations for the plan, never a block.
CONSIDERATIONS: dict[str, dict[str, str]] = {
    "pregnancy": {"en": "Pregnant now, or gave birth in the last three months",
                  "sv": "Gravid nu eller förlossning de senaste tre månaderna"},
    "psychiatric": {"en": "Severe psychiatric illness", "sv": "Allvarlig psykiatrisk sjukdom"},
    "multimodal": {"en": "Long-standing complex pain that needs multimodal rehabilitation",
                   "sv": "Långvarig komplex smärta som kräver multimodal rehabilitering"},
    "spinal_surgery": {"en": "Spinal surgery in the last two years",
                       "sv": "Ryggkirurgi de senaste två åren"},
}
VISIT_KINDS = ("first", "return", "group", "follow-up")
DISCHARGE_REASONS = ("goals-met", "self-management", "referred", "stopped-by-patient", "other")
LOW_MAX = 3                 # STarT Back total <= 3: low risk (line 2409)
PSYCHOSOCIAL_HIGH = 4       # Keele's cut-off on items 5-9, shown as a hint only

MEANING = {
    "low": {"en": "Low risk (total 3 or less): usual care with few visits; treat what the examination found.",
            "sv": "Låg risk (summa 3 eller lägre): sedvanlig vård med få besök; behandla det undersökningen visade."},
    "medium-high": {"en": "Medium to high risk (total 4 or more): usual care with additional visits.",
                    "sv": "Medel till hög risk (summa 4 eller högre): sedvanlig vård med fler besök."},
}
PSYCHOSOCIAL = {
    "en": "Items 5-9 (worry, fear, low mood, bothersomeness): {score} of 5. They guide the need, focus and extent "
          "of behavioural-medicine measures.",
    "sv": "Fråga 5–9 (oro, rädsla, nedstämdhet, besvär): {score} av 5. De vägleder behov, inriktning och omfattning "
          "av beteendemedicinska åtgärder.",
}


@dataclass(frozen=True)
class RiskProfile:
    group: str              # "low" | "medium-high"
    total: int
    psychosocial: int
    psychosocial_high: bool
    meaning: str
    psychosocial_text: str


def risk_group(total: int | float | None) -> str | None:
    """The protocol's two risk groups from the STarT Back total (lines 2409-2412)."""
    if total is None:
        return None
    return "low" if total <= LOW_MAX else "medium-high"


def risk_profile(total: int | float | None, psychosocial: int | float | None, locale: str = "en") -> RiskProfile | None:
    """The risk group with what it means for the pathway; None before STarT Back is answered."""
    group = risk_group(total)
    if group is None or psychosocial is None:
        return None
    locale = locale if locale in ("en", "sv") else "en"
    score = int(psychosocial)
    return RiskProfile(group, int(total), score, score >= PSYCHOSOCIAL_HIGH, MEANING[group][locale],
                       PSYCHOSOCIAL[locale].format(score=score))


def unknown_flags(flags: list[str]) -> list[str]:
    return [f for f in flags if f not in RED_FLAGS]


def flag_label(flag: str, locale: str) -> str:
    """One flag's checklist label in the reader's language (its code when unknown)."""
    return RED_FLAGS.get(flag, {}).get(locale if locale in ("en", "sv") else "en", flag)


def flag_names(flags: list[str], locale: str) -> str:
    """The flags' names in the reader's language, for staff messages."""
    locale = locale if locale in ("en", "sv") else "en"
    return ", ".join(RED_FLAGS[f][locale].lower() for f in flags if f in RED_FLAGS)


def checklist(locale: str, items: dict[str, dict[str, str]] = RED_FLAGS) -> list[dict]:
    locale = locale if locale in ("en", "sv") else "en"
    return [{"code": code, "label": labels[locale]} for code, labels in items.items()]
