"""The streaming campaign detector on small hand-made streams.

Each test starts from the same 30-day history (three rated targets, one
unrated, regular reviewers and one-off accounts, varied texts) and adds one
event after it.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from listener.detection.campaign_reasons import CAUTION, short_copies_caution
from listener.detection.campaigns import CampaignConfig, CampaignDetector, ReviewItem

T0 = datetime(2026, 3, 1, tzinfo=UTC)
EVENT = T0 + timedelta(days=30, hours=10)
TARGETS = ("acme", "globex", "initech")
WORDS = ["app", "works", "fine", "today", "sync", "slow", "login", "quick", "menu", "price", "support", "team", "order", "parcel", "refund", "screen", "update", "battery", "music", "photo", "friend", "week", "month", "coffee", "train", "design", "button", "colour", "widget", "chat", "search", "export", "backup", "account", "card", "bank", "shop", "night", "morning", "weekend", "review", "store", "version", "phone", "laptop", "tablet", "offline", "online", "fast", "clear", "simple", "messy", "bright", "dark", "happy", "tired", "useful", "handy", "clunky", "smooth", "stable"]


def _text(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _history(seed: int = 0) -> list[ReviewItem]:
    rng = random.Random(seed)
    regulars = [f"regular{i}" for i in range(60)]
    favourites = {name: rng.sample(TARGETS, 2) for name in regulars}
    items: list[ReviewItem] = []
    n = 0
    for hour in range(30 * 24):
        at0 = T0 + timedelta(hours=hour)
        for target in TARGETS + ("forum",):
            if rng.random() > 0.35:
                continue
            n += 1
            if rng.random() < 0.35:
                author = f"oneoff{n}"
            else:
                author = rng.choice([r for r in regulars if target in favourites[r]]
                                    or regulars)
            rating = None if target == "forum" else rng.choices(
                range(1, 6), weights=(6, 5, 10, 30, 49))[0]
            items.append(ReviewItem(f"h{n}", target, author, _text(rng),
                                    at0 + timedelta(minutes=rng.randrange(60)), rating))
    return items


@pytest.fixture(scope="module")
def history() -> list[ReviewItem]:
    """The shared 30-day history."""
    return _history()


def _run(items: list[ReviewItem], config: CampaignConfig | None = None):
    detector = CampaignDetector(config)
    events = []
    for item in sorted(items, key=lambda it: it.published_at):
        events.extend(detector.observe(item))
    return detector, events


def _smear(rng: random.Random, n: int = 20, hours: float = 3.0) -> list[ReviewItem]:
    template = ("Total scam, they took my money and never delivered anything, "
                "avoid this company at all costs")
    out = []
    for i in range(n):
        if i % 2:
            text = template.replace("money", rng.choice(["money", "cash"])) + "!" * (i % 3)
        else:
            text = "Scam. " + _text(rng, 10)
        out.append(ReviewItem(f"smear{i}", "acme", f"fresh{i}", text,
                              EVENT + timedelta(hours=hours * i / n), 1))
    return out


def test_history_alone_raises_no_campaign(history: list[ReviewItem]) -> None:
    """Ordinary activity (regulars, one-off accounts, varied texts) is never flagged."""
    detector, events = _run(history)
    assert events == []
    assert detector.campaigns == []
    assert all(detector.suspicion(i.id) is None or detector.suspicion(i.id).score < 0.5
               for i in history)


def test_fast_smear_is_caught_with_reasons(history: list[ReviewItem]) -> None:
    """Twenty 1-star reviews from new accounts, half near-duplicates, open one campaign."""
    smear = _smear(random.Random(1))
    detector, events = _run(history + smear)
    assert [e.kind for e in events][0] == "opened"
    (campaign,) = detector.campaigns
    assert campaign.target == "acme" and campaign.direction == "negative"
    members = set(campaign.members)
    assert len(members & {s.id for s in smear}) >= 16
    assert not members - {s.id for s in smear}
    assert 0.5 <= campaign.score <= 1.0
    text = " ".join(campaign.reasons)
    assert "first seen" in text and "near-duplicates" in text and "mean rating 1.0" in text
    assert CAUTION not in campaign.reasons  # copies are a direct trace of coordination
    assert campaign.figures["new_accounts"] >= 16
    flagged = [detector.suspicion(s.id) for s in smear]
    assert all(f is not None and 0.0 <= f.score <= 1.0 for f in flagged)
    first_flag = min(f.flagged_at for f in flagged if f.flagged_at)
    assert first_flag - EVENT <= timedelta(hours=3)


def test_campaign_grows_then_closes_after_quiet_time(history: list[ReviewItem]) -> None:
    """New members arrive as 'grown' events; the campaign closes after quiet_hours."""
    detector, events = _run(history + _smear(random.Random(2), n=24, hours=4))
    kinds = [e.kind for e in events]
    assert kinds[0] == "opened" and "grown" in kinds
    (campaign,) = detector.campaigns
    assert campaign.status == "open"
    assert detector.tick(campaign.last_member_at + timedelta(hours=23)) == []
    closed = detector.tick(campaign.last_member_at + timedelta(hours=25))
    assert [e.kind for e in closed] == ["closed"]
    assert campaign.status == "closed" and campaign.closed_at is not None


def _complaint_wave(rng: random.Random, tag: str, start: datetime) -> list[ReviewItem]:
    """40 varied negative reviews on acme in 8 h from ``start``, 65 % regulars, ratings 1-3."""
    wave = []
    for i in range(40):
        author = f"regular{rng.randrange(60)}" if rng.random() < 0.65 else f"angry{tag}{i}"
        rating = rng.choice((1, 1, 1, 2, 2, 3))
        wave.append(ReviewItem(f"wave{tag}{i}", "acme", author,
                               "Login broken since the update. " + _text(rng, 10),
                               start + timedelta(hours=8 * rng.random()), rating))
    return wave


def test_genuine_complaint_wave_is_not_a_campaign(history: list[ReviewItem]) -> None:
    """An incident: 40 varied negative reviews, mostly regulars, ratings spread, in 8 h."""
    wave = _complaint_wave(random.Random(3), "", EVENT)
    detector, events = _run(history + wave)
    assert events == []
    assert all(detector.suspicion(w.id).flagged_at is None for w in wave)


def _fresh_wave(rng: random.Random, tag: str, start: datetime, n: int) -> list[ReviewItem]:
    """``n`` one-star reviews from first-time accounts in 4 h, varied texts."""
    return [ReviewItem(f"{tag}{i}", "acme", f"{tag}-account{i}", "Scam. " + _text(rng, 12),
                       start + timedelta(hours=4.0 * i / n), 1) for i in range(n)]


@pytest.mark.parametrize("half_hours", [12.0, 0.0])
def test_a_second_attack_on_the_same_target_is_still_caught(
        history: list[ReviewItem], half_hours: float) -> None:
    """A large smear must not teach the target that fresh one-star accounts are usual.

    Three days after 60 one-star reviews from new accounts, 12 more arrive.
    The background counts each settled item as its share of usual volume
    (``background_volume_half_hours``), so the second attack is judged against
    usual traffic and caught; counting every item fully (0, the behaviour
    before) loses it entirely: the control half of this test.
    """
    rng = random.Random(11)
    first = _fresh_wave(rng, "first", EVENT, 60)
    second = _fresh_wave(rng, "second", EVENT + timedelta(days=3), 12)
    detector, _ = _run(history + first + second,
                       CampaignConfig(background_volume_half_hours=half_hours))
    assert all(detector.suspicion(i.id).flagged_at is not None for i in first)
    caught = sum(detector.suspicion(i.id).flagged_at is not None for i in second)
    if half_hours:
        assert caught >= 10
    else:
        assert caught == 0


def test_two_genuine_complaint_waves_on_one_target_are_not_campaigns(
        history: list[ReviewItem]) -> None:
    """Down-weighting the first wave in the background does not make the second suspect."""
    rng = random.Random(12)
    waves = (_complaint_wave(rng, "0-", EVENT)
             + _complaint_wave(rng, "1-", EVENT + timedelta(days=3)))
    detector, events = _run(history + waves)
    assert events == []
    assert all(detector.suspicion(w.id).flagged_at is None for w in waves)


def _one_off_traffic(rng: random.Random, tag: str, start: datetime, hours: int,
                     per_hour: float, targets: tuple[str, ...] = TARGETS) -> list[ReviewItem]:
    """Traffic where 70 % of reviewers appear once and negatives are mostly one star."""
    items = []
    for hour in range(hours):
        for target in targets:
            count = int(per_hour) + (rng.random() < per_hour - int(per_hour))
            for _ in range(count):
                n = len(items)
                author = f"{tag}{n}" if rng.random() < 0.7 else f"regular{rng.randrange(40)}"
                rating = rng.choices(range(1, 6), weights=(20, 4, 4, 30, 42))[0]
                items.append(ReviewItem(
                    f"{tag}{n}", target, author, _text(rng),
                    start + timedelta(hours=hour, minutes=rng.randrange(60)), rating))
    return items


@pytest.mark.parametrize("extend_min_membership", [0.75, 0.0])
def test_look_alikes_after_a_smear_do_not_keep_it_open(extend_min_membership: float) -> None:
    """A smear, then three days of a genuine surge of one-off reviewers on its target.

    The surge's one-star reviews from new accounts look a little like the smear's
    members; while the smear is in the scan window some are flagged with it, at
    doubtful membership. They must not prolong the campaign: it closes a day after
    its last likely member (membership >= 0.75), and nothing of the surge after that
    is flagged. When every member prolongs it (0, the behaviour before), the
    look-alikes keep it open past the 30th hour and are flagged a day and more
    after the smear: the control half. (Over seeds 1-8 of this stream, the surge
    reviews flagged fall from 31 to 20 and those posted after the 30th hour from 13
    to 2; 38 to 20 and 20 to 2 before the genuine rate of a rare feature was
    floored instead of each kind's ratio clipped.)
    """
    rng = random.Random(8)
    history = _one_off_traffic(rng, "h", T0, 30 * 24 + 10, 0.4)
    smear = _smear(rng)
    surge = _one_off_traffic(rng, "surge", EVENT + timedelta(hours=4), 72, 1.2, ("acme",))
    detector, _ = _run(history + smear + surge,
                       CampaignConfig(extend_min_membership=extend_min_membership))
    (campaign,) = [c for c in detector.campaigns if set(c.members) & {s.id for s in smear}]
    late = [s for s in surge if s.published_at > EVENT + timedelta(hours=30)
            and detector.suspicion(s.id) is not None
            and detector.suspicion(s.id).flagged_at is not None]
    if extend_min_membership:
        assert campaign.last_likely_at <= EVENT + timedelta(hours=12)
        assert late == []
    else:
        assert campaign.last_likely_at > EVENT + timedelta(hours=30)
        assert len(late) >= 3


def test_holiday_peak_is_not_a_campaign(history: list[ReviewItem]) -> None:
    """Three times the usual volume for two days, ordinary mix, is no campaign."""
    rng = random.Random(4)
    peak = []
    for i in range(180):
        target = rng.choice(TARGETS)
        author = f"gift{i}" if rng.random() < 0.45 else f"regular{rng.randrange(60)}"
        rating = rng.choices(range(1, 6), weights=(6, 5, 10, 30, 49))[0]
        peak.append(ReviewItem(f"peak{i}", target, author, _text(rng),
                               EVENT + timedelta(hours=48 * rng.random()), rating))
    detector, events = _run(history + peak)
    assert events == []


def _earlier_jobs(rng: random.Random, names: list[str]) -> list[ReviewItem]:
    """Four-star reviews of globex (day 5) and initech (day 15) by ``names``, within 10 h."""
    return [ReviewItem(f"job{job}-{name}", target, name, _text(rng),
                       T0 + timedelta(days=day, hours=rng.uniform(0, 10)), 4)
            for job, (target, day) in enumerate((("globex", 5), ("initech", 15)))
            for name in names]


def test_lockstep_farm_is_caught(history: list[ReviewItem]) -> None:
    """Aged accounts that reviewed two other targets together then boost a third."""
    rng = random.Random(5)
    farm = [f"farm{i}" for i in range(10)]
    items = history + _earlier_jobs(rng, farm)
    boost = [ReviewItem(f"boost-{name}", "acme", name, _text(rng),
                        EVENT + timedelta(hours=rng.uniform(0, 30)), 5) for name in farm]
    detector, _ = _run(items + boost)
    lock = [detector.suspicion(b.id).evidence.get("lockstep") for b in boost]
    assert sum(bool(x) for x in lock) >= 6
    caught = [b for b in boost if detector.suspicion(b.id).flagged_at is not None]
    assert len(caught) >= 5
    campaign = next(c for c in detector.campaigns if c.target == "acme")
    assert campaign.direction == "positive"
    assert any("lockstep" in reason for reason in campaign.reasons)
    assert CAUTION not in campaign.reasons
    # Lockstep members carry strong evidence of their own.
    assert campaign.figures["weak_members"] <= 1
    # The farm's second job (initech, after the globex one) is coordination too.
    assert {c.target for c in detector.campaigns} <= {"acme", "initech"}


def test_lockstep_partners_gave_the_same_rating(history: list[ReviewItem]) -> None:
    """Accounts that met elsewhere are partners here only if they do the same thing.

    Eight accounts reviewed globex and initech together; on acme four give
    five stars and four give four. Each account is compared with the
    accounts that gave its rating only (three crewmates, not seven), and all
    eight are still lockstep.
    """
    rng = random.Random(8)
    crew = [f"crew{i}" for i in range(8)]
    items = history + _earlier_jobs(rng, crew)
    here = [ReviewItem(f"here-{name}", "acme", name, _text(rng),
                       EVENT + timedelta(hours=2 * k), 5 if k % 2 else 4)
            for k, name in enumerate(crew)]
    detector, _ = _run(items + here)
    assert all(detector.suspicion(h.id).evidence.get("lockstep") for h in here)
    for h in here:
        partners = {p for p in detector._entries[h.id].lock_partners if p.startswith("crew")}
        same = {f"crew{k}" for k in range(8) if k % 2 == crew.index(h.author) % 2}
        assert partners == same - {h.author}


def test_a_farm_working_two_targets_at_once_meets_after_being_compared(
        history: list[ReviewItem]) -> None:
    """Meetings that happen after two accounts were compared still count.

    Eight aged accounts, one review each in the history, alternate a
    one-star review of acme and, an hour later, a five-star review of globex.
    When an account reaches acme, its crewmates there have not met it on
    globex yet; they do within the day. Counted when it happens, that
    makes the acme reviews lockstep too; without the re-comparison only the
    globex ones (whose crewmates had already met on acme) are.
    """
    rng = random.Random(11)
    crew = [f"crew{i}" for i in range(8)]
    aged = [ReviewItem(f"old-{name}", "initech", name, _text(rng),
                       T0 + timedelta(days=rng.uniform(1, 28)), 4) for name in crew]
    acme = [ReviewItem(f"acme-{name}", "acme", name, _text(rng),
                       EVENT + timedelta(hours=2 * k), 1) for k, name in enumerate(crew)]
    globex = [ReviewItem(f"globex-{name}", "globex", name, _text(rng),
                         EVENT + timedelta(hours=2 * k + 1), 5) for k, name in enumerate(crew)]

    def lockstep(config: CampaignConfig | None) -> tuple[int, int]:
        detector, _ = _run(history + aged + acme + globex, config)
        return tuple(sum(bool(detector.suspicion(x.id).evidence.get("lockstep")) for x in side)
                     for side in (acme, globex))  # type: ignore[return-value]

    on_acme, on_globex = lockstep(None)
    assert on_acme >= 6 and on_globex >= 6
    off_acme, off_globex = lockstep(CampaignConfig(lockstep_recheck=False))
    assert off_acme <= 1 and off_globex >= 6


def _shop(seed: int = 3) -> list[ReviewItem]:
    """A shop reviewed mostly by one-off customers giving five stars (about 1 an hour)."""
    rng = random.Random(seed)
    regulars = [f"shopper{i}" for i in range(40)]
    out: list[ReviewItem] = []
    for hour in range(int((EVENT - T0).total_seconds() // 3600) + 72):
        for _ in range(2 if rng.random() < 0.3 else 1 if rng.random() < 0.6 else 0):
            author = f"once{len(out)}" if rng.random() < 0.7 else rng.choice(regulars)
            rating = rng.choices(range(1, 6), weights=(5, 3, 7, 20, 65))[0]
            out.append(ReviewItem(f"s{len(out)}", "shop", author, _text(rng),
                                  T0 + timedelta(hours=hour, minutes=rng.randrange(60)), rating))
    return out


def test_ordinary_reviews_around_a_boost_keep_their_own_evidence(
        history: list[ReviewItem]) -> None:
    """Genuine one-off five-star reviews hours before a boost are not swept into it.

    They look like the boost's members (new accounts, five stars), but they
    came in the shop's usual volume: their prior membership is capped by the
    excess volume around them. Without the cap the 72 h window that fits the
    boost best also flagged reviews posted 15 h before it.
    """
    rng = random.Random(1)
    text = "Best shop in town, friendly staff and great prices, I recommend it to everyone"
    boost = [ReviewItem(f"boost{i}", "shop", f"fan{i}",
                        text.replace("great", rng.choice(["great", "good"])) + "!" * (i % 3),
                        EVENT + timedelta(hours=3 * i / 20), 5) for i in range(20)]
    genuine = history + _shop()

    def flagged(config: CampaignConfig) -> tuple[int, list[float]]:
        detector, _ = _run(genuine + boost, config)
        caught = sum(detector.suspicion(b.id).flagged_at is not None for b in boost)
        hours = [(it.published_at - EVENT).total_seconds() / 3600 for it in genuine
                 if (sus := detector.suspicion(it.id)) is not None and sus.flagged_at]
        return caught, hours

    caught, hours = flagged(CampaignConfig())
    assert caught == 20
    assert min(hours) > -12  # nothing from the ordinary hours well before the boost
    uncapped, hours_uncapped = flagged(CampaignConfig(membership_half_hours=()))
    assert uncapped == 20
    assert min(hours_uncapped) < -12 and len(hours_uncapped) > len(hours)


def _quiet(seed: int = 6) -> list[ReviewItem]:
    """30 days of "quiet": 1.5 reviews a day, 80 % first-time accounts, 70 % five stars.

    Its genuine reviewers look like a boost's members (new accounts, five
    stars), so their features are weak evidence there.
    """
    rng = random.Random(seed)
    out = []
    for hour in range(30 * 24):
        if rng.random() < 1.5 / 24:
            rating = rng.choices(range(1, 6), weights=(8, 4, 6, 12, 70))[0]
            author = f"q-oneoff{hour}" if rng.random() < 0.8 else f"regular{rng.randrange(60)}"
            out.append(ReviewItem(f"q{hour}", "quiet", author, _text(rng),
                                  T0 + timedelta(hours=hour, minutes=rng.randrange(60)), rating))
    return out


@pytest.mark.parametrize("cap", [3.0, 0.0])
def test_a_boost_on_a_quiet_target_is_caught_by_its_volume(
        history: list[ReviewItem], cap: float) -> None:
    """Twelve five-star reviews from new accounts in 8 h where 1.5 a day is usual.

    Each looks like the target's genuine reviewers (likelihood ratio about
    1.7), so only the surge says something happened. With volume evidence
    (``volume_evidence_cap``, 3 nats at most) the boost is caught; without it
    (0, the behaviour before: the control half of this test) none is flagged.
    """
    rng = random.Random(5)
    boost = [ReviewItem(f"boost{i}", "quiet", f"fan{i}", _text(rng),
                        EVENT + timedelta(hours=8.0 * i / 12), 5) for i in range(12)]
    detector, _ = _run(history + _quiet() + boost, CampaignConfig(volume_evidence_cap=cap))
    caught = sum(detector.suspicion(b.id).flagged_at is not None for b in boost)
    assert caught == (12 if cap else 0)
    if cap:
        # Nothing but timing, new accounts and ratings: the reasons say that a
        # genuine crowd could look the same.
        (campaign,) = [c for c in detector.campaigns if c.target == "quiet"]
        assert campaign.reasons[-1] == CAUTION
        assert campaign.figures["direct_traces"] == 0
        # Each member's own evidence is weak (likelihood ratio about 1.7):
        # they are flagged for arriving together, and the reasons say so.
        assert campaign.figures["weak_members"] == 12
        assert any(r.startswith("12 of 12 members carry little evidence of their own")
                   for r in campaign.reasons)


def _quiet_wave(seed: int) -> list[ReviewItem]:
    """20 negative reviews in 10 h on "quiet": 80 % new accounts, half one star, then 2-3."""
    rng = random.Random(seed)
    wave = []
    for i in range(20):
        author = f"angry{i}" if rng.random() < 0.8 else f"regular{rng.randrange(60)}"
        wave.append(ReviewItem(f"wave{seed}-{i}", "quiet", author,
                               "Charged twice this month. " + _text(rng, 10),
                               EVENT + timedelta(hours=10.0 * rng.random()),
                               rng.choice((1, 1, 2, 3))))
    return wave


def test_complaint_waves_on_a_quiet_target_are_not_campaigns(history: list[ReviewItem]) -> None:
    """A genuine surge raises the two- and three-star reviews too; a campaign would not.

    Eight waves of 20 angry reviews, mostly from new accounts, each as extreme
    in volume as a smear (dozens of times the usual rate). Volume evidence counts only
    as far as what a campaign would leave behind, the middle ratings
    included, looks ordinary, so none of them is flagged. Without that check
    (``volume_middle_ratings=False``, the control) some are.
    """
    genuine = history + _quiet()

    def flagged(config: CampaignConfig) -> list[int]:
        out = []
        for seed in range(6, 14):
            wave = _quiet_wave(seed)
            detector, _ = _run(genuine + wave, config)
            out.append(sum(detector.suspicion(w.id).flagged_at is not None for w in wave))
        return out

    assert flagged(CampaignConfig()) == [0] * 8
    assert sum(flagged(CampaignConfig(volume_middle_ratings=False))) > 0


#: How customers hit by one bad update say so, in a few words.
_CRASH_PHRASES = (
    "Keeps crashing", "App keeps crashing.", "Crashes on startup", "Won't open anymore",
    "Doesn't work anymore", "Crashes every time I open it", "Since the update it crashes",
    "Crashes since the update!", "Can't log in", "Cannot log in since the update",
    "The update broke everything", "Please fix the crash", "Crashing constantly",
    "Worst update ever", "It keeps crashing after the update", "Useless since update",
    "Doesn't open", "Keeps crashing!!")


def _short_wave(seed: int) -> list[ReviewItem]:
    """20 genuine complaints in 10 h on "quiet" after a bad update: 80 % new accounts,
    one, two and three stars 60 / 25 / 15 %, mostly short phrasings of the same problem."""
    rng = random.Random(seed)
    wave = []
    for i in range(20):
        author = f"angry{seed}-{i}" if rng.random() < 0.8 else f"regular{rng.randrange(60)}"
        text = rng.choice(_CRASH_PHRASES)
        if rng.random() >= 0.7:
            text += ". " + _text(rng, 6)
        if 30 <= len(text) < 45:  # sentences of 30 characters or more are not repeated
            text += ". " + _text(rng, 6)
        wave.append(ReviewItem(f"short{seed}-{i}", "quiet", author, text,
                               EVENT + timedelta(hours=10 * rng.random()),
                               rng.choices((1, 2, 3), weights=(6, 2.5, 1.5))[0]))
    return wave


def test_a_campaign_whose_copies_are_all_short_texts_carries_the_caution(
        history: list[ReviewItem]) -> None:
    """Customers describing the same crash write near-duplicates too ("Crashes since
    the update!"): a campaign whose copies are all short texts says so.

    Such genuine waves are still flagged on a target whose reviews are seldom
    short (4 of seeds 1-12; a known risk, docs/evaluation-campaigns.md, "Stop
    31"); the caution is what keeps a person from taking one for a bot network.
    """
    detector, _ = _run(history + _quiet() + _short_wave(1))
    (campaign,) = [c for c in detector.campaigns if c.target == "quiet"]
    assert campaign.figures["near_duplicates"] >= 2
    assert campaign.figures["short_copies"] == campaign.figures["near_duplicates"]
    assert campaign.figures["direct_traces"] == 0
    assert campaign.reasons[-1] == short_copies_caution(CampaignConfig().duplicate_min_chars)


def test_a_short_copy_weighs_as_little_as_short_texts_are_rare_on_the_target(
        history: list[ReviewItem]) -> None:
    """A campaign's copies are short texts at most as often as the target's reviews are.

    On "quiet" (no short texts in 30 days) the profiles' fixed 30 % of short
    copies made each "Crashes since the update!" of a genuine wave weigh
    eleven times its genuine rate, and seed 2's wave (3 short copies among 20
    complaints) was flagged (11 reviews; 8 of seeds 1-12). Now it is not (4
    of 12 still are: the known risk above).
    """
    detector, _ = _run(history + _quiet() + _short_wave(2))
    assert not [c for c in detector.campaigns if c.target == "quiet"]


def _copies(rng: random.Random, text: str, word: str, edits: list[str], name: str,
            target: str, n: int, minutes: int, rating: int | None) -> list[ReviewItem]:
    """``n`` new accounts ``name0``... posting ``text`` with ``word`` edited, one every
    ``minutes`` from EVENT."""
    return [ReviewItem(f"{name}{i}", target, f"{name}{i}",
                       text.replace(word, rng.choice(edits)),
                       EVENT + timedelta(minutes=minutes * i), rating) for i in range(n)]


def test_bot_network_on_plain_mentions(history: list[ReviewItem]) -> None:
    """Twelve new accounts posting edited copies of one complaint on an unrated forum."""
    text = "Acme forum mods delete every complaint about the billing bug, shameful company"
    bots = _copies(random.Random(6), text, "shameful", ["shameful", "shameless", "awful"],
                   "bot", "forum", 12, 20, None)
    detector, _ = _run(history + bots)
    (campaign,) = detector.campaigns
    assert campaign.direction == "unrated" and campaign.target == "forum"
    assert len(set(campaign.members) & {b.id for b in bots}) >= 10


def test_a_campaign_of_mentions_reports_its_uniform_polarity(history: list[ReviewItem]) -> None:
    """Mentions carry their sentiment label; the campaign says how one-sided its members
    are against the target's usual mentions (a third negative in this history)."""
    rng = random.Random(8)
    labelled = [replace(it, polarity=rng.choice(("negative", "neutral", "positive")))
                if it.rating is None else it for it in history]
    text = "Acme forum mods delete every complaint about the billing bug, shameful company"
    bots = [replace(b, polarity="negative") for b in _copies(
        random.Random(6), text, "shameful", ["shameful", "shameless", "awful"], "bot",
        "forum", 12, 20, None)]
    detector, _ = _run(labelled + bots)
    (campaign,) = detector.campaigns
    reason = next(r for r in campaign.reasons if "by sentiment" in r)
    members = len(campaign.members)
    assert reason.startswith(f"{members} of {members} mentions negative by sentiment vs ")
    assert 25 <= campaign.figures["usual_negative_share"] * 100 <= 40
    assert campaign.figures["negative_mentions"] == members
    # Without labels (a source the daemon could not score) there is no such reason.
    detector, _ = _run(history + [replace(b, polarity=None) for b in bots])
    assert not any("by sentiment" in r for r in detector.campaigns[0].reasons)


def test_no_campaign_during_warm_up() -> None:
    """Nothing is reported before the stream is warmup_days old."""
    smear = _smear(random.Random(7))
    shifted = [ReviewItem(s.id, s.target, s.author, s.text,
                          s.published_at - timedelta(days=29), s.rating) for s in smear]
    short = [i for i in _history() if i.published_at < T0 + timedelta(days=2)]
    detector, events = _run(short + shifted)
    assert events == [] and detector.campaigns == []


def test_new_target_after_warm_up_uses_the_global_background(history: list[ReviewItem]) -> None:
    """A smear on a target never seen before is still caught once the stream is warm."""
    smear = [ReviewItem(s.id, "newco", s.author, s.text, s.published_at, s.rating)
             for s in _smear(random.Random(8))]
    detector, _ = _run(history + smear)
    (campaign,) = detector.campaigns
    assert campaign.target == "newco"
    assert len(campaign.members) >= 12


def test_naive_times_are_refused() -> None:
    """published_at must carry a time zone."""
    with pytest.raises(ValueError, match="timezone"):
        CampaignDetector().observe(ReviewItem("x", "t", "a", "text", datetime(2026, 1, 1), 5))


def _mixed_lengths(seed: int) -> list[ReviewItem]:
    """A forum whose short posts often share a sentence and whose long posts never do."""
    rng = random.Random(seed)
    bank = ["Anyone else seeing this?", "Same here since Monday.", "Thanks for the tip.",
            "Works again for me.", "Still waiting on support.", "Great community here.",
            "Not sure what changed.", "Had the same issue last week."]
    items = []
    for hour in range(30 * 24):
        if rng.random() > 0.5:
            continue
        text = " ".join(rng.sample(bank, 2)) if rng.random() < 0.5 else _text(rng, 30)
        items.append(ReviewItem(f"m{hour}", "forum", f"poster{rng.randrange(400)}", text,
                                T0 + timedelta(hours=hour, minutes=rng.randrange(60)), None))
    return items


@pytest.mark.parametrize("medium_chars", [100, 30])
def test_a_copied_short_post_counts_less_where_short_posts_share_sentences(
        medium_chars: int) -> None:
    """Copies are judged against the chance of a copy among texts of their length.

    On this forum two posts of under 100 characters often share a sentence
    (near-duplicates by chance), long posts never do. Eight copies of a short
    post are then weaker evidence than eight copies of a long one. With
    ``duplicate_medium_chars`` at ``duplicate_min_chars`` (no medium class, the
    control) both are judged against the rate of all texts from 30 characters
    and weigh the same.
    """
    short = "Mods deleted my post about the billing bug again. Shameful."
    long_ = ("Mods deleted my post about the billing bug again, the third time this "
             "month, and nobody from the company ever answers the tickets we open.")
    event = []
    for i in range(8):
        at = EVENT + timedelta(minutes=10 * i)
        event.append(ReviewItem(f"s{i}", "forum", f"bots{i}", short, at, None))
        event.append(ReviewItem(f"l{i}", "forum", f"botl{i}", long_, at, None))
    detector, _ = _run(_mixed_lengths(3) + event,
                       CampaignConfig(duplicate_medium_chars=medium_chars))

    def ratio(prefix: str) -> float:
        found = [detector.suspicion(f"{prefix}{i}") for i in range(2, 8)]
        return max(float(s.evidence["likelihood_ratio"]) for s in found if s is not None)

    assert all(detector.suspicion(f"s{i}").evidence["near_duplicate"] for i in range(2, 8))
    if medium_chars > CampaignConfig().duplicate_min_chars:
        assert ratio("l") > 2 * ratio("s")
    else:
        assert ratio("l") == pytest.approx(ratio("s"))


def test_a_wave_of_copies_fits_the_template_kind(history: list[ReviewItem]) -> None:
    """Sixteen new accounts posting edited copies of one complaint are said to fit
    ``template``. Copies are rare in the history, so both kinds that expect some
    copies would gain the largest ratio allowed from each one if the ratio were
    clipped per kind; the genuine rate is floored instead, and the kind that
    expects most copies (90 % against 30 %) fits best."""
    text = "Acme lost my parcel twice, support closed my ticket, never again"
    wave = _copies(random.Random(8), text, "twice", ["twice", "two times", "again"],
                   "copy", "acme", 16, 15, 1)
    detector, _ = _run(history + wave)
    (campaign,) = detector.campaigns
    assert len(set(campaign.members) & {w.id for w in wave}) >= 14
    assert campaign.profile == "template"
    assert any("fits the 'template' pattern" in r for r in campaign.reasons)


def _simulated_run(seed: int):  # type: ignore[no-untyped-def]
    """A small simulated stream, the detector's predictions on it and its campaign records,
    run as ``vigie eval campaigns`` runs it."""
    from listener.evaluation.campaigns import review_from_dict, run_detector
    from listener.simulate import simulate_reviews

    sim = simulate_reviews(seed, "small")
    campaigns: list[dict[str, object]] = []
    preds = run_detector([review_from_dict(r, "sim") for r in sim.reviews],
                         campaigns_out=campaigns)
    return sim, preds, campaigns


@pytest.mark.parametrize("seed", [14, 18])
def test_a_campaign_opens_with_at_least_min_accounts_flagged_accounts(seed: int) -> None:
    """When no campaign of their group is open, items crossing the flag threshold from fewer
    than min_accounts accounts do not open a campaign of one or two reviews (enough likely
    members around them used to suffice): they wait, unflagged, for enough others.

    Simulated seeds where such a campaign used to open (seed 14: two true members; seed 18:
    one genuine review).
    """
    sim, preds, campaigns = _simulated_run(seed)
    authors = {str(r["id"]): r["author"] for r in sim.reviews}
    assert campaigns
    minimum = CampaignConfig().min_accounts
    for record in campaigns:
        members = record["members"]
        assert isinstance(members, list)
        assert len({authors[m] for m in members}) >= minimum, record["id"]
    flagged = {p.id for p in preds if p.suspicious}
    assert flagged == {m for c in campaigns for m in c["members"]}  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["Amazon Customer", "A Google user", "[deleted]", "Anonyme"])
