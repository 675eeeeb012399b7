"""Per-kind keys of ``[[sources]]`` and the canonical URL of each API source.

Pure (no I/O, no aiohttp): :mod:`listener.config` calls :func:`configure` while
validating the file. Each kind accepts the URL people copy from a browser or
from the API documentation, plus a few keys of its own (``tag``, ``query``,
``app_id``, ``country``, ``site`` ...), and turns them into

* a canonical URL — the identity of the source in the store (two Hacker News
  searches with different queries are two sources), and
* a dict of resolved options — everything the kind needs to poll it.

Errors are :class:`OptionError` naming the key at fault; the config loader
adds the file and the ``sources[i]`` prefix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from listener.errors import did_you_mean

__all__ = ["OptionError", "KIND_KEYS", "API_KINDS", "configure", "resolve", "password_variable"]


class OptionError(ValueError):
    """A per-kind key of ``[[sources]]`` is missing or wrong; ``key`` names it."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(message)


#: Keys each API kind accepts in its ``[[sources]]`` table (besides url, kind,
#: name, interval, brands).
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "mastodon": ("tag", "any", "account", "limit", "max_pages"),
    "hackernews": ("query", "tags", "lookback", "max_pages"),
    "appstore": ("app_id", "country", "max_pages"),
    "stackexchange": ("query", "site", "key", "lookback", "max_pages"),
    "bluesky": ("query", "lang", "account", "login", "app_password", "pds", "lookback",
                "max_pages"),
    "lemmy": ("query", "community", "type", "lookback", "max_pages"),
}
API_KINDS = tuple(KIND_KEYS)

_TAG = re.compile(r"^[\w\u00c0-\uffff]+$")
_ACCT = re.compile(r"^[\w.\-]+(@[\w.\-]+)?$")
_APP_ID = re.compile(r"^\d{5,12}$")
_COUNTRY = re.compile(r"^[a-z]{2}$")
_SITE = re.compile(r"^[a-z0-9.\-]+$")
_HANDLE = re.compile(r"^(did:[a-z]+:[\w.:%\-]+|[a-z0-9][a-z0-9\-]*(\.[a-z0-9][a-z0-9\-]*)+)$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_ENV_REF = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")
#: Hosts of Bluesky's web app, whose URLs people copy; the API is elsewhere.
BSKY_WEB_HOSTS = ("bsky.app", "www.bsky.app")
#: Bluesky's public AppView (no login) and the entryway that logs Bluesky accounts in.
BSKY_PUBLIC_APPVIEW = "https://public.api.bsky.app"
BSKY_ENTRYWAY = "https://bsky.social"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


