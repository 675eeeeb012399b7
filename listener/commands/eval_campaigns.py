"""``vigie eval campaigns``: run the daemon's campaign detector on a file and score it."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from listener.errors import EvaluationError, VigieError
from listener.evaluation.campaigns import (
    BASELINES,
    CampaignScore,
    out_of_order,
    read_predictions,
    read_reviews,
    read_truth,
    review_from_dict,
    run_detector,
    score_predictions,
    truth_from_simulation,
    write_predictions,
)
from listener.simulate import SIZE_HELP, SIZES
from listener.simulate.corpus import TEXTS_HELP, load_texts

DESCRIPTION = """\
Run the campaign detector of the daemon, in stream order, on a file of reviews
and write one prediction per review; optionally score the predictions against
a truth file.

  vigie eval campaigns INPUT.jsonl --output OUT.jsonl [--score TRUTH.jsonl]
  vigie eval campaigns --predictions OUT.jsonl --score TRUTH.jsonl
  vigie eval campaigns --seeds 101-110 [--baseline rule]

INPUT: one JSON object per line, in time order, with keys id, target, source,
author, rating (1-5 or null), title (or null), text, published_at (ISO 8601;
UTC when it has no offset; POSIX seconds or milliseconds are accepted too). A
line that repeats an id already seen is skipped with a warning. Long runs
print progress on stderr every few seconds.
OUTPUT: one line per input id: {"id", "suspicious", "score" in [0, 1],
"campaign" (id or null), "flagged_at" (first time flagged, or null)}.
TRUTH: the truth.jsonl written by `vigie simulate reviews` (one line per id
with "campaign", "campaign_kind", "benign_event", "benign_kind").

Scores printed: review-level average precision and ROC AUC, precision / recall
/ F1 of "suspicious", campaigns caught (at least half of their members
flagged) and within 12 h, median delay from a campaign's first review to its
first flag, and benign events (complaint waves, holiday peaks, prolific
reviewers, spotlights) wrongly flagged. See docs/evaluation-campaigns.md."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``campaigns`` under ``vigie eval``."""
    p = sub.add_parser(
        "campaigns", help="evaluate the fake-review campaign detector",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", nargs="?", type=Path, metavar="INPUT.jsonl",
                   help="reviews to run the detector on (one JSON object per line, time order)")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.jsonl",
                   help="where to write the predictions (required with INPUT)")
    p.add_argument("--score", type=Path, metavar="TRUTH.jsonl",
                   help="truth file: score the predictions just made (or --predictions)")
    p.add_argument("--predictions", type=Path, metavar="OUT.jsonl",
                   help="score an existing prediction file instead of running the detector")
    p.add_argument("--campaigns", type=Path, metavar="FILE.jsonl",
                   help="also write the detector's campaign records (reasons, figures, members)")
    p.add_argument("--baseline", choices=BASELINES,
                   help="run a simple baseline instead of the detector: burst (volume burst "
                        "p-value), duplicate (near-duplicate of another account), new-account "
                        "(first item of the account), rule (burst AND (new OR duplicate))")
    p.add_argument("--seeds", metavar="A-B|A,B,...",
                   help="simulate these seeds in memory (vigie simulate reviews), run and score "
                        "each, and print one line per seed plus the mean")
    p.add_argument("--size", choices=tuple(SIZES), default="full",
                   help="stream size for --seeds: " + SIZE_HELP)
    p.add_argument("--texts", action="append", metavar="FILE[,FILE...]", help=TEXTS_HELP + " (with --seeds)")
    p.add_argument("--details", action="store_true",
                   help="with a score: also each planted campaign (caught or missed, how many "
                        "of its reviews flagged, hours to the first flag) and benign event")
    p.add_argument("--json", action="store_true",
                   help="print the scores as JSON instead of text")
    p.set_defaults(func=_run)


def _parse_seeds(text: str) -> list[int]:
    seeds: list[int] = []
    try:
        for part in text.split(","):
            if "-" in part.strip()[1:]:
                lo, hi = part.split("-", 1)
                seeds.extend(range(int(lo), int(hi) + 1))
            elif part.strip():
                seeds.append(int(part))
    except ValueError as exc:
        raise VigieError(f"--seeds {text!r}: expected ranges like 101-110 or lists like "
                         "1,2,5") from exc
    if not seeds:
        raise VigieError(f"--seeds {text!r} holds no seed; give e.g. --seeds 101-110 "
                         "(the lower end first)")
    if min(seeds) < 0:
        raise VigieError(f"--seeds {text!r}: seed {min(seeds)} is negative; seeds are 0 or more")
    return seeds


#: Seconds between two progress lines on stderr (nothing is printed for shorter runs).
PROGRESS_EVERY = 5.0


