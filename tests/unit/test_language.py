"""Language identification answers ISO codes, and ``und`` when it cannot tell."""

from __future__ import annotations

import time

import pytest

from listener.analysis.language import LANGUAGES, SAMPLE_CHARS, detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The customer service never answered my emails and the refund is still missing.", "en"),
        ("Le service client ne répond jamais et je n'ai toujours pas été remboursé.", "fr"),
        ("Der Kundenservice antwortet nie und ich warte immer noch auf mein Geld.", "de"),
        ("El servicio al cliente nunca responde y todavía espero el reembolso.", "es"),
        ("Il servizio clienti non risponde mai e aspetto ancora il rimborso.", "it"),
        ("Très bon produit, livraison rapide, je recommande", "fr"),
        ("Fast delivery, works great, would buy again", "en"),
    ],
)
def test_detects_common_languages(text: str, expected: str) -> None:
    """Sentences of a few words in common languages are identified."""
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "Ok", "👍👍", "1234 5678", "!!!"])
def test_too_short_or_letterless_is_und(text: str) -> None:
    """Texts with fewer than eight letters are ``und`` without a guess."""
    assert detect_language(text) == "und"


def test_answers_are_in_the_restricted_set() -> None:
    """Whatever the input, the answer is ``und`` or one of ``LANGUAGES``."""
    samples = ["Lorem ipsum dolor sit amet consectetur", "Привет, как дела у тебя сегодня?",
               "こんにちは、元気ですか。今日はいい天気ですね。", "zzzzzzzzzz qqqqqqq xxxxxx"]
    for text in samples:
        assert detect_language(text) in (*LANGUAGES, "und")


def test_only_the_beginning_is_classified() -> None:
    """A long text costs as much as its first ``SAMPLE_CHARS`` characters."""
    head = "Le service client ne répond jamais et la livraison est en retard. "
    text = head * 5 + "The rest of this very long text is in English. " * 2000
    assert len(text) > 50 * SAMPLE_CHARS
    detect_language(text)  # load the model outside the timing
    start = time.perf_counter()
    for _ in range(20):
        assert detect_language(text) == "fr"
    assert (time.perf_counter() - start) / 20 < 0.01
