"""The exact test of two Poisson rates, against known values and an independent count."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report.model.significance import poisson_rates_p_value


@pytest.mark.parametrize(
    ("n1", "t1", "n2", "t2", "expected"),
    [
        # R: binom.test(10, 30)$p.value, poisson.test(c(10, 20), c(1, 1))$p.value
        (10, 1, 20, 1, 0.09873714),
        # R: binom.test(5, 20)$p.value
        (5, 1, 15, 1, 0.04138947),
        # R: poisson.test(c(11, 6 + 8 + 7), c(800, 1083 + 1050 + 878)), the example in its help
        (11, 800, 21, 3011, 0.07966863),
        (0, 1, 0, 1, 1.0),
        (7, 2, 14, 4, 1.0),
    ],
)
def test_known_values(n1: int, t1: float, n2: int, t2: float, expected: float) -> None:
    assert poisson_rates_p_value(n1, t1, n2, t2) == pytest.approx(expected, rel=1e-6, abs=1e-12)


def exact(n1: int, t1: int, n2: int, t2: int) -> Fraction:
    """The same p-value in exact rational arithmetic."""
    n, p = n1 + n2, Fraction(t1, t1 + t2)
    pmf = [comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]
    return sum((v for v in pmf if v <= pmf[n1]), Fraction(0))


@given(st.integers(0, 60), st.integers(1, 40), st.integers(0, 60), st.integers(1, 40))
def test_in_the_unit_interval_symmetric_and_exact(n1: int, t1: int, n2: int, t2: int) -> None:
    value = poisson_rates_p_value(n1, t1, n2, t2)
    assert 0.0 <= value <= 1.0
    assert value == pytest.approx(poisson_rates_p_value(n2, t2, n1, t1), rel=1e-9, abs=1e-15)
    assert value == pytest.approx(
        float(min(Fraction(1), exact(n1, t1, n2, t2))), rel=1e-6, abs=1e-12
    )


def test_large_counts_do_not_underflow() -> None:
    assert poisson_rates_p_value(1200, 2.0, 1500, 2.0) < 1e-7
    assert poisson_rates_p_value(1500, 2.0, 1500, 2.0) == pytest.approx(1.0)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        poisson_rates_p_value(1, 0, 1, 1)
