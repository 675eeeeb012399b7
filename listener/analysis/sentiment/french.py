"""French sentiment: a lexicon-and-rules analyser in VADER's spirit ("vigie-fr").

The lexicon is the PDDL-licensed adjective lexicon ``fr-sentiment.xml``
shipped by the ``textblob-fr`` package (read from the installed package, never
copied; polarity -1..1 is scaled by :data:`TEXTBLOB_SCALE` to VADER's -4..4),
overlaid with :mod:`.lexicon_fr_extra` (verbs, nouns, reviews and
customer-service vocabulary, Québec usage, multiword expressions).

Rules, applied per sentiment-bearing word:

* lookups are case- and accent-insensitive; elisions (``j'``, ``l'``, ``n'``,
  ``c'``...) and hyphens split words, so ``c'est`` is ``c est``;
* multiword expressions win over their words (``pas mal`` +1.5,
  ``pas terrible`` -1.8, ``sans doute`` 0, Québec ``pas pire`` +1.8);
* negation scales by VADER's -0.74 when ``pas``, ``jamais``, ``rien``, ``guère``,
  ``aucun``, ``sans``, ``ni`` stand in the three words before, when ``ne ... plus``
  does, or when ``pas``/``jamais``/``rien`` follow a verb (``j'aime pas``); a few
  neutral words turn negative instead (``pas remboursé``, ``jamais reçu``);
  ``peu`` (not ``un peu``) halves and flips;
* boosters (``très``, ``vraiment``, ``trop``, ``super``...) and dampeners
  (``un peu``, ``assez``, ``plutôt``) add VADER's ±0.293, less with distance;
  a word such as ``super`` or ``bien`` counts as a booster when a sentiment word
  follows it and as its own valence otherwise;
* within a sentence, the first ``mais``/``cependant``/``pourtant``... halves
  what comes before it and multiplies what follows by 1.5;
* a word in CAPITALS among lower-case text adds ±0.733; ``!`` (up to four) and
  repeated ``?`` add emphasis as in VADER; emoji and emoticons take their
  VADER valence;
* the sum is normalised like VADER: ``x / sqrt(x² + 15)``.

Windows for negation and boosters stop at punctuation (``, . ! ? ; :``).
"""

from __future__ import annotations

import importlib.util
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from bisect import bisect_right
from pathlib import Path

from vaderSentiment import vaderSentiment as _vs

from listener.analysis.sentiment import lexicon_fr_extra as extra
from listener.analysis.sentiment.hashtags import expand_camel_hashtags
from listener.analysis.sentiment.vader_fast import coarse_char_class

__all__ = ["FrenchAnalyser", "FRENCH_VERSION", "fold", "load_textblob_lexicon"]

#: Bumped whenever the lexicon or the rules change the scores.
FRENCH_VERSION = "9"
#: textblob-fr polarities are in [-1, 1]; VADER valences in about [-4, 4].
TEXTBLOB_SCALE = 3.0
#: textblob-fr entries weaker than this are noise for reviews ("deuxième" 0.09).
TEXTBLOB_MIN_POLARITY = 0.1
N_SCALAR = _vs.N_SCALAR
C_INCR = _vs.C_INCR
PEU_SCALAR = -0.5
CONTRAST_BEFORE = 0.5
CONTRAST_AFTER = 1.5
DISTANCE_DAMPING = (1.0, 0.95, 0.9)

