"""Two processes delivering from one database send each outbox row once (row leases).

``vigie once`` run next to a running ``vigie run`` used to read the same due
rows and send them twice. Rows are now claimed with a lease in one write
transaction; a killed process's leases are void at once on the same host.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from listener.alerts.outbox import claim_due, list_rows, utc_iso
from listener.store import StoreWriter
from tests.integration.test_alerts_delivery import Receiver, _alerts, _setup

DRAIN = textwrap.dedent("""
    import asyncio, sys
    from listener.alerts.config import parse_alerts
    from listener.alerts.delivery import DeliveryWorker
    from listener.store import StoreWriter

    url, db = sys.argv[1], sys.argv[2]
    alerts = parse_alerts({"max_attempts": 3, "channels": [
        {"name": "ops", "kind": "webhook", "url": url, "timeout": "5s"}],
        "rules": [{"name": "r", "events": ["spike.*"], "channels": ["ops"]}]}, "v.toml")

    async def main() -> None:
        writer = StoreWriter(db)
        print(await DeliveryWorker(alerts, writer).drain(timeout=60), flush=True)
        writer.close()

    asyncio.run(main())
""")


async def test_two_delivering_processes_send_each_row_once(tmp_path: Path) -> None:
    """Two processes draining the same outbox at once: every event reaches the receiver once."""
    async def slow(request: web.Request, n: int) -> web.Response:
        await asyncio.sleep(0.15)
        return web.Response(text="ok")
    receiver = await Receiver(slow).start()
    alerts = _alerts(receiver.url)
    writer, _ = await _setup(tmp_path, alerts, n=12)
    writer.close()
    script = tmp_path / "drain.py"
    script.write_text(DRAIN, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = [await asyncio.create_subprocess_exec(
        sys.executable, str(script), receiver.url, str(tmp_path / "a.db"), env=env,
        stdout=asyncio.subprocess.PIPE) for _ in range(2)]
    outs = [await asyncio.wait_for(p.communicate(), 90) for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    keys = [headers["Idempotency-Key"] for headers, _ in receiver.calls]
    assert len(keys) == 12 and len(set(keys)) == 12, keys
    assert sum(int(out.strip()) for out, _ in outs) == 12
    writer = StoreWriter(tmp_path / "a.db")
    assert all(r.state == "sent" for r in await writer.call(list_rows))
    writer.close()
    await receiver.close()


def _lease(db: Any, owner: str, until: datetime) -> None:
    with db.conn:
        db.conn.execute("UPDATE alert_outbox SET lease_owner = ?, lease_until = ?",
                        [owner, utc_iso(until)])


async def test_leases_of_live_or_remote_processes_hold_and_dead_ones_do_not(
        tmp_path: Path) -> None:
    """A lease blocks other claims until it ends, unless its process is gone from this host."""
    writer, _ = await _setup(tmp_path, _alerts("http://127.0.0.1:9/hook/x"), n=2)
    now = datetime.now(UTC) + timedelta(seconds=1)
    later = now + timedelta(minutes=5)
    host = socket.gethostname()
    parent = f"{host}:{os.getppid()}"  # alive: the process that started this test
    await writer.call(_lease, parent, later)
    assert await writer.call(claim_due, now, 60.0) == []
    await writer.call(_lease, "elsewhere:1", later)  # another machine: trusted until it ends
    assert await writer.call(claim_due, now, 60.0) == []
    assert len(await writer.call(claim_due, later + timedelta(seconds=1), 60.0)) == 2
    dead = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await dead.wait()
    await writer.call(_lease, f"{host}:{dead.pid}", later)  # killed: void at once
    claimed = await writer.call(claim_due, now, 60.0)
    assert len(claimed) == 2
    assert await writer.call(claim_due, now, 60.0) == []  # now ours, for 60 s
    writer.close()
