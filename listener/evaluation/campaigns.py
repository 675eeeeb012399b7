"""``vigie eval campaigns``: run the campaign detector on a review file and score it.

Input (one JSON object per line, in time order)::

    {"id", "target", "source", "author", "rating" (1-5 or null), "title" (or null),
     "text", "published_at" (ISO 8601 UTC)}

Output (one line per input id, same order)::

    {"id", "suspicious": bool, "score": float in [0, 1], "campaign": id or null,
     "flagged_at": ISO time of the first flag, or null}

``score`` is the highest suspicion the streaming detector gave the item while
it was inside a scan window; ``suspicious`` is true exactly when the detector
flagged it (``flagged_at`` set). The detector is the daemon's own
:class:`~listener.detection.campaigns.CampaignDetector`, fed in file order.

Truth (what ``vigie simulate reviews`` writes; one JSON object per line)::

    {"id", "published_at", "target", "campaign": id or null, "campaign_kind": str or null,
     "benign_event": id or null, "benign_kind": str or null}

Scoring: review-level average precision and ROC AUC of ``score``; precision,
recall, F1 of ``suspicious``; campaigns caught (at least half of the members
flagged) and the median delay from a campaign's first review to its first
flagged member; benign events (complaint wave, holiday peak, prolific
reviewer, spotlight) wrongly flagged, meaning at least ``max(3, 5 %)`` of their reviews
flagged. Baselines (``burst``, ``duplicate``, ``new-account``, ``rule``) use the
same streaming features so they can be compared side by side.
"""

from __future__ import annotations

import functools
import json
import math
import re
import statistics
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from listener.analysis.brandnames import name_pattern
from listener.analysis.sentiment import SentimentAnalyser
from listener.analysis.textfold import fold_tokens
from listener.detection.campaigns import CampaignConfig, CampaignDetector, ReviewItem
from listener.errors import EvaluationError
from listener.store.db import parse_iso

__all__ = [
    "BASELINES",
    "review_from_dict",
    "read_reviews",
    "out_of_order",
    "truth_from_simulation",
    "run_detector",
    "write_predictions",
    "read_predictions",
    "read_truth",
    "average_precision",
    "roc_auc",
    "CampaignScore",
    "score_predictions",
]

#: Simple baselines computed from the detector's streaming features.
BASELINES = ("burst", "duplicate", "new-account", "rule")
_REQUIRED = ("id", "target", "author", "text", "published_at")


