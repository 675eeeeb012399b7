"""Pure rendering of store records into Rich renderables (list cells, detail, trends).

Every string that came from outside (texts, titles, authors, brands, source
names, URLs, evidence) goes through :mod:`tui.clean` and into ``Text`` objects;
nothing here is ever parsed as markup.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, tzinfo
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from listener.detection.campaign_reasons import is_caution
from listener.detection.spike_explain import (
    duration_words,
    expected_words,
    severity_word,
    term_words,
)
from listener.i18n import ENGLISH, Translator, localise
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
_STATUS_STYLE = {"new": "bold", "open": "cyan", "escalated": "magenta", "snoozed": "dim",
                 "resolved": "green", "ignored": "dim"}


def _status_words(tr: Translator) -> dict[str, str]:
    """Status -> its word in the lists (at most four cells: the column is five wide)."""
    return {"new": tr.ctx("status", "new"), "open": tr.ctx("status", "open"),
            "escalated": tr.ctx("status", "esc!"), "snoozed": tr.ctx("status", "zz"),
            "resolved": tr.ctx("status", "done"), "ignored": tr.ctx("status", "ign")}


def _label_word(label: str, tr: Translator) -> str:
    """A sentiment label in the reader's language."""
    return {"negative": tr("negative"), "neutral": tr("neutral"),
            "positive": tr("positive")}.get(label, label)


class SortCell(Text):
    """A ``Text`` cell that carries the row's queue order (for ``DataTable.sort``)."""

    def __init__(self, text: str, order: tuple[Any, ...], style: str = "") -> None:
        super().__init__(text, style=style, no_wrap=True, overflow="ellipsis")
        self.order = order


def short_tests(test: object, tr: Translator = ENGLISH) -> str:
    """Compact form of a spike's tests: ``count+count_1h+buildup`` -> ``count 15m/1h+buildup``
    (in French ``volume 15m/1h+montée``)."""
    parts = str(test or "").split("+")
    scales = [("15m" if p == "count" else p.removeprefix("count_"))
              for p in parts if p == "count" or p.startswith("count_")]
    names = {"buildup": tr.ctx("test", "buildup"), "share": tr.ctx("test", "share")}
    others = [names.get(p, p) for p in parts if p and p != "count" and not p.startswith("count_")]
    count = tr.ctx("test", "count")
    if not scales:
        head = []
    elif scales == ["15m"]:
        head = [count]
    else:
        head = [count + " " + "/".join(scales)]
    return "+".join(head + others)


def incident_toast(brand: str, summary: str, severity: str | None,
                   tr: Translator = ENGLISH) -> str:
    """The one-line notification of a new spike or campaign.

    A spike's summary already starts with its brand and says its severity
    ("Acme: count spike (minor), ..."); neither is said twice.
    """
    named = summary.startswith(brand) and summary[len(brand):].lstrip("\u00a0 ").startswith(":")
    text = summary if named else f"{brand}: {summary}"
    word = severity_word(severity, tr) if severity else ""
    if word and f"({word})" not in text:
        text += f" ({word})"
    return text


def short_time(iso: str | None, zone: tzinfo = UTC, tr: Translator = ENGLISH) -> str:
    """``MM-DD HH:MM`` of a store timestamp in the display ``zone``, ``DD/MM HH:MM`` in
    French (where 12-08 reads as the 12th of August); a malformed one is shown as the
    store cuts it, cleaned for display."""
    try:
        when = parse_iso(iso) if iso else None
    except ValueError:
        when = None
    if when is None:
        return clean(store_short_time(iso))
    return clean(when.astimezone(zone).strftime("%d/%m %H:%M" if tr.lang == "fr"
                                                else "%m-%d %H:%M"))


def _label_at(zone: tzinfo, iso: str | None) -> str:
    """The zone's short name at the stored time ``iso`` (EST or EDT...), now if malformed."""
    try:
        return zone_label(zone, parse_iso(iso) if iso else None)
    except ValueError:
        return zone_label(zone)


def status_word(state: TriageState, now_iso: str, tr: Translator = ENGLISH) -> tuple[str, str]:
    """Short status word and its style; an expired snooze shows as ``open``."""
    status = state.active_status(now_iso)
    return _status_words(tr).get(status, "?"), _STATUS_STYLE.get(status, "")


