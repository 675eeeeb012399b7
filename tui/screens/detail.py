"""Full-screen detail of one item (the side pane is hidden in narrow terminals)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.language import translate_bindings

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

__all__ = ["DetailScreen"]


class DetailScreen(Screen[None]):
    """The item under the main list's cursor; triage keys act on it."""

    BINDINGS = [
        Binding("escape,q,enter", "close", "Back"),
        Binding("r", "main('resolve')", "Resolve"),
        Binding("i", "main('ignore')", "Ignore"),
        Binding("e", "main('escalate')", "Escalate"),
        Binding("z", "main('snooze')", "Snooze"),
        Binding("a", "main('assign')", "Assign"),
        Binding("t", "main('tag')", "Tag"),
        Binding("n", "main('note')", "Note"),
        Binding("v", "main('verdict')", "Verdict", show=False),
        Binding("u", "main('undo')", "Undo"),
        Binding("o", "main('open_link')", "Link", show=False),
        Binding("c", "main('copy')", "Copy", show=False),
    ]

    def __init__(self, main: MainScreen, content: RenderableType) -> None:
        super().__init__()
        self.main = main
        translate_bindings(self, main.tr)
        self._content = content

    def compose(self) -> ComposeResult:
        """The rendered item in a scrollable pane."""
        with VerticalScroll(id="detail-full"):
            yield Static(self._content, id="detail-full-body")
        yield Footer()

    def show(self, content: RenderableType) -> None:
        """Replace the content (after an action)."""
        self.query_one("#detail-full-body", Static).update(content)

    def action_main(self, name: str) -> None:
        """Run a main-screen action on this item."""
        getattr(self.main, f"action_{name}")()

    def action_close(self) -> None:
        """Back to the list."""
        self.dismiss(None)
