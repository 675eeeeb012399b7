"""Rendering events for each channel kind, and the request signature (pure, no I/O).

* ``webhook``: the generic ``vigie.alert/1`` event as is (or a
  ``vigie.digest/1`` envelope listing several), signed with
  :func:`sign` when the channel has a secret.
* ``slack``: an incoming-webhook message with Block Kit blocks.
* ``discord``: a webhook message with one embed per event.
* ``teams``: a Microsoft Teams message holding one Adaptive Card, as a
  Teams Workflows webhook ("When a Teams webhook request is received")
  expects it.
* ``command``: the same JSON as ``webhook``, on the program's stdin.

A mention's title and text are written by anyone, so what Slack and Discord
would read as markup is escaped: Slack's ``&``, ``<`` and ``>`` (otherwise
``<!channel>`` pings a whole channel and ``<https://evil|Support>`` shows a
disguised link; :func:`slack_text`), Discord's markdown (a masked link
``[Support](https://evil)`` renders as a link in an embed; :func:`discord_text`;
pings are already off with ``allowed_mentions``). In a Teams card, text from
outside is only ever put in ``TextRun`` elements, which Adaptive Cards show
as plain text (no markdown), never in a ``TextBlock`` or a fact, which read
markdown. Links are only ever the
item's own http(s) URL (:func:`safe_url`). The generic ``webhook`` and
``command`` JSON carry the text as it is: a receiver must treat it as
untrusted.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from typing import Any

from listener.alerts.rules import DIGEST_SCHEMA
from listener.detection.spike_explain import severity_word, term_words
from listener.i18n import ENGLISH, Translator

__all__ = ["render", "digest_envelope", "sign", "verify", "body_bytes", "SIGNATURE_HEADER",
           "TIMESTAMP_HEADER", "slack_text", "discord_text", "safe_url", "TEAMS_CARD",
           "event_title", "event_line", "thread_note", "spike_details", "digest_title",
           "event_severity"]

SIGNATURE_HEADER = "X-Vigie-Signature"
TIMESTAMP_HEADER = "X-Vigie-Timestamp"
_COLOURS = {"critical": 0xD0021B, "major": 0xF5A623, "minor": 0xF8E71C}
_EMOJI = {"critical": ":rotating_light:", "major": ":warning:", "minor": ":small_orange_diamond:"}


def _titles(tr: Translator) -> dict[str, str]:
    """What each kind of event is called, in ``tr``'s language."""
    return {"spike.opened": tr("Negative spike"), "spike.escalated": tr("Spike escalated"),
            "spike.resolved": tr("Spike resolved"),
            "campaign.opened": tr("Suspected review campaign"),
            "campaign.grown": tr("Review campaign grew"),
            "campaign.closed": tr("Review campaign ended"), "mention": tr("Mention"),
            "source.failing": tr("Source failing"), "source.recovered": tr("Source recovered")}


def event_severity(event: dict[str, Any], tr: Translator) -> str:
    """The event's severity in words (``major`` -> "majeur" in French)."""
    return severity_word(str(event.get("severity") or ""), tr)


def body_bytes(payload: dict[str, Any]) -> bytes:
    """The exact bytes sent (and signed): compact UTF-8 JSON with sorted keys."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def sign(secret: str, body: bytes, timestamp: int | None = None) -> tuple[str, str]:
    """(timestamp, signature) headers: ``v1=`` hex HMAC-SHA256 of ``"{timestamp}." + body``."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    mac = hmac.new(secret.encode("utf-8"), ts.encode("ascii") + b"." + body, hashlib.sha256)
    return ts, "v1=" + mac.hexdigest()


def verify(secret: str, body: bytes, timestamp: str, signature: str, *,
           tolerance: float = 300.0, now: float | None = None) -> bool:
    """Receiver side: is ``signature`` valid for ``body`` and recent enough?"""
    try:
        age = abs((time.time() if now is None else now) - int(timestamp))
    except ValueError:
        return False
    if age > tolerance:
        return False
    expected = sign(secret, body, int(timestamp))[1]
    return hmac.compare_digest(expected, signature)


