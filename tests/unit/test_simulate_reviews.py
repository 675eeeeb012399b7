"""The review simulator: deterministic per seed, varied across seeds, truthful."""

from __future__ import annotations

from listener.simulate import simulate_reviews


def test_same_seed_same_stream_other_seed_other_stream() -> None:
    """A seed fixes every review; another seed changes them."""
    a = simulate_reviews(11, "small")
    b = simulate_reviews(11, "small")
    c = simulate_reviews(12, "small")
    assert a.reviews == b.reviews and a.truth == b.truth and a.params == b.params
    assert a.reviews != c.reviews
    assert a.params["one_off_share"] != c.params["one_off_share"]


def test_stream_shape_and_truth() -> None:
    """Reviews are in time order with the input keys; truth has one line per review."""
    sim = simulate_reviews(13, "small")
    keys = {"id", "target", "source", "author", "rating", "title", "text", "published_at"}
    assert all(set(r) == keys for r in sim.reviews)
    times = [r["published_at"] for r in sim.reviews]
    assert times == sorted(times)
    assert [t["id"] for t in sim.truth] == [r["id"] for r in sim.reviews]
    assert all(r["rating"] in (None, 1, 2, 3, 4, 5) for r in sim.reviews)
    kinds = {t["campaign_kind"] for t in sim.truth} - {None}
    assert "camouflaged" in kinds
    benign = {t["benign_kind"] for t in sim.truth} - {None}
    assert {"complaint-wave", "prolific"} <= benign
    # A history period precedes every campaign.
    first_campaign = min(t["published_at"] for t in sim.truth if t["campaign"])
    assert first_campaign > sim.params["start"]
    assert sum(1 for t in sim.truth if t["published_at"] < first_campaign) > 200


def test_campaign_accounts_differ_by_kind() -> None:
    """Camouflaged members have history before the campaign; template members share text."""
    sim = simulate_reviews(14)
    by_id = {r["id"]: r for r in sim.reviews}
    seen: dict[str, int] = {}
    prior_counts = []
    for t in sim.truth:
        author = by_id[t["id"]]["author"]
        if t["campaign_kind"] == "camouflaged":
            prior_counts.append(seen.get(author, 0))
        seen[author] = seen.get(author, 0) + 1
    assert prior_counts and min(prior_counts) >= 1


def test_robustness_sizes_change_history_and_targets() -> None:
    """``short-history`` keeps 3-7 days before the campaigns; ``many-targets`` 16-20
    targets; ``many-small`` (and ``small-one-off``) 60-80 targets of at most 4.8 reviews
    a day."""
    for seed in (1, 2):
        short = simulate_reviews(seed, "short-history")
        assert 3 <= short.params["history_days"] <= 7
        assert any(t["campaign"] for t in short.truth)
        many = simulate_reviews(seed, "many-targets")
        assert 16 <= len({r["target"] for r in many.reviews}) <= 20
        assert 30 <= many.params["history_days"] <= 60
    for size in ("many-small", "small-one-off"):
        small = simulate_reviews(3, size)
        assert 60 <= len(small.params["targets"]) <= 80
        assert all(t["per_day"] <= 40 * 0.12 for t in small.params["targets"])


def test_one_off_size_makes_nearly_every_genuine_reviewer_new() -> None:
    """``one-off`` (and ``small-one-off``) draw 95-99 % one-off genuine reviewers, so most
    genuine reviews (not farm history) come from an author's only review; ``full`` has
    many regulars, ``established`` mostly regulars."""
    def first_time_share(size: str) -> float:
        sim = simulate_reviews(2, size)
        by_id = {r["id"]: r for r in sim.reviews}
        counts: dict[str, int] = {}
        for r in sim.reviews:
            counts[r["author"]] = counts.get(r["author"], 0) + 1
        genuine = [by_id[t["id"]]["author"] for t in sim.truth
                   if t["campaign"] is None and t["benign_kind"] in (None, "holiday-peak",
                                                                      "complaint-wave")]
        return sum(counts[a] == 1 for a in genuine) / len(genuine)

    one_off = simulate_reviews(2, "one-off")
    assert 0.95 <= one_off.params["one_off_share"] <= 0.99
    assert first_time_share("one-off") > 0.9
    assert first_time_share("full") < 0.9
    assert first_time_share("small-one-off") > 0.9
    # ``established`` is the other end: reviewers keep their accounts.
    assert 0.05 <= simulate_reviews(2, "established").params["one_off_share"] <= 0.2
    assert first_time_share("established") < 0.2


def test_a_spotlight_is_a_genuine_surge_on_one_target_away_from_campaigns(monkeypatch) -> None:
    """One rated target's volume surges for hours, from the usual population, 3 days from
    that target's campaigns and waves; the other reviews of the seed are unchanged by it."""
    from datetime import datetime, timedelta

    from listener.simulate import reviews

    def at(text: str) -> datetime:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))

    found = 0
    # Small streams (3-4 targets, 5-7 days) often leave no room 3 days from
    # every campaign: 6 of seeds 1-20 have a spotlight (9 of 1-10 in full size).
    for seed in range(1, 13):
        sim = simulate_reviews(seed, "small")
        spot = sim.params.get("spotlight")
        members = [t for t in sim.truth if t["benign_kind"] == "spotlight"]
        if spot is None:
            assert not members
            continue
        found += 1
        assert len(members) == spot["reviews"] >= 5
        assert {t["target"] for t in members} == {spot["target"]}
        start = at(spot["start"])
        hours = timedelta(hours=spot["hours"] + 0.1)
        assert all(start <= at(t["published_at"]) <= start + hours for t in members)
        ids = {t["id"] for t in members}
        ratings = [r["rating"] for r in sim.reviews if r["id"] in ids]
        assert all(r in (1, 2, 3, 4, 5) for r in ratings)
        # Varied texts from varied accounts: no coordination was planted (short
        # genuine texts such as "Awful service" repeat naturally).
        texts = [r["text"] for r in sim.reviews if r["id"] in ids]
        authors = [r["author"] for r in sim.reviews if r["id"] in ids]
        assert len(set(texts)) >= 0.9 * len(texts) and len(set(authors)) >= 0.9 * len(authors)
        for c in sim.params["campaigns"]:
            if spot["target"] in (c["target"], c.get("second_target")):
                assert abs(at(c["start"]) - start) > timedelta(days=3)
        # Everything else is the stream the seed gave before spotlights existed.
        rest = [{k: v for k, v in r.items() if k != "id"} for r in sim.reviews
                if r["id"] not in ids]
        monkeypatch.setattr(reviews._Builder, "spotlight", lambda self: None)
        without = simulate_reviews(seed, "small")
        monkeypatch.undo()
        assert rest == [{k: v for k, v in r.items() if k != "id"} for r in without.reviews]
    assert found >= 3
