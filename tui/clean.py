"""Make hostile text from the wild safe to show in a terminal.

Mention texts, titles, author names and even source names come from strangers.
They are always rendered as :class:`rich.text.Text` (never parsed as markup);
this module also neutralises what would still reach the terminal: C0/C1
control characters (ANSI escape sequences start with ESC), bidirectional
overrides that reorder the screen (shown as a visible ``⇄``), zero-width and
other invisible format characters (removed), line separators, floods of
combining marks, and sheer size (cut with a visible note).
"""

from __future__ import annotations

import re
import unicodedata

from rich.text import Text

from listener.analysis.ratings import rating_only_line

__all__ = ["clean", "one_line", "safe_text", "MAX_DETAIL_CHARS", "MAX_LIST_CHARS"]

#: Longest text shown in the detail pane; the rest is summarised.
MAX_DETAIL_CHARS = 20_000
#: Longest first line shown in a list row.
MAX_LIST_CHARS = 300

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MAX_COMBINING = 2
# Anything that is not printable ASCII or ordinary whitespace takes the slow path.
_SUSPECT = re.compile(r"[^\x20-\x7e\n]")


def _replacement(ch: str, keep_newlines: bool) -> str:
    code = ord(ch)
    if ch == "\n":
        return "\n" if keep_newlines else " "
    if ch in "\t\r\v\f":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # visible control picture: ESC -> ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code < 0xA0:
        return "\ufffd"
    if ch in _BIDI:
        return "\u21c4"  # ⇄: a direction override was here
    if ch in "\u2028\u2029":
        return "\n" if keep_newlines else " "
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""  # zero-width space/joiners, BOM, soft hyphen, tags...
    if category in ("Cs", "Cn"):
        return "\ufffd"
    return ch


def clean(text: str | None, *, keep_newlines: bool = False, max_chars: int | None = None) -> str:
    """``text`` with every control, bidi and invisible character neutralised.

    With ``max_chars`` the text is cut and a note says how much was left out.
    """
    if not text:
        return ""
    note = ""
    if max_chars is not None and len(text) > max_chars:
        note = f" … [{len(text) - max_chars:,} more characters not shown]"
        text = text[:max_chars]
    if _SUSPECT.search(text) is None:
        out = text if keep_newlines else text.replace("\n", " ")
        return out + note
    parts: list[str] = []
    combining = 0
    for ch in text:
        if unicodedata.combining(ch):
            combining += 1
            if combining > _MAX_COMBINING:
                continue
        else:
            combining = 0
        parts.append(_replacement(ch, keep_newlines))
    out = "".join(parts)
    if keep_newlines:
        out = re.sub(r"\n{3,}", "\n\n", out)
    return out + note


def one_line(text: str | None, max_chars: int = MAX_LIST_CHARS) -> str:
    """The first non-empty line of ``text``, cleaned, spaces collapsed, cut to ``max_chars``.

    A review whose text opens with a line that is only its rating ("Note : 1/5")
    is shown as ``1/5 · `` followed by the next line, which says what happened.
    """
    if not text:
        return ""
    head = text[: max_chars * 4]
    lines = [line for line in head.splitlines() if line.strip()]
    prefix = ""
    if len(lines) > 1 and (stars := rating_only_line(clean(lines[0]))) is not None:
        prefix, lines = f"{stars}/5 · ", lines[1:]
    if lines:
        head = lines[0]
    flat = prefix + " ".join(clean(head).split())
    return flat if len(flat) <= max_chars else flat[: max_chars - 1] + "…"


def safe_text(text: str | None, style: str = "", **kwargs: object) -> Text:
    """A :class:`Text` of the cleaned ``text`` (never interpreted as markup)."""
    return Text(clean(text, **kwargs), style=style)  # type: ignore[arg-type]