def digest_envelope(events: list[dict[str, Any]], *, digest_id: str, channel: str,
                    created_at: str) -> dict[str, Any]:
    """Several events sent as one ``vigie.digest/1`` message."""
    return {"schema": DIGEST_SCHEMA, "id": digest_id, "channel": channel,
            "created_at": created_at, "count": len(events), "events": events}


#: Discord markdown: emphasis, code, spoilers, quotes, headings, masked links.
_DISCORD_MARKUP = re.compile(r"([\\*_~`|>#\[\]])")


def slack_text(text: object) -> str:
    """``text`` for a Slack ``mrkdwn`` field: ``&``, ``<`` and ``>`` escaped, as Slack asks.

    With them escaped, ``<!channel>``, ``<@U123>`` and ``<url|label>`` are shown
    as typed instead of pinging people or disguising a link.
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def discord_text(text: object) -> str:
    """``text`` for Discord markdown: every markup character backslash-escaped.

    Discord shows ``\\[`` as ``[``, so the reader sees the text as typed, and a
    masked link ``[Support](https://evil.example)`` stays text (a bare URL
    may still be shown as a link, but then as itself).
    """
    return _DISCORD_MARKUP.sub(r"\\\1", str(text))


def safe_url(url: object) -> str | None:
    """``url`` if it is a plain http(s) URL without spaces or control characters, else None."""
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        return None
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url) or len(url) > 2000:
        return None
    return url


def _slack_link(url: str, tr: Translator = ENGLISH) -> str:
    """``<url|open>`` with the URL escaped for Slack (``|`` would end it early)."""
    return f"<{slack_text(url).replace('|', '%7C')}|{tr('open')}>"


def spike_details(event: dict[str, Any], tr: Translator = ENGLISH) -> list[tuple[str, str]]:
    """(label, plain text) lines that say what a spike is about, from its evidence.

    The words that are new in the mentions, where they come from, and the most
    negative of them: what a person reading the alert in a chat wants before
    opening the TUI. Plain text, escaped by each channel's renderer.
    """
    data = event.get("data")
    if not str(event.get("kind", "")).startswith("spike.") or not isinstance(data, dict):
        return []
    out = []
    terms = [t for t in data.get("new_terms") or [] if isinstance(t, dict) and t.get("term")]
    if terms:
        out.append((tr("New words"), ", ".join(term_words(t, tr) for t in terms[:5])))
    sources = [s for s in data.get("top_sources") or [] if isinstance(s, dict) and s.get("name")]
    if sources:
        out.append((tr("Top sources"), ", ".join(f"{s['name']} ({s.get('count', '?')})"
                                             for s in sources[:3])))
    worst = [m for m in data.get("most_negative") or [] if isinstance(m, dict) and m.get("text")]
    if worst:
        text = " ".join(str(worst[0]["text"]).split())
        out.append((tr("Most negative"), f"“{text[:200]}{'…' if len(text) > 200 else ''}”"))
    return out


def event_title(event: dict[str, Any], tr: Translator = ENGLISH) -> str:
    """``Negative spike (major): Bleuet Mobile``: what happened, to which brand."""
    title = _titles(tr).get(event["kind"], event["kind"])
    sev = f" ({event_severity(event, tr)})" if event.get("severity") else ""
    # A source scoped to no brand concerns them all (its summary names the source).
    return tr("{title}{severity}: {brand}", title=title, severity=sev,
              brand=event["brand"] or tr("all brands"))


def event_line(event: dict[str, Any], tr: Translator = ENGLISH) -> str:
    """The title and the summary on one line (chat fallbacks, digests, email subjects)."""
    return f"{event_title(event, tr)} — {event['summary']}"


def thread_note(event: dict[str, Any], tr: Translator = ENGLISH) -> str:
    """``event evt_… · rule …``, or ``update of evt_… · event evt_…`` for a thread's update."""
    if event.get("update"):
        return tr("update of {thread} · event {id}", thread=str(event["thread_id"]),
                  id=str(event["id"]))
    return tr("event {id} · rule {rule}", id=str(event["id"]), rule=str(event["rule"]))


def digest_title(count: int, tr: Translator = ENGLISH) -> str:
    """``Vigie digest: 12 events``."""
    return tr.n("Vigie digest: {n} event", "Vigie digest: {n} events", count)


def _more(count: int, tr: Translator) -> str:
    return tr("… and {n} more", n=count)


def _slack(payload: dict[str, Any], tr: Translator) -> dict[str, Any]:
    if payload.get("schema") == DIGEST_SCHEMA:
        events = payload["events"]
        lines = "\n".join(f"• {slack_text(event_line(e, tr))}" for e in events[:40])
        more = "\n" + _more(len(events) - 40, tr) if len(events) > 40 else ""
        title = digest_title(len(events), tr)
        return {"text": title,
                "blocks": [{"type": "header", "text": {"type": "plain_text", "text": title}},
                           {"type": "section", "text": {"type": "mrkdwn",
                                                        "text": (lines + more)[:2900]}},
                           {"type": "context", "elements": [
                               {"type": "mrkdwn",
                                "text": tr("digest {id}", id=str(payload["id"]))}]}]}
    e = payload
    emoji = _EMOJI.get(e.get("severity") or "", ":mag:")
    fields = [{"type": "mrkdwn",
               "text": f"*{tr('Brand')}*\n{slack_text(e['brand'] or tr('all brands'))}"},
              {"type": "mrkdwn", "text": f"*{tr('Event')}*\n`{slack_text(e['kind'])}`"}]
    if e.get("severity"):
        fields.append({"type": "mrkdwn",
                       "text": f"*{tr('Severity')}*\n{slack_text(event_severity(e, tr))}"})
    url = safe_url(e["data"].get("url")) if isinstance(e.get("data"), dict) else None
    if url:
        fields.append({"type": "mrkdwn", "text": f"*{tr('Link')}*\n{_slack_link(url, tr)}"})
    head = f"{emoji} *{slack_text(event_title(e, tr))}*\n{slack_text(e['summary'])}"
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": head[:2900]}}]
    details = spike_details(e, tr)
    if details:
        text = "\n".join(f"*{label}:* {slack_text(value)}" for label, value in details)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text[:2900]}})
    return {"text": slack_text(event_line(e, tr)[:300]),
            "blocks": [*blocks,
                       {"type": "section", "fields": fields},
                       {"type": "context", "elements": [
                           {"type": "mrkdwn",
                            "text": slack_text(f"{thread_note(e, tr)} · {e['occurred_at']}")}]}]}