def _parse_time(value: object, where: str) -> datetime:
    """ISO 8601 (UTC when no offset is given), or POSIX seconds / milliseconds as a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Exports of review sites often carry epoch times; above 1e11 they are
        # milliseconds (1e11 seconds is the year 5138).
        seconds = float(value) / 1000.0 if abs(value) >= 1e11 else float(value)
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise EvaluationError(f"{where}: published_at {value!r} is not a usable "
                                  "POSIX time") from exc
    if not isinstance(value, str):
        raise EvaluationError(f"{where}: published_at must be an ISO 8601 string "
                              "(or POSIX seconds)")
    try:
        return parse_iso(value.strip())
    except ValueError as exc:
        raise EvaluationError(f"{where}: published_at {value!r} is not ISO 8601") from exc


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    try:
        # utf-8-sig: a byte-order mark (spreadsheet exports) is not part of the first line.
        handle = path.open(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read ({exc.strerror}); check the path") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(obj, dict):
                raise EvaluationError(f"{path}:{number}: expected a JSON object")
            yield number, obj


def review_from_dict(obj: dict[str, object], where: str) -> ReviewItem:
    """Validate one input object; ``where`` (``file:line``) prefixes error messages."""
    for key in _REQUIRED:
        if key not in obj:
            raise EvaluationError(f"{where}: missing key {key!r}")
    for key in ("id", "target"):
        value = obj[key]
        if (value is None or isinstance(value, bool | dict | list)
                or not str(value).strip()):
            raise EvaluationError(f"{where}: {key} must be a non-empty string or number, "
                                  f"got {json.dumps(value)}")
    rating = obj.get("rating")
    if isinstance(rating, str) and rating.strip():
        try:
            rating = float(rating)
        except ValueError:
            raise EvaluationError(f"{where}: rating must be 1-5 or null, got {rating!r}") from None
    elif rating == "":
        rating = None
    if rating is not None and (not isinstance(rating, int | float) or isinstance(rating, bool)
                               or not 1 <= rating <= 5):
        raise EvaluationError(f"{where}: rating must be 1-5 or null, got {rating!r}")
    author = obj.get("author")
    text = str(obj.get("text") or "")
    title = str(obj["title"]) if obj.get("title") else None
    polarity = None
    if rating is None:
        # A mention without rating: its sentiment is its only polarity, scored
        # as the daemon's pipeline scores it (the target's name masked).
        polarity = _sentiment().analyse_mention(
            title, text, (_name_pattern(str(obj["target"])),)).label
    return ReviewItem(
        id=str(obj["id"]), target=str(obj["target"]),
        author=str(author) if author not in (None, "") else None,
        text=text,
        published_at=_parse_time(obj["published_at"], where),
        rating=int(round(rating)) if rating is not None else None,
        title=title,
        source=str(obj["source"]) if obj.get("source") else None,
        polarity=polarity)


@functools.cache
def _sentiment() -> SentimentAnalyser:
    return SentimentAnalyser()


@functools.lru_cache(maxsize=4096)
def _name_pattern(target: str) -> re.Pattern[str] | None:
    """The target's name as the pipeline masks a brand's own name before scoring."""
    return name_pattern([tuple(fold_tokens(target))])


def read_reviews(path: Path, raw_ids: dict[str, object] | None = None,
                 repeated: list[tuple[int, str]] | None = None,
                 progress: Callable[[int], None] | None = None) -> list[ReviewItem]:
    """Read and validate the input file; raise :class:`EvaluationError` naming the line and key.

    ``raw_ids`` receives each id as the file wrote it (a JSON number stays a
    number), so that the output can echo it unchanged. A line whose id was
    already seen is skipped (the output has one line per id): with
    ``repeated``, its ``(line number, id)`` is appended there so the caller
    can warn; without it, a repeated id is an error. ``progress`` is called
    with the number of lines read every 1,000 lines.
    """
    items: list[ReviewItem] = []
    seen: set[str] = set()
    for number, obj in _jsonl(path):
        if progress is not None and number % 1000 == 0:
            progress(number)
        if "id" in obj and str(obj["id"]) in seen:
            # Checked before validation: a repeated line is neither validated
            # nor given a sentiment score, since it is skipped anyway.
            if repeated is None:
                raise EvaluationError(f"{path}:{number}: duplicate id {str(obj['id'])!r}")
            repeated.append((number, str(obj["id"])))
            continue
        item = review_from_dict(obj, f"{path}:{number}")
        seen.add(item.id)
        if raw_ids is not None:
            raw_ids[item.id] = obj["id"]
        items.append(item)
    return items


def out_of_order(items: list[ReviewItem]) -> tuple[int, int | None, float]:
    """Lines published earlier than a line before them, as the detector will see them.

    Returns ``(count, index of the first one, largest lag in hours)``. The
    detector takes them in file order, as late arrivals (the daemon's case
    for a feed that delivers late), so an input sorted by target rather than
    by time is scored, but not as the stream it describes.
    """
    count, first, lag = 0, None, 0.0
    newest = None
    for i, item in enumerate(items):
        at = item.published_at
        if newest is not None and at < newest:
            count += 1
            first = i if first is None else first
            lag = max(lag, (newest - at).total_seconds() / 3600)
        else:
            newest = at
    return count, first, lag


@dataclass(slots=True)
class Prediction:
    """One output line."""

    id: str
    suspicious: bool
    score: float
    campaign: str | None
    flagged_at: datetime | None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready view."""
        return {"id": self.id, "suspicious": self.suspicious, "score": round(self.score, 6),
                "campaign": self.campaign,
                "flagged_at": self.flagged_at.strftime("%Y-%m-%dT%H:%M:%SZ")
                if self.flagged_at else None}


