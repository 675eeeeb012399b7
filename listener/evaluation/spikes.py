"""``vigie eval spikes``: run the daemon's spike detector over count series.

A series is a CSV ``timestamp,value`` of counts per bin (NAB's format). The
bin width is read from the series (median step between rows), the detector is
:class:`~listener.detection.spikes.SpikeDetector` with the ``balanced`` preset
at that width, in count-only mode: ``value`` is fed as the monitored count and
no total is given, so the share test is off and the count and build-up tests
decide. Rows are processed in file order, one at a time, as the daemon does.

Output columns: ``anomaly_score`` is the strongest test's surprise relative to
its alert threshold, mapped to [0, 1) (0.5 = at the threshold), and ``alarm``
is 1 on the rows where the detector *opened* or *escalated* an incident: its
own decision, not a threshold on the score.
"""

from __future__ import annotations

import csv
import json
import math
import random
import shutil
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from listener.detection.spike_settings import SpikeSettings
from listener.detection.spikes import BinCounts, SpikeDetector
from listener.errors import EvaluationError
from listener.evaluation.nab import CorpusScore, score_corpus, window_indices

__all__ = [
    "SeriesRow",
    "ScoredRow",
    "read_series",
    "infer_bin_minutes",
    "detect_series",
    "write_scored",
    "rescale_dir",
    "read_windows",
    "NabRun",
    "evaluate_nab_dir",
]


@dataclass(frozen=True, slots=True)
class SeriesRow:
    """One input row: bin start and count."""

    timestamp: datetime
    raw_timestamp: str
    value: int


@dataclass(frozen=True, slots=True)
class ScoredRow:
    """One output row."""

    raw_timestamp: str
    value: int
    anomaly_score: float
    alarm: bool


def _parse_time(text: str) -> datetime:
    stamp = datetime.fromisoformat(text.strip())
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def read_series(path: Path) -> list[SeriesRow]:
    """Read a ``timestamp,value`` CSV; raise :class:`EvaluationError` naming file and line."""
    try:
        # utf-8-sig: a BOM is not part of the header; a stray byte fails as a bad cell.
        handle = path.open(newline="", encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read the series: {exc.strerror}") from exc
    rows: list[SeriesRow] = []
    with handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or [h.strip().lower() for h in header[:2]] != ["timestamp", "value"]:
            raise EvaluationError(
                f"{path}:1: the header must be 'timestamp,value', got {header!r}"
            )
        for line_no, record in enumerate(reader, start=2):
            if not record or not any(cell.strip() for cell in record):
                continue
            if len(record) < 2:
                raise EvaluationError(f"{path}:{line_no}: expected 'timestamp,value'")
            try:
                stamp = _parse_time(record[0])
            except ValueError as exc:
                raise EvaluationError(
                    f"{path}:{line_no}: timestamp {record[0]!r} is not ISO 8601 "
                    "(use 'YYYY-MM-DD HH:MM:SS')"
                ) from exc
            try:
                number = float(record[1])
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                raise EvaluationError(
                    f"{path}:{line_no}: value {record[1]!r} is not a count; write 0 for a "
                    "bin without mentions (or leave the bin out: a gap is tolerated)"
                )
            if number < 0 or number != int(number):
                raise EvaluationError(
                    f"{path}:{line_no}: value {record[1]!r} must be a non-negative whole count"
                )
            if rows and stamp <= rows[-1].timestamp:
                raise EvaluationError(
                    f"{path}:{line_no}: timestamps must increase ({record[0]!r} is not "
                    f"after {rows[-1].raw_timestamp!r})"
                )
            rows.append(SeriesRow(stamp, record[0].strip(), int(number)))
    if len(rows) < 2:
        raise EvaluationError(f"{path}: the series needs at least two rows")
    return rows


def infer_bin_minutes(rows: Sequence[SeriesRow]) -> float:
    """Median step between rows, in minutes; must divide an hour."""
    steps = [(b.timestamp - a.timestamp).total_seconds() for a, b in zip(rows, rows[1:], strict=False)]
    seconds = statistics.median(steps)
    if seconds < 60 or seconds > 3600 or 3600 % round(seconds) != 0:
        raise EvaluationError(
            f"the series' step is {seconds:g} s; the detector needs bins that divide an hour "
            "(1 to 60 minutes)"
        )
    return round(seconds) / 60.0


def detect_series(rows: Sequence[SeriesRow], settings: SpikeSettings | None = None,
                  name: str = "series") -> list[ScoredRow]:
    """Run the detector (count-only mode) over ``rows`` in order; one output row per input."""
    if settings is None:
        settings = SpikeSettings.preset("balanced", bin_minutes=infer_bin_minutes(rows))
    detector = SpikeDetector(name, settings, share_test=False)
    out = []
    for row in rows:
        verdict, events = detector.step(BinCounts(row.timestamp, row.value))
        alarm = any(e.is_alarm for e in events)
        out.append(ScoredRow(row.raw_timestamp, row.value, round(verdict.anomaly_score, 6), alarm))
    return out


def write_scored(path: Path, rows: Sequence[ScoredRow]) -> None:
    """Write ``timestamp,value,anomaly_score,alarm``."""
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["timestamp", "value", "anomaly_score", "alarm"])
            for r in rows:
                writer.writerow([r.raw_timestamp, r.value, f"{r.anomaly_score:.6f}", int(r.alarm)])
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot write the output: {exc.strerror}") from exc


