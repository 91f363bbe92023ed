"""Ask for one of the caller's services to end at the end of a month: recorded once per Idempotency-Key, queued.

The answer comes at once (202) with the cancellation as it stands (`scheduled`); the worker records it on the
service's Opportunity, opens the staff Case and tells the customer. Refused: a service that is not an Internet line
or a SIM line (422 CANCELLATION_NOT_OFFERED), one not active (409 SUBSCRIPTION_NOT_ACTIVE), a date that is not one
of the month-ends open now (422 CANCELLATION_DATE_NOT_ALLOWED), an Internet line without the equipment-return answer
(422 LINE_RETURN_REQUIRED), a service already being cancelled (409 CANCELLATION_ALREADY_REQUESTED), a SIM line with
another change pending (409 SIM_CHANGE_IN_PROGRESS: one change at a time per line).
"""

from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import ClassVar

import msgspec

from application.cancellations.errors import (
    CancellationNotOfferedError,
    LineReturnRequiredError,
    SubscriptionNotActiveError,
)
from application.cancellations.policy import CancellationPolicy
from application.cancellations.services import CancellableServices, kind_of
from application.cancellations.view import CancellationView, cancellation_view
from application.errors import STORE_OUTAGE, NotFoundError, Raises, UpstreamUnavailableError
from application.identity.linked_customer import LinkedCustomer
from application.outages import SIM_OUTAGES
from application.ports.cancellation_queue import CancellationQueue
from application.ports.cancellation_records import CancellationExistsError, CancellationRecords
from application.ports.clock import Clock
from application.sims.errors import SimLineBusyError, SimNotInServiceError
from application.sims.line_change_gate import LineChangeGate
from application.sims.sim_lines import SimLines
from domain.cancellation.cancellation import Cancellation, CancellationKind, LineReturn
from domain.cancellation.schedule import CancellationDateError, checked_end_date, cutoff_of

log = logging.getLogger(__name__)


class CancellationRequest(msgspec.Struct, frozen=True, kw_only=True):
    end_date: date
    moving: bool = False
    line_return: LineReturn | None = None


class RequestCancellation:
    raises: ClassVar[Raises] = (
        NotFoundError,
        CancellationNotOfferedError,
        SubscriptionNotActiveError,
        CancellationDateError,
        LineReturnRequiredError,
        CancellationExistsError,
        SimLineBusyError,
        SimNotInServiceError,
        *SIM_OUTAGES,
        *STORE_OUTAGE,
    )

    def __init__(
        self,
        services: CancellableServices,
        gate: LineChangeGate,
        lines: SimLines,
        records: CancellationRecords,
        queue: CancellationQueue,
        clock: Clock,
        policy: CancellationPolicy,
    ) -> None:
        self._services = services
        self._gate = gate
        self._lines = lines
        self._records = records
        self._queue = queue
        self._clock = clock
        self._policy = policy

    async def execute(
        self, customer: LinkedCustomer, email: str, service_id: int, request: CancellationRequest, key: str
    ) -> CancellationView:
        now = self._clock.now()
        service = await self._services.service(customer, service_id)
        kind = kind_of(service)
        holding = await self._records.holding(customer.whmcs_client_id, service.id)
        if holding is not None:
            if (holding.user_id, holding.idempotency_key) == (str(customer.user_id), key):
                return cancellation_view(holding, now)  # this very request, answered before its answer was lost
            raise CancellationExistsError()
        if service.status != "Active":
            raise SubscriptionNotActiveError()
        end = checked_end_date(
            request.end_date, now, cutoff_day=self._policy.cutoff_day, months=self._policy.months_offered
        )
        line_return = request.line_return if kind is CancellationKind.INTERNET else None
        if kind is CancellationKind.INTERNET and line_return is None:
            raise LineReturnRequiredError()
        msisdn = None
        if kind is CancellationKind.SIM:
            # One change at a time per line: a line with a change pending (read live) is not cancelled meanwhile.
            msisdn = (await self._gate.open(customer, service_id)).line.msisdn
        cancellation = await self._records.begin(
            Cancellation(
                id=uuid.uuid4().hex,
                user_id=str(customer.user_id),
                account_id=customer.sf_account_id,
                client_id=customer.whmcs_client_id,
                service_id=service.id,
                kind=kind,
                service_name=service.name,
                msisdn=msisdn,
                email=email,
                idempotency_key=key,
                end_date=end,
                cutoff_at=cutoff_of(end, self._policy.cutoff_day),
                moving=request.moving,
                line_return=line_return,
                created_at=now,
                updated_at=now,
                due_at=now,
            )
        )
        if not cancellation.state.finished:
            try:
                await self._queue.enqueue(cancellation.id)
            except UpstreamUnavailableError:
                log.warning("cancellation_not_queued", extra={"cancellation_id": cancellation.id})  # the sweep will
        if kind is CancellationKind.SIM:
            await self._lines.forget(customer, service_id)
        return cancellation_view(cancellation, now)
