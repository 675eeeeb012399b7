"""Sentiment analysis: VADER plus complaint vocabulary for English, lexicon-and-rules for French.

:class:`SentimentAnalyser` is what the daemon, ``vigie score`` and the
evaluation scripts call, so all of them score with exactly the same code::

    an = SentimentAnalyser(negative_threshold=-0.05, positive_threshold=0.05)
    an.analyse("Service client injoignable, quelle arnaque !")
    # SentimentResult(lang='fr', compound=-0.9..., label='negative', analyser='vigie-fr', ...)

English is scored by :class:`~listener.analysis.sentiment.english.EnglishAnalyser`
(``vigie-en``): VADER 3.3.2's lexicon and rules, plus the words and phrases of
product and service complaints that VADER scores as neutral ("doesn't work",
"can't log in", "never arrived", "the site is down"). In every language an
@handle is a name, not an opinion: it is removed before scoring.

Languages other than English and French get a neutral 0.0 with
``supported=False``: never an English guess. Text whose language cannot be
identified (``"und"``: too short, or the identifier is unsure) is given to
:func:`guess_en_fr`, which votes with common function words and each
analyser's lexicon; on a tie ("Excellent service!" reads as both) both
analysers score it and a label they agree on is kept (``lang="und"``,
``analyser="vigie-en+vigie-fr"``); otherwise the result is neutral and
unsupported. Text without any letter (emoji only) is scored from its emoji
with VADER's emoji table, as ``und``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from listener.analysis.brandnames import mask_names
from listener.analysis.language import detect_language
from listener.analysis.sentiment.english import BOOSTER_PRAISE, EnglishAnalyser
from listener.analysis.sentiment.french import FrenchAnalyser, fold
from listener.analysis.sentiment.hashtags import expand_camel_hashtags
from listener.models import SentimentResult

__all__ = ["SentimentAnalyser", "guess_en_fr", "scored_text", "DEFAULT_NEGATIVE",
           "DEFAULT_POSITIVE", "CURRENT_ANALYSERS"]

#: VADER's customary cut-offs on the compound score.
DEFAULT_NEGATIVE = -0.05
DEFAULT_POSITIVE = 0.05

#: Short text read as English and French alike is scored by both (``_agreement``).
_AGREEMENT = (f"{EnglishAnalyser.name}+{FrenchAnalyser.name}",
              f"{EnglishAnalyser.version}+{FrenchAnalyser.version}")

#: Every ``(analyser, version)`` this code stores with a mention; a stored
#: mention scored by another pair (an older version) is scored again when the
#: daemon starts (``listener.store.rescore``).
CURRENT_ANALYSERS: tuple[tuple[str, str], ...] = (
    (EnglishAnalyser.name, EnglishAnalyser.version),
    (FrenchAnalyser.name, FrenchAnalyser.version),
    _AGREEMENT,
    ("none", ""),
)

_WORD_RE = re.compile(r"[^\W\d_]+")
#: An @handle names an account, it is no opinion: "@united" read as "united"
#: (+1.8 in VADER) made "@united flight delayed again" positive.
_HANDLE_RE = re.compile(r"(?<![\w@.])@\w+")
_HINT_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_EN_HINTS = frozenset((
    "the", "a", "an", "and", "or", "but", "is", "are", "was", "were", "be", "been", "it", "its",
    "this", "that", "these", "those", "i", "you", "he", "she", "we", "they", "my", "your",
    "our", "their", "me", "him", "her", "us", "them", "not", "no", "never", "very", "so", "too",
    "of", "to", "in", "on", "for", "with", "at", "by", "from", "just", "don't", "can't",
    "won't", "didn't", "doesn't", "isn't", "wasn't", "have", "has", "had", "do", "does", "did",
    "will", "would", "should", "could", "what", "which", "who", "why", "how", "when", "where",
    "all", "any", "some", "since", "again", "still", "after", "before", "about", "there",
    "here", "than", "then", "because", "only", "also", "yet", "ever", "anyone", "everyone",
    # praise the English analyser reads though VADER lists it as a booster only
    *BOOSTER_PRAISE,
))
_FR_HINTS = frozenset(fold(w) for w in (
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "mais", "est", "sont",
    "était", "c", "j", "l", "d", "qu", "n", "ce", "cette", "ces", "je", "tu",
    "il", "elle", "nous", "vous", "ils", "elles", "mon", "ma", "mes", "ton", "ta", "tes", "son",
    "sa", "ses", "notre", "votre", "leur", "pas", "ne", "jamais", "plus", "rien", "très",
    "trop", "avec", "pour", "sans", "dans", "sur", "chez", "par", "que", "qui", "quoi", "au",
    "aux", "ça", "ca", "oui", "non", "merci", "encore", "toujours", "depuis", "après", "avant",
    "aussi", "déjà", "tout", "tous", "toute", "comme", "quand", "alors", "donc", "bien", "ici",
))


#: Letters with the accents of French spelling (none of them in VADER's lexicon).
_FR_ACCENTS = frozenset("àâçéèêëîïôûùüÿœæ")


def scored_text(title: str | None, text: str | None) -> str:
    """What the daemon scores for an item: its title, then its body."""
    title = title or ""
    return f"{title}. {text}" if text else title


def guess_en_fr(text: str, english: EnglishAnalyser, french: FrenchAnalyser) -> str:
    """``"en"``, ``"fr"`` or ``"und"`` for a short text the identifier gave up on.

    Each language scores one point per common function word and per word that
    only its own lexicon knows (French words split at apostrophes: ``j'adore``
    is ``j`` + ``adore``; a word written with a French accent counts for French
    when the French lexicon knows it, even if English knows it without the
    accent: "Génial !"), English one more per complaint or praise phrase it
    finds ("server down", "keeps crashing"); the larger score wins, a tie is
    ``"und"``.
    """
    en = len(english.phrases(text))
    fr = 0
    for token in _HINT_RE.findall(text.lower()):
        plain = token.replace("\u2019", "'")
        parts = [fold(p) for p in plain.split("'")]
        in_en = plain in _EN_HINTS or (plain in english.lexicon and not any(
            p in french.lexicon for p in parts))
        # "génial" is French though VADER knows "genial": a French accent
        # decides a word both lexicons know once folded.
        accented = not plain.isascii() and any(ch in _FR_ACCENTS for ch in plain)
        in_fr = any(p in _FR_HINTS or (p in french.lexicon
                                       and (accented or p not in english.lexicon))
                    for p in parts)
        en += in_en
        fr += in_fr
    if en > fr:
        return "en"
    if fr > en:
        return "fr"
    return "und"


class SentimentAnalyser:
    """Language detection plus the right analyser for each language.

    Build one per process (about 0.1 s, plus 0.6 s for the language model on
    first use); it pickles, so a process pool may also receive it.
    ``negative_threshold`` and ``positive_threshold`` set the label cut-offs:
    ``compound <= negative`` is negative, ``compound >= positive`` positive.
    """

    def __init__(self, negative_threshold: float = DEFAULT_NEGATIVE,
                 positive_threshold: float = DEFAULT_POSITIVE) -> None:
        if not -1.0 <= negative_threshold <= positive_threshold <= 1.0:
            raise ValueError(
                "thresholds must satisfy -1 <= negative_threshold <= positive_threshold <= 1, "
                f"got {negative_threshold} and {positive_threshold}"
            )
        self.negative_threshold = negative_threshold
        self.positive_threshold = positive_threshold
        self.english = EnglishAnalyser()
        self.french = FrenchAnalyser()

    def label(self, compound: float) -> str:
        """``"negative"``, ``"neutral"`` or ``"positive"`` for a compound score."""
        if compound <= self.negative_threshold:
            return "negative"
        if compound >= self.positive_threshold:
            return "positive"
        return "neutral"

    def analyse_mention(self, title: str | None, text: str | None,
                        names: Iterable[re.Pattern[str] | None] = ()) -> SentimentResult:
        """A mention's language and opinion, as the daemon scores them.

        The language is the whole text's, names included (a short review may be
        little more than the brand's name); the opinion is the text's with the
        ``names`` of the brands it is about masked (a brand's own name is no
        opinion: "Best Buy", "Super U"; see :mod:`listener.analysis.brandnames`),
        also when written as a hashtag ("#BestBuy").
        """
        scored = scored_text(title, text)
        # "#BestBuy" is split into "Best Buy" first, so that the name is masked too.
        return self.analyse(mask_names(expand_camel_hashtags(scored), names),
                            lang=detect_language(scored))

    def analyse(self, text: str, lang: str | None = None) -> SentimentResult:
        """Language and sentiment of ``text``; ``lang`` skips detection when known."""
        if "@" in text:
            text = _HANDLE_RE.sub(" ", text)
        if lang is None:
            lang = detect_language(text)
        lang = lang.lower()
        scoring = lang
        if lang == "und":
            if not _WORD_RE.search(text):
                return self._english(text, "und")
            scoring = guess_en_fr(text, self.english, self.french)
        if scoring == "en":
            return self._english(text, lang if lang != "und" else "en")
        if scoring == "fr":
            compound = self.french.compound(text)
            return SentimentResult(lang="fr", compound=compound, label=self.label(compound),
                                   analyser=FrenchAnalyser.name, version=FrenchAnalyser.version)
        if lang == "und":
            return self._agreement(text)
        return SentimentResult(lang=lang, compound=0.0, label="neutral", analyser="none",
                               version="", supported=False)

    def _agreement(self, text: str) -> SentimentResult:
        """Short text that reads as English and French alike ("Excellent service!").

        Both analysers score it; when they give the same non-neutral label the
        mean compound is kept, otherwise the result is neutral and unsupported.
        """
        en = self.english.compound(text)
        fr = self.french.compound(text)
        label = self.label(en)
        if label != "neutral" and label == self.label(fr):
            compound = round((en + fr) / 2, 4)
            return SentimentResult(lang="und", compound=compound, label=self.label(compound),
                                   analyser=_AGREEMENT[0], version=_AGREEMENT[1])
        return SentimentResult(lang="und", compound=0.0, label="neutral", analyser="none",
                               version="", supported=False)

    def _english(self, text: str, lang: str) -> SentimentResult:
        compound = self.english.compound(text)
        return SentimentResult(lang=lang, compound=compound, label=self.label(compound),
                               analyser=EnglishAnalyser.name, version=EnglishAnalyser.version)
