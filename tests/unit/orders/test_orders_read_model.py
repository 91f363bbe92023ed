"""The orders read model: one CRM query fills an account's document; our own writes make it stale at once;
another account's order is not there."""

from __future__ import annotations

import asyncio

import pytest

from application.errors import NotFoundError
from application.ports.order_desk import Order
from application.ports.read_model_store import StoreUnavailableError
from tests.unit.orders.world import OrdersWorld, sim_order


async def test_a_new_order_shows_at_once_and_later_reads_are_served_from_the_document(world: OrdersWorld) -> None:
    hanako = world.customers["SH-100001"]
    assert await world.list_orders().execute(hanako) == ()  # filled: empty

    view = await world.place_order().execute(hanako, sim_order("rm"))  # our own write invalidates it

    listed = await world.list_orders().execute(hanako)
    assert [(o.id, o.item_count, o.status) for o in listed] == [(view.id, 2, "Pending Review")]
    world.crm.fail_next(NotFoundError("the CRM is not asked again"), times=5)
    assert (await world.get_order().execute(hanako, view.id)).items == view.items
    assert (await world.get_order().execute(hanako, view.id[:15])).id == view.id  # the 15-character form too


async def test_another_accounts_order_is_not_found(world: OrdersWorld) -> None:
    view = await world.place_order().execute(world.customers["SH-100001"], sim_order("mine"))

    with pytest.raises(NotFoundError):
        await world.get_order().execute(world.customers["SH-100004"], view.id)
    with pytest.raises(NotFoundError):
        await world.get_order().execute(world.customers["SH-100001"], "801MEM000000999AAA")


async def test_concurrent_first_reads_make_one_crm_query(world: OrdersWorld) -> None:
    hanako = world.customers["SH-100001"]
    await world.place_order().execute(hanako, sim_order("one"))
    queries = 0
    list_orders = world.orders.list_orders

    async def counted(account_id: str) -> tuple[Order, ...]:
        nonlocal queries
        queries += 1
        await asyncio.sleep(0)
        return await list_orders(account_id)

    world.orders.list_orders = counted  # type: ignore[method-assign]  # a spy on the twin
    await asyncio.gather(*(world.list_orders().execute(hanako) for _ in range(10)))

    assert queries == 1


async def test_with_the_store_down_orders_are_read_live(world: OrdersWorld) -> None:
    hanako = world.customers["SH-100001"]
    view = await world.place_order().execute(hanako, sim_order("live"))
    world.store.fail_with = "redis down"

    assert [o.id for o in await world.list_orders().execute(hanako)] == [view.id]
    await world.read_model.invalidate_quietly(hanako.sf_account_id)  # our writes carry on
    with pytest.raises(StoreUnavailableError):  # but a change event is not acknowledged
        await world.read_model.invalidate(hanako.sf_account_id)
