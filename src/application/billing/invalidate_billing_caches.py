"""Clear exactly the cache keys a change made stale, for one account."""

from __future__ import annotations

from application.billing.billing_changes import StaleData
from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads


class InvalidateBillingCaches:
    def __init__(self, reads: CachedReads) -> None:
        self._reads = reads

    async def execute(self, cache_scope: str, stale: StaleData) -> list[str]:
        """The keys deleted (a generation key stands for every entry under it)."""
        keys = BillingKeys(cache_scope)
        doomed = await self._keys(keys, stale)
        if doomed:
            await self._reads.invalidate(doomed, fence=keys.fence)
        return doomed

    async def _keys(self, keys: BillingKeys, stale: StaleData) -> list[str]:
        doomed: list[str] = []
        if stale.invoice_list:
            doomed += [keys.invoice_list_generation, keys.invoice_first_page.key]
        doomed += [keys.invoice(invoice_id).key for invoice_id in stale.invoice_ids]
        if stale.subscription_list:
            doomed.append(keys.subscription_list.key)
        if stale.every_subscription:
            doomed.append(keys.subscription_generation)
        elif stale.subscription_ids:
            generation = await self._reads.current_generation(keys.subscription_generation)
            if generation is not None:  # no generation: no subscription is cached
                doomed += [keys.subscription(generation, service_id).key for service_id in stale.subscription_ids]
        if stale.pay_methods:
            doomed.append(keys.pay_methods.key)
        if stale.profile:
            doomed.append(keys.profile.key)
        return doomed
