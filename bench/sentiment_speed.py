"""Speed of language detection and sentiment scoring on feed-sized texts.

Usage::

    .venv/bin/python bench/sentiment_speed.py [--items 2000] [--seed 1]

Texts are "title. body" strings of 300 to 2,000 characters built from the
bundled English sample (tests/data/sentiment) and from French sentences below,
the shape the daemon scores. Prints items per second for the original
vaderSentiment, the fast re-implementation, py3langid through
``detect_language``, the French analyser, and the whole
``SentimentAnalyser.analyse`` on a 70 % English / 25 % French / 5 % German mix,
with the projected time for 35,000 items on one and on two cores. Times are
CPU seconds of this process (``time.process_time``), so a busy shared machine
does not inflate them. The fast and original VADER scores are compared on the
texts used to time the original.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

from listener.analysis.language import SAMPLE_CHARS, detect_language  # noqa: E402
from listener.analysis.sentiment import SentimentAnalyser  # noqa: E402
from listener.analysis.sentiment.vader_fast import FastVader  # noqa: E402

FRENCH = [
    "Le service client ne répond jamais au téléphone.",
    "J'ai commandé la semaine dernière et le colis est arrivé en deux jours.",
    "Franchement, l'application est très pratique et bien pensée.",
    "Impossible de joindre quelqu'un, c'est vraiment honteux.",
    "Le remboursement a pris trois mois, je suis déçu.",
    "Bonne qualité, prix correct, je recommande.",
    "La mise à jour a cassé la synchronisation, encore un bug.",
    "Merci à l'équipe pour sa réactivité !",
    "Ce n'est pas terrible mais ça dépanne.",
    "Les frais cachés sont une vraie arnaque.",
    "Livraison rapide, emballage soigné, rien à dire.",
    "Je ne comprends pas pourquoi mon compte a été bloqué sans explication.",
    "Le nouveau magasin du centre-ville est agréable et les vendeurs sont sympas.",
    "C'est pas pire, mais le char de mon voisin est plus fiable.",
]
GERMAN = [
    "Der Kundenservice war leider nicht erreichbar.",
    "Die Lieferung kam pünktlich und gut verpackt an.",
    "Ich bin mit dem Produkt sehr zufrieden.",
    "Die App stürzt seit dem letzten Update ständig ab.",
]


def english_sentences() -> list[str]:
    path = ROOT / "tests" / "data" / "sentiment" / "en_amazon_cells_dev.tsv"
    return [line.split("\t", 1)[1] for line in path.read_text(encoding="utf-8").splitlines()]


def make_text(rng: random.Random, sentences: list[str]) -> str:
    target = rng.randint(300, 2000)
    title = rng.choice(sentences).rstrip(".!")
    parts: list[str] = []
    size = len(title) + 2
    while size < target:
        sentence = rng.choice(sentences)
        parts.append(sentence)
        size += len(sentence) + 1
    return f"{title}. {' '.join(parts)}"


def rate(label: str, func: Callable[[str], object], texts: list[str]) -> float:
    # CPU time of this process, not wall time: the machine is shared, and other
    # processes' load would otherwise inflate every figure.
    start = time.process_time()
    for text in texts:
        func(text)
    elapsed = time.process_time() - start
    per_item = elapsed / len(texts)
    print(f"{label:<44} {len(texts) / elapsed:>9.0f} items/s  {per_item * 1e3:7.3f} ms/item")
    return per_item


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=2000, help="texts per measure (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    english = [make_text(rng, english_sentences()) for _ in range(args.items)]
    french = [make_text(rng, FRENCH) for _ in range(args.items)]
    german = [make_text(rng, GERMAN) for _ in range(args.items)]
    mix = [rng.choices((english, french, german), weights=(70, 25, 5))[0][i]
           for i in range(args.items)]
    mean_len = sum(map(len, english)) / len(english)
    print(f"{args.items} texts per measure, 300-2,000 characters (English mean {mean_len:.0f})")

    original = SentimentIntensityAnalyzer()
    fast = FastVader()
    analyser = SentimentAnalyser()
    detect_language("warm up the language model")
    few = english[: max(50, args.items // 10)]
    slow = rate("vaderSentiment polarity_scores (original)",
                lambda t: original.polarity_scores(t), few)
    quick = rate("FastVader.polarity_scores", fast.polarity_scores, english)
    print(f"{'':<44} speed-up x{slow / quick:.1f}")
    mismatches = sum(fast.polarity_scores(t) != original.polarity_scores(t) for t in few)
    print(f"{'':<44} mismatches with the original: {mismatches} of {len(few)}")
    rate(f"detect_language (py3langid, first {SAMPLE_CHARS} chars)", detect_language, english)
    rate("EnglishAnalyser.compound (VADER + phrases)", analyser.english.compound, english)
    rate("FrenchAnalyser.compound", analyser.french.compound, french)
    per_item = rate("SentimentAnalyser.analyse (70/25/5 mix)", analyser.analyse, mix)
    print(f"35,000 items: {35_000 * per_item:.1f} s on one core, "
          f"{35_000 * per_item / 2:.1f} s on two")
    return 0 if mismatches == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
