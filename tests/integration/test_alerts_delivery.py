"""Delivery against real local receivers: success, 500, timeout, 429 + Retry-After, closed
connection, signature checked on the receiver's side, digests, commands, secrets kept out of logs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from listener.alerts.config import AlertsConfig, parse_alerts
from listener.alerts.delivery import DeliveryWorker
from listener.alerts.outbox import enqueue_detection, list_rows
from listener.store import StoreWriter
from listener.store.tx import write_tx

DOCS = Path(__file__).resolve().parents[2] / "docs" / "alerts.md"
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
Behaviour = Callable[[web.Request, int], Awaitable[web.StreamResponse]]


class Receiver:
    """A real aiohttp webhook receiver on 127.0.0.1; ``behave(request, n)`` answers call n."""

    def __init__(self, behave: Behaviour | None = None) -> None:
        self.behave = behave
        self.calls: list[tuple[dict[str, str], bytes]] = []
        self.runner: web.AppRunner | None = None
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook/t0ps3cr3t-path"

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.calls.append((dict(request.headers), body))
        if self.behave is not None:
            return await self.behave(request, len(self.calls))
        return web.Response(text="ok")

    async def start(self) -> Receiver:
        app = web.Application()
        app.router.add_post("/hook/{tail}", self._handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.SockSite(self.runner, self.sock).start()
        return self

    async def close(self) -> None:
        if self.runner:
            await self.runner.cleanup()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rec = Receiver()
    yield rec
    await rec.close()


class Clock:
    """A settable wall clock, so retry delays are checked without sleeping."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC) + timedelta(seconds=1)  # after the rows' creation

    def __call__(self) -> datetime:
        return self.now


def _alerts(url: str, **channel: Any) -> AlertsConfig:
    ch = {"name": "ops", "kind": "webhook", "url": url, "timeout": "1s", **channel}
    return parse_alerts({"max_attempts": 3, "backoff_base": "2s", "backoff_max": "1m",
                         "channels": [ch],
                         "rules": [{"name": "r", "events": ["spike.*"], "channels": ["ops"]}]},
                        "v.toml", env={"HOOK_SECRET": "sh4red-secret"})


async def _setup(tmp_path: Path, alerts: AlertsConfig, n: int = 1,
                 clock: Clock | None = None) -> tuple[StoreWriter, DeliveryWorker]:
    writer = StoreWriter(tmp_path / "a.db")

    def add(db: Any) -> None:
        for i in range(n):
            with write_tx(db):
                enqueue_detection(db, alerts, kind="spike.opened", item_id=i + 1,
                                  brand="Bleuet", summary=f"spike {i}", at=T0, severity="major",
                                  payload={"observed": 30 + i})
    await writer.call(add)
    return writer, DeliveryWorker(alerts, writer, clock=clock or Clock())


async def _rows(writer: StoreWriter) -> list[Any]:
    return sorted(await writer.call(list_rows), key=lambda r: r.id)


async def test_success_carries_idempotency_key_and_schema(receiver: Receiver,
                                                          tmp_path: Path) -> None:
    """A 200 marks the row sent; the body is the v1 event with its idempotency key."""
    await receiver.start()
    writer, worker = await _setup(tmp_path, _alerts(receiver.url), n=2)
    assert await worker.drain(timeout=5) == 2
    rows = await _rows(writer)
    assert [r.state for r in rows] == ["sent", "sent"]
    headers, body = receiver.calls[0]
    event = json.loads(body)
    assert event["schema"] == "vigie.alert/1" and headers["Idempotency-Key"] == event["id"]
    assert event["id"] == rows[0].event_id and headers["X-Vigie-Event"] == "spike.opened"
    writer.close()


async def test_500_retries_with_backoff_then_dead_letter(tmp_path: Path) -> None:
    """Each 500 schedules a later retry (exponential, jittered); after max_attempts: dead."""
    async def fail(request: web.Request, n: int) -> web.Response:
        return web.Response(status=500, text="boom")
    rec = await Receiver(fail).start()
    clock = Clock()
    writer, worker = await _setup(tmp_path, _alerts(rec.url), clock=clock)
    delays = []
    for _ in range(3):
        assert await worker.drain(timeout=5) == 1
        row = (await _rows(writer))[0]
        if row.state == "pending":
            due = datetime.strptime(row.next_attempt_at, "%Y-%m-%dT%H:%M:%S.%fZ")
            delays.append((due.replace(tzinfo=UTC) - clock.now).total_seconds())
            assert await worker.drain(timeout=5) == 0  # not due yet
            clock.now += timedelta(seconds=delays[-1] + 0.01)
    row = (await _rows(writer))[0]
    assert row.state == "dead" and row.attempts == 3 and row.last_status == 500
    assert 1.0 <= delays[0] <= 2.0 and 2.0 <= delays[1] <= 4.0
    assert len(rec.calls) == 3
    assert len({h["Idempotency-Key"] for h, _ in rec.calls}) == 1
    writer.close()
    await rec.close()


