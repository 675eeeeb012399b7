"""How much the NAB score of the spike detector depends on the series' volume.

The six realTweets series are copied with their counts rescaled -- thinned
(each mention kept with probability k < 1) or grown (``k * v`` plus Poisson-like
noise of variance ``(k - 1) * v``) -- so that their bursts, cycles and labelled
windows stay where they are while the volume changes, as it does from one
brand to the next. Each copy is scored exactly as ``vigie eval spikes --nab``
does (``evaluate_nab_dir``, the daemon's detector at its default settings
unless overridden). A default that scores well at x1 only has been fitted to
the data seen; the spread over the copies says how far to trust one figure.

    .venv/bin/python bench/spike_volume.py [--nab DIR] [--factors 0.3,0.6,1,1.5,3,10]
        [--sensitivity balanced] [--set count_scales=3] [--seed 1]

Takes about 6 s per factor.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from listener.detection.spike_settings import SENSITIVITIES, SpikeSettings
from listener.evaluation.spikes import evaluate_nab_dir, infer_bin_minutes, rescale_dir

PROFILES = ("standard", "reward_low_FP_rate", "reward_low_FN_rate")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nab", type=Path, default=Path("../shared/datasets/nab-realtweets"))
    parser.add_argument("--factors", default="0.3,0.6,1,1.5,3,10")
    parser.add_argument("--sensitivity", choices=SENSITIVITIES, default="balanced")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        help="override a SpikeSettings field (JSON value), e.g. count_scales=3")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not (args.nab / "windows.json").is_file():
        parser.error(f"{args.nab}: no windows.json (pass --nab DIR with NAB's realTweets series)")
    overrides = {}
    for item in args.set:
        name, _, value = item.partition("=")
        overrides[name] = json.loads(value)
    factors = [float(f) for f in args.factors.split(",")]
    sums = [0.0, 0.0, 0.0]
    with tempfile.TemporaryDirectory() as tmp:
        for factor in factors:
            copy = Path(tmp) / f"x{factor:g}"
            rescale_dir(args.nab, copy, factor, args.seed)
            run = evaluate_nab_dir(copy, settings_for=lambda rows: SpikeSettings.preset(
                args.sensitivity, bin_minutes=infer_bin_minutes(rows), **overrides))
            values = [run.scores[p].normalised for p in PROFILES]
            files = run.scores["standard"].files.values()
            found = sum(f.detected for f in files)
            windows = sum(f.windows for f in files)
            fps = sum(f.false_positives for f in files)
            sums = [a + b for a, b in zip(sums, values, strict=True)]
            print(f"x{factor:<5g} {values[0]:5.1f} {values[1]:5.1f} {values[2]:5.1f}   "
                  f"{found}/{windows} windows, {fps} false positives", flush=True)
    means = [s / len(factors) for s in sums]
    print(f"mean   {means[0]:5.1f} {means[1]:5.1f} {means[2]:5.1f}   "
          f"(standard, reward_low_FP_rate, reward_low_FN_rate)")


if __name__ == "__main__":
    main()
