"""`vigie once`, `vigie run` and `vigie status` as a user runs them (subprocesses)."""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from pathlib import Path

import pytest
from aiohttp import web

from listener.cli import main
from listener.store import connect
from tests.conftest import LocalServer, closed_port
from tests.feeds import item, rss


def _config(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "vigie.toml"
    path.write_text(
        f'[storage]\npath = "{tmp_path / "v.db"}"\n[daemon]\ndefault_interval = "10s"\n'
        "workers = 1\n"
        "[[brands]]\nname = 'Bleuet Mobile'\nqueries = ['\"Bleuet Mobile\"']\n"
        f'[[sources]]\nurl = "{url}"\nname = "News"\n', encoding="utf-8")
    return path


def _feed_handler():  # type: ignore[no-untyped-def]
    body = rss([item(i, f"Bleuet Mobile message {i}, service lent.") for i in range(5)])

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml")
    return handler


async def test_once_then_status(server: LocalServer, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`vigie once` stores mentions and prints a summary; `vigie status` shows health."""
    url = server.route("/f", _feed_handler())
    await server.start()
    cfg = _config(tmp_path, url)
    code = await asyncio.to_thread(main, ["--config", str(cfg), "-q", "once"])
    assert code == 0
    out = capsys.readouterr().out
    assert "5 new mentions" in out
    code = await asyncio.to_thread(main, ["--config", str(cfg), "status"])
    out = capsys.readouterr().out
    assert code == 0
    assert "News" in out and "ok" in out
    assert "Bleuet Mobile: 5" in out
    assert "Spike bins complete up to" in out and "detection_lag 10 min" in out
    # The same store without a configuration (a kept demo database, a copy): --db.
    db_path = next(tmp_path.glob("*.db"))
    code = await asyncio.to_thread(main, ["--config", str(tmp_path / "absent.toml"),
                                          "status", "--db", str(db_path)])
    out = capsys.readouterr().out
    assert code == 0 and "News" in out and "Bleuet Mobile: 5" in out
    code = await asyncio.to_thread(main, ["status", "--db", str(tmp_path / "none.db")])
    assert code == 2 and "no such file" in capsys.readouterr().err


async def _apology_feed(server: LocalServer) -> str:
    """A feed with the brand account's apology and a customer's complaint; its URL."""
    body = rss([item(1, "Bleuet Mobile: désolés pour la panne, on s'en occupe.",
                     author="BleuetMobile"),
                item(2, "Panne Bleuet Mobile depuis ce matin.", author="lea")])

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml")

    url = server.route("/f", handler)
    await server.start()
    return url


async def test_once_says_how_many_posts_by_excluded_authors_it_left_out(
        server: LocalServer, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    cfg = _config(tmp_path, await _apology_feed(server))
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "[[sources]]", "exclude_authors = ['bleuetmobile']\n[[sources]]"), encoding="utf-8")
    code = await asyncio.to_thread(main, ["--config", str(cfg), "-q", "once"])
    out = capsys.readouterr().out
    assert code == 0
    assert "1 new mentions" in out and "1 by excluded authors left out" in out


async def test_once_says_what_an_author_excluded_later_removed(
        server: LocalServer, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The account is excluded after its posts were stored: the next start says what went."""
    cfg = _config(tmp_path, await _apology_feed(server))
    assert await asyncio.to_thread(main, ["--config", str(cfg), "-q", "once"]) == 0
    assert "2 new mentions" in capsys.readouterr().out
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "[[sources]]", "exclude_authors = ['bleuetmobile']\n[[sources]]"), encoding="utf-8")
    assert await asyncio.to_thread(main, ["--config", str(cfg), "-q", "once"]) == 0
    out = capsys.readouterr().out
    assert ("brand rules changed since the last start: 1 stored mention links no longer match"
            " them and were removed (Bleuet Mobile 1); 1 mentions of no other brand were"
            " deleted") in out
    # The feed is read again in full under the new rules (not skipped as unchanged).
    assert "1 fetched" in out and "0 new mentions, 1 duplicates" in out
    assert "1 by excluded authors left out" in out
    assert await asyncio.to_thread(main, ["--config", str(cfg), "-q", "once"]) == 0
    assert "brand rules changed" not in capsys.readouterr().out


