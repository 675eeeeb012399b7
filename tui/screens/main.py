"""The main triage screen: queue bar, the list, the detail pane and per-brand trends.

Live refresh: a named thread worker (``store-poll``) reads the store on its
own connection, posts one :class:`StorePolled` message, and only when that
message has been handled is the next poll scheduled (no overlapping polls).
Rows are merged by key (never ``clear()``) so the cursor and the scroll stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from listener.alerts.outbox import FAILING_AFTER, outbox_summary
from listener.errors import VigieError
from listener.i18n import Translator
from listener.store import utc_iso
from listener.store.incidents import (
    BrandTrend,
    ChangeMarks,
    Incident,
    QueueFilter,
    QueueRow,
    alert_detail,
    brand_trends,
    campaign_detail,
    change_marks,
    list_brands,
    list_sources,
    mention_detail,
    opened_incidents,
    queue_counts,
    queue_page,
    rows_by_refs,
)
from listener.store.reads import SourceHealth, source_health
from listener.store.triage import (
    DONE_STATUSES,
    SNOOZE_CHOICES,
    ActionResult,
    StaleTriageError,
    apply_action,
    last_undoable_batch,
    undo,
)
from tui import render
from tui.clean import clean, one_line
from tui.language import translate_bindings, translator_of
from tui.screens.detail import DetailScreen
from tui.screens.prompts import ChoicePrompt, TextPrompt
from tui.screens.trends import TrendsScreen
from tui.templates import fill, ordered_for
from tui.widgets.line import Line
from tui.widgets.queue_table import QueueTable, signature

if TYPE_CHECKING:
    from tui.app import VigieApp

__all__ = ["MainScreen", "StorePolled", "QUEUE_TITLES", "belongs"]

#: Queue id → title, in the order of keys 1…5 (``search`` has no key).
QUEUE_TITLES = {"needs_reply": "Needs reply", "spikes": "Spikes",
                "campaigns": "Suspected campaigns", "all": "All mentions", "done": "Done",
                "search": "Search"}


def queue_titles(tr: Translator) -> dict[str, str]:
    """:data:`QUEUE_TITLES` in ``tr``'s language."""
    return {"needs_reply": tr("Needs reply"), "spikes": tr("Spikes"),
            "campaigns": tr("Suspected campaigns"), "all": tr("All mentions"),
            "done": tr("Done"), "search": tr("Search")}
PAGE = 80
_SIDE_MIN_WIDTH = 110
_TRENDS_EVERY = timedelta(seconds=30)
_FULL_REFRESH_EVERY = timedelta(seconds=30)
_DETAIL_DELAY = 0.08


def belongs(queue: str, row: QueueRow, now_iso: str) -> bool:
    """Whether ``row`` (in its current state) is still in ``queue``."""
    status = row.state.active_status(now_iso)
    if queue == "needs_reply":
        return (row.ref.kind == "mention" and row.label == "negative"
                and status in ("new", "open", "escalated"))
    if queue in ("spikes", "campaigns"):
        return status not in (*DONE_STATUSES, "snoozed")
    if queue == "done":
        return status in DONE_STATUSES
    return True


@dataclass(slots=True)
class PollResult:
    """What one poll read from the store."""

    generation: int
    marks: ChangeMarks
    counts: dict[str, int]
    rows: list[QueueRow] | None = None
    incidents: list[Incident] = field(default_factory=list)
    trends: list[BrandTrend] | None = None
    #: Sources failing twice or more in a row (read with the trends).
    failing: list[SourceHealth] | None = None
    #: Alerts that could not be delivered (dead letters; read with the trends).
    undelivered: int | None = None
    polled_at: datetime | None = None


class StorePolled(Message):
    """Posted by the poll worker with everything it read (one message per poll)."""

    def __init__(self, result: PollResult) -> None:
        super().__init__()
        self.result = result


