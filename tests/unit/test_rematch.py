"""Stored mentions judged by today's brand rules (pure part: :mod:`listener.rematch`)."""

from __future__ import annotations

from listener.pipeline import AnalysisSettings, BrandRules
from listener.rematch import SourceScope, links_to_drop, rules_fingerprint
from listener.store.rematch import StoredMention

QUERIES = {"Bleuet Mobile": ['"Bleuet Mobile"'], "Colibri": ["Colibri -oiseau"]}


def settings(**kw: object) -> AnalysisSettings:
    return AnalysisSettings(brand_queries=kw.pop("queries", QUERIES), **kw)  # type: ignore[arg-type]


def stored(text: str, brands: tuple[str, ...], *, author: str | None = "lea", lang: str = "fr",
           sources: tuple[int, ...] = (1,)) -> StoredMention:
    return StoredMention(id=1, title="", text=text, author=author, lang=lang, sources=sources,
                         brands=brands)


def test_unchanged_rules_keep_every_link() -> None:
    rules = BrandRules(settings())
    m = stored("Bleuet Mobile et Colibri, même combat", ("Bleuet Mobile", "Colibri"))
    assert links_to_drop(rules, m, {}) == ()


def test_an_excluded_author_loses_the_brand_that_excludes_it_only() -> None:
    rules = BrandRules(settings(brand_excluded_authors={"Bleuet Mobile": ("bleuetmobile",)}))
    m = stored("Bleuet Mobile s'excuse ; Colibri aussi", ("Bleuet Mobile", "Colibri"),
               author="@BleuetMobile@mastodon.social")
    assert links_to_drop(rules, m, {}) == ("Bleuet Mobile",)
    assert links_to_drop(rules, stored("Bleuet Mobile", ("Bleuet Mobile",)), {}) == ()


def test_a_new_exclusion_term_and_a_language_restriction_drop_links() -> None:
    rules = BrandRules(settings(brand_languages={"Bleuet Mobile": ("fr",)}))
    bird = stored("Un colibri oiseau au jardin", ("Colibri",))
    english = stored("Bleuet Mobile is down again", ("Bleuet Mobile",), lang="en")
    unknown = stored("Bleuet Mobile !!!", ("Bleuet Mobile",), lang="und")
    assert links_to_drop(rules, bird, {}) == ("Colibri",)
    assert links_to_drop(rules, english, {}) == ("Bleuet Mobile",)
    assert links_to_drop(rules, unknown, {}) == ()


def test_a_brand_scoped_source_keeps_reviews_that_do_not_name_the_app() -> None:
    rules = BrandRules(settings())
    review = stored("Plante à chaque ouverture, inutilisable.", ("Colibri",), sources=(7,))
    scoped = {7: SourceScope(brands=("Colibri",), assume=True)}
    assert links_to_drop(rules, review, scoped) == ()
    # The same text from a plain feed (or a source no longer configured) names no brand.
    assert links_to_drop(rules, review, {}) == ("Colibri",)
    # Seen in both: one source giving the brand is enough.
    assert links_to_drop(rules, stored(review.text, ("Colibri",), sources=(3, 7)), scoped) == ()


def test_a_source_scoped_to_other_brands_no_longer_gives_the_brand() -> None:
    rules = BrandRules(settings())
    m = stored("Bleuet Mobile et Colibri", ("Bleuet Mobile", "Colibri"), sources=(2,))
    assert links_to_drop(rules, m, {2: SourceScope(brands=("Colibri",))}) == ("Bleuet Mobile",)


def test_brands_no_longer_configured_keep_their_mentions() -> None:
    rules = BrandRules(settings(queries={"Colibri": ["Colibri"]}))
    m = stored("Bleuet Mobile en panne", ("Bleuet Mobile",))
    assert links_to_drop(rules, m, {}) == ()


def test_the_fingerprint_changes_with_every_rule_and_only_with_them() -> None:
    scopes = {"http://x/feed": SourceScope()}
    base = rules_fingerprint(settings(), scopes)
    assert base == rules_fingerprint(settings(negative_threshold=-0.3), scopes)
    changed = [
        settings(queries={**QUERIES, "Colibri": ["Colibri -oiseau -plume"]}),
        settings(brand_languages={"Colibri": ("fr",)}),
        settings(brand_excluded_authors={"Colibri": ("colibri_support",)}),
    ]
    for s in changed:
        assert rules_fingerprint(s, scopes) != base
    assert rules_fingerprint(settings(), {"http://x/feed": SourceScope(("Colibri",))}) != base
    # A plain source added or removed changes nothing.
    assert rules_fingerprint(settings(), {"http://x/other": SourceScope()}) == base
    assert rules_fingerprint(settings(), {}) == base
