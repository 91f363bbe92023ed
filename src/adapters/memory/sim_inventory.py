"""In-memory `SimInventory`: the first free card of the kind, in the order cards (re)entered stock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from adapters.system_clock import SystemClock
from application.ports.clock import Clock
from application.ports.sim_inventory import SimKind
from application.ports.sim_quarantine import QuarantinedSim, RestockOutcome
from domain.orders.fulfilment import SimCard


class InMemorySimInventory:
    """Also the twin of `SimQuarantine` (one stock, two roles)."""

    def __init__(self, cards: Sequence[SimCard] = (), clock: Clock | None = None) -> None:
        self._clock = clock or SystemClock()
        self.cards: dict[str, SimCard] = {}  # by MSISDN, in the order they (re)entered stock
        self.assigned: dict[str, str] = {}  # order id → MSISDN
        self.quarantined: dict[str, str] = {}  # MSISDN → why
        self.quarantined_at: dict[str, datetime] = {}
        self.restocks: dict[str, str] = {}  # MSISDN → why an operator put it back
        for card in cards:
            self.cards.setdefault(card.msisdn, card)

    async def assign(self, order_id: str, kind: SimKind) -> SimCard | None:
        held = self.assigned.get(order_id)
        if held is not None:
            return self.cards[held]
        unavailable = set(self.assigned.values()) | self.quarantined.keys()
        free = next((c for c in self.cards.values() if c.kind == kind and c.msisdn not in unavailable), None)
        if free is not None:
            self.assigned[order_id] = free.msisdn
        return free

    async def add_stock(self, cards: Sequence[SimCard]) -> int:
        new = [card for card in cards if card.msisdn not in self.cards]
        for card in new:
            self.cards[card.msisdn] = card
        return len(new)

    async def release(self, order_id: str, msisdn: str) -> bool:
        if self.assigned.get(order_id) != msisdn:
            return False
        del self.assigned[order_id]
        self.cards[msisdn] = self.cards.pop(msisdn)  # to the back of the queue
        return True

    async def quarantine(self, order_id: str, msisdn: str, reason: str) -> bool:
        if self.assigned.get(order_id) != msisdn:
            return False
        del self.assigned[order_id]
        self.quarantined[msisdn] = reason
        self.quarantined_at[msisdn] = self._clock.now()
        return True

    async def list_quarantined(self, *, limit: int = 100) -> tuple[QuarantinedSim, ...]:
        ordered = sorted(self.quarantined, key=lambda msisdn: (self.quarantined_at[msisdn], msisdn))[:limit]
        return tuple(
            QuarantinedSim(
                msisdn=msisdn,
                kind=self.cards[msisdn].kind,
                product_number=self.cards[msisdn].product_number,
                quarantined_at=self.quarantined_at[msisdn],
                reason=self.quarantined[msisdn],
            )
            for msisdn in ordered
        )

    async def restock(self, msisdn: str, *, reason: str) -> RestockOutcome:
        if msisdn not in self.cards:
            return "unknown"
        if msisdn not in self.quarantined:
            return "not_quarantined"
        del self.quarantined[msisdn], self.quarantined_at[msisdn]
        self.restocks[msisdn] = reason
        self.cards[msisdn] = self.cards.pop(msisdn)  # to the back of the queue
        return "restocked"