def _embed(e: dict[str, Any], tr: Translator) -> dict[str, Any]:
    embed: dict[str, Any] = {
        "title": event_title(e, tr)[:256], "description": discord_text(e["summary"])[:2000],
        "color": _COLOURS.get(e.get("severity") or "", 0x4A90E2),
        "timestamp": e["occurred_at"],
        "fields": [{"name": tr("Event"), "value": discord_text(e["kind"]), "inline": True},
                   {"name": tr("Rule"), "value": discord_text(e["rule"]), "inline": True}],
        "footer": {"text": thread_note(e, tr)},
    }
    embed["fields"] += [{"name": label, "value": discord_text(value)[:1024], "inline": False}
                        for label, value in spike_details(e, tr)]
    url = safe_url(e["data"].get("url")) if isinstance(e.get("data"), dict) else None
    if url:
        embed["url"] = url
    return embed


def _discord(payload: dict[str, Any], tr: Translator) -> dict[str, Any]:
    if payload.get("schema") == DIGEST_SCHEMA:
        events = payload["events"]
        lines = "\n".join(f"• {discord_text(event_line(e, tr))}" for e in events[:30])
        return {"content": f"**{digest_title(len(events), tr)}**",
                "embeds": [{"title": tr("What happened"), "description": lines[:4000],
                            "footer": {"text": tr("digest {id}", id=str(payload["id"]))}}],
                "allowed_mentions": {"parse": []}}
    return {"content": discord_text(event_line(payload, tr))[:2000],
            "embeds": [_embed(payload, tr)], "allowed_mentions": {"parse": []}}


