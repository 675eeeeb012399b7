"""Normalisation of untrusted feed fields: text, HTML, links, dates, hashes."""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from listener.analysis.normalise import (
    canonical_url,
    clean_text,
    content_hash,
    html_to_text,
    to_utc,
)

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


# --------------------------------------------------------------------------- html_to_text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("Caf&eacute; cr&#232;me &#xE0; l&rsquo;&eacute;cole", "Café crème à l’école"),
        ("<p>Soci&eacute;t&eacute; G&eacute;n&eacute;rale &amp;amp; co</p>",
         "Société Générale &amp; co"),
        ("<p>Premier</p><p>Second</p>", "Premier\nSecond"),
        ("ligne<br>suivante<br/>fin", "ligne\nsuivante\nfin"),
        ("<ul><li>un</li><li>deux</li></ul>", "un\ndeux"),
        ("<b>gras</b><i>italique</i> <a href='x'>lien</a>", "grasitalique lien"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
        ("<p>  beaucoup \n\t d'espaces  </p>", "beaucoup d'espaces"),
        ("<DIV>MAJUSCULES<BR>ici</DIV>", "MAJUSCULES\nici"),
        ("avant<script>alert('<p>')</script>après", "avantaprès"),
        ("avant<SCRIPT type='x'>alert(1)</SCRIPT >après", "avantaprès"),
        ("<style>p { color: red }</style>texte", "texte"),
        ("a<!-- commentaire <p> -->b", "ab"),
        ("<!DOCTYPE html><?xml version='1.0'?>doc", "doc"),
        ("<![CDATA[<b>cdata</b>]]>", "cdata"),
        ("visible<script>jamais fermé", "visible"),
        ("texte<!-- jamais fermé", "texte"),
        ("3 < 5 et 7 > 2", "3 < 5 et 7 > 2"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
        ('Super <img class="emoji" alt="&#x1F621;" src="x.png"> service', "Super 😡 service"),
        ('<p>Photo <img alt="Une femme devant la boutique" src="y.jpg"></p>', "Photo"),
        ("<p <b>x</b>", "<p x"),
        ("<a href=\"x>y</a>", "y"),
        ("<<b>>x<</b>>", "<>x<>"),
        ("fin <div", "fin <div"),
    ],
)
def test_html_to_text_examples(markup: str, expected: str) -> None:
    """Tags go, blocks become lines, entities are decoded once, hidden content is dropped."""
    assert html_to_text(markup) == expected


def test_plain_text_without_tags_keeps_its_lines() -> None:
    """A plain-text summary (no tag) keeps its line breaks; entities are still decoded."""
    assert html_to_text("Ligne 1\r\nLigne 2 &amp; fin") == "Ligne 1\nLigne 2 & fin"


@pytest.mark.parametrize(
    "markup",
    ["[bold red]x[/]", "[link=file:///etc/passwd]clic[/link]", "[/] [@click=app.quit]"],
)
def test_rich_markup_is_kept_literally(markup: str) -> None:
    """Text that looks like Rich markup is data: kept as is (the TUI escapes it)."""
    assert html_to_text(f"<p>{markup}</p>") == markup
    assert clean_text(markup) == markup


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ("\x1b[31mrouge\x1b[0m normal", "rouge normal"),
        ("\x1b[1;38;5;196mgras\x1b[m", "gras"),
        ("\x9b31mC1 CSI", "C1 CSI"),
        ("\x1b]8;;http://evil.example\x1b\\lien\x1b]8;;\x1b\\", "lien"),
        ("\x1b]0;nouveau titre\x07texte", "texte"),
        ("\x1bPdcs\x1b\\fin", "fin"),
        ("\x1b(Bcharset", "charset"),
        ("bip\x07 nul\x00 bs\x08!", "bip nul bs!"),
        ("fichier_\u202egnp.exe", "fichier_gnp.exe"),
        ("\u2066isolé\u2069 \u200eLRM\u200f", "isolé LRM"),
        ("soc\u200bgen \ufeffBOM so\u00adft", "socgen BOM soft"),
        ("tag\U000e0041\U000e0042s", "tags"),
        ("\u3164", ""),
        ("surrogate\ud800!", "surrogate!"),
    ],
)
def test_escape_sequences_and_spoofing_characters_are_removed(hostile: str, expected: str) -> None:
    """ANSI/OSC sequences go whole; controls, bidi overrides and invisibles are deleted."""
    assert clean_text(hostile) == expected
    assert html_to_text(f"<p>{hostile}</p>") == expected


