"""Ask for an NTT availability check: the account's Internet Opportunity found or created at "Introduction" (the
same find-or-create as orders, `ReserveOpportunity`) and a Case, once per account and address.

The CRM cannot make find-or-create atomic, so requests of one account are serialised by a distributed lock;
a second request for the same address (a double click, two tabs) finds the first one's Case and returns it.
"""

from __future__ import annotations

from typing import ClassVar

import msgspec

from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.errors import UPSTREAM_OUTAGES, InvalidInputError, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.opportunities.reserve_opportunity import ReserveOpportunity
from application.ports.account_locks import AccountLocks, RequestInProgressError
from application.ports.crm_models import CrmAddress
from application.ports.eligibility_requests import EligibilityRequest, EligibilityRequests
from application.ports.order_opportunities import INTRODUCTION

LOCK_SECONDS = 30.0
WAIT_SECONDS = 10.0


class InternetCheckReceipt(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    opportunity_id: str
    case_id: str
    already_requested: bool  # True: an open request for this address existed; nothing new was filed


class RequestInternetCheck:
    raises: ClassVar[Raises] = (RequestInProgressError, NotFoundError, InvalidInputError, *UPSTREAM_OUTAGES)

    def __init__(
        self,
        requests: EligibilityRequests,
        locks: AccountLocks,
        eligibility: EligibilityReadModel,
        opportunities: ReserveOpportunity,
    ) -> None:
        self._opportunities = opportunities
        self._requests = requests
        self._locks = locks
        self._eligibility = eligibility

    async def execute(self, customer: LinkedCustomer, address: CrmAddress, notes: str = "") -> InternetCheckReceipt:
        lock = f"eligibility-request:{customer.sf_account_id}"
        async with (
            self._locks.hold(lock, timeout_seconds=LOCK_SECONDS, wait_seconds=WAIT_SECONDS),
            self._opportunities.reserve(customer.sf_account_id, "Internet", INTRODUCTION) as opportunity,
        ):
            receipt = await self._requests.submit(
                EligibilityRequest(
                    account_id=customer.sf_account_id,
                    opportunity_id=opportunity.id,
                    address=address,
                    contact_id=customer.sf_contact_id,
                    notes=notes,
                )
            )
        await self._eligibility.forget_after_own_write(customer.sf_account_id)  # the account is "Pending" now
        return InternetCheckReceipt(
            opportunity_id=opportunity.id,
            case_id=receipt.case_id,
            already_requested=not receipt.case_created,
        )
