"""The customer's billing profile (name, contact, address) as WHMCS, the authority, holds it."""

from __future__ import annotations

from typing import ClassVar

from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads, Peeked
from application.errors import Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES, BillingUnavailableError, reported_as
from application.ports.billing.clients import BillingClients, ClientProfile


class GetBillingProfile:
    raises: ClassVar[Raises] = BILLING_OUTAGES

    def __init__(self, clients: BillingClients, reads: CachedReads) -> None:
        self._clients = clients
        self._reads = reads

    async def execute(self, customer: LinkedCustomer, *, peeked: Peeked | None = None) -> ClientProfile:
        keys = BillingKeys(customer.cache_scope)
        with reported_as(BillingUnavailableError):
            return await self._reads.read(
                keys.profile,
                ClientProfile,
                lambda: self._clients.get_client(customer.whmcs_client_id),
                fence=keys.fence,
                peeked=peeked,
            )
