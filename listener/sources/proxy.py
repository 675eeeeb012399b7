"""Which HTTP proxy a request goes through (``[http] proxy``).

Agencies and companies often reach the web only through a proxy, which
command-line tools find in the environment: ``https_proxy`` for ``https://``
URLs, ``http_proxy`` for ``http://`` ones, ``all_proxy`` for both (lower or
upper case; lower case wins), and ``no_proxy`` for the hosts to reach
directly (``example.org`` also covers ``feeds.example.org``; ``*`` covers
every host). :func:`proxy_for` applies these rules, or an explicit proxy URL,
to one request. The loopback interface (``localhost``, ``127.0.0.1``,
``::1``) is always reached directly: a local feed, a local webhook receiver
and ``vigie demo`` must not go through a proxy.

Pure: the environment is passed in (:data:`os.environ` by default).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

__all__ = ["proxy_for", "check_proxy_setting"]


def _env(environ: Mapping[str, str], name: str) -> str:
    return (environ.get(name.lower()) or environ.get(name.upper()) or "").strip()


def _loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _bypassed(host: str, no_proxy: str) -> bool:
    for entry in (e.strip().lower() for e in no_proxy.split(",")):
        if not entry:
            continue
        if entry == "*":
            return True
        if entry.count(":") == 1:  # host:port (an IPv6 address has more colons)
            entry = entry.rsplit(":", 1)[0]
        entry = entry.lstrip(".")
        if host == entry or host.endswith("." + entry):
            return True
    return False


def check_proxy_setting(value: str) -> str | None:
    """None when ``value`` is ``auto``, ``none`` or an http(s) proxy URL, else why not."""
    if value in ("auto", "none"):
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ('expected "auto" (the environment\'s https_proxy / http_proxy / no_proxy), '
                '"none", or a proxy URL such as "http://proxy.example:3128"')
    return None


def proxy_for(url: str, setting: str = "auto",
              environ: Mapping[str, str] | None = None) -> str | None:
    """The proxy URL for a request to ``url``, or None to connect directly.

    ``setting`` is ``[http] proxy``: ``auto`` (the environment's variables),
    ``none``, or a proxy URL used for every request.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host or _loopback(host) or setting == "none":
        return None
    env = os.environ if environ is None else environ
    if setting != "auto":
        return setting
    if _bypassed(host, _env(env, "no_proxy")):
        return None
    scheme_proxy = _env(env, f"{parts.scheme}_proxy") if parts.scheme in ("http", "https") else ""
    return scheme_proxy or _env(env, "all_proxy") or None
