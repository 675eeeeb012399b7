"""Pure rendering of store records into Rich renderables (list cells, detail, trends).

Every string that came from outside (texts, titles, authors, brands, source
names, URLs, evidence) goes through :mod:`tui.clean` and into ``Text`` objects;
nothing here is ever parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, tzinfo
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from listener.detection.campaign_reasons import is_caution
from listener.detection.spike_explain import duration_words, expected_words
from listener.store import parse_iso
from listener.store import short_time as store_short_time
from listener.store.incidents import (
    AlertDetail,
    BrandTrend,
    CampaignDetail,
    MentionDetail,
    QueueRow,
    severity_of_urgency,
)
from listener.store.reads import SourceHealth
from listener.store.triage import LogEntry, TriageState
from listener.timezones import zone_label
from tui.clean import MAX_DETAIL_CHARS, clean, one_line
from tui.spark import sparkline

__all__ = ["COLUMNS", "incident_toast", "field_widths", "header_line", "row_line", "status_word", "mention_detail", "alert_detail",
           "campaign_detail", "trend_lines", "SortCell", "short_time"]

#: (key, header) of the list's fields, in order; each row is one pre-composed line.
COLUMNS = (("st", "st"), ("time", "time"), ("brand", "brand"), ("source", "source"),
           ("author", "author"), ("s", "s"), ("text", "text"))
_WIDE = {"st": 5, "time": 11, "brand": 13, "source": 12, "author": 12, "s": 1}
_NARROW = {"st": 5, "time": 11, "brand": 10, "source": 8, "author": 9, "s": 1}
#: Under 79 cells (a classic 80-column terminal, or the list beside the detail
#: pane in a terminal under 140 columns) the source and author give
#: their room to the text, which is what a triage decision rests on; both stay
#: in the item's detail (Enter).
_COMPACT = {"st": 5, "time": 11, "brand": 10, "source": 0, "author": 0, "s": 1}


def field_widths(total: int) -> dict[str, int]:
    """Cell widths of the fields for a list ``total`` cells wide (text takes the rest).

    A field of width 0 is left out of the header and of every row.
    """
    widths = dict(_COMPACT if total < 79 else _NARROW if total < 100 else _WIDE)
    shown = sum(1 for width in widths.values() if width)
    widths["text"] = max(12, total - sum(widths.values()) - shown - 3)
    return widths


_LABEL_MARK = {"negative": ("▼", "bold red"), "neutral": ("•", "dim"),
               "positive": ("▲", "green")}
_SEVERITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "dim"}
_STATUS_WORD = {"new": ("new", "bold"), "open": ("open", "cyan"), "escalated": ("esc!", "magenta"),
                "snoozed": ("zz", "dim"), "resolved": ("done", "green"),
                "ignored": ("ign", "dim")}


class SortCell(Text):
    """A ``Text`` cell that carries the row's queue order (for ``DataTable.sort``)."""

    def __init__(self, text: str, order: tuple[Any, ...], style: str = "") -> None:
        super().__init__(text, style=style, no_wrap=True, overflow="ellipsis")
        self.order = order


def short_tests(test: object) -> str:
    """Compact form of a spike's tests: ``count+count_1h+buildup`` -> ``count 15m/1h+buildup``."""
    parts = str(test or "").split("+")
    scales = [("15m" if p == "count" else p.removeprefix("count_"))
              for p in parts if p == "count" or p.startswith("count_")]
    others = [p for p in parts if p and p != "count" and not p.startswith("count_")]
    if not scales:
        head = []
    elif scales == ["15m"]:
        head = ["count"]
    else:
        head = ["count " + "/".join(scales)]
    return "+".join(head + others)


def incident_toast(brand: str, summary: str, severity: str | None) -> str:
    """The one-line notification of a new spike or campaign.

    A spike's summary already starts with its brand and says its severity
    ("Acme: count spike (minor), ..."); neither is said twice.
    """
    text = summary if summary.startswith(f"{brand}:") else f"{brand}: {summary}"
    if severity and f"({severity})" not in text:
        text += f" ({severity})"
    return text


def short_time(iso: str | None, zone: tzinfo = UTC) -> str:
    """``MM-DD HH:MM`` of a store timestamp in the display ``zone`` (a malformed one is
    shown as the store cuts it, cleaned for display)."""
    try:
        when = parse_iso(iso) if iso else None
    except ValueError:
        when = None
    if when is None:
        return clean(store_short_time(iso))
    return clean(when.astimezone(zone).strftime("%m-%d %H:%M"))


