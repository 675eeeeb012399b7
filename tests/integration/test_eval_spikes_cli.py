"""``vigie eval spikes`` end to end: series in, scored series out, NAB scores."""

from __future__ import annotations

import csv
import json
import math
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from listener.cli import main

NAB_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "nab-realtweets"
T0 = datetime(2015, 3, 2, 0, 2, 53)


def write_series(path: Path, days: int, spikes: dict[int, int], seed: int = 0) -> list[str]:
    """A 5-minute count series with a daily cycle and spikes at given rows; returns stamps."""
    rng = np.random.default_rng(seed)
    stamps = []
    with path.open("w", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["timestamp", "value"])
        for i in range(days * 288):
            t = T0 + timedelta(minutes=5 * i)
            mu = 20 * (1 + 0.7 * math.sin((t.hour - 9) / 24 * 2 * math.pi))
            value = spikes.get(i, int(rng.poisson(rng.gamma(10, mu / 10))))
            stamp = t.strftime("%Y-%m-%d %H:%M:%S")
            stamps.append(stamp)
            w.writerow([stamp, value])
    return stamps


def test_series_to_scored_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every input row comes out with a score in [0, 1) and a 0/1 alarm; the spike alarms."""
    series = tmp_path / "brand.csv"
    out = tmp_path / "out.csv"
    spike_row = 20 * 288 + 150
    write_series(series, 21, {spike_row: 400})
    assert main(["eval", "spikes", str(series), "--output", str(out)]) == 0
    assert "bins of 5 min" in capsys.readouterr().out
    with out.open() as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["timestamp", "value", "anomaly_score", "alarm"]
    assert len(rows) == 21 * 288
    assert all(0.0 <= float(r["anomaly_score"]) < 1.0 for r in rows)
    assert {r["alarm"] for r in rows} <= {"0", "1"}
    assert rows[spike_row]["alarm"] == "1"
    assert float(rows[spike_row]["anomaly_score"]) >= 0.5
    assert sum(r["alarm"] == "1" for r in rows) <= 6


def test_same_series_same_output(tmp_path: Path) -> None:
    """The detector is deterministic: two runs write identical files."""
    series = tmp_path / "brand.csv"
    write_series(series, 5, {1000: 300})
    for name in ("a.csv", "b.csv"):
        assert main(["eval", "spikes", str(series), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_malformed_series_is_a_clear_error(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A bad value names the file and the line, exit status 2."""
    series = tmp_path / "bad.csv"
    series.write_text("timestamp,value\n2015-03-02 00:00:00,3\n2015-03-02 00:05:00,lots\n")
    assert main(["eval", "spikes", str(series), "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert f"{series}:3:" in err and "'lots'" in err


@pytest.mark.parametrize("value", ["nan", "inf", "", "-1", "2.5"])
def test_a_missing_or_impossible_count_is_a_clear_error(
        value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Spreadsheet exports write NaN or nothing for missing bins: a clear error on its
    line, never a traceback."""
    series = tmp_path / "bad.csv"
    series.write_text(f"timestamp,value\n2015-03-02 00:00:00,3\n2015-03-02 00:05:00,{value}\n")
    assert main(["eval", "spikes", str(series), "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert f"{series}:3: value {value!r}" in err and "Traceback" not in err


def test_a_byte_order_mark_is_not_part_of_the_header(tmp_path: Path) -> None:
    """Spreadsheet exports start with a BOM; the series reads the same without it."""
    plain = tmp_path / "plain.csv"
    write_series(plain, 3, {})
    marked = tmp_path / "marked.csv"
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    for series in (plain, marked):
        assert main(["eval", "spikes", str(series), "-o", str(tmp_path / f"o-{series.name}")]) == 0
    assert (tmp_path / "o-plain.csv").read_bytes() == (tmp_path / "o-marked.csv").read_bytes()


def test_series_and_nab_are_exclusive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exactly one of SERIES.csv and --nab."""
    assert main(["eval", "spikes"]) == 2
    assert "either SERIES.csv" in capsys.readouterr().err
    assert main(["eval", "spikes", str(tmp_path / "x.csv")]) == 2
    assert "--output" in capsys.readouterr().err


def test_nab_directory_is_scored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two synthetic series with labelled windows around their spikes score high."""
    windows = {}
    for name, row, seed in (("a.csv", 10 * 288, 1), ("b.csv", 12 * 288 + 100, 2)):
        stamps = write_series(tmp_path / name, 18, {row: 500, row + 1: 300}, seed=seed)
        windows[name] = [[stamps[row - 150] + ".000000", stamps[row + 150] + ".000000"]]
    (tmp_path / "windows.json").write_text(json.dumps(windows))
    assert main(["eval", "spikes", "--nab", str(tmp_path), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert set(scores) == {"standard", "reward_low_FP_rate", "reward_low_FN_rate"}
    for name in ("a.csv", "b.csv"):
        assert scores["standard"]["files"][name]["detected"] == 1
    assert scores["standard"]["score"] > 40
    # --details says where each window was found (the spike's own row here).
    assert main(["eval", "spikes", "--nab", str(tmp_path), "--details"]) == 0
    out = capsys.readouterr().out
    assert "a.csv: 1 of 1 windows found" in out
    spike_a = datetime.strptime(windows["a.csv"][0][0][:19], "%Y-%m-%d %H:%M:%S")
    spike_a += timedelta(minutes=5 * 150)
    assert f"found {spike_a:%Y-%m-%d %H:%M} (credit " in out


def test_nab_windows_file_elsewhere_with_nab_keys(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """--windows takes NAB's own labels file, whose keys carry the category folder;
    DIR/combined_windows.json is found without it; the same scores either way."""
    data = tmp_path / "realTweets"
    data.mkdir()
    row = 10 * 288
    stamps = write_series(data / "a.csv", 14, {row: 500, row + 1: 300}, seed=1)
    labels = {"realTweets/a.csv": [[stamps[row - 150] + ".000000",
                                    stamps[row + 150] + ".000000"]],
              "realKnownCause/other.csv": []}
    (tmp_path / "combined_windows.json").write_text(json.dumps(labels))
    assert main(["eval", "spikes", "--nab", str(data), "--windows",
                 str(tmp_path / "combined_windows.json"), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["standard"]["files"]["a.csv"]["detected"] == 1
    (data / "combined_windows.json").write_text(json.dumps(labels))
    assert main(["eval", "spikes", "--nab", str(data), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert main(["eval", "spikes", str(data / "a.csv"), "--windows", "x.json"]) == 2
    assert "--windows goes with --nab" in capsys.readouterr().err


def test_nab_directory_without_windows_file(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """--nab needs DIR/windows.json and says so."""
    write_series(tmp_path / "a.csv", 1, {})
    assert main(["eval", "spikes", "--nab", str(tmp_path)]) == 2
    assert "windows.json" in capsys.readouterr().err


@pytest.mark.slow
def test_nab_realtweets_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """On NAB's six realTweets series, at the default (balanced) sensitivity.

    These are the figures the detector reaches, recorded in
    docs/evaluation-spikes.md; they are below the issue's targets (80 / 70 / 85).
    """
    if not (NAB_DIR / "windows.json").is_file():
        pytest.skip(f"NAB realTweets data not found at {NAB_DIR} (../shared/datasets/"
                    "nab-realtweets); this test needs it")
    assert main(["eval", "spikes", "--nab", str(NAB_DIR), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["standard"]["score"] >= 67.0
    assert scores["reward_low_FP_rate"]["score"] >= 58.5
    assert scores["reward_low_FN_rate"]["score"] >= 71.5


@pytest.mark.slow
def test_nab_figures_do_not_hinge_on_the_volume(tmp_path: Path) -> None:
    """The six series thinned to 30 % / 60 % or tripled score within 7.5 points of the originals.

    A default fitted to the volume of the data it was developed on scores well
    only there (the three-scale count test: 64.9 on the originals, 55.3 at
    30 %, 9.6 below); unseen series have other volumes. docs/evaluation-spikes.md,
    "Robustness to volume". (6 points until stop 27: the empirical floor of
    the calibration raised every copy but one, and the originals most, 65.8 ->
    67.6, with the tripled copy 60.4 -> 61.0. 7 points until stop 36: escalations
    by the incident's size, which are alarms, added one to three false alarms
    per copy, the tripled copy 61.0 -> 60.4 and the originals unchanged; the
    three-scale default's 9.6 still fails.)
    """
    from listener.evaluation.spikes import evaluate_nab_dir, rescale_dir

    if not (NAB_DIR / "windows.json").is_file():
        pytest.skip(f"NAB realTweets data not found at {NAB_DIR} (../shared/datasets/"
                    "nab-realtweets); this test needs it")
    original = evaluate_nab_dir(NAB_DIR).scores["standard"].normalised
    for factor in (0.3, 0.6, 3.0):
        rescale_dir(NAB_DIR, tmp_path / f"x{factor:g}", factor, seed=1)
        score = evaluate_nab_dir(tmp_path / f"x{factor:g}").scores["standard"].normalised
        assert score >= original - 7.5, (factor, score, original)
