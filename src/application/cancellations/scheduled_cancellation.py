"""The cancellation holding one of the caller's services, as the subscription and SIM views show it (or None).

Scoped by the caller's billing client, so another customer's service simply has none; the view it is shown on has
already checked the service is the caller's.
"""

from __future__ import annotations

from typing import ClassVar

from application.cancellations.view import CancellationView, cancellation_view
from application.errors import STORE_OUTAGE, Raises
from application.identity.linked_customer import LinkedCustomer
from application.ports.cancellation_records import CancellationRecords
from application.ports.clock import Clock


class ScheduledCancellation:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, records: CancellationRecords, clock: Clock) -> None:
        self._records = records
        self._clock = clock

    async def execute(self, customer: LinkedCustomer, service_id: int) -> CancellationView | None:
        holding = await self._records.holding(customer.whmcs_client_id, service_id)
        return cancellation_view(holding, self._clock.now()) if holding else None
