"""Reading a customer's invoices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal, Protocol

import msgspec

InvoiceStatus = Literal["Draft", "Unpaid", "Paid", "Cancelled", "Refunded", "Collections", "Payment Pending", "Overdue"]


class InvoiceSummary(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    number: str  # the customer-facing number; the id when sequential numbering is off
    client_id: int
    status: str  # as WHMCS stores it: an overdue invoice is "Unpaid" with `overdue` set
    overdue: bool  # unpaid and past its due date (in the billing system's time zone)
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


class InvoicePage(msgspec.Struct, frozen=True, kw_only=True):
    items: tuple[InvoiceSummary, ...]
    total: int  # matching invoices before paging
    offset: int
    limit: int


class InvoiceLine(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    type: str  # Hosting, Addon, Upgrade, LateFee... "" for a custom line
    related_id: int | None  # the service id for Hosting lines
    description: str
    amount: Decimal
    taxed: bool


class InvoiceTransaction(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    gateway: str
    date: dt.datetime
    description: str
    amount_in: Decimal
    fees: Decimal
    amount_out: Decimal
    transaction_id: str


class Invoice(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    number: str
    client_id: int
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
    balance: Decimal  # total minus payments
    payment_method: str
    notes: str
    currency_code: str
    lines: tuple[InvoiceLine, ...]
    transactions: tuple[InvoiceTransaction, ...]


class BillingInvoices(Protocol):
    async def list_invoices(
        self, client_id: int, *, status: InvoiceStatus | None = None, offset: int = 0, limit: int = 25
    ) -> InvoicePage:
        """Newest first (by id, so paging is stable); `Overdue` means unpaid and past due."""
        ...

    async def get_invoice(self, client_id: int, invoice_id: int) -> Invoice:
        """NotFoundError also when the invoice belongs to another client."""
        ...
