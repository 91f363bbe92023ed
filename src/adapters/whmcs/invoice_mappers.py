"""GetInvoices rows and GetInvoice documents to port DTOs."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from adapters.whmcs import normalise as n
from application.ports.billing.invoices import Invoice, InvoiceLine, InvoiceSummary, InvoiceTransaction


def _overdue(status: str, due: dt.date, today: dt.date) -> bool:
    return status == "Unpaid" and due < today


def invoice_summary(row: dict[str, Any], zone: ZoneInfo, today: dt.date) -> InvoiceSummary:
    due = n.to_date(row.get("duedate"))
    issued = n.to_date(row.get("date"))
    assert due is not None, "WHMCS invoices always have a due date"
    assert issued is not None, "WHMCS invoices always have a date"
    paid = n.to_datetime(row.get("datepaid"), zone)
    status = n.text(row.get("status"))
    return InvoiceSummary(
        id=n.to_int(row["id"]),
        number=n.text(row.get("invoicenum")) or str(n.to_int(row["id"])),
        client_id=n.to_int(row["userid"]),
        status=status,
        overdue=_overdue(status, due, today),
        date=issued,
        due_date=due,
        paid_date=paid.date() if paid else None,
        subtotal=n.to_decimal(row.get("subtotal")),
        credit=n.to_decimal(row.get("credit")),
        tax=n.to_decimal(row.get("tax")),
        tax2=n.to_decimal(row.get("tax2")),
        total=n.to_decimal(row.get("total")),
        payment_method=n.text(row.get("paymentmethod")),
        currency_code=n.text(row.get("currencycode")),
    )


def invoice(doc: dict[str, Any], zone: ZoneInfo, today: dt.date, currency_code: str) -> Invoice:
    """GetInvoice carries no currency: the caller supplies the client's."""
    due = n.to_date(doc.get("duedate"))
    issued = n.to_date(doc.get("date"))
    assert due is not None, "WHMCS invoices always have a due date"
    assert issued is not None, "WHMCS invoices always have a date"
    paid = n.to_datetime(doc.get("datepaid"), zone)
    status = n.text(doc.get("status"))
    invoice_id = n.to_int(doc["invoiceid"])
    return Invoice(
        id=invoice_id,
        number=n.text(doc.get("invoicenum")) or str(invoice_id),
        client_id=n.to_int(doc["userid"]),
        status=status,
        overdue=_overdue(status, due, today),
        date=issued,
        due_date=due,
        paid_date=paid.date() if paid else None,
        subtotal=n.to_decimal(doc.get("subtotal")),
        credit=n.to_decimal(doc.get("credit")),
        tax=n.to_decimal(doc.get("tax")),
        tax2=n.to_decimal(doc.get("tax2")),
        tax_rate=n.to_decimal(doc.get("taxrate")),
        tax_rate2=n.to_decimal(doc.get("taxrate2")),
        total=n.to_decimal(doc.get("total")),
        balance=n.to_decimal(doc.get("balance")),
        payment_method=n.text(doc.get("paymentmethod")),
        notes=n.text(doc.get("notes")),
        currency_code=currency_code,
        lines=tuple(
            InvoiceLine(
                id=n.to_int(item["id"]),
                type=n.text(item.get("type")),
                related_id=n.to_optional_int(item.get("relid")),
                description=n.text(item.get("description")),
                amount=n.to_decimal(item.get("amount")),
                taxed=n.to_bool(item.get("taxed")),
            )
            for item in n.items(doc.get("items"), "item")
        ),
        transactions=tuple(_transaction(t, zone) for t in n.items(doc.get("transactions"), "transaction")),
    )


def _transaction(doc: dict[str, Any], zone: ZoneInfo) -> InvoiceTransaction:
    when = n.to_datetime(doc.get("date"), zone)
    assert when is not None, "WHMCS transactions always have a date"
    return InvoiceTransaction(
        id=n.to_int(doc["id"]),
        gateway=n.text(doc.get("gateway")),
        date=when,
        description=n.text(doc.get("description")),
        amount_in=n.to_decimal(doc.get("amountin")),
        fees=n.to_decimal(doc.get("fees")),
        amount_out=n.to_decimal(doc.get("amountout")),
        transaction_id=n.text(doc.get("transid")),
    )
