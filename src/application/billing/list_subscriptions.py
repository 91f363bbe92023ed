"""The customer's subscriptions (WHMCS services), oldest first, with the currency they are billed in."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads
from application.billing.get_billing_profile import GetBillingProfile
from application.errors import Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES, BillingUnavailableError, reported_as
from application.ports.billing.services import BillingServices, Service


class SubscriptionList(msgspec.Struct, frozen=True, kw_only=True):
    services: tuple[Service, ...]
    currency_code: str  # WHMCS bills a client in one currency, kept on the client, not on the service


class ListSubscriptions:
    raises: ClassVar[Raises] = BILLING_OUTAGES

    def __init__(self, services: BillingServices, reads: CachedReads, profile: GetBillingProfile) -> None:
        self._services = services
        self._reads = reads
        self._profile = profile

    async def execute(self, customer: LinkedCustomer) -> SubscriptionList:
        keys = BillingKeys(customer.cache_scope)
        # The list and the profile (for its currency) are independent: one round trip reads both when warm.
        peeked = await self._reads.peek(keys.subscription_list, keys.profile)
        with reported_as(BillingUnavailableError):
            services = await self._reads.read(
                keys.subscription_list,
                tuple[Service, ...],
                lambda: self._services.list_services(customer.whmcs_client_id),
                fence=keys.fence,
                peeked=peeked,
            )
        profile = await self._profile.execute(customer, peeked=peeked)
        return SubscriptionList(services=services, currency_code=profile.currency_code)