#: The attachment type of an Adaptive Card in a Teams message.
TEAMS_CARD = "application/vnd.microsoft.card.adaptive"
_TEAMS_COLOURS = {"critical": "attention", "major": "warning", "minor": "accent"}


def _plain(text: str, **style: Any) -> dict[str, Any]:
    """Text shown as typed: a ``RichTextBlock`` of one ``TextRun`` (no markdown there)."""
    return {"type": "RichTextBlock", "inlines": [{"type": "TextRun", "text": text, **style}]}


def _labelled(label: str, value: str) -> dict[str, Any]:
    """``label: value`` with the label bold; the value (from outside) as typed."""
    return {"type": "RichTextBlock", "inlines": [
        {"type": "TextRun", "text": f"{label}: ", "weight": "bolder"},
        {"type": "TextRun", "text": value}]}


def _teams_message(body: list[dict[str, Any]], url: str | None = None,
                   tr: Translator = ENGLISH) -> dict[str, Any]:
    card: dict[str, Any] = {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                            "type": "AdaptiveCard", "version": "1.4", "body": body,
                            "msteams": {"width": "Full"}}
    if url:
        card["actions"] = [{"type": "Action.OpenUrl", "title": tr("Open"), "url": url}]
    return {"type": "message",
            "attachments": [{"contentType": TEAMS_CARD, "contentUrl": None, "content": card}]}


def _teams(payload: dict[str, Any], tr: Translator) -> dict[str, Any]:
    if payload.get("schema") == DIGEST_SCHEMA:
        events = payload["events"]
        # The digest title is Vigie's own words with a count: a TextBlock is safe here.
        body = [{"type": "TextBlock", "text": digest_title(len(events), tr),
                 "weight": "bolder", "size": "medium", "wrap": True}]
        body += [_plain(f"• {event_line(e, tr)}"[:500]) for e in events[:30]]
        if len(events) > 30:
            body.append(_plain(_more(len(events) - 30, tr), isSubtle=True))
        body.append(_plain(tr("digest {id}", id=str(payload["id"])), isSubtle=True))
        return _teams_message(body, tr=tr)
    e = payload
    # The title is Vigie's own words and the configured brand name, but it is
    # shown as plain text too: a brand name may hold an underscore or a star.
    body = [_plain(event_title(e, tr), weight="bolder", size="medium",
                   color=_TEAMS_COLOURS.get(e.get("severity") or "", "default")),
            _plain(str(e["summary"])[:2000])]
    body += [_labelled(label, value[:1000]) for label, value in spike_details(e, tr)]
    facts = [(tr("Brand"), e["brand"] or tr("all brands")), (tr("Event"), e["kind"])]
    if e.get("severity"):
        facts.append((tr("Severity"), event_severity(e, tr)))
    body += [_labelled(label, str(value)) for label, value in facts]
    body.append(_plain(f"{thread_note(e, tr)} · {e['occurred_at']}", isSubtle=True,
                       size="small"))
    url = safe_url(e["data"].get("url")) if isinstance(e.get("data"), dict) else None
    return _teams_message(body, url, tr)


def render(kind: str, payload: dict[str, Any], tr: Translator = ENGLISH) -> dict[str, Any]:
    """The JSON body for a channel of ``kind`` (``payload`` is an event or a digest).

    Chat messages (Slack, Discord, Teams) are written in ``tr``'s language
    (the configuration's ``language``); the generic JSON is the event as is.
    """
    if kind == "slack":
        return _slack(payload, tr)
    if kind == "discord":
        return _discord(payload, tr)
    if kind == "teams":
        return _teams(payload, tr)
    return payload
