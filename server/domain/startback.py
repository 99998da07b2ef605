"""STarT Back from the paper form: what the therapist may record, and which result the pathway uses.

Source: ../shared/seeds/002_b767a39d856ccad1.txt - STarT Back at baseline, in Swedish (l.986-1000,
the outcome measures), stratification of care by its total, with items 5-9 guiding behavioural-medicine
measures (l.2398-2416; the grouping itself is server/domain/episode.py risk_group: total <= 3 low, >= 4
medium-high). Keele's scoring (../shared/design/proms.md): total = items 1-9 (0-9), psychosocial
subscale = items 5-9 (0-5); so items 1-4 give total - psychosocial, at most 4.

Why a paper form: the app asks STarT Back only in validated wording (server/domain/wording.py); our
Swedish rendering is not Keele's, so without the clinic's Swedish pack the patient fills in Keele's
Swedish paper form and the therapist records its two scores in the episode.

Choices where the sources are silent (also in README.md):
- The paper result, once recorded, is the one the pathway uses, also when the app's questionnaire
  was answered later with a pack: the therapist recorded it on purpose, and can record it again.
- A pair that no form can produce (psychosocial above the total, or items 1-4 above 4) is refused.
Pure: no Flask, no database, no clock.
"""
from __future__ import annotations

from dataclasses import dataclass

TOTAL_MAX = 9
PSYCHOSOCIAL_MAX = 5
ITEMS_1_TO_4_MAX = TOTAL_MAX - PSYCHOSOCIAL_MAX


@dataclass(frozen=True)
class Result:
    total: int
    psychosocial: int
    source: str             # "paper" (recorded by the therapist) | "app" (the patient's questionnaire)


def check_paper(total: int, psychosocial: int) -> str | None:
    """None when a paper form can give these two scores; else the error code naming why not."""
    if not 0 <= total <= TOTAL_MAX or not 0 <= psychosocial <= PSYCHOSOCIAL_MAX:
        return "startback_out_of_range"
    if psychosocial > total or total - psychosocial > ITEMS_1_TO_4_MAX:
        return "startback_inconsistent"
    return None


def chosen(paper: Result | None, app: Result | None) -> Result | None:
    """The result the pathway uses: the therapist's paper record first, else the app's."""
    return paper if paper is not None else app
