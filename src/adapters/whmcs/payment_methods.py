"""Pay methods on file (GetPayMethods, masked by WHMCS) and the installation's gateways (GetPaymentMethods)."""

from __future__ import annotations

from adapters.whmcs import mappers
from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi
from application.ports.billing.payment_methods import PaymentGateway, PayMethod


class WhmcsPaymentMethods:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api

    async def list_pay_methods(self, client_id: int) -> tuple[PayMethod, ...]:
        body = await self._api.read("GetPayMethods", clientid=client_id)
        return tuple(mappers.pay_method(row) for row in n.items(body.get("paymethods"), "paymethod"))

    async def list_payment_gateways(self) -> tuple[PaymentGateway, ...]:
        body = await self._api.read("GetPaymentMethods")
        return tuple(mappers.gateway(row) for row in n.items(body.get("paymentmethods"), "paymentmethod"))
