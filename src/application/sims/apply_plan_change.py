"""One run of a due plan change, from its last recovery point to the end (run by `portal worker` on its day).

Steps: Freebit plan change (PA05-21; skipped when both plans share a Freebit plan, e.g. a family-priced twin) →
WHMCS product and price (UpdateClientProduct) → the SIM's and the subscription's caches cleared. Each write is
marked *attempted* and saved before it is sent; a run that finds the mark looks the effect up first (the line's
plan at Freebit, the service's product in WHMCS), so neither is ever sent twice for one change. Every save is
fenced by the record's version: a second worker holding the same change stops at its first save.

Outages propagate (the sweep tries again on its next round). A line busy with another Freebit operation waits for
the next round. A definite refusal ends the change as `failed` and opens one staff case: a Freebit refusal leaves
both systems as they were; a WHMCS refusal after Freebit changed the plan leaves billing to staff (the case says
what to fix).
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
from application.ports.billing.service_products import ServiceProducts
from application.ports.billing.services import BillingServices
from application.ports.case_desk import CaseDesk, NewCase
from application.ports.clock import Clock
from application.ports.plan_change_records import PlanChangeRecords, StalePlanChangeError
from application.ports.sim_models import SimOperation
from application.ports.sim_plan_changes import SimPlanChanges
from application.ports.sim_provisioner import SimProvisioner
from application.sims.cache_keys import SimKeys
from application.sims.errors import SimLineBusyError
from domain.sims.plan_change import PlanChange, PlanChangeState, PlanChangeStep

log = logging.getLogger(__name__)

PLAN_CHANGE_REFUSED = "PLAN_CHANGE_REFUSED"  # Freebit refused it: nothing changed anywhere
BILLING_CHANGE_REFUSED = "BILLING_CHANGE_REFUSED"  # WHMCS refused it after Freebit changed the plan
DEFINITE = (InvalidInputError, ConflictError, NotFoundError)  # answers that will not change on a retry


class ApplyOutcome(StrEnum):
    SKIPPED = "skipped"  # unknown, not due, finished, or another process holds it
    COMPLETED = "completed"
    WAITING = "waiting"  # the line is busy at Freebit: the next round tries again
    FAILED = "failed"  # refused for good: staff have a case


class ApplyPlanChange:
    raises: ClassVar[Raises] = (UpstreamUnavailableError, UpstreamConfigurationError)

    def __init__(
        self,
        records: PlanChangeRecords,
        sims: SimProvisioner,
        plans: SimPlanChanges,
        services: BillingServices,
        products: ServiceProducts,
        cases: CaseDesk,
        reads: CachedReads,
        clock: Clock,
    ) -> None:
        self._records = records
        self._sims = sims
        self._plans = plans
        self._services = services
        self._products = products
        self._cases = cases
        self._reads = reads
        self._clock = clock

    async def execute(self, change_id: str) -> ApplyOutcome:
        change = await self._records.get(change_id)
        if change is None or not change.due(self._clock.now()):
            return ApplyOutcome.SKIPPED
        try:
            return await self._forward(change)
        except StalePlanChangeError:
            log.info("plan_change_held_elsewhere", extra={"plan_change_id": change_id})
            return ApplyOutcome.SKIPPED
        except SimLineBusyError:
            return ApplyOutcome.WAITING

    async def _forward(self, change: PlanChange) -> ApplyOutcome:
        if change.state is PlanChangeState.SCHEDULED:
            change.move(PlanChangeState.APPLYING, self._clock.now())
            await self._save(change)  # the claim: from here on the customer can no longer cancel it
        if change.error_code is not None:  # resumed while reporting a refusal
            await self._fail(change)
            return ApplyOutcome.FAILED
        if not change.done(PlanChangeStep.PLAN_CHANGED) and not await self._change_plan(change):
            await self._fail(change)
            return ApplyOutcome.FAILED
        if not change.done(PlanChangeStep.PRODUCT_CHANGED) and not await self._change_product(change):
            await self._fail(change)
            return ApplyOutcome.FAILED
        await self._forget(change)
        change.move(PlanChangeState.COMPLETED, self._clock.now())
        await self._save(change)
        log.info("plan_change_completed", extra={"plan_change_id": change.id, "to": change.to_plan.sku})
        return ApplyOutcome.COMPLETED

    async def _change_plan(self, change: PlanChange) -> bool:
        """True once the line is on the new plan; False when Freebit definitely refused it."""
        wanted = change.to_plan.plan_code
        if wanted == change.from_plan.plan_code or (change.freebit_attempted and await self._line_on(change)):
            await self._complete(change, PlanChangeStep.PLAN_CHANGED)
            return True
        change.freebit_attempted = True
        await self._save(change)  # the recovery point: a resume looks at the line before sending again
        try:
            await self._plans.change_plan(change.msisdn, wanted)
        except SimLineBusyError:
            raise
        except DEFINITE as refused:
            await self._refused(change, PLAN_CHANGE_REFUSED, f"Freebit refused the plan change: {refused.message}")
            return False
        await self._complete(change, PlanChangeStep.PLAN_CHANGED)
        return True

    async def _line_on(self, change: PlanChange) -> bool:
        account = await self._sims.get_account(change.msisdn)
        queued = any(p.operation is SimOperation.PLAN_CHANGE for p in account.pending)
        return queued or account.plan_code == change.to_plan.plan_code

    async def _change_product(self, change: PlanChange) -> bool:
        """True once WHMCS bills the new product; False when WHMCS definitely refused it."""
        target = change.to_plan
        if change.whmcs_attempted:
            service = await self._services.get_service(change.client_id, change.sim_id)
            if service.product_id == target.product_id:
                await self._complete(change, PlanChangeStep.PRODUCT_CHANGED)
                return True
        change.whmcs_attempted = True
        await self._save(change)
        try:
            await self._products.change_product(change.sim_id, target.product_id, target.monthly_price)
        except DEFINITE as refused:
            await self._refused(change, BILLING_CHANGE_REFUSED, f"WHMCS refused the product change: {refused.message}")
            return False
        await self._complete(change, PlanChangeStep.PRODUCT_CHANGED)
        return True

    async def _refused(self, change: PlanChange, code: str, message: str) -> None:
        change.error_code, change.error_message = code, message
        await self._save(change)
        log.error("plan_change_refused", extra={"plan_change_id": change.id, "code": code})

    async def _fail(self, change: PlanChange) -> None:
        """One staff case per change (keyed by its reference, however often this runs), then `failed`."""
        if not change.done(PlanChangeStep.CASE_OPENED):
            billing_left = change.error_code == BILLING_CHANGE_REFUSED
            case = await self._cases.create_case(
                NewCase(
                    account_id=change.account_id,
                    request_key=change.reference,
                    subject=f"SIM plan change failed: {change.msisdn}",
                    description=(
                        f"The customer's plan change on {change.msisdn} (service #{change.sim_id}) from "
                        f"{change.from_plan.name} to {change.to_plan.name}, due {change.effective_on}, failed: "
                        f"{change.error_message}. "
                        + (
                            f"Freebit already runs the line on {change.to_plan.plan_code}: change the WHMCS service "
                            f"to product {change.to_plan.product_id} at ¥{change.to_plan.monthly_price} by hand."
                            if billing_left
                            else "Nothing was changed in Freebit or WHMCS; tell the customer or retry by hand."
                        )
                    ),
                    type="SIM",
                    priority="High",
                )
            )
            change.case_id = case.id
            change.complete(PlanChangeStep.CASE_OPENED, self._clock.now())
        if billing_left := change.error_code == BILLING_CHANGE_REFUSED:
            await self._forget(change)  # the line's plan did change
        change.move(PlanChangeState.FAILED, self._clock.now(), code=change.error_code, message=change.error_message)
        await self._save(change)
        log.warning("plan_change_failed", extra={"plan_change_id": change.id, "billing_left": billing_left})

    async def _forget(self, change: PlanChange) -> None:
        scope = cache_scope_of(change.account_id)
        keys = SimKeys(scope)
        await self._reads.invalidate(keys.of(change.sim_id), fence=keys.fence)
        await InvalidateBillingCaches(self._reads).execute(
            scope, StaleData(subscription_list=True, subscription_ids=(change.sim_id,))
        )

    async def _complete(self, change: PlanChange, step: PlanChangeStep) -> None:
        change.complete(step, self._clock.now())
        await self._save(change)

    async def _save(self, change: PlanChange) -> None:
        await self._records.save(change)
        change.version += 1
