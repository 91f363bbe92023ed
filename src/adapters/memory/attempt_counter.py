from __future__ import annotations

import math
import secrets
from collections.abc import Sequence

from application.ports.attempt_counter import AttemptTaken
from application.ports.clock import Clock


class InMemoryAttemptCounter:
    """The twin of `RedisAttemptCounter`: the same moving window, atomic because nothing in `take` awaits."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._attempts: dict[str, dict[str, float]] = {}

    async def take(self, counters: Sequence[str], *, limit: int, window_seconds: int) -> AttemptTaken:
        now = self._clock.monotonic()
        wait = 0.0
        for counter in counters:
            kept = {t: at for t, at in self._attempts.get(counter, {}).items() if at > now - window_seconds}
            self._attempts[counter] = kept
            if len(kept) >= limit:
                freeing = sorted(kept.values())[len(kept) - limit]
                wait = max(wait, freeing + window_seconds - now, 1.0)
        if wait > 0:
            return AttemptTaken(allowed=False, retry_after_seconds=max(1, math.ceil(wait)))
        ticket = secrets.token_hex(8)
        for counter in counters:
            self._attempts[counter][ticket] = now
        return AttemptTaken(allowed=True, ticket=ticket)

    async def give_back(self, counters: Sequence[str], ticket: str) -> None:
        for counter in counters:
            self._attempts.get(counter, {}).pop(ticket, None)