def _fit(text: str, width: int, style: str = "") -> Text:
    part = Text(text, style=style, no_wrap=True)
    part.truncate(width, overflow="ellipsis", pad=True)
    return part


#: Headers of the queues whose rows are all of one kind, where the generic
#: "source" and "author" fields hold something else (:func:`row_line`).
def _queue_headers(queue: str | None, tr: Translator) -> dict[str, str]:
    if queue == "spikes":
        return {"source": tr("tests"), "author": tr("severity"), "text": tr("summary")}
    if queue == "campaigns":
        return {"source": tr("kind"), "author": tr("size"), "text": tr("reasons")}
    return {}


def _column_names(tr: Translator) -> dict[str, str]:
    return {"st": tr.ctx("column", "st"), "brand": tr("brand"), "source": tr("source"),
            "author": tr("author"), "s": tr.ctx("column", "s"), "text": tr("text")}


def header_line(widths: dict[str, int], queue: str | None = None, *,
                time_label: str = "UTC", tr: Translator = ENGLISH) -> Text:
    """The list header of ``queue``, aligned with :func:`row_line`.

    A spike's row shows its tests and severity, a campaign's its kind and size,
    where a mention's shows its source and author: the spike and campaign
    queues name their fields so; mixed queues ("Done") keep the mention names.
    """
    names = {**_column_names(tr), "time": tr("time {zone}", zone=time_label),
             **_queue_headers(queue, tr)}
    line = Text(no_wrap=True, style="bold")
    for key, label in COLUMNS:
        if not widths[key]:
            continue
        if line:
            line.append(" ")
        line.append_text(_fit(names.get(key, label), widths[key]))
    return line


def row_line(row: QueueRow, *, selected: bool, now_iso: str, widths: dict[str, int],
             zone: tzinfo = UTC, tr: Translator = ENGLISH) -> SortCell:
    """One list row as a single line of fixed-width fields (cell-width aware).

    One cell per row keeps the DataTable cheap to measure and paint; every
    field is cleaned and cut to its width, so no text can spill into another.
    """
    word, wstyle = status_word(row.state, now_iso, tr)
    fields: list[tuple[str, str]] = [
        (("✓" if selected else " ") + word, "reverse " + wstyle if selected else wstyle),
        (short_time(row.at, zone, tr), "dim"),
        (one_line(row.brand, 60), ""),
    ]
    if row.ref.kind == "mention":
        glyph, gstyle = _LABEL_MARK.get(row.label, ("?", ""))
        fields += [(one_line(row.source, 60), ""), (one_line(row.author or "—", 60), ""),
                   (glyph, gstyle), (one_line(row.text or row.title), "")]
    elif row.ref.kind == "alert":
        severity = str(row.extra.get("severity", ""))
        sstyle = _SEVERITY_STYLE.get(severity, "")
        fields += [(tr("{tests} test", tests=one_line(short_tests(row.extra.get("test"), tr), 20)),
                    "italic"),
                   (severity_word(severity, tr), sstyle), ("!", sstyle),
                   (one_line(localise(row.title, row.extra.get("summary_message"), tr)),
                    "")]
    else:
        # A hollow yellow mark: the campaign rests on timing, accounts and
        # ratings alone, or on copies of short texts only (its reasons end
        # with a caution).
        glyph = ("◇", "yellow") if row.extra.get("caution") else ("◆", "magenta")
        fields += [(tr("campaign"), "italic"),
                   (tr.n("{n} item", "{n} items", int(row.extra.get("members", 0) or 0)), ""),
                   glyph, (one_line(localise(row.title, row.extra.get("title_message"), tr)), "")]
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


def _state_lines(state: TriageState, now_iso: str, zone: tzinfo, tr: Translator) -> Text:
    word, style = status_word(state, now_iso, tr)
    out = Text.assemble((word, style))
    if state.status == "snoozed" and state.snoozed_until:
        out.append(" " + tr("until {time}", time=short_time(state.snoozed_until, zone, tr)))
    out.append(" · " + tr("assignee") + " ")
    out.append(clean(state.assignee) or "—")
    out.append(" · " + tr("tags") + " ")
    out.append(", ".join(clean(t) for t in state.tags) or "—")
    if state.verdict:
        out.append(" · " + tr("verdict") + " ")
        out.append(verdict_word(state.verdict, tr), "bold")
    if state.updated_by:
        out.append(f"  (v{state.version}, {clean(state.updated_by)} {short_time(state.updated_at, zone, tr)})",
                   "dim")
    return out


