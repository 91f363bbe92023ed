"""The twin's ways to pay: pay methods on file, gateways, and single-use sign-in links onto WHMCS's pages."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from adapters.memory.billing_world import BillingTwinWorld, operation
from application.errors import NotFoundError
from application.ports.billing.payment_links import SsoLink
from application.ports.billing.payment_methods import PaymentGateway, PayMethod


@dataclass
class TwinPaymentMethods:
    world: BillingTwinWorld

    @operation
    async def list_pay_methods(self, client_id: int) -> tuple[PayMethod, ...]:
        self.world.client(client_id)
        ordered = sorted(self.world.pay_methods.values(), key=lambda x: x[1].id)
        return tuple(method for owner, method in ordered if owner == client_id)

    @operation
    async def list_payment_gateways(self) -> tuple[PaymentGateway, ...]:
        return tuple(self.world.gateways)


@dataclass
class TwinPaymentLinks:
    world: BillingTwinWorld

    @operation
    async def create_invoice_sso_link(self, client_id: int, invoice_id: int) -> SsoLink:
        invoice = self.world.invoices.get(invoice_id)
        if invoice is None or invoice.client_id != client_id:
            raise NotFoundError("Invoice ID Not Found")
        return self._sso()

    @operation
    async def create_payment_methods_sso_link(self, client_id: int) -> SsoLink:
        self.world.client(client_id, "Invalid client_id")
        return self._sso()

    def _sso(self) -> SsoLink:
        token = secrets.token_hex(20)
        return SsoLink(
            url=f"{self.world.system_url}oauth/singlesignon.php?access_token={token}",
            expires_at=self.world.clock.now() + timedelta(seconds=self.world.sso_token_seconds),
        )
