"""Fulfilments that need an operator: listed, and queued again on request.

A retry goes through the same guard as the change event: the order as the CRM has it now must await fulfilment
(an order an agent has not re-triggered there is left alone, and the answer says so). The queue holds at most
one waiting job per order, so retrying twice queues once; the saga resumes after its last recovery point and
looks up before any write it may already have made.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

import msgspec

from application.errors import STORE_OUTAGE, UPSTREAM_OUTAGES, InvalidInputError, NotFoundError, Raises
from application.operations.audit import recorded
from application.orders.fulfilment.policy import FulfilmentPolicy
from application.ports.clock import Clock
from application.ports.fulfilment_overview import FulfilmentOverview
from application.ports.fulfilment_queue import FulfilmentQueue
from application.ports.order_desk import OrderDesk
from domain.errors import DomainError
from domain.identity.salesforce_id import SalesforceId
from domain.orders.activation import awaits_fulfilment


class StuckFulfilment(msgspec.Struct, frozen=True, kw_only=True):
    order_id: str
    account_id: str
    state: str
    step: str
    error_code: str | None
    transient_failures: int
    updated_at: datetime


class FulfilmentRetried(msgspec.Struct, frozen=True, kw_only=True):
    order_id: str
    outcome: str  # "queued", "already_queued" or "not_awaiting" (with the CRM's statuses)
    order_status: str
    activation_status: str | None


class ListStuckFulfilments:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, overview: FulfilmentOverview, clock: Clock) -> None:
        self._overview = overview
        self._clock = clock

    async def execute(self, *, idle_minutes: int = 15, limit: int = 100) -> tuple[StuckFulfilment, ...]:
        idle_since = self._clock.now() - timedelta(minutes=idle_minutes)
        return tuple(
            StuckFulfilment(
                order_id=r.order_id,
                account_id=r.account_id,
                state=r.state.value,
                step=r.step.value,
                error_code=r.error_code,
                transient_failures=r.transient_failures,
                updated_at=r.updated_at,
            )
            for r in await self._overview.needing_attention(idle_since=idle_since, limit=limit)
        )


class RetryFulfilment:
    raises: ClassVar[Raises] = (InvalidInputError, NotFoundError, *UPSTREAM_OUTAGES)

    def __init__(self, orders: OrderDesk, queue: FulfilmentQueue, policy: FulfilmentPolicy) -> None:
        self._orders = orders
        self._queue = queue
        self._policy = policy

    async def execute(self, order_id: str) -> FulfilmentRetried:
        try:
            order_id = SalesforceId.parse(order_id.strip()).value
        except DomainError as error:
            raise InvalidInputError(f"Not a Salesforce order id: {error}") from None
        order = await self._orders.get_order(order_id)  # NotFoundError for an unknown order
        awaiting = awaits_fulfilment(
            status=order.status,
            activation_status=order.activation_status,
            whmcs_order_id=order.whmcs_order_id,
            trigger_statuses=self._policy.trigger_statuses,
        )
        if not awaiting:
            outcome = "not_awaiting"
        elif await self._queue.enqueue(order.id, account_id=order.account_id):
            outcome = "queued"
        else:
            outcome = "already_queued"
        recorded("fulfilments.retry", outcome, order_id=order.id, account_id=order.account_id)
        return FulfilmentRetried(
            order_id=order.id, outcome=outcome, order_status=order.status, activation_status=order.activation_status
        )
