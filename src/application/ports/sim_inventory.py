"""Our stock of SIM cards and eSIM numbers, and which order each went to.

The free stock is first in, first out by the time a card (re)entered it. A card leaves an order only after
Freebit definitely refused to activate it: back to stock when the refusal did not blame the card, into
quarantine (never assigned again; staff examine it) when it did or might have.

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
        """Add cards not already known (by number); how many were new. A known card keeps its state."""
        ...

    async def release(self, order_id: str, msisdn: str) -> bool:
        """Put the order's card back in stock, behind the cards already waiting; the order's next `assign` takes
        another. False (and nothing changed) when the order does not hold that card."""
        ...

    async def quarantine(self, order_id: str, msisdn: str, reason: str) -> bool:
        """Take the order's card out of stock for good, with why; the order's next `assign` takes another.
        False (and nothing changed) when the order does not hold that card."""
        ...
