"""Why an incident was raised: the evidence attached to a spike alert.

Pure functions over plain records, so the daemon (which reads the mentions
from the store) and the tests build the same explanation. For an incident the
integrator passes the brand's negative mentions of the incident window
(``incident.since`` to now) and of a baseline period before it (e.g. the
previous seven days); :func:`explain_incident` returns:

- observed vs expected, how unlikely (the model's p-value and "about once in N
  weeks" for this brand), since when;
- the terms and two-word phrases that are *new* in the window: ranked by the
  z-score of their log-odds ratio between window and baseline (document
  frequencies, 0.5 pseudo-count; Monroe, Colaresi & Quinn 2008), keeping those
  in at least two window mentions; the baseline is first given the window's
  mix of sources (:func:`_source_weights`), so that a source's boilerplate is
  not news when a spike comes mostly from that source;
- the top sources and authors of the window;
- samples: the most negative and the highest-reach mentions.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from listener.analysis.textfold import fold, fold_tokens
from listener.detection.campaign_signals import account_name
from listener.detection.spikes import Incident
from listener.i18n import ENGLISH, Message, Translator, msg

__all__ = ["MentionRecord", "TermScore", "Explanation", "explain_incident", "terms_of",
           "duration_words", "expected_words", "campaign_note", "campaign_message",
           "headline_message", "history_message", "severity_message", "severity_word",
           "term_words", "test_message"]

_TOKEN = re.compile(r"#?[^\W\d_](?:[\w'’-]*[^\W_])?", re.UNICODE)
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_HANDLE = re.compile(r"@\w+")
_STOPWORD_TEXT = """
a about after again all also am an and any are as at be because been before being
but by can could did do does doing for from had has have having he her here hers him
his how i if in into is it its just me more most my no not now of off on once only or
other our out over own same she should so some such than that the their them then
there these they this those through to too under until up very was we were what when
where which while who why will with would you your yours rt via amp
au aux avec ce ces cette dans de des du elle en et eux il ils je la le les leur lui ma
mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son
sur ta te tes toi ton tu un une vos votre vous est sont ete etre avoir fait plus tres
aucun aucune sans tout tous toute toutes rien encore depuis comme ca cela ceci etait
avait ont peut aussi bien alors donc car quand dont apres avant get got
don't doesn't didn't can't won't isn't wasn't aren't it's i'm i've that's there's
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
#: Where a phrase ends: sentence and clause punctuation, line breaks, numbers.
_BREAK = re.compile(r"[.!?;:,()\[\]{}\"«»…\n\r\t|/]+|\d[\d/.,:%]*")
_ELISION = re.compile(r"^(#?)(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)'(?=\w)")


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """The fields of a stored mention that an explanation needs."""

    id: str
    text: str
    published_at: datetime | None = None
    source: str | None = None
    author: str | None = None
    compound: float = 0.0
    reach: int | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class TermScore:
    """A term or phrase over-represented in the incident window."""

    term: str
    window_count: int
    baseline_count: int
    z: float


