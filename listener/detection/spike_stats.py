"""Tail probabilities and thresholds used by the spike detector.

Pure functions on floats (no numpy, no scipy) so that one detector step stays
cheap in a streaming loop:

- :func:`nb_sf`: upper tail ``P(X >= x)`` of a negative binomial with mean
  ``mu`` and over-dispersion ``phi`` (variance ``mu + phi * mu**2``), the
  Poisson-gamma model of counts whose rate itself fluctuates;
- :func:`betabinom_sf`: upper tail of a beta-binomial, for the negative share
  of ``n`` mentions when the share itself fluctuates from bin to bin;
- :func:`cusum_threshold`: the CUSUM decision interval ``h`` giving a wanted
  in-control average run length (Siegmund's approximation).
"""

from __future__ import annotations

import math

__all__ = ["nb_sf", "poisson_sf", "betabinom_sf", "cusum_threshold", "surprise"]

_TINY = 1e-300
_MAX_TERMS = 5000


def poisson_sf(x: int, mu: float) -> float:
    """Return ``P(X >= x)`` for ``X ~ Poisson(mu)``."""
    if x <= 0:
        return 1.0
    if mu <= 0.0:
        return 0.0
    log_term = x * math.log(mu) - mu - math.lgamma(x + 1)
    return _sum_tail(log_term, lambda j: mu / (j + 1), x)


def nb_sf(x: int, mu: float, phi: float) -> float:
    """Return ``P(X >= x)`` for a negative binomial of mean ``mu``, variance ``mu + phi mu^2``.

    ``phi`` (1 / shape) near 0 is the Poisson limit. The tail is summed upward
    from ``x`` with the ratio of successive terms, which converges quickly in
    the upper tail, the only part the detector asks about.
    """
    if x <= 0:
        return 1.0
    if mu <= 0.0:
        return 0.0
    if phi < 1e-6:
        return poisson_sf(x, mu)
    r = 1.0 / phi
    p = mu / (mu + r)  # probability of a "success" in the NB(r, p) counting convention
    log_term = (
        math.lgamma(x + r) - math.lgamma(r) - math.lgamma(x + 1)
        + r * math.log1p(-p) + x * math.log(p)
    )
    return _sum_tail(log_term, lambda j: p * (j + r) / (j + 1), x)


def betabinom_sf(k: int, n: int, share: float, concentration: float) -> float:
    """Return ``P(K >= k)`` for ``K ~ BetaBinomial(n, a, b)`` with mean share ``share``.

    ``a = share * concentration`` and ``b = (1 - share) * concentration``: a
    larger concentration means the share varies less from bin to bin.
    """
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    share = min(max(share, 1e-6), 1.0 - 1e-6)
    a = share * concentration
    b = (1.0 - share) * concentration
    log_term = (
        math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
        + math.lgamma(k + a) + math.lgamma(n - k + b) - math.lgamma(n + a + b)
        + math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    )
    total = 0.0
    term = math.exp(log_term)
    j = k
    while j <= n:
        total += term
        if j == n:
            break
        term *= (n - j) / (j + 1) * (j + a) / (n - j - 1 + b)
        j += 1
        if term < total * 1e-15:
            break
    return min(1.0, total)


def _sum_tail(log_first: float, ratio, start: int) -> float:
    """Sum a series whose first term is ``exp(log_first)`` and terms follow ``ratio(j)``."""
    if log_first < math.log(_TINY):
        return 0.0
    term = math.exp(log_first)
    total = 0.0
    j = start
    for _ in range(_MAX_TERMS):
        total += term
        term *= ratio(j)
        j += 1
        if term < total * 1e-13:
            break
    return min(1.0, total)


def cusum_threshold(arl0: float, drift: float) -> float:
    """Return the CUSUM decision interval ``h`` with in-control run length ``arl0``.

    For standardised residuals with reference value (``drift``) ``k``, Siegmund's
    approximation gives ``ARL0 = (exp(2 k b) - 2 k b - 1) / (2 k^2)`` with
    ``b = h + 1.166``; this inverts it by bisection.
    """
    if arl0 <= 1.0 or drift <= 0.0:
        raise ValueError("arl0 must be > 1 and drift > 0")
    k = drift

    def arl(h: float) -> float:
        b = 2.0 * k * (h + 1.166)
        return (math.exp(b) - b - 1.0) / (2.0 * k * k)

    lo, hi = 0.0, 1.0
    while arl(hi) < arl0:
        hi *= 2.0
    for _ in range(60):
        mid = (lo + hi) / 2.0
        if arl(mid) < arl0:
            lo = mid
        else:
            hi = mid
    return hi


def surprise(p_value: float) -> float:
    """Return ``-log10(p)``: 2 means "1 chance in 100", 6 "1 in a million"."""
    return -math.log10(max(p_value, _TINY))
