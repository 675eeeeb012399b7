"""Pilot tests of the triage app: every action, filters, search, live refresh, hostile text."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input

from listener.i18n import ENGLISH, msg
from listener.store import connect, utc_iso
from listener.store.triage import ItemRef, apply_action, get_states, history
from listener.store.tx import write_tx
from tests.tui.storefix import NOW, build, insert_alert, insert_mention
from tui.app import VigieApp
from tui.screens.detail import DetailScreen
from tui.screens.help import HelpScreen
from tui.screens.main import PAGE, MainScreen
from tui.screens.prompts import ChoicePrompt, TextPrompt
from tui.screens.trends import TrendsScreen

M = "mention"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """The fixed store of :mod:`tests.tui.storefix`."""
    return build(tmp_path / "t.db")


class Harness:
    """The running app, its pilot, and helpers to read the store."""

    def __init__(self, app: VigieApp, pilot: Pilot[None], path: Path) -> None:
        self.app, self.pilot, self.path = app, pilot, path
        self.opened: list[str] = []

    @property
    def main(self) -> MainScreen:
        return self.app.main

    def row_keys(self) -> list[str]:
        t = self.main.table
        return [t.key_at(i) for i in range(t.row_count)]  # type: ignore[misc]

    def state(self, kind: str, item_id: int):  # type: ignore[no-untyped-def]
        db = connect(self.path)
        try:
            return get_states(db, [ItemRef(kind, item_id)])[ItemRef(kind, item_id)]
        finally:
            db.conn.close()

    async def settle(self) -> None:
        await self.pilot.pause()
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def cursor_to(self, key: str) -> None:
        self.main.table.move_cursor(row=self.row_keys().index(key))
        await self.pilot.pause()


@pytest.fixture
async def h(store: Path) -> AsyncIterator[Harness]:
    """The app on the fixed store, 140×40, fixed clock, no poll timer."""
    app = VigieApp(store, user="ana", clock=lambda: NOW, poll_interval=None)
    async with app.run_test(size=(140, 40)) as pilot:
        harness = Harness(app, pilot, store)
        app._opener = harness.opened.append
        await harness.settle()
        yield harness


async def test_needs_reply_is_ordered_by_urgency_with_counts(h: Harness) -> None:
    """The first queue lists negative mentions, the most urgent first, with live counts."""
    assert h.row_keys()[:2] == ["m11", "m1"]
    assert set(h.row_keys()) == {f"m{i}" for i in (1, 2, 5, 6, 7, 8, 9, 10, 11)}
    assert h.main.counts == {"needs_reply": 9, "spikes": 1, "campaigns": 1, "all": 12,
                             "done": 0}


async def test_queue_keys_switch_queues(h: Harness) -> None:
    """Keys 1-5 and tab show each queue."""
    await h.press("2")
    assert h.row_keys() == ["a1"]
    await h.press("3")
    assert h.row_keys() == ["c1"]
    await h.press("4")
    assert len(h.row_keys()) == 12 and h.row_keys()[0] == "m12"
    await h.press("5")
    assert h.row_keys() == []
    await h.press("tab")
    assert h.main.queue == "needs_reply"


async def test_each_queue_names_the_fields_its_rows_show(h: Harness) -> None:
    """A spike row shows tests and severity, a campaign row kind and size: the
    header says so; mention queues and the mixed Done queue say source and author."""
    def header() -> str:
        table = h.main.table
        return str(table.columns[next(iter(table.columns))].label)

    assert "source" in header() and "author" in header()
    await h.press("2")
    assert "tests" in header() and "severity" in header() and "author" not in header()
    await h.press("3")
    assert "kind" in header() and "size" in header() and "reasons" in header()
    await h.press("5")
    assert "source" in header() and "author" in header()
    h.main.table.fit_width(90)  # a narrower list keeps the queue's names
    await h.press("2")
    h.main.table.fit_width(120)
    assert "severity" in header()


async def test_resolve_removes_the_row_and_logs_who(h: Harness) -> None:
    """r resolves the cursor row: it leaves the queue, the store records ana and the time."""
    await h.press("r")
    assert "m11" not in h.row_keys()
    assert h.main.table.cursor_key == "m1"  # the next item is under the cursor
    s = h.state(M, 11)
    assert (s.status, s.updated_by, s.updated_at) == ("resolved", "ana", utc_iso(NOW))
    assert h.main.counts["done"] == 1 and h.main.counts["needs_reply"] == 8


async def test_ignore_and_escalate(h: Harness) -> None:
    """i ignores (leaves the queue); e escalates (stays, marked)."""
    await h.press("i")
    assert h.state(M, 11).status == "ignored"
    await h.press("e")
    assert h.state(M, 1).status == "escalated"
    assert "m1" in h.row_keys()


async def test_snooze_for_four_hours(h: Harness) -> None:
    """z offers 1 h / 4 h / 1 d; the item leaves the queue until then."""
    await h.press("z")
    assert isinstance(h.app.screen, ChoicePrompt)
    await h.press("down", "enter")
    s = h.state(M, 11)
    assert s.status == "snoozed" and s.snoozed_until == utc_iso(NOW + timedelta(hours=4))
    assert "m11" not in h.row_keys()


async def test_assign_tag_and_note(h: Harness) -> None:
    """a, t and n ask for text and store it; the history shows each action."""
    await h.press("a")
    prompt = h.app.screen
    assert isinstance(prompt, TextPrompt)
    prompt.query_one(Input).value = "bob"
    await h.press("enter")
    await h.press("t")
    await h.pilot.press(*"billing,")
    h.app.screen.query_one(Input).value += " outage"
    await h.press("enter")
    await h.press("n")
    h.app.screen.query_one(Input).value = "called back"
    await h.press("enter")
    s = h.state(M, 11)
    assert s.assignee == "bob" and s.tags == ("billing", "outage") and s.notes == 1
    db = connect(h.path)
    actions = [e.action for e in history(db, ItemRef(M, 11))]
    assert actions == ["note", "tag", "assign"]
    assert history(db, ItemRef(M, 11))[0].payload == {"text": "called back"}


async def test_campaign_verdict_applies_to_members(h: Harness) -> None:
    """v on a campaign marks it and its members; confirmed fake ignores the members."""
    await h.press("3")
    await h.press("v")
    await h.press("down", "enter")
    assert h.state("campaign", 1).verdict == "confirmed_fake"
    for mid in (5, 6, 7):
        s = h.state(M, mid)
        assert (s.verdict, s.status) == ("confirmed_fake", "ignored")
    assert h.row_keys() == []


async def test_verdict_on_a_mention_is_refused(h: Harness) -> None:
    """v outside campaigns writes nothing and says why."""
    await h.press("v")
    assert not isinstance(h.app.screen, ChoicePrompt)
    assert h.state(M, 11).version == 0


async def test_undo_restores_the_last_action(h: Harness) -> None:
    """u undoes the last action: the item is back in the queue in its former state."""
    await h.press("r")
    assert "m11" not in h.row_keys()
    await h.press("u")
    assert "m11" in h.row_keys()
    s = h.state(M, 11)
    assert s.status == "new" and s.version == 2
    await h.press("u")  # nothing left to undo: no change
    assert h.state(M, 11).version == 2


async def test_bulk_select_and_resolve(h: Harness) -> None:
    """space selects rows; one action applies to all of them in one batch."""
    await h.press("space", "space")
    assert h.main.table.selected == {"m11", "m1"}
    await h.press("r")
    assert h.state(M, 11).status == h.state(M, 1).status == "resolved"
    db = connect(h.path)
    batches = {e.batch for ref in (11, 1) for e in history(db, ItemRef(M, ref))}
    assert len(batches) == 1
    assert not h.main.table.selected


async def test_search_and_escape(h: Harness) -> None:
    """/ searches the full text; Escape goes back to the previous queue."""
    await h.press("slash")
    h.app.screen.query_one(Input).value = "parcel"
    await h.press("enter")
    assert h.main.queue == "search" and set(h.row_keys()) == {"m5", "m6"}
    await h.press("escape")
    assert h.main.queue == "needs_reply"


async def test_open_link_and_copy(h: Harness) -> None:
    """o opens the link; c copies the link or a filled-in template."""
    await h.press("o")
    assert h.opened == ["https://example.org/m/11"]
    await h.press("c")
    await h.press("enter")
    assert h.app.copied[-1] == "https://example.org/m/11"
    await h.press("c")
    await h.press("down", "enter")  # first template: French, the mention's language
    assert h.app.copied[-1].startswith("Bonjour bob,")


async def test_brand_and_source_filters(h: Harness) -> None:
    """b and s filter every queue; choosing “all” clears the filter."""
    await h.press("b")
    await h.press("down", "down", "enter")  # all, Bleuet Mobile, Colibri
    assert set(h.row_keys()) == {"m5", "m6", "m7"}
    assert h.main.counts["needs_reply"] == 3
    await h.press("s")
    await h.press("down", "enter")  # all, Avis Clients, ...
    assert set(h.row_keys()) == {"m5", "m6", "m7"}
    await h.press("b")
    await h.press("enter")
    assert set(h.row_keys()) == {"m2", "m5", "m6", "m7", "m11"}


async def test_m_shows_only_what_is_assigned_to_me_and_m_again_everyone(h: Harness) -> None:
    """m keeps, in every queue, the items assigned to the user (ana), says so above the
    list, and m again shows everyone's."""
    from tui.widgets.line import Line

    everyone = set(h.row_keys())
    await h.cursor_to("m5")
    await h.press("a")
    await h.press("enter")  # the prompt offers the user's own name
    assert h.state("mention", 5).assignee == "ana"
    await h.press("m")
    assert h.row_keys() == ["m5"] and h.main.counts["needs_reply"] == 1
    assert "assigned to ana" in h.main.query_one("#listinfo", Line).text.plain
    await h.press("2")
    assert h.row_keys() == [] and h.main.counts["spikes"] == 0
    await h.press("1", "m")
    assert set(h.row_keys()) == everyone
    assert "assigned to" not in h.main.query_one("#listinfo", Line).text.plain


