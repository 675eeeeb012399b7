"""``vigie report``: a period per brand, in Markdown, for the weekly or monthly report.

Volume and negative share against the period before, where the mentions came
from, the spikes and suspected campaigns of the period with their triage
state, how many negative mentions were answered and how fast, and the most
negative mentions of the widest reach. Markdown reads as plain text in a
terminal and pastes into a mail, a wiki or a chat. Every stored text is
someone's: it is cut to one line, without control characters, and its
Markdown is neutralised.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

from listener.analysis.normalise import single_line
from listener.commands.export import parse_since
from listener.commands.readstore import add_db_argument, open_for_reading
from listener.detection.spike_explain import severity_word
from listener.errors import VigieError
from listener.i18n import ENGLISH, LANGUAGES, Translator, localise, resolve_language, translator
from listener.store import parse_iso
from listener.store.db import now_utc
from listener.store.report import BrandReport, brand_report, report_brands

__all__ = ["register", "render_report"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``report``."""
    p = sub.add_parser(
        "report", help="a period per brand in Markdown: volume, negative share, spikes, "
                       "campaigns, response",
        description=textwrap.fill(
            "Summarise a period (by default the last 7 days) per brand: mentions and negative "
            "share against the period just before, the top sources, the spikes and suspected "
            "campaigns opened in it with their triage state, how many negative mentions were "
            "answered (resolved, ignored or escalated) and the median time from publication "
            "to the first action, and the most negative mentions of the widest reach. "
            "Markdown, readable as it is in a terminal.", 78),
        epilog="examples:\n"
               "  vigie report                                 # the last 7 days, every brand\n"
               "  vigie report --days 30 --brand 'Bleuet Mobile' -o bleuet-november.md\n"
               "  vigie report --since 2026-11-01 --until 2026-12-01\n"
               "  vigie report --db demo.db",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--days", type=float, default=7.0, metavar="N",
                   help="the period: the last N days (default 7); ignored with --since")
    p.add_argument("--since", metavar="WHEN",
                   help="start of the period: an ISO date or time, or a duration back from now "
                        "(7d, 24h)")
    p.add_argument("--until", metavar="WHEN",
                   help="end of the period (same forms; default now)")
    p.add_argument("--brand", metavar="NAME", action="append", default=[],
                   help="only this brand (repeatable; default every brand with mentions)")
    p.add_argument("-o", "--output", metavar="FILE", type=Path,
                   help="write to FILE instead of stdout")
    p.add_argument("--lang", choices=("auto", *LANGUAGES), default=None,
                   help="language of the report (default: `language` in the config, else "
                        "auto: the locale's, from LANG or LC_ALL); the explanations of spikes "
                        "and campaigns follow it too")
    add_db_argument(p)
    p.set_defaults(func=_cmd)