def read_windows(path: Path) -> dict[str, list[tuple[datetime, datetime]]]:
    """Read NAB's ``windows.json`` (``{file: [[start, end], ...]}``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise EvaluationError(
            f"{path}: cannot read the windows file ({exc.strerror}); --nab DIR needs "
            "DIR/windows.json (or NAB's combined_windows.json there), or --windows FILE"
        ) from exc
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise EvaluationError(f"{path}: expected an object mapping file names to windows")
    out = {}
    for name, windows in data.items():
        try:
            out[Path(name).name] = [(_parse_time(a), _parse_time(b)) for a, b in windows]
        except (TypeError, ValueError) as exc:
            raise EvaluationError(
                f"{path}: key {name!r}: each window must be [start, end] timestamps"
            ) from exc
    return out


@dataclass(slots=True)
class NabRun:
    """Result of ``--nab``: scores per profile and the alarms per file."""

    scores: dict[str, CorpusScore]
    alarms: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    #: Each file's row times, to name the rows of its windows and alarms.
    times: dict[str, list[datetime]] = field(default_factory=dict)


def windows_file(directory: Path) -> Path:
    """The windows file of a series directory: ``windows.json``, else NAB's ``combined_windows.json``."""
    for name in ("windows.json", "combined_windows.json"):
        if (directory / name).is_file():
            return directory / name
    return directory / "windows.json"  # missing: read_windows says so


def evaluate_nab_dir(
    directory: Path,
    settings: SpikeSettings | None = None,
    output_dir: Path | None = None,
    settings_for: Callable[[list[SeriesRow]], SpikeSettings] | None = None,
    windows_path: Path | None = None,
) -> NabRun:
    """Run every ``*.csv`` of ``directory`` and score the alarms with NAB's rules.

    ``settings`` (or ``settings_for(rows)``, per series) default to the
    balanced preset at each series' own bin width; ``output_dir``, if given,
    receives each scored series under the same name. ``windows_path``
    defaults to :func:`windows_file`; its keys are matched by file name, so
    NAB's own ``labels/combined_windows.json`` (keys like
    ``realTweets/Twitter_volume_AMZN.csv``) works as it is.
    """
    if not directory.is_dir():
        raise EvaluationError(f"{directory}: not a directory")
    windows_path = windows_path or windows_file(directory)
    windows = read_windows(windows_path)
    paths = sorted(directory.glob("*.csv"))
    if not paths:
        raise EvaluationError(f"{directory}: no *.csv series found")
    files = {}
    run = NabRun(scores={})
    for path in paths:
        if path.name not in windows:
            raise EvaluationError(
                f"{windows_path}: no entry for {path.name}; add "
                f'"{path.name}": [] if it has no anomaly'
            )
        rows = read_series(path)
        chosen = settings_for(rows) if settings_for is not None else settings
        scored = detect_series(rows, chosen, name=path.stem)
        if output_dir is not None:
            write_scored(output_dir / path.name, scored)
        alarms = [r.alarm for r in scored]
        times = run.times[path.name] = [r.timestamp for r in rows]
        files[path.name] = (alarms, window_indices(times, windows[path.name]))
        run.alarms[path.name] = sum(alarms)
        run.rows[path.name] = len(rows)
    run.scores = score_corpus(files)
    return run


def rescale_dir(source: Path, target: Path, factor: float, seed: int = 1) -> None:
    """Copy ``source``'s series (and ``windows.json``) into ``target`` at another volume.

    Each count is thinned (every mention kept with probability ``factor`` < 1)
    or grown (``factor x v`` plus Poisson-like noise of variance
    ``(factor - 1) v``), so bursts, cycles and labelled windows stay where they
    are while the volume changes, as it does from one brand to the next: a
    check that a detector's figures do not depend on the volume it was
    developed on (``bench/spike_volume.py``).
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "windows.json", target / "windows.json")
    rng = random.Random(seed)
    for path in sorted(source.glob("*.csv")):
        with path.open(newline="") as src, (target / path.name).open("w", newline="") as dst:
            reader, writer = csv.reader(src), csv.writer(dst)
            writer.writerow(next(reader))
            for stamp, value in reader:
                v = int(value)
                if factor == 1.0:
                    new = v
                elif factor < 1.0:
                    new = sum(1 for _ in range(v) if rng.random() < factor)
                else:
                    new = max(0, round(v * factor + rng.gauss(0.0, ((factor - 1.0) * v) ** 0.5)))
                writer.writerow([stamp, new])
