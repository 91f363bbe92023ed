"""Charging a customer outside an order: an invoice for the amount, then a capture from the card on file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Protocol

import msgspec


class NewInvoiceLine(msgspec.Struct, frozen=True, kw_only=True):
    description: str
    amount: Decimal
    taxed: bool = True


class NewInvoice(msgspec.Struct, frozen=True, kw_only=True):
    client_id: int
    lines: tuple[NewInvoiceLine, ...]
    due_date: dt.date
    payment_method: str | None = None  # None: the client's default gateway
    send_email: bool = False
    notes: str = ""  # our reference: how an invoice whose answer was lost is found again


class ChargeInvoice(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    status: str  # Unpaid, Paid, Cancelled...


class InvoiceCharges(Protocol):
    async def create_invoice(self, invoice: NewInvoice) -> int:
        """The new invoice's id (status Unpaid)."""
        ...

    async def capture_payment(self, invoice_id: int) -> None:
        """Charges the client's card on file for an unpaid invoice.

        InvalidInputError when the charge fails (no card, declined); ConflictError when the invoice is not Unpaid.
        """
        ...

    async def find_invoice(self, client_id: int, reference: str) -> ChargeInvoice | None:
        """The client's recent invoice whose notes hold `reference` (made by `create_invoice`), if any."""
        ...

    async def cancel_invoice(self, invoice_id: int) -> None:
        """An unpaid invoice that will never be paid (its charge failed): Cancelled, so nobody is asked to pay it."""
        ...
