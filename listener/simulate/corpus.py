"""Real human-written sentences as the texts of a simulated review stream.

The phrase banks of :mod:`listener.simulate.text` write every review of a
stream; their sentences repeat more than real reviews do and their wording is
Vigie's own. With ``vigie simulate reviews --texts FILE`` the same stream
(same targets, times, accounts, ratings, campaigns and benign events) is
written instead with sentences from labelled files of real reviews, such as
the UCI *Sentiment Labelled Sentences* bundled in ``tests/data/sentiment/``
(``label<TAB>sentence``, label 1 positive, 0 negative).

:class:`CorpusTextMaker` wraps the stream's :class:`~listener.simulate.text.TextMaker`:
it lets the phrase maker draw exactly what it would have drawn (so every other
random choice of the stream stays the same) and returns real sentences drawn
with its own generator instead. Each target takes its sentences from one
topic (one kind of business: a file, or several joined with commas), two to
four per review, drawn with replacement.

Why with replacement: a few thousand sentences cannot write tens of thousands
of sentences of review without repeating, and sentences dealt without
replacement would repeat only once the pool runs out: a sudden start of
shared sentences between reviewers, which the detector rightly reads as a
change. Drawn with replacement, the rate of shared sentences is the same
all along the stream, but likely higher than on a real review site: 13-17 %
of genuine reviews count as near-duplicates (copies from two other accounts
within a week; 8-10 % with the phrase banks; seeds 2201 and 2606), so
these streams are harder on the near-duplicate signal, not easier. Two to
four sentences, not one, so that whole texts rarely repeat.

What stays simulated: a complaint wave's shared topic (one of the incident
phrases of the target's domain, in English) and the edits of a bot network's
copies (dropped and swapped sentences, synonyms, typos). Every text is
English, whatever the account's language.
"""

from __future__ import annotations

import random
from pathlib import Path

from listener.errors import EvaluationError
from listener.simulate.phrases import INCIDENTS
from listener.simulate.text import TEMPLATE_MIN_CHARS, TextMaker, edit_template

__all__ = ["SentenceCorpus", "CorpusTextMaker", "TEXTS_HELP", "load_texts"]

#: ``--texts`` help, shared by ``vigie simulate reviews`` and ``vigie eval campaigns``.
TEXTS_HELP = ("write the reviews with real sentences from this label<TAB>sentence file "
              "(label 1 positive, 0 negative) instead of the phrase banks; repeat for more "
              "topics (kinds of business), join files of one topic with commas; the rest of "
              "the stream (times, accounts, ratings, campaigns, events) is unchanged. E.g. "
              "tests/data/sentiment/en_yelp_heldout.tsv")

#: How many sentences a review holds, and how often: the files hold single
#: sentences, and two or more keep whole texts from repeating.
_LENGTHS = (2, 2, 2, 3, 3, 4)


class SentenceCorpus:
    """Positive and negative sentences of one or more ``label<TAB>sentence`` files.

    ``topics`` holds one (name, positive, negative) triple per topic, a topic
    being one kind of business (restaurants, phones, films) read from one file
    or several; each target of a stream takes its sentences from one topic.
    """

    def __init__(self, topics: list[tuple[str, list[str], list[str]]]) -> None:
        self.topics = topics

    @property
    def names(self) -> list[str]:
        """The topics read (file names, ``+`` between the files of one topic)."""
        return [name for name, _, _ in self.topics]

    @classmethod
    def load(cls, topics: list[list[Path]]) -> SentenceCorpus:
        """Read the files, one topic per inner list; a wrong line raises :class:`EvaluationError`.

        Each line is ``label<TAB>sentence`` or, as in the UCI originals,
        ``sentence<TAB>label``, with label ``1`` (positive) or ``0``
        (negative). Blank lines are skipped; a sentence seen twice in a topic
        is kept once. Each topic needs sentences of both labels.
        """
        out = []
        for paths in topics:
            positive: dict[str, None] = {}
            negative: dict[str, None] = {}
            for path in paths:
                _read(path, positive, negative)
            if not positive or not negative:
                missing = "positive (1)" if not positive else "negative (0)"
                raise EvaluationError(f"{'+'.join(map(str, paths))}: no {missing} sentence; "
                                      "each --texts topic needs sentences of both labels")
            out.append(("+".join(p.name for p in paths), list(positive), list(negative)))
        return cls(out)


