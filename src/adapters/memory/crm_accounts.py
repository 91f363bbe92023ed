"""In-memory twins of `CustomerAccounts` and `EligibilityRecords`."""

from __future__ import annotations

import msgspec

from adapters.memory.crm_data import InMemoryCrmData
from application.ports.crm_models import CustomerAccount, InternetEligibility, PortalSource, PortalStatus


class InMemoryCustomerAccounts:
    def __init__(self, data: InMemoryCrmData) -> None:
        self._data = data

    async def find_by_customer_number(self, customer_number: str) -> CustomerAccount | None:
        self._data.check_failure()
        # SOQL's `=` on text ignores case.
        wanted = customer_number.casefold()
        matches = [a for a in self._data.accounts.values() if (a.customer_number or "").casefold() == wanted]
        return matches[0] if matches else None

    async def get(self, account_id: str) -> CustomerAccount:
        self._data.check_failure()
        return self._data.account(account_id)

    async def update_portal_link(
        self,
        account_id: str,
        *,
        status: PortalStatus,
        source: PortalSource | None = None,
        whmcs_client_id: int | None = None,
    ) -> None:
        self._data.check_failure()
        account = self._data.account(account_id)
        account = msgspec.structs.replace(account, portal_status=status)
        if source is not None:
            account = msgspec.structs.replace(account, portal_source=source)
        if whmcs_client_id is not None:
            account = msgspec.structs.replace(account, whmcs_client_id=whmcs_client_id)
        self._data.accounts[account.id] = account


class InMemoryEligibilityRecords:
    def __init__(self, data: InMemoryCrmData) -> None:
        self._data = data

    async def get_eligibility(self, account_id: str) -> InternetEligibility:
        self._data.check_failure()
        account = self._data.account(account_id)
        return self._data.eligibility[account.id]
