"""Invoices, SSO links, pay methods, gateways, services and the product catalog."""

from __future__ import annotations

from datetime import timedelta

from adapters.whmcs import invoice_mappers, mappers
from adapters.whmcs import normalise as n
from adapters.whmcs.base import WhmcsApi
from application.errors import NotFoundError
from application.ports.billing_models import (
    CatalogProduct,
    Invoice,
    InvoicePage,
    InvoiceStatus,
    PaymentGateway,
    PayMethod,
    Service,
    SsoLink,
)

PAYMENT_METHODS_PATH = "index.php?rp=/account/paymentmethods"


class BillingCalls(WhmcsApi):
    async def list_invoices(
        self, client_id: int, *, status: InvoiceStatus | None = None, offset: int = 0, limit: int = 25
    ) -> InvoicePage:
        body = await self._read(
            "GetInvoices",
            userid=client_id,
            status=status,
            limitstart=offset,
            limitnum=limit,
            orderby="id",  # the default sort has no tiebreak: pages would skip and repeat rows
            order="desc",
        )
        today = self._today()
        rows = n.items(body.get("invoices"), "invoice")
        return InvoicePage(
            items=tuple(invoice_mappers.invoice_summary(row, self._zone, today) for row in rows),
            total=n.to_int(body.get("totalresults") or 0),
            offset=offset,
            limit=limit,
        )

    async def get_invoice(self, client_id: int, invoice_id: int) -> Invoice:
        body = await self._read("GetInvoice", invoiceid=invoice_id)
        if n.to_int(body["userid"]) != client_id:
            raise NotFoundError("Invoice ID Not Found")  # someone else's invoice looks like no invoice
        client = await self._read("GetClientsDetails", clientid=client_id)  # GetInvoice has no currency
        currency = n.text(client["client"].get("currency_code"))
        return invoice_mappers.invoice(body, self._zone, self._today(), currency)

    async def create_invoice_sso_link(self, client_id: int, invoice_id: int) -> SsoLink:
        body = await self._read("GetInvoice", invoiceid=invoice_id)
        if n.to_int(body["userid"]) != client_id:
            raise NotFoundError("Invoice ID Not Found")
        return await self._sso(client_id, f"viewinvoice.php?id={invoice_id}")

    async def create_payment_methods_sso_link(self, client_id: int) -> SsoLink:
        return await self._sso(client_id, PAYMENT_METHODS_PATH)

    async def _sso(self, client_id: int, path: str) -> SsoLink:
        started = self._clock.now()
        body = await self._write(
            "CreateSsoToken", client_id=client_id, destination="sso:custom_redirect", sso_redirect_path=path
        )
        return SsoLink(
            url=str(body["redirect_url"]),
            expires_at=started + timedelta(seconds=self._config.sso_token_seconds),
        )

    async def list_pay_methods(self, client_id: int) -> tuple[PayMethod, ...]:
        body = await self._read("GetPayMethods", clientid=client_id)
        return tuple(mappers.pay_method(row) for row in n.items(body.get("paymethods"), "paymethod"))

    async def list_payment_gateways(self) -> tuple[PaymentGateway, ...]:
        body = await self._read("GetPaymentMethods")
        return tuple(mappers.gateway(row) for row in n.items(body.get("paymentmethods"), "paymentmethod"))

    async def list_services(self, client_id: int) -> tuple[Service, ...]:
        body = await self._read("GetClientsProducts", clientid=client_id)
        return tuple(mappers.service(row) for row in n.items(body.get("products"), "product"))

    async def get_service(self, client_id: int, service_id: int) -> Service:
        body = await self._read("GetClientsProducts", clientid=client_id, serviceid=service_id)
        rows = n.items(body.get("products"), "product")
        if not rows:
            raise NotFoundError("Service ID Not Found")
        return mappers.service(rows[0])

    async def list_products(self, product_ids: tuple[int, ...] | None = None) -> tuple[CatalogProduct, ...]:
        wanted = ",".join(str(pid) for pid in product_ids) if product_ids else None
        if product_ids == ():
            return ()
        body = await self._read("GetProducts", pid=wanted)
        return tuple(mappers.product(row) for row in n.items(body.get("products"), "product"))
