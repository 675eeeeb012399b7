"""The fast VADER gives exactly the scores of vaderSentiment's own analyser."""

from __future__ import annotations

import pickle
import random

import pytest
from vaderSentiment import vaderSentiment as vs
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from listener.analysis.sentiment.vader_fast import FastVader

ORIGINAL = SentimentIntensityAnalyzer()
FAST = FastVader()

#: Words and phrases that exercise every rule of VADER.
RULE_TOKENS = [
    "but", "BUT", "But,", "kind of", "Kind Of", "kind", "of", "sort of", "kinda", "just enough",
    "least", "at least", "very least", "the least", "never so", "never this", "Never so",
    "so", "this", "never", "without doubt", "without a doubt", "without", "doubt",
    "no", "No", "NO", "or", "nor", "no or", "not", "NOT", "isn't", "isnt", "don't", "didn't",
    "wasn't", "uh-uh", "nope", "despite", "rarely", "seldom", "none", "nothing",
    "the shit", "the bomb", "bad ass", "badass", "yeah right", "kiss of death", "to die for",
    "beating heart", "bus stop", "cut the mustard", "under the weather",
    "very", "VERY", "really", "extremely", "totally", "slightly", "barely", "hardly", "almost",
    "somewhat", "quite", "so", "more", "most", "less", "little", "friggin", "uber", "effing",
    ":)", ":(", ":D", ":-)", ";)", "<3", ":/", "xD", "lol", "LOL", "omg", "wtf", "sux",
    "!", "!!", "!!!!!", "?", "??", "????", "...", ",", ";", "-", "(", ")", "\"", "'",
    "😀", "😡", "💘", "💋", "😁", "👍", "👎", "🙂", "😢", "❤", "🤬", "💩",
]
FILLER = ["the", "a", "an", "it", "is", "was", "we", "they", "product", "service", "app", "order", "delivery", "store", "support", "team", "phone", "bank", "company", "price", "update", "account", "refund", "day", "week", "customer", "brand", "new", "old", "I", "you", "he", "she", "and", "then", "with", "from", "to", "for", "in", "on", "at", "by", "as", "if", "when", "where", "which"]
PUNCT_WRAP = ["", "", "", "", "!", ".", ",", "?", "'", "\"", "(", ")", "...", "!!", "*", "#", "@"]


def _lexicon_words() -> list[str]:
    words = sorted(ORIGINAL.lexicon)
    rng = random.Random(7)
    return rng.sample(words, 1500)


LEXICON_SAMPLE = _lexicon_words()


def _token(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.30:
        tok = rng.choice(LEXICON_SAMPLE)
    elif roll < 0.55:
        tok = rng.choice(RULE_TOKENS)
    else:
        tok = rng.choice(FILLER)
    shape = rng.random()
    if shape < 0.08:
        tok = tok.upper()
    elif shape < 0.12:
        tok = tok.capitalize()
    if rng.random() < 0.25:
        tok = rng.choice(PUNCT_WRAP) + tok + rng.choice(PUNCT_WRAP)
    return tok


def _text(rng: random.Random, n_words: int) -> str:
    parts = []
    for _ in range(n_words):
        parts.append(_token(rng))
        parts.append(rng.choice([" ", " ", " ", " ", "  ", "\n", "\t", ""]))
    return "".join(parts)


def generated_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    sizes = [1, 2, 3, 4, 5, 8, 12, 20, 40, 80, 150, 250]
    return [_text(rng, rng.choice(sizes)) for _ in range(count)]


HANDWRITTEN = [
    "VADER is smart, handsome, and funny.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Sentiment analysis has never been this good!",
    "With VADER, sentiment analysis is the shit!",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Without a doubt, an excellent idea.",
    "good good good but good good bad bad but good",
    "great but great great, bad but bad bad bad",
    "love love hate love but hate love hate",
    "no good no bad no or nor happy",
    "NO GOOD",
    "good😀good 😀 😀😀 bad",
    "😀",
    "   ",
    "",
    "!!!???",
    "Kind of kind of KIND OF kind",
    "The service was great!! But the refund took forever... never again. Horrible, horrible.",
    "I am not at all happy; the delivery was late and the support team was useless???",
]


def _check(text: str) -> None:
    assert FAST.polarity_scores(text) == ORIGINAL.polarity_scores(text), text


@pytest.mark.parametrize("text", HANDWRITTEN)
def test_handwritten_examples_match(text: str) -> None:
    """VADER's own demo sentences and rule corner cases score identically."""
    _check(text)


def test_generated_texts_match() -> None:
    """2,500 random texts built from every rule's trigger words score identically."""
    mismatches = [
        t for t in generated_texts(2500, seed=20261124)
        if FAST.polarity_scores(t) != ORIGINAL.polarity_scores(t)
    ]
    assert mismatches == []


def test_compound_is_within_1e9_and_in_range() -> None:
    """The compound alone matches to 1e-9 and stays in [-1, 1]."""
    for text in generated_texts(300, seed=5):
        fast = FAST.compound(text)
        assert abs(fast - ORIGINAL.polarity_scores(text)["compound"]) <= 1e-9
        assert -1.0 <= fast <= 1.0


def test_but_check_reproduces_index_quirk() -> None:
    """Equal values before ``but`` make VADER halve the first one twice; so do we."""
    text = "horrible terrible but fine"  # distinct values: the ordinary path
    _check(text)
    quirk = "good good great good but good"
    _check(quirk)
    sentiments = [3.8, 1.9, 0, 1.9]
    expected = vs.SentimentIntensityAnalyzer._but_check(["a", "b", "but", "c"], list(sentiments))
    from listener.analysis.sentiment.vader_fast import _but_check

    got = list(sentiments)
    _but_check(got, 2)
    assert got == expected


def test_pickles() -> None:
    """The analyser survives a round trip to a worker process."""
    clone = pickle.loads(pickle.dumps(FAST))
    assert clone.polarity_scores("great 😀 but awful") == FAST.polarity_scores("great 😀 but awful")


def test_long_text_is_linear() -> None:
    """A 100 KB text scores quickly (the original is quadratic)."""
    import time

    text = ("The refund never came, but support was kind of helpful :) " * 1700)[:100_000]
    start = time.perf_counter()
    FAST.polarity_scores(text)
    assert time.perf_counter() - start < 1.0
