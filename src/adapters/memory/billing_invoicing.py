"""How the twin raises an invoice, for an order or a charge alike (Unpaid, 10 % tax, dated today)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from adapters.memory.billing_tables import TwinInvoice
from adapters.memory.billing_views import CENT
from adapters.memory.billing_world import BillingTwinWorld
from application.ports.billing.invoices import InvoiceLine


def invoice_line(
    world: BillingTwinWorld, kind: str, related: int | None, description: str, amount: Decimal, *, taxed: bool
) -> InvoiceLine:
    return InvoiceLine(
        id=world.next_id("invoiceitem"),
        type=kind,
        related_id=related,
        description=description,
        amount=amount.quantize(CENT),
        taxed=taxed,
    )


def open_invoice(
    world: BillingTwinWorld, client_id: int, lines: list[InvoiceLine], method: str, due: dt.date
) -> TwinInvoice:
    invoice = TwinInvoice(
        id=world.next_id("invoice"),
        client_id=client_id,
        status="Unpaid",
        date=world.today(),
        due_date=due,
        paid_at=None,
        tax_rate=Decimal("10.000"),
        credit=Decimal("0.00"),
        payment_method=method,
        notes="",
        lines=lines,
    )
    world.invoices[invoice.id] = invoice
    return invoice
