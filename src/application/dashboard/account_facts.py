"""The CRM account's portal status, cached for a minute per account: the dashboard asks on every visit, and it
changes only when onboarding finishes. (The ID verification has a read model of its own.)"""

from __future__ import annotations

from application.billing.cache_keys import Slot
from application.billing.cached_reads import CachedReads
from application.dashboard.facts import AccountFacts
from application.identity.linked_customer import LinkedCustomer
from application.ports.customer_accounts import CustomerAccounts

ACCOUNT_FACTS_TTL = 60


class AccountFactsReader:
    def __init__(self, accounts: CustomerAccounts, reads: CachedReads) -> None:
        self._accounts = accounts
        self._reads = reads

    async def read(self, customer: LinkedCustomer) -> AccountFacts:
        async def load() -> AccountFacts:
            account = await self._accounts.get(customer.sf_account_id)
            return AccountFacts(portal_status=account.portal_status)

        return await self._reads.read(
            Slot(f"{customer.cache_scope}:crm:account-facts", ACCOUNT_FACTS_TTL), AccountFacts, load
        )
