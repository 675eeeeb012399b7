"""The TUI in the reader's language: the app's translator and translated key bindings.

Textual's ``BINDINGS`` are class attributes written in English (the message
ids); :func:`translate_bindings` gives one screen instance descriptions in the
app's language, which the footer shows.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from listener.i18n import ENGLISH, Translator

__all__ = ["translator_of", "translate_bindings"]


def translator_of(node: DOMNode) -> Translator:
    """The translator of the app ``node`` belongs to (English outside a Vigie app)."""
    try:
        app = node.app
    except Exception:  # noqa: BLE001 - no active app (a screen built in a unit test)
        return ENGLISH
    tr = getattr(app, "tr", None)
    return tr if isinstance(tr, Translator) else ENGLISH


def translate_bindings(node: DOMNode, tr: Translator) -> None:
    """Put the descriptions of ``node``'s own key bindings in ``tr``'s language.

    Binding descriptions are looked up with the ``key`` context ("Open" on
    a key is not the status "open"). Changes this instance only.
    """
    if tr.lang == "en":
        return
    table = node._bindings.key_to_bindings  # noqa: SLF001 - Textual keeps them per instance
    node._bindings.key_to_bindings = {  # noqa: SLF001
        key: [replace(b, description=tr.ctx("key", b.description)) if b.description else b
              for b in bindings]
        for key, bindings in table.items()}
