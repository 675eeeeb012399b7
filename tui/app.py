"""The Vigie triage app: ``VigieApp`` and :func:`run_app`.

The app opens its own connections to the store (one for the UI thread's reads
and short write transactions, one read-only for the poll worker's thread) and
goes through :mod:`listener.store` for everything. Embedding it next to a
daemon running in the same asyncio loop::

    app = VigieApp(db_path, user="camille")
    daemon_task = asyncio.create_task(daemon.run_forever())
    await app.run_async()          # returns when the person quits
    daemon_task.cancel()

While the app runs, the ``vigie`` logger goes to Textual's log instead of the
terminal (a log line on stderr would tear the screen).
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import threading
import webbrowser
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

import sqlite_utils
from textual.app import App
from textual.binding import Binding
from textual.logging import TextualHandler

from listener.errors import StoreError
from listener.i18n import Translator, resolve_language, translator
from listener.store import connect
from listener.timezones import resolve_zone
from tui.language import translate_bindings
from tui.screens.main import MainScreen
from tui.templates import ReplyTemplate, templates_from_config

__all__ = ["VigieApp", "run_app", "default_user"]


def default_user(config: Any = None) -> str:
    """The name recorded on actions: ``config.user``, else the OS user name."""
    name = getattr(config, "user", None) if config is not None else None
    if isinstance(name, str) and name.strip():
        return name.strip()
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"


def _now() -> datetime:
    return datetime.now(UTC)


class VigieApp(App[None]):
    """Keyboard-driven triage of mentions, spikes and suspected campaigns."""

    CSS_PATH = "app.tcss"
    TITLE = "Vigie"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("q", "quit", "Quit", show=False),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, db_path: str | Path, *, user: str | None = None,
                 templates: Sequence[ReplyTemplate] | None = None,
                 clock: Callable[[], datetime] = _now, poll_interval: float | None = 1.0,
                 busy_timeout: float = 5.0, opener: Callable[[str], Any] | None = None,
                 theme: str | None = None, zone: tzinfo = UTC, lang: str = "en") -> None:
        super().__init__()
        #: Every sentence of the app goes through this (``lang``: ``en`` or ``fr``).
        self.tr: Translator = translator(lang)
        self.db_path = Path(db_path)
        if not self.db_path.exists():
            raise StoreError(f"{self.db_path}: database not found (run `vigie once` or "
                             "`vigie run` first, or check [storage] path)")
        translate_bindings(self, self.tr)
        self.user = user or default_user()
        self.templates = list(templates) if templates else templates_from_config(None)
        self.clock = clock
        #: The zone times are shown in (the store keeps UTC); see listener.timezones.
        self.zone = zone
        self.poll_interval = poll_interval
        self.busy_timeout = busy_timeout
        self._opener = opener
        self.copied: list[str] = []
        self.db: sqlite_utils.Database = connect(self.db_path, busy_timeout=busy_timeout)
        self._reader_lock = threading.Lock()
        self._readers: list[sqlite_utils.Database] = []
        if theme:
            self.theme = theme

    def reader(self) -> sqlite_utils.Database:
        """The read-only connection of the poll worker (one poll runs at a time;
        each poll may run on a new thread, hence ``check_same_thread=False``)."""
        with self._reader_lock:
            if not self._readers:
                self._readers.append(connect(self.db_path, readonly=True,
                                             busy_timeout=self.busy_timeout,
                                             check_same_thread=False))
            return self._readers[0]

    @property
    def main(self) -> MainScreen:
        """The main screen (queues and list)."""
        return self._main

    def on_mount(self) -> None:
        """Keep log lines off the screen, then show the main screen."""
        self._quiet_logs()
        self._main = MainScreen()
        self.push_screen(self._main)

    def _quiet_logs(self) -> None:
        """Send the ``vigie`` logger (daemon included, when embedded) to Textual's log.

        Textual draws on the terminal's stderr; a log line written there would
        tear the screen. The handlers are restored when the app exits.
        """
        logger = logging.getLogger("vigie")
        self._saved_log_handlers = list(logger.handlers)
        self._saved_log_propagate = logger.propagate
        logger.handlers[:] = [TextualHandler()]
        logger.propagate = False

    def on_unmount(self) -> None:
        """Restore logging and close the connections."""
        logger = logging.getLogger("vigie")
        if hasattr(self, "_saved_log_handlers"):
            logger.handlers[:] = self._saved_log_handlers
            logger.propagate = self._saved_log_propagate
        for db in [self.db, *self._readers]:
            with contextlib.suppress(Exception):
                db.conn.close()

    def open_link(self, url: str) -> None:
        """Open ``url`` in a browser (in a thread: some browsers block)."""
        if self._opener is not None:
            self._opener(url)
            return
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    def copy(self, text: str) -> None:
        """Copy to the clipboard (OSC 52, works over SSH) and remember it."""
        self.copied.append(text)
        self.copy_to_clipboard(text)

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"


def run_app(db_path: str | Path, *, config: Any = None, user: str | None = None,
            poll_interval: float = 1.0, zone: tzinfo | None = None,
            lang: str | None = None) -> None:
    """Run the app in the terminal until the person quits (blocking).

    Times are shown in ``zone``, else in the configuration's ``timezone``
    (``local`` by default: the machine's zone); sentences in ``lang``, else
    in the configuration's ``language`` (``auto`` by default: the locale's).
    """
    if zone is None:
        zone = resolve_zone(getattr(config, "timezone", None))
    app = VigieApp(db_path, user=user or default_user(config),
                   templates=templates_from_config(config), poll_interval=poll_interval,
                   zone=zone, lang=lang or resolve_language(getattr(config, "language", None)))
    app.run()
