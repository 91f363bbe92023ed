"""The twin's cancellation requests: at most one per service, as WHMCS keeps them, and no way to withdraw one."""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.memory.billing_world import BillingTwinWorld, operation
from application.errors import ConflictError, NotFoundError


@dataclass
class TwinCancelRequests:
    world: BillingTwinWorld
    requests: dict[int, str] = field(default_factory=dict)  # service id -> reason

    @operation
    async def request_cancellation(self, service_id: int, reason: str) -> None:
        if service_id not in self.world.services:
            raise NotFoundError("Service ID Not Found")
        if service_id in self.requests:
            raise ConflictError("Existing Cancellation Request Exists")
        self.requests[service_id] = reason

    @operation
    async def cancellation_requested(self, service_id: int) -> bool:
        return service_id in self.requests
