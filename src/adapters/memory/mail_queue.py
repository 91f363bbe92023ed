from __future__ import annotations

from collections.abc import Awaitable, Callable

from application.errors import UpstreamUnavailableError


class InMemoryMailQueue:
    """With in-memory stores there is no worker: a queued mail is delivered at once, in the caller's process. An
    outage leaves it unsettled in the outbox (nothing retries it here)."""

    def __init__(self, deliver: Callable[[str], Awaitable[object]]) -> None:
        self._deliver = deliver
        self.queued: list[str] = []

    async def enqueue(self, event_key: str) -> None:
        self.queued.append(event_key)
        try:
            await self._deliver(event_key)
        except UpstreamUnavailableError:
            return
