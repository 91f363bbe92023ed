from __future__ import annotations

import random


class Backoff:
    """Exponential pauses with jitter, so a fleet of consumers does not reconnect in lockstep."""

    def __init__(self, *, initial: float, maximum: float) -> None:
        self._initial = initial
        self._maximum = maximum
        self._failures = 0

    def next_delay(self) -> float:
        ceiling = min(self._maximum, self._initial * float(2**self._failures))
        self._failures += 1
        # Equal jitter: never less than half the ceiling, so a flapping upstream is not hammered.
        return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 - jitter, not a secret

    def reset(self) -> None:
        self._failures = 0