def test_entity_encoded_escape_characters_are_dropped() -> None:
    """``&#27;`` (ESC) and other control references decode to nothing: no escape survives.

    C1 references are read as Windows-1252, as HTML5 says (``&#x9b;`` is ``›``).
    """
    assert html_to_text("<b>&#27;[31mrouge&#x1b;[0m&#7;&#x9b;</b>") == "[31mrouge[0m›"


def test_right_to_left_letters_and_emoji_sequences_are_kept() -> None:
    """Hebrew/Arabic letters and ZWJ emoji sequences are ordinary text."""
    text = "שלום مرحبا 👩\u200d💻 e\u0301te\u0301"
    assert clean_text(text) == "שלום مرحبا 👩\u200d💻 été"


def test_clean_text_tidies_whitespace_and_lines() -> None:
    """Author-name style fields: spaces collapsed, line breaks normalised, one blank line max."""
    assert clean_text("  Jean\t\tDupont\u00a0 ") == "Jean Dupont"
    assert clean_text("a\r\nb\rc\u2028d\x85e") == "a\nb\nc\nd\ne"
    assert clean_text("para 1  \n\n\n\n  para 2") == "para 1\n\npara 2"
    assert clean_text("") == ""


@pytest.mark.parametrize(
    "pathological",
    [
        "<a " * 35_000,
        "<script>" * 13_000,
        "<!--" * 25_000,
        "<p x='" * 17_000,
        "<div>" * 20_000 + "x" + "</div>" * 20_000,
        "\x1b[" * 50_000,
        "\x1b]8;;" * 20_000,
        "&#99999999999;" * 7_000,
        "&" * 100_000,
        "<" * 100_000,
        " \n\t" * 33_000 + "<b>x</b>",
        "Société Générale " * 6_000,
    ],
)
def test_hostile_100kb_inputs_are_fast(pathological: str) -> None:
    """No catastrophic backtracking: each 100 KB input is handled well under a second."""
    start = time.perf_counter()
    out = html_to_text(pathological)
    clean_text(pathological)
    assert time.perf_counter() - start < 1.0
    assert "\x1b" not in out


# --------------------------------------------------------------------------- canonical_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM:80/Path?b=2&utm_source=x&a=1#frag",
         "http://example.com/Path?a=1&b=2"),
        ("https://EXAMPLE.com:443", "https://example.com/"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://user:secret@example.com/p", "https://example.com/p"),
        ("https://example.com./p", "https://example.com/p"),
        ("https://ex.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&igshid=5&ref_src=6",
         "https://ex.com/a"),
        ("https://ex.com/a?_hsenc=1&_hsmi=2&yclid=3&msclkid=4&UTM_Campaign=x&q=1",
         "https://ex.com/a?q=1"),
        ("https://ex.com/r?q=caf%C3%A9&a=b+c", "https://ex.com/r?a=b+c&q=caf%C3%A9"),
        ("https://ex.com/CaseKept/Index.HTML", "https://ex.com/CaseKept/Index.HTML"),
        ("  https://ex.com/a b  ", "https://ex.com/a%20b"),
        ("http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080/x"),
        ("https://ex.com/?&&a=1&", "https://ex.com/?a=1"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    """Scheme/host lower-cased, defaults and tracking dropped, params sorted, path kept."""
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/x", "javascript:alert(1)", "mailto:a@b.fr", "file:///etc/passwd",
        "//example.com/x", "example.com/x", "http://", "http:///x", "http://[::1",
        "http://example.com:99999/", "http://example.com:port/", "http://exa mple.com/",
        "http://ex.com/\x00", "", "   ", "not a url at all",
        None, 42, b"http://example.com",
    ],
)
def test_canonical_url_rejects_garbage(url: object) -> None:
    """Anything that is not an absolute http(s) URL with a valid host gives None."""
    assert canonical_url(url) is None  # type: ignore[arg-type]


