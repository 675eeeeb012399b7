"""Turn the phrase banks into natural, varied texts with a seeded generator.

A :class:`Composer` is bound to one language bank and one ``random.Random``;
each method returns a title and a list of paragraphs. The same generator state
gives the same text, so the world is reproducible from its seed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from types import ModuleType

from listener.demo import texts_en, texts_fr

__all__ = ["Author", "Composer", "BANKS", "STANCES"]

BANKS: dict[str, ModuleType] = {"fr": texts_fr, "en": texts_en}
STANCES = ("complaint", "praise", "neutral", "question")
#: Sentence families of the banks: the stances plus ``remark`` (a neutral personal aside).

_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Author:
    """Someone who posts in the world: display name, handle and locale (fr-QC, fr-FR, en)."""

    name: str
    handle: str
    locale: str

    @property
    def lang(self) -> str:
        """The language the author writes in."""
        return self.locale[:2]


class Composer:
    """Builds texts in one language from its bank with the given random generator."""

    def __init__(self, lang: str, rng: random.Random) -> None:
        self.lang = lang
        self.bank = BANKS[lang]
        self.rng = rng

    # ------------------------------------------------------------------ slots

    def _cities(self, author: Author | None) -> list[str]:
        if self.lang == "en":
            return self.bank.CITIES
        if author is not None and author.locale == "fr-FR":
            return self.bank.CITIES_FR
        return self.bank.CITIES_QC

    def fill(self, template: str, brand: str | None = None, *, brand2: str | None = None,
             author: Author | None = None, brand_form: str | None = None,
             capitalise: bool = True) -> str:
        """``template`` with every ``{slot}`` replaced (nested slots included)."""
        rng = self.rng
        words = self.bank.BRAND_WORDS.get(brand or "", {})

        def pick(match: re.Match[str]) -> str:
            slot = match.group(1)
            if slot == "brand":
                return brand_form or self.brand_form(brand)
            if slot == "brand2":
                return self.brand_form(brand2, plain=True)
            if slot in ("thing", "good", "bad", "news", "ask"):
                return rng.choice(words[slot]) if words else ""
            if slot == "city":
                return rng.choice(self._cities(author))
            if slot == "n":
                return str(rng.choice((3, 4, 5, 6, 8, 12, 15, 20, 25, 30, 40, 45, 60)))
            if slot == "hours":
                return str(rng.randint(2, 6))
            if slot == "days":
                return str(rng.randint(2, 16))
            if slot == "agent":
                return rng.choice(self.bank.FIRST_NAMES)
            if slot == "weekday":
                return rng.choice(self.bank.WEEKDAYS)
            if slot == "price":
                return str(rng.choice((4, 5, 7, 8, 10, 12, 15)))
            raise KeyError(f"unknown slot {slot!r} in {template!r}")

        text = template
        for _ in range(3):
            if "{" not in text:
                break
            text = _SLOT.sub(pick, text)
        return _capitalise(text) if capitalise else text

    def brand_form(self, brand: str | None, *, plain: bool = False) -> str:
        """How this text writes ``brand`` (full name, handle or hashtag)."""
        if not brand:
            return ""
        names = self.bank.BRAND_WORDS[brand]["names"]
        return names[0] if plain else self.rng.choice(names)

    # ------------------------------------------------------------------ texts

    def sentences(self, stance: str, brand: str | None, count: int, *,
                  author: Author | None = None, brand_form: str | None = None,
                  chatty: bool = False) -> list[str]:
        """``count`` distinct filled sentences of ``stance`` about ``brand``.

        ``chatty``: a personal post, whose neutral sentences are asides
        (``remark``), not news prose.
        """
        pool = self.bank.SENTENCES["remark" if chatty and stance == "neutral" else stance]
        chosen = self.rng.sample(pool, min(count, len(pool)))
        return [self.fill(s, brand, author=author, brand_form=brand_form) for s in chosen]

    def post(self, brand: str | None, stance: str, author: Author, *,
             size: int = 3, brand2: str | None = None) -> tuple[str, list[str]]:
        """A personal post (forum topic, social post, blog note): title and paragraphs."""
        rng = self.rng
        if brand is None:
            return self.noise(author, size=size)
        form = self.brand_form(brand)
        opener = rng.choice(self.bank.OPENERS[stance])
        body = self.sentences(stance, brand, size, author=author, brand_form=form, chatty=True)
        if not any(form in s for s in body):
            # Make sure the brand is named once, as people do.
            pool = self.bank.SENTENCES["remark" if stance == "neutral" else stance]
            body.insert(rng.randint(0, len(body)), self.fill(
                rng.choice([s for s in pool if "{brand}" in s]),
                brand, author=author, brand_form=form))
        if brand2:
            body.insert(rng.randint(0, len(body)),
                        self.fill(rng.choice(self.bank.PAIRS), brand, brand2=brand2,
                                  author=author, brand_form=self.brand_form(brand, plain=True)))
        if opener and rng.random() < 0.5:
            body.insert(0, opener)
        flavour = self._flavour(author, stance)
        if flavour and rng.random() < 0.35:
            body.insert(rng.randint(1, len(body)), rng.choice(flavour))
        closer = rng.choice(self.bank.CLOSERS[stance])
        if closer and rng.random() < 0.5:
            body.append(closer)
        # Group sentences into one to three paragraphs.
        parts = _paragraphs(body, rng)
        title = self.fill(rng.choice(self.bank.TITLES[stance]), brand, author=author,
                          brand_form=self.brand_form(brand, plain=True))
        return title, parts

    def article(self, brand: str | None, author: Author, *, size: int = 6,
                stance: str = "neutral") -> tuple[str, list[str]]:
        """A news article: headline, lead and body paragraphs (long)."""
        rng = self.rng
        if brand is None:
            return self.noise(author, size=size)
        name = self.brand_form(brand, plain=True)
        news = self.fill("{news}", brand, author=author, capitalise=False)
        title = self.fill(rng.choice(self.bank.TITLES["neutral"]).replace("{news}", news),
                          brand, author=author, brand_form=name)
        lead = self.fill(rng.choice(self.bank.NEWS_LEADS).replace("{news}", news), brand,
                         author=author, brand_form=name)
        body = self.sentences("neutral", brand, size, author=author, brand_form=name)
        if stance in ("complaint", "praise"):
            quote = self.sentences(stance, brand, 2, author=author, brand_form=name)
            said = "« {} »" if self.lang == "fr" else "\u201c{}\u201d"
            who = f"{rng.choice(self.bank.FIRST_NAMES)}, " + (
                "cliente depuis peu" if self.lang == "fr" else "a customer")
            body.insert(rng.randint(1, len(body)), said.format(" ".join(quote)) + f" ({who})")
        return title, [lead, *_paragraphs(body, rng, per=2)]

    def noise(self, author: Author | None, *, size: int = 3,
              topics: tuple[int, ...] = ()) -> tuple[str, list[str]]:
        """A text about something else entirely (weather, hockey, blueberry pie...).

        ``topics`` restricts the choice to those indexes of the bank's ``NOISE``.
        """
        rng = self.rng
        topic = self.bank.NOISE[rng.choice(topics)] if topics else rng.choice(self.bank.NOISE)
        title = self.fill(rng.choice(topic["titles"]), author=author)
        body = [self.fill(s, author=author)
                for s in rng.sample(topic["sentences"], min(size, len(topic["sentences"])))]
        return title, _paragraphs(body, rng)

    def review(self, brand: str, rating: int, author: Author) -> tuple[str, list[str]]:
        """A customer review: short title and a few sentences consistent with ``rating``."""
        rng = self.rng
        stance = {1: "complaint", 2: "complaint", 3: "neutral", 4: "praise", 5: "praise"}[rating]
        title = rng.choice(self.bank.REVIEW_TITLES[rating])
        if stance == "neutral":
            body = (self.sentences("praise", brand, 1, author=author)
                    + self.sentences("complaint", brand, 1, author=author))
            rng.shuffle(body)
        else:
            body = self.sentences(stance, brand, rng.randint(2, 4), author=author)
        if rng.random() < 0.7:
            body.insert(0, self.fill(rng.choice(self.bank.REVIEW_DETAILS), brand, author=author))
        flavour = self._flavour(author, stance)
        if flavour and rng.random() < 0.25:
            body.append(rng.choice(flavour))
        return title, [" ".join(body)]

    def incident(self, brand: str, phase: str, author: Author) -> tuple[str, list[str]]:
        """A post about the outage at ``phase`` (early, peak, late): title and paragraphs."""
        rng = self.rng
        inc = self.bank.INCIDENT
        lines = [self.fill(s, brand, author=author)
                 for s in rng.sample(inc[phase], min(rng.randint(1, 2), len(inc[phase])))]
        if rng.random() < 0.5:
            lines += self.sentences("complaint", brand, 1, author=author)
        flavour = self._flavour(author, "complaint")
        if flavour and rng.random() < 0.3:
            lines.append(rng.choice(flavour))
        title = self.fill(rng.choice(inc["titles"]), brand, author=author,
                          brand_form=self.brand_form(brand, plain=True))
        return title, _paragraphs(lines, rng)

    def incident_article(self, brand: str, stage: int, author: Author) -> tuple[str, list[str]]:
        """A news article about the outage; ``stage`` 0..3 picks the headline."""
        rng = self.rng
        inc = self.bank.INCIDENT
        name = self.brand_form(brand, plain=True)
        titles = inc["news_titles"]
        title = self.fill(titles[min(stage, len(titles) - 1)], brand, author=author,
                          brand_form=name)
        facts = [self.fill(s, brand, author=author, brand_form=name)
                 for s in rng.sample(inc["news"], 4)]
        quotes = [self.fill(s, brand, author=author, brand_form=name)
                  for s in rng.sample(inc["peak"], 2)]
        said = "« {} »" if self.lang == "fr" else "\u201c{}\u201d"
        facts.insert(2, said.format(quotes[0]))
        facts.append(said.format(quotes[1]))
        return title, _paragraphs(facts, rng, per=2)

    def campaign_review(self, brand: str, base: int) -> tuple[str, list[str]]:
        """A fake one-star review: one of a few base texts with light edits and typos."""
        rng = self.rng
        camp = self.bank.CAMPAIGN
        text = self.fill(camp["bases"][base % len(camp["bases"])], brand,
                         brand_form=self.brand_form(brand, plain=True))
        for word, options in camp["swaps"]:
            if word in text and rng.random() < 0.4:
                text = text.replace(word, rng.choice(options), 1)
        if rng.random() < 0.3:
            text = text.replace(".", " !", 1) if self.lang == "fr" else text.replace(".", "!", 1)
        if rng.random() < 0.25:
            text = _typo(text, rng)
        if rng.random() < 0.15:
            text = text.lower()
        return rng.choice(camp["titles"]), [text]

    def blog_intro(self) -> str:
        """A sentence that opens a blog post."""
        return self.rng.choice(self.bank.BLOG_PARAGRAPHS)

    def _flavour(self, author: Author | None, stance: str) -> list[str]:
        """Regional expressions fitting ``stance`` (French authors only)."""
        if self.lang != "fr" or author is None:
            return []
        bank = self.bank.FLAVOUR_FR if author.locale == "fr-FR" else self.bank.FLAVOUR_QC
        return bank.get(stance) or bank["other"]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text and text[0].islower() else text


def _paragraphs(sentences: list[str], rng: random.Random, per: int = 3) -> list[str]:
    """Join sentences into paragraphs of one to ``per`` sentences."""
    out: list[str] = []
    i = 0
    while i < len(sentences):
        n = rng.randint(1, per)
        out.append(" ".join(s for s in sentences[i:i + n] if s))
        i += n
    return [p for p in out if p]


def _typo(text: str, rng: random.Random) -> str:
    """Swap two adjacent letters somewhere in ``text`` (a realistic typo)."""
    positions = [i for i in range(1, len(text) - 2) if text[i].isalpha() and text[i + 1].isalpha()]
    if not positions:
        return text
    i = rng.choice(positions)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]
