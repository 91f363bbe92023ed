"""Our stock of SIM cards and eSIM numbers, and which order each went to.

Errors: `UpstreamUnavailableError` when the store cannot answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from domain.orders.fulfilment import SimCard

SimKind = Literal["physical", "esim"]


class SimInventory(Protocol):
    async def assign(self, order_id: str, kind: SimKind) -> SimCard | None:
        """A free card of `kind` for the order, or the one it already has (asking twice never takes two).

        None when none is in stock.
        """
        ...

    async def add_stock(self, cards: Sequence[SimCard]) -> int:
        """Add cards not already known (by number); how many were new."""
        ...
