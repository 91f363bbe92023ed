"""What a cart may hold: one plan of the order's kind, its required fees and installation, compatible add-ons.

Pure rules over catalog facts (`Offer`); the customer-dependent ones live in `customer_rules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from domain.orders.errors import (
    ActivationFeeDuplicatedError,
    ActivationFeeMissingError,
    AddOnExclusiveError,
    AddOnNotAllowedError,
    AddOnRequiresProductError,
    InstallationRequiredError,
    InvalidQuantityError,
    OrderTypeMismatchError,
    PlanRequiredError,
    SkuNotOrderableError,
)
from domain.orders.offer import Offer

MAX_QUANTITY = 10
SERVICE, INSTALLATION, ADD_ON, ACTIVATION = "Service", "Installation", "Add-on", "Activation"
WEEKEND_SUFFIX = "-WEEKEND"  # the weekend surcharge is an option on top of the one installation choice


class OrderKind(StrEnum):
    INTERNET = "Internet"
    SIM = "SIM"
    VPN = "VPN"


OfferT_co = TypeVar("OfferT_co", bound=Offer, covariant=True)


@dataclass(frozen=True, slots=True)
class CartLine(Generic[OfferT_co]):
    offer: OfferT_co
    quantity: int
    position: int  # in the request's `items`, for field errors

    @property
    def field(self) -> str:
        return f"items[{self.position}]"


@dataclass(frozen=True, slots=True)
class Cart(Generic[OfferT_co]):
    """A cart every rule passed, holding the caller's own offers (so it can price them without a lookup)."""

    kind: OrderKind
    lines: tuple[CartLine[OfferT_co], ...]
    plan: CartLine[OfferT_co]

    @property
    def skus(self) -> frozenset[str]:
        return frozenset(line.offer.sku for line in self.lines)

    def has(self, sku: str) -> bool:
        return sku in self.skus

    def of_class(self, item_class: str) -> tuple[CartLine[OfferT_co], ...]:
        return tuple(line for line in self.lines if line.offer.item_class == item_class)


OfferT = TypeVar("OfferT", bound=Offer)


def check_cart(kind: OrderKind, lines: Sequence[CartLine[OfferT]]) -> Cart[OfferT]:
    if not lines:
        raise PlanRequiredError("Choose a plan to order.", field="items")
    _check_lines(kind, lines)
    plans = [line for line in lines if line.offer.item_class == SERVICE]
    if len(plans) != 1:
        raise PlanRequiredError(f"An {kind.value} order holds exactly one plan.", field="items")
    cart = Cart(kind=kind, lines=tuple(lines), plan=plans[0])
    if plans[0].quantity != 1:
        raise InvalidQuantityError("Order one plan at a time.", field=f"{plans[0].field}.quantity")
    if kind in (OrderKind.SIM, OrderKind.VPN):
        _check_activation_fee(cart)
    if kind is OrderKind.INTERNET:
        _check_installation(cart)
    _check_add_ons(cart)
    return cart


def _check_lines(kind: OrderKind, lines: Sequence[CartLine[Offer]]) -> None:
    seen: set[str] = set()
    for line in lines:
        if not line.offer.orderable:
            raise SkuNotOrderableError(f"{line.offer.sku} cannot be ordered.", field=f"{line.field}.sku")
        if line.offer.sku in seen:
            raise InvalidQuantityError(f"{line.offer.sku} is listed twice.", field=f"{line.field}.sku")
        seen.add(line.offer.sku)
        if not 1 <= line.quantity <= MAX_QUANTITY:
            raise InvalidQuantityError(f"Quantity must be 1 to {MAX_QUANTITY}.", field=f"{line.field}.quantity")
        if line.offer.category != kind.value:
            raise OrderTypeMismatchError(
                f"{line.offer.sku} is not part of an {kind.value} order.", field=f"{line.field}.sku"
            )


def _check_activation_fee(cart: Cart[Offer]) -> None:
    fees = cart.of_class(ACTIVATION)
    if not fees:
        raise ActivationFeeMissingError(f"An {cart.kind.value} order includes its activation fee.", field="items")
    if len(fees) > 1 or fees[0].quantity != 1:
        raise ActivationFeeDuplicatedError(
            f"An {cart.kind.value} order includes its activation fee exactly once.", field=fees[-1].field
        )


def _check_installation(cart: Cart[Offer]) -> None:
    choices = [line for line in cart.of_class(INSTALLATION) if not line.offer.sku.endswith(WEEKEND_SUFFIX)]
    if len(choices) != 1 or choices[0].quantity != 1:
        raise InstallationRequiredError("Choose exactly one way to pay for the installation.", field="items")


def _check_add_ons(cart: Cart[Offer]) -> None:
    for line in cart.lines:
        offer = line.offer
        for needed in (*offer.required_skus, *offer.dependent_skus):
            if not cart.has(needed):
                raise AddOnRequiresProductError(f"{offer.sku} needs {needed} in the same order.", field=line.field)
        for excluded in offer.exclusive_skus:
            if cart.has(excluded):
                raise AddOnExclusiveError(f"{offer.sku} cannot be ordered with {excluded}.", field=line.field)
        if offer.eligibility_condition and not condition_holds(offer.eligibility_condition, cart.plan.offer):
            raise AddOnNotAllowedError(f"{offer.sku} is not available with this plan.", field=line.field)


def condition_holds(condition: str, plan: Offer) -> bool:
    """`Field = Value` on the plan's facts. A condition we cannot read is not met: never sell on a guess."""
    name, equals, value = condition.partition("=")
    actual = plan.product_field(name.strip()) if equals else None
    return actual is not None and actual.casefold() == value.strip().casefold()
