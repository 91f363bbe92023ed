"""The record of one order's fulfilment, step by step (a saga with recovery points).

Each step that changes another system is a recovery point: it is stored as done the moment it is, so a crash
or a re-trigger resumes after the last completed step. Calls with no natural idempotency (WHMCS AddOrder, a
Freebit activation) are marked *attempted* before they are sent, so a resume after an unknown outcome looks
first and only then sends again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class FulfilmentState(StrEnum):
    RUNNING = "running"
    WAITING = "waiting"  # for an asynchronous activation to finish; checked again later
    PAUSED = "paused"  # stopped on something the customer can fix; an agent re-triggers
    FAILED = "failed"  # stopped on a definite error; an agent re-triggers after fixing it
    COMPLETED = "completed"

    @property
    def stopped(self) -> bool:
        return self in (FulfilmentState.PAUSED, FulfilmentState.FAILED)


class Step(StrEnum):
    """In order. `step` on the record is the last one completed."""

    STARTED = "started"
    PAYMENT_CHECKED = "payment_checked"
    BILLING_ORDER_PLACED = "billing_order_placed"
    BILLING_ORDER_ACCEPTED = "billing_order_accepted"
    SIM_ACTIVATION_REQUESTED = "sim_activation_requested"
    SIM_ACTIVE = "sim_active"
    BILLING_FIELDS_WRITTEN = "billing_fields_written"
    OPPORTUNITY_WRITTEN = "opportunity_written"  # the WHMCS service id and registration on the order's Opportunity
    SERVICE_LINKED = "service_linked"  # the Opportunity id in the WHMCS service's "OpportunityId" custom field
    CRM_WRITTEN = "crm_written"

    @property
    def rank(self) -> int:
        return list(Step).index(self)


@dataclass(frozen=True, slots=True)
class SimCard:
    """A card (or eSIM number) from our stock, or the customer's own number ported in."""

    kind: str  # physical / esim
    msisdn: str
    product_number: str | None = None  # printed on a physical card
    eid: str | None = None  # the customer's device, for an eSIM


@dataclass(slots=True)
class Fulfilment:
    order_id: str
    account_id: str
    state: FulfilmentState
    step: Step
    created_at: datetime
    updated_at: datetime
    whmcs_client_id: int | None = None
    billing_baseline: int | None = None  # the client's newest WHMCS order id before our AddOrder
    billing_attempted: bool = False
    whmcs_order_id: int | None = None
    whmcs_invoice_id: int | None = None
    item_services: dict[str, list[int]] = field(default_factory=dict)  # CRM order item id → WHMCS service ids
    sim: SimCard | None = None
    sim_attempted: bool = False
    voice_attempted: bool = False
    opportunity_attempted: bool = False
    service_link_attempted: bool = False
    waits: int = 0
    transient_failures: int = 0
    error_code: str | None = None
    error_message: str | None = None
    history: list[str] = field(default_factory=list)

    def done(self, step: Step) -> bool:
        return self.step.rank >= step.rank

    def complete(self, step: Step, now: datetime) -> None:
        if step.rank > self.step.rank:
            self._note(now, f"{self.step.value}->{step.value}")
            self.step = step
        if step is Step.CRM_WRITTEN:
            self.state = FulfilmentState.COMPLETED
        self.updated_at = now

    def stop(self, state: FulfilmentState, code: str, message: str, now: datetime) -> None:
        self._note(now, f"{state.value} {code}")
        self.state, self.error_code, self.error_message = state, code, message
        self.updated_at = now

    def run(self, now: datetime) -> None:
        """Start or resume (a re-trigger after a stop clears the error and keeps every completed step)."""
        if self.state is not FulfilmentState.RUNNING:
            self._note(now, f"{self.state.value}->running")
        if self.state.stopped:  # a re-trigger gets a fresh allowance of waits and outages
            self.waits = self.transient_failures = 0
        self.state, self.error_code, self.error_message = FulfilmentState.RUNNING, None, None
        self.updated_at = now

    def wait(self, now: datetime) -> None:
        self.state = FulfilmentState.WAITING
        self.waits += 1
        self.updated_at = now

    def _note(self, now: datetime, what: str) -> None:
        self.history.append(f"{now.isoformat()} {what}")
