"""People who are not customers yet, in the CRM: an Account (with a Contact) found by the email they gave, or
created for them. The org numbers a new Account (its Customer Number), so sign-up can follow.

Errors: InvalidInputError (the CRM refused the values), UpstreamConfigurationError, UpstreamUnavailableError.
"""

from __future__ import annotations

from typing import Protocol

import msgspec

from application.ports.crm_models import CrmAddress, CustomerAccount


class Prospect(msgspec.Struct, frozen=True, kw_only=True):
    key: str  # the digest of the normalised email: `Account.Portal_Prospect_Key__c`, unique in the org
    email: str
    first_name: str
    last_name: str
    phone: str
    address: CrmAddress


class ProspectAccounts(Protocol):
    async def find_or_create(self, prospect: Prospect) -> CustomerAccount:
        """The Account already holding this prospect key or a Contact with this email, or a new Account and
        Contact. Callers serialise calls per key (the CRM cannot make find-or-create atomic); a lost race still
        finds the winner's Account (the key is unique)."""
        ...