def _label_at(zone: tzinfo, iso: str | None) -> str:
    """The zone's short name at the stored time ``iso`` (EST or EDT...), now if malformed."""
    try:
        return zone_label(zone, parse_iso(iso) if iso else None)
    except ValueError:
        return zone_label(zone)


def status_word(state: TriageState, now_iso: str) -> tuple[str, str]:
    """Short status word and its style; an expired snooze shows as ``open``."""
    return _STATUS_WORD.get(state.active_status(now_iso), ("?", ""))


def _fit(text: str, width: int, style: str = "") -> Text:
    part = Text(text, style=style, no_wrap=True)
    part.truncate(width, overflow="ellipsis", pad=True)
    return part


#: Headers of the queues whose rows are all of one kind, where the generic
#: "source" and "author" fields hold something else (:func:`row_line`).
_QUEUE_HEADERS = {
    "spikes": {"source": "tests", "author": "severity", "text": "summary"},
    "campaigns": {"source": "kind", "author": "size", "text": "reasons"},
}


def header_line(widths: dict[str, int], queue: str | None = None, *,
                time_label: str = "UTC") -> Text:
    """The list header of ``queue``, aligned with :func:`row_line`.

    A spike's row shows its tests and severity, a campaign's its kind and size,
    where a mention's shows its source and author: the spike and campaign
    queues name their fields so; mixed queues ("Done") keep the mention names.
    """
    names = {"time": f"time {time_label}", **_QUEUE_HEADERS.get(queue or "", {})}
    line = Text(no_wrap=True, style="bold")
    for key, label in COLUMNS:
        if not widths[key]:
            continue
        if line:
            line.append(" ")
        line.append_text(_fit(names.get(key, label), widths[key]))
    return line


def row_line(row: QueueRow, *, selected: bool, now_iso: str, widths: dict[str, int],
             zone: tzinfo = UTC) -> SortCell:
    """One list row as a single line of fixed-width fields (cell-width aware).

    One cell per row keeps the DataTable cheap to measure and paint; every
    field is cleaned and cut to its width, so no text can spill into another.
    """
    word, wstyle = status_word(row.state, now_iso)
    fields: list[tuple[str, str]] = [
        (("✓" if selected else " ") + word, "reverse " + wstyle if selected else wstyle),
        (short_time(row.at, zone), "dim"),
        (one_line(row.brand, 60), ""),
    ]
    if row.ref.kind == "mention":
        glyph, gstyle = _LABEL_MARK.get(row.label, ("?", ""))
        fields += [(one_line(row.source, 60), ""), (one_line(row.author or "—", 60), ""),
                   (glyph, gstyle), (one_line(row.text or row.title), "")]
    elif row.ref.kind == "alert":
        severity = str(row.extra.get("severity", ""))
        sstyle = _SEVERITY_STYLE.get(severity, "")
        fields += [(one_line(short_tests(row.extra.get("test")), 20) + " test", "italic"),
                   (severity, sstyle), ("!", sstyle), (one_line(row.title), "")]
    else:
        # A hollow yellow mark: the campaign rests on timing, accounts and
        # ratings alone, or on copies of short texts only (its reasons end
        # with a caution).
        glyph = ("◇", "yellow") if row.extra.get("caution") else ("◆", "magenta")
        fields += [("campaign", "italic"), (f"{row.extra.get('members', 0)} items", ""),
                   glyph, (one_line(row.title), "")]
    line = SortCell("", row.order)
    for i, ((key, _), (text, style)) in enumerate(zip(COLUMNS, fields, strict=True)):
        if not widths[key]:
            continue
        if i:
            line.append(" ")
        line.append_text(_fit(text, widths[key], style))
    return line


def _kv(table: Table, key: str, value: Text | str) -> None:
    table.add_row(Text(key, style="bold"), value if isinstance(value, Text) else Text(value))


def _grid() -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    return table


def _heading(text: str) -> Text:
    return Text(f"── {text}", style="bold")


def _state_lines(state: TriageState, now_iso: str, zone: tzinfo) -> Text:
    word, style = status_word(state, now_iso)
    out = Text.assemble((word, style))
    if state.status == "snoozed" and state.snoozed_until:
        out.append(f" until {short_time(state.snoozed_until, zone)}")
    out.append(" · assignee ")
    out.append(clean(state.assignee) or "—")
    out.append(" · tags ")
    out.append(", ".join(clean(t) for t in state.tags) or "—")
    if state.verdict:
        out.append(" · verdict ")
        out.append(state.verdict.replace("_", " "), "bold")
    if state.updated_by:
        out.append(f"  (v{state.version}, {clean(state.updated_by)} {short_time(state.updated_at, zone)})",
                   "dim")
    return out


