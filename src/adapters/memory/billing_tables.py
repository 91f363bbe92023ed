"""The rows of the in-memory billing twin's tables, as WHMCS keeps them (values, not port DTOs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from application.ports.billing.invoices import InvoiceLine, InvoiceTransaction


@dataclass
class TwinClient:
    id: int
    owner_user_id: int
    values: dict[str, str]  # firstname, lastname, companyname, email, address1..country, phonenumber, status
    custom_fields: dict[int, str]


@dataclass
class TwinUser:
    id: int
    email: str
    password: str
    two_factor: bool
    client_ids: list[int]


@dataclass
class TwinService:
    id: int
    client_id: int
    order_id: int
    product_id: int
    status: str
    billing_cycle: str
    first_payment: Decimal
    recurring: Decimal
    registration_date: dt.date | None
    next_due_date: dt.date | None
    payment_method: str
    custom_fields: dict[int, str]


@dataclass
class TwinOrder:
    id: int
    number: str
    client_id: int
    placed_at: dt.datetime
    status: str
    payment_method: str
    amount: Decimal
    invoice_id: int | None
    service_ids: list[int]


@dataclass
class TwinInvoice:
    id: int
    client_id: int
    status: str
    date: dt.date
    due_date: dt.date
    paid_at: dt.datetime | None
    tax_rate: Decimal
    credit: Decimal
    payment_method: str
    notes: str
    lines: list[InvoiceLine]
    transactions: list[InvoiceTransaction] = field(default_factory=list)
