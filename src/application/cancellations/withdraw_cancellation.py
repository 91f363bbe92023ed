"""Withdraw the cancellation of one of the caller's services, until its cut-off.

Accepted at once (202, `withdrawing`); the worker clears the Opportunity's cancellation fields, closes the staff Case
with a comment and tells the customer. Nothing was ever sent to WHMCS or Freebit before the cut-off, so there is
nothing to take back there. Past the cut-off: 409 CANCELLATION_FINAL. No cancellation: 404. Withdrawing twice
answers the withdrawal already under way.
"""

from __future__ import annotations

import logging
from typing import ClassVar

from application.cancellations.errors import CancellationFinalError, CancellationNotOfferedError
from application.cancellations.services import CancellableServices, kind_of
from application.cancellations.view import CancellationView, cancellation_view
from application.errors import STORE_OUTAGE, NotFoundError, Raises, UpstreamUnavailableError
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES
from application.ports.cancellation_queue import CancellationQueue
from application.ports.cancellation_records import CancellationChangedError, CancellationRecords
from application.ports.clock import Clock
from domain.cancellation.cancellation import CancellationState

log = logging.getLogger(__name__)
NO_CANCELLATION = "This subscription has no cancellation to withdraw."


class WithdrawCancellation:
    raises: ClassVar[Raises] = (
        NotFoundError,
        CancellationNotOfferedError,
        CancellationFinalError,
        *BILLING_OUTAGES,
        *STORE_OUTAGE,
    )

    def __init__(
        self, services: CancellableServices, records: CancellationRecords, queue: CancellationQueue, clock: Clock
    ) -> None:
        self._services = services
        self._records = records
        self._queue = queue
        self._clock = clock

    async def execute(self, customer: LinkedCustomer, service_id: int) -> CancellationView:
        kind_of(await self._services.service(customer, service_id))  # the caller's own (or 404), and cancellable
        for _ in range(3):
            now = self._clock.now()
            cancellation = await self._records.holding(customer.whmcs_client_id, service_id)
            if cancellation is None:
                raise NotFoundError(NO_CANCELLATION)
            if cancellation.state is CancellationState.WITHDRAWING:
                return cancellation_view(cancellation, now)
            if not cancellation.withdrawable(now):
                raise CancellationFinalError()
            cancellation.withdraw(now)
            try:
                await self._records.save(cancellation)
            except CancellationChangedError:
                continue  # the worker saved a step meanwhile (or reached the cut-off): decide again
            try:
                await self._queue.enqueue(cancellation.id)
            except UpstreamUnavailableError:
                log.warning("cancellation_not_queued", extra={"cancellation_id": cancellation.id})
            return cancellation_view(cancellation, now)
        raise UpstreamUnavailableError("postgres", "The cancellation kept changing; try again.")
