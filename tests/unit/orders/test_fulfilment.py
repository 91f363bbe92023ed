"""The fulfilment saga on twins: happy paths per order kind, waiting on Freebit, stops and re-triggers."""

from __future__ import annotations

from application.orders.checkout_command import CartItem, PlaceOrderCommand, SimChoice
from application.orders.fulfilment.outcome import Outcome
from domain.orders.fulfilment import FulfilmentState, Step
from tests.unit.orders.world import EID, OrdersWorld, sim_order


async def placed(world: OrdersWorld, command: PlaceOrderCommand, number: str = "SH-100001") -> str:
    view = await world.place_order().execute(world.customers[number], command)
    return view.id


async def test_a_physical_sim_order_is_billed_activated_and_written_back(world: OrdersWorld) -> None:
    order_id = await placed(
        world, sim_order("k1", skus=("SIM-10GB-VOICE", "SIM-ACTIVATION-FEE", "SIM-ADDON-VOICEMAIL"))
    )
    await world.approve(order_id)
    assert await world.trigger().consider(order_id)

    results = await world.run_jobs()

    # Freebit takes two minutes; the saga looks every 30 s meanwhile, holding no worker slot.
    assert world.outcomes(results) == [Outcome.WAITING] * 4 + [Outcome.COMPLETED]
    order = await world.order(order_id)
    assert (order.activation_status, order.activation_error_code) == ("Activated", None)
    record = world.records.records[order.id]
    assert order.whmcs_order_id == str(record.whmcs_order_id)
    assert [i.whmcs_service_id for i in order.items] == [str(s[0]) for s in record.item_services.values()]
    billing = await world.billing.orders.get_order(int(order.whmcs_order_id or 0))
    assert billing.status == "Active"
    card = record.sim
    assert card is not None
    assert card.product_number
    line = await world.sims.get_account(card.msisdn)
    assert line.activation_complete
    assert line.product_number == card.product_number
    services = {s.id: s for s in await world.billing.services.list_services(1)}
    plan_service = services[record.item_services[order.items[0].id][0]]
    fields = {f.name: f.value for f in plan_service.custom_fields}
    assert (fields["SIM Number"], fields["Serial Number"]) == (card.msisdn, card.product_number)
    world.clock.advance(600)
    assert (await world.sims.get_account(card.msisdn)).voice_options.voice_mail
    assert world.whmcs_orders(1) == 2  # Hanako's seeded order and this one
    assert world.freebit_activations() == 1


async def test_an_esim_order_activates_the_device_eid_on_a_stock_number(world: OrdersWorld) -> None:
    order_id = await placed(world, sim_order("k2", sim=SimChoice(type="eSIM", eid=EID)))
    await world.approve(order_id)
    await world.trigger().consider(order_id)

    await world.run_jobs()

    record = world.records.records[order_id]
    assert record.sim is not None
    assert record.sim.eid == EID
    assert (await world.sims.get_account(record.sim.msisdn)).eid == EID
    assert (await world.order(order_id)).activation_status == "Activated"


async def test_a_vpn_order_needs_no_sim_steps(world: OrdersWorld) -> None:
    command = PlaceOrderCommand(
        idempotency_key="vpn",
        order_type="VPN",
        items=(CartItem(sku="VPN-USA-SF"), CartItem(sku="VPN-ACTIVATION-FEE")),
    )
    order_id = await placed(world, command)
    await world.approve(order_id)
    await world.trigger().consider(order_id)

    assert world.outcomes(await world.run_jobs()) == [Outcome.COMPLETED]
    assert (await world.order(order_id)).activation_status == "Activated"
    assert world.freebit_activations() == 0


async def test_nothing_happens_before_approval_or_in_a_status_outside_the_trigger_set(world: OrdersWorld) -> None:
    order_id = await placed(world, sim_order("k3"))
    assert not await world.trigger().consider(order_id)
    await world.approve(order_id, status="Approved")  # not a trigger status since Mar 2026
    assert not await world.trigger().consider(order_id)
    assert world.outcomes([await world.fulfil().execute(order_id)]) == [Outcome.SKIPPED]
    assert world.whmcs_orders(1) == 1


async def test_freebit_that_never_finishes_fails_the_order_with_a_timeout(world: OrdersWorld) -> None:
    world.sims.world.delay = world.sims.world.delay * 1000
    order_id = await placed(world, sim_order("k4"))
    await world.approve(order_id)
    await world.trigger().consider(order_id)

    results = await world.run_jobs(max_runs=500)

    assert results[-1].outcome is Outcome.STOPPED
    order = await world.order(order_id)
    assert (order.activation_status, order.activation_error_code) == ("Failed", "SIM_ACTIVATION_TIMEOUT")
    assert world.records.records[order_id].step is Step.SIM_ACTIVATION_REQUESTED

    world.sims.complete_pending()  # Freebit finally finishes; an agent re-triggers
    await world.approve(order_id, status="Reactivate")
    await world.trigger().consider(order_id)
    assert world.outcomes(await world.run_jobs()) == [Outcome.COMPLETED]
    assert world.freebit_activations() == 1


async def test_a_completed_order_is_never_fulfilled_again(world: OrdersWorld) -> None:
    order_id = await placed(world, sim_order("k5"))
    await world.approve(order_id)
    await world.trigger().consider(order_id)
    await world.run_jobs()

    await world.approve(order_id, status="Reactivate")  # even if an agent pushes it again
    assert not await world.trigger().consider(order_id)  # its WHMCS order id says it is done
    assert (await world.fulfil().execute(order_id)).outcome is Outcome.COMPLETED
    assert world.whmcs_orders(1) == 2
    assert world.freebit_activations() == 1
    assert world.records.records[order_id].state is FulfilmentState.COMPLETED
