"""In-memory `SimInventory`: first free card of the kind, in the order stock arrived."""

from __future__ import annotations

from collections.abc import Sequence

from application.ports.sim_inventory import SimKind
from domain.orders.fulfilment import SimCard


class InMemorySimInventory:
    def __init__(self, cards: Sequence[SimCard] = ()) -> None:
        self.cards: dict[str, SimCard] = {}
        self.assigned: dict[str, str] = {}  # order id → MSISDN
        for card in cards:
            self.cards.setdefault(card.msisdn, card)

    async def assign(self, order_id: str, kind: SimKind) -> SimCard | None:
        held = self.assigned.get(order_id)
        if held is not None:
            return self.cards[held]
        taken = set(self.assigned.values())
        free = next((c for c in self.cards.values() if c.kind == kind and c.msisdn not in taken), None)
        if free is not None:
            self.assigned[order_id] = free.msisdn
        return free

    async def add_stock(self, cards: Sequence[SimCard]) -> int:
        new = [card for card in cards if card.msisdn not in self.cards]
        for card in new:
            self.cards[card.msisdn] = card
        return len(new)