@dataclass(slots=True)
class Explanation:
    """Evidence for one incident, ready for the store, the TUI and webhooks."""

    headline: str
    observed: int
    expected: float
    model_p_value: float
    once_in_weeks: float | None
    since: datetime
    tests: list[str]
    new_terms: list[TermScore] = field(default_factory=list)
    top_sources: list[tuple[str, int]] = field(default_factory=list)
    #: Authors with at least two mentions in the window, the busiest first.
    top_authors: list[tuple[str, int]] = field(default_factory=list)
    #: Distinct authors of the window (platforms' names for nobody left out).
    authors: int = 0
    most_negative: list[MentionRecord] = field(default_factory=list)
    highest_reach: list[MentionRecord] = field(default_factory=list)
    #: The headline as a message, for readers of other languages (:mod:`listener.i18n`).
    headline_message: Message | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready view."""

        def sample(m: MentionRecord) -> dict[str, object]:
            return {"id": m.id, "text": m.text[:280], "source": m.source, "author": m.author,
                    "compound": m.compound, "reach": m.reach, "url": m.url,
                    "published_at": m.published_at.isoformat() if m.published_at else None}

        return {
            "headline": self.headline,
            "observed": self.observed,
            "expected": round(self.expected, 2),
            "model_p_value": self.model_p_value,
            "once_in_weeks": (round(self.once_in_weeks, 1)
                              if self.once_in_weeks is not None else None),
            "since": self.since.isoformat(),
            "tests": self.tests,
            "new_terms": [{"term": t.term, "window": t.window_count,
                           "baseline": t.baseline_count, "z": round(t.z, 2)}
                          for t in self.new_terms],
            "top_sources": [{"name": n, "count": c} for n, c in self.top_sources],
            "top_authors": [{"name": n, "count": c} for n, c in self.top_authors],
            "authors": self.authors,
            "most_negative": [sample(m) for m in self.most_negative],
            "highest_reach": [sample(m) for m in self.highest_reach],
        }


def terms_of(text: str) -> set[str]:
    """Lower-cased words (stopwords and 1-2 letter words dropped) and adjacent-word phrases.

    A phrase does not span punctuation, a line break or a number: "Note :
    1/5\napplication lente" holds "application lente", not "note application".
    """
    text = _HANDLE.sub(" ", _URL.sub(" ", text.lower())).replace("’", "'")
    out: set[str] = set()
    for part in _BREAK.split(text):
        # French elision: "l'appel" is "appel", "c'est" is "est" (a stopword).
        words = [_ELISION.sub(r"\1", w.strip("'-")) for w in _TOKEN.findall(part)]
        # Stopwords are listed without accents ("meme", "tres"): compared folded.
        kept = [w if len(w) > 2 and fold(w.lstrip("#")) not in _STOPWORDS else None
                for w in words]
        out.update(w for w in kept if w)
        out.update(f"{a} {b}" for a, b in zip(kept, kept[1:], strict=False) if a and b)
    return out


def _source_weights(window: Sequence[MentionRecord],
                    baseline: Sequence[MentionRecord]) -> tuple[list[float], float]:
    """Weights that give the baseline the window's mix of sources, and its effective size.

    A source's own wording ("Note : 1/5", "avis sur ...", a forum's
    signature) is in every mention it brings, so when a spike comes mostly
    from one source its boilerplate looks new unless the baseline is compared
    source for source. Direct standardisation: each source's baseline
    mentions carry that source's share of the *window*; the share of window
    mentions from sources the baseline never saw is spread over the whole
    baseline (no better guess of their wording). The weighted counts are
    scaled to Kish's effective sample size ``(sum w)^2 / sum w^2``, so that a
    window from one source that had 15 baseline mentions is compared with 15
    mentions, not with the whole week.
    """
    if not window or not baseline:
        return [1.0] * len(baseline), float(len(baseline))
    in_window = Counter(m.source for m in window)
    in_base = Counter(m.source for m in baseline)
    n_w, n_b = len(window), len(baseline)
    unmatched = sum(c for s, c in in_window.items() if s not in in_base) / n_w
    raw = [in_window.get(m.source, 0) / n_w * n_b / in_base[m.source] + unmatched
           for m in baseline]
    total, squares = sum(raw), sum(w * w for w in raw)
    n_eff = total * total / squares
    scale = n_eff / total
    return [w * scale for w in raw], n_eff


def _new_terms(window: Sequence[MentionRecord], baseline: Sequence[MentionRecord],
               top: int, ignore: frozenset[str]) -> list[TermScore]:
    kept: dict[str, bool] = {}  # a week of a busy brand's mentions repeats its terms

    def keep(term: str) -> bool:
        ok = kept.get(term)
        if ok is None:
            ok = kept[term] = not any(fold(w.lstrip("#")) in ignore for w in term.split(" "))
        return ok

    win = Counter(t for m in window for t in terms_of(m.text) if keep(t))
    weights, n_b = _source_weights(window, baseline)
    base: Counter[str] = Counter()  # what the baseline's mentions say, as counted
    weighted: dict[str, float] = {}  # the same, with the window's mix of sources
    for m, w in zip(baseline, weights, strict=True):
        for t in terms_of(m.text):
            if keep(t):
                base[t] += 1
                weighted[t] = weighted.get(t, 0.0) + w
    n_w = max(len(window), 1)
    n_b = max(n_b, 1.0)
    scored = []
    for term, y_w in win.items():
        if y_w < 2:
            continue
        y_b = weighted.get(term, 0.0)
        a = 0.5
        lw = math.log((y_w + a) / (n_w - y_w + a))
        lb = math.log((y_b + a) / (n_b - y_b + a))
        z = (lw - lb) / math.sqrt(1 / (y_w + a) + 1 / (n_w - y_w + a)
                                  + 1 / (y_b + a) + 1 / (n_b - y_b + a))
        if z > 0:
            scored.append(TermScore(term, y_w, base.get(term, 0), z))
    scored.sort(key=lambda t: (-t.z, t.term))
    # A phrase makes its own words redundant when they are no more frequent.
    chosen: list[TermScore] = []
    for t in scored:
        if any(t.term in c.term.split(" ") and c.window_count >= t.window_count for c in chosen):
            continue
        chosen.append(t)
        if len(chosen) == top:
            break
    return chosen


def _top(values: Iterable[str | None], top: int) -> list[tuple[str, int]]:
    counts = Counter(v for v in values if v)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def test_message(name: str) -> Message:
    """A test's name in words, as a :class:`~listener.i18n.Message`: ``count_1h`` is
    "count spike over 1 h"."""
    if name.startswith("count_"):
        scale = name.removeprefix("count_")
        if scale[-1:] == "h":
            return msg("count spike over {n} h", n=scale[:-1])
        if scale[-1:] == "m":
            return msg("count spike over {n} min", n=scale[:-1])
        return msg("count spike over {n}", n=scale)
    if name == "count":
        return msg("count spike")
    if name == "share":
        return msg("negative share jump")
    if name == "buildup":
        return msg("slow build-up")
    return msg("{name}", name=name)


def severity_message(name: str) -> Message:
    """A severity (``minor``, ``major``, ``critical``) as a message."""
    return {"minor": msg("minor"), "major": msg("major"), "critical": msg("critical")}.get(
        name, msg("{name}", name=name))


def term_words(entry: Mapping[str, object], tr: Translator = ENGLISH) -> str:
    """A stored new term as people read it: ``panne (9 vs 1 before)``."""
    return tr("{term} ({window} vs {baseline} before)", term=str(entry["term"]),
              window=str(entry.get("window", "?")), baseline=str(entry.get("baseline", "?")))


def severity_word(name: str | None, tr: Translator = ENGLISH) -> str:
    """A severity in ``tr``'s language: a spike's (``minor``, ``major``, ``critical``)
    or a negative mention's urgency (``low``, ``medium``, ``high``); "" for none."""
    if name in ("low", "medium", "high"):
        return {"low": tr.ctx("severity", "low"), "medium": tr.ctx("severity", "medium"),
                "high": tr.ctx("severity", "high")}[name]
    return tr.render(severity_message(name)) if name else ""


