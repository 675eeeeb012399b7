"""Small pure helpers of the TUI's renderers: spike test names, one-line review snippets."""

from __future__ import annotations

import pytest

from tui.clean import one_line
from tui.render import evidence_value, incident_toast, short_tests


@pytest.mark.parametrize(("stored", "shown"), [
    ("count", "count"),
    ("count+count_1h", "count 15m/1h"),
    ("count_4h", "count 4h"),
    ("buildup", "buildup"),
    ("buildup+count_1h", "count 1h+buildup"),
    ("count+count_1h+count_4h+share", "count 15m/1h/4h+share"),
    (None, ""),
])
def test_spike_tests_are_shown_compactly(stored: str | None, shown: str) -> None:
    """The alert queue's test column names the count test's time scales once."""
    assert short_tests(stored) == shown


def test_short_times_read_day_first_in_french() -> None:
    """12-08 is the 8th of December in the English list, the 12th of August to a French
    reader: French lists put the day first."""
    from datetime import UTC

    from listener.i18n import translator
    from tui.render import short_time

    assert short_time("2026-12-08T01:36:00Z", UTC) == "12-08 01:36"
    assert short_time("2026-12-08T01:36:00Z", UTC, translator("fr")) == "08/12 01:36"


def test_spike_tests_in_french() -> None:
    """The French names of the tests, the time scales unchanged."""
    from listener.i18n import translator

    assert short_tests("buildup+count+count_1h+share", translator("fr")) == (
        "volume 15m/1h+montée+part")


@pytest.mark.parametrize(("text", "shown"), [
    ("Note : 1/5\nLivraison jamais arrivée.", "1/5 · Livraison jamais arrivée."),
    ("Rating: 3/5\n\nOk app", "3/5 · Ok app"),
    ("★★☆☆☆\nBof", "2/5 · Bof"),
    ("Note : 1/5", "Note : 1/5"),  # nothing after the rating: keep it
    ("Great app, 5/5 would buy\nmore", "Great app, 5/5 would buy"),
])
def test_review_lines_skip_a_rating_only_first_line(text: str, shown: str) -> None:
    """A review opening with "Note : 1/5" is listed by what it says, the rating in front."""
    assert one_line(text, 60) == shown


def test_markup_around_a_rating_is_text_not_a_rating() -> None:
    """Rich markup in a hostile first line stays literal text; it is not read as a bare rating."""
    assert one_line("[bold]Note : 1/5[/bold]\nnext", 60) == "[bold]Note : 1/5[/bold]"


def test_campaign_evidence_reads_as_words_not_a_python_dict() -> None:
    """Nested evidence ("figures") is shown as "name value" pairs, never as a dict repr."""
    figures = {"accounts": 38, "log_likelihood_ratio": 112.607, "mean_rating": 1.2,
               "span_hours": 7.0, "texts": ["a", "b"]}
    assert evidence_value(figures) == ("accounts 38 · log likelihood ratio 112.607 · "
                                       "mean rating 1.2 · span hours 7 · texts a, b")
    assert evidence_value("negative") == "negative"


def test_a_resolved_spike_says_when_it_opened_and_ended(tmp_path) -> None:
    """An open spike is "open since"; a resolved one "resolved · opened …, ended …"."""
    from datetime import timedelta

    from rich.console import Console

    from listener.store import connect, utc_iso
    from listener.store.incidents import alert_detail as load_alert
    from tests.tui.storefix import NOW, build
    from tui.render import alert_detail

    path = build(tmp_path / "v.db")

    def shown() -> str:
        db = connect(path)
        detail = load_alert(db, 1, now=NOW)
        assert detail is not None
        console = Console(width=200, record=True)
        console.print(alert_detail(detail, utc_iso(NOW)))
        return next(line for line in console.export_text().splitlines()
                    if line.startswith("detector"))

    assert "since" in shown() and "ended" not in shown()
    db = connect(path)
    db.execute("UPDATE alerts SET state = 'resolved', resolved_at = ? WHERE id = 1",
               [utc_iso(NOW - timedelta(minutes=5))])
    db.conn.commit()
    line = shown()
    assert "resolved · opened" in line and ", ended" in line and "since" not in line