class _Progress:
    """Progress lines on stderr for long runs: lines read, then reviews fed, with an estimate."""

    def __init__(self, every: float | None = None) -> None:
        self.every = PROGRESS_EVERY if every is None else every
        self.started = self.last = time.monotonic()

    def restart(self) -> None:
        """Start timing a new phase."""
        self.started = self.last = time.monotonic()

    def _due(self) -> bool:
        now = time.monotonic()
        if now - self.last < self.every:
            return False
        self.last = now
        return True

    def reading(self, path: Path) -> Callable[[int], None]:
        def report(lines: int) -> None:
            if self._due():
                print(f"vigie: reading {path}: {lines:,} lines…", file=sys.stderr, flush=True)
        return report

    def feeding(self, total: int) -> Callable[[int], None]:
        def report(done: int) -> None:
            if not self._due():
                return
            elapsed = time.monotonic() - self.started
            left = elapsed / done * (total - done) if done else 0.0
            print(f"vigie: detector: {done:,} of {total:,} reviews ({100 * done / total:.0f} %), "
                  f"about {_duration(left)} left", file=sys.stderr, flush=True)
        return report


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _print(score: CampaignScore, as_json: bool, details: bool = False) -> None:
    if as_json:
        print(json.dumps(score.to_dict(), default=str))
    else:
        print(score.render())
        if details:
            print(score.render_details())


def _run_seeds(args: argparse.Namespace) -> int:
    from listener.simulate import simulate_reviews

    scores = []
    texts = load_texts(args.texts)
    for seed in _parse_seeds(args.seeds):
        sim = simulate_reviews(seed, args.size, texts)
        items = [review_from_dict(r, f"seed {seed}") for r in sim.reviews]
        preds = run_detector(items, baseline=args.baseline)
        score = score_predictions(preds, truth_from_simulation(sim.truth))
        scores.append(score)
        if args.json:
            print(json.dumps({"seed": seed, **score.to_dict()}, default=str))
        else:
            print(f"seed {seed:>4}  " + score.one_line())
            if args.details:
                print(score.render_details())
    if not args.json and len(scores) > 1:
        print("mean       " + CampaignScore.mean_line(scores))
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.texts and not args.seeds:
        raise VigieError("--texts writes the simulated streams of --seeds; give --seeds "
                         "with it (or run `vigie simulate reviews --texts ...` first)")
    if args.seeds:
        if args.input or args.predictions:
            raise VigieError("--seeds simulates its own streams; do not give INPUT or "
                             "--predictions with it")
        return _run_seeds(args)
    if args.predictions:
        if args.input:
            raise VigieError("give either INPUT (run the detector) or --predictions "
                             "(score a file), not both")
        if not args.score:
            raise VigieError("--predictions needs --score TRUTH.jsonl")
        score = score_predictions(read_predictions(args.predictions), read_truth(args.score))
        _print(score, args.json, args.details)
        return 0
    if not args.input:
        raise VigieError("missing INPUT.jsonl (or --predictions / --seeds); "
                         "see `vigie eval campaigns --help`")
    if not args.output:
        raise VigieError("missing --output OUT.jsonl: where to write the predictions")
    raw_ids: dict[str, object] = {}
    repeated: list[tuple[int, str]] = []
    progress = _Progress()
    items = read_reviews(args.input, raw_ids, repeated, progress=progress.reading(args.input))
    if repeated:
        line, item_id = repeated[0]
        print(f"vigie: warning: {args.input}: {len(repeated)} lines repeat an id of a line "
              f"above (first: line {line}, id {item_id!r}); only the first line of each id "
              f"is used, and the output has one line per id.", file=sys.stderr)
    late, first, lag = out_of_order(items)
    if late and first is not None:
        print(f"vigie: warning: {args.input}: {late} of {len(items)} lines are published "
              f"before a line above them (first: id {items[first].id!r}, up to {lag:.1f} h "
              f"earlier); they are fed in file order, as late arrivals. Sort the file by "
              f"published_at if the stream is meant to be in time order.", file=sys.stderr)
    campaigns: list[dict[str, object]] = []
    progress.restart()
    preds = run_detector(items, baseline=args.baseline, campaigns_out=campaigns,
                         progress=progress.feeding(len(items)))
    write_predictions(preds, args.output, raw_ids)
    if args.campaigns:
        try:
            with args.campaigns.open("w", encoding="utf-8") as handle:
                for record in campaigns:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise EvaluationError(f"{args.campaigns}: cannot write ({exc.strerror})") from exc
    flagged = sum(p.suspicious for p in preds)
    print(f"{len(preds)} reviews, {flagged} flagged, {len(campaigns)} campaigns "
          f"-> {args.output}", file=sys.stderr)
    if args.score:
        _print(score_predictions(preds, read_truth(args.score)), args.json, args.details)
    return 0
