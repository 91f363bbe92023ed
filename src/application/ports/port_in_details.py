"""Who is porting a number in (MNP): Freebit needs the holder's names as the donor carrier has them.

The CRM order holds the reservation number, its expiry and the number; the holder's identity (personal data) is
kept here, by the order's portal key, from checkout until the order is activated, or at most a retention period
(see `PurgePortInHolders`). Errors: `UpstreamUnavailableError`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.orders.sim_request import MnpHolder


class PortInDetails(Protocol):
    async def save(self, order_key: str, holder: MnpHolder) -> None: ...

    async def get(self, order_key: str) -> MnpHolder | None: ...

    async def forget(self, order_key: str) -> bool:
        """Delete the holder of one order; whether there was one."""
        ...

    async def purge_saved_before(self, cutoff: datetime) -> int:
        """Delete every holder saved before `cutoff`; how many."""
        ...
