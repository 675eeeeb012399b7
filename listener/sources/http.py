"""The polite, bounded HTTP fetcher shared by every source.

One :class:`aiohttp.ClientSession` per daemon, with total and per-host
connection limits, connect/total timeouts, a redirect limit, conditional GET
(``If-None-Match`` / ``If-Modified-Since`` with the validators stored exactly as
received) and a body size limit enforced while streaming — a 2 GB response (or
a decompression bomb) is cut off at ``max_body_bytes`` without being held in
memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp

from listener import __version__
from listener.config import HttpConfig
from listener.errors import FetchError
from listener.sources.proxy import proxy_for

__all__ = ["FetchResult", "JsonResult", "Fetcher", "parse_retry_after", "parse_max_age",
           "refused_message"]

_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)", re.I)
_NO_CACHE = re.compile(r"(?:^|,)\s*(?:no-store|no-cache)\b", re.I)


@dataclass(slots=True)
class FetchResult:
    """A successful response: 200 with a body, or 304 Not Modified (``body`` None)."""

    status: int
    body: bytes | None
    url: str
    etag: str | None
    last_modified: str | None
    content_type: str | None
    max_age: float | None

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional GET."""
        return self.status == 304


@dataclass(slots=True)
class JsonResult:
    """Any answer to :meth:`Fetcher.get_json`: status, headers and the parsed body.

    ``data`` is None when the body is empty or not JSON. Error statuses are
    returned too, so a source kind can read its API's error body (a ``backoff``,
    an ``error_message``) before calling :meth:`error`.
    """

    status: int
    url: str
    headers: Mapping[str, str]
    data: Any

    @property
    def ok(self) -> bool:
        """True for a 2xx answer."""
        return 200 <= self.status < 300

    def error(self, detail: str | None = None, *, retry_after: float | None = None,
              now: datetime | None = None) -> FetchError:
        """The :class:`FetchError` describing this (non-2xx) answer.

        401 and 403 say that the source refused access (an instance that closed
        its public timeline, an API that wants a key): the message starts with
        ``source refused access (HTTP 403)`` so the health row says why.
        ``detail`` defaults to the error text found in a JSON error body.
        """
        detail = detail or json_error_detail(self.data)
        if retry_after is None:
            retry_after = parse_retry_after(self.headers.get("Retry-After"), now)
        if self.status in (401, 403):
            message = refused_message(self.status, detail)
        else:
            message = _status_message(self.status, None)
            if detail:
                message += f": {detail}"
        return FetchError(message, url=self.url, status=self.status, retry_after=retry_after)


def refused_message(status: int, detail: str | None) -> str:
    """Health message of a source that answered 401/403."""
    why = detail or ("the server wants credentials" if status == 401 else "access refused")
    return (f"source refused access (HTTP {status}): {why}; the source is probably not public "
            "any more: fix or remove it in [[sources]] (retried with a long backoff)")


def json_error_detail(data: Any) -> str | None:
    """The human error text of a JSON error body, from the usual field names."""
    if not isinstance(data, dict):
        return None
    for key in ("error_message", "error_description", "error", "message", "detail"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:300]
    return None


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def parse_max_age(value: str | None) -> float | None:
    """``max-age`` of a ``Cache-Control`` header, None when absent or no-cache."""
    if not value or _NO_CACHE.search(value):
        return None
    m = _MAX_AGE.search(value)
    return float(m.group(1)) if m else None


