"""English sentiment: VADER 3.3.2 plus the vocabulary of product and service complaints.

VADER scores a word only if its lexicon knows it, and the commonest
complaints about a brand are made of words it does not know: "the app doesn't
work", "can't log in", "my order never arrived", "the site is down again",
"still waiting for a refund", "don't buy". VADER gives each of them 0.0
(neutral), so a surge of them would never count as negative mentions: the
very crisis the spike detector watches for.

:class:`EnglishAnalyser` keeps VADER's arithmetic (:class:`FastVader`, equal
to vaderSentiment's) and adds what a reputation tool needs, written from the
domain (apps, deliveries, billing, customer service) and from the errors on
development sentences, never from held-out ones (docs/evaluation-sentiment.md):

1. **Words** VADER's lexicon lacks (``outage``, ``buggy``, ``glitchy``,
   ``unusable``, ``overcharged``, ``ripoff``, ``reliable``...), with valences
   on VADER's scale next to their nearest VADER neighbours (``crash`` -1.7,
   ``broken`` -2.1, ``flawless`` 2.3). VADER's own entries are never changed.
   These words follow all of VADER's rules ("not buggy at all" is not negative).
2. **Phrases** whose meaning is in their structure, each replaced before VADER
   scores the text by one token of fixed valence (:data:`PHRASES`): a
   function that fails ("doesn't work", "won't load", "stopped charging",
   "keeps crashing"), access that fails ("can't log in"), something that
   never came ("never arrived"), waiting ("still waiting", "on hold for an
   hour"), an outage ("the site is down", "is it down?"), advice against
   ("don't buy", "never again", "won't be back"), billing ("charged twice"),
   disappointment ("was hoping for more", "not as described"), fit ("runs
   small"), returns,
   waste ("piece of junk"), facts that are complaints ("40 minutes late",
   "fees doubled", "arrived cold"), ratings ("1 star", "10/10"), praise ("would buy
   again", "exactly what I wanted", "arrived quickly"). A phrase's own
   negation is part of it, so VADER's negation rule does not flip it again
   ("Dont waste your money" is advice against, where VADER reads a negated
   "waste" as praise); a phrase without a negation of its own is negated by
   one before it like a word ("not a piece of junk"), except by a modal of
   obligation ("shouldn't keep crashing" is the complaint); capitals still add
   emphasis, and VADER's "but" and punctuation rules apply to the sentence
   as usual. Each pattern is only
   tried near its trigger words (:data:`TRIGGERS`), which keeps the search
   at about VADER's own cost.
3. **Names, not opinions**: a company's departments and money ("customer
   support", "the support line", "customer care", "help desk", "credit card"),
   which VADER scored as praise, become a neutral token; and complaints about
   service that VADER read the wrong way round ("isn't answering", "no
   signal", "nothing got fixed", "treat customers like this", "with no
   warning"; and the praise "no hidden fees").
4. **Intensifiers**: "super" and "pretty", praise words to VADER, read as
   boosters before a negative word ("super rude staff", "pretty bad").
5. **Misspellings** of VADER's words ("dissapointed") take the word's valence,
   and punctuation glued to the next word ("wrong.First") gets a space, since
   VADER splits words at spaces only.

The tables (words, misspellings, phrases and their trigger words) are in
:mod:`listener.analysis.sentiment.lexicon_en_extra`; this module applies them.

Attacker-controlled text cannot forge a phrase token: the private-use
characters that delimit them are removed from the input first.
"""

from __future__ import annotations

import re
import string

from vaderSentiment import vaderSentiment as _vs

from listener.analysis.sentiment.hashtags import HASHTAG, split_camel
from listener.analysis.sentiment.lexicon_en_extra import (
    EXTRA_LEXICON,
    MISSPELLINGS,
    PHRASES,
    TRIGGERS,
)
from listener.analysis.sentiment.vader_fast import VADER_VERSION, FastVader, negated

