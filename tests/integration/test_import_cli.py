"""``vigie import``: past mentions from a CSV or JSON-lines file, through the brand rules,
the sentiment analysers and the store, as polled ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listener.cli import main
from listener.config import parse_config
from listener.daemon import Daemon
from listener.store import connect
from listener.store.triage import ItemRef, get_states

HISTORY = (
    "Date;Author;Mention Content;URL;Followers\n"
    "2026-12-01T08:00:00Z;lea;<p>Panne chez <b>Bleuet Mobile</b> ce matin, c'est nul.</p>;"
    "https://ex.org/1?utm_source=x;120\n"
    "2026-12-01 09:30;marc;Bleuet Mobile : super service, merci !;https://ex.org/2;\n"
    "01/12/2026;bob;Bleuet Mobile again;https://ex.org/3;\n"
    "2026-12-02T10:00:00+01:00;anne;Rien à voir avec une marque;https://ex.org/4;\n"
    "2026-12-02T12:00:00Z;zoe;Colibri a perdu mon colis, quelle arnaque;https://ex.org/6;5\n")


def _config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "vigie.toml"
    path.write_text(
        f'[storage]\npath = "{tmp_path / "v.db"}"\n'
        "[[brands]]\nname = 'Bleuet Mobile'\nqueries = ['\"Bleuet Mobile\" OR bleuetmobile']\n"
        f"{extra}[[brands]]\nname = 'Colibri'\n", encoding="utf-8")
    return path


def _rows(tmp_path: Path) -> list[dict[str, object]]:
    db = connect(tmp_path / "v.db", readonly=True)
    try:
        rows = db.execute(
            "SELECT m.id, m.text, m.author, m.url, m.reach, m.label, m.published_at,"
            " group_concat(b.brand), s.name FROM mentions m"
            " JOIN mention_brands b ON b.mention_id = m.id JOIN sources s ON s.id = m.source_id"
            " GROUP BY m.id ORDER BY m.id").fetchall()
        keys = ("id", "text", "author", "url", "reach", "label", "published_at", "brands",
                "source")
        return [dict(zip(keys, r, strict=True)) for r in rows]
    finally:
        db.conn.close()


def test_history_is_stored_like_polled_mentions_once_and_resolved(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Brands matched by the queries, HTML stripped, link cleaned, sentiment scored; a
    bad date is reported with its line and skipped; importing again stores nothing
    twice; the imported mentions are resolved by 'vigie import', out of the queues."""
    cfg = _config(tmp_path)
    history = tmp_path / "history.csv"
    history.write_text(HISTORY, encoding="utf-8")
    assert main(["-c", str(cfg), "import", str(history)]) == 0
    out = capsys.readouterr().out
    assert f"{history}: 5 records" in out and "stored 3 new mentions" in out
    assert "1 about none of the configured brands" in out
    assert "1 unreadable records, left out:" in out
    assert f"{history}:4: published_at: '01/12/2026' is not a date" in out
    rows = _rows(tmp_path)
    assert [(r["author"], r["brands"], r["label"]) for r in rows] == [
        ("lea", "Bleuet Mobile", "negative"), ("marc", "Bleuet Mobile", "positive"),
        ("zoe", "Colibri", "negative")]
    assert rows[0]["text"] == "Panne chez Bleuet Mobile ce matin, c'est nul."
    assert rows[0]["url"] == "https://ex.org/1" and rows[0]["reach"] == 120
    assert rows[1]["published_at"] == "2026-12-01T09:30:00Z"
    assert {r["source"] for r in rows} == {"import: history.csv"}
    db = connect(tmp_path / "v.db", readonly=True)
    states = get_states(db, [ItemRef("mention", int(str(r["id"]))) for r in rows])
    assert {(s.status, s.updated_by) for s in states.values()} == {("resolved", "vigie import")}
    db.conn.close()

    assert main(["-c", str(cfg), "import", str(history)]) == 0
    out = capsys.readouterr().out
    assert "stored 0 new mentions" in out and "3 already stored" in out
    assert len(_rows(tmp_path)) == 3


