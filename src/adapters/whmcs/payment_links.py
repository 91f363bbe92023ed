"""Single-use WHMCS sign-in links (CreateSsoToken) onto an invoice's payment page or the payment methods page."""

from __future__ import annotations

from datetime import timedelta

from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi
from application.errors import NotFoundError
from application.ports.billing.payment_links import SsoLink

PAYMENT_METHODS_PATH = "index.php?rp=/account/paymentmethods"


class WhmcsPaymentLinks:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api

    async def create_invoice_sso_link(self, client_id: int, invoice_id: int) -> SsoLink:
        body = await self._api.read("GetInvoice", invoiceid=invoice_id)
        if n.to_int(body["userid"]) != client_id:
            raise NotFoundError("Invoice ID Not Found")
        return await self._sso(client_id, f"viewinvoice.php?id={invoice_id}")

    async def create_payment_methods_sso_link(self, client_id: int) -> SsoLink:
        return await self._sso(client_id, PAYMENT_METHODS_PATH)

    async def _sso(self, client_id: int, path: str) -> SsoLink:
        started = self._api.clock.now()
        body = await self._api.write(
            "CreateSsoToken", client_id=client_id, destination="sso:custom_redirect", sso_redirect_path=path
        )
        return SsoLink(
            url=str(body["redirect_url"]),
            expires_at=started + timedelta(seconds=self._api.config.sso_token_seconds),
        )
