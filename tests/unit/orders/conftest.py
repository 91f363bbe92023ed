from __future__ import annotations

import pytest

from tests.unit.orders.world import OrdersWorld


@pytest.fixture
async def world() -> OrdersWorld:
    world = OrdersWorld()
    await world.link_all()
    return world