@pytest.mark.parametrize("short_copies", [False, True])
def test_a_campaign_resting_on_timing_alone_is_marked_in_the_list_and_the_detail(
        tmp_path, short_copies: bool) -> None:
    """A campaign whose reasons end with the detector's caution (either: no copies,
    or copies of short texts only) gets a hollow yellow mark in the list and its
    caution in yellow in the detail; the fixture's campaign, with copies, keeps the
    solid mark."""
    import json

    from rich.console import Console

    from listener.detection.campaign_reasons import CAUTION, short_copies_caution
    from listener.store import connect, utc_iso
    from listener.store.incidents import QueueFilter, queue_page
    from listener.store.incidents import campaign_detail as load_campaign
    from tests.tui.storefix import NOW, build, insert_campaign
    from tui.render import campaign_detail, field_widths, row_line

    path = build(tmp_path / "v.db")
    db = connect(path)
    insert_campaign(db, 2, "Bleuet Mobile", [8, 9])
    db.execute("UPDATE campaigns SET reasons = ? WHERE id = 2",
               [json.dumps(["12 reviews in 6 h from 12 accounts",
                            short_copies_caution(30) if short_copies else CAUTION])])
    db.conn.commit()
    rows = {r.ref.id: r for r in queue_page(db, "campaigns", QueueFilter(), now=NOW)}
    widths = field_widths(140)
    plain = row_line(rows[1], selected=False, now_iso=utc_iso(NOW), widths=widths)
    careful = row_line(rows[2], selected=False, now_iso=utc_iso(NOW), widths=widths)
    assert "◆" in plain.plain and "◇" not in plain.plain
    assert "◇" in careful.plain
    assert any(span.style == "yellow" for span in careful.spans)

    detail = load_campaign(db, 2, now=NOW)
    assert detail is not None
    console = Console(width=400, record=True, color_system="truecolor")
    console.print(campaign_detail(detail, utc_iso(NOW)))
    line = next(ln for ln in console.export_text(styles=True).splitlines() if "caution:" in ln)
    assert "\x1b[33m" in line  # yellow

    # A campaign stored with the caution's earlier wording is still marked.
    db.execute("UPDATE campaigns SET reasons = ? WHERE id = 2",
               [json.dumps(["12 reviews in 6 h", "caution: no copied texts and no accounts "
                            "acting together elsewhere; a genuine crowd (after an incident, "
                            "press coverage) can look like this, so read the reviews before "
                            "acting"])])
    db.conn.commit()
    rows = {r.ref.id: r for r in queue_page(db, "campaigns", QueueFilter(), now=NOW)}
    assert rows[2].extra["caution"] is True
    assert "◇" in row_line(rows[2], selected=False, now_iso=utc_iso(NOW), widths=widths).plain


def test_campaign_members_on_weak_evidence_are_marked(tmp_path) -> None:
    """Members flagged for arriving with the others (own likelihood ratio under 3) carry
    'weak' in the member list, and the heading gives their number over all members (the
    detector's figure), so the reason 'check them before acting' says which ones."""
    from datetime import timedelta

    from rich.console import Console

    from listener.store import connect, utc_iso
    from listener.store.detections import upsert_campaign
    from listener.store.incidents import campaign_detail as load_campaign
    from listener.store.tx import write_tx
    from tests.tui.storefix import NOW, build
    from tui.render import campaign_detail

    db = connect(build(tmp_path / "v.db"))
    with write_tx(db):
        cid, _ = upsert_campaign(
            db, key="k-weak", target="Colibri", state="open", score=0.9,
            first_at=NOW - timedelta(hours=3), last_at=NOW - timedelta(hours=1),
            updated_at=NOW, reasons=["3 reviews in 2 h"],
            evidence={"figures": {"members": 3, "weak_members": 1}},
            members=[(5, 0.95, 40.0), (6, 0.80, 1.5), (7, 0.70, None)])
    detail = load_campaign(db, cid, now=NOW)
    assert detail is not None
    assert detail.weak_ids == {6}
    console = Console(width=300, record=True)
    console.print(campaign_detail(detail, utc_iso(NOW)))
    lines = console.export_text().splitlines()
    assert any("members (3; 1 weak: little evidence of their own" in ln for ln in lines)
    member_lines = [ln for ln in lines if any(f" m{k} " in ln for k in (5, 6, 7))]
    weak = [ln for ln in member_lines if " weak " in ln]
    assert len(member_lines) == 3 and len(weak) == 1 and " m6 " in weak[0]


def test_campaign_members_with_the_same_shown_score_are_listed_newest_first(tmp_path) -> None:
    """Scores of 0.991 and 0.994 both read 0.99: among them the newest member comes
    first, not an order the reader cannot see."""
    from datetime import timedelta

    from listener.store import connect
    from listener.store.detections import upsert_campaign
    from listener.store.incidents import campaign_detail as load_campaign
    from listener.store.tx import write_tx
    from tests.tui.storefix import NOW, build

    db = connect(build(tmp_path / "v.db"))
    ids = [5, 6, 7, 8]
    published = dict(db.execute(
        f"SELECT id, published_at FROM mentions WHERE id IN ({','.join('?' * len(ids))})",
        ids).fetchall())
    with write_tx(db):
        cid, _ = upsert_campaign(
            db, key="k-order", target="Colibri", state="open", score=0.9,
            first_at=NOW - timedelta(hours=3), last_at=NOW - timedelta(hours=1),
            updated_at=NOW, reasons=["4 reviews in 2 h"], evidence={},
            members=[(5, 0.994, 40.0), (6, 0.991, 40.0), (7, 0.993, 40.0), (8, 0.5, 2.0)])
    detail = load_campaign(db, cid, now=NOW)
    assert detail is not None
    listed = [r.ref.id for r in detail.members]
    top = sorted((5, 6, 7), key=lambda i: (published[i], i), reverse=True)
    assert listed[:3] == top and listed[3] == 8


