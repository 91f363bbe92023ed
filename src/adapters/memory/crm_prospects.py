"""In-memory twin of `ProspectAccounts`: Accounts found by prospect key or contact email, numbered as the org does."""

from __future__ import annotations

import msgspec

from adapters.memory.crm_data import InMemoryCrmData
from application.ports.crm_models import CustomerAccount, InternetEligibility
from application.ports.prospects import Prospect

FIRST_NUMBER = 200_001  # the org's numbering of Accounts it did not receive a number for (the emulator's too)


class InMemoryProspectAccounts:
    def __init__(self, data: InMemoryCrmData) -> None:
        self._data = data

    async def find_or_create(self, prospect: Prospect) -> CustomerAccount:
        data = self._data
        data.check_failure()
        account_id = data.prospect_keys.get(prospect.key) or data.contact_emails.get(prospect.email.casefold())
        if account_id is not None:
            account = data.account(account_id)
            if account.primary_contact_id is None:
                account = msgspec.structs.replace(account, primary_contact_id=data.new_id("003"))
                data.accounts[account.id] = account
                data.contact_emails[prospect.email.casefold()] = account.id
            return account
        numbered = [a.customer_number for a in data.accounts.values() if (a.customer_number or "").startswith("SH-2")]
        account = CustomerAccount(
            id=data.new_id("001"),
            customer_number=f"SH-{FIRST_NUMBER + len(numbered)}",
            name=f"{prospect.last_name} {prospect.first_name}",
            portal_status="Not Yet",
            portal_source=None,
            whmcs_client_id=None,
            id_verification=None,
            billing_address=prospect.address,
            primary_contact_id=data.new_id("003"),
        )
        eligibility = InternetEligibility(
            account_id=account.id, status="Not Requested", offering_type=None, checked_at=None, notes=None
        )
        data.add_account(account, eligibility)
        data.prospect_keys[prospect.key] = account.id
        data.contact_emails[prospect.email.casefold()] = account.id
        return account
