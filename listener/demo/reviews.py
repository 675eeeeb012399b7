"""A simulated review stream inside the demo (``vigie demo --reviews SEED``).

``vigie simulate reviews`` writes streams with planted campaigns and their
truth for the evaluation; this module lets the demo play one of them live.
The stream of ``simulate_reviews(SEED, "small")`` is shifted in time so that
its first campaign on a rated target starts a few simulated hours after the
demo starts; each rated target becomes an app whose customer reviews the demo
server answers in Apple's App Store JSON (the same answers as for the demo's
Fromagerie Lune app), so the daemon polls them over HTTP like any App Store
source, and the TUI shows what the detector makes of them next to the
world's three brands. The planted campaigns and benign events are known
(:attr:`SimulatedReviews.truth`): the headless summary prints them beside
what was detected.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta

from listener.demo.compose import Author
from listener.demo.world import DemoItem
from listener.errors import VigieError
from listener.simulate import simulate_reviews
from listener.store.db import parse_iso

__all__ = ["SimulatedApp", "SimulatedReviews", "FIRST_APP_ID"]

#: App Store ids of the simulated apps: this one, then the next ones.
FIRST_APP_ID = 6470100001


@dataclass(frozen=True, slots=True)
class SimulatedApp:
    """One simulated target served as an App Store app."""

    app_id: str
    name: str
    #: Its reviews, oldest first, already shifted into the demo's time.
    items: tuple[DemoItem, ...]
    #: Publication times of ``items`` (for bisection).
    times: tuple[datetime, ...]


class SimulatedReviews:
    """The rated targets of one simulated stream, timed for a demo starting at ``start``.

    ``lead`` is how long after ``start`` the stream's first campaign on a rated
    target begins. Raises :class:`~listener.errors.VigieError` when the seed
    plants no campaign on a rated target (another seed will).
    """

    def __init__(self, seed: int, start: datetime, *, lead: timedelta = timedelta(hours=3),
                 size: str = "small") -> None:
        sim = simulate_reviews(seed, size)
        rated = {t["name"] for t in sim.params["targets"] if t["rated"]}  # type: ignore[attr-defined, index]
        campaigns = sorted((c for c in sim.params["campaigns"]  # type: ignore[attr-defined]
                            if c["target"] in rated), key=lambda c: c["start"])
        if not campaigns:
            raise VigieError(f"simulated stream {seed} plants no campaign on a rated target; "
                             "choose another --reviews seed")
        self.seed = seed
        self.shift = start + lead - parse_iso(campaigns[0]["start"])
        truth = {t["id"]: t for t in sim.truth}
        by_target: dict[str, list[DemoItem]] = {name: [] for name in sorted(rated)}
        for review in sim.reviews:
            target = str(review["target"])
            if target not in by_target:
                continue
            by_target[target].append(self._item(review, truth[str(review["id"])]))
        self.apps: dict[str, SimulatedApp] = {}
        for k, (name, items) in enumerate(by_target.items()):
            items.sort(key=lambda i: i.published)
            app_id = str(FIRST_APP_ID + k)
            self.apps[app_id] = SimulatedApp(app_id, name, tuple(items),
                                             tuple(i.published for i in items))
        #: The planted campaigns and benign events on these targets, in demo time:
        #: ``(kind, target, start, members)``, earliest first.
        self.truth: list[tuple[str, str, datetime, int]] = sorted(
            [(str(c["kind"]), str(c["target"]), parse_iso(c["start"]) + self.shift,
              int(c["members"])) for c in campaigns]
            + self._benign(sim.truth, rated), key=lambda t: t[2])

    def _item(self, review: dict[str, object], truth: dict[str, object]) -> DemoItem:
        author = str(review["author"] or "Anonymous")
        text = str(review["text"])
        origin = "campaign" if truth.get("campaign") else str(truth.get("benign_kind") or
                                                              "chatter")
        rating = review["rating"]
        return DemoItem(
            uid=f"sim{self.seed}-{review['id']}", feed=f"sim:{review['target']}",
            published=parse_iso(str(review["published_at"])) + self.shift,
            # Untitled reviews stay untitled: the daemon sees the simulator's text.
            title=str(review["title"] or ""), paragraphs=(text,),
            author=Author(author, author, "en"), link=None, lang="und",
            brands=(str(review["target"]),), stance="review", origin=origin, number=0,
            rating=int(rating) if isinstance(rating, int) else None)

    def _benign(self, truth: list[dict[str, object]],
                rated: set[str]) -> list[tuple[str, str, datetime, int]]:
        first: dict[tuple[str, str], tuple[datetime, int]] = {}
        for t in truth:
            # Prolific reviewers post all along: an "event" only in the truth's sense.
            if (t.get("benign_event") and t["target"] in rated
                    and t.get("benign_kind") != "prolific"):
                key = (str(t["benign_kind"]), str(t["target"]))
                at = parse_iso(str(t["published_at"])) + self.shift
                seen = first.get(key)
                first[key] = (min(at, seen[0]) if seen else at, (seen[1] if seen else 0) + 1)
        return [(kind, target, at, n) for (kind, target), (at, n) in first.items()]

    def latest(self, app_id: str, now: datetime, limit: int) -> list[DemoItem]:
        """The ``limit`` newest reviews of ``app_id`` published by ``now``."""
        app = self.apps[app_id]
        end = bisect.bisect_right(app.times, now)
        return list(app.items[max(0, end - limit):end])
