"""Purge everything cached about one account: its billing caches (every TTL entry under its scope) and its
eligibility and orders read models. The next request reads the systems of record again.

Billing fills in flight elsewhere are fenced first (as a webhook's invalidation does), so none that loaded before
the purge can store its answer after it. Safe to run again: a second purge finds nothing left.
"""

from __future__ import annotations

from typing import ClassVar

import msgspec

from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads
from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.errors import STORE_OUTAGE, InvalidInputError, Raises
from application.identity.linked_customer import cache_scope_of
from application.operations.accounts import account_id
from application.operations.audit import recorded
from application.orders.read_model import OrdersReadModel
from application.ports.cache_purge import CachePurge


class Purged(msgspec.Struct, frozen=True, kw_only=True):
    account: str
    cache_entries: int
    read_models: tuple[str, ...]


class PurgeAccountCaches:
    raises: ClassVar[Raises] = (InvalidInputError, *STORE_OUTAGE)

    def __init__(
        self, reads: CachedReads, purge: CachePurge, eligibility: EligibilityReadModel, orders: OrdersReadModel
    ) -> None:
        self._reads = reads
        self._purge = purge
        self._eligibility = eligibility
        self._orders = orders

    async def execute(self, account: str) -> Purged:
        account = account_id(account)
        scope = cache_scope_of(account)
        fence = BillingKeys(scope).fence
        await self._reads.invalidate([], fence=fence)
        entries = await self._purge.purge(f"{scope}:", keep=(fence,))
        await self._eligibility.invalidate(account)
        await self._orders.invalidate(account)
        recorded("cache.purge", "purged", account=account, cache_entries=entries)
        return Purged(account=account, cache_entries=entries, read_models=("eligibility", "orders"))
