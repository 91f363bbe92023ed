"""Order notifications: approved, active, stopped with its code — once each per order, whoever notices first (the
change consumer from the CRM, the worker from the saga) and however often the stream redelivers."""

from __future__ import annotations

from application.ports.notifications import Notification, NotificationKind
from tests.unit.orders.test_order_events import APPROVAL, OURS, change, ordered
from tests.unit.orders.world import OrdersWorld

HANAKO = "SH-100001"


async def notices(world: OrdersWorld) -> list[Notification]:
    account = world.ids.accounts[HANAKO]
    return list((await world.notifications.page(account, before=None, limit=50)).items)


async def test_an_approval_notifies_once_and_the_activation_once_whoever_sees_it(world: OrdersWorld) -> None:
    order_id = await ordered(world)
    await world.approve(order_id)
    approval = change("Order", order_id, APPROVAL)
    await world.handler().handle(approval)
    await world.handler().handle(approval)  # redelivered
    assert [(n.kind, n.source_id) for n in await notices(world)] == [(NotificationKind.ORDER_APPROVED, order_id)]

    await world.run_jobs()  # the worker notifies the activation ...
    activated = change("Order", order_id, {"Activation_Status__c": "Activated", "WHMCS_Order_ID__c": "9"}, origin=OURS)
    await world.handler().handle(activated)  # ... and the consumer sees the write-back: still one
    await world.handler().handle(activated)

    kinds = [n.kind for n in await notices(world)]
    assert kinds == [NotificationKind.ORDER_ACTIVATED, NotificationKind.ORDER_APPROVED]
    assert all(n.read_at is None for n in await notices(world))


async def test_the_consumer_alone_notifies_an_activation_the_worker_could_not(world: OrdersWorld) -> None:
    """The worker's notification is best effort; the write-back's change event is the safety net."""
    order_id = await ordered(world)
    await world.approve(order_id)
    await world.handler().handle(change("Order", order_id, APPROVAL))
    await world.run_jobs()
    account = world.ids.accounts[HANAKO]
    activated = next(n for n in await notices(world) if n.kind is NotificationKind.ORDER_ACTIVATED)
    await world.notifications.purge_created_before(world.clock.now().replace(year=2100))  # as if it never was
    assert await world.notifications.unread_count(account) == 0

    await world.handler().handle(change("Order", order_id, {"Activation_Status__c": "Activated"}, origin=OURS))
    assert [(n.kind, n.source_id) for n in await notices(world)] == [(activated.kind, activated.source_id)]


async def test_a_stop_notifies_with_the_customer_message_of_its_code_and_a_new_failure_notifies_again(
    world: OrdersWorld,
) -> None:
    order_id = await ordered(world)
    await world.approve(order_id)
    cards = {k: v for k, v in world.billing.world.pay_methods.items() if v[0] == 1}
    for key in cards:
        del world.billing.world.pay_methods[key]
    await world.handler().handle(change("Order", order_id, APPROVAL))
    await world.run_jobs()
    stopped = change("Order", order_id, {"Activation_Status__c": "Failed"}, origin=OURS, tx="tx-2")
    await world.handler().handle(stopped)

    failed = [n for n in await notices(world) if n.kind is NotificationKind.ORDER_FAILED]
    assert [n.source_id for n in failed] == [f"{order_id}:PAYMENT_METHOD_MISSING"]
    assert "payment method" in failed[0].body
    assert "WHMCS" not in failed[0].body + failed[0].title  # the customer's message, never the agent's

    world.billing.world.pay_methods.update(cards)  # a card added, the agent re-triggers: activated this time
    await world.approve(order_id, status="Reactivate")
    await world.handler().handle(change("Order", order_id, {"Status": "Reactivate"}, tx="tx-3"))
    await world.run_jobs()
    kinds = [n.kind for n in await notices(world)]
    assert kinds.count(NotificationKind.ORDER_ACTIVATED) == 1
    assert kinds.count(NotificationKind.ORDER_APPROVED) == 1  # the same order's approval is told once