async def test_help_detail_and_trends_screens(h: Harness) -> None:
    """? shows help; Enter opens the item (marking it open); g shows trends."""
    await h.press("question_mark")
    assert isinstance(h.app.screen, HelpScreen)
    await h.press("escape")
    await h.press("enter")
    assert isinstance(h.app.screen, DetailScreen)
    assert h.state(M, 11).status == "open"
    await h.press("escape")
    assert isinstance(h.app.screen, MainScreen)
    await h.press("g")
    assert isinstance(h.app.screen, TrendsScreen)


async def test_detail_screen_actions_act_on_the_item(h: Harness) -> None:
    """Triage keys work from the detail screen too."""
    await h.press("enter", "e")
    assert h.state(M, 11).status == "escalated"


async def test_new_items_appear_without_moving_the_cursor(h: Harness) -> None:
    """A mention stored by the daemon shows up on the next poll; the cursor stays on its item."""
    await h.cursor_to("m2")
    db = connect(h.path)
    with write_tx(db):
        insert_mention(db, 13, 0.1, 1, "zoe", ["Bleuet Mobile"], "negative", -0.95, 500000,
                       "fr", "Scandale", "Bleuet Mobile: scandale, fuite de données !")
    h.main.poll_now()
    await h.settle()
    assert h.row_keys()[0] == "m13"
    assert h.main.table.cursor_key == "m2"
    assert h.main.counts["needs_reply"] == 10


