from __future__ import annotations

from typing import Protocol


class WebhookReceipts(Protocol):
    """Which webhook deliveries were already handled, so a retried delivery is applied once.

    Best effort: when the store cannot answer, `first_time` says True (handling an event twice is harmless,
    because invalidation is idempotent; losing one is not).
    """

    async def first_time(self, source: str, delivery_id: str, *, ttl_seconds: int) -> bool:
        """Record the delivery; False when it was already recorded within `ttl_seconds`."""
        ...

    async def forget(self, source: str, delivery_id: str) -> None:
        """Undo `first_time`, so a delivery whose handling failed is handled when it is retried."""
        ...
