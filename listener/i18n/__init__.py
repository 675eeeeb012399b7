"""The interface language: English (the source text) or French.

Every sentence a person reads in the TUI, and the explanations the detectors
write, are English message ids looked up in a catalogue
(:mod:`listener.i18n.fr`) and formatted with :meth:`str.format` fields::

    tr = translator("fr")
    tr("{n} selected", n=3)                      # "3 sélectionnés"
    tr.n("{n} item", "{n} items", 2)             # "2 éléments"

Numbers are written the way the language writes them: in French ``2.5``
becomes ``2,5`` and ``12,000`` becomes ``12 000`` (a narrow no-break
space), whatever the format spec. A message id missing from the catalogue
is shown in English rather than failing (a test checks that every id used in
the code has its translation).

Explanations are stored as :class:`Message` trees (an id and its fields,
fields may be messages too) so that the TUI shows them in the reader's
language, whatever language the daemon that wrote them ran in;
:meth:`Message.to_json` and :func:`message_from_json` carry them through the
store. Pure: no I/O but reading the environment in :func:`resolve_language`.
"""

from __future__ import annotations

import json
import os
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from listener.errors import ConfigError

__all__ = ["LANGUAGES", "ENGLISH", "Message", "Translator", "localise", "message_from_json", "msg",
           "resolve_language", "translator"]

#: The interface languages, English first (the language of the message ids).
LANGUAGES = ("en", "fr")
#: How the configuration and ``--lang`` name the choice of the environment.
AUTO = "auto"


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence still to be put in a language: its English id and its fields.

    A field may be a number, a string (written as is: names, dates, terms
    from mentions), another :class:`Message`, or a list of messages joined by
    ``joiner``.
    """

    id: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    #: The form for counts other than one, when the message is a plural (``count`` set).
    plural: str | None = None
    count: int | None = None
    joiner: str = ""

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form (see :func:`message_from_json`)."""
        out: dict[str, Any] = {"m": self.id}
        if self.fields:
            out["f"] = {k: _field_to_json(v) for k, v in self.fields.items()}
        if self.plural is not None:
            out["p"] = self.plural
            out["n"] = self.count
        if self.joiner:
            out["j"] = self.joiner
        return out


def msg(id: str, /, **fields: Any) -> Message:  # noqa: A002 - the gettext word
    """A :class:`Message` with ``fields``."""
    return Message(id, fields)


def _field_to_json(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, list | tuple):
        return {"l": [_field_to_json(v) for v in value]}
    return value


def message_from_json(data: object) -> Message | None:
    """The message stored by :meth:`Message.to_json`, or None when ``data`` is not one.

    Stored data is read defensively (it is in the user's database and may
    come from another version): anything that is not a message gives None,
    and the caller shows the stored English text instead.
    """
    if not isinstance(data, dict) or not isinstance(data.get("m"), str):
        return None
    raw = data.get("f") or {}
    if not isinstance(raw, dict):
        return None
    fields: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict) and "m" in value:
            inner = message_from_json(value)
            if inner is None:
                return None
            fields[str(key)] = inner
        elif isinstance(value, dict) and isinstance(value.get("l"), list):
            items = [message_from_json(v) for v in value["l"]]
            if any(i is None for i in items):
                return None
            fields[str(key)] = items
        elif value is None or isinstance(value, str | int | float):
            fields[str(key)] = value
        else:
            return None
    plural = data.get("p")
    count = data.get("n")
    joiner = data.get("j", "")
    if plural is not None and not (isinstance(plural, str) and isinstance(count, int)):
        return None
    return Message(data["m"], fields, plural, count if plural is not None else None,
                   joiner if isinstance(joiner, str) else "")


class _Formatter(string.Formatter):
    """``str.format`` that writes numbers the language's way and renders inner messages."""

    def __init__(self, tr: Translator) -> None:
        super().__init__()
        self._tr = tr

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]
                  ) -> tuple[Any, str]:
        # Plain names only: a message read back from the store is data, and
        # "{brand.__class__}" must not reach into the objects it is given.
        if not field_name.isidentifier():
            raise KeyError(field_name)
        return kwargs[field_name], field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Message):
            return self._tr.render(value)
        if isinstance(value, list | tuple) and all(isinstance(v, Message) for v in value):
            return "".join(self._tr.render(v) for v in value)
        text = format(value, format_spec)
        if self._tr.lang == "fr" and isinstance(value, int | float) and not isinstance(value, bool):
            # 12,345.5 -> 12 345,5 (narrow no-break space between thousands).
            text = text.replace(",", "\u202f").replace(".", ",")
        return text


