"""Property-based checks of the brand query language (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from listener.analysis.query import (
    And,
    BrandMatcher,
    Document,
    Node,
    Not,
    Or,
    Term,
    compile_query,
)
from listener.analysis.textfold import fold_tokens
from listener.errors import QueryError

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
FEWER = settings(SETTINGS, max_examples=120)

SYNTAX = st.text(alphabet=list('()"“”«»-* \tANDORNTabé\'’_'), max_size=40)

ACCENTS = {
    "a": "aàâäáÀÂÄ", "c": "cçÇ", "e": "eéèêëÉÈÊË", "i": "iîïÎÏ", "o": "oôöóÔÖ",
    "u": "uùûüÙÛÜ", "n": "nñÑ", "y": "yÿŸ",
}
SEPARATORS = [" ", ", ", " (", ") ", "'", "’", "-", " « ", " » ", "!", "\n", "…", ".", "_", "\u00a0"]

word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)


@st.composite
def disguised(draw: st.DrawFn, plain: str) -> str:
    """``plain`` with random case and accents on each letter."""
    out = []
    for ch in plain:
        variants = ACCENTS.get(ch, ch)
        ch = draw(st.sampled_from(variants))
        out.append(ch.upper() if draw(st.booleans()) else ch)
    return "".join(out)


surrounding = st.text(max_size=30)


@SETTINGS
@given(st.one_of(st.text(max_size=60), SYNTAX))
def test_parser_raises_only_query_errors(query: str) -> None:
    """Any string either compiles or raises QueryError (never another exception)."""
    try:
        q = compile_query(query)
    except QueryError as exc:
        assert 0 <= exc.position <= len(query)
    else:
        q.matches(query)  # and the compiled query can be evaluated


@FEWER
@given(st.data(), st.lists(word, min_size=1, max_size=3))
def test_query_matches_its_words_in_any_disguise(data: st.DataObject, words: list[str]) -> None:
    """A query made of words matches a text containing them with other case, accents, punctuation."""
    in_text = [data.draw(disguised(w)) for w in words]
    in_query = [data.draw(disguised(w)) for w in words]
    seps = [data.draw(st.sampled_from(SEPARATORS)) for _ in range(len(words) + 1)]
    before = data.draw(surrounding)
    after = data.draw(surrounding)
    text = before + seps[0] + "".join(w + s for w, s in zip(in_text, seps[1:], strict=True)) + after
    query = in_query[0] if len(words) == 1 else '"' + " ".join(in_query) + '"'
    assert compile_query(query).matches(text), (query, text)
    prefix = in_query[-1][: max(1, len(in_query[-1]) // 2)]
    assert compile_query("-".join([*in_query[:-1], prefix]) + "*").matches(text)


# A random query tree over a small vocabulary, so that random documents hit it.
VOCAB = ["socgen", "lune", "bleuet", "tarte", "saint", "laurent"]
terms = st.builds(
    Term,
    st.lists(st.sampled_from(VOCAB), min_size=1, max_size=2).map(tuple),
    st.booleans(),
)
trees: st.SearchStrategy[Node] = st.recursive(
    terms,
    lambda kids: st.one_of(
        st.builds(Not, kids),
        st.builds(And, st.lists(kids, min_size=2, max_size=3).map(tuple)),
        st.builds(Or, st.lists(kids, min_size=2, max_size=3).map(tuple)),
    ),
    max_leaves=8,
)
documents = st.lists(st.sampled_from([*VOCAB, "laurentides", "lunettes", "x"]), max_size=8)


def _shorten_prefixes(node: Node) -> Node:
    """Prefix terms print with their whole last word; cut it so prefixes are real."""
    if isinstance(node, Term):
        if node.prefix:
            return Term((*node.words[:-1], node.words[-1][:3]), True)
        return node
    if isinstance(node, Not):
        return Not(_shorten_prefixes(node.child))
    return type(node)(tuple(_shorten_prefixes(c) for c in node.children))


@SETTINGS
@given(trees)
def test_printed_tree_parses_back_to_itself(tree: Node) -> None:
    """``compile_query(str(q))`` rebuilds exactly the same tree."""
    tree = _shorten_prefixes(tree)
    assert compile_query(str(tree)).ast == tree


@SETTINGS
@given(st.one_of(st.text(max_size=40), SYNTAX))
def test_printed_query_round_trips(source: str) -> None:
    """Printing any valid query and parsing it again gives the same query."""
    try:
        q = compile_query(source)
    except QueryError:
        assume(False)
        return
    assert compile_query(str(q)) == q
    assert str(compile_query(str(q))) == str(q)


@SETTINGS
@given(trees, documents)
def test_not_is_negation(tree: Node, tokens: list[str]) -> None:
    """``NOT (q)`` matches exactly the documents ``q`` does not."""
    source = str(_shorten_prefixes(tree))
    doc = Document(tokens)
    assert compile_query(f"NOT ({source})").matches(doc) is not compile_query(source).matches(doc)


@FEWER
@given(st.lists(trees, min_size=1, max_size=5), documents)
def test_brand_matcher_equals_evaluating_every_query(queries: list[Node], tokens: list[str]) -> None:
    """The inverted index is an optimisation only: same brands as brute force."""
    sources = [str(_shorten_prefixes(t)) for t in queries]
    sources = [s for s in sources if not compile_query(s).matches(Document([]))]
    assume(sources)
    brands = {f"B{i}": [s] for i, s in enumerate(sources)}
    brands["All"] = sources
    matcher = BrandMatcher(brands)
    text = " ".join(tokens)
    expected = [b for b, qs in brands.items() if any(compile_query(q).matches(text) for q in qs)]
    assert matcher.match(text) == expected


@SETTINGS
@given(st.text(max_size=80))
def test_document_tokens_are_the_folded_words(text: str) -> None:
    """Documents built from text hold ``fold_tokens(text)``."""
    assert list(Document.from_text(text).tokens) == fold_tokens(text)
