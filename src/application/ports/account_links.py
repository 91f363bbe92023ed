from __future__ import annotations

from typing import Protocol
from uuid import UUID

from domain.identity.account_link import AccountLink
from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId


class AccountLinkRepository(Protocol):
    async def add(self, link: AccountLink) -> None:
        """Stage a link; raises `AccountAlreadyLinkedError` if the user or any external id is already linked."""
        ...

    async def get_for_user(self, user_id: UUID) -> AccountLink | None: ...

    async def get_by_whmcs_client(self, client_id: WhmcsClientId) -> AccountLink | None: ...

    async def get_by_sf_account(self, account_id: SalesforceId) -> AccountLink | None: ...
