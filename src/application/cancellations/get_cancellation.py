"""One of the caller's subscriptions as cancellation sees it: the cancellation holding it, or the dates open now."""

from __future__ import annotations

from typing import ClassVar

from application.cancellations.errors import CancellationNotOfferedError
from application.cancellations.policy import CancellationPolicy
from application.cancellations.services import CancellableServices, kind_of
from application.cancellations.view import CancellationStatus, cancellation_view, end_date_options
from application.errors import STORE_OUTAGE, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES
from application.ports.cancellation_records import CancellationRecords
from application.ports.clock import Clock
from domain.cancellation.schedule import allowed_end_dates


class GetCancellation:
    raises: ClassVar[Raises] = (NotFoundError, CancellationNotOfferedError, *BILLING_OUTAGES, *STORE_OUTAGE)

    def __init__(
        self,
        services: CancellableServices,
        records: CancellationRecords,
        clock: Clock,
        policy: CancellationPolicy,
    ) -> None:
        self._services = services
        self._records = records
        self._clock = clock
        self._policy = policy

    async def execute(self, customer: LinkedCustomer, service_id: int) -> CancellationStatus:
        service = await self._services.service(customer, service_id)
        kind = kind_of(service)
        now = self._clock.now()
        current = await self._records.holding(customer.whmcs_client_id, service.id)
        ends = (
            ()
            if current
            else allowed_end_dates(now, cutoff_day=self._policy.cutoff_day, months=self._policy.months_offered)
        )
        return CancellationStatus(
            subscription_id=service.id,
            kind=kind.value,
            current=cancellation_view(current, now) if current else None,
            end_dates=end_date_options(ends, self._policy.cutoff_day),
        )
