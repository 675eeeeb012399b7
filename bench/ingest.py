"""Ingest benchmark: ``vigie once`` against a generated local farm, vs lemon24's reader.

Usage (from the repository root, after ``make setup``)::

    .venv/bin/python bench/ingest.py --feeds 200 --feeds 1000 [--no-reader]

For each N: start ``bench/farm.py`` (N feeds of ~35 items, served on 127.0.0.1
with ETag / Last-Modified), run ``vigie once`` on a fresh database (first pass)
and again (nothing changed: every feed answers 304), and measure wall time, CPU
time (user + system of the whole process tree) and peak memory (RSS and PSS
summed over the process tree, sampled every 20 ms; PSS counts the pages the
forked workers share once). Then the same two passes with ``reader``
(``pip install -e '.[bench]'``) and print the ratio.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _tree_mem_kb(pid: int) -> tuple[int, int]:
    """(RSS sum, PSS sum) of ``pid`` and all its descendants, in kB (Linux /proc).

    RSS counts pages shared between the forked workers once per process; PSS
    splits them between the processes sharing them, so the PSS sum is the
    memory the whole tree really uses.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    rss = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``cmd``; wall seconds, CPU seconds of the tree, peak tree RSS in MB."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss, pss = _tree_mem_kb(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.02)
    wall = time.perf_counter() - start
    after = os.times()
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    cpu = (after.children_user - before.children_user) + \
        (after.children_system - before.children_system)
    return {"wall": wall, "cpu": cpu, "rss_mb": peak_rss / 1024, "pss_mb": peak_pss / 1024,
            "out": out.decode().strip()}


def write_config(tmp: Path, port: int, feeds: int, workers: int) -> Path:
    lines = [f'[storage]\npath = "{tmp / "bench.db"}"\n',
             "[http]\nmax_connections = 64\nmax_per_host = 64\ntimeout = '60s'\n",
             f"[daemon]\nworkers = {workers}\n",
             "[[brands]]\nname = 'Bleuet Mobile'\nqueries = ['\"Bleuet Mobile\"']\n",
             "[[brands]]\nname = 'Colibri Livraison'\nqueries = ['\"Colibri Livraison\"']\n",
             "[[brands]]\nname = 'Fromagerie Lune'\nqueries = ['\"Fromagerie Lune\"']\n"]
    for i in range(feeds):
        lines.append(f'[[sources]]\nurl = "http://127.0.0.1:{port}/feed/{i}.xml"\n')
    path = tmp / "bench.toml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit("the farm did not start")


def run(feeds: int, workers: int, with_reader: bool) -> dict[str, dict[str, float]]:
    port = _free_port()
    farm = subprocess.Popen([PY, str(ROOT / "bench" / "farm.py"), "--feeds", str(feeds),
                             "--port", str(port)], stdout=subprocess.DEVNULL)
    results: dict[str, dict[str, float]] = {}
    try:
        wait_port(port)
        with tempfile.TemporaryDirectory() as tmp:
            cfg = write_config(Path(tmp), port, feeds, workers)
            vigie = [PY, "-m", "listener", "-q", "--config", str(cfg), "once"]
            results["vigie first"] = measure(vigie)
            results["vigie unchanged"] = measure(vigie)
            items = subprocess.run(
                [PY, "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
                 "print(c.execute('select count(*) from mentions').fetchone()[0])",
                 str(Path(tmp) / "bench.db")], capture_output=True, text=True).stdout.strip()
            results["vigie first"]["mentions"] = float(items or 0)
        if with_reader:
            with tempfile.TemporaryDirectory() as tmp:
                rcmd = [PY, str(ROOT / "bench" / "reader_pass.py"), str(Path(tmp) / "r.sqlite"),
                        str(port), str(feeds)]
                results["reader first"] = measure(rcmd)
                results["reader unchanged"] = measure(rcmd)
    finally:
        farm.terminate()
        farm.wait()
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, action="append", help="farm size (repeatable)")
    ap.add_argument("--workers", type=int, default=0, help="vigie analysis processes (0 = cores)")
    ap.add_argument("--no-reader", action="store_true", help="skip the reader comparison")
    args = ap.parse_args()
    sizes = args.feeds or [200, 1000]
    items_per_feed = 35
    for n in sizes:
        res = run(n, args.workers, not args.no_reader)
        print(f"\n## {n} feeds × {items_per_feed} items ({n * items_per_feed} items), "
              f"workers={args.workers or os.cpu_count()}")
        print(f"{'run':<18} {'wall s':>8} {'cpu s':>8} {'peak RSS MB':>12} {'peak PSS MB':>12} "
              f"{'items/s':>9}")
        for name, r in res.items():
            rate = n * items_per_feed / r["wall"] if "first" in name else float("nan")
            print(f"{name:<18} {r['wall']:>8.2f} {r['cpu']:>8.2f} {r['rss_mb']:>12.0f} "
                  f"{r['pss_mb']:>12.0f} {rate:>9.0f}")
        if "reader first" in res:
            print(f"reader/vigie wall-time ratio: first pass "
                  f"{res['reader first']['wall'] / res['vigie first']['wall']:.2f}x, "
                  f"unchanged pass "
                  f"{res['reader unchanged']['wall'] / res['vigie unchanged']['wall']:.2f}x")
        print(f"vigie stored {res['vigie first'].get('mentions', 0):.0f} brand mentions")


if __name__ == "__main__":
    main()
