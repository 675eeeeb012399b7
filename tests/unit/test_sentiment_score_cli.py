"""``vigie score`` scores JSON lines with the daemon's analyser."""

from __future__ import annotations

import io
import json

import pytest

from listener.analysis.sentiment import SentimentAnalyser
from listener.cli import main

LINES = [
    {"id": 1, "text": "Service client injoignable, quelle arnaque !"},
    {"id": "b", "text": "Great product, fast shipping, would buy again!"},
    {"id": 3, "text": "Der Kundenservice ist leider nie erreichbar, sehr schlecht."},
    {"id": 4, "text": "nul", "lang": "fr"},
]


def _records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_scores_a_file(tmp_path, capsys) -> None:
    """Each input line gives one output line with the analyser's own result."""
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in LINES) + "\n\n", encoding="utf-8")
    assert main(["score", str(path)]) == 0
    records = _records(capsys.readouterr().out)
    analyser = SentimentAnalyser()
    assert [r["id"] for r in records] == [1, "b", 3, 4]
    for line, record in zip(LINES, records, strict=True):
        expected = analyser.analyse(line["text"], line.get("lang"))
        assert record == {"id": line["id"], "lang": expected.lang,
                          "compound": expected.compound, "label": expected.label}
    assert [r["label"] for r in records] == ["negative", "positive", "neutral", "negative"]


def test_reads_stdin_and_applies_thresholds(monkeypatch, capsys) -> None:
    """Without FILE (or with "-") stdin is read; thresholds change labels."""
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(LINES[1]) + "\n"))
    assert main(["score", "-", "--positive-threshold", "0.99"]) == 0
    assert _records(capsys.readouterr().out)[0]["label"] == "neutral"
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(LINES[1]) + "\n"))
    assert main(["score"]) == 0
    assert _records(capsys.readouterr().out)[0]["label"] == "positive"


def test_malformed_lines_are_reported_and_skipped(tmp_path, capsys) -> None:
    """Bad lines are named by number on stderr; the rest is scored; status 1."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "great"}\nnot json\n[1, 2]\n{"id": 4}\n'
                    '{"id": 5, "text": 7}\n{"id": 6, "text": "awful"}\n', encoding="utf-8")
    assert main(["score", str(path)]) == 1
    captured = capsys.readouterr()
    assert [r["id"] for r in _records(captured.out)] == [1, 6]
    for number in (2, 3, 4, 5):
        assert f"line {number}:" in captured.err
    assert "4 malformed line(s) skipped" in captured.err


def test_strict_stops_at_first_bad_line(tmp_path, capsys) -> None:
    """``--strict`` exits 2 with the file and line number."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "great"}\n{"id": 2\n', encoding="utf-8")
    assert main(["score", "--strict", str(path)]) == 2
    assert f"{path}: line 2: not valid JSON" in capsys.readouterr().err


def test_missing_file_and_bad_thresholds(tmp_path, capsys) -> None:
    """User errors exit 2 with a message naming the problem."""
    assert main(["score", str(tmp_path / "absent.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["score", "--negative-threshold", "0.5", "--positive-threshold", "0.1",
                 str(tmp_path / "absent.jsonl")]) == 2
    assert "threshold" in capsys.readouterr().err


def test_help_documents_every_option(capsys) -> None:
    """``vigie score --help`` describes input, output, errors and options."""
    with pytest.raises(SystemExit) as exc:
        main(["score", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for needle in ("FILE", "stdin", "--negative-threshold", "--positive-threshold", "--strict",
                   "Malformed lines", '"lang"', "--text"):
        assert needle in out


def test_texts_on_the_command_line(tmp_path, capsys) -> None:
    """``--text`` scores what is typed, with the daemon's analyser; a plain-text
    line on stdin is pointed to it."""
    assert main(["score", "--text", "Great app, love it", "--text", "Colis jamais reçu"]) == 0
    records = _records(capsys.readouterr().out)
    analyser = SentimentAnalyser()
    for number, (record, text) in enumerate(
            zip(records, ["Great app, love it", "Colis jamais reçu"], strict=True), 1):
        expected = analyser.analyse(text)
        assert record == {"id": number, "text": text, "lang": expected.lang,
                          "compound": expected.compound, "label": expected.label}
    assert main(["score", str(tmp_path / "x.jsonl"), "--text", "a"]) == 2
    assert "not both" in capsys.readouterr().err
    path = tmp_path / "plain.txt"
    path.write_text("Great app\n", encoding="utf-8")
    assert main(["score", str(path)]) == 1
    assert "vigie score --text TEXT" in capsys.readouterr().err
