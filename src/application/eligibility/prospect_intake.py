"""Someone who is not a customer yet asks for something: their CRM Account is found by the email they gave (or
created, the org giving it a Customer Number), and, when they asked, an availability check is filed on it — the
Opportunity at "Introduction" and the Case with the address key, each found before it is created.

Two locks, both shared with the signed-in journey: one per prospect (the Account), one per account (the request).
"""

from __future__ import annotations

from typing import ClassVar

import msgspec

from application.errors import UPSTREAM_OUTAGES, InvalidInputError, NotFoundError, Raises
from application.identity.attempts import email_key
from application.opportunities.reserve_opportunity import ReserveOpportunity
from application.ports.account_locks import AccountLocks, RequestInProgressError
from application.ports.crm_models import CrmAddress, CustomerAccount
from application.ports.eligibility_requests import EligibilityRequest, EligibilityRequests
from application.ports.order_opportunities import INTRODUCTION
from application.ports.prospects import Prospect, ProspectAccounts
from domain.identity.contact_details import JapaneseAddress
from domain.identity.email import EmailAddress
from domain.identity.onboarding import CustomerProfile

LOCK_SECONDS = 30.0
WAIT_SECONDS = 10.0


class IntakeReceipt(msgspec.Struct, frozen=True, kw_only=True):
    account: CustomerAccount
    case_id: str | None = None  # the availability check's Case, when one was asked for
    case_created: bool = False  # False: an open request for the same address already existed


def prospect_of(email: EmailAddress, profile: CustomerProfile) -> Prospect:
    return Prospect(
        key=email_key(email.value),
        email=email.value,
        first_name=profile.name.first,
        last_name=profile.name.last,
        phone=profile.phone.value,
        address=crm_address(profile.address),
    )


def crm_address(address: JapaneseAddress) -> CrmAddress:
    return CrmAddress(
        postcode=address.postcode, prefecture=address.prefecture, city=address.city, street=address.street
    )


class ProspectIntake:
    raises: ClassVar[Raises] = (RequestInProgressError, InvalidInputError, NotFoundError, *UPSTREAM_OUTAGES)

    def __init__(
        self,
        prospects: ProspectAccounts,
        requests: EligibilityRequests,
        locks: AccountLocks,
        opportunities: ReserveOpportunity,
    ) -> None:
        self._opportunities = opportunities
        self._prospects = prospects
        self._requests = requests
        self._locks = locks

    async def submit(self, prospect: Prospect, *, check_at: CrmAddress | None = None, notes: str = "") -> IntakeReceipt:
        lock = f"prospect:{prospect.key}"
        async with self._locks.hold(lock, timeout_seconds=LOCK_SECONDS, wait_seconds=WAIT_SECONDS):
            account = await self._prospects.find_or_create(prospect)
        if check_at is None:
            return IntakeReceipt(account=account)
        # The same lock as a signed-in customer's request: the two journeys never file one address twice.
        lock = f"eligibility-request:{account.id}"
        async with (
            self._locks.hold(lock, timeout_seconds=LOCK_SECONDS, wait_seconds=WAIT_SECONDS),
            self._opportunities.reserve(account.id, "Internet", INTRODUCTION) as opportunity,
        ):
            receipt = await self._requests.submit(
                EligibilityRequest(
                    account_id=account.id, opportunity_id=opportunity.id, address=check_at,
                    contact_id=account.primary_contact_id, notes=notes,
                )
            )  # fmt: skip
        return IntakeReceipt(account=account, case_id=receipt.case_id, case_created=receipt.case_created)