def _history(entries: Sequence[LogEntry], zone: tzinfo) -> list[RenderableType]:
    if not entries:
        return [Text("no triage action yet", style="dim")]
    undone = {e.undoes for e in entries if e.undoes}
    lines: list[RenderableType] = []
    for e in entries:
        line = Text.assemble((short_time(e.at, zone), "dim"), " ", (clean(e.who), "bold"), " ",
                             e.action)
        detail = {k: v for k, v in e.payload.items() if k not in ("seconds",)}
        if detail:
            line.append(" ")
            line.append(clean(", ".join(f"{k}={v}" for k, v in detail.items()), max_chars=200))
        if e.batch in undone:
            line.append(" (undone)", "italic dim")
        lines.append(line)
    return lines


def _mention_line(row: QueueRow, now_iso: str, zone: tzinfo, extra: str = "") -> Text:
    glyph, gstyle = _LABEL_MARK.get(row.label, ("?", ""))
    word, wstyle = status_word(row.state, now_iso)
    line = Text.assemble((short_time(row.at, zone), "dim"), " ", (glyph, gstyle), " ",
                         (f"{word:<4}", wstyle), " ", (extra, "dim"),
                         one_line(row.text or row.title, 120))
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line


def mention_detail(d: MentionDetail, now_iso: str, zone: tzinfo = UTC) -> RenderableType:
    """Everything about one mention, hostile text shown literally."""
    row = d.row
    head = _grid()
    glyph, gstyle = _LABEL_MARK.get(row.label, ("?", ""))
    senti = Text.assemble((f"{glyph} {row.label}", gstyle), f" ({row.compound:+.2f})",
                          f" · lang {clean(row.lang)}" + ("" if d.lang_supported
                                                         else " (no analyser)"))
    if row.urgency is not None and row.label == "negative":
        sev = severity_of_urgency(row.urgency)
        senti.append(f" · urgency {row.urgency:.2f} ")
        senti.append(sev, _SEVERITY_STYLE[sev])
    _kv(head, "item", Text(f"{row.key} · {d.kind}" + (f" · rating {d.rating}" if d.rating else "")
                           + (f" · reach {row.reach:,}" if row.reach is not None else "")))
    _kv(head, "sentiment", senti)
    _kv(head, "brands", Text(", ".join(clean(b) for b in d.brands) or "—"))
    _kv(head, "author", Text(clean(row.author) or "—"))
    _kv(head, "source", Text(clean(row.source)))
    _kv(head, "published", Text(f"{short_time(row.at, zone)} {_label_at(zone, row.at)} "
                                f"(fetched {short_time(d.fetched_at, zone)})"))
    _kv(head, "link", Text(clean(row.url) or "—", style="underline"))
    _kv(head, "triage", _state_lines(row.state, now_iso, zone))
    parts: list[RenderableType] = [head]
    if d.title and d.title.strip() and d.title.strip() not in d.text[:len(d.title) + 5]:
        parts.append(Text(clean(d.title, max_chars=500), style="bold"))
    parts.append(Text(clean(d.text, keep_newlines=True, max_chars=MAX_DETAIL_CHARS)))
    if len(d.sources) > 1:
        parts.append(_heading(f"seen in {len(d.sources)} sources"))
        parts += [Text(f"{clean(s['source_name'] or s['source_url'])}  {short_time(s['seen_at'], zone)}")
                  for s in d.sources]
    if d.alerts or d.campaigns:
        parts.append(_heading("part of"))
        parts.append(Text(" ".join([f"spike a{a}" for a in d.alerts]
                                   + [f"campaign c{c}" for c in d.campaigns])))
    parts.append(_heading(f"other mentions by {one_line(row.author or '—', 40)}"))
    if d.author_other:
        parts += [_mention_line(o, now_iso, zone) for o in d.author_other]
    else:
        parts.append(Text("none", style="dim"))
    parts.append(_heading("history"))
    parts += _history(d.history, zone)
    return Group(*parts)


