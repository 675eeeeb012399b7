"""Macro-F1 of Vigie's sentiment analysers, and of their baselines, on labelled files.

Usage::

    .venv/bin/python bench/sentiment_eval.py FILE [FILE...] [--lang fr|en|auto]
        [--baseline textblob-fr|vader|none] [--errors N]

Each FILE is either TSV (``label<TAB>text``, label ``0``/``1`` for
negative/positive or ``1``-``5`` stars) or JSON lines (``{"text": ..., "label":
...}`` with ``negative``/``neutral``/``positive`` or ``stars``). Stars map to
1-2 negative, 3 neutral, 4-5 positive.

Texts are scored with exactly ``SentimentAnalyser.analyse`` (what the daemon
and ``vigie score`` use). ``--lang auto`` (the default) detects the language
as the daemon does; ``--lang fr`` forces it. Macro-F1 averages the F1 of the
classes present in the gold labels; a ``neutral`` prediction on a two-class
file counts as a miss.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from listener.analysis.sentiment import SentimentAnalyser  # noqa: E402

LABELS = ("negative", "neutral", "positive")


def _label(raw: str) -> str:
    raw = raw.strip().lower()
    if raw in LABELS:
        return raw
    if raw in ("0", "neg"):
        return "negative"
    if raw in ("pos",):
        return "positive"
    value = float(raw)
    if value == 1 and "." not in raw:
        # TSV 0/1 files: 1 is positive. Star files use the JSON "stars" key.
        return "positive"
    raise ValueError(f"unknown label {raw!r}")


def _stars(value: float) -> str:
    return "negative" if value <= 2 else "neutral" if value < 4 else "positive"


def read_labelled(path: Path) -> list[tuple[str, str]]:
    """``(gold_label, text)`` pairs from a TSV or JSON-lines file."""
    items: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if path.suffix in (".jsonl", ".json"):
            record = json.loads(line)
            gold = _stars(float(record["stars"])) if "stars" in record else _label(str(record["label"]))
            items.append((gold, record["text"]))
            continue
        label, _, text = line.partition("\t")
        if not text:
            raise SystemExit(f"{path}:{number}: expected 'label<TAB>text'")
        if text.startswith('"') and text.endswith('"'):
            text = text[1:-1].replace('""', '"')
        items.append((_label(label), text))
    return items


def macro_f1(gold: list[str], predicted: list[str]) -> tuple[float, dict[str, float]]:
    """Macro-F1 over the classes present in ``gold``, and the F1 of each."""
    scores: dict[str, float] = {}
    for cls in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != cls and p == cls)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == cls and p != cls)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores[cls] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return sum(scores.values()) / len(scores), scores


def _baseline(name: str, an: SentimentAnalyser):  # noqa: ANN202
    if name == "textblob-fr":
        from textblob_fr.sentiments import PatternAnalyzer

        pattern = PatternAnalyzer()
        return lambda text: an.label(pattern.analyze(text)[0])
    if name == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
        return lambda text: an.label(vader.polarity_scores(text)["compound"])
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--lang", default="auto", help="fr, en or auto (detect; default)")
    parser.add_argument("--baseline", default="none", choices=("textblob-fr", "vader", "none"))
    parser.add_argument("--errors", type=int, default=0, help="print N misclassified items")
    args = parser.parse_args(argv)
    an = SentimentAnalyser()
    baseline = _baseline(args.baseline, an)
    for path in args.files:
        items = read_labelled(path)
        gold = [g for g, _ in items]
        results = [an.analyse(t, None if args.lang == "auto" else args.lang) for _, t in items]
        predicted = [r.label for r in results]
        score, per_class = macro_f1(gold, predicted)
        langs = Counter(r.lang for r in results)
        print(f"{path.name}: n={len(items)} gold={dict(Counter(gold))} langs={dict(langs)}")
        print(f"  vigie   macro-F1={score:.3f} " + " ".join(f"{k}={v:.3f}" for k, v in per_class.items())
              + f" predicted={dict(Counter(predicted))}")
        if baseline is not None:
            base_pred = [baseline(t) for _, t in items]
            b_score, b_per = macro_f1(gold, base_pred)
            print(f"  {args.baseline:<7} macro-F1={b_score:.3f} "
                  + " ".join(f"{k}={v:.3f}" for k, v in b_per.items())
                  + f" predicted={dict(Counter(base_pred))}")
        shown = 0
        for (g, text), r in zip(items, results, strict=True):
            if shown >= args.errors:
                break
            if r.label != g:
                shown += 1
                print(f"  MISS gold={g} got={r.label} {r.compound:+.3f} [{r.lang}] {text[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