async def test_someone_elses_action_is_seen_and_stale_writes_refused(h: Harness) -> None:
    """Another person's action arrives by polling; acting on a stale row writes nothing."""
    db = connect(h.path)
    apply_action(db, [ItemRef(M, 11)], "assign", who="bob", now=NOW, assignee="bob")
    await h.press("r")  # the app still shows version 0
    s = h.state(M, 11)
    assert (s.status, s.assignee, s.updated_by) == ("new", "bob", "bob")
    h.main.poll_now()
    await h.settle()
    await h.press("r")
    assert h.state(M, 11).status == "resolved"


async def test_undo_is_refused_when_someone_acted_since(h: Harness) -> None:
    """Undo never overwrites a later action of another person."""
    await h.press("r")
    db = connect(h.path)
    apply_action(db, [ItemRef(M, 11)], "reopen", who="bob", now=NOW)
    await h.press("u")
    s = h.state(M, 11)
    assert (s.status, s.updated_by) == ("open", "bob")


async def test_notification_when_a_spike_opens(h: Harness) -> None:
    """A new open alert raises a notification on the next poll."""
    db = connect(h.path)
    with write_tx(db):
        insert_alert(db, 2, "Colibri", [5, 6])
    h.main.poll_now()
    await h.settle()
    titles = [n.title for n in h.app._notifications]
    assert any(t.startswith("Spike opened") for t in titles)
    assert h.main.counts["spikes"] == 2


