"""``vigie sources``: add, import-opml, export-opml and list, on real config files."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp import web

from listener.cli import main
from listener.config import load_config
from listener.daemon import Daemon
from tests.conftest import LocalServer

DATA = Path(__file__).parent.parent / "data" / "sources"
BASE = """\
# my config: comments and layout must survive edits
[storage]
path = "v.db"

[[brands]]
name = "Bleuet Mobile"
queries = ['"Bleuet Mobile" OR bleuetmobile']

[[sources]]
url = "https://news.example.org/feed.xml"  # kept as is
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "vigie.toml"
    path.write_text(BASE, encoding="utf-8")
    return path


def run(config: Path, *args: str) -> int:
    return main(["-c", str(config), "sources", *args])


def test_add_appends_a_validated_block(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``add`` appends the canonical URL with its brand; the old text is untouched."""
    assert run(config, "add", "mastodon", "https://mastodon.social/tags/BleuetMobile",
               "--brand", "Bleuet Mobile", "--name", "Mastodon #BleuetMobile",
               "--interval", "10m") == 0
    text = config.read_text(encoding="utf-8")
    assert text.startswith(BASE)
    cfg = load_config(config)
    src = cfg.sources[-1]
    assert (src.kind, src.url, src.brands, src.interval) == (
        "mastodon", "https://mastodon.social/api/v1/timelines/tag/BleuetMobile",
        ("Bleuet Mobile",), 600.0)
    assert src.options["tag"] == "BleuetMobile" and src.options["limit"] == 40
    assert "added sources[1]" in capsys.readouterr().out


def test_adding_an_account_nobody_calls_its_own_says_what_to_do(
        config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Mastodon account source is for the brand's own account: when no brand lists it
    in exclude_authors, ``add`` says so (and once it is listed, says nothing)."""
    assert run(config, "add", "mastodon", "https://pouet.example/@BleuetAide") == 0
    out = capsys.readouterr().out
    assert load_config(config).sources[-1].options["account"] == "BleuetAide"
    assert "no brand lists 'BleuetAide' in exclude_authors" in out
    text = config.read_text(encoding="utf-8").replace(
        "queries = ['\"Bleuet Mobile\" OR bleuetmobile']",
        "queries = ['\"Bleuet Mobile\" OR bleuetmobile']\nexclude_authors = [\"BleuetAide\"]")
    config.write_text(text, encoding="utf-8")
    assert run(config, "add", "mastodon", "https://pouet.example/@bleuetaide") == 2
    assert ("sources[1] already polls https://pouet.example/@BleuetAide"
            in capsys.readouterr().err)
    assert run(config, "add", "mastodon", "https://autre.example/@bleuetaide") == 0
    assert "exclude_authors" not in capsys.readouterr().out


def test_add_refuses_duplicates_and_invalid_results(config: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A source already polled, an unknown brand or a bad URL leave the file unchanged."""
    assert run(config, "add", "hackernews",
               "https://hn.algolia.com/api/v1/search_by_date?query=bleuet") == 0
    before = config.read_text(encoding="utf-8")
    assert run(config, "add", "hackernews",
               "https://hn.algolia.com/api/v1/search_by_date?query=bleuet") == 2
    assert "already polls" in capsys.readouterr().err
    assert run(config, "add", "feed", "https://x.example/rss", "--brand", "Nope") == 2
    err = capsys.readouterr().err
    assert "no [[brands]] entry is named 'Nope'" in err
    assert f"nothing was added: {config} is unchanged" in err
    assert run(config, "add", "appstore", "https://apps.apple.com/ca/app/bleuet") == 2
    assert "numeric app id" in capsys.readouterr().err
    assert config.read_text(encoding="utf-8") == before


def test_import_and_export_opml_round_trip(config: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Nested outlines are imported once each; an export imports back to the same sources."""
    opml = DATA / "subscriptions.opml"
    assert run(config, "import-opml", str(opml), "--dry-run") == 0
    assert config.read_text(encoding="utf-8") == BASE
    assert run(config, "import-opml", str(opml)) == 0
    assert "added 4 source(s)" in capsys.readouterr().out
    assert run(config, "import-opml", str(opml)) == 0  # nothing new the second time
    assert "added 0 source(s)" in capsys.readouterr().out
    cfg = load_config(config)
    assert [s.kind for s in cfg.sources] == ["feed", "feed", "feed", "feed", "appstore"]
    assert cfg.sources[1].url.startswith("https://news.google.com/rss/search?q=%22Bleuet")
    assert cfg.sources[1].name == "Google News: Bleuet Mobile"
    out = tmp_path / "out.opml"
    assert run(config, "export-opml", "-o", str(out)) == 0
    other = tmp_path / "other.toml"
    other.write_text(BASE.replace('[[sources]]\nurl = "https://news.example.org/feed.xml"'
                                  '  # kept as is\n', ""), encoding="utf-8")
    assert main(["-c", str(other), "sources", "import-opml", str(out)]) == 0
    again = load_config(other)
    assert [(s.kind, s.url, s.name) for s in again.sources] == [
        (s.kind, s.url, s.label) for s in cfg.sources]


def test_import_refuses_doctype_and_non_opml(config: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Entity tricks and files that are not OPML are refused with a clear message."""
    evil = tmp_path / "evil.opml"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                    '<opml><body><outline xmlUrl="https://a.example/&a;"/></body></opml>')
    assert run(config, "import-opml", str(evil)) == 2
    assert "DOCTYPE" in capsys.readouterr().err
    rss = tmp_path / "feed.xml"
    rss.write_text("<rss><channel/></rss>")
    assert run(config, "import-opml", str(rss)) == 2
    assert "not an OPML file" in capsys.readouterr().err
    assert config.read_text(encoding="utf-8") == BASE


async def test_list_shows_health(server: LocalServer, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """``list`` shows every configured source and why a failing one fails."""
    async def refused(request: web.Request) -> web.Response:
        return web.json_response({"error": "This API requires an authenticated user"},
                                 status=401)

    server.route("/api/v1/timelines/tag/bleuet", refused)
    await server.start()
    path = tmp_path / "vigie.toml"
    path.write_text(BASE + f'\n[[sources]]\nkind = "mastodon"\n'
                           f'url = "{server.url("/tags/bleuet")}"\n', encoding="utf-8")
    assert main(["-c", str(path), "sources", "list"]) == 0
    assert capsys.readouterr().out.count("new ") == 2
    full = load_config(path)
    cfg = dataclasses.replace(full, sources=full.sources[1:])  # only the served source
    async with Daemon(cfg, workers=1, clock=lambda: datetime(2026, 11, 20, tzinfo=UTC)) as d:
        await d.run_once()
    assert main(["-c", str(path), "sources", "list"]) == 0
    out = capsys.readouterr().out
    assert "mastodon      FAIL     1" in out
    assert "source refused access (HTTP 401): This API requires an authenticated user" in out


def test_remove_cuts_out_one_table_and_keeps_the_rest_as_written(
        config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``remove`` by name or URL takes out only that table's lines (comments elsewhere stay)."""
    assert run(config, "add", "feed", "https://blog.example.org/rss", "--name", "Le blog",
               "--brand", "Bleuet Mobile") == 0
    with config.open("a", encoding="utf-8") as fh:
        fh.write("\n# a note about the next source\n# [[sources]]\n# url = \"https://old.example\"\n")
    assert run(config, "add", "hackernews",
               "https://hn.algolia.com/api/v1/search_by_date?query=bleuet") == 0
    config.chmod(0o600)
    capsys.readouterr()

    assert run(config, "remove", "LE BLOG", "--dry-run") == 0
    captured = capsys.readouterr()
    assert 'url = "https://blog.example.org/rss"' in captured.out
    assert "would remove sources[1]" in captured.err
    assert len(load_config(config).sources) == 3

    assert run(config, "remove", "le blog") == 0
    assert "removed sources[1]" in capsys.readouterr().out
    text = config.read_text(encoding="utf-8")
    assert text.startswith(BASE) and "blog.example.org" not in text
    assert "# a note about the next source\n# [[sources]]" in text
    assert "\n\n\n" not in text
    assert (config.stat().st_mode & 0o777) == 0o600
    assert [s.kind for s in load_config(config).sources] == ["feed", "hackernews"]

    assert run(config, "remove", "https://news.example.org/feed.xml") == 0
    cfg = load_config(config)
    assert [s.kind for s in cfg.sources] == ["hackernews"]
    assert cfg.brands[0].name == "Bleuet Mobile"


def test_remove_refuses_what_it_cannot_do_cleanly(config: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown or ambiguous names, and tables written inline, leave the file untouched."""
    assert run(config, "remove", "https://nowhere.example/") == 2
    assert "no source has the URL or name" in capsys.readouterr().err
    for url in ("https://a.example/rss", "https://b.example/rss"):
        assert run(config, "add", "feed", url, "--name", "Twin") == 0
    before = config.read_bytes()
    assert run(config, "remove", "twin") == 2
    err = capsys.readouterr().err
    assert "2 sources are named 'twin'" in err and "https://b.example/rss" in err
    assert config.read_bytes() == before

    inline = tmp_path / "inline.toml"
    inline.write_text('sources = [{url = "https://a.example/rss"}]\n[[brands]]\nname = "X"\n',
                      encoding="utf-8")
    assert main(["-c", str(inline), "sources", "remove", "https://a.example/rss"]) == 2
    assert "remove the table by hand" in capsys.readouterr().err


def test_remove_on_the_example_config_keeps_its_commented_examples(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).resolve().parents[2] / "config.example.toml"
    path = tmp_path / "vigie.toml"
    path.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    for source in load_config(path).sources:
        assert run(path, "remove", source.url) == 0
    text = path.read_text(encoding="utf-8")
    assert load_config(path).sources == ()
    assert '# kind = "stackexchange"' in text and "[alerts]" in text
    removed = set(example.read_text(encoding="utf-8").splitlines()) - set(text.splitlines())
    assert all(line.startswith(("url", "kind", "name", "interval", "brands", "[[sources]]",
                                "# required", "# The source kind", "# A display name",
                                "# Poll interval", "# Only match"))
               for line in removed), removed


async def test_preview_shows_what_a_feed_would_give_and_stores_nothing(
        server: LocalServer, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`sources preview` fetches over HTTP and analyses as the daemon would: the matched
    items with brand and label, the excluded author counted, a few unmatched ones shown,
    hostile text cleaned; no database is created."""
    import asyncio

    from tests.feeds import item, rss

    body = rss([
        item(1, "Panne Bleuet Mobile depuis ce matin, c'est nul.", author="lea"),
        item(2, "Bleuet Mobile: désolés pour la panne.", author="BleuetMobile"),
        item(3, "Tarte aux bleuets du Lac-Saint-Jean, la recette.", author="chef"),
        item(4, "Merci Bleuet Mobile \x1b[2J\x1b]8;;https://evil.example\x07super service",
             author="max"),
    ])

    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml")

    async def moved(request: web.Request) -> web.Response:
        return web.Response(status=404)

    url = server.route("/tag.rss", feed)
    gone = server.route("/gone.rss", moved)
    await server.start()
    config = tmp_path / "vigie.toml"
    config.write_text(BASE.replace('queries = [\'"Bleuet Mobile" OR bleuetmobile\']',
                                   'queries = [\'"Bleuet Mobile"\']\n'
                                   'exclude_authors = ["bleuetmobile"]')
                      + f'\n[[sources]]\nurl = "{url}"\nname = "Le tag"\n', encoding="utf-8")
    assert await asyncio.to_thread(run, config, "preview", "feed", url) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{url} [feed]: 4 items fetched; 2 would be stored as mentions "
                          "(1 by excluded authors left out)")
    lines = out.splitlines()
    assert any("Bleuet Mobile" in line and "negative" in line and "lea: Post 1 · Panne" in line
               for line in lines)
    assert any("positive" in line and "max: Post 4 · Merci Bleuet Mobile" in line
               for line in lines)
    assert "2 items mention no brand or were left out, e.g.:" in out
    assert "chef: Post 3 · Tarte aux bleuets" in out
    assert "\x1b" not in out and "\x07" not in out
    # A configured source by its name; nothing was written anywhere.
    assert await asyncio.to_thread(run, config, "preview", "Le tag", "--limit", "1") == 0
    out = capsys.readouterr().out
    assert out.startswith("Le tag [feed]: 4 items fetched;") and "… and 1 more" in out
    assert not (tmp_path / "v.db").exists()
    assert await asyncio.to_thread(run, config, "preview", "Le tag", "-b", "Bleuet Mobile") == 2
    assert "--brand applies to KIND URL" in capsys.readouterr().err
    # A dead URL: one line naming it, exit 2.
    assert await asyncio.to_thread(run, config, "preview", "feed", gone) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"vigie: error: {gone}: HTTP 404") and "Traceback" not in err


def test_add_writes_the_kinds_own_keys_and_says_when_bluesky_needs_a_login(
        config: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``--set KEY=VALUE`` writes a kind's keys (checked like the file's); a Bluesky search
    without a login, or whose password variable is unset here, gets a note."""
    assert run(config, "add", "bluesky", "https://bsky.app/search?q=bleuet",
               "--set", "lang=fr", "--set", "max_pages=3") == 0
    out = capsys.readouterr().out
    src = load_config(config).sources[-1]
    assert (src.options["lang"], src.options["max_pages"]) == ("fr", 3)
    assert "Bluesky answers post searches only to logged-in clients" in out
    monkeypatch.delenv("VIGIE_TEST_BSKY", raising=False)
    assert run(config, "add", "bluesky", "https://bsky.app/search?q=colibri",
               "--set", "login=veille.bsky.social",
               "--set", "app_password=${VIGIE_TEST_BSKY}") == 0
    assert "VIGIE_TEST_BSKY is not set in this shell" in capsys.readouterr().out
    assert 'app_password = "${VIGIE_TEST_BSKY}"' in config.read_text(encoding="utf-8")
    before = config.read_text(encoding="utf-8")
    assert run(config, "add", "bluesky", "https://bsky.app/search?q=lune",
               "--set", "login=veille.bsky.social", "--set", "app_password=hunter2") == 2
    err = capsys.readouterr().err
    assert "--set app_password" in err and "name an environment variable" in err
    assert run(config, "add", "bluesky", "https://bsky.app/search?q=lune", "--set", "lang") == 2
    assert "expected KEY=VALUE" in capsys.readouterr().err
    assert config.read_text(encoding="utf-8") == before