__all__ = ["EnglishAnalyser", "EXTRA_LEXICON", "PHRASES", "TRIGGERS", "HASHTAG_WORDS",
           "BOOSTER_PRAISE", "superlatives"]

#: A letter typed three times or more ("looove", "sooo"); the quick test for one.
_STRETCH = re.compile(r"([^\W\d_])\1{2,}")
_STRETCHED = re.compile(r"([a-zA-Z])\1\1")
_NEGATE = frozenset(_vs.NEGATE)
#: Words VADER reads though its lexicon lacks them: boosters and negations.
_KNOWN_SHORT = frozenset(_vs.BOOSTER_DICT) | _NEGATE

_VOWELS = frozenset("aeiou")


def superlatives(lexicon: dict[str, float]) -> dict[str, float]:
    """The superlatives VADER's lexicon lacks, with their adjective's valence.

    VADER knows "nicest" and "greatest" but not "sweetest", "coolest",
    "finest", "scariest" or "blandest". Only ``-est`` forms are made: ``-er``
    forms are also nouns ("a cleaner", "a stranger", "a cooler"). Forms already
    in the lexicon, and words ending like an inflection, are left out.
    """
    out: dict[str, float] = {}
    for word, valence in lexicon.items():
        if (len(word) < 3 or abs(valence) < 0.5 or not word.isalpha()
                or word.endswith(("est", "ly", "ed", "ing", "s"))):
            continue
        if word.endswith("e"):
            form = word + "st"
        elif word.endswith("y") and word[-2] not in _VOWELS:
            form = word[:-1] + "iest"
        elif (len(word) <= 4 and word[-1] not in _VOWELS and word[-1] not in "wxy"
              and word[-2] in _VOWELS and word[-3] not in _VOWELS):
            form = word + word[-1] + "est"  # big -> biggest, sad -> saddest
        else:
            form = word + "est"
        if form not in lexicon and form not in _vs.BOOSTER_DICT:
            out[form] = valence
    return out



_WORDS = re.compile(r"[a-z0-9]+")
_WORD_CHARS = frozenset(string.ascii_lowercase + string.digits)
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
#: How far from its trigger word a phrase may reach, in characters.
_REACH = 60

#: Praise words that are intensifiers before another word: VADER adds "super"
#: (+2.9) and "pretty" (+2.2) as praise, so "super rude staff" read positive and
#: "pretty bad" barely negative. Before a negative word, "super" becomes the
#: booster "very" and "pretty" (rather) is dropped. The same for "truly" (+1.9:
#: "truly awful" was -0.03) and "sincerely"; "definitely", "certainly" and
#: "surely" say how sure, not how much, and are dropped there.
_INTENSIFIERS = {"super": "very", "pretty": "", "truly": "very", "sincerely": "very",
                 "definitely": "", "certainly": "", "surely": ""}
#: The sure-words are dropped before a negation too: "definitely not worth it"
#: read as praise (+0.26), from "definitely" (+1.7).
_SURE = frozenset({"definitely", "certainly", "surely"})
#: ...and words of blame that are intensifiers before praise ("damn good",
#: "crazy good", "ridiculously good", "seriously good" read as barely positive).
_INTENSIFIERS_OF_PRAISE = {"damn": "very", "crazy": "very", "ridiculously": "very",
                           "seriously": "very", "wicked": "very"}
#: Praise adjectives VADER lists as boosters only (see ``_modifier``).
BOOSTER_PRAISE = ("incredible", "exceptional", "tremendous")
_MODIFIERS = (*_INTENSIFIERS, *_INTENSIFIERS_OF_PRAISE, *BOOSTER_PRAISE)
#: A modifier and, when there is one, the word after it (group 2); run on an
#: ASCII-lower-cased copy (2.5 times faster than ``re.IGNORECASE``).
_MODIFIED = re.compile(r"\b(" + "|".join(_MODIFIERS) + r")\b(?=\s+([a-z][a-z'-]*)|)")
#: Cheap test before the pattern: a piece of each modifier, in both cases.
_MODIFIER_PARTS = tuple(part for word in _MODIFIERS for part in (word[1:], word[1:].upper()))