def test_dry_run_brand_and_as_new(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--dry-run stores nothing; --brand takes every record as the brand's (named or not)
    and a later re-check of the brand rules keeps them; --as-new leaves them to triage."""
    cfg = _config(tmp_path)
    reviews = tmp_path / "avis.jsonl"
    reviews.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"created_at": "2026-12-03T10:00:00Z", "username": "a1", "rating": 1,
         "review": "Application inutilisable depuis la mise à jour."},
        {"created_at": "2026-12-03T11:00:00Z", "username": "a2", "rating": 5,
         "review": "Parfait, rien à redire."}]), encoding="utf-8")
    assert main(["-c", str(cfg), "import", str(reviews), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would store 0 new mentions" in out and "2 about none of the configured" in out
    assert not (tmp_path / "v.db").exists() or _rows(tmp_path) == []
    assert main(["-c", str(cfg), "import", str(reviews), "--brand", "Bleuet Mobile",
                 "--dry-run"]) == 0
    assert "would store 2 new mentions" in capsys.readouterr().out
    assert _rows(tmp_path) == []
    assert main(["-c", str(cfg), "import", str(reviews), "--brand", "Bleuet Mobile",
                 "--as-new"]) == 0
    assert "left in the triage queues (--as-new)" in capsys.readouterr().out
    rows = _rows(tmp_path)
    assert [(r["author"], r["brands"], r["label"]) for r in rows] == [
        ("a1", "Bleuet Mobile", "negative"), ("a2", "Bleuet Mobile", "positive")]
    db = connect(tmp_path / "v.db", readonly=True)
    assert {s.status for s in get_states(db, [ItemRef("mention", 1)]).values()} == {"new"}
    db.conn.close()

    # The brand rules change (an excluded author): the start-up re-check of the stored
    # mentions asks about the imported ones what the import asked, and keeps them.
    changed = _config(tmp_path, extra="exclude_authors = ['bleuetmobile']\n")
    async def start() -> None:
        async with Daemon(parse_config(changed.read_text(encoding="utf-8"), path=changed),
                          workers=1) as d:
            assert d.rematched is not None
    import asyncio
    asyncio.run(start())
    assert [r["author"] for r in _rows(tmp_path)] == ["a1", "a2"]


def test_import_errors_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Unknown brand, a file that is not UTF-8, a file of unreadable records (status 2),
    missing columns; progress lines on stderr during a long import."""
    cfg = _config(tmp_path)
    good = tmp_path / "h.csv"
    good.write_text(HISTORY, encoding="utf-8")
    assert main(["-c", str(cfg), "import", str(good), "--brand", "Bleu"]) == 2
    assert "--brand 'Bleu': not a configured brand (configured: Bleuet Mobile, Colibri)" in \
        capsys.readouterr().err
    latin = tmp_path / "latin.csv"
    latin.write_bytes("date,text\n2026-12-01,Bleuet Mobile très lent\n".encode("latin-1"))
    assert main(["-c", str(cfg), "import", str(latin)]) == 2
    assert "not utf-8-sig text" in capsys.readouterr().err  # says: --encoding cp1252
    assert main(["-c", str(cfg), "import", str(latin), "--encoding", "latin-1"]) == 0
    assert "stored 1 new mentions" in capsys.readouterr().out
    assert "Bleuet Mobile très lent" in [r["text"] for r in _rows(tmp_path)]
    assert main(["-c", str(cfg), "import", str(latin), "--encoding", "klingon"]) == 2
    assert "not an encoding Python knows" in capsys.readouterr().err
    junk = tmp_path / "junk.csv"
    junk.write_text("date,text\nhier,Bleuet Mobile\nsoon,Colibri\n", encoding="utf-8")
    assert main(["-c", str(cfg), "import", str(junk)]) == 2
    assert "2 unreadable records" in capsys.readouterr().out
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"date": "2026-12-01", "text": "Bleuet Mobile est en panne"}\n'
                      '{"date": \n', encoding="utf-8")
    assert main(["-c", str(cfg), "import", str(broken)]) == 0  # the good line is stored
    out = capsys.readouterr().out
    assert "stored 1 new mentions" in out and f"{broken}:2: not a JSON object" in out
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("when,what\n2026-12-01,Bleuet\n", encoding="utf-8")
    assert main(["-c", str(cfg), "import", str(nocol)]) == 2
    assert "no column for published_at and text" in capsys.readouterr().err
    assert main(["-c", str(cfg), "import", str(tmp_path / "absent.csv")]) == 2
    assert "cannot read it" in capsys.readouterr().err

    import listener.commands.importing as importing
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 0.0)
    monkeypatch.setattr(importing, "BATCH", 2)
    assert main(["-c", str(cfg), "import", str(good)]) == 0
    err = capsys.readouterr().err
    assert "import: 1 records read" in err and "import: 5 records read (100%)" in err


