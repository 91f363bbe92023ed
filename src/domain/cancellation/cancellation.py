"""A customer's cancellation of one service (Internet or SIM), and the record of its saga step by step.

What is done, in order: the service's Salesforce Opportunity gets the cancellation fields and staff get a Case;
the customer is told (a notification and a mail). At the cut-off the cancellation becomes final and WHMCS gets its
cancellation request (end of the billing period); a SIM line is cancelled at Freebit on its last day. Until the
cut-off the customer may withdraw: the Opportunity's fields are cleared, the Case is closed with a comment, and the
customer is told. Every write is marked *attempted* (and saved) before it is sent, so a run after a crash or a lost
answer looks its effect up before sending it again. `version` guards every save: the customer's withdrawal and the
worker never overwrite each other's state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from domain.cancellation.schedule import tokyo_day_starts


class CancellationKind(StrEnum):
    INTERNET = "internet"
    SIM = "sim"


class LineReturn(StrEnum):
    """How the rented ONU / router get back to us (Internet only): the customer's answer on the request."""

    SHIP_BACK = "ship_back"  # we send a return kit, the customer posts the equipment
    COLLECTION = "collection"  # staff arrange a collection at the address
    NOTHING_RENTED = "nothing_rented"  # the customer's own router, the ONU stays with NTT's line


class CancellationState(StrEnum):
    SCHEDULED = "scheduled"  # accepted; withdrawable until the cut-off
    WITHDRAWING = "withdrawing"  # withdrawn by the customer; the CRM records are being undone
    WITHDRAWN = "withdrawn"
    CONFIRMED = "confirmed"  # past the cut-off: final; billing told, a SIM line waits for its last day
    COMPLETED = "completed"  # every system has it
    NEEDS_STAFF = "needs_staff"  # a system refused a step for good: staff finish it from the Case

    @property
    def finished(self) -> bool:
        return self in (CancellationState.WITHDRAWN, CancellationState.COMPLETED, CancellationState.NEEDS_STAFF)

    @property
    def holds_the_service(self) -> bool:
        """While so, no second cancellation and (for a SIM) no other line change is accepted."""
        return self is not CancellationState.WITHDRAWN


@dataclass(slots=True)
class Cancellation:
    id: str  # ours: the Case's request key and the WHMCS reason carry it, so both can be found again
    user_id: str
    account_id: str  # Salesforce Account
    client_id: int  # WHMCS client
    service_id: int  # WHMCS service
    kind: CancellationKind
    service_name: str
    msisdn: str | None  # SIM only: the line Freebit cancels
    email: str  # where the confirmation goes (the portal login)
    idempotency_key: str
    end_date: date  # the service's last day
    cutoff_at: datetime  # withdrawable before this; final from it
    moving: bool  # the customer is moving house (CancellationNotice__c 移転)
    line_return: LineReturn | None
    created_at: datetime
    updated_at: datetime
    due_at: datetime | None = None  # when the worker next has something to do (None: nothing)
    state: CancellationState = CancellationState.SCHEDULED
    version: int = 0
    opportunity_id: str | None = None
    crm_recorded: bool = False
    case_id: str | None = None
    scheduled_told: bool = False
    billing_attempted: bool = False
    billing_done: bool = False
    line_attempted: bool = False
    line_done: bool = False
    crm_cleared: bool = False
    withdrawal_comment_attempted: bool = False
    case_closed: bool = False
    withdrawn_told: bool = False
    withdrawn_at: datetime | None = None
    error_code: str | None = None
    error_message: str | None = None
    history: list[str] = field(default_factory=list)

    @property
    def reference(self) -> str:
        return f"portal-cancel:{self.id}"

    @property
    def registered(self) -> bool:
        return self.crm_recorded and self.case_id is not None and self.scheduled_told

    def withdrawable(self, now: datetime) -> bool:
        return self.state is CancellationState.SCHEDULED and now < self.cutoff_at

    def withdraw(self, now: datetime) -> None:
        self._move(CancellationState.WITHDRAWING, now)
        self.withdrawn_at = now
        self.due_at = now

    def confirm(self, now: datetime) -> None:
        self._move(CancellationState.CONFIRMED, now)

    def finish(self, state: CancellationState, now: datetime, *, code: str | None = None, message: str = "") -> None:
        self._move(state, now, note=code)
        self.due_at = None
        if code:
            self.error_code, self.error_message = code, message

    def wait_until(self, moment: datetime, now: datetime) -> None:
        self.due_at = moment
        self.updated_at = now

    def line_day_starts(self) -> datetime:
        return tokyo_day_starts(self.end_date)

    def note(self, now: datetime, what: str) -> None:
        self.history.append(f"{now.isoformat()} {what}")
        self.updated_at = now

    def _move(self, state: CancellationState, now: datetime, *, note: str | None = None) -> None:
        self.note(now, f"{self.state.value}->{state.value}" + (f" {note}" if note else ""))
        self.state = state
