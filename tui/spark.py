"""Sparklines as plain strings of block characters (snapshot-friendly, theme-neutral)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["sparkline", "BARS"]

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None], *, maximum: float | None = None) -> str:
    """One block character per value, scaled to ``maximum`` (default: the largest value).

    Zero is the lowest bar, ``None`` (no data) a space.
    """
    real = [v for v in values if v is not None]
    top = maximum if maximum is not None else (max(real) if real else 0)
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif top <= 0 or v <= 0:
            out.append(BARS[0])
        else:
            out.append(BARS[min(len(BARS) - 1, max(1, round(v / top * (len(BARS) - 1))))])
    return "".join(out)
