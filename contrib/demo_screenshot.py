"""Make ``docs/screenshot.svg``: the triage TUI on the demo world, via Textual's screenshot.

Runs the demo world headless (the real daemon over local HTTP, accelerated
time) until the Bleuet Mobile outage has become a spike, then opens the TUI
on that database under ``App.run_test`` and saves an SVG screenshot::

    .venv/bin/python contrib/demo_screenshot.py [docs/screenshot.svg]
    .venv/bin/python contrib/demo_screenshot.py --lang fr --queue 2 docs/screenshot-fr.svg
"""

from __future__ import annotations

import argparse
import asyncio
import io
import tempfile
from datetime import datetime
from pathlib import Path

from listener.commands.demo import run_demo
from listener.logsetup import setup_logging
from listener.store import connect, parse_iso


async def _shoot(target: Path, lang: str, queue: str | None) -> None:
    from tui.app import VigieApp

    with tempfile.TemporaryDirectory(prefix="vigie-shot-") as tmp:
        db_path = Path(tmp) / "demo.db"
        await run_demo(duration=24, seed=7, speed=1800.0, db_path=db_path, out=io.StringIO(),
                       poll_scale=10 / 15)
        db = connect(db_path, readonly=True)
        last = db.execute("SELECT max(fetched_at) FROM mentions").fetchone()[0]
        db.conn.close()
        moment: datetime = parse_iso(last)
        app = VigieApp(db_path, user="demo", clock=lambda: moment, poll_interval=None,
                       lang=lang)
        async with app.run_test(size=(140, 42)) as pilot:
            await pilot.pause(0.5)
            if queue:
                await pilot.press(queue)
                await app.workers.wait_for_complete()
                await pilot.pause(0.5)
            app.save_screenshot(filename=target.name, path=str(target.parent))


def main() -> None:
    """Write the screenshot to the path given (default ``docs/screenshot.svg``)."""
    parser = argparse.ArgumentParser(description="Screenshot of the TUI on the demo world.")
    parser.add_argument("target", nargs="?", default="docs/screenshot.svg")
    parser.add_argument("--lang", choices=("en", "fr"), default="en")
    parser.add_argument("--queue", choices=("1", "2", "3", "4", "5"), default=None,
                        help="the queue key to press first (default: the first queue)")
    args = parser.parse_args()
    setup_logging(verbosity=-2)
    target = Path(args.target).resolve()
    asyncio.run(_shoot(target, args.lang, args.queue))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
