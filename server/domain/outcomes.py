"""Clinic outcomes: change from baseline per instrument and time point, response rates, adherence bands.

The important change is server.domain.proms.important_change (its thresholds and sources are there);
this module only counts. Choices where the protocol is silent (also in README.md):
- n is everyone who answered the instrument at that time point; the mean change and the share
  improved are over those who also have a baseline score to compare with (PGIC needs none).
- The response rate counts an assessment as due once its answer window has closed or it was
  answered, so questionnaires still open do not lower the rate.
- A patient's adherence is the mean of their finished contract weeks' adherence (each capped at
  100 %, server.domain.adherence); the week holding today is left out as it is not over.
- Small cells (issue 21): the protocol is silent; the clinic's figures follow the small-cell rule of
  clinical quality registries, so a cell never shows one patient's result (with n = 1 the "mean
  change" is that patient's ODI change). A count of 1 to 4 patients is not shown (the screen and
  the CSV say "< 5"; 0 is shown: it is nobody); a figure computed from fewer than 5 patients (a
  mean, a share, a rate) is not shown; a rate whose count of answers is hidden is hidden too, as
  rate x due would give it back. The hidden fields are named in `suppressed` and are null.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

ADHERENCE_BANDS = ((0, 24), (25, 49), (50, 74), (75, 100))
MIN_CELL = 5   # the fewest patients a shown count or figure may rest on


@dataclass(frozen=True)
class Change:
    """One patient's answer at a later time point: the raw change of the total and the judgement."""
    value: float | None
    judgement: str | None    # "improved" | "worsened" | "unchanged" | None (not judgeable)


def small(count: int) -> bool:
    """A count of patients too small to show: 1 to MIN_CELL - 1 (0 tells nothing about anyone)."""
    return 0 < count < MIN_CELL


def suppress(row: dict, counts: Sequence[str], figures: dict[str, int]) -> dict:
    """`row` with its small `counts` and the `figures` computed from fewer than MIN_CELL patients (name ->
    how many) set to None, and named in `suppressed`."""
    hidden = [name for name in counts if small(row[name])]
    hidden += [name for name, base in figures.items() if base < MIN_CELL and row[name] is not None]
    return {**row, **{name: None for name in hidden}, "suppressed": hidden}


def summarise(changes: Sequence[Change], answered: int) -> dict:
    values = [c.value for c in changes if c.value is not None]
    judged = [c.judgement for c in changes if c.judgement is not None]
    row = {
        "n": answered,
        "n_change": len(judged),
        "mean_change": round(sum(values) / len(values), 2) if values else None,
        "share_improved": round(judged.count("improved") / len(judged), 3) if judged else None,
    }
    return suppress(row, ("n", "n_change"), {"mean_change": len(values), "share_improved": len(judged)})


def response_rate(rows: Sequence[tuple[date, bool]], today: date) -> dict:
    """From (closes date, answered) rows of one time point: {"due", "answered", "rate", "suppressed"}."""
    due = [answered for closes, answered in rows if answered or closes <= today]
    answered = sum(due)
    row = {"due": len(due), "answered": answered, "rate": round(answered / len(due), 3) if due else None}
    # The rate rests on the due patients, and gives back the count of answers: hidden with either.
    return suppress(row, ("due", "answered"), {"rate": answered if small(answered) else len(due)})


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
    return [suppress({"range": band, "patients": n}, ("patients",), {}) for band, n in counts.items()]
