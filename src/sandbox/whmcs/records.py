"""The emulator's tables, as WHMCS keeps them: strings stored HTML-encoded, money as Decimal, local times.

Mutable on purpose: these are the rows the API actions and the control API change in place.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import msgspec


class ClientRecord(msgspec.Struct, kw_only=True):
    id: int
    uuid: str
    owner_user_id: int
    firstname: str
    lastname: str
    email: str
    address1: str
    city: str
    state: str
    postcode: str
    country: str
    phonenumber: str
    datecreated: dt.date
    companyname: str = ""
    address2: str = ""
    status: str = "Active"
    currency: int = 1
    defaultgateway: str = ""
    language: str = ""
    notes: str = ""
    credit: Decimal = Decimal("0.00")
    allow_sso: bool = True
    email_verified: bool = False
    custom_fields: dict[int, str] = msgspec.field(default_factory=dict)


class UserRecord(msgspec.Struct, kw_only=True):
    id: int
    firstname: str
    lastname: str
    email: str
    password: str  # raw: password2 is the one input WHMCS does not HTML-encode
    datecreated: dt.datetime
    two_factor: bool = False
    client_ids: list[int] = msgspec.field(default_factory=list)  # owner's client first
    last_login: dt.datetime | None = None


class PayMethodRecord(msgspec.Struct, kw_only=True):
    id: int
    client_id: int
    type: str  # CreditCard, RemoteCreditCard, BankAccount, RemoteBankAccount
    gateway_name: str
    last_updated: dt.datetime
    description: str = ""
    card_type: str = ""
    card_last_four: str = ""
    expiry_date: str = ""  # MM/YY
    bank_name: str = ""
    remote_token: str = ""


class ProductRecord(msgspec.Struct, kw_only=True):
    pid: int
    gid: int
    group_name: str
    name: str
    slug: str
    paytype: str  # free, onetime, recurring
    # cycle -> price; "-1.00" marks a disabled cycle, as WHMCS stores it
    pricing: dict[str, Decimal]
    description: str = ""
    custom_fields: dict[int, str] = msgspec.field(default_factory=dict)  # field id -> name
    hidden: bool = False


class ServiceRecord(msgspec.Struct, kw_only=True):
    id: int
    client_id: int
    order_id: int
    pid: int
    regdate: dt.date
    nextduedate: dt.date | None
    billingcycle: str  # display value: Monthly, One Time, Free Account...
    status: str
    firstpaymentamount: Decimal
    recurringamount: Decimal
    paymentmethod: str
    domain: str = ""
    notes: str = ""
    terminationdate: dt.date | None = None
    custom_fields: dict[int, str] = msgspec.field(default_factory=dict)


class OrderRecord(msgspec.Struct, kw_only=True):
    id: int
    ordernum: str
    client_id: int
    date: dt.datetime
    status: str
    paymentmethod: str
    amount: Decimal
    invoice_id: int  # 0: none
    service_ids: list[int]
    promocode: str = ""
    ipaddress: str = ""


class InvoiceItemRecord(msgspec.Struct, kw_only=True):
    id: int
    type: str
    relid: int
    description: str
    amount: Decimal
    taxed: bool


class TransactionRecord(msgspec.Struct, kw_only=True):
    id: int
    gateway: str
    date: dt.datetime
    description: str
    amountin: Decimal
    fees: Decimal
    amountout: Decimal
    transid: str


class InvoiceRecord(msgspec.Struct, kw_only=True):
    id: int
    client_id: int
    date: dt.date
    duedate: dt.date
    status: str  # Draft, Unpaid, Paid, Cancelled, Refunded, Collections, Payment Pending
    paymentmethod: str
    created_at: dt.datetime
    updated_at: dt.datetime
    taxrate: Decimal = Decimal("10.000")
    taxrate2: Decimal = Decimal("0.000")
    credit: Decimal = Decimal("0.00")
    invoicenum: str = ""
    datepaid: dt.datetime | None = None
    date_cancelled: dt.datetime | None = None
    date_refunded: dt.datetime | None = None
    last_capture_attempt: dt.datetime | None = None
    notes: str = ""
    items: list[InvoiceItemRecord] = msgspec.field(default_factory=list)
    transactions: list[TransactionRecord] = msgspec.field(default_factory=list)


class CreditRecord(msgspec.Struct, kw_only=True):
    """One AddCredit: money held on the client's account, applied to later invoices."""

    id: int
    client_id: int
    date: dt.date
    description: str
    amount: Decimal


class SsoTokenRecord(msgspec.Struct, kw_only=True):
    token: str
    client_id: int
    user_id: int
    redirect_path: str
    expires_at: dt.datetime
    used: bool = False


class CancelRequestRecord(msgspec.Struct, kw_only=True):
    """One AddCancelRequest (tblcancelrequests): at most one per service; the API cannot delete it."""

    id: int
    relid: int  # the service
    date: dt.datetime
    reason: str
    type: str  # Immediate | End of Billing Period
