"""How the in-memory billing twin's world loads from the WHMCS emulator's state snapshot.

The snapshot (`/_sandbox/state`, or `sandbox.whmcs.snapshot.snapshot(state)`) is plain JSON-like data, so the
twin is seeded with exactly the emulator's demo world without production code importing the emulator.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from adapters.memory.billing_tables import TwinClient, TwinInvoice, TwinOrder, TwinService, TwinUser
from adapters.memory.billing_world import BillingTwinWorld
from application.ports.billing.invoices import InvoiceLine, InvoiceTransaction
from application.ports.billing.payment_methods import PaymentGateway, PayMethod
from application.ports.billing.products import CatalogProduct
from application.ports.billing.values import CustomFieldValue

_CLIENT_KEYS = "firstname lastname companyname email address1 address2 city state postcode country phonenumber status"
_CYCLES = ("monthly", "quarterly", "semiannually", "annually", "biennially", "triennially")
_SETUP = ("msetupfee", "qsetupfee", "ssetupfee", "asetupfee", "bsetupfee", "tsetupfee")


def _aware(value: str | None, zone: ZoneInfo) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value).replace(tzinfo=zone) if value else None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _fields(raw: dict[Any, str]) -> dict[int, str]:
    return {int(key): html.unescape(value) for key, value in raw.items()}


def load_snapshot(snapshot: dict[str, Any], world: BillingTwinWorld) -> None:
    """Fill an empty world with the snapshot's tables (dated in `world.zone`)."""
    zone = world.zone
    for row in snapshot["clients"]:
        values = {key: html.unescape(str(row.get(key, ""))) for key in _CLIENT_KEYS.split()}
        world.clients[row["id"]] = TwinClient(row["id"], row["owner_user_id"], values, _fields(row["custom_fields"]))
    for row in snapshot["users"]:
        password = row["password"]
        world.users[row["id"]] = TwinUser(row["id"], row["email"], password, row["two_factor"], list(row["client_ids"]))
    for row in snapshot["pay_methods"]:
        card = row["type"] in ("CreditCard", "RemoteCreditCard")
        method = PayMethod(
            id=row["id"],
            type=row["type"],
            description=html.unescape(row["description"]),
            gateway=row["gateway_name"],
            card_type=(row["card_type"] or None) if card else None,
            card_last_four=(row["card_last_four"] or None) if card else None,
            expiry=(row["expiry_date"] or None) if card else None,
            bank_name=None if card else (row["bank_name"] or None),
        )
        world.pay_methods[row["id"]] = (row["client_id"], method)
    world.gateways = [PaymentGateway(module=k, display_name=v) for k, v in snapshot["gateways"].items()]
    for row in snapshot["products"]:
        world.products[row["pid"]] = _product(row)
        world.product_groups[row["pid"]] = row["group_name"]
    for row in snapshot["services"]:
        world.services[row["id"]] = TwinService(
            id=row["id"],
            client_id=row["client_id"],
            order_id=row["order_id"],
            product_id=row["pid"],
            status=row["status"],
            billing_cycle=row["billingcycle"],
            first_payment=Decimal(row["firstpaymentamount"]),
            recurring=Decimal(row["recurringamount"]),
            registration_date=_day(row["regdate"]),
            next_due_date=_day(row["nextduedate"]),
            payment_method=row["paymentmethod"],
            custom_fields=_fields(row["custom_fields"]),
        )
    for row in snapshot["orders"]:
        placed = _aware(row["date"], zone)
        assert placed is not None
        world.orders[row["id"]] = TwinOrder(
            id=row["id"],
            number=row["ordernum"],
            client_id=row["client_id"],
            placed_at=placed,
            status=row["status"],
            payment_method=row["paymentmethod"],
            amount=Decimal(row["amount"]),
            invoice_id=row["invoice_id"] or None,
            service_ids=list(row["service_ids"]),
        )
    for row in snapshot["invoices"]:
        world.invoices[row["id"]] = _invoice(row, zone)
    for table, rows in (("client", world.clients), ("user", world.users), ("paymethod", world.pay_methods)):
        world.last_ids[table] = max(rows, default=0)
    for table, more in (("service", world.services), ("order", world.orders), ("invoice", world.invoices)):
        world.last_ids[table] = max(more, default=0)
    items = [line.id for inv in world.invoices.values() for line in inv.lines]
    world.last_ids["invoiceitem"] = max(items, default=0)
    payments = [t.id for inv in world.invoices.values() for t in inv.transactions]
    world.last_ids["transaction"] = max(payments, default=0)


def _product(row: dict[str, Any]) -> CatalogProduct:
    pricing = {key: Decimal(value) for key, value in row["pricing"].items()}
    one_time = row["paytype"] == "onetime"
    if one_time:
        prices = {"onetime": pricing["monthly"]} if pricing.get("monthly", -1) >= 0 else {}
        setup = {"onetime": pricing["msetupfee"]} if pricing.get("msetupfee", -1) >= 0 else {}
    else:
        prices = {c: pricing[c] for c in _CYCLES if pricing.get(c, -1) >= 0}
        setup = {c: pricing[s] for c, s in zip(_CYCLES, _SETUP, strict=True) if pricing.get(s, -1) >= 0}
    return CatalogProduct(
        id=row["pid"],
        group_id=row["gid"],
        name=html.unescape(row["name"]),
        description=row["description"],
        pay_type=row["paytype"],
        prices=prices,
        setup_fees=setup,
        currency_code="JPY",
        custom_fields=tuple(
            CustomFieldValue(id=int(fid), name=name, value="") for fid, name in sorted(row["custom_fields"].items())
        ),
    )


def _invoice(row: dict[str, Any], zone: ZoneInfo) -> TwinInvoice:
    issued, due = _day(row["date"]), _day(row["duedate"])
    assert issued is not None
    assert due is not None
    transactions = []
    for t in row["transactions"]:
        when = _aware(t["date"], zone)
        assert when is not None
        transactions.append(
            InvoiceTransaction(
                id=t["id"],
                gateway=t["gateway"],
                date=when,
                description=html.unescape(t["description"]),
                amount_in=Decimal(t["amountin"]),
                fees=Decimal(t["fees"]),
                amount_out=Decimal(t["amountout"]),
                transaction_id=t["transid"],
            )
        )
    return TwinInvoice(
        id=row["id"],
        client_id=row["client_id"],
        status=row["status"],
        date=issued,
        due_date=due,
        paid_at=_aware(row["datepaid"], zone),
        tax_rate=Decimal(row["taxrate"]),
        credit=Decimal(row["credit"]),
        payment_method=row["paymentmethod"],
        notes=html.unescape(row["notes"]),
        lines=[
            InvoiceLine(
                id=i["id"],
                type=i["type"],
                related_id=i["relid"] or None,
                description=html.unescape(i["description"]),
                amount=Decimal(i["amount"]),
                taxed=i["taxed"],
            )
            for i in row["items"]
        ],
        transactions=transactions,
    )
