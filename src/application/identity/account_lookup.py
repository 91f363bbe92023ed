from __future__ import annotations

import msgspec

from application.ports.cache import Cache
from application.ports.crm_models import CustomerAccount
from application.ports.customer_accounts import CustomerAccounts
from domain.identity.customer_number import CustomerNumber

LOOKUP_TTL_SECONDS = 30  # the brief: keeps the sign-up form responsive without hiding an agent's change for long
_decode = msgspec.json.Decoder(CustomerAccount).decode


class CustomerNumberLookup:
    """The CRM account behind a customer number, cached briefly. Only found accounts are cached: an unknown
    number may be created by an agent a minute later, and errors are never cached."""

    def __init__(self, accounts: CustomerAccounts, cache: Cache) -> None:
        self._accounts = accounts
        self._cache = cache

    async def find(self, number: CustomerNumber) -> CustomerAccount | None:
        key = f"crm:account-by-number:{number.value}"
        cached = await self._cache.get(key)
        if cached is not None:
            return _decode(cached)
        account = await self._accounts.find_by_customer_number(number.value)
        if account is not None:
            await self._cache.set(key, msgspec.json.encode(account), ttl_seconds=LOOKUP_TTL_SECONDS)
        return account
