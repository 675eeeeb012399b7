"""Serve the demo world on its own: ``python -m listener.demo [--port N] [--seed N]``.

Handy to browse the feeds or point another tool at them; ``vigie demo`` is the
way to watch Vigie work on them. Prints the feed URLs and a ready-to-use
configuration, then serves until interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from listener.demo.scenario import FEEDS
from listener.demo.server import DemoServer


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and serve until Ctrl-C."""
    parser = argparse.ArgumentParser(
        prog="python -m listener.demo",
        description="Serve Vigie's bundled demo world (fictional brands, realistic feeds) "
                    "on 127.0.0.1 in accelerated simulated time.")
    parser.add_argument("--port", type=int, default=0,
                        help="TCP port on 127.0.0.1 (default: any free port)")
    parser.add_argument("--seed", type=int, default=7,
                        help="world seed: the same seed gives the same world (default: 7)")
    parser.add_argument("--speed", type=float, default=360.0,
                        help="simulated seconds per real second (default: 360, "
                             "1 simulated hour every 10 s)")
    parser.add_argument("--db", default="demo.db",
                        help="database path written into the printed configuration "
                             "(default: demo.db)")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))
    return 0


async def _serve(args: argparse.Namespace) -> None:
    async with DemoServer(port=args.port, seed=args.seed, speed=args.speed) as server:
        print(f"Demo world (seed {args.seed}) at {server.base_url}/ — simulated start "
              f"{server.sim_now():%Y-%m-%d %H:%M} UTC")
        for spec in FEEDS:
            print(f"  {server.base_url}{spec.path}  ({spec.shape})")
        print("\n# --- configuration ---\n" + server.config_toml(args.db))
        await asyncio.Event().wait()


if __name__ == "__main__":
    raise SystemExit(main())
