"""Alerts through the real daemon and CLI: mention rules on `vigie once`, `vigie alerts`
list/retry/test, and `vigie run` killed with SIGKILL mid-delivery (nothing lost, same keys).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from pathlib import Path

from aiohttp import web

from listener.cli import main
from listener.store import connect
from tests.conftest import LocalServer
from tests.feeds import item, rss
from tests.integration.test_alerts_delivery import Receiver

_TEXTS = ["Bleuet Mobile c'est une arnaque, aucun réseau depuis hier.",
          "Bleuet Mobile: a lawsuit is coming, terrible outage again.",
          "Bleuet Mobile, quel service horrible, arnaque totale.",
          "Bleuet Mobile is fine today.",
          "Bleuet Mobile lawsuit filed, awful billing scam.",
          "Bleuet Mobile encore une ARNAQUE, vraiment nul."]


def _config(tmp_path: Path, feed_url: str, hook_url: str, *, extra: str = "") -> Path:
    path = tmp_path / "vigie.toml"
    path.write_text(
        f'[storage]\npath = "{tmp_path / "v.db"}"\n[daemon]\ndefault_interval = "10s"\n'
        "workers = 1\n"
        "[[brands]]\nname = 'Bleuet Mobile'\nqueries = ['\"Bleuet Mobile\"']\n"
        f'[[sources]]\nurl = "{feed_url}"\nname = "News"\n'
        '[alerts]\nmax_attempts = 3\nbackoff_base = "100ms"\nbackoff_max = "1s"\n'
        f'[[alerts.channels]]\nname = "ops"\nkind = "webhook"\nurl = "{hook_url}"\n'
        'secret = "${VIGIE_TEST_SECRET}"\ntimeout = "20s"\n' + extra +
        '[[alerts.rules]]\nname = "legal"\nevents = ["mention"]\nlabels = ["negative"]\n'
        'keywords = ["arnaque", "lawsuit"]\nmax_age = "3650d"\nchannels = ["ops"]\n', encoding="utf-8")
    return path


def _feed(server: LocalServer) -> str:
    body = rss([item(i, t) for i, t in enumerate(_TEXTS)])

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml")
    return server.route("/f", handler)


def _outbox(tmp_path: Path) -> list[dict[str, object]]:
    db = connect(tmp_path / "v.db", readonly=True)
    try:
        return [dict(zip(("id", "event_id", "state", "attempts"), r, strict=True))
                for r in db.execute("SELECT id, event_id, state, attempts FROM alert_outbox"
                                    " ORDER BY id").fetchall()]
    finally:
        db.conn.close()


async def test_once_sends_mention_alerts_then_list_and_retry(
        server: LocalServer, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`vigie once` queues keyword mentions with the mentions and delivers them; a dead
    letter shows in `alerts list --failed` and `alerts retry` sends it again."""
    monkeypatch.setenv("VIGIE_TEST_SECRET", "k")
    feed = _feed(server)
    await server.start()
    failing = True

    async def behave(request: web.Request, n: int) -> web.Response:
        return web.Response(status=410 if failing and n == 1 else 200, text="gone")
    rec = await Receiver(behave).start()
    cfg = _config(tmp_path, feed, rec.url)
    assert await asyncio.to_thread(main, ["--config", str(cfg), "-q", "once"]) == 0
    rows = _outbox(tmp_path)
    assert len(rows) == 5  # the negative mentions with a keyword, not "is fine today"
    assert [r["state"] for r in rows].count("dead") == 1 and len(rec.calls) == 5
    kinds = {json.loads(b)["kind"] for _, b in rec.calls}
    assert kinds == {"mention"}
    capsys.readouterr()
    assert await asyncio.to_thread(main, ["--config", str(cfg), "status"]) == 0
    assert ("Alerts: 0 waiting; 1 NOT DELIVERED (dead letters: `vigie alerts list --failed` "
            "says why" in capsys.readouterr().out)
    assert await asyncio.to_thread(main, ["--config", str(cfg), "alerts", "list", "--failed"]) == 0
    out = capsys.readouterr().out
    dead = next(r for r in rows if r["state"] == "dead")
    assert str(dead["event_id"]) in out and "HTTP 410" in out
    assert await asyncio.to_thread(main, ["--config", str(cfg), "alerts", "retry",
                                          str(dead["id"])]) == 0
    assert await asyncio.to_thread(main, ["--config", str(cfg), "alerts", "retry",
                                          str(dead["id"])]) == 2
    failing = False
    assert await asyncio.to_thread(main, ["--config", str(cfg), "-q", "once"]) == 0
    assert all(r["state"] == "sent" for r in _outbox(tmp_path))
    keys = [h["Idempotency-Key"] for h, _ in rec.calls]
    assert keys.count(str(dead["event_id"])) == 2 and len(set(keys)) == 5
    capsys.readouterr()
    assert await asyncio.to_thread(main, ["--config", str(cfg), "alerts", "test", "ops"]) == 0
    out = capsys.readouterr().out
    assert "ops (webhook): accepted, status 200" in out
    assert json.loads(rec.calls[-1][1])["rule"] == "vigie-alerts-test"
    await rec.close()



