"""The email of an alert event or digest (pure: no server here)."""

from __future__ import annotations

import json

from listener.alerts.examples import sample_events
from listener.alerts.formats import digest_envelope
from listener.alerts.mail import build_message, message_id


def test_an_event_email_is_plain_text_threaded_with_the_json_attached() -> None:
    events = sample_events()
    opened, escalated = events["spike.opened"], events["spike.escalated"]
    msg = build_message(opened, sender="Vigie <v@example.org>",
                        recipients=("a@example.org", "b@example.org"), key=opened["id"])
    assert msg["To"] == "a@example.org, b@example.org"
    assert msg["Message-ID"] == message_id(opened["id"]) and msg["In-Reply-To"] is None
    body = msg.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Negative spike (major): Bleuet Mobile\n38 negative mentions")
    assert "New words: panne (21 vs 1 before)" in body
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == "vigie-event.json"
    assert json.loads(attachment.get_content()) == opened
    update = build_message(escalated, sender="v@example.org", recipients=("a@example.org",),
                           key=escalated["id"])
    assert update["In-Reply-To"] == update["References"] == message_id(escalated["thread_id"])


def test_hostile_text_stays_in_the_body_and_on_one_line_in_the_subject() -> None:
    """A mention's summary with line breaks cannot add a header (Bcc: ...); a long one is
    cut in the subject and whole in the body."""
    event = dict(sample_events()["mention"])
    event["summary"] = "arnaque\r\nBcc: victim@example.org\n" + "x" * 400
    msg = build_message(event, sender="v@example.org", recipients=("a@example.org",),
                        key="evt_h")
    assert msg["Bcc"] is None and "\n" not in msg["Subject"] and "\r" not in msg["Subject"]
    assert msg["Subject"].startswith("[Vigie] Mention: ") and msg["Subject"].endswith("…")
    assert len(msg["Subject"]) <= 190
    assert "x" * 400 in msg.get_body(preferencelist=("plain",)).get_content()
    assert b"\nBcc:" not in msg.as_bytes().split(b"\n\n", 1)[0]


def test_a_digest_email_lists_the_events_and_attaches_them_all() -> None:
    events = [sample_events()["spike.opened"]] * 120
    digest = digest_envelope(events, digest_id="dig_1", channel="mail",
                             created_at="2026-11-24T09:45:00Z")
    msg = build_message(digest, sender="v@example.org", recipients=("a@example.org",),
                        key="dig_1")
    assert msg["Subject"] == "[Vigie] digest: 120 events"
    body = msg.get_body(preferencelist=("plain",)).get_content()
    assert body.count("• Negative spike (major): Bleuet Mobile") == 100
    assert "… and 20 more (all in the attachment)" in body
    (attachment,) = list(msg.iter_attachments())
    assert len(json.loads(attachment.get_content())["events"]) == 120
