"""Safe edits of the ``[[sources]]`` of the TOML configuration file.

Edits never rewrite what they do not touch: new ``[[sources]]`` tables are
appended as text, and a removed one is cut out as the lines it spans (from
its ``[[sources]]`` header to its last key; comments and blank lines after
that, such as commented-out examples or the next section's title, stay). The result is validated with
:func:`~listener.config.parse_config`, a removal is also checked to have
taken out exactly the source meant and nothing else, and only then does the
result replace the file (written to a temporary file in the same directory,
then renamed, keeping the file's permissions).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from listener.config import Config, SourceConfig, parse_config
from listener.errors import ConfigError

__all__ = ["toml_string", "source_block", "append_sources", "remove_source", "Removal"]

#: A table header line: ``[name]`` or ``[[name]]``, optionally followed by a comment.
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string (JSON's escapes are all valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def source_block(url: str, *, kind: str = "feed", name: str | None = None,
                 brands: Sequence[str] = (), interval: str | None = None,
                 keys: Mapping[str, str | int] | None = None) -> str:
    """The TOML text of one ``[[sources]]`` table (``keys``: the kind's own keys)."""
    lines = ["[[sources]]"]
    if kind != "feed":
        lines.append(f"kind = {toml_string(kind)}")
    lines.append(f"url = {toml_string(url)}")
    if name:
        lines.append(f"name = {toml_string(name)}")
    if brands:
        lines.append(f"brands = [{', '.join(toml_string(b) for b in brands)}]")
    if interval:
        lines.append(f"interval = {toml_string(interval)}")
    for key, value in (keys or {}).items():
        lines.append(f"{key} = {value if isinstance(value, int) else toml_string(value)}")
    return "\n".join(lines) + "\n"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("configuration file not found; write one first with "
                          "`vigie init --brand NAME`", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the file: {exc}", path=str(path)) from None


def _replace(path: Path, text: str) -> None:
    """Write ``text`` over ``path`` atomically, keeping its permissions."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ConfigError(f"cannot write the file: {exc.strerror}", path=str(path)) from None


def append_sources(path: Path, blocks: Sequence[str]) -> Config:
    """Append ``blocks`` to the config file at ``path``, validated, atomically.

    Raises :class:`ConfigError` (and leaves the file untouched) when the result
    does not validate — a duplicate URL, an unknown brand, a bad per-kind key.
    """
    old = _read(path)
    sep = "" if not old or old.endswith("\n\n") else ("\n" if old.endswith("\n") else "\n\n")
    new = old + sep + "\n".join(blocks)
    try:
        config = parse_config(new, path=path)
    except ConfigError as exc:
        # The key named (sources[N]) is the new source's; say that nothing changed.
        exc.args = (f"{exc.args[0]}\n(nothing was added: {path} is unchanged)",)
        raise
    _replace(path, new)
    return config


@dataclass(frozen=True, slots=True)
class Removal:
    """What :func:`remove_source` took out: the source, its index, its text, the new config."""

    source: SourceConfig
    index: int
    text: str
    config: Config


def _matches(source: SourceConfig, which: str) -> bool:
    return which == source.url or (source.name is not None
                                   and which.casefold() == source.name.casefold())


def _source_spans(lines: list[str]) -> list[tuple[int, int]]:
    """``(first, end)`` line spans of every ``[[sources]]`` table, in file order."""
    headers = [(i, m.group(1).replace(" ", "")) for i, line in enumerate(lines)
               if (m := _HEADER.match(line))]
    spans = []
    for n, (i, name) in enumerate(headers):
        if name != "sources" or not lines[i].lstrip().startswith("[["):
            continue
        end = len(lines)
        for j, other in headers[n + 1:]:
            if not other.startswith("sources."):  # [sources.x] sub-tables belong to it
                end = j
                break
        # The table ends with its last key: comments and blank lines after it
        # (commented-out examples, the next section's title) are not its own.
        while end - 1 > i and (not lines[end - 1].strip()
                               or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        spans.append((i, end))
    return spans


def remove_source(path: Path, which: str, *, dry_run: bool = False) -> Removal:
    """Remove the ``[[sources]]`` table whose URL or name is ``which``; validated, atomically.

    Raises :class:`ConfigError` (leaving the file untouched) when no source or
    more than one matches, or when the file's layout does not allow a clean
    cut (the edited file would not hold exactly the other sources).
    """
    text = _read(path)
    config = parse_config(text, path=path)
    hits = [i for i, s in enumerate(config.sources) if _matches(s, which)]
    if not hits:
        raise ConfigError(f"no source has the URL or name {which!r}; `vigie sources list` "
                          "shows them", path=str(path))
    if len(hits) > 1:
        urls = ", ".join(config.sources[i].url for i in hits)
        raise ConfigError(f"{len(hits)} sources are named {which!r}; give the URL of the one "
                          f"to remove ({urls})", path=str(path))
    index = hits[0]
    lines = text.splitlines(keepends=True)
    spans = _source_spans(lines)
    if len(spans) != len(config.sources):
        raise ConfigError("the [[sources]] tables could not be told apart in the text (written "
                          "inline or in an unusual layout); remove the table by hand",
                          path=str(path))
    first, end = spans[index]
    while end < len(lines) and first > 0 and not lines[end].strip() \
            and not lines[first - 1].strip():
        end += 1  # one blank line between neighbours, not two
    new = "".join(lines[:first] + lines[end:])
    try:
        new_config = parse_config(new, path=path)
    except ConfigError as exc:
        raise ConfigError(f"removing sources[{index}] would leave an invalid file ({exc}); "
                          "nothing was changed", path=str(path)) from None
    expected = config.sources[:index] + config.sources[index + 1:]
    if ([(s, s.options) for s in new_config.sources] != [(s, s.options) for s in expected]
            or replace(new_config, sources=()) != replace(config, sources=())):
        raise ConfigError("removing the table's lines would change more than that source; "
                          "remove it by hand (nothing was changed)", path=str(path))
    if not dry_run:
        _replace(path, new)
    return Removal(source=config.sources[index], index=index,
                   text="".join(lines[first:end]), config=new_config)
