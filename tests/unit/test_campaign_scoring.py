"""Scoring of campaign predictions on hand-made cases."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from listener.errors import EvaluationError
from listener.evaluation.campaigns import (
    Prediction,
    TruthLine,
    average_precision,
    roc_auc,
    score_predictions,
)

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def test_average_precision_hand_computed() -> None:
    """Ranks 1 and 3 are positive: AP = (1/1 + 2/3) / 2."""
    assert average_precision([True, False, True, False], [0.9, 0.8, 0.7, 0.1]) == \
        pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([True, True, False], [0.9, 0.8, 0.1]) == pytest.approx(1.0)
    assert math.isnan(average_precision([False, False], [0.3, 0.2]))


def test_average_precision_ties_are_not_optimistic() -> None:
    """A tied block counts its positives at the block's end."""
    assert average_precision([True, False], [0.5, 0.5]) == pytest.approx(0.5)


def test_roc_auc_hand_computed() -> None:
    """3 of the 4 positive-negative pairs are ordered; ties count half."""
    assert roc_auc([True, False, True, False], [0.9, 0.8, 0.7, 0.1]) == pytest.approx(0.75)
    assert roc_auc([True, False], [0.4, 0.4]) == pytest.approx(0.5)
    assert math.isnan(roc_auc([True, True], [0.1, 0.2]))


def _truth(i: int, campaign: str | None = None, kind: str | None = None,
           event: str | None = None, hours: float = 0.0) -> TruthLine:
    return TruthLine(f"r{i}", T0 + timedelta(hours=hours), campaign, kind, event,
                     "complaint-wave" if event else None)


def _pred(i: int, flagged_hours: float | None, score: float = 0.0) -> Prediction:
    at = T0 + timedelta(hours=flagged_hours) if flagged_hours is not None else None
    return Prediction(f"r{i}", at is not None, score if at is None else max(score, 0.9),
                      "c" if at else None, at)


def test_campaigns_caught_delay_and_benign_events() -> None:
    """Campaign A has 3 of 4 flagged (caught, 2 h delay); B 1 of 3 (missed); a wave is hit."""
    truth = ([_truth(i, "A", "smear", hours=i) for i in range(4)]
             + [_truth(10 + i, "B", "boost", hours=i) for i in range(3)]
             + [_truth(20 + i, event="wave-1") for i in range(6)]
             + [_truth(30 + i) for i in range(10)])
    preds = ([_pred(0, None), _pred(1, 2.0), _pred(2, 3.0), _pred(3, 3.5)]
             + [_pred(10, 1.0), _pred(11, None), _pred(12, None)]
             + [_pred(20 + i, 5.0 if i < 3 else None) for i in range(6)]
             + [_pred(30 + i, None) for i in range(10)])
    score = score_predictions(preds, truth)
    assert score.campaigns == 2 and score.caught == 1 and score.caught_within_12h == 1
    assert score.median_delay_hours == pytest.approx(2.0)
    assert score.per_kind == {"smear": [1, 1], "boost": [0, 1]}
    assert score.benign_events == 1 and score.benign_flagged == 1
    assert score.benign_reviews_flagged == 3
    assert score.flagged == 7
    assert score.precision == pytest.approx(4 / 7)
    assert score.recall == pytest.approx(4 / 7)
    assert "campaigns caught        1/2" in score.render()


def test_missing_prediction_is_an_error() -> None:
    """Every truth id needs a prediction."""
    with pytest.raises(EvaluationError, match="no prediction"):
        score_predictions([], [_truth(1)])


def test_half_flagged_within_12h_is_the_stricter_reading() -> None:
    """A slow campaign whose first member is flagged at 2 h but the rest after 12 h
    counts as caught within 12 h, not as half flagged within 12 h."""
    truth = ([_truth(i, "slow", "camouflaged", hours=6 * i) for i in range(6)]
             + [_truth(10 + i, "fast", "smear", hours=0.5 * i) for i in range(4)])
    preds = ([_pred(0, 2.0), _pred(1, 13.0), _pred(2, 20.0), _pred(3, 25.0),
              _pred(4, None), _pred(5, None)]
             + [_pred(10, 1.0), _pred(11, 1.0), _pred(12, None), _pred(13, None)])
    score = score_predictions(preds, truth)
    assert score.caught == 2 and score.caught_within_12h == 2
    assert score.half_flagged_within_12h == 1
    assert "half flagged <= 12 h  1/2" in score.render()