def test_a_platforms_placeholder_name_is_no_account(history: list[ReviewItem],
                                                    name: str) -> None:
    """A smear posted under the name a platform shows for unidentified reviewers is
    caught like one from twenty accounts: the placeholder is not one account whose copies
    are its own and whose history is everybody's."""
    smear = [replace(item, author=name if i % 2 else f" {name.upper()} ")
             for i, item in enumerate(_smear(random.Random(1)))]
    detector, _ = _run(history + smear)
    (campaign,) = detector.campaigns
    assert len(set(campaign.members) & {s.id for s in smear}) >= 16
    assert campaign.figures["new_accounts"] >= 16
    assert "near-duplicates" in " ".join(campaign.reasons)
    # A real name that merely contains a placeholder word is an account.
    from listener.detection.campaign_signals import account_name
    assert account_name("Customer Care Fan") == "customer care fan"
    assert account_name(None) is None and account_name("  ") is None


def test_a_campaign_found_late_stays_open_a_quiet_period_after_it_opens() -> None:
    """A campaign whose evidence came in after its members (here a farm found through its
    meetings elsewhere) used to close minutes after it opened, its members being over a
    day old; it now stays open ``quiet_hours`` after opening, so the person sees it open
    and stragglers still join it. Simulated small seeds where it happened (32: six minutes;
    16 and 24: 16 h)."""
    from datetime import datetime

    quiet = timedelta(hours=CampaignConfig().quiet_hours)
    for seed in (16, 24, 32):
        _, _, campaigns = _simulated_run(seed)
        closed = [c for c in campaigns if c["closed_at"]]
        assert closed
        for c in closed:
            opened = datetime.fromisoformat(str(c["opened_at"]))
            assert datetime.fromisoformat(str(c["closed_at"])) - opened > quiet, c["id"]


