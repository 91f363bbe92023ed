"""A SIM plan change: when it applies, until when it can be cancelled, and the record of its saga (recovery points).

A change takes effect on the first day of the next month in Japan (Asia/Tokyo): the customer keeps the current plan
for the month already billed. Until then it waits in the portal, not at Freebit or WHMCS (neither can take back a
scheduled change through its API), so it can be cancelled until the cut-off: 00:00 Tokyo time on the day it applies,
i.e. to the last second of the month before. From that moment the worker applies it: Freebit's plan (PA05-21) first,
then the WHMCS product and price, each marked *attempted* and saved before it is sent, so a resumed run looks the
effect up (the line's plan, the service's product) instead of sending it again. `version` is the record's fence: a
save from a process holding an older copy is refused, so two workers (or a worker and a cancellation) never both go
on from the same state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar
from zoneinfo import ZoneInfo

from domain.errors import DomainError

TOKYO = ZoneInfo("Asia/Tokyo")


def effective_date(now: datetime) -> date:
    """The first day of the month after `now`, in Japan."""
    today = now.astimezone(TOKYO).date()
    return date(today.year + 1, 1, 1) if today.month == 12 else date(today.year, today.month + 1, 1)


def cut_off(effective_on: date) -> datetime:
    """The moment a change stops being cancellable and starts being applied: midnight in Tokyo on its day."""
    return datetime.combine(effective_on, time(0), tzinfo=TOKYO)


class PlanNotOfferedError(DomainError):
    code: ClassVar[str] = "PLAN_NOT_OFFERED"
    field: ClassVar[str | None] = "planSku"


class PlanUnchangedError(DomainError):
    code: ClassVar[str] = "PLAN_UNCHANGED"
    field: ClassVar[str | None] = "planSku"

    def __init__(self) -> None:
        super().__init__("The SIM is already on this plan.")


class PlanChangeState(StrEnum):
    SCHEDULED = "scheduled"  # waiting for its date; cancellable until the cut-off
    APPLYING = "applying"  # its date has come: the worker is applying it
    COMPLETED = "completed"
    CANCELLED = "cancelled"  # by the customer, before the cut-off
    FAILED = "failed"  # refused by Freebit or WHMCS for good: staff have a case

    @property
    def open(self) -> bool:
        return self in (PlanChangeState.SCHEDULED, PlanChangeState.APPLYING)


class PlanChangeStep(StrEnum):
    """In order; `step` on the record is the last one completed."""

    SCHEDULED = "scheduled"
    PLAN_CHANGED = "plan_changed"  # Freebit
    PRODUCT_CHANGED = "product_changed"  # WHMCS
    CASE_OPENED = "case_opened"  # after a refusal: staff told

    @property
    def rank(self) -> int:
        return list(PlanChangeStep).index(self)


@dataclass(frozen=True, slots=True)
class SimPlan:
    """A SIM plan as the catalog sells it and the systems of record know it."""

    sku: str
    name: str
    product_id: int  # WHMCS
    plan_code: str  # Freebit
    monthly_price: Decimal  # JPY before tax


@dataclass(slots=True)
class PlanChange:
    id: str
    user_id: str
    account_id: str  # the CRM account (cases, cache scope)
    client_id: int  # WHMCS
    sim_id: int  # the WHMCS service
    msisdn: str
    idempotency_key: str
    from_plan: SimPlan
    to_plan: SimPlan
    effective_on: date
    created_at: datetime
    updated_at: datetime
    state: PlanChangeState = PlanChangeState.SCHEDULED
    step: PlanChangeStep = PlanChangeStep.SCHEDULED
    freebit_attempted: bool = False
    whmcs_attempted: bool = False
    case_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    history: list[str] = field(default_factory=list)
    version: int = 0  # bumped by every save; a save from an older copy is refused

    @property
    def reference(self) -> str:
        """Names the change on the staff case, so a retried case is found again."""
        return f"portal-plan-change:{self.id}"

    def cancellable(self, now: datetime) -> bool:
        return self.state is PlanChangeState.SCHEDULED and now < cut_off(self.effective_on)

    def due(self, now: datetime) -> bool:
        return self.state.open and now >= cut_off(self.effective_on)

    def done(self, step: PlanChangeStep) -> bool:
        return self.step.rank >= step.rank

    def complete(self, step: PlanChangeStep, now: datetime) -> None:
        if step.rank > self.step.rank:
            self._note(now, f"{self.step.value}->{step.value}")
            self.step = step
        self.updated_at = now

    def move(
        self, state: PlanChangeState, now: datetime, *, code: str | None = None, message: str | None = None
    ) -> None:
        self._note(now, f"{self.state.value}->{state.value}" + (f" {code}" if code else ""))
        self.state = state
        if code is not None:
            self.error_code, self.error_message = code, message
        self.updated_at = now

    def _note(self, now: datetime, what: str) -> None:
        self.history.append(f"{now.isoformat()} {what}")
