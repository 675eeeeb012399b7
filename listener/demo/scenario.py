"""What the demo world contains: its brands, its feeds and its planned events.

Everything a person may want to tweak about the demo lives here, in one place:
the three fictional brands, the sixteen feeds (their shape, volume and
languages) and the :class:`Scenario` timing of the two planned events:

* a genuine **incident** for Bleuet Mobile (a network outage): a growing then
  fading wave of varied negative French and English mentions, from many
  established authors, in news, forum, Mastodon-like posts and reviews;
* a coordinated **fake-review campaign** against Colibri Livraison: many
  one-star near-duplicate reviews from freshly created accounts, in a short
  span, in its reviews feed.

Event times are offsets from the simulated start of the demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

__all__ = [
    "Brand",
    "BRANDS",
    "FeedSpec",
    "FEEDS",
    "FEEDS_BY_KEY",
    "Scenario",
    "DEFAULT_SCENARIO",
    "HISTORY",
]

#: How far back the world's history goes before the simulated start.
HISTORY = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Brand:
    """A fictional brand: its display name, the queries that find it, what it sells."""

    key: str
    name: str
    queries: tuple[str, ...]
    sector: str


BRANDS: tuple[Brand, ...] = (
    Brand(
        key="bleuet",
        name="Bleuet Mobile",
        queries=(
            '"Bleuet Mobile" OR bleuetmobile',
            "Bleuet AND (forfait OR cellulaire OR réseau OR facture OR panne OR signal "
            "OR outage OR carrier OR phone) -tarte -muffin -confiture -pie",
        ),
        sector="telecom (Québec)",
    ),
    Brand(
        key="colibri",
        name="Colibri Livraison",
        queries=(
            '"Colibri Livraison" OR colibrilivraison',
            "colibri AND (livreur OR livraison OR commande OR courier OR delivery OR appli) "
            "-oiseau -bird -mangeoire -feeder",
        ),
        sector="meal delivery app (France)",
    ),
    Brand(
        key="lune",
        name="Fromagerie Lune",
        queries=(
            '"Fromagerie Lune" OR fromagerielune',
            '"Lune" AND (fromage OR fromages OR brie OR cheese OR meule OR affinage) '
            '-"clair de lune"',
        ),
        sector="cheese maker (Québec and France)",
    ),
)

_BRAND_KEYS = {b.key for b in BRANDS}

#: Feed shapes the renderer knows.
SHAPES = (
    "news_rss", "atom_blog", "json_feed", "discourse", "mastodon_tag", "reviews", "gnews",
    "missing", "malformed",
)


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed of the world: where it is served, its shape and its ordinary traffic.

    ``rate`` is the mean number of ordinary items per simulated hour (scaled by a
    day/night curve); ``brand_share`` the fraction of them that mention a brand
    (the rest is unrelated chatter); ``langs`` the language mix; ``window`` how
    many of the latest items the feed shows; ``about`` the brand the feed is
    dedicated to (tag, reviews and search feeds), if any.
    """

    key: str
    path: str
    title: str
    shape: str
    rate: float
    langs: tuple[tuple[str, float], ...]
    brand_share: float = 0.6
    window: int = 40
    about: str | None = None
    site: str = "https://example.com"
    max_age: int | None = None
    interval: str = "15s"

    def __post_init__(self) -> None:
        if self.shape not in SHAPES:
            raise ValueError(f"unknown feed shape {self.shape!r}")
        if self.about is not None and self.about not in _BRAND_KEYS:
            raise ValueError(f"unknown brand key {self.about!r}")


FR = (("fr", 1.0),)
EN = (("en", 1.0),)
MIXED = (("fr", 0.6), ("en", 0.4))

