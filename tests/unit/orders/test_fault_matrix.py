"""The issue's fault matrix on twins. Whatever happens: the final state is right, the CRM order has exactly one
WHMCS order, and Freebit registered the SIM once (or not at all, with an error code the CRM shows)."""

from __future__ import annotations

import msgspec
import pytest

from adapters.memory.sim_provisioner import TwinFault
from application.errors import ConflictError, InvalidInputError, UpstreamUnavailableError
from application.orders.fulfilment.billing_steps import billing_items
from application.orders.fulfilment.outcome import Outcome, StepFailedError
from application.orders.fulfilment.policy import FulfilmentPolicy
from application.ports.billing.orders import NewOrder, NewOrderItem
from application.ports.order_desk import Order
from application.ports.sim_models import SimOperation
from domain.orders.fulfilment import FulfilmentState, SimCard, Step
from domain.orders.fulfilment_errors import FulfilmentErrorCode
from tests.unit.orders.world import Crash, OrdersWorld, WorkerKilledError, sim_order

HANAKO = "SH-100001"
SEEDED_WHMCS_ORDERS = 1  # Hanako's existing order in the demo world


async def approved_sim_order(world: OrdersWorld, key: str = "fault") -> str:
    view = await world.place_order().execute(world.customers[HANAKO], sim_order(key))
    await world.approve(view.id)
    return view.id


async def assert_fulfilled_once(world: OrdersWorld, order_id: str) -> None:
    order = await world.order(order_id)
    assert (order.activation_status, order.activation_error_code) == ("Activated", None)
    assert world.whmcs_orders(1) == SEEDED_WHMCS_ORDERS + 1
    assert world.freebit_activations() == 1
    assert (await world.billing.orders.get_order(int(order.whmcs_order_id or 0))).status == "Active"
    assert world.records.records[order_id].state is FulfilmentState.COMPLETED


@pytest.mark.parametrize(
    "method",
    [
        "list_pay_methods",
        "save",  # the first recovery point: "about to send AddOrder"
        "add_order",
        "accept_order",
        "activate_physical_sim",
        "get_account",
        "add_voice_options",
        "update_service_custom_fields",
        "update_item_service",
        "update_activation",
    ],
)
async def test_the_worker_killed_after_any_step_and_restarted(world: OrdersWorld, method: str) -> None:
    view = await world.place_order().execute(
        world.customers[HANAKO], sim_order("kill", skus=("SIM-10GB-VOICE", "SIM-ACTIVATION-FEE", "SIM-ADDON-VOICEMAIL"))
    )
    await world.approve(view.id)
    world.crashes.append(Crash(method))
    await world.trigger().consider(view.id)

    with pytest.raises(WorkerKilledError):
        await world.run_jobs()
    assert not world.crashes[0].armed  # it did die there
    # The restarted worker: the queue hands the stalled job out again.
    assert (await world.fulfil().execute(view.id)).outcome in (Outcome.WAITING, Outcome.COMPLETED)
    await world.run_jobs()

    await assert_fulfilled_once(world, view.id)


async def test_an_add_order_whose_answer_is_lost_is_found_before_anything_is_sent_again(world: OrdersWorld) -> None:
    order_id = await approved_sim_order(world)
    world.crashes.append(Crash("add_order", error=UpstreamUnavailableError("WHMCS", "timed out")))
    await world.trigger().consider(order_id)

    with pytest.raises(UpstreamUnavailableError):
        await world.run_jobs()
    assert world.records.records[order_id].billing_attempted  # the mark made before sending
    assert world.whmcs_orders(1) == SEEDED_WHMCS_ORDERS + 1  # WHMCS did create it
    await world.fulfil().execute(order_id)  # the queue's retry
    await world.run_jobs()

    await assert_fulfilled_once(world, order_id)
    assert world.billing.world.calls.count("add_order") == 1
    record = world.records.records[order_id]
    [made] = [o for o in world.billing.world.orders.values() if o.id == record.whmcs_order_id]
    assert record.whmcs_invoice_id == made.invoice_id  # the order found is taken whole: its invoice too


async def test_a_freebit_outage_is_retried_and_activates_once(world: OrdersWorld) -> None:
    order_id = await approved_sim_order(world)
    world.sims.faults.arm(SimOperation.ACTIVATE_PHYSICAL, TwinFault.UNAVAILABLE, times=2)
    await world.trigger().consider(order_id)
    world.queue.take()  # the job and the queue's retries of it, by hand

    for _ in range(2):
        with pytest.raises(UpstreamUnavailableError):
            await world.fulfil().execute(order_id)
    await world.fulfil().execute(order_id)
    await world.run_jobs()

    await assert_fulfilled_once(world, order_id)


async def test_an_answer_freebit_lost_after_applying_is_reconciled(world: OrdersWorld) -> None:
    order_id = await approved_sim_order(world)
    world.sims.faults.arm(SimOperation.ACTIVATE_PHYSICAL, TwinFault.APPLY_THEN_TIMEOUT)
    await world.trigger().consider(order_id)

    await world.run_jobs()

    await assert_fulfilled_once(world, order_id)