def _baseline_score(name: str, evidence: dict[str, object]) -> float:
    log10p = float(evidence.get("burst_log10_p") or 0.0)
    burst = 1.0 - 10.0 ** log10p  # 1 - p-value of the target's volume burst
    dup = 1.0 if evidence.get("near_duplicate") else 0.0
    new = 1.0 if evidence.get("author_state") == "new" else 0.0
    if name == "burst":
        return burst
    if name == "duplicate":
        return dup
    if name == "new-account":
        return new
    if name == "rule":  # burst AND (new account OR near-duplicate)
        return burst * max(new, dup)
    raise EvaluationError(f"unknown baseline {name!r}; choose one of {', '.join(BASELINES)}")


def run_detector(items: Iterable[ReviewItem], config: CampaignConfig | None = None,
                 baseline: str | None = None,
                 campaigns_out: list[dict[str, object]] | None = None,
                 progress: Callable[[int], None] | None = None) -> list[Prediction]:
    """Feed ``items`` in order to a fresh detector; return one prediction per item.

    With ``baseline``, the prediction is that baseline's score (flagged at
    >= 0.99) computed from the same streaming features. ``campaigns_out``
    receives the detector's campaign records. ``progress`` is called with the
    number of items fed every 1,000 items.
    """
    if baseline is not None and baseline not in BASELINES:
        raise EvaluationError(f"unknown baseline {baseline!r}; "
                              f"choose one of {', '.join(BASELINES)}")
    detector = CampaignDetector(config)
    records = []
    last = None
    for item in items:
        detector.observe(item)
        sus = detector.suspicion(item.id)
        assert sus is not None
        records.append((item, sus))
        last = item.published_at
        if progress is not None and len(records) % 1000 == 0:
            progress(len(records))
    if last is not None:
        detector.tick(last)
    if campaigns_out is not None:
        campaigns_out.extend(c.to_dict() for c in detector.campaigns)
    out = []
    for item, sus in records:
        if baseline is None:
            out.append(Prediction(item.id, sus.flagged_at is not None, sus.score,
                                  sus.campaign_id, sus.flagged_at))
            continue
        score = _baseline_score(baseline, sus.evidence)
        flagged = score >= 0.99
        out.append(Prediction(item.id, flagged, score, None,
                              item.published_at if flagged else None))
    return out


def write_predictions(predictions: Iterable[Prediction], path: Path,
                      raw_ids: dict[str, object] | None = None) -> None:
    """Write the output file (one JSON line per prediction).

    With ``raw_ids`` (from :func:`read_reviews`), each line carries its id as
    the input file wrote it.
    """
    try:
        with path.open("w", encoding="utf-8") as handle:
            for p in predictions:
                line = p.to_dict()
                if raw_ids is not None:
                    line["id"] = raw_ids.get(p.id, p.id)
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot write ({exc.strerror})") from exc


def read_predictions(path: Path) -> list[Prediction]:
    """Read an output file written by :func:`write_predictions`."""
    out = []
    for number, obj in _jsonl(path):
        where = f"{path}:{number}"
        for key in ("id", "score"):
            if key not in obj:
                raise EvaluationError(f"{where}: missing key {key!r}")
        flagged = obj.get("flagged_at")
        score = obj["score"]
        if not isinstance(score, int | float) or not 0.0 <= float(score) <= 1.0:
            raise EvaluationError(f"{where}: score must be a number in [0, 1]")
        out.append(Prediction(str(obj["id"]), bool(obj.get("suspicious")), float(score),
                              obj.get("campaign"),  # type: ignore[arg-type]
                              _parse_time(flagged, where) if flagged else None))
    return out


