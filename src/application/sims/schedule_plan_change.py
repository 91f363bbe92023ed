"""Move one of the caller's SIMs to another plan from the first day of next month (Asia/Tokyo).

Only to a plan the account catalog offers this customer, of the same kind as the current one (422
PLAN_NOT_OFFERED; the plan it already has is 422 PLAN_UNCHANGED). The change is recorded once per Idempotency-Key
and held by the portal until its day, when the worker applies it (`apply_plan_change`); meanwhile the SIM takes no
other change (409 SIM_CHANGE_IN_PROGRESS, as while Freebit runs one) and the customer may cancel it until the
cut-off (`cancel_plan_change`).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from application.errors import STORE_OUTAGE, UPSTREAM_OUTAGES, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SIM_OUTAGES
from application.ports.clock import Clock
from application.ports.plan_change_records import PlanChangeRecords
from application.sims.errors import SimLineBusyError, SimNotInServiceError
from application.sims.line_change_gate import LineChangeGate
from application.sims.plan_change_view import PlanChangeView, plan_change_view
from application.sims.plan_offers import PlanOffers
from domain.sims.plan_change import PlanChange, PlanNotOfferedError, PlanUnchangedError, effective_date


class SchedulePlanChange:
    raises: ClassVar[Raises] = (
        NotFoundError,
        PlanNotOfferedError,
        PlanUnchangedError,
        SimLineBusyError,
        SimNotInServiceError,
        *SIM_OUTAGES,
        *UPSTREAM_OUTAGES,
        *STORE_OUTAGE,
    )

    def __init__(self, gate: LineChangeGate, offers: PlanOffers, records: PlanChangeRecords, clock: Clock) -> None:
        self._gate = gate
        self._offers = offers
        self._records = records
        self._clock = clock

    async def execute(self, customer: LinkedCustomer, sim_id: int, plan_sku: str, key: str) -> PlanChangeView:
        earlier = await self._records.by_key(str(customer.user_id), key)
        if earlier is not None:  # the same submission again (the HTTP layer refuses a key reused for another body)
            return plan_change_view(earlier, self._clock.now())
        opened = await self._gate.open(customer, sim_id)
        current, target = await self._offers.choose(customer, opened.line.service, plan_sku)
        if target.product_id == current.product_id:
            raise PlanUnchangedError()
        now = self._clock.now()
        change = await self._records.begin(
            PlanChange(
                id=uuid.uuid4().hex,
                user_id=str(customer.user_id),
                account_id=customer.sf_account_id,
                client_id=customer.whmcs_client_id,
                sim_id=opened.line.service.id,
                msisdn=opened.line.msisdn,
                idempotency_key=key,
                from_plan=current,
                to_plan=target,
                effective_on=effective_date(now),
                created_at=now,
                updated_at=now,
            )
        )
        if change is None:  # another request scheduled one on this SIM between our read and our write
            raise SimLineBusyError("A plan change is already scheduled on this SIM.")
        return plan_change_view(change, now)
