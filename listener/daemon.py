"""The listening daemon: schedules polls, fetches, analyses in a pool, stores.

Data flow per source: scheduler → :class:`Fetcher` (conditional GET) → body hash
check (an unchanged body is not re-parsed even when the ETag changes) →
:func:`listener.pipeline.analyse_body` in the process pool → the single
:class:`StoreWriter` (mentions and health row in one transaction).

A failing source is a log line and a health row, never a crash; the rest of
the poll goes on.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import hashlib
import json
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from listener.alerts.delivery import DeliveryWorker
from listener.analysis.authors import AuthorFilter
from listener.analysis.ratings import label_with_rating
from listener.analysis.sentiment import CURRENT_ANALYSERS
from listener.config import Config, SourceConfig
from listener.errors import FetchError, ParseError, VigieError
from listener.logsetup import log_event
from listener.monitor import CampaignMonitor, DetectionEvent, SpikeMonitor
from listener.pipeline import (
    AnalysisSettings,
    Analyzer,
    BrandRules,
    analyse_body,
    analyse_items,
    make_executor,
    preload,
)
from listener.rematch import SourceScope, links_to_drop, rules_fingerprint
from listener.schedule import next_poll_after_failure, next_poll_after_success
from listener.sources.base import BRAND_SCOPED_KINDS, api_source
from listener.sources.http import Fetcher
from listener.store import (
    StoreWriter,
    connect,
    imports,
    maintenance,
    parse_iso,
    rescore,
    retention,
)
from listener.store import rematch as rematch_store
from listener.store.answered import OwnReply, resolve_answered
from listener.store.batcher import IngestBatcher
from listener.store.writes import (
    FetchOutcome,
    IngestResult,
    sync_sources,
)

__all__ = ["Daemon", "PassSummary", "SourceState"]

log = logging.getLogger("vigie.daemon")

Clock = Callable[[], datetime]

def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class SourceState:
    """In-memory fetch state of one source, mirrored in the ``sources`` table."""

    id: int
    config: SourceConfig
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    failures: int = 0
    next_poll: datetime | None = None
    cursor: dict[str, Any] | None = None


@dataclass(slots=True)
class PassSummary:
    """What one pass over the sources did."""

    sources: int = 0
    ok: int = 0
    not_modified: int = 0
    unchanged: int = 0
    failed: int = 0
    items: int = 0
    new: int = 0
    duplicates: int = 0
    #: Items left out because their author is excluded (``exclude_authors``).
    excluded: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


class Daemon:
    """Polls the configured sources and stores their brand mentions.

    Use as an async context manager; ``run_once()`` polls every source once,
    ``run_forever(stop)`` polls on schedule until ``stop`` is set.
    """

    def __init__(self, config: Config, *, clock: Clock = _now,
                 rng: random.Random | None = None, workers: int | None = None,
                 detect_clock: Clock | None = None) -> None:
        self.config = config
        self.clock = clock
        #: The clock the detectors see (the demo world runs in simulated time).
        self.detect_clock = detect_clock or clock
        self.rng = rng or random.Random()
        self.settings = AnalysisSettings.from_config(config)
        self.workers = config.daemon.workers if workers is None else workers
        self.states: list[SourceState] = []
        self.writer: StoreWriter | None = None
        self._executor: Any = None
        self._fetcher: Fetcher | None = None
        self._inflight: set[asyncio.Task[Any]] = set()
        self._executor_lock = asyncio.Lock()
        self.listeners: list[Callable[[SourceState, IngestResult], Any]] = []
        #: Called with each batch of detection events (alerts, campaigns).
        self.event_listeners: list[Callable[[list[DetectionEvent]], Any]] = []
        self.spikes = SpikeMonitor(config, lag=timedelta(seconds=config.daemon.detection_lag),
                                   hold=timedelta(seconds=config.daemon.detection_hold))
        self.campaigns = CampaignMonitor()
        #: Each brand's own accounts (its ``exclude_authors``): their replies on a
        #: platform answer the brand's mentions they reply to (listener.store.answered).
        self.own_accounts = {b.name: f for b in config.brands
                             if (f := AuthorFilter(b.exclude_authors))}
        #: The campaign detector's rebuild from the stored history, run in the
        #: background so polling starts at once (see :meth:`campaigns_ready`).
        self._campaign_replay: asyncio.Task[None] | None = None
        #: The spike detectors' rebuild, read on its own connection off the
        #: writer thread so that writes flow at once (see :meth:`spikes_ready`).
        self._spike_replay: asyncio.Task[None] | None = None
        self._replay_cancel = threading.Event()
        #: What the start-up's :meth:`rematch` changed (None: the rules had not changed).
        self.rematched: rematch_store.RematchCounts | None = None
        self._detector_thread = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="vigie-detector")
        #: Why ingest is paused (disk full, read-only database), or None.
        self.paused: str | None = None
        self._writable = asyncio.Event()
        self._writable.set()
        self._probe: asyncio.Task[None] | None = None
        #: Seconds between write probes while ingest is paused.
        self.probe_every = 5.0

    async def __aenter__(self) -> Daemon:
        self.writer = StoreWriter(self.config.storage.path,
                                  busy_timeout=self.config.storage.busy_timeout)
        self._batcher = IngestBatcher(self.writer)
        ids = await self.writer.call(sync_sources, self.config.sources, self.clock())
        rows = await self.writer.call(_load_states, list(ids.values()))
        self.states = []
        for src in self.config.sources:
            row = rows.get(ids[src.url], {})
            self.states.append(SourceState(
                id=ids[src.url], config=src, etag=row.get("etag"),
                last_modified=row.get("last_modified"), body_hash=row.get("body_hash"),
                failures=row.get("consecutive_failures") or 0,
                next_poll=parse_iso(row["next_poll"]) if row.get("next_poll") else None,
                cursor=json.loads(row["cursor"]) if row.get("cursor") else None))
        self._fetcher = Fetcher(self.config.http)
        await self._fetcher.__aenter__()
        # Before any detector replays the stored history: it must be counted
        # with the labels today's analyser gives. A full disk or a read-only
        # database must not stop the start-up for this: it is tried again next time.
        for step, event in ((self.rescore, "sentiment.rescore_skipped"),
                            (self.rematch, "brands.rematch_skipped")):
            try:
                await step()
            except sqlite3.DatabaseError as exc:
                message = maintenance.storage_fault(exc, self.config.storage.path)
                if message is None:
                    raise
                log_event(log, logging.WARNING, event, error=message)
        if self.config.brands:
            # Read before any poll can store more: the replay and the polls see
            # disjoint mentions. The replay itself (seconds for tens of thousands
            # of mentions) runs in the background; campaign detection of newly
            # polled mentions waits for it, ingestion and spike detection do not.
            rows = await self.writer.call(CampaignMonitor.load_recent, self.detect_clock())
            self._campaign_replay = asyncio.create_task(self._replay_campaigns(rows),
                                                        name="campaign-replay")
            self._spike_replay = asyncio.create_task(self._replay_spikes(self.detect_clock()),
                                                     name="spike-replay")
        return self

    async def _replay_spikes(self, now: datetime) -> None:
        """Rebuild the spike detectors from the stored weeks, then store their state.

        The reading and the replay (seconds for weeks of a busy brand) run on a
        read-only connection in a worker thread; only the reconciliation (the
        open incident stored, stale alerts resolved) goes through the writer.
        Detection waits for it (:meth:`detect`); ingestion does not.
        """
        await self._replay(
            "spike", lambda: asyncio.to_thread(self._spike_history, now),
            lambda db, brands: self.spikes.reconcile(db, brands, now),
            lambda brands: {"brands": len(brands)})

    async def _replay(self, what: str, rebuild: Callable[[], Awaitable[Any]],
                      store: Callable[[Any, Any], list[DetectionEvent]],
                      figures: Callable[[Any], dict[str, Any]]) -> None:
        """A start-up replay: ``rebuild()`` off the writer, then ``store(db, result)``
        through it; logged as ``{what}s.replayed`` with ``figures(result)``. A stop
        during the rebuild stores nothing; a failure is logged and detection goes on."""
        assert self.writer is not None
        started = time.monotonic()
        try:
            result = await rebuild()
            if self._replay_cancel.is_set():
                return
            self._emit(await self.writer.call(store, result))
        except asyncio.CancelledError:
            raise
        except Exception:  # a detector bug must not stop ingestion
            log.exception(f"{what} replay failed; {what} detection goes on from here")
            return
        log_event(log, logging.INFO, f"{what}s.replayed", **figures(result),
                  seconds=round(time.monotonic() - started, 1))

    def _spike_history(self, now: datetime) -> list[str]:
        """(Worker thread) :meth:`SpikeMonitor.replay_history` on a connection of its own."""
        reader = connect(self.config.storage.path, readonly=True,
                         busy_timeout=self.config.storage.busy_timeout)
        try:
            return self.spikes.replay_history(reader, now, self._replay_cancel)
        finally:
            reader.conn.close()

    async def spikes_ready(self) -> None:
        """Wait until the start-up replay of the spike detectors has finished."""
        task = self._spike_replay
        if task is not None and not task.done():
            await asyncio.shield(task)

    async def _replay_campaigns(self, rows: list[dict[str, Any]]) -> None:
        """Rebuild the campaign detector's memory from the stored recent mentions."""
        if len(rows) >= 1000:
            log_event(log, logging.INFO, "campaigns.replay_started", mentions=len(rows))
        await self._replay(
            "campaign",
            lambda: self._in_detector(self.campaigns.detect, rows, self._replay_cancel),
            lambda db, changes: CampaignMonitor.store(db, changes, True, self.config.alerts),
            lambda _: {"mentions": len(rows)})

    async def campaigns_ready(self) -> None:
        """Wait until the start-up replay of the campaign detector has finished."""
        task = self._campaign_replay
        if task is not None and not task.done():
            await asyncio.shield(task)

    async def rescore(self, batch: int = 500) -> int:
        """Score again the stored mentions whose label is out of date; returns how many.

        After an upgrade that changed the sentiment analyser, the stored
        mentions would keep the old labels while new ones get the new labels,
        and the spike detector would compare today's negative counts with a
        history counted differently; the same after a change of the
        ``[sentiment]`` thresholds, which makes every stored label out of date.
        Runs on start-up, before the detectors replay the history, one short
        transaction per batch, with progress in the log. A marker in the
        ``maintenance`` table records the versions and thresholds, and up to
        which mention they were checked, so a later start-up only looks at
        newer mentions.
        """
        assert self.writer is not None
        thresholds = rescore.thresholds_key(self.settings.negative_threshold,
                                            self.settings.positive_threshold)
        detail = await self.writer.call(maintenance.last_detail, rescore.MARKER_TASK)
        top = await self.writer.call(rescore.last_id)
        current: tuple[tuple[str, str], ...] | None = CURRENT_ANALYSERS
        why = "the sentiment analyser changed since these mentions were scored"
        before = rescore.thresholds_of(detail)
        if before == thresholds or top == 0:
            after = rescore.checked_up_to(detail, CURRENT_ANALYSERS)
        else:  # new thresholds, or a store whose thresholds were never recorded
            after, current = 0, None
            why = (f"the [sentiment] thresholds changed ({before or 'not recorded'} ->"
                   f" {thresholds}) since these mentions were labelled")
        if top <= after and before == thresholds:
            return 0
        total = await self.writer.call(rescore.count_stale, current, after)
        started = time.monotonic()
        done = changed = 0
        if total:
            log_event(log, logging.WARNING, "sentiment.rescore_started", mentions=total, why=why)
            analyzer = await asyncio.to_thread(Analyzer, self.settings)

            def score(rows: list[rescore.StaleMention]) -> list[tuple[int, Any]]:
                return [(m.id, label_with_rating(analyzer.sentiment_of(m.title, m.text, m.brands),
                                                 m.rating)) for m in rows]

            next_report = started + 5.0
            while stale := await self.writer.call(rescore.stale_batch, current, after, batch):
                scores = await asyncio.to_thread(score, stale)
                await self.writer.call(rescore.update_batch, scores)
                changed += sum(m.label != s.label for m, (_, s) in zip(stale, scores,
                                                                       strict=True))
                done += len(stale)
                after = stale[-1].id
                if time.monotonic() >= next_report:
                    next_report = time.monotonic() + 5.0
                    log_event(log, logging.INFO, "sentiment.rescore_progress", done=done,
                              of=total)
            log_event(log, logging.WARNING, "sentiment.rescored", mentions=done,
                      label_changed=changed, ms=round((time.monotonic() - started) * 1000))
        await self.writer.call(maintenance.mark_done, rescore.MARKER_TASK, self.clock(),
                               rescore.marker(CURRENT_ANALYSERS, top, thresholds))
        return done

    def source_scopes(self) -> dict[str, SourceScope]:
        """Each configured source's URL → what it says about its items' brands."""
        return {src.url: SourceScope(brands=src.brands, assume=src.kind in BRAND_SCOPED_KINDS)
                for src in self.config.sources}

    async def rematch(self, batch: int = 500) -> rematch_store.RematchCounts | None:
        """Bring the stored mentions in line with the brand rules, if they changed.

        A brand narrowed in the configuration (an excluded author, a ``-term``,
        a language, a source scoped to fewer brands) must not keep counting
        the mentions stored under the old rules, in its queues or in the
        history its spike detector replays. Runs on start-up after
        :meth:`rescore`, before the detectors replay, one short transaction
        per batch, with progress in the log; returns what changed (None when
        the rules were the same as last time). The first poll after a change
        reads every feed in full (no conditional request, no skip of an
        unchanged body), so a widened rule finds the items in the feeds now.
        See :mod:`listener.rematch`.
        """
        assert self.writer is not None
        scopes = self.source_scopes()
        fingerprint = rules_fingerprint(self.settings, scopes)
        detail = await self.writer.call(maintenance.last_detail, rematch_store.MARKER_TASK)
        before = rematch_store.fingerprint_of(detail)
        if before == fingerprint:
            return None
        if before is not None:
            # The feeds' current items must be read again under the new rules
            # (a new query finds them at once), not skipped as unchanged.
            for state in self.states:
                state.etag = state.last_modified = state.body_hash = None
        top = await self.writer.call(rescore.last_id)
        counts = rematch_store.RematchCounts()
        if top:
            by_id = {state.id: scopes[state.config.url] for state in self.states}
            # Files imported with --brand: their mentions are that brand's, named or not.
            for sid, (brands, assume) in (await self.writer.call(imports.import_scopes)).items():
                by_id.setdefault(sid, SourceScope(brands=brands, assume=assume))
            rules = BrandRules(self.settings)
            why = ("the brand rules of the configuration changed" if before
                   else "the brand rules were never recorded for this store")
            log_event(log, logging.INFO, "brands.rematch_started", mentions_up_to=top, why=why)
            started = time.monotonic()
            next_report = started + 5.0
            after = checked = 0
            while stored := await self.writer.call(rematch_store.mention_batch, after, batch):
                drops = await asyncio.to_thread(
                    lambda rows=stored: [(m, links_to_drop(rules, m, by_id)) for m in rows])
                if any(d for _, d in drops):
                    counts.add(await self.writer.call(rematch_store.drop_links, drops))
                checked += len(stored)
                after = stored[-1].id
                if time.monotonic() >= next_report:
                    next_report = time.monotonic() + 5.0
                    log_event(log, logging.INFO, "brands.rematch_progress", checked=checked)
            level = logging.WARNING if counts.links or counts.kept else logging.INFO
            log_event(log, level, "brands.rematched", checked=checked,
                      links_removed=sum(counts.links.values()),
                      by_brand=",".join(f"{b}:{n}" for b, n in sorted(counts.links.items())),
                      mentions_deleted=counts.mentions, kept_under_triage=counts.kept,
                      ms=round((time.monotonic() - started) * 1000))
        await self.writer.call(maintenance.mark_done, rematch_store.MARKER_TASK, self.clock(),
                               rematch_store.marker(fingerprint))
        self.rematched = counts
        return counts

    async def __aexit__(self, *exc: object) -> None:
        for task in (self._campaign_replay, self._spike_replay):
            if task is not None and not task.done():
                # The detector thread stops at its next batch, the spike replay at
                # its next brand.
                self._replay_cancel.set()
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        if self._fetcher is not None:
            await self._fetcher.__aexit__(*exc)
        self._detector_thread.shutdown(wait=True)
        if self.writer is not None:
            self.writer.close()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    async def executor(self) -> Any:
        """The analysis pool, started on first use (a pass where nothing changed needs none).

        The analyzer is loaded once in this process first, so forked workers
        start instantly and share its pages.
        """
        async with self._executor_lock:
            if self._executor is None:
                if self.workers != 1:
                    await asyncio.to_thread(preload, self.settings)
                self._executor = make_executor(self.settings, self.workers)
            return self._executor

    def interval(self, state: SourceState) -> float:
        """Poll interval of a source (its own, or ``[daemon] default_interval``)."""
        return state.config.interval or self.config.daemon.default_interval

    async def poll(self, state: SourceState) -> tuple[str, IngestResult | None]:
        """Poll one source once; returns its outcome ('ok', 'not_modified', 'unchanged', 'failed')."""
        assert self._fetcher is not None and self.writer is not None
        src = state.config
        if src.kind != "feed":
            return await self._poll_api(state)
        started = time.monotonic()
        now = self.clock()
        interval = self.interval(state)
        try:
            res = await self._fetcher.fetch(src.url, etag=state.etag,
                                            last_modified=state.last_modified)
        except FetchError as exc:
            return await self._failed(state, now, str(exc), exc.status, exc.retry_after)
        if res.not_modified:
            state.failures = 0
            state.next_poll = next_poll_after_success(now, interval, jitter=self.config.daemon.jitter,
                                                      max_age=res.max_age, rng=self.rng)
            state.etag, state.last_modified = res.etag, res.last_modified
            await self._record(state.id, self._outcome(state, now, 304))
            log_event(log, logging.DEBUG, "fetch.not_modified", source=state.id, url=src.url)
            return "not_modified", None
        body = res.body or b""
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        state.next_poll = next_poll_after_success(now, interval, jitter=self.config.daemon.jitter,
                                                  max_age=res.max_age, rng=self.rng)
        if digest == state.body_hash:
            state.failures = 0
            state.etag, state.last_modified = res.etag, res.last_modified
            await self._record(state.id, self._outcome(state, now, res.status))
            log_event(log, logging.DEBUG, "fetch.unchanged", source=state.id, url=src.url)
            return "unchanged", None
        loop = asyncio.get_running_loop()
        executor = await self.executor()
        try:
            count, analysed, excluded = await loop.run_in_executor(
                executor, analyse_body, body, res.url, res.content_type, self.detect_clock(),
                src.brands)
        except ParseError as exc:
            return await self._failed(state, now, str(exc), res.status, None)
        except Exception as exc:  # a parser bug must not kill the daemon
            log.exception("analysis crashed on %s", src.url)
            return await self._failed(state, now, f"internal error while parsing: "
                                      f"{type(exc).__name__}: {exc}", res.status, None)
        # Validators are kept only once the body was read successfully: a broken
        # feed must not be "revalidated" into looking healthy.
        state.failures = 0
        state.body_hash = digest
        state.etag, state.last_modified = res.etag, res.last_modified
        outcome = self._outcome(state, now, res.status)
        result = await self._batcher.ingest(state.id, self._retained(analysed), self.detect_clock(),
                                        outcome, self.config.alerts)
        log_event(log, logging.INFO, "fetch.ok", source=state.id, url=src.url, status=res.status,
                  items=count, matched=len(analysed), excluded=excluded, new=result.new,
                  duplicates=result.duplicates,
                  ms=round((time.monotonic() - started) * 1000))
        await self._after_ingest(state, result)
        result.items = count
        result.excluded = excluded
        return "ok", result

    async def _poll_api(self, state: SourceState) -> tuple[str, IngestResult | None]:
        """Poll an API source kind: new items since its cursor, cursor stored with them."""
        assert self._fetcher is not None and self.writer is not None
        src = state.config
        started = time.monotonic()
        now = self.clock()
        try:
            batch = await api_source(src.kind).fetch(self._fetcher, src, dict(state.cursor or {}),
                                                     self.detect_clock())
        except FetchError as exc:
            return await self._failed(state, now, str(exc), exc.status, exc.retry_after)
        except ParseError as exc:
            return await self._failed(state, now, str(exc), None, None)
        executor = await self.executor()
        analysed, excluded = await asyncio.get_running_loop().run_in_executor(
            executor, analyse_items, batch.items, src.brands, src.kind in BRAND_SCOPED_KINDS)
        state.failures = 0
        state.cursor = batch.cursor
        state.next_poll = next_poll_after_success(now, self.interval(state),
                                                  jitter=self.config.daemon.jitter,
                                                  max_age=batch.retry_after, rng=self.rng)
        outcome = self._outcome(state, now, batch.status)
        result = await self._batcher.ingest(state.id, self._retained(analysed), self.detect_clock(),
                                        outcome, self.config.alerts)
        result.items = len(batch.items)
        result.excluded = excluded
        await self._answered(batch.items)
        log_event(log, logging.INFO, "fetch.ok", source=state.id, url=src.url, kind=src.kind,
                  status=batch.status, items=len(batch.items), matched=len(analysed),
                  excluded=excluded, new=result.new, duplicates=result.duplicates,
                  ms=round((time.monotonic() - started) * 1000))
        await self._after_ingest(state, result)
        return "ok", result

    async def _answered(self, items: list[Any]) -> None:
        """Resolve the stored mentions the brands' own accounts replied to in ``items``
        (after the poll's own mentions are stored: a reply may answer one of them),
        and those that replies fetched earlier were waiting for."""
        assert self.writer is not None
        if not self.config.daemon.resolve_answered or not self.own_accounts:
            return
        replies = []
        for item in items:
            if item.reply_to:
                brands = tuple(b for b, own in self.own_accounts.items()
                               if own.excludes(item.author))
                if brands:
                    replies.append(OwnReply(item.reply_to, item.author, item.url, brands))
        if not replies and not any(item.post_key for item in items):
            return  # nothing answers, and no post that a waiting reply may answer
        # The detectors' clock: the demo world's people act in its simulated time too.
        acted = await self.writer.call(resolve_answered, replies, self.detect_clock())
        if acted:
            log_event(log, logging.INFO, "mentions.answered", count=len(acted),
                      mentions=",".join(str(m) for m in acted[:20]))

    def _retained(self, analysed: list[Any]) -> list[Any]:
        """Drop items published before the retention window (they would be pruned at once,
        then come back as "new" on the next poll of a feed that still lists them)."""
        keep = self.config.storage.keep_days
        if not keep:
            return analysed
        cutoff = self.detect_clock() - timedelta(days=keep)
        return [a for a in analysed
                if a.item.published_at is None or a.item.published_at >= cutoff]

    async def _after_ingest(self, state: SourceState, result: IngestResult) -> None:
        for listener in self.listeners:
            listener(state, result)
        if result.new_ids:
            rows = await self.writer.call(CampaignMonitor.load, result.new_ids)
            if not rows:  # no review, post or comment among them
                return
            await self.campaigns_ready()
            changes = await self._in_detector(self.campaigns.detect, rows)
            self._emit(await self.writer.call(CampaignMonitor.store, changes, False,
                                              self.config.alerts))

    async def _in_detector(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run stateful detector code on the detector thread (in submission order)."""
        return await asyncio.get_running_loop().run_in_executor(self._detector_thread, fn, *args)

    def _emit(self, events: list[DetectionEvent]) -> None:
        if events:
            for listener in self.event_listeners:
                listener(events)

    async def detect(self) -> list[DetectionEvent]:
        """Run the detectors' clock-driven part: completed spike bins, quiet campaigns."""
        assert self.writer is not None
        await self.spikes_ready()
        now = self.detect_clock()
        events = await self.writer.call(self.spikes.tick, now)
        await self.campaigns_ready()
        changes = await self._in_detector(self.campaigns.tick, now)
        events += await self.writer.call(CampaignMonitor.store, changes, False,
                                         self.config.alerts)
        self._emit(events)
        return events

    async def _record(self, source_id: int, outcome: FetchOutcome) -> None:
        """Write a health row, sharing a transaction with concurrent writes (group commit)."""
        await self._batcher.ingest(source_id, [], self.detect_clock(), outcome,
                                   self.config.alerts)

    def _outcome(self, state: SourceState, now: datetime, status: int) -> FetchOutcome:
        assert state.next_poll is not None
        return FetchOutcome(attempted_at=now, next_poll=state.next_poll, ok=True, status=status,
                            etag=state.etag, last_modified=state.last_modified,
                            body_hash=state.body_hash, cursor=state.cursor)

    async def _failed(self, state: SourceState, now: datetime, error: str, status: int | None,
                      retry_after: float | None) -> tuple[str, None]:
        assert self.writer is not None
        state.failures += 1
        state.next_poll = next_poll_after_failure(now, self.interval(state), state.failures,
                                                  retry_after=retry_after, rng=self.rng)
        await self._record(state.id, FetchOutcome(
            attempted_at=now, next_poll=state.next_poll, ok=False, status=status, error=error,
            brands=state.config.brands))
        log_event(log, logging.WARNING, "fetch.failed", source=state.id, url=state.config.url,
                  status=status, failures=state.failures, error=error,
                  retry_in=round((state.next_poll - now).total_seconds()))
        return "failed", None

    async def run_once(self) -> PassSummary:
        """Poll every configured source once, concurrently (within the HTTP limits)."""
        started = time.monotonic()
        summary = PassSummary(sources=len(self.states))
        results = await asyncio.gather(*(self._guarded_poll(s) for s in self.states))
        await self._guarded_detect()
        if self.config.alerts.rules:  # deliver what this pass raised (bounded in time)
            await DeliveryWorker(self.config.alerts, self.writer,
                                 config_path=self._config_path()).drain(timeout=10.0)
        for state, (status, result) in zip(self.states, results, strict=True):
            if status == "failed":
                summary.failed += 1
                summary.errors.append(state.config.url)
            elif status == "not_modified":
                summary.not_modified += 1
            elif status == "unchanged":
                summary.unchanged += 1
            else:
                summary.ok += 1
            if result is not None:
                summary.items += result.items
                summary.new += result.new
                summary.duplicates += result.duplicates
                summary.excluded += result.excluded
        summary.seconds = time.monotonic() - started
        log_event(log, logging.INFO, "pass.done", sources=summary.sources, ok=summary.ok,
                  not_modified=summary.not_modified, unchanged=summary.unchanged,
                  failed=summary.failed, new=summary.new, duplicates=summary.duplicates,
                  excluded=summary.excluded, seconds=round(summary.seconds, 2))
        return summary

    def _config_path(self) -> str | None:
        return str(self.config.path) if self.config.path else None

    async def _guarded_detect(self) -> None:
        try:
            await self.detect()
        except Exception:  # a detector bug must not stop ingestion
            log.exception("detection failed")

    async def _detect_loop(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self._guarded_detect()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.config.daemon.detect_every)

    async def _guarded_poll(self, state: SourceState) -> tuple[str, IngestResult | None]:
        saved = (state.etag, state.last_modified, state.body_hash, state.cursor)
        try:
            return await self.poll(state)
        except VigieError as exc:
            log_event(log, logging.ERROR, "poll.error", source=state.id, error=str(exc))
            return "failed", None
        except sqlite3.DatabaseError as exc:
            message = maintenance.storage_fault(exc, self.config.storage.path)
            if message is None:
                raise
            # Nothing of this poll was stored: forget its validators so it is fetched again.
            state.etag, state.last_modified, state.body_hash, state.cursor = saved
            state.next_poll = self.clock() + timedelta(seconds=self.interval(state))
            self._pause(message)
            return "failed", None

    def _pause(self, message: str) -> None:
        """Stop starting polls until a probe write succeeds (disk full, read-only database)."""
        if self.paused is None:
            log_event(log, logging.ERROR, "store.paused", error=message)
        self.paused = message
        self._writable.clear()
        if self._probe is None or self._probe.done():
            self._probe = asyncio.create_task(self._probe_until_writable(), name="store-probe")

    async def _probe_until_writable(self) -> None:
        assert self.writer is not None
        while self.paused is not None:
            await asyncio.sleep(self.probe_every)
            try:
                await self.writer.call(maintenance.probe_write)
            except sqlite3.DatabaseError as exc:
                self.paused = maintenance.storage_fault(exc, self.config.storage.path) or str(exc)
                continue
            log_event(log, logging.WARNING, "store.resumed", db=str(self.config.storage.path))
            self.paused = None
            self._writable.set()

    async def maintain(self) -> dict[str, str]:
        """Run the maintenance tasks that are due (prune, ANALYZE, VACUUM); returns what ran."""
        assert self.writer is not None
        storage = self.config.storage
        now = self.detect_clock()
        done: dict[str, str] = {}
        for task in await self.writer.call(maintenance.due_tasks, storage, now):
            started = time.monotonic()
            if task == "prune":
                cutoff = now - timedelta(days=storage.keep_days)
                mentions = outbox = 0
                while True:  # one short transaction per batch: ingest interleaves
                    step = await self.writer.call(retention.prune_batch, cutoff)
                    mentions, outbox = mentions + step.mentions, outbox + step.outbox
                    if not step.mentions and not step.outbox:
                        break
                detail = f"mentions={mentions} outbox={outbox}"
            elif task == "analyze":
                await self.writer.call(maintenance.analyze)
                detail = ""
            else:
                try:
                    detail = f"freed={await self.writer.call(maintenance.vacuum)}"
                except sqlite3.DatabaseError as exc:
                    # VACUUM needs room for a copy of the database; without it, skip
                    # until next period rather than pausing ingest.
                    if maintenance.storage_fault(exc, storage.path) is None:
                        raise
                    detail = f"skipped: {exc}"
                    log_event(log, logging.WARNING, "maintenance.vacuum_skipped",
                              error=f"VACUUM needs free space about the size of the database: "
                                    f"{exc}")
            await self.writer.call(maintenance.mark_done, task, now, detail)
            done[task] = detail
            log_event(log, logging.INFO, f"maintenance.{task}", detail=detail,
                      ms=round((time.monotonic() - started) * 1000))
        return done

    async def _maintenance_loop(self, stop: asyncio.Event) -> None:
        # First check a minute after start (not during the start-up burst of polls).
        delay = min(60.0, self.config.storage.maintenance_every)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
                return
            try:
                await self.maintain()
            except sqlite3.DatabaseError as exc:
                message = maintenance.storage_fault(exc, self.config.storage.path)
                if message is None:
                    log.exception("maintenance failed")
                else:
                    self._pause(message)
            except Exception:  # maintenance must never stop ingestion
                log.exception("maintenance failed")
            delay = min(3600.0, self.config.storage.maintenance_every)

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Poll each source on its own jittered schedule until ``stop`` is set.

        On stop: no new poll starts; polls in flight get up to 4 s to finish
        (their store writes are single transactions, so nothing is half-written).
        """
        tasks = [asyncio.create_task(self._source_loop(s, stop), name=f"source-{s.id}")
                 for s in self.states]
        if self.config.brands:
            tasks.append(asyncio.create_task(self._detect_loop(stop), name="detectors"))
        tasks.append(asyncio.create_task(self._maintenance_loop(stop), name="maintenance"))
        if self.config.alerts.rules:
            worker = DeliveryWorker(self.config.alerts, self.writer,
                                    config_path=self._config_path())
            tasks.append(asyncio.create_task(worker.run(stop), name="alerts"))
        log_event(log, logging.INFO, "daemon.started", sources=len(self.states),
                  db=str(self.config.storage.path))
        await stop.wait()
        log_event(log, logging.INFO, "daemon.stopping", inflight=len(self._inflight))
        for t in tasks:
            if t not in self._inflight:
                t.cancel()
        if self._inflight:
            _, pending = await asyncio.wait(self._inflight, timeout=4.0)
            for t in pending:
                t.cancel()
        if self._probe is not None:
            self._probe.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        log_event(log, logging.INFO, "daemon.stopped")

    async def _source_loop(self, state: SourceState, stop: asyncio.Event) -> None:
        # Spread the first polls over a few seconds so 1,000 sources don't start at once.
        first = state.next_poll
        if first is None:
            delay = self.rng.uniform(0, min(5.0, self.interval(state) * self.config.daemon.jitter))
        else:
            delay = max(0.0, (first - self.clock()).total_seconds())
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
                return
            except TimeoutError:
                pass
            if not self._writable.is_set():  # storage fault: wait for the probe to succeed
                waiter = asyncio.ensure_future(self._writable.wait())
                stopper = asyncio.ensure_future(stop.wait())
                await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
                waiter.cancel()
                stopper.cancel()
                if stop.is_set():
                    return
            task = asyncio.current_task()
            assert task is not None
            self._inflight.add(task)
            try:
                await self._guarded_poll(state)
            finally:
                self._inflight.discard(task)
            assert state.next_poll is not None
            delay = max(1.0, (state.next_poll - self.clock()).total_seconds())


def _load_states(db: Any, ids: list[int]) -> dict[int, dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    for row in db.query("SELECT id, etag, last_modified, body_hash, consecutive_failures,"
                        " next_poll, cursor FROM sources"):
        if row["id"] in ids:
            rows[row["id"]] = row
    return rows
