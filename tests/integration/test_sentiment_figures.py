"""The English sentiment figures of docs/evaluation-sentiment.md, re-measured.

Runs ``bench/sentiment_eval.py``'s reader and macro-F1 over the bundled UCI
sets (CC BY 4.0, see tests/data/sentiment/README.md) with the analyser the
daemon uses, and vaderSentiment as the baseline. The held-out sets were
scored once with the version that was documented; this keeps the page true.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from listener.analysis.sentiment import SentimentAnalyser

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "sentiment"
sys.path.insert(0, str(ROOT / "bench"))
from sentiment_eval import macro_f1, read_labelled  # noqa: E402

#: (file, Vigie macro-F1, vaderSentiment macro-F1) as documented.
FIGURES = [
    ("en_amazon_cells_dev.tsv", 0.913, 0.765),
    ("en_amazon_cells_dev2.tsv", 0.912, 0.774),
    ("en_amazon_cells_heldout.tsv", 0.902, 0.761),
    ("en_yelp_heldout.tsv", 0.819, 0.722),
    ("en_imdb_heldout.tsv", 0.792, 0.758),
]

AN = SentimentAnalyser()
VADER = SentimentIntensityAnalyzer()


@pytest.mark.parametrize(("name", "vigie", "vader"), FIGURES)
def test_english_macro_f1_as_documented(name: str, vigie: float, vader: float) -> None:
    items = read_labelled(DATA / name)
    gold = [g for g, _ in items]
    ours, _ = macro_f1(gold, [AN.analyse(t).label for _, t in items])
    base, _ = macro_f1(gold, [AN.label(VADER.polarity_scores(t)["compound"]) for _, t in items])
    assert round(base, 3) == pytest.approx(vader, abs=0.0015)
    assert round(ours, 3) == pytest.approx(vigie, abs=0.0015)
