"""Seeded random numbers for the example generator (scripts/example/generate.py), built only on
``random.Random.random()``, whose sequence Python guarantees to keep stable across versions:
the example files come out the same, cell for cell, on every run and every machine.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


class Rng:
    """Seeded random numbers built only on ``random.Random.random()``.

    ``randint``/``choice``/``shuffle`` may change between Python versions; ``random()``
    may not, so everything is derived from it.
    """

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def unit(self) -> float:
        return self._random.random()

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self.unit()

    def integer(self, low: int, high: int) -> int:
        """Integer in [low, high], both inclusive."""
        span = high - low + 1
        return low + min(int(self.unit() * span), span - 1)

    def chance(self, probability: float) -> bool:
        return self.unit() < probability

    def choice(self, items: Sequence[T]) -> T:
        return items[self.integer(0, len(items) - 1)]

    def weighted_index(self, weights: Sequence[float]) -> int:
        target = self.unit() * sum(weights)
        cumulative = 0.0
        for index, weight in enumerate(weights):
            cumulative += weight
            if target < cumulative:
                return index
        return len(weights) - 1

    def sample_indices(self, population: int, count: int) -> list[int]:
        """``count`` distinct indices in range(population), in ascending order."""
        indices = list(range(population))
        for i in range(min(count, population)):
            j = self.integer(i, population - 1)
            indices[i], indices[j] = indices[j], indices[i]
        return sorted(indices[:count])

    def binomial(self, trials: int, probability: float) -> int:
        return sum(1 for _ in range(trials) if self.unit() < probability)
