"""Who is porting a number in (MNP): Freebit needs the holder's names as the donor carrier has them.

The CRM order holds the reservation number, its expiry and the number; the holder's identity is kept here, by
the order's portal key, from checkout until fulfilment. Errors: `UpstreamUnavailableError`.
"""

from __future__ import annotations

from typing import Protocol

from domain.orders.sim_request import MnpHolder


class PortInDetails(Protocol):
    async def save(self, order_key: str, holder: MnpHolder) -> None: ...

    async def get(self, order_key: str) -> MnpHolder | None: ...
