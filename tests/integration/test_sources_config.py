"""Per-kind ``[[sources]]`` keys: canonical URLs, strict validation, the documented examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from listener.config import parse_config
from listener.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
HEAD = '[[brands]]\nname = "Bleuet Mobile"\n'


def source(body: str):  # type: ignore[no-untyped-def]
    return parse_config(HEAD + "[[sources]]\n" + body, path=Path("/cfg/vigie.toml")).sources[0]


@pytest.mark.parametrize(("body", "url", "options"), [
    ('kind = "mastodon"\nurl = "https://mastodon.social/tags/BleuetMobile"\n',
     "https://mastodon.social/api/v1/timelines/tag/BleuetMobile", {"tag": "BleuetMobile"}),
    ('kind = "mastodon"\nurl = "https://m.example/"\ntag = "#colibri"\nany = ["oiseau"]\n',
     "https://m.example/api/v1/timelines/tag/colibri?any%5B%5D=oiseau",
     {"tag": "colibri", "any": ["oiseau"]}),
    # An account's own statuses (the brand's support account, for its replies).
    ('kind = "mastodon"\nurl = "https://pouet.example/@BleuetAide"\n',
     "https://pouet.example/@BleuetAide", {"account": "BleuetAide", "tag": None}),
    ('kind = "mastodon"\nurl = "https://pouet.example/"\naccount = "@BleuetAide"\n',
     "https://pouet.example/@BleuetAide", {"account": "BleuetAide"}),
    ('kind = "mastodon"\nurl = "https://pouet.example/api/v1/accounts/77/statuses"\n',
     "https://pouet.example/api/v1/accounts/77/statuses",
     {"account": None, "account_id": "77"}),
    ('kind = "hackernews"\nurl = "https://hn.algolia.com/api/v1/search_by_date?query=bleuet"\n',
     "https://hn.algolia.com/api/v1/search_by_date?query=bleuet", {"query": "bleuet"}),
    ('kind = "appstore"\nurl = "https://apps.apple.com/CA/app/bleuet/id284882215"\n',
     "https://itunes.apple.com/ca/rss/customerreviews/id=284882215/sortby=mostrecent/json",
     {"app_id": "284882215", "country": "ca", "max_pages": 10}),
    ('kind = "appstore"\nurl = "https://itunes.apple.com"\napp_id = 284882215\n',
     "https://itunes.apple.com/us/rss/customerreviews/id=284882215/sortby=mostrecent/json",
     {"country": "us"}),
    ('kind = "stackexchange"\nurl = "https://api.stackexchange.com/2.3/search/advanced'
     '?q=bleuet&site=android"\n',
     "https://api.stackexchange.com/2.3/search/advanced?order=desc&sort=creation&q=bleuet"
     "&site=android", {"site": "android", "key": None}),
    # Bluesky: the web app's search and profile URLs poll the public AppView's API.
    ('kind = "bluesky"\nurl = "https://bsky.app/search?q=%22Bleuet+Mobile%22"\n',
     "https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=%22Bleuet+Mobile%22",
     {"query": '"Bleuet Mobile"', "account": None, "login": None, "pds": "https://bsky.social"}),
    ('kind = "bluesky"\nurl = "https://bsky.app/profile/BleuetAide.bsky.social"\n',
     "https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=bleuetaide.bsky.social",
     {"account": "bleuetaide.bsky.social", "query": None}),
    ('kind = "bluesky"\nurl = "https://bsky.app"\nquery = "colibri"\nlang = "FR"\n'
     'login = "@Veille.bsky.social"\napp_password = "${BSKY_PASSWORD}"\n',
     "https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=colibri&lang=fr",
     {"lang": "fr", "login": "veille.bsky.social", "app_password": "${BSKY_PASSWORD}"}),
    ('kind = "bluesky"\nurl = "https://appview.example/xrpc/app.bsky.feed.searchPosts?q=x"\n',
     "https://appview.example/xrpc/app.bsky.feed.searchPosts?q=x",
     {"appview": "https://appview.example", "pds": "https://appview.example"}),
    # Lemmy: the web search URL or the API's; quotes dropped (Lemmy matches a substring).
    ('kind = "lemmy"\nurl = "https://jlai.lu/search?q=%22Bleuet+Mobile%22&type=All&page=1"\n',
     "https://jlai.lu/api/v3/search?q=Bleuet+Mobile",
     {"query": "Bleuet Mobile", "type": "All", "community": None}),
    ('kind = "lemmy"\nurl = "https://lemmy.ca/c/quebec"\nquery = "bleuet"\ntype = "comments"\n',
     "https://lemmy.ca/api/v3/search?q=bleuet&type_=Comments&community_name=quebec",
     {"type": "Comments", "community": "quebec", "endpoint": "https://lemmy.ca/api/v3/search"}),
])
def test_canonical_urls_and_options(body: str, url: str, options: dict[str, object]) -> None:
    """Each kind accepts the URLs people copy and resolves the URL it polls."""
    src = source(body)
    assert src.url == url
    assert {k: src.options[k] for k in options} == options


@pytest.mark.parametrize(("body", "key", "message"), [
    ('kind = "mastodon"\nurl = "https://m.example/"\n', "sources[0].tag",
     "needs a hashtag or an account"),
    ('kind = "mastodon"\nurl = "https://m.example/"\naccount = "two words"\n',
     "sources[0].account", "expected an account name"),
    ('kind = "mastodon"\nurl = "https://m.example/@aide"\nany = ["x"]\n', "sources[0].any",
     "for hashtag timelines"),
    ('kind = "mastodon"\nurl = "https://m.example/tags/x"\nlimit = 80\n', "sources[0].limit",
     "between 1 and 40"),
    ('kind = "mastodon"\nurl = "https://m.example/tags/x"\nquery = "x"\n', "sources[0].query",
     "unknown key for a 'mastodon' source (its own keys: tag, any, account, limit, max_pages)"),
    ('kind = "mastodon"\nurl = "https://m.example/tags/x"\nlimt = 20\n', "sources[0].limt",
     "unknown key for a 'mastodon' source (did you mean 'limit'?)"),
    ('kind = "hackernews"\nurl = "https://hn.algolia.com/"\n', "sources[0].query",
     "needs a search"),
    ('kind = "hackernews"\nurl = "https://hn.algolia.com/?query=a"\nlookback = "soon"\n',
     "sources[0].lookback", "expected a duration"),
    ('kind = "appstore"\nurl = "https://apps.apple.com/ca/app/x"\n', "sources[0].app_id",
     "numeric app id"),
    ('kind = "appstore"\nurl = "https://apps.apple.com/ca/app/x/id284882215"\n'
     'country = "canada"\n', "sources[0].country", "two-letter"),
    ('kind = "stackexchange"\nurl = "https://api.stackexchange.com"\nquery = "x"\n',
     "sources[0].site", "needs a site"),
    ('kind = "feed"\nurl = "https://a.example/rss"\ntag = "x"\n', "sources[0].tag",
     "unknown key"),
    ('kind = "bluesky"\nurl = "https://bsky.app/"\n', "sources[0].query",
     "needs a search or an account"),
    ('kind = "bluesky"\nurl = "https://bsky.app/profile/aide.bsky.social"\nquery = "x"\n',
     "sources[0].query", "a search or an account, not both"),
    ('kind = "bluesky"\nurl = "https://bsky.app/search?q=x"\nlogin = "me.bsky.social"\n',
     "sources[0].app_password", "login and app_password go together"),
    ('kind = "bluesky"\nurl = "https://bsky.app/search?q=x"\nlogin = "me.bsky.social"\n'
     'app_password = "abcd-efgh-ijkl-mnop"\n', "sources[0].app_password",
     "name an environment variable"),
    ('kind = "bluesky"\nurl = "https://bsky.app/search?q=x"\nlang = "french"\n',
     "sources[0].lang", "two-letter language code"),
    ('kind = "bluesky"\nurl = "https://bsky.app/"\naccount = "not a handle"\n',
     "sources[0].account", "expected a Bluesky handle"),
    ('kind = "lemmy"\nurl = "https://jlai.lu/"\n', "sources[0].query", "needs a search"),
    ('kind = "lemmy"\nurl = "https://jlai.lu/search?q=x&type=Communities"\n',
     "sources[0].type", "expected \"all\", \"posts\" or \"comments\""),
    ('kind = "lemmy"\nurl = "https://jlai.lu/"\nquery = "x"\ncommunity = "two words"\n',
     "sources[0].community", "expected a community name"),
    ('kind = "twitter"\nurl = "https://a.example/"\n', "sources[0].kind", "expected one of"),
])
def test_strict_validation_names_file_and_key(body: str, key: str, message: str) -> None:
    """A wrong per-kind key is an error naming the file, the dotted key and what to do."""
    with pytest.raises(ConfigError) as err:
        source(body)
    assert err.value.key == key and err.value.path == "/cfg/vigie.toml"
    assert message in str(err.value)


@pytest.mark.parametrize("body", [
    'kind = "mastodon"\nurl = "https://m.example/tags/a"\nany = ["b", "c"]\n',
    'kind = "hackernews"\nurl = "https://hn.algolia.com/"\nquery = "x"\ntags = "story"\n',
    'kind = "stackexchange"\nurl = "https://api.stackexchange.com/"\nquery = "x y"\n'
    'site = "superuser"\n',
    'kind = "bluesky"\nurl = "https://bsky.app/search?q=x+y&lang=fr"\n',
    'kind = "bluesky"\nurl = "https://bsky.app/profile/aide.bsky.social"\n',
    'kind = "lemmy"\nurl = "https://lemmy.ca/c/quebec"\nquery = "x y"\ntype = "posts"\n',
])
def test_canonical_url_alone_gives_the_same_source(body: str) -> None:
    """What export-opml writes (the canonical URL) configures the same source again."""
    first = source(body)
    again = source(f'kind = "{first.kind}"\nurl = "{first.url}"\n')
    assert again.url == first.url
    assert {k: v for k, v in again.options.items() if k != "key"} == {
        k: v for k, v in first.options.items() if k != "key"}


def test_one_mastodon_account_in_two_cases_is_one_source() -> None:
    """Account names ignore case: the second table is a duplicate, and says why."""
    text = (HEAD + '[[sources]]\nkind = "mastodon"\nurl = "https://pouet.example/@BleuetAide"\n'
            '[[sources]]\nkind = "mastodon"\nurl = "https://pouet.example/@bleuetaide"\n')
    with pytest.raises(ConfigError, match=r"the same account as sources\[0\]: account names "
                                          "ignore case") as err:
        parse_config(text)
    assert err.value.key == "sources[1].url"
    tags = text.replace("/@BleuetAide", "/tags/Bleuet").replace("/@bleuetaide", "/tags/bleuet")
    assert len(parse_config(tags).sources) == 2  # hashtags are left as written


def test_two_searches_on_one_api_are_two_sources() -> None:
    """The canonical URL carries the query, so the duplicate-URL check still works."""
    text = (HEAD + '[[sources]]\nkind = "hackernews"\nurl = "https://hn.algolia.com"\n'
            'query = "a"\n[[sources]]\nkind = "hackernews"\nurl = "https://hn.algolia.com"\n'
            'query = "b"\n')
    assert len(parse_config(text).sources) == 2
    with pytest.raises(ConfigError, match="duplicate source URL"):
        parse_config(text.replace('query = "b"', 'query = "a"'))


def test_commented_examples_of_the_example_config_are_valid() -> None:
    """Uncommenting the API-kind examples of config.example.toml gives a valid file."""
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    start = text.index("# Examples of the API kinds")
    block = re.match(r"(?:#.*\n?)+", text[start:])
    assert block is not None
    examples = block.group(0)
    uncommented = re.sub(r"^# ?(\[\[sources\]\]|\w+ = .*)$", r"\1", examples, flags=re.M)
    cfg = parse_config(text.replace(examples, uncommented), path=ROOT / "config.example.toml")
    kinds = [s.kind for s in cfg.sources]
    assert {"mastodon", "hackernews", "appstore", "stackexchange", "bluesky",
            "lemmy"} <= set(kinds)
