"""The twin's charges outside an order: an invoice raised, then captured from a card on file."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal

from adapters.memory import billing_views as views
from adapters.memory.billing_invoicing import invoice_line, open_invoice
from adapters.memory.billing_world import BillingTwinWorld, operation
from application.errors import ConflictError, InvalidInputError, NotFoundError
from application.ports.billing.charges import ChargeInvoice, NewInvoice
from application.ports.billing.invoices import InvoiceTransaction

_CARDS = ("CreditCard", "RemoteCreditCard")
RECENT_INVOICES = 25  # as the adapter: one page of the client's newest invoices


@dataclass
class TwinInvoiceCharges:
    world: BillingTwinWorld

    @operation
    async def create_invoice(self, invoice: NewInvoice) -> int:
        client = self.world.client(invoice.client_id, "Client ID Not Found")
        lines = [invoice_line(self.world, "", None, x.description, x.amount, taxed=x.taxed) for x in invoice.lines]
        method = invoice.payment_method or next((g.module for g in self.world.gateways), "")
        opened = open_invoice(self.world, client.id, lines, method, invoice.due_date)
        opened.notes = invoice.notes
        return opened.id

    @operation
    async def capture_payment(self, invoice_id: int) -> None:
        invoice = self.world.invoices.get(invoice_id)
        if invoice is None:
            raise NotFoundError("Invoice ID Not Found")
        if invoice.status != "Unpaid":
            raise ConflictError(f"Invoice {invoice_id} is {invoice.status}, not Unpaid.")
        cards = (m for owner, m in self.world.pay_methods.values() if owner == invoice.client_id and m.type in _CARDS)
        card = next(cards, None)
        if card is None:
            raise InvalidInputError("Payment Attempt Failed")
        due = views.invoice(self.world, invoice).balance
        now = self.world.local_now()
        invoice.transactions.append(
            InvoiceTransaction(
                id=self.world.next_id("transaction"),
                gateway=card.gateway,
                date=now,
                description=f"Invoice Payment (#{invoice.id})",
                amount_in=due,
                fees=Decimal("0.00"),
                amount_out=Decimal("0.00"),
                transaction_id=f"ch_{secrets.token_hex(12)}",
            )
        )
        invoice.status, invoice.paid_at = "Paid", now

    @operation
    async def find_invoice(self, client_id: int, reference: str) -> ChargeInvoice | None:
        mine = sorted((i for i in self.world.invoices.values() if i.client_id == client_id), key=lambda i: -i.id)
        found = next((i for i in mine[:RECENT_INVOICES] if reference in i.notes), None)
        return ChargeInvoice(id=found.id, status=found.status) if found else None

    @operation
    async def cancel_invoice(self, invoice_id: int) -> None:
        invoice = self.world.invoices.get(invoice_id)
        if invoice is None:
            raise NotFoundError("Invoice ID Not Found")
        if invoice.status == "Unpaid":
            invoice.status = "Cancelled"


@dataclass
class TwinCredits:
    world: BillingTwinWorld

    @operation
    async def add_credit(self, client_id: int, amount: Decimal, description: str) -> None:
        self.world.client(client_id, "Client ID Not Found")
        self.world.credits.append((client_id, amount, description))

    @operation
    async def credit_exists(self, client_id: int, reference: str) -> bool:
        return any(owner == client_id and reference in text for owner, _, text in self.world.credits)