def _widen(text: str, start: int, stop: int) -> tuple[int, int]:
    """``[start, stop)`` clipped to ``text`` and widened to spaces (whole words)."""
    start = text.rfind(" ", 0, max(0, start)) + 1 if start > 0 else 0
    if stop >= len(text):
        return start, len(text)
    end = text.find(" ", stop)
    return start, len(text) if end < 0 else end


# A run of punctuation is only taken from its first character (the lookbehind
# after it), and possessively: no backtracking on a text of 100,000 "!".
_GLUED = re.compile(r"[!?.\u2026](?<![!?.\u2026].)[!?.\u2026]*+(?=[A-Za-z])")
_DELIMITER = "\ue000"
_FORGED = re.compile("[\ue000-\ue0ff]")
#: Stands for a phrase's second and later words: neither a word of the lexicon
#: nor a negation.
_FILLER = f"{_DELIMITER}w{_DELIMITER}"


def _clean(text: str) -> str:
    """Forged token delimiters removed, typographic apostrophes made plain, and a
    space put after sentence punctuation glued to the next word.

    VADER splits words at spaces only, so "wrong.First" or "great...no
    problems" hide the words "wrong" and "no" from it. A space is added after
    ``!``, ``?``, ``...`` or ``…`` between two letters, and after a single ``.``
    between a lower-case word and a capitalised one (not in "e.g." or
    "amazon.com").
    """
    if not text.isascii():
        text = _FORGED.sub("", text).replace("\u2019", "'")
    if _GLUED.search(text) is None:
        return text
    return _GLUED.sub(_unglue, text)


def _unglue(m: re.Match[str]) -> str:
    text, start, end = m.string, m.start(), m.end()
    if start == 0 or not text[start - 1].isalpha():
        return m.group()
    if m.group() == "." and not (start >= 2 and text[start - 2:start].islower()
                                 and text[end:end + 2].istitle()):
        return m.group()
    return m.group() + " "


#: The words complaint and praise hashtags are made of (#customerservicefail,
#: #neveragain, #loveit, #notimpressed). A closed list, not the whole lexicon:
#: with every lexicon word "#therapist" would read "the rapist".
HASHTAG_WORDS = frozenset({
    "amazing", "angry", "annoyed", "awesome", "awful", "bad", "disappointed", "epic",
    "fun", "good", "great", "happy", "hate", "horrible", "impressed", "love", "sad",
    "satisfied", "terrible", "thankful", "unhappy", "win", "worst", "wow", "fixed",
    "broken", "rude", "slow", "fast", "cancelled", "canceled",
    "a", "again", "all", "always", "an", "and", "any", "app", "at", "back", "be", "been",
    "being", "best", "care", "customer", "customers", "day", "delay", "delayed", "did", "do",
    "does", "done", "ever", "every", "experience", "fail", "flight", "for", "from", "get", "go",
    "going", "got", "had", "has", "have", "help", "how", "i", "in", "is", "it", "just", "last",
    "late", "lost", "me", "more", "my", "never", "no", "not", "nothing", "now", "of", "off",
    "on", "one", "our", "out", "over", "please", "really", "same", "service", "so", "still",
    "support", "team", "than", "that", "the", "this", "time", "to", "today", "too", "trip", "up",
    "us", "very", "was", "we", "what", "when", "why", "will", "with", "you", "your",
})


def _token(k: int, negatable: bool = False) -> str:
    return f"{_DELIMITER}p{k}{'n' if negatable else ''}{_DELIMITER}"


#: Words that make a matched phrase hold its own negation ("doesn't work", "no
#: refund", "thanks for nothing"): VADER's negation words and "no", "zero", "nobody".
_OWN_NEGATION = frozenset({"no", "zero", "nobody", "noone"})

