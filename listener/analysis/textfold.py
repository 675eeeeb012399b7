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
  gives ``saint`` and ``laurent``) and underscores. Combining marks that
  folding keeps (Indic vowel signs, Thai vowels...) stay inside their word.

Speed: the daemon folds tens of thousands of texts per poll, so folding works
character by character: each distinct non-ASCII character is folded once
(NFKD, casefold...) and the result cached; a text is then lower-cased and each
of its few distinct non-ASCII characters replaced with ``str.replace``, and
words are split with ``bytes.translate`` + ``str.split`` when only ASCII is
left. That is 3-5x faster than regular expressions over the whole text.
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
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

# ASCII fast path: letters are lower-cased, every other byte that is not a
# digit becomes a space; then str.split() gives the words.
_ASCII_WORDS = bytes(
    ord(chr(c).lower()) if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256)
)
_ASCII_BYTES = bytes(range(128))

#: Per-character cache: folded form, and the form used for tokenising (None
#: when the folded form holds a non-ASCII letter, digit or mark).
_CACHE: dict[str, tuple[str, str | None]] = {}
_CACHE_LIMIT = 50_000


def _fold_step(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).casefold()
    text = unicodedata.normalize("NFKD", text)  # casefold("İ") is "i" + U+0307...
    return "".join(_REPLACE.get(c, c) for c in text)


def _fold_char(char: str) -> tuple[str, str | None]:
    entry = _CACHE.get(char)
    if entry is not None:
        return entry
    folded = _fold_step(char)
    for _ in range(4):  # until every character of the result folds to itself
        again = "".join(c if c.isascii() else _fold_step(c) for c in folded)
        if again == folded:
            break
        folded = again
    if folded.isascii():
        for_words: str | None = folded
    elif any(c.isalnum() or unicodedata.category(c)[0] == "M" for c in folded if not c.isascii()):
        for_words = None
    else:  # punctuation, symbols, spaces, emoji: word separators
        for_words = "".join(c if c.isascii() else " " for c in folded)
    entry = (folded, for_words)
    if len(_CACHE) < _CACHE_LIMIT:
        _CACHE[char] = entry
    return entry


def _distinct_non_ascii(text: str) -> set[str]:
    """The distinct non-ASCII characters of ``text`` (fast: bytes-level filtering)."""
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return set(data.decode("utf-8", "surrogatepass"))


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents or invisible characters.

    The result is meant for comparison only (matching, hashing), never for
    display. ASCII input takes a fast path (``str.lower``).
    """
    text = text.lower()
    if text.isascii():
        return text
    for char in _distinct_non_ascii(text):
        folded = _fold_char(char)[0]
        if folded != char:
            text = text.replace(char, folded)
    return text


def tokenize(folded: str) -> list[str]:
    """Split an already folded text into its words (runs of letters/digits)."""
    if folded.isascii():
        return folded.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    if _KEPT_MARK.search(folded):
        return _MARKED_WORD.findall(folded)
    return _WORD.findall(folded)


def fold_tokens(text: str) -> list[str]:
    """Fold then tokenise ``text``: the words a query is matched against.

    Same result as ``tokenize(fold(text))``, faster.
    """
    text = text.lower()
    if not text.isascii():
        entries = [(char, _fold_char(char)) for char in _distinct_non_ascii(text)]
        if any(for_words is None for _, (_, for_words) in entries):
            for char, (folded, _) in entries:
                text = text.replace(char, folded)
            return tokenize(text)
        for char, (_, for_words) in entries:
            text = text.replace(char, for_words)  # type: ignore[arg-type]
    return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
