"""The reaper of port-in holders (names, gender, birthday: personal data kept only as long as it can serve).

Fulfilment deletes an order's holder once it is activated. What is left is a holder whose order failed, was
cancelled or was never created (the holder is saved before the CRM order). An MNP reservation is valid for at
most 15 days from issue and checkout refuses an expired one, so 30 days after checkout the reservation behind any
holder has long expired: no Reactivate can port the number with it (that needs a new reservation, and the
customer's details again), and the holder is deleted. A Reactivate after that stops with SIM_DETAILS_MISSING.
"""

from __future__ import annotations

from datetime import timedelta

from application.ports.clock import Clock
from application.ports.port_in_details import PortInDetails

RETENTION = timedelta(days=30)


class PurgePortInHolders:
    def __init__(self, holders: PortInDetails, clock: Clock) -> None:
        self._holders = holders
        self._clock = clock

    async def execute(self) -> int:
        return await self._holders.purge_saved_before(self._clock.now() - RETENTION)
