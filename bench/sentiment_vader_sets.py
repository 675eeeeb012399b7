"""Vigie's English sentiment on the human-rated sets published with VADER.

Usage::

    .venv/bin/python bench/sentiment_vader_sets.py [--dir DIR] [--sets tweets,amazon]
        [--json]

Hutto and Gilbert's ICWSM 2014 paper ("VADER: A Parsimonious Rule-based
Model for Sentiment Analysis of Social Media Text") rated four sets of
texts by about 20 people each, on -4..+4: 4,200 tweets, 3,708 Amazon
review snippets, 10,605 film review snippets and 5,190 New York Times
editorial snippets. They ship inside the source distribution of
vaderSentiment on PyPI (``additional_resources/hutto_ICWSM_2014.tar.gz``,
MIT licence), so they are not copied into this repository: without
``--dir`` the script downloads that sdist with ``pip download`` (the
package registry is the one network source this project uses) into
``~/.cache/vigie/vader-sets`` once, and unpacks the ground-truth files.

For each set it reports, for Vigie (``SentimentAnalyser.analyse``, exactly
what the daemon calls, language detected as in the daemon) and for
vaderSentiment 3.3.2 alone:

* the Pearson correlation of the compound score with the mean human rating,
  over every text (the paper's own measure);
* macro-F1 on the texts the raters found clearly positive or negative
  (mean rating >= +0.5 or <= -0.5; a ``neutral`` prediction counts as a
  miss, as in ``bench/sentiment_eval.py``).

Caveat, read before quoting a figure: VADER's authors built and validated
VADER with these sets in view, so VADER's own figures here are not a
held-out measurement; Vigie's *additions* (complaint words and phrases,
masking, rules) were never developed on them, which is what the comparison
tells: whether they help or hurt on text they were not written from.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import subprocess
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.sentiment_eval import macro_f1  # noqa: E402
from listener.analysis.sentiment import SentimentAnalyser  # noqa: E402

#: Set name -> file inside the paper's archive.
SETS = {
    "tweets": "tweets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
    "movies": "movieReviewSnippets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
}
#: The sdist that carries the archive.
SDIST = "vaderSentiment==3.3.2"
CACHE = Path.home() / ".cache" / "vigie" / "vader-sets"
#: Mean ratings at least this far from 0 count as clearly positive or negative.
CLEAR = 0.5


def fetch(cache: Path = CACHE) -> Path:
    """The directory holding the ground-truth files, downloaded once."""
    target = cache / "hutto_ICWSM_2014"
    if (target / SETS["tweets"]).exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    print(f"downloading the {SDIST} source distribution into {cache} ...", file=sys.stderr)
    done = subprocess.run([sys.executable, "-m", "pip", "download", SDIST, "--no-deps",
                           "--no-binary", ":all:", "-q", "-d", str(cache)], check=False)
    sdist = next(cache.glob("vaderSentiment-*.tar.gz"), None)
    if done.returncode != 0 or sdist is None:
        raise SystemExit(f"could not download the {SDIST} source distribution from the "
                         "package index (pip said why above); download it elsewhere, unpack "
                         "additional_resources/hutto_ICWSM_2014.tar.gz and pass --dir DIR")
    with tarfile.open(sdist) as outer:
        member = next(m for m in outer.getmembers()
                      if m.name.endswith("additional_resources/hutto_ICWSM_2014.tar.gz"))
        inner = outer.extractfile(member)
        assert inner is not None
        with tarfile.open(fileobj=inner) as archive:
            for m in archive.getmembers():
                if m.isfile() and Path(m.name).name in SETS.values():
                    data = archive.extractfile(m)
                    assert data is not None
                    target.mkdir(parents=True, exist_ok=True)
                    (target / Path(m.name).name).write_bytes(data.read())
    return target


def read_set(path: Path, part: str = "all") -> list[tuple[float, str]]:
    """``(mean rating, text)`` per line of a ``id<TAB>mean<TAB>text`` file; ``part``
    ``odd`` or ``even`` keeps the lines of odd or even id (a development half and
    a held-out half)."""
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.rstrip("\r").split("\t", 2)
        if len(parts) != 3:
            continue
        if part != "all" and (int(parts[0]) % 2 == 1) != (part == "odd"):
            continue
        out.append((float(parts[1]), html.unescape(parts[2])))
    return out


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation (0 when either side is constant)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def evaluate(items: list[tuple[float, str]], an: SentimentAnalyser) -> dict[str, dict[str, float]]:
    """Correlation and clear-item macro-F1 for Vigie and for VADER alone."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    ratings = [r for r, _ in items]
    scorers = {
        "vigie": lambda t: an.analyse(t).compound,
        "vader": lambda t: vader.polarity_scores(t)["compound"],
    }
    clear = [i for i, (r, _) in enumerate(items) if abs(r) >= CLEAR]
    gold = ["positive" if items[i][0] > 0 else "negative" for i in clear]
    out: dict[str, dict[str, float]] = {}
    for name, score in scorers.items():
        compounds = [score(t) for _, t in items]
        predicted = [an.label(compounds[i]) for i in clear]
        f1, _ = macro_f1(gold, predicted)
        out[name] = {"pearson": round(pearson(compounds, ratings), 3),
                     "macro_f1": round(f1, 3), "n": len(items), "n_clear": len(clear)}
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dir", type=Path, help="directory with the *_GroundTruth.txt files "
                   "(default: download the vaderSentiment sdist once into the cache)")
    p.add_argument("--sets", default=",".join(SETS),
                   help=f"comma-separated among {', '.join(SETS)} (default: all)")
    p.add_argument("--part", choices=("all", "odd", "even"), default="all",
                   help="lines of odd ids (development half), of even ids (held-out "
                        "half), or all (default)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--tsv", type=Path, metavar="DIR",
                   help="also write the clearly rated texts of each set as DIR/vader_SET.tsv "
                        "(label<TAB>text, 1 positive, 0 negative: the format of "
                        "`vigie eval campaigns --texts`)")
    args = p.parse_args(argv)
    names = args.sets.split(",")
    unknown = [n for n in names if n not in SETS]
    if unknown:
        p.error(f"unknown set {unknown[0]!r}; choose among {', '.join(SETS)}")
    folder = args.dir or fetch()
    missing = [SETS[n] for n in names if not (folder / SETS[n]).exists()]
    if missing:
        p.error(f"{folder}: no {', '.join(missing)} (the *_GroundTruth.txt files of "
                "hutto_ICWSM_2014.tar.gz)")
    if args.tsv:
        args.tsv.mkdir(parents=True, exist_ok=True)
        for name in names:
            rows = [f"{int(r > 0)}\t{' '.join(t.split())}"
                    for r, t in read_set(folder / SETS[name], args.part)
                    if abs(r) >= CLEAR and t.strip()]
            (args.tsv / f"vader_{name}.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    an = SentimentAnalyser()
    results = {}
    for name in names:
        results[name] = evaluate(read_set(folder / SETS[name], args.part), an)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'set':<8} {'n':>6} {'clear':>6}   {'Vigie r':>8} {'VADER r':>8}   "
          f"{'Vigie F1':>8} {'VADER F1':>8}")
    for name, r in results.items():
        v, b = r["vigie"], r["vader"]
        print(f"{name:<8} {v['n']:>6} {v['n_clear']:>6}   {v['pearson']:>8.3f} "
              f"{b['pearson']:>8.3f}   {v['macro_f1']:>8.3f} {b['macro_f1']:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
