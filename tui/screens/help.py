"""The ``?`` help screen: every key of the triage app and what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["HelpScreen", "HELP"]

#: (keys, what they do), grouped; the footer shows the most used ones.
HELP: list[tuple[str, list[tuple[str, str]]]] = [
    ("Queues", [
        ("1 … 5, tab", "Needs reply · Spikes · Suspected campaigns · All mentions · Done"),
        ("b / s", "filter by brand / by source (choose “all” to clear)"),
        ("/", "full-text search in mentions (Escape leaves the results)"),
        ("g", "per-brand trends: mentions and negative share, 24 h and 7 d"),
    ]),
    ("Triage (on the selection, or the row under the cursor)", [
        ("enter", "open: show the whole item and mark it as being handled"),
        ("r / i / e", "resolve / ignore / escalate"),
        ("z", "snooze for 1 h, 4 h or 1 d (it comes back by itself)"),
        ("R", "reopen (put back in its queue)"),
        ("a", "assign to a name (empty to unassign)"),
        ("t", "tag (comma-separated; -tag removes a tag)"),
        ("n", "add a note"),
        ("v", "campaign verdict: not fake / confirmed fake (applies to all members)"),
        ("u", "undo your last action (refused if someone acted after you)"),
        ("space", "select / unselect for a bulk action · Escape clears"),
    ]),
    ("Marks in the lists", [
        ("▼ • ▲", "negative / neutral / positive mention (its sentiment)"),
        ("!", "spike alert, coloured by its severity"),
        ("◆ / ◇", "suspected campaign / one resting on timing, accounts and ratings alone, "
                  "or on copies of short texts only: read its reviews before acting"),
        ("⚠", "a source failing twice or more in a row (its mentions are not coming in): "
              "above the list, in the trends and in the source filter (s); or alerts that "
              "could not be delivered (vigie alerts list --failed says why)"),
    ]),
    ("Reply", [
        ("o", "open the link in a browser"),
        ("c", "copy the link or a reply template to the clipboard"),
    ]),
    ("App", [
        ("ctrl+t", "switch light / dark theme"),
        ("?", "this help"),
        ("q", "quit"),
    ]),
]


class HelpScreen(ModalScreen[None]):
    """Key reference; any of Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        """One table per group."""
        with VerticalScroll(classes="dialog help"):
            yield Static(Text("Vigie triage: keys", style="bold"))
            for group, rows in HELP:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", no_wrap=True, min_width=11)
                table.add_column()
                for keys, what in rows:
                    table.add_row(keys, what)
                yield Static(Text(group, style="bold underline"))
                yield Static(table)
            yield Static(Text("Every action is stored with your name and the time; the item's "
                              "history is in its detail. Times are in the zone the list header "
                              "names (`timezone` in the config, or vigie tui --tz). Escape "
                              "closes this help.", style="dim"))

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
