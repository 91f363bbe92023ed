"""One of the customer's invoices with its lines, tax and payments; someone else's is simply not found."""

from __future__ import annotations

from typing import ClassVar

from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads
from application.errors import NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES, BillingUnavailableError, reported_as
from application.ports.billing.invoices import BillingInvoices, Invoice

INVOICE_NOT_FOUND = "Invoice not found."


class GetInvoice:
    raises: ClassVar[Raises] = (NotFoundError, *BILLING_OUTAGES)

    def __init__(self, invoices: BillingInvoices, reads: CachedReads) -> None:
        self._invoices = invoices
        self._reads = reads

    async def execute(self, customer: LinkedCustomer, invoice_id: int) -> Invoice:
        if invoice_id <= 0:
            raise NotFoundError(INVOICE_NOT_FOUND)
        keys = BillingKeys(customer.cache_scope)
        try:
            with reported_as(BillingUnavailableError):
                # The key is the caller's own: an entry exists only after WHMCS confirmed the invoice is theirs.
                return await self._reads.read(
                    keys.invoice(invoice_id),
                    Invoice,
                    lambda: self._invoices.get_invoice(customer.whmcs_client_id, invoice_id),
                    fence=keys.fence,
                )
        except NotFoundError as error:
            raise NotFoundError(INVOICE_NOT_FOUND) from error