def duration_words(minutes: float, tr: Translator = ENGLISH) -> str:
    """A window's length for people: ``"4 h"``, ``"2.5 h"`` (``"2,5 h"``), ``"15 min"``."""
    return tr.render(_duration_message(minutes))


def expected_words(value: float, tr: Translator = ENGLISH) -> str:
    """An expected count for people: ``"150"``, ``"4.2"``, ``"0.03"``, ``"under 0.01"``.

    A quiet brand expects a small fraction of a mention per bin; printed with one
    decimal it would read "7 vs 0.0 expected", which says nothing.
    """
    return tr.render(_expected_message(value))


def _duration_message(minutes: float) -> Message:
    """:func:`duration_words` as a message (decimals written the reader's way)."""
    if minutes >= 60:
        return msg("{hours:g} h", hours=round(minutes / 60, 1))
    return msg("{minutes:g} min", minutes=minutes)


def _span_message(incident: Incident, at: str) -> Message:
    """How the peak's counts are dated: "at ..." for one bin, "over the 4 h ending with ..."."""
    if not incident.peak_minutes:
        return msg("at {time} UTC", time=at)
    return msg("over the {duration} ending with the bin of {time} UTC",
               duration=_duration_message(incident.peak_minutes), time=at)


def _weekday(index: int) -> Message:
    return (msg("Monday"), msg("Tuesday"), msg("Wednesday"), msg("Thursday"), msg("Friday"),
            msg("Saturday"), msg("Sunday"))[index]


def history_message(incident: Incident) -> Message | None:
    """"; first Monday 09:00 UTC in this brand's 4 days of history: ..." (None: no note).

    A young brand's first Monday morning is judged on what other days said
    about that hour; the person triaging should know the expectation is a
    guess (such an alert is often the brand's ordinary weekly peak).
    """
    if incident.hour_weeks_seen != 0 or incident.history_days is None:
        return None
    days = incident.history_days
    span = (msg("{n:.0f} days", n=days) if days >= 1.5
            else msg("{n:.0f} hours", n=days * 24))
    return msg("; first {day} {hour:02d}:00 UTC in this brand's {span} of history: its usual "
               "level at this hour of the week is not known yet",
               day=_weekday(incident.peak_at.weekday()), hour=incident.peak_at.hour, span=span)


def campaign_note(overlap: Sequence[Mapping[str, object]], window_size: int,
                  since: datetime | None = None) -> str:
    """"; 12 of the 14 negative mentions since 11:15 UTC are in suspected campaign c3" (or "").

    ``overlap`` lists campaigns with their ``id`` and ``members`` among the
    incident's ``window_size`` negative mentions, counted from ``since`` (the
    incident's start, said so that this count is not read as the test's own
    figure, which may span a longer window). A spike made of a campaign's
    reviews is an attack to answer differently from genuine anger.
    """
    note = campaign_message(overlap, window_size, since)
    return ENGLISH.render(note) if note is not None else ""


