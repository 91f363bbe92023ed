"""How one run of an order's fulfilment ended, and the signals its steps raise."""

from __future__ import annotations

from enum import StrEnum

import msgspec

from domain.orders.fulfilment_errors import FulfilmentErrorCode


class Outcome(StrEnum):
    COMPLETED = "completed"  # activated (now or earlier)
    WAITING = "waiting"  # an activation is still running upstream: run again after `retry_in_seconds`
    STOPPED = "stopped"  # paused or failed with a code the CRM now shows; an agent re-triggers
    SKIPPED = "skipped"  # the order does not ask for fulfilment (any more): nothing done


class FulfilmentResult(msgspec.Struct, frozen=True, kw_only=True):
    outcome: Outcome
    retry_in_seconds: float | None = None
    error_code: str | None = None


class StepFailedError(Exception):
    """A definite failure: retrying as things are cannot help."""

    def __init__(self, code: FulfilmentErrorCode, message: str) -> None:
        super().__init__(f"{code.value}: {message}")
        self.code = code
        self.message = message


class StillActivatingError(Exception):
    """Freebit accepted the activation and is still carrying it out."""
