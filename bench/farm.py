"""A generated farm of feeds served on 127.0.0.1, for the ingest benchmark.

``python bench/farm.py --feeds 1000 --port 8765`` serves N feeds of ~35 items
each (300–2,000 characters, mixed RSS 2.0 / Atom, French / English, some HTML),
with ETag and Last-Modified and 304 answers, at ``/feed/<i>.xml``. Everything
is generated from a seed, so every run serves the same bytes. Prints
``ready <port>`` when listening.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

BRANDS = ["Bleuet Mobile", "Colibri Livraison", "Fromagerie Lune"]
EN = [
    "I have been a customer for three years and the service keeps getting worse.",
    "The new app update is fast and the checkout finally works on my phone.",
    "Support answered within minutes and fixed the billing problem, impressive.",
    "Why does every delivery arrive late and cold? This is not acceptable.",
    "The network was down all morning in the east end of the city.",
    "Prices went up again this month without any warning, what a joke.",
    "Honestly the best customer experience I had this year, thank you team.",
    "Quarterly results beat expectations according to the company statement.",
    "A reader asked us whether the refund policy changed; here is what we found.",
    "The store on Main Street closed early, staff seemed overwhelmed but polite.",
    "Nothing special, it works as advertised and the price is fair.",
    "Terrible experience, I waited two hours on hold and nobody picked up.",
]
FR = [
    "Je suis client depuis trois ans et le service se dégrade de mois en mois.",
    "La nouvelle version de l'application est rapide et le paiement fonctionne enfin.",
    "Le service client a répondu en quelques minutes et a réglé le problème, bravo.",
    "Pourquoi chaque livraison arrive-t-elle en retard et froide ? C'est inadmissible.",
    "Le réseau était en panne toute la matinée dans l'est de la ville.",
    "Les prix ont encore augmenté ce mois-ci sans aucun avertissement, quelle arnaque.",
    "Franchement la meilleure expérience client de l'année, merci à l'équipe.",
    "Les résultats trimestriels dépassent les attentes selon le communiqué.",
    "Un lecteur nous demande si la politique de remboursement a changé ; voici la réponse.",
    "Le magasin de la rue principale a fermé tôt, le personnel débordé mais poli.",
    "Rien de spécial, ça marche comme prévu et le prix est correct.",
    "Expérience horrible, deux heures d'attente au téléphone et personne ne répond.",
]


OPENERS = {
    "en": ["Update:", "Yesterday", "This morning", "For the third time,", "Honestly,", "FYI:",
           "Quick note:", "After {n} days,", "On {d},", "Again,", "So,", "Well,"],
    "fr": ["Mise à jour :", "Hier,", "Ce matin,", "Pour la troisième fois,", "Franchement,",
           "Pour info :", "Petite note :", "Après {n} jours,", "Le {d},", "Encore,", "Bref,",
           "Bon,"],
}
DETAILS = {
    "en": ["order #{n}", "ticket {n}", "store {n}", "the {d} invoice", "line {n}",
           "my {n}-year contract", "the Montreal office", "their chat agent", "plan {n}"],
    "fr": ["commande n°{n}", "dossier {n}", "magasin {n}", "la facture du {d}", "ligne {n}",
           "mon contrat de {n} ans", "l'agence de Québec", "leur agent au clavardage",
           "forfait {n}"],
}


def _sentence(rng: random.Random, lang: str) -> str:
    """A sentence from the bank, with an opener and a concrete detail, so texts differ."""
    base = rng.choice(FR if lang == "fr" else EN)
    n, d = rng.randint(2, 9999), f"{rng.randint(1, 28)}/{rng.randint(1, 12)}"
    opener = rng.choice(OPENERS[lang]).format(n=rng.randint(2, 30), d=d)
    detail = rng.choice(DETAILS[lang]).format(n=n, d=d)
    joiner = " (" + detail + ")" if rng.random() < 0.6 else ""
    return f"{opener} {base[0].lower()}{base[1:-1]}{joiner}{base[-1]}"


def _text(rng: random.Random, lang: str) -> str:
    target = rng.randint(300, 2000)
    parts: list[str] = []
    size = 0
    while size < target:
        s = _sentence(rng, lang)
        if rng.random() < 0.15:
            s = s.replace(" ", f" {rng.choice(BRANDS)} ", 1)
        if rng.random() < 0.2:
            s = f"<p>{s}</p>" if rng.random() < 0.5 else f"<b>{s}</b> "
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)[:target]


def make_feed(i: int, items: int, now: datetime) -> bytes:
    """Feed number ``i``: RSS for even, Atom for odd numbers."""
    rng = random.Random(i)
    lang = "fr" if i % 2 else "en"
    entries = []
    for j in range(items):
        title = f"{rng.choice(BRANDS) if rng.random() < 0.5 else 'News'} #{i}-{j}"
        entries.append((title, _text(rng, lang), now - timedelta(minutes=37 * j + i),
                        f"https://site{i % 50}.example.org/p/{i}/{j}?utm_source=rss"))
    if i % 2 == 0:
        body = ["<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>",
                f"<title>Feed {i}</title><link>https://site{i}.example.org/</link>"]
        for title, text, when, link in entries:
            body.append(f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
                        f"<guid>{escape(link)}</guid><pubDate>{format_datetime(when)}</pubDate>"
                        f"<description>{escape(text)}</description></item>")
        body.append("</channel></rss>")
    else:
        body = ["<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>",
                f"<title>Feed {i}</title><id>urn:feed:{i}</id>"
                f"<updated>{now.isoformat()}</updated>"]
        for title, text, when, link in entries:
            body.append(f"<entry><title>{escape(title)}</title><id>{escape(link)}</id>"
                        f"<link href='{escape(link)}'/><updated>{when.isoformat()}</updated>"
                        f"<author><name>author{i}</name></author>"
                        f"<content type='html'>{escape(text)}</content></entry>")
        body.append("</feed>")
    return "".join(body).encode("utf-8")


def build_app(feeds: int, items: int) -> web.Application:
    """An app serving ``feeds`` generated feeds with validators."""
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    last_modified = format_datetime(now, usegmt=True)
    bodies = {}
    for i in range(feeds):
        body = make_feed(i, items, now)
        etag = '"' + hashlib.md5(body).hexdigest() + '"'
        ctype = "application/rss+xml" if i % 2 == 0 else "application/atom+xml"
        bodies[i] = (body, etag, ctype)

    async def feed(request: web.Request) -> web.Response:
        i = int(request.match_info["i"])
        if i not in bodies:
            raise web.HTTPNotFound()
        body, etag, ctype = bodies[i]
        if request.headers.get("If-None-Match") == etag or \
                request.headers.get("If-Modified-Since") == last_modified:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type=ctype,
                            headers={"ETag": etag, "Last-Modified": last_modified})

    app = web.Application()
    app.router.add_get("/feed/{i}.xml", feed)
    return app


def main() -> None:
    """Serve the farm until killed."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=35)
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args()
    app = build_app(args.feeds, args.items)
    print(f"ready {args.port}", flush=True)
    web.run_app(app, host="127.0.0.1", port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
