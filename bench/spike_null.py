"""False alarms of the spike detector on ordinary life: seasonal counts with no anomaly.

Draws negative counts per 15-minute bin from a Poisson-gamma model with a
daily cycle, quieter weekends and a strong Monday-morning peak (the unit
tests' brand), for several seeds and over-dispersions, runs the daemon's
``SpikeDetector`` (``balanced`` unless ``--sensitivity``) and prints the alarms
(opened or escalated) per week after the first two weeks. The preset's budget
is the rate it should stay under (``balanced``: 1 a week).

    .venv/bin/python bench/spike_null.py [--weeks 12] [--seeds 1-6] [--sensitivity balanced]
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

from listener.detection.spike_settings import SpikeSettings
from listener.detection.spikes import SpikeDetector
from listener.simulate.counts import ordinary_counts

T0 = datetime(2026, 1, 5, tzinfo=UTC)  # a Monday


def main() -> None:
    """Print alarms per week for each seed and dispersion, and the mean."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--seeds", default="1-6", help="range of seeds, e.g. 1-6")
    parser.add_argument("--sensitivity", default="balanced", choices=("low", "balanced", "high"))
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    seeds = range(int(first), int(last or first) + 1)
    settings = SpikeSettings.preset(args.sensitivity)
    scored_weeks = args.weeks - 2
    rates = []
    for seed in seeds:
        for base, phi in ((8.0, 0.05), (8.0, 0.3), (1.0, 0.3)):
            detector = SpikeDetector("null", settings, share_test=False)
            after = T0 + timedelta(weeks=2)
            bins = ordinary_counts(T0, args.weeks, base=base, phi=phi, seed=seed)
            alarms = [e for e in detector.replay(bins)
                      if e.is_alarm and e.at > after]
            rate = len(alarms) / scored_weeks
            rates.append(rate)
            tests = sorted({t for e in alarms for t in e.incident.tests})
            print(f"seed {seed} base {base:g}/bin phi {phi:g}: {len(alarms)} alarms in "
                  f"{scored_weeks} weeks = {rate:.2f}/week {tests}")
    print(f"mean {sum(rates) / len(rates):.2f} alarms/week "
          f"(budget {settings.false_alarms_per_week:g}/week)")


if __name__ == "__main__":
    main()
