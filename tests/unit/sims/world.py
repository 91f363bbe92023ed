"""The SIM use cases wired as the composition root wires them, on twins (the demo world) and a frozen clock."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from adapters.memory.billing_twin import InMemoryBilling
from adapters.memory.cache import InMemoryCache
from adapters.memory.clock import FrozenClock
from adapters.memory.sim_provisioner import InMemorySimProvisioner
from application.billing.cached_reads import CachedReads
from application.identity.linked_customer import LinkedCustomer
from application.sims.get_sim_details import GetSimDetails
from application.sims.get_sim_usage import GetSimUsage
from application.sims.sim_lines import SimLines
from sandbox.whmcs import WhmcsState
from sandbox.whmcs.seed import HANAKO_SIM_SERVICE_ID, seed_state
from sandbox.whmcs.snapshot import snapshot

START = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
HANAKO_SIM = HANAKO_SIM_SERVICE_ID
HANAKO_INTERNET = 1


class SimWorld:
    def __init__(self) -> None:
        self.clock = FrozenClock(START)
        whmcs = WhmcsState(self.clock)
        seed_state(whmcs)
        self.billing = InMemoryBilling.from_snapshot(snapshot(whmcs), clock=self.clock)
        self.sims = InMemorySimProvisioner(self.clock, completion_delay_seconds=120)
        self.cache = InMemoryCache(self.clock)
        self.reads = CachedReads(self.cache, self.clock)
        self.hanako = self.customer(1, "001000000000001AAA")
        self.kenji = self.customer(2, "001000000000002AAA")

    @staticmethod
    def customer(client_id: int, account_id: str) -> LinkedCustomer:
        return LinkedCustomer(
            user_id=uuid.uuid4(), whmcs_client_id=client_id, sf_account_id=account_id, sf_contact_id=None
        )

    def lines(self) -> SimLines:
        return SimLines(self.billing.services, self.sims, self.reads, self.clock)

    def get_sim(self) -> GetSimDetails:
        return GetSimDetails(self.lines())

    def get_usage(self) -> GetSimUsage:
        return GetSimUsage(self.lines(), self.sims, self.reads, self.clock)