_EMOTICONS = {
    ":)": 2.0, ":-)": 2.0, "=)": 2.0, ":]": 2.0, ";)": 1.5, ";-)": 1.5, ":d": 2.3,
    ":-d": 2.3, "=d": 2.3, "xd": 2.0, ":p": 1.2, ":-p": 1.2, "<3": 2.5, "^^": 1.5,
    "^_^": 1.5, ":(": -2.0, ":-(": -2.0, "=(": -2.0, ":'(": -2.2, ":/": -1.0,
    ":-/": -1.0, ":|": -0.5, ">:(": -2.5,
}
#: Emoji common in complaints and praise that VADER's descriptions leave at 0
#: or get wrong ("fire" is praise, not danger, in reviews).
_EMOJI_EXTRA = {
    "😡": -2.8, "🤬": -3.2, "👎": -2.2, "👍": 2.0, "💩": -2.5, "🙄": -1.5, "😒": -1.5,
    "🤮": -3.0, "🤢": -2.5, "😤": -1.8, "🙏": 1.2, "👏": 2.0, "🔥": 1.5, "💯": 2.0,
    "⭐": 1.0, "🤩": 3.0, "😩": -1.8, "😫": -1.8, "😬": -1.0,
}
_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")
_TRIPLE_LETTER = re.compile(r"([a-z])\1\1")
_RATING = re.compile(
    r"(?<![\w,.])(\d{1,2}(?:[.,]5)?|z[ée]ro|une?|deux|trois|quatre|cinq)\s*"
    r"(?:(étoiles?|etoiles?|\*)|/\s*(5|10|20)\b)",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"zero": 0, "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4,
                 "cinq": 5}
#: Valence of a rating out of 5 ("0 étoile", "2/5", "8/10"): reviews state them.
RATING_VALENCE = ((1.0, -2.5), (2.0, -1.5), (3.0, 0.0), (4.0, 1.5), (5.0, 2.5))
_SENTENCE_END = ".!?;"
_EMOTICON_STARTS = ":;=<^>"
_SOFT_STOP = ".!?;:,"
_NE = frozenset({"ne", "n"})
_POST_NEGATIONS = frozenset({"pas", "jamais", "rien", "guere"})
#: Québec's "pu" is "plus" (no more): "ça marche pu". After a form of avoir it is
#: the past participle of pouvoir ("j'ai bien pu le faire"), no negation.
_AVOIR = frozenset({"ai", "as", "a", "avons", "avez", "ont", "avais", "avait", "avions",
                    "aviez", "avaient", "aurai", "auras", "aura", "aurais", "aurait",
                    "auraient", "eu"})


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base != ch and base.isascii() and base:
            table[code] = base.lower()
    for ch, repl in (("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae"), ("ß", "ss")):
        table[ord(ch)] = repl
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Latin accents (``Écœurant`` -> ``ecoeurant``)."""
    return text.lower().translate(_FOLD)


def load_textblob_lexicon() -> dict[str, float]:
    """Folded adjective -> mean polarity, from textblob-fr's ``fr-sentiment.xml``."""
    # find_spec locates the installed package without importing it: importing
    # textblob_fr pulls in textblob and nltk (about a second).
    spec = importlib.util.find_spec("textblob_fr")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textblob-fr is not installed; run: pip install textblob-fr")
    source = Path(next(iter(spec.submodule_search_locations))) / "fr-sentiment.xml"
    root = ET.fromstring(source.read_bytes())
    sums: dict[str, list[float]] = {}
    for word in root.iter("word"):
        form = word.get("form")
        polarity = word.get("polarity")
        if not form or polarity is None:
            continue
        sums.setdefault(fold(form), []).append(float(polarity))
    return {form: sum(values) / len(values) for form, values in sums.items()}


def _emoji_valences() -> dict[str, float]:
    """Single-character emoji -> summed VADER valence of its description's words."""
    original = _vs.SentimentIntensityAnalyzer()
    out: dict[str, float] = {}
    for emoji, description in original.emojis.items():
        if len(emoji) != 1:
            continue
        valence = sum(original.lexicon.get(w, 0.0) for w in description.lower().split())
        if valence:
            out[emoji] = valence
    out.update(_EMOJI_EXTRA)
    return {e: v for e, v in out.items() if v}


def _unelongate(word: str, known: frozenset[str]) -> str:
    """``adoreee`` -> ``adore``, ``nulllll`` -> ``nul``: letters repeated 3+ times."""
    if not _ELONGATED.search(word):
        return word
    for repl in (r"\1", r"\1\1"):
        candidate = _ELONGATED.sub(repl, word)
        if candidate in known:
            return candidate
    return word


