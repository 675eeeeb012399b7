"""A linear-time re-implementation of VADER's ``polarity_scores``.

vaderSentiment 3.3.2 rebuilds lower-cased copies of the whole word list
inside its per-word helpers (``_negation_check``, ``_special_idioms_check``,
``_but_check``), so scoring a text costs O(n²) in its number of words; on
1,000-character texts that is most of the pipeline time.

This module computes every derived list once per text and visits only the
words that are in the lexicon. It reuses the lexicon, the emoji table and every
constant of the *installed* vaderSentiment package (nothing is copied), and it
reproduces the original arithmetic step by step, including its quirks:

* a word in ALL CAPS with a zero valence gets ``-C_INCR`` (``valence > 0`` is
  the only positive branch);
* ``_negation_check`` for the third preceding word reads
  ``(never and so/this) or so/this`` (Python precedence);
* ``_but_check`` looks each value up with ``list.index``, so a value equal to
  an earlier one modifies the *earlier* position.

``tests/unit/test_sentiment_vader_fast.py`` asserts equality with the original
on thousands of texts.
"""

from __future__ import annotations

import math
import re
import string
from bisect import insort

from vaderSentiment import vaderSentiment as _vs

__all__ = ["FastVader", "VADER_VERSION", "negated"]

#: Version of the vaderSentiment package whose data and rules are reproduced.
VADER_VERSION = "3.3.2"

_PUNCT = string.punctuation
_B_INCR = _vs.B_INCR
_C_INCR = _vs.C_INCR
_N_SCALAR = _vs.N_SCALAR
_BOOSTERS: dict[str, float] = dict(_vs.BOOSTER_DICT)
_SPECIAL: dict[str, float] = dict(_vs.SPECIAL_CASES)
_NEGATE = frozenset(_vs.NEGATE)


def coarse_char_class(chars: str, *, exclude_blocks: frozenset[int] = frozenset()) -> str:
    """A regex character class covering ``chars`` with whole 256-code-point blocks.

    ``re`` checks a class of thousands of astral characters one by one, which
    costs about 0.5 µs per character of text; a few ranges cost nothing. The
    class over-matches (whole blocks), so it serves as a cheap pre-filter.
    Characters below U+0100 are listed one by one (their block holds ASCII);
    blocks in ``exclude_blocks`` are left out entirely.
    """
    singles = sorted({c for c in chars if ord(c) < 0x100})
    blocks = sorted({ord(c) >> 8 for c in chars if ord(c) >= 0x100} - exclude_blocks)
    ranges: list[tuple[int, int]] = []
    for block in blocks:
        if ranges and ranges[-1][1] == block - 1:
            ranges[-1] = (ranges[-1][0], block)
        else:
            ranges.append((block, block))
    parts = [re.escape(c) for c in singles]
    parts += [f"{chr(lo << 8)}-{chr((hi << 8) | 0xFF)}" for lo, hi in ranges]
    return "[" + "".join(parts) + "]" if parts else "[^\\s\\S]"


#: Modals of obligation: "you shouldn't have to return it" states the complaint
#: rather than denying it (phrase tokens only; VADER's words keep its rule,
#: since "you shouldn't miss it" is praise).
_OBLIGATION = frozenset({"shouldn't", "shouldnt", "mustn't", "mustnt", "oughtn't"})
_OBLIGATION_PAIRS = frozenset({("should", "not"), ("should", "never"), ("must", "not"),
                               ("must", "never"), ("ought", "not")})


def _obliged(lower: list[str], i: int) -> bool:
    """Whether a modal of obligation is among the three words before ``lower[i]``."""
    lo = max(0, i - 3)
    for j in range(lo, i):
        if lower[j] in _OBLIGATION or (j + 1 < i and (lower[j], lower[j + 1])
                                       in _OBLIGATION_PAIRS):
            return True
    return False


def negated(word_lower: str) -> bool:
    """``vaderSentiment.negated([word])`` for one lower-cased word."""
    return word_lower in _NEGATE or "n't" in word_lower


