"""Asking for an Internet availability check: an Opportunity at stage "Introduction" plus a Case for the agent.

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
    address: CrmAddress  # the service address to check
    contact_id: str | None = None
    notes: str = ""


class EligibilityRequestReceipt(msgspec.Struct, frozen=True, kw_only=True):
    opportunity_id: str
    case_id: str
    opportunity_created: bool  # False: an open "Introduction" opportunity was reused
    case_created: bool  # False: an open request for the same address already existed


class EligibilityRequests(Protocol):
    async def submit(self, request: EligibilityRequest) -> EligibilityRequestReceipt:
        """Find or create the opportunity, file the case (once per address), mark the account Pending."""
        ...
