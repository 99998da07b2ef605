"""PROM scoring (server/domain/proms.py, eq5d.py), instrument by instrument and rule by rule.

Every expected value is worked out by hand from ../shared/design/proms.md; the arithmetic is in
the comment next to it. Nothing here calls the code under test to get an expected value.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from server.domain.eq5d import health_state, round_index
from server.domain.proms import INSTRUMENTS, AnswerError, Score, important_change, score

REPO = Path(__file__).resolve().parents[2]


def odi(*values):
    return {f"odi{n}": v for n, v in enumerate(values, 1)}


def sbt(agree: str, item9: int | None):
    """agree: the STarT Back items 1-8 answered 'agree', e.g. "1 5 6"; the others disagree."""
    chosen = {int(n) for n in agree.split()}
    return {f"sbt{n}": int(n in chosen) for n in range(1, 9)} | {"sbt9": item9}


def numbered(prefix, values):
    return {f"{prefix}{n}": v for n, v in enumerate(values, 1)}


def state(digits: str, vas=None):
    levels = dict(zip(("mo", "sc", "ua", "pd", "ad"), (int(c) for c in digits)))
    return levels if vas is None else levels | {"vas": vas}


def total(value):
    return Score(value, {}, None, value is not None)


# --- ODI -----------------------------------------------------------------------------

@pytest.mark.parametrize("answers, percent, band", [
    (odi(*[0] * 10), 0.0, "minimal"),                       # 100 x 0 / 50
    (odi(*[1] * 10), 20.0, "minimal"),                      # 100 x 10 / 50: 20 is still minimal
    (odi(2, *[1] * 9), 22.0, "moderate"),                   # 100 x 11 / 50
    (odi(*[2] * 10), 40.0, "moderate"),                     # proms.md example: 100 x 20 / 50
    (odi(3, *[2] * 9), 42.0, "severe"),                     # 100 x 21 / 50
    (odi(*[3] * 10), 60.0, "severe"),                       # 100 x 30 / 50
    (odi(4, *[3] * 9), 62.0, "very-severe"),                   # 100 x 31 / 50
    (odi(*[4] * 10), 80.0, "very-severe"),                     # 100 x 40 / 50
    (odi(5, *[4] * 9), 82.0, "extreme"),                  # 100 x 41 / 50
    (odi(*[5] * 10), 100.0, "extreme"),                   # 100 x 50 / 50
    (odi(0, 1, 2, 3, 4, 5, 0, 1, 2, 3), 42.0, "severe"),    # sum 21 -> 100 x 21 / 50
])
def test_odi_percentage_and_band_with_every_section_answered(answers, percent, band):
    assert score("odi", answers) == Score(percent, {}, band, True)


@pytest.mark.parametrize("answers, percent, band", [
    (odi(2, 2, 2, 2, 2, 2, 2, None, 2, 2), 40.0, "moderate"),       # 100 x 18 / 45 = 40
    ({k: 2 for k in odi(*[0] * 10) if k != "odi8"}, 40.0, "moderate"),  # absent key = unanswered
    (odi(None, 1, 1, 1, 1, 1, 1, 1, 1, 1), 20.0, "minimal"),        # 100 x 9 / 45 = 20
    (odi(None, 2, 1, 1, 1, 1, 1, 1, 1, 1), 1000 / 45, "moderate"),  # 100 x 10 / 45 = 22.2
    (odi(*[5] * 9, None), 100.0, "extreme"),                       # 100 x 45 / 45
])
def test_odi_with_one_section_missing_scores_over_the_answered_sections_but_is_not_complete(
        answers, percent, band):
    assert score("odi", answers) == Score(percent, {}, band, False)


@pytest.mark.parametrize("answers", [
    odi(2, 2, 2, 2, 2, 2, 2, None, None, 2),
    odi(*[None] * 10),
    {},
    {"odi1": 3},
])
def test_odi_with_two_or_more_sections_missing_has_no_score(answers):
    assert score("odi", answers) == Score(None, {}, None, False)


# --- STarT Back ------------------------------------------------------------------------

@pytest.mark.parametrize("answers, total_, psychosocial, band", [
    (sbt("", 0), 0, 0, "low"),
    (sbt("1 2 3", 0), 3, 0, "low"),            # total 3: low
    (sbt("1 2 3 4", 0), 4, 0, "medium"),       # total 4, psychosocial 0: medium
    (sbt("5 6 7", 0), 3, 3, "low"),            # total 3 is low whatever the subscale
    (sbt("1 5 6 7", 0), 4, 3, "medium"),       # total 4, psychosocial 3: medium
    (sbt("5 6 7 8", 0), 4, 4, "high"),         # psychosocial 4: high
    (sbt("1 2 3 4 5 6 7", 1), 7, 3, "medium"),  # 7 agrees; item 9 "slightly" counts 0
    (sbt("1 2 3 4 5 6 7 8", 4), 9, 5, "high"),  # everything counts: 8 + 1, psychosocial 4 + 1
])
def test_startback_total_subscale_and_risk(answers, total_, psychosocial, band):
    assert score("startback", answers) == Score(total_, {"psychosocial": psychosocial}, band, True)


@pytest.mark.parametrize("item9, counts", [(0, 0), (1, 0), (2, 0), (3, 1), (4, 1)])
def test_startback_item_9_counts_only_very_much_and_extremely(item9, counts):
    result = score("startback", sbt("", item9))
    assert (result.total, result.subscales) == (counts, {"psychosocial": counts})


@pytest.mark.parametrize("item9, band", [
    (2, "low"),     # "moderately" counts 0: total 3 (items 5-7), psychosocial 3
    (3, "high"),    # "very much" counts 1: total 4, psychosocial 4
])
def test_startback_item_9_code_2_vs_3_moves_the_risk_group(item9, band):
    assert score("startback", sbt("5 6 7", item9)).band == band


@pytest.mark.parametrize("answers", [
    sbt("1 2 3 4 5", None),                                         # item 9 unanswered
    {f"sbt{n}": 1 for n in range(2, 9)} | {"sbt9": 4},              # item 1 absent
    sbt("", 0) | {"sbt5": None},
])
def test_startback_incomplete_has_no_score(answers):
    assert score("startback", answers) == Score(None, {}, None, False)


# --- BIPQ ----------------------------------------------------------------------------

@pytest.mark.parametrize("values, expected", [
    ([5] * 8, 40),                              # proms.md: 5+5+(10-5)+(10-5)+5+5+(10-5)+5
    ([0] * 8, 30),                              # 0+0+10+10+0+0+10+0
    ([10] * 8, 50),                             # 10+10+0+0+10+10+0+10
    ([10, 10, 0, 0, 10, 10, 0, 10], 80),        # most threatening: 5 x 10 + 3 reversed x (10-0)
    ([0, 0, 10, 10, 0, 0, 10, 0], 0),           # most benign: 5 x 0 + 3 reversed x (10-10)
    ([1, 2, 3, 4, 5, 6, 7, 8], 38),             # 1+2+(10-3)+(10-4)+5+6+(10-7)+8 = 1+2+7+6+5+6+3+8
])
def test_bipq_total_reverses_items_3_4_and_7(values, expected):
    assert score("bipq", numbered("bipq", values)) == Score(expected, {}, None, True)


@pytest.mark.parametrize("item, reversed_", [(n, n in (3, 4, 7)) for n in range(1, 9)])
def test_each_bipq_item_is_reversed_or_not(item, reversed_):
    values = [0] * 8
    values[item - 1] = 10
    # all 0 gives 30 (three reversed items at 10-0); raising one item to 10 adds 10, or removes 10 if reversed
    assert score("bipq", numbered("bipq", values)).total == (20 if reversed_ else 40)


def test_bipq_with_one_item_missing_has_no_total():
    assert score("bipq", numbered("bipq", [5, 5, 5, 5, 5, 5, 5, None])) == Score(None, {}, None, False)


# --- PEI -----------------------------------------------------------------------------

@pytest.mark.parametrize("values, expected", [
    ([2] * 6, 12),                  # much better: 6 x 2
    ([1] * 6, 6),                   # better: 6 x 1
    ([0] * 6, 0),                   # same or less
    ([3] * 6, 0),                   # not applicable scores 0
    ([2, 2, 1, 0, 3, 1], 6),        # 2+2+1+0+0+1
    ([3, 2, 3, 2, 3, 2], 6),        # 0+2+0+2+0+2
])
def test_pei_total(values, expected):
    assert score("pei", numbered("pei", values)) == Score(expected, {}, None, True)


def test_pei_with_one_item_unanswered_has_no_total():
    assert score("pei", numbered("pei", [2, 2, 2, 2, 2, None])) == Score(None, {}, None, False)


# --- EQ-5D ---------------------------------------------------------------------------

@pytest.mark.parametrize("health, index", [
    ("11111", 0.9694),   # the constant; no level 3
    ("22222", 0.6843),   # proms.md: 0.9694 - (0.0666+0.0276+0.1012+0.0345+0.0552 = 0.2851)
    ("33333", 0.3402),   # 0.9694 - (0.1247+0.0276+0.1355+0.0904+0.2077 = 0.5859) - 0.0433
    ("12321", 0.7285),   # 0.9694 - (0.0276+0.1355+0.0345 = 0.1976) - 0.0433
    ("13111", 0.8985),   # 0.9694 - 0.0276 - 0.0433 (SC 3 = SC 2 in this set, but N3 applies)
    ("12111", 0.9418),   # 0.9694 - 0.0276
    ("21111", 0.9028),   # 0.9694 - 0.0666
])
def test_eq5d3l_index_sweden_2014_is_exact(health, index):
    assert score("eq5d3l", state(health), value_set="se-2014") == Score(index, {}, None, True)


def test_eq5d3l_default_value_set_is_sweden_2014():
    assert score("eq5d3l", state("22222")).total == 0.6843


@pytest.mark.parametrize("health, index", [
    ("11111", 0.9755),   # the constant
    ("22222", 0.8232),   # proms.md: 0.9755 - (0.0287+0.0254+0.0549+0.0108+0.0325 = 0.1523)
    ("55555", 0.2433),   # 0.9755 - (0.0523+0.0824+0.1639+0.1974+0.2339 = 0.7299) - 0.0023
    ("12345", 0.4972),   # 0.9755 - (0.0254+0.1143+0.1024+0.2339 = 0.4760) - 0.0023
    ("44444", 0.3743),   # 0.9755 - (0.0523+0.0824+0.1639+0.1024+0.2002 = 0.6012); no level 5
    ("11114", 0.7753),   # 0.9755 - 0.2002
    ("11115", 0.7393),   # 0.9755 - 0.2339 - 0.0023
])
def test_eq5d5l_index_sweden_2020_is_exact(health, index):
    assert score("eq5d5l", state(health), value_set="se-2020") == Score(index, {}, None, True)


def test_eq5d5l_default_value_set_is_sweden_2020():
    assert score("eq5d5l", state("22222")).total == 0.8232


@pytest.mark.parametrize("health, index", [
    ("11111", 1.0),      # the constant
    ("22222", 0.896),    # proms.md: 1 - (.022+.019+.022+.010+.031 = .104)
    ("55555", -0.314),   # 1 - (.132+.159+.187+.442+.394 = 1.314): worse than dead
    ("12345", 0.220),    # 1 - (.019+.048+.319+.394 = .780)
    ("54321", 0.697),    # 1 - (.132+.113+.048+.010 = .303)
])
def test_eq5d5l_index_sweden_2022_is_exact(health, index):
    assert score("eq5d5l", state(health), value_set="se-2022") == Score(index, {}, None, True)


@pytest.mark.parametrize("instrument, answers, expected", [
    ("eq5d3l", state("22222", vas=70), Score(0.6843, {"vas": 70.0}, None, True)),
    ("eq5d3l", state("11111", vas=0), Score(0.9694, {"vas": 0.0}, None, True)),
    ("eq5d5l", state("22222", vas=100), Score(0.8232, {"vas": 100.0}, None, True)),
    ("eq5d3l", state("22222") | {"vas": None}, Score(0.6843, {}, None, True)),   # VAS is optional
])
def test_eq5d_vas_is_reported_as_a_subscale(instrument, answers, expected):
    assert score(instrument, answers) == expected


@pytest.mark.parametrize("instrument, answers, expected", [
    ("eq5d3l", state("22222") | {"ad": None}, Score(None, {}, None, False)),
    ("eq5d3l", {"mo": 1, "sc": 1, "ua": 1, "pd": 1, "vas": 50}, Score(None, {"vas": 50.0}, None, False)),
    ("eq5d5l", state("12345") | {"mo": None}, Score(None, {}, None, False)),
    ("eq5d5l", {"vas": 80}, Score(None, {"vas": 80.0}, None, False)),
])
def test_eq5d_with_a_dimension_missing_has_no_index(instrument, answers, expected):
    assert score(instrument, answers) == expected


def test_eq5d_health_state_string():
    assert health_state(state("12321")) == "12321"


@pytest.mark.parametrize("value, shown", [
    (0.8985, "0.899"),            # exactly on .xxx5: half up (banker's rounding would give 0.898)
    (0.6843, "0.684"),
    (0.9694, "0.969"),
    (-0.314, "-0.314"),
    (Decimal("0.0005"), "0.001"),
    (1.0, "1.000"),
])
def test_index_rounds_half_up_for_display(value, shown):
    assert str(round_index(value)) == shown


# --- NRS, PGIC, satisfaction, PSFS ---------------------------------------------------

@pytest.mark.parametrize("answers, expected", [
    ({"back": 6, "leg": 3}, Score(None, {"back": 6.0, "leg": 3.0}, None, True)),
    ({"back": 0, "leg": 10}, Score(None, {"back": 0.0, "leg": 10.0}, None, True)),
    ({"back": 6}, Score(None, {"back": 6.0}, None, False)),
    ({"back": None, "leg": 4}, Score(None, {"leg": 4.0}, None, False)),
    ({}, Score(None, {}, None, False)),
])
def test_nrs_has_no_total_and_keeps_missing_missing(answers, expected):
    assert score("nrs", answers) == expected


@pytest.mark.parametrize("instrument, value", [
    ("pgic", -5), ("pgic", -1), ("pgic", 0), ("pgic", 5),
    ("satisfaction", 1), ("satisfaction", 3), ("satisfaction", 5),
])
def test_single_item_total_is_the_answer(instrument, value):
    assert score(instrument, {instrument: value}) == Score(float(value), {}, None, True)


@pytest.mark.parametrize("instrument", ["pgic", "satisfaction"])
def test_single_item_unanswered_has_no_total(instrument):
    assert score(instrument, {instrument: None}) == score(instrument, {}) == Score(None, {}, None, False)


@pytest.mark.parametrize("values, mean", [
    ([4, 5, 6, None, None], 5.0),       # (4+5+6)/3
    ([5, 6, 6, None, None], 17 / 3),    # (5+6+6)/3 = 5.67
    ([2, 3, 3, 4, None], 3.0),          # (2+3+3+4)/4
    ([1, 2, 3, 4, 5], 3.0),             # 15/5
    ([None, 0, None, 10, 9], 19 / 3),   # any three of the five: (0+10+9)/3
])
def test_psfs_mean_of_three_to_five_activities(values, mean):
    assert score("psfs", numbered("psfs", values)) == Score(mean, {}, None, True)


@pytest.mark.parametrize("values", [[7, 8, None, None, None], [7, None, None, None, None], [None] * 5])
def test_psfs_with_fewer_than_three_activities_has_no_score(values):
    assert score("psfs", numbered("psfs", values)) == Score(None, {}, None, False)


# --- bad input -----------------------------------------------------------------------

@pytest.mark.parametrize("instrument, answers, item", [
    ("oswestry", {}, None),                                 # unknown instrument
    ("ODI", odi(*[2] * 10), None),                          # ids are lower case
    ("odi", {"odi11": 2}, "odi11"),                         # unknown item
    ("odi", {"pain": 2}, "pain"),
    ("eq5d3l", state("11111") | {"vas2": 5}, "vas2"),
    ("nrs", {"neck": 3}, "neck"),
    ("odi", {"odi1": 6}, "odi1"),                           # outside the codes
    ("odi", {"odi1": -1}, "odi1"),
    ("nrs", {"back": 11}, "back"),
    ("startback", {"sbt1": 2}, "sbt1"),
    ("startback", {"sbt9": 5}, "sbt9"),
    ("bipq", {"bipq3": 11}, "bipq3"),
    ("pei", {"pei1": 4}, "pei1"),
    ("pei", {"pei1": -1}, "pei1"),
    ("eq5d3l", state("11114"), "ad"),
    ("eq5d3l", state("01111"), "mo"),
    ("eq5d5l", state("11116"), "ad"),
    ("eq5d5l", state("11111", vas=101), "vas"),
    ("pgic", {"pgic": 6}, "pgic"),
    ("pgic", {"pgic": -6}, "pgic"),
    ("satisfaction", {"satisfaction": 0}, "satisfaction"),
    ("psfs", {"psfs1": 11}, "psfs1"),
    ("odi", {"odi1": True}, "odi1"),                        # bools are not answers
    ("startback", {"sbt1": False}, "sbt1"),
    ("pgic", {"pgic": True}, "pgic"),
    ("odi", {"odi1": 2.0}, "odi1"),                         # nor floats or strings
    ("nrs", {"back": "5"}, "back"),
])
def test_bad_answers_raise_answer_error(instrument, answers, item):
    with pytest.raises(AnswerError) as raised:
        score(instrument, answers)
    assert (raised.value.instrument, raised.value.item) == (instrument, item)
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize("instrument, value_set", [
    ("eq5d3l", "uk-1997"),       # unknown value set
    ("eq5d3l", "se-2020"),       # a 5L set for 3L
    ("eq5d3l", "se-2022"),
    ("eq5d5l", "se-2014"),       # the 3L set for 5L
    ("odi", "se-2014"),          # no value sets at all
    ("nrs", "se-2020"),
])
def test_a_value_set_that_does_not_apply_raises(instrument, value_set):
    with pytest.raises(AnswerError) as raised:
        score(instrument, {}, value_set=value_set)
    assert (raised.value.instrument, raised.value.item) == (instrument, None)


def test_answer_error_names_instrument_and_item():
    error = AnswerError("odi", "odi1", "6 is not one of the codes 0..5")
    assert str(error) == "odi.odi1: 6 is not one of the codes 0..5"
    assert error.message == "6 is not one of the codes 0..5"


# --- important change ----------------------------------------------------------------

@pytest.mark.parametrize("instrument, before, after, verdict", [
    ("odi", 40.0, 30.0, "improved"),       # -10: exactly the threshold, lower is better
    ("odi", 40.0, 32.0, "unchanged"),      # -8
    ("odi", 40.0, 50.0, "worsened"),       # +10
    ("odi", 40.0, 48.0, "unchanged"),      # +8
    ("odi", 400 / 9, 1000 / 45, "improved"),   # one section missing both times: 44.4 -> 22.2
    ("eq5d3l", 0.6843, 0.7643, "improved"),    # +0.08 exactly (as floats 0.0799999...)
    ("eq5d3l", 0.6843, 0.7642, "unchanged"),   # +0.0799
    ("eq5d3l", 0.7643, 0.6843, "worsened"),    # -0.08, higher is better
    ("eq5d3l", 0.7643, 0.6844, "unchanged"),   # -0.0799
    ("eq5d5l", 0.816, 0.896, "improved"),      # +0.08 (as floats 0.08000000000000007)
    ("eq5d5l", -0.314, -0.234, "improved"),
    ("eq5d5l", 0.2433, 0.1633, "worsened"),    # -0.08 (as floats -0.07999999999999999)
    ("psfs", 4.0, 6.0, "improved"),            # +2, higher is better
    ("psfs", 11 / 3, 17 / 3, "improved"),      # +2 exactly, means of three
    ("psfs", 10 / 3, 16 / 3, "improved"),      # +2 exactly (as floats 1.9999999999999996)
    ("psfs", 16 / 3, 10 / 3, "worsened"),
    ("psfs", 4.0, 5.8, "unchanged"),
    ("psfs", 6.0, 4.0, "worsened"),
    ("psfs", 6.0, 4.2, "unchanged"),
])
def test_important_change_against_the_total(instrument, before, after, verdict):
    assert important_change(instrument, total(before), total(after)) == verdict


@pytest.mark.parametrize("before, after, verdict", [
    ({"back": 6.0}, {"back": 4.0}, "improved"),                    # -2 exactly
    ({"back": 6.0}, {"back": 5.0}, "unchanged"),
    ({"back": 4.0}, {"back": 6.0}, "worsened"),
    ({"back": 4.0}, {"back": 5.0}, "unchanged"),
    ({"back": 6.0, "leg": 8.0}, {"back": 6.0, "leg": 2.0}, "unchanged"),   # leg is not judged
    ({"leg": 8.0}, {"back": 2.0, "leg": 2.0}, None),               # no baseline back pain
])
def test_important_change_for_nrs_uses_back_pain(before, after, verdict):
    assert important_change("nrs", Score(None, before, None, False), Score(None, after, None, False)) == verdict


@pytest.mark.parametrize("rating, verdict", [
    (5.0, "improved"), (2.0, "improved"), (1.0, "unchanged"), (0.0, "unchanged"),
    (-1.0, "unchanged"), (-2.0, "worsened"), (-5.0, "worsened"), (None, None),
])
def test_important_change_for_pgic_is_the_later_rating_alone(rating, verdict):
    assert important_change("pgic", total(None), total(rating)) == verdict


def test_important_change_from_real_scores():
    baseline = score("odi", odi(*[2] * 10))             # 40 %
    later = score("odi", odi(*[1] * 10))                # 20 %
    assert important_change("odi", baseline, later) == "improved"
    # PSFS (3+4+4)/3 = 11/3 -> (5+6+6)/3 = 17/3: exactly +2
    assert important_change("psfs", score("psfs", numbered("psfs", [3, 4, 4])),
                            score("psfs", numbered("psfs", [5, 6, 6]))) == "improved"


@pytest.mark.parametrize("instrument, before, after", [
    ("odi", None, 30.0),
    ("odi", 40.0, None),
    ("eq5d3l", None, None),
    ("psfs", 4.0, None),
    ("bipq", 60.0, 20.0),            # no threshold
    ("pei", 0.0, 12.0),
    ("startback", 8.0, 1.0),
    ("satisfaction", 5.0, 1.0),
])
def test_important_change_is_none_without_two_totals_or_a_threshold(instrument, before, after):
    assert important_change(instrument, total(before), total(after)) is None


def test_important_change_for_an_unknown_instrument_raises():
    with pytest.raises(AnswerError):
        important_change("oswestry", total(40.0), total(20.0))


# --- the INSTRUMENTS description ------------------------------------------------------

@pytest.mark.parametrize("instrument, keys", [
    ("nrs", ["back", "leg"]),
    ("odi", [f"odi{n}" for n in range(1, 11)]),
    ("eq5d3l", ["mo", "sc", "ua", "pd", "ad", "vas"]),
    ("eq5d5l", ["mo", "sc", "ua", "pd", "ad", "vas"]),
    ("bipq", [f"bipq{n}" for n in range(1, 9)]),
    ("pei", [f"pei{n}" for n in range(1, 7)]),
    ("startback", [f"sbt{n}" for n in range(1, 10)]),
    ("pgic", ["pgic"]),
    ("satisfaction", ["satisfaction"]),
    ("psfs", [f"psfs{n}" for n in range(1, 6)]),
])
def test_instruments_list_their_item_keys_in_order(instrument, keys):
    assert [item.key for item in INSTRUMENTS[instrument].items] == keys
    assert INSTRUMENTS[instrument].licence


@pytest.mark.parametrize("instrument, key, codes", [
    ("nrs", "leg", set(range(0, 11))),
    ("odi", "odi8", {0, 1, 2, 3, 4, 5}),
    ("eq5d3l", "mo", {1, 2, 3}),
    ("eq5d5l", "ad", {1, 2, 3, 4, 5}),
    ("eq5d3l", "vas", set(range(0, 101))),
    ("bipq", "bipq7", set(range(0, 11))),
    ("pei", "pei1", {0, 1, 2, 3}),
    ("startback", "sbt8", {0, 1}),
    ("startback", "sbt9", {0, 1, 2, 3, 4}),
    ("pgic", "pgic", set(range(-5, 6))),
    ("satisfaction", "satisfaction", {1, 2, 3, 4, 5}),
    ("psfs", "psfs5", set(range(0, 11))),
])
def test_instruments_list_the_allowed_codes(instrument, key, codes):
    (item,) = [i for i in INSTRUMENTS[instrument].items if i.key == key]
    assert set(item.codes) == codes


@pytest.mark.parametrize("instrument, sets, default", [
    ("eq5d3l", {"se-2014"}, "se-2014"),
    ("eq5d5l", {"se-2020", "se-2022"}, "se-2020"),
    ("odi", set(), None),
    ("nrs", set(), None),
])
def test_instruments_list_value_sets_and_the_default(instrument, sets, default):
    assert (set(INSTRUMENTS[instrument].value_sets), INSTRUMENTS[instrument].default_value_set) == (sets, default)


def test_instruments_cannot_be_changed_from_outside():
    with pytest.raises(TypeError):
        INSTRUMENTS["odi"] = INSTRUMENTS["nrs"]


# --- content/questionnaires/instruments.yaml ------------------------------------------

LICENSED = {"odi", "eq5d3l", "eq5d5l", "bipq", "pei"}
STARTBACK_WORDING = [    # proms.md, unmodified
    "My back pain has spread down my leg(s) at some time in the last 2 weeks.",
    "I have had pain in the shoulder or neck at some time in the last 2 weeks.",
    "I have only walked short distances because of my back pain.",
    "In the last 2 weeks, I have dressed more slowly than usual because of back pain.",
    "It's not really safe for a person with a condition like mine to be physically active.",
    "Worrying thoughts have been going through my mind a lot of the time.",
    "I feel that my back pain is terrible and it's never going to get any better.",
    "In general I have not enjoyed all the things I used to enjoy.",
    "Overall, how bothersome has your back pain been in the last 2 weeks?",
]


@pytest.fixture(scope="module")
def definitions():
    return yaml.safe_load((REPO / "content" / "questionnaires" / "instruments.yaml").read_text("utf-8"))["instruments"]


def _yaml_codes(item):
    if "codes" in item:
        return [entry["code"] for entry in item["codes"]]
    return list(range(item["scale"]["min"], item["scale"]["max"] + 1))


def _labels(item):
    yield item["label"]
    yield from item.get("text", {}) and [item["text"]]
    yield from item["codes"] if "codes" in item else item["scale"]["anchors"]


def test_yaml_has_every_instrument(definitions):
    assert list(definitions) == list(INSTRUMENTS)


@pytest.mark.parametrize("instrument", list(INSTRUMENTS))
def test_yaml_items_and_codes_match_the_scoring(definitions, instrument):
    items = definitions[instrument]["items"]
    assert [item["key"] for item in items] == [item.key for item in INSTRUMENTS[instrument].items]
    for item, spec in zip(items, INSTRUMENTS[instrument].items):
        assert sorted(_yaml_codes(item)) == sorted(spec.codes), item["key"]
        assert item.get("optional", False) == spec.optional, item["key"]
        if "scale" in item:
            assert all(a["code"] in spec.codes for a in item["scale"]["anchors"]), item["key"]


@pytest.mark.parametrize("instrument", list(INSTRUMENTS))
def test_yaml_is_complete_in_english_and_swedish(definitions, instrument):
    entry = definitions[instrument]
    assert entry["title"]["en"] and entry["title"]["sv"]
    assert entry["licence"] and entry["licensed"] is (instrument in LICENSED)
    for item in entry["items"]:
        for label in _labels(item):
            assert label["en"].strip() and label["sv"].strip(), item["key"]


@pytest.mark.parametrize("instrument", sorted(LICENSED))
def test_yaml_ships_no_wording_for_licensed_instruments(definitions, instrument):
    assert not any("text" in item for item in definitions[instrument]["items"])
    assert "instructions" not in definitions[instrument]


@pytest.mark.parametrize("instrument", ["nrs", "pgic", "satisfaction", "psfs", "startback"])
def test_yaml_ships_full_wording_for_free_instruments(definitions, instrument):
    assert all(item["text"]["en"] and item["text"]["sv"] for item in definitions[instrument]["items"])


def test_yaml_startback_wording_is_unmodified_with_the_copyright_and_an_unverified_translation(definitions):
    entry = definitions["startback"]
    assert [item["text"]["en"] for item in entry["items"]] == STARTBACK_WORDING
    assert entry["copyright"] == "(c) Keele University 2007"
    assert entry["translation"]["sv"]["verified"] is False
    assert [c["en"] for c in entry["items"][8]["codes"]] == [
        "Not at all", "Slightly", "Moderately", "Very much", "Extremely"]


# --- issue 9: work and health care at the follow-ups ----------------------------------------

@pytest.mark.parametrize("answers, complete", [
    ({"sick_leave_days": 0, "work_status": 1, "care_visits": 0, "specialist": 0}, True),
    ({"sick_leave_days": 183, "work_status": 7, "care_visits": 50, "specialist": 1}, True),
    ({"sick_leave_days": 5, "work_status": 3, "care_visits": None, "specialist": 1}, False),
])
def test_workcare_keeps_each_answer_as_its_own_figure(answers, complete):
    result = score("workcare", answers)
    assert result.total is None and result.complete is complete
    assert result.subscales == {k: float(v) for k, v in answers.items() if v is not None}


@pytest.mark.parametrize("key, value", [("sick_leave_days", 184), ("care_visits", 51), ("work_status", 0),
                                        ("specialist", 2)])
def test_workcare_refuses_answers_out_of_range(key, value):
    answers = {"sick_leave_days": 0, "work_status": 1, "care_visits": 0, "specialist": 0, key: value}
    with pytest.raises(AnswerError):
        score("workcare", answers)


def test_no_odi_band_has_a_stigmatising_name():
    from server.domain.proms import ODI_BANDS, ODI_TOP_BAND

    names = [name for _, name in ODI_BANDS] + [ODI_TOP_BAND]
    assert names == ["minimal", "moderate", "severe", "very-severe", "extreme"]