def _base(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _string(raw: dict[str, Any], key: str, default: str | None = None) -> str | None:
    if key not in raw:
        return default
    value = raw[key]
    if isinstance(value, int) and not isinstance(value, bool) and key == "app_id":
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise OptionError(key, f"expected a non-empty string, got {value!r}")
    return value.strip()


def _integer(raw: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise OptionError(key, f"expected an integer between {low} and {high}, got {value!r}")
    return value


def _duration(raw: dict[str, Any], key: str, default: float) -> float:
    value = raw.get(key, default)
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m:
            return float(m.group(1)) * _UNITS[m.group(2)]
    raise OptionError(key, f'expected a duration such as "6h" or "2d", got {value!r}')


def _mastodon_account(url: str, raw: dict[str, Any], name: str | None,
                      account_id: str | None) -> tuple[str, dict[str, Any]]:
    """An account's own statuses, by name (looked up when polled) or by id: the brand's
    support account, whose replies answer mentions (:mod:`listener.store.answered`)."""
    base = _base(url)
    if name is not None:
        name = name.lstrip("@")
        if not _ACCT.match(name):
            raise OptionError("account", f"expected an account name such as \"BleuetAide\", "
                                         f"got {name!r}")
        account_id, canonical = None, f"{base}/@{name}"
    else:
        canonical = f"{base}/api/v1/accounts/{account_id}/statuses"
    return canonical, {"endpoint": None, "base": base, "account": name,
                       "account_id": account_id, "tag": None, "any": [],
                       "limit": _integer(raw, "limit", 40, 1, 40),
                       "max_pages": _integer(raw, "max_pages", 5, 1, 50)}


def _mastodon(url: str, raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    path = urlsplit(url).path.rstrip("/")
    account = _string(raw, "account")
    at = re.search(r"/@([^/?#]+)$", path)
    by_id = re.search(r"/api/v1/accounts/(\d+)/statuses$", path)
    if account is not None or ((at or by_id) and not _string(raw, "tag")):
        if raw.get("any"):
            raise OptionError("any", "'any' is for hashtag timelines, not an account's")
        return _mastodon_account(url, raw, account or (at.group(1) if at else None),
                                 by_id.group(1) if by_id else None)
    m = re.search(r"/(?:tags|api/v1/timelines/tag)/([^/?#]+?)(?:\.rss)?$", path)
    tag = _string(raw, "tag") or (m.group(1) if m else None)
    if not tag:
        raise OptionError("tag", "a mastodon source needs a hashtag or an account: use a URL "
                                 "like https://mastodon.social/tags/vigie or "
                                 "https://mastodon.social/@BleuetAide, or set tag = \"vigie\"")
    tag = tag.lstrip("#")
    if not _TAG.match(tag):
        raise OptionError("tag", f"expected a hashtag without '#' or spaces, got {tag!r}")
    extra = raw.get("any", _query_of(url).get("any[]", []))
    if not isinstance(extra, list) or not all(isinstance(t, str) and _TAG.match(t.lstrip("#"))
                                              for t in extra):
        raise OptionError("any", f"expected a list of hashtags, got {extra!r}")
    extra = [t.lstrip("#") for t in extra]
    endpoint = f"{_base(url)}/api/v1/timelines/tag/{quote(tag)}"
    canonical = endpoint + (("?" + urlencode([("any[]", t) for t in extra])) if extra else "")
    return canonical, {"endpoint": endpoint, "tag": tag, "any": extra, "account": None,
                       "limit": _integer(raw, "limit", 40, 1, 40),
                       "max_pages": _integer(raw, "max_pages", 5, 1, 50)}


def _hackernews(url: str, raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    query = _string(raw, "query") or next(iter(_query_of(url).get("query", [])), None)
    if not query:
        raise OptionError("query", "a hackernews source needs a search: use a URL like "
                                   "https://hn.algolia.com/api/v1/search_by_date?query=vigie "
                                   "or set query = \"vigie\"")
    tags = _string(raw, "tags", next(iter(_query_of(url).get("tags", [])), "(story,comment)"))
    endpoint = f"{_base(url)}/api/v1/search_by_date"
    canonical = f"{endpoint}?{urlencode({'query': query})}"
    if tags != "(story,comment)":
        canonical += "&" + urlencode({"tags": tags})
    return canonical, {"endpoint": endpoint, "query": query, "tags": tags,
                       "lookback": _duration(raw, "lookback", 86400.0),
                       "max_pages": _integer(raw, "max_pages", 5, 1, 50)}


def _appstore(url: str, raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    parts = urlsplit(url)
    path = parts.path
    m_id = re.search(r"/id=?(\d+)", path)
    m_cc = re.match(r"^/([a-zA-Z]{2})/", path)
    app_id = _string(raw, "app_id") or (m_id.group(1) if m_id else None)
    country = (_string(raw, "country") or (m_cc.group(1) if m_cc else "us")).lower()
    if not app_id or not _APP_ID.match(app_id):
        raise OptionError("app_id", "an appstore source needs the numeric app id: use a URL "
                                    "like https://apps.apple.com/ca/app/name/id284882215 or set "
                                    f"app_id = \"284882215\" (got {app_id!r})")
    if not _COUNTRY.match(country):
        raise OptionError("country", f"expected a two-letter store country such as 'ca', "
                                     f"got {country!r}")
    host = "https://itunes.apple.com" if parts.hostname == "apps.apple.com" else _base(url)
    canonical = f"{host}/{country}/rss/customerreviews/id={app_id}/sortby=mostrecent/json"
    return canonical, {"base": host, "app_id": app_id, "country": country,
                       "max_pages": _integer(raw, "max_pages", 10, 1, 10)}


def _stackexchange(url: str, raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    qs = _query_of(url)
    query = _string(raw, "query") or next(iter(qs.get("q", [])), None)
    site = _string(raw, "site") or next(iter(qs.get("site", [])), None)
    if not query:
        raise OptionError("query", "a stackexchange source needs a search: set query = \"...\" "
                                   "or use a URL with ?q=...&site=...")
    if not site or not _SITE.match(site):
        raise OptionError("site", "a stackexchange source needs a site such as "
                                  f"\"stackoverflow\" or \"superuser\" (got {site!r})")
    endpoint = f"{_base(url)}/2.3/search/advanced"
    canonical = f"{endpoint}?" + urlencode({"order": "desc", "sort": "creation", "q": query,
                                            "site": site})
    return canonical, {"endpoint": endpoint, "query": query, "site": site,
                       "key": _string(raw, "key"),
                       "lookback": _duration(raw, "lookback", 86400.0),
                       "max_pages": _integer(raw, "max_pages", 3, 1, 25)}


def password_variable(value: str) -> str:
    """The environment variable an ``app_password = "${VAR}"`` names (checked at load)."""
    m = _ENV_REF.match(value)
    if m is None:
        raise OptionError("app_password", "name an environment variable instead of writing "
                                          "the password in the file, e.g. app_password = "
                                          "\"${BLUESKY_APP_PASSWORD}\"")
    return m.group(1)


def _bluesky_handle(value: str, key: str) -> str:
    handle = value.strip().lstrip("@").lower()
    if not _HANDLE.match(handle):
        raise OptionError(key, f"expected a Bluesky handle such as \"bleuetmobile.bsky.social\" "
                               f"(or a did:plc:...), got {value!r}")
    return handle


def _bluesky(url: str, raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A post search (``/search?q=``, ``searchPosts``) or one account's posts
    (``/profile/NAME``, ``getAuthorFeed``), on Bluesky's AppView or another one."""
    parts = urlsplit(url)
    qs = _query_of(url)
    web = (parts.hostname or "").lower() in BSKY_WEB_HOSTS
    appview = BSKY_PUBLIC_APPVIEW if web else _base(url)
    profile = re.search(r"/profile/([^/?#]+)/?$", parts.path)
    account = _string(raw, "account") or (profile.group(1) if profile else None) \
        or next(iter(qs.get("actor", [])), None)
    query = _string(raw, "query") or next(iter(qs.get("q", [])), None)
    if account is not None and query is not None:
        raise OptionError("query", "a bluesky source is a search or an account, not both: "
                                   "make two sources")
    lang = _string(raw, "lang") or next(iter(qs.get("lang", [])), None)
    if lang is not None and (account is not None or not _LANG.match(lang.lower())):
        raise OptionError("lang", "expected a two-letter language code such as \"fr\" (for a "
                                  f"search only), got {lang!r}")
    login = _string(raw, "login")
    password = _string(raw, "app_password")
    if (login is None) != (password is None):
        missing = "app_password" if password is None else "login"
        raise OptionError(missing, "login and app_password go together: the handle of a "
                                   "Bluesky account and one of its app passwords")
    if password is not None:
        password_variable(password)
    host = urlsplit(appview).hostname or ""
    pds = _string(raw, "pds") or (BSKY_ENTRYWAY if host == "bsky.app" or host.endswith(".bsky.app")
                                  else _base(url))
    if urlsplit(pds).scheme not in ("http", "https") or not urlsplit(pds).hostname:
        raise OptionError("pds", f"expected the https:// address of the account's server, "
                                 f"got {pds!r}")
    common = {"appview": appview, "login": _bluesky_handle(login, "login") if login else None,
              "app_password": password, "pds": pds.rstrip("/"),
              "lookback": _duration(raw, "lookback", 86400.0),
              "max_pages": _integer(raw, "max_pages", 5, 1, 50)}
    if account is not None:
        actor = _bluesky_handle(account, "account")
        canonical = f"{appview}/xrpc/app.bsky.feed.getAuthorFeed?" + urlencode({"actor": actor})
        return canonical, {**common, "method": "app.bsky.feed.getAuthorFeed", "account": actor,
                           "query": None, "lang": None}
    if not query:
        raise OptionError("query", "a bluesky source needs a search or an account: use a URL "
                                   "like https://bsky.app/search?q=vigie or "
                                   "https://bsky.app/profile/vigie.bsky.social, or set "
                                   "query = \"vigie\"")
    lang = lang.lower() if lang else None
    canonical = f"{appview}/xrpc/app.bsky.feed.searchPosts?" + urlencode(
        [("q", query)] + ([("lang", lang)] if lang else []))
    return canonical, {**common, "method": "app.bsky.feed.searchPosts", "account": None,
                       "query": query, "lang": lang}


_LEMMY_TYPES = {"all": "All", "posts": "Posts", "comments": "Comments"}
_COMMUNITY = re.compile(r"^[\w\-]+(@[\w.\-]+)?$")


def _lemmy(url: str, raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A search on a Lemmy instance (``/search?q=``, ``/api/v3/search?q=``), optionally in
    one community (``/c/NAME`` or ``community``)."""
    qs = _query_of(url)
    query = _string(raw, "query") or next(iter(qs.get("q", [])), None)
    if not query:
        raise OptionError("query", "a lemmy source needs a search: use a URL like "
                                   "https://jlai.lu/search?q=vigie or set query = \"vigie\"")
    # Lemmy matches the words as one substring; quotes would be searched literally.
    query = query.strip().strip('"').strip()
    wanted = _string(raw, "type") or next(iter(qs.get("type_", qs.get("type", []))), "all")
    results = _LEMMY_TYPES.get(wanted.lower())
    if results is None:
        raise OptionError("type", f"expected \"all\", \"posts\" or \"comments\", got {wanted!r}")
    in_path = re.search(r"/c/([^/?#]+)/?$", urlsplit(url).path)
    community = _string(raw, "community") or next(iter(qs.get("community_name", [])), None) \
        or (in_path.group(1) if in_path else None)
    if community is not None:
        community = community.lstrip("!")
        if not _COMMUNITY.match(community):
            raise OptionError("community", "expected a community name such as \"quebec\" or "
                                           f"\"quebec@lemmy.ca\", got {community!r}")
    endpoint = f"{_base(url)}/api/v3/search"
    params = [("q", query)]
    if results != "All":
        params.append(("type_", results))
    if community:
        params.append(("community_name", community))
    return f"{endpoint}?{urlencode(params)}", {
        "endpoint": endpoint, "query": query, "type": results,
        "community": community, "lookback": _duration(raw, "lookback", 86400.0),
        "max_pages": _integer(raw, "max_pages", 5, 1, 50)}


_CONFIGURE: dict[str, Callable[[str, dict[str, Any]], tuple[str, dict[str, Any]]]] = {
    "mastodon": _mastodon,
    "hackernews": _hackernews,
    "appstore": _appstore,
    "stackexchange": _stackexchange,
    "bluesky": _bluesky,
    "lemmy": _lemmy,
}


def configure(kind: str, url: str, raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Canonical URL and resolved options of an API source; :class:`OptionError` if wrong.

    ``raw`` holds the kind's own keys as read from the file (unknown ones are
    refused here, with the list of keys the kind accepts).
    """
    known = KIND_KEYS.get(kind)
    if known is None:
        if raw:
            key = sorted(raw)[0]
            raise OptionError(key, f"unknown key for a {kind!r} source")
        return url, {}
    for key in sorted(raw):
        if key not in known:
            raise OptionError(key, f"unknown key for a {kind!r} source"
                              + did_you_mean(key, known) + f" (its own keys: {', '.join(known)})")
    return _CONFIGURE[kind](url, raw)


def resolve(kind: str, url: str, options: dict[str, Any]) -> dict[str, Any]:
    """``options`` when already resolved (from the config), else those derived from ``url``."""
    return options if options else configure(kind, url, {})[1]