async def test_429_retry_after_is_honoured(tmp_path: Path) -> None:
    """A 429 with Retry-After: 7 schedules the next try 7 s later, then succeeds."""
    async def limited(request: web.Request, n: int) -> web.Response:
        if n == 1:
            return web.Response(status=429, headers={"Retry-After": "7"})
        return web.Response(text="ok")
    rec = await Receiver(limited).start()
    clock = Clock()
    writer, worker = await _setup(tmp_path, _alerts(rec.url), clock=clock)
    await worker.drain(timeout=5)
    row = (await _rows(writer))[0]
    due = datetime.strptime(row.next_attempt_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    assert row.state == "pending" and abs((due - clock.now).total_seconds() - 7) < 0.01
    clock.now = due
    await worker.drain(timeout=5)
    assert (await _rows(writer))[0].state == "sent"
    writer.close()
    await rec.close()


async def test_timeout_and_closed_connection_are_retried(tmp_path: Path) -> None:
    """A receiver that never answers, or closes the connection, leaves the row pending."""
    async def hang(request: web.Request, n: int) -> web.Response:
        await asyncio.sleep(1.5)  # past the channel's 1 s timeout
        return web.Response(text="late")

    async def close(request: web.Request, n: int) -> web.Response:
        assert request.transport is not None
        request.transport.close()
        await asyncio.sleep(0.05)
        return web.Response(text="never seen")
    for behave, words in ((hang, "no answer within 1 s"), (close, "Disconnected")):
        rec = await Receiver(behave).start()
        path = tmp_path / behave.__name__
        path.mkdir()
        writer, worker = await _setup(path, _alerts(rec.url))
        await worker.drain(timeout=5)
        row = (await _rows(writer))[0]
        assert row.state == "pending" and row.attempts == 1
        assert words in (row.last_error or ""), row.last_error
        writer.close()
        await rec.close()


async def test_4xx_is_a_dead_letter_at_once(tmp_path: Path) -> None:
    """A 404 cannot get better by retrying: dead after one attempt."""
    async def gone(request: web.Request, n: int) -> web.Response:
        return web.Response(status=404, text="no such hook")
    rec = await Receiver(gone).start()
    writer, worker = await _setup(tmp_path, _alerts(rec.url))
    await worker.drain(timeout=5)
    row = (await _rows(writer))[0]
    assert row.state == "dead" and row.attempts == 1 and "404" in (row.last_error or "")
    writer.close()
    await rec.close()


def _docs_verifier() -> Callable[..., bool]:
    """The Python verifier of docs/alerts.md, executed as written."""
    text = DOCS.read_text(encoding="utf-8")
    m = re.search(r"<!-- verifier -->\s*```python\n(.*?)```", text, re.S)
    assert m, "docs/alerts.md must contain the verifier snippet"
    scope: dict[str, Any] = {}
    exec(compile(m.group(1), str(DOCS), "exec"), scope)  # noqa: S102 - our own docs
    return scope["verify_vigie_signature"]


async def test_signature_verified_by_the_receiver_with_the_docs_verifier(
        receiver: Receiver, tmp_path: Path) -> None:
    """The receiver checks X-Vigie-Signature with the documented snippet; tampering fails."""
    verify = _docs_verifier()
    await receiver.start()
    writer, worker = await _setup(tmp_path, _alerts(receiver.url, secret="${HOOK_SECRET}"))
    await worker.drain(timeout=5)
    headers, body = receiver.calls[0]
    assert verify(b"sh4red-secret", headers["X-Vigie-Timestamp"], body,
                  headers["X-Vigie-Signature"])
    assert not verify(b"wrong", headers["X-Vigie-Timestamp"], body,
                      headers["X-Vigie-Signature"])
    assert not verify(b"sh4red-secret", headers["X-Vigie-Timestamp"], body + b"x",
                      headers["X-Vigie-Signature"])
    writer.close()


async def test_secrets_never_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Failures log the channel name, never the URL token, secret or header values."""
    async def fail(request: web.Request, n: int) -> web.Response:
        return web.Response(status=500, text=f"bad {request.path} {request.headers['X-Token']}")
    rec = await Receiver(fail).start()
    alerts = _alerts(rec.url, secret="${HOOK_SECRET}", headers={"X-Token": "h3ader-secret"})
    writer, worker = await _setup(tmp_path, alerts)
    logger = logging.getLogger("vigie")
    logger.propagate = True
    try:
        with caplog.at_level(logging.DEBUG, logger="vigie"):
            await worker.drain(timeout=5)
    finally:
        logger.propagate = False
    text = caplog.text + " ".join(str(getattr(r, "kv", "")) for r in caplog.records)
    row = (await _rows(writer))[0]
    assert "alert.retry" in text and "ops" in text
    for secret in ("t0ps3cr3t-path", "sh4red-secret", "h3ader-secret"):
        assert secret not in text and secret not in (row.last_error or "")
    writer.close()
    await rec.close()


async def test_digest_sends_one_message_per_window(receiver: Receiver, tmp_path: Path) -> None:
    """In digest mode the channel gets at most one message per window, listing the events."""
    await receiver.start()
    clock = Clock()
    alerts = _alerts(receiver.url, digest="10m")
    writer, worker = await _setup(tmp_path, alerts, n=3, clock=clock)
    await worker.drain(timeout=5)
    assert len(receiver.calls) == 1
    digest = json.loads(receiver.calls[0][1])
    assert digest["schema"] == "vigie.digest/1" and digest["count"] == 3

    def more(db: Any) -> None:
        for i in (10, 11):
            with write_tx(db):
                enqueue_detection(db, alerts, kind="spike.opened", item_id=i, brand="Bleuet",
                                  summary="later", at=T0, severity="major", payload={})
    await writer.call(more)
    clock.now += timedelta(minutes=5)
    await worker.drain(timeout=5)
    assert len(receiver.calls) == 1  # still inside the window
    clock.now += timedelta(minutes=5, seconds=1)
    await worker.drain(timeout=5)
    assert len(receiver.calls) == 2 and json.loads(receiver.calls[1][1])["count"] == 2
    assert all(r.state == "sent" for r in await _rows(writer))
    writer.close()


async def test_command_channel_gets_json_on_stdin(tmp_path: Path) -> None:
    """The command gets the event on stdin; exit 0 = sent, non-zero = retried."""
    out = tmp_path / "got.json"
    script = f"import sys; open({str(out)!r}, 'wb').write(sys.stdin.buffer.read())"
    alerts = parse_alerts(
        {"channels": [{"name": "ops", "kind": "command", "command": [sys.executable, "-c", script]},
                      {"name": "bad", "kind": "command",
                       "command": [sys.executable, "-c", "import sys; sys.exit(3)"]}],
         "rules": [{"events": ["spike.opened"], "channels": ["ops", "bad"]}]}, "v.toml", env={})
    writer, worker = await _setup(tmp_path, alerts)
    await worker.drain(timeout=10)
    rows = {r.channel: r for r in await _rows(writer)}
    assert rows["ops"].state == "sent" and json.loads(out.read_text())["kind"] == "spike.opened"
    assert rows["bad"].state == "pending" and "exited with 3" in (rows["bad"].last_error or "")
    writer.close()


async def test_teams_channel_posts_an_adaptive_card_and_202_is_delivered(
        tmp_path: Path) -> None:
    """A Teams Workflows webhook answers 202 Accepted: the row is sent, and what arrived
    is a Teams message holding the spike as an Adaptive Card, with the idempotency key."""
    async def accepted(request: web.Request, n: int) -> web.Response:
        return web.Response(status=202)
    rec = await Receiver(accepted).start()
    try:
        writer, worker = await _setup(tmp_path, _alerts(rec.url, kind="teams"))
        assert await worker.drain(timeout=5) == 1
        assert [r.state for r in await _rows(writer)] == ["sent"]
        headers, body = rec.calls[0]
        message = json.loads(body)
        assert headers["Content-Type"].startswith("application/json")
        assert headers["Idempotency-Key"].startswith("evt_")
        card = message["attachments"][0]["content"]
        assert message["type"] == "message" and card["type"] == "AdaptiveCard"
        runs = [run["text"] for block in card["body"] for run in block.get("inlines", [])]
        assert runs[:2] == ["Negative spike (major): Bleuet", "spike 0"]
        writer.close()
    finally:
        await rec.close()


def _email_alerts(url: str, **channel: Any) -> AlertsConfig:
    ch = {"name": "mail", "kind": "email", "url": url, "timeout": "5s",
          "from": "Vigie <vigie@example.org>", "to": ["cm@example.org", "lead@example.org"],
          **channel}
    return parse_alerts({"max_attempts": 3, "backoff_base": "2s", "backoff_max": "1m",
                         "channels": [ch],
                         "rules": [{"name": "r", "events": ["spike.*"], "channels": ["mail"]}]},
                        "v.toml", env={})


async def test_email_channel_sends_through_a_real_smtp_server(tmp_path: Path) -> None:
    """Each event is one plain-text email to every recipient, with the JSON attached; its
    Message-ID comes from the idempotency key; an update is in its thread's conversation."""
    from listener.alerts.mail import message_id
    from tests.smtp import SmtpServer

    smtp = await SmtpServer().start()
    try:
        alerts = _email_alerts(smtp.url)
        writer, worker = await _setup(tmp_path, alerts, n=1)

        def escalate(db: Any) -> None:
            with write_tx(db):
                enqueue_detection(db, alerts, kind="spike.escalated", item_id=1, brand="Bleuet",
                                  summary="spike <b>worse</b>\nnow", at=T0, severity="critical",
                                  payload={})
        await writer.call(escalate)
        assert await worker.drain(timeout=10) == 2
        rows = await _rows(writer)
        assert [r.state for r in rows] == ["sent", "sent"]
        first, update = smtp.received
        assert first.sender == "vigie@example.org"
        assert first.recipients == ["cm@example.org", "lead@example.org"]
        assert first.message["Subject"] == "[Vigie] Negative spike (major): Bleuet — spike 0"
        assert first.message["Message-ID"] == message_id(rows[0].event_id)
        body = first.message.get_body(preferencelist=("plain",)).get_content()
        assert "Brand: Bleuet" in body and "Severity: major" in body
        (attachment,) = list(first.message.iter_attachments())
        assert json.loads(attachment.get_content())["id"] == rows[0].event_id
        assert update.message["In-Reply-To"] == message_id(rows[0].event_id)
        # A summary on two lines stays one line in the subject (no header injection).
        assert update.message["Subject"].endswith("spike <b>worse</b> now")
        writer.close()
    finally:
        await smtp.close()


async def test_email_refusals_retry_or_dead_letter_as_the_server_says(tmp_path: Path) -> None:
    """451 (try later) and a server that is down are retried; every recipient refused with
    550 is a dead letter at once; a password is never sent without TLS."""
    from listener.alerts.delivery import send
    from listener.alerts.examples import sample_event
    from tests.conftest import closed_port
    from tests.smtp import SmtpServer

    smtp = await SmtpServer(data_reply="451 try later").start()
    try:
        channel = _email_alerts(smtp.url).channels[0]
        attempt = await send(channel, sample_event(), idempotency_key="evt_x")
        assert not attempt.ok and not attempt.permanent and attempt.status == 451
        smtp.data_reply = "250 ok"
        smtp.refuse = {"cm@example.org": "550 no such user",
                       "lead@example.org": "550 no such user"}
        attempt = await send(channel, sample_event(), idempotency_key="evt_x")
        assert not attempt.ok and attempt.permanent and "every recipient refused" in str(
            attempt.error)
        smtp.refuse = {"lead@example.org": "550 no such user"}
        attempt = await send(channel, sample_event(), idempotency_key="evt_x")
        assert attempt.ok and "lead@example.org (550)" in attempt.response
        login = _email_alerts(smtp.url, username="vigie", password="s3cret").channels[0]
        attempt = await send(login, sample_event(), idempotency_key="evt_x")
        assert attempt.permanent and "offers no STARTTLS" in str(attempt.error)
        assert "s3cret" not in str(attempt.error)
    finally:
        await smtp.close()
    down = _email_alerts(f"smtp://127.0.0.1:{closed_port()}").channels[0]
    attempt = await send(down, sample_event(), idempotency_key="evt_x")
    assert not attempt.ok and not attempt.permanent and "ConnectionRefusedError" in str(
        attempt.error)