async def test_freebit_refusing_the_sim_fails_the_order_with_a_code_and_no_activation(world: OrdersWorld) -> None:
    # A card in our stock that Freebit does not know (a stock-keeping mistake): a definite refusal.
    world.inventory = type(world.inventory)(
        [SimCard(kind="physical", msisdn="07099990001", product_number="ZZ9999999999999")]
    )
    order_id = await approved_sim_order(world)
    await world.trigger().consider(order_id)

    assert world.outcomes(await world.run_jobs()) == [Outcome.STOPPED]

    order = await world.order(order_id)
    assert (order.activation_status, order.activation_error_code) == ("Failed", "SIM_ACTIVATION_REJECTED")
    assert order.activation_error_message
    assert world.freebit_activations() == 0
    assert world.whmcs_orders(1) == SEEDED_WHMCS_ORDERS + 1
    assert world.records.records[order_id].step is Step.BILLING_ORDER_ACCEPTED


async def test_a_reactivated_order_resumes_after_its_last_completed_step(world: OrdersWorld) -> None:
    world.policy = FulfilmentPolicy(sim_poll_seconds=30, max_transient_failures=2)
    order_id = await approved_sim_order(world)
    world.sims.faults.arm(SimOperation.ACTIVATE_PHYSICAL, TwinFault.UNAVAILABLE, times=2)
    await world.trigger().consider(order_id)
    world.queue.take()  # the worker runs the job (and the queue's retry of it) by hand below
    with pytest.raises(UpstreamUnavailableError):
        await world.fulfil().execute(order_id)
    assert (await world.fulfil().execute(order_id)).error_code == "UPSTREAM_UNAVAILABLE"
    assert (await world.order(order_id)).activation_status == "Failed"
    assert not await world.trigger().consider(order_id)  # our own "Failed" never re-triggers

    await world.approve(order_id, status="Reactivate")
    assert await world.trigger().consider(order_id)
    await world.run_jobs()

    await assert_fulfilled_once(world, order_id)
    assert world.billing.world.calls.count("add_order") == 1
    assert world.billing.world.calls.count("accept_order") == 1


async def test_a_payment_method_removed_before_fulfilment_pauses_it_visibly(world: OrdersWorld) -> None:
    order_id = await approved_sim_order(world)
    cards = {k: v for k, v in world.billing.world.pay_methods.items() if v[0] == 1}
    for key in cards:
        del world.billing.world.pay_methods[key]
    await world.trigger().consider(order_id)

    assert world.outcomes(await world.run_jobs()) == [Outcome.STOPPED]
    order = await world.order(order_id)
    assert (order.activation_status, order.activation_error_code) == ("Failed", "PAYMENT_METHOD_MISSING")
    assert order.activation_error_message is not None  # the agents' own account of it, in the CRM
    assert "payment method" in order.activation_error_message
    assert world.records.records[order_id].state is FulfilmentState.PAUSED
    assert (world.whmcs_orders(1), world.freebit_activations()) == (SEEDED_WHMCS_ORDERS, 0)
    view = await world.get_order().execute(world.customers[HANAKO], order_id)
    assert view.error_code == "PAYMENT_METHOD_MISSING"
    assert view.error_message is not None
    assert "payment method" in view.error_message

    world.billing.world.pay_methods.update(cards)  # the customer adds a card; an agent re-triggers
    await world.approve(order_id, status="Reactivate")
    await world.trigger().consider(order_id)
    await world.run_jobs()

    await assert_fulfilled_once(world, order_id)