class Translator:
    """Message ids to sentences in one language (``tr(id, **fields)``)."""

    def __init__(self, lang: str, catalogue: Mapping[str, str | tuple[str, str]] | None = None
                 ) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown interface language {lang!r}")
        self.lang = lang
        self._catalogue = catalogue or {}
        self._formatter = _Formatter(self)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"

    def __call__(self, id: str, /, **fields: Any) -> str:  # noqa: A002
        """The sentence of ``id`` with its ``fields`` (as is when it has no fields)."""
        found = self._catalogue.get(id, id)
        text = found[0] if isinstance(found, tuple) else found
        return self._formatter.format(text, **fields) if fields else text

    def ctx(self, context: str, id: str, /, **fields: Any) -> str:  # noqa: A002
        """Like calling the translator, for a short word whose sense needs its ``context``
        (gettext's ``msgctxt``): ``tr.ctx("status", "open")`` is a status, not a verb."""
        found = self._catalogue.get(f"{context}\x04{id}", id)
        text = found[0] if isinstance(found, tuple) else found
        return self._formatter.format(text, **fields) if fields else text

    def n(self, singular: str, plural: str, count: int, /, **fields: Any) -> str:
        """The form of ``count`` (available as ``{n}`` unless a field is so named): French
        counts 0 and 1 as singular."""
        found = self._catalogue.get(singular)
        if isinstance(found, tuple):
            one, many = found
        else:
            one, many = singular, plural
        single = count in (0, 1) if self.lang == "fr" else count == 1
        # ``{n}`` is the count unless the message has a field of that name.
        return self._formatter.format(one if single else many, **{"n": count, **fields})

    def render(self, message: Message) -> str:
        """A stored or built :class:`Message` in this language."""
        fields = {k: (self.join(v, message.joiner) if isinstance(v, list) else v)
                  for k, v in message.fields.items()}
        if message.plural is not None and message.count is not None:
            return self.n(message.id, message.plural, message.count, **fields)
        return self(message.id, **fields) if fields else self(message.id)

    def join(self, messages: Sequence[Message], joiner: str = "") -> str:
        """Messages rendered and joined by ``joiner``."""
        return joiner.join(self.render(m) for m in messages)

    def number(self, value: float, spec: str = "") -> str:
        """``value`` formatted with ``spec``, written the language's way."""
        return self._formatter.format_field(value, spec)

    def percent(self, share: float, spec: str = ".0%") -> str:
        """A share as a percentage: ``12%`` in English, ``12 %`` in French (a no-break space)."""
        text = self.number(share, spec)
        return text.replace("%", "\u00a0%") if self.lang == "fr" else text


def localise(stored: str, message: object, tr: Translator) -> str:
    """A stored explanation in ``tr``'s language: ``message`` (a stored :class:`Message`,
    as JSON text or already parsed) rendered by ``tr``, or the stored English text when
    there is none (rows written by an older Vigie, or damaged) or ``tr`` is English (the
    stored text is that rendering)."""
    if tr.lang == "en" or message is None:
        return stored
    if isinstance(message, str):
        try:
            message = json.loads(message)
        except ValueError:
            return stored
    parsed = message_from_json(message)
    if parsed is None:
        return stored
    try:
        return tr.render(parsed)
    except (KeyError, IndexError, ValueError, TypeError):
        # A message whose fields do not fit its sentence (a damaged row, another
        # version's message): the stored English text is still right.
        return stored


def translator(lang: str) -> Translator:
    """The translator of ``lang`` (``en`` or ``fr``)."""
    if lang == "fr":
        from listener.i18n.fr import MESSAGES

        return Translator("fr", MESSAGES)
    return Translator(lang)


#: The source language: message ids as they are.
ENGLISH = Translator("en")


def _language_of(value: str) -> str | None:
    """``fr`` from ``fr_CA.UTF-8``, ``fr``, ``fr-FR``; None for C, POSIX or empty."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code or None


def resolve_language(setting: str | None = AUTO, environ: Mapping[str, str] | None = None,
                     *, key: str = "language") -> str:
    """The interface language: ``setting`` itself, or for ``auto`` the environment's.

    ``auto`` follows the locale the way GNU programs do: ``LANGUAGE`` (a
    colon-separated list of preferences) unless ``LC_ALL`` is ``C``, then the
    first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set. A language
    Vigie does not have gives English. ``key`` names the setting in errors.
    """
    if setting is None or setting == AUTO:
        env = os.environ if environ is None else environ
        first = next((env[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(v)), "")
        if _language_of(first) not in ("c", "posix"):
            for preference in env.get("LANGUAGE", "").split(":"):
                code = _language_of(preference)
                if code in LANGUAGES:
                    return code
        code = _language_of(first)
        return code if code in LANGUAGES else "en"
    if setting not in LANGUAGES:
        raise ConfigError(f"expected one of {', '.join((AUTO, *LANGUAGES))}, got {setting!r}",
                          key=key)
    return setting