def _chart(series: Sequence[Any], zone: tzinfo) -> list[RenderableType]:
    """Sparklines of total / negative / expected from the evidence series."""
    totals, negatives, expected = [], [], []
    for point in series:
        if not isinstance(point, list | tuple) or len(point) < 3:
            continue
        totals.append(_num(point[1]))
        negatives.append(_num(point[2]))
        expected.append(_num(point[3]) if len(point) > 3 else None)
    if not totals:
        return [Text("no series in the evidence", style="dim")]
    top = max([v for v in totals + negatives + expected if v is not None] or [0])
    grid = _grid()
    for name, values, style in (("total", totals, ""), ("negative", negatives, "red"),
                                ("expected", expected, "dim")):
        real = [v for v in values if v is not None]
        if real:
            grid.add_row(Text(name, style="bold"),
                         Text.assemble((sparkline(values, maximum=top), style),
                                       f"  last {real[-1]:g}, max {max(real):g}"))
    first = series[0][0] if series and isinstance(series[0], list | tuple) else ""
    last = series[-1][0] if series and isinstance(series[-1], list | tuple) else ""
    grid.add_row(Text(""), Text(f"{short_time(str(first), zone)} → {short_time(str(last), zone)}",
                                     style="dim"))
    return [grid]


def _fmt_num(value: Any) -> str:
    number = _num(value)
    if number is None:
        return "—"
    return f"{number:.0f}" if number == int(number) else f"{number:.1f}"


def _fmt_expected(value: Any) -> str:
    number = _num(value)
    return "—" if number is None else expected_words(number)


def _evidence_item(v: Any) -> str:
    """One entry of an evidence list: a term with its counts, a name with its count."""
    if isinstance(v, dict):
        if "term" in v:
            return f"{v['term']} ({v.get('window', '?')} vs {v.get('baseline', '?')} before)"
        if "name" in v:
            return f"{v['name']} ({v.get('count', '?')})"
        return ", ".join(f"{k}={val}" for k, val in v.items())
    if isinstance(v, list | tuple):
        return " ".join(str(x) for x in v)
    return str(v)


