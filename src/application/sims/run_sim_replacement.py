"""One run of a physical SIM replacement's saga, from its last recovery point as far as it can go now.

Steps: a card from our stock (asking twice never takes two: the stock keys it by the replacement) → the Salesforce
case staff ship it from (one per replacement, keyed by its reference) → [the customer confirms the card arrived] →
Freebit moves the line to the new card (marked attempted before it is sent; a resume looks at the line first) →
Freebit finishes (the old card works until then) → the card's number written to the WHMCS service's "Serial
Number" field (read first, so a retry writes nothing twice) → the SIM's and subscription's caches cleared.

Outages propagate (the round tries again next minute). No card in stock, no confirmation yet, a busy line or a swap
still running: it waits. A definite refusal ends it as `failed` with a case for staff; the line stays on the old
card.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import ClassVar

from application.billing.billing_changes import StaleData
from application.billing.cached_reads import CachedReads
from application.billing.invalidate_billing_caches import InvalidateBillingCaches
from application.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    Raises,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.identity.linked_customer import cache_scope_of
from application.ports.billing.services import BillingServices, ServiceFields
from application.ports.case_desk import CaseDesk, NewCase
from application.ports.clock import Clock
from application.ports.replacement_records import ReplacementRecords, StaleReplacementError
from application.ports.sim_card_swaps import SimCardSwaps
from application.ports.sim_inventory import SimInventory
from application.ports.sim_models import SimOperation
from application.ports.sim_provisioner import SimProvisioner
from application.sims.cache_keys import SimKeys
from application.sims.errors import SimLineBusyError
from domain.sims.replacement import ReplacementState, ReplacementStep, SimReplacement

log = logging.getLogger(__name__)

SERIAL_FIELD = "Serial Number"
SWAP_REFUSED = "CARD_SWAP_REFUSED"
DEFINITE = (InvalidInputError, ConflictError, NotFoundError)


class ReplacementOutcome(StrEnum):
    SKIPPED = "skipped"  # unknown, finished, or another process holds it
    WAITING = "waiting"  # for stock, the customer, a busy line or Freebit
    COMPLETED = "completed"
    FAILED = "failed"


class RunSimReplacement:
    raises: ClassVar[Raises] = (UpstreamUnavailableError, UpstreamConfigurationError)

    def __init__(
        self,
        records: ReplacementRecords,
        inventory: SimInventory,
        cases: CaseDesk,
        sims: SimProvisioner,
        swaps: SimCardSwaps,
        services: BillingServices,
        fields: ServiceFields,
        reads: CachedReads,
        clock: Clock,
    ) -> None:
        self._records = records
        self._inventory = inventory
        self._cases = cases
        self._sims = sims
        self._swaps = swaps
        self._services = services
        self._fields = fields
        self._reads = reads
        self._clock = clock

    async def execute(self, replacement_id: str) -> ReplacementOutcome:
        replacement = await self._records.get(replacement_id)
        if replacement is None or not replacement.state.open:
            return ReplacementOutcome.SKIPPED
        try:
            return await self._forward(replacement)
        except StaleReplacementError:
            return ReplacementOutcome.SKIPPED
        except SimLineBusyError:
            return ReplacementOutcome.WAITING

    async def _forward(self, r: SimReplacement) -> ReplacementOutcome:
        if r.error_code is not None:  # resumed while reporting a refusal
            return await self._fail(r)
        if not r.done(ReplacementStep.ALLOCATED) and not await self._allocate(r):
            return ReplacementOutcome.WAITING
        if not r.done(ReplacementStep.CASE_OPENED):
            await self._ship(r)
        if not r.activation_requested:
            return ReplacementOutcome.WAITING  # the card is on its way to the customer
        if not r.done(ReplacementStep.SWAP_SENT) and not await self._swap(r):
            return await self._fail(r)
        if not r.done(ReplacementStep.SWAPPED) and not await self._swapped(r):
            return ReplacementOutcome.WAITING  # Freebit is activating the new card; the old one still works
        if not r.done(ReplacementStep.SERIAL_RECORDED):
            await self._record_serial(r)
        await self._forget(r)
        r.move(ReplacementState.COMPLETED, self._clock.now())
        await self._save(r)
        log.info("sim_replacement_completed", extra={"replacement_id": r.id})
        return ReplacementOutcome.COMPLETED

    async def _allocate(self, r: SimReplacement) -> bool:
        card = await self._inventory.assign(r.stock_key, "physical")
        if card is None or card.product_number is None:
            log.warning("sim_replacement_out_of_stock", extra={"replacement_id": r.id})
            return False
        r.new_product_number = card.product_number
        await self._complete(r, ReplacementStep.ALLOCATED)
        return True

    async def _ship(self, r: SimReplacement) -> None:
        case = await self._cases.create_case(
            NewCase(
                account_id=r.account_id,
                request_key=r.reference,  # one shipping case per replacement, however often this runs
                subject=f"Ship a replacement SIM card for {r.msisdn}",
                description=(
                    f"The customer asked for a new SIM card for {r.msisdn} (service #{r.sim_id}; reason: {r.reason}). "
                    f"Ship card {r.new_product_number} from stock to the customer's address; the old card "
                    f"{r.old_product_number} keeps working until the customer activates the new one in the portal."
                ),
                type="SIM",
                priority="Medium",
            )
        )
        r.case_id = case.id
        await self._complete(r, ReplacementStep.CASE_OPENED)

    async def _swap(self, r: SimReplacement) -> bool:
        assert r.new_product_number is not None
        if r.swap_attempted and await self._on_new_card(r, pending_counts=True):
            await self._complete(r, ReplacementStep.SWAP_SENT)
            return True
        r.swap_attempted = True
        await self._save(r)  # the recovery point: a resume looks at the line before sending again
        try:
            await self._swaps.swap_card(r.msisdn, r.old_product_number, r.new_product_number)
        except SimLineBusyError:
            raise
        except DEFINITE as refused:
            r.error_code, r.error_message = SWAP_REFUSED, f"Freebit refused the card swap: {refused.message}"
            await self._save(r)
            return False
        await self._complete(r, ReplacementStep.SWAP_SENT)
        return True

    async def _swapped(self, r: SimReplacement) -> bool:
        if not await self._on_new_card(r, pending_counts=False):
            return False
        await self._complete(r, ReplacementStep.SWAPPED)
        return True

    async def _on_new_card(self, r: SimReplacement, *, pending_counts: bool) -> bool:
        account = await self._sims.get_account(r.msisdn)
        pending = any(p.operation is SimOperation.SWAP_CARD for p in account.pending)
        return account.product_number == r.new_product_number or (pending_counts and pending)

    async def _record_serial(self, r: SimReplacement) -> None:
        assert r.new_product_number is not None
        service = await self._services.get_service(r.client_id, r.sim_id)
        field = next((f for f in service.custom_fields if f.name == SERIAL_FIELD), None)
        if field is not None and field.value != r.new_product_number:
            await self._fields.update_service_custom_fields(r.sim_id, {field.id: r.new_product_number})
        await self._complete(r, ReplacementStep.SERIAL_RECORDED)

    async def _fail(self, r: SimReplacement) -> ReplacementOutcome:
        await self._cases.create_case(
            NewCase(
                account_id=r.account_id,
                request_key=f"{r.reference}:failed",
                subject=f"SIM replacement failed: {r.msisdn}",
                description=(
                    f"Moving {r.msisdn} (service #{r.sim_id}) from card {r.old_product_number} to "
                    f"{r.new_product_number} failed: {r.error_message}. The line is still on the old card; check the "
                    "new card and move the line by hand, or send another."
                ),
                type="SIM",
                priority="High",
            )
        )
        r.move(ReplacementState.FAILED, self._clock.now(), code=r.error_code, message=r.error_message)
        await self._save(r)
        log.warning("sim_replacement_failed", extra={"replacement_id": r.id})
        return ReplacementOutcome.FAILED

    async def _forget(self, r: SimReplacement) -> None:
        scope = cache_scope_of(r.account_id)
        keys = SimKeys(scope)
        await self._reads.invalidate(keys.of(r.sim_id), fence=keys.fence)
        await InvalidateBillingCaches(self._reads).execute(scope, StaleData(subscription_ids=(r.sim_id,)))

    async def _complete(self, r: SimReplacement, step: ReplacementStep) -> None:
        r.complete(step, self._clock.now())
        await self._save(r)

    async def _save(self, r: SimReplacement) -> None:
        await self._records.save(r)
        r.version += 1