def test_campaign_figures_count_accounts_not_reviews(history: list[ReviewItem]) -> None:
    """An account posting twice in a campaign (first seen, then with one earlier item) is
    one account in the reasons: "from N accounts, X first seen ... and Y with at most 5
    earlier items" never adds up to more than N."""
    smear = _smear(random.Random(1))
    smear = [replace(item, author="fresh0") if i in (0, 4, 8) else item
             for i, item in enumerate(smear)]
    detector, _ = _run(history + smear)
    (campaign,) = detector.campaigns
    f = campaign.figures
    authors = {s.id: s.author for s in smear}
    assert f["accounts"] == len({authors[m] for m in campaign.members if m in authors})
    assert f["accounts"] < f["members"]
    assert f["new_accounts"] + f["thin_accounts"] <= f["accounts"]
    assert f["fast_accounts"] <= f["accounts"] and f["lockstep_accounts"] <= f["accounts"]


def test_a_campaigns_core_says_where_most_of_its_members_came() -> None:
    """A member or two hours away stretch a campaign's span; its core is the shortest
    stretch holding 80 % of the members (the first reason gives it when it is short)."""
    from listener.detection.campaign_state import CampaignStats

    stats = CampaignStats()
    stats.times = [0.0, 9.5 * 3600] + [10 * 3600 + 60.0 * i for i in range(10)]
    assert stats.core() == (10, 540.0)  # ceil(0.8 * 12) members within 9 minutes
    stats.times = [7200.0]
    assert stats.core() == (1, 0.0)