def test_a_spike_whose_authors_wrote_once_each_says_so(tmp_path) -> None:
    """No "top authors: A (1), B (1)...": when nobody wrote twice, the detail says how
    many people wrote, each once (the explanation's ``authors`` figure)."""
    import json

    from rich.console import Console

    from listener.store import connect, utc_iso
    from listener.store.incidents import alert_detail as load_alert
    from tests.tui.storefix import NOW, build
    from tui.render import alert_detail

    path = build(tmp_path / "v.db")
    db = connect(path)
    evidence = json.loads(db.execute("SELECT evidence FROM alerts WHERE id = 1").fetchone()[0])
    evidence.pop("top_authors", None)
    evidence["authors"] = 35
    db.execute("UPDATE alerts SET evidence = ? WHERE id = 1", [json.dumps(evidence)])
    db.conn.commit()
    detail = load_alert(db, 1, now=NOW)
    assert detail is not None
    console = Console(width=200, record=True)
    console.print(alert_detail(detail, utc_iso(NOW)))
    text = console.export_text()
    assert "35, none with more than one mention" in text and "top authors" not in text


def test_incident_toast_says_brand_and_severity_once() -> None:
    """A spike's summary starts with its brand and holds its severity; a
    campaign's reasons do not."""
    spike = "Acme: count spike over 1 h (minor), 6 negative mentions vs 0.05 expected"
    assert incident_toast("Acme", spike, "minor") == spike
    assert incident_toast("Acme", "14 reviews in 6 h from 13 new accounts", None) == (
        "Acme: 14 reviews in 6 h from 13 new accounts")
    assert incident_toast("Acme", "9 negative mentions", "high") == (
        "Acme: 9 negative mentions (high)")


def test_an_80_column_list_gives_source_and_author_room_to_the_text() -> None:
    """Under 79 cells the list drops source and author (the detail keeps them);
    header and rows stay aligned and exactly as wide as the list."""
    from listener.store.incidents import QueueRow
    from listener.store.triage import ItemRef, TriageState
    from tui.render import field_widths, header_line, row_line

    compact, narrow = field_widths(78), field_widths(90)
    assert compact["source"] == compact["author"] == 0 and compact["text"] >= 40  # was 25
    assert narrow["source"] and narrow["author"]
    header = header_line(compact).plain
    assert "source" not in header and "author" not in header and "text" in header
    row = QueueRow(ref=ItemRef("mention", 5), at="2026-12-01T10:00:00Z", brand="Acme",
                   source="a-feed-name", author="someone_long", label="negative",
                   title="", text="The app crashes on start", url=None,
                   state=TriageState(), order=(1,))
    line = row_line(row, selected=False, now_iso="2026-12-01T11:00:00Z", widths=compact).plain
    assert "a-feed" not in line and "someone" not in line and "The app crashes on start" in line
    assert len(line) == len(header) == 78 - 3


def test_a_spike_shows_its_size_in_days_of_usual_complaints(tmp_path) -> None:
    """The incident's excess and the brand's usual day (stored since stop 36) make a
    "size" row; an alert stored before has none, rather than a made-up figure."""
    import json

    from rich.console import Console

    from listener.i18n import translator
    from listener.store import connect, utc_iso
    from listener.store.incidents import alert_detail as load_alert
    from tests.tui.storefix import NOW, build
    from tui.render import alert_detail

    path = build(tmp_path / "v.db")
    db = connect(path)

    def shown(lang: str = "en") -> list[str]:
        detail = load_alert(db, 1, now=NOW)
        assert detail is not None
        console = Console(width=200, record=True)
        console.print(alert_detail(detail, utc_iso(NOW), tr=translator(lang)))
        return console.export_text().splitlines()

    assert not any(line.startswith(("size", "ampleur")) for line in shown())
    evidence = json.loads(db.execute("SELECT evidence FROM alerts WHERE id = 1").fetchone()[0])
    evidence.setdefault("incident", {}).update(excess=88.3, usual_per_day=8.72, size_days=10.1)
    db.execute("UPDATE alerts SET evidence = ? WHERE id = 1", [json.dumps(evidence)])
    db.conn.commit()
    (line,) = [line for line in shown() if line.startswith("size")]
    assert "+88 in all · 10.1 days of usual negative mentions (8.7 a day)" in line
    (line,) = [line for line in shown("fr") if line.startswith("ampleur")]
    assert "+88 en tout · 10,1 jours de mentions négatives habituelles (8,7 par jour)" in line
