"""State changes that WHMCS makes both through the API and in the admin area, each firing its hook."""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal

from sandbox.whmcs import ledger
from sandbox.whmcs.records import InvoiceItemRecord, InvoiceRecord, PayMethodRecord, TransactionRecord
from sandbox.whmcs.state import WhmcsState


def new_invoice(
    state: WhmcsState,
    *,
    client_id: int,
    items: list[tuple[str, int, str, Decimal, bool]],  # (type, relid, description, amount, taxed)
    paymentmethod: str,
    duedate: date | None = None,
    invoice_date: date | None = None,
    status: str = "Unpaid",
    taxrate: Decimal = Decimal("10.000"),
    notes: str = "",
) -> InvoiceRecord:
    now = state.local_now()
    invoice = InvoiceRecord(
        id=state.next_id("invoice"),
        client_id=client_id,
        date=invoice_date or now.date(),
        duedate=duedate or invoice_date or now.date(),
        status=status,
        paymentmethod=paymentmethod,
        created_at=now,
        updated_at=now,
        taxrate=taxrate,
        notes=notes,
    )
    for kind, relid, description, amount, taxed in items:
        invoice.items.append(
            InvoiceItemRecord(
                id=state.next_id("invoiceitem"),
                type=kind,
                relid=relid,
                description=description,
                amount=amount,
                taxed=taxed,
            )
        )
    state.invoices[invoice.id] = invoice
    if status != "Draft":  # InvoiceCreated fires when an invoice is published, never for drafts
        state.emit("invoice.created", invoice_id=invoice.id, client_id=client_id, status=status)
    return invoice


def mark_invoice_paid(state: WhmcsState, invoice: InvoiceRecord, *, gateway: str | None = None) -> None:
    now = state.local_now()
    due = ledger.balance(invoice)
    if due > 0:
        invoice.transactions.append(
            TransactionRecord(
                id=state.next_id("transaction"),
                gateway=gateway or invoice.paymentmethod,
                date=now,
                description=f"Invoice Payment (#{invoice.id})",
                amountin=due,
                fees=Decimal("0.00"),
                amountout=Decimal("0.00"),
                transid=f"ch_{secrets.token_hex(12)}",
            )
        )
    invoice.status = "Paid"
    invoice.datepaid = now
    invoice.updated_at = now
    state.emit("invoice.paid", invoice_id=invoice.id, client_id=invoice.client_id)


def cancel_invoice(state: WhmcsState, invoice: InvoiceRecord) -> None:
    now = state.local_now()
    invoice.status = "Cancelled"
    invoice.date_cancelled = now
    invoice.updated_at = now
    state.emit("invoice.cancelled", invoice_id=invoice.id, client_id=invoice.client_id)


def remove_pay_method(state: WhmcsState, pay_method: PayMethodRecord) -> None:
    del state.pay_methods[pay_method.id]
    state.emit("paymethod.updated", client_id=pay_method.client_id, paymethod_id=pay_method.id, change="removed")


def add_pay_method(state: WhmcsState, pay_method: PayMethodRecord) -> None:
    state.pay_methods[pay_method.id] = pay_method
    state.emit("paymethod.updated", client_id=pay_method.client_id, paymethod_id=pay_method.id, change="added")


def set_service_status(state: WhmcsState, service_id: int, status: str) -> None:
    service = state.services[service_id]
    service.status = status
    if status in ("Terminated", "Cancelled"):
        service.terminationdate = state.today()
    state.emit("service.updated", service_id=service.id, client_id=service.client_id, status=status)
