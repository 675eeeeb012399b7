"""Alerts by email: the message for an event or a digest (pure), and one SMTP attempt.

:func:`build_message` writes a plain-text email: a subject on one line, the
event as a person reads it (title, summary, what a spike is about, brand,
event, severity, rule, link), and the generic JSON event (``vigie.alert/1``, or
the ``vigie.digest/1`` envelope) attached for programs. Its ``Message-ID`` is
made from the outbox row's idempotency key, so a message sent again after a
crash is recognisably the same one; an update names its thread's first
message in ``In-Reply-To`` and ``References``, so mail clients show one
incident as one conversation. A mention's text is anyone's, but plain text
interprets nothing; it is only kept on one line where a header needs it.

:func:`deliver` makes one blocking SMTP attempt (run it in a thread):
``smtps://`` is TLS from the start, ``smtp://`` upgrades with STARTTLS when
the server offers it, and a password is never sent without TLS. It returns a
:class:`~listener.alerts.attempt.Attempt`: refusals the server calls permanent (5xx, a login
refused, a certificate that does not verify) are permanent, the rest (4xx,
timeouts, a server down) are retried by the caller.
"""

from __future__ import annotations

import json
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from typing import Any
from urllib.parse import urlsplit

from listener.alerts.attempt import Attempt
from listener.alerts.config import ChannelConfig
from listener.alerts.formats import (
    digest_title,
    event_line,
    event_severity,
    event_title,
    safe_url,
    spike_details,
    thread_note,
)
from listener.alerts.rules import DIGEST_SCHEMA
from listener.analysis.normalise import single_line
from listener.i18n import ENGLISH, Translator

__all__ = ["build_message", "deliver", "message_id"]

#: Events listed in a digest's body (all of them are in its attachment).
DIGEST_LINES = 100
_SUBJECT_CHARS = 180


def message_id(key: str) -> str:
    """The ``Message-ID`` of the message for outbox key ``key`` (stable across re-sends)."""
    return f"<{key}@vigie.invalid>"


def _subject(text: str) -> str:
    line = single_line(text)
    if len(line) > _SUBJECT_CHARS:
        line = line[:_SUBJECT_CHARS - 1] + "…"
    return f"[Vigie] {line}"


def _event_body(e: dict[str, Any], tr: Translator) -> str:
    def line(label: str, value: object) -> str:
        return tr("{label}: {value}", label=label, value=str(value))

    lines = [event_title(e, tr), str(e["summary"]), ""]
    details = spike_details(e, tr)
    if details:
        lines += [line(label, value) for label, value in details] + [""]
    lines.append(line(tr("Brand"), e["brand"] or tr("all brands")))
    lines.append(line(tr("Event"), e["kind"]))
    if e.get("severity"):
        lines.append(line(tr("Severity"), event_severity(e, tr)))
    lines.append(line(tr("Rule"), e["rule"]))
    url = safe_url(e["data"].get("url")) if isinstance(e.get("data"), dict) else None
    if url:
        lines.append(line(tr("Link"), url))
    lines += ["", f"{thread_note(e, tr)} · {e['occurred_at']}"]
    return "\n".join(lines)


def build_message(payload: dict[str, Any], *, sender: str, recipients: tuple[str, ...],
                  key: str, tr: Translator = ENGLISH) -> EmailMessage:
    """The email for ``payload`` (an event or a digest) sent under outbox key ``key``,
    in ``tr``'s language (the JSON attachment is the event as is)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = message_id(key)
    msg["X-Vigie-Event"] = single_line(str(payload.get("kind", payload.get("schema", ""))))
    if payload.get("schema") == DIGEST_SCHEMA:
        events = payload["events"]
        msg["Subject"] = _subject(tr.n("digest: {n} event", "digest: {n} events",
                                       len(events)))
        lines = [digest_title(len(events), tr), ""]
        lines += [f"• {single_line(event_line(e, tr))}" for e in events[:DIGEST_LINES]]
        if len(events) > DIGEST_LINES:
            lines.append(tr("… and {n} more (all in the attachment)",
                            n=len(events) - DIGEST_LINES))
        lines += ["", tr("digest {id}", id=str(payload["id"]))]
        body, name = "\n".join(lines), "vigie-digest.json"
    else:
        msg["Subject"] = _subject(event_line(payload, tr))
        if payload.get("update") and payload.get("thread_id"):
            first = message_id(str(payload["thread_id"]))
            msg["In-Reply-To"] = first
            msg["References"] = first
        body, name = _event_body(payload, tr), "vigie-event.json"
    msg.set_content(body + "\n\n-- \n" + tr("Sent by Vigie. The event as JSON is attached.")
                    + "\n")
    msg.add_attachment(json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"),
                       maintype="application", subtype="json", filename=name)
    return msg


def _code_error(exc: smtplib.SMTPResponseException, what: str) -> Attempt:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) \
        else str(exc.smtp_error)
    return Attempt(False, exc.smtp_code, f"{what}: SMTP {exc.smtp_code} {single_line(text)}",
                       permanent=500 <= exc.smtp_code < 600)


def deliver(channel: ChannelConfig, message: EmailMessage) -> Attempt:
    """One SMTP attempt (blocking): connect, secure, log in, send to every recipient."""
    assert channel.url is not None and channel.recipients
    parts = urlsplit(channel.url)
    secure = parts.scheme == "smtps"
    host = parts.hostname or ""
    port = parts.port or (465 if secure else 587)
    envelope_from = parseaddr(channel.sender or "")[1]
    try:
        client = (smtplib.SMTP_SSL(host, port, timeout=channel.timeout,
                                   context=ssl.create_default_context())
                  if secure else smtplib.SMTP(host, port, timeout=channel.timeout))
        with client:
            client.ehlo()
            if not secure:
                if client.has_extn("starttls"):
                    client.starttls(context=ssl.create_default_context())
                    client.ehlo()
                elif channel.password:
                    return Attempt(False, error=(
                        f"{host}:{port} offers no STARTTLS, and the password is never sent "
                        "without encryption: use smtps:// or a server that offers STARTTLS"),
                        permanent=True)
            if channel.username:
                client.login(channel.username, channel.password or "")
            refused = client.send_message(message, from_addr=envelope_from,
                                          to_addrs=list(channel.recipients))
    except smtplib.SMTPAuthenticationError as exc:
        return _code_error(exc, "login refused (check username and password)")
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        shown = ", ".join(f"{addr} ({code})" for addr, (code, _) in exc.recipients.items())
        return Attempt(False, max(codes, default=None), f"every recipient refused: {shown}",
                           permanent=all(500 <= c < 600 for c in codes))
    except smtplib.SMTPSenderRefused as exc:
        return _code_error(exc, f"sender {envelope_from} refused")
    except smtplib.SMTPResponseException as exc:
        return _code_error(exc, "the server refused the message")
    except ssl.SSLCertVerificationError as exc:
        return Attempt(False, error=f"{host}:{port}: certificate not trusted "
                           f"({exc.verify_message})", permanent=True)
    except TimeoutError:
        return Attempt(False, error=f"{host}:{port}: no answer within {channel.timeout:g} s")
    except (smtplib.SMTPException, OSError) as exc:
        return Attempt(False, error=f"{host}:{port}: {type(exc).__name__}: {exc}")
    note = ""
    if refused:
        note = "refused by the server: " + ", ".join(f"{a} ({c})" for a, (c, _) in refused.items())
    return Attempt(True, 250, response=note)
