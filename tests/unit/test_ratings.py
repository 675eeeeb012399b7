"""Ratings read from review feed text."""

from listener.analysis.ratings import rating_from_text


def test_star_glyphs_in_title() -> None:
    """A full run of five star glyphs gives the number of filled stars."""
    assert rating_from_text("★☆☆☆☆ « Arnaque » — avis sur Colibri", "") == 1
    assert rating_from_text("★★★★☆ Great app", "") == 4
    assert rating_from_text("★★ partial run", "") is None


def test_labelled_rating_in_text() -> None:
    """'Note : 2/5' and 'Rating: 4/5' near the start of the text count."""
    assert rating_from_text("Avis", "Note : 2/5. Livraison en retard.") == 2
    assert rating_from_text("Review", "Rating: 4 out of 5 — good") == 4


def test_articles_are_not_reviews() -> None:
    """A bare '5/5' in an article is not a rating."""
    assert rating_from_text("Les résultats", "Le score du match est 5/5 au total") is None
    assert rating_from_text("News", "Nothing here") is None


def test_a_rated_mention_is_labelled_by_its_stars() -> None:
    """1–2 stars negative, 4–5 positive, 3 (or none) leaves the text's label; the
    compound stays the text's."""
    from listener.analysis.ratings import label_with_rating
    from listener.models import SentimentResult

    praise = SentimentResult(lang="fr", compound=0.6, label="positive", analyser="vigie-fr",
                             version="9")
    anger = SentimentResult(lang="fr", compound=-0.6, label="negative", analyser="vigie-fr",
                            version="9")
    assert label_with_rating(praise, 1).label == "negative"
    assert label_with_rating(praise, 2).compound == 0.6
    assert label_with_rating(anger, 5).label == "positive"
    assert label_with_rating(anger, 4).label == "positive"
    assert label_with_rating(anger, 3) is anger and label_with_rating(praise, None) is praise
