"""WHMCS documents (already decoded JSON) to port DTOs, through the normaliser only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from adapters.whmcs import normalise as n
from application.ports.billing.clients import ClientProfile
from application.ports.billing.orders import BillingOrder, BillingOrderLine
from application.ports.billing.payment_methods import PaymentGateway, PayMethod
from application.ports.billing.products import CatalogProduct
from application.ports.billing.services import Service
from application.ports.billing.values import CustomFieldValue, PostalAddress

_CYCLES = ("monthly", "quarterly", "semiannually", "annually", "biennially", "triennially")
_SETUP = dict(zip(_CYCLES, ("msetupfee", "qsetupfee", "ssetupfee", "asetupfee", "bsetupfee", "tsetupfee"), strict=True))


def client_profile(doc: dict[str, Any], customer_number_field_id: int) -> ClientProfile:
    fields = tuple(
        CustomFieldValue(id=n.to_int(f["id"]), value=n.text(f.get("value")))
        for f in n.items(doc.get("customfields"), "customfield")
    )
    number = next((f.value for f in fields if f.id == customer_number_field_id and f.value), None)
    return ClientProfile(
        id=n.to_int(doc.get("client_id") or doc["id"]),
        owner_user_id=n.to_optional_int(doc.get("owner_user_id")),
        first_name=n.text(doc.get("firstname")),
        last_name=n.text(doc.get("lastname")),
        company_name=n.text(doc.get("companyname")),
        email=n.text(doc.get("email")),
        phone=n.text(doc.get("phonenumber")),
        address=PostalAddress(
            address1=n.text(doc.get("address1")),
            address2=n.text(doc.get("address2")),
            city=n.text(doc.get("city")),
            state=n.text(doc.get("state")),
            postcode=n.text(doc.get("postcode")),
            country=n.text(doc.get("countrycode") or doc.get("country")),
        ),
        status=n.text(doc.get("status")),
        currency_code=n.text(doc.get("currency_code")),
        customer_number=number,
        custom_fields=fields,
    )


def pay_method(doc: dict[str, Any]) -> PayMethod:
    def optional(key: str) -> str | None:
        return n.text(doc[key]) or None if key in doc else None

    return PayMethod(
        id=n.to_int(doc["id"]),
        type=n.text(doc.get("type")),
        description=n.text(doc.get("description")),
        gateway=n.text(doc.get("gateway_name")),
        card_type=optional("card_type"),
        card_last_four=optional("card_last_four"),
        expiry=optional("expiry_date"),
        bank_name=optional("bank_name"),
    )  # remote_token is deliberately never read: it is a gateway credential


def gateway(doc: dict[str, Any]) -> PaymentGateway:
    return PaymentGateway(module=n.text(doc.get("module")), display_name=n.text(doc.get("displayname")))


def service(doc: dict[str, Any]) -> Service:
    return Service(
        id=n.to_int(doc["id"]),
        client_id=n.to_int(doc["clientid"]),
        order_id=n.to_int(doc.get("orderid") or 0),
        product_id=n.to_int(doc["pid"]),
        name=n.text(doc.get("translated_name") or doc.get("name")),
        group_name=n.text(doc.get("translated_groupname") or doc.get("groupname")),
        status=n.text(doc.get("status")),
        billing_cycle=n.text(doc.get("billingcycle")),
        first_payment_amount=n.to_decimal(doc.get("firstpaymentamount")),
        recurring_amount=n.to_decimal(doc.get("recurringamount")),
        registration_date=n.to_date(doc.get("regdate")),
        next_due_date=n.to_date(doc.get("nextduedate")),
        payment_method=n.text(doc.get("paymentmethod")),
        domain=n.text(doc.get("domain")),
        custom_fields=tuple(
            CustomFieldValue(id=n.to_int(f["id"]), name=n.text(f.get("name")), value=n.text(f.get("value")))
            for f in n.items(doc.get("customfields"), "customfield")
        ),
    )


def product(doc: dict[str, Any]) -> CatalogProduct:
    pricing: dict[str, dict[str, Any]] = doc.get("pricing") or {}
    currency_code, prices = next(iter(pricing.items()), ("", {}))

    def enabled(keys: dict[str, str]) -> dict[str, Decimal]:
        values = {cycle: n.to_decimal(prices.get(key)) for cycle, key in keys.items() if key in prices}
        return {cycle: value for cycle, value in values.items() if value >= 0}  # -1.00 marks a disabled cycle

    one_time = n.text(doc.get("paytype")) == "onetime"  # WHMCS keeps a one-time price in `monthly`
    cycle_prices = enabled({"monthly": "monthly"} if one_time else {c: c for c in _CYCLES})
    setup = enabled({"monthly": "msetupfee"} if one_time else _SETUP)
    if one_time:
        cycle_prices = {"onetime": cycle_prices["monthly"]} if "monthly" in cycle_prices else {}
        setup = {"onetime": setup["monthly"]} if "monthly" in setup else {}
    return CatalogProduct(
        id=n.to_int(doc["pid"]),
        group_id=n.to_int(doc.get("gid") or 0),
        name=n.text(doc.get("name")),
        description=str(doc.get("description") or ""),  # real HTML: not unescaped
        pay_type=n.text(doc.get("paytype")),
        prices=cycle_prices,
        setup_fees=setup,
        currency_code=currency_code,
        custom_fields=tuple(
            CustomFieldValue(id=n.to_int(f["id"]), name=n.text(f.get("name")), value="")
            for f in n.items(doc.get("customfields"), "customfield")
        ),
    )


def order(doc: dict[str, Any], zone: ZoneInfo) -> BillingOrder:
    placed_at = n.to_datetime(doc.get("date"), zone)
    assert placed_at is not None, "WHMCS orders always have a date"
    return BillingOrder(
        id=n.to_int(doc["id"]),
        number=n.text(doc.get("ordernum")),
        client_id=n.to_int(doc["userid"]),
        placed_at=placed_at,
        status=n.text(doc.get("status")),
        payment_method=n.text(doc.get("paymentmethod")),
        invoice_id=n.to_optional_int(doc.get("invoiceid")),
        amount=n.to_decimal(doc.get("amount")),
        lines=tuple(
            BillingOrderLine(
                type=n.text(line.get("type")),
                service_id=n.to_optional_int(line.get("relid")),
                product_name=n.text(line.get("product")),
                billing_cycle=n.text(line.get("billingcycle")),
                status=n.text(line.get("status")),
            )  # `amount` is a display string ("¥6,300 JPY"): left out rather than parsed
            for line in n.items(doc.get("lineitems"), "lineitem")
        ),
    )
