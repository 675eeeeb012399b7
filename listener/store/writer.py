"""The daemon's single writer: one thread owning one connection, fed by a queue.

Coroutines ``await writer.call(fn, *args)``; ``fn(db, *args)`` runs on the
writer thread, in submission order, and its result or exception is handed back
to the waiting caller (the pattern of Datasette's write thread). Closing waits
for queued writes to finish, so a shutdown never leaves half a batch.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from listener.store.db import connect

__all__ = ["StoreWriter"]

T = TypeVar("T")


class StoreWriter:
    """Serialises every write to the database through one dedicated thread."""

    def __init__(self, path: str | Path, *, busy_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="vigie-writer")
        self._local = threading.local()
        self._busy_timeout = busy_timeout
        # Open (and migrate) on the writer thread now, so errors surface at start.
        self._executor.submit(self._db).result()

    def _db(self) -> sqlite_utils.Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = connect(self.path, busy_timeout=self._busy_timeout)
            self._local.db = db
        return db

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        return fn(self._db(), *args)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(db, *args)`` on the writer thread and return its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._run, fn, args)

    def call_sync(self, fn: Callable[..., T], *args: Any) -> T:
        """Blocking variant of :meth:`call`, for non-async callers."""
        return self._executor.submit(self._run, fn, args).result()

    def close(self) -> None:
        """Finish queued writes, then close the connection."""

        def _close() -> None:
            db = getattr(self._local, "db", None)
            if db is not None:
                db.conn.close()
                self._local.db = None

        self._executor.submit(_close).result()
        self._executor.shutdown(wait=True)