def campaign_message(overlap: Sequence[Mapping[str, object]], window_size: int,
                     since: datetime | None = None) -> Message | None:
    """:func:`campaign_note` as a message (None for no note)."""
    if not overlap or window_size <= 0:
        return None
    total = min(window_size, sum(int(str(c["members"])) for c in overlap))
    names = ", ".join(f"c{c['id']}" for c in overlap)
    when: Message | str = msg(" since {time} UTC", time=f"{since:%H:%M}") if since else ""
    return Message("; {total} of the {window} negative mentions{when} are in suspected "
                   "campaign {names}", {"total": total, "window": window_size, "when": when,
                                         "names": names},
                   plural="; {total} of the {window} negative mentions{when} are in suspected "
                          "campaigns {names}", count=len(overlap))


def size_message(incident: Incident) -> Message | None:
    """"; 88 more negative mentions than usual in all, as many as 10 ordinary days bring".

    Said once the incident's excess reaches a day of the brand's ordinary
    negative mentions (None before): the size a crisis team weighs, beside
    how unlikely the peak was.
    """
    days = incident.size_days
    if days is None or days < 1:
        return None
    return Message("; {excess} more negative mentions than usual in all, as many as an "
                   "ordinary day brings",
                   {"excess": round(incident.excess)},
                   plural="; {excess} more negative mentions than usual in all, as many as "
                          "{n} ordinary days bring", count=round(days))


def headline_message(incident: Incident, campaigns: Message | None = None) -> Message:
    """An incident's headline ("Acme: count spike (major), 38 negative mentions vs 6.0
    expected at ...; since ..."), with the ``campaigns`` note when there is one."""
    rarity: Message | str = ""
    if incident.once_in_weeks is not None:
        weeks = incident.once_in_weeks
        rarity = (msg(", about once in {weeks:.0f} weeks for this brand", weeks=weeks)
                  if weeks < 1000 else msg(", rarer than anything in this brand's history"))
    return Message("{brand}: {tests} ({severity}), {observed} negative mentions vs {expected} "
                   "expected {span}{rarity}{size}; since {since} UTC{history}{campaigns}", {
                       "brand": incident.brand,
                       "tests": [test_message(t) for t in sorted(incident.tests)],
                       "severity": severity_message(incident.severity_name),
                       "observed": incident.peak_observed,
                       "expected": _expected_message(incident.peak_expected),
                       "span": _span_message(incident, f"{incident.peak_at:%Y-%m-%d %H:%M}"),
                       "rarity": rarity, "size": size_message(incident) or "",
                       "since": f"{incident.since:%Y-%m-%d %H:%M}",
                       "history": history_message(incident) or "",
                       "campaigns": campaigns or ""}, joiner=" + ")


def _expected_message(value: float) -> Message:
    """:func:`expected_words` as a message."""
    if value >= 100:
        return msg("{n:.0f}", n=value)
    if value >= 1:
        return msg("{n:.1f}", n=value)
    if value >= 0.01:
        return msg("{n:.2g}", n=value)
    return msg("under 0.01")


def explain_incident(
    incident: Incident,
    window: Sequence[MentionRecord],
    baseline: Sequence[MentionRecord],
    *,
    top: int = 5,
    samples: int = 3,
    ignore_terms: Iterable[str] | None = None,
) -> Explanation:
    """Build the explanation of ``incident`` from the window's and baseline's mentions.

    ``ignore_terms`` (default: the words of the brand's name, and the name
    written as one word) are left out of the new terms, as are phrases
    containing them, also as hashtags ("#bleuetmobile"): they are in every
    mention. Compared without case and accents.
    """
    if ignore_terms is None:
        words = fold_tokens(incident.brand)
        ignore_terms = [*words, "".join(words)]
    ignore = frozenset(fold(w.lstrip("#")) for w in ignore_terms)
    message = headline_message(incident)
    headline = ENGLISH.render(message)
    # A platform's name for unidentified people ("[deleted]") is nobody's.
    named = [m.author for m in window if m.author and account_name(m.author)]
    most_negative = sorted(window, key=lambda m: (m.compound, m.id))[:samples]
    highest_reach = sorted((m for m in window if m.reach is not None),
                           key=lambda m: (-(m.reach or 0), m.id))[:samples]
    return Explanation(
        headline=headline,
        headline_message=message,
        observed=incident.observed,
        expected=incident.expected,
        model_p_value=incident.model_p_value,
        once_in_weeks=incident.once_in_weeks,
        since=incident.since,
        tests=sorted(incident.tests),
        new_terms=_new_terms(window, baseline, top, ignore),
        top_sources=_top((m.source for m in window), top),
        # An author with one mention is no lead ("Catherine H. (1), Connor (1)...");
        # how many distinct people wrote is (``authors``).
        top_authors=[(a, c) for a, c in _top(named, top) if c >= 2],
        authors=len(set(named)),
        most_negative=most_negative,
        highest_reach=highest_reach,
    )
