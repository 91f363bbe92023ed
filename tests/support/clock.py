from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from dishka import Provider, Scope, provide

from application.ports.clock import Clock


class ShiftedClock:
    """Real time plus an offset tests move forward, for processes whose other parts run on real time."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.offset)

    def monotonic(self) -> float:
        return time.monotonic() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


class ClockProvider(Provider):
    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self._clock = clock

    @provide(scope=Scope.APP)
    def clock(self) -> Clock:
        return self._clock