def verdict_word(verdict: str, tr: Translator = ENGLISH) -> str:
    """A campaign verdict as words (``not_fake`` -> "not fake")."""
    return {"not_fake": tr("not fake"), "confirmed_fake": tr("confirmed fake")}.get(
        verdict, verdict.replace("_", " "))


def _action_word(action: str, tr: Translator) -> str:
    """A triage action of the history in the reader's language."""
    return {"open": tr.ctx("action", "open"), "resolve": tr.ctx("action", "resolve"),
            "ignore": tr.ctx("action", "ignore"), "escalate": tr.ctx("action", "escalate"),
            "snooze": tr.ctx("action", "snooze"), "reopen": tr.ctx("action", "reopen"),
            "assign": tr.ctx("action", "assign"), "tag": tr.ctx("action", "tag"),
            "note": tr.ctx("action", "note"), "verdict": tr.ctx("action", "verdict"),
            "undo": tr.ctx("action", "undo")}.get(action, action)


def action_done(action: str, count: int, tr: Translator = ENGLISH) -> str:
    """The notification after a triage action: "resolve · 3 items"."""
    return tr.n("{action} · {n} item", "{action} · {n} items", count,
                action=_action_word(action, tr))


def _action_detail(action: str, payload: dict[str, Any], zone: tzinfo, tr: Translator) -> str:
    """What an action of the history did, in words (a note's text, a snooze's end...)."""
    if action == "note":
        return "“" + localise(str(payload.get("text", "")), payload.get("message"), tr) + "”"
    if action == "snooze" and payload.get("until"):
        return tr("until {time}", time=short_time(str(payload["until"]), zone, tr))
    if action == "assign":
        return ("→ " + str(payload["assignee"])) if payload.get("assignee") else tr(
            "(unassigned)")
    if action == "tag":
        return ", ".join([f"+{t}" for t in payload.get("add") or []]
                         + [f"-{t}" for t in payload.get("remove") or []])
    if action == "verdict":
        verdict = payload.get("verdict")
        return verdict_word(str(verdict), tr) if verdict else tr("(withdrawn)")
    detail = {k: v for k, v in payload.items() if k not in ("seconds",)}
    return ", ".join(f"{k}={v}" for k, v in detail.items())


def _history(entries: Sequence[LogEntry], zone: tzinfo, tr: Translator) -> list[RenderableType]:
    if not entries:
        return [Text(tr("no triage action yet"), style="dim")]
    undone = {e.undoes for e in entries if e.undoes}
    lines: list[RenderableType] = []
    for e in entries:
        line = Text.assemble((short_time(e.at, zone, tr), "dim"), " ", (clean(e.who), "bold"), " ",
                             _action_word(e.action, tr))
        detail = _action_detail(e.action, e.payload, zone, tr)
        if detail:
            line.append(" ")
            line.append(clean(detail, max_chars=500))
        if e.batch in undone:
            line.append(" " + tr("(undone)"), "italic dim")
        lines.append(line)
    return lines


def _mention_line(row: QueueRow, now_iso: str, zone: tzinfo, tr: Translator,
                  extra: str = "") -> Text:
    glyph, gstyle = _LABEL_MARK.get(row.label, ("?", ""))
    word, wstyle = status_word(row.state, now_iso, tr)
    line = Text.assemble((short_time(row.at, zone, tr), "dim"), " ", (glyph, gstyle), " ",
                         (f"{word:<4}", wstyle), " ", (extra, "dim"),
                         one_line(row.text or row.title, 120))
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line


