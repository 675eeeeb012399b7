"""Scoring alarms with the rules of the Numenta Anomaly Benchmark (NAB).

Written from NAB's published description (README, Lavin & Ahmad 2015,
"Evaluating Real-time Anomaly Detection Algorithms") and checked against the
behaviour of its scorer:

- the first ``min(floor(0.15 n), 0.15 x 5000)`` rows of a file are
  probationary: alarms there are ignored, and window rows there are not scored;
- each labelled window rewards only its first alarm, by the scaled sigmoid of
  the alarm's position: ``position = -(right - i + 1) / width``, score
  ``tpWeight x sigma(position) / sigma(-1)`` with
  ``sigma(y) = 2 / (1 + exp(5 y)) - 1`` (so an alarm on the window's first row
  earns exactly ``tpWeight``, one on its last row almost nothing);
- a window without alarm costs ``fnWeight``;
- an alarm outside every window is a false positive worth
  ``fpWeight x sigma(d)`` with ``d = (i - right) / (width - 1)`` measured from
  the end of the preceding window (``sigma(d) = -1`` from ``d >= 3``, and for
  alarms before the first window): an alarm just after a window costs almost
  nothing, one far from any window costs ``fpWeight``;
- profiles ``standard`` (tp 1, fp 0.11, fn 1), ``reward_low_FP_rate``
  (fp 0.22) and ``reward_low_FN_rate`` (fn 2);
- the corpus score is normalised over the sum of the files' raw scores:
  ``100 x (raw - null) / (perfect - null)`` where the null detector (no alarm)
  scores ``-fnWeight`` per window and the perfect one ``tpWeight`` per window.

One deliberate difference: NAB's ``perfect`` counts every labelled window,
this counts the windows that have at least one scored (post-probation) row,
the same windows the null baseline counts. On the realTweets data every
window lies after the probation, so the figures agree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "CostMatrix",
    "PROFILES",
    "scaled_sigmoid",
    "probation_length",
    "window_indices",
    "FileScore",
    "score_file",
    "CorpusScore",
    "score_corpus",
]


@dataclass(frozen=True, slots=True)
class CostMatrix:
    """Weights of one NAB application profile."""

    tp: float
    fp: float
    fn: float


PROFILES: dict[str, CostMatrix] = {
    "standard": CostMatrix(tp=1.0, fp=0.11, fn=1.0),
    "reward_low_FP_rate": CostMatrix(tp=1.0, fp=0.22, fn=1.0),
    "reward_low_FN_rate": CostMatrix(tp=1.0, fp=0.11, fn=2.0),
}


def scaled_sigmoid(position: float) -> float:
    """NAB's scaled sigmoid: 0.987 at -1 (window start), 0 at 0, -1 from 3 on."""
    if position >= 3.0:
        return -1.0
    return 2.0 / (1.0 + math.exp(5.0 * position)) - 1.0


_MAX_TP = scaled_sigmoid(-1.0)


def probation_length(n_rows: int, percent: float = 0.15) -> int:
    """Rows at the start of a file that are not scored: ``min(floor(p n), p 5000)``."""
    return int(min(math.floor(percent * n_rows), percent * 5000))


def window_indices(
    timestamps: Sequence[datetime], windows: Sequence[tuple[datetime, datetime]]
) -> list[tuple[int, int]]:
    """Map ``(start, end)`` times to inclusive row ranges; windows with no row are dropped."""
    out = []
    n = len(timestamps)
    for start, end in sorted(windows):
        left = next((i for i in range(n) if timestamps[i] >= start), None)
        if left is None:
            continue
        right = left
        while right + 1 < n and timestamps[right + 1] <= end:
            right += 1
        if timestamps[left] <= end:
            out.append((left, right))
    return out


@dataclass(slots=True)
class FileScore:
    """Raw NAB score of one file under one profile, with its counts."""

    raw: float = 0.0
    windows: int = 0
    detected: int = 0
    false_positives: int = 0
    tp_score: float = 0.0
    fp_score: float = 0.0
    fn_score: float = 0.0
    #: Scored windows (rows, in time order) with the row of the alarm that
    #: counted in each (None: missed) and the credit it earned (0 if missed).
    found: list[tuple[tuple[int, int], int | None, float]] = field(default_factory=list)
    #: Rows of the alarms outside every window (after the probation period).
    false_alarm_rows: list[int] = field(default_factory=list)

    @property
    def missed(self) -> int:
        """Windows without any alarm."""
        return self.windows - self.detected


