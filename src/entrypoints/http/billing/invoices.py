from __future__ import annotations

from typing import Annotated

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get, post
from litestar.datastructures import CacheControlHeader
from litestar.params import FromPath, QueryParameter

from application.billing.create_invoice_pay_link import CreateInvoicePayLink
from application.billing.get_invoice import GetInvoice
from application.billing.list_invoices import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ListInvoices
from application.identity.linked_customer import LinkedCustomer
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.billing.invoice_schemas import (
    InvoicePageView,
    InvoiceStatusFilter,
    InvoiceView,
    SsoLinkView,
    invoice_page_view,
    invoice_view,
)

PRIVATE = CacheControlHeader(private=True, no_store=True)


class InvoicesController(Controller):
    path = "/billing/invoices"
    tags = ["billing"]
    opt = SESSION_REQUIRED
    cache_control = PRIVATE

    @get(
        "/",
        operation_id="listInvoices",
        summary="The customer's invoices, newest first, optionally of one status (Overdue: unpaid and past due).",
    )
    @inject
    async def list_invoices(
        self,
        customer: FromDishka[LinkedCustomer],
        list_invoices: FromDishka[ListInvoices],
        status: Annotated[
            InvoiceStatusFilter | None, QueryParameter(description="Only invoices in this state.")
        ] = None,
        offset: Annotated[int, QueryParameter(ge=0, le=1_000_000, description="Invoices to skip.")] = 0,
        limit: Annotated[int, QueryParameter(ge=1, le=MAX_PAGE_SIZE, description="Page size.")] = DEFAULT_PAGE_SIZE,
    ) -> InvoicePageView:
        page = await list_invoices.execute(customer, status=status, offset=offset, limit=limit)
        return invoice_page_view(page)

    @get(
        "/{invoice_id:int}",
        operation_id="getInvoice",
        summary="One invoice with its lines, tax, payments and dates. Another customer's invoice is not found.",
    )
    @inject
    async def get_invoice(
        self, invoice_id: FromPath[int], customer: FromDishka[LinkedCustomer], get_invoice: FromDishka[GetInvoice]
    ) -> InvoiceView:
        invoice = await get_invoice.execute(customer, invoice_id)
        return invoice_view(invoice)

    @post(
        "/{invoice_id:int}/pay-link",
        operation_id="createInvoicePayLink",
        status_code=200,
        summary="A single-use WHMCS sign-in link that opens this invoice's payment page (never cached).",
    )
    @inject
    async def create_pay_link(
        self,
        invoice_id: FromPath[int],
        customer: FromDishka[LinkedCustomer],
        create_link: FromDishka[CreateInvoicePayLink],
    ) -> SsoLinkView:
        link = await create_link.execute(customer, invoice_id)
        return SsoLinkView(url=link.url, expires_at=link.expires_at)
