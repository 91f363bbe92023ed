"""The twin's invoices, SSO links, pay methods, gateways, services and catalog."""

from __future__ import annotations

import secrets
from datetime import timedelta

from adapters.memory.billing_twin_base import TwinBase
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


class TwinBillingReads(TwinBase):
    async def list_invoices(
        self, client_id: int, *, status: InvoiceStatus | None = None, offset: int = 0, limit: int = 25
    ) -> InvoicePage:
        fault = self._enter("list_invoices")
        rows = [self.invoice_summary(i) for i in self.world.invoices.values() if i.client_id == client_id]
        if status == "Overdue":
            rows = [r for r in rows if r.overdue]
        elif status is not None:
            rows = [r for r in rows if r.status == status]
        rows.sort(key=lambda r: r.id, reverse=True)
        start = max(offset, 0)
        size = limit if limit > 0 else 25
        page = InvoicePage(items=tuple(rows[start : start + size]), total=len(rows), offset=offset, limit=limit)
        return self._leave("list_invoices", fault, page)

    async def get_invoice(self, client_id: int, invoice_id: int) -> Invoice:
        fault = self._enter("get_invoice")
        invoice = self.world.invoices.get(invoice_id)
        if invoice is None or invoice.client_id != client_id:
            raise NotFoundError("Invoice ID Not Found")
        return self._leave("get_invoice", fault, self.invoice_dto(invoice))

    async def create_invoice_sso_link(self, client_id: int, invoice_id: int) -> SsoLink:
        fault = self._enter("create_invoice_sso_link")
        invoice = self.world.invoices.get(invoice_id)
        if invoice is None or invoice.client_id != client_id:
            raise NotFoundError("Invoice ID Not Found")
        return self._leave("create_invoice_sso_link", fault, self._sso())

    async def create_payment_methods_sso_link(self, client_id: int) -> SsoLink:
        fault = self._enter("create_payment_methods_sso_link")
        self.client(client_id, "Invalid client_id")
        return self._leave("create_payment_methods_sso_link", fault, self._sso())

    def _sso(self) -> SsoLink:
        token = secrets.token_hex(20)
        return SsoLink(
            url=f"{self.system_url}oauth/singlesignon.php?access_token={token}",
            expires_at=self.clock.now() + timedelta(seconds=self.sso_token_seconds),
        )

    async def list_pay_methods(self, client_id: int) -> tuple[PayMethod, ...]:
        fault = self._enter("list_pay_methods")
        self.client(client_id)
        methods = tuple(
            m for owner, m in sorted(self.world.pay_methods.values(), key=lambda x: x[1].id) if owner == client_id
        )
        return self._leave("list_pay_methods", fault, methods)

    async def list_payment_gateways(self) -> tuple[PaymentGateway, ...]:
        fault = self._enter("list_payment_gateways")
        return self._leave("list_payment_gateways", fault, tuple(self.world.gateways))

    async def list_services(self, client_id: int) -> tuple[Service, ...]:
        fault = self._enter("list_services")
        rows = [self.service_dto(s) for s in sorted(self.world.services.values(), key=lambda s: s.id)]
        return self._leave("list_services", fault, tuple(s for s in rows if s.client_id == client_id))

    async def get_service(self, client_id: int, service_id: int) -> Service:
        fault = self._enter("get_service")
        service = self.world.services.get(service_id)
        if service is None or service.client_id != client_id:
            raise NotFoundError("Service ID Not Found")
        return self._leave("get_service", fault, self.service_dto(service))

    async def list_products(self, product_ids: tuple[int, ...] | None = None) -> tuple[CatalogProduct, ...]:
        fault = self._enter("list_products")
        products = [p for pid, p in sorted(self.world.products.items()) if product_ids is None or pid in product_ids]
        return self._leave("list_products", fault, tuple(products))
