"""Port-in holders (personal data) are deleted once the order is activated, and by the hourly reaper 30 days after
checkout whatever became of the order."""

from __future__ import annotations

import datetime as dt

import pytest

from application.orders.checkout_command import SimChoice
from application.orders.fulfilment.outcome import Outcome
from application.orders.purge_port_in_holders import RETENTION, PurgePortInHolders
from domain.orders.sim_request import MnpHolder, MnpRequest
from tests.unit.orders.world import EID, Crash, OrdersWorld, WorkerKilledError, sim_order

HANAKO = "SH-100001"
# The reservation the Freebit twin holds (seed.MNP_*): valid 15 days from the world's first day.
HOLDER = MnpHolder("鈴木", "由紀", "スズキ", "ユキ", "W", dt.date(1992, 8, 20))
RESERVATION_ENDS = dt.date(2026, 11, 17)


async def port_in(world: OrdersWorld, key: str, holder: MnpHolder = HOLDER) -> tuple[str, str]:
    mnp = MnpRequest(reservation_number="4012345678", expires_on=RESERVATION_ENDS, phone_number="090-9876-5432",
                     holder=holder)  # fmt: skip
    command = sim_order(key, sim=SimChoice(type="eSIM", eid=EID, mnp=mnp))
    view = await world.place_order().execute(world.customers[HANAKO], command)
    await world.approve(view.id)
    await world.trigger().consider(view.id)
    order = await world.order(view.id)
    assert order.key is not None
    assert await world.port_ins.get(order.key) == holder
    return view.id, order.key


async def test_an_activated_port_in_forgets_its_holder(world: OrdersWorld) -> None:
    order_id, key = await port_in(world, "ported")

    await world.run_jobs()

    assert (await world.order(order_id)).activation_status == "Activated"
    assert (await world.sims.get_account("09098765432")).eid == EID
    assert await world.port_ins.get(key) is None


async def test_a_crash_after_the_crm_write_back_still_forgets_the_holder(world: OrdersWorld) -> None:
    order_id, key = await port_in(world, "crashed")
    world.crashes.append(Crash("update_activation"))  # "Activated" landed in the CRM; nothing after it ran

    with pytest.raises(WorkerKilledError):
        await world.run_jobs()
    assert await world.port_ins.get(key) == HOLDER
    assert (await world.fulfil().execute(order_id)).outcome is Outcome.COMPLETED  # the stalled job, retried

    assert await world.port_ins.get(key) is None


async def test_a_refused_port_in_keeps_its_holder_for_a_reactivation_until_the_reaper(world: OrdersWorld) -> None:
    misspelt = MnpHolder("鈴木", "由美", "スズキ", "ユミ", "W", dt.date(1992, 8, 20))
    order_id, key = await port_in(world, "refused", misspelt)
    stock = dict(world.inventory.cards)

    assert [r.error_code for r in await world.run_jobs()] == ["SIM_ACTIVATION_REJECTED"]
    assert await world.port_ins.get(key) == misspelt  # an agent may fix the reservation and re-trigger
    assert (world.inventory.assigned, world.inventory.quarantined) == ({}, {})  # the number is the customer's
    assert world.inventory.cards == stock

    reaper = PurgePortInHolders(world.port_ins, world.clock)
    world.clock.advance((RETENTION - dt.timedelta(seconds=1)).total_seconds())
    assert await reaper.execute() == 0
    world.clock.advance(1)
    assert await reaper.execute() == 0  # kept for exactly the retention, no longer
    world.clock.advance(1)
    assert await reaper.execute() == 1
    assert await world.port_ins.get(key) is None

    await world.approve(order_id, status="Reactivate")
    await world.trigger().consider(order_id)
    assert [r.error_code for r in await world.run_jobs()] == ["SIM_DETAILS_MISSING"]


async def test_the_reaper_deletes_only_holders_past_the_retention(world: OrdersWorld) -> None:
    await world.port_ins.save("checkout-failed-after-saving", HOLDER)  # no CRM order was ever made for it
    world.clock.advance(dt.timedelta(days=10).total_seconds())
    await world.port_ins.save("recent", HOLDER)
    world.clock.advance((RETENTION - dt.timedelta(days=10)).total_seconds() + 1)

    assert await PurgePortInHolders(world.port_ins, world.clock).execute() == 1

    assert set(world.port_ins.holders) == {"recent"}
