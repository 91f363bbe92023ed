"""The checkout rules that depend on who is buying (portal-domain §6)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.orders.cart import Cart, OrderKind
from domain.orders.errors import (
    FamilyDiscountNotAvailableError,
    IdVerificationRequiredError,
    InternetNotEligibleError,
    InternetServiceExistsError,
)

ELIGIBLE = "Eligible"
VERIFIED = "Verified"


@dataclass(frozen=True, slots=True)
class BillingService:
    name: str
    group: str
    status: str

    @property
    def active(self) -> bool:
        return self.status.casefold() == "active"

    @property
    def is_internet(self) -> bool:
        """The billing group says so, or the original's name rule does ("internet", "sonixnet", NTT fiber)."""
        name = self.name.casefold()
        named = "internet" in name or "sonixnet" in name or ("ntt" in name and "fiber" in name)
        return self.group.casefold() == "internet" or named

    @property
    def is_sim(self) -> bool:
        return self.group.casefold() == "sim" or self.name.casefold().startswith("sim ")


@dataclass(frozen=True, slots=True)
class CustomerFacts:
    eligibility_status: str | None
    eligible_offering: str | None
    id_verification: str | None
    services: tuple[BillingService, ...]

    @property
    def has_active_internet(self) -> bool:
        return any(s.active and s.is_internet for s in self.services)

    @property
    def has_active_sim(self) -> bool:
        return any(s.active and s.is_sim for s in self.services)


def check_customer(cart: Cart, facts: CustomerFacts) -> None:
    plan = cart.plan.offer
    if cart.kind is OrderKind.INTERNET:
        offering = plan.internet_offering_type
        eligible = facts.eligibility_status == ELIGIBLE and bool(facts.eligible_offering) and bool(offering)
        if not eligible or (offering or "").casefold() != (facts.eligible_offering or "").casefold():
            raise InternetNotEligibleError(
                "Your address is not eligible for this Internet plan. Check availability first.", field="items"
            )
        if facts.has_active_internet:
            raise InternetServiceExistsError("You already have an active Internet service.", field="items")
    if cart.kind is OrderKind.SIM:
        if facts.id_verification != VERIFIED:
            raise IdVerificationRequiredError("A SIM order needs your verified ID (residence card).")
        if plan.sim_family_discount and not facts.has_active_sim:
            raise FamilyDiscountNotAvailableError(
                "Family-discount plans are for customers who already have an active SIM.", field=cart.plan.field
            )
