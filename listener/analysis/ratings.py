"""Star ratings written into review feeds ("★★☆☆☆", "Note : 2/5", "Rating: 4/5").

Many review sites publish RSS whose items carry the rating only as text. This
reads it so review items get ``kind = "review"`` and a ``rating`` in 1–5, which
the campaign detector and the TUI use. Deliberately strict: only a full
five-star glyph run or an explicit "N/5" next to a rating word counts, so an
article that mentions "5/5" in passing is not mistaken for a review.
"""

from __future__ import annotations

import dataclasses
import re

from listener.models import SentimentResult

__all__ = ["rating_from_text", "rating_only_line", "label_with_rating"]

_STARS = re.compile(r"(?<![★☆])([★]{0,5})([☆]{0,5})(?![★☆])")
_LABELLED = re.compile(
    r"\b(?:note|rating|rated|[ée]valuation|score|[ée]toiles?|stars?)\s*:?\s*([1-5])\s*(?:/|sur|out of)\s*5\b",
    re.IGNORECASE)


def rating_from_text(title: str, text: str) -> int | None:
    """The 1–5 rating written in a review's title or text, or None."""
    if "★" in title:
        for m in _STARS.finditer(title):
            full, empty = m.group(1), m.group(2)
            if full and len(full) + len(empty) == 5:
                return len(full)
    head = text[:300]
    if "5" not in title and "5" not in head:  # every form ends in "5" ("/5", "out of 5")
        return None
    m = _LABELLED.search(title) or _LABELLED.search(head)
    if m:
        return int(m.group(1))
    return None


def rating_only_line(line: str) -> int | None:
    """The rating when ``line`` says nothing but a rating ("Note : 1/5", "★★☆☆☆"), else None.

    Review feeds often open their text with such a line; a one-line view of the
    review reads better from the line after it.
    """
    stripped = line.strip().rstrip(".")
    m = _LABELLED.fullmatch(stripped)
    if m:
        return int(m.group(1))
    m = _STARS.fullmatch(stripped)
    if m and m.group(1) and len(m.group(1)) + len(m.group(2)) == 5:
        return len(m.group(1))
    return None


def label_with_rating(sentiment: SentimentResult, rating: int | None) -> SentimentResult:
    """A rated mention's label follows its stars: 1–2 negative, 4–5 positive.

    The stars are the author's own verdict, more reliable than any reading of
    the text: a one-star review that says "works great... until it doesn't"
    belongs in the negative queue. Three stars are mixed: the text decides.
    The text's ``compound`` is kept (the TUI shows both).
    """
    if rating in (1, 2) and sentiment.label != "negative":
        return dataclasses.replace(sentiment, label="negative")
    if rating in (4, 5) and sentiment.label != "positive":
        return dataclasses.replace(sentiment, label="positive")
    return sentiment