def mention_detail(d: MentionDetail, now_iso: str, zone: tzinfo = UTC,
                   tr: Translator = ENGLISH) -> RenderableType:
    """Everything about one mention, hostile text shown literally."""
    row = d.row
    head = _grid()
    glyph, gstyle = _LABEL_MARK.get(row.label, ("?", ""))
    senti = Text.assemble((f"{glyph} {_label_word(row.label, tr)}", gstyle),
                          f" ({tr.number(row.compound, '+.2f')})",
                          " · " + tr("lang {lang}", lang=clean(row.lang))
                          + ("" if d.lang_supported else " " + tr("(no analyser)")))
    if row.urgency is not None and row.label == "negative":
        sev = severity_of_urgency(row.urgency)
        senti.append(" · " + tr("urgency {value:.2f}", value=row.urgency) + " ")
        senti.append(severity_word(sev, tr), _SEVERITY_STYLE[sev])
    kinds = {"post": tr.ctx("kind", "post"), "review": tr.ctx("kind", "review"),
             "article": tr.ctx("kind", "article"), "comment": tr.ctx("kind", "comment")}
    item = f"{row.key} · {kinds.get(d.kind, clean(d.kind))}"
    if d.rating:
        item += " · " + tr("rating {rating}", rating=d.rating)
    if row.reach is not None:
        item += " · " + tr("reach {reach:,}", reach=row.reach)
    _kv(head, tr("item"), Text(item))
    _kv(head, tr("sentiment"), senti)
    _kv(head, tr("brands"), Text(", ".join(clean(b) for b in d.brands) or "—"))
    _kv(head, tr("author"), Text(clean(row.author) or "—"))
    _kv(head, tr("source"), Text(clean(row.source)))
    _kv(head, tr("published"), Text(f"{short_time(row.at, zone, tr)} {_label_at(zone, row.at)} "
                                    + tr("(fetched {time})",
                                         time=short_time(d.fetched_at, zone, tr))))
    _kv(head, tr("link"), Text(clean(row.url) or "—", style="underline"))
    _kv(head, tr("triage"), _state_lines(row.state, now_iso, zone, tr))
    parts: list[RenderableType] = [head]
    if d.title and d.title.strip() and d.title.strip() not in d.text[:len(d.title) + 5]:
        parts.append(Text(clean(d.title, max_chars=500), style="bold"))
    parts.append(Text(clean(d.text, keep_newlines=True, max_chars=MAX_DETAIL_CHARS)))
    if len(d.sources) > 1:
        parts.append(_heading(tr.n("seen in {n} source", "seen in {n} sources",
                                   len(d.sources))))
        parts += [Text(f"{clean(s['source_name'] or s['source_url'])}  {short_time(s['seen_at'], zone, tr)}")
                  for s in d.sources]
    if d.alerts or d.campaigns:
        parts.append(_heading(tr("part of")))
        parts.append(Text(" ".join([tr("spike a{id}", id=a) for a in d.alerts]
                                   + [tr("campaign c{id}", id=c) for c in d.campaigns])))
    parts.append(_heading(tr("other mentions by {author}",
                             author=one_line(row.author or "—", 40))))
    if d.author_other:
        parts += [_mention_line(o, now_iso, zone, tr) for o in d.author_other]
    else:
        parts.append(Text(tr("none"), style="dim"))
    parts.append(_heading(tr("history")))
    parts += _history(d.history, zone, tr)
    return Group(*parts)


def _chart(series: Sequence[Any], zone: tzinfo, tr: Translator) -> list[RenderableType]:
    """Sparklines of total / negative / expected from the evidence series."""
    totals, negatives, expected = [], [], []
    for point in series:
        if not isinstance(point, list | tuple) or len(point) < 3:
            continue
        totals.append(_num(point[1]))
        negatives.append(_num(point[2]))
        expected.append(_num(point[3]) if len(point) > 3 else None)
    if not totals:
        return [Text(tr("no series in the evidence"), style="dim")]
    top = max([v for v in totals + negatives + expected if v is not None] or [0])
    grid = _grid()
    for name, values, style in ((tr("total"), totals, ""), (tr("negative"), negatives, "red"),
                                (tr("expected"), expected, "dim")):
        real = [v for v in values if v is not None]
        if real:
            grid.add_row(Text(name, style="bold"),
                         Text.assemble((sparkline(values, maximum=top), style),
                                       "  " + tr("last {last:g}, max {max:g}", last=real[-1],
                                                 max=max(real))))
    first = series[0][0] if series and isinstance(series[0], list | tuple) else ""
    last = series[-1][0] if series and isinstance(series[-1], list | tuple) else ""
    grid.add_row(Text(""), Text(f"{short_time(str(first), zone, tr)} → {short_time(str(last), zone, tr)}",
                                     style="dim"))
    return [grid]


def _fmt_num(value: Any, tr: Translator = ENGLISH) -> str:
    number = _num(value)
    if number is None:
        return "—"
    return tr.number(number, ".0f" if number == int(number) else ".1f")


def _fmt_expected(value: Any, tr: Translator = ENGLISH) -> str:
    number = _num(value)
    return "—" if number is None else expected_words(number, tr)