class MainScreen(Screen[None]):
    """Queues, list, detail and trends; every triage key lives here."""

    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("enter", "open", "Open"),
        Binding("r", "resolve", "Resolve"),
        Binding("i", "ignore", "Ignore"),
        Binding("e", "escalate", "Escalate"),
        Binding("z", "snooze", "Snooze"),
        Binding("a", "assign", "Assign"),
        Binding("t", "tag", "Tag", show=False),
        Binding("n", "note", "Note", show=False),
        Binding("v", "verdict", "Verdict", show=False),
        Binding("R", "reopen", "Reopen", show=False),
        Binding("u", "undo", "Undo"),
        Binding("space", "select", "Select"),
        Binding("slash", "search", "Search"),
        Binding("o", "open_link", "Link", show=False),
        Binding("c", "copy", "Copy", show=False),
        Binding("b", "brand_filter", "Brand", show=False),
        Binding("s", "source_filter", "Source", show=False),
        Binding("m", "mine", "Mine", show=False),
        Binding("g", "trends", "Trends", show=False),
        Binding("escape", "escape", "Clear", show=False),
        Binding("1", "queue('needs_reply')", "Needs reply", show=False),
        Binding("2", "queue('spikes')", "Spikes", show=False),
        Binding("3", "queue('campaigns')", "Campaigns", show=False),
        Binding("4", "queue('all')", "All", show=False),
        Binding("5", "queue('done')", "Done", show=False),
        Binding("tab", "next_queue(1)", "Next queue", show=False),
        Binding("shift+tab", "next_queue(-1)", "Previous queue", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.queue = "needs_reply"
        self.previous_queue = "needs_reply"
        self.filt = QueueFilter()
        self.queue_now = datetime.min
        self.exhausted = False
        self.generation = 0
        self.counts: dict[str, int] = {}
        self.marks: ChangeMarks | None = None
        self.trends_day: list[BrandTrend] = []
        #: Sources failing twice or more in a row, as of the last trends poll.
        self.failing: list[SourceHealth] = []
        #: Alerts that could not be delivered (dead letters), as of the last trends poll.
        self.undelivered = 0
        self.trends_at: datetime | None = None
        self.rows_at: datetime | None = None
        self._poll_timer: Timer | None = None
        self._poll_again = False
        self._polling = False
        self._detail_key: str | None = None
        self._detail_timer: Timer | None = None
        self._poll_failing = False
        #: The app's translator (English outside a Vigie app).
        self.tr = translator_of(self)
        translate_bindings(self, self.tr)

    @property
    def vapp(self) -> VigieApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Queue bar, list and side pane (detail + trends), footer."""
        yield Line(id="queuebar")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Line(id="listinfo")
                yield QueueTable(id="table")
            with Vertical(id="side"):
                yield Static(id="trends")
                with VerticalScroll(id="detail"):
                    yield Static(id="detail-body")
        yield Footer()

    @property
    def table(self) -> QueueTable:
        """The queue list."""
        return self.query_one("#table", QueueTable)

    @property
    def side_visible(self) -> bool:
        """The detail pane is shown only in wide terminals."""
        return self.size.width >= _SIDE_MIN_WIDTH

    def on_mount(self) -> None:
        """Load the first queue synchronously, then start polling."""
        self.set_class(self.app.size.width < _SIDE_MIN_WIDTH, "narrow")
        self.load_queue()  # counts and trends come with the first poll, right after
        self.table.focus()
        self.start_poll()

    def on_resize(self) -> None:
        """Hide the side pane in narrow terminals and fit the columns."""
        narrow = self.size.width < _SIDE_MIN_WIDTH
        self.set_class(narrow, "narrow")
        self.table.fit_width((self.size.width if narrow else int(self.size.width * 0.58)) - 2)

    # -- queues ------------------------------------------------------------------------------

    def load_queue(self) -> None:
        """(Re)load the current queue's first page; the only place rows are cleared."""
        self.generation += 1
        self.queue_now = self.vapp.clock()
        self.table.now_iso = utc_iso(self.queue_now)
        rows = queue_page(self.vapp.db, self.queue, self.filt, now=self.queue_now, limit=PAGE)
        self.exhausted = len(rows) < PAGE
        self.table.set_queue(self.queue)
        self.table.replace_all(rows)
        self.rows_at = self.queue_now
        self.update_bar()
        self._detail_key = None  # a new queue: the pane shows its first item from the top
        self.call_after_refresh(self.show_detail)  # the list is drawn first

    def load_more(self) -> None:
        """Append the next page (keyset after the last row shown)."""
        if self.exhausted or not self.table.row_count:
            return
        last = self.table.key_at(self.table.row_count - 1)
        after = self.table.rows_by_key[last].order if last else None
        rows = queue_page(self.vapp.db, self.queue, self.filt, now=self.queue_now, limit=PAGE,
                          after=after)
        self.exhausted = len(rows) < PAGE
        self.table.append(rows)
        self.update_bar()

    def update_bar(self) -> None:
        """Queue names with counts, then the filters and selection."""
        tr = self.tr
        titles = queue_titles(tr)
        bar = Text(no_wrap=True, overflow="ellipsis")
        for n, (queue, title) in enumerate(titles.items(), start=1):
            if queue == "search" and self.queue != "search":
                continue
            count = self.counts.get(queue)
            label = f" {n if queue != 'search' else '/'} {title} {count if count is not None else '…'} "
            bar.append(label, "reverse bold" if queue == self.queue else "")
            bar.append("│", "dim")
        self._update_static("#queuebar", bar)
        info = Text(no_wrap=True, overflow="ellipsis")
        info.append(titles[self.queue], "bold")
        if self.queue == "search":
            info.append(f" “{one_line(self.filt.search, 40)}”")
        shown = self.table.row_count
        info.append("  " + tr.n("{n}{more} shown", "{n}{more} shown", shown,
                                more="" if self.exhausted else "+"), "dim")
        info.append("  " + tr("brand:") + " ")
        info.append(one_line(self.filt.brand, 30) if self.filt.brand else tr("all"),
                    "bold" if self.filt.brand else "dim")
        info.append("  " + tr("source:") + " ")
        info.append(self._source_name() or tr("all"), "bold" if self.filt.source_id else "dim")
        if self.filt.assignee is not None:
            info.append("  " + tr("assigned to {who}", who=one_line(self.filt.assignee, 20)),
                        "bold")
        if self.table.selected:
            info.append("  " + tr.n("{n} selected", "{n} selected", len(self.table.selected)),
                        "reverse")
        if self.table.new_above:
            info.append("  " + tr.n("↑ {n} new above", "↑ {n} new above",
                                    self.table.new_above), "bold")
        if self.failing:
            info.append("  " + tr.n("⚠ {n} source failing", "⚠ {n} sources failing",
                                    len(self.failing)), "bold red")
        if self.undelivered:
            info.append("  " + tr.n("⚠ {n} alert not delivered", "⚠ {n} alerts not delivered",
                                    self.undelivered), "bold red")
        self._update_static("#listinfo", info)

    def _update_static(self, selector: str, text: Text) -> None:
        """Set a one-line widget (repainted only when its text changed)."""
        self.query_one(selector, Line).set(text)

    def _source_name(self) -> str | None:
        if self.filt.source_id is None:
            return None
        for sid, name in list_sources(self.vapp.db):
            if sid == self.filt.source_id:
                return one_line(name, 30)
        return str(self.filt.source_id)

    def action_queue(self, queue: str) -> None:
        """Show ``queue``."""
        if queue != "search":
            self.previous_queue = queue
        self.queue = queue
        self.load_queue()
        self.call_after_refresh(self.poll_now)  # draw the list first, then read counts

    def action_next_queue(self, step: int) -> None:
        """Cycle through the five queues."""
        order = [q for q in QUEUE_TITLES if q != "search"]
        current = order.index(self.queue) if self.queue in order else 0
        self.action_queue(order[(current + step) % len(order)])

    # -- detail ------------------------------------------------------------------------------

    def detail_renderable(self, row: QueueRow | None, *, full: bool = False) -> RenderableType:
        """The rendered detail of ``row`` (read fresh from the store).

        The side pane lists up to 15 member mentions of a spike or campaign, the
        full-screen detail (``full``) up to 100.
        """
        members = 100 if full else 15
        tr = self.tr
        if row is None:
            return Text(tr("Nothing here. Press ? for help."), style="dim")
        now = self.vapp.clock()
        db, now_iso, zone = self.vapp.db, utc_iso(now), self.vapp.zone
        if row.ref.kind == "mention":
            d = mention_detail(db, row.ref.id, now=self.queue_now)
            return render.mention_detail(d, now_iso, zone, tr) if d else Text(tr("deleted"))
        if row.ref.kind == "alert":
            a = alert_detail(db, row.ref.id, now=self.queue_now, members_limit=members)
            return render.alert_detail(a, now_iso, zone, tr) if a else Text(tr("deleted"))
        c = campaign_detail(db, row.ref.id, now=self.queue_now, members_limit=members)
        return render.campaign_detail(c, now_iso, zone, tr) if c else Text(tr("deleted"))

    def show_detail(self, *, force: bool = False) -> None:
        """Render the cursor row in the side pane (when visible)."""
        self._detail_timer = None
        if not self.side_visible:
            return
        row = self.table.cursor_row_data
        key = row.key if row else None
        if key == self._detail_key and not force:
            return
        self._detail_key = key
        self.query_one("#detail-body", Static).update(self.detail_renderable(row))
        if not force:
            self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row (the table handles the key): open it."""
        event.stop()
        self.action_open()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Follow the cursor: detail pane, next page near the bottom, new-above counter.

        The detail pane follows after a short pause of the cursor (``_DETAIL_DELAY``),
        so holding a key moves the cursor at full speed without re-laying out the pane.
        """
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(_DETAIL_DELAY, self.show_detail)
        if event.cursor_row >= self.table.row_count - 20:
            self.load_more()
        if self.table.new_above and self.table.scroll_y <= 0:
            self.table.new_above = 0
            self.update_bar()

    # -- polling -----------------------------------------------------------------------------

    def start_poll(self) -> None:
        """Run one poll in the worker (a poll already running is asked to repeat)."""
        if self._polling:
            self._poll_again = True
            return
        self._polling = True
        now = self.vapp.clock()
        full = (self.rows_at is None or now - self.rows_at >= _FULL_REFRESH_EVERY)
        trends_due = self.trends_at is None or now - self.trends_at >= _TRENDS_EVERY
        self._poll(self.generation, self.queue, self.filt, now, self.queue_now,
                   max(PAGE, self.table.row_count), self.marks, full, trends_due)

    def poll_now(self) -> None:
        """Poll as soon as possible (after an action, or a queue switch)."""
        if self._poll_timer is not None:
            self._poll_timer.stop()
            self._poll_timer = None
        self.start_poll()

    @work(thread=True, exclusive=False, exit_on_error=False, name="store-poll", group="poll")
    def _poll(self, generation: int, queue: str, filt: QueueFilter, now: datetime,
              queue_now: datetime, limit: int, previous: ChangeMarks | None, full: bool,
              trends_due: bool) -> None:
        worker = get_current_worker()
        db = self.vapp.reader()
        marks = change_marks(db)
        result = PollResult(generation, marks, queue_counts(db, filt, now=now), polled_at=now)
        changed = previous is None or marks != previous
        if worker.is_cancelled:
            return
        if changed or full:
            result.rows = queue_page(db, queue, filt, now=queue_now, limit=limit)
        if previous is not None and changed:
            result.incidents = opened_incidents(db, after_alert_id=previous.alerts[0],
                                                after_campaign_id=previous.campaigns[0])
        if trends_due or (previous is not None and marks.mention_id != previous.mention_id):
            result.trends = brand_trends(db, now=now, span=timedelta(hours=24), buckets=24)
            result.failing = [s for s in source_health(db)
                              if s.consecutive_failures >= FAILING_AFTER]
            result.undelivered = outbox_summary(db, now).dead
        if not worker.is_cancelled:
            self.post_message(StorePolled(result))

    def on_store_polled(self, message: StorePolled) -> None:
        """Apply one poll: counts, rows merged by key, trends, notifications; schedule next."""
        r = message.result
        self._polling = False
        self._poll_failing = False
        self.marks = r.marks
        with self.app.batch_update():
            self.counts = r.counts
            if r.rows is not None and r.generation == self.generation:
                before = self.table.cursor_row_data
                self.table.merge(r.rows)
                self.rows_at = r.polled_at
                after = self.table.cursor_row_data
                if before is None or after is None or signature(before) != signature(after):
                    self.show_detail(force=True)
            if r.failing is not None:
                self.failing = r.failing
            if r.undelivered is not None:
                self.undelivered = r.undelivered
            if r.trends is not None:
                self.trends_day = r.trends
                self.trends_at = r.polled_at
                self.query_one("#trends", Static).update(
                    render.trend_lines(r.trends, name_width=12, failing=self.failing,
                                       zone=self.vapp.zone, tr=self.tr))
            self.update_bar()
        tr = self.tr
        for inc in r.incidents:
            title = tr("Spike opened") if inc.ref.kind == "alert" else tr(
                "Suspected campaign opened")
            summary = render.localise(inc.summary, inc.message, tr)
            self.app.notify(clean(render.incident_toast(inc.brand, summary, inc.severity, tr),
                                  max_chars=200),
                            title=title, severity="warning", timeout=10, markup=False)
        self._schedule_next()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed poll is reported once and retried later."""
        if event.worker.name == "store-poll" and event.state == WorkerState.ERROR:
            self._polling = False
            if self._poll_failing:
                self._schedule_next(delay=5.0)
                return
            self._poll_failing = True
            self.app.notify(clean(self.tr("cannot read the store: {error}",
                                          error=str(event.worker.error)), max_chars=300),
                            severity="error", timeout=5, markup=False)
            self._schedule_next(delay=5.0)

    def _schedule_next(self, delay: float | None = None) -> None:
        if self._poll_again:
            self._poll_again = False
            self.start_poll()
            return
        interval = self.vapp.poll_interval
        if interval is None:
            return
        self._poll_timer = self.set_timer(delay or interval, self._timer_poll)

    def _timer_poll(self) -> None:
        self._poll_timer = None
        self.start_poll()

    # -- actions -----------------------------------------------------------------------------

    def _apply(self, action: str, rows: list[QueueRow] | None = None, *, quiet: bool = False,
               **args: Any) -> ActionResult | None:
        rows = rows if rows is not None else self.table.targets()
        if not rows:
            self.app.notify(self.tr("Nothing to act on."), severity="warning", timeout=3)
            return None
        expected = {r.ref: r.state.version for r in rows}
        try:
            result = apply_action(self.vapp.db, [r.ref for r in rows], action, who=self.vapp.user,
                                  now=self.vapp.clock(), expected=expected, **args)
        except StaleTriageError as exc:
            self.app.notify(str(exc), severity="warning", timeout=6, markup=False)
            self.refresh_rows(list(exc.items))
            self.poll_now()
            return None
        except VigieError as exc:
            self.app.notify(str(exc), severity="error", timeout=6, markup=False)
            return None
        self.table.clear_selection()
        self.after_write(result)
        if not quiet:
            self.app.notify(render.action_done(action, len(rows), self.tr), timeout=2,
                            markup=False)
        return result

    def refresh_rows(self, refs: list[Any]) -> None:
        """Re-read rows after a write; those that left the queue are removed."""
        fresh = rows_by_refs(self.vapp.db, refs, now=self.queue_now)
        now_iso = utc_iso(self.vapp.clock())
        leaving = [row.key for row in fresh.values() if not belongs(self.queue, row, now_iso)]
        with self.app.batch_update():
            self.table.update_rows([r for r in fresh.values() if r.key not in leaving])
            self.table.remove_keys(leaving)
            self.update_bar()
            self.call_after_refresh(self.show_detail, force=True)
        screen = self.app.screen
        if isinstance(screen, DetailScreen):
            screen.show(self.detail_renderable(self.table.cursor_row_data, full=True))

    def after_write(self, result: ActionResult) -> None:
        """Reflect a write at once, then poll for counts and everything else."""
        self.refresh_rows(list(result.states))
        self.call_after_refresh(self.poll_now)

    def action_open(self) -> None:
        """Show the whole item; a new item becomes ``open`` (someone is on it)."""
        row = self.table.cursor_row_data
        if row is None:
            return
        if row.state.status == "new":
            self._apply("open", [row], quiet=True)
            row = self.table.rows_by_key.get(row.key, row)
        self.app.push_screen(DetailScreen(self, self.detail_renderable(row, full=True)))

    def action_resolve(self) -> None:
        """Resolve the selection."""
        self._apply("resolve")

    def action_ignore(self) -> None:
        """Ignore the selection."""
        self._apply("ignore")

    def action_escalate(self) -> None:
        """Escalate the selection."""
        self._apply("escalate")

    def action_reopen(self) -> None:
        """Put the selection back in its queue."""
        self._apply("reopen")

    def action_snooze(self) -> None:
        """Ask how long, then snooze the selection."""
        rows = self.table.targets()
        if not rows:
            return
        tr = self.tr
        spans = {"1h": tr("1 hour"), "4h": tr("4 hours"), "1d": tr("1 day")}
        options = [(k, tr("snooze for {duration}", duration=spans.get(k, k)))
                   for k in SNOOZE_CHOICES]

        def done(choice: str | None) -> None:
            if choice in SNOOZE_CHOICES:
                self._apply("snooze", rows, duration=SNOOZE_CHOICES[choice])

        self.app.push_screen(ChoicePrompt(tr.n("Snooze {n} item", "Snooze {n} items", len(rows)),
                                          options), done)

    def action_assign(self) -> None:
        """Ask for a name, then assign the selection (empty name unassigns)."""
        rows = self.table.targets()
        if not rows:
            return
        current = rows[0].state.assignee or self.vapp.user

        def done(name: str | None) -> None:
            if name is not None:
                self._apply("assign", rows, assignee=name.strip() or None)

        tr = self.tr
        self.app.push_screen(TextPrompt(tr.n("Assign {n} item to", "Assign {n} items to",
                                             len(rows)), value=current,
                                        hint=tr("Enter to assign · empty to unassign · Escape")),
                             done)

    def action_tag(self) -> None:
        """Ask for tags (``-tag`` removes), then tag the selection."""
        rows = self.table.targets()
        if not rows:
            return

        def done(text: str | None) -> None:
            if not text:
                return
            words = [w.strip() for w in text.split(",") if w.strip()]
            add = [w for w in words if not w.startswith("-")]
            remove = [w[1:] for w in words if w.startswith("-")]
            self._apply("tag", rows, add=add, remove=remove)

        tr = self.tr
        self.app.push_screen(TextPrompt(tr.n("Tags for {n} item", "Tags for {n} items",
                                             len(rows)),
                                        placeholder=tr("billing, outage, -old-tag"),
                                        hint=tr("comma-separated · -tag removes · "
                                                "Escape cancels")),
                             done)

    def action_note(self) -> None:
        """Ask for a note and add it to the selection's history."""
        rows = self.table.targets()
        if not rows:
            return

        def done(text: str | None) -> None:
            if text and text.strip():
                self._apply("note", rows, text=text)

        self.app.push_screen(TextPrompt(self.tr.n("Note on {n} item", "Note on {n} items",
                                                  len(rows))), done)

    def action_verdict(self) -> None:
        """Mark a campaign not fake / confirmed fake (applies to its members)."""
        rows = [r for r in self.table.targets() if r.ref.kind == "campaign"]
        tr = self.tr
        if not rows:
            self.app.notify(tr("A verdict applies to suspected campaigns (queue 3)."),
                            severity="warning", timeout=4)
            return
        options = [("not_fake", tr("not fake (a real wave of opinions)")),
                   ("confirmed_fake", tr("confirmed fake (members are ignored)"))]

        def done(choice: str | None) -> None:
            if choice:
                self._apply("verdict", rows, verdict=choice)

        self.app.push_screen(ChoicePrompt(tr.n("Verdict on {n} campaign",
                                               "Verdict on {n} campaigns", len(rows)), options),
                             done)

    def action_undo(self) -> None:
        """Undo your last action (refused when someone acted on those items since)."""
        db, user = self.vapp.db, self.vapp.user
        batch = last_undoable_batch(db, user)
        if batch is None:
            self.app.notify(self.tr("Nothing to undo."), timeout=3)
            return
        try:
            result = undo(db, batch, who=user, now=self.vapp.clock())
        except VigieError as exc:
            self.app.notify(str(exc), severity="warning", timeout=6, markup=False)
            return
        self.app.notify(self.tr.n("undone · {n} item", "undone · {n} items",
                                  len(result.states)), timeout=2)
        self.after_write(result)

    def action_select(self) -> None:
        """Toggle the cursor row in the selection, then move down."""
        self.table.toggle_selected()
        self.table.action_cursor_down()
        self.update_bar()

    def action_escape(self) -> None:
        """Clear the selection, or leave search results."""
        if self.table.selected:
            self.table.clear_selection()
            self.update_bar()
        elif self.queue == "search":
            self.filt = replace(self.filt, search=None)
            self.action_queue(self.previous_queue)

    def action_search(self) -> None:
        """Full-text search in mentions."""

        def done(text: str | None) -> None:
            if text and text.strip():
                self.filt = replace(self.filt, search=text.strip())
                self.action_queue("search")

        self.app.push_screen(TextPrompt(self.tr("Search mentions"), value=self.filt.search or "",
                                        placeholder=self.tr("words (all must match)")), done)

    def action_brand_filter(self) -> None:
        """Choose a brand (or all)."""
        options = [("", self.tr("all brands"))] + [(f"b:{b}", b)
                                                   for b in list_brands(self.vapp.db)]

        def done(choice: str | None) -> None:
            if choice is not None:
                self.filt = replace(self.filt, brand=choice[2:] or None)
                self.load_queue()
                self.call_after_refresh(self.poll_now)

        self.app.push_screen(ChoicePrompt(self.tr("Filter by brand"), options), done)

    def action_mine(self) -> None:
        """Show only the items assigned to me (again: everyone's), in every queue."""
        mine = None if self.filt.assignee is not None else self.vapp.user
        self.filt = replace(self.filt, assignee=mine)
        self.load_queue()
        self.call_after_refresh(self.poll_now)

    def action_source_filter(self) -> None:
        """Choose a source (or all)."""
        failing = {s.id: s.consecutive_failures for s in self.failing}
        tr = self.tr
        options = [("", tr("all sources"))] + [
            (f"s:{sid}", tr("⚠ {name} (failing: {n} in a row)", name=name, n=failing[sid])
             if sid in failing else name)
            for sid, name in list_sources(self.vapp.db)]

        def done(choice: str | None) -> None:
            if choice is not None:
                self.filt = replace(self.filt, source_id=int(choice[2:]) if choice else None)
                self.load_queue()
                self.call_after_refresh(self.poll_now)

        self.app.push_screen(ChoicePrompt(tr("Filter by source"), options), done)

    def action_open_link(self) -> None:
        """Open the item's link in a browser (http and https only)."""
        row = self.table.cursor_row_data
        url = row.url if row else None
        if not url or not url.lower().startswith(("http://", "https://")):
            self.app.notify(self.tr("This item has no web link."), severity="warning", timeout=3)
            return
        self.vapp.open_link(url)
        self.app.notify(clean(self.tr("opening {url}", url=url), max_chars=200), timeout=3,
                        markup=False)

    def action_copy(self) -> None:
        """Copy the link or a reply template (filled in) to the clipboard."""
        row = self.table.cursor_row_data
        if row is None:
            return
        options: list[tuple[str, str]] = []
        tr = self.tr
        if row.url:
            options.append(("link", tr("link: {url}", url=row.url)))
        templates = ordered_for(self.vapp.templates, row.lang)
        author = one_line(row.author, 80) if row.author else None
        texts = {}
        for i, t in enumerate(templates):
            texts[f"t{i}"] = fill(t, author=author, brand=row.brand.split(", ")[0] or None,
                                  link=row.url)
            options.append((f"t{i}", f"{t.lang} · {t.name}: {texts[f't{i}']}"))

        def done(choice: str | None) -> None:
            if choice is None:
                return
            text = row.url if choice == "link" else texts.get(choice)
            if text:
                self.vapp.copy(text)
                self.app.notify(tr("copied to the clipboard"), timeout=2)

        self.app.push_screen(ChoicePrompt(tr("Copy to the clipboard"), options), done)

    def action_trends(self) -> None:
        """Per-brand trends over 24 h and 7 d."""
        now = self.vapp.clock()
        day = brand_trends(self.vapp.db, now=now, span=timedelta(hours=24), buckets=24)
        week = brand_trends(self.vapp.db, now=now, span=timedelta(days=7), buckets=28)
        self.app.push_screen(TrendsScreen(day, week, self.tr))

    def action_help(self) -> None:
        """The key reference."""
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.tr))
