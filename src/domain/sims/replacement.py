"""A physical SIM card replacement (lost, stolen or broken card): the record of its saga, step by step.

A new card comes from our SIM stock and is shipped through a Salesforce case; the customer keeps the number. When it
arrives, the customer confirms it with the 15-character number printed on it (proof they hold it), and the worker
moves the line to it at Freebit. The swap is asynchronous and the old card keeps working until Freebit has activated
the new one, so the customer is never without service; then the card's number is written to the WHMCS service's
"Serial Number" field. Each write is marked *attempted* before it is sent and looked up before it is sent again;
`version` fences every save (two workers never both go on from the same state).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from domain.errors import DomainError


class CardNumberMismatchError(DomainError):
    code: ClassVar[str] = "SIM_CARD_MISMATCH"
    field: ClassVar[str | None] = "productNumber"

    def __init__(self) -> None:
        super().__init__("That is not the number printed on the replacement card we sent.")


class ReplacementState(StrEnum):
    SHIPPING = "shipping"  # a card allocated (or waiting for stock) and a case for shipping it
    ACTIVATING = "activating"  # the customer has the card: the line is moving to it
    COMPLETED = "completed"  # the new card is active, the old one stopped
    FAILED = "failed"  # refused for good: staff have a case

    @property
    def open(self) -> bool:
        return self in (ReplacementState.SHIPPING, ReplacementState.ACTIVATING)


class ReplacementStep(StrEnum):
    """In order; `step` on the record is the last one completed."""

    REQUESTED = "requested"
    ALLOCATED = "allocated"  # a card from stock
    CASE_OPENED = "case_opened"  # staff ship it
    SWAP_SENT = "swap_sent"  # Freebit accepted the move to the new card
    SWAPPED = "swapped"  # Freebit runs the line on the new card: the old one no longer works
    SERIAL_RECORDED = "serial_recorded"  # WHMCS knows the new card

    @property
    def rank(self) -> int:
        return list(ReplacementStep).index(self)


@dataclass(slots=True)
class SimReplacement:
    id: str
    user_id: str
    account_id: str
    client_id: int
    sim_id: int
    msisdn: str
    idempotency_key: str
    reason: str  # lost / stolen / damaged
    old_product_number: str
    created_at: datetime
    updated_at: datetime
    new_product_number: str | None = None
    state: ReplacementState = ReplacementState.SHIPPING
    step: ReplacementStep = ReplacementStep.REQUESTED
    activation_requested: bool = False  # the customer confirmed the card arrived
    swap_attempted: bool = False
    case_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    history: list[str] = field(default_factory=list)
    version: int = 0

    @property
    def reference(self) -> str:
        return f"portal-sim-replacement:{self.id}"

    @property
    def stock_key(self) -> str:
        """What the stock records the card went to (its order column holds 18 characters)."""
        return f"RPL{self.id[:15]}"

    def done(self, step: ReplacementStep) -> bool:
        return self.step.rank >= step.rank

    def complete(self, step: ReplacementStep, now: datetime) -> None:
        if step.rank > self.step.rank:
            self._note(now, f"{self.step.value}->{step.value}")
            self.step = step
        self.updated_at = now

    def move(
        self, state: ReplacementState, now: datetime, *, code: str | None = None, message: str | None = None
    ) -> None:
        self._note(now, f"{self.state.value}->{state.value}" + (f" {code}" if code else ""))
        self.state = state
        if code is not None:
            self.error_code, self.error_message = code, message
        self.updated_at = now

    def _note(self, now: datetime, what: str) -> None:
        self.history.append(f"{now.isoformat()} {what}")