async def test_an_earlier_order_with_the_same_products_is_never_taken_for_the_one_whose_answer_was_lost(
    world: OrdersWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Look-up-before-retry considers only orders newer than the newest one before the attempt: the customer's
    previous order of the same products is theirs already, not the one this attempt may have created."""
    first = await approved_sim_order(world, "first")
    await world.trigger().consider(first)
    await world.run_jobs()
    await assert_fulfilled_once(world, first)

    second = await approved_sim_order(world, "second")
    real_add_order = world.billing.orders.add_order
    refused = [UpstreamUnavailableError("WHMCS", "connection refused")]

    async def refused_before_sending(request: object) -> object:
        if refused:
            raise refused.pop()  # nothing reached WHMCS
        return await real_add_order(request)  # type: ignore[arg-type]

    monkeypatch.setattr(world.billing.orders, "add_order", refused_before_sending)
    await world.trigger().consider(second)
    with pytest.raises(UpstreamUnavailableError):
        await world.run_jobs()
    assert world.records.records[second].billing_attempted
    await world.fulfil().execute(second)  # the queue's retry
    await world.run_jobs()

    billed = {(await world.order(o)).whmcs_order_id for o in (first, second)}
    assert len(billed) == 2
    assert world.whmcs_orders(1) == SEEDED_WHMCS_ORDERS + 2


async def placed_order(world: OrdersWorld) -> Order:
    view = await world.place_order().execute(
        world.customers[HANAKO], sim_order("items", skus=("SIM-10GB-VOICE", "SIM-ACTIVATION-FEE"))
    )
    return await world.order(view.id)


async def test_each_item_is_billed_once_per_unit_in_its_billing_cycle(world: OrdersWorld) -> None:
    order = await placed_order(world)
    plan, fee = order.items[0], order.items[1]
    order = msgspec.structs.replace(
        order,
        items=(
            msgspec.structs.replace(plan, quantity=3, billing_cycle="Monthly", whmcs_product_id=11),
            msgspec.structs.replace(fee, quantity=0, billing_cycle="One Time", whmcs_product_id=12),
            msgspec.structs.replace(fee, quantity=1, billing_cycle="onetime", whmcs_product_id=13),
            msgspec.structs.replace(fee, quantity=2, billing_cycle=None, whmcs_product_id=14),
            msgspec.structs.replace(fee, quantity=1, billing_cycle="fortnightly", whmcs_product_id=15),
        ),
    )
    assert [(i.product_id, i.billing_cycle) for i in billing_items(order)] == [
        *[(11, "monthly")] * 3,
        (12, "onetime"),  # a quantity below one is one unit
        (13, "onetime"),
        *[(14, "monthly")] * 2,  # no cycle: monthly
        (15, "monthly"),  # a cycle WHMCS does not know: monthly
    ]


async def test_an_item_with_no_billing_product_fails_the_order_naming_it(world: OrdersWorld) -> None:
    order = await placed_order(world)
    unmapped = msgspec.structs.replace(order.items[1], whmcs_product_id=None)
    with pytest.raises(StepFailedError) as failed:
        billing_items(msgspec.structs.replace(order, items=(order.items[0], unmapped)))
    assert failed.value.code is FulfilmentErrorCode.PRODUCT_NOT_MAPPED
    assert (unmapped.sku or "") in failed.value.message


async def test_a_billing_order_refused_by_whmcs_fails_the_order_with_its_reason(
    world: OrdersWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = await approved_sim_order(world)

    async def refuse(request: object) -> object:
        raise InvalidInputError("Product is out of stock")

    monkeypatch.setattr(world.billing.orders, "add_order", refuse)
    await world.trigger().consider(order_id)
    assert world.outcomes(await world.run_jobs()) == [Outcome.STOPPED]
    order = await world.order(order_id)
    assert (order.activation_status, order.activation_error_code) == ("Failed", "BILLING_ORDER_REJECTED")
    assert order.activation_error_message == "Product is out of stock"


async def test_a_billing_order_cancelled_before_acceptance_fails_the_order(
    world: OrdersWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = await approved_sim_order(world)

    async def cancelled(order: int) -> None:
        world.billing.world.orders[order].status = "Cancelled"
        raise ConflictError("Order is not pending")

    monkeypatch.setattr(world.billing.orders, "accept_order", cancelled)
    await world.trigger().consider(order_id)
    assert world.outcomes(await world.run_jobs()) == [Outcome.STOPPED]
    order = await world.order(order_id)
    assert (order.activation_status, order.activation_error_code) == ("Failed", "BILLING_ORDER_NOT_PENDING")
    assert order.activation_error_message is not None
    assert "Cancelled" in order.activation_error_message


async def test_a_first_billing_order_whose_answer_is_lost_is_found_too(world: OrdersWorld) -> None:
    """A customer with no billing order yet has baseline 0: WHMCS's first order id (1) is newer than it."""
    billing = world.billing.world
    billing.orders.clear()
    billing.services = {k: s for k, s in billing.services.items() if s.client_id != 1}
    billing.last_ids["order"] = 0
    order_id = await approved_sim_order(world)
    world.crashes.append(Crash("add_order", error=UpstreamUnavailableError("WHMCS", "timed out")))
    await world.trigger().consider(order_id)

    with pytest.raises(UpstreamUnavailableError):
        await world.run_jobs()
    assert world.records.records[order_id].billing_baseline == 0
    await world.fulfil().execute(order_id)
    await world.run_jobs()

    assert world.whmcs_orders(1) == 1
    assert world.records.records[order_id].whmcs_order_id == 1
    assert world.billing.world.calls.count("add_order") == 1


async def test_an_order_found_after_a_lost_answer_is_ours_even_among_other_newer_orders(world: OrdersWorld) -> None:
    """Staff may add an order for the customer by hand meanwhile: only the one holding exactly our products is ours."""
    order_id = await approved_sim_order(world)
    world.crashes.append(Crash("add_order", error=UpstreamUnavailableError("WHMCS", "timed out")))
    await world.trigger().consider(order_id)
    with pytest.raises(UpstreamUnavailableError):
        await world.run_jobs()
    ours = max(o.id for o in world.billing.world.orders.values() if o.client_id == 1)
    billing = world.billing.world
    ours_products = {s.product_id for s in billing.services.values() if s.order_id == ours}
    other = next(p for p in billing.products if p not in ours_products)
    item = NewOrderItem(product_id=other, billing_cycle="monthly")
    staff = await world.billing.orders.add_order(
        NewOrder(client_id=1, payment_method=billing.gateways[0].module, items=(item,))
    )
    await world.fulfil().execute(order_id)
    await world.run_jobs()

    assert world.records.records[order_id].whmcs_order_id == ours != staff.order_id
