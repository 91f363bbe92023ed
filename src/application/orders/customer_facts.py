"""The facts about the buyer the checkout rules need, fetched only when the cart needs them (in parallel)."""

from __future__ import annotations

import asyncio

from application.identity.linked_customer import LinkedCustomer
from application.ports.billing.services import BillingServices
from application.ports.eligibility_records import EligibilityRecords
from application.verification.verification_read_model import VerificationReadModel
from domain.orders.cart import Cart, OrderKind
from domain.orders.customer_rules import BillingService, CustomerFacts
from domain.orders.offer import Offer


class CustomerFactsReader:
    def __init__(
        self, services: BillingServices, verification: VerificationReadModel, eligibility: EligibilityRecords
    ) -> None:
        self._services = services
        self._verification = verification
        self._eligibility = eligibility

    async def read(self, customer: LinkedCustomer, cart: Cart[Offer]) -> CustomerFacts:
        internet = cart.kind is OrderKind.INTERNET
        sim = cart.kind is OrderKind.SIM
        needs_services = internet or (sim and cart.plan.offer.sim_family_discount)

        async def services() -> tuple[BillingService, ...]:
            if not needs_services:
                return ()
            found = await self._services.list_services(customer.whmcs_client_id)
            return tuple(BillingService(name=s.name, group=s.group_name, status=s.status) for s in found)

        async def eligibility() -> tuple[str | None, str | None]:
            if not internet:
                return None, None
            record = await self._eligibility.get_eligibility(customer.sf_account_id)
            return record.status, record.offering_type

        async def verification() -> str | None:
            # From the read model the decision's event refreshes (a CRM outage with no stored copy is a 503).
            return (await self._verification.get(customer.sf_account_id)).status if sim else None

        found_services, (status, offering), verified = await asyncio.gather(services(), eligibility(), verification())
        return CustomerFacts(
            eligibility_status=status, eligible_offering=offering, id_verification=verified, services=found_services
        )
