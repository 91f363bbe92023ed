"""The caller's own SIM line behind a subscription id: the one access rule every SIM operation starts with.

A SIM is a WHMCS service of the "SIM" group whose "SIM Number" field holds the line's MSISDN. Another customer's
service, a service that is not a SIM and an unknown id are the same 404, so ids cannot be probed. The service is
read through the subscription cache the subscriptions API fills (WHMCS webhooks clear it), and the Freebit detail
through the SIM cache (`cache_keys`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import msgspec

from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads
from application.errors import NotFoundError
from application.identity.linked_customer import LinkedCustomer
from application.outages import BillingUnavailableError, SimServiceUnavailableError, reported_as
from application.ports.billing.services import BillingServices, Service
from application.ports.clock import Clock
from application.ports.sim_models import SimAccount
from application.ports.sim_provisioner import SimProvisioner
from application.sims.cache_keys import SIM_DETAIL_PENDING_TTL, SimKeys

SIM_NOT_FOUND = "SIM not found."
SIM_GROUP = "SIM"
MSISDN_FIELD = "SIM Number"


class SimLine(msgspec.Struct, frozen=True, kw_only=True):
    service: Service
    msisdn: str  # digits only, as Freebit knows the line


class DetailSnapshot(msgspec.Struct, frozen=True, kw_only=True):
    read_at: datetime
    account: SimAccount


def msisdn_of(service: Service) -> str | None:
    if service.group_name != SIM_GROUP:
        return None
    number = next((f.value for f in service.custom_fields if f.name == MSISDN_FIELD), "")
    digits = "".join(ch for ch in number if ch.isdigit())
    return digits or None  # a SIM not yet activated has no number: nothing to manage yet


class SimLines:
    def __init__(self, services: BillingServices, sims: SimProvisioner, reads: CachedReads, clock: Clock) -> None:
        self._services = services
        self._sims = sims
        self._reads = reads
        self._clock = clock

    async def line(self, customer: LinkedCustomer, sim_id: int) -> SimLine:
        if sim_id <= 0:
            raise NotFoundError(SIM_NOT_FOUND)
        keys = BillingKeys(customer.cache_scope)
        try:
            with reported_as(BillingUnavailableError):
                generation = await self._reads.generation(keys.subscription_generation)
                service = await self._reads.read(
                    keys.subscription(generation, sim_id),
                    Service,
                    lambda: self._services.get_service(customer.whmcs_client_id, sim_id),
                    fence=keys.fence,
                )
        except NotFoundError as error:
            raise NotFoundError(SIM_NOT_FOUND) from error
        msisdn = msisdn_of(service)
        if msisdn is None:
            raise NotFoundError(SIM_NOT_FOUND)
        return SimLine(service=service, msisdn=msisdn)

    async def detail(self, customer: LinkedCustomer, line: SimLine) -> DetailSnapshot:
        keys = SimKeys(customer.cache_scope)
        slot = keys.detail(line.service.id)

        async def load() -> DetailSnapshot:
            with reported_as(SimServiceUnavailableError):
                account = await self._sims.get_account(line.msisdn)
            return DetailSnapshot(read_at=self._clock.now(), account=account)

        snapshot = await self._reads.read(slot, DetailSnapshot, load, fence=keys.fence)
        if snapshot.account.pending and self._clock.now() - snapshot.read_at > timedelta(
            seconds=SIM_DETAIL_PENDING_TTL
        ):
            # Freebit is finishing one of our changes: its completion must show within seconds, not minutes.
            await self._reads.invalidate([slot.key], fence=None)
            snapshot = await self._reads.read(slot, DetailSnapshot, load, fence=keys.fence)
        return snapshot

    async def forget(self, customer: LinkedCustomer, sim_id: int) -> None:
        """After a write of ours: the next read asks Freebit again."""
        keys = SimKeys(customer.cache_scope)
        await self._reads.invalidate(keys.of(sim_id), fence=keys.fence)
