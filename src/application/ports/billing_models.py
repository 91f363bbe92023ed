"""What the billing system (WHMCS) tells us and what we ask of it, in plain types.

Every value is already normalised: ids are ints, money is Decimal, times are timezone-aware, dates are dates,
display strings are unescaped, and an empty collection is an empty tuple. Nothing here knows the wire.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

import msgspec

InvoiceStatus = Literal["Draft", "Unpaid", "Paid", "Cancelled", "Refunded", "Collections", "Payment Pending", "Overdue"]
ClientStatus = Literal["Active", "Inactive", "Closed"]
BillingCycle = Literal[
    "free", "onetime", "monthly", "quarterly", "semiannually", "annually", "biennially", "triennially"
]


class PostalAddress(msgspec.Struct, frozen=True, kw_only=True):
    address1: str
    city: str
    state: str  # the prefecture
    postcode: str  # NNN-NNNN
    country: str = "JP"  # ISO 3166-1 alpha-2
    address2: str = ""


class CustomFieldValue(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    value: str
    name: str = ""  # present where WHMCS sends it (service fields); client fields carry only ids


class NewClient(msgspec.Struct, frozen=True, kw_only=True):
    first_name: str
    last_name: str
    email: str
    password: str  # WHMCS client-area password of the new owner user; never logged
    phone: str
    address: PostalAddress
    customer_number: str  # Salesforce SF_Account_No__c, stored in the Customer Number custom field
    company_name: str = ""
    extra_custom_fields: dict[int, str] = msgspec.field(default_factory=dict)


class ClientUpdate(msgspec.Struct, frozen=True, kw_only=True):
    """Only the fields that are set are written (WHMCS applies only the keys present)."""

    first_name: str | None = None
    last_name: str | None = None
    company_name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: PostalAddress | None = None
    status: ClientStatus | None = None


class ClientProfile(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    owner_user_id: int | None
    first_name: str
    last_name: str
    company_name: str
    email: str
    phone: str
    address: PostalAddress
    status: str
    currency_code: str
    customer_number: str | None  # the Customer Number custom field, None when empty
    custom_fields: tuple[CustomFieldValue, ...]


class ValidatedLogin(msgspec.Struct, frozen=True, kw_only=True):
    user_id: int  # the WHMCS *user* (login), not the client
    client_id: int  # the client that user owns (or, failing that, the first it belongs to)
    two_factor_enabled: bool  # linking must refuse these: WHMCS proved the password but not the second factor


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


class SsoLink(msgspec.Struct, frozen=True, kw_only=True):
    url: str  # single use; never cache or log it (it logs the customer in)
    expires_at: dt.datetime


class PayMethod(msgspec.Struct, frozen=True, kw_only=True):
    """Masked: the last four digits at most; no card data ever leaves WHMCS."""

    id: int
    type: str  # CreditCard, RemoteCreditCard, BankAccount, RemoteBankAccount
    description: str
    gateway: str
    card_type: str | None = None
    card_last_four: str | None = None
    expiry: str | None = None  # MM/YY as WHMCS shows it
    bank_name: str | None = None


class PaymentGateway(msgspec.Struct, frozen=True, kw_only=True):
    module: str
    display_name: str


class Service(msgspec.Struct, frozen=True, kw_only=True):
    """A WHMCS service (a customer's subscription to a product)."""

    id: int
    client_id: int
    order_id: int
    product_id: int
    name: str
    group_name: str
    status: str  # Pending, Active, Suspended, Terminated, Cancelled, Fraud, Completed
    billing_cycle: str  # as WHMCS displays it: Monthly, One Time, Free Account...
    first_payment_amount: Decimal
    recurring_amount: Decimal
    registration_date: dt.date | None
    next_due_date: dt.date | None
    payment_method: str
    domain: str
    custom_fields: tuple[CustomFieldValue, ...]


class CatalogProduct(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    group_id: int
    name: str
    description: str  # HTML as the WHMCS admin wrote it
    pay_type: str  # free, onetime, recurring
    prices: dict[str, Decimal]  # billing cycle (monthly, onetime...) -> price; disabled cycles left out
    setup_fees: dict[str, Decimal]
    currency_code: str
    custom_fields: tuple[CustomFieldValue, ...]  # the product's service fields (value is empty)


class NewOrderItem(msgspec.Struct, frozen=True, kw_only=True):
    product_id: int
    billing_cycle: BillingCycle
    custom_fields: dict[int, str] = msgspec.field(default_factory=dict)  # service custom field id -> value


class NewOrder(msgspec.Struct, frozen=True, kw_only=True):
    client_id: int
    payment_method: str  # an active gateway module, e.g. "stripe" or "banktransfer"
    items: tuple[NewOrderItem, ...]
    no_invoice: bool = False
    send_email: bool = False
    promo_code: str | None = None


class PlacedOrder(msgspec.Struct, frozen=True, kw_only=True):
    order_id: int
    invoice_id: int | None  # None when no_invoice was asked or the order is free
    service_ids: tuple[int, ...]  # in item order


class BillingOrderLine(msgspec.Struct, frozen=True, kw_only=True):
    type: str  # product, addon, domain...
    service_id: int | None
    product_name: str
    billing_cycle: str
    status: str


class BillingOrder(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    number: str
    client_id: int
    placed_at: dt.datetime
    status: str  # Pending, Active, Fraud, Cancelled
    payment_method: str
    invoice_id: int | None
    amount: Decimal
    lines: tuple[BillingOrderLine, ...]
