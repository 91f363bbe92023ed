"""The checkout rules that depend on who is buying (portal-domain §6)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.catalog.offers import internet_plan_offered, is_active, is_internet_service, is_sim_service
from domain.orders.cart import Cart, OrderKind
from domain.orders.errors import (
    FamilyDiscountNotAvailableError,
    IdVerificationRequiredError,
    InternetNotEligibleError,
    InternetServiceExistsError,
)
from domain.orders.offer import Offer

VERIFIED = "Verified"


@dataclass(frozen=True, slots=True)
class BillingService:
    name: str
    group: str
    status: str

    @property
    def active(self) -> bool:
        return is_active(self.status)

    @property
    def is_internet(self) -> bool:
        return is_internet_service(self.name, self.group)

    @property
    def is_sim(self) -> bool:
        return is_sim_service(self.name, self.group)


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


def check_customer(cart: Cart[Offer], facts: CustomerFacts) -> None:
    plan = cart.plan.offer
    if cart.kind is OrderKind.INTERNET:
        if not internet_plan_offered(
            plan.internet_offering_type, facts.eligibility_status or "", facts.eligible_offering
        ):
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
