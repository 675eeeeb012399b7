"""Per-brand trends: mentions and negative share over the last 24 h and 7 d."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from listener.i18n import ENGLISH, Translator
from listener.store.incidents import BrandTrend
from tui.language import translate_bindings
from tui.render import trend_lines

__all__ = ["TrendsScreen"]


class TrendsScreen(ModalScreen[None]):
    """Two blocks of sparklines (hourly over 24 h, 6-hourly over 7 d)."""

    BINDINGS = [Binding("escape,q,g", "close", "Close")]

    def __init__(self, day: Sequence[BrandTrend], week: Sequence[BrandTrend],
                 tr: Translator = ENGLISH) -> None:
        super().__init__()
        self._day = day
        self._week = week
        self.tr = tr
        translate_bindings(self, tr)

    def compose(self) -> ComposeResult:
        """The two spans."""
        tr = self.tr
        legend = Text(tr("mentions per bucket · negative share (0–100 %) · total and share"),
                      style="dim")
        with VerticalScroll(classes="dialog trends"):
            yield Static(Group(
                Text(tr("Last 24 hours (1 bar = 1 h)"), style="bold"),
                trend_lines(self._day, tr=tr),
                Text(""), Text(tr("Last 7 days (1 bar = 6 h)"), style="bold"),
                trend_lines(self._week, tr=tr), Text(""), legend))

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
