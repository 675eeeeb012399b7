"""Whose posts are not mentions of a brand: its own accounts, its staff, known bots.

During an outage a brand's support account posts dozens of apologies ("Sorry,
our network is down in Montréal, we're on it"): they name the brand, read as
negative, and would fill the "Needs reply" queue and feed the brand's own
negative spike. A brand's ``exclude_authors`` lists such handles; a post by
one of them is not a mention of that brand (it may still be one of another
brand).

Handles are compared case-insensitively, without a leading ``@`` or Reddit's
``/u/``. A handle with a host (``bleuetmobile@mastodon.social``) matches that
account only; one without (``bleuetmobile``) matches that name on any
instance (``bleuetmobile@mastodon.social``, ``@bleuetmobile``), as people
usually mean it. A feed's ``support@bleuet.ca (Bleuet Mobile)`` or ``Bleuet
Mobile <support@bleuet.ca>`` is matched by either of its two parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["AuthorFilter", "author_key"]

_PREFIXES = ("/u/", "u/", "@")
#: RSS's "email (Name)" and the mail form "Name <email>".
_TWO_PARTS = re.compile(r"^(.*?)\s*[(<]([^()<>]+)[)>]$")


def author_key(author: str) -> str:
    """The comparable form of a handle: case-folded, spaces collapsed, no ``@`` or ``/u/``."""
    key = " ".join(author.split()).casefold()
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
            break
    return key


class AuthorFilter:
    """The handles one brand excludes; :meth:`excludes` tells whether an author is one."""

    def __init__(self, handles: Iterable[str]) -> None:
        self._accounts: set[str] = set()  # name@host: that account only
        self._names: set[str] = set()  # name: on any instance
        for handle in handles:
            key = author_key(handle)
            if not key:
                continue
            (self._accounts if "@" in key else self._names).add(key)

    def __bool__(self) -> bool:
        return bool(self._accounts or self._names)

    def excludes(self, author: str | None) -> bool:
        """Whether ``author`` (as a source gives it) is one of the excluded handles."""
        if not author:
            return False
        parts = [author]
        two = _TWO_PARTS.match(author.strip())
        if two:
            parts += [p for p in two.groups() if p.strip()]
        for part in parts:
            key = author_key(part)
            if (key in self._accounts or key in self._names
                    or key.split("@", 1)[0] in self._names):
                return True
        return False
