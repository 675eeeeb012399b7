"""Runs the pure detectors on what the daemon stores, and records their results.

:class:`SpikeMonitor` counts each brand's mentions per bin from the store and
feeds completed bins to :class:`~listener.detection.spikes.SpikeDetector`
(a bin is complete once the detection clock is ``lag`` past its end *and*
every healthy, frequently polled source has been fetched since then, so that
mentions that arrive a poll late, or after a restart, are still counted in
their own bin; a source that fails or is overdue by more than ``hold`` stops
holding the bins back). :class:`CampaignMonitor`
feeds newly stored mentions, per brand, to
:class:`~listener.detection.campaigns.CampaignDetector`. Both run on the
daemon's writer thread (``writer.call``), so their reads and writes are
serialised with ingest, and store alerts and campaigns in one transaction per
tick.

On start-up each detector is rebuilt by replaying the stored history (spikes:
up to the calibration window; campaigns: the last days of mentions); incidents
still open at the end of the replay are reconciled with the stored alerts.
The campaign replay runs in the background on the daemon's detector thread;
polling does not wait for it (see ``Daemon.campaigns_ready``).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from listener.alerts.config import AlertsConfig
from listener.alerts.outbox import enqueue_detection
from listener.analysis.query import BrandMatcher
from listener.config import Config
from listener.detection.campaign_reasons import campaign_summary
from listener.detection.spike_explain import (
    MentionRecord,
    campaign_message,
    explain_incident,
    headline_message,
    severity_message,
)
from listener.detection.spike_settings import settings_from_mapping
from listener.detection.spikes import AlertEvent, Incident, SpikeDetector, bin_counts, floor_to_bin
from listener.i18n import ENGLISH, Message, msg, translator
from listener.logsetup import log_event
from listener.store.answered import DAEMON_ACTOR
from listener.store.db import parse_iso
from listener.store.detections import (
    Watermark,
    brand_bin_rows,
    campaigns_among,
    fetch_watermark,
    first_mention_at,
    mention_ids_since,
    mentions_by_ids,
    mentions_for_explanation,
    open_alert_keys,
    resolve_alert,
    upsert_alert,
    upsert_campaign,
)
from listener.store.triage import DONE_STATUSES, ItemRef, apply_action, get_states
from listener.store.tx import write_tx

__all__ = ["SpikeMonitor", "CampaignMonitor", "DetectionEvent", "spike_settings_for",
           "detection_cutoff"]

log = logging.getLogger("vigie.monitor")


@dataclass(slots=True)
class DetectionEvent:
    """A stored alert or campaign change, for logs, notifications and webhooks."""

    kind: str  # spike.opened | spike.escalated | spike.resolved | campaign.opened | ...
    item_id: int
    brand: str
    summary: str
    at: datetime
    severity: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


def spike_settings_for(config: Config, index: int) -> Any:
    """Spike settings of ``config.brands[index]`` (its sensitivity and overrides)."""
    brand = config.brands[index]
    table = {"sensitivity": brand.sensitivity, **brand.spikes}
    return settings_from_mapping(table, path=str(config.path) if config.path else None,
                                 key=f"brands[{index}].spikes")


def detection_cutoff(db: sqlite_utils.Database, now: datetime, lag: timedelta,
                     hold: timedelta, resumed_at: datetime | None = None,
                     ) -> tuple[datetime, Watermark | None]:
    """The end of the time already complete, and the source holding it back (if any).

    ``now - lag``, held back to the oldest last success of the sources worth
    waiting for (:func:`~listener.store.detections.fetch_watermark`: healthy,
    polled at least every ``hold``, not overdue by more than ``hold`` since
    their scheduled poll or since ``resumed_at``): a mention published before
    it has had its chance to be fetched. The source is returned only when it
    is what holds the cutoff.
    """
    cutoff = now - lag
    fetched = fetch_watermark(db, now, hold.total_seconds(), resumed_at)
    if fetched is None or fetched.at >= cutoff:
        return cutoff, None
    return fetched.at, fetched


def _incident_key(incident: Incident) -> str:
    return f"{incident.brand}|{incident.since.isoformat()}"


class SpikeMonitor:
    """Streams each brand's completed bins through its spike detector."""

    def __init__(self, config: Config, *, lag: timedelta = timedelta(minutes=10),
                 hold: timedelta | None = None) -> None:
        self.lag = lag
        self.hold = max(hold if hold is not None else timedelta(minutes=30), lag)
        #: When the monitor started or resumed after a gap longer than the hold
        #: (a restart, a laptop waking up): every source is overdue then.
        self.resumed_at: datetime | None = None
        self._last_tick: datetime | None = None
        self.alerts = config.alerts
        self.detectors = {b.name: SpikeDetector(b.name, spike_settings_for(config, i))
                          for i, b in enumerate(config.brands)}
        #: Words that stand for each brand (its name, the names in its queries,
        #: each also written as one word): no "new term" of its spikes.
        self.name_terms: dict[str, list[str]] = {}
        if config.brands:
            matcher = BrandMatcher(config.brand_queries())
            for brand in matcher.brands:
                names = matcher.names(brand)
                self.name_terms[brand] = [*(w for words in names for w in words),
                                          *("".join(words) for words in names)]

    def tick(self, db: sqlite_utils.Database, now: datetime) -> list[DetectionEvent]:
        """Feed every bin completed by ``now``; store what changed.

        A bin is complete once ``lag`` has passed since its end and every
        source worth waiting for has been fetched since then
        (:func:`detection_cutoff`). After a restart or a wake-up (no tick for
        longer than ``hold``), the sources are waited for from then on: the
        mentions published while the daemon was away count in their own bins.
        """
        out: list[DetectionEvent] = []
        if self._last_tick is None or now - self._last_tick > self.hold:
            self.resumed_at = now
        self._last_tick = now
        cutoff = self.cutoff(db, now)
        for brand, det in self.detectors.items():
            step = det.settings.bin_seconds
            end = floor_to_bin(cutoff, step)
            if det.next_bin_start is None:
                if self._replay_one(db, det, now, end):
                    out.extend(self._reconcile(db, det, now))
                continue
            start = det.next_bin_start
            if start >= end:
                continue
            for counts in bin_counts(brand_bin_rows(db, brand, start, end), start, end, step):
                for event in det.observe(counts):
                    out.extend(self._store(db, event, now))
        return out

    def cutoff(self, db: sqlite_utils.Database, now: datetime) -> datetime:
        """The end of the time already complete: bins ending by then can be judged."""
        return detection_cutoff(db, now, self.lag, self.hold, self.resumed_at)[0]

    def replay_history(self, reader: sqlite_utils.Database, now: datetime,
                       cancel: threading.Event | None = None) -> list[str]:
        """Rebuild every unstarted detector from the stored history, reading only.

        The start-up's long part (weeks of bins per brand), run on a read-only
        connection off the writer thread, as the first :meth:`tick` would run
        it (the daemon starting or resuming at ``now``). Returns the brands
        replayed; :meth:`reconcile` stores their state on the writer thread
        before the next :meth:`tick`. ``cancel`` stops between brands.
        """
        cutoff = detection_cutoff(reader, now, self.lag, self.hold, now)[0]
        done = []
        for brand, det in self.detectors.items():
            if cancel is not None and cancel.is_set():
                break
            if det.next_bin_start is None and self._replay_one(
                    reader, det, now, floor_to_bin(cutoff, det.settings.bin_seconds)):
                done.append(brand)
        return done

    def reconcile(self, db: sqlite_utils.Database, brands: list[str],
                  now: datetime) -> list[DetectionEvent]:
        """After :meth:`replay_history` (writer thread): store each replayed brand's state."""
        out: list[DetectionEvent] = []
        for brand in brands:
            out.extend(self._reconcile(db, self.detectors[brand], now))
        return out

    @staticmethod
    def _replay_one(db: sqlite_utils.Database, det: SpikeDetector, now: datetime,
                    end: datetime) -> bool:
        """Feed ``det`` its brand's stored bins up to ``end`` (at most its calibration span
        back from ``now``); False when there is nothing to replay yet."""
        first = first_mention_at(db, det.brand)
        if first is None:
            return False
        step = det.settings.bin_seconds
        horizon = now - timedelta(days=det.settings.calibration_days)
        start = floor_to_bin(max(first, horizon), step)
        if start >= end:
            return False
        det.replay(bin_counts(brand_bin_rows(db, det.brand, start, end), start, end, step))
        return True

    def _reconcile(self, db: sqlite_utils.Database, det: SpikeDetector,
                   now: datetime) -> list[DetectionEvent]:
        """After a replay: the open incident is stored as open, stale open alerts resolved."""
        current = det.open_incident
        keep = _incident_key(current) if current else None
        with write_tx(db):
            for key in open_alert_keys(db, det.brand):
                if key != keep:
                    resolve_alert(db, key, now)
        if current is None:
            return []
        return self._store(db, AlertEvent("opened", now, current), now, replayed=True)

    def _store(self, db: sqlite_utils.Database, event: AlertEvent, now: datetime,
               replayed: bool = False) -> list[DetectionEvent]:
        inc = event.incident
        end = event.at
        window = [_record(m) for m in mentions_for_explanation(db, inc.brand, inc.since, end)]
        baseline = [_record(m) for m in mentions_for_explanation(
            db, inc.brand, inc.since - timedelta(days=7), inc.since)]
        explanation = explain_incident(inc, window, baseline,
                                       ignore_terms=self.name_terms.get(inc.brand))
        evidence = explanation.to_dict()
        evidence["incident"] = inc.to_dict()
        # Is this anger, or an attack? Say which suspected campaigns hold these mentions.
        overlap = campaigns_among(db, [int(m.id) for m in window])
        message = headline_message(inc, campaign_message(overlap, len(window), inc.since))
        summary = ENGLISH.render(message)
        evidence["headline"] = summary
        # The headline in the reader's language (listener.i18n; not sent in webhooks).
        evidence["headline_message"] = message.to_json()
        evidence["campaigns"] = [
            {"name": f"campaign c{c['id']} ({c['target']}, {c['state']})", "count": c["members"]}
            for c in overlap]
        evidence["series"] = _series(db, inc.brand, det_bin=self.detectors[inc.brand],
                                     start=inc.since - timedelta(hours=12), end=end)
        verdict = event.verdict
        score = verdict.anomaly_score if verdict is not None else 0.5
        with write_tx(db):
            alert_id, created = upsert_alert(
                db, key=_incident_key(inc), brand=inc.brand,
                test="+".join(sorted(inc.tests)) or "count",
                state="open" if inc.is_open else "resolved", severity=inc.severity_name,
                score=score, opened_at=inc.opened_at, updated_at=end,
                resolved_at=inc.resolved_at, observed=inc.peak_observed,
                expected=inc.peak_expected, p_value=inc.model_p_value,
                summary=summary, evidence=evidence,
                mention_ids=[int(m.id) for m in window[:500]])
            kind = "opened" if (created and event.kind != "resolved") else event.kind
            if replayed and not created:
                return []
            news = created or event.is_news
            if news:
                # Alert webhooks: outbox rows in the same transaction as the alert.
                # The summary in the alerts' language (the store keeps English).
                told = (translator(self.alerts.language).render(message) if self.alerts
                        else summary)
                enqueue_detection(db, self.alerts, kind=f"spike.{kind}", item_id=alert_id,
                                  brand=inc.brand, summary=told, at=end,
                                  severity=inc.severity_name,
                                  payload=_without(evidence, "headline_message"))
        log_event(log, logging.WARNING if kind in ("opened", "escalated") else logging.INFO,
                  f"spike.{kind}", brand=inc.brand, alert=alert_id,
                  severity=inc.severity_name, observed=inc.peak_observed,
                  expected=round(inc.peak_expected, 1))
        if not news:
            # Back open within the cooldown, or quiet again: the stored state
            # follows, the people watching are not told twice.
            return []
        if kind == "escalated":
            _back_to_queue(db, ItemRef("alert", alert_id), msg(
                "escalated to {severity} after it was closed: {observed} vs {expected:.1f} "
                "expected", severity=severity_message(inc.severity_name),
                observed=inc.peak_observed, expected=inc.peak_expected), now)
        elif kind == "opened" and not created:
            # A new incident of the same wave (the build-up test's excursion never
            # ended, so it starts when the last one did): the alert is news again.
            _back_to_queue(db, ItemRef("alert", alert_id), msg(
                "opened again after it was closed: {observed} vs {expected:.1f} expected",
                observed=inc.peak_observed, expected=inc.peak_expected), now)
        return [DetectionEvent(f"spike.{kind}", alert_id, inc.brand, summary,
                               end, inc.severity_name, _without(evidence, "headline_message"))]


