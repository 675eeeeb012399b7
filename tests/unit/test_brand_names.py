"""A brand's own name is masked before the sentiment of its mentions is scored."""

from __future__ import annotations

from listener.analysis.brandnames import mask_names, name_pattern
from listener.analysis.query import BrandMatcher
from listener.models import FeedItem
from listener.pipeline import AnalysisSettings, Analyzer


def test_names_are_the_query_words_outside_not() -> None:
    matcher = BrandMatcher({"Best Buy": ['"Best Buy" OR bestbuy -"best buy of the year"',
                                         "geek squad*"],
                            "Lune": ['"Fromagerie Lune" AND NOT (miel OR clair)']})
    assert matcher.names("Best Buy") == [("best", "buy"), ("bestbuy",), ("geek",)]
    assert matcher.names("Lune") == [("fromagerie", "lune")]


def test_the_pattern_finds_names_as_written_and_only_whole_words() -> None:
    pattern = name_pattern([("societe", "generale"), ("best", "buy")])
    assert mask_names("La SOCIÉTÉ-Générale, encore !", [pattern]).split() == ["La", ",",
                                                                              "encore", "!"]
    assert mask_names("BEST  buy: bestseller, best buyer", [pattern]) == \
        " : bestseller, best buyer"
    assert name_pattern([]) is None
    assert mask_names("unchanged", [None]) == "unchanged"


def test_a_brand_named_with_an_opinion_word_does_not_lend_it_to_its_mentions() -> None:
    """VADER alone reads "best" (+3.2) and "united" (+1.8) in these complaints."""
    analyzer = Analyzer(AnalysisSettings({"Best Buy": ['"Best Buy"'],
                                          "United": ['"United Airlines"']}))
    items = [FeedItem(guid="1", url=None, title="Best Buy",
                      text="My Best Buy order never arrived"),
             FeedItem(guid="2", url=None, title="United Airlines",
                      text="United Airlines delayed my flight")]
    out = {a.item.guid: a for a in analyzer.analyse(items)}
    assert out["1"].brands == ["Best Buy"] and out["1"].sentiment.label == "negative"
    assert out["2"].brands == ["United"] and out["2"].sentiment.label == "negative"
    assert analyzer.sentiment.analyse("Best Buy. My Best Buy order never arrived").label == \
        "positive"
    assert analyzer.sentiment.analyse("United Airlines. United Airlines delayed my flight"
                                      ).label == "positive"


def test_a_french_brand_name_is_masked_too() -> None:
    """"super" in "Super U" is praise to the French analyser, not in the brand's name."""
    analyzer = Analyzer(AnalysisSettings({"Super U": ['"Super U"']}))
    item = FeedItem(guid="1", url=None, title="", text="Je fais mes courses chez Super U")
    (out,) = analyzer.analyse([item])
    assert out.sentiment.lang == "fr" and out.sentiment.label == "neutral"
    assert analyzer.sentiment.analyse(". Je fais mes courses chez Super U").label == "positive"
