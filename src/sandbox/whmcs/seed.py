"""The demo world as the WHMCS emulator holds it: fixed client ids, logins and billing history.

Tests import the constants here instead of repeating the facts (ids, emails, passwords, field ids).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from sandbox.whmcs import operations
from sandbox.whmcs.config import DEFAULT_IDENTIFIER, DEFAULT_SECRET
from sandbox.whmcs.records import (
    ClientRecord,
    OrderRecord,
    PayMethodRecord,
    ServiceRecord,
    TransactionRecord,
    UserRecord,
)
from sandbox.whmcs.seed_catalog import (
    CATALOG,
    PID_BY_SKU,
    SIM_PLAN_PIDS,
    SKU_BY_PID,
    product_record,
    service_field_id,
)
from sandbox.whmcs.seed_clients import (
    AIKO,
    CUSTOMER_NUMBER_FIELD_ID,
    DAICHI,
    DEMO_CLIENTS,
    HANAKO,
    KENJI,
    MEI,
    REN,
    SOTA,
    DemoClient,
)
from sandbox.whmcs.state import WhmcsState

SANDBOX_IDENTIFIER = DEFAULT_IDENTIFIER
SANDBOX_SECRET = DEFAULT_SECRET
GATEWAYS = {"stripe": "Credit Card", "banktransfer": "Bank Transfer"}


HANAKO_INTERNET_SERVICE_ID = 1  # Home 1G Pro, pid 112
HANAKO_SIM_SERVICE_ID = 2  # SIM 10GB Voice, pid 204
HANAKO_MSISDN = "08012345678"
HANAKO_SIM_SERIAL = "AX1000000000001"
HANAKO_INVOICES = {"Refunded": 1, "Paid": 2, "Paid (recent)": 3, "Cancelled": 4, "Overdue": 5, "Unpaid": 6}


def seed_state(state: WhmcsState) -> None:
    """Replace whatever the state holds with the demo world, dated relative to the state's clock."""
    with state.quiet():
        _seed(state)


def _seed(state: WhmcsState) -> None:
    state.reset()
    state.gateways.update(GATEWAYS)
    for entry in CATALOG:
        state.products[entry.pid] = product_record(entry)
    for demo in DEMO_CLIENTS:
        _add_demo_client(state, demo)
    state.bump_ids("client", max(c.client_id for c in DEMO_CLIENTS))
    state.bump_ids("user", max(c.client_id for c in DEMO_CLIENTS))
    _add_services(state)
    _add_invoices(state)


def _add_demo_client(state: WhmcsState, demo: DemoClient) -> None:
    now = state.local_now()
    state.users[demo.client_id] = UserRecord(
        id=demo.client_id,
        firstname=demo.first_name,
        lastname=demo.last_name,
        email=demo.email,
        password=demo.password,
        datecreated=now - timedelta(days=200),
        two_factor=demo.two_factor,
        client_ids=[demo.client_id],
    )
    state.clients[demo.client_id] = ClientRecord(
        id=demo.client_id,
        uuid=state.new_uuid(),
        owner_user_id=demo.client_id,
        firstname=demo.first_name,
        lastname=demo.last_name,
        email=demo.email,
        address1=demo.address1,
        city=demo.city,
        state=demo.state,
        postcode=demo.postcode,
        country="JP",
        phonenumber=demo.phone,
        datecreated=(now - timedelta(days=200)).date(),
        defaultgateway="banktransfer" if demo.bank_name else "stripe",
        email_verified=True,
        custom_fields={CUSTOMER_NUMBER_FIELD_ID: demo.customer_number},
    )
    if demo.card is not None:
        card_type, last_four, expiry = demo.card
        method_id = state.next_id("paymethod")
        state.pay_methods[method_id] = PayMethodRecord(
            id=method_id,
            client_id=demo.client_id,
            type="RemoteCreditCard",
            gateway_name="stripe",
            last_updated=now - timedelta(days=150),
            card_type=card_type,
            card_last_four=last_four,
            expiry_date=expiry,
            remote_token=f'{{"customer":"cus_demo{demo.client_id}","method":"pm_demo{method_id}"}}',
        )
    elif demo.bank_name is not None:
        method_id = state.next_id("paymethod")
        state.pay_methods[method_id] = PayMethodRecord(
            id=method_id,
            client_id=demo.client_id,
            type="BankAccount",
            gateway_name="banktransfer",
            last_updated=now - timedelta(days=150),
            bank_name=demo.bank_name,
            description="Salary account",
        )


