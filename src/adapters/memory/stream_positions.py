from __future__ import annotations

from adapters.system_clock import SystemClock
from application.ports.clock import Clock
from application.ports.stream_positions import StreamPosition


class InMemoryStreamPositions:
    def __init__(self, clock: Clock | None = None) -> None:
        self._clock = clock or SystemClock()
        self._positions: dict[str, StreamPosition] = {}

    async def get(self, channel: str) -> StreamPosition | None:
        return self._positions.get(channel)

    async def save(self, channel: str, replay_id: int) -> None:
        self._positions[channel] = StreamPosition(channel=channel, replay_id=replay_id, updated_at=self._clock.now())

    async def forget(self, channel: str) -> bool:
        return self._positions.pop(channel, None) is not None
