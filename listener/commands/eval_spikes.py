"""``vigie eval spikes``: run the daemon's spike detector on count series and score it."""

from __future__ import annotations

import argparse
import json
import time
from datetime import datetime
from pathlib import Path

from listener.detection.spike_settings import SENSITIVITIES, SpikeSettings
from listener.errors import VigieError
from listener.evaluation.nab import PROFILES
from listener.evaluation.spikes import (
    NabRun,
    SeriesRow,
    detect_series,
    evaluate_nab_dir,
    infer_bin_minutes,
    read_series,
    write_scored,
)

DESCRIPTION = """\
Run the daemon's negative-spike detector, unchanged and in stream order, over
count series (CSV 'timestamp,value', one row per bin) and write or score its
decisions.

  vigie eval spikes SERIES.csv --output OUT.csv
      writes timestamp,value,anomaly_score,alarm: anomaly_score in [0, 1)
      (0.5 = at the alert threshold) and alarm = 1 where the detector opened or
      escalated an incident, at the chosen sensitivity (default: balanced).

  vigie eval spikes --nab DIR
      runs every *.csv in DIR and scores the alarms with the Numenta Anomaly
      Benchmark's rules against DIR/windows.json, or --windows FILE such as
      NAB's own labels/combined_windows.json (profiles standard,
      reward_low_FP_rate, reward_low_FN_rate; 0 = null detector, 100 = perfect).

The series' value is fed as the monitored (negative) count with no total, so
the share test is off; the bin width is read from the series."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``spikes`` to the ``vigie eval`` subcommands."""
    p = sub.add_parser(
        "spikes",
        help="run the spike detector on count series; score it with NAB's rules",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("series", nargs="?", type=Path, metavar="SERIES.csv",
                   help="one series to run (CSV with header 'timestamp,value')")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.csv",
                   help="where to write the scored series (required with SERIES.csv)")
    p.add_argument("--nab", type=Path, metavar="DIR",
                   help="score every *.csv of DIR against DIR/windows.json with NAB's rules")
    p.add_argument("--windows", type=Path, metavar="FILE",
                   help="with --nab: the labelled windows (default: DIR/windows.json, else "
                        "DIR/combined_windows.json); NAB's labels/combined_windows.json works "
                        "as it is (keys are matched by file name)")
    p.add_argument("--write-dir", type=Path, metavar="DIR",
                   help="with --nab: also write each scored series into DIR")
    p.add_argument("--sensitivity", choices=SENSITIVITIES, default="balanced",
                   help="detector preset (default: balanced, the daemon's default)")
    p.add_argument("--json", action="store_true",
                   help="with --nab: print the scores as JSON instead of a table")
    p.add_argument("--details", action="store_true",
                   help="with --nab: after the table, each series' labelled windows (found "
                        "when, for what credit, or missed) and false alarms (when)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if (args.series is None) == (args.nab is None):
        raise VigieError("give either SERIES.csv (with --output) or --nab DIR, not both")
    if args.windows is not None and args.nab is None:
        raise VigieError("--windows goes with --nab DIR")
    if args.details and args.nab is None:
        raise VigieError("--details goes with --nab DIR")
    if args.nab is not None:
        return _run_nab(args)
    if args.output is None:
        raise VigieError("SERIES.csv needs --output OUT.csv")
    rows = read_series(args.series)
    settings = SpikeSettings.preset(args.sensitivity, bin_minutes=infer_bin_minutes(rows))
    scored = detect_series(rows, settings, name=args.series.stem)
    write_scored(args.output, scored)
    alarms = sum(r.alarm for r in scored)
    print(f"{args.series}: {len(scored)} bins of {settings.bin_minutes:g} min, "
          f"{alarms} alarms -> {args.output}")
    return 0


def _run_nab(args: argparse.Namespace) -> int:
    if args.write_dir is not None:
        args.write_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    preset = None if args.sensitivity == "balanced" else args.sensitivity
    run = _evaluate(args.nab, preset, args.write_dir, args.windows)
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps(_as_json(run), indent=2))
    else:
        print(_as_table(run, elapsed))
        if args.details:
            print()
            print(_as_details(run))
    return 0


def _evaluate(directory: Path, preset: str | None, write_dir: Path | None,
              windows: Path | None) -> NabRun:
    if preset is None:
        return evaluate_nab_dir(directory, output_dir=write_dir, windows_path=windows)
    # Other presets: same detector, same per-series bin width.
    def settings_for(rows: list[SeriesRow]) -> SpikeSettings:
        return SpikeSettings.preset(preset, bin_minutes=infer_bin_minutes(rows))

    return evaluate_nab_dir(directory, output_dir=write_dir, settings_for=settings_for,
                            windows_path=windows)


def _as_json(run: NabRun) -> dict[str, object]:
    out: dict[str, object] = {}
    for profile, corpus in run.scores.items():
        out[profile] = {
            "score": round(corpus.normalised, 2),
            "raw": round(corpus.raw, 4),
            "files": {
                name: {"score": round(corpus.file_normalised(name), 2), "raw": round(f.raw, 4),
                       "windows": f.windows, "detected": f.detected,
                       "false_positives": f.false_positives, "alarms": run.alarms[name]}
                for name, f in corpus.files.items()
            },
        }
    return out


def _as_details(run: NabRun) -> str:
    """Where the standard profile's points come from, series by series."""
    lines = []
    for name, f in run.scores["standard"].files.items():
        times = run.times[name]

        def at(row: int, times: list[datetime] = times) -> str:
            return times[row].strftime("%Y-%m-%d %H:%M")

        lines.append(f"{name}: {f.detected} of {f.windows} windows found, "
                     f"{f.false_positives} false alarms")
        for (left, right), row, credit in f.found:
            span = f"  window {at(left)} -> {at(right)}: "
            lines.append(span + (f"found {at(row)} (credit {credit:.2f} of 1)"
                                 if row is not None else "missed"))
        if f.false_alarm_rows:
            lines.append("  false alarms: " + ", ".join(at(r) for r in f.false_alarm_rows))
    lines.append("(credit: NAB's scaled sigmoid of the alarm's place in its window, standard "
                 "profile; only each window's first alarm counts; NAB's probation period, the "
                 "first 15 % of a series but at most 750 rows, is not scored)")
    return "\n".join(lines)


def _as_table(run: NabRun, elapsed: float) -> str:
    names = list(PROFILES)
    lines = [f"{'series':<28} {'windows':>7} {'found':>5} {'FP':>4} "
             + " ".join(f"{n:>18}" for n in names)]
    first = run.scores[names[0]]
    for name, f in first.files.items():
        cells = " ".join(f"{run.scores[n].file_normalised(name):>18.1f}" for n in names)
        lines.append(f"{name:<28} {f.windows:>7} {f.detected:>5} {f.false_positives:>4} {cells}")
    windows = sum(f.windows for f in first.files.values())
    found = sum(f.detected for f in first.files.values())
    fps = sum(f.false_positives for f in first.files.values())
    cells = " ".join(f"{run.scores[n].normalised:>18.1f}" for n in names)
    lines.append(f"{'ALL (NAB-normalised)':<28} {windows:>7} {found:>5} {fps:>4} {cells}")
    lines.append(f"({sum(run.rows.values())} bins in {elapsed:.1f} s; per-series figures are "
                 "normalised per file, the ALL row over the corpus)")
    return "\n".join(lines)
