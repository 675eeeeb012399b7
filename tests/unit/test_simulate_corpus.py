"""Real sentences as the simulator's texts: same stream, other words, clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from listener.errors import EvaluationError
from listener.simulate import simulate_reviews
from listener.simulate.corpus import SentenceCorpus, load_texts

SENTIMENT = Path(__file__).resolve().parents[1] / "data" / "sentiment"


def _corpus() -> SentenceCorpus:
    return load_texts([str(SENTIMENT / "en_yelp_heldout.tsv"),
                       f"{SENTIMENT / 'en_amazon_cells_dev.tsv'},"
                       f"{SENTIMENT / 'en_amazon_cells_dev2.tsv'}"])


def test_real_texts_change_the_words_and_nothing_else() -> None:
    """Times, accounts, ratings, campaigns and the truth are those of the phrase-bank stream."""
    corpus = _corpus()
    phrases = simulate_reviews(21, "small")
    real = simulate_reviews(21, "small", corpus)
    assert real.truth == phrases.truth
    assert [{k: v for k, v in r.items() if k not in ("text", "title")} for r in real.reviews] \
        == [{k: v for k, v in r.items() if k not in ("text", "title")} for r in phrases.reviews]
    assert all(a["text"] != b["text"] for a, b in zip(real.reviews, phrases.reviews, strict=True))
    assert real.params["texts"] == ["en_yelp_heldout.tsv",
                                    "en_amazon_cells_dev.tsv+en_amazon_cells_dev2.tsv"]
    assert "texts" not in phrases.params
    assert simulate_reviews(21, "small", corpus).reviews == real.reviews


def test_genuine_texts_are_real_sentences_of_the_ratings_polarity() -> None:
    """A 5-star genuine review is made of positive sentences, a 1-star one of negative ones."""
    corpus = _corpus()
    sim = simulate_reviews(22, "small", corpus)
    positive = {s for _, pos, _ in corpus.topics for s in pos}
    negative = {s for _, _, neg in corpus.topics for s in neg}
    checked = {1: 0, 5: 0}
    for review, truth in zip(sim.reviews, sim.truth, strict=True):
        if truth["campaign"] or truth["benign_kind"] or review["rating"] not in (1, 5):
            continue
        pool = positive if review["rating"] == 5 else negative
        text = review["text"]
        assert isinstance(text, str)
        used = [s for s in pool if s in text]
        assert used, text
        # Nothing is left once the real sentences are taken out (two to four per review).
        rest = text
        for s in sorted(used, key=len, reverse=True):
            rest = rest.replace(s, "")
        assert not rest.strip(), (text, rest)
        checked[review["rating"]] += 1
    assert checked[1] > 20 and checked[5] > 100


def test_template_copies_edit_one_real_review() -> None:
    """A bot network's copies share most of their words with each other, from real sentences."""
    sim = simulate_reviews(1, "small", _corpus())
    copies: dict[str, list[str]] = {}
    for review, truth in zip(sim.reviews, sim.truth, strict=True):
        if truth["campaign_kind"] == "template":
            copies.setdefault(str(truth["campaign"]), []).append(str(review["text"]))
    assert copies
    for texts in copies.values():
        words = [set(re.findall(r"[a-z]+", t.lower())) for t in texts]
        overlaps = sorted(len(a & b) / len(a | b) for i, a in enumerate(words)
                          for b in words[i + 1:])
        assert overlaps[-1] > 0.5


@pytest.mark.parametrize(("content", "says"), [
    ("1\tGreat food.\nnot a labelled line\n", "line 2: expected label<TAB>sentence"),
    ("1\tGreat food.\n1\tLovely staff.\n", "no negative (0) sentence"),
    ("Great food.\t1\nAwful.\t0\n", None),
])
def test_a_wrong_sentence_file_names_the_file_and_line(tmp_path: Path, content: str,
                                                      says: str | None) -> None:
    """Both UCI layouts are read; a bad line or a missing label is a clear error."""
    path = tmp_path / "s.tsv"
    path.write_text(content, encoding="utf-8")
    if says is None:
        corpus = SentenceCorpus.load([[path]])
        assert corpus.topics == [("s.tsv", ["Great food."], ["Awful."])]
        return
    with pytest.raises(EvaluationError, match=re.escape(says)) as info:
        SentenceCorpus.load([[path]])
    assert "s.tsv" in str(info.value)


def test_a_missing_sentence_file_is_a_clear_error(tmp_path: Path) -> None:
    """An unreadable --texts file says which and what is expected."""
    with pytest.raises(EvaluationError, match="cannot read the sentences"):
        load_texts([str(tmp_path / "absent.tsv")])
    assert load_texts(None) is None
