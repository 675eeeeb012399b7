"""Offline language identification with py3langid, tuned for feed items.

``detect_language(text)`` returns an ISO 639-1 code (``"en"``, ``"fr"``,
``"de"``...) or ``"und"`` when the text is too short or the model is unsure.

Choices, measured in ``bench/sentiment_speed.py`` and documented in
``docs/evaluation-sentiment.md``:

* Only the first :data:`SAMPLE_CHARS` characters are classified (cut at a
  space): py3langid walks the text byte by byte in Python, so its cost grows
  with the length (about 0.25 ms per 1,000 characters), while its answer
  settles after a few hundred characters.
* The model is restricted to :data:`LANGUAGES`, the languages a brand is
  likely to be discussed in; rare languages and Latin otherwise win on short
  product phrases ("super produit" came out as Latin).
* Probabilities are normalised and an answer below :data:`MIN_CONFIDENCE`, or a
  text with fewer than :data:`MIN_LETTERS` letters, gives ``"und"``.

The model (a few MB) loads lazily, once per process, on first use.
"""

from __future__ import annotations

import re
import threading

__all__ = ["detect_language", "LANGUAGES", "SAMPLE_CHARS", "MIN_CONFIDENCE", "MIN_LETTERS"]

#: Languages the identifier may answer (ISO 639-1, as py3langid names them).
LANGUAGES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "is",
    "pl", "cs", "sk", "sl", "hr", "sr", "bs", "ro", "hu", "et", "lv", "lt",
    "tr", "ru", "uk", "bg", "el", "ar", "he", "fa", "hi", "bn", "ur", "zh",
    "ja", "ko", "th", "vi", "id", "ms", "tl", "ca", "eu", "gl", "ga", "cy",
    "af", "sw",
)
#: Characters classified: enough for a stable answer, bounded cost.
SAMPLE_CHARS = 240
#: Below this normalised probability the answer is ``"und"``.
MIN_CONFIDENCE = 0.60
#: Texts with fewer letters than this are ``"und"`` without asking the model.
MIN_LETTERS = 8

_LETTER = re.compile(r"[^\W\d_]")
_identifier = None
_lock = threading.Lock()


def _get_identifier():  # noqa: ANN202 - py3langid has no type hints
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                ident.set_languages(list(LANGUAGES))
                _identifier = ident
    return _identifier


def _sample(text: str) -> str:
    """The first :data:`SAMPLE_CHARS` characters, cut after a whole word."""
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", SAMPLE_CHARS // 2, SAMPLE_CHARS)
    return text[: cut if cut > 0 else SAMPLE_CHARS]


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or ``"und"`` when too short or unsure."""
    sample = _sample(text.strip())
    if len(_LETTER.findall(sample, 0, 4 * MIN_LETTERS)) < MIN_LETTERS and len(
        _LETTER.findall(sample)
    ) < MIN_LETTERS:
        return "und"
    lang, confidence = _get_identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return "und"
    return lang
