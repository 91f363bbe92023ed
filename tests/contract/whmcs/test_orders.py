"""Orders, acceptance, service fields, invoices and payments, the same in both worlds."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from application.errors import ConflictError, InvalidInputError, NotFoundError
from application.ports.billing.charges import NewInvoice, NewInvoiceLine
from application.ports.billing.orders import NewOrder, NewOrderItem
from sandbox.whmcs.seed import HANAKO, KENJI, SOTA
from sandbox.whmcs.seed_catalog import service_field_id
from tests.contract.whmcs.worlds import World

EID = "89049032000001000000000000000123"


def sim_order(client_id: int = KENJI.client_id, **overrides: object) -> NewOrder:
    fields: dict[str, object] = {
        "client_id": client_id,
        "payment_method": "stripe",
        "items": (
            NewOrderItem(product_id=204, billing_cycle="monthly", custom_fields={service_field_id(204, "EID"): EID}),
            NewOrderItem(product_id=240, billing_cycle="onetime"),
        ),
    }
    fields.update(overrides)
    return NewOrder(**fields)  # type: ignore[arg-type]


async def test_an_order_creates_pending_services_and_an_invoice(world: World) -> None:
    placed = await world.billing.orders.add_order(sim_order())
    assert placed.invoice_id is not None
    assert len(placed.service_ids) == 2
    order = await world.billing.orders.get_order(placed.order_id)
    assert (order.client_id, order.status, order.invoice_id, order.amount) == (
        KENJI.client_id, "Pending", placed.invoice_id, Decimal("5780.00"),
    )  # fmt: skip
    assert [(line.service_id, line.billing_cycle, line.status) for line in order.lines] == [
        (placed.service_ids[0], "Monthly", "Pending"),
        (placed.service_ids[1], "One Time", "Pending"),
    ]
    invoice = await world.billing.invoices.get_invoice(KENJI.client_id, placed.invoice_id)
    assert (invoice.status, invoice.subtotal, invoice.tax, invoice.total) == (
        "Unpaid", Decimal("5780.00"), Decimal("578.00"), Decimal("6358.00"),
    )  # fmt: skip
    assert [line.related_id for line in invoice.lines] == list(placed.service_ids)
    sim = await world.billing.services.get_service(KENJI.client_id, placed.service_ids[0])
    assert (sim.status, sim.recurring_amount) == ("Pending", Decimal("2480.00"))
    assert {f.name: f.value for f in sim.custom_fields}["EID"] == EID
    fee = await world.billing.services.get_service(KENJI.client_id, placed.service_ids[1])
    assert (fee.billing_cycle, fee.recurring_amount, fee.next_due_date) == ("One Time", Decimal("0.00"), None)


async def test_accepting_activates_the_services_once(world: World) -> None:
    placed = await world.billing.orders.add_order(sim_order())
    await world.billing.orders.accept_order(placed.order_id)
    order = await world.billing.orders.get_order(placed.order_id)
    assert order.status == "Active"
    assert {line.status for line in order.lines} == {"Active"}
    with pytest.raises(ConflictError):
        await world.billing.orders.accept_order(placed.order_id)
    with pytest.raises(NotFoundError):
        await world.billing.orders.accept_order(9999)


async def test_no_invoice_when_asked(world: World) -> None:
    placed = await world.billing.orders.add_order(sim_order(no_invoice=True))
    assert placed.invoice_id is None
    assert (await world.billing.orders.get_order(placed.order_id)).invoice_id is None


async def test_orders_are_listed_newest_first_per_client(world: World) -> None:
    first = await world.billing.orders.add_order(sim_order())
    second = await world.billing.orders.add_order(sim_order())
    orders = await world.billing.orders.list_orders(KENJI.client_id)
    assert [o.id for o in orders][:2] == [second.order_id, first.order_id]
    assert all(o.client_id == KENJI.client_id for o in orders)
    assert len(await world.billing.orders.list_orders(KENJI.client_id, limit=1)) == 1
    assert await world.billing.orders.list_orders(SOTA.client_id) == ()
    with pytest.raises(NotFoundError):
        await world.billing.orders.get_order(9999)


async def test_order_refusals_carry_whmcs_messages(world: World) -> None:
    with pytest.raises(InvalidInputError) as raised:
        await world.billing.orders.add_order(sim_order(payment_method="paypal"))
    assert raised.value.message == "Invalid Payment Method. Valid options include stripe,banktransfer"
    with pytest.raises(InvalidInputError):
        await world.billing.orders.add_order(sim_order(items=(NewOrderItem(product_id=999, billing_cycle="monthly"),)))
    with pytest.raises(NotFoundError):
        await world.billing.orders.add_order(sim_order(client_id=404))
    assert world.order_count(KENJI.client_id) == 1  # only the seeded one


async def test_updates_service_custom_fields_by_id(world: World) -> None:
    services = await world.billing.services.list_services(HANAKO.client_id)
    sim = services[1]
    serial = next(f for f in sim.custom_fields if f.name == "Serial Number")
    eid = next(f for f in sim.custom_fields if f.name == "EID")
    await world.billing.service_fields.update_service_custom_fields(sim.id, {eid.id: EID})
    updated = await world.billing.services.get_service(HANAKO.client_id, sim.id)
    after = {f.name: f.value for f in updated.custom_fields}
    assert after["EID"] == EID
    assert after["Serial Number"] == serial.value  # untouched
    with pytest.raises(NotFoundError):
        await world.billing.service_fields.update_service_custom_fields(9999, {eid.id: EID})


async def test_a_top_up_invoice_is_created_and_captured(world: World) -> None:
    due = world.clock.now().date() + timedelta(days=7)
    line = NewInvoiceLine(description="SIM Data Top-up: 2GB for 08012345678", amount=Decimal("1000"))
    top_up = NewInvoice(client_id=HANAKO.client_id, lines=(line,), due_date=due)
    invoice_id = await world.billing.charges.create_invoice(top_up)
    created = await world.billing.invoices.get_invoice(HANAKO.client_id, invoice_id)
    assert (created.status, created.total, created.due_date) == ("Unpaid", Decimal("1100.00"), due)
    await world.billing.charges.capture_payment(invoice_id)
    paid = await world.billing.invoices.get_invoice(HANAKO.client_id, invoice_id)
    assert (paid.status, paid.balance, len(paid.transactions)) == ("Paid", Decimal("0.00"), 1)
    with pytest.raises(ConflictError):
        await world.billing.charges.capture_payment(invoice_id)


async def test_capture_fails_without_a_card_and_for_unknown_invoices(world: World) -> None:
    line = NewInvoiceLine(description="Installation", amount=Decimal("3000"))
    invoice = NewInvoice(client_id=SOTA.client_id, lines=(line,), due_date=date(2026, 12, 1))
    invoice_id = await world.billing.charges.create_invoice(invoice)
    with pytest.raises(InvalidInputError) as raised:
        await world.billing.charges.capture_payment(invoice_id)
    assert raised.value.message == "Payment Attempt Failed"
    with pytest.raises(NotFoundError):
        await world.billing.charges.capture_payment(9999)
    with pytest.raises(NotFoundError):
        await world.billing.charges.create_invoice(NewInvoice(client_id=404, lines=(line,), due_date=date(2026, 12, 1)))