# --------------------------------------------------------------------------- to_utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time.struct_time((2026, 11, 23, 8, 30, 0, 0, 327, 0)), datetime(2026, 11, 23, 8, 30)),
        ((2026, 11, 23, 8, 30, 60, 0, 327, 0), datetime(2026, 11, 23, 8, 30, 59)),
        ("2026-11-23T08:30:00Z", datetime(2026, 11, 23, 8, 30)),
        ("2026-11-23T09:30:00+01:00", datetime(2026, 11, 23, 8, 30)),
        ("2026-11-23T03:30:00-05:00", datetime(2026, 11, 23, 8, 30)),
        ("2026-11-23T08:30:00", datetime(2026, 11, 23, 8, 30)),
        ("2026-11-23", datetime(2026, 11, 23)),
        ("Mon, 23 Nov 2026 09:30:00 +0100", datetime(2026, 11, 23, 8, 30)),
        ("Mon, 23 Nov 2026 08:30:00 GMT", datetime(2026, 11, 23, 8, 30)),
        ("23 Nov 2026 03:30:00 EST", datetime(2026, 11, 23, 8, 30)),
        (datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1))),
         datetime(2026, 11, 23, 8, 30)),
        (datetime(2026, 11, 23, 8, 30), datetime(2026, 11, 23, 8, 30)),
        ("2026-11-25T08:30:00Z", datetime(2026, 11, 25, 8, 30)),  # 1 day ahead: tolerated
        ("1995-01-01T00:00:00Z", datetime(1995, 1, 1)),
    ],
)
def test_to_utc_reads_feed_dates(value: object, expected: datetime) -> None:
    """struct_time, ISO 8601 and RFC 822 dates become aware UTC datetimes."""
    result = to_utc(value, now=NOW)
    assert result == expected.replace(tzinfo=UTC)
    assert result is not None and result.tzinfo is UTC


@pytest.mark.parametrize(
    "value",
    [
        None, "", "garbage", "2026-13-45", "Mon, 99 Foo 2026", "1994-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z", "2026-11-26T03:00:01Z", "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00+14:00", (0, 0, 0, 0, 0, 0), True, [], {}, float("nan"),
        float("inf"), "x" * 10_000,
    ],
)
def test_to_utc_rejects_missing_garbage_and_absurd_dates(value: object) -> None:
    """Unreadable dates, dates before 1995 and more than 2 days ahead give None."""
    assert to_utc(value, now=NOW) is None


def test_to_utc_future_limit_follows_the_injected_clock() -> None:
    """The 2-day limit is relative to ``now`` (pure function, no wall clock)."""
    date = "2030-01-01T00:00:00Z"
    assert to_utc(date, now=NOW) is None
    assert to_utc(date, now=datetime(2029, 12, 31)) == datetime(2030, 1, 1, tzinfo=UTC)


# --------------------------------------------------------------------------- content_hash


def test_content_hash_ignores_case_accents_and_spacing() -> None:
    """The same story from two feeds, typed differently, has one hash."""
    a = content_hash("Société Générale : panne", "Le  site\nest en panne.")
    b = content_hash("SOCIETE GENERALE : PANNE", " le site est en panne. ")
    assert a == b
    assert len(a) == 32 and int(a, 16) >= 0


def test_content_hash_is_blake2b_of_the_folded_fields() -> None:
    """The hash is stable across versions: blake2b-128 of ``title\\x1ftext`` folded."""
    expected = hashlib.blake2b(b"l'oreal\x1fun texte", digest_size=16).hexdigest()
    assert content_hash("L’Oréal", "Un  texte") == expected


def test_content_hash_distinguishes_texts_and_field_boundaries() -> None:
    """Different words, or the same words split differently between fields, differ."""
    assert content_hash("a", "b") != content_hash("a", "c")
    assert content_hash("ab", "c") != content_hash("a", "bc")
    assert content_hash("", "") != content_hash(" ", "x")


BLOCK_NAMES = (
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "thead", "tfoot", "tr", "ul",
)


@pytest.mark.parametrize("name", BLOCK_NAMES)
def test_every_block_element_breaks_the_line(name: str) -> None:
    """Start and end tags of block elements, in any case, become a line break."""
    assert html_to_text(f"a<{name} class='x'>b</{name}>c") == "a\nb\nc"
    assert html_to_text(f"a<{name.upper()}>b") == "a\nb"


@pytest.mark.parametrize("name", ["b", "bdi", "bra", "pa", "span", "h7", "lin", "trx", "custom-el"])
def test_inline_and_unknown_elements_vanish(name: str) -> None:
    """Other tags (inline or unknown, even with a block-like prefix) just disappear."""
    assert html_to_text(f"a<{name}>b</{name}>c") == "abc"