def score_file(
    alarms: Sequence[bool],
    windows: Sequence[tuple[int, int]],
    cost: CostMatrix,
    probation: int | None = None,
) -> FileScore:
    """Score one file's binary ``alarms`` against inclusive row ``windows``.

    ``probation`` defaults to :func:`probation_length` of the file.
    """
    n = len(alarms)
    if probation is None:
        probation = probation_length(n)
    ordered = sorted(windows)
    inside: list[int | None] = [None] * n
    for w, (left, right) in enumerate(ordered):
        for i in range(max(left, 0), min(right, n - 1) + 1):
            inside[i] = w
    result = FileScore()
    best: dict[int, float] = {}
    first_row: dict[int, int] = {}
    scored_windows = {inside[i] for i in range(probation, n) if inside[i] is not None}
    prev: tuple[int, int] | None = None
    next_window = 0
    for i in range(n):
        while next_window < len(ordered) and ordered[next_window][1] < i:
            prev = ordered[next_window]
            next_window += 1
        if i < probation or not alarms[i]:
            continue
        w = inside[i]
        if w is not None:
            if w not in best:
                first_row[w] = i
                left, right = ordered[w]
                width = right - left + 1
                best[w] = scaled_sigmoid(-(right - i + 1) / width) * cost.tp / _MAX_TP
            continue
        if prev is None or prev[1] - prev[0] < 1:
            value = -1.0
        else:
            value = scaled_sigmoid((i - prev[1]) / (prev[1] - prev[0]))
        result.fp_score += value * cost.fp
        result.false_positives += 1
        result.false_alarm_rows.append(i)
    result.found = [(ordered[w], first_row.get(w), best.get(w, 0.0))
                    for w in sorted(scored_windows)]
    result.windows = len(scored_windows)
    result.detected = len(best)
    result.tp_score = sum(best.values())
    result.fn_score = -cost.fn * (result.windows - result.detected)
    result.raw = result.tp_score + result.fp_score + result.fn_score
    return result


@dataclass(slots=True)
class CorpusScore:
    """Per-file raw scores and the normalised corpus score of one profile."""

    profile: str
    files: dict[str, FileScore] = field(default_factory=dict)

    @property
    def raw(self) -> float:
        """Sum of the files' raw scores."""
        return sum(f.raw for f in self.files.values())

    @property
    def windows(self) -> int:
        """Scored windows in the corpus."""
        return sum(f.windows for f in self.files.values())

    def null(self) -> float:
        """Raw score of the detector that never alarms."""
        return -PROFILES[self.profile].fn * self.windows

    def perfect(self) -> float:
        """Raw score of the detector that alarms on the first row of every window only."""
        return PROFILES[self.profile].tp * self.windows

    @property
    def normalised(self) -> float:
        """``100 (raw - null) / (perfect - null)``: 0 = null detector, 100 = perfect."""
        span = self.perfect() - self.null()
        if span <= 0:
            return 0.0
        return 100.0 * (self.raw - self.null()) / span

    def file_normalised(self, name: str) -> float:
        """The same normalisation applied to one file alone (for per-series tables)."""
        f = self.files[name]
        cost = PROFILES[self.profile]
        span = (cost.tp + cost.fn) * f.windows
        return 100.0 * (f.raw + cost.fn * f.windows) / span if span > 0 else 0.0


def score_corpus(
    files: Mapping[str, tuple[Sequence[bool], Sequence[tuple[int, int]]]],
    profiles: Sequence[str] = tuple(PROFILES),
) -> dict[str, CorpusScore]:
    """Score ``{name: (alarms, row windows)}`` under each profile."""
    out = {}
    for profile in profiles:
        corpus = CorpusScore(profile)
        for name, (alarms, windows) in files.items():
            corpus.files[name] = score_file(alarms, windows, PROFILES[profile])
        out[profile] = corpus
    return out