class Fetcher:
    """Fetches URLs politely; use as ``async with Fetcher(cfg) as f: await f.fetch(url)``."""

    def __init__(self, config: HttpConfig) -> None:
        self.config = config
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        cfg = self.config
        connector = aiohttp.TCPConnector(limit=cfg.max_connections,
                                         limit_per_host=cfg.max_per_host,
                                         ttl_dns_cache=300, enable_cleanup_closed=True)
        ua = cfg.user_agent.replace("{version}", __version__)
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(total=cfg.timeout, sock_connect=cfg.connect_timeout),
            headers={"User-Agent": ua,
                     "Accept": "application/rss+xml, application/atom+xml, application/feed+json,"
                               " application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8,"
                               " */*;q=0.5",
                     "Accept-Encoding": "gzip, deflate"},
            auto_decompress=True,
            raise_for_status=False,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(self, url: str, *, etag: str | None = None,
                    last_modified: str | None = None) -> FetchResult:
        """GET ``url`` (conditionally when validators are given).

        Raises :class:`FetchError` with the status and ``Retry-After`` (if any)
        for every failure: network errors, timeouts, non-2xx/304 answers, too
        many redirects, bodies over the size limit.
        """
        if self._session is None:
            raise RuntimeError("Fetcher used outside `async with`")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        cfg = self.config
        with _client_errors(url, cfg):
            async with self._session.get(url, headers=headers, max_redirects=cfg.max_redirects,
                                         allow_redirects=cfg.max_redirects > 0,
                                         proxy=proxy_for(url, cfg.proxy)) as resp:
                final = str(resp.url)
                if resp.status == 304:
                    return FetchResult(304, None, final, resp.headers.get("ETag", etag),
                                       resp.headers.get("Last-Modified", last_modified),
                                       resp.headers.get("Content-Type"),
                                       parse_max_age(resp.headers.get("Cache-Control")))
                if resp.status in (301, 302, 303, 307, 308):
                    raise FetchError(f"redirect not followed (HTTP {resp.status}; "
                                     f"[http] max_redirects = {cfg.max_redirects})",
                                     url=url, status=resp.status)
                if not 200 <= resp.status < 300:
                    retry = parse_retry_after(resp.headers.get("Retry-After"))
                    raise FetchError(_status_message(resp.status, resp.reason), url=url,
                                     status=resp.status, retry_after=retry)
                body = await _read_bounded(resp, cfg.max_body_bytes, url)
                return FetchResult(resp.status, body, final,
                                   resp.headers.get("ETag"), resp.headers.get("Last-Modified"),
                                   resp.headers.get("Content-Type"),
                                   parse_max_age(resp.headers.get("Cache-Control")))

    async def get_json(self, url: str, *,
                       params: Mapping[str, str] | Sequence[tuple[str, str]] | None = None,
                       headers: Mapping[str, str] | None = None) -> JsonResult:
        """GET ``url`` (with query ``params``) and parse the JSON body.

        Every HTTP status is returned as a :class:`JsonResult` (check ``ok``,
        then ``raise result.error()``). Network errors, timeouts, redirect loops,
        bodies over the size limit and a 2xx body that is not JSON raise
        :class:`FetchError`. No conditional GET: API sources page with cursors.
        """
        return await self._json("GET", url, params=params, headers=headers)

    async def post_json(self, url: str, payload: Any, *,
                        headers: Mapping[str, str] | None = None) -> JsonResult:
        """POST ``payload`` as JSON to ``url`` (an API login) and parse the JSON answer,
        with the same limits and errors as :meth:`get_json`."""
        return await self._json("POST", url, payload=payload, headers=headers)

    async def _json(self, method: str, url: str, *,
                    params: Mapping[str, str] | Sequence[tuple[str, str]] | None = None,
                    payload: Any = None,
                    headers: Mapping[str, str] | None = None) -> JsonResult:
        if self._session is None:
            raise RuntimeError("Fetcher used outside `async with`")
        cfg = self.config
        sent = {"Accept": "application/json"}
        sent.update(headers or {})
        with _client_errors(url, cfg):
            async with self._session.request(method, url, params=params, json=payload,
                                             headers=sent, max_redirects=cfg.max_redirects,
                                             allow_redirects=cfg.max_redirects > 0,
                                             proxy=proxy_for(url, cfg.proxy)) as resp:
                final = str(resp.url)
                body = await _read_bounded(resp, cfg.max_body_bytes, final)
                status, resp_headers = resp.status, resp.headers
        data: Any = None
        if body.strip():
            try:
                data = json.loads(body)
            except ValueError as exc:
                if 200 <= status < 300:
                    raise FetchError(f"the answer is not JSON ({exc}); is the URL an API "
                                     "endpoint?", url=final, status=status) from None
        return JsonResult(status, final, resp_headers, data)


@contextlib.contextmanager
def _client_errors(url: str, cfg: HttpConfig) -> Iterator[None]:
    """Turn aiohttp's exceptions into :class:`FetchError` naming the URL and the limit hit."""
    try:
        yield
    except FetchError:
        raise
    except aiohttp.TooManyRedirects:
        raise FetchError(f"too many redirects (more than {cfg.max_redirects}; a redirect "
                         "loop?)", url=url) from None
    except TimeoutError:
        raise FetchError(f"timed out after {cfg.timeout:g} s ([http] timeout)", url=url) from None
    except aiohttp.ClientConnectorError as exc:
        raise FetchError(f"cannot connect: {exc.os_error.strerror or exc}", url=url) from None
    except aiohttp.ClientPayloadError as exc:
        raise FetchError(f"broken response body: {exc}", url=url) from None
    except aiohttp.ClientResponseError as exc:
        raise FetchError(f"bad HTTP response: {exc.message}", url=url,
                         status=exc.status) from None
    except (aiohttp.ClientError, asyncio.IncompleteReadError, ValueError) as exc:
        raise FetchError(f"HTTP error: {type(exc).__name__}: {exc}", url=url) from None


async def _read_bounded(resp: aiohttp.ClientResponse, limit: int, url: str) -> bytes:
    """The (decompressed) body, read in chunks and refused past ``limit`` bytes."""
    length = resp.content_length
    if length is not None and length > limit:
        raise FetchError(f"body of {length} bytes is over the limit of {limit} "
                         "([http] max_body_bytes)", url=url, status=resp.status)
    chunks: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_chunked(1 << 16):
        size += len(chunk)
        if size > limit:
            raise FetchError(f"body is over the limit of {limit} bytes ([http] max_body_bytes);"
                             " stopped reading", url=url, status=resp.status)
        chunks.append(chunk)
    return b"".join(chunks)


def _status_message(status: int, reason: str | None) -> str:
    hint = {
        401: "the server wants credentials; this source is not public",
        403: "access refused; the source may have closed its public feed",
        404: "not found; check the URL in [[sources]]",
        410: "gone for good; remove this source",
        429: "rate limited; backing off",
        500: "server error; will retry with backoff",
        502: "bad gateway; will retry with backoff",
        503: "service unavailable; will retry with backoff",
    }.get(status, "")
    text = f"HTTP {status} {reason or ''}".strip()
    return f"{text} ({hint})" if hint else text
