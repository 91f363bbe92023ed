"""Find or create the account's Opportunity for what the customer is about to do (§5.3): stage "Introduction" for
an Internet availability check, "Ready" before an order. One account at a time across every process (a lock):
the CRM cannot make find-or-create atomic, and an order is created while the lock is held, so two orders placed
at once never share one Opportunity.

Which Opportunity is reused: the account's newest one for the same service at an open stage, with no WHMCS
service yet, that no other order points at (a retried checkout finds the one its own order points at). A stage
only moves forward (Introduction → Ready). A customer may name one (continuing their availability check): it must
be theirs — another account's is refused exactly like an unknown one — and open for this order.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import ClassVar

import msgspec

from application.errors import UPSTREAM_OUTAGES, InvalidInputError, NotFoundError, Raises
from application.ports.account_locks import AccountLocks, RequestInProgressError
from application.ports.order_opportunities import (
    OPEN_STAGES,
    OpportunityProduct,
    OpportunityRecord,
    OrderOpportunities,
)
from domain.errors import DomainError
from domain.identity.salesforce_id import SalesforceId
from domain.orders.errors import OpportunityNotFoundError, OpportunityNotOpenError

LOCK_SECONDS = 30.0
WAIT_SECONDS = 10.0
log = logging.getLogger(__name__)


class ReservedOpportunity(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    created: bool  # False: an open one was reused


def lock_name(account_id: str) -> str:
    return f"opportunity:{account_id}"


def same_account(first: str, second: str) -> bool:
    """15- and 18-character forms of one id are the same account; anything unreadable is no account."""
    try:
        return SalesforceId.parse(first).value == SalesforceId.parse(second).value
    except DomainError:
        return False


def reusable(record: OpportunityRecord, account_id: str, product: str, order_key: str | None) -> bool:
    """Open for this request: the account's, this service's, unfulfilled, and no other order points at it."""
    if not same_account(record.account_id, account_id) or record.product != product:
        return False
    if record.stage not in OPEN_STAGES:
        return False
    if record.whmcs_service_id:
        return False
    if order_key is None:  # an availability check: only an Opportunity no order points at yet
        return not record.order_keys
    return all(key == order_key for key in record.order_keys)


class ReserveOpportunity:
    raises: ClassVar[Raises] = (
        RequestInProgressError, OpportunityNotFoundError, OpportunityNotOpenError, NotFoundError, InvalidInputError,
        *UPSTREAM_OUTAGES,
    )  # fmt: skip

    def __init__(self, opportunities: OrderOpportunities, locks: AccountLocks) -> None:
        self._opportunities = opportunities
        self._locks = locks

    @asynccontextmanager
    async def reserve(
        self,
        account_id: str,
        product: OpportunityProduct,
        stage: str,
        *,
        order_key: str | None = None,
        named: str | None = None,
    ) -> AsyncIterator[ReservedOpportunity]:
        """The Opportunity to use, held for the caller until the block ends (the caller links it meanwhile)."""
        async with self._locks.hold(lock_name(account_id), timeout_seconds=LOCK_SECONDS, wait_seconds=WAIT_SECONDS):
            found: OpportunityRecord | None
            if named is not None:
                found = await self._named(named, account_id, product, order_key)
            else:
                candidates = await self._opportunities.open_for(account_id, product)
                found = next((c for c in candidates if reusable(c, account_id, product, order_key)), None)
            if found is None:
                opportunity_id = await self._opportunities.create(account_id, product, stage)
                log.info("opportunity_created", extra={"opportunity_id": opportunity_id, "stage": stage})
                yield ReservedOpportunity(id=opportunity_id, created=True)
                return
            if OPEN_STAGES.index(stage) > OPEN_STAGES.index(found.stage):
                await self._opportunities.move_to(found.id, stage)
            yield ReservedOpportunity(id=found.id, created=False)

    async def _named(
        self, opportunity_id: str, account_id: str, product: str, order_key: str | None
    ) -> OpportunityRecord:
        try:
            record = await self._opportunities.get(opportunity_id)
        except NotFoundError:
            raise OpportunityNotFoundError("No such opportunity.", field="opportunityId") from None
        if not same_account(record.account_id, account_id):
            # Another account's: never linked, and answered exactly as an unknown id.
            log.warning("foreign_opportunity_refused", extra={"opportunity_id": opportunity_id})
            raise OpportunityNotFoundError("No such opportunity.", field="opportunityId")
        if not reusable(record, account_id, product, order_key):
            raise OpportunityNotOpenError(
                "This opportunity is closed or belongs to another order.", field="opportunityId"
            )
        return record