def _num(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _members(rows: Sequence[QueueRow], total: int, now_iso: str, zone: tzinfo,
             scores: dict[int, float] | None = None, weak: set[int] | None = None,
             weak_count: int = 0) -> list[RenderableType]:
    heading = f"members ({total})"
    if weak_count:
        heading = (f"members ({total}; {weak_count} weak: little evidence of their own,"
                   " flagged for arriving with the others)")
    out: list[RenderableType] = [_heading(heading)]
    for r in rows:
        extra = f"{scores[r.ref.id]:.2f} " if scores and r.ref.id in scores else ""
        if weak and r.ref.id in weak:
            extra += "weak "
        out.append(_mention_line(r, now_iso, zone, extra=f"{r.key} {extra}"))
    if total > len(rows):
        out.append(Text(f"… {total - len(rows)} more", style="dim"))
    return out


def alert_detail(d: AlertDetail, now_iso: str, zone: tzinfo = UTC) -> RenderableType:
    """A spike: explanation, figures, chart, evidence and member mentions."""
    row, ev = d.row, d.evidence
    head = _grid()
    sev = str(row.extra.get("severity", ""))
    _kv(head, "spike", Text.assemble(f"{row.key} · {clean(row.brand)} · test ",
                                     clean(str(row.extra.get("test"))), " · ",
                                     (sev, _SEVERITY_STYLE.get(sev, "")),
                                     f" · score {row.extra.get('score', 0):.2f}"))
    figures = (f"observed {_fmt_num(row.extra.get('observed'))} · "
               f"expected {_fmt_expected(row.extra.get('expected'))}")
    incident = ev.get("incident")
    minutes = _num(incident.get("peak_minutes")) if isinstance(incident, dict) else None
    if minutes:
        figures += f" (over {duration_words(minutes)})"
    if d.p_value is not None:
        figures += f" · p={d.p_value:.2g}"
    _kv(head, "figures", Text(figures))
    state = clean(str(row.extra.get('detector_state')))
    lifetime = (f"{state} · opened {short_time(row.at, zone)}, ended "
                f"{short_time(d.resolved_at, zone)}"
                if d.resolved_at else f"{state} since {short_time(row.at, zone)}")
    _kv(head, "detector", Text(lifetime))
    _kv(head, "triage", _state_lines(row.state, now_iso, zone))
    parts: list[RenderableType] = [head, Text(clean(row.title, max_chars=2000), style="bold")]
    parts.append(_heading("chart"))
    series = ev.get("series")
    parts += _chart(series if isinstance(series, list) else [], zone)
    lists = _grid()
    for key, label in (("new_terms", "new terms"), ("top_sources", "top sources"),
                       ("top_authors", "top authors"), ("campaigns", "in campaigns")):
        value = ev.get(key)
        if isinstance(value, list) and value:
            shown = [_evidence_item(v) for v in value[:10]]
            _kv(lists, label, Text(clean(", ".join(shown), max_chars=600)))
        elif key == "top_authors" and isinstance(ev.get("authors"), int) and ev["authors"] > 1:
            _kv(lists, "authors", Text(f"{ev['authors']}, none with more than one mention"))
    if lists.row_count:
        parts += [_heading("evidence"), lists]
    parts += _members(d.members, d.member_count, now_iso, zone)
    parts.append(_heading("history"))
    parts += _history(d.history, zone)
    return Group(*parts)


def campaign_detail(d: CampaignDetail, now_iso: str, zone: tzinfo = UTC) -> RenderableType:
    """A suspected campaign: reasons with figures, evidence, scored members, verdict."""
    row = d.row
    head = _grid()
    _kv(head, "campaign", Text(f"{row.key} · target {clean(row.brand)} · score "
                               f"{row.extra.get('score', 0):.2f} · "
                               f"{clean(str(row.extra.get('detector_state')))}"))
    _kv(head, "window", Text(f"{short_time(row.extra.get('first_at'), zone)} → "
                             f"{short_time(row.at, zone)}"))
    _kv(head, "triage", _state_lines(row.state, now_iso, zone))
    parts: list[RenderableType] = [head, _heading("why it is suspected")]
    parts += [Text("• " + clean(r, max_chars=500),
                   style="yellow" if is_caution(r) else "")
              for r in d.reasons] or [Text("—")]
    if d.evidence:
        grid = _grid()
        for key, value in list(d.evidence.items())[:20]:
            _kv(grid, clean(str(key), max_chars=40),
                Text(clean(evidence_value(value), max_chars=1000)))
        parts += [_heading("evidence"), grid]
    if d.member_times:
        parts += [_heading("members over time"), _timeline(d.member_times, zone)]
    figures = d.evidence.get("figures")
    weak = _num(figures.get("weak_members")) if isinstance(figures, dict) else None
    parts += _members(d.members, d.member_count, now_iso, zone, d.member_scores, d.weak_ids,
                      int(weak or 0))
    parts.append(_heading("history"))
    parts += _history(d.history, zone)
    return Group(*parts)


def evidence_value(value: object) -> str:
    """One evidence value as a person reads it, not as a Python repr.

    A mapping becomes ``accounts 38 · near duplicates 36`` (underscores read as
    spaces), a list ``a, b``, a float at most three decimals. The caller still
    cleans the result: the values can come from mention text.
    """
    if isinstance(value, dict):
        return " · ".join(f"{str(k).replace('_', ' ')} {evidence_value(v)}"
                          for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(evidence_value(v) for v in value)
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


def _timeline(times: Sequence[str], zone: tzinfo, buckets: int = 24) -> Text:
    """A sparkline of how many members were published in each slice of the window."""
    stamps = sorted(parse_iso(t).timestamp() for t in times)
    start, end = stamps[0], stamps[-1]
    width = max(1.0, (end - start) / buckets)
    counts = [0] * buckets
    for t in stamps:
        counts[min(buckets - 1, int((t - start) / width))] += 1
    minutes = width / 60
    step = f"{minutes:.0f} min" if minutes < 90 else f"{minutes / 60:.1f} h"
    return Text.assemble((sparkline(counts), "magenta"),
                         f"  {short_time(times[0], zone)} → {short_time(times[-1], zone)}, 1 bar = {step},"
                         f" peak {max(counts)}")


def trend_lines(trends: Sequence[BrandTrend], *, name_width: int = 14,
                failing: Sequence[SourceHealth] = (), zone: tzinfo = UTC) -> RenderableType:
    """Per brand, two lines: mentions per bucket, then the negative share per bucket;
    then a line per failing source (since when, its last error), cut to the width so
    that a long error never squeezes the brands' columns."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, width=name_width, overflow="ellipsis")
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    for t in trends:
        total, neg = sum(t.totals), sum(t.negatives)
        table.add_row(Text(one_line(t.brand, 40), style="bold"), Text(sparkline(t.totals)),
                      Text(f"{total:,} mentions"))
        table.add_row(Text("  neg share", style="dim"),
                      Text(sparkline(t.negative_share, maximum=1.0), style="red"),
                      Text(f"{neg / total:.0%} negative" if total else "—", style="red"))
    if not failing:
        return table
    lines: list[RenderableType] = [table]
    for s in failing:
        # The name is the user's; the error can quote a server: both cleaned, no markup.
        since = (f"failing since {short_time(s.failing_since, zone)}" if s.failing_since
                 else f"last ok {short_time(s.last_success, zone)}" if s.last_success
                 else "never fetched")
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append("⚠ " + one_line(s.name or s.url, 40), style="bold red")
        line.append(f" {since}, {s.consecutive_failures} failures: "
                    f"{one_line(s.last_error or '', 120)}", style="red")
        lines.append(line)
    return Group(*lines)