def test_the_first_reason_says_where_a_stretched_campaign_happened(
        history: list[ReviewItem]) -> None:
    """Two copies of the smear's text posted 8 h before it stretch the campaign's span
    to 11 h; the first reason also gives the stretch where most members came."""
    smear = _smear(random.Random(1))
    template = smear[1].text
    early = [ReviewItem(f"early{i}", "acme", f"early_fresh{i}", template,
                        EVENT - timedelta(hours=8, minutes=20 * i), 1) for i in range(2)]
    detector, _ = _run(history + early + smear)
    (campaign,) = detector.campaigns
    assert {"early0", "early1"} <= set(campaign.members)
    assert campaign.figures["span_hours"] > 8
    assert campaign.figures["core_hours"] <= 3
    assert f"({campaign.figures['core_members']} of them within " in campaign.reasons[0]


def _young_null(seed: int, per_day: float, pool: int, days: int,
                targets: tuple[str, ...]) -> list[ReviewItem]:
    """A stream without any campaign from its very first review: ``pool`` accounts
    picking targets (80 % the first) and ratings at random, so more and more of
    them come back ("thin") as the stream ages."""
    rng = random.Random(seed)
    at, end, out = T0, T0 + timedelta(days=days), []
    while (at := at + timedelta(seconds=rng.expovariate(per_day / 86400))) < end:
        target = targets[0] if rng.random() < 0.8 else rng.choice(targets[1:])
        out.append(ReviewItem(f"n{len(out)}", target, f"u{rng.randrange(pool)}",
                              _text(rng, rng.randint(6, 25)), at,
                              rng.choice((1, 2, 3, 4, 5, 5, 5, 4))))
    return out