async def test_once_says_what_to_check_when_every_source_fails(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Nothing reachable (no network, a missing proxy): one line on what to check."""
    cfg = _config(tmp_path, f"http://127.0.0.1:{closed_port()}/feed")
    code = await asyncio.to_thread(main, ["--config", str(cfg), "-q", "once"])
    captured = capsys.readouterr()
    assert code == 0 and "1 failed" in captured.out
    assert "every source failed" in captured.err and "[http] proxy" in captured.err


async def test_a_servers_error_text_reaches_no_terminal_as_escapes(
        server: LocalServer, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """An API's error message is the server's text: stored and shown on one clean line.

    A hostile (or broken) server answering with escape sequences in its
    ``error`` field must not clear the screen or plant a link in the terminal
    of whoever runs `vigie status`.
    """
    async def api(request: web.Request) -> web.Response:
        return web.json_response(
            {"error": "\x1b[2J\x1b]8;;https://evil.example\x07quota\x1b]8;;\x07 exceeded\r\nretry"},
            status=400)

    url = server.route("/api/v1/search_by_date", api) + "?query=Bleuet"
    await server.start()
    cfg = tmp_path / "vigie.toml"
    cfg.write_text(
        f'[storage]\npath = "{tmp_path / "v.db"}"\n'
        "[[brands]]\nname = 'Bleuet Mobile'\nqueries = ['Bleuet']\n"
        f'[[sources]]\nurl = "{url}"\nkind = "hackernews"\nname = "HN"\n', encoding="utf-8")
    await asyncio.to_thread(main, ["--config", str(cfg), "-q", "once"])
    capsys.readouterr()
    db = connect(tmp_path / "v.db", readonly=True)
    stored = db.execute("SELECT last_error FROM sources").fetchone()[0]
    db.conn.close()
    assert stored == "HTTP 400: quota exceeded retry"
    assert await asyncio.to_thread(main, ["--config", str(cfg), "status"]) == 0
    shown = capsys.readouterr().out
    assert "quota exceeded retry" in shown and "\x1b" not in shown and "\x07" not in shown


async def test_run_stops_cleanly_on_sigterm(server: LocalServer, tmp_path: Path) -> None:
    """`vigie run` exits 0 within 5 s of SIGTERM, with an intact database."""
    url = server.route("/f", _feed_handler())
    await server.start()
    cfg = _config(tmp_path, url)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "listener", "--config", str(cfg), "run",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    db_path = tmp_path / "v.db"
    deadline = time.monotonic() + 30
    stored = 0
    while time.monotonic() < deadline and stored < 5:
        await asyncio.sleep(0.2)
        if db_path.exists():
            try:
                db = connect(db_path, readonly=True)
                stored = db.execute("SELECT count(*) FROM mentions").fetchone()[0]
                db.conn.close()
            except Exception:  # the schema may not exist yet
                stored = 0
    assert stored == 5
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(proc.communicate(), timeout=10)
    assert proc.returncode == 0, err.decode()
    assert time.monotonic() - started < 5
    assert b"daemon.stopped" in err
    assert b"Traceback" not in err
    db = connect(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def _wait_for(predicate, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.2)
    return False


async def test_sighup_reloads_the_configuration_and_keeps_it_when_broken(
        server: LocalServer, tmp_path: Path) -> None:
    """`vigie run` re-reads its file on SIGHUP (systemctl reload): a source added to the
    file is polled without a restart of the process; a broken file is logged with what is
    wrong and the daemon goes on, undisturbed, with the configuration it had."""
    second: list[str] = []

    async def other(request: web.Request) -> web.Response:
        second.append(request.path)
        return web.Response(body=rss([item(9, "Bleuet Mobile : enfin du réseau.")]),
                            content_type="application/rss+xml")

    url = server.route("/f", _feed_handler())
    url2 = server.route("/g", other)
    await server.start()
    cfg = _config(tmp_path, url)
    stderr = tmp_path / "stderr.log"
    with stderr.open("wb") as err_file:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "listener", "--config", str(cfg), "run",
            stdout=asyncio.subprocess.DEVNULL, stderr=err_file)
        try:
            log = lambda: stderr.read_text(encoding="utf-8")  # noqa: E731
            assert await _wait_for(lambda: "pass.done" in log() or "fetch.ok" in log())
            cfg.write_text(cfg.read_text(encoding="utf-8")
                           + f'[[sources]]\nurl = "{url2}"\nname = "Other"\n', encoding="utf-8")
            proc.send_signal(signal.SIGHUP)
            assert await _wait_for(lambda: bool(second)), log()
            assert "config.reloaded" in log() and "changed=sources" in log()
            polls = len(second)
            cfg.write_text(cfg.read_text(encoding="utf-8").replace("[[sources]]", "[[sorces]]"),
                           encoding="utf-8")
            proc.send_signal(signal.SIGHUP)
            assert await _wait_for(lambda: "config.reload_failed" in log()), log()
            assert "sorces" in log() and "previous one" in log()
            # Still running, with both sources of the configuration it had.
            assert await _wait_for(lambda: len(second) > polls, timeout=40), log()
            assert proc.returncode is None
            # Started twice (at launch, after the good reload): the bad file restarted nothing.
            assert log().count("daemon.started") == 2
        finally:
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), timeout=10)
    assert proc.returncode == 0, log()
    assert "Traceback" not in log()


def test_missing_config_is_one_clear_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """No config: exit 2 and a message saying how to provide one, no traceback."""
    assert main(["--config", str(tmp_path / "none.toml"), "once"]) == 2
    err = capsys.readouterr().err
    assert "none.toml" in err and "config.example.toml" in err
    assert "Traceback" not in err


async def test_a_reloaded_configuration_that_cannot_start_falls_back(
        server: LocalServer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A file that validates but cannot run (a database path that cannot be created): the
    daemon says so and goes on with the configuration it had."""
    import logging

    from listener.commands.run import run_daemon
    from listener.config import load_config

    logging.getLogger("vigie").propagate = True
    caplog.set_level(logging.INFO, logger="vigie")
    polls: list[str] = []

    async def feed(request: web.Request) -> web.Response:
        polls.append(request.path)
        return web.Response(body=rss([item(1, "Bleuet Mobile va bien.")]),
                            content_type="application/rss+xml")

    cfg = _config(tmp_path, server.route("/f", feed))
    await server.start()
    stop, reload = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(run_daemon(load_config(cfg), stop=stop, reload=reload))
    try:
        assert await _wait_for(lambda: bool(polls))
        cfg.write_text(cfg.read_text(encoding="utf-8").replace(
            str(tmp_path / "v.db"), "/proc/no-such-dir/v.db"), encoding="utf-8")
        reload.set()
        def failed() -> list[dict[str, object]]:
            return [r.kv for r in caplog.records  # type: ignore[attr-defined]
                    if r.getMessage() == "config.reload_failed"]

        assert await _wait_for(lambda: bool(failed()))
        (kv,) = failed()
        assert "could not start" in str(kv["error"]) and "/proc/no-such-dir" in str(kv["error"])
        assert kv["action"] == "running on with the previous configuration"
        seen = len(polls)
        assert await _wait_for(lambda: len(polls) > seen, timeout=40)
        started = [r for r in caplog.records if r.getMessage() == "daemon.started"]
        assert len(started) == 2  # the first start, then the fallback; both on v.db
        assert all(str(tmp_path / "v.db") in str(r.kv) for r in started)  # type: ignore[attr-defined]
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=15)
    assert task.exception() is None