def _without(record: dict[str, Any], key: str) -> dict[str, Any]:
    """``record`` without ``key``: what webhooks carry (explanations once, in English)."""
    return {k: v for k, v in record.items() if k != key}


def _payload(record: dict[str, Any]) -> dict[str, Any]:
    """A campaign's record as webhooks carry it."""
    return _without(record, "reason_messages")




def _back_to_queue(db: sqlite_utils.Database, ref: ItemRef, why: Message,
                   now: datetime) -> None:
    """Something that someone had resolved or ignored got worse: it is open again in triage.

    An escalated spike, a campaign with new members: the change is news (its
    webhook goes out), and the person who closed the item when it was smaller
    must see it in the queues again, with the reason in its triage history. A
    campaign judged genuine (verdict ``not_fake``) stays closed: its new
    members are the same crowd.
    """
    state = get_states(db, [ref])[ref]
    if state.status not in DONE_STATUSES or state.verdict == "not_fake":
        return
    apply_action(db, [ref], "reopen", who=DAEMON_ACTOR, now=now)
    apply_action(db, [ref], "note", who=DAEMON_ACTOR, now=now, text=ENGLISH.render(why),
                 message=why.to_json())


def _series(db: sqlite_utils.Database, brand: str, *, det_bin: SpikeDetector, start: datetime,
            end: datetime) -> list[list[object]]:
    """[bin start, total, negative] per bin around an incident, for the TUI's chart."""
    step = det_bin.settings.bin_seconds
    first = floor_to_bin(start, step)
    rows = brand_bin_rows(db, brand, first, end)
    totals = bin_counts([(t, True) for t, _ in rows], first, end, step)
    negatives = bin_counts(rows, first, end, step)
    return [[t.start.isoformat(), t.negative, n.negative]
            for t, n in zip(totals, negatives, strict=True)]


