"""A WHMCS webhook, once its signature is verified: applied once per delivery id, for the account it concerns."""

from __future__ import annotations

import logging
from typing import ClassVar, Literal

from application.billing.billing_changes import BillingChange, stale_after
from application.billing.invalidate_billing_caches import InvalidateBillingCaches
from application.errors import STORE_OUTAGE, Raises
from application.identity.linked_customer import LinkedCustomer
from application.ports.unit_of_work import UnitOfWork
from application.ports.webhook_receipts import WebhookReceipts
from domain.errors import DomainError
from domain.identity.whmcs_client_id import WhmcsClientId

log = logging.getLogger(__name__)
SOURCE = "whmcs"
# WHMCS's hook module retries within seconds; an hour covers any replay that still passes the 5-minute window.
RECEIPT_TTL_SECONDS = 60 * 60
Outcome = Literal["applied", "duplicate", "not-linked"]


class ApplyBillingChange:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, receipts: WebhookReceipts, uow: UnitOfWork, invalidate: InvalidateBillingCaches) -> None:
        self._receipts = receipts
        self._uow = uow
        self._invalidate = invalidate

    async def execute(self, delivery_id: str, change: BillingChange) -> Outcome:
        if not await self._receipts.first_time(SOURCE, delivery_id, ttl_seconds=RECEIPT_TTL_SECONDS):
            return "duplicate"
        try:
            return await self._apply(change)
        except BaseException:
            await self._receipts.forget(SOURCE, delivery_id)  # let WHMCS's retry try again
            raise

    async def _apply(self, change: BillingChange) -> Outcome:
        try:
            client_id = WhmcsClientId(change.client_id)
        except DomainError:
            return "not-linked"  # e.g. a service the hook could not attribute (client 0): nothing of ours
        link = await self._uow.links.get_by_whmcs_client(client_id)
        if link is None:
            return "not-linked"  # nothing is cached for a client no portal user is linked to
        scope = LinkedCustomer(
            user_id=link.user_id,
            whmcs_client_id=link.whmcs_client_id.value,
            sf_account_id=link.sf_account_id.value,
            sf_contact_id=None,
        ).cache_scope
        cleared = await self._invalidate.execute(scope, stale_after(change))
        log.info("billing_change_applied", extra={"kind": change.kind, "keys": len(cleared)})
        return "applied"
