"""Clinic outcomes: change from baseline per instrument and time point, response rates, adherence bands.

The important change is server.domain.proms.important_change (its thresholds and sources are there);
this module only counts. Choices where the protocol is silent (also in README.md):
- n is everyone who answered the instrument at that time point; the mean change and the share
  improved are over those who also have a baseline score to compare with (PGIC needs none).
- The response rate counts an assessment as due once its answer window has closed or it was
  answered, so questionnaires still open do not lower the rate.
- A patient's adherence is the mean of their finished contract weeks' adherence (each capped at
  100 %, server.domain.adherence); the week holding today is left out as it is not over.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

ADHERENCE_BANDS = ((0, 24), (25, 49), (50, 74), (75, 100))


@dataclass(frozen=True)
class Change:
    """One patient's answer at a later time point: the raw change of the total and the judgement."""
    value: float | None
    judgement: str | None    # "improved" | "worsened" | "unchanged" | None (not judgeable)


def summarise(changes: Sequence[Change], answered: int) -> dict:
    values = [c.value for c in changes if c.value is not None]
    judged = [c.judgement for c in changes if c.judgement is not None]
    return {
        "n": answered,
        "n_change": len(judged),
        "mean_change": round(sum(values) / len(values), 2) if values else None,
        "share_improved": round(judged.count("improved") / len(judged), 3) if judged else None,
    }


def response_rate(rows: Sequence[tuple[date, bool]], today: date) -> dict:
    """From (closes date, answered) rows of one time point: {"due", "answered", "rate"}."""
    due = [answered for closes, answered in rows if answered or closes <= today]
    answered = sum(due)
    return {"due": len(due), "answered": answered, "rate": round(answered / len(due), 3) if due else None}


def adherence_band(percent: float) -> str:
    """"0-24" holds everything below 25 (24.9 too), "75-100" from 75 up."""
    for low, high in ADHERENCE_BANDS:
        if percent < high + 1:
            return f"{low}-{high}"
    return f"{ADHERENCE_BANDS[-1][0]}-{ADHERENCE_BANDS[-1][1]}"


def adherence_distribution(percents: Sequence[float]) -> list[dict]:
    counts = {f"{low}-{high}": 0 for low, high in ADHERENCE_BANDS}
    for percent in percents:
        counts[adherence_band(percent)] += 1
    return [{"range": band, "patients": n} for band, n in counts.items()]
