"""Delivery of the outbox: send due rows, retry with backoff, dead-letter, digests.

:func:`send` makes one attempt (HTTP POST, an email over SMTP, or a command with
the JSON on stdin) and reports an :class:`Attempt`; it never raises for a
receiver's failure.
:class:`DeliveryWorker` reads due rows through the daemon's single writer,
sends them (one channel's rows in order, channels concurrently) and moves each
row to ``sent``, back to ``pending`` with a later ``next_attempt_at``
(exponential backoff with jitter, or the receiver's ``Retry-After`` on 429 and
503), or to ``dead`` after the channel's ``max_attempts`` or on a 4xx that no
retry can fix. A row is marked sent only after the receiver accepted it, so
a killed daemon re-sends, never loses (same ``Idempotency-Key``).

Error messages and logs name the channel, never its URL, secret or headers
(Slack, Discord and Teams URLs are secrets themselves).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from listener import __version__
from listener.alerts.attempt import Attempt
from listener.alerts.config import AlertsConfig, ChannelConfig, resolve_channel
from listener.alerts.formats import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    body_bytes,
    digest_envelope,
    render,
    sign,
)
from listener.alerts.mail import build_message
from listener.alerts.mail import deliver as deliver_mail
from listener.alerts.outbox import (
    OutboxRow,
    claim_digest,
    claim_due,
    defer,
    last_sent_at,
    mark_failed,
    mark_sent,
    utc_iso,
)
from listener.errors import ConfigError
from listener.i18n import ENGLISH, Translator, translator
from listener.logsetup import log_event
from listener.sources.http import parse_retry_after
from listener.sources.proxy import proxy_for

__all__ = ["Attempt", "send", "retry_delay", "DeliveryWorker", "USER_AGENT"]

log = logging.getLogger("vigie.alerts")

USER_AGENT = f"Vigie/{__version__} (alert webhook)"
_RETRYABLE_4XX = {408, 425, 429}
_RESPONSE_CAP = 2000


def retry_delay(attempt: int, *, base: float, cap: float, rng: random.Random,
                retry_after: float | None = None) -> float:
    """Seconds before the next try after the ``attempt``-th failure (1-based).

    ``Retry-After`` wins when the receiver sent one (capped at ``cap``);
    otherwise ``base * 2**(attempt-1)`` capped at ``cap``, half of it fixed and
    half random ("equal jitter") so retries of many rows do not line up.
    """
    if retry_after is not None:
        return min(cap, max(0.0, retry_after))
    delay = min(cap, base * 2 ** max(0, attempt - 1))
    return delay / 2 + rng.uniform(0, delay / 2)


def _redact(text: str, channel: ChannelConfig) -> str:
    """``text`` without the channel's URL (whose path and query are tokens), secret or headers."""
    secrets = [channel.secret, channel.password, *channel.headers.values()]
    if channel.url:
        parts = urlsplit(channel.url)
        secrets += [channel.url, parts.path + (f"?{parts.query}" if parts.query else ""),
                    parts.path, parts.query]
    for secret in sorted((s for s in secrets if s and len(s) > 1), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


async def send(channel: ChannelConfig, payload: dict[str, Any], *, idempotency_key: str,
               session: aiohttp.ClientSession | None = None,
               tr: Translator = ENGLISH) -> Attempt:
    """One attempt at delivering ``payload`` (an event or a digest) to ``channel``; chat
    messages and emails are written in ``tr``'s language."""
    if channel.kind == "email":
        message = build_message(payload, sender=channel.sender or "",
                                recipients=channel.recipients, key=idempotency_key, tr=tr)
        attempt = await asyncio.to_thread(deliver_mail, channel, message)
        if attempt.error:
            attempt.error = _redact(attempt.error, channel)
        return attempt
    body = body_bytes(render(channel.kind, payload, tr))
    if channel.kind == "command":
        return await _run_command(channel, body, idempotency_key, str(payload.get("kind", "")))
    own = session is None
    session = session or aiohttp.ClientSession()
    try:
        return await _post(session, channel, body, idempotency_key,
                           str(payload.get("kind", payload.get("schema", ""))))
    finally:
        if own:
            await session.close()


async def _post(session: aiohttp.ClientSession, channel: ChannelConfig, body: bytes,
                key: str, kind: str) -> Attempt:
    assert channel.url is not None
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT,
               "Idempotency-Key": key, "X-Vigie-Event": kind, **channel.headers}
    if channel.secret:
        ts, sig = sign(channel.secret, body)
        headers[TIMESTAMP_HEADER] = ts
        headers[SIGNATURE_HEADER] = sig
    timeout = aiohttp.ClientTimeout(total=channel.timeout)
    try:
        async with session.post(channel.url, data=body, headers=headers, timeout=timeout,
                                proxy=proxy_for(channel.url),
                                allow_redirects=False) as resp:
            text = (await resp.content.read(_RESPONSE_CAP)).decode("utf-8", "replace")
            status = resp.status
            if 200 <= status < 300:
                return Attempt(True, status, response=text)
            retry_after = (parse_retry_after(resp.headers.get("Retry-After"))
                           if status in (429, 503) else None)
            permanent = 400 <= status < 500 and status not in _RETRYABLE_4XX
            return Attempt(False, status, f"HTTP {status}: {_redact(text[:200], channel)}",
                           retry_after=retry_after, permanent=permanent, response=text)
    except TimeoutError:
        return Attempt(False, error=f"no answer within {channel.timeout:g} s")
    except aiohttp.ClientError as exc:
        return Attempt(False, error=_redact(f"{type(exc).__name__}: {exc}", channel))


