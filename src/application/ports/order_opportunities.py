"""The account's Opportunities as orders use them (§5.3 of the original portal): "Introduction" while Internet
eligibility is checked, "Ready" before an order; the order points at its Opportunity, and after fulfilment the
Opportunity records the WHMCS service it became.

Callers serialise find-or-create per account (a distributed lock): the CRM cannot make it atomic. `create` is not
retried blindly: a retry of the whole request finds what an unanswered attempt created.

Errors: NotFoundError (no such record, or an id that is not a record id), InvalidInputError (the CRM refused the
values), UpstreamConfigurationError, UpstreamUnavailableError.
"""

from __future__ import annotations

from typing import Literal, Protocol

import msgspec

OpportunityProduct = Literal["Internet", "SIM", "VPN"]
INTRODUCTION = "Introduction"
READY = "Ready"
OPEN_STAGES = (INTRODUCTION, READY)


class OpportunityRecord(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    account_id: str
    stage: str
    product: str | None  # `Product_Type__c`
    whmcs_service_id: str | None  # set after fulfilment
    registration: str | None  # `WH_Registeration__c` (sic): the WHMCS service's registration date
    order_keys: tuple[str | None, ...] = ()  # the portal key of every order linked to it (None: not the portal's)


class OrderOpportunities(Protocol):
    async def open_for(self, account_id: str, product: OpportunityProduct) -> tuple[OpportunityRecord, ...]:
        """The account's Opportunities for `product` at an open stage with no WHMCS service yet, newest first."""
        ...

    async def get(self, opportunity_id: str) -> OpportunityRecord: ...

    async def create(self, account_id: str, product: OpportunityProduct, stage: str) -> str:
        """A new Opportunity of the account (named after it and the product); its id."""
        ...

    async def move_to(self, opportunity_id: str, stage: str) -> None: ...

    async def record_service(self, opportunity_id: str, whmcs_service_id: str, registration: str) -> None:
        """Set `WHMCS_Service_ID__c` and `WH_Registeration__c` (the same values again change nothing)."""
        ...
