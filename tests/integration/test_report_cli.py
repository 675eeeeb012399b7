"""``vigie report`` on a real store file: the figures, the incidents, the response, safe text."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from listener.cli import main
from listener.store import connect, utc_iso
from listener.store.triage import ItemRef, apply_action
from listener.store.tx import write_tx
from tests.tui.storefix import NOW, build, insert_mention

UNTIL = utc_iso(NOW)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """The TUI tests' fixed store, plus two mentions the week before and some triage."""
    path = build(tmp_path / "t.db")
    db = connect(path)
    with write_tx(db):
        for i, label in ((101, "negative"), (102, "positive")):
            insert_mention(db, i, 24 * 9, 1, "old", ["Bleuet Mobile"], label, 0.0, None, "fr",
                           "Avant", "Bleuet Mobile la semaine d'avant.")
    # Mention 1 (published 30 h before NOW) resolved 6 h after it was published.
    apply_action(db, [ItemRef("mention", 1)], "resolve", who="ana",
                 now=NOW - timedelta(hours=24))
    apply_action(db, [ItemRef("alert", 1)], "resolve", who="ana", now=NOW)
    db.conn.close()
    return path


def report(store: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["report", "--db", str(store), "--until", UNTIL, *args]) == 0
    return capsys.readouterr().out


def test_report_per_brand(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = report(store, capsys)
    assert out.startswith("# Vigie report, 2026-11-13 12:00 to 2026-11-20 12:00 UTC\n")
    bleuet = out.split("## Bleuet Mobile\n")[1].split("## Colibri\n")[0]
    assert "- **Mentions:** 8 (+300% on the period before (2))" in bleuet
    assert "- **Negative:** 6, 75% of mentions (the period before: 50%); positive: 1" in bleuet
    assert "- **Top sources:** Le Fil (4), Avis Clients (2), Forum Tech (2)" in bleuet
    assert ("- **Response:** 1 of 6 negative mentions answered (resolved, ignored or "
            "escalated), 5 still waiting; median 6.0 h from publication to the first action"
            in bleuet)
    assert "### Spikes (1)\n- 2026-11-20 11:10, high, resolved: Bleuet Mobile: count spike (major), 9 negative" in bleuet
    assert "No suspected campaign." in bleuet
    # The widest reach and most negative first: bob's 100,000 followers.
    samples = bleuet.split("### Most negative, widest reach\n")[1].splitlines()
    assert samples[0].startswith("- 2026-11-20 11:00 bob on Avis Clients, reach 100,000 (-0.90")
    colibri = out.split("## Colibri\n")[1]
    assert "### Suspected campaigns (1)\n- 2026-11-20 06:00, new: 3 reviews in 2 h from 3 accounts" in colibri


def test_report_text_is_inert(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Mentions are anyone's: no terminal escape, no live Markdown link or heading."""
    out = report(store, capsys, "--brand", "Bleuet Mobile")
    assert "## Colibri" not in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "[link=" not in out or "\\[link=" in out
    assert all(not line.startswith("#") or line.startswith(("# Vigie", "## ", "### "))
               for line in out.splitlines())


def test_report_period_and_output(store: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "week.md"
    assert main(["report", "--db", str(store), "--until", UNTIL, "--days", "1",
                 "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Vigie report, 2026-11-19 12:00 to 2026-11-20 12:00 UTC")
    assert "2 brands written to" in capsys.readouterr().err
    assert main(["report", "--db", str(store), "--since", "2020-01-01",
                 "--until", "2020-01-02"]) == 0
    assert "No mention was stored in this period." in capsys.readouterr().out
    assert main(["report", "--db", str(store), "--since", "2026-12-01",
                 "--until", "2026-11-01"]) == 2
    assert "the period is empty" in capsys.readouterr().err
    assert main(["report", "--db", str(store), "--since", "last week"]) == 2
    assert "--since 'last week': expected an ISO date" in capsys.readouterr().err


def test_report_in_french_for_a_french_speaking_client(store: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang fr``: headings, figures (decimal commas, no-break spaces before % and :),
    triage words, and the spike's and campaign's explanations from their stored messages."""
    text = report(store, capsys, "--lang", "fr")
    assert text.startswith("# Rapport Vigie, du 2026-11-13 12:00 au 2026-11-20 12:00 UTC")
    bleuet = text.split("\n## Bleuet Mobile")[1].split("\n## ")[0]
    assert "- **Mentions\u00a0:** 8 (+300\u00a0% par rapport à la période précédente (2))" in bleuet
    assert ("### Pics (1)\n- 2026-11-20 11:10, élevée, résolu\u00a0: Bleuet Mobile : pic de "
            "volume (majeur), 9 mentions négatives contre 1,2 attendues") in bleuet
    assert "negative mentions" not in text
    colibri = text.split("\n## Colibri")[1]
    assert "### Campagnes suspectes (1)\n- 2026-11-20 06:00, nouveau\u00a0: 3 avis en 2 h" in colibri
    assert "délai médian de 6,0 h" in bleuet
    # English stays the default without a configuration (the test environment's locale is C).
    assert "# Vigie report," in report(store, capsys)