def test_a_full_disk_stops_the_import_with_what_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The store refuses a write (disk full): the command says which database, why, what to
    do and how many mentions were stored before; no traceback."""
    import sqlite3

    import listener.commands.importing as importing

    cfg = _config(tmp_path)
    good = tmp_path / "h.csv"
    good.write_text(HISTORY, encoding="utf-8")
    calls = []

    def full(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) > 1:
            raise sqlite3.OperationalError("database or disk is full")
        return real(*args, **kwargs)

    real = importing.ingest_items
    monkeypatch.setattr(importing, "ingest_items", full)
    monkeypatch.setattr(importing, "BATCH", 2)
    assert main(["-c", str(cfg), "import", str(good)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'v.db'}: cannot write the database (database or disk is full)" in err
    assert "free disk space" in err and "2 mentions were stored before" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_vigie_export_imports_into_another_store(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """`vigie export` of one store (CSV with its formula guard, or JSON lines) imports into
    another: every mention that names a configured brand comes back with its text, author
    and time; hostile texts (markup, terminal escapes, a 100 kB text) are read like any."""
    from tests.tui import storefix

    source = storefix.build(tmp_path / "old.db")
    exported = tmp_path / f"all.{fmt}"
    assert main(["export", "--db", str(source), "--format", fmt, "-o", str(exported)]) == 0
    capsys.readouterr()
    cfg = _config(tmp_path)
    assert main(["-c", str(cfg), "import", str(exported)]) == 0
    out = capsys.readouterr().out
    assert f"{exported}: {len(storefix.MENTIONS)} records" in out and "unreadable" not in out
    rows = _rows(tmp_path)
    old = connect(source, readonly=True)
    before = {r[1]: (r[0], r[2]) for r in old.execute(
        "SELECT author, published_at, text FROM mentions").fetchall()}
    old.conn.close()
    assert rows and all(r["published_at"] in before for r in rows)
    for r in rows:
        author, text = before[str(r["published_at"])]
        if author in ("lea", "marc", "sam", "bob"):  # bob's is 100 kB: cut as a feed's is
            assert (r["author"], r["text"]) == (author, text[:100_000])
        else:  # cleaned as a polled item is: no bidi override in a name
            assert r["author"] == author.replace("\u202e", "")
    named = [m for m in storefix.MENTIONS if "Bleuet Mobile" in m[10] or "Colibri" in m[10]]
    assert len(rows) == len(named)


def test_records_older_than_the_retention_are_left_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With [storage] keep_days, what retention would delete at once is not imported."""
    from datetime import UTC, datetime, timedelta

    cfg = tmp_path / "vigie.toml"
    cfg.write_text(f'[storage]\npath = "{tmp_path / "v.db"}"\nkeep_days = 30\n'
                   "[[brands]]\nname = 'Colibri'\n", encoding="utf-8")
    old = datetime.now(UTC) - timedelta(days=40)
    recent = datetime.now(UTC) - timedelta(days=2)
    history = tmp_path / "h.csv"
    history.write_text(f"date,text\n{old:%Y-%m-%dT%H:%M:%SZ},Colibri en retard\n"
                       f"{recent:%Y-%m-%dT%H:%M:%SZ},Colibri encore en retard\n",
                       encoding="utf-8")
    assert main(["-c", str(cfg), "import", str(history)]) == 0
    out = capsys.readouterr().out
    assert "stored 1 new mentions" in out
    assert "1 published more than [storage] keep_days (30) ago: left out" in out
    assert [r["text"] for r in _rows(tmp_path)] == ["Colibri encore en retard"]
