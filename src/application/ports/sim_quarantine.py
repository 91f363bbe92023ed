"""SIM cards Freebit refused and we took out of stock: for staff to examine and, when the card is good, restock.

Errors: `UpstreamUnavailableError` when the store cannot answer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Protocol

import msgspec

RestockOutcome = Literal["restocked", "not_quarantined", "unknown"]


class QuarantinedSim(msgspec.Struct, frozen=True, kw_only=True):
    msisdn: str
    kind: str
    product_number: str | None
    quarantined_at: datetime
    reason: str | None


class SimQuarantine(Protocol):
    async def list_quarantined(self, *, limit: int = 100) -> tuple[QuarantinedSim, ...]:
        """The quarantined cards, longest waiting first."""
        ...

    async def restock(self, msisdn: str, *, reason: str) -> RestockOutcome:
        """Put a quarantined card back in the free stock (at the back), recording why; `not_quarantined` (nothing
        changed) for a card in stock or assigned, `unknown` for a number we do not stock."""
        ...