async def _run_command(channel: ChannelConfig, body: bytes, key: str, kind: str) -> Attempt:
    env = {**os.environ, "VIGIE_IDEMPOTENCY_KEY": key, "VIGIE_EVENT_KIND": kind}
    try:
        proc = await asyncio.create_subprocess_exec(
            *channel.command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=env)
    except OSError as exc:
        return Attempt(False, error=f"cannot run {channel.command[0]!r}: {exc.strerror}",
                       permanent=True)
    try:
        out, err = await asyncio.wait_for(proc.communicate(body), timeout=channel.timeout)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        await proc.wait()
        return Attempt(False, error=f"command did not finish within {channel.timeout:g} s")
    text = out.decode("utf-8", "replace")[:_RESPONSE_CAP]
    if proc.returncode == 0:
        return Attempt(True, 0, response=text)
    detail = _redact(err.decode("utf-8", "replace").strip()[-200:], channel)
    return Attempt(False, proc.returncode, f"command exited with {proc.returncode}: {detail}",
                   response=text)


Writer = Any  # listener.store.StoreWriter (``await writer.call(fn, *args)``)


def _wall() -> datetime:
    return datetime.now(UTC)


class DeliveryWorker:
    """Sends due outbox rows through ``writer`` (the daemon's single writer)."""

    def __init__(self, alerts: AlertsConfig, writer: Writer, *,
                 clock: Callable[[], datetime] = _wall, rng: random.Random | None = None,
                 poll_every: float = 0.5, config_path: str | None = None) -> None:
        self.alerts = alerts
        #: The language of chat messages and emails (the configuration's ``language``).
        self.tr = translator(alerts.language)
        self.writer = writer
        self.clock = clock
        self.rng = rng or random.Random()
        self.poll_every = poll_every
        self.channels: dict[str, ChannelConfig | str] = {}
        for i, c in enumerate(alerts.channels):
            try:
                self.channels[c.name] = resolve_channel(c, index=i, path=config_path)
            except ConfigError as exc:
                self.channels[c.name] = str(exc)

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set (a failing store is logged, then retried)."""
        async with aiohttp.ClientSession() as session:
            while not stop.is_set():
                try:
                    await self.deliver_due(session)
                except Exception:  # a store or worker bug must not stop the daemon
                    log.exception("alert delivery failed")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self.poll_every)

    async def drain(self, timeout: float = 10.0) -> int:
        """Deliver what is due now, retrying due rows until none is left or ``timeout``."""
        sent = 0
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with aiohttp.ClientSession() as session:
            while loop.time() < deadline:
                try:
                    n = await asyncio.wait_for(self.deliver_due(session),
                                               timeout=max(0.1, deadline - loop.time()))
                except TimeoutError:
                    break
                if n == 0:
                    break
                sent += n
        return sent

    #: Rows claimed at a time; their lease covers sending all of them one after another.
    CLAIM_BATCH = 10

    def _lease_seconds(self, rows: int) -> float:
        """How long claimed rows stay ours: every one of them timing out, plus a margin."""
        timeouts = [c.timeout for c in self.channels.values() if isinstance(c, ChannelConfig)]
        return 30.0 + rows * max(timeouts, default=10.0)

    async def deliver_due(self, session: aiohttp.ClientSession) -> int:
        """One round: every due row, claimed in batches and grouped by channel; rows handled.

        Rows are leased to this process while it sends them (see
        :func:`~listener.alerts.outbox.claim_due`), so a ``vigie once`` next to
        a running daemon does not send them a second time.
        """
        handled = 0
        while True:
            rows = await self.writer.call(claim_due, self.clock(),
                                          self._lease_seconds(self.CLAIM_BATCH), self.CLAIM_BATCH)
            by_channel: dict[str, list[OutboxRow]] = {}
            for row in rows:
                by_channel.setdefault(row.channel, []).append(row)
            done = await asyncio.gather(*(self._channel(session, name, batch)
                                          for name, batch in by_channel.items()))
            handled += sum(done)
            if len(rows) < self.CLAIM_BATCH:
                return handled

    async def _channel(self, session: aiohttp.ClientSession, name: str,
                       rows: list[OutboxRow]) -> int:
        channel = self.channels.get(name)
        if not isinstance(channel, ChannelConfig):
            error = channel or f"channel {name!r} is no longer in [[alerts.channels]]"
            await self.writer.call(mark_failed, [r.id for r in rows], error, None, None)
            log_event(log, logging.ERROR, "alert.dead", channel=name, rows=len(rows), error=error)
            return len(rows)
        if channel.digest:
            return await self._digest(session, channel)
        for row in rows:
            attempt = await send(channel, row.event, idempotency_key=row.event_id, tr=self.tr,
                                 session=session)
            await self._record(channel, [row], attempt)
        return len(rows)

    async def _digest(self, session: aiohttp.ClientSession, channel: ChannelConfig) -> int:
        assert channel.digest is not None
        now = self.clock()
        last = await self.writer.call(last_sent_at, channel.name)
        rows = await self.writer.call(claim_digest, channel.name, now, self._lease_seconds(1))
        if not rows:
            return 0
        if last is not None and now < last + timedelta(seconds=channel.digest):
            await self.writer.call(defer, [r.id for r in rows],
                                   last + timedelta(seconds=channel.digest))
            return 0
        ids = sorted(r.event_id for r in rows)
        digest_id = "dig_" + hashlib.sha256("|".join(ids).encode()).hexdigest()[:24]
        payload = digest_envelope([r.event for r in rows], digest_id=digest_id,
                                  channel=channel.name, created_at=utc_iso(now))
        attempt = await send(channel, payload, idempotency_key=digest_id, session=session,
                             tr=self.tr)
        await self._record(channel, rows, attempt, digest_id=digest_id)
        return len(rows)

    async def _record(self, channel: ChannelConfig, rows: list[OutboxRow], attempt: Attempt,
                      digest_id: str | None = None) -> None:
        ids = [r.id for r in rows]
        first = rows[0]
        if attempt.ok:
            await self.writer.call(mark_sent, ids, self.clock(), attempt.status, digest_id)
            log_event(log, logging.INFO, "alert.sent", channel=channel.name,
                      event_id=digest_id or first.event_id, kind=first.kind, rows=len(rows),
                      status=attempt.status)
            return
        tries = max(r.attempts for r in rows) + 1
        limit = self.alerts.attempts_for(channel)
        error = attempt.error or "failed"
        if attempt.permanent or tries >= limit:
            await self.writer.call(mark_failed, ids, error, attempt.status, None)
            log_event(log, logging.ERROR, "alert.dead", channel=channel.name,
                      event_id=digest_id or first.event_id, attempts=tries, error=error)
            return
        delay = retry_delay(tries, base=self.alerts.backoff_base, cap=self.alerts.backoff_max,
                            rng=self.rng, retry_after=attempt.retry_after)
        await self.writer.call(mark_failed, ids, error, attempt.status,
                               self.clock() + timedelta(seconds=delay))
        log_event(log, logging.WARNING, "alert.retry", channel=channel.name,
                  event_id=digest_id or first.event_id, attempts=tries, error=error,
                  retry_in=round(delay, 2))
