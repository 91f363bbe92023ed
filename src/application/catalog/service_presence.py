"""The "volatile" catalog bits: which services a customer already has in billing (SIM → family plans).

No change event tells us when a WHMCS service becomes active, so this is cached per account for the brief's
short TTL for volatile catalog bits. A cache failure means a live read; failures are never cached.
"""

from __future__ import annotations

import msgspec

from application.catalog.windows import VOLATILE_TTL_SECONDS
from application.identity.linked_customer import LinkedCustomer
from application.ports.billing.services import BillingServices
from application.ports.cache import Cache
from application.single_flight import SingleFlight
from domain.catalog.offers import is_active, is_internet_service, is_sim_service


class ServicePresence(msgspec.Struct, frozen=True, kw_only=True):
    has_active_sim: bool
    has_active_internet: bool


class ServicePresenceReader:
    def __init__(self, services: BillingServices, cache: Cache) -> None:
        self._services = services
        self._cache = cache
        self._flights = SingleFlight()

    async def get(self, customer: LinkedCustomer) -> ServicePresence:
        key = f"{customer.cache_scope}:catalog:service-presence"
        cached = await self._cache.get(key)
        if cached is not None:
            return msgspec.json.decode(cached, type=ServicePresence)
        return await self._flights.run(key, lambda: self._read(customer, key))

    async def _read(self, customer: LinkedCustomer, key: str) -> ServicePresence:
        services = [s for s in await self._services.list_services(customer.whmcs_client_id) if is_active(s.status)]
        presence = ServicePresence(
            has_active_sim=any(is_sim_service(s.name, s.group_name) for s in services),
            has_active_internet=any(is_internet_service(s.name, s.group_name) for s in services),
        )
        await self._cache.set(key, msgspec.json.encode(presence), ttl_seconds=VOLATILE_TTL_SECONDS)
        return presence