#: Praise that is sarcasm next to a stated trouble: "Great, another outage.
#: Thanks!", "Wow, down again. Great job", "Love waiting 2 hours for a refund".
_SARCASM = re.compile(
    r"\b(?:great|thanks|thank|thx|love|loving|lovely|awesome|wow|nice|cool|sweet|fantastic|"
    r"wonderful|brilliant|perfect|amazing|excellent|congrats|congratulations|bravo|yay|kudos|"
    r"cheers|well\s+done|good\s+job|way\s+to\s+go)\b", re.IGNORECASE)
#: A contrast makes the praise a second opinion, not sarcasm: "it was down for an
#: hour, but support was great".
_CONTRAST = re.compile(r"\b(?:but|however|although|though|except)\b", re.IGNORECASE)
#: Phrase kinds that state a service trouble as a fact (not an opinion such as
#: "disappointment" or "scorn"): beside one of them, praise is sarcasm.
_TROUBLE = frozenset({
    "billing", "failure", "fitting fails", "hang", "not fixed", "access failure", "never came", "unanswered",
    "undue burden", "waiting", "late", "price rise", "arrived cold", "arrived broken",
    "recurrence", "outage", "no service", "rebuff", "no notice"})


def _unpraise(segment: str) -> str:
    """``segment`` with its sarcasm-prone praise words replaced by inert fillers."""
    return _SARCASM.sub(lambda m: " ".join([_FILLER] * len(m.group().split())), segment)


def _holds_negation(phrase: str) -> bool:
    return any(w in _OWN_NEGATION or negated(w) for w in phrase.lower().split())


