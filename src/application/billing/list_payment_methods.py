"""The customer's saved cards and bank accounts, masked as WHMCS shows them (no card data ever reaches us)."""

from __future__ import annotations

from typing import ClassVar

from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads
from application.errors import Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES, BillingUnavailableError, reported_as
from application.ports.billing.payment_methods import PaymentMethods, PayMethod


class ListPaymentMethods:
    raises: ClassVar[Raises] = BILLING_OUTAGES

    def __init__(self, methods: PaymentMethods, reads: CachedReads) -> None:
        self._methods = methods
        self._reads = reads

    async def execute(self, customer: LinkedCustomer) -> tuple[PayMethod, ...]:
        keys = BillingKeys(customer.cache_scope)
        with reported_as(BillingUnavailableError):
            return await self._reads.read(
                keys.pay_methods,
                tuple[PayMethod, ...],
                lambda: self._methods.list_pay_methods(customer.whmcs_client_id),
                fence=keys.fence,
            )