def _read(path: Path, positive: dict[str, None], negative: dict[str, None]) -> None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read the sentences ({exc.strerror}); "
                              "give a readable label<TAB>sentence file to --texts") from exc
    except UnicodeDecodeError as exc:
        raise EvaluationError(f"{path}: not UTF-8 text ({exc.reason}); --texts expects "
                              "label<TAB>sentence lines in UTF-8") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        first, tab, rest = line.partition("\t")
        head, _, last = line.rpartition("\t")
        if tab and first.strip() in ("0", "1"):
            label, sentence = first.strip(), rest
        elif tab and last.strip() in ("0", "1"):
            label, sentence = last.strip(), head
        else:
            raise EvaluationError(
                f"{path}, line {number}: expected label<TAB>sentence with label 0 "
                f"(negative) or 1 (positive), got {line[:60]!r}")
        sentence = " ".join(sentence.split())
        if sentence:
            (positive if label == "1" else negative)[sentence] = None


class CorpusTextMaker:
    """The texts of one target's reviews, from real sentences (see the module docstring)."""

    def __init__(self, phrases: TextMaker, rng: random.Random, positive: list[str],
                 negative: list[str]) -> None:
        self.phrases = phrases
        self.rng = rng
        self._pools = {True: positive, False: negative}
        self._templates: dict[str, str] = {}

    @classmethod
    def for_stream(cls, makers: list[TextMaker], corpus: SentenceCorpus,
                   seed: int) -> list[CorpusTextMaker]:
        """One maker per target of a stream, sharing one generator.

        Targets take the topics in turn (in an order drawn from ``seed``), so
        that a stream with as many targets as topics has one topic per target.
        """
        rng = random.Random(f"vigie-corpus-texts-{seed}")
        topics = [(positive, negative) for _, positive, negative in corpus.topics]
        rng.shuffle(topics)
        return [cls(maker, rng, *topics[k % len(topics)]) for k, maker in enumerate(makers)]

    def _sentences(self, n: int, positive: bool) -> list[str]:
        pool = self._pools[positive]
        return [self.rng.choice(pool) for _ in range(n)]

    def _review(self, rating: int | None) -> list[str]:
        n = self.rng.choice(_LENGTHS)
        if rating == 3 or (rating is None and self.rng.random() < 0.25):
            parts = self._sentences(1, True) + self._sentences(max(1, n - 1), False)
            self.rng.shuffle(parts)
            return parts
        if rating is None:
            return self._sentences(n, self.rng.random() < 0.65)
        return self._sentences(n, rating >= 4)

    def genuine(self, rating: int | None, lang: str, incident: list[str] | None = None,
                typo_rate: float = 0.01) -> tuple[str | None, str]:
        """Title (none) and text of a genuine review with ``rating`` (None: a plain mention)."""
        self.phrases.genuine(rating, lang, incident, typo_rate)
        parts = self._review(rating)
        if incident:
            topic = self.rng.choice(self._english(incident))
            parts.insert(self.rng.randrange(len(parts) + 1),
                         topic[:1].upper() + topic[1:] + self.rng.choice([".", "!", "..."]))
        return None, " ".join(parts)

    def campaign(self, positive: bool, lang: str, typo_rate: float = 0.01) -> tuple[str | None,
                                                                                   str]:
        """A fake review written like a real one: real sentences of one polarity."""
        self.phrases.campaign(positive, lang, typo_rate)
        return None, " ".join(self._sentences(self.rng.choice(_LENGTHS), positive))

    def template(self, positive: bool, lang: str, long: bool) -> str:
        """A handle for :meth:`copy`: a real review, of ``TEMPLATE_MIN_CHARS`` or more when ``long``."""
        handle = self.phrases.template(positive, lang, long)
        text = " ".join(self._sentences(self.rng.choice(_LENGTHS), positive))
        while long and len(text) < TEMPLATE_MIN_CHARS:
            text += " " + self.rng.choice(self._pools[positive])
        self._templates[handle] = text
        return handle

    def copy(self, template: str, strength: float) -> str:
        """A bot's edited copy of the real review behind ``template``."""
        self.phrases.copy(template, strength)
        return edit_template(self.rng, self._templates[template], strength)

    def incident_phrases(self, lang: str) -> list[str]:
        """The phrases of one incident on this target (in ``lang``: a handle for :meth:`genuine`).

        The phrase maker's own list is returned, so that it writes (and draws)
        what it would without real texts; :meth:`genuine` uses the English one.
        """
        return self.phrases.incident_phrases(lang)

    def _english(self, phrases: list[str]) -> list[str]:
        for incident in INCIDENTS[self.phrases.domain]:
            if phrases in incident.values():
                return incident["en"]
        return phrases


def load_texts(values: list[str] | None) -> SentenceCorpus | None:
    """The corpus named by repeated ``--texts`` values (commas join a topic's files)."""
    if not values:
        return None
    return SentenceCorpus.load([[Path(p) for p in value.split(",") if p] for value in values])