def _ratings(text: str) -> list[float]:
    """Valences of ratings stated in the text ("0 étoile", "une étoile", "2/5", "8/10")."""
    out: list[float] = []
    for m in _RATING.finditer(text):
        raw = m.group(1).lower()
        value = float(raw.replace(",", ".")) if raw[0].isdigit() else _NUMBER_WORDS.get(raw, 0)
        scale = m.group(3)
        if scale:
            value = value * 5 / int(scale)
        if value > 5:
            continue
        for limit, valence in RATING_VALENCE:
            if value <= limit:
                if valence:
                    out.append(valence)
                break
    return out


class FrenchAnalyser:
    """Score French text; ``compound`` is in [-1, 1] like VADER's.

    Construction reads the lexicons (~50 ms; textblob-fr is located, not
    imported); the instance holds plain dicts and compiled regexes (rebuilt
    after unpickling) and pickles cheaply.
    """

    name = "vigie-fr"
    version = FRENCH_VERSION

    def __init__(self) -> None:
        # textblob-fr tags a few adverbs and function words as adjectives
        # ("après" -0.6, "très" 0.03): words that play a grammatical role here
        # (boosters, negations...) and near-zero polarities are left out.
        grammatical = {fold(w) for w in (*extra.BOOSTERS, *extra.DAMPENERS, *extra.NEGATIONS,
                                         *extra.CONTRASTS, *extra.FUNCTION_WORDS)}
        lexicon: dict[str, float] = {
            form: polarity * TEXTBLOB_SCALE
            for form, polarity in load_textblob_lexicon().items()
            if abs(polarity) >= TEXTBLOB_MIN_POLARITY and form not in grammatical
        }
        for stem, valence in extra.VERB_STEMS.items():
            for ending in extra.VERB_ENDINGS:
                lexicon[fold(stem + ending)] = valence
        for word, valence in extra.WORDS.items():
            lexicon[fold(word)] = valence
        for word in extra.NEUTRAL:
            lexicon.pop(fold(word), None)
        self.emojis = _emoji_valences()
        lexicon.update(self.emojis)
        lexicon.update(_EMOTICONS)
        self.lexicon = {w: v for w, v in lexicon.items() if v}
        self.negated_only = {fold(w): v for w, v in extra.NEGATED_ONLY.items()}
        # Phrases are looked up by their first two words (every phrase has two
        # or more): "ne" starts hundreds of them, "ne devrait" a few dozen.
        phrases: dict[tuple[str, str], list[tuple[tuple[str, ...], float]]] = {}
        for phrase, valence in extra.PHRASES.items():
            words = tuple(fold(phrase).replace("'", " ").split())
            if len(words) < 2:
                raise ValueError(f"French phrase {phrase!r}: a phrase has two words or more")
            phrases.setdefault(words[:2], []).append((words, valence))
        for candidates in phrases.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self.phrases = phrases
        self.boosters = {fold(w): v for w, v in extra.BOOSTERS.items()}
        self.dampeners = {fold(w): v for w, v in extra.DAMPENERS.items()}
        self.negations = frozenset(fold(w) for w in extra.NEGATIONS)
        self.obligations = frozenset(fold(w) for w in extra.OBLIGATIONS)
        self.contrasts = frozenset(fold(w) for w in extra.CONTRASTS)
        self.sarcasm = frozenset(fold(w) for w in extra.SARCASM)
        self.trouble = frozenset(tuple(fold(p).replace("'", " ").split()) for p in extra.TROUBLE)
        self.triggers = (frozenset(self.lexicon) | frozenset(self.negated_only)
                         | frozenset(first for first, _ in phrases))
        self._compile()

    def _compile(self) -> None:
        emoticons = sorted(_EMOTICONS, key=len, reverse=True)
        variants = sorted({e for e in emoticons} | {e.upper() for e in emoticons}, key=len,
                          reverse=True)
        emoticon_re = "|".join(re.escape(e) for e in variants)
        # Emoji are matched by whole Unicode blocks (see coarse_char_class); the
        # General Punctuation block is left out so that ’ and … stay separators.
        emoji_class = coarse_char_class("".join(self.emojis), exclude_blocks=frozenset({0x20}))
        self._token_re = re.compile(
            rf"[^\W\d_]+|(?<!\S)(?:{emoticon_re})(?!\S)|[.!?;:,]+|{emoji_class}"
        )
        # Most texts hold no emoticon: a simpler pattern is twice as fast.
        self._plain_token_re = re.compile(rf"[^\W\d_]+|[.!?;:,]+|{emoji_class}")

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_token_re", None)
        state.pop("_plain_token_re", None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._compile()

    # -- public ---------------------------------------------------------------

    def compound(self, text: str) -> float:
        """Sentiment of ``text`` in [-1, 1], rounded to 4 places."""
        text = expand_camel_hashtags(text)
        valences = self._word_valences(text)
        if "toile" in text or "/" in text or "*" in text:
            valences.extend(_ratings(text))
        if not valences:
            return 0.0
        total = float(sum(valences))
        emphasis = min(text.count("!"), 4) * 0.292
        questions = text.count("?")
        if questions > 1:
            emphasis += questions * 0.18 if questions <= 3 else 0.96
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        return round(max(-1.0, min(1.0, total / math.sqrt(total * total + 15))), 4)

    # -- rules ----------------------------------------------------------------

    def _word_valences(self, text: str) -> list[float]:
        has_emoticon = any(c in text for c in _EMOTICON_STARTS)
        tokens = (self._token_re if has_emoticon else self._plain_token_re).findall(text)
        if not tokens:
            return []
        joined = " ".join(tokens).lower()
        lowered = joined.split(" ")
        if len(lowered) != len(tokens):  # a lower-case mapping made a space: never seen
            lowered = [t.lower() for t in tokens]
        # str.translate is slow per character: fold only the words that need it.
        folded = [w if w.isascii() else w.translate(_FOLD) for w in lowered]
        triggers = self.triggers
        if _TRIPLE_LETTER.search(joined):  # cheap pre-check (ASCII letters only)
            folded = [w if w in triggers else _unelongate(w, triggers) for w in folded]
        hits = [i for i, w in enumerate(folded) if w in triggers]
        return self._valences(tokens, folded, hits) if hits else []

    def _valences(self, tokens: list[str], folded: list[str], hits: list[int]) -> list[float]:
        n = len(folded)
        lexicon = self.lexicon
        # Multiword expressions first: they consume their later words.
        base: dict[int, float] = {}
        consumed: set[int] = set()
        phrase_at: set[int] = set()
        trouble = False  # a phrase states a service trouble (sarcasm check below)
        for i in hits:
            if i in consumed:
                continue
            for words, valence in (self.phrases.get((folded[i], folded[i + 1]), ())
                                   if i + 1 < n else ()):
                size = len(words)
                if i + size <= n and tuple(folded[i:i + size]) == words:
                    consumed.update(range(i + 1, i + size))
                    base[i] = valence
                    phrase_at.add(i)
                    if words in self.trouble:
                        trouble = True
                    break
            else:
                if folded[i] in lexicon:
                    base[i] = lexicon[folded[i]]
                elif folded[i] in self.negated_only:
                    base[i] = 0.0
        if not base:
            return []
        # A booster immediately followed by a sentiment word is a booster only.
        boosters = self.boosters
        for i in list(base):
            w = folded[i]
            if i not in phrase_at and w in boosters and (i + 1) in base and base[i + 1]:
                del base[i]
        # Praise beside a stated trouble, with no contrast between opinions, is
        # sarcasm ("Bravo, encore une panne. Merci !"): it is left out.
        if trouble and self.contrasts.isdisjoint(folded):
            for i in [i for i in base if i not in phrase_at and folded[i] in self.sarcasm]:
                del base[i]
            if not base:
                return []
        skip = consumed | phrase_at
        upper = sum(map(str.isupper, tokens))
        alpha = sum(map(str.isalpha, tokens))
        cap_diff = 0 < upper < alpha
        bounds = [k for k, t in enumerate(tokens) if t[0] in _SENTENCE_END]
        contrast_of_sentence = self._contrasts(folded, bounds)
        out: list[float] = []
        for i in sorted(base):
            v = base[i]
            w = folded[i]
            if v and cap_diff and len(tokens[i]) > 1 and tokens[i].isupper():
                v = v + C_INCR if v > 0 else v - C_INCR
            v = self._modify(v, i, w, folded, tokens, skip, base, cap_diff, i in phrase_at)
            if not v:
                continue
            if contrast_of_sentence:
                sentence = bisect_right(bounds, i)
                c = contrast_of_sentence.get(sentence)
                if c is not None:
                    if i < c:
                        v *= CONTRAST_BEFORE
                    elif i > c:
                        v *= CONTRAST_AFTER
            out.append(v)
        return out

    def _contrasts(self, folded: list[str], bounds: list[int]) -> dict[int, int]:
        """Sentence index -> position of its first contrastive conjunction."""
        contrasts = self.contrasts
        found: dict[int, int] = {}
        for k in [k for k, w in enumerate(folded) if w in contrasts]:
            found.setdefault(bisect_right(bounds, k), k)
        return found

    def _modify(self, v: float, i: int, w: str, folded: list[str], tokens: list[str],
                skip: set[int], base: dict[int, float], cap_diff: bool, is_phrase: bool) -> float:
        """Boosters, dampeners and negation around the sentiment word at ``i``."""
        negated = obliged = False
        peu = False
        for d in (1, 2, 3):
            j = i - d
            if j < 0:
                break
            prev = folded[j]
            if prev[0] in _SOFT_STOP:
                break
            if j in skip:
                continue
            if prev in self.negations or (
                prev == "plus" and _NE.intersection(folded[max(0, j - 2):j])
            ):
                negated = True
            elif prev in self.obligations:
                obliged = True
            elif prev == "peu":
                if j > 0 and folded[j - 1] == "un":
                    v += self._scaled(-0.293, v, d, tokens[j], cap_diff)
                else:
                    peu = True
            elif prev in self.boosters and j not in base:
                v += self._scaled(self.boosters[prev], v, d, tokens[j], cap_diff)
            elif prev in self.dampeners:
                v += self._scaled(self.dampeners[prev], v, d, tokens[j], cap_diff)
        if not negated and not is_phrase:
            for k in (i + 1, i + 2):
                if k >= len(folded) or folded[k][0] in _SOFT_STOP:
                    break
                if k in skip:
                    break
                nxt = folded[k]
                if nxt in _POST_NEGATIONS or (
                    nxt == "plus" and _NE.intersection(folded[max(0, i - 3):i])
                ) or (nxt == "pu" and not _AVOIR.intersection(folded[max(0, i - 2):k])):
                    negated = True
                    break
        if negated and is_phrase and obliged:
            negated = False  # "ne devrait pas <complaint>" states the complaint
        if negated:
            if w in self.negated_only:
                return self.negated_only[w]
            v *= N_SCALAR
        if peu:
            v *= PEU_SCALAR
        return v

    @staticmethod
    def _scaled(scalar: float, v: float, distance: int, token: str, cap_diff: bool) -> float:
        """A booster's contribution, signed like ``v`` and damped by distance (VADER)."""
        if v < 0:
            scalar = -scalar
        if cap_diff and len(token) > 1 and token.isupper():
            scalar += C_INCR if v > 0 else -C_INCR
        return scalar * DISTANCE_DAMPING[distance - 1]
