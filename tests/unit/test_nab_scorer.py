"""The NAB scorer on hand-made cases whose values are computed by hand."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from listener.evaluation.nab import (
    PROFILES,
    CostMatrix,
    probation_length,
    scaled_sigmoid,
    score_corpus,
    score_file,
    window_indices,
)

STANDARD = PROFILES["standard"]
LOW_FN = PROFILES["reward_low_FN_rate"]
LOW_FP = PROFILES["reward_low_FP_rate"]
WINDOW = [(40, 59)]  # 20 rows, in a 100-row file whose probation is 15 rows


def alarms_at(*rows: int, n: int = 100) -> list[bool]:
    out = [False] * n
    for r in rows:
        out[r] = True
    return out


def test_scaled_sigmoid_landmarks() -> None:
    """The sigmoid is 2/(1+e^(5x)) - 1: 0.98661 at -1, 0 at 0, -1 from 3 on."""
    assert scaled_sigmoid(-1.0) == pytest.approx(0.986614, abs=1e-6)
    assert scaled_sigmoid(-0.5) == pytest.approx(0.848284, abs=1e-6)
    assert scaled_sigmoid(0.0) == 0.0
    assert scaled_sigmoid(1.0) == pytest.approx(-0.986614, abs=1e-6)
    assert scaled_sigmoid(3.0) == -1.0


def test_probation_is_fifteen_percent_capped_at_750_rows() -> None:
    """NAB ignores min(floor(0.15 n), 750) rows at the start of a file."""
    assert probation_length(100) == 15
    assert probation_length(4999) == 749
    assert probation_length(15_831) == 750


def test_detection_on_first_row_of_window_earns_exactly_tp_weight() -> None:
    """position -1 is normalised by sigma(-1), so the earliest detection is worth 1.0."""
    assert score_file(alarms_at(40), WINDOW, STANDARD).raw == pytest.approx(1.0)


def test_detection_halfway_is_worth_sigma_of_minus_half() -> None:
    """Row 50: position -(59 - 50 + 1) / 20 = -0.5, score 0.848284 / 0.986614 = 0.859794."""
    score = score_file(alarms_at(50), WINDOW, STANDARD)
    assert score.raw == pytest.approx(0.848284 / 0.986614, abs=1e-6)
    assert score.detected == 1


def test_only_the_first_detection_in_a_window_counts() -> None:
    """Later alarms in the same window neither add nor cost anything."""
    assert score_file(alarms_at(40, 50, 59), WINDOW, STANDARD).raw == pytest.approx(1.0)


def test_where_the_points_come_from() -> None:
    """Each scored window names the first alarm inside it and its credit; the
    false alarms are listed by row; alarms in the probation period are neither."""
    windows = [(40, 59), (70, 79)]
    result = score_file(alarms_at(5, 30, 50, 55, 90), windows, STANDARD)
    credit = scaled_sigmoid(-10 / 20) / scaled_sigmoid(-1.0)  # the first row earns 1
    assert result.found == [((40, 59), 50, pytest.approx(credit)),
                            ((70, 79), None, 0.0)]
    assert result.false_alarm_rows == [30, 90]
    assert (result.detected, result.false_positives) == (1, 2)


def test_missed_window_costs_fn_weight() -> None:
    """No alarm: -1 under standard, -2 under reward_low_FN_rate."""
    assert score_file(alarms_at(), WINDOW, STANDARD).raw == -1.0
    assert score_file(alarms_at(), WINDOW, LOW_FN).raw == -2.0


def test_false_positive_before_any_window_costs_full_fp_weight() -> None:
    """Row 20 precedes every window: -0.11 (standard), -0.22 (low FP), plus the miss."""
    assert score_file(alarms_at(20), WINDOW, STANDARD).raw == pytest.approx(-1.11)
    assert score_file(alarms_at(20), WINDOW, LOW_FP).raw == pytest.approx(-1.22)


def test_alarms_in_probation_are_ignored() -> None:
    """Row 10 is inside the 15-row probation."""
    score = score_file(alarms_at(10), WINDOW, STANDARD)
    assert score.raw == -1.0
    assert score.false_positives == 0


def test_false_positive_just_after_window_costs_little() -> None:
    """Row 60: distance (60 - 59) / 19 = 0.05263, sigma = 2/(1+e^0.26316) - 1 = -0.130825."""
    expected = (2.0 / (1.0 + math.exp(5 * 1 / 19)) - 1.0) * 0.11
    assert expected == pytest.approx(-0.0143908, abs=1e-6)
    score = score_file(alarms_at(40, 60), WINDOW, STANDARD)
    assert score.raw == pytest.approx(1.0 + expected, abs=1e-9)


def test_false_positive_far_after_window_costs_almost_full_weight() -> None:
    """Row 99: distance 40 / 19 = 2.105, sigma = -0.99995."""
    score = score_file(alarms_at(40, 99), WINDOW, STANDARD)
    assert score.raw == pytest.approx(1.0 - 0.11 * 0.999946, abs=1e-6)


def test_corpus_normalisation_null_is_zero_perfect_is_hundred() -> None:
    """Two one-window files: (raw - null) / (perfect - null) over the summed raw scores."""
    files_perfect = {"a": (alarms_at(40), WINDOW), "b": (alarms_at(40), WINDOW)}
    files_null = {"a": (alarms_at(), WINDOW), "b": (alarms_at(), WINDOW)}
    files_half = {"a": (alarms_at(40), WINDOW), "b": (alarms_at(), WINDOW)}
    for profile in PROFILES:
        assert score_corpus(files_perfect, [profile])[profile].normalised == pytest.approx(100.0)
        assert score_corpus(files_null, [profile])[profile].normalised == pytest.approx(0.0)
    # standard: raw 1 - 1 = 0, null -2, perfect 2 -> 50; low FN: raw -1, null -4, perfect 2 -> 50.
    half = score_corpus(files_half)
    assert half["standard"].normalised == pytest.approx(50.0)
    assert half["reward_low_FN_rate"].normalised == pytest.approx(50.0)


def test_false_positives_can_push_below_zero() -> None:
    """Ten far false positives on a null-scoring file cost 10 x 0.11 = 1.1 raw points."""
    alarms = alarms_at(*range(16, 36, 2))
    corpus = score_corpus({"a": (alarms, WINDOW)}, ["standard"])["standard"]
    assert corpus.raw == pytest.approx(-1.0 - 1.1)
    assert corpus.normalised == pytest.approx(100 * (-1.1) / 2)


def test_window_indices_maps_times_to_inclusive_rows() -> None:
    """A window covers the rows whose timestamps fall in [start, end]."""
    t0 = datetime(2015, 3, 1, tzinfo=UTC)
    stamps = [t0 + timedelta(minutes=5 * i) for i in range(20)]
    windows = [(stamps[3], stamps[7]), (t0 - timedelta(days=1), t0 - timedelta(hours=1))]
    assert window_indices(stamps, windows) == [(3, 7)]
    between = [(stamps[3] + timedelta(minutes=1), stamps[7] + timedelta(minutes=1))]
    assert window_indices(stamps, between) == [(4, 7)]


# The cases of NAB's own scorer unit tests (numenta/NAB, tests/unit/scorer_test.py):
# seven-row files, no probation, a cost matrix of tp 1.1 / fp 0.11 / fn 1.2, and
# the raw scores they expect, written from their published expectations.
NAB_COST = CostMatrix(tp=1.1, fp=0.11, fn=1.2)
SIGMA_HALF = 0.8482836399575131   # scaled sigmoid at -0.5 (last row of a 2-row window)
SIGMA_ONE = 0.9866142981514305    # scaled sigmoid at -1 (first row of a window)


@pytest.mark.parametrize(("alarms", "windows", "expected"), [
    ([0, 0, 0, 0, 0], [], 0.0),
    ([0, 1, 0, 1, 0], [], -2 * 0.11),
    ([0] * 7, [(1, 2), (4, 5)], -2 * 1.2),
    ([0, 0, 1, 0, 0, 0, 0], [(1, 2)], SIGMA_HALF * 1.1 / SIGMA_ONE),
    ([0, 0, 1, 0, 0, 0, 0], [(1, 2), (4, 5)], SIGMA_HALF * 1.1 / SIGMA_ONE - 1.2),
    ([0, 0, 0, 0, 1, 0, 0], [(4, 5)], 1.1),
    ([0, 0, 0, 0, 1, 1, 0], [(4, 5)], 1.1),
    ([0, 0, 1, 0, 1, 0, 0], [(1, 2), (4, 5)], SIGMA_HALF * 1.1 / SIGMA_ONE + 1.1),
])
def test_the_cases_of_nabs_own_scorer_tests(alarms: list[int], windows: list[tuple[int, int]],
                                            expected: float) -> None:
    score = score_file([bool(a) for a in alarms], windows, NAB_COST, probation=0)
    assert score.raw == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(("probation", "expected"), [(4, 0.0), (3, -0.11)])
def test_nabs_own_probation_cases(probation: int, expected: float) -> None:
    """False positives at rows 1 and 3: both in a 4-row probation, one in a 3-row one."""
    score = score_file([False, True, False, True, False], [], NAB_COST, probation=probation)
    assert score.raw == pytest.approx(expected, abs=1e-9)
