"""Remaining data and recent daily usage of one of the caller's SIMs (Freebit PA05-01), cached briefly."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import msgspec

from application.billing.cached_reads import CachedReads
from application.errors import ConflictError, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SIM_OUTAGES, SimServiceUnavailableError, reported_as
from application.ports.clock import Clock
from application.ports.sim_models import TrafficInfo
from application.ports.sim_provisioner import SimProvisioner
from application.sims.cache_keys import SimKeys
from application.sims.errors import SimNotInServiceError
from application.sims.sim_lines import SimLines
from application.sims.views import SimUsage


class UsageSnapshot(msgspec.Struct, frozen=True, kw_only=True):
    read_at: datetime
    traffic: TrafficInfo


class GetSimUsage:
    raises: ClassVar[Raises] = (NotFoundError, SimNotInServiceError, *SIM_OUTAGES)

    def __init__(self, lines: SimLines, sims: SimProvisioner, reads: CachedReads, clock: Clock) -> None:
        self._lines = lines
        self._sims = sims
        self._reads = reads
        self._clock = clock

    async def execute(self, customer: LinkedCustomer, sim_id: int) -> SimUsage:
        line = await self._lines.line(customer, sim_id)
        keys = SimKeys(customer.cache_scope)
        slot = keys.usage(line.service.id)

        async def load() -> UsageSnapshot:
            try:
                with reported_as(SimServiceUnavailableError):
                    traffic = await self._sims.get_traffic(line.msisdn)
            except ConflictError as error:  # Freebit counts nothing for a line without a plan in service
                raise SimNotInServiceError() from error
            return UsageSnapshot(read_at=self._clock.now(), traffic=traffic)

        snapshot = await self._reads.read(slot, UsageSnapshot, load, fence=keys.fence)
        traffic = snapshot.traffic
        return SimUsage(
            sim_id=line.service.id,
            msisdn=line.msisdn,
            remaining_mb=traffic.remaining_mb,
            used_today_mb=traffic.used_today_mb,
            recent_days=traffic.recent_days,
            as_of=snapshot.read_at,
            max_age_seconds=slot.ttl_seconds,
        )
