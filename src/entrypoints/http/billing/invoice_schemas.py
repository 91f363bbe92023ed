"""Invoices on the wire (camelCase), with every amount as `Money` in the invoice's own currency."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import msgspec

from application.ports.billing.invoices import Invoice, InvoiceLine, InvoicePage, InvoiceSummary, InvoiceTransaction
from entrypoints.http.money import Money, Percent, money, percent

InvoiceStatusFilter = Literal["Unpaid", "Overdue", "Paid", "Cancelled", "Refunded", "Collections", "Payment Pending"]


class View(msgspec.Struct, kw_only=True, rename="camel"):
    pass


class InvoiceSummaryView(View):
    id: int
    number: str
    status: str  # as WHMCS keeps it: an overdue invoice is "Unpaid" with `overdue` set
    overdue: bool
    date: dt.date
    due_date: dt.date
    paid_date: dt.date | None
    subtotal: Money
    credit: Money
    tax: Money
    tax2: Money
    total: Money
    payment_method: str


class InvoicePageView(View):
    items: list[InvoiceSummaryView]  # newest first (by invoice id, so pages never skip or repeat)
    total: int  # invoices matching the filter, across all pages
    offset: int
    limit: int


class InvoiceLineView(View):
    id: int
    type: str
    related_id: int | None  # the subscription (service) id on "Hosting" lines
    description: str
    amount: Money
    taxed: bool


class InvoiceTransactionView(View):
    id: int
    gateway: str
    date: dt.datetime
    description: str
    amount_in: Money
    fees: Money
    amount_out: Money
    transaction_id: str


class InvoiceView(InvoiceSummaryView):
    tax_rate_percent: Percent
    tax_rate2_percent: Percent
    balance: Money  # what is left to pay
    notes: str
    lines: list[InvoiceLineView]
    transactions: list[InvoiceTransactionView]


class SsoLinkView(View):
    """Open it at once: it signs the customer into WHMCS, works once, and expires within a minute."""

    url: str
    expires_at: dt.datetime


def invoice_summary_view(invoice: InvoiceSummary | Invoice) -> InvoiceSummaryView:
    return InvoiceSummaryView(**_summary_fields(invoice))


def invoice_page_view(page: InvoicePage) -> InvoicePageView:
    items = [invoice_summary_view(item) for item in page.items]
    return InvoicePageView(items=items, total=page.total, offset=page.offset, limit=page.limit)


def invoice_view(invoice: Invoice) -> InvoiceView:
    currency = invoice.currency_code
    return InvoiceView(
        **_summary_fields(invoice),
        tax_rate_percent=percent(invoice.tax_rate),
        tax_rate2_percent=percent(invoice.tax_rate2),
        balance=money(invoice.balance, currency),
        notes=invoice.notes,
        lines=[_line(line, currency) for line in invoice.lines],
        transactions=[_transaction(transaction, currency) for transaction in invoice.transactions],
    )


def _summary_fields(invoice: InvoiceSummary | Invoice) -> dict[str, Any]:
    currency = invoice.currency_code
    return {
        "id": invoice.id,
        "number": invoice.number,
        "status": invoice.status,
        "overdue": invoice.overdue,
        "date": invoice.date,
        "due_date": invoice.due_date,
        "paid_date": invoice.paid_date,
        "subtotal": money(invoice.subtotal, currency),
        "credit": money(invoice.credit, currency),
        "tax": money(invoice.tax, currency),
        "tax2": money(invoice.tax2, currency),
        "total": money(invoice.total, currency),
        "payment_method": invoice.payment_method,
    }


def _line(line: InvoiceLine, currency: str) -> InvoiceLineView:
    return InvoiceLineView(
        id=line.id,
        type=line.type,
        related_id=line.related_id,
        description=line.description,
        amount=money(line.amount, currency),
        taxed=line.taxed,
    )


def _transaction(transaction: InvoiceTransaction, currency: str) -> InvoiceTransactionView:
    return InvoiceTransactionView(
        id=transaction.id,
        gateway=transaction.gateway,
        date=transaction.date,
        description=transaction.description,
        amount_in=money(transaction.amount_in, currency),
        fees=money(transaction.fees, currency),
        amount_out=money(transaction.amount_out, currency),
        transaction_id=transaction.transaction_id,
    )
