"""`BillingSystem` in memory, for unit tests and the demo without WHMCS: same rules, same errors, no wire.

Seed it with the WHMCS emulator's demo world: `InMemoryBillingSystem.from_snapshot(snapshot, clock=...)`
where `snapshot` is the emulator's `/_sandbox/state` document. Fault hooks: `fail_next(...)`.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from adapters.memory.billing_identity import TwinIdentityCalls
from adapters.memory.billing_orders import TwinOrderCalls
from adapters.memory.billing_reads import TwinBillingReads
from adapters.memory.billing_world import TwinWorld, load_snapshot
from application.ports.clock import Clock


class InMemoryBillingSystem(TwinIdentityCalls, TwinBillingReads, TwinOrderCalls):
    @classmethod
    def empty(cls, *, clock: Clock | None = None, timezone: str = "Asia/Tokyo") -> InMemoryBillingSystem:
        return cls(TwinWorld(zone=ZoneInfo(timezone)), clock=clock)

    @classmethod
    def from_snapshot(cls, snapshot: dict[str, Any], *, clock: Clock | None = None) -> InMemoryBillingSystem:
        zone = ZoneInfo(snapshot.get("timezone", "Asia/Tokyo"))
        return cls(load_snapshot(snapshot, zone), clock=clock)
