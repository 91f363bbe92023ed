from __future__ import annotations

from domain.orders.sim_request import MnpHolder


class InMemoryPortInDetails:
    def __init__(self) -> None:
        self.holders: dict[str, MnpHolder] = {}

    async def save(self, order_key: str, holder: MnpHolder) -> None:
        self.holders[order_key] = holder

    async def get(self, order_key: str) -> MnpHolder | None:
        return self.holders.get(order_key)