@dataclass(slots=True)
class TruthLine:
    """One line of the truth file."""

    id: str
    published_at: datetime
    campaign: str | None
    campaign_kind: str | None
    benign_event: str | None
    benign_kind: str | None


def truth_from_simulation(lines: Iterable[dict[str, object]]) -> list[TruthLine]:
    """Truth lines from the dicts of :class:`~listener.simulate.Simulation`."""
    out = []
    for obj in lines:
        out.append(TruthLine(
            str(obj["id"]), _parse_time(obj["published_at"], "simulation"),
            *(str(obj[k]) if obj.get(k) else None
              for k in ("campaign", "campaign_kind", "benign_event", "benign_kind"))))
    return out


def read_truth(path: Path) -> list[TruthLine]:
    """Read a truth file (format in the module docstring)."""
    out = []
    for number, obj in _jsonl(path):
        where = f"{path}:{number}"
        for key in ("id", "published_at"):
            if key not in obj:
                raise EvaluationError(f"{where}: missing key {key!r}")

        def opt(key: str, obj: dict[str, object] = obj) -> str | None:
            value = obj.get(key)
            return str(value) if value not in (None, "") else None

        out.append(TruthLine(str(obj["id"]), _parse_time(obj["published_at"], where),
                             opt("campaign"), opt("campaign_kind"), opt("benign_event"),
                             opt("benign_kind")))
    return out


# ------------------------------------------------------------------- metrics

def average_precision(labels: list[bool], scores: list[float]) -> float:
    """Average precision of ``scores`` ranking the true ``labels`` (ties share their rank).

    Returns NaN when there is no positive.
    """
    positives = sum(labels)
    if positives == 0:
        return math.nan
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ap, tp, seen, i = 0.0, 0, 0, 0
    while i < len(order):
        j = i
        group_tp = 0
        while j < len(order) and scores[order[j]] == scores[order[i]]:
            group_tp += labels[order[j]]
            j += 1
        seen += j - i
        tp += group_tp
        ap += group_tp * tp / seen
        i = j
    return ap / positives


def roc_auc(labels: list[bool], scores: list[float]) -> float:
    """Area under the ROC curve (Mann-Whitney, ties count half); NaN without both classes."""
    y = np.asarray(labels, dtype=bool)
    s = np.asarray(scores, dtype=float)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return math.nan
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


