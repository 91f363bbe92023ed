"""One money format across every response: `Money` ({amount: "4800.00", currency: "JPY"}) and rates as percentages.

Both rules walk the whole app (route table and OpenAPI document), so a route added later is held to them the day it
is added.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entrypoints.http.money import AMOUNT_PATTERN, PERCENT_PATTERN, Money, money, percent, percent_of_fraction
from tests.unit.http.openapi_walk import (
    decimals_in,
    memory_app,
    openapi_document,
    resolve,
    response_types,
    route_handlers,
)

MONEY_NAMES = re.compile(r"(?:^|[a-z])(?:price|amount|fees|subtotal|total|tax|tax2|credit|balance)$", re.IGNORECASE)
NOT_MONEY = {("InvoicePageView", "total"), ("Money", "amount")}  # a count of invoices; Money's own amount
RATE_NAMES = re.compile(r"rate", re.IGNORECASE)


def test_no_response_carries_a_bare_decimal() -> None:
    """Every amount leaves through `Money` (or a rate through `Percent`): a `Decimal` field in any response type of
    any route fails here."""
    found = {
        f"{path} {handler.operation_id}: {place}"
        for path, handler in route_handlers(memory_app())
        for kind in response_types(handler)
        for place in decimals_in(kind)
    }
    assert found == set()


def _properties(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (name, prop, schema)
        for name, component in document["components"]["schemas"].items()
        for prop, schema in component.get("properties", {}).items()
    ]


def _refs(document: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    options = schema.get("oneOf") or schema.get("anyOf") or [schema]
    return {option["$ref"].rsplit("/", 1)[1] for option in options if "$ref" in option} - {"null"}


def test_every_money_named_field_of_the_document_is_money() -> None:
    document = openapi_document()
    wrong = {
        f"{name}.{prop}"
        for name, prop, schema in _properties(document)
        if MONEY_NAMES.search(prop) and schema.get("type") != "boolean"
        if (name, prop) not in NOT_MONEY and _refs(document, schema) != {"Money"}
    }
    assert wrong == set()


def test_money_has_one_schema_an_amount_with_two_decimals_and_a_currency_code() -> None:
    document = openapi_document()
    schema = resolve(document, {"$ref": "#/components/schemas/Money"})
    assert schema["required"] == ["amount", "currency"]
    assert schema["properties"]["amount"]["pattern"] == AMOUNT_PATTERN
    assert schema["properties"]["currency"]["pattern"] == "^[A-Z]{3}$"


def test_every_rate_is_a_percentage_named_so() -> None:
    document = openapi_document()
    rates = [(name, prop, schema) for name, prop, schema in _properties(document) if RATE_NAMES.search(prop)]
    assert rates, "the catalog and invoices carry tax rates"
    wrong = {f"{name}.{prop}" for name, prop, schema in rates if not prop.endswith("Percent")}
    wrong |= {f"{name}.{prop}" for name, prop, schema in rates if schema.get("pattern") != PERCENT_PATTERN}
    assert wrong == set()


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_money_keeps_every_amount_the_systems_of_record_hold(amount: Decimal) -> None:
    """Two decimals are what WHMCS keeps in every currency: no such amount is ever rounded."""
    wire = money(amount, "jpy")
    assert re.fullmatch(AMOUNT_PATTERN, wire.amount)
    assert Decimal(wire.amount) == amount
    assert wire.currency == "JPY"


@pytest.mark.parametrize(
    ("amount", "shown"), [(Decimal(4800), "4800.00"), (Decimal("9658.4"), "9658.40"), (Decimal("-0.5"), "-0.50")]
)
def test_amounts_are_written_with_exactly_two_decimals(amount: Decimal, shown: str) -> None:
    assert money(amount, "JPY") == Money(amount=shown, currency="JPY")


@pytest.mark.parametrize(
    ("rate", "shown"),
    [(Decimal("10.000"), "10"), (Decimal("8.000"), "8"), (Decimal("12.5"), "12.5"), (Decimal(0), "0")],
)
def test_percentages_are_plain_decimal_strings(rate: Decimal, shown: str) -> None:
    assert percent(rate) == shown
    assert re.fullmatch(PERCENT_PATTERN, shown)


def test_a_fraction_is_shown_as_its_percentage() -> None:
    assert percent_of_fraction(Decimal("0.10")) == "10"
