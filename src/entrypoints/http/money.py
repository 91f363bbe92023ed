"""Money and rates on the wire: one shape for every amount, one for every rate, in every response.

- **Money** is `{"amount": "4800.00", "currency": "JPY"}`: the amount a decimal string with exactly two decimals
  (never a JSON number, which a JavaScript client would read as a binary float), the currency its ISO 4217 code.
  Two decimals for every currency, JPY included, although JPY has no minor unit: WHMCS, the billing system of
  record, keeps every amount at two decimals in every currency, and tax on a taxed line of ¥1,234 is ¥123.40 there.
  A smaller scale for JPY would round amounts an invoice holds (and make its lines stop adding up to its total); a
  larger one would claim a precision no system of ours has. Clients format with the currency's own digits
  (`Intl.NumberFormat("ja-JP", {style: "currency", currency: "JPY"})` shows ¥4,800 and ¥123).
- **Rates** are percentages as decimal strings, in fields named `...Percent` (`taxRatePercent: "10"`): how Japanese
  consumption tax is stated (10 %, 8 % reduced) and how WHMCS keeps it; never a fraction.

Convert with `money()` and `percent()`; `tests/unit/http/test_http_conventions.py` fails on any `Decimal` a
response would carry outside these two.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

import msgspec

SCALE = Decimal("0.01")
AMOUNT_PATTERN = r"^-?[0-9]+\.[0-9]{2}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
PERCENT_PATTERN = r"^[0-9]{1,3}(\.[0-9]{1,3})?$"

Amount = Annotated[
    str,
    msgspec.Meta(
        pattern=AMOUNT_PATTERN,
        description="Decimal string with exactly two decimals, in every currency (JPY included).",
        examples=["4800.00"],
    ),
]
CurrencyCode = Annotated[str, msgspec.Meta(pattern=CURRENCY_PATTERN, description="ISO 4217 code.", examples=["JPY"])]
Percent = Annotated[
    str,
    msgspec.Meta(
        pattern=PERCENT_PATTERN,
        description='A percentage as a decimal string (10 % is "10"), never a fraction.',
        examples=["10"],
    ),
]


class Money(msgspec.Struct, frozen=True, kw_only=True):
    """An amount of money: a decimal string with two decimals and its currency."""

    amount: Amount
    currency: CurrencyCode


def money(amount: Decimal, currency: str) -> Money:
    """`amount` at two decimals (the systems of record keep no more, so this never rounds what they hold)."""
    return Money(amount=str(amount.quantize(SCALE, rounding=ROUND_HALF_UP)), currency=currency.upper())


def optional_money(amount: Decimal | None, currency: str) -> Money | None:
    return None if amount is None else money(amount, currency)


def percent(rate: Decimal) -> str:
    """A percentage as WHMCS keeps it ("10.000" → "10", "8.5" stays): no trailing zeros, no exponent."""
    normalised = rate.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP).normalize()
    return f"{normalised:f}"


def percent_of_fraction(rate: Decimal) -> str:
    """A rate kept as a fraction (0.10) as the percentage the wire shows ("10")."""
    return percent(rate * 100)
