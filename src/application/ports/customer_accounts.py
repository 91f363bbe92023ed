"""Customer accounts in the CRM: found by Customer Number, linked to the portal and to the billing client.

Errors: NotFoundError (no such account), InvalidInputError (the CRM refused the values),
UpstreamConfigurationError (our credentials are wrong), UpstreamUnavailableError (down, slow, over quota).
"""

from __future__ import annotations

from typing import Protocol

from application.ports.crm_models import CustomerAccount, PortalSource, PortalStatus


class CustomerAccounts(Protocol):
    async def find_by_customer_number(self, customer_number: str) -> CustomerAccount | None: ...

    async def get(self, account_id: str) -> CustomerAccount: ...

    async def update_portal_link(
        self,
        account_id: str,
        *,
        status: PortalStatus,
        source: PortalSource | None = None,
        whmcs_client_id: int | None = None,
    ) -> None:
        """Mark the account's portal status (and source), and record its billing client (`#<id> - <name>`)."""
        ...
