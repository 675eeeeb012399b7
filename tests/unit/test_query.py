"""Brand queries parse, report errors with positions, and match whole folded words."""

from __future__ import annotations

import pytest

from listener.analysis.query import (
    And,
    BrandMatcher,
    Document,
    Not,
    Or,
    Term,
    compile_query,
)
from listener.analysis.textfold import fold_tokens
from listener.errors import QueryError, VigieError


def matches(query: str, text: str) -> bool:
    return compile_query(query).matches(text)


# --------------------------------------------------------------------------- syntax


def test_precedence_not_binds_tighter_than_and_tighter_than_or() -> None:
    """``a b OR NOT c d`` is ``(a AND b) OR ((NOT c) AND d)``."""
    q = compile_query("a b OR NOT c d")
    a, b, c, d = (Term((w,)) for w in "abcd")
    assert q.ast == Or((And((a, b)), And((Not(c), d))))


def test_minus_is_and_not_for_terms_phrases_and_groups() -> None:
    """``-x``, ``-"x y"`` and ``-(x OR y)`` exclude."""
    q = compile_query('Fromagerie Lune -lune_de_miel -"x y" -(p OR q)')
    assert q.ast == And((
        Term(("fromagerie",)),
        Term(("lune",)),
        Not(Term(("lune", "de", "miel"))),
        Not(Term(("x", "y"))),
        Not(Or((Term(("p",)), Term(("q",))))),
    ))


def test_lower_case_operators_are_plain_words() -> None:
    """Only upper-case AND/OR/NOT are operators; quoted they are words."""
    assert compile_query("rock and roll").ast == And(
        (Term(("rock",)), Term(("and",)), Term(("roll",)))
    )
    assert compile_query('"OR"').ast == Term(("or",))


def test_typographic_quotes_delimit_phrases() -> None:
    """“...” and «...» quote phrases like "..." (users paste them from documents)."""
    expected = Term(("societe", "generale"))
    for query in ('"Société Générale"', "“Société Générale”", "«Société Générale»"):
        assert compile_query(query).ast == expected


def test_str_prints_canonical_query() -> None:
    """``str(query)`` is a folded, fully explicit query that parses back to the same tree."""
    q = compile_query('(bleuet OR "Bleuet Mobile") AND NOT (recette OR tarte) remb*')
    assert str(q) == '(bleuet OR "bleuet mobile") AND NOT (recette OR tarte) AND remb*'
    assert compile_query(str(q)) == q


@pytest.mark.parametrize(
    ("query", "position", "fragment"),
    [
        ("", 0, "empty query"),
        ("   ", 0, "empty query"),
        ("(socgen", 0, "never closed"),
        ("a (b OR (c)", 2, "never closed"),
        ("socgen)", 6, "unmatched ')'"),
        ("socgen OR", 7, "'OR' has nothing on its right"),
        ("OR socgen", 0, "'OR' has nothing on its left"),
        ("a AND", 2, "'AND' has nothing on its right"),
        ("(AND a)", 1, "'AND' has nothing on its left"),
        ("a NOT", 2, "'NOT' has nothing on its right"),
        ("a OR )", 2, "'OR' has nothing on its right"),
        ('a ""', 2, "empty phrase"),
        ('a "  "', 2, "empty phrase"),
        ('a "!!"', 2, "phrase has no letters"),
        ('x "Société', 2, "unterminated quote"),
        ("x «Société", 2, "unterminated quote"),
        ("a ()", 2, "empty parentheses"),
        ("a - b", 2, "'-' must be followed"),
        ("a -", 2, "'-' must be followed"),
        ("re*mb", 2, "only allowed at the end"),
        ("a *", 2, "'*' must follow a word"),
        ("a ???", 2, "term has no letters"),
        ("(" * 80 + "a" + ")" * 80, 64, "nested deeper"),
        ("NOT " * 80 + "a", 256, "nested deeper"),
    ],
)
def test_invalid_queries_raise_query_error_with_position(
    query: str, position: int, fragment: str
) -> None:
    """Each syntax error names the problem and its 0-based position."""
    with pytest.raises(QueryError) as info:
        compile_query(query)
    assert info.value.position == position
    assert info.value.query == query
    assert fragment in str(info.value)
    assert isinstance(info.value, VigieError)


def test_non_string_query_is_a_query_error() -> None:
    """A TOML number where a query string was expected is reported, not a TypeError."""
    with pytest.raises(QueryError, match="must be a string"):
        compile_query(42)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ('"Société Générale" OR socgen', "J'ai quitté la SOCIETE GENERALE hier."),
        ('"Société Générale" OR socgen', "#SocGen encore en panne"),
        ("societe generale", "Société Générale: résultats"),
        ("ÉCOLE", "une ecole"),
        ("ecole", "L'ÉCOLE est fermée"),
        ('"L\'Oréal"', "Le groupe L’ORÉAL publie"),
        ('"L\'Oréal"', "l'oreal"),
        ("oreal", "Chez L'Oréal, ..."),
        ('"saint laurent"', "Yves Saint-Laurent"),
        ("Saint-Laurent", "saint laurent rive gauche"),
        ("lune_de_miel", "notre lune de miel"),
        ("Œuvre", "oeuvre complète"),
        ("strasse", "Hauptstraße 5 → Haupt straße"),
        ("remb*", "Demande de REMBOURSEMENT refusée"),
        ("saint-laur*", "saint laurentides"),
        ("socgen", "soc\u00adgen"),  # soft hyphen inside the word
        ("socgen", "soc\u200bgen"),  # zero-width space inside the word
        ("bleuet", "Bleuet, Bleuet!"),
        ("5g", "réseau 5G saturé"),
    ],
)
def test_matches_ignoring_case_accents_and_punctuation(query: str, text: str) -> None:
    """Folding makes case, accents, elision and hyphens irrelevant."""
    assert matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Lune", "Mes nouvelles Lunettes"),
        ("bleuet", "des bleuets sauvages"),
        ("loreal", "L'Oréal"),
        ('"saint laurent"', "saint, le laurent"),
        ('"societe generale"', "generale societe"),
        ("remb*", "rem boursement"),
        ("Fromagerie Lune -lune_de_miel", "Fromagerie Lune, parfait pour une lune de miel"),
        ('(bleuet OR "Bleuet Mobile") AND NOT (recette OR tarte)', "tarte aux bleuets"),
        ('(bleuet OR "Bleuet Mobile") AND NOT (recette OR tarte)', "Recette: bleuet"),
        ("a b", "a"),
    ],
)
def test_does_not_match(query: str, text: str) -> None:
    """Whole words only; phrases need consecutive words; exclusions exclude."""
    assert not matches(query, text)


