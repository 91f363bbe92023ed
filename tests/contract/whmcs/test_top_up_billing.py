"""What a top-up needs of billing beyond create and capture, the same in both worlds: the invoice found again by the
reference in its notes, an unpaid one cancelled, and money credited back once (found again by its reference)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from application.ports.billing.charges import ChargeInvoice, NewInvoice, NewInvoiceLine
from sandbox.whmcs.seed import HANAKO, KENJI
from tests.contract.whmcs.worlds import World

REFERENCE = "portal-top-up:0123456789abcdef0123456789abcdef"


def top_up_invoice(notes: str = REFERENCE) -> NewInvoice:
    line = NewInvoiceLine(description="SIM Data Top-up: 1GB for 08012345678", amount=Decimal(500))
    return NewInvoice(client_id=HANAKO.client_id, lines=(line,), due_date=date(2026, 12, 11), notes=notes)


async def test_an_invoice_is_found_by_the_reference_in_its_notes_with_its_status(world: World) -> None:
    assert await world.billing.charges.find_invoice(HANAKO.client_id, REFERENCE) is None
    invoice_id = await world.billing.charges.create_invoice(top_up_invoice())
    await world.billing.charges.create_invoice(top_up_invoice(notes="someone else's"))

    found = await world.billing.charges.find_invoice(HANAKO.client_id, REFERENCE)
    assert found == ChargeInvoice(id=invoice_id, status="Unpaid")
    await world.billing.charges.capture_payment(invoice_id)
    assert await world.billing.charges.find_invoice(HANAKO.client_id, REFERENCE) == ChargeInvoice(
        id=invoice_id, status="Paid"
    )
    assert await world.billing.charges.find_invoice(KENJI.client_id, REFERENCE) is None  # another client's: none


async def test_an_unpaid_invoice_is_cancelled(world: World) -> None:
    invoice_id = await world.billing.charges.create_invoice(top_up_invoice())
    await world.billing.charges.cancel_invoice(invoice_id)
    assert await world.billing.charges.find_invoice(HANAKO.client_id, REFERENCE) == ChargeInvoice(
        id=invoice_id, status="Cancelled"
    )


async def test_a_credit_is_added_and_found_by_its_reference(world: World) -> None:
    assert not await world.billing.credits.credit_exists(HANAKO.client_id, REFERENCE)
    await world.billing.credits.add_credit(HANAKO.client_id, Decimal(1000), f"Refund of SIM data top-up {REFERENCE}")
    assert await world.billing.credits.credit_exists(HANAKO.client_id, REFERENCE)
    assert not await world.billing.credits.credit_exists(KENJI.client_id, REFERENCE)
