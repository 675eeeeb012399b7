"""Review texts for the simulator: composition, typos, templated edits.

All functions take a ``random.Random`` so a seed fixes every text.
"""

from __future__ import annotations

import random
import re

from listener.simulate.phrases import (
    ANECDOTE,
    BANKS,
    DOMAINS,
    FIRST_NAMES,
    INCIDENTS,
    NICK_WORDS,
    SYNONYMS,
)

__all__ = ["TextMaker", "add_typos", "edit_template", "author_name", "TEMPLATE_MIN_CHARS"]

#: Shortest text a bot network of the ``template`` kind copies, in characters.
TEMPLATE_MIN_CHARS = 60

_NEIGHBOURS = "qwertyuiopasdfghjklzxcvbnm"


def add_typos(rng: random.Random, text: str, rate: float) -> str:
    """Introduce keyboard slips (swap, drop, double, neighbour) at ``rate`` per letter."""
    chars = list(text)
    out: list[str] = []
    i = 0
    while i < len(chars):
        c = chars[i]
        if c.isalpha() and rng.random() < rate:
            kind = rng.randrange(4)
            if kind == 0 and i + 1 < len(chars):
                out.extend([chars[i + 1], c])
                i += 2
                continue
            if kind == 1:
                i += 1
                continue
            if kind == 2:
                out.extend([c, c])
            else:
                j = _NEIGHBOURS.find(c.lower())
                out.append(_NEIGHBOURS[(j + rng.choice((-1, 1))) % 26] if j >= 0 else c)
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _style(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.08:
        return text.lower()
    if roll < 0.11:
        return text.upper()
    if roll < 0.2:
        return text.replace(".", "").replace("!", "")
    if roll < 0.27:
        return text + rng.choice(["!!", " :)", " :(", "...", " 👍", " 😡"])
    return text


def edit_template(rng: random.Random, template: str, strength: float) -> str:
    """A bot's copy of ``template``: synonyms, dropped/reordered sentences, typos."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", template) if s]
    if len(sentences) > 2 and rng.random() < strength:
        del sentences[rng.randrange(len(sentences))]
    if len(sentences) > 1 and rng.random() < strength / 2:
        i = rng.randrange(len(sentences) - 1)
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    words = " ".join(sentences).split(" ")
    for k, word in enumerate(words):
        key = word.strip(".,!?").lower()
        if key in SYNONYMS and rng.random() < strength:
            words[k] = word.lower().replace(key, rng.choice(SYNONYMS[key]))
    text = " ".join(words)
    return _style(rng, add_typos(rng, text, 0.01 + 0.03 * strength))


def author_name(rng: random.Random, lang: str, style: float) -> str:
    """A plausible account name; ``style`` in [0, 1] shifts from names to nicknames."""
    first = rng.choice(FIRST_NAMES[lang])
    roll = rng.random()
    if roll < 0.4 * (1 - style):
        return f"{first.capitalize()} {rng.choice('ABCDEFGHJKLMNPRSTVW')}."
    if roll < 0.7 * (1 - style) + 0.2:
        return f"{first}{rng.choice(['', '_', '.'])}{rng.randrange(1, 9999)}"
    return f"{rng.choice(NICK_WORDS)}{rng.choice(NICK_WORDS)}{rng.randrange(10, 999)}"


class TextMaker:
    """Composes varied genuine and campaign review texts for one target."""

    def __init__(self, rng: random.Random, domain: str, name: str) -> None:
        self.rng = rng
        self.domain = domain
        self.name = name

    def _fill(self, fragment: str, lang: str) -> str:
        rng = self.rng
        d = DOMAINS[self.domain]
        return (fragment.replace("{thing}", rng.choice(d["thing"][lang]))
                .replace("{feature}", rng.choice(d["feature"][lang]))
                .replace("{name}", self.name)
                .replace("{n}", str(rng.randrange(2, 9))))

    def _pick(self, bank: str, lang: str) -> str:
        return self._fill(self.rng.choice(BANKS[bank][lang]), lang)

    @staticmethod
    def _cap(text: str) -> str:
        return text[:1].upper() + text[1:] if text else text

    def genuine(self, rating: int | None, lang: str, incident: list[str] | None = None,
                typo_rate: float = 0.01) -> tuple[str | None, str]:
        """Title and text of a genuine review with ``rating`` (None: a plain mention)."""
        rng = self.rng
        tone = "mid" if rating == 3 else ("neg" if rating is not None and rating <= 2
                                           else "pos")
        if rating is None:
            tone = rng.choice(["pos", "pos", "neg", "mid"])
        if incident is None and rng.random() < 0.18:
            text = self._pick("short_pos" if tone == "pos" else "short_neg", lang) \
                if tone != "mid" else self._pick("body_mid", lang)
            return None, _style(rng, add_typos(rng, self._cap(text), typo_rate))
        parts = []
        if rng.random() < 0.6:
            parts.append(self._pick("open_neg" if tone == "neg" else "open_pos", lang))
        if incident:
            parts.append(self._cap(rng.choice(incident)) + rng.choice([".", "!", "...", " !!"]))
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            parts.append(self._cap(self._pick(f"body_{tone}", lang)))
        if rng.random() < 0.35:
            parts.append(self._pick("detail", lang))
        if rng.random() < 0.65:
            parts.append(self.anecdote(lang))
        closer = self._pick("close_neg" if tone == "neg" else "close_pos", lang)
        if closer:
            parts.append(closer)
        if len(parts) > 3:
            middle = parts[1:-1]
            rng.shuffle(middle)
            parts[1:-1] = middle
        text = _style(rng, add_typos(rng, " ".join(parts), typo_rate))
        title = None
        if rating is not None and rng.random() < 0.5:
            title = self._pick("title_neg" if tone == "neg" else "title_pos", lang)
        return title, text

    def anecdote(self, lang: str) -> str:
        """A short personal story: when, who, did what to a feature, how it went."""
        rng = self.rng
        feature = rng.choice(DOMAINS[self.domain]["feature"][lang])
        return (f"{rng.choice(ANECDOTE['when'][lang])} {rng.choice(ANECDOTE['who'][lang])} "
                f"{rng.choice(ANECDOTE['did'][lang])} {feature} "
                f"{rng.choice(ANECDOTE['after'][lang])}.")

    def campaign(self, positive: bool, lang: str, typo_rate: float = 0.01) -> tuple[str | None,
                                                                                   str]:
        """A fresh fake review: a theme sentence plus genuine-looking filler."""
        rng = self.rng
        theme = "boost" if positive else "smear"
        tone = "pos" if positive else "neg"
        parts = [self._pick(theme, lang)]
        for _ in range(rng.choice((0, 1, 1, 2))):
            parts.append(self._cap(self._pick(f"body_{tone}", lang)))
        if rng.random() < 0.5:
            parts.append(self._pick(theme, lang))
        rng.shuffle(parts)
        closer = self._pick("close_pos" if positive else "close_neg", lang)
        if closer:
            parts.append(closer)
        title = self._pick(f"title_{tone}", lang) if rng.random() < 0.4 else None
        return title, _style(rng, add_typos(rng, " ".join(parts), typo_rate))

    def template(self, positive: bool, lang: str, long: bool) -> str:
        """A text for bots to copy; bot networks copy a full review, not two words."""
        text = self.campaign(positive, lang, 0.0)[1]
        for _ in range(20):
            if not long or len(text) >= TEMPLATE_MIN_CHARS:
                break
            text = text + " " + self.campaign(positive, lang, 0.0)[1]
        return text

    def copy(self, template: str, strength: float) -> str:
        """A bot's edited copy of ``template`` (a text returned by :meth:`template`)."""
        return edit_template(self.rng, template, strength)

    def incident_phrases(self, lang: str) -> list[str]:
        """The phrases people use about one incident on this target."""
        return self.rng.choice(INCIDENTS[self.domain])[lang]