def test_examples_from_the_configuration_guide() -> None:
    """The three example queries behave as documented."""
    assert matches("Fromagerie Lune -lune_de_miel", "La Fromagerie Lune ouvre à Lyon")
    assert matches('(bleuet OR "Bleuet Mobile") AND NOT (recette OR tarte)',
                   "Bleuet Mobile: réseau en panne")


def test_matches_accepts_documents_and_token_lists() -> None:
    """The same query works on raw text, a Document, or pre-folded tokens."""
    q = compile_query('"saint laurent" OR ysl')
    text = "Chez Saint-Laurent"
    assert q.matches(text)
    assert q.matches(Document.from_text(text))
    assert q.matches(fold_tokens(text))
    assert not q.matches(["laurent", "saint"])


def test_not_alone_matches_texts_without_the_word() -> None:
    """``NOT x`` is a valid query on its own (BrandMatcher rejects it, see below)."""
    assert matches("NOT socgen", "rien à voir")
    assert not matches("NOT socgen", "socgen")


# --------------------------------------------------------------------------- BrandMatcher


BRANDS = {
    "Société Générale": ['"Société Générale" OR socgen'],
    "Fromagerie Lune": ["Fromagerie Lune -lune_de_miel"],
    "Bleuet": ['(bleuet OR "Bleuet Mobile") AND NOT (recette OR tarte)', "bleuet_mobile*"],
    "Remboursements": ["remb* -test"],
}


def test_brand_matcher_returns_brands_in_config_order() -> None:
    """A text mentioning several brands gets all of them, in configuration order."""
    m = BrandMatcher(BRANDS)
    text = "Bleuet Mobile et SocGen: remboursement promis par la fromagerie lune"
    assert m.match(text) == ["Société Générale", "Fromagerie Lune", "Bleuet", "Remboursements"]
    assert m.match("rien de rien") == []
    assert m.match("") == []


def test_brand_matcher_any_query_of_a_brand_matches() -> None:
    """The second query of a brand is enough (here a prefix query)."""
    m = BrandMatcher(BRANDS)
    assert m.match("tarte chez bleuet mobileplus") == ["Bleuet"]
    assert m.match("tarte aux bleuets") == []


def test_brand_matcher_agrees_with_queries() -> None:
    """The inverted index never changes the answer: same as evaluating every query."""
    m = BrandMatcher(BRANDS)
    compiled = {b: [compile_query(q) for q in qs] for b, qs in BRANDS.items()}
    texts = [
        "socgen", "société générale", "générale", "fromagerie lune", "lune de miel fromagerie lune",
        "bleuet", "bleuet recette", "remboursé", "remb test", "Bleuet_Mobile_Pro",
        "rembourser la fromagerie lune et socgen",
    ]
    for text in texts:
        expected = [b for b, qs in compiled.items() if any(q.matches(text) for q in qs)]
        assert m.match(text) == expected, text


def test_brand_matcher_error_names_brand_and_query_index() -> None:
    """An invalid query is reported with its brand, index, position and text."""
    with pytest.raises(QueryError) as info:
        BrandMatcher({"Socgen": ["socgen"], "Bleuet": ["bleuet", "(bleuet OR x"]})
    message = str(info.value)
    assert "brands['Bleuet'].queries[1]" in message
    assert "'(' is never closed" in message
    assert info.value.position == 0
    assert info.value.query == "(bleuet OR x"


def test_brand_matcher_rejects_queries_that_match_empty_texts() -> None:
    """``NOT x`` alone would tag nearly every text with the brand: refused."""
    with pytest.raises(QueryError, match="mention nothing"):
        BrandMatcher({"Lune": ["-lune_de_miel"]})


def test_brand_matcher_rejects_brand_without_queries() -> None:
    """An empty query list is a configuration mistake."""
    with pytest.raises(QueryError, match="no queries"):
        BrandMatcher({"Lune": []})


def test_double_negation_is_indexed_like_its_word() -> None:
    """``NOT NOT x`` triggers on ``x`` (no need to evaluate it for every text)."""
    m = BrandMatcher({"X": ["NOT NOT socgen"]})
    assert m._always == []
    assert m.match("socgen") == ["X"]
    assert m.match("autre") == []


def test_queries_and_matchers_survive_pickling() -> None:
    """Process pools pickle them: they are rebuilt from their sources."""
    import pickle

    q = pickle.loads(pickle.dumps(compile_query("remb* -test")))
    assert q == compile_query("remb* -test") and q.matches("remboursé")
    m = pickle.loads(pickle.dumps(BrandMatcher(BRANDS)))
    assert m.match("socgen et bleuet") == ["Société Générale", "Bleuet"]