def _record(row: dict[str, Any]) -> MentionRecord:
    text = f"{row['title']}. {row['text']}" if row["text"] else row["title"]
    return MentionRecord(id=str(row["id"]), text=text, published_at=parse_iso(row["published_at"]),
                         source=row["source"], author=row["author"], compound=row["compound"],
                         reach=row["reach"], url=row["url"])


@dataclass(slots=True)
class _CampaignChange:
    """A campaign event with a snapshot taken on the detector thread."""

    kind: str
    at: datetime
    record: dict[str, Any]
    #: (mention id, suspicion score, the member's own likelihood ratio or None)
    members: list[tuple[int, float, float | None]]


class CampaignMonitor:
    """Feeds newly stored mentions to the campaign detector, per brand (the target).

    The detector is stateful and CPU-bound, so it runs on its own thread
    (:meth:`detect`), between a read (:meth:`load`) and a write (:meth:`store`)
    done on the writer thread; ingest is never blocked by it.
    """

    def __init__(self, config: Any = None) -> None:
        self._config = config
        self._detector: Any = None

    @property
    def detector(self) -> Any:
        """The :class:`CampaignDetector`, built (and its heavy imports done) on first use."""
        if self._detector is None:
            from listener.detection.campaign_models import CampaignConfig
            from listener.detection.campaigns import CampaignDetector

            self._detector = CampaignDetector(self._config or CampaignConfig())
        return self._detector

    @staticmethod
    def wants(row: dict[str, Any]) -> bool:
        """Reviews, posts and comments; not editorial articles (news, blog posts).

        A campaign is made by accounts posting reviews or messages; an article
        from a publisher's feed is not something a review farm writes, and its
        long, templated text (wire copy shared by many sites) would only make
        the near-duplicate signal noisy and slow.
        """
        return row.get("rating") is not None or row.get("kind") != "article"

    @staticmethod
    def load(db: sqlite_utils.Database, mention_ids: list[int]) -> list[dict[str, Any]]:
        """Read the mentions to observe (writer thread): reviews, posts and comments only."""
        return mentions_by_ids(db, mention_ids, campaign_kinds=True)

    @staticmethod
    def load_recent(db: sqlite_utils.Database, now: datetime,
                    days: float = 3.0) -> list[dict[str, Any]]:
        """The last ``days`` of mentions, to rebuild the detector's memory on start."""
        return mentions_by_ids(db, mention_ids_since(db, now - timedelta(days=days),
                                                     campaign_kinds=True))

    def detect(self, rows: list[dict[str, Any]],
               cancel: threading.Event | None = None) -> list[_CampaignChange]:
        """Run the detector on mentions sorted by publication (detector thread).

        ``cancel``: checked every 256 mentions; once set, the run stops and
        returns nothing (the daemon is shutting down during a long replay).
        """
        if not any(self.wants(m) for m in rows):
            return []
        events: list[Any] = []
        for n, m in enumerate(rows):
            if cancel is not None and n % 256 == 0 and cancel.is_set():
                return []
            if not self.wants(m):
                continue
            text = m["text"] or ""
            for brand in m["brands"]:
                from listener.detection.campaign_models import ReviewItem

                item = ReviewItem(id=f"{m['id']}:{brand}", target=brand, author=m["author"],
                                  text=text, published_at=m["published_at"],
                                  rating=m["rating"], title=m["title"] or None,
                                  source=m["source"], polarity=m.get("label"))
                events.extend(self.detector.observe(item))
        return self._snapshot(events)

    def tick(self, now: datetime) -> list[_CampaignChange]:
        """Close campaigns that have been quiet long enough (detector thread)."""
        if self._detector is None:
            return []
        return self._snapshot(self.detector.tick(now))

    def _snapshot(self, events: list[Any]) -> list[_CampaignChange]:
        """One change per campaign event, each a copy of the campaign *after* the batch.

        A campaign that opened (or grew) earlier in the same batch and grew
        again gives one change, not two: both snapshots would hold the same
        members, and each change is a notification (a webhook) for the team.
        """
        out = []
        told: set[str] = set()
        for event in events:
            c = event.campaign
            if event.kind == "grown" and c.id in told:
                continue
            told.add(c.id)
            members: list[tuple[int, float, float | None]] = []
            for item_id in c.members:
                sus = self.detector.suspicion(item_id)
                members.append((int(str(item_id).split(":", 1)[0]),
                                float(sus.score) if sus else float(c.score),
                                sus.likelihood_ratio if sus else None))
            record = c.to_dict()
            # The reasons in the reader's language, for the store (not for webhooks).
            record["reason_messages"] = [m.to_json() for m in c.reason_messages]
            out.append(_CampaignChange(event.kind, event.at, record, members))
        return out

    @staticmethod
    def store(db: sqlite_utils.Database, changes: list[_CampaignChange],
              replayed: bool = False, alerts: AlertsConfig | None = None) -> list[DetectionEvent]:
        """Write campaign changes (writer thread); returns the events worth telling.

        ``alerts``: rules whose outbox rows are written in the same transaction.
        """
        out: list[DetectionEvent] = []
        for change in changes:
            c = change.record
            started = datetime.fromisoformat(str(c["started_at"]))
            with write_tx(db):
                cid, created = upsert_campaign(
                    db, key=f"{c['target']}|{c['direction']}|{started.isoformat()}",
                    target=str(c["target"]),
                    state="closed" if c["status"] == "closed" else "open", score=float(c["score"]),
                    first_at=started,
                    last_at=datetime.fromisoformat(str(c["last_member_at"])),
                    updated_at=change.at, reasons=list(c["reasons"]),
                    evidence={"direction": c["direction"], "profile": c["profile"],
                              "figures": c["figures"],
                              # The reasons in the reader's language (listener.i18n).
                              "reason_messages": c.get("reason_messages") or []},
                    members=change.members)
                kind = "opened" if created else change.kind
                if replayed and not created:
                    continue
                summary = campaign_summary(c)
                told = campaign_summary(c, translator(alerts.language)) if alerts else summary
                enqueue_detection(db, alerts, kind=f"campaign.{kind}", item_id=cid,
                                  brand=str(c["target"]), summary=told, at=change.at,
                                  severity=None, payload=_payload(c))
            log_event(log, logging.WARNING if kind != "closed" else logging.INFO,
                      f"campaign.{kind}", target=c["target"], campaign=cid,
                      members=len(change.members), score=round(float(c["score"]), 2))
            if kind == "grown":
                members = (c.get("figures") or {}).get("members", len(change.members))
                _back_to_queue(db, ItemRef("campaign", cid),
                               msg("new members after it was closed: {n} in all", n=members),
                               change.at)
            out.append(DetectionEvent(f"campaign.{kind}", cid, str(c["target"]), summary,
                                      change.at, None, _payload(c)))
        return out