class FastVader:
    """VADER sentiment with the same results as ``SentimentIntensityAnalyzer``.

    Build it once (it loads the lexicons, ~20 ms); it holds only plain dicts
    and a compiled regex, so it pickles cheaply to worker processes.
    """

    def __init__(self) -> None:
        original = _vs.SentimentIntensityAnalyzer()
        self.lexicon: dict[str, float] = original.lexicon
        #: Tokens with a valence of their own that no context changes (no
        #: negation, booster or "no" rule; only capitals add emphasis). Empty
        #: here: VADER has none. :class:`~listener.analysis.sentiment.english.
        #: EnglishAnalyser` puts one in place of each complaint or praise phrase.
        self.fixed: dict[str, float] = {}
        #: Fixed tokens that a negation just before them still turns around, as
        #: VADER does for words ("didn't have to <return it>"): the phrases that do
        #: not hold a negation of their own.
        self.negatable: frozenset[str] = frozenset()
        # The original tests ``chr in self.emojis`` per character: only keys of
        # one character can ever match.
        self.emojis: dict[str, str] = {k: v for k, v in original.emojis.items() if len(k) == 1}
        self._compile()

    def _compile(self) -> None:
        chars = "".join(sorted(self.emojis))
        self._emoji_re = re.compile("[" + re.escape(chars) + "]") if chars else None
        self._emoji_filter = re.compile(coarse_char_class(chars)) if chars else None

    def __getstate__(self) -> dict[str, object]:
        return {"lexicon": self.lexicon, "emojis": self.emojis, "fixed": self.fixed,
                "negatable": self.negatable}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.lexicon = state["lexicon"]  # type: ignore[assignment]
        self.emojis = state["emojis"]  # type: ignore[assignment]
        self.fixed = state.get("fixed", {})  # type: ignore[assignment]
        self.negatable = state.get("negatable", frozenset())  # type: ignore[assignment]
        self._compile()

    # -- public ---------------------------------------------------------------

    def compound(self, text: str) -> float:
        """``polarity_scores(text)['compound']``, rounded to 4 places like VADER."""
        return self.polarity_scores(text)["compound"]

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Same dict as ``SentimentIntensityAnalyzer().polarity_scores(text)``."""
        text = self._replace_emojis(text).strip()
        sentiments = self._sentiments(text)
        return _score_valence(sentiments, text)

    # -- steps ----------------------------------------------------------------

    def _replace_emojis(self, text: str) -> str:
        """Emojis become their description, preceded by a space unless one is there."""
        if (
            self._emoji_re is None
            or text.isascii()
            or self._emoji_filter.search(text) is None  # type: ignore[union-attr]
            or self._emoji_re.search(text) is None
        ):
            return text
        emojis = self.emojis

        def repl(m: re.Match[str]) -> str:
            pos = m.start()
            desc = emojis[m.group()]
            if pos == 0 or text[pos - 1] == " ":
                return desc
            return " " + desc

        return self._emoji_re.sub(repl, text)

    def _sentiments(self, text: str) -> list[float]:
        """Valence of every word, after the ``but`` rule (zeros included)."""
        words = [t if len(s := t.strip(_PUNCT)) <= 2 else s for t in text.split()]
        n = len(words)
        if not n:
            return []
        lower = " ".join(words).lower().split(" ")
        if len(lower) != n:  # a lower-case mapping produced a space: never seen
            lower = [w.lower() for w in words]
        lexicon = self.lexicon
        fixed = self.fixed
        sentiments: list[float] = [0] * n
        hits = [i for i, w in enumerate(lower) if w in lexicon or w in fixed]
        if hits:
            upper_count = sum(map(str.isupper, words))
            is_cap_diff = 0 < n - upper_count < n
            for i in hits:
                if fixed and lower[i] in fixed:
                    v = fixed[lower[i]]
                    if v and is_cap_diff and words[i].isupper():
                        v += _C_INCR if v > 0 else -_C_INCR
                    if lower[i] in self.negatable and not _obliged(lower, i):
                        for start_i in range(3):
                            if i > start_i and lower[i - start_i - 1] not in lexicon:
                                v = _negation_check(v, lower, start_i, i)
                    sentiments[i] = v
                    continue
                w = lower[i]
                if w in _BOOSTERS:
                    continue
                if w == "kind" and i < n - 1 and lower[i + 1] == "of":
                    continue
                sentiments[i] = self._valence(words, lower, i, is_cap_diff)
        if "but" in lower:
            _but_check(sentiments, lower.index("but"))
        return sentiments

    def _valence(self, words: list[str], lower: list[str], i: int, is_cap_diff: bool) -> float:
        """``sentiment_valence`` for a word known to be in the lexicon."""
        lexicon = self.lexicon
        n = len(lower)
        item_lower = lower[i]
        valence = lexicon[item_lower]
        if item_lower == "no" and i != n - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[item_lower] * _N_SCALAR
        if is_cap_diff and words[i].isupper():
            if valence > 0:
                valence += _C_INCR
            else:
                valence -= _C_INCR
        for start_i in range(3):
            j = i - (start_i + 1)
            if i > start_i and lower[j] not in lexicon:
                s = _scalar_inc_dec(words[j], lower[j], valence, is_cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = _negation_check(valence, lower, start_i, i)
                if start_i == 2:
                    valence = _special_idioms_check(valence, lower, i)
        # _least_check
        if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * _N_SCALAR
        elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
            valence = valence * _N_SCALAR
        return valence


def _scalar_inc_dec(word: str, word_lower: str, valence: float, is_cap_diff: bool) -> float:
    scalar = 0.0
    if word_lower in _BOOSTERS:
        scalar = _BOOSTERS[word_lower]
        if valence < 0:
            scalar *= -1
        if word.isupper() and is_cap_diff:
            if valence > 0:
                scalar += _C_INCR
            else:
                scalar -= _C_INCR
    return scalar


def _negation_check(valence: float, lower: list[str], start_i: int, i: int) -> float:
    if start_i == 0:
        if negated(lower[i - 1]):
            valence = valence * _N_SCALAR
    elif start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif negated(lower[i - 2]):
            valence = valence * _N_SCALAR
    else:
        if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")) or (
            lower[i - 1] == "so" or lower[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif negated(lower[i - 3]):
            valence = valence * _N_SCALAR
    return valence


def _special_idioms_check(valence: float, lower: list[str], i: int) -> float:
    w3, w2, w1, w0 = lower[i - 3], lower[i - 2], lower[i - 1], lower[i]
    onezero = f"{w1} {w0}"
    twoonezero = f"{w2} {w1} {w0}"
    twoone = f"{w2} {w1}"
    threetwoone = f"{w3} {w2} {w1}"
    threetwo = f"{w3} {w2}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _SPECIAL:
            valence = _SPECIAL[seq]
            break
    n = len(lower)
    if n - 1 > i:
        zeroone = f"{w0} {lower[i + 1]}"
        if zeroone in _SPECIAL:
            valence = _SPECIAL[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in _SPECIAL:
            valence = _SPECIAL[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTERS:
            valence = valence + _BOOSTERS[n_gram]
    return valence


def _but_check(sentiments: list[float], bi: int) -> None:
    """VADER's ``_but_check``, in place, without its O(n²) ``list.index`` scans.

    The original walks the list and, for each value ``v``, changes the *first*
    position holding a value equal to ``v`` (halved before ``but``, times 1.5
    after it). Zeros stay zero either way, so only non-zero values are tracked,
    in a map from value to the sorted positions currently holding it.
    """
    holders: dict[float, list[int]] = {}
    order = [k for k, v in enumerate(sentiments) if v != 0]
    for k in order:
        holders.setdefault(sentiments[k], []).append(k)
    for k in order:
        v = sentiments[k]  # positions >= k are never modified before step k
        positions = holders[v]
        si = positions[0]
        if si < bi:
            new = v * 0.5
        elif si > bi:
            new = v * 1.5
        else:
            continue
        positions.pop(0)
        if not positions:
            del holders[v]
        sentiments[si] = new
        if new != 0:
            insort(holders.setdefault(new, []), si)


def _score_valence(sentiments: list[float], text: str) -> dict[str, float]:
    """VADER's ``score_valence``: compound, and the pos/neu/neg proportions."""
    if not sentiments:
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    sum_s = float(sum(sentiments))
    ep_amplifier = min(text.count("!"), 4) * 0.292
    qm_count = text.count("?")
    qm_amplifier: float = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    punct = ep_amplifier + qm_amplifier
    if sum_s > 0:
        sum_s += punct
    elif sum_s < 0:
        sum_s -= punct
    compound = _vs.normalize(sum_s)
    nonzero = [v for v in sentiments if v]
    pos_sum = 0.0
    neg_sum = 0.0
    for s in nonzero:
        if s > 0:
            pos_sum += float(s) + 1
        if s < 0:
            neg_sum += float(s) - 1
    neu_count = len(sentiments) - len(nonzero)
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return {
        "neg": round(math.fabs(neg_sum / total), 3),
        "neu": round(math.fabs(neu_count / total), 3),
        "pos": round(math.fabs(pos_sum / total), 3),
        "compound": round(compound, 4),
    }
