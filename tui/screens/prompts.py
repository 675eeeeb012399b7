"""Small modal prompts: a line of text, or a choice among options."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.clean import one_line
from tui.language import translate_bindings, translator_of

__all__ = ["TextPrompt", "ChoicePrompt"]


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; Enter returns it, Escape returns None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "",
                 hint: str = "") -> None:
        super().__init__(classes="prompt")
        self.tr = translator_of(self)
        translate_bindings(self, self.tr)
        self._title = title
        self._value = value
        self._placeholder = placeholder
        self._hint = hint

    def compose(self) -> ComposeResult:
        """A title, the input and a hint."""
        with Vertical(classes="dialog"):
            yield Label(Text(self._title), classes="dialog-title")
            yield Input(value=self._value, placeholder=self._placeholder, id="prompt-input")
            yield Label(Text(self._hint or self.tr("Enter to confirm · Escape to cancel")),
                        classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Return the text."""
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Return None."""
        self.dismiss(None)


class ChoicePrompt(ModalScreen[str | None]):
    """Pick one option; Enter returns its id, Escape returns None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, options: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="prompt")
        self.tr = translator_of(self)
        translate_bindings(self, self.tr)
        self._title = title
        self._options = list(options)

    def compose(self) -> ComposeResult:
        """A title and the options (labels are shown literally)."""
        with Vertical(classes="dialog"):
            yield Label(Text(self._title), classes="dialog-title")
            yield OptionList(*[Option(Text(one_line(label, 200)), id=oid)
                               for oid, label in self._options], id="prompt-options")
            yield Label(Text(self.tr("↑↓ to choose · Enter to confirm · Escape to cancel")),
                        classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Return the chosen id."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Return None."""
        self.dismiss(None)
