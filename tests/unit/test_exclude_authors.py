"""A brand's ``exclude_authors``: its own accounts' posts are not its mentions."""

from __future__ import annotations

import pytest

from listener.analysis.authors import AuthorFilter, author_key
from listener.config import parse_config
from listener.errors import ConfigError
from listener.models import FeedItem
from listener.pipeline import AnalysisSettings, Analyzer


def test_handles_compare_without_case_at_sign_or_reddit_prefix() -> None:
    assert author_key("  @BleuetMobile ") == "bleuetmobile"
    assert author_key("/u/BleuetMobile") == "bleuetmobile"
    assert author_key("Service  Client Bleuet") == "service client bleuet"
    names = AuthorFilter(["bleuetmobile", "@Aide@mastodon.social", "Service Client Bleuet", " "])
    assert names and not AuthorFilter([]) and not AuthorFilter(["  "])
    assert names.excludes("BleuetMobile")
    assert names.excludes("bleuetmobile@mastodon.social")  # a bare name: any instance
    assert names.excludes("@bleuetmobile@piaille.fr")
    assert names.excludes("/u/bleuetmobile")
    assert names.excludes("aide@mastodon.social")
    assert not names.excludes("aide@piaille.fr")  # with a host: that account only
    assert not names.excludes("aide")
    assert names.excludes("service client   bleuet")
    assert not names.excludes(None) and not names.excludes("")
    assert not names.excludes("bleuetmobilefan")
    # RSS's "email (Name)" and "Name <email>": either part
    assert names.excludes("aide@mastodon.social (Aide Bleuet)")
    assert names.excludes("press@bleuet.ca (Service Client Bleuet)")
    assert names.excludes("Service client Bleuet <press@bleuet.ca>")
    assert not names.excludes("lea@example.org (Léa Tremblay)")


def _item(n: int, author: str | None, text: str) -> FeedItem:
    return FeedItem(guid=str(n), url=None, title="", text=text, author=author)


def test_the_brands_own_apologies_are_not_its_mentions_but_stay_another_brands() -> None:
    analyzer = Analyzer(AnalysisSettings(
        {"Bleuet Mobile": ['"Bleuet Mobile"'], "Colibri": ["Colibri"]},
        brand_excluded_authors={"Bleuet Mobile": ("bleuetmobile",)}))
    items = [
        _item(1, "bleuetmobile@mastodon.social",
              "Bleuet Mobile: sorry, our network is down in Montréal, we are on it."),
        _item(2, "bleuetmobile", "Bleuet Mobile and Colibri: deliveries late, network down."),
        _item(3, "lea@mastodon.social", "Bleuet Mobile is down again, no signal since noon."),
        _item(4, None, "Bleuet Mobile outage: no signal anywhere."),
    ]
    out = {a.item.guid: a.brands for a in analyzer.analyse(items)}
    assert out == {"2": ["Colibri"], "3": ["Bleuet Mobile"], "4": ["Bleuet Mobile"]}


def test_exclusions_hold_for_sources_about_one_brand_by_construction() -> None:
    """App Store reviews belong to their app without naming it; its developer's own
    posts there are still not mentions."""
    analyzer = Analyzer(AnalysisSettings({"Colibri": ["Colibri"]},
                                         brand_excluded_authors={"Colibri": ("Colibri Team",)}))
    items = [_item(1, "colibri team", "Thanks for the feedback, a fix is coming."),
             _item(2, "Marc", "Crashes every time I open it.")]
    out = analyzer.analyse(items, only_brands=("Colibri",), assume_brands=True)
    assert [a.item.guid for a in out] == ["2"]


def test_the_config_key_is_checked_and_reaches_the_analysis_settings() -> None:
    cfg = parse_config('[[brands]]\nname = "Bleuet Mobile"\n'
                       'exclude_authors = ["bleuetmobile", " @Aide@mastodon.social "]\n')
    assert cfg.brands[0].exclude_authors == ("bleuetmobile", "@Aide@mastodon.social")
    settings = AnalysisSettings.from_config(cfg)
    assert settings.brand_excluded_authors == {
        "Bleuet Mobile": ("bleuetmobile", "@Aide@mastodon.social")}
    with pytest.raises(ConfigError) as err:
        parse_config('[[brands]]\nname = "B"\nexclude_authors = "bleuetmobile"\n')
    assert err.value.key == "brands[0].exclude_authors"
    with pytest.raises(ConfigError, match="non-empty"):
        parse_config('[[brands]]\nname = "B"\nexclude_authors = [""]\n')
