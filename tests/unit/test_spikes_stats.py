"""Tail probabilities, CUSUM threshold and the history calibrator of the spike detector."""

from __future__ import annotations

import math

import numpy as np
import pytest

from listener.detection.spike_calibration import TailCalibrator
from listener.detection.spike_stats import betabinom_sf, cusum_threshold, nb_sf, poisson_sf


def nb_pmf(j: int, mu: float, phi: float) -> float:
    r = 1 / phi
    p = mu / (mu + r)
    return math.exp(math.lgamma(j + r) - math.lgamma(r) - math.lgamma(j + 1)
                    + r * math.log1p(-p) + j * math.log(p))


@pytest.mark.parametrize(("x", "mu", "phi"), [(10, 3.0, 0.5), (100, 50.0, 0.1),
                                              (5, 0.2, 1.0), (1700, 1000.0, 0.05)])
def test_nb_tail_matches_brute_force(x: int, mu: float, phi: float) -> None:
    """P(X >= x) equals one minus the summed probabilities below x."""
    brute = 1 - sum(nb_pmf(j, mu, phi) for j in range(x))
    assert nb_sf(x, mu, phi) == pytest.approx(brute, rel=1e-6, abs=1e-12)


def test_nb_is_heavier_than_poisson_and_tends_to_it() -> None:
    """Over-dispersion fattens the tail; phi -> 0 gives the Poisson tail."""
    assert nb_sf(20, 8.0, 0.3) > 10 * poisson_sf(20, 8.0)
    assert nb_sf(20, 8.0, 1e-5) == pytest.approx(poisson_sf(20, 8.0), rel=1e-3)
    assert poisson_sf(3, 1.0) == pytest.approx(1 - math.exp(-1) * 2.5)


def test_beta_binomial_tail() -> None:
    """A very concentrated beta-binomial is a binomial; a loose one has a heavier tail."""
    binomial = sum(math.comb(10, k) * 0.2**k * 0.8 ** (10 - k) for k in range(5, 11))
    assert betabinom_sf(5, 10, 0.2, 1e7) == pytest.approx(binomial, rel=1e-4)
    assert betabinom_sf(5, 10, 0.2, 20) > binomial
    assert betabinom_sf(0, 10, 0.2, 20) == 1.0
    assert betabinom_sf(11, 10, 0.2, 20) == 0.0


def _betabinom_tail(k: int, n: int, share: float, concentration: float) -> float:
    """Every term of the tail summed exactly (fractions of lgamma-free products)."""
    from fractions import Fraction

    a = Fraction(share) * Fraction(concentration)
    b = (1 - Fraction(share)) * Fraction(concentration)
    # pmf(j) ∝ C(n, j) * prod_{i<j}(a + i) * prod_{i<n-j}(b + i), normalised over j.
    def weight(j: int) -> Fraction:
        w = Fraction(math.comb(n, j))
        for i in range(j):
            w *= a + i
        for i in range(n - j):
            w *= b + i
        return w
    weights = [weight(j) for j in range(n + 1)]
    return float(sum(weights[k:]) / sum(weights))


@pytest.mark.parametrize(("k", "n", "share", "concentration"), [
    (3, 40, 0.3, 8.0),  # below the mean: 1 - the lower tail
    (12, 40, 0.3, 8.0),  # just above the mean
    (30, 40, 0.3, 8.0),  # far in the tail
    (5, 300, 0.01, 4.0),  # a wide, over-dispersed tail (the vectorised part)
    (40, 300, 0.05, 3.0),
])
def test_beta_binomial_tail_matches_the_exact_sum(k: int, n: int, share: float,
                                                  concentration: float) -> None:
    """Each way of summing (term by term, complement, vectorised rest) agrees with exact
    arithmetic."""
    exact = _betabinom_tail(k, n, share, concentration)
    assert betabinom_sf(k, n, share, concentration) == pytest.approx(exact, rel=1e-9, abs=1e-15)


def test_beta_binomial_tail_far_below_the_mean_is_one_not_an_underflow() -> None:
    """The first term underflows far below the mean; the tail is then ~1, not 0."""
    assert betabinom_sf(135, 5000, 0.7258, 500.0) == pytest.approx(1.0)


def test_beta_binomial_tail_can_stop_once_it_reaches_a_level() -> None:
    """A caller asking only whether the tail reaches ``stop_above`` gets a lower bound at
    least that large, and the same value below it."""
    full = betabinom_sf(9, 40, 0.2, 10.0)
    assert full > 0.37
    early = betabinom_sf(9, 40, 0.2, 10.0, stop_above=math.exp(-1))
    assert math.exp(-1) <= early <= full
    rare = betabinom_sf(25, 40, 0.2, 10.0)
    assert betabinom_sf(25, 40, 0.2, 10.0, stop_above=math.exp(-1)) == rare < 0.37


