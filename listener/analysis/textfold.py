"""Case and accent folding, and word tokenisation, shared by every matcher.

Brand queries and the texts they are matched against go through exactly the
same two functions, so that ``Société Générale``, ``SOCIETE GENERALE`` and
``société générale`` all become the tokens ``["societe", "generale"]``.

Rules (documented because matching depends on them):

* :func:`fold` lower-cases (``str.casefold``), decomposes (NFKD, so ``ﬁ`` is
  ``fi`` and ``²`` is ``2``) and drops the combining accents of the Latin,
  Greek and Cyrillic scripts plus Hebrew points and Arabic harakat. It also
  maps ``œ``/``æ``/``ß``/``ø``/``ł``/``đ`` to ``oe``/``ae``/``ss``/``o``/``l``/``d``,
  every typographic apostrophe (``’`` ``‘`` ``ʼ``...) to ``'``, and deletes
  invisible characters (zero-width space and joiners, soft hyphen, bidi
  controls, BOM) so they cannot split a word.
* :func:`tokenize` returns the runs of letters and digits of a folded text.
  Everything else separates words: spaces, punctuation, apostrophes (so the
  elided ``l'oreal`` gives ``l`` and ``oreal``), hyphens (``saint-laurent``
  gives ``saint`` and ``laurent``) and underscores. Vowel signs of Indic
  scripts are not letters for this purpose and also split words; this is
  consistent on both sides of a match, so phrases still match.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "tokenize", "fold_tokens"]

_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space / non-joiner / joiner, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # byte order mark / zero-width no-break space
)

_SPECIAL_MAP = {
    "œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t",
    "’": "'", "‘": "'", "‛": "'", "ʼ": "'", "ʹ": "'", "ˈ": "'", "′": "'",
}
# Applied after casefold and NFKD, so only lower-case forms are needed (``Œ``
# casefolds to ``œ``, ``ß`` to ``ss``, a full-width apostrophe decomposes to ``'``).

# Combining marks dropped after NFKD: diacritics of Latin/Greek/Cyrillic
# (U+0300-036F and the extension blocks), Cyrillic titlo, Hebrew points,
# Arabic harakat and the combining marks for symbols and half marks.
_DROPPED_MARK_RANGES = (
    (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05BD), (0x05BF, 0x05BF),
    (0x05C1, 0x05C2), (0x05C4, 0x05C5), (0x05C7, 0x05C7), (0x0610, 0x061A),
    (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06DC), (0x06DF, 0x06E4),
    (0x06E7, 0x06E8), (0x06EA, 0x06ED), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
)

#: Every non-ASCII character that folding rewrites, with its replacement.
_REPLACE: dict[str, str] = {
    **{chr(cp): "" for lo, hi in _DROPPED_MARK_RANGES for cp in range(lo, hi + 1)},
    **{c: "" for c in _INVISIBLE},
    **_SPECIAL_MAP,
}

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _kept_mark_class() -> str:
    r"""Regex class body of the combining marks (Mn/Mc/Me) that folding keeps.

    Indic vowel signs, Thai vowels, Japanese voicing marks... belong to the
    word they follow, but Python's ``\w`` does not match them, so they are
    listed here (computed once at import, about 2 ms).
    """
    spans: list[tuple[int, int]] = []
    for lo, hi in ((0x0300, 0x3100), (0xA000, 0xAC00), (0xFE00, 0xFE30)):
        for cp in range(lo, hi):
            if chr(cp) not in _REPLACE and unicodedata.category(chr(cp))[0] == "M":
                if spans and spans[-1][1] == cp - 1:
                    spans[-1] = (spans[-1][0], cp)
                else:
                    spans.append((cp, cp))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in spans)


_KEPT_MARKS = _kept_mark_class()
_KEPT_MARK = re.compile(f"[{_KEPT_MARKS}]")
_MARKED_WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_KEPT_MARKS}])*")
_WORD = re.compile(r"[^\W_]+")
# ASCII fast path: every byte that is not a letter or digit becomes a space.
_ASCII_SEPARATORS = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))


def _fold(text: str) -> tuple[str, set[str]]:
    """Fold non-ASCII ``text``; also return the non-ASCII characters left in it."""
    text = unicodedata.normalize("NFKD", text).casefold()
    if not unicodedata.is_normalized("NFKD", text):  # casefold("İ") is "i" + U+0307...
        text = unicodedata.normalize("NFKD", text)
    left = set(_NON_ASCII.findall(text))
    # Replacing each distinct character with str.replace is several times
    # faster than str.translate or re.sub for texts that are mostly ASCII.
    for char in left & _REPLACE.keys():
        text = text.replace(char, _REPLACE[char])
        left.discard(char)
    return text, left


def _split(folded: str, left: set[str]) -> list[str]:
    """Words of ``folded`` whose non-ASCII characters are ``left``."""
    for char in left:
        if char.isalnum() or unicodedata.category(char)[0] == "M":
            if _KEPT_MARK.search(folded):
                return _MARKED_WORD.findall(folded)
            return _WORD.findall(folded)
    for char in left:  # only punctuation, symbols, spaces, emoji: separators
        folded = folded.replace(char, " ")
    return folded.encode("ascii").translate(_ASCII_SEPARATORS).decode("ascii").split()


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents or invisible characters.

    The result is meant for comparison only (matching, hashing), never for
    display. ASCII input takes a fast path (``str.lower``).
    """
    if text.isascii():
        return text.lower()
    return _fold(text)[0]


def tokenize(folded: str) -> list[str]:
    """Split an already folded text into its words (runs of letters/digits)."""
    if folded.isascii():
        return _split(folded, set())
    return _split(folded, set(_NON_ASCII.findall(folded)))


def fold_tokens(text: str) -> list[str]:
    """Fold then tokenise ``text``: the words a query is matched against."""
    if text.isascii():
        return _split(text.lower(), set())
    return _split(*_fold(text))
