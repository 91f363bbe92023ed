"""Telling a customer that something happened: a stored notification, kept once per (account, kind, source).

The port is shared by everything that notifies (the change consumer, the worker's sagas, the journeys); the store
behind it owns deduplication, so a redelivered event or a retried step never notifies twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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
    CANCELLATION_WITHDRAWN = "cancellation.withdrawn"
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Notification:
    id: int  # increasing in creation order: the list's order and its cursor
    sf_account_id: str
    kind: NotificationKind
    source_id: str
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class NotificationPage:
    items: tuple[Notification, ...]
    next_before: int | None  # pass as `before` for the next (older) page; None: this was the last


class NotificationInbox(Protocol):
    """One account's notifications, as the customer reads them. Every call is scoped by the account, so another
    account's notification is simply not found."""

    async def page(self, sf_account_id: str, *, before: int | None, limit: int) -> NotificationPage:
        """Newest first, those with an id below `before` (all when None)."""
        ...

    async def unread_count(self, sf_account_id: str) -> int: ...

    async def mark_read(self, sf_account_id: str, notification_id: int, *, at: datetime) -> bool:
        """False when the account has no such notification (already read is still True)."""
        ...

    async def mark_all_read(self, sf_account_id: str, *, at: datetime) -> int:
        """How many were unread."""
        ...

    async def purge_created_before(self, cutoff: datetime) -> int:
        """The retention reaper: every account's notifications older than `cutoff`, read or not."""
        ...
