"""`vigie simulate reviews` then `vigie eval campaigns`, end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listener.cli import main
from listener.errors import EvaluationError


def test_simulate_then_evaluate_then_rescore(tmp_path: Path, capsys) -> None:
    """The eval command writes one prediction per input line and prints the scores."""
    sim_dir = tmp_path / "sim"
    assert main(["simulate", "reviews", "--seed", "5", "--size", "small",
                 "--out", str(sim_dir)]) == 0
    reviews = (sim_dir / "reviews.jsonl").read_text().splitlines()
    assert len(reviews) > 500
    assert json.loads((sim_dir / "params.json").read_text())["seed"] == 5

    out = tmp_path / "out.jsonl"
    camps = tmp_path / "campaigns.jsonl"
    capsys.readouterr()
    assert main(["eval", "campaigns", str(sim_dir / "reviews.jsonl"), "--output", str(out),
                 "--score", str(sim_dir / "truth.jsonl"), "--campaigns", str(camps)]) == 0
    printed = capsys.readouterr().out
    assert "average precision" in printed and "campaigns caught" in printed
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [p["id"] for p in lines] == [json.loads(r)["id"] for r in reviews]
    assert all(set(p) == {"id", "suspicious", "score", "campaign", "flagged_at"} for p in lines)
    assert all(0.0 <= p["score"] <= 1.0 for p in lines)
    assert all(p["suspicious"] == (p["flagged_at"] is not None) for p in lines)
    assert any(p["suspicious"] for p in lines)
    records = [json.loads(line) for line in camps.read_text().splitlines()]
    assert records and all(r["reasons"] for r in records)

    assert main(["eval", "campaigns", "--predictions", str(out),
                 "--score", str(sim_dir / "truth.jsonl"), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert 0.0 <= scores["average_precision"] <= 1.0
    assert scores["campaigns"] >= 3

    # --details: one line per planted campaign and benign event, agreeing with the totals.
    assert main(["eval", "campaigns", "--predictions", str(out),
                 "--score", str(sim_dir / "truth.jsonl"), "--details"]) == 0
    printed = capsys.readouterr().out
    outcomes = [o for o in scores["outcomes"] if o["event"] == "campaign"]
    assert len(outcomes) == scores["campaigns"]
    assert sum(o["caught"] for o in outcomes) == scores["caught"]
    for o in outcomes:
        verdict = "caught" if o["caught"] else "missed"
        assert f"  {o['id']} ({o['kind']}, {o['members']} reviews from {o['first']}): " \
               f"{verdict}, {o['flagged']} flagged" in printed
    truth = [json.loads(line) for line in (sim_dir / "truth.jsonl").read_text().splitlines()]
    first = outcomes[0]
    assert first["members"] == sum(t["campaign"] == first["id"] for t in truth)


def test_baseline_and_bad_input(tmp_path: Path, capsys) -> None:
    """A baseline runs on the same input; a malformed line is reported with file and line."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "target": "t", "author": "x", "text": "hi", '
                   '"published_at": "2026-01-01T00:00:00Z", "rating": 4}\n'
                   '{"id": "b", "target": "t", "author": "y", "text": "hi"}\n')
    assert main(["eval", "campaigns", str(bad), "--output", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:2" in err and "published_at" in err

    good = tmp_path / "good.jsonl"
    good.write_text(bad.read_text().splitlines()[0] + "\n")
    assert main(["eval", "campaigns", str(good), "--output", str(tmp_path / "o.jsonl"),
                 "--baseline", "rule"]) == 0
    assert main(["eval", "campaigns", str(good)]) == 2
    assert "--output" in capsys.readouterr().err


@pytest.mark.parametrize(("line", "says"), [
    ('"id": "a", "target": null', "target must be a non-empty string or number, got null"),
    ('"id": "", "target": "t"', 'id must be a non-empty string or number, got ""'),
    ('"id": "a", "target": "t", "rating": NaN', "rating must be 1-5 or null, got nan"),
    ('"id": "a", "target": "t", "rating": 4, "published_at": NaN', "not a usable POSIX time"),
])
def test_impossible_values_are_clear_errors(line: str, says: str, tmp_path: Path,
                                            capsys) -> None:
    """A null target (it would become the target "None"), an empty id, NaN: each named."""
    obj = '{"author": "x", "text": "hi", "published_at": "2026-01-01T00:00:00Z", ' + line + "}"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(obj + "\n")
    assert main(["eval", "campaigns", str(bad), "--output", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:1" in err and says in err


@pytest.mark.parametrize("argv", [["simulate", "reviews", "--seed", "-1", "--out", "x"],
                                  ["eval", "campaigns", "--seeds", "1,-2"],
                                  ["eval", "campaigns", "--seeds", "3-1"]])
def test_a_negative_or_empty_seed_range_is_a_clear_error(argv: list[str], capsys) -> None:
    """Seeds are whole numbers from 0 (numpy refuses negative ones): an error, not a traceback."""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own usage error
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert "negative" in err or "holds no seed" in err


def test_an_input_out_of_time_order_is_scored_with_a_warning(tmp_path: Path, capsys) -> None:
    """Lines earlier than a line above them are counted and named; in order, no warning."""
    def line(i: str, at: str) -> str:
        return json.dumps({"id": i, "target": "t", "author": i, "text": "fine", "rating": 4,
                           "published_at": at}) + "\n"

    ordered = tmp_path / "ordered.jsonl"
    ordered.write_text(line("a", "2026-01-01T00:00:00Z") + line("b", "2026-01-01T00:00:00Z")
                       + line("c", "2026-01-01T03:00:00Z"))
    assert main(["eval", "campaigns", str(ordered), "--output", str(tmp_path / "o.jsonl")]) == 0
    assert "warning" not in capsys.readouterr().err

    shuffled = tmp_path / "shuffled.jsonl"
    shuffled.write_text(line("a", "2026-01-01T05:00:00Z") + line("b", "2026-01-01T02:30:00Z")
                        + line("c", "2026-01-01T06:00:00Z") + line("d", "2026-01-01T01:00:00Z"))
    assert main(["eval", "campaigns", str(shuffled), "--output", str(tmp_path / "o.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "shuffled.jsonl: 2 of 4 lines" in err and "first: id 'b'" in err
    assert "up to 5.0 h earlier" in err and "published_at" in err
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 4


def test_seeds_mode_prints_one_line_per_seed(capsys) -> None:
    """--seeds simulates, runs and scores each seed and prints a mean line."""
    assert main(["eval", "campaigns", "--seeds", "3,4", "--size", "small"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("seed    3") and out[1].startswith("seed    4")
    assert out[2].startswith("mean")


def test_output_ids_keep_the_inputs_json_type(tmp_path: Path) -> None:
    """A numeric id comes back as the same number, so a scorer can join on it as it is."""
    lines = [{"id": 17, "target": "t", "author": "a", "text": "fine", "rating": 4,
              "published_at": "2026-01-01T00:00:00Z"},
             {"id": "r2", "target": "t", "author": "b", "text": "fine too", "rating": 5,
              "published_at": "2026-01-01T01:00:00Z"}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "out.jsonl"
    assert main(["eval", "campaigns", str(src), "--output", str(out)]) == 0
    assert [json.loads(row)["id"] for row in out.read_text().splitlines()] == [17, "r2"]


def test_a_mention_without_rating_is_given_its_sentiment_label() -> None:
    """As in the daemon, the text of an unrated mention is scored for its polarity."""
    from listener.evaluation.campaigns import review_from_dict

    base = {"id": "m1", "target": "Voltia", "author": "a",
            "published_at": "2026-01-01T00:00:00Z"}
    mention = review_from_dict({**base, "text": "The app doesn't work, can't log in"}, "x:1")
    review = review_from_dict({**base, "text": "The app doesn't work", "rating": 1}, "x:2")
    assert mention.rating is None and mention.polarity == "negative"
    assert review.rating == 1 and review.polarity is None
    # The target's own name is masked, as the pipeline masks a brand's name:
    # "Best" alone would make this complaint positive.
    shop = review_from_dict({**base, "target": "Best Buy",
                             "text": "My Best Buy order never arrived"}, "x:3")
    assert shop.polarity == "negative"


def test_a_bom_epoch_times_and_a_repeated_id_are_handled(tmp_path: Path, capsys) -> None:
    """Exports from other tools: a byte-order mark, POSIX times (s or ms), a repeated id."""
    rows = [{"id": "a", "target": "t", "author": "x", "text": "fine", "rating": 4,
             "published_at": 1767225600},            # 2026-01-01T00:00:00Z in seconds
            {"id": "b", "target": "t", "author": "y", "text": "good", "rating": 5,
             "published_at": 1767229200000},         # 01:00 in milliseconds
            {"id": "a", "target": "t", "author": "z", "text": "again", "rating": 1,
             "published_at": "2026-01-01T02:00:00Z"}]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + "".join(json.dumps(r) + "\n" for r in rows).encode())
    out = tmp_path / "out.jsonl"
    assert main(["eval", "campaigns", str(src), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 lines repeat an id" in err and "line 3" in err and "'a'" in err
    assert [json.loads(row)["id"] for row in out.read_text().splitlines()] == ["a", "b"]

    from listener.evaluation.campaigns import read_reviews
    items = read_reviews(src, repeated=[])
    assert [i.published_at.isoformat() for i in items] == ["2026-01-01T00:00:00+00:00",
                                                           "2026-01-01T01:00:00+00:00"]
    with pytest.raises(EvaluationError, match="duplicate id 'a'"):
        read_reviews(src)


def test_a_repeated_line_is_skipped_before_it_is_scored(tmp_path: Path, monkeypatch) -> None:
    """A line repeating an id is neither validated nor given a sentiment score."""
    import listener.evaluation.campaigns as evaluation

    scored: list[str] = []
    real = evaluation._sentiment()

    class Counting:
        def analyse_mention(self, title, text, names):  # noqa: ANN001, ANN201
            scored.append(text)
            return real.analyse_mention(title, text, names)

    monkeypatch.setattr(evaluation, "_sentiment", lambda: Counting())
    rows = [{"id": 1, "target": "t", "author": "x", "text": "first mention",
             "published_at": " 2026-01-01T00:00:00Z "},
            {"id": 1, "target": "t", "author": "y", "text": "repeated mention",
             "published_at": "not a time"}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    repeated: list[tuple[int, str]] = []
    items = evaluation.read_reviews(src, repeated=repeated)
    assert [i.published_at.isoformat() for i in items] == ["2026-01-01T00:00:00+00:00"]
    assert repeated == [(2, "1")]
    assert scored == ["first mention"]


def test_long_runs_report_progress_on_stderr(tmp_path: Path, capsys, monkeypatch) -> None:
    """With the progress interval at zero every thousandth line and review is reported."""
    import listener.commands.eval_campaigns as command

    monkeypatch.setattr(command, "PROGRESS_EVERY", 0.0)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "target": "t", "author": f"u{i}",
                                       "text": "fine", "rating": 4,
                                       "published_at": 1767225600 + 60 * i}) + "\n"
                           for i in range(2500)))
    assert main(["eval", "campaigns", str(src), "--output", str(tmp_path / "o.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "reading" in err and "2,000 lines" in err
    assert "detector: 1,000 of 2,500 reviews (40 %)" in err and "left" in err


def test_real_sentences_through_both_commands(tmp_path: Path, capsys) -> None:
    """--texts writes the simulated stream with real sentences; eval needs --seeds with it."""
    yelp = str(Path(__file__).resolve().parents[1] / "data" / "sentiment" / "en_yelp_heldout.tsv")
    out = tmp_path / "sim"
    assert main(["simulate", "reviews", "--seed", "5", "--size", "small", "--out", str(out),
                 "--texts", yelp]) == 0
    assert json.loads((out / "params.json").read_text())["texts"] == ["en_yelp_heldout.tsv"]
    assert main(["eval", "campaigns", "--seeds", "5", "--size", "small", "--texts", yelp]) == 0
    assert capsys.readouterr().out.startswith("seed    5")
    assert main(["eval", "campaigns", "--texts", yelp]) == 2
    assert "give --seeds with it" in capsys.readouterr().err
