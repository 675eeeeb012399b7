"""Serialise demo items into the feed formats found in the wild.

One function per shape, each imitating a real producer: a news site's RSS 2.0
(HTML in ``<description>``), a blog's Atom feed (``<content type="html">``), a
JSON Feed 1.1, a Discourse forum's ``latest.rss``, a Mastodon tag feed, a
review site's RSS (stars in the title), a Google-News-like search feed, and a
deliberately truncated feed. Characters that XML 1.0 forbids (such as the
ESC of ANSI sequences) are dropped from XML output; JSON keeps them, escaped.
"""

from __future__ import annotations

import email.utils
import html
import json
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from listener.demo.scenario import FeedSpec
from listener.demo.world import DemoItem

__all__ = ["render_feed", "CONTENT_TYPES", "rfc822", "rfc3339"]

CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NS = ('xmlns:dc="http://purl.org/dc/elements/1.1/" '
       'xmlns:atom="http://www.w3.org/2005/Atom"')


def rfc822(when: datetime) -> str:
    """An RSS date: ``Tue, 24 Nov 2026 02:30:00 +0000``."""
    return email.utils.format_datetime(when.astimezone(UTC).replace(microsecond=0))


def rfc3339(when: datetime) -> str:
    """An Atom / JSON Feed date: ``2026-11-24T02:30:00Z``."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _x(text: str) -> str:
    """XML-escaped text without the characters XML 1.0 forbids."""
    return escape(_XML_INVALID.sub("", text))


def _cdata(text: str) -> str:
    text = _XML_INVALID.sub("", text).replace("]]>", "]]]]><![CDATA[>")
    return f"<![CDATA[{text}]]>"


def _html_paragraphs(item: DemoItem) -> str:
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in item.paragraphs)


def render_feed(spec: FeedSpec, items: Sequence[DemoItem], *, base_url: str,
                now: datetime) -> tuple[bytes, str]:
    """The body and content type of ``spec`` showing ``items`` (newest first)."""
    renderer: Callable[..., tuple[bytes, str]] = _RENDERERS[spec.shape]
    return renderer(spec, items, base_url=base_url, now=now)


def _channel(spec: FeedSpec, base_url: str, now: datetime, description: str,
             lang: str, extra_ns: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" {_NS}{extra_ns}>\n'
            f"<channel>\n<title>{_x(spec.title)}</title>\n<link>{_x(spec.site)}/</link>\n"
            f"<description>{_x(description)}</description>\n<language>{lang}</language>\n"
            f"<lastBuildDate>{rfc822(now)}</lastBuildDate>\n"
            f'<atom:link href={quoteattr(base_url + spec.path)} rel="self" '
            f'type="application/rss+xml"/>\n')


def _news_rss(spec: FeedSpec, items: Sequence[DemoItem], *, base_url: str,
              now: datetime) -> tuple[bytes, str]:
    lang = "fr-CA" if spec.langs[0][0] == "fr" else "en-CA"
    out = [_channel(spec, base_url, now, "Les dernières nouvelles économiques"
                    if lang.startswith("fr") else "Latest business news", lang)]
    for it in items:
        parts = ["<item>", f"<title>{_x(it.title)}</title>"]
        if it.link:
            parts.append(f"<link>{_x(it.link)}</link>")
            parts.append(f'<guid isPermaLink="true">{_x(it.link)}</guid>')
        body = _html_paragraphs(it)
        if it.number % 3 == 0:
            body = (f'<figure><img src="{spec.site}/img/{it.number}.jpg" alt="" width="640">'
                    f"</figure>{body}")
        parts.append(f"<description>{_cdata(body)}</description>")
        parts.append(f"<dc:creator>{_x(it.author.name)}</dc:creator>")
        if it.brands:
            parts.append("<category>Entreprises</category>" if it.lang == "fr"
                         else "<category>Companies</category>")
        if it.dated:
            parts.append(f"<pubDate>{rfc822(it.published)}</pubDate>")
        parts.append("</item>")
        out.append("\n".join(parts) + "\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode(), CONTENT_TYPES["rss"]


def _atom_blog(spec: FeedSpec, items: Sequence[DemoItem], *, base_url: str,
               now: datetime) -> tuple[bytes, str]:
    updated = max((i.published for i in items), default=now)
    out = ['<?xml version="1.0" encoding="utf-8"?>\n'
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">\n'
           f"<title>{_x(spec.title)}</title>\n<subtitle>Consommation, bouffe et "
           "techno, au jour le jour</subtitle>\n"
           f'<link href={quoteattr(spec.site + "/")} rel="alternate" type="text/html"/>\n'
           f'<link href={quoteattr(base_url + spec.path)} rel="self"/>\n'
           f"<id>{_x(spec.site)}/</id>\n<updated>{rfc3339(updated)}</updated>\n"
           "<author><name>Maude Lavoie</name></author>\n"
           '<generator uri="https://gohugo.io/">Hugo</generator>\n']
    for it in items:
        day = it.published.strftime("%Y-%m-%d")
        parts = ["<entry>", f"<title>{_x(it.title)}</title>",
                 f"<id>tag:{spec.site.split('//')[1]},{day}:/{it.number}</id>"]
        if it.link:
            parts.append(f'<link href={quoteattr(it.link)} rel="alternate"/>')
        if it.dated:
            parts.append(f"<published>{rfc3339(it.published)}</published>")
            parts.append(f"<updated>{rfc3339(it.published)}</updated>")
        parts.append(f"<author><name>{_x(it.author.name)}</name></author>")
        summary = it.paragraphs[0] if it.paragraphs else ""
        parts.append(f"<summary>{_x(summary[:280])}</summary>")
        parts.append(f'<content type="html">{_x(_html_paragraphs(it))}</content>')
        parts.append("</entry>")
        out.append("\n".join(parts) + "\n")
    out.append("</feed>\n")
    return "".join(out).encode(), CONTENT_TYPES["atom"]


def _json_feed(spec: FeedSpec, items: Sequence[DemoItem], *, base_url: str,
               now: datetime) -> tuple[bytes, str]:
    data: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": spec.site + "/",
        "feed_url": base_url + spec.path,
        "description": "Gadgets, apps and the companies behind them.",
        "language": "en",
        "authors": [{"name": "Octet & Pixel"}],
        "items": [],
    }
    entries: list[dict[str, object]] = []
    for it in items:
        entry: dict[str, object] = {"id": f"{spec.site}/posts/{it.number}"}
        if it.link:
            entry["url"] = it.link
        entry["title"] = it.title
        entry["content_html"] = _html_paragraphs(it)
        entry["summary"] = (it.paragraphs[0] if it.paragraphs else "")[:200]
        if it.dated:
            entry["date_published"] = rfc3339(it.published)
        entry["authors"] = [{"name": it.author.name}]
        entry["language"] = it.lang
        if it.brands:
            entry["tags"] = ["business", "apps"]
        entries.append(entry)
    data["items"] = entries
    return json.dumps(data, ensure_ascii=False, indent=1).encode(), CONTENT_TYPES["json"]


def _discourse(spec: FeedSpec, items: Sequence[DemoItem], *, base_url: str,
               now: datetime) -> tuple[bytes, str]:
    host = spec.site.split("//")[1]
    out = [_channel(spec, base_url, now, "Derniers sujets", "fr-CA",
                    ' xmlns:discourse="http://www.discourse.org/"')]
    for it in items:
        posts = 1 + it.number % 23
        people = max(1, posts // 2)
        body = (_html_paragraphs(it) + f"<p><small>{posts} messages - {people} participants"
                f"</small></p> <p><a href={quoteattr(it.link or spec.site)}>Lire le sujet en "
                "entier</a></p>")
        parts = ["<item>", f"<title>{_x(it.title)}</title>",
                 f"<dc:creator>{_cdata(it.author.handle)}</dc:creator>",
                 f"<category>{_x(_forum_category(it))}</category>",
                 f"<description>{_cdata(body)}</description>"]
        if it.link:
            parts.append(f"<link>{_x(it.link)}</link>")
        if it.dated:
            parts.append(f"<pubDate>{rfc822(it.published)}</pubDate>")
        parts += ["<discourse:topicPinned>No</discourse:topicPinned>",
                  "<discourse:topicClosed>No</discourse:topicClosed>",
                  "<discourse:topicArchived>No</discourse:topicArchived>",
                  f'<guid isPermaLink="false">{host}-topic-{it.number % 100_000}</guid>',
                  f"<source url={quoteattr(spec.site + '/t/' + str(it.number % 100_000) + '.rss')}>"
                  f"{_x(it.title)}</source>", "</item>"]
        out.append("\n".join(parts) + "\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode(), CONTENT_TYPES["rss"]


def _forum_category(item: DemoItem) -> str:
    if not item.brands:
        return "Discussions générales"
    return {"bleuet": "Télécoms", "colibri": "Livraison et restos",
            "lune": "Alimentation"}[item.brands[0]]


def _mastodon_tag(spec: FeedSpec, items: Sequence[DemoItem], *, base_url: str,
                  now: datetime) -> tuple[bytes, str]:
    tag = spec.path.rsplit("/", 1)[1].removesuffix(".rss")
    out = [_channel(spec, base_url, now, f"Messages publics avec le mot-clé #{tag}", "fr",
                    ' xmlns:media="http://search.yahoo.com/mrss/"')]
    for it in items:
        text = " ".join(html.escape(p, quote=False) for p in it.paragraphs)
        tags = "".join(
            f' <a href="https://{_host(it)}/tags/{t}" class="mention hashtag" rel="tag">'
            f"#<span>{t}</span></a>" for t in it.tags)
        parts = ["<item>"]
        if it.link:
            parts.append(f'<guid isPermaLink="true">{_x(it.link)}</guid>')
            parts.append(f"<link>{_x(it.link)}</link>")
        else:
            parts.append(f'<guid isPermaLink="false">{_host(it)}-{it.number}</guid>')
        if it.dated:
            parts.append(f"<pubDate>{rfc822(it.published)}</pubDate>")
        parts.append(f"<dc:creator>{_x(it.author.handle)}</dc:creator>")
        parts.append(f"<description>{_x(f'<p>{text}{tags}</p>')}</description>")
        parts += [f"<category>{_x(t)}</category>" for t in it.tags]
        parts.append("</item>")
        out.append("\n".join(parts) + "\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode(), CONTENT_TYPES["rss"]


def _host(item: DemoItem) -> str:
    parts = item.author.handle.lstrip("@").split("@")
    return parts[1] if len(parts) > 1 else "pouet.example"


def stars(rating: int) -> str:
    """``★★☆☆☆`` for 2."""
    return "★" * rating + "☆" * (5 - rating)


def _reviews(spec: FeedSpec, items: Sequence[DemoItem], *, base_url: str,
             now: datetime) -> tuple[bytes, str]:
    brand = spec.title.split(" — ", 1)[1]
    out = [_channel(spec, base_url, now, f"Les derniers avis vérifiés sur {brand}", "fr")]
    for it in items:
        rating = it.rating or 3
        title = f"{stars(rating)} « {it.title} » — avis sur {brand}"
        label = f"Rating: {rating}/5" if it.lang == "en" else f"Note : {rating}/5"
        body = f"<p><strong>{label}</strong></p>{_html_paragraphs(it)}"
        parts = ["<item>", f"<title>{_x(title)}</title>"]
        if it.link:
            parts.append(f"<link>{_x(it.link)}</link>")
            parts.append(f'<guid isPermaLink="true">{_x(it.link)}</guid>')
        parts.append(f"<dc:creator>{_x(it.author.name)}</dc:creator>")
        parts.append(f"<description>{_x(body)}</description>")
        parts.append(f"<category>{rating} étoile{'s' if rating > 1 else ''}</category>")
        if it.dated:
            parts.append(f"<pubDate>{rfc822(it.published)}</pubDate>")
        parts.append("</item>")
        out.append("\n".join(parts) + "\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode(), CONTENT_TYPES["rss"]


def _gnews(spec: FeedSpec, items: Sequence[DemoItem], *, base_url: str,
           now: datetime) -> tuple[bytes, str]:
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">\n<channel>\n'
           "<generator>NFE/5.0</generator>\n"
           f"<title>{_x(spec.title)}</title>\n<link>{_x(spec.site)}/search</link>\n"
           "<language>fr-CA</language>\n<webMaster>news-webmaster@nouvelles.example</webMaster>\n"
           "<copyright>Copyright © 2026. Tous droits réservés.</copyright>\n"
           f"<lastBuildDate>{rfc822(now)}</lastBuildDate>\n"
           f"<description>{_x(spec.title)}</description>\n"]
    for it in items:
        publisher = it.publisher or "Nouvelles"
        link = it.link or spec.site
        desc = (f'<a href="{html.escape(link)}" target="_blank">{html.escape(it.title)}</a>'
                f'&nbsp;&nbsp;<font color="#6f6f6f">{html.escape(publisher)}</font>')
        parts = ["<item>", f"<title>{_x(it.title)} - {_x(publisher)}</title>",
                 f"<link>{_x(link)}</link>",
                 f'<guid isPermaLink="false">CBMi{it.number:x}</guid>']
        if it.dated:
            parts.append(f"<pubDate>{rfc822(it.published)}</pubDate>")
        parts += [f"<description>{_x(desc)}</description>",
                  f"<source url={quoteattr(link.split('/20')[0])}>{_x(publisher)}</source>",
                  "</item>"]
        out.append("\n".join(parts) + "\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode(), CONTENT_TYPES["rss"]


def truncated_feed(spec: FeedSpec, *, base_url: str, now: datetime) -> tuple[bytes, str]:
    """An RSS body cut off after a few hundred bytes, inside the channel header.

    This is what a crashed CMS or a proxy that drops the connection serves:
    status 200 and the right content type, but the XML stops in the middle of a
    tag, so no parser can recover a single item from it.
    """
    head = _channel(spec, base_url, now, "Le fil qui casse : actualités des entreprises d'ici",
                    "fr")
    cut = head.index("<description>") + len("<description>Le fil qui ca")
    return head[:cut].encode(), CONTENT_TYPES["rss"]


_RENDERERS: dict[str, Callable[..., tuple[bytes, str]]] = {
    "news_rss": _news_rss,
    "atom_blog": _atom_blog,
    "json_feed": _json_feed,
    "discourse": _discourse,
    "mastodon_tag": _mastodon_tag,
    "reviews": _reviews,
    "gnews": _gnews,
}