async def test_quiet_hours_hold_mention_alerts_in_the_outbox(
        server: LocalServer, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A rule with quiet hours around now (UTC) queues its mentions for their end:
    `vigie once` stores them, sends nothing, and `alerts list` says until when."""
    from datetime import UTC, datetime, timedelta

    monkeypatch.setenv("VIGIE_TEST_SECRET", "k")
    feed = _feed(server)
    await server.start()
    rec = await Receiver().start()
    now = datetime.now(UTC)
    start, end = now - timedelta(hours=1), now + timedelta(hours=2)
    cfg = _config(tmp_path, feed, rec.url)
    text = cfg.read_text(encoding="utf-8").replace(
        'channels = ["ops"]\n',
        f'channels = ["ops"]\nquiet_hours = "{start:%H:%M}-{end:%H:%M}"\n')
    cfg.write_text('timezone = "UTC"\n' + text, encoding="utf-8")
    assert await asyncio.to_thread(main, ["--config", str(cfg), "-q", "once"]) == 0
    rows = _outbox(tmp_path)
    assert len(rows) == 5 and {r["state"] for r in rows} == {"pending"}
    assert rec.calls == []
    capsys.readouterr()
    assert await asyncio.to_thread(main, ["--config", str(cfg), "alerts", "list"]) == 0
    out = capsys.readouterr().out
    assert out.count(f"held until {end:%Y-%m-%dT%H:%M}:00") == 5
    assert out.count("(the quiet hours of rule 'legal', or the digest window of channel "
                     "'ops')") == 5
    assert await asyncio.to_thread(main, ["--config", str(cfg), "status"]) == 0
    assert (f"Alerts: 5 waiting, 5 held back until {end:%m-%d %H:%M} UTC (quiet hours, "
            "digest windows)" in capsys.readouterr().out)
    await rec.close()

def test_alerts_test_unknown_channel_and_unset_secret(tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                                       monkeypatch) -> None:
    """Unknown channel: exit 2 naming the known ones; an unset secret names the variable."""
    monkeypatch.delenv("VIGIE_TEST_SECRET", raising=False)
    cfg = _config(tmp_path, "http://127.0.0.1:9/f", "http://127.0.0.1:9/h")
    assert main(["--config", str(cfg), "alerts", "list"]) == 2
    err = capsys.readouterr().err
    assert "alerts.channels[0].secret" in err and "VIGIE_TEST_SECRET" in err
    monkeypatch.setenv("VIGIE_TEST_SECRET", "k")
    assert main(["--config", str(cfg), "alerts", "test", "nope"]) == 2
    assert "known: ops" in capsys.readouterr().err


async def test_kill_9_mid_delivery_loses_nothing(server: LocalServer, tmp_path: Path) -> None:
    """SIGKILL while a webhook is in flight; after a restart every event is delivered, the
    interrupted one again with the same idempotency key, the acknowledged ones not again."""
    feed = _feed(server)
    await server.start()
    hang = asyncio.Event()
    release = asyncio.Event()

    async def behave(request: web.Request, n: int) -> web.Response:
        if n == 3 and not release.is_set():
            hang.set()
            await asyncio.wait_for(release.wait(), 30)  # the daemon is killed meanwhile
        return web.Response(text="ok")
    rec = await Receiver(behave).start()
    cfg = _config(tmp_path, feed, rec.url)
    env = {**os.environ, "VIGIE_TEST_SECRET": "k"}
    cmd = [sys.executable, "-m", "listener", "--config", str(cfg), "run"]
    proc = await asyncio.create_subprocess_exec(*cmd, env=env, stdout=asyncio.subprocess.DEVNULL,
                                                stderr=asyncio.subprocess.PIPE)
    await asyncio.wait_for(hang.wait(), timeout=20)
    proc.send_signal(signal.SIGKILL)
    await proc.wait()
    before = _outbox(tmp_path)
    assert len(before) == 5
    assert [r["state"] for r in before].count("sent") == 2
    release.set()
    proc = await asyncio.create_subprocess_exec(*cmd, env=env, stdout=asyncio.subprocess.DEVNULL,
                                                stderr=asyncio.subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if all(r["state"] == "sent" for r in _outbox(tmp_path)):
            break
        await asyncio.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(proc.communicate(), timeout=10)
    assert proc.returncode == 0, err.decode()[-2000:]
    after = _outbox(tmp_path)
    assert [r["event_id"] for r in after] == [r["event_id"] for r in before]
    assert all(r["state"] == "sent" for r in after)
    keys = [h["Idempotency-Key"] for h, _ in rec.calls]
    assert set(keys) == {r["event_id"] for r in after}
    # At least once: only the interrupted delivery (call 3) is repeated.
    assert len(keys) == 6 and keys.count(keys[2]) == 2
    await rec.close()
