"""Tail probabilities and thresholds used by the spike detector.

Pure functions on floats (no numpy, no scipy) so that one detector step stays
cheap in a streaming loop:

- :func:`nb_sf`: upper tail ``P(X >= x)`` of a negative binomial with mean
  ``mu`` and over-dispersion ``phi`` (variance ``mu + phi * mu**2``), the
  Poisson-gamma model of counts whose rate itself fluctuates, computed as a
  regularised incomplete beta function (continued fraction: accurate and
  fast for counts of any size);
- :func:`betabinom_sf`: upper tail of a beta-binomial, for the negative share
  of ``n`` mentions when the share itself fluctuates from bin to bin;
- :func:`cusum_threshold`: the CUSUM decision interval ``h`` giving a wanted
  in-control average run length (Siegmund's approximation).
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "nb_sf", "poisson_sf", "betabinom_sf", "regularized_beta", "cusum_threshold", "surprise",
]

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

    ``phi`` (1 / shape) near 0 is the Poisson limit.
    """
    if x <= 0:
        return 1.0
    if mu <= 0.0:
        return 0.0
    if phi < 1e-6:
        return poisson_sf(x, mu)
    r = 1.0 / phi
    p = mu / (mu + r)  # probability of a "success" in the NB(r, p) counting convention
    # P(X >= x) is the regularised incomplete beta I_p(x, r).
    return regularized_beta(p, float(x), r)


def regularized_beta(z: float, a: float, b: float) -> float:
    """Return the regularised incomplete beta function ``I_z(a, b)``.

    Continued fraction (modified Lentz), evaluated directly where it converges
    fast (``z < (a + 1) / (a + b + 2)``, which includes every upper tail the
    detector asks about) and through ``1 - I_{1-z}(b, a)`` elsewhere.
    """
    if z <= 0.0:
        return 0.0
    if z >= 1.0:
        return 1.0
    if z > (a + 1.0) / (a + b + 2.0):
        return 1.0 - regularized_beta(1.0 - z, b, a)
    log_front = (a * math.log(z) + b * math.log1p(-z)
                 + math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b))
    if log_front < math.log(_TINY):
        return 0.0
    return min(1.0, math.exp(log_front) * _beta_fraction(z, a, b) / a)


def _beta_fraction(z: float, a: float, b: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * z / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 20_000):
        m2 = 2 * m
        aa = m * (b - m) * z / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * z / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


#: Terms of a beta-binomial tail summed one by one before the rest is vectorised.
_SCALAR_TERMS = 64


def betabinom_sf(k: int, n: int, share: float, concentration: float,
                 rtol: float = 1e-15, stop_above: float = 2.0) -> float:
    """Return ``P(K >= k)`` for ``K ~ BetaBinomial(n, a, b)`` with mean share ``share``.

    ``a = share * concentration`` and ``b = (1 - share) * concentration``: a
    larger concentration means the share varies less from bin to bin. The
    tail is summed until a term falls below ``rtol`` times the sum. Below
    the mean (``k <= n * share``) the upper tail holds most of the mass and
    summing it would take up to ``n - k`` terms, so ``1 - P(K < k)`` is
    returned instead, summing the ``k`` terms of the lower tail downwards.
    A caller that only needs to know whether the tail reaches ``stop_above``
    gets, as soon as the partial sum of the upper tail does, that partial
    sum (a lower bound, at least ``stop_above``); below it the result is the
    same.
    """
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    share = min(max(share, 1e-6), 1.0 - 1e-6)
    a = share * concentration
    b = (1.0 - share) * concentration
    lower = k <= n * share
    j = k - 1 if lower else k
    log_term = (
        math.lgamma(n + 1) - math.lgamma(j + 1) - math.lgamma(n - j + 1)
        + math.lgamma(j + a) + math.lgamma(n - j + b) - math.lgamma(n + a + b)
        + math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    )
    total = 0.0
    term = math.exp(log_term)
    if lower:  # P(K <= k - 1), from j = k - 1 down to 0
        while True:
            total += term
            if j == 0:
                break
            term *= j / (n - j + 1) * (n - j + b) / (j - 1 + a)
            j -= 1
            if term < total * rtol:
                break
        return min(1.0, max(0.0, 1.0 - total))
    for _ in range(_SCALAR_TERMS):
        total += term
        if j == n or total >= stop_above:
            return min(1.0, total)
        term *= (n - j) / (j + 1) * (j + a) / (n - j - 1 + b)
        j += 1
        if term < total * rtol:
            return min(1.0, total)
    # A wide tail (a large n, an over-dispersed share): the rest in one
    # vectorised pass, the terms in log space from the current one.
    if term <= 0.0:  # underflow: the rest is below any precision
        return min(1.0, total)
    js = np.arange(j, n, dtype=float)
    steps = np.log((n - js) / (js + 1.0) * (js + a) / (n - js - 1.0 + b))
    logs = math.log(term) + np.concatenate(([0.0], np.cumsum(steps)))
    return min(1.0, total + float(np.exp(logs).sum()))


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