def test_cusum_threshold_inverts_siegmund() -> None:
    """h = 4, k = 0.5 has ARL0 = exp(5.166) - 6.166 over 0.5 (about 336 bins)."""
    arl = (math.exp(5.166) - 5.166 - 1) / 0.5
    assert cusum_threshold(arl, 0.5) == pytest.approx(4.0, abs=1e-6)
    assert cusum_threshold(4 * arl, 0.5) > 4.0


def test_calibrator_recovers_an_exponential_tail() -> None:
    """Isolated exponential episodes: the estimated rate of exceeding s matches the truth."""
    rng = np.random.default_rng(0)
    cal = TailCalibrator(capacity=100_000, refresh=100, base=0.0, gap=1, min_points=100)
    for _ in range(20_000):
        # an episode every 4 bins on average, exponential sizes of mean 2
        cal.add(float(rng.exponential(2.0)) if rng.random() < 0.25 else 0.0)
    for s in (4.0, 8.0, 12.0):
        true_rate = 0.25 * math.exp(-s / 2.0) * 0.75  # episodes are split by a zero bin
        assert cal.tail(s) == pytest.approx(true_rate, rel=0.35)


def test_calibrator_never_calls_rarer_than_the_history_shows() -> None:
    """A tail heavier than the fit: within the episodes seen, the observed rate is a floor.

    Mostly small exponential episodes, plus a few huge ones (a tenth of a
    percent of bins): the fitted tail, driven by the many small episodes,
    would call the huge ones far rarer than they were. The rate reported for
    a value among them is at least (episodes that reached it) / bins.
    """
    rng = np.random.default_rng(1)
    cal = TailCalibrator(capacity=100_000, refresh=100, base=0.0, gap=1, min_points=100)
    n = 20_000
    huge = 0
    for i in range(n):
        if i % 1000 == 500:
            cal.add(float(60.0 + rng.exponential(5.0)))
            huge += 1
        else:
            cal.add(float(rng.exponential(2.0)) if rng.random() < 0.25 else 0.0)
    assert cal.tail(60.0) >= huge / n * 0.95  # the last fit may not hold the newest episodes
    # Beyond the largest episode seen, the fitted tail alone extrapolates.
    assert cal.tail(1000.0) < 1 / n


def test_calibrator_needs_history_before_it_answers() -> None:
    """Before min_points bins the rate is 1 (no alert possible)."""
    cal = TailCalibrator(capacity=1000, refresh=10, min_points=200, quiet_points=500)
    for _ in range(100):
        cal.add(5.0 if _ % 10 == 0 else 0.0)
    assert cal.tail(100.0) == 1.0


def test_calibrator_with_quiet_history_defers_to_the_model() -> None:
    """A long history with almost no episode reports 0: the model's p-value decides."""
    cal = TailCalibrator(capacity=1000, refresh=10, min_points=100, quiet_points=300,
                         min_clusters=10)
    for i in range(400):
        cal.add(3.0 if i == 50 else 0.0)
    assert cal.tail(10.0) == 0.0
    assert cal.tail(0.0) == 1.0


def test_calibrator_declusters_bursts() -> None:
    """A burst of many bins counts as one episode."""
    cal = TailCalibrator(capacity=1000, refresh=1000, gap=3)
    for v in [0, 5, 6, 0, 7, 0, 0, 0, 1, 0, 0, 0]:
        cal.add(float(v))
    assert cal.clusters == 2


def test_nb_tail_for_a_huge_brand_is_accurate_and_fast() -> None:
    """A million mentions per bin: the tail agrees with the normal approximation."""
    mu, phi, x = 1_000_000.0, 0.001, 1_050_000
    sd = math.sqrt(mu + phi * mu * mu)
    normal = 0.5 * math.erfc((x - 0.5 - mu) / sd / math.sqrt(2))
    assert nb_sf(x, mu, phi) == pytest.approx(normal, rel=0.1)


def test_regularized_beta_symmetry() -> None:
    """I_z(a, b) = 1 - I_(1-z)(b, a), and I_z(1, 1) = z."""
    from listener.detection.spike_stats import regularized_beta

    assert regularized_beta(0.3, 1.0, 1.0) == pytest.approx(0.3)
    assert regularized_beta(0.3, 2.5, 4.0) == pytest.approx(1 - regularized_beta(0.7, 4.0, 2.5))
