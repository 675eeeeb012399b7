"""``vigie simulate``: generate synthetic review streams with planted campaigns."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from listener.errors import VigieError
from listener.simulate import SIZE_HELP, SIZES
from listener.simulate.corpus import TEXTS_HELP, load_texts

DESCRIPTION = """\
Generate synthetic data for testing and demonstrating the detectors.

  vigie simulate reviews --seed 7 --out DIR

writes DIR/reviews.jsonl (the input of `vigie eval campaigns`), DIR/truth.jsonl
(one line per review: id, published_at, target, campaign, campaign_kind,
benign_event, benign_kind) and DIR/params.json (the parameters drawn for this
seed: targets, volumes, rating profiles, planted campaigns and events).

A stream has a quiet history period (30-60 days, so established reviewers
exist) and an evaluation period (14-21 days) with planted campaigns (fast
smear, positive boost, templated near-duplicates, slow camouflaged campaigns
from aged accounts) and benign confounders (genuine complaint waves after an
incident, a holiday volume peak, prolific genuine reviewers, a spotlight: one
target's genuine surge after press coverage). Every parameter is drawn at
random per seed; the same seed always gives the same files.

Texts come from Vigie's phrase banks (English and French). With --texts FILE
(label<TAB>sentence lines, e.g. tests/data/sentiment/en_yelp_heldout.tsv) the
same stream is written with those real sentences instead, two to four per
review: every other draw (times, accounts, ratings, campaigns, events, truth)
stays the same, so the two can be compared seed for seed."""


def _seed(text: str) -> int:
    """A seed for ``--seed``: a whole number, 0 or more (numpy refuses negative seeds)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; use 0 or more")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``vigie simulate reviews``."""
    p = sub.add_parser(
        "simulate", help="generate synthetic review streams with planted campaigns",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = p.add_subparsers(dest="simulate_command", metavar="WHAT", required=True)
    r = what.add_parser(
        "reviews", help="a review stream with planted campaigns and its truth",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("--seed", type=_seed, required=True,
                   help="random seed (a whole number, 0 or more); fixes every parameter and "
                        "every review")
    r.add_argument("--out", type=Path, required=True, metavar="DIR",
                   help="directory to write reviews.jsonl, truth.jsonl and params.json "
                        "(created if missing; existing files are replaced)")
    r.add_argument("--size", choices=tuple(SIZES), default="full", help=SIZE_HELP)
    r.add_argument("--texts", action="append", metavar="FILE[,FILE...]", help=TEXTS_HELP)
    r.set_defaults(func=_run)


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _run(args: argparse.Namespace) -> int:
    from listener.simulate import simulate_reviews

    sim = simulate_reviews(args.seed, args.size, load_texts(args.texts))
    out: Path = args.out
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write_jsonl(out / "reviews.jsonl", sim.reviews)
        _write_jsonl(out / "truth.jsonl", sim.truth)
        (out / "params.json").write_text(json.dumps(sim.params, indent=2, ensure_ascii=False)
                                         + "\n", encoding="utf-8")
    except OSError as exc:
        raise VigieError(f"{out}: cannot write the simulation ({exc.strerror}); "
                         "choose a writable --out directory") from exc
    planted = [t["campaign"] for t in sim.truth if t["campaign"]]
    print(f"{len(sim.reviews)} reviews ({len(planted)} in {len(set(planted))} planted "
          f"campaigns) -> {out}", file=sys.stderr)
    return 0