def _cmd(args: argparse.Namespace) -> int:
    end = parse_iso(parse_since(args.until, option="--until")) if args.until else now_utc()
    if args.since:
        start = parse_iso(parse_since(args.since))
    else:
        if args.days <= 0:
            raise VigieError(f"--days {args.days:g}: expected a number of days above 0")
        start = end - timedelta(days=args.days)
    if start >= end:
        raise VigieError(f"the period is empty: {start:%Y-%m-%d %H:%M} is not before "
                         f"{end:%Y-%m-%d %H:%M} UTC")
    db, config = open_for_reading(args)
    try:
        brands = args.brand or report_brands(db, start, end)
        reports = [brand_report(db, b, start, end) for b in brands]
    finally:
        db.conn.close()
    setting = args.lang or (config.language if config is not None else None)
    text = render_report(reports, start, end, translator(resolve_language(setting)))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    tmp = args.output.with_name(args.output.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, args.output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise VigieError(f"cannot write {args.output}: {exc.strerror}") from None
    print(f"vigie report: {len(reports)} brands written to {args.output}", file=sys.stderr)
    return 0


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _inline(text: str | None, limit: int = 160) -> str:
    """Someone's text as one inert Markdown line (no control characters, no markup)."""
    line = single_line(text or "")
    if len(line) > limit:
        line = line[:limit - 1] + "…"
    return line.translate(_MD_SPECIAL)


def _when(iso: str) -> str:
    return f"{parse_iso(iso):%Y-%m-%d %H:%M}"


def _change(now: float, before: float, tr: Translator) -> str:
    if before == 0:
        return tr("no mention the period before") if now else tr("none before either")
    return tr("{change} on the period before ({before:,.0f})",
              change=tr.percent((now - before) / before, "+.0%"), before=before)


def _share(value: float | None, tr: Translator) -> str:
    return "—" if value is None else tr.percent(value)


def _status(status: str, tr: Translator) -> str:
    """A triage status as a word of the report."""
    return {"new": tr.ctx("triage", "new"), "open": tr.ctx("triage", "open"),
            "escalated": tr.ctx("triage", "escalated"), "snoozed": tr.ctx("triage", "snoozed"),
            "resolved": tr.ctx("triage", "resolved"), "ignored": tr.ctx("triage", "ignored"),
            }.get(status, status)


def render_report(reports: list[BrandReport], start: datetime, end: datetime,
                  tr: Translator = ENGLISH) -> str:
    """The Markdown report of ``reports`` for ``[start, end)``, in ``tr``'s language."""
    out = [tr("# Vigie report, {start} to {end} UTC", start=f"{start:%Y-%m-%d %H:%M}",
              end=f"{end:%Y-%m-%d %H:%M}"), ""]
    if not reports:
        out += [tr("No mention was stored in this period."), ""]
    for r in reports:
        out += [f"## {_inline(r.brand, 80)}", ""]
        out.append(tr("- **Mentions:** {n:,} ({change})", n=r.now.total,
                      change=_change(r.now.total, r.before.total, tr)))
        out.append(tr("- **Negative:** {n:,}, {share} of mentions (the period before: "
                      "{before}); positive: {positive:,}", n=r.now.negative,
                      share=_share(r.now.negative_share, tr),
                      before=_share(r.before.negative_share, tr), positive=r.now.positive))
        if r.sources:
            out.append(tr("- **Top sources:** {sources}", sources=", ".join(
                f"{_inline(name, 60)} ({tr.number(n, ',')})" for name, n in r.sources)))
        negatives = r.answered + r.waiting
        if negatives:
            speed = ("" if r.median_hours_to_action is None else
                     tr("; median {hours:.1f} h from publication to the first action",
                        hours=r.median_hours_to_action))
            out.append(tr("- **Response:** {answered:,} of {n:,} negative mentions answered "
                          "(resolved, ignored or escalated), {waiting:,} still waiting{speed}",
                          answered=r.answered, n=negatives, waiting=r.waiting, speed=speed))
        out.append("")
        spikes = [i for i in r.incidents if i.kind == "spike"]
        campaigns = [i for i in r.incidents if i.kind == "campaign"]
        out.append(tr("### Spikes ({n})", n=len(spikes)) if spikes else tr("No negative spike."))
        for i in spikes:
            out.append(tr("- {time}, {severity}, {status}: {summary}", time=_when(i.at),
                          severity=severity_word(i.severity, tr) or "-", status=_status(i.status, tr),
                          summary=_inline(localise(i.summary, i.message, tr))))
        out.append("")
        out.append(tr("### Suspected campaigns ({n})", n=len(campaigns)) if campaigns
                   else tr("No suspected campaign."))
        for i in campaigns:
            out.append(tr("- {time}, {status}: {summary}", time=_when(i.at),
                          status=_status(i.status, tr),
                          summary=_inline(localise(i.summary, i.message, tr))))
        out.append("")
        if r.samples:
            out.append(tr("### Most negative, widest reach"))
            for m in r.samples:
                reach = tr(", reach {reach:,}", reach=m.reach) if m.reach else ""
                out.append(tr("- {time} {author} on {source}{reach} ({score}, {status}): {text}",
                              time=_when(m.at),
                              author=_inline(m.author, 40) or tr("anonymous"),
                              source=_inline(m.source, 60), reach=reach,
                              score=tr.number(m.compound, "+.2f"),
                              status=_status(m.status, tr), text=_inline(m.text)))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
