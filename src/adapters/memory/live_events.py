"""In-memory live events with the Redis feed's rules: ids "<ms>-<seq>" increasing per account, a window of the
newest events per account, replay after an id or "incomplete" when it is older than the window."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Mapping

from application.live.policy import LivePolicy
from application.ports.live_events import LiveEvent, Replay, event_order


class InMemoryLiveEvents:
    def __init__(self, *, window: int = LivePolicy().replay_events) -> None:
        self._window = window
        self._kept: dict[str, deque[LiveEvent]] = {}
        self._listeners: set[asyncio.Queue[tuple[str, LiveEvent]]] = set()
        self._sequence = 0

    async def publish(self, sf_account_id: str, event_type: str, data: Mapping[str, str]) -> str:
        self._sequence += 1
        event = LiveEvent(id=f"{self._sequence}-0", type=event_type, data=dict(data))
        self._kept.setdefault(sf_account_id, deque(maxlen=self._window)).append(event)
        for listener in self._listeners:
            listener.put_nowait((sf_account_id, event))
        return event.id

    async def since(self, sf_account_id: str, last_event_id: str) -> Replay:
        kept = self._kept.get(sf_account_id)
        head = kept[-1].id if kept else None
        if not kept or event_order(last_event_id) < event_order(kept[0].id):
            return Replay(events=(), complete=False, head=head)
        after = tuple(e for e in kept if event_order(e.id) > event_order(last_event_id))
        return Replay(events=after, complete=True, head=head)

    async def listen(self) -> AsyncIterator[tuple[str, LiveEvent] | None]:
        queue: asyncio.Queue[tuple[str, LiveEvent]] = asyncio.Queue()
        self._listeners.add(queue)
        try:
            yield None
            while True:
                yield await queue.get()
        finally:
            self._listeners.discard(queue)