def test_a_young_stream_does_not_make_accounts_meet_by_chance() -> None:
    """Two accounts that both posted in a stream two days old have met "by chance"
    over those two days, not over a week: no lockstep among random accounts."""
    for args in ((1, 400.0, 3000, 8, ("big", "b", "c")),
                 (3, 300.0, 2000, 6, ("big", "b", "c", "d", "e"))):
        items = _young_null(*args)
        detector, _ = _run(items)
        assert not any(detector.suspicion(it.id).evidence.get("lockstep") for it in items)


def test_a_young_stream_follows_its_growing_share_of_returning_accounts() -> None:
    """Early in a stream the share of returning ("thin") accounts grows day by day;
    rates read at a half-life fitted to the counts' age follow it, and flag far
    fewer of these ordinary reviews than the usual 14-day half-life alone (the
    control). Some are still flagged in the first days: see
    docs/evaluation-campaigns.md, "Stop 30"."""
    items = _young_null(1, 400.0, 3000, 8, ("big", "b", "c"))

    def flagged(config: CampaignConfig | None) -> int:
        detector, _ = _run(items, config)
        return sum(detector.suspicion(it.id).flagged_at is not None for it in items)

    now, control = flagged(None), flagged(CampaignConfig(background_young_half_lives_days=()))
    assert now * 3 <= control and control > 0
