"""Asking for an Internet availability check: a Case for the agent, linked to the account's Opportunity (found or
created at stage "Introduction" by the caller, `ReserveOpportunity`).

Callers serialise requests per account (a distributed lock): the find-or-create is not atomic in the CRM.
Errors: NotFoundError (no such account), InvalidInputError, UpstreamConfigurationError,
UpstreamUnavailableError.
"""

from __future__ import annotations

from typing import Protocol

import msgspec

from application.ports.crm_models import CrmAddress


class EligibilityRequest(msgspec.Struct, frozen=True, kw_only=True):
    account_id: str
    opportunity_id: str  # the Case is filed under it
    address: CrmAddress  # the service address to check
    contact_id: str | None = None
    notes: str = ""


class EligibilityRequestReceipt(msgspec.Struct, frozen=True, kw_only=True):
    case_id: str
    case_created: bool  # False: an open request for the same address already existed


class EligibilityRequests(Protocol):
    async def submit(self, request: EligibilityRequest) -> EligibilityRequestReceipt:
        """File the case (once per address, under the opportunity), mark the account Pending."""
        ...
