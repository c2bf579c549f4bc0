"""Small, exact statistics for survey shares: Wilson intervals and a two-proportion test."""

from __future__ import annotations

import math

Z_95 = 1.959963984540054


def wilson_interval(percent: float, n: int, z: float = Z_95) -> tuple[float, float]:
    """95 % Wilson score interval for a share given in percent, returned in percent."""
    if n <= 0:
        raise ValueError("n must be positive")
    p = percent / 100
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, (centre - half) * 100), min(100.0, (centre + half) * 100)


def two_proportion_p_value(percent_a: float, n_a: int, percent_b: float, n_b: int) -> float:
    """Two-sided p-value of the pooled two-proportion z-test."""
    if n_a <= 0 or n_b <= 0:
        raise ValueError("n must be positive")
    p_a, p_b = percent_a / 100, percent_b / 100
    pooled = (p_a * n_a + p_b * n_b) / (n_a + n_b)
    variance = pooled * (1 - pooled) * (1 / n_a + 1 / n_b)
    if variance == 0:
        return 1.0 if p_a == p_b else 0.0
    z = (p_a - p_b) / math.sqrt(variance)
    return math.erfc(abs(z) / math.sqrt(2))


def poisson_rates_p_value(n1: int, t1: float, n2: int, t2: float) -> float:
    """Two-sided p-value of the exact test that two Poisson counts share one rate, n1 events
    in exposure time t1 against n2 in t2.

    Given n = n1 + n2 events, n1 is binomial(n, t1 / (t1 + t2)) if the rates are equal (the
    conditional test; R's poisson.test). The p-value sums the probabilities of every outcome
    no more likely than the one observed (as R's binom.test, with its relative tolerance)."""
    if n1 < 0 or n2 < 0 or t1 <= 0 or t2 <= 0:
        raise ValueError("counts must be >= 0 and exposure times > 0")
    n = n1 + n2
    if n == 0:
        return 1.0
    p = t1 / (t1 + t2)
    log_p, log_q = math.log(p), math.log1p(-p)
    base = math.lgamma(n + 1)

    def log_pmf(k: int) -> float:
        return base - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * log_p + (n - k) * log_q

    observed = log_pmf(n1)
    limit = observed + math.log1p(1e-7)
    total = math.fsum(math.exp(v) for k in range(n + 1) if (v := log_pmf(k)) <= limit)
    return min(1.0, total)
