"""A brand narrowed in the configuration: the daemon brings the stored mentions in line.

Real local feed server, real SQLite file, the daemon restarted with the new
configuration, as a user would do it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from listener.config import Config, parse_config
from listener.daemon import Daemon
from listener.store import connect
from listener.store.reads import brand_summary, recent_mentions
from listener.store.triage import ItemRef, apply_action
from tests.conftest import LocalServer
from tests.feeds import item, rss
from tests.integration.test_daemon import static

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

BRANDS = """
[[brands]]
name = "Bleuet Mobile"
queries = ['"Bleuet Mobile"']
{extra}
[[brands]]
name = "Colibri"
queries = ['Colibri']
"""


def config(tmp_path: Path, url: str, extra: str = "") -> Config:
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            + BRANDS.format(extra=extra) + f'[[sources]]\nurl = "{url}"\n')
    return parse_config(text, path=tmp_path / "vigie.toml")


def by_author(cfg: Config) -> dict[str, list[str]]:
    db = connect(cfg.storage.path)
    rows = db.execute("SELECT m.author, b.brand FROM mentions m"
                      " JOIN mention_brands b ON b.mention_id = m.id ORDER BY b.brand").fetchall()
    out: dict[str, list[str]] = {}
    for author, brand in rows:
        out.setdefault(author, []).append(brand)
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == len(out)
    return out


@pytest.fixture
def vigie_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    logging.getLogger("vigie").propagate = True
    caplog.set_level(logging.INFO, logger="vigie")
    return caplog


async def test_an_author_excluded_later_leaves_the_stored_mentions(
        server: LocalServer, tmp_path: Path, vigie_log: pytest.LogCaptureFixture) -> None:
    url = server.route("/tags/bleuet.rss", static(rss([
        item(1, "Bleuet Mobile : désolés pour la panne, nos équipes sont dessus.",
             author="BleuetMobile"),
        item(2, "Toujours aucun réseau avec Bleuet Mobile depuis midi, c'est nul.",
             author="lea"),
        item(3, "Bleuet Mobile et Colibri s'associent pour la livraison.",
             author="@bleuetmobile@mastodon.social"),
        item(4, "Bleuet Mobile: sorry for the outage, we are on it.", author="bleuet_support"),
    ])))
    await server.start()
    before = config(tmp_path, url)
    async with Daemon(before, workers=1, clock=lambda: NOW) as d:
        assert d.rematched is not None and not d.rematched.links  # first start: recorded
        await d.run_once()
    assert set(by_author(before)) == {"BleuetMobile", "lea", "@bleuetmobile@mastodon.social",
                                      "bleuet_support"}
    # Someone is working on the support account's English post: it must not vanish.
    db = connect(before.storage.path)
    support_id = next(r["id"] for r in recent_mentions(db, limit=50)
                      if r["author"] == "bleuet_support")
    apply_action(db, [ItemRef("mention", support_id)], "assign", who="bob", now=NOW,
                 assignee="bob")

    after = config(tmp_path, url, 'exclude_authors = ["bleuetmobile", "bleuet_support"]')
    vigie_log.clear()
    async with Daemon(after, workers=1, clock=lambda: NOW) as d:
        counts = d.rematched
        assert counts is not None
        assert counts.links == {"Bleuet Mobile": 2} and counts.mentions == 1 and counts.kept == 1
        await d.run_once()  # the same feed again: nothing comes back
    assert by_author(after) == {"lea": ["Bleuet Mobile"],
                                "@bleuetmobile@mastodon.social": ["Colibri"],
                                "bleuet_support": ["Bleuet Mobile"]}
    counts_by_brand = {r["brand"]: r["mentions"] for r in brand_summary(connect(after.storage.path))}
    assert counts_by_brand == {"Bleuet Mobile": 2, "Colibri": 1}
    done = [r for r in vigie_log.records if r.getMessage() == "brands.rematched"]
    assert len(done) == 1 and done[0].levelno == logging.WARNING
    assert done[0].kv["by_brand"] == "Bleuet Mobile:2"  # type: ignore[attr-defined]
    assert done[0].kv["kept_under_triage"] == 1  # type: ignore[attr-defined]

    # Same rules again: nothing is checked.
    vigie_log.clear()
    async with Daemon(after, workers=1, clock=lambda: NOW) as d:
        assert d.rematched is None
    assert not [r for r in vigie_log.records if "rematch" in r.getMessage()]


async def test_a_widened_rule_reads_the_unchanged_feed_again(server: LocalServer,
                                                             tmp_path: Path) -> None:
    """A query added for posts already in the feed: the next start finds them at once,
    instead of answering 304 / skipping the unchanged body until the feed changes."""
    url = server.route("/news.rss", static(rss([
        item(1, "Bleuet Mobile en panne à Montréal.", author="lea"),
        item(2, "La nouvelle appli Colibri Express livre en 20 minutes.", author="max"),
    ])))
    await server.start()
    narrow = config(tmp_path, url).brands
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n'
            f'[[sources]]\nurl = "{url}"\n')
    first = parse_config(text, path=tmp_path / "vigie.toml")
    async with Daemon(first, workers=1, clock=lambda: NOW) as d:
        assert (await d.run_once()).new == 1
        again = await d.run_once()
        assert again.not_modified == 1 and again.new == 0  # the ETag answers 304
    wider = parse_config(text.replace("[[sources]]", "[[brands]]\nname = \"Colibri\"\n"
                                      "queries = ['Colibri']\n[[sources]]"),
                         path=tmp_path / "vigie.toml")
    assert [b.name for b in wider.brands] == [b.name for b in narrow]
    async with Daemon(wider, workers=1, clock=lambda: NOW) as d:
        stats = await d.run_once()
        assert (stats.ok, stats.new, stats.duplicates) == (1, 1, 1)
    assert by_author(wider) == {"lea": ["Bleuet Mobile"], "max": ["Colibri"]}