class EnglishAnalyser:
    """VADER with a complaint-and-praise vocabulary for product and service text."""

    name = "vigie-en"
    version = f"8+vader-{VADER_VERSION}"

    def __init__(self) -> None:
        self.vader = FastVader()
        for word, valence in EXTRA_LEXICON.items():
            self.vader.lexicon.setdefault(word, valence)
        for wrong, right in MISSPELLINGS.items():
            self.vader.lexicon.setdefault(wrong, self.vader.lexicon[right])
        for form, valence in superlatives(self.vader.lexicon).items():
            self.vader.lexicon.setdefault(form, valence)
        self.vader.fixed = {_token(k, negatable): valence
                            for k, (_, valence, _) in enumerate(PHRASES)
                            for negatable in (False, True)}
        self.vader.negatable = frozenset(_token(k, True) for k in range(len(PHRASES)))
        self._patterns = [re.compile(pattern) for _, _, pattern in PHRASES]
        self._trigger_index: dict[str, tuple[int, ...]] = {}
        for k, (name, _, _) in enumerate(PHRASES):
            for word in TRIGGERS[name]:
                self._trigger_index[word] = (*self._trigger_index.get(word, ()), k)
        self._trigger_words = frozenset(self._trigger_index)

    @property
    def lexicon(self) -> dict[str, float]:
        """The word lexicon (VADER's plus :data:`EXTRA_LEXICON`)."""
        return self.vader.lexicon

    def _matches(self, text: str) -> list[tuple[int, int, int]]:
        """Non-overlapping ``(start, end, phrase index)``, leftmost first; at one
        start the earlier phrase of :data:`PHRASES` wins.

        The patterns are lower-case and run on an ASCII-lower-cased copy (same
        length, so positions hold): four times faster than ``re.IGNORECASE``.
        Each pattern only scans the stretches of text around its trigger
        words (:data:`TRIGGERS`, within ``_REACH`` characters, cut at spaces),
        since every phrase holds one: a phrase search then costs a fraction
        of VADER's own time on a long review.
        """
        lower = text.translate(_ASCII_LOWER)
        present = self._trigger_words.intersection(_WORDS.findall(lower))
        if not present:
            return []
        spots: dict[int, list[tuple[int, int]]] = {}
        index = self._trigger_index
        size = len(lower)
        for word in present:
            ks = index[word]
            at = lower.find(word)
            while at >= 0:
                stop = at + len(word)
                if ((at == 0 or lower[at - 1] not in _WORD_CHARS)
                        and (stop == size or lower[stop] not in _WORD_CHARS)):
                    for k in ks:
                        spots.setdefault(k, []).append((at, stop))
                at = lower.find(word, stop)
        found: list[tuple[int, int, int]] = []
        for k, places in spots.items():
            places.sort()
            windows: list[list[int]] = []  # merged stretches around the triggers
            for start, stop in places:
                a, b = _widen(lower, start - _REACH, stop + _REACH)
                if windows and a <= windows[-1][1]:
                    windows[-1][1] = max(windows[-1][1], b)
                else:
                    windows.append([a, b])
            pattern = self._patterns[k]
            for lo, hi in windows:
                found.extend((lo + m.start(), k, lo + m.end())
                             for m in pattern.finditer(lower[lo:hi]))
        found.sort()
        out: list[tuple[int, int, int]] = []
        end = 0
        for start, k, stop in found:
            if start >= end and stop > start:
                out.append((start, stop, k))
                end = stop
        return out

    def split_hashtags(self, text: str) -> str:
        """Hashtags made of several words read as those words: "#NotHappy" as "Not
        Happy" (capitals mark the words), "#neveragain" as "never again" (when the
        whole body splits into :data:`HASHTAG_WORDS`, fewest words first). A hashtag
        that is one word or does not split stays as it is."""
        if "#" not in text:
            return text
        return HASHTAG.sub(self._split_hashtag, text)

    def _split_hashtag(self, m: re.Match[str]) -> str:
        body = m.group(1)
        camel = split_camel(body)
        if camel is not None:
            return camel
        lower = body.lower()
        if lower in self.vader.lexicon:
            return m.group()
        words = self._segment(lower)
        return " ".join(words) if words else m.group()

    def _segment(self, body: str) -> list[str] | None:
        """Fewest known words that spell ``body`` exactly, or None."""
        known = HASHTAG_WORDS
        n = len(body)
        best: list[list[str] | None] = [None] * (n + 1)
        best[0] = []
        for end in range(1, n + 1):
            for start in range(max(0, end - 16), end):
                prev = best[start]
                word = body[start:end]
                if prev is not None and word in known and (
                        best[end] is None or len(prev) + 1 < len(best[end] or ())):
                    best[end] = [*prev, word]
        found = best[n]
        return found if found is not None and len(found) > 1 else None

    def _modify(self, text: str) -> str:
        """``text`` with each modifier replaced as :meth:`_modifier` says."""
        lower = text.translate(_ASCII_LOWER)  # same length: positions hold
        parts = []
        last = 0
        for m in _MODIFIED.finditer(lower):
            start, end = m.span(1)
            original = text[start:end]
            word = self._modifier(m.group(1), m.group(2) or "")
            parts.append(text[last:start])
            parts.append(original if word is None else
                         word.upper() if original.isupper() else word)
            last = end
        parts.append(text[last:])
        return "".join(parts)

    def _modifier(self, modifier: str, following: str) -> str | None:
        """What a modifier VADER misreads becomes before ``following`` (None: itself).

        Intensifiers (``_INTENSIFIERS``, ``_INTENSIFIERS_OF_PRAISE``) before a
        word of the other sign become the booster "very" or are dropped.
        ``incredible``, ``exceptional``, ``tremendous``: VADER takes them for
        boosters only, so "the staff was incredible" and "exceptional service"
        scored 0.0; unless they boost a word that has a valence of its own
        ("tremendous disappointment"), they are praise, read as "excellent".
        """
        valence = self.vader.lexicon.get(following, 0.0)
        if modifier in _INTENSIFIERS:
            if not following or (valence >= 0 and not (
                    modifier in _SURE and following in _NEGATE)):
                return None
            return _INTENSIFIERS[modifier]
        if modifier in _INTENSIFIERS_OF_PRAISE:
            return _INTENSIFIERS_OF_PRAISE[modifier] if valence > 0 else None
        return "excellent" if valence == 0.0 else None

    def _prepare(self, text: str) -> str:
        """Cleaned text, hashtags split, stretched words restored, modifiers that
        VADER misreads read for what they do (:meth:`_modifier`)."""
        text = self.split_hashtags(_clean(text))
        if _STRETCHED.search(text):
            text = self._unstretch_all(text)
        if any(part in text for part in _MODIFIER_PARTS):  # cheap first
            text = self._modify(text)
        return text

    def _unstretch_all(self, text: str) -> str:
        """``text`` with each word holding a stretched letter passed to :meth:`_unstretch`
        (found from the stretches, not by a word pattern: that backtracks on every word)."""
        parts = []
        last = 0
        for m in _STRETCH.finditer(text):
            start, end = m.span()
            if start < last:
                continue
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            while end < len(text) and text[end].isalpha():
                end += 1
            parts.append(text[last:start])
            parts.append(self._unstretch(text[start:end]))
            last = end
        parts.append(text[last:])
        return "".join(parts)

    def _unstretch(self, word: str) -> str:
        """``looove`` -> ``love``, ``sooo`` -> ``so``, ``NOOO`` -> ``NO``: a letter
        typed three times or more, in a word VADER does not know, is read once or
        twice, whichever VADER knows (the stretch is emphasis VADER does not
        score; the word is what it would have missed)."""
        lower = word.lower()
        if lower in self.vader.lexicon:
            return word
        for repl in (r"\1", r"\1\1"):
            candidate = _STRETCH.sub(repl, lower)
            if candidate in self.vader.lexicon or candidate in _KNOWN_SHORT:
                return candidate.upper() if word.isupper() else candidate
        return word

    def rewrite(self, text: str) -> str:
        """``text`` with each complaint or praise phrase replaced by its token."""
        text = self._prepare(text)
        matches = self._matches(text)
        if not matches:
            return text
        # Praise beside a stated trouble, with no contrast between opinions, is
        # sarcasm: it is left out rather than read as praise.
        sarcastic = (any(PHRASES[k][0] in _TROUBLE for _, _, k in matches)
                     and _CONTRAST.search(text) is None)
        keep = _unpraise if sarcastic else (lambda segment: segment)
        parts = []
        last = 0
        for start, stop, k in matches:
            phrase = text[start:stop]
            parts.append(keep(text[last:start]))
            last = stop
            if sarcastic and PHRASES[k][1] > 0:
                # Praise phrases too ("great job", "would recommend") are sarcasm there.
                parts.append(" " + " ".join([_FILLER] * len(phrase.split())) + " ")
                continue
            # A phrase that holds its own negation is not turned around again by
            # one before it; any other is, like a word ("not a piece of junk").
            word = _token(k, negatable=not _holds_negation(phrase))
            # Inert fillers keep the phrase's width in words, so VADER's
            # negation reaches as far as in the text: in "they never treat us
            # like numbers, love them" "never" is four words from "love".
            word = " ".join([word, *[_FILLER] * (len(phrase.split()) - 1)])
            parts.append(f" {word.upper() if phrase.isupper() else word} ")
        parts.append(keep(text[last:]))
        return "".join(parts)

    def phrases(self, text: str) -> list[tuple[str, str]]:
        """``(phrase kind, matched text)`` for each phrase found (for explanations)."""
        text = self._prepare(text)
        return [(PHRASES[k][0], text[start:stop]) for start, stop, k in self._matches(text)]

    def compound(self, text: str) -> float:
        """VADER's compound score of the rewritten text, in [-1, 1]."""
        return self.vader.compound(self.rewrite(text))
