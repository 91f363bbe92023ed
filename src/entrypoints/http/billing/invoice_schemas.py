from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

import msgspec

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
    subtotal: Decimal
    credit: Decimal
    tax: Decimal
    tax2: Decimal
    total: Decimal
    payment_method: str
    currency_code: str


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
    amount: Decimal
    taxed: bool


class InvoiceTransactionView(View):
    id: int
    gateway: str
    date: dt.datetime
    description: str
    amount_in: Decimal
    fees: Decimal
    amount_out: Decimal
    transaction_id: str


class InvoiceView(View):
    id: int
    number: str
    status: str
    overdue: bool
    date: dt.date
    due_date: dt.date
    paid_date: dt.date | None
    subtotal: Decimal
    credit: Decimal
    tax: Decimal
    tax2: Decimal
    tax_rate: Decimal
    tax_rate2: Decimal
    total: Decimal
    balance: Decimal
    payment_method: str
    notes: str
    currency_code: str
    lines: list[InvoiceLineView]
    transactions: list[InvoiceTransactionView]


class SsoLinkView(View):
    """Open it at once: it signs the customer into WHMCS, works once, and expires within a minute."""

    url: str
    expires_at: dt.datetime
