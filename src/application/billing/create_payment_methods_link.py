"""A single-use WHMCS sign-in link to the page where the customer adds or removes cards. Never cached."""

from __future__ import annotations

from typing import ClassVar

from application.errors import Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES, BillingUnavailableError, reported_as
from application.ports.billing.payment_links import PaymentLinks, SsoLink


class CreatePaymentMethodsLink:
    raises: ClassVar[Raises] = BILLING_OUTAGES

    def __init__(self, links: PaymentLinks) -> None:
        self._links = links

    async def execute(self, customer: LinkedCustomer) -> SsoLink:
        with reported_as(BillingUnavailableError):
            return await self._links.create_payment_methods_sso_link(customer.whmcs_client_id)
