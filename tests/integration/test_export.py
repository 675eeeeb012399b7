"""``vigie export``: mentions with sentiment and triage state, as CSV or JSON lines, in batches."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from listener.cli import main
from listener.store import connect
from listener.store.reads import EXPORT_FIELDS, export_mentions
from listener.store.triage import ItemRef, apply_action
from tests.tui import storefix


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """The TUI test store (12 mentions, one campaign), with mention 2 triaged."""
    path = storefix.build(tmp_path / "vigie.db")
    db = connect(path)
    ref = ItemRef("mention", 2)
    apply_action(db, [ref], "assign", who="ana", now=storefix.NOW, assignee="ana")
    apply_action(db, [ref], "tag", who="ana", now=storefix.NOW, add=["panne", "vip"])
    apply_action(db, [ref], "resolve", who="ana", now=storefix.NOW)
    db.conn.close()
    return path


def test_batches_cover_every_mention_once_in_time_order(store: Path) -> None:
    """Any batch size gives the same rows: each mention once, oldest first (keyset paging)."""
    db = connect(store, readonly=True)
    whole = list(export_mentions(db, batch=1000))
    assert len(whole) == len(storefix.MENTIONS)
    for batch in (1, 2, 5):
        assert list(export_mentions(db, batch=batch)) == whole
    times = [r["published_at"] for r in whole]
    assert times == sorted(times)
    # Brand filter, with a page boundary inside it; a mention of two brands shows both.
    bleuet = list(export_mentions(db, brand="Bleuet Mobile", batch=2))
    assert [r["id"] for r in bleuet] == [m[0] for m in storefix.MENTIONS if "Bleuet Mobile" in m[4]]
    assert bleuet[-1]["brands"] == ["Bleuet Mobile", "Colibri"]


def test_jsonl_carries_sentiment_triage_and_campaigns(store: Path, capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    """Each JSON line has the mention's label and score, its triage state and its campaign."""
    assert main(["export", "--db", str(store), "--brand", "Colibri", "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [3, 5, 6, 7, 12]
    five = rows[1]
    assert five["label"] == "negative" and five["compound"] == pytest.approx(-0.55)
    assert five["campaigns"] == [1] and five["triage_status"] == "new"
    assert "5 mentions" in err
    assert main(["export", "--db", str(store), "--brand", "Bleuet Mobile"]) == 0
    two = next(json.loads(line) for line in capsys.readouterr().out.splitlines()
               if json.loads(line)["id"] == 2)
    assert two["triage_status"] == "resolved" and two["assignee"] == "ana"
    assert two["tags"] == ["panne", "vip"] and two["source"] == "Avis Clients"


def test_csv_to_file_with_since_window(store: Path, tmp_path: Path) -> None:
    """CSV has the documented header; --since/--until keep the window [since, until)."""
    out = tmp_path / "out.csv"
    since = "2026-11-20T06:00:00Z"  # storefix.NOW - 6 h
    until = "2026-11-20T11:00:00Z"  # storefix.NOW - 1 h
    assert main(["export", "--db", str(store), "--since", since, "--until", until,
                 "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0].keys()) == EXPORT_FIELDS
    assert [int(r["id"]) for r in rows] == [5, 6, 7, 8, 9, 10]
    assert rows[0]["campaigns"] == "1" and rows[0]["label"] == "negative"
    assert not (tmp_path / "out.csv.part").exists()


def test_csv_keeps_formula_like_texts_as_text(store: Path, tmp_path: Path) -> None:
    """A mention written "=HYPERLINK(...)" is opened in a spreadsheet as text, not run.

    Its title, text and author cells start with a ' (OWASP's CSV-injection
    advice); numbers stay numbers, and the JSON lines keep the text as stored.
    """
    db = connect(store)
    with db.conn:
        storefix.insert_mention(
            db, 99, 2, 1, "@attacker", ["Colibri"], "negative", -0.6, None, "en",
            "=HYPERLINK(\"https://evil.example\",\"Colibri refund\")",
            "+cmd|' /C calc'!A0 and -2 stars\tfor you")
    db.conn.close()
    out = tmp_path / "out.csv"
    assert main(["export", "--db", str(store), "--format", "csv", "-o", str(out)]) == 0
    row = next(r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
               if r["id"] == "99")
    assert row["title"] == "'=HYPERLINK(\"https://evil.example\",\"Colibri refund\")"
    assert row["text"].startswith("'+cmd|")
    assert row["author"] == "'@attacker"
    assert row["compound"] == "-0.6" and row["brands"] == "Colibri"
    jsonl = tmp_path / "out.jsonl"
    assert main(["export", "--db", str(store), "-o", str(jsonl)]) == 0
    line = next(json.loads(x) for x in jsonl.read_text(encoding="utf-8").splitlines()
                if json.loads(x)["id"] == 99)
    assert line["title"].startswith("=HYPERLINK") and line["author"] == "@attacker"


def test_user_errors_name_the_problem(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown brand lists the known ones; a bad --since says which forms are accepted."""
    assert main(["export", "--db", str(store), "--brand", "Nope"]) == 2
    assert "Bleuet Mobile" in capsys.readouterr().err
    assert main(["export", "--db", str(store), "--since", "yesterday"]) == 2
    assert "7d" in capsys.readouterr().err
    assert main(["export", "--db", str(store), "--since", "2026"]) == 2
