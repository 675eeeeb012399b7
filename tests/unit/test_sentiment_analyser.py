"""``SentimentAnalyser`` routes each text to the right analyser, or to none."""

from __future__ import annotations

import pickle
import time

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from listener.analysis.sentiment import SentimentAnalyser
from listener.models import LABELS, SentimentResult

AN = SentimentAnalyser()


def test_english_is_vader_where_vader_knows_the_words() -> None:
    """English text without complaint phrases gets vaderSentiment's own compound."""
    text = "The staff was rude and late to answer, but the app itself is great!"
    result = AN.analyse(text)
    assert result.lang == "en"
    assert result.analyser == "vigie-en" and result.version == "8+vader-3.3.2"
    assert result.compound == SentimentIntensityAnalyzer().polarity_scores(text)["compound"]


@pytest.mark.parametrize("text", [
    "The app doesn't work since the update",
    "Can't log in to my account since this morning",
    "Is the site down right now?",
    "My order never arrived and I am still waiting for a reply",
    "Billed twice for the same order, want my money back",
    "The checkout keeps crashing",
    "Been on hold for 40 minutes",
    "Dont waste your money on this phone",
])
def test_english_complaints_vader_misses_are_negative(text: str) -> None:
    """Service complaints made of words VADER does not score are negative, not neutral."""
    assert SentimentIntensityAnalyzer().polarity_scores(text)["compound"] > -0.05
    assert AN.analyse(text).label == "negative"


def test_an_at_handle_is_a_name_not_an_opinion() -> None:
    """"@united" is not the word "united" (+1.8 in VADER); an e-mail address is left alone."""
    assert AN.analyse("@united flight delayed again").label == "negative"
    assert AN.analyse("@united flight delayed again").compound == AN.analyse(
        "flight delayed again").compound
    assert AN.analyse("write to bob@united.com").compound == AN.analyse(
        "write to bob@united.com", lang="en").compound


def test_french_uses_the_french_analyser() -> None:
    """French text is scored by vigie-fr, not by the English lexicon."""
    result = AN.analyse("Service client injoignable depuis une semaine, quelle arnaque !")
    assert (result.lang, result.analyser, result.label) == ("fr", "vigie-fr", "negative")
    assert result.supported


@pytest.mark.parametrize(
    "text",
    [
        "Der Kundenservice ist eine Katastrophe, ich bin sehr enttäuscht.",
        "El producto es excelente, muy recomendable, estoy muy contento.",
        "Это ужасный сервис, никогда больше не буду покупать.",
    ],
)
def test_other_languages_are_neutral_and_unsupported(text: str) -> None:
    """German, Spanish, Russian: 0.0, neutral, supported=False, never an English guess."""
    result = AN.analyse(text)
    assert result.lang not in ("en", "fr", "und")
    assert (result.compound, result.label, result.supported) == (0.0, "neutral", False)


def test_given_language_skips_detection() -> None:
    """``lang`` forces the analyser; an unsupported code gives a neutral result."""
    assert AN.analyse("nul", lang="fr").label == "negative"
    assert AN.analyse("great", lang="EN").lang == "en"
    assert AN.analyse("great", lang="de").supported is False


def test_short_und_text_is_guessed_from_words() -> None:
    """Short texts the identifier cannot place are voted English or French."""
    assert AN.analyse("love it").lang == "en"
    assert AN.analyse("j'adore").lang == "fr"
    agreed = AN.analyse("EXCELLENT SERVICE!!!")
    assert (agreed.lang, agreed.label) == ("und", "positive")
    assert AN.analyse("zorglub").supported is False
    # A French accent decides a word both lexicons know once folded (VADER has
    # "genial"): "Génial !" was neutral and unsupported, the analysers disagreeing.
    genial = AN.analyse("Génial !")
    assert (genial.lang, genial.label) == ("fr", "positive")
    assert AN.analyse("Genial!").lang == "und"
    # Praise VADER lists as a booster only votes English ("Incredible!" was a tie).
    assert AN.analyse("Incredible!.").label == "positive"


def test_thresholds_set_labels() -> None:
    """Labels follow the configured cut-offs; bad cut-offs are refused."""
    strict = SentimentAnalyser(negative_threshold=-0.9, positive_threshold=0.9)
    assert strict.analyse("The service was good.").label == "neutral"
    assert AN.analyse("The service was good.").label == "positive"
    with pytest.raises(ValueError, match="thresholds"):
        SentimentAnalyser(negative_threshold=0.5, positive_threshold=0.1)


def test_result_shape() -> None:
    """Results are ``SentimentResult`` with a label from ``LABELS`` and a bounded compound."""
    for text in ("great", "nul", "", "Hallo Welt, wie geht es dir heute?"):
        result = AN.analyse(text)
        assert isinstance(result, SentimentResult)
        assert result.label in LABELS
        assert -1.0 <= result.compound <= 1.0


def test_hostile_input_is_fast_and_safe() -> None:
    """100 KB texts, control characters and odd Unicode neither crash nor stall."""
    hostile = [
        ("terrible awful " * 7000)[:100_000],
        ("nul arnaque " * 9000)[:100_000],
        "\x00\x01\x02\x1b[31m\u202e\ufeff" * 5000,
        "😡" * 30_000,
        "a" * 100_000,
        "!" * 100_000 + "?" * 1000,
        "\ud800 lone surrogate",
        "İİİ ǅ ß ﬁ " * 2000,
    ]
    start = time.perf_counter()
    for text in hostile:
        result = AN.analyse(text)
        assert -1.0 <= result.compound <= 1.0
        assert result.label in LABELS
    assert time.perf_counter() - start < 3.0


def test_pickles_for_worker_processes() -> None:
    """The analyser pickles and the copy scores identically."""
    clone = pickle.loads(pickle.dumps(AN))
    for text in ("very good", "très bon", "schlecht"):
        assert clone.analyse(text) == AN.analyse(text)


def test_short_complaints_without_function_words_are_placed_by_their_phrases() -> None:
    """The identifier gives up on these; English phrases and French adverbs place them."""
    server = AN.analyse("server down since 9am")
    assert (server.lang, server.label) == ("en", "negative")
    appli = AN.analyse("Appli plante encore")
    assert (appli.lang, appli.label) == ("fr", "negative")
