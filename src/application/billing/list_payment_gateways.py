"""The ways to pay the billing installation offers (the same for everyone, so cached once for all)."""

from __future__ import annotations

from typing import ClassVar

from application.billing.cache_keys import GATEWAYS
from application.billing.cached_reads import CachedReads
from application.errors import Raises
from application.outages import BILLING_OUTAGES, BillingUnavailableError, reported_as
from application.ports.billing.payment_methods import PaymentGateway, PaymentMethods


class ListPaymentGateways:
    raises: ClassVar[Raises] = BILLING_OUTAGES

    def __init__(self, methods: PaymentMethods, reads: CachedReads) -> None:
        self._methods = methods
        self._reads = reads

    async def execute(self) -> tuple[PaymentGateway, ...]:
        with reported_as(BillingUnavailableError):
            return await self._reads.read(GATEWAYS, tuple[PaymentGateway, ...], self._methods.list_payment_gateways)
