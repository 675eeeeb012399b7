"""Sample events, built and rendered by the real code: for ``vigie alerts test`` and the docs.

``python -m listener.alerts.examples`` prints the payload examples of
``docs/alerts.md``; a test checks that the document still matches the code.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from listener.alerts.config import RuleConfig
from listener.alerts.formats import body_bytes, digest_envelope, render, sign
from listener.alerts.mail import build_message
from listener.alerts.outbox import source_occurrences
from listener.alerts.rules import Occurrence, build_event, event_id_for, keyword_hits

__all__ = ["sample_events", "sample_event", "examples_markdown"]

_AT = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
_CREATED = datetime(2026, 11, 24, 9, 30, 2, tzinfo=UTC)


def _spike(kind: str, severity: str, at: datetime) -> Occurrence:
    return Occurrence(
        kind=kind, incident="spike:42", item_type="alert", item_id=42, brand="Bleuet Mobile",
        summary="38 negative mentions in 1 h (about 6 expected): “panne”, “réseau”",
        at=at, severity=severity,
        data={"headline": "38 negative mentions in 1 h (about 6 expected)", "observed": 38,
              "expected": 6.2, "model_p_value": 1.2e-09, "once_in_weeks": 52.0,
              "since": "2026-11-24T08:30:00+00:00", "tests": ["count", "share"],
              "new_terms": [{"term": "panne", "window": 21, "baseline": 1, "z": 6.3},
                            {"term": "sans réseau", "window": 12, "baseline": 0, "z": 4.9}],
              "top_sources": [{"name": "Reddit search", "count": 17}],
              "top_authors": [{"name": "@julie_mtl", "count": 3}],
              "most_negative": [{
                  "id": "1234", "text": "Trois heures sans réseau, impossible d'appeler le "
                                        "911. Bleuet Mobile ne répond pas.",
                  "source": "Reddit search", "author": "@julie_mtl", "compound": -0.81,
                  "reach": 5400, "url": "https://www.reddit.com/r/montreal/comments/abc123/",
                  "published_at": "2026-11-24T09:12:00+00:00"}]})


def sample_events() -> dict[str, dict[str, Any]]:
    """A spike thread (opened, then escalated), a campaign, a keyword mention and a failing
    source."""
    spike_rule = RuleConfig(name="spikes-to-ops", events=("spike.opened", "spike.escalated"),
                            channels=("ops",))
    opened = _spike("spike.opened", "major", _AT)
    first = event_id_for(opened, spike_rule.name, "ops")
    escalated = _spike("spike.escalated", "critical", datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    esc_id = event_id_for(escalated, spike_rule.name, "ops")
    campaign_rule = RuleConfig(name="campaigns", events=("campaign.opened",), channels=("ops",))
    campaign = Occurrence(
        kind="campaign.opened", incident="campaign:7", item_type="campaign", item_id=7,
        brand="Colibri Livraison", at=_AT,
        summary="14 five-star reviews in 2 h from accounts created this week; "
                "near-duplicate wording",
        data={"target": "Colibri Livraison", "direction": "positive", "profile": "burst",
              "score": 0.93, "status": "open", "started_at": "2026-11-24T07:31:00+00:00",
              "last_member_at": "2026-11-24T09:28:00+00:00",
              "reasons": ["14 five-star reviews in 2 h from accounts created this week",
                          "near-duplicate wording"]})
    camp_id = event_id_for(campaign, campaign_rule.name, "ops")
    mention_rule = RuleConfig(name="legal-words", events=("mention",), channels=("ops",),
                              labels=("negative",), keywords=("arnaque", "lawsuit"))
    text = "Franchement c'est une arnaque, trois semaines sans réseau et personne ne répond."
    mention = Occurrence(
        kind="mention", incident="mention:1234:Bleuet Mobile", item_type="mention",
        item_id=1234, brand="Bleuet Mobile", summary="Bleuet Mobile : encore une panne",
        at=_AT, label="negative", reach=5400, text=f"Bleuet Mobile : encore une panne. {text}",
        data={"title": "Bleuet Mobile : encore une panne", "text": text,
              "url": "https://www.reddit.com/r/montreal/comments/abc123/", "author": "julie_mtl",
              "label": "negative", "compound": -0.77, "reach": 5400, "lang": "fr",
              "source_id": 3})
    ment_id = event_id_for(mention, mention_rule.name, "ops")
    source_rule = RuleConfig(name="feeds-down", events=("source.failing", "source.recovered"),
                             channels=("ops",))
    (failing,) = source_occurrences(
        3, ok=False, at=_AT, error="HTTP 503 Service Unavailable (service unavailable; will "
        "retry with backoff)", status=503, brands=("Bleuet Mobile",),
        name="App Store reviews (Canada)",
        url="https://itunes.apple.com/ca/rss/customerreviews/id=284882215/sortby=mostrecent/json",
        failing_since="2026-11-24T08:10:00Z", failures=3, after=3600.0, alerted=False,
        others_healthy=True)
    src_id = event_id_for(failing, source_rule.name, "ops")
    return {
        "spike.opened": build_event(opened, event_id=first, thread_id=first, rule=spike_rule,
                                    created_at=_CREATED),
        "spike.escalated": build_event(escalated, event_id=esc_id, thread_id=first,
                                       rule=spike_rule, created_at=_CREATED),
        "campaign.opened": build_event(campaign, event_id=camp_id, thread_id=camp_id,
                                       rule=campaign_rule, created_at=_CREATED),
        "mention": build_event(mention, event_id=ment_id, thread_id=ment_id, rule=mention_rule,
                               created_at=_CREATED,
                               keywords=keyword_hits(mention_rule.keywords, mention.text)),
        "source.failing": build_event(failing, event_id=src_id, thread_id=src_id,
                                      rule=source_rule, created_at=_CREATED),
    }


def sample_event() -> dict[str, Any]:
    """The event ``vigie alerts test`` sends (marked as a test in its rule name)."""
    event = dict(sample_events()["spike.opened"])
    event["rule"] = "vigie-alerts-test"
    return event


def _block(lang: str, obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=2) if lang == "json" else str(obj)
    return f"```{lang}\n{text}\n```"


def _email_text(event: dict[str, Any]) -> str:
    """The subject, threading headers and text part of the email for ``event``."""
    msg = build_message(event, sender="Vigie <vigie@example.org>",
                        recipients=("support@example.org",), key=str(event["id"]))
    headers = [f"{name}: {msg[name]}" for name in ("Subject", "Message-ID", "In-Reply-To")
               if msg[name]]
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None
    return "\n".join(headers) + "\n\n" + str(body.get_content()).rstrip()


def examples_markdown() -> dict[str, str]:
    """Named Markdown code blocks for ``docs/alerts.md``."""
    events = sample_events()
    digest = digest_envelope([events["spike.opened"], events["mention"]],
                             digest_id="dig_5d1c0f2e9a7b4c3d8e6f1a2b", channel="ops-digest",
                             created_at="2026-11-24T09:45:00.000000Z")
    body = body_bytes(events["spike.opened"])
    ts, sig = sign("s3cr3t-shared-with-the-receiver", body, 1795512602)
    return {
        "generic-opened": _block("json", events["spike.opened"]),
        "generic-escalated": _block("json", events["spike.escalated"]),
        "generic-campaign": _block("json", events["campaign.opened"]),
        "generic-mention": _block("json", events["mention"]),
        "generic-source": _block("json", events["source.failing"]),
        "digest": _block("json", digest),
        "slack": _block("json", render("slack", events["spike.opened"])),
        "slack-digest": _block("json", render("slack", digest)),
        "discord": _block("json", render("discord", events["spike.escalated"])),
        "teams": _block("json", render("teams", events["spike.opened"])),
        "email": _block("text", _email_text(events["spike.escalated"])),
        "slack-source": _block("json", render("slack", events["source.failing"])),
        "signature": _block("text", f"X-Vigie-Timestamp: {ts}\nX-Vigie-Signature: {sig}"),
    }


if __name__ == "__main__":
    for name, block in examples_markdown().items():
        print(f"<!-- example:{name} -->\n{block}\n<!-- /example -->\n")
