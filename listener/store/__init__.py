"""The SQLite store: schema migrations, the single writer, and read queries.

Everything outside this package (the daemon, the TUI, the commands) goes
through these functions; nobody else writes SQL. The database is one file in
WAL mode with a busy timeout; the daemon writes through :class:`StoreWriter`
(one thread, one connection), readers open their own connections with
:func:`connect`.
"""

from listener.store.db import connect, parse_iso, short_time, utc_iso
from listener.store.writer import StoreWriter

__all__ = ["connect", "utc_iso", "parse_iso", "short_time", "StoreWriter"]
