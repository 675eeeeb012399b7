"""Spike alerts in the store: one row per incident, updated by later events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from listener.store import connect
from listener.store.detections import upsert_alert
from listener.store.tx import write_tx

T0 = datetime(2026, 12, 3, 20, 0, tzinfo=UTC)


def test_alert_keeps_its_peak_score_when_resolved(tmp_path: Path) -> None:
    """Opened at 0.8, resolved on a quiet bin scoring 0: the alert still scores 0.8."""
    db = connect(tmp_path / "a.db")
    common = dict(key="acme:1", brand="Acme", test="count", severity="major",
                  opened_at=T0, observed=40.0, expected=6.0, p_value=1e-6,
                  summary="Acme: count spike", evidence={})
    with write_tx(db):
        alert_id, created = upsert_alert(db, state="open", score=0.8, updated_at=T0,
                                         resolved_at=None, **common)  # type: ignore[arg-type]
    with write_tx(db):
        again, created_again = upsert_alert(
            db, state="resolved", score=0.0, updated_at=T0 + timedelta(hours=2),
            resolved_at=T0 + timedelta(hours=2), **common)  # type: ignore[arg-type]
    assert created and not created_again and again == alert_id
    state, score = db.execute("SELECT state, score FROM alerts WHERE id = ?", [alert_id]).fetchone()
    assert (state, score) == ("resolved", 0.8)


def test_spike_mentions_in_a_campaign_are_counted_and_said(tmp_path: Path) -> None:
    """Which suspected campaigns hold a spike's mentions, and the headline note it makes."""
    from listener.detection.spike_explain import campaign_note
    from listener.store.detections import campaigns_among
    from tests.tui.storefix import build

    db = connect(build(tmp_path / "s.db"))  # campaign 1 against Colibri holds mentions 5, 6, 7
    overlap = campaigns_among(db, [1, 5, 6, 9])
    assert overlap == [{"id": 1, "target": "Colibri", "state": "open", "members": 2}]
    assert campaign_note(overlap, 4) == "; 2 of the 4 negative mentions are in suspected campaign c1"
    since = datetime(2026, 3, 2, 11, 15, tzinfo=UTC)
    assert campaign_note(overlap, 4, since) == (
        "; 2 of the 4 negative mentions since 11:15 UTC are in suspected campaign c1")
    assert campaigns_among(db, [1, 2, 3]) == [] and campaign_note([], 3) == ""
