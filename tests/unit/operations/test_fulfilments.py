"""Stuck fulfilments: an idle one (its job lost with a killed worker) and a stopped one are listed; a retry queues
the job once, only when the CRM says the order awaits fulfilment, and the saga then finishes exactly once."""

from __future__ import annotations

import pytest

from application.errors import InvalidInputError, NotFoundError
from application.operations.fulfilments import ListStuckFulfilments, RetryFulfilment
from application.orders.fulfilment.outcome import Outcome
from tests.unit.operations.audit import admin_lines
from tests.unit.orders.test_refused_cards import UNKNOWN_TO_FREEBIT
from tests.unit.orders.world import Crash, OrdersWorld, WorkerKilledError, demo_stock, sim_order

HANAKO = "SH-100001"


@pytest.fixture
async def world() -> OrdersWorld:
    world = OrdersWorld()
    await world.link_all()
    return world


def listing(world: OrdersWorld) -> ListStuckFulfilments:
    return ListStuckFulfilments(world.records, world.clock)


def retry(world: OrdersWorld) -> RetryFulfilment:
    return RetryFulfilment(world.orders, world.queue, world.policy)


async def killed_mid_fulfilment(world: OrdersWorld) -> str:
    view = await world.place_order().execute(world.customers[HANAKO], sim_order("stuck"))
    await world.approve(view.id)
    await world.trigger().consider(view.id)
    world.crashes.append(Crash("accept_order"))
    with pytest.raises(WorkerKilledError):
        await world.run_jobs()  # the job is gone with the worker
    return view.id


async def test_a_fulfilment_whose_job_died_is_listed_and_a_retry_finishes_it_once(
    world: OrdersWorld, caplog: pytest.LogCaptureFixture
) -> None:
    order_id = await killed_mid_fulfilment(world)
    assert await listing(world).execute(idle_minutes=15) == ()
    world.clock.advance(16 * 60)
    [stuck] = await listing(world).execute(idle_minutes=15)
    assert (stuck.order_id, stuck.state, stuck.step) == (order_id, "running", "billing_order_placed")

    caplog.set_level("INFO", logger="portal.admin")
    first, second = await retry(world).execute(order_id), await retry(world).execute(order_id)
    assert (first.outcome, second.outcome) == ("queued", "already_queued")
    assert world.outcomes(await world.run_jobs())[-1] is Outcome.COMPLETED

    order = await world.order(order_id)
    assert order.activation_status == "Activated"
    assert world.billing.world.calls.count("add_order") == 1
    assert world.freebit_activations() == 1
    assert await listing(world).execute(idle_minutes=15) == ()
    assert [(x["action"], x["outcome"], x["order_id"]) for x in admin_lines(caplog)] == [
        ("fulfilments.retry", "queued", order_id),
        ("fulfilments.retry", "already_queued", order_id),
    ]


async def test_a_stopped_fulfilment_is_listed_and_left_to_the_crm_until_an_agent_retriggers(
    world: OrdersWorld,
) -> None:
    world.inventory = type(world.inventory)([UNKNOWN_TO_FREEBIT, *demo_stock()])  # Freebit refuses it
    view = await world.place_order().execute(world.customers[HANAKO], sim_order("stopped"))
    await world.approve(view.id)
    await world.trigger().consider(view.id)
    assert world.outcomes(await world.run_jobs()) == [Outcome.STOPPED]
    [stopped] = await listing(world).execute(idle_minutes=15)
    assert (stopped.order_id, stopped.state) == (view.id, "failed")

    refused = await retry(world).execute(view.id)
    assert (refused.outcome, refused.activation_status) == ("not_awaiting", "Failed")
    assert world.queue.waiting == {}


async def test_an_order_id_is_checked_and_an_unknown_order_is_not_found(world: OrdersWorld) -> None:
    with pytest.raises(InvalidInputError):
        await retry(world).execute("not an id")
    with pytest.raises(NotFoundError):
        await retry(world).execute("801RO0000000999")
