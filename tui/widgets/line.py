"""A one-line text widget that repaints without re-laying out the screen."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

__all__ = ["Line"]


class Line(Widget):
    """Shows one ``Text``; :meth:`set` repaints only this line, and only when it changed.

    (``Static.update`` asks for a layout pass of the whole screen each time,
    which costs a frame's worth of work for a line whose size never changes.)
    """

    DEFAULT_CSS = """
    Line {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._text = Text()
        self._key: object = None

    def set(self, text: Text) -> None:
        """Show ``text`` (ignored when identical to what is shown)."""
        key = (text.plain, tuple((s.start, s.end, str(s.style)) for s in text.spans))
        if key != self._key:
            self._key = key
            self._text = text
            self.refresh()

    @property
    def text(self) -> Text:
        """The text shown."""
        return self._text

    def render(self) -> Text:
        """The line."""
        return self._text
