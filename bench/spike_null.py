"""False alarms of the spike detector on ordinary life: seasonal counts with no anomaly.

Draws negative counts per 15-minute bin from a Poisson-gamma model with a
daily cycle, quieter weekends and a strong Monday-morning peak (the unit
tests' brand), for several seeds and over-dispersions, runs the daemon's
``SpikeDetector`` (``balanced`` unless ``--sensitivity``) and prints the alarms
(opened or escalated) per week after the first two weeks. The preset's budget
is the rate it should stay under (``balanced``: 1 a week).

    .venv/bin/python bench/spike_null.py [--weeks 12] [--seeds 1-6] [--sensitivity balanced]

With ``--new-brand`` the brands are first seen on a Thursday and the script
counts the alarms on their first and second Monday instead (every one false:
the Monday-morning peak is part of the brand's ordinary week).
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

from listener.detection.spike_settings import SpikeSettings
from listener.detection.spikes import SpikeDetector
from listener.simulate.counts import ordinary_counts

T0 = datetime(2026, 1, 5, tzinfo=UTC)  # a Monday


SERIES = ((8.0, 0.05), (8.0, 0.3), (1.0, 0.3))  # (mentions per bin, over-dispersion)


def null_rates(seeds: range, weeks: int, settings: SpikeSettings) -> None:
    """Alarms per week after the first two weeks, per series and on average."""
    scored_weeks = weeks - 2
    rates = []
    for seed in seeds:
        for base, phi in SERIES:
            detector = SpikeDetector("null", settings, share_test=False)
            after = T0 + timedelta(weeks=2)
            bins = ordinary_counts(T0, weeks, base=base, phi=phi, seed=seed)
            alarms = [e for e in detector.replay(bins) if e.is_alarm and e.at > after]
            rate = len(alarms) / scored_weeks
            rates.append(rate)
            tests = sorted({t for e in alarms for t in e.incident.tests})
            print(f"seed {seed} base {base:g}/bin phi {phi:g}: {len(alarms)} alarms in "
                  f"{scored_weeks} weeks = {rate:.2f}/week {tests}")
    print(f"mean {sum(rates) / len(rates):.2f} alarms/week "
          f"(budget {settings.false_alarms_per_week:g}/week)")


def new_brands(seeds: range, settings: SpikeSettings) -> None:
    """Alarms on the first and second Monday of brands first seen on a Thursday."""
    start = T0 + timedelta(days=3)
    mondays = (T0 + timedelta(days=7), T0 + timedelta(days=14))
    totals = [0, 0]
    hit = [0, 0]
    for seed in seeds:
        for base, phi in SERIES:
            detector = SpikeDetector("new", settings, share_test=False)
            bins = ordinary_counts(start, 2.5, base=base, phi=phi, seed=seed)
            alarms = [e for e in detector.replay(bins) if e.is_alarm]
            counts = [sum(m <= e.at < m + timedelta(days=1) for e in alarms) for m in mondays]
            for k in (0, 1):
                totals[k] += counts[k]
                hit[k] += counts[k] > 0
            print(f"seed {seed} base {base:g}/bin phi {phi:g}: first Monday {counts[0]} alarms, "
                  f"second Monday {counts[1]}")
    n = len(seeds) * len(SERIES)
    print(f"first Monday: {totals[0]} alarms in {hit[0]} of {n} series; "
          f"second Monday: {totals[1]} alarms in {hit[1]} of {n} series")


def main() -> None:
    """Parse the options and run the chosen measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--seeds", default="1-6", help="range of seeds, e.g. 1-6")
    parser.add_argument("--sensitivity", default="balanced", choices=("low", "balanced", "high"))
    parser.add_argument("--new-brand", action="store_true",
                        help="brands first seen on a Thursday: alarms on their first two Mondays")
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    seeds = range(int(first), int(last or first) + 1)
    settings = SpikeSettings.preset(args.sensitivity)
    if args.new_brand:
        new_brands(seeds, settings)
    else:
        null_rates(seeds, args.weeks, settings)


if __name__ == "__main__":
    main()