async def test_hostile_text_is_shown_literally(h: Harness) -> None:
    """Markup, ANSI, bidi and zero-width text render as plain, visible characters."""
    cells = {k: h.main.table.get_row(k)[0] for k in ("m8", "m9", "m10")}
    plain = cells["m8"].plain
    assert "[red]ROUGE[/red] [link=" in plain
    start = plain.index("[red]ROUGE")
    assert not any(span.start <= start < span.end for span in cells["m8"].spans)
    assert "\x1b" not in cells["m9"].plain and "␛[31m" in cells["m9"].plain
    assert "\u202e" not in cells["m10"].plain and "\u200b" not in cells["m10"].plain
    assert "⇄" in cells["m10"].plain
    for key in ("m8", "m9", "m10", "m11"):
        out = render_plain(h.main.detail_renderable(h.main.table.rows_by_key[key]))
        assert "\x1b" not in out and "\u202e" not in out
        if key == "m8":
            assert "[red]ROUGE[/red] [link=https://evil.example]click[/link]" in out
        if key == "m11":  # 100 KB post: cut, with a note
            assert "more characters not shown" in " ".join(out.split()) and len(out) < 40_000


def render_plain(renderable: object) -> str:
    """What a renderable prints, as plain text (80 columns)."""
    console = Console(width=80, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


async def test_paging_loads_more_rows_at_the_bottom(tmp_path: Path) -> None:
    """Rows are loaded a page at a time; nearing the bottom loads the next page."""
    path = build(tmp_path / "big.db")
    db = connect(path)
    with write_tx(db):
        for i in range(100, 550):
            insert_mention(db, i, 40 + i / 10, 1, f"u{i}", ["Colibri"], "negative", -0.5, 1,
                           "en", "t", f"text {i}")
    app = VigieApp(path, user="ana", clock=lambda: NOW, poll_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.main.table
        assert table.row_count == PAGE
        table.move_cursor(row=PAGE - 1)
        await pilot.pause()
        assert table.row_count == 2 * PAGE
        keys = [table.key_at(i) for i in range(table.row_count)]
        urgencies = [table.rows_by_key[k].urgency for k in keys]
        assert urgencies == sorted(urgencies, reverse=True)  # keyset pages continue the order
        assert len(set(keys)) == 2 * PAGE


async def test_scrolled_view_stays_put_when_new_rows_arrive(tmp_path: Path) -> None:
    """Scrolled down, new rows above do not move the visible rows; the bar counts them."""
    path = build(tmp_path / "scroll.db")
    db = connect(path)
    with write_tx(db):
        for i in range(100, 160):
            insert_mention(db, i, 30 + i / 10, 1, f"u{i}", ["Colibri"], "negative", -0.5, 1,
                           "en", "t", f"text {i}")
    app = VigieApp(path, user="ana", clock=lambda: NOW, poll_interval=None)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        table = app.main.table
        table.move_cursor(row=40)
        await pilot.pause()
        top = int(table.scroll_y)
        assert top > 0
        top_key, cursor_key = table.key_at(top), table.cursor_key
        with write_tx(db):
            insert_mention(db, 200, 0.1, 1, "zoe", ["Colibri"], "negative", -0.95, 500000,
                           "en", "t", "urgent")
        app.main.poll_now()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert table.key_at(0) == "m200"
        assert table.cursor_key == cursor_key
        assert table.key_at(int(table.scroll_y)) == top_key
        assert table.new_above == 1


async def test_reopen_from_done(h: Harness) -> None:
    """R in Done puts an item back in its queue."""
    await h.press("r")
    await h.press("5")
    assert h.row_keys() == ["m11"]
    await h.press("R")
    assert h.row_keys() == [] and h.state(M, 11).status == "open"
    await h.press("1")
    assert "m11" in h.row_keys()


async def test_live_polling_beside_a_writer_in_the_same_loop(tmp_path: Path) -> None:
    """With the real poll timer, rows written by a StoreWriter task show within 2 s."""
    import asyncio
    import time

    from listener.store import StoreWriter

    path = build(tmp_path / "live.db")
    writer = StoreWriter(path)

    def write(db, mid: int) -> None:  # type: ignore[no-untyped-def]
        with write_tx(db):
            insert_mention(db, mid, 0.01, 1, "w", ["Colibri"], "negative", -0.9, 10, "en", "t",
                           f"live {mid}")

    app = VigieApp(path, user="ana", clock=lambda: NOW, poll_interval=0.25)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await writer.call(write, 300)
            start = time.monotonic()
            while "m300" not in app.main.table.rows_by_key and time.monotonic() - start < 2:
                await asyncio.sleep(0.05)
            assert "m300" in app.main.table.rows_by_key
            assert time.monotonic() - start < 2
    finally:
        writer.close()


async def test_times_are_shown_in_the_display_zone(store: Path) -> None:
    """With a display zone, the list, its header and the detail read local time;
    the store keeps UTC (a Montréal team reads 07:00 EST for 12:00 UTC)."""
    from zoneinfo import ZoneInfo

    from listener.store.incidents import mention_detail

    app = VigieApp(store, user="ana", clock=lambda: NOW, poll_interval=None,
                   zone=ZoneInfo("America/Toronto"))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.main.table
        assert "time EST" in str(table.columns[next(iter(table.columns))].label)
        row = table.rows_by_key["m1"]
        stored = mention_detail(app.db, row.ref.id, now=NOW)
        assert stored is not None and stored.row.at.endswith(("Z", "+00:00"))
        utc_hhmm = stored.row.at[11:16]
        local = (int(utc_hhmm[:2]) - 5) % 24
        cell = table.get_row("m1")[0].plain
        assert f"{local:02d}:{utc_hhmm[3:]}" in cell and utc_hhmm not in cell
        out = render_plain(app.main.detail_renderable(row))
        assert f"{local:02d}:{utc_hhmm[3:]} EST" in out and " UTC" not in out



async def test_alerts_not_delivered_are_named_in_the_list_header(store: Path) -> None:
    """A dead letter in the alert outbox (a webhook refused for good): "⚠ 1 alert not
    delivered" above the list, so the team knows a channel is broken; none, no mark."""
    from listener.alerts.config import parse_alerts
    from listener.alerts.outbox import enqueue_detection, list_rows, mark_failed
    from tui.widgets.line import Line

    app = VigieApp(store, user="ana", clock=lambda: NOW, poll_interval=None)
    async with app.run_test(size=(200, 40)) as pilot:
        await Harness(app, pilot, store).settle()
        assert "not delivered" not in app.main.query_one("#listinfo", Line).text.plain
    alerts = parse_alerts({"channels": [{"name": "ops", "kind": "command", "command": ["x"]}],
                           "rules": [{"events": ["spike.*"], "channels": ["ops"]}]},
                          "v.toml", env={})
    db = connect(store)
    with write_tx(db):
        enqueue_detection(db, alerts, kind="spike.opened", item_id=1, brand="Bleuet Mobile",
                          summary="s", at=NOW, severity="major", payload={})
    mark_failed(db, [list_rows(db)[0].id], "HTTP 410", 410, None)
    db.conn.close()
    app = VigieApp(store, user="ana", clock=lambda: NOW, poll_interval=None)
    async with app.run_test(size=(200, 40)) as pilot:
        await Harness(app, pilot, store).settle()
        assert "⚠ 1 alert not delivered" in app.main.query_one("#listinfo", Line).text.plain

async def test_failing_sources_are_named_in_the_list_header_and_the_trends(store: Path) -> None:
    """A source that failed twice or more in a row: "⚠ 1 source failing" above the list,
    and its name, failures and last error (a server's text, shown inert) in the trends."""
    from textual.widgets import Static

    from tui.widgets.line import Line

    db = connect(store)
    with write_tx(db):
        db.execute("UPDATE sources SET consecutive_failures = 3, last_success = ?,"
                   " failing_since = ?, last_error = ? WHERE id = 1",
                   [utc_iso(NOW - timedelta(hours=5)), utc_iso(NOW - timedelta(hours=4)),
                    "HTTP 503 [bold]down[/] \x1b[2J"])
        db.execute("UPDATE sources SET consecutive_failures = 1 WHERE id = 2")  # a blip
    db.conn.close()
    app = VigieApp(store, user="ana", clock=lambda: NOW, poll_interval=None)
    async with app.run_test(size=(200, 40)) as pilot:
        await Harness(app, pilot, store).settle()
        info = app.main.query_one("#listinfo", Line).text.plain
        assert "⚠ 1 source failing" in info
        assert [s.id for s in app.main.failing] == [1]
        trends = render_plain(app.main.query_one("#trends", Static).content)
        assert "⚠ Le Fil" in trends and "3 failures" in trends
        assert "failing since 11-20 08:00" in trends
        assert "[bold]down[/]" in trends and "\x1b" not in trends
        # A long error does not squeeze the brands' names out of a narrow panel.
        narrow = Console(width=50, file=io.StringIO(), record=True, color_system=None)
        narrow.print(app.main.query_one("#trends", Static).content)
        assert "Bleuet Mobi" in narrow.export_text()
        # The source filter marks it too.
        await pilot.press("s")
        await pilot.pause()
        from textual.widgets import OptionList

        prompt = app.screen
        assert isinstance(prompt, ChoicePrompt)
        labels = [str(o.prompt) for o in prompt.query_one(OptionList).options]
        assert "⚠ Le Fil (failing: 3 in a row)" in labels
        assert not any("⚠" in label for label in labels if "Le Fil" not in label)


async def test_a_french_reader_triages_in_french(store: Path) -> None:
    """``lang="fr"``: queue bar, footer keys, prompts, action notices, the toast of a new
    spike and its explanation are French; the store keeps the English text."""
    app = VigieApp(store, user="ana", clock=lambda: NOW, poll_interval=None, lang="fr")
    async with app.run_test(size=(140, 40)) as pilot:
        harness = Harness(app, pilot, store)
        await harness.settle()
        bar = str(app.main.query_one("#queuebar").render())
        assert "À répondre 9" in bar and "Campagnes suspectes 1" in bar
        keys = {b.binding.description for b in app.main.active_bindings.values()}
        assert {"Résoudre", "Reporter", "Aide"} <= keys and "Resolve" not in keys
        await harness.press("z")
        assert isinstance(app.screen, ChoicePrompt)
        assert "Reporter 1 élément" in render_plain(app.screen.query_one(".dialog-title").render())
        await harness.press("escape")
        await harness.press("r")
        assert any(n.message == "résolu · 1 élément" for n in app._notifications)
        db = connect(store)
        with write_tx(db):
            insert_alert(db, 2, "Colibri", [5, 6])
        app.main.poll_now()
        await harness.settle()
        toasts = [n for n in app._notifications if n.title == "Pic ouvert"]
        assert toasts and toasts[0].message.startswith("Colibri\u00a0: pic de volume (majeur)")
        await harness.press("2")
        row = app.main.table.rows_by_key["a2"]
        detail = render_plain(app.main.detail_renderable(row))
        assert "mentions négatives contre 1,2 attendues" in detail
        assert "negative mentions" not in detail
        stored = db.execute("SELECT summary FROM alerts WHERE id = 2").fetchone()[0]
        assert stored.startswith("Colibri: count spike (major), 9 negative mentions vs 1.2")
        # The daemon's own note (an alert back in triage) reads in French too; a
        # person's note is shown as written.
        why = msg("opened again after it was closed: {observed} vs {expected:.1f} expected",
                  observed=105, expected=11.0)
        apply_action(db, [ItemRef("alert", 2)], "note", who="vigie", now=NOW,
                     text=ENGLISH.render(why), message=why.to_json())
        apply_action(db, [ItemRef("alert", 2)], "note", who="ana", now=NOW,
                     text="vu avec le support")
        detail = re.sub(r"[ \n]+", " ", render_plain(app.main.detail_renderable(row)))
        assert "“rouvert après avoir été fermé\u00a0: 105 contre 11,0 attendues”" in detail
        assert "“vu avec le support”" in detail