def _evidence_item(v: Any, tr: Translator = ENGLISH) -> str:
    """One entry of an evidence list: a term with its counts, a name with its count."""
    if isinstance(v, dict):
        if "term" in v:
            return term_words(v, tr)
        if "name" in v:
            return f"{v['name']} ({v.get('count', '?')})"
        return ", ".join(f"{k}={val}" for k, val in v.items())
    if isinstance(v, list | tuple):
        return " ".join(str(x) for x in v)
    return str(v)


def _size_words(incident: dict[str, Any], tr: Translator) -> str | None:
    """"+88 in all · 10 days of usual negative mentions (8.7 a day)" (None: not stored).

    The figures are the incident's own (``Incident.to_dict``), not recomputed here.
    """
    excess, usual = _num(incident.get("excess")), _num(incident.get("usual_per_day"))
    days = _num(incident.get("size_days"))
    if excess is None or usual is None or days is None:
        return None
    return tr("+{excess} in all · {days} days of usual negative mentions ({usual} a day)",
              excess=tr.number(excess, ".0f"), days=tr.number(days, ".1f"),
              usual=tr.number(usual, ".1f"))


def _num(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _members(rows: Sequence[QueueRow], total: int, now_iso: str, zone: tzinfo, tr: Translator,
             scores: dict[int, float] | None = None, weak: set[int] | None = None,
             weak_count: int = 0) -> list[RenderableType]:
    heading = tr("members ({total})", total=total)
    if weak_count:
        heading = tr("members ({total}; {weak} weak: little evidence of their own,"
                     " flagged for arriving with the others)", total=total, weak=weak_count)
    out: list[RenderableType] = [_heading(heading)]
    for r in rows:
        extra = tr.number(scores[r.ref.id], ".2f") + " " if scores and r.ref.id in scores else ""
        if weak and r.ref.id in weak:
            extra += tr("weak") + " "
        out.append(_mention_line(r, now_iso, zone, tr, extra=f"{r.key} {extra}"))
    if total > len(rows):
        out.append(Text(tr("… {n} more", n=total - len(rows)), style="dim"))
    return out


def alert_detail(d: AlertDetail, now_iso: str, zone: tzinfo = UTC,
                 tr: Translator = ENGLISH) -> RenderableType:
    """A spike: explanation, figures, chart, evidence and member mentions."""
    row, ev = d.row, d.evidence
    head = _grid()
    sev = str(row.extra.get("severity", ""))
    _kv(head, tr("spike"), Text.assemble(
        f"{row.key} · {clean(row.brand)} · " + tr("test") + " ",
        clean(short_tests(row.extra.get("test"), tr)), " · ",
        (severity_word(sev, tr), _SEVERITY_STYLE.get(sev, "")),
        " · " + tr("score {score:.2f}", score=row.extra.get("score", 0) or 0)))
    figures = tr("observed {observed} · expected {expected}",
                 observed=_fmt_num(row.extra.get("observed"), tr),
                 expected=_fmt_expected(row.extra.get("expected"), tr))
    incident = ev.get("incident")
    minutes = _num(incident.get("peak_minutes")) if isinstance(incident, dict) else None
    if minutes:
        figures += " " + tr("(over {duration})", duration=duration_words(minutes, tr))
    if d.p_value is not None:
        figures += " · p=" + tr.number(d.p_value, ".2g")
    _kv(head, tr("figures"), Text(figures))
    size = _size_words(incident, tr) if isinstance(incident, dict) else None
    if size:
        _kv(head, tr.ctx("spike", "size"), Text(size))
    state = _detector_word(str(row.extra.get("detector_state")), tr)
    lifetime = (tr("{state} · opened {opened}, ended {ended}", state=state,
                   opened=short_time(row.at, zone, tr), ended=short_time(d.resolved_at, zone, tr))
                if d.resolved_at else
                tr("{state} since {since}", state=state, since=short_time(row.at, zone, tr)))
    _kv(head, tr("detector"), Text(lifetime))
    _kv(head, tr("triage"), _state_lines(row.state, now_iso, zone, tr))
    title = localise(row.title, ev.get("headline_message"), tr)
    parts: list[RenderableType] = [head, Text(clean(title, max_chars=2000), style="bold")]
    parts.append(_heading(tr("chart")))
    series = ev.get("series")
    parts += _chart(series if isinstance(series, list) else [], zone, tr)
    lists = _grid()
    for key, label in (("new_terms", tr("new terms")), ("top_sources", tr("top sources")),
                       ("top_authors", tr("top authors")), ("campaigns", tr("in campaigns"))):
        value = ev.get(key)
        if isinstance(value, list) and value:
            shown = [_evidence_item(v, tr) for v in value[:10]]
            _kv(lists, label, Text(clean(", ".join(shown), max_chars=600)))
        elif key == "top_authors" and isinstance(ev.get("authors"), int) and ev["authors"] > 1:
            _kv(lists, tr("authors"),
                Text(tr("{n}, none with more than one mention", n=ev["authors"])))
    if lists.row_count:
        parts += [_heading(tr("evidence")), lists]
    parts += _members(d.members, d.member_count, now_iso, zone, tr)
    parts.append(_heading(tr("history")))
    parts += _history(d.history, zone, tr)
    return Group(*parts)


def _detector_word(state: str, tr: Translator) -> str:
    """The detector's state of a spike or campaign (``open``, ``resolved``...)."""
    return {"open": tr.ctx("detector", "open"), "resolved": tr.ctx("detector", "resolved"),
            "closed": tr.ctx("detector", "closed"), "None": "—"}.get(state, clean(state))


def campaign_reasons(stored: Sequence[str], messages: object,
                     tr: Translator = ENGLISH) -> list[str]:
    """A campaign's reasons in the reader's language (see :func:`localise`)."""
    if tr.lang == "en" or messages is None:
        return list(stored)
    if isinstance(messages, str):
        try:
            messages = json.loads(messages)
        except ValueError:
            return list(stored)
    if not isinstance(messages, list) or len(messages) != len(stored):
        return list(stored)
    return [localise(text, m, tr) for text, m in zip(stored, messages, strict=True)]


#: Evidence keys of a campaign, as the detail pane names them.
def _evidence_key(key: str, tr: Translator) -> str:
    return {"figures": tr("figures"), "profile": tr("profile"),
            "duplicates": tr("duplicates"), "lockstep": tr("lockstep"),
            "accounts": tr("accounts"), "ratings": tr("ratings")}.get(key, clean(key, max_chars=40))


def campaign_detail(d: CampaignDetail, now_iso: str, zone: tzinfo = UTC,
                    tr: Translator = ENGLISH) -> RenderableType:
    """A suspected campaign: reasons with figures, evidence, scored members, verdict."""
    row = d.row
    head = _grid()
    _kv(head, tr("campaign"), Text(
        f"{row.key} · " + tr("target {target}", target=clean(row.brand)) + " · "
        + tr("score {score:.2f}", score=row.extra.get("score", 0) or 0) + " · "
        + _detector_word(str(row.extra.get("detector_state")), tr)))
    _kv(head, tr("window"), Text(f"{short_time(row.extra.get('first_at'), zone, tr)} → "
                                 f"{short_time(row.at, zone, tr)}"))
    _kv(head, tr("triage"), _state_lines(row.state, now_iso, zone, tr))
    parts: list[RenderableType] = [head, _heading(tr("why it is suspected"))]
    shown = campaign_reasons(d.reasons, d.evidence.get("reason_messages"), tr)
    parts += [Text("• " + clean(text, max_chars=500),
                   style="yellow" if is_caution(r) else "")
              for r, text in zip(d.reasons, shown, strict=True)] or [Text("—")]
    evidence = {k: v for k, v in d.evidence.items() if k != "reason_messages"}
    if evidence:
        grid = _grid()
        for key, value in list(evidence.items())[:20]:
            _kv(grid, _evidence_key(str(key), tr),
                Text(clean(evidence_value(value, tr), max_chars=1000)))
        parts += [_heading(tr("evidence")), grid]
    if d.member_times:
        parts += [_heading(tr("members over time")), _timeline(d.member_times, zone, tr)]
    figures = d.evidence.get("figures")
    weak = _num(figures.get("weak_members")) if isinstance(figures, dict) else None
    parts += _members(d.members, d.member_count, now_iso, zone, tr, d.member_scores, d.weak_ids,
                      int(weak or 0))
    parts.append(_heading(tr("history")))
    parts += _history(d.history, zone, tr)
    return Group(*parts)


def evidence_value(value: object, tr: Translator = ENGLISH) -> str:
    """One evidence value as a person reads it, not as a Python repr.

    A mapping becomes ``accounts 38 · near duplicates 36`` (underscores read as
    spaces), a list ``a, b``, a float at most three decimals. The caller still
    cleans the result: the values can come from mention text.
    """
    if isinstance(value, dict):
        return " · ".join(f"{_figure_name(str(k), tr)} {evidence_value(v, tr)}"
                          for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(evidence_value(v, tr) for v in value)
    if isinstance(value, float):
        return tr.number(value, ".3f").rstrip("0").rstrip(".,")
    return str(value)


def _figure_name(key: str, tr: Translator) -> str:
    """A figure's key as words: ``near_duplicates`` -> "near duplicates" (translated)."""
    names = {
        "members": tr.ctx("figure", "members"), "accounts": tr.ctx("figure", "accounts"),
        "span_hours": tr.ctx("figure", "span hours"),
        "core_members": tr.ctx("figure", "core members"),
        "core_hours": tr.ctx("figure", "core hours"),
        "new_accounts": tr.ctx("figure", "new accounts"),
        "thin_accounts": tr.ctx("figure", "thin accounts"),
        "near_duplicates": tr.ctx("figure", "near duplicates"),
        "duplicate_texts": tr.ctx("figure", "duplicate texts"),
        "lockstep_accounts": tr.ctx("figure", "lockstep accounts"),
        "fast_accounts": tr.ctx("figure", "fast accounts"),
        "mean_rating": tr.ctx("figure", "mean rating"),
        "usual_rating": tr.ctx("figure", "usual rating"),
        "log_likelihood_ratio": tr.ctx("figure", "log likelihood ratio"),
        "short_copies": tr.ctx("figure", "short copies"),
        "direct_traces": tr.ctx("figure", "direct traces"),
        "weak_members": tr.ctx("figure", "weak members"),
        "negative_mentions": tr.ctx("figure", "negative mentions"),
        "positive_mentions": tr.ctx("figure", "positive mentions"),
        "labelled_mentions": tr.ctx("figure", "labelled mentions"),
        "usual_negative_share": tr.ctx("figure", "usual negative share"),
        "usual_positive_share": tr.ctx("figure", "usual positive share"),
    }
    return names.get(key, key.replace("_", " "))


def _timeline(times: Sequence[str], zone: tzinfo, tr: Translator = ENGLISH,
              buckets: int = 24) -> Text:
    """A sparkline of how many members were published in each slice of the window."""
    stamps = sorted(parse_iso(t).timestamp() for t in times)
    start, end = stamps[0], stamps[-1]
    width = max(1.0, (end - start) / buckets)
    counts = [0] * buckets
    for t in stamps:
        counts[min(buckets - 1, int((t - start) / width))] += 1
    minutes = width / 60
    step = (tr.number(minutes, ".0f") + " min" if minutes < 90
            else tr.number(minutes / 60, ".1f") + " h")
    return Text.assemble((sparkline(counts), "magenta"), "  " + tr(
        "{first} → {last}, 1 bar = {step}, peak {peak}", first=short_time(times[0], zone, tr),
        last=short_time(times[-1], zone, tr), step=step, peak=max(counts)))


def trend_lines(trends: Sequence[BrandTrend], *, name_width: int = 14,
                failing: Sequence[SourceHealth] = (), zone: tzinfo = UTC,
                tr: Translator = ENGLISH) -> RenderableType:
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
                      Text(tr.n("{n:,} mention", "{n:,} mentions", total)))
        table.add_row(Text("  " + tr("neg share"), style="dim"),
                      Text(sparkline(t.negative_share, maximum=1.0), style="red"),
                      Text(tr("{share} negative", share=tr.percent(neg / total)) if total
                           else "—", style="red"))
    if not failing:
        return table
    lines: list[RenderableType] = [table]
    for s in failing:
        # The name is the user's; the error can quote a server: both cleaned, no markup.
        since = (tr("failing since {time}", time=short_time(s.failing_since, zone, tr))
                 if s.failing_since
                 else tr("last ok {time}", time=short_time(s.last_success, zone, tr))
                 if s.last_success else tr("never fetched"))
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append("⚠ " + one_line(s.name or s.url, 40), style="bold red")
        line.append(" " + tr("{since}, {n} failures: {error}", since=since,
                             n=s.consecutive_failures, error=one_line(s.last_error or "", 120)),
                    style="red")
        lines.append(line)
    return Group(*lines)

