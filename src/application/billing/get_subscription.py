"""One of the customer's subscriptions, with the recent invoices that billed it; someone else's is not found."""

from __future__ import annotations

import asyncio
from typing import ClassVar

import msgspec

from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads
from application.billing.get_billing_profile import GetBillingProfile
from application.billing.get_invoice import GetInvoice
from application.billing.list_invoices import ListInvoices
from application.errors import NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES, BillingUnavailableError, reported_as
from application.ports.billing.invoices import Invoice, InvoiceSummary
from application.ports.billing.services import BillingServices, Service

SUBSCRIPTION_NOT_FOUND = "Subscription not found."
# WHMCS cannot list invoices by service: the latest invoices are read (each cached) and their lines checked.
RELATED_INVOICE_WINDOW = 10
PARALLEL_INVOICE_READS = 4


class SubscriptionDetail(msgspec.Struct, frozen=True, kw_only=True):
    service: Service
    currency_code: str
    related_invoices: tuple[InvoiceSummary, ...]  # newest first, among the latest RELATED_INVOICE_WINDOW


class GetSubscription:
    raises: ClassVar[Raises] = (NotFoundError, *BILLING_OUTAGES)

    def __init__(
        self,
        services: BillingServices,
        reads: CachedReads,
        profile: GetBillingProfile,
        invoices: ListInvoices,
        invoice: GetInvoice,
    ) -> None:
        self._services = services
        self._reads = reads
        self._profile = profile
        self._invoices = invoices
        self._invoice = invoice

    async def execute(self, customer: LinkedCustomer, service_id: int) -> SubscriptionDetail:
        service = await self._service(customer, service_id)
        profile = await self._profile.execute(customer)
        related = await self._related_invoices(customer, service_id)
        return SubscriptionDetail(service=service, currency_code=profile.currency_code, related_invoices=related)

    async def _service(self, customer: LinkedCustomer, service_id: int) -> Service:
        if service_id <= 0:
            raise NotFoundError(SUBSCRIPTION_NOT_FOUND)
        keys = BillingKeys(customer.cache_scope)
        try:
            with reported_as(BillingUnavailableError):
                generation = await self._reads.generation(keys.subscription_generation)
                return await self._reads.read(
                    keys.subscription(generation, service_id),
                    Service,
                    lambda: self._services.get_service(customer.whmcs_client_id, service_id),
                    fence=keys.fence,
                )
        except NotFoundError as error:
            raise NotFoundError(SUBSCRIPTION_NOT_FOUND) from error

    async def _related_invoices(self, customer: LinkedCustomer, service_id: int) -> tuple[InvoiceSummary, ...]:
        page = await self._invoices.execute(customer, limit=RELATED_INVOICE_WINDOW)
        gate = asyncio.Semaphore(PARALLEL_INVOICE_READS)

        async def detail(summary: InvoiceSummary) -> Invoice | None:
            async with gate:
                try:
                    return await self._invoice.execute(customer, summary.id)
                except NotFoundError:
                    return None  # deleted since the list was read: it bills nothing now

        details = await asyncio.gather(*(detail(summary) for summary in page.items))
        return tuple(
            summary
            for summary, invoice in zip(page.items, details, strict=True)
            if invoice is not None
            and any(line.type == "Hosting" and line.related_id == service_id for line in invoice.lines)
        )