@dataclass(slots=True)
class CampaignScore:
    """Figures of one scored run."""

    reviews: int
    campaign_reviews: int
    average_precision: float
    roc_auc: float
    precision: float
    recall: float
    f1: float
    flagged: int
    campaigns: int
    caught: int
    #: Caught campaigns whose first flag came within 12 h of their first review.
    caught_within_12h: int
    #: Campaigns with half of their members flagged within 12 h of their first
    #: review (the stricter reading of "caught within 12 h").
    half_flagged_within_12h: int
    median_delay_hours: float | None
    benign_events: int
    benign_flagged: int
    benign_reviews_flagged: int
    per_kind: dict[str, list[int]] = field(default_factory=dict)
    flagged_benign_events: list[str] = field(default_factory=list)
    #: One line per planted campaign and benign event (``--details``): id,
    #: kind, members, flagged, caught, first review, hours to the first flag.
    outcomes: list[dict[str, object]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready view."""
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]

    def one_line(self) -> str:
        """The headline figures on one line."""
        delay = "n/a" if self.median_delay_hours is None else f"{self.median_delay_hours:4.1f}h"
        return (f"AP {self.average_precision:.3f}  AUC {self.roc_auc:.3f}  "
                f"P {self.precision:.2f} R {self.recall:.2f} F1 {self.f1:.2f}  "
                f"caught {self.caught}/{self.campaigns} (<=12h {self.caught_within_12h}, "
                f"half <=12h {self.half_flagged_within_12h})  delay {delay}  "
                f"benign flagged {self.benign_flagged}/{self.benign_events}"
                f" ({self.benign_reviews_flagged} reviews)")

    @staticmethod
    def mean_line(scores: list[CampaignScore]) -> str:
        """Mean AP / AUC / P / R / F1 and totals over several runs."""
        def mean(name: str) -> float:
            values = [getattr(s, name) for s in scores
                      if not math.isnan(getattr(s, name))]
            return sum(values) / len(values) if values else math.nan

        delays = [s.median_delay_hours for s in scores if s.median_delay_hours is not None]
        delay = f"{statistics.median(delays):4.1f}h" if delays else "n/a"
        kinds: dict[str, list[int]] = {}
        for s in scores:
            for kind, (hit, total) in s.per_kind.items():
                counts = kinds.setdefault(kind, [0, 0])
                counts[0] += hit
                counts[1] += total
        per_kind = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(kinds.items()))
        return (f"AP {mean('average_precision'):.3f}  AUC {mean('roc_auc'):.3f}  "
                f"P {mean('precision'):.2f} R {mean('recall'):.2f} F1 {mean('f1'):.2f}  "
                f"caught {sum(s.caught for s in scores)}/{sum(s.campaigns for s in scores)} "
                f"(<=12h {sum(s.caught_within_12h for s in scores)}, "
                f"half <=12h {sum(s.half_flagged_within_12h for s in scores)})  delay {delay}  "
                f"benign flagged {sum(s.benign_flagged for s in scores)}/"
                f"{sum(s.benign_events for s in scores)}"
                f" ({sum(s.benign_reviews_flagged for s in scores)} reviews)\n"
                f"           caught by kind: {per_kind}")

    def render_details(self) -> str:
        """Each campaign and benign event: how many of its reviews were flagged, and when."""
        lines = []
        for o in self.outcomes:
            head = f"  {o['id']} ({o['kind']}, {o['members']} reviews from {o['first']}): "
            if o["event"] == "campaign":
                delay = o["first_flag_hours"]
                when = "" if delay is None else f", first flag {delay:.1f} h after its first review"
                verdict = "caught" if o["caught"] else "missed"
                lines.append(f"{head}{verdict}, {o['flagged']} flagged{when}")
            else:
                verdict = "wrongly flagged" if o["caught"] else "left alone"
                lines.append(f"{head}{verdict}, {o['flagged']} flagged")
        return "\n".join(["campaigns and benign events (caught: at least half flagged; a benign "
                          "event is wrongly flagged from 3 flags and 5 % of it):", *lines])

    def render(self) -> str:
        """Human-readable report."""
        delay = ("n/a" if self.median_delay_hours is None
                 else f"{self.median_delay_hours:.1f} h")
        kinds = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(self.per_kind.items()))
        lines = [
            f"reviews                 {self.reviews} ({self.campaign_reviews} in campaigns)",
            f"average precision       {self.average_precision:.3f}",
            f"ROC AUC                 {self.roc_auc:.3f}",
            f"suspicious: precision   {self.precision:.3f}  recall {self.recall:.3f}  "
            f"F1 {self.f1:.3f}  ({self.flagged} flagged)",
            f"campaigns caught        {self.caught}/{self.campaigns} "
            f"({self.caught_within_12h} within 12 h)  [{kinds}]",
            f"  half flagged <= 12 h  {self.half_flagged_within_12h}/{self.campaigns} "
            f"(half of the members flagged within 12 h of the first review)",
            f"median detection delay  {delay}",
            f"benign events flagged   {self.benign_flagged}/{self.benign_events}"
            f"  ({self.benign_reviews_flagged} genuine reviews flagged in them)",
        ]
        if self.flagged_benign_events:
            lines.append(f"  flagged: {', '.join(self.flagged_benign_events)}")
        return "\n".join(lines)


def score_predictions(predictions: list[Prediction], truth: list[TruthLine]) -> CampaignScore:
    """Compare predictions with the truth, matching lines by id."""
    by_id = {p.id: p for p in predictions}
    missing = [t.id for t in truth if t.id not in by_id]
    if missing:
        raise EvaluationError(f"{len(missing)} ids of the truth have no prediction "
                              f"(first: {missing[0]!r}); score the output of the same input")
    labels = [t.campaign is not None for t in truth]
    preds = [by_id[t.id] for t in truth]
    scores = [p.score for p in preds]
    flagged = [p.suspicious for p in preds]
    tp = sum(f and y for f, y in zip(flagged, labels, strict=True))
    n_flag, n_pos = sum(flagged), sum(labels)
    precision = tp / n_flag if n_flag else 0.0
    recall = tp / n_pos if n_pos else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    campaigns: dict[str, list[tuple[TruthLine, Prediction]]] = {}
    benign: dict[str, list[tuple[TruthLine, Prediction]]] = {}
    for t, p in zip(truth, preds, strict=True):
        if t.campaign:
            campaigns.setdefault(t.campaign, []).append((t, p))
        elif t.benign_event:
            benign.setdefault(f"{t.benign_kind or 'event'}:{t.benign_event}", []).append((t, p))
    caught = within = half = 0
    delays = []
    per_kind: dict[str, list[int]] = {}
    outcomes: list[dict[str, object]] = []
    for cid, members in campaigns.items():
        kind = members[0][0].campaign_kind or "campaign"
        counts = per_kind.setdefault(kind, [0, 0])
        counts[1] += 1
        hits = [p for _, p in members if p.suspicious]
        first = min(t.published_at for t, _ in members)
        flags = [p.flagged_at for p in hits if p.flagged_at is not None]
        outcome: dict[str, object] = {
            "event": "campaign", "id": cid, "kind": kind, "members": len(members),
            "flagged": len(hits), "caught": len(hits) * 2 >= len(members),
            "first": first.strftime("%Y-%m-%d %H:%M"),
            "first_flag_hours": (round((min(flags) - first).total_seconds() / 3600, 2)
                                 if flags else None)}
        outcomes.append(outcome)
        if not outcome["caught"]:
            continue
        caught += 1
        counts[0] += 1
        first_flag = min(flags)
        delay = (first_flag - first).total_seconds() / 3600
        delays.append(delay)
        within += delay <= 12
        soon = sum((p.flagged_at - first).total_seconds() <= 12 * 3600 for p in hits
                   if p.flagged_at is not None)
        half += soon * 2 >= len(members)
    wrong = []
    benign_reviews = 0
    for name, members in sorted(benign.items()):
        hits = sum(p.suspicious for _, p in members)
        benign_reviews += hits
        flagged_event = hits >= max(3, 0.05 * len(members))
        if flagged_event:
            wrong.append(f"{name} ({hits}/{len(members)})")
        kind, _, event_id = name.partition(":")
        outcomes.append({
            "event": "benign", "id": event_id, "kind": kind, "members": len(members),
            "flagged": hits, "caught": flagged_event,
            "first": min(t.published_at for t, _ in members).strftime("%Y-%m-%d %H:%M"),
            "first_flag_hours": None})
    return CampaignScore(
        reviews=len(truth), campaign_reviews=n_pos,
        average_precision=average_precision(labels, scores), roc_auc=roc_auc(labels, scores),
        precision=precision, recall=recall, f1=f1, flagged=n_flag,
        campaigns=len(campaigns), caught=caught, caught_within_12h=within,
        half_flagged_within_12h=half,
        median_delay_hours=statistics.median(delays) if delays else None,
        benign_events=len(benign), benign_flagged=len(wrong),
        benign_reviews_flagged=benign_reviews, per_kind=per_kind,
        flagged_benign_events=wrong, outcomes=outcomes)
