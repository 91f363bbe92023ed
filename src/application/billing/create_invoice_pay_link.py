"""A single-use WHMCS sign-in link that lands on one of the customer's invoices, ready to pay. Never cached."""

from __future__ import annotations

from typing import ClassVar

from application.billing.get_invoice import INVOICE_NOT_FOUND
from application.errors import NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES, BillingUnavailableError, reported_as
from application.ports.billing.payment_links import PaymentLinks, SsoLink


class CreateInvoicePayLink:
    raises: ClassVar[Raises] = (NotFoundError, *BILLING_OUTAGES)

    def __init__(self, links: PaymentLinks) -> None:
        self._links = links

    async def execute(self, customer: LinkedCustomer, invoice_id: int) -> SsoLink:
        if invoice_id <= 0:
            raise NotFoundError(INVOICE_NOT_FOUND)
        try:
            with reported_as(BillingUnavailableError):
                return await self._links.create_invoice_sso_link(customer.whmcs_client_id, invoice_id)
        except NotFoundError as error:
            raise NotFoundError(INVOICE_NOT_FOUND) from error
