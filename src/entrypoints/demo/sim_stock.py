"""The demo world's SIM stock (DEMO-WORLD.md "SIM inventory"): the cards and eSIM numbers Freebit's emulator
holds, loaded into our inventory so SIM orders can be fulfilled in the demo. Idempotent."""

from __future__ import annotations

import logging

from dishka import AsyncContainer

from application.errors import ApplicationError
from application.ports.sim_inventory import SimInventory
from domain.orders.fulfilment import SimCard
from sandbox.freebit.seed import ESIM_MSISDNS, PHYSICAL_SIMS

log = logging.getLogger(__name__)


def demo_sim_stock() -> list[SimCard]:
    cards = [SimCard(kind="physical", msisdn=s.msisdn, product_number=s.product_number) for s in PHYSICAL_SIMS]
    return cards + [SimCard(kind="esim", msisdn=msisdn) for msisdn in ESIM_MSISDNS]


async def seed_demo_sim_stock(container: AsyncContainer) -> int:
    inventory: SimInventory = await container.get(SimInventory)
    try:
        added = await inventory.add_stock(demo_sim_stock())
    except ApplicationError as error:
        log.warning("demo_sim_stock_skipped", extra={"code": error.code})
        return 0
    return added
