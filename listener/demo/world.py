"""The demo world: every item of every feed, as a pure function of seed and time.

Time is cut into simulated hours counted from ``start`` (bucket 0 is the first
hour after the start, bucket -1 the last hour before it). The items of one
feed in one bucket are drawn from a generator seeded with ``(seed, feed,
bucket)``, so the world is reproducible, can be generated lazily in any order,
and is infinite in the future. History goes back :data:`HISTORY` (7 days).

On top of the ordinary chatter (a day/night rhythm, ~40 % of items about no
brand), the :class:`~listener.demo.scenario.Scenario` adds the Bleuet Mobile
outage and the fake-review campaign against Colibri Livraison; a few fixed
*special* items carry hostile text (Rich markup, ANSI escapes, zero-width and
bidi characters), no date, no link, or a very long body. Some stories appear
in two feeds: the search feeds repeat the news sites' brand articles with the
same link, and the tech blog republishes some English news with the same text.

Every item keeps its ground truth (``brands``, ``stance``, ``origin``) so tests
and evaluations can check what the daemon found.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from listener.demo.compose import STANCES, Author, Composer
from listener.demo.scenario import (
    BRANDS,
    DEFAULT_SCENARIO,
    FEEDS_BY_KEY,
    HISTORY,
    FeedSpec,
    Scenario,
)

__all__ = ["DemoItem", "DemoWorld", "default_start", "HOUR"]

HOUR = timedelta(hours=1)
_HISTORY_BUCKETS = int(HISTORY / HOUR)
_BRAND_KEYS = tuple(b.key for b in BRANDS)
_BRAND_NAMES = {b.key: b.name for b in BRANDS}

#: Relative activity by local (Eastern) hour of day; averages about 1.
_DIURNAL = (0.35, 0.25, 0.2, 0.2, 0.25, 0.4, 0.7, 1.0, 1.2, 1.3, 1.3, 1.35,
            1.45, 1.35, 1.3, 1.25, 1.3, 1.4, 1.5, 1.5, 1.4, 1.2, 0.9, 0.6)

#: Star ratings of ordinary reviews (weights of 1..5 stars) per brand.
_RATINGS = {"bleuet": (18, 12, 15, 25, 30), "colibri": (10, 8, 12, 30, 40),
            "lune": (5, 5, 10, 30, 50)}

#: Noise topics (indexes into the banks' NOISE lists) a personal blog writes about.
_BLOG_TOPICS = (1, 2, 3, 7)

#: Noise topic (index into the banks' NOISE lists) that collides with each brand's name.
_COLLIDING_TOPIC = {"bleuet": 1, "colibri": 2, "lune": 3}


#: Bleuet Mobile's support account (listed in the demo's ``exclude_authors``).
SUPPORT_ACCOUNT = Author("Bleuet Mobile Aide", "@BleuetAide@pouet.example", "fr-QC")
#: What it posts during the outage, in order.
SUPPORT_POSTS: tuple[tuple[str, str], ...] = (
    ("fr", "Bleuet Mobile : nous sommes au courant d'une panne du réseau cellulaire dans "
           "la région de Montréal. Nos équipes sont dessus, désolés pour les inconvénients."),
    ("en", "Bleuet Mobile: we are aware of a network outage around Montreal. Our teams are "
           "working on it, sorry for the trouble."),
    ("fr", "Bleuet Mobile : la panne touche aussi la facturation en ligne. Nous sommes "
           "vraiment désolés, prochain point dans une heure."),
    ("fr", "Bleuet Mobile : le réseau revient progressivement. Merci de votre patience, "
           "redémarrez votre cellulaire si le signal ne revient pas."),
    ("en", "Bleuet Mobile: service is back to normal. Sorry again for the outage."),
)


#: How many of the outage's first complaints on its hashtag the support account
#: answers directly, and how long after each.
REPLIED_COMPLAINTS = 4
REPLY_DELAY = timedelta(minutes=30)
#: Its direct answers ({user}: the complaint's author).
SUPPORT_REPLIES = {
    "fr": "@{user} Désolés pour la panne, nos équipes y travaillent. Écrivez-nous en message "
          "privé si votre ligne ne revient pas d'ici ce soir.",
    "en": "@{user} Sorry about the outage, our teams are on it. Send us a direct message if "
          "your line is not back by tonight.",
}


def default_start(now: datetime | None = None) -> datetime:
    """The real current time (UTC) rounded down to the hour."""
    now = now or datetime.now(UTC)
    return now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


@dataclass(frozen=True, slots=True)
class DemoItem:
    """One item of one feed, with its ground truth.

    ``origin`` is ``chatter``, ``incident``, ``campaign``, ``special``,
    ``support`` (the incident brand's own support account) or ``syndicated``
    (a copy of another feed's item); ``brands`` the brand keys it really
    mentions; ``dated`` False when the feed omits its date.
    """

    uid: str
    feed: str
    published: datetime
    title: str
    paragraphs: tuple[str, ...]
    author: Author
    link: str | None
    lang: str
    brands: tuple[str, ...]
    stance: str
    origin: str
    number: int
    rating: int | None = None
    dated: bool = True
    publisher: str | None = None
    tags: tuple[str, ...] = ()
    #: The item this one replies to on its platform (a status's ``in_reply_to_id``).
    reply_to: DemoItem | None = None

    @property
    def text(self) -> str:
        """The body as plain text (paragraphs separated by blank lines)."""
        return "\n\n".join(self.paragraphs)


class _Pools:
    """Established authors of the world, per community, drawn once from the seed."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"{seed}|authors")
        from listener.demo import texts_en as en
        from listener.demo import texts_fr as fr

        def person(locale: str) -> tuple[str, str]:
            bank = en if locale == "en" else fr
            return rng.choice(bank.FIRST_NAMES), rng.choice(bank.LAST_NAMES)

        def locale(mix: tuple[float, float, float]) -> str:
            return rng.choices(("fr-QC", "fr-FR", "en"), weights=mix)[0]

        used: set[str] = set()

        def unique(make) -> Author:  # type: ignore[no-untyped-def]
            for _ in range(50):
                a = make()
                if a.handle not in used:
                    used.add(a.handle)
                    return a
            raise RuntimeError("author pool exhausted")  # pragma: no cover

        def journalist(loc: str) -> Author:
            first, last = person(loc)
            return Author(f"{first} {last}", f"{first} {last}", loc)

        def forum_user() -> Author:
            loc = locale((0.6, 0.15, 0.25))
            first, last = person(loc)
            words = en.HANDLE_WORDS if loc == "en" else fr.HANDLE_WORDS
            style = rng.randrange(4)
            handle = (f"{first.lower()}_{last[0].lower()}", f"{rng.choice(words)}{rng.randint(2, 99)}",
                      f"{first[0]}{last}".replace(" ", ""), f"{first}{last[:3]}")[style]
            handle = _ascii(handle)
            return Author(handle, handle, loc)

        def fedi_user() -> Author:
            loc = locale((0.55, 0.15, 0.3))
            first, last = person(loc)
            words = en.HANDLE_WORDS if loc == "en" else fr.HANDLE_WORDS
            handle = _ascii(rng.choice((f"{rng.choice(words)}_{first.lower()}",
                                        f"{first.lower()}{last.lower()[:4]}",
                                        f"{rng.choice(words)}{rng.choice(words)}")))
            instance = rng.choice(("pouet.example", "mastodon.example", "piaille.example",
                                   "social.example"))
            return Author(f"{first} {last[0]}.", f"@{handle}@{instance}", loc)

        review_names: set[str] = set()

        def reviewer() -> Author:
            loc = locale((0.55, 0.2, 0.25))
            first, last = person(loc)
            name = f"{first} {last[0]}." if rng.random() < 0.7 else f"{first}{rng.choice(('', ' ' + last))}"
            handle = (f"{_ascii(name.lower().replace(' ', '').replace('.', ''))}"
                      f"-{rng.randint(100, 999)}")
            # Review sites show display names, and the daemon knows a reviewer by the name it
            # sees: two genuine people must not share one, or they look like one busy account.
            n = int(handle.rsplit("-", 1)[1])
            while name in review_names:
                name, n = f"{first}{last[:1]}{n}", n + 1
            review_names.add(name)
            return Author(name, handle, loc)

        self.pools: dict[str, list[Author]] = {
            "news_fr": [unique(lambda: journalist(rng.choice(("fr-QC", "fr-QC", "fr-FR"))))
                        for _ in range(8)],
            "news_en": [unique(lambda: journalist("en")) for _ in range(6)],
            "blog": [Author("Maude Lavoie", "maude", "fr-QC")],
            "techblog": [Author("Sam Okafor", "sam", "en"), Author("Claire Dion", "claire", "fr-QC"),
                         Author("Yann Le Goff", "yann", "fr-FR")],
            "forum": [unique(forum_user) for _ in range(90)],
            "fedi": [unique(fedi_user) for _ in range(130)],
            "reviews": [unique(reviewer) for _ in range(220)],
        }
        # Zipf-like weights: a few people post a lot, many post rarely.
        self.weights = {k: [1.0 / (i + 1) ** 0.7 for i in range(len(v))]
                        for k, v in self.pools.items()}

    def community(self, feed: FeedSpec) -> str:
        return {"news_rss": feed.key, "atom_blog": "blog", "json_feed": "techblog",
                "discourse": "forum", "mastodon_tag": "fedi", "reviews": "reviews",
                "gnews": "news_fr"}.get(feed.shape, "forum")

    def pick(self, community: str, lang: str, rng: random.Random) -> Author:
        pool = self.pools[community]
        weights = self.weights[community]
        if len(pool) <= 3:
            return rng.choice(pool)
        for _ in range(20):
            a = rng.choices(pool, weights=weights)[0]
            if a.lang == lang:
                return a
        return next(a for a in pool if a.lang == lang) if any(
            a.lang == lang for a in pool) else rng.choice(pool)


class DemoWorld:
    """All items of the demo world for one ``seed``, ``start`` and ``scenario``."""

    def __init__(self, seed: int = 7, start: datetime | None = None,
                 scenario: Scenario = DEFAULT_SCENARIO) -> None:
        self.seed = seed
        self.start = (start or default_start()).astimezone(UTC)
        self.scenario = scenario
        self._pools = _Pools(seed)
        self._cache: dict[tuple[str, int], tuple[DemoItem, ...]] = {}
        incident = self._plan_incident()
        self._events = (incident + self._plan_support() + self._plan_replies(incident)
                        + self._plan_campaign())
        self._specials = self._plan_specials()

    # ------------------------------------------------------------------ queries

    @property
    def history_start(self) -> datetime:
        """The oldest moment of the world (``start`` minus seven days)."""
        return self.start - HISTORY

    def bucket_index(self, when: datetime) -> int:
        """The hour bucket that contains ``when``."""
        return math.floor((when - self.start) / HOUR)

    def latest(self, feed: str, now: datetime, limit: int | None = None) -> list[DemoItem]:
        """The newest ``limit`` (default: the feed's window) items published at or before ``now``."""
        spec = FEEDS_BY_KEY[feed]
        limit = spec.window if limit is None else limit
        out: list[DemoItem] = []
        k = self.bucket_index(now)
        while k >= -_HISTORY_BUCKETS and len(out) < limit:
            for item in reversed(self.bucket(feed, k)):
                if item.published <= now:
                    out.append(item)
                    if len(out) >= limit:
                        break
            k -= 1
        return out

    def items_between(self, feed: str, since: datetime, until: datetime) -> list[DemoItem]:
        """Items of ``feed`` published in ``[since, until)``, oldest first."""
        out: list[DemoItem] = []
        first = max(self.bucket_index(since), -_HISTORY_BUCKETS)
        for k in range(first, self.bucket_index(until) + 1):
            out.extend(i for i in self.bucket(feed, k) if since <= i.published < until)
        return out

    def bucket(self, feed: str, k: int) -> tuple[DemoItem, ...]:
        """Items of ``feed`` in hour bucket ``k``, oldest first (cached)."""
        key = (feed, k)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = tuple(sorted(self._make_bucket(feed, k),
                                                     key=lambda i: (i.published, i.uid)))
        return cached

    # ------------------------------------------------------------------ generation

    def _rng(self, *parts: object) -> random.Random:
        return random.Random("|".join(str(p) for p in (self.seed, *parts)))

    def _number(self, uid: str) -> int:
        digest = hashlib.blake2b(f"{self.seed}|{uid}".encode(), digest_size=8).digest()
        return 1_000_000 + int.from_bytes(digest, "big") % 9_000_000

    def _make_bucket(self, feed: str, k: int) -> list[DemoItem]:
        spec = FEEDS_BY_KEY[feed]
        if k < -_HISTORY_BUCKETS or spec.shape in ("missing", "malformed"):
            return []
        lo = self.start + k * HOUR
        items: list[DemoItem] = []
        rng = self._rng(feed, k, "chatter")
        local_hour = (lo.hour - 5) % 24
        for i in range(_poisson(spec.rate * _DIURNAL[local_hour], rng)):
            when = lo + timedelta(seconds=rng.uniform(0, 3600))
            items.append(self._chatter(spec, f"{feed}-{k}-c{i}", when, rng))
        items.extend(c for c in self._events if c.feed == feed and lo <= c.published < lo + HOUR)
        items.extend(s for s in self._specials if s.feed == feed and lo <= s.published < lo + HOUR)
        if spec.shape == "gnews":
            items.extend(self._search_copies(spec, k))
        if feed == "techblog":
            items.extend(self._syndicated(k))
        return items

    def _lang(self, spec: FeedSpec, rng: random.Random) -> str:
        langs, weights = zip(*spec.langs, strict=True)
        return rng.choices(langs, weights=weights)[0]

    def _chatter(self, spec: FeedSpec, uid: str, when: datetime,
                 rng: random.Random) -> DemoItem:
        lang = self._lang(spec, rng)
        author = self._pools.pick(self._pools.community(spec), lang, rng)
        comp = Composer(lang, rng)
        brand: str | None = None
        if rng.random() < spec.brand_share:
            brand = spec.about or rng.choice(_BRAND_KEYS)
        brand2 = None
        if brand and spec.shape in ("discourse", "mastodon_tag", "atom_blog") and rng.random() < 0.08:
            brand2 = rng.choice([b for b in _BRAND_KEYS if b != brand])
        stance = rng.choices(STANCES, weights=(35, 25, 15, 25))[0] if brand else "noise"
        rating = None
        dated = True
        tags: tuple[str, ...] = ()
        shape = spec.shape
        if shape == "news_rss":
            if brand:
                stance = rng.choices(("neutral", "complaint", "praise"), weights=(6, 3, 2))[0]
                title, paras = comp.article(brand, author, size=rng.randint(5, 10), stance=stance)
            else:
                title, paras = comp.noise(author, size=5)
        elif shape == "atom_blog":
            if brand:
                title, paras = comp.post(brand, stance, author, size=rng.randint(6, 12),
                                         brand2=brand2)
                paras = [comp.blog_intro(), *paras]
            else:  # a personal blog: recipes, garden birds, the night sky, books and films
                title, paras = comp.noise(author, size=5, topics=_BLOG_TOPICS)
            dated = rng.random() > 0.03
        elif shape == "json_feed":
            if brand:
                if rng.random() < 0.5:
                    title, paras = comp.article(brand, author, size=rng.randint(3, 6))
                    stance = "neutral"
                else:
                    title, paras = comp.post(brand, stance, author, size=rng.randint(4, 7))
            else:
                title, paras = comp.noise(author, size=rng.randint(3, 5))
        elif shape == "discourse":
            title, paras = comp.post(brand, stance, author, size=rng.randint(3, 7), brand2=brand2)
            dated = rng.random() > 0.04
        elif shape == "mastodon_tag":
            if brand:
                title, paras = comp.post(brand, stance, author, size=rng.randint(2, 4),
                                         brand2=brand2)
                tags = (_tag(spec),)
            else:
                title, paras = comp.noise(author, size=rng.randint(1, 3))
                topic = _COLLIDING_TOPIC.get(spec.about or "")
                if topic is not None:
                    bank_topic = comp.bank.NOISE[topic]
                    paras = [comp.fill(s, author=author) for s in
                             rng.sample(bank_topic["sentences"], rng.randint(2, 4))]
                    paras = [" ".join(paras)]
                tags = ({"colibri": "colibri", "lune": "pleinelune"}.get(spec.about or "",
                                                                          "bleuets"),)
            title = ""
        elif shape == "reviews":
            assert brand is not None
            rating = rng.choices((1, 2, 3, 4, 5), weights=_RATINGS[brand])[0]
            stance = "complaint" if rating <= 2 else ("praise" if rating >= 4 else "neutral")
            title, paras = comp.review(brand, rating, author)
        elif shape == "gnews":
            assert brand is not None
            title, paras = comp.article(brand, author, size=1)
            paras = []
            stance = "neutral"
        else:  # pragma: no cover - guarded by FeedSpec
            raise ValueError(shape)
        item = DemoItem(
            uid=uid, feed=spec.key, published=when, title=title, paragraphs=tuple(paras),
            author=author, link=None, lang=lang,
            brands=tuple(b for b in (brand, brand2) if b), stance=stance, origin="chatter",
            number=self._number(uid), rating=rating, dated=dated, tags=tags,
            publisher=_publisher(rng) if shape == "gnews" else None,
        )
        no_link = shape == "mastodon_tag" and rng.random() < 0.03
        return item if no_link else replace(item, link=self._link(spec, item, item.number))

    # ------------------------------------------------------------------ events

    def _plan_incident(self) -> list[DemoItem]:
        """All incident items: exactly ``round(volume)`` per feed, times stratified on the triangle."""
        sc = self.scenario
        s, p, e = (sc.incident_start.total_seconds(), sc.incident_peak.total_seconds(),
                   sc.incident_end.total_seconds())
        brand = sc.incident_brand
        out = []
        for key, volume in sorted(sc.incident_volume.items()):
            spec = FEEDS_BY_KEY[key]
            rng = self._rng(key, "incident")
            count = round(volume)
            for i in range(count):
                offset = _tri_inv((i + rng.random()) / count, s, p, e)
                out.append(self._incident_item(spec, brand, i, offset, (s, p, e), rng))
        return out

    def _incident_item(self, spec: FeedSpec, brand: str, i: int, offset: float,
                       spe: tuple[float, float, float], rng: random.Random) -> DemoItem:
        s, p, e = spe
        when = self.start + timedelta(seconds=offset)
        lang = self._lang(spec, rng)
        author = self._pools.pick(self._pools.community(spec), lang, rng)
        comp = Composer(lang, rng)
        frac = (offset - s) / (e - s)
        phase = "early" if offset < (s + p) / 2 else ("peak" if offset < p + (e - p) * 0.4
                                                      else "late")
        rating = None
        tags: tuple[str, ...] = ()
        if spec.shape in ("news_rss", "json_feed"):
            title, paras = comp.incident_article(brand, min(3, int(frac * 4)), author)
        elif spec.shape == "atom_blog":
            title, paras = comp.incident(brand, "late", author)
            paras = [comp.blog_intro(), *paras,
                     *comp.sentences("complaint", brand, 4, author=author)]
        else:
            title, paras = comp.incident(brand, phase, author)
            if spec.shape == "reviews":
                # An outage brings customers who never reviewed before: most of these
                # reviewers are new one-off accounts, like real angry customers.
                if rng.random() < 0.7:
                    author = _fresh_account(lang, rng, self._taken_names())
                rating = rng.choice((1, 1, 1, 2, 2, 3))
                title = rng.choice(comp.bank.REVIEW_TITLES[rating])
                # A review of the outage is still a review: the customer's own situation and
                # other grievances around the shared facts, so genuine reviews differ.
                detail = comp.fill(rng.choice(comp.bank.REVIEW_DETAILS), brand, author=author)
                more = comp.sentences("complaint", brand, 3, author=author)
                paras = [" ".join([detail, *paras, *more])]
            elif spec.shape == "mastodon_tag":
                title = ""
                tags = (_tag(spec),)
                # People write their own posts: the shared facts in their own words.
                paras = [" ".join([*paras, *comp.sentences("complaint", brand, 2,
                                                           author=author)])]
        uid = f"{spec.key}-incident-{i}"
        item = DemoItem(uid=uid, feed=spec.key, published=when, title=title,
                        paragraphs=tuple(paras), author=author, link=None, lang=lang,
                        brands=(brand,), stance="complaint", origin="incident",
                        number=self._number(uid), rating=rating, tags=tags)
        return replace(item, link=self._link(spec, item, item.number))

    def _plan_support(self) -> list[DemoItem]:
        """The incident brand's support account during the outage: apologies and updates."""
        sc = self.scenario
        if sc.incident_brand != "bleuet":  # the texts are Bleuet Mobile's
            return []
        start, end = sc.incident_start, sc.incident_end
        step = (end - start) / len(SUPPORT_POSTS)
        out = []
        for i, (lang, text) in enumerate(SUPPORT_POSTS):
            uid = f"tag_bleuet-support-{i}"
            when = self.start + start + step * (i + 0.25)
            item = DemoItem(uid=uid, feed="tag_bleuet", published=when, title="",
                            paragraphs=(text,), author=SUPPORT_ACCOUNT, link=None, lang=lang,
                            brands=("bleuet",), stance="neutral", origin="support",
                            number=self._number(uid), tags=("bleuetmobile",))
            out.append(replace(item, link=self._link(FEEDS_BY_KEY["tag_bleuet"], item,
                                                     item.number)))
        return out

    def _plan_replies(self, incident: list[DemoItem]) -> list[DemoItem]:
        """The support account answers the first complaints of its hashtag directly,
        half an hour after each (the daemon then resolves them: listener.store.answered)."""
        if self.scenario.incident_brand != "bleuet":
            return []
        complaints = sorted((i for i in incident if i.feed == "tag_bleuet"),
                            key=lambda i: i.published)[:REPLIED_COMPLAINTS]
        out = []
        for n, parent in enumerate(complaints):
            lang = "fr" if parent.lang.startswith("fr") else "en"
            user = parent.author.handle.lstrip("@").split("@")[0]
            text = SUPPORT_REPLIES[lang].format(user=user)
            uid = f"tag_bleuet-reply-{n}"
            item = DemoItem(uid=uid, feed="tag_bleuet", published=parent.published + REPLY_DELAY,
                            title="", paragraphs=(text,), author=SUPPORT_ACCOUNT, link=None,
                            lang=lang, brands=("bleuet",), stance="neutral", origin="support",
                            number=self._number(uid), tags=("bleuetmobile",), reply_to=parent)
            out.append(replace(item, link=self._link(FEEDS_BY_KEY["tag_bleuet"], item,
                                                     item.number)))
        return out

    def _taken_names(self) -> set[str]:
        """Every reviewer name and handle in use (fresh accounts must not collide)."""
        if not hasattr(self, "_taken"):
            self._taken = {n for pool in self._pools.pools.values() for a in pool
                           for n in (a.handle, a.name)}
        return self._taken

    def _plan_campaign(self) -> list[DemoItem]:
        sc = self.scenario
        rng = self._rng("campaign")
        feed = sc.campaign_feed
        base_weights = (6, 3, 1, 1)
        taken = {n for pool in self._pools.pools.values() for a in pool for n in (a.handle, a.name)}
        out = []
        for i in range(sc.campaign_reviews):
            offset = rng.uniform(0, sc.campaign_duration.total_seconds())
            when = self.start + sc.campaign_start + timedelta(seconds=offset)
            lang = "fr" if rng.random() < 0.85 else "en"
            comp = Composer(lang, rng)
            author = _fresh_account(lang, rng, taken)
            nbases = len(comp.bank.CAMPAIGN["bases"])
            base = rng.choices(range(nbases), weights=base_weights[:nbases])[0]
            title, paras = comp.campaign_review(sc.campaign_brand, base)
            uid = f"{feed}-campaign-{i}"
            item = DemoItem(uid=uid, feed=feed, published=when, title=title,
                            paragraphs=tuple(paras), author=author, link=None, lang=lang,
                            brands=(sc.campaign_brand,), stance="complaint", origin="campaign",
                            number=self._number(uid), rating=1 if rng.random() < 0.9 else 2)
            out.append(replace(item, link=self._link(FEEDS_BY_KEY[feed], item, item.number)))
        return out

    # ------------------------------------------------------------------ copies

    def _search_copies(self, spec: FeedSpec, k: int) -> list[DemoItem]:
        """News-site articles about the search feed's brand, same link (dedup by link)."""
        out = []
        for src in ("news_fr", "news_en"):
            for item in self.bucket(src, k):
                if spec.about in item.brands and item.link:
                    out.append(replace(item, uid=f"{spec.key}<{item.uid}", feed=spec.key,
                                       paragraphs=(), origin="syndicated",
                                       publisher=FEEDS_BY_KEY[src].title.split(" — ")[0]))
        return out

    def _syndicated(self, k: int) -> list[DemoItem]:
        """English news the tech blog republishes with the same text (dedup by content)."""
        spec = FEEDS_BY_KEY["techblog"]
        out = []
        for item in self.bucket("news_en", k):
            if item.brands and item.origin == "chatter" and item.number % 5 == 0:
                copy = replace(item, uid=f"techblog<{item.uid}", feed="techblog",
                               origin="syndicated", published=item.published + timedelta(
                                   minutes=item.number % 40 + 5))
                if copy.published < self.start + (k + 1) * HOUR:
                    out.append(replace(copy, link=self._link(spec, copy, copy.number + 1)))
        return out

    # ------------------------------------------------------------------ specials

    def _plan_specials(self) -> list[DemoItem]:
        """Fixed items that show hostile text, missing fields and long bodies."""
        rng = self._rng("specials")
        fr_user = Author("castor42", "castor42", "fr-QC")
        at = self.start
        comp_fr = Composer("fr", rng)
        long_paras = [comp_fr.blog_intro()]
        for stance in ("praise", "complaint", "praise", "neutral", "praise", "complaint"):
            long_paras += comp_fr.sentences(stance, "lune", 6,
                                            author=Author("Maude Lavoie", "maude", "fr-QC"))
        specs = [
            ("forum", -30.3, "[bold red]PWNED[/] Panne chez Bleuet Mobile ?",
             ("Mon cellulaire Ble\u200buet Mobile n'a plus de réseau depuis ce matin. "
              "[link=file:///etc/passwd]Cliquez ici pour la carte des pannes[/link]",
              "[blink]Quelqu'un d'autre ?[/blink] \\[escaped] [/]"),
             ("bleuet",), "complaint", True, True),
            ("tag_bleuet", -20.6, "",
             ("Service \u202eelbatrot\u202c correct chez Bleuet Mobile aujourd'hui "
              "\u200d\u200d rien à signaler. #bleuetmobile",),
             ("bleuet",), "neutral", True, False),
            ("techblog", -12.2, "\x1b[31mALERTE\x1b[0m Colibri Livraison change son appli",
             ("Colibri Livraison a mis à jour son appli cette semaine. "
              "\x1b]8;;https://evil.example\x07Lien piégé\x1b]8;;\x07 \x1b[2J\x1b[H",
              "Le suivi de commande est plus précis, selon nos premiers essais."),
             ("colibri",), "neutral", True, True),
            ("blog", -50.4, "Fromagerie Lune : mon bilan après six mois d'abonnement",
             tuple(long_paras), ("lune",), "praise", True, True),
            ("forum", -6.5, "Fromagerie Lune : le brie de Noël est-il déjà en boutique ?",
             ("Quelqu'un sait si la Fromagerie Lune a déjà sorti son brie de Noël ? "
              "L'an dernier il était parti en deux jours.",),
             ("lune",), "question", False, True),
            ("news_fr", -3.25, "Colibri Livraison recrute 200 livreurs à vélo cargo",
             ("Colibri Livraison annonce le recrutement de 200 livreurs à vélo cargo d'ici "
              "le printemps, principalement à Lyon et Nantes.",
              "L'entreprise n'a pas précisé le statut de ces nouveaux livreurs."),
             ("colibri",), "neutral", True, False),
        ]
        out = []
        for i, (feed, hours, title, paras, brands, stance, dated, linked) in enumerate(specs):
            spec = FEEDS_BY_KEY[feed]
            author = fr_user if feed == "forum" else self._pools.pick(
                self._pools.community(spec), "fr", rng)
            uid = f"{feed}-special-{i}"
            item = DemoItem(uid=uid, feed=feed, published=at + timedelta(hours=hours),
                            title=title, paragraphs=paras, author=author, link=None, lang="fr",
                            brands=brands, stance=stance, origin="special",
                            number=self._number(uid), dated=dated)
            out.append(replace(item, link=self._link(spec, item, item.number)) if linked else item)
        return out

    # ------------------------------------------------------------------ links

    def _link(self, spec: FeedSpec, item: DemoItem, number: int) -> str:
        slug = _slug(item.title or " ".join(item.paragraphs)[:60]) or "sans-titre"
        d = item.published
        shape = spec.shape
        if shape == "news_rss":
            return f"{spec.site}/{d:%Y/%m/%d}/{slug}-{number}"
        if shape == "atom_blog":
            return f"{spec.site}/{d:%Y/%m}/{slug}/"
        if shape == "json_feed":
            return f"{spec.site}/posts/{slug}"
        if shape == "discourse":
            return f"{spec.site}/t/{slug}/{number % 100_000}"
        if shape == "mastodon_tag":
            handle = item.author.handle.lstrip("@").split("@")
            host = handle[1] if len(handle) > 1 else "pouet.example"
            return f"https://{host}/@{handle[0]}/{number}{number % 997:03d}"
        if shape == "reviews":
            return f"{spec.site}/avis/{_slug(_BRAND_NAMES[spec.about or 'bleuet'])}/{number}"
        return f"{spec.site}/articles/CBMi{number:x}?oc=5"


def _poisson(lam: float, rng: random.Random) -> int:
    """A Poisson draw (Knuth's method; ``lam`` is small here)."""
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _tri_cdf(x: float, a: float, c: float, b: float) -> float:
    """CDF of the triangular distribution on [a, b] with mode c."""
    if x <= a:
        return 0.0
    if x >= b:
        return 1.0
    if x <= c:
        return (x - a) ** 2 / ((b - a) * (c - a))
    return 1 - (b - x) ** 2 / ((b - a) * (b - c))


def _tri_inv(u: float, a: float, c: float, b: float) -> float:
    """Inverse of :func:`_tri_cdf`."""
    fc = (c - a) / (b - a)
    if u <= fc:
        return a + math.sqrt(u * (b - a) * (c - a))
    return b - math.sqrt((1 - u) * (b - a) * (b - c))


def _fresh_account(lang: str, rng: random.Random, taken: set[str]) -> Author:
    """A newly created reviewer account, never seen before in the world."""
    from listener.demo import texts_en, texts_fr

    bank = texts_fr if lang == "fr" else texts_en
    while True:
        first = rng.choice(bank.FIRST_NAMES)
        style = rng.randrange(3)
        name = (f"{first}{rng.randint(1000, 99999)}", f"{_ascii(first.lower())}_{rng.randint(10, 99)}",
                f"{first} {rng.choice('ABCDEFGHJKLMNPRSTV')}.")[style]
        handle = f"{_ascii(name.lower().replace(' ', '').replace('.', ''))}-new{rng.randint(10, 99)}"
        if handle not in taken and name not in taken:
            taken.update((handle, name))
            return Author(name, handle, "fr-FR" if lang == "fr" else "en")


def _tag(spec: FeedSpec) -> str:
    """The hashtag of a Mastodon tag feed (``/tags/colibri.rss`` → ``colibri``)."""
    return spec.path.rsplit("/", 1)[1].removesuffix(".rss")


def _publisher(rng: random.Random) -> str:
    return rng.choice(("La Voix de l'Estrie", "Le Courrier du Nord", "Ouest Éclair",
                       "Metro Daily", "Le Petit Lyonnais", "Canal Affaires", "Tech Hebdo"))


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii())


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", _ascii(text.lower()))
    return "-".join(words[:8])
