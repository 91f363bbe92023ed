"""The customer's invoices, newest first, optionally of one status (Overdue included), a page at a time."""

from __future__ import annotations

from typing import ClassVar

from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads
from application.errors import Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES, BillingUnavailableError, reported_as
from application.ports.billing.invoices import BillingInvoices, InvoicePage, InvoiceStatus

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 25


class ListInvoices:
    raises: ClassVar[Raises] = BILLING_OUTAGES

    def __init__(self, invoices: BillingInvoices, reads: CachedReads) -> None:
        self._invoices = invoices
        self._reads = reads

    async def execute(
        self,
        customer: LinkedCustomer,
        *,
        status: InvoiceStatus | None = None,
        offset: int = 0,
        limit: int = DEFAULT_PAGE_SIZE,
    ) -> InvoicePage:
        offset, limit = max(offset, 0), min(max(limit, 1), MAX_PAGE_SIZE)
        keys = BillingKeys(customer.cache_scope)

        async def load() -> InvoicePage:
            return await self._invoices.list_invoices(
                customer.whmcs_client_id, status=status, offset=offset, limit=limit
            )

        with reported_as(BillingUnavailableError):
            if status is None and offset == 0 and limit == DEFAULT_PAGE_SIZE:
                return await self._reads.read(keys.invoice_first_page, InvoicePage, load, fence=keys.fence)
            generation = await self._reads.generation(keys.invoice_list_generation)
            return await self._reads.read(
                keys.invoice_page(generation, status, offset, limit), InvoicePage, load, fence=keys.fence
            )
