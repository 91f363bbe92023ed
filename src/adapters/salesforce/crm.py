"""Everything the portal does with Salesforce over REST, built from one config: the composition root's entry.

crm = SalesforceCrm.from_config(config)
account = await crm.accounts.find_by_customer_number("SH-100001")
...
await crm.aclose()
"""

from __future__ import annotations

from adapters.resilience import UpstreamGuard
from adapters.salesforce.accounts import SalesforceCustomerAccounts
from adapters.salesforce.auth import SalesforceTokenProvider
from adapters.salesforce.cases import SalesforceCaseDesk
from adapters.salesforce.catalog import SalesforceCatalogSource
from adapters.salesforce.config import SalesforceConfig
from adapters.salesforce.eligibility import SalesforceEligibilityRecords, SalesforceEligibilityRequests
from adapters.salesforce.errors import SYSTEM
from adapters.salesforce.identity_documents import SalesforceIdentityDocuments
from adapters.salesforce.opportunities import SalesforceOrderOpportunities
from adapters.salesforce.orders import SalesforceOrderDesk
from adapters.salesforce.prospects import SalesforceProspectAccounts
from adapters.salesforce.rest_client import SalesforceRestClient
from application.ports.clock import Clock


class SalesforceCrm:
    def __init__(self, client: SalesforceRestClient, tokens: SalesforceTokenProvider) -> None:
        self.tokens = tokens  # shared with the streaming adapter
        self.client = client
        self.accounts = SalesforceCustomerAccounts(client)
        self.eligibility = SalesforceEligibilityRecords(client)
        self.eligibility_requests = SalesforceEligibilityRequests(client)
        self.catalog = SalesforceCatalogSource(client)
        self.orders = SalesforceOrderDesk(client)
        self.cases = SalesforceCaseDesk(client)
        self.prospects = SalesforceProspectAccounts(client)
        self.identity_documents = SalesforceIdentityDocuments(client)
        self.opportunities = SalesforceOrderOpportunities(client)

    @classmethod
    def from_config(
        cls,
        config: SalesforceConfig,
        *,
        tokens: SalesforceTokenProvider | None = None,
        guard: UpstreamGuard | None = None,
        clock: Clock | None = None,
    ) -> SalesforceCrm:
        tokens = tokens or SalesforceTokenProvider(config, clock=clock)
        return cls(SalesforceRestClient(config, tokens, guard=guard or UpstreamGuard(SYSTEM)), tokens)

    async def aclose(self) -> None:
        self.client.close()
        await self.tokens.aclose()
