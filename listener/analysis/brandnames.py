"""Brand names taken out of a mention before its sentiment is scored.

A brand whose name is an opinion word lends it to every mention: VADER reads
"Best Buy is slow again" as positive (``best`` +3.2), "United" is +1.8, and the
French analyser reads ``super`` in "Super U" as praise. A name says which
brand is meant, not what the author thinks of it, so the daemon masks the
names of the brands a mention matched before scoring it
(:mod:`listener.pipeline`).

The names are the brand's own name and the terms and phrases that stand for
it alone in its queries: a whole query or an alternative of an ``OR``, never
the context words of an ``AND`` ("panne" in ``Bleuet AND (forfait OR
panne)`` keeps its weight), nor excluded words
(:meth:`~listener.analysis.query.BrandMatcher.names`, folded like the
matcher's words). :func:`name_pattern` compiles them into one regular
expression over the *raw* text: case-insensitive, each unaccented letter also
matching its accented forms (``societe`` matches ``Société``), words
separated by any run of non-letters (``Saint-Laurent``, ``saint laurent``),
and whole words only (``best`` does not match ``bestseller``). A name of one
or two letters is not matched right after a letter and an apostrophe: that is
an English contraction (the ``t`` of ``can't``, the ``re`` of ``they're``),
not a brand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["name_pattern", "mask_names"]

#: Accented forms each folded letter may stand for in raw text.
_VARIANTS = {
    "a": "aàâäáãå", "c": "cç", "e": "eéèêë", "i": "iîïíì", "o": "oôöóòõ",
    "u": "uùûüú", "y": "yÿý", "n": "nñ",
}
_SEPARATOR = r"[\W_]+"
#: Not after a letter and an apostrophe (for names short enough to be a contraction).
_CONTRACTION = r"(?<![^\W\d_]['\u2019])"


def _word(word: str) -> str:
    return "".join(f"[{_VARIANTS[c]}]" if c in _VARIANTS else re.escape(c) for c in word)


def name_pattern(names: Iterable[tuple[str, ...]]) -> re.Pattern[str] | None:
    """One pattern for all of a brand's names (longest first), or None without names."""
    alternatives = [(_CONTRACTION if len("".join(words)) <= 2 else "")
                    + _SEPARATOR.join(_word(w) for w in words)
                    for words in sorted(set(names), key=lambda ws: (-len(ws), ws)) if words]
    if not alternatives:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])",
                      re.IGNORECASE)


def mask_names(text: str, patterns: Iterable[re.Pattern[str] | None]) -> str:
    """``text`` with every match of ``patterns`` replaced by a space."""
    for pattern in patterns:
        if pattern is not None:
            text = pattern.sub(" ", text)
    return text
