"""What the customer sees of a plan change."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import msgspec

from domain.sims.plan_change import PlanChange, SimPlan, cut_off


class PlanView(msgspec.Struct, frozen=True, kw_only=True):
    sku: str
    name: str
    monthly_price: Decimal  # JPY before tax


class PlanChangeView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    sim_id: int
    from_plan: PlanView
    to_plan: PlanView
    effective_on: date  # the first day of a month, in Japan
    cancellable_until: datetime  # the cut-off: midnight in Tokyo on `effective_on`
    cancellable: bool
    state: str
    step: str
    error_code: str | None
    error_message: str | None
    created_at: datetime
    updated_at: datetime


def _plan(plan: SimPlan) -> PlanView:
    return PlanView(sku=plan.sku, name=plan.name, monthly_price=plan.monthly_price)


def plan_change_view(change: PlanChange, now: datetime) -> PlanChangeView:
    return PlanChangeView(
        id=change.id,
        sim_id=change.sim_id,
        from_plan=_plan(change.from_plan),
        to_plan=_plan(change.to_plan),
        effective_on=change.effective_on,
        cancellable_until=cut_off(change.effective_on),
        cancellable=change.cancellable(now),
        state=change.state.value,
        step=change.step.value,
        error_code=change.error_code,
        error_message=change.error_message,
        created_at=change.created_at,
        updated_at=change.updated_at,
    )
