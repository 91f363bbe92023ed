"""Quarantined SIM cards: listed for staff, and put back in stock (with the reason recorded) when found good."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from application.errors import STORE_OUTAGE, InvalidInputError, NotFoundError, Raises
from application.operations.audit import recorded
from application.ports.sim_quarantine import QuarantinedSim, RestockOutcome, SimQuarantine

REASON_MAX = 500


class Restocked(msgspec.Struct, frozen=True, kw_only=True):
    msisdn: str
    outcome: RestockOutcome  # "restocked", or "not_quarantined" (it already was in stock, or is in use)


class ListQuarantinedSims:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, quarantine: SimQuarantine) -> None:
        self._quarantine = quarantine

    async def execute(self, *, limit: int = 100) -> tuple[QuarantinedSim, ...]:
        return await self._quarantine.list_quarantined(limit=limit)


class RestockSim:
    raises: ClassVar[Raises] = (InvalidInputError, NotFoundError, *STORE_OUTAGE)

    def __init__(self, quarantine: SimQuarantine) -> None:
        self._quarantine = quarantine

    async def execute(self, msisdn: str, *, reason: str) -> Restocked:
        msisdn, reason = msisdn.strip(), " ".join(reason.split())
        if not msisdn.isdigit():
            raise InvalidInputError("A SIM card is named by its phone number (MSISDN), digits only.")
        if not reason or len(reason) > REASON_MAX:
            raise InvalidInputError(f"Say why the card is good again (1 to {REASON_MAX} characters).")
        outcome = await self._quarantine.restock(msisdn, reason=reason)
        if outcome == "unknown":
            raise NotFoundError("No SIM card with that number is in our stock.")
        recorded("sims.restock", outcome, msisdn=msisdn, reason=reason)
        return Restocked(msisdn=msisdn, outcome=outcome)
