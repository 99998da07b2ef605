"""EQ-5D index values from Swedish value sets, in exact decimal arithmetic.

Source: ../shared/design/proms.md, section "EQ-5D", which takes the coefficients from
- EQ-5D-3L, Sweden: Burström K, Sun S, Gerdtham U-G, et al. Swedish experience-based value
  sets for EQ-5D health states. Qual Life Res 2014;23:431-442 (id "se-2014");
- EQ-5D-5L, Sweden 2020: Burström K, Teni FS, Gerdtham U-G, et al. Experience-based Swedish
  TTO and VAS value sets for EQ-5D-5L health states. PharmacoEconomics 2020;38:839-856
  (id "se-2020");
- EQ-5D-5L, Sweden 2022: Sun S, Chuang L-H, Sahlén K-G, et al. Estimating a social value set
  for EQ-5D-5L in Sweden. Health Qual Life Outcomes 2022;20:167 (id "se-2022"),
cross-checked against the public scorers fragla/eq5d and MathsinHealth/eq5dsuite-value-sets.

Every model is additive: index = constant - sum of the decrement of each dimension's level
(level 1 has none) - one extra decrement if any dimension is at the worst level (3L: level 3,
"N3"; 5L 2020: level 5). Coefficients are kept as Decimal so that an index is exactly what the
formula gives (22222 -> 0.6843, not 0.68429999...).

Choices where proms.md is silent:
- Full health scores the model's constant (3L se-2014: 0.9694, 5L se-2020: 0.9755), never a
  forced 1.000, as proms.md says "follow the model".
- `round_index` rounds half up (as the published tables do) only for display; scoring keeps
  the full precision.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

DIMENSIONS = ("mo", "sc", "ua", "pd", "ad")   # mobility, self-care, usual activities, pain, anxiety


@dataclass(frozen=True)
class ValueSet:
    id: str
    instrument: str                                 # "eq5d3l" | "eq5d5l"
    title: str
    constant: Decimal
    decrements: Mapping[str, tuple[Decimal, ...]]   # per dimension: levels 2, 3, ... in order
    worst_level_decrement: Decimal                  # once, if any dimension is at the worst level

    @property
    def levels(self) -> int:
        return len(self.decrements[DIMENSIONS[0]]) + 1


def _set(ident: str, instrument: str, title: str, constant: str, rows: dict[str, str],
         worst: str) -> ValueSet:
    decrements = {dim: tuple(Decimal(v) for v in rows[dim].split()) for dim in DIMENSIONS}
    return ValueSet(ident, instrument, title, Decimal(constant), MappingProxyType(decrements), Decimal(worst))


VALUE_SETS: Mapping[str, ValueSet] = MappingProxyType({vs.id: vs for vs in (
    _set("se-2014", "eq5d3l", "Sweden, Burström et al. 2014 (experience-based TTO)", "0.9694", {
        "mo": "0.0666 0.1247", "sc": "0.0276 0.0276", "ua": "0.1012 0.1355",
        "pd": "0.0345 0.0904", "ad": "0.0552 0.2077"}, worst="0.0433"),
    _set("se-2020", "eq5d5l", "Sweden, Burström, Teni et al. 2020 (experience-based TTO)", "0.9755", {
        "mo": "0.0287 0.0346 0.0523 0.0523", "sc": "0.0254 0.0817 0.0824 0.0824",
        "ua": "0.0549 0.1143 0.1639 0.1639", "pd": "0.0108 0.0428 0.1024 0.1974",
        "ad": "0.0325 0.0868 0.2002 0.2339"}, worst="0.0023"),
    _set("se-2022", "eq5d5l", "Sweden, Sun et al. 2022 (social EQ-VT value set)", "1", {
        "mo": "0.022 0.026 0.087 0.132", "sc": "0.019 0.056 0.113 0.159",
        "ua": "0.022 0.048 0.131 0.187", "pd": "0.010 0.047 0.319 0.442",
        "ad": "0.031 0.122 0.277 0.394"}, worst="0"),
)})

DEFAULT_VALUE_SET: Mapping[str, str] = MappingProxyType({"eq5d3l": "se-2014", "eq5d5l": "se-2020"})


def index(levels: Mapping[str, int], value_set: ValueSet) -> Decimal:
    """The exact index of a complete health state, e.g. {"mo": 2, "sc": 2, ...}."""
    value = value_set.constant
    for dim in DIMENSIONS:
        level = levels[dim]
        if not 1 <= level <= value_set.levels:
            raise ValueError(f"{dim} level {level} is outside 1-{value_set.levels}")
        if level > 1:
            value -= value_set.decrements[dim][level - 2]
    if any(levels[dim] == value_set.levels for dim in DIMENSIONS):
        value -= value_set.worst_level_decrement
    return value


def health_state(levels: Mapping[str, int]) -> str:
    """The five-digit health state in the order MO, SC, UA, PD, AD, e.g. "12321"."""
    return "".join(str(levels[dim]) for dim in DIMENSIONS)


def round_index(value: float | Decimal, places: int = 3) -> Decimal:
    """Round an index half up for display (0.8985 -> 0.899), without float artefacts."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
