"""A brand's own name is masked before the sentiment of its mentions is scored."""

from __future__ import annotations

from listener.analysis.brandnames import mask_names, name_pattern
from listener.analysis.query import BrandMatcher
from listener.models import FeedItem
from listener.pipeline import AnalysisSettings, Analyzer


def test_names_are_the_brand_and_the_terms_that_stand_for_it_alone() -> None:
    """Context words of an AND are no names: "panne" must keep its weight."""
    matcher = BrandMatcher({
        "Best Buy": ['"Best Buy" OR bestbuy -"best buy of the year"', "geek squad*"],
        "Lune": ['"Fromagerie Lune" AND NOT (miel OR clair)'],
        "Bleuet Mobile": ['"Bleuet Mobile" OR bleuetmobile OR "@bleuet"',
                          "Bleuet AND (forfait OR réseau OR panne)"],
    })
    assert matcher.names("Best Buy") == [("best", "buy"), ("bestbuy",)]
    assert matcher.names("Lune") == [("lune",), ("fromagerie", "lune")]
    assert matcher.names("Bleuet Mobile") == [("bleuet", "mobile"), ("bleuetmobile",),
                                              ("bleuet",)]


def test_an_outage_keeps_its_negative_word_when_it_is_a_query_context_word() -> None:
    analyzer = Analyzer(AnalysisSettings({"Bleuet Mobile": [
        '"Bleuet Mobile"', "Bleuet AND (forfait OR réseau OR panne)"]}))
    item = FeedItem(guid="1", url=None, title="", text="Bleuet, encore une panne de réseau")
    (out,) = analyzer.analyse([item])
    assert out.brands == ["Bleuet Mobile"] and out.sentiment.label == "negative"


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


def test_a_brand_name_written_as_a_hashtag_is_masked_too() -> None:
    """Hashtags are read as words ("#NotHappy"), but "#BestBuy" lends no "best"."""
    analyzer = Analyzer(AnalysisSettings({"Best Buy": ['"Best Buy" OR bestbuy']}))
    item = FeedItem(guid="1", url=None, title="", text="#BestBuy lost my order, again")
    (out,) = analyzer.analyse([item])
    assert out.sentiment.label == "negative"
    assert analyzer.sentiment.analyse("Best Buy lost my order, again").label == "positive"


def test_a_french_brand_name_is_masked_too() -> None:
    """"super" in "Super U" is praise to the French analyser, not in the brand's name."""
    analyzer = Analyzer(AnalysisSettings({"Super U": ['"Super U"']}))
    item = FeedItem(guid="1", url=None, title="", text="Je fais mes courses chez Super U")
    (out,) = analyzer.analyse([item])
    assert out.sentiment.lang == "fr" and out.sentiment.label == "neutral"
    assert analyzer.sentiment.analyse(". Je fais mes courses chez Super U").label == "positive"


def test_a_one_or_two_letter_name_is_not_an_english_contraction() -> None:
    """A brand named "T" or "RE" is masked where it stands, not in "can't" or "they're";
    longer names are still masked after an elided French article ("d'Orange")."""
    t = name_pattern([("t",)])
    assert mask_names("T is down again, I can't call, it doesn't work", [t]) == (
        "  is down again, I can't call, it doesn't work")
    assert mask_names("Le réseau de T’s fine", [t]) == "Le réseau de  ’s fine"
    re_ = name_pattern([("re",)])
    assert mask_names("RE support: they're slow", [re_]) == "  support: they're slow"
    orange = name_pattern([("orange",)])
    assert mask_names("La box d'Orange plante", [orange]) == "La box d'  plante"