def _service(state: WhmcsState, client_id: int, order_id: int, pid: int, fields: dict[str, str]) -> ServiceRecord:
    today = state.today()
    price = state.products[pid].pricing["monthly"]
    service = ServiceRecord(
        id=state.next_id("service"),
        client_id=client_id,
        order_id=order_id,
        pid=pid,
        regdate=today - timedelta(days=120),
        nextduedate=today + timedelta(days=12),
        billingcycle="Monthly",
        status="Active",
        firstpaymentamount=price,
        recurringamount=price,
        paymentmethod="stripe",
        custom_fields={service_field_id(pid, name): value for name, value in fields.items()},
    )
    state.services[service.id] = service
    return service


def _add_services(state: WhmcsState) -> None:
    placed = state.local_now() - timedelta(days=121)
    for client_id, plans in ((HANAKO.client_id, (112, 204)), (KENJI.client_id, (301,)), (AIKO.client_id, (206,))):
        order = OrderRecord(
            id=state.next_id("order"),
            ordernum=f"{4_100_000_000 + client_id}",
            client_id=client_id,
            date=placed,
            status="Active",
            paymentmethod="stripe",
            amount=Decimal("0.00"),
            invoice_id=0,
            service_ids=[],
        )
        for pid in plans:
            sim = {"SIM Number": HANAKO_MSISDN, "Serial Number": HANAKO_SIM_SERIAL} if pid == 204 else {}
            service = _service(state, client_id, order.id, pid, sim)
            order.service_ids.append(service.id)
            order.amount += service.firstpaymentamount
        state.orders[order.id] = order


def _add_invoices(state: WhmcsState) -> None:
    today = state.today()
    monthly = [
        ("Hosting", 1, "Internet - Home 1G Pro", Decimal("6300.00"), True),
        ("Hosting", 2, "SIM - SIM 10GB Voice", Decimal("2480.00"), True),
    ]
    plan = (  # (days ago issued, status) for Hanako, oldest first so ids follow HANAKO_INVOICES
        (100, "Refunded"),
        (70, "Paid"),
        (40, "Paid"),
        (20, "Cancelled"),
        (12, "Overdue"),
        (2, "Unpaid"),
    )
    for days_ago, status in plan:
        items = [("", 0, "Weekend installation", Decimal("3000.00"), True)] if status == "Cancelled" else monthly
        invoice = operations.new_invoice(
            state,
            client_id=HANAKO.client_id,
            items=items,
            paymentmethod="stripe",
            invoice_date=today - timedelta(days=days_ago),
            duedate=today - timedelta(days=days_ago - 7),
            status="Unpaid",
        )
        if status in ("Paid", "Refunded"):
            operations.mark_invoice_paid(state, invoice)
            invoice.datepaid = datetime.combine(invoice.date + timedelta(days=1), time(10, 30))
            invoice.transactions[0].date = invoice.datepaid
        if status == "Refunded":
            paid = invoice.transactions[0]
            invoice.transactions.append(
                TransactionRecord(
                    id=state.next_id("transaction"),
                    gateway="stripe",
                    date=paid.date + timedelta(days=3),
                    description=f"Refund of Invoice #{invoice.id}",
                    amountin=Decimal("0.00"),
                    fees=Decimal("0.00"),
                    amountout=paid.amountin,
                    transid=f"re_demo{invoice.id}",
                )
            )
            invoice.status = "Refunded"
            invoice.date_refunded = paid.date + timedelta(days=3)
        if status == "Cancelled":
            operations.cancel_invoice(state, invoice)
    for client_id, pid, price in ((KENJI.client_id, 301, "1200.00"), (SOTA.client_id, 0, "5800.00")):
        description = "VPN - VPN USA (San Francisco)" if pid else "Internet - Home 1G Standard (first month)"
        invoice = operations.new_invoice(
            state,
            client_id=client_id,
            items=[("", 0, description, Decimal(price), True)],
            paymentmethod="stripe",
            invoice_date=today - timedelta(days=10),
            duedate=today + timedelta(days=4),
        )
        if pid:
            operations.mark_invoice_paid(state, invoice)


__all__ = [
    "AIKO",
    "CATALOG",
    "CUSTOMER_NUMBER_FIELD_ID",
    "DAICHI",
    "DEMO_CLIENTS",
    "GATEWAYS",
    "HANAKO",
    "HANAKO_INTERNET_SERVICE_ID",
    "HANAKO_INVOICES",
    "HANAKO_MSISDN",
    "HANAKO_SIM_SERIAL",
    "HANAKO_SIM_SERVICE_ID",
    "KENJI",
    "MEI",
    "PID_BY_SKU",
    "REN",
    "SANDBOX_IDENTIFIER",
    "SANDBOX_SECRET",
    "SIM_PLAN_PIDS",
    "SKU_BY_PID",
    "SOTA",
    "DemoClient",
    "seed_state",
    "service_field_id",
]  # fmt: skip
