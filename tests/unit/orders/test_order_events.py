"""The order change handler: approvals queue one job per order, whatever the stream does; the read model goes
stale on every change that matters to the customer; our own write-backs trigger nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from application.cdc.channels import ORDER as ORDER_CHANNEL
from application.cdc.channels import ORDER_ITEM as ORDER_ITEM_CHANNEL
from application.ports.change_stream import (
    ChangeEvent,
    ChangeEventHeader,
    ChangeType,
    ResyncReason,
    ResyncRequired,
    change_event_channel,
)
from tests.unit.orders.world import OWN_CLIENT, OrdersWorld, sim_order

AGENT = ""  # changes made in the Salesforce UI carry no API origin
OURS = f"com/salesforce/api/rest/62.0;client={OWN_CLIENT}"


def change(
    entity: str,
    record_id: str,
    fields: dict[str, Any],
    *,
    origin: str = AGENT,
    kind: ChangeType = ChangeType.UPDATE,
    tx: str = "tx-1",
    replay_id: int = 1,
) -> ChangeEvent:
    header = ChangeEventHeader(
        entity_name=entity, record_ids=(record_id,), change_type=kind,
        changed_fields=(*fields, "LastModifiedDate") if kind is ChangeType.UPDATE else (), change_origin=origin,
        transaction_key=tx, sequence_number=1, commit_timestamp=datetime(2026, 11, 2, tzinfo=UTC), commit_number=1,
        commit_user="005AGENT",
    )  # fmt: skip
    return ChangeEvent(channel=change_event_channel(entity), replay_id=replay_id, header=header, fields=fields)


APPROVAL = {"Status": "Processed", "Activation_Status__c": "Activating"}


async def ordered(world: OrdersWorld) -> str:
    return (await world.place_order().execute(world.customers["SH-100001"], sim_order("evt"))).id


async def test_the_handler_consumes_both_order_channels(world: OrdersWorld) -> None:
    assert set(world.handler().channels) == {ORDER_CHANNEL, ORDER_ITEM_CHANNEL}


async def test_an_approval_queues_one_job_even_when_the_event_comes_twice(world: OrdersWorld) -> None:
    order_id = await ordered(world)
    await world.approve(order_id)
    approval = change("Order", order_id, APPROVAL)

    await world.handler().handle(approval)
    await world.handler().handle(approval)  # redelivered

    assert list(world.queue.waiting) == [order_id]
    await world.run_jobs()
    await world.handler().handle(approval)  # and again, after fulfilment: the order is done
    assert world.queue.waiting == {}
    assert world.whmcs_orders(1) == 2


async def test_an_old_event_arriving_late_sees_the_order_as_it_is_now(world: OrdersWorld) -> None:
    order_id = await ordered(world)
    created = change("Order", order_id, {"Status": "Pending Review", "AccountId": world.ids.accounts["SH-100001"]},
                     kind=ChangeType.CREATE)  # fmt: skip
    await world.approve(order_id)
    await world.handler().handle(change("Order", order_id, APPROVAL, tx="tx-2"))
    await world.run_jobs()

    await world.handler().handle(created)  # reordered: the create arrives after the approval

    assert world.queue.waiting == {}
    assert world.whmcs_orders(1) == 2
    assert world.freebit_activations() == 1


async def test_an_event_for_an_order_not_yet_approved_queues_nothing(world: OrdersWorld) -> None:
    order_id = await ordered(world)

    await world.handler().handle(change("Order", order_id, {"Description": "note from an agent"}))
    await world.handler().handle(change("Order", order_id, {"Status": "Pending Review"}))

    assert world.queue.waiting == {}


async def test_our_own_writes_never_trigger_fulfilment(world: OrdersWorld) -> None:
    order_id = await ordered(world)
    await world.approve(order_id)

    await world.handler().handle(change("Order", order_id, APPROVAL, origin=OURS))

    assert world.queue.waiting == {}


async def test_changes_make_the_customers_orders_stale(world: OrdersWorld) -> None:
    hanako = world.customers["SH-100001"]
    order_id = await ordered(world)
    assert (await world.get_order().execute(hanako, order_id)).status == "Pending Review"
    await world.approve(order_id)  # the agent's change lands in the CRM...
    assert (await world.get_order().execute(hanako, order_id)).status == "Pending Review"  # ...read model: not yet

    await world.handler().handle(change("Order", order_id, APPROVAL))

    view = await world.get_order().execute(hanako, order_id)
    assert (view.status, view.activation_status) == ("Processed", "Activating")


async def test_an_item_change_finds_its_account_through_the_crm(world: OrdersWorld) -> None:
    hanako = world.customers["SH-100001"]
    order_id = await ordered(world)
    order = await world.order(order_id)
    await world.list_orders().execute(hanako)
    assert (await world.store.read("orders", hanako.sf_account_id)).value is not None

    await world.handler().handle(change("OrderItem", order.items[0].id, {"Quantity": 1}))

    assert (await world.store.read("orders", hanako.sf_account_id)).value is None


async def test_our_bookkeeping_write_backs_are_skipped(world: OrdersWorld) -> None:
    hanako = world.customers["SH-100001"]
    order_id = await ordered(world)
    order = await world.order(order_id)
    await world.list_orders().execute(hanako)

    await world.handler().handle(change("OrderItem", order.items[0].id, {"WHMCS_Service_ID__c": "77"}, origin=OURS))

    assert (await world.store.read("orders", hanako.sf_account_id)).value is not None


async def test_a_gap_rereads_the_records_it_names(world: OrdersWorld) -> None:
    order_id = await ordered(world)
    await world.approve(order_id)

    await world.handler().handle(
        ResyncRequired(channel=ORDER_CHANNEL, reason=ResyncReason.GAP, entity_name="Order", record_ids=(order_id,))
    )

    assert list(world.queue.waiting) == [order_id]


async def test_an_overflow_makes_every_account_stale_and_asks_for_a_sweep(world: OrdersWorld) -> None:
    order_id = await ordered(world)
    await world.approve(order_id)

    await world.handler().handle(ResyncRequired(channel=ORDER_CHANNEL, reason=ResyncReason.OVERFLOW))

    assert world.queue.sweeps_requested == 1
    assert await world.sweep().execute() == 1  # the sweep finds the approved order the gap hid
    assert list(world.queue.waiting) == [order_id]


async def test_the_sweep_requeues_a_fulfilment_whose_job_was_lost(world: OrdersWorld) -> None:
    order_id = await ordered(world)
    await world.approve(order_id)
    await world.trigger().consider(order_id)
    world.queue.take()
    await world.fulfil().execute(order_id)  # waiting for Freebit; its next run is "lost"
    world.queue.take()

    world.clock.advance(world.policy.stalled_after_seconds + 1)
    assert await world.sweep().execute() == 1
    await world.run_jobs()

    assert (await world.order(order_id)).activation_status == "Activated"
