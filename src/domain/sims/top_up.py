"""A data top-up: its price, and the record of its saga step by step (recovery points).

The customer buys 100-51,200 MB (1-50 GB in the UI); 1 GB is 1,024 MB and every started GB costs ¥500, so 1,500 MB
is billed as 2 GB: ¥1,000. The saga: WHMCS invoice → capture from the card on file → Freebit quota add. Each step is
recorded as *attempted* before it is sent and as done when it is, so a crash or an unknown outcome resumes by looking
the step's effect up (the invoice by the reference in its notes, the quota by its quota code) before sending again.
A quota add Freebit definitely refuses after the money was taken is made good: the amount goes back to the
customer's WHMCS account and staff get a case.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from domain.errors import DomainError

MB_PER_GB = 1024
MIN_TOP_UP_MB = 100
MAX_TOP_UP_MB = 50 * MB_PER_GB
YEN_PER_STARTED_GB = Decimal(500)
TOP_UP_CURRENCY = "JPY"


class TopUpAmountError(DomainError):
    code: ClassVar[str] = "TOP_UP_AMOUNT_INVALID"
    field: ClassVar[str | None] = "quotaMb"

    def __init__(self, quota_mb: int) -> None:
        super().__init__(f"A top-up is {MIN_TOP_UP_MB:,} to {MAX_TOP_UP_MB:,} MB; {quota_mb:,} MB is not offered.")


def billed_gb(quota_mb: int) -> int:
    if not MIN_TOP_UP_MB <= quota_mb <= MAX_TOP_UP_MB:
        raise TopUpAmountError(quota_mb)
    return math.ceil(quota_mb / MB_PER_GB)


def top_up_price(quota_mb: int) -> Decimal:
    """¥500 per started GB, before tax."""
    return YEN_PER_STARTED_GB * billed_gb(quota_mb)


class TopUpState(StrEnum):
    PENDING = "pending"  # accepted; the worker is taking it through its steps
    COMPLETED = "completed"  # paid and the data added
    PAYMENT_FAILED = "payment_failed"  # the card was refused: nothing charged, the invoice cancelled
    REFUNDED = "refunded"  # paid, Freebit refused the data: the money went back and staff were told
    REFUND_PENDING = "refund_pending"  # as refunded, but WHMCS refused the credit: staff refund it by hand

    @property
    def finished(self) -> bool:
        return self is not TopUpState.PENDING


class TopUpStep(StrEnum):
    """In order; `step` on the record is the last one completed."""

    ACCEPTED = "accepted"
    INVOICED = "invoiced"
    PAID = "paid"
    DATA_ADDED = "data_added"
    REFUNDED = "refunded"  # compensation: the amount credited back
    CASE_OPENED = "case_opened"  # compensation: staff told
    NOTIFIED = "notified"

    @property
    def rank(self) -> int:
        return list(TopUpStep).index(self)


@dataclass(slots=True)
class TopUp:
    id: str  # our operation id: the invoice reference and the Freebit quota code are made from it
    user_id: str
    account_id: str  # the CRM account (notifications, cases, cache scope)
    client_id: int  # WHMCS
    sim_id: int  # the WHMCS service
    msisdn: str
    idempotency_key: str
    quota_mb: int
    amount: Decimal
    expires_on: date  # when the added data lapses (Freebit `expire`)
    created_at: datetime
    updated_at: datetime
    state: TopUpState = TopUpState.PENDING
    step: TopUpStep = TopUpStep.ACCEPTED
    invoice_attempted: bool = False
    invoice_id: int | None = None
    capture_attempted: bool = False
    quota_attempted: bool = False
    refund_attempted: bool = False
    case_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    history: list[str] = field(default_factory=list)

    @property
    def reference(self) -> str:
        """Written on the invoice and the credit, so either can be found again after a lost answer."""
        return f"portal-top-up:{self.id}"

    @property
    def quota_code(self) -> str:
        return f"topup-{self.id}"

    @property
    def gb(self) -> int:
        return billed_gb(self.quota_mb)

    def done(self, step: TopUpStep) -> bool:
        return self.step.rank >= step.rank

    def complete(self, step: TopUpStep, now: datetime) -> None:
        if step.rank > self.step.rank:
            self._note(now, f"{self.step.value}->{step.value}")
            self.step = step
        self.updated_at = now

    def finish(self, state: TopUpState, now: datetime, *, code: str | None = None, message: str | None = None) -> None:
        self._note(now, f"{self.state.value}->{state.value}" + (f" {code}" if code else ""))
        self.state, self.error_code, self.error_message = state, code, message
        self.updated_at = now

    def _note(self, now: datetime, what: str) -> None:
        self.history.append(f"{now.isoformat()} {what}")
