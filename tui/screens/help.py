"""The ``?`` help screen: every key of the triage app and what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from listener.i18n import ENGLISH, Translator
from tui.language import translate_bindings

__all__ = ["HelpScreen", "HELP", "help_groups"]

def help_groups(tr: Translator = ENGLISH) -> list[tuple[str, list[tuple[str, str]]]]:
    """(keys, what they do), grouped, in ``tr``'s language; the footer shows the most used."""
    return [
        (tr("Queues"), [
            (tr("1 … 5, tab"), tr("Needs reply · Spikes · Suspected campaigns · All mentions · "
                                  "Done")),
            ("b / s", tr("filter by brand / by source (choose “all” to clear)")),
            ("m", tr("only the items assigned to you, in every queue (m again: everyone’s)")),
            ("/", tr("full-text search in mentions (Escape leaves the results)")),
            ("g", tr("per-brand trends: mentions and negative share, 24 h and 7 d")),
        ]),
        (tr("Triage (on the selection, or the row under the cursor)"), [
            ("enter", tr("open: show the whole item and mark it as being handled")),
            ("r / i / e", tr("resolve / ignore / escalate")),
            ("z", tr("snooze for 1 h, 4 h or 1 d (it comes back by itself)")),
            ("R", tr("reopen (put back in its queue)")),
            ("a", tr("assign to a name (empty to unassign)")),
            ("t", tr("tag (comma-separated; -tag removes a tag)")),
            ("n", tr("add a note")),
            ("v", tr("campaign verdict: not fake / confirmed fake (applies to all members)")),
            ("u", tr("undo your last action (refused if someone acted after you)")),
            ("space", tr("select / unselect for a bulk action · Escape clears")),
        ]),
        (tr("Marks in the lists"), [
            ("▼ • ▲", tr("negative / neutral / positive mention (its sentiment)")),
            ("!", tr("spike alert, coloured by its severity")),
            ("◆ / ◇", tr("suspected campaign / one resting on timing, accounts and ratings "
                         "alone, or on copies of short texts only: read its reviews before "
                         "acting")),
            ("⚠", tr("a source failing twice or more in a row (its mentions are not coming "
                     "in): above the list, in the trends and in the source filter (s); or "
                     "alerts that could not be delivered (vigie alerts list --failed says "
                     "why)")),
        ]),
        (tr("Reply"), [
            ("o", tr("open the link in a browser")),
            ("c", tr("copy the link or a reply template to the clipboard")),
        ]),
        (tr("App"), [
            ("ctrl+t", tr("switch light / dark theme")),
            ("?", tr("this help")),
            ("q", tr("quit")),
        ]),
    ]


#: The groups in English (see :func:`help_groups`).
HELP = help_groups()


class HelpScreen(ModalScreen[None]):
    """Key reference; any of Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, tr: Translator = ENGLISH) -> None:
        super().__init__()
        self.tr = tr
        translate_bindings(self, tr)

    def compose(self) -> ComposeResult:
        """One table per group."""
        tr = self.tr
        with VerticalScroll(classes="dialog help"):
            yield Static(Text(tr("Vigie triage: keys"), style="bold"))
            for group, rows in help_groups(tr):
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", no_wrap=True, min_width=11)
                table.add_column()
                for keys, what in rows:
                    table.add_row(keys, what)
                yield Static(Text(group, style="bold underline"))
                yield Static(table)
            yield Static(Text(tr("Every action is stored with your name and the time; the "
                                 "item's history is in its detail. Times are in the zone the "
                                 "list header names (`timezone` in the config, or vigie tui "
                                 "--tz); the language is `language` in the config, or vigie "
                                 "tui --lang. Escape closes this help."), style="dim"))

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