FEEDS: tuple[FeedSpec, ...] = (
    FeedSpec("news_fr", "/actualites/rss.xml", "L'Écho du Plateau — Économie", "news_rss",
             rate=0.9, langs=FR, brand_share=0.3, window=40,
             site="https://echo-plateau.example", ),
    FeedSpec("news_en", "/business/feed.rss", "Harbour Ledger — Business", "news_rss",
             rate=0.6, langs=EN, brand_share=0.3, window=40,
             site="https://harbour-ledger.example"),
    FeedSpec("blog", "/carnet/atom.xml", "Le carnet de Maude", "atom_blog",
             rate=0.12, langs=MIXED, brand_share=0.4, window=30,
             site="https://carnet-maude.example", max_age=60, interval="30s"),
    FeedSpec("techblog", "/octet/feed.json", "Octet & Pixel", "json_feed",
             rate=0.15, langs=(("en", 0.6), ("fr", 0.4)), brand_share=0.4, window=30,
             site="https://octet-pixel.example", max_age=60, interval="30s"),
    FeedSpec("forum", "/forum/latest.rss", "Forum Conso Québec — derniers sujets", "discourse",
             rate=1.2, langs=(("fr", 0.75), ("en", 0.25)), brand_share=0.45, window=50,
             site="https://forum-conso.example"),
    FeedSpec("tag_bleuet", "/tags/bleuetmobile.rss", "#bleuetmobile", "mastodon_tag",
             rate=0.45, langs=MIXED, brand_share=0.7, window=50, about="bleuet",
             site="https://pouet.example"),
    FeedSpec("tag_colibri", "/tags/colibri.rss", "#colibri", "mastodon_tag",
             rate=0.45, langs=MIXED, brand_share=0.45, window=50, about="colibri",
             site="https://pouet.example"),
    FeedSpec("tag_lune", "/tags/fromagerielune.rss", "#fromagerielune", "mastodon_tag",
             rate=0.3, langs=MIXED, brand_share=0.7, window=50, about="lune",
             site="https://pouet.example"),
    FeedSpec("reviews_bleuet", "/avis/bleuet-mobile.rss", "Avis clients — Bleuet Mobile",
             "reviews", rate=0.28, langs=(("fr", 0.7), ("en", 0.3)), brand_share=1.0,
             window=50, about="bleuet", site="https://avis-verifies.example"),
    FeedSpec("reviews_colibri", "/avis/colibri-livraison.rss",
             "Avis clients — Colibri Livraison", "reviews", rate=0.3,
             langs=(("fr", 0.8), ("en", 0.2)), brand_share=1.0, window=50, about="colibri",
             site="https://avis-verifies.example"),
    FeedSpec("reviews_lune", "/avis/fromagerie-lune.rss", "Avis clients — Fromagerie Lune",
             "reviews", rate=0.2, langs=(("fr", 0.7), ("en", 0.3)), brand_share=1.0,
             window=50, about="lune", site="https://avis-verifies.example"),
    FeedSpec("gnews_bleuet", "/gnews/rss/search?q=%22Bleuet+Mobile%22&hl=fr-CA",
             '"Bleuet Mobile" - Actualités', "gnews", rate=0.05, langs=MIXED,
             brand_share=1.0, window=40, about="bleuet", site="https://nouvelles.example"),
    FeedSpec("gnews_colibri", "/gnews/rss/search?q=%22Colibri+Livraison%22&hl=fr",
             '"Colibri Livraison" - Actualités', "gnews", rate=0.05, langs=MIXED,
             brand_share=1.0, window=40, about="colibri", site="https://nouvelles.example"),
    FeedSpec("gnews_lune", "/gnews/rss/search?q=%22Fromagerie+Lune%22&hl=fr",
             '"Fromagerie Lune" - Actualités', "gnews", rate=0.05, langs=MIXED,
             brand_share=1.0, window=40, about="lune", site="https://nouvelles.example"),
    FeedSpec("gone", "/vieux-site/feed.xml", "Ancien blogue (déménagé)", "missing",
             rate=0.0, langs=FR, interval="60s"),
    FeedSpec("broken", "/fil-casse/rss.xml", "Le Fil cassé", "malformed",
             rate=0.0, langs=FR, interval="60s"),
)

FEEDS_BY_KEY = {f.key: f for f in FEEDS}


@dataclass(frozen=True, slots=True)
class Scenario:
    """When the planned events happen (offsets from the simulated start) and how big.

    The incident volume follows a triangle: it starts at ``incident_start``,
    peaks at ``incident_peak`` and dies out at ``incident_end``;
    ``incident_volume`` is the expected number of incident items per feed.
    The campaign posts ``campaign_reviews`` fake reviews spread over
    ``campaign_duration`` from ``campaign_start``.
    """

    incident_brand: str = "bleuet"
    incident_start: timedelta = timedelta(hours=2)
    incident_peak: timedelta = timedelta(hours=4)
    incident_end: timedelta = timedelta(hours=8)
    incident_volume: dict[str, float] = field(default_factory=lambda: {
        "tag_bleuet": 60.0, "forum": 16.0, "reviews_bleuet": 18.0,
        "news_fr": 3.0, "news_en": 2.0, "blog": 1.0, "techblog": 1.0,
    })
    campaign_brand: str = "colibri"
    campaign_feed: str = "reviews_colibri"
    campaign_start: timedelta = timedelta(hours=5)
    campaign_duration: timedelta = timedelta(hours=2, minutes=30)
    campaign_reviews: int = 36

    def __post_init__(self) -> None:
        if not self.incident_start < self.incident_peak < self.incident_end:
            raise ValueError("the incident must start, peak and end in that order")
        if self.campaign_duration <= timedelta(0) or self.campaign_reviews < 0:
            raise ValueError("the campaign needs a positive duration and review count")
        for key in (*self.incident_volume, self.campaign_feed):
            if key not in FEEDS_BY_KEY:
                raise ValueError(f"unknown feed key {key!r}")


DEFAULT_SCENARIO = Scenario()
