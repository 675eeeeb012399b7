"""Reply templates: read from the config defensively, filled with plain replacement.

Proposed configuration shape (``[templates.<lang>]``, one key per template)::

    [templates.en]
    apology = "Hi {author}, sorry about this. Could you DM us so we can fix it?"
    [templates.fr]
    excuse = "Bonjour {author}, désolés pour ce souci. Écrivez-nous en message privé ?"

Placeholders ``{author}``, ``{brand}`` and ``{link}`` are replaced literally
(no ``str.format``: a template can never reach attributes of an object).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["ReplyTemplate", "DEFAULT_TEMPLATES", "templates_from_config", "fill", "ordered_for"]


@dataclass(frozen=True, slots=True)
class ReplyTemplate:
    """A named reply in one language."""

    name: str
    lang: str
    text: str


DEFAULT_TEMPLATES = (
    ReplyTemplate("excuse", "fr", "Bonjour {author}, nous sommes désolés pour ce souci. "
                  "Pouvez-vous nous écrire en message privé pour que nous regardions ?"),
    ReplyTemplate("apology", "en", "Hi {author}, we're sorry about this. Could you send us a "
                  "direct message so we can look into it?"),
)


def _from_mapping(data: Mapping[str, Any]) -> list[ReplyTemplate]:
    out = []
    for lang, entries in data.items():
        if isinstance(entries, Mapping):
            out += [ReplyTemplate(str(name), str(lang), str(text))
                    for name, text in entries.items() if isinstance(text, str) and text.strip()]
    return out


def templates_from_config(config: Any) -> list[ReplyTemplate]:
    """Templates of ``config.templates`` (mapping lang → name → text, or a list of
    objects with ``name``/``lang``/``text``); the defaults when there are none."""
    raw = getattr(config, "templates", None) if config is not None else None
    found: list[ReplyTemplate] = []
    if isinstance(raw, Mapping):
        found = _from_mapping(raw)
    elif isinstance(raw, Iterable) and not isinstance(raw, str | bytes):
        for t in raw:
            text = getattr(t, "text", None)
            if isinstance(text, str) and text.strip():
                found.append(ReplyTemplate(str(getattr(t, "name", "reply")),
                                           str(getattr(t, "lang", "und")), text))
    return found or list(DEFAULT_TEMPLATES)


def fill(template: ReplyTemplate, *, author: str | None, brand: str | None,
         link: str | None) -> str:
    """The template text with its placeholders replaced."""
    text = template.text
    for key, value in (("{author}", author), ("{brand}", brand), ("{link}", link)):
        text = text.replace(key, value or "")
    return text


def ordered_for(templates: Iterable[ReplyTemplate], lang: str | None) -> list[ReplyTemplate]:
    """Templates in the mention's language first, then the others."""
    items = list(templates)
    return [t for t in items if t.lang == lang] + [t for t in items if t.lang != lang]
