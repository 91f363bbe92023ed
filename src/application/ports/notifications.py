"""Telling a customer that something happened: a stored notification, kept once per (account, kind, source).

The port is shared by everything that notifies (the change consumer, the worker's sagas, the journeys); the store
behind it owns deduplication, so a redelivered event or a retried step never notifies twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class NotificationKind(StrEnum):
    ELIGIBILITY_DECIDED = "eligibility.decided"
    ORDER_APPROVED = "order.approved"
    ORDER_ACTIVATED = "order.activated"
    ORDER_FAILED = "order.failed"
    VERIFICATION_VERIFIED = "verification.verified"
    VERIFICATION_REJECTED = "verification.rejected"
    CANCELLATION_SCHEDULED = "cancellation.scheduled"
    TOP_UP_DONE = "sim.top_up.done"
    TOP_UP_FAILED = "sim.top_up.failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class NotificationDraft:
    """What happened to whom. `source_id` names the thing it happened to (an order, a top-up, a case…): with the
    account and the kind it is what makes a notification unique."""

    sf_account_id: str
    kind: NotificationKind
    source_id: str
    title: str
    body: str


class NotificationRecorder(Protocol):
    async def record(self, draft: NotificationDraft) -> bool:
        """Store the notification unless one with the same (account, kind, source) exists; True when it is new."""
        ...
