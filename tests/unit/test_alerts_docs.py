"""docs/alerts.md shows the payloads the code really produces."""

from __future__ import annotations

import re
from pathlib import Path

from listener.alerts.examples import examples_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "alerts.md"


def test_every_payload_example_matches_the_code() -> None:
    """Each <!-- example:NAME --> block equals what `python -m listener.alerts.examples` prints."""
    text = DOCS.read_text(encoding="utf-8")
    found = dict(re.findall(r"<!-- example:([\w-]+) -->\n(.*?)\n<!-- /example -->", text, re.S))
    generated = examples_markdown()
    assert set(found) == set(generated)
    for name, block in generated.items():
        assert found[name] == block, f"docs/alerts.md example {name!r} is out of date"


def test_docs_name_every_channel_kind_and_event_kind() -> None:
    """The page documents every channel kind and event kind the config accepts."""
    from listener.alerts.config import CHANNEL_KINDS, EVENT_KINDS

    text = DOCS.read_text(encoding="utf-8")
    for word in (*CHANNEL_KINDS, *EVENT_KINDS):
        assert f"`{word}`" in text or f'"{word}"' in text, word
