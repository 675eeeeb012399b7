"""Synthetic review streams with planted campaigns and benign confounders.

:func:`simulate_reviews` builds, from one seed, a stream of reviews (and plain
mentions) about several targets: a quiet history period (30-60 days) so that
established reviewers exist, then an evaluation period with planted
campaigns and benign events. Every parameter (volumes, rating profiles, share
of one-off accounts, campaign sizes, speeds, duplication...) is drawn from
wide ranges per seed, so a detector cannot be fitted to one setting.

Campaign kinds: ``smear`` (fast wave of 1-star reviews, mostly new
accounts), ``boost`` (5-star praise wave), ``template`` (a bot network posting
edited copies of 1-3 texts, also on unrated mention streams) and
``camouflaged`` (a farm of accounts with a few older genuine-looking reviews,
sometimes earlier group jobs on another target, posting extreme ratings with
varied texts over 12-72 h; 40 % of farms also hit a second target in the
opposite direction at the same time, recorded as campaign ``<id>b``).

Benign events: ``complaint-wave`` (an incident: a burst of varied negative
reviews from the usual population), ``holiday-peak`` (volume up on every
target, more first-time reviewers), ``prolific`` (genuine accounts posting
every day on several targets), ``spotlight`` (press coverage, an app featured
by its store, a new branch: one target's volume up 3-8x for 4-24 h and at
least as many reviews as a boost, from its usual population with more
first-time reviewers and a tilt towards praise; in about four streams of
five, drawn after the campaigns so that adding it left every other review of
a seed as it was).
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

from listener.simulate.corpus import CorpusTextMaker, SentenceCorpus
from listener.simulate.phrases import BRANCH_CITIES, TARGET_NAMES
from listener.simulate.text import TextMaker, author_name

__all__ = ["Simulation", "simulate_reviews", "SIZES", "SIZE_HELP"]

#: Stream sizes: (targets, history days, evaluation days, volume scale, share of
#: genuine reviews written by one-off accounts).
#: ``short-history`` and ``many-targets`` are robustness variants of ``full``:
#: 3-7 days of stream before the evaluation period, or 16-20 targets at half
#: the volume each. ``one-off`` is ``full`` where nearly every genuine reviewer
#: appears once, as in streams assembled from public review datasets: "new
#: account" says little there. ``small-one-off`` combines ``many-small``'s
#: small targets with ``one-off``'s reviewers: the likeliest shape of a stream
#: built from a public dataset of reviews of small businesses. ``established``
#: is the other end: ``full`` where only 5-20 % of genuine reviews come from
#: one-off accounts (a platform whose reviewers keep their accounts), so a wave
#: of first-time accounts stands out.
SIZES = {
    "full": ((4, 8), (30, 60), (14, 21), 1.0, (0.3, 0.9)),
    "small": ((3, 4), (10, 14), (5, 7), 0.5, (0.3, 0.9)),
    "short-history": ((4, 8), (3, 7), (14, 21), 1.0, (0.3, 0.9)),
    "many-targets": ((16, 20), (30, 60), (14, 21), 0.5, (0.3, 0.9)),
    "many-small": ((60, 80), (30, 60), (14, 21), 0.12, (0.3, 0.9)),
    "one-off": ((4, 8), (30, 60), (14, 21), 1.0, (0.95, 0.99)),
    "small-one-off": ((60, 80), (30, 60), (14, 21), 0.12, (0.95, 0.99)),
    "established": ((4, 8), (30, 60), (14, 21), 1.0, (0.05, 0.2)),
}
SIZE_HELP = ("full: 4-8 targets, 44-81 days (default); small: 3-4 targets, 15-21 days, half "
             "the volume (for tests); short-history: as full with only 3-7 days before the "
             "campaigns' period; many-targets: 16-20 targets at half the volume each; many-small: "
             "60-80 targets (a chain's branches) of 0.5-5 reviews a day each; one-off: as full with "
             "95-99 percent of genuine reviews from accounts seen once; small-one-off: many-small with "
             "one-off's reviewers (small businesses in a public review dataset); established: as full "
             "with only 5-20 percent of genuine reviews from accounts seen once")

_DIURNAL = [0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.35, 0.7, 1.0, 1.2, 1.3, 1.3,
            1.4, 1.4, 1.3, 1.3, 1.3, 1.4, 1.5, 1.6, 1.6, 1.4, 1.0, 0.5]
_SOURCES = {"app": "appstore", "shop": "trustpilot", "place": "google-maps"}


@dataclass
class _Target:
    name: str
    domain: str
    source: str
    rated: bool
    french: float
    per_day: float
    ratings: list[float]
    maker: TextMaker | CorpusTextMaker


@dataclass
class _Author:
    name: str
    lang: str
    weight: float
    favourites: list[int]


@dataclass
class Simulation:
    """A generated stream: ``reviews`` (input lines), ``truth`` (one per review), ``params``."""

    seed: int
    reviews: list[dict[str, object]] = field(default_factory=list)
    truth: list[dict[str, object]] = field(default_factory=list)
    params: dict[str, object] = field(default_factory=dict)


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Builder:
    def __init__(self, seed: int, size: str, texts: SentenceCorpus | None = None) -> None:
        if size not in SIZES:
            raise ValueError(f"unknown size {size!r}; use one of {sorted(SIZES)}")
        self.rng = rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        (t_lo, t_hi), (h_lo, h_hi), (e_lo, e_hi), scale, one_off = SIZES[size]
        self.start = datetime(2026, 1, 5, tzinfo=UTC) + timedelta(days=rng.randrange(300))
        self.history_days = rng.randint(h_lo, h_hi)
        self.eval_days = rng.randint(e_lo, e_hi)
        self.eval_start = self.start + timedelta(days=self.history_days)
        self.end = self.eval_start + timedelta(days=self.eval_days)
        self.scale = scale
        self.one_off = rng.uniform(*one_off)
        self.name_style = rng.random()
        self.typo_rate = rng.uniform(0.003, 0.03)
        self.angry_one_off = rng.uniform(1.0, 1.4)
        self.items: list[dict[str, object]] = []
        self.used_names: set[str] = set()
        self.targets = self._targets(rng.randint(t_lo, t_hi))
        if texts is not None:
            makers = CorpusTextMaker.for_stream(
                [t.maker for t in self.targets if isinstance(t.maker, TextMaker)], texts, seed)
            for t, maker in zip(self.targets, makers, strict=True):
                t.maker = maker
        self.pool = self._pool()
        self.holiday: tuple[datetime, datetime, float, float] | None = None
        self.waves: list[tuple[int, datetime]] = []
        #: (target index, start) of each campaign, second targets included.
        self.attacks: list[tuple[int, datetime]] = []
        self.params: dict[str, object] = {
            "seed": seed, "size": size, "start": _iso(self.start),
            "history_days": self.history_days, "eval_days": self.eval_days,
            "one_off_share": round(self.one_off, 3), "typo_rate": round(self.typo_rate, 4),
            "angry_one_off": round(self.angry_one_off, 3),
            "targets": [{"name": t.name, "source": t.source, "rated": t.rated,
                         "per_day": round(t.per_day, 2), "french": round(t.french, 2),
                         "ratings": [round(p, 3) for p in t.ratings]} for t in self.targets],
        }
        if texts is not None:
            self.params["texts"] = texts.names

    # ------------------------------------------------------------------ setup

    def _targets(self, n: int) -> list[_Target]:
        rng = self.rng
        out = []
        if n <= len(TARGET_NAMES):
            names = rng.sample(TARGET_NAMES, n)
        else:  # more targets than brands: the branches of chains, by city
            names = rng.sample([f"{b} {c}" for b in TARGET_NAMES for c in BRANCH_CITIES], n)
        for k, name in enumerate(names):
            domain = rng.choice(list(_SOURCES))
            rated = k < 3 or rng.random() > 0.25
            shapes = ([0.05, 0.03, 0.07, 0.25, 0.60], [0.2, 0.1, 0.15, 0.25, 0.3],
                      [0.35, 0.15, 0.12, 0.15, 0.23])
            mix = [rng.random() ** 2 for _ in shapes]
            probs = [sum(m * s[i] for m, s in zip(mix, shapes, strict=True)) for i in range(5)]
            total = sum(probs)
            out.append(_Target(
                name=name, domain=domain,
                source=_SOURCES[domain] if rated else rng.choice(["mastodon", "forum", "news"]),
                rated=rated, french=rng.choice([0.0, 0.1, 0.5, 0.9]),
                per_day=math.exp(rng.uniform(math.log(4), math.log(40))) * self.scale,
                ratings=[p / total for p in probs],
                maker=TextMaker(rng, domain, name)))
        return out

    def _pool(self) -> list[_Author]:
        rng = self.rng
        days = self.history_days + self.eval_days
        volume = sum(t.per_day for t in self.targets) * days * (1 - self.one_off)
        size = max(40, int(volume / rng.uniform(4, 12)))
        alpha = rng.uniform(1.1, 2.0)
        weights = [t.per_day for t in self.targets]
        pool = []
        for _ in range(size):
            lang = "fr" if rng.random() < 0.4 else "en"
            favs = sorted(set(rng.choices(range(len(self.targets)), weights=weights,
                                          k=rng.randint(1, 4))))
            pool.append(_Author(self._name(lang), lang, rng.paretovariate(alpha), favs))
        self._cum: list[list[float]] = []
        self._cum_authors: list[list[_Author]] = []
        for k in range(len(self.targets)):
            members = [a for a in pool if k in a.favourites]
            others = [a for a in pool if k not in a.favourites]
            members += rng.sample(others, min(len(others), len(members) // 3))
            acc, cum = 0.0, []
            for a in members:
                acc += a.weight
                cum.append(acc)
            self._cum.append(cum)
            self._cum_authors.append(members)
        return pool

    def _name(self, lang: str) -> str:
        for _ in range(50):
            name = author_name(self.rng, lang, self.name_style)
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        name = f"{author_name(self.rng, lang, 1.0)}{len(self.used_names)}"
        self.used_names.add(name)
        return name

    # ------------------------------------------------------------- primitives

    def _rating(self, t: _Target) -> int | None:
        if not t.rated:
            return None
        return self.rng.choices(range(1, 6), weights=t.ratings)[0]

    def _genuine_author(self, k: int, one_off: float) -> tuple[str, str]:
        rng = self.rng
        t = self.targets[k]
        if rng.random() < one_off or not self._cum[k]:
            lang = "fr" if rng.random() < t.french else "en"
            return self._name(lang), lang
        cum = self._cum[k]
        a = self._cum_authors[k][bisect.bisect_left(cum, rng.random() * cum[-1])]
        return a.name, a.lang

    def _emit(self, k: int, at: datetime, author: str, rating: int | None, title: str | None,
              text: str, **truth: object) -> None:
        t = self.targets[k]
        self.items.append({
            "target": t.name, "source": t.source, "author": author, "rating": rating,
            "title": title, "text": text, "published_at": at, "truth": truth})

    def _genuine(self, k: int, at: datetime, one_off: float, rating: int | None = None,
                 incident: list[str] | None = None, author: tuple[str, str] | None = None,
                 **truth: object) -> None:
        t = self.targets[k]
        if rating is None:
            rating = self._rating(t)
        if rating is not None and rating <= 2:
            # Angry customers are more often first-time reviewers.
            one_off = min(0.97, one_off * self.angry_one_off)
        name, lang = author or self._genuine_author(k, one_off)
        title, text = t.maker.genuine(rating, lang, incident, self.typo_rate)
        self._emit(k, at, name, rating, title, text, **truth)

    def _rand_time(self, lo: datetime, hi: datetime) -> datetime:
        span = (hi - lo).total_seconds()
        return lo + timedelta(seconds=int(self.rng.random() * span))

    # ----------------------------------------------------------------- stream

    def background(self) -> None:
        rng = self.rng
        if rng.random() < 0.85:
            day = rng.randint(1, self.eval_days - 3)
            h0 = self.eval_start + timedelta(days=day, hours=rng.randrange(24))
            self.holiday = (h0, h0 + timedelta(days=rng.uniform(1, 3)), rng.uniform(1.8, 3.5),
                            min(0.97, self.one_off * rng.uniform(1.0, 1.3)))
            self.params["holiday"] = {"start": _iso(h0), "end": _iso(self.holiday[1]),
                                      "multiplier": round(self.holiday[2], 2)}
        hours = int((self.end - self.start).total_seconds() // 3600)
        weekly = [rng.uniform(0.8, 1.25) for _ in range(7)]
        for k, t in enumerate(self.targets):
            for h in range(hours):
                at0 = self.start + timedelta(hours=h)
                lam = t.per_day / 24 * _DIURNAL[at0.hour] * weekly[at0.weekday()] / 0.98
                one_off = self.one_off
                truth: dict[str, object] = {}
                if self.holiday and self.holiday[0] <= at0 < self.holiday[1]:
                    lam *= self.holiday[2]
                    one_off = self.holiday[3]
                    truth = {"benign_event": "holiday-1", "benign_kind": "holiday-peak"}
                for _ in range(int(self.np.poisson(lam))):
                    at = at0 + timedelta(seconds=rng.randrange(3600))
                    self._genuine(k, at, one_off, **truth)

    def prolific(self) -> None:
        rng = self.rng
        for p in range(rng.randint(3, 7)):
            lang = rng.choice(["en", "fr"])
            name = self._name(lang)
            favs = rng.sample(range(len(self.targets)), min(len(self.targets), rng.randint(3, 6)))
            per_day = rng.uniform(0.7, 3.0)
            at = self.start + timedelta(hours=rng.uniform(0, 48))
            while at < self.end:
                truth = {}
                if at >= self.eval_start:
                    truth = {"benign_event": f"prolific-{p + 1}", "benign_kind": "prolific"}
                self._genuine(rng.choice(favs), at, 0.0, author=(name, lang), **truth)
                at += timedelta(hours=rng.expovariate(per_day / 24))

    def complaint_waves(self) -> None:
        rng = self.rng
        rated = [k for k, t in enumerate(self.targets) if t.rated]
        for w in range(rng.randint(1, 2)):
            k = rng.choice(rated)
            t = self.targets[k]
            t0 = self._rand_time(self.eval_start + timedelta(days=1),
                                 self.end - timedelta(days=2))
            n = max(12, int(rng.randint(20, 80) * self.scale))
            tau = rng.uniform(3, 18)
            p1 = rng.uniform(0.4, 0.65)
            p2 = rng.uniform(0.15, 0.3)
            one_off = min(0.97, self.one_off * rng.uniform(1.0, 1.4))
            langs = {"en": t.maker.incident_phrases("en"), "fr": t.maker.incident_phrases("fr")}
            eid = f"wave-{w + 1}"
            self.waves.append((k, t0))
            for _ in range(n):
                at = t0 + timedelta(hours=min(48.0, rng.expovariate(1 / tau)))
                r = rng.random()
                rating = 1 if r < p1 else 2 if r < p1 + p2 else 3
                name, lang = self._genuine_author(k, one_off)
                incident = langs[lang] if rng.random() < 0.75 else None
                self._genuine(k, at, one_off, rating=rating, incident=incident,
                              author=(name, lang), benign_event=eid,
                              benign_kind="complaint-wave")

    # -------------------------------------------------------------- campaigns

    def _history_account(self, lang: str, n_reviews: int, exclude: int) -> str:
        """An account with ``n_reviews`` genuine-looking reviews in the history period."""
        name = self._name(lang)
        others = [k for k in range(len(self.targets)) if k != exclude] or [exclude]
        for _ in range(n_reviews):
            at = self._rand_time(self.start, self.eval_start - timedelta(days=1))
            self._genuine(rng_choice(self.rng, others), at, 0.0, author=(name, lang),
                          benign_kind="farm-history")
        return name

    def _farm(self, size: int, lang: str, exclude: int, lockstep: float) -> list[str]:
        """Aged accounts with 2-5 genuine-looking older reviews each.

        With probability ``lockstep`` the farm also did 1-3 earlier jobs: most of
        its accounts reviewing one other target within a day (labelled
        ``farm-warmup``, ratings and texts ordinary).
        """
        rng = self.rng
        names = [self._name(lang) for _ in range(size)]
        others = [k for k in range(len(self.targets)) if k != exclude] or [exclude]
        for name in names:
            for _ in range(rng.randint(1, 4)):
                at = self._rand_time(self.start, self.eval_start - timedelta(days=1))
                self._genuine(rng.choice(others), at, 0.0, author=(name, lang),
                              benign_kind="farm-history")
        jobs = rng.randint(1, 3) if rng.random() < lockstep else 0
        self.params.setdefault("farm_jobs", []).append(jobs)
        for _ in range(jobs):
            k = rng.choice(others)
            t0 = self._rand_time(self.start, self.eval_start - timedelta(days=2))
            crew = rng.sample(names, max(2, int(len(names) * rng.uniform(0.5, 1.0))))
            for name in crew:
                at = t0 + timedelta(hours=rng.uniform(0, 24))
                self._genuine(k, at, 0.0, author=(name, lang),
                              benign_kind="farm-warmup")
        return names

    def campaigns(self) -> None:
        rng = self.rng
        n = rng.randint(3, 6)
        kinds = ["camouflaged"] + [rng.choice(["smear", "boost", "template", "camouflaged"])
                                   for _ in range(n - 1)]
        rng.shuffle(kinds)
        lockstep = rng.uniform(0.3, 1.0)
        self.params["campaigns"] = []
        rated = [k for k, t in enumerate(self.targets) if t.rated]
        for c, kind in enumerate(kinds):
            cid = f"campaign-{c + 1}"
            # Keep campaigns 3 days away from complaint waves on the same target,
            # so that a flagged wave is a clear false alarm.
            for _ in range(30):
                k = rng.choice(rated if kind != "template" else range(len(self.targets)))
                t0 = self._rand_time(self.eval_start + timedelta(hours=12),
                                     self.end - timedelta(days=3))
                if all(j != k or abs(t0 - w0) > timedelta(days=3) for j, w0 in self.waves):
                    break
            t = self.targets[k]
            lang = "fr" if rng.random() < t.french else "en"
            info = {"id": cid, "kind": kind, "target": t.name, "start": _iso(t0)}
            self.attacks.append((k, t0))
            if kind == "camouflaged":
                self._camouflaged(cid, k, t0, lang, lockstep, info)
            else:
                self._wave(cid, kind, k, t0, lang, info)
            self.params["campaigns"].append(info)

    def _accounts(self, n: int, p_new: float, lang: str, exclude: int) -> list[str]:
        rng = self.rng
        return [self._name(lang) if rng.random() < p_new
                else self._history_account(lang, rng.randint(1, 3), exclude) for _ in range(n)]

    def _wave(self, cid: str, kind: str, k: int, t0: datetime, lang: str,
              info: dict[str, object]) -> None:
        rng = self.rng
        t = self.targets[k]
        if kind == "smear":
            n, hours, positive = rng.randint(12, 45), rng.uniform(2, 10), False
            dup_share, p_new = rng.uniform(0, 0.5), rng.uniform(0.6, 1.0)
        elif kind == "boost":
            n, hours, positive = rng.randint(10, 40), rng.uniform(4, 24), True
            dup_share, p_new = rng.uniform(0, 0.4), rng.uniform(0.6, 1.0)
        else:
            n, hours, positive = rng.randint(8, 25), rng.uniform(1, 12), rng.random() < 0.5
            dup_share, p_new = 1.0, rng.uniform(0.4, 1.0)
        n = max(6, int(n * (0.5 + self.scale / 2)))
        p_extreme = rng.uniform(0.8, 1.0)
        templates = [t.maker.template(positive, lang, kind == "template")
                     for _ in range(rng.randint(1, 3))]
        strength = rng.uniform(0.1, 0.8)
        authors = self._accounts(n, p_new, lang, k)
        info.update({"members": n, "hours": round(hours, 1), "positive": positive,
                     "duplicate_share": round(dup_share, 2), "new_share": round(p_new, 2)})
        for name in authors:
            at = t0 + timedelta(hours=hours * rng.random() ** rng.uniform(0.7, 1.5))
            rating = None
            if t.rated:
                extreme = rng.random() < p_extreme
                rating = (5 if extreme else 4) if positive else (1 if extreme else 2)
            if rng.random() < dup_share:
                title, text = None, t.maker.copy(rng.choice(templates), strength)
            elif positive and rng.random() < 0.3:
                title, text = t.maker.genuine(5, lang, None, self.typo_rate)
            else:
                title, text = t.maker.campaign(positive, lang, self.typo_rate)
            self._emit(k, at, name, rating, title, text, campaign=cid, campaign_kind=kind)

    def _camouflaged(self, cid: str, k: int, t0: datetime, lang: str, lockstep: float,
                     info: dict[str, object]) -> None:
        rng = self.rng
        n = max(6, int(rng.randint(8, 20) * (0.5 + self.scale / 2)))
        hours = rng.uniform(12, 72)
        positive = rng.random() < 0.5
        p_extreme = rng.uniform(0.85, 1.0)
        names = self._farm(n, lang, k, lockstep)
        rated = [j for j, other in enumerate(self.targets) if other.rated and j != k]
        second = rng.choice(rated) if rated and rng.random() < 0.4 else None
        if second is not None:
            self.attacks.append((second, t0))
        info.update({"members": n, "hours": round(hours, 1), "positive": positive,
                     "lockstep": round(lockstep, 2),
                     "second_target": self.targets[second].name if second is not None else None})
        self._farm_posts(cid, k, names, t0, hours, positive, p_extreme, lang)
        if second is not None:
            crew = rng.sample(names, max(4, int(len(names) * rng.uniform(0.6, 1.0))))
            self._farm_posts(f"{cid}b", second, crew, t0 + timedelta(hours=rng.uniform(-6, 6)),
                             hours, not positive, p_extreme, lang)

    def _farm_posts(self, cid: str, k: int, names: list[str], t0: datetime, hours: float,
                    positive: bool, p_extreme: float, lang: str) -> None:
        rng = self.rng
        t = self.targets[k]
        for name in names:
            at = t0 + timedelta(hours=hours * rng.random())
            extreme = rng.random() < p_extreme
            rating = (5 if extreme else 4) if positive else (1 if extreme else 2)
            if rng.random() < 0.5:
                title, text = t.maker.genuine(rating, lang, None, self.typo_rate)
            else:
                title, text = t.maker.campaign(positive, lang, self.typo_rate)
            self._emit(k, at, name, rating, title, text, campaign=cid, campaign_kind="camouflaged")

    def spotlight(self) -> None:
        """A genuine surge on one rated target, 3 days away from its waves and campaigns.

        What a campaign's volume must not be confused with: the target's usual
        reviewers and passers-by, their usual spread of ratings tilted towards
        five stars (the coverage brings fans), varied texts; as many reviews as
        a boost or more.
        """
        rng = self.rng
        rated = [k for k, t in enumerate(self.targets) if t.rated]
        if not rated or rng.random() >= 0.8:
            return
        busy = self.waves + self.attacks
        for _ in range(30):
            k = rng.choice(rated)
            t0 = self._rand_time(self.eval_start + timedelta(days=1),
                                 self.end - timedelta(days=2))
            if all(j != k or abs(t0 - b0) > timedelta(days=3) for j, b0 in busy):
                break
        else:
            return
        t = self.targets[k]
        hours = rng.uniform(4, 24)
        multiplier = rng.uniform(3, 8)
        extra = t.per_day / 24 * hours * (multiplier - 1)
        n = max(int(self.np.poisson(extra)), int(rng.randint(10, 40) * (0.5 + self.scale / 2)))
        tilt = rng.uniform(1.0, 2.5)
        weights = list(t.ratings)
        weights[4] *= tilt
        one_off = min(0.97, self.one_off * rng.uniform(1.0, 1.3))
        self.params["spotlight"] = {"target": t.name, "start": _iso(t0),
                                    "hours": round(hours, 1), "reviews": n,
                                    "five_star_tilt": round(tilt, 2)}
        for _ in range(n):
            at = t0 + timedelta(hours=hours * rng.random())
            rating = rng.choices(range(1, 6), weights=weights)[0]
            self._genuine(k, at, one_off, rating=rating, benign_event="spotlight-1",
                          benign_kind="spotlight")

    # ----------------------------------------------------------------- output

    def build(self, seed: int) -> Simulation:
        self.background()
        self.prolific()
        self.complaint_waves()
        self.campaigns()
        self.spotlight()
        self.items.sort(key=lambda it: (it["published_at"], it["target"], it["author"]))
        sim = Simulation(seed=seed, params=self.params)
        for i, it in enumerate(self.items, start=1):
            rid = f"r{i:06d}"
            truth = it["truth"]
            assert isinstance(truth, dict)
            sim.reviews.append({
                "id": rid, "target": it["target"], "source": it["source"],
                "author": it["author"], "rating": it["rating"], "title": it["title"],
                "text": it["text"], "published_at": _iso(it["published_at"])})  # type: ignore[arg-type]
            sim.truth.append({
                "id": rid, "published_at": _iso(it["published_at"]),  # type: ignore[arg-type]
                "target": it["target"],
                "campaign": truth.get("campaign"), "campaign_kind": truth.get("campaign_kind"),
                "benign_event": truth.get("benign_event"),
                "benign_kind": truth.get("benign_kind")})
        return sim


def rng_choice(rng: random.Random, options: list[int]) -> int:
    """``rng.choice`` with a type the checker understands."""
    return options[rng.randrange(len(options))]


def simulate_reviews(seed: int, size: str = "full",
                     texts: SentenceCorpus | None = None) -> Simulation:
    """Generate one review stream with planted campaigns from ``seed``.

    ``size`` is one of :data:`SIZES` (``full``: 4-8 targets, 30-60 history
    days, 14-21 evaluation days; ``small`` for tests...). ``texts``: write the
    reviews with these real sentences instead of the phrase banks; the rest of
    the stream (times, accounts, ratings, campaigns, events) is the same as
    without it. The same seed, size and texts give the same stream.
    """
    return _Builder(seed, size, texts).build(seed)
