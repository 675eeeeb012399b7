"""The bundled demo world of ``vigie demo``: fictional brands, realistic feeds, local HTTP.

* :mod:`listener.demo.scenario` — the brands, the feeds and the planned events (edit here);
* :mod:`listener.demo.texts_fr`, :mod:`listener.demo.texts_en` — phrase banks;
* :mod:`listener.demo.compose` — turns the banks into varied texts;
* :mod:`listener.demo.world` — every item of every feed, from a seed and a time;
* :mod:`listener.demo.render` — RSS, Atom, JSON Feed, Discourse, Mastodon shapes;
* :mod:`listener.demo.api` — Mastodon API, App Store reviews JSON, Hacker News search;
* :mod:`listener.demo.server` — :class:`DemoServer`, the aiohttp server on 127.0.0.1.
"""

from __future__ import annotations

from listener.demo.scenario import BRANDS, DEFAULT_SCENARIO, FEEDS, Scenario
from listener.demo.server import DemoServer, SimClock
from listener.demo.world import DemoItem, DemoWorld

__all__ = ["BRANDS", "DEFAULT_SCENARIO", "FEEDS", "DemoItem", "DemoServer", "DemoWorld",
           "Scenario", "SimClock"]
