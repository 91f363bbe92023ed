"""Take back the plan change scheduled on one of the caller's SIMs, until its cut-off.

The cut-off is 00:00 Tokyo time on the day it applies (the first of the month): from then on the worker applies it
and a cancellation is 409 PLAN_CHANGE_NOT_CANCELLABLE. A cancellation racing the worker at the cut-off is settled by
the record's version: exactly one of them goes on.
"""

from __future__ import annotations

from typing import ClassVar

from application.errors import STORE_OUTAGE, ConflictError, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES
from application.ports.clock import Clock
from application.ports.plan_change_records import PlanChangeRecords, StalePlanChangeError
from application.sims.plan_change_view import PlanChangeView, plan_change_view
from application.sims.sim_lines import SimLines
from domain.sims.plan_change import PlanChangeState

NOTHING_SCHEDULED = "No plan change is scheduled on this SIM."


class PlanChangeNotCancellableError(ConflictError):
    code = "PLAN_CHANGE_NOT_CANCELLABLE"
    default_message = (
        "The plan change is already being applied (from 00:00 Tokyo time on its day); it cannot be cancelled."
    )


class CancelPlanChange:
    raises: ClassVar[Raises] = (NotFoundError, PlanChangeNotCancellableError, *BILLING_OUTAGES, *STORE_OUTAGE)

    def __init__(self, lines: SimLines, records: PlanChangeRecords, clock: Clock) -> None:
        self._lines = lines
        self._records = records
        self._clock = clock

    async def execute(self, customer: LinkedCustomer, sim_id: int) -> PlanChangeView:
        line = await self._lines.line(customer, sim_id)  # someone else's SIM: the same 404 as none
        change = await self._records.open_for_sim(line.service.id)
        if change is None or change.account_id != customer.sf_account_id:
            raise NotFoundError(NOTHING_SCHEDULED)
        now = self._clock.now()
        if not change.cancellable(now):
            raise PlanChangeNotCancellableError()
        change.move(PlanChangeState.CANCELLED, now)
        try:
            await self._records.save(change)
        except StalePlanChangeError as raced:  # the worker (or a second cancellation) got there first
            latest = await self._records.get(change.id)
            if latest is None or latest.state is not PlanChangeState.CANCELLED:
                raise PlanChangeNotCancellableError() from raced
            change = latest
        return plan_change_view(change, now)
