"""Group commit for ingest: concurrent polls share the writer's transactions.

Each poll awaits :meth:`IngestBatcher.ingest`; while the writer thread commits
one batch, the next requests queue up and are written together in the next
transaction (:func:`listener.store.writes.ingest_many`). There is no timer: a
lone request is written at once, a burst is written in a few commits.
"""

from __future__ import annotations

import asyncio
from typing import Any

from listener.store.writer import StoreWriter
from listener.store.writes import IngestResult, ingest_many

__all__ = ["IngestBatcher"]


class IngestBatcher:
    """Batches :func:`ingest_items` calls onto the single writer."""

    def __init__(self, writer: StoreWriter, *, max_batch: int = 64) -> None:
        self.writer = writer
        self.max_batch = max_batch
        self._pending: list[tuple[tuple[Any, ...], asyncio.Future[IngestResult]]] = []
        self._task: asyncio.Task[None] | None = None

    async def ingest(self, *args: Any) -> IngestResult:
        """Store one source's items (the arguments of ``ingest_items`` after ``db``)."""
        future: asyncio.Future[IngestResult] = asyncio.get_running_loop().create_future()
        self._pending.append((args, future))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._flush(), name="ingest-batcher")
        return await future

    async def _flush(self) -> None:
        while self._pending:
            batch = self._pending[: self.max_batch]
            del self._pending[: self.max_batch]
            try:
                results = await self.writer.call(ingest_many, [args for args, _ in batch])
            except BaseException as exc:  # the whole transaction failed
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                if isinstance(exc, asyncio.CancelledError):
                    raise
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)
