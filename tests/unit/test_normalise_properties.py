"""Property-based checks of normalisation and folding (hypothesis)."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listener.analysis.normalise import (
    TRACKING_PARAMS,
    canonical_url,
    clean_text,
    content_hash,
    fold,
    html_to_text,
    to_utc,
)
from listener.analysis.textfold import fold_tokens, tokenize

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Characters that are never acceptable in output: controls except \t and \n,
# bidi controls, zero-width space, BOM.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")

# Text biased towards the dangerous characters, mixed with ordinary text.
hostile_chars = st.sampled_from(
    list("<>&;#/!-=\"' \n\t\r[]x") + ["\x1b", "\x9b", "\x07", "\x00", "\x85", "\u202e",
                                      "\u200b", "\u200d", "\ufeff", "é", "e\u0301", "\ud800"]
)
hostile = st.lists(
    st.one_of(hostile_chars, st.sampled_from(
        ["<p>", "</p>", "<br>", "<script>", "</script>", "<!--", "-->", "&amp;", "&#27;",
         "&eacute;", "\x1b[31m", "\x1b]8;;", "\x1b\\", "<img alt='😡'>", "[bold]", "<b"])),
    max_size=40,
).map("".join)
any_text = st.one_of(st.text(max_size=200), hostile)


@SETTINGS
@given(any_text)
def test_html_to_text_never_raises_and_output_is_clean(markup: str) -> None:
    """Any input gives text without controls (except \\n, \\t), escapes or bidi overrides."""
    out = html_to_text(markup)
    assert not FORBIDDEN.search(out), repr(out)
    assert out == out.strip()
    assert clean_text(out) == out


@SETTINGS
@given(any_text)
def test_clean_text_is_idempotent_and_clean(text: str) -> None:
    """Cleaning twice changes nothing; the output has no forbidden characters."""
    once = clean_text(text)
    assert clean_text(once) == once
    assert not FORBIDDEN.search(once), repr(once)
    assert "  " not in once and "\n\n\n" not in once


@SETTINGS
@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn"),
                                      exclude_characters="\u3164\uffa0"), max_size=100))
def test_clean_text_keeps_ordinary_words(text: str) -> None:
    """Without controls or format characters, every word survives cleaning (in NFC form)."""
    cleaned = clean_text(text)
    for word in re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text)):
        assert word in cleaned


urls = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, host, port, path, query, frag: f"{scheme}://{host}{port}{path}{query}{frag}",
        st.sampled_from(["http", "HTTPS", "ftp", "Http"]),
        st.from_regex(r"[A-Za-z0-9.-]{0,20}", fullmatch=True),
        st.sampled_from(["", ":80", ":443", ":8080", ":x", ":99999"]),
        st.text(max_size=20),
        st.lists(st.sampled_from(["a=1", "utm_source=x", "fbclid=2", "B=3", "", "q=%C3%A9"]),
                 max_size=4).map(lambda ps: "?" + "&".join(ps) if ps else ""),
        st.sampled_from(["", "#frag", "#"]),
    ),
)


@SETTINGS
@given(urls)
def test_canonical_url_never_raises_and_is_idempotent(url: str) -> None:
    """Garbage gives None; a canonical URL is its own canonical form and has no tracking."""
    out = canonical_url(url)
    if out is None:
        return
    assert out.startswith(("http://", "https://"))
    assert "#" not in out
    query = out.partition("?")[2]
    for pair in filter(None, query.split("&")):
        key = pair.split("=", 1)[0].lower()
        assert not key.startswith("utm_") and key not in TRACKING_PARAMS
    assert canonical_url(out) == out


@SETTINGS
@given(st.one_of(st.text(max_size=60), st.datetimes(), st.integers(), st.floats(),
                 st.tuples(*[st.integers(-10, 10_000)] * 9)))
def test_to_utc_never_raises_and_stays_in_bounds(value: object) -> None:
    """Whatever the input, the answer is None or an aware UTC date in [1995, now + 2 days]."""
    now = datetime(2026, 11, 24, tzinfo=UTC)
    out = to_utc(value, now=now)
    if out is not None:
        assert out.tzinfo is UTC
        assert datetime(1995, 1, 1, tzinfo=UTC) <= out <= datetime(2026, 11, 26, tzinfo=UTC)


@SETTINGS
@given(st.text(max_size=100))
def test_fold_is_idempotent_and_tokenising_commutes(text: str) -> None:
    """Folding twice changes nothing; ``fold_tokens`` is ``tokenize(fold(.))``; words are stable."""
    folded = fold(text)
    assert fold(folded) == folded
    tokens = fold_tokens(text)
    assert tokenize(folded) == tokens
    assert fold_tokens(" ".join(tokens)) == tokens


@SETTINGS
@given(st.text(max_size=50), st.text(max_size=200))
def test_content_hash_ignores_case_accents_and_spacing(title: str, text: str) -> None:
    """Folding (case, accents) or re-spacing the fields of a story keeps its hash."""
    respaced = "  ".join(text.split()) + "\n"
    assert content_hash(title, text) == content_hash(fold(title), respaced)
    assert content_hash(title, text) == content_hash(f" {title} ", fold(text))
